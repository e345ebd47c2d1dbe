//! `claimex extract`: one article to one document in the chosen format.

use super::format::Sink;
use super::io::read_input;
use anyhow::Result;
use claimex::{Date, Extractor};
use std::io;
use std::path::Path;

/// Extracts the article at `path` (or stdin for None / `-`), published on `date` if known, and
/// writes it to stdout via `sink`.
pub fn run(extractor: &Extractor, path: Option<&Path>, date: Option<Date>, sink: &mut Sink) -> Result<()> {
    let (text, meta) = read_input(path)?;
    let x = extractor.extract_dated(&text, date);
    let mut out = io::stdout().lock();
    sink.begin(&mut out)?;
    sink.document(&mut out, &text, &x, extractor.gazetteer(), &meta)?;
    sink.end(&mut out)
}
