//! The story's language: declared (flag, config, input metadata) or detected with whatlang
//! over the body, restricted to the copy languages.

use whatlang::{Detector, Lang};

use super::Document;

/// Copy languages wirelint has lexicons for, as ISO 639-1 codes with their whatlang ids.
pub const COPY_LANGUAGES: &[(&str, Lang)] = &[
    ("en", Lang::Eng),
    ("id", Lang::Ind),
    ("es", Lang::Spa),
    ("fr", Lang::Fra),
    ("de", Lang::Deu),
    ("pt", Lang::Por),
    ("ru", Lang::Rus),
    ("tr", Lang::Tur),
    ("ar", Lang::Ara),
    ("zh", Lang::Cmn),
    ("it", Lang::Ita),
    ("nl", Lang::Nld),
];

/// The ISO 639-1 code of a whatlang language (or its 639-3 code when none is listed).
pub fn code_of(lang: Lang) -> &'static str {
    COPY_LANGUAGES.iter().find(|(_, l)| *l == lang).map(|(c, _)| *c).unwrap_or_else(|| lang.code())
}

/// The whatlang language for a code (`en`, `eng`, `English`).
pub fn lang_of(code: &str) -> Option<Lang> {
    let c = code.trim().to_ascii_lowercase();
    let c = c.split(['-', '_']).next().unwrap_or("");
    COPY_LANGUAGES.iter().find(|(k, _)| *k == c).map(|(_, l)| *l).or_else(|| Lang::from_code(c))
}

/// A static code for a user-given language code.
pub fn intern(code: &str) -> &'static str {
    match lang_of(code) {
        Some(l) => code_of(l),
        None => Box::leak(code.trim().to_ascii_lowercase().into_boxed_str()),
    }
}

/// Sets [`Document::language`].
pub(super) fn assign(doc: &mut Document, opts: &super::AnalyseOptions) {
    if let Some(l) = opts.language.as_deref().filter(|l| !l.is_empty() && *l != "auto") {
        doc.language = Some(intern(l));
        doc.language_source = "declared";
        return;
    }
    let allow: Vec<Lang> = if opts.languages.is_empty() {
        COPY_LANGUAGES.iter().map(|(_, l)| *l).collect()
    } else {
        opts.languages.iter().filter_map(|c| lang_of(c)).collect()
    };
    let detector = Detector::with_allowlist(allow);
    let body = doc.slice(doc.body);
    // the first ~2 KB are plenty for a story-level decision
    let mut end = body.len().min(2048);
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let sample = if body.trim().is_empty() { doc.text.as_str() } else { &body[..end] };
    if let Some(info) = detector.detect(sample) {
        doc.language = Some(code_of(info.lang()));
        doc.language_source = "detected";
    }
}
