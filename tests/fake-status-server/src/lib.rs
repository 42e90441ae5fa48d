//! A fake status-page server for Lookout's tests: serves any number of pages on 127.0.0.1, each
//! under `/<slug>/`, in the Atlassian Statuspage v2 or incident.io dialect, rendered from a
//! [`lookout_core::Snapshot`] so the JSON looks like the real vendors'. Pages can be told to
//! misbehave ([`Fault`]), every request is counted, conditional requests get 304, and a scripted
//! incident ([`scenario`]) can be stepped through from tests or over HTTP.
//!
//! ```no_run
//! use lookout_fake_status_server::{scenario, Dialect, FakeStatusServer, Fault};
//! let server = FakeStatusServer::start_blocking().expect("bind");
//! server.set_page("acme", Dialect::Statuspage, scenario::incident_life(1, chrono::Utc::now()));
//! let url = server.page_url("acme"); // http://127.0.0.1:PORT/acme/
//! server.set_fault("acme", Some(Fault::Status(503)));
//! assert_eq!(server.hits("acme"), 0);
//! # let _ = url;
//! ```

#![warn(missing_docs)]

pub mod catalogue;
mod codes;
pub mod fault;
pub mod fleet;
mod history;
mod incidentio;
pub mod quiet;
pub mod recorded;
mod routes;
pub mod scenario;
mod server;
mod statuspage;

pub use fault::Fault;
pub use server::FakeStatusServer;

/// Which vendor's documents a page serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Atlassian Statuspage v2: `/<slug>/api/v2/{summary,status,components,incidents,
    /// scheduled-maintenances}.json`; times in a `-04:00` offset with milliseconds.
    Statuspage,
    /// incident.io: `/<slug>/proxy/<host>` and `/<slug>/proxy/<host>/incidents`, plus the
    /// Statuspage-compatible `/<slug>/api/v2/{summary,status}.json`; times in UTC `Z`.
    IncidentIo,
}
