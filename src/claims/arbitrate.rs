//! Arbitration: the one place that turns the rules' proposals into a consistent set of claims.
//!
//! The rules read a sentence and propose ([`Proposals`]; the claim around a cue word is asked
//! for token by token, [`Ctx::cue_claim`], so that taken tokens cost nothing); none reads, trims
//! or removes another rule's output. Arbitration then decides, for one sentence (or piece of a very long one), in
//! this order of priority:
//!
//! 1. **quotes** are kept, and take their source and cue;
//! 2. **"according to"** is kept unless its source or cue overlaps a span already taken;
//! 3. **cue claims**, right to left: a token in a taken span is not asked ("state" in "Syrian
//!    state media said"); one whose source holds a kept claim's cue is refused; one whose
//!    content runs into a taken span is cut before it ("X documented Y, it said"), and refused when
//!    too little is left; an earlier-kept claim whose pronoun source opens this one's content ("The
//!    monitor said [it had documented ...]") is **nested** in it: it gives up the spans it took and
//!    is kept apart;
//! 4. **drops**: a participant's own attitude ("I think"), a "found" without "that"
//!    ([`Ctx::dropped`]); in a title or heading, whatever is not headline-shaped
//!    ([`Ctx::headline_claim`]); a nested claim goes with its outer claim;
//! 5. **follow-ups** (", adding that ...") take the source of the attributed claim they follow;
//!    in a sentence with no claim, the subject's follow-ups are asked for ("X hit back, saying"),
//!    and before a sentence's first claim, its subject's participle ("France sought ... saying");
//! 6. **hedges** are kept unless they lie inside a kept claim; a verification disclaimer marks the
//!    claims of its sentence (or, when it has none, of the sentence before) `unverified`;
//! 7. **learned** claims, where their cue and source overlap no kept (or nested) claim's cue or
//!    source (`tagger.rs` tests it, and tags no sentence where no cue candidate is left);
//! 8. nested claims rejoin the others, `unverified` with their outer claim.
//!
//! [`mark_nested`] then links every claim lying inside another claim's content (its cue, and its
//! source if any) to the innermost such claim: `nested_in`. Invariant: arbitration only keeps,
//! cuts, drops or marks what the rules proposed; it never makes up a span.

use super::{words, Claim, ClaimKind, Class, Ctx, Token};
use crate::span::Span;

/// What the rules of one sentence propose, grouped by the priority they are arbitrated in.
#[derive(Default)]
pub(super) struct Proposals {
    /// Direct quotes (`quotes.rs`).
    pub quotes: Vec<Claim>,
    /// "According to SOURCE, CONTENT" (`speech.rs`). The claim around each cue word
    /// ([`Ctx::cue_claim`]: `speech.rs`, `passives.rs`, `bare.rs`) is asked for by arbitration,
    /// right to left, only for tokens not taken: most tokens of a long source need no try.
    pub according_to: Option<Claim>,
    /// ", adding that ..." (`followup.rs`).
    pub follow_ups: Vec<FollowUp>,
    /// Hedges and verification disclaimers, in text order (`hedges.rs`, `verification.rs`).
    pub hedges: Vec<Hedge>,
    /// Ask the learned layer (`tagger.rs`) for claims where the rules kept none: it is run
    /// with the claims kept, so that it tags only sentences with a cue candidate left.
    pub learned: bool,
}

/// A follow-up claim whose source comes from the claim it follows.
pub(super) struct FollowUp {
    /// The claim, without its source yet.
    pub claim: Claim,
    /// The tokens a preceding claim's end may reach it from: the comma, or a short time or place
    /// phrase before it ("said on Tuesday, adding").
    pub hosts: Vec<usize>,
}

/// A hedge, or a verification disclaimer.
pub(super) struct Hedge {
    /// The hedged claim, its content the hedge itself until arbitration keeps it.
    pub claim: Claim,
    /// The hedge's tokens `[i, i + len)`: what it governs ([`Ctx::hedged_content`]) is read only
    /// for a hedge that is kept.
    pub tokens: (usize, usize),
    /// For a verification disclaimer ("could not be independently verified"), its content
    /// next to a claim it qualifies.
    pub disclaimer: Option<Span>,
}

impl Ctx<'_> {
    /// Picks this sentence's claims from `p` and appends them to `out` (whose claims from
    /// `first` on are this sentence's; those before, earlier sentences').
    pub(super) fn arbitrate(&self, p: Proposals, headline: bool, out: &mut Vec<Claim>, first: usize) {
        out.extend(p.quotes);
        let nested = self.take_attributed(p.according_to, out, first);
        let keep = |c: &Claim| {
            if headline {
                self.headline_claim(c)
            } else {
                !self.dropped(c)
            }
        };
        // `out[first..]` kept in place, in order: no second vector per sentence.
        let mut kept = first;
        for j in first..out.len() {
            if keep(&out[j]) {
                out.swap(kept, j);
                kept += 1;
            }
        }
        out.truncate(kept);
        let nested = self.keep_nested(nested, &out[first..], keep);
        if !headline {
            self.attach_follow_ups(p.follow_ups, out, first);
            for h in p.hedges {
                self.take_hedge(h, out, first);
            }
            if p.learned {
                let mut tagged = Vec::new();
                self.learned(&out[first..], &nested, &mut tagged);
                out.extend(tagged);
            }
        }
        // Outer claims first: a nested claim's outer one may be nested too.
        for (mut c, outer) in nested.into_iter().rev() {
            c.unverified = out[first..].iter().any(|o| o.cue.span == outer && o.unverified);
            out.push(c);
        }
    }

    /// Steps 2 and 3: "according to" and the cue claims. Returns the nested claims, each with
    /// its outer claim's cue.
    fn take_attributed(&self, according_to: Option<Claim>, out: &mut Vec<Claim>, first: usize) -> Vec<(Claim, Span)> {
        let mut taken = Vec::new();
        for c in &out[first..] {
            take(&mut taken, c);
        }
        if let Some(c) = according_to.filter(|c| !taken_spans(c).any(|s| overlaps_any(&taken, s))) {
            take(&mut taken, &c);
            out.push(c);
        }
        let mut nested = Vec::new();
        // Only a cue, "quoted as saying" or a progressive participle ("is saying") makes a cue
        // claim ([`Ctx::cue_claim`]). The tokens are passed over in a loop of their own: most
        // are none of these.
        let candidate = |t: &Token| t.cue.is_some() || t.has(Class::FollowUp) || t.is(self.text, words!["quoted"]);
        let mut end = self.toks.len();
        while let Some(i) = self.toks[..end].iter().rposition(candidate) {
            end = i;
            let t = &self.toks[i];
            if t.cue.is_none() && !t.has(Class::FollowUp) && !self.quoted_as_saying_at(i) {
                continue;
            }
            if overlaps_any(&taken, t.span) {
                continue;
            }
            let Some(c) = self.cue_claim(i) else { continue };
            // "The attacks according to the source claimed ...": a source that holds another
            // claim's cue is not one.
            if c.source
                .as_ref()
                .is_some_and(|s| out[first..].iter().any(|o| o.cue.span.overlaps(s.span)))
            {
                continue;
            }
            let inner = self.inner_of(&c, &out[first..]).map(|k| out.remove(first + k));
            if let Some(inner) = &inner {
                taken.retain(|t| !taken_spans(inner).any(|s| s == *t));
            }
            if let Some(c) = self.stop_before_taken(c, &taken) {
                take(&mut taken, &c);
                nested.extend(inner.map(|i| (i, c.cue.span)));
                out.push(c);
            }
        }
        nested
    }

    /// "The monitor said it had documented 1,500 deaths", "Witnesses said soldiers claimed the
    /// shots came from rebels": the claim among `kept` whose source opens `c`'s content, its
    /// cue and content following inside it, is nested in `c`.
    ///
    /// So is one inside `c`'s content whose source follows a relative pronoun: "accused
    /// Damascus of the attack which it estimates killed 1,429 people".
    fn inner_of(&self, c: &Claim, kept: &[Claim]) -> Option<usize> {
        let relative = |s: Span| {
            let k = self.toks.partition_point(|t| t.span.start < s.start);
            k > 0 && self.is(k - 1, words!["which", "that", "who"])
        };
        kept.iter().position(|o| {
            o.source.as_ref().is_some_and(|s| {
                let opens = s.span.start == c.content.start || (c.content.start < s.span.start && relative(s.span));
                opens && s.span.end <= o.cue.span.start && o.content.end <= c.content.end
            })
        })
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

    /// The nested claims that pass `keep` and whose outer claim is still there (in `kept` or
    /// among the nested claims kept). An outer claim is always decided after its inner ones, so
    /// going backwards sees it first.
    fn keep_nested(
        &self,
        nested: Vec<(Claim, Span)>,
        kept: &[Claim],
        keep: impl Fn(&Claim) -> bool,
    ) -> Vec<(Claim, Span)> {
        let mut out: Vec<(Claim, Span)> = Vec::new();
        for (c, outer) in nested.into_iter().rev() {
            let there = kept
                .iter()
                .chain(out.iter().map(|(o, _)| o))
                .any(|o| o.cue.span == outer);
            if there && keep(&c) {
                out.push((c, outer));
            }
        }
        out.reverse();
        out
    }

    /// Step 5: each attributed claim of `out[first..]` followed by a proposed ", adding that ..."
    /// lends it its source.
    fn attach_follow_ups(&self, follow_ups: Vec<FollowUp>, out: &mut Vec<Claim>, first: usize) {
        let mut found = Vec::new();
        let hosts = out[first..].iter().filter(|_| !follow_ups.is_empty());
        for c in hosts.filter(|c| c.kind == ClaimKind::Attributed) {
            // ... or after its source: "X killed 40 said the Observatory adding that ...".
            let source_end = c.source.as_ref().map_or(0, |s| s.span.end);
            let after = c.cue.span.end.max(c.content.end).max(source_end);
            let Some(i) = self.toks.iter().position(|t| t.span.start >= after) else {
                continue;
            };
            if let Some(f) = follow_ups.iter().find(|f| f.hosts.contains(&i)) {
                found.push(Claim {
                    source: c.source.clone(),
                    confidence: c.confidence.min(0.85),
                    ..f.claim.clone()
                });
            }
        }
        // "X hit back, saying ...": with no claim in the sentence, by the sentence's subject.
        if out.len() == first && found.is_empty() {
            self.subject_follow_ups(&mut found);
        }
        // "... declaring an Islamic caliphate": a follow-up whose cue needs a clause it lacks.
        out.extend(found.into_iter().filter(|c| !self.dropped(c)));
        // "France sought the initiative saying ...": before the sentence's first claim.
        if let Some(c) = self.subject_participle(&out[first..]).filter(|c| !self.dropped(c)) {
            out.push(c);
        }
    }

    /// Step 6 for one hedge or disclaimer.
    fn take_hedge(&self, h: Hedge, out: &mut Vec<Claim>, first: usize) {
        let hedge = h.claim.cue.span;
        let inside = out[first..].iter().any(|c| {
            c.content.contains(hedge)
                || c.cue.span.overlaps(hedge)
                || c.source.as_ref().is_some_and(|s| s.span.overlaps(hedge))
        });
        let mut near = None;
        if let Some(content) = h.disclaimer {
            // A disclaimer qualifies the claims of its sentence, or else those of the one before.
            let previous = out[..first]
                .last()
                .map(|c| c.sentence)
                .filter(|&s| s + 1 >= self.sentence);
            let qualified = match previous {
                _ if out.len() > first => first,
                Some(s) => out[..first].partition_point(|c| c.sentence < s),
                None => first,
            };
            for c in &mut out[qualified..] {
                c.unverified = true;
            }
            near = (qualified < out.len()).then_some(content);
        }
        if inside {
            return;
        }
        let (i, len) = h.tokens;
        if let Some(content) = near.or_else(|| self.hedged_content(i, len)) {
            out.push(Claim { content, ..h.claim });
        }
    }
}

/// Links each claim whose cue (and source, if any) lies inside another claim's content of the
/// same sentence to the innermost such claim (`nested_in`, an index into `claims`, which are
/// sorted by sentence). Only the nearest [`NEST_WINDOW`] claims on either side are looked at,
/// which keeps a run-on sentence of thousands of claims linear.
pub(super) fn mark_nested(claims: &mut [Claim]) {
    for i in 0..claims.len() {
        let c = &claims[i];
        let lo = i.saturating_sub(NEST_WINDOW);
        let hi = (i + NEST_WINDOW + 1).min(claims.len());
        let inside =
            |o: &Claim| o.content.contains(c.cue.span) && c.source.as_ref().is_none_or(|s| o.content.contains(s.span));
        let outer = (lo..hi)
            .filter(|&k| k != i && claims[k].sentence == c.sentence && inside(&claims[k]))
            .min_by_key(|&k| (claims[k].content.len(), k));
        claims[i].nested_in = outer;
    }
}

/// How many claims on either side of a claim [`mark_nested`] looks at.
const NEST_WINDOW: usize = 16;

/// The spans a claim takes: its source and cue.
fn taken_spans(c: &Claim) -> impl Iterator<Item = Span> + '_ {
    c.source.iter().map(|s| s.span).chain(std::iter::once(c.cue.span))
}

/// Adds the spans `c` takes ([`taken_spans`]) to `taken`.
fn take(taken: &mut Vec<Span>, c: &Claim) {
    if let Some(s) = &c.source {
        taken.push(s.span);
    }
    taken.push(c.cue.span);
}

fn overlaps_any(taken: &[Span], s: Span) -> bool {
    taken.iter().any(|t| t.overlaps(s))
}

#[cfg(test)]
mod tests {
    use crate::claims::tests::EXTRACTOR as X;

    /// (source, cue, content, nested_in, unverified) of a claim.
    type Row<'a> = (&'a str, &'a str, &'a str, Option<usize>, bool);

    fn rows(text: &str) -> Vec<Row<'_>> {
        X.extract(text)
            .claims
            .iter()
            .map(|c| {
                let source = c.source.as_ref().map_or("-", |s| s.span.slice(text));
                (
                    source,
                    c.cue.span.slice(text),
                    c.content.slice(text),
                    c.nested_in,
                    c.unverified,
                )
            })
            .collect()
    }

    /// Each decision of the arbitration, on a sentence of its own: (decision, text, claims).
    #[test]
    fn decisions() {
        let v = "could not be independently verified";
        let cases: &[(&str, &str, &[Row])] = &[
            (
                "a pronoun claim opening the content is nested, not removed",
                "The council said it thinks that the truce will hold.",
                &[
                    ("The council", "said", "it thinks that the truce will hold", None, false),
                    ("it", "thinks", "the truce will hold", Some(0), false),
                ],
            ),
            (
                "a claim inside a fronted content is nested in the trailing attribution",
                "The governor denied the report, state television said.",
                &[
                    ("The governor", "denied", "the report", Some(1), false),
                    (
                        "state television",
                        "said",
                        "The governor denied the report",
                        None,
                        false,
                    ),
                ],
            ),
            (
                "a claim in a relative clause inside the content is nested, not cut",
                "The council accused the army of the raid which the ministry said killed nine farmers.",
                &[
                    (
                        "The council",
                        "accused",
                        "the army of the raid which the ministry said killed nine farmers",
                        None,
                        false,
                    ),
                    ("the ministry", "said", "killed nine farmers", Some(0), false),
                ],
            ),
            (
                "a named claim opening the content is nested, not cut",
                "Two drivers said soldiers claimed the bridge was mined.",
                &[
                    (
                        "Two drivers",
                        "said",
                        "soldiers claimed the bridge was mined",
                        None,
                        false,
                    ),
                    ("soldiers", "claimed", "the bridge was mined", Some(0), false),
                ],
            ),
            (
                "a content is cut before the source of a claim it runs into",
                "The monitor documented 40 deaths in the town, it said.",
                &[
                    ("The monitor", "documented", "40 deaths in the town", Some(1), false),
                    (
                        "it",
                        "said",
                        "The monitor documented 40 deaths in the town",
                        None,
                        false,
                    ),
                ],
            ),
            (
                "a cue word inside a kept source is not tried",
                "Syrian state media said the convoy arrived.",
                &[("Syrian state media", "said", "the convoy arrived", None, false)],
            ),
            (
                "a nested participant attitude is dropped, its outer claim stays",
                "The mayor said we think the dam will hold.",
                &[("The mayor", "said", "we think the dam will hold", None, false)],
            ),
            (
                "a nested claim goes with its dropped outer claim",
                "We think they fear that the dam will burst.",
                &[],
            ),
            (
                "a follow-up takes the source of the claim it follows",
                "The ministry said the convoy arrived, adding that aid was unloaded.",
                &[
                    ("The ministry", "said", "the convoy arrived", None, false),
                    ("The ministry", "adding", "aid was unloaded", None, false),
                ],
            ),
            (
                "a follow-up after a quote takes the quote's source",
                "\"The road is closed,\" the officer said, adding that it would reopen on Friday.",
                &[
                    ("the officer", "said", "The road is closed", None, false),
                    ("the officer", "adding", "it would reopen on Friday", None, false),
                ],
            ),
            (
                "a hedge inside a kept content is no claim",
                "The army said the rebels reportedly fled.",
                &[("The army", "said", "the rebels reportedly fled", None, false)],
            ),
            (
                "a hedge before a claim holds it",
                "Reportedly, the army said the convoy was hit.",
                &[
                    (
                        "-",
                        "Reportedly",
                        "Reportedly, the army said the convoy was hit",
                        None,
                        false,
                    ),
                    ("the army", "said", "the convoy was hit", Some(0), false),
                ],
            ),
            (
                "a disclaimer marks its sentence's claims and is a hedged claim",
                "The monitor said 12 people died, a toll that could not be independently verified.",
                &[
                    ("The monitor", "said", "12 people died", None, true),
                    ("-", v, "a toll that could not be independently verified", None, false),
                ],
            ),
            (
                "a disclaimer in the next sentence marks nested claims too",
                "Rebels said they fear the town will fall. The claim could not be independently verified.",
                &[
                    ("Rebels", "said", "they fear the town will fall", None, true),
                    ("they", "fear", "the town will fall", Some(0), true),
                    ("-", v, "The claim could not be independently verified", None, false),
                ],
            ),
            (
                "according to comes before the cue claims and holds them",
                "According to the monitor, the army said it shelled the depot.",
                &[
                    (
                        "the monitor",
                        "According to",
                        "the army said it shelled the depot",
                        None,
                        false,
                    ),
                    ("the army", "said", "it shelled the depot", Some(0), false),
                ],
            ),
        ];
        for (decision, text, want) in cases {
            assert_eq!(rows(text), *want, "{decision}: {text}");
        }
    }

    #[test]
    fn nesting_is_innermost_and_by_sentence() {
        // "believes" lies in the contents of "According to" and "said": it nests in the
        // innermost, "said"; the second sentence's claims nest among themselves.
        let text = "According to the monitor, the army said it believes that the depot was empty. \
                    Rebels said they fear the town will fall.";
        let got: Vec<(&str, Option<usize>)> = X
            .extract(text)
            .claims
            .iter()
            .map(|c| (c.cue.span.slice(text), c.nested_in))
            .collect();
        assert_eq!(
            got,
            [
                ("According to", None),
                ("said", Some(0)),
                ("believes", Some(1)),
                ("said", None),
                ("fear", Some(3)),
            ]
        );
    }
}
