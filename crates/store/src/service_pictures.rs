//! Each provider as your services see it (its status by the one rule, and when its trouble
//! began), read for many providers at once: a handful of statements over every provider
//! instead of several per provider, so working out the affected services stays fast with
//! hundreds of vendors.

use crate::columns::columns;
use crate::error::Result;
use crate::{time, Provider, Store};
use chrono::{DateTime, Utc};
use lookout_core::services::ProviderPicture;
use lookout_core::status::Impact;
use lookout_core::ReadHealth;
use lookout_core::{page_status, provider_status, Component, ComponentStatus, ProviderId};
use std::collections::{HashMap, HashSet};

/// What the pictures are made of, for every provider, read in one statement each.
#[derive(Default)]
struct Reads {
    components: HashMap<ProviderId, Vec<Component>>,
    watched: HashMap<ProviderId, Vec<String>>,
    health: HashMap<ProviderId, (Option<DateTime<Utc>>, bool)>,
    open_impacts: HashMap<ProviderId, Vec<Impact>>,
    in_maintenance: HashSet<ProviderId>,
    suspected: HashMap<ProviderId, DateTime<Utc>>,
}

impl Store {
    /// `providers` as the services see them at `now`: their status by the one rule and when
    /// their trouble began (their components' runs of trouble; without components, the oldest
    /// open incident; unknown since the last good read; suspected since the probes' streak).
    pub fn service_pictures(
        &self,
        providers: Vec<Provider>,
        now: DateTime<Utc>,
    ) -> Result<Vec<ProviderPicture>> {
        let mut reads = self.picture_reads()?;
        providers
            .into_iter()
            .map(|provider| self.picture(provider, &mut reads, now))
            .collect()
    }

    fn picture(
        &self,
        provider: Provider,
        reads: &mut Reads,
        now: DateTime<Utc>,
    ) -> Result<ProviderPicture> {
        let id = provider.id;
        let components = reads.components.remove(&id).unwrap_or_default();
        let watched = reads.watched.remove(&id).unwrap_or_default();
        let (last_success_at, unreachable) = reads.health.get(&id).copied().unwrap_or_default();
        let health = ReadHealth {
            last_success_at,
            unreachable,
            poll_interval_secs: provider.poll_interval_secs,
        };
        let impacts = reads.open_impacts.remove(&id).unwrap_or_default();
        let page = page_status(
            &components,
            &watched,
            &impacts,
            reads.in_maintenance.contains(&id),
        );
        let (status, unknown) = provider_status(&health, page, now);
        // Any component in trouble, watched or not: a service may use one the person does not
        // watch. Few are, so their history is read one provider at a time.
        let component_since = match components.iter().all(|c| c.status.is_operational()) {
            true => HashMap::new(),
            false => self.component_trouble_since(id)?,
        };
        let status_since = match components.is_empty() && !status.is_operational() {
            true => self.oldest_open_incident_start(id)?,
            false => None,
        };
        // Suspected while the page says operational or degraded (else the vendor says more),
        // as a provider's row says it.
        let calm = matches!(
            status,
            ComponentStatus::Operational | ComponentStatus::DegradedPerformance
        );
        Ok(ProviderPicture {
            unknown_since: unknown
                .as_ref()
                .map(|_| last_success_at.unwrap_or(provider.created_at)),
            unknown: unknown.map(|u| u.describe(now)),
            suspected_since: reads.suspected.get(&id).copied().filter(|_| calm),
            name: provider.name,
            status,
            status_since,
            components,
            component_since,
        })
    }

    /// When the provider's oldest open incident started.
    fn oldest_open_incident_start(&self, provider: ProviderId) -> Result<Option<DateTime<Utc>>> {
        let open = crate::IncidentFilter {
            provider_id: Some(provider),
            active_only: true,
            ..crate::IncidentFilter::default()
        };
        Ok(self
            .incidents(&open)?
            .iter()
            .map(|i| i.incident.started_at)
            .min())
    }

    /// Every provider's components, watched ids, read health, open incidents' impacts,
    /// maintenance under way and open suspicion.
    fn picture_reads(&self) -> Result<Reads> {
        let mut reads = Reads::default();
        let mut statement = self.conn.prepare_cached(
            // In the table's own order (no sort in SQL): each provider's are put in page order
            // below.
            "SELECT provider_id, id, name, group_name, status, group_position, position
             FROM components",
        )?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, ProviderId>(0)?,
                Component {
                    id: r.get(1)?,
                    name: r.get(2)?,
                    group: r.get(3)?,
                    status: ComponentStatus::parse(&r.get::<_, String>(4)?),
                    position: (r.get(5)?, r.get(6)?),
                },
            ))
        })?;
        for row in rows {
            let (provider, component) = row?;
            reads
                .components
                .entry(provider)
                .or_default()
                .push(component);
        }
        for components in reads.components.values_mut() {
            components.sort_by(|a, b| (a.position, &a.name).cmp(&(b.position, &b.name)));
        }
        self.read_states(&mut reads)?;
        self.read_health(&mut reads)?;
        Ok(reads)
    }

    /// Every provider's watched ids, open incidents' impacts, maintenance under way and open
    /// suspicion.
    fn read_states(&self, reads: &mut Reads) -> Result<()> {
        for (provider, component) in self.pairs::<String>(
            "SELECT provider_id, component_id FROM watched_components
             ORDER BY provider_id, component_id",
        )? {
            reads.watched.entry(provider).or_default().push(component);
        }
        for (provider, impact) in self.pairs::<String>(
            "SELECT provider_id, impact FROM incidents
             WHERE status NOT IN ('resolved', 'postmortem')",
        )? {
            reads
                .open_impacts
                .entry(provider)
                .or_default()
                .push(Impact::parse(&impact));
        }
        reads.in_maintenance = self
            .pairs::<i64>(
                "SELECT provider_id, 1 FROM maintenances WHERE status IN ('in_progress', 'verifying')",
            )?
            .into_iter()
            .map(|(provider, _)| provider)
            .collect();
        for (provider, since) in self
            .pairs::<String>("SELECT provider_id, since FROM suspicions WHERE cleared_at IS NULL")?
        {
            reads.suspected.insert(provider, time::from_text(&since)?);
        }
        Ok(())
    }

    /// Every provider's last good read and whether it is unreachable.
    fn read_health(&self, reads: &mut Reads) -> Result<()> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT provider_id, last_success_at, unreachable FROM poll_state")?;
        let rows = statement.query_map([], columns::<(ProviderId, Option<String>, bool)>)?;
        for row in rows {
            let (provider, last_success, unreachable) = row?;
            let last = time::opt_from_text(last_success)?;
            reads.health.insert(provider, (last, unreachable));
        }
        Ok(())
    }

    /// The rows of `sql`, each a provider id and one value.
    fn pairs<T: rusqlite::types::FromSql>(&self, sql: &str) -> Result<Vec<(ProviderId, T)>> {
        let mut statement = self.conn.prepare_cached(sql)?;
        let rows = statement.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
