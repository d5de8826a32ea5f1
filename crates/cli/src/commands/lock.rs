//! `lock`: lock (encrypt) the shop with a passphrase, or change it.

use std::io::BufRead;

use regulars_core::Session;

use super::{PASSPHRASE_ENV, passphrase_from_env};
use crate::error::{CliError, Result};

/// The environment variable that carries the new passphrase (else the first line of stdin).
const NEW_PASSPHRASE_ENV: &str = "REGULARS_NEW_PASSPHRASE";

pub fn run(session: &mut Session) -> Result {
    let new = match passphrase_from_env(NEW_PASSPHRASE_ENV)? {
        Some(text) => text,
        None => first_line_of_stdin()?,
    };
    session.set_passphrase(Some(&new))?;
    out!("{} is locked with the new passphrase; open it with {PASSPHRASE_ENV} set to it", session.data_dir().display());
    Ok(())
}

/// The first line of standard input, read with a bound so a file piped in by mistake is not
/// taken whole (the passphrase's own limit is checked by the shop).
fn first_line_of_stdin() -> Result<String> {
    const LIMIT: u64 = 64 * 1024;
    let mut bytes = Vec::new();
    let stdin = std::io::stdin();
    let mut reader = std::io::Read::take(stdin.lock(), LIMIT);
    reader.read_until(b'\n', &mut bytes).map_err(|e| CliError::Message(format!("cannot read the new passphrase: {e}")))?;
    if bytes.len() as u64 == LIMIT && !bytes.ends_with(b"\n") {
        return Err(CliError::Message(format!(
            "the first line of standard input is longer than any passphrase (at most {} characters)",
            regulars_core::MAX_PASSPHRASE_CHARS
        )));
    }
    let line = String::from_utf8(bytes).map_err(|_| {
        CliError::Message("the new passphrase is not text (UTF-8); type it in a UTF-8 terminal or set REGULARS_NEW_PASSPHRASE".to_owned())
    })?;
    Ok(line.trim_end_matches(['\r', '\n']).to_owned())
}
