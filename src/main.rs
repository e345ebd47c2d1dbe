//! The `claimex` command: wiring only. Parses arguments, calls the library through the
//! subcommand modules, maps errors to exit codes (0 ok, 1 failure, 2 usage).

mod cmd;

use anyhow::Result;
use claimex::Extractor;
use clap::{Parser, Subcommand};
use cmd::io::{load_gazetteers, write_atomically, GazetteerArgs};
use std::io;
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
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            cmd::extract::run(&extractor, path.as_deref(), pretty)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            dir,
            output,
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            let (files, walk_errors) = cmd::batch::walk(&dir)?;
            let failed = match &output {
                Some(path) => write_atomically(path, |w| cmd::batch::run(&extractor, &files, &walk_errors, w))?,
                None => cmd::batch::run(&extractor, &files, &walk_errors, &mut io::stdout().lock())?,
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
