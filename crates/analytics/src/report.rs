//! Every dashboard figure for one date range, computed in one pass over the history.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Serialize;

use crate::history::{Day, History, date_of, day_number};
use crate::period::{Period, Periods};
use crate::rfm::{Segment, segment_customers};

/// What to compute: the date range (both ends included), the period length, the first day of
/// the week, and the follow-up window in days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Filter {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub period: Period,
    #[cfg_attr(feature = "ts", ts(type = "string"))]
    pub week_start: Weekday,
    pub follow_up_days: u32,
}

pub const DEFAULT_FOLLOW_UP_DAYS: u32 = 14;
pub const TOP_CUSTOMERS: usize = 10;

impl Filter {
    /// The last twelve months up to `today`, by month: the range the dashboard opens with.
    pub fn last_year(today: NaiveDate) -> Filter {
        let from = today.with_day(1).and_then(|d| d.checked_sub_months(chrono::Months::new(11))).unwrap_or(today);
        Filter { from, to: today, period: Period::Month, week_start: Weekday::Mon, follow_up_days: DEFAULT_FOLLOW_UP_DAYS }
    }
}

/// `numerator / denominator`, or `None` when there is nothing to divide by.
fn rate(numerator: u64, denominator: u64) -> Option<f64> {
    (denominator > 0).then(|| numerator as f64 / denominator as f64)
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Summary {
    /// All revenue in the range, walk-ins included.
    pub revenue_minor: i64,
    pub walk_in_revenue_minor: i64,
    /// Customers who bought in the range.
    pub customers: u64,
    /// Of those, customers whose first purchase ever is in the range.
    pub new_customers: u64,
    /// Of those, customers who had bought before the range.
    pub returning_customers: u64,
    /// Customers with 2 or more purchase days in the range.
    pub repeat_customers: u64,
    pub repeat_rate: Option<f64>,
    /// returning / (returning + new) over the whole range.
    pub returning_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct PeriodRow {
    pub label: String,
    /// First and last day of the period, clipped to the range.
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub new_customers: u64,
    pub returning_customers: u64,
    pub new_revenue_minor: i64,
    pub returning_revenue_minor: i64,
    pub walk_in_revenue_minor: i64,
    pub returning_rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Cohort {
    /// The cohort's month, as `YYYY-MM`.
    pub month: String,
    pub customers: u64,
    /// `retained[k]`: customers of the cohort who bought in month k after it (k = 0 is all).
    pub retained: Vec<u64>,
    /// `retained[k] / customers`.
    pub rates: Vec<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Bucket {
    pub label: String,
    pub customers: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct SecondPurchase {
    pub buckets: Vec<Bucket>,
    /// New customers in the range who came back by its end, and who did not (yet).
    pub came_back: u64,
    pub not_yet: u64,
    pub median_days: Option<u32>,
}

/// Upper bounds (inclusive, in days) of the days-to-second-purchase buckets; the last is open.
pub const SECOND_PURCHASE_BOUNDS: &[(u32, &str)] =
    &[(7, "1-7"), (14, "8-14"), (30, "15-30"), (60, "31-60"), (90, "61-90"), (180, "91-180"), (365, "181-365")];

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Worth {
    pub customers: u64,
    pub first_purchase_minor: i64,
    pub revenue_minor: i64,
    /// revenue / first purchase revenue: "worth N times the first purchase".
    pub multiple: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Loyalty {
    pub all: Worth,
    pub repeat: Worth,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Group {
    pub customers: u64,
    pub came_back: u64,
    pub rate: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct FollowUp {
    pub window_days: u32,
    pub contacted: Group,
    pub not_contacted: Group,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct TopCustomer {
    pub customer_id: i64,
    pub name: String,
    pub revenue_minor: i64,
    pub purchase_days: u64,
    pub last_purchase: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct SegmentRow {
    pub segment: Segment,
    pub label: String,
    pub customers: u64,
    pub revenue_minor: i64,
}

/// Every figure for one filter. Money in minor units of the shop's currency.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Report {
    pub filter: Filter,
    pub summary: Summary,
    pub periods: Vec<PeriodRow>,
    pub cohorts: Vec<Cohort>,
    pub purchase_counts: Vec<Bucket>,
    pub second_purchase: SecondPurchase,
    pub loyalty: Loyalty,
    pub follow_up: FollowUp,
    pub top_customers: Vec<TopCustomer>,
    pub segments: Vec<SegmentRow>,
}

#[derive(Default, Clone, Copy)]
struct PeriodSums {
    new: u64,
    returning: u64,
    new_revenue: i64,
    returning_revenue: i64,
    walk_in_revenue: i64,
}

/// Per-customer figures kept for the segments.
pub(crate) struct Active {
    pub recency: i32,
    pub purchase_days: u32,
    pub revenue: i64,
}

fn month_number(date: NaiveDate) -> i32 {
    date.year() * 12 + date.month0() as i32
}

/// Computes every figure of `history` for `filter`. `from` after `to` gives an empty report.
pub fn compute(history: &History, filter: &Filter) -> Report {
    let mut tally = Tally::new(filter);
    if !tally.empty_range {
        for customer in 0..history.customers() {
            tally.customer(history, customer);
        }
        tally.walk_ins(&history.walk_ins);
    }
    tally.into_report(history, filter)
}

/// A pair of counters kept while the customers are read: (customers, and of them who came back).
type Counted = (u64, u64);
/// (customers, their first purchases, their revenue in the range).
type Summed = (u64, i64, i64);

/// The figures being summed, one customer at a time, in one pass over the history.
struct Tally {
    periods: Periods,
    from: Day,
    to: Day,
    empty_range: bool,
    follow_up_days: i32,
    sums: Vec<PeriodSums>,
    /// The range's day to its month's index, for the cohorts.
    month_table: Vec<u16>,
    cohort_size: Vec<u64>,
    cohort_cells: Vec<Vec<u64>>,
    summary: Summary,
    /// Customers with 1, 2, 3, 4, 5+ purchase days in the range.
    counts: [u64; 5],
    /// Days from first to second purchase, of new customers who came back.
    gaps: Vec<u32>,
    not_yet: u64,
    all: Summed,
    repeat: Summed,
    contacted: Counted,
    not_contacted: Counted,
    top: BinaryHeap<Reverse<(i64, Reverse<usize>)>>,
    active: Vec<Active>,
}

impl Tally {
    fn new(filter: &Filter) -> Tally {
        let periods = Periods::new(filter.from, filter.to.max(filter.from), filter.period, filter.week_start);
        let (from, to) = (day_number(filter.from), day_number(filter.to));
        let empty_range = to < from;
        let first_month = month_number(filter.from);
        let months = if empty_range { 0 } else { (month_number(filter.to) - first_month + 1) as usize };
        let month_table =
            if empty_range { Vec::new() } else { (from..=to).map(|d| (month_number(date_of(d)) - first_month) as u16).collect() };
        Tally {
            sums: vec![PeriodSums::default(); periods.bounds.len()],
            periods,
            from,
            to,
            empty_range,
            follow_up_days: filter.follow_up_days as i32,
            month_table,
            cohort_size: vec![0; months],
            cohort_cells: (0..months).map(|c| vec![0; months - c]).collect(),
            summary: Summary {
                revenue_minor: 0,
                walk_in_revenue_minor: 0,
                customers: 0,
                new_customers: 0,
                returning_customers: 0,
                repeat_customers: 0,
                repeat_rate: None,
                returning_rate: None,
            },
            counts: [0; 5],
            gaps: Vec::new(),
            not_yet: 0,
            all: (0, 0, 0),
            repeat: (0, 0, 0),
            contacted: (0, 0),
            not_contacted: (0, 0),
            top: BinaryHeap::with_capacity(TOP_CUSTOMERS + 1),
            active: Vec::new(),
        }
    }

    /// Adds one customer's purchases in the range (none: nothing to add).
    fn customer(&mut self, history: &History, customer: usize) {
        let (days, amounts) = history.purchases(customer);
        let Some(&first) = days.first() else { return };
        let lo = days.partition_point(|&d| d < self.from);
        let hi = days.partition_point(|&d| d <= self.to);
        if lo == hi {
            return;
        }
        let in_range = &days[lo..hi];
        let revenue: i64 = amounts[lo..hi].iter().sum();
        let is_new = lo == 0;
        let summary = &mut self.summary;
        summary.customers += 1;
        summary.revenue_minor += revenue;
        if is_new {
            summary.new_customers += 1;
        } else {
            summary.returning_customers += 1;
        }
        if in_range.len() >= 2 {
            summary.repeat_customers += 1;
        }
        self.counts[in_range.len().min(5) - 1] += 1;
        self.periods_bought_in(first, in_range, &amounts[lo..hi]);
        if is_new {
            self.new_customer(history.contacts(customer), in_range, amounts[0], revenue);
        }
        // Top by revenue: someone whose visits were all free brought none.
        if revenue > 0 {
            self.top.push(Reverse((revenue, Reverse(customer))));
            if self.top.len() > TOP_CUSTOMERS {
                self.top.pop();
            }
        }
        self.active.push(Active { recency: self.to - in_range[in_range.len() - 1], purchase_days: in_range.len() as u32, revenue });
    }

    /// New or returning in each period they bought in, and the revenue of each.
    fn periods_bought_in(&mut self, first: Day, in_range: &[Day], amounts: &[i64]) {
        let mut last_period = usize::MAX;
        for (&day, &amount) in in_range.iter().zip(amounts) {
            let p = self.periods.of(day);
            let row = &mut self.sums[p];
            let new_here = first >= self.periods.bounds[p].0;
            if p != last_period {
                last_period = p;
                if new_here {
                    row.new += 1;
                } else {
                    row.returning += 1;
                }
            }
            if new_here {
                row.new_revenue += amount;
            } else {
                row.returning_revenue += amount;
            }
        }
    }

    /// A customer whose first purchase is in the range: their cohort, their second purchase,
    /// what they are worth, and whether a follow-up brought them back.
    fn new_customer(&mut self, contacts: &[Day], in_range: &[Day], first_amount: i64, revenue: i64) {
        let first = in_range[0];
        // Cohort of the first month, and the months after it they bought in.
        let cohort = self.month_table[(first - self.from) as usize] as usize;
        self.cohort_size[cohort] += 1;
        let mut last_month = usize::MAX;
        for &day in in_range {
            let month = self.month_table[(day - self.from) as usize] as usize;
            if month != last_month {
                last_month = month;
                self.cohort_cells[cohort][month - cohort] += 1;
            }
        }
        let second = in_range.get(1).copied();
        match second {
            Some(day) => self.gaps.push((day - first) as u32),
            None => self.not_yet += 1,
        }
        let came_back = second.is_some();
        for (worth, counted) in [(&mut self.all, true), (&mut self.repeat, came_back)] {
            if counted {
                *worth = (worth.0 + 1, worth.1 + first_amount, worth.2 + revenue);
            }
        }
        // Follow-up, for customers whose whole window lies in the range.
        let window = first + self.follow_up_days;
        if window <= self.to {
            let window_end = second.map_or(window, |s| s.min(window));
            let was_contacted = contacts.iter().any(|&c| c >= first && c <= window_end);
            let group = if was_contacted { &mut self.contacted } else { &mut self.not_contacted };
            group.0 += 1;
            group.1 += u64::from(came_back);
        }
    }

    /// Walk-in sales count as revenue, in the summary and in their period.
    fn walk_ins(&mut self, walk_ins: &[(Day, i64)]) {
        for &(day, amount) in walk_ins {
            if self.periods.contains(day) {
                self.summary.walk_in_revenue_minor += amount;
                self.sums[self.periods.of(day)].walk_in_revenue += amount;
            }
        }
    }

    fn into_report(mut self, history: &History, filter: &Filter) -> Report {
        let summary = &mut self.summary;
        summary.revenue_minor += summary.walk_in_revenue_minor;
        summary.repeat_rate = rate(summary.repeat_customers, summary.customers);
        summary.returning_rate = rate(summary.returning_customers, summary.returning_customers + summary.new_customers);
        let worth = |(customers, first, revenue): Summed| Worth {
            customers,
            first_purchase_minor: first,
            revenue_minor: revenue,
            multiple: (first > 0).then(|| revenue as f64 / first as f64),
        };
        let group = |(customers, came_back): Counted| Group { customers, came_back, rate: rate(came_back, customers) };
        let purchase_counts = ["1", "2", "3", "4", "5+"]
            .iter()
            .zip(self.counts)
            .map(|(label, customers)| Bucket { label: (*label).to_owned(), customers })
            .collect();
        Report {
            filter: *filter,
            periods: self.period_rows(filter),
            cohorts: cohorts(filter, &self.cohort_size, self.cohort_cells),
            purchase_counts,
            second_purchase: second_purchase(self.gaps, self.not_yet),
            loyalty: Loyalty { all: worth(self.all), repeat: worth(self.repeat) },
            follow_up: FollowUp {
                window_days: filter.follow_up_days,
                contacted: group(self.contacted),
                not_contacted: group(self.not_contacted),
            },
            top_customers: top_customers(history, self.top, self.from, self.to),
            segments: segment_customers(&self.active),
            summary: self.summary,
        }
    }

    fn period_rows(&self, filter: &Filter) -> Vec<PeriodRow> {
        if self.empty_range {
            return Vec::new();
        }
        let periods = &self.periods;
        self.sums
            .iter()
            .enumerate()
            .map(|(p, s)| PeriodRow {
                label: filter.period.label(filter.period.start_of(periods.start_date(p), filter.week_start)),
                start: periods.start_date(p),
                end: periods.end_date(p),
                new_customers: s.new,
                returning_customers: s.returning,
                new_revenue_minor: s.new_revenue,
                returning_revenue_minor: s.returning_revenue,
                walk_in_revenue_minor: s.walk_in_revenue,
                returning_rate: rate(s.returning, s.returning + s.new),
            })
            .collect()
    }
}

fn cohorts(filter: &Filter, sizes: &[u64], cells: Vec<Vec<u64>>) -> Vec<Cohort> {
    sizes
        .iter()
        .zip(cells)
        .enumerate()
        .map(|(c, (&size, retained))| {
            let month = filter.from.with_day(1).and_then(|d| d.checked_add_months(chrono::Months::new(c as u32)));
            Cohort {
                month: month.map(|m| m.format("%Y-%m").to_string()).unwrap_or_default(),
                customers: size,
                rates: retained.iter().map(|&n| rate(n, size).unwrap_or(0.0)).collect(),
                retained,
            }
        })
        .collect()
}

fn second_purchase(mut gaps: Vec<u32>, not_yet: u64) -> SecondPurchase {
    let mut buckets = vec![0u64; SECOND_PURCHASE_BOUNDS.len() + 1];
    for &gap in &gaps {
        let index = SECOND_PURCHASE_BOUNDS.iter().position(|&(upper, _)| gap <= upper).unwrap_or(SECOND_PURCHASE_BOUNDS.len());
        buckets[index] += 1;
    }
    let median_days = median(&mut gaps);
    SecondPurchase {
        buckets: SECOND_PURCHASE_BOUNDS
            .iter()
            .map(|(_, label)| (*label).to_owned())
            .chain(std::iter::once("366+".to_owned()))
            .zip(buckets)
            .map(|(label, customers)| Bucket { label, customers })
            .collect(),
        came_back: gaps.len() as u64,
        not_yet,
        median_days,
    }
}

/// The customers who brought the most revenue in the range, the most first.
fn top_customers(history: &History, top: BinaryHeap<Reverse<(i64, Reverse<usize>)>>, from: Day, to: Day) -> Vec<TopCustomer> {
    let mut top: Vec<(i64, usize)> = top.into_iter().map(|Reverse((revenue, Reverse(c)))| (revenue, c)).collect();
    top.sort_by_key(|&(revenue, c)| (Reverse(revenue), c));
    top.into_iter()
        .map(|(revenue, c)| {
            let (days, _) = history.purchases(c);
            let hi = days.partition_point(|&d| d <= to);
            let lo = days.partition_point(|&d| d < from);
            TopCustomer {
                customer_id: history.ids[c],
                name: history.names[c].clone(),
                revenue_minor: revenue,
                purchase_days: (hi - lo) as u64,
                last_purchase: date_of(days[hi - 1]),
            }
        })
        .collect()
}

/// The median, rounding down between the two middle values.
fn median(values: &mut [u32]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    let mid = values.len() / 2;
    let (_, &mut upper, _) = values.select_nth_unstable(mid);
    if values.len() % 2 == 1 {
        return Some(upper);
    }
    let lower = values[..mid].iter().copied().max().unwrap_or(upper);
    Some((lower + upper) / 2)
}
