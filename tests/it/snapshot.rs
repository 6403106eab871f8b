//! Snapshot tests (insta): what wirelint says, whole, so that a change in behaviour is a diff to
//! read rather than an assertion to rewrite.
//!
//! - `fixture_findings`: every fixture story under `tests/fixtures/rules/` (clean and flagged),
//!   every rule at default settings and every confidence, one JSON line per finding (rule,
//!   code, severity, confidence, `at` line:column-line:column, span, text, message, suggestion,
//!   fix). One snapshot file per story in `tests/snapshots/fixtures/`.
//! - `every_format`: `wirelint check --format F` of the real binary over a few stories, for each
//!   output format, in `tests/snapshots/formats/`.
//!
//! After a meant change: `cargo insta review` (with cargo-insta installed), or
//! `INSTA_UPDATE=always cargo test --test it snapshot::` and `git diff tests/snapshots/`. A new
//! fixture story gets its snapshot the same way.

use std::path::Path;
use std::process::Command;

use serde_json::Value;
use wirelint::document::{AnalyseOptions, Document};
use wirelint::render::finding_record;
use wirelint::{Linter, Settings};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One finding as a compact JSON line: the `--format jsonl` record without `path` and `type`,
/// its four position fields folded into `at` (`line:col-line:col`).
fn finding_line(doc: &Document, f: &wirelint::Finding) -> String {
    let mut v = finding_record(doc, f);
    let m = v.as_object_mut().expect("a finding record is an object");
    m.remove("path");
    m.remove("type");
    let n = |m: &mut serde_json::Map<String, Value>, k: &str| m.remove(k).and_then(|v| v.as_u64()).unwrap_or(0);
    let at = format!("{}:{}-{}:{}", n(m, "line"), n(m, "column"), n(m, "end_line"), n(m, "end_column"));
    m.insert("at".into(), Value::String(at));
    serde_json::to_string(&v).expect("JSON")
}

#[test]
fn fixture_findings() {
    let linter = Linter::new(Settings::default()).unwrap();
    insta::with_settings!({
        snapshot_path => "../snapshots/fixtures",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::glob!("../fixtures/rules", "*/*.txt", |path| {
            let text = std::fs::read_to_string(path).unwrap();
            // the path as `wirelint check` run from the repository root names it
            let rel = path.strip_prefix(root()).unwrap_or(path).display().to_string();
            let doc = Document::from_text(rel, text, &AnalyseOptions::default());
            let report = linter.check(&doc);
            let lines: Vec<String> = report.findings.iter().map(|f| finding_line(&doc, f)).collect();
            insta::assert_snapshot!(lines.join("\n"));
        });
    });
}

/// The stories every format is shown on: a translated story with findings of most rules, an
/// NITF file, a story with a safe fix, and a clean one.
const STORIES: &[&str] = &[
    "examples/translated-story.txt",
    "tests/fixtures/inputs/story.nitf.xml",
    "tests/fixtures/rules/UN001-mojibake/flagged-en.txt",
    "tests/fixtures/rules/UN001-mojibake/clean-vi-pt-de.txt",
];

/// What of an output depends on this machine or release: the checkout's path, and the version.
fn normalise(out: &str) -> String {
    let root = root().display().to_string();
    out.replace(&root, "[ROOT]").replace(&format!("\"{}\"", env!("CARGO_PKG_VERSION")), "\"[VERSION]\"")
}

/// SARIF carries every rule's whole explain text (help); `wirelint explain` is tested on its
/// own, so the snapshot keeps the rule list and says where the text comes from.
fn shorten_sarif(out: &str) -> String {
    let mut v: Value = serde_json::from_str(out).expect("SARIF is JSON");
    for run in v["runs"].as_array_mut().into_iter().flatten() {
        for rule in run["tool"]["driver"]["rules"].as_array_mut().into_iter().flatten() {
            let name = rule["name"].as_str().unwrap_or_default().to_string();
            if let Some(help) = rule.get_mut("help").and_then(Value::as_object_mut) {
                for text in help.values_mut() {
                    *text = Value::String(format!("[wirelint explain {name}]"));
                }
            }
        }
    }
    serde_json::to_string_pretty(&v).unwrap() + "\n"
}

#[test]
fn every_format() {
    for format in ["human", "json", "jsonl", "sarif", "github"] {
        let out = Command::new(env!("CARGO_BIN_EXE_wirelint"))
            .current_dir(root())
            .env("NO_COLOR", "1")
            .args(["check", "--no-config", "--no-progress", "--color", "never", "-j", "1", "--format", format])
            .args(STORIES)
            .output()
            .expect("run wirelint");
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
        let stdout = if format == "sarif" { shorten_sarif(&stdout) } else { stdout };
        let stderr = String::from_utf8_lossy(&out.stderr);
        let shown = format!("exit: {}\n--- stderr\n{stderr}--- stdout\n{stdout}", out.status.code().unwrap_or(-1));
        insta::with_settings!({
            snapshot_path => "../snapshots/formats",
            prepend_module_to_snapshot => false,
            omit_expression => true,
            description => format!("wirelint check --format {format} {}", STORIES.join(" ")),
        }, {
            insta::assert_snapshot!(format!("format_{format}"), normalise(&shown));
        });
    }
}
