//! One naming case across the IPC. The report and the prediction models keep snake_case field
//! names in Rust and in `regulars-cli metrics --json` (a documented format, docs/CLI.md); the
//! window receives them in camelCase like every other field. A view holds one of them as
//! [`Camel`] with `#[ts(as = "the type")]`, and the analytics crate's TypeScript types say
//! `ts(rename_all = "camelCase")`; a test checks that the two agree on a real shop.

use serde::{Serialize, Serializer};
use serde_json::Value;

/// A value that crosses with every field name in camelCase, at any depth.
#[derive(Debug, Clone)]
pub struct Camel<T>(pub T);

impl<T: Serialize> Serialize for Camel<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let value = serde_json::to_value(&self.0).map_err(serde::ser::Error::custom)?;
        renamed(value).serialize(serializer)
    }
}

fn renamed(value: Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(fields.into_iter().map(|(name, value)| (camel_case(&name), renamed(value))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(renamed).collect()),
        other => other,
    }
}

/// `money_at_risk_minor` → `moneyAtRiskMinor`.
fn camel_case(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut words = name.split('_');
    out.extend(words.next());
    for word in words {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use regulars_core::{Clock, Session};
    use serde_json::Value;

    use super::{Camel, camel_case};
    use crate::ipc::{DashboardView, OutlookView};

    #[test]
    fn names_become_camel_case() {
        assert_eq!(camel_case("money_at_risk_minor"), "moneyAtRiskMinor");
        assert_eq!(camel_case("p_alive"), "pAlive");
        assert_eq!(camel_case("customers"), "customers");
    }

    /// Every field name the window receives with the dashboard and the outlook, at any depth.
    fn field_names(value: &Value, out: &mut Vec<String>) {
        match value {
            Value::Object(fields) => fields.iter().for_each(|(name, value)| {
                out.push(name.clone());
                field_names(value, out);
            }),
            Value::Array(items) => items.iter().for_each(|item| field_names(item, out)),
            _ => {}
        }
    }

    #[test]
    fn the_report_and_the_outlook_cross_in_camel_case_as_their_typescript_types_say() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut session =
            Session::open(dir.path(), Clock::Fixed(chrono::NaiveDate::from_ymd_opt(2026, 6, 1).expect("day"))).expect("open a shop");
        session.load_sample_shop().expect("sample shop");
        let filter = session.parse_filter(Some(""), Some(""), Some(""), None).expect("default filter");
        let dashboard = DashboardView {
            report: Camel(session.report(&filter).expect("report")),
            first_sale: None,
            last_sale: None,
            definitions: Vec::new(),
        };
        let outlook = session.outlook(None).expect("outlook");
        assert!(outlook.models.is_some() && !outlook.customers.is_empty(), "the sample shop has a model and scored customers");
        let outlook = OutlookView {
            as_of: String::new(),
            horizon_days: outlook.horizon_days,
            models: Camel(outlook.models.clone()),
            unavailable: None,
            scored: 0,
            at_risk: Camel(outlook.customers.iter().take(3).cloned().collect()),
            holdout: Camel(outlook.holdout.clone()),
            sales_stop: None,
            holdout_svg: None,
            definitions: Vec::new(),
        };
        let mut names = Vec::new();
        field_names(&serde_json::to_value(&dashboard).expect("json"), &mut names);
        field_names(&serde_json::to_value(&outlook).expect("json"), &mut names);
        for expected in ["moneyAtRiskMinor", "followUp", "notContacted", "repeatRate", "logLikelihood", "fittedTo"] {
            assert!(names.iter().any(|n| n == expected), "{expected} crosses the IPC");
        }
        let bindings = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/src/lib/bindings.ts")).expect("bindings");
        for name in &names {
            assert!(!name.contains('_'), "{name} is not camelCase");
            let declared = [" ", "\n"]
                .iter()
                .any(|before| bindings.contains(&format!("{before}{name}:")) || bindings.contains(&format!("{before}{name}?:")));
            assert!(declared, "{name} is not a field in bindings.ts");
        }
    }
}
