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
                    .starts_with("page too complex: 300000 components"),
                "{error}"
            );
        }
        other => panic!("not refused: {other:?}"),
    }
}

#[test]
fn one_component_listed_9000_times_within_the_budget_is_one_component_of_the_incident() {
    let body = update_listing(9_000, false);
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
