//! EN001 entity-corruption (stub; filled in below).

use super::{Context, Family, Output, Rule, RuleMeta};
use crate::document::Document;
use crate::finding::Severity;

pub struct EntityCorruption;

pub static META: RuleMeta = RuleMeta {
    name: "entity-corruption",
    code: "EN001",
    family: Family::Entity,
    severity: Severity::Error,
    summary: "A known entity's name corrupted in translation (\"Israeli Jihad\" for \"Islamic Jihad\")",
    explain: "",
    lexicons: &[],
};

impl Rule for EntityCorruption {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }
    fn check(&self, _cx: &Context<'_>, _doc: &Document, _out: &mut Output) {}
}
