//! Azure DevOps' Status API (`status.dev.azure.com/_apis/status/health`): the project's own
//! "Acme" fixture, written from Microsoft's REST reference of the document, its endpoint and
//! platform name, and hostile input.

use lookout_core::sources::endpoints::{base_url, endpoints};
use lookout_core::sources::{azure_devops, Document};
use lookout_core::{ComponentStatus, Platform};

fn fixture(path: &str) -> Vec<u8> {
    let full = format!("{}/../../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn the_acme_document_reads_as_the_overall_health_and_each_services_geographies() {
    let snapshot = Document::AzureDevOpsHealth
        .parse(&fixture("azure_devops/acme-health.json"))
        .unwrap();
    assert_eq!(snapshot.page.name.as_deref(), Some("Azure DevOps"));
    assert!(snapshot.incidents.is_empty() && snapshot.maintenances.is_empty());
    let rows: Vec<(&str, Option<&str>, &str, ComponentStatus)> = snapshot
        .components
        .iter()
        .map(|c| {
            (
                c.id.as_str(),
                c.group.as_deref(),
                c.name.as_str(),
                c.status.clone(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(
        rows[0],
        (
            "overall",
            None,
            "Overall",
            ComponentStatus::DegradedPerformance
        )
    );
    let find = |id: &str| rows.iter().find(|r| r.0 == id).unwrap().clone();
    assert_eq!(
        find("Pipelines/APAC"),
        (
            "Pipelines/APAC",
            Some("Pipelines"),
            "Asia Pacific",
            ComponentStatus::MajorOutage
        )
    );
    assert_eq!(find("Pipelines/EU").3, ComponentStatus::DegradedPerformance);
    // An advisory is a notice posted while the service works.
    assert_eq!(find("Boards/EU").3, ComponentStatus::Operational);
    // The document's order: services, then each one's geographies.
    let pipelines: Vec<&str> = rows
        .iter()
        .filter(|r| r.1 == Some("Pipelines"))
        .map(|r| r.0)
        .collect();
    assert_eq!(
        pipelines,
        ["Pipelines/US", "Pipelines/EU", "Pipelines/APAC"]
    );
}

#[test]
fn the_health_document_is_fetched_below_the_site_with_its_api_version() {
    let base = base_url("https://status.dev.azure.com/").unwrap();
    let [one] = endpoints(Platform::AzureDevOps, &base).try_into().unwrap();
    assert_eq!(
        (one.document, one.url.as_str(), one.required),
        (
            Document::AzureDevOpsHealth,
            "https://status.dev.azure.com/_apis/status/health?api-version=7.1-preview.1",
            true
        )
    );
    assert_eq!(
        Platform::from_name("azure_devops"),
        Some(Platform::AzureDevOps)
    );
    assert_eq!(Platform::AzureDevOps.as_str(), "azure_devops");
    assert_eq!(azure_devops::SITE, "https://status.dev.azure.com/");
    let entry = lookout_core::catalog::find("ado").unwrap();
    assert_eq!(
        (
            entry.name.as_str(),
            entry.platform.as_str(),
            entry.url.as_str()
        ),
        (
            "Azure DevOps",
            "azure_devops",
            "https://status.dev.azure.com"
        )
    );
}

#[test]
fn hostile_documents_are_errors_not_panics() {
    let many: String = (0..10_001)
        .map(|i| format!(r#"{{"id": "s{i}"}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let long = "x".repeat(600);
    for body in [
        String::new(),
        "null".into(),
        r#"{"status": "healthy"}"#.into(),
        r#"{"services": "Boards"}"#.into(),
        format!(r#"{{"services": [{many}]}}"#),
        format!(r#"{{"services": [{{"id": "{long}"}}]}}"#),
        format!(r#"{{"services": [{{"id": "B", "geographies": [{{"id": "{long}"}}]}}]}}"#),
    ] {
        assert!(
            Document::AzureDevOpsHealth.parse(body.as_bytes()).is_err(),
            "{}",
            &body[..body.len().min(80)]
        );
    }
}
