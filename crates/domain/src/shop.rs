//! The shop itself: its name, the currency every amount is counted in, and the day its weeks
//! start on.

use regulars_text::t;

use crate::text::clean_text;
use crate::{Currency, Field, FieldError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShopName(String);

impl ShopName {
    pub fn parse(raw: &str) -> Result<ShopName, FieldError> {
        let name = clean_text(Field::ShopName, raw, 100, false)?;
        if name.is_empty() {
            return Err(FieldError::new(Field::ShopName, t!("error.required")));
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

/// The day the shop's weeks start on (weekly charts and figures): Monday in most of the world,
/// Sunday in the Americas and Japan, Saturday in much of the Middle East.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekStart(pub chrono::Weekday);

impl Default for WeekStart {
    fn default() -> WeekStart {
        WeekStart(chrono::Weekday::Mon)
    }
}

impl WeekStart {
    /// `monday`, `sunday` or `saturday` (as stored and as the window sends it).
    pub fn parse(raw: &str) -> Result<WeekStart, FieldError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "monday" | "mon" => Ok(WeekStart(chrono::Weekday::Mon)),
            "sunday" | "sun" => Ok(WeekStart(chrono::Weekday::Sun)),
            "saturday" | "sat" => Ok(WeekStart(chrono::Weekday::Sat)),
            _ => Err(FieldError::new(Field::WeekStart, t!("error.weekStart", value = raw))),
        }
    }

    pub fn key(self) -> &'static str {
        match self.0 {
            chrono::Weekday::Sun => "sunday",
            chrono::Weekday::Sat => "saturday",
            _ => "monday",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn week_starts_read_back_and_others_are_refused() {
        for key in ["monday", "sunday", "saturday"] {
            assert_eq!(WeekStart::parse(key).map(WeekStart::key), Ok(key));
        }
        assert_eq!(WeekStart::parse(" Sunday ").map(|w| w.0), Ok(chrono::Weekday::Sun));
        let error = WeekStart::parse("friday").expect_err("refused");
        assert_eq!(error.field, Field::WeekStart);
    }
}
