//! How a provider's probes become a suspicion: raised when one fails 3 times in a row while
//! its page says all is well, cleared when none does any more, never while every probe of two
//! or more providers fails (the user's network: one `network_offline` for each such period).

use crate::error::Result;
use crate::observation::record_events;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::probe::{self, Streak, Suspicion};
use lookout_core::{Event, EventKind};
use rusqlite::{params, Connection, OptionalExtension};
use std::collections::BTreeMap;

/// The provider's open suspicion: its row id and since when (as stored).
pub(crate) fn open_suspicion(conn: &Connection, provider_id: i64) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, since FROM suspicions WHERE provider_id = ?1 AND cleared_at IS NULL",
            [provider_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The settings key holding when the probes began to say the user is offline.
const OFFLINE_SINCE: &str = "probes_offline_since";

impl Store {
    /// Raises or clears the provider's suspicion from its probes' streaks and its page's status;
    /// `removing` says a probe was just removed (a suspicion that ends then ends for that reason).
    pub(super) fn judge_suspicion(
        &mut self,
        provider_id: i64,
        now: DateTime<Utc>,
        threshold: u32,
        removing: bool,
    ) -> Result<Vec<Event>> {
        let mut by_provider: BTreeMap<i64, Vec<Streak>> = BTreeMap::new();
        for probe in self.probes(None)? {
            by_provider
                .entry(probe.provider_id)
                .or_default()
                .push(probe.streak());
        }
        let groups: Vec<Vec<Streak>> = by_provider.values().cloned().collect();
        let own = by_provider.remove(&provider_id).unwrap_or_default();
        let page = self.provider_status(provider_id, now)?;
        let offline = probe::offline(&groups, threshold);
        let mut kinds: Vec<EventKind> = self.note_offline(offline, &groups, threshold, now)?;
        let found = if offline {
            None
        } else {
            probe::suspicion(&own, &page, threshold)
        };
        let name = self
            .provider(&provider_id.to_string())?
            .map(|p| p.name)
            .unwrap_or_default();
        let open = open_suspicion(&self.conn, provider_id)?;
        let still_failing = own.iter().any(|s| s.failures >= threshold.max(1));
        match (found, open) {
            (Some(found), None) => kinds.push(self.raise(provider_id, found, &page, now)?),
            (_, Some((id, since))) if !still_failing => {
                kinds.push(self.clear(id, &since, now, removing)?)
            }
            _ => {}
        }
        let events = kinds
            .into_iter()
            .map(|kind| Event {
                provider: name.clone(),
                at: now,
                kind,
            })
            .collect();
        record_events(&self.conn, provider_id, events)
    }

    /// Remembers when the probes began to say the user is offline (and forgets it when they stop
    /// saying so); the start of each such period is one `network_offline`.
    fn note_offline(
        &mut self,
        offline: bool,
        groups: &[Vec<Streak>],
        threshold: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<EventKind>> {
        let noted: Option<DateTime<Utc>> = self
            .setting::<Option<DateTime<Utc>>>(OFFLINE_SINCE)?
            .flatten();
        match (offline, noted) {
            (true, None) => {
                self.set_setting(OFFLINE_SINCE, &Some(now))?;
                let down = groups
                    .iter()
                    .filter(|g| !g.is_empty() && g.iter().all(|s| s.failures >= threshold.max(1)))
                    .count();
                Ok(vec![EventKind::NetworkOffline {
                    since: now,
                    providers: u32::try_from(down).unwrap_or(u32::MAX),
                }])
            }
            (false, Some(_)) => {
                self.set_setting(OFFLINE_SINCE, &None::<DateTime<Utc>>)?;
                Ok(Vec::new())
            }
            _ => Ok(Vec::new()),
        }
    }

    fn raise(
        &mut self,
        provider_id: i64,
        found: Suspicion,
        page: &lookout_core::ComponentStatus,
        now: DateTime<Utc>,
    ) -> Result<EventKind> {
        self.conn.execute(
            "INSERT INTO suspicions (provider_id, since, raised_at) VALUES (?1, ?2, ?3)",
            params![provider_id, time::to_text(found.since), time::to_text(now)],
        )?;
        Ok(EventKind::SuspectedOutage {
            since: found.since,
            failing_probes: found.failing_probes,
            probes: found.probes,
            hosts: found.hosts,
            last_error: found.last_error,
            page_status: page.clone(),
        })
    }

    fn clear(
        &mut self,
        id: i64,
        since: &str,
        now: DateTime<Utc>,
        probes_removed: bool,
    ) -> Result<EventKind> {
        self.conn.execute(
            "UPDATE suspicions SET cleared_at = ?2 WHERE id = ?1",
            params![id, time::to_text(now)],
        )?;
        let since = time::from_text(since)?;
        Ok(EventKind::SuspectedCleared {
            since,
            lasted_seconds: (now - since).num_seconds(),
            probes_removed,
        })
    }
}
