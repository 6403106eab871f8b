//! Pure text helpers shared by document analyses and rules. A leaf: it uses nothing else in
//! the crate.

use unicode_normalization::UnicodeNormalization;

/// Lower-case, diacritics removed (`Erdoğan` -> `erdogan`), for fuzzy keys.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
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
