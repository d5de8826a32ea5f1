//! The shop: its settings as the window shows them, and the first-run form.

use super::*;

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopView {
    pub name: String,
    pub currency: String,
    /// Digits after the decimal point of the currency (2 for EUR, 0 for JPY).
    pub exponent: u32,
    /// `monday`, `sunday` or `saturday`: the first day of the shop's weeks.
    pub week_start: String,
    /// Days after a sale to check in with the customer.
    pub check_in_days: u32,
    /// Sales are counted in the currency, so it can no longer change.
    pub currency_fixed: bool,
    /// The shop's time zone (IANA name): the one set, else the computer's.
    pub time_zone: String,
    /// Whether the owner set it (else it follows the computer's).
    pub time_zone_set: bool,
    /// Contacts Today plans a day.
    pub contacts_per_day: u32,
    /// A contacts-a-day that works through what is due now in about a week.
    pub suggested_contacts_per_day: u32,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopState {
    /// `null` until the first-run set-up.
    pub shop: Option<ShopView>,
    /// The currency of the computer's region, to pre-fill the set-up form.
    pub suggested_currency: Option<String>,
    pub data_dir: String,
    /// The open shop is the generated sample (shown with a banner and a remove button).
    pub is_sample: bool,
    /// The shop is locked with a passphrase (encrypted at rest).
    pub locked: bool,
    /// Damage found in the shop file, with the offer to restore the newest good backup.
    pub damage: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ShopInput {
    pub name: String,
    pub currency: String,
    /// `monday`, `sunday` or `saturday`.
    pub week_start: String,
    pub check_in_days: u32,
    /// An IANA name; empty: follow the computer's; absent: leave it as it is.
    #[serde(default)]
    pub time_zone: Option<String>,
    /// Contacts Today plans a day; absent: leave it as it is.
    #[serde(default)]
    pub contacts_per_day: Option<u32>,
}

impl ShopView {
    /// The shop as the window shows it, with the settings kept beside its name and currency.
    pub fn of(settings: ShopSettings, session: &Session) -> Result<ShopView, regulars_core::Error> {
        Ok(ShopView {
            name: settings.name.as_str().to_owned(),
            currency: settings.currency.code().to_owned(),
            exponent: settings.currency.exponent(),
            week_start: session.week_start()?.key().to_owned(),
            check_in_days: session.check_in_days()?,
            currency_fixed: session.has_sales()?,
            time_zone: session.time_zone()?.name().to_owned(),
            time_zone_set: session.time_zone_is_set()?,
            contacts_per_day: session.contacts_per_day()?,
            suggested_contacts_per_day: session.suggested_contacts_per_day()?,
        })
    }
}
