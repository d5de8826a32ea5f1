//! A generated shop — seeded, so the same seed always gives the same shop — for screenshots,
//! benchmarks and the owner who wants to look around before entering their own data.

use std::path::Path;

use chrono::{Days, NaiveDate};
use regulars_domain::{
    Channel, ContactDraft, ContactMethod, Currency, CustomerDraft, Money, Outcome, SaleDate, SaleDraft, ShopName, ShopSettings,
};

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

/// Made-up numbers below a bound, the same ones for the same `seed` (xorshift: nothing here
/// needs more).
fn made_up(mut state: u64) -> impl FnMut(u64) -> u64 {
    move |below: u64| {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state % below
    }
}

/// Writes a Shopify orders export of `orders` orders to `path`, in Shopify's own layout (the
/// columns of its "Export orders" CSV an import reads), the same file for the same `orders`:
/// one customer in ten orders, with names and emails; a second line item on one order in four
/// (on a row of its own, as Shopify writes it), a partial refund on one in fifty, one in a
/// hundred cancelled. What the import benchmarks read besides plain files. Returns its size.
pub fn write_shopify_orders_file(orders: usize, path: &Path) -> std::io::Result<u64> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "Name,Email,Financial Status,Paid at,Fulfillment Status,Currency,Subtotal,Shipping,Taxes,Total,Discount Code,Discount Amount,\
         Created at,Lineitem quantity,Lineitem name,Lineitem price,Billing Name,Billing Phone,Cancelled at,Refunded Amount,Id"
    )?;
    let mut next = made_up(0x2545_f491_4f6c_dd1d);
    let customers = (orders as u64 / 10).max(1);
    for n in 0..orders as u64 {
        let customer = next(customers);
        let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default() + Days::new(next(730));
        let (price, second) = (next(20_000) + 100, next(4) == 0);
        let extra = if second { next(3_000) + 100 } else { 0 };
        let total = price + extra + 495;
        let status = if n % 50 == 7 { "partially_refunded" } else { "paid" };
        let refunded = if n % 50 == 7 { total / 3 } else { 0 };
        let cancelled = if n % 100 == 3 { format!("{day} 18:00:00 +0100") } else { String::new() };
        let money = |minor: u64| format!("{}.{:02}", minor / 100, minor % 100);
        writeln!(
            out,
            "#{},customer{customer}@example.com,{status},{day} 10:15:00 +0100,fulfilled,EUR,{},4.95,0.00,{},,0.00,\
             {day} 10:14:03 +0100,1,Item {},{},Customer {customer},,{cancelled},{},{}",
            1001 + n,
            money(price + extra),
            money(total),
            next(500),
            money(price),
            money(refunded),
            5_000_000_000 + n,
        )?;
        if second {
            writeln!(out, "#{},customer{customer}@example.com,,,,,,,,,,,,1,Item {},{},,,,,", 1001 + n, next(500), money(extra))?;
        }
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
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

/// The customers in the sample shop a new owner can look around in.
pub const SAMPLE_CUSTOMERS: usize = 320;

/// Writes a plain sales export of `rows` rows (`customer_id,date,amount`, a customer for every
/// ten rows, days of 2024 and 2025) to `path`, the same file for the same `rows`: what the
/// import benchmarks read. Returns its size in bytes.
pub fn write_plain_sales_file(rows: usize, path: &Path) -> std::io::Result<u64> {
    write_plain_sales_file_of(rows, (rows as u64 / 10).max(1), path)
}

/// [`write_plain_sales_file`] with each row's customer id drawn from `customers` (ten times the
/// rows: most customers buy once, as most of a shop's first-time buyers do).
pub fn write_plain_sales_file_of(rows: usize, customers: u64, path: &Path) -> std::io::Result<u64> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(out, "customer_id,date,amount")?;
    let mut next = made_up(0x9e37_79b9_7f4a_7c15);
    let customers = customers.max(1);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    for _ in 0..rows {
        let day = start + Days::new(next(730));
        writeln!(out, "C{},{day},{}.{:02}", next(customers), next(200) + 1, next(100))?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

/// Writes a Stripe payments export of `charges` charges to `path`, in Stripe's own layout (the
/// columns of its "Export payments" CSV an import reads), the same file for the same `charges`:
/// a charge id a row (every row its own order), a description, one customer in ten charges
/// (a customer id, no email), a partial refund on one charge in fifty and a failed charge in a
/// hundred. What the import benchmarks read for a file of as many order ids as rows. Returns
/// its size.
pub fn write_stripe_payments_file(charges: usize, path: &Path) -> std::io::Result<u64> {
    use std::io::Write as _;
    let mut out = std::io::BufWriter::new(std::fs::File::create(path)?);
    writeln!(
        out,
        "id,Description,Created (UTC),Amount,Amount Refunded,Currency,Captured,Converted Amount,Status,Customer ID,Customer Email"
    )?;
    let mut next = made_up(0x6a09_e667_f3bc_c909);
    let customers = (charges as u64 / 10).max(1);
    let start = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap_or_default();
    let money = |minor: u64| format!("{}.{:02}", minor / 100, minor % 100);
    for n in 0..charges as u64 {
        let (customer, day, minute) = (next(customers), start + Days::new(n * 730 / (charges as u64).max(1)), next(1440));
        let amount = next(20_000) + 100;
        let refunded = if n % 50 == 7 { amount / 3 } else { 0 };
        let (captured, status) = if n % 100 == 3 { ("false", "Failed") } else { ("true", "Paid") };
        writeln!(
            out,
            "ch_{n:016},Order {n},{day} {:02}:{:02},{},{},eur,{captured},{},{status},cus_{customer},",
            minute / 60,
            minute % 60,
            money(amount),
            money(refunded),
            money(amount)
        )?;
    }
    out.flush()?;
    Ok(std::fs::metadata(path)?.len())
}

impl Session {
    /// Fills an empty shop with two years of a made-up bike shop: most customers buy once,
    /// some come back now and then, a few become regulars; about half get a follow-up after
    /// their first purchase, and those come back more often. Marked as the sample so that
    /// [`Session::remove_sample_shop`] can take it away again. Deterministic for a given day.
    pub fn load_sample_shop(&mut self) -> Result<SampleShop, Error> {
        if !self.store.is_empty()? {
            return Err(Error::Conflict(regulars_text::t!("error.sampleNotEmpty")));
        }
        if self.store.shop_settings()?.is_none() {
            let currency = crate::currency_from_os_locale().unwrap_or(Currency::parse("EUR").map_err(Error::Invalid)?);
            self.store.save_shop_settings(&ShopSettings { name: ShopName::parse("Sample Bike Shop")?, currency })?;
        }
        let scale = 10i64.pow(self.currency()?.exponent());
        let today = self.today();
        let start = today.checked_sub_days(Days::new(730)).unwrap_or(today);
        let mut rng = fastrand::Rng::with_seed(2024);
        let mut drafts = Vec::with_capacity(SAMPLE_CUSTOMERS);
        for n in 0..SAMPLE_CUSTOMERS {
            let (first, last) = (FIRST[n % FIRST.len()], LAST[(n * 7 + n / FIRST.len()) % LAST.len()]);
            let email = format!("{}.{}{n}@example.com", ascii(first), ascii(last));
            let phone = format!("+44 7700 {:06}", 900_000 + n);
            drafts.push(CustomerDraft::parse(&format!("{first} {last}"), &email, &phone, "", &[])?);
        }
        let ids = self.store.insert_customers(&drafts)?;
        let mut sales = Vec::new();
        let mut contacts = Vec::new();
        let sale = |customer, date: NaiveDate, rng: &mut fastrand::Rng| {
            let item = rng.usize(..ITEMS.len());
            SaleDraft {
                customer,
                date: SaleDate::from_stored(date),
                amount: Money::from_minor(PRICES[item] * scale + if scale > 1 { rng.i64(0..scale) / 50 * 50 } else { 0 }),
                description: ITEMS[item].to_owned(),
                channel: if rng.u8(..6) == 0 { Channel::Online } else { Channel::InStore },
                note: String::new(),
            }
        };
        let contact = |customer, date: NaiveDate, outcome| ContactDraft {
            customer,
            date: SaleDate::from_stored(date),
            method: ContactMethod::Message,
            outcome,
            sale: None,
            note: String::new(),
        };
        for &id in &ids {
            // More customers arrive as the shop grows.
            let offset = (rng.f64().sqrt() * 730.0) as u64;
            let mut day = start + Days::new(offset);
            if day > today {
                continue;
            }
            sales.push(sale(Some(id), day, &mut rng));
            let followed_up = rng.bool();
            if followed_up {
                let when = (day + Days::new(rng.u64(1..6))).min(today);
                contacts.push(contact(id, when, if rng.u8(..10) == 0 { Outcome::Neutral } else { Outcome::Happy }));
            }
            // Chance of a second visit: better after a follow-up.
            let comes_back = rng.f64() < if followed_up { 0.55 } else { 0.3 };
            if !comes_back {
                continue;
            }
            let regular = rng.u8(..3) == 0;
            loop {
                let gap = if regular { rng.u64(14..50) } else { rng.u64(20..160) };
                day = day + Days::new(gap);
                if day > today {
                    break;
                }
                sales.push(sale(Some(id), day, &mut rng));
                if rng.u8(..8) == 0 {
                    contacts.push(contact(id, (day + Days::new(2)).min(today), Outcome::IssueRaised));
                    contacts.push(contact(id, (day + Days::new(5)).min(today), Outcome::IssueResolved));
                }
                if rng.f64() < if regular { 0.08 } else { 0.45 } {
                    break;
                }
            }
        }
        // Walk-ins: a couple a week.
        let mut day = start;
        while day <= today {
            sales.push(sale(None, day, &mut rng));
            day = day + Days::new(rng.u64(1..6));
        }
        self.store.insert_sales(&sales)?;
        self.store.insert_contacts(&contacts)?;
        self.store.mark_sample()?;
        self.store.checkpoint()?;
        Ok(SampleShop { customers: ids.len(), sales: sales.len() })
    }

    /// Whether the open shop is the generated sample.
    pub fn is_sample(&self) -> Result<bool, Error> {
        Ok(self.store.is_sample()?)
    }

    /// Deletes the sample shop, leaving an empty shop to set up. Refused for a real shop.
    pub fn remove_sample_shop(&mut self) -> Result<(), Error> {
        if !self.store.is_sample()? {
            return Err(Error::Conflict(regulars_text::t!("error.notSample")));
        }
        self.store.erase_and_reopen()?;
        *self.history_cache.borrow_mut() = None;
        *self.outlook_cache.borrow_mut() = None;
        *self.today_cache.borrow_mut() = None;
        *self.plan_cache.borrow_mut() = None;
        Ok(())
    }
}

/// Letters for a made-up email address (`Zoë` gives `zo`).
fn ascii(name: &str) -> String {
    name.chars().filter(char::is_ascii_alphabetic).collect::<String>().to_lowercase()
}

const PRICES: &[i64] = &[8, 65, 55, 30, 25, 20, 12, 45, 38, 40];

#[cfg(test)]
mod tests {
    #[test]
    fn the_plain_sales_file_is_the_same_every_time() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("sales.csv");
        let bytes = super::write_plain_sales_file(30, &path).expect("written");
        let text = std::fs::read_to_string(&path).expect("read");
        assert_eq!(bytes, text.len() as u64);
        assert!(text.starts_with("customer_id,date,amount\nC0,2024-04-19,31.60\nC0,2024-11-24,168.50\nC1,2025-03-23,142.23\n"), "{text}");
        assert_eq!(text.lines().count(), 31);
    }

    /// Rows whose customers are drawn from ten times as many name about as many people as a
    /// draw says (1 - e^-0.1 of the ten times: 95% of the rows), most of them once.
    #[test]
    fn most_customers_of_the_once_buyers_file_buy_once() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("once.csv");
        super::write_plain_sales_file_of(20_000, 200_000, &path).expect("written");
        let text = std::fs::read_to_string(&path).expect("read");
        let mut counts = std::collections::HashMap::new();
        for line in text.lines().skip(1) {
            *counts.entry(line.split(',').next().expect("an id")).or_insert(0) += 1;
        }
        let once = counts.values().filter(|&&n| n == 1).count();
        assert!((18_800..19_200).contains(&counts.len()), "{} people", counts.len());
        assert!(once > 18_000, "{once} buy once");
    }
}
