//! LG001 untranslated-fragment: a sentence, clause or caption left in another language.
//!
//! Language ID on every sentence is both slow and noisy (whatlang calls about a quarter of the
//! sentences of native English news foreign), so detection is gated: cheap, precise evidence
//! first, whatlang only to confirm and name the language of segments that evidence points to.
//!
//! 1. Script: a run of words in a script the copy language is not written in (an Arabic or
//!    Cyrillic sentence in English copy).
//! 2. Function words: closed-class words of another language (`yang`, `dengan`, `tidak`; `der`,
//!    `und`, `nicht`) outnumbering the copy language's own in a sentence, or filling a clause.
//!    Names (capitalised words and the particles between them), parenthesised glosses, short
//!    quotations and established loan phrases (`de facto`, `coup d'état`) are not evidence.
//! 3. whatlang over the candidate segment, restricted to the copy language and the languages
//!    the profile points to; a segment whatlang reads as the copy language is dropped.
//! 4. Lexical gate (Latin-script copy): a sentence with almost none of the copy language's own
//!    function words and some foreign evidence (function words, homographs such as `la`/`et`,
//!    letters the copy language does not write) goes to whatlang over all Latin-script languages;
//!    it finds short sentences and German ones, whose capitalised nouns look like names.
//! 5. A story whose detected language most of the findings contradict was misdetected: nothing
//!    is reported.

mod abbrev;
mod short;
pub(crate) mod vocabulary;

use std::cell::Cell;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use whatlang::Detector;

use super::{Context, Family, Output, Rule, RuleMeta, language_name};
use crate::document::language::{self, FunctionWords};
use crate::document::places::StoryPlaces;
use crate::document::{Case, Document, Script, Section, Token, TokenKind};
use crate::finding::{Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::residue::scrape_residue::ResidueIndex;
use crate::rules::translation::translationese::StartTrie;
use crate::span::Span;

pub struct UntranslatedFragment;

pub static META: RuleMeta = RuleMeta {
    name: "untranslated-fragment",
    code: "LG001",
    family: Family::Language,
    severity: Severity::Warning,
    // a month or day name inside a sentence left in another language goes with its translation
    supersedes: &[crate::rules::Supersede { loser: "date-format", min_confidence: Confidence::Medium }],
    summary: "A sentence, clause or caption left in another language inside the copy",
    explain: r#"## What it flags
A sentence, clause or caption written in another language than the story: an Indonesian
sentence left in English copy, English boilerplate in Spanish copy, a Russian sentence pasted
into a German story. Evidence comes first, language ID second: a run of words in a script the
copy language is not written in; function words of another language outnumbering the copy
language's own; or, for a short sentence, almost none of the copy language's own small words
together with a foreign function word or a letter the copy language does not use (`ü`, `ı`,
`ư`). Language ID (whatlang) must then read the segment as another language. A sentence in a
Latin-script language wirelint has no function words for (Slovene, Romanian, Polish...) is read
by the same evidence: six or more lower-case words, at most one in six a function word of the
copy language, and a letter it does not write; whatlang over all its languages must then name
that language reliably (or fairly, with two or more such letters).

Text too short for function words is read by vocabulary (the 5,000 most common words of eleven
Latin-script languages): a caption, an image's alt text, a CMS field label or a menu item of two
to six words, on its own line or between `·`/`|`/`•`, whose every word is common in one other
language and none in the copy language alone (`Bandera inglesa`, `Imagen principal:` in English
copy; `Updated on:` in Indonesian copy). So is a lower-case word in letters only another
language writes (`ảnh 1` glued to an English caption), and a run of three or more Chinese or
Japanese characters outside parentheses (`分享按钮`). So is a line in Latin-script copy that holds
only words in other scripts, even one word: a byline, menu label or notice left in the source
site's language (`김민준` under the headline, `ຂ່າວອື່ນໆ`, a `Հայ Рус` language switcher). A name
in its own script beside its Latin spelling (`Dariga Nazarbayeva (Дарига Назарбаева)`) is not
alone on its line.

A line that is one furniture label of the scrape-residue lexicon written in another language
than the copy (`Bagikan artikel ini`, `Lascia un commento`, `Поделиться:` in English copy;
`Leave a Reply` in Indonesian copy) is reported too, whatever its words: the lexicon names its
language. scrape-residue flags the same line as furniture to delete; this finding says the page
was never edited in the copy language. Indonesian and Malay labels are not told apart.

Source-language abbreviations of institutions, offices and ranks (`TNI`, `Polri`, `Kombes` in
English copy about Indonesia) are reported at their first use when the story never explains
them, with the English name as the suggestion.

## Why it matters
Machine-translation pipelines skip segments they fail to parse (long quotes, captions, text
after a line break), and editors rarely read the whole story again. A reader who meets a
paragraph in another language knows the copy was not edited.

## Example
```
JAKARTA - The minister said the talks would resume next week. Pemerintah tidak akan mundur dari
kebijakan yang sudah diputuskan bersama DPR.
```

## Better
```
JAKARTA - The minister said the talks would resume next week. The government will not retreat
from the policy it agreed with parliament.
```

## False positives
Names, titles of works, place names, parenthesised glosses ("Kantor Berita Antara (Antara News
Agency)"), short quotations and established loan phrases ("de facto", "coup d'état", "phở") are
never evidence. A short line in Title Case (`Rio de Janeiro`, `Tour de France`) reads as a name,
unless every word of it is a common word of the other language alone, it has no figure, it is
no place the story names and the story does not use the same words elsewhere: then it is a
heading left in the source's language (`Otras Noticias`, `Diğer Haberler` in English copy). Not in
Vietnamese, Indonesian or Malay, whose place and person names are made of common words (`Binh
Dinh`, `Tanah Abang`).
An abbreviation is explained when it stands in or before parentheses anywhere in the story
(`the Indonesian Military (TNI)`) or the story uses its English name; it is only read as the
source language's in a story that names that country, its capital (a `JAKARTA` dateline counts)
or its news agency (`as reported by Antara`). A long quotation deliberately left in the original language will be flagged: ignore
the finding, or set `[rules.untranslated-fragment] enabled = false` for bilingual desks. When
the findings would cover more than half of a story whose language was detected (not declared),
the detection is taken to be wrong and nothing is reported; declare the copy language with
`--lang` when detection picks the wrong one.

## Lexicon
`lexicons/language/function-words.<lang>.tsv` (closed-class words per language, with the
languages in whose copy a form is a common word anyway) and
`lexicons/language/loan-phrases.<lang>.tsv` (phrases that are not evidence),
`lexicons/language/vocabulary.mul.tsv` (common words per language, from wordfreq, CC BY-SA 4.0)
and `lexicons/language/abbreviations.<lang>.tsv` (abbreviations with their expansion and English
name)."#,
    lexicons: &[
        "lexicons/language/function-words.de.tsv",
        "lexicons/language/function-words.en.tsv",
        "lexicons/language/function-words.es.tsv",
        "lexicons/language/function-words.fr.tsv",
        "lexicons/language/function-words.id.tsv",
        "lexicons/language/function-words.it.tsv",
        "lexicons/language/function-words.ms.tsv",
        "lexicons/language/function-words.nl.tsv",
        "lexicons/language/function-words.pt.tsv",
        "lexicons/language/function-words.ru.tsv",
        "lexicons/language/function-words.tl.tsv",
        "lexicons/language/function-words.tr.tsv",
        "lexicons/language/function-words.vi.tsv",
        "lexicons/language/loan-phrases.en.tsv",
        "lexicons/language/vocabulary.mul.tsv",
        "lexicons/language/abbreviations.id.tsv",
    ],
};

impl Rule for UntranslatedFragment {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        lexicons.index::<FunctionWords>()?;
        lexicons.index::<LoanPhrases>()?;
        // the vocabulary (43k rows) is built on the first story with a short segment to read
        lexicons.index::<abbrev::Abbreviations>()?;
        Ok(())
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let Some(copy) = doc.language else { return };
        let (Ok(fw), Ok(loans)) = (cx.lexicons.index::<FunctionWords>(), cx.lexicons.index::<LoanPhrases>()) else {
            return;
        };
        let Ok(switch) = cx.lexicons.index::<SwitchWords>() else { return };
        let mut scan = Scan::new(doc, copy, &fw, &loans);
        scan.switch = Some(switch.of(&fw, scan.copy_bit));
        let first = out.findings.len();
        let prose = scan.run(out);
        // each pass leaves alone what an earlier one reported
        let taken = |out: &Output| -> Vec<Span> { out.findings[first..].iter().map(|f| f.span).collect() };
        let vocab_cell = std::cell::OnceCell::new();
        let vocab = || vocab_cell.get_or_init(|| cx.lexicons.index::<short::Vocabulary>().ok()).as_deref();
        // the story's places, found on first call: only a Title Case heading asks (#16)
        let places_cell = std::cell::OnceCell::new();
        let places = || -> &[Span] {
            places_cell.get_or_init(|| doc.analysis::<StoryPlaces>(cx.lexicons).0.mentions.iter().map(|m| m.span).collect::<Vec<_>>())
        };
        scan.short_segments(vocab, places, &taken(out), out);
        scan.marked_words(vocab, &taken(out), out);
        if let Ok(abbr) = cx.lexicons.index::<abbrev::Abbreviations>() {
            scan.abbreviations(&abbr, &taken(out), out);
        }
        // (page furniture is not prose: its labels do not count toward the story's share below)
        let before_labels = out.findings.len();
        if let Ok(residue) = cx.lexicons.index::<ResidueIndex>() {
            furniture_labels(doc, copy, &residue, &taken(out), out);
        }
        // a fragment is a minority of the story: when most of a story whose language was
        // detected reads as another language, detection missed (Vietnamese copy, which is no copy
        // language, reads as Portuguese), and every sentence would be reported
        let flagged: usize = out.findings[first..before_labels].iter().map(|f| f.span.len()).sum();
        if doc.language_source != "declared" && 2 * flagged > prose {
            out.findings.truncate(first);
        }
    }
}

/// Page furniture labels in another language than the copy's, a line each: a share or comment
/// label (`Bagikan artikel ini`, `Lascia un commento`), a related-links heading (`Artículos
/// Relacionados`) left in English copy, or an English one (`Leave a Reply`) in Indonesian copy:
/// a line that is one label of the scrape-residue lexicon ([`ResidueIndex::foreign_label`]) of a
/// named language. Too short for function words to tell, the lexicon names the language.
/// scrape-residue flags the same line as furniture to delete; this finding says it was never
/// translated.
fn furniture_labels(doc: &Document, copy: &'static str, residue: &ResidueIndex, taken: &[Span], out: &mut Output) {
    for &para in &doc.paragraphs {
        let line = doc.slice(para);
        let Some(lang) = residue.foreign_label(line, copy) else { continue };
        // a story in a language no story is detected in reads as a neighbour of one script (a
        // Persian page as Arabic, a Ukrainian one as Russian): a label of such a language in
        // copy of the same script may be the story's own
        let detectable = language::COPY_LANGUAGES.iter().any(|&(c, _)| c == lang);
        if !detectable && script_family(lang) == script_family(copy) {
            continue;
        }
        if taken.iter().any(|t| t.overlaps(para)) {
            continue;
        }
        let msg = format!(
            "`{}` is {} page furniture in {} copy, never translated: a site label, not story; delete it",
            line.trim(),
            language_name(lang),
            language_name(copy),
        );
        out.push(Finding::new(&META, para, Confidence::Medium, msg));
    }
}

/// Thresholds. A segment is a candidate when its foreign function words reach these counts.
const SENTENCE_MIN_HITS: usize = 3;
const CLAUSE_MIN_WORDS: usize = 5;
const CLAUSE_MIN_HITS: usize = 3;
/// A run of words in another script needs this many words (Han/Kana: characters).
const SCRIPT_MIN_WORDS: usize = 4;
const SCRIPT_MIN_CJK: usize = 3;
/// A whole sentence in Han/Kana needs this many characters.
const SENTENCE_MIN_CJK: usize = 4;
/// The lexical gate needs this many lower-case words, and language ID this confidence.
const LEXICAL_MIN_LOWER: usize = 3;
const LEXICAL_MIN_CONFIDENCE: f64 = 0.5;
/// Lower-case words a sentence needs before language ID may name a language wirelint has no
/// function words for ([`Scan::unlisted_gate`]).
const UNLISTED_MIN_LOWER: usize = 6;
/// Quotations of up to this many words are quoted foreign words, not fragments.
const SHORT_QUOTE_WORDS: usize = 8;

/// Where a token stands, for evidence purposes.
#[derive(Debug, Clone, Copy, Default)]
struct TokCtx {
    /// Inside parentheses or brackets (a gloss, an original name).
    paren: bool,
    /// Inside a quotation of at most [`SHORT_QUOTE_WORDS`] words.
    short_quote: bool,
    /// Inside an established loan phrase.
    loan: bool,
    /// Inside a quotation of more than [`SHORT_QUOTE_WORDS`] words.
    long_quote: bool,
}

struct Scan<'a> {
    doc: &'a Document,
    copy: &'static str,
    copy_script: Script,
    fw: &'a FunctionWords,
    /// The copy language's index in `fw` (its bit in the masks).
    copy_bit: Option<usize>,
    /// Has the copy language a function-word profile (asked of non-Latin copy only)?
    copy_profile: bool,
    ctx: Vec<TokCtx>,
    /// Each token's function-word class in the copy language ([`FunctionWords::classify_in`]),
    /// looked up on first use: the sentence pre-test, the evidence of a sentence and of its
    /// clauses, and the short-segment test read the same words (#16).
    classes: Vec<Cell<Option<(u32, u8)>>>,
    buf: std::cell::RefCell<String>,
    /// The copy language's [`SwitchWords`] (`None`: every word is classified).
    switch: Option<&'a [u64]>,
    /// The story is ASCII (#16: most are): no word has a letter outside it, and in Latin-script
    /// copy none is in a foreign script.
    ascii: bool,
    /// May a word hold a letter the copy language does not write ([`Scan::marked_letter`])?
    /// Latin-script copy of a story that is not ASCII: most stories are told once, not per word
    /// in a call (#16).
    marks: bool,
    /// The copy language's own letters ([`language::own_letters`]), read once per story.
    own: &'static str,
}

/// What the function words of a segment say.
struct Evidence {
    /// Words considered.
    words: usize,
    copy_hits: usize,
    foreign_hits: usize,
    /// Best foreign language by profile.
    lang: Option<&'static str>,
    /// The foreign function words, for the message.
    sample: Vec<String>,
    /// Languages with a foreign hit (for the whatlang allowlist).
    candidates: u32,
    /// Distinct foreign function words.
    distinct: usize,
    /// Lower-case words looked up (names left out).
    lower: usize,
    /// Lower-case words with a letter the copy language does not write (`unerträglich`, `được`).
    marked: usize,
    /// Function words of another language that are homographs of copy-language words (`la`,
    /// `les`, `et`, `con` in English copy): no evidence alone, weak evidence in a sentence
    /// without copy function words.
    weak: usize,
    /// Copy function words that other languages share (`in`, `a` in English).
    shared: usize,
    /// Words inside a long quotation.
    quoted: usize,
}

impl<'a> Scan<'a> {
    fn new(doc: &'a Document, copy: &'static str, fw: &'a FunctionWords, loans: &LoanPhrases) -> Self {
        let mut ctx = vec![TokCtx::default(); doc.tokens.len()];
        for (i, &para) in doc.paragraphs.iter().enumerate() {
            mark_paragraph(doc, i, para, &mut ctx);
        }
        if let Some(loans) = loans.by_lang.get(copy).or(loans.by_lang.get("mul")) {
            loans.for_each(&doc.text, doc.word_starts(), |s| {
                let lo = doc.tokens.partition_point(|t| t.span.start < s.start);
                let hi = doc.tokens.partition_point(|t| t.span.end <= s.end);
                for c in &mut ctx[lo..hi.max(lo)] {
                    c.loan = true;
                }
            });
        }
        let copy_script = language::script_of_lang(copy);
        let ascii = doc.text.is_ascii();
        Scan {
            doc,
            copy,
            copy_script,
            fw,
            copy_bit: fw.index_of(copy),
            copy_profile: copy_script == Script::Latin || fw.has(copy),
            ctx,
            classes: vec![Cell::new(None); doc.tokens.len()],
            buf: Default::default(),
            switch: None,
            ascii,
            marks: copy_script == Script::Latin && !ascii,
            own: language::own_letters(copy),
        }
    }

    /// Token `i`'s function-word class in the copy language: its language mask and flags.
    fn class(&self, i: usize) -> (u32, u8) {
        if let Some(c) = self.classes[i].get() {
            return c;
        }
        let c = self.fw.classify_in(self.doc.slice(self.doc.tokens[i].span), &mut self.buf.borrow_mut(), self.copy_bit);
        self.classes[i].set(Some(c));
        c
    }

    /// Can the function-word evidence of sentence `lo..hi` pass a gate? Every gate needs a word
    /// [`Scan::evidence`] counts as a foreign function word, a homograph of one (weak) or a word
    /// with letters the copy language does not write (marked). This looks for one among the
    /// words the evidence may count (a superset: names and particles between them are not left
    /// out), so a sentence it finds none in would pass no gate (#16: most sentences).
    fn may_switch(&self, lo: usize, hi: usize) -> bool {
        let (toks, ctx) = (&self.doc.tokens[lo..hi], &self.ctx[lo..hi]);
        let first_word = toks.iter().position(Token::is_word);
        // (#16: slices of the sentence zipped, not `enumerate().take().skip()` with an index
        // check per token; an ASCII word's hash in line, and no slice of it)
        for (k, (t, c)) in toks.iter().zip(ctx).enumerate() {
            if !t.is_word() || (t.case != Case::Lower && Some(k) != first_word) {
                continue;
            }
            if c.paren || c.short_quote || c.loan || t.script != Script::Latin && t.script != self.copy_script {
                continue;
            }
            // an ASCII word has no letter outside ASCII, so none the copy language does not write
            if !t.is_ascii_alnum() && self.marked_letter(self.doc.slice(t.span)) {
                return true;
            }
            // most words are no function word of another language, nor a homograph of one
            if let Some(bits) = self.switch
                && let Some(h) = token_switch_hash(&self.doc.text, t)
                && bits[h / 64] & (1 << (h % 64)) == 0
            {
                continue;
            }
            let (mask, flags) = self.class(lo + k);
            let foreign = mask != 0 && self.copy_bit.is_none_or(|b| mask & (1 << b) == 0);
            if foreign || (mask == 0 && flags & language::WEAK != 0) {
                return true;
            }
        }
        false
    }

    /// [`Scan::may_switch`] as first written: the oracle of its equivalence test.
    #[cfg(test)]
    fn may_switch_oracle(&self, lo: usize, hi: usize) -> bool {
        let toks = &self.doc.tokens;
        let first_word = (lo..hi).find(|&i| toks[i].is_word());
        for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if !t.is_word() || (t.case != Case::Lower && Some(i) != first_word) {
                continue;
            }
            let c = self.ctx[i];
            if c.paren || c.short_quote || c.loan || t.script != Script::Latin && t.script != self.copy_script {
                continue;
            }
            let word = self.doc.slice(t.span);
            if self.marked_letter(word) {
                return true;
            }
            if let Some(bits) = self.switch
                && let Some(h) = switch_hash(&self.doc.text, t.span)
                && bits[h / 64] & (1 << (h % 64)) == 0
            {
                continue;
            }
            let (mask, flags) = self.class(i);
            let foreign = mask != 0 && self.copy_bit.is_none_or(|b| mask & (1 << b) == 0);
            if foreign || (mask == 0 && flags & language::WEAK != 0) {
                return true;
            }
        }
        false
    }

    /// The sentence, clause and script checks; returns the length of the prose read.
    fn run(&self, out: &mut Output) -> usize {
        let doc = self.doc;
        let mut prose = 0;
        for s in &doc.sentences {
            if s.section == Section::Dateline {
                continue;
            }
            prose += s.span.len();
            let (lo, hi) = s.tokens;
            // (an ASCII story has no word in a script Latin-script copy is not written in)
            if !(self.ascii && self.copy_script == Script::Latin) {
                if self.script_runs(lo, hi, out) {
                    continue;
                }
                if self.foreign_lines(lo, hi, out) {
                    continue;
                }
            }
            if !self.copy_profile || !self.may_switch(lo, hi) {
                continue;
            }
            let ev = self.evidence(lo, hi, true);
            // a sentence each gate confirms; when language ID, among the languages wirelint
            // knows, is unsure (low confidence), a language it has no function words for, read
            // reliably, names the sentence better (Slovene read as a poor Portuguese)
            let found = if self.sentence_gate(&ev) { self.confirm(s.span, &ev, "sentence", false) } else { None };
            let found = found.or_else(|| if self.lexical_gate(&ev) { self.confirm_wide(s.span, &ev) } else { None });
            let sure = found.as_ref().is_some_and(|f| f.confidence > Confidence::Low);
            if let Some(f) = (!sure && self.unlisted_gate(&ev)).then(|| self.confirm_unlisted(s.span, &ev)).flatten().or(found) {
                out.push(f);
                continue;
            }
            if ev.foreign_hits >= CLAUSE_MIN_HITS {
                self.clauses(lo, hi, out);
            }
        }
        prose
    }

    /// Sentence gate: foreign function words dominate.
    fn sentence_gate(&self, ev: &Evidence) -> bool {
        // a sentence of 8+ words without a single function word of the copy language, and two
        // foreign ones (captions: "Suasana pasar ... yang sepi ... pada siang hari."); with fewer
        // than three different ones, language ID must be sure (see `confirm`)
        if ev.copy_hits == 0 && ev.words >= 8 && ev.foreign_hits >= 2 && ev.lang.is_some() {
            return true;
        }
        // several different function words: repeated `de`/`la` are hex bytes or name debris, not a sentence
        if ev.foreign_hits < SENTENCE_MIN_HITS || ev.distinct < 3 || ev.lang.is_none() {
            return false;
        }
        if ev.words < 6 {
            // short segments need strong evidence: nothing of the copy language at all
            return ev.copy_hits == 0 && ev.foreign_hits * 2 >= ev.words;
        }
        ev.foreign_hits > 2 * ev.copy_hits && ev.foreign_hits * 6 >= ev.words
    }

    /// Lexical gate, Latin-script copy only: a sentence of lower-case words almost none of which
    /// is a function word of the copy language (an English sentence of five words has one or
    /// two), with some foreign evidence: a foreign function word, or a word with a letter the copy
    /// language does not write. Short sentences and German (whose nouns are capitalised) rarely
    /// reach the function-word gate; language ID over the whole sentence decides (`confirm_wide`).
    fn lexical_gate(&self, ev: &Evidence) -> bool {
        // a quotation left in its language inside a copy-language sentence is the clause
        // check's (it reports the quotation, not the sentence)
        if self.copy_script != Script::Latin || ev.lower < LEXICAL_MIN_LOWER || ev.quoted > 0 {
            return false;
        }
        let evidence = ev.foreign_hits + ev.marked + ev.weak;
        // `in` and `a` are Italian, German, Spanish or Dutch as well: only the copy language's own
        // function words count against a switch
        let copy = ev.copy_hits - ev.shared;
        // one piece of evidence only in a sentence without copy function words (`confirm_wide`
        // then needs language ID to be sure)
        copy * 4 <= ev.lower && evidence > 2 * copy && (evidence >= 2 || (evidence == 1 && ev.copy_hits == 0)) && evidence * 6 >= ev.lower
    }

    /// Gate for a sentence in a Latin-script language wirelint has no function words for
    /// (Slovene, Romanian, Polish...): six or more lower-case words, hardly any of them a
    /// function word of the copy language (one in six at most: an English sentence has two in
    /// five), and a letter the copy language does not write. Language ID over every Latin-script
    /// language then decides ([`Scan::confirm_unlisted`]).
    fn unlisted_gate(&self, ev: &Evidence) -> bool {
        self.copy_script == Script::Latin
            && ev.quoted == 0
            && ev.lower >= UNLISTED_MIN_LOWER
            && (ev.copy_hits - ev.shared) * 6 <= ev.lower
            // (a letter the copy language does not write: function words alone are the listed
            // languages' evidence, and language ID over every language is dear, #16)
            && ev.marked >= 1
    }

    /// Confirms an [`Scan::unlisted_gate`] candidate: whatlang over all languages must read it,
    /// reliably (or fairly, with two words in letters the copy language does not write), as a
    /// Latin-script language other than the copy's and than those wirelint has function words
    /// for (their sentences are the other gates' to judge).
    fn confirm_unlisted(&self, span: Span, ev: &Evidence) -> Option<Finding> {
        let text = self.doc.slice(span);
        let info = Detector::new().detect(text)?;
        let wl = language::code_of(info.lang());
        let listed = self.fw.has(wl) || wl == self.copy;
        // (two or more words with letters the copy language does not write let a fair reading
        // stand for a reliable one)
        let sure = info.is_reliable() || (ev.marked >= 2 && info.confidence() >= LEXICAL_MIN_CONFIDENCE);
        if listed || info.script() != whatlang::Script::Latin || !sure {
            return None;
        }
        let marked = format!("{} words with letters {} does not use", ev.marked, language::name_of(self.copy));
        Some(Finding::new(&META, span, Confidence::Medium, self.language_id_message(text, wl, ev, &[marked])))
    }

    /// Confirms a lexical-gate candidate: whatlang among all Latin-script languages wirelint
    /// knows must read it as another language, reliably.
    fn confirm_wide(&self, span: Span, ev: &Evidence) -> Option<Finding> {
        let mut allow: Vec<whatlang::Lang> = Vec::new();
        for l in language::COPY_LANGUAGES.iter().map(|(c, _)| *c).chain(["vi"]) {
            if language::script_of_lang(l) == Script::Latin
                && let Some(w) = language::lang_of(l)
            {
                allow.push(w);
            }
        }
        let text = self.doc.slice(span);
        let info = Detector::with_allowlist(allow).detect(text)?;
        let wl = language::code_of(info.lang());
        let evidence = ev.foreign_hits + ev.marked + ev.weak;
        if wl == self.copy || info.confidence() < LEXICAL_MIN_CONFIDENCE || (evidence < 2 && !info.is_reliable()) {
            return None;
        }
        let copy_name = language::name_of(self.copy);
        let agrees = ev.lang == Some(wl);
        let mut why = Vec::new();
        if ev.foreign_hits > 0 {
            why.push(format!("{} function words of other languages ({})", ev.foreign_hits, ev.sample.join(", ")));
        }
        if ev.weak > 0 {
            why.push(format!("{} words that are function words of other languages and only look like {copy_name}", ev.weak));
        }
        if ev.marked > 0 {
            why.push(format!("{} words with letters {copy_name} does not use", ev.marked));
        }
        let confidence = if info.is_reliable() || agrees { Confidence::Medium } else { Confidence::Low };
        Some(Finding::new(&META, span, confidence, self.language_id_message(text, wl, ev, &why)))
    }

    /// The message of a sentence that language ID confirms as language `wl`: the copy
    /// language's function words in it, then `why` (the other evidence, joined by "and").
    fn language_id_message(&self, text: &str, wl: &str, ev: &Evidence, why: &[String]) -> String {
        let copy_name = language::name_of(self.copy);
        let lang_name = language::name_of(wl);
        format!(
            "sentence `{}` reads as {lang_name}, not {copy_name}: {} {copy_name} function words in {} lower-case words, {}; language ID reads {lang_name}. Translate it or remove it",
            clip(text),
            ev.copy_hits,
            ev.lower,
            why.join(" and "),
        )
    }

    /// Clauses (split at , ; : — – and brackets) of a sentence the copy language dominates.
    fn clauses(&self, lo: usize, hi: usize, out: &mut Output) {
        let toks = &self.doc.tokens;
        let mut start = lo;
        for i in lo..=hi {
            let boundary = i == hi
                || (toks[i].kind == TokenKind::Punct
                    && matches!(self.doc.slice(toks[i].span), "," | ";" | ":" | "—" | "–" | "(" | ")" | "[" | "]"));
            if !boundary {
                continue;
            }
            if i > start {
                let ev = self.evidence(start, i, false);
                if ev.words >= CLAUSE_MIN_WORDS
                    && ev.foreign_hits >= CLAUSE_MIN_HITS
                    && ev.distinct >= 3
                    && ev.copy_hits == 0
                    && ev.foreign_hits * 4 >= ev.words
                    && let Some(last) = (start..i).rev().find(|&k| toks[k].kind != TokenKind::Punct)
                    // fewer than one function word in three: language ID must be sure
                    && let Some(f) = self.confirm(Span::new(toks[start].span.start, toks[last].span.end), &ev, "clause", ev.foreign_hits * 3 < ev.words)
                {
                    out.push(f);
                }
            }
            start = i + 1;
        }
    }

    /// Function-word evidence over tokens `lo..hi`.
    fn evidence(&self, lo: usize, hi: usize, sentence_start: bool) -> Evidence {
        let toks = &self.doc.tokens;
        let copy_bit = self.copy_bit;
        let mut ev = Evidence {
            words: 0,
            copy_hits: 0,
            foreign_hits: 0,
            lang: None,
            sample: Vec::new(),
            candidates: 0,
            distinct: 0,
            lower: 0,
            marked: 0,
            weak: 0,
            shared: 0,
            quoted: 0,
        };
        let mut seen: Vec<String> = Vec::new();
        let mut profile = self.fw.new_profile();
        let mut buf = String::new();
        let first_word = (lo..hi).find(|&i| toks[i].is_word());
        for (i, t) in toks.iter().enumerate().take(hi).skip(lo) {
            if !t.is_word() {
                continue;
            }
            let c = self.ctx[i];
            if c.paren || c.short_quote {
                continue;
            }
            ev.words += 1;
            ev.quoted += usize::from(c.long_quote);
            if c.loan || t.script != Script::Latin && t.script != self.copy_script {
                continue;
            }
            // (`elided_name` needs an upper-case letter: a lower-case word is none, #16)
            if t.case != Case::Lower
                && (!(sentence_start && Some(i) == first_word && self.next_word_is_lower(i, hi)) || elided_name(self.doc.slice(t.span)))
            {
                // a name (or part of one)
                continue;
            }
            if self.between_names(i, lo, hi) {
                continue;
            }
            ev.lower += 1;
            // (an ASCII word has no letter the copy language does not write: no slice of it, #16)
            if !t.is_ascii_alnum() && self.marked_letter(self.doc.slice(t.span)) {
                ev.marked += 1;
            }
            let (mask, flags) = self.class(i);
            if mask == 0 {
                ev.weak += usize::from(flags & language::WEAK != 0);
                continue;
            }
            ev.shared += usize::from(flags & language::SHARED != 0);
            match copy_bit {
                Some(b) if mask & (1 << b) != 0 => ev.copy_hits += 1,
                _ => {
                    ev.foreign_hits += 1;
                    ev.candidates |= mask;
                    FunctionWords::lower_into(self.doc.slice(t.span), &mut buf);
                    if !seen.contains(&buf) {
                        seen.push(buf.clone());
                        if ev.sample.len() < 6 {
                            ev.sample.push(buf.clone());
                        }
                    }
                    self.fw.add_mask(&mut profile, mask);
                }
            }
        }
        ev.distinct = seen.len();
        ev.lang = self.fw.top(&profile, |l| l != self.copy).map(|(l, _)| l);
        ev
    }

    fn next_word_is_lower(&self, i: usize, hi: usize) -> bool {
        self.doc.tokens[i + 1..hi].iter().find(|t| t.is_word()).is_some_and(|t| t.case == Case::Lower)
    }

    /// A lower-case particle between two capitalised words: `Universidad de Chile`, `Lula da Silva`,
    /// with at most one more short particle on either side (`Banco de la Nación`, `Batiment et
    /// des Travaux`, `d'Assurance sur la Vie`).
    fn between_names(&self, i: usize, lo: usize, hi: usize) -> bool {
        let toks = &self.doc.tokens;
        // the words on one side, through name joiners (`-`, `'`), nearest first: the first is a
        // name, or a short lower-case particle followed by a name (#16: index loops, not
        // iterators behind `dyn`, for the one or two tokens most calls read)
        let mut k = 0;
        let mut before = false;
        for t in toks[lo..i].iter().rev() {
            if let Some(r) = self.name_step(t, &mut k) {
                before = r;
                break;
            }
        }
        if !before {
            return false;
        }
        k = 0;
        for t in &toks[i + 1..hi] {
            if let Some(r) = self.name_step(t, &mut k) {
                return r;
            }
        }
        false
    }

    /// Does a word of Latin-script copy hold a letter outside ASCII that the copy language does
    /// not write (`own`: its own letters)? Evidence of another language, read by
    /// [`Scan::may_switch`] and the evidence count alike.
    #[inline]
    fn marked_letter(&self, word: &str) -> bool {
        self.marks && marked_in(word, self.own)
    }

    /// One token of [`Scan::between_names`]'s walk to a name: `Some(answer)` when the walk ends
    /// at it, `None` to read on (a name joiner, or the first short lower-case particle).
    #[inline]
    fn name_step(&self, t: &Token, k: &mut usize) -> Option<bool> {
        if !t.is_word() {
            return if is_name_joiner(self.doc, t) { None } else { Some(false) };
        }
        match t.case {
            Case::Title | Case::Upper => return Some(true),
            // (`elided_name` needs an upper-case letter)
            Case::Lower => {}
            _ if elided_name(self.doc.slice(t.span)) => return Some(true),
            _ => return Some(false),
        }
        if *k >= 1 || t.span.len() > 3 {
            return Some(false);
        }
        *k += 1;
        None
    }

    /// [`Scan::between_names`] as first written: the oracle of its equivalence test.
    #[cfg(test)]
    fn between_names_oracle(&self, i: usize, lo: usize, hi: usize) -> bool {
        let toks = &self.doc.tokens;
        let cap = |t: &Token| matches!(t.case, Case::Title | Case::Upper) || elided_name(self.doc.slice(t.span));
        let reaches_name = |mut words: &mut dyn Iterator<Item = &Token>| {
            for (k, t) in (&mut words).enumerate() {
                if cap(t) {
                    return true;
                }
                if k >= 1 || t.case != Case::Lower || t.span.len() > 3 {
                    return false;
                }
            }
            false
        };
        let joined = |t: &&Token| t.is_word() || is_name_joiner(self.doc, t);
        let mut prev = toks[lo..i].iter().rev().take_while(joined).filter(|t| t.is_word());
        let mut next = toks[i + 1..hi].iter().take_while(joined).filter(|t| t.is_word());
        reaches_name(&mut prev) && reaches_name(&mut next)
    }

    /// Runs of words in a script the copy language is not written in.
    fn script_runs(&self, lo: usize, hi: usize, out: &mut Output) -> bool {
        let toks = &self.doc.tokens;
        let mut found = false;
        let mut i = lo;
        while i < hi {
            let t = &toks[i];
            if !(t.is_word() && self.is_foreign_script(t.script)) {
                i += 1;
                continue;
            }
            let script = t.script;
            let mut j = i;
            let mut last = i;
            // words outside parentheses and short quotations (a gloss or a quoted name is no
            // fragment), and whether one of them is lower case (not a name)
            let mut words = 0;
            let mut lower = false;
            while j < hi {
                let u = &toks[j];
                if u.is_word() {
                    if u.script != script {
                        break;
                    }
                    last = j;
                    let c = self.ctx[j];
                    if !(c.paren || c.short_quote) {
                        words += 1;
                        lower |= u.case == Case::Lower;
                    }
                } else if u.kind == TokenKind::Number {
                    // numbers belong to any script
                } else if matches!(self.doc.slice(u.span), "(" | ")" | "[" | "]") {
                    break;
                }
                j += 1;
            }
            // a number that ends the sentence belongs to the run (`... on Friday, February 14.`)
            if j == hi
                && let Some(k) = (last + 1..hi).rev().find(|&k| toks[k].kind == TokenKind::Number)
            {
                last = k;
            }
            let cjk = matches!(script, Script::Han | Script::Kana);
            // the run is the whole sentence: a short sentence in another script (`Это следовало
            // менять.`) is a fragment too, when it is not a name (a lower-case word; uncased
            // scripts: three words)
            let whole = !(lo..i).chain(j..hi).any(|k| toks[k].is_word());
            let enough = if cjk {
                words >= SCRIPT_MIN_CJK || (whole && words >= SENTENCE_MIN_CJK)
            } else if whole && script != Script::Latin {
                words >= SCRIPT_MIN_WORDS || (words >= 2 && lower) || (words >= 3 && !matches!(script, Script::Cyrillic | Script::Greek))
            } else {
                words >= SCRIPT_MIN_WORDS
            };
            // Latin words in non-Latin copy are mostly names and brands: also need function words
            let latin_ok = script != Script::Latin || {
                let ev = self.evidence(i, last + 1, false);
                words >= 6 && ev.foreign_hits >= 2
            };
            if enough && latin_ok {
                let span = Span::new(toks[i].span.start, toks[last].span.end);
                out.push(self.script_finding(span, script, words));
                found = true;
            }
            i = j.max(i + 1);
        }
        found
    }

    /// A line that holds no word but words in scripts Latin-script copy is not written in: a
    /// menu label, a share button, a byline or a copyright notice left in the source site's
    /// language (`Поделиться:`, `ຂ່າວອື່ນໆ`, a reporter's name in Hangul). Alone on its line, even
    /// one word is a fragment (a name in its own script stands beside its Latin spelling or inside
    /// parentheses, on a line with Latin words). Each line is reported once, by the sentence that
    /// holds its first word (a sentence may run over several lines, and a line hold several).
    /// Linear in the story: a line is read from its first word only, never back from a word in
    /// its middle (a story of one long line holds thousands of sentences).
    fn foreign_lines(&self, lo: usize, hi: usize, out: &mut Output) -> bool {
        if self.copy_script != Script::Latin {
            return false;
        }
        let toks = &self.doc.tokens;
        let bytes = self.doc.text.as_bytes();
        let mut found = false;
        // the end of the word before `lo` (0: none), found by a walk back over the tokens between
        let mut prev_end = toks[..lo].iter().rev().find(|t| t.is_word()).map_or(0, |t| t.span.end);
        let mut k = lo;
        while k < hi {
            if !toks[k].is_word() {
                k += 1;
                continue;
            }
            let at = toks[k].span.start;
            // the line's first word: a line break (or the text's start) since the word before
            let opens_line = prev_end == 0 || memchr::memchr(b'\n', &bytes[prev_end..at]).is_some();
            if !opens_line {
                prev_end = toks[k].span.end;
                k += 1;
                continue;
            }
            let line_end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i);
            let b = k + toks[k..].partition_point(|t| t.span.start < line_end);
            if let Some(f) = self.foreign_line(k, b) {
                out.push(f);
                found = true;
            }
            // past the line: its other words open no line
            prev_end = toks[k..b].iter().rev().find(|t| t.is_word()).map_or(toks[k].span.end, |t| t.span.end);
            k = b.max(k + 1);
        }
        found
    }

    /// The finding for the line of tokens `a..b` when all its words are in scripts Latin-script
    /// copy is not written in ([`Scan::foreign_lines`]).
    fn foreign_line(&self, a: usize, b: usize) -> Option<Finding> {
        let toks = &self.doc.tokens;
        let mut letters = 0;
        let (mut first, mut last) = (None, a);
        for (i, t) in toks.iter().enumerate().take(b).skip(a) {
            if !t.is_word() {
                continue;
            }
            // (`Other`: a script the segmenter does not name, Lao or Armenian: not Latin either)
            if !(self.is_foreign_script(t.script) || t.script == Script::Other) {
                return None;
            }
            first.get_or_insert(i);
            last = i;
            letters += self.doc.slice(t.span).chars().filter(|c| c.is_alphabetic()).count();
        }
        let first = first?;
        if letters < 2 {
            return None;
        }
        let span = Span::new(toks[first].span.start, toks[last].span.end);
        let text = self.doc.slice(span);
        let script = toks[first].script;
        let one_script = toks[first..=last].iter().all(|t| !t.is_word() || t.script == script);
        let what = if one_script && script != Script::Other { script_language(text, script) } else { "another script".to_string() };
        let copy_name = language::name_of(self.copy);
        let msg = format!(
            "`{}` is {what} on a line of its own inside {copy_name} copy: a label, byline or notice in a script {copy_name} is not written in, left untranslated",
            clip(text)
        );
        Some(Finding::new(&META, span, Confidence::Medium, msg))
    }

    fn is_foreign_script(&self, s: Script) -> bool {
        match s {
            Script::None | Script::Mixed | Script::Other => false,
            Script::Kana if self.copy_script == Script::Han => false,
            s => s != self.copy_script,
        }
    }

    fn script_finding(&self, span: Span, script: Script, words: usize) -> Finding {
        let text = self.doc.slice(span);
        let copy_name = language::name_of(self.copy);
        let what = script_language(text, script);
        let msg = format!(
            "`{}` is {what} inside {copy_name} copy: {words} words in a script {copy_name} is not written in, left untranslated",
            clip(text)
        );
        let confidence = if words >= 2 * SCRIPT_MIN_WORDS { Confidence::High } else { Confidence::Medium };
        Finding::new(&META, span, confidence, msg)
    }

    /// Confirms a candidate with whatlang and builds the finding.
    fn confirm(&self, span: Span, ev: &Evidence, what: &str, need_reliable: bool) -> Option<Finding> {
        let fw_lang = ev.lang?;
        let mut allow: Vec<whatlang::Lang> = Vec::new();
        allow.extend(language::lang_of(self.copy));
        for (i, l) in self.fw.languages().iter().enumerate() {
            if ev.candidates & (1 << i) != 0
                && let Some(w) = language::lang_of(l)
                && !allow.contains(&w)
            {
                allow.push(w);
            }
        }
        // Malay has no whatlang model: Indonesian stands in for it
        if fw_lang == "ms" && !allow.contains(&whatlang::Lang::Ind) {
            allow.push(whatlang::Lang::Ind);
        }
        if allow.len() < 2 {
            return None;
        }
        let text = self.doc.slice(span);
        let info = Detector::with_allowlist(allow).detect(text)?;
        let wl = language::code_of(info.lang());
        if wl == self.copy {
            return None;
        }
        // thin function-word evidence needs language ID to be sure
        if (need_reliable || ev.foreign_hits < SENTENCE_MIN_HITS || ev.distinct < 3) && !info.is_reliable() {
            return None;
        }
        let agrees = wl == fw_lang || matches!((wl, fw_lang), ("id", "ms") | ("ms", "id"));
        // name the language the function words point to; whatlang only confirms the switch
        let lang = if agrees { fw_lang } else { wl };
        let confidence = if agrees && ev.copy_hits == 0 && ev.foreign_hits >= 5 {
            Confidence::High
        } else if agrees {
            Confidence::Medium
        } else {
            Confidence::Low
        };
        let copy_name = language::name_of(self.copy);
        let lang_name = language::name_of(lang);
        let detector = if agrees {
            format!("language ID agrees ({})", language::name_of(wl))
        } else {
            format!("language ID reads {}", language::name_of(wl))
        };
        let msg = format!(
            "{what} `{}` reads as {lang_name}, not {copy_name}: {} {} function words ({}) against {} {copy_name}; {detector}. Translate it or remove it",
            clip(text),
            ev.foreign_hits,
            language::name_of(fw_lang),
            ev.sample.join(", "),
            ev.copy_hits,
        );
        Some(Finding::new(&META, span, confidence, msg))
    }
}

/// Does `word` hold a letter outside ASCII that is not one of `own` ([`Scan::marked_letter`]
/// once the story may have one)?
#[inline(never)]
fn marked_in(word: &str, own: &str) -> bool {
    !word.is_ascii() && word.chars().any(|c| !c.is_ascii() && c.is_alphabetic() && !own_has(own, c))
}

/// Is `c` one of a copy language's own letters ([`language::own_letters`])? A loop over the
/// few letters, not a string search per char (#16).
#[inline]
pub(super) fn own_has(own: &str, c: char) -> bool {
    own.chars().any(|o| o == c)
}

/// A name behind an elided article or preposition: `d'Assurance`, `l'Élysée`, `dell'Italia`.
fn elided_name(word: &str) -> bool {
    // the first apostrophe, when it starts in the first five bytes (a later one is too far)
    let b = word.as_bytes();
    let Some(i) = (0..b.len().min(5)).find(|&p| b[p] == b'\'' || b[p..].starts_with("’".as_bytes())) else { return false };
    i >= 1 && word[..i].chars().all(char::is_lowercase) && word[i..].chars().nth(1).is_some_and(char::is_uppercase)
}

fn is_name_joiner(doc: &Document, t: &Token) -> bool {
    t.kind == TokenKind::Punct && matches!(doc.slice(t.span), "-" | "'" | "’")
}

/// Marks parenthesised tokens, and tokens of short and long quotations (the document's closed
/// quotations, [`Document::quotes`]), in paragraph `i`.
fn mark_paragraph(doc: &Document, i: usize, para: Span, ctx: &mut [TokCtx]) {
    let lo = doc.tokens.partition_point(|t| t.span.start < para.start);
    let hi = doc.tokens.partition_point(|t| t.span.end <= para.end).max(lo);
    let mut depth = 0usize;
    // only an opening bracket raises the depth: the tokens before the paragraph's first one
    // (all of them in most paragraphs) are in no brackets, and are not read (#16; the
    // paragraph's tokens lie inside its span, and a bracket is a token of its own)
    let read = match memchr::memchr2(b'(', b'[', &doc.text.as_bytes()[para.start..para.end]) {
        Some(k) => lo + doc.tokens[lo..hi].partition_point(|t| t.span.start < para.start + k)..hi,
        None => lo..lo,
    };
    for (t, x) in doc.tokens[read.clone()].iter().zip(&mut ctx[read]) {
        if t.kind == TokenKind::Punct {
            match doc.slice(t.span).chars().next() {
                Some('(' | '[') => depth += 1,
                Some(')' | ']') => depth = depth.saturating_sub(1),
                _ => {}
            }
        } else if depth > 0 {
            x.paren = true;
        }
    }
    for q in doc.quotes().of_paragraph(i).iter().filter(|q| q.close.is_some()) {
        let a = doc.tokens.partition_point(|t| t.span.start < q.inner.start);
        let b = doc.tokens.partition_point(|t| t.span.end <= q.inner.end).max(a);
        let short = doc.tokens[a..b].iter().filter(|t| t.is_word()).count() <= SHORT_QUOTE_WORDS;
        for x in &mut ctx[a..b] {
            if short {
                x.short_quote = true;
            } else {
                x.long_quote = true;
            }
        }
    }
}

fn at_word_boundary(text: &str, s: Span) -> bool {
    let before = text[..s.start].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
    let after = text[s.end..].chars().next().is_none_or(|c| !c.is_alphanumeric());
    before && after
}

/// What a run of words in a script the copy is not written in is, for a message: the language
/// whatlang reads in it and the script (`Russian (Cyrillic script)`), or the script alone.
fn script_language(text: &str, script: Script) -> String {
    match Detector::new().detect(text).map(|i| language::code_of(i.lang())) {
        Some(l) => format!("{} ({script:?} script)", language::name_of(l)),
        None => format!("{script:?} script"),
    }
}

/// At most ~80 chars of a segment, for messages.
fn clip(s: &str) -> String {
    if s.chars().count() <= 80 {
        return s.to_string();
    }
    let mut t: String = s.chars().take(77).collect();
    t.push('…');
    t
}

/// Loan phrases per copy language, from `loan-phrases` lexicons.
pub struct LoanPhrases {
    by_lang: std::collections::HashMap<String, Arc<LoanMatcher>>,
}

/// One language's loan phrases: their automaton, and (when every phrase starts with a letter
/// or digit) a trie of them read from word starts that tells most stories they hold none (#16:
/// the automaton read every byte of every story, 16 instructions a byte).
struct LoanMatcher {
    ac: AhoCorasick,
    trie: Option<StartTrie>,
}

impl LoanMatcher {
    fn new(phrases: &[String]) -> Result<LoanMatcher, aho_corasick::BuildError> {
        let ac = AhoCorasickBuilder::new().ascii_case_insensitive(true).match_kind(MatchKind::LeftmostLongest).build(phrases)?;
        let trie =
            phrases.iter().all(|p| p.starts_with(char::is_alphanumeric)).then(|| StartTrie::new(phrases.iter().map(|p| (p.as_bytes(), 0))));
        Ok(LoanMatcher { ac, trie })
    }

    /// Calls `f` with each loan phrase of `text` between word boundaries: the automaton's
    /// leftmost-longest matches (ASCII case folded) that [`at_word_boundary`] keeps, in order.
    /// `starts` are the word starts of `text` ([`crate::text::for_each_word_start`]).
    fn for_each(&self, text: &str, starts: &[usize], mut f: impl FnMut(Span)) {
        if let Some(trie) = &self.trie {
            // a match between word boundaries starts at a word start, where the trie finds its
            // phrase: with none there, the automaton has no match to give
            let (bytes, mut any) = (text.as_bytes(), false);
            for &p in starts {
                trie.walk(bytes, p, |_, _| any = true);
                if any {
                    break;
                }
            }
            if !any {
                return;
            }
        }
        for m in self.ac.find_iter(text) {
            let s = Span::new(m.start(), m.end());
            if at_word_boundary(text, s) {
                f(s);
            }
        }
    }
}

/// The hash of an ASCII word of one to eight bytes without `'`, lower-cased, in [`SwitchWords`]
/// (`None` for others): the word at `span` of `text`.
#[inline]
fn switch_hash(text: &str, span: Span) -> Option<usize> {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let (bytes, n) = (text.as_bytes(), span.len());
    if !(1..=8).contains(&n) {
        return None;
    }
    let x = match bytes.get(span.start..span.start + 8) {
        Some(c) => u64::from_le_bytes(c.try_into().expect("8 bytes")),
        None => {
            let mut a = [0u8; 8];
            a[..n].copy_from_slice(&bytes[span.start..span.end]);
            u64::from_le_bytes(a)
        }
    };
    let in_word = if n == 8 { HIGH } else { HIGH & ((1u64 << (8 * n)) - 1) };
    // no byte outside ASCII, and no `'` (0x27 becomes zero: ASCII bytes plus 0x7f never carry)
    if x & in_word != 0 || !(x ^ 0x2727_2727_2727_2727).wrapping_add(LOW7) & in_word != 0 {
        return None;
    }
    let x = x & (in_word >> 7).wrapping_mul(0xff);
    // `A`..=`Z` gain 0x20
    let lower = x | ((x.wrapping_add(0x3f3f_3f3f_3f3f_3f3f) & !x.wrapping_add(0x2525_2525_2525_2525) & HIGH) >> 2);
    Some((lower.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize)
}

/// [`switch_hash`] of a word token. A token of ASCII letters and digits only (most words) has no
/// byte outside ASCII and no `'`, and lower-casing sets 0x20 in each of its bytes (digits have
/// it already): its hash is computed without those tests (#16).
#[inline]
fn token_switch_hash(text: &str, t: &Token) -> Option<usize> {
    let (bytes, n) = (text.as_bytes(), t.span.len());
    if !t.is_ascii_alnum() || !(1..=8).contains(&n) {
        return switch_hash(text, t.span);
    }
    let x = match bytes.get(t.span.start..t.span.start + 8) {
        Some(c) => u64::from_le_bytes(c.try_into().expect("8 bytes")),
        None => return switch_hash(text, t.span),
    };
    let keep = u64::MAX >> (64 - 8 * n);
    let lower = (x | 0x2020_2020_2020_2020) & keep;
    Some((lower.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 48) as usize)
}

/// The function words of every language, to tell most words of a sentence without a look-up
/// that they cannot switch it ([`Scan::may_switch`], #16): per copy language, a bit per
/// [`switch_hash`] of each ASCII function word [`FunctionWords::classify_in`] calls foreign or
/// weak in that language. A word whose bit is clear is neither (as looked up, a word is its
/// lower-case form; a word with `'`, a char outside ASCII or more than eight bytes has no hash and
/// is looked up).
pub struct SwitchWords {
    /// The lower-cased words of the function-word lexicons (the keys of [`FunctionWords`]).
    words: Vec<String>,
    /// By the copy language's index in [`FunctionWords`] (the last: none), built on first use.
    by_copy: Vec<OnceLock<Vec<u64>>>,
}

impl SwitchWords {
    fn of(&self, fw: &FunctionWords, copy_bit: Option<usize>) -> &[u64] {
        let slot = copy_bit.unwrap_or(self.by_copy.len() - 1).min(self.by_copy.len() - 1);
        self.by_copy[slot].get_or_init(|| {
            let mut bits = vec![0u64; 1 << 10];
            let mut buf = String::new();
            for w in &self.words {
                let (mask, flags) = fw.classify_in(w, &mut buf, copy_bit);
                let foreign = mask != 0 && copy_bit.is_none_or(|b| mask & (1 << b) == 0);
                if (foreign || (mask == 0 && flags & language::WEAK != 0))
                    && let Some(h) = switch_hash(w, Span::new(0, w.len()))
                {
                    bits[h / 64] |= 1 << (h % 64);
                }
            }
            bits
        })
    }
}

impl LexiconIndex for SwitchWords {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut words = Vec::new();
        for file in lexicons.of_kind("function-words") {
            let col = file.require("word")?;
            words.extend(file.rows.iter().map(|row| row.get(col).to_lowercase()));
        }
        // a slot per language a mask can hold, and one for a copy language without a profile
        Ok(SwitchWords { words, by_copy: (0..=32).map(|_| OnceLock::new()).collect() })
    }
}

impl LexiconIndex for LoanPhrases {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut phrases: std::collections::HashMap<String, Vec<String>> = Default::default();
        for file in lexicons.of_kind("loan-phrases") {
            let col = file.require("phrase")?;
            let list = phrases.entry(file.lang.clone()).or_default();
            for row in &file.rows {
                list.push(row.get(col).to_string());
            }
        }
        let mut by_lang = std::collections::HashMap::new();
        for (lang, list) in phrases {
            let m = LoanMatcher::new(&list).map_err(|e| LexiconError {
                path: format!("loan-phrases ({lang})"),
                line: 0,
                column: 0,
                message: e.to_string(),
            })?;
            by_lang.insert(lang, Arc::new(m));
        }
        Ok(LoanPhrases { by_lang })
    }
}

/// The script a language is written in, for [`furniture_labels`]: [`language::script_of_lang`]
/// (which knows the copy languages' scripts and reads any other as Latin) for the other languages
/// the residue lexicon and the detector name.
fn script_family(code: &str) -> Script {
    match code {
        "uk" | "bg" | "be" | "mk" | "sr" | "kk" | "ky" | "tg" | "mn" => Script::Cyrillic,
        "fa" | "ur" | "ps" => Script::Arabic,
        "ja" => Script::Han,
        "ko" => Script::Hangul,
        "el" => Script::Greek,
        "he" | "yi" => Script::Hebrew,
        "th" => Script::Thai,
        "hi" | "mr" | "ne" => Script::Devanagari,
        "hy" | "ka" => Script::Other,
        _ => language::script_of_lang(code),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_flags, run_lang};

    const R: UntranslatedFragment = UntranslatedFragment;

    /// [`mark_paragraph`]'s bracket depth as first written (every token of the paragraph read):
    /// the oracle of its equivalence test.
    fn paren_oracle(doc: &Document, para: Span, ctx: &mut [TokCtx]) {
        let lo = doc.tokens.partition_point(|t| t.span.start < para.start);
        let hi = doc.tokens.partition_point(|t| t.span.end <= para.end).max(lo);
        let mut depth = 0usize;
        for (t, x) in doc.tokens[lo..hi].iter().zip(&mut ctx[lo..hi]) {
            if t.kind == TokenKind::Punct {
                match doc.slice(t.span).chars().next() {
                    Some('(' | '[') => depth += 1,
                    Some(')' | ']') => depth = depth.saturating_sub(1),
                    _ => {}
                }
            } else if depth > 0 {
                x.paren = true;
            }
        }
    }

    /// Tokens in brackets are marked as the full read marked them, though only the tokens from
    /// a paragraph's first bracket on are read (fixtures, evaluation stories, generated texts).
    #[test]
    fn brackets_marked_as_by_a_full_read() {
        let mut n = 0;
        for text in crate::document::test_texts() {
            let doc = Document::from_text("t.txt", &text, &crate::document::AnalyseOptions::default());
            let flags = |c: &[TokCtx]| c.iter().map(|x| x.paren).collect::<Vec<_>>();
            let (mut new, mut old) = (vec![TokCtx::default(); doc.tokens.len()], vec![TokCtx::default(); doc.tokens.len()]);
            for (i, &para) in doc.paragraphs.iter().enumerate() {
                mark_paragraph(&doc, i, para, &mut new);
                paren_oracle(&doc, para, &mut old);
            }
            assert_eq!(flags(&new), flags(&old), "{text:?}");
            n += usize::from(old.iter().any(|x| x.paren));
        }
        assert!(n > 20, "texts with brackets: {n}");
    }

    #[test]
    fn sentences_the_pretest_skips_have_no_evidence() {
        // `Scan::run` reads no evidence where `may_switch` finds no word that could count: hold
        // that such a sentence's evidence counts no foreign, weak or marked word
        let lex = Lexicons::embedded();
        let (fw, loans) = (lex.index::<FunctionWords>().unwrap(), lex.index::<LoanPhrases>().unwrap());
        let (mut skipped, mut read) = (0, 0);
        for (k, text) in crate::document::test_texts().into_iter().enumerate() {
            let copy = ["en", "es", "id", "de", "ru", "fr"][k % 6];
            let opts = crate::document::AnalyseOptions { language: Some(copy.into()), ..Default::default() };
            let doc = Document::from_text("t.txt", text, &opts);
            let scan = Scan::new(&doc, copy, &fw, &loans);
            for s in &doc.sentences {
                let (lo, hi) = s.tokens;
                if scan.may_switch(lo, hi) {
                    read += 1;
                    continue;
                }
                skipped += 1;
                let ev = scan.evidence(lo, hi, true);
                assert!(ev.foreign_hits == 0 && ev.weak == 0 && ev.marked == 0, "{copy}: {}", doc.slice(s.span));
            }
        }
        assert!(skipped > 1000 && read > 1000, "{skipped} skipped, {read} read");
    }

    #[test]
    fn may_switch_is_the_oracles() {
        // the pre-test over zipped slices with the in-line hash of ASCII words answers as first
        // written, in every copy language with its switch words
        let lex = Lexicons::embedded();
        let (fw, loans, switch) =
            (lex.index::<FunctionWords>().unwrap(), lex.index::<LoanPhrases>().unwrap(), lex.index::<SwitchWords>().unwrap());
        let (mut yes, mut no) = (0, 0);
        for (k, text) in crate::document::test_texts().into_iter().enumerate() {
            let copy = ["en", "es", "id", "de", "ru", "fr", "vi"][k % 7];
            let opts = crate::document::AnalyseOptions { language: Some(copy.into()), ..Default::default() };
            let doc = Document::from_text("t.txt", text, &opts);
            let mut scan = Scan::new(&doc, copy, &fw, &loans);
            scan.switch = Some(switch.of(&fw, scan.copy_bit));
            for s in &doc.sentences {
                let (lo, hi) = s.tokens;
                let got = scan.may_switch(lo, hi);
                assert_eq!(got, scan.may_switch_oracle(lo, hi), "{copy}: {}", doc.slice(s.span));
                if got { yes += 1 } else { no += 1 }
            }
            for t in doc.tokens.iter().filter(|t| t.is_word()) {
                assert_eq!(token_switch_hash(&doc.text, t), switch_hash(&doc.text, t.span), "{}", doc.slice(t.span));
            }
        }
        assert!(yes > 1000 && no > 1000, "{yes} may switch, {no} not");
    }

    #[test]
    fn switch_words_pass_every_foreign_or_weak_word() {
        // `may_switch` skips a word whose `SwitchWords` bit is clear: hold that such a word is
        // no foreign function word and no weak homograph, in every copy language
        let lex = Lexicons::embedded();
        let (fw, switch) = (lex.index::<FunctionWords>().unwrap(), lex.index::<SwitchWords>().unwrap());
        let mut texts = crate::document::test_texts();
        texts.push(fw.languages().join(" ") + " l'Élysée qu'il DIE Die die LA La et ET yang YANG dengan");
        let (mut skipped, mut buf) = (0, String::new());
        for text in texts.iter().step_by(3) {
            let doc = Document::from_text("t.txt", text.clone(), &Default::default());
            for copy in fw.languages().iter().map(|l| fw.index_of(l)).chain([None]) {
                let bits = switch.of(&fw, copy);
                for t in doc.tokens.iter().filter(|t| t.is_word()) {
                    let Some(h) = switch_hash(&doc.text, t.span) else { continue };
                    if bits[h / 64] & (1 << (h % 64)) != 0 {
                        continue;
                    }
                    skipped += 1;
                    let (mask, flags) = fw.classify_in(doc.slice(t.span), &mut buf, copy);
                    let foreign = mask != 0 && copy.is_none_or(|b| mask & (1 << b) == 0);
                    assert!(!foreign && (mask != 0 || flags & language::WEAK == 0), "{copy:?}: {}", doc.slice(t.span));
                }
            }
        }
        assert!(skipped > 10_000, "{skipped}");
    }

    #[test]
    fn between_names_is_the_oracles() {
        let lex = Lexicons::embedded();
        let fw = lex.index::<FunctionWords>().unwrap();
        let loans = lex.index::<LoanPhrases>().unwrap();
        let mut texts = crate::document::test_texts();
        texts.push("Universidad de Chile, Lula da Silva, Banco de la Nación, d'Assurance sur la Vie, al-Quds de x-y".into());
        let mut checked = 0;
        for t in &texts {
            let doc = Document::from_text("t.txt", t.as_str(), &crate::document::AnalyseOptions::default());
            let scan = Scan::new(&doc, "en", &fw, &loans);
            for s in &doc.sentences {
                let (lo, hi) = s.tokens;
                for i in lo..hi {
                    assert_eq!(scan.between_names(i, lo, hi), scan.between_names_oracle(i, lo, hi), "{t:?} token {i}");
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "{checked}");
    }

    #[test]
    fn loan_phrases_are_the_automatons() {
        // the word-start trie only tells a story it has no phrase: the phrases found are the
        // automaton's, in stories with and without them
        let lex = Lexicons::embedded();
        let loans = lex.index::<LoanPhrases>().unwrap();
        let m = &loans.by_lang["en"];
        assert!(m.trie.is_some());
        let mut texts = crate::document::test_texts();
        let mut rng = crate::document::TestRng::new();
        let phrases = ["de facto", "et al", "al dente", "à la carte", "carte blanche", "vis-à-vis", "mano a mano", "Ad Hoc", "coup d'état"];
        let seps = [" ", "", "b", ", ", "é", "-", "\n"];
        for _ in 0..2000 {
            let mut t = String::new();
            for _ in 0..rng.next_u64() % 6 {
                t.push_str(seps[rng.next_u64() as usize % seps.len()]);
                t.push_str(phrases[rng.next_u64() as usize % phrases.len()]);
            }
            texts.push(t);
        }
        let mut found = 0;
        for text in &texts {
            let mut got = Vec::new();
            let mut starts = Vec::new();
            crate::text::for_each_word_start(text, |p| starts.push(p));
            m.for_each(text, &starts, |s| got.push(s));
            let want: Vec<Span> =
                m.ac.find_iter(text.as_str()).map(|x| Span::new(x.start(), x.end())).filter(|&s| at_word_boundary(text, s)).collect();
            assert_eq!(got, want, "{text:?}");
            found += want.len();
        }
        assert!(found > 1000, "{found}");
    }

    #[test]
    fn flags_indonesian_sentence_in_english_copy() {
        assert_flags(
            &R,
            "The minister said the talks would resume next week in Cairo, according to officials. \
             Pemerintah tidak akan mundur dari kebijakan yang sudah diputuskan bersama DPR. \
             The ministry did not give further details on the talks.",
            &["Pemerintah tidak akan mundur dari kebijakan yang sudah diputuskan bersama DPR."],
        );
    }

    #[test]
    fn latin_run_in_cyrillic_copy_keeps_its_final_number() {
        let text = "Банк России сохранил ключевую ставку, говорится в сообщении регулятора.\n\n\
                    Photo: The headquarters of the Central Bank of Russia in Moscow on Friday, February 14.\n\n\
                    Следующее заседание запланировано на март.";
        let (doc, f) = run_lang(&R, text, Some("ru"));
        let got: Vec<_> = f.iter().map(|f| doc.slice(f.span)).collect();
        assert_eq!(got, ["Photo: The headquarters of the Central Bank of Russia in Moscow on Friday, February 14"]);
    }

    #[test]
    fn flags_english_boilerplate_in_spanish_copy() {
        let text = "El ministro de Exteriores dijo el lunes que las conversaciones se reanudarán la próxima semana en El Cairo. \
                    Según fuentes diplomáticas, las partes no han llegado a un acuerdo sobre el alto el fuego. \
                    This material may not be published, broadcast, rewritten or redistributed without permission.";
        let (doc, f) = run_lang(&R, text, None);
        assert_eq!(doc.language, Some("es"));
        assert_eq!(f.len(), 1, "{:?}", f.iter().map(|f| &f.message).collect::<Vec<_>>());
        assert!(doc.slice(f[0].span).starts_with("This material"));
        assert!(f[0].message.contains("English"), "{}", f[0].message);
    }

    #[test]
    fn flags_arabic_sentence_in_english_copy() {
        let (doc, f) = run_lang(
            &R,
            "The spokesman spoke to reporters in Gaza on Monday about the talks. وقال المتحدث إن المفاوضات ستستأنف الأسبوع المقبل في القاهرة. He gave no details.",
            Some("en"),
        );
        assert_eq!(f.len(), 1);
        assert!(doc.slice(f[0].span).starts_with("وقال"));
    }

    #[test]
    fn ignores_names_glosses_and_short_quotes() {
        assert_clean(
            &R,
            "The state news agency Kantor Berita Antara (Antara News Agency) said President Prabowo Subianto \
             had met members of Dewan Perwakilan Rakyat. Protesters chanted \"turun, turun, tidak ada yang takut\" \
             outside the building. Officials from the Universidad de la República and the Banco de la Nación attended.",
        );
    }

    #[test]
    fn ignores_loan_phrases_and_titles() {
        assert_clean(
            &R,
            "The de facto leader called the vote a fait accompli. Critics saw the move as a coup d'état en route \
             to a one-party state, and the minister quoted Les Misérables and Der Untergang in his speech.",
        );
    }

    #[test]
    fn ignores_german_homographs_in_english() {
        assert_clean(&R, "Die-hard supporters said the man was so tired he will die in the war unless he has a hat.");
    }

    #[test]
    fn ignores_indonesian_copy() {
        let (_, f) = run_lang(
            &R,
            "Menteri Luar Negeri mengatakan bahwa perundingan akan dilanjutkan pekan depan di Kairo. \
             Ia menambahkan bahwa pemerintah tidak akan mundur dari kebijakan yang sudah diputuskan.",
            None,
        );
        assert!(f.is_empty());
    }

    #[test]
    fn flags_indonesian_clause_in_english_sentence() {
        assert_flags(
            &R,
            "The minister spoke to reporters on Monday about the new budget and the election timetable, \
             yang sudah diputuskan oleh pemerintah dan DPR pada tahun lalu. \
             The opposition said the plan was not realistic.",
            &["yang sudah diputuskan oleh pemerintah dan DPR pada tahun lalu"],
        );
    }

    #[test]
    fn flags_spanish_clause_with_one_function_word_in_four() {
        assert_flags(
            &R,
            "The electoral council said the count covered most of the ballots cast on Sunday. \
             The count was based on 80 percent of the ballots, según informó el organismo electoral en la madrugada del lunes. \
             The opposition rejected the result and asked for a recount.",
            &["según informó el organismo electoral en la madrugada del lunes"],
        );
    }

    #[test]
    fn ignores_english_clause_with_stray_foreign_particles() {
        assert_clean(
            &R,
            "The team played in Rio de Janeiro and Porto Alegre last season, where coach Carlo Ancelotti \
             praised the defence, the midfield and the forwards after a long run of wins.",
        );
    }

    #[test]
    fn flags_short_sentences_without_english_function_words() {
        // German nouns are capitalised, so few words are evidence; language ID decides
        assert_flags(
            &R,
            "The talks in Geneva lasted six hours, a spokesman said. Die Verhandlungen wurden gestern ohne Ergebnis abgebrochen. \
             Both sides agreed to meet again next month.",
            &["Die Verhandlungen wurden gestern ohne Ergebnis abgebrochen."],
        );
        assert_flags(
            &R,
            "The port reopened on Monday after the storm. Chính phủ sẽ tiếp tục hỗ trợ người dân bị ảnh hưởng bởi bão. \
             Shipping lines said delays would last a week.",
            &["Chính phủ sẽ tiếp tục hỗ trợ người dân bị ảnh hưởng bởi bão."],
        );
        assert_flags(
            &R,
            "The city council voted on the mayor's plan late on Tuesday, and the opposition said it would appeal to the courts. \
             Les élus ont rejeté la proposition du maire. A new vote on the budget is expected in the spring, officials said.",
            &["Les élus ont rejeté la proposition du maire."],
        );
    }

    #[test]
    fn flags_a_short_sentence_in_another_script() {
        assert_flags(
            &R,
            "The minister declined to comment on the report. Это было непросто. He left the building without speaking to reporters.",
            &["Это было непросто"],
        );
    }

    #[test]
    fn ignores_name_chains_and_accented_loan_words() {
        assert_clean(
            &R,
            "The consortium includes Caisse Centrale du Credit et des Travaux Agricoles and Mutuelle d'Epargne sur la Vie des Cadres, \
             officials said. The café owner, a naïve protégé of the chef, served crème brûlée and café au lait. \
             Vladimir Putin met Sergei Lavrov. Владимир Путин.",
        );
    }
}
