//! Integration tests for the fake status-page server, over real HTTP on 127.0.0.1.

#![allow(clippy::unwrap_used, clippy::expect_used)] // tests may panic on the unexpected

mod client;
mod faults;
mod fixtures;
mod http;
mod routes;
mod scenario;
mod scenario_rounds;
