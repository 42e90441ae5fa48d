//! Sending one message to one sink over the process's one HTTP client: the body for the sink's
//! kind (or its paging requests, for PagerDuty and Opsgenie; or a mail, for e-mail), the delivery
//! id in `X-Lookout-Delivery`, the signature in `X-Lookout-Signature`, no redirects, a short time
//! limit, the answer read up to 64 KiB; and
//! what to do after a failure (retry with backoff on timeouts, 408, 429 and 5xx; give up on other
//! refusals or after [`MAX_ATTEMPTS`]); and a test message sent now, for "Send test".

use crate::error::{AlertError, Result};
use crate::message::Message;
use crate::paging::{
    opsgenie_alert, opsgenie_close, pagerduty_event, paging_requests, PagingAction,
};
use crate::sinks::{body, signature, SinkKind};
use chrono::{DateTime, Duration, Utc};
use lookout_core::SinkId;
use lookout_store::{Attempt, SharedStore, StoredSink};

/// Attempts before a delivery is given up (about 1 h 40 min of retries).
pub const MAX_ATTEMPTS: u32 = 6;

/// Sends alerts to sinks over the process's one HTTP client ([`lookout_http::HttpClient`], the
/// one polling uses: it follows no redirect by itself, so a POST is never redirected), each
/// request with its own time limit.
#[derive(Debug, Clone)]
pub struct Sender {
    client: reqwest::Client,
    timeout: std::time::Duration,
}

/// Why an attempt failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// Worth trying again.
    pub retryable: bool,
    /// For the delivery log (never contains the URL).
    pub reason: String,
}

impl Sender {
    /// Sends through `http`, each request given 15 s in all.
    pub fn new(http: &lookout_http::HttpClient) -> Sender {
        Sender::with_timeout(http, std::time::Duration::from_secs(15))
    }

    /// The same with another time limit (tests use a short one).
    pub fn with_timeout(http: &lookout_http::HttpClient, timeout: std::time::Duration) -> Sender {
        Sender {
            client: http.client().clone(),
            timeout,
        }
    }

    /// Delivers `message` to `sink`: one POST for a webhook kind, one per paging request for
    /// PagerDuty and Opsgenie (in order; a failure stops there and the whole message is retried,
    /// which both services de-duplicate by key), a mail for e-mail.
    pub async fn send(&self, sink: &StoredSink, message: &Message) -> Result<(), Failure> {
        let refused = |reason: String| Failure {
            retryable: false,
            reason,
        };
        let kind = SinkKind::parse(&sink.kind).map_err(|e| refused(e.to_string()))?;
        let secret = sink.secret.as_deref().filter(|s| !s.is_empty());
        let key = || secret.ok_or_else(|| refused(format!("no {} key is set", kind.label())));
        match kind {
            SinkKind::Email => crate::email::send(&sink.url, secret, message, self.timeout).await,
            SinkKind::PagerDuty => {
                let key = key()?;
                for request in paging_requests(message) {
                    let event = pagerduty_event(&request, key, &message.delivery_id);
                    self.post(&sink.url, &event, message, None, secret).await?;
                }
                Ok(())
            }
            SinkKind::Opsgenie => {
                let auth = format!("GenieKey {}", key()?);
                let base = sink.url.trim_end_matches('/');
                for request in paging_requests(message) {
                    let (url, body) = match request.action {
                        PagingAction::Trigger => (
                            format!("{base}/v2/alerts"),
                            opsgenie_alert(&request, &message.delivery_id),
                        ),
                        PagingAction::Resolve => (
                            format!(
                                "{base}/v2/alerts/{}/close?identifierType=alias",
                                request.key
                            ),
                            opsgenie_close(&request),
                        ),
                    };
                    let header = ("authorization", auth.clone());
                    self.post(&url, &body, message, Some(header), secret)
                        .await?;
                }
                Ok(())
            }
            SinkKind::Slack | SinkKind::Discord | SinkKind::Teams | SinkKind::Webhook => {
                let body = body(kind, message).unwrap_or_default();
                let raw = serde_json::to_vec(&body).map_err(|e| refused(e.to_string()))?;
                let signed = secret
                    .filter(|_| kind == SinkKind::Webhook)
                    .map(|s| ("x-lookout-signature", signature(s, &raw)));
                self.post(&sink.url, &body, message, signed, None).await
            }
        }
    }

    /// POSTs `body` as JSON to `url` with `header`; the answer's words are kept for the log,
    /// without the URL's path nor `secret`.
    async fn post(
        &self,
        url: &str,
        body: &serde_json::Value,
        message: &Message,
        header: Option<(&'static str, String)>,
        secret: Option<&str>,
    ) -> Result<(), Failure> {
        let raw = serde_json::to_vec(body).map_err(|e| Failure {
            retryable: false,
            reason: e.to_string(),
        })?;
        let mut request = self
            .client
            .post(url)
            .timeout(self.timeout)
            .header("content-type", "application/json")
            .header("x-lookout-delivery", &message.delivery_id);
        if let Some((name, value)) = header {
            request = request.header(name, value);
        }
        let response = request.body(raw).send().await.map_err(|e| Failure {
            retryable: true,
            // reqwest's message names the URL; keep only what went wrong.
            reason: if e.is_timeout() {
                "timed out".into()
            } else if e.is_connect() {
                "could not connect".into()
            } else {
                "the request failed".into()
            },
        })?;
        let status = response.status();
        let answer = read_capped(response).await;
        if status.is_success() {
            return Ok(());
        }
        // A receiver's own words help ("invalid_payload"); vendor-free, but still only text.
        let mut said: String = crate::text::plain_text(&String::from_utf8_lossy(&answer), 200);
        if let Some(path) = url::Url::parse(url)
            .ok()
            .map(|u| u.path().to_string())
            .filter(|p| p.len() > 1)
        {
            // The URL's path is the sink's secret: never logged, even when echoed back.
            said = said.replace(&path, "/…");
        }
        if let Some(secret) = secret {
            said = said.replace(secret, "…");
        }
        Err(Failure {
            retryable: status.is_server_error() || matches!(status.as_u16(), 408 | 429),
            reason: if said.is_empty() {
                format!("the sink answered {status}")
            } else {
                format!("the sink answered {status}: {said}")
            },
        })
    }
}

/// The most of a receiver's answer that is read; the rest is never waited for.
pub const MAX_ANSWER_BYTES: usize = 64 * 1024;

/// Reads at most [`MAX_ANSWER_BYTES`] of a receiver's answer (a receiver that streams without
/// end costs nothing more).
async fn read_capped(mut response: reqwest::Response) -> Vec<u8> {
    let mut body = Vec::new();
    while let Ok(Some(chunk)) = response.chunk().await {
        let room = MAX_ANSWER_BYTES - body.len();
        body.extend_from_slice(&chunk[..chunk.len().min(room)]);
        if body.len() >= MAX_ANSWER_BYTES {
            break;
        }
    }
    body
}

/// What to record after attempt number `attempts` (1 for the first) ended in `outcome`.
pub fn next_step(outcome: Result<(), Failure>, attempts: u32, now: DateTime<Utc>) -> Attempt {
    match outcome {
        Ok(()) => Attempt::Sent,
        Err(failure) if failure.retryable && attempts < MAX_ATTEMPTS => {
            // 30 s, 2 min, 8 min, 32 min, then every hour.
            let wait = Duration::seconds(30 * 4i64.pow(attempts.saturating_sub(1).min(4)))
                .min(Duration::hours(1));
            Attempt::Retry(now + wait, failure.reason)
        }
        Err(failure) => Attempt::GaveUp(format!(
            "{} (gave up after {attempts} attempt{})",
            failure.reason,
            if attempts == 1 { "" } else { "s" }
        )),
    }
}

/// Sends a test message to sink `id` now, recorded in the delivery log; the error says why it
/// did not arrive.
pub async fn send_test(
    store: &SharedStore,
    sender: &Sender,
    id: SinkId,
    now: DateTime<Utc>,
) -> Result<()> {
    let sink = store
        .run(move |s| s.sink(id))
        .await?
        .ok_or(AlertError::Storage(lookout_store::StoreError::NoSuchSink(
            id,
        )))?;
    let name = sink.ledger_name();
    let message = crate::message::test(
        crate::pass::delivery_id(&name, "test-", now.timestamp_millis()),
        &sink.name,
        now,
    );
    let payload =
        serde_json::to_string(&message).map_err(|e| AlertError::Delivery(e.to_string()))?;
    let queued = vec![(
        message.delivery_id.clone(),
        message.title.clone(),
        payload,
        Vec::new(),
    )];
    store
        .run(move |s| s.queue_deliveries(&name, &[], &queued, now))
        .await?;
    let outcome = sender.send(&sink, &message).await;
    let step = match &outcome {
        Ok(()) => Attempt::Sent,
        Err(failure) => Attempt::GaveUp(failure.reason.clone()),
    };
    let delivery_id = message.delivery_id.clone();
    store
        .run(move |s| s.finish_delivery(&delivery_id, &step, now))
        .await?;
    outcome.map_err(|f| AlertError::Delivery(format!("{}: {}", sink.name, f.reason)))
}
