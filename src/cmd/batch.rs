//! `claimex batch`: article files, corpus folders or a JSON Lines stream to JSON Lines, on all
//! cores.
//!
//! Invariants: with `--format json`/`jsonl`, exactly one output line per input (a file, an
//! unlistable folder, or an input line), in input order (argument order, and sorted path order
//! within a folder), byte-identical whatever the thread count; a failed input becomes an error
//! record in its place (other formats have no place for one: it is reported on stderr only)
//! and the run goes on. Output is flushed input by input, so the command works as a streaming
//! mapper.
//!
//! A worker reads a chunk of inputs, extracts its articles stage by stage
//! ([`Extractor::extract_all`]: the matcher's tables stay in cache across the chunk instead of
//! being evicted by the learned layer's after each article), then serialises them. JSON lines
//! are serialised by the workers; articles for other formats (and very large ones)
//! travel to the writer as extractions and go through the `--format` [`Sink`] there. A line's
//! buffer goes back to a [`Spare`] pool once written, so the workers reuse a few buffers that
//! are already grown (and, on one thread, still in cache) instead of allocating one per article.

use super::format::{FormatArgs, Sink};
use super::io::{is_std, load_extractor, meta_for, read_listed_article, stdin, write_output_buffered, GazetteerArgs};
use super::jsonl;
use super::pipeline::{chunks, ordered_map};
use super::progress::{summary, Progress, Tally};
use super::source::{files, line_chunks, Input};
use anyhow::{Context, Result};
use claimex::output::{document, DocumentMeta, SCHEMA_VERSION};
use claimex::{Date, Extraction, Extractor};
use serde_json::{json, Value};
use std::io::{BufReader, Write};
use std::num::NonZeroUsize;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;

/// Extract many articles on all cores: files, folders or a JSON Lines stream, one JSON line each.
///
/// Inputs are files, the `*.txt` files under folders (sorted path order), or the records of a
/// JSON Lines stream; the output has one JSON line per input, in input order, whatever the
/// thread count (or the chosen --format).
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Article files and corpus folders (searched recursively for `*.txt`), in this order; a
    /// quoted glob ('news/**/*.txt') is expanded too. With `--input jsonl`: one JSON Lines file
    /// (`-` or nothing: standard input).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// What the inputs are: article files, or `{"id", "text", ...}` lines.
    #[arg(long = "input", value_enum, default_value = "files")]
    input: InputKind,
    /// Write to FILE (atomically, when complete) instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Worker threads [default: all cores].
    #[arg(long, short = 'j', value_name = "N")]
    threads: Option<NonZeroUsize>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing the input.
    #[arg(long)]
    lossy: bool,
    /// No progress bar and no summary on stderr (errors are still reported).
    #[arg(long, short)]
    quiet: bool,
    /// The articles' date (YYYY-MM-DD) where a JSON Lines record has no `date` of its own.
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<Date>,
    #[command(flatten)]
    format: FormatArgs,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
}

/// What the inputs are.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputKind {
    /// Article files, and the `*.txt` files under folders, in sorted path order.
    Files,
    /// One `{"id", "text", ...}` object per line, from a file or standard input.
    Jsonl,
}

/// How to run a batch.
#[derive(Clone, Copy, Debug)]
struct Options {
    /// Worker threads (at least 1).
    threads: usize,
    /// Replace invalid UTF-8 with U+FFFD instead of failing the input.
    lossy: bool,
    /// No progress bar and no summary.
    quiet: bool,
    /// The article date for inputs without their own (`--date`).
    date: Option<Date>,
}

/// Runs the batch: exit code 1 when any input failed.
pub fn run(args: Args) -> Result<ExitCode> {
    // The listing (a `stat` per file: ~60 M instructions and as many system calls for 6,000
    // files) runs beside the start-up, whose threads leave a core partly idle.
    let (extractor, inputs) = std::thread::scope(|scope| {
        let list = || inputs(args.input, &args.paths);
        let listing = std::thread::Builder::new().spawn_scoped(scope, list);
        let extractor = load_extractor(&args.gazetteers);
        let inputs = match listing {
            Ok(listing) => listing.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            Err(_) => list(),
        };
        (extractor, inputs)
    });
    // A gazetteer or lexicon error is reported before an input error, as when they ran in turn.
    let (extractor, inputs) = (extractor?, inputs?);
    let threads = args
        .threads
        .or_else(|| std::thread::available_parallelism().ok())
        .map_or(1, NonZeroUsize::get);
    let opts = Options {
        threads,
        lossy: args.lossy,
        quiet: args.quiet,
        date: args.date,
    };
    let mut sink = Sink::new(&args.format, false, true)?;
    // JSON lines come whole from the workers and are flushed one by one: a small buffer lets
    // all but the shortest go straight to the output instead of being copied into it first.
    let capacity = if sink.writes_json_lines() { 1 << 13 } else { 1 << 16 };
    let tally = write_output_buffered(args.output.as_deref(), capacity, |out| {
        extract_all(&extractor, inputs, opts, out, &mut sink)
    })?;
    // The process ends next: as in `extract`, freeing the gazetteer's aliases and the matcher's
    // index one by one would cost ~52 M instructions (callgrind), as much as extracting ~36 articles.
    std::mem::forget(extractor);
    Ok(match tally.failed {
        0 => ExitCode::SUCCESS,
        _ => ExitCode::from(1),
    })
}

/// The inputs in chunks for the workers ([`chunks`]), and for files the number of files and
/// their total size, for the progress bar.
type Inputs = (Box<dyn Iterator<Item = Vec<Input>> + Send>, Option<(u64, u64)>);

/// Opens the inputs of a batch.
fn inputs(kind: InputKind, paths: &[PathBuf]) -> Result<Inputs> {
    match (kind, paths) {
        (InputKind::Files, []) => {
            anyhow::bail!("give article files or corpus folders (or --input jsonl for a JSON Lines stream)")
        }
        (InputKind::Files, paths) => {
            let files = files(paths)?;
            let totals = (files.len() as u64, files.iter().map(Input::len).sum());
            // Files are at hand: chunks fill up to their limits.
            Ok((Box::new(chunks(files.into_iter(), Input::len, || true)), Some(totals)))
        }
        (InputKind::Jsonl, [_, _, ..]) => {
            anyhow::bail!("--input jsonl reads one file (or standard input), not {}", paths.len())
        }
        (InputKind::Jsonl, [p]) if !is_std(Some(p)) => {
            let file = std::fs::File::open(p).with_context(|| format!("{}: cannot open", p.display()))?;
            Ok((Box::new(line_chunks(BufReader::with_capacity(1 << 16, file))), None))
        }
        (InputKind::Jsonl, _) => Ok((Box::new(line_chunks(BufReader::new(stdin()))), None)),
    }
}

/// Extracts every input into `out` through `sink`, and returns the tally.
fn extract_all(
    extractor: &Extractor,
    (inputs, totals): Inputs,
    opts: Options,
    out: &mut dyn Write,
    sink: &mut Sink,
) -> Result<Tally> {
    let mut progress = Progress::new(totals.map(|t| t.0), totals.map(|t| t.1), opts.quiet);
    let (lines, error_lines) = (sink.writes_json_lines(), sink.takes_error_lines());
    sink.begin(out)?;
    let spare = Spare::default();
    ordered_map(
        inputs,
        opts.threads,
        |chunk, emit| {
            process(
                extractor,
                &|a| extractor.extract_all(a),
                chunk,
                opts,
                lines,
                &spare,
                emit,
            )
        },
        |outcome| {
            match outcome.payload {
                Payload::Line(line) if outcome.error.is_none() || error_lines => {
                    out.write_all(&line)?;
                    spare.put(line);
                }
                Payload::Line(line) => spare.put(line),
                Payload::Deferred(big) => sink.document(out, &big.text, &big.x, extractor.gazetteer(), &big.meta)?,
            }
            out.flush()?;
            progress.record(outcome.bytes, outcome.counts);
            if let Some(reason) = &outcome.error {
                progress.report(&format!("claimex: skipped {reason}"));
            }
            Ok(())
        },
    )?;
    sink.end(out)?;
    out.flush()?;
    let (tally, elapsed) = progress.finish();
    if !opts.quiet {
        eprintln!("claimex: {}", summary(&tally, elapsed));
    }
    Ok(tally)
}

/// Articles above this size are serialised by the writer straight into the output rather
/// than into a line buffer, since their JSON is 6-10 times their size.
const DEFER_ABOVE: usize = 1 << 20;

/// Line buffers written and given back, for the workers to fill again.
#[derive(Default)]
struct Spare(Mutex<Vec<Vec<u8>>>);

impl Spare {
    /// Most buffers kept. About as many are in use as lines are in flight between the workers
    /// and the writer (one with `-j1`); this only bounds the pool.
    const KEPT: usize = 64;
    /// A buffer above this capacity is freed rather than kept, so the pool holds at most 64 MB
    /// (a line's buffer is reserved at eight times its article, so this keeps those of articles
    /// up to 128 KB, nearly all of them).
    const LARGEST: usize = 1 << 20;

    /// An empty buffer, grown by earlier lines if one was given back.
    fn take(&self) -> Vec<u8> {
        self.0.lock().map(|mut v| v.pop()).ok().flatten().unwrap_or_default()
    }

    /// Keeps `line`'s buffer for a later [`Spare::take`].
    fn put(&self, mut line: Vec<u8>) {
        if line.capacity() > Self::LARGEST {
            return;
        }
        if let Ok(mut kept) = self.0.lock() {
            if kept.len() < Self::KEPT {
                line.clear();
                kept.push(line);
            }
        }
    }
}

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

/// Extracts articles (text, date), one extraction each in order: [`Extractor::extract_all`].
type Extract<'a> = &'a dyn Fn(&[(&str, Option<Date>)]) -> Vec<Extraction>;

/// An input read and parsed, waiting for extraction.
struct Article {
    text: String,
    meta: DocumentMeta,
    date: Option<Date>,
}

/// Reads and extracts a chunk of inputs and hands `emit` their outcomes in order; `lines`
/// serialises JSON lines here, on the worker, one at a time (with one thread the line is
/// written, and its buffer back in [`Spare`], before the next). The chunk's articles go through
/// the pipeline together (`extract`: [`Extractor::extract_all`], which keeps each stage's tables
/// in cache). If that panics, each article is extracted again on its own, so only the one at
/// fault becomes an error record (and the default panic hook reports its panic twice).
fn process(
    extractor: &Extractor,
    extract: Extract,
    inputs: Vec<Input>,
    opts: Options,
    lines: bool,
    spare: &Spare,
    emit: &mut dyn FnMut(Outcome),
) {
    let read: Vec<Result<Article, Outcome>> = inputs.into_iter().map(|input| read(input, opts)).collect();
    let texts: Vec<_> = read.iter().flatten().map(|a| (a.text.as_str(), a.date)).collect();
    let all = catch_unwind(AssertUnwindSafe(|| extract(&texts)));
    let mut all = all.ok().map(Vec::into_iter);
    for input in read {
        emit(match input {
            Ok(article) => {
                let x = all.as_mut().and_then(Iterator::next);
                finished(extractor, extract, article, x, lines, spare)
            }
            Err(failure) => failure,
        });
    }
}

/// Reads and parses one input: its article, or its error record.
fn read(input: Input, opts: Options) -> Result<Article, Outcome> {
    let (len, lossy) = (input.len(), opts.lossy);
    let fail = |document, reason| Err(failed(document, reason, len));
    match input {
        Input::File(path, size) => {
            let meta = meta_for(&path);
            match read_listed_article(&path, size, lossy) {
                Ok(text) => Ok(Article {
                    text,
                    meta,
                    date: opts.date,
                }),
                Err(e) => fail(json!({"id": meta.id, "path": meta.path}), format!("{e:#}")),
            }
        }
        Input::Unreadable(path, reason) => {
            let meta = meta_for(&path);
            fail(json!({"id": meta.id, "path": meta.path}), reason)
        }
        Input::Line(n, Err(e)) => fail(json!({"id": null, "path": null, "line": n}), format!("line {n}: {e}")),
        Input::Line(n, Ok(bytes)) => match jsonl::parse(n, bytes, lossy) {
            Ok(record) => Ok(Article {
                text: record.text,
                date: record.date.or(opts.date),
                meta: record.meta,
            }),
            Err(bad) => fail(json!({"id": bad.id, "path": null, "line": n}), bad.reason),
        },
    }
}

/// An article's outcome from its extraction `x` (None: extracted here, on its own).
fn finished(
    extractor: &Extractor,
    extract: Extract,
    article: Article,
    x: Option<Extraction>,
    lines: bool,
    spare: &Spare,
) -> Outcome {
    let bytes = article.text.len() as u64;
    let (id, path) = (article.meta.id.clone(), article.meta.path.clone());
    let run = || {
        let x = x.unwrap_or_else(|| {
            let mut alone = extract(&[(&article.text, article.date)]);
            alone.pop().expect("an extraction per article")
        });
        let counts = Some((x.claims.len(), x.mentions.len()));
        let Article { text, meta, .. } = article;
        let payload = if !lines || text.len() > DEFER_ABOVE {
            Payload::Deferred(Box::new(Big { text, x, meta }))
        } else {
            // Serialised here, on the worker: the same bytes as the [`Sink`] writes.
            let mut line = spare.take();
            line.reserve(text.len() * 8);
            document(&text, &x, extractor.gazetteer(), &meta).push_json(&mut line);
            line.push(b'\n');
            Payload::Line(line)
        };
        Outcome {
            payload,
            bytes,
            counts,
            error: None,
        }
    };
    catch_unwind(AssertUnwindSafe(run)).unwrap_or_else(|_| {
        failed(
            json!({"id": id, "path": path}),
            format!("{id}: internal error: extraction panicked (a bug; please report it)"),
            bytes,
        )
    })
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

#[cfg(test)]
mod tests {
    use super::{process, Date, Extract, Extractor, Input, Options, Payload, Spare};
    use claimex::Gazetteer;
    use serde_json::json;

    #[test]
    fn a_panic_in_one_article_of_a_chunk_costs_that_article_alone() {
        let extractor = Extractor::new(Gazetteer::embedded());
        let texts = [
            "Activists said the army shelled Idlib on Monday.",
            "BUG: the extraction of this one panics.",
            "The ministry said that Russia denied it.",
        ];
        let run = |extract: Extract| {
            let inputs = (texts.iter().enumerate())
                .map(|(i, t)| Input::Line(i + 1, Ok(json!({"id": i, "text": t}).to_string().into_bytes())))
                .collect();
            let opts = Options {
                threads: 1,
                lossy: false,
                quiet: true,
                date: None,
            };
            let mut out = Vec::new();
            process(&extractor, extract, inputs, opts, true, &Spare::default(), &mut |o| {
                let Payload::Line(line) = o.payload else {
                    panic!("a JSON line")
                };
                out.push((String::from_utf8(line).unwrap(), o.error));
            });
            out
        };
        let plain = run(&|a| extractor.extract_all(a));
        let faulty = |a: &[(&str, Option<Date>)]| {
            assert!(!a.iter().any(|(t, _)| t.starts_with("BUG")), "an injected bug");
            extractor.extract_all(a)
        };
        let got = run(&faulty);
        assert_eq!(got.len(), 3);
        assert!(plain.iter().all(|(_, e)| e.is_none()));
        assert!(plain[0].0.contains("\"claims\":[{"), "{}", plain[0].0);
        assert_eq!(
            got[0], plain[0],
            "the articles before and after the panic as without it"
        );
        assert_eq!(got[2], plain[2]);
        let (line, error) = &got[1];
        assert!(
            error.as_ref().is_some_and(|e| e.contains("extraction panicked")),
            "{error:?}"
        );
        assert!(line.contains("\"error\"") && line.contains(r#""id":"1""#), "{line}");
    }

    #[test]
    fn spare_buffers_come_back_empty_and_grown_and_are_bounded() {
        let spare = Spare::default();
        assert_eq!(spare.take().capacity(), 0, "nothing given back yet");
        let mut line = spare.take();
        line.extend_from_slice(b"{\"a\":1}\n");
        let grown = line.capacity();
        spare.put(line);
        let again = spare.take();
        assert!(
            again.is_empty() && again.capacity() == grown,
            "the same buffer, cleared"
        );
        spare.put(Vec::with_capacity(Spare::LARGEST + 1));
        assert_eq!(spare.take().capacity(), 0, "a huge buffer is freed, not kept");
        (0..Spare::KEPT + 5).for_each(|_| spare.put(Vec::with_capacity(8)));
        let kept = std::iter::from_fn(|| Some(spare.take()).filter(|b| b.capacity() > 0)).count();
        assert_eq!(kept, Spare::KEPT);
    }
}
