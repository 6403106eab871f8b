//! English dates and times typed in the source's typography: the year glued to the comma
//! (`September 08,2022`, as Somali and other desks type a dateline) and the day padded with a
//! zero (`October 01, 2023`, the source's `01.10.2023` spelled out), where English writes
//! `September 8, 2022`; and a 24-hour clock time with `AM`/`PM` added (`14:06 PM`).
//!
//! Read from the story's numbers (as [`super::calendars`] is): a day of one or two digits with
//! an English month name, as the copy language's calendar lexicon has it, before it; an hour
//! from 13 to 23 with a suffix after its minutes.

use crate::document::{Document, Token};
use crate::finding::{Applicability, Confidence, Finding};
use crate::span::Span;

use super::{Calendar, META, Output, Unit};

/// The English month names (full forms) are at most this many bytes.
const MONTH_MAX: usize = 9;

/// An English date typed in the source's style, read from its day `t`.
pub(super) fn date_at(doc: &Document, t: &Token, regions: &[Span], cal: &Calendar, out: &mut Output, taken: &mut Vec<Span>) {
    let bytes = doc.text.as_bytes();
    let (a, b) = (t.span.start, t.span.end);
    let digits = &bytes[a..b];
    // the day, and the year when the tokenizer read `08,2022` as one figure
    let (day, glued_year) = match digits.len() {
        1 | 2 => (digits, None),
        6 | 7 if digits[digits.len() - 5] == b',' => (&digits[..digits.len() - 5], Some((b - 4, b))),
        _ => return,
    };
    if !day.iter().all(u8::is_ascii_digit) {
        return;
    }
    // `,2022` after a day read alone
    let glued_year = glued_year.or_else(|| {
        let y = bytes.get(b + 1..b + 5)?;
        (bytes[b] == b',' && y.iter().all(u8::is_ascii_digit) && !bytes.get(b + 5).is_some_and(u8::is_ascii_alphanumeric))
            .then_some((b + 1, b + 5))
    });
    let padded = day.len() == 2 && day[0] == b'0' && day[1] != b'0';
    // a year of the modern range (`March 5,3000` is no date)
    let glued_year = glued_year.filter(|&(ys, _)| matches!(&bytes[ys..ys + 2], b"19" | b"20"));
    if glued_year.is_none() && !padded {
        return;
    }
    // the month name right before it, a space apart
    if a < 4 || bytes[a - 1] != b' ' || !bytes[a - 2].is_ascii_lowercase() {
        return;
    }
    let lo = a.saturating_sub(2 + MONTH_MAX);
    let Some(start) = bytes[lo..a - 1].iter().rposition(|c| !c.is_ascii_alphabetic()).map(|i| lo + i + 1).or((lo == 0).then_some(0)) else {
        return;
    };
    if !bytes[start].is_ascii_uppercase() {
        return;
    }
    let month = &doc.text[start..a - 1];
    let Some(n) = cal
        .names
        .get(&month.to_ascii_lowercase())
        .and_then(|names| names.iter().find(|x| x.lang == "en" && x.unit == Unit::Month).map(|x| x.n))
    else {
        return;
    };
    let end = glued_year.map_or(b, |(_, e)| e);
    let span = Span::new(start, end);
    if !regions.iter().any(|r| r.contains(span)) || taken.iter().any(|x| x.overlaps(span)) {
        return;
    }
    // a date alone on its line (`October 01, 2023` under the headline) is the page's, not the
    // story's: scrape-residue reads it
    let line_start = bytes[..start].iter().rposition(|&c| c == b'\n').map_or(0, |i| i + 1);
    let line_end = bytes[end..].iter().position(|&c| c == b'\n').map_or(bytes.len(), |i| end + i);
    let after = doc.text[end..line_end].trim().trim_start_matches(',').trim();
    let after_is_year = after.is_empty() || after.len() == 4 && after.bytes().all(|c| c.is_ascii_digit());
    if glued_year.is_none() && doc.text[line_start..start].trim().is_empty() && after_is_year {
        return;
    }
    let day_n = u8::try_from(day.iter().fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))).unwrap_or(0);
    if !(1..=31).contains(&day_n) {
        return;
    }
    let month_name = cal.canonical("en", Unit::Month, n).unwrap_or(month);
    let replacement = match glued_year {
        Some((ys, ye)) => format!("{month_name} {day_n}, {}", &doc.text[ys..ye]),
        None => format!("{month_name} {day_n}"),
    };
    let (confidence, what) = match (glued_year.is_some(), padded) {
        (true, true) => (Confidence::Medium, "the year glued to the comma and the day padded with a zero"),
        (true, false) => (Confidence::Medium, "the year glued to the comma"),
        _ => (Confidence::Low, "the day padded with a zero, as a numeric date writes it"),
    };
    let msg = format!("`{}` is typed in the source's date style ({what}), not English: write `{replacement}`", doc.slice(span));
    taken.push(span);
    out.push(Finding::new(&META, span, confidence, msg).replace_with(replacement, Applicability::Safe));
}

/// A 24-hour clock time with an English `AM`/`PM` (`14:06 PM`, `17:28 PM`), as a CMS template
/// prints the source's time: the hour says the half of the day already, and English writes
/// `2:06 PM`.
pub(super) fn clock_at(doc: &Document, t: &Token, regions: &[Span], out: &mut Output, taken: &mut Vec<Span>) {
    let bytes = doc.text.as_bytes();
    let a = t.span.start;
    // the hour, read alone or as the head of a dotted figure (`13.00`)
    let b = a + 2;
    let len = t.span.end - a;
    if !(len == 2 || len == 5 && matches!(bytes[b], b'.' | b':')) || a > 0 && bytes[a - 1].is_ascii_alphanumeric() {
        return;
    }
    if !bytes[a..b].iter().all(u8::is_ascii_digit) {
        return;
    }
    let hour = u32::from(bytes[a] - b'0') * 10 + u32::from(bytes[a + 1] - b'0');
    if !(13..=23).contains(&hour) || !matches!(bytes.get(b), Some(b':' | b'.')) {
        return;
    }
    let Some(minutes) = bytes.get(b + 1..b + 3).filter(|m| m.iter().all(u8::is_ascii_digit)) else { return };
    // `:SS` seconds, then the suffix a space apart or glued: `14:06 PM`, `17:28:10 PM`, `15:22pm`
    let mut k = b + 3;
    if bytes.get(k) == Some(&b':') && bytes.get(k + 1..k + 3).is_some_and(|s| s.iter().all(u8::is_ascii_digit)) {
        k += 3;
    }
    let time_end = k;
    if bytes.get(k) == Some(&b' ') {
        k += 1;
    }
    let suffix_len = match bytes.get(k..) {
        Some([p, m, rest @ ..]) if matches!(p, b'A' | b'a' | b'P' | b'p') && matches!(m, b'M' | b'm') => {
            if rest.first().is_some_and(u8::is_ascii_alphanumeric) {
                return;
            }
            2
        }
        Some([p, b'.', m, b'.', ..]) if matches!(p, b'a' | b'p') && *m == b'm' => 4,
        _ => return,
    };
    let span = Span::new(a, k + suffix_len);
    if !regions.iter().any(|r| r.contains(span)) || taken.iter().any(|x| x.overlaps(span)) {
        return;
    }
    let suffix = &doc.text[k..k + suffix_len];
    let seconds = &doc.text[b + 3..time_end];
    let replacement = format!("{}:{}{seconds}{}{suffix}", hour - 12, std::str::from_utf8(minutes).unwrap_or("00"), &doc.text[time_end..k]);
    let msg = format!(
        "`{}` is a 24-hour time with `{suffix}` added, as a template prints the source's clock: write `{replacement}`",
        doc.slice(span)
    );
    taken.push(span);
    out.push(Finding::new(&META, span, Confidence::Medium, msg).replace_with(replacement, Applicability::Unsafe));
}
