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

pub mod inflection;
pub mod lexicon;
pub mod variant;

use rustc_hash::FxHashMap as HashMap;
use std::sync::Arc;

use self::lexicon::{DistinctNames, EntityNames, HouseStyle, NameWords, VariantGroups};
use self::variant::{Keys, Kinship, word_match};
use super::{Analysis, Case, Document, Section, Token};
use crate::lexicon::Lexicons;
use crate::span::Span;

/// One word of a name, without article prefix (`al-`) or possessive (`'s`).
#[derive(Debug, Clone)]
pub struct NameWord {
    pub span: Span,
    pub keys: Keys,
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

impl NameLexicons {
    pub fn of(lexicons: &Lexicons) -> NameLexicons {
        NameLexicons {
            words: lexicons.index().unwrap_or_default(),
            variants: lexicons.index().unwrap_or_default(),
            entities: lexicons.index().unwrap_or_default(),
            house: lexicons.index().unwrap_or_default(),
            distinct: lexicons.index().unwrap_or_default(),
        }
    }

    /// Builds every index, so lexicon errors surface with `path:line`.
    pub fn prepare(lexicons: &Lexicons) -> Result<(), crate::lexicon::LexiconError> {
        lexicons.index::<NameWords>()?;
        lexicons.index::<VariantGroups>()?;
        lexicons.index::<EntityNames>()?;
        lexicons.index::<HouseStyle>()?;
        lexicons.index::<DistinctNames>()?;
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------------
// extraction

/// Strips a possessive (`Putin's`, `Abbas'`) from a word's span.
fn strip_possessive(text: &str, span: Span) -> Span {
    let w = &text[span.start..span.end];
    for suf in ["'s", "’s", "'S", "’S"] {
        if let Some(rest) = w.strip_suffix(suf)
            && !rest.is_empty()
        {
            return Span::new(span.start, span.start + rest.len());
        }
    }
    for suf in ['\'', '’'] {
        if let Some(rest) = w.strip_suffix(suf)
            && rest.ends_with(['s', 'z', 'x'])
        {
            return Span::new(span.start, span.start + rest.len());
        }
    }
    span
}

/// Splits `al-Sisi` into the article and the name; `None` when the word has no article prefix.
fn article_prefix(word: &str) -> Option<usize> {
    let (head, rest) = word.split_once(['-', '\'', '’'])?;
    let h = head.to_lowercase();
    let is_article = matches!(h.as_str(), "al" | "el" | "ad" | "an" | "ar" | "as" | "ash" | "at" | "az" | "ad-din");
    (is_article && rest.chars().next().is_some_and(char::is_uppercase)).then_some(head.len() + 1)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Piece {
    /// A capitalised word (index into doc.tokens)
    Word,
    /// A title word
    Title,
    /// A lower-case particle
    Particle,
    /// A one-letter initial (and its dot)
    Initial,
}

/// What the story says about the words that open its sentences: `(seen in lower case, seen
/// capitalised inside a sentence)`, by lower-cased word.
type Openers = HashMap<String, (bool, bool)>;

fn lower_into(buf: &mut String, w: &str) {
    buf.clear();
    crate::text::push_lower(buf, w);
}

fn extract(doc: &Document, lx: &NameLexicons, out: &mut NameMentions) {
    let lang = out.lang;
    let text = doc.text.as_str();
    let headline_skipped = doc.headline.is_some_and(|h| is_title_case(doc, h, lx, lang));
    let sentences = || doc.sentences.iter().filter(|s| s.section != Section::Dateline);

    // capitalised sentence openers, and whether the story also has them in lower case / inside a sentence
    let mut openers: Openers = HashMap::default();
    let mut buf = String::new();
    for s in sentences() {
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        let first_word = toks.iter().position(Token::is_word);
        for (i, t) in toks.iter().enumerate() {
            if t.is_word() && t.case == Case::Title && (Some(i) == first_word || after_opening(doc, toks, i)) {
                lower_into(&mut buf, doc.slice(t.span));
                openers.entry(buf.clone()).or_default();
            }
        }
    }
    // byte lengths of openers (a cheap filter before lower-casing a word)
    let lengths: u64 = openers.keys().fold(0, |m, k| m | (1u64 << k.len().min(63)));
    for s in sentences() {
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        let first_word = toks.iter().position(Token::is_word);
        for (i, t) in toks.iter().enumerate() {
            if !t.is_word() || !matches!(t.case, Case::Lower | Case::Title) || lengths & (1u64 << t.span.len().min(63)) == 0 {
                continue;
            }
            lower_into(&mut buf, doc.slice(t.span));
            if let Some(e) = openers.get_mut(buf.as_str()) {
                if t.case == Case::Lower {
                    e.0 = true;
                } else if Some(i) != first_word && !after_opening(doc, toks, i) {
                    e.1 = true;
                }
            }
        }
    }

    let mut pending = Vec::new();
    for s in sentences() {
        if s.section == Section::Headline && headline_skipped {
            continue;
        }
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        let first_word = toks.iter().position(Token::is_word);
        let mut i = 0;
        while i < toks.len() {
            // collect one run of name pieces starting at i
            let mut run: Vec<(usize, Piece)> = Vec::new();
            let mut j = i;
            while j < toks.len() {
                let t = &toks[j];
                let w = &text[t.span.start..t.span.end];
                // codes and ratings are not names: `A-3`, `DC10s`, `M3`, `BB-minus`
                let code = w.bytes().any(|b| b.is_ascii_digit()) || w.ends_with("-minus") || w.ends_with("-plus");
                let piece = if code {
                    break;
                } else if !t.is_word() {
                    if w == "." && run.last().is_some_and(|&(k, p)| p == Piece::Initial && k + 1 == j) {
                        j += 1;
                        continue;
                    }
                    break;
                } else if t.case == Case::Lower {
                    if run.is_empty() {
                        break;
                    }
                    lower_into(&mut buf, w);
                    let next_cap = toks.get(j + 1).is_some_and(|n| n.is_word() && n.case == Case::Title);
                    if !next_cap || !lx.words.is_particle(lang, &buf) {
                        break;
                    }
                    Piece::Particle
                } else if matches!(t.case, Case::Title | Case::Upper | Case::Mixed) {
                    lower_into(&mut buf, w.trim_end_matches('.'));
                    if is_title_word(lx, lang, &buf) {
                        Piece::Title
                    } else if t.case == Case::Title || (t.case == Case::Mixed && article_prefix(w).is_some()) {
                        if lx.words.is_stop(lang, &buf) {
                            break;
                        }
                        if w.chars().nth(1).is_none() {
                            if toks.get(j + 1).is_some_and(|n| &text[n.span.start..n.span.end] == ".") { Piece::Initial } else { break }
                        } else {
                            Piece::Word
                        }
                    } else {
                        break;
                    }
                } else {
                    break;
                };
                run.push((j, piece));
                j += 1;
                // `Fatah-dominated`: the name ends inside this word; so does a Turkish case
                // suffix (`Zelenski'ye Cumhurbaşkanı Erdoğan'ın`: two names)
                if piece == Piece::Word && (lower_tail(w) || (lang == "tr" && inflection::tr_suffix_start(w).is_some())) {
                    break;
                }
            }
            if !run.is_empty() {
                mention_of_run(doc, lx, lang, toks, &run, first_word, &openers, s.section, out, &mut pending);
            }
            i = j.max(i + 1);
        }
    }
    confirm_openers(pending, out);
}

fn is_title_word(lx: &NameLexicons, lang: &str, lw: &str) -> bool {
    lx.words.is_title(lang, lw) || (lw.contains('-') && lw.split('-').all(|p| lx.words.is_title(lang, p)))
}

/// `Fatah-dominated`, `Russian-backed`: a capitalised word with a lower-case tail after a hyphen.
/// Korean given names (`Yo-jong`, `Jae-in`, `Suk-yeol`) have short lower-case tails too: a tail
/// of at most five letters that is not an English word of such compounds is part of the name.
fn lower_tail(w: &str) -> bool {
    w.split_once('-').is_some_and(|(head, tail)| {
        tail.chars().next().is_some_and(char::is_lowercase) && !(head.chars().count() <= 4 && romanised_syllable(tail))
    })
}

/// A romanised (Korean, Chinese) given-name syllable after a hyphen rather than an English word.
fn romanised_syllable(tail: &str) -> bool {
    // tails ending in `-ed` (`led`, `based`) are ruled out below
    const WORDS: &[&str] = &[
        "run", "era", "born", "made", "held", "style", "like", "wide", "long", "term", "level", "old", "free", "up", "in", "wing", "day",
        "year", "time", "type", "class", "scale", "size",
    ];
    let n = tail.chars().count();
    (2..=5).contains(&n) && tail.chars().all(|c| c.is_ascii_lowercase()) && !tail.ends_with("ed") && !WORDS.contains(&tail)
}

/// The word span of a name word: a `Fatah-dominated` tail, a possessive (a Turkish case
/// suffix in Turkish copy: `Erdoğan'ın`) and an `al-` article removed.
fn word_span(text: &str, span: Span, lang: &str) -> Span {
    let mut span = strip_possessive(text, span);
    if lang == "tr"
        && let Some(end) = inflection::tr_suffix_start(&text[span.start..span.end])
    {
        span.end = span.start + end;
    }
    let w = &text[span.start..span.end];
    if lower_tail(w)
        && let Some(h) = w.find('-')
    {
        span.end = span.start + h;
    }
    if let Some(a) = article_prefix(&text[span.start..span.end]) {
        span.start += a;
    }
    span
}

/// Is the token right after an opening quote or bracket (so capitalised like a sentence start)?
fn after_opening(doc: &Document, toks: &[Token], i: usize) -> bool {
    i > 0 && {
        let p = &toks[i - 1];
        !p.is_word() && matches!(doc.slice(p.span), "\"" | "“" | "‘" | "'" | "(" | "«" | "„" | ":" | "—" | "–")
    }
}

#[allow(clippy::too_many_arguments)]
fn mention_of_run(
    doc: &Document,
    lx: &NameLexicons,
    lang: &str,
    toks: &[Token],
    run: &[(usize, Piece)],
    first_word: Option<usize>,
    openers: &Openers,
    section: Section,
    out: &mut NameMentions,
    pending: &mut Vec<Mention>,
) {
    let text = doc.text.as_str();
    let mut run = run;
    let start = run[0].0;
    let opens = Some(run[0].0) == first_word || after_opening(doc, toks, run[0].0);
    // a sentence opener that is a common word: `Previously Hamas`, `Meanwhile Moscow`
    if opens && run[0].1 == Piece::Word {
        let w = doc.slice(toks[run[0].0].span);
        let lw = w.to_lowercase();
        let (lower_seen, cap_inside) = openers.get(&lw).copied().unwrap_or_default();
        if lower_seen || (lang == "en" && lw.ends_with("ly") && !cap_inside) {
            run = &run[1..];
        }
    }
    // the name follows the last title word
    let title_end = run.iter().rposition(|&(_, p)| p == Piece::Title);
    let rest = match title_end {
        Some(k) => &run[k + 1..],
        None => run,
    };
    let rest = trim_particles(rest);
    let words: Vec<NameWord> = rest
        .iter()
        .filter(|&&(_, p)| p == Piece::Word)
        .map(|&(k, _)| {
            let span = word_span(text, toks[k].span, lang);
            NameWord { span, keys: Keys::new(&text[span.start..span.end]) }
        })
        .filter(|w| !w.keys.light.is_empty())
        .collect();
    if words.is_empty() {
        return;
    }
    let span = Span::new(toks[rest[0].0].span.start, words[words.len() - 1].span.end);
    let sentence_initial = opens && rest[0].0 == start;
    let quoted = doc.in_quotes(span.start);
    let mention = Mention { span, words, section, quoted, family: None };
    // a lone capitalised word that only ever opens sentences is not known to be a name (yet:
    // see `confirm_openers`)
    if sentence_initial && mention.words.len() == 1 {
        let lw = mention.words[0].keys.lower.as_str();
        let known = openers.get(lw).is_some_and(|o| o.1)
            || lx.entities.knows(&EntityNames::key([doc.slice(mention.words[0].span)]))
            || lx.house.preferred(lw, lang).is_some()
            || lx.house.variant_of(lw, lang).is_some();
        if !known {
            pending.push(mention);
            return;
        }
    }
    out.mentions.push(mention);
}

/// Shortest word (light key, in letters) a sentence opener needs to be read as a surname.
const OPENER_MIN_LEN: usize = 5;

/// Keeps the lone sentence openers that spell the surname of a full name in the story
/// (`Selenskij verwies ...` after `Wolodymyr Selenskyj`): an ordinary opener (`Damit`,
/// `Meanwhile`) is not a transliteration or typographic variant of a surname.
fn confirm_openers(pending: Vec<Mention>, out: &mut NameMentions) {
    if pending.is_empty() {
        return;
    }
    let lang = out.lang;
    let surnames: Vec<&Keys> = out.mentions.iter().filter(|m| m.is_full() && !m.quoted).map(|m| &m.last().keys).collect();
    // only surnames sharing a blocking key can match (see `word_keys`); a few are all tested
    let small = surnames.len() * pending.len() <= small_story_names() * small_story_names();
    let mut blocks = Blocks::default();
    for (i, s) in surnames.iter().enumerate().filter(|_| !small) {
        blocks.add(&word_keys_of(s, lang, false), i);
    }
    let keep: Vec<Mention> = pending
        .into_iter()
        .filter(|p| {
            let w = &p.words[0].keys;
            w.light.len() >= OPENER_MIN_LEN
                && (if small { (0..surnames.len()).collect() } else { blocks.candidates(&word_keys_of(w, lang, false)) })
                    .into_iter()
                    .map(|i| surnames[i])
                    .any(|s| {
                        word_match(w, s).is_some_and(|k| k >= Kinship::Transliteration)
                            || inflection::inflected_pair(&w.lower, &s.lower, lang)
                    })
        })
        .collect();
    if !keep.is_empty() {
        out.mentions.extend(keep);
        out.mentions.sort_by_key(|m| m.span.start);
    }
}

fn trim_particles(mut run: &[(usize, Piece)]) -> &[(usize, Piece)] {
    while run.first().is_some_and(|&(_, p)| matches!(p, Piece::Particle | Piece::Title)) {
        run = &run[1..];
    }
    while run.last().is_some_and(|&(_, p)| matches!(p, Piece::Particle | Piece::Initial)) {
        run = &run[..run.len() - 1];
    }
    run
}

/// A headline in title case (`Russia Invites All Palestinian Factions to Moscow`): most of its
/// longer words capitalised, so capitals say nothing about names.
fn is_title_case(doc: &Document, h: Span, lx: &NameLexicons, lang: &str) -> bool {
    let (mut cap, mut n) = (0, 0);
    for t in doc.tokens_in(h).iter().filter(|t| t.is_word()) {
        let w = doc.slice(t.span);
        if w.chars().count() < 4 || lx.words.is_particle(lang, &w.to_lowercase()) {
            continue;
        }
        n += 1;
        if matches!(t.case, Case::Title | Case::Upper) {
            cap += 1;
        }
    }
    n >= 3 && cap * 4 >= n * 3
}

// ---------------------------------------------------------------------------------------------
// families

/// How two full names relate word by word, or `None`. Names of equal length match word for
/// word; otherwise the first and last words must match (`Vladimir Putin` /
/// `Vladimir Vladimirovich Putin`).
pub fn names_match(a: &[Keys], b: &[Keys]) -> Option<Kinship> {
    if a.is_empty() || b.is_empty() {
        return None;
    }
    let pairs: Vec<(&Keys, &Keys)> = if a.len() == b.len() {
        a.iter().zip(b).collect()
    } else if a.len() >= 2 && b.len() >= 2 {
        vec![(&a[0], &b[0]), (&a[a.len() - 1], &b[b.len() - 1])]
    } else {
        return None;
    };
    let mut worst = Kinship::Same;
    for (x, y) in pairs {
        worst = worst.min(word_match(x, y)?);
    }
    // two different words may each drift by one step, but not both in a two-word name
    let near = a.iter().zip(b).filter(|(x, y)| word_match(x, y) == Some(Kinship::Near)).count();
    if near > 1 {
        return None;
    }
    Some(worst)
}

/// A distinct name in the story (by lower-cased words), with its mentions.
struct Name {
    words: Vec<Keys>,
    /// [`EntityNames`] lookup key.
    entity: String,
    mentions: Vec<usize>,
}

/// Two grammatical forms of one full name, word by word (`Владимир Путин` / `Владимира Путина`).
fn inflected_names(a: &[Keys], b: &[Keys], lang: &str) -> bool {
    a.len() == b.len() && a.iter().zip(b).all(|(x, y)| x.lower == y.lower || inflection::inflected_pair(&x.lower, &y.lower, lang))
}

/// Spellings of one word, or two grammatical forms of it (`Путин` / `Путина`).
fn same_word(a: &Keys, b: &Keys, lang: &str) -> bool {
    word_match(a, b).is_some() || inflection::inflected_pair(&a.lower, &b.lower, lang)
}

/// Blocking keys of one name word: words that [`same_word`] links share one (see
/// [`variant::match_keys`] and [`inflection::pair_key`]).
fn word_keys(k: &Keys, lang: &str) -> Vec<u64> {
    word_keys_of(k, lang, true)
}

/// [`word_keys`]; without `near`, only for matches of [`Kinship::Transliteration`] or closer.
fn word_keys_of(k: &Keys, lang: &str, near: bool) -> Vec<u64> {
    let mut out = Vec::new();
    variant::match_keys(k, near, &mut out);
    out.extend(inflection::pair_key(&k.lower, lang));
    out.sort_unstable();
    out.dedup();
    out
}

/// Blocking keys to the items (families) registered under them.
#[derive(Default)]
struct Blocks(rustc_hash::FxHashMap<u64, Vec<usize>>);

/// Most items under one blocking key. A real story has a handful of names per key; text made
/// of thousands of distinct capitalised runs (hostile input) would otherwise have every new
/// name tested against every family before it, quadratic in the story's length. Past this
/// many, later families are not found under that key (a name starts a family of its own).
const MAX_BLOCK: usize = 64;

impl Blocks {
    fn add(&mut self, keys: &[u64], item: usize) {
        for &k in keys {
            let v = self.0.entry(k).or_default();
            if v.last() != Some(&item) && v.len() < MAX_BLOCK {
                v.push(item);
            }
        }
    }
    /// Items sharing a key with `keys`, ascending, each once.
    fn candidates(&self, keys: &[u64]) -> Vec<usize> {
        let mut out: Vec<usize> = keys.iter().filter_map(|k| self.0.get(k)).flatten().copied().collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Up to this many distinct names, linking tests every pair instead of computing blocking keys.
const SMALL_STORY_NAMES: usize = 48;

#[cfg(test)]
thread_local! {
    /// Tests: always use blocking keys (to check they give the same families as all pairs).
    static ALWAYS_BLOCK: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn small_story_names() -> usize {
    #[cfg(test)]
    if ALWAYS_BLOCK.with(std::cell::Cell::get) {
        return 0;
    }
    SMALL_STORY_NAMES
}

/// Entity-id keys: names the entity lexicon lists share one when they name one entity.
fn entity_keys(ids: &[String]) -> Vec<u64> {
    ids.iter().map(|id| variant::key_hash(b'e', id.as_bytes())).collect()
}

fn link(lx: &NameLexicons, names: &mut NameMentions) {
    let lang = names.lang;
    // distinct names among mentions outside quotes, in order of first appearance
    let mut index: HashMap<Vec<&str>, usize> = HashMap::default();
    let mut distinct: Vec<Name> = Vec::new();
    for (i, m) in names.mentions.iter().enumerate() {
        if m.quoted {
            continue;
        }
        let key: Vec<&str> = m.words.iter().map(|w| w.keys.lower.as_str()).collect();
        let d = *index.entry(key).or_insert_with(|| {
            let words: Vec<Keys> = m.words.iter().map(|w| w.keys.clone()).collect();
            let entity = words.iter().map(|k| k.light.as_str()).collect::<Vec<_>>().join(" ");
            distinct.push(Name { words, entity, mentions: Vec::new() });
            distinct.len() - 1
        });
        distinct[d].mentions.push(i);
    }
    // the lexicon's entity ids of each name (`EntityNames::same`, without a lookup per pair)
    let ids: Vec<&[String]> = distinct.iter().map(|n| lx.entities.ids(&n.entity)).collect();
    // names the distinct-names lexicon keeps apart (`Shanxi` / `Shaanxi`): word for word, or by
    // their last words
    let apart = |a: usize, b: usize| -> bool {
        let (x, y) = (&distinct[a].words, &distinct[b].words);
        if x.len() == y.len() {
            x.iter().zip(y).any(|(p, q)| lx.distinct.apart(&p.lower, &q.lower))
        } else {
            lx.distinct.apart(&x.last().expect("words").lower, &y.last().expect("words").lower)
        }
    };
    let same = |a: usize, b: usize| -> Option<bool> {
        if apart(a, b) {
            return Some(false);
        }
        let (x, y) = (ids[a], ids[b]);
        if x.is_empty() || y.is_empty() { None } else { Some(x.iter().any(|i| y.contains(i))) }
    };
    let conflict = |a: usize, b: usize| same(a, b) == Some(false);
    // blocking keys of each name's last word; a story with few names tests every pair, which
    // is cheaper than the keys (and gives the same families)
    let small = distinct.len() <= small_story_names();
    let last_keys: Vec<Vec<u64>> =
        distinct.iter().map(|n| if small { Vec::new() } else { word_keys(n.words.last().expect("words"), lang) }).collect();
    let cands = |blocks: &Blocks, keys: &[u64], all: std::ops::Range<usize>| -> Vec<usize> {
        if small { all.collect() } else { blocks.candidates(keys) }
    };
    // full names first, commonest first (stable: then by first appearance)
    let mut full: Vec<usize> = (0..distinct.len()).filter(|&d| distinct[d].words.len() >= 2).collect();
    full.sort_by_key(|&d| std::cmp::Reverse(distinct[d].mentions.len()));
    let mut single: Vec<usize> = (0..distinct.len()).filter(|&d| distinct[d].words.len() == 1).collect();
    single.sort_by_key(|&d| std::cmp::Reverse(distinct[d].mentions.len()));

    // families of full names: complete linkage. A family can only take a name that links to its
    // first member: by a shared entity id, or (names_match / inflected_names) by last words that
    // share a blocking key; so only those families are tested, in order.
    let mut fams: Vec<(Vec<usize>, bool)> = Vec::new();
    let mut by_first = Blocks::default();
    for d in full {
        let n = &distinct[d];
        let keys: Vec<u64> = if small { Vec::new() } else { last_keys[d].iter().copied().chain(entity_keys(ids[d])).collect() };
        let found = cands(&by_first, &keys, 0..fams.len()).into_iter().find(|&f| {
            fams[f].0.iter().all(|&m| match same(d, m) {
                Some(same) => same,
                None => names_match(&n.words, &distinct[m].words).is_some() || inflected_names(&n.words, &distinct[m].words, lang),
            })
        });
        match found {
            Some(f) => {
                let confirmed = fams[f].0.iter().any(|&m| same(d, m) == Some(true));
                fams[f].0.push(d);
                fams[f].1 |= confirmed;
            }
            None => {
                by_first.add(&keys, fams.len());
                fams.push((vec![d], false));
            }
        }
    }
    let n_full = fams.len();
    // full families by the last words of all their members (a single word must be the same
    // word as one of them)
    let mut by_last = Blocks::default();
    for (f, (members, _)) in fams.iter().enumerate() {
        for &m in members {
            by_last.add(&last_keys[m], f);
        }
    }
    // single words: the surname of exactly one full name, or a family of their own
    let mut by_single = Blocks::default();
    for d in single {
        let n = &distinct[d];
        let w = &n.words[0];
        let candidates: Vec<usize> = cands(&by_last, &last_keys[d], 0..n_full)
            .into_iter()
            .filter(|&f| {
                let members = &fams[f].0;
                members.iter().any(|&m| same_word(w, distinct[m].words.last().expect("words"), lang))
                    && !members.iter().any(|&m| conflict(d, m))
            })
            .collect();
        match candidates[..] {
            [f] => {
                fams[f].0.push(d);
                by_last.add(&last_keys[d], f);
            }
            [] => {
                let found = cands(&by_single, &last_keys[d], n_full..fams.len())
                    .into_iter()
                    .find(|&f| fams[f].0.iter().all(|&m| same_word(w, &distinct[m].words[0], lang) && !conflict(d, m)));
                match found {
                    Some(f) => fams[f].0.push(d),
                    None => {
                        by_single.add(&last_keys[d], fams.len());
                        fams.push((vec![d], false));
                    }
                }
            }
            _ => {} // ambiguous: the surname of two people
        }
    }
    for (members, confirmed) in fams {
        let mut mentions: Vec<usize> = members.iter().flat_map(|&d| distinct[d].mentions.iter().copied()).collect();
        mentions.sort_unstable();
        let f = names.families.len();
        for &m in &mentions {
            names.mentions[m].family = Some(f);
        }
        names.families.push(Family { mentions, confirmed });
    }
}

#[cfg(test)]
mod tests {
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
    fn skips_title_case_headlines_and_datelines() {
        let (doc, n) =
            analyse("Russia Invites All Palestinian Factions to Moscow\n\nJAKARTA - The talks in Moscow will go ahead, Hamas said.");
        let got: Vec<_> = (0..n.mentions.len()).map(|i| n.text(&doc, i)).collect();
        assert_eq!(got, vec!["Moscow", "Hamas"]);
    }

    /// Blocking keys (big stories) and all pairs (small ones) give the same mentions and families.
    #[test]
    fn blocking_keys_link_like_all_pairs() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut n = 0;
        for dir in ["tests/eval/stories", "tests/fixtures/rules/NM001-name-inconsistency", "tests/fixtures/rules/EN001-entity-corruption"] {
            let Ok(entries) = std::fs::read_dir(root.join(dir)) else { continue };
            for e in entries.flatten() {
                let Ok(text) = std::fs::read_to_string(e.path()) else { continue };
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
                assert_eq!(run(true), run(false), "{}", e.path().display());
                n += 1;
            }
        }
        assert!(n > 50, "stories read: {n}");
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
