//! Lookout's GUI-free domain: the normalised model of a status page, the parsers that produce it,
//! and the pure diff that turns two observations into change events.
//!
//! Nothing in this crate does IO or reads the system clock: parsers take bytes, the diff takes
//! the previous state and a time, so every behaviour is testable without a network or a database.

#![warn(missing_docs)]

pub mod catalog;
pub mod clock;
pub mod diff;
pub mod error;
pub mod event;
pub mod model;
pub mod provider_status;
pub mod sources;
pub mod status;
pub mod timeline;

pub use clock::{Clock, FixedClock, SystemClock};

/// How many cases each fuzz target runs: `LOOKOUT_FUZZ_CASES`, else 48 (quick, for the test
/// suite; `scripts/fuzz` asks for many more). Shared by the fuzz targets of every crate.
pub fn fuzz_cases() -> u32 {
    std::env::var("LOOKOUT_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(48)
}
pub use diff::{diff, KnownIncident, KnownMaintenance, Observation, PreviousState};
pub use error::SourceError;
pub use event::{Event, EventKind};
pub use model::{
    Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot, UpdateComponent,
};
pub use provider_status::{page_status, provider_status, ReadHealth, Unknown};
pub use sources::Platform;
pub use status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
