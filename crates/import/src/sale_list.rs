//! A file's sales as they are read and planned: the last of them in memory, the others set
//! aside in a file of their own on the disk, 40 bytes a sale, read back a block at a time. In
//! memory, every sale of a 10M-row file took 320 MB, three quarters of that import's peak; set
//! aside, the sales in memory are at most [`SALES_IN_MEMORY`] whatever the file's size. Their
//! texts (order ids, descriptions) are kept the same way, in a [`TextList`] each.
//!
//! The file is a temporary one in the folder the caller names (the shop's own, on the disk
//! with the shop, never a `/tmp` that may live in memory): it has no name on Linux, and the
//! system deletes it when it is closed on Windows and macOS, so an import that is cut off
//! leaves nothing behind. It is read and written at offsets, never through a cursor (Windows
//! moves the cursor on a read at an offset). A sale is only ever written by the reader that
//! makes the list; once the list is made, the file does not change, and clones share it.
//!
//! A read or write that fails is remembered, not returned where it happens (a sale is looked
//! up in the middle of a hash table's search): [`SaleList::failure`] says so, every caller
//! checks it before the list is trusted, and an iteration over the list stops at the sale it
//! could not read, so a store that counts what it was given notices a short list.

use std::borrow::Cow;
use std::fs::File;
use std::num::NonZeroU32;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use chrono::{Datelike, NaiveDate};

use crate::{ImportError, ImportSale, Problem, SaleKey};

/// How many of a file's sales are kept in memory before the ones before them are set aside
/// (5 MB), and of its orders in the index that finds them by their ids (with 2 MB of each list
/// of texts): twice as many, 22 MB more, took the read of a 10M-charge Stripe export over the
/// 150 MB an import may take, and read it no faster.
pub const SALES_IN_MEMORY: usize = 1 << 17;

/// Bytes of a sale set aside.
const RECORD: usize = 40;

/// Sales read back from the disk at a time (128 KB).
const BLOCK: usize = 4096;

/// Whether `name` is that of a file sales are set aside in, as the `tempfile` crate names it
/// (`.tmp` and six letters or digits) on Windows, where it has a name until it is closed (on
/// Linux it has none; on macOS none once made): one a crash of the system left behind is this.
pub fn is_set_aside_file(name: &str) -> bool {
    name.strip_prefix(".tmp").is_some_and(|rest| rest.len() == 6 && rest.chars().all(|c| c.is_ascii_alphanumeric()))
}

/// Where a file's sales are set aside, and how many stay in memory.
#[derive(Debug, Clone)]
pub struct SetAside {
    /// The folder (`None`: the system's temporary folder).
    pub dir: Option<PathBuf>,
    /// At most this many sales in memory (at least one).
    pub in_memory: usize,
}

impl Default for SetAside {
    fn default() -> SetAside {
        SetAside { dir: None, in_memory: SALES_IN_MEMORY }
    }
}

/// A temporary file in a folder, made at the first write, and what went wrong reading or
/// writing it (the first time), which every file of one import shares: its sales, their texts
/// and its orders' index fail together, and one check of the sales is a check of them all.
#[derive(Clone)]
pub(crate) struct Disk {
    dir: Option<PathBuf>,
    file: Option<Arc<File>>,
    failed: Arc<Mutex<Option<String>>>,
}

impl Disk {
    /// Another file in the same folder, failing with this one.
    pub(crate) fn another(&self) -> Disk {
        Disk { dir: self.dir.clone(), file: None, failed: Arc::clone(&self.failed) }
    }

    /// Writes `bytes` at `offset` (a failure is remembered).
    pub(crate) fn write(&mut self, bytes: &[u8], offset: u64) {
        let written = match &self.file {
            Some(file) => write_at(file, bytes, offset),
            None => {
                let made = match &self.dir {
                    Some(dir) => tempfile::tempfile_in(dir),
                    None => tempfile::tempfile(),
                };
                made.and_then(|file| write_at(self.file.insert(Arc::new(file)), bytes, offset))
            }
        };
        if let Err(error) = written {
            self.fail(error);
        }
    }

    /// Reads `bytes` from `offset`: false when it could not (remembered).
    pub(crate) fn read(&self, bytes: &mut [u8], offset: u64) -> bool {
        let read = self.file.as_ref().ok_or_else(|| std::io::Error::other("no file")).and_then(|file| read_at(file, bytes, offset));
        read.map_err(|error| self.fail(error)).is_ok()
    }

    pub(crate) fn fail(&self, error: std::io::Error) {
        let mut failed = self.failed.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        failed.get_or_insert_with(|| regulars_text::t!("import.setAside", detail = error.to_string()));
    }

    fn failure(&self) -> Option<String> {
        self.failed.lock().map_or_else(|poisoned| poisoned.into_inner().clone(), |failed| failed.clone())
    }
}

/// A file's sales, in the file's order (see the module's notes).
#[derive(Clone)]
pub struct SaleList {
    /// At most this many sales in memory (at least one).
    in_memory: usize,
    /// Where the first `on_disk` sales are, once any is set aside.
    disk: Disk,
    on_disk: usize,
    /// The sales after them.
    tail: Vec<ImportSale>,
}

impl std::fmt::Debug for SaleList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SaleList").field("len", &self.len()).field("on_disk", &self.on_disk).finish()
    }
}

impl Default for SaleList {
    fn default() -> SaleList {
        SaleList::new(SetAside::default())
    }
}

impl SaleList {
    pub(crate) fn new(aside: SetAside) -> SaleList {
        let disk = Disk { dir: aside.dir, file: None, failed: Arc::default() };
        SaleList { in_memory: aside.in_memory.max(1), disk, on_disk: 0, tail: Vec::new() }
    }

    pub fn len(&self) -> usize {
        self.on_disk + self.tail.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many of the sales are set aside on the disk.
    pub fn set_aside(&self) -> usize {
        self.on_disk
    }

    /// What went wrong setting the sales aside or reading them back (`None`: nothing; the list
    /// is whole).
    pub fn failure(&self) -> Option<String> {
        self.disk.failure()
    }

    /// The list as an import's answer: whole, or the file's problem that says what went wrong.
    pub fn check(&self) -> Result<(), ImportError> {
        match self.failure() {
            Some(failure) => Err(ImportError::File(Problem::file(failure))),
            None => Ok(()),
        }
    }

    /// The sale at `index` (a copy; a sale on the disk that cannot be read is a default one, and
    /// the list has failed). Panics past the end, as a slice does.
    pub fn get(&self, index: usize) -> ImportSale {
        if index >= self.on_disk {
            return self.tail[index - self.on_disk];
        }
        let mut record = [0; RECORD];
        if !self.read(&mut record, index) {
            record = [0; RECORD];
        }
        decode(&record)
    }

    /// Reads the sales set aside from `index` on into `bytes` (false: it could not, and the
    /// list has failed).
    fn read(&self, bytes: &mut [u8], index: usize) -> bool {
        self.disk.read(bytes, (index * RECORD) as u64)
    }

    /// The sales in order, a block at a time from the disk.
    pub fn iter(&self) -> Iter<'_> {
        Iter { list: self, block: Vec::new(), block_start: 0, next: 0, bytes: Vec::new() }
    }

    /// The sales' keys in order: only they are made of what is read (a pass over the keys is
    /// made for each part of them).
    pub fn keys(&self) -> Iter<'_, SaleKey> {
        Iter { list: self, block: Vec::new(), block_start: 0, next: 0, bytes: Vec::new() }
    }

    /// Adds a sale at the end.
    pub(crate) fn push(&mut self, sale: ImportSale) {
        if self.tail.len() >= self.in_memory {
            self.spill();
        }
        self.tail.push(sale);
    }

    /// Writes the sales in memory at the end of the file (made the first time).
    fn spill(&mut self) {
        let mut bytes = vec![0; self.tail.len() * RECORD];
        for (sale, record) in self.tail.iter().zip(bytes.chunks_exact_mut(RECORD)) {
            encode(sale, record);
        }
        self.disk.write(&bytes, (self.on_disk * RECORD) as u64);
        // Counted as set aside even when the write failed: the list has failed, and its places
        // stay what they were.
        self.on_disk += self.tail.len();
        self.tail.clear();
    }

    /// Sets the sales still in memory aside too when some are already (a list in memory stays
    /// there), and gives back their room: once a file is read its sales are only read, in
    /// order, and the room is the plan's and the write's (5 MB of sales).
    pub(crate) fn set_rest_aside(&mut self) {
        if self.on_disk > 0 && !self.tail.is_empty() {
            self.spill();
            self.tail = Vec::new();
        }
    }

    /// Changes the sale at `index`.
    pub(crate) fn update(&mut self, index: usize, change: impl FnOnce(&mut ImportSale)) {
        if index >= self.on_disk {
            change(&mut self.tail[index - self.on_disk]);
            return;
        }
        let mut sale = self.get(index);
        change(&mut sale);
        let mut record = [0; RECORD];
        encode(&sale, &mut record);
        self.disk.write(&record, (index * RECORD) as u64);
    }

    /// Keeps the sales `keep` says to (it may change them), in order. The sales on the disk are
    /// kept where they are, a block at a time: each kept one written over the first place not
    /// yet kept (never past the block being read), and a block written back only when it
    /// changed, so that a file whose sales all stay as they are is only read.
    pub(crate) fn retain_mut(&mut self, mut keep: impl FnMut(&mut ImportSale) -> bool) {
        let mut bytes = Vec::new();
        let mut kept_bytes = Vec::new();
        let mut kept = 0;
        let mut first = 0;
        while first < self.on_disk {
            let end = (first + BLOCK).min(self.on_disk);
            bytes.resize((end - first) * RECORD, 0);
            if !self.read(&mut bytes, first) {
                return;
            }
            kept_bytes.clear();
            for record in bytes.chunks_exact(RECORD) {
                let mut sale = decode(record);
                if keep(&mut sale) {
                    let at = kept_bytes.len();
                    kept_bytes.resize(at + RECORD, 0);
                    encode(&sale, &mut kept_bytes[at..]);
                }
            }
            if kept != first || kept_bytes != bytes {
                self.disk.write(&kept_bytes, (kept * RECORD) as u64);
            }
            kept += kept_bytes.len() / RECORD;
            first = end;
        }
        // (What lies past the kept sales in the file is never read: the list ends before it.)
        self.on_disk = kept;
        self.tail.retain_mut(keep);
    }

    /// Gives the sales at the places of `keys` (in increasing order) those keys: a block of the
    /// disk read and written once for all of its sales.
    pub(crate) fn set_keys(&mut self, keys: &[(u32, SaleKey)]) {
        debug_assert!(keys.is_sorted_by_key(|&(place, _)| place));
        let on_disk = keys.partition_point(|&(place, _)| (place as usize) < self.on_disk);
        let mut bytes = Vec::new();
        let mut at = 0;
        while at < on_disk {
            let block = keys[at].0 as usize / BLOCK;
            let same = keys[at..on_disk].iter().take_while(|&&(place, _)| place as usize / BLOCK == block).count();
            let (first, end) = (block * BLOCK, ((block + 1) * BLOCK).min(self.on_disk));
            bytes.resize((end - first) * RECORD, 0);
            if self.read(&mut bytes, first) {
                for &(place, key) in &keys[at..at + same] {
                    let record = &mut bytes[(place as usize - first) * RECORD..][..RECORD];
                    let mut sale = decode(record);
                    sale.key = key;
                    encode(&sale, record);
                }
                self.disk.write(&bytes, (first * RECORD) as u64);
            }
            at += same;
        }
        for &(place, key) in &keys[on_disk..] {
            self.tail[place as usize - self.on_disk].key = key;
        }
    }
}

/// Bytes of text kept in memory for each sale [`SetAside::in_memory`] says (2 MB by default).
const TEXT_PER_SALE: usize = 16;

/// Bytes of text read from the disk at a time by a [`TextReader`].
const TEXT_BLOCK: usize = 64 * 1024;

/// Where a sale's text lies among a [`TextList`]'s: bytes from `start`, `len` of them (`len`
/// 0: none). A list's text past 4 GiB fails it (a file's text fits 32-bit offsets; its texts
/// are its own cells and, rarely, an order's joined again).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextRef {
    start: u32,
    len: u32,
}

impl TextRef {
    pub fn is_empty(self) -> bool {
        self.len == 0
    }

    /// The text of `len` bytes from `start`.
    pub fn new(start: u32, len: u32) -> TextRef {
        TextRef { start, len }
    }

    /// Where it starts.
    pub fn start(self) -> u32 {
        self.start
    }

    /// Its length in bytes.
    pub fn bytes(self) -> usize {
        self.len as usize
    }

    fn end(self) -> usize {
        self.start as usize + self.len as usize
    }
}

/// A file's sales' texts (their descriptions), one after another as they are added: the last
/// in memory, the others set aside on the disk beside the sales, read back at an offset or a
/// block at a time ([`TextReader`]). Made by the [`SaleList`] whose sales they are, whose
/// failure it shares: a list checked is checked with its texts.
#[derive(Clone)]
pub struct TextList {
    /// At most about this many bytes in memory.
    in_memory: usize,
    /// Where the first `on_disk` bytes are, once any is set aside.
    disk: Disk,
    on_disk: usize,
    /// The bytes after them (whole characters: a text is set aside whole or not at all, and
    /// an extension of one set aside starts a character).
    tail: String,
}

impl std::fmt::Debug for TextList {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextList").field("len", &self.len()).field("on_disk", &self.on_disk).finish()
    }
}

impl Default for TextList {
    fn default() -> TextList {
        SaleList::default().texts()
    }
}

impl SaleList {
    /// Another file beside the sales', failing with them.
    pub(crate) fn another_disk(&self) -> Disk {
        self.disk.another()
    }

    /// An empty list of texts for these sales, set aside where they are, failing with them.
    pub(crate) fn texts(&self) -> TextList {
        TextList { in_memory: self.in_memory.saturating_mul(TEXT_PER_SALE), disk: self.disk.another(), on_disk: 0, tail: String::new() }
    }
}

impl TextList {
    pub(crate) fn len(&self) -> usize {
        self.on_disk + self.tail.len()
    }

    /// Makes room: the texts in memory set aside at the end of the file (made the first time)
    /// once they are more than the list keeps.
    fn make_room(&mut self) {
        if self.tail.len() >= self.in_memory {
            self.spill();
        }
    }

    /// Writes the texts in memory at the end of the file (made the first time).
    fn spill(&mut self) {
        self.disk.write(self.tail.as_bytes(), self.on_disk as u64);
        self.on_disk += self.tail.len();
        self.tail.clear();
    }

    /// Sets the texts still in memory aside too when some are already, and gives back their
    /// room (see [`SaleList::set_rest_aside`]: 2 MB).
    pub(crate) fn set_rest_aside(&mut self) {
        if self.on_disk > 0 && !self.tail.is_empty() {
            self.spill();
            self.tail = String::new();
        }
    }

    /// Where the list ends, as an offset (past 4 GiB the list fails: see [`TextRef`]).
    fn end(&self) -> u32 {
        u32::try_from(self.len()).unwrap_or_else(|_| {
            self.disk.fail(std::io::Error::other("more than 4 GiB of text"));
            u32::MAX
        })
    }

    /// Adds `text` at the end: where it lies (empty: none).
    pub(crate) fn push(&mut self, text: &str) -> TextRef {
        self.push_all(&[text])
    }

    /// Adds `texts` at the end, one after another, as one text: where it lies.
    pub(crate) fn push_all(&mut self, texts: &[&str]) -> TextRef {
        if texts.iter().all(|text| text.is_empty()) {
            return TextRef::default();
        }
        self.make_room();
        let start = self.end();
        for text in texts {
            self.tail.push_str(text);
        }
        TextRef { start, len: self.end() - start }
    }

    /// `text` joined after the text at `at` with `joint`: extended where it lies when it is the
    /// last text of the list (an order's rows come one after another in most exports), else
    /// added again, whole, at the end.
    pub(crate) fn join(&mut self, at: TextRef, joint: &str, text: &str) -> TextRef {
        if at.is_empty() {
            return self.push(text);
        }
        if text.is_empty() {
            return at;
        }
        if at.end() == self.len() {
            self.make_room();
            self.tail.push_str(joint);
            self.tail.push_str(text);
            return TextRef { start: at.start, len: self.end() - at.start };
        }
        let joined = format!("{}{joint}{text}", self.get(at));
        self.push(&joined)
    }

    /// The text at `at` (one that cannot be read is empty, and the list has failed).
    pub fn get(&self, at: TextRef) -> Cow<'_, str> {
        self.reader().text(at)
    }

    /// A reader of the texts, which reads the disk a block at a time: the texts of sales read
    /// in order lie in order.
    pub fn reader(&self) -> TextReader<'_> {
        TextReader { list: self, block: Vec::new(), block_start: 0, joined: String::new() }
    }
}

/// Reads a [`TextList`]'s texts, keeping the last block it read from the disk.
pub struct TextReader<'a> {
    list: &'a TextList,
    block: Vec<u8>,
    block_start: usize,
    /// A text set aside and extended in memory, put together.
    joined: String,
}

impl<'a> TextReader<'a> {
    /// The text at `at`: borrowed from the list when it is in memory, else read.
    pub fn text(&mut self, at: TextRef) -> Cow<'a, str> {
        let list = self.list;
        if at.start as usize >= list.on_disk {
            return Cow::Borrowed(list.tail.get(at.start as usize - list.on_disk..at.end() - list.on_disk).unwrap_or_default());
        }
        Cow::Owned(self.read(at).to_owned())
    }

    /// The text at `at`, read into the reader when it is set aside (a text that cannot be read
    /// is empty, and the list has failed).
    pub fn read(&mut self, at: TextRef) -> &str {
        let list = self.list;
        let (start, end) = (at.start as usize, at.end());
        if at.is_empty() {
            return "";
        }
        if start >= list.on_disk {
            return list.tail.get(start - list.on_disk..end - list.on_disk).unwrap_or_default();
        }
        let on_disk_end = end.min(list.on_disk);
        if start < self.block_start || on_disk_end > self.block_start + self.block.len() {
            let block_end = (start + TEXT_BLOCK).max(on_disk_end).min(list.on_disk);
            self.block.resize(block_end - start, 0);
            if !list.disk.read(&mut self.block, start as u64) {
                self.block.clear();
                return "";
            }
            self.block_start = start;
        }
        let set_aside = std::str::from_utf8(&self.block[start - self.block_start..on_disk_end - self.block_start]);
        let Ok(set_aside) = set_aside else {
            list.disk.fail(std::io::Error::other("a text set aside was not read back whole"));
            return "";
        };
        if end == on_disk_end {
            return set_aside;
        }
        // An extension of a text set aside lies in memory.
        self.joined.clear();
        self.joined.push_str(set_aside);
        self.joined.push_str(list.tail.get(..end - on_disk_end).unwrap_or_default());
        &self.joined
    }
}

/// What an iteration over a [`SaleList`] gives of each sale.
pub trait Part: Copy {
    fn of_record(record: &[u8]) -> Self;
    fn of_sale(sale: &ImportSale) -> Self;
}

impl Part for ImportSale {
    fn of_record(record: &[u8]) -> ImportSale {
        decode(record)
    }

    fn of_sale(sale: &ImportSale) -> ImportSale {
        *sale
    }
}

impl Part for SaleKey {
    fn of_record(record: &[u8]) -> SaleKey {
        decode_key(record)
    }

    fn of_sale(sale: &ImportSale) -> SaleKey {
        sale.key
    }
}

/// The sales of a [`SaleList`] in order, or a part of each ([`Part`]), a block at a time.
pub struct Iter<'a, T: Part = ImportSale> {
    list: &'a SaleList,
    /// What the block holds: the sales (or their parts) from the place `block_start` on.
    block: Vec<T>,
    block_start: usize,
    /// Where the next one is in `block`.
    next: usize,
    /// The bytes of a block read from the disk.
    bytes: Vec<u8>,
}

impl<T: Part> Iter<'_, T> {
    /// The place of the sale given next.
    fn at(&self) -> usize {
        self.block_start + self.next
    }

    /// Reads the block of sales from `at` (at most [`BLOCK`]; none past the end).
    fn fill(&mut self, at: usize) {
        let list = self.list;
        self.block.clear();
        (self.block_start, self.next) = (at, 0);
        if at >= list.on_disk {
            let tail = list.tail.get(at - list.on_disk..).unwrap_or_default();
            self.block.extend(tail.iter().take(BLOCK).map(T::of_sale));
            return;
        }
        let end = (at + BLOCK).min(list.on_disk);
        self.bytes.resize((end - at) * RECORD, 0);
        if list.read(&mut self.bytes, at) {
            self.block.extend(self.bytes.chunks_exact(RECORD).map(T::of_record));
        } else {
            // Stops short: whoever counts the sales sees fewer than the list's length.
            self.block_start = list.len();
        }
    }
}

impl<T: Part> Iterator for Iter<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        if self.next >= self.block.len() {
            self.fill(self.at());
        }
        let item = *self.block.get(self.next)?;
        self.next += 1;
        Some(item)
    }

    /// Skips `n` sales, reading only the block of the one given.
    fn nth(&mut self, n: usize) -> Option<T> {
        let at = self.at().saturating_add(n).min(self.list.len());
        if at < self.block_start + self.block.len() {
            self.next = at - self.block_start;
        } else {
            self.fill(at);
        }
        self.next()
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.list.len().saturating_sub(self.at());
        (left, Some(left))
    }
}

impl<T: Part> ExactSizeIterator for Iter<'_, T> {}

/// `sale` in `RECORD` bytes: line, day, key (an order id's with 0 where a row's occurrence
/// is, which never is), amount, customer, where its description lies.
fn encode(sale: &ImportSale, record: &mut [u8]) {
    let (a, b, occurrence) = match sale.key {
        SaleKey::Row { fingerprint: [high, low], occurrence } => (high, low, occurrence.get()),
        SaleKey::Order { start, len } => (start, len, 0),
    };
    record[0..4].copy_from_slice(&sale.line.to_le_bytes());
    record[4..8].copy_from_slice(&sale.date.num_days_from_ce().to_le_bytes());
    record[8..12].copy_from_slice(&a.to_le_bytes());
    record[12..16].copy_from_slice(&b.to_le_bytes());
    record[16..20].copy_from_slice(&occurrence.to_le_bytes());
    record[20..28].copy_from_slice(&sale.amount_minor.to_le_bytes());
    record[28..32].copy_from_slice(&sale.customer.map_or(0, NonZeroU32::get).to_le_bytes());
    record[32..36].copy_from_slice(&sale.description.start.to_le_bytes());
    record[36..40].copy_from_slice(&sale.description.len.to_le_bytes());
}

fn u32_at(record: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([record[at], record[at + 1], record[at + 2], record[at + 3]])
}

fn decode_key(record: &[u8]) -> SaleKey {
    match NonZeroU32::new(u32_at(record, 16)) {
        Some(occurrence) => SaleKey::Row { fingerprint: [u32_at(record, 8), u32_at(record, 12)], occurrence },
        None => SaleKey::Order { start: u32_at(record, 8), len: u32_at(record, 12) },
    }
}

fn decode(record: &[u8]) -> ImportSale {
    let u32_at = |at: usize| u32_at(record, at);
    let key = decode_key(record);
    let mut amount = [0; 8];
    amount.copy_from_slice(&record[20..28]);
    ImportSale {
        line: u32_at(0),
        date: NaiveDate::from_num_days_from_ce_opt(u32_at(4) as i32).unwrap_or(NaiveDate::MIN),
        key,
        amount_minor: i64::from_le_bytes(amount),
        customer: NonZeroU32::new(u32_at(28)),
        description: TextRef { start: u32_at(32), len: u32_at(36) },
    }
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(windows)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    let mut done = 0;
    while done < bytes.len() {
        match std::os::windows::fs::FileExt::seek_read(file, &mut bytes[done..], offset + done as u64)? {
            0 => return Err(std::io::ErrorKind::UnexpectedEof.into()),
            read => done += read,
        }
    }
    Ok(())
}

#[cfg(windows)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    let mut done = 0;
    while done < bytes.len() {
        match std::os::windows::fs::FileExt::seek_write(file, &bytes[done..], offset + done as u64)? {
            0 => return Err(std::io::ErrorKind::WriteZero.into()),
            written => done += written,
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sale(n: usize) -> ImportSale {
        let key = if n.is_multiple_of(4) {
            SaleKey::Order { start: n as u32, len: 7 }
        } else {
            SaleKey::row((n as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15), NonZeroU32::new(1 + n as u32 % 3).expect("not 0"))
        };
        let date = NaiveDate::from_ymd_opt(1990 + (n % 60) as i32, 1 + (n % 12) as u32, 1 + (n % 28) as u32).expect("a day");
        let customer = NonZeroU32::new(n as u32 % 5);
        ImportSale {
            line: n as u32 + 2,
            date,
            key,
            amount_minor: n as i64 * 37 - 500,
            customer,
            description: TextRef { start: n as u32 * 3, len: n as u32 % 4 },
        }
    }

    /// Whatever its length and however few of it stay in memory, a list gives back what was put
    /// in, in order and by place, and keeps and changes sales as a `Vec` would, also around the
    /// edges of a block of the disk; the sales set aside are all but the last `in_memory`.
    #[test]
    fn a_list_is_what_a_vec_would_be_wherever_its_sales_are() {
        for len in [0, 1, 2, BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK + 17] {
            for in_memory in [1, 3, 100, usize::MAX] {
                for pattern in 0..4 {
                    let mut model: Vec<ImportSale> = (0..len).map(sale).collect();
                    let mut list = SaleList::new(SetAside { dir: None, in_memory });
                    for &sale in &model {
                        list.push(sale);
                    }
                    let what = format!("{len} sales, {in_memory} in memory, pattern {pattern}");
                    assert_eq!(list.len(), len, "{what}");
                    assert!(list.set_aside() >= len.saturating_sub(in_memory), "{what}");
                    let keep = |n: usize, sale: &mut ImportSale| match pattern {
                        0 => true,
                        1 => false,
                        2 => {
                            if n.is_multiple_of(3) {
                                sale.amount_minor += 1;
                            }
                            n % 5 != 2
                        }
                        _ => n >= len / 2,
                    };
                    let mut n = 0;
                    model.retain_mut(|sale| {
                        n += 1;
                        keep(n - 1, sale)
                    });
                    let mut n = 0;
                    list.retain_mut(|sale| {
                        n += 1;
                        keep(n - 1, sale)
                    });
                    assert_eq!(list.iter().collect::<Vec<_>>(), model, "{what}");
                    assert_eq!(list.keys().collect::<Vec<_>>(), model.iter().map(|s| s.key).collect::<Vec<_>>(), "{what}");
                    for at in (0..model.len()).step_by(97) {
                        assert_eq!(list.get(at), model[at], "{what}: sale {at}");
                        assert_eq!(list.iter().nth(at), Some(model[at]), "{what}: sale {at}");
                    }
                    // Sales added after some were left out follow the kept ones.
                    list.push(sale(len + 1));
                    model.push(sale(len + 1));
                    assert_eq!(list.iter().collect::<Vec<_>>(), model, "{what}");
                    // Once read, a list on the disk goes there whole; one in memory stays.
                    let on_disk = list.set_aside() > 0;
                    list.set_rest_aside();
                    assert_eq!(list.set_aside(), if on_disk { model.len() } else { 0 }, "{what}: the rest set aside");
                    assert_eq!(list.iter().collect::<Vec<_>>(), model, "{what}: the rest set aside");
                    assert_eq!(list.failure(), None, "{what}");
                }
            }
        }
    }
}
