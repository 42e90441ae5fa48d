//! The routes of `/api/v1/`: each reads through the engine and answers with `lookout_api`'s
//! types, the JSON of the command's `--json` outputs. Their `#[utoipa::path]` is their entry in
//! the OpenAPI document.

use super::http::{etag, guard, no_such_route, ApiError};
use super::query::{provider_named, Cursor, HistoryQuery, IncidentsQuery, ProviderQuery};
use super::Access;
use super::{badge, calendar, events, feed, statuspage};
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{middleware, Json, Router};
use lookout_api::{
    ErrorBody, IncidentRow, MaintenanceRow, ProviderDetail, ProviderRow, ServiceRow, StatsReport,
    UptimeReport,
};
use lookout_core::ProviderId;
use lookout_engine::operations::incidents::IncidentFilter;
use lookout_engine::Lookout;
use std::sync::Arc;

/// What every route reads: the engine, who may read, and the OpenAPI document (made once).
#[derive(Debug)]
pub struct Served {
    /// The engine.
    pub lookout: Lookout,
    /// The token, CORS and links.
    pub access: Access,
    /// `/api/v1/openapi.json`.
    pub openapi: String,
    /// One permit per client following `/api/v1/events`.
    pub event_clients: Arc<tokio::sync::Semaphore>,
    /// How long a quiet event stream waits before a heartbeat comment.
    pub heartbeat: std::time::Duration,
    /// `/api/v1/providers`, made once for every client asking within a second.
    pub providers_answer: super::fresh::Fresh,
}

type Answer<T> = Result<Json<T>, ApiError>;

/// The API's routes, the feeds, the calendar, the badges and the status page, behind the guard (token, reads
/// only) and the ETag layer.
pub fn app(served: Arc<Served>) -> Router {
    Router::new()
        .route("/api/v1/providers", get(providers))
        .route("/api/v1/providers/:id", get(provider))
        .route("/api/v1/incidents", get(incidents))
        .route("/api/v1/incidents/:provider_id/*incident_id", get(incident))
        .route("/api/v1/uptime", get(uptime))
        .route("/api/v1/stats", get(stats))
        .route("/api/v1/maintenance", get(maintenance))
        .route("/api/v1/services", get(services))
        .route("/api/v1/openapi.json", get(openapi))
        .route("/api/v1/events", get(events::events))
        .route("/feed.atom", get(feed::all_providers))
        .route("/providers/:provider/feed.atom", get(feed::one_provider))
        .route(
            "/providers/:provider/api/v2/summary.json",
            get(statuspage::summary),
        )
        .route(
            "/providers/:provider/api/v2/incidents.json",
            get(statuspage::incidents),
        )
        .route("/maintenance.ics", get(calendar::maintenance))
        .route("/badge/:file", get(badge::status))
        .route("/badge/:provider/uptime.svg", get(badge::uptime))
        .merge(super::page::routes())
        .fallback(no_such_route)
        .layer(middleware::from_fn(etag))
        .layer(middleware::from_fn_with_state(served.clone(), guard))
        .route("/mcp", super::mcp_http::route(&served))
        .with_state(served)
}

/// A query string that does not parse: 400 saying why.
fn query<T>(parsed: Result<Query<T>, QueryRejection>) -> Result<T, ApiError> {
    parsed
        .map(|Query(query)| query)
        .map_err(|rejection| ApiError::bad_request(rejection.body_text()))
}

/// A provider's id in a path: written as the API gives it (`7`), else 400.
fn provider_id(text: &str) -> Result<ProviderId, ApiError> {
    match text.parse::<i64>() {
        Ok(id) if id.to_string() == text => Ok(ProviderId::new(id)),
        _ => Err(ApiError::bad_request(format!(
            "{text:?} is not a provider's id (a number, as /api/v1/providers gives it)"
        ))),
    }
}

/// Every watched provider with its status.
#[utoipa::path(get, path = "/api/v1/providers", tag = "providers",
    responses(
        (status = 200, description = "Every provider, by id (as `lookout list --json`).",
            body = Vec<ProviderRow>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody)))]
pub async fn providers(State(served): State<Arc<Served>>) -> Result<Response, ApiError> {
    let lookout = &served.lookout;
    let (mark, now) = (lookout.change_mark().await?, lookout.clock.now());
    let body = served
        .providers_answer
        .get_or(mark, now, || async {
            let boards = lookout.provider_boards().await?;
            let rows: Vec<ProviderRow> = boards.iter().map(|b| ProviderRow::new(b, now)).collect();
            let body = serde_json::to_vec(&rows).map_err(anyhow::Error::from)?;
            Ok::<_, ApiError>(axum::body::Bytes::from(body))
        })
        .await?;
    let json = HeaderValue::from_static("application/json");
    Ok(([(header::CONTENT_TYPE, json)], body).into_response())
}

/// One provider with its components.
#[utoipa::path(get, path = "/api/v1/providers/{id}", tag = "providers",
    params(("id" = i64, Path, description = "The provider's id.")),
    responses(
        (status = 200, description = "The provider and its components, in page order.",
            body = ProviderDetail, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 400, description = "Not a provider's id.", body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 404, description = "No provider has this id.", body = ErrorBody)))]
pub async fn provider(
    State(served): State<Arc<Served>>,
    id: Result<Path<String>, PathRejection>,
) -> Answer<ProviderDetail> {
    let Path(id) = id.map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let id = provider_id(&id)?;
    let lookout = &served.lookout;
    let now = lookout.clock.now();
    let boards = lookout.provider_boards().await?;
    let board = boards.iter().find(|b| b.provider.id == id);
    let board = board.ok_or_else(|| ApiError::not_found(format!("no provider #{id}")))?;
    Ok(Json(ProviderDetail::new(board, now)))
}

/// Stored incidents, newest first (best match first when searching), in pages.
#[utoipa::path(get, path = "/api/v1/incidents", tag = "incidents", params(IncidentsQuery),
    responses(
        (status = 200, description = "A page of incidents with their timelines (as `lookout \
            incidents --json`); when more are left, `Link: <…>; rel=\"next\"` gives the next page.",
            body = Vec<IncidentRow>, headers(("ETag" = String), ("Link" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 400, description = "A parameter is wrong.", body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 404, description = "No such provider.", body = ErrorBody)))]
pub async fn incidents(
    State(served): State<Arc<Served>>,
    uri: Uri,
    asked: Result<Query<IncidentsQuery>, QueryRejection>,
) -> Result<Response, ApiError> {
    let asked = query(asked)?;
    let lookout = &served.lookout;
    let (filter, limit) = asked.filter(lookout).await?;
    let (searching, skipped) = (filter.search.is_some(), filter.offset);
    let mut page = lookout.incidents(filter).await?;
    let more = page.len() > limit as usize;
    page.truncate(limit as usize);
    let rows: Vec<IncidentRow> = page.iter().map(IncidentRow::new).collect();
    let mut response = Json(rows).into_response();
    if let Some(next) = Cursor::after(&page, searching, skipped).filter(|_| more) {
        let link = next_link(&served.access.public_url, &uri, &next.encode());
        if let Ok(value) = HeaderValue::from_str(&link) {
            response.headers_mut().insert(header::LINK, value);
        }
    }
    Ok(response)
}

/// `<base/path?query with cursor>; rel="next"`: the request's own query, its cursor replaced.
fn next_link(base: &str, uri: &Uri, cursor: &str) -> String {
    let mut pairs: Vec<&str> = uri
        .query()
        .unwrap_or_default()
        .split('&')
        .filter(|pair| !pair.is_empty() && !pair.starts_with("cursor="))
        .collect();
    let cursor = format!("cursor={cursor}");
    pairs.push(&cursor);
    format!("<{base}{}?{}>; rel=\"next\"", uri.path(), pairs.join("&"))
}

/// One incident with its whole timeline.
#[utoipa::path(get, path = "/api/v1/incidents/{provider_id}/{incident_id}", tag = "incidents",
    params(
        ("provider_id" = i64, Path, description = "The provider's id."),
        ("incident_id" = String, Path,
            description = "The vendor's id of the incident, percent-encoded.")),
    responses(
        (status = 200, description = "The incident (as one of `lookout incidents --json`).",
            body = IncidentRow, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 400, description = "Not a provider's id.", body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 404, description = "No such incident.", body = ErrorBody)))]
pub async fn incident(
    State(served): State<Arc<Served>>,
    ids: Result<Path<(String, String)>, PathRejection>,
) -> Answer<IncidentRow> {
    let Path((provider, incident)) =
        ids.map_err(|rejection| ApiError::bad_request(rejection.body_text()))?;
    let provider_id = provider_id(&provider)?;
    let incident = incident.trim_start_matches('/').to_string();
    let filter = IncidentFilter {
        provider_id: Some(provider_id),
        incident_id: Some(incident.clone()),
        limit: Some(1),
        ..IncidentFilter::default()
    };
    let found = served.lookout.incidents(filter).await?;
    let stored = found.first().ok_or_else(|| {
        ApiError::not_found(format!(
            "provider #{provider_id} has no incident {incident:?}"
        ))
    })?;
    Ok(Json(IncidentRow::new(stored)))
}

/// Each component's exact downtime over the last days.
#[utoipa::path(get, path = "/api/v1/uptime", tag = "history", params(HistoryQuery),
    responses(
        (status = 200, description = "As `lookout uptime --json`.", body = UptimeReport,
            headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 400, description = "A parameter is wrong.", body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 404, description = "No such provider.", body = ErrorBody)))]
pub async fn uptime(
    State(served): State<Arc<Served>>,
    asked: Result<Query<HistoryQuery>, QueryRejection>,
) -> Answer<UptimeReport> {
    let lookout = &served.lookout;
    let (providers, window) = query(asked)?.resolve(lookout, lookout.clock.now()).await?;
    Ok(Json(lookout.uptime(providers, window).await?))
}

/// Each provider's incident figures over the last days.
#[utoipa::path(get, path = "/api/v1/stats", tag = "history", params(HistoryQuery),
    responses(
        (status = 200, description = "As `lookout stats --json`.", body = StatsReport,
            headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 400, description = "A parameter is wrong.", body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 404, description = "No such provider.", body = ErrorBody)))]
pub async fn stats(
    State(served): State<Arc<Served>>,
    asked: Result<Query<HistoryQuery>, QueryRejection>,
) -> Answer<StatsReport> {
    let lookout = &served.lookout;
    let (providers, window) = query(asked)?.resolve(lookout, lookout.clock.now()).await?;
    Ok(Json(lookout.stats(providers, window).await?))
}

/// Your services and whether a vendor's trouble affects them.
#[utoipa::path(get, path = "/api/v1/services", tag = "services",
    responses(
        (status = 200, description = "As `lookout services --json`: the affected first, then by \
            criticality.", body = Vec<ServiceRow>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody)))]
pub async fn services(State(served): State<Arc<Served>>) -> Answer<Vec<ServiceRow>> {
    let states = served.lookout.services().await?;
    Ok(Json(states.iter().map(ServiceRow::new).collect()))
}

/// The planned maintenance the vendors announced.
#[utoipa::path(get, path = "/api/v1/maintenance", tag = "maintenance", params(ProviderQuery),
    responses(
        (status = 200, description = "Every stored maintenance, soonest first.",
            body = Vec<MaintenanceRow>, headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 400, description = "A parameter is wrong.", body = ErrorBody),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody),
        (status = 404, description = "No such provider.", body = ErrorBody)))]
pub async fn maintenance(
    State(served): State<Arc<Served>>,
    asked: Result<Query<ProviderQuery>, QueryRejection>,
) -> Answer<Vec<MaintenanceRow>> {
    let lookout = &served.lookout;
    let provider = match query(asked)?.provider {
        Some(typed) => Some(provider_named(lookout, &typed).await?),
        None => None,
    };
    let stored = lookout.maintenances(provider).await?;
    Ok(Json(stored.iter().map(MaintenanceRow::new).collect()))
}

/// This API's OpenAPI 3.1 document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses(
        (status = 200, description = "The OpenAPI 3.1 document of this API.",
            content_type = "application/json", headers(("ETag" = String))),
        (status = 304, description = "Unchanged since the ETag given in If-None-Match."),
        (status = 401, description = "The token is missing or wrong.", body = ErrorBody)))]
pub async fn openapi(State(served): State<Arc<Served>>) -> Response {
    let kind = [(header::CONTENT_TYPE, "application/json")];
    (kind, served.openapi.clone()).into_response()
}
