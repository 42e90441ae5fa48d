//! Property tests: random bytes and random documents built from the keys of the Instatus,
//! Better Stack, status.io, Cachet, Heroku, Salesforce Trust, Zendesk and Stripe parsers never
//! panic, and parsed timelines hold.

use crate::platforms_json::JSON_PARSERS;

/// Keys the new parsers look for, so random documents reach deep into them.
const KEYS: &[&str] = &[
    "page",
    "activeIncidents",
    "activeMaintenances",
    "id",
    "_id",
    "name",
    "url",
    "status",
    "started",
    "start",
    "impact",
    "updatedAt",
    "createdAt",
    "resolved",
    "text",
    "markdown",
    "messageHtml",
    "duration",
    "isParent",
    "children",
    "components",
    "data",
    "included",
    "type",
    "attributes",
    "relationships",
    "status_updates",
    "company_name",
    "subdomain",
    "custom_domain",
    "position",
    "public_name",
    "status_page_section_id",
    "title",
    "report_type",
    "starts_at",
    "ends_at",
    "aggregate_state",
    "affected_resources",
    "status_page_resource_id",
    "message",
    "published_at",
    "status_report_id",
    "result",
    "status_code",
    "containers",
    "incidents",
    "messages",
    "state",
    "datetime",
    "datetime_open",
    "maintenance",
    "active",
    "upcoming",
    "datetime_planned_start",
    "datetime_planned_end",
    "components_affected",
    "order",
    "group_id",
    "enabled",
    "deleted_at",
    "visible",
    "component_id",
    "scheduled_at",
    "occurred_at",
    "created_at",
    "updated_at",
    "updates",
    "human_status",
    "status_name",
    "system",
    "systems",
    "scheduled",
    "update_type",
    "contents",
    "key",
    "isActive",
    "affectsAll",
    "instanceKeys",
    "Incidents",
    "Maintenances",
    "IncidentImpacts",
    "IncidentEvents",
    "startTime",
    "endTime",
    "severity",
    "resolved_at",
    "started_at",
    "outage",
    "incident_updates",
    "services",
    "description",
    "largestatus",
    "statuses",
    "api",
    "webhooks",
];

/// Vendor words and times the random documents use as values.
const WORDS: &[&str] = &[
    "status_page_section",
    "status_page_resource",
    "status_report",
    "status_update",
    "maintenance",
    "MAJOROUTAGE",
    "4",
    "0",
    "600",
    "2020-02-27 13:22:51",
    "Sat Jun 11 2022 18:55:50 GMT+0000 (UTC)",
    "2026-01-30T11:21:05.2Z",
    "60",
    "incident",
    "incident_update",
    "service",
    "yellow",
    "MAJOR_INCIDENT_CORE",
    "2026-03-04T09:00:00Z",
    "up",
    "down",
    "degraded",
    "",
];

fn json_value() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
    crate::json_document(KEYS, WORDS)
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    #[test]
    fn random_bytes_never_panic(body in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..256)) {
        for (_, parse) in JSON_PARSERS {
            let _ = parse(&body);
        }
    }

    #[test]
    fn random_documents_never_panic(value in json_value()) {
        let body = serde_json::to_vec(&value).unwrap();
        for (_, parse) in JSON_PARSERS {
            if let Ok(snapshot) = parse(&body) {
                for incident in &snapshot.incidents {
                    proptest::prop_assert!(incident.updates.windows(2).all(|p| p[0].at <= p[1].at));
                    proptest::prop_assert!(incident.updates.iter().all(|u| incident.started_at <= u.at));
                    if let Some(end) = incident.resolved_at {
                        proptest::prop_assert!(end >= incident.started_at);
                    }
                }
            }
        }
    }
}
