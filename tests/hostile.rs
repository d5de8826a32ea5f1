//! Hostile input: whatever a file, a keyboard or the window sends, Regulars answers with a
//! value or a message, never a panic. Each function feeds its input to every parser or use case
//! that takes that kind of input; a panic (or a failed round trip) is the finding.

use chrono::NaiveDate;
use regulars_core::{Clock, ImportRequest, Mapping, Session};
use regulars_domain::{
    ContactDraft, Currency, CustomerDraft, CustomerId, Field, MAX_AMOUNT_MINOR, Money, SaleDraft, ShopName, ShopSettings, parse_day,
    parse_reminder_note,
};
use regulars_import::{DateOrder, SetAside, Source, detect_preset, open, parse, parse_amount, parse_customers, parse_date, read};

fn eur() -> Currency {
    Currency::parse("EUR").expect("EUR")
}

/// Any bytes as an imported file: read, recognised, parsed as sales (in each date order) and
/// as a customer list. Read as the import reads a file on disk too, a block of rows at a time
/// from reads of a few bytes (every character, byte-order mark and line ending cut by one; a
/// few thousand, an odd number, in a large file), with all but the last two of its sales set
/// aside on the disk: the same sales, descriptions, skips and problems as from the whole table
/// with every sale in memory, or the same error.
pub fn import_file(bytes: &[u8]) {
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("day");
    let whole = read(bytes);
    let streamed = open(Trickle(bytes, if bytes.len() < 1 << 16 { 3 } else { 4093 }));
    match (&whole, &streamed) {
        (Ok(_), Ok(_)) => {}
        (Err(a), Err(b)) => assert_eq!(a, b, "the same refusal of the file"),
        _ => panic!("read whole: {:?}; read in blocks: {:?}", whole.as_ref().err(), streamed.as_ref().err()),
    }
    let (Ok((table, unread)), Ok(file)) = (whole, streamed) else { return };
    assert_eq!((&table.headers, table.encoding, table.delimiter), (&file.headers, file.encoding, file.delimiter));
    let _ = parse_customers(&table);
    if let Some(preset) = detect_preset(&table.headers) {
        for (order, zone) in [(None, None), (Some(DateOrder::Dmy), Some(chrono_tz::Tz::UTC))] {
            let from_table = parse(table.clone(), preset.clone(), order, eur(), today, zone, SetAside::default()).map(|mut parsed| {
                let mut problems = std::mem::take(&mut parsed.problems);
                problems.absorb(unread.clone());
                parsed.problems = problems.done();
                parsed
            });
            let aside = SetAside { dir: None, in_memory: 2 };
            let from_file = parse(&file, preset.clone(), order, eur(), today, zone, aside);
            assert_eq!(outcome(&from_table), outcome(&from_file), "{order:?}");
        }
    }
}

/// What an import of a file comes to, to compare two ways of reading it.
fn outcome(parsed: &Result<regulars_import::Parsed, regulars_import::ImportError>) -> String {
    match parsed {
        Err(error) => format!("error: {error}"),
        Ok(parsed) => {
            let mut keys = parsed.key_reader();
            let sales: Vec<String> = parsed
                .sales
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    format!(
                        "{}|{}|{}|{}|{:?}|{}|{}",
                        s.line,
                        s.date,
                        keys.key(s.key),
                        s.amount_minor,
                        parsed.customer(&s),
                        parsed.description(i),
                        parsed.description_of(&s)
                    )
                })
                .collect();
            format!(
                "{} rows {:?} {:?} sales {sales:?} refunds {:?} skipped {:?} problems {:?}",
                parsed.rows, parsed.date_order, parsed.file_orders, parsed.refunds, parsed.skipped, parsed.problems
            )
        }
    }
}

/// A file whose reads give at most so many bytes at a time.
#[derive(Debug)]
struct Trickle<'a>(&'a [u8], usize);

impl Source for Trickle<'_> {
    fn open(&self) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        Ok(Box::new(Dribble(self.0, self.1)))
    }

    fn size(&self) -> std::io::Result<u64> {
        Ok(self.0.len() as u64)
    }
}

struct Dribble<'a>(&'a [u8], usize);

impl std::io::Read for Dribble<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.1).min(self.0.len());
        buf[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        Ok(n)
    }
}

/// Any text into every parser of typed or imported values. An amount that parses is in range
/// and reads back the same once written.
pub fn typed_text(a: &str, b: &str, c: &str, d: &str) {
    for code in ["EUR", "JPY", "KWD"] {
        let currency = Currency::parse(code).expect("currency");
        if let Ok(money) = Money::parse_amount(a, currency) {
            assert!(money.minor() >= 0 && money.minor() <= MAX_AMOUNT_MINOR, "{a:?} gave {}", money.minor());
            let written = money.to_decimal(currency);
            assert_eq!(Money::parse_amount(&written, currency).map(Money::minor), Ok(money.minor()), "{a:?} written as {written:?}");
        }
        if let Ok(minor) = parse_amount(a, currency) {
            let written = Money::from_minor(minor).to_decimal(currency);
            assert_eq!(parse_amount(&written, currency), Ok(minor), "{a:?} written as {written:?}");
        }
    }
    for order in [DateOrder::Dmy, DateOrder::Mdy, DateOrder::Ymd] {
        let _ = parse_date(a, order);
    }
    if let Ok(day) = parse_day(Field::Date, a) {
        assert_eq!(parse_day(Field::Date, &day.to_string()).ok(), Some(day), "{a:?}");
    }
    let _ = Currency::parse(a);
    let _ = CustomerDraft::parse(a, b, c, d, &[a.to_owned(), b.to_owned()]);
    let _ = parse_reminder_note(a);
}

/// A real shop file to throw the window's command inputs at.
#[derive(Debug)]
pub struct Commands {
    _dir: tempfile::TempDir,
    session: Session,
}

impl Default for Commands {
    fn default() -> Commands {
        let dir = tempfile::tempdir().expect("dir");
        let mut session = Session::open(dir.path(), Clock::Local).expect("open");
        session.set_up_shop(ShopSettings { name: ShopName::parse("Inputs").expect("name"), currency: eur() }).expect("set up");
        session.add_customer(CustomerDraft::parse("Ana", "", "", "", &[]).expect("draft")).expect("add");
        Commands { _dir: dir, session }
    }
}

impl Commands {
    /// Every kind of text the window sends through IPC, as each command parses it: filter,
    /// search, sale, contact, reminder answers, settings, import mapping, preset and file.
    pub fn throw(&mut self, a: &str, b: &str, c: &str, n: u32, id: i64) {
        let session = &mut self.session;
        let today = session.today();
        let currency = session.currency().expect("currency");
        let _ = session.parse_filter(Some(a), Some(b), Some(c), Some(n));
        let _ = session.parse_filter(None, Some(a), None, None);
        let _ = session.search_customers(a, n % 100);
        if let Ok(draft) = SaleDraft::parse(Some(CustomerId(id)), a, b, c, a, b, currency, today) {
            let _ = session.log_sale(draft);
        }
        if let Ok(draft) = ContactDraft::parse(CustomerId(id), a, b, c, None, a, today) {
            let _ = session.log_contact(draft, Some(b));
        }
        let _ = session.reminder_done(a);
        let _ = session.reminder_snooze(b, today);
        let _ = session.set_check_in_days(n);
        let mapping = Mapping { date: a.to_owned(), amount: b.to_owned(), name: Some(c.to_owned()), ..Default::default() };
        let request = ImportRequest { file_name: a.to_owned(), preset: Some(b.to_owned()), mapping: Some(mapping), date_order: None };
        let _ = session.import_preview(c.as_bytes(), &request);
        let request = ImportRequest { file_name: c.to_owned(), preset: None, mapping: None, date_order: None };
        let _ = session.import_preview(format!("{a}\n{b}\n{c}").as_bytes(), &request);
        let _ = session.undo_import(id);
        let _ = session.outlook(None);
    }
}
