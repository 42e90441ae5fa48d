//! Provider operations: find a status page and watch it (its published history stored with it),
//! read one once without storing it, list the providers with what every view shows of them,
//! choose the components watched, remove one.

use crate::{EngineError, Lookout};
use lookout_core::provider_status::Unknown;
use lookout_core::{Clock, Component, ComponentStatus, Observation, ProviderId};
use lookout_poller::Fetcher;
use lookout_poller::{detect, find, read_history, read_page};
pub use lookout_poller::{Detected, Found, PageRead, PollError};
use lookout_store::ProviderReads;
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

    /// Chooses the components watched (none: all of them).
    pub async fn set_watched_components(
        &self,
        id: ProviderId,
        watched: Vec<String>,
    ) -> Result<(), EngineError> {
        self.store
            .run(move |store| store.set_watched_components(id, &watched))
            .await?;
        self.events.signal();
        Ok(())
    }

    /// Every provider with its status at the clock's now, poll state, suspicion and components.
    pub async fn provider_boards(&self) -> Result<Vec<ProviderBoard>, EngineError> {
        let now = self.clock.now();
        self.reader
            .run(move |store| {
                let mut boards = Vec::new();
                for provider in store.providers()? {
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
                    boards.push(ProviderBoard {
                        provider,
                        status,
                        unknown,
                        state,
                        suspected,
                        components,
                        watched,
                    });
                }
                Ok(boards)
            })
            .await
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

/// Reads the status page at `url` once, storing nothing (no database needed): what it is and
/// what it says.
pub async fn check_page(
    fetcher: &Fetcher,
    clock: &dyn Clock,
    url: &str,
) -> Result<(Detected, PageRead), PollError> {
    let detected = detect(fetcher, url, clock.now()).await?;
    let (platform, base, none) = (detected.platform, &detected.base, HashMap::new());
    let read = read_page(fetcher, platform, base, &none, clock.now()).await?;
    Ok((detected, read))
}
