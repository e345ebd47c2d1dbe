//! Three tables, as CSV or TSV, one typed value per cell, for pandas, R or a spreadsheet.
//!
//! - [`Table::Claims`]: one row per claim: ids, `kind`, `rule`, `confidence`, `disputed`, `unverified`,
//!   `nested_in` (the id of the claim whose content holds it, empty for none), the
//!   sentence, the source (text, offsets, entity, type, subtype, `source_unnamed`, the
//!   `resolved_*` antecedent of a pronoun, and `source_name`: the entity's canonical name, else
//!   the antecedent's text, else the source text), the cue (lemma, stance) and the content.
//! - [`Table::Mentions`]: one row per gazetteer mention **per claim whose content contains it**,
//!   or one row with an empty `claim_id` when no claim's content does; with the entity's name,
//!   type and attributes, `lat`/`lon` as plain numbers (set for places only). An article
//!   without claims still has its mentions here. `mention_id` (`m1`, ...) is unique per
//!   article; drop duplicates on `(doc_id, mention_id)` to count mentions once.
//! - [`Table::Entities`]: one row per entity of an article, with its mention count and
//!   attributes.
//!
//! Why not one row per claim with the places packed into cells ("33.51; 32.61")? Packed cells
//! read as strings. The claims table keeps one row per claim; the places (and actors) of a
//! claim come from joining the mentions table on `(doc_id, claim_id)`:
//! `claims.merge(mentions[mentions.type == "place"], on=["doc_id", "claim_id"])`.
//!
//! Booleans are `true`/`false`; numbers are plain; an absent value is an empty cell. The
//! `*_start`/`*_end` columns are code point offsets into the original text, as in the JSON.
//! Quoting follows RFC 4180 (the `csv` crate), for TSV too, so fields may hold tabs and
//! newlines. Each table is linear in the article (the mention-in-claim join is a sweep).

use super::{Article, Claim, Entity, Mention};
use crate::gazetteer::ATTRIBUTE_COLUMNS;
use std::io::Write;

/// Which table to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Table {
    /// One row per claim.
    #[default]
    Claims,
    /// One row per mention and claim containing it.
    Mentions,
    /// One row per entity per article.
    Entities,
}

const CLAIMS: [&str; 33] = [
    "doc_id",
    "claim_id",
    "kind",
    "rule",
    "confidence",
    "disputed",
    "unverified",
    "nested_in",
    "sentence",
    "sentence_text",
    "source",
    "source_start",
    "source_end",
    "source_entity",
    "source_type",
    "source_subtype",
    "source_unnamed",
    "resolved_source",
    "resolved_start",
    "resolved_end",
    "resolved_entity",
    "source_name",
    "cue",
    "cue_lemma",
    "stance",
    "cue_start",
    "cue_end",
    "content",
    "content_start",
    "content_end",
    "places",
    "entities",
    "sentence_role",
];

const MENTIONS: [&str; 11] = [
    "doc_id",
    "mention_id",
    "claim_id",
    "entity",
    "name",
    "type",
    "subtype",
    "text",
    "start",
    "end",
    "sentence",
];

const ENTITIES: [&str; 6] = ["doc_id", "entity", "name", "type", "subtype", "mentions"];

/// The header row of `table`: for mentions and entities, the gazetteer's attribute columns
/// (`country`, `admin1`, `admin2`, `lat`, `lon`, `geonames`, ...) follow the fixed ones.
pub fn columns(table: Table) -> Vec<&'static str> {
    match table {
        Table::Claims => CLAIMS.to_vec(),
        Table::Mentions => MENTIONS.iter().chain(&ATTRIBUTE_COLUMNS).copied().collect(),
        Table::Entities => ENTITIES.iter().chain(&ATTRIBUTE_COLUMNS).copied().collect(),
    }
}

/// Writes the header row.
pub fn header(out: &mut dyn Write, table: Table, delimiter: u8) -> ::csv::Result<()> {
    let mut w = writer(out, delimiter);
    w.write_record(columns(table))?;
    w.flush()?;
    Ok(())
}

/// Writes the rows of `table` for `article`.
pub fn rows(out: &mut dyn Write, article: &Article, table: Table, delimiter: u8) -> ::csv::Result<()> {
    let mut w = writer(out, delimiter);
    match table {
        Table::Claims => {
            for c in &article.doc.claims {
                w.write_record(claim_row(article, c))?;
            }
        }
        Table::Mentions => {
            for (i, m, claim) in mentions_in_claims(article) {
                w.write_record(mention_row(article, i, m, claim))?;
            }
        }
        Table::Entities => {
            for e in &article.doc.entities {
                let fixed = [&article.doc.document.id, &e.id, &e.name, e.kind, &e.subtype];
                let mut row: Vec<String> = fixed.iter().map(|s| s.to_string()).collect();
                row.push(e.mentions.to_string());
                row.extend(attributes(e));
                w.write_record(row)?;
            }
        }
    }
    w.flush()?;
    Ok(())
}

fn writer(out: &mut dyn Write, delimiter: u8) -> ::csv::Writer<&mut dyn Write> {
    ::csv::WriterBuilder::new().delimiter(delimiter).from_writer(out)
}

fn claim_row(article: &Article, c: &Claim) -> [String; CLAIMS.len()] {
    let src = c.source.as_ref();
    let resolved = src.and_then(|s| s.resolved.as_ref());
    let num = |n: Option<usize>| n.map_or(String::new(), |n| n.to_string());
    let text = |s: Option<&String>| s.cloned().unwrap_or_default();
    [
        article.doc.document.id.clone(),
        c.id.clone(),
        c.kind.into(),
        c.rule.into(),
        c.confidence.to_string(),
        c.disputed.to_string(),
        c.unverified.to_string(),
        text(c.nested_in.as_ref()),
        c.sentence.to_string(),
        {
            let s = &article.doc.sentences[c.sentence];
            article.slice(s.start, s.end).to_owned()
        },
        text(src.map(|s| &s.span.text)),
        num(src.map(|s| s.span.start)),
        num(src.map(|s| s.span.end)),
        text(src.and_then(|s| s.entity.as_ref())),
        src.and_then(|s| s.kind).unwrap_or_default().into(),
        text(src.and_then(|s| s.subtype.as_ref())),
        src.map_or(String::new(), |s| s.unnamed.to_string()),
        text(resolved.map(|r| &r.span.text)),
        num(resolved.map(|r| r.span.start)),
        num(resolved.map(|r| r.span.end)),
        text(resolved.and_then(|r| r.entity.as_ref())),
        article.source_name(c).unwrap_or_default().to_owned(),
        c.cue.span.text.clone(),
        c.cue.lemma.clone(),
        c.cue.stance.clone(),
        c.cue.span.start.to_string(),
        c.cue.span.end.to_string(),
        c.content.text.clone(),
        c.content.start.to_string(),
        c.content.end.to_string(),
        article.claim_places(c).count().to_string(),
        c.entities.len().to_string(),
        article.doc.sentences[c.sentence].role.into(),
    ]
}

fn mention_row(article: &Article, i: usize, m: &Mention, claim: Option<&Claim>) -> Vec<String> {
    let e = article.entity(&m.entity);
    let mut row = vec![
        article.doc.document.id.clone(),
        format!("m{}", i + 1),
        claim.map_or(String::new(), |c| c.id.clone()),
        m.entity.clone(),
        e.map_or(String::new(), |e| e.name.clone()),
        m.kind.into(),
        e.map_or(String::new(), |e| e.subtype.clone()),
        m.text.clone(),
        m.start.to_string(),
        m.end.to_string(),
        m.sentence.to_string(),
    ];
    match e {
        Some(e) => row.extend(attributes(e)),
        None => row.extend(ATTRIBUTE_COLUMNS.iter().map(|_| String::new())),
    }
    row
}

/// The attribute cells of `e`, in [`ATTRIBUTE_COLUMNS`] order; `lat`/`lon` only for a place
/// with both as numbers, so the columns parse as floats.
fn attributes(e: &Entity) -> impl Iterator<Item = String> + '_ {
    let ll = e.lat_lon().filter(|_| e.is_located_place());
    ATTRIBUTE_COLUMNS.iter().map(move |&column| match column {
        "lat" => ll.map_or(String::new(), |ll| ll.0.to_string()),
        "lon" => ll.map_or(String::new(), |ll| ll.1.to_string()),
        _ => e.attr(column).unwrap_or_default().to_owned(),
    })
}

/// Each mention (with its index) paired with each claim whose content contains it, or with
/// `None` when none does, in mention order: a sweep over the claims sorted by content start,
/// keeping the contents still open (contents are sentence-sized, so few are open at once).
fn mentions_in_claims(article: &Article) -> Vec<(usize, &Mention, Option<&Claim>)> {
    let claims = &article.doc.claims;
    let mut by_start: Vec<&Claim> = claims.iter().collect();
    by_start.sort_by_key(|c| (c.content.start, c.content.end));
    let mut next = 0;
    let mut open: Vec<&Claim> = Vec::new();
    let mut out = Vec::with_capacity(article.doc.mentions.len());
    for (i, m) in article.doc.mentions.iter().enumerate() {
        while next < by_start.len() && by_start[next].content.start <= m.start {
            open.push(by_start[next]);
            next += 1;
        }
        open.retain(|c| c.content.end > m.start);
        let before = out.len();
        let mut containing: Vec<&Claim> = open.iter().copied().filter(|c| m.end <= c.content.end).collect();
        containing.sort_by_key(|c| claim_number(&c.id));
        out.extend(containing.into_iter().map(|c| (i, m, Some(c))));
        if out.len() == before {
            out.push((i, m, None));
        }
    }
    out
}

/// `c12` -> 12, so claims sort in id order.
fn claim_number(id: &str) -> usize {
    id.trim_start_matches('c').parse().unwrap_or(usize::MAX)
}
