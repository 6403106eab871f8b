//! Per-rule fixtures: `tests/fixtures/rules/<CODE>-<name>/`.
//!
//! - `flagged-<what>.txt` must produce exactly the findings of that rule listed in
//!   `flagged-<what>.expect`: one line per finding, in order, `flagged text` or
//!   `flagged text<TAB>suggestion`. Lines starting with `#` are comments.
//! - `clean-<what>.txt` must produce no finding of that rule.
//!
//! All rules run (with default settings), so the fixture also proves the rule is
//! registered and enabled by default; only the folder's rule is asserted.

use std::fs;
use std::path::Path;

use wirelint::document::{AnalyseOptions, Document};
use wirelint::{Linter, Settings};

fn check_dir(linter: &Linter, dir: &Path) -> Vec<String> {
    let dirname = dir.file_name().unwrap().to_str().unwrap();
    let (code, name) = dirname.split_once('-').expect("folder is <CODE>-<name>");
    let rule = wirelint::rules::find(name).unwrap_or_else(|| panic!("{dirname}: no rule named {name}"));
    assert_eq!(rule.meta().code, code, "{dirname}: code does not match the rule's");
    let mut failures = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    let mut any_flagged = false;
    let mut any_clean = false;
    for path in entries.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let file = path.file_name().unwrap().to_str().unwrap();
        let text = fs::read_to_string(path).unwrap();
        let doc = Document::from_text(path.display().to_string(), text, &AnalyseOptions::default());
        let report = linter.check(&doc);
        let got: Vec<String> = report
            .findings
            .iter()
            .filter(|f| f.rule.name == name)
            .map(|f| match &f.suggestion {
                Some(s) if !s.replacement.is_empty() && s.span == f.span => format!("{}\t{}", doc.slice(f.span), s.replacement),
                _ => doc.slice(f.span).to_string(),
            })
            .collect();
        if file.starts_with("clean-") {
            any_clean = true;
            if !got.is_empty() {
                failures.push(format!("{dirname}/{file}: expected no {name} findings, got {got:#?}"));
            }
        } else if file.starts_with("flagged-") || file.starts_with("issue-") {
            any_flagged = true;
            let expect_path = path.with_extension("expect");
            let expected: Vec<String> = fs::read_to_string(&expect_path)
                .unwrap_or_else(|_| panic!("{} is missing", expect_path.display()))
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
                .map(|l| l.trim_end().to_string())
                .collect();
            // an expect line without a suggestion matches a finding with or without one
            let matches = got.len() == expected.len()
                && got.iter().zip(&expected).all(|(g, e)| g == e || (!e.contains('\t') && g.split('\t').next() == Some(e.as_str())));
            if !matches {
                failures.push(format!("{dirname}/{file}:\n  expected {expected:#?}\n  got {got:#?}"));
            }
        }
    }
    if !any_flagged || !any_clean {
        failures.push(format!("{dirname}: needs at least one flagged-*.txt and one clean-*.txt"));
    }
    failures
}

#[test]
fn rule_fixtures() {
    let linter = Linter::new(Settings::default()).unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut dirs: Vec<_> = fs::read_dir(&root).unwrap().flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    let failures: Vec<String> = dirs.iter().flat_map(|d| check_dir(&linter, d)).collect();
    assert!(failures.is_empty(), "{} fixture failures:\n{}", failures.len(), failures.join("\n"));
}
