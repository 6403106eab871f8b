//! Shape 2: a newsmaker's surname a letter or two off, a first name a letter off before the
//! right surname (2b), and a listed legislator's surname a letter or two off (2c).

use rustc_hash::FxHashSet as HashSet;

use super::META;
use super::Scan;
use super::index::{EntityIndex, NearClass, PersonRef, class, original_word};
use super::load::CountryNames;
use super::spelling::{
    beyond_two_edits, damerau_levenshtein, heavy_equal, max_distance, near_variant, one_letter_moved, slavic_romanisation_equal,
    spelling_system_equal, unusual_vowel_swap, vowel_for_vowel,
};
use super::words::{KeySet, WordView, contains_phrase, is_cap, is_handle, mark, overlaps_any};

use crate::document::{Case, Document};
use crate::finding::{Applicability, Confidence, Finding};
use crate::lexicon::Lexicons;
use crate::rules::Output;
use crate::rules::entity::bulk;
use crate::rules::entity::keys::{deletion_hashes, name_word, single_deletions_masked};
use crate::rules::util::fold;
use crate::span::Span;

#[inline(never)]
pub(super) fn check_people(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>) {
    let Scan { ix, lexicons, doc, w, lang, .. } = *s;
    let words = &w.words;
    let doc_keys = std::cell::OnceCell::new();
    let folded = std::cell::OnceCell::new();
    let mut buf = String::new();
    let mut cands: Vec<usize> = Vec::new();
    // one finding per misspelling and person: (written surname, person) -> (finding, repeats)
    let mut found: Vec<(String, usize, Finding, usize, &str)> = Vec::new();
    for (i, word) in w.at.people.iter().map(|&i| (i as usize, &words[i as usize])) {
        // mixed-script words ("Erdоğan" with a Cyrillic о) are mixed-script's finding, not a misspelling
        if word.token.case != Case::Title
            || word.token.script == crate::document::Script::Mixed
            || word.chars < 4
            || word.is(class::KNOWN_TOKEN | class::OUTLET_TOKEN)
        {
            continue;
        }
        // the deletion index's people (most words have none, and the index's filter says so
        // without a look-up)
        cands.clear();
        person_candidates(ix, word.key, &mut buf, &mut cands);
        // a word of six letters or more may be two edits from a surname of eight or more: the
        // people whose first name is written right before it are candidates too (two edits
        // need the first name's support)
        let word_len = usize::from(word.chars);
        if word_len >= 6
            && i > word.first()
            && words[i - 1].is(class::BY_FIRST)
            && let Some(ps) = ix.by_first().get_key(words[i - 1].k())
        {
            cands.extend(ps.iter());
        }
        // only after a capitalised word that is a listed person's name word (a first name)
        let after_name = || {
            i > word.first()
                && is_cap(words[i - 1].token)
                && w.contiguous(i - 1, i + 1)
                && bulk::is_person_word_hashed(words[i - 1].key, words[i - 1].hash())
        };
        // no candidate: only a listed legislator's slip, after a first name, may be found (the
        // tests below are independent of each other)
        if cands.is_empty() && !after_name() {
            continue;
        }
        if is_handle(doc, word) || bulk::is_name_hashed(word.key, word.hash()) {
            continue;
        }
        let near_entry = if word.is(class::NEAR_NAME) { ix.near_names().get_key(word.k()) } else { None };
        // a word of a listed legislator's name is a real name of its own, like a near-name
        let bulk_word = bulk::is_person_word_hashed(word.key, word.hash());
        // a real person's name as written ("Mac Collins", a listed legislator): nobody's slip
        if bulk_word && written_bulk_name(w, i) {
            continue;
        }
        // a capitalised word followed by another unknown capitalised word is probably a
        // different multi-word name ("Blinkin Street") unless it ends the name
        let mut best: Option<(usize, usize, Confidence, usize)> = None; // (person, distance, confidence, first-name start)
        cands.sort_unstable();
        cands.dedup();
        for &pi in &cands {
            let p = ix.person(pi);
            // a change of the first letter ("Halit" for "Shalit") needs the first name and the
            // person's role or correct name in the story
            let first_letter = word.key.chars().next() != p.surname.chars().next();
            // a plural or a possessive-like ending ("the Blairs", "Gate"/"Gates") is grammar
            let plural = word.key.strip_suffix('s') == Some(p.surname)
                || p.surname.strip_suffix('s') == Some(word.key)
                || word.key.strip_suffix("es") == Some(p.surname)
                || word.key.strip_suffix('e') == Some(p.surname);
            if word_len.abs_diff(p.surname.chars().count()) > 2 || beyond_two_edits(word.key, p.surname) {
                continue;
            }
            let dist = damerau_levenshtein(word.key, p.surname);
            // one letter moved ("Ghandi" for "Gandhi") is one slip, though two edits
            let moved = dist == 2 && dist > max_distance(p.surname) && one_letter_moved(word.key, p.surname);
            if dist == 0 || (dist > max_distance(p.surname) && !moved) {
                continue;
            }
            // (the tests below are independent: the story's support first, which rules out
            // most candidates, then the tests of the two spellings, which allocate)
            let Some((conf, fstart)) = person_support(s, i, p, &doc_keys) else { continue };
            // the old Indonesian spelling of the same name ("Soeharto") is a spelling system
            if spelling_system_equal(word.key, p.surname) {
                continue;
            }
            // a real word of its own, near this very name
            let near_class = near_entry
                .filter(|e| e.class != NearClass::Variant && e.near.contains(p.surname))
                .map(|e| e.class)
                .or(bulk_word.then_some(NearClass::Name));
            let entity = ix.entity(ix.name(p.name).entity);
            // a transliteration or typographic variant (Araqchi/Araghchi, Odessa/Odesa) is not
            // a corruption: name-inconsistency and house style deal with those; a name written
            // natively in Latin script has no such variants ("Haris" for "Harris"); nor are two
            // romanisations of a Ukrainian or Russian name ("Sinehubov"/"Syniehubov")
            let variant_like = heavy_equal(word.key, p.surname) || slavic_romanisation_equal(word.key, p.surname);
            if variant_like && !entity.fixed_spelling {
                continue;
            }
            // a case form of the name (`Путина`, `Лаврову`, `Habecks`) is grammar, not a misspelling
            if crate::document::names::inflection::inflected_pair(word.key, p.surname, lang) {
                continue;
            }
            // a moved letter, or a doubled letter dropped ("Haris" is also a name of its own),
            // needs the first name written right before it
            if (moved || variant_like || plural || near_class.is_some() || first_letter) && (conf != Confidence::High || fstart == i) {
                continue;
            }
            // a real name of its own ("Barnes" near Barnea, "Halit" near Shalit), or a first
            // letter changed: the first name alone may be another person's; the newsmaker's
            // role or correct name must be in the story too
            if (near_class == Some(NearClass::Name) || first_letter) && !story_points_to(s, i, p, &doc_keys, &folded) {
                continue;
            }
            let better = match best {
                None => true,
                Some((_, bd, bc, _)) => conf > bc || (conf == bc && dist < bd),
            };
            if better {
                best = Some((pi, dist, conf, fstart));
            }
        }
        let Some((pi, _, confidence, fstart)) = best else {
            // a real name of its own (another legislator's, a near-name) needs the right
            // spelling elsewhere in the story too
            let real_name = near_entry.is_some() || bulk_word;
            if after_name()
                && let Some(f) = bulk_person_slip(ix, lexicons, doc, w, i, real_name, &doc_keys, &folded, flagged)
            {
                out.push(f);
            }
            continue;
        };
        let p = ix.person(pi);
        let name = ix.name(p.name);
        let surname_written = original_word(name, name.tokens.len() - 1);
        let span = words[fstart].span().cover(word.span());
        if overlaps_any(flagged, span) {
            continue;
        }
        let fixed = if fstart < i {
            format!("{}{}", &doc.text[words[fstart].span().start..word.span().start], surname_written)
        } else {
            surname_written.to_string()
        };
        let canonical = ix.display(name.entity, lang, name.text());
        let message = format!(
            "\"{}\" looks like a misspelling of \"{surname_written}\" ({canonical}): {} letter{} apart, and {}",
            word.text,
            damerau_levenshtein(word.key, p.surname),
            if damerau_levenshtein(word.key, p.surname) == 1 { "" } else { "s" },
            support_reason(confidence, fstart < i),
        );
        mark(flagged, span);
        let finding = Finding::new(&META, span, confidence, message).replace_with(fixed, Applicability::Unsafe);
        // the same slip again ("Kamala Haris" ... "Haris said") is reported once, at the
        // best-supported mention
        match found.iter_mut().find(|(k, p, ..)| *k == word.key && *p == pi) {
            Some((_, _, f, n, _)) => {
                *n += 1;
                if finding.confidence > f.confidence {
                    *f = finding;
                }
            }
            None => found.push((word.key.to_string(), pi, finding, 0, word.text)),
        }
    }
    for (_, _, mut f, n, text) in found {
        if n > 0 {
            f.message.push_str(&format!(" (\"{text}\" {n} more time{} in the story)", if n == 1 { "" } else { "s" }));
        }
        out.push(f);
    }
}

/// The people of the surname deletion index that `key` may be a slip of: those whose surname
/// or one of its single deletions is `key` or one of its single deletions. Most words have
/// none, and the index's filter of deletion keys says so from the keys' hashes, without
/// writing a deletion out or looking one up.
fn person_candidates(ix: &EntityIndex, key: &str, buf: &mut String, out: &mut Vec<usize>) {
    // the positions (the key, then each deletion) the filter may find; only those are looked up
    let (mut may, mut k) = (0u64, 0usize);
    deletion_hashes(key, |h| {
        if ix.may_be_deletion(h) {
            may |= 1 << k.min(63);
        }
        k += 1;
    });
    if may != 0 {
        single_deletions_masked(key, may, buf, |d| {
            if let Some(ps) = ix.deletions().get(d) {
                out.extend(ps.iter());
            }
        });
    }
}

/// Shape 2b: a newsmaker's first name a letter off before the surname written right ("Kurdet
/// Ozersay" for Kudret Özersay, "Nushir al-Masri" for Mushir al-Masri). A real first name that
/// is not a spelling of the newsmaker's ("Munir al-Masri") is another person; the newsmaker's
/// role or full name must be in the story.
#[inline(never)]
pub(super) fn check_first_names(s: &Scan<'_>, out: &mut Output, flagged: &mut Vec<Span>) {
    let Scan { ix, doc, w, lang, .. } = *s;
    let words = &w.words;
    let folded = std::cell::OnceCell::new();
    let mut done: HashSet<(String, usize)> = HashSet::default();
    for i in w.at.first_names.iter().map(|&i| i as usize) {
        let (word, next) = (&words[i], &words[i + 1]);
        // a known surname next first: few words are before one (the tests are independent)
        if !next.is(class::BY_SURNAME)
            || word.token.case != Case::Title
            || word.token.script == crate::document::Script::Mixed
            || word.chars < 4
            || !w.contiguous(i, i + 2)
        {
            continue;
        }
        let Some(ps) = ix.by_surname().get_key(next.k()) else { continue };
        if is_handle(doc, word) || word.is(class::KNOWN_TOKEN | class::OUTLET_TOKEN | class::FIRST_NAME | class::TITLE) {
            continue;
        }
        // a word of a listed legislator's name is a real name: another person's
        if bulk::is_person_word_hashed(word.key, word.hash()) {
            continue;
        }
        let mut best: Option<(usize, usize, &str)> = None;
        for pi in ps.iter() {
            let p = ix.person(pi);
            let Some(first) = p.first.last() else { continue };
            if first.chars().count() < 4 || p.surname.chars().count() < 4 || done.contains(&(word.key.to_string(), pi)) {
                continue;
            }
            if beyond_two_edits(word.key, first) {
                continue;
            }
            let dist = damerau_levenshtein(word.key, first);
            let moved = dist == 2 && one_letter_moved(word.key, first);
            if dist == 0 || (dist > 1 && !moved) || spelling_system_equal(word.key, first) {
                continue;
            }
            if crate::document::names::inflection::inflected_pair(word.key, first, lang) {
                continue;
            }
            let entity = ix.entity(ix.name(p.name).entity);
            // a transliteration variant of the same first name is name-inconsistency's, unless
            // the name is written natively in Latin script ("Fetullah" for Turkish "Fethullah")
            let listed = ix.near_names().get_key(word.k());
            // (a vowel no romanisation trades for the name's, "Volodomyr", is a slip, not a variant)
            let variant = (heavy_equal(word.key, first)
                || near_variant(word.key, first)
                || slavic_romanisation_equal(word.key, first)
                || listed.is_some_and(|e| e.variant_of.contains(first)))
                && !unusual_vowel_swap(word.key, first);
            if variant && !entity.fixed_spelling {
                continue;
            }
            // a real first name that is not a spelling of this one belongs to someone else
            if listed.is_some_and(|e| e.class != NearClass::Variant) && !variant {
                continue;
            }
            let why = if full_name_elsewhere(w, i, p) {
                "the full name is spelt right elsewhere in the story"
            } else if role_in_sentence(ix, doc, w, i, p) {
                "the person's role is named in the same sentence"
            } else if story_points_to_role(ix, doc, p, &folded) {
                "the story names the person's role or organisation"
            } else {
                continue;
            };
            if best.is_none_or(|(_, d, _)| dist < d) {
                best = Some((pi, dist, why));
            }
        }
        let Some((pi, dist, why)) = best else { continue };
        let p = ix.person(pi);
        let name = ix.name(p.name);
        let span = word.span().cover(next.span());
        if overlaps_any(flagged, span) {
            continue;
        }
        done.insert((word.key.to_string(), pi));
        let first_written = original_word(name, name.tokens.len() - 2);
        let fixed = format!("{first_written}{}", &doc.text[word.span().end..next.span().end]);
        let canonical = ix.display(name.entity, lang, name.text());
        let message = format!(
            "\"{}\" looks like a misspelling of \"{fixed}\" ({canonical}): the first name is {dist} letter{} from \"{first_written}\", the surname matches, and {why}",
            doc.slice(span),
            if dist == 1 { "" } else { "s" },
        );
        mark(flagged, span);
        out.push(Finding::new(&META, span, Confidence::Medium, message).replace_with(fixed, Applicability::Unsafe));
    }
}

/// Does the story name a rare context word of the person ("mossad chief", "hamas") anywhere?
pub(super) fn story_points_to_role(ix: &EntityIndex, doc: &Document, p: PersonRef<'_>, folded: &std::cell::OnceCell<String>) -> bool {
    let entity = ix.entity(ix.name(p.name).entity);
    if entity.rare_context.is_empty() {
        return false;
    }
    let text = folded.get_or_init(|| fold(&doc.text));
    entity.rare_context.iter().any(|c| contains_phrase(text, c))
}

/// Is the person's full name written right elsewhere in the story (first name then surname)?
pub(super) fn full_name_elsewhere(w: &WordView<'_>, at: usize, p: PersonRef<'_>) -> bool {
    let Some(first) = p.first.last() else { return false };
    w.words.windows(2).enumerate().any(|(k, pair)| k != at && pair[0].key == first && pair[1].key == p.surname)
}

pub(super) fn support_reason(c: Confidence, first_name: bool) -> &'static str {
    match (c, first_name) {
        (_, true) => "the first name matches",
        (Confidence::High, false) => "the correct spelling appears elsewhere in the story",
        _ => "the person's role is named in the same sentence",
    }
}

/// Context that supports reading word `i` as person `p`'s surname: returns the confidence and
/// the index of the first word of the name as written.
pub(super) fn person_support<'w>(
    s: &Scan<'w>,
    i: usize,
    p: PersonRef<'_>,
    doc_keys: &std::cell::OnceCell<KeySet<'w>>,
) -> Option<(Confidence, usize)> {
    let Scan { ix, doc, w, .. } = *s;
    let words = &w.words;
    let word = &words[i];
    // first name(s) right before the surname
    let nf = p.first.len();
    if i >= nf && words[i - nf].sentence == word.sentence && w.contiguous(i - nf, i + 1) {
        let written: Vec<&str> = words[i - nf..i].iter().map(|x| x.key).collect();
        if written.iter().zip(p.first.iter()).all(|(a, b)| *a == b) {
            return Some((Confidence::High, i - nf));
        }
    }
    // the previous capitalised word: a different first name means a different person
    if i > word.first() {
        let prev = &words[i - 1];
        if is_cap(prev.token)
            && w.contiguous(i - 1, i + 1)
            && !prev.is(class::TITLE)
            && !ix.entity(ix.name(p.name).entity).context.iter().any(|c| c.split_whitespace().any(|cw| cw == prev.key))
        {
            // a near-miss first name with the right surname length still reads as the same person
            let last_first = p.first.last().unwrap_or("");
            if prev.is(class::FIRST_NAME) || damerau_levenshtein(prev.key, last_first) > 1 {
                return None;
            }
            return Some((Confidence::Medium, i - 1));
        }
    }
    // a capitalised word right after (unknown) suggests a longer, different name
    if i + 1 < words.len()
        && words[i + 1].sentence == word.sentence
        && words[i + 1].token.case == Case::Title
        && w.contiguous(i, i + 2)
        && (!words[i + 1].is(class::KNOWN_TOKEN) || words[i + 1].is(class::BY_SURNAME))
    {
        // an unknown word, or a known surname ("Rahmad Nasution"): this word is a first name
        return None;
    }
    let surname_len = p.surname.chars().count();
    // the correct spelling elsewhere in the story
    let keys = doc_keys.get_or_init(|| KeySet::new(words));
    if surname_len >= 5 && keys.contains(p.surname) {
        return Some((Confidence::High, i));
    }
    // the person's role in the same sentence
    let entity = ix.entity(ix.name(p.name).entity);
    if surname_len >= 6 && !entity.context.is_empty() {
        let sentence = fold(doc.slice(doc.sentences[word.sentence()].span));
        if entity.context.iter().any(|c| c.chars().count() >= 5 && contains_phrase(&sentence, c)) {
            return Some((Confidence::Medium, i));
        }
    }
    None
}

/// Is word `i` the last word of a listed (bulk) person's name as written, first names and all
/// ("Mac Collins")? A real person, whatever newsmaker the surname is near.
pub(super) fn written_bulk_name(w: &WordView<'_>, i: usize) -> bool {
    let words = &w.words;
    let mut key = String::new();
    for k in 1..=3 {
        if i < k || words[i - k].sentence != words[i].sentence || !w.contiguous(i - k, i + 1) || !is_cap(words[i - k].token) {
            return false;
        }
        key.clear();
        for (j, x) in words[i - k..=i].iter().enumerate() {
            if j > 0 {
                key.push(' ');
            }
            key.push_str(x.key);
        }
        if bulk::is_name(&key) {
            return true;
        }
    }
    false
}

/// Shape 2c: the surname of a listed legislator (`people-bulk`, compiled) a letter or two off,
/// right after the legislator's first names written right ("Lütfi Elvanı" ... ), when the story
/// points to the legislator twice over: the surname spelt right elsewhere, or two of the
/// legislator's country, party or group, and a legislator's role word in the sentence. The
/// bulk lists are long, so a first name alone is never enough, a first letter is never
/// changed, and transliteration variants are name-inconsistency's. A slip that lands on a real
/// name (`real_name`: another legislator's, or a near-name) needs the right spelling elsewhere.
#[allow(clippy::too_many_arguments)]
pub(super) fn bulk_person_slip<'w>(
    ix: &EntityIndex,
    lexicons: &Lexicons,
    doc: &Document,
    w: &'w WordView<'_>,
    i: usize,
    real_name: bool,
    doc_keys: &std::cell::OnceCell<KeySet<'w>>,
    folded: &std::cell::OnceCell<String>,
    flagged: &mut Vec<Span>,
) -> Option<Finding> {
    let words = &w.words;
    let word = &words[i];
    if word.chars < 5 || !word.key.chars().all(char::is_alphabetic) {
        return None;
    }
    let mut cands = Vec::new();
    let mut buf = String::new();
    // (the first names must be written right before: a word follows the last of them)
    bulk::surname_candidates(word.key, words[i - 1].key, &mut buf, &mut cands);
    cands.sort_unstable();
    cands.dedup();
    let mut best: Option<(bulk::Person, usize, usize, u8)> = None; // (person, distance, first-name start, score)
    let word_len = usize::from(word.chars);
    let mut sentence: Option<String> = None;
    for pi in cands {
        let surname = bulk::person_surname(pi);
        if word.key.chars().next() != surname.chars().next() || word_len.abs_diff(surname.chars().count()) > 2 {
            continue;
        }
        let p = bulk::person(pi);
        // the first names written right, right before
        let nf = p.first.split(' ').count();
        if i < nf || words[i - nf].sentence != word.sentence || !w.contiguous(i - nf, i + 1) {
            continue;
        }
        if !words[i - nf..i].iter().zip(p.first.split(' ')).all(|(x, f)| x.key == f) || p.first.split(' ').all(|f| f.chars().count() < 3) {
            continue;
        }
        if beyond_two_edits(word.key, p.surname) {
            continue;
        }
        let dist = damerau_levenshtein(word.key, p.surname);
        let moved = dist == 2 && one_letter_moved(word.key, p.surname);
        if dist == 0 || (dist > max_distance(p.surname) && !moved) {
            continue;
        }
        let plural = word.key.strip_suffix('s') == Some(p.surname) || p.surname.strip_suffix('s') == Some(word.key);
        if plural
            || vowel_for_vowel(word.key, p.surname)
            || heavy_equal(word.key, p.surname)
            || near_variant(word.key, p.surname)
            || slavic_romanisation_equal(word.key, p.surname)
            || spelling_system_equal(word.key, p.surname)
            || crate::document::names::inflection::inflected_pair(word.key, p.surname, doc.language.unwrap_or("en"))
        {
            continue;
        }
        // what else in the story points to this legislator
        let keys = doc_keys.get_or_init(|| KeySet::new(words));
        let text = folded.get_or_init(|| fold(&doc.text));
        let mut score = 0u8;
        if keys.contains(p.surname) {
            score += 2;
        }
        let countries = lexicons.index::<CountryNames>().ok();
        if countries.and_then(|c| c.0.get(p.country).map(|names| names.iter().any(|n| contains_phrase(text, n)))).unwrap_or(false) {
            score += 1;
        }
        if p.context.split('|').any(|c| c.chars().count() >= 4 && contains_phrase(text, c)) {
            score += 1;
        }
        let sentence = sentence.get_or_insert_with(|| fold(doc.slice(doc.sentences[word.sentence()].span)));
        if ix.legislator_words().iter().any(|r| contains_phrase(sentence, r)) {
            score += 1;
        }
        if score < 2 || (real_name && (score < 3 || !keys.contains(p.surname))) {
            continue;
        }
        if best.is_none_or(|(_, d, _, s)| score > s || (score == s && dist < d)) {
            best = Some((p, dist, i - nf, score));
        }
    }
    let (p, dist, fstart, score) = best?;
    let span = words[fstart].span().cover(word.span());
    if overlaps_any(flagged, span) {
        return None;
    }
    let surname_written = p.display.split_whitespace().map(name_word).rfind(|t| !t.is_empty()).unwrap_or(p.surname);
    let fixed = format!("{}{}", &doc.text[words[fstart].span().start..word.span().start], surname_written);
    let why = if doc_keys.get().is_some_and(|k| k.contains(p.surname)) {
        "the first name matches and the surname is spelt right elsewhere in the story"
    } else {
        "the first name matches and the story names the legislator's country, party or role"
    };
    let message = format!(
        "\"{}\" looks like a misspelling of \"{surname_written}\" ({}, a legislator of {}): {dist} letter{} apart, and {why}",
        word.text,
        p.display,
        p.country,
        if dist == 1 { "" } else { "s" },
    );
    mark(flagged, span);
    let confidence = if score >= 3 { Confidence::Medium } else { Confidence::Low };
    Some(Finding::new(&META, span, confidence, message).replace_with(fixed, Applicability::Unsafe))
}

/// Does the story point to the person beyond a first name that matches: the surname spelt
/// right somewhere, a rare context word anywhere ("mossad chief"), or a common role in the same
/// sentence when few known people share the first name ("Vice President Kamala ...", but not
/// "David ... chief executive")?
pub(super) fn story_points_to<'w>(
    s: &Scan<'w>,
    i: usize,
    p: PersonRef<'_>,
    doc_keys: &std::cell::OnceCell<KeySet<'w>>,
    folded: &std::cell::OnceCell<String>,
) -> bool {
    let Scan { ix, doc, w, .. } = *s;
    let keys = doc_keys.get_or_init(|| KeySet::new(&w.words));
    if keys.contains(p.surname) || story_points_to_role(ix, doc, p, folded) {
        return true;
    }
    let rare_first = p.first.last().is_some_and(|f| ix.first_spread().get(f).unwrap_or(0) <= 2);
    rare_first && role_in_sentence(ix, doc, w, i, p)
}

/// A context word of the person (five letters or more) in the sentence of word `i`.
pub(super) fn role_in_sentence(ix: &EntityIndex, doc: &Document, w: &WordView<'_>, i: usize, p: PersonRef<'_>) -> bool {
    let entity = ix.entity(ix.name(p.name).entity);
    let sentence = fold(doc.slice(doc.sentences[w.words[i].sentence()].span));
    entity.context.iter().any(|c| c.chars().count() >= 5 && contains_phrase(&sentence, c))
}
