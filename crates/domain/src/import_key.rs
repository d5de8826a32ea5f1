//! The key an imported sale is stored with.

use std::num::NonZeroU32;

/// The key a sale of a file is stored with: the same sale in the same file always has the same
/// key, so importing a file twice adds nothing the second time. Its text is the export's order
/// id after its source (`shopify:#1001`), or for a row without one the row's fingerprint and
/// which occurrence of it this is in the file (`row:0123456789abcdef#1`). A fingerprint is its
/// two numbers, with no text of its own until the key is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportKey<'a> {
    Row {
        fingerprint: u64,
        occurrence: NonZeroU32,
    },
    /// The whole text, as the file's order id gives it.
    Order(&'a str),
}

impl<'a> ImportKey<'a> {
    /// The key's text: its own for an order id, else written into `buffer` (reused between keys).
    pub fn text(self, buffer: &'a mut String) -> &'a str {
        match self {
            ImportKey::Order(text) => text,
            row => {
                use std::fmt::Write as _;
                buffer.clear();
                // Writing into a String cannot fail.
                let _ = write!(buffer, "{row}");
                buffer
            }
        }
    }

    /// Whether this key's text is `text` (a key the shop has), without writing it out.
    pub fn is(self, text: &str) -> bool {
        match self {
            ImportKey::Order(own) => own == text,
            ImportKey::Row { fingerprint, occurrence } => ImportKey::row_of(text) == Some((fingerprint, occurrence)),
        }
    }

    /// The fingerprint and occurrence of the row key whose text is `text` (`None`: no row key
    /// is written so).
    pub fn row_of(text: &str) -> Option<(u64, NonZeroU32)> {
        let (hex, n) = text.strip_prefix("row:")?.split_once('#')?;
        // Only the text `Display` writes: sixteen lower-case hex digits, a count with no
        // leading zero; then equal numbers mean equal texts.
        let written = hex.len() == 16
            && hex.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
            && !n.starts_with('0')
            && n.bytes().all(|b| b.is_ascii_digit());
        if !written {
            return None;
        }
        Some((u64::from_str_radix(hex, 16).ok()?, n.parse().ok()?))
    }
}

impl std::fmt::Display for ImportKey<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportKey::Order(text) => f.write_str(text),
            ImportKey::Row { fingerprint, occurrence } => write!(f, "row:{fingerprint:016x}#{occurrence}"),
        }
    }
}
