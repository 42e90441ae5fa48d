//! Your services as stored (replaced whole, as a configuration file states them), when each
//! component's current trouble began, and which services are affected now
//! ([`lookout_core::services::affected`] over the providers' pictures, `service_pictures`): one
//! answer for the engine's reports and the alert pass's messages.

use crate::error::{Result, StoreError};
use crate::time;
use crate::Store;
use chrono::{DateTime, Utc};
use lookout_core::services::ServiceState;
use lookout_core::services::{affected, Criticality, Dependency, ServiceSpec};
use lookout_core::ProviderId;
use rusqlite::params;
use std::collections::HashMap;

impl Store {
    /// Every service, in the order it was written.
    pub fn services(&self) -> Result<Vec<ServiceSpec>> {
        let mut statement = self.conn.prepare(
            "SELECT name, criticality, depends_on, alert FROM services ORDER BY position",
        )?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, bool>(3)?,
            ))
        })?;
        let mut services = Vec::new();
        for row in rows {
            let (name, criticality, depends_on, alert) = row?;
            let depends_on: Vec<Dependency> = serde_json::from_str(&depends_on)
                .map_err(|e| StoreError::Decode(format!("service {name:?}: {e}")))?;
            services.push(ServiceSpec {
                criticality: Criticality::parse(&criticality).map_err(StoreError::Decode)?,
                name,
                depends_on,
                alert,
            });
        }
        Ok(services)
    }

    /// Makes `services` the whole list, in their order; two of one name are refused.
    pub fn replace_services(&mut self, services: &[ServiceSpec]) -> Result<()> {
        let tx = self.write()?;
        tx.execute("DELETE FROM services", [])?;
        for (position, service) in services.iter().enumerate() {
            let depends_on = serde_json::to_string(&service.depends_on)
                .map_err(|e| StoreError::Decode(e.to_string()))?;
            let added = tx.execute(
                "INSERT OR IGNORE INTO services (name, criticality, depends_on, position, alert)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    service.name,
                    service.criticality.as_str(),
                    depends_on,
                    position as i64,
                    service.alert
                ],
            )?;
            if added == 0 {
                return Err(StoreError::InvalidInput(format!(
                    "a second service named {:?}",
                    service.name
                )));
            }
        }
        tx.commit()
    }

    /// For each of `provider`'s components that is not operational now, when its current run of
    /// trouble began (the first status after its last `operational` one, as Lookout saw it).
    pub fn component_trouble_since(
        &self,
        provider: ProviderId,
    ) -> Result<HashMap<String, DateTime<Utc>>> {
        let mut statement = self.conn.prepare_cached(
            "SELECT c.id, (SELECT MIN(h.at) FROM component_status_history h
                    WHERE h.provider_id = c.provider_id AND h.component_id = c.id
                      AND h.at > COALESCE((SELECT MAX(o.at) FROM component_status_history o
                          WHERE o.provider_id = c.provider_id AND o.component_id = c.id
                            AND o.status = 'operational'), ''))
             FROM components c WHERE c.provider_id = ?1 AND c.status != 'operational'",
        )?;
        let rows = statement.query_map([provider], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?))
        })?;
        let mut since = HashMap::new();
        for row in rows {
            if let (id, Some(at)) = row? {
                since.insert(id, time::from_text(&at)?);
            }
        }
        Ok(since)
    }
}

impl Store {
    /// Every service at `now`: the affected first, then by criticality.
    pub fn affected_services(&self, now: DateTime<Utc>) -> Result<Vec<ServiceState>> {
        let specs = self.services()?;
        if specs.is_empty() {
            return Ok(Vec::new());
        }
        // Only the providers some service uses.
        let used: std::collections::HashSet<String> = specs
            .iter()
            .flat_map(|s| &s.depends_on)
            .map(|d| d.provider.to_ascii_lowercase())
            .collect();
        let providers = self
            .providers()?
            .into_iter()
            .filter(|p| used.contains(&p.name.to_ascii_lowercase()))
            .collect();
        let pictures = self.service_pictures(providers, now)?;
        Ok(affected(&specs, &pictures))
    }
}
