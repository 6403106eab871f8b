//! Helpers shared by rules of several families (spans of lines and words, language names for
//! messages). A rule file reaches them as `super::word_around` (its family module brings them in).

use crate::span::Span;

/// The span that deletes the whole line containing `span` (and its line break), so that
/// removing it leaves no blank line behind. For the last line, the preceding break goes.
pub(crate) fn line_deletion(text: &str, span: Span) -> Span {
    let start = text[..span.start].rfind('\n').map(|i| i + 1).unwrap_or(0);
    match text[span.end..].find('\n') {
        Some(i) => Span::new(start, span.end + i + 1),
        None => Span::new(if start > 0 { start - 1 } else { 0 }, text.len()),
    }
}

/// Extends a span to the whole word around it (letters, marks, digits and the invisible
/// characters being flagged), for messages and replacements that quote a word.
pub(crate) fn word_around(text: &str, span: Span, inner: impl Fn(char) -> bool) -> Span {
    let is_part = |c: char| c.is_alphanumeric() || inner(c);
    let start = text[..span.start].char_indices().rev().take_while(|&(_, c)| is_part(c)).last().map(|(i, _)| i).unwrap_or(span.start);
    let end =
        span.end + text[span.end..].char_indices().take_while(|&(_, c)| is_part(c)).map(|(i, c)| i + c.len_utf8()).last().unwrap_or(0);
    Span::new(start, end)
}

/// An English name for a language code, for messages.
pub(crate) fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "id" => "Indonesian",
        "ms" => "Malay",
        "es" => "Spanish",
        "fr" => "French",
        "de" => "German",
        "pt" => "Portuguese",
        "ru" => "Russian",
        "uk" => "Ukrainian",
        "tr" => "Turkish",
        "ar" => "Arabic",
        "fa" => "Persian",
        "zh" => "Chinese",
        "ja" => "Japanese",
        "ko" => "Korean",
        "it" => "Italian",
        "nl" => "Dutch",
        "vi" => "Vietnamese",
        "am" => "Amharic",
        "az" => "Azerbaijani",
        "be" => "Belarusian",
        "kk" => "Kazakh",
        "uz" => "Uzbek",
        other => crate::document::language::name_of(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deletes_whole_lines() {
        let t = "a\nSEE ALSO:\nb";
        let at = t.find("SEE").unwrap();
        assert_eq!(line_deletion(t, Span::new(at, at + 9)).of(t), "SEE ALSO:\n");
        let t = "a\nREAD MORE";
        assert_eq!(line_deletion(t, Span::new(2, t.len())).of(t), "\nREAD MORE");
    }

    #[test]
    fn finds_word_around() {
        let t = "the Pales\u{200b}tinian side";
        let at = t.find('\u{200b}').unwrap();
        let w = word_around(t, Span::new(at, at + 3), |c| c == '\u{200b}');
        assert_eq!(w.of(t), "Pales\u{200b}tinian");
    }
}
