//! Follow-up speech: "..., the SDF said, adding that two civilians were wounded", "X rejected the
//! deployment, calling it an invasion". The participle after an attributed claim opens a
//! second claim by the same source; in a sentence with no claim, by the sentence's subject
//! ("X hit back, saying ..."). The participles are the `follow_up` rows of
//! `lexicon/participles.tsv`; each takes the stance of its lemma's cue.

use super::{Claim, ClaimKind, Class, Ctx, CueMatch, Rule};

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
            let comma = if self.has(i, Class::FollowupGap) {
                (i + 1..(i + 6).min(self.toks.len())).find(|&k| self.toks[k].is_punct())
            } else {
                Some(i)
            };
            let Some(comma) = comma.filter(|&k| self.is(k, &[","])) else {
                continue;
            };
            let word = comma + 1;
            if !self.has(word, Class::FollowUp) {
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
            let cue = CueMatch {
                span: self.span(word, word + 1),
                lemma: lemma.into(),
                stance,
            };
            let confidence = c.confidence.min(0.85);
            found.push(self.claim(
                ClaimKind::Attributed,
                c.source.clone(),
                cue,
                self.span(start, end),
                Rule::FollowUp,
                confidence,
            ));
        }
        if out.len() == first && found.is_empty() {
            self.subject_follow_ups(&mut found);
        }
        out.extend(found);
    }

    /// "Trump hit back on Twitter, saying CONTENT": in a sentence with no claim, a follow-up
    /// participle after a comma is a claim by the sentence's subject. A participle of a
    /// directive cue ("telling") needs "that" within five words ("telling reporters that").
    fn subject_follow_ups(&self, found: &mut Vec<Claim>) {
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
