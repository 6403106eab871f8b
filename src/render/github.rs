//! `--format github`: GitHub Actions workflow commands, one annotation per finding.

use std::io::{self, Write};

use super::{FindingView, Render, Stats};
use crate::StoryReport;
use crate::document::Document;
use crate::finding::Severity;
use crate::input::InputError;

pub struct Github<'w> {
    out: Box<dyn Write + 'w>,
}

impl<'w> Github<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Github { out }
    }
}

fn esc_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn esc_prop(s: &str) -> String {
    esc_data(s).replace(':', "%3A").replace(',', "%2C")
}

impl Render for Github<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        for f in &report.findings {
            let v = FindingView::new(doc, f);
            let level = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            let mut msg = format!("{} [{} confidence]", v.message, v.confidence);
            if let Some(s) = v.suggestion {
                msg.push_str(&format!(" Suggestion: {s}"));
            }
            if let Some(id) = v.id {
                msg.push_str(&format!(" (story {id}{})", v.location.field.as_deref().map(|f| format!(", field {f}")).unwrap_or_default()));
            }
            let line = v.location.record_line.unwrap_or(v.location.line);
            let mut props = format!("file={},line={line}", esc_prop(v.path));
            if v.location.record_line.is_none() {
                props.push_str(&format!(",col={},endLine={},endColumn={}", v.location.column, v.location.end_line, v.location.end_column));
            }
            props.push_str(&format!(",title={}", esc_prop(&format!("wirelint {} ({})", v.rule, v.code))));
            writeln!(self.out, "::{level} {props}::{}", esc_data(&msg))?;
        }
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        let mut props = format!("file={}", esc_prop(&err.path));
        if let Some(l) = err.line {
            props.push_str(&format!(",line={l}"));
        }
        props.push_str(",title=wirelint input error");
        writeln!(self.out, "::error {props}::{}", esc_data(&err.message))
    }

    fn finish(&mut self, _stats: &Stats) -> io::Result<()> {
        self.out.flush()
    }
}
