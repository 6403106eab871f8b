//! Short text with no function word to go by: an image's alt text, a CMS field label, a menu item
//! or a button left in another language (`Bandera inglesa` and `Imagen principal:` in English
//! copy, `Updated on:` in Indonesian copy), and lower-case words written in letters that only
//! another language uses (`ảnh 1` glued into an English caption).
//!
//! The evidence is the common vocabulary of each Latin-script language
//! (`lexicons/language/vocabulary.mul.tsv`, from wordfreq): a segment counts when every word in
//! it is common in one other language, none is a word of the copy language alone, and it is not
//! a name (some word other than a particle between capitalised words is lower case).

use std::borrow::Cow;

use super::vocabulary::{self, BuiltVocabulary};
use super::{META, Scan, clip};
use crate::document::{Case, Script, TokenKind, language};
use crate::finding::{Confidence, Finding};
use crate::flat::{Data, MapHead};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::Output;
use crate::span::Span;
use crate::text;

/// A segment has at most this many words (a caption line, a label, a button).
const SEGMENT_MAX_WORDS: usize = 6;
/// One foreign word of at least this many letters: `on`, `la`, `de` alone say little.
const SEGMENT_MIN_LETTERS: usize = 4;

/// Common words per language, from `vocabulary` lexicons: a bit per language
/// ([`BuiltVocabulary`] frozen, read in place: compiled in for the embedded lexicons).
pub struct Vocabulary {
    langs: Vec<String>,
    data: Data,
    /// Lower-case words and their languages.
    words: MapHead,
}

impl Vocabulary {
    fn bit(&self, lang: &str) -> Option<u32> {
        self.langs.iter().position(|l| l == lang).map(|i| 1 << i)
    }

    /// The languages (bit mask) whose names of places and people are made of their common words
    /// (`Binh Dinh`, `Tanah Abang`): a Title Case line of theirs reads as a name, not a heading.
    fn name_syllable_langs(&self) -> u32 {
        ["vi", "id", "ms"].iter().filter_map(|l| self.bit(l)).fold(0, |m, b| m | b)
    }

    /// The languages (bit mask) in which a lower-cased word is common; 0 when none.
    fn mask(&self, lower: &str) -> u32 {
        self.data.view().map_at::<u32>(self.words).get(lower).unwrap_or(0)
    }

    /// The names of the languages of a mask, `Spanish or Portuguese`.
    fn names(&self, mask: u32) -> String {
        let names: Vec<&str> =
            self.langs.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, l)| language::name_of(l)).collect();
        names.join(" or ")
    }

    /// The table compiled in by `build.rs` from the embedded lexicons.
    fn compiled() -> Data {
        Data::new(
            Cow::Borrowed(include_bytes!(concat!(env!("OUT_DIR"), "/vocabulary.bin"))),
            Cow::Borrowed(include_str!(concat!(env!("OUT_DIR"), "/vocabulary.txt"))),
        )
    }

    fn read(data: Data) -> Vocabulary {
        let root = data.root();
        let view = data.view();
        let langs = view.strs(root[0]).iter().map(str::to_string).collect();
        let words = view.head(root[1]);
        Vocabulary { langs, data, words }
    }
}

impl LexiconIndex for Vocabulary {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let data = if lexicons.embedded_only(vocabulary::KINDS) {
            Vocabulary::compiled()
        } else {
            let (words, text) = BuiltVocabulary::build(lexicons)?.freeze();
            Data::new(Cow::Owned(words), Cow::Owned(text))
        };
        Ok(Vocabulary::read(data))
    }
}

/// The lines of `text` with their offsets, each with its `\n` (`str::split_inclusive('\n')`),
/// found by `memchr` (#16: the split read every byte of the story in core's byte search).
fn lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let bytes = text.as_bytes();
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= bytes.len() {
            return None;
        }
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |k| start + k + 1);
        let line = (start, &text[start..end]);
        start = end;
        Some(line)
    })
}

/// Letters no Latin-script copy language but the one that owns them writes: Vietnamese tone and
/// vowel marks, Turkish dotless `ı` and `ğ`.
fn marked(c: char) -> bool {
    matches!(c, '\u{1EA0}'..='\u{1EF9}' | 'ơ' | 'ư' | 'đ' | 'ă' | 'ı' | 'ğ')
}

/// How a word of a segment reads.
enum Word {
    /// Common in other languages, not in the copy language.
    Foreign,
    /// Common in the copy language and in others (mask of the others).
    Shared(u32),
}

impl Scan<'_> {
    /// Short segments (a line, or a part of a line between `·`, `|`, `•`) of two to six words,
    /// every one of them a common word of one other language.
    /// `vocab` builds the vocabulary index on first call: most stories have no segment to read.
    /// `places` gives the story's place mentions (found on first call): a Title Case line that
    /// names a place (`Buenos Aires`) is no heading.
    pub(super) fn short_segments<'v, 'p>(
        &self,
        vocab: impl Fn() -> Option<&'v Vocabulary>,
        places: impl Fn() -> &'p [Span],
        taken: &[Span],
        out: &mut Output,
    ) {
        if self.copy_script != Script::Latin {
            return;
        }
        let doc = self.doc;
        let dateline = doc.dateline.as_ref().map(|d| d.span);
        for (start, line) in lines(&doc.text) {
            let line_span = Span::new(start, start + line.trim_end().len());
            if line_span.is_empty() || dateline.is_some_and(|d| d.overlaps(line_span)) {
                continue;
            }
            let mut seg_start = line_span.start;
            let text = doc.slice(line_span);
            // separators ` · `, ` | `, ` • `: (offset of the space before, length), found by the
            // last byte of `|`, `·` (C2 B7) and `•` (E2 80 A2)
            let bytes = text.as_bytes();
            let cuts = memchr::memchr3_iter(b'|', 0xB7, 0xA2, bytes).filter_map(|k| {
                let sep = match bytes[k] {
                    b'|' => k,
                    0xB7 if k >= 1 && bytes[k - 1] == 0xC2 => k - 1,
                    0xA2 if k >= 2 && bytes[k - 2..k] == [0xE2, 0x80] => k - 2,
                    _ => return None,
                };
                // `then`, not `then_some`: the offset is only defined once `sep >= 1` holds
                (sep >= 1 && bytes[sep - 1] == b' ' && bytes.get(k + 1) == Some(&b' ')).then(|| (line_span.start + sep - 1, k + 3 - sep))
            });
            for (cut, len) in cuts.chain([(line_span.end, 0)]) {
                let seg = Span::new(seg_start, cut);
                seg_start = (cut + len).min(line_span.end);
                if taken.iter().any(|t| t.overlaps(seg)) {
                    continue;
                }
                if !self.segment_candidate(seg) {
                    continue;
                }
                let Some(vocab) = vocab() else { return };
                let Some(copy_bit) = vocab.bit(self.copy) else { return };
                if let Some(f) = self.segment(seg, vocab, copy_bit, &places) {
                    out.push(f);
                }
            }
        }
    }

    /// Cheap test before the vocabulary is read: two to six Latin-script words outside
    /// parentheses and loan phrases, none a function word of the copy language.
    fn segment_candidate(&self, seg: Span) -> bool {
        let toks = &self.doc.tokens;
        let lo = toks.partition_point(|t| t.span.start < seg.start);
        let hi = toks.partition_point(|t| t.span.end <= seg.end).max(lo);
        let mut words = 0;
        for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if t.kind != TokenKind::Word {
                continue;
            }
            words += 1;
            let c = self.ctx[i];
            if words > SEGMENT_MAX_WORDS || t.script != Script::Latin || c.paren || c.loan {
                return false;
            }
            let (fw, _) = self.class(i);
            if self.copy_bit.is_some_and(|b| fw & (1 << b) != 0) {
                return false;
            }
        }
        words >= 2
    }

    fn segment<'p>(&self, seg: Span, vocab: &Vocabulary, copy_bit: u32, places: &impl Fn() -> &'p [Span]) -> Option<Finding> {
        let toks = &self.doc.tokens;
        let lo = toks.partition_point(|t| t.span.start < seg.start);
        let hi = toks.partition_point(|t| t.span.end <= seg.end).max(lo);
        let mut buf = self.buf.borrow_mut();
        let mut words = Vec::new();
        let mut lower_word = false;
        let mut first = true;
        let mut long = false;
        let mut cand = u32::MAX;
        let mut foreign = 0;
        // every word capitalised, none all capitals, no figure (`Artículos Relacionados`,
        // `İngilizce Haberleri`): a heading, unless it names something
        let mut title = true;
        for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if t.kind != TokenKind::Word {
                // (a heading has no figures: `Wednesday, August 5` is a date line)
                title &= t.kind != TokenKind::Number;
                continue;
            }
            // Latin script, outside parentheses and loan phrases, no copy function word:
            // `segment_candidate` has checked. A word of a known place's name is the place's,
            // not a language's (`KUALA LUMPUR, Jan 10:` is a dateline, not two Malay words)
            if places().iter().any(|p| p.start <= t.span.start && t.span.end <= p.end) {
                continue;
            }
            buf.clear();
            text::push_lower(&mut buf, self.doc.slice(t.span));
            let mask = vocab.mask(&buf);
            let w = if mask == 0 || mask == copy_bit {
                return None;
            } else if mask & copy_bit != 0 {
                Word::Shared(mask & !copy_bit)
            } else {
                foreign += 1;
                cand &= mask;
                long |= buf.chars().count() >= SEGMENT_MIN_LETTERS;
                Word::Foreign
            };
            title &= t.case == Case::Title;
            if t.case == Case::Lower && !first && !self.between_names(i, lo, hi) {
                lower_word = true;
            }
            first = false;
            words.push(w);
        }
        drop(buf);
        let label = self.doc.slice(seg).trim_end().ends_with(':');
        // a Title Case line reads as a name (`Rio de Janeiro`, `Casa Rosada`) unless it is a
        // heading whose every word is a common word of the other language and of no name: a
        // related-links or section heading left in the source's language. In Vietnamese,
        // Indonesian and Malay the names themselves are common words (`Binh Dinh`, `Tanah Abang`)
        let heading = title
            && foreign == words.len()
            && !lower_word
            && cand & !vocab.name_syllable_langs() != 0
            && !self.named_elsewhere(seg)
            && !places().iter().any(|p| p.overlaps(seg));
        if words.len() < 2 || words.len() > SEGMENT_MAX_WORDS || foreign == 0 || !long || !(lower_word || label || heading) {
            return None;
        }
        for w in &words {
            if let Word::Shared(m) = w {
                cand &= m;
            }
        }
        let shared = words.len() - foreign;
        if cand == 0 || foreign < shared {
            return None;
        }
        let span = trim_span(self.doc, lo, hi)?;
        let confidence = if foreign >= 2 || label { Confidence::Medium } else { Confidence::Low };
        let names = vocab.names(cand);
        let copy_name = language::name_of(self.copy);
        let msg = format!(
            "`{}` is {names}, not {copy_name}: a line of {} words that are all common {names} words{}; a caption, label or menu item left untranslated. Translate it or remove it",
            clip(self.doc.slice(span)),
            words.len(),
            if shared > 0 { format!(" ({shared} also {copy_name})") } else { String::new() },
        );
        Some(Finding::new(&META, span, confidence, msg))
    }

    /// Does the story's text use the words of `seg` again elsewhere (`... won the Copa
    /// Libertadores on Saturday` under a `Copa Libertadores` line)? Then the line names something.
    fn named_elsewhere(&self, seg: Span) -> bool {
        let text = &self.doc.text;
        let words = self.doc.slice(seg).trim_end_matches(|c: char| !c.is_alphanumeric());
        let finder = memchr::memmem::Finder::new(words.as_bytes());
        finder.find_iter(text.as_bytes()).any(|at| at != seg.start)
    }

    /// Lower-case words in letters only another language writes (`ảnh` in an English caption),
    /// when that language uses the word commonly: the run of such words is reported.
    pub(super) fn marked_words<'v>(&self, vocab: impl Fn() -> Option<&'v Vocabulary>, taken: &[Span], out: &mut Output) {
        // (in an ASCII story no word is written in such letters, #16)
        if self.copy_script != Script::Latin || self.ascii {
            return;
        }
        let own = language::own_letters(self.copy);
        let toks = &self.doc.tokens;
        let mut buf = String::new();
        let mut i = 0;
        while i < toks.len() {
            let t = &toks[i];
            let c = self.ctx[i];
            // (the word is read only when the token's flags leave it a candidate)
            let candidate = t.is_word() && t.case == Case::Lower && !c.paren && !c.short_quote && !c.loan && {
                let word = self.doc.slice(t.span);
                !word.is_ascii() && word.chars().any(|ch| marked(ch) && !super::own_has(own, ch))
            };
            if !candidate || taken.iter().any(|s| s.overlaps(t.span)) {
                i += 1;
                continue;
            }
            let word = self.doc.slice(t.span);
            let Some(vocab) = vocab() else { return };
            let Some(copy_bit) = vocab.bit(self.copy) else { return };
            buf.clear();
            buf.extend(word.chars().flat_map(char::to_lowercase));
            let mask = vocab.mask(&buf);
            if mask == 0 || mask & copy_bit != 0 {
                i += 1;
                continue;
            }
            // the run: following lower-case words of the same language
            let mut last = i;
            let mut j = i + 1;
            while j < toks.len() && toks[j].is_word() && toks[j].case == Case::Lower {
                buf.clear();
                buf.extend(self.doc.slice(toks[j].span).chars().flat_map(char::to_lowercase));
                let m = vocab.mask(&buf);
                if m & mask == 0 || m & copy_bit != 0 {
                    break;
                }
                last = j;
                j += 1;
            }
            let span = Span::new(t.span.start, toks[last].span.end);
            let lang = vocab.names(mask);
            let copy_name = language::name_of(self.copy);
            let msg = format!(
                "`{}` is {lang}, written in letters {copy_name} does not use, inside {copy_name} copy: a word left untranslated (often an image's alt text glued to its caption). Translate it or remove it",
                clip(self.doc.slice(span))
            );
            out.push(Finding::new(&META, span, Confidence::Medium, msg));
            i = last + 1;
        }
    }
}

/// The segment from its first to its last word (a label keeps its colon).
fn trim_span(doc: &crate::document::Document, lo: usize, hi: usize) -> Option<Span> {
    let toks = &doc.tokens;
    let first = (lo..hi).find(|&k| toks[k].is_word())?;
    let mut last = (lo..hi).rev().find(|&k| toks[k].is_word())?;
    if last + 1 < hi && doc.slice(toks[last + 1].span) == ":" {
        last += 1;
    }
    Some(Span::new(toks[first].span.start, toks[last].span.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rustc_hash::FxHashMap as HashMap;

    /// [`lines`] gives the pieces and offsets of `split_inclusive('\n')` (generated texts of
    /// newlines, spaces, letters and multi-byte chars, empty ones and ones ending in `\n`).
    #[test]
    fn lines_equal_split_inclusive() {
        const PIECES: &[&str] = &["\n", "\n\n", " ", "a", "Ab", "\r\n", "é", "·", "\u{a0}", "ảnh", "\n "];
        let mut rng = text::TestRng::new();
        for _ in 0..5000 {
            let n = (rng.next_u64() % 24) as usize;
            let text: String = (0..n).map(|_| PIECES[(rng.next_u64() % PIECES.len() as u64) as usize]).collect();
            let mut start = 0;
            let want: Vec<(usize, &str)> = text
                .split_inclusive('\n')
                .map(|l| {
                    start += l.len();
                    (start - l.len(), l)
                })
                .collect();
            assert_eq!(lines(&text).collect::<Vec<_>>(), want, "{text:?}");
        }
    }

    #[test]
    fn vocabulary_is_built_as_row_by_row() {
        // the masks of each language list read once give the index the rows gave one by one
        let lexicons = Lexicons::embedded();
        let built = lexicons.index::<Vocabulary>().unwrap();
        let (mut langs, mut words): (Vec<String>, HashMap<String, u32>) = (Vec::new(), HashMap::default());
        for file in lexicons.of_kind("vocabulary") {
            let (word, list) = (file.require("word").unwrap(), file.require("langs").unwrap());
            for row in &file.rows {
                let mut mask = 0u32;
                for l in row.list(list) {
                    let i = langs.iter().position(|x| x == l).unwrap_or_else(|| {
                        langs.push(l.to_string());
                        langs.len() - 1
                    });
                    mask |= 1 << i;
                }
                let Some(w) = row.fields.get(word) else { continue };
                let key = if w.chars().any(char::is_uppercase) { w.to_lowercase() } else { w.to_string() };
                *words.entry(key).or_default() |= mask;
            }
        }
        assert_eq!(built.langs, langs);
        assert_eq!(built.data.view().map_at::<u32>(built.words).len(), words.len());
        assert!(words.iter().all(|(w, m)| built.mask(w) == *m));
    }

    #[test]
    fn compiled_vocabulary_is_the_run_time_build() {
        // the table build.rs compiled in is the one the crate builds and freezes from the same lexicons
        let (words, text) = BuiltVocabulary::build(Lexicons::embedded()).unwrap().freeze();
        assert_eq!(Vocabulary::compiled().parts(), (&words[..], text.as_str()));
        assert!(Lexicons::embedded().embedded_only(vocabulary::KINDS));
    }
}
