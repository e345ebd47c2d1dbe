//! UAX #29 sentence bounds, fast: the state machine of `unicode-segmentation` (1.13) over our own
//! character categories, with a byte-level skip over runs where no bound can fall.
//!
//! Bounds fall only after a paragraph separator (CR, LF, U+0085, U+2028, U+2029) or after a
//! terminator (`.`, `!`, `?` and their kin) with its closing marks and spaces. In a calm state
//! (no terminator or separator to look back to), bytes that are none of those and are
//! ASCII cannot start a bound, so they are skipped to the nearest terminator or line break (the
//! caller lists them) or non-ASCII byte (eight bytes at a time), and any other character only
//! moves the state. The common ASCII sentence end (". The", "?\" He") is read at once; every
//! other character goes through the same state machine as `unicode-segmentation`'s.
//!
//! Categories are exact for ASCII, Latin-1, Latin Extended-A, combining diacritics, Arabic,
//! General Punctuation, Currency Symbols and the byte order mark. A
//! character outside those blocks makes the whole part fall back to `unicode-segmentation`, so
//! the bounds are always the crate's; `tests` checks that on generated strings.
//!
//! Invariant: [`breaks`] gives exactly the starts of `split_sentence_bound_indices` after the
//! first, in order.

use crate::fold::HIGH;
use unicode_segmentation::UnicodeSegmentation;

/// A character's Sentence_Break property (UAX #29).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cat {
    Any,
    ATerm,
    CR,
    Close,
    Extend,
    Format,
    LF,
    Lower,
    Numeric,
    OLetter,
    SContinue,
    STerm,
    Sep,
    Sp,
    Upper,
}

/// One collapsed part of the text read so far (runs of Close and of Sp are one part each).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Part {
    Sot,
    Other,
    CR,
    LF,
    Sep,
    ATerm,
    UpperLower,
    ClosePlus,
    SpPlus,
    STerm,
}

/// The last four parts, oldest first.
type State = [Part; 4];

/// Appends to `out` the byte offsets in `s` where a UAX #29 sentence starts, except 0.
/// `stops` are the offsets of every `.`, `!`, `?`, CR and LF in `s`, in order (the caller has
/// found them).
pub(super) fn breaks(s: &str, stops: &[usize], out: &mut Vec<usize>) {
    let from = out.len();
    if fast_breaks(s, stops, out).is_none() {
        out.truncate(from);
        out.extend(s.split_sentence_bound_indices().skip(1).map(|(i, _)| i));
    }
}

/// Bytes that can change a calm state ([`is_calm`]) into one where a bound may fall: terminators, line
/// breaks, and the first byte of any non-ASCII character.
static LOUD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        t[b] = b >= 0x80 || matches!(b as u8, b'.' | b'!' | b'?' | b'\n' | b'\r');
        b += 1;
    }
    t
};

/// [`breaks`] by our own categories; None when a character's category is not known here.
fn fast_breaks(s: &str, stops: &[usize], out: &mut Vec<usize>) -> Option<()> {
    let bytes = s.as_bytes();
    // The next loud byte is the nearer of the next of `stops` and the next non-ASCII byte
    // (eight bytes at a time), each a forward-only cursor, so every byte is looked at about
    // once however the kinds interleave.
    let (mut stop, mut wide) = (0, 0);
    let mut next_stop = stops.iter().copied();
    let mut state: State = [Part::Sot; 4];
    let mut pos = 0;
    while pos < bytes.len() {
        let calm = is_calm(&state);
        if calm && !LOUD[usize::from(bytes[pos])] {
            // No bound can fall in a run of quiet bytes; only the last one's part is ever looked
            // at again (by SB7 and by next), and no look-back passes the others to find a
            // terminator.
            let rest = &bytes[pos..];
            while stop < pos {
                stop = next_stop.next().unwrap_or(bytes.len());
            }
            if wide <= pos {
                wide = pos + non_ascii(rest);
            }
            pos = stop.min(wide);
            state = [
                Part::Other,
                Part::Other,
                Part::Other,
                part(ASCII[usize::from(bytes[pos - 1])]),
            ];
            continue;
        }
        if calm {
            if let Some((end, bound, after)) = sentence_end(bytes, pos, state[3]) {
                out.extend(bound);
                state = after;
                pos = end;
                continue;
            }
        }
        let (cat, len) = char_at(s, pos)?;
        let before = state;
        let at = pos;
        pos += len;
        state = next(state, cat);
        if calm {
            // No rule breaks in a calm state (SB4 and SB11 need a separator or terminator
            // there); only SB5 keeps the state.
            if matches!(cat, Cat::Extend | Cat::Format) {
                state = before;
            }
            continue;
        }
        let ends = |p: Part| before[3] == p;
        let bound = match cat {
            // SB1: the start of the text (not reported).
            _ if ends(Part::Sot) => false,
            // SB3
            Cat::LF if ends(Part::CR) => false,
            // SB4
            _ if ends(Part::Sep) || ends(Part::CR) || ends(Part::LF) => true,
            // SB5: extenders and format characters are invisible.
            Cat::Extend | Cat::Format => {
                state = before;
                false
            }
            // SB6
            Cat::Numeric if ends(Part::ATerm) => false,
            // SB7
            Cat::Upper if before[2] == Part::UpperLower && ends(Part::ATerm) => false,
            // SB8
            _ if sb8(&before, &s[at..])? => false,
            // SB8a
            Cat::SContinue | Cat::STerm | Cat::ATerm if sb8a(&before) => false,
            // SB9
            Cat::Close | Cat::Sp | Cat::Sep | Cat::CR | Cat::LF if sb9(&before) => false,
            // SB10
            Cat::Sp | Cat::Sep | Cat::CR | Cat::LF if sb8a(&before) => false,
            // SB11
            _ => sb11(&before),
        };
        if bound {
            out.push(at);
        }
    }
    Some(())
}

/// True when no bound can fall before the next character whatever it is (SB4 needs a
/// separator last, SB11 a terminator before the last closing marks and spaces), past the start
/// (SB1; SB5 keeps the state).
fn is_calm(s: &State) -> bool {
    match s[3] {
        Part::Other | Part::UpperLower => true,
        Part::ClosePlus | Part::SpPlus => !sb8a(s),
        _ => false,
    }
}

/// The common end of a sentence, all ASCII, read at once: a terminator at `pos` after a
/// [`is_calm`] state whose last part is `quiet`, closing marks, one or more spaces and a
/// letter. Gives where reading goes on (after the letter), the bound (at the letter, unless a
/// lower-case letter follows a period: SB8; otherwise SB11) and the state there, which the
/// state machine reaches too.
fn sentence_end(b: &[u8], pos: usize, quiet: Part) -> Option<(usize, Option<usize>, State)> {
    let term = match b[pos] {
        b'.' => Part::ATerm,
        b'!' | b'?' => Part::STerm,
        _ => return None,
    };
    let mut i = pos + 1;
    while b
        .get(i)
        .is_some_and(|&c| c < 0x80 && ASCII[usize::from(c)] == Cat::Close)
    {
        i += 1;
    }
    let closed = i > pos + 1;
    let spaced = i;
    while b.get(i) == Some(&b' ') {
        i += 1;
    }
    let letter = *b.get(i).filter(|c| c.is_ascii_alphabetic())?;
    if i == spaced {
        return None;
    }
    let bound = (term == Part::STerm || letter.is_ascii_uppercase()).then_some(i);
    let state = if closed {
        [term, Part::ClosePlus, Part::SpPlus, Part::UpperLower]
    } else {
        [quiet, term, Part::SpPlus, Part::UpperLower]
    };
    Some((i + 1, bound, state))
}

/// The index of the first byte of `b` that is not ASCII, or its length.
fn non_ascii(b: &[u8]) -> usize {
    let word = |c: &[u8]| u64::from_le_bytes(c.try_into().expect("eight bytes"));
    // Thirty-two bytes a step while all are ASCII, then eight, then the byte that is not.
    let mut from = 0;
    for c in b.chunks_exact(32) {
        if (word(&c[..8]) | word(&c[8..16]) | word(&c[16..24]) | word(&c[24..])) & HIGH != 0 {
            break;
        }
        from += 32;
    }
    // Then eight bytes a step: the lowest high bit is the first byte that is not ASCII.
    for c in b[from..].chunks_exact(8) {
        let high = word(c) & HIGH;
        if high != 0 {
            return from + high.trailing_zeros() as usize / 8;
        }
        from += 8;
    }
    b[from..].iter().position(|&c| c >= 0x80).map_or(b.len(), |n| from + n)
}

fn next(s: State, cat: Cat) -> State {
    match (s[3], cat) {
        (Part::ClosePlus, Cat::Close) | (Part::SpPlus, Cat::Sp) => s,
        _ => [s[1], s[2], s[3], part(cat)],
    }
}

fn part(cat: Cat) -> Part {
    match cat {
        Cat::CR => Part::CR,
        Cat::LF => Part::LF,
        Cat::Sep => Part::Sep,
        Cat::ATerm => Part::ATerm,
        Cat::Upper | Cat::Lower => Part::UpperLower,
        Cat::Close => Part::ClosePlus,
        Cat::Sp => Part::SpPlus,
        Cat::STerm => Part::STerm,
        _ => Part::Other,
    }
}

/// The index of the part before `Close* Sp*` at the end of the state.
fn before_close_sp(s: &State) -> usize {
    let mut i = if s[3] == Part::SpPlus { 2 } else { 3 };
    if s[i] == Part::ClosePlus {
        i -= 1;
    }
    i
}

fn is_saterm(p: Part) -> bool {
    matches!(p, Part::ATerm | Part::STerm)
}

/// SB8: `ATerm Close* Sp* × ( ¬(OLetter | Upper | Lower | ParaSep | SATerm) )* Lower`.
fn sb8(s: &State, ahead: &str) -> Option<bool> {
    if s[before_close_sp(s)] != Part::ATerm {
        return Some(false);
    }
    let mut i = 0;
    while i < ahead.len() {
        let (cat, len) = char_at(ahead, i)?;
        match cat {
            Cat::Lower => return Some(true),
            Cat::OLetter | Cat::Upper | Cat::Sep | Cat::CR | Cat::LF | Cat::STerm | Cat::ATerm => return Some(false),
            _ => i += len,
        }
    }
    Some(false)
}

/// `SATerm Close* Sp*`.
fn sb8a(s: &State) -> bool {
    is_saterm(s[before_close_sp(s)])
}

/// `SATerm Close*`.
fn sb9(s: &State) -> bool {
    is_saterm(s[if s[3] == Part::ClosePlus { 2 } else { 3 }])
}

/// SB11: `SATerm Close* Sp* ParaSep? ÷`.
fn sb11(s: &State) -> bool {
    let mut i = if matches!(s[3], Part::Sep | Part::CR | Part::LF) {
        2
    } else {
        3
    };
    if s[i] == Part::SpPlus {
        i -= 1;
    }
    if s[i] == Part::ClosePlus {
        i -= 1;
    }
    is_saterm(s[i])
}

/// The category and length of the character at byte `pos` of `s` (a char boundary); None when
/// its category is not known here. ASCII, most of the text, takes one table lookup.
fn char_at(s: &str, pos: usize) -> Option<(Cat, usize)> {
    let bytes = s.as_bytes();
    let b = bytes[pos];
    if b < 0x80 {
        return Some((ASCII[usize::from(b)], 1));
    }
    if b == 0xE2 && bytes.get(pos + 1) == Some(&0x80) {
        return Some((E2_80[usize::from(bytes[pos + 2] & 0x3F)], 3));
    }
    let c = s[pos..].chars().next().expect("pos is a char boundary");
    Some((category(c)?, c.len_utf8()))
}

/// The Sentence_Break category of U+2000 to U+206F, General Punctuation.
const fn general_punctuation(u: u32) -> Cat {
    match u {
        0x2000..=0x200A | 0x202F | 0x205F => Cat::Sp,
        0x200B | 0x200E | 0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F => Cat::Format,
        0x200C | 0x200D => Cat::Extend,
        0x2013 | 0x2014 => Cat::SContinue,
        0x2018..=0x201F | 0x2039 | 0x203A | 0x2045 | 0x2046 => Cat::Close,
        0x2024 => Cat::ATerm,
        0x2028 | 0x2029 => Cat::Sep,
        0x203C | 0x203D | 0x2047..=0x2049 => Cat::STerm,
        _ => Cat::Any,
    }
}

/// [`general_punctuation`] of U+2000 to U+203F, whose UTF-8 is E2 80 80 to E2 80 BF: the curly
/// quotes and dashes of news text, categorised from their last byte.
static E2_80: [Cat; 64] = {
    let mut t = [Cat::Any; 64];
    let mut i = 0;
    while i < 64 {
        t[i] = general_punctuation(0x2000 + i as u32);
        i += 1;
    }
    t
};

/// [`ascii`] for each ASCII byte.
static ASCII: [Cat; 128] = {
    let mut t = [Cat::Any; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = ascii(b as u8);
        b += 1;
    }
    t
};

const fn ascii(b: u8) -> Cat {
    match b {
        b'\t' | 0x0B | 0x0C | b' ' => Cat::Sp,
        b'\n' => Cat::LF,
        b'\r' => Cat::CR,
        b'!' | b'?' => Cat::STerm,
        b'.' => Cat::ATerm,
        b'"' | b'\'' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => Cat::Close,
        b',' | b'-' | b':' | b';' => Cat::SContinue,
        b'0'..=b'9' => Cat::Numeric,
        b'A'..=b'Z' => Cat::Upper,
        b'a'..=b'z' => Cat::Lower,
        _ => Cat::Any,
    }
}

/// The Sentence_Break category of `c`, for the blocks known here.
fn category(c: char) -> Option<Cat> {
    let u = u32::from(c);
    Some(match u {
        0..=0x7F => ASCII[u as usize],
        // Latin-1 Supplement.
        0x85 => Cat::Sep,
        0xA0 => Cat::Sp,
        0xAA | 0xB5 | 0xBA | 0xDF..=0xF6 | 0xF8..=0xFF => Cat::Lower,
        0xAB | 0xBB => Cat::Close,
        0xAD => Cat::Format,
        0xC0..=0xD6 | 0xD8..=0xDE => Cat::Upper,
        0x80..=0xFF => Cat::Any,
        // Latin Extended-A: letters only, each upper or lower case.
        0x100..=0x17F if c.is_lowercase() => Cat::Lower,
        0x100..=0x17F => Cat::Upper,
        // Combining Diacritical Marks: all extenders.
        0x300..=0x36F => Cat::Extend,
        // Arabic.
        0x600..=0x605 | 0x660..=0x669 | 0x66B | 0x66C | 0x6DD | 0x6F0..=0x6F9 => Cat::Numeric,
        0x60C | 0x60D => Cat::SContinue,
        0x610..=0x61A | 0x64B..=0x65F | 0x670 | 0x6D6..=0x6DC | 0x6DF..=0x6E4 | 0x6E7 | 0x6E8 => Cat::Extend,
        0x6EA..=0x6ED => Cat::Extend,
        0x61C => Cat::Format,
        0x61D..=0x61F | 0x6D4 => Cat::STerm,
        0x620..=0x64A | 0x66E | 0x66F | 0x671..=0x6D3 | 0x6D5 | 0x6E5 | 0x6E6 | 0x6EE | 0x6EF => Cat::OLetter,
        0x6FA..=0x6FC | 0x6FF => Cat::OLetter,
        0x600..=0x6FF => Cat::Any,
        0x2000..=0x206F => general_punctuation(u),
        // Currency Symbols.
        0x20A0..=0x20CF => Cat::Any,
        // The byte order mark.
        0xFEFF => Cat::Format,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stops(s: &str) -> Vec<usize> {
        let stop = |c: &u8| matches!(c, b'.' | b'!' | b'?' | b'\n' | b'\r');
        s.bytes().enumerate().filter(|(_, c)| stop(c)).map(|(i, _)| i).collect()
    }

    fn ours(s: &str) -> Vec<usize> {
        let mut out = Vec::new();
        fast_breaks(s, &stops(s), &mut out).expect("known categories");
        out
    }

    fn theirs(s: &str) -> Vec<usize> {
        s.split_sentence_bound_indices().skip(1).map(|(i, _)| i).collect()
    }

    /// Every character of the known blocks, each in contexts where each category decides a
    /// bound differently (SB6, SB7, SB8, SB8a, SB9-SB11, SB5), gives the crate's bounds.
    #[test]
    fn each_known_character_bounds_like_the_crate() {
        let known = (0..0x180)
            .chain(0x300..0x370)
            .chain(0x600..0x700)
            .chain(0x2000..0x2070)
            .chain(0x20A0..0x20D0)
            .chain([0xFEFF]);
        let mut checked = 0;
        for c in known.filter_map(char::from_u32) {
            for (pre, post) in [
                ("Ab. ", " cd"),
                ("Ab.", "Cd. Ef"),
                ("aB.", ""),
                ("x.", " ab"),
                ("x. (", "ab. A"),
                ("x?", "a"),
                ("x!\"", " A"),
                ("x", ". a"),
                ("Hi ", "\r\nB. c"),
                ("A.", "\u{2029}b"),
            ] {
                let s = format!("{pre}{c}{post}");
                assert_eq!(ours(&s), theirs(&s), "{s:?} (U+{:04X})", u32::from(c));
                checked += 1;
            }
        }
        assert!(checked > 5_000);
    }

    /// Generated strings over an alphabet of every category: the same bounds as the crate.
    #[test]
    fn generated_strings_bound_like_the_crate() {
        let alphabet: Vec<char> =
            "aZ1 .!?\"),-\n\r\t\u{a0}\u{201d}\u{2014}\u{200b}\u{64b}\u{2029}é\u{627}\u{61f}\u{2024}#\u{303}\u{20ac}\u{feff}"
                .chars()
                .collect();
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let len = (seed >> 60) as usize + 1;
            let mut x = seed;
            let s: String = (0..len)
                .map(|_| {
                    x = x.rotate_left(5).wrapping_mul(0x2545_F491_4F6C_DD1D);
                    alphabet[(x >> 40) as usize % alphabet.len()]
                })
                .collect();
            assert_eq!(ours(&s), theirs(&s), "{s:?}");
        }
    }

    /// Sentence ends in every shape `sentence_end` reads at once, and near misses it leaves to
    /// the state machine: the same bounds as the crate.
    #[test]
    fn sentence_ends_bound_like_the_crate() {
        let mut checked = 0;
        for pre in ["ab", "A", "1", "x ", "\u{e9}", "U.S", "\"", "a\u{301}"] {
            for term in [".", "!", "?", "..", "?!"] {
                for close in ["", "\"", ")\"", "'", "\u{201d}"] {
                    for space in ["", " ", "   ", "\t", " \n"] {
                        for next in ["A", "a", "1", "\u{e9}", "\"A", "Ab. c", "ab! C"] {
                            let s = format!("{pre}{term}{close}{space}{next}");
                            assert_eq!(ours(&s), theirs(&s), "{s:?}");
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert_eq!(checked, 7000);
    }

    #[test]
    fn unknown_characters_fall_back_to_the_crate() {
        // U+3002 IDEOGRAPHIC FULL STOP is a terminator outside the known blocks.
        let s = "One\u{3002}Two. Three";
        assert_eq!(fast_breaks(s, &stops(s), &mut Vec::new()), None);
        let mut got = Vec::new();
        breaks(s, &stops(s), &mut got);
        assert_eq!(got, theirs(s));
        assert_eq!(got.len(), 2);
    }
}
