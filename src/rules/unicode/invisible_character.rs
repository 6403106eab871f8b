//! UN003 invisible-character: zero-width spaces and joiners, soft hyphens, stray byte-order
//! marks and bidi controls left in copy, where they break search, matching and word counts.

use crate::document::Document;
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

pub struct InvisibleCharacter;

pub static META: RuleMeta = RuleMeta {
    name: "invisible-character",
    code: "UN003",
    family: Family::Unicode,
    severity: Severity::Warning,
    supersedes: &[],
    summary: "Zero-width spaces/joiners, soft hyphens, stray BOMs or bidi controls inside the copy",
    explain: r#"## What it flags
Invisible format characters inside words or Latin-script text: zero-width space (U+200B),
zero-width non-joiner and joiner (U+200C, U+200D), word joiner (U+2060), a byte-order mark
anywhere but the very start of a file (U+FEFF), soft hyphens (U+00AD), and bidirectional
controls (U+200E, U+200F, U+202A-U+202E, U+2066-U+2069, U+061C) in paragraphs with no
right-to-left text.

## Why it matters
They are pasted in from CMS editors, PDFs and web pages. Readers do not see them, but search,
the wire's dedup, spell checkers and name matching do: `Palestinian` with a zero-width space
(U+200B) after `Pales` does not match `Palestinian`. Bidi overrides can reorder what a reader sees.

## Example
`The Pales<U+200B>tinian Authority said ...` (a zero-width space inside the word)

## Better
`The Palestinian Authority said ...`

## False positives
Joiners are part of the writing in Indic, Arabic and Persian text and in emoji sequences
(woman + U+200D + medical symbol), zero-width spaces mark word breaks in Thai, Khmer, Lao and Burmese, and bidi marks
belong next to right-to-left text: none of these is flagged. A byte-order mark at the start of
the file is left alone. Disable with `[rules.invisible-character] enabled = false`.

## Lexicon
None: the character classes are Unicode properties."#,
    lexicons: &[],
};

/// What kind of invisible character, for messages.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    ZeroWidthSpace,
    Joiner,
    SoftHyphen,
    Bom,
    Bidi,
}

/// The kind of an invisible character, or `None` for any other char (mojibake asks it of the
/// char an undecoded reference stands for).
pub(crate) fn kind_of(c: char) -> Option<Kind> {
    Some(match c {
        '\u{200B}' | '\u{2060}' | '\u{180E}' => Kind::ZeroWidthSpace,
        '\u{200C}' | '\u{200D}' => Kind::Joiner,
        '\u{00AD}' => Kind::SoftHyphen,
        '\u{FEFF}' => Kind::Bom,
        '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{061C}' => Kind::Bidi,
        _ => return None,
    })
}

/// The name of an invisible character, for messages.
pub(crate) fn describe(c: char) -> &'static str {
    match c {
        '\u{200B}' => "zero-width space",
        '\u{2060}' => "word joiner",
        '\u{180E}' => "Mongolian vowel separator",
        '\u{200C}' => "zero-width non-joiner",
        '\u{200D}' => "zero-width joiner",
        '\u{00AD}' => "soft hyphen",
        '\u{FEFF}' => "byte-order mark",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{061C}' => "Arabic letter mark",
        '\u{202A}'..='\u{202E}' => "bidi embedding/override",
        _ => "bidi isolate",
    }
}

/// Scripts in which joiners shape letters (Arabic, Syriac, Thaana, Indic, Sinhala, Myanmar,
/// Khmer, Mongolian...).
fn joining_script(c: char) -> bool {
    matches!(c as u32, 0x0600..=0x08FF | 0x0900..=0x0DFF | 0x0F00..=0x0FFF | 0x1000..=0x109F | 0x1780..=0x18AF | 0xA8E0..=0xA8FF | 0xFB50..=0xFDFF | 0xFE70..=0xFEFE)
}

/// Scripts that mark word breaks with zero-width spaces (Thai, Lao, Khmer, Myanmar) or run
/// words together (CJK).
fn zwsp_script(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x2E80..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3134F)
}

/// Pictographs, their modifiers and variation selectors: the parts of emoji ZWJ sequences.
fn emoji_part(c: char) -> bool {
    matches!(c as u32, 0x2190..=0x21FF | 0x2300..=0x23FF | 0x2600..=0x27BF | 0x2B00..=0x2BFF | 0xFE0F | 0x1F000..=0x1FAFF | 0xE0020..=0xE007F)
}

/// Is the char in a right-to-left script (Hebrew, Arabic, Syriac, Thaana...)?
pub(crate) fn rtl(c: char) -> bool {
    matches!(c as u32, 0x0590..=0x08FF | 0xFB1D..=0xFDFF | 0xFE70..=0xFEFE)
}

impl Rule for InvisibleCharacter {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let text = doc.text.as_str();
        if text.is_ascii() {
            return;
        }
        // runs of adjacent invisible characters, then grouped by the word they sit in; one
        // pass, with the neighbours and the line's right-to-left test carried along, so a long
        // run of invisible characters or a long line costs linear time
        let runs = invisible_runs(text);
        let words = words_around(text, &runs);
        let mut groups: Vec<(Span, Vec<(Span, char)>)> = Vec::new();
        for ((span, first), word) in runs.into_iter().zip(words) {
            match groups.last_mut() {
                Some((w, members)) if w.overlaps(word) || w.end == span.start => {
                    *w = w.cover(word);
                    members.push((span, first));
                }
                _ => groups.push((word, vec![(span, first)])),
            }
        }
        for (word, members) in groups {
            report(text, word, &members, out);
        }
    }
}

/// The runs of adjacent invisible characters that are not doing a job where they stand, with
/// each run's first character. Only the characters at the lead bytes of invisible characters
/// (`C2` soft hyphen, `D8` Arabic letter mark, `E1` Mongolian vowel separator, `E2` the
/// zero-width, joiner and bidi controls, `EF` byte-order mark) are decoded, found by `memchr`
/// (#16: the rule decoded every character of every story to find none).
fn invisible_runs(text: &str) -> Vec<(Span, char)> {
    let bytes = text.as_bytes();
    let mut runs: Vec<(Span, char)> = Vec::new();
    let mut near = Neighbours::default();
    let mut leads = memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).peekable();
    let mut others = memchr::memchr2_iter(0xD8, 0xE1, bytes).peekable();
    loop {
        // the two scans merged in text order
        let i = match (leads.peek(), others.peek()) {
            (Some(&a), Some(&b)) if b < a => others.next(),
            (Some(_), _) => leads.next(),
            (None, _) => others.next(),
        };
        let Some(i) = i else { break };
        // (a lead byte starts a character)
        let c = text[i..].chars().next().unwrap_or_default();
        if kind_of(c).is_none() {
            continue;
        }
        // the visible character just before (an invisible one leaves the run's `before`)
        if let Some(p) = text[..i].chars().next_back()
            && kind_of(p).is_none()
        {
            near.before = Some(p);
        }
        if !(i == 0 && c == '\u{FEFF}' || near.legitimate(text, i, c)) {
            let end = i + c.len_utf8();
            match runs.last_mut() {
                Some((s, _)) if s.end == i => s.end = end,
                _ => runs.push((Span::new(i, end), c)),
            }
        }
    }
    runs
}

/// [`invisible_runs`] as it was: every character decoded.
#[cfg(test)]
fn invisible_runs_oracle(text: &str) -> Vec<(Span, char)> {
    let mut runs: Vec<(Span, char)> = Vec::new();
    let mut near = Neighbours::default();
    for (i, c) in text.char_indices() {
        if kind_of(c).is_none() {
            near.before = Some(c);
            continue;
        }
        if !(i == 0 && c == '\u{FEFF}' || near.legitimate(text, i, c)) {
            let end = i + c.len_utf8();
            match runs.last_mut() {
                Some((s, _)) if s.end == i => s.end = end,
                _ => runs.push((Span::new(i, end), c)),
            }
        }
    }
    runs
}

/// `super::word_around` of every run (sorted, disjoint), in linear time: a run whose word
/// reaches the previous (next) run shares that run's word start (end).
fn words_around(text: &str, runs: &[(Span, char)]) -> Vec<Span> {
    let inner = |c: char| kind_of(c).is_some();
    let is_part = |c: char| c.is_alphanumeric() || inner(c);
    let mut words: Vec<Span> = Vec::with_capacity(runs.len());
    for (k, &(span, _)) in runs.iter().enumerate() {
        let floor = if k > 0 { runs[k - 1].0.end } else { 0 };
        let mut start = span.start;
        let mut reached = true;
        for (i, c) in text[floor..span.start].char_indices().rev() {
            if !is_part(c) {
                reached = false;
                break;
            }
            start = floor + i;
        }
        // every char back to the previous run is part of the word: so is that run's word
        if reached && k > 0 {
            start = words[k - 1].start.min(start);
        }
        words.push(Span::new(start, span.end));
    }
    for k in (0..runs.len()).rev() {
        let span = runs[k].0;
        let ceiling = runs.get(k + 1).map_or(text.len(), |r| r.0.start);
        let mut end = span.end;
        let mut reached = true;
        for (i, c) in text[span.end..ceiling].char_indices() {
            if !is_part(c) {
                reached = false;
                break;
            }
            end = span.end + i + c.len_utf8();
        }
        if reached && k + 1 < runs.len() {
            end = words[k + 1].end.max(end);
        }
        words[k].end = end;
    }
    words
}

/// What [`Neighbours::legitimate`] needs about the text around an invisible character, kept
/// while scanning forward.
#[derive(Default)]
struct Neighbours {
    /// The last visible (not invisible) character before the current position.
    before: Option<char>,
    /// The first visible character at or after `after.0` (and after every invisible
    /// character up to it).
    after: Option<(usize, Option<char>)>,
    /// The line (`start..end`) last tested for right-to-left text, and the answer.
    line: Option<(usize, usize, bool)>,
}

impl Neighbours {
    /// Is the invisible character at `i` doing its job here? (`before` must be current.)
    fn legitimate(&mut self, text: &str, i: usize, c: char) -> bool {
        let next = i + c.len_utf8();
        let after = match self.after {
            Some((at, a)) if at >= next => a,
            _ => {
                let found = text[next..].char_indices().find(|&(_, n)| kind_of(n).is_none());
                let (at, a) = match found {
                    Some((j, n)) => (next + j, Some(n)),
                    None => (text.len(), None),
                };
                self.after = Some((at, a));
                a
            }
        };
        let before = self.before;
        let either = |f: fn(char) -> bool| before.is_some_and(f) || after.is_some_and(f);
        match kind_of(c) {
            Some(Kind::Joiner) => either(joining_script) || (c == '\u{200D}' && either(emoji_part)),
            Some(Kind::ZeroWidthSpace) => either(zwsp_script),
            Some(Kind::Bidi) => {
                // marks and isolates belong in any paragraph that holds right-to-left text
                match self.line {
                    Some((start, end, rtl_line)) if start <= i && i < end => rtl_line,
                    _ => {
                        let start = text[..i].rfind('\n').map(|p| p + 1).unwrap_or(0);
                        let end = text[i..].find('\n').map(|p| i + p).unwrap_or(text.len());
                        let rtl_line = text[start..end].chars().any(rtl);
                        self.line = Some((start, end, rtl_line));
                        rtl_line
                    }
                }
            }
            _ => false,
        }
    }
}

fn report(text: &str, word: Span, members: &[(Span, char)], out: &mut Output) {
    let first = members[0].1;
    let shown: String = word.of(text).chars().filter(|&c| kind_of(c).is_none()).collect();
    let n: usize = members.iter().map(|(s, _)| s.of(text).chars().count()).sum();
    let what = if n == 1 {
        format!("a {} (U+{:04X})", describe(first), first as u32)
    } else {
        format!("{n} invisible characters, the first a {} (U+{:04X}),", describe(first), first as u32)
    };
    let message = if shown.is_empty() {
        format!("{what} between words; it is invisible to readers but breaks search and matching")
    } else {
        format!("{what} inside `{shown}`; it is invisible to readers but `{shown}` no longer matches in search, lexicons or dedup")
    };
    let confidence = if members.iter().all(|&(_, c)| kind_of(c) == Some(Kind::SoftHyphen)) { Confidence::Medium } else { Confidence::High };
    // stripping the characters out of the word only removes what was never visible
    out.push(Finding::new(&META, word, confidence, message).replace_with(shown, Applicability::Safe));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags};

    #[test]
    fn runs_are_the_oracles() {
        let mut texts = crate::document::test_texts();
        // every invisible character between letters of the scripts the tests read, at the start,
        // doubled, and next to other characters with the same lead bytes
        const PIECES: &[&str] = &[
            "\u{200B}", "\u{200C}", "\u{200D}", "\u{200E}", "\u{200F}", "\u{2060}", "\u{180E}", "\u{AD}", "\u{FEFF}", "\u{202A}",
            "\u{202E}", "\u{2066}", "\u{2069}", "\u{61C}", "a", "Z", " ", "\n", "ب", "ك", "ก", "中", "👍", "\u{FE0F}", "ᠠ", "“", "—", "é",
            "\u{A0}", "\u{FFFD}", "ؠ", "१",
        ];
        let mut rng = crate::document::TestRng::new();
        let mut next = move || rng.next_u64();
        for _ in 0..20_000 {
            let n = (next() % 16) as usize;
            texts.push((0..n).map(|_| PIECES[(next() % PIECES.len() as u64) as usize]).collect());
        }
        let mut found = 0;
        for t in &texts {
            let want = invisible_runs_oracle(t);
            assert_eq!(invisible_runs(t), want, "{t:?}");
            found += want.len();
        }
        assert!(found > 10_000, "{found}");
    }

    #[test]
    fn flags_zero_width_space_inside_a_word() {
        assert_flags(&InvisibleCharacter, "The Pales\u{200b}tinian Authority said.", &["Pales\u{200b}tinian"]);
        assert_fix(&InvisibleCharacter, "The Pales\u{200b}tinian Authority said.", "The Palestinian Authority said.");
    }

    #[test]
    fn flags_soft_hyphen_and_stray_bom() {
        assert_flags(&InvisibleCharacter, "Minister Shtay\u{ad}yeh and \u{feff}Hamas met.", &["Shtay\u{ad}yeh", "\u{feff}Hamas"]);
    }

    #[test]
    fn flags_bidi_controls_in_latin_text() {
        assert_flags(&InvisibleCharacter, "Talks in \u{202e}Moscow\u{202c} ended.", &["\u{202e}Moscow\u{202c}"]);
    }

    #[test]
    fn flags_joiner_between_latin_letters() {
        assert_fix(&InvisibleCharacter, "Erdo\u{200d}gan spoke.", "Erdogan spoke.");
    }

    #[test]
    fn ignores_leading_bom() {
        assert_clean(&InvisibleCharacter, "\u{feff}Talks in Moscow\n\nHamas said yes.");
    }

    #[test]
    fn ignores_emoji_zwj_sequences() {
        assert_clean(
            &InvisibleCharacter,
            "Doctors \u{1F469}\u{200D}\u{2695}\u{FE0F} and families \u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467} posted.",
        );
    }

    #[test]
    fn ignores_indic_and_persian_joiners() {
        assert_clean(
            &InvisibleCharacter,
            "He said \u{0915}\u{094D}\u{200D}\u{0937} and \u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645} today.",
        );
    }

    #[test]
    fn ignores_bidi_marks_next_to_arabic() {
        assert_clean(&InvisibleCharacter, "The banner read \u{200F}\u{0627}\u{0644}\u{0642}\u{062F}\u{0633}\u{200E} in red.");
    }

    #[test]
    fn words_around_runs_agree_with_word_around() {
        let text = "a\u{200b}b\u{200b}\u{200b}c d\u{ad}e \u{202e}\u{202c} x\u{200b} \u{200b}y z\u{feff}";
        let mut runs: Vec<(Span, char)> = Vec::new();
        for (i, c) in text.char_indices().filter(|&(_, c)| kind_of(c).is_some()) {
            match runs.last_mut() {
                Some((s, _)) if s.end == i => s.end = i + c.len_utf8(),
                _ => runs.push((Span::new(i, i + c.len_utf8()), c)),
            }
        }
        // every subset of runs (as the rule keeps only the ones that are not legitimate)
        for mask in 0u32..(1 << runs.len()) {
            let some: Vec<(Span, char)> = runs.iter().enumerate().filter(|(k, _)| mask & (1 << k) != 0).map(|(_, r)| *r).collect();
            let slow: Vec<Span> = some.iter().map(|&(s, _)| super::super::word_around(text, s, |c| kind_of(c).is_some())).collect();
            assert_eq!(words_around(text, &some), slow, "mask {mask}");
        }
    }

    #[test]
    fn long_runs_of_bidi_controls_are_linear() {
        let text = format!("Talks\n\nIn {} Moscow.", "\u{202e}\u{202c}".repeat(50_000));
        let t = std::time::Instant::now();
        let (_, f) = crate::rules::testing::run(&InvisibleCharacter, &text);
        assert_eq!(f.len(), 1);
        assert!(t.elapsed().as_secs() < 5);
    }

    #[test]
    fn ignores_thai_word_breaks() {
        assert_clean(&InvisibleCharacter, "\u{0E01}\u{0E23}\u{0E38}\u{0E07}\u{200B}\u{0E40}\u{0E17}\u{0E1E}");
    }
}
