//! Python: `requirements*.txt` (not those named for development or tests, such as
//! `requirements-dev.txt`), and `pyproject.toml`'s `[project]` dependencies (optional ones
//! too) and `[tool.poetry.dependencies]` (not Poetry's groups nor `[dependency-groups]`).

use toml::{Table, Value};

/// Whether a (lowercase) file name is a requirements file that counts: `requirements*.txt`
/// without `dev`, `test`, `lint`, `doc` or `ci` in its name.
pub fn is_requirements(name: &str) -> bool {
    name.starts_with("requirements")
        && name.ends_with(".txt")
        && !["dev", "test", "lint", "doc", "ci"]
            .iter()
            .any(|word| name.contains(word))
}

/// The packages of a requirements file: one requirement a line, comments, options (`-r`,
/// `--hash`…) and URLs or paths left out.
pub fn requirements(text: &str) -> Vec<(String, Option<String>)> {
    text.lines()
        .map(|line| super::without_line_comment(line, "#").trim())
        .filter(|line| !line.is_empty() && !line.starts_with('-'))
        .filter_map(requirement)
        .collect()
}

/// A PEP 508 requirement (`stripe[async]==7.1.0 ; python_version >= "3.8"`): its name and its
/// version (the pinned one for `==`, else the specifier as written).
fn requirement(text: &str) -> Option<(String, Option<String>)> {
    let text = text.split(';').next().unwrap_or_default().trim();
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || "._-".contains(c)))
        .unwrap_or(text.len());
    let name = &text[..end];
    if name.is_empty() || !name.starts_with(|c: char| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut rest = text[end..].trim_start();
    if rest.starts_with('[') {
        rest = rest.split_once(']').map(|(_, r)| r).unwrap_or_default();
    }
    let rest = rest.trim();
    if rest.starts_with('@') || rest.contains("://") {
        return Some((name.to_string(), None));
    }
    let rest = rest.trim_start_matches('(').trim_end_matches(')').trim();
    let version = match rest.strip_prefix("==") {
        Some(pinned) if !pinned.contains(',') => super::non_empty(pinned),
        _ => super::non_empty(rest),
    };
    Some((name.to_string(), version))
}

/// `pyproject.toml`'s run-time dependencies (PEP 621, then Poetry's).
pub fn pyproject(text: &str) -> Option<Vec<(String, Option<String>)>> {
    let document: Table = toml::from_str(text).ok()?;
    let mut packages = Vec::new();
    if let Some(project) = document.get("project") {
        let strings = |v: &Value| -> Vec<String> {
            v.as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let mut listed: Vec<String> = project.get("dependencies").map(strings).unwrap_or_default();
        if let Some(Value::Table(extras)) = project.get("optional-dependencies") {
            listed.extend(extras.values().flat_map(strings));
        }
        packages.extend(listed.iter().filter_map(|r| requirement(r)));
    }
    let poetry = document
        .get("tool")
        .and_then(|t| t.get("poetry"))
        .and_then(|p| p.get("dependencies"));
    if let Some(Value::Table(dependencies)) = poetry {
        for (name, spec) in dependencies.iter().filter(|(n, _)| *n != "python") {
            let version = match spec {
                Value::String(v) => super::non_empty(v),
                Value::Table(t) => t
                    .get("version")
                    .and_then(Value::as_str)
                    .and_then(super::non_empty),
                _ => None,
            };
            packages.push((name.clone(), version));
        }
    }
    Some(packages)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requirements_without_comments_options_or_urls() {
        let text = "# stripe is next\n-r base.txt\nboto3==1.34.0  # AWS\nsentry-sdk[flask]>=1.40\n\
            openai ; python_version > '3.8'\n./local/pkg\n--hash=sha256:abc\n";
        assert_eq!(
            requirements(text),
            vec![
                ("boto3".to_string(), Some("1.34.0".to_string())),
                ("sentry-sdk".to_string(), Some(">=1.40".to_string())),
                ("openai".to_string(), None),
            ]
        );
    }

    #[test]
    fn requirements_files_for_development_do_not_count() {
        assert!(is_requirements("requirements.txt"));
        assert!(is_requirements("requirements-prod.txt"));
        assert!(!is_requirements("requirements-dev.txt"));
        assert!(!is_requirements("requirements_test.txt"));
    }

    #[test]
    fn pyproject_without_groups() {
        let text = r#"
[project]
dependencies = ["anthropic>=0.30", "twilio==9.0.0"]
[project.optional-dependencies]
aws = ["boto3"]
[tool.poetry.dependencies]
python = "^3.11"
stripe = { version = "^7.0", extras = ["async"] }
[tool.poetry.group.dev.dependencies]
sentry-sdk = "*"
"#;
        let names: Vec<String> = pyproject(text).unwrap().into_iter().map(|p| p.0).collect();
        assert_eq!(names, ["anthropic", "twilio", "boto3", "stripe"]);
    }
}
