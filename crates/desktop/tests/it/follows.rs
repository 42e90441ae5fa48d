//! Following an incident from its page: the toggle's answer says it is followed, a resolved
//! incident cannot be followed (only unfollowed), and an unknown one is not found.

use crate::window::{follow_incident, incident};
use crate::{add, at, observe};
use lookout_core::IncidentRef;
use lookout_desktop::CommandError;
use lookout_fake_status_server::scenario::scenario_id;
use lookout_fake_status_server::Dialect;
use lookout_store::Store;

#[test]
fn an_open_incident_is_followed_and_unfollowed_a_resolved_one_only_unfollowed() {
    let mut store = Store::open_in_memory().unwrap();
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 1, at(1));
    let id = scenario_id(Dialect::Statuspage, "incident");
    assert!(
        !incident(&store, &IncidentRef::new(acme, id.as_str()), at(2))
            .unwrap()
            .followed
    );
    let followed = follow_incident(
        &mut store,
        &IncidentRef::new(acme, id.as_str()),
        true,
        at(2),
    )
    .unwrap();
    assert!(followed.followed);
    assert!(
        incident(&store, &IncidentRef::new(acme, id.as_str()), at(3))
            .unwrap()
            .followed,
        "stored"
    );

    observe(&mut store, acme, "Acme", 3, at(31));
    let unfollowed = follow_incident(
        &mut store,
        &IncidentRef::new(acme, id.as_str()),
        false,
        at(32),
    )
    .unwrap();
    assert!(!unfollowed.followed);
    let refused = CommandError::from(
        follow_incident(
            &mut store,
            &IncidentRef::new(acme, id.as_str()),
            true,
            at(33),
        )
        .unwrap_err(),
    );
    assert_eq!(refused.code, "invalid_input");
    assert!(refused.message.contains("resolved"), "{}", refused.message);
    let missing = CommandError::from(
        follow_incident(&mut store, &IncidentRef::new(acme, "nope"), true, at(33)).unwrap_err(),
    );
    assert_eq!(missing.code, "not_found");
}
