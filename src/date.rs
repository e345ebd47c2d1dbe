//! Article dates: a small calendar [`Date`], entity periods, and the date in an article's head.
//!
//! A date selects among entities that share an alias by their `period` (see
//! [`crate::matcher`]): "government forces" before December 2024 are the Assad-era army, after
//! it the transitional government's. The date comes from the caller (`--date`, a JSON Lines
//! `date` field) or, failing that, from [`find_in_head`]: the first full date (with a year) in
//! the article's first few lines ("Sat Mar 12 2016", "12 March 2016", "March 12, 2016",
//! "2016-03-12").
//!
//! Invariant: a [`Date`] is always a valid calendar date between the years 1000 and 9999.

use regex::Regex;
use std::fmt;
use std::str::FromStr;
use std::sync::LazyLock;

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

/// A string that is not a `YYYY-MM-DD` date.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not a date of the form YYYY-MM-DD")]
pub struct DateError(pub String);

impl Date {
    /// The date `year-month-day`, if it exists.
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400));
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1000..=9999).contains(&year) && (1..=days).contains(&day)).then_some(Date { year, month, day })
    }

    /// The year.
    pub fn year(self) -> u16 {
        self.year
    }

    /// The first day of a period side written `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn side(parts: &[&str], last: bool) -> Option<Date> {
        let num = |i: usize| parts.get(i).map(|p| p.parse::<u16>().ok());
        let year = num(0)??;
        let month = match num(1) {
            Some(m) => u8::try_from(m?).ok()?,
            None if last => 12,
            None => 1,
        };
        let day = match num(2) {
            Some(d) => u8::try_from(d?).ok()?,
            // The last day of the month: the largest day that exists.
            None if last => (28..=31).rev().find(|&d| Date::new(year, month, d).is_some())?,
            None => 1,
        };
        Date::new(year, month, day)
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Parses `YYYY-MM-DD`; a longer ISO 8601 timestamp (`2016-03-12T10:00:00Z`) gives its date.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let head = s.get(..10).ok_or_else(err)?;
        let rest = &s[10..];
        if !(rest.is_empty() || rest.starts_with(['T', ' '])) {
            return Err(err());
        }
        let b = head.as_bytes();
        if b[4] != b'-'
            || b[7] != b'-'
            || !head
                .bytes()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        {
            return Err(err());
        }
        let n = |r: std::ops::Range<usize>| head[r].parse::<u16>().unwrap_or(0);
        Date::new(n(0..4), n(5..7) as u8, n(8..10) as u8).ok_or_else(err)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// When an entity existed: both ends inclusive, either may be open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Period {
    /// First day, or None for "always before".
    pub start: Option<Date>,
    /// Last day, or None for "still".
    pub end: Option<Date>,
}

impl Period {
    /// Parses a gazetteer `period`: `START-END`, each side `YYYY`, `YYYY-MM` or `YYYY-MM-DD`
    /// or empty (`2011-2024-12-08`, `2024-12-08-`, `-2024-12-08`, `2025-`). A side of a year
    /// or month covers all of it. None when the value is not of that form.
    pub fn parse(s: &str) -> Option<Period> {
        let parts: Vec<&str> = s.trim().split('-').collect();
        // A four-digit part opens a side; the one- and two-digit parts after it continue it.
        let opens: Vec<usize> = (0..parts.len()).filter(|&i| parts[i].len() == 4).collect();
        let (start, end) = match (opens.as_slice(), parts.first(), parts.last()) {
            (&[a, b], _, _) => (Some(&parts[a..b]), Some(&parts[b..])),
            (&[a], Some(&""), _) if a == 1 => (None, Some(&parts[a..])),
            (&[0], _, Some(&"")) if parts.len() > 1 => (Some(&parts[..parts.len() - 1]), None),
            _ => return None,
        };
        let side = |p: Option<&[&str]>, last| p.map(|p| Date::side(p, last).ok_or(())).transpose();
        Some(Period {
            start: side(start, false).ok()?,
            end: side(end, true).ok()?,
        })
    }

    /// True when `date` lies in the period.
    pub fn contains(&self, date: Date) -> bool {
        self.start.is_none_or(|s| s <= date) && self.end.is_none_or(|e| date <= e)
    }
}

/// How far into an article [`find_in_head`] looks, in bytes: the title, byline and dateline.
const HEAD: usize = 400;

/// The first full date in the first [`HEAD`] bytes of `text` (its title, byline and dateline),
/// if any: "Sat Mar 12 2016", "12 March 2016", "March 12, 2016", "2016-03-12".
pub fn find_in_head(text: &str) -> Option<Date> {
    let mut end = text.len().min(HEAD);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = &text[..end];
    // The pattern's edges are ASCII letters and digits, so its ASCII word boundaries accept
    // every match of Unicode ones and more (a letter like "é" next to the edge): where the first
    // ASCII match also has Unicode boundaries it is the Unicode pattern's first match (an earlier
    // one would be an ASCII match too), and no ASCII match means no Unicode one. The ASCII
    // pattern runs on a DFA (8x faster on real heads); the Unicode one falls back to a slower
    // engine on any non-ASCII byte and is left for the rare rest.
    let caps = DATE_ASCII.captures(head)?;
    let m = caps.get(0).expect("group 0 is the match");
    let caps = if head[..m.start()].ends_with(is_word_char) || head[m.end()..].starts_with(is_word_char) {
        DATE.captures(head)?
    } else {
        caps
    };
    let get = |n: &str| caps.name(n).map(|m| m.as_str());
    let year: u16 = get("y1").or(get("y2")).or(get("y3"))?.parse().ok()?;
    let day: u8 = get("d1").or(get("d2")).or(get("d3"))?.parse().ok()?;
    let month = match get("m3") {
        Some(m) => m.parse().ok()?,
        None => month_number(get("m1").or(get("m2"))?)?,
    };
    Date::new(year, month, day)
}

fn month_number(name: &str) -> Option<u8> {
    let key = name.get(..3)?.to_ascii_lowercase();
    let months = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    months.iter().position(|m| *m == key).map(|i| i as u8 + 1)
}

/// A character of the regex crate's Unicode `\w` (letters, marks, decimal digits, connector
/// punctuation, joiners), the side test of its `\b`: for [`find_in_head`]'s boundary check and
/// the claims tokenizer's titles.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || (!c.is_ascii() && regex_syntax::is_word_character(c))
}

/// The date pattern with word boundaries `b` (`\b`, or `(?-u:\b)` for ASCII ones).
fn date_pattern(b: &str) -> Regex {
    let month = r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?";
    Regex::new(&format!(
        r"(?i){b}(?:(?P<m1>{month})\s+(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?,?\s+(?P<y1>(?:19|20)\d\d)|(?P<d2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?P<m2>{month}),?\s+(?P<y2>(?:19|20)\d\d)|(?P<y3>(?:19|20)\d\d)-(?P<m3>[01]\d)-(?P<d3>[0-3]\d)){b}"
    ))
    .expect("the date pattern compiles")
}

/// Compiles the pattern every undated article uses now rather than at the first one (start-up
/// does it on its spare thread); the Unicode one is for rare heads.
pub(crate) fn compile_patterns() {
    LazyLock::force(&DATE_ASCII);
}

static DATE: LazyLock<Regex> = LazyLock::new(|| date_pattern(r"\b"));
static DATE_ASCII: LazyLock<Regex> = LazyLock::new(|| date_pattern(r"(?-u:\b)"));

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn parses_and_prints_iso_dates() {
        assert_eq!(d("2016-03-12").to_string(), "2016-03-12");
        assert_eq!(d("2024-02-29T10:00:00Z"), d("2024-02-29"));
        for bad in ["2023-02-29", "2016-13-01", "16-03-12", "2016-3-12", "2016-03-12x", ""] {
            assert_eq!(bad.parse::<Date>(), Err(DateError(bad.to_string())), "{bad}");
        }
    }

    #[test]
    fn periods_cover_their_sides_inclusively() {
        let p = Period::parse("2011-2024-12-08").unwrap();
        assert_eq!((p.start, p.end), (Some(d("2011-01-01")), Some(d("2024-12-08"))));
        assert!(p.contains(d("2024-12-08")) && !p.contains(d("2024-12-09")) && !p.contains(d("2010-12-31")));
        let p = Period::parse("2024-12-08-").unwrap();
        assert_eq!((p.start, p.end), (Some(d("2024-12-08")), None));
        let p = Period::parse("-2024-02").unwrap();
        assert_eq!((p.start, p.end), (None, Some(d("2024-02-29"))));
        assert_eq!(Period::parse("2025-").unwrap().start, Some(d("2025-01-01")));
        assert_eq!(Period::parse("2013-2017").unwrap().end, Some(d("2017-12-31")));
        for bad in ["", "soon", "2011-2012-2013", "20-11"] {
            assert_eq!(Period::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn finds_the_date_in_the_head() {
        for (text, want) in [
            ("A title\n\nSat Mar 12 2016 Fighters advanced.", Some("2016-03-12")),
            ("Title\n\nBEIRUT, 3 December 2024 (Reuters) - x", Some("2024-12-03")),
            ("Title\nSeptember 9, 2013\nBody.", Some("2013-09-09")),
            ("Posted 2025-01-30 by staff.", Some("2025-01-30")),
            ("In March 2016 nothing had a day.", None),
            ("Feb 30 2016 is no day.", None),
        ] {
            assert_eq!(find_in_head(text).map(|d| d.to_string()).as_deref(), want, "{text}");
        }
        // Unicode word boundaries: a letter glued to the first date hides it, not the second.
        let glued = "éMar 12 2016, or 2016-04-01 and 3 May 2016";
        assert_eq!(
            find_in_head(glued).map(|d| d.to_string()).as_deref(),
            Some("2016-04-01")
        );
        assert_eq!(find_in_head("12 Mar 2016é").map(|d| d.to_string()), None);
        assert!(is_word_char('é') && is_word_char('\u{301}') && !is_word_char('²') && !is_word_char('’'));
        let late = format!("{}Mar 12 2016", "x ".repeat(HEAD));
        assert_eq!(find_in_head(&late), None);
    }
}
