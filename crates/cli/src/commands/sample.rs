//! `sample`: add generated customers and sales (for trying the app and for benchmarks).

use regulars_core::Session;

use crate::error::Result;

#[derive(clap::Args)]
pub struct Args {
    /// How many customers
    #[arg(long, default_value_t = 200)]
    customers: usize,
    /// How many sales
    #[arg(long, default_value_t = 1500)]
    sales: usize,
    /// The generator's seed: the same seed makes the same shop
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

pub fn run(session: &mut Session, args: &Args) -> Result {
    let made = session.generate_sample_shop(args.customers, args.sales, args.seed)?;
    out!("added {} customers and {} sales to {}", made.customers, made.sales, session.data_dir().display());
    Ok(())
}
