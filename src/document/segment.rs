//! Paragraphs, sentences and tokens, as spans into the document text.

use serde::Serialize;

use super::{Document, Section};
use crate::span::Span;

/// One sentence (or headline / caption line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub section: Section,
    /// Index into [`Document::paragraphs`].
    pub paragraph: usize,
    /// Range of [`Document::tokens`] inside this sentence.
    pub tokens: (usize, usize),
}

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum TokenKind {
    /// Letters (and marks, digits, inner `'` `’` `-`).
    Word,
    /// Digits with inner `.` `,` separators.
    Number,
    /// Anything else that is not space: one char.
    Punct,
}

/// Letter case of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Case {
    /// `JAKARTA`, `UN` (two or more letters, all upper case)
    Upper,
    /// `Jakarta`, `McDonald`, `I`
    Title,
    /// `said`
    Lower,
    /// `iPhone`, `al-Quds`
    Mixed,
    /// No cased letters (digits, CJK, Arabic).
    None,
}

/// Writing system of a token's letters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Script {
    Latin,
    Cyrillic,
    Greek,
    Arabic,
    Hebrew,
    Han,
    Kana,
    Hangul,
    Thai,
    Devanagari,
    Other,
    /// Letters of more than one script in one token.
    Mixed,
    /// No letters.
    None,
}

/// A word, number or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub kind: TokenKind,
    pub case: Case,
    pub script: Script,
}

impl Token {
    pub fn is_word(&self) -> bool {
        self.kind == TokenKind::Word
    }
    /// Starts with an upper-case letter.
    pub fn is_capitalised(&self) -> bool {
        matches!(self.case, Case::Upper | Case::Title)
    }
}

/// The script of one char, if it is a letter.
pub fn script_of(c: char) -> Option<Script> {
    if c.is_ascii() {
        return c.is_ascii_alphabetic().then_some(Script::Latin);
    }
    if !c.is_alphabetic() {
        return None;
    }
    let u = c as u32;
    Some(match u {
        0x0000..=0x024F | 0x1E00..=0x1EFF | 0x2C60..=0x2C7F | 0xA720..=0xA7FF | 0xFF21..=0xFF5A | 0x0250..=0x02AF => Script::Latin,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x1C80..=0x1C8F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Script::Hebrew,
        0x0600..=0x06FF | 0x0750..=0x077F | 0x08A0..=0x08FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF => Script::Arabic,
        0x0900..=0x097F => Script::Devanagari,
        0x0E00..=0x0E7F => Script::Thai,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0xFF66..=0xFF9F => Script::Kana,
        0xAC00..=0xD7AF | 0x1100..=0x11FF | 0x3130..=0x318F => Script::Hangul,
        0x2E80..=0x2FDF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x3134F => Script::Han,
        _ => Script::Other,
    })
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_mark(c)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F)
}

fn is_cjk(c: char) -> bool {
    matches!(script_of(c), Some(Script::Han | Script::Kana))
}

/// Splits a text into tokens. CJK ideographs are one token each.
pub fn tokenize(text: &str, offset: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    // the char at byte `at`, if any
    let char_at = |at: usize| text[at..].chars().next();
    let mut pos = 0;
    while let Some(c) = char_at(pos) {
        let i = pos;
        pos += c.len_utf8();
        if c.is_whitespace() || is_invisible(c) {
            continue;
        }
        if is_cjk(c) {
            out.push(make(text, offset, i, pos, TokenKind::Word));
            continue;
        }
        if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
            let mut end = pos;
            let mut word = false;
            loop {
                // a run of ASCII digits and letters: each is taken one by one below too
                let run = bytes[end..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                if run > 0 {
                    word |= bytes[end..end + run].iter().any(u8::is_ascii_alphabetic);
                    end += run;
                }
                let Some(d) = char_at(end) else { break };
                if d.is_numeric()
                    || (matches!(d, '.' | ',' | '\u{a0}' | '\u{202f}' | '\'') && next_is_digit(bytes, text, end + d.len_utf8()))
                {
                    end += d.len_utf8();
                } else if d.is_alphabetic() && !is_cjk(d) {
                    // 5G, 2nd, COVID-19 handled as word
                    word = true;
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            pos = end;
            let kind = if word { TokenKind::Word } else { TokenKind::Number };
            out.push(make(text, offset, i, end, kind));
            continue;
        }
        if is_word_char(c) {
            let mut end = pos;
            loop {
                // a run of ASCII letters and digits is word characters, none of them CJK
                end += bytes[end..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                let Some(d) = char_at(end) else { break };
                let joiner = matches!(d, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}')
                    && char_at(end + d.len_utf8()).is_some_and(|n| is_word_char(n) && !is_cjk(n));
                if (is_word_char(d) && !is_cjk(d)) || joiner {
                    end += d.len_utf8();
                } else {
                    break;
                }
            }
            pos = end;
            out.push(make(text, offset, i, end, TokenKind::Word));
            continue;
        }
        out.push(make(text, offset, i, pos, TokenKind::Punct));
    }
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

fn next_is_digit(_bytes: &[u8], text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_numeric)
}

fn make(text: &str, offset: usize, start: usize, end: usize, kind: TokenKind) -> Token {
    let s = &text[start..end];
    let (case, script) = classify(s);
    Token { span: Span::new(offset + start, offset + end), kind, case, script }
}

/// Case and script of a token's text.
pub fn classify(s: &str) -> (Case, Script) {
    if s.is_ascii() { classify_ascii(s.as_bytes()) } else { classify_chars(s) }
}

fn classify_chars(s: &str) -> (Case, Script) {
    let mut script: Option<Script> = None;
    let mut upper = 0;
    let mut lower = 0;
    let mut first_upper = None;
    let mut lower_after_upper_inside = false;
    let mut prev_sep = false;
    for (k, c) in s.chars().enumerate() {
        if let Some(sc) = script_of(c) {
            script = Some(match script {
                None => sc,
                Some(x) if x == sc => x,
                Some(_) => Script::Mixed,
            });
        }
        if c.is_uppercase() {
            upper += 1;
            if first_upper.is_none() {
                first_upper = Some(k == 0);
            }
            if k > 0 && !prev_sep {
                lower_after_upper_inside = true;
            }
        } else if c.is_lowercase() {
            lower += 1;
            if first_upper.is_none() {
                first_upper = Some(false);
            }
        }
        prev_sep = matches!(c, '-' | '\'' | '’');
    }
    (case_of(upper, lower, first_upper, lower_after_upper_inside), script.unwrap_or(Script::None))
}

/// [`classify`] of ASCII text, byte by byte: the same answers (a letter is Latin, and upper
/// and lower case are `A-Z` and `a-z`) without the Unicode tables.
fn classify_ascii(s: &[u8]) -> (Case, Script) {
    let mut upper = 0;
    let mut lower = 0;
    let mut first_upper = None;
    let mut lower_after_upper_inside = false;
    let mut prev_sep = false;
    for (k, &b) in s.iter().enumerate() {
        if b.is_ascii_uppercase() {
            upper += 1;
            if first_upper.is_none() {
                first_upper = Some(k == 0);
            }
            if k > 0 && !prev_sep {
                lower_after_upper_inside = true;
            }
        } else if b.is_ascii_lowercase() {
            lower += 1;
            if first_upper.is_none() {
                first_upper = Some(false);
            }
        }
        prev_sep = matches!(b, b'-' | b'\'');
    }
    let script = if upper + lower > 0 { Script::Latin } else { Script::None };
    (case_of(upper, lower, first_upper, lower_after_upper_inside), script)
}

fn case_of(upper: usize, lower: usize, first_upper: Option<bool>, lower_after_upper_inside: bool) -> Case {
    if upper == 0 && lower == 0 {
        Case::None
    } else if lower == 0 {
        if upper >= 2 { Case::Upper } else { Case::Title }
    } else if upper == 0 {
        Case::Lower
    } else if first_upper == Some(true) && !lower_after_upper_inside {
        Case::Title
    } else if first_upper == Some(true) {
        // McDonald, O'Neill, al-Quds handled as Title when first is upper
        Case::Title
    } else {
        Case::Mixed
    }
}

/// Plain-text headline heuristic: the first line is the headline when the text has more
/// than one paragraph and the first line is short and either followed by a blank line or
/// followed by a line that opens with a dateline, and does not read as a full sentence.
pub fn split_headline(text: &str) -> (Option<Span>, Span) {
    let lead = text.len() - text.trim_start().len();
    let rest = &text[lead..];
    let Some(nl) = rest.find('\n') else {
        return (None, Span::new(0, text.len()));
    };
    let first = rest[..nl].trim_end();
    let after = &rest[nl + 1..];
    let blank_follows = after.trim_start_matches([' ', '\t', '\r']).starts_with('\n');
    let next_line_start = lead + nl + 1 + (after.len() - after.trim_start().len());
    let dateline_follows = super::dateline::parse(text, Span::new(next_line_start, text.len())).is_some();
    let words = first.split_whitespace().count();
    let short = first.chars().count() <= 200 && words <= 30;
    let ends_like_sentence = first.ends_with(['.', ':', ';', ',']) && !first.ends_with("..");
    if first.is_empty() || !short || after.trim().is_empty() {
        return (None, Span::new(0, text.len()));
    }
    if blank_follows && (words <= 25) && !ends_like_sentence || dateline_follows && !ends_like_sentence {
        let h = Span::new(lead, lead + first.len());
        return (Some(h), Span::new(next_line_start.min(text.len()), text.len()));
    }
    (None, Span::new(0, text.len()))
}

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot).
const ABBREVIATIONS: &[&str] = &[
    "adm", "approx", "apr", "aug", "brig", "capt", "cmdr", "co", "col", "corp", "cpl", "dec", "dept", "dr", "feb", "fig", "ft", "gen",
    "gov", "hon", "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "messrs", "mr", "mrs", "ms", "mt", "no", "nov", "oct", "op",
    "prof", "pt", "pvt", "rep", "rev", "sen", "sep", "sept", "sgt", "sr", "st", "supt", "vs", "bhd", "sdn", "tbk", "jl", "h", "hj", "ir",
    "drs", "sh", "dkk", "sa", "av", "sr", "sra", "dña", "ing", "lic", "dipl", "bzw", "ca", "nr", "ggf", "vgl", "mme", "mlle", "m", "cf",
    "ex", "gral", "gob", "pres", "sec", "vol", "ap", "art", "tel", "г", "ул", "им", "т", "др", "гг",
];

/// Sentences within one paragraph span.
fn sentences_of(text: &str, para: Span, out: &mut Vec<Span>) {
    let p = &text[para.start..para.end];
    let mut start = 0;
    let chars: Vec<(usize, char)> = p.char_indices().collect();
    let mut k = 0;
    while k < chars.len() {
        let (i, c) = chars[k];
        if matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…') {
            // swallow runs of terminators and closing quotes/brackets
            let mut j = k + 1;
            while j < chars.len() && matches!(chars[j].1, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | '»' | '」' | '…') {
                j += 1;
            }
            let end = if j < chars.len() { chars[j].0 } else { p.len() };
            let cjk = matches!(c, '。' | '！' | '？');
            let next_ok = if cjk || j >= chars.len() {
                true
            } else if !chars[j].1.is_whitespace() {
                false
            } else {
                // next non-space char must be upper case, a digit, a quote or an opening bracket
                let mut m = j;
                while m < chars.len() && chars[m].1.is_whitespace() {
                    m += 1;
                }
                m < chars.len() && {
                    let n = chars[m].1;
                    n.is_uppercase()
                        || n.is_numeric()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '«' | '[' | '¿' | '¡' | '-' | '—')
                        || !n.is_alphabetic()
                        || !has_case(n)
                }
            };
            if next_ok && !(c == '.' && is_abbreviation(p, i)) {
                let s = Span::new(para.start + start, para.start + end);
                push_trimmed(text, s, out);
                start = end;
            }
            k = j;
            continue;
        }
        k += 1;
    }
    if start < p.len() {
        push_trimmed(text, Span::new(para.start + start, para.end), out);
    }
}

fn has_case(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase()
}

fn push_trimmed(text: &str, s: Span, out: &mut Vec<Span>) {
    let t = &text[s.start..s.end];
    let lead = t.len() - t.trim_start().len();
    let trail = t.len() - t.trim_end().len();
    if lead + trail < t.len() {
        out.push(Span::new(s.start + lead, s.end - trail));
    }
}

/// Does the period at byte `i` of `p` close an abbreviation, an initial, or a dotted acronym?
fn is_abbreviation(p: &str, i: usize) -> bool {
    let before = &p[..i];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '"' | '“' | '\''))
        .map(|(x, c)| x + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // U.S. / U.N. / a.m. : contains an inner dot
    if word.contains('.') {
        return true;
    }
    let n = word.chars().count();
    // single initial: "Joe R. Biden", "J. Smith"
    if n == 1 && word.chars().all(char::is_uppercase) {
        return true;
    }
    let lw = word.to_lowercase();
    ABBREVIATIONS.contains(&lw.as_str())
}

/// Fills paragraphs, sentences and tokens of a document.
pub(super) fn segment(doc: &mut Document) {
    let text = &doc.text;
    let mut paragraphs = Vec::new();
    let push_lines = |span: Span, paragraphs: &mut Vec<Span>| {
        let mut pos = span.start;
        for line in text[span.start..span.end].split('\n') {
            let s = Span::new(pos, pos + line.len());
            pos += line.len() + 1;
            let t = &text[s.start..s.end];
            if !t.trim().is_empty() {
                let lead = t.len() - t.trim_start().len();
                let trail = t.len() - t.trim_end().len();
                paragraphs.push(Span::new(s.start + lead, s.end - trail));
            }
        }
    };
    if let Some(h) = doc.headline {
        push_lines(h, &mut paragraphs);
    }
    // dateline text is part of the body's first paragraph; the sentence starts after it
    push_lines(doc.body, &mut paragraphs);
    paragraphs.sort();
    paragraphs.dedup();

    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    let dl = doc.dateline.as_ref().map(|d| d.span);
    for (pi, &para) in paragraphs.iter().enumerate() {
        let mut spans = Vec::new();
        let mut para_body = para;
        if let Some(d) = dl
            && para.start <= d.start
            && d.end <= para.end
            && d.start <= para.start + 1
        {
            tokenize_span(text, Span::new(para.start, d.end), &mut tokens);
            sentences.push(Sentence { span: d, section: Section::Dateline, paragraph: pi, tokens: (0, 0) });
            para_body = Span::new(d.end, para.end);
        }
        let section = if doc.headline.is_some_and(|h| h.contains(para)) { Section::Headline } else { Section::Body };
        if section == Section::Headline {
            spans.push(para_body);
        } else {
            sentences_of(text, para_body, &mut spans);
        }
        for s in spans {
            sentences.push(Sentence { span: s, section, paragraph: pi, tokens: (0, 0) });
        }
        let tok_from = if para_body.start != para.start { para_body.start } else { para.start };
        tokenize_span(text, Span::new(tok_from, para.end), &mut tokens);
    }
    tokens.sort_by_key(|t| t.span.start);
    tokens.dedup_by_key(|t| t.span.start);
    for s in &mut sentences {
        let lo = tokens.partition_point(|t| t.span.start < s.span.start);
        let hi = tokens.partition_point(|t| t.span.end <= s.span.end);
        s.tokens = (lo, hi.max(lo));
    }
    sentences.sort_by_key(|s| s.span.start);
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
    doc.tokens = tokens;
}

fn tokenize_span(text: &str, span: Span, out: &mut Vec<Token>) {
    tokenize(&text[span.start..span.end], span.start, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_classification_matches_the_unicode_one() {
        for w in [
            "Reuters", "said", "NATO", "McDonald", "O'Neill", "al-Quds", "iPhone", "5G", "2nd", "COVID-19", "A", "x", "42", "-", "U.S.",
            "eBay", "AbC-dE", "'s",
        ] {
            assert_eq!(classify_ascii(w.as_bytes()), classify_chars(w), "{w}");
        }
    }

    fn sents(t: &str) -> Vec<&str> {
        let mut out = Vec::new();
        sentences_of(t, Span::new(0, t.len()), &mut out);
        out.iter().map(|s| s.of(t)).collect()
    }

    #[test]
    fn abbreviations_do_not_split() {
        assert_eq!(
            sents("U.S. Secretary of State Antony J. Blinken met Gen. Herzi Halevi. Talks ended."),
            vec!["U.S. Secretary of State Antony J. Blinken met Gen. Herzi Halevi.", "Talks ended."]
        );
    }

    #[test]
    fn quotes_close_sentences() {
        assert_eq!(sents("He said \"we are ready.\" Then he left."), vec!["He said \"we are ready.\"", "Then he left."]);
    }

    #[test]
    fn numbers_stay_whole() {
        let mut t = Vec::new();
        tokenize("28,985 and 3.5 percent, 28.985", 0, &mut t);
        let words: Vec<_> = t.iter().filter(|t| t.kind == TokenKind::Number).map(|x| x.span.len()).collect();
        assert_eq!(words, vec![6, 3, 6]);
    }

    #[test]
    fn classify_case_script() {
        assert_eq!(classify("JAKARTA"), (Case::Upper, Script::Latin));
        assert_eq!(classify("Erdoğan"), (Case::Title, Script::Latin));
        assert_eq!(classify("Pиtin").1, Script::Mixed);
        assert_eq!(classify("москва"), (Case::Lower, Script::Cyrillic));
    }

    #[test]
    fn headline_heuristics() {
        let t = "Talks set in Moscow\nJAKARTA - The PA is ready.\nMore text.";
        let (h, b) = split_headline(t);
        assert_eq!(h.unwrap().of(t), "Talks set in Moscow");
        assert!(b.of(t).starts_with("JAKARTA"));
        let t = "A plain paragraph that ends.\nAnother one.";
        assert!(split_headline(t).0.is_none());
    }
}
