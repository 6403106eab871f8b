//! Where double quotation marks are open, computed once per document.
//!
//! [`QuoteIndex`] records, for every paragraph, each double quotation mark and whether the text
//! after it is inside quotes, so "is this offset quoted?" is a binary search instead of a recount
//! of the paragraph from its start (which made a one-paragraph story quadratic).
//!
//! The reading is the one `rules::util::in_quotes` (now [`crate::Document::in_quotes`]) always
//! had: inside quotes when the paragraph so far holds an odd number of straight `"`, or more
//! opening (`“` `«` `„`) than closing (`”` `»`) marks.

use crate::span::Span;

/// Quote state changes per paragraph (see the module docs).
#[derive(Debug, Default)]
pub struct QuoteIndex {
    /// `(byte offset of a quotation mark, inside quotes after it)`, in text order.
    events: Vec<(usize, bool)>,
    /// For paragraph `i`, its events are `events[first[i]..first[i + 1]]`.
    first: Vec<usize>,
    /// Paragraphs are sorted and do not overlap, so the paragraph of an offset is a binary search.
    disjoint: bool,
}

impl QuoteIndex {
    pub fn new(text: &str, paragraphs: &[Span]) -> QuoteIndex {
        let mut events = Vec::new();
        let mut first = Vec::with_capacity(paragraphs.len() + 1);
        for p in paragraphs {
            first.push(events.len());
            let (mut straight, mut open, mut close) = (0usize, 0usize, 0usize);
            let para = &text[p.start..p.end];
            // every mark is multi-byte except `"`: skip ASCII runs without one quickly
            for (i, c) in para.char_indices() {
                match c {
                    '"' => straight += 1,
                    '“' | '«' | '„' => open += 1,
                    '”' | '»' => close += 1,
                    _ => continue,
                }
                events.push((p.start + i, straight % 2 == 1 || open > close));
            }
        }
        first.push(events.len());
        let disjoint = paragraphs.windows(2).all(|w| w[0].end <= w[1].start);
        QuoteIndex { events, first, disjoint }
    }

    /// Is the byte offset inside double quotation marks in its paragraph?
    pub fn in_quotes(&self, paragraphs: &[Span], offset: usize) -> bool {
        let p = if self.disjoint {
            let i = paragraphs.partition_point(|p| p.end <= offset);
            match paragraphs.get(i) {
                Some(p) if p.start <= offset => i,
                _ => return false,
            }
        } else {
            match paragraphs.iter().position(|p| p.start <= offset && offset < p.end) {
                Some(i) => i,
                None => return false,
            }
        };
        let events = &self.events[self.first[p]..self.first[p + 1]];
        // the last mark that starts before the offset
        let k = events.partition_point(|&(at, _)| at < offset);
        k > 0 && events[k - 1].1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn slow(text: &str, paragraphs: &[Span], offset: usize) -> bool {
        let Some(p) = paragraphs.iter().find(|p| p.start <= offset && offset < p.end) else { return false };
        let before = &text[p.start..offset];
        let straight = before.matches('"').count();
        let open = before.matches(['“', '«', '„']).count();
        let close = before.matches(['”', '»']).count();
        straight % 2 == 1 || open > close
    }

    #[test]
    fn agrees_with_recounting() {
        let text = "He said \"Putin\" and “Biden” met «Macron» „Scholz“ \"open\nNext “para\" x\n\n\"a\" b";
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for (i, c) in text.char_indices() {
            if c == '\n' {
                if i > start {
                    paragraphs.push(Span::new(start, i));
                }
                start = i + 1;
            }
        }
        paragraphs.push(Span::new(start, text.len()));
        let q = QuoteIndex::new(text, &paragraphs);
        for (i, _) in text.char_indices() {
            assert_eq!(q.in_quotes(&paragraphs, i), slow(text, &paragraphs, i), "at {i}");
        }
        let overlapping = vec![Span::new(0, text.find("met").unwrap()), Span::new(5, text.find("open").unwrap())];
        let q = QuoteIndex::new(text, &overlapping);
        for (i, _) in text.char_indices() {
            assert_eq!(q.in_quotes(&overlapping, i), slow(text, &overlapping, i), "at {i}");
        }
    }
}
