//! Cues whose frame needs a particular object or source, from `lexicon/cues.tsv`:
//!
//! - `figure`: "the monitor put the toll at 40", "puts the number of dead at 60": the cue must
//!   be followed, within a few words, by a `figure` noun ("toll", "number") and then "at";
//! - `written`: "the statement reads", "a banner read: ...": the source's head must be a
//!   `document` noun ("statement", "letter", "banner");
//! - `evidence`: "the poll shows", "records show", "data showed that": the source's head must be
//!   a `data` noun ("poll", "survey", "records"), or "that" must follow the cue. Pictures show
//!   scenes, not claims ("the video showed bodies in the street"; the Syria gold conventions
//!   leave them out too).
//!
//! Otherwise the word is an ordinary verb ("put pressure on", "read the news").

use super::words;
use super::{Class, Ctx, Cue, Frame};

impl Ctx<'_> {
    /// The cue at `i` (auxiliaries from `aux_start`) lacks what its frame needs.
    pub(super) fn frame_refuses(&self, i: usize, aux_start: usize, cue: &Cue) -> bool {
        match cue.frame {
            Frame::Figure => {
                let limit = (i + 6).min(self.toks.len());
                let Some(noun) = (i + 1..limit).find(|&k| self.has(k, Class::Figure)) else {
                    return true;
                };
                !(noun + 1..(noun + 5).min(self.toks.len())).any(|k| self.is(k, words!["at"]))
            }
            // "the statement reads", "a banner at the camp read": a document heads the source.
            Frame::Written => {
                let start = self.np_start(aux_start);
                let head = start < aux_start
                    && self
                        .lexicon
                        .noun_classes(self.head(start, aux_start))
                        .has(Class::Document);
                aux_start == 0 || !(self.has(aux_start - 1, Class::Document) || head)
            }
            Frame::Evidence => {
                // "the poll shows", "a poll released Saturday showed": data heads the source.
                let end = self.dated_tail(aux_start).unwrap_or(aux_start);
                let data = end > 0 && self.lexicon.noun_classes(self.lower(end - 1)).has(Class::Data);
                !data && !self.is(i + 1, words!["that"])
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::triples as claims;

    #[test]
    fn figures_and_documents() {
        assert_eq!(
            claims("The monitor put the death toll at 41 on Sunday."),
            [("The monitor", "put", "the death toll at 41 on Sunday")]
        );
        assert_eq!(claims("The monitor put pressure on the council."), []);
        assert_eq!(
            claims("The statement reads that the fighters will withdraw."),
            [("The statement", "reads", "the fighters will withdraw")]
        );
        assert_eq!(claims("The commander read the names aloud."), []);
        // A document heads the source, after a modifier too, and a quote may follow or precede.
        assert_eq!(
            claims("A sign on the gate read “No entry”."),
            [("A sign on the gate", "read", "No entry")]
        );
        assert_eq!(
            claims("“The siege is over,” the leaflet read."),
            [("the leaflet", "read", "The siege is over")]
        );
        assert_eq!(claims("“Hold the line,” the commander read."), []);
    }

    #[test]
    fn data_shows_but_pictures_do_not() {
        assert_eq!(
            claims("A new survey shows the mayor eight points ahead."),
            [("A new survey", "shows", "the mayor eight points ahead")]
        );
        assert_eq!(
            claims("The fuel went missing in March, shipping records show."),
            [("shipping records", "show", "The fuel went missing in March")]
        );
        assert_eq!(
            claims("Satellite photos showed that the runway had been repaired."),
            [("Satellite photos", "showed", "the runway had been repaired")]
        );
        assert_eq!(claims("Amateur video showed smoke rising over the market."), []);
        assert_eq!(claims("A general view shows the damaged clinic."), []);
    }
}
