//! Exports of the JSON view to the tools analysts already use, and the review views.
//!
//! Every export reads the same thing: an [`Article`], which is the original text plus the
//! [`output::Document`](crate::output::Document) read back into owned, typed form ([`Doc`]).
//! The JSON view is the single source of truth for offsets: they are **code points** into the
//! original text, and every format that carries offsets (CSV, brat, Label Studio, GeoJSON,
//! HTML) copies them from there, so `text[start:end]` in Python gives the annotated text.
//!
//! One module per format, each writing to an `impl Write` or returning a `String`:
//! [`csv`] (and TSV), [`brat`], [`labelstudio`], [`geojson`], [`html`], and [`terminal`] (the
//! `review` command's coloured text). None of them touch the file system.

pub mod brat;
pub mod csv;
pub mod geojson;
pub mod html;
pub mod labelstudio;
pub mod terminal;
mod view;

pub use view::{Claim, ClaimCue, ClaimSource, Doc, DocInfo, Entity, Mention, Sentence, SpanText};

use crate::output::{document, DocumentMeta};
use crate::{Extraction, Gazetteer};

/// One article ready for export: its text and its JSON view.
#[derive(Clone, Debug)]
pub struct Article {
    /// The original text; offsets in [`Article::doc`] are code points into it.
    pub text: String,
    /// The JSON view, read back.
    pub doc: Doc,
    /// Byte offset of each code point, plus the text length at the end.
    bytes: Vec<usize>,
}

impl Article {
    /// Builds the JSON view of `x` (an extraction of `text`) and reads it back.
    pub fn new(text: &str, x: &Extraction, gazetteer: &Gazetteer, meta: &DocumentMeta) -> Article {
        let value = serde_json::to_value(document(text, x, gazetteer, meta)).expect("the JSON view is JSON");
        let doc = serde_json::from_value(value).expect("the JSON view reads back into export::Doc");
        let bytes = text.char_indices().map(|(b, _)| b).chain([text.len()]).collect();
        Article {
            text: text.to_owned(),
            doc,
            bytes,
        }
    }

    /// The text between code point offsets `start` and `end`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[self.bytes[start]..self.bytes[end]]
    }

    /// The text's length in code points.
    pub fn len_chars(&self) -> usize {
        self.bytes.len() - 1
    }

    /// The entity with this id, if the document lists it.
    pub fn entity(&self, id: &str) -> Option<&Entity> {
        self.doc
            .entities
            .binary_search_by(|e| e.id.as_str().cmp(id))
            .ok()
            .map(|i| &self.doc.entities[i])
    }

    /// The places a claim's content mentions that have coordinates, in order.
    pub fn claim_places<'a>(&'a self, claim: &'a Claim) -> impl Iterator<Item = &'a Entity> + 'a {
        claim
            .entities
            .iter()
            .filter_map(|id| self.entity(id))
            .filter(|e| e.kind == "place" && e.lat_lon().is_some())
    }

    /// The entities other than places a claim's content mentions, in order.
    pub fn claim_actors<'a>(&'a self, claim: &'a Claim) -> impl Iterator<Item = &'a Entity> + 'a {
        claim
            .entities
            .iter()
            .filter_map(|id| self.entity(id))
            .filter(|e| e.kind != "place")
    }
}

/// Entity types with their highlight colours (HTML highlights, Label Studio labels).
pub const TYPE_COLOURS: [(&str, &str); 8] = [
    ("place", "#16a34a"),
    ("armed_group", "#dc6803"),
    ("state", "#2563eb"),
    ("organization", "#9333ea"),
    ("media", "#db2777"),
    ("person", "#0d9488"),
    ("community", "#a16207"),
    ("nationality", "#64748b"),
];

/// Escapes `&`, `<`, `>`, `"` and `'` for HTML and XML text and attribute values.
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
