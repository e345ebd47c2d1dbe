//! `claimex review`: one article's claims, coloured, for reading in a terminal.

use anyhow::Result;
use claimex::export::{terminal, Article};
use claimex::Extractor;
use std::io::{self, IsTerminal, Write};
use std::path::Path;

/// Reviews the article at `path` (stdin for None / `-`). Colour only on a terminal, and never
/// when `NO_COLOR` is set to anything non-empty (no-color.org).
pub fn run(extractor: &Extractor, path: Option<&Path>) -> Result<()> {
    let (text, meta) = super::io::read_input(path)?;
    let x = extractor.extract(&text);
    let article = Article::new(&text, &x, extractor.gazetteer(), &meta);
    let stdout = io::stdout();
    let color = stdout.is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout.lock());
    terminal::write(&mut out, &article, color)?;
    out.flush()?;
    Ok(())
}
