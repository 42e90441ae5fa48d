//! E-mail sinks against a tiny SMTP server on 127.0.0.1 (plain SMTP, written here with tokio):
//! the mail arrives with the message's title as its subject and its text and the provider's
//! page as its body; a 4xx is retried and a 5xx given up; two processes sharing the database
//! send it once.

use crate::{add, at, observe};
use chrono::{Duration, Utc};
use lookout_alerts::{deliver_webhooks, send_test, DeliveryReport, Sender};
use lookout_store::{SharedStore, Store};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};

/// A mail as received: its envelope recipients and its data.
#[derive(Debug, Clone)]
struct Mail {
    rcpt: Vec<String>,
    data: String,
}

/// Speaks enough SMTP for lettre: EHLO, MAIL, RCPT, DATA, QUIT. The end of each DATA is
/// answered with the next scripted reply (then `250 queued`).
#[derive(Clone, Default)]
struct MailServer {
    script: Arc<Mutex<VecDeque<&'static str>>>,
    mails: Arc<Mutex<Vec<Mail>>>,
}

impl MailServer {
    async fn start(script: &[&'static str]) -> (MailServer, String) {
        let server = MailServer::default();
        server.script.lock().unwrap().extend(script.iter().copied());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let port = listener.local_addr().unwrap().port();
        let state = server.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(state.clone().session(socket));
            }
        });
        (server, format!("smtp://127.0.0.1:{port}"))
    }

    async fn session(self, socket: tokio::net::TcpStream) {
        let (read, mut write) = socket.into_split();
        let mut lines = BufReader::new(read).lines();
        let mut rcpt = Vec::new();
        write.write_all(b"220 test.local ESMTP\r\n").await.unwrap();
        while let Ok(Some(line)) = lines.next_line().await {
            let verb = line.to_ascii_uppercase();
            let reply: String = if verb.starts_with("EHLO") || verb.starts_with("HELO") {
                "250 test.local".into()
            } else if verb.starts_with("MAIL FROM") {
                rcpt.clear();
                "250 OK".into()
            } else if verb.starts_with("RCPT TO") {
                rcpt.push(line[8..].trim().to_string());
                "250 OK".into()
            } else if verb == "DATA" {
                write.write_all(b"354 go on\r\n").await.unwrap();
                let mut data = String::new();
                while let Ok(Some(line)) = lines.next_line().await {
                    if line == "." {
                        break;
                    }
                    data.push_str(&line);
                    data.push('\n');
                }
                let next = self.script.lock().unwrap().pop_front();
                match next {
                    Some(refusal) => refusal.into(),
                    None => {
                        let mail = Mail {
                            rcpt: std::mem::take(&mut rcpt),
                            data,
                        };
                        self.mails.lock().unwrap().push(mail);
                        "250 queued".into()
                    }
                }
            } else if verb == "QUIT" {
                let _ = write.write_all(b"221 bye\r\n").await;
                return;
            } else {
                "250 OK".into()
            };
            if write
                .write_all(format!("{reply}\r\n").as_bytes())
                .await
                .is_err()
            {
                return;
            }
        }
    }

    fn mails(&self) -> Vec<Mail> {
        self.mails.lock().unwrap().clone()
    }
}

fn sender() -> Sender {
    let http = lookout_http::HttpClient::new(lookout_http::CONNECT_TIMEOUT).unwrap();
    Sender::with_timeout(&http, std::time::Duration::from_secs(5))
}

fn mail_url(server: &str) -> String {
    format!("{server}?to=ops@acme.test,oncall@acme.test&from=Lookout%20%3Clookout@acme.test%3E")
}

/// Acme calm, an e-mail sink to `server`, then Acme's incident opened, in `store`.
fn incident_mailed_to(mut store: Store, server: &str) -> Store {
    let acme = add(&mut store, "Acme");
    observe(&mut store, acme, "Acme", 0, at(-1));
    store
        .add_sink("email", "ops mail", &mail_url(server), None, at(-1))
        .unwrap();
    observe(&mut store, acme, "Acme", 2, at(1));
    store
}

#[tokio::test]
async fn an_alert_arrives_by_mail_with_its_title_and_text() {
    let (server, url) = MailServer::start(&[]).await;
    let store = SharedStore::new(incident_mailed_to(Store::open_in_memory().unwrap(), &url));
    let report = deliver_webhooks(&store, &sender(), at(1), &Utc)
        .await
        .unwrap();
    assert_eq!(report.sent, 1, "{report:?}");
    let mails = server.mails();
    assert_eq!(mails.len(), 1);
    let mail = &mails[0];
    assert_eq!(mail.rcpt, ["<ops@acme.test>", "<oncall@acme.test>"]);
    assert!(
        mail.data.contains("Subject: Acme: partial outage\n"),
        "{}",
        mail.data
    );
    assert!(mail.data.contains("From: Lookout <lookout@acme.test>"));
    assert!(mail.data.contains("Content-Type: text/plain"));
    let body = mail.data.split_once("\n\n").unwrap().1;
    assert!(body.contains("Elevated API errors"), "{body}");
    assert!(body.contains("Acme: https://status.acme.test"), "{body}");

    send_test(&store, &sender(), lookout_core::SinkId::new(1), at(2))
        .await
        .unwrap();
    assert!(server.mails()[1]
        .data
        .contains("Subject: Lookout test alert"));
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert!(log.iter().all(|d| d.state == "sent"), "{log:?}");
}

#[tokio::test]
async fn a_4xx_reply_is_retried_and_a_5xx_given_up() {
    let (server, url) = MailServer::start(&["451 4.3.0 try again later"]).await;
    let store = SharedStore::new(incident_mailed_to(Store::open_in_memory().unwrap(), &url));
    let sender = sender();
    let deliver = |t| deliver_webhooks(&store, &sender, t, &Utc);
    assert_eq!(deliver(at(1)).await.unwrap().retrying, 1);
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert!(
        log[0].last_error.as_deref().unwrap().contains("451"),
        "{log:?}"
    );
    let retried = deliver(at(1) + Duration::seconds(31)).await.unwrap();
    assert_eq!(retried.sent, 1);
    assert_eq!(server.mails().len(), 1);

    let (server, url) = MailServer::start(&["554 5.7.1 relaying denied"]).await;
    let store = SharedStore::new(incident_mailed_to(Store::open_in_memory().unwrap(), &url));
    let report = deliver_webhooks(&store, &sender, at(1), &Utc)
        .await
        .unwrap();
    assert_eq!(report.failed, 1, "{report:?}");
    assert!(server.mails().is_empty());
    let log = store.blocking(|s| s.delivery_log(10)).unwrap();
    assert_eq!(log[0].state, "failed");
    assert!(log[0].last_error.as_deref().unwrap().contains("554"));
}

#[tokio::test]
async fn two_processes_sharing_the_database_send_one_mail() {
    let (server, url) = MailServer::start(&[]).await;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("lookout.db");
    let app = SharedStore::new(incident_mailed_to(Store::open(&path).unwrap(), &url));
    let cli = SharedStore::new(Store::open(&path).unwrap());
    let (one, two) = (sender(), sender());
    let (a, b) = tokio::join!(
        deliver_webhooks(&app, &one, at(1), &Utc),
        deliver_webhooks(&cli, &two, at(1), &Utc)
    );
    assert_eq!(a.unwrap().sent + b.unwrap().sent, 1);
    let again = deliver_webhooks(&cli, &sender(), at(2), &Utc).await;
    assert_eq!(again.unwrap(), DeliveryReport::default());
    assert_eq!(server.mails().len(), 1);
}

/// The window's add form builds the e-mail URL in JavaScript (`mailServerUrl` in
/// ui/js/sink-kinds.js, these URLs as its tests have it build them): `@`, `,`, `<` in the query
/// and the user percent-encoded, a space as `+`, a `+` in the user as `%2B`. Added through
/// `add_sink`, as the window does, they read back as typed and the mail goes where they say.
#[tokio::test]
async fn the_windows_form_urls_read_back_as_typed() {
    use lookout_alerts::email::MailServer as MailUrl;
    use lookout_alerts::{add_sink, NewSink};
    let user = MailUrl::parse("smtp://me%2Balerts%40x.com@127.0.0.1:2525?to=a%40x.com").unwrap();
    assert_eq!(user.user.as_deref(), Some("me+alerts@x.com"));
    assert_eq!(user.from.email.to_string(), "me+alerts@x.com");
    let starttls = MailUrl::parse(
        "smtp+starttls://alerts%40example.com@mail.example.com?to=ops%40example.com%2Concall%40example.com",
    )
    .unwrap();
    assert_eq!(starttls.user.as_deref(), Some("alerts@example.com"));
    assert_eq!(starttls.port, 587);
    let to: Vec<String> = starttls.to.iter().map(|m| m.email.to_string()).collect();
    assert_eq!(to, ["ops@example.com", "oncall@example.com"]);
    // WebKit writes an empty path as `/` once a user is set: the same server.
    let webkit = MailUrl::parse(
        "smtp+starttls://alerts%40example.com@mail.example.com/?to=ops%40example.com%2Concall%40example.com",
    )
    .unwrap();
    assert_eq!(webkit, starttls);

    let (server, base) = MailServer::start(&[]).await;
    let url = format!(
        "{base}?to=ops%40acme.test%2Concall%40acme.test&from=Lookout+%3Clookout%40acme.test%3E"
    );
    let mut store = Store::open_in_memory().unwrap();
    let new = NewSink {
        kind: "email".into(),
        name: String::new(),
        url,
        secret: None,
    };
    let view = add_sink(&mut store, &new, at(-1)).unwrap();
    assert_eq!(view.name, "E-mail");
    let store = SharedStore::new(store);
    send_test(&store, &sender(), view.id, at(0)).await.unwrap();
    let mails = server.mails();
    assert_eq!(mails[0].rcpt, ["<ops@acme.test>", "<oncall@acme.test>"]);
    assert!(mails[0].data.contains("From: Lookout <lookout@acme.test>"));
}
