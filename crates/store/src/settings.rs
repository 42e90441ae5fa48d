//! The settings table: one JSON value per key, so the app's settings can grow without a migration.

use crate::error::{Result, StoreError};
use crate::Store;
use rusqlite::{params, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

impl Store {
    /// The value stored under `key`, or `None` when there is none. A value that no longer decodes
    /// (an older shape) is reported as `None`, so a default takes its place.
    pub fn setting<T: DeserializeOwned>(&self, key: &str) -> Result<Option<T>> {
        let text: Option<String> = self
            .conn
            .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(text.and_then(|t| match serde_json::from_str(&t) {
            Ok(value) => Some(value),
            Err(error) => {
                log::warn!("setting {key} no longer decodes ({error}); using the default");
                None
            }
        }))
    }

    /// Stores `value` under `key`, replacing what was there.
    pub fn set_setting<T: Serialize>(&mut self, key: &str, value: &T) -> Result<()> {
        let text = serde_json::to_string(value).map_err(|e| StoreError::Decode(e.to_string()))?;
        self.conn.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            params![key, text],
        )?;
        Ok(())
    }
}
