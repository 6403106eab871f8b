//! What a rule reports.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::rules::RuleMeta;
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
