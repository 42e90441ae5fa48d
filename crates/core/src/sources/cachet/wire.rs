//! Serde shapes of Cachet API v1 rows. Every field is optional, and ids, statuses and flags are
//! raw JSON values: installs send them as numbers or as strings.

use serde::Deserialize;
use serde_json::Value;

/// One `data[]` row of `/api/v1/components`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Component {
    pub id: Option<Value>,
    pub name: Option<String>,
    pub status: Option<Value>,
    pub status_name: Option<String>,
    pub order: Option<Value>,
    pub group_id: Option<Value>,
    pub enabled: Option<bool>,
    pub deleted_at: Option<Value>,
}

/// One `data[]` row of `/api/v1/incidents`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Incident {
    pub id: Option<Value>,
    pub name: Option<String>,
    pub message: Option<String>,
    pub status: Option<Value>,
    pub human_status: Option<String>,
    pub visible: Option<Value>,
    pub component_id: Option<Value>,
    pub scheduled_at: Option<String>,
    pub occurred_at: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
    pub deleted_at: Option<Value>,
    pub updates: Option<Vec<Update>>,
}

/// One incident update (Cachet 2.4 `incident_updates`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Update {
    pub id: Option<Value>,
    pub status: Option<Value>,
    pub human_status: Option<String>,
    pub message: Option<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}
