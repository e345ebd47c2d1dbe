//! Fuzz target: any bytes that are UTF-8 go through `extract` and the JSON output without a
//! panic, and every span of the output slices the input to its text.
//!
//! Run with cargo-fuzz (nightly): `cargo +nightly fuzz run extract -- -max_len=65536`, or on
//! stable with `fuzz/run-stable.sh [SECONDS]` (libFuzzer with the same coverage flags).
#![no_main]

use claimex::output::{document, DocumentMeta};
use claimex::{Extractor, Gazetteer};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let x = EXTRACTOR.extract(text);
    for span in x.sentences.iter().map(|s| s.span).chain(x.mentions.iter().map(|m| m.span)) {
        assert!(text.get(span.start..span.end).is_some(), "span off a char boundary");
    }
    for c in &x.claims {
        assert!(text.get(c.content.start..c.content.end).is_some());
        assert!(text.get(c.cue.span.start..c.cue.span.end).is_some());
    }
    let json = serde_json::to_string(&document(text, &x, EXTRACTOR.gazetteer(), &DocumentMeta::default())).unwrap();
    let _: serde_json::Value = serde_json::from_str(&json).unwrap();
});
