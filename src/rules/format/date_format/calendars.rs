//! Dates of other calendars left unconverted in English copy: a month of the Persian, Nepali,
//! Bengali or Ethiopian calendar with its day ("Farvardin 12", "15 Baisakh"), and a year with
//! its era mark ("1402 SH", "2080 BS", "2016 E.C."), as the English services of those
//! countries' agencies and papers write them. The months and marks are data,
//! `lexicons/calendar/other-calendars.tsv`; the Hijri calendar is read by the rule itself.

use rustc_hash::FxHashMap as HashMap;

use super::{Confidence, Finding, META, Output};
use crate::document::{Document, Token};
use crate::lexicon::{LexiconError, Lexicons};
use crate::span::Span;

/// The months and era marks of other calendars, by their written form.
pub struct OtherCalendars {
    forms: HashMap<String, Vec<Entry>>,
    /// The longest form's length in bytes.
    max_len: usize,
}

struct Entry {
    calendar: String,
    kind: Kind,
    /// The form is also a name or a word (`Mehr`, `Ashwin`, `EC`): it needs a firmer context.
    word: bool,
}

enum Kind {
    /// A month (its number is checked, not kept), beginning on the Gregorian `(month, day)`.
    Month { begins: (u8, u8) },
    /// An era mark read for the years `years`; year Y begins in the Gregorian month `month` of
    /// Y + `offset`.
    Era { years: (u16, u16), offset: i32, month: u8 },
}

impl OtherCalendars {
    /// The index of the `calendar-other` lexicons (built with the rule's [`super::Calendar`]).
    pub(super) fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut forms: HashMap<String, Vec<Entry>> = HashMap::default();
        for file in lexicons.of_kind("calendar-other") {
            let (fc, cc, uc, nc, gc) =
                (file.require("form")?, file.require("calendar")?, file.require("unit")?, file.require("n")?, file.require("gregorian")?);
            let wc = file.column("word");
            for row in &file.rows {
                let (n, g) = (row.get(nc), row.get(gc));
                let kind = match row.get(uc) {
                    "month" => match (n.parse::<u8>().ok().filter(|n| (1..=13).contains(n)), month_day(g)) {
                        (Some(_), Some(begins)) => Kind::Month { begins },
                        _ => return Err(file.error(row, format!("a month needs n 1-13 and gregorian MM-DD, not `{n}` and `{g}`"))),
                    },
                    "era" => match (year_range(n), era_map(g)) {
                        (Some(years), Some((offset, month))) => Kind::Era { years, offset, month },
                        _ => {
                            return Err(
                                file.error(row, format!("an era needs n YYYY-YYYY and gregorian like `+621-03`, not `{n}` and `{g}`"))
                            );
                        }
                    },
                    other => return Err(file.error(row, format!("unit must be `month` or `era`, not `{other}`"))),
                };
                let word = wc.is_some_and(|c| row.get(c) == "yes");
                forms.entry(row.get(fc).to_string()).or_default().push(Entry { calendar: row.get(cc).to_string(), kind, word });
            }
        }
        let max_len = forms.keys().map(String::len).max().unwrap_or(0);
        Ok(OtherCalendars { forms, max_len })
    }
}

/// `03-21` -> (3, 21).
fn month_day(s: &str) -> Option<(u8, u8)> {
    let (m, d) = s.split_once('-')?;
    let (m, d): (u8, u8) = (m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some((m, d))
}

/// `1300-1499` -> (1300, 1499).
fn year_range(s: &str) -> Option<(u16, u16)> {
    let (a, b) = s.split_once('-')?;
    let (a, b): (u16, u16) = (a.parse().ok()?, b.parse().ok()?);
    (a <= b).then_some((a, b))
}

/// `+621-03` -> (621, 3); `-57-04` -> (-57, 4).
fn era_map(s: &str) -> Option<(i32, u8)> {
    let sign = match s.as_bytes().first()? {
        b'+' => 1,
        b'-' => -1,
        _ => return None,
    };
    let (off, m) = s[1..].split_once('-')?;
    let m: u8 = m.parse().ok().filter(|m| (1..=12).contains(m))?;
    Some((sign * off.parse::<i32>().ok()?, m))
}

const DAYS_IN: [u8; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// The Gregorian `(month, day)` `day - 1` days after `(month, day)` (a common year).
fn gregorian_day((mut m, mut d): (u8, u8), day: u8) -> (u8, u8) {
    let mut left = day.saturating_sub(1);
    while left > 0 {
        let room = DAYS_IN[usize::from(m - 1)] - d;
        if left <= room {
            d += left;
            break;
        }
        left -= room + 1;
        (m, d) = (m % 12 + 1, 1);
    }
    (m, d)
}

/// Words after which a month that is also a name reads as a date: `on Bahman 22`.
const DATE_PREPOSITIONS: [&str; 10] = ["on", "of", "since", "until", "till", "from", "by", "before", "after", "to"];

/// The day number (1 to 32) `text` starts with, when it is a number of its own (not `12.5`,
/// `12/3`, `12-3` or `123`), and its length.
fn day_at_start(text: &str) -> Option<(u8, usize)> {
    let b = text.as_bytes();
    let n = b.iter().take(3).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 2 {
        return None;
    }
    if matches!(b.get(n), Some(b'/' | b'-' | b'.' | b':')) && b.get(n + 1).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    if b.get(n).is_some_and(u8::is_ascii_alphabetic) && !text[n..].starts_with(['s', 't', 'n', 'r']) {
        return None;
    }
    let day: u8 = text[..n].parse().ok().filter(|d| (1..=32).contains(d))?;
    Some((day, n))
}

/// The day number (1 to 32) `text` ends with, its own number (not `3.12`, `2/12`), and where
/// it starts.
fn day_at_end(text: &str) -> Option<(u8, usize)> {
    let b = text.as_bytes();
    let n = b.iter().rev().take(3).take_while(|c| c.is_ascii_digit()).count();
    if n == 0 || n > 2 {
        return None;
    }
    let start = b.len() - n;
    if start > 0 && (b[start - 1].is_ascii_alphanumeric() || matches!(b[start - 1], b'/' | b'-' | b'.' | b':' | b',')) {
        return None;
    }
    let day: u8 = text[start..].parse().ok().filter(|d| (1..=32).contains(d))?;
    Some((day, start))
}

/// A four-digit year `text` starts with, its own number, and its length.
fn year_at_start(text: &str) -> Option<(u16, usize)> {
    let b = text.as_bytes();
    let n = b.iter().take(5).take_while(|c| c.is_ascii_digit()).count();
    if n != 4 || b.get(4).is_some_and(u8::is_ascii_alphanumeric) {
        return None;
    }
    // `1986/87`, `2023-24`: a span of years, not a year
    if matches!(b.get(4), Some(b'/' | b'-' | b'.' | b',')) && b.get(5).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    Some((text[..4].parse().ok()?, 4))
}

/// A four-digit year `text` ends with (after at most one space), its own number, and where it
/// starts.
fn year_at_end(text: &str) -> Option<(u16, usize)> {
    let t = text.strip_suffix(' ').unwrap_or(text);
    let b = t.as_bytes();
    let n = b.iter().rev().take(5).take_while(|c| c.is_ascii_digit()).count();
    if n != 4 {
        return None;
    }
    let start = b.len() - 4;
    if start > 0 && (b[start - 1].is_ascii_alphanumeric() || matches!(b[start - 1], b'/' | b'-' | b'.' | b',' | b'$')) {
        return None;
    }
    Some((t[start..].parse().ok()?, start))
}

/// The word before `at` in `text`, lower-cased ASCII, if it is one.
fn word_before(text: &str, at: usize) -> String {
    let t = text[..at].trim_end();
    let start = t.rfind(|c: char| !c.is_ascii_alphabetic()).map_or(0, |i| i + 1);
    t[start..].to_ascii_lowercase()
}

impl OtherCalendars {
    /// Dates of other calendars beside the number `t` (English copy; `regions` are its headline
    /// and body): every date read here has a number beside its form (a day or a year), so the
    /// words next to the story's few numbers are looked up, not every word (#16). `month` names a
    /// Gregorian month (1 to 12) in the copy's language: the rule's [`super::Calendar`] names.
    pub(super) fn at<'c>(
        &self,
        doc: &Document,
        t: &Token,
        regions: &[Span],
        month: &impl Fn(u8) -> &'c str,
        out: &mut Output,
        taken: &mut Vec<Span>,
    ) {
        if self.forms.is_empty() || !matches!(t.span.len(), 1 | 2 | 4) {
            return;
        }
        let bytes = doc.text.as_bytes();
        let ends_word = |c: &u8| c.is_ascii_whitespace() || matches!(c, b',' | b';' | b':' | b')' | b'(' | b'"');
        // the word after the number (`12 Farvardin`, `1402 SH`, `2016 E.C.`), then the one
        // before it (`Farvardin 12`, `B.E. 2566`), each a few bytes read only when it starts
        // with an ASCII capital, as every form does
        let (a, b) = (t.span.start, t.span.end);
        let after = (bytes.get(b) == Some(&b' ') && bytes.get(b + 1).is_some_and(u8::is_ascii_uppercase))
            .then(|| {
                let rest = &bytes[b + 1..(b + 2 + self.max_len).min(bytes.len())];
                let len = rest.iter().position(ends_word).unwrap_or(rest.len());
                (len <= self.max_len).then_some((b + 1, b + 1 + len))
            })
            .flatten();
        let before = (a >= 2 && bytes[a - 1] == b' ' && matches!(bytes[a - 2], b'a'..=b'z' | b'A'..=b'Z' | b'.'))
            .then(|| {
                let lo = a.saturating_sub(2 + self.max_len);
                let start = match bytes[lo..a - 1].iter().rposition(ends_word) {
                    Some(i) => lo + i + 1,
                    None if lo == 0 => 0,
                    // a longer word than any form
                    None => return None,
                };
                (start < a - 1 && bytes[start].is_ascii_uppercase()).then_some((start, a - 1))
            })
            .flatten();
        if after.is_none() && before.is_none() {
            return;
        }
        let Some(&region) = regions.iter().find(|r| r.contains(t.span)) else { return };
        let text = &doc.text[region.start..region.end];
        let words = after
            .into_iter()
            .chain(before)
            .filter(|&(s, e)| s >= region.start && e <= region.end && doc.text.is_char_boundary(s) && doc.text.is_char_boundary(e));
        let words = words.map(|(s, e)| (s - region.start, &doc.text[s..e]));
        for (start, word) in words {
            // a mark's last dot may be the sentence's full stop: `in 1400 BS.`
            let forms = [Some(word), word.strip_suffix('.')];
            let Some((form, entries)) = forms.into_iter().flatten().find_map(|f| self.forms.get(f).map(|e| (f, e))) else {
                continue;
            };
            let end = start + form.len();
            if let Some((span, msg)) = entries.iter().find_map(|e| read(text, start, end, e, month)) {
                let span = Span::new(region.start + span.start, region.start + span.end);
                if taken.iter().any(|t| t.overlaps(span)) {
                    continue;
                }
                taken.push(span);
                out.push(Finding::new(&META, span, Confidence::Medium, msg));
                break;
            }
        }
    }
}

/// The date of `e`'s calendar that its form at `s..end` in `text` writes, and the message.
fn read<'c>(text: &str, s: usize, end: usize, e: &Entry, month_name: &impl Fn(u8) -> &'c str) -> Option<(Span, String)> {
    let cal = &e.calendar;
    match e.kind {
        Kind::Month { begins } => {
            let after = &text[end..];
            // `12 Farvardin`: the day before
            let before = text[..s].strip_suffix(' ');
            let (day, start, stop) = if let Some((day, at)) = before.and_then(day_at_end) {
                (day, at, end)
            } else if let Some((day, n)) = after.strip_prefix(' ').and_then(day_at_start) {
                // `Farvardin 12`: a month that is also a name needs a date word before it, or a
                // year after the day
                let stop = end + 1 + n;
                let year = text[stop..].strip_prefix(", ").or(text[stop..].strip_prefix(' ')).and_then(year_at_start);
                if e.word && year.is_none() && !DATE_PREPOSITIONS.contains(&word_before(text, s).as_str()) {
                    return None;
                }
                (day, s, stop)
            } else {
                return None;
            };
            let written = &text[start..stop];
            let gregorian = gregorian_day(begins, day);
            Some((
                Span::new(start, stop),
                format!(
                    "`{written}` is a date of the {cal} calendar left unconverted: give the Gregorian date (about {} {})",
                    month_name(gregorian.0),
                    gregorian.1
                ),
            ))
        }
        Kind::Era { years, offset, month } => {
            // `1402 SH`, or a mark before its year, `B.E. 2566`
            let (year, span) = if let Some((y, at)) = year_at_end(&text[..s]) {
                (y, Span::new(at, end))
            } else if let Some((y, n)) = text[end..].strip_prefix(' ').and_then(year_at_start)
                && (years.1 < 1800 || years.0 > 2100)
            {
                // (a mark before a year that could be Gregorian, `E.C. 1986`, is an initialism:
                // the European Community)
                (y, Span::new(s, end + 1 + n))
            } else {
                return None;
            };
            if year < years.0 || year > years.1 {
                return None;
            }
            // `EC`, `BS` are also initials (the European Community, a degree): the mark ends
            // the clause, or a fiscal or budget year follows it
            if e.word && span.end == end {
                let rest = &text[end..];
                let word = rest.trim_start_matches(' ');
                let ends = rest.is_empty() || rest.starts_with(['.', ',', ';', ':', ')', '\n', '\r']);
                if !ends && !word.starts_with("fiscal") && !word.starts_with("budget") {
                    return None;
                }
            }
            let g = i32::from(year) + offset;
            let written = &text[span.start..span.end];
            Some((
                span,
                format!(
                    "`{written}` is a year of the {cal} calendar left unconverted: give the Gregorian year ({written} began in {} {g})",
                    month_name(month)
                ),
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_counts_from_the_month_start() {
        assert_eq!(gregorian_day((3, 21), 12), (4, 1));
        assert_eq!(gregorian_day((3, 21), 1), (3, 21));
        assert_eq!(gregorian_day((12, 22), 11), (1, 1));
        assert_eq!(gregorian_day((2, 20), 9), (2, 28));
        assert_eq!(gregorian_day((2, 20), 10), (3, 1));
    }

    #[test]
    fn era_maps_parse() {
        assert_eq!(era_map("+621-03"), Some((621, 3)));
        assert_eq!(era_map("-57-04"), Some((-57, 4)));
        assert_eq!(era_map("621-03"), None);
        assert_eq!(year_range("1300-1499"), Some((1300, 1499)));
    }
}
