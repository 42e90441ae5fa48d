//! The platforms Lookout reads, the documents each one serves, and the pure parsers that turn a
//! document's bytes into a [`Snapshot`]. URL rules live in [`endpoints`]; nothing here does IO.

pub mod apple;
pub mod aws_health;
pub mod azure_devops;
pub mod betterstack;
pub mod budget;
pub mod cachet;
pub mod date_range;
pub mod encoding;
pub mod endpoints;
pub mod feed;
pub mod gcp;
pub mod heroku;
pub mod incidentio;
pub mod instatus;
mod platform;
pub mod salesforce_trust;
pub mod slack;
pub mod statusio;
pub mod statuspage;
pub mod stripe;
pub mod time;
pub mod zendesk;

pub use platform::Platform;

use crate::error::SourceError;
use crate::model::{Component, Snapshot};
use std::cmp::Ordering;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// A vendor's component status word, `unknown` when there is none.
pub(crate) fn status_word(word: Option<&str>) -> crate::status::ComponentStatus {
    use crate::status::ComponentStatus;
    non_empty(word).map_or(ComponentStatus::Unknown, ComponentStatus::parse)
}

/// Components in page order (position, then id).
pub(crate) fn sort_by_position(components: &mut [crate::model::Component]) {
    components.sort_by(|a, b| a.position.cmp(&b.position).then_with(|| a.id.cmp(&b.id)));
}

/// The trimmed text, or `None` when it is missing or blank.
pub(crate) fn non_empty(text: Option<&str>) -> Option<&str> {
    text.map(str::trim).filter(|t| !t.is_empty())
}

/// `ids` without repeats, in first-seen order (linear: a hostile page may list one id many
/// thousands of times).
pub(crate) fn unique_ids<'a>(ids: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    ids.into_iter()
        .filter(|id| seen.insert(*id))
        .map(str::to_string)
        .collect()
}

/// Components gathered from many records, one per id at the worst status any record gives it
/// (linear: an id is found through an index, not by scanning what was gathered).
#[derive(Debug, Default)]
pub(crate) struct WorstById {
    components: Vec<Component>,
    index: std::collections::HashMap<String, usize>,
}

impl WorstById {
    /// Adds `component`, or makes the one with its id as bad as it.
    pub(crate) fn add(&mut self, component: Component) {
        match self.index.get(&component.id) {
            Some(&at) => {
                let known = &mut self.components[at];
                known.status = known.status.clone().worse(component.status);
            }
            None => {
                self.index
                    .insert(component.id.clone(), self.components.len());
                self.components.push(component);
            }
        }
    }

    /// Adds a component known by its id and name only (no group; placed once ranked).
    pub(crate) fn add_ungrouped(
        &mut self,
        id: String,
        name: String,
        status: &crate::status::ComponentStatus,
    ) {
        self.add(Component {
            id,
            name,
            group: None,
            status: status.clone(),
            position: (0, 0),
        });
    }

    /// The components in the order `compare` gives (a stable sort: ties stay in the order first
    /// seen), each placed at its rank.
    pub(crate) fn into_ranked_by(
        self,
        compare: impl FnMut(&Component, &Component) -> Ordering,
    ) -> Vec<Component> {
        let mut components = self.components;
        components.sort_by(compare);
        for (rank, component) in components.iter_mut().enumerate() {
            component.position = (i64::try_from(rank).unwrap_or(i64::MAX), 0);
        }
        components
    }
}

/// A `Malformed` error for `what`, saying `detail`.
pub(crate) fn malformed(what: &'static str, detail: &str) -> SourceError {
    SourceError::Malformed {
        what,
        detail: detail.to_string(),
    }
}

/// Runs `reader`, the reader of the document `what`; a panic in it becomes
/// [`SourceError::ReaderFailed`], so a page that trips a bug is one unreadable page, not a crash.
pub(crate) fn guard_reader<T>(
    what: &'static str,
    reader: impl FnOnce() -> Result<T, SourceError>,
) -> Result<T, SourceError> {
    catch_unwind(AssertUnwindSafe(reader)).unwrap_or(Err(SourceError::ReaderFailed { what }))
}

/// One kind of document a platform serves; each has its own parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Document {
    /// Statuspage (or incident.io's compatible layer) `/api/v2/summary.json`: current state.
    StatuspageSummary,
    /// Statuspage `/api/v2/incidents.json`: the last 50 incidents with timelines.
    StatuspageIncidents,
    /// Statuspage `/api/v2/scheduled-maintenances.json`.
    StatuspageMaintenances,
    /// incident.io `/proxy/<host>`: components, groups, affected components, ongoing incidents.
    IncidentIoSummary,
    /// incident.io `/proxy/<host>/incidents`: incident and maintenance history with timelines.
    IncidentIoIncidents,
    /// Instatus `/summary.json`: active incidents and maintenances.
    InstatusSummary,
    /// Instatus `/v2/components.json`: components with their groups.
    InstatusComponents,
    /// Instatus `/v2/incidents.json`: incident history with timelines.
    InstatusIncidents,
    /// Better Stack `/index.json`: resources, sections and status reports.
    BetterStackIndex,
    /// Cachet `/api/v1/components`.
    CachetComponents,
    /// Cachet `/api/v1/incidents`.
    CachetIncidents,
    /// status.io `1.0/status/<page id>`.
    StatusIoStatus,
    /// Google Cloud `incidents.json`.
    GcpIncidents,
    /// Slack `api/v2.0.0/current`.
    SlackCurrent,
    /// Slack `api/v2.0.0/history`: past incidents and maintenances.
    SlackHistory,
    /// AWS Health `public/currentevents` (UTF-16 JSON).
    AwsHealthEvents,
    /// Heroku `api/v4/current-status`: systems, open incidents, announced maintenances.
    HerokuCurrentStatus,
    /// Heroku `api/v4/incidents`: incident history with timelines.
    HerokuIncidents,
    /// Salesforce Trust `v1/instances…`: instances, with any embedded incidents and maintenances.
    TrustInstances,
    /// Salesforce Trust `v1/incidents/active`: every product's open incidents.
    TrustIncidents,
    /// Zendesk `api/incidents/active`: active incidents with their updates and services.
    ZendeskActive,
    /// Zendesk `api/incidents/maintenance`: announced and running maintenances.
    ZendeskMaintenance,
    /// Stripe `current`: the rollup status and each part's status.
    StripeCurrent,
    /// Azure DevOps `_apis/status/health`: the all-up health and each service's geographies.
    AzureDevOpsHealth,
    /// Apple System Status `system_status_<locale>.js` (JSONP): services and their events.
    AppleStatus,
    /// An RSS 2.0 or Atom feed.
    Feed,
}

/// Titles of the placeholders a new Statuspage page ships with (and a page never configured
/// still serves): they are not the vendor's history, so they are never stored, shown or alerted.
const TEMPLATE_EXAMPLES: [&str; 3] = [
    "this is an example incident",
    "this is an example scheduled maintenance",
    "this is an example maintenance",
];

fn is_template_example(title: &str) -> bool {
    let title = title.trim().trim_end_matches('.').to_lowercase();
    TEMPLATE_EXAMPLES.contains(&title.as_str())
}

/// Removes the Statuspage template's example incident and maintenance from `snapshot`.
fn drop_template_examples(snapshot: &mut Snapshot) {
    snapshot
        .incidents
        .retain(|i| !is_template_example(&i.title));
    snapshot
        .maintenances
        .retain(|m| !is_template_example(&m.title));
}

impl Document {
    /// Every document Lookout reads.
    pub const ALL: [Document; 26] = [
        Document::StatuspageSummary,
        Document::StatuspageIncidents,
        Document::StatuspageMaintenances,
        Document::IncidentIoSummary,
        Document::IncidentIoIncidents,
        Document::InstatusSummary,
        Document::InstatusComponents,
        Document::InstatusIncidents,
        Document::BetterStackIndex,
        Document::CachetComponents,
        Document::CachetIncidents,
        Document::StatusIoStatus,
        Document::GcpIncidents,
        Document::SlackCurrent,
        Document::SlackHistory,
        Document::AwsHealthEvents,
        Document::HerokuCurrentStatus,
        Document::HerokuIncidents,
        Document::TrustInstances,
        Document::TrustIncidents,
        Document::ZendeskActive,
        Document::ZendeskMaintenance,
        Document::StripeCurrent,
        Document::AzureDevOpsHealth,
        Document::AppleStatus,
        Document::Feed,
    ];
}

impl Document {
    /// Parses `body` as this document; what it dates out of range is dropped, with a warning
    /// ([`date_range::keep_in_range`]), and a panic in the reader is a
    /// [`SourceError::ReaderFailed`].
    pub fn parse(self, body: &[u8]) -> Result<Snapshot, SourceError> {
        if self.is_plain_json() {
            budget::json::check(body)?;
        }
        let mut snapshot = guard_reader(self.describe(), || self.read(body))?;
        budget::check(&snapshot)?;
        drop_template_examples(&mut snapshot);
        date_range::keep_in_range(&mut snapshot);
        Ok(snapshot)
    }

    /// Whether the body is JSON as served (AWS Health's is UTF-16 and Apple's wrapped in a call,
    /// each checked once decoded or unwrapped).
    fn is_plain_json(self) -> bool {
        !matches!(
            self,
            Document::Feed | Document::AwsHealthEvents | Document::AppleStatus
        )
    }

    /// The platform parser of this document, as it reads `body`.
    fn read(self, body: &[u8]) -> Result<Snapshot, SourceError> {
        match self {
            Document::StatuspageSummary => statuspage::parse_summary(body),
            Document::StatuspageIncidents => statuspage::parse_incidents(body),
            Document::StatuspageMaintenances => statuspage::parse_maintenances(body),
            Document::IncidentIoSummary => incidentio::parse_summary(body),
            Document::IncidentIoIncidents => incidentio::parse_incidents(body),
            Document::InstatusSummary => instatus::parse_summary(body),
            Document::InstatusComponents => instatus::parse_components(body),
            Document::InstatusIncidents => instatus::parse_incidents(body),
            Document::BetterStackIndex => betterstack::parse_index(body),
            Document::CachetComponents => cachet::parse_components(body),
            Document::CachetIncidents => cachet::parse_incidents(body),
            Document::StatusIoStatus => statusio::parse_status(body),
            Document::GcpIncidents => gcp::parse_incidents(body),
            Document::SlackCurrent => slack::parse_current(body),
            Document::SlackHistory => slack::parse_history(body),
            Document::AwsHealthEvents => aws_health::parse_current_events(body),
            Document::HerokuCurrentStatus => heroku::parse_current_status(body),
            Document::HerokuIncidents => heroku::parse_incidents(body),
            Document::TrustInstances => salesforce_trust::parse_instances(body),
            Document::TrustIncidents => salesforce_trust::parse_incidents(body),
            Document::ZendeskActive => zendesk::parse_active(body),
            Document::ZendeskMaintenance => zendesk::parse_maintenance(body),
            Document::StripeCurrent => stripe::parse_current(body),
            Document::AzureDevOpsHealth => azure_devops::parse_health(body),
            Document::AppleStatus => apple::parse_status(body),
            Document::Feed => feed::parse_feed(body),
        }
    }

    /// A short human name, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            Document::StatuspageSummary => "summary.json",
            Document::StatuspageIncidents => "incidents.json",
            Document::StatuspageMaintenances => "scheduled-maintenances.json",
            Document::IncidentIoSummary => "incident.io summary",
            Document::IncidentIoIncidents => "incident.io incidents",
            Document::InstatusSummary => "Instatus summary.json",
            Document::InstatusComponents => "Instatus components.json",
            Document::InstatusIncidents => "Instatus incidents.json",
            Document::BetterStackIndex => "Better Stack index.json",
            Document::CachetComponents => "Cachet components",
            Document::CachetIncidents => "Cachet incidents",
            Document::StatusIoStatus => "status.io status",
            Document::GcpIncidents => "Google Cloud incidents.json",
            Document::SlackCurrent => "Slack current status",
            Document::SlackHistory => "Slack history",
            Document::AwsHealthEvents => "AWS Health current events",
            Document::HerokuCurrentStatus => "Heroku current-status",
            Document::HerokuIncidents => "Heroku incidents",
            Document::TrustInstances => "Salesforce Trust instances",
            Document::TrustIncidents => "Salesforce Trust incidents",
            Document::ZendeskActive => "Zendesk active incidents",
            Document::ZendeskMaintenance => "Zendesk maintenance incidents",
            Document::StripeCurrent => "Stripe current status",
            Document::AzureDevOpsHealth => "Azure DevOps health",
            Document::AppleStatus => "Apple system status",
            Document::Feed => "RSS/Atom feed",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panicking_reader_is_an_error_naming_the_document() {
        let what = Document::StatuspageIncidents.describe();
        let result: Result<Snapshot, SourceError> = guard_reader(what, || {
            panic!("index out of bounds in a vendor's timeline")
        });
        let err = result.unwrap_err();
        assert!(matches!(
            err,
            SourceError::ReaderFailed {
                what: "incidents.json"
            }
        ));
        assert_eq!(
            err.to_string(),
            "the incidents.json reader failed on this page"
        );
    }

    #[test]
    fn a_reader_that_returns_is_passed_through() {
        let read = guard_reader("feed", || Ok(Snapshot::default()));
        assert_eq!(read.unwrap(), Snapshot::default());
        let refused: Result<Snapshot, SourceError> =
            guard_reader("feed", || Err(SourceError::Empty));
        assert!(matches!(refused, Err(SourceError::Empty)));
    }

    #[test]
    fn a_page_read_after_a_panic_is_read_as_usual() {
        let _ = guard_reader("feed", || -> Result<(), SourceError> { panic!("boom") });
        let snapshot = Document::StatuspageIncidents
            .parse(br#"{"incidents": []}"#)
            .unwrap();
        assert!(snapshot.incidents.is_empty());
    }
}
