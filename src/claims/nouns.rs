//! Cue forms that are nouns in context: "before the state media reports the envoy arrived",
//! "despite opposition claims the truce held". A form that is also a noun (class `noun` in
//! `lexicon/cues.tsv`), in a noun phrase that a preposition opens or follows (class
//! `preposition` in `lexicon/words.tsv`), and without "that" after it, is the object of the
//! preposition, not a reporting verb. "after the ministry reports that ..." stays speech.

use super::words;
use super::{Class, Ctx, Cue};

impl Ctx<'_> {
    /// The cue form at `i` (auxiliaries from `aux_start`) is a noun after a preposition.
    pub(super) fn noun_after_preposition(&self, i: usize, aux_start: usize, cue: &Cue) -> bool {
        if !cue.nominal || aux_start < i || self.is(i + 1, words!["that"]) {
            return false;
        }
        let start = self.np_start(i);
        start < i && (self.has(start, Class::Preposition) || (start > 0 && self.has(start - 1, Class::Preposition)))
    }
}

#[cfg(test)]
mod tests {
    use crate::{Extractor, Gazetteer};

    fn cues(text: &str) -> Vec<&str> {
        let x = Extractor::new(Gazetteer::embedded()).extract(text);
        x.claims
            .iter()
            .map(|c| &text[c.cue.span.start..c.cue.span.end])
            .collect()
    }

    #[test]
    fn a_cue_noun_after_a_preposition_is_no_cue() {
        let none: [&str; 0] = [];
        assert_eq!(
            cues("Aid trucks waited at the crossing before the state media reports the envoy arrived."),
            none
        );
        assert_eq!(cues("Shelling resumed despite opposition claims the truce held."), none);
        assert_eq!(cues("The ministry reports the road is open."), ["reports"]);
        assert_eq!(
            cues("Aid trucks left after the ministry reports that the road was open."),
            ["reports"]
        );
    }
}
