//! Every chart drawn from a generated shop: the SVG says what it shows, the PNG decodes at the
//! size asked for, and the meeting pack is a PDF with one page per chart plus the summary.

use chrono::{NaiveDate, Weekday};
use regulars_analytics::{Filter, HistoryBuilder, Period, Report, compute};
use regulars_charts::{ChartKind, Context, HEIGHT, WIDTH, csv, meeting_pack, png, svg};
use regulars_domain::Currency;

fn d(raw: &str) -> NaiveDate {
    NaiveDate::parse_from_str(raw, "%Y-%m-%d").expect("test dates are valid")
}

fn report(period: Period) -> Report {
    let mut rng = fastrand::Rng::with_seed(7);
    let mut h = HistoryBuilder::new();
    for id in 1..=400i64 {
        h.name(id, &format!("<img src=x onerror=alert({id})>"));
        let visits = if rng.u8(..3) == 0 { rng.usize(2..9) } else { 1 };
        let mut day = d("2025-01-01") + chrono::Days::new(rng.u64(..330));
        for _ in 0..visits {
            h.sale(Some(id), day, rng.i64(500..20_000));
            if rng.u8(..3) == 0 {
                h.contact(id, day + chrono::Days::new(rng.u64(1..10)));
            }
            day = day + chrono::Days::new(rng.u64(3..80));
        }
        if rng.u8(..4) == 0 {
            h.sale(None, day, 1_000);
        }
    }
    let filter = Filter { from: d("2025-01-01"), to: d("2025-12-31"), period, week_start: Weekday::Mon, follow_up_days: 14 };
    compute(&h.build(), &filter)
}

fn context() -> Context {
    Context { shop: "Bikes & <Co>".to_owned(), currency: Currency::parse("EUR").expect("EUR"), as_of: d("2026-01-02") }
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn each_svg_has_its_title_axes_period_and_definition_with_names_escaped() {
    let report = report(Period::Month);
    for kind in ChartKind::ALL {
        let svg = svg(kind, &report, &context());
        assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"), "{kind:?}");
        assert!(svg.contains(&kind.title()), "{kind:?} title");
        assert!(svg.contains("Bikes &amp; &lt;Co&gt;"), "{kind:?} shop name, escaped");
        assert!(!svg.contains("<Co>") && !svg.contains("<img"), "{kind:?} never carries markup from data");
        assert!(svg.contains("1 Jan 2025 to 31 Dec 2025") && svg.contains("as of 2 Jan 2026"), "{kind:?} period");
        assert!(svg.contains(&kind_definition_start(kind)), "{kind:?} definition");
        std::fs::create_dir_all("../../target/charts").ok();
        std::fs::write(format!("../../target/charts/{}.svg", kind.slug()), &svg).ok();
    }
    let revenue = svg(ChartKind::NewVsReturning, &report, &context());
    assert!(revenue.contains("Revenue (EUR)") && revenue.contains("month (starting)"));
    // 12 months x 3 layers, plus the 3 legend swatches.
    assert_eq!(count(&revenue, "fill=\"#0072B2\""), 12 + 1);
    assert_eq!(count(&revenue, "fill=\"#E69F00\""), 12 + 1);
    let counts = svg(ChartKind::PurchaseCounts, &report, &context());
    assert!(counts.contains("Purchase days in the range") && counts.contains(">\nCustomers\n<"));
    assert_eq!(count(&counts, "fill=\"#0072B2\""), report.purchase_counts.iter().filter(|b| b.customers > 0).count());
    let cohorts = svg(ChartKind::Cohorts, &report, &context());
    let cells: usize = report.cohorts.iter().filter(|c| c.customers > 0).map(|c| c.rates.len()).sum();
    assert_eq!(count(&cohorts, "<rect") - 1, cells, "one rect per cohort cell plus the background");
    assert!(cohorts.contains("100%"));
}

fn kind_definition_start(kind: ChartKind) -> String {
    kind.definition().split_whitespace().take(4).collect::<Vec<_>>().join(" ")
}

#[test]
fn pngs_decode_at_the_requested_size() {
    let report = report(Period::Week);
    for (kind, scale) in [(ChartKind::NewVsReturning, 1), (ChartKind::Cohorts, 2)] {
        let bytes = png(&svg(kind, &report, &context()), scale).expect("renders");
        let image = resvg::tiny_skia::Pixmap::decode_png(&bytes).expect("a valid PNG");
        assert_eq!((image.width(), image.height()), (WIDTH * scale, HEIGHT * scale));
        // Not blank: some pixels carry the palette's blue.
        assert!(image.pixels().iter().any(|p| (p.red(), p.green(), p.blue()) == (0x00, 0x72, 0xB2)));
        std::fs::write(format!("../../target/charts/{}@{scale}x.png", kind.slug()), &bytes).ok();
    }
}

#[test]
fn the_meeting_pack_has_a_summary_page_and_one_page_per_chart() {
    let report = report(Period::Quarter);
    let mut seen = Vec::new();
    let pdf = meeting_pack(&report, &context(), |done, all| seen.push((done, all))).expect("writes");
    std::fs::write("../../target/charts/meeting-pack.pdf", &pdf).ok();
    let document = lopdf::Document::load_mem(&pdf).expect("a PDF that opens");
    assert_eq!(document.get_pages().len(), 1 + ChartKind::ALL.len());
    assert_eq!(seen.last(), Some(&(7, 7)));
    let text = document.extract_text(&[1]).expect("the summary page has text");
    // Glyphs are placed one by one, so extracted text comes out with breaks between them.
    let squeezed: String = text.split_whitespace().collect();
    assert!(squeezed.contains("RepeatbusinessatBikes&<Co>"), "{squeezed}");
}

#[test]
fn csv_has_a_row_per_period_and_cohort() {
    let report = report(Period::Month);
    let periods = csv(ChartKind::NewVsReturning, &report, &context());
    assert_eq!(periods.lines().count(), 1 + 12);
    assert!(periods.starts_with("period,start,end,new_customers,returning_customers,returning_rate,new_revenue_EUR"));
    let first = &report.periods[0];
    let expected = format!("2025-01,2025-01-01,2025-01-31,{},{}", first.new_customers, first.returning_customers);
    assert!(periods.lines().nth(1).is_some_and(|l| l.starts_with(&expected)), "{periods}");
    let cohorts = csv(ChartKind::Cohorts, &report, &context());
    assert_eq!(cohorts.lines().count(), 1 + report.cohorts.len());
    assert!(cohorts.lines().next().is_some_and(|h| h.ends_with("month_11")));
}
