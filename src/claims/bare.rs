//! Wire copy without commas. Scraped corpora often strip them, so "Three children died in the
//! shelling of Ariha the monitor said." has no comma before its source, and "According to
//! the monitor the convoy was hit" none after it. These rules find the split from the source
//! phrase itself instead of from a comma:
//!
//! - `bare_trailing`: "CONTENT SOURCE said [adjuncts]." The source is the noun phrase right
//!   before the cue: a pronoun, the last determiner that opens a new phrase ("... of Aleppo city
//!   a monitoring group said"), or else a run of names, source nouns and source modifiers
//!   ("... on Monday Syrian state television reported");
//! - `bare_inverted`: "CONTENT said SOURCE." where everything after the cue up to the sentence
//!   end is the source ("... was foiled Saturday morning said the frontline commander.");
//! - `bare_np_end`: where a source noun phrase after "according to" ends without a comma.
//!
//! Each fires only when the comma-anchored rules could not: the token before the source (or the
//! cue) is a word, and nothing but adjuncts follows the cue.

use super::lexicon::Class;
use super::words;
use super::{Claim, ClaimKind, Ctx, Cue, Frame, Rule};
use crate::gazetteer::EntityType;
use crate::matcher::Mention;

impl Ctx<'_> {
    /// "CONTENT SOURCE said [on Tuesday]." with no comma between CONTENT and SOURCE.
    pub(super) fn bare_trailing(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        // A cue that needs "that" ("continued", "mentioned") takes a content before it only when
        // it ends the sentence: "rescue workers continued searching" is no claim.
        let goes_on = self.toks.get(i + 1).is_some_and(|t| !t.is_final_punct());
        // "The Anadolu Agency citing military officials said": no content before a relay.
        if cue.frame != Frame::Speech
            || (cue.needs_that && goes_on)
            || aux_start < 2
            || !self.trailing_ok(i + 1, cue)
            || self.relay_before(aux_start).is_some()
        {
            return None;
        }
        let mut start = self.bare_np_start(self.np_start(aux_start), aux_start)?;
        // "... a monitor and two residents said": both make the source.
        if start > 1 && self.is(start - 1, words!["and"]) {
            let first = self.bare_np_start(self.np_start(start - 1), start - 1);
            if let Some(s) = first.filter(|&s| self.bare_source_ok(s, start - 1)) {
                start = s;
            }
        }
        let clause = self.clause_start(start);
        // "The Observatory a Britain-based monitor said ...": the name before is the source's.
        if self
            .bare_appositive_source(aux_start)
            .is_some_and(|(s, _, _)| s <= clause + 1)
        {
            return None;
        }
        // "a war monitor and local sources said": the conjunction joins two sources; "advisers to
        // Mr. Obama say": a phrase never ends in a preposition or determiner.
        let joined = |k: usize| self.is(k, words!["and", "or", "nor"]) || self.has(k, Class::Link);
        if start < clause + 3
            || self.toks[start - 1].is_punct()
            || joined(start - 1)
            || self.comma_in(clause, start)
            || !(self.bare_source_ok(start, aux_start) || self.plain_subject(start, aux_start, cue))
        {
            return None;
        }
        let content = self.fronted_span(clause, start)?;
        let source = self.source(start, aux_start, aux_start);
        let cue_match = self.cue_match(aux_start, i + 1, cue);
        let rule = Rule::ContentSourceCue;
        Some(self.claim(ClaimKind::Attributed, Some(source), cue_match, content, rule, 0.8))
    }

    /// "CONTENT said SOURCE." with no comma before the cue: the source runs from the cue to the
    /// end of the sentence.
    pub(super) fn bare_inverted(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        // The lemma's hash lookup last: most cues fail a token test first.
        if cue.nominal
            || aux_start < i
            || i < 3
            || self.toks[i - 1].is_punct()
            || !self.lexicon.classes(&cue.lemma).has(Class::InvertingCue)
        {
            return None;
        }
        let end = self.clause_end_any(i + 1);
        // "... said the Observatory adding that ...": a participle clause may follow.
        let rest = (end..self.toks.len()).all(|k| self.toks[k].is_final_punct()) || self.bare_participle(end);
        let clause = self.clause_start(i);
        if !rest || i < clause + 3 || self.comma_in(clause, i) {
            return None;
        }
        let (core, src_end) = self.trailing_source(i + 1, end)?;
        // "... said Fabius whose country backs the plan.": a relative clause may follow.
        let relative = self.has(src_end, Class::Relative);
        // "... said spokesman Chris Garver on Wednesday.": a time or medium adjunct may follow
        // a source, not a participle clause ("reported citing his supporters on Twitter").
        let participle = self.word_starts_lower(i + 1) && self.lower(i + 1).ends_with("ing");
        let adjunct = src_end < end
            && self.adjunct_at(src_end)
            && !participle
            && !(src_end..end).any(|k| self.verbish(k) || self.has(k, Class::Be) || self.toks[k].cue.is_some());
        if (src_end != end && !relative && !adjunct)
            || self.has(i + 1, Class::Pronoun)
            || !self.bare_source_ok(i + 1, core)
        {
            return None;
        }
        let content = self.fronted_span(clause, i)?;
        let source = self.source(i + 1, src_end, core);
        let cue_match = self.cue_match(i, i + 1, cue);
        let rule = Rule::ContentCueSource;
        Some(self.claim(ClaimKind::Attributed, Some(source), cue_match, content, rule, 0.75))
    }

    /// Where a source ending at `end` starts, when the noun phrase before it (from `lo`) has no
    /// comma to bound it: a pronoun; the last determiner that opens a new phrase (not one after
    /// "of", "in" ...); or a run of names, source nouns and modifiers.
    pub(super) fn bare_np_start(&self, lo: usize, end: usize) -> Option<usize> {
        if lo >= end {
            return None;
        }
        if self.has(end - 1, Class::Pronoun) {
            return Some(end - 1);
        }
        let opener = (lo..end)
            .rev()
            .find(|&k| self.has(k, Class::NpOpener) && (k == lo || !self.has(k - 1, Class::Link)));
        let tail = self.bare_tail_start(lo, end);
        if let Some(k) = opener {
            // "... and its surroundings local media reported": a run of names and source words
            // after a plain noun is the source, not the phrase the determiner opened.
            let plain_before = |t: usize| {
                self.glued_place_end(t - 1, t)
                    || (self.word_starts_lower(t - 1)
                        && !self.has(t - 1, Class::NpOpener)
                        && !self.has(t - 1, Class::Link)
                        && !self.source_noun_at(t - 1)
                        && !self.source_modifier(t - 1))
            };
            return Some(match tail {
                Some(t) if t > k + 1 && plain_before(t) => t,
                _ => k,
            });
        }
        tail
    }

    /// The start of the run of names, source nouns and source modifiers ending at `end`
    /// ("Syrian state television", "government spokeswoman Najat ..."), if there is one.
    fn bare_tail_start(&self, lo: usize, end: usize) -> Option<usize> {
        let mut k = end;
        let mut named = false;
        while k > lo {
            let j = k - 1;
            let name = self.name_like(j) && !self.time_word(j);
            let link = self.is(j, words!["of", "for"]) && j > lo && self.name_like(j - 1) && self.name_like(k);
            // "government spokeswoman Najat ..." but not "partner forces Pentagon says".
            let w = self.lower(j);
            let plural = w.ends_with('s') && !["news", "rights", "affairs", "arms"].contains(&w);
            let modifier =
                self.word_starts_lower(j) && (self.source_noun_at(j) || self.source_modifier(j)) && !(named && plural);
            if !(name || link || modifier) {
                break;
            }
            // "... in rebel-held Aleppo Reuters reported": a place glued before a new source.
            if k < end && self.glued_place_end(j, k) {
                break;
            }
            named |= name;
            k = j;
        }
        (k < end).then_some(k)
    }

    /// Token `j` ends a place mention and token `k` right after it opens another source: a
    /// mention of another kind or a lower-case source modifier, not a source noun ("Aleppo
    /// Reuters", "Damascus SANA", "Raqqa local media", "Aleppo Russian sources"; not "Homs
    /// governor", "Aleppo residents", nor a place inside a longer name).
    pub(super) fn glued_place_end(&self, j: usize, k: usize) -> bool {
        let (end, start) = (self.toks[j].span.end, self.toks[k].span.start);
        // "The opposition Eastern Ghouta Damascus Countryside local council": a place after
        // names and modifiers that an article opens, before a modifier, is inside a longer name.
        let after_name = |m: &Mention| {
            let p = self.toks.partition_point(|t| t.span.start < m.span.start);
            let mut a = p;
            while a > 0 && (self.name_like(a - 1) || self.source_modifier(a - 1)) && !self.has(a - 1, Class::Article) {
                a -= 1;
            }
            a < p && a > 0 && self.has(a - 1, Class::Article)
        };
        let lower = self.word_starts_lower(k);
        // The sentence's mentions are sorted and never overlap: the one ending at `end` is the
        // last that starts before it, the one starting at `start` the first not before it.
        let ending = self.mentions[..self.mentions.partition_point(|m| m.span.start < end)].last();
        let starting = self
            .mentions
            .get(self.mentions.partition_point(|m| m.span.start < start));
        let place_ends = ending.is_some_and(|m| {
            m.span.end == end && self.kinds[m.entity] == EntityType::Place && !(lower && after_name(m))
        });
        let other_starts = starting.is_some_and(|m| m.span.start == start && self.kinds[m.entity] != EntityType::Place);
        place_ends
            && !self.source_noun_at(k)
            && (other_starts || (self.word_starts_lower(k) && self.source_modifier(k)))
    }

    /// Where the source noun phrase starting at `start` ends without a comma: before a clause
    /// word, a verb, a pronoun, "there", a number or a determiner that opens a new phrase ("According
    /// to a source in Aleppo the blast ..."), or a name right after another name ("according to
    /// the Observatory DAESH has lost ...").
    pub(super) fn bare_np_end(&self, start: usize) -> usize {
        let limit = (start + 14).min(self.toks.len());
        let mut j = start;
        while j < limit {
            let t = &self.toks[j];
            let joiner = self.is(j, words!["'", "’", "-", "&", "(", ")"]);
            let stop = (t.is_punct() && !joiner)
                || self.has(j, Class::Clause)
                || self.verbish(j)
                || self
                    .lexicon
                    .get(self.lower(j))
                    .is_some_and(|c| !c.nominal && self.word_starts_lower(j));
            // "According to Save the Children ...": a word inside a gazetteer name goes on.
            let inside = {
                let at = self.toks[j].span.start;
                let i = self.mentions.partition_point(|m| m.span.start < at);
                i > 0 && self.mentions[i - 1].span.end > at
            };
            let fresh = j > start
                && !inside
                && !self.has(j - 1, Class::Link)
                && (self.is(j, words!["the", "a", "an", "there", "this", "these"])
                    || self.has(j, Class::Pronoun)
                    || self.toks[j].starts_digit()
                    || self.names_meet(j)
                    // "according to a speech Mrs. Clinton gave": a name after a common noun.
                    || (self.name_like(j)
                        && self.word_starts_lower(j - 1)
                        && !self.has(j - 1, Class::NpOpener)
                        && !self.source_noun_at(j - 1)
                        && !self.source_modifier(j - 1)));
            if stop || fresh {
                break;
            }
            j += 1;
        }
        j
    }

    /// Where a content's subject starts inside the comma-less source phrase `[start, end)` whose
    /// clause goes on with a verb ("According to the Observatory three officers were killed",
    /// "according to Reuters over a dozen airstrikes hit ..."): at a count with what stands before
    /// it ("over", "at least", "a"), or right after a gazetteer mention, a source noun or a cue
    /// noun, at a mention, a name or a lower-case noun phrase without a preposition ("the Observatory heavy
    /// bombardment has ...", "media reports Kurdish forces killed ..."), when what stays before
    /// is a source.
    pub(super) fn subject_inside(&self, start: usize, end: usize) -> Option<usize> {
        let plain = |k: usize| {
            !self.toks[k].is_punct()
                && ![Class::Link, Class::Preposition, Class::PostModifier, Class::Clause]
                    .iter()
                    .any(|&c| self.has(k, c))
        };
        // "media reports", "claims": a cue that is also a noun heads a source phrase.
        let nominal_cue = |k: usize| self.toks[k].cue.is_some_and(|id| self.lexicon.cue(id).nominal);
        let inside_mention = |k: usize| {
            self.mentions
                .iter()
                .any(|m| m.span.contains(self.toks[k].span) && m.span.start < self.toks[k].span.start)
        };
        (start + 1..end).find_map(|k| {
            let at = if self.count_at(k) {
                self.count_start(start, k)
            } else if (self.mention_ends_at(k - 1) || self.source_noun_at(k - 1) || nominal_cue(k - 1))
                && (self.word_starts_lower(k)
                    || self.mention_starts_at(k)
                    || (self.name_like(k) && self.word_starts_lower(k - 1)))
                && !inside_mention(k)
                && !self.source_noun_at(k)
                && (k..end).all(plain)
            {
                k
            } else {
                return None;
            };
            (at > start && self.looks_like_source(start, at)).then_some(at)
        })
    }

    /// Token `k` is a number or a number word ("40", "four", "dozens").
    pub(super) fn count_at(&self, k: usize) -> bool {
        k < self.toks.len() && (self.word(k).starts_with(|c: char| c.is_ascii_digit()) || self.has(k, Class::Count))
    }

    /// The start of the count whose number is token `k`, past what stands before it after
    /// `floor`: "over 50", "at least 7", "at least a dozen".
    pub(super) fn count_start(&self, floor: usize, k: usize) -> usize {
        let mut a = k;
        while a > floor + 1 && (self.has(a - 1, Class::Approximator) || self.is(a - 1, words!["a"])) {
            a -= 1;
        }
        a
    }

    /// `c` is a claim of a title or heading: "X says Y" and "Y X says", with a present-tense
    /// speech cue ("says", "warns", "claims", "deny"); anything else in a headline is not a claim.
    pub(super) fn headline_claim(&self, c: &Claim) -> bool {
        let word = c.cue.span.slice(self.text).rsplit(' ').next().unwrap_or("");
        let present = word.ends_with('s') || word.eq_ignore_ascii_case("say");
        let shape = matches!(
            c.rule,
            Rule::SourceCueContent | Rule::ContentSourceCue | Rule::ContentCueSource
        );
        let speech = self.lexicon.classes(&c.cue.lemma).has(Class::HeadlineCue);
        let source = c.source.as_ref().and_then(|s| {
            let from = self.toks.iter().position(|t| t.span.start == s.span.start)?;
            let to = self.toks.iter().position(|t| t.span.end == s.span.end)? + 1;
            Some(to - from <= 6 && self.bare_source_ok(from, to))
        });
        present && shape && speech && source == Some(true)
    }

    /// Past leading adjuncts and connectives in `[start, end)`: "On 15 Feb 2016", "Separately
    /// Saturday", "Speaking on Sunday", "Meanwhile". Keeps at least one token.
    pub(super) fn skip_front_adjuncts(&self, start: usize, end: usize) -> usize {
        let mut k = start;
        while k + 1 < end {
            let w = self.word(k);
            let capitalised = self.toks[k].starts_upper();
            let connective = capitalised && (w.ends_with("ly") || self.has(k, Class::Connective));
            // "Speaking on Sunday", "Speaking to reporters in Geneva": up to the next name or
            // determiner that does not follow a preposition.
            let participle = capitalised && w.ends_with("ing") && k == start && self.word_starts_lower(k + 1);
            let dated = |j: usize| self.time_word(j) || self.toks[j].starts_digit();
            // "24.08.2013 Syrian state media said": a date glued on in front.
            let date = {
                let w = self.word(k);
                self.toks[k].starts_digit()
                    && (w.contains(['.', '/']) || (w.len() == 4 && (w.starts_with("19") || w.starts_with("20"))))
            };
            let det = usize::from(self.is(k + 1, words!["the", "a", "this", "that"]));
            if participle {
                k += 1;
                let fresh =
                    |j: usize| (self.name_like(j) || self.has(j, Class::NpOpener)) && !self.has(j - 1, Class::Link);
                while k + 1 < end && !fresh(k) {
                    k += 1;
                }
            } else if connective || date || self.time_word(k) {
                k += 1;
            } else if self.is(k, words!["on", "in", "at", "late", "early", "this", "last"]) && dated(k + 1 + det) {
                k += 2 + det;
                while k + 1 < end && dated(k) {
                    k += 1;
                }
            } else {
                break;
            }
        }
        k
    }

    /// Token `k` is an acronym: "LCC", "SOHR".
    /// Where `[from, to)` ends without a bracketed acronym at its end ("the Qatar Red Crescent
    /// Society (QRCS)" -> "the Qatar Red Crescent Society"), which belongs to the name before it.
    fn before_bracketed_acronym(&self, from: usize, to: usize) -> usize {
        let bracketed =
            to >= from + 4 && self.is(to - 1, words![")"]) && self.is(to - 3, words!["("]) && self.acronym(to - 2);
        if bracketed {
            to - 3
        } else {
            to
        }
    }

    pub(super) fn acronym(&self, k: usize) -> bool {
        let w = self.word(k);
        w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
    }

    /// "The two said", "the three": a determiner and a number word make a source.
    pub(super) fn numeral_source(&self, from: usize, to: usize) -> bool {
        // "The two blasts ...": a plural subject takes no "-s" verb, so that is a noun.
        let noun_after = to < self.toks.len() && self.lower(to).ends_with('s');
        to == from + 2 && self.is(from, words!["the", "all"]) && self.has(from + 1, Class::Numeral) && !noun_after
    }

    /// Tokens `[from, to)` are shaped like a source without a comma to bound them: headed by a
    /// source noun ("the frontline commander"), a pronoun, or made of names with their
    /// determiner, titles and links ("the Syrian Observatory for Human Rights", "al-Shimale").
    fn bare_source_ok(&self, from: usize, to: usize) -> bool {
        let to = self.before_bracketed_acronym(from, to);
        // "said in a statement": an adjunct, not a source.
        if !self.looks_like_source(from, to) || self.has(from, Class::Link) || self.adjunct_at(from) {
            return false;
        }
        let last = to - 1;
        if self.source_noun_at(last) || (to - from == 1 && self.has(from, Class::Pronoun)) {
            return !(from..to).any(|k| self.verbish(k));
        }
        (from..to).all(|k| {
            self.name_like(k)
                || self.is(k, words!["the", "a", "an"])
                || self.has(k, Class::Link)
                || self.source_noun_at(k)
                || self.source_modifier(k)
        }) && self.name_like(last)
    }

    /// "... since the summer some traders said.": a determiner and one or two plain lower-case
    /// words right before a sentence-final "said" (a cue of class `inverting_cue` that needs no
    /// "that": not "the daylight fast observed", "the fighting has continued") are its subject, whatever the noun; not the object of a verb,
    /// clause word or preposition ("a group monitoring the conflict said").
    fn plain_subject(&self, from: usize, to: usize, cue: &Cue) -> bool {
        let before = from.checked_sub(1);
        let object = before.is_some_and(|k| {
            self.has(k, Class::Clause)
                || self.has(k, Class::Preposition)
                || self.verbish(k)
                || (self.word_starts_lower(k) && (self.lower(k).ends_with("ing") || self.lower(k).ends_with('s')))
        });
        self.lexicon.classes(&cue.lemma).has(Class::InvertingCue)
            && !cue.needs_that
            && !object
            && (2..=3).contains(&(to - from))
            && self.has(from, Class::NpOpener)
            && (from + 1..to).all(|k| {
                self.word_starts_lower(k)
                    && !self.verbish(k)
                    && self.toks[k].cue.is_none()
                    && ![
                        Class::Clause,
                        Class::Preposition,
                        Class::Pronoun,
                        Class::Time,
                        Class::NotHead,
                    ]
                    .iter()
                    .any(|&c| self.has(k, c))
            })
    }

    /// A gazetteer mention ends right before token `j` and another starts at it.
    fn names_meet(&self, j: usize) -> bool {
        let prev = self.toks[j - 1].span.end;
        let here = self.toks[j].span.start;
        // "the Kurdish Firat News Agency": a demonym or community modifies the name after it.
        let modifier = |m: &Mention| matches!(self.kinds[m.entity], EntityType::Nationality | EntityType::Community);
        self.mentions.iter().any(|m| m.span.end == prev && !modifier(m))
            && self.mentions.iter().any(|m| m.span.start == here)
    }

    /// Token `k` is capitalised, or a lower-case Arabic name ("al-Shimale", "el-Zour").
    pub(super) fn name_like(&self, k: usize) -> bool {
        if k >= self.toks.len() {
            return false;
        }
        let w = self.word(k);
        // Each prefix ends with its hyphen at byte 2 or 3.
        let hyphen = w.as_bytes().get(2..4).is_some_and(|b| b.contains(&b'-'));
        self.toks[k].starts_upper()
            || (hyphen
                && ["al-", "el-", "ad-", "ash-", "as-", "ar-", "an-", "az-"]
                    .iter()
                    .any(|p| w.strip_prefix(p).is_some_and(|r| r.starts_with(char::is_uppercase))))
    }

    /// A day, month or time of day: "Tuesday", "morning", "Jan", never a source.
    pub(super) fn time_word(&self, k: usize) -> bool {
        if !self.has(k, Class::Time) {
            return false;
        }
        // "Theresa May", "Morning Consult": a capitalised time of day or "May"/"March" is a
        // time only before a number ("May 3").
        let digit_after = k + 1 < self.toks.len() && self.toks[k + 1].starts_digit();
        // A time of day is a time only in lower case; days and months are capitalised.
        let time_of_day = [
            "today",
            "yesterday",
            "tonight",
            "morning",
            "afternoon",
            "evening",
            "night",
            "overnight",
        ]
        .contains(&self.lower(k))
            || ["week", "weekend", "month", "year"].contains(&self.lower(k));
        match self.lower(k) {
            // ... and "Jan Egeland" is a name.
            "may" | "march" | "jan" => digit_after,
            _ => !time_of_day || self.word_starts_lower(k),
        }
    }

    /// Token `k` or its singular is a source noun ([`Ctx::is_source_noun`]). The token carries
    /// the classes of its own form; only a form ending in "s" has a singular to look up.
    pub(super) fn source_noun_at(&self, k: usize) -> bool {
        self.toks[k].has(Class::Source) || (self.lower(k).ends_with('s') && self.is_source_noun(self.lower(k)))
    }

    /// A lower-case word that may stand before a source noun: "state", "opposition", "Britain-based".
    pub(super) fn source_modifier(&self, k: usize) -> bool {
        let w = self.lower(k);
        self.has(k, Class::SourceModifier)
            || [
                "-based",
                "-backed",
                "-run",
                "-led",
                "-owned",
                "-affiliated",
                "-controlled",
            ]
            .iter()
            .any(|s| w.ends_with(s))
    }
}
