//! Places: the gazetteer (cities, capitals, news places, countries and demonyms per language) and
//! the place mentions of a story, for "where is this story from / about".
//!
//! Data: `lexicons/places/` (kinds `places`, `place-names`, `country-names`), generated from
//! GeoNames and CLDR by `lexicons/scripts/gazetteer.py`. Matching is on diacritic-folded keys
//! (`Khan Yunis` matches `Khān Yūnis`); spans are always the original text's.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Analysis, Case, Dateline, Document, Script};
use crate::flat::{Key, Records};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::span::Span;

pub use super::gazetteer::{Gazetteer, Target, key, key_into};

/// Longest key, in words.
const MAX_WORDS: usize = 6;

/// [`key`] of a word in running text, without a possessive (`Iran's`, `Philippines'`) or, in
/// Turkish, a case suffix after an apostrophe (`Türkiye'nin`, `İstanbul'da`), written into
/// `out` (cleared first) so that a loop reuses one buffer.
pub fn token_key_into(s: &str, lang: Option<&str>, out: &mut String) {
    if s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        // no apostrophe, so nothing to strip; `key_into`'s plain-word case (its ASCII lower
        // case), without testing the bytes a second time (#16)
        out.clear();
        out.push_str(s);
        out.make_ascii_lowercase();
        return;
    }
    let bare = s.strip_suffix(['\'', '’']).unwrap_or(s);
    let bare = ["'s", "’s", "'S", "’S"].iter().find_map(|p| bare.strip_suffix(p)).unwrap_or(bare);
    let bare = match (lang, bare.rfind(['\'', '’'])) {
        (Some("tr"), Some(i)) if bare[i..].chars().skip(1).all(char::is_lowercase) && bare[i..].chars().count() <= 6 => &bare[..i],
        _ => bare,
    };
    key_into(bare, out);
}

/// [`token_key_into`] of a token's text: a token of ASCII letters and digits lower-cased, its
/// bytes not tested again (#16).
#[inline]
fn token_key(text: &str, t: &super::Token, lang: Option<&str>, out: &mut String) {
    if t.is_ascii_alnum() {
        out.clear();
        out.push_str(text);
        out.make_ascii_lowercase();
    } else {
        token_key_into(text, lang, out);
    }
}

/// Does a word token start a key only in upper case: a word of a script without case, or a
/// capitalised one? (Other words start only lower-first keys and demonym stems.)
#[inline]
fn upper_start(t: &super::Token) -> bool {
    let cased = !matches!(t.script, Script::Han | Script::Arabic | Script::Kana | Script::Hebrew | Script::Thai | Script::None);
    !cased || t.is_capitalised()
}

/// The first token from `i` that [`Places::candidates_with`]'s filters do not turn away: every
/// token before it is no word, or (in copy without demonym stems, `lower`) a word of a cased
/// script, not capitalised, whose first byte and length no lower-first key has, or a word that
/// starts keys only in upper case ([`upper_start`]) of ASCII letters and digits, two or more,
/// that is no key's first word by the first-word filter. (#16: those tokens, most of the copy,
/// are read in a loop of their own that keeps its few values in registers; the loop with the
/// rest of the search spilled them. The skipped spans are not asked about them: the cursor's
/// answer for a later word does not depend on it.)
#[inline(never)]
fn skip_filtered(gaz: &Gazetteer, bytes: &[u8], tokens: &[super::Token], mut i: usize, lower: bool) -> usize {
    while let Some(t) = tokens.get(i) {
        if t.is_word() {
            let Some(word) = bytes.get(t.span.start..t.span.end) else { return i };
            let Some(&first) = word.first() else { return i };
            let turned_away = if upper_start(t) {
                t.is_ascii_alnum() && word.len() > 1 && !gaz.may_be_first(hash_lower_alnum(word))
            } else {
                lower
                    && ((first.is_ascii_lowercase() && !gaz.may_start_lower_first(first))
                        || (t.is_ascii_alnum()
                            && matches!(t.case, Case::Lower | Case::None)
                            && !gaz.may_be_lower_first_of(Some(first), word.len())))
            };
            if !turned_away {
                return i;
            }
        }
        i += 1;
    }
    i
}

/// [`crate::flat::hash`] of the ASCII lower case of a word of ASCII letters and digits, read from
/// the word as written: each byte's lower case is the byte with 0x20 set (digits have it), so
/// the words the hash reads are the written ones with 0x20 in every byte (#16: a capitalised
/// word is turned away by the first-word filter without copying it). A test holds it equal to
/// the hash of the lowered copy.
#[inline]
fn hash_lower_alnum(b: &[u8]) -> u64 {
    crate::flat::hash_or::<0x2020_2020_2020_2020>(b)
}

/// The gazetteer `build.rs` compiled from the embedded lexicons.
mod compiled {
    pub(super) static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/gazetteer.bin"));
    pub(super) static TEXT: &str = include_str!(concat!(env!("OUT_DIR"), "/gazetteer.txt"));
}

impl LexiconIndex for Gazetteer {
    /// The compiled gazetteer, or with the user's lexicons of its kinds, one built at run time.
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        if lexicons.embedded_only(super::gazetteer::KINDS) { Ok(Gazetteer::compiled()) } else { Gazetteer::built(lexicons) }
    }
}

impl Gazetteer {
    /// The gazetteer of the embedded lexicons, compiled in.
    pub fn compiled() -> Gazetteer {
        Gazetteer::new(crate::flat::Data::new(std::borrow::Cow::Borrowed(compiled::WORDS), std::borrow::Cow::Borrowed(compiled::TEXT)))
    }

    /// The English name of a country code (`PS` -> `Palestinian Territories`).
    pub fn country_name<'a>(&'a self, cc: &'a str) -> &'a str {
        self.country_index(cc).map(|i| self.country_names().get(i)).unwrap_or(cc)
    }

    fn country_of(&self, t: Target) -> &str {
        match t {
            Target::Place(i) => self.place(i).country,
            Target::Country(i) => self.countries().get(i as usize),
        }
    }

    /// Everything a written name may denote (any language), for a dateline.
    pub fn lookup(&self, name: &str) -> Vec<Target> {
        let mut out: Vec<Target> = Vec::new();
        if let Some(list) = self.entries(&key(name)) {
            for e in list.iter() {
                if e.exact.is_some_and(|x| x != name.trim()) {
                    continue;
                }
                if !out.contains(&e.target) {
                    out.push(e.target);
                }
            }
        }
        out
    }

    /// Resolves a dateline to a place and country. Ambiguous names (Tripoli LY/LB) are settled by
    /// the dateline's region ("TRIPOLI, Lebanon"), then by a clearly dominant candidate, then by
    /// the countries the story mentions; otherwise the country stays undecided.
    pub fn resolve_dateline(&self, d: &Dateline, story_countries: &BTreeMap<String, usize>) -> DatelinePlace {
        let mut cands: Vec<Target> = self.lookup(&d.city);
        // "KUWAIT CITY", "VATICAN CITY", "GAZA CITY" -> also try without "City"
        if cands.is_empty() {
            let k = key(&d.city);
            if let Some(stem) = k.strip_suffix(" city") {
                cands = self.lookup(stem);
            }
        }
        let region_cc: Option<String> = d.region.as_deref().and_then(|r| {
            let rc: Vec<&str> = self.lookup(r).into_iter().map(|t| self.country_of(t)).collect::<Vec<_>>();
            let first = *rc.first()?;
            rc.iter().all(|c| *c == first).then(|| first.to_string())
        });
        let mut countries: Vec<String> = Vec::new();
        for t in &cands {
            let c = self.country_of(*t).to_string();
            if !countries.contains(&c) {
                countries.push(c);
            }
        }
        let mut place = None;
        let country = if let Some(rc) = &region_cc {
            if countries.is_empty() || countries.contains(rc) { Some(rc.clone()) } else { None }
        } else if countries.len() == 1 {
            Some(countries[0].clone())
        } else if countries.len() > 1 {
            // a candidate that dwarfs the others wins outright (MADRID is Spain's even in a story
            // that names Colombia); otherwise the story's countries decide (TRIPOLI)
            let mentioned: Vec<&String> = countries.iter().filter(|c| story_countries.contains_key(*c)).collect();
            match self.dominant(&cands) {
                Some(c) => Some(c),
                None if mentioned.len() == 1 => Some(mentioned[0].clone()),
                None => None,
            }
        } else {
            None
        };
        if let Some(c) = &country {
            place = cands
                .iter()
                .filter_map(|t| if let Target::Place(i) = t { Some(*i) } else { None })
                .filter(|i| self.place(*i).country == *c)
                .max_by_key(|i| self.place(*i).population);
        }
        DatelinePlace {
            city: d.city.clone(),
            place: place.map(|i| self.place(i).name.to_string()),
            country: country.clone(),
            country_name: country.as_deref().map(|c| self.country_name(c).to_string()),
            candidates: if country.is_none() { countries } else { Vec::new() },
        }
    }

    /// A candidate that dwarfs the others (Alexandria EG over Alexandria US).
    fn dominant(&self, cands: &[Target]) -> Option<String> {
        let mut pops: Vec<(u64, bool, &str)> = cands
            .iter()
            .filter_map(|t| match t {
                Target::Place(i) => {
                    let p = self.place(*i);
                    Some((p.population, p.capital, p.country))
                }
                Target::Country(_) => None,
            })
            .collect();
        pops.sort_by_key(|p| std::cmp::Reverse(p.0));
        let (top, next) = (pops.first()?, pops.iter().find(|p| p.2 != pops[0].2)?);
        (top.0 >= 20 * next.0.max(1) && (top.1 || top.0 >= 1_000_000)).then(|| top.2.to_string())
    }
}

/// A resolved dateline (story metadata).
#[derive(Debug, Clone, Serialize)]
pub struct DatelinePlace {
    pub city: String,
    /// The gazetteer place it resolved to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub place: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country_name: Option<String>,
    /// Countries an ambiguous name could be in, when undecided.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<String>,
}

/// One place mention in headline or body.
#[derive(Debug, Clone)]
pub struct PlaceMention {
    pub span: Span,
    /// Country it is in (resolved; ambiguous mentions are left out).
    pub country: String,
    /// A city or region (`Some`) or a country / demonym (`None`).
    pub place: Option<u32>,
}

/// The places a story mentions (outside its dateline and outside outlet names).
#[derive(Debug, Default, Clone)]
pub struct Places {
    pub mentions: Vec<PlaceMention>,
}

impl Places {
    /// Mentions per country code.
    pub fn countries(&self) -> BTreeMap<String, usize> {
        let mut m = BTreeMap::new();
        for x in &self.mentions {
            *m.entry(x.country.clone()).or_insert(0) += 1;
        }
        m
    }

    /// The names of places in `span` (skipping `skip` spans), each with everything it may denote.
    #[cfg(test)]
    fn candidates(gaz: &Gazetteer, doc: &Document, span: Span, skip: &[Span]) -> Vec<(Span, Vec<Target>)> {
        Places::candidates_with(gaz, doc, span, &mut SkipCursor::new(skip), &mut KeyBuffers::default())
    }

    /// [`Places::candidates`] with the skipped spans as a cursor (read from its start) and the
    /// key buffers given: a story's headline and body share them (#16).
    fn candidates_with(
        gaz: &Gazetteer,
        doc: &Document,
        span: Span,
        skip: &mut SkipCursor,
        scratch: &mut KeyBuffers,
    ) -> Vec<(Span, Vec<Target>)> {
        let lang = doc.language;
        let tokens = doc.tokens_in(span);
        let mut pending: Vec<(Span, Vec<Target>)> = Vec::new();
        let mut i = 0;
        let stems = lang.and_then(|l| gaz.stems(l));
        skip.k = 0;
        let KeyBuffers { word: buf, longest: bufs } = scratch;
        while i < tokens.len() {
            // the words the filters turn away, skipped by their first byte, length or first-word
            // hash (`skip_filtered`): a lower-case word in copy without demonym stems starts a key
            // only if it may be a lower-first one (#17), and a capitalised word of ASCII letters
            // and digits only if it may be a key's first word, told on the hash of its lower case
            // read from the word as written, before its key is copied (#16: four in five
            // capitalised words; a one-letter word may open a dotted acronym)
            i = skip_filtered(gaz, doc.text.as_bytes(), tokens, i, stems.is_none());
            let Some(&t) = tokens.get(i) else { break };
            if skip.overlaps(t.span) {
                i += 1;
                continue;
            }
            // a word of lower-case ASCII letters and digits is its own key (#16: most words of
            // the copy, neither copied nor lowered)
            let plain = t.is_ascii_alnum() && matches!(t.case, Case::Lower | Case::None);
            i = Places::candidate_at(gaz, doc, tokens, i, (upper_start(&t), plain, stems), &mut pending, (buf, bufs));
        }
        pending
    }

    /// [`Places::candidates_with`] at a word its filters let through: the key or dotted acronym
    /// starting at token `i`, pushed to `pending`; the token to go on from. (Out of line: the
    /// loop over every token keeps its registers, #16.)
    #[inline(never)]
    fn candidate_at(
        gaz: &Gazetteer,
        doc: &Document,
        tokens: &[super::Token],
        i: usize,
        (upper_start, plain, stems): (bool, bool, Option<Records<'_, (usize, &str)>>),
        pending: &mut Vec<(Span, Vec<Target>)>,
        (buf, bufs): (&mut String, &mut (String, String)),
    ) -> usize {
        let t = tokens[i];
        let lang = doc.language;
        let text = doc.slice(t.span);
        let k0: &str = if plain {
            text
        } else {
            token_key(text, &t, lang, buf);
            buf
        };
        // a dotted acronym starts with one capital letter
        if text.len() == 1
            && text.as_bytes()[0].is_ascii_uppercase()
            && let Some((n, targets)) = gaz.dotted(doc, tokens, i)
        {
            pending.push((Span::new(t.span.start, tokens[i + n - 1].span.end), targets));
            return i + n;
        }
        // the first word's key, hashed once for every map it is looked up in
        let hash0 = crate::flat::hash(k0);
        let key0 = Key::hashed(k0, hash0);
        if upper_start || gaz.is_lower_first(key0) {
            if let Some((n, targets)) = gaz.longest(doc, tokens, i, (key0, hash0), lang, bufs) {
                let end = tokens[i + n - 1].span.end;
                pending.push((Span::new(t.span.start, end), targets));
                return i + n;
            }
        } else if let Some((ci, _)) = stems.and_then(|st| st.iter().find(|&(_, s)| k0.starts_with(s))) {
            pending.push((t.span, vec![Target::Country(ci as u16)]));
        }
        i + 1
    }

    /// The mentions of [`Places::candidates`]: ambiguous names resolved against the unambiguous
    /// countries of the story.
    fn resolve(gaz: &Gazetteer, pending: Vec<(Span, Vec<Target>)>) -> Places {
        // resolve ambiguous names against the unambiguous countries of the story
        // (the names of one country: every target's country is the first one's, #16)
        // (a story names a few countries: a list, not a hash set, #16)
        let mut sure: Vec<&str> = Vec::new();
        for (_, ts) in &pending {
            if let Some(&t0) = ts.first() {
                let c = gaz.country_of(t0);
                if ts[1..].iter().all(|t| gaz.country_of(*t) == c) && !sure.contains(&c) {
                    sure.push(c);
                }
            }
        }
        let mut mentions = Vec::with_capacity(pending.len());
        for (span, ts) in pending {
            // (most names are of one country: told without the sorted list, #16)
            let c0 = ts.first().map(|&t| gaz.country_of(t));
            let one = c0.filter(|&c| ts[1..].iter().all(|&t| gaz.country_of(t) == c));
            let cs: Vec<&str> = if one.is_some() {
                Vec::new()
            } else {
                let mut v: Vec<&str> = ts.iter().map(|t| gaz.country_of(*t)).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let country = if let Some(c) = one {
                Some(c.to_string())
            } else if cs.len() == 1 {
                Some(cs[0].to_string())
            } else {
                let hits: Vec<&&str> = cs.iter().filter(|c| sure.contains(*c)).collect();
                if hits.len() == 1 { Some(hits[0].to_string()) } else { gaz.dominant(&ts) }
            };
            if let Some(country) = country {
                let place = ts.iter().find_map(|t| match t {
                    Target::Place(p) if gaz.place(*p).country == country => Some(*p),
                    _ => None,
                });
                let place = if ts.iter().any(|t| matches!(t, Target::Country(_))) { None } else { place };
                mentions.push(PlaceMention { span, country, place });
            }
        }
        Places { mentions }
    }
}

impl Gazetteer {
    /// A dotted acronym starting at token `i` (`U.S.`, `U.K.`, `U.A.E.`): its tokens, letters and
    /// periods, and the places it names.
    fn dotted(&self, doc: &Document, tokens: &[super::Token], i: usize) -> Option<(usize, Vec<Target>)> {
        let mut n = 0;
        while let (Some(l), Some(dot)) = (tokens.get(i + n), tokens.get(i + n + 1)) {
            let one_capital = l.is_word() && l.span.len() == 1 && doc.slice(l.span).chars().all(|c| c.is_ascii_uppercase());
            if !one_capital || doc.slice(dot.span) != "." || dot.span.start != l.span.end {
                break;
            }
            n += 2;
        }
        if n < 4 {
            return None;
        }
        let original = &doc.text[tokens[i].span.start..tokens[i + n - 1].span.end];
        let list = self.entries(&key(original))?;
        let ts: Vec<Target> = list.iter().filter(|e| e.exact == Some(original)).map(|e| e.target).collect();
        (!ts.is_empty()).then_some((n, ts))
    }

    /// The longest key starting at token `i`: (token count, targets usable in this language).
    fn longest(
        &self,
        doc: &Document,
        tokens: &[super::Token],
        i: usize,
        (k0, hash0): (Key<'_>, u64),
        lang: Option<&str>,
        (k, nk): &mut (String, String),
    ) -> Option<(usize, Vec<Target>)> {
        // a one-word key is the first word of a key (#17: most capitalised words are neither,
        // and are not looked up as a key)
        // (the filter first: most capitalised words are no first word, told without the map)
        let first = self.may_be_first(hash0) && self.is_first(k0);
        // a key of ASCII letters and digits holds no space (#16: the test read every
        // capitalised word that is no first word)
        if !first && (tokens[i].is_ascii_alnum() || !k0.text().contains(' ')) {
            return None;
        }
        let mut best = None;
        // the key of the first n words: k0 itself for one word, else built in `k`
        k.clear();
        let mut n = 1;
        // the hash of the key of the first n words, for `may_continue`
        let mut hash_n = hash0;
        loop {
            let key = if n == 1 {
                k0
            } else {
                hash_n = crate::flat::hash(k);
                Key::hashed(k, hash_n)
            };
            if let Some(list) = self.entries_of(key) {
                let original = &doc.text[tokens[i].span.start..tokens[i + n - 1].span.end];
                let ts: Vec<Target> = list
                    .iter()
                    .filter(|e| e.lang.is_none() || lang.is_none() || e.lang == lang)
                    .filter(|e| e.exact.is_none_or(|x| x == original))
                    .filter(|e| !matches!(e.target, Target::Place(p) if self.place(p).common))
                    .map(|e| e.target)
                    .collect();
                if !ts.is_empty() {
                    best = Some((n, ts));
                }
            }
            if n == 1 && !first {
                break;
            }
            if n >= MAX_WORDS || i + n >= tokens.len() {
                break;
            }
            let (prev, next) = (tokens[i + n - 1], tokens[i + n]);
            let gap = &doc.text[prev.span.end..next.span.start];
            let joiner = if gap.is_empty() {
                ""
            } else if gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}') {
                // every key of more words starts with this one's and a space: none does (#17:
                // `Jakarta said`, `The minister` were looked up to six words)
                if !self.may_continue(hash_n) {
                    break;
                }
                " "
            } else {
                break;
            };
            if !next.is_word() {
                break;
            }
            token_key(doc.slice(next.span), &next, lang, nk);
            if nk.is_empty() {
                break;
            }
            if n == 1 {
                k.push_str(k0.text());
            }
            if !joiner.is_empty() {
                k.push(' ');
            }
            k.push_str(nk);
            n += 1;
        }
        best
    }
}

/// The key buffers of [`Places::candidates_with`]: a word's key, and the keys of
/// [`Gazetteer::longest`]; sized once, not grown word by word (#16).
struct KeyBuffers {
    word: String,
    longest: (String, String),
}

impl Default for KeyBuffers {
    fn default() -> Self {
        KeyBuffers { word: String::with_capacity(64), longest: (String::with_capacity(64), String::with_capacity(64)) }
    }
}

/// `SpanSet::overlaps` for spans in increasing order (of start and of end, as the tokens of a
/// text are): a cursor over the skipped spans sorted by start, with the running maximum of their
/// ends (#17).
struct SkipCursor {
    spans: Vec<Span>,
    max_end: Vec<usize>,
    /// The number of spans that start before the last span asked about ends.
    k: usize,
}

impl SkipCursor {
    fn new(skip: &[Span]) -> SkipCursor {
        let mut spans = skip.to_vec();
        spans.sort_unstable();
        let max_end = spans
            .iter()
            .scan(0, |m, s| {
                *m = s.end.max(*m);
                Some(*m)
            })
            .collect();
        SkipCursor { spans, max_end, k: 0 }
    }

    /// Does a skipped span overlap `span` (whose end is no less than the last one's)?
    #[inline]
    fn overlaps(&mut self, span: Span) -> bool {
        while self.k < self.spans.len() && self.spans[self.k].start < span.end {
            self.k += 1;
        }
        self.k > 0 && self.max_end[self.k - 1] > span.start
    }
}

/// The story's places as a shared analysis: headline and body after the dateline, outlet names
/// ("Jakarta Post", "Arab News") left out.
#[derive(Debug)]
pub struct StoryPlaces(pub Places);

impl Analysis for StoryPlaces {
    fn compute(doc: &Document, lex: &Lexicons) -> Self {
        let Ok(gaz) = lex.index::<Gazetteer>() else { return StoryPlaces(Places::default()) };
        let attr = doc.analysis::<super::attribution::Attributions>(lex);
        let skip: Vec<Span> = attr.outlets.iter().map(|o| o.span).chain(doc.dateline.as_ref().map(|d| d.span)).collect();
        // (one cursor and one set of key buffers for the headline and the body)
        let (mut cursor, mut keys) = (SkipCursor::new(&skip), KeyBuffers::default());
        let mut find = |span| Places::resolve(&gaz, Places::candidates_with(&gaz, doc, span, &mut cursor, &mut keys));
        let mut places = Places::default();
        if let Some(h) = doc.headline {
            places.mentions.extend(find(h).mentions);
        }
        places.mentions.extend(find(doc.body_after_dateline()).mentions);
        StoryPlaces(places)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lower_case_hash_is_the_hash_of_the_lowered_copy() {
        let mut words: Vec<String> = Vec::new();
        for t in crate::document::test_texts() {
            words.extend(t.split(|c: char| !c.is_ascii_alphanumeric()).filter(|w| !w.is_empty()).map(str::to_string));
        }
        let mut rng = crate::document::TestRng::new();
        let alphabet = b"AZaz09Mq5Ww";
        for n in 1..40 {
            for _ in 0..50 {
                words.push((0..n).map(|_| char::from(alphabet[(rng.next_u64() % alphabet.len() as u64) as usize])).collect());
            }
        }
        assert!(words.len() > 2000);
        for w in &words {
            assert_eq!(hash_lower_alnum(w.as_bytes()), crate::flat::hash(&w.to_ascii_lowercase()), "{w:?}");
        }
    }

    #[test]
    fn plain_words_are_keyed_as_key_into_keys_them() {
        let (mut a, mut b) = (String::new(), String::new());
        for t in crate::document::test_texts() {
            for w in t.split(|c: char| !c.is_alphanumeric()).filter(|w| w.bytes().all(|b| b.is_ascii_alphanumeric())) {
                token_key_into(w, Some("en"), &mut a);
                key_into(w, &mut b);
                assert_eq!(a, b, "{w:?}");
            }
        }
    }
}

/// The place search as it was before #17, to hold the faster one equal to it.
#[cfg(test)]
mod reference {
    use super::*;

    /// [`Places::candidates`] as it was: every word keyed and hashed, skipped spans searched.
    pub(super) fn candidates(gaz: &Gazetteer, doc: &Document, span: Span, skip: &[Span]) -> Vec<(Span, Vec<Target>)> {
        let lang = doc.language;
        let tokens = doc.tokens_in(span);
        let mut pending: Vec<(Span, Vec<Target>)> = Vec::new();
        let mut i = 0;
        let stems = lang.and_then(|l| gaz.stems(l));
        let skip = crate::span::SpanSet::new(skip.iter().copied());
        let mut buf = String::new();
        let mut bufs = (String::new(), String::new());
        while i < tokens.len() {
            let t = tokens[i];
            if !t.is_word() || skip.overlaps(t.span) {
                i += 1;
                continue;
            }
            let text = doc.slice(t.span);
            let k0: &str = if text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()) {
                text
            } else {
                token_key_into(text, lang, &mut buf);
                &buf
            };
            let cased = !matches!(t.script, Script::Han | Script::Arabic | Script::Kana | Script::Hebrew | Script::Thai | Script::None);
            let upper_start = !cased || t.is_capitalised();
            if text.len() == 1
                && text.as_bytes()[0].is_ascii_uppercase()
                && let Some((n, targets)) = gaz.dotted(doc, tokens, i)
            {
                pending.push((Span::new(t.span.start, tokens[i + n - 1].span.end), targets));
                i += n;
                continue;
            }
            let key0 = Key::new(k0);
            if upper_start || gaz.is_lower_first(key0) {
                if let Some((n, targets)) = gaz.longest_old(doc, tokens, i, key0, lang, &mut bufs) {
                    let end = tokens[i + n - 1].span.end;
                    pending.push((Span::new(t.span.start, end), targets));
                    i += n;
                    continue;
                }
            } else if let Some((ci, _)) = stems.and_then(|st| st.iter().find(|&(_, s)| k0.starts_with(s))) {
                pending.push((t.span, vec![Target::Country(ci as u16)]));
            }
            i += 1;
        }
        pending
    }

    impl Gazetteer {
        /// The longest key starting at token `i`: (token count, targets usable in this language).
        fn longest_old(
            &self,
            doc: &Document,
            tokens: &[crate::document::Token],
            i: usize,
            k0: Key<'_>,
            lang: Option<&str>,
            (k, nk): &mut (String, String),
        ) -> Option<(usize, Vec<Target>)> {
            let mut best = None;
            // the key of the first n words: k0 itself for one word, else built in `k`
            k.clear();
            let mut n = 1;
            loop {
                let key = if n == 1 { k0 } else { Key::new(k) };
                if let Some(list) = self.entries_of(key) {
                    let original = &doc.text[tokens[i].span.start..tokens[i + n - 1].span.end];
                    let ts: Vec<Target> = list
                        .iter()
                        .filter(|e| e.lang.is_none() || lang.is_none() || e.lang == lang)
                        .filter(|e| e.exact.is_none_or(|x| x == original))
                        .filter(|e| !matches!(e.target, Target::Place(p) if self.place(p).common))
                        .map(|e| e.target)
                        .collect();
                    if !ts.is_empty() {
                        best = Some((n, ts));
                    }
                }
                if n == 1 && !self.is_first(k0) {
                    break;
                }
                if n >= MAX_WORDS || i + n >= tokens.len() {
                    break;
                }
                let (prev, next) = (tokens[i + n - 1], tokens[i + n]);
                let gap = &doc.text[prev.span.end..next.span.start];
                let joiner = if gap.is_empty() {
                    ""
                } else if gap.chars().all(|c| c == ' ' || c == '-' || c == '\u{a0}') {
                    " "
                } else {
                    break;
                };
                if !next.is_word() {
                    break;
                }
                token_key_into(doc.slice(next.span), lang, nk);
                if nk.is_empty() {
                    break;
                }
                if n == 1 {
                    k.push_str(k0.text());
                }
                if !joiner.is_empty() {
                    k.push(' ');
                }
                k.push_str(nk);
                n += 1;
            }
            best
        }
    }
}

#[cfg(test)]
mod equivalence {
    use super::*;
    use crate::document::AnalyseOptions;

    /// Texts whose places are searched: the test texts, and place names of every kind written
    /// the ways copy writes them (lower-first keys, multi-word keys cut short, joined by hyphens).
    fn texts() -> Vec<String> {
        let mut texts = crate::document::test_texts();
        texts.push(
            "Troops left the bande de Gaza and the сектор Газа. New York City and New York state, \
             New Delhi-based firms, the Gaza Strip, al-Quds, ash-Sham, eswatini, U.S. and U.A.E. \
             officials; Kuala Lumpur, Rio de Janeiro, São Paulo, Khān Yūnis, Tel Aviv-Yafo. \
             Palästinensische, palestiniens, palestinos, rusos. 北京 上海"
                .to_string(),
        );
        texts
    }

    #[test]
    fn places_are_found_as_before() {
        let gaz = Gazetteer::compiled();
        let mut docs = 0;
        for t in texts() {
            for language in [None, Some("en"), Some("fr"), Some("es"), Some("de"), Some("ru"), Some("tr"), Some("zh")] {
                let opts = AnalyseOptions { language: language.map(str::to_string), ..Default::default() };
                let doc = Document::from_text("t.txt", &t, &opts);
                let all = Span::new(0, doc.text.len());
                // no skipped spans; every fifth word skipped; and the spans the story skips
                let every_fifth: Vec<Span> = doc.tokens.iter().filter(|t| t.is_word()).step_by(5).map(|t| t.span).collect();
                let wide: Vec<Span> = every_fifth.windows(2).step_by(3).map(|w| Span::new(w[0].start, w[1].end)).collect();
                for skip in [&[][..], &every_fifth, &wide, doc.dateline.as_ref().map(|d| std::slice::from_ref(&d.span)).unwrap_or(&[])] {
                    assert_eq!(
                        Places::candidates(&gaz, &doc, all, skip),
                        reference::candidates(&gaz, &doc, all, skip),
                        "{language:?} {t:?}"
                    );
                }
                docs += 1;
            }
        }
        assert!(docs > 100);
    }

    #[test]
    fn the_gates_pass_every_key() {
        let gaz = Gazetteer::compiled();
        for first in ["bande", "сектор", "al", "ash", "eswatini"] {
            assert_eq!(gaz.is_lower_first(Key::new(first)), gaz.may_be_lower_first(first) && gaz.is_lower_first(Key::new(first)));
        }
        for (prefix, key) in
            [("new", "new york"), ("new york", "new york city"), ("rio de", "rio de janeiro"), ("bande de", "bande de gaza")]
        {
            if gaz.entries(key).is_some() {
                assert!(gaz.may_continue(crate::flat::hash(prefix)), "{prefix}");
            }
        }
        assert!(!gaz.may_continue(crate::flat::hash("jakarta said")));
    }
}
