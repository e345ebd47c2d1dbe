//! Follow-up speech: "..., the SDF said, adding that two civilians were wounded", "X rejected the
//! deployment, calling it an invasion". The participle after an attributed claim opens a
//! second claim by the same source; in a sentence with no claim, by the sentence's subject
//! ("X hit back, saying ..."). The participles are the `follow_up` rows of
//! `lexicon/participles.tsv`; each takes the stance of its lemma's cue.

use super::arbitrate::FollowUp;
use super::{Claim, ClaimKind, Class, Ctx, CueMatch, Rule};

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

    /// "Trump hit back on Twitter, saying CONTENT": in a sentence with no claim, a follow-up
    /// participle after a comma is a claim by the sentence's subject. A participle of a
    /// directive cue ("telling") needs "that" within five words ("telling reporters that").
    /// [`super::arbitrate`] asks for these only when the sentence has no other claim.
    pub(super) fn subject_follow_ups(&self, found: &mut Vec<Claim>) {
        let participle = |k: usize| self.is(k, &[","]) && self.has(k + 1, Class::FollowUp);
        let Some(first) = (1..self.toks.len()).find(|&k| participle(k)) else {
            return;
        };
        let Some((core, end)) = self.subject_at(0).filter(|&(_, end)| end <= first) else {
            return;
        };
        for comma in (end..self.toks.len()).filter(|&k| participle(k)) {
            let word = comma + 1;
            let Some(cue) = self
                .lexicon
                .participle_lemma(self.lower(word))
                .and_then(|l| self.lexicon.lemma_cue(l))
            else {
                continue;
            };
            let that = (word + 1..(word + 6).min(self.toks.len()))
                .take_while(|&k| !self.toks[k].is_punct())
                .find(|&k| self.is(k, &["that"]));
            let start = match that {
                Some(k) if cue.directive => k + 1,
                _ if cue.directive => continue,
                _ => word + 1 + usize::from(self.is(word + 1, &["that", ":"])),
            };
            let Some(to) = self.clause_end(start) else { continue };
            let cue = CueMatch {
                span: self.span(word, word + 1),
                lemma: cue.lemma.clone(),
                stance: cue.stance,
            };
            let source = self.source(0, end, core);
            found.push(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue,
                self.span(start, to),
                Rule::FollowUp,
                0.7,
            ));
        }
    }
}
