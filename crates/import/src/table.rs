//! From a file to blocks of text cells: the encoding (UTF-8 with or without a byte-order mark,
//! UTF-16 with one, else Windows-1252, which covers Latin-1), the delimiter and the header, found
//! once ([`open`]); then the rows, a block at a time, on each pass over the file ([`Rows`]).

use std::collections::VecDeque;
use std::io::Read;

use encoding_rs::Encoding;

use crate::{Notes, Problem};

/// A block of a CSV file's rows as text cells (or the whole file, from [`read`]), with the line
/// each row started on (1 is the header). Every data
/// row has as many cells as the header (a row that does not is a problem, not a row). The
/// cells live in one buffer, in file order: reading a million rows makes no million
/// allocations, and going through them reads memory front to back. Offsets and line numbers
/// are 32-bit (a file is at most [`MAX_BYTES`], its text at most 4 GiB): a wide export has
/// more bytes of offsets than of text.
#[derive(Debug, Clone)]
pub struct Table {
    pub encoding: &'static str,
    pub delimiter: u8,
    pub headers: Vec<String>,
    text: String,
    /// Where each cell starts in `text`, and then where the last one ends.
    bounds: Vec<u32>,
    lines: Vec<u32>,
}

/// One data row of a [`Table`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    pub line: u64,
    table: &'a Table,
    index: usize,
}

impl<'a> Row<'a> {
    /// The text of cell `i` (empty past the last column).
    pub fn cell(&self, i: usize) -> &'a str {
        let width = self.table.headers.len();
        if i >= width {
            return "";
        }
        let at = self.index * width + i;
        &self.table.text[self.table.bounds[at] as usize..self.table.bounds[at + 1] as usize]
    }
}

impl Table {
    fn new(encoding: &'static str, delimiter: u8, headers: Vec<String>) -> Table {
        Table { encoding, delimiter, headers, text: String::new(), bounds: vec![0], lines: Vec::new() }
    }

    /// Adds a row. The text was checked to fit 32-bit offsets, and a file has fewer lines
    /// than bytes.
    fn push(&mut self, line: u64, record: &csv::StringRecord) {
        for cell in record {
            self.text.push_str(cell);
            self.bounds.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        }
        self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
    }

    /// Adds a record read on `line`, or says why it is not a row: blank (neither), a cell over
    /// [`MAX_CELL`], or the wrong number of cells.
    fn take(&mut self, line: u64, record: &csv::StringRecord) -> Option<Problem> {
        if record.iter().all(|c| c.trim().is_empty()) {
            return None;
        }
        if let Some((i, cell)) = record.iter().enumerate().find(|(_, c)| c.len() > MAX_CELL) {
            return Some(Problem {
                line,
                column: self.headers.get(i).cloned().unwrap_or_default(),
                value: shorten(cell),
                message: regulars_text::t!("import.cellTooLong", size = cell.len() >> 10),
            });
        }
        if record.len() != self.headers.len() {
            return Some(Problem {
                line,
                column: String::new(),
                value: shorten(&record.iter().collect::<Vec<_>>().join(&char::from(self.delimiter).to_string())),
                message: regulars_text::t!("import.cellCount", cells = record.len(), columns = self.headers.len()),
            });
        }
        self.push(line, record);
        None
    }

    /// Empties the table for the next block.
    fn clear(&mut self) {
        self.text.clear();
        self.bounds.truncate(1);
        self.lines.clear();
    }

    /// The data rows (the header not counted).
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.lines.iter().enumerate().map(move |(index, &line)| Row { line: u64::from(line), table: self, index })
    }
}

/// The largest file we read: far above a decade of a busy shop's sales.
pub const MAX_BYTES: usize = 2 << 30;
/// The longest single cell; a longer one is a broken file, not a sale.
pub const MAX_CELL: usize = 64 * 1024;
/// The rows of a block, at most: a pass over a file holds one block of its text at a time.
const BLOCK_ROWS: usize = 16_384;
/// The text of a block, at most (a block ends after the row that reaches it).
const BLOCK_TEXT: usize = 1 << 20;

/// Where a file's bytes come from. The import reads them from the start more than once (a first
/// pass finds the dates' order and the decimal mark, the next reads the sales) rather than
/// keeping them: a large export is never in memory whole, only a block of its rows.
pub trait Source {
    /// The bytes, from the start.
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>>;
    /// How many bytes there are.
    fn size(&self) -> std::io::Result<u64>;
}

impl Source for [u8] {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(self))
    }

    fn size(&self) -> std::io::Result<u64> {
        Ok(self.len() as u64)
    }
}

impl<const N: usize> Source for [u8; N] {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        self.as_slice().open()
    }

    fn size(&self) -> std::io::Result<u64> {
        self.as_slice().size()
    }
}

impl Source for Vec<u8> {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        self.as_slice().open()
    }

    fn size(&self) -> std::io::Result<u64> {
        self.as_slice().size()
    }
}

impl<S: Source + ?Sized> Source for &S {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        (**self).open()
    }

    fn size(&self) -> std::io::Result<u64> {
        (**self).size()
    }
}

/// A file's data rows, read a block at a time: a [`Table`] in memory is one block; a [`Csv`]
/// is read from its source again for each pass.
pub trait Rows {
    fn headers(&self) -> &[String];
    fn encoding(&self) -> &'static str;
    fn delimiter(&self) -> u8;
    /// Calls `each` with every data row, a block at a time, in the file's order; the rows that
    /// could not be read (a ragged row, a huge cell), each with its line.
    fn each_block(&self, each: &mut dyn FnMut(&Table)) -> Result<Notes<Problem>, Problem>;
}

impl Rows for Table {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn encoding(&self) -> &'static str {
        self.encoding
    }

    fn delimiter(&self) -> u8 {
        self.delimiter
    }

    fn each_block(&self, each: &mut dyn FnMut(&Table)) -> Result<Notes<Problem>, Problem> {
        each(self);
        Ok(Notes::default())
    }
}

impl<R: Rows + ?Sized> Rows for &R {
    fn headers(&self) -> &[String] {
        (**self).headers()
    }

    fn encoding(&self) -> &'static str {
        (**self).encoding()
    }

    fn delimiter(&self) -> u8 {
        (**self).delimiter()
    }

    fn each_block(&self, each: &mut dyn FnMut(&Table)) -> Result<Notes<Problem>, Problem> {
        (**self).each_block(each)
    }
}

/// How a file's bytes become text: UTF-8 as it is, or through a decoder; after a byte-order
/// mark of this many bytes.
#[derive(Debug, Clone, Copy)]
enum Decoding {
    Utf8 { bom: u64 },
    Decoded { encoding: &'static Encoding, bom: u64 },
}

/// A CSV file whose encoding, delimiter and header are known, its rows read from its source
/// on each pass. A pass that finds other bytes than [`open`] did (the file was saved again
/// meanwhile) fails rather than mix two versions of it.
#[derive(Debug)]
pub struct Csv<S> {
    source: S,
    pub encoding: &'static str,
    pub delimiter: u8,
    pub headers: Vec<String>,
    decoding: Decoding,
    /// The bytes' CRC-32 and length, as first read.
    checksum: (u32, u64),
}

fn unreadable(error: &std::io::Error) -> Problem {
    Problem::file(regulars_text::t!("import.unreadable", detail = error.to_string()))
}

fn too_large(size: u64) -> Problem {
    Problem::file(regulars_text::t!("import.tooLarge", size = size >> 20, max = MAX_BYTES >> 20))
}

fn changed() -> Problem {
    Problem::file(regulars_text::t!("import.changed"))
}

/// The raw bytes of a pass, their CRC-32 and count taken as they are read.
struct Checked<R> {
    inner: R,
    crc: crc32fast::Hasher,
    len: u64,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }
}

/// A file's text as UTF-8, decoded as it is read (UTF-8 itself passes through).
struct Decoded<R> {
    raw: R,
    decoder: Option<encoding_rs::Decoder>,
    input: Vec<u8>,
    /// The part of `input` not decoded yet.
    from: usize,
    to: usize,
    input_ended: bool,
    output: Vec<u8>,
    /// The part of `output` not handed out yet.
    at: usize,
    end: usize,
    finished: bool,
}

impl<R: Read> Decoded<R> {
    fn new(mut raw: R, decoding: Decoding) -> std::io::Result<Decoded<R>> {
        let (decoder, bom) = match decoding {
            Decoding::Utf8 { bom } => (None, bom),
            Decoding::Decoded { encoding, bom } => (Some(encoding.new_decoder_without_bom_handling()), bom),
        };
        std::io::copy(&mut (&mut raw).take(bom), &mut std::io::sink())?;
        let buffer = if decoder.is_some() { 1 << 16 } else { 0 };
        Ok(Decoded {
            raw,
            decoder,
            input: vec![0; buffer],
            from: 0,
            to: 0,
            input_ended: false,
            output: vec![0; buffer],
            at: 0,
            end: 0,
            finished: false,
        })
    }
}

impl<R: Read> Read for Decoded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let Some(decoder) = &mut self.decoder else { return self.raw.read(buf) };
        while self.at == self.end {
            if self.finished {
                return Ok(0);
            }
            if self.from == self.to && !self.input_ended {
                self.to = self.raw.read(&mut self.input)?;
                self.from = 0;
                self.input_ended = self.to == 0;
            }
            let (result, read, written, _) = decoder.decode_to_utf8(&self.input[self.from..self.to], &mut self.output, self.input_ended);
            self.from += read;
            (self.at, self.end) = (0, written);
            self.finished = self.input_ended && result == encoding_rs::CoderResult::InputEmpty;
        }
        let n = buf.len().min(self.end - self.at);
        buf[..n].copy_from_slice(&self.output[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// The text as the CSV reader reads it, with where its line breaks are: the line (from 1) of a
/// record is counted from them, the way an editor shows it (the CSV reader's own count is one
/// short after every `\r\n` line ending, as Windows exports end their lines). Only the breaks
/// read ahead of the record being read are kept.
struct Breaks<R> {
    inner: R,
    read: u64,
    /// Where each `\r` and `\n` read so far and not yet counted is, and whether it is a `\n`.
    ahead: VecDeque<(u64, bool)>,
    line: u64,
}

impl<R: Read> Read for Breaks<R> {
    /// Fills `buf` unless the text ends first, whatever sizes the file's own reads come in: the
    /// CSV reader drops a byte-order mark only when its first read holds all three bytes of it
    /// (and reads the text as ended when they were all it got), so a file must not read
    /// differently from a disk that hands out a few bytes at a time.
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() {
            match self.inner.read(&mut buf[n..]) {
                Ok(0) => break,
                Ok(more) => n += more,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                // What was read is handed out; the next read meets the error again.
                Err(_) if n > 0 => break,
                Err(e) => return Err(e),
            }
        }
        for (i, &b) in buf[..n].iter().enumerate() {
            if b == b'\n' || b == b'\r' {
                self.ahead.push_back((self.read + i as u64, b == b'\n'));
            }
        }
        self.read += n as u64;
        // The text's offsets are 32-bit where they are kept (a decoded file may outgrow its bytes).
        if u32::try_from(self.read).is_err() {
            return Err(std::io::Error::other(TOO_LARGE));
        }
        Ok(n)
    }
}

/// The message of the error [`Breaks`] reads when the text is too large.
const TOO_LARGE: &str = "the file's text is over 4 GiB";

impl<R> Breaks<R> {
    /// The line of the record at byte `at` of the text; records come in order. Line breaks
    /// right at `at` come before the record (after a `\r` the reader may place the next record
    /// at the `\n` that ends its line).
    fn line_at(&mut self, at: u64) -> u64 {
        let mut to = at;
        while let Some(&(place, newline)) = self.ahead.front() {
            if place > to {
                break;
            }
            if place == to {
                to += 1;
            }
            self.line += u64::from(newline);
            self.ahead.pop_front();
        }
        self.line
    }
}

/// The delimiter that splits the first lines into the most columns, the same number each time.
fn detect_delimiter(text: &str) -> u8 {
    let sample: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).take(20).collect();
    let joined = sample.join("\n");
    let mut best = (b',', 0usize);
    for delimiter in [b',', b';', b'\t', b'|'] {
        let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(joined.as_bytes());
        let counts: Vec<usize> = reader.records().filter_map(Result::ok).map(|r| r.len()).collect();
        let Some(&first) = counts.first() else { continue };
        let consistent = counts.iter().filter(|&&c| c == first).count();
        // Columns, weighted by how many lines agree.
        let score = if first > 1 { first * consistent } else { 0 };
        if score > best.1 {
            best = (delimiter, score);
        }
    }
    best.0
}

/// Opens a CSV file: its size, encoding (UTF-8 with or without a byte-order mark, UTF-16 with
/// its mark, else Windows-1252), delimiter and header. An empty, binary or one-column file, or
/// one without a header, is refused here with the reason.
pub fn open<S: Source>(source: S) -> Result<Csv<S>, Problem> {
    let size = source.size().map_err(|e| unreadable(&e))?;
    if size > MAX_BYTES as u64 {
        return Err(too_large(size));
    }
    let scan = scan(&source)?;
    if scan.blank {
        return Err(Problem::file(regulars_text::t!("import.empty")));
    }
    let utf8_bom = if scan.start.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
    let (decoding, encoding) = if scan.start.starts_with(b"\xFF\xFE") {
        (Decoding::Decoded { encoding: encoding_rs::UTF_16LE, bom: 2 }, "UTF-16LE (with BOM)")
    } else if scan.start.starts_with(b"\xFE\xFF") {
        (Decoding::Decoded { encoding: encoding_rs::UTF_16BE, bom: 2 }, "UTF-16BE (with BOM)")
    } else if scan.utf8 {
        (Decoding::Utf8 { bom: utf8_bom }, if utf8_bom > 0 { "UTF-8 (with BOM)" } else { "UTF-8" })
    } else {
        (Decoding::Decoded { encoding: encoding_rs::WINDOWS_1252, bom: utf8_bom }, "Windows-1252")
    };
    let head = head(&source, decoding)?;
    // Control characters (a zero byte above all) mean a spreadsheet or an archive, not text.
    let looks_binary = head.chars().take(8192).any(|c| c == '\0' || c < '\u{09}' || ('\u{0E}'..'\u{20}').contains(&c));
    if looks_binary {
        return Err(Problem::file(regulars_text::t!("import.binary")));
    }
    let delimiter = detect_delimiter(&head);
    let mut csv = Csv { source, encoding, delimiter, headers: Vec::new(), decoding, checksum: (scan.crc, scan.len) };
    let headers = {
        let (mut reader, mut record) = csv.reader()?;
        match reader.read_record(&mut record) {
            Ok(true) => record.iter().map(|h| h.trim().to_owned()).collect(),
            Err(e) => {
                return Err(file_problem(&e, size)
                    .unwrap_or_else(|| Problem::file(regulars_text::t!("import.firstLineUnreadable", detail = e.to_string()))));
            }
            Ok(false) => return Err(Problem::file(regulars_text::t!("import.empty"))),
        }
    };
    csv.headers = headers;
    if csv.headers.len() < 2 {
        return Err(Problem::file(regulars_text::t!(
            "import.singleColumn",
            column = csv.headers.first().map(|h| shorten(h)).unwrap_or_default()
        )));
    }
    if csv.headers.iter().all(|h| h.is_empty()) {
        return Err(Problem::file(regulars_text::t!("import.blankHeader")));
    }
    Ok(csv)
}

/// What one pass over a file's bytes tells: whether they are all blank, whether they are UTF-8
/// (after a byte-order mark), their first bytes, their CRC-32 and length.
struct Scan {
    blank: bool,
    utf8: bool,
    start: Vec<u8>,
    crc: u32,
    len: u64,
}

fn scan(source: &dyn Source) -> Result<Scan, Problem> {
    let mut raw = Checked { inner: source.open().map_err(|e| unreadable(&e))?, crc: crc32fast::Hasher::new(), len: 0 };
    let mut buffer = vec![0u8; 1 << 16];
    let (mut blank, mut utf8, mut start) = (true, true, Vec::new());
    // `buffer[..carried]`: the start of a character the last read cut in two.
    let mut carried = 0usize;
    loop {
        let n = match raw.read(&mut buffer[carried..]) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(unreadable(&e)),
        };
        let fresh = &buffer[carried..carried + n];
        blank = blank && fresh.iter().all(u8::is_ascii_whitespace);
        let wanted = 3usize.saturating_sub(start.len());
        start.extend(fresh.iter().take(wanted));
        let total = carried + n;
        let mut text = &buffer[..total];
        if raw.len == total as u64 {
            // The first read: a UTF-8 byte-order mark is not part of the text.
            text = text.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(text);
        }
        let mut cut = 0;
        if utf8 {
            match std::str::from_utf8(text) {
                Ok(_) => {}
                Err(e) if e.error_len().is_none() => cut = text.len() - e.valid_up_to(),
                Err(_) => utf8 = false,
            }
        }
        buffer.copy_within(total - cut..total, 0);
        carried = cut;
    }
    Ok(Scan { blank, utf8: utf8 && carried == 0, start, crc: raw.crc.finalize(), len: raw.len })
}

/// The start of the text: enough lines to find the delimiter by (20 that are not blank, and at
/// least 64 KiB for the check for binary data), at most 16 MiB; cut after its last whole line
/// unless that is the end of the file.
fn head(source: &dyn Source, decoding: Decoding) -> Result<String, Problem> {
    const ENOUGH: usize = 1 << 16;
    const MOST: usize = 16 << 20;
    let raw = source.open().map_err(|e| unreadable(&e))?;
    let mut text = Decoded::new(raw, decoding).map_err(|e| unreadable(&e))?;
    let mut head = Vec::new();
    let (mut lines, mut counted) = (0usize, 0usize);
    let mut ended = false;
    while !ended && (lines < 20 || head.len() < ENOUGH) && head.len() < MOST {
        let before = head.len();
        ended = (&mut text).take(ENOUGH as u64).read_to_end(&mut head).map_err(|e| unreadable(&e))? == 0;
        if head.len() == before {
            ended = true;
        }
        // Count the lines that are not blank among those now whole (the last break is looked
        // for among the bytes just read: a long line is not searched again on every read).
        let whole = head[before..].iter().rposition(|&b| b == b'\n').map_or(counted, |last| before + last + 1);
        lines += head[counted..whole].split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count();
        counted = counted.max(whole);
    }
    if !ended && let Some(last) = head.iter().rposition(|&b| b == b'\n') {
        head.truncate(last + 1);
    }
    Ok(match String::from_utf8(head) {
        Ok(text) => text,
        // Cut in a character at 16 MiB: up to where it was whole.
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let mut bytes = e.into_bytes();
            bytes.truncate(valid);
            String::from_utf8(bytes).unwrap_or_default()
        }
    })
}

/// The CSV reader of one pass, the text coming through [`Breaks`].
type Reader<'a> = csv::Reader<Breaks<Decoded<Checked<Box<dyn Read + 'a>>>>>;

/// What a pass's reading error means for the file as a whole, if anything: its bytes could not
/// be read, or its text is too large.
fn file_problem(error: &csv::Error, size: u64) -> Option<Problem> {
    match error.kind() {
        csv::ErrorKind::Io(io) if io.to_string() == TOO_LARGE => Some(too_large(size)),
        csv::ErrorKind::Io(io) => Some(unreadable(io)),
        _ => None,
    }
}

impl<S: Source> Csv<S> {
    /// A reader from the start of the file.
    fn reader(&self) -> Result<(Reader<'_>, csv::StringRecord), Problem> {
        let raw = Checked { inner: self.source.open().map_err(|e| unreadable(&e))?, crc: crc32fast::Hasher::new(), len: 0 };
        let text = Decoded::new(raw, self.decoding).map_err(|e| unreadable(&e))?;
        let breaks = Breaks { inner: text, read: 0, ahead: VecDeque::new(), line: 1 };
        let reader = csv::ReaderBuilder::new()
            .delimiter(self.delimiter)
            .has_headers(false)
            .flexible(true)
            .buffer_capacity(1 << 16)
            .from_reader(breaks);
        Ok((reader, csv::StringRecord::new()))
    }

    /// One pass over the data rows, in blocks of at most `rows` rows and about `text` bytes
    /// of text (a block ends after the row that reaches it).
    fn pass(&self, (rows, text): (usize, usize), each: &mut dyn FnMut(&Table)) -> Result<Notes<Problem>, Problem> {
        let (mut reader, mut record) = self.reader()?;
        let size = self.checksum.1;
        if !matches!(reader.read_record(&mut record), Ok(true)) {
            return Err(changed());
        }
        let mut table = Table::new(self.encoding, self.delimiter, self.headers.clone());
        let mut problems = Notes::default();
        loop {
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    if let Some(problem) = file_problem(&e, size) {
                        return Err(problem);
                    }
                    let line = e.position().map_or(0, |p| reader.get_mut().line_at(p.byte()));
                    problems.push(Problem {
                        line,
                        column: String::new(),
                        value: String::new(),
                        message: regulars_text::t!("import.lineUnreadable", detail = e.to_string()),
                    });
                    // A broken line ends where the reader stopped; carry on after it.
                    continue;
                }
            }
            let line = record.position().map_or(0, |p| reader.get_mut().line_at(p.byte()));
            if let Some(problem) = table.take(line, &record) {
                problems.push(problem);
            }
            if table.len() >= rows || table.text.len() >= text {
                each(&table);
                table.clear();
            }
        }
        if !table.is_empty() {
            each(&table);
        }
        let raw = &reader.get_ref().inner.raw;
        if (raw.crc.clone().finalize(), raw.len) != self.checksum {
            return Err(changed());
        }
        Ok(problems.done())
    }
}

impl<S: Source> Rows for Csv<S> {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn encoding(&self) -> &'static str {
        self.encoding
    }

    fn delimiter(&self) -> u8 {
        self.delimiter
    }

    fn each_block(&self, each: &mut dyn FnMut(&Table)) -> Result<Notes<Problem>, Problem> {
        self.pass((BLOCK_ROWS, BLOCK_TEXT), each)
    }
}

/// Reads the whole file into one table. Structural problems (no header, binary junk, a huge
/// cell, rows with the wrong number of cells) come back as problems with their line.
pub fn read(bytes: &[u8]) -> Result<(Table, Notes<Problem>), Problem> {
    let csv = open(bytes)?;
    let mut whole = None;
    let problems = csv.pass((usize::MAX, usize::MAX), &mut |table| whole = Some(table.clone()))?;
    let table = whole.unwrap_or_else(|| Table::new(csv.encoding, csv.delimiter, csv.headers.clone()));
    Ok((table, problems))
}

/// At most 60 characters of a value, for messages.
pub fn shorten(value: &str) -> String {
    if value.chars().count() <= 60 { value.to_owned() } else { format!("{}…", value.chars().take(59).collect::<String>()) }
}
