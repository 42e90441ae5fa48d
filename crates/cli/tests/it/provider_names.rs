//! A provider as a person names it on the command line: by id or by name, resolved once by every
//! subcommand that takes one, and refused clearly when it names none or two providers.

use crate::lookout;
use lookout_fake_status_server::recorded::add;
use lookout_store::Store;
use std::path::Path;
use std::process::Output;

/// `lookout` refused with exit code 3 and this message.
fn assert_refused(output: &Output, message: &str) {
    assert_eq!(output.status.code(), Some(3), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(
        stderr.trim_end(),
        format!("lookout: {message}"),
        "{output:?}"
    );
    assert!(output.stdout.is_empty(), "{output:?}");
}

/// Every subcommand that names a provider, naming `typed`.
fn naming(typed: &str) -> Vec<Vec<&str>> {
    vec![
        vec!["remove", typed],
        vec!["snooze", typed, "1h"],
        vec!["rules", "set", typed, "--min-severity", "any"],
        vec!["incidents", "--provider", typed],
        vec!["export", "--provider", typed],
        vec!["uptime", "--provider", typed],
        vec!["stats", "--provider", typed],
        vec!["follow", "some-incident", "--provider", typed],
        vec!["probe", "add", typed, "https://api.example.test/health"],
        vec!["probe", "suggest", typed],
    ]
}

fn two_providers(db: &Path) {
    let mut store = Store::open(db).unwrap();
    assert_eq!(add(&mut store, "Acme").get(), 1);
    // A name that is the other provider's id.
    assert_eq!(add(&mut store, "1").get(), 2);
}

#[test]
fn an_unknown_provider_is_refused_by_every_subcommand_that_names_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    two_providers(&db);
    for typed in ["Globex", "3", "01"] {
        for args in naming(typed) {
            assert_refused(
                &lookout(Some(&db), &args),
                &format!("no provider named or numbered {typed:?}"),
            );
        }
    }
}

#[test]
fn a_text_naming_two_providers_is_refused_and_each_is_reached_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    two_providers(&db);
    for args in naming("1") {
        assert_refused(
            &lookout(Some(&db), &args),
            "\"1\" is the id of provider #1 (Acme) and the name of provider #2: \
             give #1's name or the other's id",
        );
    }
    let snoozed = lookout(Some(&db), &["snooze", "acme", "1h"]);
    assert!(snoozed.status.success(), "{snoozed:?}");
    let removed = lookout(Some(&db), &["remove", "2"]);
    assert_eq!(String::from_utf8_lossy(&removed.stdout), "removed 1 (#2)\n");
    // Its name no longer clashes: "1" is provider #1 alone.
    let removed = lookout(Some(&db), &["remove", "1"]);
    assert_eq!(
        String::from_utf8_lossy(&removed.stdout),
        "removed Acme (#1)\n"
    );
}
