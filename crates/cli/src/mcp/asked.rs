//! What each tool is asked: its arguments, whose doc comments are the descriptions a model reads
//! in the tool's input schema (derived by schemars, as rmcp expects).

use schemars::JsonSchema;
use serde::Deserialize;

/// A vendor, watched or not.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct VendorAsked {
    /// The vendor's name ("GitHub", "OpenAI", "stripe": a watched provider's name or a name or
    /// alias of Lookout's catalogue of well-known services) or its status page's URL
    /// (https://www.githubstatus.com).
    pub name_or_url: String,
}

/// The services a project depends on.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct ServicesAsked {
    /// Only these services (names as watched or as in the catalogue, or status-page URLs); left
    /// out or empty: every watched provider.
    #[serde(default)]
    pub services: Vec<String>,
}

/// No arguments.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct NothingAsked {}

/// Which incidents.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct IncidentsAsked {
    /// Only this watched provider (its name or its id from list_providers).
    pub provider: Option<String>,
    /// `open` (not yet resolved), `resolved`, or `any` (the default).
    pub state: Option<IncidentState>,
    /// Only incidents that started on or after this local date (2026-03-04) or RFC 3339 time.
    pub since: Option<String>,
    /// Only incidents that started on or before this local date, or before this time.
    pub until: Option<String>,
    /// Only incidents whose title or updates hold these words (each a prefix, all required), best
    /// match first.
    pub search: Option<String>,
    /// At most this many, newest first (default 20, at most 200).
    pub limit: Option<u32>,
}

/// An incident's state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum IncidentState {
    /// Not yet resolved.
    Open,
    /// Over.
    Resolved,
    /// Either.
    Any,
}

/// One incident.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct IncidentAsked {
    /// The watched provider (its name or its id).
    pub provider: String,
    /// The incident's id, as `incidents` or `vendor_status` give it.
    pub id: String,
}

/// A window of history.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct HistoryAsked {
    /// Only this watched provider (its name or its id); left out: all.
    pub provider: Option<String>,
    /// How many days, ending today (local days; default 90, 1 to 3660).
    pub days: Option<u32>,
}

/// How far ahead.
#[derive(Debug, Default, Deserialize, JsonSchema)]
pub struct MaintenanceAsked {
    /// Only this watched provider (its name or its id); left out: all.
    pub provider: Option<String>,
    /// Maintenance in progress, or planned to start within this many days (default 30).
    pub days: Option<u32>,
}

/// A page to watch.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct WatchAsked {
    /// The vendor's name as in the catalogue ("GitHub") or its status page's URL.
    pub name_or_url: String,
    /// Only these components (their names or ids, as vendor_status shows them) count for its
    /// status and alerts; left out: all of them.
    #[serde(default)]
    pub components: Vec<String>,
}

/// A provider's snooze.
#[derive(Debug, Deserialize, JsonSchema)]
pub struct SnoozeAsked {
    /// The watched provider (its name or its id).
    pub provider: String,
    /// How long: `1h`, `8h`, `24h`, `30m`, `2d`, `resolved` (until its open incidents are), or
    /// `off` (alert again).
    pub length: String,
}
