//! The seed article (the real story the project started from) through the surface rules.
//! It lives outside the repository, in `shared/seed/` beside the checkout; the test is
//! skipped when it is not there.

use crate::common;

use wirelint::document::{AnalyseOptions, Document};
use wirelint::{Linter, Settings};

#[test]
fn seed_article_surface_findings() {
    let Some(dir) = common::seed_dir("seed_article_surface_findings") else { return };
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "txt")).collect();
    files.sort();
    let path = files.first().expect("a seed article");
    let text = std::fs::read_to_string(path).unwrap();
    let doc = Document::from_text(path.display().to_string(), text, &AnalyseOptions::default());
    let report = Linter::new(Settings::default()).unwrap().check(&doc);
    let of = |rule: &str| -> Vec<&str> { report.findings.iter().filter(|f| f.rule.name == rule).map(|f| doc.slice(f.span)).collect() };

    let calques = of("translationese");
    assert!(calques.contains(&"It is known that"), "{calques:?}");
    assert!(calques.contains(&"It was said that"), "{calques:?}");
    assert_eq!(report.facts.get("translated_from"), Some(&serde_json::json!("id")));
    assert_eq!(of("scrape-residue"), vec!["SEE ALSO:"]);
    // 28,985 and 68,883 are correct English
    assert!(of("number-format").is_empty(), "{:?}", of("number-format"));
    for rule in ["mojibake", "mixed-script", "invisible-character", "unnormalized-text"] {
        assert!(of(rule).is_empty(), "{rule}: {:?}", of(rule));
    }
}
