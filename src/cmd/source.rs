//! Where batch inputs come from: the files and folders named on the command line (a folder's
//! `*.txt` files in sorted path order), or the lines of a JSON Lines stream, in order.
//!
//! Nothing is dropped here: a folder that cannot be listed and a `.txt` link that cannot be
//! resolved become inputs too, so they get an error record in their place in the output.

use super::pipeline::chunks;
use anyhow::{Context, Result};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// One unit of batch work.
#[derive(Debug)]
pub enum Input {
    /// An article file, with its size when known (for progress).
    File(PathBuf, u64),
    /// Something under the corpus folder that could not be listed, and why.
    Unreadable(PathBuf, String),
    /// A JSON Lines record: its 1-based line number and raw bytes (no line terminator), or the
    /// read error that ended the stream.
    Line(usize, std::io::Result<Vec<u8>>),
}

impl Input {
    /// The input's size in bytes, for progress: 0 when unknown.
    pub fn len(&self) -> u64 {
        match self {
            Input::File(_, len) => *len,
            Input::Line(_, Ok(bytes)) => bytes.len() as u64 + 1,
            _ => 0,
        }
    }
}

/// The inputs named by `paths`, in argument order: a folder gives its `*.txt` files
/// ([`walk`]), a file is itself whatever its name, and a path that does not exist but holds a
/// glob pattern (`*`, `?`, `[...]`, `**`: a quoted pattern, or a shell that does not expand)
/// gives the files and folders it matches, in sorted order. Any other path is an error before
/// any work starts, so a typo does not cost a long run.
pub fn files(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => out.extend(walk(path)?),
            Ok(meta) => out.push(Input::File(path.clone(), meta.len())),
            Err(e) => match path.to_str().filter(|p| p.contains(['*', '?', '['])) {
                Some(pattern) => expand(pattern, &mut out)?,
                None => return Err(e).with_context(|| format!("{}: cannot open", path.display())),
            },
        }
    }
    Ok(out)
}

/// The inputs that glob `pattern` matches, onto `out`.
fn expand(pattern: &str, out: &mut Vec<Input>) -> Result<()> {
    let matches = glob::glob(pattern).with_context(|| format!("{pattern}: not a valid glob pattern"))?;
    let mut matched = false;
    for m in matches {
        matched = true;
        match m {
            Ok(path) if path.is_dir() => out.extend(walk(&path)?),
            Ok(path) => {
                let len = std::fs::metadata(&path).map_or(0, |m| m.len());
                out.push(Input::File(path, len));
            }
            Err(e) => {
                let reason = format!("{}: cannot read folder: {}", e.path().display(), e.error());
                out.push(Input::Unreadable(e.path().to_path_buf(), reason));
            }
        }
    }
    anyhow::ensure!(
        matched,
        "{pattern}: no such file or folder, and no match as a glob pattern"
    );
    Ok(())
}

/// Every `*.txt` file under `dir`, and every folder that could not be listed, sorted by path.
/// Symbolic links to folders are not followed, so link loops cannot trap the walk; a `.txt`
/// link is kept, and a dangling or looping one fails when read.
pub fn walk(dir: &Path) -> Result<Vec<Input>> {
    let meta = std::fs::metadata(dir).with_context(|| format!("{}: cannot open corpus folder", dir.display()))?;
    anyhow::ensure!(meta.is_dir(), "{}: not a folder", dir.display());
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = match std::fs::read_dir(&d) {
            Ok(e) => e,
            Err(e) => {
                out.push(Input::Unreadable(
                    d.clone(),
                    format!("{}: cannot read folder: {e}", d.display()),
                ));
                continue;
            }
        };
        for entry in entries {
            let entry = match entry {
                Ok(entry) => entry,
                Err(e) => {
                    out.push(Input::Unreadable(
                        d.clone(),
                        format!("{}: cannot list folder: {e}", d.display()),
                    ));
                    break;
                }
            };
            let path = entry.path();
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if is_dir {
                stack.push(path);
            } else if path.extension().is_some_and(|x| x == "txt") {
                // One `stat` (through links) for both the folder test and the size: the listing
                // runs before any worker starts.
                let meta = std::fs::metadata(&path);
                if !meta.as_ref().is_ok_and(std::fs::Metadata::is_dir) {
                    out.push(Input::File(path, meta.map_or(0, |m| m.len())));
                }
            }
        }
    }
    out.sort_by_cached_key(|input| sort_key(key(input)));
    Ok(out)
}

fn key(input: &Input) -> &Path {
    match input {
        Input::File(p, _) | Input::Unreadable(p, _) => p,
        Input::Line(..) => Path::new(""),
    }
}

/// The bytes of `path` with each separator as a 0 byte, which no name holds: these keys sort
/// as the paths do component by component (`Path`'s order; "a/b" before "a-b"), for the paths
/// of a walk, which differ only in names after the same folder. Comparing `Path`s themselves
/// took most of a listing's instructions (40 of 55 M for 6,000 files).
fn sort_key(path: &Path) -> Vec<u8> {
    let separator = std::path::MAIN_SEPARATOR as u8;
    let mut key = path.as_os_str().as_encoded_bytes().to_vec();
    for b in &mut key {
        if *b == separator {
            *b = 0;
        }
    }
    key
}

/// The lines of `reader` as inputs, numbered from 1, without their `\n` or `\r\n`, in chunks
/// for the workers: a chunk takes only the lines already in the reader's buffer, so a line
/// that arrives alone (a stream mapper fed line by line) is handed out alone, at once. A read
/// error is the last input.
pub fn line_chunks<R: Read + Send>(reader: BufReader<R>) -> impl Iterator<Item = Vec<Input>> + Send {
    let buffered = Arc::new(AtomicBool::new(false));
    let more = Arc::clone(&buffered);
    chunks(lines(reader, buffered), Input::len, move || {
        more.load(Ordering::Relaxed)
    })
}

/// The lines of `reader` as inputs; after each, `buffered` tells whether a whole next line is
/// already in the buffer.
fn lines<R: Read + Send>(mut reader: BufReader<R>, buffered: Arc<AtomicBool>) -> impl Iterator<Item = Input> + Send {
    let mut number = 0;
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let mut line = Vec::new();
        number += 1;
        let read = reader.read_until(b'\n', &mut line);
        buffered.store(reader.buffer().contains(&b'\n'), Ordering::Relaxed);
        match read {
            Ok(0) => None,
            Ok(_) => {
                if line.ends_with(b"\n") {
                    line.pop();
                    if line.ends_with(b"\r") {
                        line.pop();
                    }
                }
                Some(Input::Line(number, Ok(line)))
            }
            Err(e) => {
                failed = true;
                Some(Input::Line(number, Err(e)))
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_walk_lists_in_path_order() {
        let dir = std::env::temp_dir().join(format!("claimex-walk-{}", std::process::id()));
        let names = [
            "a/b.txt",
            "a-b.txt",
            "a.b/c.txt",
            "a b.txt",
            "a/a/z.txt",
            "a.txt",
            "B.txt",
            "a0.txt",
            "ab/c.txt",
        ];
        for name in names {
            let path = dir.join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, "x").unwrap();
        }
        let listed: Vec<PathBuf> = walk(&dir).unwrap().iter().map(|i| key(i).to_path_buf()).collect();
        std::fs::remove_dir_all(&dir).unwrap();
        let mut sorted: Vec<PathBuf> = names.iter().map(|n| dir.join(n)).collect();
        sorted.sort();
        assert_eq!(listed, sorted);
        // Not the order of the bytes: "a/" sorts before "a b", "a-" and "a." as a path.
        assert_eq!(
            listed[..3],
            [dir.join("B.txt"), dir.join("a/a/z.txt"), dir.join("a/b.txt")]
        );
    }

    #[test]
    fn lines_strip_terminators_and_keep_blank_lines() {
        let got: Vec<_> = line_chunks(BufReader::new(&b"a\r\n\nb"[..]))
            .flatten()
            .map(|i| match i {
                Input::Line(n, Ok(b)) => (n, String::from_utf8(b).unwrap()),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(got, [(1, "a".into()), (2, "".into()), (3, "b".into())]);
    }

    #[test]
    fn a_chunk_of_lines_takes_only_what_is_buffered() {
        // A buffer of 8 bytes holds "1\n2\n3\n4\n" at once, then "5\n": two chunks.
        let reader = BufReader::with_capacity(8, &b"1\n2\n3\n4\n5\n"[..]);
        let sizes: Vec<usize> = line_chunks(reader).map(|c| c.len()).collect();
        assert_eq!(sizes, [4, 1]);
    }
}
