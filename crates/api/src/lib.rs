//! The JSON contract of Lookout's reports, in one place: what `lookout … --json` prints, what
//! `lookout serve` answers under `/api/v1/` and what `lookout mcp`'s tools answer are these types,
//! serialised. Each derives `Serialize` (the CLI and the servers), `Deserialize` (a client
//! following a server: the desktop app) and `utoipa::ToSchema` (the server's OpenAPI document, the
//! tools' output schemas), and is built from the engine's answers here, never by hand at a front
//! end.

#![warn(missing_docs)]

pub mod check;
pub mod error;
pub mod incidents;
pub mod maintenance;
pub mod providers;
pub mod services;
pub mod statuspage;
pub mod suggestions;
pub mod timeline;
pub mod tool_answers;
pub mod trouble;
pub mod vendor;

pub use check::{CheckReport, ComponentReport, MaintenanceReport, ProviderInfo};
pub use error::ErrorBody;
pub use incidents::{ComponentChange, IncidentReport, IncidentRow, UpdateReport};
pub use maintenance::MaintenanceRow;
pub use providers::{ProviderDetail, ProviderRow};
pub use services::{ServiceDependency, ServiceRow};
pub use suggestions::{SuggestionEvidence, SuggestionRow};
pub use timeline::{IncidentTimeline, Phase};
pub use tool_answers::{FollowAnswer, IncidentList, MaintenanceList, ProviderList, SnoozeAnswer};
pub use trouble::{Trouble, TroubleReport};
pub use vendor::{OpenIncident, VendorStatus};

/// `lookout uptime --json` and `GET /api/v1/uptime`, and `lookout stats --json` and
/// `GET /api/v1/stats`: the store's reports, as they are.
pub use lookout_store::history::{
    ByImpact, ComponentUptime, DayStatus, LongestIncident, ProviderStats, ProviderUptime,
    StatsReport, StatusSeconds, UptimeReport, WorstComponent,
};
/// An open suspicion, as a provider's row carries it.
pub use lookout_store::SuspectedNow;

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use lookout_core::{ComponentStatus, Impact, IncidentStatus, ProviderId};

    /// What a client following a server reads back is what the server wrote, vendor words
    /// outside the vocabulary included.
    #[test]
    fn a_row_reads_back_as_it_was_written() {
        let at = chrono::Utc.with_ymd_and_hms(2026, 6, 1, 12, 0, 0).unwrap();
        let row = IncidentRow {
            report: IncidentReport {
                id: "abc".into(),
                title: "Elevated <b>errors</b>".into(),
                impact: Impact::Major,
                status: IncidentStatus::parse("Security Issue"),
                started_at: at,
                resolved_at: None,
                duration_seconds: None,
                url: None,
                updates: vec![UpdateReport {
                    status: IncidentStatus::Investigating,
                    body: "Looking".into(),
                    at,
                    components: vec![ComponentChange {
                        id: "c1".into(),
                        name: "API".into(),
                        status: ComponentStatus::PartialOutage,
                    }],
                }],
            },
            provider_id: ProviderId::new(3),
            provider: "Acme".into(),
            detected_at: at,
            suspected_lead_seconds: Some(90),
        };
        let text = serde_json::to_string(&row).unwrap();
        assert!(text.contains(r#""provider_id":3"#), "{text}");
        assert!(text.contains(r#""status":"Security Issue""#), "{text}");
        let back: IncidentRow = serde_json::from_str(&text).unwrap();
        assert_eq!(back, row);
    }
}
