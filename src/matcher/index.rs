//! The phrase index: every folded, lower-cased alias and cue, looked up by hashing runs of whole
//! words of the view.
//!
//! Phrases are stored as they appear in the view after a word boundary, with their leading
//! space (`" deir ez zor"`). Each word-prefix of a longer phrase (`" deir"`, `" deir ez"`) is
//! stored too, marked as continuing, so [`Index::walk`] extends a run word by word only while
//! some phrase still starts with it. The lookups per word are therefore bounded by the longest
//! phrase (in words), not by the number of phrases, and building is one hash insertion per
//! phrase and prefix: tens of thousands of village names cost milliseconds, where an
//! Aho-Corasick automaton took most of the start-up.
//!
//! Invariant: a walk reports exactly the phrases that occur as whole words, plus those followed
//! by a bare `s` that ends the word (a scraped genitive, "Syrias"; the caller decides whether it
//! counts), and it reports them in view order of their start.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// No phrase ends here: the entry only continues into longer phrases.
const NONE: u32 = u32::MAX;

/// Folded phrases by their view form.
#[derive(Clone, Debug, Default)]
pub(super) struct Index {
    map: HashMap<Box<str>, Entry, BuildHasherDefault<Fnv>>,
}

#[derive(Clone, Copy, Debug)]
struct Entry {
    /// The phrase's pattern id, or [`NONE`].
    pattern: u32,
    /// Some longer phrase starts with this one and a space.
    continues: bool,
}

impl Index {
    /// The pattern id of `phrase` (folded, lower-cased, with its leading space), adding it as
    /// pattern `next` if it has none yet.
    pub fn insert(&mut self, phrase: &str, next: u32) -> u32 {
        if let Some(e) = self.map.get_mut(phrase) {
            if e.pattern != NONE {
                return e.pattern;
            }
            e.pattern = next;
        } else {
            self.map.insert(
                phrase.into(),
                Entry {
                    pattern: next,
                    continues: false,
                },
            );
        }
        for (i, _) in phrase.match_indices(' ').skip(1) {
            match self.map.get_mut(&phrase[..i]) {
                Some(e) => e.continues = true,
                None => {
                    let e = Entry {
                        pattern: NONE,
                        continues: true,
                    };
                    self.map.insert(phrase[..i].into(), e);
                }
            }
        }
        next
    }

    /// The pattern id of `phrase`, if it is one.
    pub fn get(&self, phrase: &str) -> Option<usize> {
        self.map
            .get(phrase)
            .filter(|e| e.pattern != NONE)
            .map(|e| e.pattern as usize)
    }

    /// Calls `found(start, end, pattern)` for every phrase at a word start of the lower-cased
    /// `view`: `[start, end)` runs from the space before the phrase to the end of its last word
    /// (without a genitive `s`).
    pub fn walk(&self, view: &str, mut found: impl FnMut(usize, usize, usize)) {
        let b = view.as_bytes();
        let next_space = |from: usize| b[from..].iter().position(|&c| c == b' ').map_or(b.len(), |p| from + p);
        let mut start = 0;
        while start + 1 < b.len() {
            let mut end = next_space(start + 1);
            let first_end = end;
            loop {
                if end - start > 5 && b[end - 1] == b's' {
                    if let Some(p) = self.get(&view[start..end - 1]) {
                        found(start, end - 1, p);
                    }
                }
                let Some(e) = self.map.get(&view[start..end]) else {
                    break;
                };
                if e.pattern != NONE {
                    found(start, end, e.pattern as usize);
                }
                if !e.continues || end + 1 >= b.len() {
                    break;
                }
                end = next_space(end + 1);
            }
            start = first_end;
        }
    }
}

/// FNV-1a: fast for the short keys here, and deterministic.
#[derive(Clone, Copy, Debug)]
pub(super) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_whole_words_longest_and_shorter_and_genitives() {
        let mut index = Index::default();
        for (i, p) in [" deir ez zor", " deir", " syria", " ez"].iter().enumerate() {
            assert_eq!(index.insert(p, i as u32), i as u32);
        }
        assert_eq!(index.insert(" deir", 9), 1, "a phrase keeps its first id");
        let view = " deir ez zor and syrias deirez deir ez ";
        let mut got = Vec::new();
        index.walk(view, |s, e, p| got.push((&view[s..e], p)));
        assert_eq!(
            got,
            [
                (" deir", 1),
                (" deir ez zor", 0),
                (" ez", 3),
                (" syria", 2),
                (" deir", 1),
                (" ez", 3)
            ]
        );
        assert_eq!(index.get(" deir ez"), None, "a prefix is no phrase");
    }
}
