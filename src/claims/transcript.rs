//! Interview transcripts: "TAPPER: Do you think ...", "Q: How did it go?", "A: Badly." A line
//! that opens with an upper-case speaker tag and a colon is that speaker's turn: the tag is the
//! source, the colon the cue (lemma `colon`, stance `assert`), the rest of the line the content
//! (rule `speaker_tag`).
//!
//! A tag is one to four words of upper-case letters (with `.`, `-`, `'`), at most 40 bytes,
//! followed by ": " and text. It counts only in a dialogue: a document with at least two
//! distinct tags over at least three such lines. So a dateline ("BEIRUT: ..."), a lone
//! "UPDATE:" and a title ("RUSSIA: ...") are no speakers; nor is a tag that a gazetteer place
//! mention covers, nor a line outside body text or headings.
//!
//! Invariants: one pass over the colons of the text, each reading back at most [`MAX_TAG`]
//! bytes and its line once (linear); the cue is the colon, the source
//! the tag and the content the rest of its line (trimmed, without a final period), all in the
//! sentence of the colon or the sentences after it on the same line.

use super::{Claim, ClaimKind, CueMatch, Rule, Source, Stance};
use crate::gazetteer::EntityType;
use crate::matcher::Mention;
use crate::segment::{Role, Sentence};
use crate::span::Span;

/// The fewest tag lines, and distinct tags, that make a dialogue.
const MIN_LINES: usize = 3;
const MIN_TAGS: usize = 2;

/// Appends the speaker turns of `text` to `out` (unsorted).
pub(super) fn find(
    text: &str,
    sentences: &[Sentence],
    mentions: &[Mention],
    kinds: &[EntityType],
    out: &mut Vec<Claim>,
) {
    let turns = turns(text);
    let mut tags: Vec<&str> = turns.iter().map(|t| t.0.slice(text)).collect();
    tags.sort_unstable();
    tags.dedup();
    if turns.len() < MIN_LINES || tags.len() < MIN_TAGS {
        return;
    }
    for (tag, colon, content) in turns {
        let i = sentences.partition_point(|s| s.span.end <= colon.start);
        let Some(sentence) = sentences.get(i).filter(|s| s.span.start <= colon.start) else {
            continue;
        };
        if !matches!(sentence.role, Role::Body | Role::Heading) {
            continue;
        }
        // Mentions are sorted by start and never overlap: only the last one starting at or
        // before the tag can cover it (a binary search keeps long transcripts linear).
        let covering = mentions[..mentions.partition_point(|m| m.span.start <= tag.start)]
            .last()
            .filter(|m| tag.end <= m.span.end);
        if covering.is_some_and(|m| matches!(kinds.get(m.entity), Some(EntityType::Place | EntityType::State))) {
            continue;
        }
        let entity = covering.filter(|m| m.span == tag).map(|m| m.entity);
        out.push(speaker_claim(i, tag, entity, colon, content, 0.7));
    }
}

/// The claim of a speaker's tag (rule `speaker_tag`, cue lemma `colon`): `tag` says `content`.
pub(super) fn speaker_claim(
    sentence: usize,
    tag: Span,
    entity: Option<usize>,
    colon: Span,
    content: Span,
    confidence: f32,
) -> Claim {
    Claim {
        kind: ClaimKind::Attributed,
        sentence,
        source: Some(Source {
            span: tag,
            entity,
            unnamed: false,
            resolved: None,
        }),
        cue: CueMatch {
            span: colon,
            lemma: "colon".into(),
            stance: Stance::Assert,
        },
        content,
        entities: Vec::new(),
        rule: Rule::SpeakerTag,
        confidence,
        disputed: false,
        unverified: false,
        nested_in: None,
    }
}

/// The longest tag, in bytes.
const MAX_TAG: usize = 40;

/// The (tag, colon, content) of every line of `text` that is a turn ([`turn`]), in order. A
/// turn's colon is the first of its line, at most [`MAX_TAG`] bytes in: only the lines of
/// such colons are read, so the pass is over the colons, not over every line.
fn turns(text: &str) -> Vec<(Span, Span, Span)> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut read = None;
    for colon in memchr::memchr_iter(b':', b) {
        // The line's start, if it is near enough; with no line break near, the line starts
        // before `near` (or at 0 when `near` is 0), and 0 is too far back from the colon too.
        let near = colon.saturating_sub(MAX_TAG + 1);
        let start = memchr::memrchr(b'\n', &b[near..colon]).map_or(0, |i| near + i + 1);
        if colon - start > MAX_TAG || read == Some(start) {
            continue;
        }
        read = Some(start);
        let end = memchr::memchr(b'\n', &b[colon..]).map_or(b.len(), |i| colon + i + 1);
        out.extend(turn(&text[start..end], start));
    }
    out
}

/// The (tag, colon, content) of `line`, which starts at byte `start` of the text. The tag is
/// ASCII, so its colon is the line's first and at most [`MAX_TAG`] bytes in.
fn turn(line: &str, start: usize) -> Option<(Span, Span, Span)> {
    let colon = line.get(..MAX_TAG + 1).unwrap_or(line).find(':')?;
    let tag = &line[..colon];
    let letters = tag.bytes().filter(u8::is_ascii_uppercase).count();
    let shape = tag
        .bytes()
        .all(|b| b.is_ascii_uppercase() || matches!(b, b' ' | b'.' | b'-' | b'\''));
    if letters == 0 || !shape || !tag.starts_with(|c: char| c.is_ascii_uppercase()) || tag.ends_with(' ') {
        return None;
    }
    if tag.split(' ').count() > 4 || !line[colon + 1..].starts_with([' ', '\u{a0}']) {
        return None;
    }
    let rest = &line[colon + 1..];
    let lead = rest.len() - rest.trim_start().len();
    let body = rest.trim();
    let body = body.strip_suffix('.').unwrap_or(body).trim_end();
    if body.is_empty() {
        return None;
    }
    let content_start = start + colon + 1 + lead;
    Some((
        Span::new(start, start + colon),
        Span::new(start + colon, start + colon + 1),
        Span::new(content_start, content_start + body.len()),
    ))
}

#[cfg(test)]
mod tests {
    /// (source, cue, content) of each `speaker_tag` claim.
    fn turns(text: &str) -> Vec<(&str, &str, &str)> {
        crate::claims::tests::rule_triples(text, crate::claims::Rule::SpeakerTag)
    }

    #[test]
    fn a_dialogue_gives_one_claim_per_turn() {
        let text = "The mayor spoke to us on Friday.\n\nQ: What happens to the market now?\n\n\
                    A: We rebuild it. The stalls open in May.\n\nQ: And the bridge?\n\n\
                    A: Nobody knows yet.\n";
        assert_eq!(
            turns(text),
            [
                ("Q", ":", "What happens to the market now?"),
                ("A", ":", "We rebuild it. The stalls open in May"),
                ("Q", ":", "And the bridge?"),
                ("A", ":", "Nobody knows yet"),
            ]
        );
        let names = "HOST: Welcome back.\nDR. OKAFOR: Thank you for having me.\nHOST: Is the water safe?\n";
        assert_eq!(
            turns(names),
            [
                ("HOST", ":", "Welcome back"),
                ("DR. OKAFOR", ":", "Thank you for having me"),
                ("HOST", ":", "Is the water safe?"),
            ]
        );
    }

    #[test]
    fn a_dateline_or_a_lone_tag_is_no_speaker() {
        let none: [(&str, &str, &str); 0] = [];
        assert_eq!(
            turns("Floods hit the valley\n\nDAMASCUS: Rain closed the main road on Monday.\n\nUPDATE: The road reopened.\n"),
            none
        );
        assert_eq!(
            turns("Notes\n\nNOTE: one.\nNOTE: two.\nNOTE: three.\nTime: 10:30 in the morning.\n"),
            none
        );
    }

    /// The pass over colons finds what reading every line with `turn` finds.
    #[test]
    fn the_colon_pass_reads_the_turns_of_every_line() {
        let every_line = |text: &str| {
            let mut out = Vec::new();
            let mut start = 0;
            for line in text.split_inclusive('\n') {
                out.extend(super::turn(line, start));
                start += line.len();
            }
            out
        };
        // A tag of three words and `n` bytes.
        let tag = |n: usize| format!("{} BB CC", "A".repeat(n - 6));
        let mut texts = vec![
            "Q: first line\nA: no break at the end".to_string(),
            "HOST: a: b: c\r\nDR. X: y\n\nNo tag: here\n:\n: x\nQ:\nQ:x\nQ: \nQ: .\n".to_string(),
            "é: x\nÉ Q: x\nQ é: x\n€€€€€€€€€€€€€€ Q: x\nQ: é: x\n".to_string(),
        ];
        for n in 36..44 {
            texts.push(format!("{}: near the limit\nx {}: after a word\n", tag(n), tag(n)));
            texts.push(format!("{}é: a letter past it\n{}: x", "A".repeat(n), "Q".repeat(n)));
            texts.push(format!("{}€ Q: three bytes across\n", "A".repeat(n - 3)));
        }
        let mut found = 0;
        for text in &texts {
            assert_eq!(super::turns(text), every_line(text), "{text:?}");
            found += every_line(text).len();
        }
        assert!(found >= 12, "{found} turns");
        // The limit is read where it is: a tag of 40 bytes, not of 41.
        assert_eq!(super::turns(&format!("{}: x", tag(40))).len(), 1);
        assert_eq!(super::turns(&format!("{}: x", tag(41))).len(), 0);
    }

    #[test]
    fn a_place_is_no_speaker() {
        let none: [(&str, &str, &str); 0] = [];
        assert_eq!(
            turns("Dispatches\n\nALEPPO: Shelling resumed.\nHOMS: The market reopened.\nIDLIB: Aid arrived.\n"),
            none
        );
    }
}
