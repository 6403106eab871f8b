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
        let mut t =
            PhraseTrie { starts: Box::new([0; 1024]), root: Box::new([0; 256]), nodes: Vec::with_capacity(tree.len()), edges: Vec::new() };
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
        Some(t)
    }

    /// Calls `f(start, end, role)` for every match, leftmost-longest and without overlaps: at
    /// each position from the left, the longest form that starts there (ASCII case blind), and
    /// the search goes on after it.
    ///
    /// `f` says whether it takes the match. A match it refuses (one starting inside a word:
    /// `as reported by` in `was reported by`) does not hide the matches it overlaps: the search
    /// goes on from the next byte, so `reported by` is found there.
    pub(super) fn for_each(&self, text: &str, mut f: impl FnMut(usize, usize, Role) -> bool) {
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // past the positions no form starts at (the last byte of the text walks the trie)
            i = self.skip(bytes, i);
            if i >= bytes.len() {
                break;
            }
            let start = i;
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
            match best {
                Some((end, role)) => i = if f(start, end, role) { end } else { start + 1 },
                None => i += 1,
            }
        }
    }

    /// The first position from `i` whose two bytes some form starts with, or the last byte of
    /// `bytes` (or `i` past it): four positions a round, a two-byte load and a bit test each.
    #[inline]
    fn skip(&self, bytes: &[u8], i: usize) -> usize {
        crate::text::skip_to_pair(&self.starts, bytes, i)
    }
}
