//! The one offset type every stage passes around.
//!
//! A [`Span`] is a half-open range of **byte** offsets into the *original* article text.
//! Stages never see shifted offsets: normalised views (see [`crate::fold`]) map their
//! matches back to a `Span` before handing them on. Code-point offsets are computed once,
//! at output time.

use std::ops::Range;

/// A half-open byte range `[start, end)` into the original text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`; panics in debug builds if `start > end`.
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end, "span {start}..{end} is reversed");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// True when `other` lies entirely inside `self`.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// True when the two spans share at least one byte.
    pub fn overlaps(&self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }

    /// The text this span covers.
    pub fn slice<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// This span shrunk to exclude leading and trailing white space of `text` (as [`str::trim`]).
    pub fn trim(&self, text: &str) -> Span {
        let r = trimmed(self.slice(text));
        Span::new(self.start + r.start, self.start + r.end)
    }

    /// This span shrunk to exclude trailing characters in `chars` (e.g. a final period).
    pub fn trim_end_matches(&self, text: &str, chars: &[char]) -> Span {
        let s = self
            .slice(text)
            .trim_end_matches(|c: char| c.is_whitespace() || chars.contains(&c));
        Span::new(self.start, self.start + s.len())
    }

    /// The span shifted right by `offset` bytes.
    pub fn offset(&self, offset: usize) -> Span {
        Span::new(self.start + offset, self.end + offset)
    }
}

/// True for the ASCII bytes [`char::is_whitespace`] accepts (tab to carriage return, space).
pub fn ascii_space(c: u8) -> bool {
    matches!(c, b'\t'..=b'\r' | b' ')
}

/// Where `s` lies trimmed of white space (as [`str::trim`]): by bytes when the first and last
/// bytes that are not ASCII white space are ASCII, else by characters; empty at the end of `s`
/// when `s` is all white space.
pub fn trimmed(s: &str) -> Range<usize> {
    let b = s.as_bytes();
    let ink = |c: &u8| !ascii_space(*c);
    match (b.iter().position(ink), b.iter().rposition(ink)) {
        (Some(first), Some(last)) if b[first].is_ascii() && b[last].is_ascii() => first..last + 1,
        (Some(_), Some(_)) => {
            let start = s.len() - s.trim_start().len();
            start..start + s[start..].trim_end().len()
        }
        _ => s.len()..s.len(),
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Span {
        Span::new(r.start, r.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trim_keeps_offsets_into_the_original() {
        let text = "  Hama, \n";
        let s = Span::new(0, text.len()).trim(text);
        assert_eq!((s.start, s.end), (2, 7));
        assert_eq!(s.slice(text), "Hama,");
        assert_eq!(s.trim_end_matches(text, &[',']).slice(text), "Hama");
    }
}
