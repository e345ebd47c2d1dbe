//! The JSON view as owned, typed values: what the exports read.
//!
//! Built straight from [`crate::output::Document`]'s typed parts (the same values the JSON
//! serialises, code points counted once by its index), never through a `serde_json::Value`.
//! A field added to the JSON is added here by hand; the export tests compare the two.

use crate::output::{ClaimOut, Document, EntityOut, MentionOut, SentenceOut, SpanOut};
use std::collections::BTreeMap;

/// One article's JSON document.
#[derive(Clone, Debug)]
pub struct Doc {
    /// The `document` object.
    pub document: DocInfo,
    /// Sentences in text order.
    pub sentences: Vec<Sentence>,
    /// Entities sorted by id.
    pub entities: Vec<Entity>,
    /// Mentions in text order.
    pub mentions: Vec<Mention>,
    /// Claims in text order.
    pub claims: Vec<Claim>,
}

impl Doc {
    pub(super) fn new(d: &Document<'_>) -> Doc {
        let info = d.info();
        Doc {
            document: DocInfo {
                id: info.id.to_owned(),
                title: info.title.map(str::to_owned),
            },
            sentences: d.sentences().map(Sentence::from).collect(),
            entities: d.entities().map(Entity::from).collect(),
            mentions: d.mentions().map(Mention::from).collect(),
            claims: d.claims().map(Claim::from).collect(),
        }
    }
}

/// The `document` object.
#[derive(Clone, Debug)]
pub struct DocInfo {
    /// Document id.
    pub id: String,
    /// Title, if found.
    pub title: Option<String>,
}

/// A sentence; its text is [`super::Article::slice`]`(start, end)` (not copied: on a long
/// text the sentences are the whole text again).
#[derive(Clone, Debug)]
pub struct Sentence {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// `title`, `heading`, `byline`, `dateline`, `boilerplate` or `body`.
    pub role: &'static str,
}

impl From<SentenceOut<'_>> for Sentence {
    fn from(s: SentenceOut<'_>) -> Sentence {
        Sentence {
            start: s.start,
            end: s.end,
            role: s.role,
        }
    }
}

/// An entity with its attributes.
#[derive(Clone, Debug)]
pub struct Entity {
    /// Gazetteer id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type (`place`, `armed_group`, ...).
    pub kind: &'static str,
    /// Finer type, possibly empty.
    pub subtype: String,
    /// Mentions in this document.
    pub mentions: usize,
    /// Optional attributes (`admin1`, `geonames`, ...) as written in the gazetteer.
    pub attributes: BTreeMap<&'static str, String>,
    /// `(lat, lon)` when both are set and numbers.
    lat_lon: Option<(f64, f64)>,
}

impl From<EntityOut<'_>> for Entity {
    fn from(e: EntityOut<'_>) -> Entity {
        let number = |k: &str| e.attributes.0.get(k)?.parse::<f64>().ok().filter(|x| x.is_finite());
        Entity {
            id: e.id.to_owned(),
            name: e.name.to_owned(),
            kind: e.kind,
            subtype: e.subtype.to_owned(),
            mentions: e.mentions,
            lat_lon: number("lat").zip(number("lon")),
            attributes: e.attributes.0.iter().map(|(&k, &v)| (k, v.to_owned())).collect(),
        }
    }
}

impl Entity {
    /// An attribute as written, if set.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attributes.get(name).map(String::as_str)
    }

    /// `(lat, lon)` when both are set.
    pub fn lat_lon(&self) -> Option<(f64, f64)> {
        self.lat_lon
    }

    /// True for a place with coordinates: the only entities drawn on maps or given a
    /// latitude. Selected by type, so a demonym or a state never lands on a map.
    pub fn is_located_place(&self) -> bool {
        self.kind == "place" && self.lat_lon.is_some()
    }
}

/// A gazetteer mention.
#[derive(Clone, Debug)]
pub struct Mention {
    /// Entity id.
    pub entity: String,
    /// Entity type.
    pub kind: &'static str,
    /// The mention text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// Sentence index.
    pub sentence: usize,
}

impl From<MentionOut<'_>> for Mention {
    fn from(m: MentionOut<'_>) -> Mention {
        Mention {
            entity: m.entity.to_owned(),
            kind: m.kind,
            text: m.text.to_owned(),
            start: m.start,
            end: m.end,
            sentence: m.sentence,
        }
    }
}

/// A span of text with code point offsets.
#[derive(Clone, Debug)]
pub struct SpanText {
    /// The text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

impl From<SpanOut<'_>> for SpanText {
    fn from(s: SpanOut<'_>) -> SpanText {
        SpanText {
            text: s.text.to_owned(),
            start: s.start,
            end: s.end,
        }
    }
}

/// A claim's source.
#[derive(Clone, Debug)]
pub struct ClaimSource {
    /// The source phrase.
    pub span: SpanText,
    /// The entity inside it, if any.
    pub entity: Option<String>,
    /// That entity's type.
    pub kind: Option<&'static str>,
    /// That entity's subtype (`monitor`, `state_media`, ...), if it has one.
    pub subtype: Option<String>,
    /// "a security source", "activists": nobody named.
    pub unnamed: bool,
    /// What a pronoun or bare "the ministry" refers to.
    pub resolved: Option<Resolved>,
}

/// The earlier source or mention a pronoun source refers to.
#[derive(Clone, Debug)]
pub struct Resolved {
    /// The earlier phrase.
    pub span: SpanText,
    /// Its entity, if any.
    pub entity: Option<String>,
}

impl ClaimSource {
    /// The entity behind the source: its own, else the resolved one.
    pub fn effective_entity(&self) -> Option<&str> {
        self.entity
            .as_deref()
            .or_else(|| self.resolved.as_ref()?.entity.as_deref())
    }
}

/// A claim's cue.
#[derive(Clone, Debug)]
pub struct ClaimCue {
    /// The cue words.
    pub span: SpanText,
    /// Dictionary form.
    pub lemma: String,
    /// What the source does: assert, deny, hedge...
    pub stance: String,
}

/// A claim.
#[derive(Clone, Debug)]
pub struct Claim {
    /// `c1`, `c2`, ...
    pub id: String,
    /// `attributed` or `hedged`.
    pub kind: &'static str,
    /// Sentence index.
    pub sentence: usize,
    /// Who makes it, if anyone.
    pub source: Option<ClaimSource>,
    /// What marks it.
    pub cue: ClaimCue,
    /// What is claimed.
    pub content: SpanText,
    /// Entity ids in the content.
    pub entities: Vec<String>,
    /// The rule that fired.
    pub rule: &'static str,
    /// How much the rule is trusted, in [0, 1], two decimals.
    pub confidence: f64,
    /// True when the same or the next sentence contradicts it.
    pub disputed: bool,
    /// True when a verification disclaimer qualifies it.
    pub unverified: bool,
    /// The id of the claim whose content holds this one, if any.
    pub nested_in: Option<String>,
}

impl From<ClaimOut<'_>> for Claim {
    fn from(c: ClaimOut<'_>) -> Claim {
        Claim {
            id: c.id.to_string(),
            kind: c.kind,
            sentence: c.sentence,
            source: c.source.map(|s| ClaimSource {
                span: s.span.into(),
                entity: s.entity.map(str::to_owned),
                kind: s.kind,
                subtype: s.subtype.map(str::to_owned),
                unnamed: s.unnamed,
                resolved: s.resolved.map(|r| Resolved {
                    span: r.span.into(),
                    entity: r.entity.map(str::to_owned),
                }),
            }),
            cue: ClaimCue {
                span: c.cue.span.into(),
                lemma: c.cue.lemma.to_owned(),
                stance: c.cue.stance.to_owned(),
            },
            content: c.content.into(),
            entities: c.entities.iter().map(str::to_owned).collect(),
            rule: c.rule,
            confidence: c.confidence,
            disputed: c.disputed,
            unverified: c.unverified,
            nested_in: c.nested_in.map(|id| id.to_string()),
        }
    }
}
