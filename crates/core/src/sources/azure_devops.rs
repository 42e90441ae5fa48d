//! Azure DevOps status parser: the public Status API's health document
//! (`status.dev.azure.com/_apis/status/health`), Microsoft's documented JSON of the service's
//! health all-up, per service and per geography. No common platform serves it.
//!
//! What the document holds (Microsoft's REST reference, "Status - Health - Get", and its
//! generated clients): an object with `status` (`health` and `message`: the all-up state and the
//! banner), `lastUpdated`, and `services`, each with an `id` (Boards, Repos, Pipelines…) and its
//! `geographies`, each with an `id` (US, EU…), a `name` and a `health`.
//!
//! Decisions worth knowing:
//! - Health words: `healthy` operational, `degraded` degraded performance, `unhealthy` major
//!   outage, `advisory` operational (an advisory is a notice posted while the service works);
//!   `unknown`, a missing or non-word health is unknown; any other word is kept as it came and
//!   ranks as unknown, never as operational.
//! - The all-up `status.health` is one component, "Overall" (id `overall`), listed first, as
//!   Stripe's rollup is: it can disagree with the services, and neither hides a problem.
//! - Each service's geographies are components grouped under the service, id
//!   `<service>/<geography>`, named by the geography's name (its id without one); a service with
//!   no geography is one component of its own. Services and geographies keep the document's
//!   order. Blank ids are skipped.
//! - The document has no incidents, maintenances or dated events (the banner has no id or start):
//!   none is made up.
//! - A body that is not an object, or gives neither `status` nor `services`, or no component at
//!   all, is refused; so are labels longer than a label may be and more components than a page
//!   may have, before any is built.

use crate::error::SourceError;
use crate::model::{Component, PageInfo, Snapshot};
use crate::sources::{budget, malformed, non_empty};
use crate::status::ComponentStatus;
use serde_json::Value;

/// Azure DevOps' status site.
pub const SITE: &str = "https://status.dev.azure.com/";

/// The health document below the site, with the API version the reference documents.
pub const HEALTH_PATH: &str = "_apis/status/health?api-version=7.1-preview.1";

/// The id of the component that carries the all-up health.
pub const OVERALL_ID: &str = "overall";

const WHAT: &str = "Azure DevOps health";

/// Parses the health document: the all-up health and each service's geographies, as components.
pub fn parse_health(body: &[u8]) -> Result<Snapshot, SourceError> {
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let Value::Object(doc) = value else {
        return Err(malformed(WHAT, "expected an object"));
    };
    let overall = match doc.get("status") {
        None | Some(Value::Null) => None,
        Some(Value::Object(status)) => Some(status.get("health").unwrap_or(&Value::Null)),
        Some(_) => return Err(malformed(WHAT, "expected an object under `status`")),
    };
    let services: &[Value] = match doc.get("services") {
        None | Some(Value::Null) => &[],
        Some(Value::Array(services)) => services,
        Some(_) => return Err(malformed(WHAT, "expected a list under `services`")),
    };
    if overall.is_none() && services.is_empty() {
        return Err(malformed(WHAT, "expected `status` or a list of `services`"));
    }
    let count = services
        .iter()
        .map(|s| geographies(s).len().max(1))
        .sum::<usize>();
    budget::over("components", count + 1, budget::MAX_COMPONENTS)?;
    let mut components: Vec<Component> = overall
        .map(|health| Component {
            id: OVERALL_ID.to_string(),
            name: "Overall".to_string(),
            group: None,
            status: health_status(health),
            position: (0, 0),
        })
        .into_iter()
        .collect();
    for (position, service) in (1_i64..).zip(services) {
        components.extend(service_components(service, position)?);
    }
    if components.is_empty() {
        return Err(malformed(
            WHAT,
            "no status: no `status` and no named service",
        ));
    }
    Ok(Snapshot {
        page: PageInfo {
            id: None,
            name: Some("Azure DevOps".to_string()),
            url: Some(SITE.to_string()),
        },
        components,
        ..Snapshot::default()
    })
}

/// A service's geographies (none when it lists none, or not as a list).
fn geographies(service: &Value) -> &[Value] {
    service
        .get("geographies")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice)
}

/// One service's components: one per geography, grouped under the service, or the service
/// alone when it lists no geography (at its own health, if it gives one).
fn service_components(service: &Value, position: i64) -> Result<Vec<Component>, SourceError> {
    let Some(id) = non_empty(service.get("id").and_then(Value::as_str)) else {
        return Ok(Vec::new());
    };
    budget::label(id, "bytes in one id, name or status")?;
    let places = geographies(service);
    if places.is_empty() {
        return Ok(vec![Component {
            id: id.to_string(),
            name: id.to_string(),
            group: None,
            status: health_status(service.get("health").unwrap_or(&Value::Null)),
            position: (position, 0),
        }]);
    }
    let mut out = Vec::with_capacity(places.len());
    for (order, place) in (0_i64..).zip(places) {
        let Some(geo) = non_empty(place.get("id").and_then(Value::as_str)) else {
            continue;
        };
        let name = non_empty(place.get("name").and_then(Value::as_str)).unwrap_or(geo);
        budget::label(geo, "bytes in one id, name or status")?;
        budget::label(name, "bytes in one id, name or status")?;
        out.push(Component {
            id: format!("{id}/{geo}"),
            name: name.to_string(),
            group: Some(id.to_string()),
            status: health_status(place.get("health").unwrap_or(&Value::Null)),
            position: (position, order),
        });
    }
    Ok(out)
}

/// A health word onto the vocabulary: unknown words kept, anything but a word unknown.
fn health_status(health: &Value) -> ComponentStatus {
    let Some(word) = non_empty(health.as_str()) else {
        return ComponentStatus::Unknown;
    };
    match word.to_ascii_lowercase().as_str() {
        "healthy" | "advisory" => ComponentStatus::Operational,
        "degraded" => ComponentStatus::DegradedPerformance,
        "unhealthy" => ComponentStatus::MajorOutage,
        "unknown" => ComponentStatus::Unknown,
        _ => ComponentStatus::Other(word.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(body: &str) -> Vec<(String, Option<String>, ComponentStatus)> {
        parse_health(body.as_bytes())
            .unwrap()
            .components
            .into_iter()
            .map(|c| (c.id, c.group, c.status))
            .collect()
    }

    #[test]
    fn words_map_onto_the_vocabulary_and_unknown_ones_are_never_operational() {
        let got = rows(
            r#"{"status": {"health": "Advisory", "message": "x"}, "services": [
                {"id": "Boards", "geographies": [
                    {"id": "US", "name": "United States", "health": "unhealthy"},
                    {"id": "EU", "health": "degraded"},
                    {"id": "UK", "health": "paused"},
                    {"id": "IN", "health": 3},
                    {"id": " ", "health": "healthy"}]},
                {"id": "Repos", "health": "healthy"},
                {"id": "", "geographies": []}]}"#,
        );
        let boards = Some("Boards".to_string());
        assert_eq!(
            got,
            [
                ("overall".into(), None, ComponentStatus::Operational),
                (
                    "Boards/US".into(),
                    boards.clone(),
                    ComponentStatus::MajorOutage
                ),
                (
                    "Boards/EU".into(),
                    boards.clone(),
                    ComponentStatus::DegradedPerformance
                ),
                (
                    "Boards/UK".into(),
                    boards.clone(),
                    ComponentStatus::Other("paused".into())
                ),
                ("Boards/IN".into(), boards, ComponentStatus::Unknown),
                ("Repos".into(), None, ComponentStatus::Operational),
            ]
        );
    }

    #[test]
    fn other_shapes_are_refused() {
        for body in [
            r#"[]"#,
            r#"{}"#,
            r#"{"status": 1}"#,
            r#"{"services": {}}"#,
            r#"{"services": [{"id": ""}]}"#,
        ] {
            assert!(parse_health(body.as_bytes()).is_err(), "{body}");
        }
    }
}
