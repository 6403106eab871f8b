//! Name mentions: the people, places and organisations a story names, and which mentions
//! name the same thing.
//!
//! A mention is a run of capitalised words (with lower-case particles inside: `bin`, `al`,
//! `van`...), minus a leading title (`Prime Minister`, `PM`, `Menteri`), a possessive `'s` and
//! the sentence opener. Not mentions: ALL-CAPS words (datelines, acronyms), a headline in
//! title case, a capitalised word that only ever opens a sentence, weekdays and months.
//!
//! Mentions are then grouped into [`Family`]s: full names that are spellings of each other
//! word by word ([`variant::word_match`]), and single words (`Shtayyeh`, `PM Shtayyeh`) linked
//! to the one full name they are the surname of (`Mohammad Shtayyeh`). Different listed
//! entities never share a family (`Abbas Araghchi` / `Mahmoud Abbas`).
//!
//! The types and the analysis are here; finding mentions is in `extract.rs`, grouping them
//! into families in `link.rs`.

mod extract;
#[cfg(test)]
mod extract_oracle;
pub mod inflection;
pub mod lexicon;
mod link;
mod tables;
pub mod variant;

use std::sync::Arc;

use self::extract::extract;
use self::lexicon::{DistinctNames, EntityNames, HouseStyle, NameWords, VariantGroups};
use self::link::link;
pub use self::link::names_match;
use self::variant::Keys;
use super::{Analysis, Document, Section};
use crate::lexicon::Lexicons;
use crate::span::Span;

/// One word of a name, without article prefix (`al-`) or possessive (`'s`).
#[derive(Debug, Clone)]
pub struct NameWord {
    pub span: Span,
    /// Shared by every mention of the spelling ([`Keys::shared`]).
    pub keys: Arc<Keys>,
}

/// One mention of a name in the story.
#[derive(Debug, Clone)]
pub struct Mention {
    /// The name as written (first to last word, possessive excluded).
    pub span: Span,
    /// The words that identify the name (particles and initials left out).
    pub words: Vec<NameWord>,
    pub section: Section,
    /// Inside quotation marks (may be another language's spelling, or a speaker's words).
    pub quoted: bool,
    /// Index into [`NameMentions::families`].
    pub family: Option<usize>,
}

impl Mention {
    pub fn is_full(&self) -> bool {
        self.words.len() >= 2
    }
    pub fn last(&self) -> &NameWord {
        self.words.last().expect("a mention has words")
    }
}

/// Mentions that name one person, place or organisation.
#[derive(Debug, Clone, Default)]
pub struct Family {
    /// Indexes into [`NameMentions::mentions`], in text order.
    pub mentions: Vec<usize>,
    /// An entity lexicon confirms its full-name spellings are one entity.
    pub confirmed: bool,
}

/// The name mentions of a story (a shared [`Analysis`]).
#[derive(Debug, Clone, Default)]
pub struct NameMentions {
    pub mentions: Vec<Mention>,
    pub families: Vec<Family>,
    /// The copy language the name words were read with.
    pub lang: &'static str,
}

impl Analysis for NameMentions {
    fn compute(doc: &Document, lex: &Lexicons) -> Self {
        let lx = NameLexicons::of(lex);
        let mut names = NameMentions { lang: doc.language.unwrap_or("en"), ..Default::default() };
        extract(doc, &lx, &mut names);
        link(&lx, &mut names);
        names
    }
}

impl NameMentions {
    /// The name as written, possessive excluded.
    pub fn text<'d>(&self, doc: &'d Document, i: usize) -> &'d str {
        doc.slice(self.mentions[i].span)
    }
}

/// The lexicon indexes names read (empty when a lexicon is broken: rules report that in `prepare`).
pub struct NameLexicons {
    pub words: Arc<NameWords>,
    pub variants: Arc<VariantGroups>,
    pub entities: Arc<EntityNames>,
    pub house: Arc<HouseStyle>,
    pub distinct: Arc<DistinctNames>,
}

/// The five indexes gathered once per set of lexicons: a story's name analysis and
/// name-inconsistency each asked the lexicon cache for all five (#16).
impl crate::lexicon::LexiconIndex for NameLexicons {
    fn build(lexicons: &Lexicons) -> Result<Self, crate::lexicon::LexiconError> {
        Ok(NameLexicons {
            words: lexicons.index().unwrap_or_default(),
            variants: lexicons.index().unwrap_or_default(),
            entities: lexicons.index().unwrap_or_default(),
            house: lexicons.index().unwrap_or_default(),
            distinct: lexicons.index().unwrap_or_default(),
        })
    }
}

impl NameLexicons {
    /// The name indexes of `lexicons` (an empty one for each that does not build).
    pub fn of(lexicons: &Lexicons) -> Arc<NameLexicons> {
        lexicons.index::<NameLexicons>().expect("NameLexicons::build never fails")
    }

    /// Builds every index, so lexicon errors surface with `path:line`.
    pub fn prepare(lexicons: &Lexicons) -> Result<(), crate::lexicon::LexiconError> {
        // independent indexes, the variant groups and entity names the largest: on two cores
        // when one is free (an error in the small indexes is reported first, then one in the
        // variant groups, then one in the entity names)
        let (variants, (entities, rest)) = rayon::join(
            || lexicons.index::<VariantGroups>().map(|_| ()),
            || {
                rayon::join(
                    || lexicons.index::<EntityNames>().map(|_| ()),
                    || {
                        lexicons.index::<NameWords>()?;
                        lexicons.index::<HouseStyle>()?;
                        lexicons.index::<DistinctNames>().map(|_| ())
                    },
                )
            },
        );
        rest.and(variants).and(entities)
    }
}

#[cfg(test)]
mod tests {
    use super::link::ALWAYS_BLOCK;
    use super::*;
    use crate::document::AnalyseOptions;
    use crate::lexicon::Lexicons;

    fn analyse(text: &str) -> (Document, Arc<NameMentions>) {
        let doc = Document::from_text("t.txt", text, &AnalyseOptions { language: Some("en".into()), ..Default::default() });
        let n = doc.analysis::<NameMentions>(Lexicons::embedded());
        (doc, n)
    }

    fn mentions(text: &str) -> Vec<String> {
        let (doc, n) = analyse(text);
        (0..n.mentions.len()).map(|i| n.text(&doc, i).to_string()).collect()
    }

    #[test]
    fn extracts_names_without_titles_openers_or_possessives() {
        assert_eq!(
            mentions("Previously, Russian President Vladimir Putin's envoy met PM Shtayyeh in Moscow on Sunday."),
            vec!["Vladimir Putin", "Shtayyeh", "Moscow"]
        );
        assert_eq!(mentions("The Fatah-dominated authority met Joe R. Biden."), vec!["Fatah", "Joe R. Biden"]);
        assert_eq!(mentions("Talks with Bashar al-Assad and Mohammed bin Salman ended."), vec!["Bashar al-Assad", "Mohammed bin Salman"]);
    }

    #[test]
    fn an_article_before_a_curly_apostrophe_is_cut_at_a_char_boundary() {
        // `ad’` is three bytes longer than `ad`: cutting one byte past the article split the `’`
        // and panicked (the whole story was lost)
        assert_eq!(mentions("Officials of Ad’Dawla and al’Quds met Ar’Rahman on Monday."), vec!["Ad’Dawla", "al’Quds", "Ar’Rahman"]);
    }

    #[test]
    fn skips_title_case_headlines_and_datelines() {
        let (doc, n) =
            analyse("Russia Invites All Palestinian Factions to Moscow\n\nJAKARTA - The talks in Moscow will go ahead, Hamas said.");
        let got: Vec<_> = (0..n.mentions.len()).map(|i| n.text(&doc, i)).collect();
        assert_eq!(got, vec!["Moscow", "Hamas"]);
    }

    /// The evaluation stories and the name and entity fixtures, with their paths.
    fn name_stories() -> Vec<(std::path::PathBuf, String)> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = Vec::new();
        for dir in ["tests/eval/stories", "tests/fixtures/rules/NM001-name-inconsistency", "tests/fixtures/rules/EN001-entity-corruption"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for e in entries.flatten() {
                if let Ok(text) = std::fs::read_to_string(e.path()) {
                    out.push((e.path(), text));
                }
            }
        }
        out
    }

    /// Generated stories: capitalised runs with titles, particles, initials, possessives,
    /// articles, hyphenated tails, openers seen in lower case and inside sentences, quotes.
    fn generated_stories(n: usize) -> Vec<String> {
        const WORDS: &[&str] = &[
            "Putin",
            "Putin's",
            "Vladimir",
            "President",
            "PM",
            "Prime",
            "Minister",
            "said",
            "the",
            "The",
            "officials",
            "Officials",
            "Previously",
            "previously",
            "Meanwhile",
            "Moscow",
            "al-Assad",
            "Bashar",
            "bin",
            "Salman",
            "Mohammed",
            "R",
            ".",
            ",",
            "\"",
            "(",
            ")",
            ":",
            "Fatah-dominated",
            "Yo-jong",
            "Kim",
            "A-3",
            "Shtayyeh",
            "Shtayyah",
            "shtayyeh",
            "Selenskij",
            "Selenskyj",
            "Erdoğan'ın",
            "Erdoğan",
            "Zelenski'ye",
            "İstanbul",
            "istanbul",
            "KIEV",
            "Kiev",
            "Kyiv",
            "Odessa",
            "Odesa",
            "Mr",
            "van",
            "der",
            "Berg",
            "Abbas",
            "Araghchi",
            "Mahmoud",
            "Scholz'",
            "Habecks",
            "Habeck",
            "Путин",
            "Путина",
            "Владимир",
            "Warily",
            "warily",
            "Damit",
            "damit",
            "Gaddafi",
            "Muammar",
            "McDonald",
            "iPhone",
            "on",
            "Monday",
            "in",
            "\u{212a}iev",
            "Σοφία",
            "ΑΘΗΝΑΣ",
            "Jong",
            "Un",
            "Seoul",
            "and",
            "Hamas",
            "Hamas-led",
            "El-Sisi",
            "Abdel",
            "Fattah",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |m: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % m as u64).unwrap()
        };
        (0..n)
            .map(|_| {
                let mut s = String::new();
                for _ in 0..3 + next(60) {
                    let w = WORDS[next(WORDS.len())];
                    if !matches!(w, "." | "," | ")" | ":") && !s.is_empty() && next(4) > 0 {
                        s.push(' ');
                    }
                    s.push_str(w);
                    if next(12) == 0 {
                        s.push_str(if next(2) == 0 { ".\n\n" } else { ". " });
                    }
                }
                s
            })
            .collect()
    }

    /// The mention finder equals the one it replaced (#16): the fixtures' stories and
    /// generated ones, read as English, German, Russian, Turkish and detected copy.
    #[test]
    fn extract_equals_oracle() {
        let lx = NameLexicons::of(Lexicons::embedded());
        let mut texts: Vec<String> = name_stories().into_iter().map(|(_, t)| t).collect();
        texts.extend(generated_stories(3000));
        let mut n = 0;
        for text in &texts {
            for lang in [None, Some("en"), Some("de"), Some("ru"), Some("tr")] {
                let opts = AnalyseOptions { language: lang.map(str::to_string), ..Default::default() };
                let doc = Document::from_text("t.txt", text.as_str(), &opts);
                let run = |new: bool| {
                    let mut names = NameMentions { lang: doc.language.unwrap_or("en"), ..Default::default() };
                    if new {
                        extract(&doc, &lx, &mut names);
                    } else {
                        extract_oracle::extract(&doc, &lx, &mut names);
                    }
                    format!("{:?}", names.mentions)
                };
                assert_eq!(run(true), run(false), "{lang:?}: {text}");
                n += 1;
            }
        }
        assert!(n > 15_000, "{n}");
    }

    /// Blocking keys (big stories) and all pairs (small ones) give the same mentions and families.
    #[test]
    fn blocking_keys_link_like_all_pairs() {
        let mut n = 0;
        for (path, text) in name_stories() {
            let lex = Lexicons::embedded();
            let run = |block: bool| {
                ALWAYS_BLOCK.with(|b| b.set(block));
                let doc = Document::from_text("t.txt", text.as_str(), &AnalyseOptions::default());
                let names = NameMentions::compute(&doc, lex);
                ALWAYS_BLOCK.with(|b| b.set(false));
                let m: Vec<_> = names.mentions.iter().map(|m| (m.span, m.family)).collect();
                let f: Vec<_> = names.families.iter().map(|f| (f.mentions.clone(), f.confirmed)).collect();
                (m, f)
            };
            assert_eq!(run(true), run(false), "{}", path.display());
            n += 1;
        }
        assert!(n > 50, "stories read: {n}");
    }

    /// `names_match` equals the code it replaced on every pair of distinct names of the
    /// fixtures' stories (and their halves and reversals, for names of unequal length).
    #[test]
    fn names_match_equals_reference() {
        use super::link::names_match_reference;
        let mut n = 0;
        for (path, text) in name_stories() {
            let doc = Document::from_text("t.txt", text.as_str(), &AnalyseOptions::default());
            let names = NameMentions::compute(&doc, Lexicons::embedded());
            let mut all: Vec<Vec<Keys>> = Vec::new();
            for m in &names.mentions {
                let k: Vec<Keys> = m.words.iter().map(|w| (*w.keys).clone()).collect();
                all.push(k[1..].to_vec());
                all.push(k.iter().rev().cloned().collect());
                all.push(k);
            }
            all.sort_by(|a, b| a.iter().map(|k| &k.lower).cmp(b.iter().map(|k| &k.lower)));
            all.dedup();
            for a in &all {
                for b in &all {
                    assert_eq!(names_match(a, b), names_match_reference(a, b), "{}", path.display());
                    n += 1;
                }
            }
        }
        assert!(n > 10_000, "pairs: {n}");
    }

    #[test]
    fn links_surnames_to_full_names() {
        let (doc, n) = analyse(
            "Prime Minister Mohammad Shtayyeh spoke. PM Shtayyeh said he was ready. Mahmoud Abbas agreed, and Abbas Araghchi did not. Abbas left.",
        );
        let fam = |s: &str| {
            let i = (0..n.mentions.len()).find(|&i| n.text(&doc, i) == s).unwrap();
            n.mentions[i].family
        };
        assert_eq!(fam("Mohammad Shtayyeh"), fam("Shtayyeh"));
        assert_ne!(fam("Mahmoud Abbas"), fam("Abbas Araghchi"));
        assert_eq!(fam("Abbas"), fam("Mahmoud Abbas"));
    }
}
