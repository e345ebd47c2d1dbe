//! The phrase index: every folded, lower-cased alias and cue, as a trie over word ids.
//!
//! Phrases are stored as they appear in the view after a word boundary, with their leading
//! space (`" deir ez zor"`). Every word of a phrase gets an id; a one-word phrase is found in
//! its word's slot (which holds the word's id and node), and a longer one by following
//! `(phrase so far, next word id)` edges, which exist only while some phrase still starts with
//! the words so far. [`Index::walk`] looks each word of a view up once, then extends a run by
//! hashing integer pairs, so the lookups per word are bounded by the longest phrase (in words),
//! not by the number of phrases. Building is one insertion per word of each phrase: tens of
//! thousands of village names cost milliseconds, where an Aho-Corasick automaton took most of
//! the start-up.
//! A word of under 16 bytes (nearly all of them) is found and looked up in one go: two 8-byte
//! reads give both its end (the first space, by a bit trick) and its key, the bytes packed into
//! two integers, for an open-addressing table of its own ([`Words`]): no byte-by-byte scan, no
//! string hash, no pointer to follow, no `memcmp`. Longer words, and the edges, use maps with
//! foldhash's fixed-seed hasher. All of it is deterministic.
//!
//! Invariant: a walk reports exactly the phrases that occur as whole words, plus those followed
//! by a bare `s` that ends the word (a scraped genitive, "Syrias"; the caller decides whether it
//! counts), and it reports each once, in order of the word it ends in.

use super::patterns::{le32, le64, Reader, Writer};
use crate::fold::ONES;
use foldhash::fast::FixedState;
use std::collections::HashMap;

/// An open run of a walk: the space before its first word, and its trie node.
pub(super) type Run = (usize, u32);

/// No node: the word is no phrase alone, only part of longer ones (or the slot is empty).
const NONE: u32 = u32::MAX;

/// The root of the trie: the empty phrase.
const ROOT: u32 = 0;

/// Folded phrases as a trie over word ids.
#[derive(Clone, Debug)]
pub(super) struct Index {
    /// Every word of every phrase, with its id and its one-word phrase's node.
    words: Words,
    /// The node of `(node << 32) | word id`: a phrase and its next word.
    edges: HashMap<u64, u32, FixedState>,
    nodes: Vec<Node>,
}

/// A trie node in four bytes, so a walk's look-ups touch half the memory: the low 31 bits are
/// the phrase's pattern id, or [`Node::NO_PATTERN`]; the top bit is set when some longer phrase
/// starts with this one and a space.
#[derive(Clone, Copy, Debug)]
struct Node(u32);

impl Node {
    const CONTINUES: u32 = 1 << 31;
    const NO_PATTERN: u32 = Node::CONTINUES - 1;
    /// A phrase nothing continues, with no pattern yet.
    const LEAF: Node = Node(Node::NO_PATTERN);

    fn pattern(self) -> Option<usize> {
        let p = self.0 & Node::NO_PATTERN;
        (p != Node::NO_PATTERN).then_some(p as usize)
    }

    fn continues(self) -> bool {
        self.0 & Node::CONTINUES != 0
    }
}

impl Default for Index {
    fn default() -> Index {
        Index {
            words: Words::default(),
            edges: HashMap::default(),
            nodes: vec![Node(Node::CONTINUES | Node::NO_PATTERN)],
        }
    }
}

impl Index {
    /// An empty index with room for about `phrases` phrases. Phrases share words (the embedded
    /// gazetteer's and lexicon's 51 K phrases have 31 K distinct words), so the word table gets
    /// room for half as many words as phrases, and grows if it needs to: a table sized for one
    /// word a phrase was twice as large, three quarters empty, and missed the cache twice as
    /// often.
    pub fn with_capacity(phrases: usize) -> Index {
        let mut index = Index::default();
        index.words.reserve(phrases / 2);
        index.edges.reserve(phrases);
        index.nodes.reserve(phrases);
        index
    }

    /// The pattern id of `phrase` (folded, lower-cased, with its leading space), adding it as
    /// pattern `next` if it has none yet.
    pub fn insert(&mut self, phrase: &str, next: u32) -> u32 {
        let mut node = ROOT;
        for word in phrase.strip_prefix(' ').unwrap_or(phrase).split(' ') {
            let known = self.word(word.as_bytes(), 0, word.len());
            if let Some(child) = self.child(node, known) {
                node = child;
                continue;
            }
            let child = self.nodes.len() as u32;
            self.nodes.push(Node::LEAF);
            self.nodes[node as usize].0 |= Node::CONTINUES;
            // A new word is added with its node, if it starts the phrase; a known one that
            // was only ever a later word gets its node now.
            let first = if node == ROOT { child } else { NONE };
            let id = match known {
                Some(known) => {
                    if node == ROOT {
                        self.words.get_mut(word).expect("a known word").first = child;
                    }
                    known.id
                }
                None => {
                    let id = self.words.count() as u32;
                    self.words.insert(word, Word { id, first });
                    id
                }
            };
            if node != ROOT {
                self.edges.insert(edge(node, id), child);
            }
            node = child;
        }
        let at = &mut self.nodes[node as usize];
        match at.pattern() {
            Some(pattern) => pattern as u32,
            None => {
                assert!(next < Node::NO_PATTERN, "more than 2^31 - 1 patterns");
                at.0 = (at.0 & Node::CONTINUES) | next;
                next
            }
        }
    }

    /// Writes the index for [`Index::decode`]: the words, the edges sorted by key, the nodes.
    pub fn encode(&self, w: &mut Writer) {
        self.words.encode(w);
        let mut edges: Vec<(u64, u32)> = self.edges.iter().map(|(&k, &v)| (k, v)).collect();
        edges.sort_unstable();
        w.len(edges.len());
        for (key, node) in edges {
            w.u64(key);
            w.u32(node);
        }
        w.u32s(&self.nodes.iter().map(|n| n.0).collect::<Vec<_>>());
    }

    /// The index [`Index::encode`] wrote.
    pub fn decode(r: &mut Reader) -> Index {
        let words = Words::decode(r);
        let n = r.len();
        let mut edges = HashMap::with_capacity_and_hasher(n, FixedState::default());
        for e in r.records::<12>(n) {
            edges.insert(le64(&e, 0), le32(&e, 8));
        }
        let nodes = r.u32s().into_iter().map(Node).collect();
        Index { words, edges, nodes }
    }

    /// The word `b[from..to]`, if some phrase has it.
    fn word(&self, b: &[u8], from: usize, to: usize) -> Option<Word> {
        self.words.get(b, from, to)
    }

    /// The node of phrase `node` followed by `word`.
    fn child(&self, node: u32, word: Option<Word>) -> Option<u32> {
        let word = word?;
        let child = match node {
            ROOT => word.first,
            _ => *self.edges.get(&edge(node, word.id))?,
        };
        (child != NONE).then_some(child)
    }

    /// The pattern id of the phrase at `node`.
    fn pattern(&self, node: u32) -> Option<usize> {
        self.nodes[node as usize].pattern()
    }

    /// Calls `found(start, end, pattern)` for every phrase at a word start of the lower-cased
    /// view `padded[..len]`: `[start, end)` runs from the space before the phrase to the end of
    /// its last word (without a genitive `s`). Bytes after `len` only pad reads: with 16 of
    /// them, every word under 16 bytes is found and looked up from two 8-byte reads.
    /// One pass over the words: each is looked up once and extends the runs still open (at
    /// most as many as the longest phrase has words, usually none) by one lookup of an integer
    /// pair each. Phrases are reported in order of the word they end in.
    /// `runs` is a buffer for the open runs.
    pub fn walk(&self, padded: &str, len: usize, runs: &mut Vec<Run>, mut found: impl FnMut(usize, usize, usize)) {
        let b = padded.as_bytes();
        debug_assert!(len <= b.len() && (len == 0 || b[len - 1] == b' '));
        runs.clear();
        let mut before = 0;
        while before + 1 < len {
            let (end, key, last) = match self.words.scan(b, before + 1) {
                Some((end, key, last)) => (end, Some(key), last),
                None => {
                    let end = memchr::memchr(b' ', &b[before + 1..len]).map_or(len, |p| before + 1 + p);
                    (end, pack(b, before + 1, end), b[end - 1])
                }
            };
            let id = match key {
                Some(key) => self.words.find(key),
                None => self.word(b, before + 1, end),
            };
            // Nothing to extend, start or cut a genitive from: the common case. So is a word of
            // some phrase that starts none ("of", "and") while no run is open.
            let plural = last == b's';
            if runs.is_empty() && !plural && id.is_none_or(|w| w.first == NONE) {
                before = end;
                continue;
            }
            // A genitive ("Syrias") is the word without its final `s`, looked up at most once.
            let mut stem = Stem { word: key, id: None };
            // The runs that go on into this word, then the run this word starts.
            let mut kept = 0;
            for k in 0..runs.len() {
                let (start, node) = runs[k];
                if plural {
                    self.genitive(b, (before, end), (start, node), &mut stem, &mut found);
                }
                if let Some(next) = self.step(start, node, id, end, len, &mut found) {
                    runs[kept] = (start, next);
                    kept += 1;
                }
            }
            runs.truncate(kept);
            if plural {
                self.genitive(b, (before, end), (before, ROOT), &mut stem, &mut found);
            }
            if let Some(next) = self.step(before, ROOT, id, end, len, &mut found) {
                runs.push((before, next));
            }
            before = end;
        }
    }

    /// Reports the phrase that the run from `start` at `node` completes with the word
    /// `b[before + 1..end]` less its final `s`, if the phrase is longer than four bytes.
    fn genitive(
        &self,
        b: &[u8],
        (before, end): (usize, usize),
        (start, node): (usize, u32),
        stem: &mut Stem,
        found: &mut impl FnMut(usize, usize, usize),
    ) {
        if end - start > 5 {
            let id = *stem.id.get_or_insert_with(|| match stem.word {
                Some(key) => self.words.find(without_last(key, end - before - 1)),
                None => self.word(b, before + 1, end - 1),
            });
            if let Some(p) = self.child(node, id).and_then(|n| self.pattern(n)) {
                found(start, end - 1, p);
            }
        }
    }

    /// Extends the run from `start` at `node` by the word `id` ending at `end`, reporting the
    /// phrase it completes; the node to go on from, if some longer phrase may follow. Always
    /// inlined: with a plain `#[inline]`, whether it was inlined into [`Index::walk`] turned on
    /// unrelated code elsewhere in the crate (walk 80.7 M -> 90.3 M instructions on PolNeAR).
    #[inline(always)]
    fn step(
        &self,
        start: usize,
        node: u32,
        id: Option<Word>,
        end: usize,
        len: usize,
        found: &mut impl FnMut(usize, usize, usize),
    ) -> Option<u32> {
        let child = self.child(node, id)?;
        if let Some(p) = self.pattern(child) {
            found(start, end, p);
        }
        (self.nodes[child as usize].continues() && end + 1 < len).then_some(child)
    }
}

/// Words (their ids and one-word nodes) in an open-addressing table with linear probing, at
/// most half full. A word of up
/// to 16 bytes is its key, packed little-endian into two integers with zeros after it (a word
/// has no zero byte, so the packing is one-to-one); longer words go to `long`.
///
/// Each slot has a one-byte tag in an array of its own: 0 when the slot is empty, else the
/// high bit and seven bits of the key's hash that do not choose the slot. A look-up tests the
/// key's bit in `bits` first, then probes the tags and reads a slot only on a tag match. Most
/// words of a text are in no phrase: about four in five of them stop at their bit (16 KB),
/// and most others at the tags (one byte a slot), instead of reading a 24-byte slot at random
/// (a cache miss a word).
#[derive(Clone, Debug)]
struct Words {
    /// Two bits a slot, each set by the keys whose hash picks it (hash bits 32 and up, which
    /// neither the slot nor the tag use): a word whose bit is clear is absent, known from
    /// 16 KB for 64 K slots, which stay in cache, before any tag is read. With the table at
    /// most half full, at most a quarter of the bits are set.
    bits: Vec<u64>,
    /// A power of two of tags, one per slot.
    tags: Vec<u8>,
    /// The slots; one whose tag is 0 is empty and holds nothing.
    slots: Vec<Slot>,
    /// Occupied slots.
    len: usize,
    long: HashMap<Box<[u8]>, Word, FixedState>,
}

/// A word of some phrase: its id, and the node of the phrase that is this word alone (a child
/// of the root), or [`NONE`]. Kept beside the key, a slot's padding until then, so a walk
/// gets both from one read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Word {
    id: u32,
    first: u32,
}

#[derive(Clone, Copy, Debug)]
struct Slot {
    key: [u64; 2],
    word: Word,
}

const EMPTY: Slot = Slot {
    key: [0; 2],
    word: Word { id: NONE, first: NONE },
};

impl Default for Words {
    fn default() -> Words {
        Words {
            bits: vec![0; 1],
            tags: vec![0; 16],
            slots: vec![EMPTY; 16],
            len: 0,
            long: HashMap::default(),
        }
    }
}

/// The hash of a key: a folded multiply (as in foldhash), so every bit of the key reaches both
/// the low bits (the slot) and the high ones (the tag).
#[inline]
fn hash([lo, hi]: [u64; 2]) -> u64 {
    let product = u128::from(lo ^ 0x243F_6A88_85A3_08D3) * u128::from(hi ^ 0x1319_8A2E_0370_7344);
    product as u64 ^ (product >> 64) as u64
}

/// The tag of a hash: never 0, the tag of an empty slot.
#[inline]
fn tag(hash: u64) -> u8 {
    0x80 | (hash >> 57) as u8
}

impl Words {
    /// Room for `n` more words without growing.
    fn reserve(&mut self, n: usize) {
        let want = ((self.len + n) * 2).next_power_of_two();
        if want > self.slots.len() {
            self.resize(want);
        }
    }

    fn resize(&mut self, size: usize) {
        self.bits = vec![0; size.div_ceil(32)];
        let tags = std::mem::replace(&mut self.tags, vec![0; size]);
        let slots = std::mem::replace(&mut self.slots, vec![EMPTY; size]);
        for (_, slot) in tags.into_iter().zip(slots).filter(|&(t, _)| t != 0) {
            self.place(slot);
        }
    }

    /// Puts `slot`, whose key is not yet present, in the first empty slot of its probe.
    fn place(&mut self, slot: Slot) {
        let mask = self.tags.len() - 1;
        let mut i = hash(slot.key) as usize & mask;
        while self.tags[i] != 0 {
            i = (i + 1) & mask;
        }
        self.set(i, slot);
    }

    /// Fills the empty slot `i` with `slot`, its tag and its bit.
    fn set(&mut self, i: usize, slot: Slot) {
        let h = hash(slot.key);
        self.tags[i] = tag(h);
        self.slots[i] = slot;
        let bit = self.bit(h);
        self.bits[bit / 64] |= 1 << (bit % 64);
    }

    /// Writes the table for [`Words::decode`]: its size, then each occupied slot (its place,
    /// key and word; tags and bits follow from the keys), then the long words sorted.
    fn encode(&self, w: &mut Writer) {
        w.len(self.slots.len());
        w.len(self.len);
        for (i, slot) in self.slots.iter().enumerate().filter(|&(i, _)| self.tags[i] != 0) {
            w.len(i);
            slot.key.iter().for_each(|&k| w.u64(k));
            w.u32(slot.word.id);
            w.u32(slot.word.first);
        }
        let mut long: Vec<_> = self.long.iter().collect();
        long.sort_unstable_by_key(|&(word, _)| word);
        w.len(long.len());
        for (word, value) in long {
            w.bytes(word);
            w.u32(value.id);
            w.u32(value.first);
        }
    }

    /// The table [`Words::encode`] wrote, every word in its slot again.
    fn decode(r: &mut Reader) -> Words {
        let size = r.len();
        let mut words = Words {
            bits: vec![0; size.div_ceil(32)],
            tags: vec![0; size],
            slots: vec![EMPTY; size],
            len: r.len(),
            long: HashMap::default(),
        };
        for s in r.records::<28>(words.len) {
            let key = [le64(&s, 4), le64(&s, 12)];
            let word = Word {
                id: le32(&s, 20),
                first: le32(&s, 24),
            };
            words.set(le32(&s, 0) as usize, Slot { key, word });
        }
        for _ in 0..r.len() {
            let word = r.bytes().into();
            words.long.insert(
                word,
                Word {
                    id: r.u32(),
                    first: r.u32(),
                },
            );
        }
        words
    }

    /// The bit of a hash in `bits`.
    #[inline]
    fn bit(&self, hash: u64) -> usize {
        (hash >> 32) as usize & (self.bits.len() * 64 - 1)
    }

    /// Adds `word` (not yet present) as `value`.
    fn insert(&mut self, word: &str, value: Word) {
        let Some(key) = pack(word.as_bytes(), 0, word.len()) else {
            self.long.insert(word.as_bytes().into(), value);
            return;
        };
        if (self.len + 1) * 2 > self.slots.len() {
            self.resize(self.slots.len() * 2);
        }
        self.place(Slot { key, word: value });
        self.len += 1;
    }

    /// How many words there are.
    fn count(&self) -> usize {
        self.len + self.long.len()
    }

    /// The entry of `word`, to change.
    fn get_mut(&mut self, word: &str) -> Option<&mut Word> {
        match pack(word.as_bytes(), 0, word.len()) {
            Some(key) => self.at(key).map(|i| &mut self.slots[i].word),
            None => self.long.get_mut(word.as_bytes()),
        }
    }

    /// The id of the word `b[from..to]`.
    fn get(&self, b: &[u8], from: usize, to: usize) -> Option<Word> {
        match pack(b, from, to) {
            Some(key) => self.find(key),
            None => self.long.get(&b[from..to]).copied(),
        }
    }

    /// The word packed into `key`.
    // Always inlined (as `at`): called out of line, the walk ran 10 M instructions more.
    #[inline(always)]
    fn find(&self, key: [u64; 2]) -> Option<Word> {
        self.at(key).map(|i| self.slots[i].word)
    }

    /// The slot of the word packed into `key`: the tags are probed until an empty one, and a
    /// slot is read only where its tag is the key's.
    #[inline(always)]
    fn at(&self, key: [u64; 2]) -> Option<usize> {
        let h = hash(key);
        let bit = self.bit(h);
        if self.bits[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let tag = tag(h);
        let mask = self.tags.len() - 1;
        let mut i = h as usize & mask;
        loop {
            let t = self.tags[i];
            if t == 0 {
                return None;
            }
            if t == tag && self.slots[i].key == key {
                return Some(i);
            }
            i = (i + 1) & mask;
        }
    }

    /// The end of the word at `b[from..]` (the next space), its key and the byte before its
    /// end, found together from two 8-byte reads when it has fewer than 16 bytes and 16 bytes
    /// can be read; else None. The first space in a read is its lowest zero byte after
    /// `^ 0x2020…`, found exactly by the borrow trick (a false hit can only lie above a true
    /// one). The 16 bytes are taken with one bounds check: each 8-byte read checked its own,
    /// twice, on every word. The last byte is shifted out of the reads (0 for an empty word,
    /// whose byte before is a space), so it costs no bounds check either.
    #[inline]
    fn scan(&self, b: &[u8], from: usize) -> Option<(usize, [u64; 2], u8)> {
        let spaces = |x: u64| {
            let y = x ^ (ONES * u64::from(b' '));
            y.wrapping_sub(ONES) & !y & (ONES << 7)
        };
        let below = |bytes: u32| (1u64 << (bytes * 8)) - 1; // bytes < 8
        let sixteen: &[u8; 16] = b.get(from..)?.first_chunk()?;
        let read = |at: usize| u64::from_le_bytes(sixteen[at..at + 8].try_into().expect("8 bytes"));
        let x = read(0);
        let m = spaces(x);
        let (len, key, last) = if m != 0 {
            let len = m.trailing_zeros() / 8;
            (len, [x & below(len), 0], ((x << 8) >> (len * 8)) as u8)
        } else {
            let y = read(8);
            let m = spaces(y);
            if m == 0 {
                return None;
            }
            let len = m.trailing_zeros() / 8;
            let last = (((y << 8) | (x >> 56)) >> (len * 8)) as u8;
            (8 + len, [x, y & below(len)], last)
        };
        Some((from + len as usize, key, last))
    }
}

/// `b[from..to]` packed into a [`Words`] key, if it has at most 16 bytes.
#[inline]
fn pack(b: &[u8], from: usize, to: usize) -> Option<[u64; 2]> {
    let len = to - from;
    if len > 16 {
        return None;
    }
    let mut buf = [0u8; 16];
    match b.get(from..from + 16) {
        // Usually 16 bytes can be read at once; the bytes after the word are masked off.
        Some(sixteen) => {
            buf.copy_from_slice(sixteen);
            let key = u128::from_le_bytes(buf);
            let key = if len == 16 {
                key
            } else {
                key & ((1u128 << (len * 8)) - 1)
            };
            Some([key as u64, (key >> 64) as u64])
        }
        None => {
            buf[..len].copy_from_slice(&b[from..to]);
            let key = u128::from_le_bytes(buf);
            Some([key as u64, (key >> 64) as u64])
        }
    }
}

/// A word ending in `s`, for its genitive: the word's key when it has one, and the
/// word less its `s` once looked up.
struct Stem {
    word: Option<[u64; 2]>,
    id: Option<Option<Word>>,
}

/// The key of a word of `len` bytes (at least one) less its last byte: that byte zeroed, as
/// the packing leaves zeros after a word.
fn without_last([lo, hi]: [u64; 2], len: usize) -> [u64; 2] {
    let i = len - 1;
    match i < 8 {
        true => [lo & !(0xFF << (8 * i)), hi],
        false => [lo, hi & !(0xFF << (8 * (i - 8)))],
    }
}

/// The key of the edge from `node` by word `id`.
fn edge(node: u32, id: u32) -> u64 {
    (u64::from(node) << 32) | u64::from(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The phrases of a walk over `view`, sorted by start, then end; the same whether the
    /// view is padded for the two-read look-up or not.
    fn walk<'v>(index: &Index, view: &'v str) -> Vec<(&'v str, usize)> {
        let mut got = Vec::new();
        index.walk(view, view.len(), &mut Vec::new(), |s, e, p| got.push((s, e, p)));
        got.sort_unstable();
        let padded = format!("{view}{}", " ".repeat(16));
        let mut again = Vec::new();
        index.walk(&padded, view.len(), &mut Vec::new(), |s, e, p| again.push((s, e, p)));
        again.sort_unstable();
        assert_eq!(got, again, "padded {view:?}");
        got.into_iter().map(|(s, e, p)| (&view[s..e], p)).collect()
    }

    /// An index encoded and decoded has the same words in the same slots with the same tags
    /// and bits, the same long words, edges and nodes, and walks the same.
    #[test]
    fn decode_restores_every_table() {
        let mut index = Index::default();
        let phrases = [
            " deir ez zor",
            " deir",
            " abcdefghijklmnopqrstuvwxyz a",
            " syria",
            " ez",
        ];
        for (i, p) in phrases.iter().enumerate() {
            index.insert(p, i as u32);
        }
        // Enough words to make the table grow past its first size.
        for i in 0..100 {
            index.insert(&format!(" w{i} x{i}"), 100 + i);
        }
        let mut w = Writer(Vec::new());
        index.encode(&mut w);
        let mut r = Reader(&w.0);
        let again = Index::decode(&mut r);
        assert!(r.0.is_empty());
        let (a, b) = (&index.words, &again.words);
        assert_eq!((&a.bits, &a.tags, a.len, &a.long), (&b.bits, &b.tags, b.len, &b.long));
        let keys = |w: &Words| w.slots.iter().map(|s| (s.key, s.word)).collect::<Vec<_>>();
        assert_eq!(keys(a), keys(b));
        assert_eq!(index.edges, again.edges);
        let nodes = |i: &Index| i.nodes.iter().map(|n| n.0).collect::<Vec<_>>();
        assert_eq!(nodes(&index), nodes(&again));
        let view = " deir ez zor abcdefghijklmnopqrstuvwxyz a w7 x7 w99 x9 syrias ";
        assert_eq!(walk(&index, view), walk(&again, view));
        assert_eq!(walk(&again, view).len(), 6, "{:?}", walk(&again, view));
    }

    #[test]
    fn walks_whole_words_longest_and_shorter_and_genitives() {
        let mut index = Index::default();
        for (i, p) in [" deir ez zor", " deir", " syria", " ez"].iter().enumerate() {
            assert_eq!(index.insert(p, i as u32), i as u32);
        }
        assert_eq!(index.insert(" deir", 9), 1, "a phrase keeps its first id");
        let view = " deir ez zor and syrias deirez deir ez ";
        assert_eq!(
            walk(&index, view),
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
        index.walk(" deir ez ", 9, &mut Vec::new(), |s, e, p| prefix.push((s, e, p)));
        assert_eq!(prefix, [(0, 5, 1), (5, 8, 3)], "a prefix is no phrase");
        // Two spaces end a run: the empty word between them is no word of a phrase.
        assert_eq!(walk(&index, " deir  ez zor "), [(" deir", 1), (" ez", 3)]);
        // A genitive on the last word of a longer phrase; blanked prefixes leave runs of
        // spaces, which are no words; an unknown word ends a run.
        let view = " deir ez zors  syria deir xx zor ";
        assert_eq!(
            walk(&index, view),
            [
                (" deir", 1),
                (" deir ez zor", 0),
                (" ez", 3),
                (" syria", 2),
                (" deir", 1)
            ]
        );
    }

    #[test]
    fn words_of_every_length_are_found_wherever_they_lie() {
        // Words under 16 bytes are scanned from two 8-byte reads (under 8 bytes, from one);
        // one of 16 bytes is packed after a space search, longer ones go to the map; near the
        // view's end fewer than 16 bytes can be read, so a word is packed from a copy.
        let phrases = [
            " a",
            " ab",
            " abcdefghijklmnop",
            " abcdefghijklmnopq",
            " abcdefghijklmnopqrstuvwxyz a",
            " abcdefgh",
            " abcdefghijklmno",
            " حلب",
        ];
        let mut index = Index::default();
        for (i, p) in phrases.iter().enumerate() {
            index.insert(p, i as u32);
        }
        // Enough words to make the table grow past its first size.
        for i in 0..100 {
            index.insert(&format!(" w{i}"), 100 + i);
        }
        let view = " ab abc abcdefgh abcdefghi abcdefghijklmnop abcdefghijklmnopq abcdefghijklmn \
                    abcdefghijklmnopqr abcdefghijklmnopqrstuvwxyz a حلب w7 w70 w100 abcdefghijklmno \
                    abcdefghijklmnop a abcdefgh ";
        assert_eq!(
            walk(&index, view),
            [
                (" ab", 1),
                (" abcdefgh", 5),
                (" abcdefghijklmnop", 2),
                (" abcdefghijklmnopq", 3),
                (" abcdefghijklmnopqrstuvwxyz a", 4),
                (" a", 0),
                (" حلب", 7),
                (" w7", 107),
                (" w70", 170),
                (" abcdefghijklmno", 6),
                (" abcdefghijklmnop", 2),
                (" a", 0),
                (" abcdefgh", 5)
            ]
        );
    }

    /// Every word of every phrase of the embedded gazetteer and lexicon is found with its id,
    /// whatever its tag; words that are no phrase's (the same words changed by one byte, and
    /// made-up ones) are not: the tags never turn away a word that is present, nor let one
    /// through that is not.
    #[test]
    fn the_tags_find_every_word_present_and_none_absent() {
        let gazetteer = crate::gazetteer::Gazetteer::embedded();
        let lexicon = super::super::Lexicon::embedded();
        let mut words = Words::default();
        let mut ids: HashMap<Vec<u8>, u32> = HashMap::new();
        let phrases = gazetteer.aliases().iter().map(|a| a.folded.to_ascii_lowercase());
        for phrase in phrases.chain(lexicon.cues.iter().map(|(p, _)| p.clone())) {
            for word in phrase.split(' ').filter(|w| !w.is_empty()) {
                if !ids.contains_key(word.as_bytes()) {
                    let id = ids.len() as u32;
                    ids.insert(word.as_bytes().to_vec(), id);
                    words.insert(word, Word { id, first: !id });
                }
            }
        }
        assert!(ids.len() > 20_000, "{} words", ids.len());
        assert!(words.len * 2 <= words.slots.len() && words.tags.len() == words.slots.len());
        assert_eq!(words.tags.iter().filter(|&&t| t != 0).count(), words.len);
        let set: u32 = words.bits.iter().map(|b| b.count_ones()).sum();
        assert!(
            set as usize <= words.len && set as usize * 4 >= words.len,
            "{set} bits set"
        );
        assert!(
            set as usize * 3 < words.bits.len() * 64,
            "{set} of {} bits",
            words.bits.len() * 64
        );
        let mut absent = 0;
        for (word, &id) in &ids {
            assert_eq!(
                words.get(word, 0, word.len()),
                Some(Word { id, first: !id }),
                "{:?}",
                String::from_utf8_lossy(word)
            );
            let mut changed = word.clone();
            let last = changed.len() - 1;
            changed[last] = if changed[last] == b'q' { b'x' } else { b'q' };
            for other in [changed, [word.as_slice(), b"zz"].concat(), word[1..].to_vec()] {
                if !other.is_empty() && !other.contains(&b' ') {
                    let want = ids.get(&other).map(|&id| Word { id, first: !id });
                    absent += usize::from(want.is_none());
                    assert_eq!(
                        words.get(&other, 0, other.len()),
                        want,
                        "{:?}",
                        String::from_utf8_lossy(&other)
                    );
                }
            }
        }
        assert!(absent > ids.len(), "{absent} absent words tried");
        for i in 0..100_000u32 {
            let made_up = format!("q{i}x");
            assert_eq!(words.get(made_up.as_bytes(), 0, made_up.len()), None, "{made_up}");
        }
    }
}
