//! `wirelint report`: an audit of a corpus, per source, language and date, as one self-contained
//! HTML page with SVG charts ([`html`]) or as Markdown ([`markdown`]).
//!
//! The report is built from streamed counts: every story, checked now or read back from a saved
//! `--format jsonl` run, goes through [`Audit::add`] once and is dropped. What the audit keeps
//! is bounded whatever the corpus size: counts per source (at most [`MAX_SOURCES`] sources,
//! the rest counted as one), per language and per day, at most [`Limits::examples`] examples per
//! rule, and the most frequent corrupted entities and residue lines in a [`TopK`] table.

pub(crate) mod dates;
pub mod html;
pub mod markdown;
pub(crate) mod tables;
pub(crate) mod topk;

use std::collections::BTreeMap;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::StoryReport;
use crate::corpus::source_key;
use crate::document::Document;
use crate::input::InputError;
use crate::render::{FindingView, Render, Stats, StoryView};
pub use topk::{Entry, TopK};

/// Sources tracked one by one; stories of further sources are counted under [`OTHER_SOURCES`].
pub const MAX_SOURCES: usize = 1000;
/// Where the stories of sources past [`MAX_SOURCES`] are counted.
pub const OTHER_SOURCES: &str = "(other sources)";

/// How much the report keeps and shows.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Examples kept per rule.
    pub examples: usize,
    /// Rows of the entity and residue tables.
    pub top: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { examples: 5, top: 20 }
    }
}

/// A finding as the report reads it: from a live check, or a saved `--format jsonl` record.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FindingIn {
    pub rule: String,
    #[serde(default)]
    pub code: String,
    #[serde(default)]
    pub severity: String,
    #[serde(default)]
    pub confidence: String,
    #[serde(default)]
    pub message: String,
    /// The exact words flagged.
    #[serde(default)]
    pub text: String,
    #[serde(default)]
    pub suggestion: Option<String>,
    #[serde(default)]
    pub fix: Option<FixIn>,
    #[serde(default)]
    pub line: Option<usize>,
}

/// The fix of a saved finding.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct FixIn {
    #[serde(default)]
    pub replacement: String,
    #[serde(default)]
    pub applicability: String,
}

/// A story as the report reads it (the `"type": "story"` record of `--format jsonl`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct StoryIn {
    pub path: String,
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub facts: BTreeMap<String, Value>,
}

fn lower<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

impl FindingIn {
    /// A live finding, with the same fields `--format jsonl` writes.
    pub(crate) fn from_view(v: &FindingView<'_>) -> FindingIn {
        FindingIn {
            rule: v.rule.to_string(),
            code: v.code.to_string(),
            severity: lower(&v.severity),
            confidence: lower(&v.confidence),
            message: v.message.to_string(),
            text: v.text.to_string(),
            suggestion: v.suggestion.map(str::to_string),
            fix: v.fix.as_ref().map(|f| FixIn { replacement: f.replacement.to_string(), applicability: lower(&f.applicability) }),
            line: Some(v.location.line),
        }
    }
}

impl StoryIn {
    /// A live story, with the same fields `--format jsonl` writes.
    pub(crate) fn from_view(v: &StoryView<'_>) -> StoryIn {
        StoryIn {
            path: v.path.to_string(),
            id: v.id.map(str::to_string),
            language: v.language.map(str::to_string),
            source: v.source.map(str::to_string),
            headline: v.headline.map(|h| h.trim().to_string()),
            date: v.date.map(str::to_string),
            facts: v.facts.clone(),
        }
    }

    /// The source a story is reported under: its declared source / outlet / provider; else the
    /// file for a multi-story file (JSON Lines), else the folder it is in, else the file.
    pub(crate) fn source_key(&self) -> String {
        source_key(self.source.as_deref(), &self.path)
    }

    /// The language the story was read as (`unknown` when neither declared nor detected).
    pub(crate) fn language_key(&self) -> String {
        self.language.clone().unwrap_or_else(|| "unknown".into())
    }

    /// The source language a rule found the story translated from, if any.
    pub fn translated_from(&self) -> Option<String> {
        match self.facts.get("translated_from")? {
            Value::String(s) => Some(s.clone()),
            Value::Null | Value::Bool(false) => None,
            other => Some(other.to_string()),
        }
    }

    /// `path#id` (the name [`crate::names_report`] lists stories under).
    pub(crate) fn story_name(&self) -> String {
        match &self.id {
            Some(id) => format!("{}#{id}", self.path),
            None => self.path.clone(),
        }
    }
}

/// Counts for one group of stories (a source, a language, a day).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Group {
    pub stories: u64,
    pub stories_with_findings: u64,
    pub findings: u64,
    /// Stories a rule found likely machine-translated (`translated_from`).
    pub translated: u64,
    /// Findings per rule name.
    pub by_rule: BTreeMap<String, u64>,
    /// Translated stories per source language.
    pub translated_from: BTreeMap<String, u64>,
}

impl Group {
    fn add(&mut self, findings: &[FindingIn], translated: Option<&str>) {
        self.stories += 1;
        self.findings += findings.len() as u64;
        if !findings.is_empty() {
            self.stories_with_findings += 1;
        }
        for f in findings {
            *self.by_rule.entry(f.rule.clone()).or_default() += 1;
        }
        if let Some(lang) = translated {
            self.translated += 1;
            *self.translated_from.entry(lang.to_string()).or_default() += 1;
        }
    }

    /// Findings per 1,000 stories.
    pub fn rate(&self) -> f64 {
        per_1000(self.findings, self.stories)
    }

    /// Findings of `rule` per 1,000 stories.
    pub(crate) fn rule_rate(&self, rule: &str) -> f64 {
        per_1000(self.by_rule.get(rule).copied().unwrap_or(0), self.stories)
    }

    fn merge(&mut self, o: &Group) {
        self.stories += o.stories;
        self.stories_with_findings += o.stories_with_findings;
        self.findings += o.findings;
        self.translated += o.translated;
        for (k, v) in &o.by_rule {
            *self.by_rule.entry(k.clone()).or_default() += v;
        }
        for (k, v) in &o.translated_from {
            *self.translated_from.entry(k.clone()).or_default() += v;
        }
    }
}

/// `n` per 1,000 of `of` (0 when `of` is 0).
pub fn per_1000(n: u64, of: u64) -> f64 {
    if of == 0 { 0.0 } else { n as f64 * 1000.0 / of as f64 }
}

/// One example finding of a rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Example {
    pub source: String,
    /// `path#id`.
    pub story: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    pub text: String,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub applicability: Option<String>,
    pub confidence: String,
}

/// What the report knows of one rule.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RuleStats {
    pub code: String,
    pub findings: u64,
    /// Stories with at least one finding of the rule.
    pub stories: u64,
    pub by_confidence: BTreeMap<String, u64>,
    pub examples: Vec<Example>,
}

/// The streamed counts a report is drawn from.
#[derive(Debug, Clone)]
pub struct Audit {
    pub limits: Limits,
    pub stories: u64,
    pub stories_with_findings: u64,
    pub findings: u64,
    /// Inputs (files, records) that could not be read.
    pub errors: u64,
    /// The first few of those, for the report.
    pub error_samples: Vec<String>,
    pub rules: BTreeMap<String, RuleStats>,
    pub sources: BTreeMap<String, Group>,
    pub languages: BTreeMap<String, Group>,
    /// Per calendar day (`YYYY-MM-DD`), for stories with a date.
    pub days: BTreeMap<String, Group>,
    pub undated: u64,
    pub translated: u64,
    /// `entity-corruption` findings: the words as written (the fix: the right form).
    pub entities: TopK,
    /// `scrape-residue` findings: the residue line.
    pub residue: TopK,
    /// What was read: `(path, what)` with `what` = `stories` or `saved run`.
    pub inputs: Vec<(String, &'static str)>,
}

/// Errors listed in the report.
const ERROR_SAMPLES: usize = 20;

impl Audit {
    pub fn new(limits: Limits) -> Audit {
        let cap = limits.top.max(1) * 50;
        Audit {
            limits,
            stories: 0,
            stories_with_findings: 0,
            findings: 0,
            errors: 0,
            error_samples: Vec::new(),
            rules: BTreeMap::new(),
            sources: BTreeMap::new(),
            languages: BTreeMap::new(),
            days: BTreeMap::new(),
            undated: 0,
            translated: 0,
            entities: TopK::new(cap),
            residue: TopK::new(cap),
            inputs: Vec::new(),
        }
    }

    /// Counts one story and its findings.
    pub fn add(&mut self, story: &StoryIn, findings: &[FindingIn]) {
        self.stories += 1;
        self.findings += findings.len() as u64;
        if !findings.is_empty() {
            self.stories_with_findings += 1;
        }
        let translated = story.translated_from();
        if translated.is_some() {
            self.translated += 1;
        }
        let t = translated.as_deref();
        let mut source = story.source_key();
        if !self.sources.contains_key(&source) && self.sources.len() >= MAX_SOURCES {
            source = OTHER_SOURCES.to_string();
        }
        self.sources.entry(source.clone()).or_default().add(findings, t);
        self.languages.entry(story.language_key()).or_default().add(findings, t);
        match story.date.as_deref().and_then(dates::parse) {
            Some(day) => self.days.entry(day.iso()).or_default().add(findings, t),
            None => self.undated += 1,
        }
        let name = story.story_name();
        let mut seen_rules: Vec<&str> = Vec::new();
        for f in findings {
            let r = self.rules.entry(f.rule.clone()).or_default();
            if r.code.is_empty() {
                r.code.clone_from(&f.code);
            }
            r.findings += 1;
            if !seen_rules.contains(&f.rule.as_str()) {
                seen_rules.push(&f.rule);
                r.stories += 1;
            }
            *r.by_confidence.entry(f.confidence.clone()).or_default() += 1;
            let fix = f.fix.as_ref().map(|x| x.replacement.clone()).or_else(|| f.suggestion.clone());
            // examples: the first ones seen, one per distinct text
            if r.examples.len() < self.limits.examples && !r.examples.iter().any(|e| e.text == f.text) {
                r.examples.push(Example {
                    source: source.clone(),
                    story: name.clone(),
                    headline: story.headline.clone().filter(|h| !h.is_empty()),
                    line: f.line,
                    text: f.text.clone(),
                    message: f.message.clone(),
                    fix: fix.clone(),
                    applicability: f.fix.as_ref().map(|x| x.applicability.clone()).filter(|a| !a.is_empty()),
                    confidence: f.confidence.clone(),
                });
            }
            match f.rule.as_str() {
                "entity-corruption" => self.entities.add(f.text.trim(), fix.as_deref(), &source, &name),
                "scrape-residue" => {
                    let line = f.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    let line: String = line.chars().take(200).collect();
                    self.residue.add(&line, None, &source, &name);
                }
                _ => {}
            }
        }
    }

    /// Counts an input that could not be read.
    pub fn error(&mut self, what: impl std::fmt::Display) {
        self.errors += 1;
        if self.error_samples.len() < ERROR_SAMPLES {
            self.error_samples.push(what.to_string());
        }
    }

    /// Counts a checked story (a live run).
    pub(crate) fn add_checked(&mut self, doc: &Document, report: &StoryReport) {
        let findings: Vec<FindingIn> = report.findings.iter().map(|f| FindingIn::from_view(&FindingView::new(doc, f))).collect();
        self.add(&StoryIn::from_view(&StoryView::new(doc, report)), &findings);
    }

    /// Rules with findings, most findings first.
    pub(crate) fn rules_by_findings(&self) -> Vec<(&String, &RuleStats)> {
        let mut v: Vec<_> = self.rules.iter().filter(|(_, r)| r.findings > 0).collect();
        v.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(a.0.cmp(b.0)));
        v
    }

    /// Groups with the most stories first (ties: by name).
    pub(crate) fn by_stories(groups: &BTreeMap<String, Group>) -> Vec<(&String, &Group)> {
        let mut v: Vec<_> = groups.iter().collect();
        v.sort_by(|a, b| b.1.stories.cmp(&a.1.stories).then(a.0.cmp(b.0)));
        v
    }

    /// Dated stories per period: per day when the dates span at most 92 days, else per month.
    /// Periods without stories between the first and the last are listed with zero counts, so
    /// the time axis is even (up to 50 years of months).
    pub(crate) fn periods(&self) -> (&'static str, Vec<(String, Group)>) {
        let first = self.days.keys().next().and_then(|d| dates::Day::from_iso(d));
        let last = self.days.keys().next_back().and_then(|d| dates::Day::from_iso(d));
        let (Some(first), Some(last)) = (first, last) else { return ("day", Vec::new()) };
        if last.ordinal() - first.ordinal() <= 92 {
            let mut out = Vec::new();
            let mut d = first;
            while d <= last {
                out.push((d.iso(), self.days.get(&d.iso()).cloned().unwrap_or_default()));
                d = d.next();
            }
            return ("day", out);
        }
        let mut months: BTreeMap<String, Group> = BTreeMap::new();
        let span = (i32::from(last.year) - i32::from(first.year)) * 12 + i32::from(last.month) - i32::from(first.month);
        if span <= 600 {
            let (mut y, mut m) = (first.year, first.month);
            while (y, m) <= (last.year, last.month) {
                months.insert(format!("{y:04}-{m:02}"), Group::default());
                (y, m) = if m == 12 { (y + 1, 1) } else { (y, m + 1) };
            }
        }
        for (k, g) in &self.days {
            months.entry(k[..7].to_string()).or_default().merge(g);
        }
        ("month", months.into_iter().collect())
    }

    /// Reads a saved `--format jsonl` run into the audit, streaming; returns the lines it
    /// could not read as errors (they are also counted).
    pub fn read_saved(&mut self, path: &Path, reader: impl BufRead) -> Result<(), InputError> {
        let display = path.display().to_string();
        let mut pending: Vec<FindingIn> = Vec::new();
        for (i, line) in reader.lines().enumerate() {
            let line = line.map_err(|e| InputError::new(&display, Some(i + 1), None, format!("cannot read: {e}")))?;
            if line.trim().is_empty() {
                continue;
            }
            match serde_json::from_str::<Record>(&line) {
                Ok(Record::Finding(f)) => pending.push(f),
                Ok(Record::Story(s)) => {
                    self.add(&s, &pending);
                    pending.clear();
                }
                Ok(Record::Error(e)) => {
                    let what = match (
                        e.get("path").and_then(Value::as_str).map(str::to_string),
                        e.get("message").and_then(Value::as_str).map(str::to_string),
                    ) {
                        (Some(p), Some(m)) => format!("{p}: {m}"),
                        _ => Value::Object(e).to_string(),
                    };
                    self.error(what);
                }
                Ok(Record::Summary(_)) => {}
                Err(e) => self.error(InputError::new(&display, Some(i + 1), None, format!("not a wirelint JSON Lines record: {e}"))),
            }
        }
        if !pending.is_empty() {
            self.error(InputError::new(
                &display,
                None,
                None,
                format!("{} findings after the last story record (a cut-off run?)", pending.len()),
            ));
        }
        Ok(())
    }
}

/// A record of `--format jsonl`.
#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Record {
    Finding(FindingIn),
    Story(StoryIn),
    Error(serde_json::Map<String, Value>),
    Summary(serde::de::IgnoredAny),
}

/// Whether a file is a saved `wirelint check --format jsonl` run (rather than stories): its first
/// non-blank line is a JSON object with a `type` of `finding`, `story`, `error` or `summary`
/// and a `path` (stories in JSON Lines have neither a `type` of that kind nor a `path`).
pub fn is_saved_run(path: &Path) -> bool {
    let Ok(f) = std::fs::File::open(path) else { return false };
    let mut r = std::io::BufReader::new(f);
    let mut line = String::new();
    loop {
        line.clear();
        // a first line longer than 1 MB is a story, not a record
        match (&mut r).take(1 << 20).read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line.trim().is_empty() => {}
            Ok(_) => break,
        }
    }
    let Ok(Value::Object(m)) = serde_json::from_str::<Value>(line.trim()) else { return false };
    let typed = m.get("type").and_then(Value::as_str).is_some_and(|t| matches!(t, "finding" | "story" | "error" | "summary"));
    typed && (m.contains_key("path") || m.get("type").and_then(Value::as_str) == Some("summary"))
}

use std::io::Read as _;

/// Feeds a live run into an [`Audit`] (the renderer `wirelint report` checks stories with).
pub struct AuditSink<'a>(pub &'a mut Audit);

impl Render for AuditSink<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> std::io::Result<()> {
        self.0.add_checked(doc, report);
        Ok(())
    }
    fn error(&mut self, err: &InputError) -> std::io::Result<()> {
        self.0.error(err);
        Ok(())
    }
    fn finish(&mut self, _: &Stats) -> std::io::Result<()> {
        Ok(())
    }
}

/// Escapes text for HTML (and SVG) content and attribute values.
pub(crate) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

/// `1234567` → `1,234,567`.
pub(crate) fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A rate with one decimal (`0.0`, `12.3`), or a whole number from 100 up.
pub(crate) fn rate(x: f64) -> String {
    if x >= 100.0 { format!("{x:.0}") } else { format!("{x:.1}") }
}

/// A share as a percentage with one decimal.
pub(crate) fn percent(n: u64, of: u64) -> String {
    if of == 0 { "0.0%".into() } else { format!("{:.1}%", n as f64 * 100.0 / of as f64) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(path: &str, source: Option<&str>, lang: &str, date: Option<&str>, translated: Option<&str>) -> StoryIn {
        let mut facts = BTreeMap::new();
        if let Some(t) = translated {
            facts.insert("translated_from".to_string(), Value::String(t.into()));
        }
        StoryIn {
            path: path.into(),
            id: None,
            language: Some(lang.into()),
            source: source.map(str::to_string),
            headline: None,
            date: date.map(str::to_string),
            facts,
        }
    }

    fn finding(rule: &str, text: &str, fix: Option<&str>) -> FindingIn {
        FindingIn {
            rule: rule.into(),
            code: "X".into(),
            confidence: "high".into(),
            message: format!("{text} is wrong"),
            text: text.into(),
            fix: fix.map(|r| FixIn { replacement: r.into(), applicability: "unsafe".into() }),
            ..FindingIn::default()
        }
    }

    #[test]
    fn counts_per_source_language_day_and_rule() {
        let mut a = Audit::new(Limits { examples: 2, top: 5 });
        let ec = |t: &str| finding("entity-corruption", t, Some("Islamic Jihad"));
        a.add(&story("in/a.txt", Some("Partner A"), "en", Some("2024-03-05"), None), &[ec("Israeli Jihad"), ec("Israeli Jihad")]);
        a.add(&story("in/b.txt", Some("Partner A"), "en", Some("2024-03-06"), Some("ru")), &[finding("translationese", "In turn,", None)]);
        a.add(&story("in/c.txt", None, "id", None, None), &[finding("scrape-residue", "Baca  juga: x", None)]);
        a.add(&story("feed.jsonl", None, "en", Some("5 March 2024"), None), &[]);
        assert_eq!((a.stories, a.stories_with_findings, a.findings, a.translated, a.undated), (4, 3, 4, 1, 1));
        let pa = &a.sources["Partner A"];
        assert_eq!((pa.stories, pa.findings, pa.translated), (2, 3, 1));
        assert_eq!(pa.by_rule["entity-corruption"], 2);
        assert!((pa.rule_rate("entity-corruption") - 1000.0).abs() < 1e-9);
        // no declared source: the folder for a one-story file, the file for JSON Lines
        assert_eq!(a.sources["in/"].stories, 1);
        assert_eq!(a.sources["feed.jsonl"].stories, 1);
        assert_eq!(a.languages["en"].stories, 3);
        assert_eq!(a.days["2024-03-05"].stories, 2);
        assert_eq!(a.days["2024-03-05"].findings, 2);
        let ecs = &a.rules["entity-corruption"];
        assert_eq!((ecs.findings, ecs.stories), (2, 1));
        // one example per distinct text
        assert_eq!(ecs.examples.len(), 1);
        assert_eq!(ecs.examples[0].fix.as_deref(), Some("Islamic Jihad"));
        let top = a.entities.top(5);
        assert_eq!((top[0].text.as_str(), top[0].count, top[0].fix.as_deref()), ("Israeli Jihad", 2, Some("Islamic Jihad")));
        assert_eq!(a.residue.top(1)[0].text, "Baca juga: x");
        let (unit, periods) = a.periods();
        assert_eq!(unit, "day");
        assert_eq!(periods.iter().map(|(k, g)| (k.as_str(), g.stories)).collect::<Vec<_>>(), vec![("2024-03-05", 2), ("2024-03-06", 1)]);
        // days without stories in between are listed, with nothing
        a.add(&story("x.txt", None, "en", Some("2024-03-09"), None), &[]);
        let days: Vec<_> = a.periods().1.into_iter().map(|(k, g)| (k, g.stories)).collect();
        assert_eq!(days.iter().map(|(_, n)| *n).collect::<Vec<_>>(), [2, 1, 0, 0, 1]);
        assert_eq!(days[3].0, "2024-03-08");
    }

    #[test]
    fn long_spans_are_shown_per_month_and_sources_are_capped() {
        let mut a = Audit::new(Limits::default());
        a.add(&story("x.txt", Some("early"), "en", Some("2022-11-30"), None), &[]);
        for i in 0..(MAX_SOURCES + 10) {
            let month = 1 + i % 12;
            a.add(&story("x.txt", Some(&format!("s{i}")), "en", Some(&format!("2023-{month:02}-01")), None), &[]);
        }
        assert_eq!(a.sources.len(), MAX_SOURCES + 1);
        assert_eq!(a.sources[OTHER_SOURCES].stories, 11);
        let (unit, periods) = a.periods();
        assert_eq!(unit, "month");
        // 2022-11 (one story), an empty 2022-12, then 2023-01 to 2023-12
        assert_eq!(periods.len(), 14);
        assert_eq!((periods[1].0.as_str(), periods[1].1.stories), ("2022-12", 0));
        assert_eq!(periods.iter().map(|(_, g)| g.stories).sum::<u64>(), a.stories);
    }

    #[test]
    fn reads_a_saved_run_and_detects_it() {
        let dir = tempfile::tempdir().unwrap();
        let run = dir.path().join("run.jsonl");
        let text = concat!(
            r#"{"type":"finding","path":"f.jsonl","id":"1","rule":"mojibake","code":"UN001","severity":"error","confidence":"high","message":"m","text":"Ã©","suggestion":"é","fix":{"replacement":"é","applicability":"safe","span":{"start":0,"end":2}},"line":1}"#,
            "\n",
            r#"{"type":"story","path":"f.jsonl","id":"1","language":"fr","language_source":"declared","source":"AFP","date":"2024-01-02","findings":1}"#,
            "\n\n",
            r#"{"type":"error","path":"g.txt","message":"cannot open"}"#,
            "\n",
            r#"{"type":"summary","stories":1}"#,
            "\n"
        );
        std::fs::write(&run, text).unwrap();
        assert!(is_saved_run(&run));
        let stories = dir.path().join("stories.jsonl");
        std::fs::write(&stories, "{\"id\":\"1\",\"body\":\"x\",\"type\":\"story\"}\n").unwrap();
        assert!(!is_saved_run(&stories));
        let mut a = Audit::new(Limits::default());
        a.read_saved(&run, std::io::BufReader::new(std::fs::File::open(&run).unwrap())).unwrap();
        assert_eq!((a.stories, a.findings, a.errors), (1, 1, 1));
        assert_eq!(a.sources["AFP"].by_rule["mojibake"], 1);
        assert_eq!(a.rules["mojibake"].examples[0].fix.as_deref(), Some("é"));
        assert_eq!(a.rules["mojibake"].examples[0].applicability.as_deref(), Some("safe"));
        assert_eq!(a.days["2024-01-02"].stories, 1);
        assert_eq!(a.error_samples, vec!["g.txt: cannot open"]);
    }

    #[test]
    fn formats_numbers() {
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(12), "12");
        assert_eq!(rate(7.44), "7.4");
        assert_eq!(rate(1000.0), "1000");
        assert_eq!(percent(1, 3), "33.3%");
        assert_eq!(esc("<a href=\"x\">&'"), "&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
    }
}
