//! What makes a native app's registration acceptable: a transport this server sends
//! by, a token shaped as that service issues them (FCM: up to 4 KiB of URL-safe
//! characters; APNs: hex), an app id (the package or bundle id; for APNs, the one this
//! server pushes to) and, for APNs, which environment the build uses.

use super::PushConfig;
use super::device::{PushEnvironment, PushTransport};
use crate::error::AppError;

const MAX_FCM_TOKEN_CHARS: usize = 4096;
/// APNs tokens are 32 bytes today; Apple says they may grow, so some room.
const APNS_TOKEN_HEX_DIGITS: std::ops::RangeInclusive<usize> = 64..=200;
const MAX_APP_ID_CHARS: usize = 255;
/// The longest device name kept (longer ones are cut).
pub const MAX_NAME_CHARS: usize = 100;

/// A native app's registration, checked.
#[derive(Debug, Clone)]
pub struct ValidNativeDevice {
    pub transport: PushTransport,
    pub token: String,
    pub app_id: String,
    /// APNs only.
    pub environment: Option<PushEnvironment>,
    pub name: Option<String>,
}

/// What a client sent.
pub struct NativeRegistration<'a> {
    pub transport: PushTransport,
    pub token: &'a str,
    pub app_id: &'a str,
    pub environment: Option<PushEnvironment>,
    pub name: Option<&'a str>,
}

impl ValidNativeDevice {
    /// Checks `registration` against what this server can push to.
    pub fn check(registration: NativeRegistration<'_>, config: &PushConfig) -> Result<Self, AppError> {
        let transport = registration.transport;
        let enabled = match transport {
            PushTransport::WebPush => {
                return Err(AppError::bad_input(
                    "transport",
                    "Web Push devices register with registerPushSubscription",
                ));
            }
            PushTransport::Fcm => config.fcm.is_some(),
            PushTransport::Apns => config.apns.is_some(),
        };
        if !enabled {
            return Err(AppError::bad_input("transport", format!("this server does not send {transport:?} pushes")));
        }
        let app_id = valid_app_id(registration.app_id)?;
        if let Some(apns) = config.apns.as_ref().filter(|_| transport == PushTransport::Apns)
            && app_id != apns.topic
        {
            return Err(AppError::bad_input("appId", "this server pushes to another iOS app (its bundle id differs)"));
        }
        let environment = match (transport, registration.environment) {
            (PushTransport::Apns, environment) => Some(environment.unwrap_or(PushEnvironment::Production)),
            (_, None | Some(PushEnvironment::Production)) => None,
            (_, Some(PushEnvironment::Sandbox)) => {
                return Err(AppError::bad_input("environment", "only APNs devices have a SANDBOX environment"));
            }
        };
        Ok(Self {
            transport,
            token: valid_token(transport, registration.token)?,
            app_id,
            environment,
            name: registration.name.and_then(|name| device_name(name, MAX_NAME_CHARS)),
        })
    }
}

fn valid_token(transport: PushTransport, token: &str) -> Result<String, AppError> {
    let token = token.trim();
    if transport == PushTransport::Apns {
        let hex = token.len().is_multiple_of(2) && token.chars().all(|c| c.is_ascii_hexdigit());
        if !hex || !APNS_TOKEN_HEX_DIGITS.contains(&token.len()) {
            return Err(AppError::bad_input("token", "an APNs device token is 64 to 200 hex digits"));
        }
        return Ok(token.to_ascii_lowercase());
    }
    let url_safe = token.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'));
    if token.is_empty() || token.len() > MAX_FCM_TOKEN_CHARS || !url_safe {
        return Err(AppError::bad_input("token", "an FCM registration token is up to 4096 URL-safe characters"));
    }
    Ok(token.to_owned())
}

fn valid_app_id(app_id: &str) -> Result<String, AppError> {
    let app_id = app_id.trim();
    let shaped = app_id.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'));
    if app_id.is_empty() || app_id.len() > MAX_APP_ID_CHARS || !shaped {
        return Err(AppError::bad_input("appId", "the app's package or bundle id, e.g. org.village.app"));
    }
    Ok(app_id.to_owned())
}

/// A device's name as shown in her device list: trimmed, no control characters, at
/// most `max` characters; `None` when nothing is left.
pub fn device_name(name: &str, max: usize) -> Option<String> {
    let name: String = name.trim().chars().filter(|c| !c.is_control()).take(max).collect();
    (!name.is_empty()).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_shaped_as_their_service_issues_them() {
        let apns = "a1".repeat(32);
        assert_eq!(valid_token(PushTransport::Apns, &apns.to_uppercase()).ok(), Some(apns));
        assert!(valid_token(PushTransport::Apns, &"a".repeat(63)).is_err(), "odd length");
        assert!(valid_token(PushTransport::Apns, &"g".repeat(64)).is_err(), "not hex");
        assert!(valid_token(PushTransport::Fcm, "dXk2:APA91bH-x_y.z").is_ok());
        assert!(valid_token(PushTransport::Fcm, "").is_err());
        assert!(valid_token(PushTransport::Fcm, "a b").is_err());
        assert!(valid_token(PushTransport::Fcm, &"a".repeat(4097)).is_err());
    }

    #[test]
    fn names_are_cleaned_and_cut() {
        assert_eq!(device_name("  Ana's\u{0007} iPhone ", 100).as_deref(), Some("Ana's iPhone"));
        assert_eq!(device_name("\n", 100), None);
        assert_eq!(device_name(&"é".repeat(150), 100).map(|name| name.chars().count()), Some(100));
    }
}
