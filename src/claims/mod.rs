//! Claims: who says what, from sentences and their mentions.
//!
//! A claim is either **attributed** (a source says something: "The Syrian Observatory for
//! Human Rights confirmed that ...", "according to X, ...", "..., X said.", "X has portrayed Y
//! as Z", "“...,” the commander told AFP") or **hedged** (no source, but a hedge: "reportedly",
//! "allegedly", "is said to", "it was reported that"). Cues and every word list come from the
//! data files in `lexicon/` ([`lexicon`]); each token's cue and word classes are looked up once
//! per token; no parser and no per-sentence regex. The
//! rules work on a word/punctuation tokenisation of each body sentence (titles, headings,
//! bylines, boilerplate and questions are skipped), one module per construction:
//!
//! - `quotes.rs`: direct quotes, straight or curly, with the source before or after, running
//!   over several sentences or paragraphs (tried first);
//! - `speech.rs`: indirect speech, "according to", trailing and inverted attribution, describe
//!   and accuse verbs, with `clauses.rs` for where a content starts and ends;
//! - `passives.rs`: passives ("was confirmed by X", "it was reported that"), "was quoted as
//!   saying", and nominal claims ("the ministry's claim that", "claims by X that");
//! - `progressive.rs`: speech in the progressive ("is telling donors that ...");
//! - `relative.rs`: speech in a subject relative clause ("Barkley, who said he ...,");
//! - `sources.rs`: the source noun phrase (with its appositive) and the `unnamed` flag;
//! - `resolve.rs`: pronoun sources ("he", "it", "the ministry") resolved to an earlier source or
//!   mention;
//! - `followup.rs`: ", adding that ..." / ", saying ..." after a claim, by the same source;
//! - `transcript.rs`: interview turns ("TAPPER: ...", "Q: ...", "A: ...") in a dialogue;
//! - `orders.rs` and `colon.rs`: for corpora that count them (the PolNeAR profile,
//!   `lexicon/polnear/`), orders ("urged X to V", "called for X") and "NAME: ..." lead-ins;
//!   without the profile's rows they never fire;
//! - `hedges.rs`: hedged claims without a source ("reportedly", "is said to", "appears to",
//!   "it is unclear whether", "has been accused of");
//! - `verification.rs`: disclaimers ("could not be independently verified") as hedged claims
//!   that mark the claims they qualify `unverified`;
//! - `attitude.rs`: a speaker's own "I think" and a "found" without "that" are dropped;
//! - `discourse.rs`: `disputed`, when the same or the next sentence contradicts a claim.
//! - `arbitrate.rs`: the rules above only propose; this one step picks a consistent set of
//!   claims per sentence (priorities, spans taken, contents cut before them, drops, nested
//!   claims kept and marked `nested_in`).
//! - `tagger.rs`: the learned layer, claims the rules missed (after them; on by default).
//!
//! Titles and headings yield claims only in headline form, "Russia says 62 troops killed in
//! strikes" or "Air strike kills 10 monitoring group says", with a present-tense speech cue;
//! the role of the claim's sentence (`title`, `heading`) tells them from body claims.
//!
//! Not claims: directives ("told his men to hold"), the writer's own questions (a question
//! asked by a source has stance `question`), future or expected speech ("is
//! expected to announce", "will say"), negated speech ("did not say"), and non-body sentences.
//!
//! Known gaps (measured in `tests/claims_eval.rs`): speech inside a relative clause ("the
//! convoy, which the ministry said carried aid,"), a participle clause after the content
//! (", cutting electricity to ..." stays in it), sources with more than two comma-separated
//! appositives, and pronouns whose antecedent is neither a source nor a gazetteer mention.
//!
//! Invariants: a claim's `sentence` is the sentence of its cue; its cue and source lie inside
//! that sentence; its content lies inside it too, except for a direct quote running over
//! several sentences, whose content is the whole quote and touches the cue's sentence, indirect
//! speech whose content opens a quote closing in a later sentence of its paragraph, which runs
//! to the closing mark, and a
//! quote continued after its attribution (`quote_continued`), whose content runs from the
//! first quote over the attribution to the end of the second, in the cue's sentence or the
//! next one, and an interview turn (`speaker_tag`), whose content is the rest of its line. Claims
//! are sorted by (sentence, cue start); the same input gives the same claims.

mod anchors;
mod arbitrate;
mod attitude;
mod bare;
mod clauses;
mod colon;
mod discourse;
mod followup;
mod frames;
mod hedges;
pub mod lexicon;
mod nouns;
mod orders;
mod passives;
mod progressive;
mod quotes;
mod relative;
mod resolve;
mod short;
mod sources;
mod speech;
pub mod tagger;
mod tokens;
mod transcript;
mod verification;

use crate::gazetteer::{EntityId, EntityType, Gazetteer};
use crate::matcher::Mention;
use crate::segment::{Role, Sentence};
use crate::span::Span;
use arbitrate::Proposals;
pub use lexicon::{Class, Cue, Frame, Lexicon, LexiconError, Stance};
use quotes::Quote;
use std::cell::{Cell, OnceCell};
use std::sync::Arc;
use tokens::{words, Token, Tokens};

/// Every cue stance claims can carry, sorted by name. Exports that must declare their values
/// up front (brat's `annotation.conf`) list these.
pub fn stances() -> std::collections::BTreeSet<String> {
    Stance::ALL.iter().map(|s| s.as_str().to_owned()).collect()
}

lexicon::enum_names! {
    /// The rule that found a claim.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
    pub enum Rule {
        /// "According to SOURCE, CONTENT" / "CONTENT, according to SOURCE".
        AccordingTo = "according_to",
        /// "CONTENT, SOURCE said [adjuncts]."
        ContentSourceCue = "content_source_cue",
        /// "CONTENT, said SOURCE[, APPOSITIVE]."
        ContentCueSource = "content_cue_source",
        /// ", adding that ..." after a claim.
        FollowUp = "follow_up",
        /// A hedge without a source ("reportedly").
        Hedge = "hedge",
        /// "SOURCE's claim that CONTENT", "claims by SOURCE that CONTENT".
        Nominal = "nominal",
        /// "CONTENT was confirmed by SOURCE".
        PassiveBy = "passive_by",
        /// "It was reported that CONTENT".
        PassiveIt = "passive_it",
        /// A quote continued after its attributed one.
        QuoteContinued = "quote_continued",
        /// "“QUOTE,” said SOURCE".
        QuoteCueSource = "quote_cue_source",
        /// "“QUOTE,” SOURCE said".
        QuoteSourceCue = "quote_source_cue",
        /// "SOURCE was quoted as saying CONTENT".
        QuotedAsSaying = "quoted_as_saying",
        /// "SOURCE VERBED ... but has said CONTENT".
        SharedSubject = "shared_subject",
        /// "SOURCE accused X of CONTENT".
        SourceCueAccuse = "source_cue_accuse",
        /// "SOURCE portrayed X as CONTENT".
        SourceCueAs = "source_cue_as",
        /// "SOURCE said (that) CONTENT".
        SourceCueContent = "source_cue_content",
        /// "SOURCE said: “QUOTE”".
        SourceCueQuote = "source_cue_quote",
        /// "SPEAKER: CONTENT", a turn of an interview transcript.
        SpeakerTag = "speaker_tag",
        /// The learned layer ([`tagger`]).
        Tagger = "tagger",
    }
}

/// Attributed to a source, or hedged without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimKind {
    /// A source says it.
    Attributed,
    /// Nobody is named, but the text hedges it.
    Hedged,
}

impl ClaimKind {
    /// Every kind.
    pub const ALL: [ClaimKind; 2] = [ClaimKind::Attributed, ClaimKind::Hedged];

    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Attributed => "attributed",
            ClaimKind::Hedged => "hedged",
        }
    }
}

/// Who makes a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Source {
    /// The whole noun phrase, with its appositive ("Sabrina Singh, a Pentagon spokesperson").
    pub span: Span,
    /// The gazetteer entity inside it, if any.
    pub entity: Option<EntityId>,
    /// Nobody is named: "a security source", "two officials familiar with the matter", "activists".
    pub unnamed: bool,
    /// For a pronoun or a bare definite source ("he", "it", "the ministry"), the earlier source
    /// or mention it refers to.
    pub resolved: Option<Resolved>,
}

/// What a pronoun source refers to: an earlier source or gazetteer mention of the article.
#[derive(Clone, Debug, PartialEq)]
pub struct Resolved {
    /// The earlier noun phrase.
    pub span: Span,
    /// Its gazetteer entity, if any.
    pub entity: Option<EntityId>,
}

/// The word or words that mark a claim.
#[derive(Clone, Debug, PartialEq)]
pub struct CueMatch {
    /// The cue with its auxiliaries ("has portrayed").
    pub span: Span,
    /// Dictionary form ("portray", "reportedly").
    pub lemma: String,
    /// What the source does (assert, deny, describe, hedge...).
    pub stance: Stance,
}

/// One extracted claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Attributed or hedged.
    pub kind: ClaimKind,
    /// Index of the sentence its cue lies in.
    pub sentence: usize,
    /// Who makes it (none for hedged claims).
    pub source: Option<Source>,
    /// What marks it.
    pub cue: CueMatch,
    /// What is claimed.
    pub content: Span,
    /// Entities (places included) mentioned in the content, in order of first appearance.
    pub entities: Vec<EntityId>,
    /// The rule that fired, for auditing.
    pub rule: Rule,
    /// How much the rule is trusted, in [0, 1].
    pub confidence: f32,
    /// The same or the next sentence contradicts it ("..., but the scope of losses indicates ...").
    pub disputed: bool,
    /// A verification disclaimer in the same sentence, or right after it, qualifies it ("...
    /// could not be independently verified").
    pub unverified: bool,
    /// Index (in the article's claims) of the innermost claim whose content holds this one's
    /// cue and source: "The council said [it thinks X]" nests "it thinks X" in the council's claim.
    pub nested_in: Option<usize>,
}

/// Finds claims in body sentences.
#[derive(Clone, Debug)]
pub struct ClaimFinder {
    lexicon: Arc<Lexicon>,
    /// Tells the sentences that may hold a claim.
    anchors: anchors::Anchors,
    /// Entity types by [`EntityId`], to resolve pronouns to fitting entities.
    kinds: Vec<EntityType>,
    /// Run the learned layer ([`tagger`]) after the rules (on by default).
    learned: bool,
}

impl ClaimFinder {
    /// A finder with the embedded cue lexicon, for mentions of `gazetteer`.
    pub fn new(gazetteer: &Gazetteer) -> ClaimFinder {
        ClaimFinder::with_lexicon(gazetteer, Lexicon::embedded())
    }

    /// A finder with `lexicon`, for mentions of `gazetteer`.
    pub fn with_lexicon(gazetteer: &Gazetteer, lexicon: Lexicon) -> ClaimFinder {
        ClaimFinder {
            anchors: anchors::Anchors::new(&lexicon),
            lexicon: Arc::new(lexicon),
            kinds: gazetteer.entities().iter().map(|e| e.kind).collect(),
            learned: true,
        }
    }

    /// Turns the learned layer on or off.
    pub fn with_learned_layer(self, learned: bool) -> ClaimFinder {
        ClaimFinder { learned, ..self }
    }

    /// All claims in `text`.
    pub fn find(&self, text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Claim> {
        TOKENS.with_borrow_mut(|tokens| self.find_with(text, sentences, mentions, tokens))
    }

    /// [`ClaimFinder::find`] with the thread's token buffer.
    fn find_with(&self, text: &str, sentences: &[Sentence], mentions: &[Mention], tokens: &mut Tokens) -> Vec<Claim> {
        let quotes = quotes::find(text);
        let mut out = Vec::new();
        // The mentions are sorted by sentence, as the sentences are read: the first not yet
        // passed over.
        let mut next_mention = 0;
        for (index, sentence) in sentences.iter().enumerate() {
            let headline = matches!(sentence.role, Role::Title | Role::Heading);
            let words = sentence.span.slice(text);
            if !(sentence.role == Role::Body || headline)
                || words.trim_end().ends_with('?')
                || !self.anchors.may_hold_claim_with(words, tokens.blocks())
            {
                continue;
            }
            tokens.tokenize_scanned(text, sentence.span, &self.lexicon);
            let sentence_of = |k: usize| mentions.get(k).map(|m| m.sentence);
            while sentence_of(next_mention).is_some_and(|s| s < index) {
                next_mention += 1;
            }
            let lo = next_mention;
            while sentence_of(next_mention) == Some(index) {
                next_mention += 1;
            }
            let sentence_mentions = &mentions[lo..next_mention];
            for piece in pieces(&tokens.list) {
                let (from, to) = match (tokens.list.get(piece.start), piece.end.checked_sub(1)) {
                    (Some(a), Some(b)) => (a.span.start, tokens.list[b].span.end),
                    _ => (sentence.span.start, sentence.span.end),
                };
                let m_lo = sentence_mentions.partition_point(|m| m.span.start < from);
                let m_hi = sentence_mentions.partition_point(|m| m.span.start < to);
                let ctx = Ctx {
                    text,
                    toks: &tokens.list[piece.clone()],
                    base: piece.start,
                    tokens,
                    mentions: &sentence_mentions[m_lo..m_hi],
                    sentence: index,
                    lexicon: &self.lexicon,
                    quotes: &quotes,
                    kinds: &self.kinds,
                    tables: OnceCell::new(),
                    np_memo: LastAnswer::default(),
                    source_memo: LastAnswer::default(),
                };
                let first = out.len();
                let mut proposals = Proposals::default();
                if !headline {
                    ctx.quoted(&mut proposals.quotes);
                }
                ctx.attributed(&mut proposals);
                if !headline {
                    ctx.follow_ups(&mut proposals.follow_ups);
                    ctx.hedged(&mut proposals.hedges);
                    proposals.learned = self.learned;
                }
                ctx.arbitrate(proposals, headline, &mut out, first);
                out[first..].sort_by_key(|c| (c.cue.span.start, c.content.start));
            }
        }
        quotes::join_continued(text, sentences, &quotes, &mut out);
        quotes::run_on(text, &quotes, &mut out);
        let before = out.len();
        transcript::find(text, sentences, mentions, &self.kinds, &mut out);
        if out.len() > before {
            out.sort_by_key(|c| (c.sentence, c.cue.span.start, c.content.start));
        }
        colon::find(text, sentences, mentions, &self.kinds, &quotes, &self.lexicon, &mut out);
        for c in &mut out {
            c.entities = entities_in(mentions, c.content, c.source.as_ref().map(|s| s.span));
        }
        resolve::resolve(&mut out, mentions, &self.kinds, text, &self.lexicon);
        discourse::mark_disputed(text, sentences, &mut out, &self.lexicon);
        arbitrate::mark_nested(&mut out);
        out
    }
}

thread_local! {
    /// The token buffer [`ClaimFinder::find`] reuses from sentence to sentence, kept by each
    /// thread from article to article: growing it afresh for every article cost about 2 M
    /// instructions on 839 articles. [`Tokens::tokenize`] clears it. `find` never calls itself,
    /// so the buffer is never borrowed twice.
    static TOKENS: std::cell::RefCell<Tokens> = std::cell::RefCell::default();
}

/// A sentence of more tokens than this is read in pieces of at most this many, cut after
/// punctuation where one is near: no sentence of news is that long, and bounded pieces keep the
/// rules linear in the text, however many cues a run-on "sentence" holds.
const MAX_PIECE: usize = 400;

/// The token ranges a sentence of `toks` is read in: the whole sentence (also when empty), or
/// pieces of at most [`MAX_PIECE`] tokens, each ending after the last punctuation in its final
/// quarter when there is one.
fn pieces(toks: &[Token]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut start = Some(0);
    std::iter::from_fn(move || {
        let from = start?;
        if toks.len() - from <= MAX_PIECE {
            start = None;
            return Some(from..toks.len());
        }
        let limit = from + MAX_PIECE;
        let end = (limit - MAX_PIECE / 4..limit)
            .rev()
            .find(|&k| toks[k].is_punct())
            .map_or(limit, |k| k + 1);
        start = Some(end);
        Some(from..end)
    })
}

/// Entities mentioned inside `span` but not inside `source` (which a continued quote's content
/// holds), in order of first appearance (`mentions` is sorted by position).
fn entities_in(mentions: &[Mention], span: Span, source: Option<Span>) -> Vec<EntityId> {
    let mut ids = Vec::new();
    let first = mentions.partition_point(|m| m.span.start < span.start);
    let inside = mentions[first..].iter().take_while(|m| m.span.start < span.end);
    for m in inside.filter(|m| span.contains(m.span) && !source.is_some_and(|s| s.contains(m.span))) {
        if !ids.contains(&m.entity) {
            ids.push(m.entity);
        }
    }
    ids
}

/// A source phrase's (start, end of its own noun phrase, end) token indices
/// ([`Ctx::source_before`]).
type SourceBounds = (usize, usize, usize);

/// One sentence being read.
struct Ctx<'a> {
    text: &'a str,
    /// The tokens read: a sentence, or a piece of a very long one.
    toks: &'a [Token],
    /// Index of `toks[0]` in `tokens`.
    base: usize,
    /// `toks` with their lower-case forms.
    tokens: &'a Tokens,
    mentions: &'a [Mention],
    sentence: usize,
    lexicon: &'a Lexicon,
    quotes: &'a [Quote],
    kinds: &'a [EntityType],
    /// Clause lookups, built on first use.
    tables: OnceCell<clauses::Tables>,
    /// The last noun phrase start found, `(end, start)` ([`Ctx::np_start`]).
    np_memo: LastAnswer<usize>,
    /// The last source found before a cue, `(aux_start, found)` ([`Ctx::source_before`]).
    source_memo: LastAnswer<Option<SourceBounds>>,
}

/// A function's last answer and the token index it was asked about: the rules around one cue
/// ask the same question several times in a row.
#[derive(Default)]
struct LastAnswer<T: Copy>(Cell<Option<(usize, T)>>);

impl<T: Copy> LastAnswer<T> {
    /// The answer for `key`: the kept one if `key` was asked last, else `find`'s, kept.
    #[inline]
    fn get_or(&self, key: usize, find: impl FnOnce() -> T) -> T {
        match self.0.get() {
            Some((k, answer)) if k == key => answer,
            _ => {
                let answer = find();
                self.0.set(Some((key, answer)));
                answer
            }
        }
    }
}

impl Ctx<'_> {
    #[inline]
    fn word(&self, i: usize) -> &str {
        self.toks[i].span.slice(self.text)
    }

    #[inline]
    fn lower(&self, i: usize) -> &str {
        self.tokens.lower(self.base + i)
    }

    /// Token `i` exists and belongs to class `c`.
    #[inline]
    fn has(&self, i: usize, c: Class) -> bool {
        self.toks.get(i).is_some_and(|t| t.has(c))
    }

    /// Token `i` exists and is one of `words` (best written with [`words!`]), ignoring ASCII
    /// case.
    #[inline]
    fn is<W: tokens::Words + ?Sized>(&self, i: usize, words: &W) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(self.text, words))
    }

    /// Tokens `i` and `i + 1` are "according to".
    fn according_to_at(&self, i: usize) -> bool {
        self.is(i, words!["according"]) && self.is(i + 1, words!["to"])
    }

    fn capitalised(&self, i: usize) -> bool {
        i < self.toks.len() && self.toks[i].starts_upper()
    }

    /// The tokens from `i` spell `words` (lower case), one token a word.
    fn spells(&self, i: usize, words: &[Box<str>]) -> bool {
        words
            .iter()
            .enumerate()
            .all(|(d, w)| i + d < self.toks.len() && self.lower(i + d) == &**w)
    }

    /// A gazetteer mention of the sentence ends where token `k` ends.
    fn mention_ends_at(&self, k: usize) -> bool {
        self.mentions.iter().any(|m| m.span.end == self.toks[k].span.end)
    }

    /// A gazetteer mention of the sentence starts where token `k` starts.
    fn mention_starts_at(&self, k: usize) -> bool {
        self.mentions.iter().any(|m| m.span.start == self.toks[k].span.start)
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].span.start, self.toks[to - 1].span.end)
    }

    /// The text of tokens in `range`, joined by their original separators.
    fn word_range(&self, range: std::ops::Range<usize>) -> &str {
        self.span(range.start, range.end).slice(self.text)
    }

    /// The cue form at token `i`, if there is one and it is written in lower case.
    fn cue_at(&self, i: usize) -> Option<&Cue> {
        let cue = self.lexicon.cue(self.toks.get(i)?.cue?);
        self.toks[i].starts_lower().then_some(cue)
    }

    fn cue_match(&self, from: usize, to: usize, cue: &Cue) -> CueMatch {
        CueMatch {
            span: self.span(from, to),
            lemma: cue.lemma.clone(),
            stance: cue.stance,
        }
    }

    fn claim(
        &self,
        kind: ClaimKind,
        source: Option<Source>,
        cue: CueMatch,
        content: Span,
        rule: Rule,
        confidence: f32,
    ) -> Claim {
        Claim {
            kind,
            sentence: self.sentence,
            source,
            cue,
            content: self.without_stamp(content),
            entities: Vec::new(),
            rule,
            confidence,
            disputed: false,
            unverified: false,
            nested_in: None,
        }
    }
}

impl Ctx<'_> {
    /// `content` less a publication stamp glued at its end, as a repeated headline carries it
    /// into the body ("... killed 84 in three days Reuters Monday 31 Oct 2016"): a capitalised
    /// weekday and a full date ending the content, with the agency before them (a media mention
    /// or a word in capitals). Not a dated adjunct ("... on Monday 31 Oct 2016").
    fn without_stamp(&self, content: Span) -> Span {
        // A full date ([`Ctx::date_end`]) ends in a digit: most contents need no token search.
        if !self.text[..content.end].ends_with(|c: char| c.is_ascii_digit()) {
            return content;
        }
        let end = self.toks.partition_point(|t| t.span.end <= content.end);
        let first = self.toks.partition_point(|t| t.span.start < content.start);
        if end < first + 6 || self.toks[end - 1].span.end != content.end || !self.date_end(end - 1) {
            return content;
        }
        let day = end - 4;
        let weekday = self.capitalised(day) && self.time_word(day) && self.toks[day + 1].starts_digit();
        if !weekday || self.has(day - 1, Class::Preposition) {
            return content;
        }
        let media = |k: usize| {
            self.mentions
                .iter()
                .any(|m| m.span.overlaps(self.toks[k].span) && self.kinds[m.entity] == EntityType::Media)
        };
        let cut = if self.all_caps(day - 1) || media(day - 1) {
            day - 1
        } else {
            day
        };
        Span::new(content.start, self.toks[cut - 1].span.end)
    }
}

#[cfg(test)]
mod tests;
