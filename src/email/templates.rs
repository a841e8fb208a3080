//! The words of every email, as templates: a plain-text and an HTML part per letter and
//! language, under `templates/<language>/`. The text part's first line is the subject
//! (`Subject: …`); HTML parts extend the language's `layout.html` and escape what they
//! are given. Templates are built into the binary and checked at start.

use minijinja::{Environment, UndefinedBehavior};
use serde::Serialize;

/// The languages emails are written in (English now; French is a folder away).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Language {
    #[default]
    English,
}

impl Language {
    const ALL: [Self; 1] = [Self::English];

    /// The language stored as `code` (`en`), English when unknown.
    pub fn from_code(code: &str) -> Self {
        Self::ALL.into_iter().find(|language| language.code() == code).unwrap_or_default()
    }

    /// Its code, as stored and as its template folder is named.
    pub fn code(self) -> &'static str {
        match self {
            Self::English => "en",
        }
    }
}

/// Each email Village sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Letter {
    /// Confirm the address she signed up with (`link`).
    VerifyEmail,
    /// Choose a new password (`link`, valid `minutes`).
    PasswordReset,
    /// Her password was changed (`how`: reset or changed).
    PasswordChanged,
    /// Confirm the new address she asked for (`link`, `new_email`).
    ConfirmNewEmail,
    /// To the old address: a change to `new_email` was asked for.
    EmailChangeRequested,
    /// Her account was deleted.
    AccountDeleted,
    /// Her data export is ready at `link` for `hours`.
    DataExportReady,
    /// A notification (`line`) of a `kind` she wants emailed.
    Notification,
    /// Confirm a mailing-list subscription (`link`).
    MailingListConfirm,
    /// A newsletter (`subject`, `body`).
    Newsletter,
    /// Her digest (`period`, `threads`, `mentions`, `going`, `suggested`).
    Digest,
}

impl Letter {
    #[cfg(test)]
    const ALL: [Self; 5] = [
        Self::VerifyEmail,
        Self::PasswordReset,
        Self::PasswordChanged,
        Self::ConfirmNewEmail,
        Self::EmailChangeRequested,
    ];

    /// Its template name, and its category in the outbox.
    pub fn name(self) -> &'static str {
        match self {
            Self::VerifyEmail => "verify_email",
            Self::PasswordReset => "password_reset",
            Self::PasswordChanged => "password_changed",
            Self::ConfirmNewEmail => "confirm_new_email",
            Self::EmailChangeRequested => "email_change_requested",
            Self::AccountDeleted => "account_deleted",
            Self::DataExportReady => "data_export_ready",
            Self::Notification => "notification",
            Self::MailingListConfirm => "mailing_list_confirm",
            Self::Newsletter => "newsletter",
            Self::Digest => "digest",
        }
    }
}

/// A letter in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Every template, by path.
const SOURCES: [(&str, &str); 23] = [
    ("en/layout.html", include_str!("templates/en/layout.html")),
    ("en/verify_email.txt", include_str!("templates/en/verify_email.txt")),
    ("en/verify_email.html", include_str!("templates/en/verify_email.html")),
    ("en/password_reset.txt", include_str!("templates/en/password_reset.txt")),
    ("en/password_reset.html", include_str!("templates/en/password_reset.html")),
    ("en/password_changed.txt", include_str!("templates/en/password_changed.txt")),
    ("en/password_changed.html", include_str!("templates/en/password_changed.html")),
    ("en/confirm_new_email.txt", include_str!("templates/en/confirm_new_email.txt")),
    ("en/confirm_new_email.html", include_str!("templates/en/confirm_new_email.html")),
    ("en/email_change_requested.txt", include_str!("templates/en/email_change_requested.txt")),
    ("en/email_change_requested.html", include_str!("templates/en/email_change_requested.html")),
    ("en/account_deleted.txt", include_str!("templates/en/account_deleted.txt")),
    ("en/account_deleted.html", include_str!("templates/en/account_deleted.html")),
    ("en/data_export_ready.txt", include_str!("templates/en/data_export_ready.txt")),
    ("en/data_export_ready.html", include_str!("templates/en/data_export_ready.html")),
    ("en/notification.txt", include_str!("templates/en/notification.txt")),
    ("en/notification.html", include_str!("templates/en/notification.html")),
    ("en/mailing_list_confirm.txt", include_str!("templates/en/mailing_list_confirm.txt")),
    ("en/mailing_list_confirm.html", include_str!("templates/en/mailing_list_confirm.html")),
    ("en/newsletter.txt", include_str!("templates/en/newsletter.txt")),
    ("en/newsletter.html", include_str!("templates/en/newsletter.html")),
    ("en/digest.txt", include_str!("templates/en/digest.txt")),
    ("en/digest.html", include_str!("templates/en/digest.html")),
];

/// The templates, ready to render.
pub struct Templates {
    env: Environment<'static>,
}

impl Templates {
    /// Loads every template; a template that does not parse is a start-up error.
    pub fn new() -> anyhow::Result<Self> {
        let mut env = Environment::new();
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        // Plain text keeps what it is given as it is; `.html` parts escape it.
        env.set_auto_escape_callback(minijinja::default_auto_escape_callback);
        for (name, source) in SOURCES {
            env.add_template(name, source)?;
        }
        Ok(Self { env })
    }

    /// `letter` in `language`, filled in with `context`.
    pub fn render(&self, language: Language, letter: Letter, context: impl Serialize) -> anyhow::Result<Rendered> {
        let context = minijinja::Value::from(minijinja::value::Serde(context));
        let path = |extension: &str| format!("{}/{}.{extension}", language.code(), letter.name());
        let text = self.env.get_template(&path("txt"))?.render(&context)?;
        let html = self.env.get_template(&path("html"))?.render(&context)?;
        let (first_line, body) = text.split_once('\n').unwrap_or((&text, ""));
        let subject = first_line
            .strip_prefix("Subject: ")
            .ok_or_else(|| anyhow::anyhow!("{} does not start with a Subject line", path("txt")))?;
        Ok(Rendered { subject: subject.trim().to_owned(), text: body.trim_start().to_owned(), html })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_letter_renders_in_every_language_and_html_parts_escape() -> anyhow::Result<()> {
        let templates = Templates::new()?;
        let context = serde_json::json!({
            "community": "Village", "public_url": "https://village.example", "name": "<Ana>",
            "link": "https://village.example/x?token=abc", "minutes": 30, "new_email": "ana@new.example",
            "how": "reset", "hours": 24, "line": "<Ana> replied", "kind": "reply to my thread",
            "unsubscribe_url": "https://village.example/email/unsubscribe/x",
            "subject": "<b>News</b>", "body": "Line one\n<script>x</script>",
            "period": "today", "threads": ["<Ana>'s thread: 3 new replies"], "mentions": 2, "going": [], "suggested": [],
        });
        for language in Language::ALL {
            for letter in Letter::ALL {
                let rendered = templates.render(language, letter, &context)?;
                assert!(!rendered.subject.is_empty(), "{letter:?} has a subject");
                assert!(!rendered.html.contains("<Ana>"), "{letter:?}'s HTML escapes what it is given");
            }
        }
        let verify = templates.render(Language::English, Letter::VerifyEmail, &context)?;
        assert!(verify.text.contains("<Ana>") && verify.text.contains("https://village.example/x?token=abc"));
        Ok(())
    }
}
