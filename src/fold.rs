//! Folding: a normalised view of text for whole-word matching, mapped back to the original.
//!
//! [`fold_into`] turns text into a *word view*: words separated by single spaces, with one
//! space before the first word and one after the last. So `"Hay’at Tahrir al-Sham's"` becomes
//! `" Hayat Tahrir al Sham s "` and a gazetteer alias folded the same way, wrapped in spaces,
//! can only match whole words: `" Hama "` never matches inside `" Hamas "`, while `"HTS-led"`
//! (`" HTS led "`) and `"Syria's"` (`" Syria s "`) still match the name before the suffix.
//!
//! What folds:
//! - Latin diacritics are dropped (`Ḩamāh` → `Hamah`, `Türkiye` → `Turkiye`);
//! - apostrophe-like marks (`' ’ ‘ ʼ ʿ ʾ ´ \``) inside a word are deleted (`Dar'a` → `Dara`),
//!   except before a final `s` (the possessive `'s` becomes its own word);
//! - Arabic: tashkeel and tatweel are deleted, alef forms fold to `ا`, ta marbuta to `ه`,
//!   alef maqsura to `ي`;
//! - every other non-alphanumeric run (spaces, line breaks, dashes, punctuation) is one space.
//!
//! Case is kept: the matcher compares ASCII letters case-insensitively where an alias allows it
//! (non-ASCII Latin letters decompose to ASCII ones, so that covers them).
//!
//! Invariant: for any match of a space-wrapped pattern at `[s, e)` in the view,
//! [`Folded::original_span`] returns the original span of the words inside, starting at the
//! first character of the first word and ending where the separator after the last word begins.

use crate::span::Span;
use unicode_normalization::char::{decompose_canonical, is_combining_mark};

/// A folded word view of some text, with the map back to original byte offsets.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// The view: words separated by single spaces, wrapped in one space on each side.
    pub text: String,
    /// Sparse map `(view byte, original byte)`: a view byte `v` maps to
    /// `o + (v - f)` for the last checkpoint `(f, o)` with `f <= v`.
    checkpoints: Vec<(usize, usize)>,
    /// Original offset of the folded text's start (sentence start in the article).
    base: usize,
    /// Whether the view is ASCII (nearly always in English news): kept while folding, so the
    /// matcher need not scan the view again to know it.
    ascii: bool,
}

impl Folded {
    /// The original span of a space-wrapped match `[s, e)` of the view: from the first
    /// character of its first word to the start of the separator after its last word. The end's
    /// checkpoint is found by stepping on from the start's: a match spans a few words, so that
    /// is a few steps at most, where a second binary search over the sentence took more.
    pub fn original_span(&self, s: usize, e: usize) -> Span {
        debug_assert!(self.text.is_char_boundary(s + 1) && self.text.as_bytes()[e - 1] == b' ');
        let mut i = self.checkpoints.partition_point(|&(f, _)| f <= s + 1) - 1;
        let start = self.at(i, s + 1);
        while self.checkpoints.get(i + 1).is_some_and(|&(f, _)| f < e) {
            i += 1;
        }
        Span::new(start, self.at(i, e - 1))
    }

    /// The original byte offset of view byte `v` under checkpoint `i`.
    fn at(&self, i: usize, v: usize) -> usize {
        let (f, o) = self.checkpoints[i];
        self.base + o + (v - f)
    }

    /// Whether the view is all ASCII.
    pub fn is_ascii(&self) -> bool {
        self.ascii
    }
}

/// Folds a standalone string (a gazetteer alias or a cue) to its word view, without the map.
pub fn fold_str(s: &str) -> String {
    if s.bytes().all(|b| b.is_ascii() && b != b'\'' && b != b'`') {
        return fold_ascii(s);
    }
    let mut f = Folded {
        text: String::with_capacity(s.len() + 2),
        ..Folded::default()
    };
    fold_into(s, 0, &mut f);
    f.text
}

/// [`fold_str`] for ASCII without apostrophes (most aliases): letters and digits stay, every
/// other run is one space.
fn fold_ascii(s: &str) -> String {
    // Written in place over a buffer of spaces (a word view is never longer than its text plus
    // the two pads), so a separator is just a step and no write checks capacity.
    let mut out = vec![b' '; s.len() + 2];
    let mut n = 1;
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() {
            out[n] = b;
            n += 1;
        } else if out[n - 1] != b' ' {
            n += 1;
        }
    }
    if out[n - 1] != b' ' {
        n += 1;
    }
    out.truncate(n);
    String::from_utf8(out).expect("ASCII in, ASCII out")
}

/// Folds `text` (which starts at byte `base` of the original) into `out`, reusing its buffers.
pub fn fold_into(text: &str, base: usize, out: &mut Folded) {
    out.text.clear();
    out.checkpoints.clear();
    out.base = base;
    out.ascii = true;
    let mut w = Writer {
        out,
        predicted: usize::MAX,
        in_word: false,
    };
    // The leading pad maps to the start; a word's first byte always gets a checkpoint.
    w.push_sep(0);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            // The common case: ASCII words with single spaces between them are already their
            // view, so the whole run is copied at once, under one checkpoint.
            let end = ascii_run_end(bytes, i);
            w.push_ascii(i, &text[i..end]);
            i = end;
            continue;
        }
        if b.is_ascii() && !matches!(b, b'\'' | b'`') {
            w.push_sep(i);
            i += 1;
            continue;
        }
        let c = text[i..].chars().next().expect("i is a char boundary");
        let rest = &text[i + c.len_utf8()..];
        i += c.len_utf8();
        if is_apostrophe(c) {
            let mut after_c = rest.chars();
            let next = after_c.next();
            let after = after_c.next();
            let possessive = matches!(next, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric);
            let inside_word = w.in_word && next.is_some_and(char::is_alphanumeric);
            if is_modifier_letter(c) || (inside_word && !possessive) {
                continue; // a transliteration mark: deleted, the word goes on
            }
            w.push_sep(i - c.len_utf8());
        } else if is_plain_separator(c) {
            // Curly quotes, dashes and no-break spaces, without the Unicode table look-ups below.
            w.push_sep(i - c.len_utf8());
        } else if is_plain_arabic(c) {
            // Arabic letters that stay as they are, without the Unicode table look-ups below.
            w.push_plain(i - c.len_utf8(), c);
        } else if is_deleted_mark(c) {
            continue;
        } else if c.is_alphanumeric() {
            w.push_letter(i - c.len_utf8(), c);
        } else {
            w.push_sep(i - c.len_utf8());
        }
    }
    w.push_sep(text.len());
}

/// The end of the run of ASCII words with single spaces between them that starts with the
/// alphanumeric byte `bytes[start]`: the run ends after an alphanumeric byte, before the first
/// byte that is neither alphanumeric nor a single space between two alphanumeric ones.
/// [`BLOCK`] bytes are tested at a time ([`stops`]); the last block of the text is padded with
/// zero bytes, which stop a run.
fn ascii_run_end(bytes: &[u8], start: usize) -> usize {
    debug_assert!(bytes[start].is_ascii_alphanumeric());
    let mut end = start + 1;
    loop {
        // The block from `end` with the byte before it, which tells a second space.
        let window = match bytes.get(end - 1..end + BLOCK) {
            Some(window) => window.try_into().expect("a block and one byte"),
            None => {
                let mut padded = [0; BLOCK + 1];
                let rest = &bytes[end - 1..];
                padded[..rest.len()].copy_from_slice(rest);
                padded
            }
        };
        let stops = stops(&window);
        // (An `|` over the bytes compiles to one vector test; `!= [0; BLOCK]` does not.)
        if stops.iter().fold(0, |any, &stop| any | stop) != 0 {
            end += (u128::from_le_bytes(stops).trailing_zeros() / 8) as usize;
            break;
        }
        end += BLOCK;
    }
    // A space before the stop is a separator, not part of the run.
    end - usize::from(bytes[end - 1] == b' ')
}

/// How many bytes [`ascii_run_end`] tests at a time: one SSE2 register.
const BLOCK: usize = 16;

/// For each byte `window[k + 1]`, 0xFF if it stops a run of ASCII words (it is neither
/// alphanumeric nor a space, or it is a space after a space), else 0. Written byte by byte over
/// fixed-size arrays so that the compiler turns it into a few vector instructions.
#[inline]
fn stops(window: &[u8; BLOCK + 1]) -> [u8; BLOCK] {
    let mut stops = [0; BLOCK];
    for (k, stop) in stops.iter_mut().enumerate() {
        let (before, b) = (window[k], window[k + 1]);
        let stopped = !(b.is_ascii_alphanumeric() || b == b' ') || (b == b' ' && before == b' ');
        *stop = 0u8.wrapping_sub(u8::from(stopped));
    }
    stops
}

/// The low bit of each byte of a word.
pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
/// The high bit of each byte of a word.
pub(crate) const HIGH: u64 = 0x8080_8080_8080_8080;

struct Writer<'a> {
    out: &'a mut Folded,
    /// The original offset the next view byte maps to if no checkpoint is added.
    predicted: usize,
    in_word: bool,
}

impl Writer<'_> {
    fn mark(&mut self, orig: usize) {
        if self.predicted != orig {
            self.out.checkpoints.push((self.out.text.len(), orig));
        }
    }

    fn push_sep(&mut self, orig: usize) {
        if self.in_word || self.out.text.is_empty() {
            self.mark(orig);
            self.out.text.push(' ');
            self.predicted = orig + 1;
            self.in_word = false;
        }
    }

    /// Pushes a run of ASCII words with single spaces between them, which fold to themselves.
    fn push_ascii(&mut self, orig: usize, run: &str) {
        self.mark(orig);
        self.in_word = true;
        self.out.text.push_str(run);
        self.predicted = orig + run.len();
    }

    /// Pushes a letter that folds to itself.
    fn push_plain(&mut self, orig: usize, c: char) {
        self.mark(orig);
        self.in_word = true;
        self.out.text.push(c);
        self.out.ascii &= c.is_ascii();
        self.predicted = orig + c.len_utf8();
    }

    fn push_letter(&mut self, orig: usize, c: char) {
        self.mark(orig);
        let v0 = self.out.text.len();
        self.in_word = true;
        if c.is_ascii() {
            self.out.text.push(c);
        } else if let Some(a) = arabic_fold(c) {
            self.out.text.push(a);
        } else if let Some(s) = latin_special(c) {
            self.out.text.push_str(s);
        } else {
            let mut any = false;
            let text = &mut self.out.text;
            decompose_canonical(c, |d| {
                if !is_combining_mark(d) {
                    text.push(d);
                    any = true;
                }
            });
            if !any {
                text.push(c);
            }
        }
        self.out.ascii &= self.out.text.as_bytes()[v0..].is_ascii();
        // The next view byte maps to `orig + written` under the current checkpoint; when the
        // char changed length, the next char's `mark` sees the mismatch and re-anchors.
        self.predicted = orig + (self.out.text.len() - v0);
    }
}

/// Arabic letters with no fold and no decomposition: ا to غ and ف to ي, less ة and ى (which
/// fold) and the hamza carriers آ أ ؤ إ ئ (which decompose).
fn is_plain_arabic(c: char) -> bool {
    matches!(c, '\u{0627}'..='\u{063A}' | '\u{0641}'..='\u{064A}') && !matches!(c, 'ة' | 'ى')
}

/// Punctuation and spaces, neither letters nor deleted marks, that English news uses: the
/// no-break space and General Punctuation (dashes, curly quotes, ellipsis) less its zero-width
/// joiners; its apostrophes (`’ ‘ ′`) must be tested first.
fn is_plain_separator(c: char) -> bool {
    matches!(c, '\u{00A0}' | '\u{2000}'..='\u{200B}' | '\u{200E}'..='\u{206F}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | '‘' | '`' | '´' | '′' | 'ʼ' | 'ʻ' | 'ʽ' | 'ʿ' | 'ʾ')
}

/// Modifier letters used only as transliteration marks (ʿayn, hamza): always deleted.
fn is_modifier_letter(c: char) -> bool {
    matches!(c, 'ʼ' | 'ʻ' | 'ʽ' | 'ʿ' | 'ʾ')
}

/// Marks deleted without breaking the word: combining diacritics, Arabic tashkeel, tatweel,
/// zero-width joiners and soft hyphens.
fn is_deleted_mark(c: char) -> bool {
    matches!(
        c,
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{FE0F}'
    ) || is_combining_mark(c)
}

fn arabic_fold(c: char) -> Option<char> {
    Some(match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ة' => 'ه',
        'ى' => 'ي',
        _ => return None,
    })
}

/// Latin letters without a canonical decomposition that transliterations still use.
fn latin_special(c: char) -> Option<&'static str> {
    Some(match c {
        'ı' => "i",
        'ß' => "ss",
        'æ' => "ae",
        'Æ' => "AE",
        'ø' => "o",
        'Ø' => "O",
        'đ' | 'ð' => "d",
        'Đ' | 'Ð' => "D",
        'ł' => "l",
        'Ł' => "L",
        'œ' => "oe",
        'Œ' => "OE",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_arabic_letters_fold_to_themselves_as_the_general_path_would() {
        for c in '\u{0600}'..='\u{06FF}' {
            if !is_plain_arabic(c) {
                continue;
            }
            let mut parts = Vec::new();
            decompose_canonical(c, |d| parts.push(d));
            let general = c.is_alphanumeric() && !is_deleted_mark(c) && arabic_fold(c).is_none();
            assert!(general && parts == [c], "{c:?} U+{:04X}", c as u32);
        }
        assert_eq!(fold_str("وحلب دير الزور ؤ أ ة"), " وحلب دير الزور و ا ه ");
    }

    #[test]
    fn plain_separators_fold_as_the_general_path_would() {
        for c in ('\u{0080}'..='\u{2FFF}').filter(|&c| is_plain_separator(c) && !is_apostrophe(c)) {
            assert!(!is_deleted_mark(c) && !c.is_alphanumeric(), "U+{:04X}", c as u32);
        }
        assert_eq!(fold_str("“Yes” — he said… ok\u{00A0}2"), " Yes he said ok 2 ");
    }

    #[test]
    fn the_ascii_path_folds_as_the_general_path() {
        for s in [
            "",
            " ",
            "Deir ez-Zor",
            "  U.S.-led  ",
            "HTS",
            "a--b",
            "x ",
            "Kafr Nabl 2",
            "-",
        ] {
            let mut f = Folded::default();
            fold_into(s, 0, &mut f);
            assert_eq!(fold_ascii(s), f.text, "{s:?}");
        }
    }

    /// The fold char by char, as it was before ASCII runs were copied whole: the oracle.
    fn fold_by_char(text: &str, out: &mut Folded) {
        out.text.clear();
        out.checkpoints.clear();
        out.base = 0;
        let mut w = Writer {
            out,
            predicted: usize::MAX,
            in_word: false,
        };
        w.push_sep(0);
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            if is_apostrophe(c) {
                let next = chars.peek().map(|&(_, n)| n);
                let after = text[i + c.len_utf8()..].chars().nth(1);
                let possessive = matches!(next, Some('s' | 'S')) && !after.is_some_and(char::is_alphanumeric);
                let inside_word = w.in_word && next.is_some_and(char::is_alphanumeric);
                if is_modifier_letter(c) || (inside_word && !possessive) {
                    continue;
                }
                w.push_sep(i);
            } else if is_deleted_mark(c) {
                continue;
            } else if c.is_alphanumeric() {
                w.push_letter(i, c);
            } else {
                w.push_sep(i);
            }
        }
        w.push_sep(text.len());
    }

    #[test]
    fn ascii_runs_end_as_byte_by_byte() {
        // The old byte loop: alphanumeric runs joined by single spaces.
        let by_byte = |b: &[u8], start: usize| {
            let mut end = start + 1;
            loop {
                end += b[end..].iter().take_while(|b| b.is_ascii_alphanumeric()).count();
                match b.get(end..end + 2) {
                    Some([b' ', next]) if next.is_ascii_alphanumeric() => end += 2,
                    _ => break,
                }
            }
            end
        };
        let pieces = [
            "a", "Bc", "12345678", " ", "  ", ",", "'", "é", "-", "\n", "x y", "abcdefg ",
        ];
        let mut n = 0u64;
        for len in 1..80 {
            for seed in 0..40u64 {
                n = n.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(seed + len) | 1;
                let mut s = String::from("w");
                let mut k = n;
                while s.len() < len as usize {
                    s.push_str(pieces[(k % pieces.len() as u64) as usize]);
                    k ^= k << 13;
                    k ^= k >> 7;
                    k ^= k << 17;
                }
                for start in (0..s.len()).filter(|&i| s.as_bytes()[i].is_ascii_alphanumeric()) {
                    assert_eq!(
                        ascii_run_end(s.as_bytes(), start),
                        by_byte(s.as_bytes(), start),
                        "{s:?} from {start}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn the_fast_paths_fold_and_map_as_char_by_char(text in "[a-zA-Z0-9 .,'`’ʿ\\-ḤāüßØأبةىحلب\u{064E}\u{0301}\u{00AD}\u{00A0}“—\n]{0,80}") {
            let (mut fast, mut slow) = (Folded::default(), Folded::default());
            fold_into(&text, 0, &mut fast);
            fold_by_char(&text, &mut slow);
            proptest::prop_assert_eq!(&fast.text, &slow.text);
            // Every word of the view maps back to the same original span.
            let spaces: Vec<usize> = fast.text.match_indices(' ').map(|(i, _)| i).collect();
            for pair in spaces.windows(2) {
                let (s, e) = (pair[0], pair[1] + 1);
                proptest::prop_assert_eq!(fast.original_span(s, e), slow.original_span(s, e));
            }
            proptest::prop_assert_eq!(fast.is_ascii(), fast.text.is_ascii());
            // Spans of several words: each end by its own binary search, as before the end was
            // found by stepping on from the start.
            let searched = |v: usize| fast.at(fast.checkpoints.partition_point(|&(f, _)| f <= v) - 1, v);
            for (k, &s) in spaces.iter().enumerate() {
                for &e in &spaces[k + 1..] {
                    let want = Span::new(searched(s + 1), searched(e));
                    proptest::prop_assert_eq!(fast.original_span(s, e + 1), want);
                }
            }
        }
    }
}
