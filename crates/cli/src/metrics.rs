//! `lookout watch --metrics ADDR`: what Lookout knows, in the Prometheus text format, at
//! `/metrics` (and `/healthz`), so a team's Prometheus and Alertmanager can route, silence and
//! de-duplicate vendor outages. Statuses are read from the store at each scrape; poll errors
//! and events are counted by this process since it started.

use crate::listener::{self, Limits, Token};
use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use lookout_core::{Clock, ComponentStatus, Impact};
use lookout_poller::{ProviderPoll, SharedStore};
use lookout_store::{IncidentFilter, Provider, Store};
use std::collections::BTreeMap;
use std::fmt::Write;
use std::net::SocketAddr;
use std::path::Path;
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

/// The most bytes of series one response holds (about 30,000 series of usual labels): series
/// past it are left out, component statuses first, and counted in
/// `lookout_metrics_series_omitted`. The `# HELP`/`# TYPE` lines and that count come on top.
pub const RESPONSE_CAP_BYTES: usize = 4 << 20;

/// The text being built: headers always, series while they fit under the cap, the rest counted.
struct Exposition {
    out: String,
    cap: usize,
    series_bytes: usize,
    omitted: u64,
}

impl Exposition {
    fn header(&mut self, name: &str, kind: &str, help: &str) {
        let _ = writeln!(self.out, "# HELP {name} {help}\n# TYPE {name} {kind}");
    }

    /// One series line, `name{labels} value`, unless it would pass the cap.
    fn series(&mut self, name: &str, labels: &str, value: impl std::fmt::Display) {
        let line = format!("{name}{{{labels}}} {value}\n");
        if self.series_bytes + line.len() > self.cap {
            self.omitted += 1;
            return;
        }
        self.series_bytes += line.len();
        self.out.push_str(&line);
    }

    /// The text, ending with how many series were left out.
    fn finish(mut self) -> String {
        self.header(
            "lookout_metrics_series_omitted",
            "gauge",
            &format!(
                "Series left out of this response because it reached its cap of {} bytes.",
                self.cap
            ),
        );
        let _ = writeln!(self.out, "lookout_metrics_series_omitted {}", self.omitted);
        self.out
    }
}

/// Every metric, from `store` at `now` and this process's `counters`, at most
/// [`RESPONSE_CAP_BYTES`] of series.
pub fn render(store: &Store, counters: &Counters, now: DateTime<Utc>) -> Result<String> {
    render_capped(store, counters, now, RESPONSE_CAP_BYTES)
}

/// [`render`] with at most `cap` bytes of series: the providers' series first, then this
/// process's counters, then the components' (the many).
pub fn render_capped(
    store: &Store,
    counters: &Counters,
    now: DateTime<Utc>,
    cap: usize,
) -> Result<String> {
    let mut text = Exposition {
        out: String::new(),
        cap,
        series_bytes: 0,
        omitted: 0,
    };
    let providers = store.providers()?;
    provider_series(&mut text, store, &providers, now)?;
    counter_series(&mut text, counters);
    component_series(&mut text, store, &providers)?;
    Ok(text.finish())
}

const SCALE: &str =
    "0 operational, 1 under maintenance, 2 unknown, 3 degraded, 4 partial outage, 5 major outage";

fn provider_series(
    text: &mut Exposition,
    store: &Store,
    providers: &[Provider],
    now: DateTime<Utc>,
) -> Result<()> {
    let status = &format!("The provider's status: {SCALE}.");
    provider_gauge(text, "lookout_provider_status", status, providers, |p| {
        Ok(Some(status_value(&store.provider_status(p.id, now)?)))
    })?;
    open_incident_series(text, store, providers)?;
    let suspected = "1 while Lookout's own probes fail and the status page says all is well.";
    provider_gauge(
        text,
        "lookout_provider_suspected",
        suspected,
        providers,
        |p| Ok(Some(u8::from(store.suspected(p.id)?.is_some()))),
    )?;
    let success = "When the provider's page was last read successfully.";
    provider_gauge(
        text,
        "lookout_last_success_timestamp_seconds",
        success,
        providers,
        |p| {
            Ok(store
                .poll_state(p.id)?
                .last_success_at
                .map(|at| at.timestamp()))
        },
    )
}

/// The gauge `name`, one series per provider (`provider="…"`) of the value `value` gives it
/// (none: no series).
fn provider_gauge<V: std::fmt::Display>(
    text: &mut Exposition,
    name: &str,
    help: &str,
    providers: &[Provider],
    mut value: impl FnMut(&Provider) -> Result<Option<V>>,
) -> Result<()> {
    text.header(name, "gauge", help);
    for p in providers {
        if let Some(value) = value(p)? {
            text.series(name, &format!("provider=\"{}\"", label(&p.name)), value);
        }
    }
    Ok(())
}

fn open_incident_series(
    text: &mut Exposition,
    store: &Store,
    providers: &[Provider],
) -> Result<()> {
    let open = "lookout_incident_open";
    text.header(
        open,
        "gauge",
        "Open incidents, by the impact the vendor gives.",
    );
    for p in providers {
        let incidents = store.incidents(&IncidentFilter {
            provider_id: Some(p.id),
            active_only: true,
            ..IncidentFilter::default()
        })?;
        for impact in IMPACTS {
            let count = incidents
                .iter()
                .filter(|i| i.incident.impact == impact)
                .count();
            let labels = format!("provider=\"{}\",impact=\"{impact}\"", label(&p.name));
            text.series(open, &labels, count);
        }
    }
    Ok(())
}

fn counter_series(text: &mut Exposition, counters: &Counters) {
    let errors = "lookout_poll_errors_total";
    text.header(
        errors,
        "counter",
        "Failed polls since this process started, by reason.",
    );
    for ((provider, reason), count) in &counters.poll_errors {
        let labels = format!("provider=\"{}\",reason=\"{reason}\"", label(provider));
        text.series(errors, &labels, count);
    }
    let events = "lookout_events_total";
    text.header(
        events,
        "counter",
        "Changes seen since this process started, by kind.",
    );
    for (kind, count) in &counters.events {
        text.series(events, &format!("kind=\"{kind}\""), count);
    }
}

/// One series per component, told apart by the vendor's id (`component_id`) when two share a
/// name.
fn component_series(text: &mut Exposition, store: &Store, providers: &[Provider]) -> Result<()> {
    let name = "lookout_component_status";
    text.header(name, "gauge", &format!("A component's status: {SCALE}."));
    for p in providers {
        for c in store.components(p.id)? {
            let labels = format!(
                "provider=\"{}\",group=\"{}\",component=\"{}\",component_id=\"{}\"",
                label(&p.name),
                label(c.group.as_deref().unwrap_or_default()),
                label(&c.name),
                label(&c.id)
            );
            text.series(name, &labels, status_value(&c.status));
        }
    }
    Ok(())
}

/// Where `--metrics` serves, and the token its requests must carry.
#[derive(Debug)]
pub struct Endpoint {
    pub addr: SocketAddr,
    pub token: Option<Token>,
}

/// The metrics endpoint `lookout watch` was asked for: the token read from `token_file` or
/// `LOOKOUT_METRICS_TOKEN` (not both), and an address other machines can reach refused
/// without one.
pub fn endpoint(addr: Option<SocketAddr>, token_file: Option<&Path>) -> Result<Option<Endpoint>> {
    let Some(addr) = addr else {
        return Ok(None);
    };
    let from_env = std::env::var_os(TOKEN_ENV);
    let token = match (token_file, from_env) {
        (Some(_), Some(_)) => anyhow::bail!(
            "give the metrics token once: --metrics-token-file or {TOKEN_ENV}, not both"
        ),
        (Some(path), None) => Some(Token::from_file(path)?),
        (None, Some(text)) => {
            let text = text
                .into_string()
                .map_err(|_| anyhow::anyhow!("{TOKEN_ENV} is not valid UTF-8"))?;
            Some(Token::new(&text).with_context(|| format!("{TOKEN_ENV} is unusable"))?)
        }
        (None, None) => None,
    };
    listener::check_exposure(addr, token.as_ref())?;
    Ok(Some(Endpoint { addr, token }))
}

/// The environment variable that may hold the metrics token.
pub const TOKEN_ENV: &str = "LOOKOUT_METRICS_TOKEN";

/// Binds the endpoint (failing at once when it cannot) and serves `/metrics` and `/healthz`
/// there until the process ends, within the listener's [`Limits`]; `clock` says when each scrape
/// is.
pub async fn serve(
    endpoint: Endpoint,
    store: SharedStore,
    counters: SharedCounters,
    clock: Arc<dyn Clock>,
) -> Result<()> {
    let listener = listener::bind(endpoint.addr).await?;
    listener::spawn(
        listener,
        app(store, counters, clock),
        endpoint.token,
        Limits::default(),
    );
    Ok(())
}

/// The routes: `/metrics` rendered from the store at each scrape, `/healthz` always "ok".
fn app(store: SharedStore, counters: SharedCounters, clock: Arc<dyn Clock>) -> axum::Router {
    use axum::http::{header, StatusCode};
    use axum::routing::get;
    let metrics = move || {
        let (store, counters, clock) = (store.clone(), counters.clone(), clock.clone());
        async move {
            let now = clock.now();
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
    axum::Router::new()
        .route("/metrics", get(metrics))
        .route("/healthz", get(|| async { "ok\n" }))
}

#[cfg(test)]
#[path = "metrics_tests.rs"]
mod tests;
