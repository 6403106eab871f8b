//! The rule registry: every rule is a unit struct implementing [`Rule`], listed in [`RULES`].
//!
//! Rules never print; they push [`Finding`]s (and story facts) into an [`Output`].
//! Renderers never know rules; they see findings.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::document::Document;
use crate::finding::{Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, Lexicons};

mod shared;

// One folder per family; a family module lets its rule files say `super::Context` (the
// items of this module) and `super::word_around` (the helpers in shared.rs): whatever a rule
// file may use, hence the wildcards.
pub mod entity {
    #[allow(clippy::wildcard_imports)]
    use super::*;
    pub mod entity_corruption;
}
pub mod format {
    #[allow(clippy::wildcard_imports)]
    use super::{shared::*, *};
    pub mod date_format;
    pub mod number_format;
}
pub mod language {
    #[allow(clippy::wildcard_imports)]
    use super::*;
    pub mod untranslated_fragment;
}
pub mod names {
    #[allow(clippy::wildcard_imports)]
    use super::*;
    pub mod name_inconsistency;
}
pub mod provenance {
    #[allow(clippy::wildcard_imports)]
    use super::*;
    pub mod dateline_provenance;
}
pub mod residue {
    #[allow(clippy::wildcard_imports)]
    use super::shared::*;
    pub mod scrape_residue;
}
pub mod translation {
    #[allow(clippy::wildcard_imports)]
    use super::shared::*;
    pub mod translationese;
}
pub mod unicode {
    #[allow(clippy::wildcard_imports)]
    use super::shared::*;
    pub mod invisible_character;
    pub mod mixed_script;
    pub mod mojibake;
    pub mod unnormalized_text;
}

/// Rule families (the first letters of a rule's code).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// EN: entity names
    Entity,
    /// PR: sourcing and provenance
    Provenance,
    /// NM: name spelling
    Names,
    /// LG: language
    Language,
    /// TR: translationese
    Translation,
    /// SC: scrape and CMS residue
    Residue,
    /// FM: locale formats (numbers, dates)
    Format,
    /// UN: encoding and Unicode
    Unicode,
    /// WL: the workflow itself (unused suppressions); not a copy rule
    Workflow,
}

/// Static description of a rule: the public contract.
#[derive(Debug, Serialize)]
pub struct RuleMeta {
    /// Stable kebab-case name: output, config keys, `explain`.
    pub name: &'static str,
    /// Stable code (`EN001`); never reused.
    pub code: &'static str,
    pub family: Family,
    /// Default severity; config may override.
    pub severity: Severity,
    /// The rules whose overlapping findings this rule's findings replace (see [`Supersede`]).
    /// Not part of the serialized metadata.
    #[serde(skip)]
    pub supersedes: &'static [Supersede],
    /// One line: `wirelint rules`, SARIF shortDescription.
    pub summary: &'static str,
    /// Markdown with the headings: What it flags, Why it matters, Example, Better,
    /// False positives, Lexicon.
    pub explain: &'static str,
    /// Lexicon files (under `lexicons/`) the rule reads.
    pub lexicons: &'static [&'static str],
}

/// When this rule (the winner) and the `loser` flag overlapping text and the winner's finding
/// has at least `min_confidence`, only the winner is reported, because its finding says more
/// (a known newsmaker misspelled is also an in-story inconsistency, but the entity finding
/// names the person and the right form). Declared in the winner's [`RuleMeta::supersedes`].
#[derive(Debug, Clone, Copy)]
pub struct Supersede {
    /// The name of the rule whose finding goes.
    pub loser: &'static str,
    /// The least confidence of the winner's finding that wins.
    pub min_confidence: Confidence,
}

/// What a rule sees besides the document.
pub struct Context<'a> {
    pub lexicons: &'a Lexicons,
    /// Line counts over the corpus the story comes from (`check --boilerplate`), if given.
    pub boilerplate: Option<&'a crate::boilerplate::BoilerplateSummary>,
}

impl<'a> Context<'a> {
    /// A context with the lexicons only (no corpus counts).
    pub fn new(lexicons: &'a Lexicons) -> Self {
        Context { lexicons, boilerplate: None }
    }
}

/// Where a rule puts its results.
#[derive(Debug, Default)]
pub struct Output {
    pub findings: Vec<Finding>,
    /// Story-level facts a rule derives (e.g. `translated_from`), shown in JSON metadata.
    pub facts: BTreeMap<String, serde_json::Value>,
}

impl Output {
    pub fn push(&mut self, f: Finding) {
        self.findings.push(f);
    }
    pub fn fact(&mut self, key: impl Into<String>, value: impl Serialize) {
        if let Ok(v) = serde_json::to_value(value) {
            self.facts.insert(key.into(), v);
        }
    }
}

/// A check over one analysed story.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Builds (and so validates) the lexicon indexes the rule needs; called once per run.
    fn prepare(&self, _lexicons: &Lexicons) -> Result<(), LexiconError> {
        Ok(())
    }
    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output);
}

/// Every rule, sorted by code.
pub static RULES: &[&dyn Rule] = &[
    &entity::entity_corruption::EntityCorruption,
    &format::number_format::NumberFormat,
    &format::date_format::DateFormat,
    &language::untranslated_fragment::UntranslatedFragment,
    &names::name_inconsistency::NameInconsistency,
    &provenance::dateline_provenance::DatelineProvenance,
    &residue::scrape_residue::ScrapeResidue,
    &translation::translationese::Translationese,
    &unicode::mojibake::Mojibake,
    &unicode::mixed_script::MixedScript,
    &unicode::invisible_character::InvisibleCharacter,
    &unicode::unnormalized_text::UnnormalizedText,
];

/// Every `(winner, loser, at least)` of [`RuleMeta::supersedes`] over [`RULES`], in rule order.
pub fn supersedes() -> impl Iterator<Item = (&'static str, &'static str, Confidence)> {
    RULES.iter().flat_map(|r| r.meta().supersedes.iter().map(|s| (r.meta().name, s.loser, s.min_confidence)))
}

/// A rule by name or code.
pub fn find(name: &str) -> Option<&'static dyn Rule> {
    RULES.iter().copied().find(|r| r.meta().name == name || r.meta().code.eq_ignore_ascii_case(name))
}

/// Words and tools shared by rules.
pub mod util {
    use crate::document::{Document, Token};

    /// Lower-case, diacritics removed (`Erdoğan` -> `erdogan`), for fuzzy keys.
    pub fn fold(s: &str) -> String {
        use unicode_normalization::UnicodeNormalization;
        if s.is_ascii() {
            return s.to_ascii_lowercase();
        }
        s.nfkd().filter(|c| !unicode_normalization::char::is_combining_mark(*c)).flat_map(char::to_lowercase).collect()
    }

    /// Is the byte offset inside double quotation marks in its paragraph?
    pub fn in_quotes(doc: &Document, offset: usize) -> bool {
        doc.in_quotes(offset)
    }

    /// The word tokens of a document.
    pub fn words(doc: &Document) -> impl Iterator<Item = (usize, &Token)> {
        doc.tokens.iter().enumerate().filter(|(_, t)| t.is_word())
    }
}

/// Helpers for rule unit tests.
#[cfg(test)]
pub mod testing {
    #[allow(clippy::wildcard_imports)]
    use super::*;
    use crate::document::{AnalyseOptions, Document};

    pub fn run(rule: &dyn Rule, text: &str) -> (Document, Vec<Finding>) {
        run_lang(rule, text, None)
    }

    pub fn run_lang(rule: &dyn Rule, text: &str, lang: Option<&str>) -> (Document, Vec<Finding>) {
        let lex = Lexicons::embedded();
        rule.prepare(lex).expect("lexicons valid");
        let opts = AnalyseOptions { language: lang.map(str::to_string), ..Default::default() };
        let doc = Document::from_text("test.txt", text, &opts);
        let mut out = Output::default();
        rule.check(&Context::new(lex), &doc, &mut out);
        (doc, out.findings)
    }

    /// The flagged texts.
    pub fn flagged(rule: &dyn Rule, text: &str) -> Vec<String> {
        let (doc, f) = run(rule, text);
        f.iter().map(|f| doc.slice(f.span).to_string()).collect()
    }

    pub fn assert_flags(rule: &dyn Rule, text: &str, expected: &[&str]) {
        assert_eq!(flagged(rule, text), expected, "in: {text}");
    }

    pub fn assert_clean(rule: &dyn Rule, text: &str) {
        let (doc, f) = run(rule, text);
        let got: Vec<_> = f.iter().map(|f| (doc.slice(f.span).to_string(), f.message.clone())).collect();
        assert!(got.is_empty(), "expected no findings in {text:?}, got {got:?}");
    }

    /// Applies the first finding's suggestion and compares the text.
    pub fn assert_fix(rule: &dyn Rule, before: &str, after: &str) {
        let (doc, f) = run(rule, before);
        let s = f.iter().find_map(|f| f.suggestion.clone()).expect("a suggestion");
        let mut text = doc.text.clone();
        text.replace_range(s.span.range(), &s.replacement);
        assert_eq!(text, after);
    }
}
