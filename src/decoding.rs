//! How a story's text was decoded from its file: the encoding it was read in
//! ([`EncodingInfo`]) and the map from decoded offsets back to the file's bytes ([`OffsetMap`]).
//! A [`Document`](crate::document::Document) holds both; the decoders that make them are in
//! `input::encoding`.

/// How the encoding was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EncodingSource {
    /// `--encoding` or the config.
    Forced,
    /// A byte-order mark.
    Bom,
    /// The XML declaration or an HTML meta charset.
    Declared,
    /// Guessed from the bytes by chardetng.
    Detected,
}

/// The encoding a (non-UTF-8) story was read in, shown in the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EncodingInfo {
    /// WHATWG name: `windows-1252`, `UTF-16LE`, `ISO-8859-2`...
    pub name: &'static str,
    pub source: EncodingSource,
}

/// Offsets in a decoded text mapped back to byte offsets in the original file.
///
/// Stored as runs: in a run starting at decoded offset `d` and original offset `o`, decoded
/// offset `d + k` is original offset `o + k * unit` (`unit` = 1 for ASCII in ASCII-compatible
/// encodings, 2 for ASCII in UTF-16, 0 inside one non-ASCII character, which maps as a whole).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct OffsetMap {
    /// (decoded start, original start, unit), sorted by decoded start.
    pub(crate) runs: Vec<(usize, usize, u8)>,
    pub(crate) decoded_len: usize,
    pub(crate) original_len: usize,
}

impl OffsetMap {
    /// The original byte offset of a decoded offset (a char boundary of the decoded text).
    pub(crate) fn to_original(&self, decoded: usize) -> usize {
        if decoded >= self.decoded_len {
            return self.original_len;
        }
        let i = self.runs.partition_point(|r| r.0 <= decoded);
        if i == 0 {
            return 0;
        }
        let (d, o, unit) = self.runs[i - 1];
        o + (decoded - d) * unit as usize
    }

    pub(crate) fn push(&mut self, decoded: usize, original: usize, unit: u8) {
        if let Some(&(d, o, u)) = self.runs.last() {
            // extend a linear ASCII run instead of starting a new one
            if u == unit && unit != 0 && o + (decoded - d) * u as usize == original {
                return;
            }
        }
        self.runs.push((decoded, original, unit));
    }
}
