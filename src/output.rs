//! The JSON wire format, version [`SCHEMA_VERSION`].
//!
//! One article becomes one object:
//!
//! ```text
//! { "schema_version": 1,
//!   "document":  { "id", "path" (null for stdin), "title", "byline", "date", "chars", ...passed-through fields },
//!   "sentences": [ { "index", "start", "end", "text", "paragraph", "role" } ],
//!   "entities":  [ { "id", "name", "type", "subtype", ...attributes, "mentions" } ],
//!   "mentions":  [ { "entity", "type", "text", "start", "end", "sentence" } ],
//!   "claims":    [ { "id", "kind", "sentence",
//!                    "source": { "text", "start", "end", "entity", "type", "subtype", "unnamed",
//!                                "resolved": { "text", "start", "end", "entity" } | null } | null,
//!                    "cue": { "text", "start", "end", "lemma", "stance" },
//!                    "content": { "text", "start", "end" },
//!                    "entities": [ids], "rule", "confidence", "disputed", "unverified",
//!                    "nested_in" } ] }
//! ```
//!
//! - `start`/`end` are **Unicode code point** offsets into the original input, half-open, so
//!   `input[start:end] == text` in Python (and brat, spaCy). UTF-8 byte offsets are not emitted.
//! - `document.date` is the article date (`YYYY-MM-DD`) that chose among entities sharing an
//!   alias by their `period`: the caller's (`--date`, a JSON Lines `date` field) or the first full
//!   date in the article's head; null when there is none, and then the entity with the highest
//!   priority wins ("government forces" is the Assad-era army).
//! - `role` is `title`, `heading`, `byline`, `dateline`, `boilerplate` or `body`; claims come from body
//!   sentences only.
//! - Entity attributes (`country`, `admin1`, `admin2`, `lat`, `lon`, `geonames`, `pcode`,
//!   `affiliation`, `period`) appear only when the gazetteer sets them; `lat`/`lon` are numbers.
//!   `entities` lists every entity mentioned or named as a claim source, sorted by id, with its
//!   mention count.
//! - Claims: `kind` is `attributed` (with a `source`) or `hedged` (`source` null). `sentence`
//!   is the sentence of the cue; the cue and source lie in it, and so does the content except
//!   for a direct quote running over several sentences (the content is then the whole quote)
//!   and a quote interrupted by its attribution (`quote_continued`: “A,” he said. “B.” is one
//!   claim whose content runs from A over the attribution to B, which may open the next
//!   sentence of the paragraph). `source.entity`/`type`/`subtype` link a source inside the
//!   gazetteers (e.g. `organization` / `monitor`, `media` / `state_media`);
//!   `source.unnamed` is true for "a security source", "activists", "two officials familiar
//!   with the matter"; `source.resolved` is the earlier source or mention a pronoun or bare
//!   "the ministry" refers to (its `entity` may be null). `entities` are the entities (places
//!   included) mentioned in the content; `rule` names the rule that fired, for auditing
//!   (`source_cue_content`, `source_cue_as`, `source_cue_accuse`, `content_source_cue`,
//!   `content_cue_source`, `according_to`, `quote_source_cue`, `quote_cue_source`,
//!   `source_cue_quote`, `quote_continued`, `passive_by`, `passive_it`, `quoted_as_saying`,
//!   `nominal`, `shared_subject`, `follow_up`, `hedge`, `speaker_tag` (an interview turn,
//!   "TAPPER: ...": its content is the rest of the line; with the PolNeAR profile also a
//!   "NAME: ..." lead-in); see `src/claims/`); `confidence` is in [0, 1];
//!   `disputed` is true when the same or the next sentence contradicts the claim; `unverified`
//!   is true when a verification disclaimer ("could not be independently verified") in the
//!   claim's sentence, or in the next sentence, qualifies it. The disclaimer itself is a
//!   `hedged` claim (rule `hedge`). `nested_in` is the id of the innermost claim of the same
//!   sentence whose content holds this claim's cue and source ("The council said [it thinks
//!   X]", "[Damascus condemned the strikes], SANA reported"), null for a claim the article makes
//!   itself; keep the claims with `nested_in` null for what the article's sources say directly. `cue.stance` is one of assert, accuse, believe, concede,
//!   condemn, confirm, criticize, deny, describe, estimate, evidence, hedge, intend, praise,
//!   predict, question, suggest, threaten, urge, vow, warn.
//! - Sentences, mentions and claims are in text order. Claim ids are `c1`, `c2`, ... in that
//!   order. The same input and gazetteers give byte-identical output.
//!
//! An input `batch` cannot read or extract becomes an error record instead:
//! `{ "schema_version", "document": { "id", "path", "line"? }, "error" }`.
//!
//! The same format as a JSON Schema: [`json_schema`] (`claimex schema`), derived from the types:
//! `oneOf` a document or an error record.
//!
//! Version history: 1, the first.

mod json;

use crate::fold::{HIGH, ONES};
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

/// The names the output's `document` object already uses: a JSON Lines field of the same
/// name passes through as `input_<name>`, so no key appears twice.
const RESERVED: [&str; 4] = ["path", "title", "byline", "chars"];

impl DocumentMeta {
    /// The metadata of a JSON Lines input record (`claimex batch --input jsonl`, the Python
    /// package) from its fields other than `id` and `text`: `date` (`YYYY-MM-DD` or an ISO 8601
    /// timestamp; may be null) is the article date, returned apart and reported as
    /// `document.date`; every other field passes through, `path`, `title`, `byline` and `chars`
    /// as `input_path`, ... The error says what is wrong with `date`.
    pub fn from_record(
        id: String,
        mut fields: serde_json::Map<String, serde_json::Value>,
    ) -> Result<(DocumentMeta, Option<crate::Date>), String> {
        use serde_json::Value;
        let date = match fields.remove("date") {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) => Some(s.parse::<crate::Date>().map_err(|e| format!("\"date\": {e}"))?),
            Some(other) => return Err(format!("\"date\" is {other}, not a string")),
        };
        let extra = fields
            .into_iter()
            .map(|(k, v)| match RESERVED.contains(&k.as_str()) {
                true => (format!("input_{k}"), v),
                false => (k, v),
            })
            .collect();
        Ok((DocumentMeta { id, path: None, extra }, date))
    }
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
    pub(crate) chars: CharIndex,
    /// Each entity mentioned or named as a source, with its mention count, sorted by id: the
    /// `entities` list.
    counts: Vec<(EntityId, usize)>,
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
pub(crate) struct DocumentOut<'a> {
    pub(crate) id: &'a str,
    pub(crate) path: Option<&'a str>,
    pub(crate) title: Option<&'a str>,
    pub(crate) byline: Option<&'a str>,
    /// The article date used to choose among entities by `period` (`YYYY-MM-DD`), or null.
    pub(crate) date: Option<String>,
    pub(crate) chars: usize,
    #[serde(flatten)]
    pub(crate) extra: &'a serde_json::Map<String, serde_json::Value>,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct SentenceOut<'a> {
    pub(crate) index: usize,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) text: &'a str,
    pub(crate) paragraph: usize,
    pub(crate) role: &'static str,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct EntityOut<'a> {
    pub(crate) id: &'a str,
    pub(crate) name: &'a str,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub(crate) subtype: &'a str,
    #[serde(flatten)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub(crate) attributes: Attributes<'a>,
    pub(crate) mentions: usize,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct MentionOut<'a> {
    pub(crate) entity: &'a str,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) sentence: usize,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct SpanOut<'a> {
    pub(crate) text: &'a str,
    pub(crate) start: usize,
    pub(crate) end: usize,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct SourceOut<'a> {
    #[serde(flatten)]
    pub(crate) span: SpanOut<'a>,
    pub(crate) entity: Option<&'a str>,
    #[serde(rename = "type")]
    pub(crate) kind: Option<&'static str>,
    pub(crate) subtype: Option<&'a str>,
    pub(crate) unnamed: bool,
    pub(crate) resolved: Option<ResolvedOut<'a>>,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct ResolvedOut<'a> {
    #[serde(flatten)]
    pub(crate) span: SpanOut<'a>,
    pub(crate) entity: Option<&'a str>,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct CueOut<'a> {
    #[serde(flatten)]
    pub(crate) span: SpanOut<'a>,
    pub(crate) lemma: &'a str,
    pub(crate) stance: &'a str,
}

#[derive(Serialize, JsonSchema, Debug)]
pub(crate) struct ClaimOut<'a> {
    #[schemars(with = "String")]
    pub(crate) id: ClaimId,
    pub(crate) kind: &'static str,
    pub(crate) sentence: usize,
    pub(crate) source: Option<SourceOut<'a>>,
    pub(crate) cue: CueOut<'a>,
    pub(crate) content: SpanOut<'a>,
    #[schemars(with = "Vec<String>")]
    pub(crate) entities: EntityIds<'a>,
    pub(crate) rule: &'static str,
    pub(crate) confidence: f64,
    pub(crate) disputed: bool,
    /// A verification disclaimer ("could not be independently verified") qualifies it.
    pub(crate) unverified: bool,
    /// The id of the claim whose content holds this one, if any.
    #[schemars(with = "Option<String>")]
    pub(crate) nested_in: Option<ClaimId>,
}

/// The id of the claim at index `k` (`ClaimId(k)`): `c1`, `c2`, ... A number until it is
/// written, so building a claim's output allocates nothing for it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct ClaimId(pub(crate) usize);

impl std::fmt::Display for ClaimId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "c{}", self.0 + 1)
    }
}

impl Serialize for ClaimId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// The gazetteer ids of a claim's entities, looked up as they are read (no list is built).
#[derive(Clone, Copy, Debug)]
pub(crate) struct EntityIds<'a> {
    entities: &'a [EntityId],
    gazetteer: &'a Gazetteer,
}

impl<'a> EntityIds<'a> {
    pub(crate) fn iter(&self) -> impl ExactSizeIterator<Item = &'a str> + 'a {
        let gazetteer = self.gazetteer;
        self.entities.iter().map(move |&e| &*gazetteer.entity(e).id)
    }
}

impl Serialize for EntityIds<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Builds the serialisable document for `x`, an extraction of `text`.
pub fn document<'a>(
    text: &'a str,
    x: &'a Extraction,
    gazetteer: &'a Gazetteer,
    meta: &'a DocumentMeta,
) -> Document<'a> {
    // Counted by entity number, then the few distinct entities sorted by their ids (ids are
    // unique): a string-keyed map compared ids for every mention.
    let mut counts: Vec<(EntityId, usize)> = (x.mentions.iter().map(|m| (m.entity, 1)))
        .chain(x.claims.iter().filter_map(|c| Some((c.source.as_ref()?.entity?, 0))))
        .collect();
    // By entity number alone: the counts of equal numbers add up in any order.
    counts.sort_unstable_by_key(|c| c.0);
    counts.dedup_by(|later, kept| {
        let same = later.0 == kept.0;
        kept.1 += if same { later.1 } else { 0 };
        same
    });
    // Each id looked up once, not twice per comparison.
    let mut by_id: Vec<(&str, EntityId, usize)> =
        counts.iter().map(|&(e, n)| (&*gazetteer.entity(e).id, e, n)).collect();
    by_id.sort_unstable_by_key(|c| c.0);
    counts.clear();
    counts.extend(by_id.iter().map(|&(_, e, n)| (e, n)));
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
        let mut out = serializer.serialize_struct("Document", 6)?;
        out.serialize_field("schema_version", &SCHEMA_VERSION)?;
        out.serialize_field("document", &self.info())?;
        out.serialize_field("sentences", &Seq(|| self.sentences()))?;
        out.serialize_field("entities", &Seq(|| self.entities()))?;
        out.serialize_field("mentions", &Seq(|| self.mentions()))?;
        out.serialize_field("claims", &Seq(|| self.claims()))?;
        out.end()
    }
}

/// Each part of the document as the typed output objects: what the JSON serialises and what
/// [`crate::export`] reads, so both see the same values and code points are counted once.
impl<'a> Document<'a> {
    pub(crate) fn info(&self) -> DocumentOut<'a> {
        let (text, x, meta) = (self.text, self.x, self.meta);
        DocumentOut {
            id: &meta.id,
            path: meta.path.as_deref(),
            title: x.title.map(|s| s.slice(text)),
            byline: x.byline.map(|s| s.slice(text)),
            date: x.date.map(|d| d.to_string()),
            chars: self.chars.at(text, text.len()),
            extra: &meta.extra,
        }
    }

    pub(crate) fn sentences(&self) -> impl Iterator<Item = SentenceOut<'a>> + '_ {
        self.x.sentences.iter().enumerate().map(|(i, s)| self.sentence(i, s))
    }

    pub(crate) fn entities(&self) -> impl Iterator<Item = EntityOut<'a>> + '_ {
        self.counts.iter().map(|&(e, n)| entity(self.gazetteer, e, n))
    }

    /// The entities of [`Document::entities`], as the gazetteer's, with their mention counts.
    pub(crate) fn entity_counts(&self) -> impl Iterator<Item = (EntityId, usize)> + '_ {
        self.counts.iter().copied()
    }

    pub(crate) fn mentions(&self) -> impl Iterator<Item = MentionOut<'a>> + '_ {
        self.x.mentions.iter().map(|m| self.mention(m))
    }

    pub(crate) fn claims(&self) -> impl Iterator<Item = ClaimOut<'a>> + '_ {
        self.x.claims.iter().enumerate().map(|(i, c)| self.claim(i, c))
    }

    fn span(&self, s: Span) -> SpanOut<'a> {
        SpanOut {
            text: s.slice(self.text),
            start: self.chars.at(self.text, s.start),
            end: self.chars.at(self.text, s.end),
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
            id: ClaimId(i),
            kind: c.kind.as_str(),
            sentence: c.sentence,
            source: c.source.as_ref().map(|s| {
                let e = s.entity.map(|e| gazetteer.entity(e));
                SourceOut {
                    span: self.span(s.span),
                    entity: e.map(|e| &*e.id),
                    kind: e.map(|e| e.kind.as_str()),
                    subtype: e.map(|e| &*e.subtype).filter(|s| !s.is_empty()),
                    unnamed: s.unnamed,
                    resolved: s.resolved.as_ref().map(|r| ResolvedOut {
                        span: self.span(r.span),
                        entity: r.entity.map(|e| &*gazetteer.entity(e).id),
                    }),
                }
            }),
            cue: CueOut {
                span: self.span(c.cue.span),
                lemma: &c.cue.lemma,
                stance: c.cue.stance.as_str(),
            },
            content: self.span(c.content),
            entities: EntityIds {
                entities: &c.entities,
                gazetteer,
            },
            rule: c.rule.as_str(),
            // Two decimals: an f32 printed as f64 would read 0.8999999761581421.
            confidence: (f64::from(c.confidence) * 100.0).round() / 100.0,
            disputed: c.disputed,
            unverified: c.unverified,
            nested_in: c.nested_in.map(ClaimId),
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
        attributes: Attributes(entity.attributes.iter().map(|(c, v)| (*c, &**v)).collect()),
        mentions,
    }
}

/// An entity's attributes by column name; `lat`/`lon` are numbers when they parse.
#[derive(Debug)]
pub(crate) struct Attributes<'a>(pub(crate) BTreeMap<&'static str, &'a str>);

impl Serialize for Attributes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(
            self.0
                .iter()
                .map(|(&column, &value)| (column, attribute(column, value))),
        )
    }
}

/// An attribute's JSON value: `lat`/`lon` as numbers when they parse, else the text.
fn attribute<'a>(column: &str, value: &'a str) -> Attribute<'a> {
    let number = matches!(column, "lat" | "lon")
        .then(|| value.parse::<f64>().ok().and_then(serde_json::Number::from_f64))
        .flatten();
    number.map_or(Attribute::Text(value), Attribute::Number)
}

#[derive(Serialize)]
#[serde(untagged)]
pub(crate) enum Attribute<'a> {
    Number(serde_json::Number),
    Text(&'a str),
}

/// The shape of the record `batch` writes in place of a document for an input it could not
/// read or extract: `{"schema_version", "document": {"id", "path", "line"?}, "error"}`.
#[derive(JsonSchema)]
#[schemars(rename = "ErrorRecord")]
#[allow(dead_code)]
struct ErrorRecordSchema {
    schema_version: u32,
    document: ErrorDocumentSchema,
    /// What went wrong, naming the file or line.
    error: String,
}

/// The `document` object of an error record.
#[derive(JsonSchema)]
#[schemars(rename = "ErrorDocument")]
#[allow(dead_code)]
struct ErrorDocumentSchema {
    /// Document id, when one is known.
    id: Option<String>,
    /// The path as given (null for JSON Lines input).
    path: Option<String>,
    /// The 1-based line of a JSON Lines input.
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
}

/// One line of output: a document or an error record.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum RecordSchema<'a> {
    Document(DocumentSchema<'a>),
    Error(ErrorRecordSchema),
}

/// The JSON Schema (draft 2020-12) of one output record: a [`Document`] or an error record
/// (`oneOf`; an error record has `error` and no `sentences`), generated from the types.
pub fn json_schema() -> serde_json::Value {
    let generator = schemars::generate::SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator();
    let mut schema =
        serde_json::to_value(generator.into_root_schema_for::<RecordSchema<'static>>()).expect("a schema is JSON");
    let root = schema.as_object_mut().expect("a schema is an object");
    // An untagged enum derives `anyOf`; the two shapes are disjoint, so say so.
    if let Some(any) = root.remove("anyOf") {
        root.insert("oneOf".into(), any);
    }
    schema
}

/// Byte offset to code point offset and back, in O(1) (O(log n) back) plus a scan of at most
/// half a 64-byte block (a whole one back); it keeps one count per block, not one per
/// character.
#[derive(Clone, Debug)]
pub(crate) struct CharIndex {
    /// Code points before each 64-byte block, and the total at the end.
    blocks: Vec<usize>,
    /// Whether the text is ASCII, every byte a char (most articles of some sources): then a
    /// byte offset is its code point offset, with no look-up.
    ascii: bool,
}

const BLOCK: usize = 64;

impl CharIndex {
    pub(crate) fn new(text: &str) -> CharIndex {
        let bytes = text.as_bytes();
        let mut blocks = Vec::with_capacity(bytes.len() / BLOCK + 2);
        let mut count = 0;
        for chunk in bytes.chunks(BLOCK) {
            blocks.push(count);
            // Continuation bytes 0x80..=0xBF are -128..=-65 as i8: one compare per byte, which
            // the compiler vectorises (a block's count, at most 64, fits a u8).
            count += usize::from(
                chunk
                    .iter()
                    .map(|&b| u8::from(b as i8 >= -0x40))
                    .fold(0, u8::wrapping_add),
            );
        }
        blocks.push(count);
        CharIndex {
            blocks,
            ascii: count == bytes.len(),
        }
    }

    /// The text's length in code points.
    pub(crate) fn len(&self) -> usize {
        self.blocks[self.blocks.len() - 1]
    }

    /// The code point offset of byte offset `byte` (a char boundary) of `text`.
    pub(crate) fn at(&self, text: &str, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        let bytes = text.as_bytes();
        let block = byte / BLOCK;
        let (start, offset) = (self.blocks[block], byte - block * BLOCK);
        let block_len = BLOCK.min(bytes.len() - block * BLOCK);
        let Some(&next) = self.blocks.get(block + 1) else {
            return start; // the end of a text of whole blocks
        };
        if next == start + block_len {
            return start + offset; // no continuation byte in the block: one byte, one char
        }
        // The continuation bytes on the shorter side of `byte`: before it from the block's
        // start, or after it up to the block's end (the next block's count less the chars there).
        let end = block * BLOCK + block_len;
        if offset <= BLOCK / 2 {
            start + offset - continuations(bytes, block * BLOCK, byte)
        } else {
            next - (end - byte - continuations(bytes, byte, end))
        }
    }

    /// The byte offset of code point offset `cp` (at most [`CharIndex::len`]) of `text`.
    pub(crate) fn byte(&self, text: &str, cp: usize) -> usize {
        // The last block whose first char is numbered `cp` or less, then a walk inside it: the
        // first char starting at or after a block's start is numbered with that block's count.
        let block = self.blocks[..self.blocks.len() - 1]
            .partition_point(|&b| b <= cp)
            .max(1)
            - 1;
        let mut count = self.blocks[block];
        let bytes = text.as_bytes();
        for (i, &b) in bytes.iter().enumerate().skip(block * BLOCK) {
            if !is_continuation(b) {
                if count == cp {
                    return i;
                }
                count += 1;
            }
        }
        bytes.len()
    }
}

fn is_continuation(b: u8) -> bool {
    b & 0xC0 == 0x80
}

/// The UTF-8 continuation bytes (`10xxxxxx`) in `bytes[from..to]` (at most a block), eight at
/// a time: a byte's top bit set and the next bit (shifted up onto it) clear. The last few are
/// read as the word that ends at `to`, the marks of its earlier bytes shifted out; the marks,
/// at most eight a byte, are summed by one multiply.
fn continuations(bytes: &[u8], from: usize, to: usize) -> usize {
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let marks = |x: u64| (x & !(x << 1) & HIGH) >> 7;
    let (mut sum, mut i) = (0, from);
    while i + 8 <= to {
        sum += marks(word(i));
        i += 8;
    }
    match to - i {
        0 => {}
        _ if to < 8 => return sum_bytes(sum) + bytes[i..to].iter().filter(|&&b| is_continuation(b)).count(),
        rest => sum += marks(word(to - 8)) >> (8 * (8 - rest)),
    }
    sum_bytes(sum)
}

/// The sum of the bytes of `x` (at most 255 in all).
fn sum_bytes(x: u64) -> usize {
    (x.wrapping_mul(ONES) >> 56) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_offsets_count_code_points() {
        let text = "é".repeat(300) + "Hama";
        let idx = CharIndex::new(&text);
        assert_eq!(idx.at(&text, 0), 0);
        assert_eq!(idx.at(&text, 600), 300);
        assert_eq!(idx.at(&text, text.len()), 304);
        assert_eq!(idx.len(), 304);
        let mixed = "a".repeat(300) + "é" + &"b".repeat(300) + &"🔥".repeat(100) + "z";
        let idx = CharIndex::new(&mixed);
        for byte in (0..=mixed.len()).filter(|&b| mixed.is_char_boundary(b)) {
            let cp = mixed[..byte].chars().count();
            assert_eq!(idx.at(&mixed, byte), cp, "{byte}");
            assert_eq!(idx.byte(&mixed, cp), byte, "{cp}");
        }
        assert_eq!(CharIndex::new("").byte("", 0), 0);
        // Continuation bytes in the first word of the text, and in a block's last few bytes.
        let front = "’é".repeat(30) + "a’";
        let idx = CharIndex::new(&front);
        for byte in (0..=front.len()).filter(|&b| front.is_char_boundary(b)) {
            assert_eq!(idx.at(&front, byte), front[..byte].chars().count(), "{byte}");
        }
        // An ASCII text answers without its blocks.
        let plain = "Officials in Hama said so. ".repeat(10);
        let idx = CharIndex::new(&plain);
        assert!(idx.ascii && !CharIndex::new(&mixed).ascii);
        for byte in 0..=plain.len() {
            assert_eq!(idx.at(&plain, byte), byte);
        }
    }

    #[test]
    fn claim_ids_count_from_one() {
        for k in [0, 8, 9, 99, 12_345] {
            assert_eq!(ClaimId(k).to_string(), format!("c{}", k + 1));
            let json = serde_json::to_string(&ClaimId(k)).unwrap();
            assert_eq!(json, format!("\"c{}\"", k + 1));
        }
    }
}
