//! `--summary`: counts per rule, per source/outlet and per language, and the stories with the
//! most findings. Computed while stories stream by ([`Summary::add`]); renderers only format it
//! (JSON and JSON Lines serialise it inside `summary`, human prints [`write_human`]).

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::StoryReport;
use crate::document::Document;

/// Counts for one group of stories (one source, one language).
#[derive(Debug, Default, Clone, Serialize, PartialEq, Eq)]
pub struct Group {
    pub stories: usize,
    pub stories_with_findings: usize,
    pub findings: usize,
    /// Findings per rule name.
    pub by_rule: BTreeMap<String, usize>,
}

impl Group {
    fn add(&mut self, report: &StoryReport) {
        self.stories += 1;
        if !report.findings.is_empty() {
            self.stories_with_findings += 1;
        }
        self.findings += report.findings.len();
        for f in &report.findings {
            *self.by_rule.entry(f.rule.name.to_string()).or_default() += 1;
        }
    }
}

/// One of the stories with the most findings.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct TopStory {
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    pub source: String,
    pub language: String,
    pub findings: usize,
    pub by_rule: BTreeMap<String, usize>,
    /// Position in the input (ties keep input order, so the list is deterministic).
    #[serde(skip)]
    seq: usize,
}

/// The whole-run summary.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Summary {
    /// Stories, findings and findings per rule for each source / outlet: the input's `source`
    /// field, else the dateline's agency credit, else `(unknown)`.
    pub by_source: BTreeMap<String, Group>,
    /// The same per story language (declared or detected).
    pub by_language: BTreeMap<String, Group>,
    /// The stories with the most findings, most first.
    pub top_stories: Vec<TopStory>,
    #[serde(skip)]
    top_n: usize,
    #[serde(skip)]
    seen: usize,
}

/// Key for stories whose source is not known.
pub const UNKNOWN: &str = "(unknown)";

impl Summary {
    /// A summary that keeps the `top_n` stories with the most findings.
    pub fn new(top_n: usize) -> Summary {
        Summary { by_source: BTreeMap::new(), by_language: BTreeMap::new(), top_stories: Vec::new(), top_n, seen: 0 }
    }

    /// The source / outlet a story is credited to.
    pub fn source_of(doc: &Document) -> String {
        let declared = doc.meta.source.as_deref().map(str::trim).filter(|s| !s.is_empty());
        let agency = doc.dateline.as_ref().and_then(|d| d.agency.as_deref()).map(str::trim).filter(|s| !s.is_empty());
        declared.or(agency).unwrap_or(UNKNOWN).to_string()
    }

    pub fn add(&mut self, doc: &Document, report: &StoryReport) {
        let seq = self.seen;
        self.seen += 1;
        let source = Summary::source_of(doc);
        let language = doc.language.unwrap_or("unknown").to_string();
        self.by_source.entry(source.clone()).or_default().add(report);
        self.by_language.entry(language.clone()).or_default().add(report);
        let n = report.findings.len();
        if n == 0 || self.top_n == 0 {
            return;
        }
        // a story enters the list only if it beats the smallest entry (ties: earlier story wins)
        if self.top_stories.len() == self.top_n && self.top_stories.last().is_some_and(|last| last.findings >= n) {
            return;
        }
        let mut by_rule = BTreeMap::new();
        for f in &report.findings {
            *by_rule.entry(f.rule.name.to_string()).or_default() += 1;
        }
        let story = TopStory {
            path: doc.path.clone(),
            id: doc.id.clone(),
            headline: doc.headline.map(|h| doc.slice(h).trim().to_string()),
            source,
            language,
            findings: n,
            by_rule,
            seq,
        };
        let at = self.top_stories.partition_point(|s| (s.findings, std::cmp::Reverse(s.seq)) > (n, std::cmp::Reverse(seq)));
        self.top_stories.insert(at, story);
        self.top_stories.truncate(self.top_n);
    }
}

/// Prints the summary as plain-text tables (for `--format human`).
pub fn write_human(out: &mut dyn Write, by_rule: &BTreeMap<String, usize>, s: &Summary) -> io::Result<()> {
    writeln!(out, "\nSummary")?;
    writeln!(out, "\nfindings by rule")?;
    let mut rules: Vec<_> = by_rule.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    if rules.is_empty() {
        writeln!(out, "  (none)")?;
    }
    for (rule, n) in rules {
        writeln!(out, "  {n:>8}  {rule}")?;
    }
    group_table(out, "source", &s.by_source)?;
    group_table(out, "language", &s.by_language)?;
    if !s.top_stories.is_empty() {
        writeln!(out, "\nstories with the most findings")?;
        for t in &s.top_stories {
            let mut name = t.path.clone();
            if let Some(id) = &t.id {
                name = format!("{name} (story {id})");
            }
            let rules: Vec<String> = t.by_rule.iter().map(|(r, n)| format!("{r} {n}")).collect();
            writeln!(out, "  {:>8}  {name} [{}, {}]: {}", t.findings, t.source, t.language, rules.join(", "))?;
        }
    }
    writeln!(out)
}

fn group_table(out: &mut dyn Write, what: &str, groups: &BTreeMap<String, Group>) -> io::Result<()> {
    writeln!(out, "\nby {what}")?;
    let width = groups.keys().map(|k| k.chars().count()).max().unwrap_or(0).clamp(what.len(), 40);
    writeln!(out, "  {what:<width$}  {:>8}  {:>8}  {:>8}  top rules", "stories", "flagged", "findings")?;
    let mut rows: Vec<_> = groups.iter().collect();
    rows.sort_by(|a, b| b.1.findings.cmp(&a.1.findings).then(b.1.stories.cmp(&a.1.stories)).then(a.0.cmp(b.0)));
    for (key, g) in rows {
        let mut rules: Vec<_> = g.by_rule.iter().collect();
        rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let top: Vec<String> = rules.iter().take(3).map(|(r, n)| format!("{r} {n}")).collect();
        writeln!(out, "  {key:<width$}  {:>8}  {:>8}  {:>8}  {}", g.stories, g.stories_with_findings, g.findings, top.join(", "))?;
    }
    Ok(())
}
