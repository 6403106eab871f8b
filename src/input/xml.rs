//! XML parsing for NITF and NewsML-G2 (quick-xml), into a [`Tree`] whose text nodes are byte
//! ranges of the file.
//!
//! Safe on hostile input: a DOCTYPE's internal subset is read but never used, so no entity is
//! ever expanded (a "billion laughs" file costs its own size) and nothing external is fetched;
//! undeclared or DTD-declared references other than the XML and HTML 4 names stay as written.
//! Nesting deeper than [`MAX_DEPTH`] or more than [`MAX_ELEMENTS`] elements is an error.

use quick_xml::events::{BytesStart, Event};
use quick_xml::reader::Reader;

use super::InputError;
use super::markup::{Child, Elem, MAX_DEPTH, MAX_ELEMENTS, Source, Tree, local};
use crate::span::Span;
use crate::text::entities::decode_str;

/// Parses an XML file into a tree, or one error with the file position.
pub fn parse(src: &Source) -> Result<Tree, InputError> {
    // quick-xml skips a byte-order mark and counts its positions from after it: read the text
    // after the mark and add its length back, so every span is a byte range of the file
    let base = if src.text.starts_with('\u{feff}') { '\u{feff}'.len_utf8() } else { 0 };
    let text: &str = &src.text[base..];
    let mut reader = Reader::from_str(text);
    {
        let cfg = reader.config_mut();
        cfg.trim_text(false);
        cfg.check_end_names = true;
        cfg.expand_empty_elements = false;
    }
    let mut tree = Tree::default();
    let mut stack: Vec<usize> = vec![0];
    loop {
        let before = base + reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => return Err(src.error_at(base + reader.error_position() as usize, format!("malformed XML: {e}"))),
        };
        let after = base + reader.buffer_position() as usize;
        let top = *stack.last().expect("root stays");
        match ev {
            Event::Start(e) => {
                let i = add_elem(src, &mut tree, top, &e, before)?;
                stack.push(i);
                if stack.len() > MAX_DEPTH + 1 {
                    return Err(src.error_at(before, format!("elements nested deeper than {MAX_DEPTH} levels")));
                }
            }
            Event::Empty(e) => {
                add_elem(src, &mut tree, top, &e, before)?;
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Text(_) | Event::GeneralRef(_) => {
                if top != 0 {
                    tree.elems[top].children.push(Child::Text(Span::new(before, after)));
                }
            }
            Event::CData(_) => {
                if top != 0 && after >= before + 12 {
                    tree.elems[top].children.push(Child::CData(Span::new(before + 9, after - 3)));
                }
            }
            // the internal subset is never used: no entity expansion, no external fetch
            Event::DocType(_) | Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if stack.len() > 1 {
        let open = &tree.elems[*stack.last().unwrap()];
        return Err(src.error_at(
            src.text.len(),
            format!("malformed XML: <{}> (line {}) is never closed", open.name, src.lines.line_col(&src.text, open.start).0),
        ));
    }
    if tree.children(0).next().is_none() {
        return Err(src.error_at(0, "malformed XML: no root element"));
    }
    Ok(tree)
}

fn add_elem(src: &Source, tree: &mut Tree, parent: usize, e: &BytesStart<'_>, start: usize) -> Result<usize, InputError> {
    if tree.elems.len() >= MAX_ELEMENTS {
        return Err(src.error_at(start, format!("more than {MAX_ELEMENTS} elements")));
    }
    let qname = AsRef::<str>::as_ref(&e.name()).to_string();
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| src.error_at(start, format!("malformed XML attribute in <{qname}>: {err}")))?;
        let key: &str = a.key.as_ref();
        let value: &str = &a.value;
        attrs.push((Box::from(key), decode_str(value).into_owned()));
    }
    tree.elems.push(Elem { name: Box::from(local(&qname)), attrs, children: Vec::new(), start });
    let i = tree.elems.len() - 1;
    tree.elems[parent].children.push(Child::Elem(i));
    Ok(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Tree, InputError> {
        parse(&Source::new("t.xml", s.to_string()))
    }

    #[test]
    fn text_nodes_are_file_ranges() {
        let s = "<a>Hamas &amp; <b>Jihad</b></a>";
        let t = parse_str(s).unwrap();
        let spans: Vec<&str> =
            t.elems[1].children.iter().filter_map(|c| if let Child::Text(sp) = c { Some(sp.of(s)) } else { None }).collect();
        assert_eq!(spans, vec!["Hamas ", "&amp;", " "]);
        assert_eq!(t.plain_text(s, 1), "Hamas & Jihad");
    }

    #[test]
    fn malformed_xml_reports_position() {
        let e = parse_str("<nitf>\n  <body>\n  </bdy>\n</nitf>").unwrap_err();
        assert_eq!((e.line, e.column), (Some(3), Some(3)), "{e}");
        let e = parse_str("<nitf>\n<p>a").unwrap_err();
        assert!(e.message.contains("never closed"), "{e}");
    }

    #[test]
    fn entity_bomb_is_not_expanded() {
        let mut s = String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for i in 1..10 {
            let prev = if i == 1 { "lol".to_string() } else { format!("lol{}", i - 1) };
            s.push_str(&format!(" <!ENTITY lol{i} \"{}\">\n", format!("&{prev};").repeat(10)));
        }
        s.push_str("]>\n<nitf><body><body.content><p>&lol9;</p></body.content></body></nitf>");
        let t = parse_str(&s).unwrap();
        assert!(t.plain_text(&s, 1).len() < 20);
        let e = parse_str("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>").unwrap();
        assert_eq!(e.plain_text("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>", 1), "&e;");
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let s = format!("{}{}", "<a>".repeat(100_000), "</a>".repeat(100_000));
        let e = parse_str(&s).unwrap_err();
        assert!(e.message.contains("nested deeper"), "{e}");
    }
}
