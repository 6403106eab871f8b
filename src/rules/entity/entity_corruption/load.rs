//! Where the rule's entity index comes from: compiled in by `build.rs` from the embedded
//! lexicons (read in place, nothing built at start-up), or built at run time when the user adds
//! lexicons of its kinds; and the country names a listed legislator's slip is scored with.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::index::{Built, EntityIndex, KINDS, SideTables};
use crate::flat::Data;
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::util::fold;

/// The entity index `build.rs` froze from the embedded lexicons.
mod compiled {
    pub(super) static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/entity_index.bin"));
    pub(super) static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/entity_index.txt"));
}

/// The compiled entity index, as the embedded lexicons build it.
pub(super) fn compiled() -> EntityIndex {
    EntityIndex::new(Data::new(Cow::Borrowed(compiled::WORDS), Cow::Borrowed(compiled::TEXT)))
}

/// The entity index built from `lexicons` and frozen at run time: the entity tables and the
/// lexicon-only tables on two cores.
pub(super) fn built(lexicons: &Lexicons) -> Result<EntityIndex, LexiconError> {
    let (ix, side) = rayon::join(|| Built::build_entities(lexicons), || SideTables::build(lexicons));
    let (words, text) = Built::combine(ix, side)?.freeze();
    Ok(EntityIndex::new(Data::new(Cow::Owned(words), Cow::Owned(text))))
}

impl LexiconIndex for EntityIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        if lexicons.embedded_only(KINDS) { Ok(compiled()) } else { built(lexicons) }
    }
}

/// ISO country code -> folded country names and demonyms of every language (`country-names`
/// lexicons): a listed legislator's country named in the story points to the legislator.
/// Built on first use (a bulk slip to score), not at start-up.
#[derive(Debug, Default)]
pub(super) struct CountryNames(pub(super) HashMap<String, Vec<String>>);

impl LexiconIndex for CountryNames {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut countries: HashMap<String, Vec<String>> = HashMap::default();
        for file in lexicons.of_kind("country-names") {
            let (Some(code), Some(names)) = (file.column("code"), file.column("names")) else { continue };
            let demonyms = file.column("demonyms");
            for row in &file.rows {
                let forms = countries.entry(row.get(code).to_string()).or_default();
                forms.extend(
                    row.list(names).chain(demonyms.into_iter().flat_map(|d| row.list(d))).map(fold).filter(|f| f.chars().count() >= 4),
                );
            }
        }
        Ok(CountryNames(countries))
    }
}
