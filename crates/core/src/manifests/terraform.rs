//! Terraform: the providers of `required_providers` blocks in `*.tf` files (their `source`, or
//! `hashicorp/<name>` when none is given), outside comments; and the versions
//! `.terraform.lock.hcl` pins.

/// The providers every `required_providers` block names, as `namespace/type`.
pub fn required_providers(text: &str) -> Vec<(String, Option<String>)> {
    let text = without_comments(text);
    let mut providers = Vec::new();
    let mut rest = text.as_str();
    while let Some(at) = rest.find("required_providers") {
        rest = rest[at + "required_providers".len()..].trim_start();
        let Some(after) = rest.strip_prefix('{') else {
            continue;
        };
        let body = block_body(after);
        providers.extend(entries(body));
        rest = &after[body.len()..];
    }
    providers
}

/// Each `name = { source = "…", version = "…" }` (or `name = "version"`) of a block's body.
fn entries(body: &str) -> Vec<(String, Option<String>)> {
    let mut found = Vec::new();
    let mut rest = body;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq].split_whitespace().last().unwrap_or_default();
        let name = name.trim_matches('"').to_string();
        let value = rest[eq + 1..].trim_start();
        if let Some(inner) = value.strip_prefix('{') {
            let inner = block_body(inner);
            let source = setting(inner, "source").unwrap_or_else(|| format!("hashicorp/{name}"));
            found.push((source_name(&source), setting(inner, "version")));
            rest = &value[1 + inner.len()..];
        } else {
            let version = value.strip_prefix('"').and_then(|v| v.split('"').next());
            found.push((
                format!("hashicorp/{name}"),
                version.and_then(super::non_empty),
            ));
            rest = value.split_once('\n').map(|(_, r)| r).unwrap_or_default();
        }
    }
    found
}

/// `registry.terraform.io/hashicorp/aws` → `hashicorp/aws`, lowercase.
fn source_name(source: &str) -> String {
    let source = source.to_lowercase();
    let parts: Vec<&str> = source.split('/').collect();
    match parts.as_slice() {
        [_, namespace, kind] => format!("{namespace}/{kind}"),
        _ => source,
    }
}

/// The string value of `key = "…"` in a block's body.
fn setting(body: &str, key: &str) -> Option<String> {
    body.lines().find_map(|line| {
        let (k, v) = line.split_once('=')?;
        if k.trim() != key {
            return None;
        }
        let v = v.trim().trim_end_matches(',').trim();
        v.strip_prefix('"')?
            .split('"')
            .next()
            .and_then(super::non_empty)
    })
}

/// The text up to the `}` that closes a block whose `{` was just before `text`.
fn block_body(text: &str) -> &str {
    let mut depth = 1;
    for (index, c) in text.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth -= 1;
                if depth == 0 {
                    return &text[..index];
                }
            }
            _ => {}
        }
    }
    text
}

/// `text` without `#` and `//` line comments and `/* … */` block comments (outside strings).
fn without_comments(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut in_block = false;
    for line in text.lines() {
        let mut line = line;
        if in_block {
            match line.find("*/") {
                Some(end) => {
                    line = &line[end + 2..];
                    in_block = false;
                }
                None => continue,
            }
        }
        let line = super::without_line_comment(line, "#");
        let line = super::without_line_comment(line, "//");
        match line.find("/*") {
            Some(start) => {
                kept.push_str(&line[..start]);
                match line[start..].find("*/") {
                    Some(end) => kept.push_str(&line[start + end + 2..]),
                    None => in_block = true,
                }
            }
            None => kept.push_str(line),
        }
        kept.push('\n');
    }
    kept
}

/// `.terraform.lock.hcl`: each `provider "…"` block's `version`.
pub fn lock(text: &str) -> Vec<(String, String)> {
    let mut pinned = Vec::new();
    let mut provider: Option<String> = None;
    for line in text.lines().map(str::trim) {
        if let Some(rest) = line.strip_prefix("provider \"") {
            provider = rest.split('"').next().map(source_name);
        } else if let (Some(name), Some(version)) = (&provider, setting(line, "version")) {
            pinned.push((name.clone(), version));
            provider = None;
        }
    }
    pinned
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn providers_outside_comments() {
        let text = r#"
terraform {
  required_providers {
    # stripe = { source = "lukasaron/stripe" }
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.0"
    }
    /* github = { source = "integrations/github" } */
    cloudflare = {
      source = "registry.terraform.io/cloudflare/cloudflare"
    }
    google = "~> 4.0"
  }
}
resource "aws_s3_bucket" "b" { bucket = "x" }
"#;
        assert_eq!(
            required_providers(text),
            vec![
                ("hashicorp/aws".to_string(), Some("~> 5.0".to_string())),
                ("cloudflare/cloudflare".to_string(), None),
                ("hashicorp/google".to_string(), Some("~> 4.0".to_string())),
            ]
        );
    }

    #[test]
    fn the_lock_gives_versions() {
        let text = "provider \"registry.terraform.io/hashicorp/aws\" {\n  version     = \"5.31.0\"\n  constraints = \"~> 5.0\"\n}\n";
        assert_eq!(
            lock(text),
            vec![("hashicorp/aws".to_string(), "5.31.0".to_string())]
        );
    }
}
