//! The corpus view of boilerplate: lines that one source prints in many of its stories (a site's
//! share row, its promo line, its copyright or machine-translation note), found by counting
//! rather than by a list (`wirelint boilerplate PATHS...`, then `wirelint check --boilerplate`).
//!
//! The state is a [`BoilerplateSummary`]: per source, how many stories were read and, per
//! normalised line, in how many of them it appears. Summaries [`merge`](BoilerplateSummary::merge)
//! by addition, so shards summarised apart and merged count as one run, as `names --merge` does.
//! Memory is bounded: a source keeps at most [`MAX_LINES_PER_SOURCE`] distinct lines; past that,
//! lines seen in one story only are dropped (a line that is boilerplate recurs and is kept), so
//! counts of rare lines are a lower bound and counts of frequent lines are exact or nearly so.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::input::{InputError, ReadOptions};
use crate::runner::Target;

/// Summary format version, checked when a saved summary is read.
pub const SUMMARY_VERSION: u32 = 1;

/// Distinct lines kept per source before lines seen once are pruned.
pub const MAX_LINES_PER_SOURCE: usize = 50_000;

/// Stories of one source a line must appear in to be boilerplate.
pub(crate) const MIN_STORIES: u64 = 5;

/// Share of a source's stories (per mille) a line must also appear in to be boilerplate, so a
/// subhead that a big source uses now and then (`Background`) is not.
pub(crate) const MIN_SHARE_PER_MILLE: u64 = 10;

/// Longest line counted (bytes): boilerplate is a line, not a paragraph of reporting.
const MAX_LINE_BYTES: usize = 400;

/// Source lines seen over a set of stories; mergeable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BoilerplateSummary {
    pub version: u32,
    /// Source -> its lines.
    pub sources: BTreeMap<String, SourceLines>,
}

impl Default for BoilerplateSummary {
    fn default() -> Self {
        BoilerplateSummary { version: SUMMARY_VERSION, sources: BTreeMap::new() }
    }
}

/// The lines of one source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceLines {
    /// Stories read from this source.
    pub stories: u64,
    /// Normalised line -> stories it appears in, and one way it is written.
    pub lines: BTreeMap<String, LineStats>,
}

/// One normalised line of a source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineStats {
    pub stories: u64,
    /// The line as written in a story (the smallest way it is written, so merging is order-free).
    pub example: String,
}

/// A boilerplate line as a story meets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    /// Stories of the source that carry the line.
    pub stories: u64,
    /// Stories read from the source.
    pub of: u64,
}

pub use crate::names_report::SummaryError;
use crate::names_report::{load_summary, save_summary, summarise};

/// The source a story is counted under: its declared source, else the file of a multi-story
/// file, else its folder (the same key `wirelint report` groups by).
pub(crate) fn source_of(doc: &Document) -> String {
    crate::report::source_key(doc.meta.source.as_deref(), &doc.path)
}

/// The key a line is counted under: lower case, spaces collapsed, bullets and end punctuation
/// trimmed. Figures are kept: a template line with other figures (`Work on berth 12 ...`) is
/// a story's own sentence. `None` for a
/// line that cannot be boilerplate: too long, or not mostly words (a table row such as
/// `Revs 96.0 mln vs 87.9 mln` or a label such as `Nine mths` recurs by nature, not by scrape).
pub(crate) fn line_key(line: &str) -> Option<String> {
    let t = line.trim_matches(|c: char| c.is_whitespace() || (!c.is_alphanumeric() && !matches!(c, '©' | '(' | ')' | '[' | ']')));
    if t.len() > MAX_LINE_BYTES || !mostly_words(t) {
        return None;
    }
    let mut key = String::with_capacity(t.len());
    let mut space = false;
    for c in t.chars() {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !key.is_empty() {
            key.push(' ');
        }
        space = false;
        key.extend(c.to_lowercase());
    }
    Some(key)
}

/// Three words or more, and at least four in five tokens words (letters, no digits); tokens of
/// symbols only (`©`, `|`) are not counted.
fn mostly_words(line: &str) -> bool {
    let (mut words, mut all) = (0usize, 0usize);
    for w in line.split_whitespace() {
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            continue;
        }
        all += 1;
        if core.chars().next().is_some_and(char::is_alphabetic) && !core.chars().any(|c| c.is_ascii_digit()) {
            words += 1;
        }
    }
    words >= 3 && words * 5 >= all * 4
}

/// The lines of a story that can be counted: the headline slot and every paragraph, as spans.
pub(crate) fn story_lines(doc: &Document) -> impl Iterator<Item = crate::Span> + '_ {
    doc.headline.iter().copied().chain(doc.paragraphs.iter().copied())
}

impl BoilerplateSummary {
    /// Adds one story: each distinct line once.
    pub(crate) fn add_story(&mut self, doc: &Document) {
        let source = self.sources.entry(source_of(doc)).or_default();
        source.stories += 1;
        let mut seen = std::collections::HashSet::new();
        for span in story_lines(doc) {
            let line = doc.slice(span);
            let Some(key) = line_key(line) else { continue };
            if !seen.insert(key.clone()) {
                continue;
            }
            let written = line.trim();
            let s = source.lines.entry(key).or_insert_with(|| LineStats { stories: 0, example: written.to_string() });
            s.stories += 1;
            if written < s.example.as_str() {
                s.example = written.to_string();
            }
        }
        source.prune();
    }

    /// Adds another summary into this one.
    pub fn merge(&mut self, other: BoilerplateSummary) {
        for (name, o) in other.sources {
            let s = self.sources.entry(name).or_default();
            s.stories += o.stories;
            for (key, l) in o.lines {
                match s.lines.get_mut(&key) {
                    Some(mine) => {
                        mine.stories += l.stories;
                        if l.example < mine.example {
                            mine.example = l.example;
                        }
                    }
                    None => {
                        s.lines.insert(key, l);
                    }
                }
            }
            s.prune();
        }
    }

    /// Summarises stories (files, folders, JSON Lines) in parallel; unreadable inputs are returned.
    pub fn collect(targets: &[Target], opts: &ReadOptions) -> (BoilerplateSummary, Vec<InputError>) {
        summarise(targets, opts, BoilerplateSummary::merge, BoilerplateSummary::add_story)
    }

    /// How often a story's line recurs in its source, when it recurs often enough to be boilerplate.
    pub(crate) fn lookup(&self, source: &str, line: &str) -> Option<Hit> {
        let s = self.sources.get(source)?;
        let l = s.lines.get(&line_key(line)?)?;
        is_boilerplate(l.stories, s.stories).then_some(Hit { stories: l.stories, of: s.stories })
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

impl SourceLines {
    fn prune(&mut self) {
        if self.lines.len() > MAX_LINES_PER_SOURCE {
            self.lines.retain(|_, l| l.stories > 1);
        }
    }
}

/// A line in `stories` of a source's `of` stories is boilerplate.
fn is_boilerplate(stories: u64, of: u64) -> bool {
    stories >= MIN_STORIES && stories * 1000 >= of * MIN_SHARE_PER_MILLE
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
    use crate::document::AnalyseOptions;

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
