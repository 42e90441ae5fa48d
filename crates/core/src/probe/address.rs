//! The addresses a probe never asks unless the user allows it (`--allow-private`): link-local
//! ones (169.254.0.0/16, fe80::/10) and the clouds' instance-metadata services, by address or by
//! name. A probe's `contains` would otherwise turn it into an oracle on what such a service
//! holds (credentials, tokens), with the answer sent to every sink. Loopback and the private
//! ranges (10/8, 192.168/16, …) stay allowed: probing one's own services is what probes are for.

use std::fmt;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// Names that reach a cloud's instance-metadata service (compared without case and without a
/// final dot).
pub const METADATA_NAMES: &[&str] = &[
    // Google Cloud.
    "metadata.google.internal",
    "metadata.goog",
    "metadata",
    // Amazon EC2.
    "instance-data",
    "instance-data.ec2.internal",
    // Tencent Cloud.
    "metadata.tencentyun.com",
];

/// Metadata services outside the link-local range: Alibaba Cloud's and Oracle Cloud Classic's.
const METADATA_V4: [Ipv4Addr; 2] = [
    Ipv4Addr::new(100, 100, 100, 200),
    Ipv4Addr::new(192, 0, 0, 192),
];
/// Amazon EC2's metadata service over IPv6 (`fd00:ec2::254`).
const METADATA_V6: Ipv6Addr = Ipv6Addr::new(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254);

/// Why a probe may not ask an address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// A link-local address (169.254.0.0/16, fe80::/10).
    LinkLocal,
    /// A cloud's instance-metadata service (169.254.169.254 is also link-local; this says more).
    CloudMetadata,
}

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refused::LinkLocal => "a link-local address",
            Refused::CloudMetadata => "a cloud metadata address",
        })
    }
}

/// Whether a probe may ask `ip`: `Some` says why not. IPv4 written inside IPv6 (`::ffff:a.b.c.d`,
/// `64:ff9b::a.b.c.d`) is judged as the IPv4 address it reaches.
pub fn refused_ip(ip: IpAddr) -> Option<Refused> {
    match ip {
        IpAddr::V4(v4) => refused_v4(v4),
        IpAddr::V6(v6) => {
            if let Some(v4) = embedded_v4(v6) {
                return refused_v4(v4);
            }
            if v6 == METADATA_V6 {
                Some(Refused::CloudMetadata)
            } else if v6.segments()[0] & 0xffc0 == 0xfe80 {
                Some(Refused::LinkLocal)
            } else {
                None
            }
        }
    }
}

fn refused_v4(v4: Ipv4Addr) -> Option<Refused> {
    if v4 == Ipv4Addr::new(169, 254, 169, 254) || METADATA_V4.contains(&v4) {
        Some(Refused::CloudMetadata)
    } else if v4.is_link_local() {
        Some(Refused::LinkLocal)
    } else {
        None
    }
}

/// The IPv4 address an IPv4-mapped (`::ffff:0:0/96`) or NAT64 (`64:ff9b::/96`) address reaches.
fn embedded_v4(v6: Ipv6Addr) -> Option<Ipv4Addr> {
    let s = v6.segments();
    let nat64 = s[..6] == [0x64, 0xff9b, 0, 0, 0, 0];
    let mapped = s[..6] == [0, 0, 0, 0, 0, 0xffff];
    (nat64 || mapped).then(|| {
        let [a, b] = s[6].to_be_bytes();
        let [c, d] = s[7].to_be_bytes();
        Ipv4Addr::new(a, b, c, d)
    })
}

/// Whether a probe may ask `host` (a URL's host, as the `url` crate reads it: IPv4 in any of its
/// spellings already made dotted): `Some` says why not. A name is judged by itself only (the
/// metadata names); what it resolves to is judged when the probe runs.
pub fn refused_host(host: &url::Host<&str>) -> Option<Refused> {
    match host {
        url::Host::Ipv4(v4) => refused_ip(IpAddr::V4(*v4)),
        url::Host::Ipv6(v6) => refused_ip(IpAddr::V6(*v6)),
        url::Host::Domain(name) => {
            let name = name.trim_end_matches('.').to_ascii_lowercase();
            METADATA_NAMES
                .contains(&name.as_str())
                .then_some(Refused::CloudMetadata)
        }
    }
}

/// Whether a probe may ask `url`: `Some` gives its host and why not. A text that is not a URL
/// with a host is not refused here (other checks say what is wrong with it).
pub fn refused_url(url: &str) -> Option<(String, Refused)> {
    let url = url::Url::parse(url.trim()).ok()?;
    let host = url.host()?;
    refused_host(&host).map(|why| (host.to_string(), why))
}

/// What a refused probe's error says: the host, why, and how to allow it anyway.
pub fn refusal(host: &str, why: Refused) -> String {
    format!(
        "{host} is {why}: a probe asks link-local and cloud metadata addresses only when added \
         with --allow-private"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_local_and_metadata_addresses_are_refused_in_every_spelling() {
        for url in [
            "http://169.254.169.254/latest/meta-data/",
            "http://169.254.169.254./",
            "http://2852039166/",
            "http://0xA9FEA9FE/",
            "http://0251.0376.0251.0376/",
            "http://[::ffff:169.254.169.254]/",
            "http://[64:ff9b::a9fe:a9fe]/",
            "http://[fd00:ec2::254]/",
            "http://100.100.100.200/latest/meta-data/",
            "http://metadata.google.internal/computeMetadata/v1/",
            "http://METADATA.google.internal./",
            "http://metadata/",
            "https://user:pw@instance-data.ec2.internal:8080/x?y",
        ] {
            assert_eq!(
                refused_url(url).map(|(_, why)| why),
                Some(Refused::CloudMetadata),
                "{url}"
            );
        }
        for url in [
            "http://169.254.1.1/",
            "http://[fe80::1]/",
            "http://[febf::1]/",
        ] {
            assert_eq!(
                refused_url(url).map(|(_, why)| why),
                Some(Refused::LinkLocal),
                "{url}"
            );
        }
    }

    #[test]
    fn loopback_private_and_public_addresses_are_allowed() {
        for url in [
            "http://127.0.0.1:8080/health",
            "http://[::1]/",
            "http://10.0.0.5/",
            "http://192.168.1.1/",
            "http://169.253.255.255/",
            "http://169.255.0.1/",
            "http://[fec0::1]/",
            "https://api.github.com/",
            "https://metadata.example.com/",
            "https://notmetadata/",
            "not a url",
        ] {
            assert_eq!(refused_url(url), None, "{url}");
        }
    }

    #[test]
    fn the_refusal_names_the_host_and_the_way_to_allow_it() {
        let (host, why) = refused_url("http://a:b@169.254.169.254/?k=v").unwrap();
        assert_eq!(
            refusal(&host, why),
            "169.254.169.254 is a cloud metadata address: a probe asks link-local and cloud \
             metadata addresses only when added with --allow-private"
        );
    }
}
