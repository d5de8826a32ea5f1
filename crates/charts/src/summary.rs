//! The meeting pack's first page: the headline numbers and what they mean, as an SVG page the
//! same size as the charts (so the pack is one renderer end to end).

use std::fmt::Write;

use regulars_analytics::{Report, definitions};

use crate::text::{money, percent, wrap, xml};
use crate::{Context, HEIGHT, WIDTH};

pub(crate) fn page(report: &Report, context: &Context) -> String {
    let s = &report.summary;
    let worth = report.loyalty.all.multiple.map_or_else(|| "–".to_owned(), |m| format!("{m:.1}×"));
    let follow = &report.follow_up;
    let median = report.second_purchase.median_days.map_or_else(|| "–".to_owned(), |d| regulars_text::t!("dashboard.medianDays", days = d));
    let tiles: [(String, String); 8] = [
        (money(s.revenue_minor, context.currency), regulars_text::t!("pack.revenue")),
        (s.customers.to_string(), regulars_text::t!("pack.customers")),
        (s.new_customers.to_string(), regulars_text::t!("chart.series.new")),
        (s.returning_customers.to_string(), regulars_text::t!("chart.series.returning")),
        (percent(s.repeat_rate), regulars_text::t!("dashboard.repeatRate")),
        (percent(s.returning_rate), regulars_text::t!("dashboard.returningRate")),
        (worth, regulars_text::t!("pack.worth")),
        (median, regulars_text::t!("pack.median")),
    ];
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{HEIGHT}" viewBox="0 0 {WIDTH} {HEIGHT}" font-family="sans-serif">"#
    );
    let _ = write!(svg, r##"<rect width="{WIDTH}" height="{HEIGHT}" fill="#FFFFFF"/>"##);
    let _ = write!(
        svg,
        r##"<text x="48" y="72" font-size="44" fill="#1A1A1A">{}</text>"##,
        xml(&regulars_text::t!("pack.title", shop = &context.shop))
    );
    let _ = write!(svg, r##"<text x="48" y="116" font-size="24" fill="#555555">{}</text>"##, xml(&context.subtitle(report)));
    for (i, (value, label)) in tiles.iter().enumerate() {
        let (x, y) = (48 + (i % 4) as u32 * 380, 160 + (i / 4) as u32 * 150);
        let _ = write!(svg, r##"<rect x="{x}" y="{y}" width="360" height="130" rx="10" fill="#F4F7FA" stroke="#DDDDDD"/>"##);
        let _ = write!(svg, r##"<text x="{}" y="{}" font-size="40" fill="#0072B2">{}</text>"##, x + 20, y + 62, xml(value));
        let _ = write!(svg, r##"<text x="{}" y="{}" font-size="18" fill="#1A1A1A">{}</text>"##, x + 20, y + 104, xml(label));
    }
    let follow_line = regulars_text::t!(
        "pack.followUp",
        back = follow.contacted.came_back,
        total = follow.contacted.customers,
        days = follow.window_days,
        rate = percent(follow.contacted.rate),
        otherBack = follow.not_contacted.came_back,
        otherTotal = follow.not_contacted.customers,
        otherRate = percent(follow.not_contacted.rate)
    );
    let mut y = 490;
    let _ = write!(svg, r##"<text x="48" y="{y}" font-size="22" fill="#1A1A1A">{}</text>"##, xml(&follow_line));
    y += 44;
    let _ = write!(svg, r##"<text x="48" y="{y}" font-size="22" fill="#1A1A1A">{}</text>"##, xml(&regulars_text::t!("pack.definitions")));
    y += 30;
    for definition in
        definitions::ALL.iter().filter(|d| !matches!(d, definitions::Definition::Cohorts | definitions::Definition::PurchaseCounts))
    {
        let (name, text) = (definition.name(), definition.text());
        let full = if text.starts_with(&name) { text } else { regulars_text::t!("pack.definition", name = name, text = text) };
        for (i, line) in wrap(&full, 190).iter().enumerate() {
            let colour = if i == 0 { "#1A1A1A" } else { "#333333" };
            let _ = write!(svg, r##"<text x="48" y="{y}" font-size="14" fill="{colour}">{}</text>"##, xml(line));
            y += 18;
        }
        y += 4;
    }
    svg.push_str("</svg>");
    svg
}
