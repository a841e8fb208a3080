//! Quiet hours: windows of her own local time (bedtime 18:30–20:30, night 22:00–07:00)
//! when her phone should not buzz. A push due in a window is held and goes out, with
//! any others held, when the window ends — an end her time zone's rules decide, so a
//! night across a change to or from summer time still ends at 07:00 on her clock.

use std::collections::HashMap;
use std::str::FromStr;

use chrono::{DateTime, LocalResult, NaiveDateTime, NaiveTime, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;
use uuid::Uuid;

use crate::clock;
use crate::db::{Db, placeholder_list};
use crate::error::AppError;
use crate::on_db;

/// Windows one member may set.
pub const MAX_WINDOWS: usize = 4;

/// A daily window of local time; one whose end comes before its start runs past midnight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Window {
    /// A window from "HH:MM" to "HH:MM"; `None` unless both are times and they differ.
    pub fn parse(start: &str, end: &str) -> Option<Self> {
        let parse = |text: &str| NaiveTime::parse_from_str(text, "%H:%M").ok();
        let window = Self { start: parse(start)?, end: parse(end)? };
        (window.start != window.end).then_some(window)
    }

    /// Whether the wall-clock time `time` falls in the window (its end excluded).
    fn contains(&self, time: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= time && time < self.end
        } else {
            self.start <= time || time < self.end
        }
    }
}

/// Her quiet hours.
#[derive(Debug, Clone, PartialEq)]
pub struct QuietHours {
    pub time_zone: Tz,
    pub windows: Vec<Window>,
}

impl QuietHours {
    /// When the quiet that `now` falls in ends (windows that meet or overlap run on as
    /// one); `None` when `now` is not quiet.
    pub fn ends_after(&self, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let mut end = None;
        let mut at = now;
        for _ in 0..self.windows.len() {
            let local = at.with_timezone(&self.time_zone);
            let Some(window) = self.windows.iter().find(|window| window.contains(local.time())) else {
                break;
            };
            let day =
                if window.end > local.time() { local.date_naive() } else { local.date_naive() + TimeDelta::days(1) };
            at = first_instant_after(self.time_zone, day.and_time(window.end), at);
            end = Some(at);
        }
        end
    }

    fn windows_text(&self) -> String {
        let text = |window: &Window| format!("{}-{}", window.start.format("%H:%M"), window.end.format("%H:%M"));
        self.windows.iter().map(text).collect::<Vec<_>>().join(",")
    }

    fn from_stored(time_zone: &str, windows: &str) -> Option<Self> {
        let windows = windows
            .split(',')
            .filter(|part| !part.is_empty())
            .map(|part| part.split_once('-').and_then(|(start, end)| Window::parse(start, end)))
            .collect::<Option<Vec<_>>>()?;
        Some(Self { time_zone: Tz::from_str(time_zone).ok()?, windows })
    }
}

/// The first instant after `now` whose wall clock in `zone` reads `local`: of two when
/// clocks go back, the earlier unless it has passed; the moment they jump when clocks
/// skip over it.
fn first_instant_after(zone: Tz, local: NaiveDateTime, now: DateTime<Utc>) -> DateTime<Utc> {
    let mut wall = local;
    // Clocks skip at most a few hours; a minute at a time finds where they land.
    for _ in 0..=24 * 60 {
        match zone.from_local_datetime(&wall) {
            LocalResult::Single(instant) => return instant.to_utc(),
            LocalResult::Ambiguous(earlier, _) if earlier.to_utc() > now => return earlier.to_utc(),
            LocalResult::Ambiguous(_, later) => return later.to_utc(),
            LocalResult::None => wall += TimeDelta::minutes(1),
        }
    }
    local.and_utc()
}

/// Checks what she asked for: an IANA time zone and up to `MAX_WINDOWS` windows.
pub fn check(time_zone: &str, windows: &[(String, String)]) -> Result<QuietHours, AppError> {
    let time_zone = Tz::from_str(time_zone)
        .map_err(|_| AppError::bad_input("timeZone", "not an IANA time zone, e.g. Europe/London"))?;
    if windows.len() > MAX_WINDOWS {
        return Err(AppError::bad_input("windows", format!("at most {MAX_WINDOWS} windows")));
    }
    let windows = windows
        .iter()
        .map(|(start, end)| Window::parse(start, end))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| AppError::bad_input("windows", "each window is two different times, \"HH:MM\""))?;
    Ok(QuietHours { time_zone, windows })
}

/// Her quiet hours, if she set any.
pub async fn of_member(db: &Db, member: Uuid) -> Result<Option<QuietHours>, sqlx::Error> {
    Ok(of_members(db, &[member]).await?.remove(&member))
}

/// The quiet hours of those of `members` who set any.
pub async fn of_members(db: &Db, members: &[Uuid]) -> Result<HashMap<Uuid, QuietHours>, sqlx::Error> {
    if members.is_empty() {
        return Ok(HashMap::new());
    }
    let sql = format!(
        "SELECT member_id, time_zone, windows FROM quiet_hours WHERE member_id IN ({})",
        placeholder_list(1, members.len())
    );
    let rows: Vec<(Uuid, String, String)> = on_db!(db, pool => {
        let mut query = sqlx::query_as(&sql).persistent(false);
        for member in members {
            query = query.bind(member);
        }
        query.fetch_all(pool).await
    })?;
    let stored = rows
        .into_iter()
        .filter_map(|(member, zone, windows)| Some((member, QuietHours::from_stored(&zone, &windows)?)));
    Ok(stored.collect())
}

/// Replaces her quiet hours (no windows: none).
pub async fn set(db: &Db, member: Uuid, quiet: &QuietHours) -> Result<(), sqlx::Error> {
    const SQL: &str = "INSERT INTO quiet_hours (member_id, time_zone, windows, updated_at) VALUES ($1, $2, $3, $4) \
                       ON CONFLICT (member_id) DO UPDATE SET time_zone = excluded.time_zone, \
                       windows = excluded.windows, updated_at = excluded.updated_at";
    on_db!(db, pool => sqlx::query(SQL)
        .bind(member)
        .bind(quiet.time_zone.name())
        .bind(quiet.windows_text())
        .bind(clock::now())
        .execute(pool)
        .await
        .map(drop))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        DateTime::parse_from_rfc3339(text).map(|t| t.to_utc()).unwrap_or_default()
    }

    fn quiet(zone: &str, windows: &[(&str, &str)]) -> QuietHours {
        let windows: Vec<(String, String)> = windows.iter().map(|(a, b)| ((*a).to_owned(), (*b).to_owned())).collect();
        check(zone, &windows).unwrap_or_else(|error| panic!("{error}"))
    }

    #[test]
    fn a_bedtime_window_holds_until_it_ends_and_not_outside_it() {
        let bedtime = quiet("Europe/London", &[("18:30", "20:30")]);
        // 19:00 BST on a summer evening is 18:00 UTC.
        assert_eq!(bedtime.ends_after(utc("2026-07-01T18:00:00Z")), Some(utc("2026-07-01T19:30:00Z")));
        assert_eq!(bedtime.ends_after(utc("2026-07-01T19:30:00Z")), None, "20:30 itself is no longer quiet");
        assert_eq!(bedtime.ends_after(utc("2026-07-01T12:00:00Z")), None);
    }

    #[test]
    fn a_night_window_runs_past_midnight() {
        let night = quiet("America/New_York", &[("22:00", "07:00")]);
        // 23:00 EST is 04:00 UTC the next day; 07:00 EST is 12:00 UTC.
        assert_eq!(night.ends_after(utc("2026-01-15T04:00:00Z")), Some(utc("2026-01-15T12:00:00Z")));
        // 05:00 EST, after midnight.
        assert_eq!(night.ends_after(utc("2026-01-15T10:00:00Z")), Some(utc("2026-01-15T12:00:00Z")));
    }

    #[test]
    fn a_night_across_the_spring_change_ends_at_seven_on_the_new_clock() {
        // Clocks in New York go from 02:00 EST to 03:00 EDT on 8 March 2026. 22:00 EST on
        // the 7th is 03:00 UTC on the 8th; 07:00 EDT is 11:00 UTC, not 12:00.
        let night = quiet("America/New_York", &[("22:00", "07:00")]);
        assert_eq!(night.ends_after(utc("2026-03-08T03:00:00Z")), Some(utc("2026-03-08T11:00:00Z")));
    }

    #[test]
    fn a_night_across_the_autumn_change_ends_at_seven_on_the_old_clock() {
        // Clocks in London go from 02:00 BST back to 01:00 GMT on 25 October 2026: 22:00
        // BST is 21:00 UTC, and 07:00 GMT is 07:00 UTC — ten hours on the wall, eleven real.
        let night = quiet("Europe/London", &[("22:00", "07:00")]);
        assert_eq!(night.ends_after(utc("2026-10-24T21:00:00Z")), Some(utc("2026-10-25T07:00:00Z")));
    }

    #[test]
    fn a_window_ending_in_the_skipped_hour_ends_when_the_clocks_jump() {
        let late = quiet("America/New_York", &[("01:00", "02:30")]);
        // 01:30 EST is 06:30 UTC; 02:30 never happens, the clocks jump at 07:00 UTC.
        assert_eq!(late.ends_after(utc("2026-03-08T06:30:00Z")), Some(utc("2026-03-08T07:00:00Z")));
    }

    #[test]
    fn a_window_ending_in_the_repeated_hour_ends_on_its_second_pass_if_the_first_is_over() {
        // London repeats 01:00–02:00 on 25 October 2026 (first BST, then GMT). A window to
        // 01:30: asked at 01:10 GMT (the second pass, 01:10 UTC), it ends at 01:30 GMT.
        let late = quiet("Europe/London", &[("00:30", "01:30")]);
        assert_eq!(late.ends_after(utc("2026-10-25T01:10:00Z")), Some(utc("2026-10-25T01:30:00Z")));
        // Asked at 00:40 BST (23:40 UTC), the first 01:30 (00:30 UTC) is still ahead.
        assert_eq!(late.ends_after(utc("2026-10-24T23:40:00Z")), Some(utc("2026-10-25T00:30:00Z")));
    }

    #[test]
    fn windows_that_meet_run_on_as_one() {
        let evening = quiet("UTC", &[("18:30", "20:30"), ("20:30", "22:00")]);
        assert_eq!(evening.ends_after(utc("2026-05-01T19:00:00Z")), Some(utc("2026-05-01T22:00:00Z")));
    }

    #[test]
    fn unknown_zones_and_malformed_windows_are_refused() {
        assert!(check("Mars/Olympus", &[]).is_err());
        assert!(check("UTC", &[("25:00".into(), "07:00".into())]).is_err());
        assert!(check("UTC", &[("07:00".into(), "07:00".into())]).is_err());
        let five = vec![("01:00".to_owned(), "02:00".to_owned()); 5];
        assert!(check("UTC", &five).is_err());
    }

    #[test]
    fn stored_text_reads_back_the_same() {
        let hours = quiet("Europe/Berlin", &[("18:30", "20:30"), ("22:00", "07:00")]);
        assert_eq!(QuietHours::from_stored("Europe/Berlin", &hours.windows_text()), Some(hours));
    }
}
