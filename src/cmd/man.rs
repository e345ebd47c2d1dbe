//! `claimex man`: the man page, from the command's own definition (clap_mangen).

use super::io::stdout;
use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

/// Print the man page (roff): `claimex man | man -l -`.
///
/// With --out-dir, write `claimex.1` and one page per subcommand (`claimex-batch.1`, ...) there
/// instead, for example into `~/.local/share/man/man1`.
#[derive(clap::Args, Debug)]
pub struct Args {
    /// Write the pages into DIR.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

/// Renders the pages of `cli`, the whole command.
pub fn run(args: Args, cli: clap::Command) -> Result<ExitCode> {
    match args.out_dir {
        Some(dir) => {
            std::fs::create_dir_all(&dir).with_context(|| format!("{}: cannot create folder", dir.display()))?;
            clap_mangen::generate_to(cli, &dir).with_context(|| format!("{}: cannot write", dir.display()))?;
        }
        None => {
            let mut page = Vec::new();
            clap_mangen::Man::new(cli).render(&mut page)?;
            stdout().write_all(&page)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
