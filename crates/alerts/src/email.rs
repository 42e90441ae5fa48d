//! E-mail sinks over SMTP: the stored address (`smtps://`, `smtp+starttls://`, or plain
//! `smtp://` to this machine only; the user in its userinfo, `to` and `from` in its query; the
//! password kept apart as the sink's secret), and sending one message as a plain-text mail
//! (subject = the message's title, body = its text and the provider's status page).

use crate::error::{AlertError, Result};
use crate::message::Message;
use crate::send::Failure;
use lettre::message::header::ContentType;
use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use url::Url;

/// How the connection to the mail server is protected.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// TLS from the first byte (`smtps://`, port 465 by default).
    Tls,
    /// Plain, then upgraded with STARTTLS, which is required (`smtp+starttls://`, port 587).
    StartTls,
    /// No encryption (`smtp://`, port 25): only to a relay on this machine.
    Plain,
}

/// An e-mail sink's server and addresses, read from its stored URL.
#[derive(Clone, PartialEq, Eq)]
pub struct MailServer {
    /// TLS, STARTTLS or plain.
    pub security: Security,
    /// The server's host name.
    pub host: String,
    /// Its port.
    pub port: u16,
    /// The user to log in as, if any.
    pub user: Option<String>,
    /// Who receives the alerts (one or more addresses).
    pub to: Vec<Mailbox>,
    /// Who sends them.
    pub from: Mailbox,
}

impl std::fmt::Debug for MailServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

fn bad(why: impl std::fmt::Display) -> AlertError {
    AlertError::InvalidInput(format!("bad mail server URL: {why}"))
}

fn mailboxes(text: &str, what: &str) -> Result<Vec<Mailbox>> {
    let found = text
        .split(',')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| {
            a.parse::<Mailbox>()
                .map_err(|e| AlertError::InvalidInput(format!("bad {what} address {a:?}: {e}")))
        })
        .collect::<Result<Vec<_>>>()?;
    if found.is_empty() {
        return Err(AlertError::InvalidInput(format!(
            "an e-mail sink needs a {what} address"
        )));
    }
    Ok(found)
}

impl MailServer {
    /// Reads a stored (or given) URL: `smtps://[user@]host[:port]?to=ADDR[,ADDR…][&from=ADDR]`,
    /// the same with `smtp+starttls://`, or `smtp://` to 127.0.0.1, ::1 or localhost. Without
    /// `from`, mail comes from the user when it is an address, else `lookout@<host>`.
    pub fn parse(text: &str) -> Result<MailServer> {
        let url = Url::parse(text.trim()).map_err(bad)?;
        let host = url
            .host_str()
            .filter(|h| !h.is_empty())
            .ok_or_else(|| bad("no host"))?;
        let local = matches!(host, "127.0.0.1" | "localhost" | "[::1]");
        let (security, default_port) = match url.scheme() {
            "smtps" => (Security::Tls, 465),
            "smtp+starttls" => (Security::StartTls, 587),
            "smtp" if local => (Security::Plain, 25),
            "smtp" => return Err(bad(
                "plain smtp:// is for a relay on this machine only; use smtps:// or smtp+starttls://",
            )),
            _ => return Err(bad("it must start with smtps://, smtp+starttls:// or smtp://")),
        };
        let query = |key: &str| {
            url.query_pairs()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.into_owned())
        };
        let user = Some(percent_decoded(url.username())).filter(|u| !u.is_empty());
        let to = mailboxes(&query("to").unwrap_or_default(), "to")?;
        let from = match query("from") {
            Some(from) => mailboxes(&from, "from")?.remove(0),
            None => match user.as_deref().filter(|u| u.contains('@')) {
                Some(user) => mailboxes(user, "from")?.remove(0),
                None => mailboxes(
                    &format!("lookout@{}", host.trim_matches(['[', ']'])),
                    "from",
                )?
                .remove(0),
            },
        };
        Ok(MailServer {
            security,
            host: host.trim_matches(['[', ']']).to_string(),
            port: url.port().unwrap_or(default_port),
            user,
            to,
            from,
        })
    }

    /// "smtps://mail.example.com:465 → ops@example.com": for lists and logs (no password).
    pub fn describe(&self) -> String {
        let scheme = match self.security {
            Security::Tls => "smtps",
            Security::StartTls => "smtp+starttls",
            Security::Plain => "smtp",
        };
        let to: Vec<String> = self.to.iter().map(|m| m.email.to_string()).collect();
        format!("{scheme}://{}:{} → {}", self.host, self.port, to.join(", "))
    }
}

fn percent_decoded(text: &str) -> String {
    url::form_urlencoded::parse(format!("u={text}").as_bytes())
        .next()
        .map(|(_, v)| v.into_owned())
        .unwrap_or_default()
}

/// The URL to store for `given` (with `to`, `from` and `user` set when given, replacing the
/// URL's own) and the password to keep as the secret: `password`, else the URL's own (which is
/// taken out of the stored URL).
pub fn stored_url(
    given: &str,
    to: Option<&str>,
    from: Option<&str>,
    user: Option<&str>,
    password: Option<&str>,
) -> Result<(String, Option<String>)> {
    let mut url = Url::parse(given.trim()).map_err(bad)?;
    let own_password = url
        .password()
        .map(percent_decoded)
        .filter(|p| !p.is_empty());
    url.set_password(None)
        .map_err(|()| bad("it cannot hold a user"))?;
    if let Some(user) = user {
        url.set_username(user)
            .map_err(|()| bad("it cannot hold a user"))?;
    }
    let mut pairs: Vec<(String, String)> = url
        .query_pairs()
        .filter(|(k, _)| !(k == "to" && to.is_some() || k == "from" && from.is_some()))
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    pairs.extend(to.map(|t| ("to".to_string(), t.to_string())));
    pairs.extend(from.map(|f| ("from".to_string(), f.to_string())));
    url.set_query(None);
    if !pairs.is_empty() {
        url.query_pairs_mut().extend_pairs(pairs);
    }
    MailServer::parse(url.as_str())?;
    let secret = password
        .map(str::to_string)
        .filter(|p| !p.is_empty())
        .or(own_password);
    Ok((url.to_string(), secret))
}

/// The mail for `message`: its title as the subject (on one line), its text and the provider's
/// status page as the plain-text body.
pub fn mail(server: &MailServer, message: &Message) -> Result<lettre::Message> {
    let subject: String = message
        .title
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut body = message.text.clone();
    if let Some(provider) = &message.provider {
        body.push_str(&format!("\n\n{}: {}", provider.name, provider.url));
    }
    body.push_str("\n\n-- \nSent by Lookout\n");
    let mut builder = lettre::Message::builder()
        .from(server.from.clone())
        .subject(subject)
        .header(ContentType::TEXT_PLAIN);
    for to in &server.to {
        builder = builder.to(to.clone());
    }
    builder
        .body(body)
        .map_err(|e| AlertError::Delivery(format!("cannot compose the mail: {e}")))
}

/// Sends `message` through the mail server at `url`, logging in with the user and `password`
/// when both are set; gives up after `timeout` in all.
pub async fn send(
    url: &str,
    password: Option<&str>,
    message: &Message,
    timeout: std::time::Duration,
) -> Result<(), Failure> {
    let permanent = |reason: String| Failure {
        retryable: false,
        reason,
    };
    let server = MailServer::parse(url).map_err(|e| permanent(e.to_string()))?;
    let mail = mail(&server, message).map_err(|e| permanent(e.to_string()))?;
    let builder = match server.security {
        Security::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&server.host),
        Security::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&server.host),
        Security::Plain => Ok(AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(
            server.host.as_str(),
        )),
    }
    .map_err(|e| permanent(format!("cannot set up TLS: {e}")))?;
    let mut builder = builder.port(server.port).timeout(Some(timeout));
    if let (Some(user), Some(password)) = (&server.user, password.filter(|p| !p.is_empty())) {
        builder = builder.credentials(Credentials::new(user.clone(), password.to_string()));
    }
    let transport = builder.build();
    let outcome = tokio::time::timeout(timeout, transport.send(mail)).await;
    let error = match outcome {
        Ok(Ok(_)) => return Ok(()),
        Err(_) => {
            return Err(Failure {
                retryable: true,
                reason: "timed out".into(),
            })
        }
        Ok(Err(error)) => error,
    };
    let mut reason = if let Some(code) = error.status() {
        format!("the mail server answered {code}")
    } else if error.is_timeout() {
        "timed out".into()
    } else if error.is_tls() {
        "the TLS connection to the mail server failed".into()
    } else {
        format!("could not talk to the mail server: {error}")
    };
    if let Some(password) = password.filter(|p| !p.is_empty()) {
        reason = reason.replace(password, "…");
    }
    Err(Failure {
        retryable: !error.is_permanent() && !error.is_client(),
        reason,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_schemes_read_with_their_ports_and_addresses() {
        let tls =
            MailServer::parse("smtps://alerts%40acme.com@mail.acme.com?to=ops@acme.com").unwrap();
        assert_eq!(tls.security, Security::Tls);
        assert_eq!((tls.host.as_str(), tls.port), ("mail.acme.com", 465));
        assert_eq!(tls.user.as_deref(), Some("alerts@acme.com"));
        assert_eq!(tls.from.email.to_string(), "alerts@acme.com");
        let starttls = MailServer::parse(
            "smtp+starttls://bot@smtp.acme.com:2525?to=a@acme.com,b@acme.com&from=Lookout%20%3Cl@acme.com%3E",
        )
        .unwrap();
        assert_eq!(starttls.security, Security::StartTls);
        assert_eq!(starttls.port, 2525);
        assert_eq!(starttls.to.len(), 2);
        assert_eq!(starttls.from.name.as_deref(), Some("Lookout"));
        assert_eq!(
            starttls.describe(),
            "smtp+starttls://smtp.acme.com:2525 → a@acme.com, b@acme.com"
        );
        let plain = MailServer::parse("smtp://127.0.0.1:2525?to=ops@acme.com").unwrap();
        assert_eq!(plain.security, Security::Plain);
        assert_eq!(plain.from.email.to_string(), "lookout@127.0.0.1");
        assert_eq!(
            MailServer::parse("smtp+starttls://smtp.acme.com?to=ops@acme.com")
                .unwrap()
                .port,
            587
        );
    }

    #[test]
    fn bad_mail_urls_are_refused_with_a_reason() {
        for (url, says) in [
            ("smtp://mail.acme.com?to=ops@acme.com", "this machine"),
            ("https://mail.acme.com?to=ops@acme.com", "smtps://"),
            ("smtps://mail.acme.com", "to address"),
            ("smtps://mail.acme.com?to=not-an-address", "bad to address"),
        ] {
            let error = MailServer::parse(url).unwrap_err().to_string();
            assert!(error.contains(says), "{url}: {error}");
        }
    }

    #[test]
    fn the_password_leaves_the_url_for_the_secret_and_flags_fill_the_query() {
        let (url, secret) = stored_url(
            "smtps://bot:hunter2@mail.acme.com",
            Some("ops@acme.com"),
            None,
            None,
            None,
        )
        .unwrap();
        assert_eq!(url, "smtps://bot@mail.acme.com?to=ops%40acme.com");
        assert_eq!(secret.as_deref(), Some("hunter2"));
        let (url, secret) = stored_url(
            "smtp+starttls://mail.acme.com:587?to=old@acme.com",
            Some("new@acme.com"),
            Some("me@acme.com"),
            Some("me@acme.com"),
            Some("pw"),
        )
        .unwrap();
        assert!(!url.contains("old@"), "{url}");
        assert!(
            url.starts_with("smtp+starttls://me%40acme.com@mail.acme.com:587?"),
            "{url}"
        );
        assert_eq!(secret.as_deref(), Some("pw"));
    }
}
