//! Rules for what a member types at sign-up and sign-in: the email is normalized so
//! `Ana@Example.com ` and `ana@example.com` are one account; lengths are bounded.

use crate::error::{AppError, AppResult};

const MAX_EMAIL_CHARS: usize = 254;
const MIN_PASSWORD_CHARS: usize = 8;
const MAX_PASSWORD_CHARS: usize = 256;
const MAX_DISPLAY_NAME_CHARS: usize = 80;

/// The canonical form of an email address: trimmed and lower-cased.
fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// A normalized, plausible email address, or `BAD_USER_INPUT` on `email`.
pub fn valid_email(email: &str) -> AppResult<String> {
    let email = normalize_email(email);
    let invalid = || AppError::bad_input("email", "enter a valid email address");
    if email.chars().count() > MAX_EMAIL_CHARS || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid());
    }
    let (local, domain) = email.rsplit_once('@').ok_or_else(invalid)?;
    // `.invalid` is never anyone's (RFC 2606); Village keeps it for its own placeholder.
    let domain_ok =
        domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.') && !domain.ends_with(".invalid");
    if local.is_empty() || local.contains('@') || !domain_ok {
        return Err(invalid());
    }
    Ok(email)
}

/// A password long enough to resist guessing and short enough to hash cheaply.
pub fn valid_password(password: &str) -> AppResult<()> {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(AppError::bad_input("password", format!("use at least {MIN_PASSWORD_CHARS} characters")));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(AppError::bad_input("password", format!("use at most {MAX_PASSWORD_CHARS} characters")));
    }
    Ok(())
}

/// A trimmed display name of 1 to 80 printable characters.
pub fn valid_display_name(name: &str) -> AppResult<String> {
    let name = name.trim();
    let chars = name.chars().count();
    if chars == 0 || chars > MAX_DISPLAY_NAME_CHARS || name.chars().any(char::is_control) {
        return Err(AppError::bad_input(
            "displayName",
            format!("use 1 to {MAX_DISPLAY_NAME_CHARS} characters, no control characters"),
        ));
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(valid_email("  Ana@Example.COM ").ok().as_deref(), Some("ana@example.com"));
        for bad in
            ["", "ana", "ana@", "@example.com", "ana@example", "a na@example.com", "ana@.com", "ana@example.com."]
        {
            assert!(valid_email(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn passwords_and_names_are_bounded() {
        assert!(valid_password("short").is_err());
        assert!(valid_password(&"x".repeat(257)).is_err());
        assert!(valid_password("long enough").is_ok());
        assert_eq!(valid_display_name("  Ana  ").ok().as_deref(), Some("Ana"));
        assert!(valid_display_name("   ").is_err());
        assert!(valid_display_name("Ana\u{0}").is_err());
        assert!(valid_display_name(&"é".repeat(81)).is_err());
    }
}
