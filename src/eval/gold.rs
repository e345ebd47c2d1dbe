//! Gold records: one JSON object per line, in the PolNeAR shape (`attributions` with
//! `source`/`cue`/`content` spans, `source` null for `no_source`) or the syria-dev-gold shape
//! (the same plus `kind` and `mentions`). Offsets in the file are **code points**; they are
//! turned into byte [`Span`]s here, and each span's `text`, when given, must be what it slices.

use crate::span::Span;
use serde::Deserialize;
use std::fmt;

/// One annotated article.
#[derive(Clone, Debug, PartialEq)]
pub struct GoldDoc {
    /// `doc_id`, or `line N` when the record has none.
    pub id: String,
    /// The article.
    pub text: String,
    /// Gold attributions, as byte spans into `text`, in file order.
    pub claims: Vec<GoldClaim>,
    /// Gold mentions, when the record has a `mentions` list (None: mentions not annotated).
    pub mentions: Option<Vec<GoldMention>>,
    /// Nested attributions have records of their own ("residents said [they feared X]" is two):
    /// true in the syria-dev-gold shape (attributions with a `kind`), false in the PolNeAR
    /// shape, whose guidelines give each token at most one role in one attribution.
    pub nested: bool,
}

/// One gold attribution (for a discontinuous PolNeAR span, its outer extent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GoldClaim {
    /// The source, or None for a hedge without one.
    pub source: Option<Span>,
    /// The cue.
    pub cue: Span,
    /// The content.
    pub content: Span,
}

/// One gold mention.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldMention {
    /// Where it is.
    pub span: Span,
    /// Its annotated type (`place`, `armed_group`, `organization`).
    pub kind: String,
}

/// A gold record that cannot be read: its line (1-based) and what is wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldError {
    /// 1-based line number in the gold file.
    pub line: usize,
    /// What is wrong.
    pub what: String,
}

impl fmt::Display for GoldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.what)
    }
}

impl std::error::Error for GoldError {}

#[derive(Deserialize)]
struct RawDoc {
    doc_id: Option<String>,
    text: String,
    #[serde(default)]
    attributions: Vec<RawClaim>,
    mentions: Option<Vec<RawMention>>,
}

#[derive(Deserialize)]
struct RawClaim {
    kind: Option<String>,
    source: Option<RawSpan>,
    cue: RawSpan,
    content: RawSpan,
}

#[derive(Deserialize)]
struct RawSpan {
    start: usize,
    end: usize,
    text: Option<String>,
}

#[derive(Deserialize)]
struct RawMention {
    #[serde(flatten)]
    span: RawSpan,
    #[serde(rename = "type")]
    kind: String,
}

impl GoldDoc {
    /// Parses one line of a gold file; `line` (1-based) is for errors and the default id.
    pub fn parse(json: &str, line: usize) -> Result<GoldDoc, GoldError> {
        let err = |what: String| GoldError { line, what };
        let raw: RawDoc = serde_json::from_str(json).map_err(|e| err(e.to_string()))?;
        // Byte offset of every code point, and of the end.
        let bytes: Vec<usize> = raw
            .text
            .char_indices()
            .map(|(b, _)| b)
            .chain([raw.text.len()])
            .collect();
        let span = |s: &RawSpan, what: &str| -> Result<Span, GoldError> {
            let (Some(&start), Some(&end)) = (bytes.get(s.start), bytes.get(s.end)) else {
                return Err(err(format!("{what}: {}..{} is outside the text", s.start, s.end)));
            };
            if start > end {
                return Err(err(format!("{what}: {}..{} is reversed", s.start, s.end)));
            }
            let span = Span::new(start, end);
            match &s.text {
                Some(t) if t != span.slice(&raw.text) => Err(err(format!(
                    "{what}: text[{}..{}] is {:?}, not {:?}",
                    s.start,
                    s.end,
                    span.slice(&raw.text),
                    t
                ))),
                _ => Ok(span),
            }
        };
        let mut claims = Vec::with_capacity(raw.attributions.len());
        for (i, a) in raw.attributions.iter().enumerate() {
            let n = i + 1;
            claims.push(GoldClaim {
                source: a
                    .source
                    .as_ref()
                    .map(|s| span(s, &format!("attribution {n} source")))
                    .transpose()?,
                cue: span(&a.cue, &format!("attribution {n} cue"))?,
                content: span(&a.content, &format!("attribution {n} content"))?,
            });
        }
        let mentions = match &raw.mentions {
            None => None,
            Some(list) => Some(
                list.iter()
                    .enumerate()
                    .map(|(i, m)| {
                        Ok(GoldMention {
                            span: span(&m.span, &format!("mention {}", i + 1))?,
                            kind: m.kind.clone(),
                        })
                    })
                    .collect::<Result<Vec<_>, GoldError>>()?,
            ),
        };
        Ok(GoldDoc {
            id: raw.doc_id.unwrap_or_else(|| format!("line {line}")),
            text: raw.text,
            claims,
            mentions,
            nested: raw.attributions.iter().any(|a| a.kind.is_some()),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_points_become_bytes_and_texts_are_checked() {
        let line = r#"{"doc_id":"d","text":"Él said: “Homs fell”.","attributions":[{"source":{"start":0,"end":2,"text":"Él"},"cue":{"start":3,"end":7},"content":{"start":10,"end":19,"text":"Homs fell"}}],"mentions":[{"start":10,"end":14,"text":"Homs","type":"place"}]}"#;
        let doc = GoldDoc::parse(line, 1).unwrap();
        let c = doc.claims[0];
        assert_eq!(c.source.unwrap().slice(&doc.text), "Él");
        assert_eq!(c.cue.slice(&doc.text), "said");
        assert_eq!(c.content.slice(&doc.text), "Homs fell");
        assert_eq!(doc.mentions.unwrap()[0].span.slice(&doc.text), "Homs");

        let bad = line.replace(r#""text":"Homs fell""#, r#""text":"Homs fel""#);
        let e = GoldDoc::parse(&bad, 7).unwrap_err();
        assert_eq!(e.line, 7);
        assert!(e.what.starts_with("attribution 1 content"), "{e}");
        let outside = line.replace(r#""start":10,"end":19"#, r#""start":10,"end":99"#);
        assert!(GoldDoc::parse(&outside, 2).unwrap_err().what.contains("outside"));
        assert!(GoldDoc::parse("{", 3).is_err());
    }

    #[test]
    fn records_without_mentions_say_so() {
        let doc = GoldDoc::parse(r#"{"text":"Nothing.","attributions":[]}"#, 4).unwrap();
        assert_eq!(doc.id, "line 4");
        assert_eq!(doc.mentions, None);
    }
}
