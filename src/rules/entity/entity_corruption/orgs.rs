//! Shape 1: organisation names with one word swapped (a confusion, a near-miss, another
//! language's spelling), an agency's field word in another derivation (1b), and a named
//! operation rendered word for word from a genitive (1c).

use std::borrow::Cow;

use super::META;
use super::Scan;
use super::index::{
    EntityIndex, NameRef, TOKEN_CHARS_UNKNOWN, TokenEnds, class, original_word, stem_key, token_capitalised, token_chars, token_distinctive,
};
use super::spelling::{beyond_two_edits, damerau_levenshtein, heavy_equal, near_variant, similarity};
use super::words::{Word, WordView, is_cap, mark, overlaps_any};

use crate::document::Document;
use crate::finding::{Applicability, Confidence, Finding};
use crate::rules::Output;
use crate::rules::entity::bulk;
use crate::span::Span;

#[inline(never)]
pub(super) fn check_organisations(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>) {
    let Scan { ix, doc, w, lang, .. } = *s;
    let words = &w.words;
    // the hits of word `i` that align: (how it was found, name index, alignment), in the
    // order of the maps (anchors, confusion anchors, bigrams)
    let mut aligned: Vec<(Via, usize, Alignment)> = Vec::with_capacity(8);
    let mut pair = String::new();
    for (i, word) in w.at.orgs.iter().map(|&i| (i as usize, &words[i as usize])) {
        aligned.clear();
        // each hit aligned once, for both questions below; most anchor hits are told apart by
        // the codes of the words and of the name's tokens, before the name is read: two certain
        // differences, or one that cannot be reported (a hit that does not align, or aligns with
        // such a difference, changes neither answer)
        // anchors are words of four letters or more (a third of the words are shorter)
        if word.anchors != 0 && word.key.len() >= 4 {
            for (ni, pos, codes) in ix.anchor_hits(word.anchors) {
                match triage(words, i, codes, pos) {
                    Triage::Unaligned => continue,
                    Triage::OneDiff(j, k) if !may_report(&words[j], codes.get(k)) => continue,
                    _ => {}
                }
                if let Some(a) = align(words, i, ix.name(ni), pos) {
                    aligned.push((Via::Anchor, ni, a));
                }
            }
        }
        if is_cap(word.token)
            && word.is(class::CONFUSION_ANCHOR)
            && let Some(h) = ix.confusion_anchors().get_key(word.k())
        {
            for (ni, pos) in h.iter() {
                if let Some(a) = align(words, i, ix.name(ni), pos) {
                    aligned.push((Via::Confusion, ni, a));
                }
            }
        }
        // two capitalised words in a row may be the intact part of a name whose distinctive
        // word was the one corrupted ("Australian Freedom Party" for "Austrian Freedom Party")
        if is_cap(word.token)
            && word.is(class::BIGRAM_FIRST)
            && words.get(i + 1).is_some_and(|x| x.sentence == word.sentence && is_cap(x.token) && x.is(class::BIGRAM_SECOND))
        {
            pair.clear();
            pair.push_str(word.key);
            pair.push(' ');
            pair.push_str(words[i + 1].key);
            if let Some(h) = ix.bigrams().get(pair.as_str()) {
                for (ni, pos) in h.iter() {
                    if let Some(a) = align(words, i, ix.name(ni), pos) {
                        aligned.push((Via::Bigram, ni, a));
                    }
                }
            }
        }
        // the words here are a known name of this language as written (up to compound spelling
        // and British or American spelling): no other name's near-miss applies
        let exact = |&(_, ni, a): &(Via, usize, Alignment)| {
            a.diff.is_none() && w.contiguous(a.start, a.end) && {
                let l = ix.name(ni).lang;
                l == lang || l == "mul"
            }
        };
        if aligned.iter().any(exact) {
            continue;
        }
        for &(via, ni, a) in &aligned {
            let Alignment { start, end, diff: Some((j, k)) } = a else { continue };
            // a confusion anchor stands for the swapped word itself
            if via == Via::Confusion && j != i {
                continue;
            }
            if words[start].sentence != words[end - 1].sentence || !w.contiguous(start, end) {
                continue;
            }
            let name = ix.name(ni);
            let got = &words[j];
            let want = &name.tokens[k];
            if is_cap(got.token) != name.capitalised(k) || got.chars < 3 {
                continue;
            }
            // a finding is a confusion or a near-miss of a distinctive word: the tests of the
            // two words alone first (the window's look-ups below cost more)
            let near_words = || {
                got.chars >= 5
                    && ix.spread().get(want).unwrap_or(0) <= 2
                    && !ix.weak_anchors().contains_key(want)
                    && !inflected_or_derived(got.key, want)
                    && !beyond_two_edits(got.key, want)
                    && damerau_levenshtein(got.key, want) <= 2
                    && similarity(got.key, want) >= 0.75
            };
            let confusion_words = got.is(class::CONFUSION_WRONG) && ix.is_confusion(got.key, want);
            // a plural ending dropped from a word of a whole name of three words or more
            // (`Pacific Island Forum`), or added to its last word (`International Monetary
            // Funds`, `Moody's Investors Services`): the other words are written right, so the
            // word need not be distinctive. A plural added to another word is often the name's
            // other form (`Revolutionary Guards Corps`), and names joined by `and` share a plural
            // head (`African and Asian Development Banks`)
            let dropped = want.strip_suffix('s') == Some(got.key);
            let plural = name.tokens.len() >= 3
                && end - start == name.tokens.len()
                && (dropped || (k + 1 == name.tokens.len() && got.key.strip_suffix('s') == Some(want)))
                && !(start > 0 && matches!(words[start - 1].key, "and" | "or" | "&"));
            if !confusion_words && !plural && !near_words() {
                continue;
            }
            let span = words[start].span().cover(words[end - 1].span());
            if overlaps_any(flagged, span) {
                continue;
            }
            // the window as written must not itself be a known name (or part of a longer one),
            // except a form known only in another language, one spelling from this language's
            // form ("Hayat Tahrir al-Syam", the Indonesian spelling, in English copy)
            let written: Vec<&str> = words[start..end].iter().map(|x| x.key).collect();
            let written = written.join(" ");
            if bulk::is_name(&written) {
                continue;
            }
            let foreign = match ix.known_names().get(&written) {
                None => None,
                Some(langs) if name.lang == lang && !langs.iter().any(|l| l == lang || l == "mul") => langs.first(),
                Some(_) => continue,
            };
            if extends_to_known(ix, w, start, end) {
                continue;
            }
            let confusion = foreign.is_none() && ix.is_confusion(got.key, want);
            // "Lebanon's Health Ministry" for "Lebanese Health Ministry": a possessive noun is a
            // correct English paraphrase of the adjective, not a corruption of it
            if confusion && is_possessive(doc, got.span()) {
                continue;
            }
            // a near-miss only counts on a distinctive word of the name ("Ministry" is not)
            let want_distinctive = ix.spread().get(want).unwrap_or(0) <= 2 && !ix.weak_anchors().contains_key(want);
            // a transliteration variant from another language ("Hizbullah", "Jehudit") is a
            // spelling, not a corruption
            if foreign.is_some() && (heavy_equal(got.key, want) || near_variant(got.key, want)) {
                continue;
            }
            let near = !confusion
                && want_distinctive
                && !inflected_or_derived(got.key, want)
                && (foreign.is_some() || !ix.known_tokens().contains(got.k()))
                && got.key.chars().count() >= 5
                && damerau_levenshtein(got.key, want) <= 2
                && similarity(got.key, want) >= 0.75;
            let plural = plural && !confusion && foreign.is_none();
            if !confusion && !near && !plural {
                continue;
            }
            let correct = corrected(doc, &words[start..end], j - start, original_word(name, k));
            let entity = name.entity;
            let canonical = ix.display(entity, lang, name.text());
            let also = if canonical != correct { format!(" ({canonical})") } else { String::new() };
            let why = if confusion {
                format!("\"{}\" is a known mistranslation of \"{}\"", got.text, original_word(name, k))
            } else if let Some(other) = foreign {
                format!(
                    "\"{}\" is the spelling of another language ({other}); this copy's form is \"{}\"",
                    got.text,
                    original_word(name, k)
                )
            } else if plural && !near {
                format!("the name writes \"{}\", not \"{}\" (a plural ending added or dropped)", original_word(name, k), got.text)
            } else {
                format!("\"{}\" is one or two letters from \"{}\"", got.text, original_word(name, k))
            };
            let text = doc.slice(span);
            let message = format!("\"{text}\" looks like a corruption of \"{correct}\"{also}: {why}");
            let confidence = if confusion { Confidence::High } else { Confidence::Medium };
            mark(flagged, span);
            out.push(Finding::new(&META, span, confidence, message).replace_with(correct, Applicability::Unsafe));
            break;
        }
        if let Some(m) = derivation_match(ix, w, i) {
            report_derivation(s, out, flagged, i, m);
        }
    }
}

/// How a hit of [`check_organisations`] was found.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Via {
    /// The word is a distinctive word of the name (written as the name writes it).
    Anchor,
    /// The word is the wrong side of a confusion of the name's word.
    Confusion,
    /// The word and the next are a pair of the name's capitalised words.
    Bigram,
}

/// Reports shape 1b at word `i`, a [`derivation_match`] (window start, window end, name index,
/// position of the variant word), unless its words are flagged or known.
fn report_derivation(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>, i: usize, (start, end, ni, k): (usize, usize, usize, usize)) {
    let Scan { ix, doc, w, lang, .. } = *s;
    let words = &w.words;
    let span = words[start].span().cover(words[end - 1].span());
    let written: Vec<&str> = words[start..end].iter().map(|x| x.key).collect();
    if !overlaps_any(flagged, span) && !ix.known_names().contains_key(&written.join(" ")) && !extends_to_known(ix, w, start, end) {
        let name = ix.name(ni);
        let canonical = ix.display(name.entity, lang, name.text());
        let message = format!(
            "\"{}\" looks like a calque of \"{canonical}\": \"{}\" stands for \"{}\"{}",
            doc.slice(span),
            words[i].text,
            original_word(name, k),
            if end - start > name.tokens.len() { ", and the name has a field the agency's name does not" } else { "" },
        );
        mark(flagged, span);
        out.push(Finding::new(&META, span, Confidence::Medium, message).replace_with(canonical.to_string(), Applicability::Unsafe));
    }
}

/// Is one word the other with an English inflection or derivational ending ("Investor"/
/// "Investors", "Agriculture"/"Agricultural")? A paraphrase a desk writes, not a corruption.
pub(super) fn inflected_or_derived(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    const ENDINGS: &[&str] = &["s", "es", "al", "ial", "an", "ian", "n", "ic", "ical", "ed", "ing", "ist", "ists"];
    let stems = [Some(short), short.strip_suffix('e'), short.strip_suffix('y')];
    stems.into_iter().flatten().any(|stem| long.strip_prefix(stem).is_some_and(|rest| ENDINGS.contains(&rest)))
}

/// Are `a` and `b` the noun and the adjective of one field ("meteorology"/"meteorological",
/// "geology"/"geological", "economy"/"economic")?
pub(super) fn derivation_pair(a: &str, b: &str) -> bool {
    // the common prefix in whole characters: a byte count could end inside a character
    // (Cyrillic "организаторы" and "организация" share a first byte of their seventh letter)
    let common: usize = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).map(|(x, _)| x.len_utf8()).sum();
    let (ra, rb) = (&a[common..], &b[common..]);
    const PAIRS: &[(&str, &str)] = &[("y", "ical"), ("y", "ic"), ("ics", "ical"), ("ics", "ic")];
    common >= 6 && PAIRS.iter().any(|&(x, y)| (ra == x && rb == y) || (ra == y && rb == x))
}

/// Shape 1b: a field word of an agency's name written as another derivation, perhaps with a
/// second field calqued in ("Japan Meteorology and Geophysics Agency" for the Japan
/// Meteorological Agency, after Indonesia's Meteorology, Climatology and Geophysics Agency).
/// Returns (window start, window end, name index, position of the variant word).
///
/// Only a capitalised word that ends as a side of a [`derivation_pair`] does ([`derivation_end`])
/// is looked up, and only a name token that ends so is read.
#[inline(always)]
#[allow(clippy::inline_always)] // the per-word test: a call costs more than the test
pub(super) fn derivation_match(ix: &EntityIndex, w: &WordView<'_>, i: usize) -> Option<(usize, usize, usize, usize)> {
    let word = &w.words[i];
    if !is_cap(word.token) || !may_derive(ix, word.key.as_bytes(), usize::from(word.chars)) {
        return None;
    }
    derivation_lookup(ix, w, i)
}

/// The quick tests of [`derivation_match`] on a capitalised word's key of `chars` chars: seven
/// letters or more (a side of a pair is six letters and an ending; the stem key is the first six
/// letters of a word of seven or more), ending as a side of a pair does ([`derivation_end`]),
/// and first six bytes that are a stem key when they are ASCII.
#[inline]
pub(super) fn may_derive(ix: &EntityIndex, key: &[u8], chars: usize) -> bool {
    chars >= 7 && key.last().is_some_and(|&b| derivation_end(b)) && (!key[..6].is_ascii() || ix.short_class(&key[..6]).0 & class::STEM != 0)
}

/// Can a word ending in byte `b` be a side of a [`derivation_pair`] ("-y", "-ic", "-ical",
/// "-ics": the two sides differ in those endings after a common prefix)?
fn derivation_end(b: u8) -> bool {
    matches!(b, b'y' | b'c' | b'l' | b's')
}

/// [`derivation_match`] past its quick tests.
#[inline(never)]
fn derivation_lookup(ix: &EntityIndex, w: &WordView<'_>, i: usize) -> Option<(usize, usize, usize, usize)> {
    let words = &w.words;
    let word = &words[i];
    let hits = ix.stems().get(stem_key(word.key)?)?;
    let word_last = *word.key.as_bytes().last()?;
    for (ni, pos) in hits.iter() {
        if pos > i {
            continue;
        }
        // the two sides of a pair end one in `y` or `s`, the other in `l` or `c`, and differ
        // by one or three letters ("-y"/"-ic", "-ics"/"-ical", ...): the token's code tells
        let code = ix.token_ends(ni).get(pos);
        #[allow(clippy::cast_possible_truncation)]
        let last = (code >> 8) as u8;
        let ends_pair = matches!((word_last, last), (b'y' | b's', b'l' | b'c') | (b'l' | b'c', b'y' | b's'));
        let apart = u32::from(word.chars).abs_diff(token_chars(code));
        if !ends_pair || (token_chars(code) != TOKEN_CHARS_UNKNOWN && apart != 1 && apart != 3) {
            continue;
        }
        let name = ix.name(ni);
        let t = name.tokens;
        if !derivation_pair(word.key, &t[pos]) || pos > i {
            continue;
        }
        let start = i - pos;
        if !(0..pos).all(|k| same_word(words[start + k].key, &t[k])) {
            continue;
        }
        // an inserted second field: "and Geophysics"
        let mut j = i + 1;
        if words.get(j).is_some_and(|x| x.key == "and") && words.get(j + 1).is_some_and(|x| is_cap(x.token)) {
            j += 2;
        }
        let rest = t.len() - pos - 1;
        if j + rest > words.len() || !(0..rest).all(|k| same_word(words[j + k].key, &t[pos + 1 + k])) {
            continue;
        }
        let end = j + rest;
        if words[start].sentence != words[end - 1].sentence || !w.contiguous(start, end) {
            continue;
        }
        return Some((start, end, ni, pos));
    }
    None
}

/// [`derivation_match`] as first written, without the quick tests: the oracle of the
/// equivalence test.
#[cfg(test)]
pub(super) fn derivation_match_oracle(ix: &EntityIndex, w: &WordView<'_>, i: usize) -> Option<(usize, usize, usize, usize)> {
    let words = &w.words;
    let word = &words[i];
    if !is_cap(word.token) {
        return None;
    }
    let hits = ix.stems().get(stem_key(word.key)?)?;
    for (ni, pos) in hits.iter() {
        let name = ix.name(ni);
        let t = name.tokens;
        if !derivation_pair(word.key, &t[pos]) || pos > i {
            continue;
        }
        let start = i - pos;
        if !(0..pos).all(|k| same_word(words[start + k].key, &t[k])) {
            continue;
        }
        let mut j = i + 1;
        if words.get(j).is_some_and(|x| x.key == "and") && words.get(j + 1).is_some_and(|x| is_cap(x.token)) {
            j += 2;
        }
        let rest = t.len() - pos - 1;
        if j + rest > words.len() || !(0..rest).all(|k| same_word(words[j + k].key, &t[pos + 1 + k])) {
            continue;
        }
        let end = j + rest;
        if words[start].sentence != words[end - 1].sentence || !w.contiguous(start, end) {
            continue;
        }
        return Some((start, end, ni, pos));
    }
    None
}

/// A name aligned with the document's words: the window `start..end` and the one word that
/// differs from the name, as (word index, name token index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Alignment {
    pub(super) start: usize,
    pub(super) end: usize,
    pub(super) diff: Option<(usize, usize)>,
}

/// Aligns `name`, whose token `pos` is read at word `i`, with the words around `i`. A compound
/// written apart or together ("South East" / "Southeast", "al Sham" / "al-Sham") and a British
/// or American spelling ("Organisation") count as the same word; `None` when more than one word
/// differs or the words run out.
///
/// Most calls end at a second differing word: a word and a name token whose first bytes differ
/// (and, going backward, whose last bytes differ too) can match by none of the three tests
/// ([`ends_differ`]), so that word costs two byte compares, not the tests.
pub(super) fn align(words: &[Word<'_>], i: usize, name: NameRef<'_>, pos: usize) -> Option<Alignment> {
    let t = name.tokens;
    let n = t.len();
    let mut diff = None;
    let mut note = |j: usize, k: usize| -> Option<()> {
        if diff.is_some() {
            return None;
        }
        diff = Some((j, k));
        Some(())
    };
    let key = |j: usize| words[j].key;
    // forward from (i, pos)
    let (mut j, mut k) = (i, pos);
    while k < n {
        if j >= words.len() {
            return None;
        }
        let tk = &t[k];
        if words[j].ends.first_differs(tk) {
            note(j, k)?;
            (j, k) = (j + 1, k + 1);
        } else if same_word(key(j), tk) {
            (j, k) = (j + 1, k + 1);
        } else if j + 1 < words.len() && joins(tk, key(j), key(j + 1)) {
            (j, k) = (j + 2, k + 1);
        } else if k + 1 < n && joins(key(j), tk, &t[k + 1]) {
            (j, k) = (j + 1, k + 2);
        } else {
            note(j, k)?;
            (j, k) = (j + 1, k + 1);
        }
    }
    let end = j;
    // backward from (i, pos), exclusive
    let (mut j, mut k) = (i, pos);
    while k > 0 {
        if j == 0 {
            return None;
        }
        let tk = &t[k - 1];
        if words[j - 1].ends.both_differ(tk) {
            note(j - 1, k - 1)?;
            (j, k) = (j - 1, k - 1);
        } else if same_word(key(j - 1), tk) {
            (j, k) = (j - 1, k - 1);
        } else if j >= 2 && joins(tk, key(j - 2), key(j - 1)) {
            (j, k) = (j - 2, k - 1);
        } else if k >= 2 && joins(key(j - 1), &t[k - 2], tk) {
            (j, k) = (j - 1, k - 2);
        } else {
            note(j - 1, k - 1)?;
            (j, k) = (j - 1, k - 1);
        }
    }
    Some(Alignment { start: j, end, diff })
}

/// [`align`] as first written, without the quick test of word ends: the oracle of the
/// equivalence test.
///
/// Aligns `name`, whose token `pos` is read at word `i`, with the words around `i`. A compound
/// written apart or together ("South East" / "Southeast", "al Sham" / "al-Sham") and a British
/// or American spelling ("Organisation") count as the same word; `None` when more than one word
/// differs or the words run out.
#[cfg(test)]
pub(super) fn align_oracle(words: &[Word<'_>], i: usize, name: NameRef<'_>, pos: usize) -> Option<Alignment> {
    let t = name.tokens;
    let n = t.len();
    let mut diff = None;
    let mut note = |j: usize, k: usize| -> Option<()> {
        if diff.is_some() {
            return None;
        }
        diff = Some((j, k));
        Some(())
    };
    let key = |j: usize| words[j].key;
    // forward from (i, pos)
    let (mut j, mut k) = (i, pos);
    while k < n {
        if j >= words.len() {
            return None;
        }
        if same_word(key(j), &t[k]) {
            (j, k) = (j + 1, k + 1);
        } else if j + 1 < words.len() && joins(&t[k], key(j), key(j + 1)) {
            (j, k) = (j + 2, k + 1);
        } else if k + 1 < n && joins(key(j), &t[k], &t[k + 1]) {
            (j, k) = (j + 1, k + 2);
        } else {
            note(j, k)?;
            (j, k) = (j + 1, k + 1);
        }
    }
    let end = j;
    // backward from (i, pos), exclusive
    let (mut j, mut k) = (i, pos);
    while k > 0 {
        if j == 0 {
            return None;
        }
        if same_word(key(j - 1), &t[k - 1]) {
            (j, k) = (j - 1, k - 1);
        } else if j >= 2 && joins(&t[k - 1], key(j - 2), key(j - 1)) {
            (j, k) = (j - 2, k - 1);
        } else if k >= 2 && joins(key(j - 1), &t[k - 2], &t[k - 1]) {
            (j, k) = (j - 1, k - 2);
        } else {
            note(j - 1, k - 1)?;
            (j, k) = (j - 1, k - 1);
        }
    }
    Some(Alignment { start: j, end, diff })
}

/// What the codes of the words and of a name's tokens tell of [`align`] at an anchor hit
/// ([`triage`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Triage {
    /// Two differences, or the words run out: [`align`] returns `None`.
    Unaligned,
    /// One difference, word `j` for token `k`: [`align`] returns `None` or that difference.
    OneDiff(usize, usize),
    /// No difference is certain.
    Maybe,
}

/// Would [`align`] of the name whose [`TokenEnds`] are `ends`, anchored at word `i` on token
/// `pos` with the word equal to the token (an anchor hit), surely find two differing words or
/// run out of words, or one differing word, and which? Read from the token codes only,
/// without the name: the steps of [`align`] are followed while each is a word told apart by
/// [`Ends`] (a step [`align`] takes as a difference, in the same direction), and the answer is
/// "maybe" at the first step that needs the words' text. `align` goes forward then backward
/// from `(i, pos)`, and the differences only add up, so the differences seen before each
/// direction's first unclear step are differences [`align`] finds, at those places: one found
/// is the only one [`align`] may return.
pub(super) fn triage(words: &[Word<'_>], i: usize, ends: TokenEnds<'_>, pos: usize) -> Triage {
    let n = ends.len();
    let mut diff = None;
    // forward: the word at `i` is the token at `pos` (the first test of `align` takes it)
    let (mut j, mut k) = (i + 1, pos + 1);
    while k < n {
        if j >= words.len() {
            return Triage::Unaligned;
        }
        if !words[j].ends.first_differs_code(ends.get(k)) {
            break;
        }
        if diff.is_some() {
            return Triage::Unaligned;
        }
        diff = Some((j, k));
        (j, k) = (j + 1, k + 1);
    }
    // backward from (i, pos), exclusive
    let (mut j, mut k) = (i, pos);
    while k > 0 {
        if j == 0 {
            return Triage::Unaligned;
        }
        if !words[j - 1].ends.both_differ_code(ends.get(k - 1)) {
            break;
        }
        if diff.is_some() {
            return Triage::Unaligned;
        }
        diff = Some((j - 1, k - 1));
        (j, k) = (j - 1, k - 1);
    }
    match diff {
        Some((j, k)) => Triage::OneDiff(j, k),
        None => Triage::Maybe,
    }
}

/// May word `got`, written for the name token of [`token_code`](super::index::token_code)
/// `code`, be reported by [`check_organisations`]? Its tests of the two words alone: the same
/// capitalisation, three letters or more, and a word confusion (`got` is the wrong side of
/// one) or a near-miss of a distinctive token (five letters or more, at most two edits: at
/// most two letters more or fewer).
#[inline]
pub(super) fn may_report(got: &Word<'_>, code: u32) -> bool {
    let want = token_chars(code);
    is_cap(got.token) == token_capitalised(code)
        && got.chars >= 3
        && (got.is(class::CONFUSION_WRONG)
            || (token_distinctive(code) && got.chars >= 5 && (want == TOKEN_CHARS_UNKNOWN || u32::from(got.chars).abs_diff(want) <= 2)))
}

/// Is `whole` the words `a` and `b` written as one ("southeast", "al-sham")?
pub(super) fn joins(whole: &str, a: &str, b: &str) -> bool {
    let n = a.len() + b.len();
    whole.starts_with(a) && whole.ends_with(b) && (whole.len() == n || (whole.len() == n + 1 && matches!(whole.as_bytes()[a.len()], b'-')))
}

/// Equal words, or British and American spellings of one word ("organisation"/"organization",
/// "defence"/"defense", "centre"/"center", "programme"/"program").
#[inline]
pub(super) fn same_word(a: &str, b: &str) -> bool {
    a == b || same_word_apart(a, b)
}

/// [`same_word`] of two different spellings.
fn same_word_apart(a: &str, b: &str) -> bool {
    // a compound with or without its hyphen ("South-east"/"Southeast"); the words are short,
    // a plain scan beats a call to `memchr`
    let hyphen = |s: &str| s.bytes().any(|c| c == b'-');
    if (hyphen(a) || hyphen(b)) && a.bytes().filter(|&c| c != b'-').eq(b.bytes().filter(|&c| c != b'-')) {
        return true;
    }
    if a.len().abs_diff(b.len()) > 2 || a.len() < 5 {
        return false;
    }
    // British and American spellings differ late in the word: the first three letters agree
    // (a cheap test before the rewrites, which allocate)
    if a.as_bytes()[..3] != b.as_bytes()[..3] {
        return false;
    }
    american(a) == american(b)
}

pub(super) fn american(w: &str) -> Cow<'_, str> {
    const PAIRS: &[(&str, &str)] = &[("isation", "ization"), ("ence", "ense"), ("entre", "enter"), ("amme", "am")];
    for (uk, us) in PAIRS {
        // a byte scan: `str::find` builds a two-way searcher on every call, and this runs for
        // most word pairs that are compared; the patterns are ASCII, so a match is at a char
        // boundary and at the same offset `find` returns
        if let Some(at) = w.as_bytes().windows(uk.len()).position(|x| x == uk.as_bytes()) {
            return Cow::Owned(format!("{}{us}{}", &w[..at], &w[at + uk.len()..]));
        }
    }
    if let Some(stem) = w.strip_suffix("ise").or_else(|| w.strip_suffix("ised")).or_else(|| w.strip_suffix("ises")) {
        return Cow::Owned(format!("{stem}iz{}", &w[stem.len() + 2..]));
    }
    Cow::Borrowed(w)
}

/// Is the word at `span` written as a possessive ("Lebanon's", "Lebanon’s", "Lebanon's")?
pub(super) fn is_possessive(doc: &Document, span: Span) -> bool {
    let word = doc.slice(span);
    let after = &doc.text[span.end..];
    let ends = |t: &str| ["'s", "\u{2019}s", "'S", "\u{2019}S"].iter().any(|p| t.ends_with(p));
    let starts = |t: &str| {
        ["'s", "\u{2019}s", "'S", "\u{2019}S"].iter().any(|p| t.starts_with(p) && !t[p.len()..].starts_with(char::is_alphanumeric))
    };
    ends(word) || starts(after)
}

/// Does the window plus a neighbouring word form a known name (then the window is fine)?
pub(super) fn extends_to_known(ix: &EntityIndex, w: &WordView<'_>, start: usize, end: usize) -> bool {
    let words = &w.words;
    let key = |a: usize, b: usize| words[a..b].iter().map(|x| x.key).collect::<Vec<_>>().join(" ");
    let known = |k: String| ix.known_names().contains_key(&k) || bulk::is_name(&k);
    (start > 0 && w.contiguous(start - 1, end) && known(key(start - 1, end)))
        || (end < words.len() && w.contiguous(start, end + 1) && known(key(start, end + 1)))
}

/// The written window with word `k` replaced by `replacement`, keeping the rest as written.
pub(super) fn corrected(doc: &Document, window: &[Word<'_>], k: usize, replacement: &str) -> String {
    let mut out = String::new();
    for (j, word) in window.iter().enumerate() {
        if j > 0 {
            out.push_str(&doc.text[window[j - 1].span().end..word.span().start]);
        }
        if j == k { out.push_str(replacement) } else { out.push_str(word.text) }
    }
    out
}

/// Shape 1c: a named operation rendered word for word from a genitive ("the shield of the
/// Euphrates" for Operation Euphrates Shield, Arabic "dir' al-furat").
#[inline(never)]
pub(super) fn check_genitive_calques(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>) {
    let Scan { ix, doc, w, lang, .. } = *s;
    if ix.genitives().is_empty() || lang != "en" {
        return;
    }
    let words = &w.words;
    for (i, word) in w.at.genitives.iter().map(|&i| (i as usize, &words[i as usize])) {
        // <head> of [the] <modifier>
        if !word.is(class::GENITIVE) {
            continue;
        }
        let mut j = i + 1;
        if words.get(j).is_none_or(|x| x.key != "of") {
            continue;
        }
        let Some(hits) = ix.genitives().get_key(word.k()) else { continue };
        j += 1;
        if words.get(j).is_some_and(|x| x.key == "the") {
            j += 1;
        }
        let Some(m) = words.get(j) else { continue };
        let Some((ni, _)) = hits.iter().find(|&(_, modifier)| m.key == modifier) else { continue };
        if !is_cap(m.token) || !w.contiguous(i, j + 1) {
            continue;
        }
        let start = if i > 0 && words[i - 1].key == "the" && w.contiguous(i - 1, i + 1) { i - 1 } else { i };
        let span = words[start].span().cover(m.span());
        if overlaps_any(flagged, span) {
            continue;
        }
        let name = ix.name(ni);
        let canonical = ix.display(name.entity, lang, name.text());
        let message = format!(
            "\"{}\" looks like a word-for-word rendering of \"{canonical}\" (a genitive calque of the operation's name)",
            doc.slice(span)
        );
        mark(flagged, span);
        out.push(Finding::new(&META, span, Confidence::Medium, message).replace_with(canonical.to_string(), Applicability::Unsafe));
    }
}
