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

use std::borrow::Cow;
use std::sync::OnceLock;

use rustc_hash::FxHashMap as HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Serialize;

pub use super::media::Outlet;
use super::media::{self, MediaTables};

mod trie;
use super::{Analysis, Document};
use crate::flat::Data;
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::span::Span;

/// The media lexicon's tables (`media.rs`): the outlets, and a trie of their surface forms that
/// finds them in a story. Compiled in by `build.rs`, or built at run time when the user adds
/// media lexicons; nothing is built at start-up (an Aho-Corasick automaton over the ~7,400
/// forms was: 20 M instructions, #16).
pub struct MediaIndex {
    tables: MediaTables,
}

/// The media tables `build.rs` froze from the embedded lexicons.
mod compiled {
    pub(super) static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/media.bin"));
    pub(super) static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/media.txt"));
}

impl LexiconIndex for MediaIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let tables = if lexicons.embedded_only(media::KINDS) {
            MediaTables::new(Data::new(Cow::Borrowed(compiled::WORDS), Cow::Borrowed(compiled::TEXT)))
        } else {
            MediaTables::built(lexicons)?
        };
        Ok(MediaIndex { tables })
    }
}

impl MediaIndex {
    /// Outlet `i` of the lexicon.
    pub fn outlet(&self, i: u32) -> Outlet<'_> {
        self.tables.outlet(i)
    }

    /// The outlet a written name denotes (the dateline's `(Reuters)`), folded match.
    pub fn resolve(&self, name: &str) -> Option<u32> {
        let f = crate::text::fold(name.trim());
        self.tables.by_key(&f).or_else(|| {
            // "CNN Indonesia" -> the longest known prefix ("CNN" only when no franchise row exists)
            let words: Vec<&str> = f.split_whitespace().collect();
            (1..words.len()).rev().find_map(|n| self.tables.by_key(&words[..n].join(" ")))
        })
    }
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
    /// Per copy language, the `outlet-words` lexicons' words: `tail`, a capitalised word that may
    /// follow an outlet's name without making it part of another name (`Kompas Daily`, and the
    /// `calendar` lexicons' wide day and month names: `told Reuters Monday`), and `clause`, a
    /// verb after which a reported clause may follow without `that` (`told Reuters Taiwan ...`).
    words: HashMap<String, Words>,
}

/// The `tail` and `clause` words of one language ([`PhraseIndex::words`]).
#[derive(Debug, Default)]
struct Words {
    /// As written: `Daily`, `Monday`.
    tail: rustc_hash::FxHashSet<String>,
    /// Lower case: `told`, `tells`.
    clause: Vec<String>,
}

impl PhraseIndex {
    /// May `word` (as written) follow an outlet's name in this language without making it part
    /// of another name?
    fn is_tail(&self, lang: &str, word: &str) -> bool {
        self.words.get(lang).is_some_and(|w| w.tail.contains(word))
    }

    /// May a reported clause follow `word` (in any ASCII case) without `that`?
    fn is_clause_verb(&self, lang: &str, word: &str) -> bool {
        self.words.get(lang).is_some_and(|w| w.clause.iter().any(|c| c.eq_ignore_ascii_case(word)))
    }
}

/// The phrases of one language (each as written, lower case and capitalised), and their matcher
/// once built.
struct Phrases {
    forms: Vec<(String, Role)>,
    /// `None`: the matcher could not be built (only past the automaton's size limits, millions of
    /// phrases): the language has no attributions.
    matcher: OnceLock<Option<Matcher>>,
}

/// The phrases of a language as a trie ([`trie::PhraseTrie`], #16), or, when a form is empty,
/// as the automaton the trie stands for.
enum Matcher {
    Trie(trie::PhraseTrie),
    Automaton(AhoCorasick, Vec<Role>),
}

impl Matcher {
    /// Calls `f(start, end, role)` for every match of a phrase in `text`, leftmost-longest; a
    /// match `f` refuses (it returns false) hides no later match. `f` must refuse every match
    /// right after an alphanumeric char that does not start with an apostrophe: the trie does
    /// not offer those ([`trie::PhraseTrie::for_each_bounded`]).
    ///
    /// `starts` are the text's word starts ([`Document::word_starts`]), the only positions a
    /// trie whose forms all start with an alphanumeric char is walked from.
    fn for_each(&self, text: &str, starts: &[usize], mut f: impl FnMut(usize, usize, Role) -> bool) {
        match self {
            Matcher::Trie(t) if t.alnum_first() => t.for_each_from(text, starts, f),
            Matcher::Trie(t) => t.for_each_bounded(text, f),
            Matcher::Automaton(ac, roles) => {
                let mut at = 0;
                while at <= text.len() {
                    let Some(m) = ac.find(aho_corasick::Input::new(text).span(at..text.len())) else { break };
                    let taken = f(m.start(), m.end(), roles[m.pattern().as_usize()]);
                    at = if taken && m.end() > m.start() { m.end() } else { m.start() + 1 };
                    while at < text.len() && !text.is_char_boundary(at) {
                        at += 1;
                    }
                }
            }
        }
    }
}

/// The automaton over `forms`: leftmost-longest, ASCII case blind.
fn automaton(forms: &[(String, Role)]) -> Option<AhoCorasick> {
    AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).ascii_case_insensitive(true).build(forms.iter().map(|(f, _)| f)).ok()
}

impl Phrases {
    fn matcher(&self) -> Option<&Matcher> {
        self.matcher
            .get_or_init(|| {
                // (the automaton is built even when the trie stands for it: it says whether the
                // forms are within its limits, and so whether the language has attributions)
                let ac = automaton(&self.forms)?;
                Some(match trie::PhraseTrie::new(&self.forms) {
                    Some(t) => Matcher::Trie(t),
                    None => Matcher::Automaton(ac, self.forms.iter().map(|(_, r)| *r).collect()),
                })
            })
            .as_ref()
    }
}

impl LexiconIndex for PhraseIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut by_lang: HashMap<String, Phrases> = HashMap::default();
        let mut words: HashMap<String, Words> = HashMap::default();
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
        for file in lexicons.of_kind("outlet-words") {
            let (word, role) = (file.require("word")?, file.require("role")?);
            let w = words.entry(file.lang.clone()).or_default();
            for row in &file.rows {
                match row.get(role) {
                    "tail" => {
                        w.tail.insert(row.get(word).to_string());
                    }
                    "clause" => w.clause.push(row.get(word).to_lowercase()),
                    // (entity-corruption's: an attribution cue before a translated outlet name)
                    "cue" => {}
                    other => return Err(file.error(row, format!("role `{other}` is not tail, clause or cue"))),
                }
            }
        }
        // a wire's `told Reuters Monday`: the day or month after the name is no part of it
        for file in lexicons.of_kind("calendar") {
            let (Ok(form), Ok(unit), Ok(style)) = (file.require("form"), file.require("unit"), file.require("style")) else { continue };
            let w = words.entry(file.lang.clone()).or_default();
            for row in file.rows.iter().filter(|r| r.get(style) == "wide" && matches!(r.get(unit), "day" | "month")) {
                w.tail.insert(row.get(form).to_string());
            }
        }
        Ok(PhraseIndex { by_lang, words })
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
    /// A news outlet (its index, [`MediaIndex::outlet`]): second-hand information.
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
/// Is `word` in [`PRONOUNS`] when lower-cased (`PRONOUNS.contains(&word.to_lowercase())`)? An
/// ASCII word compared in any ASCII case, without the copy (#16).
fn is_pronoun(word: &str) -> bool {
    if word.is_ascii() {
        // (ASCII lower case keeps the length: no pronoun has more than six letters)
        let b = word.as_bytes();
        if b.len() > 6 {
            return false;
        }
        let mut lower = [0u8; 6];
        for (l, c) in lower.iter_mut().zip(b) {
            *l = c.to_ascii_lowercase();
        }
        // the ASCII words of `PRONOUNS` (a test holds the two lists equal)
        return matches!(
            &lower[..b.len()],
            b"him"
                | b"her"
                | b"them"
                | b"he"
                | b"she"
                | b"they"
                | b"dia"
                | b"ia"
                | b"beliau"
                | b"mereka"
                | b"ella"
                | b"ellos"
                | b"lui"
                | b"elle"
                | b"eux"
                | b"ihm"
                | b"ihr"
                | b"ihnen"
                | b"er"
                | b"sie"
                | b"ele"
                | b"ela"
                | b"eles"
                | b"onun"
                | b"ona"
        );
    }
    PRONOUNS.contains(&word.to_lowercase().as_str())
}

/// Words a gap between a phrase and its source may hold ("according to Russia's state news agency TASS").
const MAX_GAP_WORDS: usize = 5;

impl Attributions {
    pub fn find(doc: &Document, media: &MediaIndex, phrases: &PhraseIndex) -> Attributions {
        let text = doc.text.as_str();
        let mut out = Attributions::default();
        // a word-bounded form hides the forms it overlaps, even when it goes on a name
        let take = |start: usize, end: usize, pattern: usize| {
            if !word_bounded(text, start, end) {
                return false;
            }
            if !continues_name(doc, phrases, start, end) {
                let (outlet, ambiguous) = media.tables.pattern(pattern);
                out.outlets.push(OutletMention { span: Span::new(start, end), outlet, ambiguous });
            }
            true
        };
        if media.tables.alnum_first() {
            media.tables.for_each_from(text, doc.word_starts(), take);
        } else {
            // (a user's form starts with another char: every position is read)
            media.tables.for_each(text, take);
        }
        let lang = doc.language.unwrap_or("en");
        let Some(matcher) = phrases.by_lang.get(lang).and_then(Phrases::matcher) else { return out };
        let mut hits = Vec::new();
        matcher.for_each(text, doc.word_starts(), |start, end, role| {
            let taken = word_bounded(text, start, end) || (role == Role::Suffix && text[start..].starts_with(['\'', '’']));
            if taken {
                hits.push((Span::new(start, end), role));
            }
            taken
        });
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

/// Is the outlet's name at `start..end` only the first words of a longer proper name, followed
/// by a capitalised word after one space (`The National Weather Service`, `The Independent
/// Electoral Commission`, `The Star Wars`, `Time Inc`)? Not in the headline, where every word is
/// capitalised, nor after `told`, where a reported clause may follow without `that` (`told
/// Reuters Taiwan would cut tariffs`). English copy only: German capitalises every noun
/// (`nach Reuters Informationen`), and the words that may follow are English
/// (`lexicons/phrases/outlet-words.en.tsv` and the English day and month names).
fn continues_name(doc: &Document, phrases: &PhraseIndex, start: usize, end: usize) -> bool {
    if doc.language.is_some_and(|l| l != "en") {
        return false;
    }
    let Some(rest) = doc.text[end..].strip_prefix(' ') else { return false };
    if !rest.starts_with(|c: char| c.is_uppercase()) || doc.headline.is_some_and(|h| h.start <= start && end <= h.end) {
        return false;
    }
    let word_before = doc.text[..start].trim_end().rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    if phrases.is_clause_verb("en", word_before) {
        return false;
    }
    let word = &rest[..rest.find(|c: char| !c.is_alphanumeric()).unwrap_or(rest.len())];
    !phrases.is_tail("en", word)
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
            if is_pronoun(w) {
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
    // the tokens of the sentence before the phrase, last first: `doc.tokens_in(sentence start..
    // phrase start)` read backwards, its end found by one search and its start by the walk (#16)
    let from = doc.sentence_at(phrase.start).map_or(0, |s| s.span.start);
    let hi = doc.tokens.partition_point(|t| t.span.end <= phrase.start);
    let toks = doc.tokens[..hi].iter().rev().take_while(|t| t.span.start >= from);
    let mut end = None;
    let mut start = 0;
    for t in toks.take(6) {
        let w = doc.slice(t.span);
        if end.is_none() {
            if is_pronoun(w) {
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
mod media_tests {
    use super::*;

    #[test]
    fn compiled_media_tables_are_the_run_time_build() {
        // build.rs froze the media tables of the embedded lexicons with this builder: the
        // run-time build of the embedded set, frozen the same way, is byte for byte the compiled one
        let compiled = MediaTables::new(Data::new(Cow::Borrowed(compiled::WORDS), Cow::Borrowed(compiled::TEXT)));
        let built = MediaTables::built(Lexicons::embedded()).unwrap();
        let ((cw, ct), (bw, bt)) = (compiled.data().parts(), built.data().parts());
        assert_eq!((cw.len(), ct.len()), (bw.len(), bt.len()));
        assert!(cw == bw && ct == bt, "the compiled media tables differ from the run-time build");
        let media = Lexicons::embedded().index::<MediaIndex>().unwrap();
        let reuters = media.resolve("Reuters").expect("Reuters is a listed outlet");
        assert_eq!(media.outlet(reuters).name, "Reuters");
        assert_eq!(media.resolve("CNN Indonesia").map(|o| media.outlet(o).country), Some("ID"));
        let built = media::Built::build(Lexicons::embedded()).unwrap();
        let at = built.forms().iter().position(|f| f == "Reuters").unwrap();
        assert_eq!(media.tables.pattern(at).0, reuters);
    }

    /// The matches of an Aho-Corasick automaton over `forms`, leftmost-longest (what the outlet
    /// matcher was before the trie).
    fn automaton_matches(ac: &AhoCorasick, text: &str) -> Vec<(usize, usize, usize)> {
        ac.find_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    }

    #[test]
    fn the_trie_finds_what_an_automaton_finds() {
        let media = Lexicons::embedded().index::<MediaIndex>().unwrap();
        let built = media::Built::build(Lexicons::embedded()).unwrap();
        let forms = built.forms();
        let ac = AhoCorasickBuilder::new().match_kind(MatchKind::LeftmostLongest).build(forms).unwrap();
        let mut texts: Vec<String> = Vec::new();
        // stories, fixtures and evaluation copy in every language the repository has
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["tests/eval/stories", "tests/holdout/stories", "tests/fixtures/rules", "tests/realcopy/cache"] {
            let mut stack = vec![root.join(dir)];
            while let Some(d) = stack.pop() {
                let Ok(entries) = std::fs::read_dir(&d) else { continue };
                for e in entries.flatten() {
                    let p = e.path();
                    if p.is_dir() {
                        stack.push(p);
                    } else if let Ok(t) = std::fs::read_to_string(&p) {
                        texts.push(t);
                    }
                }
            }
        }
        assert!(texts.len() > 100, "texts read: {}", texts.len());
        // forms run together, nested and cut short: overlaps, prefixes and forms inside forms
        let mut joined = String::new();
        for (i, f) in forms.iter().enumerate().step_by(7) {
            joined.push_str(f);
            match i % 5 {
                0 => joined.push(' '),
                1 => {}
                2 => joined.push_str(&f[..f.char_indices().last().map_or(0, |(j, _)| j)]),
                3 => joined.push_str(", ("),
                _ => joined.push_str(&f.to_lowercase()),
            }
        }
        texts.push(joined);
        let (mut found, mut bounded) = (0, 0);
        assert!(media.tables.alnum_first(), "every embedded outlet form starts with a letter or digit");
        for t in &texts {
            let want = automaton_matches(&ac, t);
            let got: Vec<(usize, usize, usize)> = media.tables.find_iter(t).collect();
            assert_eq!(got, want);
            found += got.len();
            // the story's walk (word-bounded matches only) from the word starts is the walk of
            // every position with the same callback
            let take = |got: &mut Vec<(usize, usize, usize)>, s: usize, e: usize, p: usize| {
                let taken = word_bounded(t, s, e);
                if taken {
                    got.push((s, e, p));
                }
                taken
            };
            let (mut every, mut from) = (Vec::new(), Vec::new());
            media.tables.for_each(t, |s, e, p| take(&mut every, s, e, p));
            let mut starts = Vec::new();
            crate::text::for_each_word_start(t, |p| starts.push(p));
            media.tables.for_each_from(t, &starts, |s, e, p| take(&mut from, s, e, p));
            assert_eq!(from, every, "{t:?}");
            bounded += from.len();
        }
        assert!(found > 500, "matches: {found}");
        assert!(bounded > 300, "word-bounded matches: {bounded}");
    }

    #[test]
    fn a_form_starting_with_a_sign_is_searched_at_every_position() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("media.tsv");
        std::fs::write(&path, "# lexicon: media\n# columns: name\tcountry\ttype\taliases\tambiguous\n@WirelintWire\tfr\tagency\t\t\n")
            .unwrap();
        let with_user = Lexicons::with_user_files(&[&path]).unwrap();
        let media = with_user.index::<MediaIndex>().unwrap();
        assert!(!media.tables.alnum_first());
        let mut got = Vec::new();
        media.tables.for_each("as @WirelintWire said", |s, e, _| {
            got.push((s, e));
            true
        });
        assert_eq!(got, vec![(3, 16)]);
    }

    #[test]
    fn a_user_media_lexicon_builds_the_tables_at_run_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("media.tsv");
        std::fs::write(
            &path,
            "# lexicon: media\n# columns: name\tcountry\ttype\taliases\tambiguous\nWirelint Wire\tfr\tagency\tWLW\tWLW\n",
        )
        .unwrap();
        let with_user = Lexicons::with_user_files(&[&path]).unwrap();
        assert!(Lexicons::embedded().embedded_only(media::KINDS) && !with_user.embedded_only(media::KINDS));
        let media = with_user.index::<MediaIndex>().unwrap();
        let o = media.resolve("wirelint wire").expect("the user's outlet");
        assert_eq!((media.outlet(o).name, media.outlet(o).country, media.outlet(o).kind), ("Wirelint Wire", "FR", "agency"));
        assert!(media.resolve("Reuters").is_some(), "the embedded outlets are still there");
        let doc =
            Document::from_text("t.txt", "The talks failed, WLW and Wirelint Wire said.", &crate::document::AnalyseOptions::default());
        let found = Attributions::find(&doc, &media, &with_user.index::<PhraseIndex>().unwrap());
        let mentions: Vec<(&str, bool)> = found.outlets.iter().map(|m| (doc.slice(m.span), m.ambiguous)).collect();
        assert_eq!(mentions, [("WLW", true), ("Wirelint Wire", false)]);
    }
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
    fn pronouns_are_found_as_the_lower_case_list_finds_them() {
        let mut words: Vec<String> = PRONOUNS.iter().flat_map(|p| [p.to_string(), p.to_uppercase(), p.chars().skip(1).collect()]).collect();
        words.extend(["Hi", "HIM", "Ella's", "xhe", "he", "beliaus", "", "É", "ÉL", "Él"].map(String::from));
        for t in crate::document::test_texts() {
            words.extend(t.split(|c: char| !c.is_alphanumeric()).map(String::from));
        }
        let mut found = 0;
        for w in &words {
            let want = PRONOUNS.contains(&w.to_lowercase().as_str());
            assert_eq!(is_pronoun(w), want, "{w:?}");
            found += usize::from(want);
        }
        assert!(found > 100, "pronouns: {found}");
    }

    #[test]
    fn a_phrase_starting_inside_a_word_hides_no_phrase_after_it() {
        // `as reported by` matches inside `was reported by`; refused there, it must not hide
        // `reported by` three bytes on (it did until session 19)
        assert_eq!(outlets_credited("The deal was reported by Reuters on Monday.", "en"), 1);
        assert_eq!(outlets_credited("The deal, as reported by Reuters on Monday, was signed.", "en"), 1);
        assert_eq!(outlets_credited("The deal was signed on Monday in Reuters Street.", "en"), 0);
    }

    #[test]
    fn an_outlet_name_opening_a_longer_name_is_no_outlet() {
        // `The National` (a UAE daily) opens `The National Weather Service`: no outlet is credited
        assert_eq!(outlets_credited("The National Weather Service said more storms were likely.", "en"), 0);
        assert_eq!(outlets_credited("Time Warner Cable said service was restored.", "en"), 0);
        // an edition, a medium or a day after the name, and a clause after `told`, leave it one
        assert_eq!(outlets_credited("The National reported on Monday that talks had stalled.", "en"), 1);
        assert_eq!(outlets_credited("The minister told Reuters Taiwan would cut tariffs.", "en"), 1);
        assert_eq!(outlets_credited("Officials told Reuters Monday the talks had stalled.", "en"), 1);
        // German capitalises every noun: the rule reads English copy only
        assert_eq!(outlets_credited("Die Gespräche wurden abgebrochen, meldete Reuters Korrespondent Jan Beck.", "de"), 1);
    }

    #[test]
    fn outlet_tails_come_from_the_outlet_words_and_the_calendar() {
        // an edition from `outlet-words`, a day and a month from the calendar lexicon's wide names
        let phrases = Lexicons::embedded().index::<PhraseIndex>().unwrap();
        for tail in ["Daily", "Television", "Monday", "Sunday", "May", "December"] {
            assert!(phrases.is_tail("en", tail), "{tail}");
        }
        // abbreviations and other capitalised words continue the name
        for word in ["Mon", "Dec", "Weather", "monday"] {
            assert!(!phrases.is_tail("en", word), "{word}");
        }
        assert!(phrases.is_clause_verb("en", "Told") && phrases.is_clause_verb("en", "telling"));
        assert!(!phrases.is_clause_verb("en", "said"));
    }

    #[test]
    fn reads_outlet_names_in_quotation_marks() {
        assert_eq!(outlets_credited("Die Nachrichtenseite „Al-Araby Al-Jadeed“ schrieb am Sonntag, die Angriffe gingen weiter.", "de"), 1);
        assert_eq!(outlets_credited("Die Angriffe gingen weiter, berichtete „Al Jazeera“ am Sonntag.", "de"), 1);
    }
}

#[cfg(test)]
mod phrase_trie_tests {
    use super::*;

    /// Texts for the phrase matchers: the test texts, and the phrases of every language run
    /// together, nested, cut short, in other cases and inside words.
    fn texts(phrases: &PhraseIndex) -> Vec<String> {
        let mut texts = crate::document::test_texts();
        let mut rng = crate::document::TestRng::new();
        let mut below = |n: usize| (rng.next_u64() % n as u64) as usize;
        let mut langs: Vec<&String> = phrases.by_lang.keys().collect();
        langs.sort();
        let mut forms: Vec<&str> = langs.iter().flat_map(|l| phrases.by_lang[*l].forms.iter().map(|(f, _)| f.as_str())).collect();
        forms.extend(["x", "ex", "'", "’", " ", ", ", ".\n", "A", "é", "Ünal", "ÇA", "İ"]);
        for _ in 0..4000 {
            let mut t = String::new();
            for _ in 0..below(12) {
                let f = forms[below(forms.len())];
                match below(6) {
                    0 => t.push_str(&f.to_uppercase()),
                    1 => t.push_str(&f.to_ascii_uppercase()),
                    2 => t.push_str(&f[..f.char_indices().last().map_or(0, |(j, _)| j)]),
                    3 => t.push(' '),
                    _ => t.push_str(f),
                }
                t.push_str(forms[below(forms.len())]);
            }
            texts.push(t);
        }
        texts
    }

    #[test]
    fn the_trie_finds_what_the_automaton_finds() {
        let phrases = Lexicons::embedded().index::<PhraseIndex>().unwrap();
        let texts = texts(&phrases);
        let mut found = 0;
        for (lang, p) in &phrases.by_lang {
            let ac = automaton(&p.forms).unwrap();
            let roles: Vec<Role> = p.forms.iter().map(|(_, r)| *r).collect();
            let Some(Matcher::Trie(trie)) = p.matcher() else { panic!("{lang}: the phrases are a trie") };
            for t in &texts {
                let want: Vec<(usize, usize, Role)> =
                    ac.find_iter(t.as_str()).map(|m| (m.start(), m.end(), roles[m.pattern().as_usize()])).collect();
                let mut got = Vec::new();
                trie.for_each(t, |s, e, r| {
                    got.push((s, e, r));
                    true
                });
                assert_eq!(got, want, "{lang} {t:?}");
                found += got.len();
            }
        }
        assert!(found > 20_000, "matches: {found}");
    }

    #[test]
    fn the_bounded_search_takes_what_the_full_search_takes() {
        // the callback of `Attributions::find`: the fast search leaves out only what it refuses
        let phrases = Lexicons::embedded().index::<PhraseIndex>().unwrap();
        let texts = texts(&phrases);
        let (mut found, mut from_word_starts) = (0, 0);
        for (lang, p) in &phrases.by_lang {
            let Some(Matcher::Trie(trie)) = p.matcher() else { panic!("{lang}: the phrases are a trie") };
            assert!(lang != "en" || trie.alnum_first(), "English phrases start with a letter");
            for t in &texts {
                let text = t.as_str();
                let take = |got: &mut Vec<(usize, usize, Role)>, start: usize, end: usize, role: Role| {
                    let taken = word_bounded(text, start, end) || (role == Role::Suffix && text[start..].starts_with(['\'', '’']));
                    if taken {
                        got.push((start, end, role));
                    }
                    taken
                };
                let (mut want, mut got) = (Vec::new(), Vec::new());
                trie.for_each(text, |s, e, r| take(&mut want, s, e, r));
                trie.for_each_bounded(text, |s, e, r| take(&mut got, s, e, r));
                assert_eq!(got, want, "{lang} {t:?}");
                found += got.len();
                // and the walk from the word starts, for a language whose forms allow it
                if trie.alnum_first() {
                    let mut starts = Vec::new();
                    crate::text::for_each_word_start(text, |p| starts.push(p));
                    let mut from = Vec::new();
                    trie.for_each_from(text, &starts, |s, e, r| take(&mut from, s, e, r));
                    assert_eq!(from, want, "{lang} {t:?}");
                    from_word_starts += from.len();
                }
            }
        }
        assert!(found > 2_000, "matches: {found}");
        assert!(from_word_starts > 1_000, "matches from word starts: {from_word_starts}");
    }

    #[test]
    fn equal_forms_of_two_roles_match_as_the_first() {
        let forms = vec![("Said".to_string(), Role::Prefix), ("said".to_string(), Role::Either), ("s".to_string(), Role::Suffix)];
        let trie = trie::PhraseTrie::new(&forms).unwrap();
        let ac = automaton(&forms).unwrap();
        for t in ["SAID s said", "s", "sai", "Saids"] {
            let want: Vec<(usize, usize, Role)> = ac.find_iter(t).map(|m| (m.start(), m.end(), forms[m.pattern().as_usize()].1)).collect();
            let mut got = Vec::new();
            trie.for_each(t, |s, e, r| {
                got.push((s, e, r));
                true
            });
            assert_eq!(got, want, "{t:?}");
        }
        assert!(trie::PhraseTrie::new(&[(String::new(), Role::Either)]).is_none());
    }
}
