//! How a provider's probes become a suspicion: raised when one fails 3 times in a row while
//! its page says all is well and something else was read since (the network works), cleared
//! when none fails any more; never while every probe of two or more providers fails, nor without
//! that evidence (the user's network: one `network_offline` for each such period).

use super::{read_probes, Probe, Which};
use crate::error::Result;
use crate::observation::record_events;
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::probe::{self, Streak, Suspicion};
use lookout_core::ProviderId;
use lookout_core::{ComponentStatus, Event, EventKind};
use rusqlite::{params, Connection, OptionalExtension};

/// The provider's open suspicion: its row id and since when (as stored).
pub(crate) fn open_suspicion(
    conn: &Connection,
    provider_id: ProviderId,
) -> Result<Option<(i64, String)>> {
    Ok(conn
        .query_row(
            "SELECT id, since FROM suspicions WHERE provider_id = ?1 AND cleared_at IS NULL",
            [provider_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Nothing was read successfully on another host since a failing streak began.
struct NoEvidence;

/// The settings key holding when the probes began to say the user is offline.
const OFFLINE_SINCE: &str = "probes_offline_since";

/// A URL's host and port (`api.acme.test:443`): what "another host" compares.
fn endpoint(url: &str) -> Option<String> {
    let url = url::Url::parse(url).ok()?;
    Some(format!(
        "{}:{}",
        url.host_str()?,
        url.port_or_known_default()?
    ))
}

/// Whether something was read successfully at or after `since` — a probe that passed, or a
/// provider's page — from a host (and port) not in `except`: evidence that the network works.
/// Reads rows only until it finds one.
fn read_since(conn: &Connection, since: DateTime<Utc>, except: &[String]) -> Result<bool> {
    let since = time::to_text(since);
    let queries = [
        "SELECT url FROM probes WHERE failures = 0 AND last_run_at >= ?1",
        "SELECT v.url FROM poll_state s JOIN providers v ON v.id = s.provider_id
         WHERE s.last_success_at >= ?1",
    ];
    for query in queries {
        let mut stmt = conn.prepare_cached(query)?;
        let mut rows = stmt.query([&since])?;
        while let Some(row) = rows.next()? {
            let url: String = row.get(0)?;
            if endpoint(&url).is_some_and(|e| !except.contains(&e)) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// How many providers have probes that all fail `threshold` times in a row or more.
fn providers_all_failing(conn: &Connection, threshold: u32) -> Result<u32> {
    Ok(conn
        .prepare_cached(
            "SELECT count(*) FROM (SELECT provider_id FROM probes GROUP BY provider_id
             HAVING min(failures) >= ?1)",
        )?
        .query_row([threshold.max(1)], |r| r.get(0))?)
}

impl Store {
    /// Whether a run under the threshold still needs judging: the provider has an open suspicion
    /// (the run may end it), or the user looks offline (it may end that). Two indexed lookups.
    pub(super) fn judging_needed(&self, provider_id: ProviderId) -> Result<bool> {
        let offline = self
            .setting::<Option<DateTime<Utc>>>(OFFLINE_SINCE)?
            .flatten()
            .is_some();
        Ok(offline || open_suspicion(&self.conn, provider_id)?.is_some())
    }

    /// Raises or clears the provider's suspicion from its probes' streaks and its page's status;
    /// `removing` says a probe was just removed (a suspicion that ends then ends for that reason).
    /// A suspicion needs evidence that the network works: something read successfully on another
    /// host since the failing streak began; without it, the user looks offline (one
    /// `network_offline`), as when every probe of two or more providers fails. Reads only the
    /// provider's own probes, unless they all fail or the user looks offline: a passing run costs
    /// the same however many probes there are.
    pub(super) fn judge_suspicion(
        &mut self,
        provider_id: ProviderId,
        now: DateTime<Utc>,
        threshold: u32,
        removing: bool,
    ) -> Result<Vec<Event>> {
        let own = read_probes(&self.conn, Which::OfProvider(provider_id))?;
        let failing = |p: &&Probe| p.failures >= threshold.max(1);
        let noted: Option<DateTime<Utc>> = self
            .setting::<Option<DateTime<Utc>>>(OFFLINE_SINCE)?
            .flatten();
        let all_failing = !own.is_empty() && own.iter().all(|p| failing(&p));
        let down = if all_failing || noted.is_some() {
            providers_all_failing(&self.conn, threshold)?
        } else {
            0
        };
        let open = open_suspicion(&self.conn, provider_id)?;
        let mut offline = down >= 2;
        let mut found = None;
        if !offline && open.is_none() {
            match self.suspicion_with_evidence(provider_id, &own, now, threshold)? {
                Some(Ok(suspicion)) => found = Some(suspicion),
                Some(Err(NoEvidence)) => offline = true,
                None => {}
            }
        }
        let mut kinds = self.note_offline(offline, noted, down.max(1), now)?;
        let still_failing = own.iter().any(|p| failing(&p));
        match (found, open) {
            (Some((found, page)), None) => {
                kinds.push(self.raise(provider_id, found, &page, now)?)
            }
            (_, Some((id, since))) if !still_failing => {
                kinds.push(self.clear(id, &since, now, removing)?)
            }
            _ => {}
        }
        if kinds.is_empty() {
            return Ok(Vec::new());
        }
        let name = self
            .provider(provider_id)?
            .map(|p| p.name)
            .unwrap_or_default();
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

    /// The suspicion the provider's probes (`own`) raise at `now`, if any, with its page's
    /// status; `Err(NoEvidence)` when nothing was read on another host since the streak began.
    fn suspicion_with_evidence(
        &self,
        provider_id: ProviderId,
        own: &[Probe],
        now: DateTime<Utc>,
        threshold: u32,
    ) -> Result<Option<Result<(Suspicion, ComponentStatus), NoEvidence>>> {
        let failing: Vec<&Probe> = own
            .iter()
            .filter(|p| p.failures >= threshold.max(1))
            .collect();
        if failing.is_empty() {
            return Ok(None);
        }
        let page = self.provider_status(provider_id, now)?;
        let streaks: Vec<Streak> = own.iter().map(Probe::streak).collect();
        let Some(suspicion) = probe::suspicion(&streaks, &page, threshold) else {
            return Ok(None);
        };
        let hosts: Vec<String> = failing.iter().filter_map(|p| endpoint(&p.url)).collect();
        Ok(Some(if read_since(&self.conn, suspicion.since, &hosts)? {
            Ok((suspicion, page))
        } else {
            Err(NoEvidence)
        }))
    }

    /// Remembers when the probes began to say the user is offline; the start of each such period
    /// is one `network_offline` (`down`: the providers whose probes all fail). The period ends
    /// when they no longer say so and something was read successfully since it began.
    fn note_offline(
        &mut self,
        offline: bool,
        noted: Option<DateTime<Utc>>,
        down: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<EventKind>> {
        match (offline, noted) {
            (true, None) => {
                self.set_setting(OFFLINE_SINCE, &Some(now))?;
                Ok(vec![EventKind::NetworkOffline {
                    since: now,
                    providers: down,
                }])
            }
            (false, Some(since)) if read_since(&self.conn, since, &[])? => {
                self.set_setting(OFFLINE_SINCE, &None::<DateTime<Utc>>)?;
                Ok(Vec::new())
            }
            _ => Ok(Vec::new()),
        }
    }

    fn raise(
        &mut self,
        provider_id: ProviderId,
        found: Suspicion,
        page: &ComponentStatus,
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
