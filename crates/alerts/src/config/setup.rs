//! The configuration as values that compare: what the database holds now and what a file asks
//! for, in one shape (sinks named, not numbered; snoozes and pauses that have lapsed dropped), so
//! that the difference between the two is what applying the file changes.

use super::services::ServicePlaces;
use crate::error::Result;
use crate::rules::{AlertSettings, EventChoices, ProviderRules, QuietHours};
use chrono::{DateTime, SubsecRound, Utc};
use lookout_core::probe::Expect;
use lookout_core::services::ServiceSpec;
use lookout_core::{ComponentStatus, Platform};
use lookout_store::{Store, StoredSink};

/// The whole configuration.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Setup {
    /// Which changes alert by default.
    pub events: EventChoices,
    /// A pause still running.
    pub paused_until: Option<DateTime<Utc>>,
    /// Quiet hours.
    pub quiet_hours: Option<QuietHours>,
    /// Minutes before a maintenance starts its reminder comes (0: none).
    pub remind_before_minutes: u32,
    /// Sinks, by name.
    pub sinks: Vec<SinkSetup>,
    /// Providers, by name.
    pub providers: Vec<ProviderSetup>,
    /// Probes, by provider and URL.
    pub probes: Vec<ProbeSetup>,
    /// Your services, in the file's order.
    pub services: Vec<ServiceSpec>,
    /// Where the file wrote its services' component names (none for the database's own).
    pub service_places: ServicePlaces,
    /// Whether its probes may ask link-local and cloud metadata addresses (said by whoever
    /// applies it, `--allow-private`, never by a file; false for the database's own).
    pub allow_private: bool,
}

/// One sink, its URL and secret resolved.
#[derive(Clone, PartialEq, Eq)]
pub struct SinkSetup {
    /// Its kind's stored word.
    pub kind: String,
    /// Its name.
    pub name: String,
    /// Its URL (a secret).
    pub url: String,
    /// The environment variable the URL comes from.
    pub url_env: Option<String>,
    /// Its signing secret.
    pub secret: Option<String>,
    /// The environment variable the secret comes from.
    pub secret_env: Option<String>,
}

impl std::fmt::Debug for SinkSetup {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SinkSetup")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("url_env", &self.url_env)
            .field("secret_env", &self.secret_env)
            .finish_non_exhaustive()
    }
}

/// One provider with its watched components and rules.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderSetup {
    /// Its name.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Its platform.
    pub platform: Platform,
    /// Seconds between polls.
    pub interval: u32,
    /// Watched component ids, sorted (every component when empty).
    pub components: Vec<String>,
    /// Its rules.
    pub rules: RulesSetup,
}

/// A provider's rules, with sinks by name (`os` or a sink's name).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RulesSetup {
    /// Its own event choice.
    pub events: Option<EventChoices>,
    /// Its minimum severity.
    pub min_severity: Option<ComponentStatus>,
    /// Where its alerts go.
    pub sinks: Option<Vec<String>>,
    /// A snooze still running.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Snoozed until its incidents are resolved.
    pub snoozed_until_resolved: bool,
}

/// One probe.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ProbeSetup {
    /// Its provider's name.
    pub provider: String,
    /// What it requests.
    pub url: String,
    /// Seconds between runs.
    pub every: u32,
    /// The status expected.
    pub expect: Expect,
    /// Text the answer must hold.
    pub contains: Option<String>,
    /// Seconds before a run fails.
    pub timeout: u32,
}

/// A time still to come (to the second, as a file writes it), or none.
pub(crate) fn lasting(at: Option<DateTime<Utc>>, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    at.filter(|at| *at > now).map(|at| at.trunc_subsecs(0))
}

/// The configuration the database holds at `now`.
pub fn current(store: &Store, now: DateTime<Utc>) -> Result<Setup> {
    let settings = AlertSettings::load(store)?;
    let stored_sinks = store.sinks()?;
    Ok(Setup {
        events: settings.events,
        paused_until: lasting(settings.paused_until, now),
        quiet_hours: settings.quiet_hours,
        remind_before_minutes: settings.remind_before_minutes,
        sinks: sink_setups(&stored_sinks),
        providers: provider_setups(store, &stored_sinks, now)?,
        probes: probe_setups(store)?,
        services: store.services()?,
        service_places: ServicePlaces::default(),
        allow_private: false,
    })
}

/// The providers the database holds, their rules' sinks by name.
fn provider_setups(
    store: &Store,
    stored_sinks: &[StoredSink],
    now: DateTime<Utc>,
) -> Result<Vec<ProviderSetup>> {
    let sink_name = |ledger: &String| {
        if ledger == crate::OS_SINK {
            return Some(ledger.clone());
        }
        stored_sinks
            .iter()
            .find(|s| s.ledger_name() == *ledger)
            .map(|s| s.name.clone())
    };
    let mut providers = Vec::new();
    for p in store.providers()? {
        let rules = ProviderRules::load(store, p.id)?;
        providers.push(ProviderSetup {
            components: store.watched_components(p.id)?,
            rules: RulesSetup {
                events: rules.events,
                min_severity: rules.min_severity,
                // A removed sink's name is gone from its rules.
                sinks: rules
                    .sinks
                    .map(|sinks| sinks.iter().filter_map(sink_name).collect()),
                snoozed_until: lasting(rules.snoozed_until, now),
                snoozed_until_resolved: rules.snoozed_until_resolved,
            },
            name: p.name,
            url: p.url,
            platform: p.platform,
            interval: p.poll_interval_secs,
        });
    }
    Ok(providers)
}

/// The sinks the database holds, by name.
fn sink_setups(stored_sinks: &[StoredSink]) -> Vec<SinkSetup> {
    let mut sinks: Vec<SinkSetup> = stored_sinks
        .iter()
        .map(|s| SinkSetup {
            kind: s.kind.clone(),
            name: s.name.clone(),
            url: s.url.clone(),
            url_env: s.url_env.clone(),
            secret: s.secret.clone().filter(|s| !s.is_empty()),
            secret_env: s.secret_env.clone(),
        })
        .collect();
    sinks.sort_by_key(|s| s.name.to_lowercase());
    sinks
}

/// The probes the database holds, by provider and URL.
fn probe_setups(store: &Store) -> Result<Vec<ProbeSetup>> {
    let mut probes: Vec<ProbeSetup> = store
        .probes(None)?
        .into_iter()
        .map(|p| ProbeSetup {
            provider: p.provider,
            url: p.url,
            every: p.every_secs,
            expect: p.expect,
            contains: p.contains,
            timeout: p.timeout_secs,
        })
        .collect();
    sort_probes(&mut probes);
    Ok(probes)
}

/// Probes in the order both sides list them: by provider, then URL.
pub(crate) fn sort_probes(probes: &mut [ProbeSetup]) {
    probes.sort_by(|a, b| {
        (a.provider.to_lowercase(), &a.url).cmp(&(b.provider.to_lowercase(), &b.url))
    });
}
