//! Lookout's own probes of vendors' endpoints: the probes a user added, each probe's streak of
//! failures, and the suspicions they raise — a provider whose probes keep failing while its page
//! says all is well (`suspected_outage`), until they pass again (`suspected_cleared`).

mod suspicion;

pub(crate) use suspicion::open_suspicion;

use crate::error::{Result, StoreError};
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::probe::{self, address, Expect, Streak, MIN_EVERY_SECS};
use lookout_core::Event;
use lookout_core::{ProbeId, ProviderId};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

/// A probe to add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewProbe {
    /// The provider it checks.
    pub provider_id: ProviderId,
    /// What it requests (http or https).
    pub url: String,
    /// Seconds between runs (at least [`MIN_EVERY_SECS`]).
    pub every_secs: u32,
    /// The status it expects.
    pub expect: Expect,
    /// Text the answer must hold, if any.
    pub contains: Option<String>,
    /// Seconds before a run counts as failed.
    pub timeout_secs: u32,
    /// Whether it may ask a link-local or cloud metadata address (`--allow-private`; see
    /// [`lookout_core::probe::address`]). Not stored: it only lets the probe be added.
    pub allow_private: bool,
}

/// A probe as stored, with its streak.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Probe {
    /// Local id.
    pub id: ProbeId,
    /// The provider's id.
    pub provider_id: ProviderId,
    /// The provider's name.
    pub provider: String,
    /// What it requests.
    pub url: String,
    /// Seconds between runs.
    pub every_secs: u32,
    /// The status it expects.
    pub expect: Expect,
    /// Text the answer must hold, if any.
    pub contains: Option<String>,
    /// Seconds before a run counts as failed.
    pub timeout_secs: u32,
    /// Failures in a row.
    pub failures: u32,
    /// When the first of them happened.
    pub failing_since: Option<DateTime<Utc>>,
    /// Why the last run failed.
    pub last_error: Option<String>,
    /// When it last ran.
    pub last_run_at: Option<DateTime<Utc>>,
    /// How long its last answer took.
    pub last_latency_ms: Option<u32>,
}

impl Probe {
    fn streak(&self) -> Streak {
        Streak {
            host: url::Url::parse(&self.url)
                .ok()
                .and_then(|u| u.host_str().map(str::to_string))
                .unwrap_or_else(|| self.url.clone()),
            failures: self.failures,
            since: self.failing_since,
            last_error: self.last_error.clone(),
        }
    }
}

/// What one run of a probe found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeOutcome {
    /// When it ran.
    pub at: DateTime<Utc>,
    /// Whether the answer met the expectation.
    pub ok: bool,
    /// How long the answer took, when one came.
    pub latency_ms: Option<u32>,
    /// Why it failed.
    pub error: Option<String>,
}

/// An open suspicion, as `lookout list --json` shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ui-types", derive(ts_rs::TS))]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SuspectedNow {
    /// When the streak that raised it began.
    pub since: DateTime<Utc>,
    /// How many of the provider's probes fail now.
    pub failing_probes: u32,
    /// Why the latest failure failed.
    pub last_error: Option<String>,
}

const COLUMNS: &str = "p.id, p.provider_id, v.name, p.url, p.every_secs, p.expect, p.contains,
    p.timeout_secs, p.failures, p.failing_since, p.last_error, p.last_run_at, p.last_latency_ms";

/// Which probes to read.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Which {
    /// Every probe.
    All,
    /// The provider's.
    OfProvider(ProviderId),
    /// The probe of this id.
    One(ProbeId),
}

/// The probes `which` names, by provider name then id. Each is one indexed query: the probe runs
/// that read their provider's probes cost the same however many other probes there are.
pub(crate) fn read_probes(conn: &Connection, which: Which) -> Result<Vec<Probe>> {
    let (filter, value) = match which {
        Which::All => ("", None),
        Which::OfProvider(id) => ("WHERE p.provider_id = ?1", Some(id.get())),
        Which::One(id) => ("WHERE p.id = ?1", Some(id.get())),
    };
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM probes p JOIN providers v ON v.id = p.provider_id
         {filter} ORDER BY v.name, p.id"
    ))?;
    let params: Vec<i64> = value.into_iter().collect();
    let rows = stmt.query_map(rusqlite::params_from_iter(params), probe_row)?;
    let mut out = Vec::new();
    for row in rows {
        let row = row?;
        out.push(Probe {
            failing_since: time::opt_from_text(row.failing_since)?,
            last_run_at: time::opt_from_text(row.last_run_at)?,
            ..row.probe
        });
    }
    Ok(out)
}

/// A probe as its row holds it: its two times still as text.
struct ProbeRow {
    probe: Probe,
    failing_since: Option<String>,
    last_run_at: Option<String>,
}

/// Decodes one row of `SELECT {COLUMNS}`.
fn probe_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ProbeRow> {
    let expect: String = r.get(5)?;
    Ok(ProbeRow {
        probe: Probe {
            id: r.get(0)?,
            provider_id: r.get(1)?,
            provider: r.get(2)?,
            url: r.get(3)?,
            every_secs: r.get(4)?,
            expect: Expect::parse(&expect).unwrap_or_default(),
            contains: r.get(6)?,
            timeout_secs: r.get(7)?,
            failures: r.get(8)?,
            failing_since: None,
            last_error: r.get(10)?,
            last_run_at: None,
            last_latency_ms: r.get(12)?,
        },
        failing_since: r.get(9)?,
        last_run_at: r.get(11)?,
    })
}

impl NewProbe {
    fn check(&self) -> Result<()> {
        let url = url::Url::parse(&self.url)
            .map_err(|e| StoreError::InvalidInput(format!("{:?} is not a URL: {e}", self.url)))?;
        if !matches!(url.scheme(), "http" | "https") || url.host_str().is_none() {
            return Err(StoreError::InvalidInput(format!(
                "a probe requests an http or https URL, not {:?}",
                self.url
            )));
        }
        if let Some(host) = url.host().filter(|_| !self.allow_private) {
            if let Some(why) = address::refused_host(&host) {
                return Err(StoreError::InvalidInput(address::refusal(
                    &host.to_string(),
                    why,
                )));
            }
        }
        if self.every_secs < MIN_EVERY_SECS {
            return Err(StoreError::InvalidInput(format!(
                "a probe runs at most every {MIN_EVERY_SECS} s, not every {} s",
                self.every_secs
            )));
        }
        if self.timeout_secs == 0 || self.timeout_secs > self.every_secs {
            return Err(StoreError::InvalidInput(format!(
                "a probe's time limit is 1 to {} s (its interval), not {} s",
                self.every_secs, self.timeout_secs
            )));
        }
        Ok(())
    }
}

impl Store {
    /// Adds a probe; refuses a bad URL, a link-local or cloud metadata address (unless
    /// `allow_private`), an interval under 10 s, a time limit over the interval, and the same URL
    /// twice for one provider.
    pub fn add_probe(&mut self, new: &NewProbe, at: DateTime<Utc>) -> Result<Probe> {
        new.check()?;
        let tx = self.write()?;
        let inserted = tx.execute(
            "INSERT INTO probes (provider_id, url, every_secs, expect, contains, timeout_secs, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                new.provider_id,
                new.url,
                new.every_secs,
                new.expect.to_string(),
                new.contains,
                new.timeout_secs,
                time::to_text(at)
            ],
        );
        match inserted {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                return Err(StoreError::Duplicate(format!("a probe of {}", new.url)));
            }
            Err(e) => return Err(e.into()),
        }
        let id = ProbeId::new(tx.last_insert_rowid());
        tx.commit()?;
        read_probes(&self.conn, Which::One(id))?
            .pop()
            .ok_or_else(|| StoreError::NoSuchProvider(new.provider_id.to_string()))
    }

    /// Every probe (of one provider, when given), by provider name.
    pub fn probes(&self, provider_id: Option<ProviderId>) -> Result<Vec<Probe>> {
        let which = provider_id.map_or(Which::All, Which::OfProvider);
        read_probes(&self.conn, which)
    }

    /// Removes probe `id` at `now`; a suspicion no remaining probe keeps up is cleared
    /// (`suspected_cleared`), in the same transaction.
    pub fn remove_probe(&mut self, id: ProbeId, now: DateTime<Utc>) -> Result<Probe> {
        let probe = read_probes(&self.conn, Which::One(id))?
            .pop()
            .ok_or_else(|| StoreError::InvalidInput(format!("no probe #{id}")))?;
        self.atomically(|store| {
            store
                .conn
                .execute("DELETE FROM probes WHERE id = ?1", [id])?;
            store.judge_suspicion(probe.provider_id, now, probe::DEFAULT_THRESHOLD, true)
        })?;
        Ok(probe)
    }

    /// The provider's open suspicion, if any.
    pub fn suspected(&self, provider_id: ProviderId) -> Result<Option<SuspectedNow>> {
        let Some((_, since)) = open_suspicion(&self.conn, provider_id)? else {
            return Ok(None);
        };
        let probes = self.probes(Some(provider_id))?;
        let failing = probes.iter().filter(|p| p.failures > 0);
        Ok(Some(SuspectedNow {
            since: time::from_text(&since)?,
            failing_probes: u32::try_from(failing.clone().count()).unwrap_or(u32::MAX),
            last_error: failing
                .max_by_key(|p| p.last_run_at)
                .and_then(|p| p.last_error.clone()),
        }))
    }

    /// Records one run of probe `probe_id` and decides, in the same transaction, whether its
    /// provider becomes suspected (`threshold` failures in a row while its page says operational
    /// or degraded, something was read on another host since the streak began, and the user is
    /// not offline) or is cleared (no probe failing that often any more); returns the events
    /// that were never reported before.
    pub fn record_probe(
        &mut self,
        probe_id: ProbeId,
        outcome: &ProbeOutcome,
        threshold: u32,
    ) -> Result<Vec<Event>> {
        self.atomically(|store| {
            let (provider_id, failures) = store.update_streak(probe_id, outcome)?;
            if failures < threshold.max(1) && !store.judging_needed(provider_id)? {
                // Nothing to decide: a run under the threshold raises nothing, and there is no
                // suspicion or offline period for it to end. Costs the same for any number of
                // probes.
                return Ok(Vec::new());
            }
            store.judge_suspicion(provider_id, outcome.at, threshold, false)
        })
    }

    /// Writes a run's outcome into the probe's streak; returns the probe's provider and its
    /// failures in a row now.
    fn update_streak(
        &mut self,
        probe_id: ProbeId,
        outcome: &ProbeOutcome,
    ) -> Result<(ProviderId, u32)> {
        let at = time::to_text(outcome.at);
        let changed = if outcome.ok {
            self.conn
                .prepare_cached(
                    "UPDATE probes SET failures = 0, failing_since = NULL, last_error = NULL,
                        last_run_at = ?2, last_latency_ms = ?3 WHERE id = ?1",
                )?
                .execute(params![probe_id, at, outcome.latency_ms])?
        } else {
            self.conn
                .prepare_cached(
                    "UPDATE probes SET failures = failures + 1,
                        failing_since = coalesce(failing_since, ?2), last_error = ?3,
                        last_run_at = ?2, last_latency_ms = ?4 WHERE id = ?1",
                )?
                .execute(params![probe_id, at, outcome.error, outcome.latency_ms])?
        };
        if changed == 0 {
            return Err(StoreError::InvalidInput(format!("no probe #{probe_id}")));
        }
        Ok(self
            .conn
            .prepare_cached("SELECT provider_id, failures FROM probes WHERE id = ?1")?
            .query_row([probe_id], |r| Ok((r.get(0)?, r.get(1)?)))?)
    }
}
