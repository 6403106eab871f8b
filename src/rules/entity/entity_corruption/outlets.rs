//! Shape 3: an outlet's name translated as a common word after an attribution cue, and a
//! one-word outlet name a letter or two off before a word that says it is an outlet (3b).

use super::META;
use super::Scan;
use super::index::class;
use super::spelling::{
    beyond_two_edits, damerau_levenshtein, heavy_equal, max_distance, near_variant, same_letters, spelling_system_equal,
};
use super::words::{is_cap, is_handle, mark, overlaps_any};

use crate::finding::{Applicability, Confidence, Finding};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::Output;
use crate::rules::entity::bulk;
use crate::rules::entity::keys::deletions_upto2;
use crate::rules::util::fold;
use crate::span::Span;
use rustc_hash::FxHashMap as HashMap;

/// Shape 3b: a one-word outlet name a letter or two off, or with letters moved, before a word
/// that says it is an outlet ("the Turkish Andalou news agency" for Anadolu).
#[inline(never)]
pub(super) fn check_outlet_slips(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>) {
    let Scan { ix, doc, w, .. } = *s;
    if ix.outlets().is_empty() {
        return;
    }
    let words = &w.words;
    let mut reported: Vec<(String, usize, Finding, usize)> = Vec::new();
    let mut bulk_cands: Vec<(&str, &str)> = Vec::new();
    for (i, word) in w.at.outlet_slips.iter().map(|&i| (i as usize, &words[i as usize])) {
        // the word after first: most capitalised words are not before an outlet word, and the
        // tests are independent (the look-ups of the word itself cost more)
        if !is_cap(word.token)
            || !words.get(i + 1).is_some_and(|x| x.is(class::OUTLET_WORD) && w.contiguous(i, i + 2))
            || word.token.script == crate::document::Script::Mixed
            || word.chars < 5
            || word.is(class::KNOWN_TOKEN | class::OUTLET_TOKEN | class::NEAR_NAME)
            || !word.key.chars().all(char::is_alphabetic)
            || is_handle(doc, word)
            || bulk::is_name_hashed(word.key, word.hash())
        {
            continue;
        }
        let mut cands: Vec<usize> = Vec::new();
        deletions_upto2(word.key, |d| {
            if let Some(os) = ix.outlet_deletions().get(d) {
                cands.extend(os.iter());
            }
        });
        cands.sort_unstable();
        cands.dedup();
        let mut best: Option<(usize, usize)> = None;
        for oi in cands {
            let target = fold(ix.outlets().get(oi).0);
            if word.key.chars().next() != target.chars().next() {
                continue;
            }
            if beyond_two_edits(word.key, &target) {
                continue;
            }
            let dist = damerau_levenshtein(word.key, &target);
            let ok = dist >= 1
                && (dist <= max_distance(&target) || (dist == 2 && target.chars().count() >= 6 && same_letters(word.key, &target)));
            if !ok || heavy_equal(word.key, &target) || near_variant(word.key, &target) || spelling_system_equal(word.key, &target) {
                continue;
            }
            if best.is_none_or(|(_, d)| dist < d) {
                best = Some((oi, dist));
            }
        }
        // the compiled newspaper list (Wikidata), after a word that says newspaper; ids past
        // the hand-curated outlets
        if best.is_none() && words.get(i + 1).is_some_and(|x| x.is(class::NEWSPAPER_WORD)) {
            bulk_cands.clear();
            bulk::outlet_candidates(word.key, &mut bulk_cands);
            for (k, &(name, _)) in bulk_cands.iter().enumerate() {
                let target = fold(name);
                if word.key.chars().next() != target.chars().next() {
                    continue;
                }
                if beyond_two_edits(word.key, &target) {
                    continue;
                }
                let dist = damerau_levenshtein(word.key, &target);
                let ok = dist >= 1 && dist <= max_distance(&target);
                if !ok || heavy_equal(word.key, &target) || near_variant(word.key, &target) || spelling_system_equal(word.key, &target) {
                    continue;
                }
                if best.is_none_or(|(_, d)| dist < d) {
                    best = Some((ix.outlets().len() + k, dist));
                }
            }
        }
        let Some((oi, _)) = best else { continue };
        let (form, full) = match ix.outlets().try_get(oi) {
            Some((form, full)) => (form, full),
            None => {
                let (name, cc) = bulk_cands[oi - ix.outlets().len()];
                (name, cc)
            }
        };
        if overlaps_any(flagged, word.span()) {
            continue;
        }
        mark(flagged, word.span());
        if let Some(r) = reported.iter_mut().find(|r| r.0 == word.key && r.1 == oi) {
            r.3 += 1;
            continue;
        }
        let also = if oi >= ix.outlets().len() {
            format!(" (a newspaper of {full})")
        } else if full != form {
            format!(" ({full})")
        } else {
            String::new()
        };
        let message = format!(
            "\"{}\" looks like a misspelling of the outlet name \"{form}\"{also}: {}, before \"{}\"",
            word.text,
            if same_letters(word.key, &fold(form)) { "the same letters in another order" } else { "a letter or two apart" },
            words[i + 1].text,
        );
        let f = Finding::new(&META, word.span(), Confidence::Medium, message).replace_with(form.to_string(), Applicability::Unsafe);
        reported.push((word.key.to_string(), oi, f, 0));
    }
    for (_, _, mut f, n) in reported {
        if n > 0 {
            f.message.push_str(&format!(" ({n} more time{} in the story)", if n == 1 { "" } else { "s" }));
        }
        out.push(f);
    }
}

/// Attribution cues (folded) that introduce a media source, per copy language: the
/// `outlet-words` lexicons' `cue` rows (`quoting`, `according to`, `dilansir dari`).
pub(super) struct OutletCues(HashMap<String, Vec<String>>);

impl OutletCues {
    /// The cues of copy language `lang` (none for a language without `cue` rows).
    fn of(&self, lang: &str) -> &[String] {
        self.0.get(lang).map_or(&[], Vec::as_slice)
    }
}

impl LexiconIndex for OutletCues {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut by_lang: HashMap<String, Vec<String>> = HashMap::default();
        for file in lexicons.of_kind("outlet-words") {
            let (word, role) = (file.require("word")?, file.require("role")?);
            for row in file.rows.iter().filter(|r| r.get(role) == "cue") {
                let cue = fold(row.get(word));
                let cues = by_lang.entry(file.lang.clone()).or_default();
                if !cues.contains(&cue) {
                    cues.push(cue);
                }
            }
        }
        Ok(OutletCues(by_lang))
    }
}

#[inline(never)]
pub(super) fn check_outlet_calques(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>) {
    let Scan { ix, doc, w, lang, .. } = *s;
    if ix.calques().is_empty() {
        return;
    }
    let words = &w.words;
    // (read only for a story with a calque's words in it)
    let cues_index = std::cell::OnceCell::new();
    let cues = || cues_index.get_or_init(|| s.lexicons.index::<OutletCues>().ok());
    for (i, word) in w.at.calques.iter().map(|&i| (i as usize, &words[i as usize])) {
        // (the cheap tests before the look-up)
        if !word.is(class::CALQUE) || !is_cap(word.token) || i == word.first() {
            continue;
        }
        let Some(rows) = ix.calques().get_key(word.k()) else { continue };
        for row in rows.iter() {
            // (the row's words first: they tell most rows apart)
            let translated = row.translated();
            let n = translated.len();
            if i + n > words.len() || !(0..n).all(|k| words[i + k].key == &translated[k]) {
                continue;
            }
            if !(row.lang() == lang || row.lang() == "mul") || !w.contiguous(i, i + n) {
                continue;
            }
            if !(0..n).all(|k| is_cap(words[i + k].token) || words[i + k].key.len() <= 3) {
                continue;
            }
            // a word inside a longer capitalised name is that name's (`Republic Bank`, `Republic of
            // China`, `Good Morning Wales`, `Public Voice for Food`), not a translated outlet name
            let next = words.get(i + n).filter(|_| w.contiguous(i + n - 1, i + n + 1));
            let name_goes_on =
                next.is_some_and(|x| is_cap(x.token) || (x.key == "of" && words.get(i + n + 1).is_some_and(|y| is_cap(y.token))));
            let name_started = i > word.first() && w.contiguous(i - 1, i + 1) && is_cap(words[i - 1].token);
            if name_goes_on || name_started {
                continue;
            }
            // the cue must end within two words before the outlet name, in the same sentence
            let sentence_start = doc.sentences[word.sentence()].span.start;
            let before = fold(&doc.text[sentence_start..word.span().start]);
            let before = before.trim_end().trim_end_matches(|c: char| !c.is_alphanumeric()).trim_end();
            let tail: Vec<&str> = before.split_whitespace().rev().take(4).collect::<Vec<_>>().into_iter().rev().collect();
            let tail_s = tail.join(" ");
            // (the tail less its last word, once: a cue may end one word before the name)
            let head_s = (tail.len() >= 2).then(|| tail[..tail.len() - 1].join(" "));
            let Some(cues) = cues() else { continue };
            let cue = cues
                .of(lang)
                .iter()
                .filter(|c| tail_s.ends_with(c.as_str()) || head_s.as_deref().is_some_and(|h| h.ends_with(c.as_str())))
                .max_by_key(|c| c.len());
            let Some(cue) = cue else { continue };
            let span = words[i].span().cover(words[i + n - 1].span());
            if overlaps_any(flagged, span) {
                continue;
            }
            let confidence = if tail_s.ends_with(cue.as_str()) && cue.len() > 4 { Confidence::High } else { Confidence::Medium };
            let text = doc.slice(span);
            let note = if row.note().is_empty() { String::new() } else { format!(" ({})", row.note()) };
            let message = format!("\"{text}\" after \"{cue}\" looks like the outlet name \"{}\" translated as a word{note}", row.outlet());
            mark(flagged, span);
            out.push(Finding::new(&META, span, confidence, message).replace_with(row.outlet(), Applicability::Unsafe));
            break;
        }
    }
}
