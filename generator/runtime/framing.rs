//! Cutting a streamed body into items as its bytes arrive: server-sent
//! events (the WHATWG HTML "event stream" parsing rules) and JSON lines
//! (`application/x-ndjson`, `application/jsonl`, and RFC 7464
//! `application/json-seq` records). Pure and incremental: a chunk may end
//! anywhere, even inside a UTF-8 character or between `\r` and `\n`.
//!
//! Written here rather than taken from `eventsource-stream`, the parser
//! most Rust SSE clients use: it wraps a whole byte stream (we need to
//! resume a parser's last id across reconnections and to read each chunk
//! within the read timeout ourselves), it pulls in `nom` for what is a
//! hundred lines, and its last release is from 2022. The rules are short
//! and these tests pin them.

use std::collections::VecDeque;
use std::time::Duration;

/// One server-sent event as it came, before its data is decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawEvent {
    /// The `event:` field; `None` for the default `message` type.
    pub event: Option<String>,
    /// The `data:` lines, joined by `\n`.
    pub data: String,
    /// The last event id the stream set (it carries over to later events).
    pub id: Option<String>,
    /// The `retry:` reconnection time, when this event set one.
    pub retry: Option<Duration>,
}

/// An incremental server-sent events parser.
#[derive(Debug, Default)]
pub struct EventParser {
    line: Vec<u8>,
    /// The previous chunk ended in `\r`: a leading `\n` ends nothing.
    after_cr: bool,
    /// The first line was seen (a byte order mark before it is dropped).
    started: bool,
    data: String,
    has_data: bool,
    event: Option<String>,
    last_id: Option<String>,
    retry: Option<Duration>,
    /// The latest `retry:` of the stream, kept for reconnection.
    reconnect: Option<Duration>,
}

impl EventParser {
    /// The parser of a stream resumed after `last_id`.
    pub fn resuming(last_id: Option<String>) -> Self {
        EventParser {
            last_id,
            ..EventParser::default()
        }
    }

    /// The last event id seen, for `Last-Event-ID` on reconnection.
    pub fn last_id(&self) -> Option<&str> {
        self.last_id.as_deref()
    }

    /// The reconnection time the server last asked for.
    pub fn reconnect(&self) -> Option<Duration> {
        self.reconnect
    }

    /// Feeds bytes; completed events are appended to `out`.
    pub fn push(&mut self, mut chunk: &[u8], out: &mut VecDeque<RawEvent>) {
        if self.after_cr && chunk.first() == Some(&b'\n') {
            chunk = &chunk[1..];
        }
        self.after_cr = false;
        while let Some(end) = chunk.iter().position(|&b| b == b'\n' || b == b'\r') {
            let (line, mut rest) = (&chunk[..end], &chunk[end + 1..]);
            if chunk[end] == b'\r' {
                match rest.first() {
                    Some(b'\n') => rest = &rest[1..],
                    None => self.after_cr = true,
                    Some(_) => {}
                }
            }
            if self.line.is_empty() {
                // The whole line is in this chunk: read it where it is.
                self.line_done(line, out);
            } else {
                // Its start came in an earlier chunk; the buffer keeps its
                // capacity for the next such line.
                let mut buffered = std::mem::take(&mut self.line);
                buffered.extend_from_slice(line);
                self.line_done(&buffered, out);
                buffered.clear();
                self.line = buffered;
            }
            chunk = rest;
        }
        self.line.extend_from_slice(chunk);
    }

    fn line_done(&mut self, mut line: &[u8], out: &mut VecDeque<RawEvent>) {
        if !self.started {
            self.started = true;
            line = line.strip_prefix("\u{feff}".as_bytes()).unwrap_or(line);
        }
        if line.is_empty() {
            return self.dispatch(out);
        }
        if line[0] == b':' {
            return; // A comment: servers send them to keep the connection alive.
        }
        let line = String::from_utf8_lossy(line);
        let (field, value) = match line.split_once(':') {
            Some((field, value)) => (field, value.strip_prefix(' ').unwrap_or(value)),
            None => (line.as_ref(), ""),
        };
        match field {
            "event" => self.event = Some(value.to_owned()),
            "data" => {
                if self.has_data {
                    self.data.push('\n');
                }
                self.data.push_str(value);
                self.has_data = true;
            }
            "id" if !value.contains('\0') => {
                self.last_id = Some(value.to_owned()).filter(|id| !id.is_empty());
            }
            "retry" if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) => {
                self.retry = value.parse().ok().map(Duration::from_millis);
                self.reconnect = self.retry.or(self.reconnect);
            }
            _ => {}
        }
    }

    fn dispatch(&mut self, out: &mut VecDeque<RawEvent>) {
        let event = self.event.take().filter(|name| !name.is_empty());
        let retry = self.retry.take();
        if !std::mem::take(&mut self.has_data) {
            return; // No data: nothing to dispatch (a `retry` alone is kept).
        }
        out.push_back(RawEvent {
            event,
            data: std::mem::take(&mut self.data),
            id: self.last_id.clone(),
            retry,
        });
    }
}

/// An incremental JSON lines splitter: one item per non-blank line, or per
/// record of a JSON text sequence (each begun by the RS byte, 0x1E).
#[derive(Debug, Default)]
pub struct LineParser {
    line: Vec<u8>,
}

const RECORD_SEPARATOR: u8 = 0x1e;

impl LineParser {
    /// Feeds bytes; completed lines are appended to `out`.
    pub fn push(&mut self, mut chunk: &[u8], out: &mut VecDeque<Vec<u8>>) {
        while let Some(end) = chunk
            .iter()
            .position(|&b| b == b'\n' || b == RECORD_SEPARATOR)
        {
            self.line.extend_from_slice(&chunk[..end]);
            chunk = &chunk[end + 1..];
            self.line_done(out);
        }
        self.line.extend_from_slice(chunk);
    }

    /// The end of the body: a last line without a newline is an item too.
    pub fn finish(&mut self, out: &mut VecDeque<Vec<u8>>) {
        self.line_done(out);
    }

    fn line_done(&mut self, out: &mut VecDeque<Vec<u8>>) {
        let line = std::mem::take(&mut self.line);
        if !line.iter().all(u8::is_ascii_whitespace) {
            out.push_back(line);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn events(chunks: &[&[u8]]) -> Vec<RawEvent> {
        let mut parser = EventParser::default();
        let mut out = VecDeque::new();
        for chunk in chunks {
            parser.push(chunk, &mut out);
        }
        out.into()
    }

    fn event(name: Option<&str>, data: &str, id: Option<&str>) -> RawEvent {
        RawEvent {
            event: name.map(str::to_owned),
            data: data.to_owned(),
            id: id.map(str::to_owned),
            retry: None,
        }
    }

    #[test]
    fn the_specification_examples() {
        // The examples of the WHATWG HTML standard, §9.2.6.
        let stocks = events(&[b"data: YHOO\ndata: +2\ndata: 10\n\n"]);
        assert_eq!(stocks, vec![event(None, "YHOO\n+2\n10", None)]);
        let mixed = events(&[
            b": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n",
        ]);
        assert_eq!(
            mixed,
            vec![
                event(None, "first event", Some("1")),
                event(None, "second event", None),
                event(None, " third event", None),
            ]
        );
        let empty = events(&[b"data\n\ndata\ndata\n\ndata:"]);
        assert_eq!(empty, vec![event(None, "", None), event(None, "\n", None)]);
    }

    #[test]
    fn chunks_may_split_anything() {
        let whole: &[u8] = "\u{feff}event: delta\r\ndata: {\"t\":\"é\"}\r\nid: 7\r\n\r\n".as_bytes();
        let expected = vec![event(Some("delta"), "{\"t\":\"é\"}", Some("7"))];
        for cut in 0..whole.len() {
            assert_eq!(events(&[&whole[..cut], &whole[cut..]]), expected, "cut at {cut}");
        }
        let byte_by_byte: Vec<&[u8]> = whole.chunks(1).collect();
        assert_eq!(events(&byte_by_byte), expected);
    }

    #[test]
    fn a_lone_cr_ends_a_line() {
        assert_eq!(events(&[b"data: a\r\rdata: b\r", b"\r"]), vec![
            event(None, "a", None),
            event(None, "b", None)
        ]);
    }

    #[test]
    fn ids_carry_over_and_retry_is_read() {
        let mut parser = EventParser::default();
        let mut got = VecDeque::new();
        let body = b"id: 5\ndata: a\n\nretry: 1500\ndata: b\n\nretry: x\ndata: c\n\nretry: 20\n\n";
        parser.push(body, &mut got);
        assert_eq!(got.len(), 3, "a retry alone dispatches nothing");
        assert_eq!(got[1].id.as_deref(), Some("5"));
        assert_eq!(got[1].retry, Some(Duration::from_millis(1500)));
        assert_eq!(got[2].retry, None);
        assert_eq!(parser.reconnect(), Some(Duration::from_millis(20)));
        let resumed = EventParser::resuming(Some("9".to_owned()));
        assert_eq!(resumed.last_id(), Some("9"));
    }

    #[test]
    fn a_malformed_retry_or_id_is_ignored_and_the_earlier_one_kept() {
        // The standard: `retry` only when all digits; `id` not when it holds NUL.
        let mut parser = EventParser::default();
        let mut got = VecDeque::new();
        let body = b"retry: 100\nretry: 12a\nretry:\nid: 1\nid: a\0b\ndata: x\n\n";
        parser.push(body, &mut got);
        assert_eq!(got[0].retry, Some(Duration::from_millis(100)));
        assert_eq!(got[0].id.as_deref(), Some("1"));
        assert_eq!(parser.reconnect(), Some(Duration::from_millis(100)));
    }

    #[test]
    fn an_unfinished_event_is_not_dispatched() {
        assert_eq!(events(&[b"data: a\n\ndata: b\n"]), vec![event(None, "a", None)]);
    }

    #[test]
    fn json_lines_and_sequences() {
        let mut parser = LineParser::default();
        let mut out = VecDeque::new();
        parser.push(b"{\"a\":1}\r\n\n  \n{\"a\"", &mut out);
        parser.push(b":2}\n\x1e{\"a\":3}\n\x1e{\"a\":4}", &mut out);
        parser.finish(&mut out);
        let lines: Vec<String> = out
            .into_iter()
            .map(|l| String::from_utf8(l).unwrap().trim().to_owned())
            .collect();
        assert_eq!(lines, ["{\"a\":1}", "{\"a\":2}", "{\"a\":3}", "{\"a\":4}"]);
    }
}
