//! The subcommands, one module each; `io` holds what they share.

pub mod batch;
pub mod extract;
pub mod io;
