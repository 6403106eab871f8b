//! The name lexicons' large tables: the variant groups (`name-variants`, thousands of rows from
//! rigour / Wikidata), the look-alike groups (`distinct-names`) and the entity names
//! (`entities`), each keyed by the light key of every form.
//!
//! One builder, two uses, as for the gazetteer and entity-corruption's entity index: a
//! `Built*` type is the table as built from its lexicons, its `freeze` writes it as flat tables
//! ([`crate::flat`]) read in place ([`FormGroups`], [`EntityNames`]). `build.rs` includes this
//! file (`#[path]`) and compiles the tables of the embedded lexicons in (`lexicon.rs` reads
//! them); with the user's lexicons of a table's kinds, that table is built and frozen at run
//! time. So this file uses only `std`, `rustc_hash`, the lexicon parser, `variant` and `flat`.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;

use super::variant;
use crate::flat::{Data, MapHead, StrList, U32List, Writer, sorted};
use crate::lexicon::{LexiconError, Lexicons};

/// The kinds of lexicon the entity names are built from.
pub const ENTITY_KINDS: &[&str] = &["entities"];
/// The kinds of lexicon the variant groups are built from.
pub const VARIANT_KINDS: &[&str] = &["name-variants"];
/// The kinds of lexicon the look-alike groups are built from.
pub const DISTINCT_KINDS: &[&str] = &["distinct-names"];

/// Groups of forms listed in the `forms` column of one lexicon kind, as built: each form's key
/// to the groups (row numbers, from 1) that list it (read as [`FormGroups`] once frozen).
#[derive(Debug, Default)]
pub struct BuiltGroups(HashMap<String, Vec<u32>>);

impl BuiltGroups {
    /// `name-variants`: groups of spellings of one name, keyed by light key.
    pub fn variants(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        BuiltGroups::build(lexicons, VARIANT_KINDS[0], variant::light, 1)
    }

    /// `distinct-names`: groups of look-alike names of different things, keyed by the
    /// lower-cased spelling (the light key folds the doubled letter that tells them apart).
    pub fn distinct(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        BuiltGroups::build(lexicons, DISTINCT_KINDS[0], str::to_lowercase, 2)
    }

    /// Every row of `kind` is one group of at least `min_forms` forms, keyed by `key`.
    fn build(lexicons: &Lexicons, kind: &str, key: fn(&str) -> String, min_forms: usize) -> Result<Self, LexiconError> {
        let mut g = BuiltGroups::default();
        let mut n = 0u32;
        for file in lexicons.of_kind(kind) {
            let cf = file.require("forms")?;
            for row in &file.rows {
                n += 1;
                if row.list(cf).count() < min_forms {
                    return Err(file.error(row, format!("a group needs at least {min_forms} forms")));
                }
                for form in row.list(cf) {
                    let ids = g.0.entry(key(form)).or_default();
                    if ids.last() != Some(&n) {
                        ids.push(n);
                    }
                }
            }
        }
        Ok(g)
    }

    /// The groups as flat tables: a map from key to its list of groups.
    pub fn freeze(&self) -> (Vec<u8>, String) {
        let mut w = Writer::default();
        let keys: Vec<(&String, u32)> = sorted(self.0.iter()).into_iter().map(|(k, ids)| (k, w.u32s(ids.iter().copied()))).collect();
        let keys = w.map(keys);
        w.finish(&[keys])
    }
}

/// Groups of forms ([`BuiltGroups`] frozen), read in place.
#[derive(Debug)]
pub struct FormGroups {
    data: Data,
    head: MapHead,
}

impl FormGroups {
    pub fn new(data: Data) -> FormGroups {
        let head = data.view().head(data.root()[0]);
        FormGroups { data, head }
    }

    /// Built at run time and frozen into memory.
    pub fn frozen(built: &BuiltGroups) -> FormGroups {
        let (words, text) = built.freeze();
        FormGroups::new(Data::new(Cow::Owned(words), Cow::Owned(text)))
    }

    /// The frozen words and text (tests compare a compiled table with a run-time build).
    #[cfg(test)]
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// Do two keys belong to one listed group?
    pub fn share(&self, a: &str, b: &str) -> bool {
        let groups = self.data.view().map_at::<U32List<'_>>(self.head);
        match (groups.get(a), groups.get(b)) {
            (Some(x), Some(y)) => x.iter().any(|i| y.iter().any(|j| j == i)),
            _ => false,
        }
    }
}

impl Default for FormGroups {
    /// No groups (a broken lexicon: the rules report it in `prepare`).
    fn default() -> FormGroups {
        FormGroups::frozen(&BuiltGroups::default())
    }
}

/// Names of known entities as built: the light keys of their words joined with spaces, to the
/// ids of the entities that have that name (read as [`EntityNames`] once frozen).
#[derive(Debug, Default)]
pub struct BuiltEntityNames {
    ids: HashMap<String, Vec<String>>,
}

impl BuiltEntityNames {
    pub fn build(lexicons: &Lexicons) -> Self {
        let mut e = BuiltEntityNames::default();
        for file in lexicons.of_kind("entities") {
            let (Some(ci), Some(cc)) = (file.column("id"), file.column("canonical")) else { continue };
            let ca = file.column("aliases");
            for row in &file.rows {
                let id = row.get(ci);
                let mut forms = vec![row.get(cc)];
                if let Some(ca) = ca {
                    forms.extend(row.list(ca));
                }
                for f in forms {
                    let key = EntityNames::key(f.split_whitespace());
                    if key.is_empty() {
                        continue;
                    }
                    let ids = e.ids.entry(key).or_default();
                    if !ids.iter().any(|x| x == id) {
                        ids.push(id.to_string());
                    }
                }
            }
        }
        e
    }

    /// The entity names as flat tables: the empty list (what an unknown key has), and a map
    /// from key to its list of entity ids.
    pub fn freeze(&self) -> (Vec<u8>, String) {
        let mut w = Writer::default();
        let empty = w.strs::<&str>([]);
        let keys: Vec<(&String, u32)> = sorted(self.ids.iter()).into_iter().map(|(k, ids)| (k, w.strs(ids))).collect();
        let keys = w.map(keys);
        w.finish(&[empty, keys])
    }
}

/// Names of known entities (`entities` lexicons: people, organisations...), by the light keys of
/// their words joined with spaces: tells whether two forms are one entity or two.
/// [`BuiltEntityNames`] frozen, read in place.
#[derive(Debug)]
pub struct EntityNames {
    data: Data,
    head: MapHead,
    /// Position of the empty list.
    empty: u32,
}

impl EntityNames {
    pub fn new(data: Data) -> EntityNames {
        let root = data.root();
        let head = data.view().head(root[1]);
        EntityNames { data, head, empty: root[0] }
    }

    /// Built from `lexicons` and frozen at run time.
    pub fn built(lexicons: &Lexicons) -> EntityNames {
        EntityNames::frozen(&BuiltEntityNames::build(lexicons))
    }

    fn frozen(built: &BuiltEntityNames) -> EntityNames {
        let (words, text) = built.freeze();
        EntityNames::new(Data::new(Cow::Owned(words), Cow::Owned(text)))
    }

    /// The frozen words and text (tests compare a compiled table with a run-time build).
    #[cfg(test)]
    pub fn data(&self) -> &Data {
        &self.data
    }

    /// The lookup key of a name given as words.
    pub fn key<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
        let mut k = String::new();
        for w in words {
            let l = variant::light(w);
            if l.is_empty() {
                continue;
            }
            if !k.is_empty() {
                k.push(' ');
            }
            k.push_str(&l);
        }
        k
    }

    /// The ids of the entities named by `key` (none when the lexicon does not know it).
    pub fn ids(&self, key: &str) -> StrList<'_> {
        let f = self.data.view();
        f.map_at(self.head).get(key).unwrap_or_else(|| f.strs(self.empty))
    }

    /// `Some(true)`: both forms name one listed entity; `Some(false)`: they name different
    /// listed entities; `None`: the lexicon does not say.
    pub fn same(&self, a: &str, b: &str) -> Option<bool> {
        let (x, y) = (self.ids(a), self.ids(b));
        if x.is_empty() || y.is_empty() {
            return None;
        }
        Some(x.iter().any(|i| y.contains(i)))
    }

    pub fn knows(&self, key: &str) -> bool {
        self.data.view().map_at::<()>(self.head).contains_key(key)
    }
}

impl Default for EntityNames {
    /// No names (a broken lexicon: the rules report it in `prepare`).
    fn default() -> EntityNames {
        EntityNames::frozen(&BuiltEntityNames::default())
    }
}
