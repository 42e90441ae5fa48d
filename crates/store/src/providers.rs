//! The providers table: which status pages are watched, how often, and which of their components.

use crate::error::{Result, StoreError};
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::diff::Observation;
use lookout_core::Platform;
use lookout_core::ProviderId;
use rusqlite::{params, OptionalExtension, Row};
use serde::Serialize;

/// A watched status page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Provider {
    /// Local id.
    pub id: ProviderId,
    /// Display name, unique (case-insensitive).
    pub name: String,
    /// The page's base URL.
    pub url: String,
    /// Its platform.
    pub platform: Platform,
    /// Seconds between polls.
    pub poll_interval_secs: u32,
    /// Whether it is polled.
    pub enabled: bool,
    /// When it was added.
    pub created_at: DateTime<Utc>,
}

/// What is needed to add a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProvider {
    /// Display name.
    pub name: String,
    /// Base URL.
    pub url: String,
    /// Platform.
    pub platform: Platform,
    /// Seconds between polls.
    pub poll_interval_secs: u32,
}

/// Shortest and longest poll intervals, in seconds.
pub const POLL_INTERVAL_RANGE: std::ops::RangeInclusive<u32> = 10..=86_400;

impl NewProvider {
    /// Checks what is about to be stored: a name, an http(s) URL, an interval in range.
    pub fn check(&self) -> Result<()> {
        let invalid = |why: &str| Err(StoreError::InvalidInput(why.to_string()));
        if self.name.trim().is_empty() {
            return invalid("the name cannot be empty");
        }
        if !(self.url.starts_with("https://") || self.url.starts_with("http://")) {
            return invalid("the status page's URL must start with https:// or http://");
        }
        if !POLL_INTERVAL_RANGE.contains(&self.poll_interval_secs) {
            return invalid("the poll interval must be between 10 seconds and a day");
        }
        Ok(())
    }
}

const COLUMNS: &str = "id, name, url, platform, poll_interval_secs, enabled, created_at";

fn from_row(row: &Row<'_>) -> rusqlite::Result<(Provider, String, String)> {
    Ok((
        Provider {
            id: row.get(0)?,
            name: row.get(1)?,
            url: row.get(2)?,
            platform: Platform::Statuspage,
            poll_interval_secs: row.get(4)?,
            enabled: row.get(5)?,
            created_at: DateTime::<Utc>::MIN_UTC,
        },
        row.get(3)?,
        row.get(6)?,
    ))
}

fn finish((mut provider, platform, created): (Provider, String, String)) -> Result<Provider> {
    provider.platform = Platform::from_name(&platform)
        .ok_or_else(|| StoreError::Decode(format!("unknown platform {platform:?}")))?;
    provider.created_at = time::from_text(&created)?;
    Ok(provider)
}

impl Store {
    /// Adds a provider watching every component; refuses a second one with the same name or
    /// URL, an empty name, a URL that is not http(s) and an interval out of
    /// [`POLL_INTERVAL_RANGE`].
    pub fn add_provider(&mut self, new: &NewProvider, at: DateTime<Utc>) -> Result<Provider> {
        self.add_provider_watching(new, &[], None, at)
    }

    /// [`Store::add_provider`] watching only `component_ids` (all when empty), with the history
    /// its page publishes (`history`, read as it was added), in one transaction: the CLI and the
    /// window add providers through here. The history is the provider's baseline: what is over
    /// never alerts; an incident still open is reported once, as by a first poll.
    pub fn add_provider_watching(
        &mut self,
        new: &NewProvider,
        component_ids: &[String],
        history: Option<&Observation>,
        at: DateTime<Utc>,
    ) -> Result<Provider> {
        new.check()?;
        self.atomically(|store| {
            let provider = store.insert_provider(new, at)?;
            store.set_watched_components(provider.id, component_ids)?;
            if let Some(history) = history {
                store.apply_observation(provider.id, &provider.name, history, at)?;
            }
            Ok(provider)
        })
    }

    fn insert_provider(&mut self, new: &NewProvider, at: DateTime<Utc>) -> Result<Provider> {
        let inserted = self.conn.execute(
            "INSERT INTO providers (name, url, platform, poll_interval_secs, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                new.name.trim(),
                new.url,
                new.platform.as_str(),
                new.poll_interval_secs,
                time::to_text(at)
            ],
        );
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::Duplicate(format!("{} ({})", new.name, new.url)));
            }
            Err(e) => return Err(e.into()),
        }
        let id = ProviderId::new(self.conn.last_insert_rowid());
        self.provider(id)?
            .ok_or_else(|| StoreError::NoSuchProvider(id.to_string()))
    }

    /// Every provider, by name.
    pub fn providers(&self) -> Result<Vec<Provider>> {
        // Cached: the watch loop lists the providers every few seconds.
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM providers ORDER BY name COLLATE NOCASE"
        ))?;
        let rows = stmt.query_map([], from_row)?;
        rows.map(|row| finish(row?)).collect()
    }

    /// The provider numbered `id`, if there is one.
    pub fn provider(&self, id: ProviderId) -> Result<Option<Provider>> {
        let row = self
            .conn
            .prepare_cached(&format!("SELECT {COLUMNS} FROM providers WHERE id = ?1"))?
            .query_row([id], from_row)
            .optional()?;
        row.map(finish).transpose()
    }

    /// Every provider named `name` (compared case-insensitively, as names are kept unique), by
    /// id. One indexed lookup: commands that name many providers stay linear.
    pub fn providers_named(&self, name: &str) -> Result<Vec<Provider>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {COLUMNS} FROM providers WHERE name = ?1 COLLATE NOCASE ORDER BY id"
        ))?;
        let rows = stmt.query_map([name], from_row)?;
        rows.map(|row| finish(row?)).collect()
    }

    /// Changes provider `id`'s name, URL, platform and poll interval (checked as when it is
    /// added); its components and history stay.
    pub fn update_provider(&mut self, id: ProviderId, new: &NewProvider) -> Result<()> {
        new.check()?;
        let changed = self.conn.execute(
            "UPDATE providers SET name = ?2, url = ?3, platform = ?4, poll_interval_secs = ?5
             WHERE id = ?1",
            params![
                id,
                new.name.trim(),
                new.url,
                new.platform.as_str(),
                new.poll_interval_secs
            ],
        );
        match changed {
            Ok(0) => Err(StoreError::NoSuchProvider(id.to_string())),
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                Err(StoreError::Duplicate(format!("{} ({})", new.name, new.url)))
            }
            Err(e) => Err(e.into()),
        }
    }

    /// How many incidents are stored for provider `id` (what removing it would delete).
    pub fn incident_count(&self, id: ProviderId) -> Result<i64> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM incidents WHERE provider_id = ?1",
            [id],
            |r| r.get(0),
        )?)
    }

    /// Removes provider `id` and everything stored about it.
    pub fn remove_provider(&mut self, id: ProviderId) -> Result<Provider> {
        let provider = self
            .provider(id)?
            .ok_or_else(|| StoreError::NoSuchProvider(id.to_string()))?;
        let tx = self.write()?;
        // Its events go with it; the highest id given so far is kept, never given again.
        tx.execute(
            "INSERT INTO settings (key, value)
             SELECT 'events.last_id', CAST(max(id) AS TEXT) FROM events WHERE id IS NOT NULL
             HAVING max(id) IS NOT NULL
             ON CONFLICT (key) DO UPDATE SET value = excluded.value
             WHERE CAST(excluded.value AS INTEGER) > CAST(settings.value AS INTEGER)",
            [],
        )?;
        tx.execute("DELETE FROM providers WHERE id = ?1", [provider.id])?;
        // Its alert rules (see the alerts crate) go with it.
        tx.execute(
            "DELETE FROM settings WHERE key = ?1",
            [format!("rules:{}", provider.id)],
        )?;
        tx.commit()?;
        Ok(provider)
    }

    /// Replaces the set of watched components (empty: watch every component).
    pub fn set_watched_components(
        &mut self,
        provider_id: ProviderId,
        component_ids: &[String],
    ) -> Result<()> {
        let tx = self.write()?;
        tx.execute(
            "DELETE FROM watched_components WHERE provider_id = ?1",
            [provider_id],
        )?;
        for id in component_ids {
            tx.execute(
                "INSERT OR IGNORE INTO watched_components (provider_id, component_id) VALUES (?1, ?2)",
                params![provider_id, id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The watched component ids (empty: every component).
    pub fn watched_components(&self, provider_id: ProviderId) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT component_id FROM watched_components WHERE provider_id = ?1 ORDER BY component_id",
        )?;
        let ids = stmt.query_map([provider_id], |row| row.get(0))?;
        Ok(ids.collect::<rusqlite::Result<_>>()?)
    }
}
