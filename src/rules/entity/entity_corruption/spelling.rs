//! How two spellings of a name word compare: edit budgets, moved letters, transliteration
//! keys, the old Indonesian spelling, one vowel for another, similarity.

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

/// One name in two romanisations of an East Slavic spelling: Ukrainian `є` as `ie` or `e`, `и`
/// as `y` or `i`, `г` as `h` or `g`, `х` as `kh` or `h`, `я`/`ю` as `ya`/`yu` or `ia`/`iu`
/// ("Syniehubov", the official form, "Synehubov", the wire form, "Sinegubov", the Russian form;
/// "Zelenskiy"/"Zelensky"). Agencies and the source's own system differ, and none is a slip.
pub(super) fn slavic_romanisation_equal(a: &str, b: &str) -> bool {
    fn key(word: &str) -> Vec<u8> {
        let light = crate::document::names::variant::light(word);
        let b = light.as_bytes();
        let mut out: Vec<u8> = Vec::with_capacity(b.len());
        let mut i = 0;
        while i < b.len() {
            let (rep, n): (&[u8], usize) = match b.get(i..i + 2) {
                Some(b"ie" | b"ye" | b"je") => (b"e", 2),
                Some(b"iy" | b"yi" | b"ii" | b"yy") => (b"i", 2),
                Some(b"ya" | b"ia" | b"ja") => (b"a", 2),
                Some(b"yu" | b"iu" | b"ju") => (b"u", 2),
                Some(b"kh") => (b"h", 2),
                _ => match b[i] {
                    b'y' => (b"i", 1),
                    b'g' => (b"h", 1),
                    _ => (std::slice::from_ref(&b[i]), 1),
                },
            };
            for &x in rep {
                if out.last() != Some(&x) {
                    out.push(x);
                }
            }
            i += n;
        }
        out
    }
    a != b && key(a) == key(b)
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
    // a word without `j`, `oe` or `ch` is its own modern spelling: two such words are not
    // spellings of one name in two systems (without the rewrites, which allocate)
    let old = |w: &str| w.bytes().any(|c| c == b'j') || w.as_bytes().windows(2).any(|x| x == b"oe" || x == b"ch");
    if !old(a) && !old(b) {
        return false;
    }
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

/// Do `a` and `b` differ by one vowel written for another that no romanisation writes for it
/// ("Volodomyr" for Volodymyr: `y` and `o`)? Romanisations of one name trade `a`/`e`, `e`/`i`,
/// `i`/`y`, `o`/`u`, `a`/`o`, `a`/`u`, `e`/`y` (Mohamed/Muhammad, Omar/Umar, Hossein/Husain,
/// Yuri/Yury, Alexei/Alexey); any other pair is a slip of the keyboard or the ear, not a system.
pub(super) fn unusual_vowel_swap(a: &str, b: &str) -> bool {
    const USUAL: [(char, char); 7] = [('a', 'e'), ('e', 'i'), ('i', 'y'), ('o', 'u'), ('a', 'o'), ('a', 'u'), ('e', 'y')];
    if !vowel_for_vowel(a, b) {
        return false;
    }
    let Some((x, y)) = a.chars().zip(b.chars()).find(|(x, y)| x != y) else { return false };
    !USUAL.iter().any(|&(p, q)| (x, y) == (p, q) || (x, y) == (q, p))
}

/// Similarity in 0..=1 from the edit distance.
pub(super) fn similarity(a: &str, b: &str) -> f64 {
    let d = damerau_levenshtein(a, b) as f64;
    1.0 - d / a.chars().count().max(b.chars().count()).max(1) as f64
}

/// Are `a` and `b` surely more than two edits apart (`damerau_levenshtein(a, b) > 2`)? A quick
/// test before the distance, which may answer false for words that are: an edit (an insertion,
/// a deletion, a substitution, a transposition) changes the sum over letters of the difference
/// of their counts in the two words by two at most, so words whose counts differ by five or
/// more in all are three edits apart at least. ASCII words (false for others).
pub(super) fn beyond_two_edits(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() > 1000 || !a.is_ascii() || !b.is_ascii() {
        return false;
    }
    if a.len().abs_diff(b.len()) > 2 {
        return true;
    }
    let mut count = [0i16; 128];
    for &c in a {
        count[usize::from(c)] += 1;
    }
    for &c in b {
        count[usize::from(c)] -= 1;
    }
    let mut apart = 0;
    for &c in a.iter().chain(b) {
        apart += count[usize::from(c)].unsigned_abs();
        count[usize::from(c)] = 0;
    }
    apart > 4
}

/// `strsim::damerau_levenshtein` (Zhao and Sahni's linear-space Damerau-Levenshtein distance,
/// transpositions unrestricted, on chars), step for step, without its allocations: the words
/// compared are short, so the rows are on the stack and the last row of each letter is a short
/// list (strsim allocates three rows and clears a table of 256 letters on every call). Words of
/// more than [`DL_MAX`] letters go to strsim.
pub(super) fn damerau_levenshtein(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() && a.len() <= DL_MAX && b.len() <= DL_MAX {
        return damerau_levenshtein_ascii(a.as_bytes(), b.as_bytes());
    }
    let mut s1 = ['\0'; DL_MAX];
    let mut s2 = ['\0'; DL_MAX];
    let (Some(len1), Some(len2)) = (chars_into(a, &mut s1), chars_into(b, &mut s2)) else {
        return strsim::damerau_levenshtein(a, b);
    };
    let (s1, s2) = (&s1[..len1], &s2[..len2]);
    #[allow(clippy::cast_possible_wrap)]
    let max_val = len1.max(len2) as isize + 1;
    let size = len2 + 2;
    let mut fr = [max_val; DL_MAX + 2];
    let mut row_a = [max_val; DL_MAX + 2];
    let mut row_b = [max_val; DL_MAX + 2];
    // r = max_val, 0, 1, .. size - 2
    #[allow(clippy::cast_possible_wrap)]
    for (k, x) in row_a[1..size].iter_mut().enumerate() {
        *x = k as isize;
    }
    let (mut r, mut r1) = (&mut row_a, &mut row_b);
    // the last row of each letter of `a` seen (strsim's map, -1 for a letter not seen)
    let mut last_row: [(char, isize); DL_MAX] = [('\0', -1); DL_MAX];
    let mut seen = 0;
    #[allow(clippy::cast_possible_wrap)]
    for (i, &ch1) in s1.iter().enumerate().map(|(i, c)| (i + 1, c)) {
        std::mem::swap(&mut r, &mut r1);
        let mut last_col_id: isize = -1;
        let mut last_i2l1 = r[1];
        r[1] = i as isize;
        let mut t = max_val;
        for (j, &ch2) in s2.iter().enumerate().map(|(j, c)| (j + 1, c)) {
            let diag = r1[j] + isize::from(ch1 != ch2);
            let left = r[j] + 1;
            let up = r1[j + 1] + 1;
            let mut temp = diag.min(left.min(up));
            if ch1 == ch2 {
                last_col_id = j as isize;
                fr[j + 1] = r1[j - 1];
                t = last_i2l1;
            } else {
                let k = last_row[..seen].iter().find(|(c, _)| *c == ch2).map_or(-1, |&(_, v)| v);
                let l = last_col_id;
                if j as isize - l == 1 {
                    temp = temp.min(fr[j + 1] + (i as isize - k));
                } else if i as isize - k == 1 {
                    temp = temp.min(t + (j as isize - l));
                }
            }
            last_i2l1 = r[j + 1];
            r[j + 1] = temp;
        }
        match last_row[..seen].iter_mut().find(|(c, _)| *c == ch1) {
            Some(e) => e.1 = i as isize,
            None => {
                last_row[seen] = (ch1, i as isize);
                seen += 1;
            }
        }
    }
    #[allow(clippy::cast_sign_loss)]
    let d = r[len2 + 1] as usize;
    d
}

/// [`damerau_levenshtein`] of ASCII words of at most [`DL_MAX`] letters, step for step on bytes:
/// the last row of each letter is a table by byte, not a list to search.
fn damerau_levenshtein_ascii(s1: &[u8], s2: &[u8]) -> usize {
    let (len1, len2) = (s1.len(), s2.len());
    #[allow(clippy::cast_possible_wrap)]
    let max_val = len1.max(len2) as isize + 1;
    let size = len2 + 2;
    let mut fr = [max_val; DL_MAX + 2];
    let mut row_a = [max_val; DL_MAX + 2];
    let mut row_b = [max_val; DL_MAX + 2];
    #[allow(clippy::cast_possible_wrap)]
    for (k, x) in row_a[1..size].iter_mut().enumerate() {
        *x = k as isize;
    }
    let (mut r, mut r1) = (&mut row_a, &mut row_b);
    // the last row of each letter of `s1` seen, -1 for a letter not seen
    let mut last_row = [-1i8; 128];
    #[allow(clippy::cast_possible_wrap)]
    for (i, &ch1) in s1.iter().enumerate().map(|(i, c)| (i + 1, c)) {
        std::mem::swap(&mut r, &mut r1);
        let mut last_col_id: isize = -1;
        let mut last_i2l1 = r[1];
        r[1] = i as isize;
        let mut t = max_val;
        for (j, &ch2) in s2.iter().enumerate().map(|(j, c)| (j + 1, c)) {
            let diag = r1[j] + isize::from(ch1 != ch2);
            let left = r[j] + 1;
            let up = r1[j + 1] + 1;
            let mut temp = diag.min(left.min(up));
            if ch1 == ch2 {
                last_col_id = j as isize;
                fr[j + 1] = r1[j - 1];
                t = last_i2l1;
            } else {
                let k = isize::from(last_row[usize::from(ch2 & 0x7f)]);
                let l = last_col_id;
                if j as isize - l == 1 {
                    temp = temp.min(fr[j + 1] + (i as isize - k));
                } else if i as isize - k == 1 {
                    temp = temp.min(t + (j as isize - l));
                }
            }
            last_i2l1 = r[j + 1];
            r[j + 1] = temp;
        }
        #[allow(clippy::cast_possible_truncation)]
        {
            last_row[usize::from(ch1 & 0x7f)] = i as i8;
        }
    }
    #[allow(clippy::cast_sign_loss)]
    let d = r[len2 + 1] as usize;
    d
}

/// The longest word [`damerau_levenshtein`] compares on the stack.
const DL_MAX: usize = 40;

/// Writes the chars of `s` into `out`: their number, or `None` when they do not fit.
fn chars_into(s: &str, out: &mut [char; DL_MAX]) -> Option<usize> {
    let mut n = 0;
    for c in s.chars() {
        *out.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}
