//! Integration tests of the desktop crate: what the window and tray show across an incident's
//! life, which notifications are sent (once, filtered, grouped), and adding a provider from a
//! preview served by the fake status-page server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adding;
mod notifications;
mod views;

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::{Event, Platform};
use lookout_fake_status_server::scenario::incident_life;
use lookout_store::{NewProvider, Store};

/// When the scenario's incident opens.
pub fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

/// `minutes` after [`base`].
pub fn at(minutes: i64) -> DateTime<Utc> {
    base() + Duration::minutes(minutes)
}

/// Adds a provider named `name`.
pub fn add(store: &mut Store, name: &str) -> i64 {
    store
        .add_provider(
            &NewProvider {
                name: name.into(),
                url: format!("https://status.{}.test", name.to_lowercase()),
                platform: Platform::Statuspage,
                poll_interval_secs: 60,
            },
            at(-60),
        )
        .unwrap()
        .id
}

/// Saves what the page shows at `stage` of the incident-life scenario (0 calm, 1 investigating
/// with API degraded, 2 identified with API partial outage, 3 resolved), observed at `when`.
pub fn observe(
    store: &mut Store,
    id: i64,
    name: &str,
    stage: u8,
    when: DateTime<Utc>,
) -> Vec<Event> {
    let observation = Observation {
        snapshot: incident_life(stage, base()),
        maintenances_complete: true,
    };
    store
        .apply_observation(id, name, &observation, when)
        .unwrap()
}
