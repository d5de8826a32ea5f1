//! Nothing the backend says bypasses the catalog. A pseudo-language wraps every message of the
//! English catalog in ⟦ ⟧; with it in use, every word the backend puts before the owner (an
//! error, an import note, a reminder's reason, a chart's text, a definition) must come out
//! inside the brackets. A word outside them was written in the code. Its own test binary:
//! the language is process-wide, and the other tests read English.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use regulars_core::{ChartFormat, ChartKind, Clock, Error, ImportRequest, Session};
use regulars_domain::SaleDraft;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).expect("a date")
}

/// Speaks the pseudo-language: English, every message wrapped in ⟦ ⟧.
fn speak_pseudo() {
    let english: BTreeMap<String, String> =
        serde_json::from_str(include_str!("../../locales/en.json")).expect("locales/en.json is an object of strings");
    let pseudo: BTreeMap<String, String> = english.into_iter().map(|(id, text)| (id, format!("⟦{text}⟧"))).collect();
    regulars_text::add_catalog("xx", &serde_json::to_string(&pseudo).expect("json"));
    regulars_text::use_languages(&["xx"]);
    assert_eq!(regulars_text::language(), "xx");
}

/// The words left once every ⟦…⟧ (nested too) and each of `data` (names, codes: the owner's
/// data, never translated) are taken out: any run of three letters is text from the code.
fn words_outside_the_catalog(text: &str, data: &[&str]) -> Vec<String> {
    let mut outside = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '⟦' => depth += 1,
            '⟧' => depth = depth.saturating_sub(1),
            c if depth == 0 => outside.push(c),
            _ => {}
        }
    }
    for datum in data {
        outside = outside.replace(datum, " ");
    }
    outside.split(|c: char| !c.is_ascii_alphabetic()).filter(|word| word.len() >= 3).map(str::to_owned).collect()
}

/// The text of every `<text>` element of an SVG, unescaped.
fn svg_texts(svg: &str) -> Vec<String> {
    svg.split("<text")
        .skip(1)
        .filter_map(|part| part.split_once('>').and_then(|(_, rest)| rest.split_once("</text>")).map(|(inner, _)| inner))
        .map(|inner| inner.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'"))
        .collect()
}

#[test]
fn every_word_the_backend_says_comes_from_the_catalog() {
    speak_pseudo();
    let dir = tempfile::tempdir().expect("temp dir");
    let mut session = Session::open(dir.path(), Clock::Fixed(today())).expect("open");
    session.load_sample_shop().expect("the sample shop");
    let shop = session.shop().expect("shop").expect("set up");
    let currency = shop.currency.code().to_owned();
    let name = shop.name.as_str().to_owned();
    let data = [name.as_str(), currency.as_str()];
    let mut leaks: Vec<String> = Vec::new();
    let mut check = |what: &str, text: &str| {
        let words = words_outside_the_catalog(text, &data);
        if !words.is_empty() {
            leaks.push(format!("{what}: {words:?} in {text:?}"));
        }
    };

    // Every chart's words, and the prediction model's hold-out check.
    let filter = session.parse_filter(Some("2024-11-24"), None, None, None).expect("two years");
    let mut texts = 0;
    // A chart's definition wraps over several lines, so a chart's texts are read as one.
    for (kind, svg) in session.charts_svg(&filter).expect("charts") {
        let lines = svg_texts(&svg);
        texts += lines.len();
        check(kind.slug(), &lines.join("\n"));
    }
    let holdout = session.holdout_chart(ChartFormat::Svg).expect("hold-out").expect("the sample shop has enough history");
    check("holdout", &svg_texts(&String::from_utf8(holdout).expect("utf-8")).join("\n"));
    assert!(texts > 100, "the charts have words to check: {texts}");
    for kind in ChartKind::ALL {
        check("chart title", &kind.title());
    }

    // The definitions printed under the charts and in the app.
    for definition in regulars_analytics::definitions::ALL.iter().chain(regulars_analytics::definitions::PREDICTIONS) {
        check("definition", &format!("{} {}", definition.name(), definition.text()));
    }

    // Why each customer is on Today.
    let todays = session.today_list().expect("today");
    assert!(!todays.due.is_empty(), "the sample shop has reminders");
    for reminder in todays.due.iter().filter(|r| !matches!(r.kind, regulars_domain::ReminderKind::Manual { .. })) {
        check("reminder", &reminder.why(todays.as_of));
    }

    // Bad input, refused with the field and the reason.
    let currency_code = session.currency().expect("currency");
    for (date, amount) in [("2026-11-23", "12,3x"), ("2026-11-23", ""), ("2031-01-01", "5"), ("someday", "5"), ("2026-11-23", "-4")] {
        let error = SaleDraft::parse(None, date, amount, "", "", "", currency_code, today()).expect_err("refused");
        check("field error", &error.to_string());
    }
    check("not found", &session.customer(regulars_domain::CustomerId(999_999)).expect_err("no such customer").to_string());

    // Import: a file that cannot be read, one whose columns are unknown, and rows with problems.
    let request = ImportRequest { file_name: "x.csv".to_owned(), preset: None, mapping: None, date_order: None };
    for bytes in [&b""[..], b"\x00\x01\x02\x03binary", b"only one column\nx\n", b"colour,size\nred,9\n"] {
        match session.import_preview(bytes, &request) {
            Err(error) => check("import error", &error.to_string()),
            Ok(preview) => panic!("{bytes:?} was read: {preview:?}"),
        }
    }
    let file = b"customer_id,date,amount\n1,2026-11-01,12.50\n2,someday,5\n3,2026-11-02,abc\n4,2031-01-01,5\n";
    let preview = session.import_preview(file, &request).expect("a plain file");
    assert!(preview.problems.count() >= 3, "{:?}", preview.problems);
    for problem in preview.problems.kept() {
        let value = problem.value.clone();
        let data = [value.as_str()];
        let words = words_outside_the_catalog(&problem.to_string(), &data);
        assert!(words.is_empty(), "import problem: {words:?} in {problem}");
    }
    check("preset", &preview.preset_label);

    // A store that cannot open: a folder whose shop file is not a database.
    let broken = tempfile::tempdir().expect("temp dir");
    std::fs::write(broken.path().join(regulars_core::DATABASE_FILE), vec![b'x'; 4096]).expect("write junk");
    match Session::open(broken.path(), Clock::Fixed(today())) {
        Err(Error::Store(error)) => {
            let path = broken.path().join(regulars_core::DATABASE_FILE).display().to_string();
            let words = words_outside_the_catalog(&error.to_string(), &[path.as_str()]);
            assert!(words.is_empty(), "store error: {words:?} in {error}");
        }
        Err(other) => panic!("not a store error: {other}"),
        Ok(_) => panic!("a file of junk opened as a shop"),
    }

    assert!(leaks.is_empty(), "words written in the code, not the catalog:\n{}", leaks.join("\n"));

    // In the same test, as the language is process-wide: a translation with a broken message
    // and a message that lost a value shows English for those, its own words for the rest.
    regulars_text::add_catalog("yy", r#"{"error.required": "{kaputt", "error.field": "{feld} fehlt", "field.amount": "Betrag"}"#);
    regulars_text::use_languages(&["yy"]);
    let error = SaleDraft::parse(None, "2026-11-23", "", "", "", "", currency_code, today()).expect_err("no amount");
    assert_eq!(error.to_string(), "Betrag: is required");
}

#[test]
fn the_check_finds_words_outside_the_brackets() {
    assert!(words_outside_the_catalog("⟦⟦Amount⟧: ⟦'x' is not an amount⟧⟧", &[]).is_empty());
    assert_eq!(words_outside_the_catalog("⟦Revenue⟧ from Maria's Bikes in EUR", &["EUR"]), ["from", "Maria", "Bikes"]);
}
