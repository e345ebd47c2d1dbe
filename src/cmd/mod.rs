//! The subcommands, one module each; `io` holds what they share, `format` the `--format` sink.

pub mod batch;
pub mod extract;
pub mod format;
pub mod io;
pub mod review;
