//! The platforms Lookout reads: their stable names (stored, typed, shown) and the order in which
//! detection probes them.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A status-page platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Platform {
    /// Atlassian Statuspage v2 (`/api/v2/*.json`).
    Statuspage,
    /// incident.io status pages (`/proxy/<host>` JSON, or their Statuspage-compatible layer).
    #[serde(rename = "incident_io")]
    IncidentIo,
    /// Instatus (`/summary.json` + `/v2/components.json` + `/v2/incidents.json`).
    Instatus,
    /// Better Stack status pages (`/index.json`, JSON:API).
    #[serde(rename = "betterstack")]
    BetterStack,
    /// Cachet (`/api/v1/components` + `/api/v1/incidents`).
    Cachet,
    /// status.io (`api.status.io/1.0/status/<page id>`; the stored URL is that API URL).
    #[serde(rename = "statusio")]
    StatusIo,
    /// Google Cloud's `incidents.json`.
    Gcp,
    /// Slack's `api/v2.0.0/current` + `api/v2.0.0/history`.
    Slack,
    /// The AWS Health Dashboard's `public/currentevents` (the stored URL is that document).
    Aws,
    /// Heroku Status API v4 (`api/v4/current-status` + `api/v4/incidents`).
    Heroku,
    /// Salesforce Trust (`api.status.salesforce.com/v1`; the stored URL is the instances
    /// document, `v1/instances?products=<Product>`).
    SalesforceTrust,
    /// Zendesk's Status API (`api/incidents/active` + `api/incidents/maintenance`).
    Zendesk,
    /// Stripe's own status document (`status.stripe.com/current`).
    Stripe,
    /// Azure DevOps' Status API (`status.dev.azure.com/_apis/status/health`).
    AzureDevOps,
    /// Apple System Status (`www.apple.com/support/systemstatus/data/…/system_status_<locale>.js`).
    Apple,
    /// Any RSS or Atom feed (the stored URL is the feed itself): the fallback for every vendor.
    Feed,
}

impl Platform {
    /// Every platform, in the order detection probes them (most specific documents first; AWS
    /// Apple and status.io are probed only for their own URLs).
    pub const ALL: [Platform; 16] = [
        Platform::Aws,
        Platform::Apple,
        Platform::SalesforceTrust,
        Platform::StatusIo,
        Platform::IncidentIo,
        Platform::Statuspage,
        Platform::Instatus,
        Platform::BetterStack,
        Platform::Cachet,
        Platform::Gcp,
        Platform::Slack,
        Platform::Heroku,
        Platform::Zendesk,
        Platform::Stripe,
        Platform::AzureDevOps,
        Platform::Feed,
    ];

    /// The stable name used in the database, the CLI and JSON (`statuspage`, `incident_io`…).
    pub fn as_str(self) -> &'static str {
        match self {
            Platform::Statuspage => "statuspage",
            Platform::IncidentIo => "incident_io",
            Platform::Instatus => "instatus",
            Platform::BetterStack => "betterstack",
            Platform::Cachet => "cachet",
            Platform::StatusIo => "statusio",
            Platform::Gcp => "gcp",
            Platform::Slack => "slack",
            Platform::Aws => "aws",
            Platform::Heroku => "heroku",
            Platform::SalesforceTrust => "salesforce_trust",
            Platform::Zendesk => "zendesk",
            Platform::Stripe => "stripe",
            Platform::AzureDevOps => "azure_devops",
            Platform::Apple => "apple",
            Platform::Feed => "feed",
        }
    }

    /// The name people know the platform by, for the window (`Atlassian Statuspage`…).
    pub fn label(self) -> &'static str {
        match self {
            Platform::Statuspage => "Atlassian Statuspage",
            Platform::IncidentIo => "incident.io",
            Platform::Instatus => "Instatus",
            Platform::BetterStack => "Better Stack",
            Platform::Cachet => "Cachet",
            Platform::StatusIo => "status.io",
            Platform::Gcp => "Google Cloud status",
            Platform::Slack => "Slack status",
            Platform::Aws => "AWS Health Dashboard",
            Platform::Heroku => "Heroku Status",
            Platform::SalesforceTrust => "Salesforce Trust",
            Platform::Zendesk => "Zendesk Status",
            Platform::Stripe => "Stripe Status",
            Platform::AzureDevOps => "Azure DevOps Status",
            Platform::Apple => "Apple System Status",
            Platform::Feed => "RSS/Atom feed",
        }
    }

    /// Reads a stored platform name.
    pub fn from_name(name: &str) -> Option<Platform> {
        match name {
            "statuspage" => Some(Platform::Statuspage),
            "incident_io" | "incidentio" | "incident.io" => Some(Platform::IncidentIo),
            "instatus" => Some(Platform::Instatus),
            "betterstack" | "better_stack" | "betteruptime" => Some(Platform::BetterStack),
            "cachet" => Some(Platform::Cachet),
            "statusio" | "status.io" => Some(Platform::StatusIo),
            "gcp" | "google_cloud" => Some(Platform::Gcp),
            "slack" => Some(Platform::Slack),
            "aws" | "aws_health" => Some(Platform::Aws),
            "heroku" => Some(Platform::Heroku),
            "salesforce_trust" | "salesforce" | "trust" => Some(Platform::SalesforceTrust),
            "zendesk" => Some(Platform::Zendesk),
            "stripe" => Some(Platform::Stripe),
            "azure_devops" | "azuredevops" => Some(Platform::AzureDevOps),
            "apple" | "apple_system_status" => Some(Platform::Apple),
            "feed" | "rss" | "atom" => Some(Platform::Feed),
            _ => None,
        }
    }
}

impl fmt::Display for Platform {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}
