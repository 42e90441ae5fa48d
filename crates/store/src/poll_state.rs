//! Poll bookkeeping per provider: failures in a row, the unreachable flag (and its one event),
//! and what tells whether a document changed: its HTTP validators and the hash of its body.

use crate::columns::columns;
use crate::error::Result;
use crate::observation::record_events;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::ProviderId;
use lookout_core::{Event, EventKind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

/// What is known of a provider's polling.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PollState {
    /// Last attempt, successful or not.
    pub last_attempt_at: Option<DateTime<Utc>>,
    /// Last successful poll.
    pub last_success_at: Option<DateTime<Utc>>,
    /// Why the last attempt failed, if it did.
    pub last_error: Option<String>,
    /// Failures since the last success.
    pub consecutive_failures: u32,
    /// Whether the provider is currently considered unreachable (its status is `unknown`).
    pub unreachable: bool,
    /// What the last successful read left out of the page ("1 update ignored: date out of
    /// range"); empty when it read everything.
    pub warnings: Vec<String>,
}

/// What is remembered of one URL's document as last read successfully, to tell whether it
/// changed: the HTTP validators its server sent and the hash of its body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    /// The `ETag` the server sent.
    pub etag: Option<String>,
    /// The `Last-Modified` the server sent.
    pub last_modified: Option<String>,
    /// The hash of the body (the poller's choice of hash, as text); a body hashing the same is
    /// taken as unchanged, as if the server had answered 304.
    pub body_hash: Option<String>,
}

impl Validators {
    /// Whether nothing is remembered.
    pub fn is_empty(&self) -> bool {
        self.etag.is_none() && self.last_modified.is_none() && self.body_hash.is_none()
    }
}

/// What recording a failed poll did.
#[derive(Debug, Clone, PartialEq)]
pub struct RecordedFailure {
    /// `provider_unreachable`, when this failure reached the threshold.
    pub event: Option<Event>,
    /// Failures in a row, this one included.
    pub consecutive_failures: u32,
}

impl Store {
    /// The poll state of a provider (all empty before its first poll).
    pub fn poll_state(&self, provider_id: ProviderId) -> Result<PollState> {
        let row = self
            .conn
            .query_row(
                "SELECT last_attempt_at, last_success_at, last_error, consecutive_failures, unreachable,
                        warnings
                 FROM poll_state WHERE provider_id = ?1",
                [provider_id],
                columns::<(Option<String>, Option<String>, Option<String>, u32, bool, String)>,
            )
            .optional()?;
        let Some((attempt, success, error, failures, unreachable, warnings)) = row else {
            return Ok(PollState::default());
        };
        Ok(PollState {
            last_attempt_at: time::opt_from_text(attempt)?,
            last_success_at: time::opt_from_text(success)?,
            last_error: error,
            consecutive_failures: failures,
            unreachable,
            warnings: serde_json::from_str(&warnings).unwrap_or_default(),
        })
    }

    /// Records a failed poll. Stored data is not touched. When the failures in a row reach
    /// `threshold`, the provider becomes unreachable and one `provider_unreachable` event is
    /// returned; further failures return none until it recovers.
    pub fn record_failure(
        &mut self,
        provider_id: ProviderId,
        provider: &str,
        reason: &str,
        threshold: u32,
        at: DateTime<Utc>,
    ) -> Result<RecordedFailure> {
        let tx = self.write()?;
        let at_text = time::to_text(at);
        tx.execute(
            "INSERT INTO poll_state (provider_id, last_attempt_at, last_error, consecutive_failures)
             VALUES (?1, ?2, ?3, 1)
             ON CONFLICT (provider_id) DO UPDATE SET last_attempt_at = ?2, last_error = ?3,
                consecutive_failures = consecutive_failures + 1",
            params![provider_id, at_text, reason],
        )?;
        let (failures, unreachable): (u32, bool) = tx.query_row(
            "SELECT consecutive_failures, unreachable FROM poll_state WHERE provider_id = ?1",
            [provider_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut event = None;
        if !unreachable && failures >= threshold.max(1) {
            tx.execute(
                "UPDATE poll_state SET unreachable = 1 WHERE provider_id = ?1",
                [provider_id],
            )?;
            let fresh = record_events(
                &tx,
                provider_id,
                vec![Event {
                    provider: provider.to_string(),
                    at,
                    kind: EventKind::ProviderUnreachable {
                        reason: reason.to_string(),
                    },
                }],
            )?;
            event = fresh.into_iter().next();
        }
        tx.commit()?;
        Ok(RecordedFailure {
            event,
            consecutive_failures: failures,
        })
    }

    /// The validators stored for `url`.
    pub fn validators(&self, provider_id: ProviderId, url: &str) -> Result<Validators> {
        let row = self
            .conn
            .prepare_cached(
                "SELECT etag, last_modified, body_hash FROM http_validators
                 WHERE provider_id = ?1 AND url = ?2",
            )?
            .query_row(params![provider_id, url], |r| {
                Ok(Validators {
                    etag: r.get(0)?,
                    last_modified: r.get(1)?,
                    body_hash: r.get(2)?,
                })
            })
            .optional()?;
        Ok(row.unwrap_or_default())
    }

    /// Remembers the validators of `url` (all empty: forget them).
    pub fn set_validators(
        &mut self,
        provider_id: ProviderId,
        url: &str,
        validators: &Validators,
    ) -> Result<()> {
        if validators.is_empty() {
            self.conn.execute(
                "DELETE FROM http_validators WHERE provider_id = ?1 AND url = ?2",
                params![provider_id, url],
            )?;
        } else {
            self.conn.execute(
                "INSERT INTO http_validators (provider_id, url, etag, last_modified, body_hash)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (provider_id, url) DO UPDATE SET etag = ?3, last_modified = ?4,
                    body_hash = ?5",
                params![
                    provider_id,
                    url,
                    validators.etag,
                    validators.last_modified,
                    validators.body_hash
                ],
            )?;
        }
        Ok(())
    }

    /// Records a poll whose every document was unchanged (HTTP 304, or a body hashing as the one
    /// last read): a success with nothing new; the snapshot is not touched.
    pub fn record_unchanged(
        &mut self,
        provider_id: ProviderId,
        provider: &str,
        at: DateTime<Utc>,
    ) -> Result<Vec<Event>> {
        let tx = self.write()?;
        let recovered = mark_success(&tx, provider_id, provider, at)?;
        let events = record_events(&tx, provider_id, recovered.into_iter().collect())?;
        tx.commit()?;
        Ok(events)
    }
}

/// Marks a poll of `provider_id` successful at `at`; returns `provider_recovered` when the
/// provider was unreachable until now.
pub(crate) fn mark_success(
    tx: &Connection,
    provider_id: ProviderId,
    provider: &str,
    at: DateTime<Utc>,
) -> Result<Option<Event>> {
    let was_unreachable: bool = tx
        .prepare_cached("SELECT unreachable FROM poll_state WHERE provider_id = ?1")?
        .query_row([provider_id], |r| r.get(0))
        .optional()?
        .unwrap_or(false);
    tx.prepare_cached(
        "INSERT INTO poll_state (provider_id, last_attempt_at, last_success_at, last_error,
                                 consecutive_failures, unreachable)
         VALUES (?1, ?2, ?2, NULL, 0, 0)
         ON CONFLICT (provider_id) DO UPDATE SET last_attempt_at = ?2, last_success_at = ?2,
            last_error = NULL, consecutive_failures = 0, unreachable = 0",
    )?
    .execute(params![provider_id, time::to_text(at)])?;
    Ok(was_unreachable.then(|| Event {
        provider: provider.to_string(),
        at,
        kind: EventKind::ProviderRecovered,
    }))
}

/// Remembers what the last successful read of `provider_id` left out of its page.
pub(crate) fn set_warnings(
    tx: &Connection,
    provider_id: ProviderId,
    warnings: &[String],
) -> Result<()> {
    let text =
        serde_json::to_string(warnings).map_err(|e| crate::StoreError::Decode(e.to_string()))?;
    tx.execute(
        "UPDATE poll_state SET warnings = ?2 WHERE provider_id = ?1",
        params![provider_id, text],
    )?;
    Ok(())
}
