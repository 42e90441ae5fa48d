//! The tools that read: a vendor's state (watched or read live), "is it them", the providers,
//! incidents and one incident's timeline, uptime, figures and planned maintenance.

use super::asked::{
    HistoryAsked, IncidentAsked, IncidentState, IncidentsAsked, MaintenanceAsked, NothingAsked,
    ServicesAsked, VendorAsked,
};
use super::replies::{answer, failed, refusal, settle, Outcome, Refusal, Reply};
use super::schema::output_schema;
use super::McpServer;
use crate::{commands, export, provider_arg};
use chrono::{Duration, Local};
use lookout_api::trouble::is_service;
use lookout_api::{
    IncidentList, IncidentRow, IncidentTimeline, MaintenanceList, MaintenanceRow, ProviderList,
    ProviderRow, StatsReport, TroubleReport, UptimeReport, VendorStatus,
};
use lookout_core::{catalog, masked_url, IncidentRef, MaintenanceStatus, ProviderId};
use lookout_engine::operations::history::HistoryWindow;
use lookout_engine::operations::incidents::IncidentFilter;
use lookout_engine::operations::providers::Provider;
use lookout_engine::operations::services::ServiceState;
use lookout_engine::{EngineError, Lookout};
use rmcp::handler::server::wrapper::Parameters;
use rmcp::{tool, tool_router};

#[tool_router(router = read_tools, vis = "pub(super)")]
impl McpServer {
    #[tool(
        description = "The state of one vendor now: its status, the components not operational, \
            its open incidents with the vendor's latest update, a suspected outage (Lookout's own \
            probes failing) and when its page was last read. A watched vendor answers from \
            Lookout's store (`watched: true`); any other is found in Lookout's catalogue of \
            well-known services (or taken as a status-page URL) and its page read live once \
            (`watched: false`). An unknown name is refused with the closest catalogue names.",
        output_schema = output_schema::<VendorStatus>(),
        annotations(read_only_hint = true, open_world_hint = true)
    )]
    async fn vendor_status(&self, Parameters(asked): Parameters<VendorAsked>) -> Reply {
        settle(self.vendor(&asked.name_or_url).await)
    }

    #[tool(
        description = "Is it them or us? Every watched vendor that is not operational or whose \
            probes fail, worst first, with since when and what the vendor says (its open \
            incidents' latest updates). An empty `troubled` list means nothing you depend on is \
            reported broken. Give `services` to ask only about those (vendors' names or \
            status-page URLs, or your own services as Lookout's configuration names them — \
            \"Checkout\" — which stand for the vendors they depend on); any vendor Lookout does \
            not watch is listed in `not_watched` (ask vendor_status).",
        output_schema = output_schema::<TroubleReport>(),
        annotations(read_only_hint = true)
    )]
    async fn is_it_them(&self, Parameters(asked): Parameters<ServicesAsked>) -> Reply {
        let lookout = &self.lookout;
        let read = async {
            let vendors = vendors_of(&lookout.services().await?, &asked.services);
            Ok::<_, EngineError>((lookout.provider_details().await?, vendors))
        };
        settle(match read.await {
            Ok((details, vendors)) => {
                let now = lookout.clock.now();
                Ok(answer(&TroubleReport::new(&details, &vendors, now)))
            }
            Err(error) => Err(failed(&error)),
        })
    }

    #[tool(
        description = "Every vendor status page Lookout watches, with its id, status, why it is \
            unknown when it is, when it was last read, and a suspected outage.",
        output_schema = output_schema::<ProviderList>(),
        annotations(read_only_hint = true)
    )]
    async fn list_providers(&self, Parameters(_): Parameters<NothingAsked>) -> Reply {
        let lookout = &self.lookout;
        let now = lookout.clock.now();
        settle(match lookout.provider_boards().await {
            Ok(boards) => Ok(answer(&ProviderList {
                providers: boards.iter().map(|b| ProviderRow::new(b, now)).collect(),
            })),
            Err(error) => Err(failed(&error)),
        })
    }

    #[tool(
        description = "Stored incidents of the watched vendors, newest first (best match first \
            when searching), each with its whole timeline: filter by provider, state (open, \
            resolved, any), start dates and words; at most `limit` (default 20).",
        output_schema = output_schema::<IncidentList>(),
        annotations(read_only_hint = true)
    )]
    async fn incidents(&self, Parameters(asked): Parameters<IncidentsAsked>) -> Reply {
        settle(self.incident_list(asked).await)
    }

    #[tool(
        description = "One incident: its whole timeline (each update with the vendor's text and \
            the components it touched), how long it lasted and stayed in each state, the \
            components affected at their worst, and the lead time of Lookout's probes (how long \
            before the vendor's first update they began to fail).",
        output_schema = output_schema::<IncidentTimeline>(),
        annotations(read_only_hint = true)
    )]
    async fn incident(&self, Parameters(asked): Parameters<IncidentAsked>) -> Reply {
        settle(self.timeline(asked).await)
    }

    #[tool(
        description = "Each component's exact downtime over the last days (default 90), from the \
            vendors' own timelines: seconds per status, uptime percent (time not in partial or \
            major outage over time known) and each local day's worst status.",
        output_schema = output_schema::<UptimeReport>(),
        annotations(read_only_hint = true)
    )]
    async fn uptime(&self, Parameters(asked): Parameters<HistoryAsked>) -> Reply {
        settle(match self.history(&asked).await {
            Ok((providers, window)) => match self.lookout.uptime(providers, window).await {
                Ok(report) => Ok(answer(&report)),
                Err(error) => Err(failed(&error)),
            },
            Err(refused) => Err(refused),
        })
    }

    #[tool(
        description = "Each watched vendor's incidents that started in the last days (default \
            90): how many, by impact, how long the resolved ones lasted (total, mean, median, \
            longest), the component down longest, and the median lead of Lookout's probes.",
        output_schema = output_schema::<StatsReport>(),
        annotations(read_only_hint = true)
    )]
    async fn stats(&self, Parameters(asked): Parameters<HistoryAsked>) -> Reply {
        settle(match self.history(&asked).await {
            Ok((providers, window)) => match self.lookout.stats(providers, window).await {
                Ok(report) => Ok(answer(&report)),
                Err(error) => Err(failed(&error)),
            },
            Err(refused) => Err(refused),
        })
    }

    #[tool(
        description = "Planned maintenance the watched vendors announced (or one of them, given \
            `provider`): in progress, or planned to start within the next days (default 30), \
            soonest first.",
        output_schema = output_schema::<MaintenanceList>(),
        annotations(read_only_hint = true)
    )]
    async fn maintenance(&self, Parameters(asked): Parameters<MaintenanceAsked>) -> Reply {
        settle(self.planned(asked).await)
    }
}

impl McpServer {
    /// `vendor_status`: the watched provider `asked` names from the store, else a page read live.
    async fn vendor(&self, asked: &str) -> Outcome {
        let lookout = &self.lookout;
        let asked = asked.trim();
        if let Some(id) = self.watched_service(asked).await? {
            let detail = lookout.provider_detail(id).await.map_err(|e| failed(&e))?;
            return Ok(answer(&VendorStatus::watched(&detail, lookout.clock.now())));
        }
        let url = page_of(asked)?;
        match commands::read_once(&lookout.fetcher, lookout.clock.as_ref(), &url).await {
            Ok(report) => Ok(answer(&VendorStatus::read_live(
                &report,
                lookout.clock.now(),
            ))),
            Err(why) => Err(refusal(
                "unreadable_page",
                format!(
                    "the status page at {} could not be read: {why}",
                    masked_url(&url)
                ),
            )),
        }
    }

    /// The watched provider that is the service `asked` (its id or name, or the catalogue's
    /// name or page for it); `None` when none is.
    pub(super) async fn watched_service(&self, asked: &str) -> Result<Option<ProviderId>, Refusal> {
        if let Ok(provider) = provider_arg::provider(&self.lookout, asked).await {
            return Ok(Some(provider.id));
        }
        let providers = self.lookout.providers().await.map_err(|e| failed(&e))?;
        let found = providers
            .iter()
            .find(|p| is_service(&p.name, &p.url, asked));
        Ok(found.map(|p| p.id))
    }

    /// `incidents`.
    async fn incident_list(&self, asked: IncidentsAsked) -> Outcome {
        let lookout = &self.lookout;
        let dated = export::dated(asked.since.as_deref(), asked.until.as_deref())
            .map_err(|e| refusal("bad_request", format!("{e:#}")))?;
        let provider_id = match asked.provider.as_deref() {
            Some(typed) => Some(watched(lookout, typed).await?.id),
            None => None,
        };
        let limit = asked.limit.unwrap_or(20).clamp(1, 200);
        let state = asked.state.unwrap_or(IncidentState::Any);
        let filter = IncidentFilter {
            provider_id,
            active_only: state == IncidentState::Open,
            resolved_only: state == IncidentState::Resolved,
            search: asked.search.filter(|s| !s.trim().is_empty()),
            limit: Some(limit + 1),
            ..dated
        };
        let mut found = lookout.incidents(filter).await.map_err(|e| failed(&e))?;
        let more = found.len() > limit as usize;
        found.truncate(limit as usize);
        Ok(answer(&IncidentList {
            incidents: found.iter().map(IncidentRow::new).collect(),
            more,
        }))
    }

    /// `incident`.
    async fn timeline(&self, asked: IncidentAsked) -> Outcome {
        let lookout = &self.lookout;
        let provider = watched(lookout, &asked.provider).await?;
        let which = IncidentRef::new(provider.id, asked.id.trim());
        let record = lookout.incident(which).await.map_err(|e| failed(&e))?;
        let row = IncidentRow::new(&record.stored);
        let now = lookout.clock.now();
        Ok(answer(&IncidentTimeline::new(row, record.followed, now)))
    }

    /// `maintenance`.
    async fn planned(&self, asked: MaintenanceAsked) -> Outcome {
        let lookout = &self.lookout;
        let provider_id = match asked.provider.as_deref() {
            Some(typed) => Some(watched(lookout, typed).await?.id),
            None => None,
        };
        let days = asked.days.unwrap_or(30).clamp(1, 3660);
        let horizon = lookout.clock.now() + Duration::days(i64::from(days));
        let stored = lookout
            .maintenances(provider_id)
            .await
            .map_err(|e| failed(&e))?;
        Ok(answer(&MaintenanceList {
            maintenances: stored
                .iter()
                .filter(|m| m.maintenance.status != MaintenanceStatus::Completed)
                .filter(|m| m.maintenance.scheduled_for.is_none_or(|at| at <= horizon))
                .map(MaintenanceRow::new)
                .collect(),
        }))
    }

    /// The providers and the window of days `uptime` and `stats` are asked about.
    async fn history(
        &self,
        asked: &HistoryAsked,
    ) -> Result<(Vec<Provider>, HistoryWindow), Refusal> {
        let lookout = &self.lookout;
        let days = asked.days.unwrap_or(90);
        if !(1..=3660).contains(&days) {
            return Err(refusal("bad_request", "days is 1 to 3660"));
        }
        let providers = match asked.provider.as_deref() {
            Some(typed) => vec![watched(lookout, typed).await?],
            None => lookout.providers().await.map_err(|e| failed(&e))?,
        };
        let window = HistoryWindow::last_days(&Local, lookout.clock.now(), days);
        Ok((providers, window))
    }
}

/// The watched provider `typed` names (its id or name), or a refusal saying what to give.
pub(super) async fn watched(lookout: &Lookout, typed: &str) -> Result<Provider, Refusal> {
    provider_arg::provider(lookout, typed.trim())
        .await
        .map_err(|error| {
            refusal(
                "unknown_provider",
                format!("{error:#} (list_providers gives every watched provider's name and id)"),
            )
        })
}

/// The status page to read for `asked`: a catalogue name's, or `asked` itself when it looks
/// like a URL; refused with the closest catalogue names otherwise.
pub(super) fn page_of(asked: &str) -> Result<String, Refusal> {
    if let Some(entry) = catalog::unwatchable(asked) {
        let reason = entry
            .reason
            .as_deref()
            .unwrap_or("nothing readable is published");
        return Err(refusal(
            "not_watchable",
            format!("{} cannot be watched: {reason}", entry.name),
        ));
    }
    let (entry, url) = catalog::resolve(asked);
    let looks_like_url = asked.contains('.') || asked.contains('/') || asked.contains(':');
    if entry.is_some() || looks_like_url {
        return Ok(url);
    }
    Err(refusal("unknown_vendor", unknown_vendor(asked)))
}

/// Why `asked` names no vendor, with the catalogue names that come closest.
fn unknown_vendor(asked: &str) -> String {
    let closest: Vec<&str> = catalog::search(asked, 5)
        .into_iter()
        .map(|e| e.name.as_str())
        .collect();
    let start =
        format!("No watched provider and nothing in Lookout's catalogue is named {asked:?}.");
    if closest.is_empty() {
        format!("{start} Give the vendor's status-page URL (such as https://status.example.com).")
    } else {
        format!(
            "{start} Closest catalogue names: {}. Ask again with one of them, or with the \
             vendor's status-page URL.",
            closest.join(", ")
        )
    }
}

/// `asked` with each of your services (by name, any case) replaced by the vendors it depends
/// on; other names (vendors, URLs) kept as they are.
fn vendors_of(services: &[ServiceState], asked: &[String]) -> Vec<String> {
    let mut vendors: Vec<String> = Vec::new();
    for name in asked {
        let service = services
            .iter()
            .find(|s| s.name.eq_ignore_ascii_case(name.trim()));
        let named: Vec<String> = match service {
            Some(service) => service
                .dependencies
                .iter()
                .map(|d| d.provider.clone())
                .collect(),
            None => vec![name.clone()],
        };
        for vendor in named {
            if !vendors.iter().any(|v| v.eq_ignore_ascii_case(&vendor)) {
                vendors.push(vendor);
            }
        }
    }
    vendors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn your_service_stands_for_the_vendors_it_depends_on() {
        use lookout_core::services::{affected, Criticality, Dependency, ServiceSpec};
        let uses = |provider: &str| Dependency {
            provider: provider.into(),
            components: vec![],
            regions: vec![],
        };
        let checkout = ServiceSpec {
            name: "Checkout".into(),
            criticality: Criticality::High,
            depends_on: vec![uses("Stripe"), uses("Clerk")],
            alert: false,
        };
        let picture = |name: &str| lookout_core::services::ProviderPicture {
            name: name.into(),
            status: lookout_core::ComponentStatus::Operational,
            unknown: None,
            unknown_since: None,
            status_since: None,
            components: vec![],
            component_since: Default::default(),
            suspected_since: None,
        };
        let services = affected(&[checkout], &[picture("Stripe"), picture("Clerk")]);
        let asked = ["checkout".to_string(), "GitHub".into(), "stripe".into()];
        assert_eq!(vendors_of(&services, &asked), ["Stripe", "Clerk", "GitHub"]);
    }

    #[test]
    fn an_unknown_vendor_is_refused_with_the_closest_names() {
        let refused = page_of("Githib").unwrap_err();
        let text = serde_json::to_string(&refused.content).unwrap();
        assert!(text.contains("unknown_vendor"), "{text}");
        assert!(text.contains("GitHub"), "{text}");
        let nothing = unknown_vendor("zzzzqqqq");
        assert!(nothing.contains("status-page URL"), "{nothing}");
        assert!(!nothing.contains("Closest"), "{nothing}");
    }

    #[test]
    fn a_catalogue_name_or_a_url_is_a_page_to_read() {
        assert!(page_of("GitHub").unwrap().starts_with("https://"));
        assert_eq!(
            page_of("https://status.example.com").unwrap(),
            "https://status.example.com"
        );
    }
}
