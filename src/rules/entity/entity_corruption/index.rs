//! The entity index: every known organisation, newsmaker, outlet and named operation, keyed
//! for the rule's lookups (anchor words, bigrams, stems and confusions for organisations, a
//! deletion index for surnames and outlet names), built from the `entities`, `confusions`,
//! `entity-words`, `near-names`, `media` and `outlet-calques` lexicons.
//!
//! One builder, two uses: [`Built`] is the index as built from the lexicons, and
//! [`Built::freeze`] writes it as flat tables ([`crate::flat`]) that the rule reads in place
//! ([`EntityIndex`]). `build.rs` includes this file (`#[path]`), builds the index from the
//! embedded lexicons and freezes it into `OUT_DIR`, so that start-up reads it without building
//! it (#16); with the user's lexicons of these kinds, `load.rs` builds and freezes it at run time.
//! So this file uses only `std`, `rustc_hash`, the lexicon parser, `keys`, `text` and `flat`.

use std::collections::HashMap as StdMap;

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::flat::{Data, Flat, Key, Map, MapHead, Pairs, Records, StrList, U32List, Value, Writer, sorted};
use crate::lexicon::{LexiconError, Lexicons};
use crate::rules::entity::keys::{Bloom, deletions_upto2, name_word, poly, single_deletions};
use crate::rules::util::fold;

/// The kinds of lexicon the entity index is built from: with no user file of these kinds, the
/// index compiled in by `build.rs` is the one the embedded lexicons build.
pub const KINDS: &[&str] = &["entities", "confusions", "entity-words", "near-names", "media", "outlet-calques"];

/// One known entity.
#[derive(Debug)]
pub struct Entity {
    pub kind: String,
    /// Canonical form per language: (language, form), a language at most once.
    pub canonical: Vec<(String, String)>,
    /// Folded role / context words (all languages).
    pub context: Vec<String>,
    /// The name is written natively in Latin script (`spelling` column `fixed`): it has no
    /// transliteration variants, so "Haris" for "Harris" is a misspelling, not a variant.
    pub fixed_spelling: bool,
    /// Context words of this entity that few other people share ("mossad chief", "hamas"):
    /// they point to this person wherever they are in the story.
    pub(super) rare_context: Vec<String>,
    /// From a generated file (`*.generated.tsv`): hand-curated entities win, and the words of
    /// generated names do not dilute the anchors of hand-curated ones.
    pub(super) generated: bool,
}

/// One accepted written form of an entity in one language.
#[derive(Debug)]
pub(super) struct Name {
    pub(super) entity: usize,
    pub(super) lang: String,
    pub(super) text: String,
    /// Folded tokens.
    pub(super) tokens: Vec<String>,
    /// Whether each token starts with an upper-case letter.
    pub(super) capitalised: Vec<bool>,
}

/// A person's name split into first-name tokens and surname.
#[derive(Debug)]
pub(super) struct PersonName {
    pub(super) name: usize,
    pub(super) first: Vec<String>,
    pub(super) surname: String,
}

#[derive(Debug)]
pub(super) struct OutletCalque {
    pub(super) translated: Vec<String>,
    pub(super) outlet: String,
    pub(super) lang: String,
    pub(super) note: String,
}

/// Everything the rule looks up, as built from the lexicons (frozen by [`Built::freeze`]; the
/// rule reads it as [`EntityIndex`]).
#[derive(Debug, Default)]
pub struct Built {
    pub(super) entities: Vec<Entity>,
    pub(super) names: Vec<Name>,
    /// Folded full forms of every known name -> the languages they are written in.
    pub(super) known_names: HashMap<String, Vec<String>>,
    /// Folded tokens of every known name.
    pub(super) known_tokens: HashSet<String>,
    /// Folded token -> number of entities whose names use it.
    pub(super) spread: HashMap<String, usize>,
    /// Capitalised word pair -> (name index, position of its first word), names of 3+ words.
    pub(super) bigrams: HashMap<String, Vec<(usize, usize)>>,
    /// Distinctive token -> (name index, position) for multi-word organisation names.
    pub(super) anchors: HashMap<String, Vec<(usize, usize)>>,
    /// First letters of a long distinctive word -> (name index, position), for a word written
    /// in another derivation ("Meteorology" for "Meteorological"), names of three or more words.
    pub(super) stems: HashMap<String, Vec<(usize, usize)>>,
    /// Wrong side of a confusion -> (name index, position of the right side) for organisation
    /// names of three or more words: "Islamic Country group" for "Islamic State group".
    pub(super) confusion_anchors: HashMap<String, Vec<(usize, usize)>>,
    /// Folded (wrong, right) word confusions.
    pub(super) confusions: HashSet<(String, String)>,
    pub(super) people: Vec<PersonName>,
    /// Deletion variants of surnames -> people indexes.
    pub(super) deletions: HashMap<String, Vec<usize>>,
    /// Folded (last) first name -> people indexes: the candidates for two edits in a long
    /// surname, read only after the first name ("Annalena Bierbeck").
    pub(super) by_first: HashMap<String, Vec<usize>>,
    /// Folded first names of known people.
    pub(super) first_names: HashSet<String>,
    /// Folded first name -> number of people who have it ("david" many, "kamala" one).
    pub(super) first_spread: HashMap<String, usize>,
    /// Folded surname -> people indexes, for a first name written a letter off before a
    /// surname written right ("Kurdet Ozersay").
    pub(super) by_surname: HashMap<String, Vec<usize>>,
    /// Real names and common words one or two letters from a known name's word
    /// (`lexicons/names/near-names.tsv`): a slip that lands on one needs stronger context.
    pub(super) near_names: HashMap<String, NearForm>,
    /// Folded words of outlet names.
    pub(super) outlet_tokens: HashSet<String>,
    /// One-word outlet names ("Anadolu", "Xinhua") with their display form and full name.
    pub(super) outlets: Vec<(String, String)>,
    /// Deletion variants (up to two deletions) of one-word outlet names -> outlet indexes.
    pub(super) outlet_deletions: HashMap<String, Vec<usize>>,
    /// Head word of a named operation -> (name index, modifier word): "Operation Euphrates
    /// Shield" is found as "the shield of the Euphrates" through "shield".
    pub(super) genitives: HashMap<String, Vec<(usize, String)>>,
    pub(super) calques: HashMap<String, Vec<OutletCalque>>,
    /// The word classes read around a name (`entity-words`).
    pub(super) words: EntityWords,
}

/// The `entity-words` lexicon (`lexicons/entities/entity-words.tsv`): folded words and phrases
/// by role, read around a name.
#[derive(Debug, Default)]
pub(super) struct EntityWords {
    /// Too common in organisation names to anchor a match ("party", "national").
    pub(super) weak_anchors: HashSet<String>,
    /// May stand before a surname without being a first name ("minister", "sheikh").
    pub(super) titles: HashSet<String>,
    /// Say a person is a legislator or party politician, found in the sentence ("lawmaker",
    /// "member of parliament").
    pub(super) legislator: Vec<String>,
    /// After a name, say it is a newspaper's ("the Kompas daily").
    pub(super) newspaper: HashSet<String>,
    /// After a name, say it is an outlet's ("Anadolu news agency").
    pub(super) outlet: HashSet<String>,
}

impl EntityWords {
    pub fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut words = EntityWords::default();
        for file in lexicons.of_kind("entity-words") {
            let (w, r) = (file.require("word")?, file.require("role")?);
            for row in &file.rows {
                let word = fold(row.get(w));
                let set = match row.get(r) {
                    "weak-anchor" => &mut words.weak_anchors,
                    "title" => &mut words.titles,
                    "newspaper" => &mut words.newspaper,
                    "outlet" => &mut words.outlet,
                    "legislator" => {
                        words.legislator.push(word);
                        continue;
                    }
                    other => {
                        return Err(file.error(
                            row,
                            format!("unknown `role` value `{other}` (expected weak-anchor, title, legislator, newspaper or outlet)"),
                        ));
                    }
                };
                set.insert(word);
            }
        }
        Ok(words)
    }
}

/// What a word near a known name is, when it is a real word of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum NearClass {
    /// A real given or family name (another person's).
    Name,
    /// A common English word.
    Word,
    /// Only a spelling of the known name it is near ("igor" for Ihor, "shmygal" for Shmyhal).
    Variant,
}

/// A row of `near-names`: the class, the known name words it is near as a word of its own, and
/// the known name words it is a spelling of.
#[derive(Debug)]
pub(super) struct NearForm {
    pub(super) class: NearClass,
    pub(super) near: Vec<String>,
    pub(super) variant_of: Vec<String>,
}

impl Built {
    /// The index of the entity tables and the lexicon-only tables (near-names, outlets,
    /// outlet calques), built apart: independent, so that the run-time build makes them on
    /// two cores. The first error in that order is reported.
    pub fn combine(ix: Result<Built, LexiconError>, side: Result<SideTables, LexiconError>) -> Result<Built, LexiconError> {
        let mut ix = ix?;
        let side = side?;
        ix.near_names = side.near_names;
        ix.outlet_tokens = side.outlet_tokens;
        ix.outlets = side.outlets;
        ix.outlet_deletions = side.outlet_deletions;
        ix.calques = side.calques;
        Ok(ix)
    }

    /// Builds the whole index on one thread (build.rs).
    #[allow(dead_code)]
    pub fn build(lexicons: &Lexicons) -> Result<Built, LexiconError> {
        Built::combine(Built::build_entities(lexicons), SideTables::build(lexicons))
    }
}

/// The parts of the entity index read from their own lexicons only.
#[derive(Default)]
pub struct SideTables {
    near_names: HashMap<String, NearForm>,
    outlet_tokens: HashSet<String>,
    outlets: Vec<(String, String)>,
    outlet_deletions: HashMap<String, Vec<usize>>,
    calques: HashMap<String, Vec<OutletCalque>>,
}

impl SideTables {
    pub fn build(lexicons: &Lexicons) -> Result<SideTables, LexiconError> {
        let mut ix = SideTables::default();
        for file in lexicons.of_kind("near-names") {
            let f = file.require("form")?;
            let c = file.require("class")?;
            let n = file.column("near");
            let v = file.column("variant_of");
            for row in &file.rows {
                let class = match row.get(c) {
                    "name" => NearClass::Name,
                    "word" => NearClass::Word,
                    "variant" => NearClass::Variant,
                    other => return Err(file.error(row, format!("unknown `class` value `{other}` (expected `name`, `word` or `variant`)"))),
                };
                let near = n.map(|n| row.list(n).map(fold).collect()).unwrap_or_default();
                let variant_of = v.map(|v| row.list(v).map(fold).collect()).unwrap_or_default();
                ix.near_names.insert(fold(row.get(f)), NearForm { class, near, variant_of });
            }
        }
        // outlets: every written form is a known name; one-word forms of five letters or more
        // are found a letter or two off ("Andalou news agency" for Anadolu)
        let mut outlet_seen: HashSet<String> = HashSet::default();
        for file in lexicons.of_kind("media") {
            let c_name = file.require("name")?;
            let c_alias = file.column("aliases");
            for row in &file.rows {
                let full = row.get(c_name).to_string();
                let mut forms = vec![full.clone()];
                if let Some(c) = c_alias {
                    forms.extend(row.list(c).map(str::to_string));
                }
                for form in forms {
                    let tokens: Vec<String> = form.split_whitespace().map(|t| fold(name_word(t))).filter(|t| !t.is_empty()).collect();
                    if tokens.is_empty() {
                        continue;
                    }
                    ix.outlet_tokens.extend(tokens.iter().cloned());
                    if let [t] = &tokens[..]
                        && t.chars().count() >= 5
                        && t.chars().all(char::is_alphabetic)
                        && form.chars().next().is_some_and(char::is_uppercase)
                        && outlet_seen.insert(t.clone())
                    {
                        let oi = ix.outlets.len();
                        ix.outlets.push((form.clone(), full.clone()));
                        deletions_upto2(t, |d| ix.outlet_deletions.entry(d.to_string()).or_default().push(oi));
                    }
                }
            }
        }
        for v in ix.outlet_deletions.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        for file in lexicons.of_kind("outlet-calques") {
            let t = file.require("translated")?;
            let o = file.require("outlet")?;
            let l = file.column("lang");
            let note = file.column("note");
            for row in &file.rows {
                let translated: Vec<String> = row.get(t).split_whitespace().map(fold).collect();
                if translated.is_empty() || row.get(o).is_empty() {
                    return Err(file.error(row, "`translated` and `outlet` must not be empty"));
                }
                let lang = l.map(|c| row.get(c)).filter(|s| !s.is_empty()).unwrap_or(&file.lang).to_string();
                let entry = OutletCalque {
                    translated,
                    outlet: row.get(o).to_string(),
                    lang,
                    note: note.map(|c| row.get(c).to_string()).unwrap_or_default(),
                };
                ix.calques.entry(entry.translated[0].clone()).or_default().push(entry);
            }
        }
        Ok(ix)
    }
}

impl Built {
    /// Entities, their names and every table keyed from the names (`entities`, `confusions`,
    /// `entity-words` lexicons).
    pub fn build_entities(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut ix = Built::default();
        let words = EntityWords::build(lexicons)?;
        let mut by_id: HashMap<&str, usize> = HashMap::default();
        for file in lexicons.of_kind("entities") {
            let c_id = file.require("id")?;
            let c_kind = file.require("kind")?;
            let c_lang = file.column("lang");
            let c_canon = file.require("canonical")?;
            let c_alias = file.column("aliases");
            let c_ctx = file.column("context");
            let c_spelling = file.column("spelling");
            for row in &file.rows {
                let id = row.get(c_id);
                let lang = c_lang.map(|c| row.get(c)).filter(|l| !l.is_empty()).unwrap_or(&file.lang).to_string();
                let canonical = row.get(c_canon).to_string();
                if canonical.is_empty() {
                    return Err(file.error(row, "empty `canonical`"));
                }
                let e = *by_id.entry(id).or_insert_with(|| {
                    ix.entities.push(Entity {
                        kind: row.get(c_kind).to_string(),
                        canonical: Vec::new(),
                        context: Vec::new(),
                        fixed_spelling: false,
                        rare_context: Vec::new(),
                        generated: file.path.contains(".generated."),
                    });
                    ix.entities.len() - 1
                });
                if let Some(c) = c_spelling {
                    match row.get(c) {
                        "" => {}
                        "fixed" => ix.entities[e].fixed_spelling = true,
                        other => return Err(file.error(row, format!("unknown `spelling` value `{other}` (expected `fixed`)"))),
                    }
                }
                let forms = &mut ix.entities[e].canonical;
                match forms.iter_mut().find(|(l, _)| *l == lang) {
                    Some(form) => form.1.clone_from(&canonical),
                    None => forms.push((lang.clone(), canonical.clone())),
                }
                if let Some(c) = c_ctx {
                    ix.entities[e].context.extend(row.list(c).map(fold));
                }
                let mut forms = vec![canonical];
                if let Some(c) = c_alias {
                    forms.extend(row.list(c).map(str::to_string));
                }
                for form in forms {
                    ix.add_name(e, &lang, form);
                }
            }
        }
        // context phrases shared by at most five people are rare enough to point to one
        let mut phrase_people: HashMap<String, usize> = HashMap::default();
        for e in ix.entities.iter().filter(|e| e.kind == "person") {
            let mut own: Vec<&String> = e.context.iter().collect();
            own.sort_unstable();
            own.dedup();
            for c in own {
                *phrase_people.entry(c.clone()).or_default() += 1;
            }
        }
        for e in ix.entities.iter_mut().filter(|e| e.kind == "person") {
            let mut rare: Vec<String> =
                e.context.iter().filter(|c| phrase_people.get(*c).copied().unwrap_or(0) <= 5 && c.chars().count() >= 4).cloned().collect();
            rare.sort_unstable();
            rare.dedup();
            e.rare_context = rare;
        }
        // anchors: distinctive tokens of multi-word organisation names
        // how many entities use a word: hand-curated names count hand-curated entities only, so
        // that thousands of generated party names ("Sri Lanka Freedom Party") do not take the
        // anchors of the curated ones ("Austrian Freedom Party"); generated names count all
        // how many entities (all, and hand-curated) use each token, each (token, entity) pair
        // counted once
        let mut pairs: HashSet<(&str, usize)> = HashSet::default();
        let mut all_token_entities: HashMap<&str, usize> = HashMap::default();
        let mut hand_token_entities: HashMap<&str, usize> = HashMap::default();
        for n in &ix.names {
            for t in &n.tokens {
                if pairs.insert((t.as_str(), n.entity)) {
                    *all_token_entities.entry(t.as_str()).or_default() += 1;
                    if !ix.entities[n.entity].generated {
                        *hand_token_entities.entry(t.as_str()).or_default() += 1;
                    }
                }
            }
        }
        let generated: Vec<bool> = ix.entities.iter().map(|e| e.generated).collect();
        let token_entities = |n: &Name| if generated[n.entity] { &all_token_entities } else { &hand_token_entities };
        // anchors (distinctive tokens of organisation names of two or more words) and stems (of
        // names of three or more): one pass, one spread look-up per token
        let mut anchors: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        let mut stems: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (ni, n) in ix.names.iter().enumerate() {
            if n.tokens.len() < 2 || ix.entities[n.entity].kind == "person" {
                continue;
            }
            for (pos, t) in n.tokens.iter().enumerate() {
                if words.weak_anchors.contains(t.as_str()) {
                    continue;
                }
                let spread = token_entities(n).get(t.as_str()).copied().unwrap_or(0);
                if t.chars().count() >= 4 && spread <= 4 {
                    anchors.entry(t.clone()).or_default().push((ni, pos));
                }
                if n.tokens.len() >= 3
                    && spread <= 8
                    && let Some(stem) = stem_key(t)
                {
                    stems.entry(stem.to_string()).or_default().push((ni, pos));
                }
            }
        }
        ix.stems = stems;
        ix.spread = all_token_entities.iter().map(|(t, &e)| ((*t).to_string(), hand_token_entities.get(t).copied().unwrap_or(e))).collect();
        ix.anchors = anchors;
        // bigram anchors for names of three or more words, when few names share the bigram
        let mut bigrams: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (ni, n) in ix.names.iter().enumerate() {
            if n.tokens.len() < 3 || ix.entities[n.entity].kind == "person" {
                continue;
            }
            for pos in 0..n.tokens.len() - 1 {
                if n.capitalised[pos] && n.capitalised[pos + 1] {
                    bigrams.entry(format!("{} {}", n.tokens[pos], n.tokens[pos + 1])).or_default().push((ni, pos));
                }
            }
        }
        // few entities share the bigram: hand-curated names count hand-curated entities only
        bigrams.retain(|_, v| {
            let all: HashSet<usize> = v.iter().map(|&(ni, _)| ix.names[ni].entity).collect();
            let hand = all.iter().filter(|&&e| !generated[e]).count();
            v.retain(|&(ni, _)| if generated[ix.names[ni].entity] { all.len() <= 6 } else { hand <= 6 });
            !v.is_empty()
        });
        ix.bigrams = bigrams;
        // people: surname deletion index
        let mut seen_people: HashSet<(usize, String)> = HashSet::default();
        let mut first_people: HashMap<String, HashSet<usize>> = HashMap::default();
        let mut buf = String::new();
        for (ni, n) in ix.names.iter().enumerate() {
            if ix.entities[n.entity].kind != "person" || n.tokens.len() < 2 {
                continue;
            }
            let surname = n.tokens.last().unwrap().clone();
            if surname.chars().count() < 4 {
                continue;
            }
            let first: Vec<String> = n.tokens[..n.tokens.len() - 1].to_vec();
            // the same written name in several languages is one candidate
            if !seen_people.insert((n.entity, n.tokens.join(" "))) {
                continue;
            }
            ix.first_names.extend(first.iter().cloned());
            if let Some(f) = first.last() {
                first_people.entry(f.clone()).or_default().insert(n.entity);
            }
            let pi = ix.people.len();
            // one deletion here and one on the query side: substitutions, transpositions,
            // one insertion or deletion (and some two-edit pairs); any two edits in a long
            // surname are found through the first name written before it (`by_first`)
            single_deletions(&surname, &mut buf, |d| ix.deletions.entry(d.to_string()).or_default().push(pi));
            if let Some(f) = first.last() {
                ix.by_first.entry(f.clone()).or_default().push(pi);
            }
            ix.by_surname.entry(surname.clone()).or_default().push(pi);
            ix.people.push(PersonName { name: ni, first, surname });
        }
        for v in ix.deletions.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        ix.first_spread = first_people.into_iter().map(|(k, v)| (k, v.len())).collect();
        // confusions whose wrong word may anchor a match on its own
        let mut anchoring: HashSet<(String, String)> = HashSet::default();
        for file in lexicons.of_kind("confusions") {
            let w = file.require("wrong")?;
            let r = file.require("right")?;
            let a = file.column("anchor");
            for row in &file.rows {
                let pair = (fold(row.get(w)), fold(row.get(r)));
                match a.map_or("", |c| row.get(c)) {
                    "" => {}
                    "yes" => {
                        anchoring.insert(pair.clone());
                    }
                    other => return Err(file.error(row, format!("unknown `anchor` value `{other}` (expected `yes`)"))),
                }
                ix.confusions.insert(pair);
            }
        }
        // confusion anchors: a name of three or more words whose other words are all written
        // right is found from its mistranslated word alone ("Islamic Country group")
        let mut wrong_of: HashMap<&str, Vec<&str>> = HashMap::default();
        for (wrong, right) in &anchoring {
            wrong_of.entry(right.as_str()).or_default().push(wrong.as_str());
        }
        let mut confusion_anchors: HashMap<String, Vec<(usize, usize)>> = HashMap::default();
        for (ni, n) in ix.names.iter().enumerate() {
            // a two-word name only when both words are capitalised and the other word is
            // distinctive ("Sıhhat Bakanlığı" for "Sağlık Bakanlığı"); the check also wants
            // both written words capitalised
            let two_word = n.tokens.len() == 2
                && n.capitalised.iter().all(|&c| c)
                && n.tokens.iter().all(|t| !words.weak_anchors.contains(t.as_str()))
                && n.tokens.iter().all(|t| token_entities(n).get(t.as_str()).copied().unwrap_or(0) <= 4);
            if (n.tokens.len() < 3 && !two_word) || ix.entities[n.entity].kind == "person" {
                continue;
            }
            for (pos, t) in n.tokens.iter().enumerate() {
                for wrong in wrong_of.get(t.as_str()).into_iter().flatten() {
                    confusion_anchors.entry((*wrong).to_string()).or_default().push((ni, pos));
                }
            }
        }
        ix.confusion_anchors = confusion_anchors;
        // named operations: "Operation <modifier> <head>"
        for (ni, n) in ix.names.iter().enumerate() {
            if ix.entities[n.entity].kind == "operation" && n.tokens.len() == 3 && n.tokens[0] == "operation" {
                ix.genitives.entry(n.tokens[2].clone()).or_default().push((ni, n.tokens[1].clone()));
            }
        }
        ix.words = words;
        Ok(ix)
    }

    fn add_name(&mut self, entity: usize, lang: &str, text: String) {
        let raw: Vec<&str> = text.split_whitespace().filter(|t| !name_word(t).is_empty()).collect();
        // tokens as the document's words are keyed: a possessive `'s` is not part of the word
        // ("Prime Minister's Office" is prime / minister / office)
        let tokens: Vec<String> = raw.iter().map(|t| fold(name_word(t))).collect();
        let capitalised = raw.iter().map(|t| t.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase)).collect();
        let langs = self.known_names.entry(tokens.join(" ")).or_default();
        if !langs.iter().any(|l| l == lang) {
            langs.push(lang.to_string());
        }
        for t in &tokens {
            if !self.known_tokens.contains(t) {
                self.known_tokens.insert(t.clone());
            }
        }
        self.names.push(Name { entity, lang: lang.to_string(), text, tokens, capitalised });
    }
}

/// The key of the stem index: the first six letters of a word of seven or more.
pub(super) fn stem_key(w: &str) -> Option<&str> {
    let (at, _) = w.char_indices().nth(6)?;
    w.is_char_boundary(at).then(|| &w[..at]).filter(|s| s.chars().all(char::is_alphabetic))
}

fn set(w: &mut Writer, s: &HashSet<String>) -> u32 {
    w.map(sorted(s.iter().map(|k| (k.as_str(), ()))).into_iter().map(|(k, ())| (k, 0)))
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).expect("entity index positions fit in u32")
}

/// A map from strings to lists of (name index, position).
fn pair_map(w: &mut Writer, m: &HashMap<String, Vec<(usize, usize)>>) -> u32 {
    let entries: Vec<(&str, u32)> = sorted(m.iter().map(|(k, v)| (k.as_str(), v)))
        .into_iter()
        .map(|(k, v)| (k, w.pairs(v.iter().map(|&(a, b)| (to_u32(a), to_u32(b))))))
        .collect();
    w.map(entries)
}

/// A map from strings to lists of indexes.
fn list_map(w: &mut Writer, m: &HashMap<String, Vec<usize>>) -> u32 {
    let entries: Vec<(&str, u32)> =
        sorted(m.iter().map(|(k, v)| (k.as_str(), v))).into_iter().map(|(k, v)| (k, w.u32s(v.iter().map(|&i| to_u32(i))))).collect();
    w.map(entries)
}

/// A map from strings to counts.
fn count_map(w: &mut Writer, m: &HashMap<String, usize>) -> u32 {
    w.map(sorted(m.iter().map(|(k, &v)| (k.as_str(), to_u32(v)))))
}

impl Built {
    /// The index as flat tables (the layout [`EntityIndex`] reads; root fields in `ROOT_*` order).
    pub fn freeze(&self) -> (Vec<u8>, String) {
        let mut w = Writer::default();
        let mut root = Vec::new();
        let entities: Vec<u32> = self
            .entities
            .iter()
            .map(|e| {
                let canonical = w.strs(e.canonical.iter().flat_map(|(l, f)| [l, f]));
                let context = w.strs(&e.context);
                let rare = w.strs(&e.rare_context);
                let at = w.pos();
                w.push(u32::from(e.fixed_spelling));
                w.push(canonical);
                w.push(context);
                w.push(rare);
                at
            })
            .collect();
        root.push(w.records(&entities));
        let names: Vec<u32> = self
            .names
            .iter()
            .map(|n| {
                let tokens = w.strs(&n.tokens);
                let capitalised = w.u32s(n.capitalised.iter().map(|&c| u32::from(c)));
                let at = w.pos();
                w.push(to_u32(n.entity));
                w.str(&n.lang);
                w.str(&n.text);
                w.push(tokens);
                w.push(capitalised);
                at
            })
            .collect();
        root.push(w.records(&names));
        let known: Vec<(&str, u32)> =
            sorted(self.known_names.iter().map(|(k, v)| (k.as_str(), v))).into_iter().map(|(k, v)| (k, w.strs(v))).collect();
        root.push(w.map(known));
        root.push(set(&mut w, &self.known_tokens));
        root.push(count_map(&mut w, &self.spread));
        root.push(pair_map(&mut w, &self.bigrams));
        // anchors: each hit with its name's token codes inline, for the quick tests of a hit
        // ([`AnchorHits`]); the list's position is also in the anchor's word class
        let codes = self.token_codes();
        let mut anchor_at: HashMap<&str, u32> = HashMap::default();
        let anchors: Vec<(&str, u32)> = sorted(self.anchors.iter().map(|(k, v)| (k.as_str(), v)))
            .into_iter()
            .map(|(k, v)| {
                let at = w.u32s(v.iter().flat_map(|&(ni, pos)| {
                    [to_u32(ni), to_u32(pos), to_u32(codes[ni].len())].into_iter().chain(codes[ni].iter().copied())
                }));
                anchor_at.insert(k, at);
                (k, at)
            })
            .collect();
        root.push(w.map(anchors));
        root.push(pair_map(&mut w, &self.stems));
        root.push(pair_map(&mut w, &self.confusion_anchors));
        // confusions: wrong word -> right words
        let mut rights: StdMap<&str, Vec<&str>> = StdMap::new();
        for (wrong, right) in &self.confusions {
            rights.entry(wrong.as_str()).or_default().push(right.as_str());
        }
        let confusions: Vec<(&str, u32)> = sorted(rights.iter().map(|(k, v)| (*k, v)))
            .into_iter()
            .map(|(k, v)| {
                let mut v = v.clone();
                v.sort_unstable();
                (k, w.strs(v))
            })
            .collect();
        root.push(w.map(confusions));
        let people: Vec<u32> = self
            .people
            .iter()
            .map(|p| {
                let first = w.strs(&p.first);
                let at = w.pos();
                w.push(to_u32(p.name));
                w.push(first);
                w.str(&p.surname);
                at
            })
            .collect();
        root.push(w.records(&people));
        root.push(list_map(&mut w, &self.deletions));
        root.push(list_map(&mut w, &self.by_first));
        root.push(set(&mut w, &self.first_names));
        root.push(count_map(&mut w, &self.first_spread));
        root.push(list_map(&mut w, &self.by_surname));
        let near: Vec<(&str, u32)> = sorted(self.near_names.iter().map(|(k, v)| (k.as_str(), v)))
            .into_iter()
            .map(|(k, v)| {
                let near = w.strs(&v.near);
                let variant = w.strs(&v.variant_of);
                let at = w.pos();
                w.push(match v.class {
                    NearClass::Name => 0,
                    NearClass::Word => 1,
                    NearClass::Variant => 2,
                });
                w.push(near);
                w.push(variant);
                (k, at)
            })
            .collect();
        root.push(w.map(near));
        root.push(set(&mut w, &self.outlet_tokens));
        let outlets: Vec<u32> = self
            .outlets
            .iter()
            .map(|(form, full)| {
                let at = w.pos();
                w.str(form);
                w.str(full);
                at
            })
            .collect();
        root.push(w.records(&outlets));
        root.push(list_map(&mut w, &self.outlet_deletions));
        let genitives: Vec<(&str, u32)> = sorted(self.genitives.iter().map(|(k, v)| (k.as_str(), v)))
            .into_iter()
            .map(|(k, v)| {
                let recs: Vec<u32> = v
                    .iter()
                    .map(|(ni, modifier)| {
                        let at = w.pos();
                        w.push(to_u32(*ni));
                        w.str(modifier);
                        at
                    })
                    .collect();
                (k, w.records(&recs))
            })
            .collect();
        root.push(w.map(genitives));
        let calques: Vec<(&str, u32)> = sorted(self.calques.iter().map(|(k, v)| (k.as_str(), v)))
            .into_iter()
            .map(|(k, v)| {
                let recs: Vec<u32> = v
                    .iter()
                    .map(|c| {
                        let translated = w.strs(&c.translated);
                        let at = w.pos();
                        w.push(translated);
                        w.str(&c.outlet);
                        w.str(&c.lang);
                        w.str(&c.note);
                        at
                    })
                    .collect();
                (k, w.records(&recs))
            })
            .collect();
        root.push(w.map(calques));
        root.push(set(&mut w, &self.words.weak_anchors));
        root.push(set(&mut w, &self.words.titles));
        root.push(w.strs(&self.words.legislator));
        root.push(set(&mut w, &self.words.newspaper));
        root.push(set(&mut w, &self.words.outlet));
        // a code for each name's tokens ([`token_code`]): name `ni`'s are entries
        // `at[ni]..at[ni + 1]` of the second list
        let mut at = Vec::with_capacity(self.names.len() + 1);
        let mut ends = Vec::new();
        for c in &codes {
            at.push(to_u32(ends.len()));
            ends.extend(c);
        }
        at.push(to_u32(ends.len()));
        root.push(w.u32s(at));
        root.push(w.u32s(ends));
        // word classes: the class bits and the anchor list of each key
        let classes: Vec<(&str, [u32; 2])> = sorted(self.word_classes(&rights).into_iter())
            .into_iter()
            .map(|(k, c)| (k, [c, anchor_at.get(k).copied().unwrap_or(0)]))
            .collect();
        let records: Vec<(&str, u32)> = classes
            .iter()
            .map(|&(k, [c, a])| {
                let at = w.pos();
                w.push(c);
                w.push(a);
                (k, at)
            })
            .collect();
        root.push(w.map(records));
        root.push(w.u32s(packed_class_table(&classes, false)));
        root.push(w.u32s(packed_class_table(&classes, true)));
        // the surname deletion keys' filter
        let hashes: Vec<u64> = self.deletions.keys().map(|k| poly(k.as_bytes())).collect();
        root.push(w.u32s(Bloom::build(&hashes, 32)));
        w.finish(&root)
    }

    /// The [`token_code`]s of each name's tokens.
    fn token_codes(&self) -> Vec<Vec<u32>> {
        self.names
            .iter()
            .map(|n| {
                n.tokens
                    .iter()
                    .zip(&n.capitalised)
                    .map(|(t, &cap)| {
                        let distinctive = self.spread.get(t).copied().unwrap_or(0) <= 2 && !self.words.weak_anchors.contains(t);
                        token_code(t, cap, distinctive)
                    })
                    .collect()
            })
            .collect()
    }

    /// The [`class`] bits of every word that is a key of one of the tables a document word is
    /// looked up in: one look-up a word tells which tables to read.
    fn word_classes<'a>(&'a self, confusion_wrongs: &StdMap<&'a str, Vec<&'a str>>) -> HashMap<&'a str, u32> {
        let mut classes: HashMap<&str, u32> = HashMap::default();
        let mut add = |keys: &mut dyn Iterator<Item = &'a str>, bit: u32| {
            for k in keys {
                *classes.entry(k).or_default() |= bit;
            }
        };
        add(&mut self.known_tokens.iter().map(String::as_str), class::KNOWN_TOKEN);
        add(&mut self.outlet_tokens.iter().map(String::as_str), class::OUTLET_TOKEN);
        add(&mut self.anchors.keys().map(String::as_str), class::ANCHOR);
        add(&mut self.confusion_anchors.keys().map(String::as_str), class::CONFUSION_ANCHOR);
        // a bigram key is two words joined by a space: the first word is the key up to one of
        // its spaces, the second the rest (a folded word may hold a space of its own)
        add(&mut self.bigrams.keys().flat_map(|k| k.match_indices(' ').map(move |(at, _)| &k[..at])), class::BIGRAM_FIRST);
        add(&mut self.bigrams.keys().flat_map(|k| k.match_indices(' ').map(move |(at, _)| &k[at + 1..])), class::BIGRAM_SECOND);
        add(&mut self.near_names.keys().map(String::as_str), class::NEAR_NAME);
        add(&mut self.by_first.keys().map(String::as_str), class::BY_FIRST);
        add(&mut self.first_names.iter().map(String::as_str), class::FIRST_NAME);
        add(&mut self.by_surname.keys().map(String::as_str), class::BY_SURNAME);
        add(&mut self.words.titles.iter().map(String::as_str), class::TITLE);
        add(&mut self.words.outlet.iter().map(String::as_str), class::OUTLET_WORD);
        add(&mut self.words.newspaper.iter().map(String::as_str), class::NEWSPAPER_WORD);
        add(&mut self.genitives.keys().map(String::as_str), class::GENITIVE);
        add(&mut self.calques.keys().map(String::as_str), class::CALQUE);
        add(&mut confusion_wrongs.keys().copied(), class::CONFUSION_WRONG);
        add(&mut self.stems.keys().map(String::as_str), class::STEM);
        classes
    }
}

/// The [`class`] bits and anchor lists of the keys of one to sixteen bytes, in tables keyed by
/// the key's bytes packed into one or two `u64`s ([`pack`], [`pack16`]): a look-up compares the
/// packed key, with no hash of the text and no string compare. Keys of one to eight bytes are
/// in the short table (`wide` false), keys of nine to sixteen in the wide one. The base-2
/// logarithm of the number of slots, then a slot: the packed key's halves (two words, four in
/// the wide table), its class bits with the key's length from bit 24 (0 for an empty slot), and
/// the position of its anchor list (0 for none); then a filter of the keys, eight bits a slot
/// ([`class_filter_probe`]).
fn packed_class_table(classes: &[(&str, [u32; 2])], wide: bool) -> Vec<u32> {
    let lens = if wide { 9..=16 } else { 1..=8 };
    let keys: Vec<&(&str, [u32; 2])> = classes.iter().filter(|(k, _)| lens.contains(&k.len())).collect();
    let lg = (keys.len() * 2).next_power_of_two().max(2).trailing_zeros();
    let mask = (1usize << lg) - 1;
    let width = if wide { 6 } else { 4 };
    let mut t = vec![0u32; 1 + width * (1usize << lg)];
    t[0] = lg;
    for &&(k, [c, anchors]) in &keys {
        debug_assert!(c < 1 << 24);
        let (lo, hi) = pack16(k.as_bytes());
        let mut at = packed_slot(lo, hi, lg);
        while t[1 + width * at + width - 2] != 0 {
            at = (at + 1) & mask;
        }
        let slot = &mut t[1 + width * at..=width * (at + 1)];
        #[allow(clippy::cast_possible_truncation)]
        let halves = [lo as u32, (lo >> 32) as u32, hi as u32, (hi >> 32) as u32];
        slot[..width - 2].copy_from_slice(&halves[..width - 2]);
        slot[width - 2] = c | to_u32(k.len()) << 24;
        slot[width - 1] = anchors;
    }
    let flg = class_filter_lg(lg);
    let mut filter = vec![0u32; 1 << flg];
    for &&(k, _) in &keys {
        let (lo, hi) = pack16(k.as_bytes());
        let (w, bits) = class_filter_probe(lo, hi, flg);
        filter[w] |= bits;
    }
    t.extend(filter);
    t
}

/// The base-2 logarithm of the number of words of the key filter of a packed class table of
/// `2^lg` slots: eight bits a slot, sixteen or more a key (about one in a hundred keys that are
/// not in the table passes).
fn class_filter_lg(lg: u32) -> u32 {
    lg.max(2) - 2
}

/// The word of a packed key's filter bits in a key filter of `2^flg` words, and its two bits.
///
/// Why a filter: the class tables are megabytes, and the slot of a word of the copy is most
/// often out of the cache; most words are in no table, and their slot is not read once the
/// filter, a sixteenth of the table, says so (#16).
#[inline]
fn class_filter_probe(lo: u64, hi: u64, flg: u32) -> (usize, u32) {
    let x = (lo ^ hi.wrapping_mul(0xa076_1d64_78bd_642f)).wrapping_mul(0xe703_7ed1_a0b4_28db);
    // (the high bits of a product depend on every bit of the key)
    #[allow(clippy::cast_possible_truncation)]
    let w = if flg == 0 { 0 } else { (x >> (64 - flg)) as usize };
    let y = x.wrapping_mul(0xbf58_476d_1ce4_e5b9) >> 54;
    (w, 1 << (y & 31) | 1 << (y >> 5))
}

/// The bytes of a key of one to eight bytes, packed little-endian into a `u64` (the rest 0):
/// two overlapping four-byte reads, or the first, middle and last byte.
#[inline]
pub(super) fn pack(b: &[u8]) -> u64 {
    let n = b.len();
    debug_assert!((1..=8).contains(&n));
    if n >= 4 {
        let lo = u64::from(u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
        let hi = u64::from(u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]));
        // the overlapping bytes are the same bytes at the same places
        lo | hi << (8 * (n - 4))
    } else {
        u64::from(b[0]) | u64::from(b[n / 2]) << (8 * (n / 2)) | u64::from(b[n - 1]) << (8 * (n - 1))
    }
}

/// The bytes of a key of one to sixteen bytes packed into two `u64`s, little-endian: the first
/// eight ([`pack`] of a key of up to eight, then 0) and the rest.
#[inline]
pub(super) fn pack16(b: &[u8]) -> (u64, u64) {
    let n = b.len();
    debug_assert!((1..=16).contains(&n));
    if n <= 8 {
        return (pack(b), 0);
    }
    let lo = u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]);
    // the last eight bytes, of which the first 16 - n are the first part's too
    let last = u64::from_le_bytes([b[n - 8], b[n - 7], b[n - 6], b[n - 5], b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
    (lo, last >> (8 * (16 - n)))
}

/// The first slot of a packed key in a table of `2^lg` slots.
#[inline]
fn packed_slot(lo: u64, hi: u64, lg: u32) -> usize {
    #[allow(clippy::cast_possible_truncation)]
    let at = ((lo ^ hi.wrapping_mul(0xd6e8_feb8_6659_fd93)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - lg)) as usize;
    at
}

/// The bits of a word's class ([`EntityIndex::word_class`]): the tables it is a key of.
pub(super) mod class {
    /// A word of a known name (`known_tokens`).
    pub(in super::super) const KNOWN_TOKEN: u32 = 1;
    /// A word of an outlet's name (`outlet_tokens`).
    pub(in super::super) const OUTLET_TOKEN: u32 = 1 << 1;
    /// An anchor of organisation names (`anchors`).
    pub(in super::super) const ANCHOR: u32 = 1 << 2;
    /// The wrong side of a confusion that anchors names (`confusion_anchors`).
    pub(in super::super) const CONFUSION_ANCHOR: u32 = 1 << 3;
    /// The first word of a bigram (`bigrams`).
    pub(in super::super) const BIGRAM_FIRST: u32 = 1 << 4;
    /// The second word of a bigram (`bigrams`).
    pub(in super::super) const BIGRAM_SECOND: u32 = 1 << 5;
    /// A real name or word near a known name's (`near_names`).
    pub(in super::super) const NEAR_NAME: u32 = 1 << 6;
    /// The (last) first name of known people (`by_first`).
    pub(in super::super) const BY_FIRST: u32 = 1 << 7;
    /// A first name of known people (`first_names`).
    pub(in super::super) const FIRST_NAME: u32 = 1 << 8;
    /// A known person's surname (`by_surname`).
    pub(in super::super) const BY_SURNAME: u32 = 1 << 9;
    /// A title before a surname (`titles`).
    pub(in super::super) const TITLE: u32 = 1 << 10;
    /// A word that says the name before it is an outlet's (`outlet_words`).
    pub(in super::super) const OUTLET_WORD: u32 = 1 << 11;
    /// A word that says the name before it is a newspaper's (`newspaper_words`).
    pub(in super::super) const NEWSPAPER_WORD: u32 = 1 << 12;
    /// The head word of a named operation (`genitives`).
    pub(in super::super) const GENITIVE: u32 = 1 << 13;
    /// The first word of an outlet calque (`calques`).
    pub(in super::super) const CALQUE: u32 = 1 << 14;
    /// The wrong side of a word confusion (`is_confusion`).
    pub(in super::super) const CONFUSION_WRONG: u32 = 1 << 15;
    /// The first six letters of a name word in another derivation (`stems`): a word's prefix,
    /// looked up as a word.
    pub(in super::super) const STEM: u32 = 1 << 16;
}

// the root record of a frozen index: the position of each table
const ROOT_ENTITIES: usize = 0;
const ROOT_NAMES: usize = 1;
const ROOT_KNOWN_NAMES: usize = 2;
const ROOT_KNOWN_TOKENS: usize = 3;
const ROOT_SPREAD: usize = 4;
const ROOT_BIGRAMS: usize = 5;
const ROOT_ANCHORS: usize = 6;
const ROOT_STEMS: usize = 7;
const ROOT_CONFUSION_ANCHORS: usize = 8;
const ROOT_CONFUSIONS: usize = 9;
const ROOT_PEOPLE: usize = 10;
const ROOT_DELETIONS: usize = 11;
const ROOT_BY_FIRST: usize = 12;
const ROOT_FIRST_NAMES: usize = 13;
const ROOT_FIRST_SPREAD: usize = 14;
const ROOT_BY_SURNAME: usize = 15;
const ROOT_NEAR_NAMES: usize = 16;
const ROOT_OUTLET_TOKENS: usize = 17;
const ROOT_OUTLETS: usize = 18;
const ROOT_OUTLET_DELETIONS: usize = 19;
const ROOT_GENITIVES: usize = 20;
const ROOT_CALQUES: usize = 21;
const ROOT_WEAK_ANCHORS: usize = 22;
const ROOT_TITLES: usize = 23;
const ROOT_LEGISLATOR: usize = 24;
const ROOT_NEWSPAPER: usize = 25;
const ROOT_OUTLET_WORDS: usize = 26;
const ROOT_NAME_ENDS_AT: usize = 27;
const ROOT_NAME_ENDS: usize = 28;
const ROOT_WORD_CLASS: usize = 29;
const ROOT_SHORT_CLASS: usize = 30;
const ROOT_WIDE_CLASS: usize = 31;
const ROOT_SURNAME_BLOOM: usize = 32;
const ROOT_FIELDS: usize = 33;
/// The root fields that are maps.
const ROOT_MAPS: &[usize] = &[
    ROOT_KNOWN_NAMES,
    ROOT_KNOWN_TOKENS,
    ROOT_SPREAD,
    ROOT_BIGRAMS,
    ROOT_ANCHORS,
    ROOT_STEMS,
    ROOT_CONFUSION_ANCHORS,
    ROOT_CONFUSIONS,
    ROOT_DELETIONS,
    ROOT_BY_FIRST,
    ROOT_FIRST_NAMES,
    ROOT_FIRST_SPREAD,
    ROOT_BY_SURNAME,
    ROOT_NEAR_NAMES,
    ROOT_OUTLET_TOKENS,
    ROOT_OUTLET_DELETIONS,
    ROOT_GENITIVES,
    ROOT_CALQUES,
    ROOT_WEAK_ANCHORS,
    ROOT_TITLES,
    ROOT_NEWSPAPER,
    ROOT_OUTLET_WORDS,
    ROOT_WORD_CLASS,
];

/// The entity index the rule reads: flat tables ([`Built::freeze`]), compiled in or frozen at
/// run time, read in place. Accessors are named after the fields of [`Built`].
#[derive(Debug)]
pub struct EntityIndex {
    data: Data,
    root: Vec<u32>,
    /// The head of each map of the root, read once (a look-up reads the slots at once).
    heads: [MapHead; ROOT_FIELDS],
    /// The surname deletion filter ([`Bloom`]): its 64-bit words, and the base-2 logarithm of
    /// its number of bits (read once: a test per deletion of every unknown capitalised word).
    bloom: (Box<[u64]>, u32),
    /// The tables of the classes of keys of up to eight and of nine to sixteen bytes
    /// ([`packed_class_table`]): each one's first slot's word and the base-2 logarithm of its
    /// number of slots.
    short: (u32, u32),
    wide: (u32, u32),
    /// The key filters of those tables: each one's first word and the base-2 logarithm of its
    /// number of words ([`class_filter_probe`]).
    short_filter: (u32, u32),
    wide_filter: (u32, u32),
}

/// A set of strings.
pub(super) type Set<'a> = Map<'a, ()>;

impl EntityIndex {
    pub fn new(data: Data) -> EntityIndex {
        let root = data.root();
        let mut heads = [MapHead::default(); ROOT_FIELDS];
        for &field in ROOT_MAPS {
            heads[field] = data.view().head(root[field]);
        }
        // the filter's words: its length, its logarithm, its bits
        let at = root[ROOT_SURNAME_BLOOM];
        let f = data.view();
        let lg = f.u(at + 1);
        let bits = (0..(1u32 << lg) / 64).map(|w| u64::from(f.u(at + 2 + 2 * w)) | u64::from(f.u(at + 3 + 2 * w)) << 32).collect();
        let bloom = (bits, lg);
        // the tables' slots, then their filters
        let at = root[ROOT_SHORT_CLASS];
        let short = (at + 2, data.view().u(at + 1));
        let short_filter = (short.0 + (4 << short.1), class_filter_lg(short.1));
        let at = root[ROOT_WIDE_CLASS];
        let wide = (at + 2, data.view().u(at + 1));
        let wide_filter = (wide.0 + (6 << wide.1), class_filter_lg(wide.1));
        EntityIndex { data, root, heads, bloom, short, wide, short_filter, wide_filter }
    }

    /// The [`class`] bits of a word (the tables its key is in; 0 for most words) and the
    /// position of its anchor list ([`EntityIndex::anchor_hits`]; 0 when it anchors no name).
    #[inline]
    pub(super) fn word_class(&self, key: Key<'_>) -> (u32, u32) {
        self.map::<ClassRecord>(ROOT_WORD_CLASS).get_key(key).map_or((0, 0), |r| (r.class, r.anchors))
    }

    /// [`EntityIndex::word_class`] of a key of one to eight bytes, not hashed ([`pack`]).
    #[inline(always)]
    #[allow(clippy::inline_always)] // once a word: a call costs as much as the look-up
    pub(super) fn short_class(&self, key: &[u8]) -> (u32, u32) {
        self.short_class_packed(pack(key), key.len())
    }

    /// [`EntityIndex::word_class`] of a key of one to eight bytes packed ([`pack`]), and its length.
    #[inline(always)]
    #[allow(clippy::inline_always)] // once a word: a call costs as much as the look-up
    pub(super) fn short_class_packed(&self, p: u64, len: usize) -> (u32, u32) {
        let f = self.f();
        let (fat, flg) = self.short_filter;
        let (fw, bits) = class_filter_probe(p, 0, flg);
        #[allow(clippy::cast_possible_truncation)]
        if f.u(fat + fw as u32) & bits != bits {
            return (0, 0);
        }
        let (at, lg) = self.short;
        #[allow(clippy::cast_possible_truncation)]
        let (l0, l1, n) = (p as u32, (p >> 32) as u32, len as u32);
        let mask = (1usize << lg) - 1;
        let mut slot = packed_slot(p, 0, lg);
        loop {
            #[allow(clippy::cast_possible_truncation)]
            let w = at + 4 * slot as u32;
            let c = f.u(w + 2);
            if c == 0 {
                return (0, 0);
            }
            if c >> 24 == n && f.u(w) == l0 && f.u(w + 1) == l1 {
                return (c & 0x00ff_ffff, f.u(w + 3));
            }
            slot = (slot + 1) & mask;
        }
    }

    /// [`EntityIndex::word_class`] of a key of nine to sixteen bytes packed ([`pack16`]), and
    /// its length.
    #[inline]
    pub(super) fn wide_class_packed(&self, lo: u64, hi: u64, len: usize) -> (u32, u32) {
        let f = self.f();
        let (fat, flg) = self.wide_filter;
        let (fw, bits) = class_filter_probe(lo, hi, flg);
        #[allow(clippy::cast_possible_truncation)]
        if f.u(fat + fw as u32) & bits != bits {
            return (0, 0);
        }
        let (at, lg) = self.wide;
        #[allow(clippy::cast_possible_truncation)]
        let (l0, l1, h0, h1, n) = (lo as u32, (lo >> 32) as u32, hi as u32, (hi >> 32) as u32, len as u32);
        let mask = (1usize << lg) - 1;
        let mut slot = packed_slot(lo, hi, lg);
        loop {
            #[allow(clippy::cast_possible_truncation)]
            let w = at + 6 * slot as u32;
            let c = f.u(w + 4);
            if c == 0 {
                return (0, 0);
            }
            if c >> 24 == n && f.u(w) == l0 && f.u(w + 1) == l1 && f.u(w + 2) == h0 && f.u(w + 3) == h1 {
                return (c & 0x00ff_ffff, f.u(w + 5));
            }
            slot = (slot + 1) & mask;
        }
    }

    /// The names a word anchors, from the position of its anchor list (its [`word_class`]).
    ///
    /// [`word_class`]: EntityIndex::word_class
    #[inline]
    pub(super) fn anchor_hits(&self, at: u32) -> AnchorHits<'_> {
        let list = self.f().u32s(at);
        AnchorHits { list, at: 0, end: list.len() }
    }

    /// May a key of the surname deletion index ([`EntityIndex::deletions`]) have this
    /// [`crate::rules::entity::keys::poly`] hash? (False: none has.)
    #[inline]
    pub(super) fn may_be_deletion(&self, h: u64) -> bool {
        let (bits, lg) = &self.bloom;
        let (at, mask) = Bloom::probe(h, *lg);
        bits.get(at).is_some_and(|&b| b & mask == mask)
    }

    /// The frozen words and text (tests compare the compiled index with a run-time build).
    #[cfg(test)]
    pub fn data(&self) -> &Data {
        &self.data
    }

    fn f(&self) -> Flat<'_> {
        self.data.view()
    }

    #[inline]
    fn map<'a, V: Value<'a>>(&'a self, field: usize) -> Map<'a, V> {
        self.f().map_at(self.heads[field])
    }

    pub(super) fn entity(&self, i: usize) -> EntityRef<'_> {
        self.f().records(self.root[ROOT_ENTITIES]).get(i)
    }
    /// The number of names (tests walk them).
    #[cfg(test)]
    pub(super) fn name_count(&self) -> usize {
        self.f().records::<NameRef<'_>>(self.root[ROOT_NAMES]).len()
    }
    pub(super) fn name(&self, i: usize) -> NameRef<'_> {
        self.f().records(self.root[ROOT_NAMES]).get(i)
    }
    /// The first and last bytes of name `ni`'s tokens ([`token_ends`]), one word a token: a
    /// quick test before the name is read ([`super::orgs::triage`]).
    #[inline]
    pub(super) fn token_ends(&self, ni: usize) -> TokenEnds<'_> {
        let f = self.f();
        let at = f.u32s(self.root[ROOT_NAME_ENDS_AT]);
        TokenEnds { list: f.u32s(self.root[ROOT_NAME_ENDS]), start: at.get(ni), end: at.get(ni + 1) }
    }
    pub(super) fn known_names(&self) -> Map<'_, StrList<'_>> {
        self.map(ROOT_KNOWN_NAMES)
    }
    pub(super) fn known_tokens(&self) -> Set<'_> {
        self.map(ROOT_KNOWN_TOKENS)
    }
    pub(super) fn spread(&self) -> Map<'_, usize> {
        self.map(ROOT_SPREAD)
    }
    pub(super) fn bigrams(&self) -> Map<'_, Pairs<'_>> {
        self.map(ROOT_BIGRAMS)
    }
    /// Distinctive word -> the names it anchors ([`AnchorHits`]); the rule reads a word's list
    /// through its class ([`EntityIndex::anchor_hits`]).
    #[cfg(test)]
    pub(super) fn anchors(&self) -> Map<'_, AnchorHits<'_>> {
        self.map(ROOT_ANCHORS)
    }
    pub(super) fn stems(&self) -> Map<'_, Pairs<'_>> {
        self.map(ROOT_STEMS)
    }
    pub(super) fn confusion_anchors(&self) -> Map<'_, Pairs<'_>> {
        self.map(ROOT_CONFUSION_ANCHORS)
    }
    /// Is (wrong, right) a known word confusion?
    pub(super) fn is_confusion(&self, wrong: &str, right: &str) -> bool {
        self.map::<StrList<'_>>(ROOT_CONFUSIONS).get(wrong).is_some_and(|r| r.contains(right))
    }
    pub(super) fn person(&self, i: usize) -> PersonRef<'_> {
        self.f().records(self.root[ROOT_PEOPLE]).get(i)
    }
    pub(super) fn deletions(&self) -> Map<'_, U32List<'_>> {
        self.map(ROOT_DELETIONS)
    }
    pub(super) fn by_first(&self) -> Map<'_, U32List<'_>> {
        self.map(ROOT_BY_FIRST)
    }
    pub(super) fn first_spread(&self) -> Map<'_, usize> {
        self.map(ROOT_FIRST_SPREAD)
    }
    pub(super) fn by_surname(&self) -> Map<'_, U32List<'_>> {
        self.map(ROOT_BY_SURNAME)
    }
    pub(super) fn near_names(&self) -> Map<'_, NearRef<'_>> {
        self.map(ROOT_NEAR_NAMES)
    }
    /// One-word outlet names: (display form, full name).
    pub(super) fn outlets(&self) -> Records<'_, (&str, &str)> {
        self.f().records(self.root[ROOT_OUTLETS])
    }
    pub(super) fn outlet_deletions(&self) -> Map<'_, U32List<'_>> {
        self.map(ROOT_OUTLET_DELETIONS)
    }
    /// Head word of a named operation -> (name index, modifier word).
    pub(super) fn genitives(&self) -> Map<'_, Records<'_, (usize, &str)>> {
        self.map(ROOT_GENITIVES)
    }
    pub(super) fn calques(&self) -> Map<'_, Records<'_, CalqueRef<'_>>> {
        self.map(ROOT_CALQUES)
    }
    pub(super) fn weak_anchors(&self) -> Set<'_> {
        self.map(ROOT_WEAK_ANCHORS)
    }
    #[cfg(test)]
    pub(super) fn titles(&self) -> Set<'_> {
        self.map(ROOT_TITLES)
    }
    pub(super) fn legislator_words(&self) -> StrList<'_> {
        self.f().strs(self.root[ROOT_LEGISLATOR])
    }

    /// The form to suggest for an entity in the copy language, else English, else the form written.
    pub(super) fn display<'a>(&'a self, entity: usize, lang: &str, fallback: &'a str) -> &'a str {
        let c = self.entity(entity).canonical;
        let of = |l: &str| (0..c.len() / 2).find(|&i| c.get(2 * i) == l).map(|i| c.get(2 * i + 1));
        of(lang).or_else(|| of("en")).unwrap_or(fallback)
    }
}

/// The codes of a name's tokens ([`EntityIndex::token_ends`], [`token_code`]).
#[derive(Clone, Copy)]
pub(super) struct TokenEnds<'a> {
    list: U32List<'a>,
    start: usize,
    end: usize,
}

impl TokenEnds<'_> {
    /// The number of tokens.
    #[inline]
    pub(super) fn len(self) -> usize {
        self.end - self.start
    }

    /// Token `k`'s [`token_code`].
    #[inline]
    pub(super) fn get(self, k: usize) -> u32 {
        #[allow(clippy::cast_possible_truncation)]
        let v = self.list.get(self.start + k) as u32;
        v
    }
}

/// The names a word anchors: (name index, position of the word in the name, the name's token
/// codes), read in place from a list of `ni, pos, n, code * n` records.
#[derive(Clone)]
pub(super) struct AnchorHits<'a> {
    list: U32List<'a>,
    at: usize,
    end: usize,
}

impl<'a> Iterator for AnchorHits<'a> {
    type Item = (usize, usize, TokenEnds<'a>);
    #[inline]
    fn next(&mut self) -> Option<Self::Item> {
        if self.at >= self.end {
            return None;
        }
        let (ni, pos, n) = (self.list.get(self.at), self.list.get(self.at + 1), self.list.get(self.at + 2));
        let start = self.at + 3;
        self.at = start + n;
        Some((ni, pos, TokenEnds { list: self.list, start, end: start + n }))
    }
}

impl<'a> Value<'a> for AnchorHits<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        let list = f.u32s(w);
        AnchorHits { list, at: 0, end: list.len() }
    }
}

/// A word's class record ([`EntityIndex::word_class`]).
#[derive(Clone, Copy)]
struct ClassRecord {
    class: u32,
    anchors: u32,
}

impl<'a> Value<'a> for ClassRecord {
    fn read(f: Flat<'a>, w: u32) -> Self {
        ClassRecord { class: f.u(w), anchors: f.u(w + 1) }
    }
}

/// What the quick tests of the organisation shape read of a name token without reading the
/// name: its first and last bytes (`first | last << 8`, [`token_ends`]), bit 16 set for a
/// token that is not empty (the quick test of `words::Ends` never tells an empty token apart),
/// bit 17 when it is written capitalised, bit 18 when it is distinctive (few entities use it,
/// not a weak anchor: a near-miss may count on it), and from bit 19 its number of chars
/// ([`TOKEN_CHARS_UNKNOWN`] for 8191 or more).
pub(super) fn token_code(t: &str, capitalised: bool, distinctive: bool) -> u32 {
    let chars = u32::try_from(t.chars().count()).unwrap_or(u32::MAX).min(TOKEN_CHARS_UNKNOWN);
    token_ends(t) | u32::from(capitalised) << 17 | u32::from(distinctive) << 18 | chars << 19
}

/// The chars of a [`token_code`]'s token, or [`TOKEN_CHARS_UNKNOWN`].
#[inline]
pub(super) fn token_chars(code: u32) -> u32 {
    code >> 19
}

/// The [`token_chars`] of a token too long to count in a code.
pub(super) const TOKEN_CHARS_UNKNOWN: u32 = (1 << 13) - 1;

/// Is a [`token_code`]'s token written capitalised?
#[inline]
pub(super) fn token_capitalised(code: u32) -> bool {
    code & 1 << 17 != 0
}

/// Is a [`token_code`]'s token distinctive?
#[inline]
pub(super) fn token_distinctive(code: u32) -> bool {
    code & 1 << 18 != 0
}

/// A name token's first and last bytes, `first | last << 8 | 1 << 16`, or 0 for an empty token
/// (the quick test of `words::Ends` never tells an empty token apart).
pub(super) fn token_ends(t: &str) -> u32 {
    match (t.as_bytes().first(), t.as_bytes().last()) {
        (Some(&f), Some(&l)) => u32::from(f) | u32::from(l) << 8 | 1 << 16,
        _ => 0,
    }
}

/// An entity of a frozen index.
#[derive(Debug, Clone, Copy)]
pub(super) struct EntityRef<'a> {
    /// Canonical form per language: language, form, language, form...
    pub(super) canonical: StrList<'a>,
    pub(super) context: StrList<'a>,
    pub(super) fixed_spelling: bool,
    pub(super) rare_context: StrList<'a>,
}

impl<'a> Value<'a> for EntityRef<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        EntityRef {
            fixed_spelling: f.flag(w),
            canonical: f.strs(f.u(w + 1)),
            context: f.strs(f.u(w + 2)),
            rare_context: f.strs(f.u(w + 3)),
        }
    }
}

/// A written form of an entity, of a frozen index.
#[derive(Debug, Clone, Copy)]
pub(super) struct NameRef<'a> {
    pub(super) entity: usize,
    pub(super) lang: &'a str,
    pub(super) tokens: StrList<'a>,
    capitalised: U32List<'a>,
    /// Where the name's text is written: read only for a finding.
    f: Flat<'a>,
    at: u32,
}

impl<'a> NameRef<'a> {
    /// Whether token `k` starts with an upper-case letter.
    pub(super) fn capitalised(&self, k: usize) -> bool {
        self.capitalised.get(k) != 0
    }

    /// The name as the lexicon writes it.
    pub(super) fn text(&self) -> &'a str {
        self.f.str(self.at + 3)
    }
}

impl<'a> Value<'a> for NameRef<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        NameRef { entity: f.u(w) as usize, lang: f.str(w + 1), tokens: f.strs(f.u(w + 5)), capitalised: f.u32s(f.u(w + 6)), f, at: w }
    }
}

/// A person's name split into first-name tokens and surname, of a frozen index.
#[derive(Debug, Clone, Copy)]
pub(super) struct PersonRef<'a> {
    pub(super) name: usize,
    pub(super) first: StrList<'a>,
    pub(super) surname: &'a str,
}

impl<'a> Value<'a> for PersonRef<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        PersonRef { name: f.u(w) as usize, first: f.strs(f.u(w + 1)), surname: f.str(w + 2) }
    }
}

/// A row of `near-names`, of a frozen index.
#[derive(Debug, Clone, Copy)]
pub(super) struct NearRef<'a> {
    pub(super) class: NearClass,
    pub(super) near: StrList<'a>,
    pub(super) variant_of: StrList<'a>,
}

impl<'a> Value<'a> for NearRef<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        let class = match f.u(w) {
            0 => NearClass::Name,
            1 => NearClass::Word,
            _ => NearClass::Variant,
        };
        NearRef { class, near: f.strs(f.u(w + 1)), variant_of: f.strs(f.u(w + 2)) }
    }
}

/// An outlet calque, of a frozen index; its fields read when asked for (most rows read are
/// told apart by their words).
#[derive(Debug, Clone, Copy)]
pub(super) struct CalqueRef<'a> {
    f: Flat<'a>,
    at: u32,
}

impl<'a> CalqueRef<'a> {
    /// The outlet name translated, folded words.
    pub(super) fn translated(self) -> StrList<'a> {
        self.f.strs(self.f.u(self.at))
    }
    pub(super) fn outlet(self) -> &'a str {
        self.f.str(self.at + 1)
    }
    pub(super) fn lang(self) -> &'a str {
        self.f.str(self.at + 3)
    }
    pub(super) fn note(self) -> &'a str {
        self.f.str(self.at + 5)
    }
}

impl<'a> Value<'a> for CalqueRef<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        CalqueRef { f, at: w }
    }
}

/// Word `k` of a name as the lexicon writes it (without a possessive `'s`).
pub(super) fn original_word(name: NameRef<'_>, k: usize) -> &str {
    name.text().split_whitespace().map(name_word).filter(|t| !t.is_empty()).nth(k).unwrap_or("")
}
