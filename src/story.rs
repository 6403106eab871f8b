//! What checking one story returns: its findings and facts ([`StoryReport`]), which the
//! renderers, reports and baselines read.

use std::collections::BTreeMap;

use crate::finding::Finding;

/// Findings and facts for one story.
#[derive(Debug, Default)]
pub struct StoryReport {
    pub findings: Vec<Finding>,
    pub facts: BTreeMap<String, serde_json::Value>,
}
