//! The structural half of SC001 as it was before the cheap gates of #16 (session 18) were put
//! before its regexes: the oracle the equivalence test holds [`super::shape::classify`] to.

#![allow(dead_code)]

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::shape::{
    AGENCY_SLASH_CREDIT, ARCHIVE_AGE, COPYRIGHT_START, COUNTER_LABELS, COUNTER_PAREN, COUNTER_UNITS, DANGLING_LINK, DASH_CREDIT,
    DATE_FIELD, DATE_LINE, DATE_SEGMENT, END_MARK, GALLERY_COUNT, GLUED_DATE, GLUED_STAMP, HEAD_COUNTER, LABELLED_DATE, POST_SIGNATURE,
    READ_TIME_LABEL, RELATIVE_TIME, RIGHTS, SLASH_CREDIT, STAMP_LINE, STAMP_ZONES, TAIL_BY, TAIL_COPYRIGHT, TAIL_CREDIT, TAIL_SOURCE,
    TEASER_MORE, TIME_SEGMENT, URL_LINE,
};
use super::{Vocab, Word};
use crate::finding::Confidence;

/// One structural hit inside a line.
#[derive(Debug, Clone)]
pub(super) struct Hit {
    /// Byte range in the line.
    pub range: Range<usize>,
    pub confidence: Confidence,
    /// What the flagged text is, for the message.
    pub what: &'static str,
    /// The fix deletes the whole line (else only the range).
    pub whole_line: bool,
}

/// A word as the vocabulary holds it: lower case, folded as the rows are.
fn key(t: &str) -> String {
    if t.is_ascii() { t.to_ascii_lowercase() } else { super::normalise(t) }
}

impl Hit {
    fn line(line: &str, confidence: Confidence, what: &'static str) -> Hit {
        Hit { range: 0..line.len(), confidence, what, whole_line: true }
    }
    fn part(range: Range<usize>, confidence: Confidence, what: &'static str) -> Hit {
        Hit { range, confidence, what, whole_line: false }
    }
}

/// Where the line sits in the story.
#[derive(Debug, Clone, Copy)]
pub(super) struct Position {
    /// One of the first three paragraphs (where a page's own date and byline sit).
    pub near_start: bool,
    /// The story's prose has begun above the line (a paragraph of a dozen words or more that ends
    /// a sentence).
    pub after_prose: bool,
}

/// Compiles one shape. The shapes are written to compile fast, since every run pays for them
/// (about 10 ms for all of them, once per process): digits are `[0-9]` (a Unicode `\d` is
/// sixty ranges), a Unicode class is never under a bounded repetition (`\p{L}{2,5}` compiles
/// five copies of the class: the counts are checked in code instead), and `(?i)` never covers
/// `\p{L}` (case folding the whole class).
fn re(s: &str) -> Regex {
    Regex::new(s).expect("valid regex")
}

/// `(rfs/rfs)`, `(Aza/AA)`: an editor-initials code alone on its line. The code's parts (2 to 4
/// of 2 to 5 letters) are counted by [`editor_code`] (see [`re`] for why not in the regex).
static PAREN_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"^\(\s*(\p{L}+(?:\s?/\s?\p{L}+)+)\s*\)$"));
/// `abc/def/xyz` alone on a line (lower case).
static BARE_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"^(\p{Ll}+(?:/\p{Ll}+)+)\.?$"));
/// `... the end. (rfs/rfs)`: the code glued after the last sentence.
static GLUED_CODE: LazyLock<Regex> = LazyLock::new(|| re(r"[.!?\x22”]\s*(\(\s*(\p{L}+(?:/\p{L}+)+)\s*\))\s*$"));

/// An editor's code: 2 to 4 parts of 2 to 5 letters between slashes (`rfs/rfs`, `Aza / AA`).
fn editor_code(code: &str) -> bool {
    let parts: Vec<&str> = code.split('/').map(str::trim).collect();
    (2..=4).contains(&parts.len()) && parts.iter().all(|p| (2..=5).contains(&p.chars().count()))
}
/// `... 264 regions.(*)`: an end mark glued after the last sentence.
static GLUED_END: LazyLock<Regex> = LazyLock::new(|| re(r"[.!?\x22”]\s*(\(\s*\*\s*\)|\((?i:end|ends)\)|-30-)\s*$"));
/// `05 May 2019    Read: 2012`: a counter after other page furniture.
static TAIL_COUNTER: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?:\s{{2,}}|\|\s*)((?:{COUNTER_LABELS})\s*:\s*[0-9][0-9.,]*)\s*$")));
/// `IMG 20220224 WA0005`: a camera or phone file name left as a caption.
static FILE_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:IMG|DSC|DSCN|DSCF|PXL|VID|Screenshot)[-_ ]?[0-9]{4}[-_ ]?[0-9]{2,}[\w -]*(?:\.(?i:jpe?g|png|webp))?$"));
/// `[Gambas:Video CNN]`, `[Video: ...]`: an embed placeholder.
static EMBED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\[\s*(?i:gambas|video|embed|image|foto|photo|audio|tweet|instagram|youtube|iframe|caption)\s*:[^\]]{0,80}\]$"));
/// `< /p>`, `<br>`: an HTML tag left in the text.
static HTML_TAG: LazyLock<Regex> =
    LazyLock::new(|| re(r"^<\s*/?\s*(?i:p|br|div|span|a|strong|em|b|i|img|figure|figcaption|iframe|script)\b[^<>]*>$"));
/// `... before Ramadan.< /p>`, `...</p></div>`: closing tags (or a bare lower-case `<br>`, `<p>`)
/// glued at the end of a line, only spaces inside them (tickers like `<A.N>` and `<P>` are no
/// tags).
static HTML_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    let close = r"<\s*/\s*(?i:p|div|span|a|strong|em|b|i|u|li|ul|ol|h[1-6]|figure|figcaption|blockquote|section|article)\s*>";
    re(&format!(r"\S\s*((?:{close}|<\s*(?:br|p)\s*/?\s*>)(?:\s*{close})*)\s*$"))
});
/// A full date as pages print it (English month names, ISO or day-first digits), with an
/// optional time: `Nov 23, 2021`, `14 May 2019`, `2024-05-21 06:34`, `14.05.2025`.
const FULL_DATE: &str = r"(?:(?:Mon|Tues?|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-9]{1,2},?\s+[0-9]{4}|[0-9]{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4})(?:,?\s+(?:at\s+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC))?)?";
/// The date (and time) a line opens with.
static DATE_SEGMENT_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{FULL_DATE}")));
/// A bare site name alone on a line: `ukr.media`, `example.co.uk`.
static DOMAIN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[a-z0-9-]{2,}(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|media|news|ua|ru|id|co|uk|tv|in|ir|cn|vn|tr|it|es|fr|de|az|kz|my|ph|pk)\.?$")
});
/// A page's meta line: segments joined by `|`, ` / ` or `;`, one a full date and the others
/// short labels (`Middle East Monitor / August 14, 2023`, `por | Nov 23, 2021 | Política`).
/// A date and a time alone (`Monday, March 12, 2007; 2:20 AM`) is the page's own date line
/// when it stands under the headline, as [`DATE_LINE`] is.
fn segmented_date(t: &str, pos: Position) -> bool {
    if words(t) > 12 || !t.contains(['|', '/', ';']) {
        return false;
    }
    let segments: Vec<&str> =
        t.split(['|', ';']).flat_map(|s| s.split(" / ")).map(|s| s.trim().trim_end_matches(':')).filter(|s| !s.is_empty()).collect();
    if !(2..=5).contains(&segments.len()) {
        return false;
    }
    let dates = segments.iter().filter(|s| DATE_SEGMENT.is_match(s)).count();
    // a byline with its date (`By Web Desk | 14 Aug 2024`) is the story's own credit, not furniture
    let byline = |s: &&str| {
        let mut w = s.split_whitespace();
        matches!(w.next(), Some("By" | "BY" | "by" | "Por" | "por" | "Oleh" | "oleh" | "Von" | "von" | "Par" | "par")) && w.next().is_some()
    };
    if segments.iter().any(byline) {
        return false;
    }
    let labelled = segments.iter().any(|s| !DATE_SEGMENT.is_match(s) && !TIME_SEGMENT.is_match(s));
    dates == 1
        && (labelled || !pos.near_start)
        && segments
            .iter()
            .all(|s| DATE_SEGMENT.is_match(s) || (words(s) <= 4 && !has_sentence_punctuation(s) && !s.contains(['"', '“', '”'])))
}
/// A site's section name glued to a linked headline: `HomeAfricaCIA chief arrives in Egypt`.
fn glued_home(t: &str) -> bool {
    let first = t.split_whitespace().next().unwrap_or("");
    let Some(rest) = first.strip_prefix("Home") else { return false };
    let chars: Vec<char> = first.chars().collect();
    let joins = chars.windows(2).filter(|w| w[0].is_lowercase() && w[1].is_uppercase()).count();
    rest.starts_with(char::is_uppercase) && joins >= 2
}

/// `Read: 2012`, `Views: 1,204`, `Dilihat: 87`, `Комментариев 1`.
static COUNTER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:read|reads|views?|hits|visits|seen|dilihat|dibaca|просмотр[а-яё]*|прочитан[а-яё]*|visto|visitas|lecturas|vues|aufrufe|okunma|comments?|комментари[а-яё]*|kommentare?|commentaires?|comentarios?|komentar|yorum(?:lar)?)\s*:?\s*[0-9][0-9.,\s]*$",
    )
});
/// `Read: 452 Views`, `Dibaca: 87 kali`: a counter's label, its figure and its unit.
static COUNTER_LABEL_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:read|reads|views?|hits|visits|seen|dilihat|dibaca|просмотр[а-яё]*|прочитан[а-яё]*|visto|visitas|lecturas|vues|aufrufe|okunma)\s*:?\s*[0-9][0-9.,]*\s+(?i:views?|times|reads|hits|kali|раза?|veces|fois|mal|kez)$",
    )
});

/// `2 Mins Read`, `- 1 min read`: a reading-time widget, alone or at the end of a header line.
static READ_TIME: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[\s\-–—|·•])([0-9]{1,3}(?:\s*|-)(?i:mins?|minutes?)\.?\s+(?i:read))\s*$"));
/// `30.4 C`, `Minsk Overcast sky +17°C`, `Yerevan 10 ℃`: a weather widget from the page header.
static WEATHER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\p{Lu}[\p{L}\x20]{0,40}\x20)?[+-]?[0-9]{1,2}(?:[.,][0-9])?\x20?(?:°\x20?[CF]|C|℃|℉)$"));
/// `13°C`, `64°F`, `-2 ℃`: a temperature alone on its line, a weather widget's reading or a
/// forecast row's (a degree sign is required: a bare `30 C` is too short to tell).
static BARE_TEMPERATURE: LazyLock<Regex> = LazyLock::new(|| re(r"^[+-]?[0-9]{1,3}(?:[.,][0-9])?\x20?(?:°\x20?[CF]?|℃|℉)$"));
/// `High: 10°C | Low: 6°C`, `Max 31° / Min 24°`: a forecast widget's row (a sidebar of towns).
static WEATHER_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:high|max|hi)\.?\x20?:?\x20?[+-]?[0-9]{1,3}\x20?(?:°\x20?[CF]?|℃|℉)\x20?[|/,·•–-]?\x20?(?i:low|min|lo)\.?\x20?:?\x20?[+-]?[0-9]{1,3}\x20?(?:°\x20?[CF]?|℃|℉)$",
    )
});
/// `2022-08-31T12:50:45Z`, `2024-03-18T09:00:00+07:00`: an ISO 8601 time stamp alone on a line,
/// a page's markup attribute (`<time datetime=...>`) that a scraper printed.
static ISO_STAMP: LazyLock<Regex> =
    LazyLock::new(|| re(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?(?:Z|[+-][0-9]{2}:?[0-9]{2})?$"));
/// `Logo Agência Brasil`, `logo SaarlandToday - Blaulicht`: an image's alt text.
static LOGO: LazyLock<Regex> = LazyLock::new(|| re(r"^(?i:logo)\s+[^.!?]{2,50}$"));
/// `(3rd LD)`, `(LEAD)`, `(ATTN: ADDS details in para 5)`: a wire version marker in the text.
static WIRE_MARKER: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(\((?:[0-9](?:st|nd|rd|th)\s+)?(?:LD|LEAD|URGENT)\)|\(ATTN:[^()]{0,80}\)|\(MENAFN-[^()]{1,80}(?:\([^()]{1,20}\))?\))(?:\s|$)")
});
/// A widget or section title alone on its line: `Most Visited in World`, `Top World stories`,
/// `Latest in National`, `More from Business`,
/// `– World news –` (the lexicon holds the fixed ones, `Top stories`, `Most read`).
static WIDGET_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s\-–—•|]*(?:most\s+(?:visited|read|viewed|popular|shared|watched|commented|e-?mailed)(?:\s+(?:in|from|on)\s+(?-i:\p{L}+(?:\s+\p{L}+)?))?|(?:top|latest|trending|popular|more|other|recommended)\s+(?-i:\p{L}+\s+)?(?:stories|news|articles|headlines|videos|reads)|(?:latest|more)\s+(?:in|from)\s+(?-i:[A-Z][a-z]+(?:\s+[A-Za-z]+)?)|(?:world|local|national|international|regional|business|political|sports?|economy|breaking)\s+news)[\s\-–—•|:]*$",
    )
});
static EMAIL_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"));
/// A reporter's contact details: a phone number, an e-mail or messaging address, with a name
/// or a handle (`Jane Roe: 555-441-0100, @janeroe`, `Reuters messaging rm://jane.roe@...`).
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\b[0-9]{3}[-.][0-9]{3}[-.][0-9]{4}\b|\+[0-9]{1,3}[ -][0-9]{2,4}[ -][0-9]{3,4}[ -]?[0-9]{2,4}\b|\brm://\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    )
});
static COPYRIGHT_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:copyright\b|©|\(c\)\s*(?:19|20)[0-9]{2})"));

/// Words of a line, split on spaces and the separators of menus and share rows.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/' | ',' | '‧' | '｜'))
        .map(|t| t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ':' | '(' | ')' | '[' | ']' | '*')))
        .filter(|t| !t.is_empty())
}

fn words(line: &str) -> usize {
    line.split_whitespace().count()
}

/// Ends like a sentence (or holds one inside).
fn has_sentence_punctuation(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '。', '！', '？']) && !t.ends_with("...") && !t.ends_with('…') || t.contains(". ")
}

/// Classifies a line by its shape. Called for lines no marker of the lexicon matched.
pub(super) fn classify(line: &str, pos: Position, vocab: &Vocab) -> Vec<Hit> {
    let mut hits = Vec::new();
    if let Some(date) = glued_date(line) {
        let whole = date.whole_line;
        hits.push(date);
        if whole {
            return hits;
        }
    }
    if let Some(hit) = wire_marker(line) {
        hits.push(hit);
    }
    if let Some(hit) = tail(line).or_else(|| end_agency(line, pos, vocab)) {
        hits.push(hit);
    }
    if hits.is_empty() {
        hits.extend(whole_line(line, pos, vocab));
    }
    hits
}

/// `(3rd LD) N. Korea fires ...`: a wire version marker opening a line; also an aggregator's
/// syndication credit there (`(MENAFN- Kuwait News Agency (KUNA)) KUWAIT, Feb 2 ...`).
fn wire_marker(line: &str) -> Option<Hit> {
    let t = line.trim_start();
    if !t.starts_with('(') {
        return None;
    }
    let lead = line.len() - t.len();
    let m = WIRE_MARKER.captures(t)?.get(1)?;
    let what = if m.as_str().starts_with("(MENAFN") { "is an aggregator's syndication credit" } else { "is a wire version marker" };
    Some(Hit::part(lead + m.start()..lead + m.end(), Confidence::Medium, what))
}

/// An agency's credit after the last sentence of a story: its name in parentheses (`... the
/// end. (ILKHA)`) or a national agency's dash sign-off ([`super::shape::SIGN_OFF`]: `... the end. - Bernama`, or
/// `-- BERNAMA` alone on its line). Wherever it stands: a scraped page puts furniture or the
/// next post after the story, so its last sentence is not the page's last line (`... daily life.
/// --AKP` over a byline and another story), and no prose paragraph ends in one. Alone on a line
/// above the story's prose it is the page header's credit, and left alone.
fn end_agency(line: &str, pos: Position, vocab: &Vocab) -> Option<Hit> {
    let t = line.trim_end();
    // alone on a line above the story's prose, an agency's name is the page header's credit
    // (`(Xinhua)` under the headline), which is no sign-off
    let header_line = |m: &regex::Match<'_>| !pos.after_prose && m.start() == line.len() - line.trim_start().len();
    match super::shape::end_mark(t) {
        Some(super::shape::EndMark::Line) => return Some(Hit::line(line, Confidence::Medium, super::shape::END_WHAT)),
        Some(super::shape::EndMark::Glued(range)) => return Some(Hit::part(range, Confidence::Medium, super::shape::END_WHAT)),
        None => {}
    }
    if let Some(c) = super::shape::SIGN_OFF.captures(t)
        && c.get(2).is_some_and(|name| vocab.signoff(name.as_str()))
        && let Some(m) = c.get(1).filter(|m| !header_line(m))
    {
        const WHAT: &str = "is an agency sign-off left at the end of the story";
        return Some(if m.start() == line.len() - line.trim_start().len() {
            Hit::line(line, Confidence::Medium, WHAT)
        } else {
            Hit::part(m.range(), Confidence::Medium, WHAT)
        });
    }
    if !t.ends_with(')') || t.ends_with("(END)") {
        return None;
    }
    if let Some(c) = super::shape::END_AGENCY.captures(t)
        && c.get(2).is_some_and(|name| vocab.credit(name.as_str()))
        && let Some(m) = c.get(1).filter(|m| !header_line(m))
    {
        return Some(Hit::part(m.range(), Confidence::Medium, super::shape::AGENCY_CREDIT_WHAT));
    }
    super::shape::end_initials(t, pos.after_prose).map(|r| Hit::part(r, Confidence::Medium, super::shape::INITIALS_WHAT))
}

/// `date 2019-05-05 ` or `This news has been read 55 times!` glued before the text.
fn glued_date(line: &str) -> Option<Hit> {
    let line_len = line.len();
    if let Some(m) = super::shape::GLUED_COUNTER.find(line.trim_start())
        && !line.trim_start()[m.end()..].trim().is_empty()
    {
        let lead = line_len - line.trim_start().len();
        return Some(Hit {
            range: lead..lead + m.end(),
            confidence: Confidence::High,
            what: "is a page's view counter glued to the text",
            whole_line: false,
        });
    }
    // a glued date may open a long paragraph
    if line.trim_start().starts_with("date ")
        && let Some(m) = GLUED_DATE.find(line.trim_start())
    {
        let lead = line_len - line.trim_start().len();
        let mut end = lead + m.end();
        // the separator that follows (` -`)
        let rest = &line[end..];
        let sep = rest.len() - rest.trim_start_matches([' ', '-', '–', '—', '|']).len();
        end += sep;
        let whole = end >= line_len;
        return Some(Hit {
            range: lead..lead + m.end(),
            confidence: Confidence::High,
            what: "is a CMS date field glued to the text",
            whole_line: whole,
        });
    }
    None
}

/// Residue glued at the end of a line: a caption credit, an editor's code, an end mark, a
/// counter, a copyright notice.
fn tail(line: &str) -> Option<Hit> {
    // every tail shape is short: look at the end of a long paragraph only (from a space, so an
    // anchor at the window's start stands where a space stands in the line)
    let from = tail_window(line);
    let end = &line[from..];
    let shift = |mut h: Hit| {
        h.range = h.range.start + from..h.range.end + from;
        h
    };
    let caption = || {
        super::shape::agency_caption(line)
            .then(|| Hit::line(line, Confidence::Medium, super::shape::CAPTION))
            .or_else(|| super::shape::position_caption(line).then(|| Hit::line(line, Confidence::Medium, super::shape::POSITION_CAPTION)))
    };
    match tail_marks(end, from).map(shift) {
        // a caption that ends in its credit is a caption: the whole line goes
        Some(h) if h.what == super::shape::CREDIT_WHAT => caption().or(Some(h)),
        Some(h) => Some(h),
        None => caption().or_else(|| rights(line)),
    }
}

/// Where the last [`TAIL_WINDOW`] bytes of a line start, moved forward to a space.
fn tail_window(line: &str) -> usize {
    if line.len() <= TAIL_WINDOW {
        return 0;
    }
    let mut at = line.len() - TAIL_WINDOW;
    while !line.is_char_boundary(at) {
        at += 1;
    }
    line[at..].find(char::is_whitespace).map_or(at, |i| at + i)
}

/// Longest stretch at the end of a line that a tail shape reads.
const TAIL_WINDOW: usize = 400;

/// Tail shapes in the end of a line that starts `base` bytes into it.
fn tail_marks(line: &str, base: usize) -> Option<Hit> {
    if let Some(hit) = tail_credit(line, base) {
        return Some(hit);
    }
    let t = line.trim_end();
    let paren = t.ends_with(')');
    if paren && let Some(range) = super::shape::media_tag(line) {
        return Some(Hit::part(range, Confidence::Medium, super::shape::MEDIA_TAG));
    }
    if paren && let Some(c) = GLUED_CODE.captures(line).filter(|c| editor_code(&c[2])) {
        let m = c.get(1).unwrap();
        let upper = m.as_str().chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
        let confidence = if upper { Confidence::Low } else { Confidence::Medium };
        return Some(Hit::part(m.range(), confidence, "is an editor's code left at the end of the story"));
    }
    if (paren || t.ends_with("-30-"))
        && let Some(c) = GLUED_END.captures(line)
    {
        return Some(Hit::part(c.get(1).unwrap().range(), Confidence::Medium, "is an agency end mark"));
    }
    // `... in the near future./.`: VNA's end mark, glued to the last sentence's full stop (the
    // full stop stays)
    if t.ends_with("./.") && t[..t.len() - 3].ends_with(|c: char| c.is_alphanumeric() || matches!(c, '"' | '”' | ')')) {
        return Some(Hit::part(t.len() - 2..t.len(), Confidence::Medium, "is an agency end mark"));
    }
    if t.ends_with('>')
        && let Some(c) = HTML_TAIL.captures(line)
    {
        return Some(Hit::part(c.get(1).unwrap().range(), Confidence::High, "is an HTML tag left in the text"));
    }
    if let Some(c) = TEASER_MORE.captures(line) {
        let label = c.get(1).or_else(|| c.get(2)).unwrap();
        return Some(Hit::part(label.range(), Confidence::Medium, "is a teaser's link label left at the end of its text"));
    }
    if t.len() >= 4
        && t.as_bytes()[t.len() - 4..].eq_ignore_ascii_case(b"read")
        && let Some(c) = READ_TIME.captures(line)
    {
        return Some(Hit::part(c.get(1).unwrap().range(), Confidence::Medium, "is a reading-time widget"));
    }
    if line.contains(':')
        && ends_in_figure(t)
        && let Some(c) = TAIL_COUNTER.captures(line)
    {
        return Some(Hit::part(c.get(1).unwrap().range(), Confidence::Medium, "is a page counter"));
    }
    None
}

/// Does a label captured by a greedy `[\p{L} ...]+` before a separator fit `min..=max`
/// characters? Its spaces at the end may be counted in the label or in the separator.
fn label_fits(label: Option<regex::Match<'_>>, min: usize, max: usize) -> bool {
    label.is_none_or(|m| {
        let longest = m.as_str().chars().count();
        let shortest = m.as_str().trim_end_matches(' ').chars().count();
        shortest <= max && longest >= min
    })
}

/// [`RELATIVE_TIME`] with its source name of 2 to 31 characters.
fn relative_time(t: &str) -> bool {
    RELATIVE_TIME.captures(t).is_some_and(|c| label_fits(c.get(1), 2, 31))
}

/// [`DATE_LINE`] with its label of 2 to 40 characters.
fn date_line(t: &str) -> bool {
    DATE_LINE.captures(t).is_some_and(|c| label_fits(c.get(1), 2, 40))
}

/// Does the line end with a clock's meridiem or zone (`3:33 pm`, `10:40 AM`, `15:02 GMT`)?
fn clock_suffix(t: &str) -> bool {
    let end = t.trim_end_matches('.').trim_end_matches(['m', 'M', '.']).trim_end_matches(['a', 'A', 'p', 'P']);
    let meridiem = end.len() < t.len() && end.trim_end().ends_with(|c: char| c.is_ascii_digit());
    meridiem || STAMP_ZONES.split('|').any(|z| t.strip_suffix(z).is_some_and(|r| r.trim_end().ends_with(|c: char| c.is_ascii_digit())))
}

/// [`STAMP_LINE`] with a time or a count after the date (a bare date is [`date_line`]'s).
fn stamp_line(t: &str) -> bool {
    STAMP_LINE.is_match(t)
        && (t.contains(':') || {
            let date_end = DATE_SEGMENT_PREFIX.find(t).map_or(0, |m| m.end());
            t[date_end..].trim_start().starts_with(|ch: char| ch.is_ascii_digit())
        })
}

/// Shapes that fill a whole (short) line.
fn whole_line(line: &str, pos: Position, vocab: &Vocab) -> Option<Hit> {
    if super::shape::empty_cells(line.trim()) {
        return Some(Hit::line(line, Confidence::Medium, "is a row of empty table cells or an empty tag list"));
    }
    if super::shape::lone_mark(line.trim()) {
        return Some(Hit::line(line, Confidence::Medium, super::shape::LONE_MARK_WHAT));
    }
    if let Some(hit) = super::shape::machine_token(line) {
        return Some(Hit { range: hit.range, confidence: hit.confidence, what: hit.what, whole_line: hit.whole_line });
    }
    // the rest are whole-line shapes: short lines only
    if line.len() > 200 || words(line) > 14 {
        // a trail from `Home` glued to the linked headline after it is long (a headline: no
        // sentence punctuation, no comma; tested only when a trail was read)
        let t = line.trim();
        return breadcrumb(line, vocab).filter(|h| h.confidence == Confidence::High && !has_sentence_punctuation(t) && !t.contains(", "));
    }
    let t = line.trim();
    // most shapes below hold a figure (a date, a time, a count): a line without one skips them;
    // the others need a character to open with or to hold, tested before their regex runs
    let figure = t.chars().any(char::is_numeric);
    let first = t.chars().next().unwrap_or(' ');
    let slash = t.contains('/');
    // each test before a regex below is something every match of the regex has (the regex is
    // compiled and run only for lines that pass it)
    let last_digit = t.ends_with(|c: char| c.is_ascii_digit());
    if figure && last_digit && t.contains(':') && DATE_FIELD.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is a CMS date field"));
    }
    if figure && t.ends_with(char::is_alphabetic) && relative_time(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page's time stamp"));
    }
    if matches!(first, '(' | '-' | '–' | '—' | '#' | '.') && END_MARK.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is an agency end mark"));
    }
    if first == '(' && slash && PAREN_CODE.captures(t).is_some_and(|c| editor_code(&c[1])) {
        let lower = t.chars().filter(|c| c.is_alphabetic()).all(char::is_lowercase);
        let confidence = if lower { Confidence::High } else { Confidence::Medium };
        return Some(Hit::line(line, confidence, "is an editor's code"));
    }
    if slash && BARE_CODE.captures(t).is_some_and(|c| editor_code(&c[1])) {
        return Some(Hit::line(line, Confidence::Medium, "is an editor's code"));
    }
    if figure
        && ((ends_in_figure(t) && starts_with_any(t, "rRvVhHsSſdDпПlLaAoOcCкКkKyY") && COUNTER_LABEL.is_match(t))
            || (t.starts_with(|c: char| c.is_ascii_digit() || c == '(') && COUNTER_UNITS.is_match(t))
            || (!ends_in_figure(t) && starts_with_any(t, "rRvVhHsSſdDпПlLaAoO") && COUNTER_LABEL_UNIT.is_match(t))
            || (starts_with_any(t, "rRvVhHdDпПlLaA") && HEAD_COUNTER.is_match(t))
            || (t.ends_with(')') && COUNTER_PAREN.is_match(t))
            || super::shape::READ_TIMES.is_match(t)
            || (last_digit && starts_with_any(t, "iIİıpPsSſfFgGфФbB") && GALLERY_COUNT.is_match(t)))
    {
        return Some(Hit::line(line, Confidence::Medium, "is a page counter"));
    }
    if t.starts_with('P') && super::shape::published_in(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a template's section field"));
    }
    if words(t) <= 3 && super::shape::cms_byline(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a byline holding the site's account name, not a reporter's"));
    }
    if figure && super::shape::times_counter(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page counter"));
    }
    if figure && pos.near_start && t.ends_with(['C', 'F', '℃', '℉']) && words(t) <= 6 && WEATHER.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a weather widget from the page header"));
    }
    if figure && BARE_TEMPERATURE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a weather widget's temperature"));
    }
    if figure && !pos.after_prose && super::shape::LETTER_TEMPERATURE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a weather widget's temperature"));
    }
    if figure && WEATHER_RANGE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a row of a weather forecast widget"));
    }
    if words(t) <= 6 && t.len() > 5 && t.as_bytes()[..5].eq_ignore_ascii_case(b"logo ") && LOGO.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is an image's alt text"));
    }
    if READ_TIME_LABEL.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a reading-time widget"));
    }
    if figure && t.starts_with("This ") && ARCHIVE_AGE.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is the page's notice that the story is old"));
    }
    if words(t) <= 12 && t.as_bytes().windows(5).any(|w| w.eq_ignore_ascii_case(b"click")) && DANGLING_LINK.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a link instruction whose link was lost"));
    }
    if figure && ["IMG", "DSC", "PXL", "VID", "Screenshot"].iter().any(|p| t.starts_with(p)) && FILE_NAME.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is an image file name left as a caption"));
    }
    if super::shape::IMAGE_FILE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is an image file name left where the image stood"));
    }
    if first == '[' && EMBED.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is an embed placeholder"));
    }
    if first == '<' && HTML_TAG.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is an HTML tag left in the text"));
    }
    if t.contains([';', '{', '}', '=']) && code_line(t) {
        return Some(Hit::line(line, Confidence::Medium, "is script code or data from the web page"));
    }
    if figure && t.contains(':') && LABELLED_DATE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page's date field"));
    }
    if figure && words(t) <= 8 && !has_sentence_punctuation(t) && letter_then_digit(t) && GLUED_STAMP.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page's time stamp glued to a label"));
    }
    if segmented_date(t, pos) {
        return Some(Hit::line(line, Confidence::Medium, "is a page's date and source line"));
    }
    if glued_home(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a breadcrumb glued to a linked headline"));
    }
    if !t.contains(' ') && t.contains('.') && DOMAIN_LINE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a bare site name"));
    }
    if figure && t.len() >= 16 && t.as_bytes()[10] == b'T' && ISO_STAMP.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a machine time stamp from the page's markup"));
    }
    if figure && last_digit && !pos.near_start && (date_line(t) || t.len() <= 10 && DATE_SEGMENT.is_match(t)) {
        return Some(Hit::line(line, Confidence::Medium, "is a date header from the page"));
    }
    if figure && (last_digit || clock_suffix(t)) && !pos.near_start && words(t) <= 8 && stamp_line(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a time stamp from a teaser list or feed"));
    }
    if WIDGET_TITLE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is the title of a page widget or section"));
    }
    if (t.starts_with("http") || t.starts_with("www.")) && URL_LINE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a bare link"));
    }
    if (figure || t.contains('@'))
        && words(t) <= 10
        && !t.ends_with('.')
        && (t.contains(['@', '+']) || t.contains("rm://") || has_digit_run(t, 3))
        && CONTACT.is_match(t)
        && !EMAIL_LINE.is_match(t)
    {
        return Some(Hit::line(line, Confidence::Medium, "is a reporter's contact line from the page"));
    }
    if t.contains('@') && EMAIL_LINE.is_match(t) {
        return Some(Hit::line(line, Confidence::Low, "is a bare e-mail address"));
    }
    if let Some(hit) = breadcrumb(line, vocab) {
        return Some(hit);
    }
    // (added in session 19 to both classifiers: the shape itself, not its gate)
    if t.chars().any(char::is_numeric)
        && t.starts_with(|c: char| c.is_ascii_uppercase() || c == '•')
        && words(t) <= 12
        && super::shape::rate_row(t)
    {
        return Some(Hit::line(line, Confidence::Medium, "is a row of a currency-rate widget"));
    }
    if language_switcher(t, vocab) {
        return Some(Hit::line(line, Confidence::Medium, "is a language menu"));
    }
    if nav_bar(t, vocab) {
        return Some(Hit::line(line, Confidence::Medium, "is a site menu"));
    }
    if ui_words(t, vocab) {
        return Some(Hit::line(line, Confidence::Medium, "is a row of page buttons or labels"));
    }
    if super::shape::social_prompt(t, vocab) {
        return Some(Hit::line(line, Confidence::Medium, super::shape::SOCIAL_WHAT));
    }
    None
}

/// A line of a page's script or data (`var js = d.createElement(s);`, `}(document, 'script',
/// 'facebook-jssdk'));`, `{"email":"Email address invalid"}`): three or more code marks, an
/// opening or an end that only code has, and an assignment, a brace or a method call (a results
/// line `(1) Smith; (2) Jones;` has none).
fn code_line(t: &str) -> bool {
    if t.starts_with("{\"") && t.contains("\":") {
        return true;
    }
    let marks = t.chars().filter(|c| matches!(c, '{' | '}' | '(' | ')' | ';' | '=')).count();
    let code_end = t.ends_with([';', '{', '}']);
    let code_start =
        t.starts_with(['}', '{']) || ["var ", "let ", "const ", "function", "if (", "if(", "(function"].iter().any(|k| t.starts_with(k));
    let method_call =
        t.as_bytes().windows(3).any(|w| w[0].is_ascii_lowercase() && w[1] == b'.' && w[2].is_ascii_alphabetic()) && t.contains('(');
    marks >= 3 && (code_end || code_start) && (t.contains(['=', '{', '}']) || method_call)
}

/// A caption credit at the end of a line; the span is the credit alone.
fn tail_credit(line: &str, base: usize) -> Option<Hit> {
    const WHAT: &str = super::shape::CREDIT_WHAT;
    // each shape needs a character or a word that prose rarely ends with: test for it before
    // running the regex (most paragraphs end as none of these)
    let t = line.trim_end();
    if (t.ends_with(')') || t.len() >= 7 && t.as_bytes()[t.len() - 7..].eq_ignore_ascii_case(b"gallery"))
        && let Some(m) = super::shape::paren_credit(line)
    {
        // the whole line as a credit is the lexicon's business, and a bare `(Reuters/Ipsos)` line is
        // a table note; a bare `(ANTARA PHOTO/Name)` is a caption's credit
        if base + m.start() > 0 {
            return Some(Hit::part(m.range(), Confidence::Medium, WHAT));
        }
        let via = |w: &str| m.as_str().trim_end_matches([')', ' ']).ends_with(w);
        if m.end() == t.len()
            && (m.as_str().bytes().any(|b| b == b'/') && ["PHOTO", "Photo", "photo", "FOTO", "Foto"].iter().any(|w| m.as_str().contains(w))
                || ["via AP", "via Reuters", "via REUTERS", "via AFP", "via Getty Images"].iter().any(|w| via(w)))
        {
            return Some(Hit::line(line, Confidence::Medium, WHAT));
        }
    }
    let unstopped = t.strip_suffix('.').unwrap_or(t);
    // both slash shapes end in `/ Name Name`: after the line's last slash only letters, `.`, `'`,
    // `-` and spaces, from a capital (a URL or a `1/2` in the tail does not open them)
    let slash = line.rfind('/').is_some_and(|i| {
        let after = line[i + 1..].trim_start();
        after.starts_with(char::is_uppercase)
            && after.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '\'' | '-'))
    });
    let gates = [
        line.contains(':')
            && ["Photo", "PHOTO", "Foto", "FOTO", "Фото", "ФОТО", "Ảnh", "Pic", "Credit", "CREDIT"].iter().any(|w| line.contains(w)),
        line.contains("Photo") || line.contains("Picture") || line.contains("Foto"),
        ["pic", "pix", "photo", "foto"].iter().any(|w| unstopped.ends_with(w)),
        slash,
        slash,
        line.contains("Source") || line.contains("SOURCE"),
        line.contains('©'),
        line.contains("(@"),
    ];
    // the middle flag: at most four words after the slash (SLASH_CREDIT counts them here, not in
    // its regex); a shape is compiled only when its gate opens
    const SOURCE: &str = "is a source credit glued after the story's last sentence";
    const POST: &str = "is the signature of an embedded post (its account's name, handle and date)";
    let shapes: [(&LazyLock<Regex>, bool, &str); 8] = [
        (&TAIL_CREDIT, false, WHAT),
        (&TAIL_BY, false, WHAT),
        (&DASH_CREDIT, false, WHAT),
        (&SLASH_CREDIT, true, WHAT),
        (&AGENCY_SLASH_CREDIT, false, WHAT),
        (&TAIL_SOURCE, false, SOURCE),
        (&TAIL_COPYRIGHT, false, WHAT),
        (&POST_SIGNATURE, false, POST),
    ];
    for ((re, slash_words, what), open) in shapes.into_iter().zip(gates) {
        if !open {
            continue;
        }
        if let Some(c) = re.captures(line) {
            let m = c.get(1).unwrap();
            let slash_ok = !slash_words || m.as_str().split_once('/').is_some_and(|(_, after)| words(after) <= 4);
            if base + m.start() > 0 && words(m.as_str()) <= 8 && slash_ok {
                return Some(Hit::part(m.range(), Confidence::Medium, what));
            }
        }
    }
    None
}

/// Does the line end in a digit, `.` or `,` (a count as `[0-9][0-9.,]*` ends)?
fn ends_in_figure(t: &str) -> bool {
    t.ends_with(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
}

/// Does the line start with one of `chars` (the first letters, in every case, of a regex's
/// case-insensitive opening words)?
fn starts_with_any(t: &str, chars: &str) -> bool {
    t.chars().next().is_some_and(|c| chars.contains(c))
}

/// Does the line hold `n` ASCII digits in a row?
fn has_digit_run(t: &str, n: usize) -> bool {
    let mut run = 0;
    for b in t.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        if run >= n {
            return true;
        }
    }
    false
}

/// Is a letter followed by an ASCII digit somewhere in the line (`world2024`)?
fn letter_then_digit(t: &str) -> bool {
    let mut prev_letter = false;
    for c in t.chars() {
        if prev_letter && c.is_ascii_digit() {
            return true;
        }
        prev_letter = c.is_alphabetic();
    }
    false
}

/// A copyright notice: the line opens with one, or a line ends in `All rights reserved` (or
/// holds it after a copyright word).
fn rights(line: &str) -> Option<Hit> {
    const WHAT: &str = "is a copyright notice from the page";
    let t = line.trim_start();
    let lead = line.len() - t.len();
    if matches!(t.chars().next(), Some('(' | 'c' | 'C' | '©' | '@')) && words(t) <= 40 && COPYRIGHT_START.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, WHAT).with_range(lead..line.len()));
    }
    let m = RIGHTS.find(line)?;
    let after = line[m.end()..].trim_start_matches(['.', ' ', '!']);
    let copyright = COPYRIGHT_WORD.find(&line[..m.start()]);
    if let Some(c) = copyright {
        // `Amr Nabil/Copyright 2024 The AP. All rights reserved`: from the copyright word on
        if m.start() - c.start() < 80 {
            return Some(Hit::part(c.start()..line.len(), Confidence::Medium, WHAT));
        }
    }
    if after.is_empty() && words(line) <= 40 {
        return Some(Hit::part(m.start()..line.len(), Confidence::Medium, WHAT));
    }
    None
}

impl Hit {
    fn with_range(mut self, range: Range<usize>) -> Hit {
        self.range = range;
        self
    }
}

/// Does `t` hold `>`, `»`, `›` or `→`? The bytes test (`>`, and the last bytes of the others'
/// UTF-8: BB, BA, 92) is a SIMD scan that rules out most lines before the exact test.
fn has_trail_separator(t: &str) -> bool {
    let b = t.as_bytes();
    (memchr::memchr3(b'>', 0xBB, 0xBA, b).is_some() || memchr::memchr(0x92, b).is_some()) && t.contains(['>', '»', '›', '→'])
}

/// `Home > Section > Story`, `Beranda » Berita`: a breadcrumb trail.
fn breadcrumb(line: &str, vocab: &Vocab) -> Option<Hit> {
    let t = line.trim();
    // `Home / Jordan News`, `Home / WORLD / ...`: a trail of slashes, read only when it opens
    // with the home crumb and the next crumb with a capital, and ends no sentence (a slash is
    // everywhere else: dates, fractions, `and/or`, `Home / away: ...`)
    let first = t.split(' ').next().unwrap_or("");
    if let Some(rest) = t[first.len()..].strip_prefix(" / ")
        && rest.starts_with(char::is_uppercase)
        && !has_sentence_punctuation(t)
        && vocab.word(&key(first)) == Some(Word::Home)
    {
        return Some(Hit::line(line, Confidence::High, "is a breadcrumb trail"));
    }
    // every trail has a separator (tested on bytes first: this runs on every long paragraph)
    if !has_trail_separator(t) {
        return None;
    }
    // `Home>>`, `Beranda »`: the trail's first crumb, the rest lost in the scrape
    let stub = t.trim_end_matches(['>', '»', '›', '→', ' ']);
    if stub.len() < t.len() && vocab.word(&key(stub)) == Some(Word::Home) {
        return Some(Hit::line(line, Confidence::High, "is a breadcrumb trail"));
    }
    // `Current:Home > ...`, `You are here: Home > ...`
    let body = match t.split_once(':') {
        Some((label, rest)) if words(label) <= 3 && !label.contains(['>', '»', '›']) && rest.contains(['>', '»', '›']) => rest.trim(),
        _ => t,
    };
    // `<TICKER>` and `a > b` in figures are not trails: a separator stands between spaces
    if body.contains('<') {
        return None;
    }
    let body = body.replace(" » ", " > ").replace(" › ", " > ").replace(" → ", " > ");
    let items: Vec<&str> = body.split(" > ").map(str::trim).collect();
    if items.len() < 2 || items.iter().any(|i| i.is_empty() || !i.chars().any(char::is_alphabetic)) {
        return None;
    }
    let first_is_home = vocab.word(&key(items[0])) == Some(Word::Home);
    let short = |i: &&str| words(i) <= 5 && !has_sentence_punctuation(i);
    if first_is_home && items[..items.len() - 1].iter().all(short) {
        return Some(Hit::line(line, Confidence::High, "is a breadcrumb trail"));
    }
    let capitalised = |i: &&str| i.chars().next().is_some_and(|c| c.is_uppercase() || !c.is_alphabetic());
    if items.len() >= 3 && items.iter().all(|i| short(i) && words(i) <= 4 && capitalised(i)) {
        return Some(Hit::line(line, Confidence::Medium, "is a breadcrumb trail"));
    }
    None
}

/// `عربي Español Русский Français 简体中文`, `RU UA EN`: names of languages and nothing else.
fn language_switcher(line: &str, vocab: &Vocab) -> bool {
    let is_language = |t: &str| LANGUAGE_CODES.contains(&t) || vocab.word(&key(t)) == Some(Word::Language);
    // every token is a code or a language name: the first one tells most lines apart
    if !tokens(line).next().is_some_and(is_language) {
        return false;
    }
    let toks: Vec<&str> = tokens(line).collect();
    if toks.len() < 3 || toks.len() > 16 {
        return false;
    }
    let codes = toks.iter().all(|t| LANGUAGE_CODES.contains(t));
    codes || toks.iter().all(|t| vocab.word(&key(t)) == Some(Word::Language))
}

const LANGUAGE_CODES: &[&str] = &[
    "EN", "RU", "UA", "UK", "DE", "FR", "ES", "AR", "ZH", "CN", "ID", "PT", "TR", "IT", "FA", "JA", "JP", "KO", "KZ", "BY", "UZ", "AZ",
    "VI", "PL", "NL", "KK", "HY", "KA", "HE",
];

/// `Home Meetings & Statements Events & Activities ... 中文`: a flattened site menu. It opens with
/// the home link and carries a menu's `&` or a link in another script; a headline that happens to
/// open with `Home` has neither.
fn nav_bar(line: &str, vocab: &Vocab) -> bool {
    if !line.trim_start().starts_with(char::is_uppercase) {
        return false;
    }
    let toks: Vec<&str> = line.split_whitespace().collect();
    if toks.len() < 5 || has_sentence_punctuation(line) {
        return false;
    }
    if vocab.word(&key(toks[0])) != Some(Word::Home) || !toks[0].starts_with(char::is_uppercase) {
        return false;
    }
    let other_script = toks.iter().any(|t| t.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && (c as u32) > 0x2000));
    let amp = toks.iter().filter(|t| **t == "&").count();
    let lower = toks.iter().filter(|t| t.starts_with(char::is_lowercase)).count();
    (amp >= 1 || other_script) && lower * 5 <= toks.len()
}

/// `Print Mail Large Medium Small`, `Listen Live`, `Photo Gallery`: a short line made of UI words.
fn ui_words(line: &str, vocab: &Vocab) -> bool {
    if has_sentence_punctuation(line) || line.contains(['"', '“', '«']) {
        return false;
    }
    let toks: Vec<&str> = tokens(line).filter(|t| !t.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))).collect();
    if toks.len() < 2 || toks.len() > 8 {
        return false;
    }
    let ui = toks.iter().filter(|t| matches!(vocab.word(&key(t)), Some(Word::Ui | Word::Social))).count();
    ui >= 2 && ui * 4 >= toks.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines of every rule fixture, evaluation story and cached real-copy page, and generated
    /// lines glued from pieces of each shape (in odd cases and with the characters outside ASCII
    /// that match a letter case-insensitively), with a few bytes changed.
    fn lines() -> Vec<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut texts = crate::document::test_texts();
        if let Ok(files) = std::fs::read_dir(root.join("tests/realcopy/cache")) {
            let mut files: Vec<_> = files.flatten().map(|e| e.path()).collect();
            files.sort();
            texts.extend(files.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
        }
        let mut lines: Vec<String> = texts.iter().flat_map(|t| t.lines().map(str::to_string)).collect();
        const PIECES: &str = concat!(
            "All rights reserved|ALL RIGHTS RESERVED|all right reſerved|Todos los derechos reservados|alle Rechte vorbehalten|",
            "ALLE RECHTE VORBEHALTEN|Hak Cipta Dilindungi Undang-undang|HAK CIPTA|tous droits réservés|Все права защищены|",
            "ВСЕ ПРАВА ЗАЩИЩЕНЫ|Tüm hakları saklıdır|TÜM HAKLARI SAKLIDIR|版权所有|جميع الحقوق محفوظة|tutti i diritti riservati|",
            "Copyright 2023|©|(c) 2021|(Photo: VNA)|(Xinhua/ Li Ming)|(AFP Photo / Jane Doe)|(ANTARA PHOTO/Name)|(Reuters/Ipsos)|",
            "(FOTO: x)|(pic)|(AFP FILE)|(AFP PIC/ Jo)| Photo Gallery|EPA-EFE/MICHAEL REYNOLDS|EFE / Marta Pérez|AFP/|XAFP/|",
            "U.S. SUPPLY/DEMAND TABLES|Tempo/Fakhri Hermansyah|Tempo /Budi|Source: Akipress|Source : Xinhua|SOURCE:|Sources :|",
            "Sources\u{a0}:|Source s:|Source: https://www.gov.kz/a|Photo by Xu Ming|Photo: Nhat Bac|Most Visited in World|",
            "Top Business stories|– World news –|most read|MOST READ|ſports news|Sports News|breaking news|Latest in National|",
            "More from Business|\u{212a}|ſ|Trending videos|8 hours ago|CHINA DAILY - 2 hours 28 min ago|time4 hours ago|",
            "hace 2 horas|il y a 3 jours|vor 5 Minuten|há 2 dias|3 jam yang lalu|5 дней назад|2 gün önce|AGO|Lalu|",
            "Image 1 of 4|Foto 2 dari 5|Фото 3 из 7|slide 10/12|ſlide 1 of 2|Image  1  of  4|",
            "The minister spoke.|He left.|the end|. |, |: |/| / |(|)|)|  |\t|\u{a0}|\u{3000}|-|—|\u{2013}|•|\u{7c}|",
            "7|12|2024|Reuters|Bernama|pic|photo|foto|file|gallery|rv|RV|vorbeh|cipta|щ|Щ|ü|Ü|Read: 2012|views|",
            "Comments (3)|Thursday, December 29, 2016|2024-05-21 06:34|(rfs/rfs)|abc/def| - Bernama|-- BERNAMA|(ILKHA)|",
            "Print|Mail|Share|SHARE|Facebook|Twitter|WhatsApp|Home|HOME|Beranda|English|ENGLISH|Español|Русский|РУССКИЙ|",
            "EN|RU|UA|Home Meetings & Statements Events & Activities|中文|Listen Live|Σ|ΣΑΣ|click here|Click|CLICK on|",
            "please click on|Home > World > Asia|Beranda » Berita|Middle East Monitor / August 14, 2023|por | Nov 23, 2021 |",
            "a; b; c|IMG 20220224 WA0005|٣|Ⅻ|½|Jane Roe: 555-441-0100, @janeroe|Pic: Ana|Ảnh: Lan Anh|Credit: Jo|PHOTO: X"
        );
        let pieces: Vec<&str> = PIECES.split('|').collect();
        let mut rng = crate::document::TestRng::new();
        let mut next = move || rng.next_u64();
        for _ in 0..60_000 {
            let n = 1 + (next() % 7) as usize;
            let mut t = String::new();
            for _ in 0..n {
                let p = pieces[(next() % pieces.len() as u64) as usize];
                if next() % 4 == 0 {
                    t.push(' ');
                }
                match next() % 6 {
                    0 => t.push_str(&p.to_uppercase()),
                    1 => t.push_str(&p.to_lowercase()),
                    _ => t.push_str(p),
                }
            }
            lines.push(t);
        }
        lines
    }

    #[test]
    fn gated_shapes_equal_the_oracle() {
        let lexicons = crate::lexicon::Lexicons::embedded();
        let index = lexicons.index::<super::super::ResidueIndex>().unwrap();
        let mut fired = 0;
        let lines = lines();
        assert!(lines.len() > 70_000, "{}", lines.len());
        for line in &lines {
            for (near_start, after_prose) in [(false, false), (true, false), (false, true), (true, true)] {
                let want: Vec<String> =
                    classify(line, Position { near_start, after_prose }, &index.vocab).iter().map(|h| format!("{h:?}")).collect();
                let got: Vec<String> =
                    super::super::shape::classify(line, super::super::shape::Position { near_start, after_prose }, &index.vocab)
                        .iter()
                        .map(|h| format!("{h:?}"))
                        .collect();
                assert_eq!(got, want, "{line:?} {near_start} {after_prose}");
                fired += usize::from(!want.is_empty());
            }
        }
        assert!(fired > 5000, "{fired}");
    }

    #[test]
    fn first_word_test_is_the_oracles() {
        let lexicons = crate::lexicon::Lexicons::embedded();
        let index = lexicons.index::<super::super::ResidueIndex>().unwrap();
        let mut opened = 0;
        for line in lines().iter().chain(index.markers.iter().map(|m| &m.text)) {
            let want = index.opens_marker_oracle(line);
            assert_eq!(index.opens_marker(line), want, "{line:?}");
            opened += usize::from(want);
        }
        assert!(opened > 1000, "{opened}");
    }
}
