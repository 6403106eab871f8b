//! The audit as Markdown (`wirelint report --format md`): the same tables as the HTML page,
//! without the charts, for an email or a ticket.

use std::fmt::Write as _;

use super::tables::{self, Cell, Table};
use super::{Audit, per_1000, percent, rate, thousands};

/// A cell's text, safe inside a Markdown table.
fn md(c: &Cell) -> String {
    let t = c.text.replace(['\n', '\r'], " ").replace('|', "\\|");
    if c.quoted && !t.is_empty() {
        // a code span: as many backticks as the longest run inside, plus one
        let run = t.split(|ch| ch != '`').map(str::len).max().unwrap_or(0);
        let ticks = "`".repeat(run + 1);
        let pad = if t.starts_with('`') || t.ends_with('`') { " " } else { "" };
        format!("{ticks}{pad}{t}{pad}{ticks}")
    } else {
        t
    }
}

/// Writes a table; `max_rows` cuts long ones (with a line saying how many were left out).
pub fn table(out: &mut String, t: &Table, max_rows: usize) {
    if t.rows.is_empty() {
        out.push_str("_None._\n\n");
        return;
    }
    let _ = writeln!(out, "| {} |", t.headers.iter().map(|(h, _)| h.replace('|', "\\|")).collect::<Vec<_>>().join(" | "));
    let _ = writeln!(out, "|{}|", t.headers.iter().map(|(_, num)| if *num { "---:" } else { "---" }).collect::<Vec<_>>().join("|"));
    for row in t.rows.iter().take(max_rows) {
        let _ = writeln!(out, "| {} |", row.iter().map(md).collect::<Vec<_>>().join(" | "));
    }
    if t.rows.len() > max_rows {
        let _ = writeln!(out, "\n_{} more rows in the HTML report._", t.rows.len() - max_rows);
    }
    out.push('\n');
}

/// The whole summary.
pub fn render(a: &Audit, title: &str) -> String {
    let rows = 50;
    let mut o = String::new();
    let _ = writeln!(o, "# {title}\n");
    let inputs: Vec<String> = a.inputs.iter().map(|(p, what)| format!("{p} ({what})")).collect();
    let _ = writeln!(
        o,
        "{} stories from {} sources; {} findings ({} per 1,000 stories); {} of stories flagged; {} likely machine-translated.{}\n",
        thousands(a.stories),
        thousands(a.sources.len() as u64),
        thousands(a.findings),
        rate(per_1000(a.findings, a.stories)),
        percent(a.stories_with_findings, a.stories),
        percent(a.translated, a.stories),
        if a.errors > 0 { format!(" {} inputs could not be read.", thousands(a.errors)) } else { String::new() }
    );
    let _ = writeln!(o, "Read by wirelint {}: {}\n", env!("CARGO_PKG_VERSION"), inputs.join(", "));
    o.push_str("## Findings per 1,000 stories by source and rule\n\n");
    table(&mut o, &tables::sources(a), rows);
    o.push_str("## By language\n\n");
    table(&mut o, &tables::languages_table(a), rows);
    o.push_str("## Over time\n\n");
    let (unit, periods) = a.periods();
    if periods.is_empty() {
        o.push_str("_No story has a date._\n\n");
    } else {
        let _ = writeln!(o, "Per {unit}; {} stories have no date.\n", thousands(a.undated));
        table(&mut o, &tables::periods_table(a), 400);
    }
    o.push_str("## Likely machine-translated, per source\n\n");
    table(&mut o, &tables::translated(a), rows);
    o.push_str("## Most frequent corrupted entities\n\n");
    table(&mut o, &tables::entities(a), rows);
    o.push_str("## Most frequent residue lines\n\n");
    table(&mut o, &tables::residue(a), rows);
    o.push_str("## Rules\n\n");
    table(&mut o, &tables::rules(a), rows);
    for (name, r) in a.rules_by_findings() {
        let _ = writeln!(o, "### {name} ({})\n", r.code);
        if let Some(s) = tables::rule_summary(name) {
            let _ = writeln!(o, "{s}\n");
        }
        for e in &r.examples {
            let words = md(&Cell::quoted(e.text.clone()));
            let fix = e
                .fix
                .as_ref()
                .map(|f| {
                    format!(
                        " → {}{}",
                        md(&Cell::quoted(f.clone())),
                        e.applicability.as_deref().map(|a| format!(" ({a})")).unwrap_or_default()
                    )
                })
                .unwrap_or_default();
            let line = e.line.map(|l| format!(", line {l}")).unwrap_or_default();
            let _ = writeln!(o, "- {words}{fix}: {} _({} · {}{line})_", e.message.replace('\n', " "), e.source, e.story);
        }
        o.push('\n');
    }
    if a.errors > 0 {
        let _ = writeln!(o, "## Inputs that could not be read ({})\n", thousands(a.errors));
        for e in &a.error_samples {
            let _ = writeln!(o, "- {}", e.replace('\n', " "));
        }
        o.push('\n');
    }
    o
}
