//! The claims lexicon as data: `--lexicon DIR` extends the embedded lexicon, `--lexicons DIR`
//! replaces it, and a bad row is one clear `file:line` error.

mod common;

use common::{claimex, SEED};
use std::path::PathBuf;

fn tempdir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("claimex-lexicon-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// (source, cue, stance) of every claim `claimex extract ARGS` finds in `text`.
fn claims(args: &[&str], text: &str) -> Vec<(String, String, String)> {
    let o = claimex(&[&["extract"], args].concat(), text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    v["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = |v: &serde_json::Value| v.as_str().unwrap_or("-").to_string();
            (s(&c["source"]["text"]), s(&c["cue"]["text"]), s(&c["cue"]["stance"]))
        })
        .collect()
}

const CUES: &str = "form\tlemma\tstance\tframe\tclasses\nchanted\tchant\tassert\tspeech\t-\n";
const NOUNS: &str = "word\tclasses\nprotester\tsource,anonymous\n";
const TEXT: &str = "Protesters chanted that the siege must end. Officials said the road was open.";

#[test]
fn extend_and_replace() {
    let said = ("Officials".to_string(), "said".to_string(), "assert".to_string());
    let chanted = ("Protesters".to_string(), "chanted".to_string(), "assert".to_string());
    let embedded = claims(&[], TEXT);
    assert!(
        embedded == [said.clone()],
        "the embedded lexicon knows no 'chanted': {embedded:?}"
    );

    let dir = tempdir("extend");
    std::fs::write(dir.join("cues.tsv"), CUES).unwrap();
    std::fs::write(dir.join("nouns.tsv"), NOUNS).unwrap();
    let d = dir.to_str().unwrap();
    assert_eq!(claims(&["--lexicon", d], TEXT), [chanted.clone(), said]);
    // Only the user's files: "said" is no longer a cue.
    assert_eq!(claims(&["--lexicons", d], TEXT), [chanted]);
    // Rows the seed article does not use leave its extraction as it was.
    let seed = |args: &[&str]| claimex(&[&["extract", SEED], args].concat(), b"").stdout;
    assert_eq!(seed(&["--lexicon", d]), seed(&[]));
}

#[test]
fn a_bad_row_names_file_and_line() {
    let dir = tempdir("bad");
    std::fs::write(
        dir.join("cues.tsv"),
        "# mine\nform\tlemma\tstance\tframe\tclasses\nsang\tsing\tgloat\tspeech\t-\n",
    )
    .unwrap();
    let o = claimex(&["extract", "--lexicon", dir.to_str().unwrap()], TEXT.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cues.tsv:3: unknown stance \"gloat\""), "{err}");
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");

    std::fs::write(dir.join("cues.tsv"), CUES).unwrap();
    std::fs::write(dir.join("verbs.tsv"), "x\n").unwrap();
    let o = claimex(&["extract", "--lexicon", dir.to_str().unwrap()], TEXT.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("verbs.tsv:0: unknown lexicon file"));
}

#[test]
fn evidence_cues_are_default_and_the_extra_folder_adds_expected_hedges() {
    let extra = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/extra");
    let text = "Flight data show that the jet circled twice. The envoy is expected to arrive soon.";
    let cues = |args: &[&str]| -> Vec<String> {
        let got = claims(args, text);
        got.into_iter().map(|(_, c, s)| format!("{c}/{s}")).collect()
    };
    assert_eq!(cues(&[]), ["show/evidence"]);
    assert_eq!(cues(&["--lexicon", extra]), ["show/evidence", "is expected to/hedge"]);
}

/// The sentences `claimex extract ARGS` splits `text` into.
fn sentences(args: &[&str], text: &str) -> Vec<String> {
    let o = claimex(&[&["extract"], args].concat(), text.as_bytes());
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let texts = v["sentences"].as_array().unwrap().iter();
    texts.map(|s| s["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn a_user_abbreviation_extends_the_sentence_splitter() {
    let text = "The convoy passed Rte. Nine before noon. It then stopped.";
    assert_eq!(
        sentences(&[], text),
        ["The convoy passed Rte.", "Nine before noon.", "It then stopped."]
    );
    let dir = tempdir("abbr");
    std::fs::write(dir.join("abbreviations.tsv"), "abbr\tclasses\nRte.\tno_end\n").unwrap();
    let d = dir.to_str().unwrap();
    assert_eq!(
        sentences(&["--lexicon", d], text),
        ["The convoy passed Rte. Nine before noon.", "It then stopped."]
    );
    // Replacing the lexicon replaces the splitter's abbreviations too: "Gen." ends a sentence.
    let general = "Gen. Saleh spoke.";
    assert_eq!(sentences(&[], general), [general]);
    assert_eq!(sentences(&["--lexicons", d], general), ["Gen.", "Saleh spoke."]);
    // A bad class is one file:line error.
    std::fs::write(dir.join("abbreviations.tsv"), "abbr\tclasses\nRte.\troad\n").unwrap();
    let o = claimex(&["extract", "--lexicon", d], text.as_bytes());
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("abbreviations.tsv:2: unknown abbreviation class \"road\""),
        "{err}"
    );
}

#[test]
fn an_embedded_profile_adds_what_its_folder_adds() {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/lexicon/polnear");
    let text = "The envoy urged both sides to return to the talks. The mayor said the bridge was open.";
    let order = (String::from("The envoy"), String::from("urged"), String::from("urge"));
    let said = (String::from("The mayor"), String::from("said"), String::from("assert"));
    assert_eq!(claims(&[], text), std::slice::from_ref(&said));
    assert_eq!(claims(&["--profile", "polnear"], text), [order.clone(), said.clone()]);
    assert_eq!(claims(&["--lexicon", folder], text), [order, said]);
    let expected = "The envoy is expected to arrive soon.";
    assert_eq!(claims(&["--profile", "extra"], expected).len(), 1);
    // An unknown name is a usage error that lists the profiles.
    let o = claimex(&["extract", "--profile", "nope"], text.as_bytes());
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("polnear") && err.contains("extra"), "{err}");
}
