//! Alert sinks: the sinks a user configured (webhook URLs and secrets stay in this local file,
//! with the environment variables a configuration file named for them). The messages queued for
//! each are in [`crate::sink_queue`].

use crate::error::{Result, StoreError};
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::SinkId;
use rusqlite::{params, Row};
use serde::Serialize;

/// A configured alert sink.
#[derive(Clone, PartialEq, Eq, Serialize)]
pub struct StoredSink {
    /// Local id.
    pub id: SinkId,
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
pub fn ledger_name(id: SinkId) -> String {
    format!("sink:{id}")
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
        let id = SinkId::new(self.conn.last_insert_rowid());
        self.sink(id)?
            .ok_or_else(|| StoreError::Decode(format!("sink {id} vanished")))
    }

    /// Remembers (or forgets, with `None`) the environment variables sink `id`'s URL and secret
    /// were read from.
    pub fn set_sink_placeholders(
        &mut self,
        id: SinkId,
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
        id: SinkId,
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
    pub fn sink(&self, id: SinkId) -> Result<Option<StoredSink>> {
        Ok(self.sinks()?.into_iter().find(|s| s.id == id))
    }

    /// Removes a sink; its pending deliveries are dropped.
    pub fn remove_sink(&mut self, id: SinkId) -> Result<StoredSink> {
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
}
