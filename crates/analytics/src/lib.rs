//! Repeat-business metrics: from a shop's purchase history (built by the caller from the
//! store) to every figure on the dashboard, for a date range. Pure and deterministic: the
//! same history and filter always give the same report, and nothing here reads a clock or a
//! file. The exact definitions are in [`definitions`] and docs/METRICS.md.

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
