//! npm: `package.json`'s `dependencies` and `optionalDependencies` (not `devDependencies` nor
//! `peerDependencies`), and the versions `package-lock.json` pins.

use serde_json::Value;

/// The packages of `dependencies` then `optionalDependencies`, with their ranges as written.
pub fn manifest(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let document: Value = serde_json::from_str(text).ok()?;
    let mut packages = Vec::new();
    for table in ["dependencies", "optionalDependencies"] {
        if let Some(Value::Object(entries)) = document.get(table) {
            for (name, range) in entries {
                let range = range.as_str().and_then(super::non_empty);
                packages.push((name.clone(), range));
            }
        }
    }
    Some(packages)
}

/// `package-lock.json` (v2 and v3: `packages["node_modules/<name>"]`; v1: `dependencies`):
/// each top-level package's version.
pub fn lock(text: &str) -> Option<Vec<(String, String)>> {
    let document: Value = serde_json::from_str(text).ok()?;
    let mut pinned = Vec::new();
    if let Some(Value::Object(packages)) = document.get("packages") {
        for (path, package) in packages {
            let Some(name) = path.strip_prefix("node_modules/") else {
                continue;
            };
            if name.contains("/node_modules/") {
                continue;
            }
            if let Some(version) = package.get("version").and_then(Value::as_str) {
                pinned.push((name.to_string(), version.to_string()));
            }
        }
    } else if let Some(Value::Object(dependencies)) = document.get("dependencies") {
        for (name, package) in dependencies {
            if let Some(version) = package.get("version").and_then(Value::as_str) {
                pinned.push((name.clone(), version.to_string()));
            }
        }
    }
    Some(pinned)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dev_and_peer_dependencies_are_left_out() {
        let text = r#"{"description": "pays with stripe", "dependencies": {"stripe": "^14.2.0"},
            "devDependencies": {"@sentry/cli": "2"}, "peerDependencies": {"twilio": "*"}}"#;
        assert_eq!(
            manifest(text).unwrap(),
            vec![("stripe".to_string(), Some("^14.2.0".to_string()))]
        );
        assert_eq!(manifest("not json"), None);
    }

    #[test]
    fn a_lock_gives_top_level_versions_only() {
        let text = r#"{"packages": {"": {}, "node_modules/stripe": {"version": "14.2.0"},
            "node_modules/a/node_modules/stripe": {"version": "1.0.0"}}}"#;
        assert_eq!(
            lock(text).unwrap(),
            vec![("stripe".to_string(), "14.2.0".to_string())]
        );
    }
}
