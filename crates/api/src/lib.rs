//! The JSON contract of Lookout's reports, in one place: what `lookout … --json` prints and what
//! `lookout serve` answers under `/api/v1/` are these types, serialised. Each derives `Serialize`
//! (the CLI and the server), `Deserialize` (a client following a server: the desktop app) and
//! `utoipa::ToSchema` (the server's OpenAPI document), and is built from the engine's answers
//! here, never by hand at a front end.

#![warn(missing_docs)]

pub mod check;
pub mod error;
pub mod incidents;
pub mod maintenance;
pub mod providers;

pub use check::{CheckReport, ComponentReport, MaintenanceReport, ProviderInfo};
pub use error::ErrorBody;
pub use incidents::{ComponentChange, IncidentReport, IncidentRow, UpdateReport};
pub use maintenance::MaintenanceRow;
pub use providers::{ProviderDetail, ProviderRow};

/// `lookout uptime --json` and `GET /api/v1/uptime`, and `lookout stats --json` and
/// `GET /api/v1/stats`: the store's reports, as they are.
pub use lookout_store::history::{
    ByImpact, ComponentUptime, DayStatus, LongestIncident, ProviderStats, ProviderUptime,
    StatsReport, StatusSeconds, UptimeReport, WorstComponent,
};
/// An open suspicion, as a provider's row carries it.
pub use lookout_store::SuspectedNow;
