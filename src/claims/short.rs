//! A table of short ASCII words by their [`Key`](super::tokens::Key) and length: the lexicon's
//! lookup of a token of at most eight ASCII bytes, one multiply and (nearly always) one probe,
//! without hashing the text.
//!
//! A word's slot holds its *tag*: the key with the top bit of its last byte set. ASCII bytes
//! have that bit clear, so the tag tells the word's length as well as its bytes (two words
//! differing only by trailing NUL bytes get different tags), and no tag is zero, the mark of an
//! empty slot. Open addressing with linear probing in a power-of-two table kept at most half
//! full, so a miss stops at an empty slot soon. Before the slots, a lookup reads one bit of a
//! 512-byte filter, set for the top twelve bits of every held word's hash: most words that are
//! not held (the anchor scan's nearly every word) are turned away there, in memory that stays in
//! the first-level cache, without reading the slots, which fall out of it between sentences.
//! Invariants: `slots[i] != 0` exactly where `values[i]` holds the entry of the word tagged
//! `slots[i]`; the filter's bit of every held word's hash is set.

/// Values of type `V` by short ASCII word.
#[derive(Clone, Debug)]
pub(super) struct ShortWords<V> {
    slots: Vec<u64>,
    values: Vec<V>,
    /// One bit per value of [`filter_bit`]: set for every word held.
    filter: [u64; FILTER_BITS / 64],
    /// Entries held.
    len: usize,
}

impl<V: Copy + Default> Default for ShortWords<V> {
    fn default() -> Self {
        ShortWords {
            slots: vec![0; 16],
            values: vec![V::default(); 16],
            filter: [0; FILTER_BITS / 64],
            len: 0,
        }
    }
}

/// The tag of the word of `len` bytes (1 to 8) with key `key`: the top bit of byte `len - 1`,
/// shifted down by as many bits as a caller masks the key with (`u64::MAX >> (8 * (8 - len))`),
/// so that the two share one shift count.
#[inline]
fn tag(key: u64, len: usize) -> u64 {
    debug_assert!((1..=8).contains(&len));
    key | ((1 << 63) >> (8 * (8 - len)))
}

/// The filter's size in bits: a power of two.
const FILTER_BITS: usize = 4096;

/// The multiplicative hash of `tag`, whose top bits pick its home slot and its filter bit.
#[inline]
fn hash(tag: u64) -> u64 {
    tag.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// The filter bit of a tag's hash `h`: its top bits.
#[inline]
fn filter_bit(h: u64) -> usize {
    (h >> (64 - FILTER_BITS.trailing_zeros())) as usize
}

impl<V: Copy + Default> ShortWords<V> {
    /// The first slot to probe for a tag's hash `h`: its top bits.
    #[inline]
    fn home(&self, h: u64) -> usize {
        let bits = self.slots.len().trailing_zeros();
        (h >> (64 - bits)) as usize
    }

    /// The value of the word of `len` bytes (1 to 8) with key `key`, if it is held.
    #[inline]
    pub(super) fn get(&self, key: u64, len: usize) -> Option<&V> {
        let t = tag(key, len);
        let h = hash(t);
        let f = filter_bit(h);
        if self.filter[f / 64] >> (f % 64) & 1 == 0 {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(h);
        loop {
            match self.slots[i] {
                s if s == t => return Some(&self.values[i]),
                0 => return None,
                _ => i = (i + 1) & mask,
            }
        }
    }

    /// Sets the value of the word of `len` bytes (1 to 8) with key `key`.
    pub(super) fn insert(&mut self, key: u64, len: usize, value: V) {
        if 2 * (self.len + 1) > self.slots.len() {
            let old = std::mem::take(&mut self.slots);
            let values = std::mem::take(&mut self.values);
            self.slots = vec![0; 2 * old.len()];
            self.values = vec![V::default(); 2 * old.len()];
            self.len = 0;
            for (&t, &v) in old.iter().zip(&values).filter(|(&t, _)| t != 0) {
                self.put(t, v);
            }
        }
        self.put(tag(key, len), value);
    }

    /// Puts `value` at the slot of `tag` (the table has a free slot).
    fn put(&mut self, t: u64, value: V) {
        let mask = self.slots.len() - 1;
        let h = hash(t);
        let f = filter_bit(h);
        self.filter[f / 64] |= 1 << (f % 64);
        let mut i = self.home(h);
        while self.slots[i] != 0 && self.slots[i] != t {
            i = (i + 1) & mask;
        }
        self.len += usize::from(self.slots[i] == 0);
        self.slots[i] = t;
        self.values[i] = value;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::key;
    use super::*;

    proptest::proptest! {
        /// The table answers as a map of (key, length) does, through growth and overwrites,
        /// for words of NUL bytes and any ASCII.
        #[test]
        fn the_table_answers_as_a_map(
            words in proptest::collection::vec("[\\x00a-cA\\x7f]{1,8}", 0..200),
            probes in proptest::collection::vec("[\\x00a-cA\\x7f]{1,8}", 0..50)
        ) {
            let mut table = ShortWords::<u32>::default();
            let mut map = std::collections::HashMap::new();
            for (i, w) in words.iter().enumerate() {
                table.insert(key(w.as_bytes()), w.len(), i as u32);
                map.insert((key(w.as_bytes()), w.len()), i as u32);
            }
            proptest::prop_assert_eq!(table.len, map.len());
            for w in words.iter().chain(&probes) {
                let k = (key(w.as_bytes()), w.len());
                proptest::prop_assert_eq!(table.get(k.0, k.1), map.get(&k));
            }
        }
    }

    #[test]
    fn trailing_nul_bytes_make_another_word() {
        let mut table = ShortWords::<u8>::default();
        table.insert(key(b"a"), 1, 1);
        assert_eq!(table.get(key(b"a\0"), 2), None);
        assert_eq!(table.get(key(b"a"), 1), Some(&1));
        table.insert(key(b"\0"), 1, 2);
        assert_eq!(table.get(key(b"\0\0"), 2), None);
        assert_eq!(table.get(0, 1), Some(&2));
    }
}
