//! EN001 `entity-corruption`: a known entity's name corrupted in translation.
//!
//! Three shapes, all driven by the entity lexicon (`lexicons/entities/`):
//! 1. a multi-word organisation name with one word swapped for a known confusion or a
//!    near-miss ("Israeli Jihad" for "Islamic Jihad"), anchored on the name's distinctive word;
//! 2. a newsmaker's surname a letter or two off ("Antony Blinkin"), supported by the first
//!    name, the person's role nearby, or the correct name elsewhere in the story;
//! 3. an outlet's name translated as a common word after an attribution cue
//!    ("quoted from Compass" for the Indonesian daily *Kompas*).
//!
//! Candidate generation is indexed: anchor-token maps for organisations, a deletion index
//! (SymSpell-style, one deletion on each side) for surnames; no scan of the lexicon per token.
//! The bulk lists (about 36,000 legislators, 12,000 organisations, 2,900 newspapers, generated
//! from open data) are compiled by build.rs into sorted tables ([`super::bulk`]) that cost
//! nothing at start-up.
//!
//! Per story the work is one pass over the words and then only the few words each shape can
//! use (#16). The view ([`words::WordView`]) folds each word and looks it up once in the
//! index's word classes (which tables the key is in, and the names it anchors; an ASCII word
//! of up to sixteen bytes is folded and looked up as packed `u64`s, without a hash), and lists
//! each shape's candidates as it goes. An anchor hit is triaged from the codes of the name's
//! tokens stored with it (first and last bytes, capitalisation, length, distinctiveness) before
//! the name is read: two certain differences, or one that the shape could never report, end it.
//! A capitalised unknown word's deletions are hashed in place and tested against a filter of
//! the deletion keys ([`crate::rules::entity::keys::Bloom`]) before any is written out; a
//! legislator's surname slip against a filter of (first name, surname deletion) pairs. A
//! letter-count bound rules out most candidate pairs before the edit distance.
//!
//! The files: `index.rs` (the entity index built from the lexicons), `words.rs` (the
//! document's words as the shapes read them), `spelling.rs` (how two spellings of a name word
//! compare), `orgs.rs` (shape 1), `people.rs` (shape 2) and `outlets.rs` (shape 3).

mod index;
mod load;
mod orgs;
mod outlets;
mod people;
mod spelling;
#[cfg(test)]
mod tests;
mod words;

use super::{Context, Family, Output, Rule, RuleMeta};
use crate::document::Document;
use crate::finding::{Confidence, Severity};
use crate::lexicon::{LexiconError, Lexicons};
use crate::span::Span;

use index::EntityIndex;
use orgs::{check_genitive_calques, check_organisations};
use outlets::{check_outlet_calques, check_outlet_slips};
use people::{check_first_names, check_people};
use words::WordView;

pub struct EntityCorruption;

pub static META: RuleMeta = RuleMeta {
    name: "entity-corruption",
    code: "EN001",
    family: Family::Entity,
    severity: Severity::Error,
    // a known newsmaker misspelled is also an in-story inconsistency; this finding names the person and the right form
    supersedes: &[crate::rules::Supersede { loser: "name-inconsistency", min_confidence: Confidence::Low }],
    summary: "A known entity's name corrupted in translation (\"Israeli Jihad\" for \"Islamic Jihad\", \"Antony Blinkin\")",
    explain: r#"## What it flags
The name of a known organisation, newsmaker or news outlet that came out of translation
corrupted, while every word in it is still a real word:

- a multi-word organisation name with one word swapped for a known confusion or a near-miss
  ("Israeli Jihad" for "Islamic Jihad", "Fast Support Forces" for the Rapid Support Forces,
  "Association of South East Asian Countries" for ASEAN), or written in another language's
  spelling ("Hayat Tahrir al-Syam", the Indonesian form, in English copy); a plural ending
  dropped from a word of a name of three words or more ("Pacific Island Forum") or added to its
  last word ("International Monetary Funds", "Moody's Investors Services"; not after `and`,
  where names share a plural head: "African and Asian Development Banks");
- an agency's name calqued with another derivation of its field word ("Japan Meteorology and
  Geophysics Agency" for the Japan Meteorological Agency);
- a newsmaker's name a letter or two off ("Antony Blinkin", "Annalena Baerback",
  "Ayman Safedi", "Rahul Ghandi"), when the first name, the person's role in the sentence, or
  the correct spelling elsewhere in the story supports the match; a repeated slip is reported
  once; or the first name a letter off before the right surname ("Kurdet Ozersay" for Kudret
  Özersay, "Nushir al-Masri" for Mushir al-Masri, "Volodomyr" for Volodymyr) when the story
  names the person's role;
- a news outlet's one-word name a letter or two off, or with letters moved, before "news
  agency", "newspaper" and the like ("the Andalou news agency" for Anadolu), including some
  2,900 newspapers of the world listed in Wikidata ("the Hamshari newspaper" for Hamshahri);
- a legislator's surname a letter or two off right after the legislator's first name
  ("Graham Bardy" for the British MP Graham Brady), for some 36,000 members of parliaments
  of every continent (EveryPolitician), when the story also names the surname spelt right, or
  the legislator's country, party or role;
- a named military operation rendered word for word from a genitive ("the shield of the
  Euphrates" for Operation Euphrates Shield);
- a news outlet's name translated as a common word after an attribution cue
  ("as quoted from Compass" for the Indonesian daily *Kompas*, "the newspaper The Country"
  for *El País*).

## Why it matters
Spell checkers accept every word of "Israeli Jihad", yet it names a group that does not exist
and, in a story about the Middle East, says something false and inflammatory. A corrupted
minister's name is a correction waiting to happen.

## Example
```text
It was said that those invited included militant groups Hamas and Israeli Jihad.
U.S. Secretary of State Antony Blinkin arrived in Cairo, as quoted from Compass.
```

## Better
```text
Those invited included the militant groups Hamas and Islamic Jihad.
U.S. Secretary of State Antony Blinken arrived in Cairo, the Indonesian daily Kompas reported.
```

## False positives
Names the lexicon does not know are never flagged on their own: an unknown surname close to a
known one needs the known person's first name, role or correct spelling in the story. Accepted
variants (Hezbollah/Hizbollah, Zelensky/Zelenskyy) are listed as aliases and never flagged, and a
spelling that is only a transliteration variant of a known name (Araqchi for Araghchi; the wire's
or the Russian romanisation of a Ukrainian name, Sinehubov or Sinegubov for Syniehubov; one vowel
for another that romanisations trade, a/e, e/i, i/y, o/u, a/o, a/u, e/y) is left
to `name-inconsistency`, except for names written natively in Latin script (`spelling` =
`fixed`), where "Kamala Haris" is a slip; a dropped doubled letter or a moved letter ("Ghandi")
needs the first name written before it, since "Haris" is also a name of its own; so do two
edits in a long surname ("Annalena Bierbeck"). A slip that
lands on another real name or a common word ("David Barnes" near David Barnea, "Games" near
Gates; `lexicons/names/near-names.tsv`), or that changes the first letter ("Gilad Halit"), also
needs the story to point at the newsmaker: the surname spelt right, a role word few others
share, or a common role in the same sentence with a rare first name. Social-media handles
("@DiazCanelB") are not name mentions, and the old Indonesian spelling of a name ("Soeharto",
"Daradjatoen") is a spelling system, not a slip. A name written as a listed legislator,
organisation or newspaper writes it ("Markus Meckel", "Swen Schulz") is a real name, never a
slip of a newsmaker's, and a word of a listed legislator's name counts as a real name of its
own (like a near-name). A listed legislator's slip needs the first name written right before
it and the story to point to the legislator twice over (the surname spelt right elsewhere, or
two of: the country, the party, a legislator's role word in the sentence); one vowel for
another ("Rajapakse"/"Rajapaksa") is a romanisation, not a slip; the finding is at medium
confidence only with strong support, else low (hidden by default). British and
American spellings and compounds written apart ("South East") are the same name.
If a legitimate name is flagged, add it to a user lexicon (`--lexicon my-entities.tsv`, kind
`entities`) or raise `min-confidence` for the rule in `wirelint.toml`:

```toml
[rules.entity-corruption]
min-confidence = "high"
```

## Lexicon
`lexicons/entities/organizations.tsv`, `lexicons/entities/people.tsv` and
`lexicons/entities/people-sport.tsv` (kind `entities`: canonical form, accepted aliases and role
words per language; `spelling` = `fixed` for names with no transliteration variants),
`lexicons/entities/confusions.tsv` (word confusions such as Israeli/Islamic; `anchor` = `yes`
when the wrong word alone may find a name of three or more words, or of two capitalised
distinctive words), `lexicons/entities/outlet-calques.tsv` (outlet names
translated as words), `lexicons/media/outlets.tsv` (outlet names),
`lexicons/names/near-names.tsv` (generated: real names and words near a newsmaker's name) and
`lexicons/entities/entity-words.tsv` (kind `entity-words`: the words read around a name by
role: `weak-anchor` words too common to anchor an organisation name, `title` words that may
stand before a surname, `legislator` words and phrases that say a person is a politician,
`newspaper` and `outlet` words that say the name before them is an outlet's). Add rows of any
of these kinds with `--lexicon FILE`.
Compiled into the binary by build.rs (not read from user lexicons):
`lexicons/entities/people-bulk.generated.tsv` (EveryPolitician legislators),
`lexicons/entities/organizations-bulk.generated.tsv` (parties, legislatures, listed companies,
universities) and `lexicons/media/outlets-bulk.generated.tsv` (Wikidata newspapers); the
country names of `lexicons/places/country-names.*.tsv`."#,
    lexicons: &[
        "lexicons/entities/organizations.tsv",
        "lexicons/entities/people.tsv",
        "lexicons/entities/people-sport.tsv",
        "lexicons/entities/confusions.tsv",
        "lexicons/entities/outlet-calques.tsv",
        "lexicons/media/outlets.tsv",
        "lexicons/names/near-names.tsv",
        "lexicons/entities/entity-words.tsv",
        "lexicons/entities/people-bulk.generated.tsv",
        "lexicons/entities/organizations-bulk.generated.tsv",
        "lexicons/media/outlets-bulk.generated.tsv",
        "lexicons/places/country-names.en.tsv",
    ],
};

impl Rule for EntityCorruption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        lexicons.index::<EntityIndex>().map(|_| ())
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let Ok(index) = cx.lexicons.index::<EntityIndex>() else { return };
        let lang = doc.language.unwrap_or("en");
        let mut keys = Vec::new();
        let words = WordView::new(doc, lang, &index, &mut keys);
        let scan = Scan { ix: &index, lexicons: cx.lexicons, doc, w: &words, lang };
        // spans already reported: a later shape does not report the same words again
        let mut flagged: Vec<Span> = Vec::new();
        check_organisations(&scan, out, &mut flagged);
        check_people(&scan, out, &mut flagged);
        check_first_names(&scan, out, &mut flagged);
        check_outlet_slips(&scan, out, &mut flagged);
        check_genitive_calques(&scan, out, &mut flagged);
        check_outlet_calques(&scan, out, &mut flagged);
    }
}

/// What every shape reads: the entity index, the lexicons, the story and its words, and the
/// copy language.
#[derive(Clone, Copy)]
struct Scan<'a> {
    ix: &'a EntityIndex,
    lexicons: &'a Lexicons,
    doc: &'a Document,
    w: &'a WordView<'a>,
    lang: &'a str,
}
