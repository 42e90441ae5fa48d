//! `GET /providers/{id}/api/v2/summary.json` and `…/incidents.json`: each watched provider as
//! Statuspage v2 documents ([`lookout_api::statuspage`]), so another Lookout — or any Statuspage
//! client — follows this server's reading of a vendor as it would follow the vendor's own page:
//! `lookout add http://HOST:8787/providers/7/`. A provider this server cannot read or believe now
//! answers 503 with why, so a follower shows it unknown, never the last green it saw. The
//! token guards them as it guards the API.

use super::http::ApiError;
use super::query::provider_named;
use super::routes::Served;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};
use axum::Json;
use lookout_api::statuspage::{self, Republished};
use lookout_core::ProviderId;
use lookout_engine::operations::incidents::IncidentFilter;
use lookout_engine::operations::providers::ProviderDetail;
use std::sync::Arc;

/// How many incidents `incidents.json` lists, newest first (Statuspage lists 50).
const INCIDENTS_LISTED: u32 = 50;

/// The provider named in the path, read now: 404 when there is none, 503 while this server
/// cannot read or believe its page.
async fn readable(served: &Served, typed: &str) -> Result<(ProviderId, ProviderDetail), ApiError> {
    let lookout = &served.lookout;
    let id = provider_named(lookout, typed).await?;
    let detail = lookout.provider_detail(id).await?;
    if let Some(why) = &detail.board.unknown {
        let why = match &detail.board.state.last_error {
            Some(error) => format!("{}: {error}", why.describe(lookout.clock.now())),
            None => why.describe(lookout.clock.now()),
        };
        return Err(ApiError::unavailable(
            "unknown",
            format!(
                "this server cannot read {} now ({why})",
                detail.board.provider.name
            ),
        ));
    }
    Ok((id, detail))
}

/// What the documents are made of, for `detail`.
fn republished<'a>(page_id: &'a str, url: &'a str, detail: &'a ProviderDetail) -> Republished<'a> {
    Republished {
        page_id,
        name: &detail.board.provider.name,
        url,
        status: &detail.board.status,
        components: &detail.board.components,
        updated_at: detail.board.state.last_success_at,
    }
}

/// `summary.json`: components, incidents not yet resolved, maintenance not yet completed.
pub async fn summary(
    State(served): State<Arc<Served>>,
    Path(typed): Path<String>,
) -> Result<Response, ApiError> {
    let (id, detail) = readable(&served, &typed).await?;
    let (page_id, url) = names(&served, id);
    let open: Vec<_> = detail
        .active_incidents
        .iter()
        .map(|i| i.incident.clone())
        .collect();
    let page = republished(&page_id, &url, &detail);
    Ok(Json(statuspage::summary(page, &open, &detail.maintenances)).into_response())
}

/// `incidents.json`: the latest incidents, resolved ones included, each whole.
pub async fn incidents(
    State(served): State<Arc<Served>>,
    Path(typed): Path<String>,
) -> Result<Response, ApiError> {
    let (id, detail) = readable(&served, &typed).await?;
    let filter = IncidentFilter {
        provider_id: Some(id),
        limit: Some(INCIDENTS_LISTED),
        ..IncidentFilter::default()
    };
    let list: Vec<_> = served
        .lookout
        .incidents(filter)
        .await?
        .into_iter()
        .map(|i| i.incident)
        .collect();
    let (page_id, url) = names(&served, id);
    let page = republished(&page_id, &url, &detail);
    Ok(Json(statuspage::incidents(page, &list)).into_response())
}

/// The page's id in the documents and where people see it on this server.
fn names(served: &Served, id: ProviderId) -> (String, String) {
    (
        format!("lookout-{id}"),
        format!("{}/providers/{id}", served.access.public_url),
    )
}
