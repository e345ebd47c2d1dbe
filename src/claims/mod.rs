//! Claims: who says what, from sentences and their mentions.
//!
//! A claim is either **attributed** (a source says something: "The Syrian Observatory for
//! Human Rights confirmed that ...", "according to X, ...", "..., X said.", "X has portrayed Y
//! as Z") or **hedged** (no source, but a hedge: "reportedly", "allegedly", "is said to").
//! Cues come from a data file (`cues.tsv`: form, lemma, stance, frame), looked up per word;
//! no parser and no per-sentence regex. The rules work on a word/punctuation tokenisation of
//! each body sentence (titles, headings, bylines and boilerplate are skipped):
//!
//! - the **source** is the noun phrase next to the cue, bounded by punctuation, clause words and
//!   unambiguous reporting verbs, and must look like a source (a name, a mention, a pronoun or a
//!   source noun such as "officials");
//! - the **content** is the clause the cue governs: from the cue (after "that") to the next
//!   clause boundary (", but", ", though", ";") or the sentence end, without final punctuation.
//!
//! Cues are tried right to left; a cue inside an accepted claim's source or cue ("state" in
//! "Syrian state media has portrayed") is not a cue.
//!
//! Invariants: every span lies inside its sentence; claims are sorted by (sentence, cue start).

mod lexicon;
mod tokens;

use crate::gazetteer::EntityId;
use crate::matcher::Mention;
use crate::segment::{Role, Sentence};
use crate::span::Span;
pub use lexicon::{Cue, Frame, Lexicon};
use tokens::{Token, Tokens};

/// Attributed to a source, or hedged without one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ClaimKind {
    /// A source says it.
    Attributed,
    /// Nobody is named, but the text hedges it.
    Hedged,
}

impl ClaimKind {
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
    /// The whole noun phrase.
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
    pub stance: String,
}

/// One extracted claim.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Attributed or hedged.
    pub kind: ClaimKind,
    /// Index of the sentence it lies in.
    pub sentence: usize,
    /// Who makes it (none for hedged claims).
    pub source: Option<Source>,
    /// What marks it.
    pub cue: CueMatch,
    /// What is claimed.
    pub content: Span,
    /// Entities mentioned in the content, in order of first appearance.
    pub entities: Vec<EntityId>,
    /// The rule that fired, for auditing.
    pub rule: &'static str,
    /// How much the rule is trusted, in [0, 1].
    pub confidence: f32,
    /// The same or the next sentence contradicts it ("..., but the scope of losses indicates ...").
    pub disputed: bool,
}

/// Finds claims in body sentences.
#[derive(Clone, Debug)]
pub struct ClaimFinder {
    lexicon: Lexicon,
}

impl Default for ClaimFinder {
    fn default() -> Self {
        ClaimFinder {
            lexicon: Lexicon::embedded(),
        }
    }
}

impl ClaimFinder {
    /// All claims in `text`.
    pub fn find(&self, text: &str, sentences: &[Sentence], mentions: &[Mention]) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut tokens = Tokens::default();
        for (index, sentence) in sentences.iter().enumerate() {
            if sentence.role != Role::Body || sentence.span.slice(text).trim_end().ends_with('?') {
                continue;
            }
            tokens.tokenize(text, sentence.span);
            let lo = mentions.partition_point(|m| m.sentence < index);
            let hi = mentions.partition_point(|m| m.sentence <= index);
            let ctx = Ctx {
                text,
                toks: &tokens.list,
                mentions: &mentions[lo..hi],
                sentence: index,
                lexicon: &self.lexicon,
            };
            let first = out.len();
            ctx.attributed(&mut out);
            ctx.hedged(&mut out, first);
            out[first..].sort_by_key(|c| (c.cue.span.start, c.content.start));
        }
        out
    }
}

/// One sentence being read.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Token],
    mentions: &'a [Mention],
    sentence: usize,
    lexicon: &'a Lexicon,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        self.toks[i].span.slice(self.text)
    }

    fn lower(&self, i: usize) -> String {
        self.word(i).to_lowercase()
    }

    fn is(&self, i: usize, words: &[&str]) -> bool {
        i < self.toks.len() && words.iter().any(|w| self.word(i).eq_ignore_ascii_case(w))
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.toks[from].span.start, self.toks[to - 1].span.end)
    }

    fn entities_in(&self, span: Span) -> Vec<EntityId> {
        let mut ids = Vec::new();
        for m in self.mentions.iter().filter(|m| span.contains(m.span)) {
            if !ids.contains(&m.entity) {
                ids.push(m.entity);
            }
        }
        ids
    }

    fn source(&self, from: usize, to: usize) -> Source {
        let span = self.span(from, to);
        let entity = self
            .mentions
            .iter()
            .filter(|m| span.contains(m.span))
            .max_by_key(|m| m.span.len())
            .map(|m| m.entity);
        Source {
            span,
            entity,
            unnamed: false,
            resolved: None,
        }
    }

    fn claim(
        &self,
        kind: ClaimKind,
        source: Option<Source>,
        cue: CueMatch,
        content: Span,
        rule: &'static str,
        confidence: f32,
    ) -> Claim {
        Claim {
            kind,
            sentence: self.sentence,
            source,
            cue,
            entities: self.entities_in(content),
            content,
            rule,
            confidence,
            disputed: false,
        }
    }

    fn attributed(&self, out: &mut Vec<Claim>) {
        let mut taken: Vec<Span> = Vec::new();
        if let Some(c) = self.according_to() {
            taken.push(c.source.as_ref().expect("attributed").span);
            taken.push(c.cue.span);
            out.push(c);
        }
        for i in (0..self.toks.len()).rev() {
            let Some(cue) = self.lexicon.get(&self.lower(i)) else {
                continue;
            };
            if !self.word(i).starts_with(|c: char| c.is_lowercase())
                || taken.iter().any(|t| t.contains(self.toks[i].span))
            {
                continue;
            }
            if let Some(c) = self.around_cue(i, cue) {
                taken.push(c.source.as_ref().expect("attributed").span);
                taken.push(c.cue.span);
                out.push(c);
            }
        }
    }

    /// "According to SOURCE, CONTENT" and "CONTENT, according to SOURCE".
    fn according_to(&self) -> Option<Claim> {
        let i =
            (0..self.toks.len().saturating_sub(1)).find(|&i| self.is(i, &["according"]) && self.is(i + 1, &["to"]))?;
        let src_end = (i + 2..self.toks.len())
            .find(|&j| self.toks[j].is_punct() && !self.is(j, &["'", "’"]))
            .unwrap_or(self.toks.len());
        if src_end == i + 2 || !self.looks_like_source(i + 2, src_end) {
            return None;
        }
        let content = if i == 0 || (i == 1 && self.toks[0].is_punct()) {
            let start = src_end + usize::from(self.is(src_end, &[","]));
            self.clause_end(start).map(|end| self.span(start, end))?
        } else if i > 0 && self.is(i - 1, &[","]) {
            let start = self.clause_start(i - 1);
            self.span(start, i - 1)
        } else {
            return None;
        };
        let cue = CueMatch {
            span: self.span(i, i + 2),
            lemma: "according to".into(),
            stance: "assert".into(),
        };
        Some(self.claim(
            ClaimKind::Attributed,
            Some(self.source(i + 2, src_end)),
            cue,
            content,
            "according_to",
            0.9,
        ))
    }

    /// SOURCE CUE (that) CONTENT; CONTENT, SOURCE CUE; CONTENT, CUE SOURCE.
    fn around_cue(&self, i: usize, cue: &Cue) -> Option<Claim> {
        let aux_start = self.auxiliaries_before(i);
        if aux_start > 0 && self.is(aux_start - 1, &["to", "will", "not", "never"]) {
            return None; // "expected to announce", "will say", "did not say": not (yet) a claim
        }
        let cue_match = |from: usize| CueMatch {
            span: self.span(from, i + 1),
            lemma: cue.lemma.clone(),
            stance: cue.stance.clone(),
        };
        let src_start = self.np_start(aux_start);
        let after = i + 1;
        let at_clause_end = after >= self.toks.len() || self.toks[after].is_final_punct();
        if src_start < aux_start && self.looks_like_source(src_start, aux_start) {
            let source = self.source(src_start, aux_start);
            if at_clause_end && src_start > 0 && self.is(src_start - 1, &[","]) {
                // CONTENT, SOURCE said.
                let start = self.clause_start(src_start - 1);
                let content = self.content_span(start, src_start - 1)?;
                return Some(self.claim(
                    ClaimKind::Attributed,
                    Some(source),
                    cue_match(aux_start),
                    content,
                    "content_source_cue",
                    0.85,
                ));
            }
            let start = self.content_start(after, cue);
            let end = self.clause_end(start)?;
            let content = self.content_span(start, end)?;
            let rule = if cue.frame == Frame::Describe {
                "source_cue_as"
            } else {
                "source_cue_content"
            };
            let confidence = if source.entity.is_some() { 0.9 } else { 0.75 };
            return Some(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue_match(aux_start),
                content,
                rule,
                confidence,
            ));
        }
        // CONTENT, said SOURCE.
        if cue.frame == Frame::Speech && aux_start == i && i > 0 && self.is(i - 1, &[","]) {
            let end = self.clause_end(after)?;
            if end > after && self.looks_like_source(after, end) && end == self.np_end(after) {
                let start = self.clause_start(i - 1);
                let content = self.content_span(start, i - 1)?;
                return Some(self.claim(
                    ClaimKind::Attributed,
                    Some(self.source(after, end)),
                    cue_match(i),
                    content,
                    "content_cue_source",
                    0.8,
                ));
            }
        }
        None
    }

    /// Auxiliaries and adverbs right before the cue: "has also", "had earlier".
    fn auxiliaries_before(&self, i: usize) -> usize {
        let mut j = i;
        while j > 0 && self.is(j - 1, AUXILIARIES) {
            j -= 1;
        }
        j
    }

    /// Where the noun phrase ending right before `end` starts.
    fn np_start(&self, end: usize) -> usize {
        let mut j = end;
        while j > 0 && end - j < 12 {
            let t = &self.toks[j - 1];
            let w = self.lower(j - 1);
            let blocking_cue = self.lexicon.get(&w).is_some_and(|c| !c.nominal);
            if (t.is_punct() && !matches!(self.word(j - 1), "'" | "’" | "-" | "&"))
                || CLAUSE_WORDS.contains(&w.as_str())
                || blocking_cue
            {
                break;
            }
            j -= 1;
        }
        j
    }

    /// Where the noun phrase starting at `start` ends.
    fn np_end(&self, start: usize) -> usize {
        let mut j = start;
        while j < self.toks.len() && !self.toks[j].is_punct() && !CLAUSE_WORDS.contains(&self.lower(j).as_str()) {
            j += 1;
        }
        j
    }

    fn looks_like_source(&self, from: usize, to: usize) -> bool {
        let head = self.lower(to - 1);
        if NOT_HEADS.contains(&head.as_str()) || to - from > 10 {
            return false;
        }
        let first = self.word(from);
        let span = self.span(from, to);
        let capitalised =
            (from..to).any(|k| self.word(k).starts_with(char::is_uppercase) && !self.is(k, &["The", "A", "An"]));
        let named = self.mentions.iter().any(|m| span.contains(m.span)) || capitalised;
        let nouny = SOURCE_NOUNS.contains(&head.trim_end_matches('s')) || SOURCE_NOUNS.contains(&head.as_str());
        let pronoun = to - from == 1 && PRONOUNS.contains(&head.as_str());
        (named && (first.starts_with(char::is_uppercase) || DETERMINERS.contains(&first.to_lowercase().as_str())))
            || nouny
            || pronoun
    }

    /// The content starts after the cue, skipping "that", a recipient ("told Reuters") and
    /// attribution frames ("in a statement", "on Twitter").
    fn content_start(&self, after: usize, cue: &Cue) -> usize {
        let mut j = after;
        if cue.lemma == "tell" {
            let end = self.np_end(j);
            if end < self.toks.len() && end > j {
                j = end;
            }
        }
        loop {
            let before = j;
            if self.is(j, &["in", "on", "at", "to", "via", "during"]) {
                if let Some(k) = (j + 1..(j + 6).min(self.toks.len())).find(|&k| self.is(k, &["that", ","])) {
                    j = k + usize::from(self.is(k, &[","]));
                }
            }
            if self.is(j, &["that", ":"]) {
                j += 1;
            }
            if j == before {
                return j;
            }
        }
    }

    /// The token index where the clause starting at `start` ends (exclusive).
    fn clause_end(&self, start: usize) -> Option<usize> {
        let mut j = start;
        while j < self.toks.len() {
            if self.is(j, &[";"]) || (self.is(j, &[","]) && self.is(j + 1, CONTRAST_WORDS)) {
                break;
            }
            j += 1;
        }
        while j > start && self.toks[j - 1].is_final_punct() {
            j -= 1;
        }
        (j > start + 1).then_some(j)
    }

    /// Where the clause ending at token `end` starts: after the last ";" or ", but".
    fn clause_start(&self, end: usize) -> usize {
        (0..end)
            .rev()
            .find(|&j| self.is(j, &[";"]) || (self.is(j, CONTRAST_WORDS) && j > 0 && self.is(j - 1, &[","])))
            .map_or(0, |j| j + 1)
    }

    /// The content span `[from, to)`, or None when it is too short to be a claim.
    fn content_span(&self, from: usize, to: usize) -> Option<Span> {
        if to <= from + 1 || self.is(from, &["to"]) {
            return None;
        }
        Some(self.span(from, to))
    }

    /// Hedged claims: a hedge outside every attributed claim's content.
    fn hedged(&self, out: &mut Vec<Claim>, first: usize) {
        for i in 0..self.toks.len() {
            let Some(len) = HEDGES.iter().map(|h| self.hedge_len(i, h)).max().filter(|&n| n > 0) else {
                continue;
            };
            let hedge = self.span(i, i + len);
            if out[first..]
                .iter()
                .any(|c| c.content.contains(hedge) || c.cue.span.overlaps(hedge))
            {
                continue;
            }
            let start = self.clause_start(i);
            let Some(end) = self.clause_end(start) else { continue };
            // A hedge inside a participle phrase ("actors reportedly providing aid") governs
            // what follows it; one after the subject ("The group reportedly seized") the clause.
            let from = if self.word(i + len.min(self.toks.len() - i - 1)).ends_with("ing") {
                i + len
            } else {
                start
            };
            let content = if from < end { self.span(from, end) } else { continue };
            let cue = CueMatch {
                span: hedge,
                lemma: self.word_range(i..i + len).to_lowercase(),
                stance: "hedge".into(),
            };
            out.push(self.claim(ClaimKind::Hedged, None, cue, content, "hedge", 0.6));
        }
    }

    fn hedge_len(&self, i: usize, hedge: &str) -> usize {
        let words: Vec<&str> = hedge.split(' ').collect();
        let ok = words.iter().enumerate().all(|(k, w)| self.is(i + k, &[w]));
        if ok {
            words.len()
        } else {
            0
        }
    }
}

impl Ctx<'_> {
    /// The text of tokens in `range`, joined by their original separators.
    fn word_range(&self, range: std::ops::Range<usize>) -> &str {
        self.span(range.start, range.end).slice(self.text)
    }
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
];
const CLAUSE_WORDS: &[&str] = &[
    "that",
    "which",
    "who",
    "whom",
    "whose",
    "while",
    "but",
    "when",
    "after",
    "before",
    "because",
    "although",
    "though",
    "if",
    "whereas",
    "since",
    "as",
    "where",
    "meanwhile",
    "however",
    "and",
    "or",
];
const CONTRAST_WORDS: &[&str] = &["but", "though", "although", "while", "whereas", "yet"];
const NOT_HEADS: &[&str] = &[
    "the", "a", "an", "of", "for", "in", "on", "at", "to", "by", "with", "from", "and", "or", "it's", "is", "was",
    "has", "have", "had", "be", "been", "this", "these", "those", "its", "their", "his", "her", "also", "not", "very",
    "more", "most", "there", "here", "what", "now", "then", "so", "than",
];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "two", "three", "several", "some", "many", "local", "syrian", "other", "both", "all", "one",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i"];
const SOURCE_NOUNS: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "activist",
    "activists",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "media",
    "monitor",
    "observatory",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ministry",
    "army",
    "military",
    "group",
    "government",
    "agency",
    "statement",
    "report",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "police",
    "authorities",
    "commander",
    "commanders",
    "fighter",
    "fighters",
    "rebel",
    "rebels",
    "observer",
    "observers",
    "diplomat",
    "diplomats",
    "doctor",
    "doctors",
    "medic",
    "medics",
    "journalist",
    "journalists",
    "correspondent",
    "minister",
    "president",
    "envoy",
    "council",
    "committee",
    "coalition",
    "force",
    "forces",
    "faction",
    "factions",
    "militia",
    "militias",
    "network",
    "outlet",
    "outlets",
    "television",
    "tv",
    "channel",
    "newspaper",
    "daily",
    "website",
    "command",
    "office",
    "pentagon",
    "kremlin",
    "regime",
    "administration",
    "leader",
    "leaders",
    "people",
    "person",
    "member",
    "members",
    "worker",
    "workers",
    "organization",
    "organisation",
    "ngo",
];
const HEDGES: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "reputedly",
    "supposedly",
    "apparently",
    "unconfirmed reports",
    "is said to",
    "are said to",
    "was said to",
    "were said to",
    "is believed to",
    "are believed to",
    "was believed to",
    "were believed to",
    "could not be independently verified",
    "could not independently verify",
];
