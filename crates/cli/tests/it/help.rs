//! The help a person reads: every sink kind named where sinks are offered, and the contract of
//! `watch` (its metrics, their limits and token, its JSON stderr), `services`, `suggest` and
//! `catalog update` under snapshot.

use crate::{lookout, stdout};

/// The seven kinds of sink `lookout sinks add` takes, as the help names them.
const SINK_KINDS: [&str; 7] = [
    "Slack",
    "Discord",
    "Teams",
    "webhook",
    "PagerDuty",
    "Opsgenie",
    "e-mail",
];

#[test]
fn lookout_help_and_sinks_help_name_all_seven_sink_kinds() {
    for args in [&["--help"][..], &["sinks", "--help"]] {
        let help = stdout(&lookout(None, args));
        let about = help.split("Usage:").next().unwrap();
        for kind in SINK_KINDS {
            assert!(
                about.contains(kind),
                "`lookout {}` omits {kind}:\n{help}",
                args.join(" ")
            );
        }
        assert!(!help.contains("Teams or webhooks"), "{help}");
    }
}

#[test]
fn watch_and_sinks_help_keep_their_documented_text() {
    insta::assert_snapshot!("watch_help", stdout(&lookout(None, &["watch", "--help"])));
    insta::assert_snapshot!("sinks_help", stdout(&lookout(None, &["sinks", "--help"])));
    insta::assert_snapshot!(
        "services_help",
        stdout(&lookout(None, &["services", "--help"]))
    );
    insta::assert_snapshot!(
        "suggest_help",
        stdout(&lookout(None, &["suggest", "--help"]))
    );
    insta::assert_snapshot!(
        "catalog_update_help",
        stdout(&lookout(None, &["catalog", "update", "--help"]))
    );
}
