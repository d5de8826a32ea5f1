//! Open reminders as an iCalendar file (RFC 5545): one all-day event per reminder with a
//! display alarm at 9:00, and a UID derived from the reminder's key so that importing the file
//! again updates the events instead of duplicating them. Written by hand: the format is small,
//! and exactness (CRLF, escaping, folding at 75 octets) is tested below.

use chrono::{DateTime, Days, NaiveDate, Utc};
use regulars_domain::Reminder;

/// The calendar text for `reminders` as of `today`: overdue reminders are placed on today.
pub fn reminders_to_ics(reminders: &[Reminder], today: NaiveDate, shop: &str, now: DateTime<Utc>) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Regulars//Reminders//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(&regulars_text::t!("ics.calendar", shop = shop))),
    ];
    let stamp = now.format("%Y%m%dT%H%M%SZ").to_string();
    for reminder in reminders {
        let day = reminder.due.max(today);
        let next = day.checked_add_days(Days::new(1)).unwrap_or(day);
        let summary = regulars_text::t!("ics.contact", name = &reminder.customer_name);
        let why = reminder.why(day);
        lines.extend([
            "BEGIN:VEVENT".into(),
            format!("UID:{}@regulars.app", reminder.key.replace(':', "-")),
            format!("DTSTAMP:{stamp}"),
            format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")),
            format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
            format!("SUMMARY:{}", escape(&summary)),
            format!("DESCRIPTION:{}", escape(&why)),
            "TRANSP:TRANSPARENT".into(),
            "BEGIN:VALARM".into(),
            "ACTION:DISPLAY".into(),
            "TRIGGER;RELATED=START:PT9H".into(),
            format!("DESCRIPTION:{}", escape(&summary)),
            "END:VALARM".into(),
            "END:VEVENT".into(),
        ]);
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect::<Vec<_>>().join("")
}

/// TEXT escaping of RFC 5545 §3.3.11.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Folds a content line at 75 octets (never inside a UTF-8 character) and ends it with CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut octets = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if octets + width > 75 {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += width;
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use regulars_domain::{CustomerId, Money, ReminderKind};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").expect("date")
    }

    fn reminder(name: &str, due: &str) -> Reminder {
        Reminder {
            key: "check_in:7:2026-11-01".into(),
            customer: CustomerId(7),
            customer_name: name.into(),
            lifetime_value: Money::from_minor(100),
            kind: ReminderKind::CheckIn { sale_on: day("2026-11-01") },
            due: day(due),
        }
    }

    fn now() -> DateTime<Utc> {
        DateTime::parse_from_rfc3339("2026-11-23T08:00:00Z").expect("time").with_timezone(&Utc)
    }

    #[test]
    fn one_all_day_event_with_an_alarm_and_a_stable_uid() {
        let ics = reminders_to_ics(&[reminder("Maria", "2026-11-25")], day("2026-11-23"), "Maria's Bikes", now());
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "every line ends in CRLF");
        assert!(ics.contains("UID:check_in-7-2026-11-01@regulars.app\r\n"));
        assert!(ics.contains("DTSTART;VALUE=DATE:20261125\r\nDTEND;VALUE=DATE:20261126\r\n"));
        assert!(ics.contains("BEGIN:VALARM\r\nACTION:DISPLAY\r\nTRIGGER;RELATED=START:PT9H\r\n"));
        assert!(ics.contains("DTSTAMP:20261123T080000Z\r\n"));
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    }

    #[test]
    fn overdue_reminders_land_on_today() {
        let ics = reminders_to_ics(&[reminder("Maria", "2026-11-08")], day("2026-11-23"), "Shop", now());
        assert!(ics.contains("DTSTART;VALUE=DATE:20261123\r\n"));
        assert!(ics.contains("Bought 22 days ago"));
    }

    #[test]
    fn text_is_escaped_and_long_lines_folded_on_character_boundaries() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let long = format!("SUMMARY:{}", "Zoë Ångström, ".repeat(10));
        let folded = fold(&long);
        for physical in folded.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(physical.len() <= 75, "{} octets: {physical:?}", physical.len());
        }
        assert_eq!(folded.replace("\r\n ", "").strip_suffix("\r\n"), Some(long.as_str()), "unfolding gives the line back");
    }
}
