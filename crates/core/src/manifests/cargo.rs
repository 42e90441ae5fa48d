//! Rust: `Cargo.toml`'s `[dependencies]`, `[target.*.dependencies]` and
//! `[workspace.dependencies]` (not dev- or build-dependencies), a renamed crate by its
//! `package`; and the versions a TOML lock file (`Cargo.lock`, `poetry.lock`) pins.

use toml::{Table, Value};

/// The crates the manifest depends on at run time, with their requirements as written.
pub fn manifest(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let document: Table = toml::from_str(text).ok()?;
    let mut tables: Vec<Option<&Value>> = vec![
        document.get("dependencies"),
        document
            .get("workspace")
            .and_then(|w| w.get("dependencies")),
    ];
    if let Some(Value::Table(targets)) = document.get("target") {
        tables.extend(targets.values().map(|t| t.get("dependencies")));
    }
    Some(
        tables
            .into_iter()
            .filter_map(|t| t.and_then(Value::as_table))
            .flat_map(|t| t.iter().map(|(key, spec)| crate_of(key, spec)))
            .collect(),
    )
}

/// The crate a dependency line names (its `package` when renamed) and its version.
fn crate_of(key: &str, spec: &Value) -> (String, Option<String>) {
    match spec {
        Value::String(version) => (key.to_string(), super::non_empty(version)),
        Value::Table(table) => {
            let name = table.get("package").and_then(Value::as_str).unwrap_or(key);
            let version = table
                .get("version")
                .and_then(Value::as_str)
                .and_then(super::non_empty);
            (name.to_string(), version)
        }
        _ => (key.to_string(), None),
    }
}

/// `[[package]]`'s `name` and `version` pairs of a TOML lock file.
pub fn toml_lock(text: &str) -> Option<Vec<(String, String)>> {
    let document: Table = toml::from_str(text).ok()?;
    let Some(Value::Array(packages)) = document.get("package") else {
        return Some(Vec::new());
    };
    Some(
        packages
            .iter()
            .filter_map(|p| {
                let name = p.get("name")?.as_str()?;
                let version = p.get("version")?.as_str()?;
                Some((name.to_string(), version.to_string()))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runtime_crates_by_their_real_names() {
        let text = r#"
# sentry = "0.1" in a comment
[dependencies]
stripe = { package = "async-stripe", version = "0.39" }
[target.'cfg(unix)'.dependencies]
aws-config = "1.5"
[dev-dependencies]
octocrab = "0.4"
[build-dependencies]
sentry = "0.34"
"#;
        assert_eq!(
            manifest(text).unwrap(),
            vec![
                ("async-stripe".to_string(), Some("0.39".to_string())),
                ("aws-config".to_string(), Some("1.5".to_string())),
            ]
        );
    }
}
