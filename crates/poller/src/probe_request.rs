//! A probe's one request: what it brings back (the status and the first 64 KiB), and where it
//! may connect. The names a probe asks are resolved here, and a name that resolves to a
//! link-local or cloud metadata address ([`lookout_core::probe::address`]) is refused before any
//! connection is made, as is a redirect to such an address: `http://metadata.attacker.test/` is
//! no more a way to the metadata service than `http://169.254.169.254/`, which is refused when
//! the probe is added. What is checked is the address connected to, at connect time (a name that
//! changes its answer between two runs is judged on each). Behind an HTTP proxy the proxy
//! resolves the names: then only the URL's own host and the redirects are checked.

use crate::error::PollError;
use crate::fetch::Fetcher;
use lookout_core::probe::address::{self, refused_ip};
use reqwest::dns::{Addrs, Name, Resolve, Resolving};
use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::time::Duration;

/// How much of a probe's answer is read (where the text it looks for must be).
pub const PROBE_BODY_BYTES: usize = 64 * 1024;

/// What a probe's request got back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProbeAnswer {
    /// The HTTP status.
    pub status: u16,
    /// The first [`PROBE_BODY_BYTES`] of the body.
    pub body: Vec<u8>,
}

impl Fetcher {
    /// One request of a probe to `url` within `limit` (redirects followed as for pages): the
    /// answer's status and the first [`PROBE_BODY_BYTES`] of its body, whatever the status. A
    /// name that resolves to a link-local or cloud metadata address, or a redirect to one, is
    /// refused unless the URL itself names one (this module's guard).
    pub async fn probe(&self, url: &str, limit: Duration) -> Result<ProbeAnswer, PollError> {
        let timed_out = || PollError::Timeout {
            url: url.to_string(),
            secs: limit.as_secs().max(1),
        };
        let (client, guarded) = self.probe_client(url)?;
        let asked = async {
            let mut response = self
                .get_following_redirects(client, url, None, guarded)
                .await?;
            let status = response.status().as_u16();
            let mut body = Vec::new();
            while let Some(chunk) = response.chunk().await.map_err(|e| self.classify(url, &e))? {
                let room = PROBE_BODY_BYTES.saturating_sub(body.len());
                body.extend_from_slice(&chunk[..chunk.len().min(room)]);
                if body.len() >= PROBE_BODY_BYTES {
                    break;
                }
            }
            Ok(ProbeAnswer { status, body })
        };
        tokio::time::timeout(limit, asked)
            .await
            .unwrap_or_else(|_| Err(timed_out()))
    }

    /// The client a probe of `url` uses, and whether its redirects are guarded: a URL that names
    /// a link-local or metadata address itself was allowed when added (`--allow-private`) and
    /// goes as it is; any other is guarded ([`GuardedDns`], and no redirect to such an address).
    fn probe_client(&self, url: &str) -> Result<(&reqwest::Client, bool), PollError> {
        if address::refused_url(url).is_some() {
            return Ok((self.http.client(), false));
        }
        let made = self.probe_client.get_or_init(|| {
            lookout_http::builder(self.config().connect_timeout)
                .dns_resolver(Arc::new(self.dns.clone()))
                .build()
                .map_err(|e| e.to_string())
        });
        match made {
            Ok(client) => Ok((client, true)),
            Err(detail) => Err(PollError::Connect {
                url: url.to_string(),
                detail: detail.clone(),
            }),
        }
    }
}

/// The resolver of the probes' client: the system's, refusing link-local and metadata answers.
#[derive(Debug, Clone, Default)]
pub(crate) struct GuardedDns {
    /// Answers given instead of the system's, by lower-case name (tests: a name that resolves
    /// to 169.254.169.254 without a network).
    fixed: HashMap<String, Vec<IpAddr>>,
}

impl GuardedDns {
    /// A resolver answering `name` with `ips` (and any other name as the system does).
    #[cfg(test)]
    pub(crate) fn answering(mut self, name: &str, ips: &[IpAddr]) -> GuardedDns {
        self.fixed.insert(name.to_ascii_lowercase(), ips.to_vec());
        self
    }
}

impl Resolve for GuardedDns {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_string();
        let fixed = self.fixed.get(&host.to_ascii_lowercase()).cloned();
        Box::pin(async move {
            let addrs: Vec<SocketAddr> = match fixed {
                Some(ips) => ips.into_iter().map(|ip| SocketAddr::new(ip, 0)).collect(),
                None => tokio::net::lookup_host((host.as_str(), 0)).await?.collect(),
            };
            let refused = addrs
                .iter()
                .find_map(|a| refused_ip(a.ip()).map(|why| (a.ip(), why)));
            if let Some((ip, why)) = refused {
                return Err(format!(
                    "{host} resolves to {ip}, {why}: a probe asks one only when its URL names it \
                     and it was added with --allow-private"
                )
                .into());
            }
            let addrs: Addrs = Box::new(addrs.into_iter());
            Ok(addrs)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::FetchConfig;
    use lookout_fake_status_server::fault::Fault;
    use lookout_fake_status_server::FakeStatusServer;
    use std::net::Ipv4Addr;

    const SECOND: Duration = Duration::from_secs(5);

    /// A fetcher whose probes resolve `local.test` to 127.0.0.1 and `metadata.attacker.test` to
    /// the metadata service, without any network (nothing connects to 169.254.169.254).
    fn fetcher() -> Fetcher {
        let dns = GuardedDns::default()
            .answering("local.test", &[IpAddr::V4(Ipv4Addr::LOCALHOST)])
            .answering(
                "metadata.attacker.test",
                &[
                    IpAddr::V4(Ipv4Addr::LOCALHOST),
                    IpAddr::V4(Ipv4Addr::new(169, 254, 169, 254)),
                ],
            );
        Fetcher::with_dns(FetchConfig::default(), dns).unwrap()
    }

    #[tokio::test]
    async fn a_name_resolving_to_a_metadata_address_or_a_redirect_to_one_is_refused() {
        let server = FakeStatusServer::start().await.unwrap();
        server.set_document("api", "health", "text/plain", b"ok".to_vec());
        let port = url::Url::parse(&server.page_url("api"))
            .unwrap()
            .port()
            .unwrap();
        let fetcher = fetcher();
        let named = format!("http://local.test:{port}/api/health");
        let answer = fetcher.probe(&named, SECOND).await.unwrap();
        assert_eq!((answer.status, answer.body.as_slice()), (200, &b"ok"[..]));

        let hidden = format!("http://metadata.attacker.test:{port}/api/health");
        let error = fetcher
            .probe(&hidden, SECOND)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            error.contains(
                "metadata.attacker.test resolves to 169.254.169.254, a cloud metadata address"
            ),
            "{error}"
        );
        assert_eq!(server.hits("api"), 1, "no request went out: {error}");

        server.set_document("bounce", "x", "text/plain", Vec::new());
        server.set_fault(
            "bounce",
            Some(Fault::RedirectTo("http://169.254.169.254/latest/".into())),
        );
        let bounced = format!("http://local.test:{port}/bounce/x");
        let error = fetcher
            .probe(&bounced, SECOND)
            .await
            .unwrap_err()
            .to_string();
        assert!(
            error.contains("redirect 1 goes to 169.254.169.254, a cloud metadata address"),
            "{error}"
        );
    }

    #[test]
    fn a_url_naming_the_address_itself_was_allowed_when_added_and_is_not_guarded() {
        let fetcher = fetcher();
        let (_, guarded) = fetcher.probe_client("http://169.254.169.254/").unwrap();
        assert!(!guarded, "added with --allow-private: it goes as it is");
        let (_, guarded) = fetcher.probe_client("https://api.acme.test/").unwrap();
        assert!(guarded);
    }
}
