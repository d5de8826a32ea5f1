//! Shared rules for free text fields: trimmed, bounded, no control characters.

use crate::{Field, FieldError};

/// Trims `raw` and checks its length and characters. Newlines are kept only where
/// `multiline` allows them (notes), tabs and other control characters never.
pub(crate) fn clean_text(field: Field, raw: &str, max_chars: usize, multiline: bool) -> Result<String, FieldError> {
    let text = raw.trim();
    let count = text.chars().count();
    if count > max_chars {
        return Err(FieldError::new(field, format!("is {count} characters long; at most {max_chars} fit")));
    }
    if let Some(bad) = text.chars().find(|&c| c.is_control() && !(multiline && (c == '\n' || c == '\r'))) {
        return Err(FieldError::new(field, format!("contains an invisible control character (U+{:04X}); remove it", bad as u32)));
    }
    Ok(text.to_owned())
}

/// Quotes a value for an error message, shortened so a pasted novel stays readable.
pub(crate) fn quoted(raw: &str) -> String {
    let trimmed = raw.trim();
    if trimmed.chars().count() > 40 {
        let head: String = trimmed.chars().take(37).collect();
        format!("'{head}...'")
    } else {
        format!("'{trimmed}'")
    }
}
