//! The kinds of device a member registers: by which transport it receives pushes,
//! and for iOS builds, which APNs they use.

use async_graphql::Enum;
use serde::{Deserialize, Serialize};

use crate::db::text_enum::from_text;

/// How a device receives pushes.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PushTransport {
    /// A browser or home-screen web app (RFC 8030), registered with `registerPushSubscription`.
    WebPush,
    /// Firebase Cloud Messaging: Android, and iOS apps that use Firebase.
    Fcm,
    /// Apple Push Notification service: iOS apps.
    Apns,
}

impl TryFrom<String> for PushTransport {
    type Error = anyhow::Error;

    fn try_from(text: String) -> anyhow::Result<Self> {
        from_text(&text)
    }
}

/// Which APNs an iOS build is registered with.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PushEnvironment {
    /// App Store and TestFlight builds.
    Production,
    /// Development builds run from Xcode.
    Sandbox,
}
