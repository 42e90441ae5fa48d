//! Serde shapes of the Salesforce Trust status API (`api.status.salesforce.com/v1`): instances,
//! and the incidents and maintenances listed alone or embedded in an instance. Every field is
//! optional; ids come as numbers or strings, so they are raw JSON values.

use serde::Deserialize;
use serde_json::Value;

/// An instance (`NA132`, `EU45`…), from `v1/instances` or `v1/instances/status/preview`.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Instance {
    pub key: Option<String>,
    pub location: Option<String>,
    pub status: Option<String>,
    pub is_active: Option<Value>,
    #[serde(rename = "Incidents")]
    pub incidents: Option<Vec<Event>>,
    #[serde(rename = "Maintenances")]
    pub maintenances: Option<Vec<Event>>,
}

/// An incident or a maintenance.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Event {
    pub id: Option<Value>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub affects_all: Option<Value>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub instance_keys: Option<Vec<Value>>,
    pub service_keys: Option<Vec<Value>>,
    #[serde(rename = "IncidentImpacts")]
    pub incident_impacts: Option<Vec<Impact>>,
    #[serde(rename = "MaintenanceImpacts")]
    pub maintenance_impacts: Option<Vec<Impact>>,
    #[serde(rename = "IncidentEvents")]
    pub incident_events: Option<Vec<Note>>,
    #[serde(rename = "MaintenanceEvents")]
    pub maintenance_events: Option<Vec<Note>>,
}

/// An `IncidentImpacts[]` or `MaintenanceImpacts[]` entry: one stretch of impact.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Impact {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub severity: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
}

/// An `IncidentEvents[]` or `MaintenanceEvents[]` entry: one posted message.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub(crate) struct Note {
    pub id: Option<Value>,
    pub message: Option<Value>,
    pub created_at: Option<String>,
}

impl Event {
    /// Its impacts, incident or maintenance alike.
    pub fn impacts(&self) -> impl Iterator<Item = &Impact> {
        self.incident_impacts
            .iter()
            .chain(self.maintenance_impacts.iter())
            .flatten()
    }

    /// Its posted messages, incident or maintenance alike.
    pub fn notes(&self) -> impl Iterator<Item = &Note> {
        self.incident_events
            .iter()
            .chain(self.maintenance_events.iter())
            .flatten()
    }
}

/// An id or key as text: a string as it is, a number in decimal; anything else is none.
pub(crate) fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => super::super::non_empty(Some(s)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Whether a flag is `true` (a boolean, or the text `true`).
pub(crate) fn is_true(value: Option<&Value>) -> bool {
    match value {
        Some(Value::Bool(flag)) => *flag,
        Some(Value::String(s)) => s.trim().eq_ignore_ascii_case("true"),
        _ => false,
    }
}
