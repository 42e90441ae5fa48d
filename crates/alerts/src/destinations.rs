//! Managing alert destinations for the window and the CLI: adding a sink with its URL (or mail
//! server, or paging service's address and key) checked, listing sinks with their URLs redacted
//! (a webhook URL is a secret) and their keys masked, and the delivery log with each sink's name.

use crate::email::{stored_url, MailServer};
use crate::error::{AlertError, Result};
use crate::paging::{OPSGENIE_ENDPOINT, PAGERDUTY_ENDPOINT};
use crate::sinks::{check_url, redacted, SinkKind};
use chrono::{DateTime, Utc};
use lookout_core::SinkId;
use lookout_store::{DeliveryRecord, Store, StoredSink};
use serde::{Deserialize, Serialize};

/// A sink as shown to people: never its URL's path nor its secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct SinkView {
    /// Local id.
    pub id: SinkId,
    /// `slack`, `discord`, `teams`, `webhook`, `pagerduty`, `opsgenie` or `email`.
    pub kind: String,
    /// A name for people.
    pub name: String,
    /// The URL's scheme and host only; for e-mail, the mail server and the recipients.
    pub url: String,
    /// It has a secret: a webhook's signing key (requests are signed), a PagerDuty routing
    /// key, an Opsgenie API key or an SMTP password.
    pub has_secret: bool,
    /// The secret, masked: `••••` and its last four characters (only `••••` for a secret shorter
    /// than 12 characters, whose last four would give too much away).
    pub secret_hint: Option<String>,
    /// It receives alerts.
    pub enabled: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

impl From<&StoredSink> for SinkView {
    fn from(sink: &StoredSink) -> Self {
        SinkView {
            id: sink.id,
            kind: sink.kind.clone(),
            name: sink.name.clone(),
            url: shown_url(&sink.kind, &sink.url),
            has_secret: sink.secret.as_deref().is_some_and(|s| !s.is_empty()),
            secret_hint: sink.secret.as_deref().filter(|s| !s.is_empty()).map(masked),
            enabled: sink.enabled,
            created_at: sink.created_at,
        }
    }
}

/// What a list shows of a sink's URL: the mail server and recipients for e-mail, else the
/// scheme and host.
fn shown_url(kind: &str, url: &str) -> String {
    match SinkKind::parse(kind) {
        Ok(SinkKind::Email) => MailServer::parse(url)
            .map(|m| m.describe())
            .unwrap_or_else(|_| "(invalid mail server URL)".into()),
        _ => redacted(url),
    }
}

/// `••••` and the last four characters of `secret` (only `••••` when it is shorter than 12).
pub fn masked(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 12 {
        return "••••".to_string();
    }
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("••••{tail}")
}

/// What is needed to add a sink (its Debug output hides the URL and the secret).
#[derive(Clone, PartialEq, Eq, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct NewSink {
    /// `slack`, `discord`, `teams`, `webhook`, `pagerduty`, `opsgenie` or `email`.
    pub kind: String,
    /// A name for people (defaults to the kind).
    #[serde(default)]
    pub name: String,
    /// The webhook URL; for PagerDuty and Opsgenie the API's address (empty: the vendor's
    /// own); for e-mail the mail server's URL (`smtps://…?to=ADDR`, see
    /// [`crate::email::MailServer::parse`]).
    pub url: String,
    /// HMAC key for generic webhooks; the routing key (PagerDuty), the API key (Opsgenie) or
    /// the SMTP password (e-mail; else the URL's own password).
    #[serde(default)]
    pub secret: Option<String>,
}

impl std::fmt::Debug for NewSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewSink")
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("url", &"<redacted>")
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

/// Checks and stores a new sink; it receives changes from now on.
pub fn add_sink(store: &mut Store, new: &NewSink, now: DateTime<Utc>) -> Result<SinkView> {
    let kind = SinkKind::parse(&new.kind)?;
    let secret = new
        .secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty());
    let (url, secret) = check_sink(kind, new.url.trim(), secret)?;
    let name = match new.name.trim() {
        "" => kind.label().to_string(),
        name => name.to_string(),
    };
    let sink = store.add_sink(kind.as_str(), &name, &url, secret.as_deref(), now)?;
    Ok(SinkView::from(&sink))
}

/// The URL and secret to store for a sink of `kind`, checked (`add_sink` and configuration
/// files alike): https (http or plain SMTP to this machine only), a key where the kind needs
/// one, no secret where the URL is the secret.
pub fn check_sink(
    kind: SinkKind,
    url: &str,
    secret: Option<&str>,
) -> Result<(String, Option<String>)> {
    let key = |what: &str| match secret {
        Some(key) if !key.chars().any(char::is_whitespace) => Ok(Some(key.to_string())),
        Some(_) => Err(AlertError::InvalidInput(format!(
            "the {what} has blank space in it"
        ))),
        None => Err(AlertError::InvalidInput(format!(
            "{} needs its {what}",
            kind.label()
        ))),
    };
    let or_default = |default: &str| check_url(if url.is_empty() { default } else { url });
    match kind {
        SinkKind::Webhook => Ok((check_url(url)?.to_string(), secret.map(str::to_string))),
        SinkKind::Slack | SinkKind::Discord | SinkKind::Teams => match secret {
            Some(_) => Err(AlertError::InvalidInput(
                "only generic webhooks are signed; Slack, Discord and Teams URLs are the secret"
                    .into(),
            )),
            None => Ok((check_url(url)?.to_string(), None)),
        },
        SinkKind::PagerDuty => Ok((
            or_default(PAGERDUTY_ENDPOINT)?.to_string(),
            key("routing key")?,
        )),
        SinkKind::Opsgenie => Ok((or_default(OPSGENIE_ENDPOINT)?.to_string(), key("API key")?)),
        SinkKind::Email => stored_url(url, None, None, None, secret),
    }
}

/// Every sink, redacted.
pub fn sink_views(store: &Store) -> Result<Vec<SinkView>> {
    Ok(store.sinks()?.iter().map(SinkView::from).collect())
}

/// One row of the delivery log, with its destination's name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct DeliveryRow {
    /// The stored record.
    #[serde(flatten)]
    pub record: DeliveryRecord,
    /// "Desktop notifications" or the sink's name.
    pub sink_name: String,
}

/// The newest `limit` deliveries.
pub fn delivery_rows(store: &Store, limit: u32) -> Result<Vec<DeliveryRow>> {
    let sinks = store.sinks()?;
    Ok(store
        .delivery_log(limit)?
        .into_iter()
        .map(|record| {
            let sink_name = if record.sink == crate::OS_SINK {
                "Desktop notifications".to_string()
            } else {
                sinks
                    .iter()
                    .find(|s| s.ledger_name() == record.sink)
                    .map(|s| s.name.clone())
                    .unwrap_or_else(|| format!("{} (removed)", record.sink))
            };
            DeliveryRow { record, sink_name }
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::masked;

    #[test]
    fn a_new_sinks_debug_output_hides_its_url_and_secret() {
        let new = super::NewSink {
            kind: "pagerduty".into(),
            name: "on call".into(),
            url: "https://events.pagerduty.com/v2/enqueue".into(),
            secret: Some("R0UTINGKEY".into()),
        };
        let shown = format!("{new:?}");
        assert!(
            !shown.contains("R0UTINGKEY") && !shown.contains("enqueue"),
            "{shown}"
        );
        assert!(shown.contains("pagerduty"));
    }

    #[test]
    fn a_secret_is_shown_masked_with_at_most_its_last_four_characters() {
        assert_eq!(masked("whsec_0123456789abcdef"), "••••cdef");
        assert_eq!(masked("short-secret"), "••••cret");
        assert_eq!(masked("k3y"), "••••");
        assert_eq!(masked("elevenchars"), "••••");
    }
}
