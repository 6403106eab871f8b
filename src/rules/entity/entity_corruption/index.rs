//! The entity index: every known organisation, newsmaker, outlet and named operation, keyed
//! for the rule's lookups (anchor words, bigrams, stems and confusions for organisations, a
//! deletion index for surnames and outlet names), built once from the `entities`,
//! `confusions`, `near-names`, `media` and `outlet-calques` lexicons; and the country names a
//! listed legislator's slip is scored with.

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::entity::keys::{deletions_upto2, name_word, single_deletions};
use crate::rules::util::fold;

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

/// Everything the rule looks up, built once from the `entities`, `confusions` and
/// `outlet-calques` lexicons.
#[derive(Debug, Default)]
pub struct EntityIndex {
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
    pub(super) fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
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

impl LexiconIndex for EntityIndex {
    /// The entity tables and the lexicon-only tables (near-names, outlets, outlet calques) are
    /// independent: they are built on two cores (start-up is index building, and this is the
    /// largest index). The first error in that order is reported.
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let (ix, side) = rayon::join(|| EntityIndex::build_entities(lexicons), || SideTables::build(lexicons));
        let mut ix = ix?;
        let side = side?;
        ix.near_names = side.near_names;
        ix.outlet_tokens = side.outlet_tokens;
        ix.outlets = side.outlets;
        ix.outlet_deletions = side.outlet_deletions;
        ix.calques = side.calques;
        Ok(ix)
    }
}

/// The parts of the entity index read from their own lexicons only.
#[derive(Default)]
struct SideTables {
    near_names: HashMap<String, NearForm>,
    outlet_tokens: HashSet<String>,
    outlets: Vec<(String, String)>,
    outlet_deletions: HashMap<String, Vec<usize>>,
    calques: HashMap<String, Vec<OutletCalque>>,
}

impl SideTables {
    fn build(lexicons: &Lexicons) -> Result<SideTables, LexiconError> {
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

impl EntityIndex {
    /// Entities, their names and every table keyed from the names (`entities`, `confusions`,
    /// `entity-words` lexicons).
    fn build_entities(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut ix = EntityIndex::default();
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

    pub(super) fn add_name(&mut self, entity: usize, lang: &str, text: String) {
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

    /// The form to suggest for an entity in the copy language, else English, else the form written.
    pub(super) fn display<'a>(&'a self, entity: usize, lang: &str, fallback: &'a str) -> &'a str {
        let c = &self.entities[entity].canonical;
        let of = |l: &str| c.iter().find(|(x, _)| x == l).map(|(_, form)| form.as_str());
        of(lang).or_else(|| of("en")).unwrap_or(fallback)
    }
}

/// The key of the stem index: the first six letters of a word of seven or more.
pub(super) fn stem_key(w: &str) -> Option<&str> {
    let (at, _) = w.char_indices().nth(6)?;
    w.is_char_boundary(at).then(|| &w[..at]).filter(|s| s.chars().all(char::is_alphabetic))
}

/// Word `k` of a name as the lexicon writes it (without a possessive `'s`).
pub(super) fn original_word(name: &Name, k: usize) -> &str {
    name.text.split_whitespace().map(name_word).filter(|t| !t.is_empty()).nth(k).unwrap_or("")
}
