//! A provider's current status as every view shows it: core's one status rule over what is
//! stored (`unknown` when the page cannot be read, or was not read for three intervals).

use crate::error::{Result, StoreError};
use crate::PollState;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::provider_status::{page_status, provider_status, ReadHealth, Unknown};
use lookout_core::{Component, ComponentStatus, Impact, ProviderId};
use rusqlite::OptionalExtension;

/// What a view has already read of one provider, for [`Store::provider_health_from`].
#[derive(Debug, Clone, Copy)]
pub struct ProviderReads<'a> {
    /// The provider's polling interval.
    pub poll_interval_secs: u32,
    /// Its poll state.
    pub state: &'a PollState,
    /// Its stored components.
    pub components: &'a [Component],
    /// The ids of the components the user watches (empty: all).
    pub watched: &'a [String],
}

impl Store {
    /// The provider's status as every view shows it (the tray, the window, `lookout list`,
    /// alerts): the one rule of [`lookout_core::provider_status`] over what is stored, at `now`.
    pub fn provider_status(
        &self,
        provider_id: ProviderId,
        now: DateTime<Utc>,
    ) -> Result<ComponentStatus> {
        Ok(self.provider_health(provider_id, now)?.0)
    }

    /// The provider's status at `now` and, when it is `unknown`, why ("unreachable", "last read
    /// 14 min ago"…).
    pub fn provider_health(
        &self,
        provider_id: ProviderId,
        now: DateTime<Utc>,
    ) -> Result<(ComponentStatus, Option<Unknown>)> {
        let interval: u32 = self
            .conn
            .query_row(
                "SELECT poll_interval_secs FROM providers WHERE id = ?1",
                [provider_id],
                |r| r.get(0),
            )
            .optional()?
            .ok_or_else(|| StoreError::NoSuchProvider(provider_id.to_string()))?;
        let state = self.poll_state(provider_id)?;
        let read = ProviderReads {
            poll_interval_secs: interval,
            state: &state,
            components: &self.components(provider_id)?,
            watched: &self.watched_components(provider_id)?,
        };
        self.provider_health_from(provider_id, &read, now)
    }

    /// [`Store::provider_health`] from what the caller has already read of the provider (a view
    /// that shows its components reads them once).
    pub fn provider_health_from(
        &self,
        provider_id: ProviderId,
        read: &ProviderReads<'_>,
        now: DateTime<Utc>,
    ) -> Result<(ComponentStatus, Option<Unknown>)> {
        let health = ReadHealth {
            last_success_at: read.state.last_success_at,
            unreachable: read.state.unreachable,
            poll_interval_secs: read.poll_interval_secs,
        };
        let page = page_status(
            read.components,
            read.watched,
            &self.open_incident_impacts(provider_id)?,
            self.maintenance_in_progress(provider_id)?,
        );
        Ok(provider_status(&health, page, now))
    }

    /// The impacts of the provider's open incidents (read without their times, so that nothing
    /// stored about one incident can make the provider's status unreadable).
    fn open_incident_impacts(&self, provider_id: ProviderId) -> Result<Vec<Impact>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT impact FROM incidents
             WHERE provider_id = ?1 AND status NOT IN ('resolved', 'postmortem')",
        )?;
        let rows = stmt.query_map([provider_id], |r| r.get::<_, String>(0))?;
        rows.map(|impact| Ok(Impact::parse(&impact?))).collect()
    }

    fn maintenance_in_progress(&self, provider_id: ProviderId) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM maintenances
                            WHERE provider_id = ?1 AND status IN ('in_progress', 'verifying'))",
            [provider_id],
            |r| r.get(0),
        )?)
    }
}
