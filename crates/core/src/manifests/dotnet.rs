//! .NET: a `*.csproj`'s `<PackageReference>`s (not in an XML comment, nor those with
//! `PrivateAssets="all"`: analyzers and build tools that do not ship with the product).

/// The packages the project references, with their versions.
pub fn project(text: &str) -> Vec<(String, Option<String>)> {
    let text = without_comments(text);
    let mut packages = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find("<PackageReference") {
        let after = &rest[start + "<PackageReference".len()..];
        let Some(end) = after.find('>') else { break };
        let tag = &after[..end];
        let body = if tag.ends_with('/') {
            ""
        } else {
            after[end..]
                .split("</PackageReference>")
                .next()
                .unwrap_or_default()
        };
        rest = &after[end..];
        let private =
            attribute(tag, "PrivateAssets").is_some_and(|a| a.eq_ignore_ascii_case("all"));
        let Some(name) = attribute(tag, "Include").or_else(|| attribute(tag, "Update")) else {
            continue;
        };
        if private {
            continue;
        }
        let version = attribute(tag, "Version").or_else(|| element(body, "Version"));
        packages.push((name, version));
    }
    packages
}

/// `text` with `<!-- … -->` removed.
fn without_comments(text: &str) -> String {
    let mut kept = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<!--") {
        kept.push_str(&rest[..start]);
        rest = match rest[start..].find("-->") {
            Some(end) => &rest[start + end + 3..],
            None => "",
        };
    }
    kept.push_str(rest);
    kept
}

/// The value of `name="…"` in a tag's attributes.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut rest = tag;
    while let Some(at) = rest.find(name) {
        let before_ok = rest[..at].ends_with(char::is_whitespace);
        let after = rest[at + name.len()..].trim_start();
        rest = &rest[at + name.len()..];
        let Some(value) = after.strip_prefix('=').map(str::trim_start) else {
            continue;
        };
        let quote = value.chars().next()?;
        if !before_ok || (quote != '"' && quote != '\'') {
            continue;
        }
        let inner = &value[1..];
        return inner
            .find(quote)
            .and_then(|end| super::non_empty(&inner[..end]));
    }
    None
}

/// The text of `<name>…</name>` in `body`.
fn element(body: &str, name: &str) -> Option<String> {
    let open = format!("<{name}>");
    let start = body.find(&open)? + open.len();
    let end = body[start..].find("</")?;
    super::non_empty(&body[start..start + end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_outside_comments_and_private_assets() {
        let text = r#"<Project><ItemGroup>
  <!-- <PackageReference Include="Stripe.net" Version="43.0.0" /> -->
  <PackageReference Include="Twilio" Version="7.0.0" />
  <PackageReference Include="AWSSDK.S3"><Version>3.7.300</Version></PackageReference>
  <PackageReference Include="Sentry.Analyzers" Version="1.0" PrivateAssets="all" />
</ItemGroup></Project>"#;
        assert_eq!(
            project(text),
            vec![
                ("Twilio".to_string(), Some("7.0.0".to_string())),
                ("AWSSDK.S3".to_string(), Some("3.7.300".to_string())),
            ]
        );
    }
}
