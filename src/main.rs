//! The `claimex` command: wiring only. Parses arguments, calls the library through the
//! subcommand modules, maps errors to exit codes (0 ok, 1 failure, 2 usage).

mod cmd;

use anyhow::Result;
use claimex::Extractor;
use clap::{Parser, Subcommand};
use cmd::batch::{InputKind, Options};
use cmd::io::{load_gazetteers, write_atomically, GazetteerArgs};
use std::io;
use std::num::NonZeroUsize;
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
    /// Extract every `*.txt` under DIR (sorted path order), or every record of a JSON Lines
    /// stream, on all cores: one JSON line per input, in input order.
    Batch {
        /// The corpus folder, searched recursively; with `--input jsonl`, a JSON Lines file
        /// (`-` or nothing: standard input).
        #[arg(value_name = "DIR|FILE")]
        path: Option<PathBuf>,
        /// What the inputs are: `*.txt` files, or `{"id", "text", ...}` lines.
        #[arg(long = "input", value_enum, default_value = "files")]
        input: InputKind,
        /// Write the JSON Lines here (atomically, when complete) instead of stdout.
        #[arg(long, short)]
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
            path,
            input,
            output,
            threads,
            lossy,
            quiet,
            gazetteers,
        } => {
            let extractor = Extractor::new(load_gazetteers(&gazetteers)?);
            let inputs = cmd::batch::inputs(input, path.as_deref())?;
            let threads = threads
                .or_else(|| std::thread::available_parallelism().ok())
                .map_or(1, NonZeroUsize::get);
            let opts = Options { threads, lossy, quiet };
            let tally = match &output {
                Some(path) => write_atomically(path, |w| cmd::batch::run(&extractor, inputs, opts, w))?,
                None => cmd::batch::run(&extractor, inputs, opts, &mut io::stdout().lock())?,
            };
            Ok(if tally.failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
    }
}
