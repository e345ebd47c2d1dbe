//! Speech in a subject relative clause: "Barkley, who said he votes for the party, backed the
//! rival", "said Murphy, who added that the toll would rise." The source is the antecedent
//! before ", who" (both PolNeAR and the Syria gold annotate the speech; the Syria gold's source
//! is the full noun phrase, so the antecedent, not the pronoun). The content is the cue's
//! clause, up to the comma where the sentence's own clause resumes with a verb or a cue.
//!
//! Object relatives ("the convoy, which the ministry said carried aid") are
//! [`super::speech`]'s; [`Ctx::relative_who`] fires only on "who" right before the cue's
//! auxiliaries. A pronoun source in an object relative ("a wall, which he said the neighbours
//! should pay for", "videos that they said showed the aftermath") is [`Ctx::relative_pronoun`]'s:
//! the speech counts as any relative clause's does, the pronoun is resolved like any pronoun
//! source; other frames ("the base, which it described as temporary") stay no claim.

use super::words;
use super::{Claim, ClaimKind, Class, Ctx, Cue, Frame, Rule};

impl Ctx<'_> {
    /// The claim of the cue at token `i` (auxiliaries from `aux_start`) after ", who".
    pub(super) fn relative_who(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        if aux_start < 3
            || cue.frame != Frame::Speech
            || !self.is(aux_start - 1, words!["who"])
            || !self.is(aux_start - 2, words![","])
        {
            return None;
        }
        let (start, core, end) = self.source_before(aux_start - 2)?;
        // "drew praise from the mayor, who said": a bare lower-case noun is the object of the
        // clause before; the antecedent is the phrase after its preposition.
        let bare = self.word_starts_lower(start)
            && ![Class::Article, Class::Determiner, Class::NpOpener]
                .iter()
                .any(|&c| self.has(start, c));
        let start = match (start + 1..core).find(|&k| self.has(k, Class::Preposition)) {
            Some(k) if bare && k + 1 < core => k + 1,
            _ => start,
        };
        let content_start = self.content_start(i + 1, cue);
        // "wrote to the board on Friday, saying ...": not this cue's content.
        if content_start > i + 1
            && self.is(content_start - 1, words![","])
            && self.has(content_start, Class::Participle)
        {
            return None;
        }
        let clause_end = self.clause_end(content_start)?;
        // ", backed the rival", ",” left": the main clause goes on after the relative one.
        let resumes = |k: usize| {
            let next = k + 1 + usize::from(self.is(k + 1, words!["\"", "”"]));
            self.is(k, words![","])
                && next < clause_end
                && (self.verbish(next) || self.has(next, Class::Auxiliary) || self.cue_at(next).is_some())
        };
        let end_at = (content_start..clause_end)
            .find(|&k| resumes(k))
            .map_or(
                clause_end,
                |k| if self.is(k + 1, words!["\"", "”"]) { k + 2 } else { k },
            );
        let content = self.content_span(content_start, end_at)?;
        let source = self.source(start, end, core);
        let cue_match = self.cue_match(aux_start, i + 1, cue);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue_match,
            content,
            Rule::SourceCueContent,
            0.7,
        ))
    }

    /// The pronoun right before the cue's auxiliaries at `aux_start` that opens an object
    /// relative clause: "which he said", "that they said", "whom it said".
    pub(super) fn relative_pronoun_at(&self, aux_start: usize) -> Option<usize> {
        let k = aux_start.checked_sub(1)?;
        // The word tests first: the noun phrase scan is the costly one.
        (k > 0
            && self.has(k, Class::Pronoun)
            && self.is(k - 1, words!["which", "that", "whom"])
            && self.np_start(aux_start) == k)
            .then_some(k)
    }

    /// The claim of a speech cue at token `i` whose source is such a pronoun; the content is
    /// the relative clause's rest, as with a named source ([`Ctx::source_then_cue`]).
    pub(super) fn relative_pronoun(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        if cue.frame != Frame::Speech {
            return None;
        }
        let k = self.relative_pronoun_at(aux_start)?;
        self.source_then_cue(i, aux_start, cue, (k, k + 1, k + 1))
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::{rule_triples, triples as claims};
    use crate::claims::Rule;

    #[test]
    fn speech_after_who_belongs_to_the_antecedent() {
        assert_eq!(
            claims("Jones, who said he usually votes for the party, backed the rival."),
            [("Jones", "said", "he usually votes for the party")]
        );
        assert_eq!(
            claims("The plan drew praise from the mayor, who said it would save money."),
            [("the mayor", "said", "it would save money")]
        );
        assert_eq!(
            claims("\"The line will hold,\" said Murphy, who added that the toll would rise."),
            [
                ("Murphy", "said", "The line will hold"),
                ("Murphy", "added", "the toll would rise")
            ]
        );
    }

    #[test]
    fn a_pronoun_speaking_in_an_object_relative_is_the_source() {
        // Object gap: the content is the clause's rest.
        assert_eq!(
            claims("The council built a new bridge, which it said the villagers would maintain."),
            [("it", "said", "the villagers would maintain")]
        );
        // Subject gap: the content opens with its verb, up to the comma closing the clause.
        assert_eq!(
            claims("Farmers shared photos that they said showed the flooded fields, and left."),
            [("they", "said", "showed the flooded fields")]
        );
        assert_eq!(
            claims("The lawyer waved a letter which she had said proved the sale was legal."),
            [("she", "had said", "proved the sale was legal")]
        );
    }

    #[test]
    fn a_pronoun_describing_in_an_object_relative_is_no_claim() {
        // (The learned layer may still tag it; no rule proposes it.)
        let text = "The crew left the hut, which they described as unsafe.";
        assert_eq!(rule_triples(text, Rule::SourceCueAs), []);
        assert_eq!(rule_triples(text, Rule::SourceCueContent), []);
    }

    #[test]
    fn a_directive_or_a_passive_after_who_is_no_claim() {
        assert_eq!(claims("Smith, who told his men to hold the line, was killed."), []);
        assert_eq!(claims("The rebels, who were told to leave, refused."), []);
    }
}
