//! FM001 number-format: numbers written in another locale's convention ("28.985 people" or
//! "3,5 percent" in English copy, "3.5 persen" in Indonesian copy). The rule knows each copy
//! locale's decimal and group separators and reads the words around a number to decide
//! what an ambiguous separator means.
//!
//! Which locale: a declared region (`es-MX`) when it has a row; otherwise, for a language whose
//! regions write opposite conventions (Spanish), the convention the story itself follows best,
//! the dateline's country and its agency's home country counting as one number each.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeMap;

use crate::document::Document;
use crate::document::attribution::MediaIndex;
use crate::document::places::{Gazetteer, StoryPlaces};
use crate::document::segment::{HIGH_BITS, ascii_in_range};
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

use super::language_name;

pub struct NumberFormat;

pub static META: RuleMeta = RuleMeta {
    name: "number-format",
    code: "FM001",
    family: Family::Format,
    severity: Severity::Warning,
    supersedes: &[],
    summary: "Numbers in another locale's convention (\"28.985 people\", \"3,5 percent\" in English copy)",
    explain: r#"## What it flags
Numbers whose separators follow another language's convention: a thousands dot
(`28.985 people`, `1.234.567`, `Rp36.000`) or a decimal comma (`3,5 percent`, `1.234,5`) in
English copy; an English decimal point or thousands comma in copy whose language writes
`3,5` and `1.234` (`3.5 persen`, `1,234,567 orang`). Where a language's regions disagree
(Spanish `1.5%` in Mexico, `1,5 %` in Spain), the numbers that break the convention the rest
of the story follows. A figure whose group mark stands before a run of zeros no convention
groups so (`276,0000 shares`, `4000,000`) has a digit missing or extra: it is flagged with no
reading offered.

## Why it matters
Left over from the source text, these numbers are misread by a factor of a thousand:
`28.985 people` reads as twenty-eight people to an English reader. Mixed conventions in one
story undermine every figure in it.

## Example
`The ministry said 28.985 people were killed and inflation reached 3,5 percent.`

## Better
`The ministry said 28,985 people were killed and inflation reached 3.5 percent.`
The copy language's form is suggested when the reading is certain (an editor confirms the
fix); when a separator could be either, the message says so and offers none.

## False positives
`1.5 metres`, `$2.5 billion` and `28,985` are correct English and never flagged. A lone
`1.234` is only read as thousands when a whole-number noun follows (`people`, `houses`), an
amount in rupiah precedes it, or the story uses thousands dots elsewhere: versions, scores
and measurements are left alone, and so are dates (`20.05.2021`), times (`10.30 WIB`), lists
(`1,2,3`), set scores run together (`lost 1-6,4-6`), numbers glued to letters and groups that
are not three digits (Indian `1,00,000`).

Regional conventions: Mexican, Central American, Caribbean, Peruvian and US Spanish copy writes
`1.5%` and `2,350,000`, Spain and most of South America `1,5 %` and `2.350.000`; Swiss German
writes `1.5` and `1'250'000`. For such a language a story that is consistent in any of its
regions' conventions is clean; in a mixed story the minority is flagged, and the dateline's
country and its agency's home country (EFE: Spain, AP: United States) each count as one more
number in their region's convention. To enforce one locale, declare it: `--lang es-MX`,
`language = "es-MX"` in `wirelint.toml`, or the story's own tag (JSONL, `xml:lang`, `<html
lang>`). Set the copy language with `--lang` if detection picks the wrong one.

## Lexicon
`lexicons/numbers/conventions.tsv` (kind `number-conventions`: `locale decimal group usage`,
from Unicode CLDR 49 via `lexicons/scripts/number_conventions.py`) and
`lexicons/numbers/words.tsv` (kind `number-words`: `word lang role`); the dateline's place and
agency are read with `lexicons/places/` and `lexicons/media/`."#,
    lexicons: &["lexicons/numbers/conventions.tsv", "lexicons/numbers/words.tsv"],
};

/// A copy locale's number convention.
#[derive(Debug, Clone)]
struct Convention {
    decimal: char,
    /// Accepted group separators, preferred first.
    groups: Vec<char>,
    usage: Usage,
}

impl Convention {
    fn group(&self) -> char {
        self.groups[0]
    }

    /// Same separators (the order of the accepted alternatives aside)?
    fn same_as(&self, other: &Convention) -> bool {
        self.decimal == other.decimal && self.groups.len() == other.groups.len() && self.groups.iter().all(|g| other.groups.contains(g))
    }
}

/// Which stories a regional row speaks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Usage {
    /// The language's own row (`es`).
    Base,
    /// A convention a whole block of the language writes (`es-MX`): any story of the language may follow it.
    Common,
    /// Only stories declared in, or datelined in, that region (`de-CH`).
    Local,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Role {
    Count,
    Scale,
    Unit,
}

/// Conventions by locale and the context words that disambiguate separators.
pub struct NumberIndex {
    /// By locale key: `es`, `es-MX` (language lower case, region upper case).
    conventions: HashMap<String, Convention>,
    /// Per language: its `common` regional locales whose convention differs from the base row.
    common: HashMap<String, Vec<String>>,
    /// Languages with a regional row whose convention differs from the base row.
    regional: HashSet<String>,
    /// (lower-cased word, lang) -> roles.
    words: HashMap<(String, String), Vec<Role>>,
}

/// `es_mx` -> `es-MX`.
fn locale_key(tag: &str) -> String {
    let mut parts = tag.trim().split(['-', '_']);
    let mut key = parts.next().unwrap_or("").to_ascii_lowercase();
    if let Some(region) = parts.next() {
        key.push('-');
        key.push_str(&region.to_ascii_uppercase());
    }
    key
}

fn separator(name: &str) -> Option<char> {
    Some(match name {
        "comma" => ',',
        "dot" => '.',
        "space" => ' ',
        "nbsp" => '\u{a0}',
        "nnbsp" => '\u{202f}',
        "apostrophe" => '\'',
        _ => return None,
    })
}

impl LexiconIndex for NumberIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut conventions = HashMap::default();
        for file in lexicons.of_kind("number-conventions") {
            let (d, g) = (file.require("decimal")?, file.require("group")?);
            for row in &file.rows {
                let decimal = separator(row.get(d)).ok_or_else(|| file.error(row, "decimal: expected dot or comma"))?;
                let groups = row
                    .list(g)
                    .map(|n| {
                        separator(n)
                            .ok_or_else(|| file.error(row, format!("group `{n}`: expected comma, dot, space, nbsp, nnbsp or apostrophe")))
                    })
                    .collect::<Result<Vec<_>, _>>()?;
                if groups.is_empty() || groups.contains(&decimal) {
                    return Err(file.error(row, "group: list at least one separator, not the decimal one"));
                }
                let key = locale_key(row.get(0));
                let usage = match file.column("usage").map(|u| row.get(u)).unwrap_or("") {
                    "" if !key.contains('-') => Usage::Base,
                    "common" => Usage::Common,
                    "local" | "" => Usage::Local,
                    other => return Err(file.error(row, format!("usage `{other}`: expected common or local"))),
                };
                conventions.insert(key, Convention { decimal, groups, usage });
            }
        }
        let mut common: HashMap<String, Vec<String>> = HashMap::default();
        let mut regional = HashSet::default();
        let mut keys: Vec<&String> = conventions.keys().collect();
        keys.sort();
        for key in keys {
            let Some((lang, _)) = key.split_once('-') else { continue };
            let (conv, base) = (&conventions[key], conventions.get(lang));
            if base.is_some_and(|b| conv.same_as(b)) {
                continue;
            }
            regional.insert(lang.to_string());
            if conv.usage == Usage::Common {
                common.entry(lang.to_string()).or_default().push(key.clone());
            }
        }
        let mut words: HashMap<(String, String), Vec<Role>> = HashMap::default();
        for file in lexicons.of_kind("number-words") {
            let (l, r) = (file.require("lang")?, file.require("role")?);
            for row in &file.rows {
                let role = match row.get(r) {
                    "count" => Role::Count,
                    "scale" => Role::Scale,
                    "unit" => Role::Unit,
                    other => return Err(file.error(row, format!("role `{other}`: expected count, scale or unit"))),
                };
                words.entry((row.get(0).to_lowercase(), row.get(l).to_string())).or_default().push(role);
            }
        }
        Ok(NumberIndex { conventions, common, regional, words })
    }
}

/// One number written with `.` or `,` separators.
#[derive(Debug)]
struct Numeral<'a> {
    span: Span,
    text: &'a str,
    /// Separators in order.
    seps: Vec<char>,
    /// Digit groups between them.
    groups: Vec<&'a str>,
}

/// Finds numbers with at least one `.`/`,` between digits, skipping those glued to letters
/// (versions, model names) or to other separators.
fn numerals(text: &str) -> Vec<Numeral<'_>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !b[i].is_ascii_digit() {
            // eight ASCII bytes without a digit at once (#16); a byte of 0x80 or more is read alone
            if let Some(chunk) = b.get(i..i + 8) {
                let x = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
                if x & HIGH_BITS == 0 && ascii_in_range(x, b'0', b'9') == 0 {
                    i += 8;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut seps = Vec::new();
        let mut groups = Vec::new();
        let mut g = i;
        while i < b.len() {
            if b[i].is_ascii_digit() {
                i += 1;
            } else if matches!(b[i], b'.' | b',') && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
                groups.push(&text[g..i]);
                seps.push(b[i] as char);
                i += 1;
                g = i;
            } else {
                break;
            }
        }
        let end = i;
        // a number without a separator is never one (#16: its neighbours were read first; and
        // its one group is not pushed, so a plain number allocates nothing)
        if seps.is_empty() {
            continue;
        }
        groups.push(&text[g..i]);
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let glued_before =
            before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | ':' | '_')) && !currency_before(text, start);
        let glued_after = after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | ':' | '_'));
        if !glued_before && !glued_after {
            out.push(Numeral { span: Span::new(start, end), text: &text[start..end], seps, groups });
        }
    }
    out
}

/// Currency written before an amount, and whether amounts in it never have three decimals.
const CURRENCIES: &[(&str, bool)] = &[
    ("Rp.", true),
    ("Rp", true),
    ("IDR", true),
    ("VND", true),
    ("₫", true),
    ("US$", false),
    ("S$", false),
    ("A$", false),
    ("R$", false),
    ("$", false),
    ("€", false),
    ("£", false),
    ("¥", false),
    ("₺", false),
    ("USD", false),
    ("EUR", false),
    ("RM", false),
    ("TL", false),
];

/// The last bytes of the [`CURRENCIES`].
const CURRENCY_LAST_BYTES: [bool; 256] = {
    let mut t = [false; 256];
    let mut i = 0;
    while i < CURRENCIES.len() {
        let c = CURRENCIES[i].0.as_bytes();
        t[c[c.len() - 1] as usize] = true;
        i += 1;
    }
    t
};

/// The currency just before `start` (an optional space between).
fn currency_at(text: &str, start: usize) -> Option<(&'static str, bool)> {
    let head = text[..start].trim_end_matches([' ', '\u{a0}']);
    // no currency ends with the byte before: none is compared (#16)
    if !head.as_bytes().last().is_some_and(|&b| CURRENCY_LAST_BYTES[b as usize]) {
        return None;
    }
    CURRENCIES
        .iter()
        .copied()
        .find(|(c, _)| head.ends_with(c) && !head[..head.len() - c.len()].chars().next_back().is_some_and(char::is_alphabetic))
}

fn currency_before(text: &str, start: usize) -> bool {
    currency_at(text, start).is_some()
}

/// Is the digit grouping `1-3 digits, then groups of exactly 3`?
fn valid_grouping(groups: &[&str]) -> bool {
    let first = groups[0];
    (1..=3).contains(&first.len()) && !first.starts_with('0') && groups[1..].iter().all(|g| g.len() == 3)
}

/// A reading of a numeral that breaks the copy's convention.
struct Verdict {
    confidence: Confidence,
    /// The number in the copy's convention, when the reading is certain.
    rewrite: Option<String>,
    why: String,
}

impl Rule for NumberFormat {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        lexicons.index::<NumberIndex>().map(|_| ())
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let Ok(index) = cx.lexicons.index::<NumberIndex>() else { return };
        let Some(lang) = doc.language else { return };
        let Some(base) = index.conventions.get(lang) else { return };
        let nums = numerals(&doc.text);
        if nums.is_empty() {
            return;
        }
        let copy = format!("{} copy", language_name(lang));
        // 1. a declared tag with a row of its own (`es-MX`): that locale's convention, strictly
        if let Some(region) = &doc.region {
            let key = format!("{lang}-{region}");
            if let Some(conv) = index.conventions.get(&key) {
                let scope = format!("{key} copy");
                let checker = Checker { index: &index, doc, lang, conv, scope: &scope, subject: &scope };
                report(out, &nums, checker.run(&nums), None, "");
                out.fact("number_convention", convention_fact(conv, Some(&key), "declared"));
                return;
            }
        }
        if !index.regional.contains(lang) {
            // one convention for the whole language (English, Indonesian...)
            let checker = Checker { index: &index, doc, lang, conv: base, scope: &copy, subject: &copy };
            report(out, &nums, checker.run(&nums), None, "");
            return;
        }
        // 2. the regions the story's dateline names (its place, its agency's home), then 3. the
        // story's own usage, among the conventions the language's press writes
        let priors = region_priors(cx, doc);
        let mut cands: Vec<Candidate<'_>> = Vec::new();
        for p in &priors {
            let key = format!("{lang}-{}", p.country);
            if let Some(conv) = index.conventions.get(&key) {
                add_candidate(&mut cands, key, conv, Some(p));
            }
        }
        add_candidate(&mut cands, lang.to_string(), base, None);
        for key in index.common.get(lang).into_iter().flatten() {
            add_candidate(&mut cands, key.clone(), &index.conventions[key], None);
        }
        let distinct = cands;
        if distinct.len() == 1 {
            // the dateline's region writes as the language's base row does: that convention, strictly
            let checker = Checker { index: &index, doc, lang, conv: distinct[0].conv, scope: &copy, subject: &copy };
            report(out, &nums, checker.run(&nums), None, "");
            return;
        }
        // every convention reads the numbers; the one the story follows best wins, each region the
        // dateline names counting as one more number in its convention; ties go to the dateline's
        // regions, then to the language's base row
        let runs: Vec<(Vec<Option<Verdict>>, usize)> = distinct
            .iter()
            .map(|c| {
                let v = Checker { index: &index, doc, lang, conv: c.conv, scope: "this story", subject: "" }.run(&nums);
                let cost = v.iter().filter(|v| v.is_some()).count();
                (v, cost)
            })
            .collect();
        let score = |i: usize| runs[i].1 as i64 - distinct[i].priors.len() as i64;
        let best = (0..distinct.len()).min_by_key(|&i| (score(i), i)).expect("at least two candidates");
        let chosen = &distinct[best];
        let prior = chosen.priors.first();
        let label = prior.map(|_| chosen.key.as_str()).or((chosen.conv.usage == Usage::Base).then_some(lang));
        let cost = runs[best].1;
        let others = (0..distinct.len()).filter(|&i| i != best).map(|i| runs[i].1).min().unwrap_or(0);
        let from = if prior.is_some() && cost >= others { "dateline" } else { "usage" };
        out.fact("number_convention", convention_fact(chosen.conv, label, from));
        if cost == 0 {
            return; // internally consistent in one of the language's conventions
        }
        // who says the chosen convention is the right one: the story's majority, the dateline's
        // region (on a tie or a one-number margin), or only the language's default (a coin toss,
        // reported at low confidence)
        let (subject, cap) = if cost < others {
            ("the rest of this story".to_string(), None)
        } else if let Some(p) = prior {
            (format!("{copy} from {}", p.country_name), Some(Confidence::Medium))
        } else {
            (copy.clone(), Some(Confidence::Low))
        };
        let mut context =
            format!(" (this story mixes conventions: {cost} number{} like this, {others} the other way", if cost == 1 { "" } else { "s" });
        for p in &chosen.priors {
            context.push_str("; ");
            context.push_str(&p.why);
        }
        context.push(')');
        let verdicts = Checker { index: &index, doc, lang, conv: chosen.conv, scope: "this story", subject: &subject }.run(&nums);
        report(out, &nums, verdicts, cap, &context);
    }
}

/// A convention a story may follow.
struct Candidate<'a> {
    key: String,
    conv: &'a Convention,
    /// The regions of the dateline that write it.
    priors: Vec<Prior>,
}

/// A region the story's dateline names: the place's country, or the credited agency's home.
#[derive(Debug, Clone)]
struct Prior {
    /// ISO 3166-1 alpha-2 code.
    country: String,
    country_name: String,
    /// For messages: `the dateline, MADRID, is in Spain`.
    why: String,
}

/// Adds a convention to the candidates, or a prior to the candidate with the same convention.
fn add_candidate<'a>(cands: &mut Vec<Candidate<'a>>, key: String, conv: &'a Convention, prior: Option<&Prior>) {
    let i = match cands.iter().position(|c| c.conv.same_as(conv)) {
        Some(i) => i,
        None => {
            cands.push(Candidate { key, conv, priors: Vec::new() });
            cands.len() - 1
        }
    };
    if let Some(p) = prior {
        cands[i].priors.push(p.clone());
    }
}

/// Pushes the verdicts as findings.
fn report(out: &mut Output, nums: &[Numeral<'_>], verdicts: Vec<Option<Verdict>>, cap: Option<Confidence>, context: &str) {
    for (n, v) in nums.iter().zip(verdicts) {
        if let Some(v) = v {
            let message = format!("`{}` {}{context}", n.text, v.why);
            let confidence = match cap {
                Some(c) if c < v.confidence => c,
                _ => v.confidence,
            };
            let f = Finding::new(&META, n.span, confidence, message);
            out.push(match v.rewrite {
                Some(r) => f.replace_with(r, Applicability::Unsafe),
                None => f,
            });
        }
    }
}

/// The `number_convention` story fact.
fn convention_fact(conv: &Convention, locale: Option<&str>, from: &str) -> serde_json::Value {
    serde_json::json!({
        "locale": locale,
        "from": from,
        "decimal": conv.decimal.to_string(),
        "group": conv.group().to_string(),
    })
}

/// The regions the dateline names: the country of its place (`CIUDAD DE MÉXICO` -> MX) and the
/// home country of the agency it credits (`(EFE)` -> ES), which keeps its house style abroad.
fn region_priors(cx: &Context<'_>, doc: &Document) -> Vec<Prior> {
    let Some(d) = doc.dateline.as_ref() else { return Vec::new() };
    let Ok(gaz) = cx.lexicons.index::<Gazetteer>() else { return Vec::new() };
    let mut priors = Vec::new();
    let mut place = gaz.resolve_dateline(d, &BTreeMap::new());
    if place.country.is_none() && !place.candidates.is_empty() {
        // an ambiguous name (Córdoba AR/ES): the countries the story mentions settle it
        place = gaz.resolve_dateline(d, &doc.analysis::<StoryPlaces>(cx.lexicons).0.countries());
    }
    if let Some(cc) = place.country {
        let name = gaz.country_name(&cc).to_string();
        priors.push(Prior { why: format!("the dateline, {}, is in {name}", d.city), country: cc, country_name: name });
    }
    let media = cx.lexicons.index::<MediaIndex>().ok();
    if let (Some(agency), Some(media)) = (d.agency.as_deref(), media.as_deref())
        && let Some(o) = media.resolve(agency)
    {
        let cc = media.outlet(o).country.to_string();
        let name = gaz.country_name(&cc).to_string();
        priors.push(Prior { why: format!("{agency} is based in {name}"), country: cc, country_name: name });
    }
    priors
}

struct Checker<'a> {
    index: &'a NumberIndex,
    doc: &'a Document,
    lang: &'a str,
    conv: &'a Convention,
    /// Where the convention holds, for messages: `Spanish copy`, `es-MX copy`, `this story`.
    scope: &'a str,
    /// Who writes the convention, for messages: `Spanish copy`, `the rest of this story`.
    subject: &'a str,
}

impl Checker<'_> {
    /// The verdict on every numeral: first the readings that are certain on their own; any of
    /// them shows the story keeps its source's convention, which then settles the ambiguous
    /// `1.250` cases.
    fn run(&self, nums: &[Numeral<'_>]) -> Vec<Option<Verdict>> {
        let mut verdicts: Vec<Option<Verdict>> = nums.iter().map(|n| self.certain(n).or_else(|| self.ambiguous(n, false))).collect();
        if verdicts.iter().any(Option::is_some) {
            for (n, v) in nums.iter().zip(verdicts.iter_mut()) {
                if v.is_none() {
                    *v = self.ambiguous(n, true);
                }
            }
        }
        verdicts
    }

    /// The role of the word after the number (`%` counts as a unit). When nothing useful
    /// follows, a unit right before the number counts too: Turkish puts percent first
    /// (`yüzde 61,36`, `%61,36`).
    fn role_after(&self, n: &Numeral<'_>) -> Option<Role> {
        let rest = self.doc.text[n.span.end..].trim_start_matches([' ', '\u{a0}', '\u{202f}']);
        if rest.starts_with('%') {
            return Some(Role::Unit);
        }
        let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect::<String>().to_lowercase();
        let roles = self.index.words.get(&(word, self.lang.to_string()));
        // `thousand` and `mil` are scales; a count noun wins when a word is both
        roles
            .and_then(|roles| [Role::Count, Role::Scale, Role::Unit].into_iter().find(|r| roles.contains(r)))
            .or_else(|| self.unit_before(n))
    }

    /// A unit written before the number (`%61,36`, `yüzde 61,36`), from the same word list.
    fn unit_before(&self, n: &Numeral<'_>) -> Option<Role> {
        let before = &self.doc.text[..n.span.start];
        if before.ends_with('%') {
            return Some(Role::Unit);
        }
        let before = before.trim_end_matches([' ', '\u{a0}', '\u{202f}']);
        let start = before.char_indices().rev().take_while(|(_, c)| c.is_alphabetic()).last().map(|(i, _)| i)?;
        let word = before[start..].to_lowercase();
        let roles = self.index.words.get(&(word, self.lang.to_string()))?;
        roles.contains(&Role::Unit).then_some(Role::Unit)
    }

    /// Does a list continue after the number (`3,4 and 5`, `1,2, 3`)?
    fn list_follows(&self, n: &Numeral<'_>) -> bool {
        let rest = &self.doc.text[n.span.end..];
        let rest = rest.trim_start_matches([',', ' ']);
        let rest = rest.strip_prefix("and ").or_else(|| rest.strip_prefix("or ")).or_else(|| rest.strip_prefix("& ")).unwrap_or(rest);
        rest.starts_with(|c: char| c.is_ascii_digit()) && !self.role_after(n).is_some_and(|r| r != Role::Count)
    }

    /// Is the number two scores of a list run together (`lost 1-6,4-6`: the set scores `1-6`
    /// and `4-6`, not `6,4`)? A digit and a hyphen stand on both sides.
    fn in_score_list(&self, n: &Numeral<'_>) -> bool {
        let b = self.doc.text.as_bytes();
        let before = n.span.start >= 2 && b[n.span.start - 1] == b'-' && b[n.span.start - 2].is_ascii_digit();
        let after = b.get(n.span.end) == Some(&b'-') && b.get(n.span.end + 1).is_some_and(u8::is_ascii_digit);
        before && after
    }

    /// Cases where the separators can only mean one thing.
    fn certain(&self, n: &Numeral<'_>) -> Option<Verdict> {
        let conv = self.conv;
        let first = n.seps[0];
        let all_same = n.seps.iter().all(|&s| s == first);
        if n.seps.len() >= 2 && all_same {
            // 1.234.567: only a grouping
            if !valid_grouping(&n.groups) || conv.groups.contains(&first) {
                return None;
            }
            return Some(Verdict {
                confidence: Confidence::High,
                rewrite: Some(n.groups.join(&conv.group().to_string())),
                why: format!("uses `{first}` to group thousands; {} groups with {}", self.subject, show(conv.group())),
            });
        }
        if n.seps.len() >= 2 {
            // 1.234,56 / 1,234.56: the last separator is the decimal one
            let dec = *n.seps.last().unwrap();
            let grp = n.seps[0];
            if !n.seps[..n.seps.len() - 1].iter().all(|&s| s == grp) || grp == dec {
                return None;
            }
            if !valid_grouping(&n.groups[..n.groups.len() - 1]) {
                return None;
            }
            if dec == conv.decimal && conv.groups.contains(&grp) {
                return None;
            }
            let int = n.groups[..n.groups.len() - 1].join(&conv.group().to_string());
            return Some(Verdict {
                confidence: Confidence::High,
                rewrite: Some(format!("{int}{}{}", conv.decimal, n.groups.last().unwrap())),
                why: format!(
                    "is written with `{grp}` for thousands and `{dec}` for decimals; {} writes {} and {}",
                    self.subject,
                    show(conv.group()),
                    show(conv.decimal)
                ),
            });
        }
        // one separator that cannot be a grouping: a decimal mark
        let (int, frac) = (n.groups[0], n.groups[1]);
        if frac.len() == 3 && valid_grouping(&n.groups) {
            return None; // ambiguous: see `ambiguous`
        }
        if first == conv.decimal || (int.len() > 1 && int.starts_with('0')) || self.in_score_list(n) {
            return None;
        }
        // `276,0000 shares`, `4000,000`: the copy's own group mark before a run of zeros that no
        // convention groups so is a figure with a digit missing or extra, not a decimal from
        // another convention; no reading is offered (1987 wire copy has dozens)
        if conv.groups.contains(&first) && frac.bytes().all(|b| b == b'0') && (frac.len() >= 4 || (frac.len() == 3 && int.len() > 3)) {
            return Some(Verdict {
                confidence: Confidence::Medium,
                rewrite: None,
                why: format!(
                    "groups its digits in no convention (`{first}` before {} zeros): a digit is missing or extra; check the figure against the source",
                    frac.len()
                ),
            });
        }
        let role = self.role_after(n);
        let confidence = match (first, role) {
            (_, Some(Role::Unit | Role::Scale)) => Confidence::High,
            // a lone `3.5` in comma-decimal copy is too often a time (`10.30`) or a score
            ('.', _) => return None,
            _ if self.list_follows(n) => return None,
            _ => Confidence::Medium,
        };
        Some(Verdict {
            confidence,
            rewrite: Some(format!("{int}{}{frac}", conv.decimal)),
            why: format!("uses `{first}` as the decimal mark; {} writes {}", self.subject, show(conv.decimal)),
        })
    }

    /// One separator followed by exactly three digits: thousands or decimals? Flag only when the
    /// context says thousands and the copy's convention says decimals. `foreign_style`: other
    /// numbers in the story already follow the source's convention.
    fn ambiguous(&self, n: &Numeral<'_>, foreign_style: bool) -> Option<Verdict> {
        if n.seps.len() != 1 || n.groups[1].len() != 3 || !valid_grouping(&n.groups) {
            return None;
        }
        let sep = n.seps[0];
        if sep != self.conv.decimal {
            return None; // the copy's own grouping
        }
        let as_thousands = n.groups.join(&self.conv.group().to_string());
        let as_decimal = n.groups.join(".");
        let role = self.role_after(n);
        if role == Some(Role::Scale) {
            return None; // `1.234 billion`: a decimal
        }
        let currency = currency_at(&self.doc.text, n.span.start);
        let (confidence, certain, because) = match (role, currency) {
            (Some(Role::Count), _) => (Confidence::High, true, "the noun after it counts whole things".to_string()),
            (None, Some((cur, true))) => (Confidence::High, true, format!("{cur} amounts have no decimals")),
            _ if !foreign_style => return None,
            (_, Some((cur, _))) => (
                Confidence::Medium,
                false,
                format!("a {cur} amount with three decimals is unlikely and the story writes other numbers the same foreign way"),
            ),
            _ => (Confidence::Medium, false, "the story writes other numbers in the same foreign convention".to_string()),
        };
        let why = if certain {
            format!("uses `{sep}` to group thousands ({because}); {} writes `{as_thousands}`", self.subject)
        } else {
            format!(
                "is ambiguous in {}: `{sep}` reads as a decimal mark ({as_decimal}), but {because}, so it is probably {as_thousands}; check the source",
                self.scope
            )
        };
        Some(Verdict { confidence, rewrite: certain.then_some(as_thousands), why })
    }
}

fn show(c: char) -> &'static str {
    match c {
        '.' => "a dot",
        ',' => "a comma",
        ' ' => "a space",
        '\u{a0}' => "a no-break space",
        '\u{202f}' => "a narrow no-break space",
        '\'' => "an apostrophe",
        _ => "another mark",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::run_lang;

    fn flagged(text: &str, lang: &str) -> Vec<(String, Option<String>)> {
        let (doc, f) = run_lang(&NumberFormat, text, Some(lang));
        f.iter().map(|f| (doc.slice(f.span).to_string(), f.suggestion.as_ref().map(|s| s.replacement.clone()))).collect()
    }

    fn pair(a: &str, b: Option<&str>) -> (String, Option<String>) {
        (a.to_string(), b.map(str::to_string))
    }

    #[test]
    fn reads_turkish_percent_before_the_number() {
        let got = flagged("Yıllık enflasyon ekimde yüzde 61.36 oldu, aylık bazda %3.43 arttı.", "tr");
        assert_eq!(got.iter().map(|(t, _)| t.as_str()).collect::<Vec<_>>(), vec!["61.36", "3.43"], "{got:?}");
        assert!(flagged("Yıllık enflasyon ekimde yüzde 61,36 oldu, aylık bazda %3,43 arttı.", "tr").is_empty());
    }

    #[test]
    fn flags_thousands_dots_in_english() {
        assert_eq!(
            flagged("The toll reached 28.985 people, with 1.234.567 displaced and Rp36.000 paid.", "en"),
            vec![pair("28.985", Some("28,985")), pair("1.234.567", Some("1,234,567")), pair("36.000", Some("36,000"))]
        );
    }

    #[test]
    fn flags_decimal_commas_in_english() {
        assert_eq!(
            flagged("Inflation was 3,5 percent and the budget 1.234,5 million.", "en"),
            vec![pair("3,5", Some("3.5")), pair("1.234,5", Some("1,234.5"))]
        );
    }

    #[test]
    fn a_misgrouped_figure_gets_no_decimal_reading() {
        assert_eq!(
            flagged("The company bought 276,0000 shares and 4000,000 bonds at 14,00 dlrs each.", "en"),
            vec![pair("276,0000", None), pair("4000,000", None), pair("14,00", Some("14.00"))]
        );
    }

    #[test]
    fn ignores_correct_english() {
        assert!(flagged("The toll was 28,985, a 1.5 metre wall, $2.5 billion, 1,234,567 votes and 0.125 mm.", "en").is_empty());
    }

    #[test]
    fn ignores_versions_scores_dates_lists() {
        assert!(flagged("Version 1.234 shipped; iOS 17.2.1 too. On 20.05.2021 at 10.30 in games 3,4 and 5, v1.234.", "en").is_empty());
    }

    #[test]
    fn ambiguous_reading_says_so() {
        let (doc, f) = run_lang(&NumberFormat, "Fuel was $2.500 a litre, then 1.234.567 litres.", Some("en"));
        assert_eq!(doc.slice(f[0].span), "2.500");
        assert!(f[0].message.contains("ambiguous"));
        assert!(f[0].suggestion.is_none());
    }

    #[test]
    fn ambiguous_units_follow_the_story() {
        assert!(flagged("The bridge is 1.250 km long.", "en").is_empty());
        let got = flagged("Rice rose to Rp14.500 a kilo and 1.250 tonnes were released.", "en");
        assert_eq!(got, vec![pair("14.500", Some("14,500")), pair("1.250", None)]);
    }

    #[test]
    fn ignores_dot_thousands_in_indonesian_and_german_copy() {
        assert!(flagged("Sebanyak 28.985 orang tewas, inflasi 3,5 persen, harga Rp36.000, pukul 10.30 WIB.", "id").is_empty());
        assert!(flagged("Mehr als 28.985 Menschen starben, die Inflation lag bei 3,5 Prozent.", "de").is_empty());
    }

    #[test]
    fn flags_english_forms_in_indonesian_copy() {
        assert_eq!(
            flagged("Inflasi naik 3.5 persen dan 1,234,567 orang mengungsi, sementara 2,500 orang terluka.", "id"),
            vec![pair("3.5", Some("3,5")), pair("1,234,567", Some("1.234.567")), pair("2,500", Some("2.500"))]
        );
    }

    #[test]
    fn ignores_consistent_mexican_and_argentine_copy() {
        // no dateline, no declared region: either convention of the Spanish press is fine
        assert!(flagged("La economía creció 1.5% y 2,350,000 personas encontraron empleo; la inflación fue de 4.2%.", "es").is_empty());
        assert!(flagged("La economía creció 1,5 % y 2.350.000 personas encontraron empleo; la inflación fue de 4,2 %.", "es").is_empty());
        let mx = "CIUDAD DE MÉXICO (AP) — La economía creció 1.5% y 2,350,000 personas encontraron empleo; la inflación fue de 4.2%.";
        assert!(flagged(mx, "es").is_empty());
        // an agency keeps its house style abroad: EFE from Mexico City
        let efe = "CIUDAD DE MÉXICO (EFE) - La economía creció 1,5 % y 2.350.000 personas encontraron empleo.";
        assert!(flagged(efe, "es").is_empty());
    }

    #[test]
    fn flags_the_minority_convention_in_mixed_spanish() {
        let t = "La economía creció 1.5% y 2,350,000 personas encontraron empleo; la inflación fue de 4,2 %.";
        let (doc, f) = run_lang(&NumberFormat, t, Some("es"));
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(doc.slice(f[0].span), "4,2");
        assert!(f[0].message.contains("the rest of this story writes a dot"), "{}", f[0].message);
        assert_eq!(f[0].suggestion.as_ref().map(|s| s.replacement.as_str()), Some("4.2"));
    }

    #[test]
    fn dateline_settles_a_tie() {
        // one number each way: Buenos Aires writes a decimal comma
        let t = "BUENOS AIRES — La inflación fue de 4.2% en octubre y de 3,5 % en septiembre.";
        assert_eq!(flagged(t, "es"), vec![pair("4.2", Some("4,2"))]);
        // without a dateline it is a coin toss: the base convention, at low confidence
        let (_, f) = run_lang(&NumberFormat, "La inflación fue de 4.2% en octubre y de 3,5 % en septiembre.", Some("es"));
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].confidence, Confidence::Low);
    }

    #[test]
    fn declared_region_is_strict() {
        let t = "La inflación fue de 4,2 % en octubre y 2.350.000 personas perdieron el empleo.";
        assert_eq!(flagged(t, "es-MX"), vec![pair("4,2", Some("4.2")), pair("2.350.000", Some("2,350,000"))]);
        assert!(flagged(t, "es-AR").is_empty());
        // a region without a row of its own (es-419) leaves the story's usage to decide
        assert!(flagged(t, "es-419").is_empty());
    }

    #[test]
    fn ignores_lakh_grouping_in_indian_english() {
        let t = "NEW DELHI (PTI) - Refunds of Rs 2,35,000 crore went to 1,00,000 firms and 12,34,567 people; growth was 7.8 per cent.";
        assert!(flagged(t, "en").is_empty());
    }

    #[test]
    fn swiss_dateline_allows_swiss_decimals_in_german() {
        let t = "ZÜRICH (sda) - Die Umsätze stiegen um 1.4 Prozent, 1'250'000 Personen arbeiten in der Branche.";
        assert!(flagged(t, "de").is_empty());
        // elsewhere, German copy still writes a decimal comma
        let t = "BERLIN (dpa) - Die Umsätze stiegen um 1.4 Prozent.";
        assert_eq!(flagged(t, "de"), vec![pair("1.4", Some("1,4"))]);
    }

    #[test]
    fn madrid_efe_story_keeps_spains_convention() {
        // two English-style numbers against one Spanish one, but the dateline (Spain) and the
        // agency (EFE, Spain) each count as one more: Spain's convention, at medium confidence
        let t = "MADRID (EFE) - El paro afectó a 2,350,000 personas y el PIB creció 1.5%, mientras que la inflación fue del 3,2 %.";
        let (doc, f) = run_lang(&NumberFormat, t, Some("es"));
        let got: Vec<&str> = f.iter().map(|f| doc.slice(f.span)).collect();
        assert_eq!(got, vec!["2,350,000", "1.5"]);
        assert!(f.iter().all(|f| f.confidence == Confidence::Medium));
        assert!(f[0].message.contains("Spanish copy from Spain"), "{}", f[0].message);
    }
}

/// [`numerals`] and [`currency_at`] as they were before the byte gates (#16), to hold them equal.
#[cfg(test)]
mod equivalence {
    use super::*;

    fn currency_at_old(text: &str, start: usize) -> Option<(&'static str, bool)> {
        let head = text[..start].trim_end_matches([' ', '\u{a0}']);
        CURRENCIES
            .iter()
            .copied()
            .find(|(c, _)| head.ends_with(c) && !head[..head.len() - c.len()].chars().next_back().is_some_and(char::is_alphabetic))
    }

    fn numerals_old(text: &str) -> Vec<(Span, Vec<char>, Vec<&str>)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            if !b[i].is_ascii_digit() {
                i += 1;
                continue;
            }
            let start = i;
            let mut seps = Vec::new();
            let mut groups = Vec::new();
            let mut g = i;
            while i < b.len() {
                if b[i].is_ascii_digit() {
                    i += 1;
                } else if matches!(b[i], b'.' | b',') && i + 1 < b.len() && b[i + 1].is_ascii_digit() {
                    groups.push(&text[g..i]);
                    seps.push(b[i] as char);
                    i += 1;
                    g = i;
                } else {
                    break;
                }
            }
            groups.push(&text[g..i]);
            let end = i;
            let before = text[..start].chars().next_back();
            let after = text[end..].chars().next();
            let glued_before = currency_at_old(text, start).is_none()
                && before.is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | ',' | '/' | ':' | '_'));
            let glued_after = after.is_some_and(|c| c.is_alphanumeric() || matches!(c, '/' | ':' | '_'));
            if !seps.is_empty() && !glued_before && !glued_after {
                out.push((Span::new(start, end), seps, groups));
            }
        }
        out
    }

    #[test]
    fn numerals_are_found_as_before() {
        let mut texts = crate::document::test_texts();
        const PIECES: &[&str] = &[
            "1", "12", "234", "0", ".", ",", " ", "\u{a0}", "Rp", "Rp.", "US$", "$", "€", "₫", "RM", "TL", "IDR", "a", "é", "/", ":", "_",
            "%", "xRp", "ARM",
        ];
        let mut rng = crate::document::TestRng::new();
        for _ in 0..30_000 {
            let state = rng.next_u64();
            let n = 1 + (state % 12) as usize;
            texts.push((0..n).map(|k| PIECES[(state >> (5 * k)) as usize % PIECES.len()]).collect());
        }
        for t in &texts {
            let new: Vec<(Span, Vec<char>, Vec<&str>)> = numerals(t).into_iter().map(|n| (n.span, n.seps, n.groups)).collect();
            assert_eq!(new, numerals_old(t), "{t:?}");
            for (i, _) in t.char_indices() {
                assert_eq!(currency_at(t, i), currency_at_old(t, i), "{t:?} {i}");
            }
        }
    }
}
