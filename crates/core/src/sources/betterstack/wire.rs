//! Serde shapes of Better Stack's public `/index.json` (JSON:API). Every field is optional and
//! ids are raw JSON values (strings in the docs, numbers in foreign keys).

use serde::Deserialize;
use serde_json::Value;

/// The whole document: the page in `data`, everything else in `included`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Document {
    pub data: Option<Resource>,
    pub included: Option<Vec<Resource>>,
}

/// One JSON:API resource object.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Resource {
    pub id: Option<Value>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub attributes: Option<Attributes>,
    pub relationships: Option<Value>,
}

/// The union of the attributes of every resource type Lookout reads.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct Attributes {
    // status_page
    pub company_name: Option<String>,
    pub subdomain: Option<String>,
    pub custom_domain: Option<String>,
    // status_page_section
    pub name: Option<String>,
    pub position: Option<Value>,
    // status_page_resource
    pub public_name: Option<String>,
    pub status: Option<String>,
    pub status_page_section_id: Option<Value>,
    // status_report
    pub title: Option<String>,
    pub report_type: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub aggregate_state: Option<String>,
    pub affected_resources: Option<Vec<AffectedResource>>,
    // status_update
    pub message: Option<String>,
    pub published_at: Option<String>,
    pub status_report_id: Option<Value>,
}

/// One `affected_resources[]` entry of a report or an update.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct AffectedResource {
    pub status_page_resource_id: Option<Value>,
    pub status: Option<String>,
}
