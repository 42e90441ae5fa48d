//! Generic RSS 2.0 / Atom status-feed parser: Statuspage and Instatus `history.atom`,
//! incident.io `feed.atom`/`feed.rss`, AWS and Azure RSS, and any other feed, each entry read
//! into an incident (or a maintenance) with a timeline.
//!
//! Decisions worth knowing:
//! - XML is read by `feed-rs` (on `quick-xml`), which neither fetches nor expands external
//!   entities and ignores DTDs: only the five predefined entities and numeric references are
//!   resolved, an undeclared `&name;` stays as text, so entity bombs and XXE cannot inflate or
//!   leak anything.
//! - An entry's id is its `<id>`/`<guid>`, else its link, else its title; entries with none, or
//!   with no time at all (neither their own nor the feed's), are skipped.
//! - The layouts in [`layouts`] are tried in order: dated update paragraphs (Statuspage,
//!   Instatus), incident.io's "Status: X" block, AWS titles, IBM Cloud's labelled lines
//!   ([`ibm`]: its announcements and releases are skipped), a status word stated anywhere
//!   else ([`status_word`]: after a `Status:` label, or in the title), then plain text.
//! - Status words: "Update" (and a missing word) keeps the previous status, `investigating` at
//!   first; other words go through [`IncidentStatus::parse`]. The incident's status is its newest
//!   update's.
//! - An entry is a maintenance when Instatus' header says `Type: Maintenance`, else when it
//!   carries a notice's markers ([`maintenance`]: "Initial Notification: … Maintenance",
//!   "Postponed: …", a `Type:` label, a category), else when its id is `…:Maintenance/…`, else
//!   when an update uses a maintenance word (Scheduled, In progress, Verifying, Completed). Its
//!   window is the one its text states ([`planned_window`]), else it starts at `<published>`
//!   (Instatus puts the planned start there) and ends at its first completing update.
//! - Update ids are `<entry id>/<RFC 3339 time>`, with `#002`, `#003`… for repeats of the same
//!   time (zero-padded so the id tie-break of [`timeline::sort_oldest_first`] keeps page order).
//! - Components are only those named with a status by open incident.io entries (newest wins);
//!   other feeds do not give component statuses.
//! - Bodies keep their markup (sanitising is the UI's job); HTML entities are decoded.

pub mod html;
mod ibm;
pub mod intake;
mod layouts;
mod maintenance;
mod planned_window;
mod status_word;
mod written_time;

use crate::error::SourceError;
use crate::model::{
    sorted_snapshot, Component, Incident, IncidentUpdate, Maintenance, PageInfo, Snapshot,
};
use crate::sources::budget;
use crate::status::{Impact, IncidentStatus, MaintenanceStatus};
use crate::timeline;
use chrono::{DateTime, Utc};
use feed_rs::model::{Entry, Feed, Link};
use layouts::{Content, RawUpdate};
use std::collections::{HashMap, HashSet};

/// Parses an RSS 2.0, RSS 1.0/0.9x, Atom (or JSON Feed) document into incidents (newest first)
/// and maintenances.
pub fn parse_feed(body: &[u8]) -> Result<Snapshot, SourceError> {
    let trimmed = body.trim_ascii_start();
    if trimmed.is_empty() {
        return Err(SourceError::Empty);
    }
    let body = intake::checked(body)?;
    let body: &[u8] = &body;
    let parser = feed_rs::parser::Builder::new()
        // No invented ids (feed-rs would fall back to random UUIDs): ids are chosen below.
        .id_generator(|_, _, _| String::new())
        .build();
    let feed = parser.parse(body).map_err(|err| {
        let head: String =
            String::from_utf8_lossy(&trimmed[..trimmed.len().min(64)]).to_ascii_lowercase();
        if head.starts_with("<!doctype html") || head.starts_with("<html") {
            SourceError::Html
        } else {
            SourceError::Feed {
                detail: err.to_string(),
            }
        }
    })?;
    let feed_time = feed.updated.or(feed.published);
    let mut incidents = Vec::new();
    let mut maintenances = Vec::new();
    let mut components = FeedComponents::default();
    budget::over("entries", feed.entries.len(), budget::MAX_INCIDENTS)?;
    for entry in &feed.entries {
        match read_entry(entry, feed_time)? {
            Some(Record::Incident(incident, statuses)) => {
                if !incident.status.is_resolved() {
                    components.add(statuses);
                }
                incidents.push(incident);
            }
            Some(Record::Maintenance(maintenance)) => maintenances.push(maintenance),
            None => {}
        }
    }
    Ok(sorted_snapshot(
        page_info(&feed),
        components.into_sorted(),
        incidents,
        maintenances,
    ))
}

/// The components open entries name with a status (newest entry first wins), by id.
#[derive(Default)]
struct FeedComponents {
    list: Vec<Component>,
    named: HashSet<String>,
}

impl FeedComponents {
    fn add(&mut self, statuses: Vec<crate::model::UpdateComponent>) {
        for named in statuses {
            if self.named.insert(named.id.clone()) {
                self.list.push(Component {
                    id: named.id,
                    name: named.name,
                    group: None,
                    status: named.status,
                    position: (0, 0),
                });
            }
        }
    }

    /// By name, each positioned in that order.
    fn into_sorted(mut self) -> Vec<Component> {
        self.list.sort_by(|a, b| a.name.cmp(&b.name));
        for (index, component) in self.list.iter_mut().enumerate() {
            component.position = (i64::try_from(index).unwrap_or(i64::MAX), 0);
        }
        self.list
    }
}

/// An entry read as an incident (with the component statuses its newest update gives) or a
/// maintenance.
enum Record {
    Incident(Incident, Vec<crate::model::UpdateComponent>),
    Maintenance(Maintenance),
}

fn non_empty(text: &str) -> Option<&str> {
    Some(text.trim()).filter(|t| !t.is_empty())
}

/// The `alternate` link (or the first one not marked `self`).
fn main_link(links: &[Link]) -> Option<String> {
    links
        .iter()
        .find(|l| l.rel.as_deref() == Some("alternate"))
        .or_else(|| links.iter().find(|l| l.rel.as_deref() != Some("self")))
        .and_then(|l| non_empty(&l.href))
        .map(str::to_string)
}

fn page_info(feed: &Feed) -> PageInfo {
    PageInfo {
        id: None,
        name: feed
            .title
            .as_ref()
            .map(|t| html::plain(&t.content))
            .filter(|t| !t.is_empty()),
        url: main_link(&feed.links),
    }
}

/// The entry as a record; `None` without an id or a time; `Err` when what would be copied into
/// each of its updates (its id, their status words) is over the parse budget.
fn read_entry(
    entry: &Entry,
    feed_time: Option<DateTime<Utc>>,
) -> Result<Option<Record>, SourceError> {
    let title = entry
        .title
        .as_ref()
        .map(|t| html::decode_entities(t.content.trim()))
        .unwrap_or_default();
    let url = main_link(&entry.links);
    let Some(id) = non_empty(&entry.id)
        .map(str::to_string)
        .or_else(|| url.clone())
        .or_else(|| non_empty(&title).map(str::to_string))
    else {
        return Ok(None);
    };
    budget::label(&id, "bytes in one entry id")?;
    let published = entry.published;
    // The latest time the entry carries dates year-less stamps (an update cannot be later).
    let reference = [published, entry.updated].into_iter().flatten().max();
    let Some(at) = entry.updated.or(published).or(feed_time) else {
        return Ok(None);
    };
    let body = entry
        .content
        .as_ref()
        .and_then(|c| c.body.as_deref())
        .or_else(|| entry.summary.as_ref().map(|s| s.content.as_str()))
        .unwrap_or_default();
    let Some(content) = read_content(entry, &id, &title, body, reference.unwrap_or(at), at) else {
        return Ok(None);
    };
    budget::over(
        "updates in one entry",
        content.updates.len(),
        budget::MAX_UPDATES_PER_INCIDENT,
    )?;
    for update in &content.updates {
        budget::label(&update.word, "bytes in one status word")?;
    }
    let title = content
        .title
        .clone()
        .or_else(|| non_empty(&title).map(str::to_string))
        .unwrap_or_else(|| id.clone());
    if is_maintenance(&id, &content) {
        return Ok(Some(Record::Maintenance(maintenance(
            id, title, url, published, content,
        ))));
    }
    Ok(Some(incident(
        id,
        title,
        url,
        published.unwrap_or(at),
        content,
    )))
}

/// What the entry's content says, read by the first layout that knows it (see the module
/// notes), a maintenance notice's markers applied; `None` for product news (IBM's announcements
/// and releases), which is not status.
fn read_content(
    entry: &Entry,
    id: &str,
    title: &str,
    body: &str,
    reference: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Option<Content> {
    let content = match layouts::stamped(body, reference)
        .or_else(|| layouts::incident_io(body, at))
        .or_else(|| layouts::aws(title, body, at))
        .map(Some)
        .or_else(|| ibm::ibm_cloud(title, body, at))
    {
        Some(Some(content)) => content,
        Some(None) => return None,
        None => status_word::labelled_entry(title, body, at)
            .unwrap_or_else(|| layouts::plain_entry(title, body, at)),
    };
    let categories: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
    let notice = maintenance::Notice {
        id,
        title,
        body,
        categories: &categories,
        reference,
    };
    Some(maintenance::apply(&notice, content))
}

fn is_maintenance_word(word: &str) -> bool {
    matches!(
        word.trim().to_ascii_lowercase().as_str(),
        "scheduled" | "in progress" | "verifying" | "completed"
    )
}

fn is_maintenance(id: &str, content: &Content) -> bool {
    content.maintenance.unwrap_or_else(|| {
        id.contains(":Maintenance/") || content.updates.iter().any(|u| is_maintenance_word(&u.word))
    })
}

/// Update ids and statuses, oldest first: "Update" (or no word) keeps the previous status.
fn updates(id: &str, raw: Vec<RawUpdate>) -> Vec<IncidentUpdate> {
    let mut out: Vec<IncidentUpdate> = Vec::with_capacity(raw.len());
    let mut status = IncidentStatus::Investigating;
    let mut seen: HashMap<String, usize> = HashMap::new();
    for update in raw {
        let word = update.word.trim();
        if !word.is_empty() && !word.eq_ignore_ascii_case("update") {
            status = IncidentStatus::parse(word);
        }
        let base = format!("{id}/{}", update.at.to_rfc3339());
        let repeats = seen.entry(base.clone()).or_insert(0_usize);
        *repeats += 1;
        out.push(IncidentUpdate {
            id: if *repeats == 1 {
                base
            } else {
                format!("{base}#{repeats:03}")
            },
            status: status.clone(),
            body: update.body,
            at: update.at,
            components: update.components,
        });
    }
    timeline::sort_oldest_first(&mut out);
    out
}

fn incident(
    id: String,
    title: String,
    url: Option<String>,
    published: DateTime<Utc>,
    content: Content,
) -> Record {
    let updates = updates(&id, content.updates);
    let status = updates
        .last()
        .map_or(IncidentStatus::Investigating, |u| u.status.clone());
    let started_at = timeline::started_at(&updates, &[Some(published), content.starts], published);
    let resolved_at = timeline::resolved_at(&status, &updates, None);
    let statuses = updates
        .last()
        .map(|u| u.components.clone())
        .unwrap_or_default();
    Record::Incident(
        Incident {
            id,
            title,
            impact: content.impact.unwrap_or(Impact::None),
            status,
            started_at,
            resolved_at,
            url,
            updates,
            component_ids: content.affected,
        },
        statuses,
    )
}

fn maintenance(
    id: String,
    title: String,
    url: Option<String>,
    published: Option<DateTime<Utc>>,
    content: Content,
) -> Maintenance {
    let word_status = |word: &str| match word.trim().to_ascii_lowercase().as_str() {
        "identified" | "investigating" | "scheduled" => MaintenanceStatus::Scheduled,
        "resolved" => MaintenanceStatus::Completed,
        lower => match MaintenanceStatus::parse(&lower.replace(' ', "_")) {
            MaintenanceStatus::Other(_) => MaintenanceStatus::parse(word),
            known => known,
        },
    };
    let status = content.stage.clone().unwrap_or_else(|| {
        content
            .updates
            .iter()
            .rev()
            .map(|u| u.word.trim())
            .find(|w| !w.is_empty() && !w.eq_ignore_ascii_case("update"))
            .map_or(MaintenanceStatus::Scheduled, word_status)
    });
    let ended = content
        .updates
        .iter()
        .find(|u| word_status(&u.word) == MaintenanceStatus::Completed)
        .map(|u| u.at);
    Maintenance {
        id,
        title,
        // A postponed notice with no new window has no planned start.
        scheduled_for: if content.undated {
            None
        } else {
            content
                .starts
                .or(published)
                .or_else(|| content.updates.first().map(|u| u.at))
        },
        scheduled_until: content.ends.or(if status == MaintenanceStatus::Completed {
            ended
        } else {
            None
        }),
        status,
        url,
        component_ids: content.affected,
    }
}
