//! The matcher's patterns: the phrase index ([`super::index`]) over every alias and context cue,
//! and what each pattern names (its alias targets and cue bits), compiled from a gazetteer and the
//! matcher's lexicon by [`Patterns::build`].
//!
//! For the embedded gazetteer and lexicon, `build.rs` runs the same `build` when the crate is
//! built and writes [`Patterns::encode`]'s bytes, which the binary embeds: [`Patterns::embedded`]
//! loads them with plain copies into the tables the walk reads, so start-up does not lower-case
//! and insert 51 K phrases (62 M instructions, most of the start-up's main thread). A gazetteer
//! the user changes is compiled at run time, as before.
//!
//! Invariants: pattern ids are given in first-seen order (aliases in load order, then cues), so
//! a build is deterministic; `decode(encode(p))` equals `p`, table for table, and the embedded
//! bytes are what `build` gives for the embedded gazetteer and lexicon (both tested).
//!
//! Layout: little-endian integers one after another, each list led by its length (a `u32`):
//! the index (see [`Index::encode`]), the heads, the targets (entity, exact string or
//! `u32::MAX`, flag bits), and the case-kept words, each as its length and bytes.

use super::index::Index;
use super::lexicon::{cue, Lexicon};
use crate::gazetteer::{EntityType, Gazetteer};
use foldhash::fast::FixedState;
use std::collections::{HashMap, HashSet};

/// The compiled patterns of one gazetteer and lexicon.
#[derive(Clone, Debug)]
pub(super) struct Patterns {
    /// Every folded, lower-cased alias and cue, as pattern ids.
    pub index: Index,
    /// What each pattern id names: see [`Heads`].
    pub heads: Heads,
    /// The alias targets, in ranges per pattern.
    pub targets: Vec<Target>,
    /// The case-kept folded words of case-sensitive aliases.
    pub exact: Vec<String>,
}

/// For each folded, lower-cased phrase (pattern id), the aliases it spells and its context-cue
/// kinds, in one `u32` a pattern: where its targets start (low 24 bits; they end where the next
/// pattern's start) and its cue bits (high 8). One more entry ends the last pattern's targets.
/// The walk reads a pattern per match, at random: 180 KB of heads stay in cache better than
/// the 550 KB that a (start, end, cues) triple a pattern took.
#[derive(Clone, Debug)]
pub(super) struct Heads(pub(super) Vec<u32>);

impl Heads {
    const START: u32 = (1 << 24) - 1;

    /// The range of pattern `k`'s targets and its cue bits.
    #[inline(always)]
    pub(super) fn get(&self, k: usize) -> (std::ops::Range<usize>, u8) {
        Heads::of(&self.0, k)
    }

    /// [`Heads::get`] on heads being built.
    #[inline(always)]
    fn of(heads: &[u32], k: usize) -> (std::ops::Range<usize>, u8) {
        let (head, end) = (heads[k], heads[k + 1]);
        let range = (head & Heads::START) as usize..(end & Heads::START) as usize;
        (range, (head >> 24) as u8)
    }

    /// The number of patterns.
    #[cfg(test)]
    pub(super) fn len(&self) -> usize {
        self.0.len() - 1
    }
}

/// An alias of one entity behind a pattern.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Target {
    /// The entity, as u32: 16-byte targets (24 with a usize), read at random per match.
    pub(super) entity: u32,
    /// Index into `exact` when the alias is case-sensitive.
    pub(super) exact: Option<u32>,
    /// Counts only with evidence.
    pub(super) weak: bool,
    /// The alias ends with a period ("U.S."), which folding drops but the span should keep.
    pub(super) dot: bool,
    /// A proper name that may take an apostrophe-less genitive `s`.
    pub(super) genitive: bool,
    /// Spells a common English word (IS, US, WHO).
    pub(super) common: bool,
}

/// `s.trim_start()`, without decoding when it starts with one ASCII space then a word (every
/// folded alias): the index build trims tens of thousands of them.
fn trim_start(s: &str) -> &str {
    match s.strip_prefix(' ') {
        Some(rest) if !rest.starts_with(char::is_whitespace) => rest,
        _ => s.trim_start(),
    }
}

/// `s.split(' ').nth(1).unwrap_or("")` (the first word of a folded alias, after its leading
/// space) by `memchr`, without the char searcher `split` runs.
fn second_word(s: &str) -> &str {
    let Some(i) = memchr::memchr(b' ', s.as_bytes()) else {
        return "";
    };
    let rest = &s[i + 1..];
    &rest[..memchr::memchr(b' ', rest.as_bytes()).unwrap_or(rest.len())]
}

/// `s.trim_end()`, as [`trim_start`].
fn trim_end(s: &str) -> &str {
    match s.strip_suffix(' ') {
        Some(rest) if !rest.ends_with(char::is_whitespace) => rest,
        _ => s.trim_end(),
    }
}

impl Patterns {
    /// The patterns of the embedded gazetteer and lexicon, compiled by the build.
    pub fn embedded() -> Patterns {
        Patterns::decode(crate::EMBEDDED_PATTERNS)
    }

    /// Compiles the patterns of `gazetteer`'s aliases and `lexicon`'s cues.
    pub fn build(gazetteer: &Gazetteer, lexicon: &Lexicon) -> Patterns {
        // Pattern ids in first-seen order (aliases in load order, then cues): deterministic.
        let mut index = Index::with_capacity(gazetteer.aliases().len() + lexicon.cues.len());
        let mut pairs: Vec<(u32, Target)> = Vec::with_capacity(gazetteer.aliases().len());
        let mut exact = Vec::new();
        let mut next = 0;
        // The number of aliases of each pattern id, counted as they come.
        let mut sizes: Vec<u32> = Vec::with_capacity(gazetteer.aliases().len());
        // Given names that begin place names ("al", "tal", "wadi") are no person cues: marked here.
        let mut given: HashMap<&str, bool, FixedState> = (lexicon.cues.iter())
            .filter(|(_, bits)| *bits == cue::GIVEN_NAME)
            .map(|(p, _)| (p.trim_start(), false))
            .collect();
        let common: HashSet<&str, FixedState> = lexicon.common_words.iter().map(String::as_str).collect();
        let mut lower = String::new();
        for alias in gazetteer.aliases() {
            let folded = trim_end(&alias.folded);
            let word = trim_start(folded);
            lower.clear();
            lower.push_str(folded);
            lower.make_ascii_lowercase();
            let space = memchr::memrchr(b' ', word.as_bytes());
            let last = space.map_or(word, |i| &word[i + 1..]);
            if space.is_some() && gazetteer.entity(alias.entity).kind == EntityType::Place {
                if let Some(starts_place) = given.get_mut(second_word(&lower)) {
                    *starts_place = true;
                }
            }
            let k = index.insert(&lower, next);
            if k == next {
                next += 1;
                sizes.push(1);
            } else {
                sizes[k as usize] += 1;
            }
            // Only ASCII letters have case in the view: other case-sensitive aliases (Arabic)
            // need no check.
            let cased = alias.case_sensitive && word.bytes().any(|b| b.is_ascii_alphabetic());
            pairs.push((
                k,
                Target {
                    entity: u32::try_from(alias.entity).expect("fewer than 2^32 entities"),
                    exact: cased.then(|| {
                        exact.push(word.to_string());
                        exact.len() as u32 - 1
                    }),
                    weak: alias.weak,
                    dot: alias.text.ends_with('.'),
                    genitive: alias.text.starts_with(char::is_uppercase)
                        && last.len() >= 4
                        && last.bytes().all(|b| b.is_ascii_alphabetic())
                        && !last.ends_with(['s', 'S']),
                    // `lower` has the white space of `folded`, in ASCII.
                    common: common.contains(&lower[folded.len() - word.len()..]),
                },
            ));
        }
        // Grouped by pattern id, in alias order within a pattern: a stable counting sort, as
        // the ids are dense (a comparison sort took 18 M instructions of the start-up). Then
        // a pattern's repeated targets are dropped as its range is set, in the same pass: the
        // list is 46 K pairs of 32 bytes, and each pass over it misses the cache all along.
        let mut start = Vec::with_capacity(sizes.len() + 1);
        start.push(0);
        for size in sizes {
            start.push(start[start.len() - 1] + size as usize);
        }
        let mut fill = start.clone();
        let mut targets = match pairs.first() {
            Some(&(_, any)) => vec![any; pairs.len()], // every slot is overwritten below
            None => Vec::new(),
        };
        for (k, t) in pairs {
            targets[fill[k as usize]] = t;
            fill[k as usize] += 1;
        }
        // A target per alias at most, and the gazetteer refuses more than MAX_ALIASES of those.
        const { assert!(crate::gazetteer::MAX_ALIASES <= Heads::START as usize) };
        assert!(
            targets.len() <= Heads::START as usize,
            "more than 2^24 - 1 alias targets"
        );
        let mut heads = Vec::with_capacity(start.len());
        let mut len = 0;
        for range in start.windows(2) {
            let first = len;
            heads.push(first as u32);
            for i in range[0]..range[1] {
                let t = targets[i];
                if len == first || targets[len - 1] != t {
                    targets[len] = t;
                    len += 1;
                }
            }
        }
        heads.push(len as u32);
        targets.truncate(len);
        for (phrase, bits) in &lexicon.cues {
            if *bits == cue::GIVEN_NAME && given.get(phrase.trim_start()) == Some(&true) {
                continue;
            }
            let k = index.insert(phrase, next) as usize;
            if k == heads.len() - 1 {
                next += 1;
                heads.push(len as u32);
            }
            let (range, _) = Heads::of(&heads, k);
            // A given name that is also a strong alias ("Jordan") is that name, not a person cue.
            if *bits != cue::GIVEN_NAME || targets[range].iter().all(|t| t.weak) {
                heads[k] |= u32::from(*bits) << 24;
            }
        }
        Patterns {
            index,
            heads: Heads(heads),
            targets,
            exact,
        }
    }

    /// The patterns as bytes (see the module docs), the same for equal patterns.
    #[allow(dead_code)] // used by build.rs and the tests
    pub fn encode(&self) -> Vec<u8> {
        let mut w = Writer(MAGIC.to_vec());
        self.index.encode(&mut w);
        w.u32s(&self.heads.0);
        w.len(self.targets.len());
        for t in &self.targets {
            w.u32(t.entity);
            w.u32(t.exact.unwrap_or(u32::MAX));
            let flags = [t.weak, t.dot, t.genitive, t.common];
            w.u32(flags.iter().enumerate().map(|(i, &f)| u32::from(f) << i).sum());
        }
        w.len(self.exact.len());
        for word in &self.exact {
            w.bytes(word.as_bytes());
        }
        w.0
    }

    /// The patterns [`Patterns::encode`] wrote into `bytes`. Panics on bytes it did not write
    /// (they come from the build, never from the user).
    pub fn decode(bytes: &[u8]) -> Patterns {
        let mut r = Reader(bytes.strip_prefix(MAGIC).expect("encoded patterns"));
        let index = Index::decode(&mut r);
        let heads = Heads(r.u32s());
        let n = r.len();
        let targets = r
            .records::<12>(n)
            .map(|t| {
                let (entity, exact, flags) = (le32(&t, 0), le32(&t, 4), le32(&t, 8));
                Target {
                    entity,
                    exact: (exact != u32::MAX).then_some(exact),
                    weak: flags & 1 != 0,
                    dot: flags & 2 != 0,
                    genitive: flags & 4 != 0,
                    common: flags & 8 != 0,
                }
            })
            .collect();
        let exact = (0..r.len())
            .map(|_| String::from_utf8(r.bytes().to_vec()).expect("UTF-8 words"))
            .collect();
        assert!(r.0.is_empty(), "bytes left after encoded patterns");
        Patterns {
            index,
            heads,
            targets,
            exact,
        }
    }
}

/// The first bytes of encoded patterns (the last is the layout's version).
const MAGIC: &[u8; 4] = b"CXP\x01";

/// Little-endian integers written one after another.
pub(super) struct Writer(pub Vec<u8>);

impl Writer {
    pub fn u32(&mut self, v: u32) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    pub fn u64(&mut self, v: u64) {
        self.0.extend_from_slice(&v.to_le_bytes());
    }

    /// A length or index, as a `u32`.
    pub fn len(&mut self, n: usize) {
        self.u32(u32::try_from(n).expect("under 2^32"));
    }

    /// A list of `u32`, led by its length.
    pub fn u32s(&mut self, v: &[u32]) {
        self.len(v.len());
        v.iter().for_each(|&x| self.u32(x));
    }

    /// Bytes, led by their length.
    pub fn bytes(&mut self, b: &[u8]) {
        self.len(b.len());
        self.0.extend_from_slice(b);
    }
}

/// The `u32` at byte `at` of a record.
#[inline]
pub(super) fn le32<const N: usize>(record: &[u8; N], at: usize) -> u32 {
    u32::from_le_bytes(record[at..at + 4].try_into().expect("4 bytes"))
}

/// The `u64` at byte `at` of a record.
#[inline]
pub(super) fn le64<const N: usize>(record: &[u8; N], at: usize) -> u64 {
    u64::from_le_bytes(record[at..at + 8].try_into().expect("8 bytes"))
}

/// What a [`Writer`] wrote, read in the same order. Panics when there are too few bytes.
pub(super) struct Reader<'a>(pub &'a [u8]);

impl<'a> Reader<'a> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let (head, rest) = self.0.split_first_chunk().expect("enough bytes");
        self.0 = rest;
        *head
    }

    pub fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }

    pub fn len(&mut self) -> usize {
        self.u32() as usize
    }

    /// A list of `u32` written by [`Writer::u32s`].
    pub fn u32s(&mut self) -> Vec<u32> {
        let n = self.len();
        self.records::<4>(n).map(u32::from_le_bytes).collect()
    }

    /// The next `n` records of `N` bytes each, read with [`le32`] and [`le64`]: a table read
    /// so costs a few instructions a field, not a bounds check and a slice split each.
    pub fn records<const N: usize>(&mut self, n: usize) -> impl Iterator<Item = [u8; N]> + 'a {
        let (list, rest) = self.0.split_at(N * n);
        self.0 = rest;
        list.chunks_exact(N).map(|c| c.try_into().expect("N bytes"))
    }

    /// Bytes written by [`Writer::bytes`].
    pub fn bytes(&mut self) -> &'a [u8] {
        let n = self.len();
        let (b, rest) = self.0.split_at(n);
        self.0 = rest;
        b
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns the build embedded are, byte for byte, those compiled at run time from the
    /// embedded gazetteer and lexicon, and loading them gives them back: each alias walks to
    /// the same pattern with the same targets in both.
    #[test]
    fn the_embedded_patterns_are_those_built_at_run_time() {
        let gazetteer = Gazetteer::embedded();
        let built = Patterns::build(&gazetteer, &Lexicon::embedded());
        let bytes = built.encode();
        assert!(bytes == crate::EMBEDDED_PATTERNS, "the embedded patterns differ");
        let loaded = Patterns::embedded();
        assert!(loaded.encode() == bytes, "decode loses something");
        assert_eq!(loaded.heads.0, built.heads.0);
        assert_eq!(loaded.targets, built.targets);
        assert_eq!(loaded.exact, built.exact);
        let walk = |p: &Patterns, view: &str| {
            let mut got = Vec::new();
            let padded = format!("{view}{}", " ".repeat(16));
            p.index
                .walk(&padded, view.len(), &mut Vec::new(), |s, e, k| got.push((s, e, k)));
            got
        };
        let mut found = 0;
        for alias in gazetteer.aliases() {
            let view = alias.folded.to_ascii_lowercase();
            let got = walk(&loaded, &view);
            assert_eq!(got, walk(&built, &view), "{:?}", alias.text);
            found += got.len();
        }
        assert!(found >= gazetteer.aliases().len(), "{found} patterns found");
    }

    #[test]
    fn the_index_build_trims_as_str_trim() {
        for s in [
            "",
            " ",
            "  ",
            " a ",
            "a",
            " ab cd ",
            "  x  ",
            " \u{a0}y\u{a0} ",
            "\u{2003}z ",
            " é\u{3000}",
            "w \t",
        ] {
            assert_eq!(trim_start(s), s.trim_start(), "{s:?}");
            assert_eq!(trim_end(s), s.trim_end(), "{s:?}");
        }
    }

    #[test]
    fn second_word_is_split_nth_one() {
        for s in [
            "",
            "x",
            " ",
            " tal abyad",
            " tal",
            "tal abyad",
            "  a b",
            " a  b",
            "a b c",
            " wadi al nasara ",
        ] {
            assert_eq!(second_word(s), s.split(' ').nth(1).unwrap_or(""), "{s:?}");
        }
    }
}
