//! Serde shapes of incident.io's `/proxy/<host>` and `/proxy/<host>/incidents` JSON.
//! Every field is optional; unknown keys are ignored.

use serde::Deserialize;

/// `GET /proxy/<host>`: everything sits under `summary`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct SummaryDocument {
    pub summary: Option<Summary>,
}

/// The page's current state.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Summary {
    pub id: Option<String>,
    pub name: Option<String>,
    pub public_url: Option<String>,
    pub components: Option<Vec<PageComponent>>,
    pub affected_components: Option<Vec<AffectedComponent>>,
    pub ongoing_incidents: Option<Vec<Incident>>,
    pub scheduled_maintenances: Option<Vec<Incident>>,
    pub structure: Option<Structure>,
}

/// `summary.components[]`: names only, no status, no group.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct PageComponent {
    pub id: Option<String>,
    pub name: Option<String>,
}

/// A component with a status, in `affected_components` (summary or incident).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AffectedComponent {
    pub component_id: Option<String>,
    pub status: Option<String>,
    pub current_status: Option<String>,
}

/// `summary.structure`: the page's layout.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Structure {
    pub items: Option<Vec<StructureItem>>,
}

/// One top-level row of the layout: a group or a lone component.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StructureItem {
    pub group: Option<Group>,
    pub component: Option<StructureComponent>,
}

/// A group of components.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Group {
    pub name: Option<String>,
    pub hidden: Option<bool>,
    pub components: Option<Vec<StructureComponent>>,
}

/// A component's place in the layout.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StructureComponent {
    pub component_id: Option<String>,
    pub name: Option<String>,
    pub hidden: Option<bool>,
}

/// `GET /proxy/<host>/incidents`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct IncidentsDocument {
    pub incidents: Option<Vec<Incident>>,
}

/// An incident or a maintenance (`type`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Incident {
    pub id: Option<String>,
    pub name: Option<String>,
    pub status: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub published_at: Option<String>,
    pub updates: Option<Vec<Update>>,
    pub component_impacts: Option<Vec<ComponentImpact>>,
    pub status_summaries: Option<Vec<StatusSummary>>,
    pub affected_components: Option<Vec<AffectedComponent>>,
}

/// One post on the timeline.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Update {
    pub id: Option<String>,
    pub published_at: Option<String>,
    pub message_string: Option<String>,
    /// Rich text (a ProseMirror document under `text_node`, or a plain string).
    pub message: Option<serde_json::Value>,
    pub to_status: Option<String>,
    pub status: Option<String>,
    pub component_statuses: Option<Vec<ComponentStatus>>,
}

/// A component status set by an update.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ComponentStatus {
    pub component_id: Option<String>,
    pub status: Option<String>,
}

/// How long one component was affected, and how.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ComponentImpact {
    pub component_id: Option<String>,
    pub status: Option<String>,
    pub start_at: Option<String>,
    pub end_at: Option<String>,
}

/// The worst status over one stretch of the incident.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct StatusSummary {
    pub start_at: Option<String>,
    pub end_at: Option<String>,
    pub worst_component_status: Option<String>,
}
