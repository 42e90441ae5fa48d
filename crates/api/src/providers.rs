//! The watched providers: `lookout list --json` and `GET /api/v1/providers` (one row each),
//! `GET /api/v1/providers/{id}` (the row and its components).

use crate::check::ComponentReport;
use chrono::{DateTime, Utc};
use lookout_core::provider_status::Unknown;
use lookout_core::{masked_url, ComponentStatus, Platform, ProviderId};
use lookout_engine::operations::providers::ProviderBoard;
use lookout_store::SuspectedNow;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One watched provider and what every view shows of it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProviderRow {
    /// Lookout's id for it.
    #[schema(value_type = i64)]
    pub id: ProviderId,
    /// Display name.
    pub name: String,
    /// The status page's URL (credentials masked).
    pub url: String,
    /// Its platform (`statuspage`, `incident_io`, …).
    #[schema(value_type = String)]
    pub platform: Platform,
    /// Seconds between polls.
    pub poll_interval_secs: u32,
    /// Whether it is polled.
    pub enabled: bool,
    /// Its status by the one status rule: the worst of its watched components.
    #[schema(value_type = String)]
    pub status: ComponentStatus,
    /// Why it is `unknown` (the last error, "not read yet", "last read 14 min ago"); `null`
    /// otherwise.
    pub unknown_reason: Option<String>,
    /// What its last read left out of the page.
    pub warnings: Vec<String>,
    /// When its page was last read successfully.
    pub last_success_at: Option<DateTime<Utc>>,
    /// Why its last read failed, if it did.
    pub last_error: Option<String>,
    /// The ids of the components watched (empty: all).
    pub watched_components: Vec<String>,
    /// A suspected outage (Lookout's probes failing while the page says operational or
    /// degraded); `null` otherwise.
    pub suspected: Option<SuspectedNow>,
}

/// One provider with its components (in page order).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct ProviderDetail {
    /// The provider's row.
    #[serde(flatten)]
    pub provider: ProviderRow,
    /// Its components, in page order.
    pub components: Vec<ComponentReport>,
}

impl ProviderRow {
    /// The row of `board` read at `now`.
    pub fn new(board: &ProviderBoard, now: DateTime<Utc>) -> ProviderRow {
        let (p, state) = (&board.provider, &board.state);
        // Suspected while the page says operational or degraded (else the vendor says more).
        let calm = matches!(
            board.status,
            ComponentStatus::Operational | ComponentStatus::DegradedPerformance
        );
        let why = board
            .unknown
            .as_ref()
            .map(|why| match (why, &state.last_error) {
                (Unknown::Unreachable, Some(error)) => error.clone(),
                _ => why.describe(now),
            });
        ProviderRow {
            id: p.id,
            name: p.name.clone(),
            url: masked_url(&p.url),
            platform: p.platform,
            poll_interval_secs: p.poll_interval_secs,
            enabled: p.enabled,
            status: board.status.clone(),
            unknown_reason: why,
            warnings: state.warnings.clone(),
            last_success_at: state.last_success_at,
            last_error: state.last_error.clone(),
            watched_components: board.watched.clone(),
            suspected: board.suspected.clone().filter(|_| calm),
        }
    }
}

impl ProviderDetail {
    /// The detail of `board` read at `now`.
    pub fn new(board: &ProviderBoard, now: DateTime<Utc>) -> ProviderDetail {
        ProviderDetail {
            provider: ProviderRow::new(board, now),
            components: board.components.iter().map(ComponentReport::new).collect(),
        }
    }
}
