//! Provider operations: find a status page and watch it (its published history stored with it),
//! read one once without storing it, list the providers with what every view shows of them
//! (their boards, and in detail with open incidents and maintenances), choose the components
//! watched, remove one.

use crate::{EngineError, Lookout};
use chrono::{DateTime, Utc};
use lookout_alerts::ProviderRules;
use lookout_core::provider_status::Unknown;
use lookout_core::{
    Clock, Component, ComponentStatus, IncidentRef, Maintenance, Observation, ProviderId,
};
use lookout_poller::Fetcher;
use lookout_poller::{detect, find, read_history, read_page};
pub use lookout_poller::{Detected, Found, PageRead, PollError};
use lookout_store::{IncidentFilter, ProviderReads, Store, StoreError, StoredIncident};
pub use lookout_store::{NewProvider, PollState, Provider, SuspectedNow};
use std::collections::HashMap;

/// One provider as `lookout list` and `/metrics` show it.
#[derive(Debug, Clone)]
pub struct ProviderBoard {
    /// The provider.
    pub provider: Provider,
    /// Its status by the one status rule, at the time asked.
    pub status: ComponentStatus,
    /// Why it is `unknown`, when it is.
    pub unknown: Option<Unknown>,
    /// Its last polls' outcome.
    pub state: PollState,
    /// A suspected outage (Lookout's probes failing while the page says all is well).
    pub suspected: Option<SuspectedNow>,
    /// Its stored components, in page order.
    pub components: Vec<Component>,
    /// The ids of the components watched (empty: all).
    pub watched: Vec<String>,
}

/// One provider with everything its card and its page show: its board, its incidents not yet
/// over and its maintenances (every one stored: which are still to come is the view's to say),
/// and what the user set on it (its alert rules and snooze, the incidents followed).
#[derive(Debug, Clone)]
pub struct ProviderDetail {
    /// Its status, poll state, suspicion and components.
    pub board: ProviderBoard,
    /// Its incidents not yet resolved, newest first, each with its whole timeline.
    pub active_incidents: Vec<StoredIncident>,
    /// Its maintenances as stored.
    pub maintenances: Vec<Maintenance>,
    /// Its alert rules, snooze included (defaults when none were chosen).
    pub rules: ProviderRules,
    /// The ids of its incidents not yet resolved that the user follows.
    pub followed: Vec<String>,
}

/// A provider just added, with what was found on the way.
#[derive(Debug)]
pub struct Added {
    /// The provider as stored.
    pub provider: Provider,
    /// What detection found (its notes, its components).
    pub found: Found,
    /// The history stored with it, or why it could not be read now.
    pub history: Result<Observation, PollError>,
}

impl Lookout {
    /// Every provider, by id.
    pub async fn providers(&self) -> Result<Vec<Provider>, EngineError> {
        Ok(self.reader.run(|store| store.providers()).await?)
    }

    /// The provider with this id.
    pub async fn provider(&self, id: ProviderId) -> Result<Option<Provider>, EngineError> {
        Ok(self.reader.run(move |store| store.provider(id)).await?)
    }

    /// The providers named `name` (in any case).
    pub async fn providers_named(&self, name: &str) -> Result<Vec<Provider>, EngineError> {
        let name = name.to_string();
        Ok(self
            .reader
            .run(move |store| store.providers_named(&name))
            .await?)
    }

    /// Stops watching a provider; returns what it was.
    pub async fn remove_provider(&self, id: ProviderId) -> Result<Provider, EngineError> {
        Ok(self
            .store
            .run(move |store| store.remove_provider(id))
            .await?)
    }

    /// A provider's stored components, in page order.
    pub async fn components(&self, id: ProviderId) -> Result<Vec<Component>, EngineError> {
        Ok(self.reader.run(move |store| store.components(id)).await?)
    }

    /// Chooses the components watched (none: all of them) of a provider that exists.
    pub async fn set_watched_components(
        &self,
        id: ProviderId,
        watched: Vec<String>,
    ) -> Result<(), EngineError> {
        self.store
            .run(move |store| -> Result<(), EngineError> {
                if store.provider(id)?.is_none() {
                    return Err(EngineError::NotFound(format!("no provider #{id}")));
                }
                Ok(store.set_watched_components(id, &watched)?)
            })
            .await?;
        self.events.signal();
        Ok(())
    }

    /// Every provider with its status at the clock's now, poll state, suspicion and components.
    pub async fn provider_boards(&self) -> Result<Vec<ProviderBoard>, EngineError> {
        let now = self.clock.now();
        Ok(self
            .reader
            .run(move |store| -> Result<Vec<ProviderBoard>, StoreError> {
                let providers = store.providers()?;
                providers
                    .into_iter()
                    .map(|p| board(store, p, now))
                    .collect()
            })
            .await?)
    }

    /// Every provider in detail (board, open incidents, maintenances) at the clock's now.
    pub async fn provider_details(&self) -> Result<Vec<ProviderDetail>, EngineError> {
        let now = self.clock.now();
        self.reader.run(move |store| details(store, now)).await
    }

    /// One provider in detail at the clock's now.
    pub async fn provider_detail(&self, id: ProviderId) -> Result<ProviderDetail, EngineError> {
        let now = self.clock.now();
        self.reader
            .run(move |store| detail_of(store, id, now))
            .await?
            .ok_or_else(|| EngineError::NotFound(format!("no provider #{id}")))
    }

    /// What is behind `input` (a status page's URL, any page of it, or a catalogue name),
    /// storing nothing.
    pub async fn find(&self, input: &str) -> Result<Found, EngineError> {
        Ok(find(&self.fetcher, input, self.clock.now()).await?)
    }

    /// Watches a status page already detected (its `watched` components, none: all), with the
    /// history it publishes (none of it alerts; when it cannot be read now, its first poll reads
    /// it); polled at once. Returns it in detail.
    pub async fn add_detected(
        &self,
        new: NewProvider,
        watched: Vec<String>,
    ) -> Result<ProviderDetail, EngineError> {
        // Refused before anything is fetched: a bad URL, name or interval.
        new.check()?;
        let now = self.clock.now();
        let history = match url::Url::parse(&new.url) {
            Ok(base) => read_history(&self.fetcher, new.platform, &base, now)
                .await
                .map_err(|e| e.to_string()),
            Err(e) => Err(e.to_string()),
        };
        if let Err(error) = &history {
            log::warn!("{}: history not read as it was added: {error}", new.name);
        }
        let detail = self
            .store
            .run(move |store| {
                let stored = history.ok();
                let added = store.add_provider_watching(&new, &watched, stored.as_ref(), now)?;
                detail_of(store, added.id, now)
            })
            .await?;
        self.refresh.now();
        detail.ok_or_else(|| EngineError::NotFound("the provider just added is gone".into()))
    }

    /// Finds the status page behind a catalogue name or a URL and watches it (polled every
    /// `interval` seconds, named `name` or as found), its published history stored with it
    /// (none of it alerts).
    pub async fn add_provider(
        &self,
        input: &str,
        name: Option<&str>,
        interval: u32,
    ) -> Result<Added, EngineError> {
        let now = self.clock.now();
        let found = find(&self.fetcher, input, now).await?;
        let detected = &found.detected;
        let history = read_history(&self.fetcher, detected.platform, &detected.base, now).await;
        let new = found.new_provider(name, interval);
        let stored = history.as_ref().ok().cloned();
        let provider = self
            .store
            .run(move |store| store.add_provider_watching(&new, &[], stored.as_ref(), now))
            .await?;
        Ok(Added {
            provider,
            found,
            history,
        })
    }
}

/// Reads the status page `input` names (a catalogue name or any URL of the page) once, storing
/// nothing (no database needed): what it is and what it says. A catalogued service whose vendor
/// publishes nothing Lookout reads is [`PollError::NotWatchable`], before any request.
pub async fn check_page(
    fetcher: &Fetcher,
    clock: &dyn Clock,
    input: &str,
) -> Result<(Detected, PageRead), PollError> {
    lookout_poller::adding::not_watchable(input)?;
    let url = lookout_core::catalog::resolve(input).1;
    let detected = detect(fetcher, &url, clock.now()).await?;
    let (platform, base, none) = (detected.platform, &detected.base, HashMap::new());
    let read = read_page(fetcher, platform, base, &none, clock.now()).await?;
    Ok((detected, read))
}

/// `provider`'s board at `now`.
pub fn board(
    store: &Store,
    provider: Provider,
    now: DateTime<Utc>,
) -> Result<ProviderBoard, StoreError> {
    let id = provider.id;
    let (state, components) = (store.poll_state(id)?, store.components(id)?);
    let watched = store.watched_components(id)?;
    let read = ProviderReads {
        poll_interval_secs: provider.poll_interval_secs,
        state: &state,
        components: &components,
        watched: &watched,
    };
    let (status, unknown) = store.provider_health_from(id, &read, now)?;
    let suspected = store.suspected(id)?;
    Ok(ProviderBoard {
        provider,
        status,
        unknown,
        state,
        suspected,
        components,
        watched,
    })
}

/// `provider` in detail at `now`.
pub fn detail(
    store: &Store,
    provider: Provider,
    now: DateTime<Utc>,
) -> Result<ProviderDetail, EngineError> {
    let active = IncidentFilter {
        provider_id: Some(provider.id),
        active_only: true,
        ..IncidentFilter::default()
    };
    let active_incidents = store.incidents(&active)?;
    let mut followed = Vec::new();
    for open in &active_incidents {
        let id = &open.incident.id;
        if store.is_followed(&IncidentRef::new(provider.id, id.as_str()))? {
            followed.push(id.clone());
        }
    }
    Ok(ProviderDetail {
        active_incidents,
        maintenances: store.maintenances(provider.id)?,
        rules: ProviderRules::load(store, provider.id)?,
        followed,
        board: board(store, provider, now)?,
    })
}

/// The provider with this id in detail at `now` (`None`: there is none).
pub fn detail_of(
    store: &Store,
    id: ProviderId,
    now: DateTime<Utc>,
) -> Result<Option<ProviderDetail>, EngineError> {
    store
        .provider(id)?
        .map(|provider| detail(store, provider, now))
        .transpose()
}

/// Every provider in detail at `now`, by id.
pub fn details(store: &Store, now: DateTime<Utc>) -> Result<Vec<ProviderDetail>, EngineError> {
    let providers = store.providers()?;
    providers
        .into_iter()
        .map(|p| detail(store, p, now))
        .collect()
}
