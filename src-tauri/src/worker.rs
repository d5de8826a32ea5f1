//! Imports run in a process of their own, so the window's process never holds a file's rows:
//! the app starts its own binary again with [`FLAG`], writes the [`Job`] to its stdin as one
//! JSON line, and reads what it [`Said`] from its stdout, one JSON line each. The worker opens
//! the shop through `Session` like any second process (the CLI beside the app is the same case)
//! and ends when the job does, giving its memory back to the system.
//!
//! An import is read and planned first, then written; the worker says [`Said::Planned`] between
//! the two and writes only once the app answers `go`. So "Cancel" is safe at any moment: while
//! the file is read and planned (seconds for a large one) the worker has written nothing and
//! is stopped at once; once it writes, a `cancel` line makes the import stop at its next
//! progress report with nothing written, as it did in the app's own process.
//!
//! Measured by `cargo xtask bench` (the window's RSS around a 1M-row import, `regulars-import-rss`).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::thread::JoinHandle;
use std::time::Duration;

use chrono::NaiveDate;
use regulars_core::text::t;
use regulars_core::{Clock, ImportError, ImportRequest, OnDisk, Passphrase, Session};
use serde::{Deserialize, Serialize};

use crate::IpcError;
use crate::ipc::{ImportOptionsInput, ImportPreviewView, ImportProgress, ImportRecordView, ImportRowNote, PreviewSaleView};

/// The first argument that makes the app binary an import worker instead of a window.
pub const FLAG: &str = "--import-worker";

/// What the worker is asked to do.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Job {
    pub data_dir: PathBuf,
    /// The passphrase the owner unlocked the shop with in this run of the app. It crosses the
    /// pipe only; it is never on a command line or in the environment.
    pub passphrase: Option<String>,
    /// The day the app's clock is fixed to (end-to-end tests); `None`: the computer's.
    pub today: Option<NaiveDate>,
    pub file: PathBuf,
    pub options: ImportOptionsInput,
    /// `None`: the dry run. `Some(allow_problems)`: the import.
    pub import: Option<bool>,
}

/// One line the worker writes.
#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Said {
    /// The file is read and planned; the worker waits for `go` (or `cancel`) to write it.
    Planned,
    Progress(ImportProgress),
    Preview(Box<ImportPreviewView>),
    /// `None`: cancelled, nothing written.
    Imported(Option<ImportRecordView>),
    Failed(IpcError),
}

/// Where an import stands for the app: being read and planned (the worker has written nothing
/// and may be stopped at once), being written (it is asked to stop), or stopped by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Reading,
    Writing,
    CancelSent,
    Stopped,
}

/// The app's side: runs `job` in a worker started from `program` (the app's own binary),
/// passing each progress report to `progress` and stopping the worker once `cancel` is set.
/// Returns the worker's answer (never a progress report); a cancelled import is
/// `Said::Imported(None)`.
pub fn run(program: &Path, job: &Job, progress: &mut dyn FnMut(ImportProgress), cancel: &AtomicBool) -> Result<Said, IpcError> {
    let (running, stdout, stderr) = Running::start(program, job)?;
    let finished = AtomicBool::new(false);
    let answer = std::thread::scope(|scope| {
        // Cancel is watched apart from the worker's lines, which do not come while it reads.
        scope.spawn(|| {
            while !finished.load(Ordering::SeqCst) {
                if cancel.load(Ordering::SeqCst) {
                    running.cancel();
                }
                std::thread::sleep(Duration::from_millis(50));
            }
        });
        let answer = running.read(stdout, progress, cancel);
        finished.store(true, Ordering::SeqCst);
        answer
    });
    running.end(answer, stderr, job)
}

fn failed(detail: impl std::fmt::Display) -> IpcError {
    IpcError::internal(t!("import.workerFailed", detail = detail.to_string()))
}

/// A worker as the app holds it while it runs.
struct Running {
    child: Mutex<Child>,
    stdin: Mutex<ChildStdin>,
    phase: Mutex<Phase>,
}

impl Running {
    /// Starts the worker and hands it `job`. Whatever it says on stderr (a panic) is read
    /// aside, so it can never fill the pipe and stop the worker, and is named if the worker
    /// ends without an answer.
    fn start(program: &Path, job: &Job) -> Result<(Running, ChildStdout, Option<JoinHandle<String>>), IpcError> {
        let mut child =
            Command::new(program).arg(FLAG).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().map_err(failed)?;
        let stdin = child.stdin.take().ok_or_else(|| failed("no stdin"))?;
        let stdout = child.stdout.take().ok_or_else(|| failed("no stdout"))?;
        let stderr = child.stderr.take().map(|mut stderr| {
            std::thread::spawn(move || {
                let mut text = String::new();
                let _ = std::io::Read::read_to_string(&mut stderr, &mut text);
                text
            })
        });
        let running = Running { child: Mutex::new(child), stdin: Mutex::new(stdin), phase: Mutex::new(Phase::Reading) };
        // A worker that died at once shows in the end as one with no answer.
        running.tell(&serde_json::to_string(job).map_err(failed)?);
        Ok((running, stdout, stderr))
    }

    /// Writes one line to the worker.
    fn tell(&self, line: &str) {
        let mut stdin = self.stdin.lock().unwrap_or_else(PoisonError::into_inner);
        let _ = writeln!(stdin, "{line}").and_then(|()| stdin.flush());
    }

    fn phase(&self) -> MutexGuard<'_, Phase> {
        self.phase.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn kill(&self) {
        let _ = self.child.lock().unwrap_or_else(PoisonError::into_inner).kill();
    }

    /// The owner pressed Cancel: a worker that has not begun to write is stopped; one that
    /// writes is asked to stop, once.
    fn cancel(&self) {
        let mut phase = self.phase();
        match *phase {
            Phase::Reading => {
                self.kill();
                *phase = Phase::Stopped;
            }
            Phase::Writing => {
                self.tell("cancel");
                *phase = Phase::CancelSent;
            }
            Phase::CancelSent | Phase::Stopped => {}
        }
    }

    /// The worker has planned the import and waits: `go`, unless Cancel was pressed.
    fn planned(&self, cancelled: bool) {
        let mut phase = self.phase();
        if *phase == Phase::Reading {
            self.tell(if cancelled { "cancel" } else { "go" });
            *phase = if cancelled { Phase::CancelSent } else { Phase::Writing };
        }
    }

    /// Reads the worker's lines until it ends: progress goes to `progress`, the last answer
    /// is returned. A line that is not a worker's stops the worker.
    fn read(&self, stdout: ChildStdout, progress: &mut dyn FnMut(ImportProgress), cancel: &AtomicBool) -> Result<Option<Said>, IpcError> {
        let mut answer = None;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            match serde_json::from_str::<Said>(&line) {
                Ok(Said::Progress(report)) => progress(report),
                Ok(Said::Planned) => self.planned(cancel.load(Ordering::SeqCst)),
                Ok(said) => answer = Some(said),
                Err(e) => {
                    self.kill();
                    return Err(failed(format!("{e}: {line}")));
                }
            }
        }
        Ok(answer)
    }

    /// Waits for the worker's end and says what came of `job`.
    fn end(self, answer: Result<Option<Said>, IpcError>, stderr: Option<JoinHandle<String>>, job: &Job) -> Result<Said, IpcError> {
        drop(self.stdin);
        let status = self.child.into_inner().unwrap_or_else(PoisonError::into_inner).wait().map_err(failed)?;
        let said_on_stderr = stderr.and_then(|reader| reader.join().ok()).unwrap_or_default();
        let stopped = self.phase.into_inner().unwrap_or_else(PoisonError::into_inner) == Phase::Stopped;
        match answer? {
            Some(said) if status.success() => Ok(said),
            // Stopped by the app before it wrote anything.
            None if stopped && job.import.is_some() => Ok(Said::Imported(None)),
            _ => Err(failed(format!("{status}; {}", said_on_stderr.trim()))),
        }
    }
}

/// The worker's side: reads the job on stdin, does it, writes what it says on stdout. Returns
/// the process's exit code.
pub fn serve() -> i32 {
    let mut stdin = BufReader::new(std::io::stdin());
    let mut first = String::new();
    let job: Job = match stdin
        .read_line(&mut first)
        .map_err(|e| e.to_string())
        .and_then(|_| serde_json::from_str(&first).map_err(|e| e.to_string()))
    {
        Ok(job) => job,
        Err(e) => {
            eprintln!("Regulars import worker: no job on stdin: {e}");
            return 2;
        }
    };
    // The app's words after the job: `go` once the import is planned, `cancel` at any time.
    // Its stdin closing (the app gone) is a cancel too.
    let cancel = Arc::new(AtomicBool::new(false));
    let cancelled = Arc::clone(&cancel);
    let (go, went) = std::sync::mpsc::channel::<bool>();
    std::thread::spawn(move || {
        for line in stdin.lines() {
            match line.as_deref().map(str::trim) {
                Ok("go") => {
                    let _ = go.send(true);
                }
                Ok("cancel") => {
                    cancelled.store(true, Ordering::SeqCst);
                    let _ = go.send(false);
                }
                Ok(_) => {}
                Err(_) => break,
            }
        }
        cancelled.store(true, Ordering::SeqCst);
    });
    let stdout = std::io::stdout();
    let say = |said: &Said| -> bool {
        let Ok(line) = serde_json::to_string(said) else { return false };
        let mut out = stdout.lock();
        writeln!(out, "{line}").and_then(|()| out.flush()).is_ok()
    };
    let mut ready = || say(&Said::Planned) && went.recv().unwrap_or(false);
    let mut progress = |report| say(&Said::Progress(report)) && !cancel.load(Ordering::SeqCst);
    let answer = match work(&job, &mut ready, &mut progress) {
        Ok(said) => said,
        Err(error) => Said::Failed(error),
    };
    if say(&answer) { 0 } else { 1 }
}

/// Does `job` on the shop in its data folder. Between an import's plan and its write `ready`
/// says so and returns whether to go on; `progress` returns false to stop.
fn work(job: &Job, ready: &mut dyn FnMut() -> bool, progress: &mut dyn FnMut(ImportProgress) -> bool) -> Result<Said, IpcError> {
    let clock = job.today.map_or(Clock::Local, Clock::Fixed);
    let passphrase = job.passphrase.as_deref().map(Passphrase::typed);
    let mut session = Session::open_with(&job.data_dir, clock, passphrase.as_ref())?;
    let (request, file) = import_request(&job.file, &job.options)?;
    let Some(allow_problems) = job.import else {
        return preview(&session, &request, file).map(|p| Said::Preview(Box::new(p)));
    };
    let prepared = session.prepare_import(file, &request)?;
    if !ready() {
        return Ok(Said::Imported(None));
    }
    let record = session.import_prepared(prepared, allow_problems, &mut |done, total| progress(ImportProgress { done, total }))?;
    Ok(Said::Imported(record.map(Into::into)))
}

/// The file and how to read it, from the options the owner chose on the import screen.
fn import_request(path: &Path, options: &ImportOptionsInput) -> Result<(ImportRequest, OnDisk), IpcError> {
    // Said at once, in the app's words; the import reads the file itself, a block at a time.
    std::fs::File::open(path)
        .map_err(|e| IpcError::internal(t!("file.cannotRead", path = path.display().to_string(), detail = e.to_string())))?;
    let blank = |s: &str| (!s.trim().is_empty()).then(|| s.trim().to_owned());
    let priced = !options.amount_column.trim().is_empty() || !options.unit_price_column.trim().is_empty();
    let mapping = (!options.date_column.trim().is_empty() && priced).then(|| regulars_core::Mapping {
        date: options.date_column.trim().to_owned(),
        amount: options.amount_column.trim().to_owned(),
        name: blank(&options.customer_column),
        email: blank(&options.email_column),
        phone: blank(&options.phone_column),
        customer_id: blank(&options.customer_id_column),
        description: blank(&options.description_column),
        quantity: blank(&options.quantity_column),
        order_id: blank(&options.order_id_column),
        status: blank(&options.status_column),
        unit_price: blank(&options.unit_price_column),
        time: blank(&options.time_column),
        currency: blank(&options.currency_column),
        ..regulars_core::Mapping::default()
    });
    let request = ImportRequest {
        file_name: path.file_name().map_or_else(|| path.display().to_string(), |n| n.to_string_lossy().into_owned()),
        preset: if mapping.is_some() { None } else { blank(&options.preset) },
        mapping,
        date_order: regulars_core::DateOrder::parse(&options.date_order),
    };
    Ok((request, OnDisk::new(path)))
}

fn notes(list: impl IntoIterator<Item = (u64, String, String, String)>) -> Vec<ImportRowNote> {
    list.into_iter().map(|(line, column, value, message)| ImportRowNote { line, column, value, message }).collect()
}

/// The dry run, or what the owner must choose before there can be one.
fn preview(session: &Session, request: &ImportRequest, file: OnDisk) -> Result<ImportPreviewView, IpcError> {
    let file_name = request.file_name.clone();
    let empty = |needs: &str, message: String, examples: Vec<String>, headers: Vec<String>| ImportPreviewView {
        file_name: file_name.clone(),
        needs: Some(needs.to_owned()),
        message: Some(message),
        examples,
        headers,
        ..ImportPreviewView::default()
    };
    match session.import_preview(file, request) {
        Ok(p) => Ok(ImportPreviewView {
            file_name: file_name.clone(),
            preset: p.preset,
            preset_label: p.preset_label,
            encoding: p.encoding,
            date_order: p.date_order.as_str().to_owned(),
            rows: p.rows,
            sales: p.sales,
            already_imported: p.already_imported,
            customers_new: p.customers_new,
            customers_matched: p.customers_matched,
            revenue_minor: p.revenue_minor,
            revenue_column: p.revenue_column,
            revenue_means: p.revenue_means,
            sales_stop: p.sales_stop,
            time_zone: p.time_zone,
            file_orders: p.file_orders,
            refunded_minor: p.refunded_minor,
            first_day: p.first_day.map(|d| d.to_string()),
            last_day: p.last_day.map(|d| d.to_string()),
            first_sales: p
                .first_sales
                .into_iter()
                .map(|x| PreviewSaleView {
                    line: x.line,
                    date: x.date.to_string(),
                    amount_minor: x.amount_minor,
                    customer: x.customer,
                    new_customer: x.new_customer,
                    description: x.description,
                })
                .collect(),
            skipped_count: p.skipped.count(),
            problem_count: p.problems.count(),
            skipped: notes(p.skipped.into_kept().into_iter().map(|k| (k.line, String::new(), String::new(), k.reason))),
            problems: notes(p.problems.into_kept().into_iter().map(|k| (k.line, k.column, k.value, k.message))),
            ..ImportPreviewView::default()
        }),
        Err(regulars_core::Error::Import(error)) => {
            let message = error.to_string();
            Ok(match error {
                ImportError::AmbiguousDates { examples } => empty("dateOrder", message, examples, Vec::new()),
                ImportError::UnknownColumns { headers } | ImportError::MissingColumn { headers, .. } => {
                    empty("mapping", message, Vec::new(), headers)
                }
                _ => empty("file", message, Vec::new(), Vec::new()),
            })
        }
        Err(other) => Err(other.into()),
    }
}
