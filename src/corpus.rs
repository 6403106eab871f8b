//! Counts over a corpus that a rule reads: per source, the lines printed in many of its stories
//! ([`BoilerplateSummary`], read by scrape-residue through `rules::Context`), and the source a
//! story is counted under. The `wirelint boilerplate` command that collects, saves and reports
//! summaries is `boilerplate`; this module is the data and the per-story counting.
//!
//! The state is a [`BoilerplateSummary`]: per source, how many stories were read and, per
//! normalised line, in how many of them it appears. Summaries [`merge`](BoilerplateSummary::merge)
//! by addition, so shards summarised apart and merged count as one run, as `names --merge` does.
//! Memory is bounded: a source keeps at most [`MAX_LINES_PER_SOURCE`] distinct lines; past that,
//! lines seen in one story only are dropped (a line that is boilerplate recurs and is kept), so
//! counts of rare lines are a lower bound and counts of frequent lines are exact or nearly so.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::document::Document;

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

/// The source a story is counted under: its declared source, else the file of a multi-story
/// file, else its folder (the same key `wirelint report` groups by).
pub(crate) fn source_of(doc: &Document) -> String {
    source_key(doc.meta.source.as_deref(), &doc.path)
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

/// The source a story is reported under: its declared source / outlet / provider; else the
/// file for a multi-story file (JSON Lines), else the folder it is in, else the file.
pub(crate) fn source_key(source: Option<&str>, path: &str) -> String {
    if let Some(s) = source.map(str::trim).filter(|s| !s.is_empty()) {
        return s.to_string();
    }
    if path == "-" {
        return "(stdin)".into();
    }
    let p = Path::new(&path);
    let multi = p.extension().and_then(|e| e.to_str()).is_some_and(|e| matches!(e, "jsonl" | "ndjson"));
    let parent = p.parent().map(|d| d.display().to_string()).filter(|d| !d.is_empty() && d != ".");
    match parent {
        Some(dir) if !multi => format!("{dir}/"),
        _ => p.file_name().map(|f| f.to_string_lossy().into_owned()).unwrap_or_else(|| path.to_string()),
    }
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

    /// How often a story's line recurs in its source, when it recurs often enough to be boilerplate.
    pub(crate) fn lookup(&self, source: &str, line: &str) -> Option<Hit> {
        let s = self.sources.get(source)?;
        let l = s.lines.get(&line_key(line)?)?;
        is_boilerplate(l.stories, s.stories).then_some(Hit { stories: l.stories, of: s.stories })
    }
}

impl SourceLines {
    pub(crate) fn prune(&mut self) {
        if self.lines.len() > MAX_LINES_PER_SOURCE {
            self.lines.retain(|_, l| l.stories > 1);
        }
    }
}

/// A line in `stories` of a source's `of` stories is boilerplate.
pub(crate) fn is_boilerplate(stories: u64, of: u64) -> bool {
    stories >= MIN_STORIES && stories * 1000 >= of * MIN_SHARE_PER_MILLE
}
