//! Every export read back: offsets slice the original text (as code points) to the exported
//! text, ids resolve, and the JSON output validates against the published schema.

use claimex::export::{self, Article};
use claimex::output::{document, json_schema, DocumentMeta};
use claimex::{Extractor, Gazetteer};
use proptest::prelude::*;
use serde_json::Value;
use std::sync::LazyLock;

static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(|| Extractor::new(Gazetteer::embedded()));

const SEED: &str = include_str!("../corpus/000_4c9a5fc32c7dd298.txt");
/// Astral and accented characters before the spans (bytes, UTF-16 units and code points all
/// differ), nested claims, a mention across a line break, places inside claims.
const TRICKY: &str = "🔥 Él said: «Activists said HTS fighters entered Hama and Deir\nez-Zor.» \
                      Reportedly, SDF forces shelled Aleppo, the Syrian Observatory for Human Rights said.\n";

fn article(text: &str) -> Article {
    let meta = DocumentMeta {
        id: "doc".into(),
        ..DocumentMeta::default()
    };
    Article::new(text, &EXTRACTOR.extract(text), EXTRACTOR.gazetteer(), &meta)
}

/// `text[start:end]` in code points, as Python, brat and Label Studio count.
fn cp(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

fn both() -> [Article; 2] {
    [article(SEED), article(TRICKY)]
}

#[test]
fn the_tricky_text_exercises_what_it_should() {
    let a = article(TRICKY);
    assert!(a.doc.claims.len() >= 2, "{:?}", a.doc.claims);
    assert!(a.doc.mentions.iter().any(|m| m.text == "Deir\nez-Zor"));
    assert!(a.doc.claims.iter().any(|c| a.claim_places(c).count() > 0));
}

#[test]
fn csv_and_tsv_rows_slice_the_text() {
    both().iter().for_each(check_csv_and_tsv_rows_slice_the_text);
}

fn check_csv_and_tsv_rows_slice_the_text(a: &Article) {
    {
        for delimiter in [b',', b'\t'] {
            let mut out = Vec::new();
            export::csv::header(&mut out, delimiter).unwrap();
            export::csv::rows(&mut out, a, delimiter).unwrap();
            let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(&out[..]);
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            assert_eq!(header, export::csv::COLUMNS);
            let col = |name: &str| header.iter().position(|h| h == name).unwrap();
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            assert_eq!(rows.len(), a.doc.claims.len());
            for row in &rows {
                let num = |name: &str| row[col(name)].parse::<usize>().unwrap();
                for part in ["cue", "content"] {
                    let (s, e) = (num(&format!("{part}_start")), num(&format!("{part}_end")));
                    assert_eq!(cp(&a.text, s, e), row[col(part)]);
                }
                if !row[col("source")].is_empty() {
                    assert_eq!(cp(&a.text, num("source_start"), num("source_end")), row[col("source")]);
                }
                let items = |name: &str| row[col(name)].split("; ").count();
                for aligned in ["admin1", "admin2", "latitude", "longitude", "geonames"] {
                    assert_eq!(items(aligned), items("location"), "{aligned} is aligned with location");
                }
            }
            if a.text == TRICKY {
                let hama = rows
                    .iter()
                    .find(|r| r[col("location")].split("; ").any(|l| l == "Hama"))
                    .expect("a row names Hama");
                assert!(hama[col("latitude")].starts_with("35."), "{hama:?}");
            }
        }
    }
}

#[test]
fn brat_annotations_slice_the_text() {
    both().iter().for_each(check_brat_annotations_slice_the_text);
}

fn check_brat_annotations_slice_the_text(a: &Article) {
    {
        let ann = export::brat::ann(a);
        let mut t_ids = Vec::new();
        let mut types = std::collections::BTreeSet::new();
        for line in ann.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            match &line[..1] {
                "T" => {
                    let (kind, frags) = fields[1].split_once(' ').unwrap();
                    types.insert(kind.to_string());
                    let pieces: Vec<String> = frags
                        .split(';')
                        .map(|f| {
                            let (s, e) = f.split_once(' ').unwrap();
                            let piece = cp(&a.text, s.parse().unwrap(), e.parse().unwrap());
                            assert!(!piece.contains('\n'), "brat fragments never cross a line break");
                            piece
                        })
                        .collect();
                    assert_eq!(pieces.join(" "), fields[2], "{line}");
                    t_ids.push(fields[0].to_string());
                }
                "R" => {
                    let args: Vec<&str> = fields[1].split(' ').skip(1).collect();
                    for arg in args {
                        assert!(t_ids
                            .iter()
                            .any(|t| Some(t.as_str()) == arg.split_once(':').map(|x| x.1)));
                    }
                }
                "N" | "A" => assert!(t_ids.contains(&fields[1].split(' ').nth(1).unwrap().to_string())),
                _ => panic!("unexpected line {line}"),
            }
        }
        let conf = export::brat::annotation_conf(a.doc.claims.iter().map(|c| c.cue.stance.as_str()));
        for kind in types {
            assert!(conf.lines().any(|l| l == kind), "{kind} declared in annotation.conf");
        }
        if a.text == TRICKY {
            assert!(ann.contains("\tDeir ez-Zor\n"), "split at the line break:\n{ann}");
            assert!(ann.contains("GeoNames:170017"), "Hama's GeoNames id:\n{ann}");
        }
    }
}

#[test]
fn label_studio_regions_slice_the_text() {
    both().iter().for_each(check_label_studio_regions_slice_the_text);
}

fn check_label_studio_regions_slice_the_text(a: &Article) {
    let config = export::labelstudio::config();
    {
        let task = export::labelstudio::task(a);
        let text = task["data"]["text"].as_str().unwrap();
        assert_eq!(text, a.text);
        let result = task["predictions"][0]["result"].as_array().unwrap();
        let regions: Vec<&Value> = result.iter().filter(|r| r["type"] == "labels").collect();
        assert_eq!(
            regions.len(),
            a.doc.mentions.len() + 2 * a.doc.claims.len() + a.doc.claims.iter().filter(|c| c.source.is_some()).count()
        );
        for r in &regions {
            let v = &r["value"];
            let (s, e) = (
                v["start"].as_u64().unwrap() as usize,
                v["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(cp(text, s, e), v["text"].as_str().unwrap());
            let label = v["labels"][0].as_str().unwrap();
            assert!(config.contains(&format!("value=\"{label}\"")), "{label} in the config");
        }
        for rel in result.iter().filter(|r| r["type"] == "relation") {
            for end in ["from_id", "to_id"] {
                assert!(regions.iter().any(|r| r["id"] == rel[end]), "{rel}");
            }
        }
    }
}

#[test]
fn geojson_places_carry_their_coordinates_and_claims() {
    both()
        .iter()
        .for_each(check_geojson_places_carry_their_coordinates_and_claims);
}

fn check_geojson_places_carry_their_coordinates_and_claims(a: &Article) {
    {
        let mut collection = export::geojson::Collection::default();
        collection.add(a);
        let fc = collection.finish();
        assert_eq!(fc["type"], "FeatureCollection");
        let features = fc["features"].as_array().unwrap();
        assert!(!features.is_empty());
        for f in features {
            let p = &f["properties"];
            let e = a.entity(p["id"].as_str().unwrap()).unwrap();
            let (lat, lon) = e.lat_lon().unwrap();
            assert_eq!(f["geometry"]["coordinates"], serde_json::json!([lon, lat]));
            for c in p["claims"].as_array().unwrap() {
                let (s, e) = (
                    c["start"].as_u64().unwrap() as usize,
                    c["end"].as_u64().unwrap() as usize,
                );
                assert_eq!(cp(&a.text, s, e), c["content"].as_str().unwrap());
            }
        }
        if a.text == TRICKY {
            let hama = features
                .iter()
                .find(|f| f["properties"]["geonames"] == "170017")
                .unwrap();
            assert!(!hama["properties"]["claims"].as_array().unwrap().is_empty());
        }
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn html_page_is_self_contained_and_its_spans_slice_the_text() {
    both()
        .iter()
        .for_each(check_html_page_is_self_contained_and_its_spans_slice_the_text);
}

fn check_html_page_is_self_contained_and_its_spans_slice_the_text(a: &Article) {
    let tags = regex::Regex::new("<[^>]*>").unwrap();
    let span = regex::Regex::new(r#"data-s="(\d+)" data-e="(\d+)"[^>]*>([^<]*)</span>"#).unwrap();
    {
        let page = format!(
            "{}{}{}",
            export::html::head("t"),
            export::html::article(a, 0),
            export::html::foot()
        );
        for external in ["http:", "https:", "<link", " src=", "@import", "url("] {
            assert!(!page.contains(external), "no external resources: {external}");
        }
        let body = page.split("<article class=\"text\">").nth(1).unwrap();
        let body = body.split("</article>").next().unwrap();
        assert_eq!(
            unescape(&tags.replace_all(body, "")),
            a.text,
            "the page shows the text unchanged"
        );
        let mut n = 0;
        for cap in span.captures_iter(body) {
            let (s, e) = (cap[1].parse().unwrap(), cap[2].parse().unwrap());
            assert_eq!(cp(&a.text, s, e), unescape(&cap[3]));
            n += 1;
        }
        assert!(n >= a.doc.mentions.len());
        for c in &a.doc.claims {
            assert!(page.contains(&format!("<tr data-c=\"d0-{}\">", c.id)));
        }
    }
}

#[test]
fn terminal_review_is_plain_without_colour() {
    let a = article(TRICKY);
    let mut plain = Vec::new();
    export::terminal::write(&mut plain, &a, false).unwrap();
    let plain = String::from_utf8(plain).unwrap();
    assert!(!plain.contains('\x1b'));
    for c in &a.doc.claims {
        assert!(plain.contains(&format!("    content  {}", c.content.text)), "{plain}");
    }
    assert!(plain.contains("    source   the Syrian Observatory for Human Rights (organization: sohr)"));
    assert!(plain.contains("  place"), "entity counts at the end:\n{plain}");
    let mut coloured = Vec::new();
    export::terminal::write(&mut coloured, &a, true).unwrap();
    let coloured = String::from_utf8(coloured).unwrap();
    assert!(coloured.contains("\x1b[1;33msaid\x1b[0m"), "cues in bold yellow");
    let strip = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    assert_eq!(strip.replace_all(&coloured, ""), plain);
}

#[test]
fn json_output_validates_against_the_schema() {
    let schema = json_schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    for text in [SEED, TRICKY] {
        let meta = DocumentMeta {
            id: "doc".into(),
            ..DocumentMeta::default()
        };
        let x = EXTRACTOR.extract(text);
        let value = serde_json::to_value(document(text, &x, EXTRACTOR.gazetteer(), &meta)).unwrap();
        let errors: Vec<String> = validator.iter_errors(&value).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{errors:#?}");
        let mut broken = value.clone();
        broken["claims"][0]["content"]["start"] = "zero".into();
        assert!(!validator.is_valid(&broken), "the schema constrains offsets");
    }
}

fn newsy() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Hama",
        "Hamas",
        "HTS",
        "SDF",
        "Deir",
        "ez-Zor",
        "Aleppo",
        "said",
        "says",
        "reportedly",
        "according to",
        "the Syrian Observatory for Human Rights",
        "officials",
        "confirmed that",
        "denied",
        ",",
        ".",
        "\n",
        "\n\n",
        "«",
        "»",
        "\"",
        "'",
        "&",
        "<b>",
        "🔥",
        "é",
        "حماة",
        "\r\n",
        " ",
        "  ",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn every_export_reads_back_on_any_text(text in newsy()) {
        let a = article(&text);
        check_csv_and_tsv_rows_slice_the_text(&a);
        check_brat_annotations_slice_the_text(&a);
        check_label_studio_regions_slice_the_text(&a);
        check_html_page_is_self_contained_and_its_spans_slice_the_text(&a);
        let mut out = Vec::new();
        export::terminal::write(&mut out, &a, true).unwrap();
    }
}
