//! The JSON view read back into owned types, holding only the fields the exports use.
//!
//! Unknown fields are ignored, so fields added to [`crate::output`] never break an export;
//! a renamed or removed field makes [`super::Article::new`] fail in every export test.

use serde::Deserialize;
use std::collections::BTreeMap;

/// One article's JSON document.
#[derive(Clone, Debug, Deserialize)]
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

/// The `document` object.
#[derive(Clone, Debug, Deserialize)]
pub struct DocInfo {
    /// Document id.
    pub id: String,
    /// Title, if found.
    pub title: Option<String>,
}

/// A sentence.
#[derive(Clone, Debug, Deserialize)]
pub struct Sentence {
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
    /// The sentence text.
    pub text: String,
    /// `title`, `heading`, `byline`, `boilerplate` or `body`.
    pub role: String,
}

/// An entity with its attributes.
#[derive(Clone, Debug, Deserialize)]
pub struct Entity {
    /// Gazetteer id.
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Entity type (`place`, `armed_group`, ...).
    #[serde(rename = "type")]
    pub kind: String,
    /// Finer type, possibly empty.
    #[serde(default)]
    pub subtype: String,
    /// Mentions in this document.
    pub mentions: usize,
    /// Optional attributes (`admin1`, `lat`, `geonames`, ...).
    #[serde(flatten)]
    pub attributes: BTreeMap<String, serde_json::Value>,
}

impl Entity {
    /// An attribute as text (numbers are formatted), if set.
    pub fn attr(&self, name: &str) -> Option<String> {
        match self.attributes.get(name)? {
            serde_json::Value::String(s) => Some(s.clone()),
            v => Some(v.to_string()),
        }
    }

    /// `(lat, lon)` when both are set.
    pub fn lat_lon(&self) -> Option<(f64, f64)> {
        let get = |k: &str| self.attributes.get(k).and_then(serde_json::Value::as_f64);
        Some((get("lat")?, get("lon")?))
    }
}

/// A gazetteer mention.
#[derive(Clone, Debug, Deserialize)]
pub struct Mention {
    /// Entity id.
    pub entity: String,
    /// Entity type.
    #[serde(rename = "type")]
    pub kind: String,
    /// The mention text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// A span of text with code point offsets.
#[derive(Clone, Debug, Deserialize)]
pub struct SpanText {
    /// The text.
    pub text: String,
    /// First code point.
    pub start: usize,
    /// One past the last code point.
    pub end: usize,
}

/// A claim's source.
#[derive(Clone, Debug, Deserialize)]
pub struct ClaimSource {
    /// The source phrase.
    #[serde(flatten)]
    pub span: SpanText,
    /// The entity inside it, if any.
    pub entity: Option<String>,
    /// That entity's type.
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// A claim's cue.
#[derive(Clone, Debug, Deserialize)]
pub struct ClaimCue {
    /// The cue words.
    #[serde(flatten)]
    pub span: SpanText,
    /// Dictionary form.
    pub lemma: String,
    /// What the source does: assert, deny, hedge...
    pub stance: String,
}

/// A claim.
#[derive(Clone, Debug, Deserialize)]
pub struct Claim {
    /// `c1`, `c2`, ...
    pub id: String,
    /// `attributed` or `hedged`.
    pub kind: String,
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
    /// How much the rule is trusted.
    pub confidence: f64,
}
