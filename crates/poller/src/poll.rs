//! One poll of stored providers: read each page, save the observation (or the failure) in the
//! store, and return the events. Reading is concurrent up to a limit; the store lock is never
//! held across a network wait.

use crate::error::PollError;
use crate::fetch::Fetcher;
use crate::read::{read_page, PageRead};
use futures_util::stream::{self, StreamExt};
use lookout_core::{Clock, Event};
use lookout_store::{Provider, Store};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, MutexGuard};
use url::Url;

/// The store as shared between polling tasks.
pub type SharedStore = Arc<Mutex<Store>>;

/// Locks the store, recovering from a panicked holder (the data is transactional).
pub fn lock(store: &SharedStore) -> MutexGuard<'_, Store> {
    store.lock().unwrap_or_else(|e| e.into_inner())
}

/// Policy for polls.
#[derive(Debug, Clone, Copy)]
pub struct PollConfig {
    /// Failures in a row after which a provider is `unknown` (and `provider_unreachable` sent).
    pub failure_threshold: u32,
    /// Pages read at the same time.
    pub concurrency: usize,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            failure_threshold: 3,
            concurrency: 8,
        }
    }
}

/// What one provider's poll did.
#[derive(Debug)]
pub struct ProviderPoll {
    /// The provider.
    pub provider: Provider,
    /// New events (a failure can still produce `provider_unreachable`).
    pub events: Vec<Event>,
    /// Why the page could not be read, if it could not.
    pub error: Option<PollError>,
}

/// Polls one provider and saves the outcome.
pub async fn poll_provider(
    store: &SharedStore,
    fetcher: &Fetcher,
    clock: &dyn Clock,
    config: PollConfig,
    provider: Provider,
) -> ProviderPoll {
    match try_poll(store, fetcher, clock, &provider).await {
        Ok(events) => ProviderPoll {
            provider,
            events,
            error: None,
        },
        Err(error) => {
            let reason = error.to_string();
            let recorded = lock(store).record_failure(
                provider.id,
                &provider.name,
                &reason,
                config.failure_threshold,
                clock.now(),
            );
            let events = match recorded {
                Ok(event) => event.into_iter().collect(),
                Err(store_error) => {
                    log::error!(
                        "cannot record the failure of {}: {store_error}",
                        provider.name
                    );
                    Vec::new()
                }
            };
            ProviderPoll {
                provider,
                events,
                error: Some(error),
            }
        }
    }
}

async fn try_poll(
    store: &SharedStore,
    fetcher: &Fetcher,
    clock: &dyn Clock,
    provider: &Provider,
) -> Result<Vec<Event>, PollError> {
    let base = Url::parse(&provider.url).map_err(|e| {
        PollError::Url(lookout_core::SourceError::BadUrl {
            url: provider.url.clone(),
            reason: e.to_string(),
        })
    })?;
    let known: HashMap<String, lookout_store::Validators> = {
        let store = lock(store);
        lookout_core::sources::endpoints::endpoints(provider.platform, &base)
            .into_iter()
            .map(|e| {
                let url = e.url.to_string();
                store.validators(provider.id, &url).map(|v| (url, v))
            })
            .collect::<Result<_, _>>()?
    };
    let read = read_page(fetcher, provider.platform, &base, &known, clock.now()).await?;
    let at = clock.now();
    let mut store = lock(store);
    match read {
        PageRead::Unchanged => Ok(store.record_unchanged(provider.id, &provider.name, at)?),
        PageRead::Read {
            observation,
            validators,
        } => {
            let events = store.apply_observation(provider.id, &provider.name, &observation, at)?;
            for (url, v) in validators {
                store.set_validators(provider.id, &url, &v)?;
            }
            Ok(events)
        }
    }
}

/// Polls every enabled provider once, at most `config.concurrency` at a time; results in the
/// providers' order.
pub async fn poll_all(
    store: &SharedStore,
    fetcher: &Fetcher,
    clock: &dyn Clock,
    config: PollConfig,
) -> Result<Vec<ProviderPoll>, PollError> {
    let providers: Vec<Provider> = lock(store)
        .providers()?
        .into_iter()
        .filter(|p| p.enabled)
        .collect();
    Ok(stream::iter(providers)
        .map(|provider| poll_provider(store, fetcher, clock, config, provider))
        .buffered(config.concurrency.max(1))
        .collect()
        .await)
}
