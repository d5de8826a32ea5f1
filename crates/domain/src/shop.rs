//! The shop itself: its name and the currency every amount is counted in.

use crate::text::clean_text;
use crate::{Currency, Field, FieldError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopName(String);

impl ShopName {
    pub fn parse(raw: &str) -> Result<ShopName, FieldError> {
        let name = clean_text(Field::ShopName, raw, 100, false)?;
        if name.is_empty() {
            return Err(FieldError::new(Field::ShopName, "is required"));
        }
        Ok(ShopName(name))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// What the owner tells Regulars once, on the first run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopSettings {
    pub name: ShopName,
    pub currency: Currency,
}
