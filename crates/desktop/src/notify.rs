//! OS notifications, as the alert layer decides them (rules, quiet hours, snooze, pause, one per
//! provider per pass, each change once): here only turned into what the notification plugin
//! shows, with the window route a click should open.

use crate::error::Result;
use chrono::{DateTime, TimeZone, Utc};
use lookout_alerts::message::MessageKind;
use lookout_alerts::Message;
use lookout_core::EventKind;
use lookout_store::Store;
use serde::Serialize;

/// One OS notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// The provider it is about, if only one.
    pub provider_id: Option<i64>,
    /// "Acme: partial outage".
    pub title: String,
    /// The incident's title and its latest update, plain text.
    pub body: String,
    /// Where a click on it leads in the window (`#/incident/<provider>/<incident>`).
    pub route: String,
}

impl From<Message> for Notification {
    fn from(message: Message) -> Self {
        let provider_id = message.provider.as_ref().map(|p| p.id);
        let incident = message.events.iter().find_map(|e| match &e.kind {
            EventKind::IncidentOpened { incident_id, .. }
            | EventKind::IncidentUpdated { incident_id, .. }
            | EventKind::IncidentResolved { incident_id, .. } => Some(incident_id.clone()),
            _ => None,
        });
        let route = match (message.kind, provider_id, incident) {
            (MessageKind::Provider, Some(p), Some(i)) => format!("#/incident/{p}/{i}"),
            (MessageKind::Provider, Some(p), None) => format!("#/provider/{p}"),
            _ => "#/overview".to_string(),
        };
        Notification {
            provider_id,
            title: message.title,
            body: message.text,
            route,
        }
    }
}

/// The OS notifications owed at `now` (`tz` is the user's time zone, for quiet hours); each
/// change is handed over once, across restarts and across processes.
pub fn take_notifications<Tz: TimeZone>(
    store: &mut Store,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Vec<Notification>> {
    Ok(lookout_alerts::take_os_notifications(store, now, tz)?
        .into_iter()
        .map(Notification::from)
        .collect())
}
