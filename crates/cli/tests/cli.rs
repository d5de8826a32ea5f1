//! The command line as an owner's script would use it: real binary, real shop directory.

use std::process::{Command, Output};

fn cli(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_regulars-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .args(["--as-of", "2026-11-23"])
        .output()
        .expect("regulars-cli runs")
}

/// The CLI with no passphrase in its environment but `env`, and `stdin` as its input.
fn with_input(dir: &std::path::Path, args: &[&str], env: &[(&str, &str)], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_regulars-cli"))
        .arg("--data-dir")
        .arg(dir)
        .args(args)
        .env_remove("REGULARS_PASSPHRASE")
        .env_remove("REGULARS_NEW_PASSPHRASE")
        .envs(env.iter().copied())
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("run");
    // The reader may stop early (a line too long); a closed pipe is fine here.
    let _ = std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin);
    child.wait_with_output().expect("output")
}

fn ok(output: &Output) -> String {
    assert!(output.status.success(), "failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn metrics_charts_and_pack_from_the_sample_shop() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&cli(dir.path(), &["sample-shop"]));

    let json: serde_json::Value =
        serde_json::from_str(&ok(&cli(dir.path(), &["metrics", "--period", "quarter", "--json"]))).expect("metrics --json is JSON");
    assert_eq!(json["schema"], 1);
    assert_eq!(json["as_of"], "2026-11-23");
    assert_eq!(json["report"]["filter"]["period"], "quarter");
    assert_eq!(json["report"]["filter"]["from"], "2025-12-01");
    let summary = &json["report"]["summary"];
    let (new, returning, customers) =
        (summary["new_customers"].as_u64(), summary["returning_customers"].as_u64(), summary["customers"].as_u64());
    assert_eq!(new.zip(returning).map(|(n, r)| n + r), customers);
    assert!(json["report"]["cohorts"].as_array().is_some_and(|c| c.len() == 12));
    assert!(json["report"]["segments"].as_array().is_some_and(|s| s.len() == 7));

    let out = dir.path().join("charts");
    let printed = ok(&cli(dir.path(), &["charts", "--out", out.to_str().expect("utf-8"), "--format", "all"]));
    assert!(printed.contains("wrote 19 files"), "{printed}");
    for slug in ["new-vs-returning", "returning-rate", "cohorts", "purchase-counts", "second-purchase", "follow-up"] {
        for extension in ["svg", "png", "csv"] {
            let file = out.join(format!("{slug}.{extension}"));
            assert!(std::fs::metadata(&file).is_ok_and(|m| m.len() > 0), "{}", file.display());
        }
    }
    let pack = dir.path().join("pack.pdf");
    ok(&cli(dir.path(), &["pack", pack.to_str().expect("utf-8"), "--from", "2025-01-01"]));
    assert!(std::fs::read(&pack).expect("pack written").starts_with(b"%PDF"));
    assert!(!dir.path().join("pack.pdf.partial").exists());

    ok(&cli(dir.path(), &["remove-sample-shop"]));
    assert!(!cli(dir.path(), &["metrics"]).status.success(), "no shop set up any more");
}

#[test]
fn bad_options_fail_with_a_message_naming_them() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&cli(dir.path(), &["setup", "--name", "Shop", "--currency", "EUR"]));
    for (args, expected) in [
        (&["metrics", "--from", "2026-05-01", "--to", "2026-04-01"][..], "From: 2026-05-01 is after the end of the range"),
        (&["metrics", "--period", "fortnight"][..], "Period: 'fortnight' is not one of week, month, quarter"),
        (&["metrics", "--follow-up-days", "x"][..], "invalid value 'x' for '--follow-up-days <N>'"),
        (&["charts", "--out", "/tmp/x", "--format", "gif"][..], "[possible values: png, svg, csv, pdf, all]"),
        (&["charts"][..], "--out <DIR>"),
        (&["charts", "--out", "/tmp/x", "--scale", "3"][..], "3 is not in 1..=2"),
    ] {
        let output = cli(dir.path(), args);
        assert!(!output.status.success(), "{args:?} should fail");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
}

#[test]
fn predict_prints_the_model_and_every_customer_at_risk() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&cli(dir.path(), &["setup", "--name", "Maria's Bikes", "--currency", "EUR"]));
    let text = ok(&cli(dir.path(), &["predict"]));
    assert!(text.contains("no prediction") && text.contains("at least 30"), "{text}");

    let dir = tempfile::tempdir().expect("temp dir");
    ok(&cli(dir.path(), &["sample-shop"]));
    let json: serde_json::Value = serde_json::from_str(&ok(&cli(dir.path(), &["predict", "--json", "--limit", "5"]))).expect("JSON");
    assert_eq!(json["schema"], 1);
    assert_eq!(json["models"]["variant"], "MbgNbd");
    assert_eq!(json["models"]["unit"], "weeks");
    for key in ["r", "alpha", "a", "b"] {
        assert!(json["models"]["purchases"]["params"][key].as_f64().is_some_and(|v| v.is_finite() && v > 0.0), "{key}: {json}");
    }
    let customers = json["customers"].as_array().expect("customers");
    assert_eq!(customers.len(), 5);
    let at_risk: Vec<i64> = customers.iter().map(|c| c["money_at_risk_minor"].as_i64().expect("money")).collect();
    assert!(at_risk.windows(2).all(|w| w[0] >= w[1]), "{at_risk:?}");
    assert!(json["holdout"]["months"].as_array().is_some_and(|m| m.len() >= 6));

    let text = ok(&cli(dir.path(), &["predict", "--limit", "3", "--chart", &dir.path().join("holdout.png").display().to_string()]));
    assert!(text.contains("log-likelihood") && text.contains("hold-out check") && text.contains("P(alive)"), "{text}");
    assert!(std::fs::read(dir.path().join("holdout.png")).expect("chart written").starts_with(b"\x89PNG"));
}

#[test]
fn lock_asks_for_the_passphrase_at_every_command_and_unlock_removes_it() {
    let dir = tempfile::tempdir().expect("dir");
    ok(&cli(dir.path(), &["setup", "--name", "Locked Shop", "--currency", "EUR"]));
    ok(&cli(dir.path(), &["sample", "--customers", "20", "--sales", "60"]));
    let run = |args: &[&str], env: &[(&str, &str)], stdin: &str| with_input(dir.path(), args, env, stdin.as_bytes());
    let short = run(&["lock"], &[], "short\n");
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 8 characters"));
    ok(&run(&["lock"], &[], "correct horse\n"));
    assert!(regulars_core::is_locked_file(&dir.path().join(regulars_core::DATABASE_FILE)));

    let refused = run(&["sales"], &[], "");
    assert!(!refused.status.success());
    assert!(
        String::from_utf8_lossy(&refused.stderr).contains("locked with a passphrase")
            && String::from_utf8_lossy(&refused.stderr).contains("REGULARS_PASSPHRASE")
    );
    let wrong = run(&["sales"], &[("REGULARS_PASSPHRASE", "wrong horse")], "");
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("not the passphrase"));
    let listed = ok(&run(&["sales", "--limit", "100"], &[("REGULARS_PASSPHRASE", "correct horse")], ""));
    assert_eq!(listed.lines().count(), 60);

    ok(&run(&["unlock"], &[("REGULARS_PASSPHRASE", "correct horse")], ""));
    assert_eq!(ok(&run(&["sales", "--limit", "100"], &[], "")).lines().count(), 60);
}

/// Every mistyped flag or stray argument is refused before the shop is touched, with the flag
/// that was probably meant; nothing is imported by a command line that was not understood.
#[test]
fn unknown_flags_and_extra_arguments_are_refused_with_a_suggestion() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&cli(dir.path(), &["setup", "--name", "Shop", "--currency", "EUR"]));
    let file = dir.path().join("sales.csv");
    std::fs::write(&file, "customer_id,date,amount\nC1,2026-01-05,12.50\n").expect("write");
    let file = file.to_str().expect("utf-8");
    for (args, expected) in [
        (&["import", file, "--dry_run", "x"][..], "a similar argument exists: '--dry-run'"),
        (&["import", file, "--dryrun"][..], "a similar argument exists: '--dry-run'"),
        (&["metrics", "--form", "2025-01-01"][..], "a similar argument exists: '--from'"),
        (&["sales", "extra"][..], "unexpected argument 'extra'"),
        (&["import", file, "second.csv"][..], "unexpected argument 'second.csv'"),
        (&["salse"][..], "'sales'"),
        (&["customers", "--limit", "ten"][..], "invalid value 'ten' for '--limit <N>'"),
    ] {
        let output = cli(dir.path(), args);
        assert_eq!(output.status.code(), Some(2), "{args:?} is a usage error");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains(expected), "{args:?}: {stderr}");
    }
    let imports = ok(&cli(dir.path(), &["imports"]));
    assert_eq!(imports, "", "nothing was imported by a command line that was not understood");
    assert_eq!(ok(&cli(dir.path(), &["sales"])), "");
}

/// Only `setup`, `import` and the samples make a shop; a reading command on a mistyped folder
/// says there is no shop there and creates nothing, not even the folder.
#[test]
fn reading_commands_never_create_a_shop_or_a_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let missing = dir.path().join("Shpo").join("data");
    for command in [&["sales"][..], &["today"], &["customers"], &["metrics"], &["imports"], &["backups"], &["predict"], &["unlock"]] {
        let output = cli(&missing, command);
        assert_eq!(output.status.code(), Some(1), "{command:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("no shop in") || stderr.contains("no data folder"), "{command:?}: {stderr}");
    }
    assert!(!dir.path().join("Shpo").exists(), "nothing was created");

    let file = dir.path().join("a-file");
    std::fs::write(&file, "not a folder").expect("write");
    let stderr = String::from_utf8_lossy(&cli(&file, &["sales"]).stderr).into_owned();
    assert!(stderr.contains("is a file, not a folder"), "{stderr}");
    let stderr = String::from_utf8_lossy(&cli(&file, &["setup", "--name", "Shop", "--currency", "EUR"]).stderr).into_owned();
    assert!(stderr.contains("is a file, not a folder") && !stderr.contains("os error"), "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).expect("read"), "not a folder");
}

/// `pack`, `remind export-ics`, `charts`, `export` and `predict --chart` never write over the
/// shop, its log, or a backup, whatever the spelling of the path; the shop is whole after.
#[test]
fn no_output_file_of_the_command_line_overwrites_the_shop() {
    let dir = tempfile::tempdir().expect("temp dir");
    ok(&cli(dir.path(), &["sample-shop"]));
    let mine = dir.path().join("mine.sqlite3");
    ok(&cli(dir.path(), &["backup", mine.to_str().expect("utf-8")]));
    let stderr = String::from_utf8_lossy(&cli(dir.path(), &["backup", "/no/such/folder/b.sqlite3"]).stderr).into_owned();
    assert!(stderr.contains("/no/such/folder") && stderr.contains("no folder"), "{stderr}");
    // As the app's daily backup would be.
    std::fs::create_dir_all(dir.path().join("backups")).expect("backups/");
    let backup = dir.path().join("backups").join("daily-2026-11-20.sqlite3");
    std::fs::copy(&mine, &backup).expect("copy");
    std::fs::copy(dir.path().join("mine.sqlite3.sha256"), dir.path().join("backups/daily-2026-11-20.sqlite3.sha256")).expect("copy");
    let shop = dir.path().join("regulars.sqlite3");
    let before = ok(&cli(dir.path(), &["sales", "--limit", "100000"]));
    let spelled = format!("{}/./regulars.sqlite3", dir.path().display());
    let targets = [shop.display().to_string(), spelled, format!("{}-wal", shop.display()), backup.display().to_string()];
    for target in &targets {
        for args in [&["pack", target.as_str()][..], &["remind", "export-ics", target.as_str()]] {
            let output = cli(dir.path(), args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(!output.status.success() && stderr.contains("nothing was written"), "{args:?}: {stderr}");
        }
    }
    let chart_over_backup =
        cli(dir.path(), &["predict", "--chart", &dir.path().join("backups/daily-2026-11-20.png").display().to_string()]);
    assert!(!chart_over_backup.status.success(), "a chart in the backups folder");
    let into_backups = cli(dir.path(), &["export", "--out", dir.path().join("backups").to_str().expect("utf-8")]);
    assert!(!into_backups.status.success(), "export writes into the backups folder");
    assert_eq!(ok(&cli(dir.path(), &["sales", "--limit", "100000"])), before, "the shop is whole");
    ok(&cli(dir.path(), &["restore", backup.to_str().expect("utf-8")]));
    assert_eq!(ok(&cli(dir.path(), &["sales", "--limit", "100000"])), before, "the backup is whole");
}

/// A passphrase is bounded so that it can always be passed back; an empty or non-text one is
/// named as such, never in the engine's words.
#[test]
fn passphrases_that_could_never_be_typed_back_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    ok(&cli(dir.path(), &["setup", "--name", "Shop", "--currency", "EUR"]));
    let run = |args: &[&str], env: &[(&str, &str)], stdin: &[u8]| with_input(dir.path(), args, env, stdin);
    let long = "x".repeat(1_000_000);
    let refused = run(&["lock"], &[], format!("{long}\n").as_bytes());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("at most 1024 characters"), "{:?}", refused);
    let refused = run(&["lock"], &[("REGULARS_NEW_PASSPHRASE", &"y".repeat(1025))], b"");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("at most 1024 characters"), "{:?}", refused);
    let refused = run(&["lock"], &[], b"\xff\xfecorrect horse\n");
    assert!(String::from_utf8_lossy(&refused.stderr).contains("not text (UTF-8)"), "{:?}", refused);
    assert!(!regulars_core::is_locked_file(&dir.path().join(regulars_core::DATABASE_FILE)), "none of them locked the shop");

    ok(&run(&["lock"], &[], "z".repeat(1024).as_bytes()));
    let empty = run(&["sales"], &[("REGULARS_PASSPHRASE", "")], b"");
    let stderr = String::from_utf8_lossy(&empty.stderr);
    assert!(stderr.contains("REGULARS_PASSPHRASE is set but empty") && !stderr.contains("PRAGMA"), "{stderr}");
    ok(&run(&["sales"], &[("REGULARS_PASSPHRASE", &"z".repeat(1024))], b""));
}

/// `duplicates` lists look-alikes, `merge A B` makes them one (and says how to take it back),
/// `split N` takes it back; the JSON is one document.
#[test]
fn duplicates_merge_and_split_from_the_command_line() {
    let dir = tempfile::tempdir().expect("dir");
    let dir = dir.path();
    ok(&cli(dir, &["setup", "--name", "Shop", "--currency", "EUR"]));
    let file = dir.join("pos.csv");
    std::fs::write(&file, "customer_id,customer_name,date,amount\nC1,Dee Ray,2026-09-01,10.00\nC2,Dee  ray,2026-09-05,15.00\n")
        .expect("write");
    ok(&cli(dir, &["import", file.to_str().expect("path")]));
    let listed = ok(&cli(dir, &["duplicates", "--json"]));
    let json: serde_json::Value = serde_json::from_str(&listed).expect("one JSON document");
    let pair = &json["duplicates"][0];
    assert_eq!(pair["reason"], "name", "two export ids, one name: {listed}");
    let (a, b) = (pair["a"]["id"].as_i64().expect("a"), pair["b"]["id"].as_i64().expect("b"));
    let merged = ok(&cli(dir, &["merge", &a.to_string(), &b.to_string()]));
    assert!(merged.contains("Dee  ray") && merged.contains("split 1"), "{merged}");
    assert!(ok(&cli(dir, &["duplicates"])).contains("no possible duplicates"));
    let customers = ok(&cli(dir, &["customers"]));
    assert!(customers.contains("Dee Ray") && customers.contains("2 sales") && !customers.contains("Dee  ray"), "{customers}");
    let again = cli(dir, &["merge", &a.to_string(), &b.to_string()]);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("was merged into Dee Ray"), "{again:?}");
    let split = ok(&cli(dir, &["split", "1"]));
    assert!(split.contains("Dee  ray"), "{split}");
    assert!(ok(&cli(dir, &["customers"])).contains("Dee  ray"));
}

/// `today` is the day's plan, as text and as one JSON document with drafted messages;
/// `--all` lists everything due; `settings` changes the plan's size and a template.
#[test]
fn today_prints_the_plan_and_settings_change_it() {
    let dir = tempfile::tempdir().expect("dir");
    let dir = dir.path();
    ok(&cli(dir, &["sample-shop"]));
    let text = ok(&cli(dir, &["today"]));
    assert!(text.contains("0 of 10 contacts done today"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&ok(&cli(dir, &["today", "--json"]))).expect("one JSON document");
    let plan = json["plan"].as_array().expect("plan");
    let issues = plan.iter().filter(|i| i["kind"] == "open_issue").count();
    assert_eq!(plan.len() - issues, 10);
    assert!(json["later"].as_u64().expect("later") > 20, "{json}");
    assert!(json["rolled_over"].as_u64().expect("rolled over") > 100, "long-lapsed regulars are At risk's");
    assert!(plan.iter().all(|i| i["message"]["body"].as_str().is_some_and(|b| !b.contains('{'))));
    let all: serde_json::Value = serde_json::from_str(&ok(&cli(dir, &["today", "--all", "--json"]))).expect("JSON");
    assert!(all["due"].as_array().expect("due").len() > plan.len());

    assert_eq!(ok(&cli(dir, &["settings", "contacts-per-day", "4"])).trim(), "4");
    let json: serde_json::Value = serde_json::from_str(&ok(&cli(dir, &["today", "--json"]))).expect("JSON");
    assert_eq!(json["plan"].as_array().expect("plan").len() - issues, 4);
    let refused = cli(dir, &["settings", "template", "check_in", "--body", "Hi {firstname}"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("firstname"));
    let saved = ok(&cli(dir, &["settings", "template", "check_in", "--body", "Hi {first_name}, all well?"]));
    assert!(saved.contains("Hi {first_name}, all well?"), "{saved}");
}

/// The sample shop takes the computer's region for its currency: from `LANG` and its kin on
/// Linux, from the user's region on Windows (`HKCU\\Control Panel\\International`, which may
/// differ from the display language). Under Wine the region follows the `LANG` Wine starts with,
/// not a child's: `cargo xtask test --windows` starts it in Germany and says to expect EUR.
#[test]
fn the_sample_shop_takes_the_currency_of_the_computers_region() {
    let cases: Vec<(&str, String)> = if cfg!(windows) {
        std::env::var("REGULARS_EXPECT_CURRENCY").map(|c| vec![("", c)]).unwrap_or_default()
    } else {
        [("de_DE.UTF-8", "EUR"), ("ja_JP.UTF-8", "JPY"), ("en_GB.UTF-8", "GBP")].map(|(l, c)| (l, c.to_owned())).to_vec()
    };
    for (locale, currency) in cases {
        let dir = tempfile::tempdir().expect("temp dir");
        let env: Vec<(&str, &str)> = if locale.is_empty() { vec![] } else { vec![("LANG", locale), ("LC_ALL", locale)] };
        ok(&with_input(dir.path(), &["sample-shop"], &env, b""));
        let metrics: serde_json::Value = serde_json::from_str(&ok(&cli(dir.path(), &["metrics", "--json"]))).expect("json");
        assert_eq!(metrics["currency"], currency.as_str(), "{locale}");
    }
}

/// `import --timings` says on standard error how long each step took, from reading the file
/// to the commit, and which way the load went; without it, nothing of the kind is said.
#[test]
fn import_timings_name_every_step() {
    let dir = tempfile::tempdir().expect("dir");
    let dir = dir.path();
    ok(&cli(dir, &["setup", "--name", "Shop", "--currency", "EUR"]));
    let file = dir.join("pos.csv");
    std::fs::write(&file, "customer_id,customer_name,date,amount\nC1,Dee Ray,2026-09-01,10.00\nC2,Al Bo,2026-09-05,15.00\n")
        .expect("write");
    let path = file.to_str().expect("path");
    let dry = cli(dir, &["import", path, "--dry-run", "--timings"]);
    let said = String::from_utf8_lossy(&dry.stderr).into_owned();
    assert!(dry.status.success() && said.contains("import: 2 rows read and checked: ") && said.contains("planned"), "{said}");
    assert!(!said.contains("committed"), "a dry run writes nothing: {said}");
    let done = cli(dir, &["import", path, "--timings"]);
    ok(&done);
    let said = String::from_utf8_lossy(&done.stderr).into_owned();
    let steps = [
        "rows read and checked",
        "planned",
        "2 new customers written (Rows load)",
        "2 sales written",
        "figures of 2 customers",
        "committed",
    ];
    let mut at = 0;
    for step in steps {
        let found = said[at..].find(step).unwrap_or_else(|| panic!("{step:?} after byte {at} of {said}"));
        at += found;
    }
    assert!(said.lines().all(|line| line.starts_with("import: ") && line.ends_with(" s")), "{said}");
    let quiet = cli(dir, &["import", path]);
    assert!(String::from_utf8_lossy(&quiet.stderr).is_empty(), "{quiet:?}");
}
