//! `claimex._claimex`: the native half of the Python package (PyO3).
//!
//! It does only what needs Rust: building an extractor from gazetteer files, and turning
//! articles into the library's own JSON (`claimex::output::document` through serde_json, the
//! serialiser the CLI uses, so the bytes are the CLI's). Everything Pythonic (defaults, record
//! dicts, `json.loads`, pandas) lives in `claimex/__init__.py`.
//!
//! Invariants: [`NativeExtractor::extract_batch`] releases the GIL for the whole batch and
//! returns results in input order whatever the thread count; a panic in the library becomes a
//! Python exception naming the document, never an abort.

use claimex::output::{document, DocumentMeta};
use claimex::{Date, Extractor, Gazetteer};
use pyo3::exceptions::{PyOSError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use serde_json::{Map, Value};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// One article for [`NativeExtractor::extract_batch`]: id, text, path, and the passed-through
/// `document` fields as a JSON object (or None).
type Record = (String, String, Option<String>, Option<String>);

/// A built extractor: the gazetteers and their compiled automata.
#[pyclass(frozen, module = "claimex._claimex", name = "NativeExtractor")]
struct NativeExtractor {
    inner: Extractor,
}

#[pymethods]
impl NativeExtractor {
    /// Builds the extractor from the embedded gazetteers plus `gazetteers` (files, or folders
    /// whose `*.tsv` files are read in sorted order); with `replace`, from `gazetteers` only.
    #[new]
    #[pyo3(signature = (gazetteers, replace))]
    fn new(py: Python<'_>, gazetteers: Vec<PathBuf>, replace: bool) -> PyResult<Self> {
        if replace && gazetteers.is_empty() {
            return Err(PyValueError::new_err(
                "replace=True needs at least one gazetteer file or folder",
            ));
        }
        let inner = py.detach(|| -> PyResult<Extractor> {
            let mut g = match replace {
                true => Gazetteer::default(),
                false => Gazetteer::embedded(),
            };
            for path in &gazetteers {
                for file in tsv_files(path)? {
                    add_file(&mut g, &file)?;
                }
            }
            Ok(Extractor::new(g))
        })?;
        Ok(NativeExtractor { inner })
    }

    /// Number of entities in the gazetteers.
    #[getter]
    fn entity_count(&self) -> usize {
        self.inner.gazetteer().entities().len()
    }

    /// One article to its JSON document (one line, no newline), with the GIL released.
    #[pyo3(signature = (id, text, path=None, extra=None))]
    fn extract_json(
        &self,
        py: Python<'_>,
        id: String,
        text: String,
        path: Option<String>,
        extra: Option<String>,
    ) -> PyResult<String> {
        let record = (id, text, path, extra);
        py.detach(|| to_json(&self.inner, &record))
            .map_err(PyRuntimeError::new_err)
    }

    /// Many articles to their JSON documents, in input order, on `threads` threads with the
    /// GIL released throughout.
    #[pyo3(signature = (records, threads))]
    fn extract_batch(&self, py: Python<'_>, records: Vec<Record>, threads: usize) -> PyResult<Vec<String>> {
        py.detach(|| in_parallel(&self.inner, &records, threads.max(1)))
            .map_err(PyRuntimeError::new_err)
    }
}

/// The files a gazetteer argument names: the file itself, or a folder's `*.tsv`, sorted.
fn tsv_files(path: &Path) -> PyResult<Vec<PathBuf>> {
    if !path.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let listing = std::fs::read_dir(path)
        .map_err(|e| PyOSError::new_err(format!("{}: cannot read gazetteer folder: {e}", path.display())))?;
    let mut files: Vec<PathBuf> = listing
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
        .collect();
    if files.is_empty() {
        return Err(PyValueError::new_err(format!(
            "{}: no *.tsv gazetteer files",
            path.display()
        )));
    }
    files.sort();
    Ok(files)
}

/// Reads one gazetteer file into `g`; a malformed row is a `ValueError` naming `file:line`.
fn add_file(g: &mut Gazetteer, path: &Path) -> PyResult<()> {
    let name = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| PyOSError::new_err(format!("{name}: cannot read gazetteer: {e}")))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        PyValueError::new_err(format!("{name}: not UTF-8: invalid byte at byte offset {at}"))
    })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    g.add_file(&name, text)
        .map_err(|e| PyValueError::new_err(e.to_string()))
}

/// Extracts and serialises one record; an error or a library panic becomes a message.
fn to_json(extractor: &Extractor, (id, text, path, extra): &Record) -> Result<String, String> {
    let fields = match extra {
        None => Map::new(),
        Some(json) => match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(map)) => map,
            _ => return Err(format!("{id}: the passed-through fields are not a JSON object")),
        },
    };
    // As `claimex batch --input jsonl` reads a record: `date` is the article date, the other
    // fields pass through (reserved names as `input_<name>`).
    let (mut meta, date) = DocumentMeta::from_record(id.clone(), fields).map_err(|e| format!("{id}: {e}"))?;
    meta.path = path.clone();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let run = || {
        let x = extractor.extract_dated(text, date);
        serde_json::to_string(&document(text, &x, extractor.gazetteer(), &meta))
    };
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok(json)) => Ok(json),
        Ok(Err(e)) => Err(format!("{id}: {e}")),
        Err(_) => Err(format!(
            "{id}: internal error: extraction panicked (a bug; please report it)"
        )),
    }
}

/// Runs [`to_json`] over `records` on `threads` scoped threads; each takes the next record
/// from a shared counter (articles differ in size), and results are put back in input order.
fn in_parallel(extractor: &Extractor, records: &[Record], threads: usize) -> Result<Vec<String>, String> {
    let next = AtomicUsize::new(0);
    let work = || {
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(record) = records.get(i) else { return done };
            done.push((i, to_json(extractor, record)));
        }
    };
    let mut results: Vec<(usize, Result<String, String>)> = match threads.min(records.len()) {
        0 | 1 => work(),
        n => std::thread::scope(|s| {
            let handles: Vec<_> = (0..n).map(|_| s.spawn(work)).collect();
            handles
                .into_iter()
                .flat_map(|h| h.join().expect("to_json catches panics"))
                .collect()
        }),
    };
    results.sort_unstable_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// Checks an article date as the library reads it (`YYYY-MM-DD`, or an ISO 8601 timestamp),
/// so a bad one is a `ValueError` before any work.
#[pyfunction]
fn check_date(date: &str) -> PyResult<()> {
    date.parse::<Date>()
        .map(drop)
        .map_err(|e| PyValueError::new_err(format!("date: {e}")))
}

#[pymodule]
fn _claimex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeExtractor>()?;
    m.add_function(wrap_pyfunction!(check_date, m)?)?;
    m.add("SCHEMA_VERSION", claimex::output::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
