//! The phrase index: every folded, lower-cased alias and cue, as a trie over word ids.
//!
//! Phrases are stored as they appear in the view after a word boundary, with their leading
//! space (`" deir ez zor"`). Every word of a phrase gets an id; a one-word phrase is found by
//! its word id, and a longer one by following `(phrase so far, next word id)` edges, which
//! exist only while some phrase still starts with the words so far. [`Index::walk`] looks each
//! word of a view up once (one string hash), then extends a run by hashing integer pairs, so
//! the lookups per word are bounded by the longest phrase (in words), not by the number of
//! phrases. Building is one insertion per word of each phrase: tens of thousands of village
//! names cost milliseconds, where an Aho-Corasick automaton took most of the start-up.
//! The maps hash with foldhash's fixed-seed hasher: fast on short keys, and deterministic.
//!
//! Invariant: a walk reports exactly the phrases that occur as whole words, plus those followed
//! by a bare `s` that ends the word (a scraped genitive, "Syrias"; the caller decides whether it
//! counts), and it reports them in view order of their start.

use foldhash::fast::FixedState;
use std::collections::HashMap;

/// A word of a view: the space before it, its end, and its id if some phrase has it.
pub(super) type Word = (usize, usize, Option<u32>);

/// No phrase ends at this node: it only continues into longer phrases.
const NONE: u32 = u32::MAX;

/// The root of the trie: the empty phrase.
const ROOT: u32 = 0;

/// Folded phrases as a trie over word ids.
#[derive(Clone, Debug)]
pub(super) struct Index {
    /// The id of every word of every phrase.
    words: HashMap<Box<str>, u32, FixedState>,
    /// The node of the one-word phrase of each word id (the root's children), or [`NONE`].
    first: Vec<u32>,
    /// The node of `(node << 32) | word id`: a phrase and its next word.
    edges: HashMap<u64, u32, FixedState>,
    nodes: Vec<Node>,
}

#[derive(Clone, Copy, Debug)]
struct Node {
    /// The phrase's pattern id, or [`NONE`].
    pattern: u32,
    /// Some longer phrase starts with this one and a space.
    continues: bool,
}

impl Default for Index {
    fn default() -> Index {
        Index {
            words: HashMap::default(),
            first: Vec::new(),
            edges: HashMap::default(),
            nodes: vec![Node {
                pattern: NONE,
                continues: true,
            }],
        }
    }
}

impl Index {
    /// An empty index with room for about `phrases` phrases.
    pub fn with_capacity(phrases: usize) -> Index {
        let mut index = Index::default();
        index.words.reserve(phrases);
        index.first.reserve(phrases);
        index.edges.reserve(phrases);
        index.nodes.reserve(phrases);
        index
    }

    /// The pattern id of `phrase` (folded, lower-cased, with its leading space), adding it as
    /// pattern `next` if it has none yet.
    pub fn insert(&mut self, phrase: &str, next: u32) -> u32 {
        let mut node = ROOT;
        for word in phrase.strip_prefix(' ').unwrap_or(phrase).split(' ') {
            let id = self.word(word).unwrap_or_else(|| {
                let id = self.words.len() as u32;
                self.words.insert(word.into(), id);
                self.first.push(NONE);
                id
            });
            node = match self.child(node, Some(id)) {
                Some(child) => child,
                None => {
                    let child = self.nodes.len() as u32;
                    self.nodes.push(Node {
                        pattern: NONE,
                        continues: false,
                    });
                    self.nodes[node as usize].continues = true;
                    match node {
                        ROOT => self.first[id as usize] = child,
                        _ => {
                            self.edges.insert(edge(node, id), child);
                        }
                    }
                    child
                }
            };
        }
        let pattern = &mut self.nodes[node as usize].pattern;
        if *pattern == NONE {
            *pattern = next;
        }
        *pattern
    }

    /// The id of `word`, if some phrase has it.
    fn word(&self, word: &str) -> Option<u32> {
        self.words.get(word).copied()
    }

    /// The node of phrase `node` followed by word `id`.
    fn child(&self, node: u32, id: Option<u32>) -> Option<u32> {
        let id = id?;
        let child = match node {
            ROOT => self.first[id as usize],
            _ => *self.edges.get(&edge(node, id))?,
        };
        (child != NONE).then_some(child)
    }

    /// The pattern id of the phrase at `node`.
    fn pattern(&self, node: u32) -> Option<usize> {
        let p = self.nodes[node as usize].pattern;
        (p != NONE).then_some(p as usize)
    }

    /// Calls `found(start, end, pattern)` for every phrase at a word start of the lower-cased
    /// `view`: `[start, end)` runs from the space before the phrase to the end of its last word
    /// (without a genitive `s`). Each word of the view is looked up once; a phrase then costs
    /// one lookup of an integer pair per further word.
    /// `words` is a buffer for the view's words.
    pub fn walk(&self, view: &str, words: &mut Vec<Word>, mut found: impl FnMut(usize, usize, usize)) {
        let b = view.as_bytes();
        words.clear();
        let mut start = 0;
        while start + 1 < b.len() {
            let end = b[start + 1..]
                .iter()
                .position(|&c| c == b' ')
                .map_or(b.len(), |p| start + 1 + p);
            words.push((start, end, self.word(&view[start + 1..end])));
            start = end;
        }
        for (k, &(start, ..)) in words.iter().enumerate() {
            let mut node = ROOT;
            for &(before, end, id) in &words[k..] {
                if end - start > 5 && b[end - 1] == b's' {
                    let stem = self.word(&view[before + 1..end - 1]);
                    if let Some(p) = self.child(node, stem).and_then(|n| self.pattern(n)) {
                        found(start, end - 1, p);
                    }
                }
                let Some(child) = self.child(node, id) else {
                    break;
                };
                if let Some(p) = self.pattern(child) {
                    found(start, end, p);
                }
                if !self.nodes[child as usize].continues || end + 1 >= b.len() {
                    break;
                }
                node = child;
            }
        }
    }
}

/// The key of the edge from `node` by word `id`.
fn edge(node: u32, id: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(id)
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
        index.walk(view, &mut Vec::new(), |s, e, p| got.push((&view[s..e], p)));
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
        let mut prefix = Vec::new();
        index.walk(" deir ez ", &mut Vec::new(), |s, e, p| prefix.push((s, e, p)));
        assert_eq!(prefix, [(0, 5, 1), (5, 8, 3)], "a prefix is no phrase");
        // A genitive on the last word of a longer phrase; blanked prefixes leave runs of
        // spaces, which are no words; an unknown word ends a run.
        let view = " deir ez zors  syria deir xx zor ";
        let mut got = Vec::new();
        index.walk(view, &mut Vec::new(), |s, e, p| got.push((&view[s..e], p)));
        assert_eq!(
            got,
            [
                (" deir", 1),
                (" deir ez zor", 0),
                (" ez", 3),
                (" syria", 2),
                (" deir", 1)
            ]
        );
    }
}
