//! `parse`: a sales table's rows into sales. A [`Reader`] takes the rows one by one under the
//! file's [`Rules`] (its columns, preset, date order, decimal mark, currency and the shop's day
//! and zone) and keeps the orders being put together; once every row is read, refunds paid back
//! on a sale's payment are netted in and each order becomes a sale with its key.

use std::borrow::Cow;
use std::fmt::Write as _;
use std::hash::BuildHasher as _;
use std::num::NonZeroU32;

use chrono::NaiveDate;
use chrono_tz::Tz;
use regulars_domain::Currency;
use regulars_text::t;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};

use crate::order_index::OrderIndex;
use crate::people::{Kind, Named, Person, write_identity};
use crate::values::{self, DateOrder, DecimalMark};
use crate::{
    Columns, CustomerRef, ImportError, ImportSale, Lines, Notes, Parsed, People, Preset, Problem, Revenue, Row, Rows, SaleKey, SaleList,
    SetAside, Skipped, TextList, TextRef, amount_pair, cell, columns, customer_of, shorten,
};

/// Turns a file's rows into sales. `preset` is what `detect_preset` found or the owner chose;
/// `order` is the date order when the owner chose one (else it is inferred from the dates).
/// `zone` is the shop's time zone, for timestamps written in UTC or with an offset (`None`:
/// every day as written). Two passes over the rows, a block at a time: the first finds the
/// dates' order and the decimal mark, the second reads the sales. The rows that could not be
/// read at all are among the problems. The sales past the first [`SetAside::in_memory`] are set
/// aside in [`SetAside::dir`].
pub fn parse(
    rows: impl Rows,
    preset: Preset,
    order: Option<DateOrder>,
    currency: Currency,
    today: NaiveDate,
    zone: Option<Tz>,
    aside: SetAside,
) -> Result<Parsed, ImportError> {
    let cols = columns(&preset.mapping, rows.headers())?;
    let Survey { rows: count, date_order, mark } = survey(&rows, &cols, order)?;
    let revenue = revenue(&preset, &cols);
    let mut reader = Reader::new(Rules { cols, preset: &preset, date_order, mark, currency, today, zone }, aside, count);
    let unread = rows
        .each_block(&mut |table| {
            for row in table.rows() {
                if let Err(Refused(problems)) = reader.read(row) {
                    reader.problems.extend(problems.into_iter().map(|(column, message)| Problem {
                        line: row.line,
                        column: table.headers[column].clone(),
                        value: shorten(row.cell(column)),
                        message,
                    }));
                }
            }
        })
        .map_err(ImportError::File)?;
    let Read { orders, mut keys, mut descriptions, refunds, mut skipped, mut problems, zoned_days, file_orders, people } = reader.finish();
    let (mut sales, refunds) = into_sales(orders, &refunds, &mut skipped)?;
    // From here on the sales and their texts are only read, in order: those of a large file
    // all from the disk.
    sales.set_rest_aside();
    keys.set_rest_aside();
    descriptions.set_rest_aside();
    problems.absorb(unread);
    Ok(Parsed {
        preset,
        encoding: rows.encoding(),
        delimiter: rows.delimiter(),
        date_order,
        rows: count,
        sales,
        keys,
        descriptions,
        refunds,
        customers: Vec::new(),
        people,
        skipped: skipped.done(),
        problems: problems.done(),
        zoned_days,
        revenue,
        file_orders,
    })
}

/// What a first pass over the rows finds: how many there are, the dates' order (the owner's,
/// else the one the dates show) and the amounts' decimal mark (decided by the cells that show
/// one).
struct Survey {
    rows: usize,
    date_order: DateOrder,
    mark: Option<DecimalMark>,
}

fn survey(rows: &impl Rows, cols: &Columns, chosen: Option<DateOrder>) -> Result<Survey, ImportError> {
    let (mut count, mut dates, mut marks) = (0usize, values::DateVotes::default(), values::MarkVotes::default());
    let mut examples = Vec::new();
    rows.each_block(&mut |table| {
        count += table.len();
        for r in table.rows() {
            if chosen.is_none() {
                let date = r.cell(cols.date);
                dates.add(date);
                if examples.len() < 3 && !date.trim().is_empty() {
                    examples.push(date.trim().to_owned());
                }
            }
            let amounts = [
                Some(r.cell(cols.amount)),
                cell(r, cols.refunded),
                cell(r, cols.converted_amount),
                cell(r, cols.converted_refunded),
                cell(r, cols.tax),
                cell(r, cols.tip),
            ];
            amounts.into_iter().flatten().for_each(|amount| marks.add(amount));
        }
    })
    .map_err(ImportError::File)?;
    let date_order = match chosen {
        Some(order) => order,
        None => dates.order().map_err(ImportError::MixedDates)?.ok_or(ImportError::AmbiguousDates { examples })?,
    };
    Ok(Survey { rows: count, date_order, mark: marks.mark() })
}

/// What the amounts mean, given the columns this file has of those the preset adds or takes off.
fn revenue(preset: &Preset, cols: &Columns) -> Revenue {
    match preset.revenue {
        Revenue::Paid if preset.mapping.tax.is_some() && cols.tax.is_none() => Revenue::WithoutTax,
        Revenue::Paid if preset.mapping.tip.is_some() && cols.tip.is_none() => Revenue::WithTips,
        meaning => meaning,
    }
}

/// A cell that refuses its row: its column and the problem.
type RowError = (usize, String);

/// Why a row is refused: usually one cell, the tax and the tip both when both are wrong.
struct Refused(Vec<RowError>);

impl From<RowError> for Refused {
    fn from(error: RowError) -> Refused {
        Refused(vec![error])
    }
}

/// A row's customer once validated: who (their number among the file's [`People`]), nobody (a
/// walk-in), or the column and the problem (boxed: sixteen bytes a customer, where most have
/// none).
type CustomerOutcome = Result<Option<u32>, Box<RowError>>;

/// Finds each distinct customer the rows name by the five cells that name them (their
/// identity, kept with them among the file's [`People`]), so that each is validated once
/// however many rows name them: the table holds each one's number, and compares the identity
/// the record of that number keeps (one text a person, close together: a key pointing into the
/// file's text, wherever the customer first appeared, cost a cache miss a row, a sixth of a
/// 1M-row dry run in `perf`; a map keyed by a boxed identity took 135 bytes a customer, and
/// twice its table while it grew).
#[derive(Default)]
struct Identities {
    /// Why the cells of each number that refuses its row do.
    refused: FxHashMap<u32, Box<RowError>>,
    table: hashbrown::HashTable<u32>,
}

impl Identities {
    /// The outcome for `identity`, made by `make` and kept among `people` when it is new.
    fn find_or_make(
        &mut self,
        people: &mut People,
        identity: &str,
        make: impl FnOnce() -> Result<Option<Person>, Box<RowError>>,
    ) -> CustomerOutcome {
        let hash = FxBuildHasher.hash_one(identity);
        let Identities { refused, table } = self;
        let found = table.find(hash, |&number| people.identity(number) == identity).copied();
        let number = match found {
            Some(number) => number,
            None => {
                let number = match make() {
                    Ok(Some(person)) => people.keep(identity, Named::Person(person)),
                    Ok(None) => people.keep(identity, Named::WalkIn),
                    Err(problem) => {
                        let number = people.keep(identity, Named::Refused);
                        refused.insert(number, problem);
                        number
                    }
                };
                table.insert_unique(hash, number, |&n| FxBuildHasher.hash_one(people.identity(n)));
                number
            }
        };
        match people.kind(number) {
            Kind::Person => Ok(Some(number)),
            Kind::WalkIn => Ok(None),
            Kind::Refused => Err(refused[&number].clone()),
        }
    }
}

/// What every row of one file is read by.
struct Rules<'p> {
    cols: Columns,
    preset: &'p Preset,
    date_order: DateOrder,
    mark: Option<DecimalMark>,
    currency: Currency,
    today: NaiveDate,
    zone: Option<Tz>,
}

impl Rules<'_> {
    /// Where an order id starts in its key's text: after the preset's name and a colon.
    fn id_start(&self) -> usize {
        self.preset.name.len() + 1
    }

    /// Why the row's order is left out (a status the preset skips, a cancellation), if it is.
    fn left_out(&self, row: Row<'_>) -> Option<String> {
        if let Some(status) = cell(row, self.cols.status)
            && self.preset.skip_statuses.contains(&status.to_lowercase().as_str())
        {
            return Some(t!("import.skip.status", status = status));
        }
        cell(row, self.cols.cancelled).map(|_| t!("import.skip.cancelled"))
    }

    /// The columns of the amount and the refund. A charge in another currency counts at what it
    /// settled for in the shop's currency when the export says (Stripe's converted amount);
    /// otherwise it is a problem.
    fn amount_columns(&self, row: Row<'_>) -> Result<(usize, Option<usize>), RowError> {
        let (cols, code) = (&self.cols, self.currency.code());
        if cell(row, cols.currency).is_none_or(|written| written.eq_ignore_ascii_case(code)) {
            return Ok((cols.amount, cols.refunded));
        }
        match (cell(row, cols.converted_currency), cols.converted_amount) {
            (Some(settled), Some(column)) if settled.eq_ignore_ascii_case(code) && cell(row, Some(column)).is_some() => {
                Ok((column, cols.converted_refunded))
            }
            _ => Err((cols.currency.unwrap_or(0), t!("import.otherCurrency", currency = code))),
        }
    }

    /// The row's day in the shop, and whether it was an instant put on the shop's day.
    fn day(&self, row: Row<'_>) -> Result<(NaiveDate, bool), RowError> {
        let written;
        let date_cell = match cell(row, self.cols.time) {
            Some(time) => {
                written = format!("{} {time}", row.cell(self.cols.date).trim());
                written.as_str()
            }
            None => row.cell(self.cols.date),
        };
        values::shop_day(date_cell, self.date_order, self.cols.utc, self.zone).map_err(|message| (self.cols.date, message))
    }

    /// A day the shop can have sold on: not after tomorrow, not before 1970.
    fn check_day(&self, date: NaiveDate) -> Result<NaiveDate, RowError> {
        if date > self.today + chrono::Days::new(1) {
            Err((self.cols.date, t!("import.future")))
        } else if chrono::Datelike::year(&date) < 1970 {
            Err((self.cols.date, t!("import.before1970")))
        } else {
            Ok(date)
        }
    }

    /// What the row's sale comes to and what of it was refunded, in minor units.
    fn amounts(&self, row: Row<'_>, amount_column: usize, refunded_column: Option<usize>) -> Result<(i64, i64), Refused> {
        let (cols, currency, mark) = (&self.cols, self.currency, self.mark);
        let written = row.cell(amount_column);
        let (amount, refunded_in_cell) = amount_pair(&self.preset.mapping, written, currency, mark)
            .unwrap_or_else(|| values::parse_amount_in(written, currency, mark).map(|a| (a, 0)))
            .map_err(|message| (amount_column, message))?;
        let adjust = self.adjustment(row, amount_column)?;
        // A priced line: the price of one item times the quantity.
        let amount = adjust
            + if cols.priced {
                values::times_quantity(amount, cell(row, cols.quantity).unwrap_or("1"))
                    .map_err(|message| (cols.quantity.unwrap_or(amount_column), message))?
            } else {
                amount
            };
        // A cancellation or return line: a negative quantity with the amount written positive.
        let returned = cell(row, cols.quantity).and_then(|q| q.trim().parse::<f64>().ok()).is_some_and(|q| q < 0.0);
        let amount = if returned && amount > 0 { -amount } else { amount };
        let refunded = match cell(row, refunded_column).map(|r| values::parse_amount_in(r, currency, mark)) {
            Some(Ok(r)) => r.abs() + refunded_in_cell,
            Some(Err(message)) => return Err((refunded_column.unwrap_or(0), message).into()),
            None => refunded_in_cell,
        };
        Ok((amount, refunded))
    }

    /// Tax kept apart from a net amount is part of what was paid; a tip is not.
    fn adjustment(&self, row: Row<'_>, amount_column: usize) -> Result<i64, Refused> {
        let mut adjust = 0;
        let mut refused = Vec::new();
        for (column, sign) in [(self.cols.tax, 1), (self.cols.tip, -1)] {
            match cell(row, column).map(|c| values::parse_amount_in(c, self.currency, self.mark)) {
                Some(Ok(value)) => adjust += sign * value,
                Some(Err(message)) => refused.push((column.unwrap_or(amount_column), message)),
                None => {}
            }
        }
        if refused.is_empty() { Ok(adjust) } else { Err(Refused(refused)) }
    }
}

/// Whether the order at `at` of `orders` has the id `id`: what its key (among `keys`) says after
/// the preset's name and a colon (`prefix` bytes).
fn has_id(orders: &SaleList, keys: &TextList, prefix: usize, at: u32, id: &str) -> bool {
    match orders.get(at as usize).key {
        SaleKey::Order { start, len } => keys.get(TextRef::new(start, len)).get(prefix..) == Some(id),
        SaleKey::Row { .. } => false,
    }
}

/// The rows read so far: the orders being put together and what was skipped or refused.
struct Reader<'p> {
    rules: Rules<'p>,
    /// Each order as the sale it will be, in the file's order; its amount is what its rows
    /// charged until the refunds are taken off in [`into_sales`]. The last of them in memory,
    /// the others set aside (an order's later rows come soon after its first in most exports).
    orders: SaleList,
    /// The texts of the orders' keys that are order ids, one after another.
    keys: TextList,
    /// The orders' descriptions, each where its order says.
    descriptions: TextList,
    /// What was refunded of each order that had a refund, kept apart: most orders have none.
    refunds: FxHashMap<u32, i64>,
    problems: Notes<Problem>,
    skipped: Notes<Skipped>,
    zoned_days: bool,
    /// The hashes of the ids of orders that are neither among `orders` nor left out (their rows
    /// refused, or refunds paid back on a payment), so that each is counted once: a set of every
    /// order's hash took 18 MB of a 1M-order export's peak, and as much again while it grew.
    unkept: FxHashSet<u64>,
    file_orders: u64,
    /// Each order with an id, by its place in `orders`, found by the id its key ends with (a
    /// map keyed by a copy of each id took 80 bytes an order and its allocation: 79 MB of a
    /// 1M-order Shopify export's peak, in `heaptrack`; a table of every order's place, 5 to 9
    /// bytes an order).
    by_order: OrderIndex,
    /// The order of each payment id.
    by_payment: FxHashMap<String, usize>,
    /// Refunds in a transaction of their own: payment id, amount, line.
    payment_refunds: Vec<(String, i64, u64)>,
    /// Each distinct customer in the file, validated once, found by their cells.
    customers: Identities,
    /// Those of them, kept.
    people: People,
    /// The key of the row being read, written here to be looked up without an allocation.
    identity: String,
}

/// What the reader found, once every row is read and the payment refunds are netted.
struct Read {
    orders: SaleList,
    keys: TextList,
    descriptions: TextList,
    refunds: FxHashMap<u32, i64>,
    skipped: Notes<Skipped>,
    problems: Notes<Problem>,
    zoned_days: bool,
    file_orders: u64,
    people: People,
}

impl<'p> Reader<'p> {
    fn new(rules: Rules<'p>, aside: SetAside, rows: usize) -> Reader<'p> {
        let in_memory = aside.in_memory;
        let orders = SaleList::new(aside);
        Reader {
            rules,
            descriptions: orders.texts(),
            keys: orders.texts(),
            by_order: OrderIndex::new(in_memory, rows, orders.another_disk()),
            orders,
            refunds: FxHashMap::default(),
            problems: Notes::default(),
            skipped: Notes::default(),
            zoned_days: false,
            unkept: FxHashSet::default(),
            file_orders: 0,
            by_payment: FxHashMap::default(),
            payment_refunds: Vec::new(),
            customers: Identities::default(),
            people: People::default(),
            identity: String::new(),
        }
    }

    /// Reads one row: a new order, a line or refund of an earlier one, a row left out (with the
    /// reason in `skipped`), or the cells that refuse it. Counts the orders: an order id is new
    /// when no order has it, none left out and no other row (see `unkept`).
    fn read(&mut self, row: Row<'_>) -> Result<(), Refused> {
        let order_id = cell(row, self.rules.cols.order_id);
        let hash = order_id.map(|id| FxBuildHasher.hash_one(id));
        let prefix = self.rules.id_start();
        let existing = order_id.zip(hash).and_then(|(id, hash)| {
            let (orders, keys) = (&self.orders, &self.keys);
            self.by_order.find(hash, |at| has_id(orders, keys, prefix, at, id)).map(|at| at as usize)
        });
        // The later rows of an order left out (cancelled, failed) are left out too.
        if existing.is_some_and(|index| self.orders.get(index).line & LATER_LEFT_OUT != 0) {
            return Ok(());
        }
        let new_order = existing.is_none() && hash.is_none_or(|hash| !self.unkept.contains(&hash));
        self.file_orders += u64::from(new_order);
        let orders = self.orders.len();
        let read = self.read_order(row, order_id, existing);
        if new_order
            && let Some(hash) = hash
            && self.orders.len() == orders
        {
            self.unkept.insert(hash);
        }
        read
    }

    /// Reads a row of the order `order_id` (`existing`: its place in `orders`, when it is there).
    fn read_order(&mut self, row: Row<'_>, order_id: Option<&str>, existing: Option<usize>) -> Result<(), Refused> {
        let (rules, cols) = (&self.rules, &self.rules.cols);
        let description = match (cell(row, cols.description), cell(row, cols.quantity)) {
            (Some(d), Some(q)) if q != "1" => format!("{q} × {d}"),
            (Some(d), _) => d.to_owned(),
            _ => String::new(),
        };
        // A later line of a Shopify order: only its item matters.
        if rules.preset.lines == Lines::TotalOnFirst
            && let Some(index) = existing
        {
            self.describe(index, &description);
            return Ok(());
        }
        if let Some(reason) = rules.left_out(row) {
            self.skipped.push(Skipped { line: row.line, reason });
            // Its later lines belong to the order left out: one note for the order. The order is
            // marked (one made for it when it has none, which becomes no sale), so that its id
            // is found as any order's is: a set of every left-out id was 100 MB for a Shopify
            // export of 1M cancelled orders.
            match (existing, order_id) {
                (Some(index), _) => self.orders.update(index, |order| order.line |= LATER_LEFT_OUT),
                (None, Some(id)) => {
                    let text = self.keys.push_all(&[rules.preset.name, ":", id]);
                    let key = SaleKey::Order { start: text.start(), len: text.bytes() as u32 };
                    let line = u32::try_from(row.line).unwrap_or(u32::MAX) | LATER_LEFT_OUT;
                    let index = self.orders.len();
                    let left_out = ImportSale {
                        line,
                        date: NaiveDate::MIN,
                        key,
                        amount_minor: LEFT_OUT,
                        customer: None,
                        description: TextRef::default(),
                    };
                    self.orders.push(left_out);
                    self.by_order.insert(FxBuildHasher.hash_one(id), u32::try_from(index).unwrap_or(u32::MAX));
                }
                (None, None) => {}
            }
            return Ok(());
        }
        let (amount_column, refunded_column) = rules.amount_columns(row)?;
        let (date, zoned) = rules.day(row)?;
        self.zoned_days |= zoned;
        let date = rules.check_day(date)?;
        let (amount, refunded) = rules.amounts(row, amount_column, refunded_column)?;
        // A refund in a transaction of its own, paid back on the sale's payment (Square's item
        // refunds): netted into that sale once every row is read, in whatever order the file
        // lists them (the sale keeps its own key).
        if existing.is_none()
            && amount < 0
            && let Some(payment) = cell(row, cols.payment_id)
        {
            self.payment_refunds.push((payment.to_owned(), amount, row.line));
            return Ok(());
        }
        let cells = [cols.customer_id, cols.name, cols.last_name, cols.email, cols.phone].map(|part| cell(row, part).unwrap_or(""));
        write_identity(&mut self.identity, rules.preset.name, cells);
        // Each person kept once, numbered as made.
        let customer = self
            .customers
            .find_or_make(&mut self.people, &self.identity, || customer_of(row, cols, rules.preset.name).map_err(Box::new))
            .map_err(|error| *error)?;
        let line = u32::try_from(row.line).unwrap_or(u32::MAX);
        let payment = cell(row, cols.payment_id);
        match existing {
            Some(index) if rules.preset.lines == Lines::Single && amount >= 0 => {
                // One line per order, paid again: a duplicate row.
                let first = (self.orders.get(index).line & !LATER_LEFT_OUT).to_string();
                self.skipped.push(Skipped { line: row.line, reason: t!("import.skip.duplicate", line = first) });
            }
            Some(index) => {
                // Another line (Square items) or a refund row of the same order.
                self.orders.update(index, |order| {
                    order.amount_minor += amount;
                    if order.customer.is_none() {
                        order.set_customer(customer);
                    }
                });
                refund(&mut self.refunds, index, refunded);
                self.describe(index, &description);
            }
            None => {
                let index = self.orders.len();
                let key = match order_id {
                    Some(id) => {
                        let text = self.keys.push_all(&[rules.preset.name, ":", id]);
                        SaleKey::Order { start: text.start(), len: text.bytes() as u32 }
                    }
                    // A row without an id is an order of its own, whose description is all
                    // there will be: its fingerprint is known now.
                    None => SaleKey::row(
                        fingerprint(date, amount, customer.map(|c| self.people.get(c)), &clipped(&description)),
                        NonZeroU32::MIN,
                    ),
                };
                if let Some(payment) = payment {
                    self.by_payment.entry(payment.to_owned()).or_insert(index);
                }
                let description = self.descriptions.push(&description);
                let mut sale = ImportSale { line, date, key, amount_minor: amount, customer: None, description };
                sale.set_customer(customer);
                self.orders.push(sale);
                if let Some(id) = order_id {
                    // Found again by the id its key ends with, now that it is in `orders` (a file
                    // has fewer orders than rows, which `u32` counts).
                    self.by_order.insert(FxBuildHasher.hash_one(id), u32::try_from(index).unwrap_or(u32::MAX));
                }
                refund(&mut self.refunds, index, refunded);
            }
        }
        Ok(())
    }

    /// Joins a row's description (nothing when it is empty) to that of its order at `index`,
    /// in the file's order.
    fn describe(&mut self, index: usize, description: &str) {
        if description.is_empty() {
            return;
        }
        let at = self.orders.get(index).description;
        let joined = join_description(&mut self.descriptions, at, description);
        if joined != at {
            self.orders.update(index, |order| order.description = joined);
        }
    }

    /// Nets each refund paid back on a sale's payment into that sale; a refund whose sale is
    /// not in the file is left out.
    fn finish(self) -> Read {
        let Reader {
            orders,
            keys,
            descriptions,
            mut refunds,
            problems,
            mut skipped,
            zoned_days,
            file_orders,
            by_payment,
            payment_refunds,
            people,
            ..
        } = self;
        for (payment, amount, line) in payment_refunds {
            match by_payment.get(&payment) {
                Some(&index) => refund(&mut refunds, index, -amount),
                None => skipped.push(Skipped { line, reason: t!("import.skip.loneRefund") }),
            }
        }
        Read { orders, keys, descriptions, refunds, skipped, problems, zoned_days, file_orders, people }
    }
}

/// Adds a refund of the order at `order` to `refunds`, where only orders with one are kept.
fn refund(refunds: &mut FxHashMap<u32, i64>, order: usize, amount: i64) {
    if amount != 0 {
        // A file has fewer orders than `u32` counts (fewer than its bytes).
        *refunds.entry(u32::try_from(order).unwrap_or(u32::MAX)).or_default() += amount;
    }
}

/// `description` joined after the description at `at` among `texts`: where the joined text
/// lies. A text of more bytes than four times the characters a sale keeps has more characters
/// than that, and what would be joined after it is cut off: it stays as it is (an order whose
/// rows come between others' is joined again at the end of the texts at each row).
fn join_description(texts: &mut TextList, at: TextRef, description: &str) -> TextRef {
    if at.bytes() > 4 * DESCRIPTION_CHARS {
        return at;
    }
    texts.join(at, ", ", description)
}

/// The longest description a sale keeps, in characters.
pub(crate) const DESCRIPTION_CHARS: usize = 500;

/// A sale's description as it keeps it: cut to [`DESCRIPTION_CHARS`].
pub(crate) fn described(text: Cow<'_, str>) -> Cow<'_, str> {
    match text {
        Cow::Borrowed(text) => clipped(text),
        Cow::Owned(text) => Cow::Owned(clipped(&text).into_owned()),
    }
}

/// A description cut to [`DESCRIPTION_CHARS`], an ellipsis saying where (borrowed when short
/// enough: a row's own description is fingerprinted without a copy).
pub(crate) fn clipped(description: &str) -> Cow<'_, str> {
    if description.chars().count() > DESCRIPTION_CHARS {
        Cow::Owned(description.chars().take(DESCRIPTION_CHARS - 1).collect::<String>() + "…")
    } else {
        Cow::Borrowed(description)
    }
}

/// The bit of an order's line that says its later rows are left out (a file has at most 2 GiB,
/// fewer lines than this bit counts).
const LATER_LEFT_OUT: u32 = 1 << 31;

/// The amount of an order made only to say its id is left out (no row of it made a sale).
const LEFT_OUT: i64 = i64::MIN;

/// The sales and each refunded sale's place with what was refunded.
type Sold = (SaleList, Vec<(u32, i64)>);

/// Each order as a sale with its key, in the file's order; an order that comes to nothing is
/// left out with the reason. The orders become the sales where they lie.
fn into_sales(mut orders: SaleList, refunds: &FxHashMap<u32, i64>, skipped: &mut Notes<Skipped>) -> Result<Sold, ImportError> {
    let mut kept = 0usize;
    let mut refunded_sales = Vec::new();
    let mut index = 0u32;
    orders.retain_mut(|order| {
        let refunded = refunds.get(&index).copied().unwrap_or(0);
        index += 1;
        // An order left out before any of its rows made it one: noted when it was read.
        if order.amount_minor == LEFT_OUT && order.line & LATER_LEFT_OUT != 0 {
            return false;
        }
        order.line &= !LATER_LEFT_OUT;
        let amount = order.amount_minor;
        // A free order (nothing paid, nothing refunded) is a customer's visit: kept at zero.
        let free = amount == 0 && refunded == 0 && order.customer.is_some();
        if amount - refunded <= 0 && !free {
            let reason = if amount < 0 {
                t!("import.skip.loneRefund")
            } else if amount == 0 {
                t!("import.skip.zero")
            } else {
                t!("import.skip.refunded")
            };
            skipped.push(Skipped { line: u64::from(order.line), reason });
            return false;
        }
        order.amount_minor = amount - refunded;
        if refunded != 0 {
            refunded_sales.push((u32::try_from(kept).unwrap_or(u32::MAX), refunded));
        }
        kept += 1;
        true
    });
    // Numbered by occurrence once every sale is made.
    number_occurrences(&mut orders, PART_SALES);
    orders.check()?;
    Ok((orders, refunded_sales))
}

/// About how many sales [`number_occurrences`] sorts at a time: 16 MB.
const PART_SALES: usize = 1 << 20;

/// The second and later sales with the same fingerprint, in the file's order, become its
/// occurrences 2, 3, …. Each fingerprint and its sale's place, sorted: a fingerprint's sales
/// come together, in the file's order. Twelve bytes a sale (sixteen with the padding), and
/// only for the sales of one part of the fingerprints at a time (those whose highest bits are
/// the part's number), about `part_sales` of them: one pass over the sales a part, and the
/// sales whose key changes are changed a block of the disk at a time. All at once, eight bytes
/// of every sale were 80 MB at the end of reading a 10M-row file, its peak; a map of a million
/// fingerprints 35 MB and twice that while it grew.
fn number_occurrences(sales: &mut SaleList, part_sales: usize) {
    let rows = sales.keys().filter(|key| key.fingerprint().is_some()).count();
    let part_bits = rows.div_ceil(part_sales.max(1)).next_power_of_two().trailing_zeros();
    let part_of = |fingerprint: u64| fingerprint.checked_shr(64 - part_bits).unwrap_or(0);
    let mut entries: Vec<(u64, u32)> = Vec::new();
    let mut keys: Vec<(u32, SaleKey)> = Vec::new();
    for part in 0..1u64 << part_bits {
        entries.clear();
        entries.extend(sales.keys().enumerate().filter_map(|(at, key)| {
            let fingerprint = key.fingerprint()?;
            // A file has fewer sales than `u32` counts.
            (part_of(fingerprint) == part).then_some((fingerprint, u32::try_from(at).unwrap_or(u32::MAX)))
        }));
        entries.sort_unstable();
        keys.clear();
        for run in entries.chunk_by(|a, b| a.0 == b.0).filter(|run| run.len() > 1) {
            for (nth, &(fingerprint, place)) in run.iter().enumerate().skip(1) {
                let occurrence = NonZeroU32::MIN.saturating_add(u32::try_from(nth).unwrap_or(u32::MAX));
                keys.push((place, SaleKey::row(fingerprint, occurrence)));
            }
        }
        keys.sort_unstable_by_key(|&(place, _)| place);
        sales.set_keys(&keys);
    }
}

/// The fingerprint of an order without an id:
/// `date|amount|external id|name|email|phone|description` (the customer's four parts empty for
/// a walk-in, as keys have always been). Its key adds which occurrence of it this is in the file.
fn fingerprint(date: NaiveDate, amount: i64, customer: Option<CustomerRef<'_>>, description: &str) -> u64 {
    let mut base = Fingerprint::new();
    let written = match customer {
        Some(c) => write!(
            base,
            "{}|{}|{}|{}|{}|{}|{}",
            date,
            amount,
            c.external_id.unwrap_or(""),
            c.draft_name,
            c.email.unwrap_or(""),
            c.phone.unwrap_or(""),
            description
        ),
        None => write!(base, "{}|{}||{}", date, amount, description),
    };
    debug_assert!(written.is_ok(), "hashing cannot fail");
    base.0
}

/// FNV-1a, 64 bits, over whatever is written to it: a stable fingerprint for rows without an
/// id (not a security measure). Written piece by piece, it hashes exactly the bytes the
/// pieces would make joined into one string, without making that string.
struct Fingerprint(u64);

impl Fingerprint {
    fn new() -> Fingerprint {
        Fingerprint(0xcbf2_9ce4_8422_2325)
    }
}

impl std::fmt::Write for Fingerprint {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        for byte in text.bytes() {
            self.0 ^= u64::from(byte);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The second and later sales with one fingerprint are its occurrences 2, 3, … in the
    /// file's order, as counting them would say, also where fingerprints differ only in the
    /// low bits a sale's place takes, for any number of sales.
    #[test]
    fn repeated_fingerprints_are_numbered_in_the_files_order() {
        for len in [1usize, 2, 3, 64, 65, 1000, 4097] {
            let fingerprints: Vec<u64> = (0..len as u64)
                .map(|i| if i % 3 == 0 { 0xabcd_u64 << 48 | (i * 7 % 5) } else { (i % 11).wrapping_mul(0x9e37_79b9_7f4a_7c15) })
                .collect();
            let day = NaiveDate::from_ymd_opt(2026, 1, 1).expect("a day");
            // In one part, and in parts of about 100, 7 and 1 sales, all in memory; and all but
            // the last 5 or 1 set aside on the disk, in parts of about a million and 100 (a pass
            // over the sales a part: thousands of parts are slow in a test's build).
            let aside = [PART_SALES, 100].into_iter().flat_map(|part| [(part, 5), (part, 1)]);
            for (part_sales, in_memory) in [PART_SALES, 100, 7, 1].map(|part| (part, usize::MAX)).into_iter().chain(aside) {
                let mut sales = SaleList::new(SetAside { dir: None, in_memory });
                for &fingerprint in &fingerprints {
                    let key = SaleKey::row(fingerprint, NonZeroU32::MIN);
                    sales.push(ImportSale { line: 2, date: day, key, amount_minor: 1, customer: None, description: TextRef::default() });
                }
                number_occurrences(&mut sales, part_sales);
                assert_eq!(sales.failure(), None);
                assert_eq!(sales.len(), len);
                let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
                for (sale, &fingerprint) in sales.iter().zip(&fingerprints) {
                    let count = counts.entry(fingerprint).or_default();
                    *count += 1;
                    let occurrence = NonZeroU32::new(*count).expect("counted from 1");
                    assert_eq!(
                        sale.key,
                        SaleKey::row(fingerprint, occurrence),
                        "{len} sales in parts of {part_sales}, {in_memory} in memory"
                    );
                }
            }
        }
    }

    /// Each sale's description is its order's rows' texts in the file's order, joined with
    /// ", " and cut to 500 characters, whether its rows come together or between other orders'
    /// rows, and wherever its texts are (in memory, set aside, or a text set aside extended in
    /// memory), read at random or in order.
    #[test]
    fn each_sale_is_described_by_its_orders_rows() {
        let long = "é".repeat(300);
        let mut rows: Vec<(u32, String)> = Vec::new();
        for n in 0..400u32 {
            let order = n / 3;
            rows.push((order, if n % 7 == 0 { String::new() } else { format!("item {n}") }));
            if n % 5 == 0 {
                // A row of an earlier order, between later ones.
                rows.push((order.saturating_sub(2), format!("late {n}")));
            }
        }
        let next = rows.iter().map(|row| row.0).max().unwrap_or(0) + 1;
        rows.extend([(next, long.clone()), (next, long.clone()), (next + 1, "x".repeat(501)), (next + 2, "y".repeat(500))]);
        // An order of many long rows, between others': past 500 characters, nothing more is kept.
        for n in 0..50 {
            rows.push((next + 3, "z".repeat(400)));
            rows.push((next + 4 + n, format!("between {n}")));
        }
        let orders = (next + 4 + 50) as usize;
        for in_memory in [1, 2, 10, 1 << 20] {
            let mut texts = SaleList::new(SetAside { dir: None, in_memory }).texts();
            let mut of_order = vec![TextRef::default(); orders];
            for (order, text) in &rows {
                let at = of_order[*order as usize];
                of_order[*order as usize] = join_description(&mut texts, at, text);
            }
            // Read as they were made, and once the rest is set aside (as a read file's are).
            for rest_aside in [false, true] {
                if rest_aside {
                    texts.set_rest_aside();
                }
                let what = format!("{in_memory} in memory, the rest aside: {rest_aside}");
                let mut reader = texts.reader();
                for (order, &at) in of_order.iter().enumerate() {
                    let texts_of: Vec<&str> =
                        rows.iter().filter(|row| row.0 as usize == order && !row.1.is_empty()).map(|row| row.1.as_str()).collect();
                    let joined = texts_of.join(", ");
                    let expected = if joined.chars().count() > 500 { joined.chars().take(499).collect::<String>() + "…" } else { joined };
                    assert_eq!(described(texts.get(at)), expected, "order {order}, {what}");
                    assert_eq!(described(reader.text(at)), expected, "order {order} read in order, {what}");
                }
            }
            assert!(texts.len() < 400 * 12 + 50 * 2100 + 4000, "{} bytes: long texts are not joined again and again", texts.len());
        }
    }

    /// Rows whose cells differ are different people, however the same letters are split
    /// between the cells and however long a cell is; rows with the same cells are one person,
    /// the first outcome made for them (a person, a walk-in or a problem), numbered in the order
    /// they came: as a map would say.
    #[test]
    fn people_are_found_by_their_cells_as_a_map_would_find_them() {
        let long = "x".repeat(300);
        let mut rows: Vec<[String; 5]> = Vec::new();
        for n in 0..20_000 {
            let id = format!("C{}", n % 7_000);
            rows.push([id.clone(), format!("Ann {}", n % 3), String::new(), String::new(), String::new()]);
            rows.push([format!("{id}A"), "nn 0".into(), String::new(), String::new(), String::new()]);
        }
        for (a, b) in [("ab", "c"), ("a", "bc"), ("abc", ""), ("", "abc")] {
            rows.push([a.into(), b.into(), String::new(), String::new(), String::new()]);
        }
        rows.push([long.clone(), String::new(), String::new(), String::new(), String::new()]);
        rows.push([long[..299].into(), "x".into(), String::new(), String::new(), String::new()]);
        rows.push([String::new(), long.clone(), String::new(), String::new(), String::new()]);
        let (mut identities, mut people) = (Identities::default(), People::default());
        let mut model: FxHashMap<[String; 5], u32> = FxHashMap::default();
        // The line each person first came on, by number.
        let mut firsts = Vec::new();
        let mut identity = String::new();
        for (line, cells) in rows.iter().enumerate() {
            write_identity(&mut identity, "x", cells.each_ref().map(String::as_str));
            let made = u32::try_from(model.len()).expect("few");
            let expected = *model.entry(cells.clone()).or_insert_with(|| {
                firsts.push(line);
                made
            });
            // Each outcome made is a person (named for the line), a walk-in or a problem (on
            // that line), by turns.
            let first = firsts[expected as usize];
            let found = identities.find_or_make(&mut people, &identity, || match line % 3 {
                0 => Ok(Some(Person { draft_name: line.to_string(), ..Person::default() })),
                1 => Ok(None),
                _ => Err(Box::new((line, String::new()))),
            });
            match first % 3 {
                0 => {
                    assert_eq!(found, Ok(Some(expected)), "{cells:?}: numbered in the order they came");
                    assert_eq!(people.get(expected).draft_name, first.to_string());
                }
                1 => assert_eq!(found, Ok(None), "{cells:?}"),
                _ => assert_eq!(found, Err(Box::new((first, String::new()))), "{cells:?}"),
            }
        }
        assert_eq!(people.len(), model.len());
    }
}
