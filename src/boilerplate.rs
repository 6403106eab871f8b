//! The corpus view of boilerplate: lines that one source prints in many of its stories (a site's
//! share row, its promo line, its copyright or machine-translation note), found by counting
//! rather than by a list (`wirelint boilerplate PATHS...`, then `wirelint check --boilerplate`).
//!
//! The data and the per-story counting (the [`BoilerplateSummary`] type, which scrape-residue
//! reads) are in `corpus`; this module collects summaries over paths, saves, loads and reports
//! them.

use std::io::{self, Write};
use std::path::Path;

use serde::Serialize;

use crate::corpus::is_boilerplate;
pub use crate::corpus::{BoilerplateSummary, LineStats, MAX_LINES_PER_SOURCE, SUMMARY_VERSION, SourceLines};
use crate::input::{InputError, ReadOptions};
use crate::runner::Target;

pub use crate::names_report::SummaryError;
use crate::names_report::{load_summary, save_summary, summarise};

impl BoilerplateSummary {
    /// Summarises stories (files, folders, JSON Lines) in parallel; unreadable inputs are returned.
    pub fn collect(targets: &[Target], opts: &ReadOptions) -> (BoilerplateSummary, Vec<InputError>) {
        summarise(targets, opts, BoilerplateSummary::merge, BoilerplateSummary::add_story)
    }

    /// Reads a summary saved with [`BoilerplateSummary::save`].
    pub fn load(path: &Path) -> Result<BoilerplateSummary, SummaryError> {
        load_summary(path, "boilerplate", SUMMARY_VERSION, |s: &BoilerplateSummary| s.version)
    }

    /// Writes the summary as JSON, atomically.
    pub fn save(&self, path: &Path) -> Result<(), SummaryError> {
        save_summary(self, path)
    }

    /// The boilerplate lines of every source, most frequent first.
    pub fn report(&self) -> BoilerplateReport {
        let mut sources = Vec::new();
        for (name, s) in &self.sources {
            let mut lines: Vec<ReportLine> = s
                .lines
                .iter()
                .filter(|(_, l)| is_boilerplate(l.stories, s.stories))
                .map(|(_, l)| ReportLine { line: l.example.clone(), stories: l.stories })
                .collect();
            if lines.is_empty() {
                continue;
            }
            lines.sort_by(|a, b| b.stories.cmp(&a.stories).then_with(|| a.line.cmp(&b.line)));
            sources.push(ReportSource { source: name.clone(), stories: s.stories, lines });
        }
        BoilerplateReport { stories: self.sources.values().map(|s| s.stories).sum(), sources }
    }
}

/// Boilerplate lines per source.
#[derive(Debug, Clone, Serialize)]
pub struct BoilerplateReport {
    pub stories: u64,
    pub sources: Vec<ReportSource>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportSource {
    pub source: String,
    pub stories: u64,
    pub lines: Vec<ReportLine>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportLine {
    pub line: String,
    pub stories: u64,
}

impl BoilerplateReport {
    pub fn write_human(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.sources.is_empty() {
            return writeln!(out, "no boilerplate lines in {} stories", self.stories);
        }
        for s in &self.sources {
            writeln!(out, "{} ({} stories)", s.source, s.stories)?;
            for l in &s.lines {
                writeln!(out, "  {:>6} stories  {}", l.stories, l.line)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Hit, line_key};
    use crate::document::{AnalyseOptions, Document};

    fn story(source: &str, n: usize, body: &str) -> Document {
        let mut doc = Document::from_text(format!("feed{n}.txt"), body.to_string(), &AnalyseOptions::default());
        doc.meta.source = Some(source.into());
        doc
    }

    fn summary_of(stories: &[(&str, String)]) -> BoilerplateSummary {
        let mut s = BoilerplateSummary::default();
        for (i, (src, body)) in stories.iter().enumerate() {
            s.add_story(&story(src, i, body));
        }
        s
    }

    fn feed() -> Vec<(&'static str, String)> {
        (0..12)
            .map(|i| {
                let src = if i % 2 == 0 { "Harbour Post" } else { "Valley Times" };
                let tail = if src == "Harbour Post" { "Follow the Harbour Post on our app for breaking news" } else { "" };
                (src, format!("Story {i} headline\n\nThe council met on day {i} to discuss item {i}.\n\n{tail}\n\n© 2024 Harbour Post. All rights reserved."))
            })
            .collect()
    }

    #[test]
    fn lines_recurring_in_one_source_are_boilerplate() {
        let s = summary_of(&feed());
        let promo = "Follow the Harbour Post on our app for breaking news";
        assert_eq!(s.lookup("Harbour Post", promo), Some(Hit { stories: 6, of: 6 }));
        // written with other spaces and case, it is the same line
        assert!(s.lookup("Harbour Post", "©  2024 harbour post. All rights reserved.").is_some());
        // counted per source: the other source prints the promo nowhere
        assert_eq!(s.lookup("Valley Times", promo), None);
        // a headline seen once is not
        assert_eq!(s.lookup("Harbour Post", "Story 2 headline"), None);
        let report = s.report();
        assert_eq!(report.stories, 12);
        assert!(report.sources.iter().any(|r| r.source == "Harbour Post" && r.lines.iter().any(|l| l.line == promo)));
    }

    #[test]
    fn shard_summaries_merge_into_one_run() {
        let all = feed();
        let whole = summary_of(&all);
        let (a, b) = all.split_at(5);
        let mut merged = summary_of(b);
        merged.merge(summary_of(a));
        assert_eq!(merged.report().sources.len(), whole.report().sources.len());
        for (name, s) in &whole.sources {
            let m = &merged.sources[name];
            assert_eq!(m.stories, s.stories);
            for (k, l) in &s.lines {
                assert_eq!(m.lines[k].stories, l.stories, "{k}");
            }
        }
    }

    #[test]
    fn keys_ignore_case_spaces_and_bullets() {
        assert_eq!(line_key("• Read  More about it »"), line_key("read more about it"));
        assert_eq!(line_key("12,400 | 3.5%"), None);
        assert_eq!(line_key("Revs 96.0 mln vs 87.9 mln"), None);
        assert_eq!(line_key("Nine mths"), None);
        assert_eq!(line_key("   "), None);
    }
}
