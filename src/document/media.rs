//! The media lexicon's tables: news agencies and outlets, a trie of every surface form that
//! finds them in a story ([`MediaTables::find_iter`]: the matches of an Aho-Corasick automaton
//! over the forms, leftmost-longest, with no automaton to build at start-up), and the folded
//! forms a written name is resolved by. `attribution.rs` reads them.
//!
//! One builder, two uses, as for the gazetteer: [`Built`] is the tables as built from the
//! `media` lexicons, and [`Built::freeze`] writes them as flat tables ([`crate::flat`]) read in
//! place ([`MediaTables`]). `build.rs` includes this file (`#[path]`) and compiles the tables of
//! the embedded lexicons in; with the user's lexicons of this kind, they are built and frozen at
//! run time. So this file uses only `std`, `rustc_hash`, the lexicon parser, `text` and `flat`.

use std::borrow::Cow;

use rustc_hash::FxHashMap as HashMap;
use rustc_hash::FxHashSet as HashSet;

use crate::flat::{Data, Flat, MapHead, Records, Value, Writer, sorted};
use crate::lexicon::{LexiconError, Lexicons};
use crate::text::Triples;

/// The kinds of lexicon the media tables are built from.
pub const KINDS: &[&str] = &["media"];

/// A news agency or outlet, as built.
#[derive(Debug)]
struct BuiltOutlet {
    name: String,
    country: String,
    kind: String,
}

/// A news agency or outlet.
#[derive(Debug, Clone, Copy)]
pub struct Outlet<'a> {
    pub name: &'a str,
    /// Home country (ISO 3166-1 alpha-2).
    pub country: &'a str,
    /// `agency`, `broadcaster`, `newspaper`, ... as the lexicon says.
    pub kind: &'a str,
}

/// The media tables as built from the lexicons (read as [`MediaTables`] once frozen).
#[derive(Debug, Default)]
pub struct Built {
    outlets: Vec<BuiltOutlet>,
    /// The surface forms the matcher searches for, each once, and per form its outlet and
    /// whether the form is ambiguous on its own.
    forms: Vec<String>,
    patterns: Vec<(u32, bool)>,
    /// Folded form -> the first outlet that has it.
    by_key: HashMap<String, u32>,
}

impl Built {
    pub fn build(lexicons: &Lexicons) -> Result<Self, LexiconError> {
        let mut b = Built::default();
        let mut seen: HashSet<String> = HashSet::default();
        for file in lexicons.of_kind("media") {
            let (name, country, kind, aliases, ambiguous) = (
                file.require("name")?,
                file.require("country")?,
                file.require("type")?,
                file.require("aliases")?,
                file.require("ambiguous")?,
            );
            for row in &file.rows {
                let cc = row.get(country).to_ascii_uppercase();
                if cc.len() != 2 {
                    return Err(file.error(row, format!("country `{}` is not an ISO 3166-1 alpha-2 code", row.get(country))));
                }
                let amb_field = row.get(ambiguous).trim().to_lowercase();
                let amb_all = matches!(amb_field.as_str(), "yes" | "y" | "true" | "1" | "x" | "ambiguous");
                // `ambiguous` may also list which forms are ambiguous: `AP|AA`
                let amb_forms: Vec<&str> = if amb_all || amb_field.is_empty() || matches!(amb_field.as_str(), "no" | "n" | "false" | "0") {
                    Vec::new()
                } else {
                    row.list(ambiguous).collect()
                };
                if row.get(name).is_empty() {
                    // (an empty form would match between any two characters)
                    return Err(file.error(row, "an outlet needs a name"));
                }
                let idx = b.outlets.len() as u32;
                b.outlets.push(BuiltOutlet { name: row.get(name).to_string(), country: cc, kind: row.get(kind).to_string() });
                for form in std::iter::once(row.get(name)).chain(row.list(aliases)) {
                    let amb = amb_all || amb_forms.iter().any(|f| f.eq_ignore_ascii_case(form));
                    b.by_key.entry(crate::text::fold(form)).or_insert(idx);
                    for v in variants(form) {
                        // (a set beside the list: thousands of forms, #16)
                        if seen.insert(v.clone()) {
                            b.forms.push(v);
                            b.patterns.push((idx, amb));
                        }
                    }
                }
            }
        }
        Ok(b)
    }

    /// The surface forms (pattern `i` is form `i`): tests compare the trie with an automaton
    /// over them.
    #[cfg(test)]
    pub fn forms(&self) -> &[String] {
        &self.forms
    }

    /// The tables as flat tables (the layout [`MediaTables`] reads).
    pub fn freeze(&self) -> (Vec<u8>, String) {
        let mut w = Writer::default();
        let outlets: Vec<u32> = self
            .outlets
            .iter()
            .map(|o| {
                let at = w.pos();
                w.str(&o.name);
                w.str(&o.country);
                w.str(&o.kind);
                at
            })
            .collect();
        let outlets = w.records(&outlets);
        let patterns = w.u32s(self.patterns.iter().map(|&(o, amb)| o << 1 | u32::from(amb)));
        let by_key = w.map(sorted(self.by_key.iter()).into_iter().map(|(k, &o)| (k, o)));
        let trie = self.write_trie(&mut w);
        w.finish(&[outlets, patterns, by_key, trie])
    }

    /// The forms as a trie of bytes, for [`MediaTables::find_iter`]: a table of 256 words (the
    /// node each first byte leads to, or 0), then every node as `pattern + 1` (0: no form ends
    /// here), its number of edges and its edges (`byte`, `node`), sorted by byte. Returns the
    /// position of the table.
    fn write_trie(&self, w: &mut Writer) -> u32 {
        // nodes: the form that ends there, and the edges sorted by byte (node 0 is the root)
        let mut nodes: Vec<(u32, Vec<(u8, usize)>)> = vec![(0, Vec::new())];
        for (i, form) in self.forms.iter().enumerate() {
            let mut at = 0;
            for &b in form.as_bytes() {
                at = match nodes[at].1.binary_search_by_key(&b, |e| e.0) {
                    Ok(e) => nodes[at].1[e].1,
                    Err(e) => {
                        nodes.push((0, Vec::new()));
                        let n = nodes.len() - 1;
                        nodes[at].1.insert(e, (b, n));
                        n
                    }
                };
            }
            // each form once (`seen`), none empty: a node ends at most one form, never the root
            nodes[at].0 = u32::try_from(i + 1).expect("forms fit in u32");
        }
        // positions: the table, then nodes 1.. in order
        let table = w.pos();
        let mut pos = vec![0u32; nodes.len()];
        let mut next = table + 1 + 256;
        for (n, node) in nodes.iter().enumerate().skip(1) {
            pos[n] = next;
            next += 2 + 2 * u32::try_from(node.1.len()).expect("edges fit in u32");
        }
        let mut first = [0u32; 256];
        for &(b, n) in &nodes[0].1 {
            first[b as usize] = pos[n];
        }
        w.u32s(first);
        for node in &nodes[1..] {
            w.push(node.0);
            w.pairs(node.1.iter().map(|&(b, n)| (u32::from(b), pos[n])));
        }
        debug_assert_eq!(w.pos(), next);
        table
    }
}

/// Case variants of a surface form: as written, UPPER, and Title for all-caps names of 4+ letters
/// (`TASS` -> `Tass`, `ANTARA` -> `Antara`).
fn variants(form: &str) -> Vec<String> {
    let mut v = vec![form.to_string()];
    let up = form.to_uppercase();
    if up != form && form.chars().filter(|c| c.is_alphabetic()).count() >= 4 {
        v.push(up);
    }
    let letters: Vec<char> = form.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) && !form.contains(' ') {
        let mut t = String::new();
        for (i, c) in form.chars().enumerate() {
            if i == 0 { t.push(c) } else { t.extend(c.to_lowercase()) }
        }
        v.push(t);
    }
    v
}

/// The media tables: flat tables ([`Built::freeze`]), compiled in by `build.rs` or frozen at run
/// time, read in place.
#[derive(Debug)]
pub struct MediaTables {
    data: Data,
    root: Vec<u32>,
    by_key: MapHead,
    /// Bit `b << 8 | a` (the two bytes read as a little-endian `u16`): some form starts with
    /// byte `a` and then `b`, or is the one byte `a` (then every `b` is set). Read from the trie
    /// at load; most positions of a story start no form, and [`MediaTables::find_iter`] passes
    /// them with one bit test instead of a walk of the root's edges (#16).
    starts: Box<[u64; 1024]>,
    /// The first three bytes of every form, and every three bytes that start with a form of one
    /// or two bytes: a position whose two bytes pass [`MediaTables::starts`] is walked only when
    /// its three bytes are here (#16: most are inside a word, `de` in `made`, and start none).
    triples: Triples,
    /// Every form starts with an alphanumeric char ([`char::is_alphanumeric`]): a match that
    /// starts after no alphanumeric char then starts at a word start of the text, and
    /// [`MediaTables::for_each_from`] may walk only from those.
    alnum_first: bool,
}

impl MediaTables {
    pub fn new(data: Data) -> MediaTables {
        let root = data.root();
        let by_key = data.view().head(root[2]);
        let (f, table) = (data.view(), root[3]);
        let mut starts = Box::new([0u64; 1024]);
        for a in 0..256u32 {
            let node = f.u(table + 1 + a);
            if node == 0 {
                continue;
            }
            let mut set = |b: usize| {
                let k = b << 8 | a as usize;
                starts[k / 64] |= 1 << (k % 64);
            };
            if f.u(node) != 0 {
                (0..256).for_each(&mut set);
            }
            for (b, _) in f.pairs(node + 1).iter() {
                set(b);
            }
        }
        let triples = MediaTables::triples(f, table);
        let alnum_first = MediaTables::first_chars(f, table).iter().all(|c| c.is_alphanumeric());
        MediaTables { data, root, by_key, starts, triples, alnum_first }
    }

    /// The first char of every form in the trie whose root's table is at `table`: its first
    /// byte, and the continuation bytes of a char of more than one byte, read down its edges
    /// (a byte sequence that is no char is U+FFFD, which is not alphanumeric).
    fn first_chars(f: Flat<'_>, table: u32) -> Vec<char> {
        fn down(f: Flat<'_>, node: u32, bytes: &mut Vec<u8>, want: usize, out: &mut Vec<char>) {
            if bytes.len() == want {
                out.push(std::str::from_utf8(bytes).ok().and_then(|s| s.chars().next()).unwrap_or('\u{fffd}'));
                return;
            }
            let edges: Vec<(usize, usize)> = f.pairs(node + 1).iter().collect();
            if edges.is_empty() || f.u(node) != 0 {
                // a form ends inside the char
                out.push('\u{fffd}');
            }
            for (b, next) in edges {
                bytes.push(b as u8);
                down(f, next as u32, bytes, want, out);
                bytes.pop();
            }
        }
        let mut out = Vec::new();
        for a in 0..=255u8 {
            let node = f.u(table + 1 + u32::from(a));
            if node == 0 {
                continue;
            }
            let want = match a {
                0..=0x7f => 1,
                0xc0..=0xdf => 2,
                0xe0..=0xef => 3,
                0xf0..=0xf7 => 4,
                _ => 1,
            };
            down(f, node, &mut vec![a], want, &mut out);
        }
        out
    }

    /// Does every form start with an alphanumeric char ([`MediaTables::for_each_from`])?
    pub fn alnum_first(&self) -> bool {
        self.alnum_first
    }

    /// The [`MediaTables::triples`] of the trie whose root's table is at `table`: the paths of
    /// three edges from the root, and every three bytes after a path of one or two edges that
    /// ends a form.
    #[allow(clippy::cast_possible_truncation)] // (edge bytes are bytes, nodes are words)
    fn triples(f: Flat<'_>, table: u32) -> Triples {
        let mut t = Triples::default();
        for a in 0..=255u8 {
            let n1 = f.u(table + 1 + u32::from(a));
            if n1 == 0 {
                continue;
            }
            if f.u(n1) != 0 {
                (0..=255).for_each(|b| t.insert_pair(a, b));
            }
            for (b, n2) in f.pairs(n1 + 1).iter() {
                let (b, n2) = (b as u8, n2 as u32);
                if f.u(n2) != 0 {
                    t.insert_pair(a, b);
                }
                for (c, _) in f.pairs(n2 + 1).iter() {
                    t.insert(a, b, c as u8);
                }
            }
        }
        t
    }

    /// Built from `lexicons` and frozen at run time.
    pub fn built(lexicons: &Lexicons) -> Result<MediaTables, LexiconError> {
        let (words, text) = Built::build(lexicons)?.freeze();
        Ok(MediaTables::new(Data::new(Cow::Owned(words), Cow::Owned(text))))
    }

    /// The frozen words and text (tests compare the compiled tables with a run-time build).
    #[cfg(test)]
    pub fn data(&self) -> &Data {
        &self.data
    }

    fn f(&self) -> Flat<'_> {
        self.data.view()
    }

    /// The outlets, in lexicon order.
    pub fn outlets(&self) -> Records<'_, Outlet<'_>> {
        self.f().records(self.root[0])
    }

    /// Outlet `i`.
    pub fn outlet(&self, i: u32) -> Outlet<'_> {
        self.outlets().get(i as usize)
    }

    /// The outlet of pattern `i`, and whether the form is ambiguous on its own.
    pub fn pattern(&self, i: usize) -> (u32, bool) {
        let w = self.f().u32s(self.root[1]).get(i) as u32;
        (w >> 1, w & 1 == 1)
    }

    /// Every form found in `text`, leftmost-longest and without overlaps, as `(start, end,
    /// pattern)`: at each position from the left, the longest form that starts there, and the
    /// search goes on after it; so the matches an Aho-Corasick automaton over the forms finds
    /// with `MatchKind::LeftmostLongest` (a test holds them equal), read from the frozen trie
    /// instead of an automaton built at start-up.
    #[cfg(test)]
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize, usize)> + 't {
        let bytes = text.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < bytes.len() {
                // past the positions no form starts at (the last byte of the text walks the trie)
                i = self.skip(bytes, i);
                if i >= bytes.len() {
                    break;
                }
                let start = i;
                match self.longest_at(bytes, start) {
                    Some((end, pattern)) => {
                        i = end;
                        return Some((start, end, pattern));
                    }
                    None => i += 1,
                }
            }
            None
        })
    }

    /// Every form found in `text` that `f` takes: at each position from the left, the longest
    /// form that starts there is offered to `f` as `(start, end, pattern)`; a match `f` takes
    /// hides the positions before its end, one it refuses hides none (#16: a match inside a
    /// word, which the caller refuses, no longer hides the ones it overlaps, as in
    /// [`MediaTables::find_iter`]).
    pub fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, usize) -> bool) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // past the positions no form starts at (the last byte of the text walks the trie)
            i = self.skip(bytes, i);
            if i >= bytes.len() {
                break;
            }
            let start = i;
            i = match self.longest_at(bytes, start) {
                Some((end, pattern)) if f(start, end, pattern) => end,
                _ => start + 1,
            };
        }
    }

    /// [`MediaTables::for_each`] for a table whose forms all start with an alphanumeric char
    /// ([`MediaTables::alnum_first`]) and an `f` that refuses every match starting right after
    /// an alphanumeric char, walked only from `starts`, the text's word starts
    /// ([`crate::text::for_each_word_start`], found once per story, #16).
    ///
    /// Exact: a match such an `f` takes starts with an alphanumeric char after none, so at a
    /// word start; and a refused match, like no match, hides nothing. (The loop is the twin of
    /// the attribution phrases' `PhraseTrie::for_each_from`; one generic walk for both cost more,
    /// docs/performance.md, session 32.)
    pub fn for_each_from(&self, text: &str, starts: &[usize], mut f: impl FnMut(usize, usize, usize) -> bool) {
        debug_assert!(self.alnum_first);
        let bytes = text.as_bytes();
        let mut i = 0;
        for &start in starts {
            if start < i || !self.starts_pair(bytes, start) {
                continue;
            }
            if let Some((end, pattern)) = self.longest_at(bytes, start)
                && f(start, end, pattern)
            {
                i = end;
            }
        }
    }

    /// The longest form starting at `start`: its end and pattern.
    #[inline]
    fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, usize)> {
        // (no form starts with these three bytes, and none of fewer starts here)
        if let [a, b, c, ..] = bytes[start..]
            && !self.triples.may_hold(a, b, c)
        {
            return None;
        }
        let (f, table) = (self.f(), self.root[3]);
        // the first byte through the table (most bytes start no form), then the edges
        let mut node = f.u(table + 1 + u32::from(bytes[start]));
        let mut j = start + 1;
        let mut best = None;
        while node != 0 {
            let pattern = f.u(node);
            if pattern != 0 {
                best = Some((j, pattern as usize - 1));
            }
            let Some(&b) = bytes.get(j) else { break };
            // (the edges ascend by byte)
            node = f.pairs(node + 1).find_sorted(usize::from(b)).map_or(0, |en| en as u32);
            j += 1;
        }
        best
    }

    /// Do the two bytes at `i` start some form ([`MediaTables::starts`]; the last byte of the
    /// text passes when it does)?
    #[inline]
    fn starts_pair(&self, bytes: &[u8], i: usize) -> bool {
        match bytes.get(i + 1) {
            Some(&b) => crate::text::pair_starts(&self.starts, bytes[i], b),
            None => true,
        }
    }

    /// The first position from `i` whose two bytes some form starts with ([`MediaTables::starts`]),
    /// or the last byte of `bytes` (or `i` past it): four positions a round, a two-byte load
    /// and a bit test each (#16: the test ran at every byte of every story).
    #[inline]
    fn skip(&self, bytes: &[u8], i: usize) -> usize {
        crate::text::skip_to_pair(&self.starts, bytes, i)
    }

    /// The outlet whose folded form this is.
    pub fn by_key(&self, folded: &str) -> Option<u32> {
        self.f().map_at(self.by_key).get(folded)
    }
}

impl<'a> Value<'a> for Outlet<'a> {
    fn read(f: Flat<'a>, w: u32) -> Self {
        Outlet { name: f.str(w), country: f.str(w + 2), kind: f.str(w + 4) }
    }
}
