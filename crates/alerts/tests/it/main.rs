//! Integration tests of the alert layer: the policy (rules, quiet hours, snooze, severity,
//! coalescing, offline) over a real store, a state-machine property test of "at most once per
//! sink, at least once to webhooks", and delivery to a local receiver that fails then recovers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod delivery;
mod passes;
mod property;

use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::{Event, Platform};
use lookout_fake_status_server::scenario::incident_life;
use lookout_store::{NewProvider, Store};

/// When the scenario's incident opens: Monday 1 June 2026, 12:00 UTC.
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
            at(-120),
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
