//! The figures: the dashboard's filter and report, charts, the meeting pack's progress, the outlook.

use super::*;

/// The dashboard's range and grouping; blank fields take the defaults (last twelve months,
/// by month, 14-day follow-up window).
#[derive(Debug, Clone, Default, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FilterInput {
    pub from: String,
    pub to: String,
    pub period: String,
    pub follow_up_days: Option<u32>,
}

/// Every figure of the dashboard. The report has the same figures as `regulars-cli metrics
/// --json` (docs/CLI.md), in camelCase here (see `camel`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DashboardView {
    #[ts(as = "regulars_core::Report")]
    pub report: Camel<regulars_core::Report>,
    /// The first and last day with a sale, for "all time".
    pub first_sale: Option<String>,
    pub last_sale: Option<String>,
    /// The metric definitions as printed under the charts: (name, text).
    pub definitions: Vec<(String, String)>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ChartView {
    #[ts(type = "ChartKind")]
    pub kind: String,
    pub title: String,
    pub svg: String,
}

/// How far the meeting pack is.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackProgress {
    pub done: u32,
    pub total: u32,
}

/// Who is slipping away (see `regulars_core::report::outlook`), the model types in camelCase
/// like the report (see `camel`).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct OutlookView {
    pub as_of: String,
    pub horizon_days: u32,
    #[ts(as = "Option<regulars_core::Models>")]
    pub models: Camel<Option<regulars_core::Models>>,
    pub unavailable: Option<String>,
    /// Customers scored.
    pub scored: u32,
    /// The most money at risk first.
    #[ts(as = "Vec<regulars_core::CustomerOutlook>")]
    pub at_risk: Camel<Vec<regulars_core::CustomerOutlook>>,
    #[ts(as = "Option<regulars_core::Holdout>")]
    pub holdout: Camel<Option<regulars_core::Holdout>>,
    /// The last sale day (`YYYY-MM-DD`) when the sales stop long before today.
    pub sales_stop: Option<String>,
    /// The hold-out chart (an SVG document, shown as an image, never as markup).
    pub holdout_svg: Option<String>,
    /// The prediction definitions: (name, text).
    pub definitions: Vec<(String, String)>,
}
