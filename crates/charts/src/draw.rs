//! The six charts, drawn with plotters into SVG. Every chart has a title, the shop, the range
//! and the as-of date under it, labelled axes with units, and the metric's definition at the
//! foot, so an exported image explains itself in a meeting.

use plotters::coord::Shift;
use plotters::coord::ranged1d::SegmentedCoord;
use plotters::coord::types::{RangedCoordf64, RangedCoordu32};
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use regulars_analytics::outlook::Holdout;
use regulars_analytics::{Report, definitions};

use crate::text::{compact, percent, wrap};
use crate::{ChartKind, Context, HEIGHT, WIDTH};

type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;
type DrawResult = Result<(), Box<dyn std::error::Error>>;

// The Okabe-Ito palette: told apart with every common colour-vision deficiency.
pub(crate) const NEW: RGBColor = RGBColor(0x00, 0x72, 0xB2);
pub(crate) const RETURNING: RGBColor = RGBColor(0xE6, 0x9F, 0x00);
const WALK_IN: RGBColor = RGBColor(0x99, 0x99, 0x99);
const ACCENT: RGBColor = RGBColor(0x00, 0x9E, 0x73);
const INK: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
const MUTED: RGBColor = RGBColor(0x55, 0x55, 0x55);
const GRID: RGBColor = RGBColor(0xDD, 0xDD, 0xDD);

const FONT: &str = "sans-serif";

fn font(size: u32, colour: &RGBColor) -> TextStyle<'static> {
    (FONT, size).into_font().color(colour)
}

/// The chart's SVG, 1600 x 900.
pub(crate) fn chart(kind: ChartKind, report: &Report, context: &Context) -> String {
    render(|root| page(root, kind, report, context))
}

/// The hold-out check of the prediction model: month by month, the repeat purchase days it
/// expected (a line) and the ones made (bars).
pub(crate) fn holdout(holdout: &Holdout, context: &Context) -> String {
    render(|root| {
        let subtitle = regulars_text::t!(
            "chart.holdout.subtitle",
            shop = &context.shop,
            fittedTo = crate::day(holdout.fitted_to),
            customers = holdout.customers,
            asOf = crate::day(context.as_of)
        );
        let body = frame(root, &regulars_text::t!("chart.holdout"), &subtitle, &definitions::Definition::Holdout.text())?;
        if holdout.months.is_empty() {
            return nothing_to_show(&body, &regulars_text::t!("chart.holdout.none"));
        }
        let labels: Vec<String> = holdout.months.iter().map(|m| m.label.clone()).collect();
        let max = holdout.months.iter().map(|m| m.expected.max(m.actual as f64)).fold(0.0, f64::max);
        let mut chart = category_chart(
            &body,
            &Axes {
                labels: &labels,
                max_labels: labels.len(),
                y_max: headroom(max),
                y_format: |v| compact(*v),
                x_desc: regulars_text::t!("chart.holdout.x"),
                y_desc: regulars_text::t!("chart.holdout.y"),
                label_size: 20,
            },
        )?;
        chart
            .draw_series(holdout.months.iter().enumerate().map(|(i, m)| bar(i, 0.0, m.actual as f64, RETURNING, 14)))?
            .label(regulars_text::t!("chart.holdout.made"))
            .legend(|(x, y)| Rectangle::new([(x, y - 9), (x + 18, y + 9)], RETURNING.filled()));
        let points: Vec<(SegmentValue<u32>, f64)> =
            holdout.months.iter().enumerate().map(|(i, m)| (SegmentValue::CenterOf(i as u32), m.expected)).collect();
        chart
            .draw_series(LineSeries::new(points.clone(), NEW.stroke_width(4)))?
            .label(regulars_text::t!("chart.holdout.expected"))
            .legend(|(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], NEW.stroke_width(4)));
        chart.draw_series(points.into_iter().map(|p| Circle::new(p, 7, NEW.filled())))?;
        legend(&mut chart)
    })
}

/// Draws the parts every chart has — title, subtitle, and the definition at the foot — and
/// returns the area left for the chart itself.
fn frame<'a>(root: &Area<'a>, title: &str, subtitle: &str, definition: &str) -> Result<Area<'a>, Box<dyn std::error::Error>> {
    root.fill(&WHITE)?;
    let lines = wrap(definition, 175);
    let footer_height = 36 + 24 * lines.len() as u32;
    let (upper, footer) = root.split_vertically(HEIGHT - footer_height);
    let (header, body) = upper.split_vertically(130);
    header.draw(&Text::new(title.to_owned(), (48, 28), font(44, &INK)))?;
    header.draw(&Text::new(subtitle.to_owned(), (48, 86), font(24, &MUTED)))?;
    footer.draw(&PathElement::new(vec![(48, 8), (WIDTH as i32 - 48, 8)], GRID.stroke_width(2)))?;
    for (i, line) in lines.iter().enumerate() {
        footer.draw(&Text::new(line.clone(), (48, 20 + 24 * i as i32), font(18, &MUTED)))?;
    }
    Ok(body.margin(10, 20, 30, 60))
}

/// Renders `draw` into a 1600 x 900 SVG document.
fn render(draw: impl FnOnce(&Area) -> DrawResult) -> String {
    crate::fonts::register();
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (WIDTH, HEIGHT)).into_drawing_area();
        // Drawing into a String cannot fail for IO reasons; an error here is a bug in our
        // layout, and the page still comes out with whatever was drawn.
        if let Err(error) = draw(&root) {
            let _ = root.draw(&Text::new(regulars_text::t!("chart.failed", detail = error.to_string()), (40, 200), font(24, &INK)));
        }
        let _ = root.present();
    }
    svg
}

fn page(root: &Area, kind: ChartKind, report: &Report, context: &Context) -> DrawResult {
    let definition = format!("{} {}", kind.definition(), definitions::Definition::Range.text());
    let body = frame(root, &kind.title(), &context.subtitle(report), &definition)?;
    match kind {
        ChartKind::NewVsReturning => new_vs_returning(&body, report, context),
        ChartKind::ReturningRate => returning_rate(&body, report),
        ChartKind::Cohorts => cohorts(&body, report),
        ChartKind::PurchaseCounts => {
            let labels: Vec<String> = report.purchase_counts.iter().map(|b| b.label.clone()).collect();
            let values: Vec<u64> = report.purchase_counts.iter().map(|b| b.customers).collect();
            counted_bars(&body, &labels, &values, &regulars_text::t!("chart.purchaseCounts.x"), &regulars_text::t!("chart.customers"), NEW)
        }
        ChartKind::SecondPurchase => second_purchase(&body, report),
        ChartKind::FollowUp => follow_up(&body, report),
    }
}

fn nothing_to_show(body: &Area, message: &str) -> DrawResult {
    let (w, h) = body.dim_in_pixel();
    let style = font(30, &MUTED).pos(Pos::new(HPos::Center, VPos::Center));
    body.draw(&Text::new(message.to_owned(), (w as i32 / 2, h as i32 / 2), style))?;
    Ok(())
}

/// A y-axis maximum a little above `max`, so the tallest bar's label fits.
fn headroom(max: f64) -> f64 {
    if max <= 0.0 { 1.0 } else { max * 1.15 }
}

fn label_at<'a>(labels: &'a [String], value: &SegmentValue<u32>) -> &'a str {
    match value {
        SegmentValue::CenterOf(i) => labels.get(*i as usize).map_or("", String::as_str),
        _ => "",
    }
}

/// What the bar and line charts share: one category per label along x, values from 0 to
/// `y_max` up y, a light grid, and labelled axes.
struct Axes<'l> {
    labels: &'l [String],
    max_labels: usize,
    y_max: f64,
    y_format: fn(&f64) -> String,
    x_desc: String,
    y_desc: String,
    label_size: u32,
}

type CategoryChart<'a, 'b> = ChartContext<'a, SVGBackend<'b>, Cartesian2d<SegmentedCoord<RangedCoordu32>, RangedCoordf64>>;

fn category_chart<'a, 'b>(body: &'a Area<'b>, axes: &Axes) -> Result<CategoryChart<'a, 'b>, Box<dyn std::error::Error>> {
    let n = axes.labels.len() as u32;
    let mut chart = ChartBuilder::on(body)
        .x_label_area_size(70)
        .y_label_area_size(120)
        .build_cartesian_2d((0..n.saturating_sub(1)).into_segmented(), 0.0..axes.y_max)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .bold_line_style(GRID)
        .light_line_style(TRANSPARENT)
        .x_labels(axes.max_labels)
        .x_label_formatter(&|v| label_at(axes.labels, v).to_owned())
        .y_label_formatter(&axes.y_format)
        .x_desc(axes.x_desc.as_str())
        .y_desc(axes.y_desc.as_str())
        .label_style(font(axes.label_size, &INK))
        .axis_desc_style(font(22, &INK))
        .draw()?;
    Ok(chart)
}

/// The series legend, top left, as every chart with several series draws it.
fn legend<'a, 'b: 'a>(chart: &mut CategoryChart<'a, 'b>) -> DrawResult {
    chart
        .configure_series_labels()
        .position(SeriesLabelPosition::UpperLeft)
        .background_style(WHITE.mix(0.9))
        .border_style(GRID)
        .label_font(font(20, &INK))
        .draw()?;
    Ok(())
}

/// The bar of category `i` from `bottom` to `top`, narrowed by `inset` pixels on each side.
fn bar(i: usize, bottom: f64, top: f64, colour: RGBColor, inset: u32) -> Rectangle<(SegmentValue<u32>, f64)> {
    let mut bar = Rectangle::new([(SegmentValue::Exact(i as u32), bottom), (SegmentValue::Exact(i as u32 + 1), top)], colour.filled());
    bar.set_margin(0, 0, inset, inset);
    bar
}

fn new_vs_returning(body: &Area, report: &Report, context: &Context) -> DrawResult {
    if report.periods.is_empty() || report.summary.revenue_minor == 0 {
        return nothing_to_show(body, &regulars_text::t!("chart.noSales"));
    }
    let scale = 10f64.powi(context.currency.exponent() as i32);
    let labels: Vec<String> = report.periods.iter().map(|p| p.label.clone()).collect();
    let stacks: Vec<[f64; 3]> = report
        .periods
        .iter()
        .map(|p| [p.new_revenue_minor as f64 / scale, p.returning_revenue_minor as f64 / scale, p.walk_in_revenue_minor as f64 / scale])
        .collect();
    let max = stacks.iter().map(|s| s.iter().sum::<f64>()).fold(0.0, f64::max);
    let mut chart = category_chart(
        body,
        &Axes {
            labels: &labels,
            max_labels: labels.len().min(13),
            y_max: headroom(max),
            y_format: |v| compact(*v),
            x_desc: regulars_text::t!("chart.periodAxis", period = crate::period_word(report.filter.period)),
            y_desc: regulars_text::t!("chart.revenueAxis", currency = context.currency.code()),
            label_size: 20,
        },
    )?;
    let series = [
        (regulars_text::t!("chart.series.new"), NEW),
        (regulars_text::t!("chart.series.returning"), RETURNING),
        (regulars_text::t!("chart.series.walkIn"), WALK_IN),
    ];
    for (layer, (name, colour)) in series.into_iter().enumerate() {
        chart
            .draw_series(stacks.iter().enumerate().map(|(i, stack)| {
                let bottom: f64 = stack[..layer].iter().sum();
                bar(i, bottom, bottom + stack[layer], colour, 6)
            }))?
            .label(name)
            .legend(move |(x, y)| Rectangle::new([(x, y - 9), (x + 18, y + 9)], colour.filled()));
    }
    legend(&mut chart)
}

fn returning_rate(body: &Area, report: &Report) -> DrawResult {
    if report.periods.iter().all(|p| p.returning_rate.is_none()) {
        return nothing_to_show(body, &regulars_text::t!("chart.noCustomersBought"));
    }
    let labels: Vec<String> = report.periods.iter().map(|p| p.label.clone()).collect();
    let n = labels.len() as u32;
    let mut chart = category_chart(
        body,
        &Axes {
            labels: &labels,
            max_labels: labels.len().min(13),
            y_max: 100.0,
            y_format: |v| format!("{v:.0}%"),
            x_desc: regulars_text::t!("chart.periodAxis", period = crate::period_word(report.filter.period)),
            y_desc: regulars_text::t!("chart.returningRate.y"),
            label_size: 20,
        },
    )?;
    // A gap in the line where a period had no customers at all.
    let mut runs: Vec<Vec<(SegmentValue<u32>, f64)>> = vec![Vec::new()];
    for (i, p) in report.periods.iter().enumerate() {
        match p.returning_rate {
            Some(rate) => runs.last_mut().map_or((), |run| run.push((SegmentValue::CenterOf(i as u32), rate * 100.0))),
            None => runs.push(Vec::new()),
        }
    }
    for run in runs.into_iter().filter(|run| !run.is_empty()) {
        chart.draw_series(LineSeries::new(run.clone(), NEW.stroke_width(4)))?;
        chart.draw_series(run.into_iter().map(|point| Circle::new(point, 7, NEW.filled())))?;
    }
    if n <= 16 {
        chart.draw_series(report.periods.iter().enumerate().filter_map(|(i, p)| {
            p.returning_rate.map(|rate| {
                Text::new(
                    percent(Some(rate)),
                    (SegmentValue::CenterOf(i as u32), rate * 100.0 + 4.0),
                    font(18, &INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
                )
            })
        }))?;
    }
    Ok(())
}

/// A white-to-blue scale: darker means more of the cohort came back.
fn heat(rate: f64) -> RGBColor {
    let t = rate.clamp(0.0, 1.0);
    let mix = |from: u8, to: u8| (f64::from(from) + (f64::from(to) - f64::from(from)) * t).round() as u8;
    RGBColor(mix(0xF4, NEW.0), mix(0xF7, NEW.1), mix(0xFA, NEW.2))
}

/// How many of the most recent cohorts the heatmap shows; the CSV has them all.
pub(crate) const MAX_COHORT_ROWS: usize = 24;

fn cohorts(body: &Area, report: &Report) -> DrawResult {
    let shown = &report.cohorts[report.cohorts.len().saturating_sub(MAX_COHORT_ROWS)..];
    if shown.iter().all(|c| c.customers == 0) {
        return nothing_to_show(body, &regulars_text::t!("chart.noNewCustomers"));
    }
    let (width, height) = body.dim_in_pixel();
    let columns = shown.iter().map(|c| c.rates.len()).max().unwrap_or(1).max(1);
    let (left, top) = (250i32, 70i32);
    let cell_w = ((width as i32 - left) / columns as i32).max(1);
    let cell_h = ((height as i32 - top) / shown.len() as i32).clamp(1, 56);
    let label_size = (cell_h * 2 / 3).clamp(12, 22) as u32;
    let cell_size = (cell_w / 4).min(cell_h * 2 / 3).clamp(10, 20) as u32;
    body.draw(&Text::new(regulars_text::t!("chart.cohorts.across"), (left, 0), font(22, &INK)))?;
    body.draw(&Text::new(regulars_text::t!("chart.cohorts.down"), (0, top - 30), font(22, &INK)))?;
    for k in 0..columns {
        let x = left + k as i32 * cell_w + cell_w / 2;
        body.draw(&Text::new(k.to_string(), (x, top - 30), font(20, &INK).pos(Pos::new(HPos::Center, VPos::Top))))?;
    }
    for (row, cohort) in shown.iter().enumerate() {
        let y = top + row as i32 * cell_h;
        body.draw(&Text::new(
            format!("{} ({})", cohort.month, cohort.customers),
            (0, y + cell_h / 2),
            font(label_size, &INK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))?;
        if cohort.customers == 0 {
            continue;
        }
        for (k, &rate) in cohort.rates.iter().enumerate() {
            let x = left + k as i32 * cell_w;
            let fill = heat(rate);
            body.draw(&Rectangle::new([(x + 1, y + 1), (x + cell_w - 1, y + cell_h - 1)], fill.filled()))?;
            if cell_w >= 34 && cell_h >= 14 {
                let ink = if rate > 0.5 { WHITE } else { INK };
                body.draw(&Text::new(
                    format!("{:.0}%", rate * 100.0),
                    (x + cell_w / 2, y + cell_h / 2),
                    font(cell_size, &ink).pos(Pos::new(HPos::Center, VPos::Center)),
                ))?;
            }
        }
    }
    Ok(())
}

/// Bars of customer counts, each labelled with its count.
fn counted_bars(body: &Area, labels: &[String], values: &[u64], x_desc: &str, y_desc: &str, colour: RGBColor) -> DrawResult {
    if values.iter().all(|&v| v == 0) {
        return nothing_to_show(body, &regulars_text::t!("chart.noCustomers"));
    }
    let max = values.iter().copied().max().unwrap_or(0) as f64;
    let mut chart = category_chart(
        body,
        &Axes {
            labels,
            max_labels: labels.len(),
            y_max: headroom(max),
            y_format: |v| compact(*v),
            x_desc: x_desc.to_owned(),
            y_desc: y_desc.to_owned(),
            label_size: 20,
        },
    )?;
    chart.draw_series(values.iter().enumerate().map(|(i, &v)| bar(i, 0.0, v as f64, colour, 14)))?;
    chart.draw_series(values.iter().enumerate().map(|(i, &v)| {
        Text::new(
            v.to_string(),
            (SegmentValue::CenterOf(i as u32), v as f64 + max * 0.02),
            font(20, &INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
        )
    }))?;
    Ok(())
}

fn second_purchase(body: &Area, report: &Report) -> DrawResult {
    let second = &report.second_purchase;
    let labels: Vec<String> = second.buckets.iter().map(|b| b.label.clone()).collect();
    let values: Vec<u64> = second.buckets.iter().map(|b| b.customers).collect();
    if second.came_back == 0 {
        let message = if second.not_yet == 0 {
            regulars_text::t!("chart.noNewCustomers")
        } else {
            regulars_text::t!("chart.secondPurchase.noneBack", count = second.not_yet)
        };
        return nothing_to_show(body, &message);
    }
    let (w, _) = body.dim_in_pixel();
    let note = regulars_text::t!(
        "chart.secondPurchase.note",
        back = second.came_back,
        median = second.median_days.map_or_else(|| "–".to_owned(), |d| d.to_string()),
        notYet = second.not_yet
    );
    body.draw(&Text::new(note, (w as i32 - 10, 0), font(22, &INK).pos(Pos::new(HPos::Right, VPos::Top))))?;
    counted_bars(body, &labels, &values, &regulars_text::t!("chart.secondPurchase"), &regulars_text::t!("chart.customers"), ACCENT)
}

fn follow_up(body: &Area, report: &Report) -> DrawResult {
    let f = &report.follow_up;
    if f.contacted.customers + f.not_contacted.customers == 0 {
        return nothing_to_show(body, &regulars_text::t!("chart.followUp.none"));
    }
    let groups = [
        (regulars_text::t!("chart.followUp.contacted", days = f.window_days), &f.contacted, NEW),
        (regulars_text::t!("chart.followUp.notContacted"), &f.not_contacted, RETURNING),
    ];
    let labels: Vec<String> = groups.iter().map(|g| g.0.clone()).collect();
    let mut chart = category_chart(
        body,
        &Axes {
            labels: &labels,
            max_labels: 2,
            y_max: 115.0,
            y_format: |v| if *v <= 100.0 { format!("{v:.0}%") } else { String::new() },
            x_desc: regulars_text::t!("chart.followUp.x"),
            y_desc: regulars_text::t!("chart.followUp.y"),
            label_size: 22,
        },
    )?;
    for (i, (_, group, colour)) in groups.iter().enumerate() {
        let height = group.rate.unwrap_or(0.0) * 100.0;
        chart.draw_series(std::iter::once(bar(i, 0.0, height, *colour, 120)))?;
        let text = regulars_text::t!("chart.followUp.bar", rate = percent(group.rate), back = group.came_back, total = group.customers);
        chart.draw_series(std::iter::once(Text::new(
            text,
            (SegmentValue::CenterOf(i as u32), height + 2.0),
            font(24, &INK).pos(Pos::new(HPos::Center, VPos::Bottom)),
        )))?;
    }
    Ok(())
}

impl ChartKind {
    /// The definition printed at the foot of the chart.
    pub fn definition(self) -> String {
        match self {
            ChartKind::NewVsReturning => definitions::Definition::NewReturning.text(),
            ChartKind::ReturningRate => definitions::Definition::ReturningRate.text(),
            ChartKind::Cohorts => definitions::Definition::Cohorts.text(),
            ChartKind::PurchaseCounts => definitions::Definition::PurchaseCounts.text(),
            ChartKind::SecondPurchase => definitions::Definition::SecondPurchase.text(),
            ChartKind::FollowUp => definitions::Definition::FollowUp.text(),
        }
    }
}
