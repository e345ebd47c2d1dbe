//! Label Studio: import tasks with pre-annotations ("predictions") and the labelling config.
//!
//! Each article is one task, `{"data": {"text", "doc_id"}, "predictions": [{"model_version",
//! "result"}]}`. The result holds a `labels` region per mention (labelled with its entity type)
//! and per claim part (`source`, `cue`, `content`, region ids `c1-source`, ...), plus `relation`
//! items from each cue to its source and content. Region offsets are **code points**, which is
//! what Label Studio's `Text` tag counts (it has since label-studio-frontend#308; older
//! releases counted UTF-16 units and drift after characters outside the BMP, such as emoji).
//! A cue region carries the claim's kind and stance in its `meta.text`.
//!
//! [`config`] is the labelling config the tasks are written for.

use super::{escape_xml, Article};
use serde_json::{json, Value};

/// The region labels for claim parts, after the entity types.
const CLAIM_LABELS: [(&str, &str); 3] = [("source", "#7c3aed"), ("cue", "#dc2626"), ("content", "#0891b2")];

/// The task for `article`.
pub fn task(article: &Article) -> Value {
    let mut result = Vec::new();
    for (i, m) in article.doc.mentions.iter().enumerate() {
        result.push(region(&format!("m{}", i + 1), m.kind, m.start, m.end, &m.text, None));
    }
    for c in &article.doc.claims {
        let cue = format!("{}-cue", c.id);
        let meta = format!("{} claim, stance {}, lemma {}", c.kind, c.cue.stance, c.cue.lemma);
        let s = &c.cue.span;
        result.push(region(&cue, "cue", s.start, s.end, &s.text, Some(&meta)));
        let content = format!("{}-content", c.id);
        let s = &c.content;
        result.push(region(&content, "content", s.start, s.end, &s.text, None));
        result.push(relation(&cue, &content, "content"));
        if let Some(src) = &c.source {
            let id = format!("{}-source", c.id);
            let s = &src.span;
            result.push(region(&id, "source", s.start, s.end, &s.text, None));
            result.push(relation(&cue, &id, "source"));
        }
    }
    json!({
        "data": { "text": article.text, "doc_id": article.doc.document.id },
        "predictions": [{ "model_version": concat!("claimex ", env!("CARGO_PKG_VERSION")), "result": result }],
    })
}

fn region(id: &str, label: &str, start: usize, end: usize, text: &str, meta: Option<&str>) -> Value {
    let mut r = json!({
        "id": id, "from_name": "label", "to_name": "text", "type": "labels",
        "value": { "start": start, "end": end, "text": text, "labels": [label] },
    });
    if let Some(meta) = meta {
        r["meta"] = json!({ "text": [meta] });
    }
    r
}

fn relation(from: &str, to: &str, label: &str) -> Value {
    json!({ "from_id": from, "to_id": to, "type": "relation", "direction": "right", "labels": [label] })
}

/// The labelling config (XML) matching [`task`]: the entity types and claim parts as labels
/// over the `text` field, and the two relation labels.
pub fn config() -> String {
    let mut labels = String::new();
    let entity_colours = super::TYPE_COLOURS.iter().map(|(t, c)| (*t, *c));
    for (value, colour) in entity_colours.chain(CLAIM_LABELS) {
        labels.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            escape_xml(value),
            colour
        ));
    }
    format!(
        "<View>\n  <Labels name=\"label\" toName=\"text\">\n{labels}  </Labels>\n  \
         <Text name=\"text\" value=\"$text\"/>\n  <Relations>\n    <Relation value=\"source\"/>\n    \
         <Relation value=\"content\"/>\n  </Relations>\n</View>\n"
    )
}
