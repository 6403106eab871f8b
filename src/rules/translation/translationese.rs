//! TR001 translationese: word-for-word renderings of source-language phrases ("It is known
//! that" for Indonesian *Diketahui*). Single phrases that native writers also use stay at low
//! confidence; when several calques of one source language cluster in a story, they are
//! raised and the story is marked as likely translated from that language.

use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::document::Document;
use crate::document::facts::StoryFacts;
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, LexiconFile, LexiconIndex, Lexicons, Row};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

use super::language_name;

pub struct Translationese;

pub static META: RuleMeta = RuleMeta {
    name: "translationese",
    code: "TR001",
    family: Family::Translation,
    severity: Severity::Warning,
    supersedes: &[],
    summary: "Calques of the source language (\"It is known that\", \"In turn,\", \"It is worth mentioning that\")",
    explain: r#"## What it flags
Phrases that render a source-language construction word for word: Indonesian *Diketahui*
as "It is known that", *Dikatakan* as "It was said that", *pihak kepolisian* as "the party of
the police"; Russian *В свою очередь* as "In turn,"; Arabic *ومن الجدير بالذكر* as "It is
worth mentioning that"; Chinese *据悉* as "It is learned that". Agency formulas of the same
kind: Arabic "stressed the keenness of both countries to", "keenness to consolidate", "for his
part, underlined", "wishes of continued success", "prayed to the Almighty to"; Russian and
Central Asian "discussed issues of further strengthening", "current issues of regional
cooperation", "issues of the international agenda", "the head of the state noted", "highly appreciated the
growth of trade", "thanked for the warm words" (no object); French "the head of Algerian
diplomacy" (the foreign minister); Ukrainian
and Russian "the number of victims is being clarified" (*уточнюється*: not yet known); Malay,
Indonesian and Bengali "He said this while addressing ...", "told reporters when met at ...",
"said ... when confirmed by phone", "The minister stated this while speaking as the chief
guest", "He said this at a public meeting", Italian "says this in an interview"; Indonesian and
Korean "conveyed that" as a plain verb of saying; Spanish and Portuguese "this Saturday" for a
day just past ("called this Saturday for", "was held this Sunday", Brazilian "this Sunday (15)");
French and Indonesian agency copy's "On this occasion," in its own sentence; Russian "the sides
discussed", "According to the sides", and the agency credit "Kazinform cites the press service",
"BelTA learned from the press service", "As Ukrinform reported earlier,"; Bengali and Turkish "Mentioning that ..., the minister
said"; Arabic "In the same context,"; Korean state media's "expressed great satisfaction over the
fact that"; the impersonal hearsay of Korean, Japanese and Malay copy ("It is said that", "it is
being said that", "it was reported that"); Russian and Ukrainian "His identity is being
established", "There are no data on casualties"; Vietnamese "In the afternoon of November 18"; Vietnamese "the orientations on
promoting cooperation"; Moroccan and Gulf court copy "the Sovereign expresses" (the King),
"exchanged cordial talks", "the wise leadership", "a congratulatory cable", "under the
directives of the Crown Prince"; Russian and Ukrainian "infrastructure objects" (facilities),
"fired at the territory of", "the parties separately touched upon"; Chinese and Thai "provide
convenience and support"; Algerian "a working and inspection visit", Moroccan "a detachment that made
the honours"; KCNA "gave field guidance to", "leadership exploits"; Vietnamese "basically approved
the", "7 groups of solutions"; Arabic "the efforts exerted by", "developments, foremost of which";
Indonesian "a limited cabinet meeting", "Molotov bombs"; Russian "said following the results of the
talks"; Ukrainian, Russian and Arabic "the enemy army" outside quotations, Arabic and Persian "the
Zionist enemy", Arabic "the regional and international arenas", Arabic and French "his wishes of
continued welfare"; Russian, Uzbek, Korean and Chinese "an exchange of opinions", "Views were
exchanged"; Indonesian and Mongolian "informed during", "he informed on the"; Russian, Azerbaijani
and Uzbek "got acquainted with the progress", "pressing issues on the bilateral agenda"; Bengali "as
the chief guest"; French and Georgian "reads a statement of", "indicates a press release from";
Russian, Azerbaijani and Kazakh "announced the holding of", "in connection with the holding of"; the
president by office ("wrote the Head of State", "According to the head of state"); Russian and
Kazakh "forces and means", "eliminate the consequences of", "was considered at the Government
session", "Kazinform cites", "About this said", "answered questions of journalists"; Chinese
"complementary advantages", "the vast developing countries"; a courtesy title with an office as a
sentence's subject, as French, Indonesian, Malay, Arabic, Spanish and Portuguese address a person
("Mr. President has ordered"). And English calques in other
copy languages (Spanish "tomar lugar", French "faire du sens", German "eine Entscheidung
genommen", Turkish "anlam yapmıyor", Indonesian "dalam urutan untuk"). In English copy it also
flags a present perfect with a finished past time ("the statement has been made on April 29",
"has been summoned yesterday"): Bulgarian, Macedonian, Albanian, Romanian and South Asian desks
carry the source's tense over, where English uses the simple past ("was made on April 29").
A date after `since`, `until`, `for` or `to`, and `would have been` or `to have been`, are
left alone.
It also flags an attribution in the French (and Macedonian, Arabic) order, the verb first, then
the day and the place, then the speaker at the sentence's end: `"...," said Wednesday in Oran
Minister of Water Resources Karim Benali.` (French *a indiqué mercredi à Oran le ministre*);
English names the speaker first. The verb must follow a comma or quotation mark and what comes
after the place must be the speaker alone (`said Monday in Geneva that ...`, `said Tuesday in
Kyiv President Zelensky would ...` are left alone).

## Why it matters
Calques mark machine or hurried translation. They add empty words, hide who is speaking
("It was said that ..." by whom?) and read as foreign. Several calques of one language in a
story tell the desk it was translated from that language, which matters for sourcing.

## Example
`It is known that the group has long been at odds with the authority.`
`It was said that those invited included Hamas.`

## Better
`The group has long been at odds with the authority.`
`Those invited included Hamas, Bogdanov said.`

## False positives
Some of these phrases are also ordinary English ("It should be noted that", "For its part,"):
alone they get low confidence, and the weakest are reported only when other calques of the
same language appear. Phrases with a literal reading ("at the end of the day" in every
language, Indonesian "mengambil tempat" for people taking their places) are low or
cluster-only, and native idioms that look like calques (Spanish "jugar un papel", German
"eine Rolle spielen", Turkish "açıklamada bulundu") are not listed. The agency formulas are
narrowed to their calque form: `keenness to` only before a verb of cooperation (not "his
keenness to play"), `for his part` mid-sentence only before a formal verb (`stressed`,
`affirmed`, not `said`), `wishes of` not after `the`, `against` or a possessive ("against the
wishes of health campaigners"), `is being clarified` only after a word for casualties or damage
("the rules are being clarified" is left alone), `the head of the state` only before a verb or
a stop ("the head of the state's agency", "the head of the state party" are left alone),
`said this when` not after `I`, `we` or `you`, `highly appreciated` not after `is`, `was`, `be`
or `very` ("your help is highly appreciated"), `thanked for the warm words` only without an
object ("thanked him for the warm words" is left alone), and `when confirmed` only before a
stop or `by phone` and the like ("when confirmed by the Senate" is left alone). Raise the bar with `--min-confidence medium` or
`[rules.translationese] min-confidence = "medium"`.

## Lexicon
`lexicons/phrases/calques.<copy-language>.tsv` (kind `calques`: `pattern source anchor
confidence original better note`); add your own with `--lexicon`. A `source` of `mul` marks a
courtesy form of many languages (`His Excellency`, `Honorable` before a name): it names no source
language and does not count towards a cluster. Patterns are words matched
case-insensitively at word boundaries: `{a|b}` is a choice, `{a |}` an optional part, `{#}` a
number in digits, `{!was|were}` at the start means "after a word of the sentence that is not
*was* or *were*" (so "informed that" is flagged and "was informed that" is not), and `{Name}`
at the end means the next word starts with a capital letter (`{!Name}`: it does not, so
`official Tokyo` is flagged and `official Tokyo Stock Exchange data` is not), and `{!of|and}` at
the end means the next word is none of these (`the President of the Republic` is flagged, `the
President of the Republic of Uzbekistan`, a state's full title, is not). The `anchor`
column says where the phrase must stand: `start` (of a sentence), `lead` (of a sentence outside a
quotation: the agency's `On this occasion, ...`, not a speaker's), `clause` (or after a comma, colon or dash),
`quote` (right after a closing quotation mark, for the inverted `..." declares Meloni`),
`credit` (closing the sentence after a comma and one to three capitalised words, for the agency
credit tail `..., UNN reports.`), `undated` (in lower case outside a quotation, but only in a
story with no dateline, in the text, in the input's metadata or as a capital alone on its line
above the lead (`Jakarta`): agency copy says `here on Tuesday` for the dateline city, and once a
re-host drops the dateline, `here` points nowhere), `narrative` (outside a quotation: the state
media's `our country` is a speaker's in a quote and a slip in the reporter's own sentence) or
`any`."#,
    lexicons: &[
        "lexicons/phrases/calques.en.tsv",
        "lexicons/phrases/calques.id.tsv",
        "lexicons/phrases/calques.es.tsv",
        "lexicons/phrases/calques.fr.tsv",
        "lexicons/phrases/calques.de.tsv",
        "lexicons/phrases/calques.pt.tsv",
        "lexicons/phrases/calques.ru.tsv",
        "lexicons/phrases/calques.tr.tsv",
    ],
};

/// The `source` of a courtesy form of many languages (`His Excellency`): it names no source
/// language and does not count towards a cluster.
const ANY_SOURCE: &str = "mul";

/// Where a calque may stand in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Anchor {
    Start,
    /// At the start of a sentence outside a quotation: the agency's own `On this occasion, ...`,
    /// not a speaker's `"On this occasion it was Arsenal," he said`.
    Lead,
    Clause,
    /// Right after a closing quotation mark (and a comma or dash): `..., ” declares Meloni`.
    Quote,
    /// Closing its sentence after a comma and one to three capitalised words: the credit tail
    /// `..., Ukrinform reports.`
    Credit,
    /// Anywhere outside a quotation, in lower case, in a story with no dateline (in the text, in
    /// the input's metadata, or a capital alone on its line above the lead): `here` then points
    /// nowhere.
    Undated,
    /// Anywhere outside a quotation: the state media's first person, `our country`, is the
    /// speaker's in a quote and a translation's slip in the reporter's own sentence.
    Narrative,
    Any,
}

/// A single occurrence's strength; `None` = only with company.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Strength {
    None,
    Low,
    Medium,
    High,
}

impl Strength {
    fn weight(self) -> u32 {
        self as u32
    }
}

struct Calque {
    pattern: String,
    /// `{!a|b}` at the start: the match must follow a word of its sentence, and not one of these
    /// (lower-cased): "informed that" but not "was informed that".
    not_after: Option<Vec<String>>,
    /// `{Name}` at the end: the next word must start with a capital letter (it is not part of the
    /// match): "in an interview to TASS" but not "in an interview to be aired"; `{!Name}`: it
    /// must not.
    then: Then,
    /// Patterns with `{#}` (a number in digits) are matched by a regular expression, not the
    /// automaton.
    regex: Option<NumberExpr>,
    sources: Vec<String>,
    anchor: Anchor,
    strength: Strength,
    original: String,
    better: String,
    note: String,
}

/// One copy language's calques behind one automaton.
struct LanguageCalques {
    calques: Vec<Calque>,
    /// Expanded literal pattern -> calque index.
    targets: Vec<usize>,
    /// The expanded literal forms, in pattern order.
    forms: Vec<String>,
    /// Their matcher, built the first time a story of this language is checked (#16:
    /// start-up builds none; a run of English copy builds one of the eight).
    matcher: OnceLock<Matcher>,
    /// Calques with a `{#}` number slot, matched by their own expression.
    numbered: Vec<usize>,
}

/// Calque lexicons by copy language.
pub struct CalqueIndex {
    by_lang: HashMap<String, LanguageCalques>,
}

/// An expanded literal form of a pattern and the calque it belongs to.
type Form = (String, usize);

/// Most literal forms one pattern may expand to.
const MAX_EXPANSIONS: usize = 512;

/// Stands for `{#}` while a pattern is expanded.
const NUMBER_SLOT: char = '\u{1}';

/// What must follow a calque's match: anything, a capitalised word (`{Name}`), not one
/// (`{!Name}`: `official Tokyo` but not `official Tokyo Stock Exchange data`), or none of some
/// words (`{!of}`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Then {
    Any,
    Name,
    NoName,
    /// `{!of|and}` at the end: the next word is not one of these (lower-cased):
    /// `the President of the Republic` but not `the President of the Republic of Uzbekistan`.
    NotWords(Vec<String>),
}

/// What a pattern says beyond its literal forms: the `{!…}` prefix, the `{Name}` suffix, and
/// the body with `{#}` replaced by [`NUMBER_SLOT`].
fn split_conditions(pattern: &str) -> Result<(Option<Vec<String>>, String, Then), String> {
    let mut body = pattern.trim();
    let mut not_after = None;
    if let Some(inner) = body.strip_prefix("{!") {
        let close = inner.find('}').ok_or("unclosed `{!`")?;
        not_after = Some(inner[..close].split('|').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect());
        body = inner[close + 1..].trim_start();
    }
    let mut then = Then::Any;
    for (suffix, what) in [("{!Name}", Then::NoName), ("{Name}", Then::Name)] {
        if let Some(rest) = body.strip_suffix(suffix) {
            body = rest.trim_end();
            then = what;
            break;
        }
    }
    if then == Then::Any
        && body.ends_with('}')
        && let Some(open) = body.rfind("{!")
        && !body[open..].contains(' ')
    {
        let words: Vec<String> =
            body[open + 2..body.len() - 1].split('|').map(|w| w.trim().to_lowercase()).filter(|w| !w.is_empty()).collect();
        if words.is_empty() {
            return Err("`{!…}` at the end names no word".into());
        }
        then = Then::NotWords(words);
        body = body[..open].trim_end();
    }
    if body.contains("{!") || body.contains("{Name}") {
        return Err("`{!…}` only at the start or the end, and `{Name}` or `{!Name}` only at the end".into());
    }
    Ok((not_after, body.replace("{#}", &NUMBER_SLOT.to_string()), then))
}

/// A `{#}` calque's expression, compiled at its first use, when a story holds one of its probe
/// words (#16: compiling the four built-in expressions cost 19 M instructions of every start-up).
/// A bad pattern is still reported when its lexicon loads: its braces are expanded there, and the
/// expression is the escaped forms joined by a fixed number expression, valid by construction (a
/// test compiles every embedded one). It is not parsed at load: parsing the 240 forms of the
/// `in the {morning|...} of {January|...} {#}{st|...}` row alone cost 31 M instructions, 3 ms of
/// every start-up.
struct NumberExpr {
    source: String,
    compiled: OnceLock<Option<regex::Regex>>,
}

impl NumberExpr {
    /// The compiled expression; `None` only if it outgrows the regex crate's size limit, which a
    /// pattern of at most [`MAX_EXPANSIONS`] escaped forms does not.
    fn regex(&self) -> Option<&regex::Regex> {
        self.compiled.get_or_init(|| regex::Regex::new(&self.source).ok()).as_ref()
    }
}

/// One case-insensitive expression for the forms of a pattern with a `{#}` number slot.
fn number_expr(forms: &[String]) -> NumberExpr {
    // an ASCII boundary and digits: with a Unicode `\b` the lazy DFA gives up on the first
    // non-ASCII byte and the slow PikeVM reads the whole story (word boundaries in Unicode are
    // checked on each match by `at_word_boundaries`)
    let number = r"(?-u:\b)[0-9]{1,3}(?:\.[0-9]+)?";
    let alts: Vec<String> = forms.iter().map(|f| f.split(NUMBER_SLOT).map(regex::escape).collect::<Vec<_>>().join(number)).collect();
    let source = format!("(?i){}", alts.join("|"));
    NumberExpr { source, compiled: OnceLock::new() }
}

/// Expands `{a|b}` choices into literal strings.
fn expand(pattern: &str) -> Result<Vec<String>, String> {
    // the pattern's pieces: literal text, or a brace's choices
    let mut pieces: Vec<Vec<&str>> = Vec::new();
    let mut count = 1usize;
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('{') {
            let close = inner.find('}').ok_or("unclosed `{`")?;
            let choices: Vec<&str> = inner[..close].split('|').collect();
            count = count.saturating_mul(choices.len());
            if count > MAX_EXPANSIONS {
                return Err(format!("expands to more than {MAX_EXPANSIONS} forms"));
            }
            pieces.push(choices);
            rest = &inner[close + 1..];
        } else {
            let next = rest.find('{').unwrap_or(rest.len());
            if rest[..next].contains('}') {
                return Err("`}` without `{`".into());
            }
            pieces.push(vec![&rest[..next]]);
            rest = &rest[next..];
        }
    }
    // every form, the last brace's choice varying fastest; double spaces left by empty choices
    // collapsed (#16: a string per brace per form, then a vector of words per form, were half of
    // the calque index's build at start-up)
    let mut forms = Vec::with_capacity(count);
    let mut at = vec![0usize; pieces.len()];
    let mut raw = String::new();
    loop {
        raw.clear();
        for (p, &i) in pieces.iter().zip(&at) {
            raw.push_str(p[i]);
        }
        let mut form = String::with_capacity(raw.len());
        for w in raw.split_whitespace() {
            if !form.is_empty() {
                form.push(' ');
            }
            form.push_str(w);
        }
        if !form.is_empty() {
            forms.push(form);
        }
        // the next choice, odometer-wise from the last piece
        let Some(k) = (0..pieces.len()).rev().find(|&k| at[k] + 1 < pieces[k].len()) else { break };
        at[k] += 1;
        at[k + 1..].iter_mut().for_each(|i| *i = 0);
    }
    Ok(forms)
}

/// [`expand`] as it was written first, for the test that holds the two equal.
#[cfg(test)]
fn expand_oracle(pattern: &str) -> Result<Vec<String>, String> {
    let mut outs = vec![String::new()];
    let mut rest = pattern;
    while !rest.is_empty() {
        if let Some(inner) = rest.strip_prefix('{') {
            let close = inner.find('}').ok_or("unclosed `{`")?;
            let choices: Vec<&str> = inner[..close].split('|').collect();
            outs = outs.iter().flat_map(|o| choices.iter().map(move |c| format!("{o}{c}"))).collect();
            if outs.len() > MAX_EXPANSIONS {
                return Err(format!("expands to more than {MAX_EXPANSIONS} forms"));
            }
            rest = &inner[close + 1..];
        } else {
            let next = rest.find('{').unwrap_or(rest.len());
            if rest[..next].contains('}') {
                return Err("`}` without `{`".into());
            }
            for o in &mut outs {
                o.push_str(&rest[..next]);
            }
            rest = &rest[next..];
        }
    }
    Ok(outs.into_iter().map(|o| o.split_whitespace().collect::<Vec<_>>().join(" ")).filter(|o| !o.is_empty()).collect())
}

fn parse_row(file: &LexiconFile, row: &Row, cols: &[usize; 6]) -> Result<Calque, LexiconError> {
    let [src, anchor, conf, original, better, note] = *cols;
    let anchor = match row.get(anchor) {
        "start" => Anchor::Start,
        "lead" => Anchor::Lead,
        "clause" => Anchor::Clause,
        "quote" => Anchor::Quote,
        "credit" => Anchor::Credit,
        "undated" => Anchor::Undated,
        "narrative" => Anchor::Narrative,
        "any" | "" => Anchor::Any,
        a => return Err(file.error(row, format!("anchor `{a}`: expected start, lead, clause, quote, credit, undated, narrative or any"))),
    };
    let strength = match row.get(conf) {
        "high" => Strength::High,
        "medium" => Strength::Medium,
        "low" => Strength::Low,
        "none" => Strength::None,
        c => return Err(file.error(row, format!("confidence `{c}`: expected high, medium, low or none"))),
    };
    let sources: Vec<String> = row.list(src).map(str::to_string).collect();
    if sources.is_empty() {
        return Err(file.error(row, "empty `source`: name the language the calque comes from"));
    }
    let (not_after, body, then) = split_conditions(row.get(0)).map_err(|e| file.error(row, format!("pattern: {e}")))?;
    let regex = if body.contains(NUMBER_SLOT) {
        let forms = expand(&body).map_err(|e| file.error(row, format!("pattern: {e}")))?;
        Some(number_expr(&forms))
    } else {
        None
    };
    Ok(Calque {
        pattern: body,
        not_after,
        then,
        regex,
        sources,
        anchor,
        strength,
        original: row.get(original).to_string(),
        better: row.get(better).to_string(),
        note: row.get(note).to_string(),
    })
}

impl LexiconIndex for CalqueIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut raw: BTreeMap<String, (Vec<Calque>, Vec<Form>)> = BTreeMap::new();
        for file in lexicons.of_kind("calques") {
            let cols = [
                file.require("source")?,
                file.require("anchor")?,
                file.require("confidence")?,
                file.require("original")?,
                file.require("better")?,
                file.require("note")?,
            ];
            let entry = raw.entry(file.lang.clone()).or_default();
            for row in &file.rows {
                let calque = parse_row(file, row, &cols)?;
                let id = entry.0.len();
                if calque.regex.is_none() {
                    let forms = expand(&calque.pattern).map_err(|e| file.error(row, format!("pattern: {e}")))?;
                    entry.1.extend(forms.iter().flat_map(|f| case_variants(f, &file.lang)).map(|f| (f, id)));
                }
                entry.0.push(calque);
            }
        }
        let mut by_lang = HashMap::default();
        for (lang, (calques, forms)) in raw {
            let (forms, targets) = forms.into_iter().unzip();
            let numbered = calques.iter().enumerate().filter(|(_, c)| c.regex.is_some()).map(|(i, _)| i).collect();
            by_lang.insert(lang, LanguageCalques { calques, targets, forms, matcher: OnceLock::new(), numbered });
        }
        Ok(CalqueIndex { by_lang })
    }
}

/// A literal form and its other-case initial when that letter is not ASCII (the automaton
/// folds ASCII case only): "на ежедневной основе" also as "На ежедневной основе", "à la fin"
/// as "À la fin". Turkish and Azerbaijani pair dotted and dotless i: `i`/`İ`, `ı`/`I`.
fn case_variants(form: &str, lang: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    let Some(first) = form.chars().next() else { return out };
    let rest = &form[first.len_utf8()..];
    let dotted = matches!(lang, "tr" | "az");
    let flips: Vec<String> = match first {
        'i' if dotted => vec!["İ".into()],
        'İ' if dotted => vec!["i".into()],
        'ı' if dotted => vec!["I".into()],
        'I' if dotted => vec!["ı".into()],
        c if c.is_ascii() => vec![],
        c => vec![c.to_uppercase().collect(), c.to_lowercase().collect()],
    };
    for f in flips {
        let variant = format!("{f}{rest}");
        if !out.contains(&variant) {
            out.push(variant);
        }
    }
    out
}

/// Cluster threshold: distinct calques of one source language and their summed weight.
const CLUSTER_DISTINCT: usize = 2;
const CLUSTER_WEIGHT: u32 = 3;

impl Rule for Translationese {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        lexicons.index::<CalqueIndex>().map(|_| ())
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let Ok(index) = cx.lexicons.index::<CalqueIndex>() else { return };
        let Some(lang) = doc.language.and_then(|l| index.by_lang.get(l)) else { return };
        if doc.language == Some("en") {
            perfect_with_past_time(doc, out);
            inverted_attribution(doc, out);
        }
        // the story facts (computed for every story) also count a capital alone on its line above
        // the lead (`Jakarta`) as the dateline; a story with a dateline found in the text or given
        // by the input is dated without asking them
        let dated = doc.dateline.is_some() || doc.meta.dateline.is_some() || doc.analysis::<StoryFacts>(cx.lexicons).filed.is_some();
        let hits = matches(doc, lang, dated);
        if hits.is_empty() {
            return;
        }

        // evidence per source language: distinct calques and their weight
        let mut evidence: BTreeMap<&str, (Vec<usize>, u32)> = BTreeMap::new();
        for &(_, id) in &hits {
            let c = &lang.calques[id];
            for s in c.sources.iter().filter(|s| *s != ANY_SOURCE) {
                let e = evidence.entry(s.as_str()).or_default();
                if !e.0.contains(&id) {
                    e.0.push(id);
                    e.1 += c.strength.weight();
                }
            }
        }
        let clustered = |s: &str| evidence.get(s).is_some_and(|(ids, w)| ids.len() >= CLUSTER_DISTINCT && *w >= CLUSTER_WEIGHT);
        let likely =
            evidence.iter().filter(|(s, _)| clustered(s)).max_by_key(|(_, (ids, w))| (*w, ids.len())).map(|(s, (ids, _))| (*s, ids.len()));
        if let Some((source, _)) = likely {
            out.fact("translated_from", source);
        }

        for (span, id) in hits {
            let c = &lang.calques[id];
            let in_cluster = c.sources.iter().any(|s| clustered(s));
            let strength = if in_cluster { (c.strength as u8 + 1).min(3) } else { c.strength as u8 };
            let confidence = match strength {
                0 => continue,
                1 => Confidence::Low,
                2 => Confidence::Medium,
                _ => Confidence::High,
            };
            out.push(finding(doc, span, c, confidence, likely.filter(|(s, _)| c.sources.iter().any(|x| x == s))));
        }
    }
}

/// Does a calque's match stand where it must, with its conditions?
fn holds(doc: &Document, lang: &LanguageCalques, dated: bool, span: Span, id: usize) -> bool {
    let c = &lang.calques[id];
    at_word_boundaries(&doc.text, span) && anchored(doc, dated, span, c.anchor) && conditions_hold(doc, span, c)
}

/// The calques of a story, by position: every literal form that occurs is a candidate,
/// overlapping ones included, so a shorter calque inside a longer one whose condition fails
/// (`{Name}`, the anchor) is still tried; of the candidates that hold, the leftmost and then the
/// longest wins. Then the matches of the `{#}` calques that hold.
fn matches(doc: &Document, lang: &LanguageCalques, dated: bool) -> Vec<(Span, usize)> {
    let text = doc.text.as_str();
    let mut candidates: Vec<(Span, usize)> = Vec::new();
    // the `{#}` calques (by their place in `numbered`, the first 64) whose expression may match
    let mut possible = u64::MAX;
    match lang.matcher.get_or_init(|| Matcher::new(lang)) {
        Matcher::Trie { trie, always } => {
            possible = *always;
            let bytes = text.as_bytes();
            // (the story's word starts, found once for this rule and untranslated-fragment, #16)
            for &p in doc.word_starts() {
                trie.walk(bytes, p, |end, out| {
                    if out & PROBE != 0 {
                        possible |= 1 << (out & !PROBE);
                    } else {
                        let (span, id) = (Span::new(p, end), lang.targets[out as usize]);
                        if holds(doc, lang, dated, span, id) {
                            candidates.push((span, id));
                        }
                    }
                });
            }
        }
        Matcher::Automaton(ac) => {
            candidates = ac
                .iter()
                .flat_map(|ac| ac.find_overlapping_iter(text))
                .map(|m| (Span::new(m.start(), m.end()), lang.targets[m.pattern().as_usize()]))
                .filter(|&(span, id)| holds(doc, lang, dated, span, id))
                .collect();
        }
    }
    candidates.sort_by_key(|&(span, id)| precedence(lang, span, id));
    let mut hits: Vec<(Span, usize)> = Vec::new();
    let mut reach = 0;
    for (span, id) in candidates {
        if span.start >= reach {
            reach = span.end;
            hits.push((span, id));
        }
    }
    for (k, &id) in lang.numbered.iter().enumerate() {
        // no probe of this expression stands at a word start: none of its matches would hold
        if k < 64 && possible & (1 << k) == 0 {
            continue;
        }
        numbered_hits(doc, lang, dated, id, &mut hits);
    }
    hits.sort_by_key(|&(span, _)| (span.start, span.end));
    hits
}

/// The order in which candidates claim the text: leftmost, then longest, then (of candidates on
/// the same span) the stronger calque (an `undated` row over its plain one), then the first row.
fn precedence(lang: &LanguageCalques, span: Span, id: usize) -> (usize, std::cmp::Reverse<usize>, std::cmp::Reverse<Strength>, usize) {
    (span.start, std::cmp::Reverse(span.end), std::cmp::Reverse(lang.calques[id].strength), id)
}

/// The matches of `{#}` calque `id` that hold.
fn numbered_hits(doc: &Document, lang: &LanguageCalques, dated: bool, id: usize, hits: &mut Vec<(Span, usize)>) {
    let text = doc.text.as_str();
    if let Some(re) = lang.calques[id].regex.as_ref().and_then(NumberExpr::regex) {
        for m in re.find_iter(text) {
            // the whole figure, not the tail of `8,500`
            if text[..m.start()].ends_with(|ch: char| ch.is_ascii_digit() || ch == ',' || ch == '.') {
                continue;
            }
            let span = Span::new(m.start(), m.end());
            if holds(doc, lang, dated, span, id) {
                hits.push((span, id));
            }
        }
    }
}

/// How a language's literal forms are found (#16: an automaton's overlapping search read every
/// byte of every story, about 44 instructions a byte).
enum Matcher {
    /// Every form starts with a letter or digit, so a form that holds starts at a word start (a
    /// match inside a word fails [`at_word_boundaries`]): a trie walked from each word start
    /// finds every form there, which is every candidate the automaton found that can hold. The
    /// trie also holds each `{#}` calque's probes (see [`number_probes`]); `always` has the bits
    /// of those that have none.
    Trie { trie: StartTrie, always: u64 },
    /// Some form starts with another char: every overlapping match of an automaton (`None`:
    /// only a state-count limit fails, far above any calque list).
    Automaton(Option<AhoCorasick>),
}

/// A trie output that is a probe of `numbered[k]` (the low bits), not a form.
const PROBE: u32 = 1 << 31;

impl Matcher {
    fn new(lang: &LanguageCalques) -> Matcher {
        if !lang.forms.iter().all(|f| f.starts_with(char::is_alphanumeric)) {
            let ac = AhoCorasick::builder().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(&lang.forms).ok();
            return Matcher::Automaton(ac);
        }
        let mut patterns: Vec<(String, u32)> = lang.forms.iter().enumerate().map(|(i, f)| (f.clone(), i as u32)).collect();
        let mut always = 0;
        for (k, &id) in lang.numbered.iter().enumerate().take(64) {
            match number_probes(&lang.calques[id].pattern) {
                Some(probes) => patterns.extend(probes.into_iter().map(|p| (p, PROBE | k as u32))),
                None => always |= 1 << k,
            }
        }
        Matcher::Trie { trie: StartTrie::new(patterns.iter().map(|(p, o)| (p.as_bytes(), *o))), always }
    }
}

/// Probes of a `{#}` pattern: for each of its forms, a literal string that every match of the
/// form's expression holds at a word start, compared ASCII-case-insensitively: the text from
/// the form's start or from a letter after a space or punctuation, up to the number slot, a
/// non-ASCII char, or a `k` or `s` (`(?i)` also matches the Kelvin sign and the long s to those;
/// no other ASCII char has a case partner outside ASCII). `None` when some form has none: its
/// expression runs on every story.
fn number_probes(pattern: &str) -> Option<Vec<String>> {
    let forms = expand(pattern).ok()?;
    let mut probes = Vec::new();
    for form in &forms {
        let b = form.as_bytes();
        let slot = NUMBER_SLOT as u8;
        let probe_at = |i: usize| -> &[u8] {
            let n = b[i..].iter().take_while(|&&c| c.is_ascii() && c != slot && !matches!(c.to_ascii_lowercase(), b'k' | b's')).count();
            &b[i..i + n]
        };
        let best = (0..b.len())
            .filter(|&i| {
                b[i].is_ascii_alphanumeric()
                    && !matches!(b[i].to_ascii_lowercase(), b'k' | b's')
                    && (i == 0 || (b[i - 1].is_ascii() && !b[i - 1].is_ascii_alphanumeric() && b[i - 1] != slot))
            })
            .map(probe_at)
            .max_by_key(|p| p.len())?;
        probes.push(String::from_utf8(best.to_ascii_lowercase()).ok()?);
    }
    Some(probes)
}

/// Strings (ASCII case folded) in a trie, read from a given start: every one that starts there
/// is reported with its output.
pub(crate) struct StartTrie {
    /// The first byte (lower case) -> its node; 0 for none.
    root: Vec<u32>,
    nodes: Vec<TrieNode>,
    /// The edges of each node, (byte, node), in a run.
    edges: Vec<(u8, u32)>,
    /// The outputs of each node, in a run.
    outs: Vec<u32>,
    /// When every string has four bytes or more: a bit per hash of the first four bytes with
    /// 0x20 set in each ([`prefix_bit`]; upper and lower case letters alike), so most starts
    /// are left without a walk.
    prefixes: Option<Vec<u64>>,
    /// With `prefixes`: the same bits of the strings shorter than eight bytes only, and a bit per
    /// hash of the first eight bytes (0x20 set in each, [`prefix_bit8`]) of the others. A start
    /// whose four bytes no short string has and whose eight bytes no long one has is left
    /// without a walk (#16: `that`, `with`, `said` start some calque, but few go on as one).
    split: Option<(Vec<u64>, Vec<u64>)>,
}

/// The bit of [`StartTrie::split`]'s second set for the eight bytes at the start of a string.
#[inline]
fn prefix_bit8(eight: [u8; 8]) -> usize {
    ((u64::from_le_bytes(eight) | 0x2020_2020_2020_2020).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize
}

/// The bit of [`StartTrie::prefixes`] for the four bytes at the start of a string.
#[inline]
fn prefix_bit(four: [u8; 4]) -> usize {
    ((u32::from_le_bytes(four) | 0x2020_2020).wrapping_mul(0x9E37_79B1) >> 16) as usize
}

#[derive(Debug, Clone, Copy, Default)]
struct TrieNode {
    edges: u32,
    n_edges: u32,
    outs: u32,
    n_outs: u32,
}

impl StartTrie {
    /// A trie of non-empty strings and their outputs.
    pub(crate) fn new<'p>(strings: impl IntoIterator<Item = (&'p [u8], u32)>) -> StartTrie {
        // node 0 is the root
        let mut children: Vec<Vec<(u8, u32)>> = vec![Vec::new()];
        let mut outputs: Vec<Vec<u32>> = vec![Vec::new()];
        let mut prefixes = Some(vec![0u64; 1 << 10]);
        let (mut short, mut long) = (vec![0u64; 1 << 10], vec![0u64; 1 << 10]);
        for (s, out) in strings {
            match (s.first_chunk::<4>(), &mut prefixes) {
                (Some(&four), Some(bits)) => bits[prefix_bit(four) / 64] |= 1 << (prefix_bit(four) % 64),
                _ => prefixes = None,
            }
            match s.first_chunk::<8>() {
                Some(&eight) => long[prefix_bit8(eight) / 64] |= 1 << (prefix_bit8(eight) % 64),
                None => {
                    if let Some(&four) = s.first_chunk::<4>() {
                        short[prefix_bit(four) / 64] |= 1 << (prefix_bit(four) % 64);
                    }
                }
            }
            let mut n = 0usize;
            for &b in s {
                let b = b.to_ascii_lowercase();
                n = match children[n].iter().find(|e| e.0 == b) {
                    Some(&(_, c)) => c as usize,
                    None => {
                        let c = children.len();
                        children.push(Vec::new());
                        outputs.push(Vec::new());
                        children[n].push((b, c as u32));
                        c
                    }
                };
            }
            outputs[n].push(out);
        }
        let split = prefixes.is_some().then_some((short, long));
        let mut trie = StartTrie {
            root: vec![0; 256],
            nodes: Vec::with_capacity(children.len()),
            edges: Vec::new(),
            outs: Vec::new(),
            prefixes,
            split,
        };
        for &(b, c) in &children[0] {
            trie.root[usize::from(b)] = c;
        }
        for (mut es, os) in children.into_iter().zip(outputs) {
            es.sort_unstable();
            trie.nodes.push(TrieNode {
                edges: trie.edges.len() as u32,
                n_edges: es.len() as u32,
                outs: trie.outs.len() as u32,
                n_outs: os.len() as u32,
            });
            trie.edges.extend(es);
            trie.outs.extend(os);
        }
        trie
    }

    /// Calls `f(end, output)` for every string of the trie that `bytes[start..]` starts with
    /// (ASCII case folded), shortest first.
    #[inline]
    pub(crate) fn walk(&self, bytes: &[u8], start: usize, f: impl FnMut(usize, u32)) {
        if let Some(bits) = &self.prefixes {
            // (fewer than four bytes left: no string fits)
            let Some(&four) = bytes[start..].first_chunk::<4>() else { return };
            let bit = prefix_bit(four);
            if bits[bit / 64] & (1 << (bit % 64)) == 0 {
                return;
            }
            // no short string starts so, and no long one with these eight bytes (fewer left: the
            // short strings may fit, walk)
            if let (Some((short, long)), Some(&eight)) = (&self.split, bytes[start..].first_chunk::<8>())
                && short[bit / 64] & (1 << (bit % 64)) == 0
            {
                let b8 = prefix_bit8(eight);
                if long[b8 / 64] & (1 << (b8 % 64)) == 0 {
                    return;
                }
            }
        }
        self.walk_all(bytes, start, f);
    }

    /// [`StartTrie::walk`] past the prefix test.
    #[inline(never)]
    fn walk_all(&self, bytes: &[u8], start: usize, mut f: impl FnMut(usize, u32)) {
        let mut n = self.root[usize::from(bytes[start].to_ascii_lowercase())];
        let mut end = start + 1;
        while n != 0 {
            let node = self.nodes[n as usize];
            for &o in &self.outs[node.outs as usize..(node.outs + node.n_outs) as usize] {
                f(end, o);
            }
            let Some(&b) = bytes.get(end) else { return };
            let b = b.to_ascii_lowercase();
            let edges = &self.edges[node.edges as usize..(node.edges + node.n_edges) as usize];
            n = edges.iter().find(|e| e.0 == b).map_or(0, |e| e.1);
            end += 1;
        }
    }
}

fn finding(doc: &Document, span: Span, c: &Calque, confidence: Confidence, cluster: Option<(&str, usize)>) -> Finding {
    let found = doc.slice(span);
    let from: Vec<&str> = c.sources.iter().map(|s| if s == ANY_SOURCE { "the source language" } else { language_name(s) }).collect();
    let mut message = if c.original.is_empty() {
        format!("`{found}` reads as a word-for-word calque from {}", from.join(" or "))
    } else {
        format!("`{found}` reads as a word-for-word calque of {} `{}`", from.join(" or "), c.original)
    };
    if !c.note.is_empty() {
        message.push_str("; ");
        message.push_str(&c.note);
    }
    if let Some((source, n)) = cluster {
        let name = language_name(source);
        message.push_str(&format!(" ({n} calques of {name} in this story: it was likely translated from {name})"));
    }
    let f = Finding::new(&META, span, confidence, message);
    if c.better.is_empty() {
        return f;
    }
    let better = if found.starts_with(char::is_uppercase) { capitalise(&c.better) } else { c.better.clone() };
    f.replace_with(better, Applicability::Unsafe)
}

fn capitalise(s: &str) -> String {
    let mut cs = s.chars();
    cs.next().map(|f| f.to_uppercase().chain(cs).collect()).unwrap_or_default()
}

/// The match does not start or end inside a word.
fn at_word_boundaries(text: &str, span: Span) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let first = text[span.start..].chars().next();
    let last = text[..span.end].chars().next_back();
    let bad = |edge: Option<char>, neighbour: Option<char>| {
        edge.is_some_and(char::is_alphanumeric) && neighbour.is_some_and(char::is_alphanumeric)
    };
    // inside an abbreviation: `H.E.` in `T.H.E. Fitness`
    let dotted = before == Some('.') && first.is_some_and(char::is_alphanumeric) && {
        let lead = &text[..span.start - 1];
        lead.chars().next_back().is_some_and(char::is_alphanumeric)
    };
    !dotted && !bad(first, before) && !bad(last, after)
}

/// The `{!…}` and `{Name}` conditions of a calque.
fn conditions_hold(doc: &Document, span: Span, c: &Calque) -> bool {
    let text = doc.text.as_str();
    if let Some(excluded) = &c.not_after {
        let Some(sentence) = doc.sentence_at(span.start) else { return false };
        let lead = text[sentence.span.start..span.start].trim_end();
        let start = lead
            .char_indices()
            .rev()
            .take_while(|&(_, ch)| ch.is_alphanumeric() || ch == '\'' || ch == '’')
            .last()
            .map_or(lead.len(), |(i, _)| i);
        let previous = lead[start..].to_lowercase();
        if previous.is_empty() {
            return false;
        }
        if excluded.contains(&previous) {
            return false;
        }
    }
    let next = || text[span.end..].trim_start_matches([' ', '\u{a0}']);
    match &c.then {
        Then::Any => true,
        Then::Name | Then::NoName => next().chars().next().is_some_and(char::is_uppercase) == (c.then == Then::Name),
        Then::NotWords(words) => {
            let next = next();
            // (lower-cased as the row's words were: `eq_ignore_ascii_case` missed `Ödeme` for `ödeme`)
            let word = next[..next.find(|ch: char| !ch.is_alphanumeric()).unwrap_or(next.len())].to_lowercase();
            !words.contains(&word)
        }
    }
}

/// Does the match stand where its calque must (sentence start, clause start)?
fn anchored(doc: &Document, dated: bool, span: Span, anchor: Anchor) -> bool {
    if anchor == Anchor::Any {
        return true;
    }
    if anchor == Anchor::Credit {
        return credit_tail(doc, span);
    }
    if anchor == Anchor::Undated {
        // in lower case: a capitalised `Here` mid-sentence is a title's (`Get Me Out Of Here on Monday`)
        let lower = doc.text[span.start..].starts_with(|c: char| c.is_lowercase());
        return lower && !dated && !doc.in_quotes(span.start);
    }
    if anchor == Anchor::Narrative {
        return narrative(doc, span);
    }
    if anchor == Anchor::Lead && doc.in_quotes(span.start) {
        return false;
    }
    if anchor == Anchor::Quote {
        let lead = doc.text[..span.start].trim_end();
        let lead = lead.strip_suffix([',', '-', '–', '—']).unwrap_or(lead).trim_end();
        return lead.ends_with(['"', '”', '’', '»', '\'']);
    }
    let Some(sentence) = doc.sentence_at(span.start) else { return false };
    let lead = &doc.text[sentence.span.start..span.start];
    let openers = |c: char| c.is_whitespace() || matches!(c, '"' | '“' | '‘' | '\'' | '«' | '„' | '(' | '[' | '-' | '–' | '—');
    if lead.chars().all(openers) {
        return true;
    }
    anchor == Anchor::Clause && lead.trim_end().ends_with([',', ';', ':', '-', '–', '—'])
}

/// Is the match in the reporter's own words: outside a quotation, in a paragraph with no
/// quotation mark (a single quote opens after a space) and no first person of its own (`I`, `we`,
/// `my`, `us`)? Native copy prints `our country` only in speech, and speech is not always paired:
/// a quote re-opened mid-paragraph, a quote in single marks, a speech printed paragraph by
/// paragraph without its marks.
fn narrative(doc: &Document, span: Span) -> bool {
    if doc.in_quotes(span.start) {
        return false;
    }
    let i = doc.paragraphs.partition_point(|p| p.end <= span.start);
    let Some(&para) = doc.paragraphs.get(i) else { return false };
    let text = doc.slice(para);
    let single_quote = |(i, _): (usize, &str)| text[..i].ends_with(char::is_whitespace) || i == 0;
    if text.contains(['"', '“', '”', '«', '»', '„']) || text.match_indices(['\'', '‘']).any(single_quote) {
        return false;
    }
    let first_person = |w: &str| matches!(w, "I" | "we" | "We" | "my" | "My" | "us" | "me" | "Me");
    !text.split(|c: char| !c.is_alphanumeric()).any(first_person)
}

/// Does the match close its sentence as the verb of a credit tail: a comma, one to three
/// capitalised words (the agency), the match, and the full stop (`..., UNN reports.`)?
fn credit_tail(doc: &Document, span: Span) -> bool {
    let text = doc.text.as_str();
    if !text[span.end..].starts_with('.') {
        return false;
    }
    let Some(sentence) = doc.sentence_at(span.start) else { return false };
    let lead = &text[sentence.span.start..span.start];
    let Some(comma) = lead.rfind(',') else { return false };
    let name = lead[comma + 1..].trim();
    let mut words = 0usize;
    for w in name.split_whitespace() {
        words += 1;
        if words > 3 || !w.starts_with(char::is_uppercase) {
            return false;
        }
    }
    words > 0
}

/// A finished past time (`on April 29`, `on Monday`, `yesterday`) after a present perfect.
static PERFECT_PAST: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let month = "January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.?|Feb\\.?|Aug\\.?|Sept?\\.?|Oct\\.?|Nov\\.?|Dec\\.?";
    let day = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday";
    let time = format!(
        r"on (?:{day}|(?:{month}) [0-9]{{1,2}}(?:st|nd|rd|th)?|[0-9]{{1,2}}(?:st|nd|rd|th)? (?:{month}))|yesterday|last (?:week|month|year|{day})"
    );
    regex::Regex::new(&format!(
        r"\b(?P<aux>has|have)(?: (?:also|already|finally|recently|just))? (?P<been>been )?(?P<verb>[a-z]+(?:ed|en|ne|wn|id|ld|ht|ung|ade|ook|ent))(?: (?P<word>[a-z]+))?,? (?P<time>{time})\b"
    ))
    .expect("present perfect pattern")
});

/// Words after which `have` is an infinitive or a modal's (`would have been paid on May 15`, `is
/// thought to have been agreed on Thursday`): the past is then right.
const PERFECT_OK_BEFORE: &[&str] = &["to", "would", "could", "should", "might", "may", "must", "will", "shall", "can", "not"];

/// The present perfect with a finished past time (`the statement has been made on April 29`,
/// `has been summoned yesterday`): English says it in the simple past. Bulgarian, Macedonian,
/// Albanian, Romanian, Sinhala and South Asian English copy carries it over from the source's
/// tense; native copy puts a date after a present perfect only with `since`, `until` or `for`.
fn perfect_with_past_time(doc: &Document, out: &mut Output) {
    let text = &doc.text;
    if !(text.contains("has ") || text.contains("have ")) {
        return;
    }
    for c in PERFECT_PAST.captures_iter(text) {
        let all = c.get(0).expect("match");
        let aux = c.name("aux").expect("aux");
        // the word before `has`/`have`, past an adverb (`may also have purchased`)
        let prev = text[..aux.start()]
            .rsplit(|ch: char| !ch.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_ascii_lowercase)
            .find(|w| !matches!(w.as_str(), "also" | "already" | "still" | "never" | "probably" | "now"))
            .unwrap_or_default();
        if PERFECT_OK_BEFORE.contains(&prev.as_str()) || &c["verb"] == "been" {
            continue;
        }
        // `has been closed since yesterday`, `has been extended to March 19 on ...`: the word
        // between the verb and the time ties the time to something else
        if c.name("word").is_some_and(|w| {
            matches!(w.as_str(), "since" | "until" | "till" | "for" | "by" | "to" | "from" | "before" | "after" | "and" | "or" | "but")
        }) {
            continue;
        }
        let span = Span::new(all.start(), all.end());
        let message = format!(
            "`{}` puts a finished past time ({}) after the present perfect, as the source language's tense does; English uses the simple past",
            doc.slice(span),
            &c["time"]
        );
        let f = Finding::new(&META, span, Confidence::Medium, message);
        // `has been made on April 29` -> `was made on April 29`: the rest stays as written
        out.push(match c.name("been") {
            Some(_) => {
                let verb = c.name("verb").expect("verb");
                let was = if &c["aux"] == "have" { "were" } else { "was" };
                f.replace_with(format!("{was} {}", &text[verb.start()..all.end()]), Applicability::Unsafe)
            }
            None => f,
        });
    }
}

/// `..., said Wednesday in `: an inverted attribution's verb, day and place preposition (the
/// place and the speaker are read in code, [`inverted_attribution`]).
static INVERTED_ATTRIBUTION: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    let day = INVERTED_DAYS.join("|");
    regex::Regex::new(&format!(
        r#"[,"”“’] ?(?P<all>(?:{}),? (?:on )?(?:{day})(?: (?:morning|afternoon|evening|night))? (?:in|at) )\p{{Lu}}"#,
        INVERTED_VERBS.join("|")
    ))
    .expect("inverted attribution pattern")
});

/// The days of [`INVERTED_ATTRIBUTION`].
const INVERTED_DAYS: &[&str] = &["today", "yesterday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// The verbs of [`INVERTED_ATTRIBUTION`].
const INVERTED_VERBS: &[&str] = &[
    "said",
    "stated",
    "declared",
    "indicated",
    "affirmed",
    "stressed",
    "underlined",
    "announced",
    "noted",
    "added",
    "explained",
    "estimated",
    "insisted",
    "assured",
    "warned",
    "emphasised",
    "emphasized",
    "highlighted",
    "pointed out",
];

/// The bytes a match of [`INVERTED_ATTRIBUTION`] can take: the sign (3 bytes at most), the
/// longest verb (11), a comma, `on`, the longest day (9), a time of day (10), the preposition
/// and the capital (4 bytes at most), with spaces, and room to spare.
const INVERTED_TAIL: usize = 72;

/// The `all` groups of [`INVERTED_ATTRIBUTION`]'s matches in `text`, in order. The pattern
/// opens on a class of signs, which gives the regex engine no literal to skip ahead by: it read
/// every byte of every story (#16). Every match holds one day, and every day ends in `day`: the
/// days are found with `memmem`, the verb and sign before one are read back in code (each piece
/// before the day can be read only one way), and the expression runs only on a window from the
/// sign. (No match holds a sign followed by a verb but at its start, so matches do not overlap.)
fn inverted_attribution_leads(text: &str) -> Vec<(usize, usize)> {
    let mut leads = Vec::new();
    static DAY: std::sync::LazyLock<memchr::memmem::Finder<'static>> = std::sync::LazyLock::new(|| memchr::memmem::Finder::new("day"));
    for end in DAY.find_iter(text.as_bytes()).map(|i| i + 3) {
        let head = &text[..end];
        let Some(day) = INVERTED_DAYS.iter().find(|d| head.ends_with(*d)) else { continue };
        // `verb day`, `verb, day`, `verb on day`, `verb, on day`
        let Some(head) = head[..end - day.len()].strip_suffix(' ') else { continue };
        let head = head.strip_suffix(" on").unwrap_or(head);
        let head = head.strip_suffix(',').unwrap_or(head);
        let Some(verb) = INVERTED_VERBS.iter().find(|v| head.ends_with(*v)) else { continue };
        let head = &head[..head.len() - verb.len()];
        let head = head.strip_suffix(' ').unwrap_or(head);
        let Some(sign) = head.chars().next_back().filter(|c| matches!(c, ',' | '"' | '”' | '“' | '’')) else { continue };
        let at = head.len() - sign.len_utf8();
        let mut to = (at + INVERTED_TAIL).min(text.len());
        while !text.is_char_boundary(to) {
            to -= 1;
        }
        if let Some(c) = INVERTED_ATTRIBUTION.captures(&text[at..to])
            && c.get(0).is_some_and(|x| x.start() == 0)
        {
            let all = c.name("all").expect("all");
            leads.push((at + all.start(), at + all.end()));
        }
    }
    leads
}

/// The speaker after the place: a capitalised word, or a title in lower case after at most two
/// words (`foreign minister Nasser Bourita`, `the interior minister`).
static SPEAKER: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^(?:\p{Lu}|(?:[a-z]+ ){0,2}(?:minister|president|spokesman|spokesperson|spokeswoman|secretary|governor|ambassador|chairman|director|mayor|head)\b)")
        .expect("speaker pattern")
});

/// Words that make the text after the place a clause of its own (`..., said Monday in Geneva
/// President Ruto would attend`): the verb's object, not its subject.
const CLAUSE_WORDS: &[&str] = &[
    "would", "will", "was", "were", "is", "are", "has", "had", "have", "could", "can", "may", "might", "should", "must", "did", "does",
    "do", "that", "planned", "plans", "wanted", "wants", "needed", "needs", "said", "told", "wrote",
];

/// The speaker from `at` to its sentence's end, when it is one: two words at least before a
/// comma or parenthesis, no possessive there, no verb of its own to the sentence's end.
fn speaker_to_end(text: &str, at: usize) -> Option<&str> {
    let rest = &text[at..];
    if !SPEAKER.is_match(rest) {
        return None;
    }
    // a full stop followed by a space, a quotation mark or nothing, after a word of three letters
    // or more without a dot (not `U.S.`, `Dr.`)
    let end = rest
        .char_indices()
        .find(|&(i, ch)| {
            matches!(ch, '!' | '?' | '\n')
                || ch == '.'
                    && rest[i + 1..].chars().next().is_none_or(|n| n.is_whitespace() || n == '"' || n == '”')
                    && !rest[..i].rsplit(' ').next().is_some_and(|w| w.len() <= 2 || w.contains('.'))
        })
        .map_or(rest.len(), |(i, _)| i);
    let speaker = &rest[..end];
    let words = speaker.split_whitespace().count();
    let head = speaker.split([',', '(']).next().unwrap_or(speaker);
    let clause = speaker
        .split_whitespace()
        .any(|w| CLAUSE_WORDS.contains(&w.trim_matches(|ch: char| !ch.is_alphabetic()).to_ascii_lowercase().as_str()));
    let ok = (2..=25).contains(&words) && head.split_whitespace().count() >= 2 && !head.contains("'s") && !head.contains("’s") && !clause;
    ok.then_some(head.trim())
}

/// The French, Macedonian and Arabic order of an attribution after a quote: the verb, then the
/// day and the place, then the speaker last (`"...," said Wednesday in Tissemsilt Minister of
/// Mudjahideen Tayeb Zitouni.`; French *a indiqué jeudi à Rabat le ministre*). English names the
/// speaker before the day and the place (`said Minister Tayeb Zitouni on Wednesday in
/// Tissemsilt`). The verb must close a clause (a comma or a quotation mark before it); the place
/// is one to three capitalised words (and a note in parentheses), and what follows it must be the
/// speaker to the sentence's end ([`speaker_to_end`]), so `..., said Monday in Geneva that ...`,
/// `said Monday in Geneva, Switzerland.` and `said Tuesday in Kyiv President Zelensky would ...`
/// are left alone.
fn inverted_attribution(doc: &Document, out: &mut Output) {
    let text = &doc.text;
    if !text.contains(" in ") && !text.contains(" at ") {
        return;
    }
    for (all_start, all_end) in inverted_attribution_leads(text) {
        // the place: one to three capitalised words, the shortest after which the speaker stands
        let mut at = all_end;
        let mut found = None;
        for _ in 0..3 {
            let word_end = text[at..].find([' ', ',', '(', '.', '\n']).map_or(text.len(), |i| at + i);
            if word_end == at || !text[at..].starts_with(char::is_uppercase) {
                break;
            }
            let place_end = word_end;
            let mut next = place_end;
            if text[next..].starts_with(" (") {
                match text[next..].find(')') {
                    Some(i) if i <= 42 => next += i + 1,
                    _ => break,
                }
            }
            next += text[next..].len() - text[next..].trim_start_matches(',').len();
            if !text[next..].starts_with(' ') {
                break;
            }
            if let Some(head) = speaker_to_end(text, next + 1) {
                found = Some((next, head));
                break;
            }
            at = next + 1;
        }
        let Some((place_end, head)) = found else { continue };
        let lead = text[all_start..place_end].trim_end_matches([' ', ',']);
        let span = Span::new(all_start, all_start + lead.len());
        let message = format!(
            "`{}` puts the day and place between the verb and the speaker, in the source language's order (French `a indiqué jeudi à Rabat le ministre`); English names the speaker first: `said {head}` on the day, in the place",
            doc.slice(span),
        );
        out.push(Finding::new(&META, span, Confidence::Medium, message));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, run_lang};

    /// The windowed search finds what the expression finds over the whole story (#16).
    #[test]
    fn inverted_attribution_windows_find_every_match() {
        let mut texts = crate::document::test_texts();
        texts.push("\"We will,\" said Wednesday in Tissemsilt Minister Tayeb Zitouni. ’ added, on Monday morning at Rabat the".into());
        texts.push(",said yesterday in X, “ pointed out,on Sunday night in Élysée ,, said Friday at A".into());
        let mut hits = 0;
        for t in &texts {
            let whole: Vec<(usize, usize)> = INVERTED_ATTRIBUTION
                .captures_iter(t)
                .map(|c| {
                    let all = c.name("all").expect("all");
                    (all.start(), all.end())
                })
                .collect();
            hits += whole.len();
            assert_eq!(inverted_attribution_leads(t), whole, "{t}");
        }
        assert!(hits >= 4, "the texts hold inverted attributions ({hits})");
    }

    /// [`matches`] as it was: every overlapping match of an automaton over the whole story, and
    /// every `{#}` calque's expression.
    fn matches_oracle(doc: &Document, lang: &LanguageCalques, dated: bool, ac: &AhoCorasick) -> Vec<(Span, usize)> {
        let text = doc.text.as_str();
        let mut candidates: Vec<(Span, usize)> = ac
            .find_overlapping_iter(text)
            .map(|m| (Span::new(m.start(), m.end()), lang.targets[m.pattern().as_usize()]))
            .filter(|&(span, id)| holds(doc, lang, dated, span, id))
            .collect();
        candidates.sort_by_key(|&(span, id)| precedence(lang, span, id));
        let mut hits = Vec::new();
        let mut reach = 0;
        for (span, id) in candidates {
            if span.start >= reach {
                reach = span.end;
                hits.push((span, id));
            }
        }
        for &id in &lang.numbered {
            numbered_hits(doc, lang, dated, id, &mut hits);
        }
        hits.sort_by_key(|&(span, _)| (span.start, span.end));
        hits
    }

    /// Made-up stories of calque forms (numbers in the slots), cut, glued and cased at random,
    /// between separators that test the word boundaries and the probes.
    fn calque_texts(index: &CalqueIndex) -> Vec<String> {
        let mut forms: Vec<String> = Vec::new();
        let mut langs: Vec<&String> = index.by_lang.keys().collect();
        langs.sort();
        for l in langs {
            let lang = &index.by_lang[l];
            forms.extend(lang.forms.iter().cloned());
            for &id in &lang.numbered {
                forms.extend(expand(&lang.calques[id].pattern).unwrap());
            }
        }
        const SEPS: &[&str] =
            &[" ", " ", " ", ", ", ". ", "\"", "” ", " - ", "\n", "x", "é", "9", "_", "’", " 12 ", "8,", "1.", "K", "ſ", "İ", " ", "(", ""];
        let mut rng = crate::document::TestRng::new();
        let mut texts = Vec::new();
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..rng.next_u64() % 8 {
                t.push_str(SEPS[rng.next_u64() as usize % SEPS.len()]);
                let form = &forms[rng.next_u64() as usize % forms.len()];
                let r = rng.next_u64();
                let mut f: String = form
                    .chars()
                    .map(|c| if c == NUMBER_SLOT { char::from(b'0' + (r % 10) as u8) } else { c })
                    .flat_map(|c| if rng.next_u64().is_multiple_of(5) { c.to_uppercase().collect::<Vec<_>>() } else { vec![c] })
                    .collect();
                if r.is_multiple_of(7) {
                    // a cut form
                    let cut = (r >> 8) as usize % (f.len() + 1);
                    f.truncate((0..=cut).rev().find(|&i| f.is_char_boundary(i)).unwrap_or(0));
                }
                t.push_str(&f);
            }
            texts.push(t);
        }
        texts
    }

    #[test]
    fn word_start_trie_finds_what_the_automaton_found() {
        let lex = Lexicons::embedded();
        let index = lex.index::<CalqueIndex>().unwrap();
        let mut langs: Vec<(&String, &LanguageCalques, AhoCorasick)> = index
            .by_lang
            .iter()
            .map(|(l, lang)| {
                let ac = AhoCorasick::builder().ascii_case_insensitive(true).match_kind(MatchKind::Standard).build(&lang.forms).unwrap();
                (l, lang, ac)
            })
            .collect();
        langs.sort_by_key(|x| x.0);
        // every language's forms start with a letter: the trie is in use
        assert!(langs.iter().all(|(_, lang, _)| matches!(lang.matcher.get_or_init(|| Matcher::new(lang)), Matcher::Trie { .. })));
        let opts = crate::document::AnalyseOptions { language: Some("en".into()), ..Default::default() };
        let (mut found, mut texts) = (0, crate::document::test_texts());
        texts.extend(calque_texts(&index));
        for text in texts {
            let doc = Document::from_text("t.txt", text, &opts);
            for (l, lang, ac) in &langs {
                // both answers to "is the story dated?" (an undated row holds only without one)
                for dated in [false, true] {
                    let want = matches_oracle(&doc, lang, dated, ac);
                    assert_eq!(matches(&doc, lang, dated), want, "{l}: {:?}", doc.text);
                    found += want.len();
                }
            }
        }
        assert!(found > 4000, "{found}");
    }

    #[test]
    fn probe_letters_have_no_case_partner_outside_ascii() {
        // `number_probes` compares ASCII case-insensitively what `(?i)` matches: no char outside
        // ASCII matches an ASCII char of a probe (all but `k` and `s`) case-insensitively
        let re = regex::Regex::new(r"(?i)^[\x00-\x7f--kKsS]$").unwrap();
        let partners: Vec<char> =
            (0x80..=0x0010_ffff).filter_map(char::from_u32).filter(|c| re.is_match(c.encode_utf8(&mut [0; 4]))).collect();
        assert!(partners.is_empty(), "{partners:?}");
        // (and `k`, `s` have such partners: the probes stop before them)
        assert!(regex::Regex::new("(?i)^thousand$").unwrap().is_match("thouſand"));
        let probes = |p: &str| number_probes(&split_conditions(p).unwrap().1);
        assert_eq!(probes("{#} thousand {people|homes}"), Some(vec!["people".to_string(), "home".to_string()]));
        assert_eq!(probes("{#} thousand {workers|kids}"), Some(vec!["thou".to_string(), "thou".to_string()]));
        assert_eq!(probes("{storm|tropical storm} No. {#}"), Some(vec!["no. ".to_string(), "tropical ".to_string()]));
        assert_eq!(probes("{#} {#}"), None);
    }

    fn flagged(text: &str, lang: &str) -> Vec<(String, Confidence)> {
        let (doc, f) = run_lang(&Translationese, text, Some(lang));
        f.iter().map(|f| (doc.slice(f.span).to_string(), f.confidence)).collect()
    }

    #[test]
    fn expands_choices() {
        assert_eq!(expand("For {his|her} part,").unwrap(), vec!["For his part,", "For her part,"]);
        assert_eq!(expand("In the {written |}statement").unwrap(), vec!["In the written statement", "In the statement"]);
        assert!(expand("a {b").is_err());
    }

    #[test]
    fn expand_equals_its_first_version() {
        let mut patterns: Vec<String> = ["a}b", "{a|b}{c|}d", " {x| } y ", "{|}", "", "{a|b|c}{d|e}{f|g|h}"].map(String::from).to_vec();
        patterns.push(format!("{}{{a|b}}", "{a|b}".repeat(9)));
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("lexicons/phrases");
        let files = std::fs::read_dir(&dir).expect("the phrase lexicons").map(|e| e.expect("an entry").path());
        for path in files.filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with("calques."))) {
            let text = std::fs::read_to_string(&path).expect("a calque lexicon");
            patterns.extend(
                text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(|l| l.split('\t').next().unwrap_or("").to_string()),
            );
        }
        assert!(patterns.len() > 300);
        for p in &patterns {
            assert_eq!(expand(p), expand_oracle(p), "{p}");
        }
    }

    #[test]
    fn flags_indonesian_calques_and_clusters_them() {
        let text = "Talks\n\nIt was said that those invited included Hamas. It is known that the group has long been at odds with the authority, as quoted from Arab News.";
        let got = flagged(text, "en");
        assert_eq!(
            got,
            vec![
                ("It was said that".to_string(), Confidence::High),
                ("It is known that".to_string(), Confidence::High),
                ("as quoted from".to_string(), Confidence::High)
            ]
        );
    }

    #[test]
    fn here_points_to_a_bare_capital_line_above_the_lead() {
        // no dateline: `here` points nowhere (medium); a capital alone on its line above the
        // lead is the story's dateline, and `here` is the plain, low calque of a dated story
        let lead = "The cabinet approved the housing plan at its weekly session here on Tuesday, the government said.";
        assert_eq!(flagged(&format!("Cabinet approves plan\n\n{lead}"), "en"), vec![("here on Tuesday".to_string(), Confidence::Medium)]);
        assert_eq!(
            flagged(&format!("Cabinet approves plan\n\nRiyadh\n\n{lead}"), "en"),
            vec![("here on Tuesday".to_string(), Confidence::Low)]
        );
    }

    #[test]
    fn marks_the_story_translated_from() {
        let lex = Lexicons::embedded();
        let doc = Document::from_text(
            "t.txt",
            "In turn, the ministry said. Recall that talks failed in May.",
            &crate::document::AnalyseOptions { language: Some("en".into()), ..Default::default() },
        );
        let mut out = Output::default();
        Translationese.check(&Context::new(lex), &doc, &mut out);
        assert_eq!(out.facts.get("translated_from"), Some(&serde_json::json!("ru")));
        assert!(out.findings[0].message.contains("translated from Russian"), "{}", out.findings[0].message);
    }

    #[test]
    fn ignores_native_discourse_markers_alone() {
        // ordinary English in native wire copy: only reported when other Russian calques cluster
        assert!(flagged("In turn, Japanese officials said they would keep negotiating.", "en").is_empty());
        assert!(flagged("It is worth noting that foreign investors have been net buyers for 11 sessions.", "en").is_empty());
        assert!(flagged("In turn, the bank kept its forecast. It is worth noting that growth slowed.", "en").is_empty());
    }

    #[test]
    fn single_common_phrase_is_low() {
        assert_eq!(
            flagged("It should be noted that the vote was close.", "en"),
            vec![("It should be noted that".to_string(), Confidence::Low)]
        );
    }

    #[test]
    fn cluster_only_phrases_need_company() {
        assert_clean(&Translationese, "Previously, the council met in March. According to him, the vote was close.");
    }

    #[test]
    fn ignores_calques_mid_sentence_when_anchored() {
        assert_clean(&Translationese, "Officials said it is known that rents rose, and that, in turn, prices followed.");
    }

    #[test]
    fn ignores_inner_words() {
        assert_clean(&Translationese, "The reporters learned thatching skills.");
    }

    #[test]
    fn flags_english_calques_in_spanish_copy() {
        let got = flagged("La reunión tomará lugar en Madrid y no hace sentido esperar.", "es");
        assert_eq!(got.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), vec!["tomará lugar", "hace sentido"]);
    }

    #[test]
    fn flags_english_calques_in_turkish_copy() {
        let text = "Bakan, sorunları adresleyecek bir plan hazırladıklarını söyledi. \"Beklemek anlam yapmıyor\" dedi.";
        assert_eq!(
            flagged(text, "tr"),
            vec![("sorunları adresleyecek".to_string(), Confidence::High), ("anlam yapmıyor".to_string(), Confidence::High)]
        );
        // alone, a medium calque stays medium
        assert_eq!(
            flagged("Bakan, sorunları adresleyecek bir plan açıkladı.", "tr"),
            vec![("sorunları adresleyecek".to_string(), Confidence::Medium)]
        );
    }

    #[test]
    fn ignores_native_turkish_near_misses() {
        // native idioms that look like English calques: rol oynamak, yer almak, açıklamada bulunmak,
        // tarafından yapılan açıklamada, yıllık bazda, şiddetle kınamak, fark yaratmak
        let text = "Dışişleri Bakanlığı tarafından yapılan açıklamada saldırı şiddetle kınandı. Bakan, Türkiye'nin \
                    arabuluculukta önemli bir rol oynadığını söyledi ve toplantıda yer alan heyetlere teşekkür etti. \
                    Enflasyon yıllık bazda yüzde 48 oldu; bakan konuya ilişkin açıklamada bulundu ve yeni paketin fark yaratacağını söyledi. \
                    Günün sonunda toplantı salonunun ışıkları söndü.";
        assert!(flagged(text, "tr").is_empty(), "{:?}", flagged(text, "tr"));
    }

    #[test]
    fn matches_non_ascii_initials_in_either_case() {
        assert_eq!(
            flagged("На ежедневной основе инспекторы проверяют станцию.", "ru"),
            vec![("На ежедневной основе".to_string(), Confidence::Low)]
        );
        assert_eq!(case_variants("à la fin du jour", "fr"), vec!["à la fin du jour", "À la fin du jour"]);
        assert_eq!(case_variants("iş", "tr"), vec!["iş", "İş"]);
        assert_eq!(case_variants("in 2024", "de"), vec!["in 2024"]);
    }

    #[test]
    fn ignores_native_role_and_sense_idioms() {
        assert_clean(&Translationese, "La ministra dijo que Colombia jugará un papel clave y que tiene sentido esperar.");
        assert!(flagged("Die Länder spielen eine Rolle, das Treffen fand 2024 statt und ergibt Sinn.", "de").is_empty());
        assert!(flagged("Это решение имеет смысл, а Москва играет важную роль.", "ru").is_empty());
        assert!(flagged("A medida faz sentido e o Brasil desempenha um papel central.", "pt").is_empty());
    }

    #[test]
    fn reads_pattern_conditions() {
        let (not_after, body, then) = split_conditions("{!was|Were} informed that").unwrap();
        assert_eq!(not_after, Some(vec!["was".to_string(), "were".to_string()]));
        assert_eq!((body.as_str(), then), ("informed that", Then::Any));
        let (_, body, then) = split_conditions("interview to {Name}").unwrap();
        assert_eq!((body.as_str(), then), ("interview to", Then::Name));
        let (_, body, then) = split_conditions("official {Tokyo|Ankara} {!Name}").unwrap();
        assert_eq!((body.as_str(), then), ("official {Tokyo|Ankara}", Then::NoName));
        let (_, body, then) = split_conditions("the President of the Republic {!of|Of}").unwrap();
        assert_eq!((body.as_str(), then), ("the President of the Republic", Then::NotWords(vec!["of".into(), "of".into()])));
        assert!(split_conditions("the {!of} Republic").is_err());
        assert!(split_conditions("a {Name} b").is_err());
        assert!(split_conditions("a {!Name} b").is_err());
        let expr = number_expr(&expand(&split_conditions("{#} thousand {people|homes}").unwrap().1).unwrap());
        let re = expr.regex().unwrap();
        assert!(re.is_match("about 19 thousand people"));
        assert!(re.is_match("1.5 thousand homes"));
        assert!(!re.is_match("thousand people"));
    }

    /// Every embedded `{#}` calque compiles (they are not parsed when the lexicon loads).
    #[test]
    fn every_embedded_number_expression_compiles() {
        let index = Lexicons::embedded().index::<CalqueIndex>().unwrap();
        let mut n = 0;
        for lang in index.by_lang.values() {
            for c in &lang.calques {
                if let Some(expr) = &c.regex {
                    assert!(expr.regex().is_some(), "{}", expr.source);
                    n += 1;
                }
            }
        }
        assert!(n >= 4, "{n} number expressions");
    }

    #[test]
    fn object_less_reporting_verbs_but_not_passives() {
        let got = flagged("The head of the agency informed that 40 houses were damaged.", "en");
        assert_eq!(got, vec![("informed that".to_string(), Confidence::Medium)]);
        assert_clean(
            &Translationese,
            "Residents were informed that 40 houses were damaged. Informed that the bridge was shut, drivers turned back.",
        );
        // a number written in full, or the tail of a larger figure, is not the calque
        assert_clean(
            &Translationese,
            "About 19,000 people left, and 8,500 thousand-year-old coins were found; 2,300 thousand people is a typo.",
        );
    }

    #[test]
    fn inverted_attribution_with_day_and_place_before_the_speaker() {
        let got = flagged("Talks\n\nThe port will reopen, said Monday in Annaba Transport Minister Ali Haddad.", "en");
        assert_eq!(got, vec![("said Monday in Annaba".to_string(), Confidence::Medium)]);
        let got = flagged("Talks\n\nThe port will reopen, said, on Monday in Annaba, the transport minister.", "en");
        assert_eq!(got, vec![("said, on Monday in Annaba".to_string(), Confidence::Medium)]);
        // the speaker first, a clause after the place, or a place of two parts is English
        for text in [
            "Talks\n\nThe port will reopen, said Transport Minister Ali Haddad on Monday in Annaba.",
            "Talks\n\nAli Haddad, the minister, said Monday in Annaba that the port would reopen.",
            "Talks\n\nAli Haddad, the minister, said Monday in Annaba President Tebboune had approved it.",
            "Talks\n\nThe talks ended, officials said Monday in Geneva, Switzerland.",
        ] {
            assert_clean(&Translationese, text);
        }
    }

    #[test]
    fn a_common_phrase_is_raised_only_by_company() {
        // alone, `it is necessary to` is ordinary English: low
        assert_eq!(flagged("The minister said it is necessary to act.", "en"), vec![("it is necessary to".to_string(), Confidence::Low)]);
        // beside another Russian calque it is read as one
        let got = flagged("The official representative of the ministry said it is necessary to act.", "en");
        assert!(got.iter().all(|(_, c)| *c >= Confidence::Medium), "{got:?}");
    }

    #[test]
    fn inverted_reporting_verb_only_right_after_a_quote() {
        let got = flagged("\"We will not give in,\" declares Rinaldi. \"Talks go on\" - underlines Bruni.", "en");
        assert_eq!(got, vec![("declares".to_string(), Confidence::Medium), ("underlines".to_string(), Confidence::Medium)]);
        // a verb in a series, or the verb before its object, is ordinary English
        assert_clean(
            &Translationese,
            "The resolution condemns the attack, reiterates Britain's position and affirms Israel's right to exist.",
        );
        assert_clean(&Translationese, "\"It is done,\" declares the minister.");
    }

    #[test]
    fn suggests_better_wording_keeping_case() {
        crate::rules::testing::assert_fix(
            &Translationese,
            "Talks\n\nHe spoke, as quoted from Arab News.",
            "Talks\n\nHe spoke, according to Arab News.",
        );
    }
}
