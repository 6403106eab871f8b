//! What checking one story returns: its findings and facts ([`StoryReport`]), which the
//! renderers, reports and baselines read.

use std::collections::BTreeMap;

use crate::finding::Finding;

/// Findings and facts for one story.
#[derive(Debug, Default)]
pub struct StoryReport {
    pub findings: Vec<Finding>,
    pub facts: BTreeMap<String, serde_json::Value>,
    /// The rules that panicked on this story (a bug), each with the panic's message: their
    /// findings for it are dropped, the other rules' are kept. The command line reports each as
    /// an error record beside the story's findings.
    pub failed: Vec<(&'static str, String)>,
}
