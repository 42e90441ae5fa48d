//! The messages queued for each alert sink: queued with the decisions of an alert pass, claimed
//! with a lease so two processes never send the same one at once (in order, for paging sinks),
//! and the outcome of every attempt (the delivery log).

use crate::columns::columns;
use crate::error::Result;
use crate::time;
use crate::Store;
use chrono::{DateTime, Duration, Utc};
use rusqlite::params;
use serde::Serialize;

/// A message waiting to be (re)sent to a sink.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueuedDelivery {
    /// The delivery id (the idempotency key the receiver sees).
    pub id: String,
    /// The ledger's sink name.
    pub sink: String,
    /// A one-line description for the delivery log.
    pub title: String,
    /// The message as JSON (the alerts crate's type).
    pub payload: String,
    /// Attempts made so far.
    pub attempts: u32,
}

/// One row of the delivery log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
pub struct DeliveryRecord {
    /// The delivery id.
    pub id: String,
    /// The ledger's sink name.
    pub sink: String,
    /// What it said.
    pub title: String,
    /// `pending`, `sent` or `failed`.
    pub state: String,
    /// Attempts made.
    pub attempts: u32,
    /// Why the last attempt failed.
    pub last_error: Option<String>,
    /// When the next attempt is due (pending only).
    pub next_attempt_at: Option<DateTime<Utc>>,
    /// When it was queued.
    pub created_at: DateTime<Utc>,
    /// Last change.
    pub updated_at: DateTime<Utc>,
}

/// What became of one attempt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Attempt {
    /// The sink accepted it.
    Sent,
    /// Try again at this time.
    Retry(DateTime<Utc>, String),
    /// Given up (a permanent refusal, or too many attempts).
    GaveUp(String),
}

impl Store {
    /// In one transaction: records why `skipped` events (id, reason) are not sent to `sink`, and
    /// queues `messages` (delivery id, title, payload, the event ids it carries), due at once.
    pub fn queue_deliveries(
        &mut self,
        sink: &str,
        skipped: &[(i64, String)],
        messages: &[(String, String, String, Vec<i64>)],
        now: DateTime<Utc>,
    ) -> Result<()> {
        let now = time::to_text(now);
        let tx = self.write()?;
        {
            let mut ledger = tx.prepare(
                "INSERT OR IGNORE INTO notification_ledger
                     (event_id, sink, state, attempts, updated_at, delivery_id, reason)
                 VALUES (?1, ?2, ?3, 0, ?4, ?5, ?6)",
            )?;
            for (event, reason) in skipped {
                ledger.execute(params![event, sink, "skipped", now, None::<String>, reason])?;
            }
            let mut queue = tx.prepare(
                "INSERT OR IGNORE INTO deliveries
                     (id, sink, title, payload, state, next_attempt_at, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, 'pending', ?5, ?5, ?5)",
            )?;
            for (id, title, payload, events) in messages {
                queue.execute(params![id, sink, title, payload, now])?;
                for event in events {
                    ledger.execute(params![event, sink, "queued", now, id, None::<String>])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// Claims the deliveries of `sink` due at `now` for `lease` (so another process does not
    /// send them meanwhile), oldest first.
    pub fn claim_due(
        &mut self,
        sink: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> Result<Vec<QueuedDelivery>> {
        self.claim(sink, now, lease, false)
    }

    /// The same, in order: none is claimed while an older one of `sink` waits for its retry or
    /// is leased by another process (a paging service must get a resolve after its trigger).
    pub fn claim_due_in_order(
        &mut self,
        sink: &str,
        now: DateTime<Utc>,
        lease: Duration,
    ) -> Result<Vec<QueuedDelivery>> {
        self.claim(sink, now, lease, true)
    }

    fn claim(
        &mut self,
        sink: &str,
        now: DateTime<Utc>,
        lease: Duration,
        in_order: bool,
    ) -> Result<Vec<QueuedDelivery>> {
        let now_text = time::to_text(now);
        let due_now = "sink = ?1 AND state = 'pending' AND next_attempt_at <= ?2
               AND (lease_until IS NULL OR lease_until <= ?2)
               AND (?3 = 0 OR NOT EXISTS (
                   SELECT 1 FROM deliveries older WHERE older.sink = ?1 AND older.state = 'pending'
                     AND (older.created_at, older.id) < (deliveries.created_at, deliveries.id)
                     AND (older.next_attempt_at > ?2 OR older.lease_until > ?2)))";
        let tx = self.write()?;
        let due: Vec<QueuedDelivery> = {
            let mut stmt = tx.prepare(&format!(
                "SELECT id, sink, title, payload, attempts FROM deliveries WHERE {due_now}
                 ORDER BY created_at, id"
            ))?;
            let rows = stmt.query_map(params![sink, now_text, in_order], |r| {
                Ok(QueuedDelivery {
                    id: r.get(0)?,
                    sink: r.get(1)?,
                    title: r.get(2)?,
                    payload: r.get(3)?,
                    attempts: r.get(4)?,
                })
            })?;
            rows.collect::<rusqlite::Result<_>>()?
        };
        for delivery in &due {
            tx.execute(
                "UPDATE deliveries SET lease_until = ?2 WHERE id = ?1",
                params![delivery.id, time::to_text(now + lease)],
            )?;
        }
        tx.commit()?;
        Ok(due)
    }

    /// Records one attempt's outcome (and the ledger rows of its events when it is final).
    pub fn finish_delivery(
        &mut self,
        id: &str,
        attempt: &Attempt,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let now_text = time::to_text(now);
        let (state, next, error) = match attempt {
            Attempt::Sent => ("sent", None, None),
            Attempt::Retry(at, error) => {
                ("pending", Some(time::to_text(*at)), Some(error.as_str()))
            }
            Attempt::GaveUp(error) => ("failed", None, Some(error.as_str())),
        };
        let tx = self.write()?;
        tx.execute(
            "UPDATE deliveries SET state = ?2, attempts = attempts + 1,
                 next_attempt_at = coalesce(?3, next_attempt_at), lease_until = NULL,
                 last_error = ?4, updated_at = ?5
             WHERE id = ?1",
            params![id, state, next, error, now_text],
        )?;
        if state != "pending" {
            tx.execute(
                "UPDATE notification_ledger SET state = ?2, last_error = ?3, updated_at = ?4,
                     attempts = (SELECT attempts FROM deliveries WHERE id = ?1)
                 WHERE delivery_id = ?1",
                params![id, state, error, now_text],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The newest deliveries first, at most `limit`.
    pub fn delivery_log(&self, limit: u32) -> Result<Vec<DeliveryRecord>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, sink, title, state, attempts, last_error, next_attempt_at, created_at,
                    updated_at
             FROM deliveries ORDER BY updated_at DESC, id LIMIT ?1",
        )?;
        let rows = stmt.query_map(
            [limit],
            columns::<(
                String,
                String,
                String,
                String,
                u32,
                Option<String>,
                String,
                String,
                String,
            )>,
        )?;
        let mut out = Vec::new();
        for row in rows {
            let (id, sink, title, state, attempts, last_error, next, created, updated) = row?;
            out.push(DeliveryRecord {
                next_attempt_at: (state == "pending")
                    .then(|| time::from_text(&next))
                    .transpose()?,
                id,
                sink,
                title,
                state,
                attempts,
                last_error,
                created_at: time::from_text(&created)?,
                updated_at: time::from_text(&updated)?,
            });
        }
        Ok(out)
    }

    /// When the next pending delivery (of any sink) may be attempted: its retry time, or the end
    /// of the lease another process took on it, whichever is later. `None` when nothing waits.
    pub fn next_delivery_due(&self) -> Result<Option<DateTime<Utc>>> {
        let at: Option<String> = self.conn.query_row(
            "SELECT min(max(next_attempt_at, coalesce(lease_until, next_attempt_at)))
             FROM deliveries WHERE state = 'pending'",
            [],
            |r| r.get(0),
        )?;
        time::opt_from_text(at)
    }
}
