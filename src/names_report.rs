//! The corpus view of names: which names a corpus spells several ways, and how often each
//! spelling is used (`wirelint names PATHS...`).
//!
//! The state is a [`NameSummary`]: per spelling, how many stories use it, how many times, and a
//! few example stories. Summaries [`merge`](NameSummary::merge) by addition (examples: the
//! smallest ids), so merging is associative and commutative: shards summarised on many
//! machines and merged give exactly the summary of one run over everything. Spellings are
//! grouped into families only when the report is made, from the merged summary.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt;
use std::io::{self, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::document::names::lexicon::{EntityNames, HouseStyle, norm};
use crate::document::names::variant::{self, Keys};
use crate::document::names::{NameLexicons, NameMentions, names_match};
use crate::input::{self, InputError, ReadOptions};
use crate::lexicon::Lexicons;
use crate::runner::Target;

/// Example stories kept per spelling.
pub const EXAMPLES: usize = 3;

/// Summary format version, checked when a saved summary is read.
pub const SUMMARY_VERSION: u32 = 1;

/// Name spellings seen over a set of stories; mergeable.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameSummary {
    pub version: u32,
    /// Stories summarised.
    pub stories: u64,
    /// Spelling (as written, title and possessive removed) -> use.
    pub forms: BTreeMap<String, FormStats>,
}

/// How one spelling is used.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormStats {
    /// Stories that use it.
    pub stories: u64,
    /// Times it is used.
    pub mentions: u64,
    /// Up to [`EXAMPLES`] stories that use it: the smallest ids, so merging is order-free.
    pub examples: BTreeSet<String>,
}

impl Default for NameSummary {
    fn default() -> Self {
        NameSummary { version: SUMMARY_VERSION, stories: 0, forms: BTreeMap::new() }
    }
}

/// An error reading or writing a saved summary.
#[derive(Debug)]
pub struct SummaryError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for SummaryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for SummaryError {}

/// Summarises stories (files, folders, JSON Lines) in parallel into a mergeable summary:
/// `add` folds one story in, `merge` joins two shards. A panic on one input is that input's
/// error; a walked JSON or XML file that holds no story is passed over, as `check` does.
pub(crate) fn summarise<S: Default + Send>(
    targets: &[Target],
    opts: &ReadOptions,
    merge: fn(&mut S, S),
    add: impl Fn(&mut S, &Document) + Sync,
) -> (S, Vec<InputError>) {
    targets
        .par_iter()
        .map(|t| {
            let mut s = S::default();
            let mut errors = Vec::new();
            let caught = crate::linter::isolate(|| {
                input::read_path(&t.path, opts, &mut |r| match r {
                    Ok(doc) => add(&mut s, &doc),
                    Err(e) if e.not_a_story && !t.explicit => {}
                    Err(e) => errors.push(e),
                });
            });
            if let Err(why) = caught {
                errors.push(crate::runner::internal_error(&t.path.display().to_string(), None, &why));
            }
            (s, errors)
        })
        .reduce(
            || (S::default(), Vec::new()),
            |(mut a, mut ea), (b, eb)| {
                merge(&mut a, b);
                ea.extend(eb);
                (a, ea)
            },
        )
}

/// Reads a saved summary (`kind`: what it summarises, for the error) and checks its version.
pub(crate) fn load_summary<T: serde::de::DeserializeOwned>(
    path: &Path,
    kind: &str,
    expected: u32,
    version: impl Fn(&T) -> u32,
) -> Result<T, SummaryError> {
    let err = |message: String| SummaryError { path: path.display().to_string(), message };
    let text = std::fs::read_to_string(path).map_err(|e| err(format!("cannot read: {e}")))?;
    let s: T =
        serde_json::from_str(&text).map_err(|e| err(format!("not a {kind} summary (line {}, column {}): {e}", e.line(), e.column())))?;
    if version(&s) != expected {
        return Err(err(format!("summary version {} (this wirelint reads {expected})", version(&s))));
    }
    Ok(s)
}

/// Writes a summary as JSON, atomically: a temporary file beside it, renamed over it.
pub(crate) fn save_summary<T: Serialize>(value: &T, path: &Path) -> Result<(), SummaryError> {
    let err = |message: String| SummaryError { path: path.display().to_string(), message };
    let json = serde_json::to_string(value).map_err(|e| err(e.to_string()))?;
    let tmp = path.with_extension("tmp-wirelint");
    std::fs::write(&tmp, json + "\n").map_err(|e| err(format!("cannot write: {e}")))?;
    std::fs::rename(&tmp, path).map_err(|e| err(format!("cannot write: {e}")))
}

/// The id a story is listed under: its path, with `#id` for stories of a multi-story file.
pub(crate) fn story_id(doc: &Document) -> String {
    match &doc.id {
        Some(id) => format!("{}#{id}", doc.path),
        None => doc.path.clone(),
    }
}

impl NameSummary {
    /// Adds one story's name mentions (outside quotes).
    pub(crate) fn add_story(&mut self, story: &str, names: &NameMentions, doc: &Document) {
        self.stories += 1;
        let mut counts: BTreeMap<&str, u64> = BTreeMap::new();
        for (i, m) in names.mentions.iter().enumerate() {
            if !m.quoted {
                *counts.entry(names.text(doc, i)).or_default() += 1;
            }
        }
        for (form, n) in counts {
            let s = self.forms.entry(form.to_string()).or_default();
            s.stories += 1;
            s.mentions += n;
            s.examples.insert(story.to_string());
            trim(&mut s.examples);
        }
    }

    /// Adds another summary into this one.
    pub fn merge(&mut self, other: NameSummary) {
        self.stories += other.stories;
        for (form, o) in other.forms {
            let s = self.forms.entry(form).or_default();
            s.stories += o.stories;
            s.mentions += o.mentions;
            s.examples.extend(o.examples);
            trim(&mut s.examples);
        }
    }

    /// Summarises stories (files, folders, JSON Lines) in parallel; unreadable inputs are returned.
    pub fn collect(targets: &[Target], opts: &ReadOptions, lexicons: &Lexicons) -> (NameSummary, Vec<InputError>) {
        summarise(targets, opts, NameSummary::merge, |s: &mut NameSummary, doc: &Document| {
            let names = doc.analysis::<NameMentions>(lexicons);
            s.add_story(&story_id(doc), &names, doc);
        })
    }

    /// Reads a summary saved with [`NameSummary::save`].
    pub fn load(path: &Path) -> Result<NameSummary, SummaryError> {
        load_summary(path, "name", SUMMARY_VERSION, |s: &NameSummary| s.version)
    }

    /// Writes the summary as JSON.
    pub fn save(&self, path: &Path) -> Result<(), SummaryError> {
        save_summary(self, path)
    }

    /// Groups spellings into families and keeps those spelled several ways or against the house style.
    pub fn report(&self, lexicons: &Lexicons, lang: &str) -> NamesReport {
        report(self, &NameLexicons::of(lexicons), lang)
    }
}

fn trim(examples: &mut BTreeSet<String>) {
    while examples.len() > EXAMPLES {
        examples.pop_last();
    }
}

/// Names spelled several ways across a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NamesReport {
    pub stories: u64,
    pub families: Vec<FamilyReport>,
}

/// One name and its spellings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FamilyReport {
    /// The house-style spelling, when the house style has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub preferred: Option<String>,
    /// Spellings, most used first.
    pub forms: Vec<FormReport>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormReport {
    pub form: String,
    pub stories: u64,
    pub mentions: u64,
    pub examples: Vec<String>,
    /// A spelling the house style replaces.
    pub house_variant: bool,
}

/// The words of a spelling used for matching (particles and initials left out).
fn words_of(form: &str) -> Vec<Keys> {
    form.split_whitespace()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase) && w.trim_end_matches('.').chars().count() > 1)
        .map(|w| {
            let w = match w.split_once(['-', '\'', '’']) {
                Some((h, rest)) if matches!(h.to_lowercase().as_str(), "al" | "el") && !rest.is_empty() => rest,
                _ => w,
            };
            Keys::new(w)
        })
        .filter(|k| !k.light.is_empty())
        .collect()
}

fn report(summary: &NameSummary, lx: &NameLexicons, lang: &str) -> NamesReport {
    let forms: Vec<(&String, &FormStats)> = summary.forms.iter().collect();
    let words: Vec<Vec<Keys>> = forms.iter().map(|(f, _)| words_of(f)).collect();
    let house: &HouseStyle = &lx.house;
    // blocking: the joined heavy key and every one-letter deletion of it
    let mut blocks: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, ws) in words.iter().enumerate() {
        if ws.is_empty() {
            continue;
        }
        let key = ws.iter().map(|k| k.heavy.as_str()).collect::<Vec<_>>().join(" ");
        let key = key.trim_end_matches('h').to_string();
        let mut keys = vec![key.clone()];
        if key.len() >= variant::NEAR_MIN_LEN {
            for (p, _) in key.char_indices() {
                let mut k = key.clone();
                k.remove(p);
                keys.push(k);
            }
        }
        keys.sort();
        keys.dedup();
        for k in keys {
            blocks.entry(k).or_default().push(i);
        }
    }
    let mut parent: Vec<usize> = (0..forms.len()).collect();
    fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let ekey = |ws: &[Keys]| EntityNames::key(ws.iter().map(|k| k.lower.as_str()));
    for members in blocks.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (ra, rb) = (root(&mut parent, a), root(&mut parent, b));
                if ra == rb || words[a].len() != words[b].len() {
                    continue;
                }
                if lx.entities.same(&ekey(&words[a]), &ekey(&words[b])) == Some(false) || names_match(&words[a], &words[b]).is_none() {
                    continue;
                }
                parent[ra.max(rb)] = ra.min(rb);
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, ws) in words.iter().enumerate() {
        if !ws.is_empty() {
            groups.entry(root(&mut parent, i)).or_default().push(i);
        }
    }
    let mut families = Vec::new();
    for members in groups.values() {
        let variant_of = |i: usize| house.variant_of(&norm(forms[i].0), lang);
        let distinct: BTreeSet<String> = members.iter().map(|&i| forms[i].0.to_lowercase()).collect();
        let any_variant = members.iter().any(|&i| variant_of(i).is_some());
        if distinct.len() < 2 && !any_variant {
            continue;
        }
        let preferred = members
            .iter()
            .find_map(|&i| house.preferred(&norm(forms[i].0), lang).map(|e| e.preferred.clone()))
            .or_else(|| members.iter().find_map(|&i| variant_of(i).map(|e| e.preferred.clone())));
        let mut fr: Vec<FormReport> = members
            .iter()
            .map(|&i| {
                let (form, s) = forms[i];
                FormReport {
                    form: form.clone(),
                    stories: s.stories,
                    mentions: s.mentions,
                    examples: s.examples.iter().cloned().collect(),
                    house_variant: variant_of(i).is_some(),
                }
            })
            .collect();
        let is_pref = |x: &FormReport| preferred.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(&x.form));
        fr.sort_by(|a, b| {
            b.stories.cmp(&a.stories).then(is_pref(b).cmp(&is_pref(a))).then(b.mentions.cmp(&a.mentions)).then(a.form.cmp(&b.form))
        });
        families.push(FamilyReport { preferred, forms: fr });
    }
    let weight = |f: &FamilyReport| f.forms.iter().map(|x| x.stories).sum::<u64>();
    families.sort_by(|a, b| weight(b).cmp(&weight(a)).then(a.forms[0].form.cmp(&b.forms[0].form)));
    NamesReport { stories: summary.stories, families }
}

impl NamesReport {
    /// Plain-text report.
    pub fn write_human(&self, out: &mut dyn Write) -> io::Result<()> {
        if self.families.is_empty() {
            return writeln!(out, "No name spelled several ways in {} {}.", self.stories, plural(self.stories, "story", "stories"));
        }
        for f in &self.families {
            let head = &f.forms[0].form;
            match &f.preferred {
                Some(p) if p == head => writeln!(out, "{head}  (house style)")?,
                Some(p) => writeln!(out, "{head}  (house style: {p})")?,
                None => writeln!(out, "{head}")?,
            }
            let width = f.forms.iter().map(|x| x.form.chars().count()).max().unwrap_or(0);
            for x in &f.forms {
                let mark = if x.house_variant { " *" } else { "" };
                writeln!(
                    out,
                    "  {:<width$}  {:>5} {}  {:>5} {}  e.g. {}{mark}",
                    x.form,
                    x.stories,
                    plural(x.stories, "story  ", "stories"),
                    x.mentions,
                    plural(x.mentions, "mention ", "mentions"),
                    x.examples.join(", "),
                )?;
            }
            writeln!(out)?;
        }
        writeln!(
            out,
            "{} {} spelled several ways (or against house style, marked *) in {} {}.",
            self.families.len(),
            plural(self.families.len() as u64, "name", "names"),
            self.stories,
            plural(self.stories, "story", "stories")
        )
    }
}

fn plural(n: u64, one: &'static str, many: &'static str) -> &'static str {
    if n == 1 { one } else { many }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::AnalyseOptions;

    const STORIES: &[(&str, &str)] = &[
        ("a.txt", "Prime Minister Mohammad Shtayyeh met envoys. Shtayyeh said talks would go on in Odesa."),
        ("b.txt", "Officials said Shtayyah would travel. Grain left Odessa on Monday."),
        ("c.txt", "The mayor of Kiev met Mohammad Shtayyeh and Mahmoud Abbas."),
        ("d.txt", "Abbas Araghchi met Mahmoud Abbas in Doha; Araqchi said little."),
        ("e.txt", "Slovakia and Slovenia voted, as did Austria and Australia."),
    ];

    fn summary_of(stories: &[(&str, &str)]) -> NameSummary {
        let lex = Lexicons::embedded();
        let opts = AnalyseOptions { language: Some("en".into()), ..Default::default() };
        let mut s = NameSummary::default();
        for (path, text) in stories {
            let doc = Document::from_text(*path, *text, &opts);
            let names = doc.analysis::<NameMentions>(lex);
            s.add_story(&story_id(&doc), &names, &doc);
        }
        s
    }

    #[test]
    fn shard_summaries_merge_into_one_run() {
        let whole = summary_of(STORIES);
        for split in 1..STORIES.len() {
            let (x, y) = STORIES.split_at(split);
            let mut a = summary_of(y);
            a.merge(summary_of(x));
            assert_eq!(a, whole, "split at {split}");
            // through saved JSON, in the other order
            let json = serde_json::to_string(&summary_of(y)).unwrap();
            let mut b = summary_of(x);
            b.merge(serde_json::from_str(&json).unwrap());
            assert_eq!(b, whole);
        }
        let lex = Lexicons::embedded();
        assert_eq!(whole.report(lex, "en"), summary_of(STORIES).report(lex, "en"));
    }

    #[test]
    fn reports_families_spelled_several_ways() {
        let r = summary_of(STORIES).report(Lexicons::embedded(), "en");
        let fams: Vec<Vec<&str>> = r.families.iter().map(|f| f.forms.iter().map(|x| x.form.as_str()).collect()).collect();
        assert!(fams.contains(&vec!["Shtayyeh", "Shtayyah"]), "{fams:?}");
        assert!(fams.contains(&vec!["Odesa", "Odessa"]), "{fams:?}");
        assert!(fams.contains(&vec!["Kiev"]), "{fams:?}");
        assert!(fams.iter().flatten().all(|f| !f.starts_with("Slov") && !f.starts_with("Austr")), "{fams:?}");
        assert!(!fams.iter().any(|f| f.contains(&"Mahmoud Abbas") && f.contains(&"Abbas Araghchi")));
        let kiev = r.families.iter().find(|f| f.forms[0].form == "Kiev").unwrap();
        assert_eq!(kiev.preferred.as_deref(), Some("Kyiv"));
    }
}
