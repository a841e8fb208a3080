//! Village: the backend of a community app for working mothers. The binary's commands
//! and the tests all enter through [`launch`] / [`App`].

pub mod accounts;
pub mod auth;
pub mod clock;
pub mod coffee_chats;
pub mod config;
pub mod db;
pub mod digests;
pub mod email;
pub mod error;
pub mod events;
pub mod graphql;
pub mod groups;
pub mod http;
pub mod idempotency;
pub mod job_board;
pub mod jobs;
pub mod mailing_list;
pub mod members;
pub mod membership;
pub mod messages;
pub mod moderation;
pub mod moderation_log;
pub mod notifications;
pub mod programs;
pub mod push;
pub mod rate_limits;
pub mod realtime;
pub mod resources;
pub mod schema;
pub mod secrets;
pub mod seed;
pub mod server;
pub mod suggestions;
pub mod surveys;
pub mod telemetry;
pub mod text;
pub mod threads;
pub mod viewer;

pub use server::{App, launch};

/// jemalloc rather than glibc's allocator: after a soak glibc kept the space the load
/// had freed (104 MiB held, 13 MiB live), while jemalloc gives unused pages back to the
/// system within seconds (75 MiB; BENCHMARKS.md). It is also the process's `malloc`
/// (Cargo.toml's `unprefixed_malloc…` feature), so SQLite's allocations, made from 16
/// connection threads at once, no longer contend in glibc's arenas: a SQLite thread
/// page of 20 replies costs ~15 % less CPU.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
