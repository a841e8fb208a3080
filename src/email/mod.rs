//! Email: each message a write owes is rendered from its templates and recorded in the
//! `outgoing_emails` outbox inside the write's own transaction, with a `SEND_EMAIL` job,
//! so a committed request never loses its email and none is sent from inside a request.
//! The job sends it through SMTP — or, with no SMTP server configured, writes it as an
//! `.eml` file under `<data-dir>/mail/` and logs its links — at most once: a message is
//! claimed before it goes, as pushes are. Email that is not about her account carries a
//! one-click unsubscribe link (RFC 8058).

mod jobs;
mod outbox;
mod store;
mod templates;
mod transport;
mod unsubscribe;

pub use jobs::{EmailHousekeeping, SendEmails};
pub use outbox::{Postbox, Recipient};
pub use store::forget_unsent_to;
pub use templates::{Language, Letter};
pub use transport::Mailer;
pub use unsubscribe::Unsubscribes;
