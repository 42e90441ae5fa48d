//! The audit's hostile shapes, each built from its hand-written seed in `tests/fixtures/hostile/`
//! at growing sizes (the large pages are made here, never stored): records that share one id or
//! name one update many times, a UTF-16 feed of a long `xml:base`, a JSON Feed whose author is
//! copied into every item, and the shapes the earlier rounds found.

use crate::Worst;
use lookout_core::sources::Document;
use serde_json::{json, Value};

fn seed(name: &str) -> Vec<u8> {
    let path = format!(
        "{}/../../tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn seed_json(name: &str) -> Value {
    serde_json::from_slice(&seed(name)).unwrap()
}

/// About how many bytes each shape is built to: small, then as large as the fetch cap allows
/// when `scripts/fuzz` runs (many cases).
fn sizes() -> Vec<usize> {
    let mut sizes = vec![64 << 10, 1 << 20];
    if lookout_core::fuzz_cases() >= 1_000 {
        sizes.push(7 << 20);
    }
    sizes
}

/// Better Stack: `n` reports that share one id, and `n` updates of that id.
fn betterstack_same_report_id(bytes: usize) -> Vec<u8> {
    let mut page = seed_json("betterstack-same-report-id.json");
    let report = page["included"][0].clone();
    let update = page["included"][1].clone();
    let n = bytes / 400;
    let mut included: Vec<Value> = vec![report; n];
    included.extend((0..n).map(|i| {
        let mut one = update.clone();
        one["id"] = json!(format!("u{i}"));
        one["attributes"]["message"] = json!("m".repeat(200));
        one
    }));
    page["included"] = Value::from(included);
    serde_json::to_vec(&page).unwrap()
}

/// Better Stack: `n` reports (distinct ids) that all list the same update.
fn betterstack_shared_update(bytes: usize) -> Vec<u8> {
    let mut page = seed_json("betterstack-shared-update.json");
    let report = page["included"][0].clone();
    let mut update = page["included"][1].clone();
    update["attributes"]["message"] = json!("m".repeat(bytes / 2));
    let n = bytes / 2 / 300;
    let mut included: Vec<Value> = (0..n)
        .map(|i| {
            let mut one = report.clone();
            one["id"] = json!(format!("r{i}"));
            one
        })
        .collect();
    included.push(update);
    page["included"] = Value::from(included);
    serde_json::to_vec(&page).unwrap()
}

/// Zendesk: one incident naming its one update many times, the update's description long.
fn zendesk_repeated_update(bytes: usize) -> Vec<u8> {
    let mut page = seed_json("zendesk-repeated-update.json");
    let link = page["data"][0]["relationships"]["incident_updates"]["data"][0].clone();
    page["data"][0]["relationships"]["incident_updates"]["data"] =
        Value::from(vec![link; bytes / 2 / 40]);
    page["included"][0]["attributes"]["description"] = json!("d".repeat(bytes / 2));
    serde_json::to_vec(&page).unwrap()
}

/// A UTF-16 Atom feed with a long `xml:base` on its root, which the XML reader copies into
/// every element under it (a byte scan for `xml:base` sees no such bytes in UTF-16).
fn utf16_feed_of_long_base(bytes: usize) -> Vec<u8> {
    let text = String::from_utf8(seed("feed-xml-base.xml")).unwrap();
    let base = format!("https://status.example.com/{}/", "b".repeat(bytes / 8));
    let links = r#"<link href="x"/>"#.repeat(bytes / 4 / 16);
    let text = text
        .replace("https://status.example.com/base/", &base)
        .replace(r#"<link href="x"/>"#, &links);
    let mut out = vec![0xFF, 0xFE];
    out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    out
}

/// A JSON Feed whose long author every item without its own inherits.
fn json_feed_author(bytes: usize) -> Vec<u8> {
    let mut feed = seed_json("jsonfeed-author.json");
    feed["author"]["name"] = json!("a".repeat(bytes / 2));
    feed["items"] = Value::from(vec![json!({}); bytes / 2 / 3]);
    serde_json::to_vec(&feed).unwrap()
}

/// Reads every shape at every size with its own reader (and the feed reader).
pub fn read_all(worst: &mut Worst) -> Result<(), String> {
    type Shape = (&'static str, Document, fn(usize) -> Vec<u8>);
    let shapes: [Shape; 5] = [
        (
            "Better Stack reports sharing one id",
            Document::BetterStackIndex,
            betterstack_same_report_id,
        ),
        (
            "Better Stack reports listing one update",
            Document::BetterStackIndex,
            betterstack_shared_update,
        ),
        (
            "a Zendesk update named many times",
            Document::ZendeskActive,
            zendesk_repeated_update,
        ),
        (
            "a UTF-16 feed of a long xml:base",
            Document::Feed,
            utf16_feed_of_long_base,
        ),
        (
            "a JSON Feed's author copied into every item",
            Document::Feed,
            json_feed_author,
        ),
    ];
    // Every shape is tried (the first size over the bound of each is reported), then the
    // failures are told together.
    let mut over = Vec::new();
    for (what, document, build) in shapes {
        for size in sizes() {
            let body = build(size);
            let what = format!("{what} ({} bytes)", body.len());
            let read = worst.read(&what, document, &body).and_then(|_| {
                if document == Document::Feed {
                    return Ok(());
                }
                worst.read(&what, Document::Feed, &body).map(drop)
            });
            if let Err(failure) = read {
                over.push(failure);
                break;
            }
        }
    }
    if over.is_empty() {
        Ok(())
    } else {
        Err(over.join("\n"))
    }
}
