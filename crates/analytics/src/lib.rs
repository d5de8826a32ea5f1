//! Repeat-business metrics: from a shop's purchase history (built by the caller from the
//! store) to every figure on the dashboard, for a date range. Pure and deterministic: the
//! same history and filter always give the same report, and nothing here reads a clock or a
//! file. The exact definitions are in [`definitions`] and docs/METRICS.md.
//!
//! Where things are: `HistoryBuilder` → `History` (per customer, their distinct purchase days with
//! the day's revenue in a flat array with offsets; walk-in revenue by day; contact days), `Filter`
//! (range, `Period`, first weekday, follow-up window) and `compute(&History, &Filter) -> Report`:
//! one pass over the customers for every figure, then the RFM segments (`rfm.rs`). `definitions.rs`
//! holds the exact wording of every metric, printed under the charts and checked against
//! docs/METRICS.md by a test. `predict.rs`: BG/NBD and MBG/NBD (likelihood, P(alive), expected
//! purchases) and Gamma-Gamma, fitted by maximum likelihood; `outlook.rs`: from a `History` and a
//! day to every customer's outlook (weeks as the model's time unit), most money at risk first, and
//! the hold-out check. No IO, no clock.

pub mod definitions;
mod history;
pub mod outlook;
mod period;
pub mod predict;
mod report;
mod rfm;

pub use history::{History, HistoryBuilder};
pub use period::Period;
pub use report::{
    Bucket, Cohort, DEFAULT_FOLLOW_UP_DAYS, Filter, FollowUp, Group, Loyalty, PeriodRow, Report, SECOND_PURCHASE_BOUNDS, SecondPurchase,
    SegmentRow, Summary, TOP_CUSTOMERS, TopCustomer, Worth, compute,
};
pub use rfm::{Segment, frequency_score};
