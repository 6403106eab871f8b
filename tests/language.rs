//! Story language and the language rules on real copy.

use std::fs;
use std::path::Path;

use wirelint::document::{AnalyseOptions, Document};
use wirelint::{Linter, Settings};

/// The real article the project started from: English copy machine-translated from Indonesian,
/// with no fragment left in Indonesian.
#[test]
fn seed_article_has_no_untranslated_fragment() {
    let dir = Path::new("/work/shared/seed");
    if !dir.is_dir() {
        return;
    }
    let linter = Linter::new(Settings::default()).unwrap();
    for entry in fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let doc = Document::from_text(path.display().to_string(), fs::read_to_string(&path).unwrap(), &AnalyseOptions::default());
        assert_eq!(doc.language, Some("en"), "{}", path.display());
        let report = linter.check(&doc);
        let lg: Vec<_> = report.findings.iter().filter(|f| f.rule.name == "untranslated-fragment").map(|f| &f.message).collect();
        assert!(lg.is_empty(), "{}: {lg:#?}", path.display());
    }
}

#[test]
fn declared_language_wins() {
    let opts = AnalyseOptions { language: Some("id".into()), ..Default::default() };
    let doc = Document::from_text("x.txt", "The minister said the talks would resume next week.", &opts);
    assert_eq!((doc.language, doc.language_source), (Some("id"), "declared"));
}

#[test]
fn allowlist_restricts_detection() {
    let opts = AnalyseOptions { languages: vec!["en".into(), "de".into()], ..Default::default() };
    let doc = Document::from_text("x.txt", "El ministro dijo que las conversaciones se reanudarán la próxima semana.", &opts);
    assert_ne!(doc.language, Some("es"));
}
