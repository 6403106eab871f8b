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
    /// What its bytes are ([`ALNUM`] or not), found as it is cut: the analyses that read words
    /// ask it rather than scan each word's bytes again (#16).
    bytes: u8,
}

/// [`Token::bytes`]: every byte is an ASCII letter or digit.
const ALNUM: u8 = 1;

/// The [`Token::bytes`] flags of a token's bytes.
fn byte_flags(s: &[u8]) -> u8 {
    if s.iter().all(u8::is_ascii_alphanumeric) { ALNUM } else { 0 }
}

impl Token {
    /// Is every byte an ASCII letter or digit (no joiner, no other char)?
    #[inline]
    pub fn is_ascii_alnum(&self) -> bool {
        self.bytes & ALNUM != 0
    }

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
///
/// ASCII is read byte by byte (#16): an ASCII char is never invisible, CJK, numeric but a digit,
/// or a mark, and it is a word char exactly when it is a letter or digit; other chars are decoded.
pub fn tokenize(text: &str, offset: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    // the char at byte `at`, if any (ASCII without decoding)
    let char_at = |at: usize| match bytes.get(at) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => text[at..].chars().next(),
        None => None,
    };
    let mut pos = 0;
    'chars: while pos < bytes.len() {
        let i = pos;
        let b = bytes[pos];
        if b == b' ' {
            // the commonest byte between tokens, skipped first (#16)
            pos += 1;
            continue;
        }
        // each branch ends the token at `pos` and names its kind (one `make` for all, inlined)
        let kind = 'token: {
            let c = if b < 0x80 {
                pos += 1;
                if b.is_ascii_alphabetic() {
                    // most words: up to 15 ASCII letters and digits, then an ASCII byte that
                    // joins nothing; cut and classified from the bytes loaded once (#17)
                    if let Some((n, case, script)) = short_ascii_word(bytes, i) {
                        pos = i + n;
                        out.push(Token { span: Span::new(offset + i, offset + pos), kind: TokenKind::Word, case, script, bytes: ALNUM });
                        // the space after a word is no token (#16)
                        if bytes.get(pos) == Some(&b' ') {
                            pos += 1;
                        }
                        continue 'chars;
                    }
                    pos = word_end(text, pos);
                    break 'token TokenKind::Word;
                }
                if !b.is_ascii_digit() {
                    if (b as char).is_whitespace() {
                        continue 'chars;
                    }
                    // one ASCII byte that is no letter: no case, no script (#17)
                    out.push(Token {
                        span: Span::new(offset + i, offset + pos),
                        kind: TokenKind::Punct,
                        case: Case::None,
                        script: Script::None,
                        bytes: 0,
                    });
                    continue 'chars;
                }
                b as char
            } else {
                let c = char_at(pos).expect("a char starts here");
                pos += c.len_utf8();
                c
            };
            if c.is_whitespace() || is_invisible(c) {
                continue 'chars;
            }
            if is_cjk(c) {
                break 'token TokenKind::Word;
            }
            if c.is_ascii_digit() || (c.is_numeric() && !c.is_alphabetic()) {
                let mut end = pos;
                let mut word = false;
                loop {
                    // a run of ASCII digits and letters: each is taken one by one below too
                    let run = ascii_alnum_run(bytes, end) - end;
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
                break 'token if word { TokenKind::Word } else { TokenKind::Number };
            }
            if is_word_char(c) {
                pos = word_end(text, pos);
                break 'token TokenKind::Word;
            }
            TokenKind::Punct
        };
        out.push(make(text, offset, i, pos, kind));
    }
}

/// The word that starts with the ASCII letter at byte `at`, when it is 1 to 15 ASCII letters and
/// digits followed by an ASCII byte other than `'` and `-` (which may join it to more): its length,
/// case and script, as [`word_end`] and [`classify`] find them. `None` for any other word, and
/// within 16 bytes of the end of the text.
#[inline]
fn short_ascii_word(bytes: &[u8], at: usize) -> Option<(usize, Case, Script)> {
    let load = |from: usize| bytes.get(from..from + 8).map(|c| u64::from_le_bytes(c.try_into().expect("8 bytes")));
    // upper-case and lower-case letters, and the first byte that is no ASCII letter or digit (a
    // byte of 0x80 or more may carry into the bytes above it, never below: the first such byte
    // and the masks below it are still right)
    let masks = |x: u64| {
        let (upper, lower) = (ascii_in_range(x, b'A', b'Z'), ascii_in_range(x, b'a', b'z'));
        (upper, lower, (!(upper | lower | ascii_in_range(x, b'0', b'9')) | x) & HIGH_BITS)
    };
    // the high bits of the bytes below a word's first stop
    let below = |stop: u64| (stop & stop.wrapping_neg()).wrapping_sub(1) & HIGH_BITS;
    let (ul, ll, stop) = masks(load(at)?);
    let (n, (ul, ll), (uh, lh)) = if stop != 0 {
        let keep = below(stop);
        (stop.trailing_zeros() as usize / 8, (ul & keep, ll & keep), (0, 0))
    } else {
        let (uh, lh, stop) = masks(load(at + 8)?);
        if stop == 0 {
            return None;
        }
        let keep = below(stop);
        (8 + stop.trailing_zeros() as usize / 8, (ul, ll), (uh & keep, lh & keep))
    };
    let next = bytes[at + n];
    if next >= 0x80 || next == b'\'' || next == b'-' {
        return None;
    }
    let (case, script) = case_of_masks(ul, uh, ll, lh);
    Some((n, case, script))
}

/// The end of the run of ASCII letters and digits from byte `from`, eight bytes at a time.
#[inline]
fn ascii_alnum_run(bytes: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // a byte of 0x80 or more may carry into the bytes above it, never below: the first byte
        // that stops the run is still found
        let alnum = ascii_in_range(x, b'0', b'9') | ascii_in_range(x, b'A', b'Z') | ascii_in_range(x, b'a', b'z');
        let stop = (!alnum | x) & HIGH_BITS;
        if stop != 0 {
            return i + stop.trailing_zeros() as usize / 8;
        }
        i += 8;
    }
    i + bytes[i..].iter().take_while(|b| b.is_ascii_alphanumeric()).count()
}

/// The end of a word whose first char ends at `end`: word chars but CJK, and joiners between them.
fn word_end(text: &str, mut end: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        // a run of ASCII letters and digits is word characters, none of them CJK
        end = ascii_alnum_run(bytes, end);
        let Some(&b) = bytes.get(end) else { break };
        if b < 0x80 {
            // an ASCII char here is no word char: the run took those; `'` and `-` join words
            if (b == b'\'' || b == b'-')
                && bytes.get(end + 1).is_some_and(|&n| n.is_ascii_alphanumeric() || n >= 0x80 && joins(text, end + 1))
            {
                end += 1;
                continue;
            }
            break;
        }
        let d = text[end..].chars().next().expect("a char starts here");
        let joiner = matches!(d, '’' | '\u{2010}' | '\u{2011}' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}')
            && joins(text, end + d.len_utf8());
        if (is_word_char(d) && !is_cjk(d)) || joiner {
            end += d.len_utf8();
        } else {
            break;
        }
    }
    end
}

/// Does the char at byte `at` continue a word after a joiner (a word char, not CJK)?
fn joins(text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(|n| is_word_char(n) && !is_cjk(n))
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{feff}' | '\u{200b}' | '\u{2060}')
}

fn next_is_digit(_bytes: &[u8], text: &str, at: usize) -> bool {
    text[at..].chars().next().is_some_and(char::is_numeric)
}

#[inline]
fn make(text: &str, offset: usize, start: usize, end: usize, kind: TokenKind) -> Token {
    let s = &text[start..end];
    let (case, script) = classify(s);
    Token { span: Span::new(offset + start, offset + end), kind, case, script, bytes: byte_flags(s.as_bytes()) }
}

/// Case and script of a token's text.
pub fn classify(s: &str) -> (Case, Script) {
    if let Some(words) = load_padded(s.as_bytes())
        && (words.0 | words.1) & HIGH_BITS == 0
    {
        return classify_packed(words);
    }
    if s.is_ascii() { classify_ascii(s.as_bytes()) } else { classify_chars(s) }
}

/// The high bit of every byte of a word.
pub(crate) const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// One to sixteen bytes little-endian in two words, zero-padded, read with overlapping loads
/// rather than copied to a buffer; `None` for an empty or longer slice.
#[allow(clippy::inline_always)] // every token and function-word look-up: 4 M instructions on the 1.2 MB sample
#[inline(always)]
pub(crate) fn load_padded(bytes: &[u8]) -> Option<(u64, u64)> {
    let n = bytes.len();
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("8 bytes"));
    let half = |at: usize| u64::from(u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes")));
    Some(match n {
        1..=3 => (u64::from(bytes[0]) | u64::from(bytes[n / 2]) << (8 * (n / 2)) | u64::from(bytes[n - 1]) << (8 * (n - 1)), 0),
        4..=7 => (half(0) | half(n - 4) << (8 * (n - 4)), 0),
        8 => (word(0), 0),
        9..=16 => (word(0), word(n - 8) >> (8 * (16 - n))),
        _ => return None,
    })
}

/// The high bits of the bytes of an ASCII word that lie in `lo..=hi` (both below 0x80; bytes
/// below 0x80 plus at most 0x7f never carry into the next byte). The sums wrap: a word holding a
/// byte of 0x80 or more (padding of a non-ASCII neighbour) may carry out of the top byte, and its
/// high bits are then read by the caller's own ASCII test, not here.
#[inline]
pub(crate) fn ascii_in_range(x: u64, lo: u8, hi: u8) -> u64 {
    let ones = 0x0101_0101_0101_0101u64;
    let from = x.wrapping_add(ones * u64::from(0x80 - lo));
    let past = x.wrapping_add(ones * u64::from(0x7f - hi));
    from & !past & HIGH_BITS
}

/// [`classify_ascii`] of up to sixteen ASCII bytes packed by [`load_padded`] (padding bytes are
/// zero: no letter), all bytes at once.
#[inline]
fn classify_packed((lo, hi): (u64, u64)) -> (Case, Script) {
    let (ul, uh) = (ascii_in_range(lo, b'A', b'Z'), ascii_in_range(hi, b'A', b'Z'));
    case_of_masks(ul, uh, ascii_in_range(lo, b'a', b'z'), ascii_in_range(hi, b'a', b'z'))
}

/// [`classify_packed`] of the masks of the upper-case (`ul`, `uh`) and lower-case (`ll`, `lh`)
/// letters of a word's first and second eight bytes.
#[inline]
fn case_of_masks(ul: u64, uh: u64, ll: u64, lh: u64) -> (Case, Script) {
    let lower = (ll | lh) != 0;
    let upper = (ul | uh) != 0;
    // two upper-case letters: two bits in one word, or one in each
    let upper2 = ul & ul.wrapping_sub(1) != 0 || uh & uh.wrapping_sub(1) != 0 || (ul != 0 && uh != 0);
    let case = if !upper && !lower {
        Case::None
    } else if !lower {
        if upper2 { Case::Upper } else { Case::Title }
    } else if !upper {
        Case::Lower
    } else if ul & 0x80 != 0 {
        Case::Title
    } else {
        Case::Mixed
    };
    (case, if upper || lower { Script::Latin } else { Script::None })
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
/// and lower case are `A-Z` and `a-z`) without the Unicode tables. Only the number of upper-case
/// letters, whether there is a lower-case one and whether the first byte is upper case decide
/// [`case_of`]'s answer: when the first char is upper case, it is `Title` either way.
#[inline]
fn classify_ascii(s: &[u8]) -> (Case, Script) {
    let (mut upper, mut lower) = (0usize, 0usize);
    for &b in s {
        upper += usize::from(b.wrapping_sub(b'A') < 26);
        lower += usize::from(b.wrapping_sub(b'a') < 26);
    }
    let first_upper = s.first().is_some_and(u8::is_ascii_uppercase);
    let script = if upper + lower > 0 { Script::Latin } else { Script::None };
    (case_of(upper, lower, first_upper.then_some(true), false), script)
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

/// Abbreviations after which a period does not end a sentence (lower-cased, without the dot), in
/// byte order for a binary search.
const ABBREVIATIONS: &[&str] = &[
    "adm", "ap", "approx", "apr", "art", "aug", "av", "bhd", "brig", "bzw", "ca", "capt", "cf", "cmdr", "co", "col", "corp", "cpl", "dec",
    "dept", "dipl", "dkk", "dr", "drs", "dña", "ex", "feb", "fig", "ft", "gen", "ggf", "gob", "gov", "gral", "h", "hj", "hon", "inc",
    "ing", "ir", "jan", "jl", "jr", "jul", "jun", "lic", "lt", "ltd", "m", "maj", "mar", "messrs", "mlle", "mme", "mr", "mrs", "ms", "mt",
    "no", "nov", "nr", "oct", "op", "pres", "prof", "pt", "pvt", "rep", "rev", "sa", "sdn", "sec", "sen", "sep", "sept", "sgt", "sh", "sr",
    "sra", "st", "supt", "tbk", "tel", "vgl", "vol", "vs", "г", "гг", "др", "им", "т", "ул",
];

/// The longest ASCII abbreviation, in bytes: a longer ASCII word is none.
const ABBREVIATION_MAX_ASCII: usize = {
    let mut max = 0;
    let mut i = 0;
    while i < ABBREVIATIONS.len() {
        if ABBREVIATIONS[i].is_ascii() && ABBREVIATIONS[i].len() > max {
            max = ABBREVIATIONS[i].len();
        }
        i += 1;
    }
    max
};

/// The bytes a sentence terminator starts with: `.` `!` `?`, and the lead bytes of `。` `！` `？` `…`.
const TERMINATOR_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    t[b'.' as usize] = true;
    t[b'!' as usize] = true;
    t[b'?' as usize] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t[0xEF] = true;
    t
};

/// Sentences within one paragraph span.
///
/// The paragraph is read byte by byte for its terminators (`.` `!` `?`, and `。` `！` `？` `…`,
/// whose lead bytes are 0xE2, 0xE3 and 0xEF); chars are decoded only around them (#16).
fn sentences_of(text: &str, para: Span, out: &mut Vec<Span>) {
    let p = &text[para.start..para.end];
    let bytes = p.as_bytes();
    let char_at = |at: usize| match bytes.get(at) {
        Some(&b) if b < 0x80 => Some(b as char),
        Some(_) => p[at..].chars().next(),
        None => None,
    };
    let mut start = 0;
    let mut k = 0;
    let ascii = p.is_ascii();
    while k < bytes.len() {
        // the next byte a terminator may start with (continuation bytes are never one of them, so
        // `k` is then on a char boundary)
        let next = if ascii {
            memchr::memchr3(b'.', b'!', b'?', &bytes[k..])
        } else {
            bytes[k..].iter().position(|&b| TERMINATOR_BYTE[b as usize])
        };
        let Some(skip) = next else { break };
        k += skip;
        let i = k;
        let c = char_at(k).expect("a char starts here");
        if !matches!(c, '.' | '!' | '?' | '。' | '！' | '？' | '…') {
            k += c.len_utf8();
            continue;
        }
        // swallow runs of terminators and closing quotes/brackets
        let mut j = k + c.len_utf8();
        while let Some(d) = char_at(j)
            && matches!(d, '.' | '!' | '?' | '"' | '”' | '’' | '\'' | ')' | '»' | '」' | '…')
        {
            j += d.len_utf8();
        }
        let end = j;
        let cjk = matches!(c, '。' | '！' | '？');
        let next_ok = match char_at(j) {
            _ if cjk => true,
            None => true,
            Some(d) if !d.is_whitespace() => false,
            Some(_) => {
                // next non-space char must be upper case, a digit, a quote or an opening bracket
                let mut m = j;
                while let Some(d) = char_at(m)
                    && d.is_whitespace()
                {
                    m += d.len_utf8();
                }
                char_at(m).is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_numeric()
                        || matches!(n, '"' | '“' | '‘' | '\'' | '(' | '«' | '[' | '¿' | '¡' | '-' | '—')
                        || !n.is_alphabetic()
                        || !has_case(n)
                })
            }
        };
        if next_ok && !(c == '.' && is_abbreviation(p, i)) {
            let s = Span::new(para.start + start, para.start + end);
            push_trimmed(text, s, out);
            start = end;
        }
        k = j;
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
    if word.is_ascii() {
        // lower-cased on the stack (ASCII lower case keeps the length)
        if word.len() > ABBREVIATION_MAX_ASCII {
            return false;
        }
        let mut lw = [0u8; ABBREVIATION_MAX_ASCII];
        lw[..word.len()].copy_from_slice(word.as_bytes());
        lw.make_ascii_lowercase();
        return ABBREVIATIONS.binary_search_by(|a| a.as_bytes().cmp(&lw[..word.len()])).is_ok();
    }
    let lw = word.to_lowercase();
    ABBREVIATIONS.binary_search(&lw.as_str()).is_ok()
}

/// Fills paragraphs, sentences and tokens of a document.
pub(super) fn segment(doc: &mut Document) {
    let text = &doc.text;
    let mut paragraphs = Vec::new();
    // the lines of a span (`split('\n')`, the newlines found by `memchr`, #16), trimmed; the
    // blank ones left out
    let push_lines = |span: Span, paragraphs: &mut Vec<Span>| {
        let mut push = |s: Span| {
            let t = &text[s.start..s.end];
            let lead = t.len() - t.trim_start().len();
            if lead < t.len() {
                let trail = t.len() - t.trim_end().len();
                paragraphs.push(Span::new(s.start + lead, s.end - trail));
            }
        };
        let mut pos = span.start;
        for nl in memchr::memchr_iter(b'\n', &text.as_bytes()[span.start..span.end]) {
            push(Span::new(pos, span.start + nl));
            pos = span.start + nl + 1;
        }
        push(Span::new(pos, span.end));
    };
    if let Some(h) = doc.headline {
        push_lines(h, &mut paragraphs);
    }
    // dateline text is part of the body's first paragraph; the sentence starts after it
    push_lines(doc.body, &mut paragraphs);
    // (in order already unless the headline lies after the body's start: no sort then, #16)
    if !paragraphs.is_sorted() {
        paragraphs.sort();
    }
    paragraphs.dedup();

    let mut sentences = Vec::with_capacity(paragraphs.len() * 2 + 8);
    // about a token per five bytes of English copy: reserved once rather than grown by doubling
    // (#16: 3.3 M instructions of growth on the 1.2 MB sample)
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut spans = Vec::new();
    let dl = doc.dateline.as_ref().map(|d| d.span);
    // one `tokenize` call cuts tokens in increasing order: the order can only break where one
    // call's tokens follow another's (#16: checked there, not over every pair)
    let mut in_order = true;
    for (pi, &para) in paragraphs.iter().enumerate() {
        let mut from = tokens.len();
        spans.clear();
        let mut para_body = para;
        if let Some(d) = dl
            && para.start <= d.start
            && d.end <= para.end
            && d.start <= para.start + 1
        {
            tokenize_span(text, Span::new(para.start, d.end), &mut tokens);
            in_order &= joined_in_order(&tokens, from);
            from = tokens.len();
            sentences.push(Sentence { span: d, section: Section::Dateline, paragraph: pi, tokens: (0, 0) });
            para_body = Span::new(d.end, para.end);
        }
        let section = if doc.headline.is_some_and(|h| h.contains(para)) { Section::Headline } else { Section::Body };
        if section == Section::Headline {
            spans.push(para_body);
        } else {
            sentences_of(text, para_body, &mut spans);
        }
        for &s in &spans {
            sentences.push(Sentence { span: s, section, paragraph: pi, tokens: (0, 0) });
        }
        let tok_from = if para_body.start != para.start { para_body.start } else { para.start };
        tokenize_span(text, Span::new(tok_from, para.end), &mut tokens);
        in_order &= joined_in_order(&tokens, from);
    }
    // tokenized paragraph by paragraph in order: their starts increase already but for a
    // dateline overlapping its paragraph's start (a stable sort of sorted tokens would leave them
    // as they are, and with no start twice nothing is removed, #16)
    debug_assert_eq!(in_order, tokens.windows(2).all(|w| w[0].span.start < w[1].span.start));
    if !in_order {
        tokens.sort_by_key(|t| t.span.start);
        tokens.dedup_by_key(|t| t.span.start);
    }
    for s in &mut sentences {
        let lo = tokens.partition_point(|t| t.span.start < s.span.start);
        let hi = tokens.partition_point(|t| t.span.end <= s.span.end);
        s.tokens = (lo, hi.max(lo));
    }
    if !sentences.is_sorted_by_key(|s| s.span.start) {
        sentences.sort_by_key(|s| s.span.start);
    }
    doc.paragraphs = paragraphs;
    doc.sentences = sentences;
    doc.tokens = tokens;
}

/// Does the first token from index `from` on start after the one before it (or is there no
/// such pair)?
fn joined_in_order(tokens: &[Token], from: usize) -> bool {
    match (from.checked_sub(1).and_then(|i| tokens.get(i)), tokens.get(from)) {
        (Some(a), Some(b)) => a.span.start < b.span.start,
        _ => true,
    }
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

/// The code the byte-wise paths above replaced (#16), to hold them equal.
#[cfg(test)]
mod reference {
    use super::{
        ABBREVIATIONS, Case, Script, Span, Token, TokenKind, case_of, has_case, is_cjk, is_invisible, is_word_char, next_is_digit,
        push_trimmed,
    };

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
        if word.contains('.') {
            return true;
        }
        let n = word.chars().count();
        if n == 1 && word.chars().all(char::is_uppercase) {
            return true;
        }
        let lw = word.to_lowercase();
        ABBREVIATIONS.contains(&lw.as_str())
    }

    fn make_old(text: &str, offset: usize, start: usize, end: usize, kind: TokenKind) -> Token {
        let s = &text[start..end];
        let (case, script) = if s.is_ascii() { classify_ascii(s.as_bytes()) } else { super::classify_chars(s) };
        let alnum = if s.bytes().all(|b| b.is_ascii_alphanumeric()) { super::ALNUM } else { 0 };
        Token { span: Span::new(offset + start, offset + end), kind, case, script, bytes: alnum }
    }

    /// Splits a text into tokens. CJK ideographs are one token each.
    pub(super) fn tokenize(text: &str, offset: usize, out: &mut Vec<Token>) {
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
                out.push(make_old(text, offset, i, pos, TokenKind::Word));
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
                out.push(make_old(text, offset, i, end, kind));
                continue;
            }
            if is_word_char(c) {
                let mut end = pos;
                loop {
                    // a run of ASCII letters and digits is word characters, none of them CJK
                    end += bytes[end..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                    let Some(d) = char_at(end) else { break };
                    let joiner =
                        matches!(d, '\'' | '’' | '-' | '\u{2010}' | '\u{2011}' | '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}')
                            && char_at(end + d.len_utf8()).is_some_and(|n| is_word_char(n) && !is_cjk(n));
                    if (is_word_char(d) && !is_cjk(d)) || joiner {
                        end += d.len_utf8();
                    } else {
                        break;
                    }
                }
                pos = end;
                out.push(make_old(text, offset, i, end, TokenKind::Word));
                continue;
            }
            out.push(make_old(text, offset, i, pos, TokenKind::Punct));
        }
    }

    /// [`classify`] of ASCII text, byte by byte: the same answers (a letter is Latin, and upper
    /// and lower case are `A-Z` and `a-z`) without the Unicode tables.
    pub(super) fn classify_ascii(s: &[u8]) -> (Case, Script) {
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

    /// Sentences within one paragraph span.
    pub(super) fn sentences_of(text: &str, para: Span, out: &mut Vec<Span>) {
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
}

#[cfg(test)]
mod equivalence {
    use super::*;
    use crate::document::test_texts;

    #[test]
    fn tokens_are_cut_and_classified_as_before() {
        for t in test_texts() {
            let (mut new, mut old) = (Vec::new(), Vec::new());
            tokenize(&t, 7, &mut new);
            reference::tokenize(&t, 7, &mut old);
            assert_eq!(new, old, "{t:?}");
            for w in t.split_whitespace() {
                assert_eq!(classify_ascii(w.as_bytes()), reference::classify_ascii(w.as_bytes()), "{w:?}");
            }
        }
    }

    #[test]
    fn short_words_are_cut_as_before() {
        // runs of letters and digits about 16 long, then joiners, non-ASCII and the text's end
        let mut rng = crate::document::TestRng::new();
        let pieces = ["a", "Z", "q", "7", "M", "'", "-", " ", ".", "é", "’", "中", "\u{200d}", "\u{301}", "x9", "Abcdefghijklmno"];
        for _ in 0..20_000 {
            let state = rng.next_u64();
            let n = (state % 24) as usize;
            let mut t = String::new();
            for k in 0..n {
                let r = rng.next_u64() as usize;
                t.push_str(if k % 3 == 2 { pieces[r % pieces.len()] } else { pieces[r % 5] });
            }
            let (mut new, mut old) = (Vec::new(), Vec::new());
            tokenize(&t, 3, &mut new);
            reference::tokenize(&t, 3, &mut old);
            assert_eq!(new, old, "{t:?}");
        }
    }

    #[test]
    fn packed_classification_is_the_byte_one() {
        let mut rng = crate::document::TestRng::new();
        for _ in 0..300_000 {
            let state = rng.next_u64();
            let n = 1 + (state % 16) as usize;
            let bytes: Vec<u8> = (0..n).map(|k| b"aZq'M-z@[`{0\x00\x7f"[(state >> (4 * k)) as usize % 14]).collect();
            assert_eq!(classify_packed(load_padded(&bytes).unwrap()), reference::classify_ascii(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn abbreviations_are_in_byte_order() {
        assert!(ABBREVIATIONS.windows(2).all(|w| w[0].as_bytes() < w[1].as_bytes()));
        for a in ABBREVIATIONS {
            let p = format!("x {a}.");
            assert!(is_abbreviation(&p, p.len() - 1), "{a}");
            let upper = format!("x {}.", a.to_uppercase());
            assert!(is_abbreviation(&upper, upper.len() - 1), "{a}");
        }
    }

    #[test]
    fn sentences_are_cut_as_before() {
        for t in test_texts() {
            let (mut new, mut old) = (Vec::new(), Vec::new());
            sentences_of(&t, Span::new(0, t.len()), &mut new);
            reference::sentences_of(&t, Span::new(0, t.len()), &mut old);
            assert_eq!(new, old, "{t:?}");
            // and within a paragraph that starts and ends inside the text
            if let (Some(a), Some(b)) = (t.char_indices().nth(3), t.char_indices().rev().nth(3))
                && a.0 <= b.0
            {
                let (mut new, mut old) = (Vec::new(), Vec::new());
                sentences_of(&t, Span::new(a.0, b.0), &mut new);
                reference::sentences_of(&t, Span::new(a.0, b.0), &mut old);
                assert_eq!(new, old, "{t:?}");
            }
        }
    }
}
