//! Article bytes to text: UTF-8, with errors that say what the bytes probably are instead.
//!
//! Invariants: a valid UTF-8 input decodes to itself less a leading byte-order mark; an invalid
//! one is a [`DecodeError`] naming the first bad byte and its offset (or, with `lossy`, becomes
//! text with U+FFFD for each bad sequence). Text in UTF-16 (by its byte-order mark, or by NUL
//! bytes in every other position where a BOM is missing) and text that is most likely
//! Windows-1252 (every bad byte a CP1252 character, no valid non-ASCII UTF-8 and no NUL
//! anywhere) is named in the error, so a caller can say how to convert it. One pass over the
//! bytes, and only on the error path.

use std::fmt;

/// An encoding that invalid UTF-8 most likely is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Likely {
    /// UTF-16, found by its byte-order mark (`bom`) or by its NUL bytes.
    Utf16 {
        /// Big-endian (`FE FF`) rather than little-endian (`FF FE`).
        big_endian: bool,
        /// Found by the byte-order mark.
        bom: bool,
    },
    /// Windows-1252 (a superset of Latin-1's printable characters), with the first bad byte
    /// read as that character.
    Windows1252(char),
}

impl Likely {
    /// The name `iconv -f` takes for it: `UTF-16` reads the byte-order mark itself.
    pub fn iconv_name(self) -> &'static str {
        match self {
            Likely::Utf16 { bom: true, .. } => "UTF-16",
            Likely::Utf16 { big_endian: false, .. } => "UTF-16LE",
            Likely::Utf16 { big_endian: true, .. } => "UTF-16BE",
            Likely::Windows1252(_) => "CP1252",
        }
    }
}

impl fmt::Display for Likely {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        match *self {
            Likely::Utf16 { big_endian, bom } => {
                let (order, mark) = if big_endian {
                    ("big", "FE FF")
                } else {
                    ("little", "FF FE")
                };
                match bom {
                    true => write!(f, "it is UTF-16, {order}-endian (byte-order mark {mark})"),
                    false => write!(f, "it looks like UTF-16, {order}-endian, without a byte-order mark (NUL bytes in every other position)"),
                }
            }
            Likely::Windows1252(c) => {
                write!(f, "it looks like Windows-1252 (CP1252), where that byte is '{c}'")
            }
        }
    }
}

/// Why bytes are not an article's text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct DecodeError {
    /// Byte offset of the first bad byte (0 for UTF-16 found by its NUL bytes).
    pub offset: usize,
    /// That byte.
    pub byte: u8,
    /// The encoding the bytes most likely are, if one stands out.
    pub likely: Option<Likely>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        let (byte, offset) = (self.byte, self.offset);
        write!(f, "not UTF-8: invalid byte 0x{byte:02X} at byte offset {offset}")?;
        match self.likely {
            Some(likely) => write!(f, "; {likely}"),
            None => Ok(()),
        }
    }
}

/// UTF-8 text without its byte-order mark; invalid UTF-8 (or UTF-16) is an error, or with
/// `lossy` becomes U+FFFD.
pub fn decode(bytes: Vec<u8>, lossy: bool) -> Result<String, DecodeError> {
    if !lossy {
        if let Some(big_endian) = utf16_without_bom(&bytes) {
            let offset = usize::from(!big_endian);
            let likely = Likely::Utf16 { big_endian, bom: false };
            return Err(DecodeError {
                offset,
                byte: 0,
                likely: Some(likely),
            });
        }
    }
    let mut text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) if lossy => String::from_utf8_lossy(e.as_bytes()).into_owned(),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let bytes = e.as_bytes();
            let likely = guess(bytes);
            return Err(DecodeError {
                offset,
                byte: bytes[offset],
                likely,
            });
        }
    };
    if text.starts_with('\u{feff}') {
        text.drain(..3);
    }
    Ok(text)
}

/// The likely encoding of `bytes`, which are not UTF-8.
fn guess(bytes: &[u8]) -> Option<Likely> {
    match bytes {
        [0xFF, 0xFE, ..] => {
            return Some(Likely::Utf16 {
                big_endian: false,
                bom: true,
            })
        }
        [0xFE, 0xFF, ..] => {
            return Some(Likely::Utf16 {
                big_endian: true,
                bom: true,
            })
        }
        _ => {}
    }
    let mut first = None;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        if valid.iter().any(|&b| b == 0 || b >= 0x80) {
            return None; // real UTF-8 (or binary) beside the bad bytes: not one 8-bit encoding
        }
        for &b in chunk.invalid() {
            let c = windows_1252(b)?;
            first.get_or_insert(c);
        }
    }
    first.map(Likely::Windows1252)
}

/// Windows-1252's character for byte `b` (0x80 and up), None for the five it leaves undefined.
fn windows_1252(b: u8) -> Option<char> {
    const C1: [char; 32] = [
        '€', '\0', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\0', 'Ž', '\0', //
        '\0', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\0', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => Some(C1[usize::from(b - 0x80)]).filter(|&c| c != '\0'),
        _ => Some(char::from(b)),
    }
}

/// Some(big_endian) when the start of `bytes` is plainly UTF-16 without a byte-order mark:
/// at least a quarter of the first 1,024 bytes are NUL, nearly all at one parity.
fn utf16_without_bom(bytes: &[u8]) -> Option<bool> {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return None; // named by its mark, at the first bad byte
    }
    let head = &bytes[..bytes.len().min(1024)];
    // Text has no NUL at all (a vector search): the count below is for the rare file that does.
    memchr::memchr(0, head)?;
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in head.iter().enumerate() {
        if b == 0 {
            if i % 2 == 0 {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let (most, least) = (even.max(odd), even.min(odd));
    (head.len() >= 8 && most * 4 >= head.len() && least * 20 <= most).then_some(even > odd)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(bytes: &[u8]) -> DecodeError {
        decode(bytes.to_vec(), false).unwrap_err()
    }

    #[test]
    fn utf8_passes_without_its_bom_and_lossy_replaces() {
        assert_eq!(decode("\u{feff}Hama – حماة".into(), false).unwrap(), "Hama – حماة");
        assert_eq!(decode(b"a\xffb".to_vec(), true).unwrap(), "a\u{fffd}b");
        // Scattered control bytes (a NUL here and there) are still text.
        assert_eq!(decode(b"a\0b c d e f g h".to_vec(), false).unwrap(), "a\0b c d e f g h");
    }

    #[test]
    fn utf16_is_named_by_its_bom_or_its_nul_bytes() {
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Hama".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        let e = err(&le);
        assert_eq!((e.offset, e.byte), (0, 0xFF));
        assert_eq!(
            e.likely,
            Some(Likely::Utf16 {
                big_endian: false,
                bom: true
            })
        );
        assert_eq!(e.likely.unwrap().iconv_name(), "UTF-16");
        assert!(
            e.to_string().contains("UTF-16, little-endian (byte-order mark FF FE)"),
            "{e}"
        );
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Hama".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        assert_eq!(
            err(&be).likely,
            Some(Likely::Utf16 {
                big_endian: true,
                bom: true
            })
        );
        let bare: Vec<u8> = "Shelling near Idlib"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let e = err(&bare);
        assert_eq!(e.likely.unwrap().iconv_name(), "UTF-16LE");
        assert_eq!((e.offset, e.byte), (1, 0));
    }

    #[test]
    fn windows_1252_is_named_with_the_character_of_the_first_bad_byte() {
        let e = err(b"The minister\x92s \x93warning\x94 \x96 caf\xe9");
        assert_eq!((e.offset, e.byte), (12, 0x92));
        assert_eq!(e.likely, Some(Likely::Windows1252('’')));
        assert!(
            e.to_string().ends_with("Windows-1252 (CP1252), where that byte is '’'"),
            "{e}"
        );
        assert_eq!(err(b"Al-Bab, caf\xe9").likely, Some(Likely::Windows1252('é')));
    }

    #[test]
    fn no_guess_for_mixed_utf8_binary_or_undefined_bytes() {
        // Real UTF-8 beside a bad byte: converting the whole file would break the UTF-8 part.
        assert_eq!(err(&["“Hama” ".as_bytes(), b"\x92"].concat()).likely, None);
        assert_eq!(err(b"abc\x81def").likely, None, "0x81 is undefined in CP1252");
        assert_eq!(err(b"\0\x01abc\x92").likely, None, "NUL: binary");
        let binary: Vec<u8> = (0..=255u8).cycle().take(4096).collect();
        let e = err(&binary);
        assert_eq!((e.offset, e.byte, e.likely), (128, 0x80, None));
    }
}
