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

    // One 2 MB "sentence" full of cue words: the claims stage must stay linear in it (issue 9).
    let run_on = run_on_sentence(2_000_000);
    let run_on_sentences = segment(&run_on);
    let run_on_mentions = matcher.find(&run_on, &run_on_sentences);
    let mut g = c.benchmark_group("run_on");
    g.throughput(Throughput::Bytes(run_on.len() as u64));
    g.sample_size(10);
    g.bench_function("claims_2mb_sentence", |b| {
        b.iter(|| claims.find(&run_on, &run_on_sentences, &run_on_mentions).len())
    });
    g.finish();
    c.bench_function("build_extractor", |b| b.iter(|| Extractor::new(gazetteer.clone())));
}

/// About `bytes` of one sentence without a stop, drawn (by a fixed linear congruential
/// sequence) from reporting verbs, sources, quote marks and clause words.
fn run_on_sentence(bytes: usize) -> String {
    const WORDS: &[&str] = &[
        "the",
        "council",
        "said",
        "that",
        "monitors",
        "reported",
        "a",
        "source",
        "told",
        "Reuters",
        "he",
        "added",
        "according",
        "to",
        "officials",
        "denied",
        "\"",
        "claimed",
        "it",
        "was",
        "reported",
        "residents",
        "warned",
        "SANA",
        "announced",
        "troops",
        "in",
        "Aleppo",
        "confirmed",
        ";",
        "but",
        "say",
    ];
    let mut out = String::with_capacity(bytes + 16);
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    while out.len() < bytes {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        out.push_str(WORDS[(x >> 33) as usize % WORDS.len()]);
        out.push(' ');
    }
    out.push('.');
    out
}

criterion_group!(benches, stages);
criterion_main!(benches);
