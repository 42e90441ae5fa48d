//! The incident-life scenario recorded straight into a store, without HTTP: for tests of what is
//! built on stored history (the window's views, notifications, alerts). Panics on a store error,
//! as test fixtures do.
#![allow(clippy::expect_used)]

use crate::scenario::incident_life;
use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::diff::Observation;
use lookout_core::{Event, Platform, ProviderId};
use lookout_store::{NewProbe, NewProvider, Store};

/// When the scenario's incident opens: Monday 1 June 2026, 12:00 UTC.
pub fn base() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0)
        .single()
        .expect("a valid date")
}

/// `minutes` after [`base`].
pub fn at(minutes: i64) -> DateTime<Utc> {
    base() + Duration::minutes(minutes)
}

/// Adds a Statuspage provider named `name` (at `https://status.<name>.test`), two hours before
/// [`base`]; returns its id.
pub fn add(store: &mut Store, name: &str) -> ProviderId {
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
        .expect("the provider is added")
        .id
}

/// Saves what the page shows at `stage` of the incident's life (0 calm, 1 investigating with
/// the API degraded, 2 identified with the API in partial outage, 3 resolved), seen at `when`;
/// returns the new events.
pub fn observe(
    store: &mut Store,
    id: ProviderId,
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
        .expect("the observation is saved")
}

/// A probe of `provider` whose URL carries a password and an API key
/// (`http://alice:S3cret@127.0.0.1:<port>/h?api_key=K3yValue`), expecting 2xx every 30 s: for
/// tests that no secret of a probe's URL is recorded, shown or sent.
pub fn probe_with_secrets(provider: ProviderId, port: u16) -> NewProbe {
    NewProbe {
        provider_id: provider,
        url: format!("http://alice:S3cret@127.0.0.1:{port}/h?api_key=K3yValue"),
        every_secs: 30,
        expect: lookout_core::probe::Expect::Class(2),
        contains: None,
        timeout_secs: 5,
        allow_private: false,
    }
}
