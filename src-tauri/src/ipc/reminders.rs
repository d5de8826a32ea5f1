//! Today, reminders and contacts: the plan, a reminder, drafted messages and templates, reaching out.

use super::*;

/// A reach-out opened in the OS's mail, phone or messages app.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReachView {
    pub url: String,
    pub draft: DraftView,
    /// The contact method to log it as (`email`, `call` or `message`).
    #[ts(type = "ContactMethod")]
    pub method: String,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactInput {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[ts(type = "ContactMethod")]
    pub method: String,
    #[ts(type = "ContactOutcome")]
    pub outcome: String,
    pub sale_id: Option<i64>,
    pub note: String,
    /// The key of the reminder this contact answers, marked done with it.
    pub completes: Option<String>,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ContactView {
    pub id: i64,
    pub customer_id: i64,
    pub date: String,
    #[ts(type = "ContactMethod")]
    pub method: String,
    #[ts(type = "ContactOutcome")]
    pub outcome: String,
    pub sale_id: Option<i64>,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ReminderView {
    pub key: String,
    pub customer_id: i64,
    pub customer_name: String,
    #[ts(type = "ReminderKind")]
    pub kind: String,
    /// The reason in the owner's words (catalog messages, `reason.*`).
    pub why: String,
    pub due: String,
    /// 0 on the due day.
    pub days_overdue: i64,
    pub lifetime_minor: i64,
    /// Lapsing regulars, when there is a prediction model: how likely still a customer (0-1).
    pub p_alive: Option<f64>,
    /// …and the money at risk, minor units.
    pub money_at_risk_minor: Option<i64>,
    /// The follow-up drafted for a contact of the day's plan (`None` under Later).
    pub draft: Option<DraftView>,
}

/// A follow-up message drafted from its kind's template, and where it can go.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct DraftView {
    pub subject: String,
    pub body: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl From<regulars_core::Draft> for DraftView {
    fn from(d: regulars_core::Draft) -> DraftView {
        DraftView { subject: d.subject, body: d.body, email: d.email, phone: d.phone }
    }
}

/// A message template of a reminder kind (Settings).
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TemplateView {
    #[ts(type = "TemplateKind")]
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// The owner's own (else the one Regulars ships).
    pub custom: bool,
}

impl From<regulars_core::Template> for TemplateView {
    fn from(t: regulars_core::Template) -> TemplateView {
        TemplateView { kind: t.kind, subject: t.subject, body: t.body, custom: t.custom }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct TodayView {
    pub as_of: String,
    /// The day's plan: every open issue, then the best contacts up to the room left today.
    pub plan: Vec<ReminderView>,
    /// The first of those that wait (at most [`TODAY_PAGE`]), in the plan's order.
    pub later: Vec<ReminderView>,
    /// How many wait in all.
    pub later_total: u32,
    /// Nudges long past their window, now on At risk.
    pub rolled_over: u32,
    pub contacts_per_day: u32,
    /// Reminders done or dismissed today.
    pub done_today: u32,
    pub check_in_days: u32,
    pub second_purchase_days: u32,
    /// The last sale day (`YYYY-MM-DD`) when the sales stop long before today.
    pub sales_stop: Option<String>,
}

#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ManualReminderInput {
    pub customer_id: i64,
    /// `YYYY-MM-DD`.
    pub due: String,
    pub note: String,
}

impl From<Contact> for ContactView {
    fn from(c: Contact) -> ContactView {
        ContactView {
            id: c.id,
            customer_id: c.customer.0,
            date: c.date.to_string(),
            method: c.method.key().to_owned(),
            outcome: c.outcome.key().to_owned(),
            sale_id: c.sale.map(|s| s.0),
            note: c.note,
        }
    }
}

fn reminder_view(r: &regulars_domain::Reminder, as_of: chrono::NaiveDate, risk: Option<regulars_core::Risk>) -> ReminderView {
    ReminderView {
        key: r.key.clone(),
        customer_id: r.customer.0,
        customer_name: r.customer_name.clone(),
        kind: r.kind.key().to_owned(),
        why: r.why(as_of),
        due: r.due.to_string(),
        days_overdue: r.days_overdue(as_of),
        lifetime_minor: r.lifetime_value.minor(),
        p_alive: risk.map(|x| x.p_alive),
        money_at_risk_minor: risk.map(|x| x.money_at_risk_minor),
        draft: None,
    }
}

impl From<std::sync::Arc<TodayPlan>> for TodayView {
    fn from(today: std::sync::Arc<TodayPlan>) -> TodayView {
        let as_of = today.as_of;
        TodayView {
            as_of: as_of.to_string(),
            plan: today
                .plan
                .iter()
                .map(|item| ReminderView { draft: Some(item.draft.clone().into()), ..reminder_view(&item.reminder, as_of, item.risk) })
                .collect(),
            later_total: u32::try_from(today.later.len()).unwrap_or(u32::MAX),
            later: today.later.iter().take(TODAY_PAGE).map(|r| reminder_view(r, as_of, None)).collect(),
            rolled_over: u32::try_from(today.rolled_over).unwrap_or(u32::MAX),
            contacts_per_day: today.contacts_per_day,
            done_today: today.done_today,
            check_in_days: today.rules.check_in_days,
            second_purchase_days: today.rules.second_purchase_days,
            sales_stop: today.sales_stop.map(|d| d.to_string()),
        }
    }
}
