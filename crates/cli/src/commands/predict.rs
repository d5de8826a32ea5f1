//! `predict`: who is slipping away, from the fitted model (MBG/NBD and Gamma-Gamma).

use std::path::PathBuf;

use regulars_core::{ChartFormat, Session};

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// At most this many customers (most at risk first)
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// As JSON (docs/CLI.md)
    #[arg(long)]
    json: bool,
    /// Also write the hold-out check (expected vs actual by month) as .png, .svg or .csv
    #[arg(long, value_name = "FILE")]
    chart: Option<PathBuf>,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let outlook = session.outlook(None)?;
    let currency = session.currency()?;
    let money = |minor: i64| regulars_domain::Money::from_minor(minor).to_decimal(currency);
    let shown = &outlook.customers[..args.limit.unwrap_or(usize::MAX).min(outlook.customers.len())];
    if let Some(path) = &args.chart {
        let format = match path.extension().and_then(|e| e.to_str()) {
            Some("svg") => ChartFormat::Svg,
            Some("png") => ChartFormat::Png { scale: 1 },
            Some("csv") => ChartFormat::Csv,
            _ => return Err(format!("--chart: {} must end in .png, .svg or .csv", path.display()).into()),
        };
        match session.holdout_chart(format)? {
            Some(bytes) => super::save(session, path, &bytes)?,
            None => return Err("no hold-out chart: too little history before the last six months".into()),
        }
    }
    if args.json {
        let out = serde_json::json!({
            "schema": 1,
            "as_of": outlook.as_of.to_string(),
            "horizon_days": outlook.horizon_days,
            "currency": currency.code(),
            "currency_exponent": currency.exponent(),
            "models": outlook.models,
            "unavailable": outlook.unavailable,
            "holdout": outlook.holdout,
            "customers": shown,
        });
        out!("{}", super::pretty(&out)?);
        return Ok(());
    }
    match (&outlook.models, &outlook.unavailable) {
        (Some(models), _) => {
            let (fit, p) = (&models.purchases, &models.purchases.params);
            out!("model              {:?} (modified BG/NBD), time in {}", models.variant, models.unit);
            out!("purchase rate      r = {:.4}, alpha = {:.4} {}", p.r, p.alpha, models.unit);
            out!("dropping out       a = {:.4}, b = {:.4}", p.a, p.b);
            out!("log-likelihood     {:.2} over {} customers ({} iterations)", fit.log_likelihood, fit.customers, fit.iterations);
            match &models.spend {
                Some(gg) => out!(
                    "spend (Gamma-Gamma) p = {:.4}, q = {:.4}, gamma = {:.2} {} (log-likelihood {:.2}, {} customers who came back)",
                    gg.params.p,
                    gg.params.q,
                    gg.params.gamma / 10f64.powi(currency.exponent() as i32),
                    currency,
                    gg.log_likelihood,
                    gg.customers
                ),
                None => out!(
                    "spend              each customer's own mean (Gamma-Gamma not fitted: too few came back, or spend per visit barely differs between customers)"
                ),
            }
        }
        (None, why) => out!(
            "no prediction: {}; the reminders keep to the rules (a check-in after each sale, a nudge at 1.5x a regular's usual gap)",
            why.as_deref().unwrap_or("too little history")
        ),
    }
    if let Some(holdout) = &outlook.holdout {
        out!("");
        out!("hold-out check: fitted on the history to {}, {} customers; repeat purchase days", holdout.fitted_to, holdout.customers);
        for m in &holdout.months {
            out!("  {:<10} expected {:>9.1}   actual {:>7}", m.label, m.expected, m.actual);
        }
    }
    if !shown.is_empty() {
        out!("");
        out!(
            "customer\tname\tpurchase days\tlast purchase\tP(alive)\texpected purchases in {} days\texpected value\tmoney at risk",
            outlook.horizon_days
        );
    }
    for c in shown {
        out!(
            "{}\t{}\t{}\t{}\t{:.3}\t{:.2}\t{}\t{}",
            c.customer_id,
            c.name,
            c.purchase_days,
            c.last_purchase,
            c.p_alive,
            c.expected_purchases,
            money(c.expected_value_minor),
            money(c.money_at_risk_minor)
        );
    }
    Ok(())
}
