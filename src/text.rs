//! What members may type: trimmed, length-limited, free of control characters (bodies
//! may keep line breaks). Text is stored as typed and never rendered as HTML here.

use crate::error::{AppError, AppResult};

fn has_forbidden_control(text: &str, multiline: bool) -> bool {
    text.chars().any(|c| c.is_control() && !(multiline && matches!(c, '\n' | '\t' | '\r')))
}

fn checked(field: &'static str, text: &str, max_chars: usize, multiline: bool) -> AppResult<String> {
    let text = text.trim();
    if text.chars().count() > max_chars {
        return Err(AppError::bad_input(field, format!("{field} is limited to {max_chars} characters")));
    }
    if has_forbidden_control(text, multiline) {
        return Err(AppError::bad_input(field, format!("{field} contains control characters")));
    }
    Ok(text.to_owned())
}

/// The key a text is matched by case-insensitively: lower-cased in Rust (Unicode-aware),
/// since SQLite's `LOWER()` folds ASCII letters only.
pub fn fold(text: &str) -> String {
    text.trim().to_lowercase()
}

/// A `LIKE` pattern matching `text` anywhere, case-folded; `%`, `_` and `\` typed by a
/// member match themselves (queries say `ESCAPE '\'`).
pub fn contains_pattern(text: &str) -> String {
    let escaped = fold(text).replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// A one-line text that must not be blank.
pub fn required_line(field: &'static str, text: &str, max_chars: usize) -> AppResult<String> {
    let text = checked(field, text, max_chars, false)?;
    if text.is_empty() {
        return Err(AppError::bad_input(field, format!("{field} must not be blank")));
    }
    Ok(text)
}

/// A multi-line text that must not be blank.
pub fn required_body(field: &'static str, text: &str, max_chars: usize) -> AppResult<String> {
    let text = checked(field, text, max_chars, true)?;
    if text.is_empty() {
        return Err(AppError::bad_input(field, format!("{field} must not be blank")));
    }
    Ok(text)
}

/// A multi-line text that may be empty.
pub fn optional_body(field: &'static str, text: &str, max_chars: usize) -> AppResult<String> {
    checked(field, text, max_chars, true)
}

/// Refuses a list of more than `max_items` entries (never truncates it).
pub fn bounded_list<T>(field: &'static str, items: &[T], max_items: usize) -> AppResult<()> {
    if items.len() > max_items {
        return Err(AppError::bad_input(field, format!("{field} holds at most {max_items} entries")));
    }
    Ok(())
}

/// Each of `items` once, in the order given (a list of choices repeated by a client).
pub fn distinct<T: PartialEq + Copy>(items: &[T]) -> Vec<T> {
    let mut kept: Vec<T> = Vec::with_capacity(items.len());
    for item in items {
        if !kept.contains(item) {
            kept.push(*item);
        }
    }
    kept
}

/// A search or filter term: trimmed, blank meaning none, bounded and free of control
/// characters (PostgreSQL refuses a NUL in any text it is given).
pub fn filter_term(field: &'static str, term: Option<String>, max_chars: usize) -> AppResult<Option<String>> {
    let Some(term) = term else { return Ok(None) };
    let term = checked(field, &term, max_chars, false)?;
    Ok(Some(term).filter(|term| !term.is_empty()))
}

/// An optional web link: http(s), no spaces, bounded.
pub fn optional_link(field: &'static str, url: Option<String>, max_chars: usize) -> AppResult<Option<String>> {
    let Some(url) = url.map(|url| required_line(field, &url, max_chars)).transpose()? else {
        return Ok(None);
    };
    let scheme_ok = url.starts_with("https://") || url.starts_with("http://");
    if !scheme_ok || url.contains(char::is_whitespace) {
        return Err(AppError::bad_input(field, "use an http(s) link"));
    }
    Ok(Some(url))
}

/// A list of one-line texts: at most `max_items`, each non-blank and bounded.
pub fn line_list(field: &'static str, items: &[String], max_items: usize, max_chars: usize) -> AppResult<Vec<String>> {
    bounded_list(field, items, max_items)?;
    items.iter().map(|item| required_line(field, item, max_chars)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_bounded_and_free_of_control_characters() {
        assert_eq!(required_line("name", "  Moms at Work ", 80).ok().as_deref(), Some("Moms at Work"));
        assert!(required_line("name", "   ", 80).is_err());
        assert!(required_line("name", &"é".repeat(81), 80).is_err());
        assert!(required_line("name", "a\nb", 80).is_err());
        assert_eq!(required_body("body", "line one\nline two", 80).ok().as_deref(), Some("line one\nline two"));
        assert!(required_body("body", "bell\u{7}", 80).is_err());
        assert_eq!(optional_body("description", "  ", 80).ok().as_deref(), Some(""));
        assert!(line_list("tags", &["a".into(), " ".into()], 5, 10).is_err());
        assert!(line_list("tags", &vec!["a".to_owned(); 6], 5, 10).is_err());
        assert_eq!(contains_pattern(" 100%_Été "), "%100\\%\\_été%");
    }
}
