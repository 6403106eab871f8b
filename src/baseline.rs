//! Baselines (issue 18): accept today's findings, report only new ones.
//!
//! `wirelint check --write-baseline FILE PATHS` writes every finding of the run to FILE;
//! `wirelint check --baseline FILE PATHS` then reports only findings that are not in it.
//!
//! A finding is keyed so that edits elsewhere in the story do not disturb it: the story (its
//! id when it has one, else its path relative to the baseline file's folder), the rule, the
//! flagged text, and a fingerprint of up to four words either side of it in its paragraph. No
//! line numbers or offsets. Matching is a multiset: an entry with `count: 2` absorbs two
//! identical findings, and a third is reported.
//!
//! The file format (version 1), stable and sorted so that it diffs well in review:
//!
//! ```json
//! {
//!   "tool": "wirelint",
//!   "baseline_version": 1,
//!   "entries": [
//!     { "path": "feeds/afp/cairo.txt", "rule": "translationese", "text": "It is known that",
//!       "context": "9f1c0d2e4b7a6358", "count": 1 },
//!     { "path": "feeds/partner.jsonl", "id": "afp-2031", "rule": "entity-corruption",
//!       "text": "Israeli Jihad", "context": "0b5e...", "count": 1 }
//!   ]
//! }
//! ```
//!
//! `context` is the FNV-1a 64-bit hash (16 hex digits) of the lower-cased words before and after
//! the flagged text, joined as `before|after`, with punctuation dropped.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::StoryReport;
use crate::document::Document;
use crate::finding::Finding;
use crate::suppress::{absolute, relative_path};

/// The format version written in `baseline_version`.
pub const VERSION: u32 = 1;

/// Words on each side of a finding that go into its context fingerprint.
const CONTEXT_WORDS: usize = 4;

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    /// Story path relative to the baseline file's folder, `/`-separated.
    pub path: String,
    /// Story id; when present it, not the path, identifies the story.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub rule: String,
    pub text: String,
    pub context: String,
    #[serde(default = "one")]
    pub count: usize,
}

fn one() -> usize {
    1
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    tool: String,
    baseline_version: u32,
    entries: Vec<Entry>,
}

type Key = (String, String, String, String);

fn key(e: &Entry) -> Key {
    let story = match &e.id {
        Some(id) => format!("id:{id}"),
        None => format!("path:{}", e.path),
    };
    (story, e.rule.clone(), e.text.clone(), e.context.clone())
}

/// Makes entries for findings: paths relative to the baseline's folder.
pub(crate) struct Keyer {
    cwd: PathBuf,
    root: PathBuf,
    last: Option<(String, String)>,
}

impl Keyer {
    /// For a baseline file at `file`.
    pub fn new(file: &Path) -> Keyer {
        let cwd = std::env::current_dir().unwrap_or_default();
        let root = absolute(&cwd, file.parent().unwrap_or(Path::new("")));
        Keyer { cwd, root, last: None }
    }

    fn path(&mut self, display: &str) -> String {
        if let Some((d, r)) = &self.last
            && d == display
        {
            return r.clone();
        }
        let r = relative_path(&self.cwd, &self.root, display);
        self.last = Some((display.to_string(), r.clone()));
        r
    }

    pub fn entry(&mut self, doc: &Document, f: &Finding) -> Entry {
        Entry {
            path: self.path(&doc.path),
            id: doc.id.clone(),
            rule: f.rule.name.to_string(),
            text: doc.slice(f.span).to_string(),
            context: context(doc, f),
            count: 1,
        }
    }
}

/// The fingerprint of the words around a finding, within its paragraph.
pub fn context(doc: &Document, f: &Finding) -> String {
    let i = doc.paragraphs.partition_point(|p| p.end < f.span.start);
    let para = doc.paragraphs.get(i).filter(|p| p.start <= f.span.start).copied().unwrap_or(crate::Span::new(0, doc.text.len()));
    let (lo, hi) = (para.start.min(f.span.start), para.end.max(f.span.end));
    let words = |s: &str| -> Vec<String> {
        s.split_whitespace()
            .map(|w| w.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_lowercase).collect::<String>())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let before = words(&doc.text[lo..f.span.start]);
    let after = words(&doc.text[f.span.end..hi]);
    let before = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let after = &after[..after.len().min(CONTEXT_WORDS)];
    let s = format!("{}|{}", before.join(" "), after.join(" "));
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.as_bytes() {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{h:016x}")
}

/// Collects a run's findings into a baseline file.
pub struct Writer {
    keyer: Keyer,
    counts: BTreeMap<Entry, usize>,
    pub findings: usize,
}

impl Writer {
    pub fn new(file: &Path) -> Writer {
        Writer { keyer: Keyer::new(file), counts: BTreeMap::new(), findings: 0 }
    }

    pub fn add(&mut self, doc: &Document, report: &StoryReport) {
        for f in &report.findings {
            *self.counts.entry(self.keyer.entry(doc, f)).or_default() += 1;
            self.findings += 1;
        }
    }

    pub fn entries(&self) -> usize {
        self.counts.len()
    }

    /// Writes the file atomically (temporary file in the same folder, then rename).
    pub fn write(&self, file: &Path) -> std::io::Result<()> {
        let entries: Vec<Entry> = self.counts.iter().map(|(e, &n)| Entry { count: n, ..e.clone() }).collect();
        let doc = File { tool: "wirelint".into(), baseline_version: VERSION, entries };
        let mut text = serde_json::to_string_pretty(&doc)?;
        text.push('\n');
        let dir = match file.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "baseline".into());
        let tmp = dir.join(format!(".{name}.wirelint-{}.tmp", std::process::id()));
        std::fs::write(&tmp, text.as_bytes())?;
        std::fs::rename(&tmp, file).inspect_err(|_| {
            let _ = std::fs::remove_file(&tmp);
        })
    }
}

/// A baseline loaded for filtering.
pub struct Baseline {
    keyer: Keyer,
    remaining: HashMap<Key, usize>,
    entries: Vec<Entry>,
    /// Findings the baseline absorbed.
    pub absorbed: usize,
}

impl Baseline {
    /// Reads a baseline file; errors name the file (and the line, for bad JSON).
    pub fn load(file: &Path) -> Result<Baseline, String> {
        let text = std::fs::read_to_string(file).map_err(|e| format!("{}: cannot read baseline: {e}", file.display()))?;
        let doc: File = serde_json::from_str(&text)
            .map_err(|e| format!("{}:{}:{}: not a wirelint baseline: {e}", file.display(), e.line(), e.column()))?;
        if doc.baseline_version != VERSION {
            return Err(format!(
                "{}: baseline_version {} is not supported by this wirelint (it reads version {VERSION}); write it again with --write-baseline",
                file.display(),
                doc.baseline_version
            ));
        }
        let mut remaining: HashMap<Key, usize> = HashMap::new();
        for e in &doc.entries {
            *remaining.entry(key(e)).or_default() += e.count;
        }
        Ok(Baseline { keyer: Keyer::new(file), remaining, entries: doc.entries, absorbed: 0 })
    }

    /// Removes the findings the baseline holds (each entry absorbs up to `count` findings).
    pub fn filter(&mut self, doc: &Document, report: &mut StoryReport) {
        if report.findings.is_empty() || self.remaining.is_empty() {
            return;
        }
        let keyer = &mut self.keyer;
        let remaining = &mut self.remaining;
        let mut absorbed = 0;
        report.findings.retain(|f| {
            let k = key(&keyer.entry(doc, f));
            match remaining.get_mut(&k) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    absorbed += 1;
                    false
                }
                _ => true,
            }
        });
        self.absorbed += absorbed;
    }

    /// Entries (with how many of their findings were not seen) that matched fewer findings
    /// than they hold: fixed copy, or stories not checked in this run.
    pub fn stale(&self) -> Vec<(Entry, usize)> {
        let mut left = self.remaining.clone();
        let mut out = Vec::new();
        for e in &self.entries {
            if let Some(n) = left.get_mut(&key(e))
                && *n > 0
            {
                let take = (*n).min(e.count);
                *n -= take;
                out.push((e.clone(), take));
            }
        }
        out
    }
}
