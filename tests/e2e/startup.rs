//! `regulars-startup --data-dir DIR --out FILE.json`: the app's cold start and memory on a big
//! shop (made by `cargo xtask bench`). Each of a few launches is timed from asking WebDriver
//! for a session (which starts the app) to the Today list on screen; the median is written.
//! Memory is the resident set (RSS) of the app's own process, read from /proc, once with the
//! Today list shown and once after the Repeat business screen has drawn its charts; the web
//! view's helper processes (WebKit's web and network processes) are reported apart.

use std::time::Instant;

use regulars_e2e::{Driver, Result, app_pid, rss_mb};

const LAUNCHES: usize = 3;

#[tokio::main]
async fn main() -> Result<()> {
    let (data, out) = regulars_e2e::data_and_out_args("usage: regulars-startup --data-dir DIR --out FILE.json")?;
    let driver = Driver::start()?;
    let mut first_paint = Vec::new();
    let (mut rss_today, mut rss_dashboard, mut rss_webview) = (0.0, 0.0, 0.0);
    for launch in 0..LAUNCHES {
        let started = Instant::now();
        let app = driver.launch(&data).await?;
        app.wait("[data-testid=reminder]").await?;
        first_paint.push(started.elapsed().as_secs_f64() * 1000.0);
        let pid = app_pid(&data).ok_or("the app's process was not found")?;
        if launch == LAUNCHES - 1 {
            rss_today = rss_mb(pid);
            app.click("[data-testid=nav-dashboard]").await?;
            app.wait("[data-testid=chart-cohorts] img").await?;
            app.wait_text("[data-testid=tile-customers]", "").await?;
            rss_dashboard = rss_mb(pid);
            rss_webview = descendants(pid).into_iter().map(rss_mb).sum();
        }
        app.quit().await?;
    }
    // The same app on an empty shop: what the window costs before any data.
    let empty = tempfile::tempdir()?;
    let app = driver.launch(empty.path()).await?;
    app.wait("[data-testid=shop-name]").await?;
    let rss_empty = rss_mb(app_pid(empty.path()).ok_or("the app's process was not found")?);
    app.quit().await?;
    first_paint.sort_by(f64::total_cmp);
    let median = first_paint[first_paint.len() / 2];
    let json = serde_json::json!({
        "launches": LAUNCHES,
        "first_paint_ms": median,
        "first_paint_all_ms": first_paint,
        "rss_today_mb": rss_today,
        "rss_dashboard_mb": rss_dashboard,
        "rss_webview_mb": rss_webview,
        "rss_empty_mb": rss_empty,
    });
    std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n")?;
    println!(
        "start-up to first paint: median {median:.0} ms of {LAUNCHES}; RSS {rss_today:.0} MB (Today), {rss_dashboard:.0} MB (Repeat business), web view {rss_webview:.0} MB"
    );
    Ok(())
}

/// Every process started by `pid`, and theirs.
fn descendants(pid: u32) -> Vec<u32> {
    let mut all = Vec::new();
    let mut queue = vec![pid];
    while let Some(parent) = queue.pop() {
        let children = std::fs::read_to_string(format!("/proc/{parent}/task/{parent}/children")).unwrap_or_default();
        for child in children.split_whitespace().filter_map(|c| c.parse().ok()) {
            all.push(child);
            queue.push(child);
        }
    }
    all
}
