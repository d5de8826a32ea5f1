//! `regulars-cli`: the same use cases as the app, from a terminal. It opens the same shop file
//! (SQLite's locking lets it run beside the app).
//!
//! The command line is parsed once into a typed [`commands::Command`] (clap): an unknown flag or
//! an extra argument is refused with a suggestion before anything is opened, so a mistyped
//! `--dry-run` can never import for real. Each command is one module under `commands/`.
//!
//! Where things are: `regulars-cli setup | sample | customers | sales | today | remind |
//! sample-shop | remove-sample-shop | metrics | charts | pack | import | imports | undo-import |
//! export | backup | restore | backups | predict | lock | unlock` (docs/CLI.md), parsed once by
//! clap into `commands::Command`, one module per command in `src/commands/`; only `setup`,
//! `import`, `sample`, `sample-shop` and `restore` may create a shop; a locked shop opens with
//! `REGULARS_PASSPHRASE`; errors are `error::CliError`.

use std::process::ExitCode;

use clap::Parser;

/// Prints a line to standard output; when the reader went away (`regulars-cli today | head`)
/// the command stops quietly.
macro_rules! out {
    ($($arg:tt)*) => {
        {
            use std::io::Write as _;
            writeln!(std::io::stdout(), $($arg)*).map_err(|_| $crate::error::CliError::ReaderGone)?
        }
    };
}

mod commands;
mod error;

fn main() -> ExitCode {
    regulars_core::use_os_language();
    let cli = commands::Cli::parse();
    match commands::run(cli) {
        Ok(()) | Err(error::CliError::ReaderGone) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("regulars-cli: {error}");
            ExitCode::FAILURE
        }
    }
}
