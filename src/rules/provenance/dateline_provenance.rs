//! PR001 dateline-provenance: a dateline that promises on-the-spot reporting over a story whose
//! facts come from foreign media, about other places.

use std::collections::BTreeMap;

use super::{Context, Family, Output, Rule, RuleMeta};
use crate::document::attribution::{Attributions, MediaIndex};
use crate::document::facts::StoryFacts;
use crate::document::places::Gazetteer;
use crate::document::{Document, Section};
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, Lexicons};
use crate::span::Span;

pub struct DatelineProvenance;

pub static META: RuleMeta = RuleMeta {
    name: "dateline-provenance",
    code: "PR001",
    family: Family::Provenance,
    severity: Severity::Warning,
    supersedes: &[],
    summary: "A dateline promises on-the-spot reporting, but the story is about elsewhere and sourced from foreign media",
    explain: r#"## What it flags
A dateline ("JAKARTA -", "MADRID, 3 mar (EFE).-") over a story that (1) never mentions the
dateline city or its country, and (2) credits its facts to news outlets based in other countries
("as reported by CNN", "TASS quoted", "citing Xinhua", "dilansir dari", "según", "selon",
"laut", "сообщает", "-e göre"), with (3) no sign of first-hand reporting ("told reporters",
"told <the dateline's own agency>"). The message names the dateline city and country, each
foreign source with its home country, and the countries the story is about.

## Why it matters
A dateline tells the reader where the basic information was gathered (AP Stylebook); Reuters
allows one only where its journalists are. A story rewritten from foreign outlets under a home
dateline misleads readers about who saw what, and often means the copy was machine-translated
and re-sourced.

## Example
```text
JAKARTA - Russia has invited all Palestinian factions to talks in Moscow, as reported by CNN.
The talks follow strikes in Gaza, the health ministry said, citing Xinhua.
```

## Better
```text
Russia has invited all Palestinian factions to talks in Moscow, CNN reported. ...
```
(or keep the dateline and report from it: quote people reached in Jakarta, credit the outlets).

## False positives
- Logic, in order: the dateline must parse and its place must resolve to one country through the
  gazetteer (ambiguous names such as Tripoli LY/LB are settled by the dateline's region, by the
  story's other places, or stay undecided: no finding; a place that dwarfs its namesakes, such as
  MADRID, is taken as meant). The rule is quiet when the dateline city appears in the headline or
  body, or its country (name or demonym) in the headline or lead, more than twice, or in more than
  a fifth of the story's place mentions; when the dateline's own agency or outlets of the dateline country supply as many
  attributions as foreign outlets.
- Confidence: 1 foreign outlet = low, or medium when the story never names the dateline's
  country, is about other countries and the dateline carries no wire credit; 2 = medium, 3 or more (or 2 from different countries) =
  high, one step up when foreign outlets are credited three or more times; one step lower each
  when the dateline carries a wire credit ("MOSCOW (Reuters)", "LONDON (Reuters)": a claim that
  the agency's reporter or desk was there; a publisher's tag as in "Jakarta, CNN Indonesia"
  changes nothing; nor does a home agency's own credit, `TEHRAN (Tasnim)`, `MADRID (EFE)`, over a
  story about other countries that never names the dateline's country: its desk saw nothing of
  it), when a
  first-hand marker ("told reporters") appears outside sentences credited to an outlet, and when
  the dateline's country is mentioned in passing (a local-angle line).
- Where the dateline is: at the start of the body, or on one of the first lines after page
  furniture (a share label, the headline printed twice, a byline, a date, a caption), or alone on
  its line above the lead (`Jakarta, CNN Indonesia`), or a capital alone on its line above the
  lead with no credit (`Jakarta`: checked against the gazetteer, since most such lines are
  subheads).
- Limits: attribution phrases are matched per copy language (en, id, es, fr, de, pt, ru, tr, and
  a few ar/zh forms); people quoted without any phrase are not counted; outlets missing from the
  media lexicon are invisible, and in English copy a listed name that opens a longer proper
  name is no outlet (`The National Weather Service` is not the UAE daily The National); a
  correspondent's story datelined abroad that cites only foreign media and never names the
  country it is filed from will be flagged (add a first-hand line).
- Turn off for feeds that use datelines as desk locations: `[rules] dateline-provenance = "off"`.

## Lexicon
`lexicons/places/cities.tsv`, `lexicons/places/place-names.<lang>.tsv`,
`lexicons/places/country-names.<lang>.tsv` (GeoNames, CLDR), `lexicons/media/*.tsv` (outlets and
home countries), `lexicons/phrases/attribution.<lang>.tsv` (attribution phrases). Add rows with
`--lexicon FILE` using the same columns.
"#,
    lexicons: &["lexicons/places", "lexicons/media/outlets.tsv", "lexicons/phrases"],
};

/// The parsed, resolved dateline as story metadata (`facts.dateline` in JSON output).
/// Mentions of the dateline's country that still count as "in passing".
const HOME_IN_PASSING: usize = 2;

impl Rule for DatelineProvenance {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        StoryFacts::prepare(lexicons)
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let (Ok(gaz), Ok(media)) = (cx.lexicons.index::<Gazetteer>(), cx.lexicons.index::<MediaIndex>()) else { return };
        // the dateline (or a capital alone on its line above the lead), resolved, and the story's
        // places: story facts, computed once by the analysis
        let facts = doc.analysis::<StoryFacts>(cx.lexicons);
        let Some(filed) = &facts.filed else { return };
        let (d, resolved, story_countries) = (&filed.dateline, &filed.resolved, &filed.countries);
        let attr = doc.analysis::<Attributions>(cx.lexicons);
        let agency = filed.agency;
        let dl_text = doc.slice(d.span).trim_end();
        let Some(home) = resolved.country.as_deref() else { return };

        // 1. the dateline place is not what the story is about: its city is never named, and its
        //    country at most in passing (a local-angle line at the end of a foreign story lowers
        //    the confidence instead of clearing the dateline)
        let mut demote = 0;
        if let Some(&home_n) = story_countries.get(home) {
            let others: usize = story_countries.iter().filter(|(c, _)| c.as_str() != home).map(|(_, n)| n).sum();
            // a story whose headline or lead names the dateline's country is about it
            let lead_end = doc.sentences.iter().find(|s| s.section != Section::Headline).map(|s| s.span.end);
            let in_lead = filed
                .mentions()
                .any(|m| m.country == home && (doc.section_of(m.span) == Section::Headline || lead_end.is_some_and(|e| m.span.start < e)));
            if in_lead || home_n > HOME_IN_PASSING || home_n * 4 > others {
                return;
            }
            demote += 1;
        }
        let city_key = crate::document::places::key(&d.city);
        let city_named = filed.mentions().any(|m| {
            m.place.is_some_and(|p| resolved.place.as_deref() == Some(gaz.place(p).name))
                || crate::document::places::key(doc.slice(m.span)) == city_key
        });
        if city_named {
            return;
        }
        // 2. signs of first-hand reporting ("told reporters") weaken the case: the reporters may be
        //    the foreign outlet's
        if !attr.firsthand.is_empty() {
            demote += 1;
        }
        // 3. most media-sourced information comes from outlets of other countries
        let publisher = doc.meta.source.as_deref().and_then(|s| media.resolve(s));
        let mut foreign: BTreeMap<u32, Span> = BTreeMap::new();
        let mut local = 0usize;
        for (o, a) in attr.media() {
            let outlet = media.outlet(o);
            if Some(o) == agency || Some(o) == publisher || outlet.country == home {
                local += 1;
            } else {
                foreign.entry(o).or_insert(a.source_span.unwrap_or(a.phrase));
            }
        }
        let foreign_count = attr.media().filter(|(o, _)| foreign.contains_key(o)).count();
        if foreign.is_empty() || foreign_count <= local {
            return;
        }
        let mut countries: Vec<&str> = foreign.keys().map(|o| media.outlet(*o).country).collect();
        countries.sort_unstable();
        countries.dedup();
        // one outlet: low; two of one country: medium; more outlets or countries: high; a story
        // credited again and again (three or more credits) one step up
        // one foreign outlet is enough when the story never names the dateline's country at all
        // and is about other countries: nothing in it was gathered where the dateline says
        // (not under a wire credit: a desk's wrap, `LONDON (Reuters) -`, may cite one outlet)
        let wire_credit = d.agency.is_some() && dl_text.contains(['(', '/']);
        // a home agency's credit (`TEHRAN (Tasnim)`, `ANKARA (AA)`) claims only its desk: over a
        // story about other countries that never names its own, it adds nothing first-hand
        // (a world wire's desk, `LONDON (Reuters)` over a markets wrap, is another matter)
        let home_desk = wire_credit && agency.is_some_and(|a| media.outlet(a).country == home && media.outlet(a).kind != "wire");
        let elsewhere = !story_countries.contains_key(home) && !story_countries.is_empty() && (!wire_credit || home_desk);
        let mut level: i32 = match (foreign.len(), countries.len()) {
            (1, _) if elsewhere => 1,
            (1, _) => 0,
            (2, 1) => 1,
            _ => 2,
        };
        if foreign_count >= 3 {
            level = (level + 1).min(2);
        }
        level -= demote;
        // a wire credit in the dateline (`MOSCOW (Reuters) -`, `LONDON (Reuters) -` over a desk's
        // markets wrap) claims the agency's own reporter or desk was there; a publisher's tag
        // (`Jakarta, CNN Indonesia`, `Jakarta, Tempo.co`) is just the site that published it
        if d.agency.is_some() && !(home_desk && elsewhere) && (wire_credit || agency.is_some_and(|a| media.outlet(a).country != home)) {
            level -= 1;
        }
        let confidence = match level {
            i32::MIN..=-1 => return,
            0 => Confidence::Low,
            1 => Confidence::Medium,
            _ => Confidence::High,
        };

        let home_name = resolved.country_name.as_deref().unwrap_or(home);
        let src_list: Vec<String> = foreign
            .keys()
            .map(|o| {
                let x = media.outlet(*o);
                format!("{} ({})", x.name, x.country)
            })
            .collect();
        let mut about: Vec<(&String, &usize)> = story_countries.iter().collect();
        about.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
        let about: Vec<String> = about.iter().take(3).map(|(c, _)| gaz.country_name(c).to_string()).collect();
        let about_txt = if about.is_empty() { String::new() } else { format!(" is about {},", join(&about)) };
        let message = format!(
            "dateline `{dl_text}` ({city}, {home_name}) claims on-the-spot reporting, but the story{about_txt} never mentions {city} or {home_name}, and credits foreign media: {}; drop the dateline or credit the sources",
            join(&src_list),
            city = resolved.place.as_deref().unwrap_or(&d.city),
        );
        let span = Span::new(d.span.start, d.span.start + dl_text.len());
        let removal = Span::new(d.span.start, d.span.end);
        out.push(Finding::new(&META, span, confidence, message).suggest(removal, "", Applicability::DisplayOnly));
    }
}

fn join(items: &[String]) -> String {
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{} and {}", items[..n - 1].join(", "), items[n - 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{AnalyseOptions, Document};
    use crate::lexicon::LexiconFile;

    /// Embedded lexicons plus a few outlets, so the tests do not depend on the shared media list.
    fn lexicons() -> Lexicons {
        let mut files: Vec<LexiconFile> = crate::lexicon::embedded::files()
            .iter()
            .map(|(p, t)| LexiconFile::parse(p, t).unwrap())
            .filter(|f| f.kind != "media")
            .collect();
        files.push(LexiconFile::parse("test-outlets.tsv", TEST_OUTLETS).unwrap());
        Lexicons::new(files)
    }

    const TEST_OUTLETS: &str = "# lexicon: media\n# lang: mul\n# source: test\n# licence: own work\n# columns: name\tcountry\ttype\taliases\tambiguous\n\
Agencia EFE\tES\tagency\tEFE\t\n\
Al Jazeera\tQA\tbroadcaster\tAljazeera\t\n\
Anadolu Agency\tTR\tagency\tAnadolu|Anadolu Ajansı|AA\tAA\n\
Antara\tID\tagency\tANTARA|Kantor Berita Antara\t\n\
Arab News\tSA\tnewspaper\t\t\n\
Associated Press\tUS\tagency\tAP\tAP\n\
CNN\tUS\tbroadcaster\t\t\n\
CNN Indonesia\tID\tbroadcaster\t\t\n\
Reuters\tGB\tagency\tРейтер\t\n\
TASS\tRU\tagency\tТАСС\t\n\
Tasnim News Agency\tIR\tagency\tTasnim\t\n\
WAFA\tPS\tagency\tWafa\t\n\
The Jakarta Post\tID\tnewspaper\tJakarta Post\t\n\
Xinhua\tCN\tagency\tSinhua|Синьхуа\t\n";

    fn run(text: &str, lang: Option<&str>) -> (Document, Vec<Finding>, Output) {
        let lex = lexicons();
        DatelineProvenance.prepare(&lex).unwrap();
        let opts = AnalyseOptions { language: lang.map(str::to_string), ..Default::default() };
        let doc = Document::from_text("t.txt", text, &opts);
        let mut out = Output::default();
        DatelineProvenance.check(&Context::new(&lex), &doc, &mut out);
        // the story facts the linter adds beside the rule's findings
        out.facts.extend(doc.analysis::<StoryFacts>(&lex).to_json(&doc, &lex).into_iter().map(|(k, v)| (k.to_string(), v)));
        let f = out.findings.clone();
        (doc, f, out)
    }

    fn flagged(text: &str, lang: Option<&str>) -> Vec<(String, Confidence, String)> {
        let (doc, f, _) = run(text, lang);
        f.iter().map(|f| (doc.slice(f.span).to_string(), f.confidence, f.message.clone())).collect()
    }

    const SEED_LIKE: &str = "Russia invites Palestinian factions to Moscow\n\nJAKARTA - The Palestinian Authority is ready to work with Hamas, the prime minister said on Sunday, as reported by CNN.\nState news agency TASS quoted the deputy foreign minister as saying that all factions had been invited to Moscow.\n\"We invite all Palestinian representatives,\" he said, as quoted from Arab News.\nThe health ministry in Gaza said the death toll had risen, citing Xinhua.\n";

    #[test]
    fn flags_foreign_sourced_story_under_home_dateline() {
        let got = flagged(SEED_LIKE, Some("en"));
        assert_eq!(got.len(), 1, "{got:?}");
        let (text, conf, msg) = &got[0];
        assert_eq!(text, "JAKARTA -");
        assert_eq!(*conf, Confidence::High);
        for s in ["CNN (US)", "TASS (RU)", "Arab News (SA)", "Xinhua (CN)", "Jakarta", "Indonesia", "Russia"] {
            assert!(msg.contains(s), "{s} missing from {msg}");
        }
    }

    #[test]
    fn exposes_dateline_fact() {
        let (_, _, out) = run(SEED_LIKE, Some("en"));
        let d = &out.facts["dateline"];
        assert_eq!(d["city"], "JAKARTA");
        assert_eq!(d["country"], "ID");
        assert!(out.facts["media_sources"].as_array().unwrap().len() >= 4);
    }

    #[test]
    fn flags_indonesian_copy() {
        let text = "Jakarta - Rusia mengundang semua faksi Palestina ke Moskow, seperti dilansir dari Al Jazeera. Kantor berita TASS melaporkan bahwa pertemuan akan digelar akhir Februari, dikutip dari Reuters.\n";
        let got = flagged(text, Some("id"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Confidence::High);
    }

    #[test]
    fn flags_spanish_copy() {
        let text = "MADRID, 3 mar (EFE).- Rusia invitó a todas las facciones palestinas a Moscú, según la agencia TASS. Según Al Jazeera, la reunión se celebrará a finales de febrero.\n";
        let got = flagged(text, Some("es"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "MADRID, 3 mar (EFE).-");
        // EFE's own desk in Madrid, over a story about other countries that never names Spain:
        // the credit claims nothing first-hand, so it does not lower the confidence
        assert_eq!(got[0].1, Confidence::High);
    }

    #[test]
    fn ignores_correspondent_story_about_dateline_country() {
        let text = "MOSCOW (Reuters) - The Kremlin said on Monday that Russia would host Palestinian factions, TASS reported. Russian officials told reporters the talks would start next week.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn ignores_desk_story() {
        let text = "LONDON (Reuters) - World stocks slipped on Tuesday as investors weighed U.S. inflation data and Chinese growth figures, while the dollar held near a two-month high against the yen in Tokyo trading.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn flags_home_agency_desk_story_about_another_country() {
        let text = "TEHRAN (Tasnim) – Israeli forces detained 20 Palestinians in raids across the occupied West Bank overnight, Wafa reported. Most arrests were made in Hebron, the Palestinian news agency said.\n";
        let got = flagged(text, Some("en"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "TEHRAN (Tasnim) –");
        assert_eq!(got[0].1, Confidence::Medium);
    }

    #[test]
    fn ignores_home_agency_story_that_names_its_country() {
        let text = "TEHRAN (Tasnim) – Iran's foreign minister condemned the raids in the occupied West Bank on Tuesday, Wafa reported.\n";
        let got = flagged(text, Some("en"));
        assert!(got.is_empty(), "{got:?}");
    }

    #[test]
    fn ignores_officials_speaking_in_dateline_city() {
        let text = "JAKARTA - Russia has invited Palestinian factions to Moscow, Foreign Minister Retno Marsudi told reporters in Jakarta on Monday, adding that Al Jazeera and CNN had reported the plan.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn ignores_story_without_dateline() {
        let text = "Russia has invited all Palestinian factions to Moscow, as reported by CNN. TASS quoted the deputy foreign minister. The toll in Gaza rose, citing Xinhua.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn ignores_ambiguous_dateline() {
        let text =
            "TRIPOLI - Militia clashes killed five people, as reported by CNN. Al Jazeera said the fighting had stopped, citing Xinhua.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn resolves_ambiguous_dateline_by_region() {
        let text = "TRIPOLI, Lebanon - Militia clashes in Syria killed five people, as reported by CNN. The toll rose, citing Xinhua.\n";
        let (_, _, out) = run(text, Some("en"));
        assert_eq!(out.facts["dateline"]["country"], "LB");
    }

    #[test]
    fn flags_foreign_story_with_a_local_angle_line_one_step_lower() {
        let text = "JAKARTA - Saudi Arabia said 1,301 pilgrims died in the heat in Mecca, as reported by CNN. The kingdom's health minister said most were unregistered, citing Xinhua. Egypt revoked the licences of 16 travel firms, Al Jazeera reported.\nJordan, Tunisia and Indonesia also reported deaths among their citizens.\n";
        let got = flagged(text, Some("en"));
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].1, Confidence::Medium, "one passing mention of Indonesia lowers, not clears");
    }

    #[test]
    fn ignores_story_whose_lead_names_the_dateline_country() {
        let text = "JAKARTA - Indonesia condemned the strike on the Gaza hospital, as reported by CNN. Israel said it targeted militants, citing Xinhua. The toll rose, Al Jazeera reported.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn a_dominant_namesake_wins_over_story_mentions() {
        let text = "MADRID - Venezuela's electoral council declared Nicolas Maduro the winner, as reported by CNN. Brazil and Colombia asked for the tallies, Al Jazeera reported.\n";
        let (_, _, out) = run(text, Some("en"));
        assert_eq!(out.facts["dateline"]["country"], "ES");
    }

    #[test]
    fn ignores_local_sourcing() {
        let text = "JAKARTA - Floods hit Bogor on Monday, The Jakarta Post reported, citing Xinhua.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    #[ignore = "a regional bureau (Beirut covering Gaza) that cites only foreign media looks the same as a re-sourced desk story"]
    fn ignores_regional_bureau_story() {
        let text = "BEIRUT - Israeli strikes killed 12 people in Gaza overnight, Al Jazeera reported. The toll was confirmed by the health ministry, citing Xinhua.\n";
        assert!(flagged(text, Some("en")).is_empty());
    }

    #[test]
    fn reads_the_seed_article() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/seed");
        let dir = if dir.is_dir() { dir } else { std::path::PathBuf::from("/work/shared/seed") };
        let Ok(entries) = std::fs::read_dir(&dir) else { return };
        for e in entries.flatten() {
            let text = std::fs::read_to_string(e.path()).unwrap();
            let got = flagged(&text, None);
            assert_eq!(got.len(), 1, "{got:?}");
            for s in ["CNN", "TASS", "Arab News", "Xinhua"] {
                assert!(got[0].2.contains(s), "{s} missing: {}", got[0].2);
            }
        }
    }
}
