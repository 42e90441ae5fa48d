//! Alert sinks and their deliveries: the sinks a user configured (webhook URLs and secrets stay
//! in this local file), the messages queued for each, claimed with a lease so two processes never
//! send the same one at once, and the outcome of every attempt (the delivery log).

use crate::error::{Result, StoreError};
use crate::time;
use crate::Store;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Row};
use serde::Serialize;

/// A configured alert sink.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct StoredSink {
    /// Local id.
    pub id: i64,
    /// `slack`, `discord`, `teams`, `webhook`, `pagerduty`, `opsgenie` or `email`.
    pub kind: String,
    /// A name for people.
    pub name: String,
    /// Where to POST (a secret in itself: never logged); the paging API's address; the mail
    /// server (`smtps://user@host:port?to=…&from=…`).
    #[serde(skip)]
    pub url: String,
    /// The HMAC key for generic webhooks, the routing or API key of a paging service, or the
    /// SMTP password (never logged, never shown back).
    #[serde(skip)]
    pub secret: Option<String>,
    /// Whether it receives alerts.
    pub enabled: bool,
    /// When it was added: events before that are not sent to it.
    pub created_at: DateTime<Utc>,
    /// The environment variable its URL was read from by `lookout config apply`, if it was.
    #[serde(skip)]
    pub url_env: Option<String>,
    /// The environment variable its secret was read from by `lookout config apply`, if it was.
    #[serde(skip)]
    pub secret_env: Option<String>,
}

/// Where a sink's URL and secret came from: the environment variables a configuration file
/// named (`${SLACK_URL}`), remembered so that exporting writes the same placeholders back.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SinkPlaceholders {
    /// The variable the URL was read from.
    pub url_env: Option<String>,
    /// The variable the secret was read from.
    pub secret_env: Option<String>,
}

impl std::fmt::Debug for StoredSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoredSink")
            .field("id", &self.id)
            .field("kind", &self.kind)
            .field("name", &self.name)
            .field("url", &"<redacted>")
            .field("secret", &self.secret.as_ref().map(|_| "<redacted>"))
            .field("enabled", &self.enabled)
            .field("url_env", &self.url_env)
            .field("secret_env", &self.secret_env)
            .finish()
    }
}

impl StoredSink {
    /// The ledger's name for this sink.
    pub fn ledger_name(&self) -> String {
        ledger_name(self.id)
    }
}

/// The ledger's (and the rules') name for sink `id`: `sink:<id>`; the one place that writes it
/// (the window builds the same words from a sink's id).
pub fn ledger_name(id: i64) -> String {
    format!("sink:{id}")
}

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

fn sink_from_row(row: &Row<'_>) -> rusqlite::Result<(StoredSink, String)> {
    Ok((
        StoredSink {
            id: row.get(0)?,
            kind: row.get(1)?,
            name: row.get(2)?,
            url: row.get(3)?,
            secret: row.get(4)?,
            enabled: row.get(5)?,
            created_at: DateTime::UNIX_EPOCH,
            url_env: row.get(7)?,
            secret_env: row.get(8)?,
        },
        row.get(6)?,
    ))
}

impl Store {
    /// Adds a sink.
    pub fn add_sink(
        &mut self,
        kind: &str,
        name: &str,
        url: &str,
        secret: Option<&str>,
        at: DateTime<Utc>,
    ) -> Result<StoredSink> {
        self.conn.execute(
            "INSERT INTO sinks (kind, name, url, secret, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![kind, name, url, secret, time::to_text(at)],
        )?;
        let id = self.conn.last_insert_rowid();
        self.sink(id)?
            .ok_or_else(|| StoreError::Decode(format!("sink {id} vanished")))
    }

    /// Remembers (or forgets, with `None`) the environment variables sink `id`'s URL and secret
    /// were read from.
    pub fn set_sink_placeholders(
        &mut self,
        id: i64,
        placeholders: &SinkPlaceholders,
    ) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE sinks SET url_env = ?2, secret_env = ?3 WHERE id = ?1",
            params![id, placeholders.url_env, placeholders.secret_env],
        )?;
        if changed == 0 {
            return Err(StoreError::NoSuchSink(id));
        }
        Ok(())
    }

    /// Changes sink `id`'s kind, name, URL and secret (its id and deliveries stay).
    pub fn update_sink(
        &mut self,
        id: i64,
        kind: &str,
        name: &str,
        url: &str,
        secret: Option<&str>,
    ) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE sinks SET kind = ?2, name = ?3, url = ?4, secret = ?5 WHERE id = ?1",
            params![id, kind, name, url, secret],
        )?;
        if changed == 0 {
            return Err(StoreError::NoSuchSink(id));
        }
        Ok(())
    }

    /// Every sink, oldest first.
    pub fn sinks(&self) -> Result<Vec<StoredSink>> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, name, url, secret, enabled, created_at, url_env, secret_env
             FROM sinks ORDER BY id",
        )?;
        let rows = stmt.query_map([], sink_from_row)?;
        let mut out = Vec::new();
        for row in rows {
            let (mut sink, created) = row?;
            sink.created_at = time::from_text(&created)?;
            out.push(sink);
        }
        Ok(out)
    }

    /// One sink.
    pub fn sink(&self, id: i64) -> Result<Option<StoredSink>> {
        Ok(self.sinks()?.into_iter().find(|s| s.id == id))
    }

    /// Removes a sink; its pending deliveries are dropped.
    pub fn remove_sink(&mut self, id: i64) -> Result<StoredSink> {
        let sink = self.sink(id)?.ok_or(StoreError::NoSuchSink(id))?;
        let tx = self.write()?;
        tx.execute("DELETE FROM sinks WHERE id = ?1", [id])?;
        tx.execute(
            "DELETE FROM deliveries WHERE sink = ?1 AND state = 'pending'",
            [sink.ledger_name()],
        )?;
        tx.commit()?;
        Ok(sink)
    }

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
        let rows = stmt.query_map([limit], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, u32>(4)?,
                r.get::<_, Option<String>>(5)?,
                r.get::<_, String>(6)?,
                r.get::<_, String>(7)?,
                r.get::<_, String>(8)?,
            ))
        })?;
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
