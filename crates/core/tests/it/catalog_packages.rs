//! The catalogue's package map as shipped: every vendor a catalogue entry, every ecosystem one
//! `lookout suggest` reads, no package claimed by two vendors, and the well-known vendors there.

use lookout_core::catalog;
use lookout_core::catalog_packages::{self, map};
use lookout_core::manifests::Ecosystem;
use std::collections::HashMap;

#[test]
fn the_embedded_map_parses_and_names_catalogue_entries_and_ecosystems() {
    let parsed = catalog_packages::parse(catalog_packages::SOURCE).expect("the map parses");
    assert_eq!(parsed.len(), map().len());
    let mut owners: HashMap<(String, String), &str> = HashMap::new();
    for vendor in map() {
        assert!(
            catalog::find(&vendor.vendor).is_some_and(|e| e.name == vendor.vendor),
            "{} is not a catalogue entry's name",
            vendor.vendor
        );
        assert!(
            !vendor.packages.is_empty(),
            "{} maps nothing",
            vendor.vendor
        );
        for (ecosystem, packages) in &vendor.packages {
            let known = Ecosystem::named(ecosystem);
            assert!(
                known.is_some(),
                "{}: unknown ecosystem {ecosystem}",
                vendor.vendor
            );
            for package in packages {
                let star = package.find('*');
                assert!(
                    !package.trim().is_empty() && star.is_none_or(|i| i == package.len() - 1),
                    "{}: {package:?} (a `*` only at the end)",
                    vendor.vendor
                );
                let key = (ecosystem.clone(), known.unwrap().normalised(package));
                if let Some(other) = owners.insert(key, &vendor.vendor) {
                    panic!(
                        "{ecosystem} {package} is both {other}'s and {}'s",
                        vendor.vendor
                    );
                }
            }
        }
    }
}

#[test]
fn the_well_known_vendors_are_mapped() {
    let mapped: Vec<&str> = map().iter().map(|v| v.vendor.as_str()).collect();
    assert!(mapped.len() >= 30, "{} vendors", mapped.len());
    for wanted in [
        "Stripe",
        "Clerk",
        "OpenAI",
        "Anthropic",
        "Twilio",
        "Sentry",
        "AWS",
        "Google Cloud",
        "Azure",
        "Supabase",
        "Vercel",
        "Netlify",
        "Cloudflare",
        "GitHub",
        "Datadog",
        "SendGrid",
        "Mailgun",
        "MongoDB Atlas",
        "PlanetScale",
        "Neon",
        "Pusher",
        "Segment",
        "LaunchDarkly",
        "Slack",
        "Shopify",
        "PayPal",
        "Braintree",
        "Heroku",
        "DigitalOcean",
        "Fly.io",
        "Docker",
    ] {
        assert!(mapped.contains(&wanted), "{wanted} is not mapped");
    }
}
