//! The API suite: one test binary driving real servers over HTTP and WebSocket, on
//! SQLite by default and on PostgreSQL + Redis when their test URLs are set.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed expectation is a failed test

mod account_deletion;
mod accounts;
mod anonymous;
mod cli;
mod coffee_chats;
mod data_export;
mod digests;
mod email_accounts;
mod email_notifications;
mod events;
mod fault_drills;
mod fuzz;
mod groups;
mod job_board;
mod live_access;
mod mailing_list;
mod members;
mod message_pushes;
mod messages;
mod moderation;
mod native_push;
mod notifications;
mod ops;
mod platform;
mod programs;
mod push;
mod push_delivery;
mod realtime;
mod resources;
mod seed;
mod suggestions;
mod support;
mod surveys;
mod threads;
mod trusted_documents;
mod websocket_caps;
mod write_limits;
