//! `lookout serve`'s live events against the fake status server on 127.0.0.1: the events a poll
//! stores reach a connected client as they are stored, with the JSON `lookout watch --json`
//! prints; a client that dropped its connection and comes back with `Last-Event-ID` (or
//! `?after=`) gets exactly what it missed, none lost, none twice; the token; the client cap.

use crate::lookout;
use crate::serve::{get, serve, watched};
use lookout_fake_status_server::scenario::incident_life_for;
use lookout_fake_status_server::Dialect;
use lookout_store::{RecordedEvent, Store};
use serde_json::Value;
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::path::Path;
use std::time::Duration;

/// One frame of the stream: its id, its data and its comment, as given.
#[derive(Debug, Default, Clone, PartialEq)]
struct Frame {
    id: Option<String>,
    data: Option<String>,
    comment: Option<String>,
}

/// A client following `/api/v1/events`.
struct Follower {
    reader: BufReader<TcpStream>,
}

impl Follower {
    /// Connects with `headers`, once the answer's head is in (its status returned too).
    fn connect(port: u16, path: &str, headers: &[(&str, &str)]) -> (u16, Follower) {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
        // A guard against a hang, not a measure of speed.
        stream
            .set_read_timeout(Some(Duration::from_secs(60)))
            .unwrap();
        let mut head = format!("GET {path} HTTP/1.0\r\nHost: localhost\r\n");
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        stream.write_all(format!("{head}\r\n").as_bytes()).unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line.trim().is_empty() {
                break;
            }
        }
        let status = status.split(' ').nth(1).unwrap().parse().unwrap();
        (status, Follower { reader })
    }

    /// The next frame.
    fn frame(&mut self) -> Frame {
        let mut frame = Frame::default();
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).unwrap();
            assert!(read > 0, "the stream ended");
            let line = line.trim_end_matches('\n');
            if line.is_empty() {
                return frame;
            }
            let (field, value) = line.split_once(": ").unwrap_or((line, ""));
            match field {
                "" => frame.comment = Some(value.into()),
                "id" => frame.id = Some(value.into()),
                "data" => frame.data = Some(value.into()),
                _ => {}
            }
        }
    }

    /// The next `count` events (comments passed over): their ids and JSON.
    fn events(&mut self, count: usize) -> Vec<(i64, Value)> {
        let mut events = Vec::new();
        while events.len() < count {
            let frame = self.frame();
            if let (Some(id), Some(data)) = (frame.id, frame.data) {
                events.push((id.parse().unwrap(), serde_json::from_str(&data).unwrap()));
            }
        }
        events
    }
}

/// The events stored after `after`, as the stream must give them: the ledger id and the JSON
/// `lookout watch --json` prints for the event.
fn stored_after(db: &Path, after: i64) -> Vec<(i64, Value)> {
    let store = Store::open_read_only(db).unwrap();
    let events: Vec<RecordedEvent> = store.events_after(after, 10_000).unwrap();
    events
        .into_iter()
        .map(|e| (e.id, serde_json::to_value(&e.event).unwrap()))
        .collect()
}

fn last_id(db: &Path) -> i64 {
    Store::open_read_only(db).unwrap().last_event_id().unwrap()
}

#[test]
fn events_arrive_as_stored_and_a_client_coming_back_gets_exactly_what_it_missed() {
    let dir = tempfile::tempdir().unwrap();
    let (server, db, base_time) = watched(dir.path());
    let served = serve(&db, &[]);
    let (status, mut follower) = Follower::connect(served.port, "/api/v1/events", &[]);
    assert_eq!(status, 200);
    let hello = follower.frame();
    assert!(hello.comment.is_some() && hello.id.is_none(), "{hello:?}");
    let start = last_id(&db);

    // Acme's incident is resolved: another process polls and stores the events.
    let resolved = incident_life_for(Dialect::Statuspage, 3, base_time);
    server.set_page("acme", Dialect::Statuspage, resolved.clone());
    assert!(lookout(Some(&db), &["poll"]).status.success());
    let first = stored_after(&db, start);
    assert!(!first.is_empty());
    assert_eq!(follower.events(first.len()), first, "as stored, in order");
    let seen = first.last().unwrap().0;
    drop(follower);

    // While nobody follows, Beta's is resolved too.
    server.set_page("beta", Dialect::Statuspage, resolved);
    assert!(lookout(Some(&db), &["poll"]).status.success());
    let missed = stored_after(&db, seen);
    assert!(!missed.is_empty());
    let seen_text = seen.to_string();
    let headers = [("Last-Event-ID", seen_text.as_str())];
    let (status, mut back) = Follower::connect(served.port, "/api/v1/events", &headers);
    assert_eq!(status, 200);
    assert_eq!(back.events(missed.len()), missed, "exactly the missed ones");
    // `?after=` resumes the same way.
    let path = format!("/api/v1/events?after={start}");
    let (_, mut from_start) = Follower::connect(served.port, &path, &[]);
    let all: Vec<(i64, Value)> = first.into_iter().chain(missed).collect();
    assert_eq!(from_start.events(all.len()), all);
}

#[test]
fn the_events_need_the_token_and_take_so_many_clients() {
    let dir = tempfile::tempdir().unwrap();
    let (_server, db, _) = watched(dir.path());
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "t0ken-of-the-events\n").unwrap();
    let served = serve(
        &db,
        &[
            "--token-file",
            token_file.to_str().unwrap(),
            "--max-event-clients",
            "1",
        ],
    );
    assert_eq!(get(served.port, "/api/v1/events").status, 401);
    let bearer = [("Authorization", "Bearer t0ken-of-the-events")];
    let (status, mut first) = Follower::connect(served.port, "/api/v1/events", &bearer);
    assert_eq!(status, 200);
    first.frame();
    let (status, mut second) = Follower::connect(served.port, "/api/v1/events", &bearer);
    assert_eq!(status, 503);
    let mut body = String::new();
    std::io::Read::read_to_string(&mut second.reader, &mut body).unwrap();
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["code"], "too_many_clients", "{body}");
    let bad = [bearer[0], ("Last-Event-ID", "yesterday")];
    let (status, _) = Follower::connect(served.port, "/api/v1/events", &bad);
    assert_eq!(status, 400);
}
