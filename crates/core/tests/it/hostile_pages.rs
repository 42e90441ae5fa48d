//! Hostile pages, built from the hand-written seeds in `tests/fixtures/hostile/`: each is read
//! in one linear pass or refused as "page too complex". A watchdog fails a case that runs for
//! minutes (as these once did); their speed is measured by the benchmark, not here.

use lookout_core::sources::Document;
use lookout_core::SourceError;
use serde_json::Value;
use std::time::Duration;

fn seed(name: &str) -> Value {
    let path = format!(
        "{}/../../tests/fixtures/hostile/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap()
}

/// Runs `work` on its own thread and fails if it has not finished after a generous minute.
fn within_a_minute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (done, result) = std::sync::mpsc::channel();
    std::thread::spawn(move || done.send(work()));
    result
        .recv_timeout(Duration::from_secs(60))
        .expect("finished (it once took minutes)")
}

/// The seed's incident with its update listing `count` components (`distinct` ids or one).
fn update_listing(count: usize, distinct: bool) -> Vec<u8> {
    let mut page = seed("statuspage-update-components.json");
    let update = &mut page["incidents"][0]["incident_updates"][0];
    let one = update["affected_components"][0].clone();
    let listed: Vec<Value> = (0..count)
        .map(|i| {
            let mut component = one.clone();
            if distinct {
                component["code"] = Value::from(format!("comp{i:08}"));
            }
            component
        })
        .collect();
    update["affected_components"] = Value::from(listed);
    serde_json::to_vec(&page).unwrap()
}

#[test]
fn an_update_listing_300000_components_is_refused_as_too_complex() {
    let body = update_listing(300_000, true);
    let parsed = within_a_minute(move || Document::StatuspageIncidents.parse(&body));
    match parsed {
        Err(error @ SourceError::TooComplex { .. }) => {
            assert!(
                error
                    .to_string()
                    .starts_with("page too complex: 50001 component references"),
                "{error}"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn one_component_listed_3000_times_within_the_budget_is_one_component_of_the_incident() {
    let body = update_listing(3_000, false);
    let snapshot = within_a_minute(move || Document::StatuspageIncidents.parse(&body)).unwrap();
    assert_eq!(snapshot.incidents[0].component_ids, ["comp00000001"]);
}

#[test]
fn an_incident_never_ends_before_it_starts() {
    // Found by fuzzing: a resolved incident whose only end is the vendor's, dated years earlier.
    let mut page = seed("statuspage-update-components.json");
    page["incidents"][0]["status"] = Value::from("resolved");
    page["incidents"][0]["resolved_at"] = Value::from("2021-08-11T00:00:00Z");
    let body = serde_json::to_vec(&page).unwrap();
    let snapshot = Document::StatuspageIncidents.parse(&body).unwrap();
    let incident = &snapshot.incidents[0];
    let end = incident.resolved_at.unwrap();
    assert!(
        end >= incident.started_at,
        "{end} before {}",
        incident.started_at
    );
    assert!(incident.duration().unwrap() >= chrono::Duration::zero());
}

#[test]
fn a_flood_of_ampersands_is_made_text_in_one_pass() {
    let flood = "&".repeat(2_000_000);
    let text = within_a_minute(move || lookout_core::sources::feed::html::html_to_text(&flood));
    assert_eq!(text.len(), 2_000_000);
}

/// The seed's incident with `updates` id-less updates and its id `id`.
fn incident_with(id: &str, updates: usize) -> Vec<u8> {
    let mut page = seed("statuspage-update-components.json");
    let incident = &mut page["incidents"][0];
    incident["id"] = Value::from(id);
    let mut one = incident["incident_updates"][0].clone();
    one["id"] = Value::Null;
    one["affected_components"] = Value::from(Vec::<Value>::new());
    incident["incident_updates"] = Value::from(vec![one; updates]);
    serde_json::to_vec(&page).unwrap()
}

fn refusal(document: Document, body: Vec<u8>) -> String {
    match within_a_minute(move || document.parse(&body)) {
        Err(error @ SourceError::TooComplex { .. }) => error.to_string(),
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn a_long_id_copied_into_each_update_is_refused_before_it_is_copied() {
    // Found by the helper's probe: a 60,000-byte id copied into 60,000 id-less updates (a page
    // of 207 KB) once built 2.1 GB.
    let body = incident_with(&"i".repeat(60_000), 10);
    assert_eq!(
        refusal(Document::StatuspageIncidents, body),
        "page too complex: 60000 bytes in one id, name or status (limit 512)"
    );
    // Refused before any is built: too many for the page's size, or over the count.
    let many = incident_with("short", 60_000);
    let refused = refusal(Document::StatuspageIncidents, many);
    assert!(
        refused == "page too complex: 50001 updates (limit 50000)"
            || refused.starts_with("page too complex: too many small records for its size"),
        "{refused}"
    );
    // A label at the limit is read.
    let at_limit = incident_with(&"i".repeat(512), 3);
    let snapshot = Document::StatuspageIncidents.parse(&at_limit).unwrap();
    assert_eq!(snapshot.incidents[0].updates.len(), 3);
}

#[test]
fn a_long_component_name_in_a_group_or_a_list_of_services_is_refused() {
    let long = "n".repeat(513);
    let summary = serde_json::json!({"components": [
        {"id": "g", "name": long, "group": true, "components": ["c"]},
        {"id": "c", "name": "API", "status": "operational", "group_id": "g"}
    ]});
    assert_eq!(
        refusal(
            Document::StatuspageSummary,
            summary.to_string().into_bytes()
        ),
        "page too complex: 513 bytes in one id, name or status (limit 512)"
    );
    let history = serde_json::json!([{"id": 1, "title": "Slow", "type": "incident",
        "status": "active", "date_created": "2026-03-04T09:00:00-08:00",
        "date_updated": "2026-03-04T09:00:00-08:00", "services": [long], "notes": []}]);
    assert_eq!(
        refusal(Document::SlackHistory, history.to_string().into_bytes()),
        "page too complex: 513 bytes in one id, name or status (limit 512)"
    );
}

#[test]
fn component_references_over_the_page_budget_are_refused_before_they_are_built() {
    let mut page = seed("statuspage-update-components.json");
    let one = page["incidents"][0]["incident_updates"][0].clone();
    let mut update = one.clone();
    update["id"] = Value::Null;
    let reference = one["affected_components"][0].clone();
    update["affected_components"] = Value::from(vec![reference; 9_000]);
    page["incidents"][0]["incident_updates"] = Value::from(vec![update; 6]);
    let body = serde_json::to_vec(&page).unwrap();
    let refused = refusal(Document::StatuspageIncidents, body);
    assert!(
        refused == "page too complex: 50001 component references (limit 50000)"
            || refused.starts_with("page too complex: too many small records for its size"),
        "{refused}"
    );
}

#[test]
fn a_better_stack_update_listed_by_every_report_belongs_to_one() {
    let mut page = seed("betterstack-shared-update.json");
    let included = page["included"].as_array_mut().unwrap();
    let report = included[0].clone();
    for number in 2..=500 {
        let mut copy = report.clone();
        copy["id"] = Value::from(number.to_string());
        included.push(copy);
    }
    let body = serde_json::to_vec(&page).unwrap();
    let snapshot = within_a_minute(move || Document::BetterStackIndex.parse(&body)).unwrap();
    let timelines: Vec<usize> = snapshot.incidents.iter().map(|i| i.updates.len()).collect();
    assert_eq!(timelines.len(), 500);
    assert_eq!(
        timelines.iter().sum::<usize>(),
        1,
        "the update is in one timeline"
    );
    let owner = snapshot.incidents.iter().find(|i| i.updates.len() == 1);
    assert_eq!(owner.unwrap().id, "1", "the first report listing it");
}

#[test]
fn a_feed_entry_id_copied_into_each_update_is_limited() {
    let feed = format!(
        r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>
        <entry><id>{}</id><title>Down</title><updated>2026-03-04T09:00:00Z</updated>
        <content type="html">It is down.</content></entry></feed>"#,
        "e".repeat(600)
    );
    assert_eq!(
        refusal(Document::Feed, feed.into_bytes()),
        "page too complex: 600 bytes in one entry id (limit 512)"
    );
}
