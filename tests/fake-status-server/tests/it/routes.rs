//! Each dialect's documents: keys, values, ordering, timestamp offsets.

use crate::client::get;
use crate::fixtures;
use lookout_fake_status_server::{Dialect, FakeStatusServer};
use serde_json::Value;

async fn server() -> FakeStatusServer {
    let server = FakeStatusServer::start().await.unwrap();
    server.set_page("acme", Dialect::Statuspage, fixtures::page());
    server.set_page("acme-io", Dialect::IncidentIo, fixtures::page());
    server
}

fn ids(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect()
}

/// Every string that looks like a timestamp, anywhere in the document.
fn timestamps(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) if s.len() >= 20 && s.as_bytes()[10] == b'T' => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| timestamps(v, out)),
        Value::Object(map) => map.values().for_each(|v| timestamps(v, out)),
        _ => {}
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuspage_summary_has_group_rows_open_incidents_and_current_maintenances() {
    let server = server().await;
    let reply = get(server.addr(), "/acme/api/v2/summary.json").await;
    assert_eq!(reply.status, 200);
    assert!(reply
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let doc = reply.json();
    assert_eq!(doc["page"]["name"], "Acme");
    assert_eq!(doc["page"]["url"], format!("{}/acme", server.base_url()));
    assert_eq!(doc["page"]["time_zone"], "America/Puerto_Rico");
    assert_eq!(doc["status"]["indicator"], "major");
    assert_eq!(doc["status"]["description"], "Partial System Outage");

    let rows = doc["components"].as_array().unwrap();
    assert_eq!(rows.len(), 4);
    let group = rows.iter().find(|r| r["group"] == true).unwrap();
    assert_eq!(group["name"], "Core");
    assert_eq!(group["status"], "major_outage");
    assert_eq!(group["group_id"], Value::Null);
    assert_eq!(
        group["components"],
        serde_json::json!(["api000000001", "dash00000001"])
    );
    let dash = rows.iter().find(|r| r["id"] == "dash00000001").unwrap();
    assert_eq!(dash["group_id"], group["id"]);
    assert_eq!(dash["status"], "major_outage");
    assert_eq!(dash["position"], 2);
    assert!(dash.get("components").is_none());
    let hooks = rows.iter().find(|r| r["id"] == "hook00000001").unwrap();
    assert_eq!(hooks["group_id"], Value::Null);
    assert_eq!(hooks["group"], false);

    assert_eq!(ids(&doc["incidents"]), ["openinc00001"]);
    assert_eq!(
        ids(&doc["scheduled_maintenances"]),
        ["mntnext00001", "mntnow000001"]
    );

    let mut stamps = Vec::new();
    timestamps(&doc, &mut stamps);
    assert!(stamps.len() > 10);
    for stamp in stamps {
        assert!(
            stamp.ends_with("-04:00") && stamp.as_bytes()[19] == b'.',
            "{stamp}"
        );
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuspage_incidents_are_newest_first_with_newest_first_updates() {
    let server = server().await;
    let doc = get(server.addr(), "/acme/api/v2/incidents.json")
        .await
        .json();
    assert!(doc["page"].is_object());
    assert_eq!(ids(&doc["incidents"]), ["openinc00001", "oldinc000001"]);
    let open = &doc["incidents"][0];
    assert_eq!(open["status"], "identified");
    assert_eq!(open["impact"], "major");
    assert_eq!(open["resolved_at"], Value::Null);
    assert_eq!(open["reminder_intervals"], Value::Null);
    assert!(open["shortlink"]
        .as_str()
        .unwrap()
        .starts_with("https://stspg.io/"));
    assert_eq!(open["started_at"], "2026-01-30T08:00:00.000-04:00");
    let newest = &open["incident_updates"][0];
    assert_eq!(newest["id"], "upopen000002");
    assert_eq!(newest["incident_id"], "openinc00001");
    assert_eq!(
        newest["affected_components"],
        serde_json::json!([{"code": "dash00000001", "name": "Core - Dashboard",
            "old_status": "degraded_performance", "new_status": "major_outage"}])
    );
    assert_eq!(open["components"][0]["id"], "dash00000001");

    let old = &doc["incidents"][1];
    assert_eq!(
        ids(&old["incident_updates"]),
        [
            "upold0000004",
            "upold0000003",
            "upold0000002",
            "upold0000001"
        ]
    );
    assert_eq!(
        old["incident_updates"][2]["affected_components"],
        Value::Null
    );
    assert_eq!(
        old["incident_updates"][1]["affected_components"][0],
        serde_json::json!({"code": "hook00000001", "name": "Webhooks",
            "old_status": "partial_outage", "new_status": "operational"})
    );
    assert_eq!(old["resolved_at"], "2026-01-30T06:40:00.000-04:00");
    assert_eq!(old["monitoring_at"], "2026-01-30T06:20:00.000-04:00");
    assert_eq!(old["started_at"], "2026-01-30T06:00:00.000-04:00");

    let unresolved = get(server.addr(), "/acme/api/v2/incidents/unresolved.json")
        .await
        .json();
    assert_eq!(ids(&unresolved["incidents"]), ["openinc00001"]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn statuspage_maintenances_status_and_components_documents() {
    let server = server().await;
    let doc = get(server.addr(), "/acme/api/v2/scheduled-maintenances.json")
        .await
        .json();
    let list = &doc["scheduled_maintenances"];
    assert_eq!(ids(list), ["mntnext00001", "mntnow000001", "mntdone00001"]);
    let done = &list[2];
    assert_eq!(done["status"], "completed");
    assert_eq!(done["impact"], "maintenance");
    assert_eq!(done["scheduled_for"], "2026-01-28T06:00:00.000-04:00");
    assert_eq!(done["scheduled_until"], "2026-01-28T08:00:00.000-04:00");
    let statuses: Vec<&str> = done["incident_updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["status"].as_str().unwrap())
        .collect();
    assert_eq!(statuses, ["completed", "in_progress", "scheduled"]);
    assert_eq!(
        done["incident_updates"][1]["affected_components"][0]["new_status"],
        "under_maintenance"
    );
    assert_eq!(
        done["incident_updates"][1]["affected_components"][0]["name"],
        "Core - API"
    );

    let active = get(
        server.addr(),
        "/acme/api/v2/scheduled-maintenances/active.json",
    )
    .await
    .json();
    assert_eq!(ids(&active["scheduled_maintenances"]), ["mntnow000001"]);
    let status = get(server.addr(), "/acme/api/v2/status.json").await.json();
    assert_eq!(status["status"]["indicator"], "major");
    assert!(status.get("components").is_none());
    let components = get(server.addr(), "/acme/api/v2/components.json")
        .await
        .json();
    assert_eq!(components["components"].as_array().unwrap().len(), 4);
    assert!(components.get("incidents").is_none());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incidentio_proxy_summary_has_structure_and_affected_components() {
    let server = server().await;
    let doc = get(server.addr(), "/acme-io/proxy/127.0.0.1").await.json();
    let summary = &doc["summary"];
    assert_eq!(summary["name"], "Acme");
    assert_eq!(summary["public_url"], server.page_url("acme-io"));
    assert_eq!(summary["id"].as_str().unwrap().len(), 26);
    let components = summary["components"].as_array().unwrap();
    assert_eq!(components.len(), 3);
    assert_eq!(components[0]["status_page_id"], summary["id"]);
    assert!(components[0].get("status").is_none());
    assert_eq!(
        summary["affected_components"],
        serde_json::json!([{"component_id": "dash00000001", "status": "full_outage"}])
    );
    assert_eq!(ids(&summary["ongoing_incidents"]), ["openinc00001"]);
    assert_eq!(
        summary["ongoing_incidents"][0]["updates"][0]["to_status"],
        "identified"
    );
    let items = summary["structure"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["group"]["name"], "Core");
    assert_eq!(items[0]["group"]["hidden"], false);
    assert_eq!(
        items[0]["group"]["components"][1]["component_id"],
        "dash00000001"
    );
    assert_eq!(items[0]["group"]["components"][1]["name"], "Dashboard");
    assert_eq!(items[1]["component"]["component_id"], "hook00000001");
    assert_eq!(items[1]["component"]["hidden"], false);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incidentio_incidents_look_like_the_pleo_sample() {
    let server = server().await;
    let doc = get(server.addr(), "/acme-io/proxy/127.0.0.1/incidents")
        .await
        .json();
    let list = &doc["incidents"];
    assert_eq!(
        ids(list),
        [
            "mntnext00001",
            "openinc00001",
            "oldinc000001",
            "mntnow000001",
            "mntdone00001"
        ]
    );
    let old = &list[2];
    assert_eq!(old["type"], "incident");
    assert_eq!(old["status"], "resolved");
    assert_eq!(old["published_at"], "2026-01-30T10:00:00.000Z");
    let to: Vec<&str> = old["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(to, ["resolved", "resolved", "monitoring", "investigating"]);
    assert_eq!(old["updates"][0]["automated_update"], false);
    assert_eq!(old["updates"][3]["message_string"], "update upold0000001");
    assert_eq!(
        old["updates"][2]["component_statuses"],
        serde_json::json!([])
    );
    assert_eq!(old["component_impacts"][0]["status"], "partial_outage");
    assert_eq!(
        old["component_impacts"][0]["end_at"],
        "2026-01-30T10:40:00.000Z"
    );
    assert_eq!(
        old["component_impacts"][0]["status_page_incident_id"],
        "oldinc000001"
    );
    assert_eq!(
        old["status_summaries"][0]["worst_component_status"],
        "partial_outage"
    );
    assert_eq!(
        old["affected_components"],
        serde_json::json!([{"component_id": "hook00000001", "status": "partial_outage", "current_status": "operational"}])
    );
    let open = &list[1];
    assert_eq!(
        open["updates"][0]["component_statuses"][0]["status"],
        "full_outage"
    );
    let impacts = open["component_impacts"].as_array().unwrap();
    assert_eq!(impacts.len(), 2);
    assert_eq!(impacts[1]["status"], "full_outage");
    assert_eq!(impacts[1]["end_at"], Value::Null);
    let done = &list[4];
    assert_eq!(done["type"], "maintenance");
    assert_eq!(done["status"], "maintenance_complete");
    let to: Vec<&str> = done["updates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["to_status"].as_str().unwrap())
        .collect();
    assert_eq!(
        to,
        [
            "maintenance_complete",
            "maintenance_in_progress",
            "maintenance_scheduled"
        ]
    );
    assert_eq!(list[3]["status"], "maintenance_in_progress");
    assert_eq!(list[0]["status"], "maintenance_scheduled");
    let mut stamps = Vec::new();
    timestamps(&doc, &mut stamps);
    assert!(stamps.iter().all(|s| s.ends_with('Z')), "{stamps:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incidentio_statuspage_compatible_layer_is_sparse() {
    let server = server().await;
    let doc = get(server.addr(), "/acme-io/api/v2/summary.json")
        .await
        .json();
    assert!(doc.get("incidents").is_none());
    assert!(doc.get("scheduled_maintenances").is_none());
    assert!(doc["page"].get("time_zone").is_none());
    assert!(doc["page"]["url"].as_str().unwrap().ends_with('/'));
    assert!(doc["page"]["updated_at"].as_str().unwrap().ends_with('Z'));
    assert_eq!(doc["status"]["indicator"], "major");
    let first = doc["components"][0].as_object().unwrap();
    let mut keys: Vec<&str> = first.keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["id", "name", "position", "status"]);
    assert_eq!(doc["components"][1]["status"], "major_outage");
    let status = get(server.addr(), "/acme-io/api/v2/status.json")
        .await
        .json();
    assert_eq!(status["status"]["description"], "Partial System Outage");
    // The Statuspage history documents are not part of this dialect.
    assert_eq!(
        get(server.addr(), "/acme-io/api/v2/incidents.json")
            .await
            .status,
        404
    );
}
