//! Today as a plan the owner can finish, and the follow-up message drafted for each contact.
//!
//! The plan itself is `regulars_domain::plan_today`; this adds the shop's setting ("contacts a
//! day"), what was answered today, and the message templates (one per reminder kind, the
//! owner's own or the catalog's) with their placeholders filled in.

use chrono::NaiveDate;
use regulars_domain::{CustomerId, DEFAULT_CONTACTS_PER_DAY, Field, FieldError, MAX_CONTACTS_PER_DAY, Reminder, ReminderRules, plan_today};

use crate::{Error, Risk, Session};

/// The placeholders a template may use.
pub const PLACEHOLDERS: [&str; 5] = ["first_name", "name", "shop", "last_item", "last_visit"];

/// The reminder kinds that have a template of their own (a reminder of the owner's own uses
/// the check-in's).
pub const TEMPLATE_KINDS: [&str; 4] = ["check_in", "second_purchase", "lapsing_regular", "open_issue"];

/// A drafted follow-up, and where it can go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub subject: String,
    pub body: String,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// How the owner reaches out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    Email,
    Call,
    Text,
}

impl Channel {
    pub fn parse(raw: &str) -> Option<Channel> {
        match raw {
            "email" => Some(Channel::Email),
            "call" => Some(Channel::Call),
            "text" => Some(Channel::Text),
            _ => None,
        }
    }

    /// The contact method a reach-out through this channel is logged as.
    pub fn method(self) -> &'static str {
        match self {
            Channel::Email => "email",
            Channel::Call => "call",
            Channel::Text => "message",
        }
    }
}

/// Everything but the unreserved characters of RFC 3986 is escaped in a `mailto:` or `sms:`
/// field (RFC 6068), so a message's line breaks, `&` and `?` arrive as written.
const FIELD: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

impl Draft {
    /// The URL that opens the OS's mail app (`mailto:`), dialler (`tel:`) or messages app
    /// (`sms:`) with this message. Nothing is sent by Regulars. `None` when the customer has no
    /// email (or phone) for the channel.
    pub fn url(&self, channel: Channel) -> Option<String> {
        let encode = |text: &str| percent_encoding::utf8_percent_encode(text, FIELD).to_string();
        // Line breaks as CRLF, as mail bodies carry them (RFC 6068).
        let body = self.body.replace("\r\n", "\n").replace('\n', "\r\n");
        match channel {
            Channel::Email => {
                let to = self.email.as_deref()?;
                Some(format!("mailto:{}?subject={}&body={}", encode(to).replace("%40", "@"), encode(&self.subject), encode(&body)))
            }
            Channel::Call | Channel::Text => {
                let phone = self.phone.as_deref()?;
                let dial: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
                if dial.is_empty() {
                    return None;
                }
                Some(match channel {
                    Channel::Call => format!("tel:{dial}"),
                    _ => format!("sms:{dial}?body={}", encode(&body)),
                })
            }
        }
    }
}

/// One contact of the plan: the reminder, why in words, and the drafted message.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanItem {
    pub reminder: Reminder,
    pub why: String,
    pub days_overdue: i64,
    pub draft: Draft,
    pub risk: Option<Risk>,
}

/// Today as a plan.
#[derive(Debug, Clone, PartialEq)]
pub struct TodayPlan {
    pub as_of: NaiveDate,
    /// Issues (all of them), then the best reminders up to the room left today.
    pub plan: Vec<PlanItem>,
    /// Everything else due, in the same order.
    pub later: Later,
    /// Nudges long past their window, now At risk's.
    pub rolled_over: usize,
    pub contacts_per_day: u32,
    /// Reminders done or dismissed today.
    pub done_today: u32,
    pub rules: ReminderRules,
    /// The last sale day, when the sales stop long before today.
    pub sales_stop: Option<NaiveDate>,
}

/// Everything due that is not in today's plan, in the plan's order: places in the day's list,
/// which the session keeps anyway (a big shop's list holds a hundred thousand reminders; a copy
/// of them was 20 MB more in the window's process).
#[derive(Debug, Clone)]
pub struct Later {
    list: std::sync::Arc<crate::Today>,
    places: Vec<u32>,
}

impl Later {
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The reminders, in the plan's order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = &Reminder> + '_ {
        self.places.iter().map(|&place| &self.list.due[place as usize])
    }
}

impl PartialEq for Later {
    fn eq(&self, other: &Later) -> bool {
        self.iter().eq(other.iter())
    }
}

/// A reminder of the day's list and its place there: what the plan is made of.
struct Placed<'a> {
    place: u32,
    reminder: &'a Reminder,
}

impl std::borrow::Borrow<Reminder> for Placed<'_> {
    fn borrow(&self) -> &Reminder {
        self.reminder
    }
}

/// A template: subject and body, with `{placeholders}`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    pub kind: String,
    pub subject: String,
    pub body: String,
    /// The owner changed it (else it is the catalog's).
    pub custom: bool,
}

/// The template of a reminder kind (`ReminderKind::key`): its own, and the check-in's for a
/// reminder of the owner's own.
fn template_of(kind: &str) -> &str {
    if kind == "manual" { "check_in" } else { kind }
}

/// The catalog's template of a kind, its placeholders kept as they are (each is formatted
/// with itself as its value).
fn shipped_template(kind: &str) -> (String, String) {
    use regulars_text::t;
    let (f, s, i, v) = ("{first_name}", "{shop}", "{last_item}", "{last_visit}");
    match kind {
        "second_purchase" => {
            (t!("template.secondPurchase.subject", shop = s), t!("template.secondPurchase.body", first_name = f, shop = s, last_item = i))
        }
        "lapsing_regular" => {
            (t!("template.lapsingRegular.subject", shop = s), t!("template.lapsingRegular.body", first_name = f, shop = s, last_visit = v))
        }
        "open_issue" => (t!("template.openIssue.subject", first_name = f), t!("template.openIssue.body", first_name = f, shop = s)),
        _ => (
            t!("template.checkIn.subject", first_name = f),
            t!("template.checkIn.body", first_name = f, shop = s, last_item = i, last_visit = v),
        ),
    }
}

/// Every `{word}` of a template that is not a placeholder Regulars fills in.
fn unknown_placeholders(text: &str) -> Vec<String> {
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else { break };
        let word = &after[..close];
        if !PLACEHOLDERS.contains(&word) && !unknown.iter().any(|u| u == word) {
            unknown.push(word.to_owned());
        }
        rest = &after[close + 1..];
    }
    unknown
}

/// Fills in the placeholders.
fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in values {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

impl Session {
    /// How many contacts a day the owner plans for (default 10).
    pub fn contacts_per_day(&self) -> Result<u32, Error> {
        Ok(self.store.contacts_per_day()?.unwrap_or(DEFAULT_CONTACTS_PER_DAY))
    }

    /// Sets the contacts a day (1 to 200).
    pub fn set_contacts_per_day(&mut self, count: u32) -> Result<(), Error> {
        if !(1..=MAX_CONTACTS_PER_DAY).contains(&count) {
            let message = regulars_text::t!("error.contactsPerDay", count = count, max = MAX_CONTACTS_PER_DAY);
            return Err(FieldError::new(Field::ContactsPerDay, message).into());
        }
        Ok(self.store.set_contacts_per_day(count)?)
    }

    /// A contacts-a-day to start with, from what is due today: the day's list worked through
    /// in about a week, within 5 to 30.
    pub fn suggested_contacts_per_day(&self) -> Result<u32, Error> {
        let due = self.today_list()?.due.len() as u32;
        Ok(due.div_ceil(7).clamp(5, 30))
    }

    /// Today as a plan: issues, then the best reminders up to the room left today. Between two
    /// writes it cannot change, so it is kept and handed out again (shared, not copied: a big
    /// shop's Later holds tens of thousands of reminders).
    pub fn today_plan(&self) -> Result<std::sync::Arc<TodayPlan>, Error> {
        self.kept(&self.plan_cache, || Ok(std::sync::Arc::new(self.compute_today_plan()?)))
    }

    fn compute_today_plan(&self) -> Result<TodayPlan, Error> {
        let today = self.today_list()?;
        let per_day = self.contacts_per_day()?;
        let done_today = self.store.answered_on(today.as_of)?;
        let money = today.risk.iter().map(|(id, risk)| (*id, risk.money_at_risk_minor)).collect();
        // At risk ranks rolled-over customers only when it has a model; without one they wait.
        let at_risk_ranks = self.cached_outlook()?.is_some_and(|o| o.models.is_some());
        // A list has fewer reminders than `u32` counts (one or two a customer).
        let placed = today.due.iter().enumerate().map(|(place, reminder)| Placed { place: place as u32, reminder }).collect();
        let plan = plan_today(placed, today.as_of, per_day.saturating_sub(done_today), &today.rules, &money, at_risk_ranks);
        let items = plan
            .plan
            .into_iter()
            .map(|placed| {
                let reminder = placed.reminder.clone();
                Ok(PlanItem {
                    why: reminder.why(today.as_of),
                    days_overdue: reminder.days_overdue(today.as_of),
                    draft: self.draft_for(&reminder)?,
                    risk: today.risk.get(&reminder.customer).copied(),
                    reminder,
                })
            })
            .collect::<Result<Vec<_>, Error>>()?;
        Ok(TodayPlan {
            as_of: today.as_of,
            plan: items,
            later: Later { list: std::sync::Arc::clone(&today), places: plan.later.iter().map(|placed| placed.place).collect() },
            rolled_over: plan.rolled_over.len(),
            contacts_per_day: per_day,
            done_today,
            rules: today.rules,
            sales_stop: today.sales_stop,
        })
    }

    /// The template of a reminder kind: the owner's, else the catalog's.
    pub fn template(&self, kind: &str) -> Result<Template, Error> {
        if !TEMPLATE_KINDS.contains(&kind) {
            let message = regulars_text::t!("error.templateKind", kind = kind, kinds = TEMPLATE_KINDS.join(", "));
            return Err(FieldError::new(Field::Template, message).into());
        }
        Ok(match self.store.template(kind)? {
            Some((subject, body)) => Template { kind: kind.to_owned(), subject, body, custom: true },
            None => {
                let (subject, body) = shipped_template(kind);
                Template { kind: kind.to_owned(), subject, body, custom: false }
            }
        })
    }

    /// Saves the owner's template of a kind; empty subject and body go back to the catalog's.
    /// A placeholder Regulars does not fill in is refused by name.
    pub fn set_template(&mut self, kind: &str, subject: &str, body: &str) -> Result<Template, Error> {
        self.template(kind)?;
        let (subject, body) = (subject.trim(), body.trim());
        if subject.is_empty() && body.is_empty() {
            self.store.set_template(kind, None)?;
            return self.template(kind);
        }
        let unknown: Vec<String> = unknown_placeholders(subject).into_iter().chain(unknown_placeholders(body)).collect();
        if let Some(first) = unknown.first() {
            let known = PLACEHOLDERS.map(|p| format!("{{{p}}}")).join(", ");
            return Err(
                FieldError::new(Field::Template, regulars_text::t!("error.placeholder", name = first.as_str(), known = known)).into()
            );
        }
        if body.is_empty() {
            return Err(FieldError::new(Field::Template, regulars_text::t!("error.templateEmpty")).into());
        }
        if subject.chars().count() > 200 || body.chars().count() > 5_000 {
            return Err(FieldError::new(Field::Template, regulars_text::t!("error.templateLong")).into());
        }
        self.store.set_template(kind, Some((subject, body)))?;
        self.template(kind)
    }

    /// The message for a reminder, drafted from its kind's template for its customer.
    pub fn draft_for(&self, reminder: &Reminder) -> Result<Draft, Error> {
        self.draft_with(reminder.kind.key(), reminder.customer)
    }

    /// The message of a template kind for a customer (the Settings preview, a customer page).
    /// `kind` is a template kind or any reminder kind (`manual` drafts the check-in's).
    pub fn draft_with(&self, kind: &str, customer: CustomerId) -> Result<Draft, Error> {
        let template = self.template(template_of(kind))?;
        let who = self.customer(customer)?.summary;
        let shop = self.shop()?.map(|s| s.name.as_str().to_owned()).unwrap_or_default();
        let last = self.store.last_sale_of(customer)?;
        let first_name = who.name.split_whitespace().next().unwrap_or(&who.name).to_owned();
        let last_item = last
            .as_ref()
            .map(|s| s.description.clone())
            .filter(|d| !d.is_empty())
            .unwrap_or_else(|| regulars_text::t!("template.yourPurchase"));
        let last_visit = last
            .map(|s| {
                let day = s.date.date();
                regulars_text::day_label(chrono::Datelike::year(&day), chrono::Datelike::month(&day), chrono::Datelike::day(&day))
            })
            .unwrap_or_default();
        let values = [
            ("first_name", first_name.as_str()),
            ("name", who.name.as_str()),
            ("shop", shop.as_str()),
            ("last_item", last_item.as_str()),
            ("last_visit", last_visit.as_str()),
        ];
        Ok(Draft { subject: fill(&template.subject, &values), body: fill(&template.body, &values), email: who.email, phone: who.phone })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_urls_carry_the_message_escaped_and_nothing_else() {
        let draft = Draft {
            subject: "How is it, Ana?".into(),
            body: "Hi Ana,\nall good & well? 100%".into(),
            email: Some("ana+shop@example.com".into()),
            phone: Some("+44 (0)20 7946-0000".into()),
        };
        assert_eq!(
            draft.url(Channel::Email).as_deref(),
            Some(
                "mailto:ana%2Bshop@example.com?subject=How%20is%20it%2C%20Ana%3F&body=Hi%20Ana%2C%0D%0Aall%20good%20%26%20well%3F%20100%25"
            )
        );
        assert_eq!(draft.url(Channel::Call).as_deref(), Some("tel:+4402079460000"), "digits and the plus only");
        assert!(draft.url(Channel::Text).is_some_and(|u| u.starts_with("sms:+4402079460000?body=Hi%20Ana")));
        let nobody = Draft { email: None, phone: None, ..draft };
        assert_eq!((nobody.url(Channel::Email), nobody.url(Channel::Call)), (None, None));
    }

    #[test]
    fn placeholders_are_found_and_filled() {
        assert_eq!(unknown_placeholders("Hi {first_name}, {frist_name} {shop} {x}"), ["frist_name", "x"]);
        assert!(unknown_placeholders("no braces, or an { open one").is_empty());
        assert_eq!(fill("Hi {first_name} from {shop}", &[("first_name", "Ana"), ("shop", "Bikes")]), "Hi Ana from Bikes");
    }
}
