//! `metrics`: every repeat-business figure, as text or JSON.

use regulars_core::Session;

use super::Range;
use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    range: Range,
    /// As JSON (docs/CLI.md has the schema)
    #[arg(long)]
    json: bool,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let filter = args.range.filter(session)?;
    let report = session.report(&filter)?;
    let context = session.chart_context()?;
    if args.json {
        let out = serde_json::json!({
            "schema": 1,
            "shop": context.shop,
            "currency": context.currency.code(),
            "currency_exponent": context.currency.exponent(),
            "as_of": context.as_of.to_string(),
            "report": report,
        });
        out!("{}", super::pretty(&out)?);
    } else {
        for line in text(&report, &context) {
            out!("{line}");
        }
    }
    Ok(())
}

/// The figures as lines a person reads.
fn text(report: &regulars_core::Report, context: &regulars_core::ChartContext) -> Vec<String> {
    use regulars_core::chart_text::{money, percent};
    let s = &report.summary;
    let f = &report.follow_up;
    let mut lines = vec![
        format!("{} · {} to {} · as of {}", context.shop, report.filter.from, report.filter.to, context.as_of),
        format!("revenue                  {}", money(s.revenue_minor, context.currency)),
        format!("  of which walk-in       {}", money(s.walk_in_revenue_minor, context.currency)),
        format!("customers who bought     {} ({} new, {} returning)", s.customers, s.new_customers, s.returning_customers),
        format!("repeat customer rate     {}", percent(s.repeat_rate)),
        format!("returning customer rate  {}", percent(s.returning_rate)),
        format!(
            "worth of a new customer  {} x their first purchase ({} x for those who came back)",
            report.loyalty.all.multiple.map_or_else(|| "-".to_owned(), |m| format!("{m:.2}")),
            report.loyalty.repeat.multiple.map_or_else(|| "-".to_owned(), |m| format!("{m:.2}"))
        ),
        format!(
            "second purchase          {} came back, median {} days; {} not yet",
            report.second_purchase.came_back,
            report.second_purchase.median_days.map_or_else(|| "-".to_owned(), |d| d.to_string()),
            report.second_purchase.not_yet
        ),
        format!(
            "follow-up within {} d    contacted: {} of {} came back ({}); not contacted: {} of {} ({})",
            f.window_days,
            f.contacted.came_back,
            f.contacted.customers,
            percent(f.contacted.rate),
            f.not_contacted.came_back,
            f.not_contacted.customers,
            percent(f.not_contacted.rate)
        ),
        String::new(),
        format!("{:<12} {:>6} {:>10} {:>12} {:>15}", report.filter.period.as_str(), "new", "returning", "returning %", "revenue"),
    ];
    for p in &report.periods {
        let revenue = p.new_revenue_minor + p.returning_revenue_minor + p.walk_in_revenue_minor;
        lines.push(format!(
            "{:<12} {:>6} {:>10} {:>12} {:>15}",
            p.label,
            p.new_customers,
            p.returning_customers,
            percent(p.returning_rate),
            money(revenue, context.currency)
        ));
    }
    lines.push(String::new());
    lines.push("segments".to_owned());
    for row in &report.segments {
        lines.push(format!("  {:<12} {:>6} customers  {}", row.label, row.customers, money(row.revenue_minor, context.currency)));
    }
    lines.push(String::new());
    lines.push("top customers".to_owned());
    for t in &report.top_customers {
        lines.push(format!(
            "  {:<28} {:>15}  {} purchase days, last {}",
            t.name,
            money(t.revenue_minor, context.currency),
            t.purchase_days,
            t.last_purchase
        ));
    }
    lines
}
