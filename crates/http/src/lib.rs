//! The process's one HTTP client, shared by polling (`lookout-poller`) and alert delivery
//! (`lookout-alerts`): rustls, one connection pool, Lookout's user agent, a connect timeout, and
//! no redirect followed by itself (the poller follows a page's redirects one by one, checking
//! each; an alert's POST is never redirected). Time limits for a whole request are each
//! caller's own.

#![warn(missing_docs)]

use std::time::Duration;

/// The `User-Agent` of every request Lookout makes.
pub const USER_AGENT: &str = concat!(
    "Lookout/",
    env!("CARGO_PKG_VERSION"),
    " (status-page monitor)"
);

/// Time allowed to connect, unless a caller chooses another.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Why the client could not be made.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// The TLS stack or the system's settings refused (reqwest's own words in `detail`).
    #[error("cannot make the HTTP client: {detail}")]
    Build {
        /// What reqwest said.
        detail: String,
    },
}

/// A client builder with the settings every Lookout client shares and `connect_timeout`;
/// callers add their own (the poller's probes, a resolver of their own) before building.
pub fn builder(connect_timeout: Duration) -> reqwest::ClientBuilder {
    reqwest::Client::builder()
        .user_agent(USER_AGENT)
        .connect_timeout(connect_timeout)
        .redirect(reqwest::redirect::Policy::none())
}

/// The process's one HTTP client (cheap to clone: clones share the connection pool).
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
}

impl HttpClient {
    /// A client from [`builder`], connecting within `connect_timeout`.
    pub fn new(connect_timeout: Duration) -> Result<HttpClient, HttpError> {
        let client = builder(connect_timeout)
            .build()
            .map_err(|e| HttpError::Build {
                detail: e.to_string(),
            })?;
        Ok(HttpClient { client })
    }

    /// The reqwest client itself, to make requests with.
    pub fn client(&self) -> &reqwest::Client {
        &self.client
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Read, Write};
    use std::net::TcpListener;

    /// Answers one request on 127.0.0.1 with `answer` and hands back what was asked.
    fn answer_once(answer: &'static str) -> (String, std::thread::JoinHandle<String>) {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/page", listener.local_addr().unwrap());
        let served = std::thread::spawn(move || {
            let (mut stream, _) = listener.accept().unwrap();
            let mut asked = Vec::new();
            let mut chunk = [0u8; 1024];
            while !asked.windows(4).any(|w| w == b"\r\n\r\n") {
                let read = stream.read(&mut chunk).unwrap();
                if read == 0 {
                    break;
                }
                asked.extend_from_slice(&chunk[..read]);
            }
            stream.write_all(answer.as_bytes()).unwrap();
            String::from_utf8_lossy(&asked).into_owned()
        });
        (url, served)
    }

    #[tokio::test]
    async fn a_redirect_is_handed_back_not_followed_and_the_user_agent_is_lookout_s() {
        let (url, served) = answer_once(
            "HTTP/1.1 302 Found\r\nLocation: /elsewhere\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
        );
        let http = HttpClient::new(CONNECT_TIMEOUT).unwrap();
        let response = http.client().get(&url).send().await.unwrap();
        assert_eq!(response.status().as_u16(), 302);
        assert_eq!(
            response.headers()["location"].to_str().unwrap(),
            "/elsewhere"
        );
        let asked = served.join().unwrap().to_ascii_lowercase();
        assert!(asked.starts_with("get /page "), "{asked}");
        let agent = format!("user-agent: {}\r\n", USER_AGENT.to_ascii_lowercase());
        assert!(asked.contains(&agent), "{asked}");
    }

    #[test]
    fn the_user_agent_names_lookout_and_its_version() {
        assert_eq!(
            USER_AGENT,
            format!(
                "Lookout/{} (status-page monitor)",
                env!("CARGO_PKG_VERSION")
            )
        );
    }
}
