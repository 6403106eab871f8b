//! UN001 mojibake: UTF-8 text that was decoded as Windows-1252 / Latin-1 somewhere on its
//! way to the desk (`ErdoÄŸan`, `â€œ`, `Ã©`), decoded twice, or replaced by U+FFFD.

use crate::document::Document;
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::rules::unicode::invisible_character::{Kind, describe, kind_of, rtl};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;
use crate::text::entities::decode_ref;

pub struct Mojibake;

pub static META: RuleMeta = RuleMeta {
    name: "mojibake",
    code: "UN001",
    family: Family::Unicode,
    severity: Severity::Error,
    // a damaged name (`LuĂs Montenegro`) is the encoding's fault, not a misspelling
    supersedes: &[
        crate::rules::Supersede { loser: "entity-corruption", min_confidence: Confidence::Medium },
        crate::rules::Supersede { loser: "name-inconsistency", min_confidence: Confidence::Medium },
    ],
    summary: "Encoding damage: UTF-8 read as Windows-1252/Latin-1 (\"ErdoÄŸan\", \"â€œ\"), U+FFFD, or HTML references left undecoded (\"caf&#233;\")",
    explain: r#"## What it flags
Runs of characters that are the bytes of UTF-8 text shown as Windows-1252 or Latin-1:
`ErdoÄŸan` for `Erdoğan`, `â€œessentialâ€` for `“essential”`, `CafÃ©` for `Café`, the same
damage applied twice (`Ã¢â‚¬Å“`), and U+FFFD replacement characters where a decoder gave up.
Also UTF-8 shown as Windows-1250 (`SĂŁo JosĂ©` for `São José`), recognised by its lead `Ă`
before a continuation byte, and as Thai Windows-874 (`Bidenโs`). When a decoder dropped the
continuation bytes, what is left is still flagged: a letter's lead inside a lower-case word
(`LuĂs`, no fix: the letter is lost) and, in English copy, a quotation mark's lead `â` at a
word's edge (`âstableâ`, `Lisbonâs`, `right â there`), with the likely mark as a fix.

HTML character references left undecoded (`caf&#233;`, `&quot;we will act&quot;`,
`&amp;quot;` escaped twice) are the same kind of damage one step earlier: a feed escaped text
that a CMS then escaped again, or the text was copied from a page's source. Every input format
decodes references once, so one still in the analysed text is damage whatever the format. Only
the strict form is read (`&name;` of the HTML 4 names, `&#233;`, `&#xE9;`, with the `;`), and
not inside a URL: `AT&T`, `R&D` and `?id=1&lang=en` are text.

## Why it matters
It is the most visible sign of careless syndication: readers see garbage in names and quotes,
and names no longer match anything. The damage happens when a feed's encoding is declared
wrong somewhere between the partner and the CMS.

## Example
`President Recep Tayyip ErdoÄŸan said the talks were â€œessentialâ€.`

## Better
`President Recep Tayyip Erdoğan said the talks were “essential”.` When every byte decodes
to a letter or punctuation mark, the repaired text is offered as a safe fix; so is a
reference's character (`café`, a space for `&nbsp;`, nothing for an invisible one, named in
the message; a bidi mark such as `&rlm;` beside right-to-left letters is written as the mark).
`&#191;` between letters (`Blair&#191;s`) is a converter's `¿` for a char it could not map,
most often an apostrophe: `’` is offered as a probable fix. A closing quote whose last byte was lost (`â€`) is repaired as `”` only as a probable fix. U+FFFD cannot be
repaired: re-fetch the original.

## False positives
A letter like `Ã`, `Ä` or `â` is flagged only when it is followed by the exact bytes UTF-8
would need, so Portuguese (`NÃO`), German, Turkish and Vietnamese text is left alone; a lone
`â` only in English copy and only at a word's edge (`château` and French copy are left alone),
and a lone `Ã` or `Ă` only between lower-case letters (Romanian `Ă` is a capital). A name the
damage touches is not also reported by entity-corruption or name-inconsistency. A `?` inside a
word (`Fran?ais`, `S?o Paulo`: a converter to a narrower character set wrote `?` for a letter
it could not encode) is flagged only in a capitalised word, before a lower-case letter, and
never in a URL or path (`index.php?id=5`): `us?no` and `Why?The` are words run together. No
fix is offered: the letter is lost.

## Lexicon
None: Windows-1252 and Windows-874 are built in, Windows-1250 comes from `encoding_rs`, and
the HTML 4 reference names are the table the input formats decode with (`src/text/entities.rs`)."#,
    lexicons: &[],
};

/// Windows-1252 bytes 0x80-0x9F (0 = undefined).
const CP1252_HIGH: [u32; 32] = [
    0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0, 0, 0x2018, 0x2019,
    0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
];

/// The byte a character was decoded from, reading as Windows-1252 (C1 controls as Latin-1).
fn cp1252_byte(c: char) -> Option<u8> {
    let u = c as u32;
    match u {
        0..=0xFF => Some(u as u8),
        _ => CP1252_HIGH.iter().position(|&x| x == u).map(|i| 0x80 + i as u8),
    }
}

/// Windows-1250 (Central European) bytes 0x80-0xFF as chars, from `encoding_rs` (undefined
/// bytes decode to U+FFFD and are left out).
static CP1250: std::sync::LazyLock<rustc_hash::FxHashMap<char, u8>> = std::sync::LazyLock::new(|| {
    (0x80u8..=0xFF)
        .filter_map(|b| {
            let byte = [b];
            let (s, _, _) = encoding_rs::WINDOWS_1250.decode(&byte);
            s.chars().next().filter(|&c| c != '\u{FFFD}').map(|c| (c, b))
        })
        .collect()
});

/// The code page a story's mojibake was decoded with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CodePage {
    /// Windows-1252 / Latin-1 (`CafÃ©`): the common case.
    W1252,
    /// Windows-1250 (`JosĂ©`, `SĂŁo`): Central European pipelines.
    W1250,
}

impl CodePage {
    fn byte(self, c: char) -> Option<u8> {
        match self {
            CodePage::W1252 => cp1252_byte(c),
            CodePage::W1250 => {
                if c.is_ascii() {
                    Some(c as u8)
                } else {
                    CP1250.get(&c).copied()
                }
            }
        }
    }

    fn name(self) -> &'static str {
        match self {
            CodePage::W1252 => "Windows-1252/Latin-1",
            CodePage::W1250 => "Windows-1250",
        }
    }

    /// Windows-1250 when the text holds its lead for a UTF-8 Latin letter (`Ă` for 0xC3, `Ĺ` for
    /// 0xC5) right before a continuation byte: `JosĂ©`. Romanian `Ă` is a capital and stands
    /// before a letter, never before `©`, `Ł` or `ş`.
    fn of(text: &str) -> CodePage {
        let mut it = text.match_indices(['\u{0102}', '\u{0139}']);
        let w1250 = it
            .any(|(i, m)| text[i + m.len()..].chars().next().is_some_and(|n| !n.is_ascii() && matches!(CP1250.get(&n), Some(0x80..=0xBF))));
        if w1250 { CodePage::W1250 } else { CodePage::W1252 }
    }
}

/// The byte a character was decoded from, reading as Windows-874 (Thai; TIS-620 with the
/// Windows punctuation at 0x80-0x97, C1 controls kept as Latin-1 decoders do).
fn cp874_byte(c: char) -> Option<u8> {
    let u = c as u32;
    match u {
        0..=0xA0 => Some(u as u8),
        0x0E01..=0x0E3A | 0x0E3F..=0x0E5B => Some((u - 0x0D60) as u8),
        0x20AC => Some(0x80),
        0x2026 => Some(0x85),
        0x2018..=0x2019 => Some((u - 0x2018 + 0x91) as u8),
        0x201C..=0x201D => Some((u - 0x201C + 0x93) as u8),
        0x2022 => Some(0x95),
        0x2013..=0x2014 => Some((u - 0x2013 + 0x96) as u8),
        _ => None,
    }
}

fn is_thai(c: char) -> bool {
    ('\u{0E01}'..='\u{0E5B}').contains(&c)
}

/// UTF-8 read as Windows-874 (Thai): `Bidenโs`, `โOur delegationโ`, `๐ค` for an emoji. The
/// lead byte of every curly quote, dash and ellipsis (0xE2) is Thai `โ` there, and an emoji's
/// (0xF0) is `๐`; the continuation bytes are `€`, C1 controls or nothing when a decoder drops
/// the bytes it cannot map. In Thai, `โ` is a leading vowel and always stands before a Thai
/// consonant, and `๐` is a digit, so a `โ` before anything else, or a `๐` run outside Thai
/// text, is damage. Returns the span, the repair (exact when every byte survived, else the
/// likely mark from its neighbours) and whether it is exact.
fn thai_units(text: &str) -> Vec<(Span, String, bool)> {
    let mut out = Vec::new();
    for (i, c) in text.match_indices(['\u{0E42}', '\u{0E50}']).map(|(i, m)| (i, m.chars().next().unwrap())) {
        let before = text[..i].chars().next_back();
        let mut end = i + c.len_utf8();
        if c == '\u{0E42}' && text[end..].chars().next().is_some_and(|a| ('\u{0E01}'..='\u{0E2E}').contains(&a)) {
            continue; // Thai: โ before a consonant
        }
        let mut bytes = vec![cp874_byte(c).unwrap()];
        let need = if c == '\u{0E42}' { 2 } else { 3 };
        for n in text[end..].chars() {
            match cp874_byte(n) {
                Some(b @ 0x80..=0xBF) if bytes.len() <= need && !n.is_ascii() => {
                    bytes.push(b);
                    end += n.len_utf8();
                }
                _ => break,
            }
        }
        let after = text[end..].chars().next();
        if before.is_some_and(is_thai) || after.is_some_and(is_thai) || (c == '\u{0E50}' && bytes.len() == 1) {
            continue; // inside Thai text, or a lone Thai zero
        }
        if bytes.len() == need + 1
            && let Some(d) = std::str::from_utf8(&bytes).ok().and_then(|s| s.chars().next())
        {
            out.push((Span::new(i, end), d.to_string(), true));
            continue;
        }
        if c == '\u{0E50}' {
            out.push((Span::new(i, end), String::new(), false));
            continue;
        }
        let word = |x: Option<char>| x.is_some_and(char::is_alphanumeric);
        let space = |x: Option<char>| x.is_none_or(|x| x.is_whitespace() || matches!(x, '(' | '['));
        let guess = match (before, after) {
            (b, a) if word(b) && word(a) => "\u{2019}",
            (b, a) if space(b) && space(a) => "\u{2014}",
            (b, _) if space(b) => "\u{201C}",
            _ => "\u{201D}",
        };
        out.push((Span::new(i, end), guess.to_string(), false));
    }
    out
}

/// One repaired stretch: its span, the repaired text, and whether the repair is certain.
struct Repair {
    span: Span,
    text: String,
    certain: bool,
}

/// Decodes one mojibake unit starting at `i` (a lead byte followed by its continuation
/// bytes, all as cp1252 characters). Returns the end offset and the decoded char.
fn unit_at(text: &str, i: usize, cp: CodePage) -> Option<(usize, char, bool)> {
    let mut chars = text[i..].char_indices();
    let (_, c) = chars.next()?;
    if c.is_ascii() || (cp == CodePage::W1252 && !('\u{80}'..='\u{FF}').contains(&c)) {
        return None;
    }
    let lead = cp.byte(c)?;
    let need = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        0xF0..=0xF4 => 3,
        _ => return None,
    };
    let mut bytes = vec![lead];
    let mut end = i + c.len_utf8();
    for _ in 0..need {
        match chars.next() {
            Some((k, n)) => match cp.byte(n) {
                Some(b @ 0x80..=0xBF) if !n.is_ascii() => {
                    bytes.push(b);
                    end = i + k + n.len_utf8();
                }
                _ => break,
            },
            None => break,
        }
    }
    if bytes.len() == need + 1 {
        let s = std::str::from_utf8(&bytes).ok()?;
        let d = s.chars().next()?;
        // a Windows-1250 letter pair decodes to anything: only Latin letters and punctuation count
        let expected = cp == CodePage::W1252 || ('\u{A0}'..='\u{24F}').contains(&d) || ('\u{2010}'..='\u{206F}').contains(&d) || d == '€';
        return (plausible(d) && expected).then_some((end, d, true));
    }
    // `â€` + a lost last byte (0x9D is undefined in cp1252, so it often vanishes): a closing quote
    if bytes == [0xE2, 0x80] {
        return Some((end, '\u{201D}', false));
    }
    None
}

/// Lead bytes whose continuation bytes a decoder dropped (undefined in the code page, or C1
/// controls stripped on the way): a UTF-8 letter's lead between two lower-case letters (`LuĂs`,
/// `JoÃo`: a capital `Ă` or `Ã` never stands inside a lower-case word), and in English copy a
/// punctuation mark's lead `â` at a word's edge (`Lisbonâs`, `âstableâ`: English has no word
/// opening or closing with `â`). The lost bytes cannot be read back: a letter is flagged without a
/// fix, a quote, apostrophe or dash with the likely mark from its neighbours.
fn lost_bytes(doc: &Document, text: &str, cp: CodePage, repairs: &[Repair], out: &mut Output) {
    let leads: &[char] = if cp == CodePage::W1250 { &['\u{0102}', 'â'] } else { &['Ã', 'â'] };
    if !contains_either(text, [leads[0], leads[1]]) {
        return;
    }
    let english = doc.language == Some("en");
    // repairs are in text order and do not overlap: the one that could hold `i` is the last
    // starting at or before it
    let taken = |i: usize| {
        let k = repairs.partition_point(|r| r.span.start <= i);
        k > 0 && i < repairs[k - 1].span.end
    };
    for (i, m) in text.match_indices(leads) {
        if taken(i) {
            continue;
        }
        let c = m.chars().next().unwrap_or(' ');
        let before = text[..i].chars().next_back();
        let after = text[i + m.len()..].chars().next();
        let lower = |x: Option<char>| x.is_some_and(char::is_lowercase);
        let letter = |x: Option<char>| x.is_some_and(char::is_alphabetic);
        if c != 'â' {
            if lower(before) && lower(after) {
                let span = super::word_around(text, Span::new(i, i + m.len()), |_| false);
                let message = format!(
                    "`{}` holds `{c}`, the first byte of a UTF-8 letter decoded as {} whose second byte was lost (mojibake); restore the letter from the original",
                    span.of(text),
                    cp.name()
                );
                out.push(Finding::new(&META, span, Confidence::Medium, message));
            }
            continue;
        }
        // `Lisbonâs`: an apostrophe before a possessive `s` (`s` then no letter)
        let possessive = after == Some('s') && !letter(text[i + m.len() + 1..].chars().next());
        if !english || (letter(before) && letter(after) && !possessive) {
            continue; // `château`, or not English copy
        }
        let guess = match (letter(before), letter(after)) {
            (true, true) => "\u{2019}",
            (false, false) => "\u{2014}",
            (false, true) => "\u{201C}",
            (true, false) => "\u{201D}",
        };
        if !(letter(before) || letter(after) || (before == Some(' ') && after == Some(' '))) {
            continue; // `â` alone between marks: not a dash
        }
        let span = Span::new(i, i + m.len());
        let word = super::word_around(text, span, |_| false);
        let place = if word == span { "between spaces".to_string() } else { format!("in `{}`", word.of(text)) };
        let message = format!(
            "`â` {place} is the first byte of a UTF-8 quotation mark, apostrophe or dash decoded as {} with the other bytes lost (mojibake); it probably read `{guess}`",
            cp.name()
        );
        out.push(Finding::new(&META, span, Confidence::Medium, message).replace_with(guess.to_string(), Applicability::Unsafe));
    }
}

/// Is a decoded char something copy contains (a letter, digit, punctuation or symbol, not a
/// control or an IPA letter)?
fn plausible(d: char) -> bool {
    !d.is_control() && !('\u{0250}'..='\u{02AF}').contains(&d) && (d as u32) >= 0xA0
}

fn repair_pass(s: &str, cp: CodePage) -> Vec<Repair> {
    let mut out: Vec<Repair> = Vec::new();
    let mut i = 0;
    while i < s.len() {
        let c = s[i..].chars().next().unwrap();
        if let Some((end, d, certain)) = unit_at(s, i, cp) {
            match out.last_mut() {
                Some(r) if r.span.end == i => {
                    r.span.end = end;
                    r.text.push(d);
                    r.certain &= certain;
                }
                _ => out.push(Repair { span: Span::new(i, end), text: d.to_string(), certain }),
            }
            i = end;
        } else {
            i += c.len_utf8();
        }
    }
    out
}

/// Repairs a damaged stretch, undoing double encoding (up to three rounds).
fn repair(s: &str, cp: CodePage) -> (String, bool) {
    let mut text = s.to_string();
    let mut certain = true;
    for _ in 0..3 {
        let reps = repair_pass(&text, cp);
        if reps.is_empty() {
            break;
        }
        let mut next = String::with_capacity(text.len());
        let mut at = 0;
        for r in &reps {
            next.push_str(&text[at..r.span.start]);
            next.push_str(&r.text);
            certain &= r.certain;
            at = r.span.end;
        }
        next.push_str(&text[at..]);
        text = next;
    }
    (text, certain)
}

/// `text.contains([a, b])`, by byte: a char's UTF-8 bytes occur in a text only where the char
/// is, so the places to test are those of their lead bytes, found by `memchr` (#16: the char
/// searcher decoded every char of every story that is not ASCII; the leads tested here, of
/// `Ã`, `â`, `Ă` and Thai letters, are rare in most copy).
fn contains_either(text: &str, [a, b]: [char; 2]) -> bool {
    let (mut ea, mut eb) = ([0u8; 4], [0u8; 4]);
    let (a, b) = (a.encode_utf8(&mut ea).as_bytes(), b.encode_utf8(&mut eb).as_bytes());
    let t = text.as_bytes();
    memchr::memchr2_iter(a[0], b[0], t).any(|i| t[i..].starts_with(a) || t[i..].starts_with(b))
}

/// A character reference in its strict form (`&eacute;`, `&#233;`, `&#xE9;`: the `;` written),
/// decoded: the char and the reference's length. Without its `;` an ampersand is more often
/// text (`AT&T`, `R&D`, `?id=1&lang=en`) than a reference.
fn strict_ref(s: &str) -> Option<(char, usize)> {
    decode_ref(s).filter(|&(_, len)| s.as_bytes()[len - 1] == b';')
}

/// HTML character references the input did not decode (`caf&#233;`, `&quot;we will act&quot;`,
/// `&amp;quot;`): the story was escaped twice on its way (a feed that escapes text a CMS then
/// escapes again), or its text was copied from a page's source. Every input format decodes
/// references once (HTML, NITF, NewsML, ninjs), so one still in the analysed text is damage in
/// any format. Found by `memchr` for `&` (#16: rare in copy); a reference inside a URL is the
/// URL's (scrape-residue reports stray links).
fn undecoded_references(text: &str, out: &mut Output) {
    let bytes = text.as_bytes();
    // the end of the last reference reported (`&amp;quot;` holds two ampersands)
    let mut next = 0;
    for i in memchr::memchr_iter(b'&', bytes) {
        if i < next {
            continue;
        }
        let Some((mut c, mut len)) = strict_ref(&text[i..]) else { continue };
        // escaped more than once: `&amp;quot;` is `&quot;` is `"` (references are ASCII, so the
        // probe is cut at a char boundary)
        let mut rounds = 1;
        while c == '&' && rounds < 4 {
            let rest = &text[i + len..];
            let n = rest.bytes().take(12).take_while(u8::is_ascii).count();
            match strict_ref(&format!("&{}", &rest[..n])) {
                Some((inner, l)) => {
                    c = inner;
                    len += l - 1;
                    rounds += 1;
                }
                None => break,
            }
        }
        // the run of non-space bytes around it, read at most 512 bytes each way (#16: a story
        // without spaces is no reason to read it from its start for every reference)
        let lo = i.saturating_sub(512);
        let hi = (i + 512).min(bytes.len());
        let run_start = bytes[lo..i].iter().rposition(u8::is_ascii_whitespace).map_or(lo, |k| lo + k + 1);
        let run_end = bytes[i..hi].iter().position(u8::is_ascii_whitespace).map_or(hi, |k| i + k);
        let run = &bytes[run_start..run_end];
        if memchr::memmem::find(run, b"://").is_some() || run.starts_with(b"www.") {
            continue;
        }
        next = i + len;
        let span = Span::new(i, i + len);
        let bad = span.of(text);
        let twice = if rounds > 1 { ", escaped more than once" } else { "" };
        let letter = |x: Option<char>| x.is_some_and(char::is_alphabetic);
        let (before, after) = (text[..i].chars().next_back(), text[i + len..].chars().next());
        let lead = format!(
            "`{bad}` is an HTML character reference left undecoded{twice} (the text was escaped twice on its way to the desk, or copied from a page's source)"
        );
        let finding = match c {
            '\u{FFFD}' => Finding::new(&META, span, Confidence::High, format!("{lead}; it refers to no character: re-fetch or retype the original")),
            // `Blair&#191;s`: a converter's stand-in for a char it could not map, escaped
            '¿' if letter(before) && letter(after) => Finding::new(
                &META,
                span,
                Confidence::Medium,
                format!("{lead}; it stands for `¿`, which a converter put where it could not map a character, most often a curly apostrophe; it probably read `’`"),
            )
            .replace_with("\u{2019}".to_string(), Applicability::Unsafe),
            // a bidi mark beside right-to-left letters orders them: decoded, it is kept
            c if kind_of(c) == Some(Kind::Bidi) && (before.is_some_and(rtl) || after.is_some_and(rtl)) => Finding::new(
                &META,
                span,
                Confidence::High,
                format!("{lead}; it stands for a {} (U+{:04X}), which orders the right-to-left text beside it: write the character", describe(c), c as u32),
            )
            .replace_with(c.to_string(), Applicability::Safe),
            // the invisible-character rule's chars (soft hyphen, zero-width space and joiners,
            // word joiner, byte-order mark, bidi marks): decoded they would still not be text
            c if kind_of(c).is_some() => Finding::new(
                &META,
                span,
                Confidence::High,
                format!("{lead}; it stands for an invisible character, a {} (U+{:04X}): delete it", describe(c), c as u32),
            )
            .replace_with(String::new(), Applicability::Safe),
            c if c.is_whitespace() => Finding::new(&META, span, Confidence::High, format!("{lead}; it stands for a space: write a space"))
                .replace_with(" ".to_string(), Applicability::Safe),
            c => Finding::new(&META, span, Confidence::High, format!("{lead}; it should read `{c}`")).replace_with(c.to_string(), Applicability::Safe),
        };
        out.push(finding);
    }
}

/// `Fran?ais`, `S?o Paulo`: a `?` (or two, one per lost byte) between a letter and a
/// lower-case letter inside a word, where a converter to a narrower charset wrote `?` for a
/// letter it could not encode, in a capitalised word (a name, mostly). Not in a URL or path
/// (`index.php?id=`, `?lang=en`): a word with `/`, `=`, `&`, `.`, `@` or `:` in it is left
/// alone, and so are two sentences or words run together (`Why?The`, a capital after the mark;
/// `us?no`, a lower-case word before it).
fn letters_lost_to_question_marks(text: &str, out: &mut Output) {
    /// The longest run of non-space characters read around a mark.
    const MAX_RUN: usize = 128;
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(k) = memchr::memchr(b'?', &bytes[from..]) {
        let q = from + k;
        let mut end = q + 1;
        if bytes.get(end) == Some(&b'?') {
            end += 1;
        }
        from = end;
        let before = text[..q].chars().next_back();
        let after = text[end..].chars().next();
        if !(before.is_some_and(char::is_alphabetic) && after.is_some_and(char::is_lowercase)) {
            continue;
        }
        // the whole run of non-space characters: no URL, path or address. A run is read at
        // most MAX_RUN bytes each way (#16: linear in a story with no spaces); a longer one is
        // no word
        let mut lo = q.saturating_sub(MAX_RUN);
        while !text.is_char_boundary(lo) {
            lo += 1;
        }
        let mut hi = (end + MAX_RUN).min(text.len());
        while !text.is_char_boundary(hi) {
            hi -= 1;
        }
        let run_start = match text[lo..q].rfind(char::is_whitespace) {
            Some(i) => lo + i + text[lo + i..].chars().next().map_or(1, char::len_utf8),
            None if lo == 0 => 0,
            None => continue,
        };
        let run_end = match text[end..hi].find(char::is_whitespace) {
            Some(i) => end + i,
            None if hi == text.len() => hi,
            None => continue,
        };
        if text[run_start..run_end].contains(['/', '=', '&', '.', '@', ':']) {
            continue;
        }
        // the Latin word around the marks (a menu glues `中文Fran?ais`), inside the run
        let latin = |c: char| c == '?' || (c.is_alphanumeric() && (c.is_ascii() || ('\u{00C0}'..='\u{024F}').contains(&c)));
        let start = text[run_start..q].char_indices().rev().take_while(|&(_, c)| latin(c)).last().map_or(q, |(i, _)| run_start + i);
        let stop = end + text[end..run_end].char_indices().take_while(|&(_, c)| latin(c)).last().map_or(0, |(i, c)| i + c.len_utf8());
        let word = Span::new(start, stop);
        // a name or a capitalised word (`S?o Paulo`, `Fran?ais`): a lower-case word before
        // the mark is more likely two words run together (`us?no`), a space lost
        if !word.of(text).starts_with(char::is_uppercase) {
            continue;
        }
        let message = format!(
            "`{}` has `{}` where a letter stood: a converter to a narrower character set wrote `?` for a letter it could not encode (an accented letter); restore it from the original",
            word.of(text),
            &text[q..end]
        );
        out.push(Finding::new(&META, word, Confidence::Medium, message));
        from = from.max(word.end);
    }
}

impl Rule for Mojibake {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, _cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let text = doc.text.as_str();
        undecoded_references(text, out);
        letters_lost_to_question_marks(text, out);
        if text.is_ascii() {
            return;
        }
        let cp = CodePage::of(text);
        let repairs = repair_pass(text, cp);
        for r in &repairs {
            let bad = r.span.of(text);
            let (fixed, certain) = repair(bad, cp);
            if fixed.contains('\u{FFFD}') {
                let message = format!(
                    "`{bad}` is a replacement character (U+FFFD) shown as mojibake: the original bytes were lost before this copy was made; re-fetch or retype the original"
                );
                out.push(Finding::new(&META, r.span, Confidence::High, message));
                continue;
            }
            let message = format!(
                "`{bad}` is UTF-8 text decoded as {} (mojibake){}; it should read `{fixed}`",
                cp.name(),
                if fixed.chars().count() * 2 < bad.chars().count() && bad.chars().count() > 3 { ", possibly twice" } else { "" }
            );
            let (confidence, applicability) =
                if certain { (Confidence::High, Applicability::Safe) } else { (Confidence::Medium, Applicability::Unsafe) };
            out.push(Finding::new(&META, r.span, confidence, message).replace_with(fixed, applicability));
        }
        lost_bytes(doc, text, cp, &repairs, out);
        // UTF-8 read as Thai Windows-874
        if contains_either(text, ['\u{0E42}', '\u{0E50}']) {
            for (span, fixed, exact) in thai_units(text) {
                let bad = span.of(text);
                let word = super::word_around(text, span, |c| is_thai(c) || ('\u{80}'..='\u{9F}').contains(&c));
                let message = match (exact, fixed.is_empty()) {
                    (true, _) => format!("`{bad}` is UTF-8 text decoded as Thai Windows-874 (mojibake); it should read `{fixed}`"),
                    (false, true) => format!(
                        "`{bad}` in `{}` is an emoji or symbol whose UTF-8 bytes were decoded as Thai Windows-874 and partly lost (mojibake); delete it or restore the original",
                        word.of(text)
                    ),
                    (false, false) => format!(
                        "`{bad}` in `{}` is a quotation mark, apostrophe or dash whose UTF-8 bytes were decoded as Thai Windows-874 and partly lost (mojibake); it probably read `{fixed}`",
                        word.of(text)
                    ),
                };
                let (confidence, applicability) =
                    if exact { (Confidence::High, Applicability::Safe) } else { (Confidence::High, Applicability::Unsafe) };
                out.push(Finding::new(&META, span, confidence, message).replace_with(fixed, applicability));
            }
        }
        // U+FFFD: the bytes are gone
        let mut i = 0;
        while let Some(k) = text[i..].find('\u{FFFD}') {
            let start = i + k;
            let end = start
                + text[start..].char_indices().take_while(|&(_, c)| c == '\u{FFFD}').map(|(j, c)| j + c.len_utf8()).last().unwrap_or(3);
            let span = super::word_around(text, Span::new(start, end), |c| c == '\u{FFFD}');
            let message = format!(
                "`{}` contains the replacement character U+FFFD: a decoder dropped bytes it could not read; re-fetch or retype the original",
                span.of(text)
            );
            out.push(Finding::new(&META, span, Confidence::High, message));
            i = span.end.max(end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags};

    #[test]
    fn either_char_is_found_as_the_char_search_finds_it() {
        let mut texts = crate::document::test_texts();
        texts.extend(
            [
                "โทร",
                "๐",
                "เกม ๐๑",
                "\u{0E41}\u{0E43}",
                "\u{0E02}\u{0E50}x",
                "\u{0842}\u{0E92}",
                "CafÃ©",
                "Ã",
                "â€œ",
                "LuĂs",
                "Ã¢",
                "é",
                "Ä‚",
            ]
            .map(str::to_string),
        );
        for t in texts {
            for pair in [['\u{0E42}', '\u{0E50}'], ['Ã', 'â'], ['\u{0102}', 'â']] {
                assert_eq!(contains_either(&t, pair), t.contains(pair), "{t:?} {pair:?}");
            }
        }
    }

    #[test]
    fn flags_turkish_name() {
        assert_flags(&Mojibake, "President ErdoÄŸan said.", &["ÄŸ"]);
        assert_fix(&Mojibake, "President ErdoÄŸan said.", "President Erdoğan said.");
    }

    #[test]
    fn flags_curly_quotes_and_lost_byte() {
        let (doc, f) = crate::rules::testing::run(&Mojibake, "called it â€œessentialâ€ on Sunday");
        let got: Vec<_> = f.iter().map(|f| (doc.slice(f.span), f.suggestion.as_ref().unwrap().replacement.as_str())).collect();
        assert_eq!(got, vec![("â€œ", "“"), ("â€", "”")]);
        assert_eq!(f[1].suggestion.as_ref().unwrap().applicability, Applicability::Unsafe);
    }

    #[test]
    fn flags_latin1_accents_and_double_encoding() {
        assert_fix(&Mojibake, "the CafÃ© owner", "the Café owner");
        assert_fix(&Mojibake, "he said Ã¢â‚¬Å“no", "he said “no");
    }

    #[test]
    fn flags_replacement_character() {
        assert_flags(&Mojibake, "Minister Shtayy\u{FFFD}h said", &["Shtayy\u{FFFD}h"]);
    }

    #[test]
    fn flags_utf8_read_as_thai() {
        let (doc, f) = crate::rules::testing::run(
            &Mojibake,
            "Biden\u{0E42}s envoy said \u{0E42}Our delegation\u{0E42} left \u{0E42} then \u{0E50}\u{0E04} waved.",
        );
        let got: Vec<_> = f.iter().map(|f| (doc.slice(f.span), f.suggestion.as_ref().unwrap().replacement.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("\u{0E42}", "\u{2019}"),
                ("\u{0E42}", "\u{201C}"),
                ("\u{0E42}", "\u{201D}"),
                ("\u{0E42}", "\u{2014}"),
                ("\u{0E50}\u{0E04}", "")
            ]
        );
        assert!(f.iter().all(|f| f.suggestion.as_ref().unwrap().applicability == Applicability::Unsafe));
        // every byte kept: an exact, safe repair (E2 80 9C = left double quote)
        assert_fix(&Mojibake, "he said \u{0E42}\u{20AC}\u{009C}no", "he said \u{201C}no");
    }

    #[test]
    fn flags_utf8_read_as_windows_1250() {
        assert_fix(&Mojibake, "at Lisbon's Jos\u{0102}\u{00A9} Hospital", "at Lisbon's José Hospital");
        // the second byte lost: flagged, no fix
        let (doc, f) = crate::rules::testing::run(&Mojibake, "S\u{0102}\u{0141}o minister Lu\u{0102}s Montenegro");
        let got: Vec<_> = f.iter().map(|f| (doc.slice(f.span), f.suggestion.is_some())).collect();
        assert_eq!(got, vec![("\u{0102}\u{0141}", true), ("Lu\u{0102}s", false)]);
    }

    #[test]
    fn flags_a_quote_lead_left_alone_in_english() {
        let (doc, f) =
            crate::rules::testing::run(&Mojibake, "Officials called it \u{e2}stable\u{e2}, and Lisbon\u{e2}s mayor agreed \u{e2} for now.");
        let got: Vec<_> = f.iter().map(|f| (doc.slice(f.span), f.suggestion.as_ref().unwrap().replacement.as_str())).collect();
        assert_eq!(got, vec![("\u{e2}", "\u{201C}"), ("\u{e2}", "\u{201D}"), ("\u{e2}", "\u{2019}"), ("\u{e2}", "\u{2014}")]);
        assert_clean(&Mojibake, "The château owner said the pâté was fine, and the Romanian word ĂLA stays.");
    }

    #[test]
    fn an_invisible_reference_is_deleted_and_a_bidi_mark_beside_arabic_kept() {
        // every invisible char the invisible-character rule knows, bidi marks among them
        assert_fix(&Mojibake, "the cease&shy;fire talks", "the ceasefire talks");
        assert_fix(&Mojibake, "the talks&#8203; resumed", "the talks resumed");
        assert_fix(&Mojibake, "the minister&lrm; said on Monday", "the minister said on Monday");
        assert_fix(&Mojibake, "the minister&#x200F; said", "the minister said");
        // beside right-to-left letters the mark orders them: decoded, not deleted
        assert_fix(
            &Mojibake,
            "the word \u{0633}\u{0644}\u{0627}\u{0645}&rlm; means peace",
            "the word \u{0633}\u{0644}\u{0627}\u{0645}\u{200F} means peace",
        );
    }

    #[test]
    fn ignores_thai_text() {
        assert_clean(
            &Mojibake,
            "\u{0E42}\u{0E23}\u{0E07}\u{0E40}\u{0E23}\u{0E35}\u{0E22}\u{0E19} \u{0E50} \u{0E51}\u{0E52} in Bangkok \u{0E42}\u{0E04}\u{0E23}\u{0E07}\u{0E01}\u{0E32}\u{0E23}",
        );
    }

    #[test]
    fn ignores_real_accented_text() {
        assert_clean(
            &Mojibake,
            "NÃO, disse São Paulo. Größe, Ärger, Öl. İstanbul'da Çarşamba. Thủ tướng Phạm Minh Chính. À « Paris » déjà.",
        );
    }
}
