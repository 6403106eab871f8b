//! The structural half of SC001: lines that are on no list but have the shape of page furniture
//! (a glued metadata date, a caption credit at the end of a line, an editor code, a counter, a
//! bare URL, a breadcrumb, a language switcher, a copyright line, a row of UI words).
//!
//! Every shape is anchored on the whole line or on its start or end, never on words inside a
//! sentence, and each gives its own confidence: a shape that prose never takes (`date
//! 2019-05-05 ` before the lede, `(rfs/rfs)` alone on a line) is high; a shape prose rarely takes
//! (a caption credit, a counter, a URL alone on a line) is medium; a shape a wire story can carry
//! by design (a reporter's e-mail address) is low.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

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

impl Hit {
    pub(super) fn line(line: &str, confidence: Confidence, what: &'static str) -> Hit {
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

/// `date 2019-05-05 ` glued before the text (a CMS field flattened into the body).
pub(super) static GLUED_DATE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^date [0-9]{4}-[0-9]{2}(?:-[0-9]{2})?(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?\b"));
/// `Date:2025-04-11 16:39:43`: a CMS timestamp field alone on its line.
pub(super) static DATE_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?i:date|datum|fecha|tanggal|дата|tarih)\s*:\s*[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?$")
});
/// `This news has been read 55 times! KUWAIT CITY, Aug 21: ...`: a page's view counter
/// ([`READ_TIMES`] as a sentence) glued before the story's first line (an Arab agency's page; a
/// Malaysian agency's prints it alone on its line).
pub(super) static GLUED_COUNTER: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(?i:{COUNTER_SUBJECT}{COUNTER_TIMES})[.!]?")));
/// `8 hours ago`, `CHINA DAILY - 2 hours 28 min ago`, `time4 hours ago`, and the same in the copy languages.
/// The source's name before the dash (group 1) is 2 to 31 characters, checked in
/// [`relative_time`] (see [`re`] for why not in the regex).
pub(super) static RELATIVE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)^
        (?:(\p{L}[\p{L}\ .&]*)\s*[-–—|]\s*|(?i:time)\s*)?
        (?i:
          (?:about\ |an?\ )?[0-9]{1,3}\s*(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)
             (?:\s*,?\s*[0-9]{1,2}\s*(?:minutes?|mins?|min))?\s+ago
        | (?:hace|il\ y\ a|vor|há)\s+[0-9]{1,3}\s+(?-i:\p{L}+)
        | [0-9]{1,3}\s+(?:jam|menit|hari|detik|minggu|bulan)\s+(?:yang\s+)?lalu
        | [0-9]{1,3}\s+(?:час[а-яё]*|минут[а-яё]*|дн[а-яё]*|секунд[а-яё]*)\s+назад
        | [0-9]{1,3}\s+(?:saat|dakika|gün|hafta|ay)\s+önce
        )$")
});

/// A caption credit at the end of a line: `(Photo: VNA)`, `(Foto: Mincul)`, `(Xinhua/ Chogo)`,
/// `(AFP Photo / Jane Doe)`, `(Xinhua Photo) Photo Gallery`, a picture desk's pool chain
/// (`(AFP PHOTO/KCNA VIA KNS/AFP/Getty Images)`), `(Photo by Jane Doe/Getty Images)`, `(Photo by:
/// Name/PR)`, a member paper's picture that AP moved (`(Jane Doe/The Daily News via AP)`), an
/// agency's or a pool's picture that AP or Reuters moved (`(Kyodo News via AP)`, `(Pool via
/// REUTERS)`: a capitalised name of up to six words), and the
/// all-capitals `(PHOTOGRAPHER NAME/OUTLET)` of US papers' captions (`(JANE DOE/THE DAILY NEWS)`:
/// a name of two to four words, a slash, an outlet, all in capitals, after a sentence's end: a
/// `(SOUTH KOREA/JAPAN)` inside a sentence is not a credit), and a caption's note on its picture
/// (`(file photo)`, `(Image from Internet)`, `(representational image)`). Read through
/// [`paren_credit`].
static PAREN_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        \(\s*(?:
            (?i:photos?|fotos?|фото|ảnh|image|picture|pics?|photo\ credit|credit|file\ photo|source\ photo)(?:\s+(?i:by|courtesy\ of))?\s*:\s*[^()\n]{1,60}
          | (?i:photos?|fotos?)\s+(?i:by|courtesy\ of)\s+\p{Lu}[^()/\n]{1,40}/[^()\n]{1,40}
          | (?i:file\ (?:photo|picture|image|pic)|(?:image|photo|picture)\ from\ (?:the\ )?internet|represent(?:ational|ative)\ (?:image|photo|picture)|(?:archive|illustration)\ (?:photo|picture|image)|photo\ illustration)
          | [^()/\n]{1,50}/[^()\n]{1,60}\s+via\s+(?:AP|Reuters|AFP|Getty\ Images)
          | \p{Lu}[\p{L}.'’&-]*(?:,?\ [\p{L}.'’&-]+){0,5}\s+via\s+(?:AP|Reuters|REUTERS|AFP|Getty\ Images)
          | (?:AFP|AP|Reuters|REUTERS|Xinhua|XINHUA|EPA|EPA-EFE|VNA|ANTARA|Antara|Bernama|BERNAMA|Anadolu|AA|TASS|Sputnik|IRNA|WAFA|Getty\ Images|ANSA|dpa|DPA|Yonhap|Kyodo|SANA|WAM|PTI|ANI|IANS|UNI|Xinhua\ News\ Agency)
            (?:\s+(?i:photo|foto|pic|file)(?:\s*/\s*[^()/\n]{1,40}){0,3}|\s*/\s*[^()/\n]{1,40}(?:/[^()\n]{1,30})?)
          | (?P<caps>\p{Lu}[\p{Lu}'’.-]+(?:\ \p{Lu}[\p{Lu}'’.-]+){1,3}\ ?/\ ?\p{Lu}[\p{Lu}'’.&-]*(?:\ [\p{Lu}'’.&-]+){0,4})
        )\s*\)
        (?:\s*(?i:photo\ gallery))?\s*$")
});
/// `... the meeting. Photo: Nhat Bac`, `... Foto: Presidencia.`, `... России Фото: Ukr.Media`.
/// `... a prosperous year. Photo by Xu Ming / for China Daily`, `... six months - Photo by
/// Finance Ministry`.
pub(super) static TAIL_BY: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?:[.!?\x22”]|\s[-–—])\s+((?:Photo|Photos|Picture|Pictures|Foto|Fotos)\s+(?:by|oleh|von|por|par)\s+\p{Lu}[^.!?:;]{1,60})$")
});
/// `... the meeting. Photo: Nhat Bac`, and a generic source in lower case: `... Zelensky. Photo:
/// screenshot`, `Photo: supplied`, `Photo: social media`.
pub(super) static TAIL_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:^|[\s.!?\x22”»)])((?:Photo|PHOTO|Photos|Foto|FOTO|Fotos|Фото|ФОТО|Ảnh|Picture|Pic|Credit|CREDIT|Credits)\s*:\s*(?:[\p{Lu}\p{N}@][^\s:;!?]*(?:[ /][^\s:;!?]+){0,5}|(?:screenshots?|supplied|handout|file|archive|social\x20(?:media|networks)|open\x20sources|illustrative)(?:\x20[^\s:;!?]+){0,4}))\s*$",
    )
});
/// `... Avoid area. #traffic — County Sheriff (@CountySheriff) April 20, 2017`: the signature an
/// embedded post (a tweet) prints under its text, flattened onto the text's line: a dash, the
/// account's name, its handle in parentheses and the post's date.
pub(super) static POST_SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\s([—–-]\s?[^\s()][^()\n]{0,50}\s\(@[A-Za-z0-9_]{1,15}\)\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+[0-9]{1,2},\s+[0-9]{4})\s*$",
    )
});
/// `... in Kupang. © 2020 Merdeka.com/Anansias Petrus`: a copyright credit after a caption sentence.
pub(super) static TAIL_COPYRIGHT: LazyLock<Regex> =
    LazyLock::new(|| re(r"[.!?\x22”]\s*(©\s*(?:19|20)[0-9]{2}\s+[\p{Lu}\p{N}][^\s:;!?]*(?:[ /][^\s:;!?]+){0,5})\s*$"));
/// `— Bernama pic`, `- AFP photo`.
pub(super) static DASH_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"\s[—–-]\s*(\p{Lu}[\p{L}]+(?:\s\p{Lu}[\p{L}]+)?\s+(?:pic|pix|photo|foto|file\s+pic|file\s+photo))\.?\s*$"));
/// `... 14 Mei 2018. Tempo/Fakhri Hermansyah`: outlet/photographer after a caption sentence.
/// At most four words after the slash, checked in [`tail_credit`].
pub(super) static SLASH_CREDIT: LazyLock<Regex> =
    LazyLock::new(|| re(r"[.]\s+(\p{Lu}\p{Ll}+(?:\s\p{Lu}\p{Ll}+)?\s?/\s?\p{Lu}\p{Ll}[\p{L}.]*(?:\s\p{Lu}\p{Ll}[\p{L}.]*)*)\s*$"));

/// `... in Alamedin district. Source : Akipress`, `... subsidies.Source : https://www.gov.kz/...`:
/// a source credit or link glued after the story's last sentence.
pub(super) static TAIL_SOURCE: LazyLock<Regex> =
    LazyLock::new(|| re(r"[.!?\x22”)]\s*((?:Source|SOURCE|Sources)\s?:\s?(?:https?://\S+|\p{Lu}[^\s:;!?]*(?:\s[^\s:;!?]+){0,3}))\s*$"));

/// `... in Washington. EPA-EFE/MICHAEL REYNOLDS`, `... in Barcelona. EFE / Marta Pérez`, `...
/// killing its occupant. THE CANADIAN PRESS/Jane Doe`: a wire photo agency (or two joined by a
/// hyphen) and the photographer after a caption sentence. The
/// agency must be a known one, so `... U.S. SUPPLY/DEMAND TABLES` is left alone.
pub(super) static AGENCY_SLASH_CREDIT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?x)
        [.!?\x22”)]\s+
        ((?:AFP|AP|EPA|EFE|REUTERS|XINHUA|VNA|VNS|ANTARA|BERNAMA|ANSA|DPA|YONHAP|KYODO|SANA|WAM|PTI|ANI|IANS|TASS|SPUTNIK|IRNA|WAFA|KCNA|UPI|(?:THE\ )?CANADIAN\ PRESS)
         (?:-(?:AFP|AP|EPA|EFE|REUTERS|XINHUA|YONHAP|ANSA|DPA|KCNA))?
         \s?/\s?\p{Lu}[\p{L}.'-]*(?:\s\p{Lu}[\p{L}.'-]*){0,4})
        \s*$")
});

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
/// The labels of a page counter that stands beside other page furniture on its line (`Read:
/// 2012`), before or after it. Shared with the oracle.
pub(super) const COUNTER_LABELS: &str = "Read|Reads|Views|Hits|Dilihat|Dibaca|Просмотров|Visto|Lecturas|Aufrufe";
/// `05 May 2019    Read: 2012`: a counter after other page furniture.
static TAIL_COUNTER: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"(?:\s{{2,}}|\|\s*)((?:{COUNTER_LABELS})\s*:\s*[0-9][0-9.,]*)\s*$")));
/// `leaflets at the border.jpg`, `20230409110452-6432dfcbf0b521c5jpeg` (a CMS's upload name whose
/// dot was lost), `gettyimages 842003638 ...` (a picture library's file name before its alt
/// text): an image's file name left where the image stood.
pub(super) static IMAGE_FILE: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:(?i:gettyimages)[ _-]?[0-9]{6,}\b.*|.*(?:\.(?i:jpe?g|png|webp|gif)|[0-9a-f]{8,}(?i:jpe?g|png|webp)))$"));
/// `IMG 20220224 WA0005`: a camera or phone file name left as a caption.
static FILE_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:IMG|DSC|DSCN|DSCF|PXL|VID|Screenshot)[-_ ]?[0-9]{4}[-_ ]?[0-9]{2,}[\w -]*(?:\.(?i:jpe?g|png|webp))?$"));
/// `[Gambas:Video CNN]`, `[Video: ...]`: an embed placeholder.
static EMBED: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\[\s*(?i:gambas|video|embed|image|foto|photo|audio|tweet|instagram|youtube|iframe|caption)\s*:[^\]]{0,80}\]$"));
/// `[embedpost slug="pm-thanks-qatar"]`, `[responsivevoice_button voice="UK English Female"]`: a
/// WordPress shortcode with attributes, alone on its line, that the page printed instead of running
/// (an embed on a Pakistani page, a text-to-speech button on an Indian one): a lower-case name and
/// one or more `name=` attributes with a quoted value, in straight or curly quotes.
static SHORTCODE: LazyLock<Regex> = LazyLock::new(|| re(r#"^\[[a-z][a-z0-9_-]{1,39} (?:\s*[a-z_-]+=["'“”][^"'“”]*["'“”])+\s*\]$"#));
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
/// `Thursday, December 29, 2016` alone on a line inside the story: a blog or archive date header.
/// An optional label before ` / ` (group 1) is 2 to 40 characters, checked in [`date_line`].
pub(super) static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:([\p{L} ]+)\s+/\s+)?(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?(?:(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+[0-9]{1,2},?|[0-9]{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December),?)\s+[0-9]{4}$",
    )
});
/// A full date as pages print it (English month names, ISO or day-first digits), with an
/// optional time: `Nov 23, 2021`, `14 May 2019`, `2024-05-21 06:34`, `14.05.2025`.
const FULL_DATE: &str = r"(?:(?:Mon|Tues?|Wed|Thu|Thur|Thurs|Fri|Sat|Sun)[a-z]*\.?,?\s+)?(?:(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+[0-9]{1,2},?\s+[0-9]{4}|[0-9]{1,2}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?,?\s+[0-9]{4}|[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{1,2}[./-][0-9]{1,2}[./-][0-9]{4})(?:,?\s+(?:at\s+)?[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC))?)?";
/// A page's date field under another label: `Day: June 22, 2021`, `Published on: 5 May 2019`.
pub(super) static LABELLED_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?i:day|date|view date|release date|published|published on|posted|posted on|updated|last updated|last modified|created|fecha|fecha de publicación|tanggal|datum|дата|tarih|data)\s*:\s*{FULL_DATE}\.?$"
    ))
});
/// A date glued to the word before it, as a flattened page header leaves it:
/// `world2024-05-21 06:34:52`, `CNA14-05-2025`, `01:29 GMT29 September 2020`.
pub(super) static GLUED_STAMP: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"\p{L}(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{2}-[0-9]{2}-[0-9]{4}|[0-9]{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+[0-9]{4})",
    )
});
/// The time zones a page's time stamp ends in (`15:02 GMT`, `20:49 KST`, `07:00 WIB`), as
/// alternatives for a regex and split on `|` by [`clock_suffix`].
pub(super) const STAMP_ZONES: &str = "GMT|UTC|KST|JST|IST|WIB|WITA|ICT|PKT|MSK|CET|CEST|EET|EEST|EST|EDT|PST|PDT|AEST|AEDT|HKT|SGT|BST";
/// A time stamp alone on a line after the story, as a teaser list or a feed prints it: a full
/// date with a time (`09/27/2017 - 06:14`, `Tue, 20 Feb 2018 15:02:09 +0600`), a year-first one
/// with its zone (`2024/08/05 20:49 KST`) or with a view count (`Nov 21, 2025 79`).
pub(super) static STAMP_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?:{FULL_DATE}|[0-9]{{4}}/[0-9]{{1,2}}/[0-9]{{1,2}}\s+[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)(?:\s*[-–|]\s*[0-9]{{1,2}}:[0-9]{{2}}(?::[0-9]{{2}})?)?(?:\s*[+-][0-9]{{4}})?(?:\s+(?:{STAMP_ZONES}))?(?:\s+[0-9][0-9,.]*)?$"
    ))
});
pub(super) static DATE_SEGMENT: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{FULL_DATE}$")));
/// The date (and time) a line opens with.
static DATE_SEGMENT_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^{FULL_DATE}")));
/// A bare site name alone on a line: `ukr.media`, `example.co.uk`.
static DOMAIN_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^[a-z0-9-]{2,}(?:\.[a-z0-9-]+)*\.(?:com|net|org|info|media|news|ua|ru|id|co|uk|tv|in|ir|cn|vn|tr|it|es|fr|de|az|kz|my|ph|pk)\.?$")
});
pub(super) static TIME_SEGMENT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:at\s+)?[0-9]{1,2}[:.][0-9]{2}(?::[0-9]{2})?(?:\s*(?:[AaPp]\.?[Mm]\.?|GMT|UTC|WIB|ICT|IST|CET|EST|ET))?(?:\s*[+-]\s*[0-9]{1,2})?$",
    )
});
/// A page's meta line: segments joined by `|`, ` / ` or `;`, one a full date and the others
/// short labels (`Middle East Monitor / August 14, 2023`, `por | Nov 23, 2021 | Política`).
/// A date and a time alone (`Monday, March 12, 2007; 2:20 AM`) is the page's own date line
/// when it stands under the headline, as [`DATE_LINE`] is.
fn segmented_date(t: &str, nwords: usize, pos: Position) -> bool {
    if memchr::memchr3(b'|', b'/', b';', t.as_bytes()).is_none() || nwords > 12 {
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

/// Agency end marks alone on a line: `(*)`, `(END)`, `-30-`, `###`, `-END-`, VNA's `./.`.
pub(super) static END_MARK: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?:\(\s*\*\s*\)|\(\s*(?i:ends?)\s*\)|[-–—]\s*(?:30|0)\s*[-–—]|#{3}|[-–—]{1,2}\s*(?i:ends?)\s*[-–—]{1,2}|\./\.)$")
});

/// The labels of a read or view counter, as a regex alternation (lower case, matched ignoring case).
const READ_COUNTER_WORDS: &str =
    "read|reads|views?|hits|visits|seen|dilihat|dibaca|просмотр[а-яё]*|прочитан[а-яё]*|visto|visitas|lecturas|vues|aufrufe|okunma";
/// `Read: 2012`, `Views: 1,204`, `Dilihat: 87`, `Комментариев 1`.
static COUNTER_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(?i:{READ_COUNTER_WORDS}|comments?|комментари[а-яё]*|kommentare?|commentaires?|comentarios?|komentar|yorum(?:lar)?)\s*:?\s*[0-9][0-9.,\s]*$"
    ))
});
/// `Read: 452 Views`, `Dibaca: 87 kali`: a counter's label, its figure and its unit.
static COUNTER_LABEL_UNIT: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"^(?i:{READ_COUNTER_WORDS})\s*:?\s*[0-9][0-9.,]*\s+(?i:views?|times|reads|hits|kali|раза?|veces|fois|mal|kez)$"))
});
/// `This news has been read 109 times`, `This article was viewed 1,204 times`, `Read 312 times`: a
/// read counter written as a sentence (Joomla's and many government CMSs' templates).
pub(super) static READ_TIMES: LazyLock<Regex> = LazyLock::new(|| re(&format!(r"^(?i:(?:{COUNTER_SUBJECT})?{COUNTER_TIMES})[.!]?$")));
/// The subject of a read counter written as a sentence ([`READ_TIMES`], [`GLUED_COUNTER`]).
const COUNTER_SUBJECT: &str = r"this\s+(?:news|article|story|post|page|item|report|release)\s+(?:has\s+been|was|is)\s+";
/// A read counter's verb, figure and `times`.
const COUNTER_TIMES: &str = r"(?:read|viewed|seen|visited|opened)\s+[0-9][0-9.,]*\s+times";
/// `0 comment 10 views`, `1 Persons`, `12 shares`, `4392 visitors online`, `2,309 Viewed`, `(0 votes)`,
/// `624 timeviewed`.
pub(super) static COUNTER_UNITS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^\(?[0-9][0-9.,]*\s*(?i:(?:visitors?|users?|guests?|readers?)\s+online|comments?|views?|viewed|times?\s*viewed|shares?|likes?|persons|reads|replies|votes|reactions?|komentar|dilihat|comentarios?|commentaires?|kommentare?|коммент[а-яё]*|просмотр[а-яё]*|yorum)(?:\s+[0-9][0-9.,]*\s*(?i:comments?|views?|shares?|likes?|reads|reactions?))*\)?$",
    )
});
/// `Read: 314     13:45     12 July 2018`: a counter opening a line of time and date stamps.
pub(super) static HEAD_COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(r"^(?:{COUNTER_LABELS})\s*:\s*[0-9][0-9.,]*(?:\s{{2,}}|\s*\|\s*)[0-9][0-9:./\-]*(?:\s+[0-9\p{{L}}:./\-,]+){{0,5}}$"))
});
/// `Wordpress (0)`, `Comments (3)`.
pub(super) static COUNTER_PAREN: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?i:comments?|wordpress|disqus|facebook|komentar|comentarios|commentaires|kommentare|комментарии|yorumlar)\s*\(\s*[0-9]+\s*\)$")
});
/// `Image 1 of 4`, `Foto 2 dari 5`.
pub(super) static GALLERY_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    re(r"^(?i:image|photo|picture|slide|foto|gambar|фото|imagen|bild)\s+[0-9]{1,3}\s*(?i:of|/|de|dari|из|von|sur|di)\s*[0-9]{1,3}$")
});
/// `This was published 4 years ago`, `This article is more than 5 years old`: a page's notice
/// that the story is old.
pub(super) static ARCHIVE_AGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^This\s+(?:(?:article|story|content|page)\s+)?(?:was\s+(?:first\s+)?published\s+(?:more\s+than\s+|over\s+)?[0-9]+\s+(?:years?|months?|weeks?|days?)\s+ago|is\s+(?:more\s+than|over)\s+[0-9]+\s+(?:years?|months?)\s+old)\.?$",
    )
});

/// `... in February. READ MORE`, `... said Thursday… Read More`: a teaser's link label glued to
/// the end of its text, after the sentence's last mark (`to read more.` inside a sentence is prose);
/// or, capitalised, after the word where an excerpt was cut (`... called for a new Continue
/// reading`, WordPress's excerpt link).
pub(super) static TEASER_MORE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:(?:[.!?…\x22”\]]|\.\.\.)\s*((?i:read\s+more|continue\s+reading|read\s+(?:the\s+)?full\s+(?:story|article))(?:\s*[»›>→])?)|[a-z,]\s+((?:Continue reading|Read [Mm]ore)(?:\s*[»›>→])?))\s*$",
    )
});

/// `2 Mins Read`, `- 1 min read`: a reading-time widget, alone or at the end of a header line.
static READ_TIME: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[\s\-–—|·•])([0-9]{1,3}(?:\s*|-)(?i:mins?|minutes?)\.?\s+(?i:read))\s*$"));
/// `Reading Time: 3 minutes`, `Estimated reading time: < 1 minute`, Greek `🕛 χρόνος
/// ανάγνωσης: 1 λεπτό ┋`: a reading-time widget with its label first (a blog plugin's, a
/// Greek site's header), alone on its line with an icon or a bar beside it.
pub(super) static READ_TIME_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:[^\p{L}\p{N}\s]{1,2}\s*)?(?i:(?:estimated\s+)?reading\s+time|χρόνος\s+ανάγνωσης)\s*:?\s*(?:<\s*|~\s*|(?i:about|less\s+than)\s+)?[0-9]{1,3}(?:\s*[-–]\s*[0-9]{1,3})?\s*(?i:mins?|minutes?|λεπτ[όά])\.?(?:\s*[^\p{L}\p{N}\s]{1,2})?$",
    )
});
/// `30.4 C`, `Minsk Overcast sky +17°C`, `Yerevan 10 ℃`: a weather widget from the page header.
static WEATHER: LazyLock<Regex> =
    LazyLock::new(|| re(r"^(?:\p{Lu}[\p{L}\x20]{0,40}\x20)?[+-]?[0-9]{1,2}(?:[.,][0-9])?\x20?(?:°\x20?[CF]|C|℃|℉)$"));
/// `13°C`, `64°F`, `-2 ℃`: a temperature alone on its line, a weather widget's reading or a
/// forecast row's (a degree sign is required: a bare `30 C` is too short to tell).
static BARE_TEMPERATURE: LazyLock<Regex> = LazyLock::new(|| re(r"^[+-]?[0-9]{1,3}(?:[.,][0-9])?\x20?(?:°\x20?[CF]?|℃|℉)$"));
/// `62 F`, `71.6 F`, `22 C`: a temperature with its scale's letter and no degree sign, alone on
/// its line above the story's prose (a US and a Jordanian site's header widget): there, and with
/// the space, nothing else reads so.
pub(super) static LETTER_TEMPERATURE: LazyLock<Regex> = LazyLock::new(|| re(r"^[+-]?[0-9]{1,3}(?:[.,][0-9])?\x20[CF]$"));
/// `High: 10°C | Low: 6°C`, `Max 31° / Min 24°`: a forecast widget's row (a sidebar of towns).
static WEATHER_RANGE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?i:high|max|hi)\.?\x20?:?\x20?[+-]?[0-9]{1,3}\x20?(?:°\x20?[CF]?|℃|℉)\x20?[|/,·•–-]?\x20?(?i:low|min|lo)\.?\x20?:?\x20?[+-]?[0-9]{1,3}\x20?(?:°\x20?[CF]?|℃|℉)$",
    )
});
/// `... the end. (WDY)`, `(Dan)`: an editor's initials after the last sentence ([`end_initials`]).
static END_INITIALS: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?:^\s*|[.!?\x22”]\s*)(\(\p{Lu}(?:\p{Lu}{1,2}|\p{Ll}{2}|\p{Ll}\p{Lu})\))\s*$"));
/// `... the end. (ILKHA)`, `(AA)`: a name in parentheses after the story's last sentence, an
/// agency's credit when the name is one of the lexicon's (`credit`): a code in parentheses (`(XYKM
/// 1559)`, `(WHCB)`) is a wire routing code.
pub(super) static END_AGENCY: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[.!?\x22”]\s*)(\(\s*(\p{L}+)\s*\))\s*$"));
/// `... close communication. END`, `... in Kuwait. (end) mzh.mt`, `END` alone: an agency's end
/// mark after the story's last sentence (Xinhua, Jiji, KUNA with its editors' initials).
static END_TAIL: LazyLock<Regex> = LazyLock::new(|| re(r"[.!?\x22”’]\s+(END|\((?:END|end)\)(?:\s+[a-z]{2,4}(?:\.[a-z]{2,4})?)?)\s*$"));
/// What [`end_mark`] finds.
pub(super) const END_WHAT: &str = "is an agency end mark left at the end of the story";

/// An agency's end mark in one of a story's last lines ([`end_mark`]).
pub(super) enum EndMark {
    /// `END` alone on its line.
    Line,
    /// A mark glued after the last sentence ([`END_TAIL`]): its range in the line.
    Glued(Range<usize>),
}

/// The agency end mark of a (right-trimmed) line near the story's end; the line's last byte is
/// tested before the regex runs. Shared with the shape oracle.
pub(super) fn end_mark(t: &str) -> Option<EndMark> {
    if t.trim_start() == "END" {
        return Some(EndMark::Line);
    }
    if t.ends_with(['D', ')']) || t.ends_with(|c: char| c.is_ascii_lowercase()) && t.contains("(end)") {
        return END_TAIL.captures(t).and_then(|c| c.get(1)).map(|m| EndMark::Glued(m.range()));
    }
    None
}

/// `... the end. - Bernama`, `-- BERNAMA` alone, `... daily life. --AKP`: a dash and a name after
/// the story's last sentence, a national agency's sign-off when the name is one of the lexicon's
/// (`signoff`). The three world agencies (`- Reuter` in 1987 copy) are not listed: their native
/// copy carries the sign-off as house style.
pub(super) static SIGN_OFF: LazyLock<Regex> = LazyLock::new(|| re(r"(?:^|[.!?\x22”’]\s*)((?:-{1,2}|–|—)\s?(\p{L}+))\s*$"));
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
/// `To see the statement, please click on`: a link instruction whose link was stripped.
pub(super) static DANGLING_LINK: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\b(?:please\s+)?click\s+(?:on|here)\s*[.:]?$"));
/// A widget or section title alone on its line: `Most Visited in World`, `Top World stories`,
/// `Latest in National`, `More from Business`,
/// `– World news –` (the lexicon holds the fixed ones, `Top stories`, `Most read`).
static WIDGET_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^[\s\-–—•|]*(?:most\s+(?:visited|read|viewed|popular|shared|watched|commented|e-?mailed)(?:\s+(?:in|from|on)\s+(?-i:\p{L}+(?:\s+\p{L}+)?))?|(?:top|latest|trending|popular|more|other|recommended)\s+(?-i:\p{L}+\s+)?(?:stories|news|articles|headlines|videos|reads)|(?:latest|more)\s+(?:in|from)\s+(?-i:[A-Z][a-z]+(?:\s+[A-Za-z]+)?)|(?:world|local|national|international|regional|business|political|sports?|economy|breaking)\s+news)[\s\-–—•|:]*$",
    )
});
pub(super) static URL_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^(?:https?://|www\.)[^\s]+$"));
static EMAIL_LINE: LazyLock<Regex> = LazyLock::new(|| re(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$"));
/// A reporter's contact details: a phone number, an e-mail or messaging address, with a name
/// or a handle (`Jane Roe: 555-441-0100, @janeroe`, `Reuters messaging rm://jane.roe@...`).
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?:\b[0-9]{3}[-.][0-9]{3}[-.][0-9]{4}\b|\+[0-9]{1,3}[ -][0-9]{2,4}[ -][0-9]{3,4}[ -]?[0-9]{2,4}\b|\brm://\S+|\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+)",
    )
});
/// `Copyright 2023, dpa ...`, `© 2024 Example`, `@2024 - All Right Reserved`, `(c) 2019 ...`.
pub(super) static COPYRIGHT_START: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\(?\s*(?:(?i:copyright)\s*(?:©|\(c\)|[0-9]{4})|©\s*\S|\(c\)\s*(?:19|20)[0-9]{2}|@\s?(?:19|20)[0-9]{2}\b)"));
/// `All rights reserved` and its translations, at the end of a line or after a copyright word.
pub(super) static RIGHTS: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)(?:all\s+rights?\s+reserved|alle\s+rechte\s+vorbehalten|todos\s+los\s+derechos\s+reservados|tous\s+droits\s+réservés|все\s+права\s+защищены|hak\s+cipta\s+dilindungi(?:\s+undang-undang)?|tüm\s+hakları\s+saklıdır|todos\s+os\s+direitos\s+reservados|tutti\s+i\s+diritti\s+riservati|版权所有|جميع\s+الحقوق\s+محفوظة)",
    )
});
static COPYRIGHT_WORD: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)(?:copyright\b|©|\(c\)\s*(?:19|20)[0-9]{2})"));

/// Words of a line, split on spaces and the separators of menus and share rows.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·' | '/' | ',' | '‧' | '｜'))
        .map(|t| t.trim_matches(|c: char| matches!(c, '-' | '–' | '—' | ':' | '(' | ')' | '[' | ']' | '*')))
        .filter(|t| !t.is_empty())
}

/// `line.split_whitespace().count()`.
fn words(line: &str) -> usize {
    words_upto(line, usize::MAX)
}

/// `line.split_whitespace().take(cap).count()`, in one pass over the bytes that stops at the
/// `cap`-th word (#16: a line's first dozen words tell prose from furniture, and this runs on
/// every line). Eight ASCII bytes are read at a time. A char outside ASCII is part of a word,
/// unless it is white space (U+0085, U+00A0, U+1680, U+2000-U+200A, U+2028, U+2029, U+202F,
/// U+205F, U+3000: their first bytes are `C2`, `E1`, `E2`, `E3`, and only chars opening with
/// those are decoded).
pub(super) fn words_upto(line: &str, cap: usize) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    if cap == 0 {
        return 0;
    }
    let bytes = line.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < bytes.len() {
        if let Some(chunk) = bytes[i..].first_chunk::<8>() {
            let x = u64::from_le_bytes(*chunk);
            if x & HIGH == 0 {
                // the high bit of each space byte (`\t`, `\n`, the vertical tab, `\x0c`, `\r`, ` `)
                let space = ascii_in(x, 0x09, 0x0d) | ascii_in(x, b' ', b' ');
                let word = !space & HIGH;
                // a word starts at a byte that is no space after one that is (the byte before the
                // chunk is the last one read)
                let after_space = space << 8 | if in_word { 0 } else { 0x80 };
                n += (word & after_space).count_ones() as usize;
                if n >= cap {
                    return cap;
                }
                in_word = word >> 63 != 0;
                i += 8;
                continue;
            }
        }
        // a char at a time up to the end of these eight bytes (a char outside ASCII is among them)
        let stop = (i + 8).min(bytes.len());
        while i < stop {
            let (space, len) = space_at(line, i);
            if !space && !in_word {
                n += 1;
                if n == cap {
                    return n;
                }
            }
            in_word = !space;
            i += len;
        }
    }
    n
}

/// Is the char at `i` (a char boundary, or a byte inside a char outside ASCII) white space, and
/// how many bytes to step over? A byte inside a char, or a char that opens with none of `C2`,
/// `E1`, `E2`, `E3`, is no space.
fn space_at(line: &str, i: usize) -> (bool, usize) {
    let b = line.as_bytes()[i];
    if b < 0x80 {
        (b.is_ascii_whitespace() || b == 0x0b, 1)
    } else if matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3) {
        // a lead byte: a char starts here
        let c = line[i..].chars().next().unwrap_or(' ');
        (c.is_whitespace(), c.len_utf8())
    } else {
        (false, 1)
    }
}

/// The high bit of each byte of an ASCII word that lies in `lo..=hi` (no byte carries into the
/// next: each is below 0x80).
#[inline]
fn ascii_in(x: u64, lo: u8, hi: u8) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    x.wrapping_add(ONES * u64::from(0x80 - lo)) & !x.wrapping_add(ONES * u64::from(0x7f - hi)) & 0x8080_8080_8080_8080
}

/// Ends like a sentence (or holds one inside).
fn has_sentence_punctuation(line: &str) -> bool {
    let t = line.trim_end();
    t.ends_with(['.', '!', '?', '。', '！', '？']) && !t.ends_with("...") && !t.ends_with('…') || t.contains(". ")
}

/// Classifies a line by its shape. Called for lines no marker of the lexicon matched.
pub(super) fn classify(line: &str, pos: Position, vocab: &Vocab) -> Vec<Hit> {
    let mut hits = Vec::new();
    if let Some(date) = glued_field(line) {
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
/// end. (ILKHA)`) or a national agency's dash sign-off ([`SIGN_OFF`]: `... the end. - Bernama`, or
/// `-- BERNAMA` alone on its line). Wherever it stands: a scraped page puts furniture or the
/// next post after the story, so its last sentence is not the page's last line (`... daily life.
/// --AKP` over a byline and another story), and no prose paragraph ends in one. Alone on a line
/// above the story's prose it is the page header's credit, and left alone.
fn end_agency(line: &str, pos: Position, vocab: &Vocab) -> Option<Hit> {
    let t = line.trim_end();
    // alone on a line above the story's prose, an agency's name is the page header's credit
    // (`(Xinhua)` under the headline), which is no sign-off
    let header_line = |m: &regex::Match<'_>| !pos.after_prose && m.start() == line.len() - line.trim_start().len();
    match end_mark(t) {
        Some(EndMark::Line) => return Some(Hit::line(line, Confidence::Medium, END_WHAT)),
        Some(EndMark::Glued(range)) => return Some(Hit::part(range, Confidence::Medium, END_WHAT)),
        None => {}
    }
    // every sign-off ends the line in an agency's name after its last dash (tested before the
    // regex is compiled or run)
    let signed = last_dash(t).is_some_and(|i| vocab.signoff(t[i..].trim_start_matches(['-', '–', '—']).trim_start()));
    if signed && let Some(m) = SIGN_OFF.captures(t).and_then(|c| c.get(1)).filter(|m| !header_line(m)) {
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
    if let Some(c) = END_AGENCY.captures(t)
        && c.get(2).is_some_and(|name| vocab.credit(name.as_str()))
        && let Some(m) = c.get(1).filter(|m| !header_line(m))
    {
        return Some(Hit::part(m.range(), Confidence::Medium, AGENCY_CREDIT_WHAT));
    }
    end_initials(t, pos.after_prose).map(|r| Hit::part(r, Confidence::Medium, INITIALS_WHAT))
}

/// What [`END_AGENCY`] finds (shared with the shape oracle).
pub(super) const AGENCY_CREDIT_WHAT: &str = "is an agency credit left at the end of the story";

/// `... the end. (WDY)`, `(Dan)`, `(MüH)`: an editor's or reporter's initials in parentheses
/// after the story's last sentence, as Indonesian, Italian and German agency copy signs off
/// (seen on Antara, Italian and German pages). Two or three letters from a capital: a four-letter
/// code (`(WHCB)`) is a 1987 wire's routing code, and left alone. Alone on its line only after
/// the story's prose. The range of the initials; shared with the shape oracle.
pub(super) fn end_initials(t: &str, after_prose: bool) -> Option<Range<usize>> {
    let m = END_INITIALS.captures(t)?.get(1)?;
    let alone = m.start() == t.len() - t.trim_start().len();
    (!alone || after_prose).then(|| m.range())
}

/// What [`end_initials`] finds.
pub(super) const INITIALS_WHAT: &str =
    "is a sign-off in parentheses (an editor's initials or an agency's short name) left at the end of the story";

/// `t.rfind(['-', '–', '—'])`, by a byte scan for `-` and the last bytes of `–` and `—` (E2 80
/// 93, E2 80 94): a char scan from the end reads a whole line without a dash (#16).
fn last_dash(t: &str) -> Option<usize> {
    let b = t.as_bytes();
    memchr::memrchr3_iter(b'-', 0x93, 0x94, b).find_map(|i| match b[i] {
        b'-' => Some(i),
        _ => (i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80).then(|| i - 2),
    })
}

/// `date 2019-05-05 ` or `This news has been read 55 times!` glued before the text.
fn glued_field(line: &str) -> Option<Hit> {
    glued_field_and_text(line).map(|(hit, _)| hit)
}

/// A CMS field glued before the text ([`GLUED_DATE`], [`GLUED_COUNTER`]) and where the text
/// after it (and after its separator, ` -`) starts: the line's end when the field stands alone.
fn glued_field_and_text(line: &str) -> Option<(Hit, usize)> {
    let line_len = line.len();
    let t = line.trim_start();
    // a glued field may open a long paragraph
    let (m, what) = if t.starts_with("date ")
        && let Some(m) = GLUED_DATE.find(t)
    {
        (m, "is a CMS date field glued to the text")
    } else if t.get(..5).is_some_and(|w| w.eq_ignore_ascii_case("this "))
        && let Some(m) = GLUED_COUNTER.find(t)
        // (alone on its line, it is the line shape `READ_TIMES`)
        && !line[line_len - t.len() + m.end()..].trim().is_empty()
    {
        (m, "is a page's view counter glued to the text")
    } else {
        return None;
    };
    let lead = line_len - t.len();
    let mut end = lead + m.end();
    // the separator that follows (` -`)
    let rest = &line[end..];
    let sep = rest.len() - rest.trim_start_matches([' ', '-', '–', '—', '|']).len();
    end += sep;
    let whole = end >= line_len;
    let hit = Hit { range: lead..lead + m.end(), confidence: Confidence::High, what, whole_line: whole };
    Some((hit, end))
}

/// A headline with the date its page printed after it, as a list of other stories shows it:
/// `Tips for new runners - November 6, 2020`, `Talks resume in DohaGMT 16:26 2018 Saturday ,20
/// October` (a stamp glued to the headline). Group 1 is the headline, group 2 the stamp.
static DATED_TEASER: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^(.*?)[\s\-–—|•·]*({FULL_DATE}|(?:GMT|UTC)\s*[0-9]{{1,2}}:[0-9]{{2}}\s+[0-9]{{4}}\s+(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\s*,\s*[0-9]{{1,2}}\s+(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\s*$"
    ))
});

/// Does the line end in a printed date after a headline (or hold the date alone)? `Some(true)`
/// when a headline stands before the date: 2 to 20 words opening with a capital, a figure or a
/// quotation mark and not ending a sentence; `Some(false)` for the date alone; `None` for any
/// other line, a sentence that ends in a date among them (`The law takes effect on May 1, 2026`
/// has no mark between the sentence and its date, and a lower-case word before it).
pub(super) fn dated_teaser(line: &str) -> Option<bool> {
    let t = line.trim();
    // every stamp ends in a figure or a month name's letter; the regex runs only on short lines
    // that end so (#16)
    if t.len() > MAX_TEASER_LINE || !stamp_ending(t) {
        return None;
    }
    let c = DATED_TEASER.captures(t)?;
    let (head, stamp) = (c.get(1)?.as_str(), c.get(2)?);
    if head.is_empty() {
        return Some(false);
    }
    // the mark between the headline and the stamp: a dash or bar, or none at all (glued, the
    // stamp opening with a capital right after a letter)
    let between = &t[head.len()..stamp.start()];
    let glued = between.is_empty()
        && head.ends_with(|c: char| c.is_lowercase() || matches!(c, '"' | '”' | ')'))
        && stamp.as_str().starts_with(char::is_uppercase);
    let marked = between.contains(['-', '–', '—', '|', '•', '·']);
    let head = head.trim_end();
    let opens = head.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“' | '‘' | '\''));
    let sentence_end = head.ends_with(['.', ';', ':', ',']);
    // a headline is words, not a results row (`Hull 2 Leeds 1 - May 4, 2024`)
    let all = head.split_whitespace().count();
    let lettered = head.split_whitespace().filter(|w| w.trim_start_matches(['"', '“', '‘', '\'']).starts_with(char::is_alphabetic)).count();
    ((glued || marked) && opens && !sentence_end && (2..=20).contains(&all) && lettered * 4 >= all * 3).then_some(true)
}

/// Does the line end as a printed date does: in a year, a clock time or a month's name? (A
/// cheap test on the last word, so the regex runs for few lines: #16.)
fn stamp_ending(t: &str) -> bool {
    let last = t.rsplit([' ', ',']).next().unwrap_or("");
    let b = last.as_bytes();
    let year = b.len() == 4 && b.iter().all(u8::is_ascii_digit);
    let clock = b.len() >= 4 && b.contains(&b':') && b.iter().all(|&c| c.is_ascii_digit() || c == b':');
    let month = b.len() >= 3
        && b.iter().all(u8::is_ascii_alphabetic)
        && crate::text::MONTH_ABBREVIATIONS.iter().any(|m| b[..3].eq_ignore_ascii_case(m.as_bytes()));
    year || clock || month
}

/// A dated teaser line is a headline and a date: no longer than a headline line may be.
const MAX_TEASER_LINE: usize = 200;

/// A CMS field glued before the text ([`glued_field`]) with text after it: the field's hit and
/// where the text after it (and after its separator) starts.
pub(super) fn glued_field_before_text(line: &str) -> Option<(Hit, usize)> {
    glued_field_and_text(line).filter(|(hit, _)| !hit.whole_line)
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
        agency_caption(line)
            .then(|| Hit::line(line, Confidence::Medium, CAPTION))
            .or_else(|| position_caption(line).then(|| Hit::line(line, Confidence::Medium, POSITION_CAPTION)))
    };
    match tail_marks(end, from).map(shift) {
        // a caption that ends in its credit (`PARIS - MAY 2: A man (R) walks ... (Photo by Jane
        // Doe/Getty Images)`) is a caption: the whole line goes, not the credit alone
        Some(h) if h.what == CREDIT_WHAT => caption().or(Some(h)),
        Some(h) => Some(h),
        None => caption().or_else(|| rights(line)),
    }
}

/// What a link label found by [`TEASER_MORE`] is.
pub(super) const TEASER_MORE_WHAT: &str = "is a teaser's link label left at the end of its text";

/// Does a trimmed line end as a [`TEASER_MORE`] label can (`more`, `reading`, `story`,
/// `article`, or an arrow after one)? Most lines do not: the regex runs only for those that do.
fn teaser_more_tail(t: &str) -> bool {
    let t = t.trim_end_matches(['»', '›', '>', '→', ' ']).as_bytes();
    [&b"more"[..], b"reading", b"story", b"article"]
        .iter()
        .any(|end| t.len() >= end.len() && t[t.len() - end.len()..].eq_ignore_ascii_case(end))
}

/// What a caption line found by [`agency_caption`] is.
pub(super) const CAPTION: &str = "is a photo caption (one dated sentence with the agency's credit)";
/// What a caption line found by [`dated_caption`] is.
pub(super) const DATED_CAPTION: &str = "is a photo caption (one sentence in the present tense that ends in the picture's full date)";
/// What a caption line found by [`position_caption`] is.
pub(super) const POSITION_CAPTION: &str = "is a photo caption (it places a person in the picture: `(right)`, `(L)`, `(second left)`)";
/// What a tag found by [`media_tag`] is.
pub(super) const MEDIA_TAG: &str = "is the web page's tag for its photos or video";

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
    if paren && let Some(range) = media_tag(line) {
        return Some(Hit::part(range, Confidence::Medium, MEDIA_TAG));
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
    if t.len() >= 9
        && teaser_more_tail(t)
        && let Some(c) = TEASER_MORE.captures(line)
    {
        let label = c.get(1).or_else(|| c.get(2)).unwrap();
        return Some(Hit::part(label.range(), Confidence::Medium, TEASER_MORE_WHAT));
    }
    if t.len() >= 4
        && t.as_bytes()[t.len() - 4..].eq_ignore_ascii_case(b"read")
        && let Some(c) = READ_TIME.captures(line)
    {
        return Some(Hit::part(c.get(1).unwrap().range(), Confidence::Medium, "is a reading-time widget"));
    }
    if ends_in_figure(t)
        && line.contains(':')
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

/// Does the line end with a clock's meridiem or zone (`3:33 pm`, `10:40 AM`, `15:02 GMT`, `20:49 KST`)?
fn clock_suffix(t: &str) -> bool {
    let end = t.trim_end_matches('.').trim_end_matches(['m', 'M', '.']).trim_end_matches(['a', 'A', 'p', 'P']);
    let meridiem = end.len() < t.len() && end.trim_end().ends_with(|c: char| c.is_ascii_digit());
    // (every zone ends in a capital: a line that ends otherwise is not tried against them, #16)
    meridiem
        || t.as_bytes().last().is_some_and(u8::is_ascii_uppercase)
            && STAMP_ZONES.split('|').any(|z| t.strip_suffix(z).is_some_and(|r| r.trim_end().ends_with(|c: char| c.is_ascii_digit())))
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
    if empty_cells(line.trim()) {
        return Some(Hit::line(line, Confidence::Medium, "is a row of empty table cells or an empty tag list"));
    }
    if lone_mark(line.trim()) {
        return Some(Hit::line(line, Confidence::Medium, LONE_MARK_WHAT));
    }
    // (read from the line's first token alone, so before the line's words are counted: a
    // database query is a long line)
    if let Some(hit) = machine_token(line) {
        return Some(hit);
    }
    // the rest are whole-line shapes: short lines only
    // (the trimmed line has the line's words)
    // (counted up to 15: every test below reads at most 14, and prose stops there, #16)
    let nwords = if line.len() > 200 { usize::MAX } else { words_upto(line, 15) };
    if nwords > 14 {
        // a trail from `Home` glued to the linked headline after it is long (a headline: no
        // sentence punctuation, no comma; tested only when a trail was read)
        let t = line.trim();
        return breadcrumb(line, vocab).filter(|h| h.confidence == Confidence::High && !has_sentence_punctuation(t) && !t.contains(", "));
    }
    let t = line.trim();
    // most shapes below hold a figure (a date, a time, a count): a line without one skips them;
    // the others need a character to open with or to hold, tested before their regex runs
    let figure = t.bytes().any(|b| b.is_ascii_digit()) || !t.is_ascii() && t.chars().any(char::is_numeric);
    let first = t.chars().next().unwrap_or(' ');
    let slash = t.contains('/');
    // each test before a regex below is something every match of the regex has (the regex is
    // compiled and run only for lines that pass it)
    let last_digit = t.ends_with(|c: char| c.is_ascii_digit());
    if figure && last_digit && t.contains(':') && DATE_FIELD.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is a CMS date field"));
    }
    if figure && t.ends_with(char::is_alphabetic) && relative_time_tail(t) && relative_time(t) {
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
            || (t.trim_end_matches(['.', '!']).ends_with("times") && starts_with_any(t, "tTrRvVsSoO") && READ_TIMES.is_match(t))
            || (last_digit
                && starts_with_any(t, "iIİıpPsSſfFgGфФbB")
                && t.split_whitespace().nth(1).is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                && GALLERY_COUNT.is_match(t)))
    {
        return Some(Hit::line(line, Confidence::Medium, "is a page counter"));
    }
    if first == 'P' && published_in(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a template's section field"));
    }
    if nwords <= 3 && cms_byline(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a byline holding the site's account name, not a reporter's"));
    }
    if figure && times_counter(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page counter"));
    }
    if figure && pos.near_start && t.ends_with(['C', 'F', '℃', '℉']) && nwords <= 6 && WEATHER.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a weather widget from the page header"));
    }
    if figure && nwords <= 2 && !t.is_ascii() && BARE_TEMPERATURE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a weather widget's temperature"));
    }
    if figure && !pos.after_prose && nwords == 2 && t.ends_with(['C', 'F']) && LETTER_TEMPERATURE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a weather widget's temperature"));
    }
    // (every row holds a degree sign and opens with `h` or `m`)
    if figure && nwords <= 8 && starts_with_any(t, "hHmM") && (t.contains('°') || t.contains(['℃', '℉'])) && WEATHER_RANGE.is_match(t)
    {
        return Some(Hit::line(line, Confidence::Medium, "is a row of a weather forecast widget"));
    }
    if nwords <= 6 && t.len() > 5 && t.as_bytes()[..5].eq_ignore_ascii_case(b"logo ") && LOGO.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is an image's alt text"));
    }
    // (anchored: the regex fails on a line's first bytes, so it runs on every short line with a figure)
    if figure && READ_TIME_LABEL.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a reading-time widget"));
    }
    if figure && t.starts_with("This ") && ARCHIVE_AGE.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is the page's notice that the story is old"));
    }
    // (found by its rarer last letter)
    let click = memchr::memchr2_iter(b'k', b'K', t.as_bytes()).any(|i| i >= 4 && t.as_bytes()[i - 4..=i].eq_ignore_ascii_case(b"click"));
    if click && nwords <= 12 && DANGLING_LINK.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a link instruction whose link was lost"));
    }
    if figure && ["IMG", "DSC", "PXL", "VID", "Screenshot"].iter().any(|p| t.starts_with(p)) && FILE_NAME.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is an image file name left as a caption"));
    }
    // (every match ends in an image type or opens with `gettyimages`)
    if (t.len() >= 11 && t.as_bytes()[..11].eq_ignore_ascii_case(b"gettyimages")
        || [&b"jpg"[..], b"jpeg", b"png", b"webp", b"gif"]
            .iter()
            .any(|e| t.len() > e.len() && t.as_bytes()[t.len() - e.len()..].eq_ignore_ascii_case(e)))
        && IMAGE_FILE.is_match(t)
    {
        return Some(Hit::line(line, Confidence::Medium, "is an image file name left where the image stood"));
    }
    if first == '[' && EMBED.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is an embed placeholder"));
    }
    if first == '<' && HTML_TAG.is_match(t) {
        return Some(Hit::line(line, Confidence::High, "is an HTML tag left in the text"));
    }
    // (the marks are ASCII: a byte scan, not a char scan, #16)
    if (memchr::memchr3(b';', b'{', b'}', t.as_bytes()).is_some() || memchr::memchr(b'=', t.as_bytes()).is_some()) && code_line(t) {
        return Some(Hit::line(line, Confidence::Medium, "is script code or data from the web page"));
    }
    if figure && t.contains(':') && LABELLED_DATE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page's date field"));
    }
    if figure && nwords <= 8 && !has_sentence_punctuation(t) && letter_then_digit(t) && GLUED_STAMP.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a page's time stamp glued to a label"));
    }
    if segmented_date(t, nwords, pos) {
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
    if figure && (last_digit || clock_suffix(t)) && !pos.near_start && nwords <= 8 && stamp_line(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a time stamp from a teaser list or feed"));
    }
    if widget_opener(t) && WIDGET_TITLE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is the title of a page widget or section"));
    }
    if (t.starts_with("http") || t.starts_with("www.")) && URL_LINE.is_match(t) {
        return Some(Hit::line(line, Confidence::Medium, "is a bare link"));
    }
    if (figure || t.contains('@'))
        && nwords <= 10
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
    if figure && (first.is_ascii_uppercase() || first == '•') && nwords <= 12 && rate_row(t) {
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
    if social_prompt(t, vocab) {
        return Some(Hit::line(line, Confidence::Medium, SOCIAL_WHAT));
    }
    None
}

/// What [`lone_mark`] finds.
pub(super) const LONE_MARK_WHAT: &str = "is a lone separator or link mark left from the web page's markup";

/// `|`, `#`: a pipe or a hash alone on a line, a menu's separator or an empty link's anchor left
/// by the scrape (seen on three and two real pages). A star or a dash alone (`*`, `-`) is a
/// section break, and is left alone.
pub(super) fn lone_mark(t: &str) -> bool {
    t == "|" || t == "#"
}

/// `|  |`, `, , , , ,`: a row of empty table cells or a tag list whose tags were dropped: only
/// separators (`|`, `,`, `;`, at least two) and spaces. Dashes and stars (`- - -`, `***`) are
/// section breaks and are left alone.
pub(super) fn empty_cells(t: &str) -> bool {
    // (every line is asked: the byte test stops at the first letter, so the count runs only on
    // the rare line of separators, #16)
    t.bytes().all(|b| matches!(b, b'|' | b',' | b';' | b' ' | b'\t')) && t.bytes().filter(|b| matches!(b, b'|' | b',' | b';')).count() >= 2
}

/// ISO 4217 codes a currency-rate widget lists (the currencies agencies' sites quote).
const RATE_CODES: &[&str] = &[
    "AED", "AMD", "ARS", "AUD", "AZN", "BDT", "BGN", "BHD", "BRL", "BYN", "CAD", "CHF", "CNY", "CZK", "DKK", "DZD", "EGP", "EUR", "GBP",
    "GEL", "HKD", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "JOD", "JPY", "KGS", "KRW", "KWD", "KZT", "LBP", "LYD", "MAD", "MXN", "MYR",
    "NGN", "NOK", "NZD", "OMR", "PHP", "PKR", "PLN", "QAR", "RON", "RUB", "SAR", "SEK", "SGD", "SYP", "THB", "TJS", "TMT", "TND", "TRY",
    "UAH", "USD", "UZS", "VND", "ZAR",
];

/// What [`social_prompt`] finds, in its finding's message.
pub(super) const SOCIAL_WHAT: &str = "is the site's prompt to follow it on social networks";

/// `You can also follow AzerNEWS on Twitter @AzerNewsAz or Facebook @AzerNewsNewspaper`, `Read
/// LB.ua news on social networks Facebook, Twitter and Telegram`, `Follow us on Instagram and
/// subscribe to our Telegram channel`: a site's prompt to follow it on social networks (seen on an
/// Azerbaijani, a Ukrainian and a Malaysian agency's English pages). The line opens with the
/// prompt (`Follow`, `Read`, `Join`, `Subscribe` or `You can (also) follow`), names two
/// networks (the residue lexicon's `social` words, as written), or one and `social networks`/`social media`, and ends no sentence (the prompt with a
/// full stop, `Follow us on ...`, is the lexicon's); a report that a video spread on Facebook and
/// Twitter does not open so, and `Read the statement on Facebook and Twitter.` is a sentence.
pub(super) fn social_prompt(t: &str, vocab: &Vocab) -> bool {
    const OPENERS: &[&str] = &["Follow ", "Read ", "Join ", "Subscribe ", "You can follow ", "You can also follow "];
    // (every opener's first letter, tested before the openers are)
    if !t.as_bytes().first().is_some_and(|c| matches!(c, b'F' | b'R' | b'J' | b'S' | b'Y')) {
        return false;
    }
    if !OPENERS.iter().any(|o| t.starts_with(o)) || t.len() > 200 || has_sentence_punctuation(t) {
        return false;
    }
    let named = vocab.networks().filter(|n| t.contains(n)).count();
    let social = t.contains("social network") || t.contains("social media");
    named >= 2 || named == 1 && social
}

/// What [`machine_token`] finds, in its finding's message.
pub(super) const MACHINE_WHAT: &str = "is a template, database or markup token from the web page, not text";

/// `DNUM_CAZBAZCABB 17:07`, `LAST_UPDATESun, 22 Jul 2018 10am`, `[ad_1]`,
/// `f579612fa6fe98_579612fa6fed1`, `5c1e3e1443c61d6336c018ee13d6ab9f - Headline`,
/// `$htmlUtil.escape($Titulo.getData())`, `string(1356) "[{"id":...`, `SELECT * FROM news WHERE
/// ...`: a line that opens with a token of the page's machinery, which no text has: a template
/// variable or shortcode whose name joins words with an underscore, a hexadecimal hash, a
/// template expression (`$name.` or `$name(`), a PHP dump or a database query (seen on eight
/// development pages of eight hosts: Vietnamese, Malaysian, Armenian, Korean, Dutch, Iranian and
/// Spanish pages). Read from the first token alone (a hashtag, a handle, `$5` or `$US` open
/// otherwise). A short line goes whole; a long one opened by an identifier or a hash loses the
/// token only.
pub(super) fn machine_token(line: &str) -> Option<Hit> {
    let t = line.trim_start();
    let lead = line.len() - t.len();
    // the first token, up to an ASCII space or comma (every match's token is ASCII: a byte scan)
    let end = t.as_bytes().iter().position(|&c| matches!(c, b' ' | b'\t' | b',')).unwrap_or(t.len());
    let first = &t[..end];
    let b = first.as_bytes();
    // `[embedpost slug="..."]`: a shortcode with attributes (its name short or plain, so before
    // the gate below)
    if b.first() == Some(&b'[') && SHORTCODE.is_match(t.trim_end()) {
        return Some(Hit::line(line, Confidence::Medium, MACHINE_WHAT));
    }
    // (every match opens with an ASCII letter, a digit, `[` or `$`, and its token holds an
    // underscore, is a hash's 16 characters or more, opens a call or is `SELECT`: most lines'
    // first word is none, tested before anything else is read)
    if !b.first().is_some_and(|c| c.is_ascii_alphanumeric() || matches!(c, b'[' | b'$'))
        || !(b.len() >= 16 || memchr::memchr2(b'_', b'(', b).is_some() || b[0] == b'$' || first == "SELECT")
    {
        return None;
    }
    let t = t.trim_end();
    let code = {
        // `string(1356) "...`, `array(3) {`: a PHP dump
        let dump = ["string(", "array(", "object("]
            .iter()
            .find_map(|k| first.strip_prefix(k))
            .is_some_and(|rest| rest.strip_suffix(')').is_some_and(|n| !n.is_empty() && n.bytes().all(|c| c.is_ascii_digit())));
        // `$htmlUtil.escape(...)`: a template expression
        let template = first.strip_prefix('$').is_some_and(|rest| {
            let name = rest.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
            name >= 2 && rest.as_bytes()[0].is_ascii_alphabetic() && matches!(rest.as_bytes().get(name), Some(b'.' | b'('))
        });
        // `SELECT * FROM news WHERE ...`: a database query
        let query =
            first == "SELECT" && t.contains(" FROM ") && (t.contains(" WHERE ") || t.contains(" LIMIT ") || t.contains(" ORDER BY "));
        dump || template || query
    };
    if code {
        return Some(Hit::line(line, Confidence::Medium, MACHINE_WHAT));
    }
    // `[ad_1]`: a shortcode in brackets
    let token = first.strip_prefix('[').and_then(|x| x.strip_suffix(']')).unwrap_or(first);
    let tb = token.as_bytes();
    let identifier = tb.len() >= 4
        && tb.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'_')
        && tb.windows(3).any(|w| w[0].is_ascii_alphanumeric() && w[1] == b'_' && w[2].is_ascii_alphanumeric());
    let hash = tb.len() >= 16
        && tb.iter().all(u8::is_ascii_hexdigit)
        && tb.iter().any(u8::is_ascii_digit)
        && tb.iter().any(u8::is_ascii_alphabetic);
    if !identifier && !hash {
        return None;
    }
    // (an identifier glued to a word, `LAST_UPDATESun,`, is the token up to the comma)
    if words_upto(t, 15) <= 14 && t.len() <= 200 {
        Some(Hit::line(line, Confidence::Medium, MACHINE_WHAT))
    } else {
        Some(Hit::part(lead..lead + first.len(), Confidence::Medium, MACHINE_WHAT))
    }
}

/// `ANSA`, `Lusa`, `/BTA`: a national agency's name alone on a line, its sign-off without the
/// dash (seen after the story's last paragraph on an Italian, a Portuguese and a Bulgarian
/// agency's pages; read by `bare_sign_offs` there only: above it, the name is the header's credit).
/// The names are the `bare` rows of the `agency-marks` lexicon, as written: the world agencies'
/// and the English-language agencies' names (`Reuters`, `AP`, `AAP`) are house style and not
/// listed, and nor are names that are also words (`SPA`, `MENA`, `MAP`).
pub(super) fn bare_agency(t: &str, vocab: &Vocab) -> bool {
    let t = t.trim();
    vocab.bare(t.strip_prefix('/').unwrap_or(t).trim_end_matches('.'))
}

/// `STEEM 0.26`, `BTC 91978.14`, `• BRENT 78.80`, `ETH 3326.03 -1.2%`: a market widget's row,
/// a ticker of two to six capitals and a price with decimals, and at most its signed change (a
/// blog platform's crypto sidebar, an oil price under a currency widget). Read in runs only
/// ([`super::ticker_runs`]): a code alone could be anything.
pub(super) fn ticker_row(t: &str) -> bool {
    let t = t.trim().trim_start_matches(['•', '·', ' ']);
    let mut tokens = t.split(' ');
    let code = tokens.next().unwrap_or("");
    if !(2..=6).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    // a price: digits, a decimal mark, digits (thousands separators allowed before it)
    let price = tokens.next().unwrap_or("");
    let Some(dot) = price.rfind('.') else { return false };
    let (whole, decimals) = (&price[..dot], &price[dot + 1..]);
    if whole.is_empty()
        || !whole.starts_with(|c: char| c.is_ascii_digit())
        || !whole.bytes().all(|b| b.is_ascii_digit() || b == b',')
        || decimals.is_empty()
        || !decimals.bytes().all(|b| b.is_ascii_digit())
    {
        return false;
    }
    match (tokens.next(), tokens.next()) {
        (None, _) => true,
        (Some(change), None) => {
            let change = change.trim_start_matches(['-', '+', '▲', '▼']).trim_end_matches('%');
            change.len() < 12 && change.starts_with(|c: char| c.is_ascii_digit()) && change.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        }
        _ => false,
    }
}

/// `USD 77.51`, `EUR 1€ in 116.05 in 123.16`, `GBP in 138.71 147.22`: a row of a page's
/// currency-rate widget (seen above the story on a Kyrgyz and an Algerian agency's pages). The
/// line opens with a currency code and holds nothing else but figures, currency signs, `in` and
/// separators; a sentence or a table row about a sum has words (`USD 1.2 billion in loans`).
pub(super) fn rate_row(t: &str) -> bool {
    // (a widget may print each row as a list item: `• USD 67.37 -0.69`)
    let t = t.trim_start_matches(['•', '·', ' ']);
    let mut tokens = t.split_whitespace();
    if !tokens.next().is_some_and(|code| RATE_CODES.contains(&code)) {
        return false;
    }
    let mut figures = 0;
    for tok in tokens {
        // (a rate's change is signed: `-0.69`, `+1.2%`)
        let tok = tok.strip_prefix(['-', '+', '−']).filter(|x| x.starts_with(|c: char| c.is_ascii_digit())).unwrap_or(tok);
        let figure = tok.starts_with(|c: char| c.is_ascii_digit())
            && tok.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '$' | '€' | '£' | '¥' | '₽' | '₺' | '₸' | '₴' | '%'));
        if figure {
            figures += 1;
        } else if !(tok == "in"
            || RATE_CODES.contains(&tok)
            || tok.chars().all(|c| matches!(c, '|' | '=' | '/' | '-' | '+' | '▲' | '▼' | '↑' | '↓' | '$' | '€' | '£' | '¥' | '₽')))
        {
            return false;
        }
    }
    figures > 0
}

/// `442 times viewed.`, `Reading: 1,313 times`, `Viewed 87 times`: a page counter that counts
/// in `times` (seen alone on a line on an Iranian and an Arab agency's English pages). Leading
/// bullets are skipped; the line is short and holds nothing else.
pub(super) fn times_counter(t: &str) -> bool {
    static TIMES: LazyLock<Regex> = LazyLock::new(|| {
        re(r"^(?i:(?:read|reading|viewed|views?|seen|hits?)\s*:?\s*[0-9][0-9.,]*\s+times|[0-9][0-9.,]*\s+times\s+(?:viewed|read|seen))\.?$")
    });
    let t = t.trim_start_matches(['•', '·', '-', '|', ' ', '\u{a0}']).trim_end();
    t.len() <= 40
        && t.bytes().any(|b| b.is_ascii_digit())
        && t.as_bytes().windows(5).any(|w| w.eq_ignore_ascii_case(b"times"))
        && TIMES.is_match(t)
}

/// `... a "win-win" situation (PHOTO)`, `... shelled overnight (photo, video)`: the tag a web
/// page puts after a headline for the photos or video it carries (seen on a Serbian and a
/// Ukrainian site's English pages). The range is the tag with its parentheses.
pub(super) fn media_tag(line: &str) -> Option<Range<usize>> {
    static TAG: LazyLock<Regex> = LazyLock::new(|| {
        let media = r"(?i:photos?|videos?|fotos?|vídeos?|фото|видео|audio|infographics?)";
        re(&format!(r"\s(\({media}(?:\s*(?:,|\+|&|/|and|и|і|y|e|und|et)\s*{media})*\))\s*$"))
    });
    let t = line.trim_end();
    let open = t.ends_with(')').then(|| t.rfind('(')).flatten()?;
    // (the tag is short: the regex runs only on a short last parenthesis)
    if t.len() - open > 30 {
        return None;
    }
    TAG.captures(line).map(|c| c.get(1).unwrap().range())
}

/// `... in New Delhi, Friday, May 31, 2019. (PTI)`, `This photo, taken May 22, 2023, shows ...
/// (Yonhap)`: a photo caption. Wire captions are one sentence that carries the full date (day and
/// year) and end with the agency's name alone in parentheses, after the full stop (seen on PTI,
/// Yonhap and Kyodo pages). A story's last paragraph with a source tag after it (`..., the
/// council said. (Reuters)`) reports speech, which a caption does not.
pub(super) fn agency_caption(line: &str) -> bool {
    const AGENCIES: &[&str] = &[
        "Yonhap",
        "Kyodo",
        "Xinhua",
        "PTI",
        "ANI",
        "IANS",
        "UNI",
        "AFP",
        "AP",
        "Reuters",
        "REUTERS",
        "EPA",
        "VNA",
        "Antara",
        "ANTARA",
        "Bernama",
        "BERNAMA",
        "Anadolu",
        "AA",
        "TASS",
        "Sputnik",
        "IRNA",
        "WAFA",
        "SANA",
        "WAM",
        "KCNA",
        "EFE",
        "ANSA",
        "dpa",
        "Kyodo News",
    ];
    let t = line.trim_end();
    let Some(body) = t.strip_suffix(')') else { return false };
    let Some(open) = body.rfind('(') else { return false };
    if !AGENCIES.contains(&body[open + 1..].trim()) {
        return false;
    }
    let sentence = body[..open].trim_end();
    if !sentence.ends_with(['.', '!', '?', '"', '”']) {
        return false;
    }
    let sentence = &sentence[..sentence.len() - 1];
    let words = sentence.split_whitespace().count();
    (8..=80).contains(&words) && one_sentence(sentence) && !reported(sentence) && dated_with_year(sentence)
}

/// An English month's name, full or abbreviated (`Sept`), as a regex group: the dated caption
/// shapes ([`dated_caption`], [`dated_with_year`]) share it.
const MONTH_NAME: &str = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)";

/// `Police officers stand guard near the damaged building in Jakarta on January 15, 2016`,
/// `The deputy prime minister receives the visiting minister, Ha Noi, September 26, 2018`: a photo
/// caption without its credit. A caption describes the picture in the present tense and ends in
/// the day it was taken, with its year; story prose tells a past day in the past tense (`Police
/// stood guard ... on January 15, 2016`) and leaves the year out of this week's dates (seen on
/// Anadolu and VNA pages; no line of the 19k native stories). The line is one sentence of six to
/// sixty words that ends in the full date, holds a verb a caption uses in the present (`stands`,
/// `receives`, `is seen`), and no past or future auxiliary, no reporting verb, no first person
/// and no quotation mark. The caller checks that it stands alone between blank lines, as a
/// caption does: a block of dated lines is a list.
pub(super) fn dated_caption(line: &str) -> bool {
    static END: LazyLock<Regex> = LazyLock::new(|| {
        let day = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
        re(&format!(
            r"(?:,\s|\s)(?:on\s)?(?:{day},?\s)?(?:{MONTH_NAME}\.?\s[0-9]{{1,2}},\s(?:19|20)[0-9]{{2}}|[0-9]{{1,2}}\s{MONTH_NAME}\.?,?\s(?:19|20)[0-9]{{2}})\.?$"
        ))
    });
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b(?:(?:is|are)\s+(?:seen|pictured|shown|photographed|displayed)|poses?|stands?|walks?|speaks?|gestures?|attends?|arrives?|delivers?|waves?|gathers?|marches|march|shakes?|inspects?|visits?|meets?|receives?|looks\s+on|sits?|watches|reacts?|carries|chats?|greets?|addresses|listens?|casts?|holds?|takes?\s+part|responds?|waits?|prays?|mourns?|celebrates?|cheers?|rides?)\b",
        )
    });
    static NOT: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"\b(?:was|were|had|has|have|will|would|said|says|told|tells|according|reported|announced|I|we|We|our|again|next|until|since|due|expected|scheduled)\b",
        )
    });
    let t = line.trim();
    // (the cheap tests first: a line ending in a digit, of caption length)
    if !t.trim_end_matches('.').ends_with(|c: char| c.is_ascii_digit()) || !(6..=60).contains(&words_upto(t, 61)) {
        return false;
    }
    !t.contains(['"', '“', '”'])
        && END.is_match(t)
        && one_sentence(t.strip_suffix('.').unwrap_or(t))
        && VERB.is_match(t)
        && !NOT.is_match(t)
}

/// `Prime Minister Pham Minh Chinh (right) meets the new ambassador on October 11.`, `Deputy
/// Minister Nguyen Minh Vu (R) and Assistant Minister Nong Rong.`, `Minister Retno Marsudi
/// (droite) et ...`: a photo caption, which places the people in the picture with a position in
/// parentheses straight after a name. Story prose never does (none in 19k native stories; seen on
/// VNA, Korea Herald, Antara, Korean and US local pages). A one-letter position (`(R)`, `(L)`,
/// `(C)`) is also a trademark sign or a party, so it counts only after a name that is not in
/// capitals (`IBM (R)`) and before a comma, `and` or a lower-case verb, and not on a line that
/// also names a party with `(D)`; a sentence that reports speech (`Sen. Jane Doe (R) said`) is
/// no caption.
pub(super) fn position_caption(line: &str) -> bool {
    static POSITION: LazyLock<Regex> = LazyLock::new(|| {
        re(
            r"^(?i:(?:(?:[1-4](?:st|nd|rd|th)|second|third|fourth)\s+(?:from\s+)?)?(?:right|left|r|l)|cent(?:re|er)|front|back|middle|from\s+(?:left|right)|l\s*-\s*r|r\s*-\s*l|l\s+to\s+r|left\s+to\s+right|droite|gauche|kanan|kiri|tengah|izquierda|derecha|centro|links|rechts|mitte|справа|слева|в\s+центре|sağda|solda|ortada|phải|trái|giữa|destra|sinistra|direita|esquerda)$",
        )
    });
    // a caption is short and has a bracket
    if line.len() > 600 || memchr::memchr(b'(', line.as_bytes()).is_none() {
        return false;
    }
    let t = line.trim();
    let b = t.as_bytes();
    for open in memchr::memchr_iter(b'(', b) {
        let Some(len) = b[open + 1..].iter().take(32).position(|&c| c == b')') else { continue };
        let inner = &t[open + 1..open + 1 + len];
        // the name first (cheap), then the position
        let name = t[..open].trim_end().rsplit(char::is_whitespace).next().unwrap_or("");
        if inner.is_empty() || !name.starts_with(char::is_uppercase) {
            continue;
        }
        let single = matches!(inner, "R" | "L" | "C");
        if !single && !inner.split([',', ';']).all(|part| POSITION.is_match(part.trim())) {
            continue;
        }
        if single {
            let capitals = name.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
            let after = t[open + len + 2..].trim_start();
            let joined = after.starts_with(',') || after.starts_with("and ") || after.starts_with(char::is_lowercase);
            if capitals || !joined || t.contains("(D)") {
                continue;
            }
        }
        return (4..=70).contains(&t.split_whitespace().count()) && !reported(t);
    }
    false
}

/// Does the sentence report speech (`said`, `told`, `according to`)? A caption describes a
/// picture; a story's last paragraph with a source tag after it reports what someone said.
fn reported(t: &str) -> bool {
    t.split(|c: char| !c.is_alphabetic()).any(|w| matches!(w, "said" | "says" | "told" | "tells" | "according" | "reported" | "announced"))
}

/// Does the text hold no sentence end inside (`. ` before a capital, unless after a short
/// capitalised abbreviation: `Mr.`, `U.S.`, `Aug.`, `Sept.`)?
fn one_sentence(t: &str) -> bool {
    !t.match_indices(". ").any(|(i, _)| {
        let next_capital = t[i + 2..].starts_with(|c: char| c.is_uppercase());
        let word = t[..i].rsplit(' ').next().unwrap_or("");
        let abbreviation = word.len() <= 4 && word.starts_with(|c: char| c.is_uppercase());
        next_capital && !abbreviation
    })
}

/// Does the text hold a date with its year: `May 31, 2019`, `Aug. 24, 2024`, `24 August 2024`?
fn dated_with_year(t: &str) -> bool {
    static DATE: LazyLock<Regex> = LazyLock::new(|| {
        re(&format!(r"\b(?:{MONTH_NAME}\.?\s[0-9]{{1,2}},\s(?:19|20)[0-9]{{2}}|[0-9]{{1,2}}\s{MONTH_NAME}\.?,?\s(?:19|20)[0-9]{{2}})\b"))
    });
    DATE.is_match(t)
}

/// `Published in :`, `Published in ALGERIA`: a template's section field, empty or holding a
/// section name in capitals (seen on two Algerian outlets' English pages). A sentence that opens
/// with `Published in` goes on in lower case, and a hard-wrapped one leaves `Published in` alone
/// on its line (with no colon).
pub(super) fn published_in(t: &str) -> bool {
    static FIELD: LazyLock<Regex> =
        LazyLock::new(|| re(r"^Published in\s*(?::\s*(?:\p{Lu}+(?:[ &-]+\p{Lu}+)*)?|\p{Lu}+(?:[ &-]+\p{Lu}+)*)$"));
    t.len() <= 48 && t.starts_with("Published in") && FIELD.is_match(t)
}

/// `By admin`, `By tladmin`, `Por admin`, `By Editor`: a byline holding a CMS's account name
/// instead of a reporter's (WordPress's `admin`, a site's own `xyzadmin`, a theme's `Editor`),
/// alone on its line. Seen on Persian, Armenian, Indonesian, Turkish and Peruvian outlets'
/// pages. A reporter's byline names a person (`By Jane Doe`), and `Editor` must be the whole
/// name (`By Editor Jane Doe` is left alone).
pub(super) fn cms_byline(t: &str) -> bool {
    // (every opener below starts with one of these letters: a short line is lowered only then)
    if t.len() > 40 || !t.starts_with(['b', 'B', 'p', 'P', 'w', 'W', 'd', 'D', 'v', 'V', 'o', 'O']) {
        return false;
    }
    let lower = t.to_lowercase();
    let rest = ["posted by", "written by", "by", "por", "par", "di", "von", "oleh"]
        .iter()
        .find_map(|k| lower.strip_prefix(k).filter(|r| r.starts_with([' ', ':'])));
    let Some(rest) = rest else { return false };
    let name = rest.trim_start_matches([' ', ':']).trim_end();
    !name.is_empty()
        && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
        && (name.contains("admin") || matches!(name, "editor" | "webmaster" | "superuser"))
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

/// The [`PAREN_CREDIT`] at the end of the line, if any: its all-capitals form only after a
/// sentence's end. Shared with the oracle.
pub(super) fn paren_credit(line: &str) -> Option<regex::Match<'_>> {
    let c = PAREN_CREDIT.captures(line)?;
    let m = c.get(0)?;
    (c.name("caps").is_none() || line[..m.start()].trim_end().ends_with(['.', '!', '?', '"', '”'])).then_some(m)
}

/// What a caption credit is, in its finding's message.
pub(super) const CREDIT_WHAT: &str = "is a photo credit pasted from a caption";

/// A caption credit at the end of a line; the span is the credit alone.
fn tail_credit(line: &str, base: usize) -> Option<Hit> {
    const WHAT: &str = CREDIT_WHAT;
    // each shape needs a character or a word that prose rarely ends with: test for it before
    // running the regex (most paragraphs end as none of these)
    let t = line.trim_end();
    if (t.ends_with(')') || t.len() >= 7 && t.as_bytes()[t.len() - 7..].eq_ignore_ascii_case(b"gallery"))
        && credit_in_parens(t)
        && let Some(m) = paren_credit(line)
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
    let slash = memchr::memrchr(b'/', line.as_bytes()).is_some_and(|i| {
        let after = line[i + 1..].trim_start();
        after.starts_with(char::is_uppercase)
            && after.chars().all(|c| c.is_alphabetic() || c.is_whitespace() || matches!(c, '.' | '\'' | '-'))
    });
    // the capitalised words the gates look for, found in one scan for `P`, `F` and `S`
    let (mut photo, mut photo_label, mut source) = (false, false, false);
    let bytes = line.as_bytes();
    for i in memchr::memchr3_iter(b'P', b'F', b'S', bytes) {
        let at = &bytes[i..];
        photo |= at.starts_with(b"Photo") || at.starts_with(b"Picture") || at.starts_with(b"Foto");
        photo_label |= at.starts_with(b"PHOTO") || at.starts_with(b"FOTO") || at.starts_with(b"Pic");
        source |= (at.starts_with(b"Source") || at.starts_with(b"SOURCE")) && source_colon(&line[i + 6..]);
    }
    // each gate is tested only when the shapes before it did not fire (#16: a line with a colon
    // was searched for five words before)
    let gate = |i: usize| match i {
        0 => memchr::memchr(b':', bytes).is_some() && (photo || photo_label || credit_word(bytes)),
        1 => photo,
        2 => ["pic", "pix", "photo", "foto"].iter().any(|w| unstopped.ends_with(w)),
        3 => slash && before_last_slash(line).ends_with(char::is_lowercase),
        4 => slash && agency_before_slash(line),
        5 => source,
        6 => has_copyright_sign(bytes),
        // (the signature ends in its year: a line that ends otherwise is not searched)
        _ => t.ends_with(|c: char| c.is_ascii_digit()) && memchr::memmem::find(bytes, b"(@").is_some(),
    };
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
    for (i, (re, slash_words, what)) in shapes.into_iter().enumerate() {
        if !gate(i) {
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

/// Does the line hold `Фото`, `ФОТО`, `Ảnh`, `Credit` or `CREDIT` (the labels of
/// [`TAIL_CREDIT`] that its `Photo`, `PHOTO`, `Foto`, `FOTO`, `Picture`, `Pic` scan does not
/// find)? One scan for their first bytes (`C`, D0 for `Ф`, E1 for `Ả`), not five searches.
fn credit_word(bytes: &[u8]) -> bool {
    memchr::memchr3_iter(b'C', 0xD0, 0xE1, bytes).any(|i| {
        let at = &bytes[i..];
        at.starts_with(b"Credit")
            || at.starts_with(b"CREDIT")
            || at.starts_with("Фото".as_bytes())
            || at.starts_with("ФОТО".as_bytes())
            || at.starts_with("Ảnh".as_bytes())
    })
}

/// `line.contains('©')`: the sign is C2 A9, found by its rarer last byte.
fn has_copyright_sign(bytes: &[u8]) -> bool {
    memchr::memchr_iter(0xA9, bytes).any(|i| i > 0 && bytes[i - 1] == 0xC2)
}

/// What stands before the line's last `/` and the one space (any white space) that may follow
/// the name there. Both slash shapes put their slash last in the line: only letters, `.`, `'`,
/// `-` and spaces follow it.
fn before_last_slash(line: &str) -> &str {
    let before = line.rfind('/').map_or("", |i| &line[..i]);
    before.strip_suffix(char::is_whitespace).unwrap_or(before)
}

/// Every agency name [`AGENCY_SLASH_CREDIT`] reads (in either of its two lists; `PRESS` ends `THE
/// CANADIAN PRESS`).
const SLASH_AGENCIES: &[&str] = &[
    "AFP", "AP", "EPA", "EFE", "REUTERS", "XINHUA", "VNA", "VNS", "ANTARA", "BERNAMA", "ANSA", "DPA", "YONHAP", "KYODO", "SANA", "WAM",
    "PTI", "ANI", "IANS", "TASS", "SPUTNIK", "IRNA", "WAFA", "KCNA", "UPI", "PRESS",
];

/// Does a known agency's name stand before the line's last slash, as every
/// [`AGENCY_SLASH_CREDIT`] has it? (The name is all the capitals there: a space or a `-` stands
/// before it.)
fn agency_before_slash(line: &str) -> bool {
    let before = before_last_slash(line);
    let name = &before[before.trim_end_matches(|c: char| c.is_ascii_uppercase()).len()..];
    SLASH_AGENCIES.contains(&name)
}

/// Does what follows a `Source` or `SOURCE` open with the colon of [`TAIL_SOURCE`] (`s` and one
/// white space may stand before it)? Every match of the regex has such a `Source`.
fn source_colon(rest: &str) -> bool {
    let rest = rest.strip_prefix('s').unwrap_or(rest);
    rest.strip_prefix(char::is_whitespace).unwrap_or(rest).starts_with(':')
}

/// Does the text in the line's last parentheses hold what every [`PAREN_CREDIT`] holds: a
/// colon (after a label), a slash (after an agency), ` via ` (a picture another agency moved) or
/// `photo`, `foto`, `pic`, `file` (after an
/// agency), `image` (a picture's note), in any case? The credit's parentheses are the line's
/// last ones: no parenthesis stands inside them or after them.
fn credit_in_parens(t: &str) -> bool {
    let Some(close) = t.rfind(')') else { return false };
    let Some(open) = t[..close].rfind('(') else { return false };
    let inner = &t.as_bytes()[open + 1..close];
    inner.contains(&b':')
        || inner.contains(&b'/')
        || memchr::memmem::find(inner, b" via ").is_some()
        || [&b"photo"[..], b"foto", b"pic", b"file", b"image"].iter().any(|w| inner.windows(w.len()).any(|x| x.eq_ignore_ascii_case(w)))
}

/// Can [`RIGHTS`] match in the line? Each of its phrases holds a piece spelled here in every
/// case it can take: `rv` (reserved, reservados, réservés, riservati), `vorbeh`, `cipta`, `щ`,
/// `ü`, `版权所有`, `جميع`. (No ASCII letter but `k` and `s` matches a character outside ASCII
/// case-insensitively, none of `щ`, `ü` one but its capital: see the tests.)
///
/// The `v` and `p` of those pieces, in either case, are found eight bytes at a time in one pass
/// that also tells whether the line holds a byte outside ASCII (#16: a `memchr` search restarted
/// at every `p` of a line cost more than the rest of the test).
fn may_reserve_rights(line: &str) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const FOLD: u64 = 0x2020_2020_2020_2020;
    const V: u64 = 0x7676_7676_7676_7676;
    const P: u64 = 0x7070_7070_7070_7070;
    let b = line.as_bytes();
    let at = |i: usize, w: &[u8]| b.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w));
    // a `v` or `p` at `i`: does it stand in `rv`, `vorbeh` or `cipta`?
    let piece = |i: usize| {
        if b[i] | 0x20 == b'v' { i > 0 && b[i - 1] | 0x20 == b'r' || at(i, b"vorbeh") } else { i >= 2 && at(i - 2, b"cipta") }
    };
    let (mut i, mut high) = (0, 0u64);
    while let Some(chunk) = b[i..].first_chunk::<8>() {
        let x = u64::from_le_bytes(*chunk);
        high |= x;
        // (only `V`, `v` fold to `v` and `P`, `p` to `p`: a byte outside ASCII folds above 0x9f)
        let folded = x | FOLD;
        let mut hits = zero_bytes(folded ^ V) | zero_bytes(folded ^ P);
        while hits != 0 {
            if piece(i + hits.trailing_zeros() as usize / 8) {
                return true;
            }
            hits &= hits - 1;
        }
        i += 8;
    }
    for (j, &c) in b.iter().enumerate().skip(i) {
        high |= u64::from(c);
        if matches!(c | 0x20, b'v' | b'p') && piece(j) {
            return true;
        }
    }
    high & HIGH != 0
        && (memchr::memchr3(0xC3, 0xD0, 0xD1, b).is_some() || memchr::memchr2(0xD8, 0xE7, b).is_some())
        && ["щ", "Щ", "ü", "Ü", "版权所有", "جميع"].iter().any(|w| line.contains(w))
}

/// The high bit of each zero byte of `y`, exactly (no borrow runs between bytes).
#[inline]
fn zero_bytes(y: u64) -> u64 {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    !(((y & LOW) + LOW) | y) & 0x8080_8080_8080_8080
}

/// [`may_reserve_rights`] as it was: a `memchr` search for each letter.
#[cfg(test)]
fn may_reserve_rights_memchr(line: &str) -> bool {
    let b = line.as_bytes();
    let at = |i: usize, w: &[u8]| b.get(i..i + w.len()).is_some_and(|x| x.eq_ignore_ascii_case(w));
    memchr::memchr2_iter(b'v', b'V', b).any(|i| i > 0 && b[i - 1] | 0x20 == b'r' || at(i, b"vorbeh"))
        || memchr::memchr2_iter(b'p', b'P', b).any(|i| i >= 2 && at(i - 2, b"cipta"))
        || (memchr::memchr3(0xC3, 0xD0, 0xD1, b).is_some() || memchr::memchr2(0xD8, 0xE7, b).is_some())
            && ["щ", "Щ", "ü", "Ü", "版权所有", "جميع"].iter().any(|w| line.contains(w))
}

/// The words [`WIDGET_TITLE`] opens with (after dashes, bullets and bars).
const WIDGET_OPENERS: &[&str] = &[
    "most",
    "top",
    "latest",
    "trending",
    "popular",
    "more",
    "other",
    "recommended",
    "world",
    "local",
    "national",
    "international",
    "regional",
    "business",
    "political",
    "sport",
    "sports",
    "economy",
    "breaking",
];

/// Does the line open (after dashes, bullets, bars and spaces) with a word of
/// [`WIDGET_OPENERS`] in any case, as every [`WIDGET_TITLE`] does? The word is all the letters
/// there (a space follows it in the regex); `ſ` and the Kelvin sign are the only characters
/// outside ASCII that match an ASCII letter case-insensitively (`s`, `k`).
fn widget_opener(t: &str) -> bool {
    let rest = t.trim_start_matches(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '•' | '|'));
    let mut word = [0u8; 13];
    let mut n = 0;
    for c in rest.chars() {
        if !c.is_alphabetic() {
            break;
        }
        let folded = match c {
            'ſ' => b's',
            '\u{212A}' => b'k',
            c if c.is_ascii() => c.to_ascii_lowercase() as u8,
            _ => return false,
        };
        if n == word.len() {
            return false;
        }
        word[n] = folded;
        n += 1;
    }
    WIDGET_OPENERS.iter().any(|w| w.as_bytes() == &word[..n])
}

/// Can [`RELATIVE_TIME`] match the (trimmed) line? It ends in `ago`, `lalu`, a word outside
/// ASCII (`назад`, `önce`), or a word after a number of one to three digits (`hace 2 horas`).
fn relative_time_tail(t: &str) -> bool {
    let mut words = t.split_whitespace().rev();
    let last = words.next().unwrap_or("");
    !last.is_ascii()
        || last.eq_ignore_ascii_case("ago")
        || last.eq_ignore_ascii_case("lalu")
        || words.next().is_some_and(|w| (1..=3).contains(&w.len()) && w.bytes().all(|b| b.is_ascii_digit()))
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
    if !may_reserve_rights(line) {
        return None;
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
    // (the first space looked for in the line's first bytes only: a home crumb is one short word)
    let b = t.as_bytes();
    let space = memchr::memchr(b' ', &b[..b.len().min(24)]).unwrap_or(0);
    let first = &t[..space];
    if space > 0
        && let Some(rest) = t[space..].strip_prefix(" / ")
        && rest.starts_with(char::is_uppercase)
        && !has_sentence_punctuation(t)
        && lookup(vocab, first, &mut String::new()) == Some(Word::Home)
    {
        return Some(Hit::line(line, Confidence::High, "is a breadcrumb trail"));
    }
    // every trail has a separator (tested on bytes first: this runs on every long paragraph)
    if !has_trail_separator(t) {
        return None;
    }
    // `Home>>`, `Beranda »`: the trail's first crumb, the rest lost in the scrape
    let stub = t.trim_end_matches(['>', '»', '›', '→', ' ']);
    if stub.len() < t.len() && lookup(vocab, stub, &mut String::new()) == Some(Word::Home) {
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
    let first_is_home = lookup(vocab, items[0], &mut String::new()) == Some(Word::Home);
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
    let mut buf = String::new();
    let mut language = |t: &str| lookup(vocab, t, &mut buf) == Some(Word::Language);
    // every token is a code or a language name: the first one tells most lines apart
    if !tokens(line).next().is_some_and(|t| language_code(t) || language(t)) {
        return false;
    }
    let toks: Vec<&str> = tokens(line).collect();
    if toks.len() < 3 || toks.len() > 16 {
        return false;
    }
    let codes = toks.iter().all(|t| language_code(t));
    codes || toks.iter().all(|t| language(t))
}

/// Is the token one of [`LANGUAGE_CODES`] (all two letters long: the length first)?
fn language_code(t: &str) -> bool {
    t.len() == 2 && LANGUAGE_CODES.contains(&t)
}

const LANGUAGE_CODES: &[&str] = &[
    "EN", "RU", "UA", "UK", "DE", "FR", "ES", "AR", "ZH", "CN", "ID", "PT", "TR", "IT", "FA", "JA", "JP", "KO", "KZ", "BY", "UZ", "AZ",
    "VI", "PL", "NL", "KK", "HY", "KA", "HE",
];

/// `Home Meetings & Statements Events & Activities ... 中文`: a flattened site menu. It opens with
/// the home link and carries a menu's `&` or a link in another script; a headline that happens to
/// open with `Home` has neither.
fn nav_bar(line: &str, vocab: &Vocab) -> bool {
    // the first word first: a capitalised home link
    let first = line.split_whitespace().next().unwrap_or("");
    if !first.starts_with(char::is_uppercase) || lookup(vocab, first, &mut String::new()) != Some(Word::Home) {
        return false;
    }
    let toks: Vec<&str> = line.split_whitespace().collect();
    if toks.len() < 5 || has_sentence_punctuation(line) {
        return false;
    }
    let other_script = toks.iter().any(|t| t.chars().any(|c| c.is_alphabetic() && !c.is_ascii() && (c as u32) > 0x2000));
    let amp = toks.iter().filter(|t| **t == "&").count();
    let lower = toks.iter().filter(|t| t.starts_with(char::is_lowercase)).count();
    (amp >= 1 || other_script) && lower * 5 <= toks.len()
}

/// `vocab`'s entry for `t` lower-cased and folded as the rows are (an ASCII word is lower-cased in
/// `buf`, not allocated).
pub(super) fn lookup(vocab: &Vocab, t: &str, buf: &mut String) -> Option<Word> {
    if t.is_ascii() {
        buf.clear();
        buf.push_str(t);
        buf.make_ascii_lowercase();
        vocab.word(buf.as_str())
    } else {
        // folded as the rows were (`YAZDIR`, `Yazdır`)
        vocab.word(&super::normalise(t))
    }
}

/// `line.contains(['"', '“', '«'])`, by bytes: `"`, and the last bytes of `“` (E2 80 9C) and `«`
/// (C2 AB) (#16: a char scan decodes the line).
fn has_open_quote(line: &str) -> bool {
    let b = line.as_bytes();
    memchr::memchr3_iter(b'"', 0x9C, 0xAB, b).any(|i| match b[i] {
        b'"' => true,
        0x9C => i >= 2 && b[i - 2] == 0xE2 && b[i - 1] == 0x80,
        _ => i >= 1 && b[i - 1] == 0xC2,
    })
}

/// `Print Mail Large Medium Small`, `Listen Live`, `Photo Gallery`: a short line made of UI words.
fn ui_words(line: &str, vocab: &Vocab) -> bool {
    if has_sentence_punctuation(line) || has_open_quote(line) {
        return false;
    }
    // two to eight tokens (read no further than the ninth)
    let mut toks = [""; 8];
    let mut n = 0;
    for t in tokens(line).filter(|t| !t.chars().all(|c| c.is_ascii_digit() || matches!(c, '+' | '-' | '.'))) {
        if n == toks.len() {
            return false;
        }
        toks[n] = t;
        n += 1;
    }
    let toks = &toks[..n];
    if toks.len() < 2 {
        return false;
    }
    // at least three in four are UI words: stop at the miss that rules that out
    let mut buf = String::new();
    let mut misses = 0;
    for t in toks {
        if !matches!(lookup(vocab, t, &mut buf), Some(Word::Ui | Word::Social)) {
            misses += 1;
            if (toks.len() - misses) * 4 < toks.len() * 3 {
                return false;
            }
        }
    }
    let ui = toks.len() - misses;
    ui >= 2 && ui * 4 >= toks.len() * 3
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A few words of each kind, and the embedded lexicons' networks and agency names.
    fn vocab() -> Vocab {
        let index = crate::lexicon::Lexicons::embedded().index::<super::super::ResidueIndex>().unwrap();
        let mut v = Vocab { words: Default::default(), ..index.vocab.clone() };
        for w in ["print", "mail", "large", "medium", "small", "listen", "live", "photo", "gallery", "share"] {
            v.words.insert(w.into(), Word::Ui);
        }
        for w in ["facebook", "twitter"] {
            v.words.insert(w.into(), Word::Social);
        }
        for w in ["english", "español", "русский", "français", "简体中文", "عربي"] {
            v.words.insert(w.into(), Word::Language);
        }
        v.words.insert("home".into(), Word::Home);
        v
    }

    fn hit(line: &str) -> Option<(String, Confidence)> {
        classify(line, Position { near_start: false, after_prose: true }, &vocab())
            .into_iter()
            .next()
            .map(|h| (line[h.range].to_string(), h.confidence))
    }

    #[test]
    fn every_gated_shape_still_fires() {
        // one line per shape that a cheap test now guards (a trailing figure, a colon, a
        // leading digit or file prefix, a letter before a digit...): the guard lets it through
        for (line, flagged) in [
            ("Date: 2025-04-11 16:39", "Date: 2025-04-11 16:39"),
            ("Comments (3)", "Comments (3)"),
            ("IMG 20220224 WA0005", "IMG 20220224 WA0005"),
            ("Published on: 5 May 2019", "Published on: 5 May 2019"),
            ("world2024-05-21 06:34:52", "world2024-05-21 06:34:52"),
            ("Thursday, December 29, 2016", "Thursday, December 29, 2016"),
            ("3 jam yang lalu", "3 jam yang lalu"),
            ("hace 2 horas", "hace 2 horas"),
            ("05 May 2019    Read: 2012", "Read: 2012"),
            ("A good year ahead for growers. Photo by Ana Lim", "Photo by Ana Lim"),
            ("The market reopened on 14 May 2018. Tempo/Budi Santoso", "Tempo/Budi Santoso"),
            ("© 2024 Example Media Group", "© 2024 Example Media Group"),
            ("(c) 2021 Example Daily", "(c) 2021 Example Daily"),
            ("Views: 1,204", "Views: 1,204"),
            ("Foto 2 dari 5", "Foto 2 dari 5"),
            ("High: 10°C | Low: 6°C", "High: 10°C | Low: 6°C"),
            ("Max 31° / Min 24°", "Max 31° / Min 24°"),
            ("Desk: +44 20 7946 0958", "Desk: +44 20 7946 0958"),
            ("Trees now line the old road. Ảnh: Lan Anh", "Ảnh: Lan Anh"),
        ] {
            assert_eq!(hit(line).map(|h| h.0).as_deref(), Some(flagged), "{line}");
        }
        // prose that ends in a figure, a parenthesis or a letter passes a guard and still is prose
        for line in ["Exports rose 4.5 percent in March to 12,000", "The talks ended (again)", "Prices rose 3 percent"] {
            assert_eq!(hit(line), None, "{line}");
        }
    }

    #[test]
    fn words_counts_as_split_whitespace() {
        for b in 0..=0x7f_u8 {
            let c = char::from(b);
            // (and in lines long enough to be read eight bytes at a time)
            for line in [
                format!("a{c}b"),
                format!("{c}{c}x y{c}"),
                format!("{c}"),
                format!("ab {c} cd\u{a0}e"),
                format!("{c}abcdefgh{c}{c}ijklmnop q{c}r s{c}{c}{c}{c}{c}{c}{c}{c}{c}t"),
                format!("abcdefg{c}hijklmn{c}{c}opqrstu{c}vwxyzab\u{a0}cdefghi{c}"),
            ] {
                assert_eq!(words(&line), line.split_whitespace().count(), "{line:?}");
                for cap in 0..8 {
                    assert_eq!(words_upto(&line, cap), line.split_whitespace().take(cap).count(), "{line:?} {cap}");
                }
            }
        }
        for c in (0x80..=0x0010_ffff).filter_map(char::from_u32) {
            for line in [format!("a{c}b"), format!("{c}{c}x y{c}"), format!("{c}"), format!("“ab” {c} cd\u{a0}e")] {
                assert_eq!(words(&line), line.split_whitespace().count(), "{line:?}");
            }
        }
    }

    #[test]
    fn words_upto_stops_at_the_cap_as_take_count() {
        // every line of the fixtures, stories and generated texts, at every cap up to its count
        for text in crate::document::test_texts() {
            for line in text.lines().chain([text.as_str()]) {
                let all = line.split_whitespace().count();
                for cap in (0..=all.min(40)).chain([all, all + 1, usize::MAX]) {
                    assert_eq!(words_upto(line, cap), line.split_whitespace().take(cap).count(), "{line:?} {cap}");
                }
            }
        }
    }

    #[test]
    fn rights_gate_is_the_memchr_one() {
        // every line of the fixtures, stories and generated texts, and made-up lines with the
        // pieces at every offset of an eight-byte chunk, in odd cases, near bytes outside ASCII
        let mut lines: Vec<String> = crate::document::test_texts().iter().flat_map(|t| t.lines().map(str::to_string)).collect();
        let pieces = [
            "rv",
            "RV",
            "rV",
            "Rv",
            "v",
            "p",
            "vorbeh",
            "VORBEH",
            "cipta",
            "CIPTA",
            "cIpTa",
            "cipt",
            "ipta",
            "щ",
            "Щ",
            "ü",
            "Ü",
            "版权所有",
            "جميع",
            "Ö",
            "я",
            "V",
            "P",
            "\u{a0}",
            "x",
            "ǅ",
        ];
        let mut rng = crate::document::TestRng::new();
        let mut next = move || rng.next_u64();
        for _ in 0..40_000 {
            let mut t = "abcdefgh".chars().take((next() % 9) as usize).collect::<String>();
            for _ in 0..=next() % 4 {
                t.push_str(pieces[(next() % pieces.len() as u64) as usize]);
                t.push_str(&"xyzw ".repeat((next() % 3) as usize));
            }
            lines.push(t);
        }
        let mut yes = 0;
        for line in &lines {
            let want = may_reserve_rights_memchr(line);
            assert_eq!(may_reserve_rights(line), want, "{line:?}");
            yes += usize::from(want);
        }
        assert!(yes > 5000, "{yes}");
    }

    #[test]
    fn gate_letters_match_no_other_case_partner() {
        // the gates before RIGHTS and WIDGET_TITLE compare ASCII case-insensitively what `(?i)`
        // matches: no char outside ASCII matches an ASCII letter but `k` and `s`
        let re = Regex::new(r"(?i)^[\x00-\x7f--kKsS]$").unwrap();
        let all = || (0..=0x0010_ffff).filter_map(char::from_u32);
        let partners: Vec<char> = all().filter(|c| !c.is_ascii() && re.is_match(c.encode_utf8(&mut [0; 4]))).collect();
        assert!(partners.is_empty(), "{partners:?}");
        for (letter, cases) in [("щ", "Щщ"), ("ü", "Üü"), ("s", "Ssſ"), ("k", "Kk\u{212a}")] {
            let re = Regex::new(&format!("(?i)^{letter}$")).unwrap();
            let matched: String = all().filter(|c| re.is_match(c.encode_utf8(&mut [0; 4]))).collect();
            assert_eq!(matched, cases);
        }
        for line in [
            "All rights reserved",
            "Hak Cipta Dilindungi",
            "ALLE RECHTE VORBEHALTEN",
            "版权所有",
            "جميع الحقوق محفوظة",
            "Все права защищены",
        ] {
            assert!(may_reserve_rights(line), "{line}");
            assert!(RIGHTS.is_match(line), "{line}");
        }
        assert!(!may_reserve_rights("The minister said all rights were kept."));
        assert!(widget_opener("– ſports news") && WIDGET_TITLE.is_match("– ſports news"));
        assert!(!widget_opener("Sportsman of the year"));
    }

    #[test]
    fn shapes() {
        assert_eq!(hit(" date 2019-05-05 - The ministry said").unwrap().0, "date 2019-05-05");
        assert_eq!(hit("Ministers meet in Hanoi (Photo: VNA)").unwrap().0, "(Photo: VNA)");
        assert_eq!(hit("The dam is seen on Monday. (Xinhua/ Li Ming) Photo Gallery").unwrap().0, "(Xinhua/ Li Ming) Photo Gallery");
        assert_eq!(hit("The minister at the site. Photo: Tran Van Binh").unwrap().0, "Photo: Tran Van Binh");
        assert_eq!(hit("The minister at the site. — Bernama pic").unwrap().0, "Bernama pic");
        assert_eq!(hit("(abc/def)").unwrap().1, Confidence::High);
        assert!(hit("abc/def/xyz").is_some());
        assert!(hit("He left. (kls/mdr)").is_some());
        assert!(hit("8 hours ago").is_some());
        assert!(hit("Read: 2012").is_some());
        assert!(hit("0 comment 10 views").is_some());
        assert!(hit("Image 1 of 4").is_some());
        // a lone pipe or hash is markup; a lone star or dash is a section break
        assert_eq!(hit(" # ").unwrap().0, " # ");
        assert!(hit("|").is_some());
        assert!(hit("*").is_none() && hit("-").is_none() && hit("##").is_none());
        assert!(hit("https://example.com/news/1234").is_some());
        assert!(hit("Home > World > Asia").is_some());
        assert!(hit("English Español Русский").is_some());
        assert!(hit("RU UA EN").is_some());
        assert!(hit("Print Mail Large Medium Small").is_some());
        assert!(hit("Copyright 2023, Example News. All rights reserved").is_some());
        assert!(hit("-30-").is_some());
        assert!(hit("Most Visited in World").is_some());
        assert!(hit("Top Business stories").is_some());
        assert!(hit("– World news –").is_some());
        assert!(hit("Jane Roe: 555-441-0100, @janeroe").is_some());
        assert!(hit("Reuters messaging rm://jane.roe.example.com@reuters.net").is_some());
        assert!(hit("|  |").is_some());
        assert_eq!(hit("The two sides agreed to keep in touch. END").unwrap().0, "END");
        assert_eq!(hit("The amir thanked the envoy. (end) abc.de").unwrap().0, "(end) abc.de");
        assert_eq!(hit("END").unwrap().0, "END");
        assert_eq!(hit("He said the war was near its END"), None);
        assert!(hit(", , , , , , , , , , , , , , , , ,").is_some());
        let header = |line: &str| classify(line, Position { near_start: true, after_prose: false }, &vocab()).len();
        assert_eq!(header("Yerevan 10 ℃"), 1);
        assert_eq!(header("Minsk Overcast sky +17°C"), 1);
        assert_eq!(header("Temperatures hit 10 ℃ on Monday"), 0);
    }

    #[test]
    fn prose_and_tables_are_not_shapes() {
        for line in [
            "Net 1,234,000 vs 987,000",
            "2024/25 2025/26",
            "12,500",
            "Home Secretary Jane Doe said on Monday the plan would go ahead.",
            "Home Office Plans New Asylum Rules",
            "The photo: a girl on a bridge, which became famous.",
            "He said all rights reserved by the treaty would be kept, and left.",
            "Share prices fell.",
            "Live music returns to the square",
            "Most visited the site before noon.",
            "Call the hotline on 555-441-0100 if you see the missing boy.",
            "Top officials met in the capital",
            "World news agencies reported the blast",
            "Revenue > costs",
            "The company, which employs 400 people, said it would appeal (Reuters).",
            "- - - -",
            "Facebook",
            "High of 10°C, low of 6°C",
            "Highs near 31°C and lows of 24°C are forecast.",
            "Minimum wage rises 10%",
            "***",
            ",",
            "| Team | Points |",
        ] {
            assert_eq!(hit(line), None, "{line}");
        }
    }

    #[test]
    fn a_dated_teaser_is_a_headline_then_its_date() {
        for (line, want) in [
            ("Tips for new runners - November 6, 2020", Some(true)),
            ("Five tools for a small business | 24 Nov 2018", Some(true)),
            ("Talks resume in DohaGMT 16:26 2018 Saturday ,20 October", Some(true)),
            ("Aid convoy reaches the north \"Lindqvist\"GMT 16:30 2018 Saturday ,08 September", Some(true)),
            ("GMT 18:29 2018 Tuesday ,23 October", Some(false)),
            ("November 6, 2020", Some(false)),
            // a sentence that ends in its date, a caption, a results row, a lower-case start
            ("The law takes effect on May 1, 2026", None),
            ("The law takes effect. - May 1, 2026", None),
            ("Fans queue outside the ground, May 4, 2024", None),
            ("Hull 2 Leeds 1 - May 4, 2024", None),
            ("updated - May 4, 2024", None),
            ("Talks resume in Doha", None),
        ] {
            assert_eq!(dated_teaser(line), want, "{line}");
        }
    }
}
