-- Email as a notification channel: a member's choice per kind (NULL keeps the kind's
-- default: on for event changes and cancellations, off for the rest). Kept in lockstep
-- with migrations/postgres/0019_email_notifications.sql.

ALTER TABLE notification_preferences ADD COLUMN email BOOLEAN;
