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
        (&["metrics", "--follow-up-days", "x"][..], "--follow-up-days: 'x' is not a whole number"),
        (&["charts", "--out", "/tmp/x", "--format", "gif"][..], "--format: 'gif' is not one of"),
        (&["charts"][..], "charts needs --out DIR"),
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
    let run = |args: &[&str], env: &[(&str, &str)], stdin: &str| {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_regulars-cli"))
            .arg("--data-dir")
            .arg(dir.path())
            .args(args)
            .env_remove("REGULARS_PASSPHRASE")
            .envs(env.iter().copied())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run");
        std::io::Write::write_all(&mut child.stdin.take().expect("stdin"), stdin.as_bytes()).expect("write");
        child.wait_with_output().expect("output")
    };
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
