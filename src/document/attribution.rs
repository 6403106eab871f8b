//! Attributions: who each statement of a story is credited to.
//!
//! Two lexicons feed it:
//! - `media` (`lexicons/media/*.tsv`, columns `name country type aliases ambiguous`): news agencies
//!   and outlets with their home country. Ambiguous names (AP, AA, Tempo, Petra) count only next to
//!   an attribution phrase.
//! - `attribution` (`lexicons/phrases/attribution.<lang>.tsv`, columns `phrase role note`): the
//!   phrases that credit a source, per copy language. `role` says where the source stands:
//!   `prefix` (the phrase comes first: "according to X", "dilansir dari X", "según X"),
//!   `suffix` (the source comes first: "X reported", "X'e göre"), `either` ("said"), or
//!   `firsthand` (the reporter was there: "told reporters", "kepada wartawan").
//!
//! A source next to a phrase is a medium when it is a known outlet, a person when it is a pronoun
//! or a capitalised name, and unknown otherwise. Outlet spans are exposed so that other analyses
//! (places, names) can leave "Arab News" or "Jakarta Post" alone.

use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

use super::{Analysis, Document};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::span::Span;

/// A news agency or outlet.
#[derive(Debug, Clone, Serialize)]
pub struct Outlet {
    pub name: String,
    /// Home country (ISO 3166-1 alpha-2).
    pub country: String,
    /// `agency`, `broadcaster`, `newspaper`, ... as the lexicon says.
    pub kind: String,
    pub ambiguous: bool,
}

/// The media lexicon as an automaton over every surface form.
pub struct MediaIndex {
    pub outlets: Vec<Outlet>,
    ac: Option<AhoCorasick>,
    /// Pattern -> (outlet, the form is ambiguous on its own).
    patterns: Vec<(u32, bool)>,
    by_key: HashMap<String, u32>,
}

impl LexiconIndex for MediaIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut outlets = Vec::new();
        let mut forms: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut by_key = HashMap::default();
        let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
        for file in lexicons.of_kind("media") {
            let (name, country, kind, aliases, ambiguous) = (
                file.require("name")?,
                file.require("country")?,
                file.require("type")?,
                file.require("aliases")?,
                file.require("ambiguous")?,
            );
            for row in &file.rows {
                let cc = row.get(country).to_ascii_uppercase();
                if cc.len() != 2 {
                    return Err(file.error(row, format!("country `{}` is not an ISO 3166-1 alpha-2 code", row.get(country))));
                }
                let amb_field = row.get(ambiguous).trim().to_lowercase();
                let amb_all = matches!(amb_field.as_str(), "yes" | "y" | "true" | "1" | "x" | "ambiguous");
                // `ambiguous` may also list which forms are ambiguous: `AP|AA`
                let amb_forms: Vec<&str> = if amb_all || amb_field.is_empty() || matches!(amb_field.as_str(), "no" | "n" | "false" | "0") {
                    Vec::new()
                } else {
                    row.list(ambiguous).collect()
                };
                let idx = outlets.len() as u32;
                outlets.push(Outlet { name: row.get(name).to_string(), country: cc, kind: row.get(kind).to_string(), ambiguous: amb_all });
                for form in std::iter::once(row.get(name)).chain(row.list(aliases)) {
                    let amb = amb_all || amb_forms.iter().any(|f| f.eq_ignore_ascii_case(form));
                    by_key.entry(crate::text::fold(form)).or_insert(idx);
                    for v in variants(form) {
                        // (a set beside the list: thousands of forms, #16)
                        if seen.insert(v.clone()) {
                            forms.push(v);
                            patterns.push((idx, amb));
                        }
                    }
                }
            }
        }
        let ac = if forms.is_empty() {
            None
        } else {
            Some(AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(&forms).map_err(|e| LexiconError {
                path: "lexicons/media".into(),
                line: 0,
                column: 0,
                message: format!("cannot build the outlet matcher: {e}"),
            })?)
        };
        Ok(MediaIndex { outlets, ac, patterns, by_key })
    }
}

impl MediaIndex {
    /// The outlet a written name denotes (the dateline's `(Reuters)`), folded match.
    pub fn resolve(&self, name: &str) -> Option<u32> {
        let f = crate::text::fold(name.trim());
        self.by_key.get(&f).copied().or_else(|| {
            // "CNN Indonesia" -> the longest known prefix ("CNN" only when no franchise row exists)
            let words: Vec<&str> = f.split_whitespace().collect();
            (1..words.len()).rev().find_map(|n| self.by_key.get(&words[..n].join(" ")).copied())
        })
    }
}

/// Case variants of a surface form: as written, UPPER, and Title for all-caps names of 4+ letters
/// (`TASS` -> `Tass`, `ANTARA` -> `Antara`).
fn variants(form: &str) -> Vec<String> {
    let mut v = vec![form.to_string()];
    let up = form.to_uppercase();
    if up != form && form.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        v.push(up);
    }
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && !form.contains(' ') {
        let mut t = String::new();
        for (i, c) in form.chars().enumerate() {
            if i == 0 { t.push(c) } else { t.extend(c.to_lowercase()) }
        }
        v.push(t);
    }
    v
}

/// Where an attribution phrase expects its source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Prefix,
    Suffix,
    Either,
    Firsthand,
}

/// Attribution phrases per copy language. A language's matcher is built when a story of that
/// language first asks for it: a run over English copy builds only the English one (#16: an
/// index a run does not need is not built).
pub struct PhraseIndex {
    by_lang: HashMap<String, Phrases>,
}

/// The phrases of one language (each as written, lower case and capitalised), and their matcher
/// once built.
struct Phrases {
    forms: Vec<(String, Role)>,
    /// `None`: the matcher could not be built (only past the automaton's size limits, millions of
    /// phrases): the language has no attributions.
    matcher: OnceLock<Option<(AhoCorasick, Vec<Role>)>>,
}

impl Phrases {
    fn matcher(&self) -> Option<&(AhoCorasick, Vec<Role>)> {
        self.matcher
            .get_or_init(|| {
                let ac = AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .ascii_case_insensitive(true)
                    .build(self.forms.iter().map(|(f, _)| f))
                    .ok()?;
                Some((ac, self.forms.iter().map(|(_, r)| *r).collect()))
            })
            .as_ref()
    }
}

impl LexiconIndex for PhraseIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut by_lang: HashMap<String, Phrases> = HashMap::default();
        let mut seen: rustc_hash::FxHashSet<(String, String)> = rustc_hash::FxHashSet::default();
        for file in lexicons.of_kind("attribution") {
            let (phrase, role) = (file.require("phrase")?, file.require("role")?);
            for row in &file.rows {
                let r = match row.get(role) {
                    "prefix" => Role::Prefix,
                    "suffix" => Role::Suffix,
                    "either" => Role::Either,
                    "firsthand" => Role::Firsthand,
                    other => return Err(file.error(row, format!("role `{other}` is not prefix, suffix, either or firsthand"))),
                };
                let list =
                    &mut by_lang.entry(file.lang.clone()).or_insert_with(|| Phrases { forms: Vec::new(), matcher: OnceLock::new() }).forms;
                let p = row.get(phrase).to_string();
                let mut cap = String::new();
                let mut chars = p.chars();
                if let Some(c) = chars.next() {
                    cap.extend(c.to_uppercase());
                    cap.push_str(chars.as_str());
                }
                for form in [p.clone(), p.to_lowercase(), cap] {
                    // (a set beside the lists, not a search of the language's list, #16)
                    if seen.insert((file.lang.clone(), form.clone())) {
                        list.push((form, r));
                    }
                }
            }
        }
        Ok(PhraseIndex { by_lang })
    }
}

/// One outlet named in the story.
#[derive(Debug, Clone, Serialize)]
pub struct OutletMention {
    pub span: Span,
    pub outlet: u32,
    /// The form is ambiguous on its own (AP, AA): counts only in attribution context.
    pub ambiguous: bool,
}

/// Who a statement is credited to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "kind", content = "outlet")]
pub enum Source {
    /// A news outlet (index into [`MediaIndex::outlets`]): second-hand information.
    Media(u32),
    /// A person or body speaking (pronoun or capitalised name).
    Person,
    Unknown,
}

/// One attribution.
#[derive(Debug, Clone, Serialize)]
pub struct Attribution {
    /// The attribution phrase ("as reported by", "dilansir dari").
    pub phrase: Span,
    /// The source words, when found.
    pub source_span: Option<Span>,
    pub source: Source,
    pub role: Role,
}

/// Every attribution and outlet mention of a story.
#[derive(Debug, Default)]
pub struct Attributions {
    pub outlets: Vec<OutletMention>,
    pub items: Vec<Attribution>,
    /// First-hand markers ("told reporters") outside sentences credited to an outlet.
    pub firsthand: Vec<Span>,
}

impl Analysis for Attributions {
    fn compute(doc: &Document, lex: &Lexicons) -> Self {
        let (Ok(media), Ok(phrases)) = (lex.index::<MediaIndex>(), lex.index::<PhraseIndex>()) else {
            return Attributions::default();
        };
        Attributions::find(doc, &media, &phrases)
    }
}

const PRONOUNS: &[&str] = &[
    "him", "her", "them", "he", "she", "they", "dia", "ia", "beliau", "mereka", "él", "ella", "ellos", "lui", "elle", "eux", "ihm", "ihr",
    "ihnen", "er", "sie", "ele", "ela", "eles", "нему", "ней", "ним", "он", "она", "они", "onun", "ona",
];
/// Words a gap between a phrase and its source may hold ("according to Russia's state news agency TASS").
const MAX_GAP_WORDS: usize = 5;

impl Attributions {
    pub fn find(doc: &Document, media: &MediaIndex, phrases: &PhraseIndex) -> Attributions {
        let text = doc.text.as_str();
        let mut out = Attributions::default();
        if let Some(ac) = &media.ac {
            for m in ac.find_iter(text) {
                if !word_bounded(text, m.start(), m.end()) {
                    continue;
                }
                let (outlet, ambiguous) = media.patterns[m.pattern().as_usize()];
                out.outlets.push(OutletMention { span: Span::new(m.start(), m.end()), outlet, ambiguous });
            }
        }
        let lang = doc.language.unwrap_or("en");
        let Some((ac, roles)) = phrases.by_lang.get(lang).and_then(Phrases::matcher) else { return out };
        let mut hits = Vec::new();
        for m in ac.find_iter(text) {
            if word_bounded(text, m.start(), m.end())
                || (roles[m.pattern().as_usize()] == Role::Suffix && text[m.start()..].starts_with(['\'', '’']))
            {
                hits.push((Span::new(m.start(), m.end()), roles[m.pattern().as_usize()]));
            }
        }
        let mut claimed: Vec<bool> = vec![false; out.outlets.len()];
        let mut firsthand = Vec::new();
        for (span, role) in hits {
            if role == Role::Firsthand {
                firsthand.push(span);
                continue;
            }
            let after = matches!(role, Role::Prefix | Role::Either).then(|| out.outlet_after(doc, span)).flatten();
            let before = matches!(role, Role::Suffix | Role::Either).then(|| out.outlet_before(doc, span)).flatten();
            let found = match role {
                Role::Suffix => before,
                Role::Prefix => after,
                _ => before.or(after),
            };
            if let Some(i) = found {
                if !claimed[i] {
                    claimed[i] = true;
                    let o = &out.outlets[i];
                    out.items.push(Attribution { phrase: span, source_span: Some(o.span), source: Source::Media(o.outlet), role });
                }
                continue;
            }
            let person = match role {
                Role::Prefix => person_after(doc, span),
                Role::Suffix => person_before(doc, span),
                _ => person_before(doc, span).or_else(|| person_after(doc, span)),
            };
            let source = if person.is_some() { Source::Person } else { Source::Unknown };
            out.items.push(Attribution { phrase: span, source_span: person, source, role });
        }
        // a first-hand marker in a sentence credited to an outlet is the outlet's, not ours
        for f in firsthand {
            let sentence = doc.sentence_at(f.start).map(|s| s.span).unwrap_or(f);
            let credited = out.items.iter().any(|a| matches!(a.source, Source::Media(_)) && sentence.contains(a.phrase));
            if !credited {
                out.firsthand.push(f);
            }
        }
        out.items.sort_by_key(|a| a.phrase.start);
        out
    }

    /// Media attributions: (outlet index, phrase span).
    pub fn media(&self) -> impl Iterator<Item = (u32, &Attribution)> {
        self.items.iter().filter_map(|a| if let Source::Media(o) = a.source { Some((o, a)) } else { None })
    }

    /// The nearest outlet mention after a phrase, in the same sentence, with only a few plain words between.
    fn outlet_after(&self, doc: &Document, phrase: Span) -> Option<usize> {
        let i = self.outlets.partition_point(|o| o.span.start < phrase.end);
        let o = self.outlets.get(i)?;
        plain_gap(doc, phrase.end, o.span.start).then_some(i)
    }

    fn outlet_before(&self, doc: &Document, phrase: Span) -> Option<usize> {
        let i = self.outlets.partition_point(|o| o.span.end <= phrase.start);
        let o = self.outlets.get(i.checked_sub(1)?)?;
        plain_gap(doc, o.span.end, phrase.start).then_some(i - 1)
    }
}

/// The text between two offsets is a few words with no clause break ("Russia's state news agency").
fn plain_gap(doc: &Document, from: usize, to: usize) -> bool {
    if to < from {
        return false;
    }
    // an outlet's name in quotation marks (`„Spiegel“ berichtete`, `«Коммерсантъ» сообщает`):
    // the closing mark right after it is not a clause break
    let gap = &doc.text[from..to];
    let gap = gap.strip_prefix(['“', '”', '"', '»', '«', '’', '\'']).unwrap_or(gap);
    let gap = gap.strip_suffix(['„', '“', '"', '«', '»', '‘', '\'']).unwrap_or(gap);
    if gap.chars().any(|c| matches!(c, '.' | ',' | ';' | ':' | '"' | '“' | '”' | '«' | '»' | '(' | ')' | '\n' | '!' | '?')) {
        return false;
    }
    gap.split_whitespace().count() <= MAX_GAP_WORDS
}

fn word_bounded(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
}

/// A pronoun or capitalised name right after the phrase ("according to him", "said Bogdanov").
fn person_after(doc: &Document, phrase: Span) -> Option<Span> {
    let toks = doc.tokens_in(Span::new(phrase.end, doc.text.len()));
    let mut start = None;
    let mut end = 0;
    for t in toks.iter().take(6) {
        let w = doc.slice(t.span);
        if start.is_none() {
            if PRONOUNS.contains(&w.to_lowercase().as_str()) {
                return Some(t.span);
            }
            if !t.is_word() || !t.is_capitalised() {
                return None;
            }
            start = Some(t.span.start);
            end = t.span.end;
        } else if t.is_word() && t.is_capitalised() && doc.text[end..t.span.start].trim().is_empty() {
            end = t.span.end;
        } else {
            break;
        }
    }
    start.map(|s| Span::new(s, end))
}

fn person_before(doc: &Document, phrase: Span) -> Option<Span> {
    let toks = doc.tokens_in(Span::new(doc.sentence_at(phrase.start).map_or(0, |s| s.span.start), phrase.start));
    let mut end = None;
    let mut start = 0;
    for t in toks.iter().rev().take(6) {
        let w = doc.slice(t.span);
        if end.is_none() {
            if PRONOUNS.contains(&w.to_lowercase().as_str()) {
                return Some(t.span);
            }
            if !t.is_word() || !t.is_capitalised() {
                return None;
            }
            end = Some(t.span.end);
            start = t.span.start;
        } else if t.is_word() && t.is_capitalised() && doc.text[t.span.end..start].trim().is_empty() {
            start = t.span.start;
        } else {
            break;
        }
    }
    end.map(|e| Span::new(start, e))
}

#[cfg(test)]
mod quoted_outlet_tests {
    use super::*;
    use crate::document::AnalyseOptions;

    fn outlets_credited(text: &str, lang: &str) -> usize {
        let lex = Lexicons::embedded();
        let opts = AnalyseOptions { language: Some(lang.to_string()), ..Default::default() };
        let doc = Document::from_text("t.txt", text, &opts);
        doc.analysis::<Attributions>(lex).media().count()
    }

    #[test]
    fn reads_outlet_names_in_quotation_marks() {
        assert_eq!(outlets_credited("Die Nachrichtenseite „Al-Araby Al-Jadeed“ schrieb am Sonntag, die Angriffe gingen weiter.", "de"), 1);
        assert_eq!(outlets_credited("Die Angriffe gingen weiter, berichtete „Al Jazeera“ am Sonntag.", "de"), 1);
    }
}
