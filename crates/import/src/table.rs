//! From the bytes of a file to a table of text cells: the encoding (UTF-8 with or without a
//! byte-order mark, else Windows-1252, which covers Latin-1), the delimiter, and the header.

use crate::Problem;

/// A CSV file as text cells, with the line each row started on (1 is the header). Every data
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

/// Decodes `bytes` as UTF-16 when they start with its byte-order mark (Excel's "Unicode
/// text"), else as UTF-8 (a byte-order mark is dropped) or, when that fails, Windows-1252.
pub fn decode(bytes: &[u8]) -> (std::borrow::Cow<'_, str>, &'static str) {
    for (bom, encoding, label) in
        [(&b"\xFF\xFE"[..], encoding_rs::UTF_16LE, "UTF-16LE (with BOM)"), (&b"\xFE\xFF"[..], encoding_rs::UTF_16BE, "UTF-16BE (with BOM)")]
    {
        if bytes.starts_with(bom) {
            let (text, _) = encoding.decode_with_bom_removal(bytes);
            return (text, label);
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(body) {
        Ok(text) => (std::borrow::Cow::Borrowed(text), if body.len() < bytes.len() { "UTF-8 (with BOM)" } else { "UTF-8" }),
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            (text, "Windows-1252")
        }
    }
}

/// The line (from 1) of a byte offset, for offsets that only grow.
struct LineCounter<'a> {
    text: &'a [u8],
    byte: usize,
    line: u64,
}

impl LineCounter<'_> {
    fn line_at(&mut self, byte: u64) -> u64 {
        let mut to = (byte as usize).min(self.text.len());
        // After a `\r` the reader may place the next record at the `\n` that ends its line.
        while self.text.get(to).is_some_and(|b| matches!(b, b'\r' | b'\n')) {
            to += 1;
        }
        if to > self.byte {
            self.line += self.text[self.byte..to].iter().filter(|&&b| b == b'\n').count() as u64;
            self.byte = to;
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

/// Reads the whole file into a table. Structural problems (no header, binary junk, a huge
/// cell, rows with the wrong number of cells) come back as problems with their line.
pub fn read(bytes: &[u8]) -> Result<(Table, Vec<Problem>), Problem> {
    if bytes.len() > MAX_BYTES {
        return Err(Problem::file(regulars_text::t!("import.tooLarge", size = bytes.len() >> 20, max = MAX_BYTES >> 20)));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Problem::file(regulars_text::t!("import.empty")));
    }
    let (text, encoding) = decode(bytes);
    if u32::try_from(text.len()).is_err() {
        // Windows-1252 text grows when decoded; the table's offsets are 32-bit.
        return Err(Problem::file(regulars_text::t!("import.tooLarge", size = text.len() >> 20, max = MAX_BYTES >> 20)));
    }
    // Control characters (a zero byte above all) mean a spreadsheet or an archive, not text.
    let looks_binary = text.chars().take(8192).any(|c| c == '\0' || c < '\u{09}' || ('\u{0E}'..'\u{20}').contains(&c));
    if looks_binary {
        return Err(Problem::file(regulars_text::t!("import.binary")));
    }
    let delimiter = detect_delimiter(&text);
    let mut reader = csv::ReaderBuilder::new().delimiter(delimiter).has_headers(false).flexible(true).from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    let headers: Vec<String> = match reader.read_record(&mut record) {
        Ok(true) => record.iter().map(|h| h.trim().to_owned()).collect(),
        Err(e) => return Err(Problem::file(regulars_text::t!("import.firstLineUnreadable", detail = e.to_string()))),
        Ok(false) => return Err(Problem::file(regulars_text::t!("import.empty"))),
    };
    if headers.len() < 2 {
        return Err(Problem::file(regulars_text::t!(
            "import.singleColumn",
            column = headers.first().map(|h| shorten(h)).unwrap_or_default()
        )));
    }
    if headers.iter().all(|h| h.is_empty()) {
        return Err(Problem::file(regulars_text::t!("import.blankHeader")));
    }
    let mut table = Table::new(encoding, delimiter, headers);
    table.text.reserve(text.len());
    let mut problems = Vec::new();
    // Line numbers counted from the bytes, the way an editor shows them: the CSV reader's own
    // count is one short after every `\r\n` line ending (Windows exports).
    let mut lines = LineCounter { text: text.as_bytes(), byte: 0, line: 1 };
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| lines.line_at(p.byte()));
                problems.push(Problem {
                    line,
                    column: String::new(),
                    value: String::new(),
                    message: regulars_text::t!("import.lineUnreadable", detail = e.to_string()),
                });
                // A broken line ends where the reader stopped; carry on after it.
                if matches!(e.kind(), csv::ErrorKind::Io(_)) {
                    break;
                }
                continue;
            }
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if let Some((i, cell)) = record.iter().enumerate().find(|(_, c)| c.len() > MAX_CELL) {
            problems.push(Problem {
                line,
                column: table.headers.get(i).cloned().unwrap_or_default(),
                value: shorten(cell),
                message: regulars_text::t!("import.cellTooLong", size = cell.len() >> 10),
            });
            continue;
        }
        if record.len() != table.headers.len() {
            problems.push(Problem {
                line,
                column: String::new(),
                value: shorten(&record.iter().collect::<Vec<_>>().join(&char::from(delimiter).to_string())),
                message: regulars_text::t!("import.cellCount", cells = record.len(), columns = table.headers.len()),
            });
            continue;
        }
        table.push(line, &record);
    }
    table.text.shrink_to_fit();
    Ok((table, problems))
}

/// At most 60 characters of a value, for messages.
pub fn shorten(value: &str) -> String {
    if value.chars().count() <= 60 { value.to_owned() } else { format!("{}…", value.chars().take(59).collect::<String>()) }
}
