//! GitHub Actions: the `uses: owner/repo@ref` steps and jobs of workflow files
//! (`.github/workflows/*.yml`), not comments, local actions (`./…`) or `docker://` images.

/// Whether `path` (relative, `/`-separated) is a workflow file.
pub fn is_workflow(path: &str) -> bool {
    let lower = path.to_lowercase();
    let Some((folder, name)) = lower.rsplit_once('/') else {
        return false;
    };
    (folder == ".github/workflows" || folder.ends_with("/.github/workflows"))
        && (name.ends_with(".yml") || name.ends_with(".yaml"))
}

/// Each action used, as `owner/repo` with its ref.
pub fn uses(text: &str) -> Vec<(String, Option<String>)> {
    text.lines()
        .filter_map(|line| {
            let line = super::without_line_comment(line, "#").trim();
            let line = line.strip_prefix("- ").unwrap_or(line).trim_start();
            let value = line.strip_prefix("uses:")?.trim().trim_matches(['"', '\'']);
            if value.starts_with("./") || value.contains("://") {
                return None;
            }
            let (action, git_ref) = match value.split_once('@') {
                Some((a, r)) => (a, super::non_empty(r)),
                None => (value, None),
            };
            let mut parts = action.split('/');
            let (owner, repo) = (parts.next()?, parts.next()?);
            Some((format!("{owner}/{repo}"), git_ref))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_used_not_commented_or_local() {
        let text = "jobs:\n  build:\n    steps:\n      - uses: actions/checkout@v4\n\
            # - uses: getsentry/action-release@v1\n      - uses: ./local-action\n\
            - uses: 'aws-actions/configure-aws-credentials/sub@v4' # AWS\n      - uses: docker://alpine:3\n";
        assert_eq!(
            uses(text),
            vec![
                ("actions/checkout".to_string(), Some("v4".to_string())),
                (
                    "aws-actions/configure-aws-credentials".to_string(),
                    Some("v4".to_string())
                ),
            ]
        );
        assert!(is_workflow(".github/workflows/ci.yml"));
        assert!(is_workflow("app/.github/workflows/deploy.yaml"));
        assert!(!is_workflow("workflows/ci.yml"));
    }
}
