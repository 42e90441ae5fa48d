//! `/mcp`: `lookout mcp`'s server over the MCP streamable HTTP transport (rmcp's tower service),
//! its reading tools only, each session over serve's own engine. Behind the API's token rules:
//! the token whenever the server has one (`--public` does not open it); without one (loopback
//! only) the `Host` must be a loopback name or `--public-url`'s host, so that a web page cannot
//! reach it by DNS rebinding. Browsers are refused (any request with an `Origin`): it is for MCP
//! clients, not pages.

use super::http::unauthorized;
use super::routes::Served;
use crate::listener::LongLived;
use crate::mcp::McpServer;
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService};
use std::sync::Arc;

/// The most bytes one MCP request carries (the tools' arguments are a few names and dates).
const MAX_REQUEST_BYTES: usize = 256 << 10;

/// The `/mcp` route: the token checked, then the MCP session's own handling.
pub fn route(served: &Arc<Served>) -> MethodRouter<Arc<Served>> {
    let lookout = served.lookout.clone();
    let mcp = StreamableHttpService::new(
        move || Ok(McpServer::served(lookout.clone())),
        Arc::new(LocalSessionManager::default()),
        config(served),
    );
    axum::routing::any_service(mcp).layer(middleware::from_fn_with_state(
        served.clone(),
        token_then_mcp,
    ))
}

/// What hosts may be named, and the browser refusal.
fn config(served: &Served) -> StreamableHttpServerConfig {
    let config = StreamableHttpServerConfig::default()
        .with_max_request_body_bytes(MAX_REQUEST_BYTES)
        .enforce_origin_validation();
    if served.access.token.is_some() {
        // Every request proves itself with the token: any name may reach the server.
        return config.disable_allowed_hosts();
    }
    let mut hosts = vec!["localhost".to_string(), "127.0.0.1".into(), "::1".into()];
    hosts.extend(public_host(&served.access.public_url));
    config.with_allowed_hosts(hosts)
}

/// The host (and port, when given) of `--public-url`.
fn public_host(public_url: &str) -> Option<String> {
    let rest = public_url.split_once("://")?.1;
    let authority = rest.split('/').next()?;
    (!authority.is_empty()).then(|| authority.to_string())
}

/// The token, as for the API (`--public` does not open `/mcp`); a stream of the session's events
/// keeps its connection past the connections' lifetime, as `/api/v1/events` does.
async fn token_then_mcp(
    State(served): State<Arc<Served>>,
    request: Request,
    next: Next,
) -> Response {
    let token = served.access.token.as_ref();
    if !token.is_none_or(|t| t.allows(request.headers())) {
        return unauthorized(false);
    }
    let long_lived = request.extensions().get::<LongLived>().cloned();
    let response = next.run(request).await.into_response();
    let streamed = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|kind| kind.as_bytes().starts_with(b"text/event-stream"));
    if let (true, Some(long_lived)) = (streamed, long_lived) {
        long_lived.mark();
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_public_url_host_is_its_authority() {
        assert_eq!(
            public_host("https://status.example.com").as_deref(),
            Some("status.example.com")
        );
        assert_eq!(
            public_host("http://10.0.0.2:8787/lookout").as_deref(),
            Some("10.0.0.2:8787")
        );
        assert_eq!(public_host(""), None);
    }
}
