//! `today`: who to contact today, and why.

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// As JSON (docs/CLI.md)
    #[arg(long)]
    json: bool,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let today = session.today_list()?;
    if args.json {
        let reminders: Vec<serde_json::Value> = today
            .due
            .iter()
            .map(|r| {
                serde_json::json!({
                    "key": r.key,
                    "reason": r.kind.key(),
                    "customer_id": r.customer.0,
                    "customer": r.customer_name,
                    "due": r.due.to_string(),
                    "days_overdue": r.days_overdue(today.as_of),
                    "why": r.why(today.as_of),
                })
            })
            .collect();
        let sales_stop = today.sales_stop.map(|d| d.to_string());
        out!("{}", super::pretty(&serde_json::json!({"as_of": today.as_of.to_string(), "due": reminders, "sales_stop": sales_stop}))?);
        return Ok(());
    }
    if let Some(last) = today.sales_stop {
        out!("note: the sales stop on {last}; import or log what came after, or every customer looks lapsed");
    }
    if today.due.is_empty() {
        out!("Nobody to contact on {}.", today.as_of);
    } else {
        for r in &today.due {
            let overdue = r.days_overdue(today.as_of);
            let when = if overdue == 0 { "due today".to_owned() } else { format!("overdue {overdue} d") };
            out!("{}\t{}\t{}\t{}\t{}", r.kind.key(), r.customer_name, r.due, when, r.why(today.as_of));
        }
    }
    Ok(())
}
