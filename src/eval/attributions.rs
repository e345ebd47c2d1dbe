//! Claim scoring for one article: predicted claims paired with gold attributions by cue
//! overlap, then judged field by field, with the overlap metric of the PolNeAR README and by
//! exact match.

use super::gold::GoldClaim;
use super::{ClaimError, ClaimReport, ClaimText};
use crate::claims::Claim;
use crate::span::Span;

/// True when `a` and `b` overlap on at least half of the longer one, counted in code points.
pub(super) fn half_overlap(text: &str, a: Span, b: Span) -> bool {
    let (start, end) = (a.start.max(b.start), a.end.min(b.end));
    if start >= end {
        return false;
    }
    let chars = |s: Span| s.slice(text).chars().count();
    2 * chars(Span::new(start, end)) >= chars(a).max(chars(b))
}

fn source_overlaps(p: Option<Span>, g: Option<Span>) -> bool {
    match (p, g) {
        (None, None) => true,
        (Some(p), Some(g)) => p.overlaps(g),
        _ => false,
    }
}

fn text_of(text: &str, source: Option<Span>, cue: Span, content: Span) -> ClaimText {
    ClaimText {
        source: source.map(|s| s.slice(text).to_string()),
        cue: cue.slice(text).to_string(),
        content: content.slice(text).to_string(),
    }
}

impl ClaimReport {
    /// Adds the scores of the claims predicted for one article against its gold.
    pub fn add(&mut self, doc: &str, text: &str, predicted: &[Claim], gold: &[GoldClaim]) {
        let mut used = vec![false; gold.len()];
        for fields in [&mut self.overlap, &mut self.exact] {
            fields.add_totals(predicted.len(), gold.len());
        }
        for p in predicted {
            let source = p.source.as_ref().map(|s| s.span);
            let pairing = (0..gold.len()).find(|&i| !used[i] && gold[i].cue.overlaps(p.cue.span));
            let rule = self.by_rule.entry(p.rule.to_string()).or_default();
            rule.predicted += 1;
            let lemma = self.by_lemma.entry(p.cue.lemma.clone()).or_default();
            lemma.predicted += 1;
            let Some(i) = pairing else {
                self.errors.push(ClaimError {
                    doc: doc.to_string(),
                    what: "spurious",
                    rule: Some(p.rule.as_str()),
                    predicted: Some(text_of(text, source, p.cue.span, p.content)),
                    gold: None,
                });
                continue;
            };
            used[i] = true;
            let g = gold[i];
            let src = source_overlaps(source, g.source);
            let content = half_overlap(text, p.content, g.content);
            self.overlap.add_pair(true, src, content);
            self.exact
                .add_pair(p.cue.span == g.cue, source == g.source, p.content == g.content);
            let all = src && content;
            for row in [
                self.by_rule.get_mut(p.rule.as_str()).expect("added above"),
                self.by_lemma.get_mut(&p.cue.lemma).expect("added above"),
            ] {
                row.cue += 1;
                row.all += usize::from(all);
            }
            let cue = self.by_gold_cue.entry(g.cue.slice(text).to_lowercase()).or_default();
            cue.gold += 1;
            cue.cue += 1;
            cue.all += usize::from(all);
            if !all {
                self.errors.push(ClaimError {
                    doc: doc.to_string(),
                    what: if src { "wrong content" } else { "wrong source" },
                    rule: Some(p.rule.as_str()),
                    predicted: Some(text_of(text, source, p.cue.span, p.content)),
                    gold: Some(text_of(text, g.source, g.cue, g.content)),
                });
            }
        }
        for (g, _) in gold.iter().zip(&used).filter(|(_, used)| !**used) {
            self.by_gold_cue
                .entry(g.cue.slice(text).to_lowercase())
                .or_default()
                .gold += 1;
            self.errors.push(ClaimError {
                doc: doc.to_string(),
                what: "missed",
                rule: None,
                predicted: None,
                gold: Some(text_of(text, g.source, g.cue, g.content)),
            });
        }
    }
}
