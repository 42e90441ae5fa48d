//! Integration tests of the alert layer: the policy (rules, quiet hours, snooze, severity,
//! coalescing, offline) over a real store, a state-machine property test of "at most once per
//! sink, at least once to webhooks", and delivery to a local receiver that fails then recovers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod config;
mod config_services;
mod contracts;
mod delivery;
mod email;
mod follows;
mod paging;
mod passes;
mod property;
mod secrets;
mod service_rules;

pub use lookout_fake_status_server::recorded::{add, at, base, observe};
