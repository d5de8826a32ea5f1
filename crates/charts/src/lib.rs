//! The charts of repeat business. One renderer for screen and export: plotters draws each
//! chart as SVG; the app shows that SVG as an image; PNG and PDF are rendered from the very
//! same SVG (resvg and krilla, with an embedded font), so what the owner sees is what they
//! take into a meeting, identical on every OS. CSV files carry the numbers behind each chart.
//!
//! Where things are: `svg(kind, &Report, &Context)` draws each of the six charts with plotters into
//! an SVG string (`draw.rs`); `png` renders that SVG with resvg, `meeting_pack` turns the summary
//! page (`summary.rs`, hand-written SVG) and the six chart SVGs into one PDF with krilla; `csv`
//! writes the numbers behind a chart. The font (DejaVu Sans, `fonts/`) is embedded and is the only
//! font resvg and krilla see.

mod draw;
mod export;
mod fonts;
mod summary;
pub mod text;

use chrono::{Datelike, NaiveDate};
use regulars_analytics::Report;
use regulars_domain::Currency;

pub use export::{ChartError, csv, meeting_pack, png};

/// Every chart is drawn at this size (16:9, readable when projected); PNG can be 2x.
pub const WIDTH: u32 = 1600;
pub const HEIGHT: u32 = 900;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChartKind {
    NewVsReturning,
    ReturningRate,
    Cohorts,
    PurchaseCounts,
    SecondPurchase,
    FollowUp,
}

impl ChartKind {
    pub const ALL: [ChartKind; 6] = [
        ChartKind::NewVsReturning,
        ChartKind::ReturningRate,
        ChartKind::Cohorts,
        ChartKind::PurchaseCounts,
        ChartKind::SecondPurchase,
        ChartKind::FollowUp,
    ];

    /// The file-name and command-line name of the chart.
    pub fn slug(self) -> &'static str {
        match self {
            ChartKind::NewVsReturning => "new-vs-returning",
            ChartKind::ReturningRate => "returning-rate",
            ChartKind::Cohorts => "cohorts",
            ChartKind::PurchaseCounts => "purchase-counts",
            ChartKind::SecondPurchase => "second-purchase",
            ChartKind::FollowUp => "follow-up",
        }
    }

    pub fn from_slug(slug: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|kind| kind.slug() == slug)
    }

    pub fn title(self) -> String {
        match self {
            ChartKind::NewVsReturning => regulars_text::t!("chart.newVsReturning"),
            ChartKind::ReturningRate => regulars_text::t!("chart.returningRate"),
            ChartKind::Cohorts => regulars_text::t!("chart.cohorts"),
            ChartKind::PurchaseCounts => regulars_text::t!("chart.purchaseCounts"),
            ChartKind::SecondPurchase => regulars_text::t!("chart.secondPurchase"),
            ChartKind::FollowUp => regulars_text::t!("chart.followUp"),
        }
    }
}

/// What every chart prints besides the numbers: whose shop, in what money, as of when.
#[derive(Debug, Clone)]
pub struct Context {
    pub shop: String,
    pub currency: Currency,
    pub as_of: NaiveDate,
}

impl Context {
    pub(crate) fn subtitle(&self, report: &Report) -> String {
        regulars_text::t!(
            "chart.subtitle",
            shop = &self.shop,
            from = day(report.filter.from),
            to = day(report.filter.to),
            period = period_word(report.filter.period),
            asOf = day(self.as_of)
        )
    }
}

/// "3 Nov 2026", in the catalog's words.
pub(crate) fn day(date: NaiveDate) -> String {
    regulars_text::day_label(date.year(), date.month(), date.day())
}

/// "week", "month" or "quarter", in the catalog's words.
pub(crate) fn period_word(period: regulars_analytics::Period) -> String {
    match period {
        regulars_analytics::Period::Week => regulars_text::t!("period.week"),
        regulars_analytics::Period::Month => regulars_text::t!("period.month"),
        regulars_analytics::Period::Quarter => regulars_text::t!("period.quarter"),
    }
}

/// The chart as an SVG document, 1600 x 900. Customer names and the shop name inside are
/// escaped text, never markup.
pub fn svg(kind: ChartKind, report: &Report, context: &Context) -> String {
    draw::chart(kind, report, context)
}

/// The prediction model's hold-out check as an SVG document, 1600 x 900.
pub fn holdout_svg(holdout: &regulars_analytics::outlook::Holdout, context: &Context) -> String {
    draw::holdout(holdout, context)
}
