//! The mention finder `extract.rs` replaced (#16), kept to hold them equal: runs of
//! capitalised words with particles inside, minus titles, possessives, sentence openers,
//! ALL-CAPS words and title-case headlines.

use std::sync::Arc;

use rustc_hash::FxHashMap as HashMap;

use super::lexicon::EntityNames;
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
    let h = head.to_lowercase();
    let is_article = matches!(h.as_str(), "al" | "el" | "ad" | "an" | "ar" | "as" | "ash" | "at" | "az" | "ad-din");
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

/// What the story says about the words that open its sentences: `(seen in lower case, seen
/// capitalised inside a sentence)`, by lower-cased word.
type Openers = HashMap<String, (bool, bool)>;

/// A bit of the openers' shape filter: a word's byte length with its first and last bytes.
fn shape_bit(len: usize, first: u8, last: u8) -> usize {
    (len.wrapping_mul(37) ^ usize::from(first).wrapping_mul(7) ^ usize::from(last).wrapping_mul(131)) & 255
}

fn lower_into(buf: &mut String, w: &str) {
    buf.clear();
    crate::text::push_lower(buf, w);
}

pub(super) fn extract(doc: &Document, lx: &NameLexicons, out: &mut NameMentions) {
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
    // byte lengths of openers (a cheap filter before lower-casing a word), and for ASCII words
    // a finer one: the length with the first and last bytes (an ASCII word lower-cases byte by
    // byte, so its key has its length and those bytes lower-cased)
    let lengths: u64 = openers.keys().fold(0, |m, k| m | (1u64 << k.len().min(63)));
    let mut shapes = [0u64; 4];
    for k in openers.keys() {
        let b = shape_bit(k.len(), k.as_bytes()[0], k.as_bytes()[k.len() - 1]);
        shapes[b >> 6] |= 1u64 << (b & 63);
    }
    for s in sentences() {
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        let first_word = toks.iter().position(Token::is_word);
        for (i, t) in toks.iter().enumerate() {
            if !t.is_word() || !matches!(t.case, Case::Lower | Case::Title) || lengths & (1u64 << t.span.len().min(63)) == 0 {
                continue;
            }
            let w = doc.slice(t.span);
            let key = if w.is_ascii() {
                let wb = w.as_bytes();
                let b = shape_bit(wb.len(), wb[0].to_ascii_lowercase(), wb[wb.len() - 1].to_ascii_lowercase());
                if shapes[b >> 6] & (1u64 << (b & 63)) == 0 {
                    continue;
                }
                // an ASCII word in lower case is its own key
                if t.case == Case::Lower {
                    w
                } else {
                    lower_into(&mut buf, w);
                    buf.as_str()
                }
            } else {
                lower_into(&mut buf, w);
                buf.as_str()
            };
            if let Some(e) = openers.get_mut(key) {
                if t.case == Case::Lower {
                    e.0 = true;
                } else if Some(i) != first_word && !after_opening(doc, toks, i) {
                    e.1 = true;
                }
            }
        }
    }

    let mut pending = Vec::new();
    // the keys of each name word, computed once per spelling (names repeat in a story)
    let mut keys: HashMap<&str, Arc<Keys>> = HashMap::default();
    let mut run: Vec<(usize, Piece)> = Vec::new();
    for s in sentences() {
        if s.section == Section::Headline && headline_skipped {
            continue;
        }
        let toks = &doc.tokens[s.tokens.0..s.tokens.1];
        let first_word = toks.iter().position(Token::is_word);
        let mut i = 0;
        while i < toks.len() {
            // collect one run of name pieces starting at i
            run.clear();
            let mut j = i;
            while j < toks.len() {
                let t = &toks[j];
                // most tokens: a run starts only at a capitalised word
                if run.is_empty() && (!t.is_word() || !matches!(t.case, Case::Title | Case::Upper | Case::Mixed)) {
                    break;
                }
                let w = &text[t.span.start..t.span.end];
                // codes and ratings are not names: `A-3`, `DC10s`, `M3`, `BB-minus` (tested
                // only where a token may become a piece: every other token ends the run anyway,
                // and the `.` after an initial holds no digit)
                let code = || w.bytes().any(|b| b.is_ascii_digit()) || w.ends_with("-minus") || w.ends_with("-plus");
                let piece = if !t.is_word() {
                    if w == "." && run.last().is_some_and(|&(k, p)| p == Piece::Initial && k + 1 == j) {
                        j += 1;
                        continue;
                    }
                    break;
                } else if t.case == Case::Lower {
                    if run.is_empty() || code() {
                        break;
                    }
                    lower_into(&mut buf, w);
                    let next_cap = toks.get(j + 1).is_some_and(|n| n.is_word() && n.case == Case::Title);
                    if !next_cap || !lx.words.is_particle(lang, &buf) {
                        break;
                    }
                    Piece::Particle
                } else if matches!(t.case, Case::Title | Case::Upper | Case::Mixed) {
                    if code() {
                        break;
                    }
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
                if piece == Piece::Word && (lower_tail(w, lx) || (lang == "tr" && inflection::tr_suffix_start(w).is_some())) {
                    break;
                }
            }
            if !run.is_empty() {
                mention_of_run(doc, lx, lang, toks, &run, first_word, &openers, s.section, out, &mut pending, &mut keys);
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
fn lower_tail(w: &str, lx: &NameLexicons) -> bool {
    w.split_once('-').is_some_and(|(head, tail)| {
        tail.chars().next().is_some_and(char::is_lowercase) && !(head.chars().count() <= 4 && super::extract::romanised_syllable(tail, lx))
    })
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
fn mention_of_run<'d>(
    doc: &'d Document,
    lx: &NameLexicons,
    lang: &str,
    toks: &[Token],
    run: &[(usize, Piece)],
    first_word: Option<usize>,
    openers: &Openers,
    section: Section,
    out: &mut NameMentions,
    pending: &mut Vec<Mention>,
    keys: &mut HashMap<&'d str, Arc<Keys>>,
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
            let span = word_span(text, toks[k].span, lang, lx);
            let w = &text[span.start..span.end];
            NameWord { span, keys: keys.entry(w).or_insert_with(|| Arc::new(Keys::new(w))).clone() }
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
