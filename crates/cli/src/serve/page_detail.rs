//! The main parts of a provider's page (`GET /providers/{id}`: its components with their 90-day
//! bars, its open incidents with their whole timeline, its recent incidents and maintenance)
//! and of an incident's page (`GET /incidents/{provider id}/{incident id}`: the whole timeline).

use super::page_html::{self as html, bars, duration, status, text, time, vendor_href};
use super::page_overview::{incident_path, maintenance_section};
use chrono::{DateTime, Utc};
use lookout_api::ProviderDetail;
use lookout_engine::operations::feeds::CalendarEntry;
use lookout_engine::operations::history::UptimeReport;
use lookout_engine::operations::incidents::StoredIncident;
use std::fmt::Write;

/// What a provider's page shows, as the engine gave it.
pub struct ProviderPage {
    /// The provider and its components.
    pub detail: ProviderDetail,
    /// Its newest incidents, open or not, newest first.
    pub incidents: Vec<StoredIncident>,
    /// Its maintenance under way or to come.
    pub maintenance: Vec<CalendarEntry>,
    /// Its last 90 days.
    pub history: UptimeReport,
    /// When it was read.
    pub now: DateTime<Utc>,
}

/// The main part of a provider's page.
pub fn provider_main(page: &ProviderPage) -> String {
    let p = &page.detail.provider;
    let mut out = format!("<p class=\"lead\">{}", status(&p.status));
    if let Some(href) = vendor_href(Some(&p.url)) {
        let _ = write!(
            out,
            " · <a href=\"{href}\" rel=\"noopener noreferrer\">the vendor's status page</a>"
        );
    }
    if let Some(at) = p.last_success_at {
        let _ = write!(out, " · last read {}", time(at));
    }
    out.push_str("</p>\n");
    if let Some(why) = &p.unknown_reason {
        let _ = writeln!(out, "<p class=\"note\">{}</p>", text(why));
    }
    out.push_str(&component_history(page));
    let (open, past): (Vec<&StoredIncident>, Vec<&StoredIncident>) = page
        .incidents
        .iter()
        .partition(|i| i.incident.resolved_at.is_none());
    out.push_str("<section aria-labelledby=\"open\">\n<h2 id=\"open\">Open incidents</h2>\n");
    if open.is_empty() {
        out.push_str("<p class=\"note\">None.</p>\n");
    }
    for stored in open {
        let _ = writeln!(
            out,
            "<article class=\"incident\"><h3><a href=\"{}\">{}</a></h3>\n{}{}</article>",
            incident_path(stored.provider_id, &stored.incident.id),
            text(&stored.incident.title),
            facts(stored, page.now),
            timeline(stored)
        );
    }
    out.push_str("</section>\n");
    out.push_str(&past_incidents(&past));
    out.push_str(&maintenance_section(&page.maintenance, page.now));
    out
}

/// Each component's status and 90-day bar.
fn component_history(page: &ProviderPage) -> String {
    let days = html::component_days(&page.history, page.detail.provider.id);
    let mut out = String::from(
        "<section aria-labelledby=\"components\">\n<h2 id=\"components\">Components, last 90 days</h2>\n",
    );
    if page.detail.components.is_empty() {
        out.push_str("<p class=\"note\">This page lists no components.</p>\n");
    }
    out.push_str("<ul class=\"component-history\">\n");
    for c in &page.detail.components {
        let name = match &c.group {
            Some(group) => format!("{} / {}", text(group), text(&c.name)),
            None => text(&c.name),
        };
        let line = days.iter().find(|(id, _)| *id == c.id);
        let _ = writeln!(
            out,
            "<li><p><span class=\"name\">{name}</span> {}</p>{}</li>",
            status(&c.status),
            line.map_or_else(String::new, |(_, days)| bars(days))
        );
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// The resolved incidents, each a link to its page.
fn past_incidents(past: &[&StoredIncident]) -> String {
    let mut out =
        String::from("<section aria-labelledby=\"past\">\n<h2 id=\"past\">Recent incidents</h2>\n");
    if past.is_empty() {
        out.push_str("<p class=\"note\">None stored.</p>\n");
        return out + "</section>\n";
    }
    out.push_str("<ul class=\"past\">\n");
    for stored in past {
        let i = &stored.incident;
        let lasted = i
            .duration()
            .map_or_else(String::new, |d| format!(", {}", duration(d.num_seconds())));
        let _ = writeln!(
            out,
            "<li><a href=\"{}\">{}</a> <span class=\"window\">({}{lasted})</span></li>",
            incident_path(stored.provider_id, &i.id),
            text(&i.title),
            time(i.started_at),
        );
    }
    out.push_str("</ul>\n</section>\n");
    out
}

/// The main part of an incident's page.
pub fn incident_main(stored: &StoredIncident, now: DateTime<Utc>) -> String {
    let mut out = facts(stored, now);
    out.push_str("<section aria-labelledby=\"timeline\">\n<h2 id=\"timeline\">Timeline</h2>\n");
    out.push_str(&timeline(stored));
    out.push_str("</section>\n");
    out
}

/// Who, how bad, since when and for how long, and the vendor's page.
fn facts(stored: &StoredIncident, now: DateTime<Utc>) -> String {
    let i = &stored.incident;
    let end = match i.resolved_at {
        Some(at) => format!(
            "resolved {} after {}",
            time(at),
            duration((at - i.started_at).num_seconds())
        ),
        None => format!(
            "ongoing for {}",
            duration((now - i.started_at).num_seconds())
        ),
    };
    let mut out = format!(
        "<p class=\"facts\"><a href=\"/providers/{}\">{}</a> · {} impact · {} · started {} · {end}",
        stored.provider_id,
        text(&stored.provider),
        text(i.impact.as_str()),
        text(&i.status.as_str().replace('_', " ")),
        time(i.started_at),
    );
    if let Some(href) = vendor_href(i.url.as_deref()) {
        let _ = write!(
            out,
            " · <a href=\"{href}\" rel=\"noopener noreferrer\">the vendor's page</a>"
        );
    }
    out.push_str("</p>\n");
    out
}

/// Every update, newest first: its status, time, body (sanitised) and the components it named.
fn timeline(stored: &StoredIncident) -> String {
    let mut out = String::from("<ol class=\"timeline\" reversed>\n");
    for update in stored.incident.updates.iter().rev() {
        let _ = write!(
            out,
            "<li><p class=\"when\"><strong>{}</strong> {}</p><div class=\"body\">{}</div>",
            text(&update.status.as_str().replace('_', " ")),
            time(update.at),
            html::body(&update.body)
        );
        if !update.components.is_empty() {
            let named: Vec<String> = update
                .components
                .iter()
                .map(|c| format!("{} {}", text(&c.name), status(&c.status)))
                .collect();
            let _ = write!(out, "<p class=\"touched\">{}</p>", named.join(", "));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ol>\n");
    out
}
