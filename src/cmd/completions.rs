//! `claimex completions SHELL`: a shell completion script, from the command's own definition
//! (clap_complete), so it never drifts from the real options.

use super::io::stdout;
use anyhow::Result;
use clap_complete::Shell;
use std::io::Write;
use std::process::ExitCode;

/// Print a shell completion script (bash, zsh, fish, elvish or powershell).
///
/// For example: `claimex completions bash > ~/.local/share/bash-completion/completions/claimex`,
/// or `claimex completions zsh > ~/.zfunc/_claimex`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// The shell.
    #[arg(value_enum)]
    shell: Shell,
}

/// Writes the script for `cli`, the whole command, to standard output.
pub fn run(args: Args, mut cli: clap::Command) -> Result<ExitCode> {
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut cli, "claimex", &mut script);
    stdout().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}
