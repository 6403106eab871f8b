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
