//! The audit as one self-contained HTML page: inline CSS, charts drawn as inline SVG (they show
//! without JavaScript), sortable tables (a few lines of inline JavaScript). Nothing is loaded
//! from the network.

use std::fmt::Write as _;

use super::tables::{self, Cell, Table};
use super::{Audit, Group, esc, per_1000, percent, rate, thousands};

/// Rows the heat map and bar charts draw (the tables list every row).
pub(crate) const CHART_ROWS: usize = 30;

const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --bar: #c2410c; --bar2: #1d4ed8; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); margin: 0 auto; max-width: 1180px; padding: 24px 28px 60px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 20px; margin: 36px 0 6px; padding-top: 10px; border-top: 1px solid var(--rule); }
h3 { font-size: 16px; margin: 22px 0 4px; }
p.note, .meta { color: var(--muted); margin: 4px 0 10px; }
nav a { margin-right: 14px; }
.kpis { display: flex; gap: 14px; flex-wrap: wrap; margin: 16px 0; }
.kpi { border: 1px solid var(--rule); border-radius: 8px; padding: 10px 14px; min-width: 150px; }
.kpi b { display: block; font-size: 22px; }
.kpi span { color: var(--muted); font-size: 13px; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 8px 0 10px; font: 12px system-ui, sans-serif; }
svg.chart text { fill: var(--ink); }
svg.chart .axis { stroke: var(--rule); }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; margin: 6px 0 14px; font-size: 13.5px; }
th, td { border-bottom: 1px solid var(--rule); padding: 4px 10px; text-align: left; vertical-align: top; }
th.num, td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.sortable th { cursor: pointer; user-select: none; white-space: nowrap; }
table.sortable th::after { content: " ↕"; color: #aab; }
table.sortable th[aria-sort=ascending]::after { content: " ▲"; color: var(--ink); }
table.sortable th[aria-sort=descending]::after { content: " ▼"; color: var(--ink); }
code, .quoted { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; background: #f6f8fa; padding: 0 3px; border-radius: 3px; white-space: pre-wrap; }
.ex { border-left: 3px solid var(--bar); padding: 4px 12px; margin: 8px 0; }
.ex .where { color: var(--muted); font-size: 13px; }
mark { background: #fde68a; }
details summary { cursor: pointer; color: var(--muted); }
"#;

const SCRIPT: &str = r#"
document.querySelectorAll('table.sortable').forEach(function (table) {
  table.querySelectorAll('th').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var num = th.classList.contains('num');
      var current = th.getAttribute('aria-sort');
      var dir = current ? (current === 'ascending' ? -1 : 1) : (num ? -1 : 1);
      table.querySelectorAll('th').forEach(function (h) { h.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var key = function (row) {
        var c = row.cells[col];
        if (!c) { return num ? 0 : ''; }
        return num ? parseFloat(c.getAttribute('data-v') || '0') : c.textContent.toLowerCase();
      };
      rows.sort(function (a, b) { var x = key(a), y = key(b); return x < y ? -dir : x > y ? dir : 0; });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"#;

/// The report page.
pub fn render(a: &Audit, title: &str) -> String {
    let mut h = String::with_capacity(64 * 1024);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"wirelint {}\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(title)
    );
    let _ = writeln!(h, "<header>\n<h1>{}</h1>", esc(title));
    let inputs: Vec<String> = a.inputs.iter().map(|(p, what)| format!("{} ({what})", esc(p))).collect();
    let _ = writeln!(h, "<p class=\"meta\">wirelint {} · read: {}</p>", env!("CARGO_PKG_VERSION"), inputs.join(", "));
    kpis(&mut h, a);
    h.push_str(
        "<nav><a href=\"#by-source\">By source</a><a href=\"#by-language\">By language</a><a href=\"#over-time\">Over time</a>\
         <a href=\"#translated\">Machine-translated</a><a href=\"#entities\">Entities</a><a href=\"#residue\">Residue</a>\
         <a href=\"#rules\">Rules and examples</a></nav>\n</header>\n",
    );

    let mut open = false;
    // by source and rule
    section(&mut h, &mut open, "by-source", "Findings per 1,000 stories by source and rule");
    let _ = writeln!(
        h,
        "<p class=\"note\">The source is the story's source / outlet / provider field; without one, its JSON Lines file or its folder. \
         Each cell is the rule's findings per 1,000 stories of that source; darker is more.{}</p>",
        if a.sources.len() > CHART_ROWS {
            format!(" The chart shows the {CHART_ROWS} sources with the most stories; the table lists all {}.", a.sources.len())
        } else {
            String::new()
        }
    );
    heatmap(&mut h, a);
    table(&mut h, &tables::sources(a));

    section(&mut h, &mut open, "by-language", "Findings per 1,000 stories by language");
    let langs: Vec<(String, &Group)> = Audit::by_stories(&a.languages).into_iter().map(|(k, g)| (k.clone(), g)).collect();
    hbars(&mut h, "languages", &langs.iter().map(|(k, g)| bar_of(k, g)).collect::<Vec<_>>(), "per 1,000 stories");
    table(&mut h, &tables::languages_table(a));

    section(&mut h, &mut open, "over-time", "Findings per 1,000 stories over time");
    let (unit, periods) = a.periods();
    if periods.is_empty() {
        h.push_str("<p class=\"note\">No story in this input has a date (JSON Lines <code>date</code>, ninjs <code>firstcreated</code>, NITF <code>date.issue</code>).</p>\n");
    } else {
        let _ = writeln!(
            h,
            "<p class=\"note\">Per {unit} of the story dates; {} stories have no date they could be placed by.</p>",
            thousands(a.undated)
        );
        timeline(&mut h, &periods);
        table(&mut h, &tables::periods_table(a));
    }

    section(&mut h, &mut open, "translated", "Stories likely machine-translated, per source");
    h.push_str(
        "<p class=\"note\">A story counts when a rule found it translated from another language (<code>translated_from</code>: \
         calques of a known source language).</p>\n",
    );
    let tr = Audit::by_stories(&a.sources);
    let tr_bars: Vec<Bar> = tr
        .iter()
        .take(CHART_ROWS)
        .map(|(k, g)| Bar {
            label: (*k).clone(),
            value: per_1000(g.translated, g.stories) / 10.0,
            shown: percent(g.translated, g.stories),
            tip: format!("{k}: {} of {} stories likely translated", thousands(g.translated), thousands(g.stories)),
        })
        .collect();
    hbars(&mut h, "translated", &tr_bars, "% of stories");
    table(&mut h, &tables::translated(a));

    section(&mut h, &mut open, "entities", "Most frequent corrupted entities");
    topk_chart(&mut h, "entities", &a.entities, a.limits.top, "entity-corruption findings");
    table(&mut h, &tables::entities(a));

    section(&mut h, &mut open, "residue", "Most frequent residue lines");
    topk_chart(&mut h, "residue", &a.residue, a.limits.top, "scrape-residue findings");
    table(&mut h, &tables::residue(a));

    section(&mut h, &mut open, "rules", "Rules and examples");
    let rules = tables::rules(a);
    if rules.rows.is_empty() {
        h.push_str("<p class=\"note\">No findings.</p>\n");
    } else {
        let bars: Vec<Bar> = a
            .rules_by_findings()
            .into_iter()
            .map(|(name, r)| {
                let v = per_1000(r.findings, a.stories);
                Bar {
                    label: name.clone(),
                    value: v,
                    shown: rate(v),
                    tip: format!("{name}: {} findings in {} stories", thousands(r.findings), thousands(r.stories)),
                }
            })
            .collect();
        hbars(&mut h, "rules", &bars, "per 1,000 stories");
        table(&mut h, &rules);
    }
    for (name, r) in a.rules_by_findings() {
        let _ = writeln!(h, "<h3 id=\"rule-{}\">{} <span class=\"meta\">{}</span></h3>", esc(name), esc(name), esc(&r.code));
        if let Some(s) = tables::rule_summary(name) {
            let _ = writeln!(h, "<p class=\"note\">{}</p>", esc(s));
        }
        for e in &r.examples {
            h.push_str("<div class=\"ex\">");
            let _ = write!(h, "<div>Flagged: <code class=\"words\">{}</code>", esc(&e.text));
            if let Some(fix) = &e.fix {
                let how = e.applicability.as_deref().map(|a| format!(" ({a})")).unwrap_or_default();
                let _ = write!(h, " → fix: <code class=\"fix\">{}</code>{}", esc(fix), esc(&how));
            }
            let _ = write!(h, "</div><div class=\"msg\">{}</div>", esc(&e.message));
            let line = e.line.map(|l| format!(", line {l}")).unwrap_or_default();
            let headline = e.headline.as_deref().map(|t| format!(" — “{}”", esc(t))).unwrap_or_default();
            let _ = writeln!(
                h,
                "<div class=\"where\">{} · {}{}{} · {} confidence</div></div>",
                esc(&e.source),
                esc(&e.story),
                esc(&line),
                headline,
                esc(&e.confidence)
            );
        }
    }

    if a.errors > 0 {
        section(&mut h, &mut open, "errors", "Inputs that could not be read");
        let _ = writeln!(h, "<p class=\"note\">{} in all; the first {}:</p><ul>", thousands(a.errors), a.error_samples.len());
        for e in &a.error_samples {
            let _ = writeln!(h, "<li><code>{}</code></li>", esc(e));
        }
        h.push_str("</ul>\n");
    }
    if open {
        h.push_str("</section>\n");
    }
    let _ = write!(h, "<script>{SCRIPT}</script>\n</body>\n</html>\n");
    h
}

fn kpis(h: &mut String, a: &Audit) {
    let k = |h: &mut String, v: String, what: &str| {
        let _ = write!(h, "<div class=\"kpi\"><b>{}</b><span>{}</span></div>", esc(&v), esc(what));
    };
    h.push_str("<div class=\"kpis\">");
    k(h, thousands(a.stories), "stories");
    k(h, thousands(a.sources.len() as u64), "sources");
    k(h, thousands(a.findings), "findings");
    k(h, rate(per_1000(a.findings, a.stories)), "findings per 1,000 stories");
    k(h, percent(a.stories_with_findings, a.stories), "stories flagged");
    k(h, percent(a.translated, a.stories), "likely machine-translated");
    if a.errors > 0 {
        k(h, thousands(a.errors), "inputs not read");
    }
    h.push_str("</div>\n");
}

fn section(h: &mut String, open: &mut bool, id: &str, title: &str) {
    if *open {
        h.push_str("</section>\n");
    }
    *open = true;
    let _ = writeln!(h, "<section id=\"{id}\">\n<h2>{}</h2>", esc(title));
}

/// A sortable table.
pub fn table(h: &mut String, t: &Table) {
    let _ = write!(h, "<div class=\"scroll\"><table class=\"sortable\" id=\"{}\"><thead><tr>", t.id);
    for (name, num) in &t.headers {
        let _ = write!(h, "<th{}>{}</th>", if *num { " class=\"num\"" } else { "" }, esc(name));
    }
    h.push_str("</tr></thead><tbody>");
    for row in &t.rows {
        h.push_str("<tr>");
        for c in row {
            cell(h, c);
        }
        h.push_str("</tr>");
    }
    h.push_str("</tbody></table></div>\n");
}

fn cell(h: &mut String, c: &Cell) {
    match (c.sort, c.quoted) {
        (Some(v), _) => {
            let _ = write!(h, "<td class=\"num\" data-v=\"{v}\">{}</td>", esc(&c.text));
        }
        (None, true) => {
            let _ = write!(h, "<td><span class=\"quoted\">{}</span></td>", esc(&c.text));
        }
        (None, false) => {
            let _ = write!(h, "<td>{}</td>", esc(&c.text));
        }
    }
}

/// Colour of a heat-map cell: white to deep orange, on a square-root scale of `t` in 0..=1.
fn heat(t: f64) -> String {
    if t <= 0.0 {
        return "#f6f8fa".into();
    }
    let t = t.clamp(0.0, 1.0).sqrt();
    let (a, b) = ((255.0, 237.0, 213.0), (124.0, 45.0, 18.0));
    let mix = |x: f64, y: f64| (x + (y - x) * t).round() as u8;
    format!("#{:02x}{:02x}{:02x}", mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
}

fn short(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { format!("{}…", s.chars().take(n - 1).collect::<String>()) }
}

/// Sources × rules, each cell the rule's findings per 1,000 stories of the source.
fn heatmap(h: &mut String, a: &Audit) {
    let rules: Vec<String> = a.rules_by_findings().into_iter().map(|(r, _)| r.clone()).collect();
    let sources: Vec<(&String, &Group)> = Audit::by_stories(&a.sources).into_iter().take(CHART_ROWS).collect();
    if rules.is_empty() || sources.is_empty() {
        h.push_str("<p class=\"note\">No findings to chart.</p>\n");
        return;
    }
    let max = sources.iter().flat_map(|(_, g)| rules.iter().map(|r| g.rule_rate(r))).fold(0.0f64, f64::max);
    let (left, top, cw, ch) = (210.0, 120.0, 84.0, 28.0);
    // room on the right for the last column's slanted label
    let width = left + cw * rules.len() as f64 + 150.0;
    let height = top + ch * sources.len() as f64 + 10.0;
    let _ = writeln!(
        h,
        "<svg class=\"chart\" data-chart=\"heatmap\" role=\"img\" aria-label=\"findings per 1,000 stories by source and rule\" \
         xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"
    );
    for (j, r) in rules.iter().enumerate() {
        let x = left + cw * j as f64 + cw / 2.0;
        let _ = writeln!(h, "<text transform=\"translate({x},{}) rotate(-35)\" font-size=\"12\">{}</text>", top - 8.0, esc(r));
    }
    for (i, (name, g)) in sources.iter().enumerate() {
        let y = top + ch * i as f64;
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
            left - 8.0,
            y + ch * 0.65,
            esc(name),
            esc(&short(name, 30))
        );
        for (j, r) in rules.iter().enumerate() {
            let v = g.rule_rate(r);
            let x = left + cw * j as f64;
            let n = g.by_rule.get(r).copied().unwrap_or(0);
            let _ = write!(
                h,
                "<rect class=\"cell\" x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{}\" data-v=\"{v:.3}\"><title>{} · {}: {} findings in {} stories ({} per 1,000)</title></rect>",
                cw - 2.0,
                ch - 2.0,
                heat(if max > 0.0 { v / max } else { 0.0 }),
                esc(name),
                esc(r),
                thousands(n),
                thousands(g.stories),
                rate(v)
            );
            if n > 0 {
                let ink = if max > 0.0 && v / max > 0.35 { "#ffffff" } else { "#1f2328" };
                let _ = write!(
                    h,
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" style=\"fill:{ink}\">{}</text>",
                    x + (cw - 2.0) / 2.0,
                    y + ch * 0.62,
                    rate(v)
                );
            }
            h.push('\n');
        }
    }
    h.push_str("</svg>\n");
}

/// One bar of a horizontal bar chart.
pub(crate) struct Bar {
    pub label: String,
    pub value: f64,
    /// The value as printed at the end of the bar.
    pub shown: String,
    pub tip: String,
}

fn bar_of(k: &str, g: &Group) -> Bar {
    Bar {
        label: format!("{k} ({})", thousands(g.stories)),
        value: g.rate(),
        shown: rate(g.rate()),
        tip: format!("{k}: {} findings in {} stories ({} per 1,000)", thousands(g.findings), thousands(g.stories), rate(g.rate())),
    }
}

/// A horizontal bar chart (at most [`CHART_ROWS`] bars).
fn hbars(h: &mut String, name: &str, bars: &[Bar], unit: &str) {
    if bars.is_empty() {
        h.push_str("<p class=\"note\">Nothing to chart.</p>\n");
        return;
    }
    let bars = &bars[..bars.len().min(CHART_ROWS)];
    let max = bars.iter().map(|b| b.value).fold(0.0f64, f64::max);
    let (left, bw, rh) = (230.0, 560.0, 24.0);
    let width = left + bw + 90.0;
    let height = rh * bars.len() as f64 + 28.0;
    let _ = writeln!(
        h,
        "<svg class=\"chart\" data-chart=\"{name}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" \
         viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">",
        esc(&format!("{name}, {unit}"))
    );
    for (i, b) in bars.iter().enumerate() {
        let y = rh * i as f64 + 4.0;
        let w = if max > 0.0 { (b.value / max * bw).max(if b.value > 0.0 { 1.0 } else { 0.0 }) } else { 0.0 };
        let _ = writeln!(
            h,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text><rect class=\"bar\" x=\"{left}\" y=\"{y}\" width=\"{w:.1}\" height=\"{}\" \
             fill=\"#c2410c\" data-v=\"{:.3}\"><title>{}</title></rect><text x=\"{}\" y=\"{}\">{}</text>",
            left - 8.0,
            y + rh * 0.62,
            esc(&short(&b.label, 34)),
            rh - 6.0,
            b.value,
            esc(&b.tip),
            left + w + 6.0,
            y + rh * 0.62,
            esc(&b.shown)
        );
    }
    let _ = writeln!(h, "<text x=\"{left}\" y=\"{}\" fill=\"#59636e\" font-size=\"11\">{}</text>", height - 6.0, esc(unit));
    h.push_str("</svg>\n");
}

/// Findings per 1,000 stories per period as columns, stories per period as a line.
fn timeline(h: &mut String, periods: &[(String, Group)]) {
    let n = periods.len();
    let (left, top, ph, bottom) = (56.0, 16.0, 220.0, 70.0);
    let step = (960.0 / n as f64).clamp(4.0, 48.0);
    let width = left + step * n as f64 + 60.0;
    let height = top + ph + bottom;
    let max = periods.iter().map(|(_, g)| g.rate()).fold(0.0f64, f64::max);
    let max_stories = periods.iter().map(|(_, g)| g.stories).max().unwrap_or(0) as f64;
    let _ = writeln!(
        h,
        "<svg class=\"chart\" data-chart=\"timeline\" role=\"img\" aria-label=\"findings per 1,000 stories over time\" \
         xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\">"
    );
    // axis and ticks
    let _ = writeln!(h, "<line class=\"axis\" x1=\"{left}\" y1=\"{}\" x2=\"{}\" y2=\"{}\"/>", top + ph, width - 50.0, top + ph);
    for k in 0..=2 {
        let v = max * f64::from(k) / 2.0;
        let y = top + ph - ph * f64::from(k) / 2.0;
        let _ = writeln!(
            h,
            "<line class=\"axis\" x1=\"{left}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke-dasharray=\"2 3\"/><text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>",
            width - 50.0,
            left - 6.0,
            y + 4.0,
            rate(v)
        );
    }
    let every = (n / 24).max(1);
    let mut line = String::new();
    for (i, (k, g)) in periods.iter().enumerate() {
        let x = left + step * i as f64;
        let v = g.rate();
        let bh = if max > 0.0 { v / max * ph } else { 0.0 };
        let _ = writeln!(
            h,
            "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"#c2410c\" data-v=\"{v:.3}\"><title>{}: {} findings in {} stories ({} per 1,000)</title></rect>",
            x + 1.0,
            top + ph - bh,
            (step - 2.0).max(1.0),
            esc(k),
            thousands(g.findings),
            thousands(g.stories),
            rate(v)
        );
        if max_stories > 0.0 {
            let _ = write!(
                line,
                "{}{:.1},{:.1}",
                if i == 0 { "" } else { " " },
                x + step / 2.0,
                top + ph - g.stories as f64 / max_stories * ph
            );
        }
        if i % every == 0 {
            let _ = writeln!(
                h,
                "<text transform=\"translate({:.1},{}) rotate(-45)\" text-anchor=\"end\" font-size=\"11\">{}</text>",
                x + step / 2.0,
                top + ph + 12.0,
                esc(k)
            );
        }
    }
    let _ = writeln!(
        h,
        "<polyline class=\"stories\" points=\"{line}\" fill=\"none\" stroke=\"#1d4ed8\" stroke-width=\"1.5\"><title>stories per period (scaled; peak {})</title></polyline>",
        thousands(max_stories as u64)
    );
    let _ = writeln!(
        h,
        "<text x=\"{left}\" y=\"{}\" font-size=\"11\" fill=\"#59636e\">columns: findings per 1,000 stories · blue line: stories (peak {})</text>",
        height - 4.0,
        thousands(max_stories as u64)
    );
    h.push_str("</svg>\n");
}

fn topk_chart(h: &mut String, name: &str, t: &super::TopK, n: usize, unit: &str) {
    let top = t.top(n.min(CHART_ROWS));
    if top.is_empty() {
        let _ = writeln!(h, "<p class=\"note\">None found.</p>");
        return;
    }
    let bars: Vec<Bar> = top
        .iter()
        .map(|e| {
            let label = match &e.fix {
                Some(f) if !f.is_empty() => format!("{} → {}", e.text, f),
                _ => e.text.clone(),
            };
            Bar {
                label: label.clone(),
                value: e.count as f64,
                shown: thousands(e.count),
                tip: format!("{label}: {} findings from {} sources", thousands(e.count), e.sources),
            }
        })
        .collect();
    hbars(h, name, &bars, unit);
    if t.approximate() {
        h.push_str("<p class=\"note\">More distinct texts were seen than the report keeps: counts marked ≤ are upper bounds.</p>\n");
    }
}
