//! A minimal HTTP/1.1 client over `TcpStream` that sees responses exactly as sent (no redirect
//! following, no decompression) and can count a body's bytes without keeping them.

use std::net::SocketAddr;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

#[derive(Debug)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    /// The body, unless it was only counted.
    pub body: Vec<u8>,
    /// How many body bytes arrived (after de-chunking).
    pub body_len: u64,
    pub chunked: bool,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

pub async fn get(addr: SocketAddr, path: &str) -> Reply {
    send(addr, "GET", path, &[], true).await
}

pub async fn send(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    keep_body: bool,
) -> Reply {
    let stream = TcpStream::connect(addr).await.expect("connect");
    let mut reader = BufReader::new(stream);
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if method == "POST" {
        head.push_str("Content-Length: 0\r\n");
    }
    head.push_str("\r\n");
    reader
        .get_mut()
        .write_all(head.as_bytes())
        .await
        .expect("write");

    let mut line = String::new();
    reader.read_line(&mut line).await.expect("status line");
    let status: u16 = line
        .split_whitespace()
        .nth(1)
        .expect("status code")
        .parse()
        .expect("number");
    let mut headers = Vec::new();
    loop {
        line.clear();
        reader.read_line(&mut line).await.expect("header line");
        let trimmed = line.trim_end();
        if trimmed.is_empty() {
            break;
        }
        let (name, value) = trimmed.split_once(':').expect("a header");
        headers.push((name.trim().to_string(), value.trim().to_string()));
    }
    let mut reply = Reply {
        status,
        headers,
        body: Vec::new(),
        body_len: 0,
        chunked: false,
    };
    if method == "HEAD" || status == 304 || status == 204 {
        return reply;
    }
    let mut buffer = vec![0_u8; 16 * 1024];
    let take = |reply: &mut Reply, bytes: &[u8]| {
        reply.body_len += bytes.len() as u64;
        if keep_body {
            reply.body.extend_from_slice(bytes);
        }
    };
    let chunked = reply
        .header("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"));
    let length: Option<u64> = reply
        .header("content-length")
        .map(|v| v.parse().expect("length"));
    if chunked {
        reply.chunked = true;
        loop {
            line.clear();
            reader.read_line(&mut line).await.expect("chunk size");
            let size = u64::from_str_radix(line.trim().split(';').next().unwrap_or("0"), 16)
                .expect("hex chunk size");
            if size == 0 {
                break;
            }
            let mut left = size;
            while left > 0 {
                let want = left.min(buffer.len() as u64) as usize;
                let n = reader.read(&mut buffer[..want]).await.expect("chunk data");
                assert!(n > 0, "connection closed inside a chunk");
                take(&mut reply, &buffer[..n]);
                left -= n as u64;
            }
            line.clear();
            reader.read_line(&mut line).await.expect("chunk end");
        }
    } else if let Some(length) = length {
        let mut left = length;
        while left > 0 {
            let want = left.min(buffer.len() as u64) as usize;
            let n = reader.read(&mut buffer[..want]).await.expect("body");
            assert!(n > 0, "connection closed before Content-Length");
            take(&mut reply, &buffer[..n]);
            left -= n as u64;
        }
    } else {
        loop {
            let n = reader.read(&mut buffer).await.expect("body");
            if n == 0 {
                break;
            }
            take(&mut reply, &buffer[..n]);
        }
    }
    reply
}
