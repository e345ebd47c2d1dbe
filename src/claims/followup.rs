//! Follow-up speech: "..., the SDF said, adding that two civilians were wounded", "X rejected the
//! deployment, calling it an invasion". The participle after an attributed claim opens a
//! second claim by the same source.

use super::{Claim, ClaimKind, Ctx, CueMatch};

/// Reporting participles that continue a source's speech, with their lemma and stance.
const FOLLOW_UPS: &[(&str, &str, &str)] = &[
    ("adding", "add", "assert"),
    ("saying", "say", "assert"),
    ("noting", "note", "assert"),
    ("stressing", "stress", "assert"),
    ("insisting", "insist", "assert"),
    ("explaining", "explain", "assert"),
    ("claiming", "claim", "assert"),
    ("warning", "warn", "warn"),
    ("calling", "call", "describe"),
    ("describing", "describe", "describe"),
    ("accusing", "accuse", "accuse"),
    ("blaming", "blame", "accuse"),
    ("denying", "deny", "deny"),
    ("vowing", "vow", "vow"),
];

/// The stances follow-ups give.
pub(super) fn stances() -> impl Iterator<Item = &'static str> {
    FOLLOW_UPS.iter().map(|f| f.2)
}

impl Ctx<'_> {
    /// Adds a claim for each ", adding that ..." that follows the cue of an attributed claim
    /// found in this sentence (from `first` on).
    pub(super) fn follow_ups(&self, out: &mut Vec<Claim>, first: usize) {
        let mut found = Vec::new();
        for c in out[first..].iter().filter(|c| c.kind == ClaimKind::Attributed) {
            let after = c.cue.span.end.max(c.content.end);
            let Some(i) = (0..self.toks.len()).find(|&i| self.toks[i].span.start >= after) else {
                continue;
            };
            // ", adding that X" right after the claim (its cue or its content, whichever is later),
            // perhaps after a short time or place phrase ("said on Tuesday, adding").
            let comma = if self.is(i, &["on", "in", "at", "late", "early", "last", "this"]) {
                (i + 1..(i + 6).min(self.toks.len())).find(|&k| self.toks[k].is_punct())
            } else {
                Some(i)
            };
            let Some(comma) = comma.filter(|&k| self.is(k, &[","])) else {
                continue;
            };
            let word = comma + 1;
            let Some(&(_, lemma, stance)) = FOLLOW_UPS.iter().find(|(w, _, _)| self.is(word, &[w])) else {
                continue;
            };
            let start = word + 1 + usize::from(self.is(word + 1, &["that", ":"]));
            let Some(end) = self.clause_end(start) else { continue };
            let cue = CueMatch {
                span: self.span(word, word + 1),
                lemma: lemma.into(),
                stance: stance.into(),
            };
            let confidence = c.confidence.min(0.85);
            found.push(self.claim(
                ClaimKind::Attributed,
                c.source.clone(),
                cue,
                self.span(start, end),
                "follow_up",
                confidence,
            ));
        }
        out.extend(found);
    }
}
