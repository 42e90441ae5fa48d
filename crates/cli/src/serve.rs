//! `lookout serve`: the engine exactly as `lookout watch` runs it (polls, probes, alerts) and,
//! beside it, a read-only HTTP API of what it knows under `/api/v1/` — the same JSON as the
//! command's `--json` outputs (`lookout_api`), with its OpenAPI document and a live stream of
//! events — an Atom feed of incident updates, a calendar of maintenance, status badges, a
//! status page for people (server-rendered HTML), and `lookout mcp`'s reading tools over MCP's
//! streamable HTTP transport at `/mcp`.
//! Private by default: an address other machines can reach is refused without a token.

mod badge;
mod calendar;
mod events;
mod feed;
mod fresh;
mod http;
mod mcp_http;
mod openapi;
mod page;
mod page_detail;
mod page_html;
mod page_overview;
#[cfg(test)]
mod page_tests;
mod query;
mod routes;
mod statuspage;

use crate::listener::{self, Limits, Token};
use crate::watching;
use anyhow::{bail, Result};
use axum::http::HeaderValue;
use lookout_engine::Lookout;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

/// What `lookout serve` is asked.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Where to answer HTTP. An address other machines can reach (0.0.0.0, a LAN address) is
    /// refused without --token-file.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8787")]
    pub listen: SocketAddr,
    /// A file whose first line is the token every request must then carry as
    /// `Authorization: Bearer <token>` (printable ASCII, no spaces; a browser reading the status
    /// page asks for it, and sends it as the password of Basic credentials); never printed or
    /// logged.
    #[arg(long, value_name = "FILE")]
    pub token_file: Option<PathBuf>,
    /// The address people reach this server at (https://status.example.com behind a reverse
    /// proxy): the base of the links it gives (the next page of incidents, the feeds' links), and
    /// its host the name in the feeds' and the calendar's ids.
    #[arg(long, value_name = "URL", value_parser = parse_public_url)]
    pub public_url: Option<String>,
    /// With --token-file: the status page, the feeds, the maintenance calendar and the badges are
    /// readable without the token (the API, its events and /mcp still ask for it).
    #[arg(long, requires = "token_file")]
    pub public: bool,
    /// Let the web pages of this origin (https://dash.example.com) read the API from a browser:
    /// CORS headers for it alone. None without it.
    #[arg(long, value_name = "ORIGIN", value_parser = parse_origin)]
    pub cors: Option<String>,
    /// How many clients may follow /api/v1/events at once; one more is answered 503.
    #[arg(long, value_name = "N", default_value_t = 1024,
        value_parser = clap::value_parser!(u32).range(1..=100_000))]
    pub max_event_clients: u32,
    /// Serve /metrics and /healthz on this address too, exactly as `lookout watch --metrics`.
    #[arg(long, value_name = "ADDR")]
    pub metrics: Option<SocketAddr>,
    /// The token of --metrics, as `lookout watch --metrics-token-file`.
    #[arg(long, value_name = "PATH", requires = "metrics")]
    pub metrics_token_file: Option<PathBuf>,
}

/// How the API is served: read and checked before the database is opened or anything bound.
#[derive(Debug)]
pub struct Prepared {
    listen: SocketAddr,
    access: Access,
    max_event_clients: usize,
    metrics: Option<crate::metrics::Endpoint>,
}

/// Who may read what, and from which web origin.
#[derive(Debug, Clone)]
pub struct Access {
    /// The token every API request carries (none: any request on loopback).
    pub token: Option<Token>,
    /// The status page, the feeds, the calendar and the badges readable without the token.
    pub public: bool,
    /// The origin given CORS headers.
    pub cors: Option<HeaderValue>,
    /// The base of the links given.
    pub public_url: String,
}

/// How many connections the API keeps open at once: a team's tray apps and browsers, each with a
/// keep-alive connection or two, well under the common limit of 1,024 file descriptors.
const MAX_CONNECTIONS: usize = 256;

/// Reads the token and refuses an exposed address without one, before anything is opened.
pub fn prepare(args: ServeArgs) -> Result<Prepared> {
    let token = args
        .token_file
        .as_deref()
        .map(Token::from_file)
        .transpose()?;
    if token.is_none() && listener::is_exposed(args.listen) {
        bail!(
            "--listen {} can be reached from other machines: give --token-file FILE (a token every \
             request must then carry as `Authorization: Bearer <token>`), or listen on a loopback \
             address such as 127.0.0.1:{}",
            args.listen,
            args.listen.port()
        );
    }
    let metrics = crate::metrics::endpoint(args.metrics, args.metrics_token_file.as_deref())?;
    let cors = match args.cors {
        Some(origin) => Some(HeaderValue::from_str(&origin)?),
        None => None,
    };
    Ok(Prepared {
        listen: args.listen,
        access: Access {
            token,
            public: args.public,
            cors,
            public_url: args.public_url.unwrap_or_default(),
        },
        max_event_clients: args.max_event_clients as usize,
        metrics,
    })
}

/// `lookout serve`, until Ctrl-C or SIGTERM: then the server stops answering and the engine
/// stops in order (as `lookout watch` does); exits 0.
pub async fn serve(lookout: Lookout, prepared: Prepared) -> Result<u8> {
    let observer = watching::start_metrics(&lookout, false, prepared.metrics).await?;
    let socket = listener::bind(prepared.listen, "the API").await?;
    let bound = socket.local_addr()?;
    let app = routes::app(Arc::new(routes::Served {
        lookout: lookout.clone(),
        access: prepared.access,
        openapi: openapi::document(),
        event_clients: Arc::new(tokio::sync::Semaphore::new(prepared.max_event_clients)),
        heartbeat: events::HEARTBEAT,
        providers_answer: fresh::Fresh::default(),
    }));
    // The clients following the events hold their connections: room for them besides.
    let limits = Limits {
        max_connections: MAX_CONNECTIONS + prepared.max_event_clients,
        ..Limits::default()
    };
    let serving = listener::spawn(socket, app, None, limits);
    crate::output::stderr_line(
        log::Level::Info,
        format_args!(
            "lookout: serving the status page at http://{bound}/, the API at http://{bound}/api/v1/ \
             and MCP at http://{bound}/mcp"
        ),
    );
    watching::run_engine_until_stopped(&lookout, observer, async move { serving.stop() }).await;
    Ok(0)
}

/// An http(s) URL without query or fragment, its trailing slash dropped.
fn parse_public_url(text: &str) -> Result<String, String> {
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("give an http:// or https:// URL")?;
    if rest.is_empty() || rest.contains(['?', '#', ' ', '<', '>', '"']) {
        return Err("give a URL with a host and no query, fragment or spaces".into());
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// A web origin: `scheme://host[:port]`, nothing after.
fn parse_origin(text: &str) -> Result<String, String> {
    let host = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("an origin is scheme://host[:port], such as https://dash.example.com")?;
    let fine = !host.is_empty()
        && host
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b':' | b'[' | b']'));
    if !fine {
        return Err(
            "an origin is scheme://host[:port], with no path, such as https://dash.example.com"
                .into(),
        );
    }
    Ok(text.to_string())
}
