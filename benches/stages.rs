//! Per-stage throughput (MB/s of article text): segment, match, claims, JSON, and end to end
//! (one article at a time, and in chunks of 16 as `batch` runs a folder),
//! against a floor: an Aho-Corasick-only scan of the same text for the gazetteer's aliases
//! (what any dictionary matcher must at least do), so each stage can be given as a ratio to it.
//!
//! `cargo bench --bench stages` runs over real news: the seed article `corpus/000_*.txt` and then
//! the articles of `../shared/data/fakes-syria-news/articles` in name order, read at run time
//! (never copied into the repo), up to `$CLAIMEX_BENCH_MB` MB (default 1). Without that folder,
//! or with `$CLAIMEX_BENCH_DIR` set (say, one folder of `python3 benches/gen_corpus.py /tmp/cx
//! 50`), it reads that folder, or `corpus/`. Each stage is timed alone on precomputed inputs of
//! the previous stages, with the full embedded gazetteers.
//!
//! Linearity: before the timed groups, the end-to-end extraction runs over every article and
//! over every article repeated four times (one text, 4x as long); the ratio of the two times
//! (minimum of 3 runs each) is printed, and above 6 the bench fails: a stage is not linear.

use aho_corasick::{AhoCorasick, MatchKind};
use claimex::claims::ClaimFinder;
use claimex::matcher::Matcher;
use claimex::output::{document, DocumentMeta};
use claimex::segment::segment;
use claimex::{Extractor, Gazetteer};
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| Some(e.ok()?.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    paths
}

/// The bench corpus (see the module docs) and what it is, for the report.
fn articles() -> (Vec<String>, String) {
    let limit = std::env::var("CLAIMEX_BENCH_MB")
        .ok()
        .and_then(|v| v.parse::<f64>().ok())
        .map_or(1_000_000, |mb| (mb * 1e6) as usize);
    let fakes = Path::new(ROOT).join("../shared/data/fakes-syria-news/articles");
    let (paths, what) = match std::env::var_os("CLAIMEX_BENCH_DIR").map(PathBuf::from) {
        Some(dir) => (txt_files(&dir), dir.display().to_string()),
        None if fakes.is_dir() => {
            let seed = txt_files(&Path::new(ROOT).join("corpus"))
                .into_iter()
                .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().starts_with("000_")));
            (
                seed.chain(txt_files(&fakes)).collect(),
                "seed + fakes-syria-news".into(),
            )
        }
        None => (
            txt_files(&Path::new(ROOT).join("corpus")),
            "corpus/ (fakes-syria-news absent)".into(),
        ),
    };
    let mut out = Vec::new();
    let mut total = 0;
    for p in paths {
        let text = std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
        total += text.len();
        out.push(text);
        if total >= limit {
            break;
        }
    }
    (out, what)
}

fn fastest(runs: usize, mut f: impl FnMut()) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// End to end over `texts` and over each text four times: the time ratio should be about 4.
fn linearity(extractor: &Extractor, texts: &[String]) {
    let long: Vec<String> = texts.iter().map(|t| [t.as_str(); 4].join("\n\n")).collect();
    let run = |texts: &[String]| {
        for t in texts {
            black_box(extractor.extract(t));
        }
    };
    let one = fastest(3, || run(texts));
    let four = fastest(3, || run(&long));
    let ratio = four.as_secs_f64() / one.as_secs_f64();
    eprintln!("linearity: 1x {one:?}, 4x {four:?}, ratio {ratio:.2} (linear: about 4)");
    assert!(
        ratio < 6.0,
        "end to end is not linear in the article's length: 4x input took {ratio:.2}x"
    );
}

fn stages(c: &mut Criterion) {
    let (texts, what) = articles();
    let bytes: usize = texts.iter().map(String::len).sum();
    eprintln!("bench corpus: {what}, {} articles, {bytes} bytes", texts.len());
    let gazetteer = Gazetteer::embedded();
    let matcher = Matcher::new(&gazetteer);
    let claims = ClaimFinder::new(&gazetteer);
    let extractor = Extractor::new(gazetteer.clone());
    let sentences: Vec<_> = texts.iter().map(|t| segment(t)).collect();
    let mentions: Vec<_> = texts.iter().zip(&sentences).map(|(t, s)| matcher.find(t, s)).collect();
    let extractions: Vec<_> = texts.iter().map(|t| extractor.extract(t)).collect();
    let meta = DocumentMeta::default();
    linearity(&extractor, &texts);
    let floor = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(gazetteer.aliases().iter().map(|a| &*a.text))
        .expect("the aliases build an automaton");

    let mut g = c.benchmark_group("stages");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("floor_aho_corasick", |b| {
        b.iter(|| texts.iter().map(|t| floor.find_iter(t).count()).sum::<usize>())
    });
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
                document(t, x, &gazetteer, &meta).write_json(&mut buf).unwrap();
                black_box(&buf);
            }
        })
    });
    g.bench_function("end_to_end", |b| {
        b.iter(|| {
            for t in &texts {
                buf.clear();
                let x = extractor.extract(t);
                document(t, &x, &gazetteer, &meta).write_json(&mut buf).unwrap();
                black_box(&buf);
            }
        })
    });
    // As `batch` runs a folder: the stages over chunks of 16 articles (`Extractor::extract_all`).
    g.bench_function("end_to_end_chunks", |b| {
        b.iter(|| {
            for chunk in texts.chunks(16) {
                let dated: Vec<_> = chunk.iter().map(|t| (t.as_str(), None)).collect();
                for (t, x) in chunk.iter().zip(extractor.extract_all(&dated)) {
                    buf.clear();
                    document(t, &x, &gazetteer, &meta).write_json(&mut buf).unwrap();
                    black_box(&buf);
                }
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
    // Start-up as the CLI pays it: parse the embedded gazetteers, then compile everything.
    c.bench_function("startup", |b| b.iter(|| Extractor::new(Gazetteer::embedded())));
    c.bench_function("build_matcher", |b| b.iter(|| Matcher::new(&gazetteer)));
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
