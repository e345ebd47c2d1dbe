//! A set of bytes in 256 bits, for the cheap test before a word list is searched: which bytes
//! the list's words start with.

/// Bit `b % 64` of word `b / 64` is set when byte `b` is in the set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ByteSet([u64; 4]);

impl ByteSet {
    /// Adds `b`.
    pub fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    /// True when `b` was added.
    pub fn contains(&self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] >> (b & 63) & 1 != 0
    }
}

#[cfg(test)]
mod tests {
    use super::ByteSet;

    #[test]
    fn holds_exactly_the_bytes_added() {
        let added = [0u8, 1, 63, 64, b'G', 127, 128, 0xE2, 255];
        let mut set = ByteSet::default();
        for b in added {
            set.insert(b);
        }
        for b in 0..=255u8 {
            assert_eq!(set.contains(b), added.contains(&b), "{b}");
        }
    }
}
