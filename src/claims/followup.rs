//! Follow-up speech: "..., the SDF said, adding that two civilians were wounded", "X rejected the
//! deployment, calling it an invasion". The participle after an attributed claim opens a
//! second claim by the same source. The participles are the `follow_up` rows of
//! `lexicon/participles.tsv`; each takes the stance of its lemma's cue.

use super::arbitrate::FollowUp;
use super::{ClaimKind, Class, Ctx, CueMatch, Rule};

impl Ctx<'_> {
    /// Proposes a claim for each ", adding that ..." in this sentence; [`super::arbitrate`]
    /// gives it the source of the attributed claim it follows, if one does.
    pub(super) fn follow_ups(&self, out: &mut Vec<FollowUp>) {
        for word in 1..self.toks.len() {
            let comma = word - 1;
            if !self.has(word, Class::FollowUp) || !self.is(comma, &[","]) {
                continue;
            }
            let Some(lemma) = self.lexicon.participle_lemma(self.lower(word)) else {
                continue;
            };
            let Some(stance) = self.lexicon.lemma_cue(lemma).map(|c| c.stance) else {
                continue;
            };
            let start = word + 1 + usize::from(self.is(word + 1, &["that", ":"]));
            let Some(end) = self.clause_end(start) else { continue };
            // ", adding that X" right after a claim (its cue or its content, whichever is later),
            // perhaps after a short time or place phrase ("said on Tuesday, adding").
            let mut hosts = vec![comma];
            for k in (comma.saturating_sub(5)..comma).rev() {
                if self.toks[k].is_punct() {
                    break;
                }
                if self.has(k, Class::FollowupGap) {
                    hosts.push(k);
                }
            }
            let cue = CueMatch {
                span: self.span(word, word + 1),
                lemma: lemma.into(),
                stance,
            };
            let claim = self.claim(
                ClaimKind::Attributed,
                None,
                cue,
                self.span(start, end),
                Rule::FollowUp,
                0.85,
            );
            out.push(FollowUp { claim, hosts });
        }
    }
}
