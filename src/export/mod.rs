//! Exports of the JSON view to the tools analysts already use, and the review views.
//!
//! Every export reads the same thing: an [`Article`], which is the original text plus the
//! [`output::Document`](crate::output::Document)'s typed parts in owned form ([`Doc`]), built
//! without a JSON round trip. The JSON view is the single source of truth for offsets: they are
//! **code points** into the original text, counted once per article, and every format that
//! carries offsets (CSV, brat, Label Studio, GeoJSON, HTML) copies them from there, so
//! `text[start:end]` in Python gives the annotated text. Every export is linear in the article
//! (plus a log factor for sorting and lookups by id).
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

pub use view::{Claim, ClaimCue, ClaimSource, Doc, DocInfo, Entity, Mention, Resolved, Sentence, SpanText};

use crate::output::{document, CharIndex, DocumentMeta};
use crate::{Extraction, Gazetteer};

/// One article ready for export: its text and its JSON view.
#[derive(Clone, Debug)]
pub struct Article {
    /// The original text; offsets in [`Article::doc`] are code points into it.
    pub text: String,
    /// The JSON view.
    pub doc: Doc,
    /// Code point offsets to bytes, shared with the JSON view that counted them.
    chars: CharIndex,
}

impl Article {
    /// Builds the JSON view of `x` (an extraction of `text`) in typed form.
    pub fn new(text: &str, x: &Extraction, gazetteer: &Gazetteer, meta: &DocumentMeta) -> Article {
        let d = document(text, x, gazetteer, meta);
        let doc = Doc::new(&d);
        Article {
            text: text.to_owned(),
            doc,
            chars: d.chars,
        }
    }

    /// The text between code point offsets `start` and `end`.
    pub fn slice(&self, start: usize, end: usize) -> &str {
        &self.text[self.chars.byte(&self.text, start)..self.chars.byte(&self.text, end)]
    }

    /// The text's length in code points.
    pub fn len_chars(&self) -> usize {
        self.chars.len()
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
            .filter(|e| e.is_located_place())
    }

    /// Who makes claim `c`, for people: the canonical name of its entity (its own or that of
    /// the phrase a pronoun refers to), else that phrase, else the source text; None when the
    /// claim has no source.
    pub fn source_name<'a>(&'a self, c: &'a Claim) -> Option<&'a str> {
        let s = c.source.as_ref()?;
        let entity = s.effective_entity().and_then(|id| self.entity(id));
        Some(match (entity, &s.resolved) {
            (Some(e), _) => &e.name,
            (None, Some(r)) => &r.span.text,
            (None, None) => &s.span.text,
        })
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
