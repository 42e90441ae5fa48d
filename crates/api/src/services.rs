//! `lookout services --json`: each of your services, whether a vendor's trouble affects it now,
//! since when, through which of its dependencies, and why in words.

use chrono::{DateTime, Utc};
use lookout_core::ComponentStatus;
use lookout_engine::operations::services::{DependencyState, ServiceState};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One of your services.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ServiceRow {
    /// Its name.
    pub name: String,
    /// `high`, `normal` or `low`.
    pub criticality: String,
    /// Whether a part it uses is degraded or worse, under maintenance, suspected or unknown.
    pub affected: bool,
    /// When it became affected (the earliest start of its parts' current trouble); `null` when
    /// it is not.
    pub since: Option<DateTime<Utc>>,
    /// Every vendor part it uses.
    pub dependencies: Vec<ServiceDependency>,
    /// One line per part in trouble: "Stripe API partial outage".
    pub reasons: Vec<String>,
    /// Parts no longer on the vendor's page (renamed or removed), providers no longer watched.
    pub warnings: Vec<String>,
}

/// One vendor part a service uses.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ServiceDependency {
    /// The provider's name.
    pub provider: String,
    /// The component (`Group / Name` inside a group); `null` for the whole provider.
    pub component: Option<String>,
    /// Its status (`unknown` when the provider's page cannot be believed).
    #[schema(value_type = String)]
    pub status: ComponentStatus,
    /// Whether Lookout's own probes suspect the provider.
    pub suspected: bool,
}

impl ServiceRow {
    /// The row of `state`.
    pub fn new(state: &ServiceState) -> ServiceRow {
        ServiceRow {
            name: state.name.clone(),
            criticality: state.criticality.as_str().to_string(),
            affected: state.affected,
            since: state.since,
            dependencies: state
                .dependencies
                .iter()
                .map(ServiceDependency::new)
                .collect(),
            reasons: state.reasons.clone(),
            warnings: state.warnings.clone(),
        }
    }
}

impl ServiceDependency {
    fn new(state: &DependencyState) -> ServiceDependency {
        ServiceDependency {
            provider: state.provider.clone(),
            component: state.component.clone(),
            status: state.status.clone(),
            suspected: state.suspected,
        }
    }
}
