//! The most frequent texts of a stream (corrupted entities, residue lines) in bounded memory.
//!
//! Exact while at most `2 × capacity` distinct texts have been seen. Past that, the table is cut
//! back to the `capacity` most frequent and the largest count dropped becomes the *floor*: a
//! text seen again after being dropped (or seen for the first time) starts at the floor, so a
//! count is never below the true count and over it by at most its `error` (the Space-Saving
//! bound). The report marks such counts as approximate.

use std::collections::HashMap;

use serde::Serialize;

/// One text and how often it was seen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub text: String,
    /// The fix suggested the first time it was seen (entities: the right form).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    pub count: u64,
    /// How much `count` may overstate the true count (0: exact).
    pub error: u64,
    /// Stories from this many sources use it (exact while it was never dropped).
    pub sources: u64,
    /// A story it was seen in (`path#id`).
    pub example: String,
    #[serde(skip)]
    first: u64,
    #[serde(skip)]
    last_source: String,
}

/// Counts texts; keeps at most `2 × capacity` of them.
#[derive(Debug, Clone)]
pub struct TopK {
    capacity: usize,
    entries: HashMap<String, Entry>,
    floor: u64,
    seen: u64,
}

impl TopK {
    pub fn new(capacity: usize) -> TopK {
        TopK { capacity: capacity.max(1), entries: HashMap::new(), floor: 0, seen: 0 }
    }

    /// Counts one occurrence of `text` in a story of `source`.
    pub fn add(&mut self, text: &str, fix: Option<&str>, source: &str, story: &str) {
        self.seen += 1;
        let (floor, seen) = (self.floor, self.seen);
        let e = self.entries.entry(text.to_string()).or_insert_with(|| Entry {
            text: text.to_string(),
            fix: fix.map(str::to_string),
            count: floor,
            error: floor,
            sources: 0,
            example: story.to_string(),
            first: seen,
            last_source: String::new(),
        });
        e.count += 1;
        // sources are counted as runs: a text from one source many times in a row counts once
        if e.last_source != source {
            e.sources += 1;
            e.last_source = source.to_string();
        }
        if self.entries.len() > 2 * self.capacity {
            self.shrink();
        }
    }

    fn shrink(&mut self) {
        let mut all: Vec<Entry> = self.entries.drain().map(|(_, e)| e).collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
        for dropped in all.drain(self.capacity..) {
            self.floor = self.floor.max(dropped.count);
        }
        self.entries = all.into_iter().map(|e| (e.text.clone(), e)).collect();
    }

    /// Whether any count is approximate (more distinct texts than the table holds were seen).
    pub fn approximate(&self) -> bool {
        self.floor > 0
    }

    /// Occurrences counted.
    pub fn total(&self) -> u64 {
        self.seen
    }

    /// The `n` most frequent, most first (ties: first seen first).
    pub fn top(&self, n: usize) -> Vec<Entry> {
        let mut all: Vec<&Entry> = self.entries.values().collect();
        all.sort_by(|a, b| b.count.cmp(&a.count).then(a.first.cmp(&b.first)));
        all.into_iter().take(n).cloned().collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exact_below_capacity() {
        let mut t = TopK::new(10);
        for (i, w) in ["a", "b", "a", "c", "a", "b"].iter().enumerate() {
            t.add(w, None, if i < 3 { "s1" } else { "s2" }, &format!("story{i}"));
        }
        let top = t.top(2);
        assert_eq!(top.iter().map(|e| (e.text.as_str(), e.count, e.error)).collect::<Vec<_>>(), vec![("a", 3, 0), ("b", 2, 0)]);
        assert_eq!(top[0].sources, 2);
        assert_eq!(top[0].example, "story0");
        assert!(!t.approximate());
        assert_eq!(t.total(), 6);
    }

    #[test]
    fn bounded_and_keeps_the_heavy_hitters() {
        let mut t = TopK::new(8);
        for i in 0..10_000u32 {
            // two frequent texts among thousands seen once
            let w = if i % 3 == 0 {
                "frequent".to_string()
            } else if i % 7 == 0 {
                "second".to_string()
            } else {
                format!("rare {i}")
            };
            t.add(&w, None, "s", "x");
            assert!(t.entries.len() <= 16);
        }
        let top = t.top(2);
        assert_eq!(top[0].text, "frequent");
        assert_eq!(top[1].text, "second");
        assert!(t.approximate());
        // never below the true count, over it by at most the error
        let truth = (0..10_000).filter(|i| i % 3 == 0).count() as u64;
        assert!(top[0].count >= truth && top[0].count - top[0].error <= truth, "{:?}", top[0]);
    }
}
