//! `claimex schema`: the JSON Schema of the JSON output.

use super::io::stdout;
use anyhow::Result;
use std::io::Write;
use std::process::ExitCode;

/// Print the JSON Schema of the JSON output.
#[derive(clap::Args, Debug)]
pub struct Args {}

/// Prints the schema, indented.
pub fn run(_: Args) -> Result<ExitCode> {
    let mut out = stdout();
    serde_json::to_writer_pretty(&mut out, &claimex::output::json_schema())?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}
