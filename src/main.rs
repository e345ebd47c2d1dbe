//! The `claimex` command: wiring only. Parses arguments, calls the library through the
//! subcommand modules, maps errors to exit codes (0 ok, 1 failure, 2 usage).

mod cmd;

use anyhow::Result;
use claimex::Extractor;
use clap::{Parser, Subcommand};
use cmd::format::{FormatArgs, Sink};
use cmd::io::{load_gazetteers, write_atomically, GazetteerArgs};
use std::io::{self, Write};
use std::path::PathBuf;
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
    /// Extract one article (a file, or `-` / nothing for stdin) to one JSON object (or --format).
    Extract {
        /// The article's path; `-` or nothing reads standard input.
        path: Option<PathBuf>,
        /// Indent the JSON.
        #[arg(long)]
        pretty: bool,
        #[command(flatten)]
        format: FormatArgs,
        #[command(flatten)]
        gazetteers: GazetteerArgs,
    },
    /// Extract every `*.txt` under DIR, in sorted path order, one JSON line per article (or --format).
    Batch {
        /// The corpus folder, searched recursively.
        dir: PathBuf,
        /// Write the JSON Lines here (atomically, when complete) instead of stdout.
        #[arg(long, short)]
        output: Option<PathBuf>,
        #[command(flatten)]
        format: FormatArgs,
        #[command(flatten)]
        gazetteers: GazetteerArgs,
    },
    /// Read one article's claims in the terminal, grouped by sentence, with entity counts.
    ///
    /// Sources, cues and contents are coloured when the output is a terminal and NO_COLOR is unset.
    Review {
        /// The article's path; `-` or nothing reads standard input.
        path: Option<PathBuf>,
        #[command(flatten)]
        gazetteers: GazetteerArgs,
    },
    /// Print the JSON Schema of the JSON output.
    Schema,
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
        let kind = c.downcast_ref::<io::Error>().map(io::Error::kind);
        let json_kind = c
            .downcast_ref::<serde_json::Error>()
            .and_then(serde_json::Error::io_error_kind);
        kind.or(json_kind) == Some(io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Extract {
            path,
            pretty,
            format,
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            cmd::extract::run(&extractor, path.as_deref(), &mut Sink::new(&format, pretty, false)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            dir,
            output,
            format,
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            let (files, walk_errors) = cmd::batch::walk(&dir)?;
            let mut sink = Sink::new(&format, false, true)?;
            let mut run = |w: &mut dyn io::Write| cmd::batch::run(&extractor, &files, &walk_errors, w, &mut sink);
            let failed = match &output {
                Some(path) => write_atomically(path, run)?,
                None => run(&mut io::stdout().lock())?,
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
        Command::Review { path, gazetteers } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            cmd::review::run(&extractor, path.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Schema => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &claimex::output::json_schema())?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
