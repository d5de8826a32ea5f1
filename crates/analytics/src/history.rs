//! A shop's purchase history in the compact form the metrics walk: for every customer, their
//! distinct purchase days in order with the day's revenue, plus walk-in revenue by day and the
//! days each customer was contacted.

use std::collections::HashMap;

use chrono::NaiveDate;

/// A day as a number (days since the Common Era began), so that day arithmetic is integer math.
pub(crate) type Day = i32;

pub(crate) fn day_number(date: NaiveDate) -> Day {
    chrono::Datelike::num_days_from_ce(&date)
}

pub(crate) fn date_of(day: Day) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or(NaiveDate::MIN)
}

/// Everything the metrics need, and nothing else. Build it with [`HistoryBuilder`].
#[derive(Debug, Clone, Default)]
pub struct History {
    pub(crate) ids: Vec<i64>,
    pub(crate) names: Vec<String>,
    /// `days[offsets[c]..offsets[c + 1]]` are customer `c`'s purchase days, ascending, distinct.
    pub(crate) offsets: Vec<u32>,
    pub(crate) days: Vec<Day>,
    /// Revenue of customer `c` on that day, minor units.
    pub(crate) amounts: Vec<i64>,
    /// Same layout for contact days (not deduplicated: two contacts on one day are two).
    pub(crate) contact_offsets: Vec<u32>,
    pub(crate) contact_days: Vec<Day>,
    /// Walk-in revenue by day, ascending and distinct.
    pub(crate) walk_ins: Vec<(Day, i64)>,
}

impl History {
    pub fn customers(&self) -> usize {
        self.ids.len()
    }

    /// The bytes its arrays hold on the heap (for the benchmarks' memory figures).
    pub fn heap_bytes(&self) -> usize {
        use std::mem::size_of;
        self.ids.capacity() * size_of::<i64>()
            + self.names.capacity() * size_of::<String>()
            + self.names.iter().map(String::capacity).sum::<usize>()
            + (self.offsets.capacity() + self.contact_offsets.capacity()) * size_of::<u32>()
            + (self.days.capacity() + self.contact_days.capacity()) * size_of::<Day>()
            + self.amounts.capacity() * size_of::<i64>()
            + self.walk_ins.capacity() * size_of::<(Day, i64)>()
    }

    pub(crate) fn purchases(&self, customer: usize) -> (&[Day], &[i64]) {
        let range = self.offsets[customer] as usize..self.offsets[customer + 1] as usize;
        (&self.days[range.clone()], &self.amounts[range])
    }

    pub(crate) fn contacts(&self, customer: usize) -> &[Day] {
        &self.contact_days[self.contact_offsets[customer] as usize..self.contact_offsets[customer + 1] as usize]
    }

    /// The first and last day anything happened, if anything did.
    pub fn span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let first = self.days.iter().chain(self.walk_ins.iter().map(|(day, _)| day)).min()?;
        let last = self.days.iter().chain(self.walk_ins.iter().map(|(day, _)| day)).max()?;
        Some((date_of(*first), date_of(*last)))
    }
}

/// Collects sales and contacts in any order; [`HistoryBuilder::build`] sorts and merges them.
/// Rows that arrive ordered by customer (as the store sends them) take a fast path.
#[derive(Debug, Default)]
pub struct HistoryBuilder {
    index: HashMap<i64, u32>,
    ids: Vec<i64>,
    names: Vec<String>,
    last: Option<(i64, u32)>,
    purchases: Vec<(u32, Day, i64)>,
    contacts: Vec<(u32, Day)>,
    walk_ins: Vec<(Day, i64)>,
}

impl HistoryBuilder {
    pub fn new() -> HistoryBuilder {
        HistoryBuilder::default()
    }

    fn customer_index(&mut self, id: i64) -> u32 {
        if let Some((last_id, index)) = self.last
            && last_id == id
        {
            return index;
        }
        let next = self.ids.len() as u32;
        let index = *self.index.entry(id).or_insert(next);
        if index == next {
            self.ids.push(id);
            self.names.push(String::new());
        }
        self.last = Some((id, index));
        index
    }

    /// Names a customer (used by the top-customers list). Unnamed customers show their id.
    pub fn name(&mut self, customer: i64, name: &str) {
        let index = self.customer_index(customer) as usize;
        name.clone_into(&mut self.names[index]);
    }

    /// A sale: to a customer, or a walk-in when `customer` is `None`. Amounts in minor units.
    pub fn sale(&mut self, customer: Option<i64>, date: NaiveDate, amount_minor: i64) {
        let day = day_number(date);
        match customer {
            Some(id) => {
                let index = self.customer_index(id);
                self.purchases.push((index, day, amount_minor));
            }
            None => self.walk_ins.push((day, amount_minor)),
        }
    }

    /// A follow-up contact with a customer on `date`.
    pub fn contact(&mut self, customer: i64, date: NaiveDate) {
        let index = self.customer_index(customer);
        self.contacts.push((index, day_number(date)));
    }

    pub fn build(mut self) -> History {
        let customers = self.ids.len();
        if !self.purchases.is_sorted_by_key(|&(c, d, _)| (c, d)) {
            self.purchases.sort_unstable_by_key(|&(c, d, _)| (c, d));
        }
        let mut offsets = vec![0u32; customers + 1];
        let mut days = Vec::with_capacity(self.purchases.len());
        let mut amounts: Vec<i64> = Vec::with_capacity(self.purchases.len());
        let mut previous: Option<(u32, Day)> = None;
        for (customer, day, amount) in self.purchases {
            if previous == Some((customer, day)) {
                if let Some(last) = amounts.last_mut() {
                    *last += amount;
                }
                continue;
            }
            previous = Some((customer, day));
            offsets[customer as usize + 1] += 1;
            days.push(day);
            amounts.push(amount);
        }
        for c in 0..customers {
            offsets[c + 1] += offsets[c];
        }
        self.contacts.sort_unstable();
        let mut contact_offsets = vec![0u32; customers + 1];
        for &(customer, _) in &self.contacts {
            contact_offsets[customer as usize + 1] += 1;
        }
        for c in 0..customers {
            contact_offsets[c + 1] += contact_offsets[c];
        }
        let contact_days = self.contacts.into_iter().map(|(_, day)| day).collect();
        self.walk_ins.sort_unstable();
        let mut walk_ins: Vec<(Day, i64)> = Vec::with_capacity(self.walk_ins.len());
        for (day, amount) in self.walk_ins {
            match walk_ins.last_mut() {
                Some((last_day, total)) if *last_day == day => *total += amount,
                _ => walk_ins.push((day, amount)),
            }
        }
        History { ids: self.ids, names: self.names, offsets, days, amounts, contact_offsets, contact_days, walk_ins }
    }
}
