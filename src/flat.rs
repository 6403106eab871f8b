//! Flat tables: an index frozen into one array of `u32` words and one string, read in place.
//!
//! An index that is expensive to build from its lexicons (entity-corruption's entity index) is
//! built once by `build.rs`, with the same builder the crate runs, and frozen with a
//! [`Writer`]; the binary reads the frozen words and text in place ([`Flat`]), so nothing is
//! parsed or hashed at start-up (#16). When the user adds lexicons of the kinds an index reads,
//! the crate builds the index at run time and freezes it into memory with the same writer, so
//! both paths are read by the same code.
//!
//! `build.rs` includes this file (`#[path]`): it uses only `std`.
//!
//! Layout. Words are little-endian `u32`s. A string is two words (offset and length in bytes
//! into the text); strings are interned. Lists are written as their length then their items:
//! [`U32List`] (`n, x..`), [`Pairs`] (`n, (a, b)..`), [`StrList`] (`n, (offset, length)..`).
//! A [`Map`] from strings to one word each (a count, or the position of a list or record written
//! before it) is `slots, (key offset, key length, value) * entries` behind its number of slots
//! and of entries: an open-addressing hash table ([`hash`], linear probing) whose slots hold an
//! entry number + 1 in their low bits (as many as the number of entries needs) and the high bits
//! of the key's hash in the others, or 0: a look-up reads a key's bytes only when the
//! fingerprint matches. A [`Records`] table is `n, position..`. The last word of the array
//! is the position of the root record, which lists the position of each table.

use std::borrow::Cow;
use std::collections::HashMap;
use std::marker::PhantomData;

/// Hash of a key, eight bytes at a time (per-story look-ups hash every word and each of its
/// deletion variants): its low bits pick its first slot in a [`Map`], its high bits are the
/// fingerprint kept in the slot. Fixed arithmetic, so `build.rs` and the binary hash alike on
/// any target.
#[inline]
pub fn hash(key: &str) -> u64 {
    hash_or::<0>(key.as_bytes())
}

/// [`hash`] of `b` with `CASE` or-ed into every eight bytes it reads (0: the bytes as they are;
/// `0x2020..`: the ASCII lower case of a word of letters and digits, read from the word as
/// written, see `document::places`).
#[inline]
pub fn hash_or<const CASE: u64>(b: &[u8]) -> u64 {
    const K: u64 = 0xf135_7aea_2e62_a9c5;
    let mut h = b.len() as u64;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        h = (h.rotate_left(26) ^ (u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]) | CASE)).wrapping_mul(K);
    }
    // the last one to seven bytes, read without a copy: two overlapping halves, or the first,
    // middle and last byte (the length, hashed first, tells the overlaps apart)
    let r = chunks.remainder();
    let n = r.len();
    if n > 0 {
        let t = if n >= 4 {
            u64::from(u32::from_le_bytes([r[0], r[1], r[2], r[3]]))
                | u64::from(u32::from_le_bytes([r[n - 4], r[n - 3], r[n - 2], r[n - 1]])) << 32
        } else {
            u64::from(r[0]) | u64::from(r[n / 2]) << 8 | u64::from(r[n - 1]) << 16
        };
        // (the bytes the three-byte form leaves zero are none of the key's: no case bits there)
        let case = if n >= 4 { CASE } else { CASE & 0x00ff_ffff };
        h = (h.rotate_left(26) ^ (t | case)).wrapping_mul(K);
    }
    // the slot is read from the low bits: fold the high ones in
    h ^= h >> 32;
    h = h.wrapping_mul(K);
    h ^ (h >> 29)
}

/// A key and its [`hash`]: a word looked up in several maps is hashed once.
#[derive(Debug, Clone, Copy)]
pub struct Key<'k> {
    text: &'k str,
    hash: u64,
}

impl<'k> Key<'k> {
    #[inline]
    pub fn new(text: &'k str) -> Key<'k> {
        Key { text, hash: hash(text) }
    }
    #[inline]
    pub fn text(self) -> &'k str {
        self.text
    }

    /// A key whose hash is known ([`hash`] of `text`).
    #[inline]
    pub fn hashed(text: &'k str, hash: u64) -> Key<'k> {
        debug_assert_eq!(hash, self::hash(text));
        Key { text, hash }
    }
}

/// The bits of a slot that hold its entry number + 1, for a map of `entries` entries; the
/// others hold the fingerprint of the key's hash.
#[inline]
fn entry_mask(entries: u32) -> u32 {
    match 32 - entries.leading_zeros() {
        32 => u32::MAX,
        bits => (1 << bits) - 1,
    }
}

/// The fingerprint of a hash under a slot's entry mask.
#[inline]
fn fingerprint(h: u64, emask: u32) -> u32 {
    #[allow(clippy::cast_possible_truncation)]
    let high = (h >> 32) as u32;
    high & !emask
}

fn word(n: usize) -> u32 {
    u32::try_from(n).expect("flat tables fit in u32 offsets")
}

/// Entries of a hash map or set in key order: a builder writes them sorted, so the frozen tables
/// do not depend on a hash map's order (build.rs and a run-time build freeze alike).
pub fn sorted<'a, K: Ord + ?Sized, V>(entries: impl Iterator<Item = (&'a K, V)>) -> Vec<(&'a K, V)> {
    let mut v: Vec<(&K, V)> = entries.collect();
    v.sort_unstable_by(|a, b| a.0.cmp(b.0));
    v
}

/// Freezes an index: words and interned text.
#[derive(Default)]
pub struct Writer {
    words: Vec<u32>,
    text: String,
    interned: HashMap<String, u32>,
}

impl Writer {
    /// Position of the next word written.
    pub fn pos(&self) -> u32 {
        word(self.words.len())
    }

    pub fn push(&mut self, x: u32) {
        self.words.push(x);
    }

    /// Writes a string (two words).
    pub fn str(&mut self, s: &str) {
        let off = match self.interned.get(s) {
            Some(&o) => o,
            None => {
                let o = word(self.text.len());
                self.text.push_str(s);
                self.interned.insert(s.to_string(), o);
                o
            }
        };
        self.words.push(off);
        self.words.push(word(s.len()));
    }

    /// Writes a list of words; returns its position.
    pub fn u32s(&mut self, items: impl IntoIterator<Item = u32>) -> u32 {
        let at = self.pos();
        self.words.push(0);
        let mut n = 0;
        for x in items {
            self.words.push(x);
            n += 1;
        }
        self.words[at as usize] = n;
        at
    }

    /// Writes a list of pairs of words; returns its position.
    pub fn pairs(&mut self, items: impl IntoIterator<Item = (u32, u32)>) -> u32 {
        let at = self.pos();
        self.words.push(0);
        let mut n = 0;
        for (a, b) in items {
            self.words.push(a);
            self.words.push(b);
            n += 1;
        }
        self.words[at as usize] = n;
        at
    }

    /// Writes a list of strings; returns its position.
    pub fn strs<S: AsRef<str>>(&mut self, items: impl IntoIterator<Item = S>) -> u32 {
        let at = self.pos();
        self.words.push(0);
        let mut n = 0;
        for s in items {
            self.str(s.as_ref());
            n += 1;
        }
        self.words[at as usize] = n;
        at
    }

    /// Writes a map from strings (each key once) to one word each; returns its position.
    pub fn map<S: AsRef<str>>(&mut self, entries: impl IntoIterator<Item = (S, u32)>) -> u32 {
        let entries: Vec<(S, u32)> = entries.into_iter().collect();
        let n = (entries.len() * 2).next_power_of_two().max(2);
        let mask = n - 1;
        let emask = entry_mask(word(entries.len()));
        let mut slots = vec![0u32; n];
        for (i, (k, _)) in entries.iter().enumerate() {
            let h = hash(k.as_ref());
            #[allow(clippy::cast_possible_truncation)]
            let mut at = (h as usize) & mask;
            while slots[at] != 0 {
                at = (at + 1) & mask;
            }
            slots[at] = fingerprint(h, emask) | word(i + 1);
        }
        let at = self.pos();
        self.words.push(word(n));
        self.words.push(word(entries.len()));
        self.words.extend(slots);
        for (k, v) in &entries {
            self.str(k.as_ref());
            self.words.push(*v);
        }
        at
    }

    /// Writes a table of record positions; returns its position.
    pub fn records(&mut self, positions: &[u32]) -> u32 {
        self.u32s(positions.iter().copied())
    }

    /// The frozen words (little-endian bytes) and text, the root record written last.
    pub fn finish(mut self, root: &[u32]) -> (Vec<u8>, String) {
        let at = self.u32s(root.iter().copied());
        self.words.push(at);
        (self.words.iter().flat_map(|w| w.to_le_bytes()).collect(), self.text)
    }
}

/// Frozen words and text, compiled in (`'static`) or built at run time.
#[derive(Debug, Clone)]
pub struct Data {
    words: Cow<'static, [u8]>,
    text: Cow<'static, str>,
}

impl Data {
    pub fn new(words: Cow<'static, [u8]>, text: Cow<'static, str>) -> Data {
        Data { words, text }
    }

    #[inline(always)]
    #[allow(clippy::inline_always)] // the per-word look-up path: a call copies the map and its view
    pub fn view(&self) -> Flat<'_> {
        Flat { words: self.words.as_chunks::<4>().0, text: &self.text }
    }

    /// The words of the root record, at load.
    pub fn root(&self) -> Vec<u32> {
        let f = self.view();
        let n = self.words.len() / 4;
        let at = f.u(word(n - 1));
        (0..f.u(at)).map(|i| f.u(at + 1 + i)).collect()
    }

    /// The words and text, to compare two frozen indexes.
    #[cfg(test)]
    pub fn parts(&self) -> (&[u8], &str) {
        (&self.words, &self.text)
    }
}

/// Frozen words and text, read in place.
#[derive(Debug, Clone, Copy)]
pub struct Flat<'a> {
    words: &'a [[u8; 4]],
    text: &'a str,
}

impl<'a> Flat<'a> {
    /// Word `i`.
    #[inline(always)]
    #[allow(clippy::inline_always)] // the per-word look-up path: a call copies the map and its view
    pub fn u(self, i: u32) -> u32 {
        u32::from_le_bytes(self.words[i as usize])
    }

    /// The string written at `i`.
    #[inline]
    pub fn str(self, i: u32) -> &'a str {
        let (o, l) = (self.u(i) as usize, self.u(i + 1) as usize);
        &self.text[o..o + l]
    }

    pub fn flag(self, i: u32) -> bool {
        self.u(i) != 0
    }

    pub fn u32s(self, at: u32) -> U32List<'a> {
        U32List { f: self, at }
    }

    pub fn pairs(self, at: u32) -> Pairs<'a> {
        Pairs { f: self, at }
    }

    pub fn strs(self, at: u32) -> StrList<'a> {
        StrList { f: self, at }
    }

    /// The head of the map written at `at`: what a look-up reads before the slots, read once
    /// (an index keeps the heads of its maps).
    pub fn head(self, at: u32) -> MapHead {
        let n = self.u(at);
        let len = self.u(at + 1);
        MapHead { slots: at + 2, mask: n - 1, emask: entry_mask(len), entries: at + 2 + n, len }
    }

    /// The map of a head read before ([`Flat::head`]).
    #[inline(always)]
    #[allow(clippy::inline_always)] // the per-word look-up path: a call copies the map and its view
    pub fn map_at<V: Value<'a>>(self, head: MapHead) -> Map<'a, V> {
        Map { f: self, h: head, v: PhantomData }
    }

    pub fn records<R: Value<'a>>(self, at: u32) -> Records<'a, R> {
        Records { f: self, at, r: PhantomData }
    }
}

/// What a word of a map or a record table stands for.
pub trait Value<'a>: Sized {
    fn read(f: Flat<'a>, w: u32) -> Self;
}

impl<'a> Value<'a> for u32 {
    fn read(_: Flat<'a>, w: u32) -> u32 {
        w
    }
}

impl<'a> Value<'a> for usize {
    fn read(_: Flat<'a>, w: u32) -> usize {
        w as usize
    }
}

impl<'a> Value<'a> for () {
    fn read(_: Flat<'a>, _: u32) {}
}

impl<'a> Value<'a> for U32List<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        f.u32s(w)
    }
}

impl<'a> Value<'a> for Pairs<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        f.pairs(w)
    }
}

impl<'a> Value<'a> for StrList<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        f.strs(w)
    }
}

/// Two strings.
impl<'a> Value<'a> for (&'a str, &'a str) {
    fn read(f: Flat<'a>, w: u32) -> Self {
        (f.str(w), f.str(w + 2))
    }
}

/// A word and a string.
impl<'a> Value<'a> for (usize, &'a str) {
    fn read(f: Flat<'a>, w: u32) -> Self {
        (f.u(w) as usize, f.str(w + 1))
    }
}

/// A list of words.
#[derive(Debug, Clone, Copy)]
pub struct U32List<'a> {
    f: Flat<'a>,
    at: u32,
}

impl<'a> U32List<'a> {
    pub fn len(self) -> usize {
        self.f.u(self.at) as usize
    }
    pub fn get(self, i: usize) -> usize {
        self.f.u(self.at + 1 + word(i)) as usize
    }
    pub fn iter(self) -> impl DoubleEndedIterator<Item = usize> + ExactSizeIterator + 'a {
        (0..self.len()).map(move |i| self.get(i))
    }
}

/// A list of pairs of words.
#[derive(Debug, Clone, Copy)]
pub struct Pairs<'a> {
    f: Flat<'a>,
    at: u32,
}

impl<'a> Pairs<'a> {
    pub fn len(self) -> usize {
        self.f.u(self.at) as usize
    }
    pub fn get(self, i: usize) -> (usize, usize) {
        let p = self.at + 1 + 2 * word(i);
        (self.f.u(p) as usize, self.f.u(p + 1) as usize)
    }
    pub fn iter(self) -> impl DoubleEndedIterator<Item = (usize, usize)> + ExactSizeIterator + 'a {
        (0..self.len()).map(move |i| self.get(i))
    }

    /// The second word of the pair whose first word is `key`, in a list whose first words
    /// ascend strictly (a trie node's edges by byte): what a scan up to the first word not below
    /// `key` finds, found by halving past eight pairs (#16: a node after a common first byte has
    /// dozens of edges, and the media trie scanned them at every walk).
    #[inline]
    pub fn find_sorted(self, key: usize) -> Option<usize> {
        let n = self.len();
        let (mut lo, mut hi) = (0, n);
        while hi - lo > 8 {
            let mid = lo + (hi - lo) / 2;
            if self.get(mid).0 < key {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        // (the first pair not below `key` is in `lo..=hi`, and past `hi` only when `hi == n`)
        for i in lo..n {
            let (a, v) = self.get(i);
            if a >= key {
                return (a == key).then_some(v);
            }
        }
        None
    }
}

/// A list of strings.
#[derive(Debug, Clone, Copy)]
pub struct StrList<'a> {
    f: Flat<'a>,
    at: u32,
}

impl<'a> StrList<'a> {
    pub fn len(self) -> usize {
        self.f.u(self.at) as usize
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
    pub fn get(self, i: usize) -> &'a str {
        self.f.str(self.at + 1 + 2 * word(i))
    }
    pub fn first(self) -> Option<&'a str> {
        (!self.is_empty()).then(|| self.get(0))
    }
    pub fn last(self) -> Option<&'a str> {
        self.len().checked_sub(1).map(|i| self.get(i))
    }
    pub fn iter(self) -> impl DoubleEndedIterator<Item = &'a str> + ExactSizeIterator + 'a {
        (0..self.len()).map(move |i| self.get(i))
    }
    pub fn contains(self, s: &str) -> bool {
        self.iter().any(|x| x == s)
    }
}

impl std::ops::Index<usize> for StrList<'_> {
    type Output = str;
    fn index(&self, i: usize) -> &str {
        self.get(i)
    }
}

/// Where a map's slots and entries are, and its slot and entry masks.
#[derive(Debug, Clone, Copy, Default)]
pub struct MapHead {
    slots: u32,
    mask: u32,
    emask: u32,
    entries: u32,
    len: u32,
}

/// A map from strings to values.
#[derive(Debug)]
pub struct Map<'a, V> {
    f: Flat<'a>,
    h: MapHead,
    v: PhantomData<fn() -> V>,
}

impl<V> Clone for Map<'_, V> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<V> Copy for Map<'_, V> {}

impl<'a, V: Value<'a> + 'a> Map<'a, V> {
    pub fn len(self) -> usize {
        self.h.len as usize
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// The value of `key`.
    #[inline]
    pub fn get(self, key: &str) -> Option<V> {
        self.get_key(Key::new(key))
    }

    /// The value of a key hashed before.
    #[inline(always)]
    #[allow(clippy::inline_always)] // the per-word look-up path: a call copies the map and its view
    pub fn get_key(self, key: Key<'_>) -> Option<V> {
        let (f, h) = (self.f, self.h);
        let fp = fingerprint(key.hash, h.emask);
        #[allow(clippy::cast_possible_truncation)]
        let mut i = (key.hash as u32) & h.mask;
        loop {
            let s = f.u(h.slots + i);
            let e = s & h.emask;
            if e == 0 {
                return None;
            }
            // the fingerprint, then the length, then the bytes
            if s & !h.emask == fp {
                let at = h.entries + 3 * (e - 1);
                if f.u(at + 1) as usize == key.text.len() {
                    let o = f.u(at) as usize;
                    if f.text.as_bytes().get(o..o + key.text.len()) == Some(key.text.as_bytes()) {
                        return Some(V::read(f, f.u(at + 2)));
                    }
                }
            }
            i = (i + 1) & h.mask;
        }
    }

    #[inline]
    pub fn contains_key(self, key: &str) -> bool {
        self.get(key).is_some()
    }

    #[inline(always)]
    #[allow(clippy::inline_always)] // the per-word look-up path: a call copies the map and its view
    pub fn contains(self, key: Key<'_>) -> bool {
        self.get_key(key).is_some()
    }
}

/// A table of records.
#[derive(Debug)]
pub struct Records<'a, R> {
    f: Flat<'a>,
    at: u32,
    r: PhantomData<fn() -> R>,
}

impl<R> Clone for Records<'_, R> {
    fn clone(&self) -> Self {
        *self
    }
}
impl<R> Copy for Records<'_, R> {}

impl<'a, R: Value<'a> + 'a> Records<'a, R> {
    pub fn len(self) -> usize {
        self.f.u(self.at) as usize
    }
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }
    pub fn get(self, i: usize) -> R {
        R::read(self.f, self.f.u(self.at + 1 + word(i)))
    }
    /// Record `i`, or `None` past the end.
    pub fn try_get(self, i: usize) -> Option<R> {
        (i < self.len()).then(|| self.get(i))
    }
    pub fn iter(self) -> impl DoubleEndedIterator<Item = R> + ExactSizeIterator + 'a {
        (0..self.len()).map(move |i| self.get(i))
    }
}

impl<'a, R: Value<'a> + 'a> Value<'a> for Records<'a, R> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        f.records(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_sorted_finds_what_a_scan_finds() {
        // lists of 0 to 40 pairs with strictly ascending first words (gaps of 1 to 3)
        let mut w = Writer::default();
        let lists: Vec<(u32, Vec<usize>)> = (0..=40u32)
            .map(|n| {
                let keys: Vec<usize> = (0..n as usize)
                    .scan(0, |k, i| {
                        *k += 1 + (i * 7 + n as usize) % 3;
                        Some(*k)
                    })
                    .collect();
                (w.pairs(keys.iter().map(|&k| (k as u32, 1000 + k as u32))), keys)
            })
            .collect();
        let (words, text) = w.finish(&[]);
        let data = Data::new(Cow::Owned(words), Cow::Owned(text));
        let f = data.view();
        for (at, keys) in lists {
            let pairs = f.pairs(at);
            for key in 0..keys.last().copied().unwrap_or(0) + 3 {
                let scan = pairs.iter().find(|&(a, _)| a >= key).and_then(|(a, v)| (a == key).then_some(v));
                assert_eq!(pairs.find_sorted(key), scan, "{keys:?} {key}");
            }
        }
    }
}
