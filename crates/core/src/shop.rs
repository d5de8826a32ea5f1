//! Setting up the shop: its name and currency.

use regulars_domain::{Currency, ShopSettings, WeekStart};

use crate::{Error, Session};

/// The currency of the computer's region, to pre-fill the first-run form.
pub fn currency_from_os_locale() -> Option<Currency> {
    region_locale()
        .and_then(|locale| Currency::from_locale(&locale))
        .or_else(|| sys_locale::get_locales().find_map(|locale| Currency::from_locale(&locale)))
}

/// The user's region on Windows (Settings > Time & language > Region: `de-DE`), which sets
/// money and dates there and may differ from the display language `sys_locale` reads (English
/// Windows in the Netherlands is common). Elsewhere `LANG` and its kin say both.
#[cfg(windows)]
fn region_locale() -> Option<String> {
    let international = winreg::RegKey::predef(winreg::enums::HKEY_CURRENT_USER).open_subkey("Control Panel\\International").ok()?;
    international.get_value::<String, _>("LocaleName").ok().filter(|name| !name.is_empty())
}

#[cfg(not(windows))]
fn region_locale() -> Option<String> {
    None
}

/// Speaks the computer's language where a catalog is shipped, English otherwise: call once at
/// start, before any message is worded.
pub fn use_os_language() {
    let locales: Vec<String> = sys_locale::get_locales().collect();
    regulars_text::use_languages(&locales);
}

impl Session {
    pub fn shop(&self) -> Result<Option<ShopSettings>, Error> {
        Ok(self.store.shop_settings()?)
    }

    /// Saves the shop's name and currency. The currency cannot change once sales are logged:
    /// every stored amount is counted in it.
    pub fn set_up_shop(&mut self, settings: ShopSettings) -> Result<ShopSettings, Error> {
        self.refuse_currency_change(&settings)?;
        self.store.save_shop_settings(&settings)?;
        Ok(settings)
    }

    /// The first-run form and the Settings screen: name, currency, the first day of the week
    /// and the days after a sale to check in, saved together or not at all.
    pub fn configure_shop(&mut self, settings: &ShopSettings, week_start: WeekStart, check_in_days: u32) -> Result<(), Error> {
        crate::reminders::check_in_days_in_range(check_in_days)?;
        self.refuse_currency_change(settings)?;
        Ok(self.store.save_shop(settings, week_start, check_in_days)?)
    }

    fn refuse_currency_change(&self, settings: &ShopSettings) -> Result<(), Error> {
        if let Some(current) = self.store.shop_settings()?
            && current.currency != settings.currency
            && self.has_sales()?
        {
            return Err(Error::Conflict(regulars_text::t!(
                "error.currencyFixed",
                current = current.currency.code(),
                wanted = settings.currency.code()
            )));
        }
        Ok(())
    }

    /// Whether any sale was logged (which fixes the currency).
    pub fn has_sales(&self) -> Result<bool, Error> {
        Ok(!self.store.recent_sales(1)?.is_empty())
    }

    /// The shop's time zone: the one the owner set, else the computer's, else UTC. Imports
    /// put timestamps written in UTC (or with an offset) on the shop's day in it.
    pub fn time_zone(&self) -> Result<chrono_tz::Tz, Error> {
        let set = self.store.time_zone()?.and_then(|name| name.parse::<chrono_tz::Tz>().ok());
        Ok(set.or_else(os_time_zone).unwrap_or(chrono_tz::Tz::UTC))
    }

    /// Whether the time zone was set by the owner (else it follows the computer's).
    pub fn time_zone_is_set(&self) -> Result<bool, Error> {
        Ok(self.store.time_zone()?.is_some())
    }

    /// Sets the shop's time zone by its IANA name (`Europe/London`, `America/New_York`; any
    /// case); an empty name follows the computer's again.
    pub fn set_time_zone(&mut self, name: &str) -> Result<chrono_tz::Tz, Error> {
        let name = name.trim();
        if name.is_empty() {
            self.store.set_time_zone(None)?;
            return self.time_zone();
        }
        let zone = chrono_tz::TZ_VARIANTS.iter().find(|z| z.name().eq_ignore_ascii_case(name)).copied().ok_or_else(|| {
            regulars_domain::FieldError::new(regulars_domain::Field::TimeZone, regulars_text::t!("error.timeZone", value = name))
        })?;
        self.store.set_time_zone(Some(zone.name()))?;
        Ok(zone)
    }

    /// The day the shop's weeks start on (weekly charts and figures).
    pub fn week_start(&self) -> Result<WeekStart, Error> {
        Ok(self.store.week_start()?)
    }
}

/// The computer's time zone, when the OS names one Regulars knows.
pub fn os_time_zone() -> Option<chrono_tz::Tz> {
    iana_time_zone::get_timezone().ok()?.parse().ok()
}
