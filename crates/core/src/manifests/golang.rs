//! Go: `go.mod`'s `require` lines (single and in blocks), not those marked `// indirect` (a
//! dependency of a dependency) nor any in a comment.

/// The modules `go.mod` requires directly, with their versions.
pub fn manifest(text: &str) -> Vec<(String, Option<String>)> {
    let mut modules = Vec::new();
    let mut in_block = false;
    for raw in text.lines() {
        let indirect = raw.contains("// indirect");
        let line = super::without_line_comment(raw, "//").trim();
        if in_block {
            if line.starts_with(')') {
                in_block = false;
            } else if !indirect {
                modules.extend(module(line));
            }
            continue;
        }
        let Some(rest) = line.strip_prefix("require") else {
            continue;
        };
        let rest = rest.trim();
        if rest.starts_with('(') {
            in_block = true;
        } else if !indirect && !rest.is_empty() {
            modules.extend(module(rest));
        }
    }
    modules
}

/// `path version` → the module path and its version.
fn module(line: &str) -> Option<(String, Option<String>)> {
    let mut words = line.split_whitespace();
    let path = words.next()?.trim_matches('"');
    Some((path.to_string(), words.next().and_then(super::non_empty)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_requirements_only() {
        let text = "module example.com/shop\n// require github.com/stripe/stripe-go/v76 v76.0.0\n\
            require github.com/getsentry/sentry-go v0.27.0\nrequire (\n\
            \tgithub.com/aws/aws-sdk-go-v2 v1.24.0\n\tgithub.com/slack-go/slack v0.12.0 // indirect\n)\n";
        assert_eq!(
            manifest(text),
            vec![
                (
                    "github.com/getsentry/sentry-go".to_string(),
                    Some("v0.27.0".to_string())
                ),
                (
                    "github.com/aws/aws-sdk-go-v2".to_string(),
                    Some("v1.24.0".to_string())
                ),
            ]
        );
    }
}
