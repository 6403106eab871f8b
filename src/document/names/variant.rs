//! Spelling keys for names, and the test that two spellings are one name.
//!
//! Two keys per word:
//! - [`light`]: case, diacritics (`Erdoğan` = `Erdogan`), hyphens and apostrophes, doubled
//!   letters (`Odessa` = `Odesa`). Spellings equal here differ only typographically.
//! - [`heavy`]: transliteration folding on top: `kh`/`h`, `gh`/`q`/`k`, `zh`/`j`, `y`/`j`/`i`,
//!   `ie`/`iy`/`i`, `ou`/`oo`/`o`/`u`, `w`/`v` and `-off`/`-ov`, `x`/`ks`, `ph`/`f`,
//!   `th`/`t`, `dh`/`d` (`Araghchi` = `Araqchi`, `Zelenskiy` = `Zelenskyy`, `Kiev` = `Kyiv`).
//!
//! [`word_match`] then allows one more difference on the heavy key when both keys are long
//! enough and the difference is one a transliteration makes: a vowel for a vowel or a
//! confusable consonant pair (`g`/`h`, `g`/`k`, `s`/`z`, ...) anywhere but the last letter,
//! or a vowel added or dropped inside the word; or two neighbouring letters swapped, a typing
//! slip ([`swapped`]: `Kotzias`/`Kotizas`). It never allows a change at the end of a word,
//! which is where demonyms and related names differ (`Russia`/`Russian`, `Israel`/`Israeli`,
//! `Niger`/`Nigeria`, `Ivanov`/`Ivanova`).

/// How two spellings of a word relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kinship {
    /// One transliteration step apart on the heavy key (`Shtayyeh`/`Shtayyah`).
    Near,
    /// Equal heavy keys: transliteration variants (`Araghchi`/`Araqchi`).
    Transliteration,
    /// Equal light keys: accents, doubled letters, hyphens (`Odessa`/`Odesa`).
    Typographic,
    /// The same spelling (ignoring case).
    Same,
}

/// Lower-case ASCII letters and digits, diacritics folded, doubled letters collapsed.
pub fn light(word: &str) -> String {
    if word.is_ascii() {
        return collapse(word.bytes().filter(u8::is_ascii_alphanumeric).map(|b| b.to_ascii_lowercase()), word.len());
    }
    let folded = deunicode::deunicode(&crate::text::fold(word)).to_ascii_lowercase();
    collapse(folded.bytes().filter(u8::is_ascii_alphanumeric), folded.len())
}

/// The light key with transliteration differences folded (see the module docs).
pub fn heavy(word: &str) -> String {
    heavy_of_light(&light(word))
}

/// Rewrites, longest first at each position, applied in one left-to-right pass ([`heavy_of_light`]
/// applies them by a match on the first byte; its test reference scans this table).
#[cfg(test)]
const REWRITES: &[(&[u8], &[u8])] = &[
    (b"tch", b"ch"),
    (b"sch", b"sh"),
    (b"dzh", b"i"),
    (b"zh", b"i"),
    (b"dj", b"i"),
    (b"kh", b"h"),
    (b"gh", b"k"),
    (b"ck", b"k"),
    (b"ph", b"f"),
    (b"th", b"t"),
    (b"dh", b"d"),
    (b"ou", b"u"),
    (b"oo", b"u"),
    (b"ee", b"i"),
    (b"ie", b"i"),
    (b"x", b"ks"),
    (b"q", b"k"),
    (b"w", b"v"),
    (b"o", b"u"),
    (b"y", b"i"),
    (b"j", b"i"),
];

/// [`heavy`] from a [`light`] key: the [`REWRITES`], longest first at each position, by the
/// first byte (a match instead of a scan of the table at every byte), with doubled letters
/// collapsed as the bytes are written (the same as [`collapse`] of the rewritten key).
pub fn heavy_of_light(light: &str) -> String {
    let b = light.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + 2);
    // the last byte written before collapsing (0: none)
    let mut last = 0u8;
    let mut put = |x: u8| {
        if x != last || x.is_ascii_digit() {
            out.push(x);
        }
        last = x;
    };
    let mut i = 0;
    while i < b.len() {
        let at = |k: usize| b.get(i + k).copied().unwrap_or(0);
        let (to, n): (&[u8], usize) = match b[i] {
            b't' if at(1) == b'c' && at(2) == b'h' => (b"ch", 3),
            b't' if at(1) == b'h' => (b"t", 2),
            b's' if at(1) == b'c' && at(2) == b'h' => (b"sh", 3),
            b'd' if at(1) == b'z' && at(2) == b'h' => (b"i", 3),
            b'd' if at(1) == b'j' => (b"i", 2),
            b'd' if at(1) == b'h' => (b"d", 2),
            b'z' if at(1) == b'h' => (b"i", 2),
            b'k' if at(1) == b'h' => (b"h", 2),
            b'g' if at(1) == b'h' => (b"k", 2),
            b'c' if at(1) == b'k' => (b"k", 2),
            b'p' if at(1) == b'h' => (b"f", 2),
            b'o' if matches!(at(1), b'u' | b'o') => (b"u", 2),
            b'o' => (b"u", 1),
            b'e' if at(1) == b'e' => (b"i", 2),
            b'i' if at(1) == b'e' => (b"i", 2),
            b'x' => (b"ks", 1),
            b'q' => (b"k", 1),
            b'w' => (b"v", 1),
            b'y' | b'j' => (b"i", 1),
            c => {
                put(c);
                i += 1;
                continue;
            }
        };
        for &x in to {
            put(x);
        }
        i += n;
    }
    // ASCII bytes from an ASCII key
    let mut s = String::from_utf8(out).expect("ASCII");
    if s.ends_with("uf") {
        // -off / -of / -ov / -ow
        s.pop();
        s.push('v');
    }
    // Mohammed / Mohammad / Muhammad / Mohamed: one name, the commonest drift in wire copy
    if s.starts_with("muhamed") {
        s.replace_range(5..6, "a");
    }
    s
}

/// The table-scanning [`heavy_of_light`] it replaced (#16), to hold them equal.
#[cfg(test)]
pub(crate) fn heavy_of_light_reference(light: &str) -> String {
    let b = light.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(b.len() + 2);
    let mut i = 0;
    while i < b.len() {
        let rest = &b[i..];
        match REWRITES.iter().find(|(from, _)| rest.starts_with(from)) {
            Some((from, to)) => {
                out.extend_from_slice(to);
                i += from.len();
            }
            None => {
                out.push(b[i]);
                i += 1;
            }
        }
    }
    let n = out.len() + 1;
    let mut s = collapse(out.into_iter(), n);
    if s.ends_with("uf") {
        s.pop();
        s.push('v');
    }
    if s.starts_with("muhamed") {
        s.replace_range(5..6, "a");
    }
    s
}

/// `bytes` with runs of one letter written once, into a string of `capacity` (at most the
/// number of bytes, so that it never grows).
fn collapse(bytes: impl Iterator<Item = u8>, capacity: usize) -> String {
    let mut out = String::with_capacity(capacity);
    let mut last = 0u8;
    for b in bytes {
        if b != last || b.is_ascii_digit() {
            out.push(b as char);
        }
        last = b;
    }
    out
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Consonants that transliterations of one sound swap (after [`heavy`] folding).
fn confusable(a: u8, b: u8) -> bool {
    let (a, b) = if a < b { (a, b) } else { (b, a) };
    matches!((a, b), (b'g', b'h' | b'k') | (b's', b'z') | (b'c', b'k' | b's') | (b'f', b'v'))
}

/// Minimum heavy-key length for a one-step (near) match.
pub const NEAR_MIN_LEN: usize = 6;

/// Are two heavy keys one transliteration step apart? (See the module docs.)
pub fn near(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len().min(b.len()) < NEAR_MIN_LEN || a == b {
        return false;
    }
    if a.len() == b.len() {
        let mut diff = (0..a.len()).filter(|&i| a[i] != b[i]);
        let (Some(i), None) = (diff.next(), diff.next()) else { return false };
        if i + 1 == a.len() {
            return false;
        }
        return (is_vowel(a[i]) && is_vowel(b[i])) || confusable(a[i], b[i]);
    }
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if long.len() != short.len() + 1 {
        return false;
    }
    let i = (0..short.len()).find(|&i| short[i] != long[i]).unwrap_or(short.len());
    // the extra letter: a vowel, strictly inside the word
    if i == 0 || i + 1 >= long.len() || !is_vowel(long[i]) {
        return false;
    }
    short[i..] == long[i + 1..]
}

/// A heavy key without a final `h` after a vowel (`abdulah` -> `abdula`).
fn strip_final_h(s: &str) -> &str {
    let bs = s.as_bytes();
    if bs.len() > 2 && bs[bs.len() - 1] == b'h' && is_vowel(bs[bs.len() - 2]) { &s[..s.len() - 1] } else { s }
}

/// Heavy keys equal, or equal once a final `h` after a vowel is dropped (`Abdullah`/`Abdulla`).
fn heavy_equal(a: &str, b: &str) -> bool {
    a == b || strip_final_h(a) == strip_final_h(b)
}

/// Blocking keys of a word (hashes): whenever [`word_match`] of two words is `Some`, they share
/// at least one key, so comparing only words that share a key finds every match (keys that
/// merely collide are ruled out by the exact test). Keys: the lower-cased spelling, the light
/// key, the heavy key without a final `h`, and, for near matches, the heavy key and every
/// one-letter deletion of it (a substitution leaves both words with one deletion in common; an
/// inserted vowel leaves the longer word with a deletion equal to the shorter). Without `near`,
/// only the keys of matches of [`Kinship::Transliteration`] or closer.
pub fn match_keys(k: &Keys, near: bool, out: &mut Vec<u64>) {
    out.push(key_hash(b'l', k.lower.as_bytes()));
    if k.light.is_empty() {
        return;
    }
    out.push(key_hash(b't', k.light.as_bytes()));
    if k.light.len() < 4 {
        return;
    }
    out.push(key_hash(b'h', strip_final_h(&k.heavy).as_bytes()));
    let h = k.heavy.as_bytes();
    if near && h.len() >= NEAR_MIN_LEN {
        out.push(key_hash(b'd', h));
        let mut buf = Vec::with_capacity(h.len());
        for i in 0..h.len() {
            buf.clear();
            buf.extend_from_slice(&h[..i]);
            buf.extend_from_slice(&h[i + 1..]);
            out.push(key_hash(b'd', &buf));
        }
    }
}

/// A tagged hash of a byte string, for blocking keys.
pub fn key_hash(tag: u8, bytes: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = rustc_hash::FxHasher::default();
    h.write_u8(tag);
    h.write(bytes);
    h.write_usize(bytes.len());
    h.finish()
}

/// Precomputed keys of one spelling.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keys {
    /// Lower-cased spelling.
    pub lower: String,
    pub light: String,
    pub heavy: String,
}

impl Keys {
    pub fn new(word: &str) -> Keys {
        let light = light(word);
        let heavy = heavy_of_light(&light);
        Keys { lower: word.to_lowercase(), light, heavy }
    }

    /// [`Keys::new`], shared: the keys of a spelling seen lately on this thread are not built
    /// again (stories of a feed name the same people and places; a name's keys cost far more
    /// than the look-up).
    ///
    /// Out of line: whether the thread-local look-up was inlined into its caller changed with
    /// the code around it, by about 2 M instructions per 1.2 MB of copy (#16).
    #[inline(never)]
    pub fn shared(word: &str) -> std::sync::Arc<Keys> {
        use std::cell::RefCell;
        use std::sync::Arc;
        /// Spellings kept; past this many the cache starts again empty.
        const MAX: usize = 1 << 15;
        thread_local! {
            static CACHE: RefCell<rustc_hash::FxHashMap<Box<str>, Arc<Keys>>> = RefCell::new(rustc_hash::FxHashMap::default());
        }
        CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if let Some(k) = c.get(word) {
                return k.clone();
            }
            if c.len() >= MAX {
                c.clear();
            }
            let k = Arc::new(Keys::new(word));
            c.insert(word.into(), k.clone());
            k
        })
    }
}

/// How two words relate, or `None` when they are not spellings of one name.
/// Very short words (light key under 4 letters) must be typographic variants.
pub fn word_match(a: &Keys, b: &Keys) -> Option<Kinship> {
    if a.lower == b.lower {
        return Some(Kinship::Same);
    }
    if a.light.is_empty() || b.light.is_empty() {
        return None;
    }
    if a.light == b.light {
        return Some(Kinship::Typographic);
    }
    // heavy keys more than one letter apart in length are neither equal (a final `h` dropped),
    // nor near, nor swapped
    if a.light.len().min(b.light.len()) < 4 || a.heavy.len().abs_diff(b.heavy.len()) > 1 {
        return None;
    }
    if heavy_equal(&a.heavy, &b.heavy) {
        return Some(Kinship::Transliteration);
    }
    (near(&a.heavy, &b.heavy) || swapped(&a.heavy, &b.heavy)).then_some(Kinship::Near)
}

/// Are two heavy keys equal but for two neighbouring letters swapped, not in the last two
/// (`Kotzias`/`Kotizas`, `Schlesinger`/`Schlesigner`; `Marian`/`Marina` differ at the end)?
/// A typing slip, not a transliteration: entity-corruption's [`near`] test leaves it out, so a
/// swapped outlet name (`Xinuha`) is still a corruption there.
pub fn swapped(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() || a.len() < NEAR_MIN_LEN {
        return false;
    }
    let mut diff = (0..a.len()).filter(|&i| a[i] != b[i]);
    match (diff.next(), diff.next(), diff.next()) {
        (Some(i), Some(j), None) => j == i + 1 && j + 1 < a.len() && a[i] == b[j] && a[j] == b[i],
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(a: &str, b: &str) -> Option<Kinship> {
        word_match(&Keys::new(a), &Keys::new(b))
    }

    #[test]
    fn folds_transliteration_variants() {
        assert_eq!(m("Odessa", "Odesa"), Some(Kinship::Typographic));
        assert_eq!(m("Erdoğan", "Erdogan"), Some(Kinship::Typographic));
        assert_eq!(m("Zelensky", "Zelenskyy"), Some(Kinship::Typographic));
        for (a, b) in [
            ("Zelenskiy", "Zelenskyy"),
            ("Araghchi", "Araqchi"),
            ("Kiev", "Kyiv"),
            ("Zaporizhzhia", "Zaporizhia"),
            ("Mohammed", "Muhammad"),
            ("Mohammad", "Mohamed"),
            ("Netanyahu", "Netanyahou"),
            ("Bogdanov", "Bogdanoff"),
            ("Bogdanow", "Bogdanov"),
            ("Gaddafi", "Gadhafi"),
            ("Abdullah", "Abdulla"),
            ("Sergei", "Sergey"),
            ("Aleksei", "Alexei"),
            ("Yusuf", "Jusuf"),
        ] {
            assert_eq!(m(a, b), Some(Kinship::Transliteration), "{a} / {b}");
        }
        for (a, b) in [
            ("Shtayyeh", "Shtayyah"),
            ("Shmyhal", "Shmygal"),
            ("Kharkiv", "Kharkov"),
            ("Gaddafi", "Qaddafi"),
            ("Tokayev", "Tokaev"),
            ("Kotzias", "Kotizas"),
            ("Schlesinger", "Schlesigner"),
        ] {
            assert_eq!(m(a, b), Some(Kinship::Near), "{a} / {b}");
        }
    }

    /// The byte-matching heavy key equals the table-scanning one: every string of up to five
    /// letters over the letters the rewrites read (and a digit), and the words of the fixtures.
    #[test]
    fn heavy_of_light_equals_reference() {
        let alphabet = b"tchszdjkgpoueixqwyam1";
        let mut n = 0;
        let mut word = Vec::new();
        fn all(alphabet: &[u8], word: &mut Vec<u8>, left: usize, n: &mut usize) {
            let s = std::str::from_utf8(word).unwrap();
            assert_eq!(heavy_of_light(s), heavy_of_light_reference(s), "{s}");
            *n += 1;
            if left == 0 {
                return;
            }
            for &c in alphabet {
                word.push(c);
                all(alphabet, word, left - 1, n);
                word.pop();
            }
        }
        all(alphabet, &mut word, 5, &mut n);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut stack = vec![root.join("tests/fixtures"), root.join("tests/eval")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else { continue };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p);
                    continue;
                }
                let Ok(text) = std::fs::read_to_string(&p) else { continue };
                for w in text.split(|c: char| !c.is_alphanumeric()) {
                    let l = light(w);
                    assert_eq!(heavy_of_light(&l), heavy_of_light_reference(&l), "{w}");
                    n += 1;
                }
            }
        }
        assert!(n > 4_000_000, "{n}");
    }

    #[test]
    fn keeps_different_names_apart() {
        for (a, b) in [
            ("Austria", "Australia"),
            ("Slovakia", "Slovenia"),
            ("Niger", "Nigeria"),
            ("Russia", "Russian"),
            ("Israel", "Israeli"),
            ("Palestine", "Palestinian"),
            ("Ivanov", "Ivanova"),
            ("Iran", "Iraq"),
            ("Gambia", "Zambia"),
            ("Iceland", "Ireland"),
            ("Abbas", "Araghchi"),
            ("Jong", "Yo"),
            ("Jan", "Ian"),
            ("Kosovo", "Kosova"),
            ("Hamas", "Hamad"),
            ("Minister", "Ministry"),
            ("Marian", "Marina"),
            ("Hanna", "Hanan"),
        ] {
            assert_eq!(m(a, b), None, "{a} / {b}");
        }
    }
}
