//! A state-machine property test of the alert policy: for any sequence of observations, restarts,
//! pauses, clock jumps and delivery failures, every change reaches each sink at most once, every
//! change chosen for a webhook is delivered or visibly given up, and the rules hold.

use crate::{add, at, observe};
use chrono::{DateTime, Duration, Utc};
use lookout_alerts::send::{next_step, Failure};
use lookout_alerts::{plan, take_os_notifications, AlertSettings, Message, ProviderRules};
use lookout_core::ProviderId;
use lookout_core::{ComponentStatus, EventKind, Impact};
use lookout_store::{Attempt, IncidentFilter, Store};
use proptest::prelude::*;
use std::collections::HashMap;

const SINK: &str = "sink:1";

#[derive(Debug, Clone)]
enum Op {
    /// Provider 0 or 1 shows this stage of the incident's life.
    Observe(usize, u8),
    /// The app (or CLI) stops and starts again.
    Restart,
    /// Pause alerts for this many minutes (0: resume).
    Pause(i64),
    /// Time passes.
    Wait(i64),
    /// An alert pass; each webhook attempt succeeds, fails for a while, or is refused.
    Pass(Vec<u8>),
}

fn op() -> impl Strategy<Value = Op> {
    prop_oneof![
        4 => (0usize..2, 0u8..=3).prop_map(|(p, s)| Op::Observe(p, s)),
        1 => Just(Op::Restart),
        1 => prop_oneof![Just(0i64), Just(30i64)].prop_map(Op::Pause),
        2 => (1i64..90).prop_map(Op::Wait),
        4 => proptest::collection::vec(0u8..3, 0..4).prop_map(Op::Pass),
    ]
}

/// The world the operations act on.
struct World {
    path: std::path::PathBuf,
    store: Store,
    ids: [ProviderId; 2],
    now: DateTime<Utc>,
    /// (provider, dedup key or kind + time) → times delivered, per sink.
    delivered: HashMap<(String, String), u32>,
    given_up: u32,
}

fn key(message: &Message) -> Vec<String> {
    message
        .events
        .iter()
        .map(|e| {
            format!(
                "{}|{}|{}",
                e.provider,
                e.kind.dedup_key().unwrap_or_default(),
                e.at
            )
        })
        .collect()
}

impl World {
    fn count(&mut self, sink: &str, message: &Message) {
        for k in key(message) {
            *self.delivered.entry((sink.to_string(), k)).or_default() += 1;
        }
    }

    /// One webhook pass, each due attempt's outcome taken from `outcomes` (0 ok, 1 5xx, 2 404).
    fn webhook_pass(&mut self, outcomes: &[u8]) {
        plan(&mut self.store, SINK, at(-1000), self.now, &Utc).unwrap();
        let due = self
            .store
            .claim_due(SINK, self.now, Duration::minutes(2))
            .unwrap();
        for (n, delivery) in due.into_iter().enumerate() {
            let result = match outcomes.get(n).copied().unwrap_or(0) {
                0 => Ok(()),
                1 => Err(Failure {
                    retryable: true,
                    reason: "503".into(),
                }),
                _ => Err(Failure {
                    retryable: false,
                    reason: "404".into(),
                }),
            };
            let step = next_step(result, delivery.attempts + 1, self.now);
            if step == Attempt::Sent {
                let message: Message = serde_json::from_str(&delivery.payload).unwrap();
                self.count(SINK, &message);
            }
            if matches!(step, Attempt::GaveUp(_)) {
                self.given_up += 1;
            }
            self.store
                .finish_delivery(&delivery.id, &step, self.now)
                .unwrap();
        }
    }

    fn os_pass(&mut self) -> Vec<Message> {
        let messages = take_os_notifications(&mut self.store, self.now, &Utc).unwrap();
        for m in &messages {
            self.count("os", m);
        }
        messages
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn each_change_reaches_each_sink_at_most_once_and_webhooks_at_least_once(
        ops in proptest::collection::vec(op(), 1..30)
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("lookout.db");
        let mut store = Store::open(&path).unwrap();
        let ids = [add(&mut store, "Acme"), add(&mut store, "Globex")];
        store.add_sink("webhook", "ops", "http://127.0.0.1:9/hook", None, at(-200)).unwrap();
        // Globex alerts only from a partial outage up.
        let serious = ProviderRules {
            min_severity: Some(ComponentStatus::PartialOutage),
            ..ProviderRules::default()
        };
        serious.save(&mut store, ids[1]).unwrap();
        for (id, name) in ids.iter().zip(["Acme", "Globex"]) {
            observe(&mut store, *id, name, 0, at(-100));
        }
        let mut world = World { path, store, ids, now: at(0), delivered: HashMap::new(), given_up: 0 };

        for op in ops {
            match op {
                Op::Observe(p, stage) => {
                    let name = ["Acme", "Globex"][p];
                    observe(&mut world.store, world.ids[p], name, stage, world.now);
                }
                Op::Restart => {
                    world.store = Store::open(&world.path).unwrap();
                }
                Op::Pause(minutes) => {
                    let settings = AlertSettings {
                        paused_until: (minutes > 0).then(|| world.now + Duration::minutes(minutes)),
                        ..AlertSettings::default()
                    };
                    settings.save(&mut world.store).unwrap();
                }
                Op::Wait(minutes) => world.now += Duration::minutes(minutes),
                Op::Pass(outcomes) => {
                    let paused = AlertSettings::load(&world.store).unwrap().paused_at(world.now);
                    let globex = world.store.incidents(&IncidentFilter {
                        provider_id: Some(world.ids[1]),
                        ..IncidentFilter::default()
                    }).unwrap();
                    let globex_minor = globex.iter().all(|i| i.incident.impact == Impact::Minor);
                    let shown = world.os_pass();
                    prop_assert!(!paused || shown.is_empty(), "sent while paused: {shown:?}");
                    for message in &shown {
                        for event in &message.events {
                            // Severity is the worse of the change's own impact and its
                            // incident's impact at decision time.
                            let below = match &event.kind {
                                EventKind::IncidentOpened { impact, .. } => *impact == Impact::Minor && globex_minor,
                                EventKind::IncidentUpdated { .. } | EventKind::IncidentResolved { .. } => globex_minor,
                                _ => false,
                            };
                            prop_assert!(
                                !(event.provider == "Globex" && below),
                                "below Globex's minimum severity: {event:?}"
                            );
                        }
                    }
                    world.webhook_pass(&outcomes);
                }
            }
        }
        // Drain: the receiver recovers; after enough time every chosen change has arrived
        // once, or its delivery was given up (and logged).
        for _ in 0..8 {
            world.now += Duration::hours(2);
            world.webhook_pass(&[]);
        }
        for ((sink, event), times) in &world.delivered {
            prop_assert_eq!(*times, 1, "{} got {} {} times", sink, event, times);
        }
        let log = world.store.delivery_log(1000).unwrap();
        prop_assert!(log.iter().all(|d| d.state != "pending"), "left pending: {log:?}");
        let failed = log.iter().filter(|d| d.state == "failed").count();
        prop_assert_eq!(u32::try_from(failed).unwrap(), world.given_up);
    }
}
