//! End-to-end tests: the real app binary, in a real window (Xvfb in CI), driven through
//! WebDriver. Run by `cargo xtask test`, one at a time.

use regulars_e2e::{App, Driver, Key, Result, enter, shop_with, shop_with_sale, squeeze};

fn key(k: Key) -> String {
    char::from(k).to_string()
}

/// Logs a sale from the Log a sale screen: customer text, then Enter to pick the highlighted
/// option, then the amount and Enter to save.
async fn log_sale(app: &App, customer: &str, amount: &str) -> Result<()> {
    app.type_into("[data-testid=sale-customer]", customer).await?;
    app.wait("[data-testid=customer-options] li").await?;
    app.type_into("[data-testid=sale-customer]", &enter()).await?;
    app.type_into("[data-testid=sale-amount-input]", amount).await?;
    app.type_into("[data-testid=sale-amount-input]", &enter()).await?;
    Ok(())
}

/// The app's log (`regulars.log` in the data folder) was written, and none of `words` (a
/// customer's name, an amount, a note the owner typed) is in it.
fn assert_log_keeps_out(data: &std::path::Path, words: &[&str]) -> Result<()> {
    let log = std::fs::read_to_string(data.join("regulars.log"))?;
    assert!(log.contains("starting"), "the log was written: {log}");
    for word in words {
        assert!(!log.contains(word), "the log holds customer data ({word:?}):\n{log}");
    }
    Ok(())
}

/// A set-up shop with `customers`, the app open on it, on the Log a sale screen. The data
/// directory and the driver live as long as the returned values.
async fn open_on_sale_form(customers: &[&str]) -> Result<(tempfile::TempDir, Driver, App)> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), customers)?;
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.click("[data-testid=nav-sale]").await?;
    app.wait("[data-testid=sale-form]").await?;
    Ok((data, driver, app))
}

#[tokio::test]
async fn first_run_new_customer_and_sale_survive_a_restart() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;

    let app = driver.launch(data.path()).await?;
    app.wait_focus("shop-name").await?;
    app.type_into("[data-testid=shop-name]", "Maria's Bikes").await?;
    let currency = app.wait("[data-testid=shop-currency]").await?;
    currency.clear().await?;
    currency.send_keys("EUR").await?;
    app.click("[data-testid=shop-save]").await?;

    app.click("[data-testid=nav-sale]").await?;
    app.wait("[data-testid=sale-form]").await?;
    log_sale(&app, "Maria Lopez", "12,50").await?;
    app.wait_text("[data-testid=toast]", "Logged €12.50 for Maria Lopez").await?;
    app.wait_text("[data-testid=sale-row]", "Maria Lopez").await?;
    // The form is ready for the next sale: empty, with the cursor in the customer field.
    let focused = app.eval("return document.activeElement && document.activeElement.id").await?;
    assert_eq!(focused, "sale-customer");
    let amount = app.eval("return document.getElementById('sale-amount').value").await?;
    assert_eq!(amount, "");

    app.click("[data-testid=nav-customers]").await?;
    let row = app.wait_text("[data-testid=customer-row]", "Maria Lopez").await?;
    assert!(squeeze(&row).contains("€12.50"), "{row}");
    app.quit().await?;

    // Reopen: the set-up is not asked again, Today opens first, and the sale is still there.
    let app = driver.launch(data.path()).await?;
    app.wait("[data-testid=today-empty]").await?;
    app.click("[data-testid=nav-sale]").await?;
    app.wait("[data-testid=sale-form]").await?;
    let sale = app.wait_text("[data-testid=sale-row]", "Maria Lopez").await?;
    assert!(squeeze(&sale).contains("€12.50"), "{sale}");
    app.click("[data-testid=nav-customers]").await?;
    app.click("[data-testid=customer-open]").await?;
    app.wait_text("[data-testid=customer-title]", "Maria Lopez").await?;
    app.wait_text("[data-testid=customer-lifetime]", "€12.50").await?;
    app.quit().await?;
    assert_log_keeps_out(data.path(), &["Maria", "Lopez"])?;
    Ok(())
}

#[tokio::test]
async fn bad_input_gets_a_message_next_to_the_field_and_nothing_is_saved() -> Result<()> {
    let (data, _driver, app) = open_on_sale_form(&[]).await?;

    app.type_into("[data-testid=sale-amount-input]", "12,3x").await?;
    app.type_into("[data-testid=sale-amount-input]", &enter()).await?;
    app.wait_text("[data-testid=amount-error]", "Amount: '12,3x' is not an amount").await?;
    assert!(app.texts("[data-testid=sale-row]").await?.is_empty());

    // Fixing the amount saves a walk-in sale.
    let amount = app.wait("[data-testid=sale-amount-input]").await?;
    amount.clear().await?;
    amount.send_keys(&format!("7{}", enter())).await?;
    app.wait_text("[data-testid=sale-row]", "Walk-in").await?;

    // A customer with no name is refused on the customer form.
    app.click("[data-testid=nav-customers]").await?;
    app.click("[data-testid=customer-add]").await?;
    app.type_into("[data-testid=customer-name]", &format!("   {}", enter())).await?;
    app.wait_text("[data-testid=name-error]", "Name: is required").await?;
    app.quit().await?;
    assert_log_keeps_out(data.path(), &["12,3x"])?;
    Ok(())
}

/// By keyboard, as a new owner would: Enter on "Add 'Ann Lee' as a new customer" moves the
/// focus to the amount; Enter with no amount asks for it and has made no customer; the amount
/// then saves the customer and the sale together.
#[tokio::test]
async fn a_new_customer_is_saved_with_their_sale_or_not_at_all() -> Result<()> {
    let (data, _driver, app) = open_on_sale_form(&[]).await?;
    app.type_into("[data-testid=sale-customer]", "Ann Lee").await?;
    app.wait("[data-testid=customer-option-new]").await?;
    app.type_into("[data-testid=sale-customer]", &enter()).await?;
    app.wait_focus("sale-amount-input").await?;
    app.type_into("[data-testid=sale-amount-input]", &enter()).await?;
    app.wait_text("[data-testid=amount-error]", "Amount: is required").await?;
    let customers = |dir: &std::path::Path| -> Result<usize> {
        Ok(regulars_core::Session::open_existing(dir, regulars_core::Clock::Local, None)?.search_customers("Ann", 5)?.len())
    };
    assert_eq!(customers(data.path())?, 0, "a sale refused leaves no customer behind");

    app.type_into("[data-testid=sale-amount-input]", &format!("12{}", enter())).await?;
    app.wait_text("[data-testid=toast]", "Logged €12.00 for Ann Lee").await?;
    app.wait_text("[data-testid=sale-row]", "Ann Lee").await?;
    assert_eq!(customers(data.path())?, 1);
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn names_that_look_like_html_are_shown_as_text() -> Result<()> {
    let data = tempfile::tempdir()?;
    let hostile = "<img src=x onerror=\"document.title='pwned'\">";
    shop_with(data.path(), &[hostile])?;
    // The same text as a sale's description and note and a contact's note: every place the
    // owner's words come back must show them as text.
    {
        let mut session = regulars_core::Session::open(data.path(), regulars_core::Clock::Local)?;
        let today = session.today();
        let id = session.search_customers("img", 1)?.first().map(|c| c.id).ok_or("customer not found")?;
        let currency = session.currency()?;
        let draft = regulars_domain::SaleDraft::parse(Some(id), &today.to_string(), "12.50", hostile, "", hostile, currency, today)?;
        let sale = session.log_sale(draft)?;
        let contact = regulars_domain::ContactDraft::parse(id, &today.to_string(), "call", "happy", Some(sale.id), hostile, today)?;
        session.log_contact(contact, None)?;
    }
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    let injected = "return document.querySelectorAll('img[src=\"x\"], script:not([src]), [onerror]').length";
    app.click("[data-testid=nav-customers]").await?;
    let shown = app.wait_text("[data-testid=customer-open]", "<img").await?;
    assert_eq!(shown, hostile);
    let images = app.eval("return document.querySelectorAll('img').length").await?;
    assert_eq!(images, 0);
    app.click("[data-testid=customer-open]").await?;
    app.wait_text("[data-testid=customer-title]", "<img").await?;
    // The history: the sale's description and the contact's note, as text.
    app.wait_text("[data-testid=sale-row]", "<img src=x").await?;
    app.wait_text("main", "onerror").await?;
    assert_eq!(app.eval(injected).await?, 0, "customer page");
    app.click("[data-testid=nav-dashboard]").await?;
    app.wait_text("[data-testid=top-customers]", "<img").await?;
    assert_eq!(app.eval(injected).await?, 0, "dashboard");
    app.click("[data-testid=nav-at-risk]").await?;
    app.wait("[data-testid=outlook-unavailable]").await?;
    app.click("[data-testid=nav-sale]").await?;
    app.wait_text("[data-testid=sale-row]", "<img").await?;
    assert_eq!(app.eval(injected).await?, 0, "recent sales");
    assert_ne!(app.eval("return document.title").await?, "pwned");
    app.quit().await?;
    assert_log_keeps_out(data.path(), &["onerror", "pwned"])?;
    Ok(())
}

#[tokio::test]
async fn type_ahead_picks_a_customer_and_a_sale_can_be_edited_deleted_and_restored() -> Result<()> {
    let (_data, _driver, app) = open_on_sale_form(&["Maria Lopez", "Mario Rossi", "Dev Patel"]).await?;

    // "mar" offers Maria and Mario; the arrow key moves to the second.
    app.type_into("[data-testid=sale-customer]", "mar").await?;
    app.wait_text("[data-testid=customer-options]", "Mario Rossi").await?;
    app.type_into("[data-testid=sale-customer]", &key(Key::Down)).await?;
    app.type_into("[data-testid=sale-customer]", &enter()).await?;
    app.type_into("[data-testid=sale-amount-input]", &format!("40{}", enter())).await?;
    app.wait_text("[data-testid=sale-row]", "Mario Rossi").await?;

    app.click("[data-testid=sale-delete]").await?;
    app.click("[data-testid=sale-delete-confirm]").await?;
    app.wait_text("[data-testid=toast]", "Deleted the sale").await?;
    assert!(app.texts("[data-testid=sale-row]").await?.is_empty());
    app.click("[data-testid=toast-undo]").await?;
    app.wait_text("[data-testid=sale-row]", "Mario Rossi").await?;

    // Fixing a typo in the amount: a bad value is refused in place, a good one is saved.
    app.click("[data-testid=sale-edit]").await?;
    let amount = app.wait("[data-testid=sale-edit-amount]").await?;
    amount.clear().await?;
    amount.send_keys(&format!("4O{}", enter())).await?;
    app.wait_text("[data-testid=sale-edit-error]", "Amount: '4O' is not an amount").await?;
    amount.clear().await?;
    amount.send_keys(&format!("45{}", enter())).await?;
    let row = app.wait_text("[data-testid=sale-row]", "€45.00").await?;
    assert!(row.contains("Mario Rossi"), "{row}");
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_second_launch_hands_over_to_the_running_window() -> Result<()> {
    let (data, _driver, app) = open_on_sale_form(&[]).await?;
    let mut second = tokio::process::Command::new(regulars_e2e::app_binary())
        .arg("--data-dir")
        .arg(data.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .kill_on_drop(true)
        .spawn()?;
    let status = tokio::time::timeout(std::time::Duration::from_secs(15), second.wait()).await??;
    assert!(status.success(), "the second launch exits cleanly after focusing the first: {status}");
    // The first window is still there and working.
    app.click("[data-testid=nav-customers]").await?;
    app.wait("[data-testid=customer-add]").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_check_in_shows_on_today_and_logging_a_contact_clears_it() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with_sale(data.path(), "Maria Lopez", "2026-01-05", "240")?;
    let driver = Driver::start()?;

    // A week after the sale nothing is due yet; the check-in comes on day 7.
    let app = driver.launch_with(data.path(), &["--today", "2026-01-11"]).await?;
    app.wait("[data-testid=today-empty]").await?;
    app.quit().await?;

    let app = driver.launch_with(data.path(), &["--today", "2026-01-13"]).await?;
    let why = app.wait_text("[data-testid=reminder-why]", "Bought 8 days ago; no contact since.").await?;
    assert!(why.contains("Ask how it is going"), "{why}");
    app.wait_text("[data-testid=reminder]", "overdue 1 day").await?;
    app.wait_text("[data-testid=today-count]", "1").await?;
    // The count stays on the nav on other screens (it went blank there, reading a field the
    // Today view no longer has; svelte-check found it).
    app.click("[data-testid=nav-customers]").await?;
    app.wait("[data-testid=customer-search]").await?;
    app.wait_text("[data-testid=today-count]", "1").await?;
    app.click("[data-testid=nav-today]").await?;
    app.click("[data-testid=notify-toggle]").await?;
    app.wait_text("[data-testid=toast]", "No more desktop notifications").await?;
    app.click("[data-testid=export-ics]").await?;
    app.wait_text("[data-testid=toast]", "regulars-reminders.ics").await?;
    app.click("[data-testid=reminder-contact]").await?;
    // Keyboard-first: the contact form takes the focus (on "How") as it opens.
    app.wait_focus("contact-method").await?;
    app.type_into("[data-testid=contact-note]", &format!("Loves the new bike{}", enter())).await?;
    app.wait("[data-testid=today-empty]").await?;
    assert!(app.texts("[data-testid=today-count]").await?.is_empty(), "the count on the nav is gone");

    // The contact is on the customer's timeline, next to the sale.
    app.click("[data-testid=nav-customers]").await?;
    app.click("[data-testid=customer-open]").await?;
    app.wait_text("[data-testid=contact-row]", "Call · Happy — Loves the new bike").await?;
    app.wait_text("[data-testid=sale-row]", "€240.00").await?;
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn sample_shop_dashboard_exports_and_removal() -> Result<()> {
    let data = tempfile::tempdir()?;
    let saves = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let save_dir = saves.path().display().to_string();
    let app = driver.launch_with(data.path(), &["--e2e-save-dir", &save_dir]).await?;

    app.click("[data-testid=sample-load]").await?;
    app.wait("[data-testid=sample-banner]").await?;
    app.click("[data-testid=nav-dashboard]").await?;
    let customers = app.wait_text("[data-testid=tile-customers]", "").await?;
    assert!(customers.trim().parse::<u32>().is_ok_and(|n| n > 100), "{customers}");
    for kind in ["new-vs-returning", "returning-rate", "cohorts", "purchase-counts", "second-purchase", "follow-up"] {
        // Each chart is an image of its SVG, decoded (a broken image has no natural width).
        let width = app
            .eval(&format!(
                "const i = document.querySelector('[data-testid=chart-{kind}] img'); return i && i.complete ? i.naturalWidth : 0"
            ))
            .await?;
        assert!(width.as_u64().is_some_and(|w| w > 0), "{kind}: {width}");
    }
    app.wait_text("[data-testid=follow-up-line]", "came back").await?;

    // By week: the charts redraw with the new grouping in their subtitle.
    app.eval(
        "const s = document.querySelector('[data-testid=filter-period]'); s.value = 'week'; s.dispatchEvent(new Event('change', { bubbles: true })); return true",
    )
    .await?;
    let mut src = serde_json::Value::Null;
    for _ in 0..100 {
        src = app.eval("return decodeURIComponent(document.querySelector('[data-testid=chart-new-vs-returning] img').src)").await?;
        if src.as_str().is_some_and(|s| s.contains("by week")) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(src.as_str().is_some_and(|s| s.contains("by week")), "the chart shows weeks after choosing week");

    app.click("[data-testid=export-cohorts-csv]").await?;
    app.wait_text("[data-testid=toast]", "cohorts.csv").await?;
    let csv = std::fs::read_to_string(saves.path().join("cohorts.csv"))?;
    assert!(csv.starts_with("cohort,customers,month_0"), "{csv}");

    app.click("[data-testid=pack-export]").await?;
    app.wait_text("[data-testid=toast]", "meeting pack").await?;
    let pack = std::fs::read_dir(saves.path())?.filter_map(|e| e.ok()).find(|e| e.file_name().to_string_lossy().ends_with(".pdf"));
    let pack = pack.ok_or("no PDF saved")?;
    assert!(std::fs::read(pack.path())?.starts_with(b"%PDF"));

    // "?" lists the keyboard shortcuts; Escape closes the list.
    app.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '?', bubbles: true })); return true").await?;
    app.wait_text("[data-testid=help]", "Alt+K").await?;
    app.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); return true").await?;
    for _ in 0..50 {
        if app.client.find_all(fantoccini::Locator::Css("[data-testid=help]")).await?.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(app.client.find_all(fantoccini::Locator::Css("[data-testid=help]")).await?.is_empty(), "Escape closes the shortcuts");

    // At risk: the model fitted on the sample's two years, the list, and its hold-out check.
    app.click("[data-testid=nav-at-risk]").await?;
    app.wait("[data-testid=at-risk-row]").await?;
    let rows = app.texts("[data-testid=at-risk-row]").await?;
    assert!(rows.len() > 10 && rows[0].contains('%'), "{rows:?}");
    let width = app
        .eval("const i = document.querySelector('[data-testid=holdout-chart] img'); return i && i.complete ? i.naturalWidth : 0")
        .await?;
    assert!(width.as_u64().is_some_and(|w| w > 0), "hold-out chart: {width}");
    app.click("[data-testid=export-holdout-csv]").await?;
    app.wait_text("[data-testid=toast]", "holdout.csv").await?;
    let csv = std::fs::read_to_string(saves.path().join("holdout.csv"))?;
    assert!(csv.starts_with("month,from,to,expected,actual"), "{csv}");
    app.click("[data-testid=at-risk-row] button").await?;
    app.wait_text("[data-testid=customer-outlook]", "Likely still a customer").await?;

    app.click("[data-testid=sample-remove]").await?;
    app.click("[data-testid=sample-remove-confirm]").await?;
    app.wait("[data-testid=shop-name]").await?;
    app.quit().await?;
    Ok(())
}

/// The app open on `data`, with `text` written to `files/name` and picked on the Import and
/// backup screen (the file dialog stands in by `--e2e-import-file`; saves go to `files`).
async fn pick_on_the_data_screen(data: &std::path::Path, files: &std::path::Path, name: &str, text: &str) -> Result<(Driver, App)> {
    let csv = files.join(name);
    std::fs::write(&csv, text)?;
    let driver = Driver::start()?;
    let (csv_arg, save_arg) = (csv.display().to_string(), files.display().to_string());
    let app = driver.launch_with(data, &["--e2e-import-file", &csv_arg, "--e2e-save-dir", &save_arg]).await?;
    app.click("[data-testid=nav-data]").await?;
    app.click("[data-testid=import-pick]").await?;
    Ok((driver, app))
}

#[tokio::test]
async fn import_with_a_dry_run_then_undo_and_back_up() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), &["Maria Lopez"])?;
    let files = tempfile::tempdir()?;
    let (_driver, app) = pick_on_the_data_screen(
        data.path(),
        files.path(),
        "square.csv",
        "Date,Time,Time Zone,Total Collected,Transaction ID,Customer ID,Customer Name\n\
         2026-03-01,10:00,Europe/London,€20.00,T1,C1,Maria Lopez\n\
         2026-03-15,10:00,Europe/London,€30.00,T2,C1,Maria Lopez\n\
         2026-03-16,10:00,Europe/London,€5.00,T3,,\n\
         2026-03-17,10:00,Europe/London,€7.00,T4,C2,<img src=x onerror=alert(1)>\n\
         2026-03-18,10:00,Europe/London,lots,T5,C3,Ben\n",
    )
    .await?;
    app.wait_text("[data-testid=preview-sales]", "4").await?;
    app.wait_text("[data-testid=problem-rows]", "Line 6, Total Collected: 'lots' is not an amount").await?;
    // The revenue says where it comes from, and a file that ends months ago says so.
    app.wait_text("[data-testid=revenue-means]", "Total Collected").await?;
    app.wait_text("[data-testid=sales-stop]", "stop on Mar 17, 2026").await?;
    // A name that is markup shows as text in the preview.
    let preview = app.wait_text("[data-testid=import-preview]", "<img src=x onerror=alert(1)>").await?;
    assert!(preview.contains("Maria Lopez") && preview.contains("1 new, 1 matched"), "Maria is matched by name: {preview}");
    let disabled = app.eval("return document.querySelector('[data-testid=import-run]').disabled").await?;
    assert_eq!(disabled, true, "problems must be accepted first");
    app.click("[data-testid=allow-problems]").await?;
    app.click("[data-testid=import-run]").await?;
    app.wait_text("[data-testid=toast]", "Imported 4 sales from square.csv (1 new customer)").await?;
    app.wait_text("[data-testid=import-row]", "square.csv").await?;

    app.click("[data-testid=nav-customers]").await?;
    app.wait_text("[data-testid=customer-row]", "<img src=x onerror=alert(1)>").await?;
    app.click("[data-testid=nav-data]").await?;
    app.click("[data-testid=import-undo]").await?;
    app.click("[data-testid=import-undo-confirm]").await?;
    app.wait_text("[data-testid=toast]", "Undid the import of square.csv").await?;
    app.wait_text("[data-testid=import-row]", "undone").await?;

    app.click("[data-testid=backup-now]").await?;
    app.wait_text("[data-testid=toast]", "Backed up to").await?;
    let backup = std::fs::read_dir(files.path())?.filter_map(|e| e.ok()).find(|e| e.file_name().to_string_lossy().ends_with(".sqlite3"));
    assert!(backup.is_some_and(|b| b.metadata().is_ok_and(|m| m.len() > 0)));
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_damaged_shop_offers_its_newest_good_backup() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with_sale(data.path(), "Maria Lopez", "2026-01-05", "12.50")?;
    {
        let session = regulars_core::Session::open(data.path(), regulars_core::Clock::Local)?;
        session.rolling_backup()?;
    }
    // The first page overwritten: SQLite no longer sees a database.
    let file = data.path().join(regulars_core::DATABASE_FILE);
    let mut bytes = std::fs::read(&file)?;
    for b in bytes.iter_mut().take(4096) {
        *b = b'#';
    }
    std::fs::write(&file, bytes)?;

    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.click("[data-testid=restore-newest]").await?;
    app.click("[data-testid=nav-customers]").await?;
    let row = app.wait_text("[data-testid=customer-row]", "Maria Lopez").await?;
    assert!(squeeze(&row).contains("€12.50"), "{row}");
    let kept = std::fs::read_dir(data.path())?.filter_map(|e| e.ok()).any(|e| e.file_name().to_string_lossy().starts_with("damaged-"));
    assert!(kept, "the damaged file is kept beside the restored one");
    app.quit().await?;
    Ok(())
}

#[tokio::test]
async fn a_shop_locked_with_a_passphrase_asks_for_it_and_can_be_unlocked_for_good() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), &["Zanzibar Quokka"])?;
    let file = data.path().join(regulars_core::DATABASE_FILE);
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.click("[data-testid=nav-settings]").await?;
    app.type_into("[data-testid=lock-new]", "correct horse").await?;
    app.type_into("[data-testid=lock-again]", "correct hose").await?;
    app.click("[data-testid=lock-save]").await?;
    app.wait_text("[data-testid=lock-error]", "not the same").await?;
    let again = app.wait("[data-testid=lock-again]").await?;
    again.clear().await?;
    again.send_keys("correct horse").await?;
    app.click("[data-testid=lock-save]").await?;
    app.wait_text("[data-testid=toast]", "locked with the new passphrase").await?;
    app.quit().await?;
    assert!(regulars_core::is_locked_file(&file), "the file is encrypted");

    // Next start: the passphrase is asked first; a wrong one is refused and nothing opens.
    let app = driver.launch(data.path()).await?;
    app.wait_focus("unlock-passphrase").await?;
    app.type_into("[data-testid=unlock-passphrase]", &format!("Correct horse{}", enter())).await?;
    app.wait_text("[data-testid=unlock-error]", "not the passphrase").await?;
    app.type_into("[data-testid=unlock-passphrase]", &format!("correct horse{}", enter())).await?;
    app.click("[data-testid=nav-customers]").await?;
    app.wait_text("[data-testid=customer-open]", "Zanzibar Quokka").await?;

    // Removing it needs the current passphrase.
    app.click("[data-testid=nav-settings]").await?;
    app.type_into("[data-testid=lock-current]", "correct horse").await?;
    app.click("[data-testid=lock-remove]").await?;
    app.wait_text("[data-testid=toast]", "passphrase is removed").await?;
    app.quit().await?;
    assert!(!regulars_core::is_locked_file(&file));
    assert_log_keeps_out(data.path(), &["correct horse", "Zanzibar"])?;
    Ok(())
}

/// Every screen, audited with axe-core against WCAG 2.1 A and AA (contrast, labels, names,
/// roles, landmarks) in the real window, on the sample shop: no violation.
#[tokio::test]
async fn every_screen_passes_an_accessibility_audit() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    let mut found: Vec<String> = Vec::new();
    let mut audited = 0;
    let mut audit = async |screen: &str, app: &App| -> Result<()> {
        audited += 1;
        found.extend(app.accessibility_violations().await?.into_iter().map(|v| format!("{screen}: {v}")));
        Ok(())
    };
    app.wait_focus("shop-name").await?;
    audit("first run", &app).await?;
    app.click("[data-testid=sample-load]").await?;
    app.wait("[data-testid=sample-banner]").await?;
    app.wait("[data-testid=reminder]").await?;
    audit("Today", &app).await?;
    app.click("[data-testid=nav-sale]").await?;
    app.wait("[data-testid=sale-row]").await?;
    audit("Log a sale", &app).await?;
    app.click("[data-testid=nav-customers]").await?;
    app.wait("[data-testid=customer-open]").await?;
    audit("Customers", &app).await?;
    app.click("[data-testid=customer-open]").await?;
    app.wait("[data-testid=customer-title]").await?;
    audit("a customer", &app).await?;
    app.click("[data-testid=nav-dashboard]").await?;
    app.wait("[data-testid=chart-cohorts] img").await?;
    audit("Repeat business", &app).await?;
    app.click("[data-testid=nav-at-risk]").await?;
    app.wait("[data-testid=at-risk-row]").await?;
    audit("At risk", &app).await?;
    app.click("[data-testid=nav-data]").await?;
    app.wait("[data-testid=import-pick]").await?;
    audit("Import and backup", &app).await?;
    app.click("[data-testid=nav-settings]").await?;
    app.wait("[data-testid=lock]").await?;
    audit("Settings", &app).await?;
    app.type_into("[data-testid=nav-settings]", "?").await?;
    app.wait("[data-testid=help]").await?;
    audit("shortcuts", &app).await?;
    app.click("[data-testid=help-close]").await?;
    app.type_into("[data-testid=lock-new]", "correct horse").await?;
    app.type_into("[data-testid=lock-again]", "correct horse").await?;
    app.click("[data-testid=lock-save]").await?;
    app.wait_text("[data-testid=toast]", "locked").await?;
    app.quit().await?;
    let app = driver.launch(data.path()).await?;
    app.wait_focus("unlock-passphrase").await?;
    audit("Unlock", &app).await?;
    app.quit().await?;
    println!("{audited} screens audited (WCAG 2.1 A and AA), {} violations", found.len());
    assert!(found.is_empty(), "accessibility violations:\n{}", found.join("\n"));
    Ok(())
}

#[tokio::test]
async fn first_run_asks_the_week_start_and_check_in_days_and_settings_change_them() -> Result<()> {
    let data = tempfile::tempdir()?;
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.wait_focus("shop-name").await?;
    app.type_into("[data-testid=shop-name]", "Corner Books").await?;
    let currency = app.wait("[data-testid=shop-currency]").await?;
    currency.clear().await?;
    currency.send_keys("USD").await?;
    app.eval("const s = document.querySelector('[data-testid=shop-week-start]'); s.value = 'sunday'; s.dispatchEvent(new Event('change', { bubbles: true })); return true").await?;
    let days = app.wait("[data-testid=shop-check-in]").await?;
    days.clear().await?;
    days.send_keys("400").await?;
    app.click("[data-testid=shop-save]").await?;
    app.wait_text("[role=alert]", "between 1 and 365").await?;
    let days = app.wait("[data-testid=shop-check-in]").await?;
    days.clear().await?;
    days.send_keys("10").await?;
    app.click("[data-testid=shop-save]").await?;
    app.wait_text("[data-testid=today-empty]", "a check-in 10 days after each sale").await?;
    app.quit().await?;

    // Kept in the file: Settings shows them after a restart, and changes them.
    let session = regulars_core::Session::open(data.path(), regulars_core::Clock::Local)?;
    assert_eq!(session.week_start()?.key(), "sunday");
    drop(session);
    let app = driver.launch(data.path()).await?;
    app.click("[data-testid=nav-settings]").await?;
    assert_eq!(app.eval("return document.querySelector('[data-testid=shop-week-start]').value").await?, "sunday");
    assert_eq!(app.eval("return document.querySelector('[data-testid=shop-check-in]').value").await?, "10");
    let name = app.wait("[data-testid=shop-name]").await?;
    name.clear().await?;
    name.send_keys("Corner Books & Maps").await?;
    app.eval("const s = document.querySelector('[data-testid=shop-week-start]'); s.value = 'monday'; s.dispatchEvent(new Event('change', { bubbles: true })); return true").await?;
    app.click("[data-testid=shop-save]").await?;
    app.wait_text("[data-testid=toast]", "Saved").await?;
    assert_eq!(app.eval("return document.querySelector('nav .brand').textContent").await?, "Corner Books & Maps");
    app.quit().await?;
    let session = regulars_core::Session::open(data.path(), regulars_core::Clock::Local)?;
    assert_eq!(session.week_start()?.key(), "monday");
    assert_eq!(session.reminder_rules()?.check_in_days, 10);
    Ok(())
}

#[tokio::test]
async fn the_window_opens_where_and_as_large_as_it_was_left() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), &["Ana"])?;
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.wait("nav").await?;
    app.client.set_window_rect(60, 40, 1000, 700).await?;
    let (x, y, width, height) = app.client.get_window_rect().await?;
    assert_eq!((width, height), (1000, 700), "the window was resized");
    // Killed, not closed: the place must already be on disk.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert!(data.path().join("window-state.json").exists());
    app.quit().await?;

    let app = driver.launch(data.path()).await?;
    app.wait("nav").await?;
    let reopened = app.client.get_window_rect().await?;
    assert_eq!((reopened.2, reopened.3), (width, height), "the same size");
    assert_eq!((reopened.0, reopened.1), (x, y), "the same place");
    app.quit().await?;
    Ok(())
}

/// The app menu's items reach the window as `regulars-menu` events (src-tauri/src/menu.rs);
/// each opens its screen, and "Keyboard shortcuts" the list. (A native menu cannot be clicked
/// over WebDriver, so the event the menu sends is sent here.)
#[tokio::test]
async fn the_app_menu_opens_each_screen_and_the_shortcuts() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), &["Ana"])?;
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.wait("nav").await?;
    let choose = |id: &'static str| format!("window.dispatchEvent(new CustomEvent('regulars-menu', {{ detail: '{id}' }})); return true");
    for (id, nav) in [
        ("sale", "nav-sale"),
        ("customers", "nav-customers"),
        ("dashboard", "nav-dashboard"),
        ("atRisk", "nav-at-risk"),
        ("data", "nav-data"),
        ("settings", "nav-settings"),
        ("today", "nav-today"),
    ] {
        app.eval(&choose(id)).await?;
        let current = app.eval(&format!("return document.querySelector('[data-testid={nav}]').getAttribute('aria-current')")).await?;
        assert_eq!(current, "page", "{id}");
    }
    app.eval(&choose("help")).await?;
    app.wait("[data-testid=help]").await?;
    app.quit().await?;
    Ok(())
}

/// A line-item export no preset knows, mapped by hand in the window: the order number makes
/// its lines one sale with the repeated total counted once, and the status leaves out a
/// cancelled order.
#[tokio::test]
async fn a_line_item_export_mapped_by_hand_counts_each_order_once() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), &[])?;
    let files = tempfile::tempdir()?;
    let (_driver, app) = pick_on_the_data_screen(
        data.path(),
        files.path(),
        "orders.csv",
        "Order No;State;Day;Customer;Item Name;Total;Cur\n\
         1001;completed;2026-03-02;Maria;Inner tube;45,00;EUR\n\
         1001;completed;2026-03-02;Maria;Service;45,00;EUR\n\
         1002;cancelled;2026-03-03;Dev;Bell;8,00;EUR\n\
         1003;completed;2026-03-04;Dev;Lights;25,50;EUR\n\
         1004;completed;2026-03-05;Dev;Pump;30,00;USD\n",
    )
    .await?;
    app.wait("[data-testid=map-apply]").await?;
    for (key, column) in [
        ("dateColumn", "Day"),
        ("amountColumn", "Total"),
        ("customerColumn", "Customer"),
        ("descriptionColumn", "Item Name"),
        ("orderIdColumn", "Order No"),
        ("statusColumn", "State"),
        ("currencyColumn", "Cur"),
    ] {
        let script = format!(
            "const s = document.querySelector('[data-testid=map-{key}]'); s.value = '{column}'; s.dispatchEvent(new Event('change', {{ bubbles: true }})); return s.value;"
        );
        assert_eq!(app.eval(&script).await?, column);
    }
    app.click("[data-testid=map-apply]").await?;
    app.wait_text("[data-testid=preview-sales]", "2").await?;
    app.wait_text("[data-testid=preview-problems]", "1").await?;
    let preview = app.wait_text("[data-testid=import-preview]", "Inner tube, Service").await?;
    assert!(preview.contains("70.50"), "45.00 once and 25.50: {preview}");
    app.quit().await?;
    Ok(())
}

/// Two customers who are one person are listed on Customers, merged with one click (the list
/// shows one), and split again from the kept customer's page.
#[tokio::test]
async fn a_possible_duplicate_is_merged_and_split_again() -> Result<()> {
    let data = tempfile::tempdir()?;
    shop_with(data.path(), &["Dana Whit", "dana  whit"])?;
    let driver = Driver::start()?;
    let app = driver.launch(data.path()).await?;
    app.click("[data-testid=nav-customers]").await?;
    app.wait_text("[data-testid=duplicates]", "1 pair of customers may be one person").await?;
    app.click("[data-testid=duplicates-toggle]").await?;
    app.wait_text("[data-testid=duplicate]", "same name").await?;
    app.click("[data-testid=duplicate-merge-a]").await?;
    app.wait_text("[data-testid=toast]", "Merged dana  whit into Dana Whit").await?;
    assert_eq!(app.texts("[data-testid=customer-row]").await?.len(), 1, "one customer left");
    assert!(app.texts("[data-testid=duplicates]").await?.is_empty(), "nothing left to review");

    app.click("[data-testid=customer-open]").await?;
    app.wait_text("[data-testid=customer-merged-from]", "dana  whit was merged into this customer").await?;
    app.click("[data-testid=customer-split]").await?;
    app.wait_text("[data-testid=toast]", "is a customer of their own again").await?;
    assert!(app.texts("[data-testid=customer-merged-from]").await?.is_empty());
    app.click("[data-testid=nav-customers]").await?;
    app.wait("[data-testid=duplicates]").await?;
    assert_eq!(app.texts("[data-testid=customer-row]").await?.len(), 2, "both are back");
    app.quit().await?;
    Ok(())
}

/// Write on a reminder of the day's plan opens the mail app with the drafted message (here a
/// stand-in `xdg-open` records the URL), one key answers "Did you reach them?", the contact is
/// logged and the plan's count drops by one.
#[cfg(unix)]
#[tokio::test]
async fn write_opens_the_mail_app_with_the_drafted_message_and_the_answer_logs_it() -> Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let data = tempfile::tempdir()?;
    {
        let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).ok_or("day")?;
        let mut session = regulars_core::Session::open(data.path(), regulars_core::Clock::Fixed(day))?;
        let eur = regulars_domain::Currency::parse("EUR")?;
        session.set_up_shop(regulars_domain::ShopSettings { name: regulars_domain::ShopName::parse("Maria's Bikes")?, currency: eur })?;
        for (name, email) in [("Ana Lopez", "ana@example.com"), ("Ben Okafor", "ben@example.com")] {
            let id = session.add_customer(regulars_domain::CustomerDraft::parse(name, email, "", "", &[])?)?.summary.id;
            let sale = regulars_domain::SaleDraft::parse(Some(id), "2026-01-05", "240", "E-bike", "", "", eur, day)?;
            session.log_sale(sale)?;
        }
    }
    let bin = tempfile::tempdir()?;
    let opened = bin.path().join("opened.txt");
    let stand_in = bin.path().join("xdg-open");
    std::fs::write(&stand_in, format!("#!/bin/sh\nprintf '%s\\n' \"$1\" >> '{}'\n", opened.display()))?;
    std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755))?;

    let driver = Driver::start_with_path_first(Some(bin.path()))?;
    let app = driver.launch_with(data.path(), &["--today", "2026-01-13"]).await?;
    app.wait_text("[data-testid=today-count]", "2").await?;
    app.click("[data-testid=reach-email]").await?;
    app.wait("[data-testid=reach-ask]").await?;
    let started = std::time::Instant::now();
    let url = loop {
        let text = std::fs::read_to_string(&opened).unwrap_or_default();
        if !text.is_empty() || started.elapsed() > std::time::Duration::from_secs(10) {
            break text;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    };
    assert!(url.starts_with("mailto:ana@example.com?subject=How%20is%20everything%2C%20Ana%3F&body=Hello%20Ana"), "{url}");
    assert!(url.contains("E-bike") && url.contains("%0D%0A"), "the drafted body, its lines kept: {url}");
    // "Did you reach them?" takes the focus: one key answers it.
    app.client.active_element().await?.send_keys("y").await?;
    app.wait_text("[data-testid=toast]", "Logged a contact with Ana Lopez").await?;
    app.wait_text("[data-testid=today-count]", "1").await?;
    app.wait_text("[data-testid=plan-progress]", "1 of 10 done today").await?;
    app.click("[data-testid=nav-customers]").await?;
    app.wait_text("[data-testid=customers-table]", "Ana Lopez").await?;
    app.quit().await?;
    Ok(())
}
