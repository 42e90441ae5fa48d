//! Suggestions from a project folder over a real store: the walk's bounds (skipped folders,
//! depth, size, symbolic links, nothing outside the paths given), lock files lending versions
//! without counting twice, and vendors watched already marked.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use lookout_core::{Platform, SystemClock};
use lookout_engine::operations::suggestions::ProjectSuggestions;
use lookout_engine::project_files::{Node, ProjectFiles, MAX_DEPTH, MAX_FILE_BYTES};
use lookout_engine::Lookout;
use lookout_store::{NewProvider, Store};
use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Files in memory (`/`-separated paths), remembering which were read.
#[derive(Default)]
struct MemoryFiles {
    files: BTreeMap<String, Vec<u8>>,
    read: Mutex<Vec<String>>,
}

impl MemoryFiles {
    fn with(files: &[(&str, &str)]) -> MemoryFiles {
        MemoryFiles {
            files: files
                .iter()
                .map(|(p, t)| (p.to_string(), t.as_bytes().to_vec()))
                .collect(),
            read: Mutex::default(),
        }
    }
}

/// A path as the map's keys spell it (`.` is the top, joined paths lose their `./`).
fn key(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.trim_start_matches("./").trim_end_matches('/');
    if text == "." {
        String::new()
    } else {
        text.to_string()
    }
}

/// The prefix of the keys under the folder `key`.
fn under(key: &str) -> String {
    if key.is_empty() {
        String::new()
    } else {
        format!("{key}/")
    }
}

impl ProjectFiles for MemoryFiles {
    fn node(&self, path: &Path, _follow: bool) -> io::Result<Node> {
        let key = key(path);
        if let Some(bytes) = self.files.get(&key) {
            return Ok(Node::File(bytes.len() as u64));
        }
        let folder = under(&key);
        if self.files.keys().any(|k| k.starts_with(&folder)) {
            return Ok(Node::Folder);
        }
        Err(io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }

    fn names(&self, path: &Path) -> io::Result<Vec<String>> {
        let folder = under(&key(path));
        let mut names: Vec<String> = self
            .files
            .keys()
            .filter_map(|k| k.strip_prefix(&folder))
            .map(|rest| rest.split('/').next().unwrap().to_string())
            .collect();
        names.dedup();
        Ok(names)
    }

    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.read.lock().unwrap().push(key(path));
        self.files
            .get(&key(path))
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }
}

fn lookout() -> Lookout {
    Lookout::new(Store::open_in_memory().unwrap(), Arc::new(SystemClock)).unwrap()
}

async fn suggest(files: Arc<MemoryFiles>, paths: &[&str]) -> ProjectSuggestions {
    let paths = paths.iter().map(PathBuf::from).collect();
    lookout().suggestions_in(files, paths).await.unwrap()
}

fn vendors(suggested: &ProjectSuggestions) -> Vec<&str> {
    suggested
        .vendors
        .iter()
        .map(|v| v.vendor.as_str())
        .collect()
}

const STRIPE: &str = r#"{"dependencies": {"stripe": "^14.2.0"}}"#;

#[tokio::test]
async fn skipped_folders_and_siblings_are_not_read() {
    let files = Arc::new(MemoryFiles::with(&[
        ("shop/package.json", STRIPE),
        (
            "shop/node_modules/twilio/package.json",
            r#"{"dependencies": {"twilio": "1"}}"#,
        ),
        (
            "shop/.cache/package.json",
            r#"{"dependencies": {"openai": "1"}}"#,
        ),
        (
            "shop/vendor/composer.json",
            r#"{"require": {"sentry/sentry": "4"}}"#,
        ),
        (
            "shop/.github/workflows/ci.yml",
            "steps:\n  - uses: actions/checkout@v4\n",
        ),
        (
            "sibling/package.json",
            r#"{"dependencies": {"@clerk/nextjs": "5"}}"#,
        ),
    ]));
    let suggested = suggest(files.clone(), &["shop"]).await;
    assert_eq!(vendors(&suggested), ["GitHub", "Stripe"]);
    let read = files.read.lock().unwrap().clone();
    assert_eq!(read, ["shop/.github/workflows/ci.yml", "shop/package.json"]);
}

#[tokio::test]
async fn too_deep_and_too_large_are_said_not_read() {
    let deep = format!("p/{}package.json", "d/".repeat(MAX_DEPTH + 1));
    let large = format!(
        r#"{{"dependencies": {{"openai": "1"}}, "x": "{}"}}"#,
        "x".repeat(MAX_FILE_BYTES as usize)
    );
    let at_limit = format!("p/{}package.json", "d/".repeat(MAX_DEPTH));
    let files = Arc::new(MemoryFiles::with(&[
        (&deep, r#"{"dependencies": {"twilio": "1"}}"#),
        (&at_limit, STRIPE),
        ("p/big/package.json", &large),
    ]));
    let suggested = suggest(files, &["p"]).await;
    assert_eq!(vendors(&suggested), ["Stripe"]);
    assert!(
        suggested.notes.iter().any(|n| n.contains("deeper than")),
        "{:?}",
        suggested.notes
    );
    assert!(suggested
        .notes
        .iter()
        .any(|n| n.contains("p/big/package.json: larger than 4 MiB")));
}

#[tokio::test]
async fn a_lock_lends_its_version_and_nothing_is_counted_twice() {
    let files = Arc::new(MemoryFiles::with(&[
        (
            "app/package.json",
            r#"{"dependencies": {"stripe": "^14.0.0", "@sentry/node": "8"}}"#,
        ),
        (
            "app/package-lock.json",
            r#"{"packages": {"node_modules/stripe": {"version": "14.2.0"},
                "node_modules/twilio": {"version": "5.0.0"}}}"#,
        ),
        (
            "lonely/package-lock.json",
            r#"{"packages": {"node_modules/openai": {"version": "4.0.0"}}}"#,
        ),
    ]));
    let suggested = suggest(files, &["."]).await;
    assert_eq!(
        vendors(&suggested),
        ["Sentry", "Stripe"],
        "twilio and openai only in locks"
    );
    let stripe = &suggested.vendors[1];
    assert_eq!(stripe.evidence.len(), 1);
    assert_eq!(stripe.evidence[0].version.as_deref(), Some("14.2.0"));
    assert_eq!(stripe.evidence[0].file, "app/package.json");
    assert_eq!(stripe.catalogue_url, "https://status.stripe.com");
}

#[tokio::test]
async fn a_vendor_watched_already_is_marked_and_a_missing_path_refused() {
    let mut store = Store::open_in_memory().unwrap();
    let new = NewProvider {
        name: "Stripe".into(),
        url: "https://status.stripe.com".into(),
        platform: Platform::Stripe,
        poll_interval_secs: 60,
    };
    store.add_provider(&new, chrono::Utc::now()).unwrap();
    let lookout = Lookout::new(store, Arc::new(SystemClock)).unwrap();
    let files = Arc::new(MemoryFiles::with(&[(
        "a/package.json",
        r#"{"dependencies": {"stripe": "1", "openai": "4"}}"#,
    )]));
    let suggested = lookout
        .suggestions_in(files.clone(), vec!["a".into()])
        .await
        .unwrap();
    let watching: Vec<(&str, bool)> = suggested
        .vendors
        .iter()
        .map(|v| (v.vendor.as_str(), v.watching))
        .collect();
    assert_eq!(watching, [("OpenAI", false), ("Stripe", true)]);
    let missing = lookout.suggestions_in(files, vec!["nope".into()]).await;
    assert!(missing.unwrap_err().to_string().contains("nope"));
}

#[cfg(unix)]
#[tokio::test]
async fn a_symbolic_link_is_not_followed_out_of_the_path_given() {
    let dir = tempfile::tempdir().unwrap();
    let (project, outside) = (dir.path().join("project"), dir.path().join("outside"));
    std::fs::create_dir_all(&project).unwrap();
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(project.join("package.json"), STRIPE).unwrap();
    std::fs::write(
        outside.join("package.json"),
        r#"{"dependencies": {"twilio": "1"}}"#,
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, project.join("linked")).unwrap();
    std::os::unix::fs::symlink(outside.join("package.json"), project.join("linked.json")).unwrap();
    let suggested = lookout().suggestions_from(vec![project]).await.unwrap();
    assert_eq!(vendors(&suggested), ["Stripe"]);
}
