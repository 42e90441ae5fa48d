//! Planned maintenance of every watched provider: `GET /api/v1/maintenance`.

use crate::check::MaintenanceReport;
use lookout_core::ProviderId;
use lookout_engine::operations::maintenance::ProviderMaintenance;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One maintenance with its provider: a maintenance of `check --json`, its link and its provider.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct MaintenanceRow {
    /// The maintenance.
    #[serde(flatten)]
    pub maintenance: MaintenanceReport,
    /// The vendor's page for it.
    pub url: Option<String>,
    /// The provider's id.
    #[schema(value_type = i64)]
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
}

impl MaintenanceRow {
    /// From a stored maintenance.
    pub fn new(stored: &ProviderMaintenance) -> MaintenanceRow {
        MaintenanceRow {
            maintenance: MaintenanceReport::new(&stored.maintenance),
            url: stored.maintenance.url.clone(),
            provider_id: stored.provider_id,
            provider: stored.provider.clone(),
        }
    }
}
