//! Source-language abbreviations of institutions, offices and ranks left unexplained in copy of
//! another language: `TNI`, `Polri`, `Kombes` in English copy translated from Indonesian. The
//! first use is reported, with the English name from the lexicon, unless the story explains
//! the abbreviation somewhere: in or before parentheses (`the Indonesian Military (TNI)`,
//! `TNI (Indonesian Military)`), or by one of its English names.

use rustc_hash::FxHashMap as HashMap;

use super::{META, Scan, at_word_boundary};
use crate::document::{Case, language};
use crate::finding::{Applicability, Confidence, Finding};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::Output;
use crate::span::Span;

struct Entry {
    lang: String,
    expansion: String,
    english: String,
    /// Lower-cased English names whose presence explains the abbreviation.
    glosses: Vec<String>,
    /// Words one of which the story must contain (the source country, its capital), each as
    /// written and in capitals (a `JAKARTA, March 3` dateline).
    context: Vec<String>,
}

/// Abbreviations by their exact form, from `abbreviations` lexicons.
pub struct Abbreviations {
    by_form: HashMap<String, Entry>,
    /// By first byte, the byte lengths of the forms (a bit per length, the last for 63 or
    /// more): most words (every lower-case one, and most capitalised ones) are no form, and are
    /// told so without a hash (#16: by first byte and longest length alone, every capitalised
    /// word of a form's first letter was hashed).
    lengths: [u64; 256],
    /// Every form starts with an ASCII upper-case letter: a lower-case word (whose first byte is
    /// none) is no form, told by its case without reading its bytes (#16).
    capitalised: bool,
}

impl Abbreviations {
    /// May a word of this first byte and length be a form?
    #[inline]
    fn may_be(&self, first: u8, len: usize) -> bool {
        self.lengths[first as usize] & length_bit(len) != 0
    }
}

/// The bit of a byte length in [`Abbreviations::lengths`].
#[inline]
fn length_bit(len: usize) -> u64 {
    1u64 << len.min(63)
}

impl LexiconIndex for Abbreviations {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut by_form = HashMap::default();
        for file in lexicons.of_kind("abbreviations") {
            let (abbr, expansion, english, glosses, context) = (
                file.require("abbr")?,
                file.require("expansion")?,
                file.require("english")?,
                file.require("glosses")?,
                file.require("context")?,
            );
            for row in &file.rows {
                let mut g: Vec<String> = row.list(glosses).map(str::to_lowercase).collect();
                g.push(row.get(english).to_lowercase());
                by_form.insert(
                    row.get(abbr).to_string(),
                    Entry {
                        lang: file.lang.clone(),
                        expansion: row.get(expansion).to_string(),
                        english: row.get(english).to_string(),
                        glosses: g,
                        context: row.list(context).flat_map(|c| [c.to_string(), c.to_uppercase()]).collect(),
                    },
                );
            }
        }
        // (the empty form, a row without one, is never a token)
        let mut lengths = [0u64; 256];
        for form in by_form.keys() {
            if let Some(&b) = form.as_bytes().first() {
                lengths[b as usize] |= length_bit(form.len());
            }
        }
        let capitalised = by_form.keys().all(|f| f.as_bytes().first().is_some_and(u8::is_ascii_uppercase));
        Ok(Abbreviations { by_form, lengths, capitalised })
    }
}

impl Scan<'_> {
    pub(super) fn abbreviations(&self, abbr: &Abbreviations, taken: &[Span], out: &mut Output) {
        if abbr.by_form.is_empty() {
            return;
        }
        let doc = self.doc;
        // first unexplained use per abbreviation, in story order
        let mut first: Vec<(&str, Span)> = Vec::new();
        let mut explained: Vec<&str> = Vec::new();
        let mut lower: Option<String> = None;
        for (i, t) in doc.tokens.iter().enumerate() {
            if !t.is_word() || (abbr.capitalised && t.case == Case::Lower) || !abbr.may_be(doc.text.as_bytes()[t.span.start], t.span.len())
            {
                continue;
            }
            let form = doc.slice(t.span);
            let Some(e) = abbr.by_form.get(form) else { continue };
            if e.lang == self.copy || explained.contains(&form) {
                continue;
            }
            let before = doc.text[..t.span.start].trim_end_matches([' ', '\u{a0}']);
            let after = doc.text[t.span.end..].trim_start_matches([' ', '\u{a0}']);
            // `(TNI)`, `TNI (...)`; `<KPK>` is a ticker symbol
            let in_parens = before.ends_with('(') || self.ctx[i].paren;
            if in_parens || after.starts_with('(') || (before.ends_with('<') && after.starts_with('>')) {
                explained.push(form);
                first.retain(|(f, _)| *f != form);
                continue;
            }
            if !e.context.iter().any(|c| contains_words(&doc.text, c)) {
                explained.push(form);
                continue;
            }
            let text_lower = lower.get_or_insert_with(|| doc.text.to_lowercase());
            if e.glosses.iter().any(|g| contains_words(text_lower, g)) {
                explained.push(form);
                continue;
            }
            if !first.iter().any(|(f, _)| *f == form) {
                first.push((form, t.span));
            }
        }
        for (form, span) in first {
            if taken.iter().any(|s| s.overlaps(span)) {
                continue;
            }
            let e = &abbr.by_form[form];
            let msg = format!(
                "`{form}` is {} abbreviation ({}: {}) left unexplained in {} copy; readers of the translation do not know it. Give the English name at first use: `{} ({form})`",
                with_article(language::name_of(&e.lang)),
                e.expansion,
                e.english,
                language::name_of(self.copy),
                e.english,
            );
            let fix = format!("{} ({form})", e.english);
            out.push(Finding::new(&META, span, Confidence::Medium, msg).suggest(span, fix, Applicability::DisplayOnly));
        }
    }
}

fn with_article(name: &str) -> String {
    let an = name.starts_with(['A', 'E', 'I', 'O', 'U']);
    format!("{} {name}", if an { "an" } else { "a" })
}

/// `needle` occurs in `hay` between word boundaries.
fn contains_words(hay: &str, needle: &str) -> bool {
    hay.match_indices(needle).any(|(i, _)| at_word_boundary(hay, Span::new(i, i + needle.len())))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The length filter lets every form through (a token is a form only with its first byte
    /// and length, so the filter drops no form the hash would find).
    #[test]
    fn every_form_may_be() {
        let abbr = Lexicons::embedded().index::<Abbreviations>().unwrap();
        assert!(!abbr.by_form.is_empty());
        for form in abbr.by_form.keys().filter(|f| !f.is_empty()) {
            assert!(abbr.may_be(form.as_bytes()[0], form.len()), "{form}");
        }
        // and lower-case words, or capitalised ones of no form's length, are not looked up
        assert!(!abbr.may_be(b't', 3));
        assert!(!abbr.may_be(b'T', 63));
        // the case gate: no lower-case word starts with an upper-case letter
        assert!(abbr.capitalised);
        for text in crate::document::test_texts() {
            let doc = crate::document::Document::from_text("t.txt", text, &Default::default());
            for t in doc.tokens.iter().filter(|t| t.is_word() && t.case == Case::Lower) {
                assert!(!doc.text.as_bytes()[t.span.start].is_ascii_uppercase(), "{}", doc.slice(t.span));
            }
        }
    }
}
