//! Adding, editing and archiving customers.

use regulars_core::{CustomerSort, Error};
use regulars_domain::CustomerDraft;

use crate::Shop;

#[test]
fn a_customer_is_stored_normalised_and_survives_a_restart() {
    let mut shop = Shop::new();
    let tags = vec!["club".to_owned(), "Club".to_owned()];
    let draft = CustomerDraft::parse("  Maria Lopez ", " Maria@Example.com", "+34 600 12 34 56", "Rides a Brompton", &tags).expect("draft");
    let added = shop.session.add_customer(draft).expect("add");
    let shop = shop.reopen();
    let stored = shop.session.customer(added.summary.id).expect("stored");
    assert_eq!(stored.summary.name, "Maria Lopez");
    assert_eq!(stored.summary.email.as_deref(), Some("maria@example.com"));
    assert_eq!(stored.summary.phone.as_deref(), Some("+34 600 12 34 56"));
    assert_eq!(stored.notes, "Rides a Brompton");
    assert_eq!(stored.tags, ["club"]);
    assert_eq!(stored.summary.stats.sale_count, 0);
}

#[test]
fn html_and_sql_in_names_are_stored_verbatim() {
    let mut shop = Shop::new();
    for name in ["<img src=x onerror=alert(1)>", "Robert'); DROP TABLE customer;--", "Zoë \"Z\" O'Neil"] {
        let id = shop.add(name, "", "");
        assert_eq!(shop.session.customer(id).expect("customer").summary.name, name);
    }
    assert_eq!(shop.session.list_customers(CustomerSort::Name, 10, 0).expect("list").total, 3);
}

#[test]
fn a_second_customer_with_the_same_email_is_refused() {
    let mut shop = Shop::new();
    let first = shop.add("Maria Lopez", "maria@example.com", "");
    let again = CustomerDraft::parse("M. Lopez", "MARIA@example.com", "", "", &[]).expect("draft");
    match shop.session.add_customer(again) {
        Err(Error::Conflict(message)) => assert!(message.contains("Maria Lopez"), "{message}"),
        other => panic!("expected a conflict, got {other:?}"),
    }
    // Editing the same customer keeps their own email.
    let same = CustomerDraft::parse("Maria López", "maria@example.com", "", "", &[]).expect("draft");
    assert_eq!(shop.session.edit_customer(first, same).expect("edit").summary.name, "Maria López");
    assert_eq!(shop.session.list_customers(CustomerSort::Name, 10, 0).expect("list").total, 1);
}

#[test]
fn editing_replaces_details_and_tags() {
    let mut shop = Shop::new();
    let id = shop.add("Dev", "dev@tea.example", "");
    let draft = CustomerDraft::parse("Dev Patel", "", "020 7946 0958", "", &["wholesale".to_owned()]).expect("draft");
    let edited = shop.session.edit_customer(id, draft).expect("edit");
    assert_eq!(edited.summary.name, "Dev Patel");
    assert_eq!(edited.summary.email, None);
    assert_eq!(edited.tags, ["wholesale"]);
    let missing = CustomerDraft::parse("Nobody", "", "", "", &[]).expect("draft");
    assert!(matches!(shop.session.edit_customer(regulars_domain::CustomerId(999), missing), Err(Error::NotFound(_))));
}

#[test]
fn archiving_hides_a_customer_and_can_be_undone() {
    let mut shop = Shop::new();
    let maria = shop.add("Maria", "", "");
    shop.add("Dev", "", "");
    shop.sell(Some(maria), "2026-11-01", "40");
    assert!(shop.session.archive_customer(maria).expect("archive").summary.archived);
    let list = shop.session.list_customers(CustomerSort::Name, 10, 0).expect("list");
    assert_eq!(list.total, 1);
    assert_eq!(list.customers[0].name, "Dev");
    assert!(shop.session.search_customers("mar", 10).expect("search").is_empty());
    // An archived customer takes no new sales, but keeps the old ones.
    let draft = shop.sale_draft(Some(maria), "2026-11-20", "10").expect("draft");
    assert!(matches!(shop.session.log_sale(draft), Err(Error::Conflict(_))));
    assert_eq!(shop.session.customer_page(maria).expect("page").sales.len(), 1);
    assert!(!shop.session.unarchive_customer(maria).expect("unarchive").summary.archived);
    assert_eq!(shop.session.list_customers(CustomerSort::Name, 10, 0).expect("list").total, 2);
}

#[test]
fn lists_sort_by_name_last_purchase_and_value() {
    let mut shop = Shop::new();
    let anna = shop.add("anna", "", "");
    let bob = shop.add("Bob", "", "");
    let cleo = shop.add("Cleo", "", "");
    shop.sell(Some(bob), "2026-10-01", "500");
    shop.sell(Some(cleo), "2026-11-01", "20");
    let names = |sort| shop.session.list_customers(sort, 10, 0).expect("list").customers.into_iter().map(|c| c.name).collect::<Vec<_>>();
    assert_eq!(names(CustomerSort::Name), ["anna", "Bob", "Cleo"]);
    assert_eq!(names(CustomerSort::LastPurchase), ["Cleo", "Bob", "anna"]);
    assert_eq!(names(CustomerSort::LifetimeValue), ["Bob", "Cleo", "anna"]);
    let page = shop.session.list_customers(CustomerSort::Name, 1, 1).expect("page");
    assert_eq!((page.total, page.customers[0].id), (3, bob));
    let _ = anna;
}
