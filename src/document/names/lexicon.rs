//! Lexicon indexes for names: name words (titles, particles, sentence openers), variant
//! groups (rigour / Wikidata), entity names, and the house style.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::variant;
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};

/// `name-words`: titles that precede names, lower-case particles inside names, and capitalised
/// words that are not names (sentence openers, weekdays, months), per language.
#[derive(Debug, Default)]
pub struct NameWords {
    /// lower-cased word -> (language, role) pairs
    words: HashMap<String, Vec<(String, Role)>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Particle,
    Stop,
}

impl LexiconIndex for NameWords {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut w = NameWords::default();
        for file in lexicons.of_kind("name-words") {
            let (cw, cl, cr) = (file.require("word")?, file.require("lang")?, file.require("role")?);
            for row in &file.rows {
                let role = match row.get(cr) {
                    "title" => Role::Title,
                    "particle" => Role::Particle,
                    "stop" => Role::Stop,
                    other => return Err(file.error(row, format!("role `{other}` is not one of title, particle, stop"))),
                };
                w.words.entry(row.get(cw).to_lowercase()).or_default().push((row.get(cl).to_string(), role));
            }
        }
        Ok(w)
    }
}

impl NameWords {
    /// Is `lower` a word of this role in `lang` (or in English, which wire copy mixes in)?
    fn has(&self, role: Role, lang: &str, lower: &str) -> bool {
        self.words.get(lower).is_some_and(|v| v.iter().any(|(l, r)| *r == role && (l == lang || l == "en")))
    }
    /// A title (`President`, `PM`, `Menteri`); `lower` is lower-cased, without a final `.`.
    pub fn is_title(&self, lang: &str, lower: &str) -> bool {
        self.has(Role::Title, lang, lower)
    }
    pub fn is_particle(&self, lang: &str, lower: &str) -> bool {
        self.has(Role::Particle, lang, lower)
    }
    pub fn is_stop(&self, lang: &str, lower: &str) -> bool {
        self.has(Role::Stop, lang, lower)
    }
}

/// Groups of forms listed in the `forms` column of one lexicon kind: each form's key (see
/// [`FormGroups::build`]) to the groups that list it.
#[derive(Debug, Default)]
struct FormGroups(HashMap<String, Vec<u32>>);

impl FormGroups {
    /// Every row of `kind` is one group of at least `min_forms` forms, keyed by `key`.
    fn build(lexicons: &Lexicons, kind: &str, key: fn(&str) -> String, min_forms: usize) -> Result<Self, LexiconError> {
        let mut g = FormGroups::default();
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

    /// Do two keys belong to one listed group?
    fn share(&self, a: &str, b: &str) -> bool {
        match (self.0.get(a), self.0.get(b)) {
            (Some(x), Some(y)) => x.iter().any(|i| y.contains(i)),
            _ => false,
        }
    }
}

/// `name-variants`: groups of spellings of one name (from rigour / Wikidata), keyed by light key.
#[derive(Debug, Default)]
pub struct VariantGroups {
    groups: FormGroups,
}

impl LexiconIndex for VariantGroups {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        Ok(VariantGroups { groups: FormGroups::build(lexicons, "name-variants", variant::light, 1)? })
    }
}

impl VariantGroups {
    /// Do two light keys belong to one listed group?
    pub fn confirms(&self, a: &str, b: &str) -> bool {
        self.groups.share(a, b)
    }
}

/// `distinct-names`: groups of look-alike names that are different entities (`Shanxi` /
/// `Shaanxi`, `Hubei` / `Hebei`), or a name and a word that merely resembles it (`Arrab` /
/// `Arab`). Keyed by the lower-cased spelling, not the light key: the light key folds the
/// doubled letter that tells the two apart.
#[derive(Debug, Default)]
pub struct DistinctNames {
    groups: FormGroups,
}

impl LexiconIndex for DistinctNames {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        Ok(DistinctNames { groups: FormGroups::build(lexicons, "distinct-names", str::to_lowercase, 2)? })
    }
}

impl DistinctNames {
    /// Are two lower-cased spellings listed as different names?
    pub fn apart(&self, a: &str, b: &str) -> bool {
        a != b && self.groups.share(a, b)
    }
}

/// Names of known entities (`entities` lexicons: people, organisations...), by the light keys of
/// their words joined with spaces: tells whether two forms are one entity or two.
#[derive(Debug, Default)]
pub struct EntityNames {
    ids: HashMap<String, Vec<String>>,
}

impl LexiconIndex for EntityNames {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut e = EntityNames::default();
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
        Ok(e)
    }
}

impl EntityNames {
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
    pub fn ids(&self, key: &str) -> &[String] {
        self.ids.get(key).map(Vec::as_slice).unwrap_or(&[])
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
        self.ids.contains_key(key)
    }
}

/// One house-style entry: the preferred spelling and the variants it replaces.
#[derive(Debug, Clone)]
pub struct HouseEntry {
    pub preferred: String,
    pub variants: Vec<String>,
    /// Copy language the entry applies to (`mul` = all).
    pub lang: String,
    /// `path:line` of the row.
    pub source: String,
    pub embedded: bool,
}

/// `house-style`: preferred spellings. Later (user) files override earlier ones: a user row
/// replaces every embedded row that shares a spelling with it, and a row whose preferred form is
/// `*` drops all embedded rows.
#[derive(Debug, Default)]
pub struct HouseStyle {
    pub entries: Vec<HouseEntry>,
    /// lower-cased variant (words joined by one space) -> entry
    variants: HashMap<String, Vec<usize>>,
    /// lower-cased preferred form -> entry
    preferred: HashMap<String, Vec<usize>>,
    /// Longest entry, in words.
    pub max_words: usize,
}

impl LexiconIndex for HouseStyle {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut entries: Vec<HouseEntry> = Vec::new();
        for file in lexicons.of_kind("house-style") {
            let (cp, cv) = (file.require("preferred")?, file.require("variants")?);
            for row in &file.rows {
                let preferred = row.get(cp).to_string();
                if preferred == "*" {
                    if !file.embedded {
                        entries.retain(|e| !e.embedded);
                    }
                    continue;
                }
                let variants: Vec<String> = row.list(cv).map(str::to_string).collect();
                if variants.iter().any(|v| v.eq_ignore_ascii_case(&preferred)) {
                    return Err(file.error(row, format!("`{preferred}` is listed as its own variant")));
                }
                if !file.embedded {
                    let forms: HashSet<String> = variants.iter().chain([&preferred]).map(|s| norm(s)).collect();
                    entries.retain(|e| !e.variants.iter().chain([&e.preferred]).any(|f| forms.contains(&norm(f))));
                }
                entries.push(HouseEntry {
                    preferred,
                    variants,
                    lang: file.lang.clone(),
                    source: format!("{}:{}", file.path, row.line),
                    embedded: file.embedded,
                });
            }
        }
        let mut h = HouseStyle { entries, ..Default::default() };
        for (i, e) in h.entries.iter().enumerate() {
            h.preferred.entry(norm(&e.preferred)).or_default().push(i);
            h.max_words = h.max_words.max(e.preferred.split_whitespace().count());
            for v in &e.variants {
                h.variants.entry(norm(v)).or_default().push(i);
                h.max_words = h.max_words.max(v.split_whitespace().count());
            }
        }
        Ok(h)
    }
}

/// Lower case, words joined by one space.
pub fn norm(s: &str) -> String {
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        if w.is_ascii() {
            let start = out.len();
            out.push_str(w);
            out[start..].make_ascii_lowercase();
        } else {
            out.push_str(&w.to_lowercase());
        }
    }
    out
}

fn applies(e: &HouseEntry, lang: &str) -> bool {
    e.lang == "mul" || e.lang == lang
}

impl HouseStyle {
    /// The entry a spelling is a known variant of (`norm`-ed text), for copy in `lang`.
    pub fn variant_of(&self, normed: &str, lang: &str) -> Option<&HouseEntry> {
        let ids = self.variants.get(normed)?;
        ids.iter().rev().map(|&i| &self.entries[i]).find(|e| applies(e, lang))
    }
    /// The entry whose preferred form this is.
    pub fn preferred(&self, normed: &str, lang: &str) -> Option<&HouseEntry> {
        let ids = self.preferred.get(normed)?;
        ids.iter().rev().map(|&i| &self.entries[i]).find(|e| applies(e, lang))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::LexiconFile;

    #[test]
    fn user_rows_replace_embedded_ones() {
        let mut emb = LexiconFile::parse(
            "lexicons/names/h.tsv",
            "# lexicon: house-style\n# lang: en\n# columns: preferred\tvariants\tnote\nKyiv\tKiev\t\nZelenskyy\tZelensky|Zelenskiy\t\n",
        )
        .unwrap();
        emb.embedded = true;
        let user = LexiconFile::parse(
            "mine.tsv",
            "# lexicon: house-style\n# columns: preferred\tvariants\tnote\nZelenskiy\tZelensky|Zelenskyy\t\n",
        )
        .unwrap();
        let lex = Lexicons::new(vec![emb.clone(), user]);
        let h = lex.index::<HouseStyle>().unwrap();
        assert_eq!(h.variant_of("zelenskyy", "en").unwrap().preferred, "Zelenskiy");
        assert_eq!(h.variant_of("kiev", "en").unwrap().preferred, "Kyiv");
        let wipe = LexiconFile::parse("mine.tsv", "# lexicon: house-style\n# columns: preferred\tvariants\tnote\n*\t\t\n").unwrap();
        let lex = Lexicons::new(vec![emb, wipe]);
        assert!(lex.index::<HouseStyle>().unwrap().variant_of("kiev", "en").is_none());
    }
}
