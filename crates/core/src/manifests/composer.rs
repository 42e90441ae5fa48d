//! PHP: `composer.json`'s `require` (not `require-dev`, nor `php` and `ext-*`), and the
//! versions `composer.lock` pins.

use serde_json::Value;

/// The packages `require` names, with their constraints as written.
pub fn manifest(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let document: Value = serde_json::from_str(text).ok()?;
    let Some(Value::Object(required)) = document.get("require") else {
        return Some(Vec::new());
    };
    Some(
        required
            .iter()
            .filter(|(name, _)| name.contains('/'))
            .map(|(name, c)| (name.clone(), c.as_str().and_then(super::non_empty)))
            .collect(),
    )
}

/// `composer.lock`'s `packages` (not `packages-dev`): name and version.
pub fn lock(text: &str) -> Option<Vec<(String, String)>> {
    let document: Value = serde_json::from_str(text).ok()?;
    let Some(Value::Array(packages)) = document.get("packages") else {
        return Some(Vec::new());
    };
    Some(
        packages
            .iter()
            .filter_map(|p| {
                let name = p.get("name")?.as_str()?;
                let version = p.get("version")?.as_str()?;
                Some((
                    name.to_string(),
                    version.trim_start_matches('v').to_string(),
                ))
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn require_without_platform_packages_or_dev() {
        let text = r#"{"require": {"php": ">=8.1", "ext-json": "*", "stripe/stripe-php": "^13.0"},
            "require-dev": {"sentry/sentry": "^4"}}"#;
        assert_eq!(
            manifest(text).unwrap(),
            vec![("stripe/stripe-php".to_string(), Some("^13.0".to_string()))]
        );
    }
}
