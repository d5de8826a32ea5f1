//! The child of the crash tests (`tests/it/crash.rs`): runs one use case over and over on a
//! shop and prints a line after each write that returned — the parent kills it with SIGKILL
//! at a random moment and then checks that everything printed is in the file.
//!
//! `regulars-crash-child DIR log`: log sales, printing `sale ID AMOUNT`.
//! `regulars-crash-child DIR edit ID`: edit sale ID's amount up by a cent each time, printing
//! `edit ID AMOUNT`.
//! `regulars-crash-child DIR backup FILE`: back up to FILE again and again, printing `backup`.
//! `regulars-crash-child DIR import FILE`: import FILE once, printing `imported ID SALES`.
//! `regulars-crash-child DIR open`: open the shop (which upgrades an old one) and print `open`.
//! `regulars-crash-child DIR fill`: log sales until a write is refused (the parent set a
//! file-size limit), print `refused MESSAGE`, lift the limit and log one more.
//! `regulars-crash-child DIR relock`: lock the shop with a passphrase, unlock it, and again,
//! printing `locked` and `unlocked` (the passphrase is `correct horse`).
//! `regulars-crash-child DIR hold`: open the shop, log a sale, print `holding`, wait for a line
//! on standard input (the parent tried to replace the shop meanwhile), log another sale and
//! print `done`.
//! `regulars-crash-child DIR readonly`: try to open the shop (the parent made its folder
//! read-only), print `refused MESSAGE`, wait for a line on standard input (the folder is
//! writable again), open it and log one sale.

use std::io::Write;
use std::path::PathBuf;

use regulars_core::{Clock, Session};
use regulars_domain::{CustomerId, SaleDraft, SaleId};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = PathBuf::from(args.first().ok_or("usage: regulars-crash-child DIR MODE [ARG]")?);
    let mode = args.get(1).map(String::as_str).unwrap_or("");
    if mode == "readonly" {
        return read_only(&dir);
    }
    let key = regulars_core::Passphrase::typed("correct horse");
    let mut session = Session::open_with(&dir, Clock::Local, Some(&key))?;
    let mut out = std::io::stdout().lock();
    let currency = session.currency()?;
    let today = session.today();
    match mode {
        "open" => writeln!(out, "open")?,
        "log" => {
            for n in 1.. {
                let amount = format!("{}.{:02}", 1 + n % 90, n % 100);
                let customer = if n % 3 == 0 { None } else { Some(CustomerId(1 + n % 5)) };
                let draft = SaleDraft::parse(customer, &today.to_string(), &amount, "crash test", "", "", currency, today)?;
                let sale = session.log_sale(draft)?;
                writeln!(out, "sale {} {}", sale.id.0, sale.amount.minor())?;
                out.flush()?;
            }
        }
        "edit" => {
            let id = SaleId(args.get(2).ok_or("edit needs a sale id")?.parse()?);
            loop {
                let sale = session.sale(id)?;
                let next = sale.amount.minor() + 1;
                let amount = format!("{}.{:02}", next / 100, next % 100);
                let draft = SaleDraft::parse(sale.customer, &sale.date.date().to_string(), &amount, "crash test", "", "", currency, today)?;
                let edited = session.edit_sale(id, draft)?;
                writeln!(out, "edit {} {}", id.0, edited.amount.minor())?;
                out.flush()?;
            }
        }
        "hold" => {
            // A fixed past day, so the parent's fixed clock counts it.
            let draft = SaleDraft::parse(None, "2026-11-02", "3.00", "held", "", "", currency, today)?;
            session.log_sale(draft)?;
            writeln!(out, "holding")?;
            out.flush()?;
            std::io::stdin().read_line(&mut String::new())?;
            let draft = SaleDraft::parse(None, "2026-11-02", "4.00", "held", "", "", currency, today)?;
            session.log_sale(draft)?;
            writeln!(out, "done")?;
        }
        "relock" => loop {
            session.set_passphrase(Some("correct horse"))?;
            writeln!(out, "locked")?;
            out.flush()?;
            session.set_passphrase(None)?;
            writeln!(out, "unlocked")?;
            out.flush()?;
        },
        "backup" => {
            let target = PathBuf::from(args.get(2).ok_or("backup needs a file")?);
            loop {
                session.backup_now(&target)?;
                writeln!(out, "backup")?;
                out.flush()?;
            }
        }
        "import" => {
            let file = PathBuf::from(args.get(2).ok_or("import needs a file")?);
            let bytes = std::fs::read(&file)?;
            let request = regulars_core::ImportRequest { file_name: "child.csv".to_owned(), ..Default::default() };
            let record = session.import_file(&bytes, &request, false, &mut |_, _| true)?.ok_or("cancelled")?;
            writeln!(out, "imported {} {}", record.id, record.sales)?;
        }
        #[cfg(unix)]
        "fill" => {
            // Log sales until a write is refused (the parent set a file-size limit), say why,
            // then lift the limit — the space is back — and log one more in the same process.
            let error = loop {
                let draft = SaleDraft::parse(Some(CustomerId(1)), &today.to_string(), "12.50", "fill", "", "", currency, today)?;
                match session.log_sale(draft) {
                    Ok(sale) => writeln!(out, "sale {} {}", sale.id.0, sale.amount.minor())?,
                    Err(error) => break error,
                }
                out.flush()?;
            };
            writeln!(out, "refused {error}")?;
            let (_, hard) = rlimit::Resource::FSIZE.get()?;
            rlimit::Resource::FSIZE.set(hard, hard)?;
            let draft = SaleDraft::parse(Some(CustomerId(1)), &today.to_string(), "12.50", "after", "", "", currency, today)?;
            let sale = session.log_sale(draft)?;
            writeln!(out, "sale {} {}", sale.id.0, sale.amount.minor())?;
            writeln!(out, "recovered")?;
        }
        other => return Err(format!("unknown mode {other:?}").into()),
    }
    Ok(())
}

/// What the app does with a read-only data folder: refuse to open with a clear message, and open
/// at the next try once the folder is writable again.
fn read_only(dir: &std::path::Path) -> Result<(), Box<dyn std::error::Error>> {
    let mut out = std::io::stdout().lock();
    match Session::open(dir, Clock::Local) {
        Ok(_) => writeln!(out, "opened")?,
        Err(error) => writeln!(out, "refused {error}")?,
    }
    out.flush()?;
    let mut line = String::new();
    std::io::stdin().read_line(&mut line)?;
    let mut session = Session::open(dir, Clock::Local)?;
    let (currency, today) = (session.currency()?, session.today());
    let draft = SaleDraft::parse(Some(CustomerId(1)), &today.to_string(), "7.25", "after", "", "", currency, today)?;
    let sale = session.log_sale(draft)?;
    writeln!(out, "sale {} {}", sale.id.0, sale.amount.minor())?;
    writeln!(out, "recovered")?;
    Ok(())
}
