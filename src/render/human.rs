//! `--format human`: rustc-style code frames (annotate-snippets).

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Render, Stats};
use crate::StoryReport;
use crate::document::Document;
use crate::finding::Severity;
use crate::input::InputError;

pub struct Human<'w> {
    out: Box<dyn Write + 'w>,
    renderer: Renderer,
    color: bool,
}

impl<'w> Human<'w> {
    pub fn new(out: Box<dyn Write + 'w>, color: bool) -> Self {
        let renderer = if color { Renderer::styled() } else { Renderer::plain() };
        Human { out, renderer, color }
    }
}

fn level(s: Severity) -> Level<'static> {
    match s {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

impl Render for Human<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        for f in &report.findings {
            let loc = doc.locate_text(f.span);
            let original = doc.original_for(&loc);
            let text: &str = &original.text;
            // excerpt: the whole lines the span touches
            let ls = original.lines().line_start(loc.line);
            let le = text[loc.end..].find('\n').map(|i| loc.end + i).unwrap_or(text.len());
            let excerpt = &text[ls..le.max(ls)];
            let mut path = doc.path.clone();
            if let Some(rl) = loc.record_line {
                path = format!("{path}:{rl}");
            }
            if let Some(field) = &loc.field {
                path = format!("{path} [{field}]");
            }
            if let Some(id) = &doc.id {
                path = format!("{path} (story {id})");
            }
            let label = match &f.suggestion {
                Some(s) if s.replacement.is_empty() => "delete this".to_string(),
                Some(s) => format!("did you mean `{}`?", s.replacement),
                None => String::new(),
            };
            let lvl = level(f.severity);
            let title = lvl.primary_title(f.message.as_str()).id(f.rule.name);
            let mut ann = AnnotationKind::Primary.span((loc.start - ls)..(loc.end - ls).max(loc.start - ls));
            if !label.is_empty() {
                ann = ann.label(label);
            }
            let mut group = title.element(Snippet::source(excerpt).line_start(loc.line).path(path).annotation(ann));
            group = group.element(Level::NOTE.message(format!("confidence: {} · rule {} ({})", f.confidence, f.rule.name, f.rule.code)));
            if let Some(e) = &doc.encoding {
                let how = serde_json::to_value(e.source).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default();
                group = group.element(Level::NOTE.message(format!(
                    "read as {} ({how}), not UTF-8; byte offsets in machine output are offsets of the file as it is on disk",
                    e.name
                )));
            }
            if let Some(s) = &f.suggestion {
                let what = if s.replacement.is_empty() { "remove it".to_string() } else { format!("replace with `{}`", s.replacement) };
                group = group.element(Level::HELP.message(format!("{what} ({})", s.applicability)));
            }
            let report: &[Group<'_>] = &[group];
            writeln!(self.out, "{}\n", self.renderer.render(report))?;
        }
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        let head = if self.color { "\x1b[1;31merror\x1b[0m" } else { "error" };
        writeln!(self.out, "{head}: {err}\n")
    }

    fn finish(&mut self, stats: &Stats) -> io::Result<()> {
        let sev = |k: &str| stats.by_severity.get(k).copied().unwrap_or(0);
        let plural = |n: usize, w: &str| if n == 1 { format!("{n} {w}") } else { format!("{n} {w}s") };
        let mut line = format!(
            "{} ({}, {}, {} info) in {}",
            plural(stats.findings, "finding"),
            plural(sev("error"), "error"),
            plural(sev("warning"), "warning"),
            sev("info"),
            plural(stats.stories, "story").replace("storys", "stories")
        );
        if stats.errors > 0 {
            line.push_str(&format!("; {} could not be read", plural(stats.errors, "input")));
        }
        writeln!(self.out, "{line}")?;
        if !stats.skipped.is_empty() {
            let n: usize = stats.skipped.values().sum();
            let why: Vec<String> = stats.skipped.iter().map(|(k, v)| format!("{v} {k}")).collect();
            writeln!(self.out, "skipped {} ({}); --verbose lists them", plural(n, "path"), why.join(", "))?;
        }
        if let Some(summary) = &stats.summary {
            super::summary::write_human(&mut self.out, &stats.by_rule, summary)?;
        }
        self.out.flush()
    }
}
