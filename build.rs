//! Parses the embedded gazetteers (`gazetteers/*.tsv`) with the crate's own parser and writes
//! them in the compact form `Gazetteer::embedded` loads (`src/gazetteer_compact.rs`), so the
//! binary's start-up does not parse 1.7 MB of TSV. A bad row fails the build with its
//! `file:line`.

// The parser and what it uses, compiled into this script; the items of the crate root they
// name are given below.
#[allow(dead_code)]
#[path = "src/fold.rs"]
mod fold;
#[allow(dead_code)]
#[path = "src/gazetteer.rs"]
mod gazetteer;
#[allow(dead_code)]
#[path = "src/span.rs"]
mod span;

/// Only `Gazetteer::embedded` reads it, and the script never calls that.
const EMBEDDED_GAZETTEER: (&str, &[u8]) = ("", &[]);

/// `(a(), b())`: the crate runs them on two threads; one is plenty here.
fn both<A, B>(a: impl FnOnce() -> A, b: impl FnOnce() -> B) -> (A, B) {
    let b = b();
    (a(), b)
}

fn main() {
    for path in [
        "gazetteers",
        "src/gazetteer.rs",
        "src/gazetteer_compact.rs",
        "src/fold.rs",
        "src/span.rs",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let g = gazetteer::Gazetteer::parse_embedded().unwrap_or_else(|e| panic!("gazetteers/{e}"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (text, records) = gazetteer::compact::encode(&g);
    for (name, bytes) in [("gazetteer.txt", text.as_bytes()), ("gazetteer.bin", &records)] {
        std::fs::write(out.join(name), bytes).expect("OUT_DIR is writable");
    }
}
