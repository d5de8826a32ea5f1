//! The words Regulars says, in one place: the catalogs in `locales/` at the top of the
//! repository, shared with the window. `en.json` is the source; a translation is one more file
//! with the same ids, and ids it lacks fall back to English. Messages are ICU MessageFormat
//! (`{name}`, `{count, plural, one {# day} other {# days}}`), formatted by FormatJS's Rust
//! runtime, the same format the window's `intl-messageformat` reads.
//!
//! ```
//! let text = regulars_text::t!("due.overdue", days = 3);
//! assert_eq!(text, "overdue 3 days");
//! ```
//!
//! Where things are: `t!` and `text()`: a catalog message with its values, formatted by FormatJS's
//! Rust runtime; `use_languages` (the app and the CLI call it at start with the OS's languages),
//! `add_catalog` (a catalog at run time: the pseudo-language test), month and day names for charts.
//! An unknown id or a missing value comes out as the id, never a panic; the catalog test catches
//! both before that.
//!
//! Where things are: the message catalog: `en.json`, one flat object of ids (`area.what`) to ICU
//! MessageFormat messages (`{name}`, `{count, plural, one {# day} other {# days}}`, and in the
//! window's messages `<strong>`/`<em>`/`<kbd>`/`<code>`). Every word the owner reads comes from
//! here: the screens, the menu, errors and field problems, import notes, reminder reasons, the
//! desktop notification, the calendar export, charts, the meeting pack and the definitions. A
//! translation is one more file with the same ids (`de.json`, `pt-BR.json`); the window bundles
//! every file and build.rs embeds every file in the backend; ids a translation lacks fall back to
//! English. Both sides pick the first of the OS's languages that has a catalog; plurals follow the
//! catalog's language, numbers the OS's. Not translated, on purpose: the owner's data, the sample
//! shop's made-up names, CSV column headers (a file format), the CLI's own output (docs/CLI.md: for
//! scripts, tab-separated), logs.

use std::collections::HashMap;
use std::sync::{Arc, LazyLock, RwLock};

use formatjs_icu_messageformat::{IcuMessageFormat, Value, Values};

/// The catalogs shipped, by language tag: every `locales/*.json`, embedded by build.rs.
const CATALOGS: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/catalogs.rs"));
const SOURCE: &str = "en";

/// One catalog, parsed: each id's message ready to format.
struct Catalog {
    messages: HashMap<String, IcuMessageFormat>,
    /// Ids whose message is not ICU MessageFormat: left out, so English stands in for them.
    broken: Vec<String>,
}

impl Catalog {
    fn parse(json: &str) -> Catalog {
        let raw: HashMap<String, String> = serde_json::from_str(json).expect("a catalog is a JSON object of strings");
        let mut broken = Vec::new();
        let messages = raw
            .into_iter()
            .filter_map(|(id, text)| match IcuMessageFormat::try_new(&text) {
                Ok(message) => Some((id, message)),
                Err(_) => {
                    broken.push(id);
                    None
                }
            })
            .collect();
        Catalog { messages, broken }
    }
}

/// Every catalog by language tag: the shipped ones, and any added with [`add_catalog`].
static CATALOG_BY_TAG: LazyLock<RwLock<HashMap<String, Arc<Catalog>>>> =
    LazyLock::new(|| RwLock::new(CATALOGS.iter().map(|(tag, json)| ((*tag).to_owned(), Arc::new(Catalog::parse(json)))).collect()));

fn catalog(tag: &str) -> Option<Arc<Catalog>> {
    CATALOG_BY_TAG.read().unwrap_or_else(|e| e.into_inner()).get(tag).cloned()
}

/// Adds a catalog (a JSON object of ids to ICU messages) under `tag`, beside the shipped ones:
/// a translation being tried out, or a test's pseudo-language.
///
/// # Panics
/// When `json` is not an object of strings. A message that is not ICU MessageFormat is left
/// out (English stands in for it).
pub fn add_catalog(tag: &str, json: &str) {
    let parsed = Arc::new(Catalog::parse(json));
    CATALOG_BY_TAG.write().unwrap_or_else(|e| e.into_inner()).insert(tag.to_owned(), parsed);
}

/// The ids of the catalog `tag` whose message does not parse (English stands in for them), for
/// the log; empty for a catalog that does not exist.
pub fn broken_messages(tag: &str) -> Vec<String> {
    let mut ids = catalog(tag).map(|c| c.broken.clone()).unwrap_or_default();
    ids.sort();
    ids
}

/// The catalog in use and the locale numbers are written for.
struct Active {
    catalog: String,
    locale: String,
}

static ACTIVE: RwLock<Option<Active>> = RwLock::new(None);

/// The catalog for the first of `wanted` (best first) that has one: the exact tag (`pt-BR`),
/// else its language (`pt`); English when none has. POSIX names (`de_DE.UTF-8`) are read as tags.
pub fn pick_catalog<'a, 'b>(wanted: impl IntoIterator<Item = &'a str>, available: &[&'b str]) -> &'b str {
    for name in wanted {
        let tag = as_tag(name).to_lowercase();
        let language = language_of(&tag);
        if let Some(found) =
            available.iter().find(|a| a.to_lowercase() == tag).or_else(|| available.iter().find(|a| a.to_lowercase() == language))
        {
            return found;
        }
    }
    SOURCE
}

/// An OS language name as a tag: POSIX names carry an encoding or modifier (`de_DE.UTF-8`),
/// the tag is what comes before it, with a hyphen (`de-DE`).
fn as_tag(name: &str) -> String {
    name.replace('_', "-").split(['.', '@']).next().unwrap_or_default().to_owned()
}

/// A tag's language: `de` of `de-DE`.
fn language_of(tag: &str) -> &str {
    tag.split('-').next().unwrap_or_default()
}

/// Speaks the first of the OS's preferred languages (best first, such as `sys_locale`
/// gives) that has a catalog. Numbers are written for the first of them when it is in the
/// catalog's language; otherwise as the catalog's language writes them, so plurals agree.
pub fn use_languages<S: AsRef<str>>(wanted: &[S]) {
    let tags: Vec<String> = CATALOG_BY_TAG.read().unwrap_or_else(|e| e.into_inner()).keys().cloned().collect();
    let available: Vec<&str> = tags.iter().map(String::as_str).collect();
    let catalog = pick_catalog(wanted.iter().map(AsRef::as_ref), &available).to_owned();
    let first = wanted.first().map(|name| as_tag(name.as_ref())).unwrap_or_default();
    let same_language = !first.is_empty() && language_of(&first).eq_ignore_ascii_case(language_of(&catalog));
    let locale = if same_language { first } else { catalog.clone() };
    *ACTIVE.write().unwrap_or_else(|e| e.into_inner()) = Some(Active { catalog, locale });
}

/// The language in use: `en` until [`use_languages`] picks another.
pub fn language() -> String {
    ACTIVE.read().unwrap_or_else(|e| e.into_inner()).as_ref().map_or_else(|| SOURCE.to_owned(), |a| a.catalog.clone())
}

/// A value for a message's argument.
pub trait Arg {
    fn value(self) -> Value;
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl Arg for $t {
            fn value(self) -> Value {
                Value::from(i64::try_from(self).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_arg!(u8, u16, u32, u64, usize, i8, i16, i32, i64, isize);

impl Arg for f64 {
    fn value(self) -> Value {
        Value::from(self)
    }
}
impl Arg for &str {
    fn value(self) -> Value {
        Value::from(self)
    }
}
impl Arg for String {
    fn value(self) -> Value {
        Value::from(self)
    }
}
impl Arg for &String {
    fn value(self) -> Value {
        Value::from(self.as_str())
    }
}

/// The message `id` with `args` filled in, in the language in use. Use [`t!`].
///
/// An id no catalog has, or a message missing one of its values, is a bug the catalog test
/// (`ui/src/catalog.test.ts`) catches; at run time it comes out as the id, never as a panic.
pub fn text(id: &str, args: Vec<(&str, Value)>) -> String {
    let (tag, locale) = {
        let active = ACTIVE.read().unwrap_or_else(|e| e.into_inner());
        active.as_ref().map_or_else(|| (SOURCE.to_owned(), SOURCE.to_owned()), |a| (a.catalog.clone(), a.locale.clone()))
    };
    let values: Values = args.into_iter().map(|(name, value)| (name.to_owned(), value)).collect();
    let translated = catalog(&tag).and_then(|c| c.messages.get(id).map(|m| m.format_to_string(&locale, &values).ok())).flatten();
    translated
        .or_else(|| catalog(SOURCE).and_then(|c| c.messages.get(id).and_then(|m| m.format_to_string(&locale, &values).ok())))
        .unwrap_or_else(|| id.to_owned())
}

/// A month's short name: "Nov".
pub fn month_short(month: u32) -> String {
    match month {
        1 => t!("month.jan"),
        2 => t!("month.feb"),
        3 => t!("month.mar"),
        4 => t!("month.apr"),
        5 => t!("month.may"),
        6 => t!("month.jun"),
        7 => t!("month.jul"),
        8 => t!("month.aug"),
        9 => t!("month.sep"),
        10 => t!("month.oct"),
        11 => t!("month.nov"),
        _ => t!("month.dec"),
    }
}

/// A month and its year: "Nov 2026".
pub fn month_label(year: i32, month: u32) -> String {
    t!("month.label", month = month_short(month), year = year.to_string())
}

/// A day: "3 Nov 2026".
pub fn day_label(year: i32, month: u32, day: u32) -> String {
    t!("date.day", day = day.to_string(), month = month_short(month), year = year.to_string())
}

/// The message with an id from the catalog, its values given as `name = value` after the id.
#[macro_export]
macro_rules! t {
    ($id:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::text($id, vec![$((stringify!($name), $crate::Arg::value($value))),*])
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_plurals_and_values() {
        assert_eq!(t!("due.overdue", days = 1), "overdue 1 day");
        assert_eq!(t!("due.overdue", days = 2_u32), "overdue 2 days");
        assert_eq!(t!("today.snoozed", name = "Ada", day = "12 Nov 2026"), "Snoozed Ada until 12 Nov 2026.");
    }

    #[test]
    fn an_unknown_id_or_a_missing_value_comes_out_as_the_id() {
        assert_eq!(text("no.such.message", vec![]), "no.such.message");
        assert_eq!(text("due.overdue", vec![]), "due.overdue");
    }

    #[test]
    fn picks_the_exact_tag_then_the_language_then_english() {
        let available = ["en", "pt", "pt-BR", "de"];
        assert_eq!(pick_catalog(["pt-BR", "de"], &available), "pt-BR");
        assert_eq!(pick_catalog(["de_AT"], &available), "de");
        assert_eq!(pick_catalog(["fr-FR", "it"], &available), "en");
        assert_eq!(pick_catalog([], &available), "en");
    }

    #[test]
    fn english_is_shipped() {
        assert!(CATALOGS.iter().any(|(tag, json)| *tag == "en" && json.contains("\"nav.today\"")));
    }

    #[test]
    fn every_shipped_catalog_parses() {
        for (tag, _) in CATALOGS {
            let parsed = catalog(tag).expect("shipped");
            assert!(!parsed.messages.is_empty() && parsed.broken.is_empty(), "{tag}: broken {:?}", parsed.broken);
        }
    }

    #[test]
    fn a_broken_or_short_translation_falls_back_to_english() {
        add_catalog("zz", r#"{"nav.today": "{Heute", "today.done": "Erledigt: {nom}.", "nav.sale": "Verkauf"}"#);
        assert_eq!(broken_messages("zz"), ["nav.today"]);
        assert!(broken_messages("en").is_empty() && broken_messages("no-such").is_empty());
        // The language is process-wide: the words are checked through the catalog alone here,
        // so the other tests of this binary keep reading English.
        let zz = catalog("zz").expect("added");
        let values: Values = [("name".to_owned(), Value::from("Ada"))].into();
        assert!(zz.messages["today.done"].format_to_string("de", &values).is_err(), "a value it lacks");
        assert_eq!(zz.messages["nav.sale"].format_to_string("de", &Values::new()).expect("formats"), "Verkauf");
    }
}
