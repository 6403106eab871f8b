//! The [`Linter`]: the enabled rules ([`Settings`], [`ActiveRule`]) run over a document, their
//! findings filtered by confidence, sorted, de-duplicated, superseded findings dropped and
//! suppressions applied, into a [`StoryReport`].

use std::path::PathBuf;
use std::sync::Arc;

use crate::corpus::BoilerplateSummary;
use crate::document::facts::StoryFacts;
use crate::document::{AnalyseOptions, Document};
use crate::finding::{Confidence, Finding, RuleMeta, Severity};
use crate::lexicon::{LexiconError, Lexicons};
use crate::rules::{self, Context, Output, RULES, Rule};
use crate::span;
use crate::story::StoryReport;
use crate::suppress;

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
    pub boilerplate: Option<Arc<BoilerplateSummary>>,
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
        // index building), each rule a task of its own so that an idle core takes the next one
        // (in chunks of rules, one core built translationese's calques, scrape-residue's and
        // untranslated-fragment's indexes in turn while the other idled); the first error in
        // rule order is reported. Beside them, the dateline patterns every story is parsed with
        // (compiled at the first story, they held it up while a core was free)
        let lexicons = linter.lexicons();
        let (facts, results): (Result<(), LexiconError>, Vec<Result<(), LexiconError>>) = rayon::join(
            || rayon::join(|| StoryFacts::prepare(lexicons), crate::document::dateline::compile).0,
            || {
                use rayon::prelude::*;
                linter.settings.rules.par_iter().with_max_len(1).map(|r| r.rule.prepare(lexicons)).collect()
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
        let mut failed = Vec::new();
        for active in &self.settings.rules {
            let from = out.findings.len();
            // a rule that trips a bug on this story loses its own findings, not the others'
            if let Err(why) = isolate(|| active.rule.check(&cx, doc, &mut out)) {
                out.findings.truncate(from);
                failed.push((active.rule.meta().name, why));
                continue;
            }
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
        let story = doc.analysis::<StoryFacts>(cx.lexicons);
        facts.extend(story.to_json(doc, cx.lexicons).into_iter().map(|(k, v)| (k.to_string(), v)));
        StoryReport { findings, facts, failed }
    }
}

/// Runs `f`, turning a panic into its message, so that a bug one story trips costs that story
/// (or that rule's findings on it), never the run.
pub(crate) fn isolate<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(ToString::to_string)
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string())
    })
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Family;

    /// A rule with a bug: it panics on every story.
    struct Broken;

    static BROKEN: RuleMeta = RuleMeta {
        name: "broken-rule",
        code: "XX999",
        family: Family::Residue,
        severity: Severity::Warning,
        supersedes: &[],
        summary: "",
        explain: "",
        lexicons: &[],
    };

    impl Rule for Broken {
        fn meta(&self) -> &'static RuleMeta {
            &BROKEN
        }

        fn check(&self, _: &Context<'_>, doc: &Document, _: &mut Output) {
            let _ = &doc.text[1..];
            panic!("byte index 1 is not a char boundary");
        }
    }

    #[test]
    fn a_rule_that_panics_loses_only_its_own_findings() {
        let rules = [&Broken as &'static dyn Rule, rules::find("scrape-residue").expect("a rule")]
            .into_iter()
            .map(|rule| ActiveRule { rule, severity: None, min_confidence: None })
            .collect();
        let linter = Linter::new(Settings { rules, ..Settings::default() }).expect("embedded lexicons");
        let doc = Document::from_text(
            "story.txt",
            "Talks resume in Doha\n\nThe talks resumed on Monday, officials said.\n\nAdvertisement\n",
            &AnalyseOptions::default(),
        );
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let report = linter.check(&doc);
        std::panic::set_hook(prev);
        assert_eq!(report.failed.len(), 1);
        assert_eq!(report.failed[0].0, "broken-rule");
        assert!(report.failed[0].1.contains("char boundary"), "{}", report.failed[0].1);
        let kept: Vec<&str> = report.findings.iter().map(|f| doc.slice(f.span)).collect();
        assert_eq!(kept, ["Advertisement"]);
    }
}
