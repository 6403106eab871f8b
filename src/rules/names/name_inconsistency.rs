//! NM001 name-inconsistency: one person or place spelled two ways in a story, or a spelling
//! the house style replaces.

use rustc_hash::FxHashMap as HashMap;

use super::{Context, Family, Output, Rule, RuleMeta};
use crate::document::attribution::Attributions;
use crate::document::names::inflection::inflected_pair;
use crate::document::names::lexicon::{HouseEntry, norm_into};
use crate::document::names::variant::{Keys, Kinship, light, swapped, word_match};
use crate::document::names::{Mention, NameLexicons, NameMentions, NameWord};
use crate::document::{Document, Section};
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, Lexicons};
use crate::span::Span;

pub struct NameInconsistency;

pub static META: RuleMeta = RuleMeta {
    name: "name-inconsistency",
    code: "NM001",
    family: Family::Names,
    severity: Severity::Warning,
    supersedes: &[],
    summary: "One person or place spelled two ways in a story (\"Shtayyeh\"/\"Shtayyah\"), or against the house style (\"Zelensky\" for \"Zelenskyy\")",
    explain: r#"## What it flags
A name spelled more than one way in the same story: `Shmyhal` in one paragraph and `Shmygal`
in the next, `Odesa` and `Odessa`, `Mohammad Shtayyeh` and `PM Shtayyah`, or a middle word
of a longer name (`Yandier Garcia Labrada` beside `Yandier García Labrada`: a Spanish first
surname, a middle name). The minority spelling is flagged and the majority one suggested; on a
tie, the spelling the story's other name words use more (`García Labrada` twice) is kept, then
the earlier one. The message lists every spelling in the story with its count. A full name
written with other word breaks (`Kim Yo Jong` and `Kim Yo-jong`) counts as two spellings too.
An office and its country run into a name (`Prime Minister of Armenia Nikol Pashinyan`) still
pair with the name alone (`Nikol Pashiniyan`): a shorter name is compared with a longer one's
last words. A spelling the house style replaces (`Kiev` for `Kyiv`, `Gaddafi` for
`Gadhafi`) is flagged even when it is the only one in the story (severity `info`, confidence
`low`: other agencies spell by their own style, so it shows with `--min-confidence low`). It
is raised to `medium` when the story mixes two romanisation systems: it writes another place of
the same system the house way (`Kyiv` and `Zaporizhzhia` beside `Odessa` and `Donbass`; the
house-style lexicon's `system` column groups the Ukrainian-based place names).
A known newsmaker's name misspelled (`Antony Blinkin` beside `Antony Blinken`) is reported
once, by `entity-corruption`, which names the person.

## Why it matters
Translation, and round trips through machine translation, transliterate the same Arabic,
Cyrillic or Persian name differently from one sentence to the next. Readers take two spellings
for two people; search and archive links break; a desk that publishes `Zelensky` and
`Zelenskyy` on one page looks careless.

## Example
```text
Prime Minister Mohammad Shtayyeh said on Sunday the talks would go ahead. Shtayyeh added that
unity was needed. Speaking later, Shtayyah said the authority was ready.
```

## Better
```text
Prime Minister Mohammad Shtayyeh said on Sunday the talks would go ahead. Shtayyeh added that
unity was needed. Speaking later, Shtayyeh said the authority was ready.
```

## False positives
Spellings are compared word by word after folding case, accents, doubled letters and common
transliteration differences (`kh`/`h`, `q`/`gh`, `y`/`j`/`i`, `ou`/`u`, `-ov`/`-off`); one
further vowel or `g`/`h`-type change, or two neighbouring letters swapped (`Kotzias`/`Kotizas`,
a typing slip), is allowed inside a long word, never at its end, so `Russia`/`Russian`,
`Niger`/`Nigeria`, `Ivanov`/`Ivanova`, `Marian`/`Marina` and `Austria`/`Australia` stay apart.
Surnames are linked only to the one full name they end (`Abbas` goes with `Mahmoud Abbas`,
not `Abbas Araghchi`); entity lexicons keep listed different people apart. Names inside
quotation marks are ignored (a quote may keep another language's spelling), as are title-case
headlines, datelines and `al-` articles (`Bashar al-Assad` ... `Assad`). A spelling in another
script than the name's first one is a gloss (`Dariga Nazarbayeva (Дарига Назарбаева)`), not a
second spelling. An abbreviation with no vowel (`Stks` beside `Stcks`, `Ind Tl-F` beside
`Ind Ttl-F` in a table's row heads) is a shortening, not a name. Case forms are
grammar, not spelling: Russian case endings (`Путин`/`Путина`, `Зеленским`/`Зеленском`), the
German genitive (`Habecks`) and Turkish suffixes after an apostrophe (`Erdoğan'ın`) are read as
one name and never flagged; a drifted case form is compared with the same name's case forms
(`Зеленскыго` -> `Зеленского`), and in Russian copy the suggestion keeps the case. A spelling used
consistently, accents included (`Erdoğan`), is never flagged. Confidence is high for accent
and double-letter differences and listed variants, medium for transliteration variants, low
for one-letter drift. Turn it off with `[rules.name-inconsistency] enabled = false`, or keep
only sure findings with `min-confidence = "high"`.

## Lexicon
`lexicons/names/house-style.en.tsv` (`house-style`: preferred spelling, variants; replace an
entry by adding a row with `--lexicon FILE`, drop all embedded entries with a `*` row),
`lexicons/names/variants.tsv` (`name-variants`, from rigour/Wikidata: confirms two spellings are
one name), `lexicons/names/name-words.tsv` (titles, particles, sentence openers per language),
`lexicons/entities/*.tsv` (`entities`: tells one person from another),
`lexicons/names/distinct.tsv` (`distinct-names`: look-alike names of different places and
organisations, such as `Shanxi`/`Shaanxi` or `Hubei`/`Hebei`, never read as one name).
"#,
    lexicons: &[
        "lexicons/names/house-style.en.tsv",
        "lexicons/names/variants.tsv",
        "lexicons/names/name-words.tsv",
        "lexicons/entities/people.tsv",
        "lexicons/names/distinct.tsv",
    ],
};

impl Rule for NameInconsistency {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        NameLexicons::prepare(lexicons)
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let names = doc.analysis::<NameMentions>(cx.lexicons);
        let lx = NameLexicons::of(cx.lexicons);
        let mut flagged = Flagged::default();
        // words of an outlet's name of several words (`Agência Brasil`, `CNN Brasil`) are the
        // outlet's spelling, not the story's: `Brasil` there is no variant of `Brazil`
        let outlets = || -> Vec<Span> {
            doc.analysis::<Attributions>(cx.lexicons).outlets.iter().map(|o| o.span).filter(|&s| doc.slice(s).contains(' ')).collect()
        };
        in_story(doc, &names, &lx, outlets, out, &mut flagged);
        spacing_variants(doc, &names, out, &mut flagged);
        house_style(doc, &names, &lx, out, &mut flagged);
    }
}

/// Full names written with different word breaks: `Kim Yo Jong` / `Kim Yo-jong`,
/// `Abdel Fattah` / `Abdelfattah`. Equal once spaces, hyphens, case and accents are ignored,
/// they are one name; the minority spelling is flagged.
fn spacing_variants(doc: &Document, names: &NameMentions, out: &mut Output, flagged: &mut Flagged) {
    // two forms need two different surfaces with one light key: most stories have none (each
    // surface's key built once)
    // (a scan finds a story's few surfaces; a long document's thousands are hashed, or the
    // look-ups made it quadratic, #16)
    let mut surfaces: Vec<&str> = Vec::with_capacity(names.mentions.len().min(64));
    let mut seen: Option<rustc_hash::FxHashSet<&str>> = None;
    let compared = |m: &&Mention| m.is_full() && !m.quoted && m.section != Section::Headline;
    for m in names.mentions.iter().filter(compared) {
        let surface = doc.slice(m.span);
        let new = match &mut seen {
            Some(set) => set.insert(surface),
            None => !surfaces.contains(&surface),
        };
        if new {
            surfaces.push(surface);
            if seen.is_none() && surfaces.len() > 32 {
                seen = Some(surfaces.iter().copied().collect());
            }
        }
    }
    if surfaces.len() < 2 {
        return;
    }
    // ASCII surfaces with one light key begin and end with the same letters or digits (case
    // aside): when every surface is ASCII, only those sharing their ends are keyed
    let ends = |s: &str| -> Option<(u8, u8)> {
        let mut alnum = s.bytes().filter(u8::is_ascii_alphanumeric);
        let f = alnum.next()?;
        Some((f.to_ascii_lowercase(), alnum.next_back().unwrap_or(f).to_ascii_lowercase()))
    };
    if surfaces.iter().all(|s| s.is_ascii()) {
        let e: Vec<Option<(u8, u8)>> = surfaces.iter().map(|s| ends(s)).collect();
        let mut count: HashMap<(u8, u8), usize> = HashMap::default();
        for x in e.iter().flatten() {
            *count.entry(*x).or_default() += 1;
        }
        let mut i = 0;
        surfaces.retain(|_| {
            i += 1;
            e[i - 1].is_none_or(|x| count[&x] > 1)
        });
        if surfaces.len() < 2 {
            return;
        }
    }
    let mut keys: Vec<String> = surfaces.iter().map(|s| light(s)).filter(|k| k.len() >= 6).collect();
    keys.sort_unstable();
    if !keys.windows(2).any(|w| w[0] == w[1]) {
        return;
    }
    let mut groups: Vec<(String, Vec<(String, Span)>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::default();
    // (a table's row head with an abbreviation, `Ind Tl-F` beside `Ind Ttl-F`, is no name: read
    // only here, for the few stories with two surfaces of one key)
    for m in names.mentions.iter().filter(compared) {
        let surface = doc.slice(m.span);
        if surface.split(' ').any(vowelless_abbreviation) {
            continue;
        }
        let key = light(surface);
        if key.len() < 6 {
            continue;
        }
        match group_of.get(&key) {
            Some(&g) => groups[g].1.push((surface.to_string(), m.span)),
            None => {
                group_of.insert(key.clone(), groups.len());
                groups.push((key, vec![(surface.to_string(), m.span)]));
            }
        }
    }
    for (_, mentions) in groups {
        // forms that differ in their word breaks, not merely in case
        let mut forms: Vec<(&str, Vec<Span>)> = Vec::new();
        for (surface, span) in &mentions {
            match forms.iter_mut().find(|(f, _)| word_breaks(f) == word_breaks(surface)) {
                Some((_, v)) => v.push(*span),
                None => forms.push((surface.as_str(), vec![*span])),
            }
        }
        if forms.len() < 2 {
            continue;
        }
        let (target, target_spans) = majority(&forms, |f| &f.1, |f| name_words_spelled_as_name(names, f.0));
        let list = forms.iter().map(|(f, v)| format!("{f} ×{}", v.len())).collect::<Vec<_>>().join(", ");
        let first = forms.iter().min_by_key(|f| f.1[0].start).map(|f| f.0) == Some(*target);
        let against = if target_spans.len() > 1 {
            format!("`{target}` (used {} times)", target_spans.len())
        } else if first {
            format!("`{target}` (used first)")
        } else {
            format!("`{target}` (the spelling of {} of the story's name words)", name_words_spelled_as_name(names, target))
        };
        for (form, spans) in &forms {
            if form == target {
                continue;
            }
            // the same letters in other words, or (folded alike) other accents or doubled letters
            let how = if letters(form) == letters(target) { "spaces or hyphens" } else { "accents, doubled letters, spaces or hyphens" };
            for &span in spans {
                // a word of it already flagged (`Naser` in `Naser Hamdan`) is one slip, reported once
                if flagged.overlaps(span) || !flagged.insert(span) {
                    continue;
                }
                let msg = format!(
                    "`{form}` and {against} look like one name spelled two ways (they differ only in {how}); this story has {list}"
                );
                out.push(Finding::new(&META, span, Confidence::High, msg).replace_with(target.to_string(), Applicability::Unsafe));
            }
        }
    }
}

/// A name's letters and digits, lower-cased: equal for two spellings that differ only in their
/// word breaks.
fn letters(name: &str) -> String {
    name.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect()
}

/// Where a name breaks into words: the positions (in letters) of its spaces and hyphens.
fn word_breaks(name: &str) -> Vec<(usize, bool)> {
    let mut out: Vec<(usize, bool)> = Vec::new();
    let mut letters = 0;
    for c in name.chars() {
        if c.is_alphanumeric() {
            letters += 1;
        } else if matches!(c, ' ' | '-' | '\u{a0}') && out.last().is_none_or(|b| b.0 != letters) {
            out.push((letters, c == '-'));
        }
    }
    out
}

/// The spans already flagged: a set, which can also say whether any of them overlaps a span
/// (by a range query over spans sorted by start, reaching back by the longest span's length).
#[derive(Default)]
struct Flagged {
    spans: std::collections::BTreeSet<Span>,
    longest: usize,
}

impl Flagged {
    /// Adds a span; `false` when it was already there.
    fn insert(&mut self, span: Span) -> bool {
        self.longest = self.longest.max(span.len());
        self.spans.insert(span)
    }

    /// Does any flagged span overlap `span`?
    fn overlaps(&self, span: Span) -> bool {
        let from = Span::new(span.start.saturating_sub(self.longest), 0);
        self.spans.range(from..Span::new(span.end, 0)).any(|f| f.start < span.end && span.start < f.end)
    }
}

/// Known variants of a house-style spelling, longest match first. A variant is weak evidence
/// alone (low); it is raised to medium when the story writes another entry of the same
/// romanisation system the house way (`Kyiv` beside `Odessa`): then the copy mixes two systems.
fn house_style(doc: &Document, names: &NameMentions, lx: &NameLexicons, out: &mut Output, flagged: &mut Flagged) {
    let max = lx.house.max_words.max(1);
    // (the buffers sized once for the story, not grown: #16)
    let mut normed = String::with_capacity(64);
    // word tokens of each mention outside quotes, the last one cut at the possessive (one list
    // of spans, and each mention's range in it)
    let mut spans: Vec<Span> = Vec::with_capacity(2 * names.mentions.len());
    let mut ranges: Vec<(usize, usize)> = Vec::with_capacity(names.mentions.len());
    for m in names.mentions.iter().filter(|m| !m.quoted) {
        let from = doc.tokens.partition_point(|t| t.span.start < m.span.start);
        let start = spans.len();
        spans.extend(
            doc.tokens[from..]
                .iter()
                .take_while(|t| t.span.start < m.span.end)
                .filter(|t| t.is_word())
                .map(|t| Span::new(t.span.start, t.span.end.min(m.span.end))),
        );
        ranges.push((start, spans.len()));
    }
    let mentions = ranges.iter().map(|&(a, b)| &spans[a..b]);
    let mut hits: Vec<(Span, &HouseEntry)> = Vec::new();
    for words in mentions.clone() {
        let mut i = 0;
        while i < words.len() {
            let mut hit = None;
            for n in (1..=max.min(words.len() - i)).rev() {
                let span = Span::new(words[i].start, words[i + n - 1].end);
                let text = doc.slice(span);
                if !lx.house.may_be_variant(text) {
                    continue;
                }
                norm_into(&mut normed, text);
                if let Some(e) = lx.house.variant_of(&normed, names.lang) {
                    hit = Some((n, span, e));
                    break;
                }
            }
            match hit {
                Some((n, span, e)) => {
                    hits.push((span, e));
                    i += n;
                }
                None => i += 1,
            }
        }
    }
    // the house forms of system entries the story writes (only looked for when a variant has a system)
    let mut house_forms: Vec<&HouseEntry> = Vec::new();
    if hits.iter().any(|(_, e)| !e.system.is_empty()) {
        for words in mentions {
            for i in 0..words.len() {
                for n in 1..=max.min(words.len() - i) {
                    norm_into(&mut normed, doc.slice(Span::new(words[i].start, words[i + n - 1].end)));
                    if let Some(e) = lx.house.preferred(&normed, names.lang).filter(|e| !e.system.is_empty()) {
                        house_forms.push(e);
                    }
                }
            }
        }
    }
    for (span, e) in hits {
        // already flagged as an in-story inconsistency (which suggests the house form)
        if flagged.overlaps(span) {
            continue;
        }
        flagged.insert(span);
        let mixed = house_forms.iter().find(|h| h.system == e.system && h.preferred != e.preferred);
        out.push(house_finding(doc, span, e, mixed.copied()));
    }
}

fn house_finding(doc: &Document, span: Span, e: &HouseEntry, mixed: Option<&HouseEntry>) -> Finding {
    let text = doc.slice(span);
    let finding = match mixed {
        Some(other) => Finding::new(
            &META,
            span,
            Confidence::Medium,
            format!(
                "`{text}` is the other romanisation of `{}`, while this story writes `{}` the house way: it mixes two spelling systems ({})",
                e.preferred, other.preferred, e.source
            ),
        ),
        None => Finding::new(
            &META,
            span,
            // other agencies legitimately use other styles (Reuters: Zelenskiy), so a lone
            // house-style mismatch is weak evidence: shown with --min-confidence low, or when a
            // newsroom raises it in config
            Confidence::Low,
            format!("`{text}` is a variant spelling; house style is `{}` ({})", e.preferred, e.source),
        )
        .with_severity(Severity::Info),
    };
    finding.replace_with(e.preferred.clone(), Applicability::Unsafe)
}

/// The form used most often; on a tie, the one whose words the story's names use more
/// (`elsewhere`), then the earliest. `forms` is not empty, and neither is any form's list of
/// spans (sorted).
fn majority<T>(forms: &[T], spans: impl Fn(&T) -> &[Span], elsewhere: impl Fn(&T) -> usize) -> &T {
    forms
        .iter()
        .max_by(|a, b| {
            spans(a)
                .len()
                .cmp(&spans(b).len())
                .then_with(|| elsewhere(a).cmp(&elsewhere(b)))
                .then(spans(b)[0].start.cmp(&spans(a)[0].start))
        })
        .expect("at least one form")
}

/// How many of the story's name words are spelled as one of `lowers` (lower-cased words, read
/// from the words' shared keys), and how many of those stand in quotations: the tie-breaker of
/// two spellings used equally often (`Mississippi Supreme Court` once and `Misssissippi Supreme
/// Court` once, in a story that writes `Mississippi` eight times), for whole names and for one
/// word's forms alike, and a word's quoted uses, which count towards its majority.
fn name_words_spelled_as(names: &NameMentions, lowers: &[&str]) -> (usize, usize) {
    let (mut all, mut quoted) = (0, 0);
    for m in &names.mentions {
        let n = m.words.iter().filter(|w| lowers.contains(&w.keys.lower.as_str())).count();
        all += n;
        if m.quoted {
            quoted += n;
        }
    }
    (all, quoted)
}

/// The lower-cased words of a name as written (`Misssissippi Supreme Court`).
fn lower_words(surface: &str) -> Vec<String> {
    surface.split([' ', '-', '\u{a0}']).filter(|w| !w.is_empty()).map(str::to_lowercase).collect()
}

/// [`name_words_spelled_as`] for a whole name as written.
fn name_words_spelled_as_name(names: &NameMentions, surface: &str) -> usize {
    let words = lower_words(surface);
    let lowers: Vec<&str> = words.iter().map(String::as_str).collect();
    name_words_spelled_as(names, &lowers).0
}

/// Does a word hold letters of two scripts (`Kоrea`, Latin with a Cyrillic `о`)?
fn mixes_scripts(word: &str) -> bool {
    if word.is_ascii() {
        return false;
    }
    let mut scripts = word.chars().filter(|c| c.is_alphabetic()).filter_map(crate::document::segment::script_of);
    let first = scripts.next();
    scripts.any(|s| Some(s) != first)
}

/// Is a word an abbreviation with no vowel in it (`Stks`, `Ttl-F`, `Mkt`: a table's row and
/// column heads)? Its shortenings (`Stks` beside `Stcks`) are not two spellings of a name. An
/// initial (`W.`) and an all-capitals acronym (`NHS`) are not such abbreviations.
fn vowelless_abbreviation(word: &str) -> bool {
    let b = word.as_bytes();
    word.is_ascii()
        && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2
        && b.iter().any(u8::is_ascii_lowercase)
        && !b.iter().any(|&c| c == b'.' || matches!(c.to_ascii_lowercase(), b'a' | b'e' | b'i' | b'o' | b'u' | b'y'))
}

struct Form<'a> {
    keys: &'a Keys,
    surface: &'a str,
    spans: Vec<Span>,
}

/// Minority spellings within each family of mentions.
/// `outlets` gives the spans of outlets' multi-word names; it is asked only for a story with two
/// spellings in one slot.
fn in_story(
    doc: &Document,
    names: &NameMentions,
    lx: &NameLexicons,
    outlets: impl Fn() -> Vec<Span>,
    out: &mut Output,
    flagged: &mut Flagged,
) {
    let outlet_spans = std::cell::OnceCell::new();
    for fam in &names.families {
        // one spelling in each slot (nearly every family: most have one name): nothing to
        // compare, no slot to collect
        if one_spelling(names, fam) {
            continue;
        }
        // slot 0: first words of full names; slot 1: surnames (last words, and lone words);
        // then the middle words of full names of three words or more, one slot per length and
        // position (`Yandier García Labrada` / `Yandier Garcia Labrada`: a Spanish first
        // surname, a middle name)
        let mut slots: Vec<Vec<&NameWord>> = vec![Vec::new(), Vec::new()];
        let mut middle: Vec<(usize, usize)> = Vec::new();
        for &mi in &fam.mentions {
            let m = &names.mentions[mi];
            if m.is_full() {
                slots[0].push(&m.words[0]);
            }
            slots[1].push(m.last());
            for (i, w) in m.words.iter().enumerate().take(m.words.len().saturating_sub(1)).skip(1) {
                match middle.iter().position(|&at| at == (m.words.len(), i)) {
                    Some(k) => slots[2 + k].push(w),
                    None => {
                        middle.push((m.words.len(), i));
                        slots.push(vec![w]);
                    }
                }
            }
        }
        for slot in &slots {
            // one spelling only (nearly every slot): nothing to compare, no outlet to look up
            if slot.iter().all(|w| w.keys.lower == slot[0].keys.lower) {
                continue;
            }
            let outlets: &Vec<Span> = outlet_spans.get_or_init(&outlets);
            let mut forms: Vec<Form<'_>> = Vec::new();
            // a word mixing scripts (`Kоrea` with a Cyrillic `о`) is mixed-script's finding: its
            // look-alike letters are not a second spelling; nor is an abbreviation's
            let spelling = |w: &&&NameWord| {
                let s = doc.slice(w.span);
                !outlets.iter().any(|o| o.contains(w.span)) && !mixes_scripts(s) && !vowelless_abbreviation(s)
            };
            for w in slot.iter().filter(spelling) {
                match forms.iter_mut().find(|f| f.keys.lower == w.keys.lower) {
                    Some(f) => f.spans.push(w.span),
                    None => forms.push(Form { keys: &w.keys, surface: doc.slice(w.span), spans: vec![w.span] }),
                }
            }
            // a spelling in another script than the first one's is a gloss in the original
            // script (`Dariga Nazarbayeva (Дарига Назарбаева)`) or a fragment left untranslated,
            // not a second spelling of the name
            let script = |f: &Form<'_>| f.surface.chars().find(|c| c.is_alphabetic()).and_then(crate::document::segment::script_of);
            if forms.len() >= 2 {
                let first = forms.iter().min_by_key(|f| f.spans.iter().map(|s| s.start).min()).map(script).unwrap_or_default();
                forms.retain(|f| script(f) == first);
            }
            if forms.len() < 2 {
                continue;
            }
            for f in &mut forms {
                f.spans.sort();
            }
            check_slot(names, lx, fam.confirmed, &forms, out, flagged);
        }
    }
}

/// Does a family spell each slot (first words of its full names, middle words of full names
/// of one length, last words) one way?
fn one_spelling(names: &NameMentions, fam: &crate::document::names::Family) -> bool {
    let same = |a: &NameWord, b: &NameWord| std::sync::Arc::ptr_eq(&a.keys, &b.keys) || a.keys.lower == b.keys.lower;
    let (mut first, mut last): (Option<&NameWord>, Option<&NameWord>) = (None, None);
    // the first full name of each length of three words or more, whose middle words the
    // others of that length repeat
    let mut long: Vec<&[NameWord]> = Vec::new();
    for &mi in &fam.mentions {
        let m = &names.mentions[mi];
        if m.is_full() {
            let w = &m.words[0];
            if !first.is_none_or(|f| same(f, w)) {
                return false;
            }
            first = Some(w);
        }
        if m.words.len() >= 3 {
            match long.iter().find(|l| l.len() == m.words.len()) {
                Some(l) => {
                    if !l[1..l.len() - 1].iter().zip(&m.words[1..]).all(|(a, b)| same(a, b)) {
                        return false;
                    }
                }
                None => long.push(&m.words),
            }
        }
        let w = m.last();
        if !last.is_none_or(|l| same(l, w)) {
            return false;
        }
        last = Some(w);
    }
    true
}

fn check_slot(names: &NameMentions, lx: &NameLexicons, confirmed: bool, forms: &[Form<'_>], out: &mut Output, flagged: &mut Flagged) {
    let lang = names.lang;
    // the target: a house-style spelling present, else one the house style maps to, else the majority
    let mut house: Option<String> = forms.iter().find(|f| lx.house.preferred(&f.keys.lower, lang).is_some()).map(|f| f.surface.to_string());
    if house.is_none() {
        house = forms.iter().find_map(|f| {
            let e = lx.house.variant_of(&f.keys.lower, lang)?;
            (!e.preferred.contains(' ') && word_match(&Keys::new(&e.preferred), f.keys).is_some()).then(|| e.preferred.clone())
        });
    }
    // the spelling the copy uses most: quoted mentions are never flagged, but they count here
    // (`Incirlik` three times in quotes and once outside is the copy's spelling, not `İncirlik`);
    // on a tie, the spelling the story's name words use more (`García` in `García Labrada` for
    // a tied middle word of `Yandier García Labrada`), then the earliest. Each form's name
    // words are counted once: (all of them, those in quotations)
    let counts: Vec<(usize, usize)> = forms.iter().map(|f| name_words_spelled_as(names, &[f.keys.lower.as_str()])).collect();
    let (majority, &(majority_all, majority_quoted)) = forms
        .iter()
        .zip(&counts)
        .max_by(|(a, (all_a, qa)), (b, (all_b, qb))| {
            (a.spans.len() + qa).cmp(&(b.spans.len() + qb)).then(all_a.cmp(all_b)).then(b.spans[0].start.cmp(&a.spans[0].start))
        })
        .expect("at least two forms");
    let (target_text, target_keys) = match &house {
        Some(h) => (h.clone(), Keys::new(h)),
        None => (majority.surface.to_string(), majority.keys.clone()),
    };
    let target_count = forms.iter().find(|f| f.keys.lower == target_keys.lower).map(|f| f.spans.len()).unwrap_or(0);
    let case_forms: Vec<&Form<'_>> =
        forms.iter().filter(|g| g.keys.lower != target_keys.lower && inflected_pair(&g.keys.lower, &target_keys.lower, lang)).collect();
    // the list names the spellings of this one word: a slot may hold another word too (the
    // first word of `Supreme Court` beside that of `Mississippi Supreme Court`, one family by
    // their last words)
    let kin = |f: &Form<'_>| {
        f.keys.lower == target_keys.lower
            || word_match(f.keys, &target_keys).is_some()
            || case_forms.iter().any(|g| g.keys.lower == f.keys.lower || word_match(f.keys, g.keys).is_some())
    };
    let mut listed: Vec<&Form<'_>> = forms.iter().filter(|f| kin(f)).collect();
    listed.sort_by(|a, b| b.spans.len().cmp(&a.spans.len()).then(a.spans[0].start.cmp(&b.spans[0].start)));
    let list = listed.iter().map(|f| format!("{} ×{}", f.surface, f.spans.len())).collect::<Vec<_>>().join(", ");
    for (f, &(f_all, _)) in forms.iter().zip(&counts) {
        if f.keys.lower == target_keys.lower {
            continue;
        }
        // grammar, not spelling: `Зеленским` / `Зеленском`, `Habeck` / `Habecks`
        if inflected_pair(&f.keys.lower, &target_keys.lower, lang) {
            continue;
        }
        // in copy that declines names, a drifted case form is compared with the target's
        // own case forms in the story (`Зеленскыго` / `Зеленского`)
        let (kin, case_form) = match word_match(f.keys, &target_keys) {
            Some(k) => (k, None),
            None => match case_forms.iter().find_map(|g| word_match(f.keys, g.keys).map(|k| (k, g))) {
                Some((k, g)) => (k, Some(g.surface)),
                None => continue,
            },
        };
        let listed_variant = lx.variants.confirms(&f.keys.light, &target_keys.light) || confirmed || house.is_some();
        let mut confidence = match kin {
            Kinship::Same | Kinship::Typographic => Confidence::High,
            Kinship::Transliteration => Confidence::Medium,
            Kinship::Near if target_count >= 2 && f.spans.len() == 1 => Confidence::Medium,
            Kinship::Near => Confidence::Low,
        };
        if listed_variant {
            confidence =
                confidence.max(Confidence::Medium).max(if kin >= Kinship::Transliteration { Confidence::High } else { Confidence::Medium });
        }
        let why = match kin {
            Kinship::Same | Kinship::Typographic => "they differ only in accents, doubled letters or hyphens",
            Kinship::Transliteration => "two transliterations",
            Kinship::Near if swapped(&f.keys.heavy, &target_keys.heavy) => "two neighbouring letters swapped",
            Kinship::Near => "one letter apart",
        };
        let second = forms.iter().filter(|g| g.keys.lower != target_keys.lower).map(|g| g.spans.len()).max().unwrap_or(0);
        let against = if let Some(g) = case_form {
            format!("`{g}` (a case form of `{target_text}`)")
        } else if house.is_some() {
            format!("the house spelling `{target_text}`")
        } else if target_count > second {
            format!("`{target_text}` (used {target_count} times)")
        } else if majority.keys.lower == target_keys.lower && majority_quoted > 0 {
            format!("`{target_text}` (used {} times, counting quotations)", target_count + majority_quoted)
        } else if majority.keys.lower == target_keys.lower && majority_all > f_all {
            format!("`{target_text}` (the spelling of {majority_all} of the story's name words)")
        } else {
            format!("`{target_text}` (used first)")
        };
        // in copy that declines names, the target may stand in another case: suggest it only
        // when both forms end alike (`Арагчи` -> `Аракчи`, not `Зеленскым` -> `Зеленского`)
        let suggestion = match case_form {
            Some(g) => Some(g.to_string()),
            None => (!declines(lang) || f.surface.chars().last() == target_text.chars().last()).then(|| target_text.clone()),
        };
        for &span in &f.spans {
            if !flagged.insert(span) {
                continue;
            }
            let finding = Finding::new(
                &META,
                span,
                confidence,
                format!("`{}` and {against} look like one name spelled two ways ({why}); this story has {list}", f.surface),
            );
            out.push(match &suggestion {
                Some(s) => finding.replace_with(s.clone(), Applicability::Unsafe),
                None => finding,
            });
        }
    }
}

/// Copy languages whose names take case endings without an apostrophe.
fn declines(lang: &str) -> bool {
    matches!(lang, "ru")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags, run};

    #[test]
    fn flags_minority_surname_spelling() {
        assert_flags(
            &NameInconsistency,
            "Prime Minister Mohammad Shtayyeh said the talks would go ahead. Shtayyeh added that unity was needed. \
             Speaking later, PM Shtayyah said the authority was ready.",
            &["Shtayyah"],
        );
    }

    #[test]
    fn flags_place_spelled_two_ways() {
        assert_flags(
            &NameInconsistency,
            "Drones hit the port of Odesa overnight. Officials in Odesa said two people were hurt. Grain ships left Odessa later.",
            &["Odessa"],
        );
    }

    #[test]
    fn flags_house_style_variant_even_alone() {
        assert_flags(&NameInconsistency, "The mayor of Kiev said the city was calm.", &["Kiev"]);
        assert_fix(&NameInconsistency, "Talks with Muammar Gaddafi's envoy ended.", "Talks with Moammar Gadhafi's envoy ended.");
    }

    #[test]
    fn flags_a_middle_word_spelled_two_ways() {
        // a Spanish first surname between the given name and the second surname; the tie
        // between the two full names goes to the spelling the short form also uses
        assert_flags(
            &NameInconsistency,
            "The activist Yandier Garcia Labrada was jailed on Monday. García Labrada was arrested in 2020, and \
             García Labrada has been held since. Lawyers for Yandier García Labrada will appeal.",
            &["Garcia"],
        );
        // different middle names of one length are not spellings of each other
        assert_flags(&NameInconsistency, "Maria Elena Rojas won the vote. Her rival Maria Luisa Rojas said the count was fair.", &[]);
    }

    #[test]
    fn flags_given_name_drift_in_full_names() {
        assert_flags(
            &NameInconsistency,
            "Mohammad Shtayyeh met envoys on Monday. On Tuesday Mohammed Shtayyeh flew to Cairo, where Mohammad Shtayyeh spoke.",
            &["Mohammed"],
        );
    }

    #[test]
    fn flags_a_full_name_written_with_other_word_breaks() {
        assert_flags(
            &NameInconsistency,
            "Kim Yo Jong, the sister of leader Kim Jong Un, issued a statement on Sunday. Officials in Seoul said they would respond. \
             \"We will send many times more,\" Kim Yo-jong said later, adding that Kim Yo Jong would not back down.",
            &["Kim Yo-jong"],
        );
    }

    #[test]
    fn ignores_korean_names_written_one_way_and_hyphenated_adjectives() {
        assert_clean(
            &NameInconsistency,
            "President Yoon Suk-yeol met Lee Jae-myung's envoy. Yoon Suk-yeol said the Hamas-led talks and the Fatah-dominated authority \
             were discussed, while former president Moon Jae-in stayed away. Moon Jae-in later spoke to reporters.",
        );
    }

    #[test]
    fn message_lists_forms_with_counts() {
        let (_, f) = run(&NameInconsistency, "Andrii Sybiha spoke. Officials said Sybiha left. Later Sybiga returned.");
        assert_eq!(f.len(), 1);
        assert!(f[0].message.contains("Sybiha ×2, Sybiga ×1"), "{}", f[0].message);
    }

    #[test]
    fn ignores_different_people_with_near_names() {
        assert_clean(
            &NameInconsistency,
            "Iranian Foreign Minister Abbas Araghchi met Palestinian President Mahmoud Abbas. Araghchi said Abbas agreed. \
             North Korean leader Kim Jong Un and his sister Kim Yo Jong watched the launch.",
        );
    }

    #[test]
    fn ignores_neighbouring_countries_and_demonyms() {
        assert_clean(
            &NameInconsistency,
            "Troops from Austria and Australia joined. Slovakia and Slovenia voted no. Niger and Nigeria closed the border. \
             Russian officials said Russia would respond; Israeli troops left Israel. King Abdullah of Jordan met Michael Jordan.",
        );
    }

    #[test]
    fn ignores_look_alike_names_of_different_places() {
        assert_clean(
            &NameInconsistency,
            "Floods hit Shanxi province on Monday, and rescuers were sent from neighbouring Shaanxi. \
             Officials in Hubei said farmland in Hebei was also under water. \
             Troops raided the town of Arrab near Jenin, and police entered an Arab neighbourhood of Jerusalem. \
             Russia's foreign ministry spokeswoman spoke on Radio Rossiya.",
        );
    }

    #[test]
    fn ignores_consistent_accents_and_articles() {
        assert_clean(
            &NameInconsistency,
            "President Recep Tayyip Erdoğan spoke in Ankara. Erdoğan said Turkey was ready. Bashar al-Assad replied; Assad was defiant.",
        );
    }

    #[test]
    fn ignores_spellings_inside_quotes() {
        assert_clean(
            &NameInconsistency,
            "Kyiv was calm on Monday. A Spanish daily wrote: \"El presidente Zelenski visitó Kyiv.\" Volodymyr Zelenskyy later spoke.",
        );
    }

    fn lang_flags(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
        let (doc, f) = crate::rules::testing::run_lang(&NameInconsistency, text, Some(lang));
        f.iter().map(|f| (doc.slice(f.span).to_string(), f.suggestion.as_ref().map(|s| s.replacement.clone()))).collect()
    }

    #[test]
    fn ignores_russian_case_forms() {
        let text = "Президент Владимир Зеленский выступил в Раде. По словам Зеленского, армия готова. \
                    Переговоры с Зеленским продолжатся, сообщили в Киеве. О Зеленском говорили и в Москве. \
                    Сергей Лавров ответил. Лаврову позвонили, и разговор с Лавровым длился час.";
        assert_eq!(lang_flags(text, "ru"), vec![]);
    }

    #[test]
    fn flags_russian_drift_in_a_case_form() {
        let text = "Президент Владимир Зеленский выступил в Раде. По словам Зеленского, армия готова. \
                    Встреча с Зеленским не состоялась, в окружении Зеленскыго это подтвердили, и Зеленский уехал.";
        assert_eq!(lang_flags(text, "ru"), vec![("Зеленскыго".to_string(), Some("Зеленского".to_string()))]);
    }

    #[test]
    fn no_suggestion_across_russian_cases() {
        // `Арагчи` is indeclinable: suggest; `Лаврава` (drift) ends like no form of `Лавров` in the story
        let text = "Глава МИД Ирана Аббас Аракчи прибыл в Москву. Аракчи встретился с министром. Позже Арагчи уехал.";
        assert_eq!(lang_flags(text, "ru"), vec![("Арагчи".to_string(), Some("Аракчи".to_string()))]);
    }

    #[test]
    fn ignores_german_genitive() {
        let text = "Bundeskanzler Olaf Scholz reiste nach Paris. Scholz' Sprecher und Habecks Ministerium schwiegen. \
                    Vizekanzler Robert Habeck sagte, Habeck werde bleiben.";
        assert_eq!(lang_flags(text, "de"), vec![]);
    }

    #[test]
    fn flags_drift_in_a_turkish_suffixed_form() {
        let text = "Ukrayna Devlet Başkanı Volodimir Zelenskiy, Kiev'de konuştu. Zelenskiy'nin ofisi açıklama yaptı. \
                    Türk heyeti, Zelenski'ye Cumhurbaşkanı Recep Tayyip Erdoğan'ın selamlarını iletti.";
        assert_eq!(lang_flags(text, "tr"), vec![("Zelenski".to_string(), Some("Zelenskiy".to_string()))]);
    }

    #[test]
    fn ignores_turkish_suffixes() {
        let text = "Cumhurbaşkanı Recep Tayyip Erdoğan, Vladimir Putin ile görüştü. Erdoğan'ın açıklamasına göre \
                    Putin'e teşekkür edildi. Erdoğan'a Putin'in mesajı iletildi; Emine Erdoğan da Ankara'daydı.";
        assert_eq!(lang_flags(text, "tr"), vec![]);
    }

    #[test]
    fn flags_a_sentence_opening_transliteration_of_a_surname() {
        let text = "Der ukrainische Präsident Wolodymyr Selenskyj reiste nach Kopenhagen, sagte Selenskyj am Mittwoch. \
                    Selenskij verwies auf die Angriffe auf Charkiw.";
        assert_eq!(lang_flags(text, "de"), vec![("Selenskij".to_string(), Some("Selenskyj".to_string()))]);
    }

    #[test]
    #[ignore = "a surname shared by two people in one story links to neither; their own spelling drift is missed"]
    fn flags_drift_of_an_ambiguous_surname() {
        assert_flags(
            &NameInconsistency,
            "Ali Khamenei and Mojtaba Khamenei met. Later Khamenei spoke, and Khamenei agreed, but Khameini left.",
            &["Khameini"],
        );
    }
}
