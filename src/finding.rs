//! What a rule reports.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::span::Span;

/// How urgent a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// How sure the rule is that the finding is real.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Low,
    Medium,
    High,
}

/// Whether a suggestion can be applied without an editor looking at it (ruff's levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Applicability {
    /// Applying it never changes meaning (delete a residue line, remove a zero-width space).
    Safe,
    /// Probably right, but an editor should confirm.
    Unsafe,
    /// Shown as a hint; not applied by `--fix`.
    DisplayOnly,
}

/// A proposed edit: replace `span` with `replacement`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suggestion {
    pub span: Span,
    pub replacement: String,
    pub applicability: Applicability,
}

/// One problem found in one story.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static RuleMeta,
    pub severity: Severity,
    pub confidence: Confidence,
    /// Byte range of the flagged text in the document text.
    pub span: Span,
    /// Why this was flagged.
    pub message: String,
    pub suggestion: Option<Suggestion>,
}

impl Finding {
    /// A finding at the rule's default severity.
    pub fn new(rule: &'static RuleMeta, span: Span, confidence: Confidence, message: impl Into<String>) -> Self {
        Finding { rule, severity: rule.severity, confidence, span, message: message.into(), suggestion: None }
    }

    /// Suggest replacing the flagged span.
    pub(crate) fn replace_with(mut self, replacement: impl Into<String>, applicability: Applicability) -> Self {
        self.suggestion = Some(Suggestion { span: self.span, replacement: replacement.into(), applicability });
        self
    }

    /// Suggest replacing some other span (for instance the whole line).
    pub(crate) fn suggest(mut self, span: Span, replacement: impl Into<String>, applicability: Applicability) -> Self {
        self.suggestion = Some(Suggestion { span, replacement: replacement.into(), applicability });
        self
    }

    pub(crate) fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }
}

macro_rules! str_enum {
    ($ty:ty, $($name:literal => $v:expr),+) => {
        impl fmt::Display for $ty {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                let s = match self { $(x if *x == $v => $name,)+ _ => unreachable!() };
                f.write_str(s)
            }
        }
        impl FromStr for $ty {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                match s.to_ascii_lowercase().as_str() {
                    $($name => Ok($v),)+
                    _ => Err(format!("expected one of: {}", [$($name),+].join(", "))),
                }
            }
        }
    };
}

str_enum!(Severity, "info" => Severity::Info, "warning" => Severity::Warning, "error" => Severity::Error);
str_enum!(Confidence, "low" => Confidence::Low, "medium" => Confidence::Medium, "high" => Confidence::High);
str_enum!(Applicability, "safe" => Applicability::Safe, "unsafe" => Applicability::Unsafe, "display-only" => Applicability::DisplayOnly);

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
