//! Reading a file a block at a time from its source, as the import does: the same rows, lines
//! and text as reading it whole, across block and read boundaries, in every encoding; and a
//! file that changes or fails while it is read is an error, never a mix.

use std::cell::Cell;
use std::io::Read;

use chrono::NaiveDate;
use regulars_domain::Currency;
use regulars_import::{Rows, SetAside, Source, detect_preset, open, parse, read};

/// A file of `rows` plain sales whose names hold non-ASCII letters, so that characters fall
/// across every boundary of the reads, and blank lines and a quoted line break now and then.
fn plain(rows: usize, ending: &str) -> String {
    let mut file = format!("customer_id,customer_name,date,amount,description{ending}");
    for n in 0..rows {
        let name = ["Zoë Müller", "Łukasz Żak", "Ana", "Øystein Ås"][n % 4];
        let description = if n % 97 == 0 { format!("\"two{ending}lines\"") } else { format!("item {n} – é") };
        file.push_str(&format!(
            "C{},{name},2026-{:02}-{:02},{}.{:02},{description}{ending}",
            n % 300,
            n % 12 + 1,
            n % 28 + 1,
            n % 90 + 1,
            n % 100
        ));
        if n % 1000 == 0 {
            file.push_str(ending);
        }
    }
    file
}

/// Every row of `rows` as (line, cells), read a block at a time.
fn streamed(rows: &impl Rows) -> Vec<(u64, Vec<String>)> {
    let mut all = Vec::new();
    rows.each_block(&mut |table| {
        all.extend(table.rows().map(|r| (r.line, (0..table.headers.len()).map(|i| r.cell(i).to_owned()).collect())));
    })
    .expect("reads");
    all
}

/// The first row where two readings differ, rather than a screenful of rows.
fn same(a: &[(u64, Vec<String>)], b: &[(u64, Vec<String>)], what: &str) {
    let first = a.iter().zip(b).position(|(x, y)| x != y);
    assert!(
        first.is_none() && a.len() == b.len(),
        "{what}: {} and {} rows, first different: {:?}",
        a.len(),
        b.len(),
        first.map(|i| (&a[i], &b[i]))
    );
}

#[test]
fn rows_read_a_block_at_a_time_are_the_rows_of_the_whole_file() {
    for ending in ["\n", "\r\n"] {
        let text = plain(40_000, ending);
        let whole = read(text.as_bytes()).expect("whole").0;
        let file = open(text.as_bytes()).expect("opens");
        assert_eq!((file.encoding, file.delimiter, file.headers.len()), ("UTF-8", b',', 5));
        let rows = streamed(&file);
        same(&rows, &streamed(&whole), &format!("{ending:?}"));
        assert_eq!(rows.len(), 40_000);
        // A quoted line break is one more line for the rows after it (rows 0 and 97 have one),
        // and so is a blank line (after row 0).
        assert_eq!(rows[98].0, 2 + 98 + 3, "{:?}", rows[98]);
    }
}

#[test]
fn every_encoding_reads_the_same_text_whatever_the_reads_cut() {
    let text = plain(12_000, "\r\n");
    let expected = streamed(&read(text.as_bytes()).expect("whole").0);
    let with_bom = [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat();
    let utf16le: Vec<u8> = [0xFF, 0xFE].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect();
    let utf16be: Vec<u8> = [0xFE, 0xFF].into_iter().chain(text.encode_utf16().flat_map(u16::to_be_bytes)).collect();
    for (bytes, encoding) in [(with_bom, "UTF-8 (with BOM)"), (utf16le, "UTF-16LE (with BOM)"), (utf16be, "UTF-16BE (with BOM)")] {
        // Reads of 7 bytes cut characters, byte-order marks and line endings everywhere.
        let file = open(Trickle { bytes: &bytes, read: 7 }).expect("opens");
        assert_eq!(file.encoding, encoding);
        same(&streamed(&file), &expected, encoding);
    }
    // Windows-1252: every letter it has is one byte; those it lacks are left out of this file.
    let latin: String = text.replace(['Ł', 'ż', 'Ż', '–'], "-");
    let (bytes, _, lossy) = encoding_rs::WINDOWS_1252.encode(&latin);
    assert!(!lossy);
    let file = open(Trickle { bytes: &bytes, read: 7 }).expect("opens");
    assert_eq!(file.encoding, "Windows-1252");
    same(&streamed(&file), &streamed(&read(latin.as_bytes()).expect("whole").0), "Windows-1252");
}

/// A source whose reads give at most `read` bytes at a time.
struct Trickle<'a> {
    bytes: &'a [u8],
    read: usize,
}

impl Source for Trickle<'_> {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(Chunks { bytes: self.bytes, read: self.read }))
    }

    fn size(&self) -> std::io::Result<u64> {
        Ok(self.bytes.len() as u64)
    }
}

struct Chunks<'a> {
    bytes: &'a [u8],
    read: usize,
}

impl Read for Chunks<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.read).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

/// A file saved again while it is read: each open gives the next version.
#[derive(Debug)]
struct Saved {
    versions: Vec<Vec<u8>>,
    opened: Cell<usize>,
}

impl Source for Saved {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        let n = self.opened.get();
        self.opened.set(n + 1);
        Ok(Box::new(self.versions[n.min(self.versions.len() - 1)].as_slice()))
    }

    fn size(&self) -> std::io::Result<u64> {
        Ok(self.versions[0].len() as u64)
    }
}

/// A source whose reads fail after `good` bytes.
#[derive(Debug)]
struct Failing {
    bytes: Vec<u8>,
    good: usize,
}

impl Source for Failing {
    fn open(&self) -> std::io::Result<Box<dyn Read + '_>> {
        Ok(Box::new(self.bytes[..self.good].chain(Broken)))
    }

    fn size(&self) -> std::io::Result<u64> {
        Ok(self.bytes.len() as u64)
    }
}

struct Broken;

impl Read for Broken {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("the network drive went away"))
    }
}

#[test]
fn a_file_that_changes_or_fails_while_it_is_read_is_an_error_not_a_mix() {
    let first = plain(30_000, "\n");
    // The same length, one amount different near the end: only the checksum can tell.
    let second = first.replacen(",2026-03-03,3.02,", ",2026-03-03,3.92,", 1);
    assert_ne!(first, second);
    assert_eq!(first.len(), second.len());
    let today = NaiveDate::from_ymd_opt(2026, 11, 23).expect("date");
    let eur = Currency::parse("EUR").expect("EUR");
    for opened_before_the_change in 1..=4 {
        // Scan, head and header, then the passes of `parse`: the file is saved again after some.
        let mut versions = vec![first.clone().into_bytes(); opened_before_the_change];
        versions.push(second.clone().into_bytes());
        let source = Saved { versions, opened: Cell::new(0) };
        let outcome = open(&source).and_then(|file| {
            let preset = detect_preset(&file.headers).expect("plain");
            parse(&file, preset, None, eur, today, None, SetAside::default()).map_err(|e| regulars_import::Problem::file(e.to_string()))
        });
        let error = outcome.expect_err("the file changed").to_string();
        assert!(error.contains("changed while it was being read"), "after {opened_before_the_change} opens: {error}");
    }
    let failing = Failing { bytes: first.clone().into_bytes(), good: 200_000 };
    let error = open(&failing).expect_err("unreadable").to_string();
    assert!(error.contains("could not be read") && error.contains("network drive"), "{error}");
}
