//! The read time of the largest page each reader accepts: each document's own fixture (from
//! `tests/fixtures/`) inflated, by repeating its largest list with fresh ids (Stripe's, which
//! has none, by growing its map of parts; Apple's inside its JSONP call), until it nears
//! the 8 MiB body cap or the parse budget, whichever comes first; parsed three times, the median
//! printed. `cargo bench -p lookout-core --bench largest_pages`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_core::sources::{budget, Document};
use serde_json::Value;
use std::time::{Duration, Instant};

/// The body cap the poller enforces.
const CAP: usize = 8 * 1024 * 1024;
/// Copies of a list at most: under the budget's incidents, maintenances and updates limits.
const MAX_COPIES: usize = 1_900;

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

/// UTF-16 (AWS) as UTF-8 text.
fn utf8(bytes: &[u8]) -> String {
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.get(1) == Some(&0) {
        let start = if bytes.starts_with(&[0xFF, 0xFE]) {
            2
        } else {
            0
        };
        let units: Vec<u16> = bytes[start..]
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16_lossy(&units);
    }
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of `value` with every id made unique by `n`.
fn renumbered(value: &Value, n: usize) -> Value {
    match value {
        Value::Object(fields) => fields
            .iter()
            .map(|(k, v)| match (k.as_str(), v) {
                ("id" | "_id" | "code" | "uid" | "serviceName" | "messageId", Value::String(s)) => {
                    (k.clone(), Value::from(format!("{s}-{n}")))
                }
                _ => (k.clone(), renumbered(v, n)),
            })
            .collect(),
        Value::Array(items) => items.iter().map(|v| renumbered(v, n)).collect(),
        other => other.clone(),
    }
}

/// The path (object keys and array positions) of the array of objects with the most text.
fn largest_list(value: &Value, path: &mut Vec<String>, best: &mut (usize, Vec<String>)) {
    match value {
        Value::Array(items) => {
            let size = value.to_string().len();
            if items.iter().any(Value::is_object) && size > best.0 {
                *best = (size, path.clone());
            }
            for (i, item) in items.iter().enumerate() {
                path.push(i.to_string());
                largest_list(item, path, best);
                path.pop();
            }
        }
        Value::Object(fields) => {
            for (k, v) in fields {
                path.push(k.clone());
                largest_list(v, path, best);
                path.pop();
            }
        }
        _ => {}
    }
}

fn at_path<'a>(value: &'a mut Value, path: &[String]) -> &'a mut Value {
    path.iter().fold(value, |v, step| match v {
        Value::Array(items) => &mut items[step.parse::<usize>().unwrap()],
        other => &mut other[step.as_str()],
    })
}

/// A JSON document with its largest list repeated towards the cap.
fn inflated_json(bytes: &[u8], max_copies: usize) -> Vec<u8> {
    let mut doc: Value = serde_json::from_str(&utf8(bytes)).unwrap();
    let mut best = (0, Vec::new());
    largest_list(&doc, &mut Vec::new(), &mut best);
    let list = at_path(&mut doc, &best.1);
    let items = list.as_array().unwrap().clone();
    let unit = Value::from(items.clone()).to_string().len().max(1);
    let copies = (CAP * 9 / 10 / unit).clamp(1, (max_copies / items.len().max(1)).max(1));
    let grown: Vec<Value> = (0..copies)
        .flat_map(|n| items.iter().map(move |item| renumbered(item, n)))
        .collect();
    *list = Value::from(grown);
    serde_json::to_vec(&doc).unwrap()
}

/// Stripe's `current` (a map of parts, no list) with `parts` parts, or as many as fill 90 % of
/// the cap.
fn inflated_parts(bytes: &[u8], parts: Option<usize>) -> Vec<u8> {
    let mut doc: Value = serde_json::from_slice(bytes).unwrap();
    let count = parts.unwrap_or(CAP * 9 / 10 / r#""part-000000":"degraded","#.len());
    let words = ["up", "degraded", "down"];
    let grown: serde_json::Map<String, Value> = (0..count)
        .map(|n| (format!("part-{n:06}"), Value::from(words[n % words.len()])))
        .collect();
    doc["statuses"] = Value::Object(grown);
    serde_json::to_vec(&doc).unwrap()
}

/// A feed with its last item (or entry) repeated towards the cap.
fn inflated_feed(bytes: &[u8], max_copies: usize) -> Vec<u8> {
    let text = utf8(bytes);
    let (open, close) = if text.contains("<entry") {
        ("<entry", "</entry>")
    } else {
        ("<item", "</item>")
    };
    let start = text.rfind(open).unwrap();
    let end = text[start..].find(close).unwrap() + start + close.len();
    let unit = &text[start..end];
    let copies = (CAP * 9 / 10 / unit.len()).clamp(1, max_copies.max(1));
    let mut out = String::with_capacity(text.len() + unit.len() * copies);
    out.push_str(&text[..end]);
    for n in 0..copies {
        out.push_str(
            &unit
                .replace("</id>", &format!("-{n}</id>"))
                .replace("</guid>", &format!("-{n}</guid>")),
        );
    }
    out.push_str(&text[end..]);
    out.into_bytes()
}

fn main() {
    let documents = [
        (Document::StatuspageSummary, "statuspage/acme-summary.json"),
        (
            Document::StatuspageIncidents,
            "statuspage/acme-incidents.json",
        ),
        (
            Document::StatuspageMaintenances,
            "statuspage/acme-scheduled-maintenances.json",
        ),
        (
            Document::IncidentIoSummary,
            "incidentio/acme-proxy-summary.json",
        ),
        (
            Document::IncidentIoIncidents,
            "incidentio/acme-proxy-incidents.json",
        ),
        (Document::InstatusSummary, "instatus/acme-summary.json"),
        (
            Document::InstatusComponents,
            "instatus/acme-components.json",
        ),
        (Document::InstatusIncidents, "instatus/acme-incidents.json"),
        (Document::BetterStackIndex, "betterstack/acme-index.json"),
        (Document::CachetComponents, "cachet/acme-components.json"),
        (Document::CachetIncidents, "cachet/acme-incidents.json"),
        (Document::StatusIoStatus, "statusio/acme-status.json"),
        (Document::GcpIncidents, "gcp/acme-incidents.json"),
        (Document::SlackCurrent, "slack/acme-current.json"),
        (Document::SlackHistory, "slack/acme-history.json"),
        (
            Document::AwsHealthEvents,
            "aws/aws-currentevents-constructed-utf16le.json",
        ),
        (
            Document::HerokuCurrentStatus,
            "heroku/acme-current-status.json",
        ),
        (Document::HerokuIncidents, "heroku/acme-incidents.json"),
        (
            Document::TrustInstances,
            "salesforce_trust/acme-instances.json",
        ),
        (
            Document::TrustIncidents,
            "salesforce_trust/acme-incidents-active.json",
        ),
        (Document::ZendeskActive, "zendesk/acme-active.json"),
        (
            Document::ZendeskMaintenance,
            "zendesk/acme-maintenance.json",
        ),
        (Document::StripeCurrent, "stripe/acme-current-degraded.json"),
        (Document::AzureDevOpsHealth, "azure_devops/acme-health.json"),
        (Document::AppleStatus, "apple/acme-system-status.js"),
        (Document::Feed, "feeds/acme-history.atom"),
    ];
    println!(
        "{:<30} {:>9} {:>7} {:>9} {:>8}",
        "document", "KiB", "items", "read ms", "MB/s"
    );
    for (document, path) in documents {
        let raw = fixture(path);
        let inflate = |copies| match document {
            Document::Feed => inflated_feed(&raw, copies),
            // No list to repeat: its map of parts grows, to the components budget or the cap.
            Document::StripeCurrent => inflated_parts(
                &raw,
                (copies != usize::MAX).then_some(budget::MAX_COMPONENTS - 1),
            ),
            // Its JSON is inflated inside the call, then wrapped again.
            Document::AppleStatus => {
                let json = lookout_core::sources::apple::unwrap_jsonp(&raw).unwrap();
                [&b"jsonCallback("[..], &inflated_json(json, copies), b");"].concat()
            }
            _ => inflated_json(&raw, copies),
        };
        // The largest page within the parse budget, then one just under the 8 MiB cap (which
        // may be over the budget: then the time is that of refusing it).
        for (body, what) in [
            (inflate(MAX_COPIES), "largest accepted"),
            (inflate(usize::MAX), "at the size cap"),
        ] {
            report(document, &body, what);
        }
    }
}

/// Reads `body` three times and prints the median.
fn report(document: Document, body: &[u8], what: &str) {
    let mut times: Vec<Duration> = Vec::new();
    let mut items = 0;
    let mut outcome = String::new();
    for _ in 0..3 {
        let started = Instant::now();
        let parsed = document.parse(body);
        times.push(started.elapsed());
        match parsed {
            Ok(page) => {
                items = page.components.len()
                    + page.incidents.len()
                    + page.maintenances.len()
                    + page
                        .incidents
                        .iter()
                        .map(|i| i.updates.len())
                        .sum::<usize>();
            }
            Err(error) => outcome = format!(" — refused: {error}"),
        }
    }
    times.sort();
    let median = times[1].as_secs_f64();
    println!(
        "{:<30} {:>9} {:>7} {:>9.1} {:>8.0}  {what}{outcome}",
        document.describe(),
        body.len() / 1024,
        items,
        median * 1000.0,
        body.len() as f64 / median / 1e6
    );
}
