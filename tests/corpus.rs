//! Whole-output snapshots of every article in `corpus/`, plus the seed article's must-haves.

use claimex::output::{document, DocumentMeta};
use claimex::{Extractor, Gazetteer};
use serde_json::Value;
use std::path::Path;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

fn extract(path: &Path) -> (String, Value) {
    let text = std::fs::read_to_string(path).unwrap();
    let meta = DocumentMeta {
        id: path.file_stem().unwrap().to_string_lossy().into_owned(),
        path: Some(format!("corpus/{}", path.file_name().unwrap().to_string_lossy())),
        ..DocumentMeta::default()
    };
    let x = EXTRACTOR.extract(&text);
    let json = serde_json::to_value(document(&text, &x, EXTRACTOR.gazetteer(), &meta)).unwrap();
    (text, json)
}

#[test]
fn corpus_snapshots() {
    let mut settings = insta::Settings::clone_current();
    settings.set_snapshot_path(concat!(env!("CARGO_MANIFEST_DIR"), "/snapshots"));
    settings.set_prepend_module_to_snapshot(false);
    settings.bind(|| {
        insta::glob!("../corpus", "*.txt", |path| {
            let (text, json) = extract(path);
            assert_spans_slice(&text, &json);
            insta::assert_json_snapshot!(json);
        });
    });
}

/// Every `{text, start, end}` object anywhere in the output slices the input by code points.
fn assert_spans_slice(text: &str, json: &Value) {
    let chars: Vec<char> = text.chars().collect();
    let mut stack = vec![json];
    let mut checked = 0;
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                if let (Some(Value::String(t)), Some(s), Some(e)) = (o.get("text"), o.get("start"), o.get("end")) {
                    let (s, e) = (s.as_u64().unwrap() as usize, e.as_u64().unwrap() as usize);
                    assert_eq!(&chars[s..e].iter().collect::<String>(), t, "span {s}..{e}");
                    checked += 1;
                }
                stack.extend(o.values());
            }
            Value::Array(a) => stack.extend(a),
            _ => {}
        }
    }
    assert!(checked > 0);
}

#[test]
fn seed_article_has_what_an_analyst_expects() {
    let (_, json) = extract(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/000_4c9a5fc32c7dd298.txt"
    )));
    let mentions = json["mentions"].as_array().unwrap();
    let count = |entity: &str| mentions.iter().filter(|m| m["entity"] == entity).count();
    let texts = |entity: &str| -> Vec<&str> {
        mentions
            .iter()
            .filter(|m| m["entity"] == entity)
            .map(|m| m["text"].as_str().unwrap())
            .collect()
    };
    let entity_of = |text: &str| -> Vec<&str> {
        mentions
            .iter()
            .filter(|m| m["text"] == text)
            .map(|m| m["entity"].as_str().unwrap())
            .collect()
    };
    let one = |text: &str| {
        let ids = entity_of(text);
        assert!(!ids.is_empty(), "no mention {text:?}");
        ids[0].to_string()
    };
    // "Deir Ezzor province" resolves to the governorate, the bare name to the city.
    let deir = mentions
        .iter()
        .filter(|m| m["text"].as_str().unwrap().starts_with("Deir Ezzor"))
        .count();
    assert_eq!(deir, 7);
    assert_eq!(entity_of("Deir Ezzor province"), ["sy-deir-ez-zor"]);
    assert!(count(&one("Syria")) >= 5);
    assert!(count(&one("Hama")) >= 3);
    assert!(count(&one("Aleppo")) >= 2);
    assert!(count(&one("Daraa")) >= 2);
    assert!(count(&one("Sweida")) >= 3);
    assert!(count(&one("Damascus")) >= 2);
    assert!(count(&one("Russia")) >= 2);
    for t in [
        "Idlib",
        "Iraq",
        "Ukraine",
        "Syrian Observatory for Human Rights",
        "Syrian state media",
        "pro-Assad forces",
    ] {
        one(t);
    }
    let hts = texts("hts");
    assert_eq!(hts.iter().filter(|t| **t == "HTS").count(), 3, "{hts:?}");
    assert!(hts.contains(&"Hay’at Tahrir al-Sham"));
    assert_eq!(texts("sdf"), ["Syrian Democratic Forces", "SDF"]);
    assert_eq!(one("Iran-backed militias"), one("pro-Iranian militias"));
    assert_eq!(one("government forces"), one("government troops"));
    assert_eq!(count("druze"), 2, "{:?}", texts("druze"));

    assert_eq!(json["document"]["byline"], "The Defense News");
}

/// The seed article's claims, checked apart from its mentions so that gazetteer data changes
/// cannot hide a claims regression: exactly these three, nothing spurious.
#[test]
fn seed_article_keeps_its_three_claims() {
    let (_, json) = extract(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/corpus/000_4c9a5fc32c7dd298.txt"
    )));
    let claims = json["claims"].as_array().unwrap();
    let summary: Vec<_> = claims
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap(),
                c["source"]["text"].as_str(),
                c["cue"]["text"].as_str().unwrap(),
                c["content"]["text"].as_str().unwrap(),
                c["disputed"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            ("attributed", Some("The Syrian Observatory for Human Rights"), "confirmed", "U.S. airstrikes targeting Iran-backed militias in the region exacerbated the challenges faced by pro-Assad forces", false),
            ("hedged", None, "reportedly", "providing training and logistical aid", false),
            ("attributed", Some("Syrian state media"), "has portrayed", "the situation as a temporary redeployment", true),
        ]
    );
    let sources: Vec<_> = claims
        .iter()
        .map(|c| (c["source"]["type"].as_str(), c["source"]["subtype"].as_str()))
        .collect();
    assert_eq!(
        sources,
        [
            (Some("organization"), Some("monitor")),
            (None, None),
            (Some("media"), Some("state_media"))
        ]
    );
}
