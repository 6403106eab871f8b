//! Quotations, found once per document by one parser (#16).
//!
//! [`Quotes`] pairs the quotation marks of every paragraph into [`Quote`]s: `"…"`, `“…”`,
//! German `„…“` (and `„…”`), `«…»`, German `»…«`, Swedish `”…”`, curly single `‘…’` and CJK
//! `「…」` / `『…』`. Every reader asks it: "is this offset quoted?" is a binary search, and a
//! rule that wants the quotations of a paragraph gets their spans.
//!
//! How marks pair, in one left-to-right pass over a paragraph:
//! - While nothing is open, `"`, `“`, `„`, `«`, `「` and `『` open a quotation; `»` opens one
//!   only before a word (`»Wir schaffen das«`), `”` only between a space and a word
//!   (`”Vi är redo”`), `‘` only after a non-letter and before a non-space (so no apostrophe
//!   opens one).
//! - While one is open, marks of another family are ignored (nested quotations are inside the
//!   outer one anyway). A double quotation is closed by `”` or `"` (copy mixes them), by `“`
//!   when it was opened by `„` or when the `“` stands after a non-space and before a non-letter
//!   (a wrong closing mark), by `»` after `«` and `«` after `»`. A single quotation is closed by
//!   a `’` that no letter follows (`don’t` is an apostrophe, `‘no’,` a closing mark). A corner
//!   bracket closes its own kind.
//! - A quotation still open at the paragraph's end runs to it: wire style leaves a quotation
//!   that goes on into the next paragraph unclosed, and opens it again there.

use crate::span::Span;

/// Which family of marks a quotation uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteMark {
    /// `"…"`, `“…”`, `„…“`, `«…»`, `»…«`, `”…”`.
    Double,
    /// `‘…’`.
    Single,
    /// `「…」`, `『…』`.
    Corner,
}

/// One quotation in one paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    /// The opening mark.
    pub open: Span,
    /// The closing mark; `None` when the quotation runs to the paragraph's end.
    pub close: Option<Span>,
    /// The text between the marks.
    pub inner: Span,
    pub mark: QuoteMark,
}

/// The quotations of every paragraph of a document.
#[derive(Debug, Default)]
pub struct Quotes {
    all: Vec<Quote>,
    /// For paragraph `i`, its quotations are `all[first[i]..first[i + 1]]`.
    first: Vec<usize>,
    /// Paragraphs are sorted and do not overlap, so the paragraph of an offset is a binary search.
    disjoint: bool,
}

/// An open quotation while a paragraph is read.
#[derive(Clone, Copy)]
struct Open {
    at: usize,
    mark: char,
    len: usize,
}

impl Quotes {
    pub fn new(text: &str, paragraphs: &[Span]) -> Quotes {
        let mut quotes = Vec::new();
        let mut first = Vec::with_capacity(paragraphs.len() + 1);
        for p in paragraphs {
            first.push(quotes.len());
            parse_paragraph(text, *p, &mut quotes);
        }
        first.push(quotes.len());
        let disjoint = paragraphs.windows(2).all(|w| w[0].end <= w[1].start);
        Quotes { all: quotes, first, disjoint }
    }

    /// The index of the paragraph holding a byte offset.
    fn paragraph_of(&self, paragraphs: &[Span], offset: usize) -> Option<usize> {
        if self.disjoint {
            let i = paragraphs.partition_point(|p| p.end <= offset);
            paragraphs.get(i).filter(|p| p.start <= offset).map(|_| i)
        } else {
            paragraphs.iter().position(|p| p.start <= offset && offset < p.end)
        }
    }

    /// The quotations of paragraph `i` (an index into the paragraphs this was built from).
    pub fn of_paragraph(&self, i: usize) -> &[Quote] {
        match (self.first.get(i), self.first.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.all[a..b],
            _ => &[],
        }
    }

    /// The quotation an offset is inside of: after its opening mark, up to and including the
    /// start of its closing mark (or the paragraph's end).
    pub fn at(&self, paragraphs: &[Span], offset: usize) -> Option<&Quote> {
        let p = self.paragraph_of(paragraphs, offset)?;
        let quotes = self.of_paragraph(p);
        // the last quotation that opens before the offset
        let k = quotes.partition_point(|q| q.open.start < offset);
        quotes[..k].last().filter(|q| offset <= q.inner.end)
    }
}

fn is_letter(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

fn is_space(c: Option<char>) -> bool {
    c.is_none_or(char::is_whitespace)
}

/// Can `c` open a quotation here (nothing is open)? `prev` and `next` are the neighbouring
/// chars in the paragraph.
fn opens(c: char, prev: Option<char>, next: Option<char>) -> Option<QuoteMark> {
    match c {
        '"' | '“' | '„' | '«' => Some(QuoteMark::Double),
        '»' if !is_space(next) => Some(QuoteMark::Double),
        '”' if is_space(prev) && is_letter(next) => Some(QuoteMark::Double),
        '‘' if !is_letter(prev) && !is_space(next) => Some(QuoteMark::Single),
        '「' | '『' => Some(QuoteMark::Corner),
        _ => None,
    }
}

/// Does `c` close the quotation `open` here?
fn closes(open: char, c: char, prev: Option<char>, next: Option<char>) -> bool {
    match open {
        '"' | '“' | '„' | '”' => match c {
            '"' | '”' => true,
            '“' => open == '„' || (!is_space(prev) && !is_letter(next)),
            _ => false,
        },
        '«' => c == '»',
        '»' => c == '«',
        '‘' => c == '’' && !is_letter(next),
        '「' => c == '」',
        '『' => c == '』',
        _ => false,
    }
}

fn parse_paragraph(text: &str, para: Span, out: &mut Vec<Quote>) {
    let s = &text[para.start..para.end];
    let bytes = s.as_bytes();
    let mut open: Option<(Open, QuoteMark)> = None;
    // every mark is `"` or starts with the byte 0xC2 (`«` `»`), 0xE2 (`“` `”` `„` `‘` `’`) or
    // 0xE3 (`「` `」` `『` `』`): only those bytes are decoded, with the chars around them
    // (found with memchr: a byte loop was 10 M instructions per 1,000 stories, #16; `e3` is the
    // next 0xE3 byte at or after `i`, searched again once passed)
    let mut i = 0;
    let mut e3 = memchr::memchr(0xE3, bytes).unwrap_or(bytes.len());
    loop {
        if e3 < i {
            e3 = memchr::memchr(0xE3, &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        i = memchr::memchr3(b'"', 0xC2, 0xE2, &bytes[i..]).map_or(bytes.len(), |k| i + k).min(e3);
        if i >= bytes.len() {
            break;
        }
        let c = s[i..].chars().next().expect("a char starts at a lead byte");
        let len = c.len_utf8();
        if !matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‘' | '’' | '「' | '」' | '『' | '』') {
            i += len;
            continue;
        }
        let prev = s[..i].chars().next_back();
        let next = s[i + len..].chars().next();
        let at = para.start + i;
        match open {
            Some((o, mark)) if closes(o.mark, c, prev, next) => {
                out.push(Quote {
                    open: Span::new(o.at, o.at + o.len),
                    close: Some(Span::new(at, at + len)),
                    inner: Span::new(o.at + o.len, at),
                    mark,
                });
                open = None;
            }
            Some(_) => {}
            None => {
                if let Some(mark) = opens(c, prev, next) {
                    open = Some((Open { at, mark: c, len }, mark));
                }
            }
        }
        i += len;
    }
    if let Some((o, mark)) = open {
        out.push(Quote { open: Span::new(o.at, o.at + o.len), close: None, inner: Span::new(o.at + o.len, para.end), mark });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(text: &str) -> Quotes {
        Quotes::new(text, &[Span::new(0, text.len())])
    }

    /// The quoted texts of a one-paragraph text.
    fn inner(text: &str) -> Vec<&str> {
        one(text).all.iter().map(|q| &text[q.inner.start..q.inner.end]).collect()
    }

    #[test]
    fn pairs_every_style() {
        assert_eq!(inner("He said \"no\" and “yes” today."), ["no", "yes"]);
        assert_eq!(inner("Er sagte: „Wir schaffen das“, und ging."), ["Wir schaffen das"]);
        assert_eq!(inner("Er sagte: „Wir schaffen das”, und ging."), ["Wir schaffen das"]);
        assert_eq!(inner("Il a dit : « Non », puis « Oui »."), [" Non ", " Oui "]);
        assert_eq!(inner("Er sagte: »Wir schaffen das«, und ging."), ["Wir schaffen das"]);
        assert_eq!(inner("Han sa: ”Vi är redo” i går."), ["Vi är redo"]);
        assert_eq!(inner("The ‘Iron Lady’ spoke, and it’s the minister’s plan."), ["Iron Lady"]);
        assert_eq!(inner("他说「我们准备好了」，然后『离开』。"), ["我们准备好了", "离开"]);
    }

    #[test]
    fn german_quotes_close_and_later_text_is_not_quoted() {
        // the old reading counted `“` as a second opening mark, so everything after a German
        // quotation stayed "quoted" to the paragraph's end
        let text = "Scholz sagte „Nein“ zu Olaf Scholz.";
        let q = one(text);
        let para = [Span::new(0, text.len())];
        assert!(q.at(&para, text.find("Nein").unwrap()).is_some());
        assert!(q.at(&para, text.find("Olaf").unwrap()).is_none());
    }

    #[test]
    fn apostrophes_and_mixed_marks() {
        // an apostrophe never opens or closes; a sloppy `“…"` still pairs
        assert_eq!(inner("It’s the ministers’ plan, he said."), Vec::<&str>::new());
        assert_eq!(inner("‘We don’t know’, she said."), ["We don’t know"]);
        assert_eq!(inner("He called it “a disgrace\" on Monday."), ["a disgrace"]);
        // a wrong closing `“` after a word
        assert_eq!(inner("He called it “a disgrace“ on Monday."), ["a disgrace"]);
        // `”` and `»` between words close nothing and open nothing
        assert_eq!(inner("Prices rose 5” and fell » later."), Vec::<&str>::new());
    }

    #[test]
    fn an_unclosed_quotation_runs_to_its_paragraph_end() {
        let text = "\"We will go on, he said\nThe talks ended.";
        let paras = [Span::new(0, 23), Span::new(24, text.len())];
        let q = Quotes::new(text, &paras);
        let first = q.of_paragraph(0);
        assert_eq!(first.len(), 1);
        assert_eq!((first[0].close, first[0].inner.end), (None, 23));
        assert!(q.at(&paras, text.find("said").unwrap()).is_some());
        assert!(q.at(&paras, text.find("talks").unwrap()).is_none());
        assert!(q.of_paragraph(1).is_empty());
    }

    #[test]
    fn inside_means_after_the_opening_mark_up_to_the_closing_one() {
        let text = "a \"b\" c";
        let q = one(text);
        let para = [Span::new(0, text.len())];
        let inside: Vec<usize> = (0..=text.len()).filter(|&i| q.at(&para, i).is_some()).collect();
        assert_eq!(inside, [3, 4]);
        // overlapping paragraphs are searched one by one
        let overlapping = [Span::new(0, 5), Span::new(2, text.len())];
        let q = Quotes::new(text, &overlapping);
        assert!(q.at(&overlapping, 3).is_some());
        assert!(q.at(&overlapping, 6).is_none());
    }
}
