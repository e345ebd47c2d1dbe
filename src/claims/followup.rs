//! Follow-up speech: "..., the SDF said, adding that two civilians were wounded", "X rejected the
//! deployment, calling it an invasion". The participle after an attributed claim opens a
//! second claim by the same source; in a sentence with no claim, by the sentence's subject
//! ("X hit back, saying ..."). The participles are the `follow_up` rows of
//! `lexicon/participles.tsv`; each takes the stance of its lemma's cue.

use super::arbitrate::FollowUp;
use super::words;
use super::{Claim, ClaimKind, Class, Ctx, CueMatch, Rule};

impl Ctx<'_> {
    /// Proposes a claim for each ", adding that ..." in this sentence; [`super::arbitrate`]
    /// gives it the source of the attributed claim it follows, if one does.
    pub(super) fn follow_ups(&self, out: &mut Vec<FollowUp>) {
        // Most sentences hold no follow-up participle at all.
        if !self.tokens.any(Class::FollowUp) {
            return;
        }
        for word in 1..self.toks.len() {
            let comma = word - 1;
            // ", adding that ...", or in copy without commas "... the monitor said adding it was".
            if !self.has(word, Class::FollowUp) {
                continue;
            }
            let bare = self.bare_participle(word);
            if self.casualty_object(word) || !(self.is(comma, words![","]) || bare) {
                continue;
            }
            let Some(lemma) = self.lexicon.participle_lemma(self.lower(word)) else {
                continue;
            };
            let Some(stance) = self.lexicon.lemma_cue(lemma).map(|c| c.stance) else {
                continue;
            };
            let start = word + 1 + usize::from(self.is(word + 1, words!["that", ":"]));
            let Some(end) = self.clause_end(start) else { continue };
            // ", adding that X" right after a claim (its cue or its content, whichever is later),
            // perhaps after a short time or place phrase ("said on Tuesday, adding").
            let mut hosts = vec![comma];
            if bare {
                hosts.push(word);
            }
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
        if !self.tokens.any(Class::FollowUp) {
            return;
        }
        let participle = |k: usize| self.is(k, words![","]) && self.has(k + 1, Class::FollowUp);
        let Some(first) = (1..self.toks.len()).find(|&k| participle(k)) else {
            return;
        };
        let Some((subject, core, end)) = self.subject_at(0).filter(|&(_, _, end)| end <= first) else {
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
                .find(|&k| self.is(k, words!["that"]));
            let start = match that {
                Some(k) if cue.directive => k + 1,
                _ if cue.directive => continue,
                _ => word + 1 + usize::from(self.is(word + 1, words!["that", ":"])),
            };
            let Some(to) = self.clause_end(start) else { continue };
            let cue = CueMatch {
                span: self.span(word, word + 1),
                lemma: cue.lemma.clone(),
                stance: cue.stance,
            };
            let source = self.source(subject, end, core);
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

    /// "France sought the initiative on Tuesday saying it would push for a resolution": a
    /// follow-up participle after a clause with no claim before it speaks for the clause's
    /// subject, when that looks like a source. [`super::arbitrate`] asks for it with the claims
    /// `kept` in the sentence so far.
    pub(super) fn subject_participle(&self, kept: &[Claim]) -> Option<Claim> {
        if !self.tokens.any(Class::FollowUp) {
            return None;
        }
        for j in 1..self.toks.len() {
            if !self.has(j, Class::FollowUp) {
                continue;
            }
            // "... gave other figures with some saying 40 died": the quantifier is the source.
            let quantifier = j >= 2 && self.is(j - 2, words!["with"]) && self.has(j - 1, Class::Indefinite);
            if self.casualty_object(j) || !(self.is(j - 1, words![","]) || self.bare_participle(j) || quantifier) {
                continue;
            }
            let here = self.toks[j].span;
            if kept
                .iter()
                .any(|c| c.cue.span.start <= here.start || c.content.contains(here))
            {
                return None;
            }
            let (start, core, end) = if quantifier {
                (j - 1, j, j)
            } else {
                let (start, core, end) = self.subject_at(self.clause_start(j))?;
                // The subject's own verb, perhaps after auxiliaries: "Officials have expressed doubts".
                let verb = (end..(end + 3).min(j)).any(|k| self.verbish(k) || self.has(k, Class::FiniteVerb));
                if end + 1 >= j || !verb {
                    return None;
                }
                (start, core, end)
            };
            let lemma = self.lexicon.participle_lemma(self.lower(j))?;
            let cue = self.lexicon.lemma_cue(lemma)?;
            // "telling his critics to wait" is a directive ([`Self::subject_follow_ups`] reads
            // "telling X that" after a comma).
            if cue.directive {
                return None;
            }
            let stance = cue.stance;
            let from = j + 1 + usize::from(self.is(j + 1, words!["that", ":"]));
            let content = self.content_span(from, self.clause_end(from)?)?;
            let cue = CueMatch {
                span: here,
                lemma: lemma.into(),
                stance,
            };
            let source = self.source(start, end, core);
            return Some(self.claim(ClaimKind::Attributed, Some(source), cue, content, Rule::FollowUp, 0.6));
        }
        None
    }
}
