//! Drives the real Regulars binary: starts `tauri-driver` (which starts Debian's
//! WebKitWebDriver, which starts the app), opens a WebDriver session on a data directory, and
//! offers the few helpers the tests and the screenshot tool need.
//!
//! The app binary is `$REGULARS_APP`, else `target/debug/regulars` of this workspace.
//! `cargo xtask test` builds it first and runs everything under Xvfb.

use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use regulars_core::{Clock, Session};
use regulars_domain::{Currency, ShopName, ShopSettings};

pub use fantoccini::key::Key;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error + Send + Sync>>;

/// How long any one wait for the window may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// How often a read or a click is tried again when the element it found was replaced before
/// it acted (the screen drew a list again in between, as after a merge): a stale node is the
/// page moving on, not a failure. Seen once in CI: `StaleElementReference` on the customers
/// screen right after a merge.
const STALE_TRIES: usize = 10;
const STALE_PAUSE: Duration = Duration::from_millis(100);

/// `--data-dir DIR --out PATH` from the command line of the e2e tools; `usage` on anything else.
pub fn data_and_out_args(usage: &str) -> Result<(PathBuf, PathBuf)> {
    let mut args = std::env::args().skip(1);
    let (mut data, mut out) = (None, None);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data-dir" => data = args.next().map(PathBuf::from),
            "--out" => out = args.next().map(PathBuf::from),
            other => return Err(format!("unknown argument {other}; {usage}").into()),
        }
    }
    match (data, out) {
        (Some(data), Some(out)) => Ok((data, out)),
        _ => Err(usage.to_owned().into()),
    }
}

/// The app process started on `data` (by its command line).
pub fn app_pid(data: &Path) -> Option<u32> {
    let pattern = format!("{} --data-dir {}", app_binary().display(), data.display());
    let output = Command::new("pgrep").args(["-f", "--", &pattern]).output().ok()?;
    String::from_utf8_lossy(&output.stdout).lines().next()?.trim().parse().ok()
}

/// The resident set of `pid` in MB (0 when it is gone).
pub fn rss_mb(pid: u32) -> f64 {
    status_mb(pid, "VmRSS:")
}

/// The most `pid` has had resident since it started, in MB (0 when it is gone).
pub fn peak_rss_mb(pid: u32) -> f64 {
    status_mb(pid, "VmHWM:")
}

fn status_mb(pid: u32, field: &str) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kib: f64 =
        status.lines().find_map(|l| l.strip_prefix(field)).and_then(|v| v.split_whitespace().next()?.parse().ok()).unwrap_or(0.0);
    kib / 1024.0
}

/// The app binary under test.
pub fn app_binary() -> PathBuf {
    match std::env::var_os("REGULARS_APP") {
        Some(path) => PathBuf::from(path),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/regulars"),
    }
}

/// A shop on disk prepared through the use cases, before the app opens it.
pub fn shop_with(dir: &Path, customers: &[&str]) -> Result<()> {
    let mut session = Session::open(dir, Clock::Local)?;
    session.set_up_shop(ShopSettings { name: ShopName::parse("Maria's Bikes")?, currency: Currency::parse("EUR")? })?;
    for name in customers {
        session.add_customer(regulars_domain::CustomerDraft::parse(name, "", "", "", &[])?)?;
    }
    Ok(())
}

/// A shop with one customer and one sale on `date`, prepared through the use cases.
pub fn shop_with_sale(dir: &Path, customer: &str, date: &str, amount: &str) -> Result<()> {
    shop_with(dir, &[customer])?;
    let day = chrono_day(date)?;
    let mut session = Session::open(dir, Clock::Fixed(day))?;
    let id = session.search_customers(customer, 1)?.first().map(|c| c.id).ok_or("customer not found")?;
    let draft = regulars_domain::SaleDraft::parse(Some(id), date, amount, "", "", "", session.currency()?, day)?;
    session.log_sale(draft)?;
    Ok(())
}

fn chrono_day(date: &str) -> Result<chrono::NaiveDate> {
    Ok(regulars_domain::parse_day(regulars_domain::Field::Date, date)?)
}

/// A running `tauri-driver`, stopped when dropped.
pub struct Driver {
    child: Child,
    port: u16,
}

impl Driver {
    pub fn start() -> Result<Driver> {
        Driver::start_with_path_first(None)
    }

    /// Starts the driver (and so the app it launches) with `bin` first on PATH: stand-ins for
    /// system tools, such as an `xdg-open` that records the URL it was asked to open.
    pub fn start_with_path_first(bin: Option<&Path>) -> Result<Driver> {
        let port = free_port()?;
        let native_port = free_port()?;
        let mut command = Command::new(tauri_driver());
        // Its own process group, so that dropping the driver also ends WebKitWebDriver and the
        // app even when a failing test never closed its session.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        if let Some(bin) = bin {
            let path = std::env::var_os("PATH").unwrap_or_default();
            let joined = std::env::join_paths(std::iter::once(bin.to_path_buf()).chain(std::env::split_paths(&path)))?;
            command.env("PATH", joined);
        }
        let child = command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .map_err(|e| format!("cannot start tauri-driver ({e}); `cargo xtask test` installs it"))?;
        let driver = Driver { child, port };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if started.elapsed() > PATIENCE {
                return Err("tauri-driver did not start listening".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        Ok(driver)
    }

    /// Launches the app on `data_dir` and opens a session on its window.
    pub async fn launch(&self, data_dir: &Path) -> Result<App> {
        self.launch_with(data_dir, &[]).await
    }

    /// Launches the app with extra arguments, such as the test-only `--today YYYY-MM-DD`.
    pub async fn launch_with(&self, data_dir: &Path, extra: &[&str]) -> Result<App> {
        let app = app_binary();
        if !app.exists() {
            return Err(format!("no app binary at {}; build it with `cargo build -p regulars-app`", app.display()).into());
        }
        let mut args = vec!["--data-dir".to_owned(), data_dir.display().to_string()];
        args.extend(extra.iter().map(|a| a.to_string()));
        let capabilities = serde_json::json!({
            "browserName": "wry",
            "tauri:options": {
                "application": app,
                "args": args,
            }
        });
        let serde_json::Value::Object(capabilities) = capabilities else {
            return Err("capabilities are an object".into());
        };
        // tauri-driver listens before WebKitWebDriver behind it is ready: a new session asked
        // for in between has its connection dropped (seen once in a full run, on the first test).
        // Only that — no answer at all — is asked again; any answer of the driver is final.
        let url = format!("http://127.0.0.1:{}", self.port);
        let mut attempt = 1;
        let client = loop {
            // A window that never opens must fail the test, not hang the run.
            let mut builder = ClientBuilder::native();
            let connect = builder.capabilities(capabilities.clone()).connect(&url);
            let Ok(answer) = tokio::time::timeout(PATIENCE * 3, connect).await else {
                return Err(format!("no window from {} within {} s", app.display(), (PATIENCE * 3).as_secs()).into());
            };
            match answer {
                Err(fantoccini::error::NewSessionError::FailedC(e)) if attempt < 3 => {
                    eprintln!("new session: no answer from the driver ({e}); asking again");
                    attempt += 1;
                    tokio::time::sleep(Duration::from_millis(500)).await;
                }
                other => break other?,
            }
        };
        let app = App { client, data_dir: data_dir.to_path_buf() };
        // The first screen has rendered when the app's root holds something.
        app.wait("#app > *").await?;
        Ok(app)
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        #[cfg(unix)]
        let _ = Command::new("kill").args(["-TERM", "--", &format!("-{}", self.child.id())]).status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tauri_driver() -> PathBuf {
    if let Some(path) = std::env::var_os("TAURI_DRIVER") {
        return PathBuf::from(path);
    }
    let cargo_bin = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cargo")))
        .map(|dir| dir.join("bin/tauri-driver"));
    match cargo_bin {
        Some(path) if path.exists() => path,
        _ => PathBuf::from("tauri-driver"),
    }
}

/// A port for tauri-driver or the WebKitWebDriver behind it, free when asked for.
///
/// Not one of the kernel's ephemeral ports (where they leave room below them, as Linux's
/// 32768 up does): WebKitWebDriver binds its port only when a session is asked for, and in
/// between any outgoing connection (ours to tauri-driver, its own to WebKitWebDriver) may be
/// given that very port as its local end. Seen in CI: "Unable to listen for HTTP server at
/// host 127.0.0.1 and port 45841", and the session failed. Ports below the ephemeral range
/// are handed out only by a bind that names them, and each is given once per process.
fn free_port() -> Result<u16> {
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let low = LOWEST_PORT;
    let first_ephemeral = u32::from(first_ephemeral_port());
    if first_ephemeral < low + 1_000 {
        // A system whose ephemeral ports start that low leaves no room below them: the
        // kernel's choice, as before.
        return Ok(TcpListener::bind(("127.0.0.1", 0))?.local_addr()?.port());
    }
    let span = first_ephemeral - low;
    // Processes start apart, so that two test binaries at once rarely try the same ports.
    let start = std::process::id().wrapping_mul(7919) % span;
    for _ in 0..span {
        let port = low + (start + NEXT.fetch_add(1, Ordering::Relaxed)) % span;
        let port = u16::try_from(port).map_err(|_| "a port under 65536")?;
        if TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return Ok(port);
        }
    }
    Err(format!("no free port between {low} and {}", low + span).into())
}

/// The lowest port [`free_port`] gives (below it lie well-known services' ports).
const LOWEST_PORT: u32 = 10_000;

/// The first port the kernel may give an outgoing connection: Linux says it in
/// `ip_local_port_range`; elsewhere the IANA range, 49152 up.
fn first_ephemeral_port() -> u16 {
    std::fs::read_to_string("/proc/sys/net/ipv4/ip_local_port_range")
        .ok()
        .and_then(|range| range.split_whitespace().next()?.parse().ok())
        .unwrap_or(49_152)
}

/// One open app window.
pub struct App {
    pub client: Client,
    data_dir: PathBuf,
}

impl App {
    /// Waits until an element matching `css` exists, and returns it.
    pub async fn wait(&self, css: &str) -> Result<Element> {
        match self.client.wait().at_most(PATIENCE).for_element(Locator::Css(css)).await {
            Ok(element) => Ok(element),
            Err(e) => {
                let shot = self.failure_screenshot().await;
                Err(format!("waiting for {css}: {e}; screen: {shot}").into())
            }
        }
    }

    /// Waits until an element matching `css` has text containing `needle`, ignoring white space
    /// (the web view's locale decides whether money reads `€12.50` or `€ 12.50`); returns its text.
    pub async fn wait_text(&self, css: &str, needle: &str) -> Result<String> {
        self.wait_text_within(css, needle, PATIENCE).await
    }

    /// [`App::wait_text`], waiting up to `patience` (a large import in a debug build takes minutes).
    pub async fn wait_text_within(&self, css: &str, needle: &str, patience: Duration) -> Result<String> {
        let started = Instant::now();
        loop {
            let mut last = String::new();
            for element in self.client.find_all(Locator::Css(css)).await? {
                let text = element.text().await.unwrap_or_default();
                if squeeze(&text).contains(&squeeze(needle)) {
                    return Ok(text);
                }
                last = text;
            }
            if started.elapsed() > patience {
                let shot = self.failure_screenshot().await;
                return Err(format!("no {css} with text containing {needle:?} (last seen: {last:?}); screen: {shot}").into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits until the element with `data-testid` = `testid` has the keyboard focus, so that
    /// typing elsewhere cannot race an autofocus that is still to come.
    pub async fn wait_focus(&self, testid: &str) -> Result<()> {
        let started = Instant::now();
        loop {
            let focused = self.eval("return document.activeElement ? document.activeElement.getAttribute('data-testid') : null").await?;
            if focused == testid {
                return Ok(());
            }
            if started.elapsed() > PATIENCE {
                let shot = self.failure_screenshot().await;
                return Err(format!("{testid} never got the focus (focus on {focused}); screen: {shot}").into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Every text of the elements matching `css`, in order.
    pub async fn texts(&self, css: &str) -> Result<Vec<String>> {
        let mut tries = 0;
        'read: loop {
            let mut texts = Vec::new();
            for element in self.client.find_all(Locator::Css(css)).await? {
                match element.text().await {
                    Ok(text) => texts.push(text),
                    Err(e) if e.is_stale_element_reference() && tries < STALE_TRIES => {
                        tries += 1;
                        tokio::time::sleep(STALE_PAUSE).await;
                        continue 'read;
                    }
                    Err(e) => return Err(e.into()),
                }
            }
            return Ok(texts);
        }
    }

    pub async fn click(&self, css: &str) -> Result<()> {
        let mut tries = 0;
        loop {
            match self.wait(css).await?.click().await {
                Ok(()) => return Ok(()),
                // Nothing was clicked: the element found was replaced before the click.
                Err(e) if e.is_stale_element_reference() && tries < STALE_TRIES => {
                    tries += 1;
                    tokio::time::sleep(STALE_PAUSE).await;
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// Types into the element matching `css` (keys such as Enter included).
    pub async fn type_into(&self, css: &str, text: &str) -> Result<()> {
        self.wait(css).await?.send_keys(text).await?;
        Ok(())
    }

    /// Runs a script in the page and returns its result.
    pub async fn eval(&self, script: &str) -> Result<serde_json::Value> {
        Ok(self.client.execute(script, vec![]).await?)
    }

    /// The WCAG 2.1 A and AA violations axe-core finds on what the window shows now, one line
    /// each (rule, impact, the first elements). axe-core comes from `ui/node_modules` (a dev
    /// dependency of the UI) and is injected through WebDriver, never shipped in the app.
    pub async fn accessibility_violations(&self) -> Result<Vec<String>> {
        let axe = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/node_modules/axe-core/axe.min.js");
        let source = std::fs::read_to_string(&axe).map_err(|e| format!("cannot read {}: {e} (npm ci in ui/)", axe.display()))?;
        self.client.execute(&format!("{source}\nreturn typeof axe;"), vec![]).await?;
        let script = "const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] })
              .then(r => done(r.violations.map(v => v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(', '))))
              .catch(e => done(['axe failed: ' + e]));";
        let found = self.client.execute_async(script, vec![]).await?;
        Ok(found.as_array().map(|a| a.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect()).unwrap_or_default())
    }

    /// Saves what the window shows to `target/e2e-failures/` and returns the path, for a
    /// failing test's message.
    pub async fn failure_screenshot(&self) -> String {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/e2e-failures");
        let path = dir.join(format!(
            "{}.png",
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0)
        ));
        let saved = std::fs::create_dir_all(&dir).map_err(Into::into).and(Ok(()));
        match saved {
            Ok(()) => match self.screenshot(&path).await {
                Ok(()) => path.display().to_string(),
                Err(e) => format!("(no screenshot: {e})"),
            },
            Err::<(), Box<dyn std::error::Error + Send + Sync>>(e) => format!("(no screenshot: {e})"),
        }
    }

    pub async fn screenshot(&self, path: &Path) -> Result<()> {
        let png = self.client.screenshot().await?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Closes the window and waits until the app process has exited, so that a relaunch on the
    /// same shop does not meet the old instance (which would take it over, as a second launch
    /// should).
    pub async fn quit(self) -> Result<()> {
        self.client.close().await?;
        let started = Instant::now();
        // The app's own command line: the screenshot tool was started with the same
        // `--data-dir`, so the directory alone would match it too.
        let pattern = format!("{} --data-dir {}", app_binary().display(), self.data_dir.display());
        while Command::new("pgrep").args(["-f", "--", &pattern]).stdout(Stdio::null()).status().is_ok_and(|s| s.success()) {
            if started.elapsed() > PATIENCE {
                return Err(format!("the app on {} did not exit after its window closed", self.data_dir.display()).into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        // The process is gone, but the session bus may not have let go of its single-instance
        // name yet: an app launched now would hand over to it and exit, and the next session
        // would wait for a window that never opens (seen once, on a loaded machine).
        while single_instance_held() {
            if started.elapsed() > PATIENCE {
                return Err("the app's single-instance name stayed on the session bus after it exited".into());
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Ok(())
    }
}

/// Whether some app holds Regulars' single-instance name on the session bus (`false` when
/// there is no bus to ask).
fn single_instance_held() -> bool {
    let names = Command::new("dbus-send")
        .args(["--session", "--print-reply", "--dest=org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus.ListNames"])
        .stderr(Stdio::null())
        .output();
    names.is_ok_and(|out| out.status.success() && String::from_utf8_lossy(&out.stdout).contains(".SingleInstance"))
}

/// The Enter key as typed text.
pub fn enter() -> String {
    char::from(Key::Enter).to_string()
}

/// `text` without any white space, for comparisons that must not depend on locale spacing.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drivers_get_ports_no_outgoing_connection_can_be_given() {
        let first_ephemeral = first_ephemeral_port();
        let ports: Vec<u16> = (0..200).map(|_| free_port().unwrap()).collect();
        for port in &ports {
            if u32::from(first_ephemeral) >= LOWEST_PORT + 1_000 {
                assert!(
                    (LOWEST_PORT..u32::from(first_ephemeral)).contains(&u32::from(*port)),
                    "port {port} (ephemeral from {first_ephemeral})"
                );
            }
            TcpListener::bind(("127.0.0.1", *port)).unwrap();
        }
        let mut distinct = ports.clone();
        distinct.sort_unstable();
        distinct.dedup();
        assert_eq!(distinct.len(), ports.len(), "a port given twice");
    }

    #[test]
    fn a_port_in_use_is_passed_over() {
        let next = free_port().unwrap() + 1;
        let held = TcpListener::bind(("127.0.0.1", next));
        let port = free_port().unwrap();
        if held.is_ok() {
            assert_ne!(port, next);
        }
        TcpListener::bind(("127.0.0.1", port)).unwrap();
    }
}
