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
fn a_nested_claim_names_its_outer_claim_by_id() {
    let a = article("The council said it thinks that the truce will hold.");
    let ids: Vec<(&str, Option<&str>)> = a
        .doc
        .claims
        .iter()
        .map(|c| (c.id.as_str(), c.nested_in.as_deref()))
        .collect();
    assert_eq!(ids, [("c1", None), ("c2", Some("c1"))]);
    check_view_matches_the_json("The council said it thinks that the truce will hold.", &a);
}

static VALIDATOR: LazyLock<jsonschema::Validator> =
    LazyLock::new(|| jsonschema::validator_for(&json_schema()).unwrap());

/// The typed view the exports read equals the JSON the `extract` command prints, which
/// validates against the schema.
fn check_view_matches_the_json(text: &str, a: &Article) {
    let meta = DocumentMeta {
        id: "doc".into(),
        ..DocumentMeta::default()
    };
    let x = EXTRACTOR.extract(text);
    let json = serde_json::to_value(document(text, &x, EXTRACTOR.gazetteer(), &meta)).unwrap();
    let errors: Vec<String> = VALIDATOR.iter_errors(&json).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(json["claims"].as_array().unwrap().len(), a.doc.claims.len());
    for (j, c) in json["claims"].as_array().unwrap().iter().zip(&a.doc.claims) {
        assert_eq!(j["id"], c.id.as_str());
        assert_eq!(j["rule"], c.rule);
        assert_eq!(j["confidence"], c.confidence);
        assert_eq!(j["disputed"], c.disputed);
        assert_eq!(j["nested_in"].as_str(), c.nested_in.as_deref());
        assert_eq!(j["content"]["start"], c.content.start);
        assert_eq!(j["cue"]["stance"], c.cue.stance.as_str());
        let src = &j["source"];
        match &c.source {
            None => assert!(src.is_null()),
            Some(s) => {
                assert_eq!(src["start"], s.span.start);
                assert_eq!(src["unnamed"], s.unnamed);
                assert_eq!(src["subtype"].as_str(), s.subtype.as_deref());
                assert_eq!(
                    src["resolved"]["end"].as_u64(),
                    s.resolved.as_ref().map(|r| r.span.end as u64)
                );
                assert_eq!(
                    src["resolved"]["entity"].as_str(),
                    s.resolved.as_ref().and_then(|r| r.entity.as_deref())
                );
            }
        }
    }
    for (j, m) in json["mentions"].as_array().unwrap().iter().zip(&a.doc.mentions) {
        assert_eq!(
            (j["start"].as_u64(), j["sentence"].as_u64()),
            (Some(m.start as u64), Some(m.sentence as u64))
        );
    }
    for (j, e) in json["entities"].as_array().unwrap().iter().zip(&a.doc.entities) {
        assert_eq!(j["id"], e.id.as_str());
        assert_eq!(
            (j["lat"].as_f64(), j["lon"].as_f64()),
            e.lat_lon().map_or((None, None), |(a, b)| (Some(a), Some(b)))
        );
    }
    for (j, s) in json["sentences"].as_array().unwrap().iter().zip(&a.doc.sentences) {
        assert_eq!(j["text"], a.slice(s.start, s.end));
        assert_eq!(j["role"], s.role);
    }
    assert_eq!(json["document"]["chars"], a.len_chars());
}

#[test]
fn the_typed_view_equals_the_json() {
    for text in [SEED, TRICKY] {
        check_view_matches_the_json(text, &article(text));
    }
}

#[test]
fn csv_and_tsv_rows_slice_the_text() {
    both().iter().for_each(check_csv_and_tsv_rows_slice_the_text);
}

fn check_csv_and_tsv_rows_slice_the_text(a: &Article) {
    use export::csv::Table;
    for delimiter in [b',', b'\t'] {
        let table = |t: Table| {
            let mut out = Vec::new();
            export::csv::header(&mut out, t, delimiter).unwrap();
            export::csv::rows(&mut out, a, t, delimiter).unwrap();
            let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).from_reader(&out[..]);
            let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
            assert_eq!(header, export::csv::columns(t));
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            (header, rows)
        };
        let at = |header: &[String], name: &str| header.iter().position(|h| h == name).unwrap();
        let span = |row: &csv::StringRecord, header: &[String], part: &str, prefix: &str| {
            let num = |c: &str| row[at(header, c)].parse::<usize>().unwrap();
            let text = &row[at(header, part)];
            if !text.is_empty() {
                let (s, e) = (num(&format!("{prefix}start")), num(&format!("{prefix}end")));
                assert_eq!(cp(&a.text, s, e), text, "{part}");
            }
        };

        let (header, claims) = table(Table::Claims);
        assert!(!header.iter().any(|h| h == "latitude"), "no packed place columns");
        assert_eq!(claims.len(), a.doc.claims.len());
        for (row, c) in claims.iter().zip(&a.doc.claims) {
            for part in ["source", "cue", "content"] {
                span(row, &header, part, &format!("{part}_"));
            }
            span(row, &header, "resolved_source", "resolved_");
            let confidence: f64 = row[at(&header, "confidence")].parse().unwrap();
            assert_eq!(confidence, c.confidence);
            assert!(matches!(&row[at(&header, "disputed")], "true" | "false"));
            assert_eq!(&row[at(&header, "rule")], c.rule);
            let places: usize = row[at(&header, "places")].parse().unwrap();
            assert_eq!(places, a.claim_places(c).count());
        }

        let (header, mentions) = table(Table::Mentions);
        let mut seen = std::collections::BTreeSet::new();
        for row in &mentions {
            span(row, &header, "text", "");
            let (s, e): (usize, usize) = (
                row[at(&header, "start")].parse().unwrap(),
                row[at(&header, "end")].parse().unwrap(),
            );
            seen.insert(row[at(&header, "mention_id")].to_string());
            let (lat, lon) = (&row[at(&header, "lat")], &row[at(&header, "lon")]);
            assert_eq!(lat.is_empty(), lon.is_empty());
            if !lat.is_empty() {
                assert_eq!(&row[at(&header, "type")], "place", "only places have coordinates");
                assert!((-90.0..=90.0).contains(&lat.parse::<f64>().unwrap()));
                assert!((-180.0..=180.0).contains(&lon.parse::<f64>().unwrap()));
            }
            let claim = &row[at(&header, "claim_id")];
            let holders: Vec<&str> = a
                .doc
                .claims
                .iter()
                .filter(|c| c.content.start <= s && e <= c.content.end)
                .map(|c| c.id.as_str())
                .collect();
            match claim.is_empty() {
                true => assert!(holders.is_empty(), "{row:?} lies in {holders:?}"),
                false => assert!(holders.contains(&claim), "{row:?} not in {claim}"),
            }
        }
        assert_eq!(seen.len(), a.doc.mentions.len(), "every mention has a row");
        let pairs: usize = a
            .doc
            .mentions
            .iter()
            .map(|m| {
                let n = a
                    .doc
                    .claims
                    .iter()
                    .filter(|c| c.content.start <= m.start && m.end <= c.content.end)
                    .count();
                n.max(1)
            })
            .sum();
        assert_eq!(mentions.len(), pairs, "one row per mention and claim holding it");

        let (header, entities) = table(Table::Entities);
        assert_eq!(entities.len(), a.doc.entities.len());
        let total: usize = entities
            .iter()
            .map(|r| r[at(&header, "mentions")].parse::<usize>().unwrap())
            .sum();
        assert_eq!(total, a.doc.mentions.len());

        if a.text == TRICKY {
            let hama = mentions
                .iter()
                .find(|r| &r[at(&header_of(Table::Mentions), "name")] == "Hama")
                .expect("a row names Hama");
            let h = header_of(Table::Mentions);
            assert!(hama[at(&h, "lat")].starts_with("35."), "{hama:?}");
            assert!(!hama[at(&h, "claim_id")].is_empty(), "Hama lies in a claim: {hama:?}");
        }
    }
}

fn header_of(t: export::csv::Table) -> Vec<String> {
    export::csv::columns(t).into_iter().map(String::from).collect()
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
                            assert!(
                                !piece.contains(['\n', '\t']),
                                "brat fragments never cross a line break or tab"
                            );
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
        let conf = export::brat::annotation_conf();
        for kind in types {
            assert!(conf.lines().any(|l| l == kind), "{kind} declared in annotation.conf");
        }
        let values = |name: &str| -> Vec<String> {
            let line = conf.lines().find(|l| l.starts_with(&format!("{name}\t"))).unwrap();
            line.split("Value:")
                .nth(1)
                .unwrap()
                .split('|')
                .map(String::from)
                .collect()
        };
        for c in &a.doc.claims {
            assert!(values("Stance").contains(&c.cue.stance), "{} declared", c.cue.stance);
            assert!(values("Kind").iter().any(|k| k == c.kind), "{} declared", c.kind);
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
            export::html::foot(&[])
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
            assert!(page.contains(&format!("<tr data-c=\"d0-{}\" data-src=", c.id)));
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
    let pronoun =
        article("The Syrian Observatory for Human Rights said jets struck Idlib.\nIt said ten people died.\n");
    let mut out = Vec::new();
    export::terminal::write(&mut out, &pronoun, false).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains("    source   It → The Syrian Observatory for Human Rights (sohr)\n"),
        "the antecedent is shown:\n{out}"
    );
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
    assert!(schema["oneOf"].as_array().is_some_and(|o| o.len() == 2), "{schema}");
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

#[test]
fn error_records_validate_and_are_told_apart() {
    let validator = jsonschema::validator_for(&json_schema()).unwrap();
    let file = serde_json::json!({"schema_version": 1, "document": {"id": "a", "path": "in/a.txt"}, "error": "in/a.txt: not UTF-8"});
    let line = serde_json::json!({"schema_version": 1, "document": {"id": null, "path": null, "line": 3}, "error": "line 3: bad JSON"});
    for ok in [&file, &line] {
        let errors: Vec<String> = validator.iter_errors(ok).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{ok}: {errors:#?}");
    }
    let mut no_error = file.clone();
    no_error.as_object_mut().unwrap().remove("error");
    assert!(!validator.is_valid(&no_error), "an error record needs its error");
    let mut bad_line = line.clone();
    bad_line["document"]["line"] = "three".into();
    assert!(!validator.is_valid(&bad_line));
}

#[test]
fn html_map_draws_the_region_and_lists_far_places() {
    let a = article("Officials in Moscow said Russian jets struck Idlib and Hama. London said it was concerned.\n");
    let names: Vec<&str> = a
        .doc
        .entities
        .iter()
        .filter(|e| e.is_located_place())
        .map(|e| e.name.as_str())
        .collect();
    assert!(names.contains(&"Moscow") && names.contains(&"Hama"), "{names:?}");
    let html = export::html::article(&a, 0);
    let map = html
        .split("<figure class=\"map\">")
        .nth(1)
        .unwrap()
        .split("</figure>")
        .next()
        .unwrap();
    let (svg, rest) = map.split_once("</svg>").unwrap();
    assert!(svg.contains(">Hama</text>"), "{svg}");
    assert!(
        !svg.contains("Moscow") && !svg.contains("London"),
        "far places are not drawn: {svg}"
    );
    let outside = rest.split("Outside the map:").nth(1).expect("far places listed");
    assert!(outside.contains("Moscow") && outside.contains("London"), "{outside}");
    assert!(
        svg.starts_with("<svg viewBox=\"0 0 320 "),
        "the same extent for every article"
    );
}

#[test]
fn html_corpus_page_has_contents_search_and_filters() {
    let arts = both();
    let toc: Vec<_> = arts
        .iter()
        .enumerate()
        .map(|(n, a)| export::html::TocEntry::new(a, n))
        .collect();
    let foot = export::html::foot(&toc);
    for id in ["f-q", "f-e", "f-s", "f-t"] {
        assert!(foot.contains(&format!("id=\"{id}\"")), "{id}");
    }
    for (n, a) in arts.iter().enumerate() {
        assert!(foot.contains(&format!("<li data-n=\"{n}\"><a href=\"#doc-{n}\">")));
        let section = export::html::article(a, n);
        assert!(section.starts_with(&format!("<section class=\"doc\" id=\"doc-{n}\" data-n=\"{n}\"")));
        for c in &a.doc.claims {
            let stance = format!("data-stance=\"{}\"", c.cue.stance);
            assert!(section.contains(&stance), "{stance}");
            assert!(
                foot.contains(&format!("<option>{}</option>", c.cue.stance)),
                "stance filter offers {}",
                c.cue.stance
            );
        }
    }
    assert!(foot.contains("<option value=\"Hama\">"), "entity suggestions");
    let pronoun =
        article("The Syrian Observatory for Human Rights said jets struck Idlib.\nIt said ten people died.\n");
    let page = export::html::article(&pronoun, 0);
    assert!(
        page.contains(
            "<span class=\"src\">It</span> <span class=\"muted\">→ Syrian Observatory for Human Rights</span>"
        ),
        "the claims table resolves the pronoun"
    );
    assert!(
        !export::html::foot(&[]).contains("id=\"toc\""),
        "a single article has no contents"
    );
}

/// Every export of every article of the fakes-syria-news corpus (when ../shared has it).
#[test]
fn every_export_of_a_real_corpus_reads_back() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/fakes-syria-news/articles");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!("skipped: {} is absent", dir.display());
        return;
    };
    let mut paths: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
    paths.sort();
    let (mut checked, mut claims, mut far) = (0, 0, 0);
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let a = article(&text);
        check_view_matches_the_json(&text, &a);
        check_csv_and_tsv_rows_slice_the_text(&a);
        check_brat_annotations_slice_the_text(&a);
        check_label_studio_regions_slice_the_text(&a);
        check_html_page_is_self_contained_and_its_spans_slice_the_text(&a);
        let page = export::html::article(&a, 0);
        far += usize::from(page.contains("Outside the map:"));
        checked += 1;
        claims += a.doc.claims.len();
    }
    assert!(checked > 700 && claims > 1000, "{checked} articles, {claims} claims");
    assert!(far > 0, "some article names a place outside the region");
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
        check_view_matches_the_json(&text, &a);
        check_csv_and_tsv_rows_slice_the_text(&a);
        check_brat_annotations_slice_the_text(&a);
        check_label_studio_regions_slice_the_text(&a);
        check_html_page_is_self_contained_and_its_spans_slice_the_text(&a);
        let mut out = Vec::new();
        export::terminal::write(&mut out, &a, true).unwrap();
    }
}
