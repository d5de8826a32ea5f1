//! Importing a sales export: a dry run that shows exactly what would be stored, then the import
//! itself in one transaction (with progress and cancel), the list of past imports, and undo.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use regulars_domain::{Channel, CustomerDraft, CustomerId, FieldError, SaleId};
use regulars_import::{CustomerRef, ImportKey, ImportSale, Parsed, People, SaleKey};
pub use regulars_import::{DateOrder, ImportError, Mapping, NOTED_ROWS, Notes, Problem, Skipped, Source};
pub use regulars_store::ImportRecord;
use regulars_store::{Applied, Buyer, CustomerLookup, ImportPlan, PlannedCustomer, PlannedSale, PlannedSales, StoreError};
use std::hash::BuildHasher as _;

use rustc_hash::FxBuildHasher;

use crate::{Error, Session};

/// A set of a file's sales by their places: a bit each.
#[derive(Debug)]
struct Kept {
    words: Vec<u64>,
    count: usize,
}

impl Kept {
    /// None of `places` sales.
    fn new(places: usize) -> Kept {
        Kept { words: vec![0; places.div_ceil(64)], count: 0 }
    }

    fn keep(&mut self, place: usize) {
        let (word, bit) = (&mut self.words[place / 64], 1u64 << (place % 64));
        if *word & bit == 0 {
            *word |= bit;
            self.count += 1;
        }
    }

    fn has(&self, place: usize) -> bool {
        self.words.get(place / 64).is_some_and(|word| word & (1u64 << (place % 64)) != 0)
    }

    fn len(&self) -> usize {
        self.count
    }

    /// The places kept, in order.
    fn iter(&self) -> KeptPlaces<'_> {
        KeptPlaces { words: &self.words, word: 0, bits: self.words.first().copied().unwrap_or(0), left: self.count }
    }
}

/// The places of a [`Kept`], in order; it knows how many are left (the store reports progress
/// out of the total).
struct KeptPlaces<'a> {
    words: &'a [u64],
    word: usize,
    /// The bits of `words[word]` not yet given.
    bits: u64,
    left: usize,
}

impl Iterator for KeptPlaces<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        while self.bits == 0 {
            self.word += 1;
            self.bits = *self.words.get(self.word)?;
        }
        let bit = self.bits.trailing_zeros() as usize;
        self.bits &= self.bits - 1;
        self.left -= 1;
        Some(self.word * 64 + bit)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.left, Some(self.left))
    }
}

impl ExactSizeIterator for KeptPlaces<'_> {}

/// The sales at the places of a [`Kept`], in order, with their places.
struct KeptSales<'a> {
    places: KeptPlaces<'a>,
    sales: regulars_import::Sales<'a>,
    /// The place of the sale `sales` gives next.
    next: usize,
}

impl Iterator for KeptSales<'_> {
    type Item = (usize, ImportSale);

    fn next(&mut self) -> Option<(usize, ImportSale)> {
        let place = self.places.next()?;
        let sale = self.sales.nth(place - self.next)?;
        self.next = place + 1;
        Some((place, sale))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.places.size_hint()
    }
}

impl ExactSizeIterator for KeptSales<'_> {}

/// A file to import, read from the disk on each pass over its rows rather than held in memory.
#[derive(Debug, Clone)]
pub struct OnDisk(pub PathBuf);

impl OnDisk {
    pub fn new(path: &Path) -> OnDisk {
        OnDisk(path.to_owned())
    }

    /// An error that names the file.
    fn error(&self, error: &std::io::Error) -> std::io::Error {
        std::io::Error::new(error.kind(), format!("{}: {error}", self.0.display()))
    }
}

impl Source for OnDisk {
    fn open(&self) -> std::io::Result<Box<dyn std::io::Read + '_>> {
        Ok(Box::new(std::fs::File::open(&self.0).map_err(|e| self.error(&e))?))
    }

    fn size(&self) -> std::io::Result<u64> {
        Ok(std::fs::metadata(&self.0).map_err(|e| self.error(&e))?.len())
    }
}

/// The preset of Regulars' own sales export.
const OWN_EXPORT: &str = "regulars";

/// The number in an id of Regulars' own export, `regulars:42`.
fn own_id(key: &str) -> Option<i64> {
    key.strip_prefix(OWN_EXPORT)?.strip_prefix(':')?.parse().ok()
}

/// How many times an import is planned again when other windows keep writing to the shop
/// between its plan and its write; then it is reported as busy.
const MAX_REPLANS: usize = 5;

/// What the owner asked for: the file's name (for the record), and optionally the preset, a
/// mapping of their own, and the date order.
#[derive(Debug, Clone, Default)]
pub struct ImportRequest {
    pub file_name: String,
    pub preset: Option<String>,
    pub mapping: Option<Mapping>,
    pub date_order: Option<DateOrder>,
}

/// One sale as it will be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewSale {
    pub line: u64,
    pub date: NaiveDate,
    pub amount_minor: i64,
    /// Empty for a walk-in.
    pub customer: String,
    pub new_customer: bool,
    pub description: String,
}

/// The dry run: what an import of the file would do, before anything is written.
#[derive(Debug, Clone)]
pub struct ImportPreview {
    pub preset: String,
    pub preset_label: String,
    pub encoding: String,
    pub delimiter: char,
    pub date_order: DateOrder,
    pub rows: u64,
    /// Sales that would be added.
    pub sales: u64,
    /// Sales of this file that are in the shop already (from an earlier import).
    pub already_imported: u64,
    pub customers_new: u64,
    pub customers_matched: u64,
    pub revenue_minor: i64,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub first_sales: Vec<PreviewSale>,
    /// The rows left out on purpose and those with problems: each counted, the first
    /// [`regulars_import::NOTED_ROWS`] by line kept to show.
    pub skipped: Notes<Skipped>,
    pub problems: Notes<Problem>,
    /// The file's column the amounts come from, and what that amount is (with or without tax
    /// and shipping, after refunds): the meaning of "revenue" differs between exports.
    pub revenue_column: String,
    pub revenue_means: String,
    /// Said when the file's sales stop long before today: every customer would look lapsed.
    pub sales_stop: Option<String>,
    /// The time zone whose days timestamps in UTC (or with an offset) were put on, when the
    /// file had any.
    pub time_zone: Option<String>,
    /// Orders in the file (distinct order ids, and each row without one): each is a sale to
    /// add, already in, left out with its reason, or a problem.
    pub file_orders: u64,
    /// Refunds taken off the sales to add.
    pub refunded_minor: i64,
}

/// How long before today a history's last sale may be before the dry run, Today and At risk
/// say that it looks finished: two months.
const SALES_STOP_DAYS: i64 = 60;

/// Whether a history whose last sale is on `last` ends long before `today`.
fn stops_long_before(last: NaiveDate, today: NaiveDate) -> bool {
    (today - last).num_days() > SALES_STOP_DAYS
}

impl Session {
    /// The shop's last sale day when it is long before today (an old export imported, nothing
    /// logged since): Today and At risk say so, or every customer would just look lapsed.
    pub fn sales_stop(&self) -> Result<Option<NaiveDate>, Error> {
        Ok(self.store.last_sale_day()?.filter(|last| stops_long_before(*last, self.today())))
    }
}

impl ImportPreview {
    /// Whether importing would take every row (nothing but deliberate skips left out).
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

/// What an import will write: the store's plan, and which of the file's sales go in for whom
/// (by their place in [`Parsed::sales`], so that the plan holds no copy of any sale).
#[derive(Debug)]
struct Planned {
    store: ImportPlan,
    /// Which sales to add: a bit a sale (a list of their places and buyers took eight bytes a
    /// sale, 80 MB for a 10M-row file).
    kept: Kept,
    /// Who each customer of the file is (a sale's buyer is its customer's).
    buyers: Buyers,
    /// The new customers, as the file gives them (their numbers among [`Parsed::people`]):
    /// their drafts are made again as they are written (four bytes a customer here, where a
    /// draft is 170 and its texts).
    new: Vec<u32>,
}

impl Planned {
    /// The sales to add, in the file's order, as the store writes them, each with its place
    /// in [`Parsed::sales`] (read in one pass over them: most may be on the disk). Ends early
    /// when the sales set aside cannot be read back: fewer than it said.
    fn sales<'a>(&'a self, parsed: &'a Parsed) -> impl ExactSizeIterator<Item = (usize, ImportSale, Buyer)> + 'a {
        KeptSales { places: self.kept.iter(), sales: parsed.sales.iter(), next: 0 }.map(|(index, sale)| {
            let buyer = sale.customer().and_then(|number| self.buyers.get(number)).unwrap_or(Buyer::WalkIn);
            (index, sale, buyer)
        })
    }

    /// The new customers, in the order [`Buyer::New`] counts them, as the store writes them.
    fn customers<'a>(&'a self, parsed: &'a Parsed) -> impl ExactSizeIterator<Item = Result<PlannedCustomer<'a>, FieldError>> + 'a {
        self.new.iter().map(|&number| {
            let customer = parsed.people.get(number);
            Ok(PlannedCustomer { draft: draft_of(customer)?, external_id: customer.external_id })
        })
    }

    fn rows<'a>(&'a self, parsed: &'a Parsed) -> Rows<'a> {
        Rows { plan: self, parsed }
    }
}

/// The sales to add as the store writes them, each lent with its key and description read
/// from the disk (those of sales read in order lie in order: read a block at a time).
struct Rows<'a> {
    plan: &'a Planned,
    parsed: &'a Parsed,
}

impl PlannedSales for Rows<'_> {
    fn count(&self) -> usize {
        self.plan.sales(self.parsed).len()
    }

    fn each(&mut self, each: &mut dyn FnMut(PlannedSale<'_>) -> Result<bool, StoreError>) -> Result<(), StoreError> {
        let (mut keys, mut descriptions) = (self.parsed.key_reader(), self.parsed.description_reader());
        for (_, sale, buyer) in self.plan.sales(self.parsed) {
            let description = descriptions.of(&sale);
            let key = keys.key(sale.key);
            if !each(PlannedSale { buyer, date: sale.date, amount_minor: sale.amount_minor, description: &description, key })? {
                break;
            }
        }
        Ok(())
    }
}

/// Who each customer of a file is, by their number: a new customer (their place among the new
/// ones) or one of the shop's, in four bytes a customer (and eight more for each of the shop's
/// matched), where a list of every buyer and each customer's place in it took twenty: 19 MB of
/// the plan of a file naming 951,000 people.
#[derive(Debug, Default)]
struct Buyers {
    /// 0: not matched yet; with [`Buyers::SHOPS`] set, the rest is a place in `shops`; else
    /// the place among the new customers, plus one.
    of_customer: Vec<u32>,
    shops: Vec<CustomerId>,
}

impl Buyers {
    /// The bit that says a customer is one of the shop's (a file has fewer than 2^31 people:
    /// it is under 2 GiB, and a row takes at least two bytes).
    const SHOPS: u32 = 1 << 31;

    fn new(people: usize) -> Buyers {
        Buyers { of_customer: vec![0; people], shops: Vec::new() }
    }

    /// Who the customer numbered `number` is, once matched.
    fn get(&self, number: u32) -> Option<Buyer> {
        match self.of_customer[number as usize] {
            0 => None,
            at if at & Buyers::SHOPS != 0 => Some(Buyer::Existing(self.shops[(at & !Buyers::SHOPS) as usize])),
            place => Some(Buyer::New(place as usize - 1)),
        }
    }

    /// Says who the customer numbered `number` is (a walk-in is no customer: not kept).
    fn set(&mut self, number: u32, buyer: Buyer) {
        // Places below 2^31, as above.
        let at = |place: usize| u32::try_from(place).unwrap_or(u32::MAX) & !Buyers::SHOPS;
        self.of_customer[number as usize] = match buyer {
            Buyer::WalkIn => 0,
            Buyer::Existing(id) => {
                self.shops.push(id);
                at(self.shops.len() - 1) | Buyers::SHOPS
            }
            Buyer::New(place) => at(place + 1),
        };
    }
}

/// A file read and planned, ready to import; its preview is what the owner saw.
#[derive(Debug)]
pub struct PreparedImport {
    parsed: Parsed,
    plan: Planned,
    pub preview: ImportPreview,
    revision: regulars_store::Revision,
}

/// How many sales the preview lists.
pub const PREVIEW_SALES: usize = 20;

/// The channel imported sales get: online shops are online, tills are in store.
fn channel_of(preset: &str) -> Channel {
    match preset {
        "shopify" | "stripe" | "woocommerce" => Channel::Online,
        "square-items" | "square-transactions" => Channel::InStore,
        _ => Channel::Other,
    }
}

/// New customers found in the file, deduplicated the same way as against the shop.
#[derive(Default)]
struct NewCustomers {
    /// Their numbers among the file's people.
    list: Vec<u32>,
    /// Who each of the file's people is, once matched: for those the tables below find, their
    /// place in `list`.
    buyers: Buyers,
    /// The phones' match keys the table `by_phone_digits` points at, one after another, where
    /// each ends, and the place in `list` each finds (the file's people have the phones, not
    /// their digits).
    phone_keys: String,
    phone_ends: Vec<usize>,
    phone_places: Vec<u32>,
    /// By the file's people's own texts: the table finds a person's number.
    by_external_id: Found,
    by_email: Found,
    by_name: Found,
    /// By `phone_keys`: the table finds a phone's place.
    by_phone_digits: Found,
}

impl NewCustomers {
    /// Room for the new customers among `people` people, made once: a table that grows keeps
    /// its old slots while it moves them to twice as many (28 MB for a moment in the plan of a
    /// file naming 951,000 people).
    fn for_people(people: usize) -> NewCustomers {
        NewCustomers {
            list: Vec::with_capacity(people),
            buyers: Buyers::new(people),
            by_external_id: Found::with_room(people),
            by_email: Found::with_room(people),
            by_name: Found::with_room(people),
            ..NewCustomers::default()
        }
    }
}

/// The phone match key at `at` of [`NewCustomers::phone_keys`].
fn phone_key<'a>(keys: &'a str, ends: &[usize], at: u32) -> &'a str {
    let at = at as usize;
    let start = if at == 0 { 0 } else { ends[at - 1] };
    &keys[start..ends[at]]
}

/// Where the first of some texts (external ids, emails, ...) is that each of them was given
/// for. The texts stay where they are (the file's people's, mostly): the table holds where a
/// text is, which the caller's `text` reads, and the caller knows whose it is. A map of
/// `String`s took 100 MB for a million customers' ids alone (the key's 24 bytes and its
/// allocation on each slot); a copy of each text in a buffer and a table of where it lay, 50;
/// this takes 10 (five bytes a slot).
#[derive(Default)]
struct Found {
    table: hashbrown::HashTable<u32>,
    /// How many texts the table makes room for at once, with its first (a file's customers
    /// without emails need no room for them).
    room: usize,
}

impl Found {
    fn with_room(texts: usize) -> Found {
        Found { table: hashbrown::HashTable::new(), room: texts }
    }

    /// Where the first text equal to `key` is; `text` reads the text at a place.
    fn get<'t>(&self, key: &str, text: impl Fn(u32) -> &'t str) -> Option<u32> {
        self.table.find(FxBuildHasher.hash_one(key), |&at| text(at) == key).copied()
    }

    /// Says that `key` is the text at `at`, unless an earlier text is equal to it.
    fn add<'t>(&mut self, key: &str, at: u32, text: impl Fn(u32) -> &'t str) {
        debug_assert_eq!(text(at), key, "the text at its place");
        let hash = FxBuildHasher.hash_one(key);
        if self.table.find(hash, |&at| text(at) == key).is_none() {
            if self.table.capacity() == 0 {
                self.table.reserve(self.room, |&at| FxBuildHasher.hash_one(text(at)));
            }
            self.table.insert_unique(hash, at, |&at| FxBuildHasher.hash_one(text(at)));
        }
    }
}

/// Whether two people's (email, phone match key) say they are different people: both have an
/// email and they differ, or both a phone and they differ.
fn contradicts(known: (Option<&str>, Option<&str>), new: (Option<&str>, Option<&str>)) -> bool {
    let differs = |a: Option<&str>, b: Option<&str>| a.is_some() && b.is_some() && a != b;
    differs(known.0, new.0) || differs(known.1, new.1)
}

/// A customer of the file as the owner would have typed them in the form.
fn draft_of(customer: CustomerRef<'_>) -> Result<CustomerDraft, FieldError> {
    CustomerDraft::parse(customer.draft_name, customer.email.unwrap_or(""), customer.phone.unwrap_or(""), customer.notes(), customer.tags())
}

/// What a customer's draft is matched on besides their id: the email, the phone's match key.
fn contact_of(draft: &CustomerDraft) -> (Option<String>, Option<String>) {
    let email = draft.email.as_ref().map(|e| e.as_str().to_owned());
    let digits = draft.phone.as_ref().map(|p| regulars_store::phone_match_key(p.digits()).to_owned()).filter(|d| !d.is_empty());
    (email, digits)
}

/// Matches a customer of the file to the shop's customers (external id, then email, then
/// phone by its last nine digits, then exact name), else to one already new in this file, else makes them new.
/// Says who they are in `new.buyers`, the one place that does for them.
fn buyer_of(
    customer: CustomerRef<'_>,
    people: &People,
    lookup: &CustomerLookup,
    new: &mut NewCustomers,
    matched: &mut HashSet<CustomerId>,
    new_external_ids: &mut HashMap<String, CustomerId>,
) -> Result<Buyer, Error> {
    let draft = draft_of(customer)?;
    let (email, digits) = contact_of(&draft);
    let name = draft.name.as_str();
    let external = customer.external_id;
    // Two different ids of the same export are two different people, whatever their names:
    // a customer who already has an id from this source is matched by that id only.
    let source = external.and_then(|x| x.split_once(':')).map(|(source, _)| source);
    let other_id_of_source = |id: &CustomerId| source.is_some_and(|s| lookup.sources_of(*id).any(|known| known == s));
    // Same name, different email or phone: another person. A name matches only a customer
    // whose details do not contradict the file's.
    let agrees = |id: &CustomerId| lookup.contact(*id).is_none_or(|known| !contradicts(known, (email.as_deref(), digits.as_deref())));
    let existing = match external.and_then(|x| lookup.by_external_id(x)) {
        Some(id) => Some(id),
        None => email
            .as_deref()
            .and_then(|e| lookup.by_email(e))
            .or_else(|| digits.as_deref().and_then(|d| lookup.by_phone_digits(d)))
            .or_else(|| lookup.by_name(name).into_iter().find(|id| agrees(id) && !other_id_of_source(id)))
            .filter(|id| !other_id_of_source(id)),
    };
    if let Some(id) = existing {
        matched.insert(id);
        if let Some(x) = external
            && lookup.by_external_id(x).is_none()
        {
            new_external_ids.entry(x.to_owned()).or_insert(id);
        }
        new.buyers.set(customer.number, Buyer::Existing(id));
        return Ok(Buyer::Existing(id));
    }
    // Found by the texts the file's people have (their drafts', made again, are the same).
    let external_at = |at: u32| people.get(at).external_id.unwrap_or_default();
    let email_at = |at: u32| people.get(at).email.unwrap_or_default();
    let name_at = |at: u32| people.get(at).draft_name;
    let NewCustomers { list, buyers, phone_keys, phone_ends, phone_places, by_external_id, by_email, by_name, by_phone_digits } = new;
    // (A listed customer's draft was made once already: made again, it is the same.)
    let new_agrees = |index: usize| {
        draft_of(people.get(list[index])).is_ok_and(|known| {
            let (known_email, known_phone) = contact_of(&known);
            !contradicts((known_email.as_deref(), known_phone.as_deref()), (email.as_deref(), digits.as_deref()))
        })
    };
    // (Everyone the tables find is a new customer.)
    let person = |who: u32| match buyers.get(who) {
        Some(Buyer::New(index)) => Some(index),
        _ => None,
    };
    let found = match external.and_then(|x| by_external_id.get(x, external_at)) {
        Some(who) => person(who),
        None => customer
            .email
            .and_then(|e| by_email.get(e, email_at))
            .and_then(person)
            .or_else(|| {
                let phone = digits.as_ref().and_then(|d| by_phone_digits.get(d, |at| phone_key(phone_keys, phone_ends, at)));
                phone.map(|at| phone_places[at as usize] as usize)
            })
            .or_else(|| by_name.get(customer.draft_name, name_at).and_then(person).filter(|&index| new_agrees(index)))
            .filter(|&index| external.is_none() || people.get(list[index]).external_id.is_none()),
    };
    let index = match found {
        Some(index) => index,
        None => {
            list.push(customer.number);
            list.len() - 1
        }
    };
    let who = customer.number;
    // `u32` counts a file's people, and so its new customers.
    let place = u32::try_from(index).unwrap_or(u32::MAX);
    buyers.set(who, Buyer::New(index));
    if let Some(x) = external {
        by_external_id.add(x, who, external_at);
    }
    if let Some(e) = customer.email {
        by_email.add(e, who, email_at);
    }
    if let Some(d) = digits
        && by_phone_digits.get(&d, |at| phone_key(phone_keys, phone_ends, at)).is_none()
    {
        phone_keys.push_str(&d);
        phone_ends.push(phone_keys.len());
        phone_places.push(place);
        // Fewer phones than people, whom `u32` counts.
        let at = u32::try_from(phone_ends.len() - 1).unwrap_or(u32::MAX);
        by_phone_digits.add(&d, at, |at| phone_key(phone_keys, phone_ends, at));
    }
    by_name.add(customer.draft_name, who, name_at);
    Ok(Buyer::New(index))
}

/// About how many of a file's row keys [`keys_already_in`] sorts at a time, split in 16 past
/// it: 6 MB a part.
const PART_KEYS: usize = 1 << 18;

/// A range of import keys' texts: those from `from` on, and before `to` when there is one.
type KeyRange<'r> = (&'r str, Option<&'r str>);

/// The parts [`keys_already_in`] checks one at a time, each a range of key texts, so that the
/// shop's keys in a part are read with one range of the unique index on them. Row keys
/// (`row:` and sixteen hex digits) are split by their first hex digit into 16 parts, or are
/// one part; everything else (order ids, the texts before `row:` and from `row;`, the character
/// after `:`, on) is split at the texts `order_starts`, or is one part.
struct KeyParts {
    /// The first texts of the row parts: `row:` alone, or `row:0` (as `row:`) to `row:f`.
    starts: Vec<String>,
    /// The first texts of the order-id parts after the first (sorted, none in the row keys'
    /// range).
    order_starts: Vec<String>,
}

impl KeyParts {
    const ROWS: &'static str = "row:";
    const PAST_ROWS: &'static str = "row;";

    fn new(split: bool, order_starts: Vec<String>) -> KeyParts {
        let digits = if split { 16 } else { 1 };
        let starts = (0..digits).map(|d| if d == 0 { KeyParts::ROWS.to_owned() } else { format!("row:{d:x}") }).collect();
        KeyParts { starts, order_starts }
    }

    /// Whether `text` lies among the row keys' texts.
    fn in_rows(text: &str) -> bool {
        (KeyParts::ROWS..KeyParts::PAST_ROWS).contains(&text)
    }

    /// How many parts: the row parts and the order ids'.
    fn len(&self) -> usize {
        self.starts.len() + 1 + self.order_starts.len()
    }

    /// The part of `key`: a row key's by its fingerprint's first hex digit, without writing its
    /// text out; any other by where its text lies (an order id may read like a row key).
    fn of(&self, key: ImportKey<'_>) -> u8 {
        let rows = self.starts.len();
        let part = match key {
            ImportKey::Row { fingerprint, .. } if rows > 1 => (fingerprint >> 60) as usize,
            ImportKey::Row { .. } => 0,
            ImportKey::Order(text) if KeyParts::in_rows(text) => self.starts.partition_point(|start| start.as_str() <= text) - 1,
            ImportKey::Order(text) => rows + self.order_starts.partition_point(|start| start.as_str() <= text),
        };
        // At most 16 row parts and 16 of order ids.
        part as u8
    }

    /// The ranges of texts of part `part`.
    fn ranges(&self, part: usize) -> Vec<KeyRange<'_>> {
        if let Some(start) = self.starts.get(part) {
            return vec![(start.as_str(), Some(self.starts.get(part + 1).map_or(KeyParts::PAST_ROWS, String::as_str)))];
        }
        let order = part - self.starts.len();
        let from = if order == 0 { "" } else { self.order_starts[order - 1].as_str() };
        let to = self.order_starts.get(order).map(String::as_str);
        // The texts from `from` to `to`, less the row keys' range: what lies below it, and
        // what lies above it.
        let mut ranges = Vec::new();
        let below = to.filter(|&to| to < KeyParts::ROWS).unwrap_or(KeyParts::ROWS);
        if from < below {
            ranges.push((from, Some(below)));
        }
        let above = from.max(KeyParts::PAST_ROWS);
        if to.is_none_or(|to| above < to) {
            ranges.push((above, to));
        }
        ranges
    }
}

/// How many parts the order ids are split into when there are more than `part_keys` of them.
const ORDER_PARTS: usize = 16;

/// Where the order ids of a file of more than `part_keys` of them are split into
/// [`ORDER_PARTS`] parts of about as many: texts from a sample of about 1,024 of them, picked by
/// their hashes' top bits, sorted (none for fewer order ids: one part). Without it, a file of
/// order ids was one part whatever its size (a 10M-order file: 240 MB of keys to sort at once).
fn order_starts(each_key: impl FnOnce(&mut dyn FnMut(ImportKey<'_>)), sales: usize, part_keys: usize) -> Vec<String> {
    let picked_bits = (sales / 1024).next_power_of_two().trailing_zeros();
    let (mut count, mut sample) = (0usize, Vec::new());
    each_key(&mut |key| {
        if let ImportKey::Order(text) = key
            && !KeyParts::in_rows(text)
        {
            count += 1;
            // (No bits picked: every text; `checked_shr` of all 64 bits is none.)
            if FxBuildHasher.hash_one(text).checked_shr(u64::BITS - picked_bits).unwrap_or(0) == 0 {
                sample.push(text.to_owned());
            }
        }
    });
    if count <= part_keys {
        return Vec::new();
    }
    sample.sort_unstable();
    sample.dedup();
    let mut starts: Vec<String> = (1..ORDER_PARTS).filter_map(|part| sample.get(part * sample.len() / ORDER_PARTS).cloned()).collect();
    starts.dedup();
    starts
}

/// Which sales of the file add nothing: those whose key an earlier sale of the file has, and
/// those whose key the shop has (deleted sales included; `shop_keys` gives each in a range of
/// texts). `each_key` gives the sales' keys in order (once a part: most of the sales and their
/// keys' texts may be on the disk). The file's keys are sorted by their 64-bit hash, each
/// packed with its sale's place into one `u64`: the hash's top bits above, the place in the
/// bits a place needs below, and each kept with its key (24 bytes a sale, where a set of the
/// keys would take forty; an order id's text copied among the part's own, so that no key is
/// looked up on the disk), and each key the shop has in the range is looked up by its hash.
/// Keys are compared wherever the kept bits of their hashes are equal, so neither a collision
/// nor the bits left out lose anything. A part of the keys at a time ([`KeyParts`]: a file of
/// more than about `part_keys` sales splits its row keys in 16, and its order ids in 16 when
/// there are more than that of them), each sale's part kept in a byte: sorted all at once, the
/// eight bytes of every key were 80 MB at the start of planning a 10M-row file, that import's
/// peak, and the dry run of the file again into its shop peaked there too.
fn keys_already_in(
    sales: usize,
    each_key: impl Fn(&dyn Fn(usize) -> bool, &mut dyn FnMut(usize, ImportKey<'_>)),
    mut shop_keys: impl FnMut(KeyRange<'_>, &mut dyn FnMut(&str)) -> Result<(), Error>,
    part_keys: usize,
) -> Result<Kept, Error> {
    // A bit a sale.
    let mut already = Kept::new(sales);
    if sales == 0 {
        return Ok(already);
    }
    // A file has fewer sales than `u32` counts: at least 32 bits of each hash are kept.
    let place_bits = usize::BITS - (sales - 1).leading_zeros();
    let place_mask = (1u64 << place_bits) - 1;
    let packed = |hash: u64, place: usize| (hash & !place_mask) | place as u64;
    let place = |entry: u64| (entry & place_mask) as usize;
    let every = |_: usize| true;
    let order_starts =
        if sales > part_keys { order_starts(|each| each_key(&every, &mut |_, key| each(key)), sales, part_keys) } else { Vec::new() };
    let parts = KeyParts::new(sales > part_keys, order_starts);
    let mut part_of: Vec<u8> = Vec::with_capacity(sales);
    // How many keys each part has, and the bytes of its order ids' texts.
    let mut in_part = vec![(0usize, 0usize); parts.len()];
    each_key(&every, &mut |_, key| {
        let part = parts.of(key);
        let (keys, bytes) = &mut in_part[usize::from(part)];
        *keys += 1;
        *bytes += if let ImportKey::Order(id) = key { id.len() } else { 0 };
        part_of.push(part);
    });
    // The part's keys by hash, an order id's text among `texts`: room for the largest part,
    // made once (grown as they filled, each was up to twice its part: 52 MB, where 31 are
    // used, of the peak of planning a 10M-charge Stripe export).
    let mut by_hash: Vec<(u64, SaleKey)> = Vec::with_capacity(in_part.iter().map(|&(keys, _)| keys).max().unwrap_or(0));
    let mut texts = String::with_capacity(in_part.iter().map(|&(_, bytes)| bytes).max().unwrap_or(0));
    let mut starts: Vec<u32> = Vec::new();
    // A key's hash is its text's, as the shop's keys are hashed below.
    let mut text = String::new();
    // (A part with none of the file's keys has nothing to find: a file of order ids has no row
    // keys, and one of rows no order ids.)
    for part in (0..parts.len()).filter(|&part| in_part[part].0 > 0) {
        by_hash.clear();
        texts.clear();
        // Only the part's keys are read (their texts from the disk).
        each_key(&|index| usize::from(part_of[index]) == part, &mut |index, key| {
            let hash = FxBuildHasher.hash_one(key.text(&mut text));
            let kept = match key {
                ImportKey::Row { fingerprint, occurrence } => SaleKey::row(fingerprint, occurrence),
                ImportKey::Order(id) => {
                    let start = texts.len();
                    texts.push_str(id);
                    // A part's texts are fewer bytes than the file's, whose offsets fit 32 bits.
                    SaleKey::Order { start: start as u32, len: id.len() as u32 }
                }
            };
            by_hash.push((packed(hash, index), kept));
        });
        by_hash.sort_unstable_by_key(|&(entry, _)| entry);
        let key_of = |key: SaleKey| regulars_import::key_in(&texts, key);
        for run in by_hash.chunk_by(|a, b| a.0 & !place_mask == b.0 & !place_mask).filter(|run| run.len() > 1) {
            // In the file's order (the run is sorted by place): each is a repeat when an earlier
            // one of the run has the same key.
            for (at, &(entry, key)) in run.iter().enumerate() {
                if run[..at].iter().any(|&(_, earlier)| same_text(key_of(earlier), key_of(key))) {
                    already.keep(place(entry));
                }
            }
        }
        // Where each run of hashes with the same top bits starts: a shop key is found with one
        // look there and a few steps along the sorted places (two to four places a bucket,
        // eight bytes each: one cache line), not a binary search's twenty. (A bucket a place
        // took 67 MB for a 10M-row file.)
        let bits = (usize::BITS - by_hash.len().leading_zeros()).saturating_sub(2);
        // (No bits, for a part of a few keys: one bucket.)
        let bucket = |hash: u64| hash.checked_shr(u64::BITS - bits).unwrap_or(0) as usize;
        starts.clear();
        starts.resize((1 << bits) + 1, 0);
        for &(entry, _) in &by_hash {
            starts[bucket(entry) + 1] += 1;
        }
        for b in 1..starts.len() {
            starts[b] += starts[b - 1];
        }
        for range in parts.ranges(part) {
            shop_keys(range, &mut |shop_key: &str| {
                let hash = FxBuildHasher.hash_one(shop_key) & !place_mask;
                let b = bucket(hash);
                for &(entry, key) in &by_hash[starts[b] as usize..starts[b + 1] as usize] {
                    if entry & !place_mask == hash && key_of(key).is(shop_key) {
                        already.keep(place(entry));
                    }
                }
            })?;
        }
    }
    Ok(already)
}

/// Whether two keys have the same text (an order id's text may read like a fingerprint's).
fn same_text(a: ImportKey<'_>, b: ImportKey<'_>) -> bool {
    match (a, b) {
        (ImportKey::Order(text), other) | (other, ImportKey::Order(text)) => other.is(text),
        (a, b) => a == b,
    }
}

impl Session {
    /// Reads the file, a block of rows at a time (see [`Source`]): its rows are never in memory
    /// whole, only the sales they make.
    fn parse_import(&self, source: impl Source, request: &ImportRequest) -> Result<Parsed, Error> {
        let currency = self.currency()?;
        let file = regulars_import::open(source).map_err(|p| Error::Import(ImportError::File(p)))?;
        let preset = match (&request.mapping, &request.preset) {
            (Some(mapping), _) => {
                regulars_import::check_custom_mapping(mapping, &file.headers).map_err(Error::Import)?;
                regulars_import::custom_preset(mapping.clone())
            }
            (None, Some(name)) if name == "customers" => return regulars_import::parse_customers(&file).map_err(Error::Import),
            (None, Some(name)) => regulars_import::preset_by_name(name).ok_or_else(|| {
                let names: Vec<&str> = regulars_import::presets().iter().map(|p| p.name).collect();
                Error::Conflict(regulars_text::t!("error.noPreset", name = name, presets = names.join(", ")))
            })?,
            (None, None) => match regulars_import::detect_preset(&file.headers) {
                Some(preset) => preset,
                None if regulars_import::is_customers_file(&file.headers) => {
                    return regulars_import::parse_customers(&file).map_err(Error::Import);
                }
                None => return Err(Error::Import(ImportError::UnknownColumns { headers: file.headers.clone() })),
            },
        };
        let zone = self.time_zone()?;
        // Set aside beside the shop (on the disk the shop is on: a system's temporary folder
        // may be in memory). Its dates and amounts are no more than the file being read shows.
        let aside = regulars_import::SetAside { dir: Some(self.data_dir()), in_memory: self.sales_in_memory };
        regulars_import::parse(&file, preset, request.date_order, currency, self.today(), Some(zone), aside).map_err(Error::Import)
    }

    /// Plans what importing `parsed` would write, against the shop as it is now.
    fn plan_import(&self, parsed: &Parsed, file_name: &str) -> Result<Planned, Error> {
        // The shop's customers, read when a sale needs a buyer: a file whose sales are all in
        // the shop already (imported again, or its dry run) needs none of them (a million
        // customers: 85 MB).
        let mut shop = None;
        // Room for every person the file names, made once (growing a list as it fills keeps two
        // copies of it at each step).
        let mut new = NewCustomers::for_people(parsed.people.len());
        let mut matched = HashSet::new();
        let mut new_external_ids = HashMap::new();
        let shop_keys = |(from, to): KeyRange<'_>, each: &mut dyn FnMut(&str)| Ok(self.store.each_import_key_between(from, to, each)?);
        // The keys in order, their texts read a block at a time.
        let each_key = |wanted: &dyn Fn(usize) -> bool, each: &mut dyn FnMut(usize, ImportKey<'_>)| {
            let mut texts = parsed.key_reader();
            for (index, key) in parsed.sales.keys().enumerate() {
                if wanted(index) {
                    each(index, texts.key(key));
                }
            }
        };
        let already_in = keys_already_in(parsed.sales.len(), each_key, shop_keys, PART_KEYS)?;
        let mut kept = Kept::new(parsed.sales.len());
        let mut already = 0u64;
        // Each customer of the file is matched once, by their number (a map keyed by each
        // customer was 34 MB and a tenth of the plan's time for a million customers).
        let own_export = parsed.preset.name == OWN_EXPORT;
        let mut keys = parsed.key_reader();
        for (index, sale) in parsed.sales.iter().enumerate() {
            if already_in.has(index) || own_export && self.is_own_sale(parsed, &sale, keys.key(sale.key))? {
                already += 1;
                continue;
            }
            // (A customer's number is below the count of people: the reader numbers them so.)
            if let Some(number) = sale.customer()
                && new.buyers.get(number).is_none()
            {
                let customer = parsed.people.get(number);
                let lookup = self.shop_customers(&mut shop)?;
                match self.own_customer(customer, lookup)? {
                    Some(id) => {
                        matched.insert(id);
                        new.buyers.set(number, Buyer::Existing(id));
                    }
                    // (It says who they are.)
                    None => {
                        buyer_of(customer, &parsed.people, lookup, &mut new, &mut matched, &mut new_external_ids)?;
                    }
                }
            }
            kept.keep(index);
        }
        for &(_, number) in &parsed.customers {
            if new.buyers.get(number).is_none() {
                let lookup = self.shop_customers(&mut shop)?;
                buyer_of(parsed.people.get(number), &parsed.people, lookup, &mut new, &mut matched, &mut new_external_ids)?;
            }
        }
        let store = ImportPlan {
            file_name: file_name.to_owned(),
            preset: parsed.preset.name.to_owned(),
            channel: channel_of(parsed.preset.name),
            rows: parsed.rows as u64,
            skipped: parsed.skipped.count(),
            problems: parsed.problems.count(),
            already_imported: already,
            customers_matched: matched.len() as u64,
            new_external_ids: new_external_ids.into_iter().collect(),
        };
        parsed.sales.check().map_err(Error::Import)?;
        Ok(Planned { store, kept, buyers: new.buyers, new: new.list })
    }

    /// The shop's customers as an import matches them, read into `shop` the first time.
    fn shop_customers<'s>(&self, shop: &'s mut Option<CustomerLookup>) -> Result<&'s CustomerLookup, Error> {
        match shop {
            Some(lookup) => Ok(lookup),
            None => Ok(shop.insert(self.store.customer_lookup()?)),
        }
    }

    /// Whether a sale of the shop's own export (`regulars:<sale id>`) is that very sale of
    /// this shop: same id, day, amount and customer. Then importing the export into the shop
    /// it came from adds nothing.
    fn is_own_sale(&self, parsed: &Parsed, sale: &ImportSale, key: ImportKey<'_>) -> Result<bool, Error> {
        let ImportKey::Order(text) = key else { return Ok(false) };
        let Some(id) = own_id(text) else { return Ok(false) };
        let Some(stored) = self.store.sale(SaleId(id))? else { return Ok(false) };
        let buyer = parsed.customer(sale).map_or("", |c| c.draft_name);
        Ok(stored.date.date() == sale.date
            && stored.amount.minor() == sale.amount_minor
            && stored.customer_name.as_deref().unwrap_or("") == buyer)
    }

    /// The shop's own customer behind `regulars:<customer id>` of its own export: the same
    /// id with the same name (a namesake is another person, and is not matched by name).
    fn own_customer(&self, customer: CustomerRef<'_>, known: &CustomerLookup) -> Result<Option<CustomerId>, Error> {
        let Some(id) = customer.external_id.and_then(own_id) else { return Ok(None) };
        if customer.external_id.is_some_and(|x| known.by_external_id(x).is_some()) {
            // Imported from another shop's export before: that import's match stands.
            return Ok(None);
        }
        Ok(self.store.customer(CustomerId(id))?.filter(|c| c.summary.name == customer.draft_name.trim()).map(|c| c.summary.id))
    }

    /// The dry run: nothing is written.
    pub fn import_preview(&self, file: impl Source, request: &ImportRequest) -> Result<ImportPreview, Error> {
        Ok(self.prepare_import(file, request)?.preview)
    }

    /// Reads and plans an import once, for a preview and then the import itself. The file is
    /// bytes in memory or [`OnDisk`].
    pub fn prepare_import(&self, file: impl Source, request: &ImportRequest) -> Result<PreparedImport, Error> {
        let started = std::time::Instant::now();
        let parsed = self.parse_import(file, request)?;
        log::info!("import: {} rows read and checked: {:.2} s", parsed.rows, started.elapsed().as_secs_f64());
        let started = std::time::Instant::now();
        // Read before the plan's reads: a write after it makes the plan stale, never missed.
        let revision = self.store.revision()?;
        let plan = self.plan_import(&parsed, &request.file_name)?;
        log::info!("import: planned against the shop: {:.2} s", started.elapsed().as_secs_f64());
        let mut preview = preview(&parsed, &plan, self.today());
        parsed.sales.check().map_err(Error::Import)?;
        if parsed.zoned_days {
            preview.time_zone = Some(self.time_zone()?.name().to_owned());
        }
        Ok(PreparedImport { parsed, plan, preview, revision })
    }

    /// Imports the file in one transaction: all of it or, on an error, a cancel or a crash,
    /// none of it. Problem rows are left out only when `allow_problems` says the owner saw
    /// them; otherwise a file with problems is refused. `progress(done, total)` returns
    /// `false` to cancel (the result is then `None`).
    pub fn import_file(
        &mut self,
        file: impl Source,
        request: &ImportRequest,
        allow_problems: bool,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Option<ImportRecord>, Error> {
        let prepared = self.prepare_import(file, request)?;
        self.import_prepared(prepared, allow_problems, progress)
    }

    /// Imports what [`Session::prepare_import`] planned. When the shop changed in between
    /// (another window or process wrote to it), the plan is made again first.
    pub fn import_prepared(
        &mut self,
        prepared: PreparedImport,
        allow_problems: bool,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Option<ImportRecord>, Error> {
        let PreparedImport { parsed, mut plan, revision, .. } = prepared;
        if !parsed.problems.is_empty() && !allow_problems {
            return Err(Error::Conflict(regulars_text::t!(
                "error.importProblems",
                count = parsed.problems.count(),
                first = parsed.problems.kept().first().map(ToString::to_string).unwrap_or_default()
            )));
        }
        let mut planned_at = revision;
        // The store compares revisions holding the write lock; another window's import in
        // between means planning again (its customers are matched then, not made twice).
        for _ in 0..MAX_REPLANS {
            let applied = self.store.apply_import(&plan.store, &mut plan.customers(&parsed), &mut plan.rows(&parsed), planned_at, progress);
            // (The store refuses a plan whose sales end early, which is how a sale set aside that
            // cannot be read back shows there: said in the words of what went wrong.)
            parsed.sales.check().map_err(Error::Import)?;
            match applied? {
                Applied::Done(record) => {
                    if record.is_some() {
                        self.store.checkpoint()?;
                    }
                    return Ok(record);
                }
                Applied::Stale => {
                    planned_at = self.store.revision()?;
                    plan = self.plan_import(&parsed, &plan.store.file_name)?;
                }
            }
        }
        Err(Error::Store(StoreError::Busy))
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>, Error> {
        Ok(self.store.imports()?)
    }

    /// Takes an import back as a whole.
    pub fn undo_import(&mut self, id: i64) -> Result<ImportRecord, Error> {
        match self.store.import_record(id)? {
            None => Err(Error::NotFound(regulars_text::t!("error.noImport", id = id.to_string()))),
            Some(record) if record.undone_at.is_some() => {
                Err(Error::Conflict(regulars_text::t!("error.importUndone", file = &record.file_name)))
            }
            Some(_) => Ok(self.store.undo_import(id)?),
        }
    }
}

fn preview(parsed: &Parsed, plan: &Planned, today: NaiveDate) -> ImportPreview {
    let first_sales = plan
        .sales(parsed)
        .take(PREVIEW_SALES)
        .map(|(_, sale, buyer)| {
            let (customer, new_customer) = match buyer {
                // (Named as they will be written: their draft was made when they were planned.)
                Buyer::New(index) => {
                    let customer = parsed.people.get(plan.new[index]);
                    (draft_of(customer).map_or_else(|_| customer.draft_name.to_owned(), |d| d.name.as_str().to_owned()), true)
                }
                Buyer::WalkIn | Buyer::Existing(_) => (parsed.customer(&sale).map(|c| c.draft_name.to_owned()).unwrap_or_default(), false),
            };
            PreviewSale {
                line: u64::from(sale.line),
                date: sale.date,
                amount_minor: sale.amount_minor,
                customer,
                new_customer,
                description: parsed.description_of(&sale).into_owned(),
            }
        })
        .collect();
    // One pass over the sales (most may be on the disk).
    let (mut revenue_minor, mut first_day, mut last_day) = (0, None::<NaiveDate>, None::<NaiveDate>);
    for (_, sale, _) in plan.sales(parsed) {
        revenue_minor += sale.amount_minor;
        first_day = Some(first_day.map_or(sale.date, |day| day.min(sale.date)));
        last_day = Some(last_day.map_or(sale.date, |day| day.max(sale.date)));
    }
    ImportPreview {
        preset: parsed.preset.name.to_owned(),
        preset_label: parsed.preset.label(),
        encoding: parsed.encoding.to_owned(),
        delimiter: char::from(parsed.delimiter),
        date_order: parsed.date_order,
        rows: parsed.rows as u64,
        sales: plan.kept.len() as u64,
        already_imported: plan.store.already_imported,
        customers_new: plan.new.len() as u64,
        customers_matched: plan.store.customers_matched,
        revenue_minor,
        first_day,
        last_day,
        first_sales,
        skipped: parsed.skipped.clone(),
        problems: parsed.problems.clone(),
        revenue_column: parsed.preset.mapping.amount.clone(),
        revenue_means: revenue_means(parsed.revenue),
        sales_stop: last_day
            .filter(|last| stops_long_before(*last, today))
            .map(|last| regulars_text::t!("import.salesStop", day = last.to_string())),
        time_zone: None,
        file_orders: parsed.file_orders,
        // The refunds of the sales to add (the plan's places are in order).
        refunded_minor: parsed.refunds.iter().filter(|&&(sale, _)| plan.kept.has(sale as usize)).map(|&(_, amount)| amount).sum(),
    }
}

/// What the file's amounts are, in words.
fn revenue_means(revenue: regulars_import::Revenue) -> String {
    use regulars_import::Revenue;
    match revenue {
        Revenue::Paid => regulars_text::t!("import.revenue.paid"),
        Revenue::WithoutTax => regulars_text::t!("import.revenue.net"),
        Revenue::WithTips => regulars_text::t!("import.revenue.collected"),
        Revenue::AsGiven => regulars_text::t!("import.revenue.asGiven"),
    }
}

#[cfg(test)]
mod tests {
    use super::keys_already_in;
    use regulars_import::ImportKey;

    /// Which of `keys` an earlier key or one of `shop` has already, with the row keys in one
    /// part and in 16: both ways give the same answer, and each of the shop's keys is asked for
    /// in one part's range at most once.
    fn already_in(keys: &[ImportKey<'_>], shop: &[&str]) -> Vec<bool> {
        let answer = |part_keys: usize| {
            let mut given = vec![0; shop.len()];
            let shop_keys = |(from, to): super::KeyRange<'_>, each: &mut dyn FnMut(&str)| {
                for (at, key) in shop.iter().enumerate() {
                    if *key >= from && to.is_none_or(|to| *key < to) {
                        given[at] += 1;
                        each(key);
                    }
                }
                Ok(())
            };
            let each_key = |wanted: &dyn Fn(usize) -> bool, each: &mut dyn FnMut(usize, ImportKey<'_>)| {
                keys.iter().enumerate().filter(|&(index, _)| wanted(index)).for_each(|(index, &key)| each(index, key));
            };
            let kept = keys_already_in(keys.len(), each_key, shop_keys, part_keys).expect("keys");
            // (A part with none of the file's keys is not asked for.)
            assert!(given.iter().all(|&n| n <= 1), "each shop key in one part at most: {given:?}");
            (0..keys.len()).map(|n| kept.has(n)).collect::<Vec<bool>>()
        };
        let in_one = answer(super::PART_KEYS);
        assert_eq!(answer(0), in_one, "in 16 parts");
        in_one
    }

    /// A set of places gives back exactly the places kept, in order, and says how many are
    /// left at every step; a place kept twice counts once; sizes around a word's 64 bits.
    #[test]
    fn kept_places_are_the_ones_kept_in_order() {
        for size in [0usize, 1, 63, 64, 65, 128, 1000] {
            for pattern in 0..6usize {
                let wanted: Vec<usize> = (0..size)
                    .filter(|&n| match pattern {
                        0 => false,
                        1 => true,
                        2 => n % 3 == 1,
                        3 => n == size - 1,
                        4 => n % 64 == 63 || n % 64 == 0,
                        _ => (n * 7919) % 11 < 4,
                    })
                    .collect();
                let mut kept = super::Kept::new(size);
                for &n in wanted.iter().chain(wanted.iter().rev()) {
                    kept.keep(n);
                }
                assert_eq!(kept.len(), wanted.len(), "size {size}, pattern {pattern}");
                let mut places = kept.iter();
                let mut given = Vec::new();
                while places.len() > 0 {
                    assert_eq!(places.len(), wanted.len() - given.len());
                    given.push(places.next().expect("as many as it says"));
                }
                assert_eq!(places.next(), None, "size {size}, pattern {pattern}: nothing after the last");
                assert_eq!(given, wanted, "size {size}, pattern {pattern}");
                assert!((0..size + 70).all(|n| kept.has(n) == wanted.contains(&n)), "size {size}, pattern {pattern}");
            }
        }
    }

    /// Each text finds where it was first given, as a map of the texts would say, and a text
    /// never given finds nothing; texts that are prefixes of others, empty, or differently
    /// cased stay apart.
    #[test]
    fn a_text_finds_where_it_was_first_given() {
        let mut found = super::Found::default();
        let mut model = std::collections::HashMap::new();
        let mut texts: Vec<String> = (0..50_000u32).map(|n| format!("{}{}", if n % 3 == 0 { "Ab" } else { "ab" }, n % 20_011)).collect();
        texts.extend([String::new(), String::new()]);
        let text = |at: u32| texts[at as usize].as_str();
        for (at, given) in texts.iter().enumerate() {
            found.add(given, at as u32, text);
            model.entry(given.clone()).or_insert(at as u32);
        }
        for key in texts.iter().map(String::as_str).chain(["ab", "ab20011", "AB1"]) {
            assert_eq!(found.get(key, text), model.get(key).copied(), "{key:?}");
        }
        assert_eq!(found.get("", text), Some(50_000));
        assert!(model.len() > 20_011 && model.len() < texts.len(), "texts repeat, and differ by case: {}", model.len());
    }

    #[test]
    fn a_sale_adds_nothing_when_an_earlier_row_or_the_shop_has_its_key() {
        let keys = ["a", "b", "a", "c", "shop:1", "d", "shop:1"].map(ImportKey::Order);
        assert_eq!(already_in(&keys, &["shop:1", "zzz", "c"]), [false, false, true, true, true, false, true]);
        assert_eq!(already_in(&keys, &[]), [false, false, true, false, false, false, true]);
    }

    /// Keys at the edges of the parts (texts just before, at and after `row:`, each hex digit
    /// and `row;`, order ids that read like row keys) are found in the file and the shop as a
    /// set of their texts would say.
    #[test]
    fn keys_at_the_edges_of_the_parts_are_found_as_a_set_would_say() {
        let one = std::num::NonZeroU32::MIN;
        let fingerprints = [0u64, 0x0fff_ffff_ffff_ffff, 0x1000_0000_0000_0000, 0x7fff_0000_0000_0001, u64::MAX];
        let mut texts: Vec<String> = [
            "",
            "row",
            "row:",
            "row:0",
            "row:1",
            "row:9",
            "row:a",
            "row:f",
            "row:g",
            "row:~",
            "row;",
            "rov",
            "ROW:1",
            "row:é",
            "shopify:#1001",
        ]
        .map(str::to_owned)
        .into();
        texts.extend(fingerprints.iter().map(|f| ImportKey::Row { fingerprint: *f, occurrence: one }.to_string()));
        let mut keys: Vec<ImportKey<'_>> = texts.iter().map(|t| ImportKey::Order(t.as_str())).collect();
        keys.extend(fingerprints.iter().map(|&fingerprint| ImportKey::Row { fingerprint, occurrence: one }));
        keys.extend(texts.iter().step_by(3).map(|t| ImportKey::Order(t.as_str())));
        let shop: Vec<&str> = texts.iter().map(String::as_str).step_by(2).chain(["row:5", "zzz", "row:ffffffffffffffff#2"]).collect();
        let mut seen = std::collections::HashSet::new();
        let expected: Vec<bool> = keys.iter().map(|k| !seen.insert(k.to_string()) || shop.contains(&k.to_string().as_str())).collect();
        assert_eq!(already_in(&keys, &shop), expected);
    }

    #[test]
    fn every_key_of_a_large_file_is_found_in_the_shop_or_not_as_a_set_would_say() {
        for n in [1usize, 2, 1023, 1024, 1025, 5000] {
            // Fingerprints and order ids that read like them, one text space: a key is its text.
            let texts: Vec<String> = (0..n).map(|i| format!("row:{:016x}#{}", (i * 7919 % 1009) as u64, (i % 3 + 1) as u32)).collect();
            let keys: Vec<ImportKey<'_>> = (0..n)
                .map(|i| {
                    let (fingerprint, occurrence) = ((i * 7919 % 1009) as u64, (i % 3 + 1) as u32);
                    if i % 2 == 0 {
                        ImportKey::Row { fingerprint, occurrence: std::num::NonZeroU32::new(occurrence).expect("not 0") }
                    } else {
                        ImportKey::Order(&texts[i])
                    }
                })
                .collect();
            let shop: Vec<String> = (0..n).filter(|i| i % 3 == 0).map(|i| format!("row:{:016x}#{}", i * 31 % 1009, i % 2 + 1)).collect();
            let shop_refs: Vec<&str> = shop.iter().map(String::as_str).collect();
            let already = already_in(&keys, &shop_refs);
            let mut seen = std::collections::HashSet::new();
            let expected: Vec<bool> = keys
                .iter()
                .map(|k| {
                    let text = k.to_string();
                    !seen.insert(text.clone()) || shop.contains(&text)
                })
                .collect();
            assert!(expected.iter().any(|&a| a) || n < 3, "the shop and the file share keys");
            assert_eq!(already, expected, "{n} sales");
            // Into a shop without keys: only the repeats.
            let mut seen = std::collections::HashSet::new();
            let repeats: Vec<bool> = keys.iter().map(|k| !seen.insert(k.to_string())).collect();
            assert!(repeats.iter().any(|&a| a) || n <= 3027, "the file repeats keys");
            assert_eq!(already_in(&keys, &[]), repeats, "{n} sales into a shop without keys");
        }
    }

    /// Each customer gives back who they were said to be, a new customer by their place and one
    /// of the shop's by their id, whatever the others are; one not said yet is no one, and a
    /// walk-in is not kept.
    #[test]
    fn each_customer_is_who_they_were_said_to_be() {
        use super::{Buyer, Buyers};
        use regulars_domain::CustomerId;
        let said = |n: u32| match n % 4 {
            0 => None,
            1 => Some(Buyer::New(n as usize * 3)),
            2 => Some(Buyer::Existing(CustomerId(i64::from(n) * 1_000_000_007))),
            _ => Some(Buyer::WalkIn),
        };
        let mut buyers = Buyers::new(1000);
        for n in (0..1000).rev() {
            if let Some(buyer) = said(n) {
                buyers.set(n, buyer);
            }
        }
        buyers.set(999, Buyer::New(0));
        for n in 0..999 {
            let expected = said(n).filter(|buyer| *buyer != Buyer::WalkIn);
            assert_eq!(buyers.get(n), expected, "customer {n}");
        }
        assert_eq!(buyers.get(999), Some(Buyer::New(0)), "the first new customer is someone");
    }

    /// A file of more order ids than a part holds splits them into 16 parts of about as many
    /// (from a sample of their texts), and finds them in the file and the shop as a set would
    /// say; fewer stay one part.
    #[test]
    fn many_order_ids_are_split_into_parts_of_about_as_many() {
        let texts: Vec<String> = (0..20_000u32).map(|n| format!("shopify:#{}", n.wrapping_mul(2_654_435_761) % 1_000_003)).collect();
        let keys: Vec<ImportKey<'_>> = texts.iter().map(|t| ImportKey::Order(t.as_str())).chain([ImportKey::Order(&texts[7])]).collect();
        let starts = super::order_starts(|each| keys.iter().for_each(|&key| each(key)), keys.len(), 1_000);
        assert_eq!(starts.len(), super::ORDER_PARTS - 1, "{starts:?}");
        let parts = super::KeyParts::new(true, starts);
        let mut sizes = vec![0usize; parts.len()];
        for &key in &keys {
            sizes[usize::from(parts.of(key))] += 1;
        }
        let fair = keys.len() / super::ORDER_PARTS;
        assert!(sizes[16..].iter().all(|&size| size > fair / 2 && size < fair * 2), "{sizes:?}");
        assert!(
            super::order_starts(|each| keys.iter().for_each(|&key| each(key)), keys.len(), keys.len()).is_empty(),
            "few enough: one part"
        );
        let shop: Vec<&str> = texts.iter().step_by(3).map(String::as_str).chain(["shopify:#zzz", "row:1"]).collect();
        let mut seen = std::collections::HashSet::new();
        let expected: Vec<bool> = keys.iter().map(|k| !seen.insert(k.to_string()) || shop.contains(&k.to_string().as_str())).collect();
        assert_eq!(already_in(&keys, &shop), expected);
    }
}
