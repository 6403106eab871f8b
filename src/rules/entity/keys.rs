//! How entity names become lookup keys: the words of a lexicon name, the deletion variants of
//! the SymSpell-style indexes, and the hashes and filters that tell a word none of whose
//! deletions is a key without writing one out. Plain functions on `str` that use only
//! `crate::text`, because `build.rs` includes this file and text.rs too (`#[path]`) to compile
//! the bulk indexes (`lexicons/**/*-bulk*.tsv`) with exactly the keys the rule looks up at run
//! time.

/// A word of a lexicon name without surrounding punctuation or a possessive ending, as the
/// rule's word view keys the document's words.
pub fn name_word(t: &str) -> &str {
    // a plain ASCII word has no punctuation and no possessive to trim
    if t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return t;
    }
    // (`text::is_alphanumeric`: the entity index trims thousands of non-Latin names at start-up)
    let t = t.trim_matches(|c: char| !crate::text::is_alphanumeric(c) && c != '\'' && c != '\u{2019}');
    let t = strip_possessive(t);
    t.trim_matches(|c: char| !crate::text::is_alphanumeric(c))
}

/// `t` without a trailing possessive (`'s`, `’s`, or a bare apostrophe), when enough is left.
pub fn strip_possessive(t: &str) -> &str {
    for suffix in ["'s", "\u{2019}s", "'", "\u{2019}"] {
        if t.len() > suffix.len() + 2 && t.ends_with(suffix) {
            return &t[..t.len() - suffix.len()];
        }
    }
    t
}

/// Calls `f` with the key and each single-char deletion of it: the keys of the SymSpell
/// deletion index, on the dictionary side and the query side alike.
pub fn single_deletions(key: &str, buf: &mut String, mut f: impl FnMut(&str)) {
    f(key);
    for (i, c) in key.char_indices() {
        buf.clear();
        buf.push_str(&key[..i]);
        buf.push_str(&key[i + c.len_utf8()..]);
        f(buf);
    }
}

/// [`single_deletions`] of the positions in `mask` only: bit 0 the key itself, bit `k` its
/// deletion of char `k - 1`, bit 63 every position from 63 on.
pub fn single_deletions_masked(key: &str, mask: u64, buf: &mut String, mut f: impl FnMut(&str)) {
    let on = |k: usize| mask & 1 << k.min(63) != 0;
    if on(0) {
        f(key);
    }
    for (k, (i, c)) in key.char_indices().enumerate() {
        if on(k + 1) {
            buf.clear();
            buf.push_str(&key[..i]);
            buf.push_str(&key[i + c.len_utf8()..]);
            f(buf);
        }
    }
}

/// Calls `f` with the key and every deletion of one or two characters from it (keys may repeat).
pub fn deletions_upto2(key: &str, mut f: impl FnMut(&str)) {
    let mut b1 = String::new();
    let mut b2 = String::new();
    f(key);
    for (i, c) in key.char_indices() {
        b1.clear();
        b1.push_str(&key[..i]);
        b1.push_str(&key[i + c.len_utf8()..]);
        f(&b1);
        for (j, d) in b1.char_indices().skip_while(|&(j, _)| j < i) {
            b2.clear();
            b2.push_str(&b1[..j]);
            b2.push_str(&b1[j + d.len_utf8()..]);
            f(&b2);
        }
    }
}

/// The polynomial hash of `s`: `Σ s[j]·P^(m−1−j)` mod 2^64 (Horner's rule). The deletion
/// filters ([`Bloom`]) are keyed by it because the hash of each one-char deletion of a key
/// follows from the key's prefix hashes in a multiply and an add ([`deletion_hashes`]): no
/// deletion string is written and hashed to find that none is a key.
pub fn poly(s: &[u8]) -> u64 {
    s.iter().fold(0u64, |h, &b| h.wrapping_mul(POLY_P).wrapping_add(u64::from(b)))
}

const POLY_P: u64 = 0x9e37_79b9_7f4a_7c15;

/// The keys [`deletion_hashes`] computes on the stack, in bytes; longer keys hash each deletion
/// written out.
const POLY_MAX: usize = 64;

/// `POLY_P^k` for `k < POLY_MAX`.
const POLY_POW: [u64; POLY_MAX] = {
    let mut t = [1u64; POLY_MAX];
    let mut k = 1;
    while k < POLY_MAX {
        t[k] = t[k - 1].wrapping_mul(POLY_P);
        k += 1;
    }
    t
};

/// Calls `f` with the [`poly`] hash of `key` and of each single-char deletion of it, in the
/// order of [`single_deletions`] (the hash of a deletion is the hash of the string
/// [`single_deletions`] gives).
#[inline]
pub fn deletion_hashes(key: &str, mut f: impl FnMut(u64)) {
    let b = key.as_bytes();
    let m = b.len();
    if m >= POLY_MAX {
        let mut buf = String::new();
        single_deletions(key, &mut buf, |d| f(poly(d.as_bytes())));
        return;
    }
    let whole = poly(b);
    f(whole);
    // deleting bytes a..e: hash(key[..a]) * P^(m - e) + hash(key[e..]), where
    // hash(key[e..]) = whole - hash(key[..e]) * P^(m - e); the prefix hashes as they come
    let (mut a, mut before) = (0, 0u64);
    while a < m {
        let e = a + utf8_len(b[a]);
        let mut through = before;
        for &c in &b[a..e] {
            through = through.wrapping_mul(POLY_P).wrapping_add(u64::from(c));
        }
        f(whole.wrapping_add(before.wrapping_sub(through).wrapping_mul(POLY_POW[m - e])));
        (a, before) = (e, through);
    }
}

/// The hash of a pair of [`poly`] hashes (a first name and a surname deletion key), for a
/// [`Bloom`] filter of pairs.
#[inline]
pub fn pair_hash(a: u64, b: u64) -> u64 {
    (a ^ 0x5bd1_e995_9e37_79b9).wrapping_mul(0xd6e8_feb8_6659_fd93).rotate_left(31) ^ b
}

/// The length of the UTF-8 sequence a lead byte starts.
#[inline]
fn utf8_len(lead: u8) -> usize {
    match lead {
        0..0xc0 => 1,
        0xc0..0xe0 => 2,
        0xe0..0xf0 => 3,
        _ => 4,
    }
}

/// A Bloom filter over [`poly`] hashes, blocked: the two bits of a key are in one 64-bit word,
/// so a test is one load. Stored as `u32` words: the base-2 logarithm of its number of bits,
/// then the bits, each 64-bit word as two `u32`s, low half first. A key not in the set is told
/// so by one test, a key in it always passes.
pub struct Bloom;

impl Bloom {
    /// The filter of `hashes`, at least `bits_per_key` bits a key (16: about 1% of false
    /// passes, 32: under half a percent).
    pub fn build(hashes: &[u64], bits_per_key: usize) -> Vec<u32> {
        let lg = (hashes.len().max(1) * bits_per_key).next_power_of_two().trailing_zeros().clamp(12, 31);
        let mut words = vec![0u32; 1 + (1usize << lg) / 32];
        words[0] = lg;
        for &h in hashes {
            let (at, mask) = Bloom::probe(h, lg);
            #[allow(clippy::cast_possible_truncation)]
            let (low, high) = (mask as u32, (mask >> 32) as u32);
            words[1 + 2 * at] |= low;
            words[2 + 2 * at] |= high;
        }
        words
    }

    /// The 64-bit word of hash `h` in a filter of `2^lg` bits, and the mask of its two bits.
    #[inline]
    pub fn probe(h: u64, lg: u32) -> (usize, u64) {
        let x = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        #[allow(clippy::cast_possible_truncation)]
        let at = (x >> (64 - (lg - 6))) as usize;
        (at, 1u64 << (x & 63) | 1u64 << ((x >> 6) & 63))
    }
}
