//! Google Cloud status parser (`https://status.cloud.google.com/incidents.json`): the whole
//! incident history as a JSON array, turned into incidents and the components they touch.
//!
//! Decisions worth knowing:
//! - Impact comes from `status_impact`: `SERVICE_INFORMATION` → minor, `SERVICE_DISRUPTION` →
//!   major, `SERVICE_OUTAGE` → critical; without it from `severity` (low/medium/high). Anything
//!   else is kept as `Other`.
//! - An incident is open while `end` is missing, empty or unreadable; then its status is
//!   `investigating` (GCP has no finer words), else `resolved` with `end` as the vendor's end.
//! - An update's status is `resolved` when GCP says `AVAILABLE`, else `investigating`; its time is
//!   `when`, else `created`, else `modified`; its id is `<incident id>/<that raw time>`.
//! - The feed lists no components, so they are synthesised from the `affected_products` of the
//!   open incidents: `SERVICE_OUTAGE` → major outage, `SERVICE_DISRUPTION` → partial outage,
//!   `SERVICE_INFORMATION` → degraded performance (GCP posts "information" while customers see
//!   errors, so it is not operational), anything else → unknown; the worst wins per product.
//! - An incident with no readable time at all is skipped.
//! - Google's other dashboards (Firebase, Workspace, Maps Platform, Ads) serve the same document
//!   below their own pages; [`fit_to_dashboard`] gives a snapshot read there that page's name and
//!   links.

use crate::error::SourceError;
use crate::model::{sorted_snapshot, Component, Incident, IncidentUpdate, PageInfo, Snapshot};
use crate::sources::non_empty;
use crate::sources::time::parse_opt_unbounded;
use crate::status::{ComponentStatus, Impact, IncidentStatus};
use crate::timeline;
use serde::Deserialize;

use url::Url;

const WHAT: &str = "Google Cloud incidents.json";
const BASE: &str = "https://status.cloud.google.com/";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireIncident {
    id: Option<String>,
    begin: Option<String>,
    created: Option<String>,
    end: Option<String>,
    modified: Option<String>,
    external_desc: Option<String>,
    updates: Option<Vec<WireUpdate>>,
    status_impact: Option<String>,
    severity: Option<String>,
    service_name: Option<String>,
    affected_products: Option<Vec<WireProduct>>,
    uri: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireUpdate {
    created: Option<String>,
    modified: Option<String>,
    when: Option<String>,
    text: Option<String>,
    status: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireProduct {
    title: Option<String>,
    id: Option<String>,
}

/// Parses `incidents.json`: every readable incident (newest first) and, as components, the
/// products affected by the open ones.
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    let raw: Vec<WireIncident> =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let incidents = raw.iter().filter_map(incident).collect();
    let page = PageInfo {
        id: None,
        name: Some("Google Cloud".to_string()),
        url: Some(BASE.to_string()),
    };
    Ok(sorted_snapshot(
        page,
        components(&raw),
        incidents,
        Vec::new(),
    ))
}

/// Google's dashboards in this format other than Google Cloud's, by host and path below it.
const DASHBOARDS: [(&str, &str, &str); 4] = [
    ("status.firebase.google.com", "/", "Firebase"),
    (
        "www.google.com",
        "/appsstatus/dashboard/",
        "Google Workspace",
    ),
    (
        "status.cloud.google.com",
        "/maps-platform/",
        "Google Maps Platform",
    ),
    ("ads.google.com", "/status/publisher/", "Google Ads"),
];

/// The name of the Google dashboard whose page is `base`, when it is a known one.
pub fn dashboard_name(base: &Url) -> Option<&'static str> {
    let host = base.host_str()?;
    DASHBOARDS
        .iter()
        .find(|(h, path, _)| host.eq_ignore_ascii_case(h) && base.path() == *path)
        .map(|(_, _, name)| *name)
}

/// Fits a snapshot read from the `incidents.json` below `base` to that page, when it is not
/// Google Cloud's own: the page's name (a known dashboard's, else none) and address, and each
/// incident's link under it rather than under Google Cloud's.
pub fn fit_to_dashboard(snapshot: &mut Snapshot, base: &Url) {
    if base.as_str() == BASE {
        return;
    }
    snapshot.page.name = dashboard_name(base).map(str::to_string);
    snapshot.page.url = Some(base.to_string());
    for incident in &mut snapshot.incidents {
        if let Some(link) = incident.url.as_deref().and_then(|u| u.strip_prefix(BASE)) {
            // Under this page only: a vendor's `uri` never leads a link to another site.
            incident.url = base
                .join(link)
                .ok()
                .map(String::from)
                .filter(|joined| joined.starts_with(base.as_str()));
        }
    }
}

fn impact(raw: &WireIncident) -> Impact {
    match non_empty(raw.status_impact.as_deref()) {
        Some(word) => match word.to_ascii_uppercase().as_str() {
            "SERVICE_INFORMATION" => Impact::Minor,
            "SERVICE_DISRUPTION" => Impact::Major,
            "SERVICE_OUTAGE" => Impact::Critical,
            _ => Impact::Other(word.to_string()),
        },
        None => match non_empty(raw.severity.as_deref()) {
            Some(word) => match word.to_ascii_lowercase().as_str() {
                "low" => Impact::Minor,
                "medium" => Impact::Major,
                "high" => Impact::Critical,
                _ => Impact::Other(word.to_string()),
            },
            None => Impact::None,
        },
    }
}

fn product_status(status_impact: Option<&str>) -> ComponentStatus {
    match non_empty(status_impact)
        .map(str::to_ascii_uppercase)
        .as_deref()
    {
        Some("SERVICE_OUTAGE") => ComponentStatus::MajorOutage,
        Some("SERVICE_DISRUPTION") => ComponentStatus::PartialOutage,
        Some("SERVICE_INFORMATION") => ComponentStatus::DegradedPerformance,
        _ => ComponentStatus::Unknown,
    }
}

/// True while the incident has no readable `end`.
fn is_open(raw: &WireIncident) -> bool {
    parse_opt_unbounded(raw.end.as_deref()).is_none()
}

/// (id, title) of each affected product; the title stands in for a missing id.
fn products(raw: &WireIncident) -> Vec<(String, String)> {
    raw.affected_products
        .iter()
        .flatten()
        .filter_map(|p| {
            let title = non_empty(p.title.as_deref());
            let id = non_empty(p.id.as_deref()).or(title)?;
            Some((id.to_string(), title.unwrap_or(id).to_string()))
        })
        .collect()
}

fn updates(raw: &WireIncident, incident_id: &str) -> Vec<IncidentUpdate> {
    let mut out: Vec<IncidentUpdate> = raw
        .updates
        .iter()
        .flatten()
        .filter_map(|u| {
            let stamp = [&u.when, &u.created, &u.modified]
                .into_iter()
                .find_map(|t| {
                    non_empty(t.as_deref()).filter(|t| parse_opt_unbounded(Some(t)).is_some())
                })?;
            let at = parse_opt_unbounded(Some(stamp))?;
            let status = match non_empty(u.status.as_deref()) {
                Some(word) if word.eq_ignore_ascii_case("AVAILABLE") => IncidentStatus::Resolved,
                _ => IncidentStatus::Investigating,
            };
            Some(IncidentUpdate {
                id: format!("{incident_id}/{stamp}"),
                status,
                body: u.text.clone().unwrap_or_default(),
                at,
                components: Vec::new(),
            })
        })
        .collect();
    timeline::sort_and_dedup(&mut out);
    out
}

fn incident(raw: &WireIncident) -> Option<Incident> {
    let id = non_empty(raw.id.as_deref())?.to_string();
    let updates = updates(raw, &id);
    let begin = parse_opt_unbounded(raw.begin.as_deref());
    let created = parse_opt_unbounded(raw.created.as_deref());
    let fallback = begin
        .or(created)
        .or_else(|| parse_opt_unbounded(raw.modified.as_deref()))
        .or_else(|| parse_opt_unbounded(raw.end.as_deref()))
        .or_else(|| updates.first().map(|u| u.at))?;
    let started_at = timeline::started_at(&updates, &[begin, created], fallback);
    let status = if is_open(raw) {
        IncidentStatus::Investigating
    } else {
        IncidentStatus::Resolved
    };
    let resolved_at =
        timeline::resolved_at(&status, &updates, parse_opt_unbounded(raw.end.as_deref()))
            .map(|end| end.max(started_at));
    let title = non_empty(raw.external_desc.as_deref())
        .or(non_empty(raw.service_name.as_deref()))
        .unwrap_or(&id)
        .to_string();
    let url =
        non_empty(raw.uri.as_deref()).map(|uri| format!("{BASE}{}", uri.trim_start_matches('/')));
    Some(Incident {
        title,
        impact: impact(raw),
        status,
        started_at,
        resolved_at,
        url,
        updates,
        component_ids: products(raw).into_iter().map(|(id, _)| id).collect(),
        id,
    })
}

/// Products touched by open incidents, each at the worst status an open incident gives it.
fn components(raw: &[WireIncident]) -> Vec<Component> {
    let mut gathered = super::WorstById::default();
    for incident in raw.iter().filter(|i| is_open(i)) {
        let status = product_status(incident.status_impact.as_deref());
        for (id, name) in products(incident) {
            gathered.add_ungrouped(id, name, &status);
        }
    }
    gathered.into_ranked_by(|a, b| a.name.cmp(&b.name).then_with(|| a.id.cmp(&b.id)))
}
