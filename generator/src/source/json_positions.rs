//! The JSON reading of `locate`: a spec written as JSON is scanned byte by
//! byte (strings, brackets, commas, colons), which is many times faster
//! than reading it as YAML events, and finds the same places.

use std::collections::HashSet;

use super::locate::Wanted;
use super::Position;

/// Notes where the wanted nodes of a JSON document start. `None` when the
/// text is not JSON after all (then nothing found here is to be trusted).
pub(super) fn walk_document(
    text: &str,
    wanted: &Wanted,
    found: &mut [Option<Position>],
) -> Option<()> {
    let mut cursor = Cursor {
        bytes: text.as_bytes(),
        at: 0,
        line: 1,
        column: 1,
    };
    cursor.skip_space();
    wanted.found_at(cursor.position(), found);
    cursor.value(wanted, found)?;
    cursor.skip_space();
    cursor.peek().is_none().then_some(())
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
    line: usize,
    /// In characters, as the YAML reader counts them.
    column: usize,
}

impl Cursor<'_> {
    fn position(&self) -> Position {
        Position {
            line: self.line,
            column: self.column,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn bump(&mut self) -> Option<u8> {
        let byte = self.peek()?;
        self.at += 1;
        if byte == b'\n' {
            self.line += 1;
            self.column = 1;
        } else if byte & 0xC0 != 0x80 {
            // A UTF-8 continuation byte is part of the character before.
            self.column += 1;
        }
        Some(byte)
    }

    fn expect(&mut self, byte: u8) -> Option<()> {
        (self.bump()? == byte).then_some(())
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Reads a value, looking into it only if some pointer goes on below it.
    fn value(&mut self, wanted: &Wanted, found: &mut [Option<Position>]) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'{' if !wanted.children.is_empty() => self.object(wanted, found),
            b'[' if !wanted.children.is_empty() => self.array(wanted, found),
            _ => self.skip_value(),
        }
    }

    fn object(&mut self, wanted: &Wanted, found: &mut [Option<Position>]) -> Option<()> {
        self.expect(b'{')?;
        let mut seen = HashSet::new();
        loop {
            self.skip_space();
            match self.peek()? {
                b'}' => return self.expect(b'}'),
                b',' => {
                    self.bump();
                    continue;
                }
                b'"' => {}
                _ => return None,
            }
            let at = self.position();
            let key = self.string()?;
            self.skip_space();
            self.expect(b':')?;
            // The first of duplicate keys is the one found, as in YAML.
            let first = seen.insert(key.clone());
            match wanted.children.get(&key).filter(|_| first) {
                Some(child) => {
                    child.found_at(at, found);
                    self.value(child, found)?;
                }
                None => self.skip_value()?,
            }
        }
    }

    fn array(&mut self, wanted: &Wanted, found: &mut [Option<Position>]) -> Option<()> {
        self.expect(b'[')?;
        let mut index = 0usize;
        loop {
            self.skip_space();
            match self.peek()? {
                b']' => return self.expect(b']'),
                b',' => {
                    self.bump();
                    continue;
                }
                _ => {}
            }
            let at = self.position();
            match wanted.children.get(&index.to_string()) {
                Some(child) => {
                    child.found_at(at, found);
                    self.value(child, found)?;
                }
                None => self.skip_value()?,
            }
            index += 1;
        }
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_space();
        match self.peek()? {
            b'"' => self.skip_string(),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => self.skip_string()?,
                        b'{' | b'[' => {
                            depth += 1;
                            self.bump();
                        }
                        b'}' | b']' => {
                            depth -= 1;
                            self.bump();
                            if depth == 0 {
                                return Some(());
                            }
                        }
                        _ => {
                            self.bump();
                        }
                    }
                }
            }
            b'}' | b']' | b',' | b':' => None,
            _ => {
                // A number, `true`, `false` or `null`.
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.bump();
                }
                Some(())
            }
        }
    }

    fn skip_string(&mut self) -> Option<()> {
        self.expect(b'"')?;
        loop {
            match self.bump()? {
                b'"' => return Some(()),
                b'\\' => {
                    self.bump()?;
                }
                _ => {}
            }
        }
    }

    /// A string's value, escapes decoded.
    fn string(&mut self) -> Option<String> {
        self.expect(b'"')?;
        let mut out = String::new();
        loop {
            let start = self.at;
            while !matches!(self.peek()?, b'"' | b'\\') {
                self.bump();
            }
            out.push_str(std::str::from_utf8(&self.bytes[start..self.at]).ok()?);
            if self.bump()? == b'"' {
                return Some(out);
            }
            let escaped = match self.bump()? {
                b'"' => '"',
                b'\\' => '\\',
                b'/' => '/',
                b'b' => '\u{8}',
                b'f' => '\u{c}',
                b'n' => '\n',
                b'r' => '\r',
                b't' => '\t',
                b'u' => self.unicode_escape()?,
                _ => return None,
            };
            out.push(escaped);
        }
    }

    /// The character of a `\u` escape (the `\u` read), a surrogate pair whole.
    fn unicode_escape(&mut self) -> Option<char> {
        let first = self.hex4()?;
        if !(0xD800..0xDC00).contains(&first) {
            return char::from_u32(first);
        }
        self.expect(b'\\')?;
        self.expect(b'u')?;
        let second = self.hex4()?;
        let code = 0x10000 + ((first - 0xD800) << 10) + second.checked_sub(0xDC00)?;
        char::from_u32(code)
    }

    fn hex4(&mut self) -> Option<u32> {
        let mut value = 0;
        for _ in 0..4 {
            let digit = char::from(self.bump()?).to_digit(16)?;
            value = value * 16 + digit;
        }
        Some(value)
    }
}
