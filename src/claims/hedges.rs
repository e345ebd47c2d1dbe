//! Hedged claims: no source, but a hedge ("reportedly", "allegedly", "purportedly",
//! "apparently", "unconfirmed reports", "is said to", "is believed to", "could not be
//! independently verified").
//!
//! The content is the clause the hedge sits in, except that a hedge inside a participle phrase
//! ("actors reportedly providing aid"), a relative clause ("the video, which purportedly
//! shows the jet,"), an appositive ("the town, reportedly home to 20,000 people,") or an
//! adjective phrase ("gunmen allegedly loyal to the former government ambushed") governs only
//! that phrase. A hedge inside an attributed claim's source,
//! cue or content is not a claim of its own. Verification disclaimers are handled in
//! [`super::verification`].

use super::arbitrate::Hedge;
use super::words;
use super::{ClaimKind, Class, Ctx, CueMatch, Rule, Stance};

impl Ctx<'_> {
    /// Proposes the hedged claims and disclaimers of this sentence; [`super::arbitrate`] drops
    /// those inside another claim.
    pub(super) fn hedged(&self, out: &mut Vec<Hedge>) {
        if !self.tokens.any(Class::HedgeStart) {
            return;
        }
        for i in 0..self.toks.len() {
            // Most words open no hedge: one lookup instead of trying every phrase; the others try
            // only the phrases they open.
            if !self.has(i, Class::HedgeStart) {
                continue;
            }
            let hedges = self.lexicon.hedges_from(self.lower(i));
            // The next word's lower-case form, looked up once for all the phrases "is", "was"
            // or "could" open.
            let next = (i + 1 < self.toks.len()).then(|| self.lower(i + 1));
            let Some((len, verification)) = hedges
                .map(|h| (self.hedge_len(i, next, &h.words), h.verification))
                .max_by_key(|&(n, _)| n)
                .filter(|&(n, _)| n > 0)
            else {
                continue;
            };
            if verification {
                out.push(self.disclaimer(i, len));
                continue;
            }
            let cue = CueMatch {
                span: self.span(i, i + len),
                lemma: self.word_range(i..i + len).to_lowercase(),
                stance: Stance::Hedge,
            };
            let claim = self.claim(ClaimKind::Hedged, None, cue, self.span(i, i + len), Rule::Hedge, 0.6);
            out.push(Hedge {
                claim,
                tokens: (i, len),
                disclaimer: None,
            });
        }
    }

    /// What the hedge of `len` tokens at `i` governs.
    pub(super) fn hedged_content(&self, i: usize, len: usize) -> Option<crate::span::Span> {
        let start = self.clause_start(i);
        let end = self.clause_end(start)?;
        let next = i + len;
        let participle = next < self.toks.len() && self.word(next).ends_with("ing");
        // "the video, which purportedly shows the jet," / "the town, reportedly home to 20,000,"
        let relative = len == 1 && i > 0 && self.is(i - 1, words!["which", "who", "that", ","]);
        let stop = (next..end).find(|&k| self.is(k, words![","])).unwrap_or(end);
        if relative && next + 1 < stop {
            return Some(self.span(next, stop));
        }
        if let Some(verb) = self.modifier_end(i, len, end) {
            return Some(self.span(next, verb));
        }
        let from = if participle {
            next
        } else {
            self.past_fronted_adjunct(start, i)
        };
        let end = (next..end).find(|&k| self.hedge_stop(k)).unwrap_or(end);
        (from < end).then(|| self.span(from, end))
    }

    /// "In the past few days, the envoy seemed to ...", "Despite the delay, the talks
    /// reportedly ...": a phrase fronted before the comma, opened by a preposition, subordinator
    /// or connective, is the writer's frame, not what the hedge governs: its content starts
    /// after the first comma before the hedge at `i`.
    fn past_fronted_adjunct(&self, start: usize, i: usize) -> usize {
        let framed = [
            Class::Preposition,
            Class::Subordinator,
            Class::Connective,
            Class::Contrast,
        ]
        .iter()
        .any(|&c| self.has(start, c));
        if !(framed && self.capitalised(start)) {
            return start;
        }
        (start + 1..i)
            .find(|&k| self.is(k, words![","]))
            .map_or(start, |k| k + 1)
    }

    /// Token `k` ends a hedged clause: a dash, or a comma before "and", "with", "as", "even",
    /// "which", "who" or a contrast ("the town appeared calm, with shops open", "reportedly
    /// sending aid, though details are scarce"): what follows adds to the sentence, it is not
    /// the hedged statement.
    fn hedge_stop(&self, k: usize) -> bool {
        self.is(k, words!["—", "–", "--"])
            || (self.is(k, words![","])
                && (self.is(k + 1, words!["and", "with", "as", "even", "which", "who"])
                    || self.has(k + 1, Class::Contrast)))
    }

    /// "Gunmen allegedly loyal to the former government ambushed ...": a hedge between a noun
    /// and an adjective phrase governs that phrase, up to the clause's verb (returned).
    fn modifier_end(&self, i: usize, len: usize, end: usize) -> Option<usize> {
        let next = i + len;
        let after_noun = len == 1 && i > 0 && !self.toks[i - 1].is_punct() && !self.has(i - 1, Class::NotNoun);
        let adjective = next < end && self.word_starts_lower(next) && !self.verbish(next);
        if !(after_noun && adjective) || self.word(next).ends_with("ing") {
            return None;
        }
        (next + 2..end).find(|&k| self.verbish(k))
    }

    /// How many tokens from `i` spell `hedge` (0 when they do not), token `i` being its first
    /// word already ([`super::Lexicon::hedges_from`]) and `next` the lower-case form of token
    /// `i + 1`, if any: most phrases differ from the text at their second word, told by one
    /// string compare.
    fn hedge_len(&self, i: usize, next: Option<&str>, hedge: &[Box<str>]) -> usize {
        let spelled = match hedge[1..].split_first() {
            None => true,
            Some((second, rest)) => next == Some(&**second) && self.spells(i + 2, rest),
        };
        if spelled {
            hedge.len()
        } else {
            0
        }
    }
}
