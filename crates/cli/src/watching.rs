//! `lookout poll` (every provider once, then the alerts owed) and `lookout watch` (every
//! provider on its own schedule, alerts when something changes), printing the events.

use crate::{alerting, output, report};
use anyhow::Result;
use lookout_engine::{Engine, EngineOptions, Lookout, Observer, Pass, PollConfig, ProviderPoll};
use std::sync::Arc;

/// `lookout poll`: exit code 3 when a page could not be read or saved.
pub async fn poll(lookout: &Lookout, json: bool) -> Result<u8> {
    let polls = lookout.poll_all_once().await?;
    for poll in &polls {
        print_poll(poll, json)?;
    }
    alerting::report(&lookout.deliver_owed().await);
    Ok(if polls.iter().any(|p| p.error.is_some()) {
        3
    } else {
        0
    })
}

/// `lookout watch`, until Ctrl-C or SIGTERM; with `metrics`, serving them there. Stopping goes
/// through the engine (the polls in flight finished, quiet reads written) and exits 0; a second
/// signal while it stops leaves at once.
pub async fn watch(
    lookout: Lookout,
    json: bool,
    metrics: Option<crate::metrics::Endpoint>,
) -> Result<u8> {
    let printer = start_metrics(&lookout, json, metrics).await?;
    run_engine_until_stopped(&lookout, printer, async {}).await;
    Ok(0)
}

/// What `watch` and `serve` print of the engine's work, with `metrics` served (and counted)
/// when asked for; an address that cannot be served is an error before the engine starts.
pub async fn start_metrics(
    lookout: &Lookout,
    json: bool,
    metrics: Option<crate::metrics::Endpoint>,
) -> Result<Arc<dyn Observer>> {
    let counters = crate::metrics::SharedCounters::default();
    if let Some(endpoint) = metrics {
        crate::metrics::serve(endpoint, lookout.clone(), counters.clone()).await?;
    }
    Ok(Arc::new(Printer { json, counters }))
}

/// The engine's loops (polls, probes, alerts) as `lookout watch` runs them, told to `observer`,
/// until Ctrl-C or SIGTERM; then `stopping` (a front end's own wind-down: a server stops
/// answering) and the engine's orderly shutdown. A second signal meanwhile leaves at once.
pub async fn run_engine_until_stopped(
    lookout: &Lookout,
    observer: Arc<dyn Observer>,
    stopping: impl std::future::Future<Output = ()>,
) {
    let options = EngineOptions {
        poll: PollConfig::default(),
        os_notifications: false,
        observer,
        // `lookout catalog update` is the command line's way; a server updates on its own word.
        catalogue: None,
    };
    let engine = Engine::start(lookout, options);
    stop_asked().await;
    log::info!("stopping");
    tokio::select! {
        _ = async { stopping.await; engine.shutdown().await } => {}
        () = stop_asked() => log::warn!("asked again: stopping at once"),
    }
}

/// What `lookout watch` shows of the engine's work: each poll's events on standard output (and
/// counted for /metrics), failures on standard error, and what the alert sinks' deliveries did.
struct Printer {
    json: bool,
    counters: crate::metrics::SharedCounters,
}

impl Observer for Printer {
    fn polled(&self, poll: &ProviderPoll) {
        if let Ok(mut counted) = self.counters.lock() {
            counted.count(poll);
        }
        if let Err(error) = print_poll(poll, self.json) {
            log::error!("cannot write output: {error}");
        }
    }

    fn alerted(&self, pass: Pass) {
        alerting::report(&pass.webhooks);
    }
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
