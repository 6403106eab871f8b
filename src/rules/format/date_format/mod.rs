//! FM002 date-format: month and day names of another language, and source-style numeric
//! dates, left in the copy.
//!
//! - A month or day name of another language ("Februari", "Kamis", "febrero") in the copy.
//!   In English copy, names that are not also English words or names are flagged anywhere;
//!   the ones that are ("Mayo", "Domingo", "Juli", `lexicons/calendar/homographs.en.tsv`)
//!   only in a date context ("19 Mei", "Juli 2024"). In other copy languages every foreign
//!   name needs a date context. Forms equal to one of the copy language's own (April,
//!   September...) and abbreviations are never flagged.
//! - In English copy, the source-style parenthesised date "Selasa (4/3/2025)", "(19/2)":
//!   day first, month second, as Indonesian, Turkish and European copy writes it (month first
//!   after a day name when the second figure is above 12, "Thursday (6/19/2025)"); and a day
//!   name with its date in parentheses, "Sunday (15)", "Thursday (September 24)", as
//!   Portuguese, Spanish, Thai and Malay copy writes it; and a day of the month with no month,
//!   "on the 25th", as Korean, Chinese and Japanese copy writes it.
//! - In English copy, Hijri years and dates, and dates of other calendars ([`calendars`]:
//!   "Farvardin 12", "2080 BS") left unconverted; and English dates typed in the source's
//!   typography ([`typography`]: "September 08,2022", "14:06 PM").
//!
//! The suggestion is the copy language's name for the same month or day, when the copy
//! language has exactly one full form for it.

mod calendars;
mod typography;

use rustc_hash::FxHashMap as HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::{Context, Family, Output, Rule, RuleMeta};
use crate::document::attribution::Attributions;
use crate::document::language;
use crate::document::{Document, Script, Section, TokenKind};
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::span::Span;

pub struct DateFormat;

pub static META: RuleMeta = RuleMeta {
    name: "date-format",
    code: "FM002",
    family: Family::Format,
    severity: Severity::Warning,
    // a date typed with its year glued to the comma (`September 25,2022`) is no decimal figure
    supersedes: &[crate::rules::Supersede { loser: "number-format", min_confidence: Confidence::Medium }],
    summary: "Month or day names of another language, or source-style dates (\"Kamis (19/2)\"), left in the copy",
    explain: r#"## What it flags
Month and day names of another language left in the copy ("Februari", "Kamis", "19 de febrero"
in English copy; "19 February" in Indonesian copy), and in English copy the numeric dates of
the source's order: parenthesised day-first ("Selasa (4/3/2025)", "(19/2)"), or month-first
after a day name when the second figure cannot be a month ("Thursday (6/19/2025)"), dotted day-first
as Turkish, German and Russian copy writes them ("12.09.2025", "07-08.10.18"), slashed or
hyphenated day-first with a year when the day is above 12 ("28/02/2024", "17-02-2021",
"Saturday 28/08/2021") or when
the day name before it fits only the day-first reading ("Saturday 04/09/2021": September 4,
2021 was a Saturday, April 9 a Friday), and
year-first with slashes or dots as Chinese, Japanese, Korean and Persian copy does
("2017/03/13", "2022.08.08"); and a day
name (or "today") with its date in parentheses, as Portuguese, Spanish, Thai and Malay copy gives
it ("Sunday (15)", "Thursday (September 24)", "today (26)"); and a day of the month with no
month, as Korean, Chinese and Japanese copy gives it ("announced on the 25th that", "on the
afternoon of the 5th"); and a Hijri year or date left unconverted ("in 1440H", "1438 AH",
"7-4-1437"), as Saudi and Gulf agency copy gives it; and a date of the Persian, Nepali, Bengali,
Ethiopian or Thai calendar left unconverted, a month with its day ("Farvardin 12", "15 Baisakh")
or a year with its era mark ("1402 SH", "2080 BS", "2016 E.C.", "B.E. 2566"), with the Gregorian
date or year it falls in.
And an English date typed in the source's typography: the year glued to the comma
("September 08,2022", as some desks type the dateline) or the day padded with a zero, as a
numeric date writes it ("on October 01"); the fix writes "September 8, 2022". And a 24-hour
clock time with an English `AM` or `PM` added ("14:06 PM", "17:28 PM"), as a CMS template prints
the source's time: English writes "2:06 PM".

## Why it matters
Translation tools often leave dates alone because they look like numbers and names. A source
month name tells the reader the story was not edited; a numeric "4/3" reads as April 3 to an
American reader when the source meant March 4.

## Example
```
Speaking on Kamis (19/2), the minister said the vote would take place on 28 Februari.
```

## Better
```
Speaking on Thursday, February 19, the minister said the vote would take place on February 28.
```

## False positives
Month and day names that are also words or names in the copy language (Mayo, Domingo, Julio,
Mardi Gras) are flagged only next to a day number or year. A day or month name inside a known
outlet's name (`Welt am Sonntag`, `Le Journal du Dimanche`) is the name, and is left alone.
Numeric dates are flagged only in English copy: in parentheses (`(19/2)`, or `(4/3)` after a
day name), dotted, year-first (`2017/03/13`, `2022.08.08`), or slashed or hyphenated with a year
and a day above 12 (`28/02/2024`, `17-02-2021`; or a day name that fits the day-first date
alone), so a US `Wednesday, 5/8/2024` (May 8 was a Wednesday), `02/28/2025` or `02-13-2021` is
left alone; a dotted, slashed or hyphenated figure glued to more figures (a version `2.1.10.4`,
an address, `2018/19`, `1-17-02-2021`) is not a date, and neither is a score or a range
(`2-1`, `2015-16`). A parenthesis after a day name needs a day
number or a month and day in it: `today (Monday)`, `Tuesday (1200 GMT)` are left alone. A month
and day in the parenthesis (`Tuesday (Jan 19)`) is low confidence: some English dailies
(Malaysia's) write dates that way. A bare ordinal counts as a date only after `on`, `since`,
`until`, `by`, `from`, `before`, `after` or `of the <time of day> of`, and before punctuation or a
function word: `the 25th anniversary`, `the 18th-century` are left alone, and so is a golf
story's `on the 17th` (a hole). A Hijri year needs its mark (`1440H`, `1438 AH`); a numeric
Hijri date needs a year from 1400 to 1499 (`7-4-1437`). A month of another calendar needs its
day next to it, and one that is also a name (`Mehr`, `Ashwin`, `Bahman`) needs its day before it
(`22 Bahman`), a date word before it (`on Bahman 22`) or a year after; an era mark needs a year of
its calendar's modern range, and one that is also an initialism (`BS`, `EC`) needs the clause to end
after it or a fiscal or budget year to follow (`a 2015 BS in economics`, `Directive 2006/42/EC`
and `E.C. 1986/87` are left alone). The months and marks are `lexicons/calendar/other-calendars.tsv`.
A glued year must be a year (1900 to 2099) right after the comma, so `In March 12,000 people`
is a figure, not a date; a day padded with a zero alone is low confidence, and a date alone on
its line (`May 02, 2024` under a headline) is the page's date, left to `scrape-residue`. A clock
time is read only with an hour from 13 to 23 and the suffix right after it, so `7:45 PM`,
`12:00 PM`, `19:00 local time` and a flight number (`QF14:05`) are left alone.
Turn the rule off per project with `[rules.date-format] enabled = false`.

## Lexicon
`lexicons/calendar/names.<lang>.tsv` (CLDR month and day names via babel, plus dateparser's
informal spellings) and `lexicons/calendar/homographs.<lang>.tsv` (names that need a date context
in copy of that language); `lexicons/calendar/other-calendars.tsv` (the months and era marks of
other calendars, hand-curated)."#,
    lexicons: &[
        "lexicons/calendar/names.ar.tsv",
        "lexicons/calendar/names.de.tsv",
        "lexicons/calendar/names.en.tsv",
        "lexicons/calendar/names.es.tsv",
        "lexicons/calendar/names.fr.tsv",
        "lexicons/calendar/names.id.tsv",
        "lexicons/calendar/names.pt.tsv",
        "lexicons/calendar/names.ru.tsv",
        "lexicons/calendar/names.tr.tsv",
        "lexicons/calendar/names.zh.tsv",
        "lexicons/calendar/homographs.en.tsv",
        "lexicons/calendar/other-calendars.tsv",
    ],
};

impl Rule for DateFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        lexicons.index::<Calendar>().map(|_| ())
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let Some(copy) = doc.language else { return };
        let Ok(cal) = cx.lexicons.index::<Calendar>() else {
            return;
        };
        if !cal.langs.contains(&copy) {
            return;
        }
        let mut taken: Vec<Span> = Vec::new();
        if copy == "en" {
            // the headline too: a title or page header line carries the source's date as the
            // body does (`... Parties – Monday, 26.4.2010`)
            let regions = || doc.headline.into_iter().chain([doc.body]);
            for region in regions() {
                numeric_dates(doc, region, &cal, copy, out, &mut taken);
            }
            for region in regions() {
                parenthesised_day_dates(doc, region, out, &mut taken);
            }
            for region in regions() {
                other_numeric_dates(doc, region, &cal, copy, out, &mut taken);
            }
            ordinal_days(doc, doc.body, out, &mut taken);
            for region in regions() {
                hijri_dates(doc, region, out, &mut taken);
            }
            let both;
            let regions: &[Span] = match doc.headline {
                Some(h) => {
                    both = [h, doc.body];
                    &both
                }
                None => std::slice::from_ref(&doc.body),
            };
            let month = |m| cal.canonical(copy, Unit::Month, m).unwrap_or("?");
            // one pass over the story's numbers for the shapes read beside them (#16)
            for t in doc.tokens.iter().filter(|t| t.kind == TokenKind::Number) {
                cal.other.at(doc, t, regions, &month, out, &mut taken);
                typography::date_at(doc, t, regions, &cal, out, &mut taken);
                typography::clock_at(doc, t, regions, out, &mut taken);
            }
        }
        // a day or month name inside an outlet's name (`Welt am Sonntag`, `Le Journal du
        // Dimanche`) is the name: the story's outlet mentions are read only for a candidate
        let outlets = std::cell::OnceCell::new();
        let in_outlet = |span: Span| {
            outlets
                .get_or_init(|| doc.analysis::<Attributions>(cx.lexicons).outlets.iter().map(|o| o.span).collect::<Vec<Span>>())
                .iter()
                .any(|o| o.contains(span))
        };
        names(doc, &cal, copy, out, &taken, in_outlet);
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Unit {
    Month,
    Day,
}

#[derive(Debug, Clone, Copy)]
struct Name {
    lang: &'static str,
    unit: Unit,
    n: u8,
}

/// Month and day names of every language, from `calendar` lexicons.
pub struct Calendar {
    langs: Vec<&'static str>,
    /// Lower-case full form -> meanings (abbreviations excluded).
    names: HashMap<String, Vec<Name>>,
    /// Lower-case forms of every style, per language: a form equal to one of the copy
    /// language's own is never foreign.
    all_forms: HashMap<&'static str, std::collections::HashSet<String>>,
    /// The one full form of a month/day in a language, when there is exactly one.
    canonical: HashMap<(&'static str, Unit, u8), Option<String>>,
    /// Per copy language: lower-case forms that need a date context; `true` when a
    /// preposition ("until Juli") is not context enough (places: Mayo, Santo Domingo).
    homographs: HashMap<&'static str, HashMap<String, bool>>,
    max_len: usize,
    /// The shapes of the ASCII keys of `names` (#16): by byte length and first letter, a bit per
    /// last letter ([`shape_class`]). An ASCII word whose lower-case shape has no bit is no name,
    /// and is neither lower-cased nor looked up.
    ascii_shapes: Vec<[u32; SHAPE_CLASSES]>,
    /// The months and era marks of other calendars (`calendar-other`).
    other: calendars::OtherCalendars,
}

/// Classes of a key's first and last byte in [`Calendar::ascii_shapes`]: `a`-`z`, and any other.
const SHAPE_CLASSES: usize = 27;

fn shape_class(b: u8) -> usize {
    if b.is_ascii_lowercase() { usize::from(b - b'a') } else { SHAPE_CLASSES - 1 }
}

/// [`shape_class`] of each byte's ASCII lower case, by byte: the name scan asks it of the first
/// and last byte of most words (#16: a look-up, not a lower-casing and two range tests).
const FOLDED_SHAPE: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        let low = (b as u8).to_ascii_lowercase();
        t[b] = if low.is_ascii_lowercase() { low - b'a' } else { (SHAPE_CLASSES - 1) as u8 };
        b += 1;
    }
    t
};

impl LexiconIndex for Calendar {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut cal = Calendar {
            langs: Vec::new(),
            names: HashMap::default(),
            all_forms: HashMap::default(),
            canonical: HashMap::default(),
            homographs: HashMap::default(),
            max_len: 0,
            ascii_shapes: Vec::new(),
            other: calendars::OtherCalendars::build(lexicons)?,
        };
        for file in lexicons.of_kind("calendar") {
            let (fc, uc, nc) = (file.require("form")?, file.require("unit")?, file.require("n")?);
            let sc = file.column("style");
            let lang = language::intern(&file.lang);
            if !cal.langs.contains(&lang) {
                cal.langs.push(lang);
            }
            for row in &file.rows {
                let form = row.get(fc);
                let unit = match row.get(uc) {
                    "month" => Unit::Month,
                    "day" => Unit::Day,
                    other => {
                        return Err(file.error(row, format!("unit must be `month` or `day`, not `{other}`")));
                    }
                };
                let n: u8 = row
                    .get(nc)
                    .parse()
                    .ok()
                    .filter(|&n| n >= 1 && n <= if unit == Unit::Month { 12 } else { 7 })
                    .ok_or_else(|| file.error(row, format!("bad number `{}`", row.get(nc))))?;
                let style = sc.map(|c| row.get(c)).unwrap_or("wide");
                let low = form.to_lowercase();
                cal.all_forms.entry(lang).or_default().insert(low.clone());
                if style == "abbr" {
                    continue;
                }
                if style == "wide" {
                    let slot = cal.canonical.entry((lang, unit, n)).or_insert_with(|| Some(form.to_string()));
                    if slot.as_deref().is_some_and(|f| f.to_lowercase() != low) {
                        *slot = None;
                    }
                }
                cal.max_len = cal.max_len.max(low.len());
                cal.names.entry(low).or_default().push(Name { lang, unit, n });
            }
        }
        cal.ascii_shapes = vec![[0; SHAPE_CLASSES]; cal.max_len + 1];
        for k in cal.names.keys().filter(|k| k.is_ascii() && !k.is_empty()) {
            let b = k.as_bytes();
            cal.ascii_shapes[b.len()][shape_class(b[0])] |= 1 << shape_class(b[b.len() - 1]);
        }
        for file in lexicons.of_kind("calendar-homographs") {
            let fc = file.require("form")?;
            let kc = file.column("kind");
            let lang = language::intern(&file.lang);
            let set = cal.homographs.entry(lang).or_default();
            for row in &file.rows {
                let strict = kc.is_some_and(|k| row.get(k) == "place");
                set.insert(row.get(fc).to_lowercase(), strict);
            }
        }
        Ok(cal)
    }
}

impl Calendar {
    /// Can the ASCII lower case of this ASCII word be a key of `names`? `false` only when it is not.
    fn may_name_ascii(&self, word: &[u8]) -> bool {
        let (Some(&first), Some(&last)) = (word.first(), word.last()) else { return false };
        self.ascii_shapes
            .get(word.len())
            .is_some_and(|s| s[usize::from(FOLDED_SHAPE[usize::from(first)])] & (1 << FOLDED_SHAPE[usize::from(last)]) != 0)
    }

    /// Foreign meanings of a token in copy of `copy`, if it is a month or day name of another language only.
    fn foreign(&self, low: &str, copy: &str) -> Option<&[Name]> {
        let names = self.names.get(low)?;
        if self.all_forms.get(copy).is_some_and(|s| s.contains(low)) {
            return None;
        }
        Some(names)
    }

    fn canonical(&self, lang: &'static str, unit: Unit, n: u8) -> Option<&str> {
        self.canonical.get(&(lang, unit, n)).and_then(|c| c.as_deref())
    }

    /// The copy language's form for a name, when every meaning agrees.
    fn suggestion(&self, names: &[Name], copy: &'static str) -> Option<(Unit, u8, String)> {
        let (unit, n) = (names[0].unit, names[0].n);
        if names.iter().any(|x| x.unit != unit || x.n != n) {
            return None;
        }
        self.canonical(copy, unit, n).map(|f| (unit, n, f.to_string()))
    }
}

/// `Selasa (4/3/2025)`, `Thursday (19/2)`, `(19/2)`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\((\d{1,2})/(\d{1,2})(?:/(\d{4}|\d{2}))?\)").expect("valid regex"));

/// `12.09.2025`, `08.10.18`, `07-08.10.18`: day first, dotted (Turkish, German, Russian copy).
static DOTTED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?:(\d{1,2})[-–])?(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})").expect("valid regex"));
/// `28/02/2024`: day (or month) first with slashes and a four-digit year, outside parentheses.
static SLASHED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d{1,2})/(\d{1,2})/((?:19|20)\d{2})").expect("valid regex"));

/// `17-02-2021`: [`SLASHED`] with hyphens (Arabic, Malay and South Asian sites' date fields);
/// ASCII digits, the only ones a day, month or year is read from.
static DASHED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"([0-9]{1,2})-([0-9]{1,2})-((?:19|20)[0-9]{2})").expect("valid regex"));

/// Slashed dates of a story that has a slash between digits (the regex never runs on one without),
/// then dashed ones ([`dashed_dates`]).
fn slashed_dates(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let slashed = digit_slash_digit(text).then(|| SLASHED.captures_iter(text)).into_iter().flatten();
    slashed.chain(dashed_dates(text))
}

/// [`DASHED`] dates that no other hyphen or dash is glued to (`1-17-02-2021` is no date). Every
/// match ends in a year after a hyphen (`-19NN`, `-20NN`) that follows a digit, and starts at
/// most five bytes before that hyphen: the expression runs on those ten bytes only, found by
/// `memchr` (#16: most stories hold a hyphen between figures, a score or a range, and few a
/// dashed date; over the whole story the expression cost 3 M per 1.2 MB). A test holds it equal
/// to the whole-story search.
fn dashed_dates(text: &str) -> impl Iterator<Item = regex::Captures<'_>> {
    let b = text.as_bytes();
    let mut last_end = 0;
    memchr::memchr_iter(b'-', b)
        .filter_map(move |i| {
            let year = b.get(i + 1..i + 5)?;
            if i == 0 || !b[i - 1].is_ascii_digit() || !(year.starts_with(b"19") || year.starts_with(b"20")) {
                return None;
            }
            if !year[2..].iter().all(u8::is_ascii_digit) {
                return None;
            }
            // (the year's bytes are ASCII, so `i + 5` is a char boundary; the start may not be)
            let mut start = i.saturating_sub(5).max(last_end);
            while !text.is_char_boundary(start) {
                start += 1;
            }
            let m = DASHED.captures_at(&text[..i + 5], start)?;
            last_end = m.get(0)?.end();
            Some(m)
        })
        .filter(|m| not_dash_glued(text, m))
}

/// Is a dashed match free of another hyphen or dash glued to either end?
fn not_dash_glued(text: &str, m: &regex::Captures<'_>) -> bool {
    let all = m.get(0).expect("match");
    !text[..all.start()].ends_with(['-', '–']) && !text[all.end()..].starts_with(['-', '–'])
}

/// Is there a `/` between two ASCII digits? Every match of [`NUMERIC`], [`SLASHED`] and
/// [`YEAR_FIRST`] holds one: without, they are neither compiled nor run (#16).
fn digit_slash_digit(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'/', b).any(|i| i > 0 && b[i - 1].is_ascii_digit() && b.get(i + 1).is_some_and(u8::is_ascii_digit))
}

/// Is there `digit.digit.digit` or `digit.digitdigit.digit`? Every match of [`DOTTED`] holds one:
/// without, it is neither compiled nor run (#16).
fn digit_dot_digits_dot_digit(text: &str) -> bool {
    let b = text.as_bytes();
    let digit = |i: usize| b.get(i).is_some_and(u8::is_ascii_digit);
    memchr::memchr_iter(b'.', b).any(|i| {
        i > 0 && digit(i - 1) && digit(i + 1) && {
            // the second dot after one or two digits (after two when the second is one), and a
            // digit after it
            let j = if digit(i + 2) { i + 3 } else { i + 2 };
            b.get(j) == Some(&b'.') && digit(j + 1)
        }
    })
}

/// `2017/03/13`: year first with slashes (Chinese, Japanese, Korean, Persian copy).
static YEAR_FIRST: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})/(\d{1,2})/(\d{1,2})").expect("valid regex"));
/// `2022.08.08`: year first with dots (Chinese and Korean sites' date fields).
static YEAR_FIRST_DOTTED: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"((?:19|20)\d{2})\.(\d{1,2})\.(\d{1,2})").expect("valid regex"));

/// A figure stands alone at `start..end`: no digit, dot or slash glued to either side (so a
/// version `2.1.10.4`, an address or a longer number is not read as a date).
fn stands_alone(text: &str, start: usize, end: usize) -> bool {
    let glued = |c: char| c.is_ascii_digit() || c == '.' || c == '/';
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let after_dot_digit = text[end..].strip_prefix('.').is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()));
    !before.is_some_and(glued) && !after.is_some_and(|c| c.is_ascii_digit() || c == '/') && !after_dot_digit
}

/// The word right before `start` (past spaces and a comma), when it is a day name of some
/// language: its start, the word, its lower-case form and the name.
fn day_name_before<'d>(doc: &'d Document, cal: &Calendar, start: usize) -> (usize, &'d str, String, Option<Name>) {
    let before = &doc.text[..start];
    let trimmed = before.trim_end_matches([' ', '\u{a0}', ',']);
    let word_start =
        trimmed.rfind(|c: char| !c.is_alphabetic()).map(|i| i + trimmed[i..].chars().next().map_or(1, char::len_utf8)).unwrap_or(0);
    let word = &trimmed[word_start..];
    let low = word.to_lowercase();
    let day_name = cal.names.get(&low).and_then(|v| v.iter().find(|x| x.unit == Unit::Day).copied());
    (word_start, word, low, day_name)
}

/// Numeric dates in a source's order without parentheses: dotted day-first, year-first, and
/// slashed day-first with a year when the day cannot be a month (`28/02/2024`, `Saturday
/// 28/08/2021`), in `body`: the headline or the story's body.
fn other_numeric_dates(doc: &Document, body: Span, cal: &Calendar, copy: &'static str, out: &mut Output, taken: &mut Vec<Span>) {
    let text = &doc.text[body.start..body.end];
    let mut found: Vec<(usize, usize, String, &str, Confidence)> = Vec::new();
    let dotted = digit_dot_digits_dot_digit(text);
    for m in dotted.then(|| DOTTED.captures_iter(text)).into_iter().flatten() {
        let all = m.get(0).expect("match");
        if !stands_alone(text, all.start(), all.end()) {
            continue;
        }
        let first: Option<u8> = m.get(1).and_then(|d| d.as_str().parse().ok());
        let day: u8 = m[2].parse().unwrap_or(0);
        let month: u8 = m[3].parse().unwrap_or(0);
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) || first.is_some_and(|f| f == 0 || f >= day) {
            continue;
        }
        let y = &m[4];
        let year = if y.len() == 2 { format!("20{y}") } else { y.to_string() };
        let month_name = cal.canonical(copy, Unit::Month, month).unwrap_or("?");
        let days = first.map_or(day.to_string(), |f| format!("{f}-{day}"));
        let confidence = if y.len() == 4 { Confidence::High } else { Confidence::Medium };
        found.push((all.start(), all.end(), format!("{month_name} {days}, {year}"), "a day-first dotted date", confidence));
    }
    // every match holds a slash (see `numeric_dates`), or two dots between digits
    let year_first = digit_slash_digit(text).then(|| YEAR_FIRST.captures_iter(text));
    let year_first_dotted = dotted.then(|| YEAR_FIRST_DOTTED.captures_iter(text));
    for m in year_first.into_iter().flatten().chain(year_first_dotted.into_iter().flatten()) {
        let all = m.get(0).expect("match");
        if !stands_alone(text, all.start(), all.end()) {
            continue;
        }
        let month: u8 = m[2].parse().unwrap_or(0);
        let day: u8 = m[3].parse().unwrap_or(0);
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            continue;
        }
        let month_name = cal.canonical(copy, Unit::Month, month).unwrap_or("?");
        found.push((all.start(), all.end(), format!("{month_name} {day}, {}", &m[1]), "a year-first numeric date", Confidence::Medium));
    }
    for m in slashed_dates(text) {
        let all = m.get(0).expect("match");
        if !stands_alone(text, all.start(), all.end()) || text[..all.start()].ends_with('(') {
            continue;
        }
        let day: u8 = m[1].parse().unwrap_or(0);
        let month: u8 = m[2].parse().unwrap_or(0);
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
            continue;
        }
        let (word_start, word, _, day_name) = day_name_before(doc, cal, body.start + all.start());
        // `04/09/2021` is April 9 in US copy (AP's `Wednesday, 5/8/2024`): only a day that
        // cannot be a month tells the order, or a day name that fits the day-first date alone
        // (`Saturday 04/09/2021`: September 4, 2021 was a Saturday, April 9 a Friday)
        if day <= 12 {
            let year: i32 = m[3].parse().unwrap_or(0);
            let named = day_name.map(|d| d.n);
            let fits = |month: u8, day: u8| named.is_some_and(|n| iso_weekday(year, month, day) == n);
            if day == month || !fits(month, day) || fits(day, month) {
                continue;
            }
        }
        let Some(month_name) = cal.canonical(copy, Unit::Month, month) else { continue };
        let date = format!("{month_name} {day}, {}", &m[3]);
        match day_name {
            // `Saturday 28/08/2021`
            Some(d) => {
                let dn = cal.canonical(copy, Unit::Day, d.n).unwrap_or(word);
                let from = word_start - body.start;
                found.push((from, all.end(), format!("{dn}, {date}"), "a day name followed by a day-first numeric date", Confidence::High));
            }
            // `28/02/2024`; a US `02/28/2024` is month first and English
            None => found.push((all.start(), all.end(), date, "a day-first numeric date", Confidence::Medium)),
        }
    }
    for (start, end, replacement, what, confidence) in found {
        let span = Span::new(body.start + start, body.start + end);
        if !taken.iter().any(|t| t.overlaps(span)) {
            push_source_date(doc, span, confidence, what, replacement, out, taken);
        }
    }
}

/// The ISO weekday (Monday 1 to Sunday 7) of a date of the Gregorian calendar (Sakamoto's
/// method).
fn iso_weekday(year: i32, month: u8, day: u8) -> u8 {
    const T: [i32; 12] = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4];
    let y = if month < 3 { year - 1 } else { year };
    let sunday_first = (y + y / 4 - y / 100 + y / 400 + T[usize::from(month - 1)] + i32::from(day)).rem_euclid(7);
    if sunday_first == 0 { 7 } else { sunday_first as u8 }
}

/// `Sunday (15)`, `Thursday (September 24)`, `today (26)`: a day name (or `today`,
/// `yesterday`, `tomorrow`) with its date in parentheses, as Portuguese, Spanish, Thai, Malay
/// and Indonesian copy writes it (`no domingo (15)`); English gives the date after a comma.
static DAY_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    let month = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    Regex::new(&format!(
        r"\b((?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|[Tt]oday|[Yy]esterday|[Tt]omorrow) \((?:(\d{{1,2}})|({month} \d{{1,2}})|(\d{{1,2}} {month}))\)"
    ))
    .expect("valid regex")
});

/// Day names with a parenthesised day number or month and day, in `body` (English copy): the
/// source's way of giving the date. `today (Monday)` (a native wire's aside) has no figure and
/// is left alone, as is `Tuesday (1200 GMT)`.
fn parenthesised_day_dates(doc: &Document, body: Span, out: &mut Output, taken: &mut Vec<Span>) {
    let text = &doc.text[body.start..body.end];
    // every match holds `day (` or `row (`: most stories never run the regex
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("y ("));
    let Some(first) = FINDER.find(text.as_bytes()) else { return };
    // (the start of the word before `y (`; the char before it may be `“`, three bytes)
    let from = text[..first].trim_end_matches(|c: char| c.is_ascii_alphabetic()).len();
    for m in DAY_PAREN.captures_iter(&text[from..]) {
        let all = m.get(0).expect("match");
        let span = Span::new(body.start + from + all.start(), body.start + from + all.end());
        if taken.iter().any(|t| t.overlaps(span)) {
            continue;
        }
        let day = &m[1];
        let replacement = if let Some(n) = m.get(2) {
            // a bare day number: the month is the reader's guess
            if !(1..=31).contains(&n.as_str().parse::<u8>().unwrap_or(0)) {
                continue;
            }
            None
        } else {
            let date = m.get(3).or(m.get(4)).expect("one date group").as_str();
            let n: u8 = date.split(' ').find_map(|w| w.parse().ok()).unwrap_or(0);
            if !(1..=31).contains(&n) {
                continue;
            }
            Some(format!("{day}, {date}"))
        };
        let msg = match &replacement {
            Some(r) => format!(
                "`{}` is the source's date style (the date in parentheses after the day), not English: write `{r}`",
                doc.slice(span)
            ),
            None => format!(
                "`{}` is the source's date style (a day number in parentheses after the day): give the month, as `{day}, <month> {}`",
                doc.slice(span),
                &m[2]
            ),
        };
        taken.push(span);
        // a bare day number is the source's alone; `Tuesday (Jan 19)` is also the house style of
        // some English dailies (Malaysia's) and of older wire copy: weak evidence
        let confidence = if replacement.is_some() { Confidence::Low } else { Confidence::Medium };
        let finding = Finding::new(&META, span, confidence, msg);
        out.push(match replacement {
            Some(r) => finding.replace_with(r, Applicability::Unsafe),
            None => finding,
        });
    }
}

/// `on the 25th`, `on the afternoon of the 5th`, `since the 3rd,`: a day of the month with no
/// month, as Korean, Chinese and Japanese copy gives it (`25일`, `5日`: the month is the
/// dateline's). The ordinal must be followed by punctuation or a function word, so `the 25th
/// anniversary`, `the 18th-century` and `the 77th (extraordinary) meeting` are not dates. The
/// finding ends at the ordinal (group `ordinal`; its number is group `day`).
static ORDINAL_DAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)(?-u:\b)(?:[Oo]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Bb]efore|[Aa]fter|of)\ the\ (?:(?:morning|afternoon|evening|night)\ of\ the\ )?
          (?P<ordinal>(?P<day>[1-9]|[12][0-9]|3[01])(?:st|nd|rd|th))
          (?:[,.;:)]|\s+(?:that|and|or|but|when|while|at|in|on|to|with|for|as|amid|saying|local\s+time|this|last|next|during|from|through|under|over|via|by|into)(?-u:\b))",
    )
    .expect("valid regex")
});

/// `1440H`, `1438 AH`, `7-4-1437`: a year of the Hijri calendar (1300 to 1499 AH, 1882 to
/// 2076 AD) marked as one, or a numeric day-month-year date in such a year (no Gregorian date
/// of modern news is in the 15th century), as Saudi, Gulf and Jordanian agency copy gives it.
static HIJRI: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?-u:\b)(?:1[34][0-9]{2}\x20?(?:(?:H|AH)(?-u:\b)|A\.H\.)|(?:[0-2]?[0-9]|3[01])[-/](?:0?[1-9]|1[0-2])[-/]14[0-9]{2}(?-u:\b))",
    )
    .expect("valid regex")
});

/// Hijri years and dates ([`HIJRI`]) in `body` (English copy).
fn hijri_dates(doc: &Document, body: Span, out: &mut Output, taken: &mut Vec<Span>) {
    let text = &doc.text[body.start..body.end];
    // every match holds `13` or `14` before two more digits: most stories have no `H` after one
    let bytes = text.as_bytes();
    // (the searchers built once, #16: a searcher's set-up costs more than a story's search)
    static FOURTEEN: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("14"));
    static THIRTEEN: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("13"));
    let may = FOURTEEN.find_iter(bytes).chain(THIRTEEN.find_iter(bytes)).any(|i| {
        let after = &bytes[(i + 4).min(bytes.len())..];
        let after = after.strip_prefix(b" ").unwrap_or(after);
        after.starts_with(b"H") || after.starts_with(b"AH") || after.starts_with(b"A.H.") || i > 0 && matches!(bytes[i - 1], b'-' | b'/')
    });
    if !may {
        return;
    }
    for m in HIJRI.find_iter(text) {
        let span = Span::new(body.start + m.start(), body.start + m.end());
        // `H` glued to a longer figure or word (`1440Hz`) is not the calendar's mark
        if taken.iter().any(|t| t.overlaps(span)) || text[m.end()..].starts_with(|c: char| c.is_alphanumeric()) {
            continue;
        }
        let msg = format!(
            "`{}` is a date of the Hijri calendar left unconverted: give the Gregorian date (with the Hijri one after it, if it matters)",
            doc.slice(span)
        );
        push_medium(span, msg, out, taken);
    }
}

/// `April 25`, `25 April`, `Apr. 25`: a day of the month written with its month (group 1 or 2
/// is the day).
static MONTH_DAY: LazyLock<Regex> = LazyLock::new(|| {
    let months = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?";
    Regex::new(&format!(r"(?-u:\b){months} ([0-9]{{1,2}})(?-u:\b)|(?-u:\b)([0-9]{{1,2}}) {months}")).expect("valid regex")
});

/// The days of the month the story writes with a month name ([`MONTH_DAY`]), as bits 1 to 31:
/// one pass over the story, made only when it has an ordinal day to test.
fn days_with_month(text: &str) -> u32 {
    MONTH_DAY
        .captures_iter(text)
        .filter_map(|c| c.get(1).or(c.get(2))?.as_str().parse::<u32>().ok())
        .filter(|d| (1..=31).contains(d))
        .fold(0, |bits, d| bits | 1 << d)
}

/// Does the story give the month of the ordinal `day` (at `at` in `text`) after all: the same
/// day with a month name somewhere in the story (`... on April 25. ... after the 25th`; `days`
/// is [`days_with_month`]), or `month` near it (`payments fall on the 20th and 25th of each month`;
/// 200 bytes either side, so a story with no line breaks costs no more)?
fn month_given(text: &str, at: usize, day: u32, days: u32) -> bool {
    // (bytes: `month` is ASCII, and the window's ends need not be char boundaries)
    let near = &text.as_bytes()[at.saturating_sub(200)..(at + 200).min(text.len())];
    static MONTH: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("month"));
    days & 1 << day.min(31) != 0 || MONTH.find(near).is_some()
}

/// Days of the month given with no month ([`ORDINAL_DAY`]) in `body` (English copy). A golf
/// story's holes (`a bogey on the 17th and`) are left alone.
fn ordinal_days(doc: &Document, body: Span, out: &mut Output, taken: &mut Vec<Span>) {
    let text = &doc.text[body.start..body.end];
    // every match holds `the ` and a digit straight after it: most stories have none
    static FINDER: LazyLock<memchr::memmem::Finder<'static>> = LazyLock::new(|| memchr::memmem::Finder::new("the "));
    let Some(first) = FINDER.find_iter(text.as_bytes()).find(|&i| text.as_bytes().get(i + 4).is_some_and(u8::is_ascii_digit)) else {
        return;
    };
    let from = text[..first].rfind(['.', '\n']).map_or(0, |i| i + 1);
    if ["birdie", "bogey", " hole"].iter().any(|w| text.contains(w)) {
        return;
    }
    let days = std::cell::OnceCell::new();
    for c in ORDINAL_DAY.captures_iter(&text[from..]) {
        let (all, ordinal) = (c.get(0).expect("match"), c.name("ordinal").expect("ordinal group"));
        // the finding ends at the ordinal: what follows it is context
        let span = Span::new(body.start + from + all.start(), body.start + from + ordinal.end());
        let day: u32 = c["day"].parse().expect("one or two digits");
        if taken.iter().any(|t| t.overlaps(span)) || month_given(text, from + all.start(), day, *days.get_or_init(|| days_with_month(text)))
        {
            continue;
        }
        let msg = format!(
            "`{}` gives a day of the month with no month, as Korean, Chinese and Japanese copy does (`25일`, `5日`): name the day, or give the month (`on May 25`)",
            doc.slice(span)
        );
        push_medium(span, msg, out, taken);
    }
}

/// Reports `span` at medium confidence with no fix, and marks it taken.
fn push_medium(span: Span, msg: String, out: &mut Output, taken: &mut Vec<Span>) {
    taken.push(span);
    out.push(Finding::new(&META, span, Confidence::Medium, msg));
}

/// Reports a numeric date in the source's order, with the month written as a word as the fix.
fn push_source_date(
    doc: &Document,
    span: Span,
    confidence: Confidence,
    what: &str,
    replacement: String,
    out: &mut Output,
    taken: &mut Vec<Span>,
) {
    let msg = format!("`{}` is the source's date style ({what}), not English: write the month as a word, `{replacement}`", doc.slice(span));
    taken.push(span);
    out.push(Finding::new(&META, span, confidence, msg).replace_with(replacement, Applicability::Unsafe));
}

/// Slashed numeric dates in the source's order, in `body`: the headline or the story's body.
fn numeric_dates(doc: &Document, body: Span, cal: &Calendar, copy: &'static str, out: &mut Output, taken: &mut Vec<Span>) {
    let text = &doc.text[body.start..body.end];
    // every match holds a slash between digits: a story without one never compiles or runs the regex
    if !digit_slash_digit(text) {
        return;
    }
    for m in NUMERIC.captures_iter(text) {
        let all = m.get(0).expect("match");
        let mut day: u8 = m[1].parse().unwrap_or(0);
        let mut month: u8 = m[2].parse().unwrap_or(0);
        // `Thursday (6/19/2025)`, `Saturday (6/21)`: month first (the second figure cannot be a
        // month), taken only after a day name
        let month_first = (13..=31).contains(&month) && (1..=12).contains(&day);
        if month_first {
            (day, month) = (month, day);
        }
        let year = m.get(3).map(|y| y.as_str());
        if !(1..=31).contains(&day) || !(1..=12).contains(&month) {
            continue;
        }
        let start = body.start + all.start();
        let end = body.start + all.end();
        // a day name right before: `Selasa (4/3/2025)`, `Thursday (19/2)`
        let (word_start, word, low, day_name) = day_name_before(doc, cal, start);
        if month_first && day_name.is_none() {
            continue;
        }
        if day_name.is_none() && day <= 12 && year.is_none() {
            // `(4/3)` alone could be anything; `(19/2)` can only be a day-first date
            continue;
        }
        let span = if day_name.is_some() { Span::new(word_start, end) } else { Span::new(start, end) };
        let month_name = cal.canonical(copy, Unit::Month, month).unwrap_or("?").to_string();
        let mut date = format!("{month_name} {day}");
        if let Some(y) = year {
            let y = if y.len() == 2 { format!("20{y}") } else { y.to_string() };
            date = format!("{date}, {y}");
        }
        let (replacement, what) = match day_name {
            Some(d) => {
                let dn = cal.canonical(copy, Unit::Day, d.n).unwrap_or(word).to_string();
                let source = if cal.all_forms.get(copy).is_some_and(|s| s.contains(&low)) {
                    String::new()
                } else {
                    format!(" ({} day name)", language::name_of(d.lang))
                };
                let order = if month_first { "month-first" } else { "day-first" };
                (format!("{dn}, {date}"), format!("a day name{source} followed by a {order} numeric date in parentheses"))
            }
            None => (format!("({date})"), "a day-first numeric date in parentheses".to_string()),
        };
        let confidence = if day_name.is_some() || year.is_some() { Confidence::High } else { Confidence::Medium };
        push_source_date(doc, span, confidence, &what, replacement, out, taken);
    }
}

fn names(doc: &Document, cal: &Calendar, copy: &'static str, out: &mut Output, taken: &[Span], in_outlet: impl Fn(Span) -> bool) {
    let toks = &doc.tokens;
    let homographs = cal.homographs.get(copy);
    let copy_script = language::script_of_lang(copy);
    let taken = crate::span::SpanSet::new(taken.iter().copied());
    let mut low = String::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || t.span.len() < 3 || t.span.len() > cal.max_len * 2 || t.script == Script::Han {
            continue;
        }
        // the ASCII words no name has the shape of, first (#16); a token of ASCII letters and
        // digits (most words) is ASCII without a scan of its bytes, or a slice of the text
        if t.is_ascii_alnum() && !cal.may_name_ascii(&doc.text.as_bytes()[t.span.start..t.span.end]) {
            continue;
        }
        let word = doc.slice(t.span);
        let ascii = t.is_ascii_alnum() || word.is_ascii();
        if ascii && !cal.may_name_ascii(word.as_bytes()) {
            continue;
        }
        if taken.overlaps(t.span) || doc.section_of(t.span) == Section::Dateline {
            continue;
        }
        // str::to_lowercase, in a buffer reused across words (ASCII lowered in place)
        low.clear();
        if ascii {
            low.push_str(word);
            low.make_ascii_lowercase();
        } else {
            low.push_str(&word.to_lowercase());
        }
        let Some(names) = cal.foreign(&low, copy) else {
            continue;
        };
        let homograph = homographs.and_then(|h| h.get(&low));
        let context = date_context(doc, i)
            || homograph != Some(&true) && preposition_context(doc, i, copy, names.iter().all(|x| x.unit == Unit::Day));
        // in other copy languages foreign names (Sunday, Janeiro, segunda) are too often names,
        // titles or words of the copy language: they need a date context
        let needs_context = copy != "en" || homograph.is_some() || t.script != copy_script;
        if needs_context && !context {
            continue;
        }
        if !context && (in_name(doc, i) || in_parens(doc, i)) {
            // `Universitas Sabtu Kelabu`, a gloss `(Jumat)`
            continue;
        }
        if in_outlet(t.span) {
            continue;
        }
        let langs: Vec<&str> = {
            let mut v: Vec<&str> = names.iter().map(|x| language::name_of(x.lang)).collect();
            v.dedup();
            v
        };
        let kind = if names.iter().all(|x| x.unit == Unit::Month) {
            "month"
        } else if names.iter().all(|x| x.unit == Unit::Day) {
            "day"
        } else {
            "month or day"
        };
        let copy_name = language::name_of(copy);
        let mut f = Finding::new(&META, t.span, if context { Confidence::High } else { Confidence::Medium }, String::new());
        let mut sugg = cal.suggestion(names, copy);
        // Chinese writes a date as `11月5日`: the month name alone (`5 十一月`) is no fix
        if copy == "zh"
            && let Some((Unit::Month, n, _)) = sugg
        {
            sugg = None;
            f.message =
                format!("`{word}` is the {} month name, left untranslated in Chinese copy; write the date as `{n}月…日`", langs.join("/"));
            out.push(f);
            continue;
        }
        f.message = match &sugg {
            Some((_, _, s)) => format!("`{word}` is the {} {kind} name; {copy_name} copy writes `{s}`", langs.join("/")),
            None => format!("`{word}` is the {} {kind} name, left untranslated in {copy_name} copy", langs.join("/")),
        };
        if let Some((_, _, s)) = sugg {
            let s = match_case(word, &s, copy);
            f = f.replace_with(s, Applicability::Unsafe);
        }
        out.push(f);
    }
}

/// Keeps the copy language's own capitalisation, but follows an all-caps original.
fn match_case(original: &str, replacement: &str, _copy: &str) -> String {
    if original.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase) && original.chars().count() > 1 {
        replacement.to_uppercase()
    } else {
        replacement.to_string()
    }
}

/// A day number or year next to the token (across `de`, `of`, commas), or a `(d/m)` after it.
fn date_context(doc: &Document, i: usize) -> bool {
    let toks = &doc.tokens;
    let is_num = |k: usize| {
        toks.get(k).is_some_and(|t| {
            t.kind == TokenKind::Number && {
                let s = doc.slice(t.span);
                s.parse::<u32>().is_ok_and(|n| (1..=31).contains(&n) || (1900..=2100).contains(&n))
            }
        })
    };
    let skippable = |k: usize| {
        toks.get(k).is_some_and(|t| {
            let s = doc.slice(t.span);
            matches!(s, "," | "de" | "del" | "of" | "du" | "le")
        })
    };
    // after: `Februari 2024`, `febrero de 2024`, `Kamis, 19 Februari`, `Kamis (19/2)`
    let mut k = i + 1;
    while k < toks.len() && k <= i + 2 && skippable(k) {
        k += 1;
    }
    if is_num(k) {
        return true;
    }
    if toks.get(i + 1).is_some_and(|t| doc.slice(t.span) == "(") && is_num(i + 2) {
        return true;
    }
    // before, German ordinal day: `15. Februar` (the dot touches the day number)
    if i >= 2
        && doc.slice(toks[i - 1].span) == "."
        && toks[i - 2].span.end == toks[i - 1].span.start
        && toks[i - 2].kind == TokenKind::Number
        && doc.slice(toks[i - 2].span).parse::<u32>().is_ok_and(|n| (1..=31).contains(&n))
    {
        return true;
    }
    // before: `19 Februari`, `19 de febrero`
    let mut k = i;
    while k > 0 && k + 2 >= i && skippable(k - 1) {
        k -= 1;
    }
    k > 0 && is_num(k - 1)
}

/// Words before a month or day name that make it a date in copy of a language: `until Juli`, `on Minggu`.
fn preposition_context(doc: &Document, i: usize, copy: &str, day: bool) -> bool {
    // (copy language, words before a month name, words before "of"/"de" + month name, words before a day name)
    type Preps = (&'static str, &'static [&'static str], &'static [&'static str], &'static [&'static str]);
    const PREPS: &[Preps] = &[
        (
            "en",
            &["in", "since", "until", "till", "early", "late", "mid", "last", "next", "through"],
            &["middle", "end", "start", "beginning"],
            &["on", "last", "next", "this", "every", "since", "until", "by"],
        ),
        ("id", &["pada", "bulan", "sejak", "hingga", "sampai", "awal", "akhir", "pertengahan", "medio"], &[], &["hari"]),
        ("es", &["desde", "hasta"], &["mediados", "principios", "finales"], &[]),
        ("pt", &["desde", "até"], &["meados", "início", "final"], &[]),
        ("fr", &["depuis", "jusqu'en", "mi"], &[], &[]),
        ("de", &["seit", "bis", "im", "Anfang", "Ende", "Mitte"], &[], &[]),
    ];
    let Some(&(_, months, months_of, days)) = PREPS.iter().find(|p| p.0 == copy) else { return false };
    if i == 0 {
        return false;
    }
    let toks = &doc.tokens;
    let prev = doc.slice(toks[i - 1].span).to_lowercase();
    let is = |list: &[&str], w: &str| list.iter().any(|x| x.eq_ignore_ascii_case(w) || x.to_lowercase() == w);
    if day {
        return is(days, &prev);
    }
    is(months, &prev) || matches!(prev.as_str(), "of" | "de") && i >= 2 && is(months_of, &doc.slice(toks[i - 2].span).to_lowercase())
}

/// Part of a run of capitalised words (not at sentence start): a name or title.
fn in_name(doc: &Document, i: usize) -> bool {
    let toks = &doc.tokens;
    let cap = |k: usize| toks.get(k).is_some_and(|t| t.is_word() && t.is_capitalised());
    let sentence_start = doc.sentence_at(toks[i].span.start).is_some_and(|s| s.tokens.0 == i);
    (i > 0 && cap(i - 1) && doc.sentence_at(toks[i - 1].span.start).is_none_or(|s| s.tokens.0 != i - 1)) || (cap(i + 1) && !sentence_start)
}

fn in_parens(doc: &Document, i: usize) -> bool {
    let toks = &doc.tokens;
    i > 0 && doc.slice(toks[i - 1].span) == "(" && toks.get(i + 1).is_some_and(|t| doc.slice(t.span) == ")")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags, run_lang};

    #[test]
    fn folded_shape_is_shape_class_of_the_lower_case() {
        for b in 0..=255u8 {
            assert_eq!(usize::from(FOLDED_SHAPE[usize::from(b)]), shape_class(b.to_ascii_lowercase()), "{b}");
        }
    }

    const R: DateFormat = DateFormat;

    #[test]
    fn flags_indonesian_names_in_english_copy() {
        assert_flags(
            &R,
            "The minister said the vote would take place on 28 Februari, weeks after talks held on Senin in Jakarta.",
            &["Februari", "Senin"],
        );
    }

    #[test]
    fn flags_source_style_dates() {
        assert_flags(
            &R,
            "The minister told reporters on Selasa (4/3/2025) that the talks had stalled. Aid arrived (19/2) at the border.",
            &["Selasa (4/3/2025)", "(19/2)"],
        );
        assert_fix(
            &R,
            "Police said on Kamis (19/2) that the suspect had fled.",
            "Police said on Thursday, February 19 that the suspect had fled.",
        );
    }

    #[test]
    fn flags_a_day_of_the_month_with_no_month() {
        assert_flags(
            &R,
            "The ministry announced on the 25th that it had sent a notice. On the afternoon of the 5th, the premier met delegates.",
            &["on the 25th", "On the afternoon of the 5th"],
        );
        assert_clean(
            &R,
            "The city marked the 25th anniversary of the treaty on the 12th floor of the hall, home to an 18th-century clock.",
        );
        assert_clean(&R, "She made a bogey on the 17th and a birdie on the 18th.");
        // the month is given: the same day with its month earlier, or `month` in the paragraph
        assert_clean(&R, "The deadline is April 25. Staff who do not comply after the 25th will be dismissed.");
        assert_clean(&R, "Payments now fall on the 20th and 25th of each month, the exchange said.");
    }

    #[test]
    fn flags_hijri_years_and_dates() {
        assert_flags(
            &R,
            "The fund, set up in 1417H, opened its office on 7-4-1437 and held its forum in 1438 AH. Its charter dates from 1401 A.H. (1981).",
            &["1417H", "7-4-1437", "1438 AH", "1401 A.H."],
        );
        assert_clean(&R, "The speaker hums at 1440Hz. The minister met 1400 delegates on 7-4-2016.");
    }

    #[test]
    fn day_date_after_an_opening_quote() {
        // the word before `y (` follows `“` (three bytes): it panicked on a char boundary
        assert_flags(&R, "“Today (12), I swore in the new governors,” the minister said.", &["Today (12)"]);
        assert_clean(&R, "“Today (yesterday), I swore in the new governors,” the minister said.");
    }

    #[test]
    fn no_month_name_suggestion_in_chinese_copy() {
        let text = "新华社上海10月15日电 记者从商务部获悉，第七届中国国际进口博览会将于5 November至10 November在上海国家会展中心举行。商务部有关负责人介绍了筹备情况。";
        let (doc, f) = run_lang(&DateFormat, text, Some("zh"));
        assert_eq!(f.iter().map(|f| doc.slice(f.span)).collect::<Vec<_>>(), ["November", "November"]);
        assert!(f.iter().all(|f| f.suggestion.is_none() && f.message.contains("11月")), "{:?}", f[0].message);
    }

    #[test]
    fn dashed_dates_in_windows_are_the_whole_story_search() {
        let mut texts = crate::document::test_texts();
        texts.extend(
            [
                "17-02-2021",
                "on 17-02-2021, and 3-4-2019.",
                "117-02-2021 and 1-17-02-2021-3",
                "01-02-2020-03-2021 then 5-6-2022",
                "é17-02-2021 ü1-2-1999",
                "scores 2-1, 2015-2016 and 1999-2000-2001",
                "7-8-20211 x 12-12-1999x",
                "١٧-٠٢-2021 and 9-9-2009",
            ]
            .map(String::from),
        );
        for text in &texts {
            let whole: Vec<(usize, usize)> = DASHED
                .captures_iter(text)
                .filter(|m| not_dash_glued(text, m))
                .map(|m| m.get(0).unwrap())
                .filter(|m| stands_alone(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect();
            let windows: Vec<(usize, usize)> = dashed_dates(text)
                .map(|m| m.get(0).unwrap())
                .filter(|m| stands_alone(text, m.start(), m.end()))
                .map(|m| (m.start(), m.end()))
                .collect();
            assert_eq!(windows, whole, "{text}");
        }
    }

    #[test]
    fn flags_dotted_and_year_first_dates_in_english_copy() {
        assert_flags(
            &R,
            "The paper (07-08.10.18) and the decree of 12.09.2025 cited the rally of 2017/03/13 in the capital.",
            &["07-08.10.18", "12.09.2025", "2017/03/13"],
        );
        assert_fix(&R, "The decree of 12.09.2025 was cited.", "The decree of September 12, 2025 was cited.");
        // versions, addresses, ratios and figures are not dates
        assert_clean(&R, "Version 2.1.10.4 runs on 10.0.0.1 and scored 3.5.2 in the 2024/25 season, up 1.2.3 points.");
    }

    #[test]
    fn suggests_english_month() {
        assert_fix(
            &R,
            "The ceasefire began on 19 Februari and held for a week.",
            "The ceasefire began on 19 February and held for a week.",
        );
    }

    #[test]
    fn homographs_need_a_date_context() {
        assert_clean(
            &R,
            "Doctors at the Mayo Clinic said Julio Domingo, a farmer from County Mayo, watched Mars rise over Santo Domingo during Mardi Gras.",
        );
        assert_flags(&R, "The election was held on 14 Mei and the results came in Juli 2024.", &["Mei", "Juli"]);
        assert_flags(&R, "The fair will run until the middle of Juli, organisers said.", &["Juli"]);
        assert_clean(&R, "The fair was held in Mayo and in Santo Domingo, organisers said.");
    }

    #[test]
    fn ignores_english_forms_and_fractions() {
        assert_clean(&R, "On April 3 and September 9 the board met; about 3/4 of members (3/4) voted, and (1/2) abstained.");
    }

    #[test]
    fn ignores_indonesian_copy_with_indonesian_dates() {
        let (_, f) = run_lang(
            &R,
            "Menteri Luar Negeri mengatakan pada Kamis (19/2/2024) bahwa perundingan akan dilanjutkan pada 28 Februari di Kairo.",
            None,
        );
        assert!(f.is_empty(), "{:?}", f.iter().map(|f| &f.message).collect::<Vec<_>>());
    }

    #[test]
    fn flags_english_month_in_indonesian_copy() {
        let (doc, f) = run_lang(
            &R,
            "Menteri Luar Negeri mengatakan bahwa perundingan akan dilanjutkan pada 28 February di Kairo, kata pejabat itu kepada wartawan.",
            None,
        );
        assert_eq!(doc.language, Some("id"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].suggestion.as_ref().unwrap().replacement, "Februari");
    }

    #[test]
    fn flags_english_month_after_german_ordinal_day() {
        let (doc, f) = run_lang(
            &R,
            "Die Regierung teilte am Montag mit, dass die Gespräche am 15. February in Genf fortgesetzt werden sollen.",
            Some("de"),
        );
        assert_eq!(f.len(), 1, "{:?}", f.iter().map(|f| &f.message).collect::<Vec<_>>());
        assert_eq!(doc.slice(f[0].span), "February");
    }

    #[test]
    fn the_byte_gates_pass_every_text_the_patterns_match() {
        let mut texts = crate::document::test_texts();
        // figures run together with dots, slashes, dashes and parentheses
        // pieces between `|`
        const PIECES: &str = "1|12|123|2024|19|20|0|.|/|-|–|(|)| |a|é|3.5|19/2|(4/3|28/02/|2017/|07-08.10.";
        let pieces: Vec<&str> = PIECES.split('|').collect();
        let mut rng = crate::document::TestRng::new();
        for _ in 0..30_000 {
            let state = rng.next_u64();
            let n = 1 + (state % 12) as usize;
            texts.push((0..n).map(|k| pieces[(state >> (5 * k)) as usize % pieces.len()]).collect());
        }
        let (mut slashed, mut dotted) = (0, 0);
        for t in &texts {
            let slash = NUMERIC.is_match(t) || SLASHED.is_match(t) || YEAR_FIRST.is_match(t);
            slashed += usize::from(slash);
            assert!(!slash || digit_slash_digit(t), "{t:?}");
            let dot = DOTTED.is_match(t);
            dotted += usize::from(dot);
            assert!(!dot || digit_dot_digits_dot_digit(t), "{t:?}");
        }
        assert!(slashed > 100 && dotted > 100, "{slashed} {dotted}");
    }

    #[test]
    fn the_shape_filter_passes_every_name() {
        let cal = Lexicons::embedded().index::<Calendar>().unwrap();
        for k in cal.names.keys().filter(|k| k.is_ascii()) {
            for w in [k.clone(), k.to_ascii_uppercase(), k[..1].to_ascii_uppercase() + &k[1..]] {
                assert!(cal.may_name_ascii(w.as_bytes()), "{w:?}");
            }
        }
        assert!(!cal.may_name_ascii(b"zzzzzz") && !cal.may_name_ascii(b""));
    }

    #[test]
    fn iso_weekdays() {
        // September 4, 2021 was a Saturday, April 9, 2021 a Friday, December 2, 2017 a Saturday,
        // February 29, 2024 a Thursday, January 1, 2023 a Sunday
        assert_eq!(iso_weekday(2021, 9, 4), 6);
        assert_eq!(iso_weekday(2021, 4, 9), 5);
        assert_eq!(iso_weekday(2017, 12, 2), 6);
        assert_eq!(iso_weekday(2024, 2, 29), 4);
        assert_eq!(iso_weekday(2023, 1, 1), 7);
    }

    #[test]
    fn flags_spanish_month_in_english_copy() {
        assert_flags(&R, "The accord was signed on 19 de febrero in Bogota.", &["febrero"]);
    }
}
