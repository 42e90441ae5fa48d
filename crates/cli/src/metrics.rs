//! `lookout watch --metrics ADDR`: what Lookout knows, in the Prometheus text format, at
//! `/metrics` (and `/healthz`), so a team's Prometheus and Alertmanager can route, silence and
//! de-duplicate vendor outages. Statuses are read from the store at each scrape; poll errors
//! and events are counted by this process since it started.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Impact};
use lookout_poller::{ProviderPoll, SharedStore};
use lookout_store::{IncidentFilter, Store};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

/// What this process counted: poll errors by provider and reason, events by kind.
#[derive(Debug, Default)]
pub struct Counters {
    poll_errors: BTreeMap<(String, &'static str), u64>,
    events: BTreeMap<&'static str, u64>,
}

/// The counters, shared by the watch loop (which counts) and the server (which reads).
pub type SharedCounters = Arc<Mutex<Counters>>;

impl Counters {
    /// Counts one poll's (or probe run's) events and error.
    pub fn count(&mut self, poll: &ProviderPoll) {
        for event in &poll.events {
            *self.events.entry(event.kind.name()).or_default() += 1;
        }
        if let Some(error) = &poll.error {
            let key = (poll.provider.name.clone(), error.reason());
            *self.poll_errors.entry(key).or_default() += 1;
        }
    }
}

/// A label value as the text format wants it: `\`, `"` and line breaks escaped.
fn label(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// The number a status is exported as (0 operational … 5 major outage; unknown words are 2).
fn status_value(status: &ComponentStatus) -> u8 {
    status.rank()
}

const IMPACTS: [Impact; 5] = [
    Impact::None,
    Impact::Minor,
    Impact::Major,
    Impact::Critical,
    Impact::Maintenance,
];

fn header(out: &mut String, name: &str, kind: &str, help: &str) {
    let _ = writeln!(out, "# HELP {name} {help}\n# TYPE {name} {kind}");
}

/// Every metric, from `store` at `now` and this process's `counters`.
pub fn render(store: &Store, counters: &Counters, now: DateTime<Utc>) -> Result<String> {
    let mut out = String::new();
    let providers = store.providers()?;
    let scale = "0 operational, 1 under maintenance, 2 unknown, 3 degraded, 4 partial outage, 5 major outage";
    header(
        &mut out,
        "lookout_provider_status",
        "gauge",
        &format!("The provider's status: {scale}."),
    );
    for p in &providers {
        let status = store.provider_status(p.id, now)?;
        let _ = writeln!(
            out,
            "lookout_provider_status{{provider=\"{}\"}} {}",
            label(&p.name),
            status_value(&status)
        );
    }
    header(
        &mut out,
        "lookout_component_status",
        "gauge",
        &format!("A component's status: {scale}."),
    );
    for p in &providers {
        for c in store.components(p.id)? {
            let group = c.group.as_deref().unwrap_or_default();
            let _ = writeln!(
                out,
                "lookout_component_status{{provider=\"{}\",group=\"{}\",component=\"{}\"}} {}",
                label(&p.name),
                label(group),
                label(&c.name),
                status_value(&c.status)
            );
        }
    }
    header(
        &mut out,
        "lookout_incident_open",
        "gauge",
        "Open incidents, by the impact the vendor gives.",
    );
    for p in &providers {
        let open = store.incidents(&IncidentFilter {
            provider_id: Some(p.id),
            active_only: true,
            ..IncidentFilter::default()
        })?;
        for impact in IMPACTS {
            let count = open.iter().filter(|i| i.incident.impact == impact).count();
            let _ = writeln!(
                out,
                "lookout_incident_open{{provider=\"{}\",impact=\"{impact}\"}} {count}",
                label(&p.name)
            );
        }
    }
    header(
        &mut out,
        "lookout_provider_suspected",
        "gauge",
        "1 while Lookout's own probes fail and the status page says all is well.",
    );
    for p in &providers {
        let suspected = u8::from(store.suspected(p.id)?.is_some());
        let _ = writeln!(
            out,
            "lookout_provider_suspected{{provider=\"{}\"}} {suspected}",
            label(&p.name)
        );
    }
    header(
        &mut out,
        "lookout_last_success_timestamp_seconds",
        "gauge",
        "When the provider's page was last read successfully.",
    );
    for p in &providers {
        if let Some(at) = store.poll_state(p.id)?.last_success_at {
            let _ = writeln!(
                out,
                "lookout_last_success_timestamp_seconds{{provider=\"{}\"}} {}",
                label(&p.name),
                at.timestamp()
            );
        }
    }
    header(
        &mut out,
        "lookout_poll_errors_total",
        "counter",
        "Failed polls since this process started, by reason.",
    );
    for ((provider, reason), count) in &counters.poll_errors {
        let _ = writeln!(
            out,
            "lookout_poll_errors_total{{provider=\"{}\",reason=\"{reason}\"}} {count}",
            label(provider)
        );
    }
    header(
        &mut out,
        "lookout_events_total",
        "counter",
        "Changes seen since this process started, by kind.",
    );
    for (kind, count) in &counters.events {
        let _ = writeln!(out, "lookout_events_total{{kind=\"{kind}\"}} {count}");
    }
    Ok(out)
}

/// Binds `addr` (failing at once when it cannot) and serves `/metrics` and `/healthz` until the
/// process ends.
pub async fn serve(addr: SocketAddr, store: SharedStore, counters: SharedCounters) -> Result<()> {
    use axum::http::{header, StatusCode};
    use axum::routing::get;
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("cannot serve metrics on {addr}"))?;
    let metrics = move || {
        let (store, counters) = (store.clone(), counters.clone());
        async move {
            let now = Utc::now();
            let rendered = store
                .run(move |s| {
                    let counted = counters
                        .lock()
                        .map_err(|_| anyhow::anyhow!("counters poisoned"))?;
                    render(s, &counted, now)
                })
                .await;
            match rendered {
                Ok(text) => (
                    StatusCode::OK,
                    [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
                    text,
                ),
                Err(error) => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
                    format!("# {error}\n"),
                ),
            }
        }
    };
    let app = axum::Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }));
    tokio::spawn(async move {
        if let Err(error) = axum::serve(listener, app).await {
            log::error!("the metrics server stopped: {error}");
        }
    });
    Ok(())
}
