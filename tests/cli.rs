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

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn extract_output_file_is_atomic_and_equals_stdout() {
    let dir = tempdir("extract-o");
    let out = dir.join("seed.json");
    let o = claimex(&["extract", SEED, "-o", out.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(o.stdout.is_empty() && o.stderr.is_empty());
    assert_eq!(std::fs::read(&out).unwrap(), claimex(&["extract", SEED], b"").stdout);
    let html = dir.join("seed.html");
    let o = claimex(
        &["extract", SEED, "--format", "html", "--output", html.to_str().unwrap()],
        b"",
    );
    assert!(o.status.success());
    assert!(std::fs::read_to_string(&html).unwrap().starts_with("<!DOCTYPE html>"));
    // A failed run leaves the previous file whole and no partial file behind.
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Hama \xff").unwrap();
    let before = std::fs::read(&out).unwrap();
    let o = claimex(&["extract", bad.to_str().unwrap(), "-o", out.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(std::fs::read(&out).unwrap(), before);
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert!(!names.iter().any(|n| n.contains("partial")), "{names:?}");
}

/// `-o` onto a FIFO (like `-o /dev/null`) writes through it: renaming a finished temporary file
/// over it, as for a regular file, would replace the pipe or device with a plain file.
#[cfg(unix)]
#[test]
fn output_onto_a_fifo_writes_through_it_and_keeps_it_a_fifo() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir("fifo");
    let fifo = dir.join("out.fifo");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no mkfifo");
        return;
    }
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let o = claimex(&["extract", SEED, "-o", fifo.to_str().unwrap()], b"");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    // Checked first: with the FIFO replaced, the reader would wait for a writer forever.
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    assert_eq!(reader.join().unwrap(), claimex(&["extract", SEED], b"").stdout);
}

#[test]
fn extract_lossy_replaces_bad_bytes_from_a_file_or_stdin() {
    let dir = tempdir("lossy");
    let bad = dir.join("bad.txt");
    std::fs::write(&bad, b"Shelling hit Hama \xff\xfe yesterday.").unwrap();
    let strict = claimex(&["extract", bad.to_str().unwrap()], b"");
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        stderr(&strict).contains("invalid byte 0xFF at byte offset 18"),
        "{}",
        stderr(&strict)
    );
    for o in [
        claimex(&["extract", "--lossy", bad.to_str().unwrap()], b""),
        claimex(&["extract", "--lossy"], &std::fs::read(&bad).unwrap()),
    ] {
        assert!(o.status.success(), "{}", stderr(&o));
        let v = stdout_json(&o);
        assert_eq!(
            v["sentences"][0]["text"],
            "Shelling hit Hama \u{fffd}\u{fffd} yesterday."
        );
        assert_eq!(v["mentions"][0]["text"], "Hama");
    }
}

/// UTF-16 and Windows-1252 articles get an error naming the file, the byte and the encoding,
/// with an `iconv` command that, run as given, makes a file claimex reads.
#[test]
fn encoding_hints_name_file_byte_encoding_and_a_working_iconv_command() {
    let dir = tempdir("encoding");
    let text = "Rebels said on Monday they had taken Hama.";
    let utf16le: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let cp1252 = b"The minister\x92s \x93warning\x94 came as rebels said they had taken Hama.".to_vec();
    let cases = [
        (
            "le.txt",
            utf16le,
            "0xFF at byte offset 0; it is UTF-16, little-endian",
            "UTF-16",
        ),
        (
            "be file.txt",
            utf16be,
            "0xFE at byte offset 0; it is UTF-16, big-endian",
            "UTF-16",
        ),
        (
            "cp.txt",
            cp1252,
            "0x92 at byte offset 12; it looks like Windows-1252",
            "CP1252",
        ),
    ];
    let iconv = Command::new("iconv").arg("--version").output().is_ok();
    for (name, bytes, what, from) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let o = claimex(&["extract", path.to_str().unwrap()], b"");
        assert_eq!(o.status.code(), Some(1));
        let err = stderr(&o);
        assert!(
            err.starts_with(&format!("claimex: {}: not UTF-8: invalid byte", path.display())),
            "{err}"
        );
        assert!(err.contains(what), "{err}");
        let command = err
            .trim_end()
            .split("convert it with: ")
            .nth(1)
            .expect(&err)
            .to_string();
        assert!(command.starts_with(&format!("iconv -f {from} -t UTF-8 ")), "{command}");
        assert!(command.ends_with(" > out.txt"), "{command}");
        if name.contains(' ') {
            assert!(command.contains(&format!("'{}'", path.display())), "quoted: {command}");
        }
        // From stdin there is no file name to give: the hint says to pipe through iconv.
        let piped = stderr(&claimex(&["extract"], &bytes));
        assert!(piped.contains("standard input: not UTF-8"), "{piped}");
        assert!(
            piped.contains(&format!("iconv -f {from} -t UTF-8 FILE | claimex")),
            "{piped}"
        );
        if !iconv {
            continue;
        }
        let ran = Command::new("sh")
            .arg("-c")
            .arg(&command)
            .current_dir(&dir)
            .output()
            .unwrap();
        assert!(ran.status.success(), "{}", String::from_utf8_lossy(&ran.stderr));
        let fixed = claimex(&["extract", dir.join("out.txt").to_str().unwrap()], b"");
        assert!(fixed.status.success(), "{}", stderr(&fixed));
        let v = stdout_json(&fixed);
        assert!(
            v["sentences"][0]["text"]
                .as_str()
                .unwrap()
                .ends_with("they had taken Hama."),
            "{v}"
        );
        assert!(
            v["mentions"].as_array().unwrap().iter().any(|m| m["text"] == "Hama"),
            "{v}"
        );
    }
}

/// `claimex extract` with no path on a terminal says it is waiting for standard input; piped,
/// it says nothing. The terminal comes from `script` (util-linux); without it, only the piped
/// half runs.
#[test]
fn a_hint_when_stdin_is_a_terminal_and_none_when_piped() {
    let piped = claimex(&["extract"], b"Hama.");
    assert!(piped.status.success() && piped.stderr.is_empty(), "{}", stderr(&piped));
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` to make a terminal");
        return;
    }
    let mut child = Command::new("script")
        .args([
            "-qfec",
            &format!("{} extract", env!("CARGO_BIN_EXE_claimex")),
            "/dev/null",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(300));
    // A line, then Ctrl-D: end of input on a terminal.
    std::io::Write::write_all(&mut stdin, b"Shelling hit Hama.\n\x04").unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        assert!(std::time::Instant::now() < deadline, "claimex did not end on Ctrl-D");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    drop(stdin);
    let out = child.wait_with_output().unwrap();
    let seen = String::from_utf8_lossy(&out.stdout);
    assert!(
        seen.contains("claimex: reading from standard input; pipe an article or give a path; Ctrl-D ends"),
        "{seen}"
    );
    assert!(seen.contains("\"text\":\"Hama\""), "the article was read: {seen}");
}

/// Enough copies of the seed that every format's output is far larger than a pipe's buffer, so
/// the reader's leaving is felt mid-write.
fn big_corpus() -> PathBuf {
    let dir = tempdir("big");
    let seed = std::fs::read_to_string(SEED).unwrap();
    // Claims that name places, so the gathered format (GeoJSON) grows with the corpus too.
    let places = "\n\nActivists said shelling hit Hama, Idlib and Homs on Monday.\n\n\
        Officials said the army had entered Aleppo and Raqqa.\n\n\
        The monitor reportedly counted strikes near Daraa, Deir ez-Zor and Qamishli.\n";
    for i in 0..120 {
        std::fs::write(dir.join(format!("{i:03}.txt")), format!("{seed}{places}")).unwrap();
    }
    dir
}

/// `... | head -1` ends every format quietly: exit 0 and nothing on stderr.
#[test]
fn a_closed_pipe_ends_every_format_quietly() {
    let dir = big_corpus();
    let dir = dir.to_str().unwrap();
    let long = dir.to_string() + "/long.txt";
    let seed = std::fs::read_to_string(SEED).unwrap();
    std::fs::write(&long, seed.repeat(150)).unwrap();
    let mut runs: Vec<Vec<&str>> = ["json", "jsonl", "csv", "tsv", "html", "geojson", "labelstudio"]
        .into_iter()
        .map(|f| vec!["batch", "-q", "-j", "2", dir, "--format", f])
        .collect();
    runs.push(vec!["extract", &long, "--format", "csv"]);
    runs.push(vec!["extract", &long, "--pretty"]);
    runs.push(vec!["review", &long]);
    runs.push(vec!["schema"]);
    runs.push(vec!["man"]);
    runs.push(vec!["completions", "bash"]);
    let geojson = claimex(&["batch", "-q", dir, "--format", "geojson"], b"");
    assert!(
        geojson.stdout.len() > 128 << 10,
        "{} bytes: too few to fill a pipe",
        geojson.stdout.len()
    );
    let mut failed = Vec::new();
    for args in runs {
        let mut child = Command::new(env!("CARGO_BIN_EXE_claimex"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut first = [0u8; 64];
        std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
        drop(stdout);
        let out = child.wait_with_output().unwrap();
        if out.status.code() != Some(0) || !out.stderr.is_empty() {
            failed.push(format!("{args:?}: {:?} {}", out.status.code(), stderr(&out)));
        }
    }
    assert!(failed.is_empty(), "{failed:#?}");
    // The same through a shell, as an analyst types it (the batch's own exit status).
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "{} batch -q {dir} --format csv | head -1 >/dev/null; echo ${{PIPESTATUS[0]}}",
            env!("CARGO_BIN_EXE_claimex")
        ))
        .output()
        .unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout).trim(), "0", "{}", stderr(&o));
    assert!(o.stderr.is_empty(), "{}", stderr(&o));
}

#[test]
fn completions_for_each_shell_know_the_subcommands_and_options() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = claimex(&["completions", shell], b"");
        assert!(o.status.success(), "{shell}: {}", stderr(&o));
        let script = String::from_utf8(o.stdout).unwrap();
        for word in ["extract", "batch", "review", "completions", "lossy", "format"] {
            assert!(script.contains(word), "{shell} lacks {word}");
        }
        if ["bash", "zsh", "fish"].contains(&shell) {
            assert!(script.contains("labelstudio"), "{shell} completes --format values");
        }
    }
    assert_eq!(claimex(&["completions", "cmd.exe"], b"").status.code(), Some(2));
    // bash can load the script, and it registers a completion for `claimex`.
    let o = Command::new("bash")
        .arg("-c")
        .arg(format!(
            "source <({} completions bash) && complete -p claimex",
            env!("CARGO_BIN_EXE_claimex")
        ))
        .output();
    if let Ok(o) = o {
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout).contains("claimex"));
    }
}

#[test]
fn man_page_to_stdout_or_one_page_per_subcommand() {
    let o = claimex(&["man"], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    let page = String::from_utf8(o.stdout).unwrap();
    assert!(page.contains(".TH claimex 1"), "{page}");
    for word in ["extract", "batch", "review", "schema", "completions"] {
        assert!(page.contains(word), "man page lacks {word}");
    }
    let dir = tempdir("man");
    let o = claimex(&["man", "--out-dir", dir.to_str().unwrap()], b"");
    assert!(o.status.success(), "{}", stderr(&o));
    for name in ["claimex.1", "claimex-extract.1", "claimex-batch.1", "claimex-man.1"] {
        assert!(dir.join(name).is_file(), "{name}");
    }
    let batch = std::fs::read_to_string(dir.join("claimex-batch.1")).unwrap();
    assert!(
        batch.contains("\\-\\-lossy") && batch.contains("\\-\\-threads"),
        "{batch}"
    );
    // groff, where present, renders it with no warnings.
    if let Ok(o) = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", dir.join("claimex-batch.1").to_str().unwrap()])
        .output()
    {
        assert!(o.status.success() && o.stderr.is_empty(), "{}", stderr(&o));
        assert!(String::from_utf8_lossy(&o.stdout).contains("quoted glob"));
    }
}

#[test]
fn rules_only_leaves_out_the_learned_layer_in_every_extracting_command() {
    // The rules find no claim here; the learned layer does (speech in a relative clause whose
    // content opens with its verb).
    let text = b"The rescue group published photos of what it said was a second strike on the clinic.\n";
    let rules = |j: &serde_json::Value| {
        j["claims"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["rule"].clone())
            .collect::<Vec<_>>()
    };
    let learned = stdout_json(&claimex(&["extract"], text));
    assert_eq!(rules(&learned), ["tagger"]);
    let plain = stdout_json(&claimex(&["extract", "--rules-only"], text));
    assert!(rules(&plain).is_empty(), "{plain}");
    let record = serde_json::json!({"id": "own", "text": std::str::from_utf8(text).unwrap()}).to_string();
    for (flags, claims) in [(&[][..], 1), (&["--rules-only"][..], 0)] {
        let args: Vec<&str> = ["batch", "-q", "--input", "jsonl"]
            .iter()
            .chain(flags)
            .copied()
            .collect();
        let o = claimex(&args, record.as_bytes());
        assert!(o.status.success(), "{}", stderr(&o));
        assert_eq!(rules(&stdout_json(&o)).len(), claims, "batch {flags:?}");
        let args: Vec<&str> = ["review"].iter().chain(flags).copied().collect();
        let o = claimex(&args, text);
        assert!(o.status.success(), "{}", stderr(&o));
        let summary = format!("{claims} claims");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains(&summary),
            "review {flags:?}"
        );
    }
}
