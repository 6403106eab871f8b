//! A view of the document's words: folded keys, sentence ids, possessives stripped; and the
//! helpers the shapes share over it (capitalisation, flagged spans, handles, phrases).

use super::index::class;
use super::index::{EntityIndex, pack, pack16};
use super::orgs::may_derive;
use crate::document::{Case, Document, Script, Token};
use crate::flat::{self, Key};
use crate::rules::entity::keys::strip_possessive;
use crate::rules::util::fold;
use crate::span::Span;

pub(super) struct Word<'a> {
    pub(super) token: &'a Token,
    pub(super) text: &'a str,
    /// The folded text: the word itself when it is folded already, else in the view's buffer
    /// of folded keys.
    pub(super) key: &'a str,
    /// The position of the names the key anchors ([`EntityIndex::anchor_hits`]), or 0.
    pub(super) anchors: u32,
    pub(super) sentence: u32,
    /// Index of the first word of its sentence.
    pub(super) sentence_first: u32,
    /// The key's [`class`] bits (the index tables it is a key of), and [`SPACED`].
    pub(super) class: u32,
    /// The key's number of chars (`u16::MAX` for that many or more).
    pub(super) chars: u16,
    /// The key's first and last bytes, for [`super::orgs::align`]'s quick test.
    pub(super) ends: Ends,
}

/// A [`Word::class`] bit: the next word is in the same sentence with only spaces before it.
pub(super) const SPACED: u32 = 1 << 31;

impl Word<'_> {
    /// The key, hashed for a map (a word's class says which maps have it: few words are
    /// looked up, most of them once).
    #[inline]
    pub(super) fn k(&self) -> Key<'_> {
        Key::new(self.key)
    }

    /// The key's hash ([`crate::flat::hash`]).
    #[inline]
    pub(super) fn hash(&self) -> u64 {
        flat::hash(self.key)
    }

    /// Is the key in the index tables of class bit `bit`?
    #[inline]
    pub(super) fn is(&self, bit: u32) -> bool {
        self.class & bit != 0
    }

    /// Span without a trailing possessive `'s`.
    #[inline]
    pub(super) fn span(&self) -> Span {
        Span::new(self.token.span.start, self.token.span.start + self.text.len())
    }

    /// The index of its sentence.
    #[inline]
    pub(super) fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// The index of the first word of its sentence.
    #[inline]
    pub(super) fn first(&self) -> usize {
        self.sentence_first as usize
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
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) struct Ends {
    first: u8,
    last: u8,
}

impl Ends {
    pub(super) fn of(key: &str) -> Ends {
        match (key.as_bytes().first(), key.as_bytes().last()) {
            (Some(&f), Some(&l)) => Ends::of_bytes(f, l),
            _ => Ends { first: 0, last: 0 },
        }
    }

    /// The ends of a key that is not empty, from its first and last bytes.
    #[inline]
    pub(super) fn of_bytes(first: u8, last: u8) -> Ends {
        if first == b'-' { Ends { first: 0, last: 0 } } else { Ends { first, last } }
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
        self.first != 0 && code & 1 << 16 != 0 && f != self.first && f != b'-'
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
    /// The words each shape reads, in order ([`Candidates`]).
    pub(super) at: Candidates,
}

/// The words each shape reads, found as the view is built: each list holds every word whose
/// first tests in its shape pass (the shape tests them again), in order. Most words are in none.
#[derive(Default)]
pub(super) struct Candidates {
    /// Organisations: a key of the anchor, confusion-anchor or bigram maps, or a word that
    /// may be a derivation ([`super::orgs::may_derive`]).
    pub(super) orgs: Vec<u32>,
    /// People: title-case words of four letters or more, not mixed-script, not known tokens.
    pub(super) people: Vec<u32>,
    /// First names: words before a known surname.
    pub(super) first_names: Vec<u32>,
    /// Outlet slips: capitalised words before an outlet word.
    pub(super) outlet_slips: Vec<u32>,
    /// Genitive calques: head words of named operations.
    pub(super) genitives: Vec<u32>,
    /// Outlet calques: capitalised first words of an outlet calque.
    pub(super) calques: Vec<u32>,
}

impl<'a> WordView<'a> {
    /// The words of `doc`, classed by `ix`; the keys that folding changes are written in
    /// `keys` (one buffer for the story, not an allocation per capitalised word).
    pub(super) fn new(doc: &'a Document, lang: &str, ix: &EntityIndex, keys: &'a mut Vec<u8>) -> Self {
        // about two thirds of the tokens are words: one allocation for all of them
        let mut words: Vec<Word<'a>> = Vec::with_capacity(doc.tokens.len());
        // (a quarter of the words key the organisation maps, a tenth are title-case unknowns)
        let mut at = Candidates {
            orgs: Vec::with_capacity(doc.tokens.len() / 4),
            people: Vec::with_capacity(doc.tokens.len() / 8),
            ..Candidates::default()
        };
        // the words whose key is in `keys`: (word, start, end), keyed once the buffer is done
        let mut folded: Vec<(u32, u32, u32)> = Vec::with_capacity(doc.tokens.len() / 4);
        keys.clear();
        keys.reserve(doc.text.len() / 4);
        let tr = lang == "tr";
        let text_bytes = doc.text.as_bytes();
        for (si, s) in doc.sentences.iter().enumerate() {
            let first = words.len();
            // the end of the previous word's token in the sentence
            let mut prev_end = 0;
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
                let n = words.len();
                let cap = matches!(t.case, Case::Title | Case::Upper);
                let b = text.as_bytes();
                // the key is the text itself, or in `keys`
                let mut plain = true;
                let (class, anchors, chars, ends, derives);
                let len = b.len();
                let short = if (1..=8).contains(&len) { Some(pack(b)).filter(|p| p & HIGH_BITS == 0) } else { None };
                let wide = if (9..=16).contains(&len) { Some(pack16(b)).filter(|(lo, hi)| (lo | hi) & HIGH_BITS == 0) } else { None };
                if let Some(p) = short {
                    // an ASCII word of up to eight bytes (most words): folded, classed and
                    // measured in a register
                    let upper = upper_case_bytes(p);
                    let lower = p | upper >> 2;
                    (class, anchors) = ix.short_class_packed(lower, len);
                    chars = len;
                    #[allow(clippy::cast_possible_truncation)]
                    let (head, tail) = (lower as u8, (lower >> (8 * (len - 1))) as u8);
                    ends = Ends::of_bytes(head, tail);
                    if upper == 0 {
                        derives = false;
                    } else {
                        plain = false;
                        let start = keys.len();
                        keys.extend_from_slice(&lower.to_le_bytes());
                        keys.truncate(start + len);
                        folded.push((n as u32, start as u32, keys.len() as u32));
                        derives = cap && may_derive(ix, &keys[start..], chars);
                    }
                } else if let Some((lo, hi)) = wide {
                    // an ASCII word of nine to sixteen bytes: likewise in two registers
                    let (upper_lo, upper_hi) = (upper_case_bytes(lo), upper_case_bytes(hi));
                    let (lower_lo, lower_hi) = (lo | upper_lo >> 2, hi | upper_hi >> 2);
                    (class, anchors) = ix.wide_class_packed(lower_lo, lower_hi, len);
                    chars = len;
                    #[allow(clippy::cast_possible_truncation)]
                    let (head, tail) = (lower_lo as u8, (lower_hi >> (8 * (len - 9))) as u8);
                    ends = Ends::of_bytes(head, tail);
                    if upper_lo | upper_hi == 0 {
                        derives = false;
                    } else {
                        plain = false;
                        let start = keys.len();
                        keys.extend_from_slice(&lower_lo.to_le_bytes());
                        keys.extend_from_slice(&lower_hi.to_le_bytes());
                        keys.truncate(start + len);
                        folded.push((n as u32, start as u32, keys.len() as u32));
                        derives = cap && may_derive(ix, &keys[start..], chars);
                    }
                } else {
                    // other words (not ASCII, or longer): few, out of line
                    let folded_at;
                    (class, anchors, chars, ends, derives, folded_at) = classify_other(ix, text, cap, keys);
                    if let Some(start) = folded_at {
                        plain = false;
                        folded.push((n as u32, start, keys.len() as u32));
                    }
                }
                if n > first {
                    // the previous word of the sentence is spaced from this one when only spaces
                    // (or no-break spaces) are between them
                    let gap = &text_bytes[prev_end..t.span.start];
                    if gap == b" " || only_spaces(gap) {
                        words[n - 1].class |= SPACED;
                    }
                }
                prev_end = t.span.end;
                if let Some(prev) = words.last() {
                    // the shapes that read a word by the word after it
                    if class & class::BY_SURNAME != 0 && prev.token.case == Case::Title {
                        at.first_names.push(n as u32 - 1);
                    }
                    if class & class::OUTLET_WORD != 0 && is_cap(prev.token) {
                        at.outlet_slips.push(n as u32 - 1);
                    }
                }
                if class & class::GENITIVE != 0 {
                    at.genitives.push(n as u32);
                }
                if class & (class::ANCHOR | class::CONFUSION_ANCHOR | class::BIGRAM_FIRST) != 0 || derives {
                    at.orgs.push(n as u32);
                }
                if cap {
                    if class & class::CALQUE != 0 && n > first {
                        at.calques.push(n as u32);
                    }
                    if t.case == Case::Title
                        && chars >= 4
                        && t.script != Script::Mixed
                        && class & (class::KNOWN_TOKEN | class::OUTLET_TOKEN) == 0
                    {
                        at.people.push(n as u32);
                    }
                }
                words.push(Word {
                    token: t,
                    text,
                    key: if plain { text } else { "" },
                    anchors,
                    sentence: si as u32,
                    sentence_first: first as u32,
                    class,
                    chars: u16::try_from(chars).unwrap_or(u16::MAX),
                    ends,
                });
            }
        }
        // the folded keys, ASCII words lower-cased and others folded: UTF-8
        let keys = std::str::from_utf8(&keys[..]).expect("folded keys are UTF-8");
        for (i, start, end) in folded {
            words[i as usize].key = &keys[start as usize..end as usize];
        }
        WordView { words, at }
    }

    /// Are words `i..j` adjacent (only spaces between them, in one sentence)?
    #[inline]
    pub(super) fn contiguous(&self, i: usize, j: usize) -> bool {
        (i + 1..j).all(|k| self.words[k - 1].class & SPACED != 0)
    }
}

/// The fold of a word that is not ASCII or is longer than sixteen bytes, its [`class`] bits and
/// anchor list, chars, ends and whether a capitalised word may be a derivation
/// ([`may_derive`]); and where its key starts in `keys` when it is not the text itself.
#[inline(never)]
fn classify_other(ix: &EntityIndex, text: &str, cap: bool, keys: &mut Vec<u8>) -> (u32, u32, usize, Ends, bool, Option<u32>) {
    let ascii = text.is_ascii();
    let plain = ascii && !text.bytes().any(|b| b.is_ascii_uppercase());
    let start = keys.len();
    let k: &str = if plain {
        text
    } else if ascii {
        // (an ASCII word is only lower-cased)
        keys.extend_from_slice(text.as_bytes());
        keys[start..].make_ascii_lowercase();
        std::str::from_utf8(&keys[start..]).expect("ASCII")
    } else {
        let f = fold(text);
        keys.extend_from_slice(f.as_bytes());
        std::str::from_utf8(&keys[start..]).expect("a folded word")
    };
    let (class, anchors) = classify(ix, k);
    let chars = if ascii { k.len() } else { k.chars().count() };
    let derives = cap && may_derive(ix, k.as_bytes(), chars);
    (class, anchors, chars, Ends::of(k), derives, (!plain).then_some(start as u32))
}

/// A key's [`class`] bits and anchor list ([`EntityIndex::word_class`]); a key of up to sixteen
/// bytes is classed without a hash ([`EntityIndex::packed_class`]).
#[inline]
fn classify(ix: &EntityIndex, key: &str) -> (u32, u32) {
    if (1..=8).contains(&key.len()) {
        ix.short_class(key.as_bytes())
    } else if (9..=16).contains(&key.len()) {
        let (lo, hi) = pack16(key.as_bytes());
        ix.wide_class_packed(lo, hi, key.len())
    } else {
        ix.word_class(Key::new(key))
    }
}

/// The high bit of each byte of a `u64`.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `p` that is an ASCII upper-case letter (the bytes of `p` are
/// ASCII): `A..=Z` are the bytes that `0x3f` carries to the high bit and `0x25` does not.
#[inline]
fn upper_case_bytes(p: u64) -> u64 {
    let from_a = p.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let past_z = p.wrapping_add(0x2525_2525_2525_2525);
    from_a & !past_z & HIGH_BITS
}

/// Are the bytes only spaces and no-break spaces (U+00A0, `C2 A0`)? The bytes are a slice of
/// the text between two tokens, whole chars.
#[inline]
fn only_spaces(gap: &[u8]) -> bool {
    let mut k = 0;
    while k < gap.len() {
        match gap[k] {
            b' ' => k += 1,
            0xc2 if gap.get(k + 1) == Some(&0xa0) => k += 2,
            _ => return false,
        }
    }
    true
}

/// The story's word keys as a set ("is this spelling in the story?"): a scan of the words,
/// told apart by length and first and last bytes before their text is compared (a story is a
/// few hundred words, and most stories ask once or twice).
pub(super) struct KeySet<'w> {
    words: &'w [Word<'w>],
    /// The keys hashed, for a story of more than [`KeySet::LINEAR`] words: a scan of every
    /// word per look-up made a long document quadratic (#16).
    hashed: Option<rustc_hash::FxHashSet<&'w str>>,
}

impl<'w> KeySet<'w> {
    /// Up to this many words a scan (ends first) beats hashing every key.
    const LINEAR: usize = 512;

    pub(super) fn new(words: &'w [Word<'w>]) -> Self {
        let hashed = (words.len() > Self::LINEAR).then(|| words.iter().map(|x| x.key).collect());
        KeySet { words, hashed }
    }

    pub(super) fn contains(&self, key: &str) -> bool {
        if let Some(h) = &self.hashed {
            return h.contains(key);
        }
        let ends = Ends::of(key);
        self.words.iter().any(|x| x.key.len() == key.len() && x.ends == ends && x.key == key)
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
