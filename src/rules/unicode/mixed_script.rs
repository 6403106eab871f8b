//! UN002 mixed-script: a word that mixes letters of two scripts (a Cyrillic `і` inside
//! `Putin`, a Latin `a` inside `Москва`, an Arabic letter inside a Turkish name).

use crate::document::segment::script_of;
use crate::document::{Document, Script};
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

pub struct MixedScript;

pub static META: RuleMeta = RuleMeta {
    name: "mixed-script",
    code: "UN002",
    family: Family::Unicode,
    severity: Severity::Warning,
    // a homoglyph inside a name (`Krasnоgorsk` with a Cyrillic o) is one artifact, not a second spelling
    supersedes: &[crate::rules::Supersede { loser: "name-inconsistency", min_confidence: Confidence::Low }],
    summary: "A word mixing Latin with Cyrillic, Greek or Arabic letters (look-alike letters, OCR or keyboard slips)",
    explain: r#"## What it flags
One word whose letters come from two scripts: Cyrillic or Greek look-alikes inside a Latin
word (`Рutin` with a Cyrillic `Р`), Latin letters inside a Cyrillic word (`Москвa`), or an
Arabic or Hebrew letter stuck inside a Latin name.

## Why it matters
The word looks right but is a different string: it will not match the name in search,
archives or entity lexicons, spell checkers skip it, and it is the classic sign of copy that
went through a transliteration tool, an OCR pass or a mis-set keyboard.

## Example
`President Vladimir Рutin` (U+0420 CYRILLIC CAPITAL LETTER ER).

## Better
`President Vladimir Putin`. When every stray letter has a look-alike in the word's main
script, the fix swaps them (safe: the reader sees the same word).

## False positives
Parts joined by a hyphen or apostrophe are judged separately (`β-blockers`, `Twitter-аккаунт`),
and Arabic proclitics before a Latin acronym (`لـCNN`, `بالـBBC`) are normal Arabic style.
Disable with `[rules.mixed-script] enabled = false`.

## Lexicon
None: look-alike letters follow the Unicode confusables data for Latin, Cyrillic and Greek."#,
    lexicons: &[],
};

/// Look-alike pairs (Cyrillic or Greek letter, Latin letter), from Unicode confusables.
const HOMOGLYPHS: &[(char, char)] = &[
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('ԁ', 'd'),
    ('ԛ', 'q'),
    ('ԝ', 'w'),
    ('һ', 'h'),
    ('ӏ', 'l'),
    ('ү', 'y'),
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('Ү', 'Y'),
    ('Ԛ', 'Q'),
    ('Ԝ', 'W'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('ο', 'o'),
    ('ν', 'v'),
    ('ι', 'i'),
];

/// The look-alike of `c` in `target` script, if there is one.
fn homoglyph(c: char, target: Script) -> Option<char> {
    match target {
        Script::Latin => HOMOGLYPHS.iter().find(|(o, _)| *o == c).map(|(_, l)| *l),
        Script::Cyrillic => HOMOGLYPHS.iter().find(|(o, l)| *l == c && script_of(*o) == Some(Script::Cyrillic)).map(|(o, _)| *o),
        Script::Greek => HOMOGLYPHS.iter().find(|(o, l)| *l == c && script_of(*o) == Some(Script::Greek)).map(|(o, _)| *o),
        _ => None,
    }
}

/// Scripts whose mixing inside a word is never normal writing.
fn checked(s: Script) -> bool {
    matches!(s, Script::Latin | Script::Cyrillic | Script::Greek | Script::Arabic | Script::Hebrew)
}

fn copy_script(lang: Option<&str>) -> Script {
    match lang {
        Some("ru" | "uk" | "bg" | "sr" | "mk" | "be" | "kk") => Script::Cyrillic,
        Some("el") => Script::Greek,
        Some("ar" | "fa" | "ur") => Script::Arabic,
        Some("he") => Script::Hebrew,
        _ => Script::Latin,
    }
}

impl Rule for MixedScript {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let home = copy_script(doc.language);
        for t in doc.tokens.iter().filter(|t| t.script == Script::Mixed) {
            let mut pos = t.span.start;
            // judge hyphen/apostrophe-joined parts separately
            for part in doc.slice(t.span).split(['-', '\'', '’', '\u{2010}', '\u{2011}']) {
                let span = Span::new(pos, pos + part.len());
                pos += part.len();
                pos += doc.text[pos..].chars().next().map(char::len_utf8).unwrap_or(0);
                check_part(doc, span, home, out);
            }
        }
    }
}

fn check_part(doc: &Document, span: Span, home: Script, out: &mut Output) {
    let word = doc.slice(span);
    let mut counts: Vec<(Script, usize)> = Vec::new();
    for s in word.chars().filter_map(script_of) {
        match counts.iter_mut().find(|(x, _)| *x == s) {
            Some((_, n)) => *n += 1,
            None => counts.push((s, 1)),
        }
    }
    if counts.len() < 2 || !counts.iter().all(|(s, _)| checked(*s)) {
        return;
    }
    // the word's main script: most letters, ties to the copy's script
    let main = counts.iter().max_by_key(|(s, n)| (*n, *s == home)).map(|(s, _)| *s).unwrap();
    if arabic_proclitic(word) {
        return;
    }
    let strays: Vec<char> = word.chars().filter(|&c| script_of(c).is_some_and(|s| s != main)).collect();
    // Greek letters that look like no Latin letter are symbols in their own right:
    // `μg`, `5μm`, `ΔG`, `γ-ray`; only look-alikes (`Α`, `ο`, `ν`) are slips
    if main == Script::Latin && strays.iter().all(|&c| script_of(c) == Some(Script::Greek) && homoglyph(c, Script::Latin).is_none()) {
        return;
    }
    let fixed: Option<String> =
        word.chars().map(|c| if script_of(c).is_some_and(|s| s != main) { homoglyph(c, main) } else { Some(c) }).collect();
    let list: Vec<String> =
        strays.iter().map(|c| format!("`{c}` (U+{:04X}, {})", *c as u32, script_name(script_of(*c).unwrap()))).collect();
    let message = format!(
        "`{word}` mixes {} letters with {}; it will not match the {} spelling in search or lexicons",
        script_name(main),
        list.join(", "),
        script_name(main)
    );
    let f = match fixed {
        Some(fixed) => Finding::new(&META, span, Confidence::High, message).replace_with(fixed, Applicability::Safe),
        None => Finding::new(&META, span, Confidence::Medium, message),
    };
    out.push(f);
}

/// `لـCNN`, `والـBBC`: Arabic prefixes written onto a Latin acronym.
fn arabic_proclitic(word: &str) -> bool {
    let latin_start = word.char_indices().find(|&(_, c)| script_of(c) == Some(Script::Latin)).map(|(i, _)| i).unwrap_or(0);
    let (head, tail) = word.split_at(latin_start);
    !head.is_empty()
        && head.chars().all(|c| script_of(c) == Some(Script::Arabic) || c == '\u{0640}')
        && head.chars().count() <= 4
        && tail.chars().all(|c| script_of(c) != Some(Script::Arabic))
}

fn script_name(s: Script) -> &'static str {
    match s {
        Script::Latin => "Latin",
        Script::Cyrillic => "Cyrillic",
        Script::Greek => "Greek",
        Script::Arabic => "Arabic",
        Script::Hebrew => "Hebrew",
        _ => "other",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags};

    #[test]
    fn flags_cyrillic_letters_in_latin_names() {
        assert_flags(&MixedScript, "President Vladimir \u{0420}utin said.", &["\u{0420}utin"]);
        assert_fix(&MixedScript, "Vladimir Put\u{0456}n said.", "Vladimir Putin said.");
    }

    #[test]
    fn flags_latin_letter_in_cyrillic_word() {
        assert_fix(&MixedScript, "Переговоры в Москвa прошли.", "Переговоры в Москва прошли.");
    }

    #[test]
    fn flags_arabic_letter_in_latin_name_without_fix() {
        let (doc, f) = crate::rules::testing::run(&MixedScript, "President Erdo\u{063A}an spoke.");
        assert_eq!(doc.slice(f[0].span), "Erdo\u{063A}an");
        assert!(f[0].suggestion.is_none());
    }

    #[test]
    fn ignores_hyphenated_parts_and_greek_prefixes() {
        assert_clean(&MixedScript, "β-blockers and Twitter-аккаунт and the α-version.");
    }

    #[test]
    fn ignores_greek_symbols_in_units() {
        assert_clean(&MixedScript, "Levels reached 5μg per litre, 3μm particles and a ΔG shift of 2 kΩ.");
    }

    #[test]
    fn ignores_arabic_proclitic_on_latin_acronym() {
        assert_clean(&MixedScript, "وقال لـCNN إن المحادثات بدأت");
    }

    #[test]
    fn ignores_an_arabic_quote_inside_english_copy() {
        assert_clean(&MixedScript, "Protesters chanted \"الشعب يريد\" outside the embassy.");
    }
}
