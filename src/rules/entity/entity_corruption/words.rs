//! A view of the document's words: folded keys, sentence ids, possessives stripped; and the
//! helpers the shapes share over it (capitalisation, flagged spans, handles, phrases).

use std::borrow::Cow;

use crate::document::{Case, Document, Token};
use crate::flat::{self, Key};
use crate::rules::entity::keys::strip_possessive;
use crate::rules::util::fold;
use crate::span::Span;

pub(super) struct Word<'a> {
    pub(super) token: &'a Token,
    /// Span without a trailing possessive `'s`.
    pub(super) span: Span,
    pub(super) text: &'a str,
    pub(super) key: Cow<'a, str>,
    /// The key's hash, for the index's maps ([`Word::k`]).
    hash: u64,
    pub(super) sentence: usize,
    /// Index of the first word of its sentence.
    pub(super) sentence_first: usize,
}

impl Word<'_> {
    /// The key, hashed once for every map it is looked up in.
    pub(super) fn k(&self) -> Key<'_> {
        Key::hashed(&self.key, self.hash)
    }
}

pub(super) struct WordView<'a> {
    pub(super) words: Vec<Word<'a>>,
}

impl<'a> WordView<'a> {
    pub(super) fn new(doc: &'a Document, lang: &str) -> Self {
        // about two thirds of the tokens are words: one allocation for all of them
        let mut words = Vec::with_capacity(doc.tokens.len());
        let tr = lang == "tr";
        for (si, s) in doc.sentences.iter().enumerate() {
            let first = words.len();
            for t in &doc.tokens[s.tokens.0..s.tokens.1] {
                if !t.is_word() {
                    continue;
                }
                // the word without a possessive (a possessive ends in `s` or an apostrophe, and
                // `’` ends in 0x99): a prefix of the token, sliced once
                let raw = doc.slice(t.span);
                let mut text = raw;
                if matches!(raw.as_bytes().last(), Some(b's' | b'\'' | 0x99)) {
                    text = strip_possessive(raw);
                }
                // Turkish case suffixes on names: `Erdoğan'ın`, `Fidan'a`
                if tr && let Some(end) = crate::document::names::inflection::tr_suffix_start(text) {
                    text = &text[..end];
                }
                let span = Span::new(t.span.start, t.span.start + text.len());
                // a token without upper-case letters (`Case::Lower`, `Case::None`) needs only the
                // ASCII test: its text has none either
                let plain = if matches!(t.case, Case::Lower | Case::None) {
                    text.is_ascii()
                } else {
                    text.bytes().all(|b| !b.is_ascii_uppercase() && b.is_ascii())
                };
                let key = if plain { Cow::Borrowed(text) } else { Cow::Owned(fold(text)) };
                let hash = flat::hash(&key);
                words.push(Word { token: t, span, text, key, hash, sentence: si, sentence_first: first });
            }
        }
        WordView { words }
    }

    /// Are words `i..j` adjacent (only spaces between them)?
    pub(super) fn contiguous(&self, doc: &Document, i: usize, j: usize) -> bool {
        (i + 1..j).all(|k| {
            let (a, b) = (&self.words[k - 1], &self.words[k]);
            a.sentence == b.sentence && doc.text[a.token.span.end..b.token.span.start].chars().all(|c| c == ' ' || c == '\u{a0}')
        })
    }
}

/// The story's word keys as a set ("is this spelling in the story?"), by the hashes the view
/// computed once: a hash found is confirmed on the words, so a collision costs a scan, never an
/// answer.
pub(super) struct KeySet<'w> {
    hashes: rustc_hash::FxHashSet<u64>,
    words: &'w [Word<'w>],
}

impl<'w> KeySet<'w> {
    pub(super) fn new(words: &'w [Word<'w>]) -> Self {
        KeySet { hashes: words.iter().map(|x| x.hash).collect(), words }
    }

    pub(super) fn contains(&self, key: &str) -> bool {
        self.hashes.contains(&flat::hash(key)) && self.words.iter().any(|x| x.key == key)
    }
}

pub(super) fn is_cap(t: &Token) -> bool {
    matches!(t.case, Case::Title | Case::Upper)
}

/// Does `s` overlap a span of `spans` (kept sorted by start, non-overlapping)?
pub(super) fn overlaps_any(spans: &[Span], s: Span) -> bool {
    let i = spans.partition_point(|x| x.end <= s.start);
    spans.get(i).is_some_and(|x| x.overlaps(s))
}

/// Records a flagged span, keeping the list sorted.
pub(super) fn mark(spans: &mut Vec<Span>, s: Span) {
    let i = spans.partition_point(|x| x.start < s.start);
    spans.insert(i, s);
}

/// Is the word a social-media handle or hashtag ("@DiazCanelB", "#Blinken"), or a name glued
/// to a handle's tail ("DiazCanelB": lower case then one final capital)? Not a name mention.
pub(super) fn is_handle(doc: &Document, word: &Word<'_>) -> bool {
    let before = doc.text[..word.token.span.start].chars().next_back();
    if matches!(before, Some('@' | '#' | '/' | '_')) {
        return true;
    }
    let mut rev = word.text.chars().rev();
    matches!((rev.next(), rev.next()), (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase())
}

/// Whole-word phrase containment on folded text.
pub(super) fn contains_phrase(hay: &str, needle: &str) -> bool {
    let mut from = 0;
    while let Some(at) = hay[from..].find(needle) {
        let s = from + at;
        let e = s + needle.len();
        let before = hay[..s].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
        let after = hay[e..].chars().next().is_none_or(|c| !c.is_alphanumeric());
        if before && after {
            return true;
        }
        from = s + needle.len().max(1);
    }
    false
}
