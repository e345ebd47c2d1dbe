//! Verification disclaimers: "The figures could not be independently verified", "..., a claim
//! that could not be independently confirmed", "Reuters could not independently verify the
//! report" (rows of class `verification` in `lexicon/hedges.tsv`).
//!
//! A disclaimer qualifies the claims of its own sentence or, when it has none, those of the
//! sentence right before it: they are marked `unverified`. The disclaimer is also a hedged
//! claim of its own (rule `hedge`, stance `hedge`), unless it lies inside another claim of its
//! sentence. Its content runs from the comma before it to the clause end when it qualifies a
//! claim ("..., a figure that could not be independently verified"), else it is the clause a
//! hedge governs ("The footage, which could not be verified, showed tanks").

use super::arbitrate::Hedge;
use super::words;
use super::{ClaimKind, Class, Ctx, CueMatch, Rule, Stance};

impl Ctx<'_> {
    /// The disclaimer at tokens `[i, i + len)`, with its content next to a claim;
    /// [`super::arbitrate`] marks what it qualifies and picks its content (alone, the clause a
    /// hedge governs).
    pub(super) fn disclaimer(&self, i: usize, len: usize) -> Hedge {
        // Next to a claim it governs the phrase from the comma before it ("..., a figure that
        // could not be verified"); alone, the clause a hedge governs.
        let start = (0..i)
            .rev()
            .find(|&k| self.is(k, words![",", ";"]))
            .map_or(self.clause_start(i), |k| k + 1);
        // "..., but this could not be verified": without its connective.
        let opener = self.has(start, Class::Contrast) || self.has(start, Class::Connective);
        let start = start + usize::from(opener && start + 1 < i);
        let near = self.span(start, self.clause_end_any(start).max(i + len));
        let cue = CueMatch {
            span: self.span(i, i + len),
            lemma: self.word_range(i..i + len).to_lowercase(),
            stance: Stance::Hedge,
        };
        Hedge {
            claim: self.claim(ClaimKind::Hedged, None, cue, near, Rule::Hedge, 0.6),
            tokens: (i, len),
            disclaimer: Some(near),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::EXTRACTOR as X;

    /// (cue, content, unverified) of each claim.
    fn claims(text: &str) -> Vec<(&str, &str, bool)> {
        let slice = |s: crate::Span| &text[s.start..s.end];
        X.extract(text)
            .claims
            .iter()
            .map(|c| (slice(c.cue.span), slice(c.content), c.unverified))
            .collect()
    }

    #[test]
    fn a_disclaimer_marks_the_claims_of_its_sentence_or_the_one_before() {
        assert_eq!(
            claims("The monitor said 14 fighters died, a toll that could not be independently verified."),
            [
                ("said", "14 fighters died", true),
                (
                    "could not be independently verified",
                    "a toll that could not be independently verified",
                    false
                )
            ]
        );
        assert_eq!(
            claims("Activists said the bridge was destroyed. The footage could not be verified."),
            [
                ("said", "the bridge was destroyed", true),
                ("could not be verified", "The footage could not be verified", false)
            ]
        );
        // "could not be confirmed", and a connective before it stays out of its content.
        assert_eq!(
            claims("Rebels said they took the hill, but this could not be confirmed."),
            [
                ("said", "they took the hill", true),
                ("could not be confirmed", "this could not be confirmed", false)
            ]
        );
        // Two sentences back is too far.
        assert_eq!(
            claims("Activists said the bridge was destroyed. Rain fell all day. The footage could not be verified.")[0],
            ("said", "the bridge was destroyed", false)
        );
    }

    #[test]
    fn hedges_without_a_source_beyond_adverbs() {
        let cases = [
            (
                "The strike appears to have hit a bakery.",
                ("appears to", "The strike appears to have hit a bakery"),
            ),
            (
                "It is unclear whether the convoy reached Douma.",
                (
                    "It is unclear whether",
                    "It is unclear whether the convoy reached Douma",
                ),
            ),
            (
                "The brigade has been accused of looting homes.",
                // The participle phrase after a hedge is what it governs.
                ("has been accused of", "looting homes"),
            ),
            (
                "Dozens were thought to be trapped under the rubble.",
                ("were thought to", "Dozens were thought to be trapped under the rubble"),
            ),
        ];
        for (text, (cue, content)) in cases {
            assert_eq!(claims(text), [(cue, content, false)], "{text}");
        }
    }
}
