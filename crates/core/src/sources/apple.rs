//! Apple System Status parser: the JSONP document behind Apple's own status pages
//! (`www.apple.com/support/systemstatus/data/system_status_en_US.js` for the consumer services,
//! `…/data/developer/system_status_en_US.js` for the developer ones). No common platform serves it.
//!
//! What the document holds (as the public readers of it record: `inket/stts`, StatusBuddy and
//! others): `jsonCallback({...});`, a call wrapping one JSON object with `services`, each with a
//! `serviceName`, a `redirectUrl` and its `events`; an event has a `messageId`, a `statusType`
//! (`Outage`, `Issue`, `Performance`, `Maintenance`, `Available`), an `eventStatus` (`ongoing`,
//! `resolved`, `completed`, `upcoming`), `epochStartDate` and `epochEndDate` (epoch
//! milliseconds, the end `null` while open), `datePosted`/`startDate`/`endDate` (the same times as
//! local text), `usersAffected`, `affectedServices` (names, sometimes with a trailing space) and
//! its `message`.
//!
//! Decisions worth knowing:
//! - The wrapper is taken off by hand, in one pass over the body: optional white space, a
//!   callback name (letters, digits, `_`, `$` and `.`, at most 64 bytes), `(`, the JSON, `)` and an
//!   optional `;`. Anything else (a bare object, HTML, a cut-off body) is refused, so the provider
//!   is `unknown` with the reason, never operational. No regular expression is involved.
//! - Each named service is a component, in the document's order; its status is the worst of its
//!   events that are still going on: `Outage` major outage, `Issue` partial outage, `Performance`
//!   degraded performance, `Maintenance` under maintenance, `Available` operational; a missing
//!   type is unknown and any other word is kept as it came (ranked as unknown, never as
//!   operational). A service without such an event is operational.
//! - An event is over when its `eventStatus` is `resolved`, `completed` or `cancel(l)ed`, and
//!   planned when it is `upcoming` or `scheduled`; any other word, or none, counts as going on,
//!   so an unfamiliar word never hides a problem.
//! - A `Maintenance` event, or any planned one, is a maintenance (scheduled, in progress or
//!   completed); every other event is an incident: `investigating` while going on (Apple has no
//!   finer words; an unfamiliar word is kept), `resolved` once over, ending at `epochEndDate`
//!   (else its start). Impact: `Outage` major, `Issue` and `Performance` minor.
//! - Apple lists one event under each service it touches, with the same `messageId`: it is one
//!   incident touching all of them (and the listed `affectedServices` the page names). Without a
//!   `messageId`, the id is `<service>/<epochStartDate>`. The title is `<service>: <type>`; the
//!   message (and who is affected) is its one update, at its start.
//! - An event without a readable start is no incident or maintenance (it still colours its
//!   service). A document with no named service is refused; labels longer than a label may be
//!   and more services than a page may have are refused before any is built.

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::{budget, malformed, non_empty, unique_ids};
use crate::status::{ComponentStatus, IncidentStatus};
use chrono::{DateTime, Utc};
use serde::Deserialize;
use serde_json::Value;
use std::collections::HashMap;
use url::Url;
use words::{effect, epoch_millis, impact, maintenance_status, phase, text, Phase};

mod words;

/// Apple's consumer status page.
pub const CONSUMER_PAGE: &str = "https://www.apple.com/support/systemstatus/";
/// Apple's developer status page.
pub const DEVELOPER_PAGE: &str = "https://developer.apple.com/system-status/";
/// The consumer services' document.
pub const CONSUMER_DATA: &str =
    "https://www.apple.com/support/systemstatus/data/system_status_en_US.js";
/// The developer services' document.
pub const DEVELOPER_DATA: &str =
    "https://www.apple.com/support/systemstatus/data/developer/system_status_en_US.js";

const WHAT: &str = "Apple system status";
/// The longest callback name taken off a body.
const MAX_CALLBACK: usize = 64;

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireService {
    service_name: Option<String>,
    events: Option<Vec<Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct WireEvent {
    message_id: Option<Value>,
    status_type: Option<String>,
    event_status: Option<String>,
    epoch_start_date: Option<Value>,
    epoch_end_date: Option<Value>,
    message: Option<String>,
    users_affected: Option<String>,
    affected_services: Option<Vec<Value>>,
}

/// The JSON inside a `name(...)` call (a trailing `;` allowed); `None` for anything else.
pub fn unwrap_jsonp(body: &[u8]) -> Option<&[u8]> {
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let body = body.trim_ascii();
    let name_len = body
        .iter()
        .take(MAX_CALLBACK + 1)
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'.'))
        .count();
    if name_len == 0 || name_len > MAX_CALLBACK || body[0].is_ascii_digit() {
        return None;
    }
    let rest = body[name_len..].trim_ascii_start().strip_prefix(b"(")?;
    let rest = rest.strip_suffix(b";").unwrap_or(rest).trim_ascii_end();
    let inner = rest.strip_suffix(b")")?.trim_ascii();
    (!inner.is_empty()).then_some(inner)
}

/// Parses the document: each service as a component, its events as incidents and maintenances.
pub fn parse_status(body: &[u8]) -> Result<Snapshot, SourceError> {
    let Some(json) = unwrap_jsonp(body) else {
        return Err(match body.trim_ascii_start().first() {
            None => SourceError::Empty,
            Some(b'<') => SourceError::Html,
            Some(_) => malformed(WHAT, "expected a JSONP call, name({...})"),
        });
    };
    budget::json::check(json)?;
    let value: Value =
        serde_json::from_slice(json).map_err(|err| SourceError::from_json(WHAT, json, &err))?;
    let Value::Object(mut doc) = value else {
        return Err(malformed(WHAT, "expected an object inside the call"));
    };
    let Some(Value::Array(services)) = doc.remove("services") else {
        return Err(malformed(WHAT, "expected a list of `services`"));
    };
    budget::over("components", services.len(), budget::MAX_COMPONENTS)?;
    let services: Vec<WireService> = services
        .into_iter()
        .filter_map(|service| serde_json::from_value(service).ok())
        .collect();
    let mut page = Page::default();
    // Every service first, so that an event names the ones listed after its own.
    for (position, service) in (0_i64..).zip(&services) {
        page.add_service(service, position)?;
    }
    for service in services {
        page.add_events(service)?;
    }
    page.into_snapshot()
}

/// Gives a snapshot read from `data` (the stored document URL) its page's name and address:
/// Apple Developer's for the developer document, Apple's otherwise.
pub fn fit_to_document(snapshot: &mut Snapshot, data: &Url) {
    let developer = data.path().contains("/developer/");
    let (name, page) = if developer {
        ("Apple Developer", DEVELOPER_PAGE)
    } else {
        ("Apple", CONSUMER_PAGE)
    };
    snapshot.page.name = Some(name.to_string());
    snapshot.page.url = Some(page.to_string());
}

/// The document to poll for `input` (with or without scheme): Apple's consumer or developer
/// status page (or any page below them) gives its document; a URL of the document itself, on any
/// host (`…/systemstatus/data/[developer/]system_status_<locale>.js`), is kept without its query.
pub fn status_url(input: &str) -> Option<Url> {
    let mut url = super::endpoints::web_url(input)?;
    let path = url.path().to_ascii_lowercase();
    let data = path.find("/systemstatus/data/").is_some_and(|at| {
        let file = &path[at + "/systemstatus/data/".len()..];
        let file = file.strip_prefix("developer/").unwrap_or(file);
        file.starts_with("system_status_") && file.ends_with(".js") && !file.contains('/')
    });
    if data {
        url.set_query(None);
        url.set_fragment(None);
        return Some(url);
    }
    let host = url.host_str()?.to_ascii_lowercase();
    let document = match host.as_str() {
        "www.apple.com" | "apple.com" if path.contains("/support/systemstatus") => CONSUMER_DATA,
        "developer.apple.com" if path.starts_with("/system-status") => DEVELOPER_DATA,
        _ => return None,
    };
    Url::parse(document).ok()
}

/// What the services read so far make of the page.
#[derive(Default)]
struct Page {
    components: Vec<Component>,
    /// Component index by service name (a name listed twice is one component).
    by_name: HashMap<String, usize>,
    incidents: Vec<Incident>,
    maintenances: Vec<Maintenance>,
    /// Record by id: `(true, index)` an incident, `(false, index)` a maintenance.
    records: HashMap<String, (bool, usize)>,
}

impl Page {
    fn add_service(&mut self, service: &WireService, position: i64) -> Result<(), SourceError> {
        let Some(name) = non_empty(service.service_name.as_deref()) else {
            return Ok(());
        };
        budget::label(name, "bytes in one service name")?;
        self.by_name.entry(name.to_string()).or_insert_with(|| {
            self.components.push(Component {
                id: name.to_string(),
                name: name.to_string(),
                group: None,
                status: ComponentStatus::Operational,
                position: (position, 0),
            });
            self.components.len() - 1
        });
        Ok(())
    }

    /// The service's events: its status, and each as an incident or maintenance.
    fn add_events(&mut self, service: WireService) -> Result<(), SourceError> {
        let Some(name) = non_empty(service.service_name.as_deref()) else {
            return Ok(());
        };
        let Some(&at) = self.by_name.get(name) else {
            return Ok(());
        };
        for event in service.events.into_iter().flatten() {
            let Ok(event) = serde_json::from_value::<WireEvent>(event) else {
                continue;
            };
            let phase = phase(event.event_status.as_deref());
            if phase == Phase::Ongoing {
                let component = &mut self.components[at];
                let effect = effect(event.status_type.as_deref());
                component.status = component.status.clone().worse(effect);
            }
            self.add_record(name, &event, phase)?;
        }
        Ok(())
    }

    /// The event as an incident or maintenance, or one more service of the one with its id.
    fn add_record(
        &mut self,
        service: &str,
        raw: &WireEvent,
        phase: Phase,
    ) -> Result<(), SourceError> {
        let Some(start) = epoch_millis(raw.epoch_start_date.as_ref()) else {
            return Ok(());
        };
        let id = match raw.message_id.as_ref().and_then(text) {
            Some(id) => id,
            None => format!("{service}/{}", start.timestamp_millis()),
        };
        budget::label(&id, "bytes in one event id")?;
        let mut touched = vec![service.to_string()];
        touched.extend(
            raw.affected_services
                .iter()
                .flatten()
                .filter_map(|v| non_empty(v.as_str()))
                .filter(|name| self.by_name.contains_key(*name))
                .map(str::to_string),
        );
        match self.records.get(&id) {
            Some(&(true, at)) => self.incidents[at].component_ids.extend(touched),
            Some(&(false, at)) => self.maintenances[at].component_ids.extend(touched),
            None => {
                let word = non_empty(raw.status_type.as_deref());
                let title = format!("{service}: {}", word.unwrap_or("Event"));
                let end = epoch_millis(raw.epoch_end_date.as_ref()).map(|end| end.max(start));
                let is_maintenance = phase == Phase::Planned
                    || word.is_some_and(|w| w.eq_ignore_ascii_case("maintenance"));
                if is_maintenance {
                    self.records
                        .insert(id.clone(), (false, self.maintenances.len()));
                    self.maintenances.push(Maintenance {
                        id,
                        title,
                        status: maintenance_status(phase),
                        scheduled_for: Some(start),
                        scheduled_until: end,
                        url: None,
                        component_ids: touched,
                    });
                } else {
                    self.records
                        .insert(id.clone(), (true, self.incidents.len()));
                    let incident = incident(id, title, raw, phase, (start, end), touched);
                    self.incidents.push(incident);
                }
            }
        }
        Ok(())
    }

    fn into_snapshot(mut self) -> Result<Snapshot, SourceError> {
        if self.components.is_empty() {
            return Err(malformed(WHAT, "no status: no named service"));
        }
        for incident in &mut self.incidents {
            incident.component_ids = unique_ids(incident.component_ids.iter().map(String::as_str));
        }
        for maintenance in &mut self.maintenances {
            maintenance.component_ids =
                unique_ids(maintenance.component_ids.iter().map(String::as_str));
        }
        let page = PageInfo {
            id: None,
            name: Some("Apple".to_string()),
            url: Some(CONSUMER_PAGE.to_string()),
        };
        Ok(sorted_snapshot(
            page,
            self.components,
            self.incidents,
            self.maintenances,
        ))
    }
}

fn incident(
    id: String,
    title: String,
    raw: &WireEvent,
    phase: Phase,
    (start, end): (DateTime<Utc>, Option<DateTime<Utc>>),
    touched: Vec<String>,
) -> Incident {
    let word = non_empty(raw.event_status.as_deref());
    let status = match (phase, word) {
        (Phase::Over, _) => IncidentStatus::Resolved,
        (_, Some(word)) if !word.eq_ignore_ascii_case("ongoing") => {
            IncidentStatus::Other(word.to_string())
        }
        _ => IncidentStatus::Investigating,
    };
    let message = non_empty(raw.message.as_deref()).unwrap_or_default();
    let body = match non_empty(raw.users_affected.as_deref()) {
        Some(who) if !message.is_empty() => format!("{message}\n{who}"),
        Some(who) => who.to_string(),
        None => message.to_string(),
    };
    let resolved_at = (phase == Phase::Over).then(|| end.unwrap_or(start));
    Incident {
        updates: vec![IncidentUpdate {
            id: format!("{id}/posted"),
            status: IncidentStatus::Investigating,
            body,
            at: start,
            components: Vec::new(),
        }],
        id,
        title,
        impact: impact(raw.status_type.as_deref()),
        status,
        started_at: start,
        resolved_at,
        url: None,
        component_ids: touched,
    }
}

#[cfg(test)]
mod tests;
