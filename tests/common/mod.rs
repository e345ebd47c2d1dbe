//! What the CLI test files share: the seed article's path and a runner for the real binary.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The seed article in `corpus/`.
pub const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/000_4c9a5fc32c7dd298.txt");

/// Runs `claimex ARGS` with `stdin` fed from a thread (so a large input cannot deadlock against
/// a full stdout pipe) and returns its output. A command may exit before reading all of `stdin`.
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
    // A command that stops before reading its input (a usage error) closes the pipe: that is
    // its output's business, which the caller asserts, not a failure to feed it.
    match writer.join().unwrap() {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
        written => written.unwrap(),
    }
    out
}
