//! Serde shapes of Heroku Status API v4 (`status.heroku.com/api/v4/*`). Every field is optional;
//! ids come as numbers (strings are accepted too), so they are raw JSON values.

use serde::Deserialize;
use serde_json::Value;

/// `api/v4/current-status`: the systems' colours, open incidents and announced maintenances.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CurrentStatus {
    pub status: Option<Vec<System>>,
    pub incidents: Option<Vec<Event>>,
    pub scheduled: Option<Vec<Event>>,
}

/// A `status[]` entry: one system (Apps, Data, Tools) and its colour.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct System {
    pub system: Option<String>,
    pub status: Option<String>,
}

/// An incident or a scheduled maintenance (the same shape in both lists and in
/// `api/v4/incidents`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Event {
    pub id: Option<Value>,
    pub title: Option<String>,
    pub state: Option<String>,
    pub resolved: Option<Value>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub full_url: Option<String>,
    pub systems: Option<Vec<AffectedSystem>>,
    pub updates: Option<Vec<Update>>,
}

/// A `systems[]` entry of an event: a system it touches, at the colour it gives it.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AffectedSystem {
    pub name: Option<String>,
    pub status: Option<String>,
}

/// An `updates[]` entry (Heroku lists them newest first).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Update {
    pub id: Option<Value>,
    pub contents: Option<String>,
    pub update_type: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// An id as text: a string as it is, a number in decimal; anything else is no id.
pub(crate) fn id_text(id: Option<&Value>) -> Option<String> {
    match id? {
        Value::String(s) => super::super::non_empty(Some(s)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}
