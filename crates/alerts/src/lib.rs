//! Lookout's alert layer, between the engine's events and every place an alert goes: rules per
//! provider (events, minimum severity, sinks, snooze), global quiet hours and pause, one message
//! per provider per pass (a summary when many change at once, one "offline" notice when every
//! provider fails), and delivery: the OS notification centre (best effort, once) and Slack,
//! Discord, Teams, signed JSON webhooks, PagerDuty, Opsgenie and e-mail (at least once, retried
//! with backoff, logged). The same code runs in the desktop app and in `lookout poll` /
//! `lookout watch`.

#![warn(missing_docs)]

pub mod alert_loop;
pub mod config;
pub mod controls;
pub mod destinations;
pub mod email;
pub mod error;
mod facts;
pub mod message;
pub mod paging;
pub mod pass;
pub mod policy;
pub mod reminders;
pub mod rules;
pub mod send;
pub mod sinks;
pub mod text;
pub mod wake;

pub use alert_loop::{run_alert_loop, AlertLoop, Pass};
pub use controls::{pause_alerts, pause_end, snooze_provider};
pub use destinations::{add_sink, delivery_rows, sink_views, DeliveryRow, NewSink, SinkView};
pub use error::{AlertError, Result};
pub use message::Message;
pub use pass::{deliver_webhooks, plan, take_os_notifications, DeliveryReport, OS_SINK};
pub use rules::{AlertSettings, EventChoices, Pause, ProviderRules, QuietHours, Snooze};
pub use send::send_test;
pub use send::Sender;
pub use sinks::SinkKind;
pub use wake::{next_moment, until_next};
