//! Tests of the listener on 127.0.0.1 with short limits: a half-sent request is cut, the
//! connections over the cap are closed at once, /healthz answers again once idle clients are
//! cut, the token is required and compared whole (as a bearer token or Basic credentials'
//! password), and exposed addresses need one.

use super::*;
use axum::routing::get;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Limits with a short header timeout (the cut itself is what is tested, never how fast it
/// comes).
fn short(max_connections: usize, header_timeout: Duration) -> Limits {
    Limits {
        header_timeout,
        connection_lifetime: Duration::from_secs(60),
        max_connections,
    }
}

/// Serves `/healthz` on 127.0.0.1 within `limits`; its address.
async fn healthz_server(limits: Limits, token: Option<Token>) -> SocketAddr {
    let listener = bind("127.0.0.1:0".parse().unwrap(), "metrics")
        .await
        .unwrap();
    let addr = listener.local_addr().unwrap();
    let app = Router::new().route("/healthz", get(|| async { "ok\n" }));
    spawn(listener, app, token, limits);
    addr
}

/// Everything the server sends on `stream` until it closes it. A server that never closes
/// fails the test (after a generous guard, so a regression cannot hang the suite).
async fn until_closed(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(30), stream.read_to_end(&mut answer));
    match read.await {
        Ok(_) => String::from_utf8_lossy(&answer).into_owned(),
        Err(_) => panic!("the server kept the connection open"),
    }
}

/// A connection that sent half a request (no blank line ends its head).
async fn half_request(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    stream
        .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n")
        .await
        .unwrap();
    stream
}

/// GET /healthz with `authorization` (if any): the whole answer.
async fn get_healthz(addr: SocketAddr, authorization: Option<&str>) -> String {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let auth = authorization.map_or(String::new(), |a| format!("Authorization: {a}\r\n"));
    let request =
        format!("GET /healthz HTTP/1.1\r\nHost: localhost\r\n{auth}Connection: close\r\n\r\n");
    stream.write_all(request.as_bytes()).await.unwrap();
    until_closed(&mut stream).await
}

#[tokio::test]
async fn a_half_sent_request_is_cut_and_healthz_still_answers() {
    let addr = healthz_server(short(4, Duration::from_millis(300)), None).await;
    let mut slow = half_request(addr).await;
    until_closed(&mut slow).await;
    let answer = get_healthz(addr, None).await;
    assert!(
        answer.starts_with("HTTP/1.1 200") && answer.ends_with("ok\n"),
        "{answer}"
    );
}

#[tokio::test]
async fn connections_over_the_cap_are_closed_at_once_and_idle_ones_do_not_stop_healthz() {
    // Connections are accepted in the order they came: the first four take the four slots,
    // and hold them until cut (3 s: long enough for the twenty after them to be refused).
    let addr = healthz_server(short(4, Duration::from_secs(3)), None).await;
    let mut idle = Vec::new();
    for _ in 0..4 {
        idle.push(half_request(addr).await);
    }
    for _ in 0..20 {
        let mut over = half_request(addr).await;
        let answer = until_closed(&mut over).await;
        assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    }
    // The idle ones are cut in turn, and /healthz answers.
    for mut stream in idle {
        until_closed(&mut stream).await;
    }
    let answer = get_healthz(addr, None).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
}

#[tokio::test]
async fn with_a_token_every_request_must_carry_it() {
    let token = Token::new("s3cret-token\n").unwrap();
    let addr = healthz_server(short(4, Duration::from_secs(5)), Some(token)).await;
    for refused in [
        None,
        Some("Bearer wrong"),
        Some("Bearer s3cret-toke"),
        Some("Bearer s3cret-token2"),
        Some("Basic s3cret-token"),
        Some("s3cret-token"),
    ] {
        let answer = get_healthz(addr, refused).await;
        assert!(answer.starts_with("HTTP/1.1 401"), "{refused:?}: {answer}");
        assert!(answer
            .to_ascii_lowercase()
            .contains("www-authenticate: bearer"));
    }
    for allowed in ["Bearer s3cret-token", "bearer s3cret-token"] {
        let answer = get_healthz(addr, Some(allowed)).await;
        assert!(answer.starts_with("HTTP/1.1 200"), "{allowed}: {answer}");
    }
}

#[test]
fn tokens_are_checked_and_never_shown() {
    assert!(Token::new("").is_err());
    assert!(Token::new("\n").is_err());
    assert!(Token::new("two words").is_err());
    assert!(Token::new(&"x".repeat(TOKEN_MAX_BYTES + 1)).is_err());
    let token = Token::new("hunter2").unwrap();
    assert!(!format!("{token:?}").contains("hunter2"));
    let error = Token::new("hunter 2").unwrap_err();
    assert!(!format!("{error:#}").contains("hunter"), "{error:#}");
}

#[test]
fn basic_credentials_carry_the_token_as_their_password_alone() {
    use axum::http::{header, HeaderMap, HeaderValue};
    let token = Token::new("hunter2").unwrap();
    let with = |value: &str| {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_str(value).unwrap());
        headers
    };
    // base64 of "me:hunter2", ":hunter2", "hunter2:me", "hunter2", "me:hunter2x".
    for (value, allowed) in [
        ("Basic bWU6aHVudGVyMg==", true),
        ("basic Omh1bnRlcjI=", true),
        ("Basic aHVudGVyMjptZQ==", false),
        ("Basic aHVudGVyMg==", false),
        ("Basic bWU6aHVudGVyMng=", false),
        ("Basic !!!", false),
        ("Bearer hunter2", false),
    ] {
        assert_eq!(token.allows_basic(&with(value)), allowed, "{value}");
    }
    assert!(token.allows(&with("Bearer hunter2")));
    assert!(!token.allows(&with("Basic bWU6aHVudGVyMg==")));
}

#[test]
fn an_address_other_machines_reach_needs_a_token() {
    let token = Token::new("t").unwrap();
    for exposed in [
        "0.0.0.0:9464",
        "192.168.1.5:9464",
        "[::]:9464",
        "[2001:db8::1]:80",
    ] {
        let addr: SocketAddr = exposed.parse().unwrap();
        let error = check_exposure(addr, None).unwrap_err().to_string();
        assert!(
            error.contains("can be reached from other machines"),
            "{error}"
        );
        assert!(error.contains("--metrics-token-file"), "{error}");
        assert!(check_exposure(addr, Some(&token)).is_ok());
    }
    for local in [
        "127.0.0.1:9464",
        "127.0.0.2:1",
        "[::1]:9464",
        "[::ffff:127.0.0.1]:9464",
    ] {
        assert!(
            check_exposure(local.parse().unwrap(), None).is_ok(),
            "{local}"
        );
    }
}

/// Serves `/ticks` on 127.0.0.1, a body that never ends (a line every 100 ms), its connection
/// marked [`LongLived`] when `marked`, within a lifetime of 300 ms; its address.
async fn ticking_server(marked: bool) -> SocketAddr {
    let listener = bind("127.0.0.1:0".parse().unwrap(), "ticks").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let ticks = move |long_lived: axum::Extension<LongLived>| async move {
        if marked {
            long_lived.mark();
        }
        let lines = futures_util::stream::unfold((), |()| async {
            tokio::time::sleep(Duration::from_millis(100)).await;
            Some((Ok::<_, std::io::Error>("tick\n"), ()))
        });
        axum::body::Body::from_stream(lines)
    };
    let app = Router::new().route("/ticks", get(ticks));
    let limits = Limits {
        header_timeout: Duration::from_secs(5),
        connection_lifetime: Duration::from_millis(300),
        max_connections: 4,
    };
    spawn(listener, app, None, limits);
    addr
}

async fn get_ticks(addr: SocketAddr) -> TcpStream {
    let mut stream = TcpStream::connect(addr).await.unwrap();
    let request = "GET /ticks HTTP/1.0\r\nHost: localhost\r\n\r\n";
    stream.write_all(request.as_bytes()).await.unwrap();
    stream
}

#[tokio::test]
async fn a_stream_marked_long_lived_outlives_the_connection_lifetime_and_others_do_not() {
    let mut plain = get_ticks(ticking_server(false).await).await;
    until_closed(&mut plain).await;
    let mut marked = get_ticks(ticking_server(true).await).await;
    let mut read = Vec::new();
    // Ten ticks take a second, three lifetimes: the connection is still open after them.
    while read.iter().filter(|&&b| b == b'\n').count() < 10 + 4 {
        let mut chunk = [0u8; 256];
        let n = tokio::time::timeout(Duration::from_secs(30), marked.read(&mut chunk))
            .await
            .expect("a tick");
        let n = n.unwrap();
        assert!(
            n > 0,
            "the marked connection was closed: {}",
            String::from_utf8_lossy(&read)
        );
        read.extend_from_slice(&chunk[..n]);
    }
}
