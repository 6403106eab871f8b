//! Byte spans into a story's text, and line/column lookup.

use serde::Serialize;

/// A half-open byte range `[start, end)` into a [`crate::Document`]'s text.
/// Always on `char` boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
    pub(crate) fn cover(&self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
    /// The text this span covers.
    pub fn of<'a>(&self, text: &'a str) -> &'a str {
        &text[self.start..self.end]
    }
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
}

impl From<std::ops::Range<usize>> for Span {
    fn from(r: std::ops::Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

/// A fixed set of spans that answers "does any of them overlap this span?" by binary search:
/// sorted by start, with the running maximum of their ends.
#[derive(Debug, Clone, Default)]
pub(crate) struct SpanSet {
    starts: Vec<usize>,
    max_end: Vec<usize>,
}

impl SpanSet {
    pub fn new(spans: impl IntoIterator<Item = Span>) -> SpanSet {
        let mut sorted: Vec<Span> = spans.into_iter().collect();
        sorted.sort_unstable();
        let mut max_end = Vec::with_capacity(sorted.len());
        let mut m = 0;
        for s in &sorted {
            m = m.max(s.end);
            max_end.push(m);
        }
        SpanSet { starts: sorted.iter().map(|s| s.start).collect(), max_end }
    }

    /// `spans.iter().any(|s| s.overlaps(span))`
    pub fn overlaps(&self, span: Span) -> bool {
        let k = self.starts.partition_point(|&s| s < span.end);
        k > 0 && self.max_end[k - 1] > span.start
    }
}

/// Line starts of a text, for 1-based line and column (columns count Unicode scalar values).
/// A line ends at LF, CRLF or a lone CR, as editors count lines.
#[derive(Debug, Clone, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// For texts with a line longer than [`MARK_STEP`]: `(byte offset, chars before it)` about
    /// every `MARK_STEP` bytes, so that a column on a long line is counted from the nearest mark,
    /// not from the line start (a finding per sentence on a one-line story would otherwise cost
    /// the whole line each: quadratic).
    marks: Vec<(usize, usize)>,
}

/// Bytes between two [`LineIndex`] char-count marks.
const MARK_STEP: usize = 4096;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        starts.extend(
            memchr::memchr2_iter(b'\n', b'\r', bytes).filter(|&i| !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n'))).map(|i| i + 1),
        );
        let long_line = starts.windows(2).any(|w| w[1] - w[0] > MARK_STEP) || text.len() - starts.last().copied().unwrap_or(0) > MARK_STEP;
        let mut marks = Vec::new();
        if long_line {
            let (mut at, mut chars) = (0, 0);
            marks.push((0, 0));
            while at + MARK_STEP < text.len() {
                let mut next = at + MARK_STEP;
                while !text.is_char_boundary(next) {
                    next += 1;
                }
                chars += text[at..next].chars().count();
                at = next;
                marks.push((at, chars));
            }
        }
        LineIndex { starts, marks }
    }

    /// Chars before byte offset `at` (a char boundary), counted from the nearest mark.
    fn chars_before(&self, text: &str, at: usize) -> usize {
        let k = self.marks.partition_point(|&(b, _)| b <= at) - 1;
        let (b, c) = self.marks[k];
        c + text[b..at].chars().count()
    }

    /// 1-based line and 1-based column (in chars) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.starts[line];
        let col = if offset - start > MARK_STEP && !self.marks.is_empty() {
            self.chars_before(text, offset) - self.chars_before(text, start) + 1
        } else {
            text[start..offset].chars().count() + 1
        };
        (line + 1, col)
    }

    /// Byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.saturating_sub(1).min(self.starts.len() - 1)]
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_chars() {
        let text = "ab\nçé x\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        assert_eq!(idx.line_col(text, 3), (2, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 4));
    }

    #[test]
    fn columns_on_a_long_line_match_a_plain_count() {
        let text = format!("first\n{}\nlast {}", "Zürich, Kraków и Москва. ".repeat(2000), "x".repeat(9000));
        let idx = LineIndex::new(&text);
        assert!(!idx.marks.is_empty());
        for at in (0..text.len()).step_by(997).filter(|&i| text.is_char_boundary(i)) {
            let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            let line = text[..at].matches('\n').count() + 1;
            assert_eq!(idx.line_col(&text, at), (line, text[line_start..at].chars().count() + 1), "at {at}");
        }
        assert_eq!(idx.line_col(&text, text.len()).1, 5 + 9000 + 1);
    }

    #[test]
    fn crlf_and_lone_cr_end_lines() {
        let text = "a\r\nb\rc\nd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, text.find('b').unwrap()), (2, 1));
        assert_eq!(idx.line_col(text, text.find('c').unwrap()), (3, 1));
        assert_eq!(idx.line_col(text, text.find('d').unwrap()), (4, 1));
        assert_eq!(idx.line_count(), 4);
    }
}
