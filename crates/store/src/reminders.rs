//! What the reminder rules read (each customer's rhythm, manual reminders) and what the owner
//! answered (done, dismissed, snoozed).

use std::collections::HashMap;

use chrono::NaiveDate;
use regulars_domain::{CustomerId, CustomerRhythm, Money};
use rusqlite::OptionalExtension;

use crate::{Store, StoreError};

/// What the owner did about a reminder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReminderAction {
    Done,
    Dismissed,
    SnoozedUntil(NaiveDate),
}

/// A reminder the owner set by hand.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ManualReminder {
    pub id: i64,
    pub customer: CustomerId,
    pub customer_name: String,
    pub lifetime_value: Money,
    pub archived: bool,
    pub due: NaiveDate,
    pub note: String,
}

const RHYTHM_COLUMNS: &str = "id, name, archived_at IS NOT NULL, sale_count, purchase_days, lifetime_minor, last_purchase_on, \
     usual_gap_days, last_contact_on, open_issue_on";

fn rhythm_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<CustomerRhythm> {
    Ok(CustomerRhythm {
        id: row.get(0)?,
        name: row.get(1)?,
        archived: row.get(2)?,
        sale_count: row.get(3)?,
        purchase_days: row.get(4)?,
        lifetime_value: Money::from_minor(row.get(5)?),
        last_purchase: row.get(6)?,
        usual_gap_days: row.get(7)?,
        last_contact: row.get(8)?,
        open_issue_since: row.get(9)?,
    })
}

/// The setting that holds how many days after a sale to check in.
pub(crate) const CHECK_IN_DAYS: &str = "reminders.check_in_days";
const CONTACTS_PER_DAY: &str = "reminders.contacts_per_day";

impl Store {
    /// The rhythm of every active customer who has bought or has an open issue.
    pub fn rhythms(&self) -> Result<Vec<CustomerRhythm>, StoreError> {
        let mut rhythms = Vec::new();
        self.each_rhythm(|rhythm| rhythms.push(rhythm))?;
        Ok(rhythms)
    }

    /// Calls `each` with the rhythm of every active customer who has bought or has an open
    /// issue, one at a time (a big shop's rhythms are not all in memory at once: 100,000 of
    /// them took 9 MB, and their list grew at the window's peak).
    pub fn each_rhythm(&self, mut each: impl FnMut(CustomerRhythm)) -> Result<(), StoreError> {
        let sql = format!(
            "SELECT {RHYTHM_COLUMNS} FROM customer WHERE archived_at IS NULL AND (last_purchase_on IS NOT NULL OR open_issue_on IS NOT NULL)"
        );
        let mut statement = self.conn.prepare_cached(&sql)?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            each(rhythm_from_row(row)?);
        }
        Ok(())
    }

    /// One customer's rhythm (archived or not).
    pub fn rhythm(&self, id: CustomerId) -> Result<Option<CustomerRhythm>, StoreError> {
        let sql = format!("SELECT {RHYTHM_COLUMNS} FROM customer WHERE id = ?1");
        Ok(self.conn.prepare_cached(&sql)?.query_row([id], rhythm_from_row).optional()?)
    }

    /// Days from first to second purchase, for every customer who came back.
    pub fn days_to_second_purchase(&self) -> Result<Vec<u32>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT CAST(julianday(second_purchase_on) - julianday(first_purchase_on) AS INTEGER) FROM customer
                 WHERE second_purchase_on IS NOT NULL",
            )?
            .query_map([], |row| row.get(0))?
            .collect::<Result<Vec<_>, _>>()?)
    }

    pub fn manual_reminders(&self) -> Result<Vec<ManualReminder>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT m.id, m.customer_id, c.name, c.lifetime_minor, c.archived_at IS NOT NULL, m.due_on, m.note
                 FROM manual_reminder m JOIN customer c ON c.id = m.customer_id ORDER BY m.due_on, m.id",
            )?
            .query_map([], |row| {
                Ok(ManualReminder {
                    id: row.get(0)?,
                    customer: row.get(1)?,
                    customer_name: row.get(2)?,
                    lifetime_value: Money::from_minor(row.get(3)?),
                    archived: row.get(4)?,
                    due: row.get(5)?,
                    note: row.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?)
    }

    pub fn insert_manual_reminder(&mut self, customer: CustomerId, due: NaiveDate, note: &str) -> Result<i64, StoreError> {
        self.conn
            .prepare_cached("INSERT INTO manual_reminder (customer_id, due_on, note, created_at) VALUES (?1, ?2, ?3, ?4)")?
            .execute((customer, due, note, Store::now()))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Everything the owner answered, by reminder key.
    pub fn reminder_actions(&self) -> Result<HashMap<String, ReminderAction>, StoreError> {
        let rows = self
            .conn
            .prepare_cached("SELECT reminder_key, action, until_on FROM reminder_action")?
            .query_map([], |row| Ok((row.get::<_, String>(0)?, row.get::<_, String>(1)?, row.get::<_, Option<NaiveDate>>(2)?)))?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows
            .into_iter()
            .map(|(key, action, until)| {
                let action = match (action.as_str(), until) {
                    ("snoozed", Some(until)) => ReminderAction::SnoozedUntil(until),
                    ("dismissed", _) => ReminderAction::Dismissed,
                    _ => ReminderAction::Done,
                };
                (key, action)
            })
            .collect())
    }

    /// Records (or replaces) the owner's answer to a reminder.
    /// Reminders done or dismissed on the shop's day `day`.
    pub fn answered_on(&self, day: NaiveDate) -> Result<u32, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT count(*) FROM reminder_action WHERE acted_on = ?1 AND action IN ('done', 'dismissed')")?
            .query_row([day], |row| row.get(0))?)
    }

    /// Contacts a day the owner plans for, if they said.
    pub fn contacts_per_day(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.setting(CONTACTS_PER_DAY)?.and_then(|v| v.parse().ok()))
    }

    pub fn set_contacts_per_day(&mut self, count: u32) -> Result<(), StoreError> {
        self.save_setting(CONTACTS_PER_DAY, &count.to_string())
    }

    /// The owner's message template for a reminder kind (`check_in`, ...): subject and body.
    pub fn template(&self, kind: &str) -> Result<Option<(String, String)>, StoreError> {
        let subject = self.setting(&format!("template.{kind}.subject"))?;
        let body = self.setting(&format!("template.{kind}.body"))?;
        Ok(subject.zip(body))
    }

    /// Saves a template; `None` goes back to the one Regulars ships.
    pub fn set_template(&mut self, kind: &str, template: Option<(&str, &str)>) -> Result<(), StoreError> {
        let (subject_key, body_key) = (format!("template.{kind}.subject"), format!("template.{kind}.body"));
        match template {
            Some((subject, body)) => {
                let tx = self.conn.transaction()?;
                for (key, value) in [(&subject_key, subject), (&body_key, body)] {
                    tx.execute(
                        "INSERT INTO setting (key, value) VALUES (?1, ?2) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                        (key, value),
                    )?;
                }
                tx.commit()?;
            }
            None => {
                self.conn.execute("DELETE FROM setting WHERE key IN (?1, ?2)", (&subject_key, &body_key))?;
            }
        }
        Ok(())
    }

    pub fn set_reminder_action(&mut self, key: &str, action: ReminderAction) -> Result<(), StoreError> {
        self.answer_reminder(key, action, None)
    }

    /// Records the owner's answer to a reminder, on the shop's day `on`.
    pub fn answer_reminder(&mut self, key: &str, action: ReminderAction, on: Option<NaiveDate>) -> Result<(), StoreError> {
        let (name, until) = match action {
            ReminderAction::Done => ("done", None),
            ReminderAction::Dismissed => ("dismissed", None),
            ReminderAction::SnoozedUntil(day) => ("snoozed", Some(day)),
        };
        self.conn
            .prepare_cached(
                "INSERT INTO reminder_action (reminder_key, action, until_on, acted_at, acted_on) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (reminder_key) DO UPDATE SET action = excluded.action, until_on = excluded.until_on,
                     acted_at = excluded.acted_at, acted_on = excluded.acted_on",
            )?
            .execute((key, name, until, Store::now(), on))?;
        Ok(())
    }

    /// The check-in interval the owner chose, if any.
    pub fn check_in_days(&self) -> Result<Option<u32>, StoreError> {
        Ok(self.setting(CHECK_IN_DAYS)?.and_then(|v| v.parse().ok()))
    }

    pub fn set_check_in_days(&mut self, days: u32) -> Result<(), StoreError> {
        self.save_setting(CHECK_IN_DAYS, &days.to_string())
    }
}

impl Store {
    /// Whether the app may send a desktop notification with the day's count (default yes).
    pub fn notifications_enabled(&self) -> Result<bool, StoreError> {
        Ok(self.setting("notifications.enabled")?.is_none_or(|v| v != "false"))
    }

    pub fn set_notifications_enabled(&mut self, enabled: bool) -> Result<(), StoreError> {
        self.save_setting("notifications.enabled", if enabled { "true" } else { "false" })
    }
}
