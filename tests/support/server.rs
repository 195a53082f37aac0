//! A small HTTP/1.1 server on loopback for tests: it records every request
//! and answers with what the test's handler says. Real sockets, real reqwest.

#![allow(dead_code)]

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    pub target: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Recorded {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("request body is JSON")
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
    pub delay: Duration,
    /// Close the connection instead of answering (a reset mid-request).
    pub hang_up: bool,
    /// A body sent in pieces (chunked), each after its wait; `body` is
    /// then unused.
    pub chunks: Vec<Chunk>,
    /// Close the connection after the chunks, before the body's end.
    pub cut: bool,
}

/// A piece of a streamed body, sent after its gate opens (when it has one)
/// and its delay.
#[derive(Debug, Clone, Default)]
pub struct Chunk {
    /// Shared, so that a reply of many equal chunks holds one.
    pub bytes: Arc<Vec<u8>>,
    pub delay: Duration,
    pub gate: Option<Arc<tokio::sync::Notify>>,
}

impl Chunk {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Self {
        Chunk::shared(Arc::new(bytes.into()))
    }

    pub fn shared(bytes: Arc<Vec<u8>>) -> Self {
        Chunk {
            bytes,
            ..Chunk::default()
        }
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }

    /// Sent only once the test opens `gate`.
    pub fn gated(mut self, gate: Arc<tokio::sync::Notify>) -> Self {
        self.gate = Some(gate);
        self
    }
}

impl Reply {
    pub fn json(status: u16, body: serde_json::Value) -> Self {
        Self {
            status,
            content_type: "application/json",
            body: body.to_string().into_bytes(),
            headers: Vec::new(),
            delay: Duration::ZERO,
            hang_up: false,
            chunks: Vec::new(),
            cut: false,
        }
    }

    /// A body streamed in `chunks`.
    pub fn streamed(status: u16, content_type: &'static str, chunks: Vec<Chunk>) -> Self {
        Self {
            chunks,
            ..Self::text(status, content_type, "")
        }
    }

    /// Breaks the connection after the chunks.
    pub fn cut(mut self) -> Self {
        self.cut = true;
        self
    }

    pub fn text(status: u16, content_type: &'static str, body: &str) -> Self {
        Self {
            status,
            content_type,
            body: body.as_bytes().to_vec(),
            headers: Vec::new(),
            delay: Duration::ZERO,
            hang_up: false,
            chunks: Vec::new(),
            cut: false,
        }
    }

    pub fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_owned()));
        self
    }

    pub fn hang_up() -> Self {
        Self {
            hang_up: true,
            ..Self::text(500, "text/plain", "")
        }
    }

    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = delay;
        self
    }
}

type Handler = Arc<dyn Fn(&Recorded) -> Reply + Send + Sync>;

pub struct TestServer {
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    accepts: Arc<AtomicUsize>,
}

impl TestServer {
    pub async fn start(handler: impl Fn(&Recorded) -> Reply + Send + Sync + 'static) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let url = format!("http://{}", listener.local_addr().expect("address"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let accepts = Arc::new(AtomicUsize::new(0));
        let handler: Handler = Arc::new(handler);
        let (log, count) = (requests.clone(), accepts.clone());
        tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                count.fetch_add(1, Ordering::SeqCst);
                tokio::spawn(serve(stream, handler.clone(), log.clone()));
            }
        });
        Self {
            url,
            requests,
            accepts,
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().expect("lock").clone()
    }

    pub fn accepts(&self) -> usize {
        self.accepts.load(Ordering::SeqCst)
    }
}

async fn serve(mut stream: TcpStream, handler: Handler, log: Arc<Mutex<Vec<Recorded>>>) {
    let mut buffer = Vec::new();
    while let Some(request) = read_request(&mut stream, &mut buffer).await {
        log.lock().expect("lock").push(request.clone());
        let reply = handler(&request);
        if !reply.delay.is_zero() {
            tokio::time::sleep(reply.delay).await;
        }
        if reply.hang_up {
            return;
        }
        if !reply.chunks.is_empty() {
            if send_chunked(&mut stream, &reply).await.is_err() || reply.cut {
                return;
            }
            continue;
        }
        if stream.write_all(&encode(&reply)).await.is_err() {
            return;
        }
    }
}

async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Recorded> {
    let head_end = loop {
        if let Some(i) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, target) = (first.next()?.to_owned(), first.next()?.to_owned());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let chunked = headers.iter().any(|(n, v)| {
        n.eq_ignore_ascii_case("transfer-encoding") && v.eq_ignore_ascii_case("chunked")
    });
    if chunked {
        buffer.drain(..head_end + 4);
        let body = read_chunked(stream, buffer).await?;
        return Some(Recorded {
            method,
            target,
            headers,
            body,
        });
    }
    let length = headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse::<usize>().ok())
        .unwrap_or(0);
    let body_start = head_end + 4;
    while buffer.len() < body_start + length {
        let mut chunk = [0u8; 4096];
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    let body = buffer[body_start..body_start + length].to_vec();
    buffer.drain(..body_start + length);
    Some(Recorded {
        method,
        target,
        headers,
        body,
    })
}

/// A chunked request body, its chunks joined (`buffer` starts at the body).
async fn read_chunked(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let line_end = loop {
            if let Some(i) = buffer.windows(2).position(|w| w == b"\r\n") {
                break i;
            }
            fill(stream, buffer).await?;
        };
        let size_line = String::from_utf8_lossy(&buffer[..line_end]).into_owned();
        let size = usize::from_str_radix(size_line.split(';').next()?.trim(), 16).ok()?;
        while buffer.len() < line_end + 2 + size + 2 {
            fill(stream, buffer).await?;
        }
        body.extend_from_slice(&buffer[line_end + 2..line_end + 2 + size]);
        buffer.drain(..line_end + 2 + size + 2);
        if size == 0 {
            return Some(body);
        }
    }
}

async fn fill(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 4096];
    let n = stream.read(&mut chunk).await.ok()?;
    if n == 0 {
        return None;
    }
    buffer.extend_from_slice(&chunk[..n]);
    Some(())
}

/// A streamed reply: the head, each chunk when its turn comes, and the last
/// (empty) chunk unless the reply is cut.
async fn send_chunked(stream: &mut TcpStream, reply: &Reply) -> std::io::Result<()> {
    let mut head = format!(
        "HTTP/1.1 {} Test\r\ncontent-type: {}\r\ntransfer-encoding: chunked\r\n",
        reply.status, reply.content_type
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    stream.write_all(head.as_bytes()).await?;
    stream.flush().await?;
    for chunk in &reply.chunks {
        if let Some(gate) = &chunk.gate {
            gate.notified().await;
        }
        if !chunk.delay.is_zero() {
            tokio::time::sleep(chunk.delay).await;
        }
        if chunk.bytes.is_empty() {
            continue;
        }
        let mut piece = format!("{:x}\r\n", chunk.bytes.len()).into_bytes();
        piece.extend_from_slice(&chunk.bytes);
        piece.extend_from_slice(b"\r\n");
        stream.write_all(&piece).await?;
        stream.flush().await?;
    }
    if !reply.cut {
        stream.write_all(b"0\r\n\r\n").await?;
    }
    stream.flush().await
}

fn encode(reply: &Reply) -> Vec<u8> {
    let mut head = format!(
        "HTTP/1.1 {} Test\r\ncontent-type: {}\r\ncontent-length: {}\r\n",
        reply.status,
        reply.content_type,
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut bytes = head.into_bytes();
    bytes.extend_from_slice(&reply.body);
    bytes
}
