//! Measuring the extractor against gold annotations (`claimex eval`).
//!
//! Gold files are JSON Lines in the PolNeAR shape or the syria-dev-gold shape ([`GoldDoc`]).
//! [`Evaluation::add`] runs an [`Extractor`] on each record's text and scores:
//!
//! - **claims**, with the metric of the PolNeAR README (`overlap`): a predicted claim pairs with
//!   the first unused gold attribution whose cue it overlaps; its source counts when both are
//!   absent or they overlap, its content when the overlap covers at least half of the longer
//!   span (in code points). `exact` uses the same pairing and asks for identical spans. For
//!   every field, precision = matched / predicted claims and recall = matched / gold
//!   attributions; `all` asks for cue, source and content at once. Broken down per rule and per
//!   cue lemma (precision side: predicted claims) and per gold cue text, lower-cased (recall
//!   side: gold attributions). Nested claims ([`crate::Claim::nested_in`]) are scored against
//!   gold that annotates nesting ([`GoldDoc::nested`]); against gold that gives each token one
//!   role (PolNeAR), a nested claim whose outer claim's cue meets a gold cue is left out.
//! - **mentions**, when the records have them, per gold type, exact and overlapping, counting
//!   only what the annotation covers (see [`Region`]).
//!
//! Every missed, spurious or partly wrong claim or mention is kept for error analysis. The
//! module does no I/O; the same gold and extractor give the same [`Report`].

mod attributions;
mod gold;
mod mentions;

pub use gold::{GoldClaim, GoldDoc, GoldError, GoldMention};
pub use mentions::{Region, TypeScores};

use crate::Extractor;
use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;
use std::collections::BTreeMap;

/// Matched, predicted and gold counts, with precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Prf {
    /// Predictions that match a gold item.
    pub matched: usize,
    /// Predictions.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// matched / predicted (0 when nothing is predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }

    /// matched / gold (0 when there is no gold).
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }

    /// The harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Rounded to 4 decimals, so the JSON is short and stable.
fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

impl Serialize for Prf {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Prf", 6)?;
        st.serialize_field("p", &round(self.precision()))?;
        st.serialize_field("r", &round(self.recall()))?;
        st.serialize_field("f1", &round(self.f1()))?;
        st.serialize_field("matched", &self.matched)?;
        st.serialize_field("predicted", &self.predicted)?;
        st.serialize_field("gold", &self.gold)?;
        st.end()
    }
}

impl Serialize for TypeScores {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("TypeScores", 2)?;
        st.serialize_field("exact", &self.exact)?;
        st.serialize_field("overlap", &self.overlap)?;
        st.end()
    }
}

/// Scores for the four claim fields under one metric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct FieldScores {
    /// The cue.
    pub cue: Prf,
    /// The source (both absent counts).
    pub source: Prf,
    /// The content.
    pub content: Prf,
    /// Cue, source and content together.
    pub all: Prf,
}

impl FieldScores {
    fn add_totals(&mut self, predicted: usize, gold: usize) {
        for f in [&mut self.cue, &mut self.source, &mut self.content, &mut self.all] {
            f.predicted += predicted;
            f.gold += gold;
        }
    }

    fn add_pair(&mut self, cue: bool, source: bool, content: bool) {
        self.cue.matched += usize::from(cue);
        self.source.matched += usize::from(source);
        self.content.matched += usize::from(content);
        self.all.matched += usize::from(cue && source && content);
    }
}

/// The precision side of one rule or cue lemma (overlap metric).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct PrecisionRow {
    /// Claims it predicted.
    pub predicted: usize,
    /// Of those, paired with a gold attribution (the cue overlaps).
    pub cue: usize,
    /// Of those, with source and content right too.
    pub all: usize,
}

/// The recall side of one gold cue text (overlap metric).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct RecallRow {
    /// Gold attributions with this cue.
    pub gold: usize,
    /// Of those, paired with a prediction.
    pub cue: usize,
    /// Of those, with source and content right too.
    pub all: usize,
}

/// A claim as its three texts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimText {
    /// The source, None for none.
    pub source: Option<String>,
    /// The cue.
    pub cue: String,
    /// The content.
    pub content: String,
}

/// A claim the extractor got wrong (overlap metric).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ClaimError {
    /// The gold record's id.
    pub doc: String,
    /// `missed`, `spurious`, `wrong source` or `wrong content`.
    pub what: &'static str,
    /// The rule of the prediction.
    pub rule: Option<&'static str>,
    /// The prediction, if any.
    pub predicted: Option<ClaimText>,
    /// The gold attribution, if any.
    pub gold: Option<ClaimText>,
}

/// A mention the extractor missed or made up (overlap metric).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MentionError {
    /// The gold record's id.
    pub doc: String,
    /// `missed` or `spurious`.
    pub what: &'static str,
    /// The gold type (or the type the prediction counts as).
    pub kind: String,
    /// The mention's text.
    pub text: String,
}

/// Claim scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ClaimReport {
    /// The PolNeAR README's metric.
    pub overlap: FieldScores,
    /// Identical spans.
    pub exact: FieldScores,
    /// Precision side per rule.
    pub by_rule: BTreeMap<String, PrecisionRow>,
    /// Precision side per cue lemma.
    pub by_lemma: BTreeMap<String, PrecisionRow>,
    /// Recall side per gold cue text, lower-cased.
    pub by_gold_cue: BTreeMap<String, RecallRow>,
    /// Missed, spurious and partly wrong claims, in gold-file order.
    pub errors: Vec<ClaimError>,
}

/// Mention scores.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct MentionReport {
    /// All types together.
    pub all: TypeScores,
    /// Per gold type.
    pub by_type: BTreeMap<String, TypeScores>,
    /// Missed and spurious mentions, in gold-file order.
    pub errors: Vec<MentionError>,
}

/// What [`Evaluation::finish`] returns.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    /// Gold records scored.
    pub docs: usize,
    /// Claim scores.
    pub claims: ClaimReport,
    /// Mention scores, when at least one record annotates mentions.
    pub mentions: Option<MentionReport>,
}

/// Scores records one by one; [`Evaluation::finish`] gives the report.
#[derive(Clone, Debug)]
pub struct Evaluation<'a> {
    extractor: &'a Extractor,
    region: Region,
    docs: usize,
    claims: ClaimReport,
    mentions: Option<mentions::Tally>,
}

impl<'a> Evaluation<'a> {
    /// An evaluation of `extractor`, with the embedded region for mentions.
    pub fn new(extractor: &'a Extractor) -> Evaluation<'a> {
        Evaluation {
            extractor,
            region: Region::embedded(),
            docs: 0,
            claims: ClaimReport::default(),
            mentions: None,
        }
    }

    /// Runs the extractor on `doc` and adds its scores.
    pub fn add(&mut self, doc: &GoldDoc) {
        let mut x = self.extractor.extract(&doc.text);
        self.docs += 1;
        if !doc.nested {
            // Gold that gives each token one role (PolNeAR) annotates a nested claim or its outer
            // claim, never both: when the outer claim's cue meets a gold cue, the nested claim
            // has nothing it could pair with, and is not scored.
            let annotated = |k: usize| doc.claims.iter().any(|g| g.cue.overlaps(x.claims[k].cue.span));
            let skip: Vec<bool> = x.claims.iter().map(|c| c.nested_in.is_some_and(annotated)).collect();
            let mut k = 0;
            x.claims.retain(|_| {
                k += 1;
                !skip[k - 1]
            });
        }
        self.claims.add(&doc.id, &doc.text, &x.claims, &doc.claims);
        if let Some(gold) = &doc.mentions {
            self.mentions.get_or_insert_with(Default::default).add(
                &doc.id,
                &doc.text,
                &self.region,
                self.extractor.gazetteer(),
                &x.mentions,
                gold,
            );
        }
    }

    /// The scores so far.
    pub fn finish(self) -> Report {
        Report {
            docs: self.docs,
            claims: self.claims,
            mentions: self.mentions.map(|m| {
                let mut all = TypeScores::default();
                for t in m.by_type.values() {
                    for (sum, x) in [(&mut all.exact, t.exact), (&mut all.overlap, t.overlap)] {
                        sum.matched += x.matched;
                        sum.predicted += x.predicted;
                        sum.gold += x.gold;
                    }
                }
                MentionReport {
                    all,
                    by_type: m.by_type,
                    errors: m.errors,
                }
            }),
        }
    }
}

#[cfg(test)]
mod tests;
