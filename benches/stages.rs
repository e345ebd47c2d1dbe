//! Per-stage throughput (MB/s of article text): segment, match, claims, JSON, and end to end.
//!
//! `cargo bench --bench stages` runs over the articles in `$CLAIMEX_BENCH_DIR` (say, one
//! folder of `python3 benches/gen_corpus.py /tmp/cx 50`; up to 1 MB is read), or, without it,
//! over the sample in `corpus/`. Each stage is timed alone on precomputed inputs of the
//! previous stages, with the full embedded gazetteers.

use claimex::claims::ClaimFinder;
use claimex::matcher::Matcher;
use claimex::output::{document, DocumentMeta};
use claimex::segment::segment;
use claimex::{Extractor, Gazetteer};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::PathBuf;

fn articles() -> Vec<String> {
    let dir = std::env::var_os("CLAIMEX_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/corpus")));
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut out = Vec::new();
    let mut total = 0;
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap();
        total += text.len();
        out.push(text);
        if total > 1_000_000 {
            break;
        }
    }
    out
}

fn stages(c: &mut Criterion) {
    let texts = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    let gazetteer = Gazetteer::embedded();
    let matcher = Matcher::new(&gazetteer);
    let claims = ClaimFinder::new(&gazetteer);
    let extractor = Extractor::new(gazetteer.clone());
    let sentences: Vec<_> = texts.iter().map(|t| segment(t)).collect();
    let mentions: Vec<_> = texts.iter().zip(&sentences).map(|(t, s)| matcher.find(t, s)).collect();
    let extractions: Vec<_> = texts.iter().map(|t| extractor.extract(t)).collect();
    let meta = DocumentMeta::default();

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("segment", |b| {
        b.iter(|| texts.iter().map(|t| segment(t).len()).sum::<usize>())
    });
    g.bench_function("match", |b| {
        b.iter(|| {
            texts
                .iter()
                .zip(&sentences)
                .map(|(t, s)| matcher.find(t, s).len())
                .sum::<usize>()
        })
    });
    g.bench_function("claims", |b| {
        b.iter(|| {
            let mut n = 0;
            for ((t, s), m) in texts.iter().zip(&sentences).zip(&mentions) {
                n += claims.find(t, s, m).len();
            }
            n
        })
    });
    let mut buf = Vec::new();
    g.bench_function("json", |b| {
        b.iter(|| {
            for (t, x) in texts.iter().zip(&extractions) {
                buf.clear();
                serde_json::to_writer(&mut buf, &document(t, x, &gazetteer, &meta)).unwrap();
                black_box(&buf);
            }
        })
    });
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            for t in &texts {
                buf.clear();
                let x = extractor.extract(t);
                serde_json::to_writer(&mut buf, &document(t, &x, &gazetteer, &meta)).unwrap();
                black_box(&buf);
            }
        })
    });
    g.finish();
    c.bench_function("build_extractor", |b| b.iter(|| Extractor::new(gazetteer.clone())));
    // Start-up as the CLI pays it: parse the embedded gazetteers, then compile everything.
    c.bench_function("startup", |b| b.iter(|| Extractor::new(Gazetteer::embedded())));
    c.bench_function("build_matcher", |b| b.iter(|| Matcher::new(&gazetteer)));
}

criterion_group!(benches, stages);
criterion_main!(benches);
