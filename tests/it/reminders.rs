//! The service loop: contacts, the reminder rules on real histories, and the owner's answers.

use chrono::{Days, NaiveDate};
use regulars_core::{Clock, Error};
use regulars_domain::{ContactDraft, CustomerId};

use crate::Shop;

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
}

impl Shop {
    fn at(&mut self, date: &str) -> &mut Shop {
        self.session.set_clock(Clock::Fixed(day(date)));
        self
    }

    /// The Today list as `(key, why)` pairs.
    fn today(&self) -> Vec<(String, String)> {
        let today = self.session.today_list().expect("today");
        today.due.iter().map(|r| (r.key.clone(), r.why(today.as_of))).collect()
    }

    fn keys(&self) -> Vec<String> {
        self.today().into_iter().map(|(k, _)| k).collect()
    }

    fn contact(&mut self, customer: CustomerId, date: &str, outcome: &str) {
        let draft = ContactDraft::parse(customer, date, "call", outcome, None, "", self.session.today()).expect("contact");
        self.session.log_contact(draft, None).expect("log contact");
    }
}

#[test]
fn a_check_in_is_due_a_week_after_the_sale_and_a_contact_clears_it() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.at("2026-11-01").sell(Some(maria), "2026-11-01", "40");
    assert!(shop.at("2026-11-07").keys().is_empty());
    let due = shop.at("2026-11-08").today();
    assert_eq!(due, [(format!("check_in:{maria}:2026-11-01"), "Bought 7 days ago; no contact since. Ask how it is going.".to_owned())]);
    assert_eq!(shop.session.today_list().expect("twice").due.len(), 1, "computing again adds nothing");
    shop.contact(maria, "2026-11-08", "happy");
    assert!(shop.keys().is_empty());
    // The second-purchase clock starts at the contact: 45 days later.
    assert!(shop.at("2026-12-22").keys().is_empty());
    assert_eq!(shop.at("2026-12-23").keys(), [format!("second_purchase:{maria}:2026-11-08")]);
}

#[test]
fn walk_in_sales_and_archived_customers_make_no_reminders() {
    let mut shop = Shop::new();
    let gone = shop.add("Gone", "", "");
    shop.at("2026-10-01").sell(None, "2026-10-01", "5");
    shop.sell(Some(gone), "2026-10-01", "5");
    shop.session.archive_customer(gone).expect("archive");
    assert!(shop.at("2026-11-23").keys().is_empty());
}

#[test]
fn snooze_hides_until_the_day_done_and_dismiss_for_good() {
    let mut shop = Shop::new();
    let a = shop.add("A", "", "");
    let b = shop.add("B", "", "");
    let c = shop.add("C", "", "");
    shop.at("2026-11-01");
    for who in [a, b, c] {
        shop.sell(Some(who), "2026-11-01", "5");
    }
    shop.at("2026-11-10");
    let keys = shop.keys();
    assert_eq!(keys.len(), 3);
    shop.session.reminder_snooze(&keys[0], day("2026-11-12")).expect("snooze");
    shop.session.reminder_done(&keys[1]).expect("done");
    shop.session.reminder_dismiss(&keys[2]).expect("dismiss");
    assert!(shop.keys().is_empty());
    assert_eq!(shop.at("2026-11-12").keys(), [keys[0].clone()]);
    assert!(matches!(shop.session.reminder_snooze(&keys[0], day("2026-11-12")), Err(Error::Invalid(_))), "snoozing to today");
    // A new sale starts a new cycle for the customer whose check-in was done.
    shop.sell(Some(b), "2026-11-12", "5");
    assert!(shop.at("2026-11-19").keys().contains(&format!("check_in:{b}:2026-11-12")));
}

#[test]
fn an_issue_raised_comes_first_until_it_is_resolved() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    let dev = shop.add("Dev", "", "");
    shop.at("2026-11-01").sell(Some(maria), "2026-11-01", "5");
    shop.sell(Some(dev), "2026-11-01", "900");
    shop.at("2026-11-10");
    shop.contact(dev, "2026-11-10", "issue_raised");
    assert_eq!(shop.keys(), [format!("check_in:{maria}:2026-11-01")], "the issue is due in two days");
    let keys = shop.at("2026-11-12").keys();
    assert_eq!(keys, [format!("open_issue:{dev}:2026-11-10"), format!("check_in:{maria}:2026-11-01")]);
    shop.contact(dev, "2026-11-12", "neutral");
    assert_eq!(shop.keys()[0], format!("open_issue:{dev}:2026-11-10"), "only a resolution closes it");
    shop.contact(dev, "2026-11-12", "issue_resolved");
    assert_eq!(shop.keys(), [format!("check_in:{maria}:2026-11-01")]);
}

#[test]
fn a_regular_lapses_after_one_and_a_half_times_their_usual_gap() {
    let mut shop = Shop::new();
    let tea = shop.add("Tea lover", "", "");
    shop.at("2026-10-11");
    for date in ["2026-09-01", "2026-09-21", "2026-09-21", "2026-10-11"] {
        shop.sell(Some(tea), date, "12");
    }
    shop.contact(tea, "2026-10-11", "happy");
    // Usual gap 20 days -> lapsing 30 days after the last touch.
    assert!(shop.at("2026-11-09").keys().is_empty());
    let due = shop.at("2026-11-10").today();
    assert_eq!(
        due,
        [(format!("lapsing_regular:{tea}:2026-10-11"), "Bought 3 times, usually every 20 days; last visit 30 days ago.".to_owned())]
    );
    let page = shop.session.customer_page(tea).expect("page");
    assert_eq!(page.usual_gap_days, Some(20));
    assert_eq!(page.contacts.len(), 1);
}

#[test]
fn lapsing_regulars_are_ranked_by_lifetime_value() {
    let mut shop = Shop::new();
    let small = shop.add("Small", "", "");
    let big = shop.add("Big", "", "");
    shop.at("2026-08-01");
    for (who, amount) in [(small, "5"), (big, "500")] {
        shop.sell(Some(who), "2026-07-01", amount);
        shop.sell(Some(who), "2026-07-11", amount);
        shop.contact(who, "2026-07-11", "happy");
    }
    let keys = shop.at("2026-11-01").keys();
    assert_eq!(keys, [format!("lapsing_regular:{big}:2026-07-11"), format!("lapsing_regular:{small}:2026-07-11")]);
}

#[test]
fn the_shops_own_median_replaces_45_days_once_20_customers_came_back() {
    let mut shop = Shop::new();
    shop.at("2026-11-23");
    for n in 0..20 {
        let who = shop.add(&format!("Regular {n}"), "", "");
        shop.sell(Some(who), "2026-01-01", "5");
        shop.sell(Some(who), "2026-01-31", "5");
    }
    assert_eq!(shop.session.reminder_rules().expect("rules").second_purchase_days, 30);
}

#[test]
fn manual_reminders_come_on_their_day() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.at("2026-11-23");
    shop.session.add_manual_reminder(maria, day("2026-11-25"), "Call when the new stock arrives").expect("manual");
    assert!(shop.keys().is_empty());
    assert_eq!(shop.at("2026-11-26").today()[0].1, "Call when the new stock arrives");
    assert!(matches!(shop.session.add_manual_reminder(maria, day("2026-11-01"), "late"), Err(Error::Invalid(_))));
    assert!(matches!(shop.session.add_manual_reminder(maria, day("2026-12-01"), "  "), Err(Error::Invalid(_))));
}

#[test]
fn a_contact_answering_a_reminder_completes_it_and_is_on_the_timeline() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    let sale = shop.at("2026-11-01").sell(Some(maria), "2026-11-01", "5");
    shop.session.add_manual_reminder(maria, day("2026-11-05"), "Bring the receipt").expect("manual");
    let key = shop.at("2026-11-05").keys().into_iter().find(|k| k.starts_with("manual")).expect("manual due");
    let draft =
        ContactDraft::parse(maria, "2026-11-05", "visit", "happy", Some(sale.id), "picked it up", day("2026-11-05")).expect("draft");
    let contact = shop.session.log_contact(draft, Some(&key)).expect("contact");
    assert_eq!(contact.sale, Some(sale.id));
    assert!(shop.keys().is_empty(), "the manual reminder is done and the check-in satisfied");
    let other = shop.add("Other", "", "");
    let foreign = ContactDraft::parse(other, "2026-11-05", "call", "happy", Some(sale.id), "", day("2026-11-05")).expect("draft");
    assert!(matches!(shop.session.log_contact(foreign, None), Err(Error::NotFound(_))));
}

#[test]
fn leap_day_sales_count_whole_days() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.at("2028-03-07").sell(Some(maria), "2028-02-29", "5");
    assert_eq!(shop.keys(), [format!("check_in:{maria}:2028-02-29")]);
    let due = shop.session.today_list().expect("today").due[0].due;
    assert_eq!(due, day("2028-02-29").checked_add_days(Days::new(7)).expect("date"));
}

#[test]
fn one_reminder_per_customer_from_the_cadence_rules_the_most_important_due() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.at("2026-09-01").sell(Some(maria), "2026-09-01", "5");
    assert_eq!(shop.at("2026-09-08").keys(), [format!("check_in:{maria}:2026-09-01")]);
    // Forty-five days on, nobody called: win the second purchase, not a stale check-in.
    assert_eq!(shop.at("2026-10-16").keys(), [format!("second_purchase:{maria}:2026-09-01")]);
    // Dismissing it does not bring the lesser check-in back.
    shop.session.reminder_dismiss(&format!("second_purchase:{maria}:2026-09-01")).expect("dismiss");
    assert!(shop.keys().is_empty());
}

#[test]
fn desktop_notifications_are_on_until_turned_off_and_stay_off() {
    let mut shop = Shop::new();
    assert!(shop.session.notifications_enabled().expect("read"));
    shop.session.set_notifications_enabled(false).expect("off");
    let shop = shop.reopen();
    assert!(!shop.session.notifications_enabled().expect("read"));
}

#[test]
fn the_calendar_file_holds_each_open_reminder_once() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.at("2026-11-01").sell(Some(maria), "2026-11-01", "5");
    shop.at("2026-11-20");
    let calendar = shop.session.reminders_calendar(90).expect("ics");
    assert_eq!(calendar.matches("BEGIN:VEVENT").count(), 1);
    assert!(calendar.contains(&format!("UID:check_in-{maria}-2026-11-01@regulars.app")));
    let without_stamp = |text: &str| text.lines().filter(|l| !l.starts_with("DTSTAMP")).collect::<Vec<_>>().join("\n");
    let again = shop.session.reminders_calendar(90).expect("again");
    assert_eq!(without_stamp(&calendar), without_stamp(&again), "exporting twice gives the same events");
}

#[test]
fn a_bulk_loaded_history_gives_each_customer_at_most_one_cadence_reminder() {
    let mut shop = Shop::new();
    shop.session.generate_sample_shop(60, 600, 3).expect("sample");
    let today = shop.session.today_list().expect("today");
    let mut keys: Vec<&str> = today.due.iter().map(|r| r.key.as_str()).collect();
    let count = keys.len();
    keys.sort_unstable();
    keys.dedup();
    assert_eq!(keys.len(), count, "no reminder twice");
    let mut customers: Vec<CustomerId> = today.due.iter().map(|r| r.customer).collect();
    customers.sort_unstable();
    customers.dedup();
    assert_eq!(customers.len(), count, "one reminder per customer when there are no issues or manual ones");
    assert!(count > 0, "a year of untended sales leaves someone to contact");
    // Every regular's rhythm was computed on the way in.
    let lapsing = today.due.iter().find(|r| r.kind.key() == "lapsing_regular").expect("a lapsing regular");
    assert!(shop.session.customer_page(lapsing.customer).expect("page").usual_gap_days.is_some());
}

#[test]
fn today_follows_an_answer_given_in_another_process() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.at("2026-11-01").sell(Some(maria), "2026-11-01", "40");
    let key = format!("check_in:{maria}:2026-11-01");
    assert_eq!(shop.at("2026-11-08").keys(), std::slice::from_ref(&key));
    assert_eq!(shop.keys(), std::slice::from_ref(&key), "asked again with nothing changed: the same list");
    // Another window or the command line marks it done on the same file.
    let mut other = regulars_core::Session::open(shop.dir.path(), Clock::Fixed(day("2026-11-08"))).expect("second connection");
    other.reminder_done(&key).expect("done elsewhere");
    assert!(shop.keys().is_empty(), "the list kept between writes notices a write by another process");
}

/// Today on a real history is a plan the owner can finish: the sample shop has hundreds due,
/// the plan holds the setting's number (issues on top), the rest wait under Later, and each
/// contact answered makes room, until the plan is done.
#[test]
fn today_is_a_plan_of_the_days_contacts_with_the_rest_later() {
    let mut shop = Shop::new();
    shop.session.load_sample_shop().expect("sample shop");
    let all_due = shop.session.today_list().expect("today").due.len();
    assert!(all_due > 100, "the sample shop has a long list: {all_due}");
    let plan = shop.session.today_plan().expect("plan");
    let issues = plan.plan.iter().filter(|i| i.reminder.kind.key() == "open_issue").count();
    assert_eq!(plan.contacts_per_day, 10);
    assert_eq!(plan.plan.len() - issues, 10, "ten contacts, and every issue");
    assert_eq!(plan.plan.len() + plan.later.len() + plan.rolled_over, all_due, "nothing disappears");
    // Later is places in the day's list, not a copy: the same reminders, in the same order, as
    // the plan made of copies of them.
    let list = shop.session.today_list().expect("today");
    let money = list.risk.iter().map(|(id, risk)| (*id, risk.money_at_risk_minor)).collect();
    let copies = regulars_domain::plan_today(list.due.clone(), list.as_of, 10, &list.rules, &money, plan.rolled_over > 0);
    let keys = |reminders: &mut dyn Iterator<Item = &regulars_domain::Reminder>| reminders.map(|r| r.key.clone()).collect::<Vec<_>>();
    let later = keys(&mut plan.later.iter());
    let want = keys(&mut copies.later.iter());
    assert!(
        !later.is_empty() && later == want,
        "Later as the plan of copies has it: {} and {} reminders, first apart at {:?}; rolled over {} and {}",
        later.len(),
        want.len(),
        later.iter().zip(&want).position(|(a, b)| a != b),
        plan.rolled_over,
        copies.rolled_over.len()
    );
    assert!(plan.later.iter().eq(copies.later.iter()), "the same reminders, not only the same keys");
    assert_eq!(keys(&mut plan.plan.iter().map(|i| &i.reminder)), keys(&mut copies.plan.iter()));
    assert!(plan.plan.iter().all(|i| !i.draft.body.contains('{')), "every placeholder filled: {:?}", plan.plan[0].draft);

    let first = plan.plan.iter().find(|i| i.reminder.kind.key() != "open_issue").expect("a contact").reminder.clone();
    let draft = ContactDraft::parse(first.customer, &shop.session.today().to_string(), "email", "happy", None, "", shop.session.today())
        .expect("contact");
    shop.session.log_contact(draft, Some(&first.key)).expect("logged");
    let after = shop.session.today_plan().expect("plan");
    assert_eq!(after.done_today, 1);
    assert_eq!(after.plan.len() - issues, 9, "one done, nine to go");
    assert!(after.plan.iter().all(|i| i.reminder.key != first.key));

    shop.session.set_contacts_per_day(3).expect("setting");
    assert!(matches!(shop.session.set_contacts_per_day(0), Err(Error::Invalid(_))));
    let small = shop.session.today_plan().expect("plan");
    assert_eq!(small.plan.len() - issues, 2, "three a day, one done");
    assert!(shop.session.suggested_contacts_per_day().expect("suggestion") >= 5);
}

/// Templates: the catalog's until the owner writes one; a placeholder Regulars cannot fill
/// is refused by name; the draft names the customer and their last purchase.
#[test]
fn follow_up_messages_are_drafted_from_templates() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana Lopez", "ana@example.com", "");
    let draft = shop.sale_draft(Some(ana), "2026-11-10", "40.00").expect("sale");
    let draft = regulars_domain::SaleDraft { description: "Helmet".into(), ..draft };
    shop.session.log_sale(draft).expect("sale");
    let message = shop.session.draft_with("check_in", ana).expect("draft");
    assert!(message.subject.contains("Ana") && message.body.contains("Helmet") && message.body.contains("Maria's Bikes"), "{message:?}");
    assert_eq!(message.email.as_deref(), Some("ana@example.com"));

    let err = shop.session.set_template("check_in", "Hi", "Hello {frist_name}").expect_err("typo");
    assert!(err.to_string().contains("frist_name"), "{err}");
    assert!(shop.session.set_template("birthday", "Hi", "Hello").is_err(), "no such kind");
    let mine = shop.session.set_template("check_in", "All good, {first_name}?", "Hi {first_name}, how is the {last_item}?").expect("saved");
    assert!(mine.custom);
    let shop = shop.reopen();
    assert_eq!(shop.session.draft_with("check_in", ana).expect("draft").body, "Hi Ana, how is the Helmet?");
    let mut shop = shop;
    assert!(!shop.session.set_template("check_in", "", "").expect("reset").custom, "back to the catalog's");
}
