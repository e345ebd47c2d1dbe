//! The `claimex` command: wiring only. Parses arguments, calls the library through the
//! subcommand modules, maps errors to exit codes (0 ok, 1 failure, 2 usage).

mod cmd;

use anyhow::Result;
use clap::{Parser, Subcommand};
use cmd::batch::{InputKind, Options};
use cmd::format::{FormatArgs, Sink};
use cmd::io::{load_extractor, write_atomically, GazetteerArgs};
use std::io::{self, Write};
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
    /// Extract every `*.txt` under DIR (sorted path order), or every record of a JSON Lines
    /// stream, on all cores: one JSON line per input, in input order (or --format).
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
    /// Score the extractor on a gold file (PolNeAR or syria-dev-gold JSON Lines): claim and
    /// mention precision, recall and F1, per rule and per cue.
    Eval(cmd::eval::Args),
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
            let extractor = load_extractor(&gazetteers)?;
            cmd::extract::run(&extractor, path.as_deref(), &mut Sink::new(&format, pretty, false)?)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Batch {
            path,
            input,
            output,
            threads,
            lossy,
            quiet,
            format,
            gazetteers,
        } => {
            let extractor = load_extractor(&gazetteers)?;
            let inputs = cmd::batch::inputs(input, path.as_deref())?;
            let threads = threads
                .or_else(|| std::thread::available_parallelism().ok())
                .map_or(1, NonZeroUsize::get);
            let opts = Options { threads, lossy, quiet };
            let mut sink = Sink::new(&format, false, true)?;
            let run = |w: &mut dyn io::Write| cmd::batch::run(&extractor, inputs, opts, w, &mut sink);
            let tally = match &output {
                Some(path) => write_atomically(path, run)?,
                None => run(&mut io::stdout().lock())?,
            };
            Ok(if tally.failed > 0 {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            })
        }
        Command::Review { path, gazetteers } => {
            let extractor = load_extractor(&gazetteers)?;
            cmd::review::run(&extractor, path.as_deref())?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Eval(args) => cmd::eval::run(args).map(|()| ExitCode::SUCCESS),
        Command::Schema => {
            let mut out = io::stdout().lock();
            serde_json::to_writer_pretty(&mut out, &claimex::output::json_schema())?;
            writeln!(out)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
