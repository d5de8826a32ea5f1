//! `regulars-import-rss --rows N --out FILE.json`: the app's own memory (RSS) around the import
//! of the benchmarks' plain sales file of `N` rows into a new shop, through the window as an owner does it (Import and
//! backup, pick, preview, import): before, at its peak (the kernel's high-water mark, `VmHWM`),
//! and after the import has finished, and the most it had while the import ran (read every 50 ms;
//! the import itself runs in a worker process of the app's, see `src-tauri/src/worker.rs`); then the same shop opened afresh, for what its data costs
//! without the import. The file dialog's stand-in (`--e2e-import-file`) exists
//! in debug builds only, so this measures the debug app; the heap an import holds is the same.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use regulars_e2e::{Driver, Result, app_pid, peak_rss_mb, rss_mb, shop_with};

/// A large import in a debug build takes minutes, not the harness's usual patience.
const IMPORT_PATIENCE: Duration = Duration::from_secs(900);

#[tokio::main]
async fn main() -> Result<()> {
    let usage = "usage: regulars-import-rss --rows N --out FILE.json";
    let mut args = std::env::args().skip(1);
    let (mut rows, mut out) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--rows" => rows = args.next().and_then(|n| n.parse::<usize>().ok()),
            "--out" => out = args.next().map(PathBuf::from),
            other => return Err(format!("unknown argument {other}; {usage}").into()),
        }
    }
    let (Some(rows), Some(out)) = (rows, out) else { return Err(usage.into()) };
    let data = tempfile::tempdir()?;
    let files = tempfile::tempdir()?;
    let file = files.path().join("sales.csv");
    regulars_core::write_plain_sales_file(rows, &file)?;
    shop_with(data.path(), &[])?;
    let driver = Driver::start()?;
    let app = driver.launch_with(data.path(), &["--e2e-import-file", &file.display().to_string()]).await?;
    app.wait("[data-testid=nav-data]").await?;
    let pid = app_pid(data.path()).ok_or("the app's process was not found")?;
    let before = rss_mb(pid);
    app.click("[data-testid=nav-data]").await?;
    app.click("[data-testid=import-pick]").await?;
    let preview = app.wait_text_within("[data-testid=preview-sales]", "", IMPORT_PATIENCE).await?;
    // The window's RSS read every 50 ms while the import's worker process lives (it runs the
    // import; see src-tauri/src/worker.rs). What the window does once the import is in (its
    // screens showing the new sales) counts toward the peak and "after", not here.
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let sampling = Arc::clone(&sampling);
        std::thread::spawn(move || {
            let mut most = 0.0_f64;
            while sampling.load(Ordering::SeqCst) {
                let rss = rss_mb(pid);
                if worker_alive(pid) {
                    most = most.max(rss);
                }
                std::thread::sleep(Duration::from_millis(50));
            }
            most
        })
    };
    app.click("[data-testid=import-run]").await?;
    let done = app.wait_text_within("[data-testid=toast]", "Imported", IMPORT_PATIENCE).await?;
    sampling.store(false, Ordering::SeqCst);
    let during = sampler.join().map_err(|_| "the sampler panicked")?;
    let (after, peak) = (rss_mb(pid), peak_rss_mb(pid));
    // What the process gives back once the import's memory is freed and the screen is idle.
    tokio::time::sleep(Duration::from_secs(5)).await;
    let settled = rss_mb(pid);
    app.quit().await?;
    // The same shop opened afresh on the same screen: what its data costs without the import.
    let app = driver.launch(data.path()).await?;
    app.click("[data-testid=nav-data]").await?;
    app.wait("[data-testid=import-pick]").await?;
    tokio::time::sleep(Duration::from_secs(5)).await;
    let fresh = rss_mb(app_pid(data.path()).ok_or("the app's process was not found")?);
    app.quit().await?;
    let json = serde_json::json!({
        "rows": rows,
        "preview_sales": preview,
        "result": done,
        "rss_before_mb": before,
        "rss_during_import_mb": during,
        "rss_peak_mb": peak,
        "rss_after_mb": after,
        "rss_settled_mb": settled,
        "rss_fresh_mb": fresh,
    });
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    println!(
        "app RSS around the import: {before:.0} MB before, at most {during:.0} MB while it ran, {peak:.0} MB at the peak, \
         {after:.0} MB after ({settled:.0} MB 5 s later); {fresh:.0} MB on the same shop opened afresh"
    );
    Ok(())
}

/// Whether the app `pid` has an import worker running (a child started with `--import-worker`).
fn worker_alive(pid: u32) -> bool {
    std::process::Command::new("pgrep")
        .args(["-P", &pid.to_string(), "-f", "--", "--import-worker"])
        .output()
        .is_ok_and(|o| o.status.success())
}
