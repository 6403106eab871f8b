//! `wirelint._native`: the Python functions, over `wirelint::api`. The checks run without the
//! GIL (other Python threads go on), `check_many` on a pool of Rust threads.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

use pyo3::exceptions::{PyKeyError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;
use wirelint::api;
use wirelint::names_report::NameSummary;
use wirelint::{Confidence, Linter};

/// Linters by options: preparing one is the costly part of a first call, so they are kept.
fn linter(
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    min_confidence: Option<&str>,
    language: Option<&str>,
) -> PyResult<Arc<Linter>> {
    static CACHE: OnceLock<Mutex<HashMap<String, Arc<Linter>>>> = OnceLock::new();
    let min = match min_confidence {
        Some(c) => Some(c.parse::<Confidence>().map_err(PyValueError::new_err)?),
        None => None,
    };
    let opts = api::Options {
        select: select.unwrap_or_default(),
        ignore: ignore.unwrap_or_default(),
        min_confidence: min,
        language: language.map(str::to_string),
    };
    let key = format!("{:?}|{:?}|{:?}|{:?}", opts.select, opts.ignore, opts.min_confidence, opts.language);
    let cache = CACHE.get_or_init(Default::default);
    if let Some(l) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return Ok(l.clone());
    }
    let l = Arc::new(api::linter(&opts).map_err(PyValueError::new_err)?);
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, l.clone());
    Ok(l)
}

/// A JSON value as Python objects (dict, list, str, int, float, bool, None).
fn to_py<'py>(py: Python<'py>, v: &Value) -> PyResult<Bound<'py, PyAny>> {
    Ok(match v {
        Value::Null => py.None().into_bound(py),
        Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_pyobject(py)?.into_any(),
            (None, Some(u)) => u.into_pyobject(py)?.into_any(),
            _ => n.as_f64().unwrap_or(f64::NAN).into_pyobject(py)?.into_any(),
        },
        Value::String(s) => PyString::new(py, s).into_any(),
        Value::Array(a) => {
            let l = PyList::empty(py);
            for x in a {
                l.append(to_py(py, x)?)?;
            }
            l.into_any()
        }
        Value::Object(m) => {
            let d = PyDict::new(py);
            for (k, x) in m {
                d.set_item(k, to_py(py, x)?)?;
            }
            d.into_any()
        }
    })
}

fn records<'py>(py: Python<'py>, rs: &[Value]) -> PyResult<Bound<'py, PyList>> {
    let l = PyList::empty(py);
    for r in rs {
        l.append(to_py(py, r)?)?;
    }
    Ok(l)
}

/// One input of `check_many`: a text, or a story object as JSON.
enum Item {
    Text(String),
    Story(Value),
}

fn item(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<Item> {
    if let Ok(s) = obj.cast::<PyString>() {
        return Ok(Item::Text(s.to_cow()?.into_owned()));
    }
    if obj.cast::<PyDict>().is_ok() || obj.hasattr("keys")? {
        // through the json module, so every JSON-able mapping works as it would in a file
        let json = py.import("json")?.call_method1("dumps", (obj,))?;
        let v: Value = serde_json::from_str(&json.cast::<PyString>()?.to_cow()?).map_err(|e| PyValueError::new_err(e.to_string()))?;
        return Ok(Item::Story(v));
    }
    Err(PyTypeError::new_err(format!("a story is a str or a dict, not {}", obj.get_type().name()?)))
}

/// check(text, language=None, format="text", select=None, *, ignore=None, min_confidence=None, path="-")
/// --
///
/// Checks one input and returns the JSON Lines records of `wirelint check --format jsonl`:
/// each story's findings, then the story (an "error" record for what could not be read).
#[pyfunction]
#[pyo3(signature = (text, language=None, format="text", select=None, *, ignore=None, min_confidence=None, path="-"))]
#[allow(clippy::too_many_arguments)]
fn check<'py>(
    py: Python<'py>,
    text: &str,
    language: Option<&str>,
    format: &str,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    min_confidence: Option<&str>,
    path: &str,
) -> PyResult<Bound<'py, PyList>> {
    let l = linter(select, ignore, min_confidence, language)?;
    let text = text.to_string();
    let rs = py.detach(|| api::check_text(&l, path, &text, Some(format))).map_err(PyValueError::new_err)?;
    records(py, &rs)
}

/// check_many(stories, threads=None, *, language=None, format="text", select=None, ignore=None, min_confidence=None, path="-", lines=None)
/// --
///
/// Checks many stories in parallel without the GIL. Each story is a str (in `format`) or a dict
/// with the JSON Lines fields (`body`, `id`, `headline`, `source`, `language`, `date`...; read as
/// line i+1 of a JSON Lines file named `path`). Returns one list of records per story, in order.
/// `lines`: each story's line in its JSON Lines file (then a str in format "jsonl" is one record),
/// so records checked anywhere equal those of `wirelint check path`.
#[pyfunction]
#[pyo3(signature = (stories, threads=None, *, language=None, format="text", select=None, ignore=None, min_confidence=None, path="-", lines=None))]
#[allow(clippy::too_many_arguments)]
fn check_many<'py>(
    py: Python<'py>,
    stories: &Bound<'py, PyAny>,
    threads: Option<usize>,
    language: Option<&str>,
    format: &str,
    select: Option<Vec<String>>,
    ignore: Option<Vec<String>>,
    min_confidence: Option<&str>,
    path: &str,
    lines: Option<Vec<usize>>,
) -> PyResult<Bound<'py, PyList>> {
    let l = linter(select, ignore, min_confidence, language)?;
    let jsonl = api::input_format(format).map_err(PyValueError::new_err)? == wirelint::input::InputFormat::Jsonl;
    let mut items = Vec::new();
    for obj in stories.try_iter()? {
        items.push(item(py, &obj?)?);
    }
    if lines.as_ref().is_some_and(|l| l.len() != items.len()) {
        return Err(PyValueError::new_err("`lines` needs one line number per story"));
    }
    let run = |items: &[Item]| -> Vec<Vec<Value>> {
        items
            .par_iter()
            .enumerate()
            .map(|(i, it)| {
                let line = lines.as_ref().map(|ls| ls[i]);
                match it {
                    Item::Text(t) if jsonl && line.is_some() => api::check_line(&l, path, line.unwrap_or(i + 1), t),
                    Item::Text(t) => api::check_text(&l, path, t, Some(format)).unwrap_or_default(),
                    Item::Story(v) => api::check_story(&l, path, Some(line.unwrap_or(i + 1)), v),
                }
            })
            .collect()
    };
    let results = py.detach(|| -> PyResult<Vec<Vec<Value>>> {
        match threads {
            Some(n) => {
                let pool =
                    rayon::ThreadPoolBuilder::new().num_threads(n.max(1)).build().map_err(|e| PyValueError::new_err(e.to_string()))?;
                Ok(pool.install(|| run(&items)))
            }
            None => Ok(run(&items)),
        }
    })?;
    let out = PyList::empty(py);
    for rs in &results {
        out.append(records(py, rs)?)?;
    }
    Ok(out)
}

/// rules()
/// --
///
/// Every rule's metadata (name, code, family, severity, summary, explain, lexicons), as
/// `wirelint rules --format json` lists it.
#[pyfunction]
fn rules(py: Python<'_>) -> PyResult<Bound<'_, PyList>> {
    records(py, &api::rules())
}

/// explain(name)
/// --
///
/// The text of `wirelint explain NAME` (Markdown); KeyError for a name or code of no rule.
#[pyfunction]
fn explain(name: &str) -> PyResult<String> {
    api::explain(name).ok_or_else(|| PyKeyError::new_err(format!("unknown rule `{name}`")))
}

/// A JSON Lines record as text: a str as it is, a dict through the json module.
fn record_text(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<String> {
    Ok(match item(py, obj)? {
        Item::Text(t) => t,
        Item::Story(v) => v.to_string(),
    })
}

fn summary_of(py: Python<'_>, obj: &Bound<'_, PyAny>) -> PyResult<NameSummary> {
    let json = py.import("json")?.call_method1("dumps", (obj,))?;
    let s: NameSummary = serde_json::from_str(&json.cast::<PyString>()?.to_cow()?)
        .map_err(|e| PyValueError::new_err(format!("not a names summary: {e}")))?;
    if s.version != wirelint::names_report::SUMMARY_VERSION {
        return Err(PyValueError::new_err(format!(
            "names summary version {} (this wirelint reads {})",
            s.version,
            wirelint::names_report::SUMMARY_VERSION
        )));
    }
    Ok(s)
}

/// names_summary(records, lines=None, *, path="-", language="en")
/// --
///
/// The names summary of JSON Lines records (str or dict; `lines`: their line numbers, default
/// 1, 2, ...), as `wirelint names --save-summary` writes it. Merge with merge_summaries.
/// Unreadable records are skipped, as `wirelint names` does.
#[pyfunction]
#[pyo3(signature = (records, lines=None, *, path="-", language="en"))]
fn names_summary<'py>(
    py: Python<'py>,
    records: &Bound<'py, PyAny>,
    lines: Option<Vec<usize>>,
    path: &str,
    language: &str,
) -> PyResult<Bound<'py, PyAny>> {
    let mut texts = Vec::new();
    for obj in records.try_iter()? {
        texts.push(record_text(py, &obj?)?);
    }
    if lines.as_ref().is_some_and(|l| l.len() != texts.len()) {
        return Err(PyValueError::new_err("`lines` needs one line number per record"));
    }
    let (summary, _errors) = py.detach(|| {
        let numbered = texts.iter().enumerate().map(|(i, t)| (lines.as_ref().map_or(i + 1, |l| l[i]), t.as_str()));
        api::names_summary(path, numbered, language)
    });
    to_py(py, &serde_json::to_value(&summary).map_err(|e| PyValueError::new_err(e.to_string()))?)
}

/// merge_summaries(summaries)
/// --
///
/// Names summaries added together, as `wirelint names --merge` does (order-free).
#[pyfunction]
fn merge_summaries<'py>(py: Python<'py>, summaries: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let mut total = NameSummary::default();
    for obj in summaries.try_iter()? {
        total.merge(summary_of(py, &obj?)?);
    }
    to_py(py, &serde_json::to_value(&total).map_err(|e| PyValueError::new_err(e.to_string()))?)
}

/// names_report(summary, language="en")
/// --
///
/// The report of `wirelint names --format json` for a (merged) summary.
#[pyfunction]
#[pyo3(signature = (summary, language="en"))]
fn names_report<'py>(py: Python<'py>, summary: &Bound<'py, PyAny>, language: &str) -> PyResult<Bound<'py, PyAny>> {
    let s = summary_of(py, summary)?;
    to_py(py, &api::names_report(&s, language))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check, m)?)?;
    m.add_function(wrap_pyfunction!(check_many, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(names_summary, m)?)?;
    m.add_function(wrap_pyfunction!(merge_summaries, m)?)?;
    m.add_function(wrap_pyfunction!(names_report, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
