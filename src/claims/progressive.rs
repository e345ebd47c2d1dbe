//! Progressive speech: "The minister is telling donors that the talks failed", "Officials
//! were warning that the dam could burst", "The campaign has been arguing that ...". The
//! "-ing" forms are `follow_up` participles (`lexicon/participles.tsv`), not cue forms, so
//! [`super::speech`] never sees them as cues; after a form of "be" (with adverbs) the
//! participle is the finite speech of the subject, with its lemma's cue and all the refusals
//! of an ordinary cue (directives, "is claiming the lives of", "will be saying"). Both PolNeAR
//! and the Syria gold annotate such speech. The anchors pre-filter already holds the
//! participles (a follow-up starts from them).

use super::{Claim, Class, Ctx, Frame};

impl Ctx<'_> {
    /// The claim of a progressive speech participle at token `i`.
    pub(super) fn progressive(&self, i: usize) -> Option<Claim> {
        if !self.has(i, Class::FollowUp) || !self.word_starts_lower(i) {
            return None;
        }
        let aux_start = self.auxiliaries_before(i);
        // The "be" right before the participle ("is", "were", "has been"), never "being".
        if aux_start == i || !self.has(i - 1, Class::Be) || self.is(i - 1, super::words!["being"]) {
            return None;
        }
        let cue = self.lexicon.lemma_cue(self.lexicon.participle_lemma(self.lower(i))?)?;
        if cue.frame != Frame::Speech
            || (aux_start > 0 && self.has(aux_start - 1, Class::NotYet))
            || self.refused(i, aux_start, cue)
        {
            return None;
        }
        if let Some(c) = self.relative_who(i, aux_start, cue) {
            return Some(c);
        }
        let source = self.source_before(aux_start)?;
        self.source_then_cue(i, aux_start, cue, source)
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::triples as claims;

    #[test]
    fn speech_in_the_progressive_is_the_subject_s() {
        assert_eq!(
            claims("The minister is telling donors that the talks had failed."),
            [("The minister", "is telling", "the talks had failed")]
        );
        assert_eq!(
            claims("Officials were warning that the dam could burst."),
            [("Officials", "were warning", "the dam could burst")]
        );
    }

    #[test]
    fn a_progressive_directive_or_casualty_count_is_no_claim() {
        assert_eq!(claims("The general is telling his men to hold the bridge."), []);
        assert_eq!(claims("The fighting is claiming the lives of dozens every day."), []);
        assert_eq!(claims("The minister was being told that the talks had failed."), []);
    }

    #[test]
    fn a_progressive_inside_speech_is_nested_in_it() {
        assert_eq!(
            claims("The activist said fighters were saying that fewer men had left the villages."),
            [
                (
                    "The activist",
                    "said",
                    "fighters were saying that fewer men had left the villages"
                ),
                ("fighters", "were saying", "fewer men had left the villages")
            ]
        );
    }
}
