//! Possible duplicates, merging two customers into one, and splitting a wrong merge: on a real
//! shop file, with sales, contacts, reminders and tags moving whole and coming back whole.

use regulars_core::{DuplicateReason, Error};
use regulars_domain::{ContactDraft, CustomerDraft, CustomerId};

use crate::Shop;

fn pairs(shop: &Shop) -> Vec<(CustomerId, CustomerId, DuplicateReason)> {
    shop.session.possible_duplicates(100).expect("duplicates").into_iter().map(|d| (d.a.id, d.b.id, d.reason)).collect()
}

#[test]
fn look_alikes_are_listed_merged_whole_and_split_back() {
    let mut shop = Shop::new();
    let ana = shop.add("Ana Lopez", "ana@example.com", "");
    let ana_again = {
        let draft = CustomerDraft::parse("ana  lopez ", "", "0612 345 678", "came on a Saturday", &["bikes".into()]).expect("draft");
        shop.session.add_customer(draft).expect("add").summary.id
    };
    let ann = shop.add("Ann Lee", "ann.one@example.com", "");
    let _ann_two = shop.add("Ann Lee", "ann.two@example.com", "");
    let bo = shop.add("Bo Chen", "", "+44 20 7946 0000");
    let bob = shop.add("Bob Chen", "", "020 7946 0000");
    shop.sell(Some(ana), "2026-09-01", "20.00");
    shop.sell(Some(ana), "2026-10-01", "30.00");
    let their_sale = shop.sell(Some(ana_again), "2026-10-15", "12.00");
    let contact =
        ContactDraft::parse(ana_again, "2026-10-16", "call", "issue_raised", Some(their_sale.id), "bell squeaks", shop.session.today())
            .expect("contact");
    shop.session.log_contact(contact, None).expect("contact");
    shop.session.add_manual_reminder(ana_again, crate::today(), "call about the bell").expect("reminder");

    let found = pairs(&shop);
    assert!(found.contains(&(ana, ana_again, DuplicateReason::Name)), "same name, one without details: {found:?}");
    assert!(found.contains(&(bo, bob, DuplicateReason::Phone)), "same phone, another spelling: {found:?}");
    assert!(!found.iter().any(|p| p.0 == ann || p.1 == ann), "two emails: two people {found:?}");

    let filter = shop.session.parse_filter(Some("2026-09-01"), Some("2026-10-31"), None, None).expect("filter");
    let before = shop.session.report(&filter).expect("report").summary;
    let merge = shop.session.merge_customers(ana, ana_again).expect("merge");
    let page = shop.session.customer_page(ana).expect("page");
    assert_eq!((page.customer.summary.stats.sale_count, page.customer.summary.stats.lifetime_value.minor()), (3, 62_00));
    assert_eq!(page.contacts.len(), 1);
    assert_eq!(page.open_issue_since, chrono::NaiveDate::from_ymd_opt(2026, 10, 16), "the issue came along");
    assert_eq!(page.customer.summary.email.as_deref(), Some("ana@example.com"), "the kept details win");
    assert!(page.customer.summary.phone.is_some(), "a detail the kept customer lacked is taken");
    assert!(page.customer.tags.contains(&"bikes".to_owned()));
    assert_eq!(page.merged.iter().map(|m| m.id).collect::<Vec<_>>(), vec![merge.id]);
    assert!(shop.session.today_list().expect("today").due.iter().all(|r| r.customer != ana_again), "the reminder moved");
    assert!(shop.session.search_customers("lopez", 5).expect("search").iter().all(|c| c.id != ana_again));
    let after = shop.session.report(&filter).expect("report").summary;
    assert_eq!((after.customers, after.revenue_minor), (before.customers - 1, before.revenue_minor), "one person, same money");
    assert!(!pairs(&shop).iter().any(|p| p.1 == ana_again));
    assert!(matches!(shop.session.merge_customers(ana, ana_again), Err(Error::Conflict(_))), "merged already");
    assert!(matches!(shop.session.merge_customers(ana, ana), Err(Error::Conflict(_))), "with themselves");

    let mut shop = shop.reopen();
    let back = shop.session.split_customer(merge.id).expect("split");
    assert_eq!(back.summary.id, ana_again);
    let theirs = shop.session.customer_page(ana_again).expect("page");
    assert_eq!((theirs.customer.summary.stats.sale_count, theirs.contacts.len()), (1, 1));
    assert!(!theirs.customer.summary.archived && theirs.customer.tags.contains(&"bikes".to_owned()));
    let kept = shop.session.customer_page(ana).expect("page");
    assert_eq!((kept.customer.summary.stats.sale_count, kept.contacts.len()), (2, 0));
    assert!(kept.customer.summary.phone.is_none() && kept.merged.is_empty(), "what was taken is given back");
    assert!(shop.session.today_list().expect("today").due.iter().any(|r| r.customer == ana_again), "the reminder came back");
    assert_eq!(shop.session.report(&filter).expect("report").summary, before);
    assert!(matches!(shop.session.split_customer(merge.id), Err(Error::Conflict(_))), "split already");

    // "Not the same person" takes a pair off the list for good.
    shop.session.not_duplicates(bo, bob).expect("not the same");
    let shop = shop.reopen();
    assert!(!pairs(&shop).iter().any(|p| (p.0, p.1) == (bo, bob)));
}

/// Undoing the import that made a merged customer keeps them (their merge can still be split),
/// and an import after a merge finds the kept customer by the merged one's external id.
#[test]
fn a_merge_survives_undoing_and_redoing_imports() {
    let mut shop = Shop::new();
    let file = "customer_id,customer_name,date,amount\nC1,Dee Ray,2026-09-01,10.00\nC2,D. Ray,2026-09-05,15.00\n";
    let request = regulars_core::ImportRequest { file_name: "pos.csv".into(), ..Default::default() };
    let record = shop.session.import_file(file.as_bytes(), &request, false, &mut |_, _| true).expect("import").expect("done");
    let dee = shop.session.search_customers("Dee", 5).expect("search")[0].id;
    let d = shop.session.search_customers("D. Ray", 5).expect("search")[0].id;
    let merge = shop.session.merge_customers(dee, d).expect("merge");
    let next = "customer_id,customer_name,date,amount\nC2,D. Ray,2026-10-05,20.00\n";
    shop.session.import_file(next.as_bytes(), &request, false, &mut |_, _| true).expect("import").expect("done");
    assert_eq!(shop.session.customer(dee).expect("Dee").summary.stats.sale_count, 3, "C2 is Dee now");
    shop.session.undo_import(record.id).expect("undo");
    assert_eq!(shop.session.customer(dee).expect("Dee").summary.stats.sale_count, 1);
    let back = shop.session.split_customer(merge.id).expect("split after undo");
    assert_eq!(back.summary.id, d);
}
