//! The audit report (`wirelint report`) in headless Chromium, driven over WebDriver
//! (chromedriver) as tests/it/browser.rs drives the editor's page: the charts render as SVG with
//! one shape per row, the tables sort when a header is clicked. With WIRELINT_SCREENSHOT=1 it
//! saves docs/report.png.
//!
//! Skips (passing) when /usr/bin/chromium or /usr/bin/chromedriver is missing.

use crate::report_corpus;
use crate::webdriver;

use std::path::Path;
use std::process::Command;

use serde_json::{Value, json};
use webdriver::{Browser, CHROMEDRIVER, CHROMIUM};

/// The numbers of a table column, top to bottom.
const COLUMN: &str = r#"
const [id, col] = arguments;
return [...document.querySelectorAll('#' + id + ' tbody tr')].map(r => parseFloat(r.cells[col].dataset.v));
"#;

#[test]
fn the_report_draws_its_charts_and_sorts_its_tables() {
    if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
        println!("skipped: chromium/chromedriver not installed");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("corpus.jsonl"), report_corpus::jsonl(240)).unwrap();
    let page = dir.path().join("audit.html");
    let o = Command::new(env!("CARGO_BIN_EXE_wirelint"))
        .current_dir(dir.path())
        .args(["report", "--no-config", "--no-progress", "--title", "Partner audit (generated stories)", "corpus.jsonl", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));

    let b = Browser::start();
    b.goto(&format!("file://{}", page.display()));
    b.wait_for("the page", "return document.readyState === 'complete'");
    // every chart is an SVG the browser laid out, with one shape per row of data
    let charts = b.js(
        r#"return [...document.querySelectorAll('svg.chart')].map(s => {
             const box = s.getBoundingClientRect();
             return { name: s.dataset.chart, width: box.width, height: box.height,
                      shapes: s.querySelectorAll('rect').length, texts: s.querySelectorAll('text').length };
           });"#,
        json!([]),
    );
    let charts = charts.as_array().unwrap();
    let names: Vec<&str> = charts.iter().map(|c| c["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["heatmap", "languages", "timeline", "translated", "entities", "residue", "rules"]);
    for c in charts {
        assert!(c["width"].as_f64().unwrap() > 200.0 && c["height"].as_f64().unwrap() > 30.0, "{c}");
        assert!(c["shapes"].as_u64().unwrap() >= 1 && c["texts"].as_u64().unwrap() >= 2, "{c}");
    }
    let sources = b.js("return document.querySelectorAll('#t-sources tbody tr').length", json!([])).as_u64().unwrap();
    let rules = b.js("return document.querySelectorAll('#t-rules tbody tr').length", json!([])).as_u64().unwrap();
    assert_eq!((sources, rules), (3, 4), "entity-corruption, translationese, scrape-residue, number-format");
    assert_eq!(charts[0]["shapes"].as_u64().unwrap(), sources * rules, "a heat-map cell per source and rule");
    assert_eq!(charts[2]["shapes"].as_u64().unwrap(), 4, "one column per month");
    // the heat map's darkest cell is the largest rate
    let darkest = b.js(
        r#"const cells = [...document.querySelectorAll('svg[data-chart=heatmap] rect.cell')];
           const lum = c => { const m = getComputedStyle(c).fill.match(/\d+/g).map(Number); return m[0] + m[1] + m[2]; };
           cells.sort((a, b) => lum(a) - lum(b));
           return [parseFloat(cells[0].dataset.v), Math.max(...cells.map(c => parseFloat(c.dataset.v)))];"#,
        json!([]),
    );
    assert_eq!(darkest[0], darkest[1], "{darkest}");

    // sorting: the sources table by stories (first click: most first), again (fewest first)
    let sorted = |v: &Value, desc: bool| {
        let xs: Vec<f64> = v.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
        xs.windows(2).all(|w| if desc { w[0] >= w[1] } else { w[0] <= w[1] })
    };
    let per_1000 = 4; // the `per 1,000` column
    let before = b.js(COLUMN, json!(["t-sources", per_1000]));
    b.click(&format!("#t-sources thead th:nth-child({})", per_1000 + 1));
    let desc = b.js(COLUMN, json!(["t-sources", per_1000]));
    assert!(sorted(&desc, true), "{desc}");
    b.click(&format!("#t-sources thead th:nth-child({})", per_1000 + 1));
    let asc = b.js(COLUMN, json!(["t-sources", per_1000]));
    assert!(sorted(&asc, false), "{asc}");
    let mut a: Vec<f64> = before.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    a.sort_by(f64::total_cmp);
    let asc_values: Vec<f64> = asc.as_array().unwrap().iter().map(|x| x.as_f64().unwrap()).collect();
    assert_eq!(a, asc_values, "sorting moves rows, it does not change them");
    let aria = b.js(
        &format!("return document.querySelector('#t-sources thead th:nth-child({})').getAttribute('aria-sort')", per_1000 + 1),
        json!([]),
    );
    assert_eq!(aria, "ascending");
    // a text column sorts alphabetically
    b.click("#t-rules thead th:nth-child(1)");
    let names = b.js("return [...document.querySelectorAll('#t-rules tbody tr')].map(r => r.cells[0].textContent)", json!([]));
    let mut want: Vec<String> = names.as_array().unwrap().iter().map(|x| x.as_str().unwrap().to_string()).collect();
    want.sort();
    assert_eq!(names, json!(want));

    if std::env::var_os("WIRELINT_SCREENSHOT").is_some() {
        b.js("document.querySelector('#t-sources thead th:nth-child(2)').click(); window.scrollTo(0, 0);", json!([]));
        b.screenshot(&Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/report.png"));
    }
}
