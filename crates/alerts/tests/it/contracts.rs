//! The bodies Lookout posts, as a whole, under snapshot: the signed JSON webhook (its
//! documented payload, with the engine's events), Slack, Discord and Teams, for one provider's
//! incident and for a test message. A renamed field shows up here, not at a receiver.

use crate::{add, at, observe};
use chrono::Utc;
use lookout_alerts::message;
use lookout_alerts::pass::plan;
use lookout_alerts::sinks::body;
use lookout_alerts::SinkKind;
use lookout_store::Store;

fn incident_message() -> lookout_alerts::Message {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    plan(&mut store, "sink:1", at(-90), at(-1), &Utc).unwrap();
    observe(&mut store, acme, "Acme", 2, at(12));
    let mut messages = plan(&mut store, "sink:1", at(-90), at(12), &Utc).unwrap();
    assert_eq!(messages.len(), 1);
    messages.remove(0)
}

#[test]
fn every_kind_of_sink_gets_the_same_message_in_its_own_shape() {
    let message = incident_message();
    for kind in [
        SinkKind::Webhook,
        SinkKind::Slack,
        SinkKind::Discord,
        SinkKind::Teams,
    ] {
        insta::assert_json_snapshot!(
            format!("incident_{}", kind.as_str()),
            body(kind, &message).unwrap()
        );
    }
}

#[test]
fn a_test_message_has_the_documented_shape() {
    let message = message::test("lookout-sink-1-test-1".into(), "ops", at(0));
    insta::assert_json_snapshot!("test_webhook", body(SinkKind::Webhook, &message).unwrap());
}

#[test]
fn paging_requests_have_the_documented_shape() {
    use lookout_alerts::paging::{
        opsgenie_alert, opsgenie_close, pagerduty_event, paging_requests, PagingAction,
        PagingRequest,
    };
    let message = incident_message();
    let found = paging_requests(&message);
    assert_eq!(
        found.len(),
        1,
        "the incident triggers; its component change does not page"
    );
    let trigger = &found[0];
    let resolve = PagingRequest {
        action: PagingAction::Resolve,
        ..trigger.clone()
    };
    let id = &message.delivery_id;
    insta::assert_json_snapshot!(
        "pagerduty_trigger",
        pagerduty_event(trigger, "ROUTING-KEY", id)
    );
    insta::assert_json_snapshot!(
        "pagerduty_resolve",
        pagerduty_event(&resolve, "ROUTING-KEY", id)
    );
    insta::assert_json_snapshot!("opsgenie_create", opsgenie_alert(trigger, id));
    insta::assert_json_snapshot!("opsgenie_close", opsgenie_close(&resolve));
}
