//! Who is slipping away: each customer's outlook from the prediction models (see
//! `regulars_analytics::predict`), fitted on the shop's own history and kept until the shop
//! changes or the day does.

use std::sync::Arc;

use chrono::NaiveDate;
pub use regulars_analytics::outlook::{CustomerOutlook, HORIZON_DAYS, Holdout, Models, MonthCheck, Outlook};

use crate::{ChartFormat, Error, Session};

impl Session {
    /// Every customer's outlook on `as_of` (default: today), most money at risk first. Without
    /// enough history the models are not fitted and `unavailable` says why.
    pub fn outlook(&self, as_of: Option<NaiveDate>) -> Result<Arc<Outlook>, Error> {
        let as_of = as_of.unwrap_or_else(|| self.today());
        let revision = self.store.revision()?;
        if let Some((seen, day, outlook)) = &*self.outlook_cache.borrow()
            && *seen == revision
            && *day == as_of
        {
            return Ok(outlook.clone());
        }
        let outlook = Arc::new(regulars_analytics::outlook::outlook(&*self.history()?, as_of));
        *self.outlook_cache.borrow_mut() = Some((revision, as_of, outlook.clone()));
        Ok(outlook)
    }

    /// The outlook of today, if it is already computed for the shop as it is now.
    pub(crate) fn cached_outlook(&self) -> Result<Option<Arc<Outlook>>, Error> {
        let revision = self.store.revision()?;
        let today = self.today();
        Ok(self.outlook_cache.borrow().as_ref().filter(|(seen, day, _)| *seen == revision && *day == today).map(|(_, _, o)| o.clone()))
    }

    /// One customer's outlook today: `Ok(None)` when they have not bought yet or there is too
    /// little history for the models.
    pub fn customer_outlook(&self, customer_id: i64) -> Result<Option<CustomerOutlook>, Error> {
        Ok(self.outlook(None)?.customers.iter().find(|c| c.customer_id == customer_id).cloned())
    }

    /// The hold-out check as a chart (SVG, or PNG at `scale`); `Ok(None)` when there is too
    /// little history before the hold-out months to fit on.
    pub fn holdout_chart(&self, format: ChartFormat) -> Result<Option<Vec<u8>>, Error> {
        let outlook = self.outlook(None)?;
        let Some(holdout) = &outlook.holdout else { return Ok(None) };
        let svg = regulars_charts::holdout_svg(holdout, &self.chart_context()?);
        Ok(Some(match format {
            ChartFormat::Svg => svg.into_bytes(),
            ChartFormat::Png { scale } => regulars_charts::png(&svg, scale).map_err(crate::analytics::chart_error)?,
            ChartFormat::Csv => {
                let mut csv = String::from("month,from,to,expected,actual\r\n");
                for m in &holdout.months {
                    csv.push_str(&format!("{},{},{},{:.2},{}\r\n", m.label, m.from, m.to, m.expected, m.actual));
                }
                csv.into_bytes()
            }
        }))
    }
}
