//! SC001 scrape-residue: CMS and scraper leftovers pasted into the body ("SEE ALSO:",
//! "Baca juga:", "ADVERTISEMENT", share buttons, photo credits). Line-anchored only: "see also"
//! inside a sentence is prose.

use rustc_hash::FxHashSet as HashSet;

use crate::document::Document;
use crate::finding::{Applicability, Confidence, Finding, Severity};
use crate::lexicon::{LexiconError, LexiconIndex, Lexicons};
use crate::rules::{Context, Family, Output, Rule, RuleMeta};
use crate::span::Span;

mod shape;
#[cfg(test)]
mod shape_oracle;

pub struct ScrapeResidue;

pub static META: RuleMeta = RuleMeta {
    name: "scrape-residue",
    code: "SC001",
    family: Family::Residue,
    severity: Severity::Warning,
    // a residue line (`Lea también: ...`) is deleted, not reformatted; one in another language
    // than the copy keeps its untranslated-fragment finding as well (it says what the line is)
    supersedes: &[crate::rules::Supersede { loser: "date-format", min_confidence: Confidence::High }],
    summary: "CMS and scraping leftovers in the body: \"SEE ALSO:\", \"Baca juga:\", \"ADVERTISEMENT\", share buttons, credits",
    explain: r#"## What it flags
Lines that are website furniture rather than story, in two ways.

Labels (a lexicon of about 2,000 markers in en, ru, uk, tr, az, ar, fa, es, pt, fr, de, it,
id, vi, zh, ja, ko, el, pl, ro: the standard furniture of news sites in each language): related-link
headings (`SEE ALSO:`, `ALSO READ`, `Baca:`, `Lea también:`, `Lire aussi :`, `Das könnte dich
auch interessieren`, `Читайте также:`, `اقرأ أيضا`) and the headline-shaped teaser lines right
under a heading alone on its line (or with a few words of its own: `More from Local News`); when
everything from there to the story's end reads as the box's headlines, each with at most one
short summary paragraph, and one- or two-word section labels (two headlines at least), the
summaries and labels go too (a story that goes on after a `Related:` link has paragraphs in a
row and is left alone; a section label on the page's first line, `Latest News`, goes, and the
one headline under it that the story's lead follows is the story's own and stays); ad and
scroll markers (`ADVERTISEMENT`, `― Advertisement ―`); share rows (`Facebook Twitter
WhatsApp`); comment forms (`Add new comment`, `Kommentar verfassen`, `Добавить комментарий`,
WordPress's `Your email address will not be published` in eight
languages, DataLife Engine's guest notice); archive notices (`This is an archived article`);
player and UI labels (`Listen Live`, `Skip to content`, `Get short URL`, `Show more`, `Print this
page`, `Hide Ad`, a cookie banner); blog footers (`This entry was posted in ...`); follow and newsletter prompts; time stamp
labels (`Updated on:`, `Publish date :`); credit lines (`Photo: ...`, `Source: Xinhua`,
`Translator: ...`, `Web Editor: ...`, `Quelle: ...`); WordPress's like widget with its count
unfilled (`%d bloggers like this:`); a theme's placeholder for an empty widget area (`Your Sidebar area is
currently empty.`); lone widget labels (`Save`, `Poll`).
Matching ignores case, leading bullets, dashes and box-drawing characters, and the colon.

Shapes, for lines on no list: a CMS date glued before the text (`date 2019-05-05 - The ...`;
what follows it is then read as a line of its own, so ` date 2022-04-12 Article content` is two
findings), a
caption credit or picture note at the end of a line (`... at the meeting (Photo: VNA)`,
`... near the port (file photo)`, `(Image from Internet)`, `. Photo: Minh Chau`, a generic source in lower case `. Photo: screenshot`,
`(Xinhua/ Li) Photo Gallery`, `— Bernama pic`, `... on Monday.Credit: Name`, `. © 2020
Outlet/Name`, `. EPA-EFE/NAME` with a known agency, a picture desk's chain `(AFP PHOTO/KCNA VIA
KNS/AFP/Getty Images)`, `(Photo by Jane Doe/Getty Images)`, `(Photo by: Name/PR)`, `... six
months - Photo by Finance Ministry`, a member paper's picture moved by AP `(Jane Doe/The Daily News
via AP)`, an agency's or a pool's picture moved by AP or Reuters `(Kyodo News via AP)`, `(KCNA via
REUTERS)` (after its caption or alone on its line), The Canadian Press's `. THE CANADIAN PRESS/Jane Doe`, and after a sentence's end the
all-capitals `(JANE DOE/THE DAILY NEWS)` of US captions; or alone on its line: `(ANTARA
PHOTO/Name)`, and AP's credit printed apart from its caption, `AP Photo/Jane Doe`; a caption line that ends in its credit goes whole, as a caption), an image's file
name left where the image stood (`... at the border.jpg`, `20240311093015-65ef0c7a9d2bjpeg`,
`gettyimages 1580022417 ...`), a photo caption that is one sentence with a
full date and the agency alone in parentheses after it (`This photo, taken May 22, 2023, shows
... (Yonhap)`; a paragraph that reports speech, `..., the council said. (Reuters)`, is left
alone), a photo caption with no credit that stands alone between blank lines: one sentence in
the present tense that ends in the picture's full date (`Police officers stand guard near the
damaged building in Jakarta on January 15, 2016`; `Police stood guard ...`, `The council meets
again on Tuesday, April 9, 2024.` and a block of dated lines are left alone), a photo caption that places people in the picture with a position in parentheses
straight after a name (`Prime Minister Pham Minh Chinh (right) meets ...`, `(L), and`,
`(droite)`, `(second left)`; a one-letter position counts only after a name not in capitals and
before a comma, `and` or a lower-case word, so `IBM (R)` and `Sen. Jane Doe (R) said` are left
alone), a web page's e-mail protection placeholder wherever it stands
(`please email [email protected] or call 101`: high, with no fix, since the address is lost), a
headline's media tag (`(PHOTO)`, `(photo, video)`),
a source credit or link glued after the last sentence (`... district. Source : Akipress`),
an embedded post's signature flattened onto its line (`... #traffic — Riverton Police (@RivertonPD) March 8, 2024`), editor codes (`(abc/def)`, alone or
after the last sentence), an agency's name in parentheses after a story's last sentence
(`(ILKHA)`, `(Yonhap)`; agencies only, not routing codes or a club in parentheses), an editor's
initials there (`(WDY)`, `(Dan)`: two or three letters; a four-letter `(WHCB)` is a routing code), a national agency's dash sign-off after a story's last
sentence or alone on a line (`... he said. - Bernama`, `-- BERNAMA`, `--AKP`; wherever the story ends,
since a scraped page puts furniture or the next post after it; alone on a line above the story's
prose it is the page header's credit and left alone; the world agencies' own sign-offs, `- Reuter`, are house
style and left alone), a machine time stamp alone
on a line (`2022-08-31T12:50:45Z`), a bare numeric date alone on a line inside the story (a blog
archive's next-post header: `2018-01-24`), wire version markers opening a line (`(3rd LD)`,
`(ATTN: ...)`), end marks (`(*)`, `(END)`, `-30-`, `-0-`, `###`, VNA's `./.` glued to the last full stop; after the last sentence `... in touch. END` and
KUNA's `(end) abc.de` with editors' initials), relative time stamps (`8 hours
ago`), time stamps of a teaser list or feed after the story (`09/27/2017 - 06:14`, `Tue, 20 Feb
2018 15:02:09 +0600`, `2024/08/05 20:49 KST`, `Nov 21, 2025 79`), a breadcrumb's first crumb alone (`Home>>`), a breadcrumb printed one crumb a line with bullets as the page's first lines
(`• Home`, `• News`, `• <the story's title, cut short>...`; a bulleted list that does not open with the home crumb is
left alone), the page's notice that a story is old (`This was
published 4 years ago`), counters (`Read: 2012`, `Read: 452 Views`, `0 comments 10 views`, `Комментариев 1`, `4392
visitors online`, `Image 1 of 4`, `442 times viewed.`, `Reading: 1,313 times`, `This news has been read 109 times`, `2,309 Viewed`, `(0 votes)`, and a counter
opening a line of stamps, `Read: 314     13:45     12 July 2018`), a template's section field (`Published in :`,
`Published in ALGERIA`; a sentence opening with `Published in` is left alone), a byline holding the site's
account name instead of a reporter's (`By admin`, `By tladmin`, `Por admin`, `By Editor`; `By Editor
Jane Doe` is left alone), reading-time widgets (`2 Mins Read`, `4-min read`, `Reading Time: < 1 minute`), a weather widget in the
page header (`Minsk Overcast sky +17°C`, `Yerevan 10 ℃`) and a forecast widget's rows anywhere
(`High: 10°C | Low: 6°C`, a temperature alone on its line, `13°C`, with the day and conditions
printed between such lines; without the degree sign, `62 F`, only above the story's prose), a row of empty table cells or a tag list whose tags were dropped (`|  |`,
`, , , ,`: separators only; `***` and `- - -` are section breaks), rows of a currency-rate widget (`USD 77.51`, `EUR 1€ in
116.05 in 123.16`, `• USD 67.37 -0.69`: a currency code, then only figures; `USD 1.2 billion in loans` has words), two or more
market-widget rows in a row (`BTC 91978.14`, `• BRENT 78.80`: a ticker of capitals and a price with decimals; one
such line alone, or a score, `KC 5`, is left alone), an image's alt text (`Logo Agência Brasil`), a bare URL,
a breadcrumb (`Home > World > Asia`, also glued to its linked headline; with slashes, `Home / Jordan News`, only from the home crumb to a capitalised one), a language menu (`English
Español Русский 中文`, `RU UA EN`), a copyright notice (`Copyright 2023 ...`, `All rights reserved`
and its translations), embed placeholders and HTML tags (alone on a line, or closing tags glued to
a line's end: `...said.< /p>`; a ticker such as `<P>` or `<A.N>` is not a tag), lines of a page's
script or data (`var js = d.createElement(s);`, `{"email":"Email address invalid"}`: code marks
with an assignment, a brace or a method call, so a results line `(1) Smith; (2) Jones;` is left
alone), a line that opens with a token of the page's machinery (`DNUM_CAZBAZCABB 17:07`, `[ad_1]`,
`LAST_UPDATESun, 22 Jul 2018`, a hexadecimal hash, `$htmlUtil.escape(...)`, a PHP dump `string(1356) "...`,
`SELECT * FROM ... WHERE ...`, a shortcode with quoted attributes alone on its line,
`[embedpost slug="..."]`; a hashtag, a handle, `$5` or `[Editor's note: ...]` is text), a site's prompt to follow it on
social networks that opens with the prompt and ends no sentence (`You can also follow AzerNEWS on
Twitter ... or Facebook ...`, `Read LB.ua news on social networks Facebook, Twitter and Telegram`),
and short rows of UI words (`Print Mail Large Medium Small`).

After the story's last paragraph of prose, a national agency's name alone on its line (`ANSA`,
`Lusa`, `/BTA`: the sign-off without its dash; above the story's end it is the header's credit, and
the world agencies' `Reuters` is house style) and a bare number after the story's prose (`974750`:
a view counter or article number; not a year, not next to another line of figures, not under a
line that introduces it, `Attendance:`).

Captions printed twice: two lines in a row that open with the same sentence (four words or more)
and go on with a few capitalised words that end no sentence, one of them at least (`Fireworks
over the harbour.` over `Fireworks over the harbour.Credit: Jane Doe`, `... officer. View image in
full screen` over `... officer. Getty Images`), are a picture's alt text and caption; both go.

Section labels over the headline: one of the page's first three lines, right above a headline and
with the story's prose below, that is one word in lower case (`society`) or a label ending in
`News` (`Canada News`, `MainNews -`). A byline, an outlet's name (`Sky News`: the header's
credit), a word in Title Case or in capitals (`ENERGY`: a wire's topic kicker), several words in
capitals (a short headline) and a line with a figure are left alone.

Cut-off teasers: two or more paragraphs in a row that stop at an ellipsis straight after a word
(`... shot down its own fighter jet in a…`), the openings of other stories from a related-stories
list. A teaser's headline or `read more` line between them does not break the run; one such
paragraph alone, one with another ellipsis inside, or one opening with a quotation mark or a
dash (speech that trails off) is left alone, and so are the teasers of a listing or tag page with
no story beside them (no two paragraphs of prose in a row): there they are the page's content.
A line cut off by an ellipsis and printed again in full on the next line (a gallery's short and
long caption, a headline shown twice) is flagged on its own: `Crews clear a fallen tree from
Sandy Bay Road in Hobart on ...` over the whole caption.
A teaser's link label glued after the last mark of its text (`... said Thursday… Read More`,
`... in February. READ MORE`, `Continue reading »`), or capitalised after the word where an
excerpt was cut (`... raised wind signals along the Continue reading`), is flagged alone; `urges
pupils to read more.` inside a sentence is prose.

Headline runs: after the story's prose has begun, three or more headline-shaped lines in a row
(5 to 18 words, no full stop, nearly all words, opening with a capital or a figure, or with a
quote mark or currency sign before one: `‘Never again’: Residents ...`, `£2m plan ...`; a line
that is all one quotation is a slogan, not a headline) are other stories' headlines from a related box
whose heading the lexicon lacks; two are enough under a short heading ending in a colon
(`Related readings:`). Bulleted headlines (`- Ferry operator adds winter crossings`) count
after the story's last sentence, where a related box sits, and above the title. Above the lede, a
block of three or more headline-shaped lines, bulleted or not, over the story's own headline is
teasers of other stories (the last headline before the lede is the title and stays; when that
line is a bullet, the bullets are the story's own key points and stay). A lone subhead, a list of sentences, a numbered
list, a key-points list inside the story, a fixture list (`Northfield v Castle Rovers`) and a
table of figures are left alone.

Dated teaser lists: three or more lines in a row that are each a headline followed by its date
(`Tips for new runners - November 6, 2020`, or the stamp glued on: `Talks resume in DohaGMT 16:26
2018 Saturday ,20 October`), lines of only a dash between them allowed, above or after the story,
are a list of other stories. A sentence ending in a date (`The law takes effect on May 1, 2026`),
a caption with its date after a comma, a results row (`Hull 2 Leeds 1 - May 4, 2024`) and a
timeline whose lines open with the date are left alone.

Menus: four or more one-to-four-word label lines in a row (`Home`, `World`, `Business`, `Sport`;
`Topics` over `• Ports`, `• Shipping`; a province list), blank lines between them allowed, are a
navigation menu or tag list. A line with a figure, a sentence end or a colon, a fixture (`v`) and
a run of three (`The three new ministers are:` over three names) are left alone.

Furniture after the story: once the story's last paragraph of prose is over and two lines after
it are already flagged (a share row, a credit, a theme's `Back to top button`), the other short
lines there (eight words at most) that end no sentence are the same furniture (`Pin It`,
`Rewriter: Name`, `Most popular in 24h`, `Media partners:`, a menu item). A line in parentheses
(the wire's `(Reporting by ...; Editing by ...)`), the `Reuter` sign-off, a clause that goes on
from the line before (`or call 101, quoting ...`) or introduces the next (`You can report it to
us online via:`) stay. With fewer than two flagged lines there, the short lines after the
story's end (its last paragraph of a dozen words or more, cut short or not, or its last sentence
of four words or more) that end no sentence and hold no figure are still furniture (`Written by`, `Notice`, `Anadolu Agency`, `Extended search`),
except the story's last line (a sign-off, a byline, a line the scrape cut short), a line in or
ending in parentheses (`Peter Olsen (Guildhall School)`), a line ending in a comma (`Yours
faithfully,`), a wire desk's credit (`Reporting by ...`); and nothing there is read when a line
introduces a list (`The finalists are:`), two lines hold figures (a table of results or
earnings) or one is a fixture.

Time stamp labels above the story are the page's own header date (low), unless the field is empty:
`Published on:` or `Published` with no date is a bare label (medium).

Repeats: a line of eight words or more printed again word for word (a caption as alt text and
figure caption, a teaser in two blocks, a paragraph pasted twice); the repeat is flagged, the
first copy stays. Rows of figures (`Shr 21 cts vs 17 cts`), short subheads and the headline
printed again at the top of a scraped page (the story's first line, without a full stop,
repeated within its first four paragraphs) are left alone. A repeat right under its first copy
is medium confidence; one further down (a wire re-sending paragraphs) is low.

Across a corpus: `wirelint boilerplate FEED --save-summary counts.json` counts each line per
source; `wirelint check FEED --boilerplate counts.json` then flags a line that its source prints
in at least 5 stories and 1% of them (a promo, a share row, a machine-translation note no list
holds), with the count. Lines of figures and lines under three words are not counted.

A furniture line in another language than the copy (`Bagikan artikel ini` or `Lea también: ...`
in English copy, `Leave a Reply` in Indonesian copy) is also reported by untranslated-fragment,
which this rule does not silence: one finding says to delete the line, the other that the page
was never edited in the copy language.

## Why it matters
They show the story was scraped from a web page, not taken from a feed, and they are
meaningless (or embarrassing) in print, broadcast scripts and apps. A dangling `SEE ALSO:`
often means the linked headline was dropped too.

## Example
```
 date 2021-11-03 - Dock workers extended their strike on Wednesday.
SEE ALSO:
Rescue workers distribute water in Quang Ngai province (Photo: VNS)
The report added that several victims remained under the rubble. (dnu/abs)
```

## Better
Delete the line, or the glued part (the date, the credit, the code). High-confidence hits
(labels, glued dates, lower-case codes alone) are a safe fix; medium ones (credits, captions,
counters, teasers, shapes) are offered as a fix an editor confirms.

## Confidence
Labels are high, credit labels medium. Shapes are medium, except those prose never takes (a
glued `date 2019-05-05`, `(abc/def)` alone: high). `Updated:` labels in the page header and a bare
e-mail address are low. Wire credit lines (`(Reporting by ...; Editing by ...)`) are standard
wire style and are never flagged.

## False positives
Only whole lines, line openings or line endings match: `see also`, `read more` or `Source:`
inside a sentence is prose and is never flagged, a lone platform name (`Twitter`) is not a share
widget, a subhead in Title Case, a bulleted fact, a table of figures or a quoted post with a
handle is left alone. Disable with `[rules.scrape-residue] enabled = false`, or add markers with
`--lexicon`.

## Lexicon
`lexicons/phrases/residue.tsv` (kind `residue`: `marker lang match confidence kind note`; match
`line`, `prefix`, `lead`, `widget`, `credit`, or `word` for the classifier's vocabulary; a `social`
word is a network a follow prompt names). `lexicons/media/agency-marks.tsv` (kind `agency-marks`:
`name marks note`): the national agencies' names a story's end is signed with, as written, and
where each is read (`signoff` after a dash, `credit` in parentheses, `bare` alone on a line); add
an agency with `--lexicon`."#,

    lexicons: &["lexicons/phrases/residue.tsv", "lexicons/media/agency-marks.tsv"],
};

/// How a marker must sit on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Match {
    /// The line holds only markers.
    Line,
    /// The line opens with the marker (which ends in `:`, or is followed by `:`, a dash or nothing).
    Prefix,
    /// The line opens with the marker, followed by anything.
    Lead,
    /// Share-button text: residue when the line holds only markers and at least two.
    Widget,
    /// A credit label (`Source:`, `Translator:`): the line opens with it and what follows is a
    /// short name, not a sentence.
    Credit,
}

/// A word the line classifier knows (rows with match `word`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Word {
    /// Button and widget words (`print`, `share`, `gallery`).
    Ui,
    /// Social networks (also `widget` markers).
    Social,
    /// Language names and endonyms, for language menus.
    Language,
    /// The home link of a breadcrumb or menu.
    Home,
}

/// What the line classifier knows beyond the markers: the `word` rows of the residue lexicon
/// (normalised as lines are), the networks a follow prompt names, and the agency names a story's
/// end is signed with (lexicon `agency-marks`), each as written.
#[derive(Debug, Clone, Default)]
pub(crate) struct Vocab {
    words: rustc_hash::FxHashMap<String, Word>,
    /// `social` word rows as written (`Facebook`): [`shape::social_prompt`] counts them.
    networks: Vec<String>,
    /// Agency names read after a dash (`- Bernama`).
    signoff: rustc_hash::FxHashSet<String>,
    /// Agency names read in parentheses (`(ILKHA)`).
    credit: rustc_hash::FxHashSet<String>,
    /// Agency names read alone on a line (`ANSA`).
    bare: rustc_hash::FxHashSet<String>,
    /// The longest bare name, in bytes: a longer line is no bare sign-off.
    bare_max: usize,
}

impl Vocab {
    /// The kind of the word `key` (normalised as the rows are).
    pub(crate) fn word(&self, key: &str) -> Option<Word> {
        self.words.get(key).copied()
    }

    /// The networks a follow prompt may name, as written.
    pub(crate) fn networks(&self) -> impl Iterator<Item = &str> {
        self.networks.iter().map(String::as_str)
    }

    /// Whether `name` (exactly as written) is an agency's dash sign-off.
    pub(crate) fn signoff(&self, name: &str) -> bool {
        self.signoff.contains(name)
    }

    /// Whether `name` (exactly as written) is an agency's credit in parentheses.
    pub(crate) fn credit(&self, name: &str) -> bool {
        self.credit.contains(name)
    }

    /// Whether `name` (exactly as written) is an agency's name signed alone on a line.
    pub(crate) fn bare(&self, name: &str) -> bool {
        name.len() <= self.bare_max && self.bare.contains(name)
    }

    /// Reads the `agency-marks` lexicons (`name marks note`; marks `signoff`, `credit`, `bare`).
    fn add_agency_marks(&mut self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        for file in lexicons.of_kind("agency-marks") {
            let marks = file.require("marks")?;
            for row in &file.rows {
                let name = row.get(0).to_string();
                for mark in row.get(marks).split('|') {
                    let set = match mark {
                        "signoff" => &mut self.signoff,
                        "credit" => &mut self.credit,
                        "bare" => {
                            self.bare_max = self.bare_max.max(name.len());
                            &mut self.bare
                        }
                        other => return Err(file.error(row, format!("mark `{other}`: expected signoff, credit or bare"))),
                    };
                    set.insert(name.clone());
                }
            }
        }
        Ok(())
    }
}

struct Marker {
    text: String,
    /// The language of the row (`lang`: an ISO 639-1 code, or `mul`).
    lang: String,
    kind: Match,
    confidence: Confidence,
    /// What the marker labels: `related` (a related-links heading) opens a block of teasers.
    related: bool,
    /// A time stamp label (`Updated:`): the page's own date under the headline is low confidence.
    timestamp: bool,
}

/// A furniture label in another language is at most this long ([`ResidueIndex::foreign_label`]).
const MAX_LABEL_BYTES: usize = 80;

/// The residue markers, normalised, behind one longest-prefix look-up.
pub struct ResidueIndex {
    markers: Vec<Marker>,
    /// Each marker's text to its first index in `markers`: the longest marker a line (or the rest
    /// of one) opens with is found by walking it ([`ResidueIndex::longest_marker`]).
    prefixes: fst::Map<Vec<u8>>,
    /// First words of the markers: a line opening with any other word is prose.
    first_words: HashSet<String>,
    /// First words of the `line` and `prefix` markers of a named language but English: a line of
    /// English copy opening with any other word is no foreign label ([`ResidueIndex::foreign_label`]).
    foreign_first: HashSet<String>,
    vocab: Vocab,
    /// Bytes of a longer line read to match a `prefix` or `lead` marker: [`MAX_OPENING`], or
    /// more when a marker is longer (a comment-form notice in Cyrillic is 130 bytes).
    opening: usize,
}

impl LexiconIndex for ResidueIndex {
    fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut markers = Vec::new();
        let mut vocab = Vocab::default();
        for file in lexicons.of_kind("residue") {
            let (m, c) = (file.require("match")?, file.require("confidence")?);
            let k = file.column("kind");
            let lang = file.column("lang");
            for row in &file.rows {
                let kind_col = k.map(|k| row.get(k)).unwrap_or("");
                let kind = match row.get(m) {
                    "line" => Match::Line,
                    "prefix" => Match::Prefix,
                    "lead" => Match::Lead,
                    "widget" => Match::Widget,
                    "credit" => Match::Credit,
                    "word" => {
                        let word = match kind_col {
                            "ui" => Word::Ui,
                            "social" => Word::Social,
                            "language" => Word::Language,
                            "home" => Word::Home,
                            other => return Err(file.error(row, format!("word kind `{other}`: expected ui, social, language or home"))),
                        };
                        if word == Word::Social {
                            vocab.networks.push(row.get(0).to_string());
                        }
                        vocab.words.insert(normalise(row.get(0)), word);
                        continue;
                    }
                    other => return Err(file.error(row, format!("match `{other}`: expected line, prefix, lead, widget, credit or word"))),
                };
                let confidence = row.get(c).parse().map_err(|e| file.error(row, format!("confidence: {e}")))?;
                if kind == Match::Widget {
                    vocab.words.entry(normalise(row.get(0))).or_insert(Word::Social);
                }
                markers.push(Marker {
                    text: normalise(row.get(0)),
                    lang: lang.map(|l| row.get(l)).unwrap_or("").to_string(),
                    kind,
                    confidence,
                    related: kind_col == "related",
                    timestamp: kind_col == "timestamp",
                });
            }
        }
        // (sorted, each text once: a text listed twice keeps its first row, as the automaton this
        // replaces did)
        let mut keys: Vec<(&str, u64)> = markers.iter().enumerate().map(|(i, m)| (m.text.as_str(), i as u64)).collect();
        keys.sort_by(|a, b| a.0.cmp(b.0).then(a.1.cmp(&b.1)));
        keys.dedup_by(|b, a| a.0 == b.0);
        let prefixes = fst::Map::from_iter(keys.into_iter().filter(|(k, _)| !k.is_empty())).map_err(|e| LexiconError {
            path: "lexicons/phrases/residue.tsv".into(),
            line: 0,
            column: 0,
            message: e.to_string(),
        })?;
        let first_words = markers.iter().map(|m| first_word(&m.text)).collect();
        let foreign_first = markers
            .iter()
            .filter(|m| matches!(m.kind, Match::Line | Match::Prefix) && m.lang.len() == 2 && m.lang != "en")
            .map(|m| first_word(&m.text))
            .collect();
        let opening = markers.iter().map(|m| m.text.len() + OPENING_SLACK).max().unwrap_or(0).max(MAX_OPENING);
        vocab.add_agency_marks(lexicons)?;
        Ok(ResidueIndex { markers, prefixes, first_words, foreign_first, vocab, opening })
    }
}

/// Lower case, one space between words, no space before a colon, ASCII colon.
fn normalise(s: &str) -> String {
    if s.is_ascii() { normalise_ascii(s) } else { normalise_chars(s) }
}

/// [`normalise`] of ASCII text, byte by byte into one buffer (#16: a char at a time, and the
/// trimmed copy, cost thousands of instructions a line).
fn normalise_ascii(s: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(s.len());
    for &b in s.as_bytes() {
        match b {
            // the ASCII white space of `char::is_whitespace`
            b'\t' | b'\n' | 0x0b | 0x0c | b'\r' | b' ' => {
                if out.last() != Some(&b' ') {
                    out.push(b' ');
                }
            }
            b':' => {
                if out.last() == Some(&b' ') {
                    out.pop();
                }
                out.push(b':');
            }
            b => out.push(b.to_ascii_lowercase()),
        }
    }
    // trimmed: only spaces stand for white space
    let end = out.iter().rposition(|&b| b != b' ').map_or(0, |i| i + 1);
    out.truncate(end);
    let start = out.iter().position(|&b| b != b' ').unwrap_or(out.len());
    out.drain(..start);
    String::from_utf8(out).unwrap_or_default()
}

/// [`normalise`] a char at a time: any text. Spellings a page's language leaves free are folded,
/// on markers and lines alike: Turkish and Azerbaijani dotted and dotless i (`ADINIZ`, `Adınız`),
/// Russian ё (`Ещё`, `Еще`), Romanian ş ţ with cedilla or comma, Greek final sigma and accents
/// (capitals drop them: `ΣΧΟΛΙΑ`, `Σχόλια`), Ukrainian's apostrophe letter, the Arabic and Persian
/// letters of one sound (ي ى ی, ك ک, أ إ آ ا, ة ه), Arabic vowel marks and the tatweel, and
/// Persian's zero-width non-joiner as a space.
fn normalise_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            'İ' | 'ı' => out.push('i'),
            'ё' | 'Ё' => out.push('е'),
            'ş' | 'Ş' | 'ș' | 'Ș' => out.push('ș'),
            'ţ' | 'Ţ' | 'ț' | 'Ț' => out.push('ț'),
            'ς' => out.push('σ'),
            'ά' | 'Ά' => out.push('α'),
            'έ' | 'Έ' => out.push('ε'),
            'ή' | 'Ή' => out.push('η'),
            'ί' | 'Ί' | 'ΐ' | 'ϊ' => out.push('ι'),
            'ό' | 'Ό' => out.push('ο'),
            'ύ' | 'Ύ' | 'ΰ' | 'ϋ' => out.push('υ'),
            'ώ' | 'Ώ' => out.push('ω'),
            'ي' | 'ى' | 'ی' => out.push('ی'),
            'ك' | 'ک' => out.push('ک'),
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ة' => out.push('ه'),
            '\u{64b}'..='\u{652}' | '\u{670}' | 'ـ' => {}
            '\u{200c}' => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            '：' => out.push(':'),
            '’' | 'ʼ' => out.push('\''),
            c if c.is_whitespace() => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
            ':' => {
                if out.ends_with(' ') {
                    out.pop();
                }
                out.push(':');
            }
            c => crate::text::push_lower_char(&mut out, c),
        }
    }
    out.trim().to_string()
}

/// The first word of a line (after bullets), normalised: the cheap test that rules out prose.
fn first_word(line: &str) -> String {
    normalise(first_word_raw(line))
}

/// [`first_word`] before [`normalise`]: it holds no white space and no colon.
fn first_word_raw(line: &str) -> &str {
    // a line opening with an ASCII letter or digit has no bullet or white space to skip, and
    // its ASCII opening is read by bytes (#16: this runs on every line)
    let line = if line.as_bytes().first().is_some_and(u8::is_ascii_alphanumeric) {
        line
    } else {
        line.trim_start_matches(|c: char| LEADING.contains(&c) || c.is_whitespace())
    };
    let bytes = line.as_bytes();
    let ascii = bytes.iter().position(|&b| !b.is_ascii() || b.is_ascii_whitespace() || b == 0x0b || b == b':').unwrap_or(bytes.len());
    let end = if bytes.get(ascii).is_some_and(|b| !b.is_ascii()) {
        ascii + line[ascii..].find(|c: char| c.is_whitespace() || matches!(c, ':' | '：')).unwrap_or(line.len() - ascii)
    } else {
        ascii
    };
    // (no trailing mark is a letter or digit)
    let word = &line[..end];
    if word.as_bytes().last().is_some_and(u8::is_ascii_alphanumeric) { word } else { word.trim_end_matches(TRAILING) }
}

/// [`first_word_raw`] as it was: a char at a time.
#[cfg(test)]
fn first_word_raw_chars(line: &str) -> &str {
    let line = line.trim_start_matches(|c: char| LEADING.contains(&c) || c.is_whitespace());
    let end = line.find(|c: char| c.is_whitespace() || matches!(c, ':' | '：')).unwrap_or(line.len());
    line[..end].trim_end_matches(TRAILING)
}

const LEADING: &[char] = &[
    '*', '•', '·', '-', '–', '—', '―', '─', '━', '│', '┃', '►', '▶', '▸', '■', '▪', '●', '◆', '→', '~', '>', '»', '[', '(', '#', '|', '_',
    '=',
];
const TRAILING: &[char] = &[
    '*', '•', '·', '-', '–', '—', '―', '─', '━', '│', '┃', '◄', '◀', '■', '▪', '●', '◆', '~', '<', '«', ']', ')', '|', ':', '.', '…', '>',
    '»', '_', '=', '!',
];
const SEPARATORS: &[char] = &[' ', '|', '•', '·', '/', ',', '-', '–', '—'];

/// The longest line that can be residue in whole (share rows, ad markers).
const MAX_LINE: usize = 160;
/// Bytes of a longer line read to match a `prefix` or `lead` marker.
const MAX_OPENING: usize = 72;
/// Bytes a raw line may hold beyond a normalised marker (doubled spaces, a space before a colon).
const OPENING_SLACK: usize = 8;
/// Words after a credit label (`Source: ...`) that can still be a name.
const MAX_CREDIT_WORDS: usize = 10;

/// A lexicon hit on a line.
struct LexHit<'a> {
    confidence: Confidence,
    /// The marker's normalised text, for a marker that opens the line (rather than filling it).
    opener: Option<&'a str>,
    /// The line is a related-links heading alone: teasers may follow.
    heading: bool,
    credit: bool,
    timestamp: bool,
    /// The line holds only line or widget markers: a label, button or widget, whatever its kind.
    furniture: bool,
}

impl ResidueIndex {
    /// Is the line's first word ([`first_word`]), or its first character, the first word of a
    /// marker? An ASCII word is lower-cased on the stack: [`normalise`] does no more to a word
    /// without white space or colon (#16: two strings a line).
    fn opens_marker(&self, line: &str) -> bool {
        opens_word_of(&self.first_words, line)
    }

    /// [`ResidueIndex::opens_marker`] as it was: the word normalised.
    #[cfg(test)]
    fn opens_marker_oracle(&self, line: &str) -> bool {
        let word = first_word(line);
        self.first_words.contains(&word)
            || word.chars().next().is_some_and(|c| self.first_words.contains(c.encode_utf8(&mut [0; 4]) as &str))
    }

    /// The language of a furniture label written in another language than the copy's `copy`
    /// (`Bagikan artikel ini`, `Поделиться:` in English copy, `Leave a Reply` in Indonesian): a
    /// line (without a list bullet) that is one marker of a `line` or `prefix` row of a named
    /// language and nothing else, trailing `:`, `.`, `!`, `?` or `…` aside. Indonesian and Malay
    /// labels are not told apart.
    pub(crate) fn foreign_label(&self, line: &str, copy: &str) -> Option<&str> {
        let t = strip_bullet(line).unwrap_or(line).trim();
        if t.is_empty() || t.len() > MAX_LABEL_BYTES {
            return None;
        }
        // (most stories are English, and most of their short lines open with no word a foreign
        // label opens with: #16)
        if !opens_word_of(if copy == "en" { &self.foreign_first } else { &self.first_words }, t) {
            return None;
        }
        let n = normalise(t);
        let bare = n.trim_end_matches([':', '.', '!', '?', '…', ' ']);
        let i = self.prefixes.get(&n).or_else(|| self.prefixes.get(bare))?;
        let m = &self.markers[usize::try_from(i).ok()?];
        let same = |a: &str, b: &str| a == b || matches!((a, b), ("id", "ms") | ("ms", "id"));
        (matches!(m.kind, Match::Line | Match::Prefix) && m.lang.len() == 2 && !same(&m.lang, copy)).then_some(m.lang.as_str())
    }

    /// The longest marker `s` holds from byte `at`: where it ends in `s`, and its index in
    /// `markers`. (A marker ends with a whole char, so the end is a char boundary.)
    fn longest_marker(&self, s: &str, at: usize) -> Option<(usize, usize)> {
        let fst = self.prefixes.as_fst();
        let mut node = fst.root();
        let mut out = fst::raw::Output::zero();
        let mut best = None;
        for (i, &b) in s.as_bytes()[at..].iter().enumerate() {
            let Some(t) = node.find_input(b) else { break };
            let tr = node.transition(t);
            out = out.cat(tr.out);
            node = fst.node(tr.addr);
            if node.is_final() {
                best = Some((at + i + 1, out.cat(node.final_output()).value()));
            }
        }
        best.map(|(end, v)| (end, usize::try_from(v).expect("a marker index")))
    }

    /// Classifies one line by the lexicon.
    fn classify(&self, line: &str) -> Option<LexHit<'_>> {
        if !self.opens_marker(line) {
            return None;
        }
        // a long line can only be residue by its opening: read just enough for the longest marker
        let head = if line.len() > MAX_LINE {
            let mut end = self.opening.min(line.len());
            while !line.is_char_boundary(end) {
                end -= 1;
            }
            &line[..end]
        } else {
            line
        };
        let norm = normalise(head);
        let norm = norm.trim_start_matches(|c: char| LEADING.contains(&c) || c == ' ');
        let (end, first) = self.longest_marker(norm, 0)?;
        let marker = &self.markers[first];
        let rest = &norm[end..];
        let opener = |ok: bool| {
            ok.then_some(LexHit {
                confidence: marker.confidence,
                opener: Some(marker.text.as_str()),
                // a related-links heading with a few words of its own (`More from Local News`,
                // `Related stories:`) opens a teaser block like one alone on its line
                heading: marker.related && shape::words_upto(line, 7) <= 6 && !line.trim_end().ends_with('.'),
                credit: false,
                timestamp: marker.timestamp,
                furniture: false,
            })
        };
        match marker.kind {
            Match::Prefix => {
                let r = rest.trim_start();
                let ok = marker.text.ends_with(':')
                    || r.is_empty()
                    || r.starts_with([':', '-', '–', '—', '|', '»', '>'])
                    || rest.starts_with(char::is_alphabetic) && glued_title(line, &marker.text);
                // else it may still be a line of markers (`Previous article Next article`)
                if ok { opener(true) } else { self.marker_line(line, norm) }
            }
            Match::Lead => opener(
                rest.is_empty() || rest.starts_with([' ', ':', '.', '!', '…', ',', ';']) || !marker.text.ends_with(char::is_alphanumeric),
            ),
            Match::Credit => {
                if line.len() > MAX_LINE {
                    return None;
                }
                // a credit in parentheses (`(AP Photo/Jane Doe)`) is a caption credit's shape,
                // read whole there: a `/` credit here is the bare one (`AP Photo/Jane Doe`)
                if marker.text.ends_with('/') && line.trim_start().starts_with(['(', '[']) {
                    return None;
                }
                let r = rest.trim_start_matches([':', ' ']);
                let boundary = marker.text.ends_with([':', '/']) || rest.is_empty() || rest.starts_with([' ', ':']);
                let name = r.split_whitespace().count() <= MAX_CREDIT_WORDS && !r.contains(". ") && !r.contains(['"', '“', '”', '«']);
                let mut hit = opener(boundary && name)?;
                hit.credit = true;
                Some(hit)
            }
            Match::Line | Match::Widget => self.marker_line(line, norm),
        }
    }

    /// A line of markers only (`line`, `widget` and `prefix` rows: [`ResidueIndex::only_markers`]).
    fn marker_line(&self, line: &str, norm: &str) -> Option<LexHit<'_>> {
        // a lower-case line ending in a full stop is the tail of a hard-wrapped sentence
        // (`economy.`), not a label
        let t = line.trim();
        if line.len() > MAX_LINE || t.ends_with('.') && !t.ends_with("..") && t.starts_with(char::is_lowercase) {
            return None;
        }
        self.only_markers(norm).map(|(confidence, heading)| LexHit {
            confidence,
            opener: None,
            heading,
            credit: false,
            timestamp: false,
            furniture: true,
        })
    }

    /// Does the line consist only of line, widget or prefix markers (and separators)? Returns
    /// the lowest confidence among them, and whether the line is a related-links heading.
    fn only_markers(&self, norm: &str) -> Option<(Confidence, bool)> {
        let body = norm.trim_end_matches(|c: char| TRAILING.contains(&c) || c == ' ');
        // a marker may end in a character trailing punctuation is trimmed of (the `-` of a
        // font-size row `A+ A-`): the line as it ends is read when the trimmed one fails
        self.markers_in(body).or_else(|| {
            let whole = norm.trim_end_matches(' ');
            (whole.len() > body.len()).then(|| self.markers_in(whole)).flatten()
        })
    }

    /// [`ResidueIndex::only_markers`] of a line with its trailing punctuation settled.
    fn markers_in(&self, body: &str) -> Option<(Confidence, bool)> {
        let mut at = 0;
        let (mut n, mut widgets, mut confidence, mut related) = (0, 0, Confidence::High, true);
        while at < body.len() {
            let (end, m) = self.longest_marker(body, at)?;
            let marker = &self.markers[m];
            // (a `prefix` marker counts as a label here: `Previous article Next article`)
            if !matches!(marker.kind, Match::Line | Match::Widget | Match::Prefix) {
                return None;
            }
            // a marker must end at a word boundary
            let next = body[end..].chars().next();
            if next.is_some_and(char::is_alphanumeric) {
                return None;
            }
            n += 1;
            widgets += usize::from(marker.kind == Match::Widget);
            confidence = confidence.min(marker.confidence);
            related &= marker.related;
            at = end + body[end..].find(|c: char| !SEPARATORS.contains(&c)).unwrap_or(body.len() - end);
        }
        let only_widgets = widgets == n;
        (n > 0 && (!only_widgets || n >= 2)).then_some((confidence, related && n == 1))
    }
}

/// Does the line open with the marker (lower-case) glued to a capitalised title, its link's
/// text with the space lost (`Previous articleGeneral physicians announce protests`, `Article
/// précédentImmigration au Canada`: a theme's previous/next links, on a Macedonian and a French
/// site)?
fn glued_title(line: &str, marker: &str) -> bool {
    let t = line.trim_start_matches(|c: char| LEADING.contains(&c) || c.is_whitespace());
    let n = marker.chars().count();
    let Some((end, next)) = t.char_indices().nth(n) else { return false };
    marker.ends_with(char::is_lowercase) && next.is_uppercase() && t[..end].to_lowercase() == marker
}

/// Is the line a paragraph of the story's prose: a dozen words or more, ending a sentence? (The
/// end first, and the words counted only up to twelve, #16.)
fn is_prose(line: &str) -> bool {
    line.trim_end().ends_with(['.', '"', '”', '!', '?']) && shape::words_upto(line, 12) == 12
}

/// A teaser line under a related-links heading: a headline, not a sentence (a list bullet before
/// it is skipped).
fn teaser_shaped(line: &str) -> bool {
    let line = strip_bullet(line).unwrap_or(line);
    let t = line.trim().trim_start_matches(['•', '·', '▪', '►', '»']).trim_start();
    let words = shape::words_upto(t, 19);
    (2..=18).contains(&words)
        && opens_like_headline(t)
        && !t.ends_with(['.', ':', ';', ',', '"', '”', '»'])
        && !has_sentence_break(t)
        && t.len() <= MAX_LINE
}

impl Rule for ScrapeResidue {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn prepare(&self, lexicons: &Lexicons) -> Result<(), LexiconError> {
        lexicons.index::<ResidueIndex>().map(|_| ())
    }

    fn check(&self, cx: &Context<'_>, doc: &Document, out: &mut Output) {
        let Ok(index) = cx.lexicons.index::<ResidueIndex>() else { return };
        let from = out.findings.len();
        // lines left that may be teasers under a related-links heading, the teaser headlines
        // found under it, and whether the rest of the story is its teasers (headline and summary)
        let mut teasers = 0usize;
        let mut headlines = 0usize;
        let mut tail_block = false;
        // was the last heading the page's first line (`Latest News` above the story's headline)?
        let mut heading_on_top = false;
        // has the story's prose begun (a paragraph of a dozen words or more that ends a sentence)?
        let mut seen_prose = false;
        let mut repeats = Repeats::default();
        // the headline slot first: a scraped page often puts its furniture there (`- Published on:`,
        // `Current:Home > Stocks...`), and a real headline has no residue shape
        let lines = doc.headline.iter().map(|&h| (None, h)).chain(doc.paragraphs.iter().enumerate().map(|(i, &p)| (Some(i), p)));
        for (index_of, mut para) in lines {
            let i = index_of.unwrap_or(0);
            let mut line = doc.slice(para);
            // a CMS date glued before the page's first line (` date 2022-04-12 Article content`),
            // or a view counter (`This news has been read 55 times! KUWAIT CITY ...`): the field
            // is flagged, and what follows it is read as a line of its own, so a marker or shape
            // there is found as it would be on a line of its own (three and two real pages)
            if let Some((hit, rest)) = shape::glued_field_before_text(line) {
                push_shape_hit(doc, para, line, hit, out);
                para = Span::new(para.start + rest, para.end);
                line = doc.slice(para);
            }
            let prose_before = seen_prose;
            seen_prose = seen_prose || is_prose(line);
            let seen_prose = prose_before;
            // the line's deletion, taken only for a finding (#16: most lines have none)
            let whole = || super::line_deletion(&doc.text, para);
            if let Some(mut hit) = index.classify(line) {
                if hit.timestamp && !seen_prose && line.bytes().any(|b| b.is_ascii_digit()) {
                    // the page's own date above the story: furniture, but what every page has
                    // (an empty date field, `Published on:` with no date, stays: it is only a label)
                    hit.confidence = Confidence::Low;
                }
                teasers = if hit.heading { MAX_TEASERS } else { 0 };
                if hit.heading {
                    headlines = 0;
                    heading_on_top = doc.text[..para.start].trim().is_empty();
                }
                // a heading like `SEE ALSO:` is flagged itself; the whole line goes with the fix
                let span = hit
                    .opener
                    .and_then(|m| marker_span(line, m))
                    .map(|r| Span::new(para.start + r.start, para.start + r.end))
                    .unwrap_or(para);
                let (why, applicability) = if hit.confidence == Confidence::High {
                    ("is website furniture left in the copy by a scrape or CMS export", Applicability::Safe)
                } else if hit.credit {
                    ("looks like a credit line pasted from a web page", Applicability::Unsafe)
                } else if hit.furniture {
                    (
                        "looks like website furniture (a heading, button or widget label) left by a scrape or CMS export",
                        Applicability::Unsafe,
                    )
                } else {
                    ("looks like a credit, caption or promotion line pasted from a web page", Applicability::Unsafe)
                };
                let message = format!("`{}` {why}; delete the line", quote(line));
                out.push(Finding::new(&META, span, hit.confidence, message).suggest(whole(), "", applicability));
                continue;
            }
            // a section label on the page's first line, then one headline and the story's lead
            // (`Latest News` / `Cabinet commends ...` / `MOGADISHU, ... -- The cabinet ...`): the
            // headline is the story's own, not a link of a related box (two real pages)
            if teasers > 0
                && heading_on_top
                && !seen_prose
                && index_of.and_then(|i| doc.paragraphs.get(i + 1)).is_some_and(|&next| is_prose(doc.slice(next)))
            {
                teasers = 0;
            }
            if tail_block || teasers > 0 {
                let headline = teaser_shaped(line);
                // a line that is neither opens the related box's teasers to the story's end when
                // the rest reads as their headlines and summaries
                tail_block = tail_block || !headline && index_of.is_some_and(|i| teaser_pairs_to_end(doc, i, headlines));
                if headline || tail_block {
                    teasers = teasers.saturating_sub(1);
                    headlines += usize::from(headline);
                    let what =
                        if headline { "a related-story link" } else { "a line of a related-stories box (a summary or a section label)" };
                    let message = format!("`{}` looks like {what} under a related-links heading; delete the line", quote(line));
                    out.push(Finding::new(&META, para, Confidence::Medium, message).suggest(whole(), "", Applicability::Unsafe));
                    continue;
                }
                teasers = 0;
            }
            let pos = shape::Position { near_start: i < 3, after_prose: seen_prose };
            let before = out.findings.len();
            for hit in shape::classify(line, pos, &index.vocab) {
                push_shape_hit(doc, para, line, hit, out);
            }
            if out.findings.len() == before && shape::dated_caption(line) && index_of.is_some_and(|i| stands_alone(doc, i)) {
                let hit = shape::Hit::line(line, Confidence::Medium, shape::DATED_CAPTION);
                push_shape_hit(doc, para, line, hit, out);
            }
            if out.findings.len() == before && index_of.is_some() {
                repeats.check(doc, i, para, line, out);
            }
        }
        cut_off_teasers(doc, from, out);
        truncated_repeats(doc, from, out);
        caption_twins(doc, from, out);
        bare_counters(doc, from, out);
        ticker_runs(doc, from, out);
        bare_sign_offs(doc, &index.vocab, from, out);
        section_kickers(cx, doc, &index.vocab, from, out);
        headline_runs(doc, from, out);
        dated_teaser_runs(doc, from, out);
        menu_runs(doc, from, out);
        bulleted_trail(doc, &index.vocab, from, out);
        end_furniture(doc, from, out);
        if let Some(table) = cx.boilerplate {
            boilerplate(doc, table, from, out);
        }
        email_placeholders(doc, from, out);
    }
}

/// Does paragraph `i` stand alone, a blank line (or the story's edge) before and after it, as a
/// caption between a story's paragraphs does? Lines in a block are a list.
fn stands_alone(doc: &Document, i: usize) -> bool {
    let blank = |gap: &str| gap.matches('\n').count() >= 2;
    let para = doc.paragraphs[i];
    let before = i.checked_sub(1).is_none_or(|j| blank(&doc.text[doc.paragraphs[j].end..para.start]));
    let after = doc.paragraphs.get(i + 1).is_none_or(|next| blank(&doc.text[para.end..next.start]));
    before && after
}

/// A finding for a shape the line classifier found in `line` (the text of `para`).
fn push_shape_hit(doc: &Document, para: Span, line: &str, hit: shape::Hit, out: &mut Output) {
    let span = Span::new(para.start + hit.range.start, para.start + hit.range.end);
    let applicability = if hit.confidence == Confidence::High { Applicability::Safe } else { Applicability::Unsafe };
    let shown = &line[hit.range.clone()];
    let (fix, what) = if hit.whole_line {
        (super::line_deletion(&doc.text, para), "delete the line")
    } else {
        (trimmed_deletion(&doc.text, span), "delete it")
    };
    let message = format!("`{}` {}; {what}", quote(shown), hit.what);
    out.push(Finding::new(&META, span, hit.confidence, message).suggest(fix, "", applicability));
}

/// The text a web page shows where its e-mail protection hid an address (Cloudflare's scrape
/// shield): a scrape keeps the placeholder and loses the address.
const EMAIL_PLACEHOLDER: &str = "[email protected]";

/// `please email [email protected] or call 101`: the placeholder of a page's e-mail protection, left
/// where the address stood (seen on a UK regional paper's police appeals and a Ukrainian
/// donation box). Flagged wherever it stands, since no prose holds it; there is no fix, because
/// the address is lost: the editor takes it from the source. A line already flagged whole keeps
/// its one finding.
fn email_placeholders(doc: &Document, from: usize, out: &mut Output) {
    static FINDER: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(EMAIL_PLACEHOLDER));
    for at in FINDER.find_iter(doc.text.as_bytes()) {
        let span = Span::new(at, at + EMAIL_PLACEHOLDER.len());
        if out.findings[from..].iter().any(|f| f.span.start <= span.start && span.end <= f.span.end) {
            continue;
        }
        let message = format!(
            "`{EMAIL_PLACEHOLDER}` is a web page's e-mail protection placeholder: the address it hid was lost when the page \
             was scraped; put back the address from the source"
        );
        out.push(Finding::new(&META, span, Confidence::High, message));
    }
}

/// Words a related story's summary may have (a lede is rarely longer).
const MAX_SUMMARY_WORDS: usize = 60;

/// Is the story, from paragraph `from` to its end, a related box's teasers: headlines, each
/// followed by at most one short summary paragraph, with one- or two-word section labels between
/// them (`News`)? `headlines` were already found under the heading; the box needs two in all.
/// A story that goes on after a related link has paragraphs in a row, and is left alone.
fn teaser_pairs_to_end(doc: &Document, from: usize, mut headlines: usize) -> bool {
    // a summary is read only after a headline
    let mut summary_allowed = headlines > 0;
    for &para in &doc.paragraphs[from..] {
        let line = doc.slice(para);
        if teaser_shaped(line) {
            headlines += 1;
            summary_allowed = true;
            continue;
        }
        let t = line.trim();
        let words = shape::words_upto(t, MAX_SUMMARY_WORDS + 1);
        if words <= 2 && !t.ends_with(['.', '!', '?', '"', '”']) {
            continue;
        }
        if !summary_allowed || words > MAX_SUMMARY_WORDS || t.starts_with(['"', '“', '«', '„']) {
            return false;
        }
        summary_allowed = false;
    }
    headlines >= 2
}

/// Words a paragraph must have to be read as a cut-off teaser (not a heading or a link label).
const MIN_TEASER_WORDS: usize = 6;

/// A paragraph cut off by an ellipsis straight after a word (`... shot down its own fighter jet
/// in a…`), with no other ellipsis in it and not opening with a quotation mark or a dash (speech
/// that trails off).
fn cut_off(line: &str) -> bool {
    let t = line.trim();
    let Some(body) = before_ellipsis(t) else { return false };
    body.chars().next_back().is_some_and(char::is_alphabetic)
        && !body.contains('…')
        && !body.contains("...")
        && !t.starts_with(['"', '“', '”', '„', '«', '»', '\'', '‘', '’', '-', '–', '—'])
        && shape::words_upto(t, MIN_TEASER_WORDS) == MIN_TEASER_WORDS
}

/// The text before a final ellipsis (`…` or `...`) of `t`, which ends where its last char does.
fn before_ellipsis(t: &str) -> Option<&str> {
    t.strip_suffix('…').or_else(|| t.strip_suffix("..."))
}

/// Teasers of other stories pasted from a related-stories list: two or more paragraphs in a row
/// cut off by an ellipsis after a word (the first characters of each story), on a page that has a
/// story (two paragraphs of prose in a row; a listing page's teasers are its content). Short lines and
/// headline-shaped lines between them (a teaser's headline, a `read more` link) and lines already
/// flagged do not break the run; a paragraph of prose does. One such paragraph alone is speech
/// or style, not a list.
fn cut_off_teasers(doc: &Document, from: usize, out: &mut Output) {
    // a run needs two cut-off paragraphs: most stories have none, and build nothing below
    if doc.paragraphs.iter().filter(|&&p| cut_off(doc.slice(p))).nth(1).is_none() {
        return;
    }
    // a listing or tag page is teasers and little else: its teasers are the page's content, not
    // a related box beside a story. A story has two paragraphs of prose in a row somewhere.
    let story = doc.paragraphs.windows(2).any(|w| w.iter().all(|&p| is_prose(doc.slice(p)) && !cut_off(doc.slice(p))));
    if !story {
        return;
    }
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    let mut run: Vec<Span> = Vec::new();
    let mut found: Vec<Span> = Vec::new();
    for &para in &doc.paragraphs {
        let line = doc.slice(para);
        if flagged.overlaps(para) {
            continue;
        }
        if cut_off(line) {
            run.push(para);
            continue;
        }
        // (nothing to end without a run: a paragraph of prose is not read word by word)
        if run.is_empty() || shape::words_upto(line, MIN_TEASER_WORDS) < MIN_TEASER_WORDS || teaser_shaped(line) {
            continue;
        }
        if run.len() >= 2 {
            found.append(&mut run);
        }
        run.clear();
    }
    if run.len() >= 2 {
        found.append(&mut run);
    }
    let why = "is cut off by an ellipsis, like the paragraphs around it: the opening of another story pasted from a related-stories list";
    delete_lines(doc, &found, why, out);
}

/// Words a line cut off by an ellipsis keeps before it, at least, to be read as the next line
/// printed twice.
const MIN_REPEAT_WORDS: usize = 4;

/// A line cut off by an ellipsis and printed again in full on the next line: a gallery's caption
/// or a teaser shown twice, short then whole (`Police respond to a shooting in the north ...`
/// over `Police respond to a shooting in the northwest of the city on Sunday.`). The cut may fall
/// inside a word, so the shorter line's last word is not compared. Seen on a US page's photo
/// gallery and over a Japanese page's machine-translated headline; the native corpus has none.
fn truncated_repeats(doc: &Document, from: usize, out: &mut Output) {
    let stem = |line: &str| -> Option<usize> {
        let body = before_ellipsis(line.trim_end())?.trim_end();
        // what the two lines must share: the shorter one up to its last (perhaps cut) word
        let keep = body.rfind(' ')?;
        (shape::words_upto(&body[..keep], MIN_REPEAT_WORDS) >= MIN_REPEAT_WORDS).then_some(keep)
    };
    let found: Vec<Span> = doc
        .paragraphs
        .windows(2)
        .filter(|w| {
            let (line, next) = (doc.slice(w[0]), doc.slice(w[1]));
            stem(line)
                .is_some_and(|keep| next.len() > keep && next.starts_with(&line[..keep]) && before_ellipsis(next.trim_end()).is_none())
        })
        .map(|w| w[0])
        .collect();
    delete_unflagged(doc, from, found, "is the next line cut off by an ellipsis: a caption or teaser printed twice, short then whole", out);
}

/// Words the sentence two caption lines share must have, at least ([`caption_twins`]).
const MIN_CAPTION_WORDS: usize = 4;
/// Words the text after it may have on either line (a credit or a button label).
const MAX_CAPTION_TAIL: usize = 6;

/// A photo caption printed twice on consecutive lines, as the image's alt text and as its
/// caption with the credit or a button label after it: `Fireworks over the harbour.` over
/// `Fireworks over the harbour.Credit: Jane Doe` (seen on three Nine papers' pages: the Sydney
/// Morning Herald, WAtoday, the Brisbane Times), or `A police officer at the scene. View image in
/// full screen` over `A police officer at the scene. Getty Images` (Global News). Both lines open
/// with the same sentence (four words or more, up to its full stop) and go on with a few
/// capitalised words that end no sentence, on one line at least, and not the same on both (a line
/// printed twice whole is a repeat, read apart). Both lines go; a line already flagged keeps its
/// finding. Two paragraphs of a story that open with the same sentence go on with sentences.
fn caption_twins(doc: &Document, from: usize, out: &mut Output) {
    let tail_ok = |tail: &str| {
        tail.is_empty()
            || tail.starts_with(|c: char| c.is_uppercase())
                && !tail.ends_with(SENTENCE_ENDS)
                && shape::words_upto(tail, MAX_CAPTION_TAIL + 1) <= MAX_CAPTION_TAIL
    };
    let twins = |a: &str, b: &str| -> bool {
        // (most line pairs differ at their first byte, which is read before the lines are trimmed)
        if a.as_bytes().first() != b.as_bytes().first() {
            return false;
        }
        let (a, b) = (a.trim(), b.trim());
        if a.as_bytes().first() != b.as_bytes().first() || a == b {
            return false;
        }
        let mut n = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
        while !a.is_char_boundary(n) {
            n -= 1;
        }
        let Some(stop) = a[..n].rfind('.') else { return false };
        let end = stop + 1;
        let (ta, tb) = (a[end..].trim(), b[end..].trim());
        shape::words_upto(&a[..end], MIN_CAPTION_WORDS) == MIN_CAPTION_WORDS && ta != tb && tail_ok(ta) && tail_ok(tb)
    };
    let mut found: Vec<Span> = Vec::new();
    for w in doc.paragraphs.windows(2) {
        if twins(doc.slice(w[0]), doc.slice(w[1])) {
            for &p in w {
                if found.last() != Some(&p) {
                    found.push(p);
                }
            }
        }
    }
    delete_unflagged(
        doc,
        from,
        found,
        "is a photo caption printed twice (as the image's alt text and with its credit or a button label): web page furniture",
        out,
    );
}

/// `974750`, `1739`, `35`: a bare whole number alone on a line after the story's prose, a web
/// page's view counter or article number (seen on a German, a Spanish and a Ukrainian page of
/// three hosts). Two to seven digits, no separators (a results table prints `27,595`), no year;
/// left alone next to another line of figures (a table), under a line that introduces it
/// (`Attendance:`) and above the story's prose.
fn bare_counters(doc: &Document, from: usize, out: &mut Output) {
    let bare = |t: &str| (2..=7).contains(&t.len()) && t.bytes().all(|b| b.is_ascii_digit());
    let paras = &doc.paragraphs;
    // (most stories have none: nothing else is read for them; a paragraph is a short one first)
    if !paras.iter().any(|&p| p.len() <= 16 && bare(doc.slice(p).trim())) {
        return;
    }
    let Some(prose) = paras.iter().position(|&p| is_prose(doc.slice(p))) else { return };
    let figures = |i: usize| paras.get(i).is_some_and(|&p| doc.slice(p).trim_end().ends_with(|c: char| c.is_ascii_digit()));
    let mut found: Vec<Span> = Vec::new();
    for i in prose + 1..paras.len() {
        let t = doc.slice(paras[i]).trim();
        let year = t.len() == 4 && (t.starts_with("19") || t.starts_with("20"));
        if !bare(t) || year || figures(i - 1) || figures(i + 1) || doc.slice(paras[i - 1]).trim_end().ends_with(':') {
            continue;
        }
        found.push(paras[i]);
    }
    delete_unflagged(doc, from, found, "is a bare number after the story: a web page's view counter or article number", out);
}

/// `STEEM 0.26` over `TRX 0.19` over `BTC 91978.14`, `• BRENT 78.80` under `• EUR 78.58 -0.92`:
/// two or more market-widget rows in a row ([`shape::ticker_row`]), a crypto sidebar on a blog
/// platform's page and an oil price under a Russian site's currency widget. Only in a run: one
/// code and a figure alone on a line could be anything, and a currency code's row alone is the
/// line classifier's (`rate_row`).
fn ticker_runs(doc: &Document, from: usize, out: &mut Output) {
    let found = runs_of(doc, from, out, 2, |t| t.len() <= 40 && shape::ticker_row(t));
    delete_lines(doc, &found, "is a row of a market widget (a ticker and its price) pasted from the web page", out);
}

/// The paragraphs in runs of at least `min` in a row that `is_row` holds for, less those a
/// finding since `from` covers already (most stories have no run: their findings are not read).
fn runs_of(doc: &Document, from: usize, out: &Output, min: usize, is_row: impl Fn(&str) -> bool) -> Vec<Span> {
    let paras = &doc.paragraphs;
    let mut found: Vec<Span> = Vec::new();
    let mut start = 0;
    for i in 0..=paras.len() {
        if i < paras.len() && is_row(doc.slice(paras[i])) {
            continue;
        }
        if i - start >= min {
            found.extend_from_slice(&paras[start..i]);
        }
        start = i + 1;
    }
    if !found.is_empty() {
        let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
        found.retain(|&p| !flagged.overlaps(p));
    }
    found
}

/// `ANSA`, `Lusa`, `/BTA` alone on a line after the story's last paragraph of prose: a national
/// agency's sign-off without its dash ([`shape::bare_agency`]), seen on an Italian, a
/// Portuguese and a Bulgarian agency's pages. Above the story's end the name is the page
/// header's credit (a byline under the standfirst, `Bernama` over `1 minute read`), and stays.
fn bare_sign_offs(doc: &Document, vocab: &Vocab, from: usize, out: &mut Output) {
    let paras = &doc.paragraphs;
    // (a name is a short line: most stories have none, and their prose is not read; the bound is
    // the longest bare name the lexicons hold, a user's included, with its `/` and `.`)
    let agency = |p: &Span| {
        let t = doc.slice(*p).trim();
        t.len() <= vocab.bare_max + 2 && shape::bare_agency(t, vocab)
    };
    if !paras.iter().any(agency) {
        return;
    }
    let Some(last) = paras.iter().rposition(|&p| is_prose(doc.slice(p))) else { return };
    let found: Vec<Span> = paras[last + 1..].iter().copied().filter(agency).collect();
    delete_unflagged(doc, from, found, "is an agency sign-off left at the end of the story", out);
}

/// `society`, `Canada News`, `MainNews -`: a section label printed over the story's headline,
/// one of the page's first three lines (seen on six development pages of six hosts: Canadian,
/// Iranian, Malaysian, Ukrainian and Chinese pages). The label is one word in lower case, or
/// ends in `News` (`Persian News`); the next line is a headline and prose follows. Left alone: a
/// byline (`By ...`), an outlet's name (`Sky News`: the page header's credit), a word in Title
/// Case (`Governor`, a tag or a name) or in capitals (`ENERGY`, a wire's topic kicker over its
/// title; `TEXAS` and `ESTONIA` over two development pages' headlines stay too), a label of
/// several words in capitals (`UNITED STATES NEWS` may be a short headline), a line with a figure
/// or a sentence's end.
fn section_kickers(cx: &Context<'_>, doc: &Document, vocab: &Vocab, from: usize, out: &mut Output) {
    let paras = &doc.paragraphs;
    let kicker = |t: &str| {
        // (a label is short: a line of prose is not counted)
        if t.len() > 48 {
            return false;
        }
        let t = t.trim().trim_end_matches([' ', '-', '–', '—']);
        let words = shape::words_upto(t, 4);
        let news = t.ends_with("News") || t.ends_with("news");
        if !(1..=3).contains(&words)
            || t.ends_with(['.', '!', '?', ',', ':', ';', ')'])
            || t.chars().any(char::is_numeric)
            || t.get(..3).is_some_and(|b| b.eq_ignore_ascii_case("by "))
        {
            return false;
        }
        if words == 1 {
            t.chars().count() >= 3 && t.chars().all(char::is_alphabetic) && (news || t.chars().all(char::is_lowercase))
        } else {
            news && !t.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase)
        }
    };
    let Some(i) = (0..paras.len().min(3)).find(|&i| {
        paras.get(i + 1).is_some_and(|&next| {
            let next = doc.slice(next).trim();
            kicker(doc.slice(paras[i])) && headline_shaped(next) && !next.starts_with("By ")
        })
    }) else {
        return;
    };
    let line = doc.slice(paras[i]).trim().trim_end_matches([' ', '-', '–', '—']);
    let outlet = cx.lexicons.index::<crate::document::attribution::MediaIndex>().is_ok_and(|m| m.resolve(line).is_some());
    let story = paras[i + 2..].iter().any(|&p| is_prose(doc.slice(p)));
    if outlet || !story || shape::bare_agency(line, vocab) {
        return;
    }
    delete_unflagged(doc, from, vec![paras[i]], "is a section label printed over the story's headline: web page furniture", out);
}

/// [`delete_lines`] for the lines of `found` that no finding since `from` covers already (most
/// stories have none: the findings are read only for a story with one).
fn delete_unflagged(doc: &Document, from: usize, mut found: Vec<Span>, why: &str, out: &mut Output) {
    if found.is_empty() {
        return;
    }
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    found.retain(|&p| !flagged.overlaps(p));
    delete_lines(doc, &found, why, out);
}

/// Reports whole lines found by a run detector, each with its deletion as an unsafe fix.
fn delete_lines(doc: &Document, lines: &[Span], why: &str, out: &mut Output) {
    for &para in lines {
        let message = format!("`{}` {why}; delete the line", quote(doc.slice(para)));
        let whole = super::line_deletion(&doc.text, para);
        out.push(Finding::new(&META, para, Confidence::Medium, message).suggest(whole, "", Applicability::Unsafe));
    }
}

/// Lines a run of dated headlines must have, and how many of them must hold a headline (not
/// the date alone).
const MIN_DATED_RUN: usize = 3;
const MIN_DATED_HEADLINES: usize = 2;

/// A list of other stories as a page prints it, each headline with its date
/// ([`shape::dated_teaser`]): three or more such lines in a row, where a line of only a dash or a
/// bar between them (a list's separator) does not break the row. Seen on real pages above the
/// story (`Tips for new runners - November 6, 2020`) and after it (`...corridorGMT 16:26 2018
/// Saturday ,20 October`); a story's own list of dated events opens its lines with the date.
fn dated_teaser_runs(doc: &Document, from: usize, out: &mut Output) {
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    let mut run: Vec<Span> = Vec::new();
    let mut headlines = 0usize;
    let mut found: Vec<Span> = Vec::new();
    let mut close = |run: &mut Vec<Span>, headlines: &mut usize| {
        if run.len() >= MIN_DATED_RUN && *headlines >= MIN_DATED_HEADLINES {
            found.extend(run.iter().filter(|&&p| !flagged.overlaps(p)));
        }
        run.clear();
        *headlines = 0;
    };
    for &para in doc.headline.iter().chain(&doc.paragraphs) {
        let line = doc.slice(para);
        if line.trim().chars().all(|c| matches!(c, '-' | '–' | '—' | '|' | '•' | '·' | '*') || c.is_whitespace()) {
            continue;
        }
        match shape::dated_teaser(line) {
            Some(headline) => {
                run.push(para);
                headlines += usize::from(headline);
            }
            None => close(&mut run, &mut headlines),
        }
    }
    close(&mut run, &mut headlines);
    let why = "is one of several headlines in a row each followed by its date: a list of other stories pasted from the web page";
    delete_lines(doc, &found, why, out);
}

/// Headline-shaped lines a run must have to be read as a related-stories box without a heading.
const MIN_HEADLINE_RUN: usize = 3;

/// A headline, not a sentence or a row of a table: 5 to 18 words, nearly all words (not figures),
/// opening with a capital or a digit (not a numbered list item), with no sentence end inside or at
/// its end, and no fixture (`West Ham v Norwich`).
fn headline_shaped(line: &str) -> bool {
    let t = line.trim();
    // (the words counted, which the loop below needs in 5..=18, and the search for `. ` last, #16)
    if t.len() > MAX_LINE
        || t.ends_with(['.', '!', '?', ':', ';', ',', '…', '"', '”', '»', ')'])
        || !opens_like_headline(t)
        || !(5..=18).contains(&shape::words_upto(t, 19))
        || has_sentence_break(t)
    {
        return false;
    }
    let (mut all, mut words) = (0usize, 0usize);
    for (i, w) in t.split_whitespace().enumerate() {
        all += 1;
        if fixture_word(w) || (i == 0 && w.len() <= 3 && w.ends_with([')', '.']) && w.starts_with(|c: char| c.is_ascii_digit())) {
            return false;
        }
        // (a quote headline's first word opens with its quote mark)
        words += usize::from(w.trim_start_matches(OPENING_QUOTES).chars().next().is_some_and(char::is_alphabetic));
    }
    (5..=18).contains(&all) && words * 100 >= all * 85
}

/// The quote marks a quote headline opens with (`‘Never again’: ...`).
const OPENING_QUOTES: [char; 4] = ['‘', '“', '\'', '"'];

/// Does a line open as a headline does: a capital or a figure, after an opening quote mark
/// (`‘Only just beginning’: ...`, a quote headline) or a currency sign (`£100,000 reward ...`)?
/// A line that is all one quotation (`‘Keep our unit open’`, a banner's slogan) is not a headline.
fn opens_like_headline(t: &str) -> bool {
    if t.starts_with(OPENING_QUOTES) && t.ends_with(['’', '”', '\'', '"']) {
        return false;
    }
    let t = t.trim_start_matches(OPENING_QUOTES);
    let mut chars = t.chars();
    match chars.next() {
        Some('£' | '$' | '€' | '¥') => chars.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_uppercase() || c.is_ascii_digit(),
        None => false,
    }
}

/// The `v` of a fixture line (`West Ham v Norwich`): such a line is a results list, not a teaser
/// or a menu item.
fn fixture_word(w: &str) -> bool {
    matches!(w, "v" | "vs" | "vs.")
}

/// Does a `. ` end a sentence inside the line? Not after an abbreviation of capitals or a short
/// title (`U.S. soybeans`, `Mr. Lee`, `St. Louis`).
fn has_sentence_break(t: &str) -> bool {
    t.match_indices(". ").any(|(i, _)| {
        let word = t[..i].rsplit(' ').next().unwrap_or("");
        let abbreviation = word.len() <= 3 && word.starts_with(|c: char| c.is_uppercase());
        !abbreviation
    })
}

/// A short heading of an unlisted related-links box: one to four words ending in a colon, with no
/// figure (`Read more:`, `Related readings:`).
fn box_heading(line: &str) -> bool {
    let t = line.trim();
    t.len() <= 40
        && t.ends_with(':')
        && t.split_whitespace().nth(4).is_none()
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.chars().any(|c| c.is_ascii_digit())
}

/// Related-stories boxes the lexicon has no heading for: after the story's prose has begun, three
/// or more headline-shaped paragraphs in a row (other stories' headlines), or two under a short
/// colon heading. Lines already flagged do not break the run. A subhead stands alone and a list in
/// the story's prose is made of sentences; the page's own title and furniture above the lede are
/// not read. A run of bulleted lines (`- US airline files for bankruptcy again`) counts only
/// after the story's last sentence: a key-points list inside the story is bulleted too.
fn headline_runs(doc: &Document, from: usize, out: &mut Output) {
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    let last_prose = doc.paragraphs.iter().rposition(|&p| is_prose(doc.slice(p)));
    let mut seen_prose = false;
    let mut run: Vec<Span> = Vec::new();
    let mut bulleted = false;
    let mut heading: Option<Span> = None;
    let mut found: Vec<Span> = Vec::new();
    let close = |run: &mut Vec<Span>, heading: Option<Span>, found: &mut Vec<Span>| {
        if run.len() >= MIN_HEADLINE_RUN || (run.len() >= 2 && heading.is_some()) {
            found.extend(heading);
            found.append(run);
        }
        run.clear();
    };
    // above the lede: a block of teaser headlines over the story's own headline (the last
    // headline-shaped line before the prose is the title and stays)
    let mut top: Vec<Span> = Vec::new();
    for (i, &para) in doc.paragraphs.iter().enumerate() {
        let line = doc.slice(para);
        if !seen_prose {
            seen_prose = is_prose(line);
            if seen_prose {
                // the title is never a bullet: bullets right above the lede are the story's own
                // key points, not teasers
                // bullets are teasers only as a ticker over the title: bullets right above the
                // lede (the title a bullet), or under a headline, are the story's key points;
                // and a caption or standfirst between the last bullet and the lede stays
                let is_bullet = |l: &Span| strip_bullet(doc.slice(*l)).is_some();
                let mut key_points = top.pop().as_ref().is_some_and(is_bullet);
                if let (Some(first), Some(last)) = (top.iter().position(is_bullet), top.iter().rposition(is_bullet)) {
                    key_points |= top[..first].iter().any(|&l| doc.slice(l).split_whitespace().nth(3).is_some());
                    top.truncate(last + 1);
                }
                if !key_points && top.len() >= MIN_HEADLINE_RUN && top.windows(2).all(|w| adjacent_lines(doc, w[0], w[1])) {
                    let why = "is one of several headline-shaped lines in a row above the story's own headline: teasers of other stories pasted from the web page";
                    delete_lines(doc, &top, why, out);
                }
            } else if !flagged.overlaps(para) && headline_shaped(strip_bullet(line).unwrap_or(line)) {
                // (a bulleted ticker of teasers over the title counts too: seen on two real
                // pages, an Indonesian and an Indonesian-desk English one)
                if top.last().is_some_and(|&l| !adjacent_lines(doc, l, para)) && top.len() < MIN_HEADLINE_RUN {
                    top.clear();
                }
                top.push(para);
            } else if !flagged.overlaps(para) {
                top.clear();
            }
            continue;
        }
        if flagged.overlaps(para) {
            continue;
        }
        let bullet = strip_bullet(line);
        if bullet.is_none() && headline_shaped(line) {
            if bulleted {
                close(&mut run, heading, &mut found);
                heading = None;
                bulleted = false;
            }
            run.push(para);
            continue;
        }
        if let Some(item) = bullet
            && last_prose.is_some_and(|l| i > l)
            && headline_shaped(item)
        {
            if !bulleted {
                close(&mut run, heading, &mut found);
                heading = None;
                bulleted = true;
            }
            run.push(para);
            continue;
        }
        close(&mut run, heading, &mut found);
        bulleted = false;
        heading = box_heading(line).then_some(para);
    }
    close(&mut run, heading, &mut found);
    let why = "is one of several headline-shaped lines in a row after the story: a related-stories box pasted from the web page";
    delete_lines(doc, &found, why, out);
}

/// Menu-label lines a run must have to be read as a navigation menu.
const MIN_MENU_RUN: usize = 4;

/// A menu item, not a subhead or a list entry of the story: one to four words, at most 32 bytes,
/// opening with a capital (after an optional bullet), with no figure, no sentence or clause end
/// and no fixture (`Arsenal v Stoke`).
fn menu_label(line: &str) -> bool {
    let t = line.trim();
    let t = strip_bullet(t).unwrap_or(t);
    t.len() <= 32
        && t.split_whitespace().nth(4).is_none()
        && t.chars().next().is_some_and(char::is_uppercase)
        && !t.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '…'])
        && !t.bytes().any(|b| b.is_ascii_digit())
        && !t.split_whitespace().any(fixture_word)
}

/// Navigation menus: four or more menu-label paragraphs in a row (blank lines between them do not
/// break the run, and lines another shape already flagged count without being flagged again). A
/// subhead stands alone, and a fixture list has `v` in every line; what is left of a real page is
/// its section menu, footer links and tag lists, one label a line.
fn menu_runs(doc: &Document, from: usize, out: &mut Output) {
    let found = runs_of(doc, from, out, MIN_MENU_RUN, menu_label);
    let why = "is one of several one-to-four-word label lines in a row: a navigation menu or tag list pasted from the web page";
    delete_lines(doc, &found, why, out);
}

/// `• Home`, `• News`, `• Regarding the attack in Jakarta, the police chief urged ...`: a
/// breadcrumb trail printed one crumb a line with list bullets, as the page's first lines (an
/// Indonesian police portal's page and a US site's). It opens with the home crumb, on the story's
/// first line; the bulleted lines that follow it, in a block, are its crumbs (the last, the
/// story's own title, often cut short). A story's list of points comes after its prose begins,
/// and never opens with `Home`.
fn bulleted_trail(doc: &Document, vocab: &Vocab, from: usize, out: &mut Output) {
    let mut lines = doc.headline.iter().copied().chain(doc.paragraphs.iter().copied());
    let Some(first) = lines.next() else { return };
    let home = strip_bullet(doc.slice(first))
        .is_some_and(|t| t.len() <= 12 && shape::lookup(vocab, t.trim(), &mut String::new()) == Some(Word::Home));
    if !home {
        return;
    }
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    let mut trail = vec![first];
    let mut last = first;
    for para in lines {
        if !adjacent_lines(doc, last, para) || strip_bullet(doc.slice(para)).is_none() {
            break;
        }
        trail.push(para);
        last = para;
    }
    trail.retain(|&p| !flagged.overlaps(p));
    delete_lines(doc, &trail, "is a crumb of a breadcrumb trail printed one crumb a line at the top of the page", out);
}

/// Words a line after the story may have to be read as furniture (a label, a credit, a link).
const MAX_FURNITURE_WORDS: usize = 8;

/// Lines after the story that must already be flagged before the short lines among them are read
/// as furniture too.
const MIN_FURNITURE_FLAGGED: usize = 2;

/// The page's furniture after the story: once the story's last paragraph of prose is over and
/// [`MIN_FURNITURE_FLAGGED`] lines after it are already flagged (medium or high: a share row, a
/// credit, a theme's scroll button), the other short lines there that end no sentence are the
/// same furniture (`Pin It`, `Media partners:`, `Rewriter: Name`, `Most popular in 24h`, a menu
/// item). On the real-copy development pages (25 hosts) this finds 34 more labelled lines, and
/// on their native pages three lines the labels left out (a menu item, an agency credit, a cut
/// `More`). A line in parentheses (the wire's own `(Reporting by ...; Editing by ...)`) and the
/// `Reuter` sign-off are house style and stay; a story with fewer flagged lines after its end is
/// left alone, so a fixture list or a table under the last paragraph is never read as
/// furniture; a clause that goes on from the line before or introduces the next (a police
/// appeal's `You can report it online via:` and `or call 101, quoting ...`) is the story's own.
fn end_furniture(doc: &Document, from: usize, out: &mut Output) {
    let paras = &doc.paragraphs;
    let Some(last) = paras.iter().rposition(|&p| is_prose(doc.slice(p))) else { return };
    let Some(after) = paras.get(last + 1) else { return };
    if out.findings[from..]
        .iter()
        .filter(|f| f.span.start >= after.start && f.confidence >= Confidence::Medium)
        .nth(MIN_FURNITURE_FLAGGED - 1)
        .is_none()
    {
        quiet_tail(doc, from, out);
        return;
    }
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    let found: Vec<Span> =
        paras[last + 1..].iter().copied().filter(|&p| !flagged.overlaps(p) && furniture_shaped(doc.slice(p).trim())).collect();
    let why = "sits among the web page's furniture after the story's last paragraph (lines there are flagged as residue)";
    delete_lines(doc, &found, why, out);
}

/// The page's furniture after the story when too little of it is flagged for [`end_furniture`]
/// to read the rest: the short lines after the story's end (its last paragraph of a dozen words
/// or more, a sentence end or not, or its last sentence of four words or more, neither flagged
/// itself) that end no sentence and hold no figure (`Written by`, `Anadolu Agency`, `Extended
/// search`, `The Nation`). Found on seven real development pages of seven hosts. What a story
/// ends with itself is left alone: its last paragraph (a sign-off, a byline, a line the scrape cut short), a line in
/// parentheses or ending in one (`Little Britain (BBC Three)`, a list's entry), a clause that
/// goes on from the line before or to the next (`Faithfully yours,`), a wire desk's credit, and
/// every line there when one introduces a list (`The finalists are:`: the names under it are the
/// story's), two of them hold figures (a table of results or earnings under the
/// story, as 1987 wire copy prints them: `Nine mths`, `Shr 1.20 dlrs vs 1.10 dlrs`) or one is a
/// fixture (`Arsenal v Stoke`: a results list and its notes).
fn quiet_tail(doc: &Document, from: usize, out: &mut Output) {
    let paras = &doc.paragraphs;
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    // the story's end: its last paragraph of a dozen words or more, or its last sentence of
    // four words or more (`Police said the celebrations passed off peacefully.`: a subhead above
    // it is the story's), not already flagged as furniture itself
    let story = |p: &Span| {
        let t = doc.slice(*p).trim_end();
        let words = shape::words_upto(t, 12);
        !flagged.overlaps(*p) && (words == 12 || words >= 4 && t.ends_with(SENTENCE_ENDS))
    };
    let Some(end) = paras.iter().rposition(story) else { return };
    let Some((_, tail)) = paras[end + 1..].split_last() else { return };
    let region = &paras[end + 1..];
    let figures = |p: &&Span| doc.slice(**p).bytes().any(|b| b.is_ascii_digit());
    let fixture = |p: &Span| doc.slice(*p).split_whitespace().any(fixture_word);
    let lead_in = |p: &Span| {
        let t = doc.slice(*p).trim_end();
        t.ends_with(':') && shape::words_upto(t, 3) == 3 && !flagged.overlaps(*p)
    };
    if tail.is_empty() || region.iter().filter(figures).nth(1).is_some() || region.iter().any(|p| fixture(p) || lead_in(p)) {
        return;
    }
    let found: Vec<Span> = tail
        .iter()
        .copied()
        .filter(|&p| {
            let t = doc.slice(p).trim();
            !flagged.overlaps(p)
                && t.len() <= MAX_QUIET_LINE
                && furniture_shaped(t)
                && !t.ends_with([',', ';', ')'])
                && !t.ends_with(SENTENCE_ENDS)
                && t.chars().any(char::is_alphabetic)
                && !t.bytes().any(|b| b.is_ascii_digit() || b == b'|')
                && !wire_credit(t)
        })
        .collect();
    let why = "is a short line after the story's last paragraph that ends no sentence: web page furniture (a label, a credit or a link)";
    delete_lines(doc, &found, why, out);
}

/// Bytes a line after the story may have to be read by [`quiet_tail`].
const MAX_QUIET_LINE: usize = 60;

/// Marks that end a sentence, in the scripts the copy comes in.
const SENTENCE_ENDS: [char; 11] = ['.', '!', '?', '"', '”', '»', '’', '…', '。', '！', '？'];

/// A wire desk's credit line, house style at a story's end (`Reporting by Jane Doe; Editing by
/// John Roe`, `Writing by ...`, `Additional reporting by ...`, `Compiled by ...`).
fn wire_credit(t: &str) -> bool {
    const OPENERS: &[&str] = &["reporting by", "editing by", "writing by", "additional reporting", "compiled by", "edited by"];
    OPENERS.iter().any(|o| t.as_bytes().get(..o.len()).is_some_and(|head| head.eq_ignore_ascii_case(o.as_bytes())))
}

/// A line after the story that may be furniture: short, ending no sentence, and none of the
/// lines a story ends with itself (see [`end_furniture`]).
fn furniture_shaped(t: &str) -> bool {
    if t.is_empty() || t.ends_with(['.', '!', '?', '"', '”', '»']) || t.starts_with('(') && t.ends_with(')') {
        return false;
    }
    if t.eq_ignore_ascii_case("reuter") || t.eq_ignore_ascii_case("reuters") {
        return false;
    }
    let words = shape::words_upto(t, MAX_FURNITURE_WORDS + 1);
    // a clause that goes on from the line before (`or call 101, quoting ...`), or one that
    // introduces what follows (`You can report it to us online via:`)
    let clause = words > 1 && t.starts_with(char::is_lowercase) || words > 4 && t.ends_with(':');
    words <= MAX_FURNITURE_WORDS && !clause
}

/// Are two paragraphs on consecutive lines (one line break between them, no blank line)?
fn adjacent_lines(doc: &Document, a: Span, b: Span) -> bool {
    doc.text.get(a.end..b.start).is_some_and(|gap| gap.bytes().filter(|&c| c == b'\n').count() == 1 && gap.trim().is_empty())
}

/// Does `line` open with a word of `first_words` (lower case), or with a char of it (a marker in
/// a script without spaces)?
fn opens_word_of(first_words: &HashSet<String>, line: &str) -> bool {
    let raw = first_word_raw(line);
    let mut buf = [0u8; 64];
    let word = if raw.is_ascii() && raw.len() <= buf.len() {
        let low = &mut buf[..raw.len()];
        low.copy_from_slice(raw.as_bytes());
        low.make_ascii_lowercase();
        std::borrow::Cow::Borrowed(std::str::from_utf8(low).unwrap_or_default())
    } else {
        std::borrow::Cow::Owned(normalise(raw))
    };
    first_words.contains(word.as_ref()) || word.chars().next().is_some_and(|c| first_words.contains(c.encode_utf8(&mut [0; 4]) as &str))
}

/// A list item's text without its bullet (`- `, `• `, `* `, `– `, `· `, `▪ `).
fn strip_bullet(line: &str) -> Option<&str> {
    let t = line.trim_start();
    ["- ", "• ", "* ", "– ", "· ", "▪ ", "► "].iter().find_map(|b| t.strip_prefix(b)).map(str::trim_start)
}

/// Lines the story's source prints in many of its stories (counted over a corpus by `wirelint
/// boilerplate`), unless this rule already flagged them (`from`: where this story's
/// scrape-residue findings begin in `out`).
fn boilerplate(doc: &Document, table: &crate::corpus::BoilerplateSummary, from: usize, out: &mut Output) {
    let source = crate::corpus::source_of(doc);
    if !table.sources.contains_key(&source) {
        return;
    }
    let flagged = crate::span::SpanSet::new(out.findings[from..].iter().map(|f| f.span));
    for para in crate::corpus::story_lines(doc) {
        let line = doc.slice(para);
        let Some(hit) = table.lookup(&source, line) else { continue };
        if flagged.overlaps(para) {
            continue;
        }
        let message = format!(
            "`{}` appears in {} of {} stories from {source}: boilerplate of the source, not of this story; delete the line",
            quote(line),
            hit.stories,
            hit.of
        );
        let whole = super::line_deletion(&doc.text, para);
        out.push(Finding::new(&META, para, Confidence::Medium, message).suggest(whole, "", Applicability::Unsafe));
    }
}

/// Lines printed twice: a caption as alt text and figure caption, a paragraph pasted twice, a
/// teaser repeated in a second block. The repeat is flagged (the first copy stays). The headline
/// printed again at the top of the body is not: nearly every scraped page has it (title and
/// heading), and the dateline search reads it as page furniture.
///
/// A repeat right under its first copy (alt text then caption, a paragraph pasted twice) is
/// medium confidence; a repeat further down is low: a wire that re-sends a story's paragraphs
/// (Reuters-21578 has 21 such stories) or a page that shows a headline again in a related block
/// is a real duplication, but one an editor reads past rather than a line to delete unseen.
#[derive(Default)]
struct Repeats<'d> {
    /// Trimmed lines seen so far, with their first paragraph and its index.
    seen: rustc_hash::FxHashMap<&'d str, (usize, Span)>,
}

/// Words a repeated line needs before its repeat is flagged (shorter lines, `Advertisement`,
/// `Related`, subheads, repeat legitimately).
const REPEAT_MIN_WORDS: usize = 8;
/// The first line repeated up to this paragraph is the page's title printed again, not flagged.
const TITLE_REPEAT_LINES: usize = 4;

impl<'d> Repeats<'d> {
    fn check(&mut self, doc: &'d Document, index: usize, para: Span, line: &'d str, out: &mut Output) {
        let key = line.trim();
        // every line is remembered (a hash is cheaper than counting its words); only a repeat
        // is asked whether it is sentence-like, which its first copy then was too
        match self.seen.get(key) {
            Some(_) if !sentence_like(key, REPEAT_MIN_WORDS) => {}
            // the title printed again at the top of the page (title, heading, a teaser block):
            // the story's first line, headline-shaped (no full stop), repeated among the first few
            // (a lede pasted twice ends in a full stop and is flagged)
            Some(&(0, _)) if index <= TITLE_REPEAT_LINES && !key.ends_with('.') => {}
            Some(&(first_index, first)) => {
                let confidence = if first_index + 1 == index { Confidence::Medium } else { Confidence::Low };
                let message = format!(
                    "`{}` repeats line {} word for word (a scrape or CMS duplication); delete the repeat",
                    quote(line),
                    doc.locate(first).line
                );
                let whole = super::line_deletion(&doc.text, para);
                out.push(Finding::new(&META, para, confidence, message).suggest(whole, "", Applicability::Unsafe));
            }
            None => {
                self.seen.insert(key, (index, para));
            }
        }
    }
}

/// A line of at least `min` words, nearly all of them words (not a row of figures such as
/// `Avg shrs 13.1 mln vs 13.0 mln`, which earnings tables repeat legitimately).
fn sentence_like(line: &str, min: usize) -> bool {
    let (mut words, mut all) = (0usize, 0usize);
    for w in line.split_whitespace() {
        all += 1;
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        if core.chars().next().is_some_and(char::is_alphabetic) && !core.chars().any(|c| c.is_ascii_digit()) {
            words += 1;
        }
    }
    words >= min && words * 100 >= all * 85
}

/// How many lines under a related-links heading may be teasers.
const MAX_TEASERS: usize = 8;

/// A part of a line to delete, with the spaces on one side of it.
fn trimmed_deletion(text: &str, span: Span) -> Span {
    let before = text[..span.start].trim_end_matches([' ', '\t']);
    let after = &text[span.end..];
    let after_trim = after.trim_start_matches([' ', '\t', '-', '–', '—']);
    if after_trim.is_empty() || after_trim.starts_with('\n') {
        // at the end of the line: take the spaces before it
        Span::new(before.len(), span.end)
    } else {
        Span::new(span.start, span.end + (after.len() - after_trim.len()))
    }
}

/// Where a marker (normalised text) lies in the original line.
fn marker_span(line: &str, marker: &str) -> Option<std::ops::Range<usize>> {
    let start = line.len() - line.trim_start_matches(|c: char| LEADING.contains(&c) || c.is_whitespace()).len();
    let mut ends = line[start..].char_indices().map(|(i, c)| start + i + c.len_utf8());
    ends.find(|&end| normalise(&line[start..end]) == marker).map(|end| start..end)
}

/// A line for a message, shortened when long.
fn quote(line: &str) -> String {
    const MAX: usize = 60;
    if line.chars().count() <= MAX {
        return line.to_string();
    }
    let head: String = line.chars().take(MAX - 1).collect();
    format!("{}…", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::testing::{assert_clean, assert_fix, assert_flags};

    #[test]
    fn ascii_normalise_and_first_word_are_the_char_ones() {
        // every line of the fixtures, stories and generated texts, its openings, and each ASCII
        // byte between words
        let mut lines: Vec<String> = crate::document::test_texts().iter().flat_map(|t| t.lines().map(str::to_string)).collect();
        for b in 0..=0x7f_u8 {
            let c = char::from(b);
            lines.push(format!("{c} See {c}{c}also {c}: x{c}"));
        }
        let mut n = 0;
        for line in &lines {
            for end in (0..=line.len()).filter(|&e| line.is_char_boundary(e)).take(80).chain([line.len()]) {
                let s = &line[..end];
                if s.is_ascii() {
                    assert_eq!(normalise_ascii(s), normalise_chars(s), "{s:?}");
                    n += 1;
                }
            }
        }
        assert!(n > 10_000, "{n}");
        for line in &lines {
            assert_eq!(first_word_raw(line), first_word_raw_chars(line), "{line:?}");
        }
    }

    #[test]
    fn flags_related_headings_in_several_languages() {
        let text = "Talks\n\nThe toll rose.\nSEE ALSO:\nBaca juga: Hamas siap bicara\nLire aussi : Gaza\nЧитайте также: Газа\nThe end.";
        assert_flags(&ScrapeResidue, text, &["SEE ALSO:", "Baca juga:", "Lire aussi :", "Читайте также:"]);
    }

    #[test]
    fn flags_ad_markers_and_share_rows() {
        let text = "The toll rose.\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\nFacebook | Twitter | WhatsApp\nThe end.";
        assert_flags(&ScrapeResidue, text, &["ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Facebook | Twitter | WhatsApp"]);
    }

    #[test]
    fn deletes_the_whole_line() {
        assert_fix(&ScrapeResidue, "The toll rose.\nSEE ALSO:\nThe end.", "The toll rose.\nThe end.");
        assert_fix(&ScrapeResidue, "The toll rose.\n- ADVERTISEMENT -", "The toll rose.");
        assert_fix(&ScrapeResidue, "The toll rose.\n[ADVERTISEMENT]\n©2024 Example News\nEnd.", "The toll rose.\n©2024 Example News\nEnd.");
        assert_flags(&ScrapeResidue, "The toll rose.\n©2024 Example News\nEnd.", &["©"]);
    }

    #[test]
    fn ignores_see_also_in_prose() {
        assert_clean(
            &ScrapeResidue,
            "Officials said readers should see also the annex.\nRead more than the summary, he said.\nSee also how it ended.",
        );
    }

    #[test]
    fn ignores_a_lone_platform_name_or_a_story_line_about_it() {
        assert_clean(&ScrapeResidue, "Talks\n\nTwitter\nTwitter said on Monday it would appeal.\nShare prices fell.");
    }
}
