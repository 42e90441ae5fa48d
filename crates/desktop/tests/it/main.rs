//! Integration tests of the desktop crate: what the window and tray show across an incident's
//! life, which notifications are sent (once, filtered, grouped), and adding a provider from a
//! preview served by the fake status-page server on 127.0.0.1.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adding;
mod badges;
mod browsing;
mod contracts;
mod follows;
mod history;
mod launch;
mod notifications;
mod probes;
mod suspected;
mod ui_types;
mod views;
mod window;

pub use lookout_fake_status_server::recorded::{add, at, base, observe};
