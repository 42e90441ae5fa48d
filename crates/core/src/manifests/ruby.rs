//! Ruby: the `Gemfile`'s `gem` lines, not those in a `group :development`/`:test` block or
//! marked `group: :development` nor any in a comment; and the versions `Gemfile.lock` pins.

const DEVELOPMENT: [&str; 2] = [":development", ":test"];

/// The gems the Gemfile names for run time, with their requirements as written.
pub fn gemfile(text: &str) -> Vec<(String, Option<String>)> {
    let mut gems = Vec::new();
    // One entry per open `do` block: whether it is a development-only group.
    let mut blocks: Vec<bool> = Vec::new();
    for raw in text.lines() {
        let line = super::without_line_comment(raw, "#").trim();
        let opens = line.ends_with(" do") || line.contains(" do |");
        if opens {
            let development = line.starts_with("group")
                && line
                    .split([',', ' ', '('])
                    .filter(|w| w.starts_with(':'))
                    .all(|w| DEVELOPMENT.contains(&w));
            blocks.push(development);
            continue;
        }
        if line == "end" {
            blocks.pop();
            continue;
        }
        if blocks.iter().any(|&development| development) {
            continue;
        }
        if let Some(gem) = gem_line(line) {
            gems.push(gem);
        }
    }
    gems
}

/// `gem "name", "~> 1.0", require: false` → the name and the first version string.
fn gem_line(line: &str) -> Option<(String, Option<String>)> {
    let rest = line.strip_prefix("gem ")?;
    if rest.contains("group:") || rest.contains(":group =>") {
        let development = DEVELOPMENT.iter().any(|g| rest.contains(g));
        if development {
            return None;
        }
    }
    let mut strings = quoted(rest).into_iter();
    let name = strings.next()?;
    let version = strings
        .next()
        .filter(|v| v.starts_with(|c: char| c.is_ascii_digit() || "~><=!".contains(c)));
    Some((name, version))
}

/// The quoted strings of a Ruby argument list, in order.
fn quoted(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c == '"' || c == '\'' {
            let inner: String = chars.by_ref().take_while(|&d| d != c).collect();
            found.push(inner);
        }
    }
    found
}

/// `Gemfile.lock`'s specs: `    name (version)` lines.
pub fn lock(text: &str) -> Vec<(String, String)> {
    text.lines()
        .filter(|l| l.starts_with("    ") && !l.starts_with("     "))
        .filter_map(|l| {
            let (name, version) = l.trim().split_once(" (")?;
            Some((name.to_string(), version.trim_end_matches(')').to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn development_groups_and_comments_do_not_count() {
        let text = "source 'https://rubygems.org'\n# gem 'stripe'\ngem 'twilio-ruby', '~> 6.0'\n\
            group :development, :test do\n  gem 'sentry-ruby'\nend\ngroup :production do\n\
            gem \"aws-sdk-s3\"\nend\ngem 'octokit', group: :test\n";
        assert_eq!(
            gemfile(text),
            vec![
                ("twilio-ruby".to_string(), Some("~> 6.0".to_string())),
                ("aws-sdk-s3".to_string(), None),
            ]
        );
    }

    #[test]
    fn the_lock_gives_versions() {
        let text = "GEM\n  specs:\n    twilio-ruby (6.10.0)\n      faraday (>= 0.9)\n";
        assert_eq!(
            lock(text),
            vec![("twilio-ruby".to_string(), "6.10.0".to_string())]
        );
    }
}
