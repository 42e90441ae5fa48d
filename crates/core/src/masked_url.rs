//! Secrets in URLs kept out of everything Lookout shows or sends: the credentials (`user:password@`)
//! and the query and fragment values of a probe's or a provider's URL are masked as `••••` in
//! every message, log line, listing, export and alert payload; the real URL is used only to
//! make the request. [`masked_url`] is the one rule; [`masked_urls_in`] applies it to every URL
//! inside a text (an HTTP client's error quotes the URL it asked).

/// What stands for a secret part of a URL.
pub const MASK: &str = "••••";

/// `url` with its secrets masked: the whole userinfo (`alice:S3cret@` → `••••@`), each query
/// value (`?api_key=K&x=1` → `?api_key=••••&x=••••`, keys kept; a part without `=` is masked
/// whole) and the fragment's, the same way. Scheme, host, port and path are kept; a text with no
/// `://` is returned as it is.
///
/// ```
/// use lookout_core::masked_url::masked_url;
/// assert_eq!(
///     masked_url("http://alice:S3cret@host/h?api_key=K"),
///     "http://••••@host/h?api_key=••••"
/// );
/// assert_eq!(masked_url("https://status.acme.com/"), "https://status.acme.com/");
/// ```
pub fn masked_url(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|i| i + 3) else {
        return url.to_string();
    };
    let (head, rest) = url.split_at(scheme_end);
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, rest) = rest.split_at(authority_end);
    let mut out = String::with_capacity(url.len() + 16);
    out.push_str(head);
    match authority.rfind('@') {
        Some(at) => {
            out.push_str(MASK);
            out.push_str(&authority[at..]);
        }
        None => out.push_str(authority),
    }
    let (before_fragment, fragment) = match rest.split_once('#') {
        Some((before, fragment)) => (before, Some(fragment)),
        None => (rest, None),
    };
    match before_fragment.split_once('?') {
        Some((path, query)) => {
            out.push_str(path);
            out.push('?');
            push_masked_pairs(&mut out, query);
        }
        None => out.push_str(before_fragment),
    }
    if let Some(fragment) = fragment {
        out.push('#');
        push_masked_pairs(&mut out, fragment);
    }
    out
}

/// `key=value&…` with each value masked (an empty one stays empty) and each part without `=`
/// masked whole.
fn push_masked_pairs(out: &mut String, pairs: &str) {
    for (n, pair) in pairs.split('&').enumerate() {
        if n > 0 {
            out.push('&');
        }
        match pair.split_once('=') {
            Some((key, "")) => {
                out.push_str(key);
                out.push('=');
            }
            Some((key, _)) => {
                out.push_str(key);
                out.push('=');
                out.push_str(MASK);
            }
            None if pair.is_empty() => {}
            None => out.push_str(MASK),
        }
    }
}

/// `text` with every `http://` or `https://` URL in it masked by [`masked_url`]. A URL ends at
/// white space, a quote or an angle bracket; closing punctuation right after it (`).,;:!]}`) is
/// taken as the sentence's, not the URL's.
pub fn masked_urls_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = url_start(rest) {
        out.push_str(&rest[..start]);
        let candidate = &rest[start..];
        let end = candidate
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '<' | '>' | '`'))
            .unwrap_or(candidate.len());
        let url = candidate[..end].trim_end_matches([')', '.', ',', ';', ':', '!', ']', '}']);
        out.push_str(&masked_url(url));
        rest = &candidate[url.len()..];
    }
    out.push_str(rest);
    out
}

/// Where the first `http://` or `https://` (in any case) starts in `text`.
fn url_start(text: &str) -> Option<usize> {
    let lower = text.to_ascii_lowercase();
    let http = lower.find("http://");
    let https = lower.find("https://");
    match (http, https) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn credentials_and_every_query_value_are_masked_and_the_rest_kept() {
        assert_eq!(
            masked_url("http://alice:S3cret@127.0.0.1:8080/h?api_key=K"),
            "http://••••@127.0.0.1:8080/h?api_key=••••"
        );
        assert_eq!(
            masked_url("https://bob@host/p/a/t/h?a=1&b=&token&c=x=y#access_token=Z"),
            "https://••••@host/p/a/t/h?a=••••&b=&••••&c=••••#access_token=••••"
        );
        assert_eq!(
            masked_url("https://status.acme.com/api/v2"),
            "https://status.acme.com/api/v2"
        );
        assert_eq!(masked_url("https://host?q=1"), "https://host?q=••••");
        // An `@` in the path or query is not userinfo.
        assert_eq!(
            masked_url("https://host/users/@me?to=a@b"),
            "https://host/users/@me?to=••••"
        );
        assert_eq!(masked_url("not a url"), "not a url");
    }

    #[test]
    fn urls_inside_a_text_are_masked_where_they_stand() {
        let error = "error sending request for url (http://alice:S3cret@127.0.0.1:9/h?api_key=K): \
                     connection refused; see HTTPS://x.test/?t=V.";
        assert_eq!(
            masked_urls_in(error),
            "error sending request for url (http://••••@127.0.0.1:9/h?api_key=••••): \
             connection refused; see HTTPS://x.test/?t=••••."
        );
        assert_eq!(masked_urls_in("no URL here"), "no URL here");
        assert_eq!(
            masked_urls_in("\"https://h/?k=v\""),
            "\"https://h/?k=••••\""
        );
    }
}
