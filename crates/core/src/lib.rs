//! Lookout's GUI-free domain: the normalised model of a status page, the parsers that produce it,
//! and the pure diff that turns two observations into change events.
//!
//! Nothing in this crate does IO or reads the system clock: parsers take bytes, the diff takes
//! the previous state and a time, so every behaviour is testable without a network or a database.

#![warn(missing_docs)]

pub mod catalog;
pub mod catalog_in_use;
mod catalog_index;
pub mod catalog_packages;
pub mod clock;
pub mod diff;
pub mod error;
pub mod event;
mod fuzzing;
pub mod history;
pub mod honesty;
pub mod ids;
pub mod manifests;
pub mod masked_url;
pub mod model;
pub mod percent;
pub mod probe;
pub mod provider_status;
pub mod services;
pub mod sources;
pub mod status;
pub mod timeline;

pub use clock::{Clock, FixedClock, SystemClock};

pub use diff::{diff, KnownIncident, KnownMaintenance, Observation, PreviousState};
pub use error::SourceError;
pub use event::{Event, EventKind};
pub use fuzzing::{fuzz_cases, fuzz_time_limit, fuzz_timed, HOSTILE_HTML_PIECES};
pub use ids::{IncidentRef, ProbeId, ProviderId, SinkId};
pub use masked_url::{masked_url, masked_urls_in};
pub use model::{
    Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot, UpdateComponent,
};
pub use percent::percent_encoded;
pub use provider_status::{page_status, provider_status, ReadHealth, Unknown};
pub use sources::Platform;
pub use status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
