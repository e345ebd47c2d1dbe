//! JSON Lines input records: `{"id": ..., "text": ..., ...}`, one per line.
//!
//! `text` (a string) is required. `id` may be a string or a number; without one, the record's
//! line number is its id. `date` (`YYYY-MM-DD`, or an ISO 8601 timestamp; may be null) is the
//! article date, reported as the output's `document.date`. Every other field passes through into the output's `document`
//! object; the names the output already uses there (`path`, `title`, `byline`, `chars`) are
//! passed through as `input_path`, `input_title`, ... so no key appears twice.

use claimex::decode::decode;
use claimex::output::DocumentMeta;
use claimex::Date;
use serde_json::{Map, Value};

/// A good record: the article text and its `document` metadata.
pub struct Record {
    /// The article (without a leading byte-order mark).
    pub text: String,
    /// Id and passed-through fields.
    pub meta: DocumentMeta,
    /// The record's `date`, if it has one.
    pub date: Option<Date>,
}

/// A bad record: its id if it got that far, and what is wrong.
pub struct BadRecord {
    /// The record's id, when the line was a JSON object with one.
    pub id: Option<String>,
    /// What is wrong, for the error record.
    pub reason: String,
}

/// Parses line `number` (raw bytes, no terminator); `lossy` replaces invalid UTF-8.
pub fn parse(number: usize, line: Vec<u8>, lossy: bool) -> Result<Record, BadRecord> {
    let bad = |id: Option<String>, reason: String| BadRecord { id, reason };
    let line = decode(line, lossy).map_err(|e| bad(None, format!("line {number}: {e}")))?;
    if line.trim().is_empty() {
        return Err(bad(None, format!("line {number}: empty line, expected a JSON object")));
    }
    let mut fields: Map<String, Value> =
        serde_json::from_str(&line).map_err(|e| bad(None, format!("line {number}: not a JSON object: {e}")))?;
    let id = match fields.remove("id") {
        None => number.to_string(),
        Some(Value::String(s)) => s,
        Some(Value::Number(n)) => n.to_string(),
        Some(other) => {
            return Err(bad(
                None,
                format!("line {number}: \"id\" is {other}, not a string or number"),
            ))
        }
    };
    let text = fields.remove("text");
    let (meta, date) =
        DocumentMeta::from_record(id.clone(), fields).map_err(|e| bad(Some(id), format!("line {number}: {e}")))?;
    let text = match text {
        Some(Value::String(s)) => s,
        _ => return Err(bad(Some(meta.id), format!("line {number}: no \"text\" string"))),
    };
    Ok(Record {
        text: text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text),
        meta,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(line: &[u8]) -> String {
        parse(7, line.to_vec(), false).err().unwrap().reason
    }

    #[test]
    fn fields_pass_through_and_reserved_names_are_renamed() {
        let r = parse(
            1,
            br#"{"id": 42, "text": "Hama.", "lang": "en", "title": "T"}"#.to_vec(),
            false,
        )
        .ok();
        let r = r.unwrap();
        assert_eq!((r.text.as_str(), r.meta.id.as_str()), ("Hama.", "42"));
        assert_eq!(
            serde_json::to_string(&r.meta.extra).unwrap(),
            r#"{"input_title":"T","lang":"en"}"#
        );
        let r = parse(3, br#"{"text": "x"}"#.to_vec(), false).ok().unwrap();
        assert_eq!(r.meta.id, "3", "the line number is the default id");
    }

    #[test]
    fn bad_lines_say_why() {
        assert_eq!(reason(b""), "line 7: empty line, expected a JSON object");
        assert!(reason(b"[1]").starts_with("line 7: not a JSON object"));
        assert!(reason(b"{\"id\": \"a\"}").contains("no \"text\" string"));
        assert!(reason(b"{\"text\": \"\xff\"}").contains("invalid byte 0xFF at byte offset 10"));
        assert_eq!(
            reason(br#"{"id": "a", "text": "x", "date": "12/03/2016"}"#),
            "line 7: \"date\": \"12/03/2016\" is not a date of the form YYYY-MM-DD"
        );
        assert_eq!(
            reason(br#"{"text": "x", "date": 2016}"#),
            "line 7: \"date\" is 2016, not a string"
        );
        let dated = parse(1, br#"{"text": "x", "date": "2016-03-12T08:00:00Z"}"#.to_vec(), false)
            .ok()
            .unwrap();
        assert_eq!(dated.date.map(|d| d.to_string()).as_deref(), Some("2016-03-12"));
        assert!(dated.meta.extra.is_empty(), "the date is not passed through twice");
        let lossy = parse(1, b"{\"text\": \"a\xffb\"}".to_vec(), true).ok().unwrap();
        assert_eq!(lossy.text, "a\u{fffd}b");
    }
}
