//! Direct quotes: “CONTENT,” SOURCE said. / “CONTENT,” said SOURCE. / SOURCE said: “CONTENT.”
//! / “CONTENT” ― NAME (a quote signed with a dash and a name that ends the line; the dash is
//! the cue).
//!
//! Quotation marks are paired over the whole article first ([`find`]): curly marks by their
//! shape, straight ones by the spaces around them, doubled apostrophes (''...'') like curly
//! double marks, single quotes only when they open before a capital and close after
//! punctuation (so apostrophes never pair). When the source rules read no source between a
//! quote and its cue, the words there are taken as one if nothing in them opens a clause
//! ((`loose_source`)). A quote may run over
//! several sentences, and over paragraphs when each new paragraph reopens it (the news
//! convention) or never closes it. The content of a quote claim is the quote without its marks
//! and its final comma or period, or, for a quote opened inside a clause on a lower-case word,
//! the clause up to the closing mark (a mixed quote: "The strikes “have cut the routes” it
//! said"; a quote inside a noun phrase, "a clump of “clay” homes ... X said", is left to the
//! indirect-speech rules); it may start in an earlier sentence than the cue
//! (`quote_source_cue`, `quote_cue_source`) or end in a later one (`source_cue_quote`).
//! Quotes inside a sentence that no speech verb introduces ("were “a clear violation”") are
//! left to the indirect-speech rules. A quote right after an attributed one, with no
//! attribution of its own ("“We are ready,” he said. “But not now.”"), continues it
//! (`quote_continued`): one claim whose content runs over both quotes and the attribution
//! between them.

use super::tokens::{Token, Word};
use super::{words, Claim, ClaimKind, Class, Ctx, CueMatch, Frame, Rule, Source, Stance};
use crate::segment::{Role, Sentence};
use crate::span::Span;

/// A quotation: its opening and closing marks and the quoted text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Quote {
    /// The opening mark.
    pub open: Span,
    /// The closing mark.
    pub close: Span,
    /// The quoted text, trimmed of white space and a final comma or period.
    pub inner: Span,
}

/// The dashes that sign a quote with a name (“...” ― NAME).
pub(super) const DASHES: [&str; 3] = ["―", "—", "–"];
const _: () =
    assert!(DASHES[0].as_bytes()[0] == 0xE2 && DASHES[1].as_bytes()[0] == 0xE2 && DASHES[2].as_bytes()[0] == 0xE2);
const DASH_WORDS: [Word; 3] = [Word::new(DASHES[0]), Word::new(DASHES[1]), Word::new(DASHES[2])];
/// What may stand between a quote's closing mark and the dash that signs it.
pub(super) const DASH_GAP: [char; 2] = [' ', '\u{a0}'];
/// The last character of every quote [`find`] pairs: its closing mark, or the last apostrophe
/// of a doubled one ('').
pub(super) const CLOSING_MARKS: [char; 4] = ['”', '"', '’', '\''];

/// The longest quote kept, in bytes: an unclosed mark must not swallow an article.
const MAX_QUOTE: usize = 3000;

/// All quotes of `text`, in text order, never overlapping.
pub(super) fn find(text: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    let (mut double, mut single): (Option<Span>, Option<Span>) = (None, None);
    // Whether some apostrophe is followed by another: only then can [`doubled`] find a pair.
    let mut twice = false;
    // Only the bytes that may start a mark are looked at: '"', '\'' and the first byte of the
    // curly ones (U+2018, U+2019, U+201C, U+201D are E2 80 98/99/9C/9D in UTF-8).
    for at in memchr::memchr3_iter(b'"', b'\'', 0xE2, text.as_bytes()) {
        let c = text[at..]
            .chars()
            .next()
            .expect("memchr found the start of a character");
        if !matches!(c, '"' | '\'' | '“' | '”' | '‘' | '’') {
            continue;
        }
        twice |= c == '\'' && text.as_bytes().get(at + 1) == Some(&b'\'');
        // A right single mark does one thing, close a single quote after ",", ".", "?" or "!"
        // (below): the apostrophe of "it’s" or "Assad’s", most of them, is passed over at once.
        let after_stop = at > 0 && matches!(text.as_bytes()[at - 1], b',' | b'.' | b'?' | b'!');
        if c == '’' && !after_stop {
            continue;
        }
        let mark = Span::new(at, at + c.len_utf8());
        let prev = text[..at].chars().next_back();
        let next = text[mark.end..].chars().next();
        let can_open =
            prev.is_none_or(|p| p.is_whitespace() || opens_after(p)) && next.is_some_and(|n| !n.is_whitespace());
        let can_close =
            prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| n.is_whitespace() || closes_before(n));
        match c {
            // Reopened in a new paragraph, a quote goes on and keeps its start. (A mark that can
            // open cannot close: they need white space on opposite sides.)
            '“' | '"' if can_open && double.is_none_or(|o| !text[o.end..at].contains('\n')) => double = Some(mark),
            '”' | '"' if can_close => {
                if let Some(open) = double.take() {
                    push(text, open, mark, &mut out);
                }
            }
            '‘' | '\'' if can_open && next.is_some_and(char::is_uppercase) => single = Some(mark),
            '’' | '\'' if can_close && after_stop => {
                if let Some(open) = single.take() {
                    push(text, open, mark, &mut out);
                }
            }
            _ => {}
        }
    }
    if twice {
        doubled(text, &mut out);
    }
    out.sort_by_key(|q| q.open.start);
    out.dedup_by(|b, a| b.open.start < a.close.end);
    out
}

/// A mark after `p` may open a quote: `p` is one of `([—–-:` (or white space).
fn opens_after(p: char) -> bool {
    matches!(p, '(' | '[' | '—' | '–' | '-' | ':')
}

/// A mark before `n` may close a quote: `n` is one of `,.;:!?)―—–-` (or white space).
fn closes_before(n: char) -> bool {
    matches!(n, ',' | '.' | ';' | ':' | '!' | '?' | ')' | '―' | '—' | '–' | '-')
}

/// Quotes marked with two apostrophes (''...'', an old newspaper style), paired like curly
/// double quotes. The claim tokenizer reads each apostrophe as a token, so a quote's `open` is
/// the first apostrophe of its opening pair and its `close` the last of its closing pair: the
/// tokens that touch the text around the quote.
fn doubled(text: &str, out: &mut Vec<Quote>) {
    let mut open: Option<usize> = None;
    // memmem's non-overlapping matches, as `str::match_indices` gives them, found faster.
    for at in memchr::memmem::find_iter(text.as_bytes(), "''") {
        let prev = text[..at].chars().next_back();
        let next = text[at + 2..].chars().next();
        let can_open =
            prev.is_none_or(|p| p.is_whitespace() || opens_after(p)) && next.is_some_and(|n| !n.is_whitespace());
        let can_close =
            prev.is_some_and(|p| !p.is_whitespace()) && next.is_none_or(|n| n.is_whitespace() || closes_before(n));
        if can_open && open.is_none_or(|o| !text[o..at].contains('\n')) {
            open = Some(at);
        } else if let Some(o) = open.filter(|_| can_close) {
            open = None;
            let inner = Span::new(o + 2, at).trim(text).trim_end_matches(text, &[',', '.']);
            if !inner.is_empty() && inner.len() <= MAX_QUOTE {
                let (open, close) = (Span::new(o, o + 1), Span::new(at + 1, at + 2));
                out.push(Quote { open, close, inner });
            }
        }
    }
}

fn push(text: &str, open: Span, close: Span, out: &mut Vec<Quote>) {
    let inner = Span::new(open.end, close.start)
        .trim(text)
        .trim_end_matches(text, &[',', '.']);
    if !inner.is_empty() && inner.len() <= MAX_QUOTE {
        out.push(Quote { open, close, inner });
    }
}

/// Indirect speech whose content opens a quote that closes after it ("He said that “the
/// talks failed. We leave tomorrow.”", "said “whatever the polls say, we win”") takes the
/// quote up to its closing mark when it closes in the same paragraph: the quoted sentences are
/// one content, as PolNeAR and the Syria gold annotate them, and a clause break or sentence end
/// inside the quote does not end what the source says.
pub(super) fn run_on(text: &str, quotes: &[Quote], claims: &mut [Claim]) {
    for c in claims.iter_mut() {
        let quoted = matches!(
            c.rule,
            Rule::QuoteCueSource
                | Rule::QuoteSourceCue
                | Rule::SourceCueQuote
                | Rule::QuoteContinued
                | Rule::SpeakerTag
        );
        if quoted || c.kind != ClaimKind::Attributed || c.content.start < c.cue.span.end {
            continue;
        }
        let i = quotes.partition_point(|q| q.open.start < c.content.start);
        let open = quotes[i..]
            .iter()
            .take_while(|q| q.open.end <= c.content.end)
            .find(|q| q.close.end > c.content.end);
        if let Some(q) = open.filter(|q| !text[c.content.end..q.close.start].contains('\n')) {
            c.content = Span::new(c.content.start, q.close.end);
        }
    }
}

/// Joins each unattributed quote that follows a quote claim's attribution, in the same
/// sentence or opening the next sentence of its paragraph, to that claim: “A,” he said. “B.” is one
/// attribution (`quote_continued`) whose content runs from the start of A to the end of B, the
/// attribution inside it, as PolNeAR annotates it (and as the Syria gold annotates a cue
/// inside its content). “A,” he said, “B.” in one sentence is one such claim too: the claim
/// that "he said" introduces B with the same cue is its second half, and goes. A claim of the
/// learned layer whose content is the first quote joins the same way.
pub(super) fn join_continued(text: &str, sentences: &[Sentence], quotes: &[Quote], claims: &mut Vec<Claim>) {
    // Each quote that may continue a claim looks up its claim's second half among the claims
    // of the same cue start, and a content holding it in the contents by start ([`Reach`],
    // built when first asked), instead of passing over every claim: a document of many
    // quotes is not quadratic.
    debug_assert!(claims.windows(2).all(|w| w[0].cue.span.start <= w[1].cue.span.start));
    let mut reach: Option<Reach> = None;
    let mut halves = Vec::new();
    for k in 0..claims.len() {
        let c = &claims[k];
        if !matches!(c.rule, Rule::QuoteSourceCue | Rule::QuoteCueSource) && !tagged_quote(text, quotes, c) {
            continue;
        }
        let Sentence {
            span: sentence,
            paragraph,
            ..
        } = sentences[c.sentence];
        let next = sentences
            .get(c.sentence + 1)
            .filter(|s| s.role == Role::Body && s.paragraph == paragraph);
        // In the sentence, the first quote after the attribution continues it when only a comma
        // or colon (after a short adjunct) stands between (“A,” he said on Sunday, “B.”); when the
        // attribution goes on (", urging them to “give him time”", "on ABC's “This Week”"), that
        // quote is not the speaker's, and the quote opening the next sentence may still be.
        let attribution = c
            .source
            .as_ref()
            .map_or(c.cue.span.end, |s| s.span.end.max(c.cue.span.end));
        let i = quotes.partition_point(|q| q.open.start < attribution);
        let same = quotes
            .get(i)
            .filter(|q| q.open.start < sentence.end && bare_gap(&text[attribution..q.open.start]));
        let opens_next = || {
            let q = quotes.get(quotes.partition_point(|q| q.open.start < sentence.end))?;
            next.is_some_and(|n| n.span.start == q.open.start).then_some(q)
        };
        let Some(q) = same.or_else(opens_next) else { continue };
        // A claim inside the quote (“They told me ...”) does not attribute it; a quote claim does,
        // unless it is this claim's second half (the same cue, then the quote).
        // Claims are in cue order: the second half is among those with this cue's start.
        let first = claims.partition_point(|o| o.cue.span.start < c.cue.span.start);
        let half = claims[first..]
            .iter()
            .take_while(|o| o.cue.span.start == c.cue.span.start)
            .position(|o| o.rule == Rule::SourceCueQuote && o.cue.span == c.cue.span && o.content == q.inner)
            .map(|i| first + i);
        let attributed = half.is_none() && reach.get_or_insert_with(|| Reach::new(claims)).covers(q.inner);
        if !attributed && text[q.inner.start..q.inner.end].contains(' ') {
            if let Some(reach) = &mut reach {
                reach.set_end(k, q.inner.end);
            }
            let c = &mut claims[k];
            c.content = Span::new(c.content.start, q.inner.end);
            c.rule = Rule::QuoteContinued;
            halves.extend(half);
        }
    }
    if !halves.is_empty() {
        halves.sort_unstable();
        let mut k = 0;
        claims.retain(|_| {
            k += 1;
            halves.binary_search(&(k - 1)).is_err()
        });
    }
}

/// The claims' contents ordered by start, with a max segment tree of their ends: whether some
/// content holds a span, in O(log n), while contents grow or shrink at their end.
struct Reach {
    /// The content starts, ascending.
    starts: Vec<usize>,
    /// Each claim's position in `starts`.
    rank: Vec<usize>,
    /// The content ends by position in `starts` at `n..2n`; node `i < n` holds the greatest
    /// end of nodes `2i` and `2i + 1`.
    ends: Vec<usize>,
}

impl Reach {
    fn new(claims: &[Claim]) -> Reach {
        let n = claims.len();
        let mut order: Vec<usize> = (0..n).collect();
        order.sort_by_key(|&k| claims[k].content.start);
        let mut rank = vec![0; n];
        let mut ends = vec![0; 2 * n];
        for (i, &k) in order.iter().enumerate() {
            rank[k] = i;
            ends[n + i] = claims[k].content.end;
        }
        for i in (1..n).rev() {
            ends[i] = ends[2 * i].max(ends[2 * i + 1]);
        }
        let starts = order.iter().map(|&k| claims[k].content.start).collect();
        Reach { starts, rank, ends }
    }

    /// Some content holds `span`: one starting at or before it ends at or after it.
    fn covers(&self, span: Span) -> bool {
        let n = self.starts.len();
        let before = self.starts.partition_point(|&s| s <= span.start);
        let (mut lo, mut hi, mut end) = (n, n + before, 0);
        while lo < hi {
            if lo % 2 == 1 {
                end = end.max(self.ends[lo]);
                lo += 1;
            }
            if hi % 2 == 1 {
                hi -= 1;
                end = end.max(self.ends[hi]);
            }
            (lo, hi) = (lo / 2, hi / 2);
        }
        before > 0 && end >= span.end
    }

    /// Claim `k`'s content now ends at `end` (its start is the same).
    fn set_end(&mut self, k: usize, end: usize) {
        let mut i = self.starts.len() + self.rank[k];
        self.ends[i] = end;
        while i > 1 {
            i /= 2;
            self.ends[i] = self.ends[2 * i].max(self.ends[2 * i + 1]);
        }
    }
}

/// The words between a quote's attribution and a quote in its sentence continue the speaker's
/// words: nothing, "and", or the comma or colon that opens the quote after at most a short
/// adjunct ("on Sunday", "in a statement") with no comma, dash or quote mark inside.
fn bare_gap(gap: &str) -> bool {
    let gap = gap.trim();
    let gap = gap.strip_prefix(',').map_or(gap, str::trim_start);
    let Some(words) = gap.strip_suffix([',', ':']) else {
        return gap.is_empty() || gap == "and";
    };
    !words.contains([',', ';', ':', '—', '–', '"', '“', '”', '(', '\''])
        && !words.contains(" - ")
        && words.split_whitespace().count() <= 8
}

/// The learned layer's claim `c` reads as a quote claim: its content is a whole quote (with or
/// without its marks) that closes at most 80 bytes before the cue, with no sentence end between.
fn tagged_quote(text: &str, quotes: &[Quote], c: &Claim) -> bool {
    if c.rule != Rule::Tagger {
        return false;
    }
    let i = quotes.partition_point(|q| q.close.end <= c.cue.span.start);
    let Some(q) = i.checked_sub(1).map(|i| &quotes[i]) else {
        return false;
    };
    let gap = &text[q.close.end..c.cue.span.start];
    c.content.start <= q.inner.start
        && q.open.start <= c.content.start
        && q.inner.end <= c.content.end
        && c.content.end <= q.close.end
        && gap.len() <= 80
        && !gap.contains(['.', '!', '?', '\n'])
}

impl Ctx<'_> {
    /// Quote claims of this sentence.
    pub(super) fn quoted(&self, out: &mut Vec<Claim>) {
        if self.quote_near() {
            // Every quote mark (see [`find`]) and every signing dash ([`DASHES`]) starts with one
            // of these bytes: other punctuation need not be looked up.
            let mark = |t: &Token| t.is_punct() && matches!(t.first_byte(), b'"' | b'\'' | 0xE2);
            for (k, tok) in self.toks.iter().enumerate().filter(|(_, t)| mark(t)) {
                let claim = if let Some(q) = self.quote_closed_at(tok.span) {
                    self.quote_then_source(q, k + 1)
                } else if let Some(q) = self.quote_opened_at(tok.span) {
                    self.source_then_quote(q, k)
                } else if self.is(k, &DASH_WORDS[..]) {
                    self.quote_dash_name(k)
                } else {
                    None
                };
                out.extend(claim);
            }
        }
        out.extend(self.quote_before_sentence());
    }

    /// Some quote may have a mark among these tokens: one that ends at or after their start
    /// (less the [`DASH_GAP`] before it: a signing dash may open them, its quote closed just
    /// before, [`Ctx::quote_dash_name`]) and opens before their end. Without one, no token is a
    /// quote's mark or a signing dash, and most sentences need no look at their marks. The
    /// quotes never overlap, so they are sorted by their ends too.
    fn quote_near(&self) -> bool {
        let (Some(first), Some(last)) = (self.toks.first(), self.toks.last()) else {
            return false;
        };
        let lead = self.text[..first.span.start].trim_end_matches(DASH_GAP).len();
        let i = self.quotes.partition_point(|q| q.close.end < lead);
        self.quotes.get(i).is_some_and(|q| q.open.start < last.span.end)
    }

    /// “We need our fix!” Clinton said to the magazine. The segmenter ends a sentence after a
    /// quote's “!”, “?” or “.”, so its attribution opens the next sentence: SOURCE CUE and nothing
    /// but adjuncts after it ([`Ctx::trailing_ok`]), so "The army said the protest was illegal"
    /// keeps its own claim.
    fn quote_before_sentence(&self) -> Option<Claim> {
        let first = self.toks.first().filter(|_| self.base == 0)?;
        // Only white space may stand between the quote's closing mark and the sentence: most
        // sentences follow no mark at all and need no search of the quotes.
        if !self.text[..first.span.start].trim_end().ends_with(CLOSING_MARKS) {
            return None;
        }
        let i = self.quotes.partition_point(|q| q.close.start < first.span.start);
        let q = self.quotes[..i].last()?;
        let gap = self.text.get(q.close.end..first.span.start)?;
        let before = self.text[..q.close.start].trim_end();
        if !gap.trim().is_empty() || !before.ends_with(['!', '?', '.']) {
            return None;
        }
        // The quote is a sentence of its own: it opens after a sentence's end or a line break.
        let lead = self.text[..q.open.start].trim_end_matches([' ', '\t']);
        if !(lead.is_empty() || lead.ends_with(['\n', '.', '!', '?', '"', '”'])) {
            return None;
        }
        let c = self.quote_then_source(q, 0)?;
        let cue_end = self.toks.iter().position(|t| t.span.end == c.cue.span.end)?;
        let cue = self.cue_at(cue_end)?;
        // "He continued, “...”", "Cruz continued:": no punctuation after the cue but the final stop.
        let plain_end =
            (cue_end + 1..self.toks.len()).all(|k| !self.toks[k].is_punct() || self.is(k, words![".", "!", "?"]));
        (c.rule == Rule::QuoteSourceCue && plain_end && self.trailing_ok(cue_end + 1, cue)).then_some(c)
    }

    /// “CONTENT” ― NAME: a quote, a dash and a name that ends its line, the way a reader's
    /// comment or an epigraph is signed. The dash is the cue; `k` is at the dash.
    fn quote_dash_name(&self, k: usize) -> Option<Claim> {
        let dash = self.toks[k].span;
        let before = self.text[..dash.start].trim_end_matches(DASH_GAP).len();
        let i = self.quotes.partition_point(|q| q.close.end < before);
        let q = self.quotes.get(i).filter(|q| q.close.end == before)?;
        let line_end = self.text[dash.end..]
            .find('\n')
            .map_or(self.text.len(), |n| dash.end + n);
        let mut end = (k + 1..self.toks.len())
            .find(|&j| self.toks[j].span.end > line_end)
            .unwrap_or(self.toks.len());
        if end > k + 1 && self.is(end - 1, words!["."]) {
            end -= 1;
        }
        let name = (k + 1..end).all(|j| self.name_like(j) || (self.is(j, words!["."]) && j > k + 1));
        if end == k + 1 || end - k > 7 || !name {
            return None;
        }
        let cue = CueMatch {
            span: dash,
            lemma: "dash".into(),
            stance: Stance::Assert,
        };
        let source = self.source(k + 1, end, end);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue,
            q.inner,
            Rule::QuoteCueSource,
            0.8,
        ))
    }

    /// `span` holds a quote mark whose partner lies outside it, or a mark with no partner: a
    /// content that half-crosses a quote ("We will win,” and then") is a slip.
    pub(super) fn crosses_quote(&self, span: Span) -> bool {
        (0..self.toks.len())
            .filter(|&k| span.contains(self.toks[k].span) && self.is(k, super::clauses::QUOTE_MARKS))
            .any(|k| {
                let mark = self.toks[k].span;
                match (self.quote_opened_at(mark), self.quote_closed_at(mark)) {
                    (Some(q), _) => !span.contains(q.close),
                    (_, Some(q)) => !span.contains(q.open),
                    _ => true,
                }
            })
    }

    /// The quote whose opening mark is `span`.
    pub(super) fn quote_opened_at(&self, span: Span) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.open.start < span.start);
        self.quotes.get(i).filter(|q| q.open == span)
    }

    /// The quote whose closing mark is `span`.
    pub(super) fn quote_closed_at(&self, span: Span) -> Option<&Quote> {
        let i = self.quotes.partition_point(|q| q.close.start < span.start);
        self.quotes.get(i).filter(|q| q.close == span)
    }

    /// A cue at token `i` that may introduce or follow a quote: a speech verb, or "read" after a
    /// document ("the statement read", "a banner reads").
    fn quote_cue(&self, i: usize) -> bool {
        self.cue_at(i).is_some_and(|c| {
            c.frame == Frame::Speech
                || (c.frame == Frame::Written && !self.frame_refuses(i, self.auxiliaries_before(i), c))
        })
    }

    /// “CONTENT,” SOURCE said / “CONTENT,” said SOURCE, with `j` right after the closing mark.
    fn quote_then_source(&self, q: &Quote, j: usize) -> Option<Claim> {
        let j = j + usize::from(self.is(j, words![","]));
        if j >= self.toks.len() {
            return None;
        }
        // A quote opened inside a clause, on a lower-case word, is a mixed quote: "The strikes
        // “have cut supply routes” it said" claims the whole clause. When a plain word goes on after it ("a
        // clump of “clay and adobe” homes in the village Amnesty said"), the quote is inside a
        // noun phrase and the indirect-speech rules read the sentence.
        let open = self.toks.iter().position(|t| t.span == q.open);
        // A capitalised first word opens a sentence of its own (glued to a headline or to the
        // sentence before when the copy lost a period).
        let mid = open.filter(|&o| {
            o > 0 && !self.toks[o - 1].is_punct() && o + 1 < self.toks.len() && self.word_starts_lower(o + 1)
        });
        let goes_on = self.word_starts_lower(j)
            && !self.has(j, Class::Pronoun)
            && !self.has(j, Class::NpOpener)
            && self.cue_at(j).is_none();
        if mid.is_some() && goes_on {
            return None;
        }
        let content = match mid {
            Some(o) => Span::new(self.toks[self.clause_start(o)].span.start, q.close.end),
            None => q.inner,
        };
        if let Some(cue) = self.cue_at(j).filter(|c| c.frame == Frame::Speech) {
            let clause_end = self.clause_end_any(j + 1);
            let source = match self.trailing_source(j + 1, clause_end) {
                Some((core, end)) => self.source(j + 1, end, core),
                None => self.loose_source(j + 1, clause_end)?,
            };
            let cue = self.cue_match(j, j + 1, cue);
            return Some(self.claim(
                ClaimKind::Attributed,
                Some(source),
                cue,
                content,
                Rule::QuoteCueSource,
                0.9,
            ));
        }
        let limit = (j + 16).min(self.toks.len());
        let speech = |i: usize| self.quote_cue(i);
        let i = (j + 1..limit).find(|&i| speech(i) || self.quoted_as_saying_at(i))?;
        let aux = self.auxiliaries_before(i);
        let source = match self.source_before(aux).filter(|&(start, ..)| start == j) {
            Some((start, core, end)) => self.source(start, end, core),
            None => self
                .loose_source(j, aux)
                .filter(|s| s.span.end == self.toks[aux - 1].span.end)?,
        };
        let cue = match self.cue_at(i) {
            Some(_) if self.quoted_as_saying_at(i) => self.quoted_as_saying_cue(aux, i),
            Some(cue) => self.cue_match(aux, i + 1, cue),
            None => self.quoted_as_saying_cue(aux, i),
        };
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue,
            content,
            Rule::QuoteSourceCue,
            0.9,
        ))
    }

    /// The source of a quote that the source rules do not read, in `[from, to)`: between the
    /// quote and its cue ("“...,” former presidential candidate Herman Cain said", "“...,”
    /// Murphy, the head of the group, tweeted") or after an inverted cue ("“...,” said Rep. Earl
    /// Blumenauer (D-Ore.)"). A relative clause, a participle clause (", asking ...") and a
    /// quote end it. None when the first word is a preposition or a participle (copy without
    /// commas: "“...” near the square the agency said"), when a word opens a clause, is a cue or
    /// a finite verb, or when nothing is capitalised or a source noun.
    pub(super) fn loose_source(&self, from: usize, to: usize) -> Option<Source> {
        if from >= to.min(self.toks.len()) {
            return None;
        }
        let first_lower = self.word_starts_lower(from);
        if self.has(from, Class::Preposition) || (first_lower && self.lower(from).ends_with("ing")) {
            return None;
        }
        let stop = |k: usize| {
            self.has(k, Class::Relative)
                || self.is_quote_mark(k)
                || (k > from
                    && self.is(k - 1, words![","])
                    && self.word_starts_lower(k)
                    && self.lower(k).ends_with("ing"))
        };
        let mut end = (from..to).find(|&k| stop(k)).unwrap_or(to);
        while end > from && self.toks[end - 1].is_punct() && !self.is(end - 1, words![")"]) {
            end -= 1;
        }
        if end <= from || end - from > 24 || self.toks[from].is_punct() {
            return None;
        }
        // "(D-Ore.)": a bracket opened in the source closes in it.
        if (from..end).any(|k| self.is(k, words!["("])) && !(from..end).any(|k| self.is(k, words![")"])) {
            end = (end..(end + 3).min(self.toks.len())).find(|&k| self.is(k, words![")"]))? + 1;
        }
        let opens_clause = |k: usize| self.has(k, Class::Clause) && (k == from || !self.is(k, words!["and"]));
        let broken = (from..end).any(|k| {
            opens_clause(k)
                || self.has(k, Class::Connective)
                || self.verbish(k)
                || (self.toks[k].cue.is_some() && self.word_starts_lower(k))
                || self.is(k, words![";", ":", "that"])
        });
        let core = (from..end).find(|&k| self.is(k, words![",", "("])).unwrap_or(end);
        // "“...,” said a nurse at the clinic": right after the quote's cue, a phrase opened by a
        // determiner ("a", "the", "one", "some") is the speaker whatever its head noun.
        let named = (from..core).any(|k| self.name_like(k))
            || self.looks_like_source(from, core)
            || (self.has(from, Class::NpOpener) && core - from <= 8);
        (!broken && core > from && named).then(|| self.source(from, end, core))
    }

    /// SOURCE said: “CONTENT.” with `k` at the opening mark; the quote must end the sentence
    /// (or run on past it), or it is a partial quote inside indirect speech.
    fn source_then_quote(&self, q: &Quote, k: usize) -> Option<Claim> {
        let colon = k > 0 && self.is(k - 1, words![":"]);
        let c = k - usize::from(colon || (k > 0 && self.is(k - 1, words![","])));
        let reach = if colon { 6 } else { 1 };
        let i = (c.saturating_sub(reach)..c).rev().find(|&i| self.quote_cue(i))?;
        let after = self.text[q.close.end..].trim_start_matches(' ');
        let ends =
            after.is_empty() || after.starts_with(['.', '\n', ')']) || q.close.end > self.span(0, self.toks.len()).end;
        let aux = self.auxiliaries_before(i);
        if !ends || (aux > 0 && self.has(aux - 1, Class::NotYet)) {
            return None;
        }
        let (start, core, end) = self.source_before(aux)?;
        let source = self.source(start, end, core);
        let cue = self.cue_match(aux, i + 1, self.cue_at(i)?);
        Some(self.claim(
            ClaimKind::Attributed,
            Some(source),
            cue,
            q.inner,
            Rule::SourceCueQuote,
            0.9,
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The doubled-apostrophe marks are found where `str::match_indices` finds them: runs
        /// of apostrophes pair from their left, without overlaps.
        #[test]
        fn doubled_marks_are_found_as_match_indices_finds_them(text in "('|a| |é){0,30}") {
            let memmem: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), "''").collect();
            let std: Vec<usize> = text.match_indices("''").map(|(at, _)| at).collect();
            proptest::prop_assert_eq!(memmem, std);
        }
    }

    proptest::proptest! {
        /// `Reach` answers as a pass over every content does, also after contents change
        /// their end.
        #[test]
        fn reach_finds_a_content_holding_a_span_as_a_scan_does(
            contents in proptest::collection::vec((0usize..40, 0usize..12), 0..24),
            steps in proptest::collection::vec((0usize..24, 0usize..50, 0usize..40, 1usize..12), 0..24),
        ) {
            let claim = |(start, len): (usize, usize)| Claim {
                kind: ClaimKind::Attributed,
                sentence: 0,
                source: None,
                cue: CueMatch { span: Span::new(0, 1), lemma: String::new(), stance: Stance::Assert },
                content: Span::new(start, start + len),
                entities: Vec::new(),
                rule: Rule::Tagger,
                confidence: 0.5,
                disputed: false,
                unverified: false,
                nested_in: None,
            };
            let mut claims: Vec<Claim> = contents.into_iter().map(claim).collect();
            let mut reach = Reach::new(&claims);
            for (k, end, start, len) in steps {
                let span = Span::new(start, start + len);
                let scan = claims.iter().any(|c| c.content.contains(span));
                proptest::prop_assert_eq!(reach.covers(span), scan);
                if let Some(c) = claims.get_mut(k) {
                    let end = end.max(c.content.start);
                    c.content = Span::new(c.content.start, end);
                    reach.set_end(k, end);
                }
            }
        }
    }

    fn inner(text: &str) -> Vec<&str> {
        find(text).iter().map(|q| q.inner.slice(text)).collect()
    }

    #[test]
    fn pairs_straight_curly_single_and_multi_paragraph_quotes() {
        assert_eq!(
            inner(r#""We will stay," he said. It was "neutralised"."#),
            ["We will stay", "neutralised"]
        );
        assert_eq!(inner("“No,” he said, “never.”"), ["No", "never"]);
        assert_eq!(
            inner("'The checkpoints fell,' a resident said. The group's men left."),
            ["The checkpoints fell"]
        );
        assert_eq!(inner("\"One.\n\n\"Two,\" she said."), ["One.\n\n\"Two"]);
        assert_eq!(inner("Rebels' gains and the army’s losses"), Vec::<&str>::new());
        assert_eq!(
            inner("''We will stay,'' he said. The fighters' ''last stand'' ended."),
            ["We will stay", "last stand"]
        );
    }

    #[test]
    fn a_quote_opened_inside_a_clause_claims_the_clause() {
        use crate::claims::tests::{rule_triples, triples};
        let text = "The shelling “has turned the old market into rubble” the governor said.";
        assert_eq!(
            rule_triples(text, Rule::QuoteSourceCue),
            [(
                "the governor",
                "said",
                "The shelling “has turned the old market into rubble”"
            )]
        );
        // A scare quote inside a noun phrase is no quote claim.
        let text = "Families sheltered in “makeshift” tents near the border the agency said.";
        assert!(triples(text).iter().all(|t| t.2 != "makeshift"), "{:?}", triples(text));
        // A quote opening on a capital is a sentence of its own after glued words.
        let text = "Aid trucks wait at crossing AFP “Nine trucks are still at the gate” the monitor said.";
        assert_eq!(
            rule_triples(text, Rule::QuoteSourceCue),
            [("the monitor", "said", "Nine trucks are still at the gate")]
        );
    }

    #[test]
    fn sources_the_source_rules_do_not_read_are_taken_between_quote_and_cue() {
        use crate::claims::tests::triples;
        let cases = [
            (
                "“The front is quiet,” former regional commander Omar Haddad said.",
                "former regional commander Omar Haddad",
            ),
            (
                "“The front is quiet,” said Rep. Dana Moore (D-Ore.).",
                "Rep. Dana Moore (D-Ore.)",
            ),
            (
                "“The front is quiet,” said a resident who asked not to be named.",
                "a resident",
            ),
            (
                "“The front is quiet,” said Omar Haddad, 54, of Hama, asking for anonymity.",
                "Omar Haddad, 54, of Hama",
            ),
        ];
        for (text, source) in cases {
            assert_eq!(triples(text), [(source, "said", "The front is quiet")], "{text}");
        }
        // Copy without commas: a place phrase between the quote and the source is no source.
        let text = "“Two shells hit the market” near the old square the agency said.";
        assert!(triples(text).iter().all(|t| t.0 == "the agency"), "{:?}", triples(text));
        // Words that open a clause are no source.
        let text = "“We will win,” and then the minister said nothing more about it.";
        assert_eq!(triples(text), []);
    }

    #[test]
    fn a_quote_signed_with_a_dash_and_a_name() {
        use crate::claims::tests::triples;
        let text = "Readers wrote in.\n\n“The bridge must be rebuilt first.” ― Layla Haddad\n“Schools matter more.”― Omar K. Nasser.\n";
        assert_eq!(
            triples(text),
            [
                ("Layla Haddad", "―", "The bridge must be rebuilt first"),
                ("Omar K. Nasser", "―", "Schools matter more")
            ]
        );
        // A dash that opens an aside, or a name that does not end the line, signs nothing.
        let text = "Readers wrote in.\n\n“Hold the line” — a slogan of the war — is painted on walls.\n“Hold the line” — Layla Haddad painted it.\n";
        assert_eq!(triples(text), []);
    }

    #[test]
    fn doubled_apostrophe_quotes_are_attributed_and_continued() {
        use crate::claims::tests::triples;
        let text = "''We will not retreat,'' the commander said. ''The town is ours.''";
        assert_eq!(
            triples(text),
            [(
                "the commander",
                "said",
                "We will not retreat,'' the commander said. ''The town is ours"
            )]
        );
        let text = "The mayor told reporters: ''Water is back in every district.''";
        assert_eq!(
            triples(text),
            [("The mayor", "told", "Water is back in every district")]
        );
    }

    #[test]
    fn a_quote_split_by_its_attribution_in_one_sentence_is_one_claim() {
        use crate::claims::tests::triples;
        let text = "The hearing ran late.\n\n“The bridge will hold,” the official said, “but the road will not.”";
        assert_eq!(
            triples(text),
            [(
                "the official",
                "said",
                "The bridge will hold,” the official said, “but the road will not"
            )]
        );
        // The learned layer finds "the engineer said" (no source noun for the rules); the
        // quote after it continues its claim all the same.
        let text = "The hearing ran late.\n\n“The bridge will hold,” the engineer said. “The road will not.”";
        assert_eq!(
            triples(text),
            [(
                "the engineer",
                "said",
                "The bridge will hold,” the engineer said. “The road will not"
            )]
        );
        // Two quotes, each with its own attribution, stay two claims.
        let text = "The hearing ran late.\n\n“The bridge will hold,” the official said, and the mayor said: “The road will not.”";
        assert_eq!(
            triples(text),
            [
                ("the official", "said", "The bridge will hold"),
                ("the mayor", "said", "The road will not")
            ]
        );
    }

    #[test]
    fn an_attribution_after_a_quote_ending_in_a_stop_signs_it() {
        let claims = crate::claims::tests::triples;
        assert_eq!(
            claims("The hall went quiet. \"We need a fix!\" Clinton said to the magazine."),
            [("Clinton", "said", "We need a fix!")]
        );
        assert_eq!(
            claims("The hall went quiet. \"Who are they?\" the mayor asked on Monday."),
            [("the mayor", "asked", "Who are they?")]
        );
        // The next sentence has its own content, or the cue goes on with a comma: no signing.
        assert_eq!(
            claims("He shouted \"Go home!\" The army said the protest was illegal."),
            [
                ("He", "shouted", "\"Go home!\""),
                ("The army", "said", "the protest was illegal")
            ]
        );
        assert_eq!(
            claims("The hall went quiet. \"We try to show mercy.\" The town, he said, was the place."),
            [("he", "said", "The town, he said, was the place")]
        );
    }
}
