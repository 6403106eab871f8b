//! UN004 unnormalized-text: words in decomposed (NFD) form, or spelled with compatibility
//! characters (ligatures, Arabic presentation forms, fullwidth Latin) that look right but
//! do not match the same word typed normally.

use unicode_normalization::{IsNormalized, UnicodeNormalization, char::is_combining_mark, is_nfc_quick};

use crate::document::Document;
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

pub struct UnnormalizedText;

pub static META: RuleMeta = RuleMeta {
    name: "unnormalized-text",
    code: "UN004",
    family: Family::Unicode,
    severity: Severity::Warning,
    supersedes: &[],
    summary: "Words in decomposed (NFD) form or with compatibility characters (ﬁ, ﻻ, Ｆ) that break matching",
    explain: r#"## What it flags
A word whose letters are stored decomposed (`e` + combining acute instead of `é`, the form
macOS file names and some CMS exports produce), or spelled with compatibility characters:
Latin ligatures (`ﬁ`, `ﬂ`), Arabic presentation forms (glyph shapes copied out of PDFs) and
fullwidth Latin letters and digits outside Chinese/Japanese copy.

## Why it matters
The word looks identical on screen, but search, lexicons, dedup and name matching compare
code points: `José` typed decomposed does not match `José`, `ﬁnance` does not match `finance`.
Wire systems and archives expect NFC text.

## Example
`Erdoğan` with U+0067 U+0306 for the `ğ`; `the ﬁnal round`.

## Better
`Erdoğan` (U+011F); `the final round`. The fix normalises only the flagged word (NFC, and
NFKC for the listed compatibility characters), which never changes what the reader sees.

## False positives
Characters that are compatibility forms but carry meaning (`²`, `½`, `™`, `…`, no-break
spaces) are never touched, nor are combining marks with no precomposed form (Arabic
harakat, Devanagari vowel signs) or Vietnamese text in NFC. Fullwidth forms are normal in
Chinese copy and are left alone there.

## Lexicon
None: Unicode normalization data (`unicode-normalization`)."#,
    lexicons: &[],
};

/// Compatibility characters safe to fold with NFKC: they differ from their NFKC form only in
/// glyph shape. Fullwidth ASCII is only folded outside CJK copy.
fn compat_char(c: char, cjk_copy: bool) -> bool {
    match c as u32 {
        0xFB00..=0xFB06 => true,                                          // Latin ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ
        0xFB50..=0xFDFB | 0xFE70..=0xFEFC => true,                        // Arabic presentation forms
        0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A => !cjk_copy, // fullwidth digits and letters
        _ => false,
    }
}

/// The chars of `text` with each run of ASCII chars read as one space: what the quick check
/// and the compatibility test need of the text (an ASCII char is NFC, a starter, and no
/// compatibility char, so the quick check only resets its combining class there, and it is one
/// reset for a run). The runs are passed eight bytes at a time (#16: most of a story's chars are
/// ASCII, and each was decoded twice).
fn ascii_runs_as_one(text: &str) -> impl Iterator<Item = char> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    std::iter::from_fn(move || {
        let b = *bytes.get(i)?;
        if b >= 0x80 {
            let c = text[i..].chars().next().expect("a char starts here");
            i += c.len_utf8();
            return Some(c);
        }
        i += 1;
        while let Some(chunk) = bytes.get(i..i + 8) {
            let high = u64::from_le_bytes(chunk.try_into().expect("8 bytes")) & 0x8080_8080_8080_8080;
            if high != 0 {
                i += high.trailing_zeros() as usize / 8;
                return Some(' ');
            }
            i += 8;
        }
        while bytes.get(i).is_some_and(|&b| b < 0x80) {
            i += 1;
        }
        Some(' ')
    })
}

fn word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

impl Rule for UnnormalizedText {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let text = doc.text.as_str();
        if text.is_ascii() {
            return;
        }
        let cjk_copy = matches!(doc.language, Some("zh" | "ja" | "ko"));
        let needs_look =
            is_nfc_quick(ascii_runs_as_one(text)) != IsNormalized::Yes || ascii_runs_as_one(text).any(|c| compat_char(c, cjk_copy));
        if !needs_look {
            return;
        }
        let mut i = 0;
        while i < text.len() {
            let Some(c) = text[i..].chars().next() else { break };
            if !word_char(c) {
                i += c.len_utf8();
                continue;
            }
            let end = i + text[i..].char_indices().find(|&(_, c)| !word_char(c)).map(|(k, _)| k).unwrap_or(text.len() - i);
            let word = &text[i..end];
            if !word.is_ascii() {
                check_word(text, Span::new(i, end), cjk_copy, out);
            }
            i = end;
        }
    }
}

fn check_word(text: &str, span: Span, cjk_copy: bool, out: &mut Output) {
    let word = span.of(text);
    let has_compat = word.chars().any(|c| compat_char(c, cjk_copy));
    let folded: String = if has_compat {
        word.chars().flat_map(|c| if compat_char(c, cjk_copy) { c.nfkc().collect::<Vec<_>>() } else { vec![c] }).nfc().collect()
    } else {
        word.nfc().collect()
    };
    // a mere reordering of marks (Arabic shadda + fatha typed in either order) renders and
    // reads the same; only flag marks that should have composed into their letters
    if folded == word || (!has_compat && folded.chars().count() == word.chars().count()) {
        return;
    }
    let decomposed = word.chars().any(is_combining_mark) && word.nfc().collect::<String>() != word;
    let why = match (decomposed, has_compat) {
        (true, true) => "is in decomposed form and uses compatibility characters",
        (true, false) => "is in decomposed (NFD) form: letters and accents are stored apart",
        _ => "uses compatibility characters (ligatures, presentation forms or fullwidth letters)",
    };
    let message = format!("`{word}` {why}; it looks like `{folded}` but does not match it in search, lexicons or dedup");
    out.push(Finding::new(&META, span, Confidence::High, message).replace_with(folded, Applicability::Safe));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags, run_lang};

    #[test]
    fn ascii_runs_read_as_one_space_check_as_the_chars() {
        let mut texts = crate::document::test_texts();
        texts.extend(["ﬁnal", "Ａ1", "e\u{301}\u{300}", "x\u{300}\u{301}abc", "ア\u{3099}", "ﻻ abc"].map(str::to_string));
        for t in texts {
            let runs: String = ascii_runs_as_one(&t).collect();
            let want: String = t.chars().filter(|c| !c.is_ascii()).collect();
            assert_eq!(runs.chars().filter(|c| !c.is_ascii()).collect::<String>(), want, "{t:?}");
            assert!(!runs.contains("  "), "{t:?}");
            assert_eq!(is_nfc_quick(ascii_runs_as_one(&t)), is_nfc_quick(t.chars()), "{t:?}");
            for cjk in [false, true] {
                assert_eq!(ascii_runs_as_one(&t).any(|c| compat_char(c, cjk)), t.chars().any(|c| compat_char(c, cjk)), "{t:?}");
            }
        }
    }

    #[test]
    fn flags_decomposed_words() {
        assert_flags(&UnnormalizedText, "President Recep Tayyip Erdog\u{306}an said.", &["Erdog\u{306}an"]);
        assert_fix(&UnnormalizedText, "Jose\u{301} Mari\u{301}a Aznar", "José Mari\u{301}a Aznar");
    }

    #[test]
    fn flags_ligatures_and_fullwidth() {
        assert_fix(&UnnormalizedText, "the \u{fb01}nal round", "the final round");
        assert_flags(&UnnormalizedText, "\u{ff26}\u{ff29}\u{ff26}\u{ff21} said", &["\u{ff26}\u{ff29}\u{ff26}\u{ff21}"]);
    }

    #[test]
    fn flags_arabic_presentation_forms() {
        assert_fix(&UnnormalizedText, "\u{FEE3}\u{FEA4}\u{FEE4}\u{FEAA}", "\u{0645}\u{062D}\u{0645}\u{062F}");
    }

    #[test]
    fn ignores_vietnamese_nfc_and_meaningful_compat_chars() {
        assert_clean(&UnnormalizedText, "Thủ tướng Phạm Minh Chính nói 5 km² … ½ giờ™.");
    }

    #[test]
    fn ignores_marks_without_precomposed_form() {
        assert_clean(
            &UnnormalizedText,
            "\u{0645}\u{064F}\u{062D}\u{064E}\u{0645}\u{0651}\u{064E}\u{062F} and \u{0915}\u{093F}\u{0924}\u{093E}\u{092C}",
        );
    }

    #[test]
    fn ignores_fullwidth_in_chinese_copy() {
        let (_, f) = run_lang(&UnnormalizedText, "\u{ff21}\u{ff30}\u{ff25}\u{ff23}会议在北京举行。", Some("zh"));
        assert!(f.is_empty());
    }
}
