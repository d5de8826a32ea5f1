//! Every kind of input the window can send through IPC reaches the use cases as text; none of
//! it, however strange, may panic. Each case throws arbitrary strings at the parsing the
//! commands do (filter, search, sale, contact, reminder answers, settings, import mapping and
//! preset) on a real shop file, and expects an answer or a message.

use proptest::prelude::*;
use regulars_core::{Clock, ImportRequest, Mapping, Session};
use regulars_domain::{ContactDraft, Currency, CustomerDraft, CustomerId, SaleDraft, ShopName, ShopSettings, parse_reminder_note};

fn session() -> (tempfile::TempDir, Session) {
    let dir = tempfile::tempdir().expect("dir");
    let mut session = Session::open(dir.path(), Clock::Local).expect("open");
    session
        .set_up_shop(ShopSettings { name: ShopName::parse("Inputs").expect("name"), currency: Currency::parse("EUR").expect("EUR") })
        .expect("set up");
    session.add_customer(CustomerDraft::parse("Ana", "", "", "", &[]).expect("draft")).expect("add");
    (dir, session)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn no_input_text_makes_a_command_panic(a in any::<String>(), b in any::<String>(), c in any::<String>(), n in any::<u32>(), id in -3i64..5) {
        let (_dir, mut session) = session();
        let today = session.today();
        let currency = session.currency().expect("currency");
        let _ = session.parse_filter(Some(&a), Some(&b), Some(&c), Some(n));
        let _ = session.parse_filter(None, Some(&a), None, None);
        let _ = session.search_customers(&a, n % 100);
        if let Ok(draft) = SaleDraft::parse(Some(CustomerId(id)), &a, &b, &c, &a, &b, currency, today) {
            let _ = session.log_sale(draft);
        }
        if let Ok(draft) = ContactDraft::parse(CustomerId(id), &a, &b, &c, None, &a, today) {
            let _ = session.log_contact(draft, Some(&b));
        }
        let _ = parse_reminder_note(&a);
        let _ = session.reminder_done(&a);
        let _ = session.reminder_snooze(&b, today);
        let _ = session.set_check_in_days(n);
        let mapping = Mapping { date: a.clone(), amount: b.clone(), name: Some(c.clone()), ..Default::default() };
        let request = ImportRequest { file_name: a.clone(), preset: Some(b.clone()), mapping: Some(mapping), date_order: None };
        let _ = session.import_preview(c.as_bytes(), &request);
        let request = ImportRequest { file_name: c.clone(), preset: None, mapping: None, date_order: None };
        let _ = session.import_preview(format!("{a}\n{b}\n{c}").as_bytes(), &request);
        let _ = session.undo_import(id);
        let _ = session.outlook(None);
    }
}
