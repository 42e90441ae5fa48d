//! `lookout follow`: follow one incident, to be told of each of its updates (at the provider's
//! sinks and as OS notifications) whatever the rules say, until it is resolved; list what is
//! followed; stop following.

use crate::output;
use anyhow::{bail, Result};
use clap::Args;
use lookout_core::IncidentRef;
use lookout_engine::operations::incidents::{IncidentFilter, StoredIncident};
use lookout_engine::Lookout;
use serde_json::json;

/// `lookout follow [<incident>] [--provider P] [--stop] [--json]`.
#[derive(Debug, Args)]
pub struct FollowArgs {
    /// The incident's id (as `lookout incidents` shows it); without it, list what is followed.
    incident: Option<String>,
    /// The provider (id or name), when two providers have incidents with this id.
    #[arg(long)]
    provider: Option<String>,
    /// Stop following it.
    #[arg(long, requires = "incident")]
    stop: bool,
    /// With no incident: print JSON, a list of {provider, incident_id, title, resolved,
    /// followed_at}.
    #[arg(long, conflicts_with = "incident")]
    json: bool,
}

/// Runs `lookout follow`.
pub async fn follow(lookout: &Lookout, args: &FollowArgs) -> Result<u8> {
    let Some(id) = args.incident.as_deref() else {
        return list(lookout, args.json).await;
    };
    let incident = find(lookout, id, args.provider.as_deref()).await?;
    let (provider, title) = (&incident.provider, &incident.incident.title);
    let which = IncidentRef::new(incident.provider_id, id);
    if args.stop {
        if lookout.unfollow_incident(which).await? {
            say!("no longer following {provider}: {title}");
        } else {
            say!("{provider}: {title} was not followed");
        }
        return Ok(0);
    }
    if incident.incident.resolved_at.is_some() {
        bail!("{provider}: {title} is resolved already: nothing more to follow");
    }
    if lookout.follow_incident(which).await? {
        say!("following {provider}: {title} — each update is told until it is resolved");
    } else {
        say!("already following {provider}: {title}");
    }
    Ok(0)
}

/// The one incident with this id (of this provider, when given).
async fn find(lookout: &Lookout, id: &str, provider: Option<&str>) -> Result<StoredIncident> {
    let provider_id = crate::provider_arg::optional_provider_id(lookout, provider).await?;
    let filter = IncidentFilter {
        provider_id,
        incident_id: Some(id.to_string()),
        ..IncidentFilter::default()
    };
    let mut found = lookout.incidents(filter).await?;
    match found.len() {
        0 => bail!("no incident {id:?}: see `lookout incidents` for their ids"),
        1 => Ok(found.remove(0)),
        _ => {
            let names: Vec<&str> = found.iter().map(|i| i.provider.as_str()).collect();
            bail!(
                "{} providers have an incident {id:?} ({}): say which with --provider",
                names.len(),
                names.join(", ")
            )
        }
    }
}

async fn list(lookout: &Lookout, json: bool) -> Result<u8> {
    let followed = lookout.followed_incidents().await?;
    if json {
        let rows: Vec<serde_json::Value> = followed
            .iter()
            .map(|f| {
                json!({
                    "provider": f.provider, "incident_id": f.incident_id, "title": f.title,
                    "resolved": f.resolved, "followed_at": f.followed_at,
                })
            })
            .collect();
        output::json(&rows)?;
        return Ok(0);
    }
    if followed.is_empty() {
        say!("no incident followed: lookout follow <incident id>");
    }
    for f in &followed {
        let state = if f.resolved { "resolved" } else { "open" };
        say!("{}: {} [{}] — {state}", f.provider, f.title, f.incident_id);
    }
    Ok(0)
}
