//! Indirect speech and its relatives, around one cue word:
//!
//! - `source_cue_content`: SOURCE [aux/adverbs] CUE [recipient] [adjunct] (that) CONTENT, with
//!   "in a statement", "on Twitter", "to Reuters", "at a news conference" skipped, and
//!   `source_cue_as` / `source_cue_accuse` for describe ("portrayed X as Y", "called X Y") and
//!   accuse ("accused X of Y") verbs;
//! - `content_source_cue` and `content_cue_source`: "CONTENT, SOURCE said [on Tuesday]." and
//!   "CONTENT, said SOURCE[, APPOSITIVE].";
//! - `according_to`: "According to SOURCE, CONTENT" and "CONTENT, according to SOURCE.";
//! - `passive_by`: "CONTENT was confirmed by SOURCE"; `passive_it`: "It was reported that
//!   CONTENT" (hedged: nobody is named);
//! - `quoted_as_saying`: "SOURCE was quoted as saying (that) CONTENT";
//! - `nominal`: "SOURCE's claim that CONTENT", "claims by SOURCE that CONTENT".
//!
//! Speech that is not (yet) a claim is refused: a cue after "to", "will", "not" or "never"
//! ("is expected to announce", "did not say"), and directives ("told his men to hold", "urged
//! all parties to protect", "called on residents to leave").
//!
//! The content runs from the cue to the clause end: ";", ", but", ", saying" or the sentence
//! end, without final punctuation but with a closing quote mark whose opening one it holds.

use super::{Claim, ClaimKind, Ctx, Cue, CueMatch, Frame};
use crate::span::Span;

impl Ctx<'_> {
    /// Attributed claims from cue words, right to left; the cues and sources of claims already
    /// found in this sentence (from `first` on) are taken.
    pub(super) fn attributed(&self, out: &mut Vec<Claim>, first: usize) {
        let mut taken: Vec<Span> = out[first..].iter().flat_map(taken_spans).collect();
        if let Some(c) = self
            .according_to()
            .filter(|c| !taken_spans(c).any(|s| overlaps_any(&taken, s)))
        {
            taken.extend(taken_spans(&c));
            out.push(c);
        }
        for i in (0..self.toks.len()).rev() {
            if taken.iter().any(|t| t.overlaps(self.toks[i].span)) {
                continue;
            }
            let claim = self
                .nominal(i)
                .or_else(|| self.cue_at(i).and_then(|cue| self.around_cue(i, cue)))
                .or_else(|| self.quoted_as_saying(i));
            let Some(c) = claim else { continue };
            self.yield_to_outer(&c, out, first, &mut taken);
            if let Some(c) = self.stop_before_taken(c, &taken) {
                taken.extend(taken_spans(&c));
                out.push(c);
            }
        }
    }

    /// "The monitor said it had documented 1,500 deaths": an inner claim whose pronoun source
    /// opens `c`'s content is part of it, not a claim of its own; it is removed.
    fn yield_to_outer(&self, c: &Claim, out: &mut Vec<Claim>, first: usize, taken: &mut Vec<Span>) {
        let inner = out[first..].iter().position(|o| {
            o.source.as_ref().is_some_and(|s| {
                s.span.start == c.content.start && PRONOUNS.contains(&s.span.slice(self.text).to_lowercase().as_str())
            })
        });
        if let Some(pos) = inner {
            let inner = out.remove(first + pos);
            taken.retain(|t| !taken_spans(&inner).any(|s| s == *t));
        }
    }

    /// Cuts `c`'s content before the source or cue of another claim it runs into ("X
    /// documented Y, it said": Y stops before ", it said"); None when too little is left.
    fn stop_before_taken(&self, mut c: Claim, taken: &[Span]) -> Option<Claim> {
        let Some(t) = taken
            .iter()
            .filter(|t| c.content.start < t.start && t.start < c.content.end)
            .min()
        else {
            return Some(c);
        };
        let k = self.toks.iter().position(|tok| tok.span.start >= t.start)?;
        let end = (0..k).rev().find(|&j| !self.toks[j].is_punct())? + 1;
        c.content = self.content_span(self.toks.iter().position(|tok| tok.span.start >= c.content.start)?, end)?;
        Some(c)
    }

    /// "According to SOURCE, CONTENT" and "CONTENT, according to SOURCE".
    fn according_to(&self) -> Option<super::Claim> {
        let i =
            (0..self.toks.len().saturating_sub(1)).find(|&i| self.is(i, &["according"]) && self.is(i + 1, &["to"]))?;
        let src_end = (i + 2..self.toks.len())
            .find(|&j| self.toks[j].is_punct() && !self.is(j, &["'", "’", "-"]))
            .unwrap_or(self.toks.len());
        if src_end == i + 2 || !self.looks_like_source(i + 2, src_end) {
            return None;
        }
        let content = if self.clause_start(i) == i {
            let start = src_end + usize::from(self.is(src_end, &[","]));
            self.clause_end(start).map(|end| self.span(start, end))?
        } else if self.is(i - 1, &[","]) {
            self.content_span(self.clause_start(i - 1), i - 1)?
        } else {
            return None;
        };
        let cue = CueMatch {
            span: self.span(i, i + 2),
            lemma: "according to".into(),
            stance: "assert".into(),
        };
        let source = self.source(i + 2, src_end, src_end);
        Some(self.claim(ClaimKind::Attributed, Some(source), cue, content, "according_to", 0.9))
    }

    /// SOURCE CUE (that) CONTENT; CONTENT, SOURCE CUE; CONTENT, CUE SOURCE; passives.
    fn around_cue(&self, i: usize, cue: &Cue) -> Option<Claim> {
        let aux_start = self.auxiliaries_before(i);
        if cue.frame == Frame::Nominal
            || (aux_start > 0 && self.is(aux_start - 1, &["to", "will", "not", "never", "shall", "must"]))
        {
            return None;
        }
        if (aux_start..i).any(|k| self.is(k, BE)) {
            return self.passive(aux_start, i, cue);
        }
        if self.directive(i, cue) || self.naming(i, aux_start, cue) || self.reduced_relative(i, aux_start) {
            return None;
        }
        if let Some((src_start, core, src_end)) = self.source_before(aux_start) {
            let source = self.source(src_start, src_end, core);
            let cue_match = self.cue_match(aux_start, i + 1, cue);
            if src_start > 0 && self.is(src_start - 1, &[","]) && self.trailing_ok(i + 1, cue) {
                let start = self.clause_start(src_start - 1);
                // "The strikes, the ministry said, targeted depots": the claim is the whole clause.
                let parenthetical = self.is(i + 1, &[","])
                    && i + 2 < self.toks.len()
                    && (self.verbish(i + 2) || self.is(i + 2, BE))
                    && self.clause_end(i + 2).is_some();
                let end = if parenthetical {
                    self.clause_end(i + 2)?
                } else {
                    src_start - 1
                };
                let content = self.content_span(start, end)?;
                let rule = "content_source_cue";
                return Some(self.claim(ClaimKind::Attributed, Some(source), cue_match, content, rule, 0.85));
            }
            let start = self.content_start(i + 1, cue);
            let content = self.content_span(start, self.clause_end(start)?)?;
            let rule = match cue.frame {
                Frame::Describe => "source_cue_as",
                Frame::Accuse => "source_cue_accuse",
                _ => "source_cue_content",
            };
            let confidence = match (source.entity.is_some(), source.unnamed) {
                (true, _) => 0.9,
                (false, false) => 0.8,
                (false, true) => 0.7,
            };
            return Some(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue_match,
                content,
                rule,
                confidence,
            ));
        }
        // CONTENT, said SOURCE.
        if cue.frame == Frame::Speech && aux_start == i && i > 0 && self.is(i - 1, &[","]) {
            let (core, end) = self.trailing_source(i + 1, self.clause_end_any(i + 1))?;
            let content = self.content_span(self.clause_start(i - 1), i - 1)?;
            let source = self.source(i + 1, end, core);
            let cue_match = self.cue_match(i, i + 1, cue);
            return Some(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue_match,
                content,
                "content_cue_source",
                0.8,
            ));
        }
        None
    }

    /// The source before the cue's auxiliaries at `aux_start`: (start, end of its own noun
    /// phrase, end), with an appositive between commas ("Sabrina Singh, a Pentagon spokesperson,").
    pub(super) fn source_before(&self, aux_start: usize) -> Option<(usize, usize, usize)> {
        let start = self.np_start(aux_start);
        if start < aux_start && self.looks_like_source(start, aux_start) {
            // "a war monitor and local sources said": both make the source.
            let first = start
                .checked_sub(1)
                .filter(|&k| self.is(k, &["and"]))
                .map(|k| (self.np_start(k), k));
            let start = match first {
                Some((s, k)) if s < k && self.looks_like_source(s, k) => s,
                _ => start,
            };
            return Some((start, aux_start, aux_start));
        }
        if aux_start == 0 || !self.is(aux_start - 1, &[","]) {
            return None;
        }
        let start = self.appositive_start(aux_start - 1)?;
        let core = (start..aux_start).find(|&k| self.is(k, &[","]))?;
        // "The army, in a statement carried by SANA, said": the adjunct is not the source's.
        let end = if self.adjunct_at(core + 1) { core } else { aux_start - 1 };
        Some((start, core, end))
    }

    /// "X was confirmed by SOURCE" and "It was reported that CONTENT".
    fn passive(&self, aux_start: usize, i: usize, cue: &Cue) -> Option<Claim> {
        if self.is(i + 1, &["by"]) {
            let (core, end) = self.trailing_source(i + 2, self.clause_end_any(i + 2))?;
            let content = self.content_span(self.clause_start(aux_start), aux_start)?;
            let source = self.source(i + 2, end, core);
            let cue_match = self.cue_match(aux_start, i + 1, cue);
            return Some(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue_match,
                content,
                "passive_by",
                0.8,
            ));
        }
        if aux_start > 0 && self.is(aux_start - 1, &["it"]) && self.is(i + 1, &["that"]) {
            let content = self.content_span(i + 2, self.clause_end(i + 2)?)?;
            let cue_match = CueMatch {
                stance: "hedge".into(),
                ..self.cue_match(aux_start - 1, i + 1, cue)
            };
            return Some(self.claim(ClaimKind::Hedged, None, cue_match, content, "passive_it", 0.6));
        }
        None
    }

    /// "SOURCE was quoted as saying (that) CONTENT", with `i` at "quoted".
    fn quoted_as_saying(&self, i: usize) -> Option<Claim> {
        if !self.quoted_as_saying_at(i) {
            return None;
        }
        let aux_start = self.auxiliaries_before(i);
        let (src_start, core, src_end) = self.source_before(aux_start)?;
        let start = i + 3 + usize::from(self.is(i + 3, &["that"]));
        if self.is(start, &["by"]) {
            return None; // "“...,” a source was quoted as saying by SANA": a quote rule's
        }
        let content = self.content_span(start, self.clause_end(start)?)?;
        let cue = self.quoted_as_saying_cue(aux_start, i);
        let source = self.source(src_start, src_end, core);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue,
            content,
            "quoted_as_saying",
            0.85,
        ))
    }

    /// "quoted as saying" starts at token `i`.
    pub(super) fn quoted_as_saying_at(&self, i: usize) -> bool {
        self.is(i, &["quoted"]) && self.is(i + 1, &["as"]) && self.is(i + 2, &["saying"])
    }

    /// The cue "was quoted as saying", from the auxiliaries at `aux` to "saying".
    pub(super) fn quoted_as_saying_cue(&self, aux: usize, i: usize) -> CueMatch {
        CueMatch {
            span: self.span(aux, i + 3),
            lemma: "quote".into(),
            stance: "assert".into(),
        }
    }

    /// "SOURCE's claim that CONTENT" and "claims by SOURCE that CONTENT", with `i` at the noun.
    fn nominal(&self, i: usize) -> Option<Claim> {
        let cue = self.lexicon.get(&self.lower(i)).filter(|c| c.nominal)?;
        let (mut source, that) = if i > 0 && possessive(self.word(i - 1)).is_some() && self.is(i + 1, &["that"]) {
            let start = self.np_start(i);
            if start == i || !self.looks_like_source(start, i) {
                return None;
            }
            (self.source(start, i, i), i + 1)
        } else if self.is(i + 1, &["by"]) {
            let end = self.np_end(i + 2);
            if end == i + 2 || !self.is(end, &["that"]) || !self.looks_like_source(i + 2, end) {
                return None;
            }
            (self.source(i + 2, end, end), end)
        } else {
            return None;
        };
        if let Some(suffix) = possessive(source.span.slice(self.text)) {
            source.span.end -= suffix.len();
        }
        let start = that + 1;
        let end = self.clause_end_any(start);
        let end = (start + 1..end).find(|&k| self.is(k, NOMINAL_STOPS)).unwrap_or(end);
        let content = self.content_span(start, end)?;
        let cue_match = self.cue_match(i, i + 1, cue);
        Some(self.claim(ClaimKind::Attributed, Some(source), cue_match, content, "nominal", 0.7))
    }

    /// Auxiliaries and adverbs right before the cue: "has also", "had earlier".
    pub(super) fn auxiliaries_before(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && self.is(j - 1, AUXILIARIES) {
            j -= 1;
        }
        j
    }

    /// "told his men to hold", "urged all parties to protect", "called on residents to leave".
    fn directive(&self, i: usize, cue: &Cue) -> bool {
        if !DIRECTIVES.contains(&cue.lemma.as_str()) {
            return false;
        }
        if cue.lemma == "call" && self.is(i + 1, &["on", "for", "upon"]) {
            return true;
        }
        (i + 1..(i + 8).min(self.toks.len()))
            .take_while(|&k| !self.is(k, &["that", ":"]) && !self.toks[k].is_punct())
            .any(|k| self.is(k, &["to"]) && self.word_starts_lower(k + 1) && !self.is(k + 1, &["the", "a", "an"]))
    }

    /// "a faction called the Hamza Division were seen": a describe verb right after a common
    /// noun, naming it, is not a claim.
    fn naming(&self, i: usize, aux_start: usize, cue: &Cue) -> bool {
        if cue.frame != Frame::Describe || aux_start < i || i == 0 || !self.word_starts_lower(i - 1) {
            return false;
        }
        let k = i + 1 + usize::from(self.is(i + 1, &["the"]));
        let caps = (k..self.toks.len()).take_while(|&m| self.name_part(m, k)).count();
        let after = k + caps;
        caps > 0 && (after >= self.toks.len() || self.toks[after].is_punct() || self.verbish(after))
    }

    /// "arrested a former officer accused of ...": a bare past participle after an object is a
    /// reduced relative clause, not the object's speech.
    fn reduced_relative(&self, i: usize, aux_start: usize) -> bool {
        if aux_start < i || !self.word(i).ends_with("ed") {
            return false;
        }
        let start = self.np_start(i);
        start > 0 && start < i && (self.verbish(start - 1) || self.is(start - 1, OBJECT_LINKS))
    }

    /// Token `m` continues a name begun at `first`: "Jaish al-Islam", "Men of Dignity".
    fn name_part(&self, m: usize, first: usize) -> bool {
        let w = self.word(m);
        self.capitalised(m)
            || (m > first
                && (self.is(m, &["of", "al", "bin", "ibn"])
                    || ["al-", "el-", "ad-", "ash-"].iter().any(|p| w.starts_with(p))))
    }

    fn word_starts_lower(&self, i: usize) -> bool {
        i < self.toks.len() && self.word(i).starts_with(char::is_lowercase)
    }

    /// After "SOURCE CUE" preceded by a comma, nothing but adjuncts follow ("on Tuesday", "in a
    /// statement", "told AFP by phone"): the content is before.
    fn trailing_ok(&self, after: usize, cue: &Cue) -> bool {
        let end = self.clause_end_any(after);
        if after >= end || self.is(after, &[","]) {
            return true;
        }
        if end - after > 10 || (after..end).any(|k| self.is(k, &["that", ":"])) {
            return false;
        }
        let k = if cue.lemma == "tell" {
            self.recipient_end(after)
        } else {
            after
        };
        k == end || self.is(k, ADJUNCTS) || self.is(k, &[","])
    }

    /// The end of the recipient of "tell" starting at `j`: "Reuters", "The Associated Press",
    /// "reporters"; `j` when there is none.
    fn recipient_end(&self, j: usize) -> usize {
        let k = j + usize::from(self.is(j, &["the", "a", "an"]));
        let caps = (k..self.toks.len()).take_while(|&m| self.name_part(m, k)).count();
        if caps > 0 {
            k + caps
        } else if self.is(k, RECIPIENTS) {
            k + 1
        } else if self.word_starts_lower(k) && self.is(k + 1, RECIPIENTS) {
            k + 2 // "state television", "local media"
        } else {
            j
        }
    }

    /// The content starts after the cue, skipping a recipient ("told Reuters"), attribution
    /// frames ("in a statement", "on Twitter", "on Sunday") and "that".
    fn content_start(&self, after: usize, cue: &Cue) -> usize {
        let mut j = if cue.lemma == "tell" {
            self.recipient_end(after)
        } else {
            after
        };
        loop {
            let before = j;
            if self.is(j, ADJUNCTS) && !self.is(j + 1, &["least", "most"]) {
                let limit = (j + 9).min(self.toks.len());
                if let Some(k) = (j + 1..limit).find(|&k| self.is(k, &["that", ","])) {
                    j = k + usize::from(self.is(k, &[","]));
                } else if self.capitalised(j + 1) && j + 2 < self.toks.len() && !self.capitalised(j + 2) {
                    j += 2;
                }
            }
            // "say privately that", "warned of famine"
            let adverb = j < self.toks.len() && self.word(j).ends_with("ly") && self.is(j + 1, &["that"]);
            if adverb || (cue.lemma == "warn" && self.is(j, &["of"])) {
                j += 1;
            }
            if self.is(j, &["that", ":"]) {
                j += 1;
            }
            if j == before {
                return j;
            }
        }
    }

    /// The token index where the clause starting at `start` ends (exclusive), if it holds at
    /// least two tokens.
    pub(super) fn clause_end(&self, start: usize) -> Option<usize> {
        let j = self.clause_end_any(start);
        (j > start + 1).then_some(j)
    }

    /// The token index where the clause starting at `start` ends (exclusive).
    pub(super) fn clause_end_any(&self, start: usize) -> usize {
        let mut j = start;
        while j < self.toks.len() {
            if self.is(j, &[";"]) || self.clause_break(j) || self.closes_earlier_quote(start, j) {
                break;
            }
            j += 1;
        }
        while j > start && self.toks[j - 1].is_final_punct() {
            j -= 1;
        }
        let opened = (start..j).filter(|&k| self.is(k, QUOTE_MARKS)).count();
        if opened % 2 == 1 && self.is(j, &["\"", "”"]) {
            j += 1;
        }
        j
    }

    /// A new clause starts at token `j`: ", but", ", saying", ", and warned" or "but declined".
    fn clause_break(&self, j: usize) -> bool {
        let comma = self.is(j, &[","]);
        let verb_after = |k: usize| k < self.toks.len() && (self.verbish(k) || self.cue_at(k).is_some());
        (comma && (self.is(j + 1, CONTRAST_WORDS) || self.is(j + 1, PARTICIPLES)))
            || (comma && self.is(j + 1, &["and"]) && (verb_after(j + 2) || self.is(j + 2, &["that"])))
            || (self.is(j, &["but"]) && verb_after(j + 1))
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
        (0..end)
            .rev()
            .find(|&j| {
                self.is(j, &[";"])
                    || (self.is(j, CONTRAST_WORDS) && j > 0 && self.is(j - 1, &[","]))
                    || (self.is(j, &["—", "–", "-", "--"]) && j > 0 && self.is(j - 1, &[")"]))
            })
            .map_or(0, |j| j + 1)
    }

    /// The content span `[from, to)`, or None when it is too short to be a claim.
    pub(super) fn content_span(&self, from: usize, to: usize) -> Option<Span> {
        let punct = self.toks[from].is_punct() && !self.is(from, QUOTE_MARKS);
        if to <= from + 1 || punct || self.is(from, &["to"]) || self.verbish(from) {
            return None;
        }
        Some(self.span(from, to))
    }
}

/// The spans a claim takes: its source and cue.
fn taken_spans(c: &Claim) -> impl Iterator<Item = Span> + '_ {
    c.source.iter().map(|s| s.span).chain(std::iter::once(c.cue.span))
}

fn overlaps_any(taken: &[Span], s: Span) -> bool {
    taken.iter().any(|t| t.overlaps(s))
}

/// The possessive ending of `word` ("'s", "’s"), if any.
fn possessive(word: &str) -> Option<&'static str> {
    ["'s", "’s"]
        .into_iter()
        .find(|p| word.ends_with(p) && word.len() > p.len())
}

const AUXILIARIES: &[&str] = &[
    "has",
    "have",
    "had",
    "would",
    "also",
    "later",
    "earlier",
    "repeatedly",
    "previously",
    "already",
    "again",
    "reportedly",
    "publicly",
    "officially",
    "separately",
    "further",
    "recently",
    "once",
    "then",
    "often",
    "initially",
    "first",
    "did",
    "does",
    "do",
    "could",
    "may",
    "might",
    "is",
    "was",
    "are",
    "were",
    "been",
    "being",
    "be",
    "privately",
    "quickly",
    "flatly",
    "strongly",
    "firmly",
    "long",
    "consistently",
    "frequently",
    "routinely",
    "regularly",
    "openly",
    "explicitly",
    "immediately",
    "subsequently",
    "still",
    "now",
    "swiftly",
];
const PRONOUNS: &[&str] = &["he", "she", "it", "they", "we"];
/// Prepositions before an object noun phrase.
const OBJECT_LINKS: &[&str] = &["of", "for", "from", "with", "against", "by", "to", "about", "among"];
const BE: &[&str] = &["is", "are", "was", "were", "been", "be", "being"];
const CONTRAST_WORDS: &[&str] = &["but", "though", "although", "while", "whereas", "yet"];
const PARTICIPLES: &[&str] = &[
    "saying",
    "adding",
    "citing",
    "noting",
    "claiming",
    "insisting",
    "calling",
    "speaking",
    "writing",
    "referring",
];
const ADJUNCTS: &[&str] = &[
    "in", "on", "at", "to", "via", "during", "late", "early", "earlier", "later", "last", "this", "by", "after",
];
const RECIPIENTS: &[&str] = &[
    "reporters",
    "journalists",
    "lawmakers",
    "parliament",
    "diplomats",
    "delegates",
    "supporters",
    "crowds",
    "television",
    "tv",
    "media",
    "radio",
    "newspaper",
    "channel",
    "broadcaster",
];
const DIRECTIVES: &[&str] = &[
    "tell",
    "urge",
    "ask",
    "order",
    "call",
    "warn",
    "instruct",
    "advise",
    "encourage",
];
const NOMINAL_STOPS: &[&str] = &[
    "was", "were", "is", "are", "could", "can", "cannot", "would", "will", "appeared", "seemed", "remained", "proved",
    "drew", "sparked", "prompted",
];
const QUOTE_MARKS: &[&str] = &["\"", "“", "”"];
