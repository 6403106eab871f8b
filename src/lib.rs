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
pub mod corpus;
pub mod decoding;
pub mod document;
pub mod finding;
pub mod fix;
pub(crate) mod flat;
pub mod input;
pub mod lexicon;
mod linter;
pub mod names_report;
pub mod render;
pub mod report;
pub mod rules;
pub mod runner;
pub mod span;
mod story;
pub mod suppress;
pub mod text;

pub use document::Document;
pub use finding::{Applicability, Confidence, Finding, Severity, Suggestion};
pub use lexicon::{LexiconError, Lexicons};
pub use linter::{ActiveRule, Linter, Settings};
pub use rules::{RULES, Rule, RuleMeta};
pub use span::Span;
pub use story::StoryReport;
