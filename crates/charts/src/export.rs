//! From the one SVG drawing to the files the owner takes away: PNG, a multi-page PDF, and the
//! CSV of the numbers behind each chart.

use std::fmt::Write;

use krilla::Document;
use krilla::geom::Size;
use krilla::page::PageSettings;
use krilla_svg::{SurfaceExt, SvgSettings};
use regulars_analytics::Report;
use regulars_domain::Money;
use resvg::{tiny_skia, usvg};

use crate::text::csv_field;
use crate::{ChartKind, Context, HEIGHT, WIDTH, fonts, summary};

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    Svg(#[from] usvg::Error),
    TooLarge(u32, u32),
    Png(String),
    Pdf(String),
}

impl std::fmt::Display for ChartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&match self {
            ChartError::Svg(e) => regulars_text::t!("chart.error.svg", detail = e.to_string()),
            ChartError::TooLarge(w, h) => regulars_text::t!("chart.error.tooLarge", width = w.to_string(), height = h.to_string()),
            ChartError::Png(e) => regulars_text::t!("chart.error.png", detail = e),
            ChartError::Pdf(e) => regulars_text::t!("chart.error.pdf", detail = e),
        })
    }
}

fn tree(svg: &str) -> Result<usvg::Tree, ChartError> {
    let options = usvg::Options { fontdb: fonts::database(), font_family: fonts::FAMILY.to_owned(), ..usvg::Options::default() };
    Ok(usvg::Tree::from_str(svg, &options)?)
}

/// Renders an SVG to PNG at `scale` times its size (1 gives 1600 x 900, 2 gives 3200 x 1800).
pub fn png(svg: &str, scale: u32) -> Result<Vec<u8>, ChartError> {
    let tree = tree(svg)?;
    let scale = scale.clamp(1, 4);
    let (w, h) = (tree.size().width().ceil() as u32 * scale, tree.size().height().ceil() as u32 * scale);
    let mut pixmap = tiny_skia::Pixmap::new(w, h).ok_or(ChartError::TooLarge(w, h))?;
    resvg::render(&tree, tiny_skia::Transform::from_scale(scale as f32, scale as f32), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| ChartError::Png(e.to_string()))
}

/// The meeting pack: the summary page, then one page per chart, as one vector PDF. `progress`
/// is called with (pages done, pages in all) as it goes.
pub fn meeting_pack(report: &Report, context: &Context, mut progress: impl FnMut(usize, usize)) -> Result<Vec<u8>, ChartError> {
    let pages: Vec<String> = std::iter::once(summary::page(report, context))
        .chain(ChartKind::ALL.iter().map(|&kind| crate::svg(kind, report, context)))
        .collect();
    let mut document = Document::new();
    let size =
        Size::from_wh(WIDTH as f32 * 0.5, HEIGHT as f32 * 0.5).ok_or_else(|| ChartError::Pdf(regulars_text::t!("chart.error.pageSize")))?;
    for (done, page_svg) in pages.iter().enumerate() {
        let tree = tree(page_svg)?;
        let mut page = document.start_page_with(PageSettings::new(size));
        let mut surface = page.surface();
        surface.draw_svg(&tree, size, SvgSettings::default()).ok_or_else(|| ChartError::Pdf(regulars_text::t!("chart.error.notDrawn")))?;
        surface.finish();
        page.finish();
        progress(done + 1, pages.len());
    }
    document.finish().map_err(|e| ChartError::Pdf(format!("{e:?}")))
}

/// The numbers behind a chart, as CSV with a header row and CRLF line ends (RFC 4180, what
/// spreadsheets on every system expect); money in the shop's currency with
/// its decimals (and the code in the header).
pub fn csv(kind: ChartKind, report: &Report, context: &Context) -> String {
    let code = context.currency.code();
    // The plain decimal, without grouping or code, so spreadsheets read it as a number.
    let amount = |minor: i64| Money::from_minor(minor).to_decimal(context.currency);
    let rate = |r: Option<f64>| r.map_or_else(String::new, |r| format!("{r:.4}"));
    let mut out = String::new();
    match kind {
        ChartKind::NewVsReturning | ChartKind::ReturningRate => {
            let _ = write!(
                out,
                "period,start,end,new_customers,returning_customers,returning_rate,new_revenue_{code},returning_revenue_{code},walk_in_revenue_{code}\r\n"
            );
            for p in &report.periods {
                let _ = write!(
                    out,
                    "{},{},{},{},{},{},{},{},{}\r\n",
                    csv_field(&p.label),
                    p.start,
                    p.end,
                    p.new_customers,
                    p.returning_customers,
                    rate(p.returning_rate),
                    amount(p.new_revenue_minor),
                    amount(p.returning_revenue_minor),
                    amount(p.walk_in_revenue_minor)
                );
            }
        }
        ChartKind::Cohorts => {
            let columns = report.cohorts.iter().map(|c| c.rates.len()).max().unwrap_or(0);
            let _ = write!(out, "cohort,customers");
            for k in 0..columns {
                let _ = write!(out, ",month_{k}");
            }
            out.push_str("\r\n");
            for cohort in &report.cohorts {
                let _ = write!(out, "{},{}", cohort.month, cohort.customers);
                for k in 0..columns {
                    let _ = write!(out, ",{}", cohort.retained.get(k).map_or_else(String::new, |n| n.to_string()));
                }
                out.push_str("\r\n");
            }
        }
        ChartKind::PurchaseCounts => {
            let _ = write!(out, "purchase_days,customers\r\n");
            for b in &report.purchase_counts {
                let _ = write!(out, "{},{}\r\n", csv_field(&b.label), b.customers);
            }
        }
        ChartKind::SecondPurchase => {
            let _ = write!(out, "days_to_second_purchase,customers\r\n");
            for b in &report.second_purchase.buckets {
                let _ = write!(out, "{},{}\r\n", csv_field(&b.label), b.customers);
            }
            let _ = write!(out, "not_yet,{}\r\n", report.second_purchase.not_yet);
        }
        ChartKind::FollowUp => {
            let f = &report.follow_up;
            let _ = write!(out, "group,window_days,customers,came_back,rate\r\n");
            for (name, g) in [("contacted", &f.contacted), ("not_contacted", &f.not_contacted)] {
                let _ = write!(out, "{name},{},{},{},{}\r\n", f.window_days, g.customers, g.came_back, rate(g.rate));
            }
        }
    }
    out
}
