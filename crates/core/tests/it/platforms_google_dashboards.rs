//! Google's dashboards other than Google Cloud's (Firebase, Workspace, Maps Platform, Ads): the
//! same `incidents.json`, read by the Google Cloud reader, then fitted to their own page. The
//! fixtures are ours, in the shape these dashboards publish (Google Cloud's, with
//! `service_key`, `most_recent_update` and location lists beside).

use lookout_core::sources::gcp;
use lookout_core::sources::Document;
use lookout_core::{ComponentStatus, Impact, IncidentStatus};
use url::Url;

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

fn base(url: &str) -> Url {
    lookout_core::sources::endpoints::base_url(url).unwrap()
}

#[test]
fn firebase_incidents_read_with_its_own_name_and_links() {
    let mut snapshot = Document::GcpIncidents
        .parse(&fixture("gcp/firebase-incidents.json"))
        .unwrap();
    let page = base("https://status.firebase.google.com");
    gcp::fit_to_dashboard(&mut snapshot, &page);
    assert_eq!(snapshot.page.name.as_deref(), Some("Firebase"));
    assert_eq!(
        snapshot.page.url.as_deref(),
        Some("https://status.firebase.google.com/")
    );
    let open = snapshot
        .incidents
        .iter()
        .find(|i| i.id == "FbOpen000000000000001")
        .unwrap();
    assert_eq!(open.status, IncidentStatus::Investigating);
    assert_eq!(open.impact, Impact::Major);
    assert_eq!(open.updates.len(), 2);
    assert_eq!(
        open.url.as_deref(),
        Some("https://status.firebase.google.com/incidents/FbOpen000000000000001")
    );
    let done = snapshot
        .incidents
        .iter()
        .find(|i| i.id == "FbDone000000000000002")
        .unwrap();
    assert_eq!(
        (done.status.clone(), done.impact.clone()),
        (IncidentStatus::Resolved, Impact::Critical)
    );
    // Only the open incident's product is a component, at the status its impact gives.
    let parts: Vec<(&str, &str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.id.as_str(), c.name.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        parts,
        [(
            "acmeFcm000000000001",
            "Cloud Messaging",
            ComponentStatus::PartialOutage
        )]
    );
}

#[test]
fn workspace_incidents_read_with_its_own_name_and_links() {
    let mut snapshot = Document::GcpIncidents
        .parse(&fixture("gcp/workspace-incidents.json"))
        .unwrap();
    let page = base("https://www.google.com/appsstatus/dashboard/");
    gcp::fit_to_dashboard(&mut snapshot, &page);
    assert_eq!(snapshot.page.name.as_deref(), Some("Google Workspace"));
    let open = &snapshot.incidents[0];
    assert_eq!(open.id, "WsOpen000000000000001");
    assert_eq!(
        open.url.as_deref(),
        Some("https://www.google.com/appsstatus/dashboard/incidents/WsOpen000000000000001")
    );
    let names: Vec<(&str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| (c.name.as_str(), c.status.clone()))
        .collect();
    assert_eq!(
        names,
        [
            ("Gmail", ComponentStatus::MajorOutage),
            ("Google Chat", ComponentStatus::MajorOutage)
        ]
    );
}

#[test]
fn google_clouds_own_page_is_left_as_it_reads() {
    let body = fixture("gcp/acme-incidents.json");
    let read = Document::GcpIncidents.parse(&body).unwrap();
    let mut fitted = read.clone();
    gcp::fit_to_dashboard(&mut fitted, &base("https://status.cloud.google.com"));
    assert_eq!(fitted, read);
    assert_eq!(read.page.name.as_deref(), Some("Google Cloud"));
}

#[test]
fn each_known_dashboard_is_named_and_any_other_page_is_not() {
    for (url, name) in [
        ("https://status.firebase.google.com", Some("Firebase")),
        (
            "https://www.google.com/appsstatus/dashboard",
            Some("Google Workspace"),
        ),
        (
            "https://status.cloud.google.com/maps-platform",
            Some("Google Maps Platform"),
        ),
        (
            "https://ads.google.com/status/publisher",
            Some("Google Ads"),
        ),
        ("https://status.cloud.google.com", None),
        ("https://status.firebase.google.com.evil.test", None),
        ("http://127.0.0.1:9/pages/gcp", None),
    ] {
        assert_eq!(gcp::dashboard_name(&base(url)), name, "{url}");
    }
    // Another host: no name claimed (detection then names it by its host), links re-rooted.
    let mut snapshot = Document::GcpIncidents
        .parse(&fixture("gcp/firebase-incidents.json"))
        .unwrap();
    gcp::fit_to_dashboard(&mut snapshot, &base("http://127.0.0.1:9/pages/fb"));
    assert_eq!(snapshot.page.name, None);
    assert!(snapshot.incidents.iter().all(|i| i
        .url
        .as_deref()
        .is_some_and(|u| u.starts_with("http://127.0.0.1:9/pages/fb/incidents/"))));
}

proptest::proptest! {
    #![proptest_config(proptest::test_runner::Config {
        cases: lookout_core::fuzz_cases(),
        ..proptest::test_runner::Config::default()
    })]

    /// Whatever an incident's `uri` holds, fitting never panics and a link stays on the page.
    #[test]
    fn any_incident_link_stays_under_the_dashboard(uri in "\\PC{0,40}", id in "[a-zA-Z0-9]{1,12}") {
        let body = serde_json::json!([{
            "id": id, "begin": "2026-04-10T14:00:00+00:00", "external_desc": "x", "uri": uri
        }]);
        let mut snapshot = Document::GcpIncidents
            .parse(body.to_string().as_bytes())
            .unwrap();
        let page = base("https://status.firebase.google.com");
        gcp::fit_to_dashboard(&mut snapshot, &page);
        for incident in &snapshot.incidents {
            if let Some(link) = &incident.url {
                proptest::prop_assert!(link.starts_with("https://status.firebase.google.com/"), "{link}");
            }
        }
    }
}
