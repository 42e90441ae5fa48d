//! `lookout uptime` and `lookout stats`: each component's exact downtime over the last days, and
//! each provider's reliability, from the history the store keeps (days in the local time zone,
//! `TZ` honoured).

use crate::output;
use anyhow::Result;
use chrono::Local;
use lookout_core::event::human_duration;
use lookout_core::ComponentStatus;
use lookout_engine::operations::history::{ComponentUptime, HistoryWindow, ProviderStats};
use lookout_engine::operations::providers::Provider;
use lookout_engine::Lookout;

/// The providers asked for: the one named or numbered, else all.
async fn chosen(lookout: &Lookout, provider: Option<&str>) -> Result<Vec<Provider>> {
    match provider {
        Some(key) => Ok(vec![crate::provider_arg::provider(lookout, key).await?]),
        None => Ok(lookout.providers().await?),
    }
}

/// What `uptime` and `stats` are asked: which providers, how many days, JSON or text.
#[derive(Debug, clap::Args)]
pub struct HistoryArgs {
    /// Only this provider (id or name).
    #[arg(long)]
    pub provider: Option<String>,
    /// How many days, ending today.
    #[arg(long, default_value_t = 90, value_parser = clap::value_parser!(u32).range(1..=3660))]
    pub days: u32,
    /// Print one JSON object (its fields are in this command's help above and in the README).
    #[arg(long)]
    pub json: bool,
}

impl HistoryArgs {
    /// The providers asked for and the window of days ending now (local days, `TZ` honoured).
    async fn resolve(&self, lookout: &Lookout) -> Result<(Vec<Provider>, HistoryWindow)> {
        let providers = chosen(lookout, self.provider.as_deref()).await?;
        let now = lookout.clock.now();
        Ok((providers, HistoryWindow::last_days(&Local, now, self.days)))
    }
}

/// `lookout uptime`.
pub async fn uptime(lookout: &Lookout, args: &HistoryArgs) -> Result<u8> {
    let (providers, window) = args.resolve(lookout).await?;
    let report = lookout.uptime(providers, window).await?;
    if args.json {
        output::json(&report)?;
        return Ok(0);
    }
    let days = args.days;
    say!(
        "uptime over {days} days (each mark one day, oldest first: . up, m maintenance, ? unknown, d degraded, P partial, X major)"
    );
    for provider in &report.providers {
        say!("{}", provider.name);
        for component in &provider.components {
            say!("{}", component_line(component));
        }
    }
    Ok(0)
}

fn component_line(component: &ComponentUptime) -> String {
    let name = match &component.group {
        Some(group) => format!("{group} / {}", component.name),
        None => component.name.clone(),
    };
    let uptime = component
        .uptime_percent
        .map_or_else(|| "    —   ".to_string(), |p| format!("{p:>7.3}%"));
    let bar: String = component.days.iter().map(|d| mark(&d.worst)).collect();
    let s = &component.seconds;
    let spent: Vec<String> = [
        ("major", s.major_outage),
        ("partial", s.partial_outage),
        ("degraded", s.degraded_performance),
        ("maintenance", s.under_maintenance),
        ("unknown", s.unknown),
    ]
    .into_iter()
    .filter(|(_, seconds)| *seconds > 0)
    .map(|(what, seconds)| format!("{what} {}", human_duration(seconds)))
    .collect();
    format!("  {uptime}  {bar}  {name}  {}", spent.join(", "))
}

/// One day's mark in the text bar.
fn mark(worst: &ComponentStatus) -> char {
    match worst {
        ComponentStatus::Operational => '.',
        ComponentStatus::UnderMaintenance => 'm',
        ComponentStatus::DegradedPerformance => 'd',
        ComponentStatus::PartialOutage => 'P',
        ComponentStatus::MajorOutage => 'X',
        ComponentStatus::Unknown | ComponentStatus::Other(_) => '?',
    }
}

/// `lookout stats`.
pub async fn stats(lookout: &Lookout, args: &HistoryArgs) -> Result<u8> {
    let (providers, window) = args.resolve(lookout).await?;
    let report = lookout.stats(providers, window).await?;
    if args.json {
        output::json(&report)?;
        return Ok(0);
    }
    let days = args.days;
    say!("incidents that started in the last {days} days");
    for provider in &report.providers {
        for line in stats_lines(provider) {
            say!("{line}");
        }
    }
    Ok(0)
}

/// "  honesty: grade B — acknowledged in 12 min (median; p90 40 min), 1 outage never posted,
/// 2 incidents naming no component".
fn honesty_line(p: &ProviderStats) -> String {
    let grade = p
        .grade
        .as_deref()
        .unwrap_or("none yet (fewer than 3 outages)");
    let mut parts = Vec::new();
    if let (Some(median), Some(p90)) = (
        p.acknowledgement_median_seconds,
        p.acknowledgement_p90_seconds,
    ) {
        parts.push(format!(
            "acknowledged in {} (median; p90 {})",
            human_duration(median),
            human_duration(p90)
        ));
    }
    let plural = |n: u32| if n == 1 { "" } else { "s" };
    let (unposted, silent) = (p.unacknowledged_outages, p.incidents_without_components);
    parts.push(format!(
        "{unposted} outage{} never posted",
        plural(unposted)
    ));
    parts.push(format!(
        "{silent} incident{} naming no component",
        plural(silent)
    ));
    format!("  honesty: grade {grade} — {}", parts.join(", "))
}

fn stats_lines(p: &ProviderStats) -> Vec<String> {
    let b = &p.by_impact;
    let mut lines = vec![
        p.name.clone(),
        format!(
            "  {} incidents: {} critical, {} major, {} minor, {} none, {} maintenance",
            p.incidents, b.critical, b.major, b.minor, b.none, b.maintenance
        ),
    ];
    if let (Some(mean), Some(median)) = (p.mean_seconds, p.median_seconds) {
        lines.push(format!(
            "  resolved ones: {} in all, mean {}, median {}",
            human_duration(p.total_seconds),
            human_duration(mean),
            human_duration(median)
        ));
    }
    if let Some(longest) = &p.longest {
        lines.push(format!(
            "  longest: {} ({})",
            longest.title,
            human_duration(longest.duration_seconds)
        ));
    }
    if let Some(lead) = p.median_lead_seconds {
        lines.push(format!(
            "  your probes noticed incidents {} before the vendor posted (median)",
            human_duration(lead)
        ));
    }
    lines.push(honesty_line(p));
    if let Some(worst) = &p.worst_component {
        lines.push(format!(
            "  down longest: {} ({} in partial or major outage)",
            worst.name,
            human_duration(worst.seconds)
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::honesty_line;
    use lookout_api::{ByImpact, ProviderStats};
    use lookout_core::ProviderId;

    fn stats(grade: Option<&str>, median: Option<i64>, unposted: u32) -> ProviderStats {
        ProviderStats {
            id: ProviderId::new(1),
            name: "Acme".into(),
            incidents: 4,
            by_impact: ByImpact::default(),
            total_seconds: 0,
            mean_seconds: None,
            median_seconds: None,
            longest: None,
            worst_component: None,
            median_lead_seconds: None,
            acknowledgement_median_seconds: median,
            acknowledgement_p90_seconds: median.map(|m| m * 4),
            unacknowledged_outages: unposted,
            incidents_without_components: 1,
            grade: grade.map(String::from),
        }
    }

    #[test]
    fn the_honesty_line_says_the_grade_and_its_figures_in_words() {
        assert_eq!(
            honesty_line(&stats(Some("C"), Some(900), 1)),
            "  honesty: grade C — acknowledged in 15 min (median; p90 1 h), \
             1 outage never posted, 1 incident naming no component"
        );
        assert_eq!(
            honesty_line(&stats(None, None, 2)),
            "  honesty: grade none yet (fewer than 3 outages) — 2 outages never posted, \
             1 incident naming no component"
        );
    }
}
