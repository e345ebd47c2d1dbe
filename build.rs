//! Parses the embedded gazetteers (`gazetteers/*.tsv`) with the crate's own parser and writes
//! them in the compact form `Gazetteer::embedded` loads (`src/gazetteer_compact.rs`), so the
//! binary's start-up does not parse 1.7 MB of TSV. A bad row fails the build with its
//! `file:line`. Then compiles the matcher's patterns for them and the embedded matcher lexicon
//! with the crate's own code and writes them in the form `Patterns::embedded` loads
//! (`src/matcher/patterns.rs`), so start-up does not build the phrase index either, and the
//! entity table of `src/matcher/entity_table.rs`.

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
/// The matcher's patterns: its index, lexicon and their compiler.
#[allow(dead_code)]
#[path = "src/matcher"]
mod matcher {
    pub mod entity_table;
    pub mod index;
    pub mod lexicon;
    pub mod patterns;

    /// The patterns of `g` and the embedded lexicon, encoded.
    pub fn encode(g: &crate::gazetteer::Gazetteer) -> Vec<u8> {
        patterns::Patterns::build(g, &lexicon::Lexicon::embedded()).encode()
    }

    /// The entity table of `g`, encoded.
    pub fn encode_entities(g: &crate::gazetteer::Gazetteer) -> Vec<u8> {
        entity_table::EntityTable::new(g).encode()
    }
}

/// Only `Gazetteer::embedded` reads it, and the script never calls that.
const EMBEDDED_GAZETTEER: (&str, &[u8]) = ("", &[]);
/// Only `Patterns::embedded` reads it, and the script never calls that.
const EMBEDDED_PATTERNS: &[u8] = &[];
/// Only `EntityTable::embedded` reads it, and the script never calls that.
const EMBEDDED_ENTITIES: &[u8] = &[];

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
        "src/matcher/entity_table.rs",
        "src/matcher/index.rs",
        "src/matcher/lexicon.rs",
        "src/matcher/patterns.rs",
        "lexicon/matcher.tsv",
        "data/sources/given-names/given_names.tsv",
    ] {
        println!("cargo::rerun-if-changed={path}");
    }
    let g = gazetteer::Gazetteer::parse_embedded().unwrap_or_else(|e| panic!("gazetteers/{e}"));
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let (text, records) = gazetteer::compact::encode(&g);
    for (name, bytes) in [("gazetteer.txt", text.as_bytes()), ("gazetteer.bin", &records)] {
        std::fs::write(out.join(name), bytes).expect("OUT_DIR is writable");
    }
    std::fs::write(out.join("patterns.bin"), matcher::encode(&g)).expect("OUT_DIR is writable");
    std::fs::write(out.join("entities.bin"), matcher::encode_entities(&g)).expect("OUT_DIR is writable");
}
