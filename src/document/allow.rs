//! Inline suppressions as a story is read: the `<!-- wirelint-allow[-file] RULES -->` comments
//! of a file (found, and blanked in plain text so they are never read as copy) and the
//! `wirelint_allow` field of a JSON Lines record. A [`Document`](super::Document) keeps the
//! record's suppressions; `suppress` applies them (and the comments) to findings.

use crate::span::Span;

/// A suppression a story carries (markup comment or record field).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Inline {
    /// Rule selectors.
    pub rules: Vec<String>,
    pub text: Option<String>,
    pub scope: Scope,
    /// How it is written, for the unused-suppression message.
    pub written: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    /// The whole story.
    Story,
    /// A paragraph (document span); `None` when the comment governs nothing in this story.
    Paragraph(Option<Span>),
}

/// A markup comment found in a file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Comment {
    /// Byte range of the whole `<!-- ... -->` in the text.
    pub span: Span,
    pub file: bool,
    pub rules: Vec<String>,
}

pub(crate) const MARK: &str = "wirelint-allow";

/// Every `<!-- wirelint-allow[-file] RULES[: reason] -->` comment of a text.
pub(crate) fn scan_comments(text: &str) -> Vec<Comment> {
    let mut out = Vec::new();
    if memchr::memmem::find(text.as_bytes(), MARK.as_bytes()).is_none() {
        return out;
    }
    let mut at = 0;
    while let Some(i) = text[at..].find("<!--") {
        let start = at + i;
        let Some(j) = text[start + 4..].find("-->") else { break };
        let end = start + 4 + j + 3;
        at = end;
        let inner = text[start + 4..end - 3].trim();
        let (file, rest) = if let Some(r) = inner.strip_prefix("wirelint-allow-file") {
            (true, r)
        } else if let Some(r) = inner.strip_prefix(MARK) {
            (false, r)
        } else {
            continue;
        };
        if !rest.starts_with(char::is_whitespace) {
            continue;
        }
        let rules_part = rest.split(':').next().unwrap_or("");
        let rules: Vec<String> = rules_part.split([',', ' ', '\t', '\n', '\r']).filter(|s| !s.is_empty()).map(str::to_string).collect();
        out.push(Comment { span: Span::new(start, end), file, rules });
    }
    out
}

/// The text with every suppression comment blanked (same length, newlines kept), so that in
/// plain text and Markdown a comment is never read as the headline or a paragraph.
pub(crate) fn mask_comments(text: &str, comments: &[Comment]) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for c in comments {
        for b in &mut bytes[c.span.range()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    String::from_utf8(bytes).expect("ASCII spaces over whole comments keep UTF-8")
}

/// Parses a JSON Lines `wirelint_allow` value.
pub(crate) fn from_json(v: &serde_json::Value) -> Result<Vec<Inline>, String> {
    let bad = || "field `wirelint_allow` must be an array of rule names or of {\"rule\": ..., \"text\": ...} objects".to_string();
    let serde_json::Value::Array(items) = v else { return Err(bad()) };
    items
        .iter()
        .map(|item| match item {
            serde_json::Value::String(r) => {
                Ok(Inline { rules: vec![r.clone()], text: None, scope: Scope::Story, written: format!("wirelint_allow \"{r}\"") })
            }
            serde_json::Value::Object(o) => {
                let rule = o.get("rule").and_then(|r| r.as_str()).ok_or_else(bad)?;
                let text = match o.get("text") {
                    None | Some(serde_json::Value::Null) => None,
                    Some(serde_json::Value::String(t)) => Some(t.clone()),
                    Some(_) => return Err(bad()),
                };
                if o.keys().any(|k| k != "rule" && k != "text" && k != "reason") {
                    return Err(bad());
                }
                let written = match &text {
                    Some(t) => format!("wirelint_allow {{rule: \"{rule}\", text: \"{t}\"}}"),
                    None => format!("wirelint_allow {{rule: \"{rule}\"}}"),
                };
                Ok(Inline { rules: vec![rule.to_string()], text, scope: Scope::Story, written })
            }
            _ => Err(bad()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_comments_with_rules_and_reasons() {
        let t = "<p>a</p><!-- wirelint-allow translationese,TR001: a verbatim quote --><!-- other -->\n<!--wirelint-allow-file UN -->";
        let c = scan_comments(t);
        assert_eq!(c.len(), 2);
        assert_eq!((c[0].file, c[0].rules.clone()), (false, vec!["translationese".to_string(), "TR001".to_string()]));
        assert_eq!((c[1].file, c[1].rules.clone()), (true, vec!["UN".to_string()]));
        assert_eq!(&t[c[0].span.range()], "<!-- wirelint-allow translationese,TR001: a verbatim quote -->");
        assert!(scan_comments("<!-- wirelint-allowed x -->").is_empty());
        let masked = mask_comments(t, &c);
        assert_eq!(masked.len(), t.len());
        assert!(!masked.contains("wirelint-allow"));
    }
}
