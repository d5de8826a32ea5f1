//! A generated shop — seeded, so the same seed always gives the same shop — for screenshots,
//! benchmarks and the owner who wants to look around before entering their own data.

use chrono::Days;
use regulars_domain::{Channel, CustomerDraft, Money, SaleDate, SaleDraft};

use crate::{Error, Session};

const FIRST: &[&str] = &[
    "Maria", "Dev", "Ana", "Tom", "Lena", "Omar", "Yuki", "Sofia", "Ivan", "Grace", "Noah", "Aisha", "Luca", "Emma", "Kofi", "Mei",
    "Pablo", "Zoë", "Hugo", "Priya", "Jonas", "Fatima", "Liam", "Chloé",
];
const LAST: &[&str] = &[
    "Lopez", "Patel", "Kowalski", "Nguyen", "Schmidt", "Haddad", "Tanaka", "Rossi", "Petrov", "Okafor", "Brown", "Khan", "Bianchi",
    "Dubois", "Mensah", "Chen", "García", "Müller", "Larsen", "Singh",
];
const ITEMS: &[&str] = &["Inner tube", "Service", "Helmet", "Lights", "Chain", "Brake pads", "Bell", "Lock", "Tyre", "Saddle"];

/// What [`Session::generate_sample_shop`] made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SampleShop {
    pub customers: usize,
    pub sales: usize,
}

impl Session {
    /// Adds `customers` customers and `sales` sales spread over the year before today: about
    /// one sale in eight is a walk-in, and a third of customers come back. Deterministic for
    /// a given `seed`.
    pub fn generate_sample_shop(&mut self, customers: usize, sales: usize, seed: u64) -> Result<SampleShop, Error> {
        let currency = self.currency()?;
        let today = self.today();
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut drafts = Vec::with_capacity(customers);
        for n in 0..customers {
            let first = FIRST[rng.usize(..FIRST.len())];
            let last = LAST[rng.usize(..LAST.len())];
            let name = format!("{first} {last}");
            let email =
                if rng.u8(..10) < 6 { format!("{}.{}{n}@example.com", first.to_lowercase(), last.to_lowercase()) } else { String::new() };
            let phone = if rng.u8(..10) < 5 { format!("+44 7{:03} {:06}", rng.u32(..1000), rng.u32(..1_000_000)) } else { String::new() };
            let email = if email.is_ascii() { email } else { String::new() };
            drafts.push(CustomerDraft::parse(&name, &email, &phone, "", &[])?);
        }
        let ids = self.store.insert_customers(&drafts)?;
        let scale = 10i64.pow(currency.exponent());
        let mut sale_drafts = Vec::with_capacity(sales);
        for _ in 0..sales {
            let customer = if ids.is_empty() || rng.u8(..8) == 0 {
                None
            } else if rng.u8(..3) == 0 {
                // Returning customers concentrate on the first third.
                Some(ids[rng.usize(..ids.len().div_ceil(3))])
            } else {
                Some(ids[rng.usize(..ids.len())])
            };
            let date = today.checked_sub_days(Days::new(rng.u64(..365))).unwrap_or(today);
            let amount = Money::from_minor(rng.i64(5..400) * scale + rng.i64(0..scale.max(1)));
            sale_drafts.push(SaleDraft {
                customer,
                // Within the year before today: always a valid sale date.
                date: SaleDate::from_stored(date),
                amount,
                description: ITEMS[rng.usize(..ITEMS.len())].to_owned(),
                channel: if rng.u8(..5) == 0 { Channel::Online } else { Channel::InStore },
                note: String::new(),
            });
        }
        self.store.insert_sales(&sale_drafts)?;
        self.store.checkpoint()?;
        Ok(SampleShop { customers, sales })
    }
}
