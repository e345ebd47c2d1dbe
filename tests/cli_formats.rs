//! The real binary with `--format`, `--out-dir`, `review` and `schema`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/corpus/000_4c9a5fc32c7dd298.txt");

fn claimex(args: &[&str], env: &[(&str, &str)]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimex"))
        .args(args)
        .envs(env.iter().copied())
        .output()
        .unwrap()
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("claimex-formats-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn stdout(o: &Output) -> String {
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn claims_in_seed() -> usize {
    let json: serde_json::Value = serde_json::from_str(&stdout(&claimex(&["extract", SEED], &[]))).unwrap();
    json["claims"].as_array().unwrap().len()
}

#[test]
fn review_is_plain_when_piped_even_without_no_color() {
    for env in [&[][..], &[("NO_COLOR", "1")][..]] {
        let out = stdout(&claimex(&["review", SEED], env));
        assert!(!out.contains('\x1b'));
        assert!(out.contains("    cue      confirmed"), "{out}");
        assert!(out.contains("\nEntities\n"));
    }
}

#[test]
fn extract_writes_each_stream_format() {
    let json = stdout(&claimex(&["extract", SEED], &[]));
    let jsonl = stdout(&claimex(&["extract", "--format", "jsonl", "--pretty", SEED], &[]));
    assert_eq!(jsonl.lines().count(), 1, "jsonl is never indented");
    assert_eq!(json, jsonl);
    let csv = stdout(&claimex(&["extract", "--format", "csv", SEED], &[]));
    assert!(csv.starts_with("doc_id,claim_id,kind,"));
    let tsv = stdout(&claimex(&["extract", "--format", "tsv", SEED], &[]));
    assert!(tsv.starts_with("doc_id\tclaim_id\tkind\t"));
    let ls: serde_json::Value =
        serde_json::from_str(&stdout(&claimex(&["extract", "--format", "labelstudio", SEED], &[]))).unwrap();
    assert_eq!(ls.as_array().unwrap().len(), 1);
    let geo: serde_json::Value =
        serde_json::from_str(&stdout(&claimex(&["extract", "--format", "geojson", SEED], &[]))).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let html = stdout(&claimex(&["extract", "--format", "html", SEED], &[]));
    assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
    assert_eq!(html.matches("<section class=\"doc\"").count(), 1);
}

fn corpus(name: &str) -> PathBuf {
    let dir = tempdir(name);
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    std::fs::copy(SEED, corpus.join("a.txt")).unwrap();
    std::fs::copy(SEED, corpus.join("b.txt")).unwrap();
    std::fs::write(corpus.join("bad.txt"), b"caf\xe9").unwrap();
    dir
}

fn arg(p: &Path) -> &str {
    p.to_str().unwrap()
}

#[test]
fn batch_csv_has_one_header_and_skips_bad_files_on_stderr() {
    let dir = corpus("csv");
    let out = claimex(&["batch", arg(&dir.join("corpus")), "--format", "csv"], &[]);
    assert_eq!(out.status.code(), Some(1));
    let text = String::from_utf8(out.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    assert_eq!(reader.records().count(), 2 * claims_in_seed());
    assert_eq!(text.matches("doc_id,").count(), 1);
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.txt"));
}

#[test]
fn batch_brat_writes_a_txt_and_ann_per_article_and_the_conf() {
    let dir = corpus("brat");
    std::fs::create_dir(dir.join("corpus/sub")).unwrap();
    std::fs::copy(SEED, dir.join("corpus/sub/a.txt")).unwrap();
    let out_dir = dir.join("brat");
    let out = claimex(
        &[
            "batch",
            arg(&dir.join("corpus")),
            "--format",
            "brat",
            "--out-dir",
            arg(&out_dir),
        ],
        &[],
    );
    assert_eq!(out.status.code(), Some(1), "bad.txt fails");
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(out_dir.join("a.txt")).unwrap(),
        std::fs::read_to_string(SEED).unwrap()
    );
    assert!(std::fs::read_to_string(out_dir.join("b.ann"))
        .unwrap()
        .starts_with("T1\t"));
    assert!(std::fs::read_to_string(out_dir.join("annotation.conf"))
        .unwrap()
        .contains("[relations]"));
}

#[test]
fn brat_needs_an_out_dir() {
    let out = claimex(&["extract", "--format", "brat", SEED], &[]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--out-dir"));
}

#[test]
fn labelstudio_out_dir_gets_the_config_and_html_batch_is_one_page() {
    let dir = corpus("ls");
    let out = claimex(
        &[
            "batch",
            arg(&dir.join("corpus")),
            "--format",
            "labelstudio",
            "--out-dir",
            arg(&dir),
        ],
        &[],
    );
    let tasks: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(tasks.as_array().unwrap().len(), 2);
    assert!(std::fs::read_to_string(dir.join("labelstudio.xml"))
        .unwrap()
        .starts_with("<View>"));
    let out = claimex(&["batch", arg(&dir.join("corpus")), "--format", "html"], &[]);
    let html = String::from_utf8(out.stdout).unwrap();
    assert_eq!(html.matches("<!DOCTYPE html>").count(), 1);
    assert_eq!(html.matches("<section class=\"doc\"").count(), 2);
    assert!(
        html.contains("data-c=\"d1-c1\""),
        "claim ids are unique on a corpus page"
    );
}

#[test]
fn schema_prints_a_draft_2020_12_schema_that_real_batch_output_validates() {
    let schema: serde_json::Value = serde_json::from_str(&stdout(&claimex(&["schema"], &[]))).unwrap();
    assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
    assert!(
        schema["$defs"]["Document"]["properties"]["claims"].is_object(),
        "{schema}"
    );
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = corpus("schema");
    let out = claimex(&["batch", arg(&dir.join("corpus"))], &[]);
    assert_eq!(out.status.code(), Some(1), "bad.txt fails");
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 3);
    let errors: Vec<&serde_json::Value> = lines.iter().filter(|l| l.get("error").is_some()).collect();
    assert_eq!(errors.len(), 1, "the bad UTF-8 file gives an error record");
    for line in &lines {
        let problems: Vec<String> = validator.iter_errors(line).map(|e| e.to_string()).collect();
        assert!(problems.is_empty(), "{line}: {problems:#?}");
    }
}

#[test]
fn csv_tables_cover_claims_mentions_and_entities() {
    let dir = corpus("tables");
    // An article with places but no claim must still show up in the mentions table.
    std::fs::write(dir.join("corpus/c.txt"), "Hama and Aleppo lie north of Homs.\n").unwrap();
    let table = |name: &str| {
        let out = claimex(
            &["batch", arg(&dir.join("corpus")), "--format", "csv", "--table", name],
            &[],
        );
        assert_eq!(out.status.code(), Some(1), "bad.txt fails");
        let text = String::from_utf8(out.stdout).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
        let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(text.matches("doc_id,").count(), 1, "one header");
        (header, rows)
    };
    let (header, claims) = table("claims");
    assert_eq!(claims.len(), 2 * claims_in_seed());
    for column in [
        "confidence",
        "rule",
        "disputed",
        "unverified",
        "nested_in",
        "source_unnamed",
        "resolved_source",
        "source_name",
    ] {
        assert!(header.iter().any(|h| h == column), "{column}");
    }
    let (header, mentions) = table("mentions");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let c_rows: Vec<_> = mentions.iter().filter(|r| &r[col("doc_id")] == "c").collect();
    assert_eq!(c_rows.len(), 3, "{c_rows:?}");
    for r in &c_rows {
        assert!(r[col("claim_id")].is_empty());
        let lat: f64 = r[col("lat")].parse().unwrap();
        assert!((34.0..37.0).contains(&lat), "{r:?}");
    }
    assert!(mentions
        .iter()
        .any(|r| &r[col("doc_id")] == "a" && !r[col("claim_id")].is_empty()));
    let (header, entities) = table("entities");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert!(entities
        .iter()
        .any(|r| &r[col("doc_id")] == "c" && &r[col("name")] == "Homs" && &r[col("mentions")] == "1"));
    let out = claimex(&["extract", SEED, "--table", "mentions"], &[]);
    assert!(!out.status.success(), "--table needs csv or tsv");
}

#[test]
fn brat_conf_is_the_same_whatever_the_articles() {
    let dir = tempdir("brat-conf");
    let hedged = dir.join("h.txt");
    std::fs::write(&hedged, "Reportedly, jets struck Idlib.\n").unwrap();
    let conf = |input: &str, out: &str| {
        let out_dir = dir.join(out);
        stdout(&claimex(
            &["extract", input, "--format", "brat", "--out-dir", arg(&out_dir)],
            &[],
        ));
        std::fs::read_to_string(out_dir.join("annotation.conf")).unwrap()
    };
    let (seed, hedge) = (conf(SEED, "one"), conf(arg(&hedged), "two"));
    assert_eq!(seed, hedge, "one folder stays valid across runs");
    let stances = seed.lines().find(|l| l.starts_with("Stance\t")).unwrap();
    for stance in ["assert", "deny", "hedge", "accuse"] {
        assert!(stances.split(['|', ':']).any(|v| v == stance), "{stance} in {stances}");
    }
}
