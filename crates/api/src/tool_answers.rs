//! The objects `lookout mcp`'s tools answer with where a report is a list or a change (a tool's
//! structured answer is a JSON object): the rows inside are the reports' own.

use crate::incidents::IncidentRow;
use crate::maintenance::MaintenanceRow;
use crate::providers::ProviderRow;
use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// `list_providers`: every watched provider (as `lookout list --json`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProviderList {
    /// Every provider, by id.
    pub providers: Vec<ProviderRow>,
}

/// `incidents`: stored incidents, newest first (best match first when searching).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct IncidentList {
    /// The incidents, each with its whole timeline (as `lookout incidents --json`).
    pub incidents: Vec<IncidentRow>,
    /// More incidents matched than were given: narrow the dates or raise the limit.
    pub more: bool,
}

/// `maintenance`: planned maintenance in progress or coming.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MaintenanceList {
    /// Soonest first.
    pub maintenances: Vec<MaintenanceRow>,
}

/// `follow`: the incident now followed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct FollowAnswer {
    /// Always `true`: each of its updates will be told (at the provider's sinks and as the app's
    /// notifications) whatever the rules say, until it is resolved.
    pub followed: bool,
    /// The incident.
    pub incident: IncidentRow,
}

/// `snooze`: a provider's alerts snoozed, or woken.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct SnoozeAnswer {
    /// The provider's id.
    #[schema(value_type = i64)]
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
    /// Its alerts are silent until then; `null`: not for a while.
    pub snoozed_until: Option<DateTime<Utc>>,
    /// Its alerts are silent until its open incidents are resolved.
    pub snoozed_until_resolved: bool,
}
