//! Writing an import: all of it in one transaction, or none of it. The caller plans (which
//! customers are new, which sales are already in); this writes the plan, records the import,
//! and can undo it as a whole.

use std::fmt::Write as _;

use chrono::NaiveDate;
use regulars_domain::{Channel, CustomerDraft, CustomerId, FieldError, ImportKey};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};

use crate::lookup::{CustomerLookup, phone_match_key};
use crate::{Revision, Store, StoreError, rhythm};

/// What [`Store::apply_import`] did.
#[derive(Debug)]
pub enum Applied {
    /// Written (`Some`), or cancelled with nothing written (`None`).
    Done(Option<ImportRecord>),
    /// Another connection wrote since the plan was made; nothing was written.
    Stale,
}

/// Who a planned sale belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Buyer {
    WalkIn,
    Existing(CustomerId),
    /// A place among the import's [`NewCustomers`].
    New(usize),
}

/// A new customer to write: as the owner would have typed them in the form, and the export's
/// id for them. Made as they are written, from whatever the caller keeps: a plan holding every
/// new customer's draft until the write ended took 170 MB for a million of them (`heaptrack`).
#[derive(Debug, Clone)]
pub struct PlannedCustomer<'a> {
    pub draft: CustomerDraft,
    pub external_id: Option<&'a str>,
}

/// An import's new customers, in their order ([`Buyer::New`] is a place in it), each made as
/// it is written; one whose details no longer make a customer fails the import.
pub type NewCustomers<'r, 'a> = dyn ExactSizeIterator<Item = Result<PlannedCustomer<'a>, FieldError>> + 'r;

/// One sale to write, borrowed from wherever the caller keeps the file's sales (a plan holds
/// no copy of them).
#[derive(Debug, Clone, Copy)]
pub struct PlannedSale<'a> {
    pub buyer: Buyer,
    pub date: NaiveDate,
    pub amount_minor: i64,
    pub description: &'a str,
    /// The sale's import key (a row's fingerprint has no text of its own until it is
    /// stored).
    pub key: ImportKey<'a>,
}

/// The sales an import writes, given one at a time, in order: each may be read into its giver
/// (from a file set aside on the disk) and lent for as long as it is written.
pub trait PlannedSales {
    /// How many there are.
    fn count(&self) -> usize;

    /// Gives each to `each`, in order, until it answers `false` or fails (its error). Gives
    /// fewer than [`PlannedSales::count`] when they could not all be read; the store notices.
    fn each(&mut self, each: &mut dyn FnMut(PlannedSale<'_>) -> Result<bool, StoreError>) -> Result<(), StoreError>;
}

impl<'a, I: ExactSizeIterator<Item = PlannedSale<'a>>> PlannedSales for I {
    fn count(&self) -> usize {
        self.len()
    }

    fn each(&mut self, each: &mut dyn FnMut(PlannedSale<'_>) -> Result<bool, StoreError>) -> Result<(), StoreError> {
        for sale in self {
            if !each(sale)? {
                break;
            }
        }
        Ok(())
    }
}

/// Everything an import will write but its new customers and its sales, which come to
/// [`Store::apply_import`] one at a time; and the counts its record keeps.
#[derive(Debug, Clone, Default)]
pub struct ImportPlan {
    pub file_name: String,
    pub preset: String,
    pub channel: Channel,
    pub rows: u64,
    pub skipped: u64,
    pub problems: u64,
    pub already_imported: u64,
    pub customers_matched: u64,
    /// External ids newly seen for customers matched another way.
    pub new_external_ids: Vec<(String, CustomerId)>,
}

/// An import as recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRecord {
    pub id: i64,
    pub file_name: String,
    pub preset: String,
    pub imported_at: String,
    pub rows: i64,
    pub sales: i64,
    pub already_imported: i64,
    pub skipped: i64,
    pub problems: i64,
    pub customers_new: i64,
    pub customers_matched: i64,
    pub revenue_minor: i64,
    pub first_day: Option<NaiveDate>,
    pub last_day: Option<NaiveDate>,
    pub undone_at: Option<String>,
}

/// The page cache during an import that keeps the sale indexes up row by row, in KiB: the
/// inserts touch pages all over them. An import that builds them again afterwards keeps the
/// connection's own small cache, with which SQLite's sorter is faster (measured: building the
/// four indexes of 1M sales took 1.7 s with 2 MB and 3.7 s with 256 MB).
const IMPORT_CACHE_KIB: i64 = 64 * 1024;

/// Threads SQLite's sorter may use to build the indexes again.
const SORTER_THREADS: i64 = 4;

/// From this many sales, an import drops the sale indexes and builds them again at the end.
const REBUILD_INDEXES_FROM: usize = 50_000;

/// Rows between progress reports (and chances to cancel).
const PROGRESS_EVERY: usize = 10_000;

fn record_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ImportRecord> {
    Ok(ImportRecord {
        id: row.get(0)?,
        file_name: row.get(1)?,
        preset: row.get(2)?,
        imported_at: row.get(3)?,
        rows: row.get(4)?,
        sales: row.get(5)?,
        already_imported: row.get(6)?,
        skipped: row.get(7)?,
        problems: row.get(8)?,
        customers_new: row.get(9)?,
        customers_matched: row.get(10)?,
        revenue_minor: row.get(11)?,
        first_day: row.get(12)?,
        last_day: row.get(13)?,
        undone_at: row.get(14)?,
    })
}

const RECORD_COLUMNS: &str = "id, file_name, preset, imported_at, rows, sales, already_imported, skipped, problems, customers_new, \
     customers_matched, revenue_minor, first_day, last_day, undone_at";

/// The sales an import wrote: how many, their revenue, first and last day, and the customers
/// they belong to.
#[derive(Default)]
struct Written {
    sales: u64,
    revenue: i64,
    first: Option<NaiveDate>,
    last: Option<NaiveDate>,
    touched: Touched,
}

/// The customers whose sales an import wrote, each once: a bit an id (the shop's ids are
/// rowids, one after another from 1), the rare id past [`Touched::BITS`] in a list. A list of
/// every written sale's customer, sorted and deduplicated at the end, took eight bytes a sale:
/// 80 MB at 10M rows, the top of that import's peak.
#[derive(Default)]
struct Touched {
    bits: Vec<u64>,
    others: Vec<CustomerId>,
}

impl Touched {
    /// Ids below this have a bit (16 MB of bits at most).
    const BITS: i64 = 1 << 27;

    fn add(&mut self, id: CustomerId) {
        match usize::try_from(id.0) {
            Ok(bit) if id.0 < Touched::BITS => {
                let word = bit / 64;
                if word >= self.bits.len() {
                    self.bits.resize(word + 1, 0);
                }
                self.bits[word] |= 1 << (bit % 64);
            }
            _ => self.others.push(id),
        }
    }

    /// Each customer once, in the order of their ids.
    fn into_sorted(self) -> Vec<CustomerId> {
        let mut ids: Vec<CustomerId> = Vec::with_capacity(self.bits.iter().map(|word| word.count_ones() as usize).sum());
        for (at, &word) in self.bits.iter().enumerate() {
            let mut left = word;
            while left != 0 {
                ids.push(CustomerId((at * 64) as i64 + i64::from(left.trailing_zeros())));
                left &= left - 1;
            }
        }
        ids.extend(self.others);
        // The bits' ids come sorted; the few others go into place.
        ids.sort_unstable();
        ids.dedup();
        ids
    }
}

/// Logs how long each step of writing an import took (`regulars-cli import --timings` prints
/// them; the app's log keeps them).
struct Steps(std::time::Instant);

impl Steps {
    fn start() -> Steps {
        Steps(std::time::Instant::now())
    }

    fn done(&mut self, step: &str) {
        log::info!("import: {step}: {:.2} s", self.0.elapsed().as_secs_f64());
        self.0 = std::time::Instant::now();
    }
}

/// Starts the load (`bulk_load` makes the figure triggers wait) and records the import; its id.
fn record_import(tx: &Transaction<'_>, plan: &ImportPlan, new_customers: usize, now: &str) -> Result<i64, StoreError> {
    tx.execute("INSERT INTO bulk_load (since) VALUES (?1)", [now])?;
    tx.execute(
        "INSERT INTO import (file_name, preset, imported_at, rows, sales, already_imported, skipped, problems, customers_new,
                             customers_matched, revenue_minor) VALUES (?1, ?2, ?3, ?4, 0, ?5, ?6, ?7, ?8, ?9, 0)",
        (
            &plan.file_name,
            &plan.preset,
            now,
            plan.rows as i64,
            plan.already_imported as i64,
            plan.skipped as i64,
            plan.problems as i64,
            new_customers as i64,
            plan.customers_matched as i64,
        ),
    )?;
    Ok(tx.last_insert_rowid())
}

/// How a load writes: row by row into the indexes, or with indexes built again at the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Load {
    /// Every index kept up row by row.
    Rows,
    /// The sale indexes (and the sale and customer triggers) built again after the sales.
    Sales,
    /// The customer indexes too, after the customers' figures are written: most of the shop's
    /// customers are the import's.
    SalesAndCustomers,
}

impl Load {
    /// Building an index sorts every row of its table, not just the new ones: worth it only
    /// for a big import at least as big as what is there already.
    fn choose(sales: usize, sales_in_shop: i64, new_customers: usize, customers_in_shop: i64) -> Load {
        if sales < REBUILD_INDEXES_FROM || (sales as i64) < sales_in_shop {
            Load::Rows
        } else if new_customers as i64 >= customers_in_shop {
            Load::SalesAndCustomers
        } else {
            Load::Sales
        }
    }
}

/// What a bulk load set aside, to create again: the sale table's indexes and the triggers,
/// once the sales are in; the customer table's indexes, once the customers' figures are.
#[derive(Debug, Default)]
struct SetAside {
    /// The sale indexes and the triggers, in that order.
    sales: Vec<String>,
    /// How many of `sales` are indexes.
    sale_indexes: usize,
    customers: Vec<String>,
}

/// A bulk load drops the sale indexes and builds them again at the end; their definitions are
/// read from the file, so they come back exactly as the migrations made them, and it all
/// happens inside the transaction. The triggers on the sale and customer tables go for the
/// load as well (they wait during `bulk_load`, but each row would still run their check and a
/// statement journal) and come back with the indexes. When the import brings most of the
/// shop's customers, the customer indexes go too: each new customer would go into four
/// indexes at places all over them, and each customer's figures move two of them again (a
/// million customers: 22 s to insert, 22 s to refresh, the cache spilling again and again).
fn set_aside_for_load(tx: &Transaction<'_>, load: Load) -> Result<SetAside, StoreError> {
    if load == Load::Rows {
        // Without the rebuild the inserts touch pages all over the sale indexes; with the
        // default 2 MB cache most of them would be written to the log again and again.
        tx.pragma_update(None, "cache_size", -IMPORT_CACHE_KIB)?;
        return Ok(SetAside::default());
    }
    let dropped: Vec<(String, String, String, String)> = tx
        .prepare(
            "SELECT type, name, sql, tbl_name FROM sqlite_master WHERE sql IS NOT NULL
             AND (type IN ('index', 'trigger') AND tbl_name = 'sale' OR type = 'trigger' AND tbl_name = 'customer'
                  OR type = 'index' AND tbl_name = 'customer' AND ?1)",
        )?
        .query_map([load == Load::SalesAndCustomers], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut set_aside = SetAside::default();
    for (kind, name, sql, table) in dropped {
        tx.execute_batch(&format!("DROP {} \"{name}\"", if kind == "index" { "INDEX" } else { "TRIGGER" }))?;
        match (kind.as_str(), table.as_str()) {
            ("index", "customer") => set_aside.customers.push(sql),
            ("index", _) => {
                set_aside.sales.insert(set_aside.sale_indexes, sql);
                set_aside.sale_indexes += 1;
            }
            _ => set_aside.sales.push(sql),
        }
    }
    tx.pragma_update(None, "threads", SORTER_THREADS)?;
    Ok(set_aside)
}

/// Writes the plan's new customers (with their tags and external ids, and the external ids
/// found for existing customers) and adds them to the search index in one go (its trigger
/// waits while `bulk_load` is set). Their ids, in the plan's order.
fn insert_customers(
    tx: &Transaction<'_>,
    plan: &ImportPlan,
    customers: &mut NewCustomers<'_, '_>,
    now: &str,
    import_id: i64,
) -> Result<Vec<CustomerId>, StoreError> {
    let mut new_ids = Vec::with_capacity(customers.len());
    // Their external ids go in in their order, once every customer is in: the table is kept in
    // it, and ids in the file's order land all over it (a million customers: 6 s more, the
    // cache spilling). SQLite's sorter puts them in order, in a temporary file, from a
    // temporary table they are written to as they come: kept in a list to sort, a million took
    // 30 MB more, the top of that import's peak.
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.import_external_id;
         CREATE TEMP TABLE import_external_id (external_id TEXT NOT NULL, customer_id INTEGER NOT NULL);",
    )?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO customer (name, email, phone, phone_digits, notes, created_at, updated_at, import_id)
         VALUES (?1, ?2, ?3, ?4, ?7, ?5, ?5, ?6)",
    )?;
    let mut external = tx.prepare_cached("INSERT INTO temp.import_external_id (external_id, customer_id) VALUES (?1, ?2)")?;
    let mut tag_insert = tx.prepare_cached("INSERT OR IGNORE INTO customer_tag (customer_id, tag) VALUES (?1, ?2)")?;
    for customer in customers {
        let PlannedCustomer { draft, external_id } = customer?;
        insert.execute((
            draft.name.as_str(),
            draft.email.as_ref().map(|e| e.as_str()),
            draft.phone.as_ref().map(|p| p.as_str()),
            draft.phone.as_ref().map(|p| p.digits()),
            now,
            import_id,
            &draft.notes,
        ))?;
        let id = CustomerId(tx.last_insert_rowid());
        for tag in &draft.tags {
            tag_insert.execute((id, tag.as_str()))?;
        }
        new_ids.push(id);
        if let Some(external_id) = external_id {
            external.execute((external_id, id))?;
        }
    }
    for (external_id, id) in &plan.new_external_ids {
        external.execute((external_id, id))?;
    }
    // Where an id comes twice the first stays: the new customers' in the file's order, then
    // those found for the shop's customers.
    tx.execute_batch(
        "INSERT OR IGNORE INTO customer_external_id (external_id, customer_id)
           SELECT external_id, customer_id FROM temp.import_external_id ORDER BY external_id, rowid;
         DROP TABLE temp.import_external_id;",
    )?;
    tx.execute(
        "INSERT INTO customer_search (rowid, name, email, phone_digits)
         SELECT id, name, email, phone_digits FROM customer WHERE import_id = ?1",
        [import_id],
    )?;
    Ok(new_ids)
}

/// Writes the sales (a key already in the shop is ignored), reporting progress every few
/// thousand; `None` when `progress` said to stop.
fn insert_sales(
    tx: &Transaction<'_>,
    plan: &ImportPlan,
    sales: &mut dyn PlannedSales,
    new_ids: &[CustomerId],
    now: &str,
    import_id: i64,
    progress: &mut dyn FnMut(u64, u64) -> bool,
) -> Result<Option<Written>, StoreError> {
    let total = sales.count() as u64;
    let mut written = Written::default();
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO sale (customer_id, sold_on, amount_minor, description, channel, note, created_at, updated_at, import_id, import_key)
         VALUES (?1, ?2, ?3, ?4, ?5, '', ?6, ?6, ?7, ?8)",
    )?;
    // What every sale of the import shares is bound once; SQLite keeps a statement's values
    // between runs. (Binding all eight for each sale, with each day written out by chrono's
    // formatter, was a fifth of the inserts' time.)
    insert.raw_bind_parameter(5, plan.channel.key())?;
    insert.raw_bind_parameter(6, now)?;
    insert.raw_bind_parameter(7, import_id)?;
    let (mut key_text, mut day) = (String::new(), String::new());
    let mut given = 0u64;
    let mut stopped = false;
    sales.each(&mut |sale| {
        if given.is_multiple_of(PROGRESS_EVERY as u64) && !progress(given, total) {
            stopped = true;
            return Ok(false);
        }
        given += 1;
        let customer = match sale.buyer {
            Buyer::WalkIn => None,
            Buyer::Existing(id) => Some(id),
            Buyer::New(index) => new_ids.get(index).copied(),
        };
        let key = sale.key.text(&mut key_text);
        iso_day(sale.date, &mut day);
        insert.raw_bind_parameter(1, customer)?;
        insert.raw_bind_parameter(2, day.as_str())?;
        insert.raw_bind_parameter(3, sale.amount_minor)?;
        insert.raw_bind_parameter(4, sale.description)?;
        insert.raw_bind_parameter(8, key)?;
        let changed = insert.raw_execute()?;
        if changed == 1 {
            written.sales += 1;
            written.revenue += sale.amount_minor;
            written.first = Some(written.first.map_or(sale.date, |f| f.min(sale.date)));
            written.last = Some(written.last.map_or(sale.date, |l| l.max(sale.date)));
            if let Some(id) = customer {
                written.touched.add(id);
            }
        }
        Ok(true)
    })?;
    if stopped {
        return Ok(None);
    }
    if given != total {
        // Sales the plan had and could not give (read back from the disk): nothing is written.
        return Err(StoreError::Io(regulars_text::t!("store.salesEndedEarly", given = given.to_string(), total = total.to_string())));
    }
    Ok(Some(written))
}

/// `date` as `YYYY-MM-DD` in `out`, the text rusqlite stores a day as, written digit by digit
/// (chrono's formatter reads its format string for every day).
fn iso_day(date: NaiveDate, out: &mut String) {
    use chrono::Datelike as _;
    out.clear();
    let (year, month, day) = (date.year(), date.month(), date.day());
    if !(0..=9999).contains(&year) {
        let _ = write!(out, "{}", date.format("%F"));
        return;
    }
    let digit = |n: u32| char::from(b'0' + (n % 10) as u8);
    let year = year.unsigned_abs();
    out.extend([digit(year / 1000), digit(year / 100), digit(year / 10), digit(year), '-']);
    out.extend([digit(month / 10), digit(month), '-', digit(day / 10), digit(day)]);
}

/// Fails when a customer a sale points at is not in the shop (foreign keys were off).
fn customers_exist(tx: &Transaction<'_>, customers: &[CustomerId]) -> Result<(), StoreError> {
    let mut exists = tx.prepare_cached("SELECT 1 FROM customer WHERE id = ?1")?;
    for id in customers {
        if !exists.exists([id])? {
            return Err(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_CONSTRAINT_FOREIGNKEY),
                Some(format!("an imported sale points at customer {}, who is not in the shop", id.0)),
            )
            .into());
        }
    }
    Ok(())
}

/// Recomputes the purchase statistics and rhythm of `customers` (after a bulk write): for
/// each, one read of their purchase days and amounts, in day order from the covering index
/// `sale_history`, and one update (it was three statements a customer: 1.3 s for the 100k
/// customers of a 1M-row import).
fn refresh_customers(tx: &Transaction<'_>, customers: &[CustomerId]) -> Result<(), StoreError> {
    let mut sales_of =
        tx.prepare_cached("SELECT sold_on, amount_minor FROM sale WHERE customer_id = ?1 AND deleted_at IS NULL ORDER BY sold_on")?;
    let mut update = tx.prepare_cached(
        "UPDATE customer SET sale_count = ?2, purchase_days = ?3, lifetime_minor = ?4, first_purchase_on = ?5,
                             last_purchase_on = ?6, usual_gap_days = ?7, second_purchase_on = ?8 WHERE id = ?1",
    )?;
    let mut days: Vec<NaiveDate> = Vec::new();
    for id in customers {
        days.clear();
        let (mut count, mut lifetime) = (0i64, 0i64);
        let mut rows = sales_of.query([id])?;
        while let Some(row) = rows.next()? {
            let day: NaiveDate = row.get(0)?;
            count += 1;
            lifetime = lifetime.saturating_add(row.get(1)?);
            if days.last() != Some(&day) {
                days.push(day);
            }
        }
        let (usual_gap, second) = rhythm::of_days(&days);
        update.execute((id, count, days.len() as i64, lifetime, days.first(), days.last(), usual_gap, second))?;
    }
    Ok(())
}

impl Store {
    pub fn customer_lookup(&self) -> Result<CustomerLookup, StoreError> {
        let mut lookup = CustomerLookup::default();
        // A customer merged into another is found as the one they were merged into.
        let merged = self.merged_into()?;
        let mut statement = self.conn.prepare("SELECT id, name, email, phone_digits FROM customer ORDER BY id")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let own = CustomerId(row.get(0)?);
            let id = merged.get(&own).copied().unwrap_or(own);
            // Read as the row's own text, not copied out (the first, oldest customer wins a tie).
            let text = |at: usize| row.get_ref(at).and_then(|value| value.as_str_or_null().map_err(rusqlite::Error::from));
            let phone = text(3)?.filter(|d| !d.is_empty()).map(phone_match_key);
            lookup.add_customer(own, id, text(1)?.unwrap_or(""), text(2)?, phone)?;
        }
        let mut statement = self.conn.prepare("SELECT external_id, customer_id FROM customer_external_id")?;
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            let own = CustomerId(row.get(1)?);
            let id = merged.get(&own).copied().unwrap_or(own);
            lookup.add_external_id(row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?, id)?;
        }
        lookup.finish();
        Ok(lookup)
    }

    /// Calls `each` with every sale key ever imported (deleted sales included: a sale the
    /// owner deleted does not come back with the next import of the same file) from `from` on
    /// and before `to` (`None`: to the last), in the order of their texts, from the unique index
    /// on them, without holding them all.
    pub fn each_import_key_between(&self, from: &str, to: Option<&str>, mut each: impl FnMut(&str)) -> Result<(), StoreError> {
        let mut statement = match to {
            Some(_) => {
                self.conn.prepare_cached("SELECT import_key FROM sale WHERE import_key >= ?1 AND import_key < ?2 ORDER BY import_key")?
            }
            None => self.conn.prepare_cached("SELECT import_key FROM sale WHERE import_key >= ?1 ORDER BY import_key")?,
        };
        statement.raw_bind_parameter(1, from)?;
        if let Some(to) = to {
            statement.raw_bind_parameter(2, to)?;
        }
        let mut rows = statement.raw_query();
        while let Some(row) = rows.next()? {
            each(row.get_ref(0)?.as_str().map_err(rusqlite::Error::from)?);
        }
        Ok(())
    }

    /// Writes `plan` and `sales` in one transaction. `progress(done, total)` is called every few thousand
    /// sales; when it returns `false` the import is cancelled, nothing is written, and the
    /// result is `Applied::Done(None)`.
    ///
    /// The plan was made from the shop at `planned_at`. The transaction takes the write lock
    /// first and then compares: when another connection wrote in between (a second import of
    /// the same file in another window), nothing is written and the answer is
    /// `Applied::Stale`, so the caller plans again instead of creating every new customer twice.
    pub fn apply_import(
        &mut self,
        plan: &ImportPlan,
        customers: &mut NewCustomers<'_, '_>,
        sales: &mut dyn PlannedSales,
        planned_at: Revision,
        progress: &mut dyn FnMut(u64, u64) -> bool,
    ) -> Result<Applied, StoreError> {
        let cache: i64 = self.conn.pragma_query_value(None, "cache_size", |row| row.get(0))?;
        let threads: i64 = self.conn.pragma_query_value(None, "threads", |row| row.get(0))?;
        // A big import is faster with the indexes built once afterwards than kept up row by
        // row. (Read before the transaction: it only chooses the faster way.)
        let (sales_in_shop, customers_in_shop): (i64, i64) = self.conn.query_row(
            "SELECT (SELECT coalesce(max(id), 0) FROM sale), (SELECT coalesce(max(id), 0) FROM customer)",
            [],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let load = Load::choose(sales.count(), sales_in_shop, customers.len(), customers_in_shop);
        let bulk = load != Load::Rows;
        // A bulk load checks its foreign keys itself, once per customer rather than once per
        // sale (SQLite's check doubled the time of the inserts); the pragma only changes
        // outside a transaction.
        let temp_store: i64 = self.conn.pragma_query_value(None, "temp_store", |row| row.get(0))?;
        if bulk {
            self.conn.pragma_update(None, "foreign_keys", false)?;
            // The sorter that builds the indexes again spills to temporary files, which the
            // connection's in-memory setting makes slow: 1.6 s against 4.0 s for the four
            // indexes of 1M sales (the OS's temporary folder holds them meanwhile).
            self.conn.pragma_update(None, "temp_store", "FILE")?;
        }
        let result = self.apply_import_in(plan, customers, sales, planned_at, progress, load);
        if bulk {
            self.conn.pragma_update(None, "foreign_keys", true)?;
            self.conn.pragma_update(None, "temp_store", temp_store)?;
        }
        self.conn.pragma_update(None, "cache_size", cache)?;
        self.conn.pragma_update(None, "threads", threads)?;
        result
    }

    fn apply_import_in(
        &mut self,
        plan: &ImportPlan,
        customers: &mut NewCustomers<'_, '_>,
        sales: &mut dyn PlannedSales,
        planned_at: Revision,
        progress: &mut dyn FnMut(u64, u64) -> bool,
        load: Load,
    ) -> Result<Applied, StoreError> {
        let now = &Store::now();
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        if crate::history::revision_of(&tx)? != planned_at {
            return Ok(Applied::Stale);
        }
        let mut steps = Steps::start();
        let import_id = record_import(&tx, plan, customers.len(), now)?;
        let set_aside = set_aside_for_load(&tx, load)?;
        let new_ids = insert_customers(&tx, plan, customers, now, import_id)?;
        steps.done(&format!("{} new customers written ({load:?} load)", new_ids.len()));
        let total = sales.count() as u64;
        // Dropping the transaction on a cancel rolls everything back.
        let Some(mut written) = insert_sales(&tx, plan, sales, &new_ids, now, import_id, progress)? else {
            return Ok(Applied::Done(None));
        };
        if !progress(total, total) {
            return Ok(Applied::Done(None));
        }
        steps.done(&format!("{} sales written", written.sales));
        let touched = std::mem::take(&mut written.touched).into_sorted();
        for sql in &set_aside.sales {
            // A duplicate key fails the unique index here, and the whole import with it.
            tx.execute_batch(sql)?;
        }
        steps.done(&format!("{} sale indexes built again", set_aside.sale_indexes));
        if load != Load::Rows {
            // Foreign keys were off for the load: every customer a sale points at must exist
            // (the plan's customers were read at the revision checked above, or made here).
            customers_exist(&tx, &touched)?;
        }
        refresh_customers(&tx, &touched)?;
        steps.done(&format!("figures of {} customers", touched.len()));
        for sql in &set_aside.customers {
            tx.execute_batch(sql)?;
        }
        steps.done(&format!("{} customer indexes built again", set_aside.customers.len()));
        tx.execute(
            "UPDATE import SET sales = ?2, already_imported = already_imported + ?3, revenue_minor = ?4, first_day = ?5, last_day = ?6 WHERE id = ?1",
            (import_id, written.sales as i64, (total - written.sales) as i64, written.revenue, written.first, written.last),
        )?;
        tx.execute("DELETE FROM bulk_load", [])?;
        let record = tx.query_row(&format!("SELECT {RECORD_COLUMNS} FROM import WHERE id = ?1"), [import_id], record_from_row)?;
        tx.commit()?;
        steps.done("committed");
        Ok(Applied::Done(Some(record)))
    }

    /// Every import, newest first.
    pub fn imports(&self) -> Result<Vec<ImportRecord>, StoreError> {
        let mut statement = self.conn.prepare(&format!("SELECT {RECORD_COLUMNS} FROM import ORDER BY id DESC"))?;
        let records = statement.query_map([], record_from_row)?.collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(records)
    }

    pub fn import_record(&self, id: i64) -> Result<Option<ImportRecord>, StoreError> {
        Ok(self.conn.query_row(&format!("SELECT {RECORD_COLUMNS} FROM import WHERE id = ?1"), [id], record_from_row).optional()?)
    }

    /// Takes an import back as a whole: its sales go, and so do the customers it created who
    /// have nothing else (no other sale, contact or reminder). One transaction.
    pub fn undo_import(&mut self, id: i64) -> Result<ImportRecord, StoreError> {
        let now = Store::now();
        let tx = self.conn.transaction()?;
        tx.execute("INSERT INTO bulk_load (since) VALUES (?1)", [&now])?;
        let touched: Vec<CustomerId> = tx
            .prepare("SELECT DISTINCT customer_id FROM sale WHERE import_id = ?1 AND customer_id IS NOT NULL ORDER BY customer_id")?
            .query_map([id], |row| Ok(CustomerId(row.get(0)?)))?
            .collect::<rusqlite::Result<_>>()?;
        tx.execute("DELETE FROM sale WHERE import_id = ?1", [id])?;
        tx.execute("UPDATE import SET undone_at = ?2 WHERE id = ?1", (id, &now))?;
        // The customers this import made, and those an import undone earlier made but could
        // not take back then (another import had sold to them since), go once nothing of
        // theirs is left: undoing every import leaves the customers as they were. A customer in
        // a merge stays, so that the merge can still be split.
        tx.execute(
            "DELETE FROM customer WHERE import_id IN (SELECT id FROM import WHERE undone_at IS NOT NULL)
               AND NOT EXISTS (SELECT 1 FROM sale WHERE customer_id = customer.id)
               AND NOT EXISTS (SELECT 1 FROM contact WHERE customer_id = customer.id)
               AND NOT EXISTS (SELECT 1 FROM manual_reminder WHERE customer_id = customer.id)
               AND NOT EXISTS (SELECT 1 FROM customer_merge WHERE customer.id IN (kept_id, merged_id))",
            [],
        )?;
        let remaining: Vec<CustomerId> = {
            let mut exists = tx.prepare_cached("SELECT 1 FROM customer WHERE id = ?1")?;
            touched.into_iter().filter(|c| exists.exists([c]).unwrap_or(false)).collect()
        };
        refresh_customers(&tx, &remaining)?;
        tx.execute("DELETE FROM bulk_load", [])?;
        let record = tx.query_row(&format!("SELECT {RECORD_COLUMNS} FROM import WHERE id = ?1"), [id], record_from_row)?;
        tx.commit()?;
        Ok(record)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The customers of an import's sales come back each once and in order, as sorting and
    /// deduplicating every sale's customer would give them, whether their ids have a bit or not.
    #[test]
    fn each_touched_customer_comes_back_once_in_order() {
        let mut ids: Vec<i64> = (0..5_000i64).map(|n| (n * 7919) % 3_001 + 1).collect();
        ids.extend([0, 63, 64, 65, 127, 128, Touched::BITS - 1, Touched::BITS, Touched::BITS + 5, i64::MAX, -1, -64, 1, 3_001]);
        ids.extend([Touched::BITS, -1, 63]);
        let mut touched = Touched::default();
        for &id in &ids {
            touched.add(CustomerId(id));
        }
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(touched.into_sorted(), ids.into_iter().map(CustomerId).collect::<Vec<_>>());
        assert!(Touched::default().into_sorted().is_empty());
    }

    /// The import writes a day exactly as rusqlite writes it everywhere else, whatever the year.
    #[test]
    fn a_day_is_written_as_rusqlite_writes_it() {
        let mut text = String::new();
        for (y, m, d) in [(1970, 1, 1), (2026, 12, 31), (999, 2, 3), (9999, 12, 31), (10_000, 1, 1), (-5, 6, 7), (0, 1, 1)] {
            let day = NaiveDate::from_ymd_opt(y, m, d).expect("a day");
            iso_day(day, &mut text);
            let stored: String = rusqlite::types::ToSql::to_sql(&day)
                .map(|out| match out {
                    rusqlite::types::ToSqlOutput::Owned(rusqlite::types::Value::Text(text)) => text,
                    other => panic!("{other:?}"),
                })
                .expect("to sql");
            assert_eq!(text, stored, "{day}");
        }
    }

    /// Whichever way a load writes (row by row, the sale indexes built again, the customer
    /// indexes too), the shop ends with the schema it had, every index agreeing with its table,
    /// each new customer's figures and external ids as planned, and of an external id planned
    /// twice, the first.
    #[test]
    fn every_way_of_loading_leaves_the_schema_and_its_indexes_whole() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
        let schema = |store: &Store| -> Vec<(String, String, String)> {
            store
                .conn
                .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master ORDER BY name")
                .and_then(|mut s| s.query_map([], |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)))?.collect())
                .expect("schema")
        };
        let before = schema(&store);
        let day = NaiveDate::from_ymd_opt(2026, 1, 2).expect("day");
        let rounds =
            [(10, 3, Load::Rows), (REBUILD_INDEXES_FROM + 10, 5, Load::SalesAndCustomers), (2 * REBUILD_INDEXES_FROM + 40, 1, Load::Sales)];
        for (round, (size, customers, load)) in rounds.into_iter().enumerate() {
            let (sales_in_shop, customers_in_shop): (i64, i64) = store
                .conn
                .query_row("SELECT (SELECT count(*) FROM sale), (SELECT count(*) FROM customer)", [], |row| Ok((row.get(0)?, row.get(1)?)))
                .expect("counts");
            assert_eq!(Load::choose(size, sales_in_shop, customers, customers_in_shop), load, "round {round}");
            let external_ids: Vec<String> = (0..customers).map(|i| format!("t:{round}:{i}")).collect();
            let new_customers: Vec<PlannedCustomer<'_>> = external_ids
                .iter()
                .enumerate()
                .map(|(i, external_id)| PlannedCustomer {
                    draft: CustomerDraft::parse(&format!("R{round} C{i}"), "", "", "", &[]).expect("draft"),
                    external_id: Some(external_id),
                })
                .collect();
            // The new customer's id again for someone in the shop (it stays the new one's), and
            // an id of their own.
            let new_external_ids = match round {
                0 => Vec::new(),
                _ => vec![(format!("t:{round}:0"), CustomerId(1)), (format!("t:x{round}"), CustomerId(1))],
            };
            let plan = ImportPlan { file_name: "t.csv".into(), preset: "plain".into(), new_external_ids, ..ImportPlan::default() };
            let keys: Vec<String> = (0..size).map(|n| format!("r{round}:{n}")).collect();
            let buyer = |n: usize| if n.is_multiple_of(2) { Buyer::WalkIn } else { Buyer::New(n / 2 % customers) };
            let sales: Vec<PlannedSale<'_>> = keys
                .iter()
                .enumerate()
                .map(|(n, key)| PlannedSale { buyer: buyer(n), date: day, amount_minor: 100, description: "", key: ImportKey::Order(key) })
                .collect();
            let at = store.revision().expect("revision");
            // Cancelled halfway: nothing written, and every index and trigger is back.
            let cancelled = store
                .apply_import(&plan, &mut new_customers.iter().cloned().map(Ok), &mut sales.clone().into_iter(), at, &mut |done, _| {
                    done < size as u64 / 2
                })
                .expect("cancel");
            assert!(matches!(cancelled, Applied::Done(None)), "round {round}: {cancelled:?}");
            let counts: (i64, i64) = store
                .conn
                .query_row("SELECT (SELECT count(*) FROM sale), (SELECT count(*) FROM customer)", [], |row| Ok((row.get(0)?, row.get(1)?)))
                .expect("counts");
            assert_eq!(counts, (sales_in_shop, customers_in_shop), "round {round}: a cancel writes nothing");
            assert!(schema(&store) == before, "round {round}: a cancel leaves the schema as it was");
            // (What the connection did counts toward the revision, rolled back or not.)
            let at = store.revision().expect("revision");
            let applied = store
                .apply_import(&plan, &mut new_customers.into_iter().map(Ok), &mut sales.into_iter(), at, &mut |_, _| true)
                .expect("import");
            assert!(matches!(applied, Applied::Done(Some(_))), "round {round}: {applied:?}");
            let after = schema(&store);
            let gone: Vec<_> = before.iter().filter(|item| !after.contains(item)).map(|(_, name, _)| name).collect();
            let new: Vec<_> = after.iter().filter(|item| !before.contains(item)).map(|(_, name, _)| name).collect();
            assert!(gone.is_empty() && new.is_empty(), "round {round}: the schema is as it was; gone {gone:?}, new {new:?}");
            let check: String = store.conn.query_row("PRAGMA integrity_check", [], |row| row.get(0)).expect("check");
            assert_eq!(check, "ok", "round {round}");
            let owner = |external: &str| -> String {
                store
                    .conn
                    .query_row(
                        "SELECT name FROM customer JOIN customer_external_id ON customer_id = customer.id WHERE external_id = ?1",
                        [external],
                        |row| row.get(0),
                    )
                    .expect("owner")
            };
            for i in 0..customers {
                let bought = (0..size).filter(|&n| buyer(n) == Buyer::New(i)).count() as i64;
                let (count, lifetime): (i64, i64) = store
                    .conn
                    .query_row("SELECT sale_count, lifetime_minor FROM customer WHERE name = ?1", [format!("R{round} C{i}")], |row| {
                        Ok((row.get(0)?, row.get(1)?))
                    })
                    .expect("figures");
                assert_eq!((count, lifetime), (bought, bought * 100), "round {round}, customer {i}");
                assert_eq!(owner(&format!("t:{round}:{i}")), format!("R{round} C{i}"));
            }
            if round > 0 {
                assert_eq!(owner(&format!("t:x{round}")), "R0 C0");
            }
        }
    }

    /// New customers are made as they are written; one whose details no longer make a
    /// customer fails the import, and nothing of it is written (the customers before it either).
    #[test]
    fn a_new_customer_that_cannot_be_made_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
        let good = PlannedCustomer { draft: CustomerDraft::parse("Ann", "", "", "", &[]).expect("draft"), external_id: Some("t:1") };
        let bad = CustomerDraft::parse("Bo", "not an email", "", "", &[]).map(|draft| PlannedCustomer { draft, external_id: None });
        assert!(bad.is_err(), "the second customer's details are not a customer's");
        let day = NaiveDate::from_ymd_opt(2026, 1, 2).expect("day");
        let sales = [PlannedSale { buyer: Buyer::New(0), date: day, amount_minor: 100, description: "", key: ImportKey::Order("t:1") }];
        let plan = ImportPlan { file_name: "t.csv".into(), preset: "plain".into(), ..ImportPlan::default() };
        let at = store.revision().expect("revision");
        let result = store.apply_import(&plan, &mut [Ok(good), bad].into_iter(), &mut sales.into_iter(), at, &mut |_, _| true);
        assert!(matches!(result, Err(StoreError::Invalid(_))), "{result:?}");
        let counts: (i64, i64, i64) = store
            .conn
            .query_row("SELECT (SELECT count(*) FROM customer), (SELECT count(*) FROM sale), (SELECT count(*) FROM import)", [], |row| {
                Ok((row.get(0)?, row.get(1)?, row.get(2)?))
            })
            .expect("counts");
        assert_eq!(counts, (0, 0, 0), "nothing written");
    }

    /// A plan that points a sale at a customer who is not in the shop is refused whole, at
    /// every size: row by row (foreign keys) and in a bulk load, which checks every customer
    /// its sales point at before it commits.
    #[test]
    fn a_sale_for_a_customer_not_in_the_shop_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
        for size in [10, REBUILD_INDEXES_FROM + 10] {
            let keys: Vec<String> = (0..size).map(|n| format!("t:{n}")).collect();
            let day = NaiveDate::from_ymd_opt(2026, 1, 2).expect("day");
            let sales: Vec<PlannedSale<'_>> = keys
                .iter()
                .enumerate()
                .map(|(n, key)| PlannedSale {
                    buyer: if n == size / 2 { Buyer::Existing(CustomerId(424_242)) } else { Buyer::WalkIn },
                    date: day,
                    amount_minor: 100,
                    description: "",
                    key: ImportKey::Order(key),
                })
                .collect();
            let plan = ImportPlan { file_name: "t.csv".into(), preset: "plain".into(), ..ImportPlan::default() };
            let at = store.revision().expect("revision");
            let result = store.apply_import(&plan, &mut std::iter::empty(), &mut sales.into_iter(), at, &mut |_, _| true);
            assert!(result.is_err(), "{size} sales: {result:?}");
            let count: i64 = store.conn.query_row("SELECT count(*) FROM sale", [], |row| row.get(0)).expect("count");
            assert_eq!(count, 0, "{size} sales: nothing written");
            let fk: bool = store.conn.pragma_query_value(None, "foreign_keys", |row| row.get(0)).expect("pragma");
            assert!(fk, "foreign keys are on again");
        }
    }

    /// Sales that say there are more of them than they give (a plan whose sales set aside on
    /// the disk could not all be read back) are refused whole: nothing written, at every size.
    #[test]
    fn sales_that_end_before_their_count_write_nothing() {
        /// Gives `sales` and says there is one more.
        struct Short<I>(I, usize);
        impl<I: Iterator> Iterator for Short<I> {
            type Item = I::Item;
            fn next(&mut self) -> Option<I::Item> {
                self.1 = self.1.saturating_sub(1);
                self.0.next()
            }
            fn size_hint(&self) -> (usize, Option<usize>) {
                (self.1, Some(self.1))
            }
        }
        impl<I: Iterator> ExactSizeIterator for Short<I> {}
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("shop.sqlite3")).expect("open");
        for size in [0, 10, REBUILD_INDEXES_FROM + 10] {
            let keys: Vec<String> = (0..size).map(|n| format!("t:{n}")).collect();
            let day = NaiveDate::from_ymd_opt(2026, 1, 2).expect("day");
            let sales: Vec<PlannedSale<'_>> = keys
                .iter()
                .map(|key| PlannedSale { buyer: Buyer::WalkIn, date: day, amount_minor: 100, description: "", key: ImportKey::Order(key) })
                .collect();
            let plan = ImportPlan { file_name: "t.csv".into(), preset: "plain".into(), ..ImportPlan::default() };
            let at = store.revision().expect("revision");
            let result = store.apply_import(&plan, &mut std::iter::empty(), &mut Short(sales.into_iter(), size + 1), at, &mut |_, _| true);
            assert!(matches!(result, Err(StoreError::Io(_))), "{size} sales: {result:?}");
            let counts: (i64, i64) = store
                .conn
                .query_row("SELECT (SELECT count(*) FROM sale), (SELECT count(*) FROM import)", [], |row| Ok((row.get(0)?, row.get(1)?)))
                .expect("count");
            assert_eq!(counts, (0, 0), "{size} sales: nothing written");
        }
    }
}
