//! The status page of `lookout serve`, server-rendered HTML readable without JavaScript: `GET /`
//! (every provider, the worst first), `GET /providers/{id}` and
//! `GET /incidents/{provider id}/{incident id}` (the incident's page, addressed as in the API),
//! and the stylesheet, script and icon they use under `/assets/`. Every page carries a strict
//! Content-Security-Policy: no inline script or style, nothing from elsewhere.

use super::http::holds_token;
use super::page_detail::{incident_main, provider_main, ProviderPage};
use super::page_html::{document, text, Document};
use super::page_overview::{self as overview, Overview};
use super::routes::Served;
use axum::extract::{Path, State};
use axum::http::{header, HeaderMap, HeaderName, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use chrono::Local;
use lookout_api::ProviderDetail;
use lookout_core::ProviderId;
use lookout_engine::operations::history::HistoryWindow;
use lookout_engine::operations::incidents::IncidentFilter;
use std::sync::Arc;

/// The policy of every page: its own stylesheet, script, icon and requests (the script's), and
/// nothing else — no inline script or style, no frame, no form, no other origin.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
    img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; \
    frame-ancestors 'none'";

/// How many days the bars show, as the window's History view.
const HISTORY_DAYS: u32 = 90;
/// How many of a provider's incidents its page lists.
const PROVIDER_INCIDENTS: u32 = 20;

/// The page's routes, merged into the server's router (behind its guard and ETag layer).
pub fn routes() -> Router<Arc<Served>> {
    Router::new()
        .route("/", get(overview_page))
        .route("/providers/:provider", get(provider_page))
        .route("/incidents/:provider_id/*incident_id", get(incident_page))
        .route("/assets/:file", get(asset))
}

/// A page that could not be made: its status and what to say, as a small HTML page.
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    message: String,
}

impl PageError {
    fn not_found(message: impl Into<String>) -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }
}

/// The engine could not read the database: logged whole, the page says only that.
impl From<lookout_engine::EngineError> for PageError {
    fn from(error: lookout_engine::EngineError) -> PageError {
        log::error!("a status page could not be made: {error:#}");
        PageError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "The server could not read its database; see its log.".into(),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let head = Document {
            title: if self.status == StatusCode::NOT_FOUND {
                "Not found"
            } else {
                "Something went wrong"
            },
            now: None,
            live_events: false,
        };
        let main = format!(
            "<p>{}</p>\n<p><a href=\"/\">Back to the status of every service</a></p>\n",
            text(&self.message)
        );
        let mut response = html(document(&head, &main));
        *response.status_mut() = self.status;
        response
    }
}

/// An HTML answer with the page's security headers.
fn html(body: String) -> Response {
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CONTENT_SECURITY_POLICY, CSP),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "no-referrer"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    (headers, body).into_response()
}

/// Whether the reader may follow `/api/v1/events`: no token is needed or it sent it.
fn live(served: &Served, headers: &HeaderMap) -> bool {
    holds_token(&served.access, headers)
}

/// `GET /`.
async fn overview_page(
    State(served): State<Arc<Served>>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let lookout = &served.lookout;
    let now = lookout.clock.now();
    let boards = lookout.provider_boards().await?;
    let open = lookout
        .incidents(IncidentFilter {
            active_only: true,
            limit: Some(500),
            ..IncidentFilter::default()
        })
        .await?;
    let window = HistoryWindow::last_days(&Local, now, HISTORY_DAYS);
    let providers = boards.iter().map(|b| b.provider.clone()).collect();
    let mut page = Overview {
        providers: boards.iter().map(|b| ProviderDetail::new(b, now)).collect(),
        open,
        maintenance: lookout.maintenance_calendar().await?,
        history: lookout.uptime(providers, window).await?,
        now,
    };
    let main = overview::main(&mut page);
    let head = Document {
        title: "Status",
        now: Some(now),
        live_events: live(&served, &headers),
    };
    Ok(html(document(&head, &main)))
}

/// A provider's id in a page's path, as the API writes it (`7`).
fn provider_id(typed: &str) -> Option<ProviderId> {
    let id = typed.parse::<i64>().ok()?;
    (id.to_string() == typed).then(|| ProviderId::new(id))
}

/// `GET /providers/{id}`.
async fn provider_page(
    State(served): State<Arc<Served>>,
    Path(typed): Path<String>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let missing = || PageError::not_found(format!("No service is watched with the id {typed:?}."));
    let id = provider_id(&typed).ok_or_else(missing)?;
    let lookout = &served.lookout;
    let now = lookout.clock.now();
    let boards = lookout.provider_boards().await?;
    let board = boards
        .iter()
        .find(|b| b.provider.id == id)
        .ok_or_else(missing)?;
    let incidents = lookout
        .incidents(IncidentFilter {
            provider_id: Some(id),
            limit: Some(PROVIDER_INCIDENTS),
            ..IncidentFilter::default()
        })
        .await?;
    let mut maintenance = lookout.maintenance_calendar().await?;
    maintenance.retain(|entry| entry.stored.provider_id == id);
    let window = HistoryWindow::last_days(&Local, now, HISTORY_DAYS);
    let history = lookout.uptime(vec![board.provider.clone()], window).await?;
    let page = ProviderPage {
        detail: ProviderDetail::new(board, now),
        incidents,
        maintenance,
        history,
        now,
    };
    let title = text(&board.provider.name);
    let head = Document {
        title: &title,
        now: Some(now),
        live_events: live(&served, &headers),
    };
    Ok(html(document(&head, &provider_main(&page))))
}

/// `GET /incidents/{provider id}/{incident id}`: the vendor's id percent-encoded, or as it is,
/// slashes and all (as the API takes it).
async fn incident_page(
    State(served): State<Arc<Served>>,
    Path((provider, incident)): Path<(String, String)>,
    headers: HeaderMap,
) -> Result<Response, PageError> {
    let incident = incident.trim_start_matches('/').to_string();
    let missing = || PageError::not_found(format!("No stored incident is {provider}/{incident}."));
    let provider_id = provider_id(&provider).ok_or_else(missing)?;
    let lookout = &served.lookout;
    let found = lookout
        .incidents(IncidentFilter {
            provider_id: Some(provider_id),
            incident_id: Some(incident.clone()),
            limit: Some(1),
            ..IncidentFilter::default()
        })
        .await?;
    let stored = found.first().ok_or_else(missing)?;
    let now = lookout.clock.now();
    let title = text(&stored.incident.title);
    let head = Document {
        title: &title,
        now: Some(now),
        live_events: live(&served, &headers),
    };
    Ok(html(document(&head, &incident_main(stored, now))))
}

/// `GET /assets/{file}`: the page's stylesheet, script and icon, built into the binary.
async fn asset(Path(file): Path<String>) -> Result<Response, PageError> {
    let (kind, body) = match file.as_str() {
        "page.css" => ("text/css; charset=utf-8", include_str!("assets/page.css")),
        "page.js" => (
            "text/javascript; charset=utf-8",
            include_str!("assets/page.js"),
        ),
        "icon.svg" => ("image/svg+xml", include_str!("assets/icon.svg")),
        _ => return Err(PageError::not_found("No such file.")),
    };
    let headers: [(HeaderName, &str); 3] = [
        (header::CONTENT_TYPE, kind),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::CACHE_CONTROL, "no-cache"),
    ];
    Ok((headers, body).into_response())
}
