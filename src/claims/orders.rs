//! Orders (and, below, judgements of a bare object) as claims, for corpora that count them (PolNeAR does; the Syria conventions, and so
//! the default lexicon, do not): a cue of class `order` (`lexicon/polnear/cues.tsv`) in the
//! shape the speech rules refuse as a directive ("urged all sides to talk", "called on the
//! council to act", "called Friday for a ceasefire") makes a claim of stance `urge` whose
//! content is the rest of the clause after the cue and its particle ("for", "on", "upon"),
//! object included. Which verbs order is data: without `order` rows nothing here runs.
//!
//! Invariant: every span is a token range of the sentence; the cue span covers the cue, its
//! auxiliaries and its particle.

use super::{words, Claim, ClaimKind, Class, Ctx, Cue, CueMatch, Rule, Stance};
use crate::span::Span;

impl Ctx<'_> {
    /// The claim of the `order` cue at token `i` that [`Ctx::refused`] refuses, when that is
    /// only for its directive shape: not a noun after a preposition ("despite calls for a
    /// truce"), a naming, a reduced relative ...
    pub(super) fn order_at(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        if !cue.order || !self.directive(i, cue) {
            return None;
        }
        let plain = Cue {
            directive: false,
            ..cue.clone()
        };
        if self.refused(i, aux_start, &plain) {
            return None;
        }
        self.order(i, aux_start, cue)
    }

    /// The claim of the `order` cue at token `i` (its auxiliaries from `aux_start`), which
    /// [`Ctx::directive`] has found in a directive's shape. The source is the subject before
    /// the cue, or the sentence's subject after "and"/"but" ("... and called for a truce").
    pub(super) fn order(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        let (src_start, core, src_end) = match self.source_before(aux_start) {
            Some(s) => s,
            None if aux_start > 0 && self.is(aux_start - 1, words!["and", "but"]) => {
                self.subject_at(self.clause_start(0))?
            }
            None => return None,
        };
        // "called Wednesday on the council to": time words, then the particle.
        let mut start = i + 1;
        while start < self.toks.len() && self.time_word(start) {
            start += 1;
        }
        let particle = self.is(start, words!["for", "on", "upon"]);
        let cue_end = if particle && start == i + 1 { i + 2 } else { i + 1 };
        start += usize::from(particle);
        let content = self.content_span(start, self.clause_end(start)?)?;
        let cue_match = CueMatch {
            stance: Stance::Urge,
            ..self.cue_match(aux_start, cue_end, cue)
        };
        let source = self.source(src_start, src_end, core);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue_match,
            content,
            Rule::SourceCueContent,
            0.8,
        ))
    }
}

impl Ctx<'_> {
    /// The noun-phrase object from token `start` (before `end`) of a judgement cue of class
    /// `object` ("endorsed Cruz on Wednesday"): up to punctuation other than a joiner, a time
    /// word, a preposition or adjunct word, "and"/"but", a clause word or a verb. None when it
    /// opens with punctuation, a verb or a preposition.
    pub(super) fn object_span(&self, start: usize, end: usize) -> Option<Span> {
        let stop = |k: usize| {
            (self.toks[k].is_punct() && !self.is(k, words!["'", "’", "-", "&"]))
                || self.time_word(k)
                || self.has(k, Class::Preposition)
                || self.has(k, Class::Adjunct)
                || self.has(k, Class::Clause)
                || self.is(k, words!["and", "but"])
                || self.verbish(k)
        };
        if start >= end || stop(start) {
            return None;
        }
        let to = (start + 1..end).find(|&k| stop(k)).unwrap_or(end);
        Some(self.span(start, to))
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::{stanced as claims, EXTRACTOR as DEFAULT, POLNEAR};

    #[test]
    fn the_profile_makes_orders_claims_and_the_default_refuses_them() {
        let cases = [
            (
                "The envoy urged both sides to return to the talks.",
                ("The envoy", "urged", "urge", "both sides to return to the talks"),
            ),
            (
                "The mayor called on residents to stay indoors.",
                ("The mayor", "called on", "urge", "residents to stay indoors"),
            ),
            (
                "Aid groups called Friday for an immediate ceasefire.",
                ("Aid groups", "called", "urge", "an immediate ceasefire"),
            ),
            (
                "The governor has asked the courts to rule quickly.",
                ("The governor", "has asked", "urge", "the courts to rule quickly"),
            ),
            (
                "The minister toured the camp and urged donors to send tents.",
                ("The minister", "urged", "urge", "donors to send tents"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(claims(&POLNEAR, text), [want], "{text}");
            assert_eq!(claims(&DEFAULT, text), [], "{text}");
        }
    }

    #[test]
    fn the_profile_makes_an_object_judgement_a_claim_and_the_default_refuses_it() {
        let cases = [
            (
                "The union endorsed the former senator in February.",
                ("The union", "endorsed", "praise", "the former senator"),
            ),
            (
                "Two governors have endorsed Okafor.",
                ("Two governors", "have endorsed", "praise", "Okafor"),
            ),
            (
                "Rights groups praised the mayor on Monday.",
                ("Rights groups", "praised", "praise", "the mayor"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(claims(&POLNEAR, text), [want], "{text}");
            assert_eq!(claims(&DEFAULT, text), [], "{text}");
        }
    }

    #[test]
    fn the_profile_leaves_what_is_no_order_as_it_was() {
        for text in [
            "The envoy asked whether the crossing would reopen.",
            "The council called the plan a disgrace.",
            "Local leaders urged calm after the clashes.",
            "Rights groups praised the mayor for opening the shelters.",
            "Despite calls for a truce, the monitor said shelling went on.",
            "The ministry said it would reopen the road.",
        ] {
            let default = claims(&DEFAULT, text);
            assert!(!default.is_empty(), "{text}");
            assert_eq!(claims(&POLNEAR, text), default, "{text}");
        }
    }
}
