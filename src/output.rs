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
//!                    "entities": [ids], "rule", "confidence", "disputed", "unverified" } ] }
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
//!   `nominal`, `shared_subject`, `follow_up`, `hedge`; see `src/claims/`); `confidence` is in [0, 1];
//!   `disputed` is true when the same or the next sentence contradicts the claim; `unverified`
//!   is true when a verification disclaimer ("could not be independently verified") in the
//!   claim's sentence, or in the next sentence, qualifies it. The disclaimer itself is a
//!   `hedged` claim (rule `hedge`). `cue.stance` is one of assert, accuse, believe, concede,
//!   condemn, confirm, criticize, deny, describe, estimate, evidence, hedge, intend, praise,
//!   predict, question, suggest, threaten, urge, vow, warn.
//! - Sentences, mentions and claims are in text order. Claim ids are `c1`, `c2`, ... in that
//!   order. The same input and gazetteers give byte-identical output.
//!
//! The same format as a JSON Schema: [`json_schema`] (`claimex schema`), derived from the types.
//!
//! Version history: 1, the first.

use crate::gazetteer::{EntityId, Gazetteer};
use crate::span::Span;
use crate::{Claim, Extraction, Mention, Sentence};
use schemars::JsonSchema;
use serde::ser::{SerializeStruct, Serializer};
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
///
/// Serialising streams each list straight from the [`Extraction`]: no per-document vectors of
/// output objects are built, so the memory beyond the extraction itself is the entity table.
#[derive(Debug)]
pub struct Document<'a> {
    text: &'a str,
    x: &'a Extraction,
    gazetteer: &'a Gazetteer,
    meta: &'a DocumentMeta,
    chars: CharIndex<'a>,
    /// Entity id to (entity, mention count), for the sorted `entities` list.
    counts: BTreeMap<&'a str, (EntityId, usize)>,
}

/// The shape [`Document`] serialises to, for [`json_schema`] only (the document itself is
/// streamed by a hand-written `Serialize`; a test validates real output against this).
#[derive(JsonSchema)]
#[schemars(rename = "Document")]
#[allow(dead_code)]
struct DocumentSchema<'a> {
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
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    attributes: Attributes<'a>,
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
    /// A verification disclaimer ("could not be independently verified") qualifies it.
    unverified: bool,
}

/// Builds the serialisable document for `x`, an extraction of `text`.
pub fn document<'a>(
    text: &'a str,
    x: &'a Extraction,
    gazetteer: &'a Gazetteer,
    meta: &'a DocumentMeta,
) -> Document<'a> {
    let id = |e: EntityId| gazetteer.entity(e).id.as_str();
    let mut counts: BTreeMap<&str, (EntityId, usize)> = BTreeMap::new();
    for m in &x.mentions {
        counts.entry(id(m.entity)).or_insert((m.entity, 0)).1 += 1;
    }
    for e in x.claims.iter().filter_map(|c| c.source.as_ref()?.entity) {
        counts.entry(id(e)).or_insert((e, 0));
    }
    Document {
        text,
        x,
        gazetteer,
        meta,
        chars: CharIndex::new(text),
        counts,
    }
}

impl Serialize for Document<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let (text, x, meta) = (self.text, self.x, self.meta);
        let mut out = serializer.serialize_struct("Document", 6)?;
        out.serialize_field("schema_version", &SCHEMA_VERSION)?;
        out.serialize_field(
            "document",
            &DocumentOut {
                id: &meta.id,
                path: meta.path.as_deref(),
                title: x.title.map(|s| s.slice(text)),
                byline: x.byline.map(|s| s.slice(text)),
                chars: self.chars.at(text.len()),
                extra: &meta.extra,
            },
        )?;
        out.serialize_field(
            "sentences",
            &Seq(|| x.sentences.iter().enumerate().map(|(i, s)| self.sentence(i, s))),
        )?;
        out.serialize_field(
            "entities",
            &Seq(|| self.counts.values().map(|&(e, n)| entity(self.gazetteer, e, n))),
        )?;
        out.serialize_field("mentions", &Seq(|| x.mentions.iter().map(|m| self.mention(m))))?;
        out.serialize_field(
            "claims",
            &Seq(|| x.claims.iter().enumerate().map(|(i, c)| self.claim(i, c))),
        )?;
        out.end()
    }
}

impl<'a> Document<'a> {
    fn span(&self, s: Span) -> SpanOut<'a> {
        SpanOut {
            text: s.slice(self.text),
            start: self.chars.at(s.start),
            end: self.chars.at(s.end),
        }
    }

    fn sentence(&self, index: usize, s: &Sentence) -> SentenceOut<'a> {
        let o = self.span(s.span);
        SentenceOut {
            index,
            start: o.start,
            end: o.end,
            text: o.text,
            paragraph: s.paragraph,
            role: s.role.as_str(),
        }
    }

    fn mention(&self, m: &Mention) -> MentionOut<'a> {
        let o = self.span(m.span);
        let e = self.gazetteer.entity(m.entity);
        MentionOut {
            entity: &e.id,
            kind: e.kind.as_str(),
            text: o.text,
            start: o.start,
            end: o.end,
            sentence: m.sentence,
        }
    }

    fn claim(&self, i: usize, c: &'a Claim) -> ClaimOut<'a> {
        let gazetteer = self.gazetteer;
        ClaimOut {
            id: format!("c{}", i + 1),
            kind: c.kind.as_str(),
            sentence: c.sentence,
            source: c.source.as_ref().map(|s| {
                let e = s.entity.map(|e| gazetteer.entity(e));
                SourceOut {
                    span: self.span(s.span),
                    entity: e.map(|e| e.id.as_str()),
                    kind: e.map(|e| e.kind.as_str()),
                    subtype: e.map(|e| e.subtype.as_str()).filter(|s| !s.is_empty()),
                    unnamed: s.unnamed,
                    resolved: s.resolved.as_ref().map(|r| ResolvedOut {
                        span: self.span(r.span),
                        entity: r.entity.map(|e| gazetteer.entity(e).id.as_str()),
                    }),
                }
            }),
            cue: CueOut {
                span: self.span(c.cue.span),
                lemma: &c.cue.lemma,
                stance: c.cue.stance.as_str(),
            },
            content: self.span(c.content),
            entities: c.entities.iter().map(|&e| gazetteer.entity(e).id.as_str()).collect(),
            rule: c.rule.as_str(),
            // Two decimals: an f32 printed as f64 would read 0.8999999761581421.
            confidence: (f64::from(c.confidence) * 100.0).round() / 100.0,
            disputed: c.disputed,
            unverified: c.unverified,
        }
    }
}

/// A list serialised from an iterator, made afresh on each call.
struct Seq<F>(F);

impl<F, I> Serialize for Seq<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}

fn entity(gazetteer: &Gazetteer, e: EntityId, mentions: usize) -> EntityOut<'_> {
    let entity = gazetteer.entity(e);
    EntityOut {
        id: &entity.id,
        name: &entity.name,
        kind: entity.kind.as_str(),
        subtype: &entity.subtype,
        attributes: Attributes(entity.attributes.iter().map(|(c, v)| (*c, v.as_str())).collect()),
        mentions,
    }
}

/// An entity's attributes by column name; `lat`/`lon` are numbers when they parse.
#[derive(Debug)]
struct Attributes<'a>(BTreeMap<&'static str, &'a str>);

impl Serialize for Attributes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.0.iter().map(|(&column, &value)| {
            let number = matches!(column, "lat" | "lon")
                .then(|| value.parse::<f64>().ok().and_then(serde_json::Number::from_f64))
                .flatten();
            (column, number.map_or(Attribute::Text(value), Attribute::Number))
        }))
    }
}

#[derive(Serialize)]
#[serde(untagged)]
enum Attribute<'a> {
    Number(serde_json::Number),
    Text(&'a str),
}

/// The JSON Schema (draft 2020-12) of the serialised [`Document`], generated from the types.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    serde_json::to_value(generator.into_root_schema_for::<DocumentSchema<'static>>()).expect("a schema is JSON")
}

/// Byte offset to code point offset, in O(1) plus a short scan.
#[derive(Debug)]
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
        let (start, offset) = (self.blocks[block], byte - block * BLOCK);
        let block_len = BLOCK.min(self.bytes.len() - block * BLOCK);
        if self.blocks.get(block + 1) == Some(&(start + block_len)) {
            return start + offset; // no continuation byte in the block: one byte, one char
        }
        start
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
        let mixed = "a".repeat(300) + "é" + &"b".repeat(300);
        let idx = CharIndex::new(&mixed);
        for byte in (0..=mixed.len()).filter(|&b| mixed.is_char_boundary(b)) {
            assert_eq!(idx.at(byte), mixed[..byte].chars().count(), "{byte}");
        }
    }
}
