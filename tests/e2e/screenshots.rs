//! `regulars-screenshots --data-dir DIR --out DIR`: opens the app on a shop (made by
//! `cargo xtask screenshot`) and saves PNGs of the main screens. Needs a display and tauri-driver.

use regulars_e2e::{Driver, Result};

#[tokio::main]
async fn main() -> Result<()> {
    let (data, out) = regulars_e2e::data_and_out_args("usage: regulars-screenshots --data-dir DIR --out DIR")?;
    let driver = Driver::start()?;

    let fresh = tempfile::tempdir()?;
    let app = driver.launch(fresh.path()).await?;
    app.wait("[data-testid=shop-name]").await?;
    app.screenshot(&out.join("first-run.png")).await?;
    app.quit().await?;

    let app = driver.launch(&data).await?;
    app.wait("[data-testid=reminder]").await?;
    app.screenshot(&out.join("today.png")).await?;
    app.click("[data-testid=nav-sale]").await?;
    app.wait("[data-testid=sale-row]").await?;
    app.screenshot(&out.join("log-a-sale.png")).await?;
    app.type_into("[data-testid=sale-customer]", "ma").await?;
    app.wait("[data-testid=customer-options] li").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot(&out.join("log-a-sale-type-ahead.png")).await?;

    app.click("[data-testid=nav-customers]").await?;
    app.wait("[data-testid=customer-row]").await?;
    app.screenshot(&out.join("customers.png")).await?;
    app.click("[data-testid=customer-open]").await?;
    app.wait("[data-testid=customer-title]").await?;
    app.wait("[data-testid=sale-row]").await?;
    app.screenshot(&out.join("customer.png")).await?;
    app.quit().await?;

    // Repeat business, on the sample shop a new owner can load.
    let sample = tempfile::tempdir()?;
    let app = driver.launch(sample.path()).await?;
    app.click("[data-testid=sample-load]").await?;
    app.wait("[data-testid=sample-banner]").await?;
    app.click("[data-testid=nav-dashboard]").await?;
    app.wait("[data-testid=chart-follow-up] img").await?;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    app.screenshot(&out.join("repeat-business.png")).await?;
    app.eval("document.querySelector('[data-testid=chart-new-vs-returning]').scrollIntoView(); return true").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot(&out.join("repeat-business-charts.png")).await?;
    app.click("[data-testid=nav-at-risk]").await?;
    app.wait("[data-testid=at-risk-row]").await?;
    app.wait("[data-testid=holdout-chart] img").await?;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    app.screenshot(&out.join("at-risk.png")).await?;
    app.click("[data-testid=at-risk-row] button").await?;
    app.wait("[data-testid=customer-outlook]").await?;
    app.screenshot(&out.join("customer-at-risk.png")).await?;
    app.click("[data-testid=nav-data]").await?;
    app.wait("[data-testid=import-pick]").await?;
    app.screenshot(&out.join("import-and-backup.png")).await?;
    app.click("[data-testid=nav-settings]").await?;
    app.wait("[data-testid=lock]").await?;
    app.screenshot(&out.join("settings.png")).await?;
    app.quit().await?;
    println!("saved 12 screenshots to {}", out.display());
    Ok(())
}
