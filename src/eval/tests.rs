//! The metrics on tiny hand-made records (sentences written for these tests).

use super::attributions::half_overlap;
use super::ClaimReport;
use super::*;
use crate::claims::{Claim, ClaimKind, CueMatch, Rule, Source, Stance};
use crate::gazetteer::{Entity, EntityType};
use crate::span::Span;
use crate::Gazetteer;

fn at(text: &str, needle: &str) -> Span {
    let i = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    Span::new(i, i + needle.len())
}

fn claim(text: &str, source: Option<&str>, cue: &str, content: &str, rule: &str) -> Claim {
    Claim {
        kind: if source.is_some() {
            ClaimKind::Attributed
        } else {
            ClaimKind::Hedged
        },
        sentence: 0,
        source: source.map(|s| Source {
            span: at(text, s),
            entity: None,
            unnamed: false,
            resolved: None,
        }),
        cue: CueMatch {
            span: at(text, cue),
            lemma: cue.to_lowercase(),
            stance: Stance::Assert,
        },
        content: at(text, content),
        entities: Vec::new(),
        rule: Rule::parse(rule).expect("a rule name"),
        confidence: 1.0,
        disputed: false,
        unverified: false,
        nested_in: None,
    }
}

fn gold(text: &str, source: Option<&str>, cue: &str, content: &str) -> GoldClaim {
    GoldClaim {
        source: source.map(|s| at(text, s)),
        cue: at(text, cue),
        content: at(text, content),
    }
}

const TEXT: &str =
    "Farmers near the dam said the water had risen overnight, and engineers warned that the spillway could fail.";

#[test]
fn a_shorter_content_counts_under_overlap_but_not_exact() {
    let g = [gold(
        TEXT,
        Some("Farmers near the dam"),
        "said",
        "the water had risen overnight",
    )];
    let p = [claim(
        TEXT,
        Some("Farmers"),
        "said",
        "the water had risen",
        "source_cue_content",
    )];
    let mut t = ClaimReport::default();
    t.add("d", TEXT, &p, &g);
    assert_eq!(
        (t.overlap.all.matched, t.overlap.all.predicted, t.overlap.all.gold),
        (1, 1, 1)
    );
    assert_eq!(t.exact.cue.matched, 1);
    assert_eq!(t.exact.source.matched, 0);
    assert_eq!(t.exact.content.matched, 0);
    assert_eq!(t.exact.all.matched, 0);
    assert!(t.errors.is_empty());
    assert_eq!(
        t.by_rule["source_cue_content"],
        PrecisionRow {
            predicted: 1,
            cue: 1,
            all: 1
        }
    );
    assert_eq!(
        t.by_gold_cue["said"],
        RecallRow {
            gold: 1,
            cue: 1,
            all: 1
        }
    );
}

#[test]
fn content_under_half_of_the_longer_span_and_a_missing_source_fail() {
    let g = [
        gold(
            TEXT,
            Some("Farmers near the dam"),
            "said",
            "the water had risen overnight",
        ),
        gold(TEXT, Some("engineers"), "warned", "that the spillway could fail"),
    ];
    // "the water" is 9 of 29 code points: under half.
    let p = [
        claim(TEXT, Some("Farmers"), "said", "the water", "source_cue_content"),
        claim(
            TEXT,
            None,
            "warned",
            "that the spillway could fail",
            "content_source_cue",
        ),
    ];
    let mut t = ClaimReport::default();
    t.add("d", TEXT, &p, &g);
    assert_eq!(t.overlap.cue.matched, 2);
    assert_eq!(t.overlap.source.matched, 1);
    assert_eq!(t.overlap.content.matched, 1);
    assert_eq!(t.overlap.all.matched, 0);
    let what: Vec<_> = t.errors.iter().map(|e| e.what).collect();
    assert_eq!(what, ["wrong content", "wrong source"]);
}

#[test]
fn each_gold_pairs_once_and_leftovers_are_missed_or_spurious() {
    let g = [
        gold(
            TEXT,
            Some("Farmers near the dam"),
            "said",
            "the water had risen overnight",
        ),
        gold(TEXT, Some("engineers"), "warned", "that the spillway could fail"),
    ];
    let p = [
        claim(
            TEXT,
            Some("Farmers near the dam"),
            "said",
            "the water had risen overnight",
            "source_cue_content",
        ),
        claim(TEXT, None, "said", "the water had risen overnight", "hedge"),
    ];
    let mut t = ClaimReport::default();
    t.add("d", TEXT, &p, &g);
    assert_eq!(
        t.exact.all,
        Prf {
            matched: 1,
            predicted: 2,
            gold: 2
        }
    );
    assert_eq!(
        t.by_rule["hedge"],
        PrecisionRow {
            predicted: 1,
            cue: 0,
            all: 0
        }
    );
    assert_eq!(
        t.by_gold_cue["warned"],
        RecallRow {
            gold: 1,
            cue: 0,
            all: 0
        }
    );
    let what: Vec<_> = t.errors.iter().map(|e| e.what).collect();
    assert_eq!(what, ["spurious", "missed"]);
    assert_eq!(t.errors[1].gold.as_ref().unwrap().cue, "warned");
}

#[test]
fn half_overlap_counts_code_points() {
    let text = "ééééab";
    // 1 shared code point of 2 and of 3.
    assert!(half_overlap(text, Span::new(6, 10), Span::new(8, 10)));
    assert!(!half_overlap(text, Span::new(0, 6), Span::new(4, 10)));
    assert!(!half_overlap(text, Span::new(0, 2), Span::new(2, 4)));
}

#[test]
fn prf_arithmetic() {
    let s = Prf {
        matched: 3,
        predicted: 4,
        gold: 6,
    };
    assert_eq!((s.precision(), s.recall()), (0.75, 0.5));
    assert!((s.f1() - 0.6).abs() < 1e-12);
    assert_eq!(Prf::default().f1(), 0.0);
    let json = serde_json::to_value(s).unwrap();
    assert_eq!(json["p"], 0.75);
    assert_eq!(json["f1"], 0.6);
}

fn entity(name: &str, kind: EntityType, subtype: &str, country: &str) -> Entity {
    Entity {
        id: name.to_lowercase().into(),
        name: name.to_string().into(),
        kind,
        subtype: subtype.to_string().into(),
        attributes: vec![("country", country.to_string().into())],
        priority: 50,
        origin: "test:1".into(),
    }
}

#[test]
fn only_what_the_annotation_covers_is_predicted() {
    let r = Region::embedded();
    let syria = entity("Syria", EntityType::State, "country", "SY");
    assert_eq!(r.scope(&syria, "Syria"), Some("place"));
    assert_eq!(r.scope(&syria, "Syrias"), Some("place"));
    assert_eq!(r.scope(&syria, "Syrian"), None);
    assert_eq!(
        r.scope(
            &entity("United Arab Emirates", EntityType::State, "country", "AE"),
            "UAE"
        ),
        Some("place")
    );
    assert_eq!(
        r.scope(&entity("Russia", EntityType::State, "country", "RU"), "Russia"),
        None
    );
    assert_eq!(
        r.scope(&entity("Moscow", EntityType::Place, "capital", "RU"), "Moscow"),
        None
    );
    assert_eq!(
        r.scope(&entity("Homs", EntityType::Place, "city", "SY"), "Homs"),
        Some("place")
    );
    assert_eq!(
        r.scope(
            &entity("Government of Syria", EntityType::State, "government", "SY"),
            "Damascus"
        ),
        None
    );
    assert_eq!(
        r.scope(&entity("Reuters", EntityType::Media, "agency", "GB"), "Reuters"),
        Some("organization")
    );
    assert_eq!(
        r.scope(&entity("Ahmad", EntityType::Person, "official", "SY"), "Ahmad"),
        None
    );
    assert_eq!(
        r.scope(&entity("Druze", EntityType::Community, "religious", "SY"), "Druze"),
        None
    );
}

#[test]
fn region_errors_name_file_and_line() {
    let e = Region::parse("r.txt", "# c\ncountry SY\ncountry syria\n").unwrap_err();
    assert!(e.starts_with("r.txt:3:"), "{e}");
}

#[test]
fn evaluation_runs_the_extractor_and_scores_mentions() {
    let x = Extractor::new(Gazetteer::embedded());
    let text = "The Syrian Observatory for Human Rights said that government shelling hit Saraqeb in Idlib.";
    let doc = GoldDoc {
        id: "own".into(),
        text: text.into(),
        claims: vec![gold(
            text,
            Some("The Syrian Observatory for Human Rights"),
            "said",
            "that government shelling hit Saraqeb in Idlib",
        )],
        mentions: Some(vec![
            GoldMention {
                span: at(text, "Syrian Observatory for Human Rights"),
                kind: "organization".into(),
            },
            GoldMention {
                span: at(text, "Saraqeb"),
                kind: "place".into(),
            },
            GoldMention {
                span: at(text, "Idlib"),
                kind: "place".into(),
            },
        ]),
        nested: true,
    };
    let mut eval = Evaluation::new(&x);
    eval.add(&doc);
    let r = eval.finish();
    assert_eq!(r.docs, 1);
    assert_eq!(
        r.claims.overlap.all,
        Prf {
            matched: 1,
            predicted: 1,
            gold: 1
        }
    );
    let m = r.mentions.unwrap();
    assert_eq!(m.all.overlap.gold, 3);
    assert_eq!(m.by_type["organization"].exact.gold, 1);
    assert!(m.all.overlap.matched >= 2, "{m:?}");
}

#[test]
fn nested_claims_are_scored_only_against_gold_that_annotates_nesting() {
    let x = Extractor::new(Gazetteer::embedded());
    let text = "The council said it thinks that the truce will hold.";
    let outer = gold(text, Some("The council"), "said", "it thinks that the truce will hold");
    let inner = gold(text, Some("it"), "thinks", "the truce will hold");
    let score = |claims: Vec<GoldClaim>, nested: bool| {
        let doc = GoldDoc {
            id: "own".into(),
            text: text.into(),
            claims,
            mentions: None,
            nested,
        };
        let mut eval = Evaluation::new(&x);
        eval.add(&doc);
        eval.finish().claims.overlap.all
    };
    let prf = |matched, predicted, gold| Prf {
        matched,
        predicted,
        gold,
    };
    // Nesting annotated (syria-dev-gold): both claims count.
    assert_eq!(score(vec![outer, inner], true), prf(2, 2, 2));
    // One role per token (PolNeAR) with the outer claim annotated: the nested one is not scored.
    assert_eq!(score(vec![outer], false), prf(1, 1, 1));
    // ... and with only the inner one annotated, the outer claim is spurious, the inner scored.
    assert_eq!(score(vec![inner], false), prf(1, 2, 1));
}

#[test]
fn the_syria_gold_shape_annotates_nesting() {
    let polnear = r#"{"text": "A said B.", "attributions": [{"source": {"start": 0, "end": 1}, "cue": {"start": 2, "end": 6}, "content": {"start": 7, "end": 8}}]}"#;
    let syria = polnear.replace(r#"[{"source""#, r#"[{"kind": "attributed", "source""#);
    assert!(!GoldDoc::parse(polnear, 1).unwrap().nested);
    assert!(GoldDoc::parse(&syria, 1).unwrap().nested);
}
