//! The Statuspage template's example incident and maintenance (served by pages never
//! configured) are not the vendor's history: they are never read into a snapshot.

use lookout_core::sources::Document;
use serde_json::json;

#[test]
fn the_template_examples_are_left_out_and_real_records_kept() {
    let record = |id: &str, title: &str| {
        json!({"id": id, "name": title, "status": "resolved", "impact": "minor",
               "created_at": "2026-03-04T09:00:00Z", "resolved_at": "2026-03-04T10:00:00Z",
               "scheduled_for": "2026-03-05T09:00:00Z", "scheduled_until": "2026-03-05T10:00:00Z",
               "incident_updates": []})
    };
    let page = json!({
        "incidents": [record("demo", "This is an example incident"),
                      record("real", "Elevated errors on an example endpoint")],
        "scheduled_maintenances": [record("demo-m", "This is an example scheduled maintenance."),
                                   record("real-m", "Database upgrade")]
    });
    let body = page.to_string();
    let incidents = Document::StatuspageIncidents
        .parse(body.as_bytes())
        .unwrap();
    let ids: Vec<&str> = incidents.incidents.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids, ["real"]);
    let maintenances = Document::StatuspageMaintenances
        .parse(body.as_bytes())
        .unwrap();
    let ids: Vec<&str> = maintenances
        .maintenances
        .iter()
        .map(|m| m.id.as_str())
        .collect();
    assert_eq!(ids, ["real-m"]);
}
