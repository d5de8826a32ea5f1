//! The shop's settings, kept as key/value rows so later settings need no migration.

use regulars_domain::{Currency, ShopName, ShopSettings, WeekStart};
use rusqlite::OptionalExtension;

use crate::{Store, StoreError};

const SHOP_NAME: &str = "shop.name";
const SHOP_CURRENCY: &str = "shop.currency";
const SAMPLE: &str = "shop.sample";
const WEEK_START: &str = "shop.week_start";
const TIME_ZONE: &str = "shop.time_zone";

impl Store {
    /// The shop's settings, or `None` before the first-run set-up.
    pub fn shop_settings(&self) -> Result<Option<ShopSettings>, StoreError> {
        let (Some(name), Some(currency)) = (self.setting(SHOP_NAME)?, self.setting(SHOP_CURRENCY)?) else {
            return Ok(None);
        };
        // Values were checked when written; a file edited by hand gets a clear message.
        let name =
            ShopName::parse(&name).map_err(|e| StoreError::Unsupported(regulars_text::t!("store.badShopName", detail = e.to_string())))?;
        let currency = Currency::parse(&currency)
            .map_err(|e| StoreError::Unsupported(regulars_text::t!("store.badCurrency", detail = e.to_string())))?;
        Ok(Some(ShopSettings { name, currency }))
    }

    pub fn save_shop_settings(&mut self, settings: &ShopSettings) -> Result<(), StoreError> {
        self.save_settings(&[(SHOP_NAME, settings.name.as_str()), (SHOP_CURRENCY, settings.currency.code())])
    }

    /// The shop's name, currency, week start and check-in days, in one transaction (the
    /// first-run form and the Settings screen save them together).
    pub fn save_shop(&mut self, settings: &ShopSettings, week_start: WeekStart, check_in_days: u32) -> Result<(), StoreError> {
        let days = check_in_days.to_string();
        self.save_settings(&[
            (SHOP_NAME, settings.name.as_str()),
            (SHOP_CURRENCY, settings.currency.code()),
            (WEEK_START, week_start.key()),
            (crate::reminders::CHECK_IN_DAYS, &days),
        ])
    }

    fn save_settings(&mut self, pairs: &[(&str, &str)]) -> Result<(), StoreError> {
        let tx = self.conn.transaction()?;
        for (key, value) in pairs {
            tx.prepare_cached("INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
                .execute((key, value))?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The day the shop's weeks start on; Monday until the owner chooses.
    pub fn week_start(&self) -> Result<WeekStart, StoreError> {
        Ok(self.setting(WEEK_START)?.and_then(|v| WeekStart::parse(&v).ok()).unwrap_or_default())
    }

    /// Whether this file holds the generated sample shop rather than the owner's own.
    pub fn is_sample(&self) -> Result<bool, StoreError> {
        Ok(self.setting(SAMPLE)?.is_some_and(|v| v == "1"))
    }

    /// The shop's time zone as the owner set it (an IANA name), if they did.
    pub fn time_zone(&self) -> Result<Option<String>, StoreError> {
        self.setting(TIME_ZONE)
    }

    /// Sets the shop's time zone; `None` follows the computer's.
    pub fn set_time_zone(&mut self, zone: Option<&str>) -> Result<(), StoreError> {
        match zone {
            Some(zone) => self.save_setting(TIME_ZONE, zone),
            None => {
                self.conn.execute("DELETE FROM setting WHERE key = ?1", [TIME_ZONE])?;
                Ok(())
            }
        }
    }

    pub fn mark_sample(&mut self) -> Result<(), StoreError> {
        self.save_setting(SAMPLE, "1")
    }

    pub(crate) fn save_setting(&mut self, key: &str, value: &str) -> Result<(), StoreError> {
        self.conn
            .prepare_cached("INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value")?
            .execute((key, value))?;
        Ok(())
    }

    pub(crate) fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.conn.prepare_cached("SELECT value FROM setting WHERE key = ?1")?.query_row([key], |row| row.get(0)).optional()?)
    }
}
