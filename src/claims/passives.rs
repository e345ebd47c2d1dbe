//! Passive and nominal attributions: "CONTENT was confirmed by SOURCE" (`passive_by`), "It was
//! reported that CONTENT" (`passive_it`, hedged: nobody is named), "SOURCE was quoted as saying
//! (that) CONTENT" (`quoted_as_saying`), and "SOURCE's claim that CONTENT" / "claims by SOURCE
//! that CONTENT" (`nominal`, whose content ends before the main verb: "... was contradicted").

use super::words;
use super::{Claim, ClaimKind, Class, Ctx, Cue, CueMatch, Rule, Stance};

impl Ctx<'_> {
    /// "X was confirmed by SOURCE" and "It was reported that CONTENT".
    pub(super) fn passive(&self, aux_start: usize, i: usize, cue: &Cue) -> Option<Claim> {
        if self.is(i + 1, words!["by"]) {
            let (core, end) = self.trailing_source(i + 2, self.clause_end_any(i + 2))?;
            let content = self.fronted_span(self.clause_start(aux_start), aux_start)?;
            let source = self.source(i + 2, end, core);
            let cue_match = self.cue_match(aux_start, i + 1, cue);
            return Some(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue_match,
                content,
                Rule::PassiveBy,
                0.8,
            ));
        }
        // "It was reported [earlier] that": adverbs between the cue and "that" are no content.
        let that = (i + 1..(i + 3).min(self.toks.len()))
            .find(|&j| !self.has(j, Class::Auxiliary))
            .filter(|&j| self.is(j, words!["that"]));
        if let (true, Some(that)) = (aux_start > 0 && self.is(aux_start - 1, words!["it"]), that) {
            let content = self.content_span(that + 1, self.clause_end(that + 1)?)?;
            let cue_match = CueMatch {
                stance: Stance::Hedge,
                ..self.cue_match(aux_start - 1, i + 1, cue)
            };
            return Some(self.claim(ClaimKind::Hedged, None, cue_match, content, Rule::PassiveIt, 0.6));
        }
        None
    }

    /// "SOURCE was quoted as saying (that) CONTENT", with `i` at "quoted".
    pub(super) fn quoted_as_saying(&self, i: usize) -> Option<Claim> {
        if !self.quoted_as_saying_at(i) {
            return None;
        }
        let aux_start = self.auxiliaries_before(i);
        let (src_start, core, src_end) = self.source_before(aux_start)?;
        let start = i + 3 + usize::from(self.is(i + 3, words!["that"]));
        if self.is(start, words!["by"]) {
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
            Rule::QuotedAsSaying,
            0.85,
        ))
    }

    /// "quoted as saying" starts at token `i`.
    pub(super) fn quoted_as_saying_at(&self, i: usize) -> bool {
        self.is(i, words!["quoted"]) && self.is(i + 1, words!["as"]) && self.is(i + 2, words!["saying"])
    }

    /// The cue "was quoted as saying", from the auxiliaries at `aux` to "saying".
    pub(super) fn quoted_as_saying_cue(&self, aux: usize, i: usize) -> CueMatch {
        CueMatch {
            span: self.span(aux, i + 3),
            lemma: "quote".into(),
            stance: Stance::Assert,
        }
    }

    /// "SOURCE's claim that CONTENT" and "claims by SOURCE that CONTENT", with `i` at the noun.
    pub(super) fn nominal(&self, i: usize) -> Option<Claim> {
        let cue = self.lexicon.cue(self.toks[i].cue?);
        if !cue.nominal {
            return None;
        }
        let (mut source, that) = if i > 0 && possessive(self.word(i - 1)).is_some() && self.is(i + 1, words!["that"]) {
            let start = self.np_start(i);
            if start == i || !self.looks_like_source(start, i) {
                return None;
            }
            (self.source(start, i, i), i + 1)
        } else if self.is(i + 1, words!["by"]) {
            let end = self.np_end(i + 2);
            if end == i + 2 || !self.is(end, words!["that"]) || !self.looks_like_source(i + 2, end) {
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
        let end = (start + 1..end)
            .find(|&k| self.has(k, Class::NominalStop))
            .unwrap_or(end);
        let content = self.content_span(start, end)?;
        let cue_match = self.cue_match(i, i + 1, cue);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue_match,
            content,
            Rule::Nominal,
            0.7,
        ))
    }
}

/// The possessive ending of `word` ("'s", "’s"), if any.
fn possessive(word: &str) -> Option<&'static str> {
    ["'s", "’s"]
        .into_iter()
        .find(|p| word.ends_with(p) && word.len() > p.len())
}
