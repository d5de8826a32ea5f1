//! The daily plan: out of everything due, the contacts an owner can make today.
//!
//! Unresolved issues come first, all of them, always. Then the owner's own reminders, then
//! the best of the rest up to "contacts a day", ordered by what the contact is worth (the money
//! at risk where the prediction model gives it, else lifetime value), then how overdue. A share
//! of the plan is kept for after-sale check-ins, since a second purchase is won right after the
//! first. Nudges left unanswered long past their window roll over: they leave Today (At risk
//! ranks those customers) and come back when the owner acts or the customer buys, as a new
//! reminder with a new due day.

use std::borrow::Borrow;
use std::collections::HashMap;

use chrono::NaiveDate;

use crate::{CustomerId, Reminder, ReminderKind, ReminderRules};

/// The contacts a day an owner plans for, when they have not said (a number one person gets
/// through between customers).
pub const DEFAULT_CONTACTS_PER_DAY: u32 = 10;

/// The most contacts a day the setting takes.
pub const MAX_CONTACTS_PER_DAY: u32 = 200;

/// The part of the plan (percent, rounded up) kept for after-sale check-ins when there are any.
pub const CHECK_IN_SHARE_PERCENT: u32 = 30;

/// What Today asks of the owner: reminders, or anything that stands for one (a place in the
/// day's list, so that a plan of a hundred thousand reminders is not a second copy of them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan<R = Reminder> {
    /// Issues first, then the best reminders up to the day's room.
    pub plan: Vec<R>,
    /// Everything else due, in the same order: it moves up as the plan is worked through.
    pub later: Vec<R>,
    /// Nudges long past their window: off Today, on At risk.
    pub rolled_over: Vec<R>,
}

impl<R> Default for Plan<R> {
    fn default() -> Self {
        Plan { plan: Vec::new(), later: Vec::new(), rolled_over: Vec::new() }
    }
}

/// True for a nudge left unanswered more than its own window past its due day: a second-
/// purchase nudge more than a second-purchase window late, a check-in more than a check-in
/// interval late, a lapsing regular more than their usual gap late. Issues and the owner's own
/// reminders never roll over.
pub fn is_stale(reminder: &Reminder, today: NaiveDate, rules: &ReminderRules) -> bool {
    let late = reminder.days_overdue(today);
    match reminder.kind {
        ReminderKind::SecondPurchase { window_days, .. } => late > i64::from(window_days),
        ReminderKind::CheckIn { .. } => late > i64::from(rules.check_in_days),
        ReminderKind::LapsingRegular { usual_gap_days, .. } => late > i64::from(usual_gap_days.max(rules.lapse_floor_days)),
        ReminderKind::OpenIssue { .. } | ReminderKind::Manual { .. } => false,
    }
}

/// Makes the day's plan from what is due. `room` is how many contacts are left for today
/// (contacts a day less those done today); `money_at_risk` is the model's view by customer,
/// empty when there is no model. Stale nudges roll over only when `at_risk_ranks` (the At
/// risk screen has a model to rank them by); otherwise they wait under Later, never nowhere.
pub fn plan_today<R: Borrow<Reminder>>(
    due: Vec<R>,
    today: NaiveDate,
    room: u32,
    rules: &ReminderRules,
    money_at_risk: &HashMap<CustomerId, i64>,
    at_risk_ranks: bool,
) -> Plan<R> {
    let mut plan = Plan::default();
    let mut open = Vec::with_capacity(due.len());
    for reminder in due {
        let r = reminder.borrow();
        if matches!(r.kind, ReminderKind::OpenIssue { .. }) {
            plan.plan.push(reminder);
        } else if at_risk_ranks && is_stale(r, today, rules) {
            plan.rolled_over.push(reminder);
        } else {
            open.push(reminder);
        }
    }
    plan.plan.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        a.due.cmp(&b.due).then(a.customer.cmp(&b.customer))
    });
    let worth = |r: &Reminder| money_at_risk.get(&r.customer).copied().unwrap_or_else(|| r.lifetime_value.minor());
    open.sort_by(|a, b| {
        let (a, b) = (a.borrow(), b.borrow());
        let own = |r: &Reminder| !matches!(r.kind, ReminderKind::Manual { .. });
        own(a).cmp(&own(b)).then_with(|| worth(b).cmp(&worth(a))).then_with(|| a.due.cmp(&b.due)).then_with(|| a.customer.cmp(&b.customer))
    });
    let room = room as usize;
    // The check-ins' share first (the best of them), then the best of everything left.
    let share = (room * CHECK_IN_SHARE_PERCENT as usize).div_ceil(100);
    let mut chosen = vec![false; open.len()];
    let mut taken = 0;
    for (i, reminder) in open.iter().enumerate() {
        if taken == share {
            break;
        }
        if matches!(reminder.borrow().kind, ReminderKind::CheckIn { .. }) {
            chosen[i] = true;
            taken += 1;
        }
    }
    for flag in &mut chosen {
        if taken == room {
            break;
        }
        if !*flag {
            *flag = true;
            taken += 1;
        }
    }
    // Sized once: at a hundred thousand reminders, growing the list doubled what it held.
    plan.later.reserve_exact(open.len() - taken);
    for (reminder, picked) in open.into_iter().zip(chosen) {
        if picked { plan.plan.push(reminder) } else { plan.later.push(reminder) }
    }
    plan
}

#[cfg(test)]
#[allow(clippy::inconsistent_digit_grouping)] // amounts in cents, written euros_cents
mod tests {
    use super::*;
    use crate::Money;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn reminder(id: i64, kind: ReminderKind, due: &str, lifetime: i64) -> Reminder {
        Reminder {
            key: format!("{}:{id}:{due}", kind.key()),
            customer: CustomerId(id),
            customer_name: format!("Customer {id}"),
            lifetime_value: Money::from_minor(lifetime),
            kind,
            due: day(due),
        }
    }

    fn lapsing(id: i64, due: &str, lifetime: i64) -> Reminder {
        reminder(id, ReminderKind::LapsingRegular { purchases: 4, usual_gap_days: 30, last_purchase: day("2026-09-01") }, due, lifetime)
    }

    fn check_in(id: i64, due: &str) -> Reminder {
        reminder(id, ReminderKind::CheckIn { sale_on: day("2026-11-15") }, due, 20_00)
    }

    fn ids(reminders: &[Reminder]) -> Vec<i64> {
        reminders.iter().map(|r| r.customer.0).collect()
    }

    const TODAY: &str = "2026-11-23";

    #[test]
    fn the_plan_never_exceeds_the_room_except_for_issues() {
        let rules = ReminderRules::default();
        for room in 0..15 {
            let mut due: Vec<Reminder> = (1..=40).map(|i| lapsing(i, "2026-11-20", i * 1_000)).collect();
            due.push(reminder(99, ReminderKind::OpenIssue { since: day("2026-11-01") }, "2026-11-03", 0));
            due.push(reminder(98, ReminderKind::OpenIssue { since: day("2026-11-20") }, "2026-11-22", 0));
            let plan = plan_today(due, day(TODAY), room, &rules, &HashMap::new(), true);
            assert_eq!(plan.plan.len(), room as usize + 2, "room {room}: every issue and {room} more");
            assert_eq!(ids(&plan.plan[..2]), [99, 98], "issues first, the oldest first");
            assert_eq!(plan.plan.len() + plan.later.len(), 42, "nothing is lost");
        }
    }

    #[test]
    fn the_plan_is_ordered_by_worth_the_models_money_at_risk_first() {
        let rules = ReminderRules::default();
        let due = vec![lapsing(1, "2026-11-20", 500_00), lapsing(2, "2026-11-20", 100_00), lapsing(3, "2026-11-10", 100_00)];
        let plan = plan_today(due.clone(), day(TODAY), 3, &rules, &HashMap::new(), true);
        assert_eq!(ids(&plan.plan), [1, 3, 2], "lifetime value, then the most overdue");
        let risk = HashMap::from([(CustomerId(2), 900_00), (CustomerId(1), 10_00), (CustomerId(3), 50_00)]);
        let plan = plan_today(due, day(TODAY), 2, &rules, &risk, true);
        assert_eq!(ids(&plan.plan), [2, 3], "money at risk where the model gives it");
        assert_eq!(ids(&plan.later), [1]);
    }

    #[test]
    fn after_sale_check_ins_keep_their_share_and_the_owners_own_reminders_lead() {
        let rules = ReminderRules::default();
        let mut due: Vec<Reminder> = (1..=20).map(|i| lapsing(i, "2026-11-20", 1_000_00 + i)).collect();
        due.extend((21..=30).map(|i| check_in(i, "2026-11-22")));
        due.push(reminder(40, ReminderKind::Manual { id: 1, note: "Call about the order".into() }, "2026-11-23", 0));
        let plan = plan_today(due, day(TODAY), 10, &rules, &HashMap::new(), true);
        assert_eq!(plan.plan.len(), 10);
        assert_eq!(plan.plan[0].customer, CustomerId(40), "the owner's own reminder first");
        let check_ins = plan.plan.iter().filter(|r| matches!(r.kind, ReminderKind::CheckIn { .. })).count();
        assert_eq!(check_ins, 3, "30% of 10, though every regular is worth more");
        assert_eq!(plan.later.len(), 21);
    }

    #[test]
    fn stale_nudges_roll_over_and_come_back_on_a_new_sale_or_contact() {
        let rules = ReminderRules::default();
        let window = 45;
        let nudge = |due: &str| reminder(5, ReminderKind::SecondPurchase { bought_on: day("2026-06-01"), window_days: window }, due, 30_00);
        let plan = plan_today(vec![nudge("2026-07-16"), nudge("2026-11-01")], day(TODAY), 10, &rules, &HashMap::new(), true);
        assert_eq!(plan.rolled_over.len(), 1, "more than a window late: off Today");
        assert_eq!(plan.plan.len(), 1, "22 days late is still Today's");
        let no_model = plan_today(vec![nudge("2026-07-16"), nudge("2026-11-01")], day(TODAY), 1, &rules, &HashMap::new(), false);
        assert_eq!((no_model.rolled_over.len(), no_model.plan.len(), no_model.later.len()), (0, 1, 1), "no model: nothing leaves");
        // A contact (or a sale) restarts the clock: the reminder it makes is due anew.
        let rhythm = crate::CustomerRhythm {
            id: CustomerId(5),
            name: "Five".into(),
            archived: false,
            sale_count: 1,
            purchase_days: 1,
            lifetime_value: Money::from_minor(30_00),
            last_purchase: Some(day("2026-06-01")),
            usual_gap_days: None,
            last_contact: Some(day("2026-11-20")),
            open_issue_since: None,
        };
        let fresh = crate::reminders_for(&rhythm, &rules);
        assert!(fresh.iter().all(|r| !is_stale(r, day("2027-01-05"), &rules)), "{fresh:?}");
        assert!(!is_stale(&reminder(1, ReminderKind::OpenIssue { since: day("2025-01-01") }, "2025-01-03", 0), day(TODAY), &rules));
    }
}
