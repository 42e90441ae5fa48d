//! Text put into a URL as one path segment or query value: every byte but RFC 3986's unreserved
//! ones (`A-Z a-z 0-9 - . _ ~`) percent-encoded, so a vendor's id cannot add a path, a query or
//! a fragment (the window's routes, the served feeds' and calendar's links and ids).

/// `text` with every byte but the URL-safe ones (`A-Z a-z 0-9 - . _ ~`) percent-encoded.
///
/// ```
/// use lookout_core::percent_encoded;
/// assert_eq!(percent_encoded("abc-1.2_~"), "abc-1.2_~");
/// assert_eq!(percent_encoded("a/b?c#d é"), "a%2Fb%3Fc%23d%20%C3%A9");
/// ```
pub fn percent_encoded(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}
