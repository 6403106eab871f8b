//! Pure text helpers shared by document analyses and rules. A leaf: it uses nothing else in
//! the crate.

// (by path: build.rs includes this file as a module of its own)
#[path = "text/entities.rs"]
pub mod entities;

/// The English months' three-letter abbreviations, lower-case, January first.
pub const MONTH_ABBREVIATIONS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/// Lower-case, diacritics removed (`Erdoğan` -> `erdogan`), for fuzzy keys.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // char by char: NFKD is each char's compatibility decomposition, then a canonical reordering
    // of runs of non-starters; every non-starter is a combining mark (the test below checks the
    // tables), and marks are dropped, so the reordering never shows and ASCII needs no lookup
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if let Some(f) = fold_plain_letter(c) {
            out.push(f);
        } else {
            unicode_normalization::char::decompose_compatible(c, |d| {
                if !unicode_normalization::char::is_combining_mark(d) {
                    push_lower_char(&mut out, d);
                }
            });
        }
    }
    out
}

/// The fold of a letter of a common non-Latin alphabet that has no decomposition: basic
/// Cyrillic but `Й`/`й` (upper case moved to lower), CJK unified ideographs, Hebrew letters,
/// Arabic letters without a hamza or madda. The gazetteer and the entity index fold thousands
/// of such names at start-up (#16); a test holds this equal to the NFKD path for every char.
fn fold_plain_letter(c: char) -> Option<char> {
    match c {
        '\u{0430}'..='\u{0438}'
        | '\u{043A}'..='\u{044F}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{05D0}'..='\u{05EA}'
        | '\u{0627}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}' => Some(c),
        '\u{0410}'..='\u{0418}' | '\u{041A}'..='\u{042F}' => char::from_u32(c as u32 + 0x20),
        _ => None,
    }
}

/// `char::is_alphanumeric`, with the letters of the common non-Latin alphabets answered from
/// their code-point ranges rather than the Unicode table search: the gazetteer keys thousands of
/// Cyrillic, Arabic and Chinese place names at start-up, char by char (#16). A test holds it
/// equal to `char::is_alphanumeric` for every char.
pub fn is_alphanumeric(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        _ if c.is_ascii() => false,
        // Latin-1 letters but × and ÷, Latin Extended-A and -B and Additional; Cyrillic; Hebrew,
        // Arabic and Thai letters; kana; CJK unified ideographs; Hangul syllables
        '\u{00C0}'..='\u{00D6}'
        | '\u{00D8}'..='\u{00F6}'
        | '\u{00F8}'..='\u{024F}'
        | '\u{0400}'..='\u{0481}'
        | '\u{048A}'..='\u{052F}'
        | '\u{1E00}'..='\u{1EFF}'
        | '\u{05D0}'..='\u{05EA}'
        | '\u{0621}'..='\u{063A}'
        | '\u{0641}'..='\u{064A}'
        | '\u{0E01}'..='\u{0E30}'
        | '\u{3041}'..='\u{3096}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// [`fold`] as first written: NFKD, marks dropped, lower case.
#[cfg(test)]
fn fold_nfkd(s: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    s.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
}

/// Appends `s` lower-cased char by char (`char::to_lowercase`, so a final `Σ` is `σ`, unlike
/// `str::to_lowercase`), with ASCII copied and lowered in place: the per-word fold of the
/// analyses, without a `ToLowercase` iterator per character.
pub fn push_lower(buf: &mut String, s: &str) {
    if s.is_ascii() {
        let start = buf.len();
        buf.push_str(s);
        buf[start..].make_ascii_lowercase();
        return;
    }
    for c in s.chars() {
        push_lower_char(buf, c);
    }
}

/// Appends one character lower-cased (`char::to_lowercase`).
#[inline]
pub fn push_lower_char(buf: &mut String, c: char) {
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
    } else {
        buf.extend(c.to_lowercase());
    }
}

/// The high bits of the bytes of an ASCII word that lie in `lo..=hi`.
#[inline]
fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    let ones = 0x0101_0101_0101_0101u64;
    x.wrapping_add(ones * u64::from(0x80 - lo)) & !x.wrapping_add(ones * u64::from(0x7f - hi)) & 0x8080_8080_8080_8080
}

/// Calls `f` with each word start of `text`: the offset of an alphanumeric char at the start of
/// the text or after a char that is not alphanumeric ([`char::is_alphanumeric`]), in order.
/// ASCII is read eight bytes at a time.
pub fn for_each_word_start(text: &str, mut f: impl FnMut(usize)) {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // an ASCII letter of either case is a lower-case one with 0x20 set (`@` and `[`..`` ` `` become
    // `` ` `` and `{`..`\x7f`, no letter)
    const CASE: u64 = 0x2020_2020_2020_2020;
    let bytes = text.as_bytes();
    let (mut i, mut prev) = (0, false);
    while i < bytes.len() {
        if let Some(chunk) = bytes.get(i..i + 8) {
            let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
            // the ASCII bytes before the first other one (their sums carry into no byte below):
            // all eight most often (#16: no mask of the valid bytes then)
            let high = x & HIGH;
            let n = if high == 0 { 8 } else { (high.trailing_zeros() / 8) as usize };
            if n > 0 {
                let valid = if n == 8 { u64::MAX } else { (1u64 << (8 * n)) - 1 };
                let alnum = (ascii_in(x | CASE, b'a', b'z') | ascii_in(x, b'0', b'9')) & valid;
                let mut starts = alnum & !((alnum << 8) | (u64::from(prev) << 7));
                while starts != 0 {
                    f(i + starts.trailing_zeros() as usize / 8);
                    starts &= starts - 1;
                }
                prev = alnum >> (8 * n - 1) != 0;
                i += n;
                continue;
            }
        }
        let (alnum, len) = if bytes[i] < 0x80 {
            (bytes[i].is_ascii_alphanumeric(), 1)
        } else {
            let c = text[i..].chars().next().expect("a char starts here");
            (c.is_alphanumeric(), c.len_utf8())
        };
        if alnum && !prev {
            f(i);
        }
        prev = alnum;
        i += len;
    }
}

/// Is bit `k` set in `starts`, `k` the bytes `a` then `b` read as a little-endian `u16`? (Does
/// some form of a trie whose first-pair set is `starts` start with `a` then `b`?)
#[inline]
pub fn pair_starts(starts: &[u64; 1024], a: u8, b: u8) -> bool {
    let k = usize::from(b) << 8 | usize::from(a);
    starts[k / 64] & (1 << (k % 64)) != 0
}

/// The first position from `i` whose two bytes (read as a little-endian `u16` `k`) have bit `k`
/// set in `starts`, or the last byte of `bytes` (or `i` past it): four positions a round, a
/// two-byte load and a bit test each. The skip loop of the media and attribution-phrase tries,
/// which start a walk only where some form's first two bytes are (#16).
#[inline]
pub fn skip_to_pair(starts: &[u64; 1024], bytes: &[u8], mut i: usize) -> usize {
    let hit = |w: &[u8], j: usize| pair_starts(starts, w[j], w[j + 1]);
    while let Some(w) = bytes.get(i..i + 5) {
        if hit(w, 0) {
            return i;
        }
        if hit(w, 1) {
            return i + 1;
        }
        if hit(w, 2) {
            return i + 2;
        }
        if hit(w, 3) {
            return i + 3;
        }
        i += 4;
    }
    while let Some(w) = bytes.get(i..i + 2) {
        if hit(w, 0) {
            return i;
        }
        i += 1;
    }
    i
}

/// A filter of three-byte sequences (65,536 bits, 8 KiB): [`Triples::may_hold`] is false only
/// for a sequence never inserted. The media and attribution-phrase tries test the first three
/// bytes at a position whose two bytes start a form before they walk (#16: most such positions,
/// `de` in `made`, start no form, and a walk costs ten times the test).
#[derive(Debug)]
pub struct Triples(Box<[u64; 1024]>);

impl Default for Triples {
    fn default() -> Self {
        Triples(Box::new([0; 1024]))
    }
}

impl Triples {
    /// The bit of a sequence: its bytes hashed to sixteen bits.
    #[inline]
    fn bit(a: u8, b: u8, c: u8) -> usize {
        (u32::from_le_bytes([a, b, c, 0]).wrapping_mul(0x9e37_79b1) >> 16) as usize
    }

    pub fn insert(&mut self, a: u8, b: u8, c: u8) {
        let k = Triples::bit(a, b, c);
        self.0[k / 64] |= 1 << (k % 64);
    }

    /// Inserts every sequence that starts with `a` then `b`.
    pub fn insert_pair(&mut self, a: u8, b: u8) {
        (0..=255).for_each(|c| self.insert(a, b, c));
    }

    /// May `a`, `b`, `c` have been inserted? (False: it was not.)
    #[inline]
    pub fn may_hold(&self, a: u8, b: u8, c: u8) -> bool {
        let k = Triples::bit(a, b, c);
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A xorshift generator for the equivalence tests' made-up inputs: the same sequence on every
/// run, so a failure reproduces.
#[cfg(test)]
pub(crate) struct TestRng(u64);

#[cfg(test)]
impl TestRng {
    pub(crate) fn new() -> Self {
        TestRng(0x9E37_79B9_7F4A_7C15)
    }

    /// The next value (the state advanced by one xorshift step).
    pub(crate) fn next_u64(&mut self) -> u64 {
        let mut s = self.0;
        s ^= s << 13;
        s ^= s >> 7;
        s ^= s << 17;
        self.0 = s;
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_starts_are_the_chars_after_no_alphanumeric() {
        // made-up texts of letters, digits, the ASCII bytes beside the letter ranges, and chars
        // that are not ASCII (a leaf: its own xorshift, not the document tests' texts)
        let pieces = ["a", "Z", "7", " ", "@", "[", "`", "{", "\x7f", "é", "’", "中", "\u{301}", "-", "Abcdefgh", "\n", "Ⅻ"];
        let mut rng = TestRng::new();
        let mut next = move || rng.next_u64();
        let mut texts = vec![String::new(), "The minister said on Sunday.".to_string()];
        for _ in 0..5000 {
            let n = (next() % 48) as usize;
            texts.push((0..n).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect());
        }
        for t in texts {
            let mut got = Vec::new();
            for_each_word_start(&t, |p| got.push(p));
            let mut prev = false;
            let mut want = Vec::new();
            for (i, c) in t.char_indices() {
                if c.is_alphanumeric() && !prev {
                    want.push(i);
                }
                prev = c.is_alphanumeric();
            }
            assert_eq!(got, want, "{t:?}");
        }
    }

    #[test]
    fn plain_letters_fold_as_nfkd() {
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            if let Some(f) = fold_plain_letter(c) {
                assert_eq!(f.to_string(), fold_nfkd(&c.to_string()), "U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn is_alphanumeric_is_chars() {
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn every_non_starter_is_a_combining_mark() {
        // what lets `fold` decompose char by char without NFKD's canonical reordering
        for c in (0..=0x0010_FFFF).filter_map(char::from_u32) {
            if unicode_normalization::char::canonical_combining_class(c) != 0 {
                assert!(unicode_normalization::char::is_combining_mark(c), "{c:?} U+{:04X}", c as u32);
            }
        }
    }

    #[test]
    fn fold_is_nfkd_without_marks_lower_cased() {
        for s in [
            "Erdoğan",
            "Khān Yūnis",
            "İstanbul",
            "ΣΊΣΥΦΟΣ",
            "ﬁnance ²",
            "Ǆemal",
            "한국어",
            "Москва",
            "a\u{301}\u{323}b\u{323}\u{301}",
            "ÅNGSTRÖM",
        ] {
            assert_eq!(fold(s), fold_nfkd(s), "{s}");
        }
        for c in (0..=0x0002_FFFF).filter_map(char::from_u32) {
            let s = format!("x{c}\u{301}y{c}");
            assert_eq!(fold(&s), fold_nfkd(&s), "U+{:04X}", c as u32);
        }
    }
}
