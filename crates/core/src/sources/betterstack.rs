//! Better Stack (Better Uptime) parser: the public `/index.json` (JSON:API) of a status page,
//! with its sections, resources and status reports.
//!
//! Decisions worth knowing:
//! - `status_page_section`s are groups; `status_page_resource`s are components (name
//!   `public_name`, group = its section's name, position = (section position, own position)).
//! - Resource statuses: operational, degraded, downtime (→ major outage), maintenance;
//!   `not_monitored` and anything else are kept as `Other` (ranked like unknown).
//! - Status reports of type `maintenance` are maintenances (in progress while their
//!   `aggregate_state` is maintenance, else scheduled: the document carries no clock).
//!   Other reports are incidents: resolved once `ends_at` is set; their `status_update`s are
//!   the timeline (investigating, or resolved from `ends_at` on), each with the resources it
//!   names; impact from the worst state named (degraded → minor, downtime → major). Each
//!   `status_update` belongs to one report: the one its `status_report_id` names, else the first
//!   report whose relationships list it; of reports that share an id, the first gets them.
//! - Page name is `company_name`; URL the custom domain, else `<subdomain>.betteruptime.com`.

mod wire;

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
    UpdateComponent,
};
use crate::sources::non_empty;
use crate::sources::time::parse_opt_unbounded;
use crate::status::{ComponentStatus, Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use serde_json::Value;
use std::collections::HashMap;
use wire::{AffectedResource, Attributes, Resource};

/// Parses `/index.json`.
pub fn parse_index(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Better Stack index.json";
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    if !value.get("data").is_some_and(Value::is_object) {
        return Err(SourceError::Malformed {
            what: WHAT,
            detail: "expected a JSON:API object under `data`".to_string(),
        });
    }
    let doc: wire::Document =
        serde_json::from_value(value).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let page = page_info(doc.data.as_ref());
    let included = doc.included.unwrap_or_default();
    let of_kind = |kind: &'static str| {
        included
            .iter()
            .filter(move |r| r.kind.as_deref() == Some(kind))
    };
    let components = components(
        of_kind("status_page_section"),
        of_kind("status_page_resource"),
    );
    let reports: Vec<&Resource> = of_kind("status_report").collect();
    let mut updates = Updates::assign(of_kind("status_update").collect(), &reports);
    let names: Names<'_> = components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let mut incidents = Vec::new();
    let mut maintenances = Vec::new();
    for report in reports {
        let attrs = attributes(report);
        if attrs.report_type.as_deref().map(str::trim) == Some("maintenance") {
            maintenances.extend(maintenance(report));
        } else {
            incidents.extend(incident(report, &mut updates, &names));
        }
    }
    Ok(sorted_snapshot(page, components, incidents, maintenances))
}

static NO_ATTRIBUTES: Attributes = Attributes {
    company_name: None,
    subdomain: None,
    custom_domain: None,
    name: None,
    position: None,
    public_name: None,
    status: None,
    status_page_section_id: None,
    title: None,
    report_type: None,
    starts_at: None,
    ends_at: None,
    aggregate_state: None,
    affected_resources: None,
    message: None,
    published_at: None,
    status_report_id: None,
};

fn attributes(resource: &Resource) -> &Attributes {
    resource.attributes.as_ref().unwrap_or(&NO_ATTRIBUTES)
}

fn page_info(data: Option<&Resource>) -> PageInfo {
    let Some(data) = data else {
        return PageInfo::default();
    };
    let attrs = attributes(data);
    let url = non_empty(attrs.custom_domain.as_deref())
        .map(|host| format!("https://{host}"))
        .or_else(|| {
            non_empty(attrs.subdomain.as_deref())
                .map(|sub| format!("https://{sub}.betteruptime.com"))
        });
    PageInfo {
        id: text(data.id.as_ref()),
        name: non_empty(attrs.company_name.as_deref()).map(str::to_string),
        url,
    }
}

fn components<'a>(
    sections: impl Iterator<Item = &'a Resource>,
    resources: impl Iterator<Item = &'a Resource>,
) -> Vec<Component> {
    let mut groups: HashMap<String, (Option<String>, i64)> = HashMap::new();
    for (index, section) in (0_i64..).zip(sections) {
        let Some(id) = text(section.id.as_ref()) else {
            continue;
        };
        let attrs = attributes(section);
        let name = non_empty(attrs.name.as_deref()).map(str::to_string);
        groups.insert(id, (name, number(attrs.position.as_ref()).unwrap_or(index)));
    }
    let mut out: Vec<Component> = (0_i64..)
        .zip(resources)
        .filter_map(|(index, resource)| {
            let id = text(resource.id.as_ref())?;
            let attrs = attributes(resource);
            let own = number(attrs.position.as_ref()).unwrap_or(index);
            let section = text(attrs.status_page_section_id.as_ref());
            let (group, position) = match section.and_then(|s| groups.get(&s)) {
                Some((name, group_pos)) => (name.clone(), (*group_pos, own)),
                None => (None, (own, 0)),
            };
            Some(Component {
                name: non_empty(attrs.public_name.as_deref())
                    .or(non_empty(attrs.name.as_deref()))
                    .map_or_else(|| id.clone(), str::to_string),
                id,
                group,
                status: super::status_word(attrs.status.as_deref()),
                position,
            })
        })
        .collect();
    super::sort_by_position(&mut out);
    out
}

/// Component names by id (looked up in constant time: a report may list thousands).
type Names<'a> = HashMap<&'a str, &'a str>;

/// The page's `status_update`s, each given to one report: the one its `status_report_id`
/// names, else the first report whose relationships list it — so that finding a report's
/// updates scans nothing, and an update listed under many reports is not copied into each.
struct Updates<'a> {
    by_report: HashMap<String, Vec<&'a Resource>>,
}

impl<'a> Updates<'a> {
    fn assign(updates: Vec<&'a Resource>, reports: &[&'a Resource]) -> Updates<'a> {
        let mut by_report: HashMap<String, Vec<&'a Resource>> = HashMap::new();
        let mut unowned: HashMap<String, Vec<&'a Resource>> = HashMap::new();
        for update in updates {
            if let Some(report) = text(attributes(update).status_report_id.as_ref()) {
                by_report.entry(report).or_default().push(update);
            } else if let Some(id) = text(update.id.as_ref()) {
                unowned.entry(id).or_default().push(update);
            }
        }
        for report in reports {
            let Some(report_id) = text(report.id.as_ref()) else {
                continue;
            };
            for listed in related_update_ids(report) {
                if let Some(found) = unowned.remove(&listed) {
                    by_report
                        .entry(report_id.clone())
                        .or_default()
                        .extend(found);
                }
            }
        }
        Updates { by_report }
    }

    /// The updates given to report `id`, handed out once: a second report with the same id
    /// gets none (so reports that share an id cannot each copy the same updates).
    fn take(&mut self, id: &str) -> Vec<&'a Resource> {
        self.by_report.remove(id).unwrap_or_default()
    }
}

fn affected(list: Option<&[AffectedResource]>, known: &Names<'_>) -> Vec<UpdateComponent> {
    list.unwrap_or_default()
        .iter()
        .filter_map(|a| {
            let id = text(a.status_page_resource_id.as_ref())?;
            let name = known
                .get(id.as_str())
                .map_or_else(|| id.clone(), |n| n.to_string());
            Some(UpdateComponent {
                id,
                name,
                status: super::status_word(a.status.as_deref()),
            })
        })
        .collect()
}

/// Ids of the `status_update`s a report's relationships list.
fn related_update_ids(report: &Resource) -> Vec<String> {
    report
        .relationships
        .as_ref()
        .and_then(|r| r.get("status_updates"))
        .and_then(|u| u.get("data"))
        .and_then(Value::as_array)
        .map(|list| list.iter().filter_map(|e| text(e.get("id"))).collect())
        .unwrap_or_default()
}

fn incident(report: &Resource, all: &mut Updates<'_>, known: &Names<'_>) -> Option<Incident> {
    let id = text(report.id.as_ref())?;
    let attrs = attributes(report);
    let ends = parse_opt_unbounded(attrs.ends_at.as_deref());
    let mut updates: Vec<IncidentUpdate> = all
        .take(&id)
        .iter()
        .filter_map(|u| {
            let ua = attributes(u);
            let at = parse_opt_unbounded(ua.published_at.as_deref())?;
            let resolved = ends.is_some_and(|end| at >= end);
            Some(IncidentUpdate {
                id: text(u.id.as_ref()).unwrap_or_else(|| format!("{id}@{}", at.to_rfc3339())),
                status: if resolved {
                    IncidentStatus::Resolved
                } else {
                    IncidentStatus::Investigating
                },
                body: ua.message.clone().unwrap_or_default(),
                at,
                components: affected(ua.affected_resources.as_deref(), known),
            })
        })
        .collect();
    timeline::sort_oldest_first(&mut updates);
    let starts = parse_opt_unbounded(attrs.starts_at.as_deref());
    let fallback = starts.or_else(|| updates.first().map(|u| u.at))?;
    let status = if ends.is_some() {
        IncidentStatus::Resolved
    } else {
        IncidentStatus::Investigating
    };
    let started_at = timeline::started_at(&updates, &[starts], fallback);
    let resolved_at = timeline::resolved_at(&status, &updates, ends.map(|e| e.max(started_at)));
    let (impact, component_ids) = impact_and_components(attrs, &updates, known);
    Some(Incident {
        title: attrs.title.clone().unwrap_or_default(),
        impact,
        status,
        started_at,
        resolved_at,
        url: None,
        updates,
        component_ids,
        id,
    })
}

/// The impact of a report (from the worst state it or its updates name, and its aggregate
/// state) and the components they name.
fn impact_and_components(
    attrs: &Attributes,
    updates: &[IncidentUpdate],
    known: &Names<'_>,
) -> (Impact, Vec<String>) {
    let report_components = affected(attrs.affected_resources.as_deref(), known);
    let named = || {
        report_components
            .iter()
            .chain(updates.iter().flat_map(|u| u.components.iter()))
    };
    let worst = named().fold(
        super::status_word(attrs.aggregate_state.as_deref()),
        |worst, c| worst.worse(c.status.clone()),
    );
    let impact = match worst {
        ComponentStatus::MajorOutage | ComponentStatus::PartialOutage => Impact::Major,
        ComponentStatus::DegradedPerformance => Impact::Minor,
        ComponentStatus::UnderMaintenance => Impact::Maintenance,
        _ => Impact::None,
    };
    (impact, super::unique_ids(named().map(|c| c.id.as_str())))
}

fn maintenance(report: &Resource) -> Option<Maintenance> {
    let attrs = attributes(report);
    let in_progress =
        super::status_word(attrs.aggregate_state.as_deref()) == ComponentStatus::UnderMaintenance;
    Some(Maintenance {
        id: text(report.id.as_ref())?,
        title: attrs.title.clone().unwrap_or_default(),
        status: if in_progress {
            MaintenanceStatus::InProgress
        } else {
            MaintenanceStatus::Scheduled
        },
        scheduled_for: parse_opt_unbounded(attrs.starts_at.as_deref()),
        scheduled_until: parse_opt_unbounded(attrs.ends_at.as_deref()),
        url: None,
        component_ids: affected(attrs.affected_resources.as_deref(), &Names::new())
            .into_iter()
            .map(|c| c.id)
            .collect(),
    })
}

/// A string, or a number written out.
fn text(value: Option<&Value>) -> Option<String> {
    match value? {
        Value::String(s) => non_empty(Some(s)).map(str::to_string),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A number, or a string holding one.
fn number(value: Option<&Value>) -> Option<i64> {
    match value? {
        Value::Number(n) => n.as_i64(),
        Value::String(s) => s.trim().parse().ok(),
        _ => None,
    }
}
