//! How two spellings of a name word compare: edit budgets, moved letters, transliteration
//! keys, the old Indonesian spelling, one vowel for another, similarity.

use strsim::damerau_levenshtein;

/// Edits allowed in a name word: two from eight letters on, else one. An article or particle
/// joined by a hyphen or apostrophe does not count ("al-Sabah" is five letters long: "Al-Qabas"
/// is two edits from it, but a different name, the Kuwaiti daily).
pub(super) fn max_distance(s: &str) -> usize {
    let core = s.split(['-', '\'', '\u{2019}']).map(|p| p.chars().count()).max().unwrap_or(0);
    if core >= 8 { 2 } else { 1 }
}

/// Are `a` and `b` the same letters with one of them moved ("ghandi"/"gandhi")?
pub(super) fn one_letter_moved(a: &str, b: &str) -> bool {
    if a.len() != b.len() || a.len() < 5 {
        return false;
    }
    let mut buf = String::new();
    a.char_indices().any(|(i, c)| {
        buf.clear();
        buf.push_str(&a[..i]);
        buf.push_str(&a[i + c.len_utf8()..]);
        b.char_indices().any(|(j, d)| d == c && buf.get(..j) == Some(&b[..j]) && buf.get(j..) == Some(&b[j + d.len_utf8()..]))
    })
}

/// One transliteration step apart (`names::variant::near` on heavy keys).
pub(super) fn near_variant(a: &str, b: &str) -> bool {
    use crate::document::names::variant::{heavy, near};
    near(&heavy(a), &heavy(b))
}

/// Same transliteration key (`names::variant::heavy`): spellings of one name, not a corruption.
pub(super) fn heavy_equal(a: &str, b: &str) -> bool {
    use crate::document::names::variant::heavy;
    heavy(a) == heavy(b)
}

/// Are `a` and `b` the same letters, some moved ("andalou"/"anadolu")?
pub(super) fn same_letters(a: &str, b: &str) -> bool {
    let mut x: Vec<char> = a.chars().collect();
    let mut y: Vec<char> = b.chars().collect();
    x.sort_unstable();
    y.sort_unstable();
    x == y
}

/// The modern Indonesian spelling (EYD, 1972) of a word in the old Soewandi/Van Ophuijsen
/// spelling: oe -> u, dj -> j, tj -> c, nj -> ny, sj -> sy, ch -> kh, j -> y ("Soekarno",
/// "Djakarta", "Tjahjo").
pub(super) fn eyd(word: &str) -> String {
    let b = word.as_bytes();
    let mut out = String::with_capacity(word.len());
    let mut i = 0;
    while i < b.len() {
        let two = b.get(i..i + 2);
        let (rep, n) = match two {
            Some(b"oe") => ("u", 2),
            Some(b"dj") => ("j", 2),
            Some(b"tj") => ("c", 2),
            Some(b"nj") => ("ny", 2),
            Some(b"sj") => ("sy", 2),
            Some(b"ch") => ("kh", 2),
            _ if b[i] == b'j' => ("y", 1),
            _ => {
                let c = word[i..].chars().next().unwrap();
                out.push(c);
                i += c.len_utf8();
                continue;
            }
        };
        out.push_str(rep);
        i += n;
    }
    out
}

/// One name in the old and the new Indonesian spelling ("Soeharto"/"Suharto"): a spelling
/// system, not a slip.
pub(super) fn spelling_system_equal(a: &str, b: &str) -> bool {
    // both sides may mix the systems ("Daradjatun" with old `dj` and new `u`)
    a != b && (eyd(a) == b || eyd(b) == a || eyd(a) == eyd(b))
}

/// Do `a` and `b` differ by one vowel written for another ("Rajapakse"/"Rajapaksa")? The
/// commonest difference between two romanisations of one name, not a slip.
pub(super) fn vowel_for_vowel(a: &str, b: &str) -> bool {
    const VOWELS: &str = "aeiouy";
    let (x, y): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if x.len() != y.len() {
        return false;
    }
    let diff: Vec<usize> = (0..x.len()).filter(|&i| x[i] != y[i]).collect();
    matches!(&diff[..], [i] if VOWELS.contains(x[*i]) && VOWELS.contains(y[*i]))
}

/// Similarity in 0..=1 from the edit distance.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let d = damerau_levenshtein(a, b) as f64;
    1.0 - d / a.chars().count().max(b.chars().count()).max(1) as f64
}
