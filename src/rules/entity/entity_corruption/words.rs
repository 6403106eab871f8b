//! A view of the document's words: folded keys, sentence ids, possessives stripped; and the
//! helpers the shapes share over it (capitalisation, flagged spans, handles, phrases).

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
    /// The folded text: the word itself when it is folded already, else in the view's buffer
    /// of folded keys.
    pub(super) key: &'a str,
    /// The key's first and last bytes, for [`super::orgs::align`]'s quick test.
    pub(super) ends: Ends,
    /// The key's hash, for the index's maps ([`Word::k`]).
    hash: u64,
    pub(super) sentence: usize,
    /// Index of the first word of its sentence.
    pub(super) sentence_first: usize,
}

impl Word<'_> {
    /// The key, hashed once for every map it is looked up in.
    pub(super) fn k(&self) -> Key<'_> {
        Key::hashed(self.key, self.hash)
    }
}

/// The first and last bytes of a word's key, for a quick test that the word and a name's token
/// are none of: equal, British and American spellings of one word ([`super::orgs::same_word`]),
/// one written as the other two together ([`super::orgs::joins`]).
///
/// Each of those tests implies the first bytes are equal (a spelling pair agrees in its first
/// three letters; a compound with or without its hyphen agrees in its first byte unless one
/// starts with a hyphen; a joined word starts with its first part), or, for the joins read
/// backward, the last bytes are equal (a joined word ends with its second part). An empty key,
/// or one starting with a hyphen, is never told apart this way (`first` is 0).
#[derive(Clone, Copy)]
pub(super) struct Ends {
    first: u8,
    last: u8,
}

impl Ends {
    pub(super) fn of(key: &str) -> Ends {
        match (key.as_bytes().first(), key.as_bytes().last()) {
            (Some(&f), Some(&l)) if f != b'-' => Ends { first: f, last: l },
            _ => Ends { first: 0, last: 0 },
        }
    }

    /// Do the first bytes tell the word apart from `token` (reading forward: the word is the
    /// token, or starts it, or is started by it)?
    #[inline]
    pub(super) fn first_differs(self, token: &str) -> bool {
        self.first != 0 && token.as_bytes().first().is_some_and(|&b| b != self.first && b != b'-')
    }

    /// [`Ends::first_differs`] of a token given by its [`super::index::token_ends`].
    #[inline]
    pub(super) fn first_differs_code(self, code: u32) -> bool {
        let f = (code & 0xff) as u8;
        self.first != 0 && code != 0 && f != self.first && f != b'-'
    }

    /// [`Ends::both_differ`] of a token given by its [`super::index::token_ends`].
    #[inline]
    pub(super) fn both_differ_code(self, code: u32) -> bool {
        self.first_differs_code(code) && ((code >> 8) & 0xff) as u8 != self.last
    }

    /// Do the first and the last bytes tell the word apart from `token` (reading backward:
    /// the word is the token, or ends it, or is ended by it)?
    #[inline]
    pub(super) fn both_differ(self, token: &str) -> bool {
        self.first_differs(token) && token.as_bytes().last().is_some_and(|&b| b != self.last)
    }
}

pub(super) struct WordView<'a> {
    pub(super) words: Vec<Word<'a>>,
}

impl<'a> WordView<'a> {
    /// The words of `doc`; the keys that folding changes are written in `keys` (one buffer
    /// for the story, not an allocation per capitalised word).
    pub(super) fn new(doc: &'a Document, lang: &str, keys: &'a mut String) -> Self {
        // about two thirds of the tokens are words: one allocation for all of them
        let mut words = Vec::with_capacity(doc.tokens.len());
        // the words whose key is in `keys`: (word, start, end), keyed once the buffer is done
        let mut folded: Vec<(usize, usize, usize)> = Vec::new();
        keys.clear();
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
                let (key, hash, ends) = if plain {
                    (text, flat::hash(text), Ends::of(text))
                } else {
                    // `fold`, written into the buffer (an ASCII word is only lower-cased)
                    let start = keys.len();
                    if text.is_ascii() {
                        keys.push_str(text);
                        keys[start..].make_ascii_lowercase();
                    } else {
                        keys.push_str(&fold(text));
                    }
                    let k = &keys[start..];
                    folded.push((words.len(), start, keys.len()));
                    ("", flat::hash(k), Ends::of(k))
                };
                words.push(Word { token: t, span, text, key, ends, hash, sentence: si, sentence_first: first });
            }
        }
        let keys: &'a String = keys;
        for (i, start, end) in folded {
            words[i].key = &keys[start..end];
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
        // sized once: no rehash as the set grows
        let mut hashes = rustc_hash::FxHashSet::with_capacity_and_hasher(words.len(), rustc_hash::FxBuildHasher);
        hashes.extend(words.iter().map(|x| x.hash));
        KeySet { hashes, words }
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
