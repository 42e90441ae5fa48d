//! Stripe status parser: `status.stripe.com/current`, Stripe's own status document (a rollup
//! status and one status per part of Stripe), not served by any common platform.
//!
//! What the document holds, as independent readers of it describe it (no description by Stripe
//! was found): an object with `largestatus`, the rollup shown as the page's banner, and
//! `statuses`, a map from a part of Stripe (`api`, `webhooks`, `dashboard`, `checkout`) to that
//! part's status; beside them a `message` (the banner's text) and a `time`.
//!
//! Decisions worth knowing:
//! - Each entry of `statuses` is one component, its key the id; the four documented parts get
//!   their display names (`api` → "API"…) and come first, in that order, any other part after
//!   them by key, named by its key. A blank key is skipped.
//! - `largestatus` is one more component, "Overall" (id `largestatus`), listed first: it can
//!   disagree with the parts (a part down while the rollup is up, or the reverse), and the
//!   provider's status is the worst of both, so neither hides a problem. Its presence does not
//!   depend on what it says, so the component list is the same from poll to poll.
//! - Status words: `up` operational, `degraded` degraded performance, `down` major outage (the
//!   words every reader of the document handles). Any other word (one reader lists `pending` and
//!   `paused` beside them, their meaning unstated) is kept as it came and ranks as unknown; a
//!   value that is not a word is unknown. None is ever taken for operational.
//! - The document has no incidents, maintenances or dated events: `message` is a banner with no
//!   id, start or state, and `time`'s format is not described, so neither is read — no incident
//!   is made up from them.
//! - A body that is not an object, has neither `largestatus` nor `statuses`, whose `statuses`
//!   is not a map, or that gives no status at all (no rollup, no named part: it would read as
//!   all clear), is refused; so is a part's name or a status word longer than a
//!   label may be ([`super::budget::MAX_LABEL_BYTES`]), and more parts than a page may have
//!   components, before any is built.

use crate::error::SourceError;
use crate::model::{Component, PageInfo, Snapshot};
use crate::sources::{malformed, non_empty};
use crate::status::ComponentStatus;
use serde_json::{Map, Value};
use url::Url;

/// Stripe's status site.
pub const SITE: &str = "https://status.stripe.com/";

/// The host of Stripe's status site (detection reads any URL on it as Stripe's page).
pub const HOST: &str = "status.stripe.com";

/// The id of the component that carries `largestatus`, the rollup.
pub const ROLLUP_ID: &str = "largestatus";

/// The parts the document is known to list, in the order they are shown, with their names.
const KNOWN_PARTS: [(&str, &str); 4] = [
    ("api", "API"),
    ("webhooks", "Webhooks"),
    ("dashboard", "Dashboard"),
    ("checkout", "Checkout"),
];

/// Whether `input` (with or without scheme) is a URL on Stripe's status host.
pub fn is_stripe_site(input: &str) -> bool {
    super::endpoints::web_url(input).is_some_and(|u| u.host_str() == Some(HOST))
}

/// Where to read Stripe's document for what a user gave (`base` being
/// [`super::endpoints::base_url`] of it): Stripe's site for any URL on its host; else `base`, cut
/// back before a trailing `current/` or `current/full/` (a pasted document URL).
pub fn page_base(input: &str, base: &Url) -> Url {
    if is_stripe_site(input) {
        return Url::parse(SITE).unwrap_or_else(|_| base.clone());
    }
    let path = base.path();
    let cut = ["current/full/", "current/"]
        .into_iter()
        .find_map(|tail| path.strip_suffix(tail).filter(|head| head.ends_with('/')));
    let mut url = base.clone();
    if let Some(head) = cut {
        url.set_path(head);
    }
    url
}

/// Parses `current`: the rollup and each part's status, as components.
pub fn parse_current(body: &[u8]) -> Result<Snapshot, SourceError> {
    const WHAT: &str = "Stripe current status";
    let value: Value =
        serde_json::from_slice(body).map_err(|err| SourceError::from_json(WHAT, body, &err))?;
    let Value::Object(doc) = value else {
        return Err(malformed(WHAT, "expected an object"));
    };
    let parts = match doc.get("statuses") {
        None | Some(Value::Null) => None,
        Some(Value::Object(parts)) => Some(parts),
        Some(_) => return Err(malformed(WHAT, "expected a map of parts under `statuses`")),
    };
    let rollup = doc.get("largestatus");
    let count = parts.map_or(0, Map::len) + usize::from(rollup.is_some());
    super::budget::over("components", count, super::budget::MAX_COMPONENTS)?;
    let words = rollup
        .into_iter()
        .chain(parts.into_iter().flat_map(|p| p.values()));
    for label in words
        .filter_map(Value::as_str)
        .chain(parts.into_iter().flat_map(|p| p.keys().map(String::as_str)))
    {
        super::budget::label(label, "bytes in one id, name or status")?;
    }
    if rollup.is_none() && parts.is_none() {
        return Err(malformed(
            WHAT,
            "expected `largestatus` and a map of parts under `statuses`",
        ));
    }
    let mut components: Vec<Component> = rollup
        .map(|word| Component {
            id: ROLLUP_ID.to_string(),
            name: "Overall".to_string(),
            group: None,
            status: word_status(word),
            position: (0, 0),
        })
        .into_iter()
        .collect();
    components.extend(parts.map(part_components).unwrap_or_default());
    if components.is_empty() {
        return Err(malformed(
            WHAT,
            "no status: neither `largestatus` nor a named part under `statuses`",
        ));
    }
    Ok(Snapshot {
        page: PageInfo {
            id: None,
            name: Some("Stripe".to_string()),
            url: Some(SITE.to_string()),
        },
        components,
        ..Snapshot::default()
    })
}

/// One component per named part: the known parts first, in their order, then the others by key.
fn part_components(parts: &Map<String, Value>) -> Vec<Component> {
    let mut named: Vec<(usize, &str, &str, &Value)> = parts
        .iter()
        .filter_map(|(key, word)| {
            let id = non_empty(Some(key))?;
            let known = KNOWN_PARTS.iter().position(|(k, _)| *k == id);
            let name = known.map_or(id, |at| KNOWN_PARTS[at].1);
            Some((known.unwrap_or(KNOWN_PARTS.len()), id, name, word))
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.cmp(b.1)));
    (1_i64..)
        .zip(named)
        .map(|(position, (_, id, name, word))| Component {
            id: id.to_string(),
            name: name.to_string(),
            group: None,
            status: word_status(word),
            position: (position, 0),
        })
        .collect()
}

/// A Stripe status word onto the vocabulary: unknown words kept, anything but a word unknown.
fn word_status(word: &Value) -> ComponentStatus {
    let Some(word) = non_empty(word.as_str()) else {
        return ComponentStatus::Unknown;
    };
    match word.to_ascii_lowercase().as_str() {
        "up" => ComponentStatus::Operational,
        "degraded" => ComponentStatus::DegradedPerformance,
        "down" => ComponentStatus::MajorOutage,
        _ => ComponentStatus::Other(word.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn statuses(body: &str) -> Vec<(String, ComponentStatus)> {
        parse_current(body.as_bytes())
            .unwrap()
            .components
            .into_iter()
            .map(|c| (c.id, c.status))
            .collect()
    }

    #[test]
    fn words_map_onto_the_vocabulary_and_unknown_ones_are_never_operational() {
        let rows = statuses(
            r#"{"largestatus": " UP ", "statuses": {"api": "down", "webhooks": "degraded",
                "dashboard": "pending", "checkout": 3, "x": null}}"#,
        );
        assert_eq!(
            rows,
            [
                ("largestatus".to_string(), ComponentStatus::Operational),
                ("api".to_string(), ComponentStatus::MajorOutage),
                ("webhooks".to_string(), ComponentStatus::DegradedPerformance),
                (
                    "dashboard".to_string(),
                    ComponentStatus::Other("pending".into())
                ),
                ("checkout".to_string(), ComponentStatus::Unknown),
                ("x".to_string(), ComponentStatus::Unknown),
            ]
        );
        assert!(rows.iter().skip(3).all(|(_, s)| !s.is_operational()));
    }

    #[test]
    fn the_rollup_alone_or_the_parts_alone_are_read() {
        assert_eq!(
            statuses(r#"{"largestatus": "down"}"#),
            [("largestatus".to_string(), ComponentStatus::MajorOutage)]
        );
        assert_eq!(
            statuses(r#"{"statuses": {"api": "up"}}"#),
            [("api".to_string(), ComponentStatus::Operational)]
        );
    }
}
