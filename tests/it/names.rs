//! name-inconsistency on whole stories, and the corpus names report.

use crate::common;

use wirelint::document::{AnalyseOptions, Document};
use wirelint::{Linter, Settings};

/// The article the project started from has consistent names (Mohammad Shtayyeh / PM Shtayyeh,
/// Vladimir Putin, Bogdanov): no name-inconsistency finding. Read in place, never copied.
#[test]
fn seed_article_has_no_name_inconsistency() {
    let Some(dir) = common::seed_dir("seed_article_has_no_name_inconsistency") else { return };
    let entries = std::fs::read_dir(&dir).unwrap();
    let linter = Linter::new(Settings::default()).unwrap();
    for e in entries.flatten() {
        let path = e.path();
        if path.extension().is_none_or(|x| x != "txt") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let doc = Document::from_text(path.display().to_string(), text, &AnalyseOptions::default());
        let found: Vec<_> =
            linter.check(&doc).findings.into_iter().filter(|f| f.rule.name == "name-inconsistency").map(|f| f.message).collect();
        assert!(found.is_empty(), "{}: {found:#?}", path.display());
    }
}
