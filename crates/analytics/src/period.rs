//! Weeks, months and quarters: which period a day falls in, and the periods of a date range.

use chrono::{Datelike, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::history::{Day, date_of, day_number};

/// The length of the periods the per-period figures are grouped by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "lowercase")]
pub enum Period {
    Week,
    Month,
    Quarter,
}

impl Period {
    pub fn parse(raw: &str) -> Option<Period> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "week" => Some(Period::Week),
            "month" => Some(Period::Month),
            "quarter" => Some(Period::Quarter),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Period::Week => "week",
            Period::Month => "month",
            Period::Quarter => "quarter",
        }
    }

    /// The first day of the period containing `date`.
    pub fn start_of(self, date: NaiveDate, week_start: Weekday) -> NaiveDate {
        match self {
            Period::Week => {
                let back = (7 + date.weekday().num_days_from_monday() - week_start.num_days_from_monday()) % 7;
                date - chrono::Days::new(u64::from(back))
            }
            Period::Month => date.with_day(1).unwrap_or(date),
            Period::Quarter => NaiveDate::from_ymd_opt(date.year(), (date.month0() / 3) * 3 + 1, 1).unwrap_or(date),
        }
    }

    /// The first day of the period after the one starting on `start`.
    fn next(self, start: NaiveDate) -> NaiveDate {
        match self {
            Period::Week => start + chrono::Days::new(7),
            Period::Month => start.checked_add_months(chrono::Months::new(1)).unwrap_or(NaiveDate::MAX),
            Period::Quarter => start.checked_add_months(chrono::Months::new(3)).unwrap_or(NaiveDate::MAX),
        }
    }

    /// How a period is named on a chart's axis and in exports.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Period::Week => start.format("%Y-%m-%d").to_string(),
            Period::Month => start.format("%Y-%m").to_string(),
            Period::Quarter => format!("{}-Q{}", start.year(), start.month0() / 3 + 1),
        }
    }
}

/// The periods covering `from..=to`, the first and last clipped to the range, with a table
/// from each day of the range to its period.
#[derive(Debug)]
pub(crate) struct Periods {
    pub from: Day,
    pub to: Day,
    /// `(first day, last day)` of each period, inclusive, clipped to the range.
    pub bounds: Vec<(Day, Day)>,
    of_day: Vec<u32>,
}

impl Periods {
    pub fn new(from: NaiveDate, to: NaiveDate, period: Period, week_start: Weekday) -> Periods {
        let (from_day, to_day) = (day_number(from), day_number(to));
        let mut bounds = Vec::new();
        let mut of_day = Vec::with_capacity(usize::try_from(to_day - from_day + 1).unwrap_or(0));
        let mut start = period.start_of(from, week_start);
        while start <= to {
            let next = period.next(start);
            let first = day_number(start).max(from_day);
            let last = (day_number(next) - 1).min(to_day);
            let index = bounds.len() as u32;
            of_day.extend(std::iter::repeat_n(index, usize::try_from(last - first + 1).unwrap_or(0)));
            bounds.push((first, last));
            start = next;
        }
        Periods { from: from_day, to: to_day, bounds, of_day }
    }

    /// The period of a day inside the range.
    pub fn of(&self, day: Day) -> usize {
        self.of_day[(day - self.from) as usize] as usize
    }

    pub fn contains(&self, day: Day) -> bool {
        (self.from..=self.to).contains(&day)
    }

    pub fn start_date(&self, index: usize) -> NaiveDate {
        date_of(self.bounds[index].0)
    }

    pub fn end_date(&self, index: usize) -> NaiveDate {
        date_of(self.bounds[index].1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
    }

    #[test]
    fn weeks_start_on_the_chosen_day() {
        // 2026-11-23 is a Monday.
        assert_eq!(Period::Week.start_of(d(2026, 11, 25), Weekday::Mon), d(2026, 11, 23));
        assert_eq!(Period::Week.start_of(d(2026, 11, 25), Weekday::Sun), d(2026, 11, 22));
        assert_eq!(Period::Week.start_of(d(2026, 11, 22), Weekday::Mon), d(2026, 11, 16));
        assert_eq!(Period::Quarter.start_of(d(2026, 11, 25), Weekday::Mon), d(2026, 10, 1));
        assert_eq!(Period::Quarter.label(d(2026, 10, 1)), "2026-Q4");
    }

    #[test]
    fn periods_are_clipped_to_the_range_and_cover_every_day() {
        let periods = Periods::new(d(2026, 1, 15), d(2026, 3, 10), Period::Month, Weekday::Mon);
        assert_eq!(periods.bounds.len(), 3);
        assert_eq!(periods.start_date(0), d(2026, 1, 15));
        assert_eq!(periods.end_date(0), d(2026, 1, 31));
        assert_eq!(periods.start_date(2), d(2026, 3, 1));
        assert_eq!(periods.end_date(2), d(2026, 3, 10));
        assert_eq!(periods.of(day_number(d(2026, 2, 28))), 1);
        assert_eq!(periods.of(day_number(d(2026, 3, 10))), 2);
    }
}
