//! The content layouts status pages put inside feed entries (Statuspage and Instatus
//! `history.atom` update paragraphs, incident.io's "Status: X" block, AWS's "state: [RESOLVED]"
//! titles, and plain text), each read into vendor words, bodies and times.

use super::html::{between, decode_entities, parse_stamp, plain};
use crate::model::UpdateComponent;
use crate::status::{ComponentStatus, Impact, MaintenanceStatus};
use chrono::{DateTime, Utc};

/// One update as the content gives it; the status word is interpreted by the caller.
#[derive(Debug)]
pub(super) struct RawUpdate {
    /// The vendor's status word ("Resolved", "Update", "In progress"…), as written.
    pub word: String,
    /// The update's text, entities decoded, markup kept.
    pub body: String,
    pub at: DateTime<Utc>,
    pub components: Vec<UpdateComponent>,
}

/// What one entry's content says.
#[derive(Debug, Default)]
pub(super) struct Content {
    /// Updates, oldest first.
    pub updates: Vec<RawUpdate>,
    /// Names of affected components.
    pub affected: Vec<String>,
    /// `Some(true)` when the content declares a maintenance, `Some(false)` an incident.
    pub maintenance: Option<bool>,
    /// A cleaner title than the entry's (AWS headline), if any.
    pub title: Option<String>,
    /// The impact the content implies, if any.
    pub impact: Option<Impact>,
    /// When the content says the outage or window started, if it does.
    pub starts: Option<DateTime<Utc>>,
    /// When the content says it ended (or, for a maintenance, ends), if it does.
    pub ends: Option<DateTime<Utc>>,
    /// A maintenance's stage as its notice states it, over its updates' words.
    pub stage: Option<MaintenanceStatus>,
    /// A postponed maintenance with no new window: it has no planned start.
    pub undated: bool,
    /// The update's word was guessed from the text (the item states no status of its own).
    pub guessed: bool,
}

/// Statuspage / Instatus `history.atom`: an optional header of `<strong>Type:</strong>`,
/// `Duration` and `Affected Components` paragraphs, then one paragraph per update:
/// `<small>Mon <var>D</var>, <var>HH:MM[:SS]</var> ZONE</small><br><strong>Word</strong> - text`.
/// `None` unless at least one stamp is readable. `reference` dates the year-less stamps.
pub(super) fn stamped(html: &str, reference: DateTime<Utc>) -> Option<Content> {
    let mut pieces = html.split("<small>");
    let header = pieces.next().unwrap_or_default();
    let mut updates: Vec<RawUpdate> = pieces
        .filter_map(|piece| stamped_update(piece, reference))
        .collect();
    if updates.is_empty() {
        return None;
    }
    // Pages list updates newest first (Statuspage) or either way (Instatus): normalise.
    if updates.first().map(|u| u.at) > updates.last().map(|u| u.at) {
        updates.reverse();
    }
    updates.sort_by_key(|u| u.at);
    let maintenance =
        header_field(header, "Type:").and_then(|kind| match kind.to_ascii_lowercase().as_str() {
            "maintenance" => Some(true),
            "incident" => Some(false),
            _ => None,
        });
    let affected = header_field(header, "Affected Components:")
        .map(|names| {
            names
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Some(Content {
        updates,
        affected,
        maintenance,
        ..Content::default()
    })
}

/// The plain text after `<strong>{label}</strong>` up to the end of its paragraph.
fn header_field(header: &str, label: &str) -> Option<String> {
    let value = between(header, &format!("<strong>{label}</strong>"), "</p>")?;
    Some(plain(value)).filter(|v| !v.is_empty())
}

fn stamped_update(piece: &str, reference: DateTime<Utc>) -> Option<RawUpdate> {
    let (stamp, rest) = piece.split_once("</small>")?;
    let at = parse_stamp(&plain(stamp), reference)?;
    let (word, text) = match rest.split_once("<strong>") {
        Some((_, after)) => match after.split_once("</strong>") {
            Some((word, text)) => (plain(word), text),
            None => (String::new(), after),
        },
        None => (String::new(), rest),
    };
    let text = text.rfind("</p>").map_or(text, |end| &text[..end]);
    let text = text.trim_start();
    let text = text.strip_prefix("<br>").unwrap_or(text);
    let text = text.trim_start().strip_prefix('-').unwrap_or(text);
    Some(RawUpdate {
        word,
        body: decode_entities(text.trim()),
        at,
        components: Vec::new(),
    })
}

/// incident.io `feed.atom` / `feed.rss`: `<b>Status: X</b><br/><br/>message<br/><br/>
/// <b>Affected components</b><ul><li>Name (Status)</li>…</ul>`, the entry's current state as one
/// update at `at`. `None` without the "Status:" marker.
pub(super) fn incident_io(html: &str, at: DateTime<Utc>) -> Option<Content> {
    let (open, close) = ["<b>", "<strong>"]
        .into_iter()
        .zip(["</b>", "</strong>"])
        .find(|(open, _)| html.contains(&format!("{open}Status:")))?;
    let marker = format!("{open}Status:");
    let start = html.find(&marker)? + marker.len();
    let (word, rest) = html[start..].split_once(close)?;
    let mut word = plain(word);
    let mut rest = rest;
    // `<strong>Status:</strong> resolved`: the word follows the label's tag.
    if word.is_empty() {
        if let Some((after, tail)) = super::status_word::word_after_tag(rest) {
            word = after.to_string();
            rest = tail;
        }
    }
    let (message, components) = match rest.find("Affected components") {
        Some(split) => {
            let message = &rest[..split];
            let message = message.rfind(open).map_or(message, |tag| &message[..tag]);
            (message, affected_components(&rest[split..]))
        }
        None => (rest, Vec::new()),
    };
    let worst = ComponentStatus::worst(components.iter().map(|c| &c.status));
    Some(Content {
        affected: components.iter().map(|c| c.name.clone()).collect(),
        impact: (!components.is_empty()).then(|| Impact::from_worst_component(&worst)),
        updates: vec![RawUpdate {
            word,
            body: decode_entities(trim_breaks(message)),
            at,
            components,
        }],
        ..Content::default()
    })
}

/// Trims white space and `<br>` tags from both ends, and the end tags and paragraph starts left
/// over where the status paragraph and the components' were cut off (`</span></p>…<p>`).
fn trim_breaks(mut text: &str) -> &str {
    loop {
        let before = text.len();
        text = text.trim();
        for tag in ["<br/>", "<br />", "<br>"] {
            text = text.strip_prefix(tag).unwrap_or(text);
            text = text.strip_suffix(tag).unwrap_or(text);
        }
        if let Some(tag) = text.strip_prefix("</") {
            text = tag.split_once('>').map_or(text, |(_, after)| after);
        }
        for start in ["<p>", "<h3>", "<div>"] {
            text = text.strip_suffix(start).unwrap_or(text);
        }
        if text.len() == before {
            return text;
        }
    }
}

/// `<li>Name (Status)</li>` items; a name without a readable status is `unknown`.
fn affected_components(list: &str) -> Vec<UpdateComponent> {
    let mut out: Vec<UpdateComponent> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    for item in list.split("<li>").skip(1) {
        let item = plain(item.split("</li>").next().unwrap_or_default());
        let (name, status) = match item.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
            Some((name, status)) => (
                name.trim(),
                ComponentStatus::parse(&status.trim().to_ascii_lowercase().replace(' ', "_")),
            ),
            None => (item.trim(), ComponentStatus::Unknown),
        };
        if name.is_empty() || !seen.insert(name.to_string()) {
            continue;
        }
        out.push(UpdateComponent {
            id: name.to_string(),
            name: name.to_string(),
            status,
        });
    }
    out
}

/// AWS Service Health Dashboard items: title "<state>: [RESOLVED] <headline>". Resolved when
/// the title says `[RESOLVED]` or the state is "Service is operating normally". `None` unless
/// the title carries `[RESOLVED]` or one of AWS's state phrases.
pub(super) fn aws(title: &str, body: &str, at: DateTime<Utc>) -> Option<Content> {
    const STATES: [(&str, Impact); 4] = [
        ("service is operating normally", Impact::None),
        ("informational message", Impact::Minor),
        ("performance issues", Impact::Minor),
        ("service disruption", Impact::Major),
    ];
    let (state, headline) = title.split_once(": ").unwrap_or(("", title));
    let known = STATES
        .iter()
        .find(|(phrase, _)| state.trim().eq_ignore_ascii_case(phrase));
    let flagged = title.to_ascii_uppercase().contains("[RESOLVED]");
    if known.is_none() && !flagged {
        return None;
    }
    let normal = known.is_some_and(|(phrase, _)| phrase.starts_with("service is operating"));
    let headline = crate::sources::aws_health::headline(headline);
    Some(Content {
        updates: vec![single_update(flagged || normal, body, at)],
        title: Some(headline.to_string()).filter(|h| !h.is_empty()),
        impact: known.map(|(_, impact)| impact.clone()),
        ..Content::default()
    })
}

/// Anything else: one update with the entry's text, `resolved` when the title or text says
/// "resolved" (and not "unresolved"), else `investigating`.
pub(super) fn plain_entry(title: &str, body: &str, at: DateTime<Utc>) -> Content {
    let lower = format!("{title} {body}").to_lowercase();
    let resolved = lower.contains("resolved") && !lower.contains("unresolved");
    Content {
        updates: vec![single_update(resolved, body, at)],
        guessed: true,
        ..Content::default()
    }
}

/// The one update of an entry that has no timeline of its own.
fn single_update(resolved: bool, body: &str, at: DateTime<Utc>) -> RawUpdate {
    RawUpdate {
        word: if resolved {
            "resolved"
        } else {
            "investigating"
        }
        .to_string(),
        body: decode_entities(body.trim()),
        at,
        components: Vec::new(),
    }
}
