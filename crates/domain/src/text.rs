//! Shared rules for free text fields: trimmed, bounded, no control characters.

use regulars_text::t;

use crate::{Field, FieldError};

/// Trims `raw` and checks its length and characters. Newlines are kept only where
/// `multiline` allows them (notes), tabs and other control characters never.
pub(crate) fn clean_text(field: Field, raw: &str, max_chars: usize, multiline: bool) -> Result<String, FieldError> {
    let text = raw.trim();
    let count = text.chars().count();
    if count > max_chars {
        return Err(FieldError::new(field, t!("error.tooLong", count = count, max = max_chars)));
    }
    if let Some(bad) = text.chars().find(|&c| c.is_control() && !(multiline && (c == '\n' || c == '\r'))) {
        return Err(FieldError::new(field, t!("error.controlCharacter", code = format!("U+{:04X}", bad as u32))));
    }
    Ok(text.to_owned())
}

/// A value as an error message shows it (the message quotes it), shortened so a pasted novel
/// stays readable.
pub(crate) fn shown(raw: &str) -> String {
    let trimmed = raw.trim();
    if trimmed.chars().count() > 40 {
        let head: String = trimmed.chars().take(37).collect();
        format!("{head}...")
    } else {
        trimmed.to_owned()
    }
}
