//! Repeat-business figures and charts for the shop. The history is read from the store once
//! and kept until anything in the file changes (a write here or by another process), so the
//! dashboard recomputes from memory as the owner changes the range.

use std::sync::Arc;

use chrono::NaiveDate;
use regulars_analytics::{DEFAULT_FOLLOW_UP_DAYS, Filter, History, HistoryBuilder, Period, Report};
use regulars_charts::{ChartKind, Context};
use regulars_domain::{Field, FieldError, parse_day};

use crate::{Error, Session};

/// The longest follow-up window the owner can ask about, in days.
pub const MAX_FOLLOW_UP_DAYS: u32 = 365;

/// A chart's export formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartFormat {
    Svg,
    Png { scale: u32 },
    Csv,
}

impl Session {
    /// The range the dashboard opens with: the last twelve months, by month.
    pub fn default_filter(&self) -> Filter {
        let mut filter = Filter::last_year(self.today());
        // A week start that cannot be read (a file edited by hand) falls back to Monday.
        filter.week_start = self.store.week_start().unwrap_or_default().0;
        filter
    }

    /// A filter from what the owner typed; anything left out comes from [`default_filter`].
    /// Dates are `YYYY-MM-DD`; `from` must not be after `to`.
    ///
    /// [`default_filter`]: Session::default_filter
    pub fn parse_filter(
        &self,
        from: Option<&str>,
        to: Option<&str>,
        period: Option<&str>,
        follow_up_days: Option<u32>,
    ) -> Result<Filter, Error> {
        let mut filter = self.default_filter();
        if let Some(raw) = given(to) {
            filter.to = parse_day(Field::To, raw)?;
            if given(from).is_none() {
                filter.from = Filter::last_year(filter.to).from;
            }
        }
        if let Some(raw) = given(from) {
            filter.from = parse_day(Field::From, raw)?;
        }
        if filter.from > filter.to {
            return Err(FieldError::new(
                Field::From,
                regulars_text::t!("error.rangeReversed", from = filter.from.to_string(), to = filter.to.to_string()),
            )
            .into());
        }
        if let Some(raw) = given(period) {
            filter.period = Period::parse(raw).ok_or_else(|| {
                FieldError::new(Field::Period, regulars_text::t!("error.notOneOf", value = raw, choices = "week, month, quarter"))
            })?;
        }
        if let Some(days) = follow_up_days {
            if !(1..=MAX_FOLLOW_UP_DAYS).contains(&days) {
                return Err(FieldError::new(
                    Field::FollowUpDays,
                    regulars_text::t!("error.followUpDays", max = MAX_FOLLOW_UP_DAYS, days = days),
                )
                .into());
            }
            filter.follow_up_days = days;
        } else {
            filter.follow_up_days = DEFAULT_FOLLOW_UP_DAYS;
        }
        Ok(filter)
    }

    /// Every figure of the dashboard for `filter`.
    pub fn report(&self, filter: &Filter) -> Result<Report, Error> {
        Ok(regulars_analytics::compute(&*self.history()?, filter))
    }

    /// The first and last day with a sale, to offer "all time" as a range.
    pub fn sales_span(&self) -> Result<Option<(NaiveDate, NaiveDate)>, Error> {
        Ok(self.history()?.span())
    }

    /// What every chart prints besides its numbers.
    pub fn chart_context(&self) -> Result<Context, Error> {
        let shop = self.store.shop_settings()?.ok_or_else(|| Error::Conflict(regulars_text::t!("error.noShop")))?;
        Ok(Context { shop: shop.name.as_str().to_owned(), currency: shop.currency, as_of: self.today() })
    }

    /// Every chart as SVG, from one computation of the figures.
    pub fn charts_svg(&self, filter: &Filter) -> Result<Vec<(ChartKind, String)>, Error> {
        let report = self.report(filter)?;
        let context = self.chart_context()?;
        Ok(ChartKind::ALL.iter().map(|&kind| (kind, regulars_charts::svg(kind, &report, &context))).collect())
    }

    /// A chart as file contents in `format`.
    pub fn chart_file(&self, kind: ChartKind, filter: &Filter, format: ChartFormat) -> Result<Vec<u8>, Error> {
        let report = self.report(filter)?;
        let context = self.chart_context()?;
        Ok(match format {
            ChartFormat::Svg => regulars_charts::svg(kind, &report, &context).into_bytes(),
            ChartFormat::Png { scale } => {
                regulars_charts::png(&regulars_charts::svg(kind, &report, &context), scale).map_err(chart_error)?
            }
            ChartFormat::Csv => regulars_charts::csv(kind, &report, &context).into_bytes(),
        })
    }

    /// The meeting pack PDF; `progress(pages done, pages in all)`.
    pub fn meeting_pack(&self, filter: &Filter, progress: impl FnMut(usize, usize)) -> Result<Vec<u8>, Error> {
        let report = self.report(filter)?;
        regulars_charts::meeting_pack(&report, &self.chart_context()?, progress).map_err(chart_error)
    }

    /// The history, from memory when nothing has changed since it was read.
    pub(crate) fn history(&self) -> Result<Arc<History>, Error> {
        let revision = self.store.revision()?;
        if let Some((seen, history)) = &*self.history_cache.borrow()
            && *seen == revision
        {
            return Ok(history.clone());
        }
        let mut builder = HistoryBuilder::new();
        self.store.each_purchase_day(|customer, day, amount| builder.sale(customer, day, amount))?;
        self.store.each_contact_day(|customer, day| builder.contact(customer, day))?;
        self.store.each_buyer_name(|customer, name| builder.name(customer, name))?;
        let history = Arc::new(builder.build());
        *self.history_cache.borrow_mut() = Some((revision, history.clone()));
        Ok(history)
    }
}

pub(crate) fn chart_error(error: regulars_charts::ChartError) -> Error {
    Error::Store(regulars_store::StoreError::Unsupported(error.to_string()))
}

/// A value the owner actually typed: `None` for missing or blank.
fn given(raw: Option<&str>) -> Option<&str> {
    raw.map(str::trim).filter(|s| !s.is_empty())
}
