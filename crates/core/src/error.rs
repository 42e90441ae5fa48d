//! The one error type of the domain crate: why a vendor's payload could not be read.

/// Why a payload could not be turned into a [`crate::Snapshot`].
#[derive(Debug, thiserror::Error)]
pub enum SourceError {
    /// The body was empty (or only white space).
    #[error("the response was empty")]
    Empty,
    /// The body was an HTML page where JSON was expected (a login wall, an error page, a CDN challenge).
    #[error("expected JSON but got an HTML page")]
    Html,
    /// The body was not valid JSON, or JSON of the wrong shape.
    #[error("unreadable {what}: {detail}")]
    Malformed {
        /// Which document was being read, e.g. "Statuspage summary.json".
        what: &'static str,
        /// The parser's own words, with line and column.
        detail: String,
    },
    /// The body was not a readable RSS or Atom feed.
    #[error("unreadable feed: {detail}")]
    Feed {
        /// The XML parser's own words.
        detail: String,
    },
    /// The platform's reader panicked on this body (a bug in Lookout, met on one vendor's page):
    /// that page is unreadable, the rest of Lookout carries on.
    #[error("the {what} reader failed on this page")]
    ReaderFailed {
        /// Which document was being read, e.g. "incidents.json".
        what: &'static str,
    },
    /// The page holds more than a page's parse may take (see `sources::budget`).
    #[error("page too complex: {detail}")]
    TooComplex {
        /// What was over the budget, e.g. "300000 components in one update (limit 10000)".
        detail: String,
    },
    /// A URL could not be understood.
    #[error("invalid status-page URL {:?}: {reason}", crate::masked_url(.url))]
    BadUrl {
        /// The URL as given.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
}

impl SourceError {
    /// Classifies a serde_json failure on `body`, telling HTML and empty bodies apart from
    /// plain malformed JSON so the user sees the likely cause.
    pub fn from_json(what: &'static str, body: &[u8], err: &serde_json::Error) -> Self {
        let trimmed = body.trim_ascii_start();
        if trimmed.is_empty() {
            return SourceError::Empty;
        }
        if trimmed.first() == Some(&b'<') {
            return SourceError::Html;
        }
        SourceError::Malformed {
            what,
            detail: err.to_string(),
        }
    }
}
