//! Your services against the providers' pictures: exactly the services whose parts are in
//! trouble are affected, with why and since when; renamed parts and unwatched providers warn.

use chrono::{DateTime, TimeZone, Utc};
use lookout_core::services::{
    affected, concerned, Criticality, Dependency, ProviderPicture, ServiceSpec,
};
use lookout_core::{Component, ComponentStatus};
use std::collections::HashMap;

fn at(hour: u32, minute: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 7, hour, minute, 0).unwrap()
}

fn component(id: &str, name: &str, group: Option<&str>, status: ComponentStatus) -> Component {
    Component {
        id: id.into(),
        name: name.into(),
        group: group.map(str::to_string),
        status,
        position: (0, 0),
    }
}

fn picture(name: &str, components: Vec<Component>) -> ProviderPicture {
    ProviderPicture {
        name: name.into(),
        status: ComponentStatus::worst(components.iter().map(|c| &c.status)),
        unknown: None,
        unknown_since: None,
        status_since: None,
        components,
        component_since: HashMap::new(),
        suspected_since: None,
    }
}

fn depends(provider: &str, components: &[&str]) -> Dependency {
    Dependency {
        provider: provider.into(),
        components: components.iter().map(|c| c.to_string()).collect(),
        regions: Vec::new(),
    }
}

fn service(name: &str, criticality: Criticality, depends_on: Vec<Dependency>) -> ServiceSpec {
    ServiceSpec {
        name: name.into(),
        criticality,
        depends_on,
        alert: false,
    }
}

/// Stripe's API in a partial outage since 10:05; Clerk and AWS fine.
fn pictures() -> Vec<ProviderPicture> {
    use ComponentStatus::*;
    let mut stripe = picture(
        "Stripe",
        vec![
            component("api", "API", None, PartialOutage),
            component("checkout", "Checkout", None, Operational),
            component("dash", "Dashboard", None, Operational),
        ],
    );
    stripe.component_since.insert("api".into(), at(10, 5));
    let clerk = picture(
        "Clerk",
        vec![component("sess", "Session management", None, Operational)],
    );
    let aws = picture(
        "AWS",
        vec![
            component(
                "ec2-use1",
                "Amazon Elastic Compute Cloud (us-east-1)",
                Some("North America"),
                Operational,
            ),
            component(
                "ec2-euw1",
                "Amazon Elastic Compute Cloud (eu-west-1)",
                Some("Europe"),
                MajorOutage,
            ),
        ],
    );
    vec![stripe, clerk, aws]
}

fn specs() -> Vec<ServiceSpec> {
    vec![
        service(
            "Signup",
            Criticality::Normal,
            vec![depends("Clerk", &["Session management"])],
        ),
        service(
            "Checkout",
            Criticality::High,
            vec![
                depends("stripe", &["api", "Checkout"]),
                depends("Clerk", &["Session management"]),
            ],
        ),
        service(
            "Reports",
            Criticality::Low,
            vec![Dependency {
                provider: "AWS".into(),
                components: Vec::new(),
                regions: vec!["us-east-1".into()],
            }],
        ),
    ]
}

#[test]
fn a_component_outage_affects_exactly_the_services_that_use_it() {
    let states = affected(&specs(), &pictures());
    let names: Vec<(&str, bool)> = states
        .iter()
        .map(|s| (s.name.as_str(), s.affected))
        .collect();
    assert_eq!(
        names,
        [("Checkout", true), ("Signup", false), ("Reports", false)]
    );
    let checkout = &states[0];
    assert_eq!(checkout.reasons, ["Stripe API partial outage"]);
    assert_eq!(checkout.since, Some(at(10, 5)));
    assert_eq!(checkout.dependencies.len(), 3);
    assert!(checkout.warnings.is_empty());
    // Regions narrow AWS to us-east-1: eu-west-1's outage does not touch Reports.
    let reports = &states[2];
    assert_eq!(reports.dependencies.len(), 1);
    assert_eq!(
        reports.dependencies[0].component.as_deref(),
        Some("North America / Amazon Elastic Compute Cloud (us-east-1)")
    );
    assert_eq!(states[1].since, None);
}

#[test]
fn a_page_that_cannot_be_believed_or_a_suspicion_affects_its_services() {
    let mut pictures = pictures();
    pictures[1].unknown = Some("unreachable".into());
    pictures[1].unknown_since = Some(at(9, 0));
    pictures[1].status = ComponentStatus::Unknown;
    pictures[2].suspected_since = Some(at(11, 0));
    let states = affected(&specs(), &pictures);
    let signup = states.iter().find(|s| s.name == "Signup").unwrap();
    assert!(signup.affected);
    assert_eq!(
        signup.reasons,
        ["Clerk Session management unknown (unreachable)"]
    );
    assert_eq!(signup.dependencies[0].status, ComponentStatus::Unknown);
    let checkout = states.iter().find(|s| s.name == "Checkout").unwrap();
    assert_eq!(checkout.since, Some(at(9, 0)), "the earliest trouble");
    let reports = states.iter().find(|s| s.name == "Reports").unwrap();
    assert!(reports.affected && reports.dependencies[0].suspected);
    assert_eq!(
        reports.reasons,
        ["AWS North America / Amazon Elastic Compute Cloud (us-east-1) suspected (Lookout's probes fail)"]
    );
}

#[test]
fn a_renamed_component_and_an_unwatched_provider_warn_without_affecting() {
    let specs = vec![service(
        "Billing",
        Criticality::Normal,
        vec![
            depends("Stripe", &["Invoicing", "Checkout"]),
            depends("Twilio", &[]),
        ],
    )];
    let states = affected(&specs, &pictures());
    assert!(!states[0].affected);
    assert_eq!(
        states[0].warnings,
        [
            "Stripe \"Invoicing\" is no longer on the vendor's page",
            "\"Twilio\" is no longer watched"
        ]
    );
}

#[test]
fn a_whole_provider_and_a_group_name_are_dependencies_too() {
    let specs = vec![
        service("Status", Criticality::Normal, vec![depends("Stripe", &[])]),
        service(
            "Europe",
            Criticality::Normal,
            vec![depends("AWS", &["europe"])],
        ),
    ];
    let states = affected(&specs, &pictures());
    let status = states.iter().find(|s| s.name == "Status").unwrap();
    assert_eq!(status.dependencies[0].component, None);
    assert_eq!(status.reasons, ["Stripe partial outage"]);
    assert_eq!(status.since, Some(at(10, 5)), "its API's outage began then");
    let europe = states.iter().find(|s| s.name == "Europe").unwrap();
    assert_eq!(
        europe.reasons,
        ["AWS Europe / Amazon Elastic Compute Cloud (eu-west-1) major outage"]
    );
}

#[test]
fn a_change_concerns_the_services_that_use_what_it_names() {
    let ok = ComponentStatus::Operational;
    let stripe = vec![
        component("api", "API", None, ok.clone()),
        component("use1", "EC2 (us-east-1)", Some("Compute"), ok.clone()),
        component("euw1", "EC2 (eu-west-1)", Some("Compute"), ok),
    ];
    let mut east = depends("Stripe", &["Compute"]);
    east.regions = vec!["us-east-1".into()];
    let specs = vec![
        service(
            "Checkout",
            Criticality::High,
            vec![depends("stripe", &["API"])],
        ),
        service("East", Criticality::Normal, vec![east]),
        service("Whole", Criticality::Low, vec![depends("Stripe", &[])]),
        service("Other", Criticality::Low, vec![depends("Clerk", &[])]),
    ];
    let names = |changed: &[&str]| -> Vec<String> {
        let changed: Vec<String> = changed.iter().map(|c| c.to_string()).collect();
        concerned(&specs, "Stripe", &stripe, &changed)
            .iter()
            .map(|s| s.name.clone())
            .collect()
    };
    assert_eq!(names(&["api"]), ["Checkout", "Whole"]);
    assert_eq!(names(&["use1"]), ["East", "Whole"]);
    assert_eq!(names(&["euw1"]), ["Whole"], "outside East's region");
    assert_eq!(
        names(&[]),
        ["Checkout", "East", "Whole"],
        "a change naming no part"
    );
}
