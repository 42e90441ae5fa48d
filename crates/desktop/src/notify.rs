//! OS notifications, as the alert layer decides them (rules, quiet hours, snooze, pause, one per
//! provider per pass, each change once): here only turned into what the notification plugin
//! shows, with the window route a click should open.

use lookout_core::{EventKind, ProviderId};
use lookout_engine::operations::alerts::{Message, MessageKind};
use serde::Serialize;

/// One OS notification.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Notification {
    /// The provider it is about, if only one.
    pub provider_id: Option<ProviderId>,
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
            (MessageKind::Provider, Some(p), Some(i)) => {
                format!("#/incident/{p}/{}", percent_encoded(&i))
            }
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

impl Notification {
    /// The body for notification servers that read it as markup (Linux desktops, by the
    /// freedesktop specification): `&`, `<` and `>` escaped, so vendor text stays text.
    pub fn markup_body(&self) -> String {
        let mut out = String::with_capacity(self.body.len());
        for c in self.body.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                c => out.push(c),
            }
        }
        out
    }
}

/// A vendor's id as one URL segment (the one rule: [`lookout_core::percent_encoded`]).
pub use lookout_core::percent_encoded;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_servers_get_vendor_text_as_text_and_routes_carry_ids_encoded() {
        let notification = Notification {
            provider_id: Some(ProviderId::new(1)),
            title: "Acme: partial outage".into(),
            body: "<b>Down</b> & <a href=\"x\">out</a>".into(),
            route: String::new(),
        };
        assert_eq!(
            notification.markup_body(),
            "&lt;b&gt;Down&lt;/b&gt; &amp; &lt;a href=\"x\"&gt;out&lt;/a&gt;"
        );
        assert_eq!(percent_encoded("abc-1.2_~"), "abc-1.2_~");
        assert_eq!(
            percent_encoded("a/b?c#d';alert(1)//é"),
            "a%2Fb%3Fc%23d%27%3Balert%281%29%2F%2F%C3%A9"
        );
    }
}
