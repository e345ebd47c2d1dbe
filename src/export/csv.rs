//! One row per claim, as CSV or TSV, with ACLED-like column names where they fit.
//!
//! Columns ([`COLUMNS`]): the document and claim ids, the sentence, the source (text, entity,
//! type), the cue and its stance, the content, then the places the content mentions (`location`,
//! `admin1`, `admin2`, `latitude`, `longitude`, `geonames`: `; `-separated, one item per place,
//! in the same order in every column) and the other entities (`actors`). The `*_start`/`*_end`
//! columns are code point offsets into the original text, as in the JSON. Quoting follows
//! RFC 4180 (the `csv` crate), for TSV too, so fields may hold tabs and newlines.

use super::{Article, Claim, Entity};
use std::io::Write;

/// The header row.
pub const COLUMNS: [&str; 25] = [
    "doc_id",
    "claim_id",
    "kind",
    "sentence",
    "sentence_text",
    "source",
    "source_entity",
    "source_type",
    "source_start",
    "source_end",
    "cue",
    "cue_lemma",
    "stance",
    "cue_start",
    "cue_end",
    "content",
    "content_start",
    "content_end",
    "location",
    "admin1",
    "admin2",
    "latitude",
    "longitude",
    "geonames",
    "actors",
];

/// Writes the header row.
pub fn header(out: &mut dyn Write, delimiter: u8) -> ::csv::Result<()> {
    let mut w = writer(out, delimiter);
    w.write_record(COLUMNS)?;
    w.flush()?;
    Ok(())
}

/// Writes one row per claim of `article`.
pub fn rows(out: &mut dyn Write, article: &Article, delimiter: u8) -> ::csv::Result<()> {
    let mut w = writer(out, delimiter);
    for c in &article.doc.claims {
        w.write_record(row(article, c))?;
    }
    w.flush()?;
    Ok(())
}

fn writer(out: &mut dyn Write, delimiter: u8) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new().delimiter(delimiter).from_writer(out)
}

fn row(article: &Article, c: &Claim) -> [String; COLUMNS.len()] {
    let places: Vec<_> = article.claim_places(c).collect();
    let each = |f: &dyn Fn(&Entity) -> String| places.iter().map(|e| f(e)).collect::<Vec<_>>().join("; ");
    let latlon = |i: usize| each(&|e| e.lat_lon().map_or(String::new(), |ll| [ll.0, ll.1][i].to_string()));
    let src = c.source.as_ref();
    let num = |n: Option<usize>| n.map_or(String::new(), |n| n.to_string());
    [
        article.doc.document.id.clone(),
        c.id.clone(),
        c.kind.clone(),
        c.sentence.to_string(),
        article.doc.sentences[c.sentence].text.clone(),
        src.map_or(String::new(), |s| s.span.text.clone()),
        src.and_then(|s| s.entity.clone()).unwrap_or_default(),
        src.and_then(|s| s.kind.clone()).unwrap_or_default(),
        num(src.map(|s| s.span.start)),
        num(src.map(|s| s.span.end)),
        c.cue.span.text.clone(),
        c.cue.lemma.clone(),
        c.cue.stance.clone(),
        c.cue.span.start.to_string(),
        c.cue.span.end.to_string(),
        c.content.text.clone(),
        c.content.start.to_string(),
        c.content.end.to_string(),
        each(&|e| e.name.clone()),
        each(&|e| e.attr("admin1").unwrap_or_default()),
        each(&|e| e.attr("admin2").unwrap_or_default()),
        latlon(0),
        latlon(1),
        each(&|e| e.attr("geonames").unwrap_or_default()),
        article
            .claim_actors(c)
            .map(|e| e.name.as_str())
            .collect::<Vec<_>>()
            .join("; "),
    ]
}
