//! `lookout config export|apply`: a database's configuration exported, applied to an empty
//! database and exported again gives the same file; applying twice changes nothing the second
//! time; a bad file is an error naming its line and key and changes nothing; secrets stay
//! `${ENV}` placeholders; `--dry-run` changes nothing, a provider's removal shown with its
//! incidents.

use crate::stdout;
use lookout_store::Store;
use std::path::Path;
use std::process::{Command, Output};

/// Runs `lookout` on `db` with `args` and the environment variables `env`.
fn lookout_env(db: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lookout"));
    command
        .args(args)
        .env("LOOKOUT_DB", db)
        .env("RUST_LOG", "off")
        .env_remove("LOOKOUT_SINK_URL")
        .env_remove("LOOKOUT_SINK_SECRET");
    for (name, value) in env {
        command.env(name, value);
    }
    command.output().expect("lookout runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

const SLACK: &str = "https://hooks.slack.com/services/T000/B000/slack-secret-path";
const RELAY: &str = "https://relay.example.com/hooks/relay-secret-path";
const SIGNING: &str = "whsec_signing-secret-value";

fn env() -> [(&'static str, &'static str); 3] {
    [
        ("SLACK_URL", SLACK),
        ("RELAY_URL", RELAY),
        ("RELAY_SECRET", SIGNING),
    ]
}

const SOURCE: &str = r#"
[rules]
events = ["incident_opened", "incident_resolved", "provider_unreachable"]
remind_before = "2h"

[[sinks]]
kind = "slack"
name = "Team Slack"
url = "${SLACK_URL}"

[[sinks]]
kind = "webhook"
name = "Relay"
url = "${RELAY_URL}"
secret = "${RELAY_SECRET}"

[[providers]]
name = "GitHub"
url = "https://www.githubstatus.com"
platform = "statuspage"
interval = 120
components = ["api", "actions"]

[providers.rules]
min_severity = "partial_outage"
sinks = ["os", "Team Slack"]

[[providers]]
name = "OpenAI"
url = "https://status.openai.com"
platform = "incident_io"

[[probes]]
provider = "GitHub"
url = "https://api.github.com/zen"
every = 30
"#;

fn write(dir: &Path, name: &str, text: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, text).unwrap();
    path
}

fn export(db: &Path) -> String {
    let out = lookout_env(db, &["config", "export"], &[]);
    assert!(out.status.success(), "{out:?}");
    stdout(&out)
}

fn apply(db: &Path, file: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["config", "apply", file.to_str().unwrap()];
    args.extend_from_slice(extra);
    lookout_env(db, &args, &env())
}

#[test]
fn an_export_applied_to_an_empty_database_exports_the_same_file_and_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let first = dir.path().join("first.db");
    let source = write(dir.path(), "source.toml", SOURCE);
    let applied = apply(&first, &source, &[]);
    assert!(applied.status.success(), "{applied:?}");
    // What the CLI changes besides the file: a lasting snooze, quiet hours, a probe.
    for args in [
        &["snooze", "OpenAI", "8h"][..],
        &["rules", "quiet-hours", "22:00-07:00", "--days", "mon-fri"],
        &[
            "probe",
            "add",
            "OpenAI",
            "https://api.openai.com/v1/models",
            "--expect",
            "401",
        ],
    ] {
        let out = lookout_env(&first, args, &[]);
        assert!(out.status.success(), "{args:?}: {out:?}");
    }
    let exported = export(&first);
    assert!(exported.contains("[quiet_hours]"), "{exported}");
    assert!(exported.contains("snoozed_until = \""), "{exported}");
    assert!(exported.contains("expect = \"401\""), "{exported}");

    let second = dir.path().join("second.db");
    let file = write(dir.path(), "exported.toml", &exported);
    let applied = apply(&second, &file, &[]);
    assert!(applied.status.success(), "{applied:?}");
    let said = stdout(&applied);
    for line in [
        "added sink Team Slack (slack)",
        "added sink Relay (webhook)",
        "added provider GitHub (https://www.githubstatus.com, every 120 s)",
        "added provider OpenAI (https://status.openai.com, every 60 s)",
        "added probe of GitHub https://api.github.com/zen (every 30 s)",
        "added quiet hours",
        "changed rules (events, maintenance reminders)",
    ] {
        assert!(said.lines().any(|l| l == line), "{line:?} not in:\n{said}");
    }
    assert_eq!(export(&second), exported);

    let again = apply(&second, &file, &[]);
    assert!(again.status.success(), "{again:?}");
    assert_eq!(stdout(&again), "no changes\n");
    assert_eq!(stdout(&apply(&first, &file, &[])), "no changes\n");
}

#[test]
fn a_bad_file_is_an_error_naming_its_line_and_key_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let good = write(dir.path(), "good.toml", SOURCE);
    assert!(apply(&db, &good, &[]).status.success());
    let before = export(&db);
    // Each mistake, and where it is: (what to replace, by what, line, key).
    let mistakes = [
        (
            "interval = 120",
            "intervall = 120",
            21,
            "providers.intervall",
        ),
        (
            "interval = 120",
            "interval = \"two minutes\"",
            21,
            "providers.interval",
        ),
        (
            "url = \"https://status.openai.com\"",
            "url = \"status.openai.com\"",
            30,
            "providers.url",
        ),
        ("every = 30", "every = 5", 36, "probes.every"),
        (
            "kind = \"slack\"",
            "kind = \"carrier-pigeon\"",
            7,
            "sinks.kind",
        ),
        (
            "url = \"${SLACK_URL}\"",
            "url = \"${NOT_SET_ANYWHERE}\"",
            9,
            "sinks.url",
        ),
        (
            "url = \"${RELAY_URL}\"",
            "url = \"ftp://relay.example.com\"",
            14,
            "sinks.url",
        ),
        (
            "sinks = [\"os\", \"Team Slack\"]",
            "sinks = [\"os\", \"Pager\"]",
            26,
            "providers.rules.sinks",
        ),
    ];
    for (from, to, line, key) in mistakes {
        assert!(SOURCE.contains(from), "{from}");
        // The mistake in a file that also removes OpenAI and adds a provider: none of it happens.
        let text = SOURCE
            .replacen(from, to, 1)
            .replace("name = \"OpenAI\"", "name = \"OpenAI Platform\"");
        let bad = write(dir.path(), "bad.toml", &text);
        let out = apply(&db, &bad, &[]);
        assert_eq!(out.status.code(), Some(3), "{to}: {out:?}");
        let error = stderr(&out);
        let place = format!("bad.toml:{line}:");
        assert!(error.contains(&place), "{to}: expected {place} in {error}");
        assert!(error.contains(key), "{to}: expected {key} in {error}");
        assert_eq!(stdout(&out), "", "{to}");
        assert_eq!(export(&db), before, "{to} changed the database");
    }
}

#[test]
fn secrets_stay_placeholders_and_the_applied_sink_has_the_environment_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let source = write(dir.path(), "source.toml", SOURCE);
    assert!(apply(&db, &source, &[]).status.success());
    // A sink added by the CLI with its URL written out.
    let literal = "https://hooks.slack.com/services/T1/B1/literal-secret-path";
    let added = lookout_env(
        &db,
        &["sinks", "add", "slack", literal, "--name", "Ops Room"],
        &[],
    );
    assert!(added.status.success(), "{added:?}");

    let store = Store::open(&db).unwrap();
    let sinks = store.sinks().unwrap();
    let slack = sinks.iter().find(|s| s.name == "Team Slack").unwrap();
    assert_eq!(slack.url, SLACK);
    assert_eq!(slack.url_env.as_deref(), Some("SLACK_URL"));
    let relay = sinks.iter().find(|s| s.name == "Relay").unwrap();
    assert_eq!(
        (relay.url.as_str(), relay.secret.as_deref()),
        (RELAY, Some(SIGNING))
    );
    drop(store);

    let exported = export(&db);
    for secret in [
        "slack-secret-path",
        "relay-secret-path",
        SIGNING,
        "literal-secret-path",
    ] {
        assert!(!exported.contains(secret), "{secret} exported:\n{exported}");
    }
    assert!(exported.contains("url = \"${SLACK_URL}\""), "{exported}");
    assert!(exported.contains("url = \"${RELAY_URL}\""), "{exported}");
    assert!(
        exported.contains("secret = \"${RELAY_SECRET}\""),
        "{exported}"
    );
    assert!(
        exported.contains("url = \"${LOOKOUT_SINK_OPS_ROOM_URL}\""),
        "{exported}"
    );
    let comment = exported
        .lines()
        .find(|l| l.starts_with('#') && l.contains("Ops Room"))
        .expect("a comment says the URL is a derived placeholder");
    assert!(comment.contains("written out"), "{comment}");

    // Applied again: the derived variable is needed, and then it changes only the placeholder.
    let file = write(dir.path(), "exported.toml", &exported);
    let missing = apply(&db, &file, &[]);
    assert_eq!(missing.status.code(), Some(3));
    assert!(
        stderr(&missing).contains("LOOKOUT_SINK_OPS_ROOM_URL is not set"),
        "{missing:?}"
    );
    let mut with_it = env().to_vec();
    with_it.push(("LOOKOUT_SINK_OPS_ROOM_URL", literal));
    let out = lookout_env(&db, &["config", "apply", file.to_str().unwrap()], &with_it);
    assert_eq!(stdout(&out), "changed sink Ops Room (url)\n", "{out:?}");
    let store = Store::open(&db).unwrap();
    let ops = store
        .sinks()
        .unwrap()
        .into_iter()
        .find(|s| s.name == "Ops Room")
        .unwrap();
    assert_eq!(ops.url, literal);
    assert_eq!(ops.url_env.as_deref(), Some("LOOKOUT_SINK_OPS_ROOM_URL"));
}

#[test]
fn a_dry_run_changes_nothing_and_a_removed_provider_is_shown_with_its_incidents() {
    use lookout_fake_status_server::scenario::incident_life_for;
    use lookout_fake_status_server::{Dialect, FakeStatusServer};
    let server = FakeStatusServer::start_blocking().unwrap();
    let base = chrono::Utc::now() - chrono::Duration::hours(3);
    server.set_page(
        "acme",
        Dialect::Statuspage,
        incident_life_for(Dialect::Statuspage, 3, base),
    );
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("lookout.db");
    let source = write(dir.path(), "source.toml", SOURCE);
    assert!(apply(&db, &source, &[]).status.success());
    let added = lookout_env(
        &db,
        &["add", &server.page_url("acme"), "--name", "Acme"],
        &[],
    );
    assert!(added.status.success(), "{added:?}");
    let incidents = |db: &Path| -> usize {
        let store = Store::open(db).unwrap();
        let acme = store.providers_named("Acme").unwrap().first().map(|p| p.id);
        acme.map_or(0, |id| store.incident_count(id).unwrap() as usize)
    };
    let n = incidents(&db);
    assert!(n >= 1, "the fake page's incident is stored");
    let before = export(&db);
    assert!(before.contains("name = \"Acme\""), "{before}");

    // The source file lacks Acme (and changes GitHub's interval).
    let file = write(
        dir.path(),
        "next.toml",
        &SOURCE.replace("interval = 120", "interval = 300"),
    );
    let removal = format!(
        "removed provider Acme (its {n} incident{} deleted)",
        if n == 1 { "" } else { "s" }
    );
    let dry = apply(&db, &file, &["--dry-run"]);
    assert!(dry.status.success(), "{dry:?}");
    let said = stdout(&dry);
    assert!(
        said.lines().any(|l| l == removal),
        "{removal:?} not in:\n{said}"
    );
    assert!(
        said.lines()
            .any(|l| l == "changed provider GitHub (interval 120 → 300)"),
        "{said}"
    );
    assert!(stderr(&dry).contains("dry run: nothing was changed"));
    assert_eq!(export(&db), before);
    assert_eq!(incidents(&db), n);

    let real = apply(&db, &file, &[]);
    assert!(real.status.success(), "{real:?}");
    assert_eq!(stdout(&real), said, "the dry run said what applying does");
    assert_eq!(incidents(&db), 0);
    assert!(!export(&db).contains("Acme"));
    assert_eq!(stdout(&apply(&db, &file, &[])), "no changes\n");
}
