//! Segmenting: an article into paragraphs, lines and sentences.
//!
//! Blank lines end paragraphs. A line break is a hard boundary too (titles, headings, bylines
//! and site names carry no final period) unless the text is visibly hard-wrapped: the next line
//! starts in lower case, or the line ends with a comma or a hyphen. Inside a block, sentence
//! bounds come from UAX #29 (`unicode-segmentation`), plus the ones it does not see (inline
//! list items "1) ... 2) ...", a period glued to the next sentence "fell.Roads"), then corrected
//! for news text: a break after an abbreviation that cannot end a sentence (`Gen.`, `Jan.`,
//! `No. 5`), after an ambiguous one (`Co.`, `U.S.`, `a.m.`, an initial) unless a typical sentence
//! opener follows, after a bare list marker, before a bracketed citation ("(AFP).") and before a
//! lower-case word (`"Why?" he asked`) is undone. What each abbreviation can do is data:
//! `lexicon/abbreviations.tsv` (shared with the claim tokenizer), parsed once per process.
//! `tests/golden_rules.rs` checks the English Golden Rules (50 of 52; the two left are explained there).
//!
//! Invariants: sentences are in text order, never overlap, never start or end with white space,
//! and together cover every non-white-space character of the text.

use crate::claims::LexiconError;
use crate::span::Span;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;
use unicode_segmentation::UnicodeSegmentation;

/// What a sentence is doing in the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// The article's title: its first line, when that line carries no final period.
    Title,
    /// A heading, site name or other short line without final punctuation.
    Heading,
    /// The byline ("By Jane Doe", "This article is written by ...").
    Byline,
    /// A wire dateline opening a paragraph: "BEIRUT, Dec 10 (Reuters) -".
    Dateline,
    /// Page furniture: comment prompts, share links, newsletter and copyright lines.
    Boilerplate,
    /// Running text.
    Body,
}

impl Role {
    /// The name used in the JSON output.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Title => "title",
            Role::Heading => "heading",
            Role::Byline => "byline",
            Role::Dateline => "dateline",
            Role::Boilerplate => "boilerplate",
            Role::Body => "body",
        }
    }
}

/// One sentence of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Where the sentence lies in the original text (trimmed of white space).
    pub span: Span,
    /// Zero-based paragraph number.
    pub paragraph: usize,
    /// What the sentence is doing in the article.
    pub role: Role,
}

/// Splits `text` into sentences.
pub fn segment(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (paragraph, para) in paragraphs(text).into_iter().enumerate() {
        for mut block in blocks(text, para) {
            if let Some(m) = DATELINE.find(block.slice(text)).filter(|m| m.len() <= MAX_DATELINE) {
                let dateline = Span::new(block.start, block.start + m.end()).trim(text);
                out.push(Sentence {
                    span: dateline,
                    paragraph,
                    role: Role::Dateline,
                });
                block.start += m.end();
            }
            let role = line_role(block.slice(text), out.is_empty());
            let first = out.len();
            split_block(text, block, &mut |span| out.push(Sentence { span, paragraph, role }));
            // A multi-sentence block is running text, whatever its first line looked like.
            if out.len() - first > 1 && matches!(role, Role::Title | Role::Heading) {
                out[first..].iter_mut().for_each(|s| s.role = Role::Body);
            }
        }
    }
    out
}

/// The byline's name part, if the article has a byline sentence:
/// "By Jane Doe" → "Jane Doe"; "This article is written by the team of The Defense News." →
/// "The Defense News".
pub fn byline(text: &str, sentences: &[Sentence]) -> Option<Span> {
    let s = sentences.iter().find(|s| s.role == Role::Byline)?;
    let caps = BYLINE.captures(s.span.slice(text))?;
    let m = caps.name("name")?;
    Some(Span::new(s.span.start + m.start(), s.span.start + m.end()).trim_end_matches(text, &['.']))
}

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^[^\p{L}\p{N}]*(?:(?:this\s+(?:article|story|report)\s+(?:is|was)\s+)?(?:written|reported|reporting|compiled|edited)\s+)?by\s+(?:the\s+(?:team|staff|editors)\s+(?:of|at)\s+)?(?P<name>\p{Lu}[^\n]+?)\s*\.?\s*$",
    )
    .unwrap()
});

/// Longest dateline, in bytes. Lengths are checked in code rather than with counted repetitions,
/// which would multiply the compiled size of the Unicode classes.
const MAX_DATELINE: usize = 80;

/// "BEIRUT, Dec 10 (Reuters) - ", "DAMASCUS, Syria (AP) — ", "IDLIB, Syria — ": a city in capitals,
/// then a comma part or a bracketed agency, then a dash; or "AMMAN — ": a city of four or more
/// capitals right before an en or em dash.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\p{Lu}[\p{Lu}\p{M} .'’-]+(?:(?:,\s*[^,()\n–—-]+){1,2}\s*(?:\([^()\n]+\)\s*)?|\s*\([^()\n]+\)\s*)[-–—]{1,2}\s+|^\p{Lu}{2}[\p{Lu}\p{M}’' -]*\p{Lu}{2}\s*[–—]\s+",
    )
    .unwrap()
});

static BOILERPLATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\W*(?:leave\s+a\s+(?:comment|reply)|no\s+comments|\d+\s+comments?\b|comments?\s*:|share\s+(?:this|on)\b|related(?:\s+(?:articles|posts|stories))?\s*:|read\s+(?:more|also|next)\b|see\s+also\s*:|subscribe\b|sign\s+up\b|follow\s+us\b|click\s+here\b|advertisement\b|all\s+rights\s+reserved|copyright\b|©|tags?\s*:|posted\s+in\b|filed\s+under\b|you\s+may\s+also\s+like|photo\s*:|image\s*:|source\s*:)",
    )
    .unwrap()
});

fn line_role(line: &str, first: bool) -> Role {
    let t = line.trim();
    if BOILERPLATE.is_match(t) {
        Role::Boilerplate
    } else if t.len() <= 160 && BYLINE.is_match(t) {
        Role::Byline
    } else if !t.ends_with(['.', '!', '?', '"', '”', '’', '\'', ':', ';', ',']) && t.split_whitespace().count() <= 20
    {
        if first {
            Role::Title
        } else {
            Role::Heading
        }
    } else {
        Role::Body
    }
}

/// Paragraph spans: runs of non-blank lines.
fn paragraphs(text: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut current: Option<Span> = None;
    for line in lines(text) {
        if line.slice(text).trim().is_empty() {
            out.extend(current.take());
        } else {
            current = Some(match current {
                Some(p) => Span::new(p.start, line.end),
                None => line,
            });
        }
    }
    out.extend(current);
    out
}

/// Line spans without their line terminators.
fn lines(text: &str) -> impl Iterator<Item = Span> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let span = Span::new(start, start + l.trim_end_matches(['\n', '\r']).len());
        start += l.len();
        span
    })
}

/// Splits a paragraph into blocks at hard line breaks.
fn blocks(text: &str, para: Span) -> Vec<Span> {
    let lines: Vec<Span> = lines(para.slice(text)).map(|l| l.offset(para.start)).collect();
    let wrapped = is_hard_wrapped(text, &lines);
    let mut out: Vec<Span> = Vec::new();
    let mut soft_next = false;
    for line in lines {
        let s = line.slice(text).trim();
        let starts_lower = s.chars().next().is_some_and(char::is_lowercase);
        let bullet = s.starts_with(['-', '*', '•', '–', '—']);
        match out.last_mut() {
            Some(b) if (soft_next && !bullet) || starts_lower => b.end = line.end,
            _ => out.push(line),
        }
        let open_end = !s.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', ')']);
        let own_line = BOILERPLATE.is_match(s) || BYLINE.is_match(s);
        soft_next = s.ends_with([',', '-']) || (wrapped && open_end && !own_line);
    }
    out
}

/// True for a paragraph wrapped at a fixed width: two or more lines, and the lines before the
/// last one long (50+ bytes) and of about the same length.
fn is_hard_wrapped(text: &str, lines: &[Span]) -> bool {
    let Some((_, body)) = lines.split_last() else {
        return false;
    };
    let lens: Vec<usize> = body.iter().map(|l| l.slice(text).trim().len()).collect();
    let (Some(&max), Some(&min)) = (lens.iter().max(), lens.iter().min()) else {
        return false;
    };
    max >= 50 && (max - min) * 10 <= max * 3
}

/// Splits one block into trimmed sentence spans: first at the forced boundaries UAX #29 does not
/// see (inline list items, a period glued to the next sentence), then each part by UAX #29,
/// corrected for news text.
fn split_block(text: &str, block: Span, emit: &mut dyn FnMut(Span)) {
    let b = block.slice(text);
    let mut from = 0;
    for cut in forced_breaks(b).into_iter().chain([b.len()]) {
        split_part(text, Span::new(block.start + from, block.start + cut), emit);
        from = cut;
    }
}

fn split_part(text: &str, part: Span, emit: &mut dyn FnMut(Span)) {
    let b = part.slice(text);
    let mut pending: Option<Span> = None;
    for (i, piece) in b.split_sentence_bound_indices() {
        let span = Span::new(part.start + i, part.start + i + piece.len());
        pending = Some(match pending {
            Some(p) if continues(p.slice(text), piece) => Span::new(p.start, span.end),
            Some(p) => {
                emit_trimmed(text, p, emit);
                span
            }
            None => span,
        });
    }
    if let Some(p) = pending {
        emit_trimmed(text, p, emit);
    }
}

fn emit_trimmed(text: &str, span: Span, emit: &mut dyn FnMut(Span)) {
    let t = span.trim(text);
    if !t.is_empty() {
        emit(t);
    }
}

/// Byte offsets in `b` where a sentence starts although UAX #29 sees no boundary: before each
/// item of an inline list ("1) ... 2) ...", "a. ... b. ...", "• 7. ... • 8. ..."), and after a
/// word's period glued to the next sentence ("fell.Roads"). Sorted, without 0.
fn forced_breaks(b: &str) -> Vec<usize> {
    let mut out = list_items(b);
    let bytes = b.as_bytes();
    for i in memchr_iter(b'.', bytes) {
        let glued = i >= 2
            && bytes[i - 1].is_ascii_lowercase()
            && bytes[i - 2].is_ascii_alphabetic()
            && bytes.get(i + 1).is_some_and(u8::is_ascii_uppercase)
            && bytes.get(i + 2).is_some_and(u8::is_ascii_lowercase);
        if glued {
            let word_start = b[..i].rfind(char::is_whitespace).map_or(0, |w| w + 1);
            let word_end = b[i..].find(char::is_whitespace).map_or(b.len(), |w| i + w);
            let word = &b[word_start..word_end];
            let address = word.contains(['@', '/']) || word.starts_with("www.");
            if !address && abbreviation(&b[word_start..=i]).is_none() {
                out.push(i + 1);
            }
        }
    }
    out.sort_unstable();
    out.dedup();
    out
}

fn memchr_iter(needle: u8, bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(move |(_, &c)| c == needle)
        .map(|(i, _)| i)
}

/// One inline list marker: where it starts, its ordinal, and its style.
#[derive(Clone, Copy)]
struct Marker {
    start: usize,
    end: usize,
    ordinal: u32,
    style: (bool, u8, &'static str),
}

/// Starts of the items of inline lists: markers of one style with consecutive ordinals, at
/// least two, the first numbered 1 (or `a`) unless bulleted.
fn list_items(b: &str) -> Vec<usize> {
    let mut markers: Vec<Marker> = Vec::new();
    let bytes = b.as_bytes();
    let mut inside = 0;
    for (i, &c) in bytes.iter().enumerate() {
        // A byte after ASCII white space starts a character: `i` is a char boundary.
        let word_start = i == 0 || bytes[i - 1].is_ascii_whitespace();
        // Cheap byte tests first: a digit, a bullet's first byte, or "a." / "a)".
        let candidate = c.is_ascii_digit()
            || c == 0xE2
            || (c.is_ascii_lowercase() && matches!(bytes.get(i + 1), Some(b'.' | b')')));
        if word_start && candidate && i >= inside {
            if let Some(m) = marker_at(b, i) {
                // "• 7." is one marker, not also "7.".
                inside = m.end;
                markers.push(m);
            }
        }
    }
    let mut out = Vec::new();
    let mut run: Vec<Marker> = Vec::new();
    let mut flush = |run: &mut Vec<Marker>| {
        let first = run.first().copied();
        if run.len() >= 2 && first.is_some_and(|m| m.ordinal == 1 || m.style.0) {
            out.extend(run.iter().map(|m| m.start).filter(|&s| s > 0));
        }
        run.clear();
    };
    for m in markers {
        let next = run
            .last()
            .is_some_and(|l| l.style == m.style && l.ordinal + 1 == m.ordinal);
        if !next {
            flush(&mut run);
        }
        run.push(m);
    }
    flush(&mut run);
    out
}

/// A list marker starting at byte `i`: an optional bullet, then `12.`, `12)`, `12.)`, `a.` or
/// `a)`, then white space.
fn marker_at(b: &str, i: usize) -> Option<Marker> {
    let rest = &b[i..];
    let (bullet, rest) = match rest.strip_prefix(['•', '⁃', '▪']) {
        Some(r) => (true, r.trim_start_matches(' ')),
        None => (false, rest),
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    let (ordinal, kind, rest) = if (1..=2).contains(&digits) {
        (rest[..digits].parse().ok()?, b'1', &rest[digits..])
    } else {
        let c = rest.bytes().next().filter(u8::is_ascii_lowercase)?;
        (u32::from(c - b'a' + 1), b'a', &rest[1..])
    };
    let punct = [".)", ")", "."].into_iter().find(|p| rest.starts_with(p))?;
    let after = &rest[punct.len()..];
    after.starts_with(char::is_whitespace).then_some(Marker {
        start: i,
        end: b.len() - after.len(),
        ordinal,
        style: (bullet, kind, punct),
    })
}

/// True when `s` is nothing but a list marker (`1.`, `2.)`, `• 7.`, `a.`) and white space.
fn is_marker(s: &str) -> bool {
    let lead = s.len() - s.trim_start().len();
    marker_at(s, lead).is_some_and(|m| s[m.end..].trim().is_empty())
}

/// True when a UAX #29 break between `prev` and `next` is wrong for news text.
fn continues(prev: &str, next: &str) -> bool {
    // Inside a block every line break is soft; UAX #29 breaks at each one anyway.
    if prev.trim_end_matches([' ', '\t', '\r']).ends_with('\n') && !prev.trim_end().ends_with(['.', '!', '?', '"', '”'])
    {
        return true;
    }
    // A list marker belongs to its item; a bracketed citation to the sentence it closes.
    if is_marker(prev) || is_citation(next) {
        return true;
    }
    let next_word = next.trim_start().trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    if next_word.chars().next().is_some_and(char::is_lowercase) {
        return true;
    }
    let last = prev.split_whitespace().last().unwrap_or("");
    let last = last.trim_start_matches(['"', '“', '‘', '\'', '(', '[']);
    if !last.ends_with('.') {
        return false;
    }
    match abbreviation(last) {
        Some(Ending::Never) => true,
        Some(Ending::BeforeNumber) => next_word.starts_with(|c: char| c.is_ascii_digit()),
        Some(Ending::Maybe) => !starts_sentence(next_word),
        None => is_initialism(last) && !starts_sentence(next_word),
    }
}

/// "(Annex 4).": a short bracket, then the period that ends the sentence before it. A bracket
/// without that period ("(Source: SANA)") stays a sentence of its own.
fn is_citation(next: &str) -> bool {
    let t = next.trim_end();
    let Some(inner) = t.strip_prefix('(') else {
        return false;
    };
    let Some(inner) = inner.strip_suffix(['.', '!', '?']) else {
        return false;
    };
    t.len() <= 40 && inner.ends_with(')') && !inner[..inner.len() - 1].contains(['(', ')'])
}

/// Whether an abbreviation can end a sentence (from `lexicon/abbreviations.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ending {
    /// Classes `title`, `month`, `no_end`: never.
    Never,
    /// Class `number`: not before a number.
    BeforeNumber,
    /// Class `may_end`: when a typical sentence opener follows.
    Maybe,
}

fn abbreviation(word: &str) -> Option<Ending> {
    static ABBREVIATIONS: LazyLock<HashMap<&'static str, Ending>> = LazyLock::new(|| {
        parse_abbreviations(
            "lexicon/abbreviations.tsv",
            include_str!("../lexicon/abbreviations.tsv"),
        )
        .unwrap_or_else(|e| panic!("embedded lexicon: {e}"))
    });
    ABBREVIATIONS.get(word).copied()
}

/// Parses an abbreviations file (`abbr<TAB>classes`, header row, `#` comments); errors name
/// `file:line`.
fn parse_abbreviations<'a>(file: &str, text: &'a str) -> Result<HashMap<&'a str, Ending>, LexiconError> {
    let err = |line: usize, message: String| LexiconError {
        file: file.to_string(),
        line,
        message,
    };
    let mut out = HashMap::new();
    let mut header = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((abbr, classes)) = line.split_once('\t').filter(|(_, c)| !c.contains('\t')) else {
            return Err(err(i + 1, "expected 2 tab-separated cells".into()));
        };
        if !header {
            if (abbr, classes) != ("abbr", "classes") {
                return Err(err(i + 1, "expected the header \"abbr\\tclasses\"".into()));
            }
            header = true;
            continue;
        }
        if !abbr.ends_with('.') || abbr.len() < 2 {
            return Err(err(i + 1, format!("an abbreviation ends with its period: {abbr:?}")));
        }
        let mut ending = None;
        for class in classes.split(',').map(str::trim) {
            let e = match class {
                "title" | "month" | "no_end" => Ending::Never,
                "number" => Ending::BeforeNumber,
                "may_end" => Ending::Maybe,
                other => return Err(err(i + 1, format!("unknown abbreviation class {other:?}"))),
            };
            // The strongest fact wins: Never over BeforeNumber over Maybe.
            ending = Some(match (ending, e) {
                (Some(Ending::Never), _) | (_, Ending::Never) => Ending::Never,
                (Some(Ending::BeforeNumber), _) | (_, Ending::BeforeNumber) => Ending::BeforeNumber,
                _ => Ending::Maybe,
            });
        }
        if out.insert(abbr, ending.expect("split yields a class")).is_some() {
            return Err(err(i + 1, format!("duplicate abbreviation {abbr:?}")));
        }
    }
    if !header {
        return Err(err(0, "no header row".into()));
    }
    Ok(out)
}

/// `U.S.`, `U.N.`, `a.m.`, `D.C.`, or a single initial `F.`.
fn is_initialism(word: &str) -> bool {
    let mut letters = 0;
    let mut chars = word.chars().peekable();
    while let Some(c) = chars.next() {
        if !c.is_alphabetic() || chars.next() != Some('.') {
            return false;
        }
        letters += 1;
    }
    letters > 1 || word.chars().next().is_some_and(char::is_uppercase)
}

fn starts_sentence(word: &str) -> bool {
    let w: &str = word.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    SENTENCE_OPENERS.contains(&w)
}

/// Words that typically open a new sentence: after `U.S.` they mean the sentence ended.
const SENTENCE_OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "It",
    "Its",
    "He",
    "She",
    "They",
    "We",
    "I",
    "You",
    "Our",
    "Their",
    "His",
    "Her",
    "In",
    "On",
    "At",
    "For",
    "From",
    "But",
    "And",
    "Or",
    "However",
    "Meanwhile",
    "Moreover",
    "After",
    "Before",
    "While",
    "When",
    "As",
    "If",
    "Since",
    "Although",
    "Though",
    "There",
    "Here",
    "According",
    "Also",
    "Earlier",
    "Later",
    "Last",
    "Some",
    "Many",
    "Most",
    "One",
    "Two",
    "Three",
    "No",
    "Yet",
    "So",
    "Still",
    "Despite",
    "During",
    "Following",
    "Amid",
    "Under",
    "With",
    "Without",
    "Such",
    "Other",
    "Both",
    "All",
    "Several",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Now",
    "Then",
    "Today",
    "Yesterday",
    "By",
    "To",
    "Asked",
    "Officials",
    "Did",
    "Do",
    "Does",
    "Was",
    "Were",
    "Is",
    "Are",
    "Has",
    "Have",
    "Had",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        segment(text).iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn abbreviations_do_not_end_sentences() {
        let cases: &[(&str, &[&str])] = &[
            (
                "U.S. airstrikes hit Deir Ezzor. Residents fled.",
                &["U.S. airstrikes hit Deir Ezzor.", "Residents fled."],
            ),
            (
                "The SDF, backed by the U.S., have advanced. HTS did not.",
                &["The SDF, backed by the U.S., have advanced.", "HTS did not."],
            ),
            (
                "Maj. Gen. Ali Mahmoud said so. He left.",
                &["Maj. Gen. Ali Mahmoud said so.", "He left."],
            ),
            ("U.S. President Joe Biden spoke.", &["U.S. President Joe Biden spoke."]),
            (
                "The strike came at 9 a.m. Syrian time on Jan. 5.",
                &["The strike came at 9 a.m. Syrian time on Jan. 5."],
            ),
            (
                "It was backed by the U.S. The group denied it.",
                &["It was backed by the U.S.", "The group denied it."],
            ),
            (
                "Losses rose 3.5 percent... Then they fell.",
                &["Losses rose 3.5 percent...", "Then they fell."],
            ),
            (
                "\"Why?\" he asked. John F. Kennedy knew.",
                &["\"Why?\" he asked.", "John F. Kennedy knew."],
            ),
            (
                "He said: \"We will win.\" They lost.",
                &["He said: \"We will win.\"", "They lost."],
            ),
            (
                "The group (HTS.) left. Then (it) returned.",
                &["The group (HTS.) left.", "Then (it) returned."],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(&texts(text), want, "{text}");
        }
    }

    #[test]
    fn lines_are_hard_boundaries_unless_wrapped() {
        let text = "Syria Withdraws From Deir Ezzor\n\nWorld Defense\n\nBy Jane Doe\nThe army, which had held\nthe city, left. Fighters\nentered.\nLeave a Comment\n";
        let got: Vec<_> = segment(text)
            .iter()
            .map(|s| (s.span.slice(text), s.role, s.paragraph))
            .collect();
        assert_eq!(
            got,
            [
                ("Syria Withdraws From Deir Ezzor", Role::Title, 0),
                ("World Defense", Role::Heading, 1),
                ("By Jane Doe", Role::Byline, 2),
                ("The army, which had held\nthe city, left.", Role::Body, 2),
                ("Fighters\nentered.", Role::Body, 2),
                ("Leave a Comment", Role::Boilerplate, 2),
            ]
        );
        let sentences = segment(text);
        assert_eq!(byline(text, &sentences).map(|s| s.slice(text)), Some("Jane Doe"));
    }

    #[test]
    fn hard_wrapped_paragraphs_join_their_lines() {
        let text = "Turkish artillery shelled positions held by the Kurdish-led Syrian\nDemocratic Forces near Manbij overnight, the SDF said on Tuesday.\n\nKey points:\n- The SDF controls Raqqa.\n- Ankara considers the YPG a terrorist group.\n\nLeave a Comment: Don't Wast Time to Posting URLs in Comment Box\nNo comments available for this post.";
        assert_eq!(
            texts(text),
            [
                "Turkish artillery shelled positions held by the Kurdish-led Syrian\nDemocratic Forces near Manbij overnight, the SDF said on Tuesday.",
                "Key points:",
                "- The SDF controls Raqqa.",
                "- Ankara considers the YPG a terrorist group.",
                "Leave a Comment: Don't Wast Time to Posting URLs in Comment Box",
                "No comments available for this post.",
            ]
        );
    }

    #[test]
    fn byline_forms() {
        for (line, name) in [
            (
                "✍️ This article is written by the team of The Defense News.",
                "The Defense News",
            ),
            ("By Sarah El Deeb, Associated Press", "Sarah El Deeb, Associated Press"),
            ("Reporting by Maya Gebeily", "Maya Gebeily"),
        ] {
            let text = format!("Title here\n\n{line}\n\nBody text goes here.");
            let s = segment(&text);
            assert_eq!(
                byline(&text, &s).map(|b| b.slice(&text).to_string()),
                Some(name.to_string()),
                "{line}"
            );
        }
    }

    #[test]
    fn datelines_are_their_own_sentence() {
        for (text, dateline) in [
            (
                "BEIRUT, Dec 10 (Reuters) - Israeli jets struck Damascus.",
                "BEIRUT, Dec 10 (Reuters) -",
            ),
            (
                "DAMASCUS, Syria (AP) — Rebels entered the city.",
                "DAMASCUS, Syria (AP) —",
            ),
            ("QAMISHLI (AFP) - Clashes erupted.", "QAMISHLI (AFP) -"),
            ("AMMAN — Heavy clashes broke out.", "AMMAN —"),
            ("DEIR EZ-ZOR – Fighting resumed.", "DEIR EZ-ZOR –"),
        ] {
            let s = segment(text);
            assert_eq!((s[0].span.slice(text), s[0].role), (dateline, Role::Dateline), "{text}");
            assert_eq!(s[1].role, Role::Body);
        }
        for text in [
            "HTS - the group said - left.",
            "HTS — the group said — left.",
            "The ISIS — era ended.",
        ] {
            let s = segment(text);
            assert_eq!((s.len(), s[0].role), (1, Role::Body), "{text}");
        }
    }

    #[test]
    fn inline_lists_and_glued_periods() {
        assert_eq!(
            texts("The terms: 1) a truce 2) open roads 3) aid."),
            ["The terms:", "1) a truce", "2) open roads", "3) aid."]
        );
        // One numbered item is not a list; "b." alone does not start one.
        assert_eq!(
            texts("Only 2) was met. Plan b. failed."),
            ["Only 2) was met.", "Plan b. failed."]
        );
        assert_eq!(
            texts("Shells fell.Residents fled."),
            ["Shells fell.", "Residents fled."]
        );
        for one in [
            "He flew to St.Petersburg on Monday.",
            "Mail Rami.Haddad@example.org today.",
            "See example.org/News.Page for more.",
        ] {
            assert_eq!(texts(one), [one]);
        }
    }

    #[test]
    fn the_abbreviation_file_parses_and_bad_rows_name_their_line() {
        assert_eq!(abbreviation("Gen."), Some(Ending::Never));
        assert_eq!(abbreviation("Jan."), Some(Ending::Never));
        assert_eq!(abbreviation("No."), Some(Ending::BeforeNumber));
        assert_eq!(abbreviation("Co."), Some(Ending::Maybe));
        assert_eq!(abbreviation("Gen"), None);
        let ok = parse_abbreviations("a.tsv", "# c\nabbr\tclasses\nCo.\tmay_end,title\n").unwrap();
        assert_eq!(ok.get("Co."), Some(&Ending::Never));
        for (text, want) in [
            (
                "abbr\tclasses\nCo.\tmay_end\nGen.\tgeneral\n",
                "a.tsv:3: unknown abbreviation class \"general\"",
            ),
            (
                "abbr\tclasses\nGen\ttitle\n",
                "a.tsv:2: an abbreviation ends with its period: \"Gen\"",
            ),
            (
                "abbr\tclasses\nCo.\tmay_end\nCo.\tno_end\n",
                "a.tsv:3: duplicate abbreviation \"Co.\"",
            ),
            ("abbr\tkind\n", "a.tsv:1: expected the header \"abbr\\tclasses\""),
            ("abbr\tclasses\nCo.\n", "a.tsv:2: expected 2 tab-separated cells"),
        ] {
            assert_eq!(parse_abbreviations("a.tsv", text).unwrap_err().to_string(), want);
        }
    }

    #[test]
    fn crlf_and_blank_input() {
        assert!(segment("").is_empty());
        assert!(segment(" \n\r\n ").is_empty());
        assert_eq!(texts("One.\r\nTwo.\r\n"), ["One.", "Two."]);
    }
}
