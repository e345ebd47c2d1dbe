//! Attitude cues (`believe`: "thinks", "fears"; `intend`: "wants", "plans") and question cues
//! ("asked whether") speak for a source only when the source is someone else: a speaker's own
//! "I think" or "we want", or "do you think", hedges or asks inside speech and claims nothing
//! about anybody's belief. Such claims, found by the speech rules, are dropped (by
//! [`super::arbitrate`], with this test), and so are
//! claims whose cue needs "that" (class `that` in `lexicon/cues.tsv`: "found that ...") when
//! the content after the cue is not introduced by it or a colon, nor is a clause with its own
//! finite verb ("found a way", "declared a truce"), and claims whose source and cue follow
//! their content in a free relative, comparison or relative clause ("knew what the governor
//! said", "more than he expected", "which the rebels deny"). A question
//! asked in direct speech ("“Where were you?” one resident asked") is a claim of stance
//! `question`, as "asked whether" is: PolNeAR annotates both, and a user who wants speech only
//! leaves the stance out.

use super::lexicon::with_lower;
use super::{words, Claim, Class, Ctx, Stance};

impl Ctx<'_> {
    /// `c` is no claim: an attitude or question whose source is a participant pronoun
    /// (`participant` in `lexicon/words.tsv`: I, we, you), or a cue that needs "that" without
    /// it. [`super::arbitrate`] drops it.
    pub(super) fn dropped(&self, c: &Claim) -> bool {
        let attitude = matches!(c.cue.stance, Stance::Believe | Stance::Intend | Stance::Question);
        // "I", "I don't", "One of the reasons I", "Do you": a participant opens or ends it.
        let participant = attitude
            && c.source.as_ref().is_some_and(|s| {
                let mut words = s.span.slice(self.text).split_whitespace();
                let is = |w: Option<&str>| w.is_some_and(|w| self.lexicon.classes_any_case(w).has(Class::Participant));
                is(words.next()) || is(words.next_back())
            });
        if participant || self.object_gap(c) {
            return true;
        }
        // The rest reads the content only for a cue that needs "that" before its content.
        if !(c.content.start >= c.cue.span.end && self.lexicon.lemma_cue(&c.cue.lemma).is_some_and(|q| q.needs_that)) {
            return false;
        }
        // "continued: “...”": a colon introduces the content as "that" does.
        let gap = &self.text[c.cue.span.end.min(c.content.start)..c.content.start];
        // With "that" or a colon before it, the content is no bare object: tested first, as it
        // needs no look at the content's words.
        if gap.contains(':')
            || gap
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|w| w.eq_ignore_ascii_case("that"))
        {
            return false;
        }
        // "Commanders think the offensive could take weeks": a belief's clause may open with its
        // subject ("the", "it", "some") instead.
        let first = self
            .lexicon
            .classes_any_case(c.content.slice(self.text).split_whitespace().next().unwrap_or_default());
        // "Analysts think Rahimi will run again": or with a name, then a verb within four words.
        let named = {
            let mut words = c.content.slice(self.text).split_whitespace();
            let capitalised = words
                .next()
                .is_some_and(|w| w.starts_with(|ch: char| ch.is_uppercase()));
            capitalised
                && words.take(4).any(|w| {
                    with_lower(w, |w| {
                        w.ends_with("ed")
                            || [Class::Be, Class::Auxiliary, Class::FiniteVerb]
                                .iter()
                                .any(|&k| self.lexicon.classes(w).has(k))
                    })
                })
        };
        let subject =
            c.cue.stance == Stance::Believe && (first.has(Class::Pronoun) || first.has(Class::NpOpener) || named);
        // "repeated the claim that ...": a short noun phrase headed by a cue noun (class `noun` in
        // `cues.tsv`), then "that" and a subject (not a relative "that": "found a way that led
        // out", "agreed the plan that was proposed").
        let words: Vec<String> = c
            .content
            .slice(self.text)
            .split_whitespace()
            .take(5)
            .map(str::to_lowercase)
            .collect();
        let noun_that = words.windows(3).any(|w| {
            let verb_next = w[2].ends_with("ed")
                || [Class::Be, Class::Auxiliary, Class::FiniteVerb]
                    .iter()
                    .any(|&k| self.lexicon.classes(&w[2]).has(k));
            w[1] == "that" && !verb_next && self.lexicon.get(&w[0]).is_some_and(|q| q.nominal)
        });
        // "The regime declares it has full control", "found the depot was empty": a subject and
        // its finite verb within the first six words make a clause without "that"; "declared a
        // truce", "declared the end of the ceasefire", "found a way" are objects, not claims.
        let finite = |w: &str| {
            let classes = self.lexicon.classes(w);
            [Class::Be, Class::Auxiliary, Class::FiniteVerb]
                .iter()
                .any(|&k| classes.has(k))
        };
        // Its first word opens a subject: not "while", "as", "in" ("continued while a major
        // operation began").
        let opener = !(first.has(Class::Clause) || first.has(Class::Preposition) || first.has(Class::Subordinator));
        let clause = opener
            && c.content
                .slice(self.text)
                .split_whitespace()
                .take(6)
                .skip(1)
                .take_while(|w| !self.lexicon.classes_any_case(w).has(Class::Clause))
                .any(|w| with_lower(w, finite));
        !subject && !clause && !noun_that
    }
}

impl Ctx<'_> {
    /// "I know what she said", "more work than he expected", "the shelters which the rebels
    /// deny": a source and cue after their content and a lower-case "what", "than", "that" or
    /// relative word sit in a free relative, a comparison or a relative clause whose gap is the
    /// cue's object; the words before are not what the source says.
    fn object_gap(&self, c: &Claim) -> bool {
        let Some(source) = &c.source else { return false };
        if c.content.end > source.span.start || c.content.end > c.cue.span.start {
            return false;
        }
        let k = self.toks.partition_point(|t| t.span.start < source.span.start);
        k > 0
            && self.toks.get(k).is_some_and(|t| t.span.start == source.span.start)
            && self.toks[k - 1].span.end == c.content.end
            && self.word_starts_lower(k - 1)
            && (self.is(k - 1, words!["what", "whatever", "than", "that"]) || self.has(k - 1, Class::Relative))
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::{stanced, EXTRACTOR};

    /// (source, cue, stance, content) of each claim.
    fn claims(text: &str) -> Vec<(&str, &str, &'static str, &str)> {
        stanced(&EXTRACTOR, text)
    }

    #[test]
    fn each_cue_class_has_its_stance() {
        let cases = [
            (
                "The ministry responded that the convoy had been delayed.",
                ("The ministry", "responded", "assert", "the convoy had been delayed"),
            ),
            (
                "Rights groups criticised both sides for shelling the camp.",
                (
                    "Rights groups",
                    "criticised",
                    "criticize",
                    "both sides for shelling the camp",
                ),
            ),
            (
                "Residents feared that the dam would burst.",
                ("Residents", "feared", "believe", "the dam would burst"),
            ),
            (
                "Engineers think the dam will hold.",
                ("Engineers", "think", "believe", "the dam will hold"),
            ),
            (
                "The opposition blasted the envoy for his silence.",
                ("The opposition", "blasted", "criticize", "the envoy for his silence"),
            ),
            (
                "The envoy asked whether the crossing would reopen.",
                ("The envoy", "asked", "question", "whether the crossing would reopen"),
            ),
            (
                "The inspectors found that the depot was empty.",
                ("The inspectors", "found", "evidence", "the depot was empty"),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(claims(text), [want], "{text}");
        }
    }

    #[test]
    fn a_belief_clause_may_open_with_a_name_before_its_verb() {
        assert_eq!(
            claims("Analysts think Rahimi will run again."),
            [("Analysts", "think", "believe", "Rahimi will run again")]
        );
        assert_eq!(
            claims("Few think Geneva talks are near."),
            [("Few", "think", "believe", "Geneva talks are near")]
        );
        // A name and no verb: "thought X a Y" holds an opinion of X, no clause.
        assert_eq!(claims("Residents thought Aleppo a safer place to live."), []);
    }

    #[test]
    fn a_speakers_own_attitude_and_an_object_without_that_are_not_claims() {
        assert_eq!(
            claims("\"I think the dam will hold,\" the commander said."),
            [("the commander", "said", "assert", "I think the dam will hold")]
        );
        assert_eq!(claims("The inspectors found a way into the depot."), []);
        assert_eq!(claims("We hope that the talks resume soon."), []);
        // A cue noun, then a complement "that", stands in for "that"; a relative "that" does not.
        assert_eq!(
            claims("The envoy repeated the claim that the dam was mined."),
            [("The envoy", "repeated", "assert", "the claim that the dam was mined")]
        );
        assert_eq!(claims("The inspectors found a route that was never mined."), []);
    }

    #[test]
    fn declaring_a_thing_is_an_act_declaring_a_clause_is_a_claim() {
        assert_eq!(claims("The army declared a three-day truce around the airport."), []);
        assert_eq!(
            claims("Each time the council declares a ceasefire the shelling resumes."),
            []
        );
        assert_eq!(claims("The rebels declared the town a military zone."), []);
        assert_eq!(
            claims("The army declares it has retaken the airport."),
            [("The army", "declares", "assert", "it has retaken the airport")]
        );
        assert_eq!(
            claims("The council declared that the truce was over."),
            [("The council", "declared", "assert", "the truce was over")]
        );
        // A follow-up participle obeys its cue too.
        assert_eq!(
            claims("The militants took the town on Sunday declaring an emirate in the valley."),
            []
        );
        // Other cues that need "that": a subject and its finite verb make a clause too.
        assert_eq!(
            claims("The inspectors found the depot was empty."),
            [("The inspectors", "found", "evidence", "the depot was empty")]
        );
        assert_eq!(claims("The shelling continued while the talks were under way."), []);
    }

    #[test]
    fn a_question_asked_in_direct_speech_has_the_question_stance() {
        assert_eq!(
            claims("“Who will rebuild the bridge?” a shopkeeper asked."),
            [("a shopkeeper", "asked", "question", "Who will rebuild the bridge?")]
        );
        assert_eq!(
            claims("The mayor asked, \"Where is the money?\""),
            [("The mayor", "asked", "question", "Where is the money?")]
        );
    }

    #[test]
    fn continued_speaks_after_a_quote_or_before_a_colon_but_not_of_events() {
        assert_eq!(
            claims("\"We will not leave the city,\" the mayor continued."),
            [("the mayor", "continued", "assert", "We will not leave the city")]
        );
        assert_eq!(
            claims("The mayor continued: \"Nobody will be forgotten.\""),
            [("The mayor", "continued", "assert", "Nobody will be forgotten")]
        );
        assert_eq!(claims("In the north, shelling continued overnight."), []);
        assert_eq!(claims("The rebels continued their advance on the town."), []);
    }
}
