//! Trains the learned claim layer (`src/claims/tagger.rs`) on PolNeAR train and writes its
//! weights (hashed buckets, no text):
//!
//! ```sh
//! cargo run --release --example train_tagger -- ../shared/data/polnear/polnear_train.jsonl src/claims/tagger.bin
//! ```
//!
//! Deterministic: the same data, epochs and seed give the same bytes.

use anyhow::{bail, Context, Result};
use claimex::claims::tagger;
use claimex::eval::GoldDoc;
use claimex::{Extractor, Gazetteer};
use std::time::Instant;

const EPOCHS: usize = 6;
const SEED: u64 = 20261130;

fn main() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [gold, out] = &args[..] else {
        bail!("usage: train_tagger POLNEAR_TRAIN.jsonl OUT.bin");
    };
    let data = std::fs::read_to_string(gold).with_context(|| format!("{gold}: cannot read"))?;
    let docs = data
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| GoldDoc::parse(l, i + 1))
        .collect::<Result<Vec<_>, _>>()
        .with_context(|| gold.clone())?;
    let started = Instant::now();
    let extractor = Extractor::new(Gazetteer::embedded());
    let model = tagger::train(&extractor, &docs, EPOCHS, SEED);
    std::fs::write(out, model.to_bytes()).with_context(|| format!("{out}: cannot write"))?;
    eprintln!(
        "{} documents, {EPOCHS} epochs, {:.1}s -> {out}",
        docs.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}
