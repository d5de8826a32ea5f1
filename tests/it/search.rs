//! Type-ahead search by name, email and phone.

use crate::Shop;

fn names(shop: &Shop, query: &str) -> Vec<String> {
    shop.session.search_customers(query, 20).expect("search").into_iter().map(|c| c.name).collect()
}

#[test]
fn finds_by_word_prefix_of_name_email_and_phone_digits() {
    let mut shop = Shop::new();
    shop.add("Maria Lopez", "maria@bikes.example", "+34 600 12 34 56");
    shop.add("Mario Rossi", "", "(0171) 555-1234");
    shop.add("Dev Patel", "tea@shop.example", "");
    assert_eq!(names(&shop, "mar"), ["Maria Lopez", "Mario Rossi"]);
    assert_eq!(names(&shop, "lop"), ["Maria Lopez"]);
    assert_eq!(names(&shop, "maria lo"), ["Maria Lopez"]);
    assert_eq!(names(&shop, "tea@sh"), ["Dev Patel"]);
    assert_eq!(names(&shop, "0171 555"), ["Mario Rossi"]);
    assert_eq!(names(&shop, "0171555"), ["Mario Rossi"]);
    assert_eq!(names(&shop, "+34600"), ["Maria Lopez"]);
    assert!(names(&shop, "zed").is_empty());
}

#[test]
fn accents_and_case_do_not_matter() {
    let mut shop = Shop::new();
    shop.add("Zoë Ångström", "", "");
    assert_eq!(names(&shop, "zoe"), ["Zoë Ångström"]);
    assert_eq!(names(&shop, "ANGS"), ["Zoë Ångström"]);
}

#[test]
fn search_syntax_typed_by_the_owner_is_just_text() {
    let mut shop = Shop::new();
    shop.add("Near Smith", "", "");
    for query in ["\"", "*", "NEAR(", "-", "a OR b", "'; DROP TABLE customer; --", "%", "_"] {
        shop.session.search_customers(query, 20).unwrap_or_else(|e| panic!("{query}: {e}"));
    }
    assert_eq!(names(&shop, "near("), ["Near Smith"]);
    assert_eq!(shop.session.list_customers(regulars_core::CustomerSort::Name, 5, 0).expect("list").total, 1);
}

#[test]
fn names_starting_with_the_query_come_first_then_recent_buyers() {
    let mut shop = Shop::new();
    let old = shop.add("Ann Old", "", "");
    let recent = shop.add("Ann Recent", "", "");
    shop.add("Joanne Ann", "", "");
    shop.sell(Some(old), "2025-01-01", "5");
    shop.sell(Some(recent), "2026-11-01", "5");
    assert_eq!(names(&shop, "ann"), ["Ann Recent", "Ann Old", "Joanne Ann"]);
}

#[test]
fn edits_are_searchable_at_once() {
    let mut shop = Shop::new();
    let id = shop.add("Old Name", "", "");
    let draft = regulars_domain::CustomerDraft::parse("New Name", "", "", "", &[]).expect("draft");
    shop.session.edit_customer(id, draft).expect("edit");
    assert!(names(&shop, "old").is_empty());
    assert_eq!(names(&shop, "new"), ["New Name"]);
}
