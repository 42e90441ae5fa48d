//! Serde shapes of status.io's public `GET /1.0/status/<page_id>` document. Every field is
//! optional; codes may come as numbers or strings, so they are raw JSON values.

use serde::Deserialize;
use serde_json::Value;

/// The whole document: everything sits under `result`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Document {
    pub result: Option<Result>,
}

/// `result`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Result {
    pub status_overall: Option<Status>,
    pub status: Option<Vec<Status>>,
    pub incidents: Option<Vec<Event>>,
    pub maintenance: Option<Maintenances>,
}

/// A `status[]` entry (a component), one of its `containers[]`, or `status_overall`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Status {
    pub id: Option<String>,
    #[serde(rename = "_id")]
    pub underscore_id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    pub status_code: Option<Value>,
    pub containers: Option<Vec<Status>>,
}

/// `maintenance`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Maintenances {
    pub active: Option<Vec<Event>>,
    pub upcoming: Option<Vec<Event>>,
}

/// An incident or a maintenance.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Event {
    pub id: Option<String>,
    #[serde(rename = "_id")]
    pub underscore_id: Option<String>,
    pub name: Option<String>,
    pub datetime_open: Option<String>,
    pub datetime_planned_start: Option<String>,
    pub datetime_planned_end: Option<String>,
    pub messages: Option<Vec<Message>>,
    pub components_affected: Option<Vec<Affected>>,
}

/// One `messages[]` entry of an incident or maintenance.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Message {
    pub id: Option<String>,
    #[serde(rename = "_id")]
    pub underscore_id: Option<String>,
    pub details: Option<String>,
    /// 100 investigating, 200 identified, 300 monitoring.
    pub state: Option<Value>,
    /// The component status code this message set.
    pub status: Option<Value>,
    pub datetime: Option<String>,
}

/// One `components_affected[]` entry.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Affected {
    pub id: Option<String>,
    #[serde(rename = "_id")]
    pub underscore_id: Option<String>,
    pub name: Option<String>,
}
