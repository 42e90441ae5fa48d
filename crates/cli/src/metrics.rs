//! `lookout watch --metrics ADDR`: what Lookout knows, in the Prometheus text format, at
//! `/metrics` (and `/healthz`), so a team's Prometheus and Alertmanager can route, silence and
//! de-duplicate vendor outages. Statuses are read through the engine at each scrape; poll errors
//! and events are counted by this process since it started.

use crate::listener::{self, Limits, Token};
use anyhow::{Context, Result};
use lookout_core::{ComponentStatus, Impact};
use lookout_engine::operations::incidents::{IncidentFilter, StoredIncident};
use lookout_engine::operations::providers::{Provider, ProviderBoard};
use lookout_engine::operations::services::ServiceState;
use lookout_engine::{Lookout, ProviderPoll};
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

/// What one scrape shows: every provider as the engine reads it now, and the open incidents.
pub struct Scraped {
    boards: Vec<ProviderBoard>,
    open: Vec<StoredIncident>,
    services: Vec<ServiceState>,
}

/// Reads what a scrape shows, through the engine.
pub async fn scrape(lookout: &Lookout) -> Result<Scraped> {
    let open = IncidentFilter {
        active_only: true,
        ..IncidentFilter::default()
    };
    Ok(Scraped {
        boards: lookout.provider_boards().await?,
        open: lookout.incidents(open).await?,
        services: lookout.services().await?,
    })
}

/// Every metric of `scraped` and this process's `counters`, at most [`RESPONSE_CAP_BYTES`] of
/// series.
pub fn render(scraped: &Scraped, counters: &Counters) -> String {
    render_capped(scraped, counters, RESPONSE_CAP_BYTES)
}

/// [`render`] with at most `cap` bytes of series: the providers' series first, then this
/// process's counters, then the components' (the many).
pub fn render_capped(scraped: &Scraped, counters: &Counters, cap: usize) -> String {
    let mut text = Exposition {
        out: String::new(),
        cap,
        series_bytes: 0,
        omitted: 0,
    };
    provider_series(&mut text, scraped);
    service_series(&mut text, &scraped.services);
    counter_series(&mut text, counters);
    component_series(&mut text, &scraped.boards);
    text.finish()
}

const SCALE: &str =
    "0 operational, 1 under maintenance, 2 unknown, 3 degraded, 4 partial outage, 5 major outage";

fn provider_series(text: &mut Exposition, scraped: &Scraped) {
    let boards = &scraped.boards;
    let status = &format!("The provider's status: {SCALE}.");
    provider_gauge(text, "lookout_provider_status", status, boards, |b| {
        Some(status_value(&b.status))
    });
    open_incident_series(text, boards, &scraped.open);
    let suspected = "1 while Lookout's own probes fail and the status page says all is well.";
    provider_gauge(text, "lookout_provider_suspected", suspected, boards, |b| {
        Some(u8::from(b.suspected.is_some()))
    });
    let success = "When the provider's page was last read successfully.";
    provider_gauge(
        text,
        "lookout_last_success_timestamp_seconds",
        success,
        boards,
        |b| b.state.last_success_at.map(|at| at.timestamp()),
    );
}

/// The gauge `name`, one series per provider (`provider="…"`) of the value `value` gives it
/// (none: no series).
fn provider_gauge<V: std::fmt::Display>(
    text: &mut Exposition,
    name: &str,
    help: &str,
    boards: &[ProviderBoard],
    value: impl Fn(&ProviderBoard) -> Option<V>,
) {
    text.header(name, "gauge", help);
    for board in boards {
        if let Some(value) = value(board) {
            let labels = format!("provider=\"{}\"", label(&board.provider.name));
            text.series(name, &labels, value);
        }
    }
}

fn open_incident_series(text: &mut Exposition, boards: &[ProviderBoard], open: &[StoredIncident]) {
    let name = "lookout_incident_open";
    text.header(
        name,
        "gauge",
        "Open incidents, by the impact the vendor gives.",
    );
    for Provider {
        id, name: provider, ..
    } in boards.iter().map(|b| &b.provider)
    {
        let of: Vec<&StoredIncident> = open.iter().filter(|i| i.provider_id == *id).collect();
        for impact in IMPACTS {
            let count = of.iter().filter(|i| i.incident.impact == impact).count();
            let labels = format!("provider=\"{}\",impact=\"{impact}\"", label(provider));
            text.series(name, &labels, count);
        }
    }
}

/// Your services: whether each is affected (labelled with its criticality, for the team's own
/// routing and inhibition), and the status of every vendor part it uses.
fn service_series(text: &mut Exposition, services: &[ServiceState]) {
    let affected = "lookout_service_affected";
    text.header(
        affected,
        "gauge",
        "1 while a vendor part the service uses is degraded or worse, under maintenance, \
         suspected or unknown.",
    );
    for s in services {
        let labels = format!(
            "service=\"{}\",criticality=\"{}\"",
            label(&s.name),
            s.criticality
        );
        text.series(affected, &labels, u8::from(s.affected));
    }
    let parts = "lookout_service_dependency_status";
    let help = format!(
        "The status of a vendor part a service uses (component \"\": the whole provider): {SCALE}."
    );
    text.header(parts, "gauge", &help);
    for s in services {
        for d in &s.dependencies {
            let labels = format!(
                "service=\"{}\",provider=\"{}\",component=\"{}\"",
                label(&s.name),
                label(&d.provider),
                label(d.component.as_deref().unwrap_or_default())
            );
            text.series(parts, &labels, status_value(&d.status));
        }
    }
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
fn component_series(text: &mut Exposition, boards: &[ProviderBoard]) {
    let name = "lookout_component_status";
    text.header(name, "gauge", &format!("A component's status: {SCALE}."));
    for board in boards {
        for c in &board.components {
            let labels = format!(
                "provider=\"{}\",group=\"{}\",component=\"{}\",component_id=\"{}\"",
                label(&board.provider.name),
                label(c.group.as_deref().unwrap_or_default()),
                label(&c.name),
                label(&c.id)
            );
            text.series(name, &labels, status_value(&c.status));
        }
    }
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
pub async fn serve(endpoint: Endpoint, lookout: Lookout, counters: SharedCounters) -> Result<()> {
    let listener = listener::bind(endpoint.addr, "metrics").await?;
    let _serving = listener::spawn(
        listener,
        app(lookout, counters),
        endpoint.token,
        Limits::default(),
    );
    Ok(())
}

/// The routes: `/metrics` read through the engine at each scrape, `/healthz` always "ok".
fn app(lookout: Lookout, counters: SharedCounters) -> axum::Router {
    use axum::http::{header, StatusCode};
    use axum::routing::get;
    let metrics = move || {
        let (lookout, counters) = (lookout.clone(), counters.clone());
        async move {
            let rendered = scrape(&lookout).await.and_then(|scraped| {
                let counted = counters
                    .lock()
                    .map_err(|_| anyhow::anyhow!("counters poisoned"))?;
                Ok(render(&scraped, &counted))
            });
            let kind = [(header::CONTENT_TYPE, "text/plain; version=0.0.4")];
            match rendered {
                Ok(text) => (StatusCode::OK, kind, text),
                Err(error) => (
                    StatusCode::SERVICE_UNAVAILABLE,
                    kind,
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
