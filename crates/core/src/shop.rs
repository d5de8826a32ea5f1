//! Setting up the shop: its name and currency.

use regulars_domain::{Currency, ShopSettings};

use crate::{Error, Session};

/// The currency of the computer's region, to pre-fill the first-run form.
pub fn currency_from_os_locale() -> Option<Currency> {
    sys_locale::get_locales().find_map(|locale| Currency::from_locale(&locale))
}

impl Session {
    pub fn shop(&self) -> Result<Option<ShopSettings>, Error> {
        Ok(self.store.shop_settings()?)
    }

    /// Saves the shop's name and currency. The currency cannot change once sales are logged:
    /// every stored amount is counted in it.
    pub fn set_up_shop(&mut self, settings: ShopSettings) -> Result<ShopSettings, Error> {
        if let Some(current) = self.store.shop_settings()?
            && current.currency != settings.currency
            && !self.store.recent_sales(1)?.is_empty()
        {
            return Err(Error::Conflict(format!(
                "Sales are already counted in {}; the currency cannot change to {}.",
                current.currency, settings.currency
            )));
        }
        self.store.save_shop_settings(&settings)?;
        Ok(settings)
    }
}
