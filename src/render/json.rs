//! `--format json` (one document) and `--format jsonl` (one object per line).

use std::io::{self, Write};

use serde::Serialize;
use serde_json::json;

use super::{FindingView, Render, Stats, StoryView};
use crate::StoryReport;
use crate::document::Document;
use crate::input::InputError;

/// One JSON document, written at the end: `{version, stories:[{..., findings:[...]}], errors, summary}`.
pub struct Json<'w> {
    out: Box<dyn Write + 'w>,
    stories: Vec<serde_json::Value>,
    errors: Vec<serde_json::Value>,
}

impl<'w> Json<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Json { out, stories: Vec::new(), errors: Vec::new() }
    }
}

#[derive(Serialize)]
struct StoryWithFindings<'a> {
    #[serde(flatten)]
    story: StoryView<'a>,
    #[serde(rename = "results")]
    findings: Vec<FindingView<'a>>,
}

impl Render for Json<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        let v = StoryWithFindings {
            story: StoryView::new(doc, report),
            findings: report.findings.iter().map(|f| FindingView::new(doc, f)).collect(),
        };
        self.stories.push(serde_json::to_value(v)?);
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        self.errors.push(serde_json::to_value(err)?);
        Ok(())
    }

    fn finish(&mut self, stats: &Stats) -> io::Result<()> {
        let doc = json!({
            "tool": "wirelint",
            "version": env!("CARGO_PKG_VERSION"),
            "stories": self.stories,
            "errors": self.errors,
            "summary": stats,
        });
        serde_json::to_writer_pretty(&mut self.out, &doc)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}

/// One JSON object per line, streamed: `{"type":"finding",...}`, `{"type":"story",...}`,
/// `{"type":"error",...}`, and a final `{"type":"summary",...}`.
pub struct JsonLines<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> JsonLines<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        JsonLines { out }
    }

    fn line(&mut self, kind: &str, v: impl Serialize) -> io::Result<()> {
        let value = record(kind, v)?;
        serde_json::to_writer(&mut self.out, &value)?;
        self.out.write_all(b"\n")
    }
}

/// One JSON Lines record: `v` with `"type": kind` added.
pub fn record(kind: &str, v: impl Serialize) -> serde_json::Result<serde_json::Value> {
    let mut value = serde_json::to_value(v)?;
    if let serde_json::Value::Object(m) = &mut value {
        m.insert("type".into(), kind.into());
    }
    Ok(value)
}

/// A finding exactly as `--format jsonl` writes it (`"type": "finding"`).
pub fn finding_record(doc: &Document, f: &crate::Finding) -> serde_json::Value {
    record("finding", FindingView::new(doc, f)).expect("a finding serializes")
}

/// An unreadable input exactly as `--format jsonl` writes it (`"type": "error"`).
pub fn error_record(err: &InputError) -> serde_json::Value {
    record("error", err).expect("an error serializes")
}

/// A story exactly as `--format jsonl` writes it (`"type": "story"`).
pub fn story_record(doc: &Document, report: &StoryReport) -> serde_json::Value {
    record("story", StoryView::new(doc, report)).expect("a story serializes")
}

impl Render for JsonLines<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        for f in &report.findings {
            self.line("finding", FindingView::new(doc, f))?;
        }
        self.line("story", StoryView::new(doc, report))
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        self.line("error", err)
    }

    fn finish(&mut self, stats: &Stats) -> io::Result<()> {
        self.line("summary", stats)?;
        self.out.flush()
    }
}
