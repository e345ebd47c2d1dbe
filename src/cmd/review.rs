//! `claimex review`: one article's claims, coloured, for reading in a terminal.

use super::io::{load_extractor, read_input, stdout, GazetteerArgs};
use anyhow::Result;
use claimex::export::{terminal, Article};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Read one article's claims in the terminal, grouped by sentence, with entity counts.
///
/// Sources, cues and contents are coloured when the output is a terminal and NO_COLOR is unset.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The article's path; `-` or nothing reads standard input.
    path: Option<PathBuf>,
    /// Replace invalid UTF-8 with U+FFFD instead of failing.
    #[arg(long)]
    lossy: bool,
    #[command(flatten)]
    gazetteers: GazetteerArgs,
}

/// Reviews the article. Colour only on a terminal, and never when `NO_COLOR` is set to
/// anything non-empty (no-color.org).
pub fn run(args: Args) -> Result<ExitCode> {
    let extractor = load_extractor(&args.gazetteers)?;
    let (text, meta) = read_input(args.path.as_deref(), args.lossy)?;
    let x = extractor.extract(&text);
    let article = Article::new(&text, &x, extractor.gazetteer(), &meta);
    let color = io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut out = io::BufWriter::new(stdout());
    terminal::write(&mut out, &article, color)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}
