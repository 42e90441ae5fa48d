//! The operations a person performs, as the engine's: front ends translate their arguments and
//! render the results, never reach the store, poller or alert crates themselves. One module per
//! family; each operation runs its store work on a blocking thread (`SharedStore::run`), reads
//! through the read-only connection and writes through the writer, and wakes the alert loop when
//! what it changed may change who is told what.

pub mod alerts;
pub mod config;
pub mod events;
pub mod feeds;
pub mod following;
pub mod history;
pub mod incidents;
pub mod maintenance;
pub mod polling;
pub mod probes;
pub mod providers;
pub mod services;
pub mod settings;
pub mod suggestions;
