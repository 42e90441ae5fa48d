//! Lookout's network side for status pages: it fetches their documents safely, detects a page's
//! platform, polls stored providers into the store, and runs the watch loop and its schedule.

#![warn(missing_docs)]

pub mod adding;
mod db_changes;
pub mod detect;
pub mod error;
pub mod fetch;
pub mod last_reads;
pub mod poll;
mod probe_request;
pub mod probing;
pub mod read;
pub mod schedule;
pub mod sniff;
pub mod supervise;
pub mod watch;

pub use adding::{find, read_history, Found};
pub use detect::{detect, Detected};
pub use error::PollError;
pub use fetch::{FetchConfig, Fetched, Fetcher};
pub use last_reads::LastReads;
pub use lookout_store::EventsStored;
pub use poll::{poll_all, poll_provider, PollConfig, ProviderPoll, SharedStore};
pub use probing::run_probe;
pub use read::{read_page, PageRead};
pub use schedule::{next_delay, Refresh, Schedule};
pub use supervise::keep_watching;
pub use watch::{watch, Watch};
