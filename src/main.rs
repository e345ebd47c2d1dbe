//! The `claimex` command: wiring only. Reads files, calls the library, writes JSON.

use anyhow::{Context, Result};
use claimex::output::{document, DocumentMeta};
use claimex::{Extractor, Gazetteer};
use clap::{Args, Parser, Subcommand};
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Who claims what, about whom, where: gazetteer mentions and attributed claims in Syria
/// conflict news, as JSON.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Extract one article (a file, or `-` / nothing for stdin) to one JSON object.
    Extract {
        /// The article's path; `-` or nothing reads standard input.
        path: Option<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        gazetteers: GazetteerArgs,
    },
    /// Extract every `*.txt` under DIR, in sorted path order, one JSON line per article.
    Batch {
        /// The corpus folder, searched recursively.
        dir: PathBuf,
        /// Write the JSON Lines here (atomically, when complete) instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        gazetteers: GazetteerArgs,
    },
}

#[derive(Args)]
struct GazetteerArgs {
    /// Use the `*.tsv` gazetteers in DIR instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    gazetteers: Option<PathBuf>,
    /// Add a gazetteer file of your own (repeatable).
    #[arg(long, value_name = "FILE")]
    gazetteer: Vec<PathBuf>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("claimex: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<io::Error>()
            .is_some_and(|io| io.kind() == io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract {
            path,
            pretty,
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            let (text, meta) = match path.as_deref().filter(|p| *p != Path::new("-")) {
                Some(p) => (read_article(p)?, meta_for(p)),
                None => {
                    let mut bytes = Vec::new();
                    io::stdin().read_to_end(&mut bytes).context("reading standard input")?;
                    let text = decode(bytes).context("standard input")?;
                    (
                        text,
                        DocumentMeta {
                            id: "stdin".into(),
                            ..DocumentMeta::default()
                        },
                    )
                }
            };
            let x = extractor.extract(&text);
            let doc = document(&text, &x, extractor.gazetteer(), &meta);
            let mut out = io::stdout().lock();
            if pretty {
                serde_json::to_writer_pretty(&mut out, &doc)?;
            } else {
                serde_json::to_writer(&mut out, &doc)?;
            }
            writeln!(out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            dir,
            output,
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            let (files, walk_errors) = walk(&dir)?;
            let failed = match &output {
                Some(path) => write_atomically(path, |w| batch(&extractor, &files, &walk_errors, w))?,
                None => batch(&extractor, &files, &walk_errors, &mut io::stdout().lock())?,
            };
            eprintln!(
                "claimex: {} articles, {} failed",
                files.len() + walk_errors.len() - failed,
                failed
            );
            Ok(if failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}

/// Writes one JSON line per file; returns how many failed.
fn batch(
    extractor: &Extractor,
    files: &[PathBuf],
    walk_errors: &[WalkError],
    out: &mut dyn Write,
) -> Result<usize> {
    let mut out = BufWriter::new(out);
    let mut failed = 0;
    for (path, reason) in walk_errors {
        failed += 1;
        error_line(&mut out, path, reason)?;
    }
    for path in files {
        match read_article(path) {
            Ok(text) => {
                let meta = meta_for(path);
                let x = extractor.extract(&text);
                serde_json::to_writer(&mut out, &document(&text, &x, extractor.gazetteer(), &meta))?;
                writeln!(out)?;
            }
            Err(e) => {
                failed += 1;
                let reason = format!("{e:#}");
                eprintln!("claimex: skipped {reason}");
                error_line(&mut out, path, &reason)?;
            }
        }
    }
    out.flush()?;
    Ok(failed)
}

fn error_line(out: &mut dyn Write, path: &Path, reason: &str) -> Result<()> {
    let meta = meta_for(path);
    let line = serde_json::json!({
        "schema_version": claimex::output::SCHEMA_VERSION,
        "document": { "id": meta.id, "path": meta.path },
        "error": reason,
    });
    serde_json::to_writer(&mut *out, &line)?;
    writeln!(out)?;
    Ok(())
}

fn meta_for(path: &Path) -> DocumentMeta {
    DocumentMeta {
        id: path
            .file_stem()
            .map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned()),
        path: Some(path.display().to_string()),
        ..DocumentMeta::default()
    }
}

fn read_article(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    decode(bytes).with_context(|| path.display().to_string())
}

/// UTF-8 text without a byte-order mark; invalid UTF-8 is an error naming the byte.
fn decode(bytes: Vec<u8>) -> Result<String> {
    let mut text = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        anyhow::anyhow!("not UTF-8: invalid byte 0x{:02X} at byte offset {at}", e.as_bytes()[at])
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

fn load_gazetteers(args: &GazetteerArgs) -> Result<Gazetteer> {
    let mut g = match &args.gazetteers {
        None => Gazetteer::embedded(),
        Some(dir) => {
            let mut g = Gazetteer::default();
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
                .with_context(|| format!("{}: cannot read gazetteer folder", dir.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "tsv"))
                .collect();
            files.sort();
            if files.is_empty() {
                anyhow::bail!("{}: no *.tsv gazetteer files", dir.display());
            }
            for f in files {
                add_gazetteer(&mut g, &f)?;
            }
            g
        }
    };
    for f in &args.gazetteer {
        add_gazetteer(&mut g, f)?;
    }
    Ok(g)
}

fn add_gazetteer(g: &mut Gazetteer, path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).with_context(|| format!("{}: cannot read gazetteer", path.display()))?;
    let text = decode(bytes).with_context(|| path.display().to_string())?;
    g.add_file(&path.display().to_string(), &text)?;
    Ok(())
}

/// A folder the walk could not read, and why.
type WalkError = (PathBuf, String);

/// Every `*.txt` file under `dir`, sorted; unreadable folders are reported, not fatal.
/// Symbolic links to folders are not followed, so link loops cannot trap the walk.
fn walk(dir: &Path) -> Result<(Vec<PathBuf>, Vec<WalkError>)> {
    let meta = std::fs::metadata(dir).with_context(|| format!("{}: cannot open corpus folder", dir.display()))?;
    anyhow::ensure!(meta.is_dir(), "{}: not a folder", dir.display());
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                errors.push((d.clone(), format!("{}: cannot read folder: {e}", d.display())));
                continue;
            }
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") && (ft.is_file() || path.is_file()) {
                files.push(path);
            }
        }
    }
    files.sort();
    errors.sort();
    Ok((files, errors))
}

/// Runs `write` into a temporary file beside `path` and renames it into place on success,
/// so an interrupted run never leaves a truncated file that looks whole.
fn write_atomically<T>(path: &Path, write: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .with_context(|| format!("{}: not a file name", path.display()))?;
    let tmp = dir.join(format!(".{}.partial-{}", name.to_string_lossy(), std::process::id()));
    let mut file = std::fs::File::create(&tmp).with_context(|| format!("{}: cannot create", tmp.display()))?;
    let result = write(&mut file).and_then(|v| {
        file.sync_all()?;
        Ok(v)
    });
    match result {
        Ok(v) => {
            std::fs::rename(&tmp, path).with_context(|| format!("{}: cannot write", path.display()))?;
            Ok(v)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}
