//! Story facts: where the copy says it was filed (its dateline, resolved to a place) and which
//! outlets it cites. Computed once per story by the analysis, whatever rules run (#16: they were
//! computed inside dateline-provenance, so `--select` dropped them), read by that rule and shown
//! as `facts` in JSON output.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;

use super::attribution::{Attributions, MediaIndex, PhraseIndex};
use super::places::{DatelinePlace, Gazetteer, PlaceMention, StoryPlaces, Target};
use super::{Analysis, Dateline, Document};
use crate::lexicon::{LexiconError, Lexicons};
use crate::span::Span;

/// The filing facts of one story.
#[derive(Debug, Default)]
pub struct StoryFacts {
    /// The dateline, when the story has one.
    pub filed: Option<Filed>,
}

/// A story's dateline and what the story says about places.
#[derive(Debug)]
pub struct Filed {
    /// The parsed dateline, or a capital alone on its line above the lead (`Jakarta`), which
    /// stands for one when the story has no other.
    pub dateline: Dateline,
    /// The dateline place in the gazetteer.
    pub resolved: DatelinePlace,
    /// The story's place mentions, shared with the analysis that found them.
    story: Arc<StoryPlaces>,
    /// A bare dateline line, whose own mention of its place is left out.
    bare_line: Option<Span>,
    /// Mentions per country code.
    pub countries: BTreeMap<String, usize>,
    /// The dateline's agency credit in the media lexicon.
    pub agency: Option<u32>,
}

impl Filed {
    /// Place mentions of the story (a bare dateline line is not one).
    pub fn mentions(&self) -> impl Iterator<Item = &PlaceMention> {
        self.story.0.mentions.iter().filter(|m| off_line(self.bare_line, m))
    }
}

impl StoryFacts {
    /// The lexicon indexes the facts read, built up front so that a lexicon error is reported
    /// before the first story.
    pub fn prepare(lexicons: &Lexicons) -> Result<(), LexiconError> {
        // independent indexes, the gazetteer the largest: on two cores when one is free (the
        // first error in this order is reported)
        let (gazetteer, (media, phrases)) = rayon::join(
            || lexicons.index::<Gazetteer>().map(|_| ()),
            || (lexicons.index::<MediaIndex>().map(|_| ()), lexicons.index::<PhraseIndex>().map(|_| ())),
        );
        gazetteer.and(media).and(phrases)
    }

    /// The facts as JSON values by name (`dateline`, `media_sources`).
    pub fn to_json(&self, doc: &Document, lexicons: &Lexicons) -> Vec<(&'static str, serde_json::Value)> {
        let (Some(f), Ok(media)) = (&self.filed, lexicons.index::<MediaIndex>()) else { return Vec::new() };
        let d = &f.dateline;
        let dl_text = doc.slice(d.span).trim_end();
        let dateline = DatelineFact {
            text: dl_text,
            city: &d.city,
            region: d.region.as_deref(),
            date: d.date.as_deref(),
            agency: d.agency.as_deref(),
            agency_country: f.agency.map(|a| media.outlet(a).country),
            resolved: &f.resolved,
            start: d.span.start,
            end: d.span.start + dl_text.len(),
        };
        let mut out = vec![("dateline", serde_json::to_value(dateline).unwrap_or_default())];
        let attr = doc.analysis::<Attributions>(lexicons);
        let sources: Vec<SourceFact<'_>> = attr
            .media()
            .map(|(o, a)| SourceFact {
                outlet: media.outlet(o).name,
                country: media.outlet(o).country,
                text: a.source_span.map(|s| doc.slice(s)).unwrap_or(""),
            })
            .collect();
        if !sources.is_empty() {
            out.push(("media_sources", serde_json::to_value(&sources).unwrap_or_default()));
        }
        out
    }
}

impl Analysis for StoryFacts {
    fn compute(doc: &Document, lex: &Lexicons) -> Self {
        let (Ok(gaz), Ok(media)) = (lex.index::<Gazetteer>(), lex.index::<MediaIndex>()) else { return StoryFacts::default() };
        let (dateline, bare) = match &doc.dateline {
            Some(d) => (d.clone(), false),
            None => match super::dateline::bare_place_line(&doc.text, doc.body).filter(|d| bare_capital(&gaz, &d.city)) {
                Some(d) => (d, true),
                None => return StoryFacts::default(),
            },
        };
        let story = doc.analysis::<StoryPlaces>(lex);
        // the bare dateline line itself is not a mention of its place
        let bare_line = bare.then_some(dateline.span);
        let mut countries = BTreeMap::new();
        for m in story.0.mentions.iter().filter(|m| off_line(bare_line, m)) {
            *countries.entry(m.country.clone()).or_insert(0) += 1;
        }
        let resolved = gaz.resolve_dateline(&dateline, &countries);
        let agency = dateline.agency.as_deref().and_then(|a| media.resolve(a));
        StoryFacts { filed: Some(Filed { dateline, resolved, story, bare_line, countries, agency }) }
    }
}

/// Is a mention outside the bare dateline line (when there is one)?
fn off_line(line: Option<Span>, m: &PlaceMention) -> bool {
    line.is_none_or(|l| !(l.start <= m.span.start && m.span.end <= l.end))
}

/// A name that is one country's capital, and no ordinary word.
fn bare_capital(gaz: &Gazetteer, name: &str) -> bool {
    let targets = gaz.lookup(name);
    !targets.is_empty() && targets.iter().all(|t| matches!(t, Target::Place(p) if gaz.place(*p).capital && !gaz.place(*p).common))
}

#[derive(Debug, Serialize)]
struct DatelineFact<'a> {
    text: &'a str,
    city: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    agency_country: Option<&'a str>,
    #[serde(flatten)]
    resolved: &'a DatelinePlace,
    start: usize,
    end: usize,
}

#[derive(Debug, Serialize)]
struct SourceFact<'a> {
    outlet: &'a str,
    country: &'a str,
    text: &'a str,
}
