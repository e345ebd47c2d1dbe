//! The subcommands, one module each; `io` holds what they share, `format` the `--format` sink,
//! and `batch` is built from `source` (inputs), `jsonl` (input records), `pipeline` (ordered
//! parallel map) and `progress`.

pub mod batch;
pub mod eval;
pub mod extract;
pub mod format;
pub mod io;
mod jsonl;
mod pipeline;
mod progress;
pub mod review;
mod source;
