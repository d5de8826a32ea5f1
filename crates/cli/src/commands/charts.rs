//! `charts --out DIR`: each chart as PNG, SVG, CSV, or all of them and the meeting pack.

use std::path::PathBuf;

use regulars_core::{ChartFormat, ChartKind, Session};

use super::Range;
use crate::error::Result;

#[derive(Clone, Copy, PartialEq, clap::ValueEnum)]
enum Format {
    Png,
    Svg,
    Csv,
    Pdf,
    All,
}

#[derive(clap::Args)]
pub struct Args {
    /// The folder to write the charts in (made if it is not there)
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// The file format: pdf is the meeting pack
    #[arg(long, value_enum, default_value_t = Format::Png)]
    format: Format,
    /// PNG pixel density: 2 for sharp slides
    #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=2))]
    scale: u32,
    #[command(flatten)]
    range: Range,
}

pub fn run(session: &Session, args: &Args) -> Result {
    let filter = args.range.filter(session)?;
    super::create_folder(&args.out)?;
    let formats: &[Format] = match args.format {
        Format::All => &[Format::Svg, Format::Png, Format::Csv, Format::Pdf],
        ref one => std::slice::from_ref(one),
    };
    let mut written = 0;
    for &format in formats {
        let (chart_format, extension) = match format {
            Format::Pdf => {
                let pdf = session.meeting_pack(&filter, |_, _| {})?;
                super::save(session, &args.out.join("meeting-pack.pdf"), &pdf)?;
                written += 1;
                continue;
            }
            Format::Svg => (ChartFormat::Svg, "svg".to_owned()),
            Format::Csv => (ChartFormat::Csv, "csv".to_owned()),
            _ if args.scale == 1 => (ChartFormat::Png { scale: 1 }, "png".to_owned()),
            _ => (ChartFormat::Png { scale: args.scale }, format!("{}x.png", args.scale)),
        };
        for kind in ChartKind::ALL {
            let bytes = session.chart_file(kind, &filter, chart_format)?;
            super::save(session, &args.out.join(format!("{}.{extension}", kind.slug())), &bytes)?;
            written += 1;
        }
    }
    out!("wrote {written} files to {}", args.out.display());
    Ok(())
}
