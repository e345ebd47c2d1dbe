//! The compact JSON of a [`Document`], written by hand: the same bytes as
//! `serde_json::to_writer` gives for its `Serialize` (a test compares both), at a fraction of
//! the cost.
//!
//! The writer appends to a `Vec<u8>`, so it cannot fail and each piece is a bounds-checked copy
//! rather than a call through `Write`: keys are constant copies, numbers are formatted in a
//! fixed-size buffer copied whole (then cut to their digits), and strings are copied in runs.
//! Only the bytes JSON requires are escaped, exactly as serde_json does (`"`, `\`, and the
//! control characters below U+0020: `\b \t \n \f \r`, else `\u00XX` in lower-case hex;
//! everything else, non-ASCII included, as it is); [`clean_prefix`] finds the runs that need
//! none, a block of bytes at a time. The rare or small parts (the `document` object with its passed-through fields,
//! entities with their attributes, a confidence that is no whole number of hundredths) are written by serde_json itself, so
//! numbers and arbitrary values keep its formatting.

use super::{attribute, Attribute, ClaimId, ClaimOut, Document, MentionOut, SentenceOut, SpanOut, SCHEMA_VERSION};
use crate::fold::{HIGH, ONES};
use crate::gazetteer::{Entity, EntityId, Gazetteer};
use std::io::{self, Write};

/// Appending to a `Vec` cannot fail.
const INFALLIBLE: &str = "writing to a Vec cannot fail";

/// How much [`Document::write_json`] holds before it writes: a long article's JSON (6-10 times
/// its size) goes out in pieces of about this size instead of being built whole.
const SPILL: usize = 1 << 16;

impl Document<'_> {
    /// Writes the document as compact JSON (one line, no newline) onto `out`: the bytes of
    /// `serde_json::to_writer(out, self)`, faster.
    pub fn write_json<W: Write + ?Sized>(&self, out: &mut W) -> io::Result<()> {
        let mut buf = Vec::with_capacity(SPILL + SPILL / 4);
        self.json(&mut buf, &mut Spill(Some(&mut |b: &[u8]| out.write_all(b))))?;
        out.write_all(&buf)
    }

    /// Appends what [`Document::write_json`] writes to `out`, whole.
    pub fn push_json(&self, out: &mut Vec<u8>) {
        self.json(out, &mut Spill(None)).expect(INFALLIBLE);
    }

    fn json(&self, out: &mut Vec<u8>, spill: &mut Spill<'_>) -> io::Result<()> {
        out.extend_from_slice(b"{\"schema_version\":");
        number(out, SCHEMA_VERSION as usize);
        out.extend_from_slice(b",\"document\":");
        serde_json::to_writer(&mut *out, &self.info()).expect(INFALLIBLE);
        out.extend_from_slice(b",\"sentences\":");
        list(out, spill, self.sentences(), sentence)?;
        out.extend_from_slice(b",\"entities\":");
        list(out, spill, self.entity_counts(), |out, (e, n)| {
            entity(out, self.gazetteer, e, n)
        })?;
        out.extend_from_slice(b",\"mentions\":");
        let mentions = self.x.mentions.iter().map(|m| (m.entity, self.mention(m)));
        list(out, spill, mentions, |out, (e, m)| mention(out, self.gazetteer, e, m))?;
        out.extend_from_slice(b",\"claims\":");
        list(out, spill, self.claims(), claim)?;
        out.push(b'}');
        Ok(())
    }
}

/// A writer's `write_all`.
type WriteAll<'a> = &'a mut dyn FnMut(&[u8]) -> io::Result<()>;

/// What empties the buffer between list items once it holds [`SPILL`] bytes: a writer's
/// `write_all`, or nothing (the buffer is the output).
struct Spill<'a>(Option<WriteAll<'a>>);

/// `[a,b,...]`, each item written by `write`.
fn list<T>(
    out: &mut Vec<u8>,
    spill: &mut Spill<'_>,
    items: impl Iterator<Item = T>,
    write: impl Fn(&mut Vec<u8>, T),
) -> io::Result<()> {
    out.push(b'[');
    for (i, item) in items.enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
        if out.len() >= SPILL {
            if let Some(to) = &mut spill.0 {
                to(out)?;
                out.clear();
            }
        }
    }
    out.push(b']');
    Ok(())
}

/// Writes `prefix`, the JSON string `value` and `suffix`, as one constant copy when `value` is
/// one of the listed names (the members of a closed set: roles, entity types, claim kinds), else
/// through [`string`]: the same bytes, as no listed name needs an escape. A constant copy of a
/// key and a value together costs a fifth of a key and a [`string`] call. Says whether it took
/// the constant copy, so tests can check that each list holds every name of its set.
macro_rules! closed {
    ($out:expr, $value:expr, $prefix:literal, $suffix:literal, [$($name:literal),*]) => {
        match $value {
            $($name => {
                $out.extend_from_slice(concat!($prefix, "\"", $name, "\"", $suffix).as_bytes());
                true
            })*
            other => {
                $out.extend_from_slice($prefix.as_bytes());
                string($out, other);
                $out.extend_from_slice($suffix.as_bytes());
                false
            }
        }
    };
}

fn sentence(out: &mut Vec<u8>, s: SentenceOut<'_>) {
    out.extend_from_slice(b"{\"index\":");
    number(out, s.index);
    out.extend_from_slice(b",\"start\":");
    number(out, s.start);
    out.extend_from_slice(b",\"end\":");
    number(out, s.end);
    out.extend_from_slice(b",\"text\":");
    string(out, s.text);
    out.extend_from_slice(b",\"paragraph\":");
    number(out, s.paragraph);
    role(out, s.role);
}

/// `,"role":` and the sentence's role, then `}`; true on the constant path.
fn role(out: &mut Vec<u8>, role: &str) -> bool {
    closed!(
        out,
        role,
        ",\"role\":",
        "}",
        ["body", "title", "heading", "byline", "dateline", "boilerplate"]
    )
}

/// The slots of [`Gazetteer::memo`]: an entity's head ([`entity_head`]) and the part of its
/// mentions up to their text.
const HEAD: usize = 0;
const MENTION: usize = 1;

/// An entity as `EntityOut` serialises: its head ([`entity_head`], written once a run and kept
/// by the gazetteer), then the mention count.
fn entity(out: &mut Vec<u8>, g: &Gazetteer, id: EntityId, mentions: usize) {
    out.extend_from_slice(g.memo(id, HEAD, |e| {
        let mut head = Vec::new();
        entity_head(&mut head, e);
        head
    }));
    out.extend_from_slice(b",\"mentions\":");
    number(out, mentions);
    out.push(b'}');
}

/// An entity up to its mention count: `subtype` only when set, then the attributes sorted by
/// column name (a `BTreeMap` in `EntityOut`).
fn entity_head(out: &mut Vec<u8>, e: &Entity) {
    out.extend_from_slice(b"{\"id\":");
    string(out, &e.id);
    out.extend_from_slice(b",\"name\":");
    string(out, &e.name);
    out.extend_from_slice(b",\"type\":");
    string(out, e.kind.as_str());
    if !e.subtype.is_empty() {
        out.extend_from_slice(b",\"subtype\":");
        string(out, &e.subtype);
    }
    let mut attributes: Vec<(&str, &str)> = e.attributes.iter().map(|(c, v)| (*c, &**v)).collect();
    attributes.sort_unstable();
    for (column, value) in attributes {
        out.push(b',');
        string(out, column);
        out.push(b':');
        match attribute(column, value) {
            Attribute::Text(text) => string(out, text),
            Attribute::Number(n) => serde_json::to_writer(&mut *out, &n).expect(INFALLIBLE),
        }
    }
}

/// A mention of entity `id`: up to its text the same bytes for every mention of the entity,
/// written once a run and kept by the gazetteer.
fn mention(out: &mut Vec<u8>, g: &Gazetteer, id: EntityId, m: MentionOut<'_>) {
    out.extend_from_slice(g.memo(id, MENTION, |_| {
        let mut head = b"{\"entity\":".to_vec();
        string(&mut head, m.entity);
        entity_type(&mut head, m.kind);
        head
    }));
    string(out, m.text);
    out.extend_from_slice(b",\"start\":");
    number(out, m.start);
    out.extend_from_slice(b",\"end\":");
    number(out, m.end);
    out.extend_from_slice(b",\"sentence\":");
    number(out, m.sentence);
    out.push(b'}');
}

/// `,"type":` and a mention's entity type, then `,"text":`; true on the constant path.
fn entity_type(out: &mut Vec<u8>, kind: &str) -> bool {
    closed!(
        out,
        kind,
        ",\"type\":",
        ",\"text\":",
        [
            "place",
            "armed_group",
            "state",
            "organization",
            "person",
            "media",
            "community",
            "nationality"
        ]
    )
}

/// The fields of a span, without braces: `"text":...,"start":...,"end":...`.
fn span(out: &mut Vec<u8>, s: &SpanOut<'_>) {
    out.extend_from_slice(b"\"text\":");
    string(out, s.text);
    out.extend_from_slice(b",\"start\":");
    number(out, s.start);
    out.extend_from_slice(b",\"end\":");
    number(out, s.end);
}

fn claim(out: &mut Vec<u8>, c: ClaimOut<'_>) {
    out.extend_from_slice(b"{\"id\":");
    claim_id(out, c.id);
    claim_kind(out, c.kind);
    number(out, c.sentence);
    out.extend_from_slice(b",\"source\":");
    match &c.source {
        None => out.extend_from_slice(b"null"),
        Some(s) => {
            out.push(b'{');
            span(out, &s.span);
            out.extend_from_slice(b",\"entity\":");
            optional(out, s.entity);
            out.extend_from_slice(b",\"type\":");
            optional(out, s.kind);
            out.extend_from_slice(b",\"subtype\":");
            optional(out, s.subtype);
            out.extend_from_slice(if s.unnamed {
                b",\"unnamed\":true"
            } else {
                b",\"unnamed\":false"
            });
            out.extend_from_slice(b",\"resolved\":");
            match &s.resolved {
                None => out.extend_from_slice(b"null"),
                Some(r) => {
                    out.push(b'{');
                    span(out, &r.span);
                    out.extend_from_slice(b",\"entity\":");
                    optional(out, r.entity);
                    out.push(b'}');
                }
            }
            out.push(b'}');
        }
    }
    out.extend_from_slice(b",\"cue\":{");
    span(out, &c.cue.span);
    out.extend_from_slice(b",\"lemma\":");
    string(out, c.cue.lemma);
    stance(out, c.cue.stance);
    span(out, &c.content);
    out.extend_from_slice(b"},\"entities\":");
    list(out, &mut Spill(None), c.entities.iter(), string).expect(INFALLIBLE);
    rule(out, c.rule);
    confidence(out, c.confidence);
    out.extend_from_slice(if c.disputed {
        b",\"disputed\":true"
    } else {
        b",\"disputed\":false"
    });
    out.extend_from_slice(if c.unverified {
        b",\"unverified\":true"
    } else {
        b",\"unverified\":false"
    });
    out.extend_from_slice(b",\"nested_in\":");
    match c.nested_in {
        Some(id) => claim_id(out, id),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

/// `,"stance":` and a cue's stance, then `},"content":{`; true on the constant path.
fn stance(out: &mut Vec<u8>, stance: &str) -> bool {
    closed!(
        out,
        stance,
        ",\"stance\":",
        "},\"content\":{",
        [
            "assert",
            "hedge",
            "believe",
            "describe",
            "evidence",
            "accuse",
            "deny",
            "suggest",
            "question",
            "concede",
            "criticize",
            "intend",
            "warn",
            "vow",
            "confirm",
            "estimate",
            "predict",
            "praise",
            "condemn",
            "urge",
            "threaten"
        ]
    )
}

/// `,"rule":` and the rule that found a claim, then `,"confidence":`; true on the constant path.
fn rule(out: &mut Vec<u8>, rule: &str) -> bool {
    closed!(
        out,
        rule,
        ",\"rule\":",
        ",\"confidence\":",
        [
            "source_cue_content",
            "content_source_cue",
            "quote_source_cue",
            "quote_continued",
            "tagger",
            "according_to",
            "hedge",
            "follow_up",
            "quote_cue_source",
            "source_cue_as",
            "source_cue_quote",
            "source_cue_accuse",
            "shared_subject",
            "content_cue_source",
            "speaker_tag",
            "passive_by",
            "nominal",
            "passive_it",
            "quoted_as_saying"
        ]
    )
}

/// `,"kind":` and a claim's kind, then `,"sentence":`; true on the constant path.
fn claim_kind(out: &mut Vec<u8>, kind: &str) -> bool {
    closed!(out, kind, ",\"kind\":", ",\"sentence\":", ["attributed", "hedged"])
}

/// A claim id as a JSON string: `"c1"`, `"c2"`, ...
fn claim_id(out: &mut Vec<u8>, id: ClaimId) {
    out.extend_from_slice(b"\"c");
    number(out, id.0 + 1);
    out.push(b'"');
}

fn optional(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A claim's confidence as serde_json writes it. It is a whole number of hundredths in [0, 1]
/// (`Document::claim` rounds it), whose shortest form is its decimal: "0.0", "0.05", "0.85",
/// "1.0", written here from the digit pairs; any other value goes through serde_json.
fn confidence(out: &mut Vec<u8>, x: f64) {
    let k = (x * 100.0).round();
    if !(x.is_sign_positive() && (0.0..=100.0).contains(&k) && k / 100.0 == x) {
        return serde_json::to_writer(&mut *out, &x).expect(INFALLIBLE);
    }
    match pair(k as usize % 100) {
        _ if k == 100.0 => out.extend_from_slice(b"1.0"),
        [a, b'0'] => out.extend_from_slice(&[b'0', b'.', a]),
        [a, b] => out.extend_from_slice(&[b'0', b'.', a, b]),
    }
}

/// "00", "01", ... "99".
const PAIRS: [u8; 200] = {
    let mut t = [0u8; 200];
    let mut k = 0;
    while k < 100 {
        t[2 * k] = b'0' + (k / 10) as u8;
        t[2 * k + 1] = b'0' + (k % 10) as u8;
        k += 1;
    }
    t
};

/// The two digits of `n` (below 100).
fn pair(n: usize) -> [u8; 2] {
    [PAIRS[2 * n], PAIRS[2 * n + 1]]
}

/// A non-negative integer in decimal. Below 10,000 (sentence and paragraph numbers, offsets
/// in most articles) straight from the table of digit pairs; larger ones two digits a step at
/// the start of a buffer that is copied whole (a fixed-size copy, no `memcpy` call) and then
/// cut to the digits.
///
/// The small cases are inlined into the writers (a quarter of a million numbers on 839
/// articles: the call cost as much as the digits).
#[inline(always)]
fn number(out: &mut Vec<u8>, n: usize) {
    match n {
        0..10 => out.push(b'0' + n as u8),
        10..100 => out.extend_from_slice(&pair(n)),
        100..1000 => {
            let [a, b] = pair(n % 100);
            out.extend_from_slice(&[b'0' + (n / 100) as u8, a, b]);
        }
        1000..10_000 => {
            let ([a, b], [c, d]) = (pair(n / 100), pair(n % 100));
            out.extend_from_slice(&[a, b, c, d]);
        }
        _ => long_number(out, n),
    }
}

/// [`number`] from 10,000 up.
#[inline(never)]
fn long_number(out: &mut Vec<u8>, n: usize) {
    let digits = n.ilog10() as usize + 1;
    let mut buf = [0u8; 20];
    let (mut i, mut n) = (digits, n);
    while n >= 100 {
        i -= 2;
        buf[i..i + 2].copy_from_slice(&pair(n % 100));
        n /= 100;
    }
    if n >= 10 {
        buf[..2].copy_from_slice(&pair(n));
    } else {
        buf[0] = b'0' + n as u8;
    }
    let len = out.len();
    out.extend_from_slice(&buf);
    out.truncate(len + digits);
}

/// Whether JSON escapes byte `b` (serde_json's table).
fn escaped(b: u8) -> bool {
    b < 0x20 || b == b'"' || b == b'\\'
}

/// Whether any of the eight bytes of `x` is [`escaped`]: the classic tests for a byte below a
/// bound and for a zero byte (of `x` xor a repeated byte), exact as a whole-word answer.
fn any_escaped(x: u64) -> bool {
    escaped_bits(x) != 0
}

/// Nonzero exactly when one of the eight bytes of `x` is [`escaped`] (see [`any_escaped`]).
fn escaped_bits(x: u64) -> u64 {
    let zero = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let below_space = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
    below_space | zero(x ^ (ONES * u64::from(b'"'))) | zero(x ^ (ONES * u64::from(b'\\')))
}

/// The end of the longest prefix of `b` known to need no escape, in whole eight-byte words, or
/// `b.len()` when nothing in `b` needs one. Blocks of [`BLOCK`] bytes are tested by a
/// branch-free test of each byte (the compiler makes it a few vector compares per block); the
/// rest, shorter than a block, as the two fixed-size pieces that cover it, the last ending
/// where `b` ends (they overlap each other or the blocks before): two tests instead of a loop
/// over sixteen, eight and then single bytes.
fn clean_prefix(b: &[u8]) -> usize {
    let n = b.len();
    let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
    if n < 8 {
        return if b.iter().any(|&c| escaped(c)) { 0 } else { n };
    }
    let mut i = 0;
    for block in b.chunks_exact(BLOCK) {
        if any_in::<BLOCK>(block) {
            return i;
        }
        i += BLOCK;
    }
    let dirty = match n {
        _ if i == n => false,
        BLOCK.. => any_in::<BLOCK>(&b[n - BLOCK..]),
        32.. => any_in::<32>(&b[..32]) | any_in::<32>(&b[n - 32..]),
        16.. => any_in::<16>(&b[..16]) | any_in::<16>(&b[n - 16..]),
        _ => any_escaped(word(0)) | any_escaped(word(n - 8)),
    };
    if dirty {
        i
    } else {
        n
    }
}

/// Whether any of the `N` bytes of `block` is [`escaped`], tested branch-free (a few vector
/// compares).
fn any_in<const N: usize>(block: &[u8]) -> bool {
    let block: &[u8; N] = block.try_into().expect("N bytes");
    block
        .iter()
        .fold(false, |any, &c| any | (c < 0x20) | (c == b'"') | (c == b'\\'))
}

/// `s` as a JSON string. A string of at most [`SHORT`] bytes needing no escape (ids, types,
/// roles, rules, names) goes through [`short`], any other through [`scanned`]: two calls apart,
/// so that a short one does not pay for saving the registers the long path needs.
#[inline]
fn string(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    if b.len() > SHORT || !short(out, b) {
        scanned(out, b);
    }
}

/// `b` as a JSON string: unescaped runs ([`clean_prefix`]) copied whole.
#[inline(never)]
fn scanned(out: &mut Vec<u8>, b: &[u8]) {
    out.reserve(b.len() + 2);
    out.push(b'"');
    let (mut from, mut i) = (0, clean_prefix(b));
    while i < b.len() {
        if let Some(word) = b.get(i..i + 8) {
            if !any_escaped(u64::from_le_bytes(word.try_into().expect("eight bytes"))) {
                i += 8;
                continue;
            }
        }
        // A word with an escaped byte, or the last few bytes: one at a time up to the next word.
        let end = (i + 8).min(b.len());
        for k in i..end {
            if escaped(b[k]) {
                out.extend_from_slice(&b[from..k]);
                escape(out, b[k]);
                from = k + 1;
            }
        }
        i = end;
    }
    out.extend_from_slice(&b[from..]);
    out.push(b'"');
}

/// The bytes [`clean_prefix`] tests at once.
const BLOCK: usize = 64;

/// The longest string [`short`] writes.
const SHORT: usize = 32;

/// Writes `b` (at most [`SHORT`] bytes) quoted and returns true if none of its bytes needs an
/// escape, else writes nothing and returns false. The bytes are read as up to four eight-byte
/// words (the last ones overlapping, or one word from two four-byte halves when shorter than
/// eight) placed in a fixed-size buffer that is copied whole and cut to length: no `memcpy`
/// call and no byte loop, which were most of the cost of a short string.
#[inline(never)]
fn short(out: &mut Vec<u8>, b: &[u8]) -> bool {
    let n = b.len();
    let mut buf = [0u8; SHORT + 2];
    buf[0] = b'"';
    if n >= 8 {
        let word = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("eight bytes"));
        let mut bits = 0;
        for k in 0..SHORT / 8 {
            let at = (8 * k).min(n - 8);
            let w = word(at);
            bits |= escaped_bits(w);
            buf[1 + at..9 + at].copy_from_slice(&w.to_le_bytes());
        }
        if bits != 0 {
            return false;
        }
    } else {
        let x = match n {
            4.. => {
                let half = |at: usize| u64::from(u32::from_le_bytes(b[at..at + 4].try_into().expect("four bytes")));
                half(0) | half(n - 4) << (8 * (n - 4))
            }
            _ => b.iter().rev().fold(0, |x, &c| x << 8 | u64::from(c)),
        };
        // Only the first `n` bytes count: the zeros above them would read as escapes, and a
        // borrow only runs upwards, so the bytes below are answered exactly.
        if escaped_bits(x) & HIGH & ((1u64 << (8 * n)) - 1) != 0 {
            return false;
        }
        buf[1..9].copy_from_slice(&x.to_le_bytes());
    }
    buf[n + 1] = b'"';
    let len = out.len();
    out.extend_from_slice(&buf);
    out.truncate(len + n + 2);
    true
}

/// The escape of byte `b`, as serde_json writes it.
fn escape(out: &mut Vec<u8>, b: u8) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    match b {
        b'"' => out.extend_from_slice(b"\\\""),
        b'\\' => out.extend_from_slice(b"\\\\"),
        0x08 => out.extend_from_slice(b"\\b"),
        b'\t' => out.extend_from_slice(b"\\t"),
        b'\n' => out.extend_from_slice(b"\\n"),
        0x0c => out.extend_from_slice(b"\\f"),
        b'\r' => out.extend_from_slice(b"\\r"),
        _ => out.extend_from_slice(&[
            b'\\',
            b'u',
            b'0',
            b'0',
            HEX[usize::from(b >> 4)],
            HEX[usize::from(b & 15)],
        ]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json(s: &str) -> String {
        let mut out = Vec::new();
        string(&mut out, s);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn strings_escape_as_serde_json_does() {
        // Every byte that needs an escape, at every position of an eight-byte word and of the first
        // two blocks, and the characters next to them that do not (DEL, non-ASCII, '/', bytes just
        // above 0x20).
        let mut cases: Vec<String> = vec![String::new(), "a".into(), "plain words of news".into()];
        let specials = ['"', '\\', '\n', '\t', '\r', '\u{8}', '\u{c}', '\0', '\u{1f}', '\u{1}'];
        let plain = ['\u{7f}', '/', ' ', '!', '#', '[', ']', 'é', '’', 'ش'];
        for (k, c) in specials.iter().chain(&plain).enumerate() {
            for at in 0..2 * BLOCK + 10 {
                let mut s: String = "x".repeat(at);
                s.push(*c);
                s.push_str(&"yz".repeat(k % 5));
                cases.push(s);
            }
        }
        for n in 0..=SHORT + 9 {
            cases.push(('a'..='z').cycle().take(n).collect());
        }
        cases.push(specials.iter().collect());
        cases.push("He said: \"no\" \\ path C:\\x\n\tend\u{2028}".into());
        for s in &cases {
            assert_eq!(json(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    #[test]
    fn closed_names_write_as_strings_do() {
        for name in ["body", "hedged", "armed_group", "", "not listed", "esc\"aped\n"] {
            let mut fast = Vec::new();
            closed!(&mut fast, name, ",\"k\":", "}", ["body", "hedged", "armed_group"]);
            let mut slow = b",\"k\":".to_vec();
            string(&mut slow, name);
            slow.push(b'}');
            assert_eq!(String::from_utf8(fast).unwrap(), String::from_utf8(slow).unwrap());
        }
    }

    #[test]
    fn every_closed_name_takes_the_constant_path() {
        // A name added to an enum or renamed there, but not in its list, would still write
        // right, only slowly: this catches it.
        let mut out = Vec::new();
        for r in crate::segment::Role::ALL {
            assert!(role(&mut out, r.as_str()), "role {:?} is not in the list", r.as_str());
        }
        for t in crate::gazetteer::EntityType::ALL {
            assert!(
                entity_type(&mut out, t.as_str()),
                "type {:?} is not in the list",
                t.as_str()
            );
        }
        for k in crate::claims::ClaimKind::ALL {
            assert!(
                claim_kind(&mut out, k.as_str()),
                "kind {:?} is not in the list",
                k.as_str()
            );
        }
        for s in crate::claims::Stance::ALL {
            assert!(
                stance(&mut out, s.as_str()),
                "stance {:?} is not in the list",
                s.as_str()
            );
        }
        for r in crate::claims::Rule::ALL {
            assert!(rule(&mut out, r.as_str()), "rule {:?} is not in the list", r.as_str());
        }
        assert!(!stance(&mut out, "doubt") && !rule(&mut out, "cue_only"));
        assert!(!role(&mut out, "chapter") && !entity_type(&mut out, "river") && !claim_kind(&mut out, "denied"));
    }

    #[test]
    fn any_escaped_finds_each_byte_in_a_word() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut word = *b"abcdefgh";
                word[at] = b;
                assert_eq!(any_escaped(u64::from_le_bytes(word)), escaped(b), "byte {b} at {at}");
            }
        }
    }

    #[test]
    fn every_embedded_entity_writes_as_serde_json_does() {
        // Every attribute combination the gazetteers hold, with and without a subtype.
        let g = crate::Gazetteer::embedded();
        for (k, e) in g.entities().iter().enumerate() {
            let serde = serde_json::to_string(&super::super::entity(&g, k, k % 3)).unwrap();
            // Written twice: the second time from the gazetteer's memo.
            for _ in 0..2 {
                let mut hand = Vec::new();
                entity(&mut hand, &g, k, k % 3);
                assert_eq!(String::from_utf8(hand).unwrap(), serde, "{}", e.origin);
            }
        }
    }

    /// Every key path of `v` (array items as `[]`) whose value is neither null nor false.
    fn present(v: &serde_json::Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
        use serde_json::Value;
        match v {
            Value::Null | Value::Bool(false) => {}
            Value::Object(o) => o.iter().for_each(|(k, v)| present(v, &format!("{path}.{k}"), out)),
            Value::Array(a) => a.iter().for_each(|v| present(v, &format!("{path}[]"), out)),
            _ => {
                out.insert(path.to_string());
            }
        }
    }

    #[test]
    fn the_hand_writer_gives_serde_json_bytes_for_every_field_on_real_articles() {
        // The two writers of one schema: `Serialize for Document` (pretty output, the schema
        // test) and `write_json` (compact output). Real articles (FA-KES from ../shared, when
        // present; the repo's corpus always) until every field has been written non-null.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut files: Vec<_> = ["corpus", "../shared/data/fakes-syria-news/articles"]
            .iter()
            .filter_map(|d| std::fs::read_dir(root.join(d)).ok())
            .flat_map(|d| d.filter_map(|e| e.ok().map(|e| e.path())))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        let fakes = files.iter().any(|p| p.to_string_lossy().contains("fakes-syria-news"));
        let x = crate::Extractor::new(crate::Gazetteer::embedded());
        let mut extra = serde_json::Map::new();
        extra.insert("source".into(), serde_json::json!({"feed": ["a", 1, null]}));
        let meta = super::super::DocumentMeta {
            id: "d\"1".into(),
            path: Some("in/d.txt".into()),
            extra,
        };
        let mut seen = std::collections::BTreeSet::new();
        for (n, path) in files.iter().enumerate() {
            let text = std::fs::read_to_string(path).unwrap();
            let extraction = x.extract(&text);
            let doc = super::super::document(&text, &extraction, x.gazetteer(), &meta);
            let mut hand = Vec::new();
            doc.write_json(&mut hand).unwrap();
            let serde = serde_json::to_string(&doc).unwrap();
            assert_eq!(String::from_utf8(hand).unwrap(), serde, "{}", path.display());
            present(&serde_json::from_str(&serde).unwrap(), "", &mut seen);
            if n >= 400 {
                break;
            }
        }
        if fakes {
            let want = [
                ".document.date",
                ".document.title",
                ".document.source.feed[]",
                ".entities[].lat",
                ".entities[].lon",
                ".entities[].admin1",
                ".entities[].subtype",
                ".claims[].source.resolved.entity",
                ".claims[].source.subtype",
                ".claims[].source.unnamed",
                ".claims[].nested_in",
                ".claims[].disputed",
                ".claims[].unverified",
                ".claims[].entities[]",
                ".claims[].confidence",
                ".mentions[].sentence",
                ".sentences[].role",
            ];
            let missing: Vec<_> = want.iter().filter(|k| !seen.contains(**k)).collect();
            assert!(missing.is_empty(), "never written: {missing:?}");
        }
    }

    #[test]
    fn a_long_article_is_written_in_pieces_with_the_same_bytes() {
        /// Counts the writes it takes.
        struct Counted(Vec<u8>, usize);
        impl Write for Counted {
            fn write(&mut self, b: &[u8]) -> io::Result<usize> {
                self.1 += 1;
                self.0.write(b)
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let text = "Officials in Hama said on Monday that the convoy had reached the town. ".repeat(1500);
        let x = crate::Extractor::new(crate::Gazetteer::embedded());
        let extraction = x.extract(&text);
        let meta = super::super::DocumentMeta::default();
        let doc = super::super::document(&text, &extraction, x.gazetteer(), &meta);
        let mut pieces = Counted(Vec::new(), 0);
        doc.write_json(&mut pieces).unwrap();
        let mut whole = Vec::new();
        doc.push_json(&mut whole);
        assert!(whole.len() > 2 * SPILL, "{} bytes", whole.len());
        assert!(pieces.1 >= 3, "{} writes", pieces.1);
        assert_eq!(pieces.0, whole);
        assert_eq!(String::from_utf8(whole).unwrap(), serde_json::to_string(&doc).unwrap());
    }

    #[test]
    fn confidences_are_written_as_serde_json_writes_them() {
        let hundredths = (0..=100).map(|k| f64::from(k) / 100.0);
        let others = [-0.0, -0.01, 0.333, 0.005, 1.01, 2.0, 1e-9, f64::NAN, f64::INFINITY];
        for x in hundredths.chain(others) {
            let mut out = Vec::new();
            confidence(&mut out, x);
            assert_eq!(
                String::from_utf8(out).unwrap(),
                serde_json::to_string(&x).unwrap(),
                "{x}"
            );
        }
    }

    #[test]
    fn numbers_are_decimal() {
        for n in (0..100_000).chain([123_456, 999_999, 1_000_000, usize::MAX / 3, usize::MAX]) {
            let mut out = Vec::new();
            number(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
