//! `@handle` mentions in a body: handles are 2 to 30 letters, digits or underscores,
//! matched case-insensitively, and only where `@` starts a word (not in an email).

/// Most distinct members one text can mention.
pub const MAX_MENTIONS: usize = 20;

/// The distinct handles mentioned in `text`, lower-cased, in order of appearance.
pub fn handles(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut previous: Option<char> = None;
    for (at, c) in text.char_indices() {
        let starts_word = previous.is_none_or(|p| !(p.is_alphanumeric() || p == '_'));
        previous = Some(c);
        if c != '@' || !starts_word {
            continue;
        }
        let rest = &text[at + 1..];
        let handle: String = rest.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        if (2..=30).contains(&handle.len()) {
            let handle = handle.to_ascii_lowercase();
            if !found.contains(&handle) && found.len() < MAX_MENTIONS {
                found.push(handle);
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::handles;

    #[test]
    fn mentions_are_found_once_each_and_emails_are_not_mentions() {
        assert_eq!(handles("Thanks @Ana_B and @bea! cc @ana_b"), ["ana_b", "bea"]);
        assert_eq!(handles("write to ana@example.com"), Vec::<String>::new());
        assert_eq!(handles("@a is too short, (@cat) works"), ["cat"]);
        assert_eq!(handles("émoji 🎉@dana"), ["dana"]);
    }
}
