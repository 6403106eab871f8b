//! The report's tables, built once from an [`Audit`] and drawn by both the HTML page and the
//! Markdown summary, so the two always say the same thing.

use super::{Audit, Group, per_1000, percent, rate, thousands};

/// A table cell: its text, the number it sorts by, and whether it holds words quoted from the
/// copy (shown in a monospace font, exactly as written).
#[derive(Debug, Clone)]
pub struct Cell {
    pub text: String,
    pub sort: Option<f64>,
    pub quoted: bool,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell { text: s.into(), sort: None, quoted: false }
    }
    pub fn quoted(s: impl Into<String>) -> Cell {
        Cell { text: s.into(), sort: None, quoted: true }
    }
    pub fn count(n: u64) -> Cell {
        Cell { text: thousands(n), sort: Some(n as f64), quoted: false }
    }
    pub fn rate(x: f64) -> Cell {
        Cell { text: rate(x), sort: Some(x), quoted: false }
    }
    pub fn share(n: u64, of: u64) -> Cell {
        Cell { text: percent(n, of), sort: Some(if of == 0 { 0.0 } else { n as f64 / of as f64 }), quoted: false }
    }
}

/// A table: column headers (`true`: numeric, right-aligned) and rows.
#[derive(Debug, Clone)]
pub struct Table {
    pub id: &'static str,
    pub headers: Vec<(String, bool)>,
    pub rows: Vec<Vec<Cell>>,
}

fn top_rules(g: &Group, n: usize) -> String {
    let mut rules: Vec<_> = g.by_rule.iter().collect();
    rules.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    rules.iter().take(n).map(|(r, k)| format!("{r} {k}")).collect::<Vec<_>>().join(", ")
}

fn languages(g: &Group) -> String {
    let mut v: Vec<_> = g.translated_from.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.iter().map(|(l, n)| format!("{l} {n}")).collect::<Vec<_>>().join(", ")
}

/// Findings per 1,000 stories per source, overall and per rule.
pub fn sources(a: &Audit) -> Table {
    let rules: Vec<String> = a.rules_by_findings().into_iter().map(|(r, _)| r.clone()).collect();
    let mut headers: Vec<(String, bool)> = vec![
        ("source".into(), false),
        ("stories".into(), true),
        ("flagged".into(), true),
        ("findings".into(), true),
        ("per 1,000".into(), true),
    ];
    headers.extend(rules.iter().map(|r| (format!("{r} per 1,000"), true)));
    let rows = Audit::by_stories(&a.sources)
        .into_iter()
        .map(|(name, g)| {
            let mut row = vec![
                Cell::text(name.clone()),
                Cell::count(g.stories),
                Cell::count(g.stories_with_findings),
                Cell::count(g.findings),
                Cell::rate(g.rate()),
            ];
            row.extend(rules.iter().map(|r| Cell::rate(g.rule_rate(r))));
            row
        })
        .collect();
    Table { id: "t-sources", headers, rows }
}

fn group_table(id: &'static str, what: &str, groups: Vec<(String, Group)>) -> Table {
    let headers = vec![
        (what.to_string(), false),
        ("stories".into(), true),
        ("flagged".into(), true),
        ("findings".into(), true),
        ("per 1,000".into(), true),
        ("top rules".into(), false),
    ];
    let rows = groups
        .into_iter()
        .map(|(k, g)| {
            vec![
                Cell::text(k),
                Cell::count(g.stories),
                Cell::count(g.stories_with_findings),
                Cell::count(g.findings),
                Cell::rate(g.rate()),
                Cell::text(top_rules(&g, 3)),
            ]
        })
        .collect();
    Table { id, headers, rows }
}

/// Per story language.
pub fn languages_table(a: &Audit) -> Table {
    group_table("t-languages", "language", Audit::by_stories(&a.languages).into_iter().map(|(k, g)| (k.clone(), g.clone())).collect())
}

/// Per day or month of the story dates.
pub fn periods_table(a: &Audit) -> Table {
    let (unit, periods) = a.periods();
    group_table("t-time", unit, periods)
}

/// The share of stories likely machine-translated, per source.
pub fn translated(a: &Audit) -> Table {
    let headers = vec![
        ("source".into(), false),
        ("stories".into(), true),
        ("likely translated".into(), true),
        ("share".into(), true),
        ("from".into(), false),
    ];
    let mut groups = Audit::by_stories(&a.sources);
    groups.sort_by(|x, y| {
        let share = |g: &Group| per_1000(g.translated, g.stories);
        share(y.1).total_cmp(&share(x.1)).then(y.1.stories.cmp(&x.1.stories)).then(x.0.cmp(y.0))
    });
    let rows = groups
        .into_iter()
        .map(|(k, g)| {
            vec![
                Cell::text(k.clone()),
                Cell::count(g.stories),
                Cell::count(g.translated),
                Cell::share(g.translated, g.stories),
                Cell::text(languages(g)),
            ]
        })
        .collect();
    Table { id: "t-translated", headers, rows }
}

/// The most frequent corrupted entities.
pub fn entities(a: &Audit) -> Table {
    let headers = vec![
        ("as written".into(), false),
        ("right form".into(), false),
        ("findings".into(), true),
        ("sources".into(), true),
        ("example story".into(), false),
    ];
    let rows = a
        .entities
        .top(a.limits.top)
        .into_iter()
        .map(|e| {
            let mut n = Cell::count(e.count);
            if e.error > 0 {
                n.text = format!("≤{}", n.text);
            }
            vec![Cell::quoted(e.text), Cell::quoted(e.fix.unwrap_or_default()), n, Cell::count(e.sources), Cell::text(e.example)]
        })
        .collect();
    Table { id: "t-entities", headers, rows }
}

/// The most frequent residue lines.
pub fn residue(a: &Audit) -> Table {
    let headers = vec![("line".into(), false), ("findings".into(), true), ("sources".into(), true), ("example story".into(), false)];
    let rows = a
        .residue
        .top(a.limits.top)
        .into_iter()
        .map(|e| {
            let mut n = Cell::count(e.count);
            if e.error > 0 {
                n.text = format!("≤{}", n.text);
            }
            vec![Cell::quoted(e.text), n, Cell::count(e.sources), Cell::text(e.example)]
        })
        .collect();
    Table { id: "t-residue", headers, rows }
}

/// One row per rule with findings.
pub fn rules(a: &Audit) -> Table {
    let headers = vec![
        ("rule".into(), false),
        ("code".into(), false),
        ("findings".into(), true),
        ("stories".into(), true),
        ("per 1,000".into(), true),
        ("high / medium / low".into(), false),
    ];
    let rows = a
        .rules_by_findings()
        .into_iter()
        .map(|(name, r)| {
            let c = |k: &str| r.by_confidence.get(k).copied().unwrap_or(0);
            vec![
                Cell::text(name.clone()),
                Cell::text(r.code.clone()),
                Cell::count(r.findings),
                Cell::count(r.stories),
                Cell::rate(per_1000(r.findings, a.stories)),
                Cell::text(format!("{} / {} / {}", c("high"), c("medium"), c("low"))),
            ]
        })
        .collect();
    Table { id: "t-rules", headers, rows }
}

/// The rule's one-line summary, when this wirelint knows the rule.
pub fn rule_summary(name: &str) -> Option<&'static str> {
    crate::rules::find(name).map(|r| r.meta().summary)
}
