//! Instatus `/v2/incidents.json`: the page's incident history with timelines.
//!
//! Not sampled in the wild: the shape follows Instatus's documented incident object (its REST
//! API's "Get all page incidents"): `[{id, name, status, impact?, started, resolved?, updatedAt?,
//! url?, components:[{id, name, status}], updates:[{id, message, messageHtml?, status, started?,
//! createdAt}]}]`. Read tolerantly:
//! - The top level is an array, or an object holding it under `incidents` (with an optional
//!   `page`); anything else is malformed. A record of the wrong shape is skipped, not fatal.
//! - Enum words in any case (`RESOLVED`, `resolved`); unknown ones are kept as `Other`.
//! - An update's time is `started` (Instatus's displayed time), else `createdAt`, else
//!   `updatedAt`; its text is `message`, else `text`, else `markdown`, else `messageHtml`; its id
//!   is `id`, else `<incident id>/<that raw time>`. An update with no readable time is skipped.
//! - Without a `status`, an incident is resolved when it has a readable `resolved` time, else it
//!   takes its newest update's status, else `investigating`.
//! - No components are produced: the `components` of a record (their current statuses, not the
//!   incident's) only give the incident's `component_ids`; `/v2/components.json` owns components.
//! - An incident with no id (nor URL to take one from) or no readable time is skipped.

use super::{id_or_url_tail, impact, time};
use crate::error::SourceError;
use crate::model::{Incident, IncidentUpdate, PageInfo, Snapshot};
use crate::sources::{malformed, non_empty};
use crate::status::IncidentStatus;
use crate::timeline;
use serde::Deserialize;
use serde_json::Value;

const WHAT: &str = "Instatus incidents.json";

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireIncident {
    id: Option<Value>,
    name: Option<String>,
    title: Option<String>,
    status: Option<String>,
    impact: Option<String>,
    started: Option<String>,
    #[serde(rename = "createdAt")]
    created_at: Option<String>,
    resolved: Option<String>,
    #[serde(rename = "updatedAt")]
    updated_at: Option<String>,
    url: Option<String>,
    components: Option<Vec<WireComponent>>,
    updates: Option<Vec<Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireComponent {
    id: Option<Value>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WireUpdate {
    id: Option<Value>,
    message: Option<String>,
    text: Option<String>,
    markdown: Option<String>,
    #[serde(rename = "messageHtml")]
    message_html: Option<String>,
    status: Option<String>,
    started: Option<String>,
    #[serde(rename = "createdAt")]
    created_at: Option<String>,
    #[serde(rename = "updatedAt")]
    updated_at: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct WirePage {
    name: Option<String>,
    url: Option<String>,
}

/// Parses `/v2/incidents.json`: every readable incident with its timeline, newest first.
pub fn parse_incidents(body: &[u8]) -> Result<Snapshot, SourceError> {
    let mut value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let mut page = PageInfo::default();
    if let Some(object) = value.as_object_mut() {
        if let Some(raw) = object.remove("page") {
            let wire: WirePage = serde_json::from_value(raw).unwrap_or_default();
            page.name = wire.name;
            page.url = wire.url;
        }
        value = object
            .remove("incidents")
            .ok_or_else(|| malformed(WHAT, "expected an array of incidents"))?;
    }
    let Value::Array(records) = value else {
        return Err(malformed(WHAT, "expected an array of incidents"));
    };
    let mut incidents: Vec<Incident> = records
        .into_iter()
        .filter_map(|raw| serde_json::from_value::<WireIncident>(raw).ok())
        .filter_map(|raw| incident(&raw))
        .collect();
    crate::model::sort_incidents(&mut incidents);
    incidents.dedup_by(|a, b| a.id == b.id);
    Ok(Snapshot {
        page,
        incidents,
        ..Snapshot::default()
    })
}

/// An id given as a string or a number.
fn id_text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(text) => non_empty(Some(text)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn incident_id(raw: &WireIncident) -> Option<String> {
    id_or_url_tail(id_text(raw.id.as_ref()).as_deref(), raw.url.as_deref())
}

fn update(raw: Value, incident_id: &str) -> Option<IncidentUpdate> {
    let raw: WireUpdate = serde_json::from_value(raw).ok()?;
    let (stamp, at) = [&raw.started, &raw.created_at, &raw.updated_at]
        .into_iter()
        .find_map(|t| {
            let stamp = non_empty(t.as_deref())?;
            Some((stamp, time(Some(stamp))?))
        })?;
    let body = [&raw.message, &raw.text, &raw.markdown, &raw.message_html]
        .into_iter()
        .find_map(|t| non_empty(t.as_deref()))
        .unwrap_or_default();
    Some(IncidentUpdate {
        id: id_text(raw.id.as_ref()).unwrap_or_else(|| format!("{incident_id}/{stamp}")),
        status: non_empty(raw.status.as_deref())
            .map_or(IncidentStatus::Investigating, IncidentStatus::parse),
        body: body.to_string(),
        at,
        components: Vec::new(),
    })
}

fn incident(raw: &WireIncident) -> Option<Incident> {
    let id = incident_id(raw)?;
    let mut updates: Vec<IncidentUpdate> = raw
        .updates
        .iter()
        .flatten()
        .filter_map(|u| update(u.clone(), &id))
        .collect();
    timeline::sort_and_dedup(&mut updates);
    let started = time(raw.started.as_deref());
    let created = time(raw.created_at.as_deref());
    let resolved = time(raw.resolved.as_deref());
    let changed = time(raw.updated_at.as_deref());
    let fallback = started
        .or(created)
        .or_else(|| updates.first().map(|u| u.at))
        .or(changed)
        .or(resolved)?;
    let status = match non_empty(raw.status.as_deref()) {
        Some(word) => IncidentStatus::parse(word),
        None if resolved.is_some() => IncidentStatus::Resolved,
        None => updates
            .last()
            .map_or(IncidentStatus::Investigating, |u| u.status.clone()),
    };
    let started_at = timeline::started_at(&updates, &[started, created], fallback);
    let resolved_at = timeline::resolved_at(&status, &updates, resolved.or(changed))
        .map(|end| end.max(started_at));
    let mut component_ids: Vec<String> = raw
        .components
        .iter()
        .flatten()
        .filter_map(|c| id_text(c.id.as_ref()))
        .collect();
    component_ids.dedup();
    Some(Incident {
        title: non_empty(raw.name.as_deref())
            .or(non_empty(raw.title.as_deref()))
            .unwrap_or(&id)
            .to_string(),
        impact: impact(raw.impact.as_deref()),
        status,
        started_at,
        resolved_at,
        url: non_empty(raw.url.as_deref()).map(str::to_string),
        updates,
        component_ids,
        id,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrapped_list_and_odd_records_are_read() {
        let body = br#"{"page":{"name":"Acme"},"incidents":[
            {"id":"a","name":"A","status":"resolved","started":"2026-01-01T10:00:00Z",
             "resolved":"2026-01-01T11:00:00Z","updates":"not a list"},
            {"id":7,"started":"Thu Jan 01 2026 09:00:00 GMT+0000 (UTC)"},
            {"name":"no id or url","started":"2026-01-01T10:00:00Z"},
            "junk"]}"#;
        let snapshot = parse_incidents(body).unwrap();
        assert_eq!(snapshot.page.name.as_deref(), Some("Acme"));
        let ids: Vec<&str> = snapshot.incidents.iter().map(|i| i.id.as_str()).collect();
        assert_eq!(ids, ["7"], "the record with a bad `updates` is skipped");
        assert!(parse_incidents(b"{\"page\":{}}").is_err());
        assert!(parse_incidents(b"3").is_err());
    }
}
