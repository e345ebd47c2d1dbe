//! The JSON wire format, version [`SCHEMA_VERSION`].
//!
//! One article becomes one object:
//!
//! ```text
//! { "schema_version": 1,
//!   "document":  { "id", "path" (null for stdin), "title", "byline", "chars", ...passed-through fields },
//!   "sentences": [ { "index", "start", "end", "text", "paragraph", "role" } ],
//!   "entities":  [ { "id", "name", "type", "subtype", ...attributes, "mentions" } ],
//!   "mentions":  [ { "entity", "type", "text", "start", "end", "sentence" } ],
//!   "claims":    [ { "id", "kind", "sentence",
//!                    "source": { "text", "start", "end", "entity", "type", "subtype", "unnamed",
//!                                "resolved": { "text", "start", "end", "entity" } | null } | null,
//!                    "cue": { "text", "start", "end", "lemma", "stance" },
//!                    "content": { "text", "start", "end" },
//!                    "entities": [ids], "rule", "confidence", "disputed" } ] }
//! ```
//!
//! - `start`/`end` are **Unicode code point** offsets into the original input, half-open, so
//!   `input[start:end] == text` in Python (and brat, spaCy). UTF-8 byte offsets are not emitted.
//! - `role` is `title`, `heading`, `byline`, `dateline`, `boilerplate` or `body`; claims come from body
//!   sentences only.
//! - Entity attributes (`country`, `admin1`, `admin2`, `lat`, `lon`, `geonames`, `pcode`,
//!   `affiliation`, `period`) appear only when the gazetteer sets them; `lat`/`lon` are numbers.
//!   `entities` lists every entity mentioned or named as a claim source, sorted by id, with its
//!   mention count.
//! - Claims: `kind` is `attributed` (with a `source`) or `hedged` (`source` null). `sentence`
//!   is the sentence of the cue; the cue and source lie in it, and so does the content except
//!   for a direct quote running over several sentences (the content is then the whole quote)
//!   and a quote continuing an attributed one (`quote_continued`: same source and cue, the
//!   content in that sentence or the next). `source.entity`/`type`/`subtype` link a source
//!   inside the gazetteers (e.g. `organization` / `monitor`, `media` / `state_media`);
//!   `source.unnamed` is true for "a security source", "activists", "two officials familiar
//!   with the matter"; `source.resolved` is the earlier source or mention a pronoun or bare
//!   "the ministry" refers to (its `entity` may be null). `entities` are the entities (places
//!   included) mentioned in the content; `rule` names the rule that fired, for auditing
//!   (`source_cue_content`, `source_cue_as`, `source_cue_accuse`, `content_source_cue`,
//!   `content_cue_source`, `according_to`, `quote_source_cue`, `quote_cue_source`,
//!   `source_cue_quote`, `quote_continued`, `passive_by`, `passive_it`, `quoted_as_saying`,
//!   `nominal`, `shared_subject`, `hedge`; see `src/claims/`); `confidence` is in [0, 1];
//!   `disputed` is true when the same or the next sentence contradicts the claim.
//! - Sentences, mentions and claims are in text order. Claim ids are `c1`, `c2`, ... in that
//!   order. The same input and gazetteers give byte-identical output.
//!
//! The same format as a JSON Schema: [`json_schema`] (`claimex schema`), derived from the types.
//!
//! Version history: 1, the first.

use crate::gazetteer::{EntityId, Gazetteer};
use crate::span::Span;
use crate::Extraction;
use schemars::JsonSchema;
use serde::Serialize;
use std::collections::BTreeMap;

/// The version of this format; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

/// Where an article came from, for the `document` object.
#[derive(Clone, Debug, Default)]
pub struct DocumentMeta {
    /// Document id: the file stem, the JSONL record's id, or `stdin`.
    pub id: String,
    /// The path as given, or None for stdin and JSONL records.
    pub path: Option<String>,
    /// Extra fields passed through from a JSONL input record.
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// The serialisable view of one article's extraction.
#[derive(Serialize, JsonSchema, Debug)]
pub struct Document<'a> {
    schema_version: u32,
    document: DocumentOut<'a>,
    sentences: Vec<SentenceOut<'a>>,
    entities: Vec<EntityOut<'a>>,
    mentions: Vec<MentionOut<'a>>,
    claims: Vec<ClaimOut<'a>>,
}

#[derive(Serialize, JsonSchema, Debug)]
struct DocumentOut<'a> {
    id: &'a str,
    path: Option<&'a str>,
    title: Option<&'a str>,
    byline: Option<&'a str>,
    chars: usize,
    #[serde(flatten)]
    extra: &'a serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize, JsonSchema, Debug)]
struct SentenceOut<'a> {
    index: usize,
    start: usize,
    end: usize,
    text: &'a str,
    paragraph: usize,
    role: &'static str,
}

#[derive(Serialize, JsonSchema, Debug)]
struct EntityOut<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    subtype: &'a str,
    #[serde(flatten)]
    attributes: BTreeMap<&'static str, serde_json::Value>,
    mentions: usize,
}

#[derive(Serialize, JsonSchema, Debug)]
struct MentionOut<'a> {
    entity: &'a str,
    #[serde(rename = "type")]
    kind: &'static str,
    text: &'a str,
    start: usize,
    end: usize,
    sentence: usize,
}

#[derive(Serialize, JsonSchema, Debug)]
struct SpanOut<'a> {
    text: &'a str,
    start: usize,
    end: usize,
}

#[derive(Serialize, JsonSchema, Debug)]
struct SourceOut<'a> {
    #[serde(flatten)]
    span: SpanOut<'a>,
    entity: Option<&'a str>,
    #[serde(rename = "type")]
    kind: Option<&'static str>,
    subtype: Option<&'a str>,
    unnamed: bool,
    resolved: Option<ResolvedOut<'a>>,
}

#[derive(Serialize, JsonSchema, Debug)]
struct ResolvedOut<'a> {
    #[serde(flatten)]
    span: SpanOut<'a>,
    entity: Option<&'a str>,
}

#[derive(Serialize, JsonSchema, Debug)]
struct CueOut<'a> {
    #[serde(flatten)]
    span: SpanOut<'a>,
    lemma: &'a str,
    stance: &'a str,
}

#[derive(Serialize, JsonSchema, Debug)]
struct ClaimOut<'a> {
    id: String,
    kind: &'static str,
    sentence: usize,
    source: Option<SourceOut<'a>>,
    cue: CueOut<'a>,
    content: SpanOut<'a>,
    entities: Vec<&'a str>,
    rule: &'static str,
    confidence: f64,
    disputed: bool,
}

/// Builds the serialisable document for `x`, an extraction of `text`.
pub fn document<'a>(
    text: &'a str,
    x: &'a Extraction,
    gazetteer: &'a Gazetteer,
    meta: &'a DocumentMeta,
) -> Document<'a> {
    let chars = CharIndex::new(text);
    let span = |s: Span| SpanOut {
        text: s.slice(text),
        start: chars.at(s.start),
        end: chars.at(s.end),
    };
    let id = |e: EntityId| gazetteer.entity(e).id.as_str();
    let mut counts: BTreeMap<&str, (EntityId, usize)> = BTreeMap::new();
    for m in &x.mentions {
        counts.entry(id(m.entity)).or_insert((m.entity, 0)).1 += 1;
    }
    let sources = x.claims.iter().filter_map(|c| c.source.as_ref());
    for e in sources
        .flat_map(|s| [s.entity, s.resolved.as_ref().and_then(|r| r.entity)])
        .flatten()
    {
        counts.entry(id(e)).or_insert((e, 0));
    }
    Document {
        schema_version: SCHEMA_VERSION,
        document: DocumentOut {
            id: &meta.id,
            path: meta.path.as_deref(),
            title: x.title.map(|s| s.slice(text)),
            byline: x.byline.map(|s| s.slice(text)),
            chars: chars.at(text.len()),
            extra: &meta.extra,
        },
        sentences: x
            .sentences
            .iter()
            .enumerate()
            .map(|(index, s)| {
                let o = span(s.span);
                SentenceOut {
                    index,
                    start: o.start,
                    end: o.end,
                    text: o.text,
                    paragraph: s.paragraph,
                    role: s.role.as_str(),
                }
            })
            .collect(),
        entities: counts.values().map(|&(e, n)| entity(gazetteer, e, n)).collect(),
        mentions: x
            .mentions
            .iter()
            .map(|m| {
                let o = span(m.span);
                let e = gazetteer.entity(m.entity);
                MentionOut {
                    entity: &e.id,
                    kind: e.kind.as_str(),
                    text: o.text,
                    start: o.start,
                    end: o.end,
                    sentence: m.sentence,
                }
            })
            .collect(),
        claims: x
            .claims
            .iter()
            .enumerate()
            .map(|(i, c)| ClaimOut {
                id: format!("c{}", i + 1),
                kind: c.kind.as_str(),
                sentence: c.sentence,
                source: c.source.as_ref().map(|s| {
                    let e = s.entity.map(|e| gazetteer.entity(e));
                    SourceOut {
                        span: span(s.span),
                        entity: e.map(|e| e.id.as_str()),
                        kind: e.map(|e| e.kind.as_str()),
                        subtype: e.map(|e| e.subtype.as_str()).filter(|s| !s.is_empty()),
                        unnamed: s.unnamed,
                        resolved: s.resolved.as_ref().map(|r| ResolvedOut {
                            span: span(r.span),
                            entity: r.entity.map(id),
                        }),
                    }
                }),
                cue: CueOut {
                    span: span(c.cue.span),
                    lemma: &c.cue.lemma,
                    stance: &c.cue.stance,
                },
                content: span(c.content),
                entities: c.entities.iter().map(|&e| id(e)).collect(),
                rule: c.rule,
                // Two decimals: an f32 printed as f64 would read 0.8999999761581421.
                confidence: (f64::from(c.confidence) * 100.0).round() / 100.0,
                disputed: c.disputed,
            })
            .collect(),
    }
}

fn entity(gazetteer: &Gazetteer, e: EntityId, mentions: usize) -> EntityOut<'_> {
    let entity = gazetteer.entity(e);
    let attributes = entity
        .attributes
        .iter()
        .map(|(column, value)| {
            let v = match *column {
                "lat" | "lon" => value
                    .parse::<f64>()
                    .ok()
                    .and_then(serde_json::Number::from_f64)
                    .map(serde_json::Value::Number),
                _ => None,
            };
            (*column, v.unwrap_or_else(|| serde_json::Value::String(value.clone())))
        })
        .collect();
    EntityOut {
        id: &entity.id,
        name: &entity.name,
        kind: entity.kind.as_str(),
        subtype: &entity.subtype,
        attributes,
        mentions,
    }
}

/// The JSON Schema (draft 2020-12) of [`Document`] as serialised, generated from the types
/// above so it cannot drift.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    serde_json::to_value(generator.into_root_schema_for::<Document<'static>>()).expect("a schema is JSON")
}

/// Byte offset to code point offset, in O(1) plus a short scan.
struct CharIndex<'a> {
    bytes: &'a [u8],
    /// Code points before each 256-byte block.
    blocks: Vec<usize>,
}

const BLOCK: usize = 256;

impl<'a> CharIndex<'a> {
    fn new(text: &'a str) -> CharIndex<'a> {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 1);
        let mut count = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            count += chunk.iter().filter(|&&b| !is_continuation(b)).count();
        }
        blocks.push(count);
        CharIndex { bytes, blocks }
    }

    fn at(&self, byte: usize) -> usize {
        let block = byte / BLOCK;
        self.blocks[block]
            + self.bytes[block * BLOCK..byte]
                .iter()
                .filter(|&&b| !is_continuation(b))
                .count()
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "é".repeat(300) + "Hama";
        let idx = CharIndex::new(&text);
        assert_eq!(idx.at(0), 0);
        assert_eq!(idx.at(600), 300);
        assert_eq!(idx.at(text.len()), 304);
    }
}
