//! The desktop app's GUI-free side: what the window and the tray show (read from the store with
//! a clock passed in), the app's settings, which OS notifications a poll deserves, and adding a
//! provider after a detection preview. The Tauri shell in `src-tauri/` only wires these to
//! commands, the tray and the notification plugin, so all of it is tested without WebKit.

#![warn(missing_docs)]

pub mod adding;
pub mod catalog;
pub mod error;
pub mod history;
pub mod incidents;
pub mod launch;
pub mod notify;
pub mod probes;
pub mod sanitize;
pub mod settings;
pub mod tray;
pub mod tray_action;
pub mod tray_refresh;
pub mod views;

pub use adding::{add_provider, preview, read_history, AddProvider, Preview};
pub use catalog::{
    catalog_categories, catalog_category, catalog_search, CatalogCategory, CatalogEntry,
};
pub use error::{CommandError, DesktopError};
pub use history::{provider_history, DayIncident, HistoryDay, ProviderHistory};
pub use incidents::{
    export_csv, follow_incident, incident, incidents, ExportedFile, IncidentDetail, IncidentQuery,
    IncidentRow, UpdateView,
};
pub use launch::{parse_launch, Launch, StartView};
pub use lookout_alerts::Pause;
pub use notify::{take_notifications, Notification};
pub use probes::{
    add_probe, probe_suggestions, provider_probes, remove_probe, AddProbe, ProbeSuggestion,
    ProbeView,
};
pub use settings::{pause_notifications, Settings};
pub use tray::{StatusChanged, TrayProblem, TrayState, STATUS_CHANGED};
pub use tray_action::{TrayAction, TraySnooze};
pub use tray_refresh::{PollOutcome, TrayRefreshes};
pub use views::{
    maintenances, overview, overview_in, provider_card, ComponentGroup, ComponentView,
    MaintenanceRow, Overview, ProviderCard,
};
