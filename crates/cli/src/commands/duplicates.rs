//! `duplicates`: customers who may be one person; `merge KEPT MERGED` and `split N`.

use regulars_core::{Duplicate, Session};
use regulars_domain::{CustomerId, CustomerSummary};

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// At most this many pairs
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: u32,
    /// One JSON document: {"duplicates": [{"a": {...}, "b": {...}, "reason": "email" | "phone" | "name"}]}
    #[arg(long)]
    json: bool,
}

#[derive(clap::Args)]
pub struct MergeArgs {
    /// The customer to keep (their details win)
    kept: i64,
    /// The customer merged into them (archived; `split` brings them back)
    merged: i64,
}

#[derive(clap::Args)]
pub struct SplitArgs {
    /// The merge's number (printed by `merge`)
    id: i64,
}

fn person(c: &CustomerSummary) -> serde_json::Value {
    serde_json::json!({
        "id": c.id.0, "name": c.name, "email": c.email, "phone": c.phone,
        "purchase_days": c.stats.purchase_days, "lifetime_minor": c.stats.lifetime_value.minor(),
    })
}

pub fn run(session: &Session, args: &Args) -> Result {
    let pairs: Vec<Duplicate> = session.possible_duplicates(args.limit)?;
    if args.json {
        let pairs: Vec<serde_json::Value> =
            pairs.iter().map(|d| serde_json::json!({"a": person(&d.a), "b": person(&d.b), "reason": d.reason.key()})).collect();
        out!("{}", super::pretty(&serde_json::json!({ "duplicates": pairs }))?);
        return Ok(());
    }
    if pairs.is_empty() {
        out!("no possible duplicates");
    }
    for d in pairs {
        out!("same {}:\t{}\t{}\t|\t{}\t{}", d.reason.key(), d.a.id, d.a.name, d.b.id, d.b.name);
    }
    Ok(())
}

pub fn merge(session: &mut Session, args: &MergeArgs) -> Result {
    let merge = session.merge_customers(CustomerId(args.kept), CustomerId(args.merged))?;
    let kept = session.customer(merge.kept)?;
    out!(
        "merged {} into {}: now {} sales; to take it back: regulars-cli split {}",
        merge.merged_name,
        merge.kept_name,
        kept.summary.stats.sale_count,
        merge.id
    );
    Ok(())
}

pub fn split(session: &mut Session, args: &SplitArgs) -> Result {
    let back = session.split_customer(args.id)?;
    out!("split merge {}: {} is back with {} sales", args.id, back.summary.name, back.summary.stats.sale_count);
    Ok(())
}
