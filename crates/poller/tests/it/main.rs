//! Poller tests against the fake status-page server on 127.0.0.1: both dialects, an incident's
//! whole life, conditional requests, and every kind of bad answer.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_answers;
mod life;
mod platforms;
mod platforms_big_vendors;
mod platforms_custom;
mod platforms_stripe;
mod probing;
mod quiet;
mod unvalidated;
mod watching;

use chrono::{DateTime, TimeZone, Utc};
use lookout_core::FixedClock;
use lookout_poller::{EventsStored, FetchConfig, Fetcher, PollConfig, Refresh, SharedStore, Watch};
use lookout_store::Store;
use std::sync::Arc;
use std::time::Duration;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap()
}

pub fn clock() -> FixedClock {
    FixedClock::new(t0())
}

pub fn fetcher() -> Fetcher {
    Fetcher::new(FetchConfig {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_millis(1500),
        max_body_bytes: 4 * 1024 * 1024,
    })
    .unwrap()
}

/// Adds a Statuspage provider named "Acme" at `url`; returns its id.
pub fn add_acme(store: &mut Store, url: String, at: DateTime<Utc>) -> lookout_core::ProviderId {
    store
        .add_provider(
            &lookout_store::NewProvider {
                name: "Acme".into(),
                url,
                platform: lookout_core::Platform::Statuspage,
                poll_interval_secs: 60,
            },
            at,
        )
        .unwrap()
        .id
}

/// Adds the provider `detect` found, polled every minute.
pub fn add_detected(
    store: &mut Store,
    detected: &lookout_poller::Detected,
    at: DateTime<Utc>,
) -> lookout_store::Provider {
    let new = lookout_store::NewProvider {
        name: detected.name(),
        url: detected.base.to_string(),
        platform: detected.platform,
        poll_interval_secs: 60,
    };
    store.add_provider(&new, at).unwrap()
}

pub fn shared(store: Store) -> SharedStore {
    SharedStore::new(store)
}

/// A watch loop's set-up over `store` for a test that moves `clock` by hand: the loop sleeps at
/// most a second, so it notices within one.
pub fn hand_clocked(store: SharedStore, clock: Arc<FixedClock>, refresh: Refresh) -> Watch {
    Watch {
        store,
        fetcher: fetcher(),
        clock: clock as Arc<dyn lookout_core::Clock>,
        config: PollConfig {
            longest_sleep: Duration::from_secs(1),
            ..PollConfig::default()
        },
        refresh,
        events: EventsStored::default(),
    }
}
