//! `--format sarif`: SARIF 2.1.0, rule metadata from the registry. Columns count Unicode code points.

use std::io::{self, Write};

use serde_json::{Value, json};

use super::{FindingView, Render, Stats};
use crate::StoryReport;
use crate::document::Document;
use crate::finding::Severity;
use crate::input::InputError;
use crate::rules::RULES;

pub struct Sarif<'w> {
    out: Box<dyn Write + 'w>,
    results: Vec<Value>,
    notifications: Vec<Value>,
}

impl<'w> Sarif<'w> {
    pub fn new(out: Box<dyn Write + 'w>) -> Self {
        Sarif { out, results: Vec::new(), notifications: Vec::new() }
    }
}

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

impl Render for Sarif<'_> {
    fn story(&mut self, doc: &Document, report: &StoryReport) -> io::Result<()> {
        for f in &report.findings {
            let v = FindingView::new(doc, f);
            let index = RULES.iter().position(|r| r.meta().name == v.rule).unwrap_or(RULES.len());
            let l = &v.location;
            let mut region = json!({
                "startLine": l.line, "startColumn": l.column, "endLine": l.end_line, "endColumn": l.end_column,
                "snippet": { "text": v.text },
            });
            if l.field.is_none() {
                region["byteOffset"] = json!(l.span.start);
                region["byteLength"] = json!(l.span.end - l.span.start);
            }
            let mut result = json!({
                "ruleId": v.rule,
                "ruleIndex": index,
                "level": level(v.severity),
                "message": { "text": v.message },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": v.path }, "region": region } }],
                "properties": { "confidence": v.confidence, "code": v.code },
            });
            if let Some(id) = v.id {
                result["properties"]["storyId"] = json!(id);
            }
            if let Some(field) = &l.field {
                result["properties"]["field"] = json!(field);
                result["properties"]["fieldSpan"] = json!({"start": l.span.start, "end": l.span.end});
            }
            if let Some(rl) = l.record_line {
                result["properties"]["recordLine"] = json!(rl);
            }
            if let Some(fix) = &v.fix {
                result["fixes"] = json!([{
                    "description": { "text": format!("Replace with `{}` ({:?})", fix.replacement, fix.applicability) },
                    "artifactChanges": [{
                        "artifactLocation": { "uri": v.path },
                        "replacements": [{
                            "deletedRegion": if l.field.is_none() { json!({"byteOffset": fix.span.start, "byteLength": fix.span.end - fix.span.start}) } else { json!({"startLine": l.line, "startColumn": l.column, "endLine": l.end_line, "endColumn": l.end_column}) },
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            self.results.push(result);
        }
        Ok(())
    }

    fn error(&mut self, err: &InputError) -> io::Result<()> {
        let mut n = json!({ "level": "error", "message": { "text": err.message } });
        let mut loc = json!({ "physicalLocation": { "artifactLocation": { "uri": err.path } } });
        if let Some(line) = err.line {
            loc["physicalLocation"]["region"] = json!({ "startLine": line, "startColumn": err.column.unwrap_or(1) });
        }
        n["locations"] = json!([loc]);
        self.notifications.push(n);
        Ok(())
    }

    fn finish(&mut self, _stats: &Stats) -> io::Result<()> {
        // the registry, then the unused-suppression pseudo-rule (index RULES.len())
        let rules: Vec<Value> = RULES
            .iter()
            .map(|r| r.meta())
            .chain([&crate::suppress::UNUSED_SUPPRESSION])
            .map(|m| {
                json!({
                    "id": m.name,
                    "name": m.name,
                    "shortDescription": { "text": m.summary },
                    "fullDescription": { "text": m.summary },
                    "help": { "text": m.explain, "markdown": m.explain },
                    "defaultConfiguration": { "level": level(m.severity) },
                    "properties": { "code": m.code, "family": m.family },
                })
            })
            .collect();
        let doc = json!({
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [{
                "tool": { "driver": {
                    "name": "wirelint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "informationUri": "https://github.com/wirelint/wirelint",
                    "rules": rules,
                }},
                "columnKind": "unicodeCodePoints",
                "results": self.results,
                "invocations": [{
                    "executionSuccessful": self.notifications.is_empty(),
                    "toolExecutionNotifications": self.notifications,
                }],
            }],
        });
        serde_json::to_writer_pretty(&mut self.out, &doc)?;
        writeln!(self.out)?;
        self.out.flush()
    }
}
