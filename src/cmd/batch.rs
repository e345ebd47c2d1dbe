//! `claimex batch`: a corpus folder or a JSON Lines stream to JSON Lines, on all cores.
//!
//! Invariants: with `--format json`/`jsonl`, exactly one output line per input (a file, an
//! unlistable folder, or an input line), in input order (sorted path order for folders),
//! byte-identical whatever the thread count; a failed input becomes an error record in its
//! place (other formats have no place for one: it is reported on stderr only) and the run goes
//! on. Output is flushed input by input, so the command works as a streaming mapper.
//!
//! JSON lines are serialised by the workers; articles for other formats (and very large ones)
//! travel to the writer as extractions and go through the `--format` [`Sink`] there.

use super::format::Sink;
use super::io::{meta_for, read_article};
use super::jsonl;
use super::pipeline::ordered_map;
use super::progress::{summary, Progress, Tally};
use super::source::{lines, walk, Input};
use anyhow::{Context, Result};
use claimex::output::{document, DocumentMeta, SCHEMA_VERSION};
use claimex::{Date, Extraction, Extractor};
use serde_json::{json, Value};
use std::io::{BufReader, BufWriter, Write};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;

/// What the inputs are.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// `*.txt` files under a folder, in sorted path order.
    Files,
    /// One `{"id", "text", ...}` object per line, from a file or standard input.
    Jsonl,
}

/// How to run a batch.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// Worker threads (at least 1).
    pub threads: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of failing the input.
    pub lossy: bool,
    /// No progress bar and no summary.
    pub quiet: bool,
    /// The article date for inputs without their own (`--date`).
    pub date: Option<Date>,
}

/// The inputs at `path` (a folder, or a JSON Lines file with `-`/None for stdin), and for
/// folders the number of files and their total size, for the progress bar.
pub type Inputs = (Box<dyn Iterator<Item = Input> + Send>, Option<(u64, u64)>);

/// Opens the inputs of a batch.
pub fn inputs(kind: InputKind, path: Option<&Path>) -> Result<Inputs> {
    match (kind, path) {
        (InputKind::Files, None) => anyhow::bail!("a corpus folder is needed (or --input jsonl)"),
        (InputKind::Files, Some(dir)) => {
            let files = walk(dir)?;
            let totals = (files.len() as u64, files.iter().map(Input::len).sum());
            Ok((Box::new(files.into_iter()), Some(totals)))
        }
        (InputKind::Jsonl, Some(p)) if p != Path::new("-") => {
            let file = std::fs::File::open(p).with_context(|| format!("{}: cannot open", p.display()))?;
            Ok((Box::new(lines(BufReader::with_capacity(1 << 16, file))), None))
        }
        (InputKind::Jsonl, _) => Ok((Box::new(lines(BufReader::new(std::io::stdin()))), None)),
    }
}

/// Extracts every input into `out` through `sink`, and returns the tally.
pub fn run(
    extractor: &Extractor,
    (inputs, totals): Inputs,
    opts: Options,
    out: &mut dyn Write,
    sink: &mut Sink,
) -> Result<Tally> {
    let mut out = BufWriter::with_capacity(1 << 16, out);
    let mut progress = Progress::new(totals.map(|t| t.0), totals.map(|t| t.1), opts.quiet);
    let (lines, error_lines) = (sink.writes_json_lines(), sink.takes_error_lines());
    sink.begin(&mut out)?;
    ordered_map(
        inputs,
        opts.threads,
        |input| process(extractor, input, opts, lines),
        |outcome| {
            match outcome.payload {
                Payload::Line(line) if outcome.error.is_none() || error_lines => out.write_all(&line)?,
                Payload::Line(_) => {}
                Payload::Deferred(big) => {
                    sink.document(&mut out, &big.text, &big.x, extractor.gazetteer(), &big.meta)?
                }
            }
            out.flush()?;
            progress.record(outcome.bytes, outcome.counts);
            if let Some(reason) = &outcome.error {
                progress.report(&format!("claimex: skipped {reason}"));
            }
            Ok(())
        },
    )?;
    sink.end(&mut out)?;
    out.flush()?;
    let (tally, elapsed) = progress.finish();
    if !opts.quiet {
        eprintln!("claimex: {}", summary(&tally, elapsed));
    }
    Ok(tally)
}

/// Serialises one document as JSON, one line without its `\n`, onto `out` (the workers' fast
/// path for `--format json`/`jsonl`; the same bytes as the [`Sink`] writes).
fn write_document(
    out: impl Write,
    text: &str,
    x: &Extraction,
    extractor: &Extractor,
    meta: &DocumentMeta,
) -> Result<()> {
    serde_json::to_writer(out, &document(text, x, extractor.gazetteer(), meta))?;
    Ok(())
}

/// Articles above this size are serialised by the writer straight into the output rather
/// than into a line buffer, since their JSON is 6-10 times their size.
const DEFER_ABOVE: usize = 1 << 20;

/// One input's output line and what the tally needs.
struct Outcome {
    payload: Payload,
    bytes: u64,
    /// Claims and mentions, or None for a failed input.
    counts: Option<(usize, usize)>,
    error: Option<String>,
}

enum Payload {
    /// The serialised line, `\n` included.
    Line(Vec<u8>),
    /// A big article's extraction, serialised by the writer.
    Deferred(Box<Big>),
}

struct Big {
    text: String,
    x: Extraction,
    meta: DocumentMeta,
}

/// Reads and extracts one input; `lines` serialises JSON lines here, on the worker.
fn process(extractor: &Extractor, input: Input, opts: Options, lines: bool) -> Outcome {
    let (len, lossy) = (input.len(), opts.lossy);
    match input {
        Input::File(path, _) => {
            let meta = meta_for(&path);
            match read_article(&path, lossy) {
                Ok(text) => extracted(extractor, text, meta, opts.date, lines),
                Err(e) => failed(json!({"id": meta.id, "path": meta.path}), format!("{e:#}"), len),
            }
        }
        Input::Unreadable(path, reason) => {
            let meta = meta_for(&path);
            failed(json!({"id": meta.id, "path": meta.path}), reason, len)
        }
        Input::Line(n, Err(e)) => failed(
            json!({"id": null, "path": null, "line": n}),
            format!("line {n}: {e}"),
            len,
        ),
        Input::Line(n, Ok(bytes)) => match jsonl::parse(n, bytes, lossy) {
            Ok(record) => extracted(extractor, record.text, record.meta, record.date.or(opts.date), lines),
            Err(bad) => failed(json!({"id": bad.id, "path": null, "line": n}), bad.reason, len),
        },
    }
}

fn extracted(extractor: &Extractor, text: String, meta: DocumentMeta, date: Option<Date>, lines: bool) -> Outcome {
    let bytes = text.len() as u64;
    let (id, path) = (meta.id.clone(), meta.path.clone());
    let run = || -> Result<(Payload, (usize, usize))> {
        let x = extractor.extract_dated(&text, date);
        let counts = (x.claims.len(), x.mentions.len());
        if !lines || text.len() > DEFER_ABOVE {
            return Ok((Payload::Deferred(Box::new(Big { text, x, meta })), counts));
        }
        let mut line = Vec::with_capacity(text.len() * 8);
        write_document(&mut line, &text, &x, extractor, &meta)?;
        line.push(b'\n');
        Ok((Payload::Line(line), counts))
    };
    let document = || json!({"id": id, "path": path});
    match catch_unwind(AssertUnwindSafe(run)) {
        Ok(Ok((payload, counts))) => Outcome {
            counts: Some(counts),
            payload,
            bytes,
            error: None,
        },
        Ok(Err(e)) => failed(document(), format!("{id}: {e:#}"), bytes),
        Err(_) => failed(
            document(),
            format!("{id}: internal error: extraction panicked (a bug; please report it)"),
            bytes,
        ),
    }
}

/// The error record for an input: `{"schema_version", "document", "error"}`.
fn failed(document: Value, reason: String, bytes: u64) -> Outcome {
    let record = json!({ "schema_version": SCHEMA_VERSION, "document": document, "error": &reason });
    let mut line = serde_json::to_vec(&record).expect("a JSON value serialises");
    line.push(b'\n');
    Outcome {
        payload: Payload::Line(line),
        bytes,
        counts: None,
        error: Some(reason),
    }
}
