//! The gazetteer index: cities, capitals, news places, countries and demonyms per language, keyed
//! for look-up (`places.rs` finds a story's places with it).
//!
//! One builder, two uses, as for entity-corruption's entity index: [`Built`] is the gazetteer as
//! built from the `places`, `place-names` and `country-names` lexicons, and [`Built::freeze`]
//! writes it as flat tables ([`crate::flat`]) read in place ([`Gazetteer`]). `build.rs`
//! includes this file (`#[path]`) and compiles the gazetteer of the embedded lexicons in; with
//! the user's lexicons of these kinds, it is built and frozen at run time. So this file uses
//! only `std`, `rustc_hash`, the lexicon parser, `text` and `flat`.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::flat::{Data, Flat, Key, MapHead, Records, StrList, Value, Writer, hash, sorted};
use crate::lexicon::{LexiconError, Lexicons};

/// The kinds of lexicon the gazetteer is built from.
pub const KINDS: &[&str] = &["places", "place-names", "country-names"];

/// A city or region of the gazetteer, as built.
#[derive(Debug, Clone)]
struct BuiltPlace {
    name: String,
    country: String,
    population: u64,
    capital: bool,
    common: bool,
}

/// A city or region of the gazetteer.
#[derive(Debug, Clone, Copy)]
pub struct Place<'a> {
    /// English (or GeoNames preferred) name.
    pub name: &'a str,
    /// ISO 3166-1 alpha-2 code.
    pub country: &'a str,
    pub population: u64,
    pub capital: bool,
    /// Also an ordinary word ("Reading", "Mobile"): only matched in a dateline.
    pub common: bool,
}

/// What a gazetteer key names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Place(u32),
    /// Index into the gazetteer's countries.
    Country(u16),
}

impl Target {
    /// One word: a place index, or a country index with the top bit set.
    fn word(self) -> u32 {
        match self {
            Target::Place(i) => i,
            Target::Country(i) => 0x8000_0000 | u32::from(i),
        }
    }

    fn of_word(w: u32) -> Target {
        if w & 0x8000_0000 != 0 { Target::Country((w & 0xffff) as u16) } else { Target::Place(w) }
    }
}

#[derive(Debug, Clone)]
struct BuiltEntry {
    target: Target,
    /// Only in copy of this language (`None`: any); shared by the entries of one file.
    lang: Option<Arc<str>>,
    /// Short keys (`US`, `AS`, `UK`) match only with exactly this spelling.
    exact: Option<String>,
}

/// What a key of the gazetteer names, and where.
#[derive(Debug, Clone, Copy)]
pub struct Entry<'a> {
    pub target: Target,
    /// Only in copy of this language (`None`: any).
    pub lang: Option<&'a str>,
    /// Short keys (`US`, `AS`, `UK`) match only with exactly this spelling.
    pub exact: Option<&'a str>,
}

/// The gazetteer as built from the lexicons (read as [`Gazetteer`] once frozen).
#[derive(Debug, Default)]
pub struct Built {
    places: Vec<BuiltPlace>,
    /// Country codes, and their English names (`countries[i]`, `country_names[i]`).
    countries: Vec<String>,
    country_names: Vec<String>,
    keys: HashMap<String, Vec<BuiltEntry>>,
    /// First words of multi-word keys, to stop n-gram growth early.
    firsts: HashSet<String>,
    /// Keys that may start with a lower-case word (`bande de Gaza`, `сектор Газа`).
    lower_firsts: HashSet<String>,
    /// Per language: lower-case demonym stems matched as word prefixes (`palestin` -> PS).
    stems: HashMap<String, Vec<(String, u16)>>,
}

/// A lookup key: folded, punctuation as single spaces.
pub fn key(s: &str) -> String {
    let mut out = String::new();
    key_into(s, &mut out);
    out
}

/// [`key`] written into `out` (cleared first), for loops that reuse one buffer.
pub fn key_into(s: &str, out: &mut String) {
    out.clear();
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // the common case, a plain ASCII word: fold is ASCII lower case and nothing is dropped
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    let folded;
    let chars = if s.is_ascii() {
        // fold of ASCII is its ASCII lower case, taken char by char below
        s
    } else {
        folded = crate::text::fold(s);
        folded.as_str()
    };
    out.reserve(chars.len());
    for c in chars.chars().map(|c| c.to_ascii_lowercase()) {
        if crate::text::is_alphanumeric(c) {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with(' ') && c != '\'' && c != '’' {
            out.push(' ');
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
}

impl Built {
    pub fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut g = Built::default();
        let mut by_id: HashMap<String, u32> = HashMap::default();
        for file in lexicons.of_kind("places") {
            let (id, name, cc, pop, flags, aliases) = (
                file.require("id")?,
                file.require("name")?,
                file.require("country")?,
                file.require("population")?,
                file.require("flags")?,
                file.require("aliases")?,
            );
            for row in &file.rows {
                let country = row.get(cc).to_ascii_uppercase();
                if country.len() != 2 {
                    return Err(file.error(row, format!("country `{}` is not an ISO 3166-1 alpha-2 code", row.get(cc))));
                }
                let population = if row.get(pop).is_empty() {
                    0
                } else {
                    row.get(pop).parse().map_err(|_| file.error(row, "population is not a number"))?
                };
                let flags: Vec<&str> = row.get(flags).split(',').map(str::trim).collect();
                let idx = g.places.len() as u32;
                g.places.push(BuiltPlace {
                    name: row.get(name).to_string(),
                    country,
                    population,
                    capital: flags.contains(&"capital"),
                    common: flags.contains(&"common"),
                });
                by_id.insert(row.get(id).to_string(), idx);
                g.add(row.get(name), Target::Place(idx), None);
                for a in row.list(aliases) {
                    g.add(a, Target::Place(idx), None);
                }
            }
        }
        for file in lexicons.of_kind("place-names") {
            let (id, names) = (file.require("id")?, file.require("names")?);
            let lang: Option<Arc<str>> = Some(file.lang.as_str()).filter(|l| *l != "mul").map(Arc::from);
            for row in &file.rows {
                let Some(&idx) = by_id.get(row.get(id)) else {
                    return Err(file.error(row, format!("unknown place id `{}`", row.get(id))));
                };
                for n in row.list(names) {
                    g.add(n, Target::Place(idx), lang.clone());
                }
            }
        }
        let mut country_ix: HashMap<String, u16> = HashMap::default();
        for file in lexicons.of_kind("country-names") {
            let (code, names, demonyms) = (file.require("code")?, file.require("names")?, file.require("demonyms")?);
            let lang: Option<Arc<str>> = Some(file.lang.as_str()).filter(|l| *l != "mul").map(Arc::from);
            for row in &file.rows {
                let cc = row.get(code).to_ascii_uppercase();
                // (a map, not a search of the list: 13 files of 250 countries, #16)
                let ci = match country_ix.get(&cc) {
                    Some(&i) => i,
                    None => {
                        g.countries.push(cc.clone());
                        g.country_names.push(row.list(names).next().unwrap_or(&cc).to_string());
                        let i = (g.countries.len() - 1) as u16;
                        country_ix.insert(cc, i);
                        i
                    }
                };
                if let (Some("en"), Some(n)) = (lang.as_deref(), row.list(names).next()) {
                    g.country_names[ci as usize] = n.to_string();
                }
                for n in row.list(names) {
                    g.add(n, Target::Country(ci), lang.clone());
                }
                for d in row.list(demonyms) {
                    if d.chars().next().is_some_and(char::is_lowercase) {
                        g.stems.entry(file.lang.clone()).or_default().push((key(d), ci));
                    } else {
                        g.add(d, Target::Country(ci), lang.clone());
                    }
                }
            }
        }
        Ok(g)
    }

    fn add(&mut self, form: &str, target: Target, lang: Option<Arc<str>>) {
        let k = key(form);
        if k.is_empty() {
            return;
        }
        // up to three letters keep their exact form: count no further than four
        let letters = form.chars().filter(|&c| crate::text::is_alphanumeric(c)).take(4).count();
        let exact = (letters <= 3).then(|| form.to_string());
        if let Some(first) = k.split(' ').next() {
            if !self.firsts.contains(first) {
                self.firsts.insert(first.to_string());
            }
            if form.chars().next().is_some_and(char::is_lowercase) && !self.lower_firsts.contains(first) {
                self.lower_firsts.insert(first.to_string());
            }
        }
        let list = self.keys.entry(k).or_default();
        if !list.iter().any(|e| e.target == target && e.lang == lang && e.exact == exact) {
            list.push(BuiltEntry { target, lang, exact });
        }
    }

    /// The gazetteer as flat tables (the layout [`Gazetteer`] reads).
    pub fn freeze(&self) -> (Vec<u8>, String) {
        let mut w = Writer::default();
        let places: Vec<u32> = self
            .places
            .iter()
            .map(|p| {
                let at = w.pos();
                w.str(&p.name);
                w.str(&p.country);
                w.push(p.population as u32);
                w.push((p.population >> 32) as u32);
                w.push(u32::from(p.capital));
                w.push(u32::from(p.common));
                at
            })
            .collect();
        let places = w.records(&places);
        let countries = w.strs(&self.countries);
        let country_names = w.strs(&self.country_names);
        let keys: Vec<(&String, u32)> = sorted(self.keys.iter())
            .into_iter()
            .map(|(k, list)| {
                let entries: Vec<u32> = list
                    .iter()
                    .map(|e| {
                        let at = w.pos();
                        w.push(e.target.word());
                        w.push(u32::from(e.lang.is_some()));
                        w.str(e.lang.as_deref().unwrap_or(""));
                        w.push(u32::from(e.exact.is_some()));
                        w.str(e.exact.as_deref().unwrap_or(""));
                        at
                    })
                    .collect();
                (k, w.records(&entries))
            })
            .collect();
        let keys = w.map(keys);
        let firsts = w.map(sorted(self.firsts.iter().map(|k| (k, 0))));
        let lower_firsts = w.map(sorted(self.lower_firsts.iter().map(|k| (k, 0))));
        let stems: Vec<(&String, u32)> = sorted(self.stems.iter())
            .into_iter()
            .map(|(lang, list)| {
                let recs: Vec<u32> = list
                    .iter()
                    .map(|(stem, ci)| {
                        let at = w.pos();
                        w.push(u32::from(*ci));
                        w.str(stem);
                        at
                    })
                    .collect();
                (lang, w.records(&recs))
            })
            .collect();
        let stems = w.map(stems);
        let first_filter = w.u32s(first_filter(self.firsts.iter().map(String::as_str)));
        w.finish(&[places, countries, country_names, keys, firsts, lower_firsts, stems, first_filter])
    }
}

/// The gazetteer: flat tables ([`Built::freeze`]), compiled in by `build.rs` or frozen at run
/// time, read in place.
#[derive(Debug)]
pub struct Gazetteer {
    data: Data,
    root: Vec<u32>,
    /// The heads of the maps (keys, firsts, lower firsts, stems), read once.
    heads: [MapHead; 4],
    /// Country code -> its first index in [`Gazetteer::countries`] (#16: a search of the list
    /// was 8 M instructions on the 1.2 MB sample).
    country_ix: HashMap<Box<str>, usize>,
    /// First byte -> the lengths (bit `len.min(63)`) of the keys of the lower-first map that
    /// start with it: most lower-case words of the copy are no lower first, told without a hash
    /// (#17).
    lower_gate: Box<[u64; 256]>,
    /// Where the words of the first-word filter ([`first_filter`]) begin.
    first_filter: u32,
    /// [`hash`] of every key's text before each of its spaces (`new`, `new york` for `new york
    /// city`): a key of more words is looked for only after such a prefix (#17).
    space_prefixes: HashSet<u64>,
}

impl Gazetteer {
    pub fn new(data: Data) -> Gazetteer {
        let root = data.root();
        let heads = [3, 4, 5, 6].map(|i| data.view().head(root[i]));
        let mut country_ix: HashMap<Box<str>, usize> = HashMap::default();
        for (i, c) in data.view().strs(root[1]).iter().enumerate() {
            country_ix.entry(Box::from(c)).or_insert(i);
        }
        let mut lower_gate = Box::new([0u64; 256]);
        for k in map_keys(data.view(), root[5]) {
            if let Some(&b) = k.as_bytes().first() {
                lower_gate[usize::from(b)] |= 1 << k.len().min(63);
            }
        }
        let mut space_prefixes = HashSet::default();
        for k in map_keys(data.view(), root[3]) {
            for (at, _) in k.match_indices(' ') {
                space_prefixes.insert(hash(&k[..at]));
            }
        }
        let first_filter = root[7] + 1;
        Gazetteer { data, root, heads, country_ix, lower_gate, first_filter, space_prefixes }
    }

    /// May a word whose key hashes to `hash` be the first word of a key? `false` only when it
    /// is not: its bit in the first-word filter is clear. (#16: most capitalised words are no
    /// first word; the filter's 16 KB stay in cache where a look-up in the first-word map's
    /// 256 KB of slots missed it, a third of the place search's cycles.)
    #[inline]
    pub fn may_be_first(&self, hash: u64) -> bool {
        let bit = first_filter_bit(hash);
        self.f().u(self.first_filter + (bit >> 5)) & (1 << (bit & 31)) != 0
    }

    /// May `key` (a lower-case word's key) be in the lower-first map? `false` only when it is not.
    #[cfg(test)]
    pub fn may_be_lower_first(&self, key: &str) -> bool {
        self.may_be_lower_first_of(key.as_bytes().first().copied(), key.len())
    }

    /// [`Gazetteer::may_be_lower_first`] of a key given by its first byte and length.
    #[inline]
    pub fn may_be_lower_first_of(&self, first: Option<u8>, len: usize) -> bool {
        first.is_none_or(|b| self.lower_gate[usize::from(b)] & (1 << len.min(63)) != 0)
    }

    /// May a key of the lower-first map start with the byte `b`? `false` only when none does.
    #[inline]
    pub fn may_start_lower_first(&self, b: u8) -> bool {
        self.lower_gate[usize::from(b)] != 0
    }

    /// May a key start with the text of `prefix` (a key, hashed with [`hash`]) and a space?
    /// `false` only when none does.
    #[inline]
    pub fn may_continue(&self, prefix: u64) -> bool {
        self.space_prefixes.contains(&prefix)
    }

    /// The index of a country code in [`Gazetteer::countries`] (the first, were it listed twice).
    pub fn country_index(&self, cc: &str) -> Option<usize> {
        self.country_ix.get(cc).copied()
    }

    /// Built from `lexicons` and frozen at run time.
    pub fn built(lexicons: &Lexicons) -> Result<Gazetteer, LexiconError> {
        let (words, text) = Built::build(lexicons)?.freeze();
        Ok(Gazetteer::new(Data::new(Cow::Owned(words), Cow::Owned(text))))
    }

    /// The frozen words and text (tests compare the compiled gazetteer with a run-time build).
    #[cfg(test)]
    pub fn data(&self) -> &Data {
        &self.data
    }

    fn f(&self) -> Flat<'_> {
        self.data.view()
    }

    /// Place `i`.
    pub fn place(&self, i: u32) -> Place<'_> {
        self.f().records(self.root[0]).get(i as usize)
    }

    /// Country codes (`countries().get(i)` is country `i`).
    pub fn countries(&self) -> StrList<'_> {
        self.f().strs(self.root[1])
    }

    /// English names of the countries, in the order of [`Gazetteer::countries`].
    pub fn country_names(&self) -> StrList<'_> {
        self.f().strs(self.root[2])
    }

    /// What a key names.
    pub fn entries(&self, key: &str) -> Option<Records<'_, Entry<'_>>> {
        self.entries_of(Key::new(key))
    }

    /// What a key hashed before names.
    pub fn entries_of(&self, key: Key<'_>) -> Option<Records<'_, Entry<'_>>> {
        self.f().map_at(self.heads[0]).get_key(key)
    }

    /// Is this the first word of a key?
    pub fn is_first(&self, word: Key<'_>) -> bool {
        self.f().map_at::<()>(self.heads[1]).contains(word)
    }

    /// May a key start with this lower-case word?
    pub fn is_lower_first(&self, word: Key<'_>) -> bool {
        self.f().map_at::<()>(self.heads[2]).contains(word)
    }

    /// Lower-case demonym stems of a language, with their country index.
    pub fn stems(&self, lang: &str) -> Option<Records<'_, (usize, &str)>> {
        self.f().map_at(self.heads[3]).get(lang)
    }
}

/// Bits of the first-word filter ([`Gazetteer::may_be_first`]): about eight per first word
/// (17,000 of them), one bit set per word, so a word that is no first word passes one time in
/// nine.
const FIRST_FILTER_BITS: u32 = 1 << 17;

/// A word's bit in the first-word filter: hash bits the maps do not use for the slot.
#[inline]
fn first_filter_bit(hash: u64) -> u32 {
    #[allow(clippy::cast_possible_truncation)]
    let bit = (hash >> 20) as u32;
    bit & (FIRST_FILTER_BITS - 1)
}

/// The words of the first-word filter: the bit of every first word set.
fn first_filter<'a>(firsts: impl Iterator<Item = &'a str>) -> Vec<u32> {
    let mut words = vec![0u32; (FIRST_FILTER_BITS / 32) as usize];
    for k in firsts {
        let bit = first_filter_bit(hash(k));
        words[(bit >> 5) as usize] |= 1 << (bit & 31);
    }
    words
}

/// The keys of the map written at `at`, in entry order: [`Writer::map`] writes the number of
/// slots and of entries, the slots, then each entry as its key (a string: two words) and value.
fn map_keys(f: Flat<'_>, at: u32) -> impl Iterator<Item = &str> {
    let (slots, len) = (f.u(at), f.u(at + 1));
    let entries = at + 2 + slots;
    (0..len).map(move |i| f.str(entries + 3 * i))
}

impl<'a> Value<'a> for Place<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        Place {
            name: f.str(w),
            country: f.str(w + 2),
            population: u64::from(f.u(w + 4)) | (u64::from(f.u(w + 5)) << 32),
            capital: f.flag(w + 6),
            common: f.flag(w + 7),
        }
    }
}

impl<'a> Value<'a> for Entry<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        Entry { target: Target::of_word(f.u(w)), lang: f.flag(w + 1).then(|| f.str(w + 2)), exact: f.flag(w + 4).then(|| f.str(w + 5)) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compiled_gazetteer_is_the_run_time_build() {
        // build.rs froze the gazetteer of the embedded lexicons with this builder: the run-time
        // build of the embedded set, frozen the same way, is byte for byte the compiled one
        let compiled = Gazetteer::compiled();
        let built = Gazetteer::built(Lexicons::embedded()).unwrap();
        let ((cw, ct), (bw, bt)) = (compiled.data().parts(), built.data().parts());
        assert_eq!((cw.len(), ct.len()), (bw.len(), bt.len()));
        assert!(cw == bw && ct == bt, "the compiled gazetteer differs from the run-time build");
        for g in [&compiled, &built] {
            let paris: Vec<Target> = g.entries("paris").unwrap().iter().map(|e| e.target).collect();
            assert!(paris.iter().any(|t| matches!(t, Target::Place(p) if g.place(*p).country == "FR" && g.place(*p).capital)));
            assert!(g.is_first(Key::new("gaza")) && g.countries().contains("PS"));
        }
    }

    #[test]
    fn the_gates_pass_every_key() {
        let g = Gazetteer::compiled();
        let f = g.data().view();
        let keys: Vec<&str> = map_keys(f, g.root[3]).collect();
        assert_eq!(keys.len(), f.map_at::<()>(g.heads[0]).len());
        let mut multi = 0;
        for k in &keys {
            assert!(g.entries(k).is_some(), "{k:?}");
            for (at, _) in k.match_indices(' ') {
                assert!(g.may_continue(hash(&k[..at])), "{k:?}");
                multi += 1;
            }
        }
        assert!(multi > 100);
        let lower: Vec<&str> = map_keys(f, g.root[5]).collect();
        assert!(!lower.is_empty());
        for k in lower {
            assert!(g.is_lower_first(Key::new(k)) && g.may_be_lower_first(k) && g.may_start_lower_first(k.as_bytes()[0]), "{k:?}");
        }
        assert!(!g.may_be_lower_first("said") && !g.may_continue(hash("jakarta said")));
        let firsts: Vec<&str> = map_keys(f, g.root[4]).collect();
        assert_eq!(firsts.len(), f.map_at::<()>(g.heads[1]).len());
        for k in &firsts {
            assert!(g.is_first(Key::new(k)) && g.may_be_first(hash(k)), "{k:?}");
        }
        // the filter passes few words that are not first words
        let passed = (0..10_000).filter(|i| g.may_be_first(hash(&format!("nofirst{i}")))).count();
        assert!(passed < 2_000, "{passed}");
    }

    #[test]
    fn a_user_lexicon_of_its_kinds_builds_the_gazetteer_at_run_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("house.tsv");
        std::fs::write(
            &path,
            "# lexicon: places\n# columns: id\tname\tcountry\tpopulation\tflags\taliases\nx1\tNew Wirelintville\tFR\t12\t\t\n",
        )
        .unwrap();
        let with_user = Lexicons::with_user_files(&[&path]).unwrap();
        assert!(Lexicons::embedded().embedded_only(KINDS) && !with_user.embedded_only(KINDS));
        let g = with_user.index::<Gazetteer>().unwrap();
        let e = g.entries("new wirelintville").expect("the user's place");
        assert!(matches!(e.get(0).target, Target::Place(p) if g.place(p).name == "New Wirelintville"));
    }
}
