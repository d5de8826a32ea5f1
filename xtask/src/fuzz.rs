//! `cargo xtask fuzz [--seconds N]`: each cargo-fuzz target in `fuzz/` for N seconds (default
//! 20), starting from the committed seeds, and one line per target with the inputs tried.
//!
//! cargo-fuzz passes rustc flags only a nightly compiler accepts. This machine (and CI) can
//! fetch no toolchain beyond the installed one, so on a stable compiler the run sets
//! `RUSTC_BOOTSTRAP=1`, which lets stable rustc accept them; the code built is the same.

use std::process::Command;

use crate::{Result, cargo, check, root};

const TARGETS: [&str; 3] = ["import_file", "typed_text", "commands"];

pub fn fuzz(args: &[String]) -> Result {
    let seconds: u64 = match args {
        [] => 20,
        [flag, n] if flag == "--seconds" => n.parse().map_err(|_| format!("--seconds takes a whole number, not {n:?}"))?,
        _ => return Err("usage: cargo xtask fuzz [--seconds N]".to_owned()),
    };
    if !cargo().args(["fuzz", "--version"]).output().is_ok_and(|o| o.status.success()) {
        println!("setup: cargo install cargo-fuzz --locked");
        check(cargo().args(["install", "cargo-fuzz", "--locked"]))?;
    }
    let nightly = Command::new("rustc").arg("--version").output().is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("nightly"));
    let mut lines = Vec::new();
    for target in TARGETS {
        let corpus = root().join("fuzz/corpus").join(target);
        std::fs::create_dir_all(&corpus).map_err(|e| format!("cannot create {}: {e}", corpus.display()))?;
        if let Ok(seeds) = std::fs::read_dir(root().join("fuzz/seeds").join(target)) {
            for seed in seeds.flatten() {
                std::fs::copy(seed.path(), corpus.join(seed.file_name())).map_err(|e| format!("cannot copy a seed: {e}"))?;
            }
        }
        println!("\n== fuzz {target}: {seconds} s");
        let mut run = cargo();
        run.current_dir(root().join("fuzz")).args(["fuzz", "run", "--release", target, "--"]);
        run.arg(format!("-max_total_time={seconds}")).arg("-rss_limit_mb=4096").arg("-print_final_stats=1");
        if !nightly {
            run.env("RUSTC_BOOTSTRAP", "1");
        }
        let output = run.output().map_err(|e| format!("cannot run cargo fuzz: {e}"))?;
        let printed = String::from_utf8_lossy(&output.stderr);
        if !output.status.success() {
            let tail: Vec<&str> = printed.lines().rev().take(40).collect();
            let tail: Vec<&str> = tail.into_iter().rev().collect();
            return Err(format!("fuzz target {target} found a failure; the input is under fuzz/artifacts/{target}/:\n{}", tail.join("\n")));
        }
        let stat = |name: &str| {
            printed
                .lines()
                .find_map(|l| l.strip_prefix(name).map(|v| v.trim().trim_start_matches(':').trim().to_owned()))
                .unwrap_or_default()
        };
        let line = format!(
            "{target}: {} inputs in {} s, 0 failures; coverage {} edges; corpus {} inputs",
            stat("stat::number_of_executed_units"),
            seconds,
            printed.lines().rev().find_map(|l| l.split("cov: ").nth(1).and_then(|c| c.split_whitespace().next())).unwrap_or("?"),
            std::fs::read_dir(&corpus).map(|d| d.count()).unwrap_or(0),
        );
        println!("{line}");
        lines.push(line);
    }
    println!("\nfuzz: {}", lines.join("\nfuzz: "));
    Ok(())
}
