//! Request handling: counts hits, applies a page's fault, routes `/<slug>/...` to the page's
//! dialect documents, answers conditional requests (`ETag`/`If-None-Match`, `Last-Modified`/
//! `If-Modified-Since`) with 304 unless the page sends no validators, and serves the
//! `/_control/` endpoints of a scenario.

use crate::codes::{etag, http_date, parse_http_date};
use crate::fault::{self, Fault};
use crate::history::PageCtx;
use crate::server::{PageEntry, Shared};
use crate::statuspage::MaintenanceFilter;
use crate::{incidentio, scenario, statuspage, Dialect};
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Router;
use chrono::{DateTime, SubsecRound, Utc};
use serde_json::Value;
use std::sync::Arc;

/// The whole app: one fallback handler, so every path (known or not) is counted.
pub(crate) fn router(shared: Arc<Shared>) -> Router {
    Router::new().fallback(handle).with_state(shared)
}

async fn handle(State(shared): State<Arc<Shared>>, request: Request) -> Response {
    let path = request.uri().path().to_string();
    let trimmed = path.trim_start_matches('/');
    let (slug, rest) = trimmed.split_once('/').unwrap_or((trimmed, ""));
    shared.count(slug, &path);
    let method = request.method().clone();
    if slug == "_control" {
        return scenario::control(&shared, &method, rest);
    }
    if let Some(fault) = shared.fault(slug) {
        if let Fault::Slow(wait) = fault {
            tokio::time::sleep(wait).await;
        } else if let Some(response) = fault::respond(&fault) {
            return response;
        }
    }
    if let Some((content_type, body)) = shared.document(&path) {
        return ([(header::CONTENT_TYPE, content_type)], body).into_response();
    }
    let Some(page) = shared.page(slug) else {
        return fault::html_page(StatusCode::NOT_FOUND);
    };
    if method != Method::GET && method != Method::HEAD {
        return fault::html_page(StatusCode::METHOD_NOT_ALLOWED);
    }
    let ctx = PageCtx {
        snapshot: &page.snapshot,
        slug,
        page_url: shared.page_url(slug),
        set_at: page.set_at,
    };
    match document(&page, &ctx, rest) {
        Some(doc) if !shared.sends_validators(slug) => plain_json_response(&doc),
        Some(doc) => json_response(&doc, page.set_at, request.headers()),
        None => fault::html_page(StatusCode::NOT_FOUND),
    }
}

/// The document at `rest` (the path after `/<slug>/`) for the page's dialect.
fn document(page: &PageEntry, ctx: &PageCtx, rest: &str) -> Option<Value> {
    match page.dialect {
        Dialect::Statuspage => Some(match rest {
            "api/v2/summary.json" => statuspage::summary_doc(ctx),
            "api/v2/status.json" => statuspage::status_doc(ctx),
            "api/v2/components.json" => statuspage::components_doc(ctx),
            "api/v2/incidents.json" => statuspage::incidents_doc(ctx, false),
            "api/v2/incidents/unresolved.json" => statuspage::incidents_doc(ctx, true),
            "api/v2/scheduled-maintenances.json" => {
                statuspage::maintenances_doc(ctx, MaintenanceFilter::All)
            }
            "api/v2/scheduled-maintenances/upcoming.json" => {
                statuspage::maintenances_doc(ctx, MaintenanceFilter::Upcoming)
            }
            "api/v2/scheduled-maintenances/active.json" => {
                statuspage::maintenances_doc(ctx, MaintenanceFilter::Active)
            }
            _ => return None,
        }),
        Dialect::IncidentIo => match rest {
            "api/v2/summary.json" => Some(incidentio::compat_summary_doc(ctx)),
            "api/v2/status.json" => Some(incidentio::compat_status_doc(ctx)),
            _ => {
                let proxied = rest.strip_prefix("proxy/")?;
                match proxied.split('/').collect::<Vec<_>>().as_slice() {
                    [host] if !host.is_empty() => Some(incidentio::summary_doc(ctx)),
                    [host, "incidents"] if !host.is_empty() => Some(incidentio::incidents_doc(ctx)),
                    _ => None,
                }
            }
        },
    }
}

/// 200 with the JSON body and no validators, whatever the request asked.
fn plain_json_response(doc: &Value) -> Response {
    match serde_json::to_vec(doc) {
        Ok(body) => (
            [(header::CONTENT_TYPE, "application/json; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(_) => fault::html_page(StatusCode::INTERNAL_SERVER_ERROR),
    }
}

/// Whether `If-None-Match` names `tag` (a list, weak tags and `*` allowed).
fn etag_matches(header_value: &str, tag: &str) -> bool {
    header_value.split(',').map(str::trim).any(|candidate| {
        candidate == "*" || candidate.strip_prefix("W/").unwrap_or(candidate) == tag
    })
}

/// 200 with the JSON body, `ETag` and `Last-Modified`; 304 with no body when the request's
/// validators still match.
pub(crate) fn json_response(doc: &Value, modified: DateTime<Utc>, request: &HeaderMap) -> Response {
    let body = match serde_json::to_vec(doc) {
        Ok(body) => body,
        Err(_) => return fault::html_page(StatusCode::INTERNAL_SERVER_ERROR),
    };
    let tag = etag(&body);
    let modified = modified.trunc_subsecs(0);
    let text = |name: header::HeaderName| request.get(name).and_then(|v| v.to_str().ok());
    let not_modified = match text(header::IF_NONE_MATCH) {
        Some(value) => etag_matches(value, &tag),
        None => text(header::IF_MODIFIED_SINCE)
            .and_then(parse_http_date)
            .is_some_and(|since| since >= modified),
    };
    let mut headers = HeaderMap::new();
    if let Ok(value) = HeaderValue::from_str(&tag) {
        headers.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&http_date(modified)) {
        headers.insert(header::LAST_MODIFIED, value);
    }
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("max-age=0, private, must-revalidate"),
    );
    if not_modified {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    (StatusCode::OK, headers, body).into_response()
}
