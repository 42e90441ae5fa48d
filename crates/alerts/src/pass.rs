//! One alert pass for a sink: judge every change not yet decided for it, group what goes out (one
//! message per provider; a summary above [`SUMMARY_ABOVE`] providers; one "offline" notice when
//! every provider is unreachable), record the decisions and the queued messages in one
//! transaction, then (for the configured sinks) send what is due, retrying failures on later
//! passes. Paging services (PagerDuty, Opsgenie) get incidents and suspected outages only, one
//! message per provider.

use crate::error::{AlertError, Result};
use crate::facts::{alerting_services, concerns_alerting_service, facts, followed, judged_against};
use crate::message::{self, Message, ProviderRef};
use crate::policy::{judge, severity, Situation, Verdict};
use crate::rules::{AlertSettings, ProviderRules};
use crate::send::{next_step, Sender};
use chrono::{DateTime, Duration, TimeZone, Utc};
use lookout_core::{Event, EventKind, ProviderId};
use lookout_store::{Attempt, Provider, RecordedEvent, SharedStore, Store};
use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

/// The ledger's name for the OS notification centre.
pub const OS_SINK: &str = "os";

/// Changes older than this when first seen undecided are not sent (a long-closed app does not
/// replay yesterday's incidents).
pub const HORIZON: Duration = Duration::hours(6);

/// Above this many providers changing in one pass, one summary is sent instead.
pub const SUMMARY_ABOVE: usize = 3;

/// What a pass of the webhook sinks did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DeliveryReport {
    /// Messages accepted by their sink.
    pub sent: usize,
    /// Messages that failed and will be retried.
    pub retrying: usize,
    /// Messages given up.
    pub failed: usize,
}

impl DeliveryReport {
    /// Counts one delivery's outcome, and logs a failure of the sink named `sink`.
    fn count(&mut self, step: &Attempt, sink: &str) {
        match step {
            Attempt::Sent => self.sent += 1,
            Attempt::Retry(_, why) => {
                log::warn!("alert to {sink} failed, will retry: {why}");
                self.retrying += 1;
            }
            Attempt::GaveUp(why) => {
                log::error!("alert to {sink} given up: {why}");
                self.failed += 1;
            }
        }
    }
}

pub(crate) fn delivery_id(sink: &str, tag: &str, first_event: i64) -> String {
    format!("lookout-{}-{tag}{first_event}", sink.replace(':', "-"))
}

/// Decides and queues what `sink` is owed at `now` (changes since `since`), in one transaction,
/// and returns the messages queued. `tz` is the user's time zone (quiet hours). The reading and
/// the deciding happen in that transaction too, so two processes planning at once (the app and
/// `lookout poll`) never both queue the same change.
pub fn plan<Tz: TimeZone>(
    store: &mut Store,
    sink: &str,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Vec<Message>> {
    store.atomically(|store| plan_now(store, sink, false, since, now, tz))
}

/// Why a change that a paging service is not told of was skipped for it.
const NOT_PAGED: &str = "not paged: only incidents and suspected outages page";

/// What was decided for each pending change.
#[derive(Default)]
struct Decisions {
    /// Changes not sent to this sink, with why.
    skipped: Vec<(i64, String)>,
    /// Changes to send, by provider.
    chosen: BTreeMap<ProviderId, Vec<RecordedEvent>>,
    /// `provider_unreachable` changes while every provider is down: one "offline" notice.
    offline: Vec<RecordedEvent>,
}

impl Decisions {
    /// An "offline" change: skipped while alerts are paused, else part of the one notice.
    fn take_offline(&mut self, record: RecordedEvent, paused: bool) {
        match paused {
            true => self.skipped.push((record.id, "alerts paused".into())),
            false => self.offline.push(record),
        }
    }

    /// Leaves only what pages (incidents and suspected outages); the rest is skipped.
    fn keep_pages(&mut self) {
        for record in self.offline.drain(..) {
            self.skipped.push((record.id, NOT_PAGED.into()));
        }
        for records in self.chosen.values_mut() {
            let (paged, not): (Vec<_>, Vec<_>) = records
                .drain(..)
                .partition(|r| crate::paging::is_paged(&r.event.kind));
            self.skipped
                .extend(not.into_iter().map(|r| (r.id, NOT_PAGED.to_string())));
            *records = paged;
        }
        self.chosen.retain(|_, records| !records.is_empty());
    }
}

/// The providers, by id, and how many are enabled.
struct Providers {
    by_id: HashMap<ProviderId, Provider>,
    enabled: usize,
}

/// `pages`: the sink is a paging service (see [`crate::SinkKind::pages`]).
fn plan_now<Tz: TimeZone>(
    store: &mut Store,
    sink: &str,
    pages: bool,
    since: DateTime<Utc>,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Vec<Message>> {
    let pending = store.undelivered(sink, since.max(now - HORIZON), now)?;
    if pending.is_empty() {
        return Ok(Vec::new());
    }
    let by_id: HashMap<ProviderId, Provider> =
        store.providers()?.into_iter().map(|p| (p.id, p)).collect();
    let providers = Providers {
        enabled: by_id.values().filter(|p| p.enabled).count(),
        by_id,
    };
    let mut decisions = decide(store, sink, pending, &providers, now, tz)?;
    if pages {
        decisions.keep_pages();
    }
    let skipped = std::mem::take(&mut decisions.skipped);
    let parts = compose(store, sink, decisions, &providers, !pages, now, tz)?;
    queue(store, sink, &skipped, parts, now)
}

/// Judges every pending change for `sink` against the rules in force at `now`.
fn decide<Tz: TimeZone>(
    store: &Store,
    sink: &str,
    pending: Vec<RecordedEvent>,
    providers: &Providers,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Decisions> {
    let settings = AlertSettings::load(store)?;
    let local_now = now.with_timezone(tz).naive_local();
    let all_down = all_unreachable(store, providers)?;
    let alerting = alerting_services(store)?;
    let mut decisions = Decisions::default();
    // What each provider's changes are judged against, read once per provider.
    let mut known: HashMap<ProviderId, (ProviderRules, Vec<String>, bool)> = HashMap::new();
    for record in pending {
        let Some(provider) = providers.by_id.get(&record.provider_id) else {
            decisions
                .skipped
                .push((record.id, "provider removed".into()));
            continue;
        };
        let offline = matches!(record.event.kind, EventKind::NetworkOffline { .. })
            || (all_down && matches!(record.event.kind, EventKind::ProviderUnreachable { .. }));
        if offline {
            decisions.take_offline(record, settings.paused_at(now));
            continue;
        }
        if let Entry::Vacant(slot) = known.entry(provider.id) {
            slot.insert(judged_against(store, provider.id)?);
        }
        let (rules, watched, has_open_incident) = &known[&provider.id];
        let (components, implied) = facts(store, &record)?;
        let situation = Situation {
            settings: &settings,
            rules,
            sink,
            now,
            local_now,
            severity: severity(&record.event.kind, implied),
            components: &components,
            watched,
            has_open_incident: *has_open_incident,
            followed: followed(store, &record)?,
            service_alert: concerns_alerting_service(store, &alerting, provider, &components)?,
        };
        match judge(&record.event.kind, &situation) {
            Verdict::Send => decisions
                .chosen
                .entry(provider.id)
                .or_default()
                .push(record),
            Verdict::Skip(reason) => decisions.skipped.push((record.id, reason.into())),
        }
    }
    Ok(decisions)
}

/// Whether two or more providers are enabled and none of them can be read (the user's network,
/// not theirs, is likely down).
fn all_unreachable(store: &Store, providers: &Providers) -> Result<bool> {
    let mut all_down = providers.enabled >= 2;
    for p in providers.by_id.values().filter(|p| p.enabled) {
        all_down &= store.poll_state(p.id)?.unreachable;
    }
    Ok(all_down)
}

/// The messages for what was chosen: one per provider (a summary above [`SUMMARY_ABOVE`] when
/// `summarise`), and one offline notice; each with the ids of the changes it carries; times of
/// day in `tz`.
fn compose<Tz: TimeZone>(
    store: &Store,
    sink: &str,
    decisions: Decisions,
    providers: &Providers,
    summarise: bool,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Vec<(Message, Vec<i64>)>> {
    let mut parts: Vec<(Message, Vec<i64>)> = Vec::new();
    let services = match decisions.chosen.is_empty() {
        true => Vec::new(),
        false => store.affected_services(now)?,
    };
    for (provider_id, records) in decisions.chosen {
        let provider = &providers.by_id[&provider_id];
        let ids: Vec<i64> = records.iter().map(|r| r.id).collect();
        let events: Vec<Event> = records.into_iter().map(|r| r.event).collect();
        let message = message::for_provider(
            delivery_id(sink, "e", ids[0]),
            ProviderRef {
                id: provider.id,
                name: provider.name.clone(),
                // Sent to every sink: its credentials and query values masked.
                url: lookout_core::masked_url(&provider.url),
            },
            &store.provider_status(provider_id, now)?,
            events,
            now,
            tz,
        )
        .affecting(message::services_affected_by(&services, &provider.name));
        parts.push((message, ids));
    }
    if summarise && parts.len() > SUMMARY_ABOVE {
        let ids: Vec<i64> = parts.iter().flat_map(|(_, ids)| ids.clone()).collect();
        let first = ids.iter().copied().min().unwrap_or_default();
        let messages = parts.into_iter().map(|(m, _)| m).collect();
        parts = vec![(
            message::summary(delivery_id(sink, "s", first), messages, now),
            ids,
        )];
    }
    if !decisions.offline.is_empty() {
        let ids: Vec<i64> = decisions.offline.iter().map(|r| r.id).collect();
        let events = decisions.offline.into_iter().map(|r| r.event).collect();
        let id = delivery_id(sink, "o", ids[0]);
        parts.push((message::offline(id, providers.enabled, events, now), ids));
    }
    Ok(parts)
}

/// Records the decisions and queues the messages; returns the messages.
fn queue(
    store: &mut Store,
    sink: &str,
    skipped: &[(i64, String)],
    parts: Vec<(Message, Vec<i64>)>,
    now: DateTime<Utc>,
) -> Result<Vec<Message>> {
    let mut queued = Vec::with_capacity(parts.len());
    for (message, ids) in &parts {
        let payload =
            serde_json::to_string(message).map_err(|e| AlertError::Delivery(e.to_string()))?;
        queued.push((
            message.delivery_id.clone(),
            message.title.clone(),
            payload,
            ids.clone(),
        ));
    }
    store.queue_deliveries(sink, skipped, &queued, now)?;
    Ok(parts.into_iter().map(|(m, _)| m).collect())
}

/// The OS notifications owed at `now`: planned, claimed and marked sent at once (best effort,
/// once: a notification the OS drops is not shown again).
pub fn take_os_notifications<Tz: TimeZone>(
    store: &mut Store,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<Vec<Message>> {
    store.atomically(|store| {
        plan_now(store, OS_SINK, false, now - HORIZON, now, tz)?;
        let mut out = Vec::new();
        for due in store.claim_due(OS_SINK, now, Duration::minutes(1))? {
            store.finish_delivery(&due.id, &Attempt::Sent, now)?;
            match serde_json::from_str::<Message>(&due.payload) {
                Ok(message) => out.push(message),
                Err(error) => log::warn!("unreadable queued notification {}: {error}", due.id),
            }
        }
        Ok(out)
    })
}

/// Plans every enabled sink (webhooks, paging services, e-mail) and sends what is due (new
/// messages and retries). The store is used on blocking threads only, never while a sink is
/// being waited for.
pub async fn deliver_webhooks<Tz>(
    store: &SharedStore,
    sender: &Sender,
    now: DateTime<Utc>,
    tz: &Tz,
) -> Result<DeliveryReport>
where
    Tz: TimeZone + Send + Sync + 'static,
{
    let sinks: Vec<_> = store
        .run(|s| s.sinks())
        .await?
        .into_iter()
        .filter(|s| s.enabled)
        .collect();
    let mut report = DeliveryReport::default();
    for sink in &sinks {
        let name = sink.ledger_name();
        let (since, tz) = (sink.created_at, tz.clone());
        let pages = crate::SinkKind::parse(&sink.kind).is_ok_and(|k| k.pages());
        let due = store
            .run(move |s| {
                s.atomically(|s| {
                    plan_now(s, &name, pages, since, now, &tz)?;
                    let lease = Duration::minutes(2);
                    match pages {
                        // A resolve never overtakes its trigger's retry.
                        true => s.claim_due_in_order(&name, now, lease),
                        false => s.claim_due(&name, now, lease),
                    }
                    .map_err(AlertError::from)
                })
            })
            .await?;
        for delivery in due {
            let outcome = match serde_json::from_str::<Message>(&delivery.payload) {
                Ok(message) => sender.send(sink, &message).await,
                Err(error) => Err(crate::send::Failure {
                    retryable: false,
                    reason: format!("unreadable message: {error}"),
                }),
            };
            let step = next_step(outcome, delivery.attempts + 1, now);
            let wait = pages && matches!(step, Attempt::Retry(..));
            report.count(&step, &sink.name);
            store
                .run(move |s| s.finish_delivery(&delivery.id, &step, now))
                .await?;
            if wait {
                // The later deliveries of this sink wait for this one (their lease runs out, and
                // they are claimed again once it is through).
                break;
            }
        }
    }
    Ok(report)
}
