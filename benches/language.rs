//! What language identification costs: the gated `untranslated-fragment` check against
//! running whatlang on every sentence, over English news copy (MB/s of story text).
//!
//! `cargo bench --bench language`

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use wirelint::Lexicons;
use wirelint::document::{AnalyseOptions, Document};
use wirelint::rules::{Context, Output};

fn main() {
    divan::main();
}

/// English wire copy shipped as fixtures (our own writing), a mix of clean stories and ones
/// with foreign fragments, repeated to about 1 MB.
const STORIES: &[&str] = &[
    include_str!("../tests/fixtures/rules/LG001-untranslated-fragment/clean-en-foreign-names-and-quotes.txt"),
    include_str!("../tests/fixtures/rules/LG001-untranslated-fragment/clean-en-seed-style.txt"),
    include_str!("../tests/fixtures/rules/LG001-untranslated-fragment/flagged-en-indonesian-sentence.txt"),
    include_str!("../tests/fixtures/rules/LG001-untranslated-fragment/flagged-en-russian-quote.txt"),
    include_str!("../tests/fixtures/rules/FM002-date-format/clean-en-homographs.txt"),
    include_str!("../tests/fixtures/rules/FM002-date-format/flagged-en-indonesian-dates.txt"),
    include_str!("../tests/fixtures/rules/FM002-date-format/flagged-en-spanish-turkish-dates.txt"),
];

fn corpus() -> Vec<Document> {
    let opts = AnalyseOptions { language: Some("en".into()), ..Default::default() };
    let mut docs = Vec::new();
    let mut bytes = 0;
    while bytes < 1 << 20 {
        for s in STORIES {
            bytes += s.len();
            docs.push(Document::from_text("bench.txt", *s, &opts));
        }
    }
    docs
}

fn total(docs: &[Document]) -> usize {
    docs.iter().map(|d| d.text.len()).sum()
}

/// The rule as shipped: cheap evidence first, whatlang on candidate segments only.
#[divan::bench]
fn gated_untranslated_fragment(b: Bencher<'_, '_>) {
    let docs = corpus();
    let lex = Lexicons::embedded();
    let rule = wirelint::rules::find("untranslated-fragment").unwrap();
    rule.prepare(lex).unwrap();
    let cx = Context::new(lex);
    b.counter(BytesCount::new(total(&docs))).bench(|| {
        let mut n = 0;
        for d in &docs {
            let mut out = Output::default();
            rule.check(&cx, d, &mut out);
            n += out.findings.len();
        }
        black_box(n)
    });
}

/// The baseline: whatlang (copy-language allowlist) on every sentence.
#[divan::bench]
fn whatlang_every_sentence(b: Bencher<'_, '_>) {
    let docs = corpus();
    let allow: Vec<whatlang::Lang> = wirelint::document::language::COPY_LANGUAGES.iter().map(|(_, l)| *l).collect();
    let detector = whatlang::Detector::with_allowlist(allow);
    b.counter(BytesCount::new(total(&docs))).bench(|| {
        let mut foreign = 0;
        for d in &docs {
            for s in &d.sentences {
                if let Some(i) = detector.detect(d.slice(s.span))
                    && i.lang() != whatlang::Lang::Eng
                {
                    foreign += 1;
                }
            }
        }
        black_box(foreign)
    });
}

/// Story-level detection (done once per story during analysis).
#[divan::bench]
fn story_language(b: Bencher<'_, '_>) {
    let docs = corpus();
    let allow: Vec<&'static str> = wirelint::document::language::COPY_LANGUAGES.iter().map(|(c, _)| *c).collect();
    b.counter(BytesCount::new(total(&docs))).bench(|| {
        for d in &docs {
            black_box(wirelint::document::language::detect(&d.text, &allow));
        }
    });
}
