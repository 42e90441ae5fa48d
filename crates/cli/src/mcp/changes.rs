//! The tools that change Lookout's database, offered only by `lookout mcp --allow-changes`:
//! watch a status page, follow an incident, snooze a provider's alerts.

use super::asked::{IncidentAsked, SnoozeAsked, WatchAsked};
use super::replies::{answer, failed, refusal, settle, Outcome, Refusal, Reply};
use super::schema::output_schema;
use super::tools::{page_of, watched};
use super::McpServer;
use lookout_api::{FollowAnswer, IncidentRow, ProviderDetail, SnoozeAnswer};
use lookout_core::{Component, IncidentRef};
use lookout_engine::operations::alerts::Snooze;
use rmcp::handler::server::wrapper::Parameters;
use rmcp::{tool, tool_router};

#[tool_router(router = change_tools, vis = "pub(super)")]
impl McpServer {
    #[tool(
        description = "Watch a vendor's status page from now on (Lookout polls it, alerts on it \
            and keeps its history; the history the page publishes is stored at once). Give a \
            catalogue name or the page's URL, and optionally the only components that count. \
            Changes Lookout's configuration.",
        output_schema = output_schema::<ProviderDetail>(),
        annotations(read_only_hint = false, destructive_hint = false, open_world_hint = true)
    )]
    async fn watch(&self, Parameters(asked): Parameters<WatchAsked>) -> Reply {
        settle(self.add(asked).await)
    }

    #[tool(
        description = "Follow one open incident: each of its updates is told (at the provider's \
            alert sinks and as the app's notifications) whatever the alert rules say, until it \
            is resolved.",
        output_schema = output_schema::<FollowAnswer>(),
        annotations(read_only_hint = false, destructive_hint = false)
    )]
    async fn follow(&self, Parameters(asked): Parameters<IncidentAsked>) -> Reply {
        settle(self.follow_incident(asked).await)
    }

    #[tool(
        description = "Snooze a watched provider's alerts: for 1h, 8h, 24h, 30m or 2d, until its \
            open incidents are resolved (`resolved`), or wake them (`off`).",
        output_schema = output_schema::<SnoozeAnswer>(),
        annotations(read_only_hint = false, destructive_hint = false)
    )]
    async fn snooze(&self, Parameters(asked): Parameters<SnoozeAsked>) -> Reply {
        settle(self.snooze_provider(asked).await)
    }
}

impl McpServer {
    /// `watch`.
    async fn add(&self, asked: WatchAsked) -> Outcome {
        let lookout = &self.lookout;
        let typed = asked.name_or_url.trim();
        if let Some(id) = self.watched_service(typed).await? {
            return Err(refusal(
                "already_watched",
                format!(
                    "{typed:?} is already watched: provider #{id} (vendor_status gives its state)"
                ),
            ));
        }
        let url = page_of(typed)?;
        let found = lookout
            .find(&url)
            .await
            .map_err(|error| refusal("unreadable_page", format!("{error}")))?;
        let components = &found.detected.snapshot.components;
        let chosen = chosen_components(components, &asked.components)?;
        // Two pages may call themselves alike: the second is told apart by its host.
        let mut name = found.name.clone();
        let taken = lookout
            .providers_named(&name)
            .await
            .map_err(|e| failed(&e))?;
        if !taken.is_empty() {
            name = format!("{name} ({})", found.detected.base.host_str().unwrap_or("?"));
        }
        let new = found.new_provider(Some(&name), 60);
        let detail = lookout
            .add_detected(new, chosen)
            .await
            .map_err(|e| failed(&e))?;
        Ok(answer(&ProviderDetail::new(
            &detail.board,
            lookout.clock.now(),
        )))
    }

    /// `follow`.
    async fn follow_incident(&self, asked: IncidentAsked) -> Outcome {
        let provider = watched(&self.lookout, &asked.provider).await?;
        let which = IncidentRef::new(provider.id, asked.id.trim());
        let record = self
            .lookout
            .set_followed(which, true)
            .await
            .map_err(|e| failed(&e))?;
        Ok(answer(&FollowAnswer {
            followed: record.followed,
            incident: IncidentRow::new(&record.stored),
        }))
    }

    /// `snooze`.
    async fn snooze_provider(&self, asked: SnoozeAsked) -> Outcome {
        let provider = watched(&self.lookout, &asked.provider).await?;
        let length = Snooze::parse(&asked.length)
            .map_err(|error| refusal("bad_request", error.to_string()))?;
        let rules = self
            .lookout
            .snooze(provider.id, length)
            .await
            .map_err(|e| failed(&e))?;
        Ok(answer(&SnoozeAnswer {
            provider_id: provider.id,
            provider: provider.name,
            snoozed_until: rules.snoozed_until,
            snoozed_until_resolved: rules.snoozed_until_resolved,
        }))
    }
}

/// The ids of the components `asked` names (by id or by name, in any case) among `components`;
/// a name that is none of them is refused with the names there are.
fn chosen_components(components: &[Component], asked: &[String]) -> Result<Vec<String>, Refusal> {
    let mut ids = Vec::new();
    for typed in asked {
        let typed = typed.trim();
        let found = components
            .iter()
            .find(|c| c.id == typed || c.name.eq_ignore_ascii_case(typed));
        match found {
            Some(component) => ids.push(component.id.clone()),
            None => {
                let names: Vec<&str> = components.iter().map(|c| c.name.as_str()).collect();
                return Err(refusal(
                    "unknown_component",
                    format!(
                        "the page has no component {typed:?}; its components: {}",
                        names.join(", ")
                    ),
                ));
            }
        }
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use lookout_core::ComponentStatus;

    fn component(id: &str, name: &str) -> Component {
        Component {
            id: id.into(),
            name: name.into(),
            group: None,
            status: ComponentStatus::Operational,
            position: (0, 0),
        }
    }

    #[test]
    fn components_are_named_by_id_or_name_and_a_wrong_one_lists_them_all() {
        let page = [component("a1", "API"), component("w2", "Webhooks")];
        let asked = ["api".to_string(), "w2".to_string()];
        assert_eq!(chosen_components(&page, &asked).unwrap(), ["a1", "w2"]);
        let refused = chosen_components(&page, &["Billing".to_string()]).unwrap_err();
        let text = serde_json::to_string(&refused.content).unwrap();
        assert!(
            text.contains("unknown_component") && text.contains("API, Webhooks"),
            "{text}"
        );
    }
}
