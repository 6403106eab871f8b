//! Story dates as inputs write them, read into a calendar day for the report's time chart.
//!
//! Accepted: ISO 8601 (`2024-03-05`, `2024-03-05T10:00:00Z`), compact ISO (`20240305`,
//! `20240305T100000Z`, NITF's `date.issue/@norm`), and day / month-name / year in any order
//! with English month names or abbreviations (`12-MAR-1987 08:20:55.91`, `5 March 2024`,
//! `March 5, 2024`, RFC 2822 `Tue, 05 Mar 2024 10:00:00 +0000`). Anything else is "undated".

/// A calendar day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
// year, month and day are the names of a date's parts
#[allow(clippy::struct_field_names)]
pub struct Day {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Day {
    fn new(year: u32, month: u32, day: u32) -> Option<Day> {
        let leap = (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400);
        let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
        let ok = (1000..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days[month as usize - 1];
        ok.then_some(Day { year: year as u16, month: month as u8, day: day as u8 })
    }

    /// The day after.
    pub fn next(self) -> Day {
        let (y, m, d) = (u32::from(self.year), u32::from(self.month), u32::from(self.day));
        Day::new(y, m, d + 1).or_else(|| Day::new(y, m + 1, 1)).or_else(|| Day::new(y + 1, 1, 1)).unwrap_or(self)
    }

    /// `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// Days since 1970-01-01 (for the span of a corpus).
    pub fn ordinal(self) -> i64 {
        // Howard Hinnant's days_from_civil
        let (y, m, d) = (i64::from(self.year), i64::from(self.month), i64::from(self.day));
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// Parses `YYYY-MM-DD` (what [`Day::iso`] writes).
    pub fn from_iso(s: &str) -> Option<Day> {
        let mut it = s.splitn(3, '-').map(|p| p.parse::<u32>().ok());
        Day::new(it.next()??, it.next()??, it.next()??)
    }
}

fn month_name(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    let full = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
    crate::text::MONTH_ABBREVIATIONS
        .iter()
        .zip(full)
        .position(|(abbr, full)| w == *abbr || w == full || (w == "sept" && *abbr == "sep"))
        .map(|i| i as u32 + 1)
}

/// Reads the calendar day of a date as inputs write it; `None` when it is not one of the
/// accepted forms or not a real day.
pub fn parse(s: &str) -> Option<Day> {
    let s = s.trim();
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    // ISO 8601: YYYY-MM-DD...
    if b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && let (Some(y), Some(m), Some(d)) = (digits(0..4), digits(5..7), digits(8..10))
    {
        return Day::new(y, m, d);
    }
    // compact: YYYYMMDD, alone or before `T`
    if b.len() >= 8 && b[..8].iter().all(u8::is_ascii_digit) && (b.len() == 8 || b[8] == b'T' || b[8] == b' ') {
        return Day::new(digits(0..4)?, digits(4..6)?, digits(6..8)?);
    }
    // words: a month name, a four-digit year and a one- or two-digit day, the first of each
    let (mut year, mut month, mut day) = (None, None, None);
    for word in s.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()) {
        if word.bytes().all(|c| c.is_ascii_digit()) {
            match word.len() {
                4 if year.is_none() => year = word.parse().ok(),
                1 | 2 if day.is_none() => day = word.parse().ok(),
                _ => {}
            }
        } else if month.is_none() {
            month = month_name(word);
        }
        // the time of day comes after the date: stop once the date is whole
        if year.is_some() && month.is_some() && day.is_some() {
            break;
        }
    }
    Day::new(year?, month?, day?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse(s).map(Day::iso)
    }

    #[test]
    fn reads_the_forms_inputs_use() {
        assert_eq!(p("2024-03-05"), Some("2024-03-05".into()));
        assert_eq!(p("2024-03-05T10:00:00+01:00"), Some("2024-03-05".into()));
        assert_eq!(p("20240305T100000Z"), Some("2024-03-05".into()));
        assert_eq!(p("20240305"), Some("2024-03-05".into()));
        assert_eq!(p("12-MAR-1987 08:20:55.91"), Some("1987-03-12".into()));
        assert_eq!(p(" 5 March 2024"), Some("2024-03-05".into()));
        assert_eq!(p("March 5, 2024"), Some("2024-03-05".into()));
        assert_eq!(p("Tue, 05 Mar 2024 10:00:00 +0000"), Some("2024-03-05".into()));
        assert_eq!(p("29 Sept 2023"), Some("2023-09-29".into()));
    }

    #[test]
    fn refuses_what_is_not_a_day() {
        assert_eq!(p(""), None);
        assert_eq!(p("yesterday"), None);
        assert_eq!(p("2023-02-29"), None);
        assert_eq!(p("2024-13-01"), None);
        assert_eq!(p("March 2024"), None);
        assert_eq!(p("1709630000"), None);
        assert_eq!(p("2024-02-29"), Some("2024-02-29".into()));
    }

    #[test]
    fn ordinal_counts_days() {
        let a = Day::from_iso("1970-01-01").unwrap();
        let b = Day::from_iso("2024-03-05").unwrap();
        assert_eq!(a.ordinal(), 0);
        assert_eq!(b.ordinal() - Day::from_iso("2024-02-28").unwrap().ordinal(), 6);
        assert_eq!(Day::from_iso(&b.iso()), Some(b));
        assert_eq!(Day::from_iso("2024-02-28").unwrap().next().iso(), "2024-02-29");
        assert_eq!(Day::from_iso("2023-12-31").unwrap().next().iso(), "2024-01-01");
    }
}
