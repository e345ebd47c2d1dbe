//! `claimex batch`: a corpus folder to JSON Lines (or another `--format`).

use super::format::Sink;
use super::io::{meta_for, read_article};
use anyhow::{Context, Result};
use claimex::Extractor;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// Writes each file through `sink` (JSON: one line per file); returns how many failed.
pub fn run(
    extractor: &Extractor,
    files: &[PathBuf],
    walk_errors: &[WalkError],
    out: &mut dyn Write,
    sink: &mut Sink,
) -> Result<usize> {
    let mut out = BufWriter::new(out);
    let mut failed = 0;
    sink.begin(&mut out)?;
    for (path, reason) in walk_errors {
        failed += 1;
        if sink.takes_error_lines() {
            error_line(&mut out, path, reason)?;
        } else {
            eprintln!("claimex: skipped {reason}");
        }
    }
    for path in files {
        match read_article(path) {
            Ok(text) => {
                let meta = meta_for(path);
                let x = extractor.extract(&text);
                sink.document(&mut out, &text, &x, extractor.gazetteer(), &meta)?;
            }
            Err(e) => {
                failed += 1;
                let reason = format!("{e:#}");
                eprintln!("claimex: skipped {reason}");
                if sink.takes_error_lines() {
                    error_line(&mut out, path, &reason)?;
                }
            }
        }
    }
    sink.end(&mut out)?;
    Ok(failed)
}

pub fn error_line(out: &mut dyn Write, path: &Path, reason: &str) -> Result<()> {
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

/// A folder the walk could not read, and why.
pub type WalkError = (PathBuf, String);

/// Every `*.txt` file under `dir`, sorted; unreadable folders are reported, not fatal.
/// Symbolic links to folders are not followed, so link loops cannot trap the walk.
pub fn walk(dir: &Path) -> Result<(Vec<PathBuf>, Vec<WalkError>)> {
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
