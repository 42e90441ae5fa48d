//! One poll of stored providers: read each page, save the observation (or the failure) in the
//! store, and return the events. Reading is concurrent up to a limit; the store is used only on
//! blocking threads ([`SharedStore::run`]) and never while waiting on the network. A busy
//! database is never counted as the vendor's failure.

use crate::error::PollError;
use crate::fetch::Fetcher;
use crate::last_reads::LastReads;
use crate::read::{read_page, PageRead};
use futures_util::stream::{self, StreamExt};
use lookout_core::{Clock, Event};
use lookout_store::{Provider, Store, StoreError};
use std::collections::HashMap;
use std::time::Duration;
use url::Url;

pub use lookout_store::SharedStore;

/// Policy for polls.
#[derive(Debug, Clone, Copy)]
pub struct PollConfig {
    /// Failures in a row after which a provider is `unknown` (and `provider_unreachable` sent).
    pub failure_threshold: u32,
    /// Pages read at the same time.
    pub concurrency: usize,
    /// The longest one provider's whole poll may take (its documents are fetched together, each
    /// under the fetcher's own timeouts); past it the poll is a failure ("did not answer").
    pub poll_timeout: Duration,
    /// The longest the watch loop sleeps when it is told of changes to the database's files: it
    /// wakes earlier for what is due, such a change, or "refresh now". It bounds how late a poll
    /// can be after the computer wakes from sleep (the loop's timers do not count suspended
    /// time), and how late a test's clock moved by hand is noticed.
    pub longest_sleep: Duration,
    /// When the watch loop is asked to stop, how long the polls in flight are given to finish
    /// (their reads stored) before they are abandoned; the engine's whole shutdown takes at most
    /// 5 s, so this leaves time to write the quiet reads and end the alert pass.
    pub finish_polls_within: Duration,
}

impl Default for PollConfig {
    fn default() -> Self {
        PollConfig {
            failure_threshold: 3,
            concurrency: 8,
            poll_timeout: Duration::from_secs(90),
            longest_sleep: Duration::from_secs(30),
            finish_polls_within: Duration::from_secs(2),
        }
    }
}

/// What one provider's poll did (a probe run that raised or cleared a suspicion is reported the
/// same way, with its events and no error).
#[derive(Debug)]
pub struct ProviderPoll {
    /// The provider.
    pub provider: Provider,
    /// New events (a failure can still produce `provider_unreachable`).
    pub events: Vec<Event>,
    /// Why the page could not be read or saved, if it could not.
    pub error: Option<PollError>,
    /// The provider's failures in a row after this poll (0 when it was read; as stored before
    /// when the failure could not be recorded).
    pub consecutive_failures: u32,
    /// The page was read and every document was as last read (HTTP 304, or a body hashing the
    /// same): nothing was parsed, diffed or written but the poll's success.
    pub unchanged: bool,
}

impl ProviderPoll {
    /// The poll failed because the database was busy or failed, not because of the vendor.
    pub fn store_failed(&self) -> bool {
        matches!(self.error, Some(PollError::Store(_)))
    }
}

/// Polls one provider and saves the outcome.
/// `last_reads` (shared by the polls of one watch loop) spares an unchanged page the database:
/// its success is kept there to be written later ([`LastReads::take_waiting`]).
pub async fn poll_provider(
    store: &SharedStore,
    fetcher: &Fetcher,
    clock: &dyn Clock,
    config: PollConfig,
    last_reads: &LastReads,
    provider: Provider,
) -> ProviderPoll {
    let read = tokio::time::timeout(
        config.poll_timeout,
        read_provider(store, fetcher, clock, last_reads, &provider),
    )
    .await
    .unwrap_or_else(|_| {
        Err(PollError::Timeout {
            url: provider.url.clone(),
            secs: config.poll_timeout.as_secs(),
        })
    });
    let saved = match read {
        Ok((read, _)) if read.is_quiet() && last_reads.wait_to_write(&provider, clock.now()) => {
            Ok((Vec::new(), true))
        }
        Ok((read, known)) => {
            let at = clock.now();
            let saved = save(store, &provider, read, known, at).await;
            saved.map(|(events, unchanged, validators)| {
                last_reads.stored(&provider, validators, at);
                (events, unchanged)
            })
        }
        Err(error) => Err(error),
    };
    if saved.is_err() {
        last_reads.forget(provider.id);
    }
    match saved {
        Ok((events, unchanged)) => ProviderPoll {
            provider,
            events,
            error: None,
            consecutive_failures: 0,
            unchanged,
        },
        Err(error @ PollError::Store(StoreError::Busy)) => {
            // Another process holds the database: nothing is known about the vendor.
            log::warn!(provider = provider.name.as_str(); "{}: not saved: {error}", provider.name);
            ProviderPoll {
                provider,
                events: Vec::new(),
                error: Some(error),
                consecutive_failures: 0,
                unchanged: false,
            }
        }
        Err(error) => record_failure(store, provider, error, config, clock.now()).await,
    }
}

/// Records a failed poll of `provider` (the store's own failure to do so is logged).
pub(crate) async fn record_failure(
    store: &SharedStore,
    provider: Provider,
    error: PollError,
    config: PollConfig,
    at: chrono::DateTime<chrono::Utc>,
) -> ProviderPoll {
    let reason = match &error {
        // The page was read but could not be stored: say so (it stays with this provider).
        PollError::Store(store_error) => format!("this page could not be stored: {store_error}"),
        other => other.to_string(),
    };
    let (id, name) = (provider.id, provider.name.clone());
    let threshold = config.failure_threshold;
    let recorded = store
        .run(move |s| s.record_failure(id, &name, &reason, threshold, at))
        .await;
    let (events, consecutive_failures) = match recorded {
        Ok(recorded) => (
            recorded.event.into_iter().collect(),
            recorded.consecutive_failures,
        ),
        Err(store_error) => {
            log::error!(
                provider = provider.name.as_str();
                "cannot record the failure of {}: {store_error}",
                provider.name
            );
            let stored = store
                .run(move |s| s.poll_state(id))
                .await
                .map_or(0, |state| state.consecutive_failures);
            (Vec::new(), stored)
        }
    };
    ProviderPoll {
        provider,
        events,
        error: Some(error),
        consecutive_failures,
        unchanged: false,
    }
}

/// Reads `provider`'s page; also returns the validators it was read with (remembered in
/// `last_reads`, else as stored).
async fn read_provider(
    store: &SharedStore,
    fetcher: &Fetcher,
    clock: &dyn Clock,
    last_reads: &LastReads,
    provider: &Provider,
) -> Result<(PageRead, Known), PollError> {
    let base = Url::parse(&provider.url).map_err(|e| {
        PollError::Url(lookout_core::SourceError::BadUrl {
            url: provider.url.clone(),
            reason: e.to_string(),
        })
    })?;
    let known = match last_reads.validators(provider) {
        Some(known) => known,
        None => {
            let urls: Vec<String> =
                lookout_core::sources::endpoints::endpoints(provider.platform, &base)
                    .into_iter()
                    .map(|e| e.url.to_string())
                    .collect();
            let id = provider.id;
            store
                .run(move |s| {
                    urls.into_iter()
                        .map(|url| s.validators(id, &url).map(|v| (url, v)))
                        .collect::<Result<Known, _>>()
                })
                .await?
        }
    };
    let read = read_page(fetcher, provider.platform, &base, &known, clock.now()).await?;
    Ok((read, known))
}

/// URL → validators.
type Known = HashMap<String, lookout_store::Validators>;

/// Saves a read page: an unchanged one as a bare success (as a 304 always was), a new one by
/// diffing and writing it. Returns the events, whether the page was unchanged, and the
/// validators stored now (`known` with what the read brought).
async fn save(
    store: &SharedStore,
    provider: &Provider,
    read: PageRead,
    mut known: Known,
    at: chrono::DateTime<chrono::Utc>,
) -> Result<(Vec<Event>, bool, Known), PollError> {
    let (id, name) = (provider.id, provider.name.clone());
    let (events, unchanged, fresh) = store
        .run(move |s: &mut Store| match read {
            PageRead::Unchanged { refreshed } => s.atomically(|s| -> Result<_, StoreError> {
                let events = s.record_unchanged(id, &name, at)?;
                for (url, v) in &refreshed {
                    s.set_validators(id, url, v)?;
                }
                Ok((events, true, refreshed))
            }),
            PageRead::Read {
                observation,
                validators,
            } => s.atomically(|s| -> Result<_, StoreError> {
                let events = s.apply_observation(id, &name, &observation, at)?;
                for (url, v) in &validators {
                    s.set_validators(id, url, v)?;
                }
                Ok((events, false, validators))
            }),
        })
        .await?;
    for (url, v) in fresh {
        if v.is_empty() {
            known.remove(&url);
        } else {
            known.insert(url, v);
        }
    }
    Ok((events, unchanged, known))
}

/// Polls every enabled provider once, at most `config.concurrency` at a time; results in the
/// providers' order.
pub async fn poll_all(
    store: &SharedStore,
    fetcher: &Fetcher,
    clock: &dyn Clock,
    config: PollConfig,
) -> Result<Vec<ProviderPoll>, PollError> {
    let last_reads = LastReads::default();
    let providers: Vec<Provider> = store
        .run(|s| s.providers())
        .await?
        .into_iter()
        .filter(|p| p.enabled)
        .collect();
    Ok(stream::iter(providers)
        .map(|provider| poll_provider(store, fetcher, clock, config, &last_reads, provider))
        .buffered(config.concurrency.max(1))
        .collect()
        .await)
}
