//! The main part of the status page `GET /`: every watched provider, the worst status first,
//! each with its 90-day bar, its open incidents and their latest update, and its components;
//! then the maintenance under way and to come. Made from what the engine answers the API.

use super::page_html::{self as html, bars, status, text, time, vendor_href};
use chrono::{DateTime, Utc};
use lookout_api::ProviderDetail;
use lookout_core::{ComponentStatus, ProviderId};
use lookout_engine::operations::feeds::CalendarEntry;
use lookout_engine::operations::history::UptimeReport;
use lookout_engine::operations::incidents::StoredIncident;
use std::fmt::Write;

/// What the page shows, as the engine gave it.
pub struct Overview {
    /// Every provider with its components (the API's `/api/v1/providers/{id}`).
    pub providers: Vec<ProviderDetail>,
    /// The incidents not yet resolved, newest first.
    pub open: Vec<StoredIncident>,
    /// The maintenance under way or to come, soonest first.
    pub maintenance: Vec<CalendarEntry>,
    /// The last 90 days of every provider's components.
    pub history: UptimeReport,
    /// When it was read.
    pub now: DateTime<Utc>,
}

/// The path of an incident's page: `/incidents/{provider id}/{the vendor's id, encoded}`.
pub fn incident_path(provider: ProviderId, incident: &str) -> String {
    format!(
        "/incidents/{provider}/{}",
        super::feed::percent_encoded(incident)
    )
}

/// The providers, worst first (then by name), as the window orders them.
pub fn worst_first(providers: &mut [ProviderDetail]) {
    providers.sort_by(|a, b| {
        let (a, b) = (&a.provider, &b.provider);
        b.status
            .rank()
            .cmp(&a.status.rank())
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
}

/// The main part of `/`.
pub fn main(overview: &mut Overview) -> String {
    worst_first(&mut overview.providers);
    let mut out = summary(&overview.providers);
    out.push_str("<section aria-labelledby=\"services\">\n<h2 id=\"services\">Services</h2>\n");
    if overview.providers.is_empty() {
        out.push_str(
            "<p>No service is watched yet: add one with <code>lookout add URL</code>.</p>\n",
        );
    }
    out.push_str("<ul class=\"providers\">\n");
    for detail in &overview.providers {
        let id = detail.provider.id;
        let open: Vec<&StoredIncident> = overview
            .open
            .iter()
            .filter(|i| i.provider_id == id)
            .collect();
        let days = html::provider_days(&overview.history, id);
        out.push_str(&provider_card(detail, &open, &days));
    }
    out.push_str("</ul>\n</section>\n");
    out.push_str(&maintenance_section(&overview.maintenance, overview.now));
    out
}

/// One sentence on the whole: all well, or how many services have trouble.
fn summary(providers: &[ProviderDetail]) -> String {
    let worst = ComponentStatus::worst(providers.iter().map(|p| &p.provider.status));
    let troubled = providers
        .iter()
        .filter(|p| p.provider.status.rank() > 2)
        .count();
    let said = match troubled {
        0 if worst.is_operational() => "Every service is operational.".to_string(),
        0 => "No service reports an outage.".to_string(),
        1 => "1 service has trouble.".to_string(),
        n => format!("{n} services have trouble."),
    };
    format!(
        "<p class=\"summary b-{}\">{said}</p>\n",
        html::status_class(&worst)
    )
}

/// One provider's card: its name, status, bar, open incidents and components.
fn provider_card(
    detail: &ProviderDetail,
    open: &[&StoredIncident],
    days: &[(String, ComponentStatus)],
) -> String {
    let p = &detail.provider;
    let mut out = format!(
        "<li class=\"provider\" id=\"provider-{id}\">\n<h3><a href=\"/providers/{id}\">{name}</a> {status}</h3>\n",
        id = p.id,
        name = text(&p.name),
        status = status(&p.status)
    );
    if let Some(why) = &p.unknown_reason {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", text(why));
    }
    out.push_str(&bars(days));
    if !open.is_empty() {
        out.push_str("<ul class=\"incidents\">\n");
        for incident in open {
            out.push_str(&open_incident(incident));
        }
        out.push_str("</ul>\n");
    }
    out.push_str(&components(detail));
    out.push_str("</li>\n");
    out
}

/// An open incident: its title (to its page), impact and status, and its latest update.
fn open_incident(stored: &StoredIncident) -> String {
    let incident = &stored.incident;
    let mut out = format!(
        "<li class=\"incident\"><a class=\"incident-title\" href=\"{path}\">{title}</a> \
         <span class=\"impact\">{impact} impact, {state}</span>",
        path = incident_path(stored.provider_id, &incident.id),
        title = text(&incident.title),
        impact = text(incident.impact.as_str()),
        state = text(&incident.status.as_str().replace('_', " ")),
    );
    if let Some(update) = incident.latest_update() {
        let _ = write!(
            out,
            "<div class=\"latest\"><p class=\"when\">Latest update, {}, {}:</p>\
             <div class=\"body\">{}</div></div>",
            text(&update.status.as_str().replace('_', " ")),
            time(update.at),
            html::body(&update.body)
        );
    }
    out.push_str("</li>\n");
    out
}

/// A provider's components, folded away while all of them are operational.
fn components(detail: &ProviderDetail) -> String {
    if detail.components.is_empty() {
        return String::new();
    }
    let calm = detail.components.iter().all(|c| c.status.is_operational());
    let mut out = format!(
        "<details class=\"components\"{}><summary>{} component{}</summary><ul>\n",
        if calm { "" } else { " open" },
        detail.components.len(),
        if detail.components.len() == 1 {
            ""
        } else {
            "s"
        }
    );
    for c in &detail.components {
        let name = match &c.group {
            Some(group) => format!("{} / {}", text(group), text(&c.name)),
            None => text(&c.name),
        };
        let _ = writeln!(
            out,
            "<li><span class=\"name\">{name}</span> {}</li>",
            status(&c.status)
        );
    }
    out.push_str("</ul></details>\n");
    out
}

/// The maintenance under way, then the one to come.
pub fn maintenance_section(entries: &[CalendarEntry], now: DateTime<Utc>) -> String {
    let (under_way, to_come): (Vec<&CalendarEntry>, Vec<&CalendarEntry>) = entries
        .iter()
        .partition(|e| e.stored.maintenance.status.is_active() || e.starts <= now);
    let mut out = String::from(
        "<section aria-labelledby=\"maintenance\">\n<h2 id=\"maintenance\">Maintenance</h2>\n",
    );
    for (heading, list) in [("In progress", under_way), ("Upcoming", to_come)] {
        let _ = writeln!(out, "<h3>{heading}</h3>");
        if list.is_empty() {
            out.push_str("<p class=\"note\">None.</p>\n");
            continue;
        }
        out.push_str("<ul class=\"maintenance\">\n");
        for entry in list {
            out.push_str(&maintenance_item(entry));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("</section>\n");
    out
}

fn maintenance_item(entry: &CalendarEntry) -> String {
    let m = &entry.stored.maintenance;
    let title = match vendor_href(m.url.as_deref()) {
        Some(href) => format!(
            "<a href=\"{href}\" rel=\"noopener noreferrer\">{}</a>",
            text(&m.title)
        ),
        None => text(&m.title),
    };
    let until = m
        .scheduled_until
        .map_or_else(String::new, |end| format!(" to {}", time(end)));
    format!(
        "<li><a href=\"/providers/{id}\">{provider}</a>: {title} \
         <span class=\"window\">({status}, {start}{until})</span></li>\n",
        id = entry.stored.provider_id,
        provider = text(&entry.stored.provider),
        status = text(&m.status.as_str().replace('_', " ")),
        start = time(entry.starts),
    )
}
