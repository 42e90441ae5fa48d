//! Integration tests of the store: snapshots and their diff saved together, no event twice across
//! restarts, unreachable providers, providers, a damaged file, and a file that is no database.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod database_file;
mod deliveries;
mod for_reports;
mod history;
mod probes;
mod providers;
mod quiet_reads;
mod search;
mod services;
mod sharing;
mod snapshots;
