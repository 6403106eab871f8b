//! The attribution phrases of one language as a case-blind byte trie: the matches an
//! Aho-Corasick automaton over the forms finds (`MatchKind::LeftmostLongest`, ASCII case
//! insensitive), found by a walk from the few positions whose two bytes start some form (#16:
//! the automaton stepped through every byte of every story, 31 M instructions per 1,000
//! stories; a test holds the two equal).

use super::Role;

/// The forms of one language as a trie of ASCII-lower-cased bytes.
pub(super) struct PhraseTrie {
    /// Bit `b << 8 | a` (the two bytes read as a little-endian `u16`, in any ASCII case): some
    /// form starts with byte `a` and then `b`, or is the one byte `a` (then every `b` is set).
    starts: Box<[u64; 1024]>,
    /// The high bit of every byte when some form starts with an ASCII byte that is neither a
    /// letter nor a digit (`'`), else 0: [`PhraseTrie::skip_bounded`] tests such bytes only then.
    punct_first: u64,
    /// Every form starts with an alphanumeric char ([`char::is_alphanumeric`]): a match `f`
    /// takes in [`PhraseTrie::for_each_bounded`] then starts at a word start of the text
    /// ([`PhraseTrie::for_each_from`]).
    alnum_first: bool,
    /// The first three bytes of every form and every three bytes that start with a form of one
    /// or two bytes, in any ASCII case: a position is walked only when its three bytes are here.
    triples: crate::text::Triples,
    /// The node the root's edge of each (lower-cased) byte leads to; 0: none.
    root: Box<[u32; 256]>,
    /// Node 0 is the root (never reached by an edge).
    nodes: Vec<Node>,
    /// Each node's edges, sorted by byte: (lower-cased byte, node).
    edges: Vec<(u8, u32)>,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    /// The role of the first form that ends here (an automaton reports the first pattern of
    /// equal matches).
    role: Option<Role>,
    first: u32,
    len: u32,
}

/// A node while the trie is built: the role of the first form that ends there, and its edges
/// (byte, node) sorted by byte.
type BuildNode = (Option<Role>, Vec<(u8, usize)>);

/// A byte and, for an ASCII letter, its other case.
fn cases(b: u8) -> impl Iterator<Item = u8> {
    let other = if b.is_ascii_alphabetic() { b ^ 0x20 } else { b };
    std::iter::once(b).chain((other != b).then_some(other))
}

impl PhraseTrie {
    /// The trie of `forms`; `None` when a form is empty (an automaton matches it between any two
    /// bytes, which the trie does not model).
    pub(super) fn new(forms: &[(String, Role)]) -> Option<PhraseTrie> {
        if forms.iter().any(|(f, _)| f.is_empty()) {
            return None;
        }
        // per node: the role of the first form that ends there, and its edges sorted by byte
        let mut tree: Vec<BuildNode> = vec![(None, Vec::new())];
        for (form, role) in forms {
            let mut at = 0;
            for &b in form.as_bytes() {
                let b = b.to_ascii_lowercase();
                at = match tree[at].1.binary_search_by_key(&b, |e| e.0) {
                    Ok(e) => tree[at].1[e].1,
                    Err(e) => {
                        tree.push((None, Vec::new()));
                        let n = tree.len() - 1;
                        tree[at].1.insert(e, (b, n));
                        n
                    }
                };
            }
            tree[at].0 = tree[at].0.or(Some(*role));
        }
        let mut t = PhraseTrie {
            starts: Box::new([0; 1024]),
            punct_first: 0,
            alnum_first: forms.iter().all(|(f, _)| f.chars().next().is_some_and(char::is_alphanumeric)),
            triples: crate::text::Triples::default(),
            root: Box::new([0; 256]),
            nodes: Vec::with_capacity(tree.len()),
            edges: Vec::new(),
        };
        for (role, edges) in &tree {
            let first = u32::try_from(t.edges.len()).ok()?;
            t.edges.extend(edges.iter().map(|&(b, n)| (b, n as u32)));
            t.nodes.push(Node { role: *role, first, len: edges.len() as u32 });
        }
        for &(a, n) in &tree[0].1 {
            for a in cases(a) {
                t.root[usize::from(a)] = n as u32;
                let mut set = |b: u8| {
                    let k = usize::from(b) << 8 | usize::from(a);
                    t.starts[k / 64] |= 1 << (k % 64);
                };
                if tree[n].0.is_some() {
                    (0..=255).for_each(&mut set);
                }
                for &(b, _) in &tree[n].1 {
                    cases(b).for_each(&mut set);
                }
            }
        }
        for &(a, n1) in &tree[0].1 {
            for a in cases(a) {
                if tree[n1].0.is_some() {
                    (0..=255).for_each(|b| t.triples.insert_pair(a, b));
                }
                for &(b, n2) in &tree[n1].1 {
                    for b in cases(b) {
                        if tree[n2].0.is_some() {
                            t.triples.insert_pair(a, b);
                        }
                        for &(c, _) in &tree[n2].1 {
                            cases(c).for_each(|c| t.triples.insert(a, b, c));
                        }
                    }
                }
            }
        }
        if tree[0].1.iter().any(|&(a, _)| a.is_ascii() && !a.is_ascii_alphanumeric()) {
            t.punct_first = 0x8080_8080_8080_8080;
        }
        Some(t)
    }

    /// Calls `f(start, end, role)` for every match, leftmost-longest and without overlaps: at
    /// each position from the left, the longest form that starts there (ASCII case blind), and
    /// the search goes on after it.
    ///
    /// `f` says whether it takes the match. A match it refuses (one starting inside a word:
    /// `as reported by` in `was reported by`) does not hide the matches it overlaps: the search
    /// goes on from the next byte, so `reported by` is found there.
    ///
    /// The search as it was before [`PhraseTrie::for_each_bounded`]: a walk at every position
    /// whose two bytes start a form, held equal to it by a test.
    #[cfg(test)]
    pub(super) fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, Role) -> bool) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // past the positions no form starts at (the last byte of the text walks the trie)
            i = crate::text::skip_to_pair(&self.starts, bytes, i);
            if i >= bytes.len() {
                break;
            }
            let start = i;
            match self.longest_at(bytes, start) {
                Some((end, role)) => i = if f(start, end, role) { end } else { start + 1 },
                None => i += 1,
            }
        }
    }

    /// [`PhraseTrie::for_each`] for an `f` that refuses every match starting right after an
    /// alphanumeric char ([`char::is_alphanumeric`]) unless the match starts with an apostrophe
    /// (`'` or `’`): such a match is not offered to `f` at all, nor looked for (#16: most
    /// positions whose two bytes start a form are inside a word, `re` in `were`).
    ///
    /// Exact: at such a position `f` would refuse the longest match, and a refused match, like
    /// no match, moves the search on by one byte, so leaving the position out finds the same
    /// matches after it.
    pub(super) fn for_each_bounded(&self, text: &str, mut f: impl FnMut(usize, usize, Role) -> bool) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            i = self.skip_bounded(bytes, i);
            if i >= bytes.len() {
                break;
            }
            let start = i;
            // (a form starts with a char's first byte: a position the root has an edge for is a
            // char boundary)
            if self.root[usize::from(bytes[start])] == 0 || inside_word(text, start) {
                i += 1;
                continue;
            }
            // (no form starts with these three bytes, and none of fewer starts here)
            if let [a, b, c, ..] = bytes[start..]
                && !self.triples.may_hold(a, b, c)
            {
                i += 1;
                continue;
            }
            match self.longest_at(bytes, start) {
                Some((end, role)) => i = if f(start, end, role) { end } else { start + 1 },
                None => i += 1,
            }
        }
    }

    /// Does every form start with an alphanumeric char (so that
    /// [`PhraseTrie::for_each_from`] may stand for [`PhraseTrie::for_each_bounded`])?
    pub(super) fn alnum_first(&self) -> bool {
        self.alnum_first
    }

    /// [`PhraseTrie::for_each_bounded`] of a trie whose forms all start with an alphanumeric
    /// char, walked only from `starts`, the text's word starts ([`crate::text::for_each_word_start`],
    /// which the document finds once for the calque and loan-phrase tries, #16).
    ///
    /// Exact: a match that starts with an alphanumeric char and is offered to `f` there starts
    /// after no alphanumeric char, so at a word start; and the positions between two word starts
    /// start no such match, so moving on to the next word start after a refused match finds
    /// what moving on by one byte finds.
    pub(super) fn for_each_from(&self, text: &str, starts: &[usize], mut f: impl FnMut(usize, usize, Role) -> bool) {
        debug_assert!(self.alnum_first);
        let bytes = text.as_bytes();
        let mut i = 0;
        for &start in starts {
            if start < i || self.root[usize::from(bytes[start])] == 0 {
                continue;
            }
            // (no form starts with these three bytes, and none of fewer starts here)
            if let [a, b, c, ..] = bytes[start..]
                && !self.triples.may_hold(a, b, c)
            {
                continue;
            }
            if let Some((end, role)) = self.longest_at(bytes, start)
                && f(start, end, role)
            {
                i = end;
            }
        }
    }

    /// The longest form starting at `start` (ASCII case blind): its end and role.
    #[inline]
    fn longest_at(&self, bytes: &[u8], start: usize) -> Option<(usize, Role)> {
        let mut node = self.root[usize::from(bytes[start])];
        let mut j = start + 1;
        let mut best = None;
        while node != 0 {
            let n = self.nodes[node as usize];
            if let Some(r) = n.role {
                best = Some((j, r));
            }
            let Some(&b) = bytes.get(j) else { break };
            let b = b.to_ascii_lowercase();
            node = 0;
            for &(eb, en) in &self.edges[n.first as usize..(n.first + n.len) as usize] {
                if eb >= b {
                    if eb == b {
                        node = en;
                    }
                    break;
                }
            }
            j += 1;
        }
        best
    }

    /// Do bytes `a` then `b` start some form ([`PhraseTrie::starts`])?
    #[inline]
    fn pair(&self, a: u8, b: u8) -> bool {
        crate::text::pair_starts(&self.starts, a, b)
    }

    /// The first position from `i` whose two bytes start some form and that is not between two
    /// ASCII letters or digits, or the last byte of `bytes` (or `i` past it). Eight bytes a
    /// round: which of them are ASCII letters or digits is read at once ([`ascii_alnum`]), and
    /// only the word starts and the bytes of other chars (a fifth of English copy) are tested
    /// for a pair, and the ASCII bytes neither letter nor digit when some form starts with one
    /// (else their pair test fails).
    ///
    /// A position between two ASCII letters or digits starts no match `f` takes in
    /// [`PhraseTrie::for_each_bounded`] (the char before is alphanumeric, and the match does not
    /// start with an apostrophe); the positions this returns are tested there in full.
    #[inline]
    fn skip_bounded(&self, bytes: &[u8], mut i: usize) -> usize {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        // is the byte before `i` an ASCII letter or digit?
        let mut prev = i > 0 && bytes[i - 1].is_ascii_alphanumeric();
        // (nine bytes: the pair of the eighth position is in the round)
        while let Some(w) = bytes.get(i..i + 9) {
            let x = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
            let a = ascii_alnum(x);
            // a letter or digit after none, a byte of another char, and (when a form starts with
            // one) an ASCII byte of neither
            let mut open = a & !(a << 8 | u64::from(prev) << 7) | x & HIGH | self.punct_first & !a;
            while open != 0 {
                let k = (open.trailing_zeros() / 8) as usize;
                if self.pair(w[k], w[k + 1]) {
                    return i + k;
                }
                open &= open - 1;
            }
            prev = a >> 63 != 0;
            i += 8;
        }
        while i + 1 < bytes.len() {
            let a = bytes[i].is_ascii_alphanumeric();
            if !(a && prev) && self.pair(bytes[i], bytes[i + 1]) {
                // (the rounds above leave out the ASCII bytes no form starts with: here they
                // fail the pair test)
                return i;
            }
            prev = a;
            i += 1;
        }
        i
    }
}

/// The high bit of each byte of `x` that is an ASCII letter or digit.
#[inline]
fn ascii_alnum(x: u64) -> u64 {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    // the bytes without their high bit: every sum below stays within its byte
    let y = x & !HIGH;
    // an ASCII letter of either case is a lower-case one with 0x20 set
    let lower = y | 0x2020_2020_2020_2020;
    let letter = lower.wrapping_add(ONES * u64::from(0x80 - b'a')) & !lower.wrapping_add(ONES * u64::from(0x7f - b'z'));
    let digit = y.wrapping_add(ONES * u64::from(0x80 - b'0')) & !y.wrapping_add(ONES * u64::from(0x7f - b'9'));
    (letter | digit) & !x & HIGH
}

/// Does a match at `start` (a char boundary) start right after an alphanumeric char, and not
/// with an apostrophe? (The matches `f` refuses in [`PhraseTrie::for_each_bounded`].)
#[inline]
fn inside_word(text: &str, start: usize) -> bool {
    let before = match text.as_bytes()[..start].last() {
        None => return false,
        Some(&b) if b < 0x80 => b.is_ascii_alphanumeric(),
        Some(_) => text[..start].chars().next_back().is_some_and(char::is_alphanumeric),
    };
    before && !text[start..].starts_with(['\'', '’'])
}
