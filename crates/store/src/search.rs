//! Full-text search over every incident ever seen (SQLite FTS5): one document per incident —
//! its title and the plain text of its updates — written by the same transaction that writes
//! the incident, and queried as words (never a query language: any punctuation is a separator).

use crate::error::Result;
use crate::Store;
use lookout_core::sources::feed::html::html_to_text;
use lookout_core::Incident;
use lookout_core::ProviderId;
use rusqlite::{params, Connection, OptionalExtension};
use std::hash::{Hash, Hasher};

/// What an incident's index document is made of, as a number: unchanged, it is not rewritten.
fn fingerprint(incident: &Incident) -> i64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    incident.title.hash(&mut hasher);
    for update in &incident.updates {
        update.id.hash(&mut hasher);
        update.body.hash(&mut hasher);
    }
    i64::from_ne_bytes(hasher.finish().to_ne_bytes())
}

/// Brings incident `incident`'s search document in step with what is stored of it (inside the
/// caller's transaction, after the incident and its updates were written).
pub(crate) fn index_incident(
    tx: &Connection,
    provider_id: ProviderId,
    incident: &Incident,
) -> Result<()> {
    let print = fingerprint(incident);
    let known: Option<(i64, i64)> = tx
        .query_row(
            "SELECT id, fingerprint FROM incident_search_keys
             WHERE provider_id = ?1 AND incident_id = ?2",
            params![provider_id, incident.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let key = match known {
        Some((_, stored)) if stored == print => return Ok(()),
        Some((key, _)) => key,
        None => {
            tx.execute(
                "INSERT INTO incident_search_keys (provider_id, incident_id) VALUES (?1, ?2)",
                params![provider_id, incident.id],
            )?;
            tx.last_insert_rowid()
        }
    };
    write_document(tx, key, provider_id, &incident.id)?;
    tx.execute(
        "UPDATE incident_search_keys SET fingerprint = ?1 WHERE id = ?2",
        params![print, key],
    )?;
    Ok(())
}

/// (Re)writes document `key` from the stored title and update bodies (made plain text).
fn write_document(
    tx: &Connection,
    key: i64,
    provider_id: ProviderId,
    incident_id: &str,
) -> Result<()> {
    let title: String = tx.query_row(
        "SELECT title FROM incidents WHERE provider_id = ?1 AND id = ?2",
        params![provider_id, incident_id],
        |r| r.get(0),
    )?;
    let mut stmt = tx.prepare_cached(
        "SELECT body FROM incident_updates WHERE provider_id = ?1 AND incident_id = ?2
         ORDER BY at, id",
    )?;
    let bodies = stmt
        .query_map(params![provider_id, incident_id], |r| r.get::<_, String>(0))?
        .map(|body| body.map(|b| html_to_text(&b)))
        .collect::<rusqlite::Result<Vec<String>>>()?
        .join("\n");
    tx.execute("DELETE FROM incident_search WHERE rowid = ?1", [key])?;
    tx.execute(
        "INSERT INTO incident_search (rowid, title, bodies) VALUES (?1, ?2, ?3)",
        params![key, html_to_text(&title), bodies],
    )?;
    Ok(())
}

/// Indexes every stored incident that has no search document yet (those stored before search
/// existed); returns how many.
pub(crate) fn index_missing(conn: &Connection) -> Result<usize> {
    let missing: Vec<(ProviderId, String)> = conn
        .prepare(
            "SELECT i.provider_id, i.id FROM incidents i WHERE NOT EXISTS (
               SELECT 1 FROM incident_search_keys k
               WHERE k.provider_id = i.provider_id AND k.incident_id = i.id)",
        )?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (provider_id, incident_id) in &missing {
        conn.execute(
            "INSERT INTO incident_search_keys (provider_id, incident_id) VALUES (?1, ?2)",
            params![provider_id, incident_id],
        )?;
        write_document(conn, conn.last_insert_rowid(), *provider_id, incident_id)?;
    }
    Ok(missing.len())
}

/// The FTS5 query for words typed by a user: each run of letters and digits is one word, matched
/// as a prefix, all of them required; punctuation only separates. `None` when there is no word.
pub fn words_query(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(|word| format!("\"{word}\"*"))
        .collect();
    (!words.is_empty()).then(|| words.join(" "))
}

impl Store {
    /// Indexes what was stored before search existed (run when the database is opened for
    /// writing; a no-op once everything is indexed).
    pub(crate) fn index_unsearchable(&mut self) -> Result<()> {
        let any: bool = self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM incidents i WHERE NOT EXISTS (
               SELECT 1 FROM incident_search_keys k
               WHERE k.provider_id = i.provider_id AND k.incident_id = i.id))",
            [],
            |r| r.get(0),
        )?;
        if !any {
            return Ok(());
        }
        let count = {
            let tx = self.write()?;
            let count = index_missing(&tx)?;
            tx.commit()?;
            count
        };
        if count > 0 {
            log::info!("indexed {count} incidents for search");
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_prefixes_and_punctuation_only_separates() {
        assert_eq!(
            words_query("TLS handshake"),
            Some("\"TLS\"* \"handshake\"*".into())
        );
        assert_eq!(
            words_query("/handshake \"x"),
            Some("\"handshake\"* \"x\"*".into())
        );
        assert_eq!(words_query("Zürich-1"), Some("\"Zürich\"* \"1\"*".into()));
        assert_eq!(words_query(" ///\" "), None);
    }
}
