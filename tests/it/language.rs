//! Story language and the language rules on real copy.

use crate::common;

use std::fs;

use wirelint::document::{AnalyseOptions, Document};
use wirelint::{Linter, Settings};

/// The real article the project started from: English copy machine-translated from Indonesian,
/// with no fragment left in Indonesian.
#[test]
fn seed_article_has_no_untranslated_fragment() {
    let Some(dir) = common::seed_dir("seed_article_has_no_untranslated_fragment") else { return };
    let linter = Linter::new(Settings::default()).unwrap();
    for entry in fs::read_dir(&dir).unwrap().flatten() {
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

/// Earnings tables and figure lists do not vote on the story's language: the dateline's month
/// name and the prose lines do. Native English copy made of figures stays English and no
/// number or date rule fires on it.
#[test]
fn figures_do_not_flip_the_language() {
    let linter = Linter::new(Settings::default()).unwrap();
    let stories = [
        "ACME TOOL CORP <ACT> 2ND QTR NET\n\nDAYTON, Ohio, April 7 - Shr 31 cts vs 18 cts\n\nNet 1,204,000 vs 702,000\n\nRevs 41.3 mln vs 36.9 mln\n\nAvg shrs 3,880,000 vs 3,870,000\n\nSix mths\n\nShr 55 cts vs 40 cts\n\nNet 2,131,000 vs 1,552,000\n\nNOTE: Prior year net includes gain 120,000 dlrs from sale of a plant. Reuter\n",
        // a month abbreviation several languages share (`Oct`), written before the day
        "HARBOR BANCORP <HBC> 3RD QTR NET\n\nPORTLAND, Maine, Oct 14 - Shr 44 cts vs 39 cts\n\nNet 3,912,000 vs 3,408,000\n\nLoans 412.6 mln vs 380.2 mln\n\nDeposits 618.0 mln vs 590.4 mln\n",
    ];
    for s in stories {
        let doc = Document::from_text("earnings.txt", s, &AnalyseOptions::default());
        assert_eq!(doc.language, Some("en"), "{s}");
        let report = linter.check(&doc);
        assert!(report.findings.is_empty(), "{:#?}", report.findings);
    }
    // a table with no prose and no dated dateline has no language to vote for
    let doc = Document::from_text(
        "table.txt",
        "Shr 12 cts vs 9 cts\n\nNet 402,000 vs 311,000\n\nRevs 9.8 mln vs 8.1 mln\n",
        &AnalyseOptions::default(),
    );
    assert_eq!(doc.language, None);
    assert!(linter.check(&doc).findings.is_empty());
    // French copy with a French dateline month and a French figure stays French
    let doc = Document::from_text(
        "fr.txt",
        "Résultats en hausse\n\nPARIS, 12 mars - Le groupe a publié jeudi un bénéfice net de 3,5 millions d'euros, en hausse par rapport à l'an dernier, a indiqué la direction dans un communiqué.\n",
        &AnalyseOptions::default(),
    );
    assert_eq!(doc.language, Some("fr"));
}
