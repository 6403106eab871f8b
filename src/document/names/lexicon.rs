//! Lexicon indexes for names: name words (titles, particles, sentence openers), variant
//! groups (rigour / Wikidata), look-alike groups, entity names, and the house style. The
//! variant groups, look-alike groups and entity names are built in `tables.rs`, and compiled
//! in by `build.rs` when the user adds no lexicon of their kinds.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

pub use super::tables::EntityNames;
use super::tables::{self, BuiltGroups, FormGroups};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};

/// A table `build.rs` froze from the embedded lexicons (`NAME.bin`, `NAME.txt` in `OUT_DIR`,
/// see `tables.rs`), read in place.
macro_rules! compiled {
    ($name:literal) => {
        crate::flat::Data::new(
            std::borrow::Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/", $name, ".bin"))),
            std::borrow::Cow::Borrowed(include_str!(concat!(env!("OUT_DIR"), "/", $name, ".txt"))),
        )
    };
}

/// `name-words`: titles that precede names, lower-case particles inside names, and capitalised
/// words that are not names (sentence openers, weekdays, months), per language.
#[derive(Debug, Default)]
pub struct NameWords {
    /// lower-cased word -> (language, role) pairs
    words: HashMap<String, Vec<(String, Role)>>,
    /// Bits of the words' byte lengths with their first and last bytes ([`NameWords::roles`]
    /// looks up only a word whose bit is set): [`SHAPE_BITS`] bits once built, none when empty.
    shapes: Vec<u64>,
}

/// [`NameWords::roles`] bit of a title.
pub const TITLE: u8 = 1;
/// [`NameWords::roles`] bit of a particle.
pub const PARTICLE: u8 = 2;
/// [`NameWords::roles`] bit of a stop word.
pub const STOP: u8 = 4;
/// [`NameWords::roles`] bit of a compound's English tail after a hyphen (`Seoul-based`'s `based`
/// is read by its `-ed`; `pro-Kremlin`'s tail is capitalised; `state-run`'s `run` is listed).
pub const COMPOUND: u8 = 8;

/// The bit of a word in [`NameWords::shapes`]: its byte length with its first and last bytes.
pub fn word_shape(w: &[u8]) -> usize {
    match (w.first(), w.last()) {
        (Some(&f), Some(&l)) => shape_bit(w.len(), f, l),
        _ => 0,
    }
}

/// [`word_shape`] of a word of `len` bytes from `first` to `last`: the length (up to 31) and
/// the low five bits of each byte, side by side (#16: the 256 bits hashed before had 225 of them
/// set by the 638 listed words, and let nearly every capitalised word through to a look-up;
/// these have about 530 of 32,768 set).
pub fn shape_bit(len: usize, first: u8, last: u8) -> usize {
    len.min(31) << 10 | usize::from(first & 31) << 5 | usize::from(last & 31)
}

/// The number of [`shape_bit`]s.
const SHAPE_BITS: usize = 32 << 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Title,
    Particle,
    Stop,
    Compound,
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
                    "compound" => Role::Compound,
                    other => return Err(file.error(row, format!("role `{other}` is not one of title, particle, stop, compound"))),
                };
                w.words.entry(row.get(cw).to_lowercase()).or_default().push((row.get(cl).to_string(), role));
            }
        }
        w.shapes = vec![0; SHAPE_BITS / 64];
        for k in w.words.keys() {
            let b = word_shape(k.as_bytes());
            w.shapes[b >> 6] |= 1u64 << (b & 63);
        }
        Ok(w)
    }
}

impl NameWords {
    /// Is `lower` a word of this role in `lang` (or in English, which wire copy mixes in)?
    /// (The look-ups [`NameWords::roles`] replaced (#16); the test oracle's.)
    #[cfg(test)]
    fn has(&self, role: Role, lang: &str, lower: &str) -> bool {
        self.words.get(lower).is_some_and(|v| v.iter().any(|(l, r)| *r == role && (l == lang || l == "en")))
    }
    /// A title (`President`, `PM`, `Menteri`); `lower` is lower-cased, without a final `.`.
    #[cfg(test)]
    pub fn is_title(&self, lang: &str, lower: &str) -> bool {
        self.has(Role::Title, lang, lower)
    }
    #[cfg(test)]
    pub fn is_particle(&self, lang: &str, lower: &str) -> bool {
        self.has(Role::Particle, lang, lower)
    }
    #[cfg(test)]
    pub fn is_stop(&self, lang: &str, lower: &str) -> bool {
        self.has(Role::Stop, lang, lower)
    }
    /// May a word of this [`word_shape`] be listed? (`false`: it is not.)
    pub fn may_list(&self, shape: usize) -> bool {
        self.shapes.get(shape >> 6).is_some_and(|&w| w & (1u64 << (shape & 63)) != 0)
    }
    /// The roles of `lower` in `lang` (or English) as bits ([`TITLE`], [`PARTICLE`], [`STOP`]):
    /// one look-up for [`NameWords::is_title`], [`NameWords::is_particle`] and
    /// [`NameWords::is_stop`], none for a word whose shape no listed word has.
    pub fn roles(&self, lang: &str, lower: &str) -> u8 {
        if !self.may_list(word_shape(lower.as_bytes())) {
            return 0;
        }
        let Some(v) = self.words.get(lower) else { return 0 };
        v.iter().filter(|(l, _)| l == lang || l == "en").fold(0, |m, (_, r)| {
            m | match r {
                Role::Title => TITLE,
                Role::Particle => PARTICLE,
                Role::Stop => STOP,
                Role::Compound => COMPOUND,
            }
        })
    }
}

/// `name-variants`: groups of spellings of one name (from rigour / Wikidata), keyed by light key.
#[derive(Debug, Default)]
pub struct VariantGroups {
    groups: FormGroups,
}

impl LexiconIndex for VariantGroups {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let groups = if lexicons.embedded_only(tables::VARIANT_KINDS) {
            FormGroups::new(compiled!("name_variants"))
        } else {
            FormGroups::frozen(&BuiltGroups::variants(lexicons)?)
        };
        Ok(VariantGroups { groups })
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
    /// [`word_shape`] bits of the listed spellings ([`DistinctNames::apart`] looks up only
    /// spellings whose bits are set: nearly no name in a story is listed); none when empty.
    shapes: Vec<u64>,
}

impl LexiconIndex for DistinctNames {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let groups = if lexicons.embedded_only(tables::DISTINCT_KINDS) {
            FormGroups::new(compiled!("distinct_names"))
        } else {
            FormGroups::frozen(&BuiltGroups::distinct(lexicons)?)
        };
        // the groups' keys, as `BuiltGroups::distinct` makes them
        let mut shapes = vec![0u64; SHAPE_BITS / 64];
        for file in lexicons.of_kind(tables::DISTINCT_KINDS[0]) {
            let Some(cf) = file.column("forms") else {
                shapes.fill(u64::MAX);
                continue;
            };
            for row in &file.rows {
                for form in row.list(cf) {
                    let b = word_shape(form.to_lowercase().as_bytes());
                    shapes[b >> 6] |= 1u64 << (b & 63);
                }
            }
        }
        Ok(DistinctNames { groups, shapes })
    }
}

impl DistinctNames {
    /// Are two lower-cased spellings listed as different names?
    pub fn apart(&self, a: &str, b: &str) -> bool {
        let listed = |w: &str| {
            let b = word_shape(w.as_bytes());
            self.shapes.get(b >> 6).is_some_and(|&s| s & (1u64 << (b & 63)) != 0)
        };
        a != b && listed(a) && listed(b) && self.groups.share(a, b)
    }
}

impl LexiconIndex for EntityNames {
    /// The compiled entity names, or with the user's lexicons of their kinds, built at run time.
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        if lexicons.embedded_only(tables::ENTITY_KINDS) {
            Ok(EntityNames::new(compiled!("entity_names")))
        } else {
            Ok(EntityNames::built(lexicons))
        }
    }
}

/// One house-style entry: the preferred spelling and the variants it replaces.
#[derive(Debug, Clone)]
pub struct HouseEntry {
    pub preferred: String,
    pub variants: Vec<String>,
    /// Copy language the entry applies to (`mul` = all).
    pub lang: String,
    /// The romanisation the preferred form follows (`uk`: Ukrainian-based, `Kyiv`, `Odesa`), or
    /// empty. A story that writes one entry of a system the house way and another the other way
    /// mixes two systems.
    pub system: String,
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
    /// Bits of the first and last bytes of the lower-cased variants ([`HouseStyle::may_be_variant`]).
    variant_ends: [u64; 4],
}

/// ASCII white space as `char::is_whitespace` reads it (with VT, unlike `u8::is_ascii_whitespace`).
fn ascii_space(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ')
}

/// The bit of a first and a last byte in [`HouseStyle::variant_ends`].
fn end_bit(first: u8, last: u8) -> usize {
    (usize::from(first) * 31 + usize::from(last)) & 255
}

impl LexiconIndex for HouseStyle {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut entries: Vec<HouseEntry> = Vec::new();
        for file in lexicons.of_kind("house-style") {
            let (cp, cv) = (file.require("preferred")?, file.require("variants")?);
            let cs = file.column("system");
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
                    system: cs.map(|c| row.get(c).to_string()).unwrap_or_default(),
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
                let k = norm(v);
                if let (Some(&f), Some(&l)) = (k.as_bytes().first(), k.as_bytes().last()) {
                    let b = end_bit(f, l);
                    h.variant_ends[b >> 6] |= 1u64 << (b & 63);
                }
                h.variants.entry(k).or_default().push(i);
                h.max_words = h.max_words.max(v.split_whitespace().count());
            }
        }
        Ok(h)
    }
}

impl HouseStyle {
    /// Can `text`, once [`norm`]-ed, be a variant? `false` only when it cannot: a text that
    /// begins and ends with an ASCII byte that is not white space keeps those bytes, lower-cased,
    /// at the ends of its `norm` (a cheap test before the `norm` and the look-up).
    pub fn may_be_variant(&self, text: &str) -> bool {
        let b = text.as_bytes();
        let (Some(&f), Some(&l)) = (b.first(), b.last()) else { return true };
        if !f.is_ascii() || !l.is_ascii() || ascii_space(f) || ascii_space(l) {
            return true;
        }
        let bit = end_bit(f.to_ascii_lowercase(), l.to_ascii_lowercase());
        self.variant_ends[bit >> 6] & (1u64 << (bit & 63)) != 0
    }
}

/// Lower case, words joined by one space.
pub fn norm(s: &str) -> String {
    let mut out = String::new();
    norm_into(&mut out, s);
    out
}

/// [`norm`] into `out` (cleared first), reusing its buffer.
pub fn norm_into(out: &mut String, s: &str) {
    out.clear();
    if s.is_ascii() {
        // ASCII white space is `\t`, `\n`, VT, FF, `\r` and the space: words found byte by
        // byte, copied whole and lower-cased in place
        let ws = ascii_space;
        let b = s.as_bytes();
        let mut i = 0;
        loop {
            while i < b.len() && ws(b[i]) {
                i += 1;
            }
            if i == b.len() {
                return;
            }
            let from = i;
            while i < b.len() && !ws(b[i]) {
                i += 1;
            }
            if !out.is_empty() {
                out.push(' ');
            }
            let start = out.len();
            out.push_str(&s[from..i]);
            out[start..].make_ascii_lowercase();
        }
    }
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
}

/// The `split_whitespace` [`norm`] that [`norm_into`]'s ASCII path replaced (#16).
#[cfg(test)]
pub(crate) fn norm_reference(s: &str) -> String {
    let mut out = String::new();
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
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
    use super::super::variant;
    use super::*;

    /// `roles` (one look-up, behind a shape filter) equals the look-ups it replaced, on
    /// every listed word in every listed language and on the words of the fixtures.
    #[test]
    fn roles_equal_has() {
        let w = NameWords::build(Lexicons::embedded()).unwrap();
        let mut langs: Vec<&str> = w.words.values().flatten().map(|(l, _)| l.as_str()).collect();
        langs.extend(["en", "xx"]);
        langs.sort_unstable();
        langs.dedup();
        let mut words: Vec<String> = w.words.keys().cloned().collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["tests/eval/stories", "tests/fixtures/rules/NM001-name-inconsistency"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let text = std::fs::read_to_string(e.path()).unwrap_or_default();
                words.extend(text.split(|c: char| !c.is_alphanumeric() && c != '-').map(str::to_lowercase));
            }
        }
        let mut n = 0;
        for lower in &words {
            for lang in &langs {
                let old = (u8::from(w.is_title(lang, lower)) * TITLE)
                    | (u8::from(w.is_particle(lang, lower)) * PARTICLE)
                    | (u8::from(w.is_stop(lang, lower)) * STOP)
                    | (u8::from(w.has(Role::Compound, lang, lower)) * COMPOUND);
                assert_eq!(w.roles(lang, lower), old, "{lower} {lang}");
                n += 1;
            }
        }
        assert!(n > 100_000, "{n}");
    }
    use crate::lexicon::LexiconFile;

    /// [`norm`] equals the `split_whitespace` code it replaced: every string of up to five
    /// characters over white space, letters of both cases and a non-ASCII letter, and the
    /// lines of the fixtures.
    /// The house style's cheap test never rules out a variant: every variant as listed, upper-
    /// cased and spaced out, and every run of up to four words of the fixtures that `norm`s to one.
    #[test]
    fn may_be_variant_keeps_every_variant() {
        let h = HouseStyle::build(Lexicons::embedded()).unwrap();
        let mut n = 0;
        for e in &h.entries {
            for v in &e.variants {
                for t in [v.clone(), v.to_uppercase(), v.replace(' ', "  \t")] {
                    assert!(h.variant_of(&norm(&t), &e.lang).is_some() && h.may_be_variant(&t), "{t}");
                    n += 1;
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["tests/eval/stories", "tests/fixtures/rules/NM001-name-inconsistency"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
                let words: Vec<&str> = text.split_whitespace().collect();
                for i in 0..words.len() {
                    for k in 1..=4.min(words.len() - i) {
                        let t = words[i..i + k].join(" ");
                        if h.variants.contains_key(&norm(&t)) {
                            assert!(h.may_be_variant(&t), "{t}");
                            n += 1;
                        }
                    }
                }
            }
        }
        assert!(n > 100, "{n}");
    }

    #[test]
    fn norm_equals_reference() {
        fn all(word: &mut String, left: usize, n: &mut usize) {
            assert_eq!(norm(word), norm_reference(word), "{word:?}");
            *n += 1;
            if left == 0 {
                return;
            }
            for c in [' ', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{a0}', 'A', 'z', '-', 'É'] {
                word.push(c);
                all(word, left - 1, n);
                word.pop();
            }
        }
        let mut n = 0;
        all(&mut String::new(), 5, &mut n);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for dir in ["tests/eval/stories", "tests/fixtures/rules/NM001-name-inconsistency"] {
            for e in std::fs::read_dir(root.join(dir)).unwrap().flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
                for line in text.lines() {
                    assert_eq!(norm(line), norm_reference(line));
                    n += 1;
                }
            }
        }
        assert!(n > 100_000, "{n}");
    }

    #[test]
    fn compiled_name_tables_are_the_run_time_builds() {
        // build.rs froze the tables of the embedded lexicons with these builders: the run-time
        // builds of the embedded set, frozen the same way, are byte for byte the compiled ones
        let lex = Lexicons::embedded();
        let same = |compiled: &crate::flat::Data, built: &crate::flat::Data, what: &str| {
            let ((cw, ct), (bw, bt)) = (compiled.parts(), built.parts());
            assert_eq!((cw.len(), ct.len()), (bw.len(), bt.len()), "{what}");
            assert!(cw == bw && ct == bt, "the compiled {what} differ from the run-time build");
        };
        let entities = [EntityNames::new(compiled!("entity_names")), EntityNames::built(lex)];
        same(entities[0].data(), entities[1].data(), "entity names");
        let variants = [FormGroups::new(compiled!("name_variants")), FormGroups::frozen(&BuiltGroups::variants(lex).unwrap())];
        same(variants[0].data(), variants[1].data(), "variant groups");
        let distinct = [FormGroups::new(compiled!("distinct_names")), FormGroups::frozen(&BuiltGroups::distinct(lex).unwrap())];
        same(distinct[0].data(), distinct[1].data(), "look-alike groups");
        let key = |s: &str| EntityNames::key(s.split_whitespace());
        for e in &entities {
            assert!(e.knows(&key("Vladimir Putin")) && e.ids(&key("Vladimir Putin")).contains("Q7747"));
            assert_eq!(e.same(&key("Donald Trump"), &key("Donald J. Trump")), Some(true));
            assert_eq!(e.same(&key("Donald Trump"), &key("Vladimir Putin")), Some(false));
            assert!(!e.knows(&key("Wirelint Nobody")) && e.ids(&key("Wirelint Nobody")).is_empty());
        }
        for g in &variants {
            assert!(g.share(&variant::light("Pumpyansky"), &variant::light("pumpjanski")));
            assert!(!g.share(&variant::light("Pumpyansky"), &variant::light("biskupski")));
        }
        for g in &distinct {
            assert!(g.share("arab", "arrab") && !g.share("arab", "ankara"));
        }
    }

    #[test]
    fn a_user_lexicon_of_their_kinds_builds_the_name_tables_at_run_time() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            ("e.tsv", "# lexicon: entities\n# columns: id\tkind\tlang\tcanonical\taliases\nX1\tperson\ten\tWirelint Nobody\tW. Nobody\n"),
            ("v.tsv", "# lexicon: name-variants\n# columns: id\tforms\nX2\twirelintski|wirelintsky\n"),
            ("d.tsv", "# lexicon: distinct-names\n# columns: forms\tnote\nwirelinta|wirelintb\t\n"),
        ];
        let mut paths = Vec::new();
        for (name, text) in files {
            let path = dir.path().join(name);
            std::fs::write(&path, text).unwrap();
            paths.push(path);
        }
        let kinds = [tables::ENTITY_KINDS, tables::VARIANT_KINDS, tables::DISTINCT_KINDS];
        assert!(kinds.iter().all(|k| Lexicons::embedded().embedded_only(k)));
        // each user file selects the run-time build of its own table only
        for (i, path) in paths.iter().enumerate() {
            let with_user = Lexicons::with_user_files(&[path]).unwrap();
            for (j, k) in kinds.iter().enumerate() {
                assert_eq!(with_user.embedded_only(k), i != j, "{} / {k:?}", path.display());
            }
        }
        let lex = Lexicons::with_user_files(&paths).unwrap();
        let key = |s: &str| EntityNames::key(s.split_whitespace());
        let e = lex.index::<EntityNames>().unwrap();
        assert_eq!(e.same(&key("Wirelint Nobody"), &key("W. Nobody")), Some(true));
        assert!(e.ids(&key("Vladimir Putin")).contains("Q7747"), "the embedded names are still there");
        let v = lex.index::<VariantGroups>().unwrap();
        assert!(v.confirms(&variant::light("Wirelintski"), &variant::light("Wirelintsky")));
        assert!(v.confirms(&variant::light("Pumpyansky"), &variant::light("pumpjanski")));
        assert!(lex.index::<DistinctNames>().unwrap().apart("wirelinta", "wirelintb"));
    }

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
