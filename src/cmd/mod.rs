//! The subcommands, one module each: each owns its clap `Args` and a `run` that returns the
//! exit code. `io` holds what they share, `format` the `--format` sink, and `batch` is built
//! from `source` (inputs), `jsonl` (input records), `pipeline` (ordered parallel map) and
//! `progress`.

pub mod batch;
pub mod completions;
pub mod eval;
pub mod extract;
pub mod format;
pub mod io;
mod jsonl;
pub mod man;
mod pipeline;
mod progress;
pub mod review;
pub mod schema;
mod source;
