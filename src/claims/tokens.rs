//! Word and punctuation tokens of one sentence, for the claim rules, with their lexicon classes
//! and cue looked up once per token.
//!
//! The tokens are those of one pattern, white space between them: a title with its period
//! ("Lt.", a `title` of the lexicon's `abbreviations.tsv`) where a word begins, an initialism
//! ("U.S."), a word (letters, digits and marks, joined by single `'`, `’`, `-`, `.` or `,`
//! between them), or one other character. A scan finds each token whose bounds can be decided
//! on ASCII bytes and a few known punctuation marks (nearly all of English news), a word's end by
//! the sentence's letter and digit bits, computed 64 bytes at a time ([`alnum_bits`]) before the
//! first token, instead of classifying bytes again at each word; [`next_token`]
//! finds the others character by character, with the Unicode classes the regex crate would
//! compile the pattern with (read on first need). The tests hold the tokens to that regex
//! (`Lexicon::token_regex`, built in tests only) on every sentence of the shared corpora and on
//! every kind of trap. Lower-case forms go into one buffer: no allocation per token.
//!
//! Each token also carries a [`Key`]: its first eight bytes, ASCII lower-cased, in one integer.
//! The rules test a token against a fixed list of words ([`Words`], written with [`words!`],
//! whose keys are computed at compile time) by comparing integers and lengths; only a word
//! longer than eight bytes compares the rest of its bytes. The test is exactly
//! `eq_ignore_ascii_case` on the token's text.

use super::lexicon::{Class, Classes, Lexicon};
use crate::date::is_word_char;
use crate::fold::ONES;
use crate::span::Span;
use std::sync::LazyLock;

/// A word (`U.S.`, `Iran-backed`, `Hay’at`, `Lt.`) or a single punctuation character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// Where it is in the original text.
    pub span: Span,
    word: bool,
    /// Its word classes from the lexicon.
    pub classes: Classes,
    /// Its cue in the lexicon, if its lower-case form is one.
    pub cue: Option<u32>,
    /// Its first eight bytes, ASCII lower-cased ([`Key`]).
    key: Key,
    /// What its first character is: [`UPPER`], [`LOWER`], [`DIGIT`] bits.
    shape: u8,
    /// Where its lower-case form lies in [`Tokens::lower`]'s buffer.
    lower: (u32, u32),
}

// A sentence's tokens are written once and read by every rule: each is kept within 56 bytes.
const _: () = assert!(std::mem::size_of::<Token>() <= 56);

/// [`Token::shape`] bits: the first character is upper case, lower case, an ASCII digit.
const UPPER: u8 = 1;
const LOWER: u8 = 2;
const DIGIT: u8 = 4;

/// The [`Token::shape`] bits of a token starting with `c`.
fn shape(c: char) -> u8 {
    (u8::from(c.is_uppercase()) * UPPER) | (u8::from(c.is_lowercase()) * LOWER) | (u8::from(c.is_ascii_digit()) * DIGIT)
}

/// Up to eight bytes of a word, ASCII lower-cased, little-endian, zero after its end.
pub type Key = u64;

/// The key of `bytes`: its first eight bytes, ASCII lower-cased (at compile time, for
/// [`Word::new`]).
pub(super) const fn key(bytes: &[u8]) -> Key {
    let mut k = 0;
    let mut i = 0;
    while i < bytes.len() && i < 8 {
        k |= (bytes[i].to_ascii_lowercase() as u64) << (8 * i);
        i += 1;
    }
    k
}

/// The first eight bytes of a token of `len` bytes at the start of `bytes` as they are: read at
/// once where the text has them, those past the token masked off.
#[inline]
pub(super) fn raw_key(bytes: &[u8], len: usize) -> Key {
    match bytes.first_chunk::<8>() {
        Some(eight) if len < 8 => u64::from_le_bytes(*eight) & (u64::MAX >> (8 * (8 - len))),
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut buf = [0; 8];
            let n = len.min(8);
            buf[..n].copy_from_slice(&bytes[..n]);
            u64::from_le_bytes(buf)
        }
    }
}

/// [`raw_key`] lower-cased: the token's [`key`]. Eight bytes ASCII lower-cased as a whole word (the bit trick of the standard library's
/// `to_ascii_lowercase`: a byte gets 0x20 where it is in `A..=Z`). Differs from `k` exactly
/// where a byte of `k` is in `A..=Z`.
#[inline]
pub(super) fn lower_key(k: u64) -> Key {
    let low7 = k & (0x7f * ONES);
    let at_least_a = low7.wrapping_add((0x80 - b'A' as u64) * ONES);
    let past_z = low7.wrapping_add((0x80 - b'Z' as u64 - 1) * ONES);
    let upper = at_least_a & !past_z & !k & (0x80 * ONES);
    k | (upper >> 2)
}

/// The eight bytes of `s` from `at` as one little-endian word, zero past the end of `s`
/// (`at <= s.len()`).
#[inline]
pub(super) fn chunk(s: &[u8], at: usize) -> u64 {
    match s.get(at..).and_then(<[u8]>::first_chunk::<8>) {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut buf = [0; 8];
            buf[..s.len() - at].copy_from_slice(&s[at..]);
            u64::from_le_bytes(buf)
        }
    }
}

/// The bytes [`alnum_bits`] classifies at once, one bit of a `u64` each.
pub(super) const BLOCK: usize = 64;

/// The ASCII letters and digits among the [`BLOCK`] bytes of `b` from `at` (`at < b.len()`):
/// bit `j` for byte `at + j`, none past the end of `b`.
#[inline]
pub(super) fn alnum_bits(b: &[u8], at: usize) -> u64 {
    match b[at..].first_chunk::<BLOCK>() {
        Some(block) => block_bits(block),
        None => tail_bits(&b[at..]),
    }
}

/// [`alnum_bits`] of fewer than [`BLOCK`] bytes, as if zeros followed them.
#[inline]
fn tail_bits(rest: &[u8]) -> u64 {
    let mut tail = [0; BLOCK];
    tail[..rest.len()].copy_from_slice(rest);
    block_bits(&tail)
}

/// The ASCII letters and digits of `block`: bit `j` for byte `j`.
#[inline]
fn block_bits(block: &[u8; BLOCK]) -> u64 {
    // A map the compiler turns into vector compares, then eight bytes' high bits at a time.
    let mut high = [0u8; BLOCK];
    for (h, &c) in high.iter_mut().zip(block) {
        let letter = (c | 0x20).wrapping_sub(b'a') < 26;
        let digit = c.wrapping_sub(b'0') < 10;
        *h = u8::from(letter | digit) << 7;
    }
    let mut bits = 0;
    for (k, eight) in high.chunks_exact(8).enumerate() {
        let m = u64::from_le_bytes(eight.try_into().unwrap());
        bits |= ((m >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    bits
}

/// `c` is ASCII, or a non-ASCII character common in news that has no case: Latin-1 punctuation
/// and signs (U+00A0 to U+00BF), general punctuation (U+2000 to U+206F: curly quotes, dashes)
/// and currency signs. Each lower-cases to itself.
#[inline]
fn caseless(c: char) -> bool {
    c.is_ascii() || matches!(c, '\u{a0}'..='\u{bf}' | '\u{2000}'..='\u{206f}' | '\u{20a0}'..='\u{20cf}')
}

/// A word of a fixed list, with its key ([`words!`]).
#[derive(Clone, Copy, Debug)]
pub struct Word {
    key: Key,
    text: &'static str,
}

impl Word {
    /// The word `text` (compared ignoring ASCII case).
    pub const fn new(text: &'static str) -> Word {
        Word {
            key: key(text.as_bytes()),
            text,
        }
    }

    /// `token` of `text` is this word, ignoring ASCII case.
    #[inline(always)]
    fn matches(&self, token: &Token, text: &[u8]) -> bool {
        let (start, end) = (token.span.start, token.span.end);
        self.key == token.key
            && self.text.len() == end - start
            && (self.text.len() <= 8 || self.tail_matches(start, text))
    }

    /// The bytes past the eighth of the token of this word's length at `start` of `text` are
    /// this word's, ignoring ASCII case. Kept out of line so that a scan for a long word
    /// ("according") tests the key of each token first, not the bounds of a tail it rarely needs.
    #[inline(never)]
    fn tail_matches(&self, start: usize, text: &[u8]) -> bool {
        text[start + 8..start + self.text.len()].eq_ignore_ascii_case(&self.text.as_bytes()[8..])
    }
}

/// A fixed list of words a token may be ([`Token::is`]): [`Word`]s, or plain strings (compared
/// byte by byte, for lists not written with [`words!`]).
pub trait Words {
    /// `token` of `text` is one of the words, ignoring ASCII case.
    fn holds(&self, token: &Token, text: &[u8]) -> bool;
}

impl Words for [Word] {
    #[inline(always)]
    fn holds(&self, token: &Token, text: &[u8]) -> bool {
        for w in self {
            if w.matches(token, text) {
                return true;
            }
        }
        false
    }
}

impl Words for [&str] {
    fn holds(&self, token: &Token, text: &[u8]) -> bool {
        let word = &text[token.span.start..token.span.end];
        self.iter().any(|w| word.eq_ignore_ascii_case(w.as_bytes()))
    }
}

impl<const N: usize> Words for [&str; N] {
    fn holds(&self, token: &Token, text: &[u8]) -> bool {
        self[..].holds(token, text)
    }
}

/// A `&'static [Word]` of the given string literals, keys computed at compile time:
/// `words!["that", ":"]`.
macro_rules! words {
    ($($w:literal),* $(,)?) => {{
        const WORDS: &[$crate::claims::tokens::Word] = &[$($crate::claims::tokens::Word::new($w)),*];
        WORDS
    }};
}
pub(crate) use words;

impl Token {
    /// True for punctuation.
    pub fn is_punct(&self) -> bool {
        !self.word
    }

    /// True for punctuation that may close a sentence or a quote.
    pub fn is_final_punct(&self) -> bool {
        !self.word && self.span.len() <= 3
    }

    /// The token belongs to class `c`.
    #[inline]
    pub fn has(&self, c: Class) -> bool {
        self.classes.has(c)
    }

    /// Its first character is upper case (`char::is_uppercase`).
    #[inline]
    pub fn starts_upper(&self) -> bool {
        self.shape & UPPER != 0
    }

    /// Its first character is lower case (`char::is_lowercase`).
    #[inline]
    pub fn starts_lower(&self) -> bool {
        self.shape & LOWER != 0
    }

    /// Its first character is an ASCII digit.
    #[inline]
    pub fn starts_digit(&self) -> bool {
        self.shape & DIGIT != 0
    }

    /// Its first byte, ASCII lower-cased (the low byte of its [`Key`]): a punctuation token's
    /// first byte as written, with no look into the text.
    #[inline]
    pub fn first_byte(&self) -> u8 {
        self.key as u8
    }

    /// The token, a token of `text`, is one of `words`, ignoring ASCII case.
    #[inline(always)]
    pub fn is<W: Words + ?Sized>(&self, text: &str, words: &W) -> bool {
        words.holds(self, text.as_bytes())
    }
}

/// A reusable token buffer.
#[derive(Default)]
pub struct Tokens {
    /// The tokens of the last sentence.
    pub list: Vec<Token>,
    /// The sentence ASCII lower-cased, which holds the lower-case form of every ASCII token and
    /// of every non-ASCII token without a cased character at the token's own offset, then the
    /// lower-case forms of the other tokens, one after another (one buffer, no allocation or copy
    /// per token).
    lower: String,
    /// Every class some token of the sentence has: a rule that starts only from tokens of one
    /// class ([`Tokens::any`]) skips a sentence without one.
    classes: Classes,
    /// The sentence's ASCII letters and digits, one bit per byte ([`alnum_bits`], a block at a
    /// time), then a zero block: the scan finds a word's end by its bits ([`run_end`]).
    alnum: Vec<u64>,
}

impl Tokens {
    /// Tokenises `span` of `text` into `self.list` (the tokens of the module's pattern).
    pub fn tokenize(&mut self, text: &str, span: Span, lexicon: &Lexicon) {
        self.alnum.clear();
        self.tokenize_scanned(text, span, lexicon);
    }

    /// The buffer of a sentence's [`alnum_bits`], for the anchor scan to leave its first blocks
    /// in ([`super::anchors::Anchors::may_hold_claim_with`]) before
    /// [`Tokens::tokenize_scanned`].
    pub(super) fn blocks(&mut self) -> &mut Vec<u64> {
        &mut self.alnum
    }

    /// [`Tokens::tokenize`] of a sentence whose first blocks' [`alnum_bits`] (maybe none) are in
    /// [`Tokens::blocks`].
    pub(super) fn tokenize_scanned(&mut self, text: &str, span: Span, lexicon: &Lexicon) {
        let s = span.slice(text);
        self.start(s);
        let b = s.as_bytes();
        let fast = lexicon.titles_are_ascii_words();
        if fast {
            fill_alnum(&mut self.alnum, b);
        }
        let mut at = 0;
        loop {
            at = skip_spaces(b, at);
            if at == s.len() {
                break;
            }
            if fast {
                // The common tokens, decided on a few bytes (what `scan_token` returns there): one
                // ASCII character that is no letter, digit or space; a word of ASCII letters and
                // digits followed by an ASCII character that cannot join it to more of a word
                // (' - . , join only before a letter or digit), and that makes no title with it.
                // The bits from `at` to its block's end (zeros shifted in after them).
                let bits = self.alnum[at / BLOCK] >> (at % BLOCK);
                if bits & 1 == 0 && b[at].is_ascii() {
                    self.push_punct(b, at, span.start, lexicon);
                    at += 1;
                    continue;
                }
                if bits & 1 != 0 {
                    let ones = bits.trailing_ones() as usize;
                    let end = if ones < BLOCK - at % BLOCK {
                        at + ones
                    } else {
                        run_end(&self.alnum, at + ones)
                    };
                    let ends = match b.get(end) {
                        None => true,
                        Some(b'\'' | b'-' | b',') => b
                            .get(end + 1)
                            .is_none_or(|&c| c.is_ascii() && !c.is_ascii_alphanumeric()),
                        Some(b'.') => {
                            b.get(end + 1)
                                .is_none_or(|&c| c.is_ascii() && !c.is_ascii_alphanumeric())
                                && !lexicon.is_title(&b[at..end])
                        }
                        Some(&c) => c.is_ascii(),
                    };
                    if ends {
                        self.push_word(at, end, chunk(b, at), span.start, lexicon);
                        at = end;
                        continue;
                    }
                }
            }
            let scanned = if fast {
                scan_token(s, at, lexicon).map(|(end, ascii)| (at, end, ascii))
            } else {
                None
            };
            let Some((start, end, ascii)) = scanned
                .or_else(|| next_token(s, at, lexicon).map(|(start, end)| (start, end, s[start..end].is_ascii())))
            else {
                break;
            };
            self.push(s, start, end - start, ascii, span.start, lexicon);
            at = end;
        }
    }

    /// Some token of the sentence belongs to class `c`.
    #[inline]
    pub fn any(&self, c: Class) -> bool {
        self.classes.has(c)
    }

    /// Starts a sentence `s`: no tokens, and `s` ASCII lower-cased in the buffer.
    fn start(&mut self, s: &str) {
        self.list.clear();
        self.classes = Classes::default();
        self.lower.clear();
        self.lower.push_str(s);
        self.lower.make_ascii_lowercase();
    }

    /// Adds the word of ASCII letters and digits from byte `start` to `end` of the sentence,
    /// which starts at byte `base` of the text; `w` holds the sentence's eight bytes from `start`.
    #[inline]
    fn push_word(&mut self, start: usize, end: usize, w: u64, base: usize, lexicon: &Lexicon) {
        let len = end - start;
        // Setting bit 0x20 lower-cases an ASCII letter and keeps a digit. A short word's key is
        // masked in its branch, where the table's tag shares the mask's shift count.
        let lower = w | 0x2020_2020_2020_2020;
        let (key, (classes, cue)) = if len <= 8 {
            let key = lower & (u64::MAX >> (8 * (8 - len)));
            (key, lexicon.lookup_key(key, len))
        } else {
            (lower, lexicon.lookup(&self.lower[start..end]))
        };
        // A letter is lower case exactly where it has bit 0x20: `LOWER` is `UPPER + 1`.
        const _: () = assert!(LOWER == UPPER + 1);
        let first = w as u8;
        let letter = UPPER + (first >> 5 & 1);
        let shape = if first <= b'9' { DIGIT } else { letter };
        self.classes = self.classes.union(classes);
        self.list.push(Token {
            span: Span::new(base + start, base + end),
            word: true,
            classes,
            cue,
            key,
            shape,
            lower: (start as u32, end as u32),
        });
    }

    /// Adds the ASCII character at byte `at` of the sentence `s`, no letter, digit or space,
    /// which starts at byte `base` of the text.
    #[inline]
    fn push_punct(&mut self, s: &[u8], at: usize, base: usize, lexicon: &Lexicon) {
        let key = u64::from(s[at]);
        let (classes, cue) = lexicon.lookup_key(key, 1);
        self.classes = self.classes.union(classes);
        self.list.push(Token {
            span: Span::new(base + at, base + at + 1),
            word: false,
            classes,
            cue,
            key,
            shape: 0,
            lower: (at as u32, at as u32 + 1),
        });
    }

    /// Adds the token of `len` bytes at byte `start` of the sentence `s` (`ascii` if it is),
    /// which starts at byte `base` of the text.
    fn push(&mut self, s: &str, start: usize, len: usize, ascii: bool, base: usize, lexicon: &Lexicon) {
        let word = &s[start..start + len];
        let key = lower_key(raw_key(&s.as_bytes()[start..], len));
        // The buffer holds the token ASCII lower-cased at its own offset: its lower-case form
        // when no other character of it has a case.
        let lower = if ascii || word.chars().all(caseless) {
            (start, start + len)
        } else {
            let from = self.lower.len();
            self.lower.extend(word.chars().flat_map(char::to_lowercase));
            (from, self.lower.len())
        };
        let (classes, cue) = if ascii && len <= 8 {
            lexicon.lookup_key(key, len)
        } else {
            lexicon.lookup(&self.lower[lower.0..lower.1])
        };
        // Whether the token is a word (it starts with a letter or digit) and its shape; a known
        // punctuation mark (curly quotes and dashes, most non-ASCII tokens) is neither a word
        // nor cased, which the Unicode tables need not tell.
        let (is_word, shape) = match word.as_bytes()[0] {
            b'A'..=b'Z' => (true, UPPER),
            b'a'..=b'z' => (true, LOWER),
            b'0'..=b'9' => (true, DIGIT),
            b if b.is_ascii() => (false, 0),
            _ => match word.chars().next() {
                Some(c) if !known_punct(c) => (c.is_alphanumeric(), shape(c)),
                _ => (false, 0),
            },
        };
        self.classes = self.classes.union(classes);
        self.list.push(Token {
            span: Span::new(base + start, base + start + len),
            word: is_word,
            classes,
            cue,
            key,
            shape,
            lower: (lower.0 as u32, lower.1 as u32),
        });
    }

    /// Token `i` in lower case.
    #[inline]
    pub fn lower(&self, i: usize) -> &str {
        let (s, e) = self.list[i].lower;
        &self.lower[s as usize..e as usize]
    }

    /// Token `i` in lower case, as UTF-8 bytes: sliced without the checks for character
    /// boundaries that [`Tokens::lower`] makes (the learned layer hashes them per token).
    #[inline]
    pub fn lower_bytes(&self, i: usize) -> &[u8] {
        let (s, e) = self.list[i].lower;
        &self.lower.as_bytes()[s as usize..e as usize]
    }
}

/// Completes `alnum`, which holds the [`alnum_bits`] of the first blocks of the sentence `b`
/// (maybe none), with those of the others, then a zero block. Kept out of the token loop: inlined
/// there, its vector registers cost the loop more instructions than the call.
#[inline(never)]
fn fill_alnum(alnum: &mut Vec<u64>, b: &[u8]) {
    let mut blocks = b[(alnum.len() * BLOCK).min(b.len())..].chunks_exact(BLOCK);
    for block in &mut blocks {
        alnum.push(block_bits(block.try_into().unwrap()));
    }
    if !blocks.remainder().is_empty() {
        alnum.push(tail_bits(blocks.remainder()));
    }
    alnum.push(0);
}

/// The end of the run of ASCII letters and digits at byte `at` of a sentence whose [`alnum_bits`]
/// are `alnum`, one block after another and a zero block after them (which ends every run).
#[inline]
fn run_end(alnum: &[u64], mut at: usize) -> usize {
    loop {
        let k = at % BLOCK;
        // The shift brings zeros in from the top: a run that reaches the block's end reads as
        // `BLOCK - k` ones and goes on in the next block.
        let ones = (alnum[at / BLOCK] >> k).trailing_ones() as usize;
        if ones < BLOCK - k {
            return at + ones;
        }
        at += ones;
    }
}

/// Past the white space at `at`: ASCII white space and no-break spaces (all the regex's `\s`).
#[inline]
fn skip_spaces(s: &[u8], mut at: usize) -> usize {
    while s.get(at) == Some(&b' ') {
        at += 1;
    }
    if s.get(at).is_none_or(|&b| b > b' ' && b != 0xC2) {
        return at;
    }
    loop {
        match s.get(at..at + 2) {
            _ if s.get(at).is_some_and(|&b| is_ascii_space(b)) => at += 1,
            Some([0xC2, 0xA0]) => at += 2,
            _ => return at,
        }
    }
}

/// The end of the run of bytes from `at` that `keep` accepts.
#[inline]
fn span_of(s: &[u8], at: usize, keep: fn(&u8) -> bool) -> usize {
    let mut end = at;
    while end < s.len() && keep(&s[end]) {
        end += 1;
    }
    end
}

/// White space of the regex's `\s` that is ASCII.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// Non-ASCII punctuation and symbols common in news that the scan decides on: curly quotes,
/// dashes, ellipsis, guillemets, bullets, primes, currency. None is a letter, digit, mark or
/// space, so each is a token of its own (the regex's `\S`) and ends a word before it; `’`
/// also joins two words, as in the regex. None has a case.
fn known_punct(c: char) -> bool {
    ('\u{2010}'..='\u{2027}').contains(&c) || "«»·©®°§¶′″‹›€£".contains(c)
}

/// The end of the token that starts at `s[at]` (not white space) and whether it is ASCII, or
/// `None` where the answer depends on a character the scan does not know (a non-ASCII letter,
/// digit or mark, most other non-ASCII characters; [`next_token`] decides those). The
/// pattern's alternatives in its order: a title with its period after a word boundary, an
/// initialism, a word, one other character. Needs every title to be ASCII letters
/// ([`Lexicon::titles_are_ascii_words`]).
fn scan_token(text: &str, at: usize, lexicon: &Lexicon) -> Option<(usize, bool)> {
    let s = text.as_bytes();
    // The byte at `i`, if it is ASCII: `Some(None)` past the end, `None` for a non-ASCII byte.
    let byte = |i: usize| match s.get(i) {
        Some(b) if !b.is_ascii() => None,
        b => Some(b.copied()),
    };
    // The known non-ASCII character at byte `i`, if one is there.
    let punct = |i: usize| text[i..].chars().next().filter(|&c| known_punct(c) || c == '\u{a0}');
    let alnum = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphanumeric());
    let letter = |b: Option<u8>| b.is_some_and(|b| b.is_ascii_alphabetic());
    // Whether the character at byte `i` (a character's start) is an ASCII letter or digit
    // (`letter`: letter), decided on an ASCII byte or the end; a known non-ASCII character is no
    // letter, digit or mark; `None` for any other character. So "so.”", "U.S.”" and "said,”"
    // end at the mark without the regex.
    let alnum_at = |i: usize| match byte(i) {
        Some(b) => Some(alnum(b)),
        None => punct(i).map(|_| false),
    };
    let letter_at = |i: usize| match byte(i) {
        Some(b) => Some(letter(b)),
        None => punct(i).map(|_| false),
    };
    if !s[at].is_ascii() {
        return punct(at).map(|c| (at + c.len_utf8(), false));
    }
    let c = byte(at)?;
    // Titles, initialisms and words start with a letter or digit.
    if !alnum(c) {
        return Some((at + 1, true));
    }
    let run = span_of(s, at, u8::is_ascii_alphabetic);
    if run > at {
        if s.get(run) == Some(&b'.') && lexicon.is_title(&s[at..run]) {
            let word_before = match at.checked_sub(1).map(|i| s[i]) {
                None => false,
                Some(p) if p.is_ascii() => p.is_ascii_alphanumeric() || p == b'_',
                // A known non-ASCII character is no word character; any other may be one.
                Some(_) => text[..at]
                    .chars()
                    .next_back()
                    .filter(|&c| known_punct(c) || c == '\u{a0}')
                    .map(|_| false)?,
            };
            if !word_before {
                return Some((run + 1, true));
            }
        }
        // An initialism: two or more letters, each with its period.
        if s.get(at + 1) == Some(&b'.') && letter_at(at + 2)? && s.get(at + 3) == Some(&b'.') {
            let mut end = at + 4;
            while letter_at(end)? && s.get(end + 1) == Some(&b'.') {
                end += 2;
            }
            return Some((end, true));
        }
    }
    // A word: letters and digits, joined by single ' ’ - . or , between them.
    let (mut end, mut ascii) = (run, true);
    loop {
        end = span_of(s, end, u8::is_ascii_alphanumeric);
        match byte(end) {
            Some(Some(b'\'' | b'-' | b'.' | b',')) if alnum_at(end + 1)? => end += 1,
            Some(_) => return Some((end, ascii)),
            None => match punct(end)? {
                '’' if alnum_at(end + 3)? => (end, ascii) = (end + 3, false),
                _ => return Some((end, ascii)),
            },
        }
    }
}

/// The pattern's character classes beyond ASCII, from regex-syntax's Unicode tables (those the
/// regex crate compiles `\p{L}`, `\p{N}` and `\p{M}` with), as sorted code point ranges.
/// Built on first use: only a character the faster scans do not know reads them.
struct Unicode {
    /// `\p{L}`: the letters of an initialism.
    letters: Vec<(char, char)>,
    /// `[\p{L}\p{N}\p{M}]`: letters, digits and marks, of which words are made.
    word_parts: Vec<(char, char)>,
}

static UNICODE: LazyLock<Unicode> = LazyLock::new(|| Unicode {
    letters: class(r"\p{L}"),
    word_parts: class(r"[\p{L}\p{N}\p{M}]"),
});

/// The code point ranges of the character class `pattern`.
fn class(pattern: &str) -> Vec<(char, char)> {
    match regex_syntax::parse(pattern).map(regex_syntax::hir::Hir::into_kind) {
        Ok(regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(c))) => {
            c.ranges().iter().map(|r| (r.start(), r.end())).collect()
        }
        other => unreachable!("{pattern} is a Unicode class: {other:?}"),
    }
}

/// `c` is in one of the sorted, disjoint `ranges`.
fn within(ranges: &[(char, char)], c: char) -> bool {
    let i = ranges.partition_point(|r| r.1 < c);
    ranges.get(i).is_some_and(|r| r.0 <= c)
}

/// `c` is a letter (`\p{L}`).
fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        within(&UNICODE.letters, c)
    }
}

/// `c` is a letter, digit or mark (`[\p{L}\p{N}\p{M}]`): part of a word.
fn is_word_part(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        within(&UNICODE.word_parts, c)
    }
}

/// The character at byte `at` of `s` (a character's start), `None` at the end.
#[inline]
fn char_at(s: &str, at: usize) -> Option<char> {
    match s.as_bytes().get(at) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        _ => s.get(at..)?.chars().next(),
    }
}

/// The start and end of the first token at or after byte `at` of the sentence `s`, `None`
/// when only white space is left: the leftmost-first match of the pattern, i.e. at the first
/// position where an alternative matches, the first that does, in its order:
/// 1. a title with its period ([`Lexicon::title_at`]: the longest) where `\b` holds (a word
///    character on exactly one side);
/// 2. two or more letters, each followed by a period;
/// 3. a word: letters, digits and marks, then as often as it can, one of `'’-.,` and more of them;
/// 4. any character but white space (`char::is_whitespace`: the regex's `\s`, Unicode
///    `White_Space`).
fn next_token(s: &str, mut at: usize, lexicon: &Lexicon) -> Option<(usize, usize)> {
    let b = s.as_bytes();
    loop {
        let c = char_at(s, at)?;
        if let Some(len) = lexicon.title_at(&b[at..]) {
            let before = s[..at].chars().next_back().is_some_and(is_word_char);
            if before != is_word_char(c) {
                return Some((at, at + len + 1));
            }
        }
        if c.is_whitespace() {
            at += c.len_utf8();
            continue;
        }
        let (mut end, mut letters) = (at, 0);
        while let Some(l) = char_at(s, end).filter(|&l| is_letter(l)) {
            if b.get(end + l.len_utf8()) != Some(&b'.') {
                break;
            }
            (end, letters) = (end + l.len_utf8() + 1, letters + 1);
        }
        if letters >= 2 {
            return Some((at, end));
        }
        if !is_word_part(c) {
            return Some((at, at + c.len_utf8()));
        }
        let mut end = word_run(s, at);
        while let Some(sep) = char_at(s, end).filter(|c| matches!(c, '\'' | '’' | '-' | '.' | ',')) {
            if !char_at(s, end + sep.len_utf8()).is_some_and(is_word_part) {
                break;
            }
            end = word_run(s, end + sep.len_utf8());
        }
        return Some((at, end));
    }
}

/// The end of the run of letters, digits and marks at byte `at` of `s`.
fn word_run(s: &str, mut at: usize) -> usize {
    while let Some(c) = char_at(s, at).filter(|&c| is_word_part(c)) {
        at += c.len_utf8();
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The tokens of `text` by the scan and by the regex alone.
    fn both<'t>(text: &'t str, lexicon: &Lexicon) -> (Vec<&'t str>, Vec<&'t str>) {
        let re = lexicon.token_regex();
        let mut t = Tokens::default();
        t.tokenize(text, Span::new(0, text.len()), lexicon);
        let scan = t.list.iter().map(|k| k.span.slice(text)).collect();
        (scan, re.find_iter(text).map(|m| m.as_str()).collect())
    }

    #[test]
    fn the_scan_finds_the_tokens_of_the_regex() {
        let lexicon = Lexicon::embedded();
        let cases = [
            "Lt. Gen. Ali Mahmoud said the U.S.-backed S.D.F. held 3,000 km. of Iran-backed lines.",
            "The group's men, x.y, a.b.c.d and e.f.G. left Dr.No at 4.30 p.m.; Mrs.Ms. Gen.",
            "xDr. _Dr. 9Dr. Dr.. Drs. DR. dr. U.S U.S.A Z. end.",
            "Hay’at Tahrir al-Sham’s fighters – and Kurds — said “no” to Ayn al-‘Arab. Émile’s",
            "tabs\tand\u{b}vt\u{c}ff\r\nnbsp\u{a0}Dr.\u{a0}Smith \u{2003}em 1\u{301}x café-au-lait naïve.",
            "\u{1}ctl ,,, -- '' a- -a a'-b 12,5,6 x,,y ü.ö. e.ü. ’Dr. é.Dr. Dr.é",
            "",
            "   ",
            "end-",
            "“Dr. Smith’s men” — and Trump’s ‘no’… «Gen. X» said\u{a0}Dr.\u{a0}Y’ ’z ’é x’é Lt.’ ’Dr. I’m",
            "don’t–say ‘A’s’ at 3’4 U.S.’s — ‒‧ © 5€ x’’y x’-y ’",
            // Accented names, mojibake, combining marks.
            "José García’s men, GarcÃ\u{ad}a’s and Ã©tÃ© â€œquotedâ€\u{9d} Ø§Ù„ Dr.García",
            "e\u{301}te\u{301} Cafe\u{301}. n\u{303}o A\u{30a}.B\u{30a}. \u{301}x Dr.\u{301} a.\u{301}.",
            // Arabic, CJK, Hangul, Devanagari (spacing marks), emoji and joiners.
            "قال المرصد، إن ٣٠ مقاتلاً قُتلوا. د.محمد ع.م. Dr.ع x،y",
            "中国外交部发言人说。日本語のテキスト，한국어 문장. हिन्दी के.बी. 中.国.",
            "👍🏽 said 👨‍👩‍👧 x\u{200d}Dr. y\u{200c}Gen. Ⓐ.Ⓑ. Ⅻ.Ⅳ. ²Dr. x²y ǅ.ǈ. ʰ.ʲ.",
            // Soft hyphens, no-break and other spaces, line separators.
            "peace\u{ad}keepers Dr.\u{ad} \u{ad}Dr. co\u{ad}operation \u{feff}Gen. x\u{200b}y",
            "\u{a0}Dr.\u{a0}X \u{2003}Dr. \u{2028}Gen. \u{3000}Lt. \u{85}Col. \u{202f}x\u{1680}y \u{180e}z",
            // Digits with separators, in several scripts.
            "1,000,000 3.14 1.5.6 12'000 ٣٬٠٠٠ ١٢٫٥ 1\u{202f}000 ²³ ½ 4–5 10–12% 1.a.b. a.1. ৩.৪.",
            // Curly and other quotes around titles and words.
            "‘Dr.’ “Gen.” ‛x‛ ‚low‚ „y“ ’’x’’ Trump’’s «Dr.» ’Lt.’s ‘U.S.’ x’‘y",
            "Dr. Ürgen é.Dr. ÉDr. x.É.Ö. É.Ö.x Dr_ _Gen. Gen._ ŁDr. Dr.Ł",
        ];
        for text in cases {
            let (scan, regex) = both(text, &lexicon);
            assert_eq!(scan, regex, "{text:?}");
        }
    }

    proptest::proptest! {
        /// Text made of the pieces the scan decides on, ASCII and not, in any order.
        #[test]
        fn the_scan_agrees_with_the_regex_on_any_mix(
            text in "(Dr\\.|Gen|U\\.S\\.|[a-zA-Z0-9]{1,3}|[.,'’_:\\-]|[ \t\n]|é|É|\u{301}|\u{a0}|\u{2003}|\u{212a}|“|»|٣|—|…|‘|²|€|\u{2028}){0,40}"
        ) {
            let lexicon = Lexicon::embedded();
            let (scan, regex) = both(&text, &lexicon);
            proptest::prop_assert_eq!(scan, regex);
        }
    }

    /// The tokens of every sentence of the seed corpus and, when `../shared` is there, of every
    /// FA-KES article and every text of PolNeAR (dev and train) and syria-dev-gold: the regex's.
    #[test]
    fn the_tokens_are_the_regex_s_on_every_sentence_of_the_corpora() {
        let lexicon = Lexicon::embedded();
        let re = lexicon.token_regex();
        let mut t = Tokens::default();
        let (mut sentences, mut beyond) = (0, 0);
        let golds = [
            "polnear/polnear_dev.jsonl",
            "polnear/polnear_train.jsonl",
            "syria-dev-gold/syria_dev_gold.jsonl",
        ];
        for (name, text) in crate::claims::anchors::tests::texts_with(&golds) {
            for sentence in crate::segment::segment(&text) {
                let span = sentence.span;
                t.tokenize(&text, span, &lexicon);
                let got = t.list.iter().map(|k| (k.span.start, k.span.end));
                let want = re
                    .find_iter(span.slice(&text))
                    .map(|m| (span.start + m.start(), span.start + m.end()));
                assert!(got.eq(want), "{name}: {:?}", span.slice(&text));
                sentences += 1;
                // Sentences with a character no faster scan knows: `next_token` was tried.
                beyond += usize::from(span.slice(&text).chars().any(|c| !c.is_ascii() && !known_punct(c)));
            }
        }
        assert!(
            sentences > 100 && beyond > 0,
            "{sentences} sentences, {beyond} beyond the scan"
        );
    }

    /// The letter, word-part, word-character and white-space classes are the regex crate's
    /// `\p{L}`, `[\p{L}\p{N}\p{M}]`, `\w` and `\s` on every code point.
    #[test]
    fn the_classes_are_the_regex_s_on_every_code_point() {
        let chars: String = (0..=0x10ffff).filter_map(char::from_u32).collect();
        let classes = [
            (r"\p{L}", is_letter as fn(char) -> bool),
            (r"[\p{L}\p{N}\p{M}]", is_word_part),
            (r"\w", is_word_char),
            (r"\s", char::is_whitespace),
        ];
        for (pattern, class) in classes {
            let re = regex::Regex::new(pattern).unwrap();
            let want: Vec<usize> = re.find_iter(&chars).map(|m| m.start()).collect();
            let got: Vec<usize> = chars
                .char_indices()
                .filter(|&(_, c)| class(c))
                .map(|(i, _)| i)
                .collect();
            assert!(
                got.len() > 20 && got == want,
                "{pattern}: {} against {}",
                got.len(),
                want.len()
            );
        }
    }

    /// A lexicon whose titles are not all ASCII letters: every token comes from `next_token`.
    #[test]
    fn titles_of_any_characters_make_the_regex_s_tokens() {
        let mut lexicon = Lexicon::embedded();
        lexicon
            .add_file(
                "abbreviations.tsv",
                "abbr\tclasses\nSñr.\ttitle\nGen.Maj.\ttitle\nx-y.\ttitle\n«Z.\ttitle\n",
            )
            .unwrap();
        assert!(!lexicon.titles_are_ascii_words());
        let cases = [
            "Sñr. Pérez and Gen.Maj. Ali met Gen. X and x-y. z; «Z. and x«Z. Dr.Sñr. aSñr. Gen.Maj.x",
            "Gen.Maj Gen.Ma. x-y x-y.. \u{a0}Sñr.\u{a0}Gen.Maj. U.S. a.b.c. don’t ’«Z.",
        ];
        for text in cases {
            let (scan, regex) = both(text, &lexicon);
            assert_eq!(scan, regex, "{text:?}");
        }
        let (scan, _) = both(cases[0], &lexicon);
        assert!(
            scan.contains(&"Sñr.") && scan.contains(&"Gen.Maj.") && scan.contains(&"«Z."),
            "{scan:?}"
        );
    }

    proptest::proptest! {
        /// Text of titles and traps for a lexicon with titles of any characters.
        #[test]
        fn titles_of_any_characters_agree_with_the_regex_on_any_mix(
            text in "(Sñr\\.|Gen\\.Maj\\.|x-y\\.|Dr\\.|[a-zñ]{1,3}|[.,'’_:\\-]|[ \u{a0}]|é|\u{301}|“|—){0,30}"
        ) {
            let mut lexicon = Lexicon::embedded();
            lexicon.add_file("abbreviations.tsv", "abbr\tclasses\nSñr.\ttitle\nGen.Maj.\ttitle\nx-y.\ttitle\n").unwrap();
            let (scan, regex) = both(&text, &lexicon);
            proptest::prop_assert_eq!(scan, regex);
        }
    }

    proptest::proptest! {
        /// A token is a word of a list exactly when their texts are equal ignoring ASCII case,
        /// for short and long words, ASCII or not; the token's key is the literal's.
        #[test]
        fn a_word_matches_a_token_exactly_when_equal_ignoring_ascii_case(
            word in "[aAzZ@\\[`{éÉ’,;-]{0,11}",
            text in "[aAzZ@\\[`{éÉ’,;-]{1,11}"
        ) {
            let w: &'static str = Box::leak(word.clone().into_boxed_str());
            let lexicon = Lexicon::embedded();
            let mut t = Tokens::default();
            t.start(&text);
            t.push(&text, 0, text.len(), text.is_ascii(), 0, &lexicon);
            let token = t.list[0];
            proptest::prop_assert_eq!(lower_key(raw_key(text.as_bytes(), text.len())), key(text.as_bytes()));
            // A token with text after it: the bytes past it do not count.
            let more = format!("{text}Zz9 é");
            proptest::prop_assert_eq!(lower_key(raw_key(more.as_bytes(), text.len())), key(text.as_bytes()));
            proptest::prop_assert_eq!(
                token.is(&text, &[Word::new(w)][..]),
                text.as_bytes().eq_ignore_ascii_case(w.as_bytes())
            );
            proptest::prop_assert_eq!(token.is(&text, &[w]), token.is(&text, &[Word::new(w)][..]));
        }
    }

    proptest::proptest! {
        /// The block bits mark exactly the ASCII letters and digits of any bytes, none past the
        /// end; a chunk reads the bytes there with zeros past the end; a run ends where the
        /// bytes say, across block ends too.
        #[test]
        fn the_bits_mark_ascii_letters_and_digits(
            bytes in proptest::collection::vec(proptest::sample::select(vec![b'a', b'Z', b'0', b' ', b'.', 0xc3, 0xa9, 0x80, 0xff]), 1..200),
            at in 0usize..200
        ) {
            let at = at.min(bytes.len() - 1);
            let mut alnum = Vec::new();
            fill_alnum(&mut alnum, &bytes);
            for i in 0..alnum.len() * BLOCK {
                let is = bytes.get(i).is_some_and(u8::is_ascii_alphanumeric);
                proptest::prop_assert_eq!(alnum[i / BLOCK] >> (i % BLOCK) & 1 != 0, is);
            }
            let w = chunk(&bytes, at);
            for i in 0..8 {
                proptest::prop_assert_eq!((w >> (8 * i)) as u8, bytes.get(at + i).copied().unwrap_or(0));
            }
            let end = at + bytes[at..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
            proptest::prop_assert_eq!(run_end(&alnum, at), end);
        }
    }

    #[test]
    fn runs_end_across_blocks() {
        // Runs that end one byte before, at and after a block's end, and runs of one, two and
        // three whole blocks, at the sentence's end too.
        for len in [1, 62, 63, 64, 65, 127, 128, 129, 191, 192, 193] {
            for lead in [0, 1, 63] {
                for tail in ["", " x", "."] {
                    let text = format!("{}{}{tail}", " ".repeat(lead), "a".repeat(len));
                    let b = text.as_bytes();
                    let mut alnum = Vec::new();
                    fill_alnum(&mut alnum, b);
                    assert_eq!(run_end(&alnum, lead), lead + len, "{len} {lead} {tail:?}");
                }
            }
        }
    }

    #[test]
    fn known_punctuation_is_no_word_part_space_or_cased_character() {
        let all = (0x80..=0x10ffff).filter_map(char::from_u32).filter(|&c| known_punct(c));
        let mut n = 0;
        for c in all {
            assert!(!c.is_alphanumeric() && !is_word_part(c) && !c.is_whitespace(), "{c:?}");
            assert!(shape(c) == 0, "{c:?}");
            n += 1;
        }
        assert!(n > 20, "{n}");
    }

    #[test]
    fn caseless_characters_lower_case_to_themselves() {
        // ASCII lower-cases in the buffer; every other caseless character is itself there.
        let all = (0x80..=0x10ffff).filter_map(char::from_u32).filter(|&c| caseless(c));
        let mut n = 0;
        for c in all {
            assert!(c.to_lowercase().eq([c]), "{c:?}");
            n += 1;
        }
        assert!(n > 100, "{n}");
        assert!(!caseless('É') && !caseless('\u{212a}') && !caseless('ǅ'));
    }

    #[test]
    fn word_lists_compare_whole_words_ignoring_ascii_case() {
        let lexicon = Lexicon::embedded();
        let text = "That ACCORDING accordinG Accordingly , “";
        let mut t = Tokens::default();
        t.tokenize(text, Span::new(0, text.len()), &lexicon);
        let is = |i: usize, w: &[Word]| t.list[i].is(text, w);
        assert!(is(0, words!["this", "that"]) && !is(0, words!["than", "the"]));
        assert!(is(1, words!["according"]) && is(2, words!["according"]));
        assert!(
            !is(3, words!["according"]),
            "a longer word with the same first eight bytes"
        );
        assert!(is(4, words![","]) && is(5, words!["\"", "“"]) && !is(5, words!["”"]));
    }

    #[test]
    fn tokens_know_the_case_of_their_first_character() {
        let lexicon = Lexicon::embedded();
        let text = "Émile élan 3rd “ Zed x ǅ";
        let mut t = Tokens::default();
        t.tokenize(text, Span::new(0, text.len()), &lexicon);
        let shapes: Vec<(bool, bool, bool)> = t
            .list
            .iter()
            .map(|k| (k.starts_upper(), k.starts_lower(), k.starts_digit()))
            .collect();
        let (u, l, d, none) = (
            (true, false, false),
            (false, true, false),
            (false, false, true),
            (false, false, false),
        );
        assert_eq!(shapes, [u, l, d, none, u, l, none], "ǅ is title case: neither");
    }

    #[test]
    fn the_scan_decides_curly_quotes_dashes_and_joined_words_itself() {
        let lexicon = Lexicon::embedded();
        let scan = |text: &str, at: usize| scan_token(text, at, &lexicon);
        let text = "Trump’s “no” — don’t’ x’é";
        let at = |c: char| text.find(c).unwrap();
        assert_eq!(scan(text, 0), Some(("Trump’s".len(), false)));
        assert_eq!(scan(text, at('“')), Some((at('“') + 3, false)));
        assert_eq!(scan(text, at('n')), Some((at('n') + 2, true)));
        assert_eq!(scan(text, at('—')), Some((at('—') + 3, false)));
        assert_eq!(scan(text, at('d')), Some((at('d') + "don’t".len(), false)));
        assert_eq!(scan(text, at('x')), None, "a non-ASCII letter goes to next_token");
        // A word, initialism or single letter before a closing mark ends there: no regex.
        let text = "so.” said,” U.S.” U.” x,é";
        let at = |w: &str| text.find(w).unwrap();
        assert_eq!(scan(text, 0), Some((2, true)));
        assert_eq!(scan(text, at("said")), Some((at("said") + 4, true)));
        assert_eq!(scan(text, at("U.S.")), Some((at("U.S.") + 4, true)));
        assert_eq!(scan(text, at("U.”")), Some((at("U.”") + 1, true)));
        assert_eq!(scan(text, at("x,é")), None, "a non-ASCII letter may join the word");
        assert_eq!(skip_spaces("\u{a0} \u{a0}x".as_bytes(), 0), 5);
    }

    /// A token's classes are those the lexicon gives its lower-case form (the rules read them
    /// from the token instead of looking the form up: `Ctx::source_noun_at`).
    #[test]
    fn a_token_s_classes_are_those_of_its_lower_case_form() {
        let lexicon = Lexicon::embedded();
        let text = "The Officials, a MINISTRY spokesman and agencies’ sources told Reuters the \
                    Observatory’s monitors said Activists (Lt. Col. X) reportedly saw nothing.";
        let mut t = Tokens::default();
        t.tokenize(text, Span::new(0, text.len()), &lexicon);
        let mut sources = 0;
        for (i, token) in t.list.iter().enumerate() {
            assert_eq!(token.classes, lexicon.classes(t.lower(i)), "{:?}", t.lower(i));
            sources += usize::from(token.has(Class::Source));
        }
        assert!(sources >= 2, "source nouns were looked up: {sources}");
    }

    #[test]
    fn tokens_carry_lower_case_forms_classes_and_cues() {
        let lexicon = Lexicon::embedded();
        let text = "The Army SAID Lt. Omar’s men left.";
        let mut t = Tokens::default();
        t.tokenize(text, Span::new(4, text.len()), &lexicon);
        let lower: Vec<&str> = (0..t.list.len()).map(|i| t.lower(i)).collect();
        assert_eq!(lower, ["army", "said", "lt.", "omar’s", "men", "left", "."]);
        assert_eq!(t.list[0].span, Span::new(4, 8));
        assert!(t.list[1].cue.is_some() && t.list[0].cue.is_none());
        assert!(t.list[6].is_punct() && !t.list[5].is_punct());
    }
}
