//! `lookout poll` (every provider once, then the alerts owed) and `lookout watch` (every
//! provider on its own schedule, alerts when something changes), printing the events.

use crate::{alerting, output, report};
use anyhow::Result;
use lookout_core::{Clock, SystemClock};
use lookout_poller::{
    keep_watching, poll_all, EventsStored, Fetcher, PollConfig, ProviderPoll, Refresh, SharedStore,
    Watch,
};
use lookout_store::Store;
use std::sync::Arc;

/// `lookout poll`: exit code 3 when a page could not be read or saved.
pub async fn poll(store: Store, fetcher: &Fetcher, json: bool) -> Result<u8> {
    let store = SharedStore::new(store);
    let polls = poll_all(&store, fetcher, &SystemClock, PollConfig::default()).await?;
    for poll in &polls {
        print_poll(poll, json)?;
    }
    let sender = lookout_alerts::Sender::new(fetcher);
    alerting::deliver(&store, &sender, SystemClock.now()).await;
    Ok(if polls.iter().any(|p| p.error.is_some()) {
        3
    } else {
        0
    })
}

/// `lookout watch`, until Ctrl-C; with `metrics`, serving them there.
pub async fn watch(
    store: Store,
    fetcher: Fetcher,
    json: bool,
    metrics: Option<crate::metrics::Endpoint>,
) -> Result<u8> {
    let store = SharedStore::new(store);
    let counters = crate::metrics::SharedCounters::default();
    if let Some(endpoint) = metrics {
        crate::metrics::serve(endpoint, store.clone(), counters.clone()).await?;
    }
    let events = EventsStored::default();
    // Alerts when events are stored (so providers polled together share one pass) and when a
    // failed webhook delivery falls due again; never on a timer.
    let alerts = tokio::spawn(alerting::deliver_on_change(
        store.clone(),
        lookout_alerts::Sender::new(&fetcher),
        events.clone(),
    ));
    let on_poll = move |poll: &ProviderPoll| {
        if let Ok(mut counted) = counters.lock() {
            counted.count(poll);
        }
        if let Err(error) = print_poll(poll, json) {
            log::error!("cannot write output: {error}");
        }
    };
    let setup = Watch {
        store,
        fetcher,
        clock: Arc::new(SystemClock),
        config: PollConfig::default(),
        refresh: Refresh::default(),
        events,
    };
    tokio::select! {
        () = keep_watching(setup, on_poll) => {}
        () = stop_asked() => {}
    }
    alerts.abort();
    Ok(0)
}

/// Ctrl-C, or (on Unix) SIGTERM, as a service manager sends: the loop stops; a database write
/// in progress finishes first (the store works on blocking threads the runtime waits for).
async fn stop_asked() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = term.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn print_poll(poll: &ProviderPoll, json: bool) -> Result<()> {
    for event in &poll.events {
        if json {
            output::json(event)?;
        } else {
            say!(
                "{} {}: {}",
                report::short_time(event.at),
                event.provider,
                report::plain_text(&event.kind.summary())
            );
        }
    }
    if let Some(error) = &poll.error {
        log::warn!(provider = poll.provider.name.as_str(); "{}: {error}", poll.provider.name);
        // The log line above is the JSON one; a person at a terminal also gets a plain line.
        if !json && !output::stderr_is_json() {
            complain!("lookout: {}: {error}", poll.provider.name);
        }
    }
    Ok(())
}
