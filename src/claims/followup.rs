//! Follow-up speech: "..., the SDF said, adding that two civilians were wounded", "X rejected the
//! deployment, calling it an invasion". The participle after an attributed claim opens a
//! second claim by the same source. The participles are the `follow_up` rows of
//! `lexicon/participles.tsv`; each takes the stance of its lemma's cue.

use super::{Claim, ClaimKind, Class, Ctx, CueMatch, Rule};

impl Ctx<'_> {
    /// Adds a claim for each ", adding that ..." that follows the cue of an attributed claim
    /// found in this sentence (from `first` on).
    pub(super) fn follow_ups(&self, out: &mut Vec<Claim>, first: usize) {
        let mut found = Vec::new();
        for c in out[first..].iter().filter(|c| c.kind == ClaimKind::Attributed) {
            // ... or after its source: "X killed 40 said the Observatory adding that ...".
            let source_end = c.source.as_ref().map_or(0, |s| s.span.end);
            let after = c.cue.span.end.max(c.content.end).max(source_end);
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
            let word = match comma.filter(|&k| self.is(k, &[","])) {
                Some(comma) => comma + 1,
                // Copy without commas: "... the monitor said adding it was unclear who fired".
                None if self.bare_participle(i) => i,
                None => continue,
            };
            if !self.has(word, Class::FollowUp) || self.casualty_object(word) {
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
        out.extend(found);
        self.subject_participles(out, first);
    }

    /// "France sought the initiative on Tuesday saying it would push for a resolution": a
    /// follow-up participle after a clause with no claim before it speaks for the clause's
    /// subject, when that looks like a source.
    fn subject_participles(&self, out: &mut Vec<Claim>, first: usize) {
        let mut found = Vec::new();
        for j in 1..self.toks.len() {
            // "... gave other figures with some saying 40 died": the quantifier is the source.
            let quantifier = j >= 2 && self.is(j - 2, &["with"]) && self.has(j - 1, Class::Indefinite);
            if !self.has(j, Class::FollowUp)
                || self.casualty_object(j)
                || !(self.is(j - 1, &[","]) || self.bare_participle(j) || quantifier)
            {
                continue;
            }
            let here = self.toks[j].span;
            if out[first..]
                .iter()
                .any(|c| c.cue.span.start <= here.start || c.content.contains(here))
            {
                break;
            }
            let (start, core, end) = if quantifier {
                (j - 1, j, j)
            } else {
                let start = self.skip_front_adjuncts(self.clause_start(j), j);
                let Some((core, end)) = self.subject_at(start) else {
                    break;
                };
                // The subject's own verb, perhaps after auxiliaries: "Officials have expressed doubts".
                let verb = (end..(end + 3).min(j)).any(|k| self.verbish(k) || self.has(k, Class::FiniteVerb));
                if end + 1 >= j || !verb {
                    break;
                }
                (start, core, end)
            };
            let Some(lemma) = self.lexicon.participle_lemma(self.lower(j)) else {
                break;
            };
            let Some(stance) = self.lexicon.lemma_cue(lemma).map(|c| c.stance) else {
                break;
            };
            let from = j + 1 + usize::from(self.is(j + 1, &["that", ":"]));
            let Some(content) = self.clause_end(from).and_then(|to| self.content_span(from, to)) else {
                break;
            };
            let cue = CueMatch {
                span: here,
                lemma: lemma.into(),
                stance,
            };
            let source = self.source(start, end, core);
            found.push(self.claim(ClaimKind::Attributed, Some(source), cue, content, Rule::FollowUp, 0.6));
            break;
        }
        out.extend(found);
    }
}
