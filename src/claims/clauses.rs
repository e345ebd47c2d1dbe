//! Clause bounds for the speech rules: where a content starts after its cue (skipping a
//! recipient, "that" and attribution frames), where a clause ends (";", ", but", ", saying",
//! ", and warned", ", while" before a new speaker, a closing quote opened before it) and starts (after ";", ", but" or a
//! dateline), and what may follow a trailing "SOURCE said".

use super::tokens::Word;
use super::{words, Class, Ctx, Cue, Frame};
use crate::span::Span;
use std::cell::{OnceCell, RefCell};

impl Ctx<'_> {
    /// After "SOURCE CUE" preceded by a comma, nothing but adjuncts follow ("on Tuesday", "in a
    /// statement", "told AFP by phone"): the content is before.
    pub(super) fn trailing_ok(&self, after: usize, cue: &Cue) -> bool {
        let end = self.clause_end_any(after);
        // "..., Zarif said according to Press TV": a second attribution, not a content; "...
        // the monitor said citing doctors": a participle clause.
        if after >= end
            || self.is(after, words![","])
            || self.according_to_at(after)
            || (self.has(after, Class::Participle) && self.word_starts_lower(after) && self.relay_that(after).is_none())
            || self.participle_clause(after)
        {
            return true;
        }
        if end - after > 10 || (after..end).any(|k| self.is(k, words!["that", ":"])) {
            return false;
        }
        let k = if cue.lemma == "tell" {
            self.recipient_end(after)
        } else {
            after
        };
        // "..., the governor told a news conference on Sunday.": what "told" governs has no verb,
        // so it is the recipient, not a content.
        let recipient_only = cue.lemma == "tell"
            && (after..end).all(|j| {
                !self.verbish(j)
                    && !self.has(j, Class::Be)
                    && !self.has(j, Class::Auxiliary)
                    && self.toks[j].cue.is_none()
            });
        // "As costs rise, the alliance plans to bolster its forces": "to", a verb and its object
        // make an infinitive, the cue's own content, not an adjunct ("to the BBC", "to reporters").
        let opens_object = |j: usize| {
            self.has(j, Class::Article)
                || self.has(j, Class::NpOpener)
                || self.has(j, Class::Pronoun)
                || self.is(j, words!["that", "them", "him", "her", "us"])
        };
        let infinitive = self.is(k, words!["to"])
            && k + 2 < end
            && self.word_starts_lower(k + 1)
            && !opens_object(k + 1)
            && !self.has(k + 1, Class::Determiner)
            && opens_object(k + 2);
        if infinitive {
            return false;
        }
        k == end || recipient_only || self.has(k, Class::Adjunct) || self.is(k, words![","]) || self.time_word(k)
    }

    /// "... the monitor said updating its toll", "... the statement said destroying depots",
    /// "... it said and included 20 children": an "-ing" word that takes an object (a
    /// determiner, preposition or number follows, not a verb as in "said fighting had
    /// resumed"), or "and" before a verb, goes on with the cue's own subject: no content.
    fn participle_clause(&self, k: usize) -> bool {
        let object = |j: usize| {
            j < self.toks.len()
                && (self.has(j, Class::Article)
                    || self.has(j, Class::Determiner)
                    || self.has(j, Class::Preposition)
                    || self.toks[j].starts_digit())
        };
        let w = self.lower(k);
        // Not "during", "everything", "morning": prepositions, "-thing" pronouns, time words.
        let ing = w.len() > 5
            && w.ends_with("ing")
            && !w.ends_with("thing")
            && !self.has(k, Class::Preposition)
            && !self.time_word(k)
            && self.word_starts_lower(k)
            && object(k + 1);
        ing || (self.is(k, words!["and"]) && k + 1 < self.toks.len() && self.verbish(k + 1))
    }

    /// After "told": a recipient of up to five words before "that" ("told the conference that"),
    /// else a recognised one ([`Ctx::recipient_end`]).
    fn tell_recipient_end(&self, j: usize) -> usize {
        let limit = (j + 6).min(self.toks.len());
        (j..limit)
            .take_while(|&k| !self.toks[k].is_punct())
            .find(|&k| self.is(k, words!["that"]))
            .unwrap_or_else(|| self.recipient_end(j))
    }

    /// The end of the recipient of "tell" starting at `j`: "Reuters", "The Associated Press",
    /// "reporters"; `j` when there is none.
    pub(super) fn recipient_end(&self, j: usize) -> usize {
        let k = j + usize::from(self.has(j, Class::Article));
        let caps = (k..self.toks.len()).take_while(|&m| self.name_part(m, k)).count();
        if caps > 0 {
            k + caps
        } else if self.has(k, Class::Recipient) || (k > j && self.has(k, Class::MediaNoun)) {
            // "told reporters", "told the agency"
            k + 1
        } else if self.word_starts_lower(k) && self.has(k + 1, Class::Recipient) {
            k + 2 // "state television", "local media"
        } else {
            j
        }
    }

    /// The content starts after the cue, skipping a recipient ("told Reuters"), attribution
    /// frames ("in a statement", "on Twitter", "on Sunday") and "that".
    pub(super) fn content_start(&self, after: usize, cue: &Cue) -> usize {
        let mut j = if cue.lemma == "tell" {
            self.tell_recipient_end(after)
        } else {
            after
        };
        loop {
            let before = j;
            if self.has(j, Class::Adjunct) && !self.is(j + 1, words!["least", "most"]) {
                let limit = (j + 9).min(self.toks.len());
                // "in an interview with The Associated Press last week that": a longer
                // adjunct reaches "that" with no punctuation on the way.
                // No verb, cue or clause word on the way: "responded to the claim by activists
                // that", "threatened ... Kennedy said that" are other clauses' "that".
                let plain = |k: usize| {
                    !(self.toks[k].is_punct()
                        || self.verbish(k)
                        || self.toks[k].cue.is_some()
                        || [Class::Be, Class::Auxiliary, Class::Clause]
                            .iter()
                            .any(|&c| self.has(k, c)))
                };
                let far = (j + 1..(j + 15).min(self.toks.len()))
                    .take_while(|&k| self.is(k, words!["that"]) || plain(k))
                    .find(|&k| self.is(k, words!["that"]))
                    // "in a report by the group that monitors the war": a relative "that".
                    .filter(|&k| {
                        k + 1 < self.toks.len()
                            && !(self.verbish(k + 1) || self.has(k + 1, Class::Be) || self.has(k + 1, Class::Auxiliary))
                    });
                if let Some(k) = (j + 1..limit).find(|&k| self.is(k, words!["that", ","])) {
                    j = k + usize::from(self.is(k, words![","]));
                } else if let Some(k) = far {
                    j = k;
                } else if self.capitalised(j + 1) && j + 2 < self.toks.len() && !self.capitalised(j + 2) {
                    j += 2;
                }
            }
            // "reported citing a military source that ...": the relayed source is no content.
            if let Some(k) = self.relay_that(j) {
                j = k + 1;
            }
            // "say privately that", "warned of famine"
            let adverb = j < self.toks.len() && self.word(j).ends_with("ly") && self.is(j + 1, words!["that"]);
            if adverb || (cue.lemma == "warn" && self.is(j, words!["of"])) {
                j += 1;
            }
            if let Some(k) = self.view_that(j) {
                j = k + 1;
            }
            // "said Sunday that", "said Tuesday night that", "said Sunday it would": a time,
            // then "that" or what opens the content's subject: a pronoun, a determiner, a number
            // or a name (not a noun the time modifies: "condemned weekend air raids").
            let times = (j..self.toks.len()).take_while(|&k| self.time_word(k)).count();
            let subject_next = |k: usize| {
                k < self.toks.len()
                    && (self.has(k, Class::Pronoun)
                        || self.has(k, Class::NpOpener)
                        || self.toks[k].starts_digit()
                        || self.capitalised(k))
            };
            if times > 0 && (self.is(j + times, words!["that"]) || subject_next(j + times)) {
                j += times;
            }
            // A subject "that" ([`Ctx::subject_that`]) is the content's, but only right after
            // the cue: after an adjunct ("in a statement that was read out") it is a relative
            // pronoun.
            let subject_that = j == after && self.subject_that(j);
            if self.is(j, words!["that", ":"]) && !subject_that {
                j += 1;
            }
            if j == before {
                return j;
            }
        }
    }

    /// Token `j` is a "that" that is a clause's subject, not its complementizer: "said that
    /// would require a vote", "said that is why" (a lower-case form of "be" or finite verb, class
    /// `finite_verb`, follows).
    pub(super) fn subject_that(&self, j: usize) -> bool {
        self.is(j, words!["that"])
            && self.word_starts_lower(j + 1)
            && (self.has(j + 1, Class::Be) || self.has(j + 1, Class::FiniteVerb))
    }

    /// "echoed the view that ...", "repeated their belief that ...": the "that" after a view
    /// noun (class `view_noun`) at `k`, with an article or possessive before it, when a subject
    /// follows (not a relative "that": "the view that was aired"): the content is the clause
    /// after it. A cue noun keeps its phrase in the content ("rejected | allegations that ...",
    /// as the hand-written held-out set has it), so it is no view noun.
    fn view_that(&self, k: usize) -> Option<usize> {
        let n = k + usize::from(self.has(k, Class::Article) || self.has(k, Class::AdjunctDet));
        let noun = n < self.toks.len() && self.word_starts_lower(n) && self.has(n, Class::ViewNoun);
        let clause = n + 2 < self.toks.len()
            && self.is(n + 1, words!["that"])
            && !(self.verbish(n + 2) || self.has(n + 2, Class::Be) || self.has(n + 2, Class::Auxiliary));
        (noun && clause).then_some(n + 1)
    }

    /// "citing a military source that": the "that" closing a relay phrase (class `relay`) that
    /// opens at `k`, within eight words and before any punctuation or other cue, when a subject
    /// follows it (not a relative "that": "citing surveys that also showed").
    pub(super) fn relay_that(&self, k: usize) -> Option<usize> {
        if !self.has(k, Class::Relay) || !self.word_starts_lower(k) {
            return None;
        }
        let subject = |j: usize| {
            j < self.toks.len()
                && (self.capitalised(j)
                    || self.toks[j].starts_digit()
                    || [Class::NpOpener, Class::Pronoun, Class::Determiner]
                        .iter()
                        .any(|&c| self.has(j, c)))
        };
        (k + 2..(k + 9).min(self.toks.len()))
            .take_while(|&j| !self.toks[j].is_punct() && self.toks[j].cue.is_none())
            .find(|&j| self.is(j, words!["that"]))
            .filter(|&j| subject(j + 1))
    }

    /// The token index where the clause starting at `start` ends (exclusive), if it holds at
    /// least two tokens.
    pub(super) fn clause_end(&self, start: usize) -> Option<usize> {
        let j = self.clause_end_any(start);
        (j > start + 1).then_some(j)
    }

    /// The token index where the clause starting at `start` ends (exclusive).
    pub(super) fn clause_end_any(&self, start: usize) -> usize {
        if start >= self.toks.len() {
            return start;
        }
        // The first ";" or clause break from `start` on, or an earlier closing quote mark.
        let t = self.tables();
        let mut j = self.break_from(start);
        let first = t.closers.partition_point(|&k| k < start);
        if let Some(&k) = t.closers[first..]
            .iter()
            .take_while(|&&k| k < j)
            .find(|&&k| self.closes_earlier_quote(start, k))
        {
            j = k;
        }
        while j > start && self.toks[j - 1].is_final_punct() {
            j -= 1;
        }
        // An open quote takes its closing mark, with the stop inside it: `"to restore order."`.
        let opened = t.marks.partition_point(|&k| k < j) - t.marks.partition_point(|&k| k < start);
        if opened % 2 == 1 {
            let mut k = j;
            while k < self.toks.len() && self.toks[k].is_final_punct() && !self.is(k, words!["\"", "”"]) {
                k += 1;
            }
            if self.is(k, words!["\"", "”"]) {
                j = k + 1;
            }
        }
        j
    }

    /// A new clause starts at token `j`: ";", ", but", ", saying", ", and warned", "but
    /// declined", "and called" (a new speech act), ", without ..." or ", a claim rejected by
    /// ...". Not ", but that ...": a second "that" clause of the same cue ("said X was right,
    /// but that Y went too far"), unless "that" is the subject of a verb (", but that is not
    /// all"). A concessive contrast (a contrast word that is also a subordinator: ", although",
    /// ", though", ", while") goes on with the content ("said the plan was sound, although
    /// funding is uncertain", as PolNeAR annotates it), unless a cue follows in it (", while
    /// critics said", ", while officials accused"). Punctuation and words are told apart first: each case needs one or the
    /// other.
    fn clause_break(&self, j: usize) -> bool {
        let verb_after = |k: usize| k < self.toks.len() && (self.verbish(k) || self.cue_at(k).is_some());
        if self.toks[j].is_punct() {
            let second_that = || {
                self.is(j + 2, words!["that"])
                    && !(verb_after(j + 3) || self.has(j + 3, Class::Be) || self.has(j + 3, Class::Auxiliary))
            };
            // A comma inside a closing quote mark counts as one after it: "he has “grown the
            // party,” claiming that ...".
            let comma = self.is(j, words![","])
                || (j > 0 && self.is(j - 1, words![","]) && self.quote_closed_at(self.toks[j].span).is_some());
            return self.is(j, words![";"])
                || (comma
                    && ((self.has(j + 1, Class::Contrast)
                        && if self.has(j + 1, Class::Subordinator) {
                            self.cue_ahead(j + 2)
                        } else {
                            !second_that()
                        })
                        || self.has(j + 1, Class::Participle)
                        || (self.is(j + 1, words!["and"]) && (verb_after(j + 2) || self.is(j + 2, words!["that"])))
                        || self.is(j + 1, words!["without", "despite", "amid"])
                        || (self.is(j + 1, words!["a", "an"]) && self.has(j + 2, Class::Summary))));
        }
        (self.is(j, words!["but"]) && verb_after(j + 1))
            || (self.has(j, Class::Contrast) && self.word_starts_lower(j) && self.speaker_after(j + 1))
            || (self.is(j, words!["and"]) && self.cue_at(j + 1).is_some())
            // "... were killed without specifying whether ...", commas or not.
            || (self.is(j, words!["without"]) && j + 1 < self.toks.len() && self.lower(j + 1).ends_with("ing"))
            || self.bare_participle(j)
    }

    /// A cue that is no noun within seven words from `k`, before any punctuation: ", while
    /// Kurdish officials accused Turkey of ..." opens a new claim, not more of the content.
    fn cue_ahead(&self, k: usize) -> bool {
        (k..(k + 7).min(self.toks.len()))
            .take_while(|&j| !self.toks[j].is_punct())
            .any(|j| self.cue_at(j).is_some_and(|c| !c.nominal))
    }

    /// Copy without commas: "X said A but one of his relatives told AFP that B": a source of up
    /// to six words from `k`, then its speech cue, opens a new claim after a contrast word.
    fn speaker_after(&self, k: usize) -> bool {
        let Some(cue) = (k + 1..(k + 7).min(self.toks.len()))
            .take_while(|&j| !self.toks[j].is_punct() && !self.has(j, Class::Clause))
            .find(|&j| self.cue_at(j).is_some_and(|c| !c.nominal && c.frame == Frame::Speech))
        else {
            return false;
        };
        let aux = self.auxiliaries_before(cue);
        aux > k && self.looks_like_source(k, aux)
    }

    /// The object of the participle or cue at `j` holds a casualty word (`casualty` in
    /// `words.tsv`) before any "that" or punctuation: "claiming the lives of eight", "the war
    /// has claimed 300,000 lives" count the dead, they are no claims.
    pub(super) fn casualty_object(&self, j: usize) -> bool {
        (j + 1..(j + 7).min(self.toks.len()))
            .take_while(|&k| !self.toks[k].is_punct() && !self.is(k, words!["that"]))
            .any(|k| self.has(k, Class::Casualty))
    }

    /// Copy without commas: "... reported 15 deaths citing a statement", "... was hit adding
    /// it was unclear": a lower-case reporting participle after a word, before a clause or a
    /// noun phrase, opens a new clause.
    #[inline]
    pub(super) fn bare_participle(&self, j: usize) -> bool {
        // The participle's own class first: most words have none, and need no call.
        self.has(j, Class::Participle) && self.participle_opens(j)
    }

    /// [`Ctx::bare_participle`] for a participle at `j`.
    fn participle_opens(&self, j: usize) -> bool {
        let opener = |k: usize| {
            k < self.toks.len()
                && (self.is(k, words!["that"])
                    || self.has(k, Class::Pronoun)
                    || self.has(k, Class::Article)
                    || self.capitalised(k)
                    || self.toks[k].starts_digit())
        };
        j > 0
            && self.word_starts_lower(j)
            && !self.casualty_object(j)
            && !self.toks[j - 1].is_punct()
            && !self.has(j - 1, Class::Article)
            // "quoted X as saying", "went on by saying": the participle is the cue's own.
            && !self.has(j - 1, Class::Preposition)
            && !self.is(j - 1, words!["as"])
            // "fighters were saying that": a progressive verb, not a new clause.
            && !self.has(j - 1, Class::Be)
            && opener(j + 1)
    }

    /// Token `j` closes a quote opened before token `start`: "“The army said it would
    /// protect us,” he said" ends the inner clause at the mark.
    fn closes_earlier_quote(&self, start: usize, j: usize) -> bool {
        self.is(j, QUOTE_MARKS)
            && self
                .quote_closed_at(self.toks[j].span)
                .is_some_and(|q| q.open.start < self.toks[start].span.start)
    }

    /// Where the clause ending at token `end` starts: after the last ";", ", but" or a dateline
    /// ("BEIRUT (Reuters) -").
    pub(super) fn clause_start(&self, end: usize) -> usize {
        self.start_of(end.min(self.toks.len()))
    }

    /// A clause ends after token `j` (for [`Ctx::clause_start`]).
    fn clause_boundary(&self, j: usize) -> bool {
        let punct = self.toks[j].is_punct();
        (punct
            && (self.is(j, words![";"])
                || (self.is(j, words!["—", "–", "-", "--"]) && j > 0 && self.is(j - 1, words![")"]))
                || (self.is(j, words!["-"]) && j > 1 && self.is(j - 1, words!["-"]) && self.is(j - 2, words![")"]))))
            || (self.has(j, Class::Contrast) && j > 0 && self.is(j - 1, words![","]))
            || self.glued_start(j + 1)
            // A dash is punctuation: a word needs no look for one.
            || (punct && self.agency_dash(j))
    }

    /// Token `j` is the dash after a dated agency slug: "Sat 24 Aug 2013 at 2354 Regional NNA -
    /// The blast ...": a dash right after an all-capitals word, a date at most six words before.
    fn agency_dash(&self, j: usize) -> bool {
        j >= 2
            && self.is(j, words!["-", "—", "–"])
            && self.all_caps(j - 1)
            && (j.saturating_sub(7)..j - 1).any(|d| self.date_end(d))
    }

    /// A word of two or more capitals, nothing else: "BEIRUT", "NNA", "DEIR".
    pub(super) fn all_caps(&self, k: usize) -> bool {
        let w = self.word(k);
        w.len() >= 2 && w.chars().any(char::is_uppercase) && w.chars().all(|c| c.is_uppercase() || c == '-')
    }

    /// Token `k` ends a full date: "24.09.2014", a year after a month or day ("6 October
    /// 2014", "Oct 2014"), or a scraped day glued to its year after a month ("Jun 062016").
    pub(super) fn date_end(&self, k: usize) -> bool {
        // Every form below opens with a digit: test that first.
        if !self.toks[k].starts_digit() {
            return false;
        }
        let w = self.word(k);
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let year = |s: &str| s.len() == 4 && (s.starts_with("19") || s.starts_with("20")) && digits(s);
        let mut parts = w.split('.');
        if let (Some(d), Some(m), Some(y), None) = (parts.next(), parts.next(), parts.next(), parts.next()) {
            return (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) && digits(d) && digits(m) && year(y);
        }
        // A year, or one or two day digits glued before it.
        let glued = (5..=6).contains(&w.len()) && digits(w) && year(&w[w.len() - 4..]);
        (year(w) || glued) && k >= 1 && (self.time_word(k - 1) || (year(w) && self.toks[k - 1].starts_digit()))
    }

    /// The sentence's clause lookups, so that every clause scan of a rule costs O(1)
    /// (amortised; O(log n) for counts of quote marks and commas) and the rules stay linear in
    /// the sentence, however many cues it holds. The quote marks and commas are listed in one
    /// pass over the punctuation on first use; clause starts and ends
    /// are built apart and only as far as the rules ask ([`Ctx::clause_start`],
    /// [`Ctx::clause_end_any`]), each token's test made at most once.
    pub(super) fn tables(&self) -> &Tables {
        self.tables.get_or_init(|| {
            let mut t = Tables {
                starts: RefCell::new(Starts {
                    list: Vec::new(),
                    next: 0,
                }),
                breaks: OnceCell::new(),
                furniture: OnceCell::new(),
                closers: Vec::new(),
                marks: Vec::new(),
                commas: Vec::new(),
            };
            // Quote marks and commas are punctuation: words are passed over at once.
            for (j, tok) in self.toks.iter().enumerate() {
                if !tok.is_punct() {
                    continue;
                }
                if self.is(j, QUOTE_MARKS) {
                    t.marks.push(j);
                    if self.quote_closed_at(tok.span).is_some() {
                        t.closers.push(j);
                    }
                } else if self.is(j, words![","]) {
                    t.commas.push(j);
                }
            }
            t
        })
    }

    /// A comma among tokens `[from, to)`.
    pub(super) fn comma_in(&self, from: usize, to: usize) -> bool {
        let commas = &self.tables().commas;
        let first = commas.partition_point(|&k| k < from);
        commas.get(first).is_some_and(|&k| k < to)
    }

    /// Where the clause ending at token `end` (at most the token count) starts: [`Starts`]
    /// extended up to `end`.
    fn start_of(&self, end: usize) -> usize {
        let (n, furniture) = (self.toks.len(), self.furniture());
        let mut s = self.tables().starts.borrow_mut();
        // The list never holds more than `n + 1` entries: one allocation, no regrowth.
        if s.list.capacity() == 0 {
            s.list.reserve_exact(n + 1);
        }
        while s.list.len() <= end {
            let j = s.list.len();
            let next = s.next;
            s.list.push(next);
            if j < n && (self.clause_boundary(j) || furniture.iter().any(|r| r.1 == j + 1)) {
                s.next = j + 1;
            }
        }
        s.list[end]
    }

    /// The first ";" or clause break at or after token `j` (at most the token count):
    /// [`Breaks`] extended down to `j`.
    fn break_from(&self, j: usize) -> usize {
        let t = self.tables();
        let b = t.breaks.get_or_init(|| {
            let n = self.toks.len();
            RefCell::new(Breaks {
                list: vec![n; n + 1],
                low: n,
                main: self.main_clause_comma(),
            })
        });
        let furniture = self.furniture();
        let mut b = b.borrow_mut();
        let Breaks { list, low, main } = &mut *b;
        if j < *low {
            // The entries `[j, low)`, right to left, each the one after it unless a break: a
            // slice of their own, so that the loop keeps its state in registers.
            let mut next = list[*low];
            for (k, entry) in (j..*low).zip(&mut list[j..*low]).rev() {
                if self.clause_break(k) || *main == Some(k) || furniture.iter().any(|r| r.0 == k && k > 0) {
                    next = k;
                }
                *entry = next;
            }
            *low = j;
        }
        list[j]
    }

    /// [`Ctx::boilerplate_runs`], found once for both [`Ctx::start_of`] and [`Ctx::break_from`].
    fn furniture(&self) -> &[(usize, usize)] {
        self.tables().furniture.get_or_init(|| self.boilerplate_runs())
    }

    /// "While he said the plan would work, critics doubted it": in a sentence that opens with a
    /// subordinate clause holding a cue (its subordinator may follow up to three words that are
    /// no verb: "A few weeks after", "And while"; or "Having VERBED"), with no comma between the
    /// subordinator and the cue, the first comma after the cue that starts the main clause ends
    /// the cue's content. The words before the comma hold a verb (not "said just
    /// today, the ..."), and a subject and a verb follow it: a pronoun, or a noun phrase with a
    /// verb within five words (not a list "Iowa, Ohio" or an appositive "a former aide").
    fn main_clause_comma(&self) -> Option<usize> {
        let n = self.toks.len();
        // The subordinator may follow a few words that are no verb ("Even as", "And while", "A
        // few weeks after"); "Having said that X, Y ..." opens such a clause too.
        let first =
            (0..n.min(4)).find(|&k| self.has(k, Class::Subordinator) || (k == 0 && self.is(0, words!["having"])))?;
        if (0..first).any(|k| self.toks[k].is_punct() || self.verbish(k) || self.cue_at(k).is_some()) {
            return None;
        }
        let cue = (first + 1..n).find(|&k| self.cue_at(k).is_some())?;
        // "After the vote, officials said X, ...": the cue is in the main clause already.
        if (first + 1..cue).any(|k| self.is(k, words![","])) {
            return None;
        }
        let verb = |k: usize| {
            self.verbish(k)
                || self.has(k, Class::Be)
                || self.has(k, Class::Auxiliary)
                || self.cue_at(k).is_some()
                || (self.word_starts_lower(k) && self.word(k).ends_with("ing"))
        };
        let noun_phrase = |k: usize| {
            self.has(k, Class::Article)
                || self.has(k, Class::NpOpener)
                || (self.capitalised(k) && !self.toks[k].is_punct())
        };
        let main = |k: usize| {
            k < n
                && (self.has(k, Class::Pronoun)
                    || self.is(k, words!["there"])
                    || (noun_phrase(k)
                        && (k + 1..(k + 6).min(n))
                            .take_while(|&j| !self.is(j, words![",", ";", ":"]))
                            .any(|j| {
                                verb(j)
                                    || (self.word_starts_lower(j)
                                        && self.word(j).ends_with('s')
                                        && !self.word(j).contains(['\'', '’']))
                            })))
        };
        let mut seen_verb = false;
        for j in cue + 1..n {
            if self.is(j, words![","]) && seen_verb && main(j + 1) {
                return Some(j);
            }
            seen_verb |= verb(j) || self.is(j, words!["of", "for"]);
        }
        None
    }

    /// A new sentence glued on at token `k` without its stop, as scraped copy leaves titles,
    /// datelines and photo credits: "... 21 Jul 2015 A missile ...", "... BEIRUT A US-led
    /// coalition ...", "(TRT World and Agencies) Syrian regime ...", "... Kirkuk In a separate
    /// event ...", "MOSCOW (Sputnik) According to ...". A capitalised "A"/"An", preposition or
    /// "According" inside a sentence, or "The" after a number, an all-capitals word or a
    /// bracket.
    fn glued_start(&self, k: usize) -> bool {
        // Every case starts a capitalised word after a word or ")": test that first.
        if k == 0 || k + 1 >= self.toks.len() || !self.toks[k].starts_upper() {
            return false;
        }
        let prev = self.word(k - 1);
        if self.toks[k - 1].is_punct() && prev != ")" {
            return false;
        }
        // "... Damascus August 21 2013. REUTERS/Jane Doe The United States said": a photo
        // credit, an agency in capitals and a slash before a name.
        let photo_credit = || {
            (k.saturating_sub(4)..k - 1).any(|s| {
                s > 0 && self.is(s, words!["/"]) && self.all_caps(s - 1) && (s + 1..k).all(|m| self.capitalised(m))
            })
        };
        let after_break = || {
            prev.starts_with(|c: char| c.is_ascii_digit())
                || (prev.len() >= 3 && prev.chars().all(|c| c.is_uppercase()))
                || prev == ")"
        };
        // "(TRT World) Syrian ...", a caption credit; "MOSCOW (Sputnik) Russian ...", "DEIR
        // EZ-ZOR (Syria) (Sputnik) Reportedly ...", a city and agency without their dash.
        let caption = || prev == ")" && (self.is(0, words!["("]) || self.agency_dateline(k));
        // "Published October 6 2014 Two bombers ...", "Last updated at Jul 172015 Barrel bombs
        // ...", "24.09.2014 Airstrikes ...": a full date, then a capitalised word; or a date and
        // a city in capitals ("... Jun 062016 AMMAN Nearly 50 ...").
        let dated =
            || self.date_end(k - 1) || (k >= 2 && prev.len() >= 3 && self.date_end(k - 2) && self.all_caps(k - 1));
        // Here the word before is one, or ")". Cheapest tests first: the case-blind key test
        // before the spelling.
        (self.is(k, words!["a", "an", "in", "on", "at", "according"]) && self.title_case(k))
            || (self.is(k, words!["the"]) && self.title_case(k) && (after_break() || photo_credit()))
            || caption()
            || dated()
    }

    /// Page furniture glued into the sentence (`boilerplate.tsv`), as token runs `[start, end)`:
    /// a phrase whose first word is capitalised ("Tags", "Get short URL", "Slideshow"), then a
    /// bracketed count ("(21 Images)") and up to two counters ("0 85"), then for a `list` phrase
    /// its keywords. Each run ends one clause and starts the next ([`Ctx::start_of`], [`Ctx::break_from`]).
    fn boilerplate_runs(&self) -> Vec<(usize, usize)> {
        let mut runs = Vec::new();
        // Most sentences hold no word that opens furniture: the sentence's class union says so.
        if !self.tokens.any(Class::BoilerplateStart) {
            return runs;
        }
        let mut k = 0;
        while k < self.toks.len() {
            // Most words open no furniture: one class test before the phrase lookup.
            if !self.has(k, Class::BoilerplateStart) {
                k += 1;
                continue;
            }
            match self.boilerplate_at(k) {
                Some(end) => {
                    runs.push((k, end));
                    k = end;
                }
                None => k += 1,
            }
        }
        runs
    }

    /// The end of the page furniture starting at token `k` ([`Ctx::boilerplate_runs`]), if any.
    pub(super) fn boilerplate_at(&self, k: usize) -> Option<usize> {
        if !self.has(k, Class::BoilerplateStart) || !self.capitalised(k) {
            return None;
        }
        let phrase = self
            .lexicon
            .boilerplate_from(self.lower(k))
            .iter()
            .find(|b| self.spells(k, &b.words))?;
        let mut end = k + phrase.words.len();
        if self.is(end, words!["("]) {
            if let Some(close) = (end + 1..(end + 5).min(self.toks.len())).find(|&c| self.is(c, words![")"])) {
                end = close + 1;
            }
        }
        let counter = |j: usize| j < self.toks.len() && self.word(j).bytes().all(|b| b.is_ascii_digit());
        for _ in 0..2 {
            if counter(end) && end + 1 < self.toks.len() {
                end += 1;
            }
        }
        if phrase.list {
            end = self.keyword_list_end(end)?;
        }
        Some(end)
    }

    /// Where a title-case keyword list starting at token `from` ends, at the glued sentence:
    /// "Syria Idlib Ariha Assad war | Government air raids in ...", "... Syrian opposition |
    /// Fourteen members of ...", "... Palmyra | The Islamic State group has ...". Scanning stops
    /// at the sentence's first sure sign (punctuation, a cue, a finite verb, a lower-case
    /// preposition, auxiliary, clause word or form of "be"); the sentence opens at the last
    /// capitalised count or function word ("Two", "The", "At least") before that, else at the
    /// last capitalised word that a lower-case word follows and no function word precedes (with
    /// neither, the list is all
    /// keywords and ends at `from`). None when the list does not open with a capitalised word
    /// ("Tags on the crates showed ...").
    fn keyword_list_end(&self, from: usize) -> Option<usize> {
        if !self.capitalised(from) || self.toks[from].is_punct() {
            return None;
        }
        let function = |j: usize| {
            [
                Class::Preposition,
                Class::Auxiliary,
                Class::Clause,
                Class::Be,
                Class::Article,
            ]
            .iter()
            .any(|&c| self.has(j, c))
        };
        let (mut opener, mut capital) = (None, None);
        let mut j = from;
        while j < self.toks.len() {
            let stop = self.toks[j].is_punct()
                || self.cue_at(j).is_some()
                || self.verbish(j)
                || (self.word_starts_lower(j) && function(j) && !self.has(j, Class::Article));
            if stop {
                break;
            }
            // "IS", "AT" in capitals are names, not function words.
            let word_opener = self.capitalised(j) && !self.all_caps(j) && (self.has(j, Class::Count) || function(j));
            if word_opener {
                opener = Some(j);
            } else if self.capitalised(j) && !(j > from && function(j - 1)) && self.word_starts_lower(j + 1) {
                capital = Some(j);
            }
            j += 1;
        }
        Some(opener.or(capital).unwrap_or(from))
    }

    /// Tokens `0..k` are a dateline without its dash: words in capitals, then one or more
    /// bracketed groups of at most four capitalised words ("DAMASCUS (Sputnik)"); the city has at
    /// most six words, so the test is bounded.
    fn agency_dateline(&self, k: usize) -> bool {
        let city = (0..k.min(6)).take_while(|&j| self.all_caps(j)).count();
        let mut j = city;
        while city > 0 && j < k && self.is(j, words!["("]) {
            let close = (j + 1..k.min(j + 6)).find(|&c| self.is(c, words![")"]));
            match close {
                Some(c) if c > j + 1 && self.toks[j + 1].starts_upper() => j = c + 1,
                _ => return false,
            }
        }
        city > 0 && j == k && k > city
    }

    /// Token `k` is an ASCII word in title case ("According", not "ACCORDING" or "according").
    fn title_case(&self, k: usize) -> bool {
        k < self.toks.len()
            && matches!(self.word(k).as_bytes(), [first, rest @ ..]
                if first.is_ascii_uppercase() && rest.iter().all(u8::is_ascii_lowercase))
    }

    /// The content span `[from, to)`, or None when it is too short to be a claim.
    pub(super) fn content_span(&self, from: usize, to: usize) -> Option<Span> {
        // A content opens with a clause, a noun phrase or a quote, never with punctuation, a
        // finite verb, a preposition ("claims in the region remain") or "say little/nothing".
        if from >= self.toks.len() {
            return None; // nothing after the cue (a nominal cue at the end of a sentence)
        }
        let punct = self.toks[from].is_punct() && !self.is(from, QUOTE_MARKS);
        // ... except a quantity: "at least 12", "about 500", "over 100".
        let quantity = self.is(from + 1, words!["least", "most"])
            || (from + 1 < self.toks.len() && self.toks[from + 1].starts_digit())
            || (self.has(from, Class::Approximator) && (self.count_at(from + 1) || self.is(from + 1, words!["half"])));
        // ... except after "that": "said that under the deal, ...".
        let after_that = from > 0 && self.is(from - 1, words!["that"]);
        let preposition = self.has(from, Class::NotOpener) && !quantity && !after_that;
        if to <= from + 1 || punct || preposition || self.verbish(from) {
            return None;
        }
        Some(self.without_stamp(self.span(from, to)))
    }

    /// A content before its source ("In the east, a convoy reached the camp, aid workers
    /// said"): it may open with a preposition or adverb too.
    pub(super) fn fronted_span(&self, from: usize, to: usize) -> Option<Span> {
        // "\u{95}The bodies were ... he added": control characters and bullets scraped into
        // the sentence's start are not the content's.
        let junk = |k: usize| {
            self.toks[k].is_punct()
                && self
                    .word(k)
                    .chars()
                    .all(|c| c.is_control() || matches!(c, '•' | '·' | '▪' | '\u{fffd}'))
        };
        let from = (from..to).find(|&k| !junk(k)).unwrap_or(to);
        if from >= to {
            return None;
        }
        let punct = self.toks[from].is_punct() && !self.is(from, QUOTE_MARKS);
        if to <= from + 1 || punct || self.verbish(from) {
            return None;
        }
        Some(self.without_stamp(self.span(from, to)))
    }
}

pub(super) const QUOTE_MARKS: &[Word] = words!["\"", "“", "”"];

/// Clause lookups over one sentence's tokens (see [`Ctx::tables`]).
pub(super) struct Tables {
    /// Where clauses start, built forward as far as asked.
    starts: RefCell<Starts>,
    /// Where clauses end, built backward as far as asked.
    breaks: OnceCell<RefCell<Breaks>>,
    /// The page furniture runs ([`Ctx::boilerplate_runs`]).
    furniture: OnceCell<Vec<(usize, usize)>>,
    /// Quote marks that close a quote, in order.
    closers: Vec<usize>,
    /// The quote-mark tokens, in order.
    marks: Vec<usize>,
    /// The comma tokens, in order ([`Ctx::comma_in`]).
    commas: Vec<usize>,
}

/// `list[end]`: where the clause ending at token `end` starts, for `end` up to the list's
/// length; `next` is the value of the next entry (one past the last clause boundary so far).
pub(super) struct Starts {
    list: Vec<usize>,
    next: usize,
}

/// `list[j]`: the first ";" or clause break at or after token `j` (the token count if none),
/// for `j` from `low` on; `main` is the sentence's [`Ctx::main_clause_comma`].
pub(super) struct Breaks {
    list: Vec<usize>,
    low: usize,
    main: Option<usize>,
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::triples as claims;

    #[test]
    fn a_headline_content_loses_its_glued_publication_stamp() {
        let text = "Turkey says shelling of border town killed five in two days Reuters Friday 4 Nov 2016 Turkey said on Friday that shelling of a border town killed five people.";
        assert_eq!(
            claims(text),
            [
                ("Turkey", "says", "shelling of border town killed five in two days"),
                ("Turkey", "said", "shelling of a border town killed five people")
            ]
        );
        // A dated adjunct is the content's own.
        let text = "The council said the vote would be held on Monday 7 Nov 2016.";
        assert_eq!(
            claims(text),
            [("The council", "said", "the vote would be held on Monday 7 Nov 2016")]
        );
    }

    #[test]
    fn a_view_noun_before_that_leaves_the_clause_as_content() {
        for (text, cue) in [
            (
                "Local officials echoed the view that the dam would hold through the winter.",
                "echoed",
            ),
            (
                "The engineers repeated their belief that the dam would hold through the winter.",
                "repeated",
            ),
        ] {
            let got = claims(text);
            assert_eq!(got.len(), 1, "{text}");
            assert_eq!(
                (got[0].1, got[0].2),
                (cue, "the dam would hold through the winter"),
                "{text}"
            );
        }
        // A relative "that" after the noun is no content opener.
        let text = "The ministry repeated the view that was aired by the governor.";
        assert!(
            claims(text).iter().all(|c| !c.2.starts_with("was made")),
            "{:?}",
            claims(text)
        );
    }

    #[test]
    fn glued_page_furniture_is_no_part_of_a_content_or_source() {
        let content = "Artillery shells hit two bakeries near the dam";
        // A keyword list after "Tags" ends where the glued sentence starts.
        for (furniture, lead) in [
            ("Tags Hama Dam Bakeries Artillery", content),
            ("Tags Hama Ghab Plain Aid Water crisis", content),
            ("Tags Hama Dam the Ghab Plain Artillery", content),
            ("Get short URL 0 412", content),
            ("Get short URL 3107", content),
            ("Slideshow (14 Images)", content),
        ] {
            let text = format!("{furniture} {lead} the civil defence said.");
            assert_eq!(claims(&text), [("the civil defence", "said", lead)], "{text}");
        }
        let text = "Tags Hama Dam water crisis The farmers union has warned that the dam may fail.";
        assert_eq!(claims(text), [("The farmers union", "has warned", "the dam may fail")]);
        let text = "Tags Hama Dam water crisis Nine farmers were hurt the civil defence said.";
        assert_eq!(claims(text), [("the civil defence", "said", "Nine farmers were hurt")]);
        // A source before its cue starts after the furniture.
        let text = "Tags Hama Dam Water Crisis Local engineers said the dam would hold through the winter.";
        let want = ("Local engineers", "said", "the dam would hold through the winter");
        assert_eq!(claims(text), [want]);
        // A content after its cue ends before the furniture.
        let text = "Farmers say the canal has run dry Read also Dam talks stall in Hama";
        assert_eq!(claims(text), [("Farmers", "say", "the canal has run dry")]);
        // Lower case, or not followed by a keyword list, it is an ordinary word.
        let text = "Tags on the crates showed they came from the depot the civil defence said.";
        let want = "Tags on the crates showed they came from the depot";
        assert_eq!(claims(text), [("the civil defence", "said", want)]);
        let text = "Farmers say the tags read also in Hama.";
        assert_eq!(claims(text), [("Farmers", "say", "the tags read also in Hama")]);
    }

    #[test]
    fn a_glued_publication_stamp_or_agency_dateline_is_no_part_of_a_fronted_content() {
        let content = "Heavy shelling hit two villages near the dam";
        for stamp in [
            "Last updated at Mar 142019",
            "Last updated at Mar 142019 HOMS",
            "Posted 11.03.2019",
            "Mon 11 Mar 2019 at 1420 Local NNA -",
            "HOMS (Sputnik)",
            "DEIR EZ-ZOR (Syria) (Sputnik)",
        ] {
            let text = format!("{stamp} {content} the civil defence said.");
            assert_eq!(claims(&text), [("the civil defence", "said", content)], "{text}");
        }
        // Capitals and brackets inside a sentence, or a number that is no date, stay content.
        for text in [
            "In 2019 the army reached the dam the civil defence said.",
            "About 112019 Syrian refugees returned home the civil defence said.",
            "The SDF (Syrian Democratic Forces) took the dam the civil defence said.",
        ] {
            let got = claims(text);
            let want = &text[..text.find(" the civil defence").unwrap()];
            assert_eq!(got, [("the civil defence", "said", want)], "{text}");
        }
    }

    #[test]
    fn a_time_before_the_content_s_subject_is_skipped_not_before_a_noun_it_modifies() {
        assert_eq!(
            claims("The army said Monday its units had crossed the river."),
            [("The army", "said", "its units had crossed the river")]
        );
        assert_eq!(
            claims("Officials said Tuesday night 14 people had died."),
            [("Officials", "said", "14 people had died")]
        );
        assert_eq!(
            claims("The envoy said weekend raids had killed dozens."),
            [("The envoy", "said", "weekend raids had killed dozens")]
        );
    }

    #[test]
    fn a_recipient_without_a_verb_after_told_ends_a_trailing_attribution() {
        assert_eq!(
            claims("The dam was damaged in the raids, the minister told a press briefing on Monday."),
            [("the minister", "told", "The dam was damaged in the raids")]
        );
    }

    #[test]
    fn a_media_noun_after_told_is_its_recipient_not_the_content() {
        assert_eq!(
            claims("Two shells hit the bakery, a guard told the channel."),
            [("a guard", "told", "Two shells hit the bakery")]
        );
        assert_eq!(
            claims("Two shells hit the bakery police sources told the agency."),
            [("police sources", "told", "Two shells hit the bakery")]
        );
    }

    #[test]
    fn a_comma_less_participle_ends_the_content_and_speaks_for_the_source() {
        assert_eq!(
            claims("The agency reported 12 deaths citing a statement from the local council."),
            [("The agency", "reported", "12 deaths")]
        );
        assert_eq!(
            claims("The Observatory said the convoy was hit near Idlib adding it was unclear who fired."),
            [
                ("The Observatory", "said", "the convoy was hit near Idlib"),
                ("The Observatory", "adding", "it was unclear who fired")
            ]
        );
        // With no claim before it, the participle speaks for the clause's subject.
        assert_eq!(
            claims("The army seized the town on Monday saying it had cleared the area of mines."),
            [("The army", "saying", "it had cleared the area of mines")]
        );
        assert_eq!(
            claims("Western diplomats have expressed doubts about the offer fearing it could be a delaying tactic."),
            [("Western diplomats", "fearing", "it could be a delaying tactic")]
        );
        assert_eq!(
            claims("Local websites gave different figures with some saying more than 30 people had died."),
            [("some", "saying", "more than 30 people had died")]
        );
        // A participle after an article is a noun, and one before a preposition no new clause.
        assert_eq!(claims("The army issued a warning that the road was closed."), []);
        assert_eq!(
            claims("State television quoted a police source as saying that two shells hit the school."),
            [(
                "State television",
                "quoted",
                "a police source as saying that two shells hit the school"
            )]
        );
        assert_eq!(
            claims("The monitor said civilians were seen fleeing toward the border."),
            [("The monitor", "said", "civilians were seen fleeing toward the border")]
        );
    }

    #[test]
    fn a_contrast_word_before_a_new_speaker_ends_the_content() {
        assert_eq!(
            claims(
                "Neighbours first said the baker was missing but a relative of the baker told AFP that he was safe."
            ),
            [
                ("Neighbours", "first said", "the baker was missing"),
                ("a relative of the baker", "told", "he was safe"),
            ]
        );
        assert_eq!(
            claims("The army said the road was open while residents have said it was still closed."),
            [
                ("The army", "said", "the road was open"),
                ("residents", "have said", "it was still closed"),
            ]
        );
        // No speaker after it: the contrast stays in the content.
        assert_eq!(
            claims("The army said the road was open but residents were barred from using it."),
            [(
                "The army",
                "said",
                "the road was open but residents were barred from using it"
            )]
        );
    }

    #[test]
    fn claiming_lives_is_no_speech() {
        assert_eq!(
            claims("Two shells hit the market claiming the lives of eight people a police source said."),
            [(
                "a police source",
                "said",
                "Two shells hit the market claiming the lives of eight people"
            )]
        );
        assert_eq!(
            claims("The army said its jets hit the depot, claiming the lives of 20 fighters."),
            [("The army", "said", "its jets hit the depot")]
        );
    }

    #[test]
    fn a_participle_after_an_inverted_source_follows_up() {
        assert_eq!(
            claims("Rebel shelling killed 40 people said the Observatory adding that 12 of them were children."),
            [
                ("the Observatory", "said", "Rebel shelling killed 40 people"),
                ("the Observatory", "adding", "12 of them were children")
            ]
        );
        assert_eq!(
            claims("The blast wounded dozens the monitor said citing doctors at the hospital."),
            [("the monitor", "said", "The blast wounded dozens")]
        );
    }

    #[test]
    fn control_characters_scraped_into_a_sentence_start_stay_out_of_the_content() {
        let text = "Title\n\n\u{95}\u{81}The bodies were burned after the attack he added.";
        assert_eq!(
            claims(text),
            [("he", "added", "The bodies were burned after the attack")]
        );
    }

    #[test]
    fn a_long_adjunct_reaches_that_but_not_across_a_verb_or_cue() {
        assert_eq!(
            claims("Brown said in an interview with a local radio station last week that she regretted the remark."),
            [("Brown", "said", "she regretted the remark")]
        );
        assert_eq!(
            claims("The council responded to the claim by the main opposition party in the north that 40 homes were razed."),
            []
        );
    }

    #[test]
    fn an_approximate_count_opens_a_content() {
        assert_eq!(
            claims("The budget office said about half of the gap came from lower revenue."),
            [(
                "The budget office",
                "said",
                "about half of the gap came from lower revenue"
            )]
        );
        assert_eq!(claims("The budget office said about a plan to cut costs."), []);
    }
}
