//! Sales exports in, validated sales out. `open` reads what a file is (encoding, delimiter,
//! header) from a `Source` its caller opens (bytes, or a file on disk: no reading of files here); `parse` reads
//! its rows a block at a time into sales with a stable key each, plus every row it skipped
//! (cancelled, refunded) and every problem row with its line, column and value. No row's text is
//! kept: a sale is 40 bytes, its order id's and description's texts and its refunds apart, and
//! past 131,072 of them most are set aside on the disk, with those texts
//! (`sale_list.rs`) and the index that finds an order by its id (`order_index.rs`). Nothing here
//! touches the shop: the store writes the result in one transaction.
//!
//! Where things are: `table.rs` (`open`, then `Rows::each_block`: blocks of 16,384 rows, every
//! cell of a block in one buffer; UTF-8 with or without BOM, UTF-16 with its BOM, else
//! Windows-1252, decoded as read; line numbers counted from the text; the delimiter that splits
//! the first lines most consistently; the header; ragged rows, huge cells and binary junk reported
//! with their line; a file whose bytes change between passes refused; `read` for a whole
//! table), `presets.rs` (Shopify, Square items and transactions, Stripe,
//! WooCommerce, our own sales export, plain `customer_id,date,amount`, each recognised by its
//! column names, or a mapping by hand), `values.rs` (dates in any order with times and zones, the
//! order inferred from the file or asked for with examples; signed amounts with symbols, grouping
//! and decimal comma, exact to minor units, with one decimal mark decided per column and
//! spreadsheet float noise rounded to the unit meant), and `parse` (rows → `ImportSale`s with a
//! stable key: the export's order id, else a fingerprint plus occurrence; line items grouped,
//! refunds netted (by order, by Square's Payment ID, WooCommerce's "original remainder" cell),
//! cancelled and failed orders skipped with the reason; placeholders are walk-ins; only the date
//! and the amount can refuse a row; every problem row with line, column and value).

mod order_index;
mod people;
mod presets;
mod sale_list;
mod sales;
mod table;
mod values;

use std::borrow::Cow;
use std::num::NonZeroU32;

use chrono::NaiveDate;
use regulars_domain::{Currency, CustomerDraft};

use people::Person;
pub use people::{CustomerRef, More, People};
pub use presets::{
    Lines, Mapping, Preset, Revenue, all as presets, by_name as preset_by_name, custom as custom_preset, detect as detect_preset,
};
pub use regulars_domain::ImportKey;
pub use sale_list::{
    Iter as Sales, Part as SalePart, SALES_IN_MEMORY, SaleList, SetAside, TextList, TextReader, TextRef, is_set_aside_file,
};
pub use sales::parse;
pub use table::{Csv, MAX_BYTES, Row, Rows, Source, Table, open, read, shorten};
pub use values::{DateOrder, DecimalMark, infer_decimal_mark, infer_order, parse_amount, parse_amount_in, parse_date};

/// A row the importer cannot take, with where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file's line (1 is the header); 0 for the file as a whole.
    pub line: u64,
    pub column: String,
    pub value: String,
    pub message: String,
}

impl Problem {
    pub fn file(message: String) -> Problem {
        Problem { line: 0, column: String::new(), value: String::new(), message }
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.line, self.column.is_empty()) {
            (0, _) => write!(f, "{}", self.message),
            (line, true) => f.write_str(&regulars_text::t!("import.lineProblem", line = line.to_string(), message = &self.message)),
            // The message names the value itself ("'abc' is not an amount"): once is enough.
            (line, false) if !self.value.is_empty() && self.message.contains(&format!("'{}'", self.value)) => f.write_str(
                &regulars_text::t!("import.cellProblemNamed", line = line.to_string(), column = &self.column, message = &self.message),
            ),
            (line, false) => f.write_str(&regulars_text::t!(
                "import.cellProblem",
                line = line.to_string(),
                column = &self.column,
                value = &self.value,
                message = &self.message
            )),
        }
    }
}

/// How many rows of each kind of note (skipped, with a problem) an import keeps to show: the
/// first by line; the others are counted. (Every one kept, a file whose every row had a problem,
/// a date in the wrong format, took 691 MB for the dry run of 1M rows and sent them all to the
/// window, which shows 200.)
pub const NOTED_ROWS: usize = 1_000;

/// Something noted about a line of a file.
pub trait Noted {
    fn line(&self) -> u64;
}

impl Noted for Problem {
    fn line(&self) -> u64 {
        self.line
    }
}

impl Noted for Skipped {
    fn line(&self) -> u64 {
        self.line
    }
}

/// The rows of a file noted for the owner (skipped, or with a problem): every one counted, the
/// first [`NOTED_ROWS`] by line kept, in the order of their lines (those of one line in the
/// order they were noted). At most twice that many are held while the file is read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notes<T> {
    kept: Vec<T>,
    count: u64,
}

impl<T> Default for Notes<T> {
    fn default() -> Notes<T> {
        Notes { kept: Vec::new(), count: 0 }
    }
}

impl<T: Noted> Notes<T> {
    /// Notes `note`.
    pub fn push(&mut self, note: T) {
        self.count += 1;
        self.kept.push(note);
        if self.kept.len() >= 2 * NOTED_ROWS {
            self.tidy_up();
        }
    }

    /// Notes each of `notes`.
    pub fn extend(&mut self, notes: impl IntoIterator<Item = T>) {
        for note in notes {
            self.push(note);
        }
    }

    /// Sorts the kept notes by line and keeps the first [`NOTED_ROWS`]: the first of all noted.
    fn tidy_up(&mut self) {
        self.kept.sort_by_key(Noted::line);
        self.kept.truncate(NOTED_ROWS);
    }

    /// The notes as they are shown: the first [`NOTED_ROWS`] by line.
    pub fn done(mut self) -> Notes<T> {
        self.tidy_up();
        self
    }
}

impl<T> Notes<T> {
    /// How many were noted.
    pub fn count(&self) -> u64 {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The first of them by line (all of them when there are at most [`NOTED_ROWS`]), once
    /// [`Notes::done`].
    pub fn kept(&self) -> &[T] {
        &self.kept
    }

    /// The kept ones (see [`Notes::kept`]).
    pub fn into_kept(self) -> Vec<T> {
        self.kept
    }

    /// How many were noted and not kept.
    pub fn more(&self) -> u64 {
        self.count - self.kept.len() as u64
    }
}

impl<T: Noted> Notes<T> {
    /// Notes everything `other` noted (counted, and its first kept among these).
    pub fn absorb(&mut self, other: Notes<T>) {
        self.count += other.count;
        self.kept.extend(other.kept);
        if self.kept.len() >= 2 * NOTED_ROWS {
            self.tidy_up();
        }
    }
}

/// A row deliberately left out (a cancelled order, a failed payment, a full refund).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: u64,
    pub reason: String,
}

/// How a sale of a file keeps its key (see [`ImportKey`], which a [`KeyReader`] gives): a
/// fingerprint's two numbers, or where the text of an order id's key lies among
/// [`Parsed`]'s keys. Twelve bytes (the fingerprint in two halves, so that nothing in it needs
/// eight-byte alignment, and an order's key told apart by the occurrence it does not have), and
/// nothing allocated: a key's text boxed on its own took two small allocations an order, 31 MB
/// asked of the allocator for a 1M-order export and about as much again for the allocator's
/// share (`heaptrack`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SaleKey {
    /// A fingerprint's high and low halves (see [`SaleKey::fingerprint`]).
    Row { fingerprint: [u32; 2], occurrence: NonZeroU32 },
    /// Where the text lies (a file's text, and so its keys, fits 32-bit offsets).
    Order { start: u32, len: u32 },
}

const _: () = assert!(std::mem::size_of::<SaleKey>() == 12);

impl SaleKey {
    /// The key of the `occurrence`th sale of a file with `fingerprint`.
    pub fn row(fingerprint: u64, occurrence: NonZeroU32) -> SaleKey {
        SaleKey::Row { fingerprint: [(fingerprint >> 32) as u32, fingerprint as u32], occurrence }
    }

    /// The fingerprint of a row's key (`None`: an order id's).
    pub fn fingerprint(self) -> Option<u64> {
        match self {
            SaleKey::Row { fingerprint, .. } => Some(whole(fingerprint)),
            SaleKey::Order { .. } => None,
        }
    }
}

/// A fingerprint from its high and low halves.
fn whole([high, low]: [u32; 2]) -> u64 {
    u64::from(high) << 32 | u64::from(low)
}

/// The key `key` is, its text among `order_keys` when it is an order id's (a buffer of texts
/// its caller made; a file's own are read with a [`KeyReader`]).
pub fn key_in(order_keys: &str, key: SaleKey) -> ImportKey<'_> {
    match key {
        SaleKey::Row { fingerprint, occurrence } => ImportKey::Row { fingerprint: whole(fingerprint), occurrence },
        SaleKey::Order { start, len } => {
            ImportKey::Order(order_keys.get(start as usize..start as usize + len as usize).unwrap_or_default())
        }
    }
}

/// Reads a file's sales' descriptions (see [`Parsed::description_reader`]).
pub struct DescriptionReader<'a>(TextReader<'a>);

impl DescriptionReader<'_> {
    /// The description of `sale`, as [`Parsed::description_of`] gives it.
    pub fn of(&mut self, sale: &ImportSale) -> Cow<'_, str> {
        sales::clipped(self.0.read(sale.description))
    }
}

/// Reads what a file's sales' keys are (see [`Parsed::key_reader`]).
pub struct KeyReader<'a>(TextReader<'a>);

impl KeyReader<'_> {
    /// What `key` is (its text read into the reader when it is an order id's set aside).
    pub fn key(&mut self, key: SaleKey) -> ImportKey<'_> {
        match key {
            SaleKey::Row { fingerprint, occurrence } => ImportKey::Row { fingerprint: whole(fingerprint), occurrence },
            SaleKey::Order { start, len } => ImportKey::Order(self.0.read(TextRef::new(start, len))),
        }
    }
}

/// One sale of a file, as the plan needs it: 40 bytes, a million of them in a file of a million
/// orders. Its description's text is kept apart, where it says ([`Parsed::description_of`]),
/// and its refunds too ([`Parsed::refunds`]): most exports' sales have none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImportSale {
    /// The line of the sale's first row (a file has at most 2 GiB, so fewer lines than `u32`
    /// counts).
    pub line: u32,
    pub date: NaiveDate,
    pub key: SaleKey,
    /// What the customer paid, refunds taken off.
    pub amount_minor: i64,
    /// The number of its customer among [`Parsed::people`], plus one (`None`: a walk-in): four
    /// bytes, where an `Option<u32>` takes eight (see [`ImportSale::customer`]).
    customer: Option<NonZeroU32>,
    /// Where its description lies among [`Parsed::descriptions`].
    pub(crate) description: TextRef,
}

const _: () = assert!(std::mem::size_of::<ImportSale>() == 40);

impl ImportSale {
    /// `None`: a walk-in sale; else the number of its customer among [`Parsed::people`].
    pub fn customer(&self) -> Option<u32> {
        self.customer.map(|number| number.get() - 1)
    }

    /// Says the sale's customer is the person numbered `number` (`None`: a walk-in).
    fn set_customer(&mut self, number: Option<u32>) {
        // Fewer people than a file's rows, which `u32` counts: one more fits.
        self.customer = number.and_then(|number| NonZeroU32::new(number.saturating_add(1)));
    }
}

/// What a file holds, before anything is written.
#[derive(Debug, Clone)]
pub struct Parsed {
    pub preset: Preset,
    pub encoding: &'static str,
    pub delimiter: u8,
    pub date_order: DateOrder,
    /// Data rows in the file (the header not counted).
    pub rows: usize,
    /// Its sales, in the file's order; past [`SALES_IN_MEMORY`] of them, most are set aside on
    /// the disk ([`SaleList`]).
    pub sales: SaleList,
    /// The texts of the sales' keys that are order ids, one after another, the last in memory
    /// and the others set aside (see [`Parsed::key_reader`]).
    pub(crate) keys: TextList,
    /// Their descriptions, each where its sale says (see [`Parsed::description_of`]): each
    /// row's items joined to its order's as the rows come, the last in memory, the others set
    /// aside with the sales (in one buffer with a list of each text's sale and place, they were
    /// 230 MB of a 10M-order export's dry run).
    pub descriptions: TextList,
    /// The refunds taken off sales: each sale with any (its place in `sales`) and how much, by
    /// place.
    pub refunds: Vec<(u32, i64)>,
    /// A customers file: the customers, each with the line they are on and their number
    /// among [`Parsed::people`].
    pub customers: Vec<(u64, u32)>,
    /// Each different person the rows name, once.
    pub people: People,
    /// The rows left out on purpose and the problems (see [`Notes`]).
    pub skipped: Notes<Skipped>,
    pub problems: Notes<Problem>,
    /// Some dates were instants (UTC, or with an offset) put on the shop's day in its zone.
    pub zoned_days: bool,
    /// What the sales' amounts are (see [`Revenue`]).
    pub revenue: Revenue,
    /// Orders in the file: distinct order ids, and each row without one.
    pub file_orders: u64,
}

impl Parsed {
    /// The description of the sale at `index` of [`Parsed::sales`] ("" past the last).
    pub fn description(&self, index: usize) -> Cow<'_, str> {
        if index >= self.sales.len() {
            return Cow::Borrowed("");
        }
        self.description_of(&self.sales.get(index))
    }

    /// The description of `sale`: its rows' items, joined, cut to 500 characters.
    pub fn description_of(&self, sale: &ImportSale) -> Cow<'_, str> {
        sales::described(self.descriptions.get(sale.description))
    }

    /// A reader of the sales' descriptions, a block of the disk at a time: the descriptions of
    /// sales read in order lie in order.
    pub fn description_reader(&self) -> DescriptionReader<'_> {
        DescriptionReader(self.descriptions.reader())
    }

    /// The text `sale`'s key is stored as (read from the disk when it is set aside; see
    /// [`Parsed::key_reader`] to read many).
    pub fn key_text(&self, sale: &ImportSale) -> String {
        self.key_reader().key(sale.key).to_string()
    }

    /// A reader of what the sales' keys are, a block of the disk at a time: the keys of sales
    /// read in order lie in order.
    pub fn key_reader(&self) -> KeyReader<'_> {
        KeyReader(self.keys.reader())
    }

    /// Who bought `sale` (`None`: a walk-in).
    pub fn customer(&self, sale: &ImportSale) -> Option<CustomerRef<'_>> {
        sale.customer().map(|number| self.people.get(number))
    }
}

/// The columns of a customers file (a name, email or phone, and no date or amount column: an
/// order export with `Order Date` is sales to map, never a customer list that would leave its
/// sales out).
pub fn is_customers_file(headers: &[String]) -> bool {
    let has = |name: &str| find(headers, name).is_some();
    let who = ["name", "customer_name", "customer", "email", "phone"].iter().any(|c| has(c));
    // A dated row, an order's number or one order's money is a sale, not a person; customer
    // exports (ours, Shopify's) have none of them, only totals per person (`Total Spent`,
    // `Total Orders`).
    let sale_like = headers.iter().any(|h| {
        let h = h.trim().to_lowercase();
        let words: Vec<&str> = h.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        h.contains("date")
            || h.contains("amount")
            || words.iter().any(|w| ["day", "time", "order", "transaction", "invoice", "receipt"].contains(w))
            || ["total", "price", "revenue", "subtotal", "paid", "net", "gross", "sales"].contains(&h.as_str())
    });
    who && !sale_like
}

/// Reads a customers file: `name`, `email`, `phone` and optionally `customer_id`, `notes`,
/// `tags` (separated by `;`) — the shape of our own customers export. The rows that could not be
/// read at all are among the problems.
pub fn parse_customers(rows: impl Rows) -> Result<Parsed, ImportError> {
    let h = rows.headers();
    let pick = |names: &[&str]| names.iter().find_map(|n| find(h, n));
    let cols = Columns {
        date: 0,
        amount: 0,
        priced: false,
        time: None,
        tax: None,
        tip: None,
        last_name: None,
        utc: false,
        refunded: None,
        order_id: None,
        cancelled: None,
        status: None,
        currency: None,
        customer_id: pick(&["customer_id", "id"]),
        name: pick(&["name", "customer_name", "customer"]),
        email: pick(&["email", "customer_email"]),
        phone: pick(&["phone", "customer_phone"]),
        description: None,
        quantity: None,
        converted_amount: None,
        converted_refunded: None,
        converted_currency: None,
        payment_id: None,
    };
    let (notes_col, tags_col) = (pick(&["notes"]), pick(&["tags"]));
    // Our own customers export shares its ids with our sales export.
    let source = if find(h, "customer_id").is_some() && find(h, "lifetime_value").is_some() { "regulars" } else { "customers" };
    let mut customers = Vec::new();
    let mut people = People::default();
    let mut problems = Notes::default();
    let mut skipped = Notes::default();
    let mut count = 0;
    let unread = rows
        .each_block(&mut |table| {
            count += table.len();
            for row in table.rows() {
                match customer_of(row, &cols, source) {
                    Ok(Some(mut customer)) => {
                        let more = More {
                            notes: cell(row, notes_col).unwrap_or("").to_owned(),
                            tags: cell(row, tags_col)
                                .map(|t| t.split(';').map(|x| x.trim().to_owned()).filter(|x| !x.is_empty()).collect())
                                .unwrap_or_default(),
                        };
                        customer.more = (more != More::default()).then(|| Box::new(more));
                        if let Err(e) = CustomerDraft::parse(&customer.draft_name, "", "", customer.notes(), customer.tags()) {
                            problems.push(Problem {
                                line: row.line,
                                column: regulars_text::t!("import.notesOrTags"),
                                value: String::new(),
                                message: e.problem,
                            });
                            continue;
                        }
                        customers.push((row.line, people.push(customer)));
                    }
                    Ok(None) => skipped.push(Skipped { line: row.line, reason: regulars_text::t!("import.skip.noName") }),
                    Err((column, message)) => problems.push(Problem {
                        line: row.line,
                        column: table.headers[column].clone(),
                        value: shorten(row.cell(column)),
                        message,
                    }),
                }
            }
        })
        .map_err(ImportError::File)?;
    problems.absorb(unread);
    Ok(Parsed {
        preset: Preset {
            name: "customers",
            mapping: Mapping::default(),
            lines: Lines::Single,
            skip_statuses: &[],
            revenue: Revenue::AsGiven,
        },
        encoding: rows.encoding(),
        delimiter: rows.delimiter(),
        date_order: DateOrder::Ymd,
        rows: count,
        sales: SaleList::default(),
        keys: TextList::default(),
        descriptions: TextList::default(),
        refunds: Vec::new(),
        people,
        customers,
        skipped: skipped.done(),
        problems: problems.done(),
        zoned_days: false,
        revenue: Revenue::AsGiven,
        file_orders: 0,
    })
}

/// Why a file cannot be read at all (as opposed to some of its rows).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    /// The file as a whole: empty, binary, no header, too large.
    File(Problem),
    /// No preset knows the columns and no mapping was given.
    UnknownColumns { headers: Vec<String> },
    /// A mapped column is not in the file.
    MissingColumn { field: &'static str, column: String, headers: Vec<String> },
    /// Dates like 03/04/2026 read either way; the owner picks, with these examples.
    AmbiguousDates { examples: Vec<String> },
    /// The dates mix day-first and month-first.
    MixedDates(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::File(problem) => write!(f, "{problem}"),
            ImportError::UnknownColumns { headers } => {
                f.write_str(&regulars_text::t!("import.unknownColumns", columns = column_list(headers)))?;
                // A known platform's other download: say which one Regulars reads.
                match presets::download_hint(headers) {
                    Some(hint) => write!(f, ". {hint}"),
                    None => Ok(()),
                }
            }
            ImportError::MissingColumn { field, column, headers } => f.write_str(&regulars_text::t!(
                "import.missingColumn",
                field = column_word(field),
                column = column,
                columns = column_list(headers)
            )),
            ImportError::AmbiguousDates { examples } => {
                f.write_str(&regulars_text::t!("import.ambiguousDates", examples = examples.join(", ")))
            }
            ImportError::MixedDates(why) => write!(f, "{why}"),
        }
    }
}

/// A file's columns as a message names them: the first dozen, then how many more (a file of
/// 100,000 columns is one line of a message, not a megabyte).
fn column_list(headers: &[String]) -> String {
    const SHOWN: usize = 12;
    let mut list = headers.iter().take(SHOWN).map(|h| shorten(h)).collect::<Vec<_>>().join(", ");
    if headers.len() > SHOWN {
        list.push_str(&regulars_text::t!("import.andMore", count = headers.len() - SHOWN));
    }
    list
}

/// `$128.40 $96.30` in a preset whose amount cell may carry the original and the amount after
/// a refund: the original, and what was refunded. `None` for any other cell.
fn amount_pair(mapping: &Mapping, raw: &str, currency: Currency, mark: Option<values::DecimalMark>) -> Option<Result<(i64, i64), String>> {
    if !mapping.amount_after_refund {
        return None;
    }
    let parts: Vec<&str> = raw.split_whitespace().collect();
    let [original, after] = parts.as_slice() else { return None };
    let (Ok(original), Ok(after)) = (values::parse_amount_in(original, currency, mark), values::parse_amount_in(after, currency, mark))
    else {
        return None;
    };
    Some(if (0..=original).contains(&after) {
        Ok((original, original - after))
    } else {
        Err(regulars_text::t!("import.amountPair", original = parts[0], after = parts[1]))
    })
}

/// What a column the owner can map is called in a message.
fn column_word(field: &str) -> String {
    match field {
        "date" => regulars_text::t!("import.column.date"),
        "amount" => regulars_text::t!("import.column.amount"),
        "customer" => regulars_text::t!("import.column.customer"),
        "email" => regulars_text::t!("import.column.email"),
        "phone" => regulars_text::t!("import.column.phone"),
        "customer id" => regulars_text::t!("import.column.customerId"),
        "description" => regulars_text::t!("import.column.description"),
        _ => regulars_text::t!("import.column.quantity"),
    }
}

/// Column indexes of a mapping in a table.
struct Columns {
    date: usize,
    /// The amount, or (with `priced`) the price of one item.
    amount: usize,
    priced: bool,
    time: Option<usize>,
    tax: Option<usize>,
    tip: Option<usize>,
    last_name: Option<usize>,
    /// The date (or time) column's header says its times are UTC (Stripe's `Created (UTC)`).
    utc: bool,
    refunded: Option<usize>,
    order_id: Option<usize>,
    cancelled: Option<usize>,
    status: Option<usize>,
    currency: Option<usize>,
    customer_id: Option<usize>,
    name: Option<usize>,
    email: Option<usize>,
    phone: Option<usize>,
    description: Option<usize>,
    quantity: Option<usize>,
    converted_amount: Option<usize>,
    converted_refunded: Option<usize>,
    converted_currency: Option<usize>,
    payment_id: Option<usize>,
}

fn find(headers: &[String], column: &str) -> Option<usize> {
    headers.iter().position(|h| h.trim().eq_ignore_ascii_case(column.trim()))
}

fn columns(mapping: &Mapping, headers: &[String]) -> Result<Columns, ImportError> {
    let required = |field: &'static str, column: &str| {
        find(headers, column).ok_or_else(|| ImportError::MissingColumn { field, column: column.to_owned(), headers: headers.to_vec() })
    };
    // Optional columns of a preset may be missing from an older export; a column the owner
    // named by hand must exist.
    let optional = |column: &Option<String>| column.as_deref().and_then(|c| find(headers, c));
    let date = required("date", &mapping.date)?;
    let time = optional(&mapping.time);
    let amount = match &mapping.unit_price {
        Some(price) => required("unit price", price)?,
        None => required("amount", &mapping.amount)?,
    };
    let utc = [Some(date), time].into_iter().flatten().any(|i| headers[i].to_lowercase().contains("utc"));
    Ok(Columns {
        date,
        amount,
        priced: mapping.unit_price.is_some(),
        time,
        tax: optional(&mapping.tax),
        tip: optional(&mapping.tip),
        last_name: optional(&mapping.last_name),
        utc,
        refunded: optional(&mapping.refunded),
        order_id: optional(&mapping.order_id),
        cancelled: optional(&mapping.cancelled),
        status: optional(&mapping.status),
        currency: optional(&mapping.currency),
        customer_id: optional(&mapping.customer_id),
        name: optional(&mapping.name),
        email: optional(&mapping.email),
        phone: optional(&mapping.phone),
        description: optional(&mapping.description),
        quantity: optional(&mapping.quantity),
        converted_amount: optional(&mapping.converted_amount),
        converted_refunded: optional(&mapping.converted_refunded),
        converted_currency: optional(&mapping.converted_currency),
        payment_id: optional(&mapping.payment_id),
    })
}

/// Checks that every column the owner named by hand exists.
pub fn check_custom_mapping(mapping: &Mapping, headers: &[String]) -> Result<(), ImportError> {
    let named = [
        ("date", Some(&mapping.date)),
        ("amount", Some(&mapping.amount).filter(|_| mapping.unit_price.is_none())),
        ("unit price", mapping.unit_price.as_ref()),
        ("time", mapping.time.as_ref()),
        ("customer", mapping.name.as_ref()),
        ("email", mapping.email.as_ref()),
        ("phone", mapping.phone.as_ref()),
        ("customer id", mapping.customer_id.as_ref()),
        ("description", mapping.description.as_ref()),
        ("quantity", mapping.quantity.as_ref()),
        ("order id", mapping.order_id.as_ref()),
        ("status", mapping.status.as_ref()),
        ("currency", mapping.currency.as_ref()),
    ];
    for (field, column) in named {
        if let Some(column) = column
            && find(headers, column).is_none()
        {
            return Err(ImportError::MissingColumn { field, column: column.clone(), headers: headers.to_vec() });
        }
    }
    Ok(())
}

/// The trimmed cell of an optional column, `None` when the column or the cell is empty. A
/// leading apostrophe that defused a formula (`'=SUM`, as our exports write it) is taken off.
fn cell<'a>(row: Row<'a>, i: Option<usize>) -> Option<&'a str> {
    i.map(|i| undefuse(row.cell(i).trim())).filter(|c| !c.is_empty())
}

fn undefuse(text: &str) -> &str {
    match text.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@']) => rest,
        _ => text,
    }
}

/// The row's customer, validated like the customer form; `None` for a walk-in.
fn customer_of(row: Row<'_>, cols: &Columns, source: &str) -> Result<Option<Person>, (usize, String)> {
    // A placeholder (`N/A`, `null`, `-`, `0`, a lone comma) names nobody.
    let get = |i: Option<usize>| cell(row, i).filter(|v| !is_placeholder(v));
    let (id, email, phone) = (get(cols.customer_id), get(cols.email), get(cols.phone));
    // A name in two columns (first and last) is one name.
    let joined = match (get(cols.name), get(cols.last_name)) {
        (Some(first), Some(last)) => Some(format!("{first} {last}")),
        (first, last) => first.or(last).map(str::to_owned),
    };
    let name = joined.as_deref();
    let phone = phone.map(clean_phone).filter(|p| !p.is_empty() && !is_placeholder(p));
    if id.is_none() && name.is_none() && email.is_none() && phone.is_none() {
        return Ok(None);
    }
    // Only what the figures need refuses a row: an email or a phone that is not one is kept
    // as text in the customer's notes, and the sale comes in.
    let mut notes = Vec::new();
    let email = email.filter(|e| {
        let valid = regulars_domain::Email::parse(e).is_ok();
        if !valid {
            notes.push(regulars_text::t!("import.keptEmail", value = *e));
        }
        valid
    });
    let phone = phone.filter(|p| {
        let valid = regulars_domain::Phone::parse(p).is_ok();
        if !valid {
            notes.push(regulars_text::t!("import.keptPhone", value = p.as_str()));
        }
        valid
    });
    // A name is required; an export with only an email or an id still names someone.
    let display = name
        .map(str::to_owned)
        .or_else(|| email.map(str::to_owned))
        .or_else(|| phone.clone())
        .unwrap_or_else(|| regulars_text::t!("import.customerWithId", id = id.unwrap_or("")));
    let notes = notes.join("\n");
    let draft = CustomerDraft::parse(&display, email.unwrap_or(""), phone.as_deref().unwrap_or(""), &notes, &[])
        .map_err(|e| (cols.name.or(cols.customer_id).unwrap_or(0), e.problem))?;
    Ok(Some(Person {
        external_id: id.map(|id| format!("{source}:{id}")),
        draft_name: draft.name.as_str().to_owned(),
        email: draft.email.as_ref().map(|e| e.as_str().to_owned()),
        phone: draft.phone.as_ref().map(|p| p.as_str().to_owned()),
        more: (!draft.notes.is_empty()).then(|| Box::new(More { notes: draft.notes, tags: Vec::new() })),
    }))
}

/// A cell that stands for "nobody": `NA`, `N/A`, `null`, `none`, `-`, `0`, `#N/A`, or only
/// punctuation (`", "`, the name of a customer with no first or last name).
pub fn is_placeholder(value: &str) -> bool {
    let value = value.trim();
    let lower = value.to_lowercase();
    matches!(lower.as_str(), "na" | "n/a" | "n.a." | "null" | "none" | "nil" | "-" | "--" | "0" | "#n/a" | "undefined" | "unknown")
        || value.chars().all(|c| c.is_whitespace() || c.is_ascii_punctuation())
}

/// A phone as exports write it, made plain: direction marks and invisible characters out,
/// Unicode hyphens and minus signs as `-`, a label (`Phone number: ...`) and letters before
/// the number (`US+1 267...`, `M847...`) dropped.
pub fn clean_phone(raw: &str) -> String {
    let mut text: String = raw
        .chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}'))
        .map(|c| if matches!(c, '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE63}' | '\u{FF0D}') { '-' } else { c })
        .map(|c| if c == '\u{a0}' || c == '\u{202f}' { ' ' } else { c })
        .collect();
    if let Some((label, rest)) = text.split_once(':')
        && label.chars().all(|c| c.is_alphabetic() || c == ' ')
    {
        text = rest.to_owned();
    }
    let trimmed = text.trim();
    let start = trimmed.find(|c: char| c.is_ascii_digit() || c == '+' || c == '(').unwrap_or(trimmed.len());
    if trimmed[..start].chars().all(char::is_alphabetic) {
        return trimmed[start..].trim().to_owned();
    }
    trimmed.to_owned()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    /// However they come (in order, backwards, noted in two lists and joined), the notes kept
    /// are the first [`NOTED_ROWS`] by line, in order, those of one line in the order they
    /// came, and every one is counted.
    #[test]
    fn the_first_notes_by_line_are_kept_and_all_are_counted() {
        let skipped = |line: u64, n: usize| Skipped { line, reason: n.to_string() };
        for total in [0, 1, NOTED_ROWS, NOTED_ROWS + 1, 2 * NOTED_ROWS, 5 * NOTED_ROWS + 3] {
            // Two notes a line, some lines late (a row read before its order was left out).
            let lines: Vec<u64> = (0..total as u64).map(|n| if n % 7 == 3 { total as u64 - n } else { n / 2 + 2 }).collect();
            let mut expected: Vec<Skipped> = lines.iter().enumerate().map(|(n, &line)| skipped(line, n)).collect();
            expected.sort_by_key(|s| s.line);
            expected.truncate(NOTED_ROWS);
            let mut notes = Notes::default();
            for (n, &line) in lines.iter().enumerate() {
                notes.push(skipped(line, n));
            }
            let notes = notes.done();
            assert_eq!((notes.kept(), notes.count()), (expected.as_slice(), total as u64), "{total} in one list");
            assert_eq!(notes.more(), total.saturating_sub(NOTED_ROWS) as u64);
            let (mut first, mut second) = (Notes::default(), Notes::default());
            for (n, &line) in lines.iter().enumerate() {
                if n % 3 == 0 { first.push(skipped(line, n)) } else { second.push(skipped(line, n)) }
            }
            second.absorb(first);
            let joined = second.done();
            assert_eq!(joined.count(), total as u64, "{total} in two lists");
            let by_line = |notes: &[Skipped]| notes.iter().map(|s| s.line).collect::<Vec<_>>();
            assert_eq!(by_line(joined.kept()), by_line(&expected), "{total} in two lists");
        }
    }

    proptest! {
        /// A sale gives back the key and the customer it was given, in 40 bytes: a row's
        /// whole fingerprint and occurrence, an order's text, a walk-in as none.
        #[test]
        fn a_sale_gives_back_its_key_and_customer(
            fingerprint in any::<u64>(),
            occurrence in 1u32..,
            customer in proptest::option::of(0u32..u32::MAX),
            order in "[a-z0-9#:]{0,12}",
        ) {
            let occurrence = NonZeroU32::new(occurrence).expect("from 1");
            let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a day");
            let mut sale = ImportSale { line: 2, date: day, key: SaleKey::row(fingerprint, occurrence), amount_minor: 1, customer: None, description: TextRef::default() };
            sale.set_customer(customer);
            prop_assert_eq!(sale.customer(), customer);
            prop_assert_eq!(sale.key.fingerprint(), Some(fingerprint));
            prop_assert_eq!(key_in("", sale.key), ImportKey::Row { fingerprint, occurrence });
            let keys = format!("shopify:#1{order}");
            sale.key = SaleKey::Order { start: 7, len: (keys.len() - 7) as u32 };
            prop_assert_eq!(sale.key.fingerprint(), None);
            prop_assert_eq!(key_in(&keys, sale.key), ImportKey::Order(&keys[7..]));
        }
    }
}
