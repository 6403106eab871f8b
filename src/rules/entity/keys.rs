//! How entity names become lookup keys: the words of a lexicon name, and the deletion variants
//! of the SymSpell-style indexes. Plain functions on `str` that use only `crate::text`, because
//! `build.rs` includes this file and text.rs too (`#[path]`) to compile the bulk indexes
//! (`lexicons/**/*-bulk*.tsv`) with exactly the keys the rule looks up at run time.

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

/// FNV-1a hash of a key: the slot of a key in the compiled hash tables of the bulk lists
/// (`build.rs` fills them, [`super::bulk`] probes them; both must hash alike).
pub fn hash(key: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in key.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}
