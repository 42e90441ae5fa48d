//! The scripted "incident life" scenario: the same four stages as plain [`Snapshot`]s for Rust
//! tests, and driven on a running server through `/_control/step` and `/_control/stage`.
//!
//! Stages: 0 all operational; 1 "Elevated API errors" opened (investigating), API
//! `degraded_performance`; 2 `identified`, API `partial_outage`; 3 `resolved`, API operational.
//! Components: group "Core" with "API" and "Dashboard", plus top-level "Webhooks".
//! `POST /_control/next-incident` starts the life of another incident (new incident and update
//! ids, stage 0), so a benchmark can post to a page again and again.

use crate::codes::{statuspage_code, ulid_like};
use crate::server::{lock, ScenarioState, Shared};
use crate::{Dialect, FakeStatusServer};
use axum::http::{Method, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, Duration, Utc};
use lookout_core::{
    Component, ComponentStatus, Impact, Incident, IncidentStatus, IncidentUpdate, PageInfo,
    Snapshot, UpdateComponent,
};
use serde_json::json;

/// The last stage (stages run 0..=`LAST_STAGE`).
pub const LAST_STAGE: u8 = 3;

/// The pages the binary serves: `acme` (Statuspage) and `acme-io` (incident.io).
pub const INCIDENT_LIFE_PAGES: [(&str, Dialect); 2] = [
    ("acme", Dialect::Statuspage),
    ("acme-io", Dialect::IncidentIo),
];

/// The incident's title.
pub const INCIDENT_TITLE: &str = "Elevated API errors";

/// An id in the dialect's style, stable for `name`.
pub fn scenario_id(dialect: Dialect, name: &str) -> String {
    let seed = format!("incident-life/{name}");
    match dialect {
        Dialect::Statuspage => statuspage_code(&seed),
        Dialect::IncidentIo => ulid_like(&seed),
    }
}

/// [`incident_life_for`] with Statuspage-style ids.
pub fn incident_life(stage: u8, base_time: DateTime<Utc>) -> Snapshot {
    incident_life_for(Dialect::Statuspage, stage, base_time)
}

/// The page at `stage` (clamped to [`LAST_STAGE`]); the incident opens at `base_time`, is
/// identified 10 minutes later and resolved 30 minutes after it opened.
pub fn incident_life_for(dialect: Dialect, stage: u8, base_time: DateTime<Utc>) -> Snapshot {
    incident_life_round(dialect, stage, 0, base_time)
}

/// [`incident_life_for`] for the incident of `round` (0: the first); later rounds have their own
/// incident and update ids, the same components.
pub fn incident_life_round(
    dialect: Dialect,
    stage: u8,
    round: u32,
    base_time: DateTime<Utc>,
) -> Snapshot {
    let stage = stage.min(LAST_STAGE);
    let id = |name: &str| scenario_id(dialect, name);
    let post_id = |name: &str| match round {
        0 => id(name),
        _ => id(&format!("{name}/round-{round}")),
    };
    let api_status = match stage {
        1 => ComponentStatus::DegradedPerformance,
        2 => ComponentStatus::PartialOutage,
        _ => ComponentStatus::Operational,
    };
    let component = |name: &str, group: Option<&str>, status, position| Component {
        id: id(name),
        name: name.to_string(),
        group: group.map(str::to_string),
        status,
        position,
    };
    let components = vec![
        component("API", Some("Core"), api_status, (1, 1)),
        component(
            "Dashboard",
            Some("Core"),
            ComponentStatus::Operational,
            (1, 2),
        ),
        component("Webhooks", None, ComponentStatus::Operational, (2, 0)),
    ];
    let script = [
        (
            IncidentStatus::Investigating,
            "We are investigating elevated error rates on the API.",
            0,
            ComponentStatus::DegradedPerformance,
        ),
        (
            IncidentStatus::Identified,
            "The issue has been identified and a fix is being rolled out.",
            10,
            ComponentStatus::PartialOutage,
        ),
        (
            IncidentStatus::Resolved,
            "This incident has been resolved.",
            30,
            ComponentStatus::Operational,
        ),
    ];
    let updates: Vec<IncidentUpdate> = script
        .iter()
        .take(usize::from(stage))
        .enumerate()
        .map(
            |(n, (status, body, minutes, component_status))| IncidentUpdate {
                id: post_id(&format!("update-{}", n + 1)),
                status: status.clone(),
                body: (*body).to_string(),
                at: base_time + Duration::minutes(*minutes),
                components: vec![UpdateComponent {
                    id: id("API"),
                    name: "API".to_string(),
                    status: component_status.clone(),
                }],
            },
        )
        .collect();
    let incidents = match updates.last() {
        None => Vec::new(),
        Some(last) => vec![Incident {
            id: post_id("incident"),
            title: INCIDENT_TITLE.to_string(),
            impact: if stage == 1 {
                Impact::Minor
            } else {
                Impact::Major
            },
            status: last.status.clone(),
            started_at: base_time,
            resolved_at: last.status.is_resolved().then_some(last.at),
            url: None,
            updates: updates.clone(),
            component_ids: vec![id("API")],
        }],
    };
    Snapshot {
        page: PageInfo {
            id: None,
            name: Some("Acme".to_string()),
            url: None,
        },
        components,
        incidents,
        maintenances: Vec::new(),
        warnings: Vec::new(),
    }
}

fn apply(shared: &Shared, state: &ScenarioState) {
    for (slug, dialect) in &state.pages {
        let snapshot = incident_life_round(*dialect, state.stage, state.round, state.base_time);
        shared.set_page(slug, *dialect, snapshot);
    }
}

/// Moves the scenario to `stage` (clamped) and re-renders its pages; `None` without a scenario.
fn go_to(shared: &Shared, stage: impl FnOnce(u8) -> u8) -> Option<u8> {
    let mut guard = lock(&shared.scenario);
    let state = guard.as_mut()?;
    state.stage = stage(state.stage).min(LAST_STAGE);
    let state = state.clone();
    drop(guard);
    apply(shared, &state);
    Some(state.stage)
}

/// Starts the life of another incident at stage 0; `None` without a scenario.
fn next_incident(shared: &Shared) -> Option<u8> {
    if let Some(state) = lock(&shared.scenario).as_mut() {
        state.round += 1;
    }
    go_to(shared, |_| 0)
}

/// `/_control/...`: `GET stage`, `GET pages` (every page's slug), `POST step`, `POST stage/<n>`, `POST next-incident`,
/// `POST slow/<slug>/<seconds>` (every request under `/<slug>/` answers that late; 0: at once)
/// and `POST fail/<slug>/<status>` (every request under `/<slug>/` answers that HTTP status; 0:
/// as before).
pub(crate) fn control(shared: &Shared, method: &Method, rest: &str) -> Response {
    let reply = |stage: Option<u8>| match stage {
        Some(stage) => Json(json!({ "stage": stage, "last_stage": LAST_STAGE })).into_response(),
        None => (StatusCode::NOT_FOUND, "no scenario is running\n").into_response(),
    };
    let current = || lock(&shared.scenario).as_ref().map(|s| s.stage);
    match (method.clone(), rest) {
        (Method::GET, "stage") => reply(current()),
        (Method::GET, "pages") => {
            let mut slugs: Vec<String> = lock(&shared.pages).keys().cloned().collect();
            slugs.sort();
            Json(json!({ "pages": slugs })).into_response()
        }
        (Method::POST, "step") => reply(go_to(shared, |s| s.saturating_add(1))),
        (Method::POST, "next-incident") => reply(next_incident(shared)),
        (Method::POST | Method::PUT, _) if rest.starts_with("stage/") => {
            match rest.trim_start_matches("stage/").parse::<u8>() {
                Ok(n) if n <= LAST_STAGE => reply(go_to(shared, |_| n)),
                _ => (StatusCode::BAD_REQUEST, "stage must be 0..=3\n").into_response(),
            }
        }
        (Method::POST, _) if rest.starts_with("slow/") => slow(shared, &rest["slow/".len()..]),
        (Method::POST, _) if rest.starts_with("fail/") => fail(shared, &rest["fail/".len()..]),
        (_, "stage" | "step") => (StatusCode::METHOD_NOT_ALLOWED, "wrong method\n").into_response(),
        _ => (StatusCode::NOT_FOUND, "unknown control endpoint\n").into_response(),
    }
}

/// `POST /_control/slow/<slug>/<seconds>`: makes a page answer late (a poll in flight).
fn slow(shared: &Shared, rest: &str) -> Response {
    let parsed = rest
        .split_once('/')
        .map(|(slug, secs)| (slug, secs.parse::<u64>()));
    let Some((slug, Ok(secs))) = parsed else {
        return (StatusCode::BAD_REQUEST, "slow/<slug>/<seconds>\n").into_response();
    };
    let fault = (secs > 0).then(|| crate::fault::Fault::Slow(std::time::Duration::from_secs(secs)));
    shared.set_fault(slug, fault);
    Json(json!({ "slug": slug, "slow_seconds": secs })).into_response()
}

/// `POST /_control/fail/<slug>/<status>`: makes a page answer an HTTP error (a page that cannot
/// be read), or, with 0, answer as before.
fn fail(shared: &Shared, rest: &str) -> Response {
    let parsed = rest
        .split_once('/')
        .map(|(slug, status)| (slug, status.parse::<u16>()));
    let Some((slug, Ok(status))) = parsed else {
        return (StatusCode::BAD_REQUEST, "fail/<slug>/<status>\n").into_response();
    };
    let fault = (status > 0).then_some(crate::fault::Fault::Status(status));
    shared.set_fault(slug, fault);
    Json(json!({ "slug": slug, "status": status })).into_response()
}

impl FakeStatusServer {
    /// Starts the incident-life scenario at stage 0 on `pages` (slug and dialect each), with the
    /// incident opening at `base_time`; enables the `/_control/` endpoints.
    pub fn run_incident_life(&self, pages: &[(&str, Dialect)], base_time: DateTime<Utc>) {
        let state = ScenarioState {
            stage: 0,
            round: 0,
            base_time,
            pages: pages.iter().map(|(s, d)| ((*s).to_string(), *d)).collect(),
        };
        apply(self.shared(), &state);
        *lock(&self.shared().scenario) = Some(state);
    }

    /// The scenario's current stage, if one runs.
    pub fn stage(&self) -> Option<u8> {
        lock(&self.shared().scenario).as_ref().map(|s| s.stage)
    }

    /// Advances the scenario one stage (stays at the last); returns the new stage.
    pub fn step(&self) -> Option<u8> {
        go_to(self.shared(), |s| s.saturating_add(1))
    }

    /// Jumps the scenario to `stage` (clamped); returns the new stage.
    pub fn set_stage(&self, stage: u8) -> Option<u8> {
        go_to(self.shared(), |_| stage)
    }
}
