//! Output formats. Renderers see findings and story metadata, never rules' internals.

mod github;
mod human;
mod json;
mod sarif;
mod summary;

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::StoryReport;
use crate::document::{Dateline, Document, Location};
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::input::InputError;

pub use github::Github;
pub use human::Human;
pub use json::{Json, JsonLines, error_record, finding_record, story_record};
pub use sarif::Sarif;
pub use summary::{Group, Summary, TopStory};

/// `--format` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Format {
    /// rustc-style code frames for people
    Human,
    /// one JSON document with every story, finding and error
    Json,
    /// one JSON object per line: findings, stories, errors, summary
    Jsonl,
    /// SARIF 2.1.0 for code-scanning tools
    Sarif,
    /// GitHub Actions workflow commands (annotations)
    Github,
}

/// A sink for results, one story at a time.
pub trait Render {
    /// One story's findings (called for every story, with or without findings).
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()>;
    /// An input that could not be read.
    fn error(&mut self, err: &InputError) -> io::Result<()>;
    /// End of run: close arrays, print summaries.
    fn finish(&mut self, stats: &Stats) -> io::Result<()>;
}

/// Counts over a run.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Stats {
    pub stories: usize,
    pub stories_with_findings: usize,
    pub findings: usize,
    pub errors: usize,
    pub by_rule: BTreeMap<String, usize>,
    pub by_severity: BTreeMap<String, usize>,
    pub by_language: BTreeMap<String, usize>,
    pub by_source: BTreeMap<String, usize>,
    /// What the folder walk passed over, counted by reason (absent when nothing was).
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub skipped: BTreeMap<String, usize>,
    /// The paths passed over with their reason, in input order (`--verbose` lists them).
    #[serde(skip)]
    pub skipped_paths: Vec<(String, &'static str)>,
    /// `--summary`: per source / language breakdowns and the stories with the most findings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<Summary>,
}

impl Stats {
    /// Stats that also keep a [`Summary`] with the `top_n` stories with the most findings.
    pub fn with_summary(top_n: usize) -> Stats {
        Stats { summary: Some(Summary::new(top_n)), ..Stats::default() }
    }

    pub fn add(&mut self, doc: &Document, report: &StoryReport) {
        self.stories += 1;
        if !report.findings.is_empty() {
            self.stories_with_findings += 1;
        }
        self.findings += report.findings.len();
        for f in &report.findings {
            *self.by_rule.entry(f.rule.name.to_string()).or_default() += 1;
            *self.by_severity.entry(f.severity.to_string()).or_default() += 1;
            if let Some(s) = &doc.meta.source {
                *self.by_source.entry(s.clone()).or_default() += 1;
            }
        }
        *self.by_language.entry(doc.language.unwrap_or("unknown").to_string()).or_default() += 1;
        if let Some(s) = &mut self.summary {
            s.add(doc, report);
        }
    }

    /// Counts a path the walk passed over.
    pub fn skip(&mut self, path: String, reason: &'static str) {
        *self.skipped.entry(reason.to_string()).or_default() += 1;
        self.skipped_paths.push((path, reason));
    }

    /// Highest severity seen.
    pub fn max_severity(&self) -> Option<Severity> {
        ["error", "warning", "info"].iter().find(|s| self.by_severity.contains_key(**s)).and_then(|s| s.parse().ok())
    }
}

/// A finding as every machine format shows it.
#[derive(Debug, Serialize)]
pub struct FindingView<'a> {
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    pub rule: &'static str,
    pub code: &'static str,
    pub severity: Severity,
    pub confidence: Confidence,
    pub message: &'a str,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<FixView<'a>>,
    #[serde(flatten)]
    pub location: LocationView,
}

/// Where a fix applies and how safe it is.
#[derive(Debug, Serialize)]
pub struct FixView<'a> {
    pub replacement: &'a str,
    pub span: SpanView,
    pub applicability: Applicability,
}

#[derive(Debug, Clone, Copy, Serialize)]
pub struct SpanView {
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Serialize)]
pub struct LocationView {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record_line: Option<usize>,
    pub span: SpanView,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl From<Location> for LocationView {
    fn from(l: Location) -> Self {
        LocationView {
            field: l.field,
            record_line: l.record_line,
            span: SpanView { start: l.start, end: l.end },
            line: l.line,
            column: l.column,
            end_line: l.end_line,
            end_column: l.end_column,
        }
    }
}

impl<'a> FindingView<'a> {
    pub fn new(doc: &'a Document, f: &'a Finding) -> Self {
        let loc = doc.locate(f.span);
        FindingView {
            path: &doc.path,
            id: doc.id.as_deref(),
            rule: f.rule.name,
            code: f.rule.code,
            severity: f.severity,
            confidence: f.confidence,
            message: &f.message,
            text: doc.slice(f.span),
            suggestion: f.suggestion.as_ref().map(|s| s.replacement.as_str()),
            fix: f.suggestion.as_ref().map(|s| {
                let l = doc.locate(s.span);
                FixView { replacement: &s.replacement, span: SpanView { start: l.start, end: l.end }, applicability: s.applicability }
            }),
            location: loc.into(),
        }
    }
}

/// Story metadata as the machine formats show it.
#[derive(Debug, Serialize)]
pub struct StoryView<'a> {
    pub path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<&'a str>,
    pub language_source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dateline: Option<&'a Dateline>,
    /// The story's date as the input gives it (JSON Lines `date`, ninjs `firstcreated`, NITF `date.issue`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<&'a str>,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub facts: &'a BTreeMap<String, serde_json::Value>,
    pub findings: usize,
    /// The encoding the story was read in; only when it was not UTF-8.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding: Option<&'static str>,
    /// How that encoding was chosen: `forced`, `bom`, `declared` or `detected`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub encoding_source: Option<crate::input::encoding::EncodingSource>,
}

impl<'a> StoryView<'a> {
    pub fn new(doc: &'a Document, report: &'a StoryReport) -> Self {
        StoryView {
            path: &doc.path,
            id: doc.id.as_deref(),
            language: doc.language,
            language_source: doc.language_source,
            source: doc.meta.source.as_deref(),
            headline: doc.headline.map(|h| doc.slice(h)),
            dateline: doc.dateline.as_ref(),
            date: doc.meta.extra.get("date").map(String::as_str),
            facts: &report.facts,
            findings: report.findings.len(),
            encoding: doc.encoding.as_ref().map(|e| e.name),
            encoding_source: doc.encoding.as_ref().map(|e| e.source),
        }
    }
}

/// Builds the renderer for a format.
pub fn renderer<'w>(format: Format, out: Box<dyn Write + 'w>, color: bool) -> Box<dyn Render + 'w> {
    match format {
        Format::Human => Box::new(Human::new(out, color)),
        Format::Json => Box::new(Json::new(out)),
        Format::Jsonl => Box::new(JsonLines::new(out)),
        Format::Sarif => Box::new(Sarif::new(out)),
        Format::Github => Box::new(Github::new(out)),
    }
}
