//! The common vocabulary of each Latin-script language (`vocabulary` lexicons, from wordfreq) as
//! flat tables ([`crate::flat`]): each lower-case word with a bit per language it is common in.
//!
//! One builder, two uses, as for the name tables and the gazetteer: [`BuiltVocabulary`] is the
//! table as built from its lexicons and `freeze` writes it. `build.rs` includes this file
//! (`#[path]`) and compiles the table of the embedded lexicons in (#16: parsing and hashing its
//! 43,000 rows cost 35 M instructions on the first story of every run); with the user's
//! `vocabulary` lexicons the table is built and frozen at run time. So this file uses only
//! `std`, `rustc_hash`, the lexicon parser and `flat`.

use rustc_hash::FxHashMap as HashMap;

use crate::flat::{Writer, sorted};
use crate::lexicon::{LexiconError, Lexicons};

/// The kinds of lexicon the vocabulary is built from.
pub const KINDS: &[&str] = &["vocabulary"];

/// The vocabulary as built: the languages in the order the rows first name them (a language's
/// bit is its place here) and each lower-cased word's language bits.
#[derive(Debug, Default)]
pub struct BuiltVocabulary {
    pub langs: Vec<String>,
    pub words: HashMap<String, u32>,
}

impl BuiltVocabulary {
    pub fn build(lexicons: &Lexicons) -> Result<BuiltVocabulary, LexiconError> {
        let rows = lexicons.of_kind(KINDS[0]).map(|f| f.rows.len()).sum();
        let mut v = BuiltVocabulary { langs: Vec::new(), words: HashMap::with_capacity_and_hasher(rows, Default::default()) };
        // 43,000 rows hold about 700 different language lists: each list's mask is read once
        let mut masks: HashMap<&str, u32> = HashMap::default();
        for file in lexicons.of_kind(KINDS[0]) {
            let word = file.require("word")?;
            let langs = file.require("langs")?;
            for row in &file.rows {
                let list = row.get(langs);
                let mask = match masks.get(list) {
                    Some(&m) => m,
                    None => {
                        let mut mask = 0u32;
                        for l in row.list(langs) {
                            let i = match v.langs.iter().position(|x| x == l) {
                                Some(i) => i,
                                None if v.langs.len() < 32 => {
                                    v.langs.push(l.to_string());
                                    v.langs.len() - 1
                                }
                                None => return Err(file.error(row, "more than 32 languages in vocabulary lexicons")),
                            };
                            mask |= 1 << i;
                        }
                        masks.insert(list, mask);
                        mask
                    }
                };
                let Some(w) = row.fields.get(word) else { continue };
                *v.words.entry(w.to_lowercase()).or_default() |= mask;
            }
        }
        Ok(v)
    }

    /// The flat tables: the root record is the languages, then the map of words to their bits.
    pub fn freeze(&self) -> (Vec<u8>, String) {
        let mut w = Writer::default();
        let langs = w.strs(&self.langs);
        let words = w.map(sorted(self.words.iter()).into_iter().map(|(k, &m)| (k, m)));
        w.finish(&[langs, words])
    }
}
