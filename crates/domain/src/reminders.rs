//! Who to contact and why: the reminder rules, as pure functions of one customer's history and
//! "today". No clock, no IO; the store gathers the history, the use cases apply done/snooze.
//!
//! A reminder is identified by its [`Reminder::key`] — kind, customer and the event it follows
//! (the sale, the last touch, the issue) — so computing the list twice never yields two
//! reminders for the same reason and customer, and a "done" or "snoozed" recorded against the
//! key sticks until a new event starts a new cycle.

use regulars_text::t;
use std::collections::HashSet;

use chrono::{Days, NaiveDate};

use crate::{CustomerId, Money};

/// The shop's reminder settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReminderRules {
    /// Days after a sale to check in (default 7).
    pub check_in_days: u32,
    /// Days a one-time buyer may go without coming back (the shop's median, or 45).
    pub second_purchase_days: u32,
    /// A regular lapses after their usual gap times this, in tenths (15 = 1.5x) ...
    pub lapse_factor_tenths: u32,
    /// ... but never before this many days.
    pub lapse_floor_days: u32,
    /// An open issue is due this many days after it was raised.
    pub issue_due_days: u32,
}

impl Default for ReminderRules {
    fn default() -> ReminderRules {
        ReminderRules { check_in_days: 7, second_purchase_days: 45, lapse_factor_tenths: 15, lapse_floor_days: 14, issue_due_days: 2 }
    }
}

impl ReminderRules {
    /// Repeat customers needed before the shop's own median replaces the 45-day default.
    pub const MIN_REPEAT_CUSTOMERS_FOR_MEDIAN: usize = 20;
    pub const DEFAULT_SECOND_PURCHASE_DAYS: u32 = 45;
}

/// What the rules need to know about one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CustomerRhythm {
    pub id: CustomerId,
    pub name: String,
    pub archived: bool,
    pub sale_count: u32,
    pub purchase_days: u32,
    pub lifetime_value: Money,
    pub last_purchase: Option<NaiveDate>,
    /// Median days between purchase days; `None` below two purchase days.
    pub usual_gap_days: Option<u32>,
    pub last_contact: Option<NaiveDate>,
    /// The day of the oldest issue raised and not resolved since.
    pub open_issue_since: Option<NaiveDate>,
}

impl CustomerRhythm {
    /// The last time the owner and the customer were in touch: a sale or a contact.
    pub fn last_touch(&self) -> Option<NaiveDate> {
        self.last_purchase.max(self.last_contact)
    }
}

/// Why a reminder exists, in order of priority (first is most urgent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReminderKind {
    /// An issue raised on `since` and not resolved.
    OpenIssue { since: NaiveDate },
    /// The owner asked to be reminded.
    Manual { id: i64, note: String },
    /// A regular whose time since their last touch exceeds their usual rhythm.
    LapsingRegular { purchases: u32, usual_gap_days: u32, last_purchase: NaiveDate },
    /// A one-time buyer who has not come back.
    SecondPurchase { bought_on: NaiveDate, window_days: u32 },
    /// A sale with no contact since.
    CheckIn { sale_on: NaiveDate },
}

impl ReminderKind {
    /// Every [`ReminderKind::key`], most urgent first (the window's `ReminderKind` type).
    pub const KEYS: [&'static str; 5] = ["open_issue", "manual", "lapsing_regular", "second_purchase", "check_in"];

    /// Stable machine name, shared with the UI.
    pub fn key(&self) -> &'static str {
        match self {
            ReminderKind::OpenIssue { .. } => "open_issue",
            ReminderKind::Manual { .. } => "manual",
            ReminderKind::LapsingRegular { .. } => "lapsing_regular",
            ReminderKind::SecondPurchase { .. } => "second_purchase",
            ReminderKind::CheckIn { .. } => "check_in",
        }
    }

    fn rank(&self) -> u8 {
        match self {
            ReminderKind::OpenIssue { .. } => 0,
            ReminderKind::Manual { .. } => 1,
            ReminderKind::LapsingRegular { .. } => 2,
            ReminderKind::SecondPurchase { .. } => 3,
            ReminderKind::CheckIn { .. } => 4,
        }
    }

    /// A kind the cadence of sales and contacts gives, of which a customer is asked one at a time.
    fn is_cadence(&self) -> bool {
        !matches!(self, ReminderKind::OpenIssue { .. } | ReminderKind::Manual { .. })
    }
}

/// One thing to do for one customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// `kind:customer:event-day` (or `manual:id`): the identity done/snooze are recorded against.
    pub key: String,
    pub customer: CustomerId,
    pub customer_name: String,
    pub lifetime_value: Money,
    pub kind: ReminderKind,
    pub due: NaiveDate,
}

impl Reminder {
    /// Days past due (0 on the due day, negative before it).
    pub fn days_overdue(&self, today: NaiveDate) -> i64 {
        (today - self.due).num_days()
    }

    /// The reason in the owner's words (the same catalog messages the window uses).
    pub fn why(&self, today: NaiveDate) -> String {
        let ago = |day: NaiveDate| days_ago_text((today - day).num_days());
        match &self.kind {
            ReminderKind::OpenIssue { since } => t!("reason.openIssue", ago = ago(*since)),
            ReminderKind::Manual { note, .. } => note.clone(),
            ReminderKind::LapsingRegular { purchases, usual_gap_days, last_purchase } => {
                t!("reason.lapsingRegular", purchases = *purchases, gap = *usual_gap_days, ago = ago(*last_purchase))
            }
            ReminderKind::SecondPurchase { bought_on, window_days } => {
                t!("reason.secondPurchase", ago = ago(*bought_on), days = *window_days)
            }
            ReminderKind::CheckIn { sale_on } => t!("reason.checkIn", ago = ago(*sale_on)),
        }
    }

    /// Sorts reminders into the order of the Today screen: by kind, lapsing regulars by value,
    /// then the most overdue first; reminders alike in all that keep their order. Sorted
    /// through their places, then moved into them: a stable sort of the reminders themselves
    /// takes room for half of them again (100,000 reminders: 6 MB more, at the window's peak).
    pub fn sort_for_today(reminders: &mut [Reminder]) {
        let mut order: Vec<usize> = (0..reminders.len()).collect();
        order.sort_by(|&a, &b| Reminder::today_order(&reminders[a], &reminders[b]));
        place_in_order(reminders, &mut order);
    }

    /// Which of two reminders the Today screen shows first.
    fn today_order(a: &Reminder, b: &Reminder) -> std::cmp::Ordering {
        a.kind
            .rank()
            .cmp(&b.kind.rank())
            .then_with(|| match a.kind {
                ReminderKind::LapsingRegular { .. } => b.lifetime_value.cmp(&a.lifetime_value),
                _ => std::cmp::Ordering::Equal,
            })
            .then_with(|| a.due.cmp(&b.due))
            .then_with(|| a.customer.cmp(&b.customer))
    }
}

/// Moves each item where `order` says (the item at `order[i]` goes to `i`), one cycle of
/// places at a time, by swaps; `order` is used up.
fn place_in_order<T>(items: &mut [T], order: &mut [usize]) {
    for start in 0..order.len() {
        let mut at = start;
        // A place whose item is already there is marked so: `order[at] == at`.
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

fn days_ago_text(days: i64) -> String {
    match days {
        i64::MIN..=0 => t!("ago.today"),
        1 => t!("ago.yesterday"),
        n => t!("ago.days", days = n),
    }
}

fn add_days(day: NaiveDate, days: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(days))).unwrap_or(NaiveDate::MAX)
}

/// The reminders the automatic rules give one customer, due or not yet due. An archived
/// customer gets none. Any touch (sale or contact) restarts the cadence rules (check-in,
/// second purchase, lapsing); [`pick_for_today`] then keeps one of them per customer.
pub fn reminders_for(customer: &CustomerRhythm, rules: &ReminderRules) -> Vec<Reminder> {
    reasons(customer, rules).into_iter().flatten().map(|reason| reason.reminder(customer)).collect()
}

/// What [`pick_for_today`] would keep of one customer's reminders due by `horizon`: an open
/// issue, and the most important cadence reminder. A list built a customer at a time with it
/// never holds the cadence reminders that give way (a shop of 100,000 customers has about
/// 180,000 reminders due, 84,000 once picked: their list was 27 MB of the window's peak after
/// an import, and each made its key and a copy of the name).
pub fn due_for_customer(customer: &CustomerRhythm, rules: &ReminderRules, horizon: NaiveDate) -> impl Iterator<Item = Reminder> {
    let reasons = reasons(customer, rules);
    // A customer has at most one reason of each kind: the rank names the one kept.
    let kept_rank =
        reasons.iter().flatten().filter(|reason| reason.due <= horizon && reason.kind.is_cadence()).map(|reason| reason.kind.rank()).min();
    reasons
        .into_iter()
        .flatten()
        .filter(move |reason| reason.due <= horizon && (!reason.kind.is_cadence() || Some(reason.kind.rank()) == kept_rank))
        .map(move |reason| reason.reminder(customer))
}

/// A reminder before it is made: its kind, the event it follows and when it is due.
struct Reason {
    kind: ReminderKind,
    event: NaiveDate,
    due: NaiveDate,
}

impl Reason {
    fn reminder(self, customer: &CustomerRhythm) -> Reminder {
        let mut key = format!("{}:{}:{}", self.kind.key(), customer.id, self.event);
        // Kept as long as the list is: without the room `format!` gave it (about twice).
        key.shrink_to_fit();
        Reminder {
            key,
            customer: customer.id,
            customer_name: customer.name.clone(),
            lifetime_value: customer.lifetime_value,
            kind: self.kind,
            due: self.due,
        }
    }
}

/// Why the rules would remind the owner of one customer: an open issue, then the cadence kinds.
fn reasons(customer: &CustomerRhythm, rules: &ReminderRules) -> [Option<Reason>; 4] {
    let mut found = [None, None, None, None];
    if customer.archived {
        return found;
    }
    if let Some(since) = customer.open_issue_since {
        found[0] = Some(Reason { kind: ReminderKind::OpenIssue { since }, event: since, due: add_days(since, rules.issue_due_days) });
    }
    let (Some(last_purchase), Some(last_touch)) = (customer.last_purchase, customer.last_touch()) else {
        return found;
    };
    if customer.purchase_days >= 2 {
        let usual = customer.usual_gap_days.unwrap_or(0).max(1);
        let threshold = (usual * rules.lapse_factor_tenths).div_ceil(10).max(rules.lapse_floor_days);
        found[1] = Some(Reason {
            kind: ReminderKind::LapsingRegular { purchases: customer.purchase_days, usual_gap_days: usual, last_purchase },
            event: last_touch,
            due: add_days(last_touch, threshold),
        });
    }
    if customer.purchase_days == 1 {
        found[2] = Some(Reason {
            kind: ReminderKind::SecondPurchase { bought_on: last_purchase, window_days: rules.second_purchase_days },
            event: last_touch,
            due: add_days(last_touch, rules.second_purchase_days),
        });
    }
    if customer.last_contact.is_none_or(|c| c < last_purchase) {
        found[3] = Some(Reason {
            kind: ReminderKind::CheckIn { sale_on: last_purchase },
            event: last_purchase,
            due: add_days(last_purchase, rules.check_in_days),
        });
    }
    found
}

/// Of the reminders still open and due, keeps for each customer every open issue and manual
/// reminder but only the most important cadence reminder, so the owner is never asked three
/// things about one person (a year-old unanswered check-in gives way to "win the second
/// purchase"). Sorted for the Today screen.
pub fn pick_for_today(mut due: Vec<Reminder>) -> Vec<Reminder> {
    Reminder::sort_for_today(&mut due);
    let mut cadence_seen: HashSet<CustomerId> = HashSet::new();
    due.retain(|r| !r.kind.is_cadence() || cadence_seen.insert(r.customer));
    due
}

/// The note of a reminder the owner sets by hand: required, one line, at most 500 characters.
pub fn parse_reminder_note(raw: &str) -> Result<String, crate::FieldError> {
    let note = crate::text::clean_text(crate::Field::Note, raw, 500, false)?;
    if note.is_empty() {
        return Err(crate::FieldError::new(crate::Field::Note, regulars_text::t!("error.reminderNote")));
    }
    Ok(note)
}

/// The median of whole-day values (rounded half up); `None` when empty.
pub fn median_days(values: &mut [u32]) -> Option<u32> {
    if values.is_empty() {
        return None;
    }
    values.sort_unstable();
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 { values[mid] } else { (values[mid - 1] + values[mid]).div_ceil(2) })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_reminder_kind_has_its_key_listed_in_rank_order() {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 2).expect("day");
        let kinds = [
            super::ReminderKind::OpenIssue { since: day },
            super::ReminderKind::Manual { id: 1, note: String::new() },
            super::ReminderKind::LapsingRegular { purchases: 3, usual_gap_days: 30, last_purchase: day },
            super::ReminderKind::SecondPurchase { bought_on: day, window_days: 30 },
            super::ReminderKind::CheckIn { sale_on: day },
        ];
        let keys: Vec<&str> = kinds.iter().map(|k| k.key()).collect();
        assert_eq!(keys, super::ReminderKind::KEYS);
        let ranks: Vec<u8> = kinds.iter().map(|k| k.rank()).collect();
        assert!(ranks.windows(2).all(|w| w[0] < w[1]), "{ranks:?}");
    }

    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn customer() -> CustomerRhythm {
        CustomerRhythm {
            id: CustomerId(7),
            name: "Maria".into(),
            archived: false,
            sale_count: 1,
            purchase_days: 1,
            lifetime_value: Money::from_minor(5000),
            last_purchase: Some(day("2026-11-01")),
            usual_gap_days: None,
            last_contact: None,
            open_issue_since: None,
        }
    }

    /// The reminders the rules give, the earliest due first.
    fn kinds(c: &CustomerRhythm) -> Vec<(String, NaiveDate)> {
        let mut all: Vec<(String, NaiveDate)> = reminders_for(c, &ReminderRules::default()).into_iter().map(|r| (r.key, r.due)).collect();
        all.sort_by_key(|(_, due)| *due);
        all
    }

    #[test]
    fn a_sale_asks_for_a_check_in_a_week_later() {
        assert_eq!(kinds(&customer())[0], ("check_in:7:2026-11-01".to_owned(), day("2026-11-08")));
    }

    #[test]
    fn a_contact_after_the_sale_satisfies_the_check_in_and_restarts_the_cadence() {
        let c = CustomerRhythm { last_contact: Some(day("2026-11-05")), ..customer() };
        assert_eq!(kinds(&c), [("second_purchase:7:2026-11-05".to_owned(), day("2026-12-20"))]);
        // A contact on the day of the sale counts too.
        let same_day = CustomerRhythm { last_contact: Some(day("2026-11-01")), ..customer() };
        assert_eq!(kinds(&same_day)[0].0, "second_purchase:7:2026-11-01");
    }

    #[test]
    fn an_unanswered_check_in_gives_way_to_the_second_purchase_when_both_are_due() {
        let all = reminders_for(&customer(), &ReminderRules::default());
        let due_on = |today: &str| -> Vec<&'static str> {
            let due = all.iter().filter(|r| r.due <= day(today)).cloned().collect();
            pick_for_today(due).iter().map(|r| r.kind.key()).collect()
        };
        assert_eq!(due_on("2026-11-07"), Vec::<&str>::new());
        assert_eq!(due_on("2026-11-08"), ["check_in"]);
        assert_eq!(due_on("2026-12-16"), ["second_purchase"]);
    }

    #[test]
    fn a_regular_lapses_after_one_and_a_half_usual_gaps_with_a_floor() {
        let regular = CustomerRhythm {
            purchase_days: 3,
            sale_count: 3,
            usual_gap_days: Some(24),
            last_contact: Some(day("2026-11-02")),
            ..customer()
        };
        assert_eq!(kinds(&regular), [("lapsing_regular:7:2026-11-02".to_owned(), day("2026-12-08"))]);
        let weekly = CustomerRhythm { usual_gap_days: Some(2), ..regular.clone() };
        assert_eq!(kinds(&weekly)[0].1, day("2026-11-16"), "never before the 14-day floor");
        let why = reminders_for(&regular, &ReminderRules::default())[0].why(day("2026-12-12"));
        assert_eq!(why, "Bought 3 times, usually every 24 days; last visit 41 days ago.");
    }

    #[test]
    fn each_reason_is_worded_with_counts_in_the_right_number() {
        let today = day("2026-12-12");
        let why = |kind: ReminderKind| {
            let reminder = Reminder {
                key: String::new(),
                customer: crate::CustomerId(7),
                customer_name: "Ada".to_owned(),
                lifetime_value: crate::Money::from_minor(0),
                kind,
                due: today,
            };
            reminder.why(today)
        };
        assert_eq!(
            why(ReminderKind::SecondPurchase { bought_on: day("2026-12-11"), window_days: 1 }),
            "Bought once, yesterday, and has not come back; returning customers usually do within 1 day."
        );
        assert_eq!(why(ReminderKind::CheckIn { sale_on: day("2026-12-04") }), "Bought 8 days ago; no contact since. Ask how it is going.");
        assert_eq!(why(ReminderKind::OpenIssue { since: day("2026-12-12") }), "Raised an issue today; not resolved yet.");
        assert_eq!(why(ReminderKind::Manual { id: 1, note: "Call about the frame".to_owned() }), "Call about the frame");
    }

    #[test]
    fn an_open_issue_is_due_in_two_days_and_comes_first() {
        let c = CustomerRhythm { open_issue_since: Some(day("2026-11-20")), last_contact: Some(day("2026-11-20")), ..customer() };
        let mut r = reminders_for(&c, &ReminderRules::default());
        Reminder::sort_for_today(&mut r);
        assert_eq!(r[0].key, "open_issue:7:2026-11-20");
        assert_eq!(r[0].due, day("2026-11-22"));
        assert_eq!(r[0].days_overdue(day("2026-11-23")), 1);
    }

    #[test]
    fn archived_and_never_bought_customers_get_nothing() {
        assert!(kinds(&CustomerRhythm { archived: true, ..customer() }).is_empty());
        assert!(kinds(&CustomerRhythm { last_purchase: None, purchase_days: 0, sale_count: 0, ..customer() }).is_empty());
    }

    #[test]
    fn leap_days_and_year_ends_are_plain_calendar_arithmetic() {
        let c = CustomerRhythm { last_purchase: Some(day("2028-02-22")), ..customer() };
        assert_eq!(kinds(&c)[0].1, day("2028-02-29"));
        let c = CustomerRhythm { last_purchase: Some(day("2026-12-28")), ..customer() };
        assert_eq!(kinds(&c)[0].1, day("2027-01-04"));
    }

    #[test]
    fn today_order_is_issue_manual_lapsing_by_value_second_purchase_check_in() {
        let base = reminders_for(&customer(), &ReminderRules::default()).remove(0);
        let with = |kind: ReminderKind, value: i64, due: &str| Reminder {
            kind,
            lifetime_value: Money::from_minor(value),
            due: day(due),
            ..base.clone()
        };
        let d = day("2026-11-01");
        let mut list = vec![
            with(ReminderKind::CheckIn { sale_on: d }, 1, "2026-11-01"),
            with(ReminderKind::LapsingRegular { purchases: 2, usual_gap_days: 9, last_purchase: d }, 100, "2026-11-05"),
            with(ReminderKind::SecondPurchase { bought_on: d, window_days: 45 }, 1, "2026-11-01"),
            with(ReminderKind::LapsingRegular { purchases: 2, usual_gap_days: 9, last_purchase: d }, 900, "2026-11-09"),
            with(ReminderKind::OpenIssue { since: d }, 1, "2026-11-20"),
        ];
        Reminder::sort_for_today(&mut list);
        let order: Vec<(&str, i64)> = list.iter().map(|r| (r.kind.key(), r.lifetime_value.minor())).collect();
        assert_eq!(order, [("open_issue", 1), ("lapsing_regular", 900), ("lapsing_regular", 100), ("second_purchase", 1), ("check_in", 1)]);
    }

    /// Sorting through places gives what a stable sort gives: equal reminders (same kind,
    /// value, day and customer) keep the order they came in.
    #[test]
    fn the_today_order_is_a_stable_sort() {
        let base = reminders_for(&customer(), &ReminderRules::default()).remove(0);
        let d = day("2026-11-01");
        let kinds = [
            ReminderKind::CheckIn { sale_on: d },
            ReminderKind::LapsingRegular { purchases: 2, usual_gap_days: 9, last_purchase: d },
            ReminderKind::SecondPurchase { bought_on: d, window_days: 45 },
            ReminderKind::OpenIssue { since: d },
        ];
        for size in [0usize, 1, 2, 3, 17, 500] {
            let list: Vec<Reminder> = (0..size)
                .map(|n| Reminder {
                    key: format!("r{n}"),
                    customer: crate::CustomerId((n * 7 % 5) as i64),
                    lifetime_value: Money::from_minor((n * 13 % 3) as i64),
                    kind: kinds[n * 11 % kinds.len()].clone(),
                    due: d + chrono::Days::new((n * 17 % 4) as u64),
                    ..base.clone()
                })
                .collect();
            let mut sorted = list.clone();
            Reminder::sort_for_today(&mut sorted);
            let mut expected = list;
            expected.sort_by(Reminder::today_order);
            let keys = |list: &[Reminder]| list.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
            assert_eq!(keys(&sorted), keys(&expected), "{size} reminders");
        }
    }

    #[test]
    fn reminder_notes_are_one_bounded_line() {
        assert_eq!(parse_reminder_note("  call back "), Ok("call back".to_owned()));
        assert!(parse_reminder_note("   ").is_err());
        assert!(parse_reminder_note(&"x".repeat(501)).is_err());
        assert!(parse_reminder_note("line\nbreak").is_err());
    }

    proptest::proptest! {
        /// Picking each customer's reminders as they are read keeps what picking the whole list
        /// keeps, in the same order: open issues, and the cadence reminder that speaks for each
        /// customer.
        #[test]
        fn picking_a_customer_at_a_time_keeps_what_the_whole_list_keeps(
            people in proptest::collection::vec(
                (
                    proptest::bool::weighted(0.1),
                    0_u32..4,
                    proptest::option::of(0_i64..400),
                    proptest::option::of(1_u32..90),
                    proptest::option::of(0_i64..400),
                    proptest::option::of(0_i64..400),
                    0_i64..100_000,
                ),
                0..40,
            ),
            horizon in 0_i64..500,
        ) {
            let start = day("2025-06-01");
            let at = |days: i64| start + chrono::Days::new(days.unsigned_abs());
            let rules = ReminderRules::default();
            let customers: Vec<CustomerRhythm> = people
                .into_iter()
                .enumerate()
                .map(|(i, (archived, purchase_days, last_purchase, usual_gap_days, last_contact, open_issue, value))| {
                    let bought = purchase_days > 0;
                    CustomerRhythm {
                        id: CustomerId(i as i64 + 1),
                        name: format!("Customer {i}"),
                        archived,
                        sale_count: purchase_days,
                        purchase_days,
                        lifetime_value: Money::from_minor(value),
                        last_purchase: last_purchase.filter(|_| bought).map(at),
                        usual_gap_days: usual_gap_days.filter(|_| purchase_days >= 2),
                        last_contact: last_contact.map(at),
                        open_issue_since: open_issue.map(at),
                    }
                })
                .collect();
            let horizon = at(horizon);
            let whole: Vec<Reminder> =
                customers.iter().flat_map(|c| reminders_for(c, &rules)).filter(|r| r.due <= horizon).collect();
            let one_at_a_time: Vec<Reminder> = customers.iter().flat_map(|c| due_for_customer(c, &rules, horizon)).collect();
            proptest::prop_assert!(one_at_a_time.len() <= whole.len());
            proptest::prop_assert_eq!(pick_for_today(one_at_a_time), pick_for_today(whole));
        }
    }

    #[test]
    fn medians() {
        assert_eq!(median_days(&mut []), None);
        assert_eq!(median_days(&mut [30, 10, 20]), Some(20));
        assert_eq!(median_days(&mut [10, 21]), Some(16));
    }
}
