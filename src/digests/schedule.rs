//! When a digest is due: the next time her local clock shows her hour (on a Monday, for
//! a weekly one), in the time zone of her quiet hours, else her profile's, else UTC.

use async_graphql::Enum;
use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Utc, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

/// How often she wants a digest.
#[derive(Enum, Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum DigestFrequency {
    None,
    Daily,
    Weekly,
}

impl DigestFrequency {
    /// How far back a digest looks.
    pub fn period(self) -> Duration {
        match self {
            Self::Weekly => Duration::days(7),
            Self::Daily | Self::None => Duration::days(1),
        }
    }
}

/// The first time after `after` that it is `hour`:00 in `zone` (a Monday, if weekly).
pub fn next_due(frequency: DigestFrequency, hour: u32, zone: Tz, after: DateTime<Utc>) -> DateTime<Utc> {
    let local = after.with_timezone(&zone).date_naive();
    let at = NaiveTime::from_hms_opt(hour.min(23), 0, 0).unwrap_or(NaiveTime::MIN);
    (0..=8)
        .map(|days| local + Duration::days(days))
        .filter(|day| frequency != DigestFrequency::Weekly || day.weekday() == Weekday::Mon)
        .filter_map(|day| zone.from_local_datetime(&day.and_time(at)).earliest())
        .map(|when| when.with_timezone(&Utc))
        .find(|when| *when > after)
        // A day whose hour a clock change skipped: an hour later.
        .unwrap_or(after + Duration::hours(1))
}

/// The time zone named `name`, UTC when none or unknown.
pub fn zone(name: Option<&str>) -> Tz {
    name.and_then(|name| name.parse().ok()).unwrap_or(Tz::UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_is_due_at_her_next_local_hour_and_weekly_on_mondays() {
        let toronto: Tz = "America/Toronto".parse().unwrap();
        // Tuesday 2026-12-01 12:00 UTC = 07:00 in Toronto.
        let now = Utc.with_ymd_and_hms(2026, 12, 1, 12, 0, 0).unwrap();
        assert_eq!(
            next_due(DigestFrequency::Daily, 8, toronto, now),
            Utc.with_ymd_and_hms(2026, 12, 1, 13, 0, 0).unwrap()
        );
        assert_eq!(
            next_due(DigestFrequency::Daily, 6, toronto, now),
            Utc.with_ymd_and_hms(2026, 12, 2, 11, 0, 0).unwrap()
        );
        assert_eq!(
            next_due(DigestFrequency::Weekly, 8, toronto, now),
            Utc.with_ymd_and_hms(2026, 12, 7, 13, 0, 0).unwrap()
        );
        assert_eq!(zone(Some("Not/AZone")), Tz::UTC);
    }
}
