//! `today`: the day's plan of contacts (who, why, and the drafted message); `--all` lists
//! everything due.

use regulars_core::Session;
use regulars_domain::Reminder;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// As JSON (docs/CLI.md)
    #[arg(long)]
    json: bool,
    /// Everything due, not only today's plan
    #[arg(long)]
    all: bool,
}

fn reminder_json(r: &Reminder, as_of: chrono::NaiveDate) -> serde_json::Value {
    serde_json::json!({
        "key": r.key,
        "kind": r.kind.key(),
        "customer_id": r.customer.0,
        "customer": r.customer_name,
        "due": r.due.to_string(),
        "days_overdue": r.days_overdue(as_of),
        "why": r.why(as_of),
    })
}

fn line(r: &Reminder, as_of: chrono::NaiveDate) -> String {
    let overdue = r.days_overdue(as_of);
    let when = if overdue == 0 { "due today".to_owned() } else { format!("overdue {overdue} d") };
    format!("{}\t{}\t{}\t{}\t{}", r.kind.key(), r.customer_name, r.due, when, r.why(as_of))
}

pub fn run(session: &Session, args: &Args) -> Result {
    if args.all {
        return all(session, args.json);
    }
    let plan = session.today_plan()?;
    let sales_stop = plan.sales_stop.map(|d| d.to_string());
    if args.json {
        let items: Vec<serde_json::Value> = plan
            .plan
            .iter()
            .map(|item| {
                let mut value = reminder_json(&item.reminder, plan.as_of);
                value["message"] = serde_json::json!({
                    "subject": item.draft.subject, "body": item.draft.body,
                    "email": item.draft.email, "phone": item.draft.phone,
                });
                value
            })
            .collect();
        out!(
            "{}",
            super::pretty(&serde_json::json!({
                "as_of": plan.as_of.to_string(),
                "plan": items,
                "later": plan.later.len(),
                "rolled_over": plan.rolled_over,
                "contacts_per_day": plan.contacts_per_day,
                "done_today": plan.done_today,
                "sales_stop": sales_stop,
            }))?
        );
        return Ok(());
    }
    if let Some(last) = plan.sales_stop {
        out!("note: the sales stop on {last}; import or log what came after, or every customer looks lapsed");
    }
    out!("{} of {} contacts done today; {} more due later", plan.done_today, plan.contacts_per_day, plan.later.len());
    if plan.plan.is_empty() {
        out!("Nobody to contact on {}.", plan.as_of);
    }
    for item in &plan.plan {
        out!("{}", line(&item.reminder, plan.as_of));
    }
    Ok(())
}

/// Everything due (the whole list the plan is made from).
fn all(session: &Session, json: bool) -> Result {
    let today = session.today_list()?;
    if json {
        let reminders: Vec<serde_json::Value> = today.due.iter().map(|r| reminder_json(r, today.as_of)).collect();
        let sales_stop = today.sales_stop.map(|d| d.to_string());
        out!("{}", super::pretty(&serde_json::json!({"as_of": today.as_of.to_string(), "due": reminders, "sales_stop": sales_stop}))?);
        return Ok(());
    }
    if today.due.is_empty() {
        out!("Nobody to contact on {}.", today.as_of);
    }
    for r in &today.due {
        out!("{}", line(r, today.as_of));
    }
    Ok(())
}
