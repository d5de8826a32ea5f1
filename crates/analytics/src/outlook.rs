//! Each customer's outlook on a day, from the prediction models fitted on the shop's own
//! history: the chance they are still a customer, the purchases and money to expect in the
//! next 90 days, and the money at risk if they have gone; plus a hold-out check the owner can
//! see (the model fitted on the history up to six months ago, against what then happened).

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use crate::history::{Day, History, date_of, day_number};
use crate::predict::{BgFit, BgParams, GgFit, GgParams, MIN_REPEAT_CUSTOMERS, Rfm, Spend, Variant, fit_bg, fit_gamma_gamma};

/// Model time is weeks, as in the paper.
pub const DAYS_PER_UNIT: f64 = 7.0;
pub const UNIT: &str = "weeks";
/// The horizon of the expected purchases and the expected value.
pub const HORIZON_DAYS: u32 = 90;
/// The variant the shop is scored with (see [`crate::predict`] for why).
pub const VARIANT: Variant = Variant::MbgNbd;
/// When every customer is at least this likely still a customer, the model has found no one
/// who stops, and predicts nothing.
pub const NOBODY_STOPS: f64 = 0.99;

/// The hold-out check fits on the history up to this many days before the day of the outlook.
pub const HOLDOUT_DAYS: i32 = 182;

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct CustomerOutlook {
    pub customer_id: i64,
    pub name: String,
    pub purchase_days: u32,
    pub first_purchase: NaiveDate,
    pub last_purchase: NaiveDate,
    /// The chance they are still a customer, 0 to 1.
    pub p_alive: f64,
    /// Purchase days to expect in the next 90 days (the chance they have gone included).
    pub expected_purchases: f64,
    /// What one visit is expected to bring, minor units.
    pub expected_spend_minor: i64,
    /// What the next 90 days would bring if they are still a customer, minor units.
    pub expected_value_minor: i64,
    /// Expected value × (1 − P(alive)), minor units.
    pub money_at_risk_minor: i64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Models {
    pub variant: Variant,
    /// The time unit of `alpha` (and of the likelihood's data).
    pub unit: String,
    pub purchases: BgFit,
    /// `None` when too few customers came back to fit spend; each customer's own mean is used.
    pub spend: Option<GgFit>,
}

/// One month of the hold-out check: repeat purchase days the model expected from the
/// customers it was fitted on, and the ones they made.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct MonthCheck {
    pub label: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub expected: f64,
    pub actual: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Holdout {
    /// The model saw the history up to and including this day.
    pub fitted_to: NaiveDate,
    pub customers: u64,
    pub months: Vec<MonthCheck>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS), ts(rename_all = "camelCase"))]
pub struct Outlook {
    pub as_of: NaiveDate,
    pub horizon_days: u32,
    /// `None`: too little history to trust a model; `unavailable` says why.
    pub models: Option<Models>,
    pub unavailable: Option<String>,
    /// Every customer who bought by `as_of`, most money at risk first (empty without models).
    pub customers: Vec<CustomerOutlook>,
    /// `None` when there is not enough history before the hold-out months to fit on.
    pub holdout: Option<Holdout>,
}

/// One customer's history as the models see it on `as_of`.
struct Seen {
    index: usize,
    rfm: Rfm,
    spend: Spend,
    first: Day,
    last: Day,
    /// Mean revenue of all their purchase days (the fallback for spend).
    mean_all: f64,
}

fn seen(history: &History, as_of: Day) -> Vec<Seen> {
    (0..history.customers())
        .filter_map(|index| {
            let (days, amounts) = history.purchases(index);
            let n = days.partition_point(|&d| d <= as_of);
            if n == 0 {
                return None;
            }
            let (first, last) = (days[0], days[n - 1]);
            let repeat_mean = if n > 1 { amounts[1..n].iter().sum::<i64>() as f64 / (n - 1) as f64 } else { 0.0 };
            Some(Seen {
                index,
                rfm: Rfm { x: (n - 1) as f64, t_x: f64::from(last - first) / DAYS_PER_UNIT, t: f64::from(as_of - first) / DAYS_PER_UNIT },
                spend: Spend { x: (n - 1) as f64, mean: repeat_mean },
                first,
                last,
                mean_all: amounts[..n].iter().sum::<i64>() as f64 / n as f64,
            })
        })
        .collect()
}

fn fit(seen: &[Seen]) -> Result<(BgFit, Option<GgFit>), String> {
    let rfm: Vec<Rfm> = seen.iter().map(|s| s.rfm).collect();
    let purchases = fit_bg(VARIANT, &rfm, MIN_REPEAT_CUSTOMERS).map_err(|e| e.to_string())?;
    let spends: Vec<Spend> = seen.iter().map(|s| s.spend).collect();
    let spend = fit_gamma_gamma(&spends, MIN_REPEAT_CUSTOMERS).ok();
    Ok((purchases, spend))
}

fn spend_of(spend: Option<&GgParams>, s: &Seen) -> f64 {
    match spend {
        Some(gg) => gg.expected_spend(Some(&s.spend)),
        None => s.mean_all,
    }
}

/// Every customer's outlook on `as_of`, with the models fitted on the history up to then.
pub fn outlook(history: &History, as_of: NaiveDate) -> Outlook {
    let today = day_number(as_of);
    let customers = seen(history, today);
    let horizon = f64::from(HORIZON_DAYS) / DAYS_PER_UNIT;
    let (models, unavailable) = match fit(&customers) {
        Ok((purchases, spend)) => (Some(Models { variant: VARIANT, unit: UNIT.to_owned(), purchases, spend }), None),
        Err(why) => (None, Some(why)),
    };
    let mut scored = Vec::new();
    if let Some(models) = &models {
        let params: BgParams = models.purchases.params;
        let gg = models.spend.map(|s| s.params);
        for s in &customers {
            let p_alive = params.p_alive(VARIANT, &s.rfm);
            let if_alive = params.expected_purchases_if_alive(VARIANT, &s.rfm, horizon);
            let spend = spend_of(gg.as_ref(), s);
            // Rounded first, so that the money at risk is the shown value times the shown chance.
            let value = (if_alive * spend).round() as i64;
            scored.push(CustomerOutlook {
                customer_id: history.ids[s.index],
                name: history.names[s.index].clone(),
                purchase_days: s.rfm.x as u32 + 1,
                first_purchase: date_of(s.first),
                last_purchase: date_of(s.last),
                p_alive,
                expected_purchases: if_alive * p_alive,
                expected_spend_minor: spend.round() as i64,
                expected_value_minor: value,
                money_at_risk_minor: (value as f64 * (1.0 - p_alive)).round() as i64,
            });
        }
        scored.sort_by(|a, b| b.money_at_risk_minor.cmp(&a.money_at_risk_minor).then(a.customer_id.cmp(&b.customer_id)));
    }
    // A history in which nobody ever seems to stop (the fit drives the chance of stopping to
    // nothing) gives everyone "still a customer: 100%" — true to the data, useless to the
    // owner, and misleading next to a regular who is months overdue. Say so instead.
    if !scored.is_empty() && scored.iter().all(|c| c.p_alive >= NOBODY_STOPS) {
        return Outlook {
            as_of,
            horizon_days: HORIZON_DAYS,
            models: None,
            unavailable: Some(regulars_text::t!("outlook.nobodyStops")),
            customers: Vec::new(),
            holdout: holdout(history, today),
        };
    }
    Outlook { as_of, horizon_days: HORIZON_DAYS, models, unavailable, customers: scored, holdout: holdout(history, today) }
}

/// The model fitted on the history up to `HOLDOUT_DAYS` before `as_of`, and month by month
/// the repeat purchase days it expected from those customers against the ones they made.
///
/// The check ends on the history's last sale day when that is before `as_of`: a file whose
/// sales stop months ago would otherwise compare what the model expects with months the
/// file never covered (all zero).
fn holdout(history: &History, as_of: Day) -> Option<Holdout> {
    let last_sale = (0..history.customers()).filter_map(|i| history.purchases(i).0.last().copied()).max()?;
    let as_of = as_of.min(last_sale);
    let fitted_to = as_of - HOLDOUT_DAYS;
    let customers = seen(history, fitted_to);
    let (purchases, _) = fit(&customers).ok()?;
    let params = purchases.params;
    // Month boundaries after the fitting day: the day after it, each first of a month, and
    // the day after `as_of`.
    let mut bounds = vec![fitted_to + 1];
    let mut month = date_of(fitted_to + 1).with_day(1)?;
    loop {
        month = month.checked_add_months(chrono::Months::new(1))?;
        let day = day_number(month);
        if day > as_of {
            break;
        }
        bounds.push(day);
    }
    bounds.push(as_of + 1);
    let expected_by = |day: Day| -> f64 {
        let horizon = f64::from(day - 1 - fitted_to) / DAYS_PER_UNIT;
        customers.iter().map(|s| params.expected_purchases(VARIANT, &s.rfm, horizon)).sum()
    };
    let cumulative: Vec<f64> = bounds.iter().map(|&b| expected_by(b)).collect();
    let months = bounds
        .windows(2)
        .zip(cumulative.windows(2))
        .map(|(days, expected)| {
            let (from, to) = (days[0], days[1] - 1);
            let actual = customers
                .iter()
                .map(|s| {
                    let (purchase_days, _) = history.purchases(s.index);
                    (purchase_days.partition_point(|&d| d <= to) - purchase_days.partition_point(|&d| d < from)) as u64
                })
                .sum();
            MonthCheck {
                label: regulars_text::month_label(date_of(from).year(), date_of(from).month()),
                from: date_of(from),
                to: date_of(to),
                expected: expected[1] - expected[0],
                actual,
            }
        })
        .collect();
    Some(Holdout { fitted_to: date_of(fitted_to), customers: customers.len() as u64, months })
}
