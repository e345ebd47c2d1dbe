//! Properties that must hold for any input: no panic, sentences in order and covering the
//! text, every span slicing the input to its text, and the same output on a rerun.

use claimex::output::{document, DocumentMeta};
use claimex::{Extractor, Gazetteer};
use proptest::prelude::*;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

fn check(text: &str) {
    let x = EXTRACTOR.extract(text);
    let mut covered = 0;
    for s in &x.sentences {
        assert!(s.span.start >= covered, "sentences overlap or go backwards");
        assert!(
            text[covered..s.span.start].trim().is_empty(),
            "text between sentences lost"
        );
        let t = s.span.slice(text);
        assert!(!t.is_empty() && t.trim() == t);
        covered = s.span.end;
    }
    assert!(text[covered..].trim().is_empty());
    for m in &x.mentions {
        let s = x.sentences[m.sentence].span;
        assert!(s.contains(m.span) && !m.span.is_empty());
    }
    for c in &x.claims {
        // The cue and source lie in the claim's sentence; so does the content, except a direct
        // quote running over several sentences, which still touches it (or the next sentence).
        let s = x.sentences[c.sentence].span;
        assert!(s.contains(c.cue.span));
        assert!(c.source.as_ref().is_none_or(|src| s.contains(src.span)));
        // A continued quote may start in the next sentence.
        let reach = x.sentences.get(c.sentence + 1).map_or(s.end, |n| n.span.end);
        let touches = c.content.start <= reach && s.start <= c.content.end;
        assert!(s.contains(c.content) || (c.rule.as_str().contains("quote") && touches));
        assert!(!c.content.is_empty() && (0.0..=1.0).contains(&c.confidence));
        let resolved = c.source.as_ref().and_then(|src| src.resolved.as_ref());
        assert!(resolved.is_none_or(|r| r.span.end <= s.end && !r.span.is_empty()));
    }
    let meta = DocumentMeta::default();
    let a = serde_json::to_string(&document(text, &x, EXTRACTOR.gazetteer(), &meta)).unwrap();
    let b = serde_json::to_string(&document(text, &EXTRACTOR.extract(text), EXTRACTOR.gazetteer(), &meta)).unwrap();
    assert_eq!(a, b);
    // The hand-written writer gives serde_json's bytes.
    let mut w = Vec::new();
    document(text, &x, EXTRACTOR.gazetteer(), &meta)
        .write_json(&mut w)
        .unwrap();
    assert_eq!(String::from_utf8(w).unwrap(), a);
    let v: serde_json::Value = serde_json::from_str(&a).unwrap();
    let chars: Vec<char> = text.chars().collect();
    for key in ["sentences", "mentions"] {
        for o in v[key].as_array().unwrap() {
            let (s, e) = (
                o["start"].as_u64().unwrap() as usize,
                o["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(chars[s..e].iter().collect::<String>(), o["text"].as_str().unwrap());
        }
    }
}

fn newsy() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "Hama",
        "Hamas",
        "HTS",
        "SDF",
        "is",
        "IS",
        "Deir",
        "Ezzor",
        "ez-Zor",
        "said",
        "that",
        "U.S.",
        "Gen.",
        "reportedly",
        "according",
        "to",
        "the",
        "Syrian",
        "Observatory",
        "for",
        "Human",
        "Rights",
        "confirmed",
        ",",
        ".",
        "\n",
        "\n\n",
        "(SDF)",
        "Hay’at",
        "’s",
        "دير",
        "الزور",
        "حَمَاة",
        "Ḩamāh",
        "\"",
        "“",
        "”",
        "'",
        "‘",
        "he",
        "It",
        "told",
        "Reuters",
        ":",
        "according",
        "by",
        "claims",
        "quoted",
        "as",
        "saying",
        "?",
        "—",
        "e\u{301}",
        "\u{feff}",
        "\t",
    ]);
    prop::collection::vec(words, 0..60).prop_map(|w| w.join(" "))
}

/// Lines of up to ~50 KB with no line break.
fn long_line() -> impl Strategy<Value = String> {
    (newsy(), 1usize..200).prop_map(|(s, n)| s.replace('\n', " ").repeat(n))
}

/// Any code points at all (controls, unassigned, private use), opening with lone combining marks.
fn marks_first() -> impl Strategy<Value = String> {
    "(?s)[\u{300}-\u{36f}\u{64b}-\u{652}\u{200d}\u{feff}]{1,3}.{0,200}"
}

fn anything() -> impl Strategy<Value = String> {
    prop_oneof![
        "\\PC{0,300}",
        "(?s).{0,300}",
        marks_first(),
        newsy(),
        long_line(),
        "[\\x00-\\x20a-zA-Z.'’\u{300}-\u{36f}\u{64b}-\u{652}\u{640} ]{0,200}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn any_code_points_opening_with_lone_marks(text in marks_first()) {
        check(&text);
    }

    #[test]
    fn any_unicode_text(text in "\\PC{0,300}") {
        check(&text);
    }

    #[test]
    fn any_text_with_controls_and_marks(text in "[\\x00-\\x20a-zA-Z.'’\u{300}-\u{36f}\u{64b}-\u{652}\u{640} ]{0,200}") {
        check(&text);
    }

    #[test]
    fn newsy_word_salad(text in newsy()) {
        check(&text);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]

    #[test]
    fn very_long_lines(text in long_line()) {
        check(&text);
    }
}

/// The stable stand-in for the cargo-fuzz target (`fuzz/`, nightly only): a long random run
/// over every strategy above. `CLAIMEX_SOAK_CASES=200000 cargo test --release --test
/// properties -- --ignored soak`.
#[test]
#[ignore = "long: a soak run, see the doc comment"]
fn soak() {
    let cases = std::env::var("CLAIMEX_SOAK_CASES").map_or(20_000, |v| v.parse().unwrap());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases));
    runner
        .run(&anything(), |text| {
            check(&text);
            Ok(())
        })
        .unwrap();
}
