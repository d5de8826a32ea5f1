//! Turning what the owner types into the search box into a safe FTS5 query.
//!
//! The text is never passed to FTS5 as syntax: it is cut into words of letters and digits, and
//! each becomes a quoted prefix term, so `"`, `*`, `NEAR` or `-` typed by the owner mean nothing.

/// `maria lo` becomes `"maria"* "lo"*` (both words must match a prefix of a name or email
/// word). When the text has three or more digits and no letters, a match on the phone's
/// digits (`0171 555` finds `(0171) 555-1234`) is offered as well. `None` when there is
/// nothing to search for.
pub(crate) fn fts_query(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
    if words.is_empty() {
        return None;
    }
    let terms = words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" ");
    let digits: String = text.chars().filter(char::is_ascii_digit).collect();
    let has_letters = text.chars().any(char::is_alphabetic);
    if digits.len() >= 3 && !has_letters { Some(format!("({terms}) OR phone_digits : \"{digits}\"*")) } else { Some(terms) }
}

/// A LIKE pattern for "the name starts with the query", with LIKE's wildcards escaped.
pub(crate) fn like_prefix(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 1);
    for c in text.trim().chars() {
        if matches!(c, '%' | '_' | '\\') {
            pattern.push('\\');
        }
        pattern.push(c);
    }
    pattern.push('%');
    pattern
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owner_text_becomes_quoted_prefix_terms() {
        assert_eq!(fts_query("Maria lo").as_deref(), Some("\"Maria\"* \"lo\"*"));
        assert_eq!(fts_query("  \"* NEAR( -").as_deref(), Some("\"NEAR\"*"));
        assert_eq!(fts_query(" -*\" ").as_deref(), None);
        assert_eq!(fts_query("0171 555").as_deref(), Some("(\"0171\"* \"555\"*) OR phone_digits : \"0171555\"*"));
        assert_eq!(fts_query("a1").as_deref(), Some("\"a1\"*"));
    }

    #[test]
    fn like_wildcards_are_escaped() {
        assert_eq!(like_prefix("50%_off\\"), "50\\%\\_off\\\\%");
    }
}
