//! Use cases of the service loop: log a contact, the Today list, and answering reminders
//! (done, snooze, dismiss, or a reminder of one's own).

use std::collections::HashMap;

use chrono::NaiveDate;
use regulars_domain::{
    Contact, ContactDraft, CustomerId, Field, FieldError, Reminder, ReminderKind, ReminderRules, due_for_customer, median_days,
    parse_reminder_note, pick_for_today,
};
use regulars_store::{ReminderAction, StoreError};

use crate::customers::not_found;
use crate::{Error, Session};

/// The Today list as of a day.
#[derive(Debug, Clone, PartialEq)]
pub struct Today {
    pub as_of: NaiveDate,
    /// Due and overdue reminders, most important first.
    pub due: Vec<Reminder>,
    /// The rules used, so the screen can say "usually within 45 days".
    pub rules: ReminderRules,
    /// For the lapsing regulars on the list, the prediction model's view of them (empty when
    /// there is no model; see [`Session::today_list`]).
    pub risk: HashMap<CustomerId, Risk>,
    /// The last sale day, when the sales stop long before today ([`Session::sales_stop`]).
    pub sales_stop: Option<NaiveDate>,
}

/// How likely a customer is still a customer, and what their going would cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Risk {
    pub p_alive: f64,
    pub money_at_risk_minor: i64,
}

/// Up to this many customers, the Today list fits the prediction model itself when the shop
/// has changed (a tenth of a second); a bigger shop uses the model once the At risk screen or
/// a customer page has fitted it, so that opening the app never waits on the fit.
pub const FIT_FOR_TODAY_UP_TO: usize = 20_000;

/// Check-ins are 1 to 365 days after a sale.
pub(crate) fn check_in_days_in_range(days: u32) -> Result<(), Error> {
    if !(1..=365).contains(&days) {
        return Err(FieldError::new(Field::CheckInDays, regulars_text::t!("error.checkInDays", days = days)).into());
    }
    Ok(())
}

impl Session {
    /// The reminder rules for this shop: its own check-in interval, and its own median time to
    /// a second purchase once enough customers have come back (else 45 days).
    pub fn reminder_rules(&self) -> Result<ReminderRules, Error> {
        let mut rules = ReminderRules { check_in_days: self.check_in_days()?, ..ReminderRules::default() };
        let mut gaps = self.store.days_to_second_purchase()?;
        if gaps.len() >= ReminderRules::MIN_REPEAT_CUSTOMERS_FOR_MEDIAN {
            rules.second_purchase_days = median_days(&mut gaps).unwrap_or(ReminderRules::DEFAULT_SECOND_PURCHASE_DAYS).max(1);
        }
        Ok(rules)
    }

    /// How many days after a sale to check in: the owner's choice, else the default. One
    /// setting read, without the shop-wide second-purchase median `reminder_rules` works out.
    pub fn check_in_days(&self) -> Result<u32, Error> {
        Ok(self.store.check_in_days()?.unwrap_or(ReminderRules::default().check_in_days))
    }

    /// Sets how many days after a sale to check in (1 to 365).
    pub fn set_check_in_days(&mut self, days: u32) -> Result<(), Error> {
        check_in_days_in_range(days)?;
        Ok(self.store.set_check_in_days(days)?)
    }

    /// Everything due on or before today, minus what the owner has done, dismissed or snoozed.
    /// When the prediction model is available, the lapsing regulars carry its view of them and
    /// come in order of money at risk (else of lifetime value).
    ///
    /// Between two writes the list cannot change (everything it is made of is in the file, or
    /// is the day), so it is kept and handed out again until the shop changes, the day turns,
    /// or the model's view becomes available.
    pub fn today_list(&self) -> Result<std::sync::Arc<Today>, Error> {
        // Shared, not copied: a big shop's list holds tens of thousands of reminders.
        self.kept(&self.today_cache, || Ok(std::sync::Arc::new(self.compute_today_list()?)))
    }

    fn compute_today_list(&self) -> Result<Today, Error> {
        let mut today = self.open_reminders_until(self.today())?;
        let outlook = match self.cached_outlook()? {
            Some(outlook) => Some(outlook),
            // Counting customers is a look at the table; reading the history is not, and a big
            // shop's first Today must not wait for it.
            None if self.store.count_customers()? <= FIT_FOR_TODAY_UP_TO as i64 => Some(self.outlook(None)?),
            None => None,
        };
        let Some(outlook) = outlook.filter(|o| o.models.is_some()) else { return Ok(today) };
        let lapsing: std::collections::HashSet<CustomerId> =
            today.due.iter().filter(|r| matches!(r.kind, ReminderKind::LapsingRegular { .. })).map(|r| r.customer).collect();
        today.risk = outlook
            .customers
            .iter()
            .filter(|c| lapsing.contains(&CustomerId(c.customer_id)))
            .map(|c| (CustomerId(c.customer_id), Risk { p_alive: c.p_alive, money_at_risk_minor: c.money_at_risk_minor }))
            .collect();
        // The lapsing regulars sit together (reminders are grouped by kind); order them by what
        // their going would cost.
        if let Some(start) = today.due.iter().position(|r| matches!(r.kind, ReminderKind::LapsingRegular { .. })) {
            let end = start + today.due[start..].iter().take_while(|r| matches!(r.kind, ReminderKind::LapsingRegular { .. })).count();
            let risk = &today.risk;
            today.due[start..end].sort_by_key(|r| {
                (
                    std::cmp::Reverse(risk.get(&r.customer).map_or(i64::MIN, |x| x.money_at_risk_minor)),
                    std::cmp::Reverse(r.lifetime_value.minor()),
                )
            });
        }
        Ok(today)
    }

    /// The open reminders due on or before `horizon` (today's list when it is today).
    pub fn open_reminders_until(&self, horizon: NaiveDate) -> Result<Today, Error> {
        let today = self.today();
        let rules = self.reminder_rules()?;
        let actions = self.store.reminder_actions()?;
        // Pick first, then apply the owner's answers: dismissing the reminder that speaks for a
        // customer must not let a lesser one of the same cycle take its place.
        // Each customer's cadence reminders are picked as they are read, so that those that give
        // way are never in the list; `pick_for_today` then orders them.
        let mut due: Vec<Reminder> = Vec::new();
        self.store.each_rhythm(|rhythm| due.extend(due_for_customer(&rhythm, &rules, horizon)))?;
        for manual in self.store.manual_reminders()? {
            if manual.archived || manual.due > horizon {
                continue;
            }
            due.push(Reminder {
                key: format!("manual:{}", manual.id),
                customer: manual.customer,
                customer_name: manual.customer_name,
                lifetime_value: manual.lifetime_value,
                kind: ReminderKind::Manual { id: manual.id, note: manual.note },
                due: manual.due,
            });
        }
        let mut due = pick_for_today(due);
        due.retain(|reminder| match actions.get(&reminder.key) {
            Some(ReminderAction::Done | ReminderAction::Dismissed) => false,
            Some(ReminderAction::SnoozedUntil(until)) => *until <= today,
            None => true,
        });
        // Kept until the shop changes: without the room it grew into, up to twice its size (a
        // hundred thousand reminders: 14 MB).
        due.shrink_to_fit();
        Ok(Today { as_of: today, due, rules, risk: HashMap::new(), sales_stop: self.sales_stop()? })
    }

    /// The open reminders of the next `days` days (overdue ones included) as an iCalendar file.
    pub fn reminders_calendar(&self, days: u64) -> Result<String, Error> {
        let today = self.today();
        let horizon = today.checked_add_days(chrono::Days::new(days)).unwrap_or(today);
        // What is due now, as on Today; then, for everyone else, what comes due by the horizon.
        let mut events = self.today_list()?.due.clone();
        let later = self.open_reminders_until(horizon)?.due;
        let now_due: std::collections::HashSet<CustomerId> = events.iter().map(|e| e.customer).collect();
        events.extend(later.into_iter().filter(|r| r.due > today && !now_due.contains(&r.customer)));
        let shop = self.shop()?.map(|s| s.name.as_str().to_owned()).unwrap_or_else(|| "Regulars".to_owned());
        Ok(crate::reminders_to_ics(&events, today, &shop, chrono::Utc::now()))
    }

    /// Whether the app sends a desktop notification with the number due (default yes).
    pub fn notifications_enabled(&self) -> Result<bool, Error> {
        Ok(self.store.notifications_enabled()?)
    }

    pub fn set_notifications_enabled(&mut self, enabled: bool) -> Result<(), Error> {
        Ok(self.store.set_notifications_enabled(enabled)?)
    }

    /// Marks a reminder done.
    pub fn reminder_done(&mut self, key: &str) -> Result<(), Error> {
        Ok(self.store.answer_reminder(key, ReminderAction::Done, Some(self.today()))?)
    }

    /// Drops a reminder without acting on it.
    pub fn reminder_dismiss(&mut self, key: &str) -> Result<(), Error> {
        Ok(self.store.answer_reminder(key, ReminderAction::Dismissed, Some(self.today()))?)
    }

    /// Hides a reminder until `until` (after today, within a year).
    pub fn reminder_snooze(&mut self, key: &str, until: NaiveDate) -> Result<(), Error> {
        let today = self.today();
        if until <= today {
            return Err(FieldError::new(Field::DueDate, regulars_text::t!("error.snoozeNotAfterToday", day = until.to_string())).into());
        }
        if until > today + chrono::Days::new(366) {
            return Err(FieldError::new(Field::DueDate, regulars_text::t!("error.snoozeTooFar", day = until.to_string())).into());
        }
        Ok(self.store.answer_reminder(key, ReminderAction::SnoozedUntil(until), Some(self.today()))?)
    }

    /// A reminder of the owner's own: "call when the new stock arrives".
    pub fn add_manual_reminder(&mut self, customer: CustomerId, due: NaiveDate, note: &str) -> Result<(), Error> {
        let note = parse_reminder_note(note)?;
        if due < self.today() {
            return Err(FieldError::new(Field::DueDate, regulars_text::t!("error.dueInPast", day = due.to_string())).into());
        }
        if !self.store.customer_exists(customer)? {
            return Err(not_found(customer));
        }
        self.store.insert_manual_reminder(customer, due, &note)?;
        Ok(())
    }

    /// Logs a contact. It restarts the customer's cadence (the check-in is satisfied, the
    /// second-purchase and lapsing clocks start again); `completes` marks the reminder the
    /// owner was answering as done.
    pub fn log_contact(&mut self, draft: ContactDraft, completes: Option<&str>) -> Result<Contact, Error> {
        let customer = self.customer(draft.customer)?;
        if customer.summary.archived {
            return Err(Error::Conflict(regulars_text::t!("error.archivedContact", name = &customer.summary.name)));
        }
        if let Some(sale) = draft.sale
            && !self.store.sale_belongs_to(sale, draft.customer)?
        {
            return Err(Error::NotFound(regulars_text::t!("error.saleNotTheirs", id = sale.0.to_string(), name = &customer.summary.name)));
        }
        let id = self.store.insert_contact(&draft)?;
        if let Some(key) = completes {
            let today = self.today();
            self.store.answer_reminder(key, ReminderAction::Done, Some(today))?;
        }
        let contacts = self.store.contacts_of_customer(draft.customer)?;
        contacts
            .into_iter()
            .find(|c| c.id == id)
            .ok_or_else(|| Error::Store(StoreError::Unsupported(regulars_text::t!("store.contactNotSaved"))))
    }
}
