//! What the CLI test files share: the seed article's path and a runner for the real binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The seed article in `corpus/`.
pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/000_4c9a5fc32c7dd298.txt");

/// Runs `claimex ARGS` with `stdin` fed from a thread (so a large input cannot deadlock against
/// a full stdout pipe) and returns its output.
pub fn claimex(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let stdin = stdin.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&stdin));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}
