//! The real `claimex` binary: stdin and path, batch with bad files, gazetteer options, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

mod common;

use common::{claimex, SEED};

fn stdout_json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap()
}

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("claimex-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn stdin_and_path_give_the_same_extraction() {
    let text = std::fs::read(SEED).unwrap();
    let from_stdin = claimex(&["extract"], &text);
    let from_dash = claimex(&["extract", "-"], &text);
    let from_path = claimex(&["extract", SEED], b"");
    assert!(from_stdin.status.success() && from_path.status.success());
    assert_eq!(from_stdin.stdout, from_dash.stdout);
    let (mut a, mut b) = (stdout_json(&from_stdin), stdout_json(&from_path));
    assert_eq!(a["document"]["id"], "stdin");
    assert_eq!(a["document"]["path"], serde_json::Value::Null);
    assert_eq!(b["document"]["id"], "000_4c9a5fc32c7dd298");
    a["document"] = serde_json::Value::Null;
    b["document"] = serde_json::Value::Null;
    assert_eq!(a, b);
    assert_eq!(
        from_stdin.stdout.iter().filter(|&&c| c == b'\n').count(),
        1,
        "compact JSON is one line"
    );
    let pretty = claimex(&["extract", "--pretty", SEED], b"");
    assert!(pretty.stdout.iter().filter(|&&c| c == b'\n').count() > 100);
}

#[test]
fn batch_reports_bad_files_and_goes_on() {
    let dir = tempdir("batch");
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    std::fs::copy(SEED, dir.join("b.txt")).unwrap();
    std::fs::write(dir.join("sub/a.txt"), "Activists said HTS fighters entered Hama.\n").unwrap();
    std::fs::write(dir.join("bad.txt"), b"Hama \xff\xfe broken").unwrap();
    std::fs::write(dir.join("ignored.md"), "not an article").unwrap();
    let o = claimex(&["batch", dir.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1), "a failed file makes exit 1");
    let lines: Vec<serde_json::Value> = o
        .stdout
        .split(|&c| c == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    let ids: Vec<_> = lines.iter().map(|l| l["document"]["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["b", "bad", "a"], "sorted path order: b.txt, bad.txt, sub/a.txt");
    assert!(
        lines[1]["error"]
            .as_str()
            .unwrap()
            .contains("invalid byte 0xFF at byte offset 5"),
        "{}",
        lines[1]
    );
    assert_eq!(lines[2]["claims"][0]["content"]["text"], "HTS fighters entered Hama");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("bad.txt") && stderr.contains("2 articles, 1 failed"),
        "{stderr}"
    );

    std::fs::remove_file(dir.join("bad.txt")).unwrap();
    let out = dir.join("out.jsonl");
    let o = claimex(
        &["batch", dir.to_str().unwrap(), "--output", out.to_str().unwrap()],
        b"",
    );
    assert_eq!(o.status.code(), Some(0));
    assert!(o.stdout.is_empty());
    assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 2);
    let leftovers: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().contains("partial"))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn user_gazetteers_add_and_replace() {
    let dir = tempdir("gaz");
    let header = "id\tname\ttype\tsubtype\taliases\n";
    std::fs::write(
        dir.join("mine.tsv"),
        format!("{header}wadi_x\tWadi Xanadu\tplace\tvalley\tXanadu Valley\n"),
    )
    .unwrap();
    let text = b"Fighters moved from Hama to Xanadu Valley.";
    let added = stdout_json(&claimex(
        &["extract", "--gazetteer", dir.join("mine.tsv").to_str().unwrap()],
        text,
    ));
    let ids: Vec<_> = added["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["entity"].as_str().unwrap().to_string())
        .collect();
    assert!(ids.len() == 2 && ids[1] == "wadi_x", "{ids:?}");
    let replaced = stdout_json(&claimex(&["extract", "--gazetteers", dir.to_str().unwrap()], text));
    assert_eq!(
        replaced["mentions"].as_array().unwrap().len(),
        1,
        "only the user's gazetteer is loaded"
    );

    std::fs::write(dir.join("bad.tsv"), format!("{header}x\tX\tcity\t\t\n")).unwrap();
    let o = claimex(&["extract", "--gazetteer", dir.join("bad.tsv").to_str().unwrap()], text);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.tsv:2: type \"city\" is not one of"), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
}

#[test]
fn errors_and_usage() {
    let o = claimex(&["extract", "/nonexistent/article.txt"], b"");
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.starts_with("claimex: /nonexistent/article.txt: cannot read") && !err.contains("panicked"),
        "{err}"
    );
    assert_eq!(claimex(&["frobnicate"], b"").status.code(), Some(2));
    assert_eq!(claimex(&["batch", "/nonexistent-dir"], b"").status.code(), Some(1));
    let o = claimex(&["extract"], b"\xef\xbb\xbfHama.\r\n");
    let v = stdout_json(&o);
    assert_eq!(v["mentions"][0]["text"], "Hama");
    assert_eq!(v["mentions"][0]["start"], 0, "BOM stripped before offsets are counted");
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempdir("pipe");
    for i in 0..200 {
        std::fs::copy(SEED, dir.join(format!("{i:03}.txt"))).unwrap();
    }
    let out = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} batch {} | head -c 10 >/dev/null; echo ${{PIPESTATUS[0]}}",
            env!("CARGO_BIN_EXE_claimex"),
            dir.display()
        ))
        .output()
        .unwrap();
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("Broken pipe"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).trim(),
        "0",
        "exit quietly with 0 on a closed pipe"
    );
}
