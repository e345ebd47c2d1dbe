//! The article date through the CLI: `--date`, a JSON Lines `date`, the date in the article's
//! head, and none; each reported as `document.date` and choosing "government forces" by period.

#[allow(dead_code)] // the seed article is for the other CLI tests
mod common;

use common::claimex;
use serde_json::Value;

/// The `document.date` and the entity of the "government forces" mention of one output line.
fn date_and_forces(line: &str) -> (Value, String) {
    let doc: Value = serde_json::from_str(line).unwrap();
    let forces = doc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["text"] == "government forces")
        .map(|m| m["entity"].as_str().unwrap().to_string())
        .unwrap_or_default();
    (doc["document"]["date"].clone(), forces)
}

const BODY: &str = "Clashes\n\nThe government forces entered the town.\n";

#[test]
fn the_flag_chooses_the_period() {
    let out = claimex(&["extract", "--date", "2025-02-01"], BODY.as_bytes());
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let (date, forces) = date_and_forces(&String::from_utf8(out.stdout).unwrap());
    assert_eq!((date, forces.as_str()), (Value::from("2025-02-01"), "new_syrian_army"));

    let out = claimex(&["extract"], BODY.as_bytes());
    let (date, forces) = date_and_forces(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        (date, forces.as_str()),
        (Value::Null, "saa"),
        "without a date, as before"
    );

    let dated = "Clashes\n\nSat Mar 12 2016 The government forces entered the town.\n";
    let out = claimex(&["extract", "-"], dated.as_bytes());
    let (date, forces) = date_and_forces(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(
        (date, forces.as_str()),
        (Value::from("2016-03-12"), "saa"),
        "the head's date"
    );
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    // No input: the usage error comes before stdin is read, so writing it could break the pipe.
    let out = claimex(&["extract", "--date", "12/03/2016"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is not a date of the form YYYY-MM-DD"));
}

#[test]
fn json_lines_records_carry_their_own_date() {
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "a", "text": BODY, "date": "2025-06-30"}),
        serde_json::json!({"id": "b", "text": BODY}),
        serde_json::json!({"id": "c", "text": BODY, "date": "soon"}),
    );
    let out = claimex(
        &["batch", "--input", "jsonl", "-q", "-j", "1", "--date", "2013-01-01"],
        input.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(1), "one bad record");
    let lines: Vec<&str> = std::str::from_utf8(&out.stdout).unwrap().lines().collect();
    assert_eq!(
        date_and_forces(lines[0]),
        (Value::from("2025-06-30"), "new_syrian_army".into())
    );
    assert_eq!(
        date_and_forces(lines[1]),
        (Value::from("2013-01-01"), "saa".into()),
        "--date fills in"
    );
    let bad: Value = serde_json::from_str(lines[2]).unwrap();
    assert!(bad["error"].as_str().unwrap().contains("\"date\""), "{bad}");
}
