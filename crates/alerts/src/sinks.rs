//! The kinds of alert sink and what each receives: Slack (incoming webhook), Discord (webhook,
//! mentions disabled), Microsoft Teams (workflow webhook with an Adaptive Card) and the generic
//! JSON webhook (the [`Message`] itself, signed with HMAC-SHA256 when a secret is set); PagerDuty
//! and Opsgenie get paging requests (see [`crate::paging`]) and e-mail a mail (see
//! [`crate::email`]).

use crate::error::{AlertError, Result};
use crate::message::Message;
use hmac::{Hmac, Mac};
use lookout_core::ComponentStatus;
use serde_json::{json, Value};
use sha2::Sha256;
use url::Url;

/// A kind of sink.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SinkKind {
    /// Slack incoming webhook.
    Slack,
    /// Discord webhook.
    Discord,
    /// Microsoft Teams workflow ("Post to a channel when a webhook request is received").
    Teams,
    /// Any HTTP endpoint taking Lookout's JSON.
    Webhook,
    /// PagerDuty Events API v2 (the routing key is the secret).
    PagerDuty,
    /// Opsgenie alerts API (the API key is the secret).
    Opsgenie,
    /// E-mail over SMTP (the password, if any, is the secret).
    Email,
}

impl SinkKind {
    /// Reads `slack`, `discord`, `teams`, `webhook`, `pagerduty`, `opsgenie` or `email`.
    pub fn parse(text: &str) -> Result<SinkKind> {
        match text.trim().to_lowercase().as_str() {
            "slack" => Ok(SinkKind::Slack),
            "discord" => Ok(SinkKind::Discord),
            "teams" | "msteams" => Ok(SinkKind::Teams),
            "webhook" | "json" => Ok(SinkKind::Webhook),
            "pagerduty" => Ok(SinkKind::PagerDuty),
            "opsgenie" => Ok(SinkKind::Opsgenie),
            "email" | "e-mail" | "smtp" => Ok(SinkKind::Email),
            other => Err(AlertError::InvalidInput(format!(
                "unknown sink {other:?}: use slack, discord, teams, webhook, pagerduty, \
                 opsgenie or email"
            ))),
        }
    }

    /// The name people know it by.
    pub fn label(self) -> &'static str {
        match self {
            SinkKind::Slack => "Slack",
            SinkKind::Discord => "Discord",
            SinkKind::Teams => "Microsoft Teams",
            SinkKind::Webhook => "Webhook",
            SinkKind::PagerDuty => "PagerDuty",
            SinkKind::Opsgenie => "Opsgenie",
            SinkKind::Email => "E-mail",
        }
    }

    /// The stored word.
    pub fn as_str(self) -> &'static str {
        match self {
            SinkKind::Slack => "slack",
            SinkKind::Discord => "discord",
            SinkKind::Teams => "teams",
            SinkKind::Webhook => "webhook",
            SinkKind::PagerDuty => "pagerduty",
            SinkKind::Opsgenie => "opsgenie",
            SinkKind::Email => "email",
        }
    }

    /// A paging service: it is told of incidents and suspected outages only, one message per
    /// provider (never a summary nor the offline notice).
    pub fn pages(self) -> bool {
        matches!(self, SinkKind::PagerDuty | SinkKind::Opsgenie)
    }
}

/// Checks a sink's URL: https, or http to this machine only (for tests and local relays).
pub fn check_url(text: &str) -> Result<Url> {
    let bad = |why: &str| AlertError::InvalidInput(format!("bad webhook URL: {why}"));
    let url = Url::parse(text.trim()).map_err(|e| bad(&e.to_string()))?;
    let local = matches!(url.host_str(), Some("127.0.0.1" | "localhost" | "[::1]"));
    match url.scheme() {
        "https" => Ok(url),
        "http" if local => Ok(url),
        _ => Err(bad("it must start with https://")),
    }
}

/// The URL with its path and query hidden (webhook URLs carry their secret in the path).
pub fn redacted(url: &str) -> String {
    match Url::parse(url) {
        Ok(u) => format!("{}://{}/…", u.scheme(), u.host_str().unwrap_or("?")),
        Err(_) => "(invalid URL)".into(),
    }
}

fn colour(status: &ComponentStatus) -> u32 {
    match status {
        ComponentStatus::Operational => 0x2da44e,
        ComponentStatus::UnderMaintenance => 0x2f81f7,
        ComponentStatus::DegradedPerformance => 0xd4a72c,
        ComponentStatus::PartialOutage => 0xe16f24,
        ComponentStatus::MajorOutage => 0xcf222e,
        ComponentStatus::Unknown | ComponentStatus::Other(_) => 0x8b949e,
    }
}

/// Slack's mrkdwn needs `&`, `<` and `>` escaped (vendor text must not make links or mentions).
fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The JSON body `kind` receives for `message`; `None` for the kinds that are not sent one
/// JSON body per message (PagerDuty, Opsgenie, e-mail).
pub fn body(kind: SinkKind, message: &Message) -> Option<Value> {
    Some(match kind {
        SinkKind::PagerDuty | SinkKind::Opsgenie | SinkKind::Email => return None,
        SinkKind::Slack => json!({
            "text": format!("*{}*\n{}", slack_escape(&message.title), slack_escape(&message.text)),
        }),
        SinkKind::Discord => json!({
            "embeds": [{
                "title": message.title,
                "description": message.text,
                "color": colour(&message.status),
                "timestamp": message.created_at,
            }],
            "allowed_mentions": { "parse": [] },
        }),
        SinkKind::Teams => json!({
            "type": "message",
            "attachments": [{
                "contentType": "application/vnd.microsoft.card.adaptive",
                "content": {
                    "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                    "type": "AdaptiveCard",
                    "version": "1.4",
                    "body": [
                        { "type": "TextBlock", "text": message.title, "weight": "Bolder", "size": "Medium", "wrap": true },
                        { "type": "TextBlock", "text": message.text, "wrap": true },
                    ],
                },
            }],
        }),
        SinkKind::Webhook => serde_json::to_value(message).unwrap_or(Value::Null),
    })
}

/// `sha256=<hex HMAC-SHA256 of body keyed with secret>`: the `X-Lookout-Signature` header.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac = match Hmac::<Sha256>::new_from_slice(secret.as_bytes()) {
        Ok(mac) => mac,
        Err(_) => return String::new(), // HMAC takes keys of any length; never happens
    };
    mac.update(body);
    let hex: String = mac
        .finalize()
        .into_bytes()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    format!("sha256={hex}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_signature_is_the_documented_hmac_sha256() {
        // RFC 4231 test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn urls_must_be_https_except_to_this_machine_and_are_redacted() {
        assert!(check_url("https://hooks.slack.com/services/T/B/X").is_ok());
        assert!(check_url("http://127.0.0.1:9/hook").is_ok());
        assert!(check_url("http://example.com/hook").is_err());
        assert!(check_url("file:///etc/passwd").is_err());
        assert_eq!(
            redacted("https://hooks.slack.com/services/T/B/X"),
            "https://hooks.slack.com/…"
        );
        assert_eq!(SinkKind::parse("Teams").unwrap(), SinkKind::Teams);
        assert!(SinkKind::parse("pager").is_err());
        assert_eq!(SinkKind::parse("PagerDuty").unwrap(), SinkKind::PagerDuty);
        assert_eq!(SinkKind::parse("email").unwrap().as_str(), "email");
    }
}
