//! A vendor's state now, as `lookout mcp`'s `vendor_status` and `is_it_them` give it: its
//! status, the components not operational, its open incidents with the vendor's latest word, the
//! suspicion Lookout's own probes raise — from the store for a watched provider, from a page read
//! just now for one that is not.

use crate::check::{CheckReport, ComponentReport};
use crate::incidents::{IncidentReport, UpdateReport};
use crate::providers::ProviderRow;
use chrono::{DateTime, Utc};
use lookout_core::{ComponentStatus, Impact, IncidentStatus, Platform, ProviderId};
use lookout_engine::operations::incidents::StoredIncident;
use lookout_engine::operations::providers::ProviderDetail;
use lookout_store::SuspectedNow;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use utoipa::ToSchema;

/// One vendor's state now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct VendorStatus {
    /// `true`: Lookout watches it and this is its store (as the watch loop last read the page);
    /// `false`: it is not watched and its status page was read live just now, once.
    pub watched: bool,
    /// Where this answer comes from, in words.
    pub source: String,
    /// Lookout's id for it; `null` when it is not watched.
    #[schema(value_type = Option<i64>)]
    pub provider_id: Option<ProviderId>,
    /// Its name.
    pub name: String,
    /// Its status page (credentials masked).
    pub url: String,
    /// Its platform (`statuspage`, `incident_io`, …).
    #[schema(value_type = String)]
    pub platform: Platform,
    /// Its status: the worst of its (watched) components — `operational`, `under_maintenance`,
    /// `unknown`, `degraded_performance`, `partial_outage`, `major_outage` or the vendor's word.
    #[schema(value_type = String)]
    pub status: ComponentStatus,
    /// Why it is `unknown` (the page could not be read, or not lately); `null` otherwise.
    pub unknown_reason: Option<String>,
    /// Its components that are not operational (every component: the `lookout://providers/{id}`
    /// resource).
    pub affected_components: Vec<ComponentReport>,
    /// Its incidents not yet resolved, newest first, each with the vendor's latest update.
    pub open_incidents: Vec<OpenIncident>,
    /// Lookout's own probes of its endpoints failing (a suspected outage the page may not show
    /// yet); `null` when none fail or it is not watched.
    pub suspected: Option<SuspectedNow>,
    /// When its page was last read successfully.
    pub last_read: Option<DateTime<Utc>>,
}

/// An incident not yet resolved, with the vendor's latest word on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OpenIncident {
    /// The vendor's id (with the provider's id: the `incident` tool and the
    /// `lookout://incidents/{provider}/{id}` resource give its whole timeline).
    pub id: String,
    /// Its title (the vendor's text).
    pub title: String,
    /// `none`, `minor`, `major`, `critical`, `maintenance` or the vendor's word.
    #[schema(value_type = String)]
    pub impact: Impact,
    /// `investigating`, `identified`, `monitoring` or the vendor's word.
    #[schema(value_type = String)]
    pub status: IncidentStatus,
    /// When it started.
    pub started_at: DateTime<Utc>,
    /// The vendor's page for it.
    pub url: Option<String>,
    /// The vendor's latest update (its text is the vendor's, untrusted); `null` without one.
    pub latest_update: Option<UpdateReport>,
}

impl OpenIncident {
    /// The incident of `report`, with its latest update.
    pub fn new(report: &IncidentReport) -> OpenIncident {
        OpenIncident {
            id: report.id.clone(),
            title: report.title.clone(),
            impact: report.impact.clone(),
            status: report.status.clone(),
            started_at: report.started_at,
            url: report.url.clone(),
            latest_update: report.updates.last().cloned(),
        }
    }

    /// The stored incident's.
    pub fn stored(stored: &StoredIncident) -> OpenIncident {
        OpenIncident::new(&IncidentReport::new(&stored.incident, &HashMap::new()))
    }
}

/// The components of `components` not operational.
fn affected(components: Vec<ComponentReport>) -> Vec<ComponentReport> {
    components
        .into_iter()
        .filter(|c| c.status != ComponentStatus::Operational)
        .collect()
}

impl VendorStatus {
    /// A watched provider's state, from the store, at `now`.
    pub fn watched(detail: &ProviderDetail, now: DateTime<Utc>) -> VendorStatus {
        let row = ProviderRow::new(&detail.board, now);
        let components = detail.board.components.iter().map(ComponentReport::new);
        VendorStatus {
            watched: true,
            source: "watched by Lookout: its store, as the page was last read".into(),
            provider_id: Some(row.id),
            name: row.name,
            url: row.url,
            platform: row.platform,
            status: row.status,
            unknown_reason: row.unknown_reason,
            affected_components: affected(components.collect()),
            open_incidents: detail
                .active_incidents
                .iter()
                .map(OpenIncident::stored)
                .collect(),
            // Every failing streak, not only while the page is calm: "is it them" wants it.
            suspected: detail.board.suspected.clone(),
            last_read: row.last_success_at,
        }
    }

    /// A page that is not watched, read live at `now` (`report` is what `lookout check` says).
    pub fn read_live(report: &CheckReport, now: DateTime<Utc>) -> VendorStatus {
        VendorStatus {
            watched: false,
            source: "not watched by Lookout: its status page read live just now".into(),
            provider_id: None,
            name: report.provider.name.clone(),
            url: report.provider.url.clone(),
            platform: report.provider.platform,
            status: report.status.clone(),
            unknown_reason: None,
            affected_components: affected(report.components.clone()),
            open_incidents: report
                .incidents
                .iter()
                .filter(|i| i.resolved_at.is_none())
                .map(OpenIncident::new)
                .collect(),
            suspected: None,
            last_read: Some(now),
        }
    }

    /// Whether something is wrong with it: not operational, or its probes fail.
    pub fn in_trouble(&self) -> bool {
        self.status != ComponentStatus::Operational || self.suspected.is_some()
    }

    /// Since when it has been in trouble, as far as Lookout knows: its oldest open incident's
    /// start, else when its probes began to fail, else (unknown) its last good read.
    pub fn troubled_since(&self) -> Option<DateTime<Utc>> {
        let oldest = self.open_incidents.iter().map(|i| i.started_at).min();
        let probes = self.suspected.as_ref().map(|s| s.since);
        let unread = (self.status == ComponentStatus::Unknown)
            .then_some(self.last_read)
            .flatten();
        oldest.or(probes).or(unread)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::ProviderInfo;
    use chrono::TimeZone;

    fn at(minute: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 6, 1, 12, minute, 0).unwrap()
    }

    fn incident(id: &str, started: u32, resolved: Option<u32>) -> IncidentReport {
        let update = |status, minute| UpdateReport {
            status,
            body: format!("update at {minute}"),
            at: at(minute),
            components: Vec::new(),
        };
        let mut updates = vec![update(IncidentStatus::Investigating, started)];
        updates.extend(resolved.map(|m| update(IncidentStatus::Resolved, m)));
        IncidentReport {
            id: id.into(),
            title: "Errors".into(),
            impact: Impact::Major,
            status: updates[updates.len() - 1].status.clone(),
            started_at: at(started),
            resolved_at: resolved.map(at),
            duration_seconds: None,
            url: None,
            updates,
        }
    }

    fn component(id: &str, status: ComponentStatus) -> ComponentReport {
        ComponentReport {
            id: id.into(),
            name: id.to_uppercase(),
            group: None,
            status,
        }
    }

    fn live(status: ComponentStatus) -> CheckReport {
        CheckReport {
            provider: ProviderInfo {
                name: "Acme".into(),
                url: "https://status.acme.test".into(),
                platform: Platform::Statuspage,
            },
            status,
            components: vec![
                component("api", ComponentStatus::PartialOutage),
                component("web", ComponentStatus::Operational),
            ],
            incidents: vec![incident("new", 20, None), incident("old", 1, Some(5))],
            maintenances: Vec::new(),
        }
    }

    #[test]
    fn a_page_read_live_keeps_what_is_wrong_and_says_so() {
        let status = VendorStatus::read_live(&live(ComponentStatus::PartialOutage), at(30));
        assert!(!status.watched && status.provider_id.is_none());
        assert!(status.source.contains("read live"), "{}", status.source);
        let ids: Vec<&str> = status.affected_components.iter().map(|c| &*c.id).collect();
        assert_eq!(ids, ["api"], "only what is not operational");
        assert_eq!(
            status.open_incidents.len(),
            1,
            "the resolved one is left out"
        );
        let open = &status.open_incidents[0];
        assert_eq!(open.id, "new");
        assert_eq!(open.latest_update.as_ref().unwrap().body, "update at 20");
        assert_eq!(status.last_read, Some(at(30)));
        assert!(status.in_trouble());
        assert_eq!(status.troubled_since(), Some(at(20)));
    }

    #[test]
    fn trouble_starts_at_the_oldest_incident_else_the_probes_else_the_last_read() {
        let mut status = VendorStatus::read_live(&live(ComponentStatus::Operational), at(30));
        status.open_incidents.clear();
        status.affected_components.clear();
        assert!(!status.in_trouble());
        assert_eq!(status.troubled_since(), None);
        status.suspected = Some(SuspectedNow {
            since: at(7),
            failing_probes: 2,
            last_error: None,
        });
        assert!(
            status.in_trouble(),
            "failing probes are trouble on a calm page"
        );
        assert_eq!(status.troubled_since(), Some(at(7)));
        status.suspected = None;
        status.status = ComponentStatus::Unknown;
        status.last_read = Some(at(3));
        assert!(status.in_trouble());
        assert_eq!(status.troubled_since(), Some(at(3)));
        status.open_incidents = vec![OpenIncident::new(&incident("x", 2, None))];
        assert_eq!(status.troubled_since(), Some(at(2)));
    }
}
