//! wirelint: catch translation and editorial artifacts in news wire copy.
//!
//! ```
//! use wirelint::{Linter, Settings, document::{Document, AnalyseOptions}};
//! let linter = Linter::new(Settings::default()).unwrap();
//! let doc = Document::from_text("story.txt", "Talks\n\nThe militant groups Hamas and Israeli Jihad were invited.", &AnalyseOptions::default());
//! let report = linter.check(&doc);
//! assert_eq!(report.findings[0].rule.name, "entity-corruption");
//! ```
//!
//! # Entry points
//!
//! - **Checking a story**: [`Linter`] (built from [`Settings`]; cheap to share across threads)
//!   checks a [`Document`] ([`document::Document::from_text`], or read from a file by [`input`])
//!   and returns a [`StoryReport`]: [`Finding`]s (rule, [`Span`], [`Severity`], [`Confidence`],
//!   message, optional [`Suggestion`]) and story facts.
//! - **The rules**: [`RULES`] lists every rule (a [`Rule`] with its [`RuleMeta`]: name, code,
//!   explain text); [`rules::find`] looks one up by name or code. Rules are registered by
//!   `build.rs` from the files under `src/rules/<family>/`.
//! - **Reading input**: [`input::read_path`] and [`input::read_bytes`] turn plain text, HTML,
//!   NewsML-G2, NITF, ninjs and JSON Lines into documents ([`input::ReadOptions`],
//!   [`input::InputFormat`]).
//! - **Running over paths**: [`runner`] walks paths and checks stories in parallel in input
//!   order ([`runner::collect_targets`], [`runner::run`]); [`render::renderer`] writes the
//!   findings as human text, JSON, JSON Lines, SARIF or GitHub annotations.
//! - **Fixes, configuration, workflow**: [`fix`] (safe fixes, diffs), [`config::Config`]
//!   (`wirelint.toml`), [`baseline::Baseline`], [`suppress::Allows`].
//! - **Corpus reports**: [`report::Audit`] (`wirelint report`: HTML and Markdown),
//!   [`names_report::NameSummary`] (`wirelint names`), [`boilerplate::BoilerplateSummary`]
//!   (`wirelint boilerplate`), each mergeable across shards.
//! - **JSON in, JSON out**: [`api`] wraps the above for the Python bindings and the HTTP server.
//!
//! The `wirelint` binary (feature `cli`) is built on these entry points only.

pub mod api;
pub mod baseline;
pub mod boilerplate;
pub mod config;
pub mod document;
pub mod finding;
pub mod fix;
pub mod input;
pub mod lexicon;
pub mod names_report;
pub mod render;
pub mod report;
pub mod rules;
pub mod runner;
pub mod span;
pub mod suppress;
pub mod text;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

pub use document::Document;
pub use finding::{Applicability, Confidence, Finding, Severity, Suggestion};
pub use lexicon::{LexiconError, Lexicons};
pub use rules::{RULES, Rule, RuleMeta};
pub use span::Span;

use document::AnalyseOptions;
use rules::{Context, Output};

/// A rule as configured for this run.
#[derive(Clone)]
pub struct ActiveRule {
    pub rule: &'static dyn Rule,
    pub severity: Option<Severity>,
    pub min_confidence: Option<Confidence>,
}

/// Resolved settings for a run (from flags and config).
#[derive(Clone)]
pub struct Settings {
    pub rules: Vec<ActiveRule>,
    pub min_confidence: Confidence,
    pub analyse: AnalyseOptions,
    pub lexicon_files: Vec<PathBuf>,
    /// Lines counted over a corpus (`wirelint boilerplate --save-summary`): a story's line that
    /// its source prints in many stories is reported by scrape-residue.
    pub boilerplate: Option<Arc<boilerplate::BoilerplateSummary>>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            rules: RULES.iter().map(|&rule| ActiveRule { rule, severity: None, min_confidence: None }).collect(),
            min_confidence: Confidence::Low,
            analyse: AnalyseOptions::default(),
            lexicon_files: Vec::new(),
            boilerplate: None,
        }
    }
}

/// Findings and facts for one story.
#[derive(Debug, Default)]
pub struct StoryReport {
    pub findings: Vec<Finding>,
    pub facts: BTreeMap<String, serde_json::Value>,
}

/// Runs the enabled rules over documents. Cheap to share across threads.
pub struct Linter {
    pub settings: Settings,
    /// `[[allow]]` entries of the config (markup and record suppressions need nothing here).
    pub allows: Option<suppress::Allows>,
    /// The embedded lexicons plus the user's files; `None` when there are no user files.
    user_lexicons: Option<Arc<Lexicons>>,
}

impl Linter {
    /// Loads lexicons (embedded + user files) and prepares every enabled rule's indexes.
    pub fn new(settings: Settings) -> Result<Linter, LexiconError> {
        let user_lexicons =
            if settings.lexicon_files.is_empty() { None } else { Some(Arc::new(Lexicons::with_user_files(&settings.lexicon_files)?)) };
        let linter = Linter { settings, allows: None, user_lexicons };
        // the rules' indexes are independent: build them on all cores (start-up is mostly
        // index building); the first error in rule order is reported
        let lexicons = linter.lexicons();
        let (facts, results): (Result<(), LexiconError>, Vec<Result<(), LexiconError>>) = rayon::join(
            || document::facts::StoryFacts::prepare(lexicons),
            || {
                use rayon::prelude::*;
                linter.settings.rules.par_iter().map(|r| r.rule.prepare(lexicons)).collect()
            },
        );
        results.into_iter().collect::<Result<(), LexiconError>>()?;
        facts?;
        Ok(linter)
    }

    /// A linter with other rules and minimum confidence over the same (already prepared)
    /// lexicons: cheap, for per-request settings in `wirelint serve`. `rules` must be a
    /// subset of this linter's rules (theirs are the indexes that were prepared); `[[allow]]`
    /// entries are not carried over.
    pub fn with_rules(&self, rules: Vec<ActiveRule>, min_confidence: Confidence) -> Linter {
        let settings = Settings { rules, min_confidence, ..self.settings.clone() };
        Linter { settings, allows: None, user_lexicons: self.user_lexicons.clone() }
    }

    pub fn lexicons(&self) -> &Lexicons {
        self.user_lexicons.as_deref().unwrap_or_else(|| Lexicons::embedded())
    }

    pub fn analyse_options(&self) -> &AnalyseOptions {
        &self.settings.analyse
    }

    /// Runs every enabled rule over a document; findings sorted by position then rule.
    pub fn check(&self, doc: &Document) -> StoryReport {
        let cx = Context { lexicons: self.lexicons(), boilerplate: self.settings.boilerplate.as_deref() };
        let mut out = Output::default();
        for active in &self.settings.rules {
            let from = out.findings.len();
            active.rule.check(&cx, doc, &mut out);
            let min = active.min_confidence.unwrap_or(self.settings.min_confidence);
            let mut mine = out.findings.split_off(from);
            mine.retain(|f| f.confidence >= min);
            if let Some(s) = active.severity {
                for f in &mut mine {
                    f.severity = s;
                }
            }
            out.findings.append(&mut mine);
        }
        let mut findings = out.findings;
        findings.sort_by(|a, b| a.span.start.cmp(&b.span.start).then(a.rule.code.cmp(b.rule.code)).then(a.span.end.cmp(&b.span.end)));
        findings.dedup_by(|a, b| a.rule.code == b.rule.code && a.span == b.span);
        drop_superseded(&mut findings);
        let active = |m: &RuleMeta| self.settings.rules.iter().any(|r| r.rule.meta().name == m.name);
        suppress::apply(doc, &mut findings, self.allows.as_ref().filter(|a| !a.is_empty()), &active);
        // story facts come from the analysis, whichever rules run
        let mut facts = out.facts;
        let story = doc.analysis::<document::facts::StoryFacts>(cx.lexicons);
        facts.extend(story.to_json(doc, cx.lexicons).into_iter().map(|(k, v)| (k.to_string(), v)));
        StoryReport { findings, facts }
    }
}

/// Drops the findings that a rule's [`RuleMeta::supersedes`] says another rule's overlapping
/// finding replaces.
fn drop_superseded(findings: &mut Vec<Finding>) {
    if findings.len() < 2 {
        return;
    }
    // for each rule pair, the winner's spans (at the confidence that wins), so each loser
    // finding is one binary search per pair instead of a scan of every finding
    let pairs: Vec<_> = rules::supersedes().collect();
    let winners: Vec<span::SpanSet> = pairs
        .iter()
        .map(|&(winner, _, min)| {
            span::SpanSet::new(findings.iter().filter(|g| g.rule.name == winner && g.confidence >= min).map(|g| g.span))
        })
        .collect();
    findings.retain(|f| !pairs.iter().zip(&winners).any(|(&(_, loser, _), w)| loser == f.rule.name && w.overlaps(f.span)));
}
