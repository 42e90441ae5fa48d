//! The desktop app's GUI-free side: what the window and the tray show (made from what the
//! engine's operations answer, at a time passed in), the app's settings, the OS notifications
//! the alert layer decides, and adding a provider after a detection preview. It reaches the
//! database only through `lookout-engine`; the Tauri shell in `src-tauri/` only wires these to
//! commands, the tray and the notification plugin, so all of it is tested without WebKit.

#![warn(missing_docs)]

pub mod adding;
pub mod badges;
pub mod catalog;
pub mod error;
pub mod following;
pub mod history;
pub mod incidents;
pub mod launch;
pub mod notify;
pub mod probes;
pub mod project_suggestions;
pub mod sanitize;
pub mod settings;
pub mod tray;
pub mod tray_action;
pub mod tray_refresh;
pub mod tray_services;
pub mod updates;
pub mod views;

pub use adding::{
    add_provider, already_watching, new_provider, preview, preview_of, AddProvider, Preview,
    Watching,
};
pub use badges::{Badge, BadgeKind};
pub use catalog::{
    catalog_categories, catalog_category, catalog_search, CatalogCategory, CatalogEntry,
};
pub use error::{CommandError, DesktopError};
pub use following::{following_overview, FollowingView};
pub use history::{provider_history, DayIncident, HistoryDay, ProviderHistory};
pub use incidents::{
    incident_detail, incident_rows, ExportedFile, IncidentDetail, IncidentQuery, IncidentRow,
    UpdateView,
};
pub use launch::{parse_launch, Launch, StartView};
pub use lookout_engine::operations::alerts::Pause;
pub use notify::Notification;
pub use probes::{
    add_probe, new_probe, probe_suggestions, probe_views, provider_probes, remove_probe,
    suggestions_for, AddProbe, ProbeSuggestion, ProbeView,
};
pub use project_suggestions::{folder_suggestions, FolderSuggestions, FolderVendor};
pub use settings::{pause_notifications, Settings};
pub use tray::{StatusChanged, TrayProblem, TrayState, STATUS_CHANGED};
pub use tray_action::{TrayAction, TraySnooze};
pub use tray_refresh::{PollOutcome, TrayRefreshes};
pub use updates::{UpdateCheck, UpdateOutcome};
pub use views::{
    maintenances, overview, overview_in, provider_card, ComponentGroup, ComponentView,
    MaintenanceRow, Overview, ProviderCard,
};
