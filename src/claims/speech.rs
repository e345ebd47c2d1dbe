//! Indirect speech and its relatives, around one cue word:
//!
//! - `source_cue_content`: SOURCE [aux/adverbs] CUE [recipient] [adjunct] (that) CONTENT, with
//!   "in a statement", "on Twitter", "to Reuters", "at a news conference" skipped, and
//!   `source_cue_as` / `source_cue_accuse` for describe ("portrayed X as Y", "called X Y") and
//!   accuse ("accused X of Y") verbs;
//! - `content_source_cue` and `content_cue_source`: "CONTENT, SOURCE said [on Tuesday]." and
//!   "CONTENT, said SOURCE[, APPOSITIVE].";
//! - `according_to`: "According to SOURCE, CONTENT" and "CONTENT, according to SOURCE.";
//! - `shared_subject`: "SOURCE VERBED ... but has said CONTENT";
//! - passives, "was quoted as saying" and nominal claims are tried here too (see
//!   [`super::passives`]).
//!
//! Speech that is not (yet) a claim is refused: a cue after "to", "will", "not" or "never"
//! ("is expected to announce", "did not say"), and directives ("told his men to hold", "urged
//! all parties to protect", "called on residents to leave").
//!
//! The content runs from the cue to the clause end ([`super::clauses`]): ";", ", but", ",
//! saying" or the sentence end, without final punctuation but with a closing quote mark whose
//! opening one it holds. Each cue word proposes at most one claim, right to left;
//! [`super::arbitrate`] then refuses a cue inside a kept claim's source or cue ("state" in
//! "Syrian state media has portrayed"), stops a content that runs into another claim's source
//! ("X documented Y, it said"), and nests "it had documented Y" in "The monitor said it had
//! documented Y".

use super::arbitrate::Proposals;
use super::words;
use super::{Claim, ClaimKind, Class, Ctx, Cue, CueMatch, Frame, Rule, Stance};

impl Ctx<'_> {
    /// Proposes the "according to" claim of this sentence.
    pub(super) fn attributed(&self, p: &mut Proposals) {
        p.according_to = self.according_to();
    }

    /// The claim around the cue word at token `i`, if any. [`super::arbitrate`] asks for it
    /// right to left, for the tokens no kept claim has taken.
    pub(super) fn cue_claim(&self, i: usize) -> Option<Claim> {
        self.nominal(i)
            .or_else(|| self.cue_at(i).and_then(|cue| self.around_cue(i, cue)))
            .or_else(|| self.quoted_as_saying(i))
            .or_else(|| self.progressive(i))
    }

    /// "According to SOURCE, CONTENT" and "CONTENT, according to SOURCE".
    fn according_to(&self) -> Option<super::Claim> {
        // One pass over the tokens' keys, without a bounds check each: every sentence asks, and
        // few hold "according".
        let mut i = 0;
        loop {
            i += self.toks[i..]
                .iter()
                .position(|t| t.is(self.text, words!["according"]))?;
            if self.is(i + 1, words!["to"]) {
                break;
            }
            i += 1;
        }
        let punct_end = (i + 2..self.toks.len())
            .find(|&j| self.toks[j].is_punct() && !self.is(j, words!["'", "’", "-"]))
            .unwrap_or(self.toks.len());
        // Without a comma after it, the source ends where a new phrase starts ([`Ctx::bare_np_end`]).
        let relative = (i + 2..punct_end).any(|k| self.is(k, words!["which", "who", "that", "whose"]));
        let src_end = if punct_end > i + 2 && !relative && self.looks_like_source(i + 2, punct_end) {
            punct_end
        } else {
            self.bare_np_end(i + 2)
        };
        // ", according to a national poll taken last week.": between commas (or a comma and the
        // sentence's end) a short phrase is the source whatever its words.
        let closed =
            punct_end < self.toks.len() && self.is(punct_end, words![",", "."]) || punct_end == self.toks.len();
        let src_end = if (src_end == i + 2 || !self.looks_like_source(i + 2, src_end))
            && i > 0
            && self.is(i - 1, words![","])
            && closed
            && !relative
            && (3..=12).contains(&(punct_end - i))
            && (self.name_like(i + 2) || self.has(i + 2, Class::Determiner) || self.has(i + 2, Class::Article))
        {
            punct_end
        } else {
            src_end
        };
        // "According to the Observatory three officers were killed": without a comma, the
        // content's subject may sit inside the phrase taken as the source; the clause then goes
        // on with a verb or "and".
        let verb_next = src_end < self.toks.len()
            && (self.verbish(src_end)
                || self.has(src_end, Class::Be)
                || self.is(src_end, words!["and", "while", "that"]));
        let src_end = if self.clause_start(i) == i && verb_next && !self.is(src_end - 1, words![","]) {
            self.subject_inside(i + 2, src_end).unwrap_or(src_end)
        } else if self.clause_start(i) == i
            && (self.count_at(src_end) || self.is(src_end, words!["a"]) && self.count_at(src_end + 1))
        {
            // "According to the Observatory at least 40 ...": the count's "at least" is the content's.
            self.count_start(i + 2, src_end)
        } else {
            src_end
        };
        if src_end == i + 2 || !self.looks_like_source(i + 2, src_end) && src_end != punct_end {
            return None;
        }
        // "According to the Syrian Network for Human Rights (SNHR) the air force ...": a
        // bracketed acronym after the source is part of it.
        let src_end = if src_end + 3 <= self.toks.len()
            && self.is(src_end, words!["("])
            && self.acronym(src_end + 1)
            && self.is(src_end + 2, words![")"])
        {
            src_end + 3
        } else {
            src_end
        };
        let rest_final = (src_end..self.toks.len()).all(|k| self.toks[k].is_final_punct());
        let content = if self.clause_start(i) == i {
            let start = src_end + usize::from(self.is(src_end, words![","]));
            self.clause_end(start).map(|end| self.span(start, end))?
        } else if self.is(i - 1, words![","])
            && self.is(src_end, words![","])
            && src_end + 1 < self.toks.len()
            && (self.verbish(src_end + 1)
                || self.word_starts_lower(src_end + 1)
                    && ![Class::Preposition, Class::Article, Class::Determiner, Class::Clause]
                        .iter()
                        .any(|&c| self.has(src_end + 1, c)))
        {
            // "The army, according to the monitor, lost 40 soldiers": the whole clause, the
            // parenthetical inside it (as the Syria gold and PolNeAR both annotate it).
            let start = self.clause_start(i - 1);
            self.fronted_span(start, self.clause_end(src_end + 1)?)?
        } else if self.is(i - 1, words![","]) {
            self.fronted_span(self.clause_start(i - 1), i - 1)?
        } else if rest_final || self.is(src_end, words!["which", "who"]) {
            // "... restored supplies according to the Observatory [which ...]."
            self.fronted_span(self.clause_start(i), i)?
        } else if self.verbish(src_end) || self.has(src_end, Class::Be) || self.cue_at(src_end).is_some() {
            // "The attacks according to the source claimed two lives": the whole clause.
            let start = self.clause_start(i);
            self.fronted_span(start, self.clause_end(src_end)?)?
        } else {
            return None;
        };
        let cue = CueMatch {
            span: self.span(i, i + 2),
            lemma: "according to".into(),
            stance: Stance::Assert,
        };
        let source = self.source(i + 2, src_end, src_end);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue,
            content,
            Rule::AccordingTo,
            0.9,
        ))
    }

    /// SOURCE CUE (that) CONTENT; CONTENT, SOURCE CUE; CONTENT, CUE SOURCE; passives.
    fn around_cue(&self, i: usize, cue: &Cue) -> Option<Claim> {
        let aux_start = self.auxiliaries_before(i);
        if cue.frame == Frame::Nominal || (aux_start > 0 && self.has(aux_start - 1, Class::NotYet)) {
            return None;
        }
        if (aux_start..i).any(|k| self.has(k, Class::Be)) {
            return self.passive(aux_start, i, cue);
        }
        if self.doubled(i, aux_start) {
            return None;
        }
        // Wire copy without commas: "... the monitor said." ([`super::bare`]).
        if let Some(c) = self
            .bare_inverted(i, aux_start, cue)
            .or_else(|| self.bare_trailing(i, aux_start, cue))
        {
            return Some(c);
        }
        if self.refused_undoubled(i, aux_start, cue) {
            // An `order` cue refused only as a directive is a claim (PolNeAR profile, orders.rs).
            return self.order_at(i, aux_start, cue);
        }
        if let Some(c) = self
            .relative_who(i, aux_start, cue)
            .or_else(|| self.relative_pronoun(i, aux_start, cue))
        {
            return Some(c);
        }
        match self.source_before(aux_start) {
            Some(source) => self.source_then_cue(i, aux_start, cue, source),
            None => self
                .cue_then_source(i, aux_start, cue)
                .or_else(|| self.shared_subject(i, aux_start, cue)),
        }
    }

    /// "Israel rarely comments on strikes but has said CONTENT": the cue after "but"/"and"
    /// shares the sentence's subject.
    fn shared_subject(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        if aux_start == 0 || !self.is(aux_start - 1, words!["but", "and"]) || cue.frame != Frame::Speech {
            return None;
        }
        let (start, core, end) = self.subject_at(self.clause_start(0))?;
        let content_start = self.content_start(i + 1, cue);
        let content = self.content_span(content_start, self.clause_end(content_start)?)?;
        let source = self.source(start, end, core);
        let cue_match = self.cue_match(aux_start, i + 1, cue);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue_match,
            content,
            Rule::SharedSubject,
            0.7,
        ))
    }

    /// SOURCE CUE (that) CONTENT and "CONTENT, SOURCE CUE [adjuncts]." with the source's
    /// (start, core end, end) before the cue's auxiliaries at `aux_start`.
    pub(super) fn source_then_cue(
        &self,
        i: usize,
        aux_start: usize,
        cue: &Cue,
        src: (usize, usize, usize),
    ) -> Option<Claim> {
        let (src_start, core, src_end) = src;
        // The source and the cue's lemma are built only once a claim is sure.
        let source = || self.source(src_start, src_end, core);
        let cue_match = || self.cue_match(aux_start, i + 1, cue);
        if src_start > 0 && self.is(src_start - 1, words![","]) && self.trailing_ok(i + 1, cue) {
            let start = self.clause_start(src_start - 1);
            // "The strikes, the ministry said, targeted depots": the claim is the whole clause.
            let parenthetical = self.is(i + 1, words![","])
                && i + 2 < self.toks.len()
                && (self.verbish(i + 2) || self.has(i + 2, Class::Be))
                && self.clause_end(i + 2).is_some();
            // "Instead, it said, the convoy turned back": a short opener, then the clause.
            let short = src_start - 1 <= start + 2 && self.is(i + 1, words![","]) && !parenthetical;
            // "On top of that, opponents say, the wage rise will ...", "If X, he wrote, “Y”":
            // the sentence goes on after the cue, so the cue is a parenthetical in its content.
            let parenthetical = parenthetical || (!short && self.is(i + 1, words![","]) && self.goes_on(i + 2));
            let end = if parenthetical {
                self.clause_end(i + 2)?
            } else {
                src_start - 1
            };
            let content = match short.then(|| self.clause_end(i + 2)).flatten() {
                Some(after) => self.content_span(i + 2, after)?,
                None => self.fronted_span(start, end)?,
            };
            let rule = Rule::ContentSourceCue;
            return Some(self.claim(ClaimKind::Attributed, Some(source()), cue_match(), content, rule, 0.85));
        }
        let start = self.content_start(i + 1, cue);
        // "wrote to the board on Friday, saying ...": the participle after the skipped adjunct
        // is a cue of its own (`follow_up`), not this cue's content.
        if start > i + 1 && self.is(start - 1, words![","]) && self.has(start, Class::Participle) {
            return None;
        }
        // "the attack which pro-Damascus media said was carried out by ...": the content's
        // subject is the relative pronoun's antecedent, so it opens with its verb.
        let relative = src_start > 0 && self.is(src_start - 1, words!["which", "that", "who"]) && start == i + 1;
        let content = if relative && start < self.toks.len() && (self.verbish(start) || self.has(start, Class::Be)) {
            // "the convoy, which the ministry said carried aid, was stopped": up to the comma
            // that closes the relative clause.
            let end = self.clause_end(start)?;
            let end = (start..end).find(|&k| self.is(k, words![","])).unwrap_or(end);
            self.span(start, end)
        } else {
            // A one-word object ("endorsed Okafor.") is a whole clause for an `object` cue.
            let end = if cue.object {
                self.clause_end_any(start)
            } else {
                self.clause_end(start)?
            };
            if self.bare_judgement(cue.stance, start, end) {
                // "endorsed Cruz": an `object` judgement's content is its object (PolNeAR profile).
                if !cue.object {
                    return None;
                }
                self.object_span(start, end)?
            } else {
                self.content_span(start, end)?
            }
        };
        let rule = match cue.frame {
            Frame::Describe => Rule::SourceCueAs,
            Frame::Accuse => Rule::SourceCueAccuse,
            _ => Rule::SourceCueContent,
        };
        let source = source();
        let confidence = match (source.entity.is_some(), source.unnamed) {
            (true, _) => 0.9,
            (false, false) => 0.8,
            (false, true) => 0.7,
        };
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue_match(),
            content,
            rule,
            confidence,
        ))
    }

    /// The words from `k` on, after "CONTENT, SOURCE CUE,", carry the sentence on rather than
    /// close it: not a participle ("citing", "naming", "during"), a contrast, "according to",
    /// an adjunct ("in a statement", "this week") or a time word, "and" only before a verb that
    /// is no cue ("..., the company added, and had passed all checks", not "and added"), and a
    /// clause of at least two tokens.
    fn goes_on(&self, k: usize) -> bool {
        let Some(end) = self.clause_end(k) else {
            return false;
        };
        let finite = |j: usize| self.verbish(j) || self.has(j, Class::Be) || self.has(j, Class::Auxiliary);
        let and_verb =
            self.is(k, words!["and"]) && finite(k + 1) && (k + 1..(k + 4).min(end)).all(|j| self.cue_at(j).is_none());
        // "this week" is an adjunct, "this change could spread" a clause.
        let determiner = self.is(k, words!["this", "these"]) && !self.time_word(k + 1);
        let adjunct = (self.has(k, Class::Adjunct) && !determiner) || self.time_word(k);
        let closes = self.has(k, Class::Participle)
            || (self.word_starts_lower(k) && self.lower(k).ends_with("ing"))
            || self.has(k, Class::Contrast)
            || adjunct
            || (self.is(k, words!["and"]) && !and_verb)
            || self.is(k, words!["or", "according", "who", "which", "as", ","]);
        !closes
    }

    /// "CONTENT, said SOURCE[, APPOSITIVE]."
    fn cue_then_source(&self, i: usize, aux_start: usize, cue: &Cue) -> Option<Claim> {
        // "tell" needs its recipient after it: "..., told the BBC" names no source.
        if cue.frame != Frame::Speech || cue.lemma == "tell" || aux_start < i || i == 0 || !self.is(i - 1, words![","])
        {
            return None;
        }
        let clause_end = self.clause_end_any(i + 1);
        let source = match self.trailing_source(i + 1, clause_end) {
            Some((core, end)) => self.source(i + 1, end, core),
            // "..., said a nurse at the clinic.": a determiner-opened phrase up to the clause end.
            None if self.has(i + 1, Class::NpOpener) => self.loose_source(i + 1, clause_end)?,
            None => return None,
        };
        let content = self.fronted_span(self.clause_start(i - 1), i - 1)?;
        let cue_match = self.cue_match(i, i + 1, cue);
        let rule = Rule::ContentCueSource;
        Some(self.claim(ClaimKind::Attributed, Some(source), cue_match, content, rule, 0.8))
    }

    /// The source before the cue's auxiliaries at `aux_start`: (start, end of its own noun
    /// phrase, end), with an appositive between commas ("Sabrina Singh, a Pentagon spokesperson,").
    /// The rules around one cue (and a quote's) ask for it more than once: the last answer is
    /// kept ([`Ctx::source_memo`]).
    pub(super) fn source_before(&self, aux_start: usize) -> Option<(usize, usize, usize)> {
        self.source_memo
            .get_or(aux_start, || self.find_source_before(aux_start))
    }

    fn find_source_before(&self, aux_start: usize) -> Option<(usize, usize, usize)> {
        // "Having promised that the border would reopen, the minister left": the subject of the
        // perfect participle is the main clause's, after the first comma; never "Having".
        if aux_start == 0 && self.is(0, words!["having"]) {
            let comma = (1..self.toks.len()).find(|&k| self.is(k, words![","]))?;
            return self.subject_at(comma + 1);
        }
        // "The monitor, meanwhile, said": a sentence adverb between commas is not the source's.
        if aux_start >= 4
            && self.is(aux_start - 1, words![","])
            && self.is(aux_start - 3, words![","])
            && self.has(aux_start - 2, Class::Connective)
        {
            return self.source_before(aux_start - 3);
        }
        // "The rebels, for their part, denied", "Ankara, in turn, said": a short prepositional
        // aside between commas, with neither a name nor a verb, is not the source's.
        if let Some(open) = self.aside_before(aux_start) {
            return self.source_before(open);
        }
        if let Some(found) = self.dash_appositive(aux_start) {
            return Some(found);
        }
        // "Reuters quoting US officials said", "SANA citing a source said": the relay speaks; the
        // relayed source is not the source's (as in "SANA said, citing a source").
        if let Some((start, core, _)) = self.relay_before(aux_start).and_then(|k| self.source_before(k)) {
            return Some((start, core, core));
        }
        // "A poll released Saturday found", "The report published Tuesday showed", "A survey
        // last month showed": the date after the source, and the participle that dates it, are
        // not the source's.
        if let Some((start, core, _)) = self.dated_tail(aux_start).and_then(|k| self.source_before(k)) {
            return Some((start, core, core));
        }
        let start = self.np_start(aux_start);
        // "the base, which it described as temporary": a pronoun inside an object relative
        // clause is no source here; a speech cue's is taken by [`Self::relative_pronoun`].
        if self.relative_pronoun_at(aux_start).is_some() {
            return None;
        }
        // "On Saturday activists reported", "Speaking on Sunday John Kerry said": a leading
        // adjunct is not the source's.
        let start = self.skip_front_adjuncts(start, aux_start);
        // "(MNA) - SANA's correspondent said": a dash before the source is not its.
        let start = if self.spaced_dash(start) && start + 1 < aux_start {
            start + 1
        } else {
            start
        };
        // "Date of publication 18 July 2016 Syrian activists say", "... Dead Earlier in the day
        // Konashenkov said": a glued title or date, then an adjunct, then the source.
        let start = self.past_glued_adjunct(start, aux_start).unwrap_or(start);
        let start = self.past_glued_time(start, aux_start).unwrap_or(start);
        // "... a move he called intolerable Trump said": a plain lower-case word glued before
        // the source ends the clause before.
        let start = self.past_glued_word(start, aux_start).unwrap_or(start);
        // "after meeting Arab foreign ministers U.S. Secretary of State John Kerry said": the
        // object of a lower-case "-ing" verb before the phrase is not the source.
        let start = self.past_ing_object(start, aux_start).unwrap_or(start);
        // "... near the cities of Deir ez-Zor and Raqqa local media reported": a place glued
        // before the source is the end of the clause before.
        let start = (start..aux_start.saturating_sub(1))
            .rev()
            .find(|&j| self.glued_place_end(j, j + 1) && self.looks_like_source(j + 1, aux_start))
            .map_or(start, |j| j + 1);
        // "Kurdish-led forces on Friday accused": the time adjunct is not the source's.
        let aux_start = (start + 1..aux_start)
            .find(|&k| self.adjunct_at(k))
            .unwrap_or(aux_start);
        // "Rami Abdulrahman who runs the Observatory said": the phrase ending a relative clause
        // is not the source; its antecedent is.
        if let Some(found) = self.relative_clause_antecedent(start, aux_start) {
            return Some(found);
        }
        // "The Observatory a monitor based in the UK reported": the phrase after a participle
        // is its object, not the source.
        if start > 0 && self.verbish(start - 1) {
            if let Some(found) = self.bare_appositive_source(aux_start) {
                return Some(found);
            }
        }
        if start < aux_start && (self.looks_like_source(start, aux_start) || self.opening_subject(start, aux_start)) {
            // "Rami Abdel Rahman the head of the Observatory said": a name before the
            // appositive is the source's head.
            let start = self.name_before_appositive(start, aux_start).unwrap_or(start);
            // "a war monitor and local sources said", "France and Britain as well as Germany
            // said": the joined phrases make the source.
            // One "and" at most: a longer list runs into the content in text without commas.
            let mut start = start;
            let mut ands = 0;
            while let Some(k) = self.joiner_before(start) {
                let s = self.np_start(k);
                ands += usize::from(self.is(k, words!["and"]));
                if s >= k || ands > 1 || !self.looks_like_source(s, k) {
                    break;
                }
                start = s;
            }
            // "Qassem Saadeddine a commander and spokesman for X said": the name before a joined
            // appositive is the source's head too.
            let start = self.name_before_appositive(start, aux_start).unwrap_or(start);
            // "Speaking to Anadolu Agency Yusuf el-Bustani said": the named object of a fronted
            // "Speaking to" is not the source's.
            let start = self.past_fronted_relay_object(start, aux_start).unwrap_or(start);
            return Some((start, aux_start, aux_start));
        }
        if let Some(found) = self.bare_appositive_source(aux_start) {
            return Some(found);
        }
        if aux_start == 0 || !self.is(aux_start - 1, words![","]) {
            return None;
        }
        let start = self.appositive_start(aux_start - 1)?;
        let core = (start..aux_start).find(|&k| self.is(k, words![","]))?;
        // "The army, in a statement carried by SANA, said": the adjunct is not the source's.
        let end = if self.adjunct_at(core + 1) { core } else { aux_start - 1 };
        Some((start, core, end))
    }

    /// Where a date right before `aux_start` begins: time words ("Saturday", "last month", "on
    /// Tuesday"), after a lower-case "-ed" participle that dates a noun ("released Saturday"),
    /// after a word that is no article, determiner or preposition.
    pub(super) fn dated_tail(&self, aux_start: usize) -> Option<usize> {
        let mut k = aux_start;
        while k > 0
            && (self.time_word(k - 1)
                || (k < aux_start && self.is(k - 1, words!["last", "this", "earlier", "on", "in"])))
        {
            k -= 1;
        }
        if k == aux_start || !(k..aux_start).any(|j| self.time_word(j)) {
            return None;
        }
        if k > 1 && self.word_starts_lower(k - 1) && self.lower(k - 1).ends_with("ed") && self.cue_at(k - 1).is_none() {
            k -= 1;
        }
        // Not "within a week revealed": a time noun after an article or a preposition is an object.
        let object =
            |j: usize| self.has(j, Class::Article) || self.has(j, Class::Preposition) || self.has(j, Class::Determiner);
        (k > 0 && !self.toks[k - 1].is_punct() && !object(k - 1)).then_some(k)
    }

    /// "SOURCE, for their part, CUE": the opening comma of a two- to four-word aside that starts
    /// with a preposition and holds no name, verb or cue, right before `aux_start`.
    fn aside_before(&self, aux_start: usize) -> Option<usize> {
        if aux_start < 4 || !self.is(aux_start - 1, words![","]) {
            return None;
        }
        let open = (aux_start.saturating_sub(6)..aux_start - 1)
            .rev()
            .find(|&k| self.toks[k].is_punct())?;
        let aside = open + 1..aux_start - 1;
        let plain = |k: usize| self.word_starts_lower(k) && !self.verbish(k) && self.toks[k].cue.is_none();
        (open > 0
            && self.is(open, words![","])
            && aside.len() >= 2
            && self.has(open + 1, Class::Preposition)
            && aside.clone().all(plain))
        .then_some(open)
    }

    /// "SOURCE quoting X CUE": the relay participle (class `relay`) of a phrase of up to six
    /// words with no punctuation, clause word or cue that ends right before `aux_start`.
    pub(super) fn relay_before(&self, aux_start: usize) -> Option<usize> {
        (aux_start.saturating_sub(7)..aux_start.saturating_sub(1))
            .rev()
            .take_while(|&k| {
                let t = &self.toks[k];
                !t.is_punct() && !t.has(Class::Clause) && (t.cue.is_none() || t.has(Class::Relay))
            })
            .find(|&k| k > 0 && self.has(k, Class::Relay) && self.word_starts_lower(k))
    }

    /// "... meeting Arab foreign ministers U.S. Secretary of State John Kerry said": when a
    /// lower-case "-ing" word that is no reporting participle stands right before `start`, the
    /// source starts at the first name after a lower-case word (not a name particle) in
    /// `[start, aux_start)`, when what follows is a source ("... meeting rebel leaders UN envoy
    /// Staffan de Mistura said").
    fn past_ing_object(&self, start: usize, aux_start: usize) -> Option<usize> {
        let ing = start > 0
            && self.word_starts_lower(start - 1)
            && self.lower(start - 1).ends_with("ing")
            && !self.has(start - 1, Class::Participle);
        if !ing {
            return None;
        }
        (start + 1..aux_start).find(|&k| {
            let plain = self.word_starts_lower(k - 1)
                && ![
                    Class::Link,
                    Class::NameParticle,
                    Class::Article,
                    Class::Determiner,
                    Class::Preposition,
                ]
                .iter()
                .any(|&c| self.has(k - 1, c));
            self.name_like(k) && plain && self.looks_like_source(k, aux_start)
        })
    }

    /// "Speaking to Anadolu Agency Yusuf el-Bustani said", "Speaking to The Daily Star he
    /// said": in copy without commas, a capitalised relay participle (class `relay`) opening
    /// the clause at or just before `start`, then a preposition and a gazetteer name: the source
    /// starts after the name, when what follows looks like a source.
    fn past_fronted_relay_object(&self, start: usize, aux_start: usize) -> Option<usize> {
        let p = (start.saturating_sub(4)..=start).find(|&p| {
            (p == 0 || self.toks[p - 1].is_punct())
                && self.capitalised(p)
                && self.has(p, Class::Relay)
                && self.has(p + 1, Class::Preposition)
        })?;
        // "to The New Arab", "to the BBC": the name may take its article in or leave it out.
        let article = usize::from(self.has(p + 2, Class::Article));
        let (object, m) = (p + 2..=p + 2 + article).find_map(|k| {
            let at = self.toks.get(k)?.span.start;
            self.mentions.iter().find(|m| m.span.start == at).map(|m| (k, m))
        })?;
        let after = (object + 1..aux_start).find(|&j| self.toks[j].span.start >= m.span.end)?;
        (after > start && self.looks_like_source(after, aux_start)).then_some(after)
    }

    /// Where "and" or "as well as" right before token `start` begins.
    fn joiner_before(&self, start: usize) -> Option<usize> {
        if start >= 1 && self.is(start - 1, words!["and"]) {
            Some(start - 1)
        } else if start >= 3
            && self.is(start - 3, words!["as"])
            && self.is(start - 2, words!["well"])
            && self.is(start - 1, words!["as"])
        {
            Some(start - 3)
        } else {
            None
        }
    }

    /// Auxiliaries and adverbs right before the cue: "has also", "had earlier".
    pub(super) fn auxiliaries_before(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && self.has(j - 1, Class::Auxiliary) {
            j -= 1;
        }
        j
    }

    /// "told his men to hold", "urged all parties to protect", "called on residents to leave".
    pub(super) fn directive(&self, i: usize, cue: &Cue) -> bool {
        if !cue.directive {
            return false;
        }
        // "called Wednesday on inspectors to visit": a day between the verb and its "on".
        let next = (i + 1..self.toks.len()).find(|&k| !self.time_word(k)).unwrap_or(i + 1);
        if cue.lemma == "call" && self.is(next, words!["on", "for", "upon"]) {
            return true;
        }
        // The object may be long ("urged the interim government and all relief and medical
        // organizations in the province to stay"), but a verb before "to" makes a clause, no
        // object ("told reporters the army would try to advance").
        let clause_verb = |k: usize| {
            self.has(k, Class::Be) || self.is(k, words!["would", "will", "had", "has", "have"]) || self.verbish(k)
        };
        (i + 1..(i + 16).min(self.toks.len()))
            .take_while(|&k| !self.is(k, words!["that", ":"]) && !self.toks[k].is_punct() && !clause_verb(k))
            .any(|k| self.is(k, words!["to"]) && self.word_starts_lower(k + 1) && !self.has(k + 1, Class::Article))
    }

    /// The cue at token `i` (its auxiliaries from `aux_start`) is no speech here: a directive
    /// ("told his men to hold"), a casualty verb ("the war has claimed 300,000 lives"), a naming
    /// ("a faction called X"), a reduced relative, a noun use,
    /// a cue noun after a preposition, or a frame without its pattern. The learned layer
    /// respects these too.
    pub(super) fn refused(&self, i: usize, aux_start: usize, cue: &Cue) -> bool {
        self.refused_undoubled(i, aux_start, cue) || self.doubled(i, aux_start)
    }

    /// [`Ctx::refused`] but for [`Ctx::doubled`], for [`Ctx::around_cue`], which has tested that
    /// first.
    fn refused_undoubled(&self, i: usize, aux_start: usize, cue: &Cue) -> bool {
        self.directive(i, cue)
            || self.claims_lives(i, cue)
            || self.naming(i, aux_start, cue)
            || self.reduced_relative(i, aux_start)
            || self.noun_use(i, cue)
            || self.noun_after_preposition(i, aux_start, cue)
            || self.frame_refuses(i, aux_start, cue)
            || self.attributive(i, aux_start)
    }

    /// "... said the Syrian Observatory for Human Rights said.": a scraped copy's second cue
    /// after an inverted source, ending the sentence, is no claim of its own (the source drops
    /// it, [`Ctx::source`]).
    fn doubled(&self, i: usize, aux_start: usize) -> bool {
        let ends = (i + 1..self.toks.len()).all(|k| self.toks[k].is_final_punct() || self.is_quote_mark(k));
        ends && aux_start >= 2
            && (aux_start.saturating_sub(12)..aux_start - 1)
                .rev()
                .take_while(|&k| !self.toks[k].is_punct() || self.is(k, words!["-"]))
                .find_map(|k| self.cue_at(k).map(|c| (k, c)))
                .is_some_and(|(k, c)| {
                    // Not "the reported execution", "were reported": an inverted cue stands alone.
                    let alone = self.auxiliaries_before(k) == k
                        && k > 0
                        && ![Class::Article, Class::Be, Class::Auxiliary]
                            .iter()
                            .any(|&x| self.has(k - 1, x));
                    alone
                        && self.lexicon.classes(&c.lemma).has(Class::InvertingCue)
                        && self.looks_like_source(k + 1, aux_start)
                })
    }

    /// "the biggest officially acknowledged loss", "a widely reported raid", "the reported
    /// attack", "five alleged fighters": an "-ed" cue between an article or a number (with only
    /// superlatives and adverbs after it) and a lower-case noun modifies the noun.
    fn attributive(&self, i: usize, aux_start: usize) -> bool {
        if !self.word_starts_lower(i) || !self.lower(i).ends_with("ed") || i + 1 >= self.toks.len() {
            return false;
        }
        let modifier = |k: usize| {
            let w = self.lower(k);
            self.word_starts_lower(k)
                && (w.ends_with("est") || w.ends_with("ly") || self.is(k, words!["most", "more", "first", "only"]))
        };
        let mut k = aux_start;
        while k > 0 && aux_start - k < 3 && modifier(k - 1) {
            k -= 1;
        }
        let noun = |k: usize| {
            let t = &self.toks[k];
            t.starts_lower()
                && !t.is_punct()
                && ![
                    Class::Clause,
                    Class::Preposition,
                    Class::Article,
                    Class::Determiner,
                    Class::Pronoun,
                    Class::Auxiliary,
                ]
                .iter()
                .any(|&c| t.has(c))
        };
        // "the five alleged rebel fighters", "two reported strikes": a number word in the phrase
        // (not digits: "an ad in 2008 questioned whether").
        let determiner =
            |k: usize| self.has(k, Class::Article) || (self.word_starts_lower(k) && self.has(k, Class::Count));
        k > 0 && determiner(k - 1) && noun(i + 1)
    }

    /// "The shelling claimed the lives of eight", "the war has claimed more than 300,000 lives":
    /// "claim" with a casualty object ([`Ctx::casualty_object`]) counts the dead.
    fn claims_lives(&self, i: usize, cue: &Cue) -> bool {
        cue.lemma == "claim" && self.casualty_object(i)
    }

    /// "a faction called the Hamza Division were seen": a describe verb right after a common
    /// noun, naming it, is not a claim.
    fn naming(&self, i: usize, aux_start: usize, cue: &Cue) -> bool {
        if cue.frame != Frame::Describe || aux_start < i || i == 0 || !self.word_starts_lower(i - 1) {
            return false;
        }
        let k = i + 1 + usize::from(self.is(i + 1, words!["the"]));
        let caps = (k..self.toks.len()).take_while(|&m| self.name_part(m, k)).count();
        let mut after = k + caps;
        // "a coalition called Jaish al-Fateh or Army of Conquest in which ...": a second name.
        if caps > 0 && self.is(after, words!["or"]) && self.capitalised(after + 1) {
            after += 1
                + (after + 1..self.toks.len())
                    .take_while(|&m| self.name_part(m, after + 1))
                    .count();
        }
        caps > 0
            && (after >= self.toks.len()
                || self.toks[after].is_punct()
                || self.verbish(after)
                || (self.toks[after].cue.is_some() && self.word_starts_lower(after))
                || self.has(after, Class::Clause)
                || self.has(after, Class::Auxiliary)
                || self.is(after, words!["in"]))
    }

    /// "Turkey's territorial claims in the region": a cue form that is also a noun, after a
    /// possessive, is the noun; so in copy without apostrophes after a day or other time word
    /// with its "s" ("Tuesdays reports came", "Saturdays claims").
    fn noun_use(&self, i: usize, cue: &Cue) -> bool {
        cue.nominal
            && (self.np_start(i)..i).any(|k| {
                let w = self.word(k);
                let time_possessive = || {
                    self.capitalised(k)
                        && self
                            .lower(k)
                            .strip_suffix('s')
                            .is_some_and(|stem| self.lexicon.classes(stem).has(Class::Time))
                };
                w.ends_with("'s") || w.ends_with("’s") || time_possessive()
            })
    }

    /// "arrested a former officer accused of ...": a bare past participle after an object is a
    /// reduced relative clause, not the object's speech.
    fn reduced_relative(&self, i: usize, aux_start: usize) -> bool {
        if aux_start < i || !self.word(i).ends_with("ed") {
            return false;
        }
        let start = self.np_start(i);
        // "The Observatory a monitor based in the UK reported": the participle is the appositive's.
        start > 0
            && start < i
            && (self.verbish(start - 1) || self.has(start - 1, Class::ObjectLink))
            && self.bare_appositive_source(i).is_none()
    }

    /// "The UN condemned the air strikes": condemnation or praise of the bare noun phrase
    /// `[start, end)` claims nothing; "condemned X as Y", "praised X for Y" do.
    pub(super) fn bare_judgement(&self, stance: Stance, start: usize, end: usize) -> bool {
        matches!(stance, Stance::Condemn | Stance::Praise)
            && !(start..end).any(|k| self.is(k, words!["as", "for", "that"]))
    }

    /// Token `m` continues a name begun at `first`: "Jaish al-Islam", "Men of Dignity".
    pub(super) fn name_part(&self, m: usize, first: usize) -> bool {
        let w = self.word(m);
        self.capitalised(m)
            || (m > first
                && (self.is(m, words!["of"])
                    || self.has(m, Class::NameParticle)
                    || ["al-", "el-", "ad-", "ash-"].iter().any(|p| w.starts_with(p))))
    }

    pub(super) fn word_starts_lower(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].starts_lower()
    }
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::triples as claims;

    #[test]
    fn asides_and_adverbs_between_source_and_cue_are_not_the_source() {
        assert_eq!(
            claims("The governor, for his part, said the curfew would end."),
            [("The governor", "said", "the curfew would end")]
        );
        assert_eq!(
            claims("Damascus meanwhile said the talks would resume."),
            [("Damascus", "meanwhile said", "the talks would resume")]
        );
    }

    #[test]
    fn a_relayed_source_is_neither_the_source_nor_the_content() {
        assert_eq!(
            claims("Al Jazeera quoting Turkish officials said on Friday that the border crossing had reopened."),
            [("Al Jazeera", "said", "the border crossing had reopened")]
        );
        assert_eq!(
            claims("The agency citing a local official said the bridge was shelled overnight."),
            [("The agency", "said", "the bridge was shelled overnight")]
        );
        assert_eq!(
            claims("State television reported citing a police source that two car bombs exploded near the stadium."),
            [(
                "State television",
                "reported",
                "two car bombs exploded near the stadium"
            )]
        );
        // A relative "that" after the relayed source opens no content.
        assert_eq!(
            claims(
                "Wheat output fell by half this year the ministry added citing surveys that also showed lower yields."
            ),
            [("the ministry", "added", "Wheat output fell by half this year")]
        );
    }

    #[test]
    fn a_doubled_cue_after_an_inverted_source_is_dropped() {
        assert_eq!(
            claims("\"The bridge is gone\" said the local council said."),
            [("the local council", "said", "The bridge is gone")]
        );
        // A nested claim with a content of its own stays.
        assert_eq!(
            claims("The envoy said the council said the bridge was gone."),
            [
                ("The envoy", "said", "the council said the bridge was gone"),
                ("the council", "said", "the bridge was gone"),
            ]
        );
        // "the reported X": an attributive cue before a trailing source is no inverted cue.
        assert_eq!(
            claims("Two shops burned after the reported strike on the market the monitor said."),
            [(
                "the monitor",
                "said",
                "Two shops burned after the reported strike on the market"
            )]
        );
    }

    #[test]
    fn the_object_of_an_ing_verb_before_the_source_is_not_the_source() {
        assert_eq!(
            claims(
                "After visiting Gulf foreign ministers French Foreign Minister Jean Dupont said the plan had support."
            ),
            [("French Foreign Minister Jean Dupont", "said", "the plan had support")]
        );
        // A determiner stays with its name: "fighting the Observatory said".
        assert_eq!(
            claims("After two days of fighting the Observatory said 30 fighters had died."),
            [("the Observatory", "said", "30 fighters had died")]
        );
    }

    #[test]
    fn as_well_as_and_one_and_join_sources() {
        assert_eq!(
            claims("Jordan as well as Lebanon said the crossings would stay shut."),
            [("Jordan as well as Lebanon", "said", "the crossings would stay shut")]
        );
        assert_eq!(
            claims("Medics and two local officials as well as a doctor said the school was hit."),
            [(
                "Medics and two local officials as well as a doctor",
                "said",
                "the school was hit"
            )]
        );
    }

    #[test]
    fn a_determiner_opens_the_speaker_of_an_inverted_attribution() {
        assert_eq!(
            claims("“The roads are closed,” said a driver from the town."),
            [("a driver from the town", "said", "The roads are closed")]
        );
        assert_eq!(
            claims("The roads are closed, one driver said."),
            [("one driver", "said", "The roads are closed")]
        );
        assert_eq!(
            claims("The roads are closed, said a driver, who gave only his first name."),
            [("a driver", "said", "The roads are closed")]
        );
        // A relative clause after a known source is not the source's either.
        assert_eq!(
            claims("The roads are closed, said the ministry, which runs the crossings."),
            [("the ministry", "said", "The roads are closed")]
        );
    }

    #[test]
    fn condemning_or_praising_a_bare_noun_phrase_is_not_a_claim() {
        assert_eq!(claims("The United Nations condemned the air strikes."), []);
        assert_eq!(claims("The minister praised the rescue workers."), []);
        assert_eq!(
            claims("The United Nations condemned the air strikes as a war crime."),
            [("The United Nations", "condemned", "the air strikes as a war crime")]
        );
        assert_eq!(
            claims("The minister praised the rescue workers for saving dozens of lives."),
            [(
                "The minister",
                "praised",
                "the rescue workers for saving dozens of lives"
            )]
        );
    }

    #[test]
    fn naming_with_a_second_name_is_not_a_claim() {
        assert_eq!(
            claims("A coalition of factions called Jaish al-Fateh or Army of Conquest now holds the city."),
            []
        );
        assert_eq!(
            claims("Rebels joined an alliance called Jaish al-Islam in which they fought."),
            []
        );
        // The name is the subject of the next cue: only that claim is one.
        assert_eq!(
            claims("A coalition of rebel groups called Jaish al-Fateh said it had taken the hill."),
            [("Jaish al-Fateh", "said", "it had taken the hill")]
        );
        assert_eq!(
            claims("The ministry called Assad a war criminal."),
            [("The ministry", "called", "Assad a war criminal")]
        );
    }

    #[test]
    fn a_cue_between_commas_mid_sentence_sits_inside_its_content() {
        assert_eq!(
            claims("Even in a dry year, officials say, the dam cannot hold another winter."),
            [(
                "officials",
                "say",
                "Even in a dry year, officials say, the dam cannot hold another winter"
            )]
        );
        assert_eq!(
            claims("The town will run out of flour, the council warned, because the road is shut."),
            [(
                "the council",
                "warned",
                "The town will run out of flour, the council warned, because the road is shut"
            )]
        );
        // After the cue, an adjunct, a participle or "and" closes the sentence: the content
        // stays before the source.
        assert_eq!(
            claims("The bridge was rebuilt last year, the mayor said, in a statement."),
            [("the mayor", "said", "The bridge was rebuilt last year")]
        );
        assert_eq!(
            claims("The bridge was rebuilt last year, the mayor said, citing the budget."),
            [("the mayor", "said", "The bridge was rebuilt last year")]
        );
        // A short opener, then the clause: the content is the clause.
        assert_eq!(
            claims("Instead, the mayor said, the bridge will be rebuilt."),
            [("the mayor", "said", "the bridge will be rebuilt")]
        );
    }

    #[test]
    fn a_participle_after_a_skipped_adjunct_is_its_own_cue() {
        assert_eq!(
            claims("The senator wrote to the board on Friday, saying the plan was illegal."),
            [("The senator", "saying", "the plan was illegal")]
        );
    }
}
