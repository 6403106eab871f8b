//! UN001 mojibake: UTF-8 text that was decoded as Windows-1252 / Latin-1 somewhere on its
//! way to the desk (`ErdoÄŸan`, `â€œ`, `Ã©`), decoded twice, or replaced by U+FFFD.

use crate::document::Document;
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

pub struct Mojibake;

pub static META: RuleMeta = RuleMeta {
    name: "mojibake",
    code: "UN001",
    family: Family::Unicode,
    severity: Severity::Error,
    summary: "Encoding damage: UTF-8 read as Windows-1252/Latin-1 (\"ErdoÄŸan\", \"â€œ\"), or U+FFFD",
    explain: r#"## What it flags
Runs of characters that are the bytes of UTF-8 text shown as Windows-1252 or Latin-1:
`ErdoÄŸan` for `Erdoğan`, `â€œessentialâ€` for `“essential”`, `CafÃ©` for `Café`, the same
damage applied twice (`Ã¢â‚¬Å“`), and U+FFFD replacement characters where a decoder gave up.

## Why it matters
It is the most visible sign of careless syndication: readers see garbage in names and quotes,
and names no longer match anything. The damage happens when a feed's encoding is declared
wrong somewhere between the partner and the CMS.

## Example
`President Recep Tayyip ErdoÄŸan said the talks were â€œessentialâ€.`

## Better
`President Recep Tayyip Erdoğan said the talks were “essential”.` When every byte decodes
to a letter or punctuation mark, the repaired text is offered as a safe fix. A closing quote
whose last byte was lost (`â€`) is repaired as `”` only as a probable fix. U+FFFD cannot be
repaired: re-fetch the original.

## False positives
A letter like `Ã`, `Ä` or `â` is flagged only when it is followed by the exact bytes UTF-8
would need, so Portuguese (`NÃO`), German, Turkish and Vietnamese text is left alone.

## Lexicon
None: the Windows-1252 code page is built in."#,
    lexicons: &[],
};

/// Windows-1252 bytes 0x80-0x9F (0 = undefined).
const CP1252_HIGH: [u32; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019,
    0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The byte a character was decoded from, reading as Windows-1252 (C1 controls as Latin-1).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    match u {
        0..=0xFF => Some(u as u8),
        _ => CP1252_HIGH.iter().position(|&x| x == u).map(|i| 0x80 + i as u8),
    }
}

/// One repaired stretch: its span, the repaired text, and whether the repair is certain.
struct Repair {
    span: Span,
    text: String,
    certain: bool,
}

/// Decodes one mojibake unit starting at `i` (a lead byte followed by its continuation
/// bytes, all as cp1252 characters). Returns the end offset and the decoded char.
fn unit_at(text: &str, i: usize) -> Option<(usize, char, bool)> {
    let mut chars = text[i..].char_indices();
    let (_, c) = chars.next()?;
    if !('\u{80}'..='\u{FF}').contains(&c) {
        return None;
    }
    let lead = cp1252_byte(c)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut end = i + c.len_utf8();
    for _ in 0..need {
        match chars.next() {
            Some((k, n)) => match cp1252_byte(n) {
                Some(b @ 0x80..=0xBF) if !n.is_ascii() => {
                    bytes.push(b);
                    end = i + k + n.len_utf8();
                }
                _ => break,
            },
            None => break,
        }
    }
    if bytes.len() == need + 1 {
        let s = std::str::from_utf8(&bytes).ok()?;
        let d = s.chars().next()?;
        return plausible(d).then_some((end, d, true));
    }
    // `â€` + a lost last byte (0x9D is undefined in cp1252, so it often vanishes): a closing quote
    if bytes == [0xE2, 0x80] {
        return Some((end, '\u{201D}', false));
    }
    None
}

/// Is a decoded char something copy contains (a letter, digit, punctuation or symbol, not a
/// control or an IPA letter)?
fn plausible(d: char) -> bool {
    !d.is_control() && !('\u{0250}'..='\u{02AF}').contains(&d) && (d as u32) >= 0xA0
}

fn repair_pass(s: &str) -> Vec<Repair> {
    let mut out: Vec<Repair> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap();
        if let Some((end, d, certain)) = unit_at(s, i) {
            match out.last_mut() {
                Some(r) if r.span.end == i => {
                    r.span.end = end;
                    r.text.push(d);
                    r.certain &= certain;
                }
                _ => out.push(Repair { span: Span::new(i, end), text: d.to_string(), certain }),
            }
            i = end;
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// Repairs a damaged stretch, undoing double encoding (up to three rounds).
fn repair(s: &str) -> (String, bool) {
    let mut text = s.to_string();
    let mut certain = true;
    for _ in 0..3 {
        let reps = repair_pass(&text);
        if reps.is_empty() {
            break;
        }
        let mut next = String::with_capacity(text.len());
        let mut at = 0;
        for r in &reps {
            next.push_str(&text[at..r.span.start]);
            next.push_str(&r.text);
            certain &= r.certain;
            at = r.span.end;
        }
        next.push_str(&text[at..]);
        text = next;
    }
    (text, certain)
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let text = doc.text.as_str();
        if text.is_ascii() {
            return;
        }
        for r in repair_pass(text) {
            let bad = r.span.of(text);
            let (fixed, certain) = repair(bad);
            if fixed.contains('\u{FFFD}') {
                let message = format!(
                    "`{bad}` is a replacement character (U+FFFD) shown as mojibake: the original bytes were lost before this copy was made; re-fetch or retype the original"
                );
                out.push(Finding::new(&META, r.span, Confidence::High, message));
                continue;
            }
            let message = format!(
                "`{bad}` is UTF-8 text decoded as Windows-1252/Latin-1 (mojibake){}; it should read `{fixed}`",
                if fixed.chars().count() * 2 < bad.chars().count() && bad.chars().count() > 3 { ", possibly twice" } else { "" }
            );
            let (confidence, applicability) =
                if certain { (Confidence::High, Applicability::Safe) } else { (Confidence::Medium, Applicability::Unsafe) };
            out.push(Finding::new(&META, r.span, confidence, message).replace_with(fixed, applicability));
        }
        // U+FFFD: the bytes are gone
        let mut i = 0;
        while let Some(k) = text[i..].find('\u{FFFD}') {
            let start = i + k;
            let end = start
                + text[start..].char_indices().take_while(|&(_, c)| c == '\u{FFFD}').map(|(j, c)| j + c.len_utf8()).last().unwrap_or(3);
            let span = super::word_around(text, Span::new(start, end), |c| c == '\u{FFFD}');
            let message = format!(
                "`{}` contains the replacement character U+FFFD: a decoder dropped bytes it could not read; re-fetch or retype the original",
                span.of(text)
            );
            out.push(Finding::new(&META, span, Confidence::High, message));
            i = span.end.max(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags};

    #[test]
    fn flags_turkish_name() {
        assert_flags(&Mojibake, "President ErdoÄŸan said.", &["ÄŸ"]);
        assert_fix(&Mojibake, "President ErdoÄŸan said.", "President Erdoğan said.");
    }

    #[test]
    fn flags_curly_quotes_and_lost_byte() {
        let (doc, f) = crate::rules::testing::run(&Mojibake, "called it â€œessentialâ€ on Sunday");
        let got: Vec<_> = f.iter().map(|f| (doc.slice(f.span), f.suggestion.as_ref().unwrap().replacement.as_str())).collect();
        assert_eq!(got, vec![("â€œ", "“"), ("â€", "”")]);
        assert_eq!(f[1].suggestion.as_ref().unwrap().applicability, Applicability::Unsafe);
    }

    #[test]
    fn flags_latin1_accents_and_double_encoding() {
        assert_fix(&Mojibake, "the CafÃ© owner", "the Café owner");
        assert_fix(&Mojibake, "he said Ã¢â‚¬Å“no", "he said “no");
    }

    #[test]
    fn flags_replacement_character() {
        assert_flags(&Mojibake, "Minister Shtayy\u{FFFD}h said", &["Shtayy\u{FFFD}h"]);
    }

    #[test]
    fn ignores_real_accented_text() {
        assert_clean(
            &Mojibake,
            "NÃO, disse São Paulo. Größe, Ärger, Öl. İstanbul'da Çarşamba. Thủ tướng Phạm Minh Chính. À « Paris » déjà.",
        );
    }
}
