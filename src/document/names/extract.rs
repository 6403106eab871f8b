//! Finding name mentions: runs of capitalised words with particles inside, minus titles,
//! possessives, sentence openers, ALL-CAPS words and title-case headlines.
//!
//! One pass finds the runs; what the story says about a sentence opener (seen in lower case,
//! seen capitalised inside a sentence) is read after it, and only for the openers that begin a
//! run (`Putin said`, `Meanwhile Moscow`), not for every word that opens a sentence.

use super::lexicon::{COMPOUND, PARTICLE, STOP, TITLE, shape_bit};
use super::link::{Blocks, small_story_names, word_keys_of};
use super::variant::{Keys, Kinship, word_match};
use super::{Mention, NameLexicons, NameMentions, NameWord, inflection};
use crate::document::{Case, Document, Section, Token};
use crate::span::Span;

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
    // most words have no separator: a byte scan (`’` begins with 0xE2) before the char search
    if !word.bytes().any(|b| matches!(b, b'-' | b'\'' | 0xE2)) {
        return None;
    }
    let (head, rest) = word.split_once(['-', '\'', '’'])?;
    // (the head holds no `-`: `ad-din` is never an article here)
    let is_article = if head.is_ascii() {
        ["al", "el", "ad", "an", "ar", "as", "ash", "at", "az"].iter().any(|a| head.eq_ignore_ascii_case(a))
    } else {
        let h = head.to_lowercase();
        matches!(h.as_str(), "al" | "el" | "ad" | "an" | "ar" | "as" | "ash" | "at" | "az" | "ad-din")
    };
    (is_article && rest.chars().next().is_some_and(char::is_uppercase)).then_some(word.len() - rest.len())
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

fn lower_into(buf: &mut String, w: &str) {
    buf.clear();
    crate::text::push_lower(buf, w);
}

/// The roles ([`TITLE`], [`PARTICLE`], [`STOP`]) of a word as written: an ASCII word whose
/// shape no listed word has is not lower-cased ([`super::lexicon::NameWords::roles`]).
fn word_roles(lx: &NameLexicons, lang: &str, w: &str, buf: &mut String) -> u8 {
    if w.is_ascii() {
        let b = w.as_bytes();
        let shape = match (b.first(), b.last()) {
            (Some(&f), Some(&l)) => shape_bit(b.len(), f.to_ascii_lowercase(), l.to_ascii_lowercase()),
            _ => 0,
        };
        if !lx.words.may_list(shape) {
            return 0;
        }
    }
    lower_into(buf, w);
    lx.words.roles(lang, buf)
}

/// A title word (`President`, `PM`, `Vice-President`); `w` as written, without a final `.`.
fn is_title_word(lx: &NameLexicons, lang: &str, w: &str, roles: u8, buf: &mut String) -> bool {
    // lower-casing keeps the hyphens where they are
    roles & TITLE != 0 || (w.contains('-') && w.split('-').all(|p| word_roles(lx, lang, p, buf) & TITLE != 0))
}

/// The story's sentence openers: capitalised words that open a sentence or follow an opening
/// quote or bracket, lower-cased, with what the story says about each (seen in lower case,
/// seen capitalised inside a sentence), read on first use.
struct Openers {
    /// The keys, one after another.
    buf: String,
    /// Each key's range in `buf`, and its flags once read.
    keys: Vec<OpenerKey>,
    /// Byte lengths of the keys (a filter on the words compared with them).
    lengths: u64,
    /// Each spelling's first key, once a story has more than [`LINEAR_KEYS`] keys: a long story
    /// (a 5 MB document has a key for most of its sentences) looked each word up in a scan of
    /// every key, which made name extraction quadratic in the story's length (#16).
    first: Option<rustc_hash::FxHashMap<Box<str>, usize>>,
}

/// Up to this many keys (or keys read together) a scan beats hashing the word.
const LINEAR_KEYS: usize = 24;

/// A key's range in [`Openers::buf`], and its flags (seen in lower case, seen capitalised
/// inside a sentence) once read.
type OpenerKey = (usize, usize, Option<(bool, bool)>);

/// The bit of a key's first and last bytes in [`Openers::read`]'s filter.
fn end_bit(first: u8, last: u8) -> usize {
    (usize::from(first) * 31 + usize::from(last)) & 255
}

/// The bit of a byte length in [`Openers::lengths`].
fn len_bit(len: usize) -> u64 {
    1u64 << len.min(63)
}

impl Openers {
    /// No key yet, with room for a story of `n` sentences (at most one key per sentence but for
    /// quotes and brackets). The keys are added in story order as the runs are found
    /// ([`Openers::push`]), then [`Openers::finish`]ed.
    fn with_capacity(n: usize) -> Openers {
        Openers { buf: String::with_capacity(8 * n), keys: Vec::with_capacity(n), lengths: 0, first: None }
    }

    /// Adds the key of a sentence opener: a title-case word that opens its sentence or follows
    /// an opening quote or bracket.
    fn push(&mut self, doc: &Document, t: &Token) {
        let from = self.buf.len();
        crate::text::push_lower(&mut self.buf, doc.slice(t.span));
        self.lengths |= len_bit(self.buf.len() - from);
        self.keys.push((from, self.buf.len(), None));
    }

    /// Adds the openers of a sentence the run pass does not read (a title-case headline's).
    fn push_sentence(&mut self, doc: &Document, toks: &[Token]) {
        let first_word = toks.iter().position(Token::is_word);
        for (i, t) in toks.iter().enumerate() {
            if t.case == Case::Title && t.is_word() && (Some(i) == first_word || after_opening(doc, toks, i)) {
                self.push(doc, t);
            }
        }
    }

    /// Hashes the keys of a story with many ([`Openers::first`]).
    fn finish(&mut self) {
        if self.keys.len() > LINEAR_KEYS {
            let mut first = rustc_hash::FxHashMap::default();
            for k in 0..self.keys.len() {
                first.entry(self.key(k).into()).or_insert(k);
            }
            self.first = Some(first);
        }
    }

    fn key(&self, k: usize) -> &str {
        &self.buf[self.keys[k].0..self.keys[k].1]
    }

    /// Key `k`'s bytes: the scans compare bytes (#16: a `str` slice per key compared tested
    /// both ends for char boundaries, most of a scan's cost).
    #[inline]
    fn key_bytes(&self, k: usize) -> &[u8] {
        &self.buf.as_bytes()[self.keys[k].0..self.keys[k].1]
    }

    /// The first key equal to `lower`.
    fn find(&self, lower: &str) -> Option<usize> {
        match &self.first {
            Some(first) => first.get(lower).copied(),
            None => (0..self.keys.len()).find(|&k| self.key_bytes(k) == lower.as_bytes()),
        }
    }

    /// The first key equal to the word `w` lower-cased (`str::to_lowercase`).
    fn find_word(&self, w: &str) -> Option<usize> {
        if w.is_ascii() {
            // an ASCII word lower-cases byte by byte; the keys hold no upper-case ASCII
            match &self.first {
                Some(_) => self.find(&w.to_ascii_lowercase()),
                None => (0..self.keys.len()).find(|&k| self.key_bytes(k).eq_ignore_ascii_case(w.as_bytes())),
            }
        } else {
            self.find(&w.to_lowercase())
        }
    }

    /// The flags of key `k` (the first of its spelling), read on first use.
    fn flags(&mut self, doc: &Document, k: usize) -> (bool, bool) {
        if self.keys[k].2.is_none() {
            self.read(doc, &[k]);
        }
        self.keys[k].2.unwrap_or_default()
    }

    /// Reads the flags of the keys `ks` (firsts of their spellings, distinct, not yet read) in
    /// one pass over the story's words: a word in lower case equal to a key, or one
    /// capitalised inside a sentence.
    fn read(&mut self, doc: &Document, ks: &[usize]) {
        let mut flags = vec![(false, false); ks.len()];
        // byte lengths of the words that may lower-case to these keys: an ASCII key's own (a
        // word lower-cases to ASCII only from ASCII, and from the Kelvin sign `K`, 3 bytes, to
        // `k`); any other key's, any; and only lengths of some key's (as the key set is read)
        let mut lengths = 0;
        for &k in ks {
            let key = self.key(k);
            if key.is_ascii() {
                for j in 0..=key.bytes().filter(|&b| b == b'k').count() {
                    lengths |= len_bit(key.len() + 2 * j);
                }
            } else {
                lengths = u64::MAX;
            }
        }
        let lengths = lengths & self.lengths;
        // the keys' first and last bytes: a word that begins and ends in ASCII lower-cases to
        // a key only if its ends lower-case to the key's ends
        let mut ends = [0u64; 4];
        for &k in ks {
            let b = self.key(k).as_bytes();
            let bit = end_bit(b[0], b[b.len() - 1]);
            ends[bit >> 6] |= 1u64 << (bit & 63);
        }
        let bytes = doc.text.as_bytes();
        let mut scratch = String::new();
        // the keys' positions in `ks` by spelling, when there are many (`ks` are distinct
        // spellings, so a spelling has one position)
        let by_key: Option<rustc_hash::FxHashMap<&str, usize>> =
            (ks.len() > LINEAR_KEYS).then(|| ks.iter().enumerate().map(|(p, &k)| (self.key(k), p)).collect());
        for s in doc.sentences.iter().filter(|s| s.section != Section::Dateline) {
            let toks = &doc.tokens[s.tokens.0..s.tokens.1];
            for (i, t) in toks.iter().enumerate() {
                if lengths & len_bit(t.span.len()) == 0 || !t.is_word() || !matches!(t.case, Case::Lower | Case::Title) {
                    continue;
                }
                let (f, l) = (bytes[t.span.start], bytes[t.span.end - 1]);
                if f.is_ascii() && l.is_ascii() {
                    let bit = end_bit(f.to_ascii_lowercase(), l.to_ascii_lowercase());
                    if ends[bit >> 6] & (1u64 << (bit & 63)) == 0 {
                        continue;
                    }
                }
                let w = doc.slice(t.span);
                let hit = if let Some(by_key) = &by_key {
                    if t.case == Case::Lower && w.is_ascii() {
                        by_key.get(w).copied()
                    } else {
                        scratch.clear();
                        if w.is_ascii() {
                            scratch.push_str(w);
                            scratch.make_ascii_lowercase();
                        } else {
                            lower_into(&mut scratch, w);
                        }
                        by_key.get(scratch.as_str()).copied()
                    }
                } else if w.is_ascii() {
                    // a word in lower case is its own key
                    ks.iter().position(|&k| {
                        let (key, w) = (self.key_bytes(k), w.as_bytes());
                        key.len() == w.len() && if t.case == Case::Lower { key == w } else { key.eq_ignore_ascii_case(w) }
                    })
                } else {
                    lower_into(&mut scratch, w);
                    ks.iter().position(|&k| self.key_bytes(k) == scratch.as_bytes())
                };
                let Some(h) = hit else { continue };
                if t.case == Case::Lower {
                    flags[h].0 = true;
                } else if Some(i) != toks.iter().position(Token::is_word) && !after_opening(doc, toks, i) {
                    flags[h].1 = true;
                }
            }
        }
        drop(by_key);
        for (&k, f) in ks.iter().zip(flags) {
            self.keys[k].2 = Some(f);
        }
    }
}

/// A run of name pieces found in a sentence: its pieces, and the sentence's index and first word.
struct Run {
    pieces: (usize, usize),
    sentence: usize,
    first_word: Option<usize>,
}

pub(super) fn extract(doc: &Document, lx: &NameLexicons, out: &mut NameMentions) {
    let lang = out.lang;
    let text = doc.text.as_str();
    let mut buf = String::new();
    let headline_skipped = doc.headline.is_some_and(|h| is_title_case(doc, h, lx, lang, &mut buf));

    // the runs of name pieces
    // (about a capitalised word in eight tokens of wire copy: reserved once, not grown, #16)
    let mut pieces: Vec<(usize, Piece)> = Vec::with_capacity(doc.tokens.len() / 8);
    let mut runs: Vec<Run> = Vec::with_capacity(doc.tokens.len() / 12);
    // the story's sentence openers, found with the runs (#16: a pass of their own read every
    // token again)
    let mut openers = Openers::with_capacity(doc.sentences.len());
    for (si, s) in doc.sentences.iter().enumerate() {
        if s.section == Section::Dateline {
            continue;
        }
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        if s.section == Section::Headline && headline_skipped {
            openers.push_sentence(doc, toks);
            continue;
        }
        let first_word = toks.iter().position(Token::is_word);
        let mut i = 0;
        while i < toks.len() {
            // most tokens: a run starts only at a capitalised word
            let t = &toks[i];
            if !t.is_word() || !matches!(t.case, Case::Title | Case::Upper | Case::Mixed) {
                i += 1;
                continue;
            }
            // a sentence opener is read here: it is the first token of the sentence's first run,
            // or follows a quote or bracket that ended a run (no run takes in a token after one)
            if t.case == Case::Title && (Some(i) == first_word || after_opening(doc, toks, i)) {
                openers.push(doc, t);
            }
            // collect one run of name pieces starting at i
            let from = pieces.len();
            let mut j = i;
            while j < toks.len() {
                let t = &toks[j];
                let run_empty = pieces.len() == from;
                let w = &text[t.span.start..t.span.end];
                // codes and ratings are not names: `A-3`, `DC10s`, `M3`, `BB-minus` (tested
                // only where a token may become a piece: every other token ends the run anyway,
                // and the `.` after an initial holds no digit)
                // (a token of ASCII letters and digits has no joiner, nor any other char: most
                // words are read no further, #16)
                let plain = t.is_ascii_alnum();
                let code = || w.bytes().any(|b| b.is_ascii_digit()) || (!plain && (w.ends_with("-minus") || w.ends_with("-plus")));
                let piece = if !t.is_word() {
                    if w == "." && !run_empty && pieces.last().is_some_and(|&(k, p)| p == Piece::Initial && k + 1 == j) {
                        j += 1;
                        continue;
                    }
                    break;
                } else if t.case == Case::Lower {
                    if run_empty || code() {
                        break;
                    }
                    let next_cap = toks.get(j + 1).is_some_and(|n| n.is_word() && n.case == Case::Title);
                    if !next_cap || word_roles(lx, lang, w, &mut buf) & PARTICLE == 0 {
                        break;
                    }
                    Piece::Particle
                } else if matches!(t.case, Case::Title | Case::Upper | Case::Mixed) {
                    if code() {
                        break;
                    }
                    let bare = w.trim_end_matches('.');
                    let roles = word_roles(lx, lang, bare, &mut buf);
                    if roles & TITLE != 0 || (!plain && is_title_word(lx, lang, bare, roles, &mut buf)) {
                        Piece::Title
                    } else if t.case == Case::Title || (t.case == Case::Mixed && !plain && article_prefix(w).is_some()) {
                        if roles & STOP != 0 {
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
                pieces.push((j, piece));
                j += 1;
                // `Fatah-dominated`: the name ends inside this word; so does a Turkish case
                // suffix (`Zelenski'ye Cumhurbaşkanı Erdoğan'ın`: two names)
                if piece == Piece::Word && !plain && (lower_tail(w, lx) || (lang == "tr" && inflection::tr_suffix_start(w).is_some())) {
                    break;
                }
            }
            if pieces.len() > from {
                runs.push(Run { pieces: (from, pieces.len()), sentence: si, first_word });
            }
            i = j.max(i + 1);
        }
    }
    if runs.is_empty() {
        return;
    }

    // the openers that begin a run, read together
    openers.finish();
    let mut wanted: Vec<usize> = Vec::new();
    let mut is_wanted = vec![false; openers.keys.len()];
    for r in &runs {
        let (k, p) = pieces[r.pieces.0];
        let toks = sentence_tokens(doc, r.sentence);
        if p == Piece::Word
            && (Some(k) == r.first_word || after_opening(doc, toks, k))
            && let Some(o) = openers.find_word(doc.slice(toks[k].span))
            && !std::mem::replace(&mut is_wanted[o], true)
        {
            wanted.push(o);
        }
    }
    if !wanted.is_empty() {
        openers.read(doc, &wanted);
    }

    let mut pending = Vec::new();
    out.mentions.reserve(runs.len());
    for r in &runs {
        let toks = sentence_tokens(doc, r.sentence);
        let section = doc.sentences[r.sentence].section;
        mention_of_run(doc, lx, lang, toks, &pieces[r.pieces.0..r.pieces.1], r.first_word, &mut openers, section, out, &mut pending);
    }
    confirm_openers(pending, out);
}

fn sentence_tokens(doc: &Document, sentence: usize) -> &[Token] {
    let s = &doc.sentences[sentence];
    &doc.tokens[s.tokens.0..s.tokens.1]
}

/// `Fatah-dominated`, `Russian-backed`: a capitalised word with a lower-case tail after a hyphen.
/// Korean given names (`Yo-jong`, `Jae-in`, `Suk-yeol`) have short lower-case tails too: a tail
/// of at most five letters that is not an English word of such compounds is part of the name.
fn lower_tail(w: &str, lx: &NameLexicons) -> bool {
    // most words have no hyphen: a byte scan before the split
    w.as_bytes().contains(&b'-')
        && w.split_once('-').is_some_and(|(head, tail)| {
            tail.chars().next().is_some_and(char::is_lowercase) && !(head.chars().count() <= 4 && romanised_syllable(tail, lx))
        })
}

/// A romanised (Korean, Chinese) given-name syllable after a hyphen rather than an English word.
pub(super) fn romanised_syllable(tail: &str, lx: &NameLexicons) -> bool {
    // tails ending in `-ed` (`led`, `based`) are ruled out below; the English tails of two to
    // five letters (`state-run`, `year-old`) are the `name-words` lexicons' `compound` words
    let n = tail.chars().count();
    (2..=5).contains(&n)
        && tail.chars().all(|c| c.is_ascii_lowercase())
        && !tail.ends_with("ed")
        && lx.words.roles("en", tail) & COMPOUND == 0
}

/// The word span of a name word: a `Fatah-dominated` tail, a possessive (a Turkish case
/// suffix in Turkish copy: `Erdoğan'ın`) and an `al-` article removed.
fn word_span(text: &str, span: Span, lang: &str, lx: &NameLexicons) -> Span {
    let mut span = strip_possessive(text, span);
    if lang == "tr"
        && let Some(end) = inflection::tr_suffix_start(&text[span.start..span.end])
    {
        span.end = span.start + end;
    }
    let w = &text[span.start..span.end];
    if lower_tail(w, lx)
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
    openers: &mut Openers,
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
        let (lower_seen, cap_inside) = match openers.find_word(w) {
            Some(o) => openers.flags(doc, o),
            None => (false, false),
        };
        let ends_ly =
            || if w.is_ascii() { w.len() >= 2 && w[w.len() - 2..].eq_ignore_ascii_case("ly") } else { w.to_lowercase().ends_with("ly") };
        if lower_seen || (lang == "en" && !cap_inside && ends_ly()) {
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
    let mut words: Vec<NameWord> = Vec::with_capacity(rest.len());
    for &(k, p) in rest {
        if p != Piece::Word {
            continue;
        }
        // (a word of ASCII letters and digits has no possessive, suffix, tail or article)
        let span = if toks[k].is_ascii_alnum() { toks[k].span } else { word_span(text, toks[k].span, lang, lx) };
        let keys = Keys::shared(&text[span.start..span.end]);
        if !keys.light.is_empty() {
            words.push(NameWord { span, keys });
        }
    }
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
        let k = &mention.words[0].keys;
        let lw = k.lower.as_str();
        // (the entity key of one word is its light key)
        let known = lx.entities.knows(&k.light)
            || lx.house.preferred(lw, lang).is_some()
            || lx.house.variant_of(lw, lang).is_some()
            || openers.find(lw).is_some_and(|o| openers.flags(doc, o).1);
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
    let surnames: Vec<&Keys> = out.mentions.iter().filter(|m| m.is_full() && !m.quoted).map(|m| &*m.last().keys).collect();
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
fn is_title_case(doc: &Document, h: Span, lx: &NameLexicons, lang: &str, buf: &mut String) -> bool {
    let (mut cap, mut n) = (0, 0);
    for t in doc.tokens_in(h).iter().filter(|t| t.is_word()) {
        let w = doc.slice(t.span);
        if w.chars().count() < 4 {
            continue;
        }
        // (`str::to_lowercase` outside ASCII: a final sigma)
        let roles = if w.is_ascii() { word_roles(lx, lang, w, buf) } else { lx.words.roles(lang, &w.to_lowercase()) };
        if roles & PARTICLE != 0 {
            continue;
        }
        n += 1;
        if matches!(t.case, Case::Title | Case::Upper) {
            cap += 1;
        }
    }
    n >= 3 && cap * 4 >= n * 3
}
