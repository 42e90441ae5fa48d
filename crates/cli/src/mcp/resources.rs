//! The resources: `lookout://providers/{id}` (a watched provider with its components, as
//! `GET /api/v1/providers/{id}`) and `lookout://incidents/{provider}/{id}` (one incident with its
//! timeline, as one of `lookout incidents --json`), as JSON; each provider listed, both listed as
//! templates.

use lookout_api::{IncidentRow, ProviderDetail};
use lookout_core::{IncidentRef, ProviderId};
use lookout_engine::{EngineError, Lookout};
use rmcp::model::{
    ListResourcesResult, ReadResourceResponse, ReadResourceResult, Resource, ResourceContents,
    ResourceTemplate,
};
use rmcp::ErrorData;
use serde::Serialize;

const PROVIDERS: &str = "lookout://providers/";
const INCIDENTS: &str = "lookout://incidents/";
const JSON: &str = "application/json";

/// The two templates.
pub fn templates() -> Vec<ResourceTemplate> {
    vec![
        ResourceTemplate::new("lookout://providers/{id}", "provider")
            .with_description(
                "A watched provider (its id from list_providers) with its status and components.",
            )
            .with_mime_type(JSON),
        ResourceTemplate::new("lookout://incidents/{provider}/{id}", "incident")
            .with_description(
                "One incident (its provider's id, the incident's id) with its whole timeline.",
            )
            .with_mime_type(JSON),
    ]
}

/// Every watched provider, as a resource.
pub async fn list(lookout: &Lookout) -> Result<ListResourcesResult, ErrorData> {
    let providers = lookout.providers().await.map_err(|e| internal(&e))?;
    let resources = providers
        .iter()
        .map(|p| {
            Resource::new(provider_uri(p.id), p.name.clone())
                .with_description(format!("{}: its status and components", p.name))
                .with_mime_type(JSON)
        })
        .collect();
    Ok(ListResourcesResult::with_all_items(resources))
}

/// The URI of a watched provider's resource.
pub fn provider_uri(id: ProviderId) -> String {
    format!("{PROVIDERS}{id}")
}

/// The URI of an incident's resource.
pub fn incident_uri(provider: ProviderId, incident: &str) -> String {
    format!("{INCIDENTS}{provider}/{incident}")
}

/// Whether `uri` names a resource of Lookout's (one there is or may be).
pub fn names_one(uri: &str) -> bool {
    named(uri).is_some()
}

/// What a resource's URI names.
#[derive(Debug, PartialEq, Eq)]
enum Named {
    Provider(ProviderId),
    Incident(IncidentRef),
}

/// The resource `uri` names, if it names one.
fn named(uri: &str) -> Option<Named> {
    if let Some(id) = uri.strip_prefix(PROVIDERS) {
        return provider_id(id).map(Named::Provider);
    }
    let (provider, incident) = uri.strip_prefix(INCIDENTS)?.split_once('/')?;
    let provider = provider_id(provider)?;
    (!incident.is_empty()).then(|| Named::Incident(IncidentRef::new(provider, incident)))
}

/// A provider's id written as Lookout writes it.
fn provider_id(text: &str) -> Option<ProviderId> {
    let id: i64 = text.parse().ok()?;
    (id.to_string() == text).then_some(ProviderId::new(id))
}

/// The resource at `uri`, as JSON.
pub async fn read(lookout: &Lookout, uri: &str) -> Result<ReadResourceResponse, ErrorData> {
    let not_found = || {
        ErrorData::resource_not_found(
            format!(
                "no such resource: {uri:?} (lookout://providers/{{id}} or \
                 lookout://incidents/{{provider}}/{{id}})"
            ),
            None,
        )
    };
    let now = lookout.clock.now();
    let text = match named(uri).ok_or_else(not_found)? {
        Named::Provider(id) => {
            let boards = lookout.provider_boards().await.map_err(|e| internal(&e))?;
            let board = boards.iter().find(|b| b.provider.id == id);
            json(&ProviderDetail::new(board.ok_or_else(not_found)?, now))?
        }
        Named::Incident(which) => match lookout.incident(which).await {
            Ok(record) => json(&IncidentRow::new(&record.stored))?,
            Err(EngineError::NotFound(_)) => return Err(not_found()),
            Err(error) => return Err(internal(&error)),
        },
    };
    let contents = ResourceContents::text(text, uri).with_mime_type(JSON);
    Ok(ReadResourceResult::new(vec![contents]).into())
}

fn json<T: Serialize>(value: &T) -> Result<String, ErrorData> {
    serde_json::to_string(value).map_err(|e| ErrorData::internal_error(e.to_string(), None))
}

fn internal(error: &EngineError) -> ErrorData {
    ErrorData::internal_error(error.to_string(), None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_name_a_provider_or_an_incident() {
        assert_eq!(
            named("lookout://providers/7"),
            Some(Named::Provider(ProviderId::new(7)))
        );
        assert_eq!(
            named("lookout://incidents/7/abc/def"),
            Some(Named::Incident(IncidentRef::new(
                ProviderId::new(7),
                "abc/def"
            )))
        );
        for wrong in [
            "lookout://providers/07",
            "lookout://providers/x",
            "lookout://incidents/7",
            "lookout://incidents/7/",
            "https://example.com",
        ] {
            assert_eq!(named(wrong), None, "{wrong}");
        }
    }
}
