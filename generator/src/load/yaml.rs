//! YAML → JSON value, by the YAML 1.2 core schema, with limits.
//!
//! We read YAML events (saphyr-parser) ourselves instead of going through a
//! serde YAML crate, so that:
//! - mapping keys stay strings exactly as written (`y`, `on`, `200`);
//! - scalars follow YAML 1.2 (only `true`/`false` are booleans), as the
//!   JSON-minded authors of OpenAPI documents mean them;
//! - integers beyond 64 bits become floats instead of errors;
//! - duplicate keys, alias bombs and deep nesting are refused with a position.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, Span, Tag};
use serde_json::{Map, Number, Value};

use crate::diagnostics::Diagnostic;
use crate::source::Position;

/// Deepest nesting of mappings and sequences accepted.
pub const MAX_DEPTH: usize = 128;
/// Nodes that alias expansion may add beyond the size of the text.
const ALIAS_BUDGET: usize = 1_000_000;

/// Like [`to_value`], but accepts a flow collection closed at the
/// indentation of its key (`example: {` ... `}` with `}` under `example`):
/// YAML 1.2 refuses it, PyYAML and libyaml accept it, and real specs written
/// with them have it. Such a line is read as if indented further; returns
/// the numbers of the lines read so.
pub fn to_value_lenient(text: &str) -> Result<(Value, Vec<usize>), Diagnostic> {
    to_value_lenient_within(text, MAX_MENDED_LINES)
}

/// At most this many lines are read leniently: each is one more reading of
/// the whole text.
const MAX_MENDED_LINES: usize = 1_000;

/// [`to_value_lenient`], mending at most `most` lines.
fn to_value_lenient_within(text: &str, most: usize) -> Result<(Value, Vec<usize>), Diagnostic> {
    let mut text = std::borrow::Cow::Borrowed(text);
    let mut mended = Vec::new();
    loop {
        let error = match to_value(&text) {
            Ok(value) => return Ok((value, mended)),
            Err(error) => error,
        };
        let Some(line) = error
            .position
            .filter(|_| error.message.contains("invalid indentation") && mended.len() < most)
            .map(|p| p.line)
        else {
            return Err(error);
        };
        let closes_flow = text
            .split('\n')
            .nth(line.saturating_sub(1))
            .is_some_and(|l| l.trim_start().starts_with(['}', ']']));
        if !closes_flow || mended.contains(&line) {
            return Err(error);
        }
        let indented: Vec<String> = text
            .split('\n')
            .enumerate()
            .map(|(i, l)| {
                if i + 1 == line {
                    format!("  {l}")
                } else {
                    l.to_owned()
                }
            })
            .collect();
        text = std::borrow::Cow::Owned(indented.join("\n"));
        mended.push(line);
    }
}

/// Reads YAML text into a JSON value.
pub fn to_value(text: &str) -> Result<Value, Diagnostic> {
    to_value_within(text, text.len() + ALIAS_BUDGET)
}

/// [`to_value`], reading at most `budget` nodes, those that aliases repeat
/// included.
fn to_value_within(text: &str, budget: usize) -> Result<Value, Diagnostic> {
    let mut reader = Reader {
        events: Parser::new_from_str(text),
        anchors: HashMap::new(),
        budget,
    };
    reader.document()
}

struct Reader<'a> {
    events: Parser<'a, saphyr_parser::StrInput<'a>>,
    anchors: HashMap<usize, (Value, usize)>,
    budget: usize,
}

fn position(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

fn error_at(span: &Span, message: impl Into<String>) -> Diagnostic {
    Diagnostic::error("", message).at(position(span))
}

impl<'a> Reader<'a> {
    fn next(&mut self) -> Result<(Event<'a>, Span), Diagnostic> {
        match self.events.next() {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => {
                let marker = e.marker();
                let at = Position {
                    line: marker.line(),
                    column: marker.col() + 1,
                };
                Err(Diagnostic::error("", format!("invalid YAML: {}", e.info())).at(at))
            }
            None => Err(Diagnostic::error(
                "",
                "invalid YAML: the document ends too early",
            )),
        }
    }

    fn document(&mut self) -> Result<Value, Diagnostic> {
        let mut value = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::DocumentStart(_) if value.is_some() => {
                    return Err(error_at(
                        &span,
                        "several YAML documents in one file: expected one",
                    ));
                }
                Event::DocumentStart(_) => {
                    let (event, span) = self.next()?;
                    value = Some(self.node(event, span, 0)?);
                }
                Event::StreamEnd => {
                    return value.ok_or_else(|| error_at(&span, "the file holds no YAML document"));
                }
                _ => return Err(error_at(&span, "unexpected YAML content")),
            }
        }
    }

    fn node(&mut self, event: Event<'a>, span: Span, depth: usize) -> Result<Value, Diagnostic> {
        self.spend(1, &span)?;
        match event {
            Event::Scalar(text, style, anchor, tag) => {
                let value = scalar(&text, style, tag.as_deref());
                self.remember(anchor, &value, 1);
                Ok(value)
            }
            Event::Alias(id) => self.alias(id, &span),
            Event::SequenceStart(anchor, _) => {
                let (value, size) = self.sequence(&span, depth + 1)?;
                self.remember(anchor, &value, size);
                Ok(value)
            }
            Event::MappingStart(anchor, _) => {
                let (value, size) = self.mapping(&span, depth + 1)?;
                self.remember(anchor, &value, size);
                Ok(value)
            }
            _ => Err(error_at(&span, "unexpected YAML event")),
        }
    }

    fn spend(&mut self, nodes: usize, span: &Span) -> Result<(), Diagnostic> {
        match self.budget.checked_sub(nodes) {
            Some(rest) => {
                self.budget = rest;
                Ok(())
            }
            None => Err(error_at(
                span,
                "YAML aliases expand to too many nodes (an alias bomb?)",
            )),
        }
    }

    fn remember(&mut self, anchor: usize, value: &Value, size: usize) {
        if anchor != 0 {
            self.anchors.insert(anchor, (value.clone(), size));
        }
    }

    fn alias(&mut self, id: usize, span: &Span) -> Result<Value, Diagnostic> {
        let (value, size) = match self.anchors.get(&id) {
            Some((value, size)) => (value.clone(), *size),
            None => return Err(error_at(span, "YAML alias to an unknown anchor")),
        };
        self.spend(size, span)?;
        Ok(value)
    }

    fn check_depth(depth: usize, span: &Span) -> Result<(), Diagnostic> {
        if depth > MAX_DEPTH {
            return Err(error_at(
                span,
                format!("nesting deeper than {MAX_DEPTH} levels"),
            ));
        }
        Ok(())
    }

    fn sequence(&mut self, start: &Span, depth: usize) -> Result<(Value, usize), Diagnostic> {
        Self::check_depth(depth, start)?;
        let mut items = Vec::new();
        let before = self.budget;
        loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::SequenceEnd) {
                return Ok((Value::Array(items), before - self.budget + 1));
            }
            items.push(self.node(event, span, depth)?);
        }
    }

    fn mapping(&mut self, start: &Span, depth: usize) -> Result<(Value, usize), Diagnostic> {
        Self::check_depth(depth, start)?;
        let mut map = Map::new();
        let mut merges = Vec::new();
        let before = self.budget;
        loop {
            let (event, span) = self.next()?;
            let key = match event {
                Event::MappingEnd => break,
                Event::Scalar(text, ScalarStyle::Plain, _, _) if text == "<<" => None,
                Event::Scalar(text, ..) => Some(text.into_owned()),
                Event::Alias(id) => Some(self.alias_key(id, &span)?),
                _ => {
                    return Err(error_at(
                        &span,
                        "mapping keys must be plain values, not mappings or lists",
                    ))
                }
            };
            let (event, value_span) = self.next()?;
            let value = self.node(event, value_span, depth)?;
            match key {
                None => merges.push(value),
                Some(key) if map.contains_key(&key) => {
                    return Err(error_at(
                        &span,
                        format!("duplicate key `{key}` in this mapping"),
                    ));
                }
                Some(key) => {
                    map.insert(key, value);
                }
            }
        }
        merge_keys(&mut map, merges);
        Ok((Value::Object(map), before - self.budget + 1))
    }

    fn alias_key(&self, id: usize, span: &Span) -> Result<String, Diagnostic> {
        match self.anchors.get(&id) {
            Some((Value::String(text), _)) => Ok(text.clone()),
            Some((other, _)) if !other.is_object() && !other.is_array() => Ok(other.to_string()),
            _ => Err(error_at(
                span,
                "mapping keys must be plain values, not mappings or lists",
            )),
        }
    }
}

/// Applies YAML merge keys (`<<`): merged entries never override explicit ones.
fn merge_keys(map: &mut Map<String, Value>, merges: Vec<Value>) {
    for merge in merges {
        let sources = match merge {
            Value::Array(items) => items,
            other => vec![other],
        };
        for source in sources {
            if let Value::Object(entries) = source {
                for (key, value) in entries {
                    map.entry(key).or_insert(value);
                }
            }
        }
    }
}

fn scalar(text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
    if let Some(kind) = tag.and_then(core_tag) {
        return tagged(text, kind);
    }
    if style != ScalarStyle::Plain {
        return Value::String(text.to_owned());
    }
    plain(text)
}

/// The name of a tag of the core schema (`!!str`, or written out as
/// `!<tag:yaml.org,2002:str>`), or `None` for another tag.
fn core_tag(tag: &Tag) -> Option<&str> {
    const CORE: &str = "tag:yaml.org,2002:";
    match tag.handle.as_str() {
        "!!" | CORE => Some(tag.suffix.as_str()),
        // A verbatim tag has no handle: the whole name is its suffix.
        "" | "!" => tag.suffix.strip_prefix(CORE),
        _ => None,
    }
}

fn tagged(text: &str, kind: &str) -> Value {
    match kind {
        "str" => Value::String(text.to_owned()),
        // `!!null`, `!!int`, `!!bool`, `!!float` and unknown tags: the text
        // read plainly (a tagged value that is not what its tag says stays
        // text).
        _ => plain(text),
    }
}

/// Resolves a plain scalar by the YAML 1.2 core schema.
fn plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    integer(text)
        .or_else(|| float(text))
        .unwrap_or_else(|| Value::String(text.to_owned()))
}

fn integer(text: &str) -> Option<Value> {
    let (sign, digits) = match text.as_bytes().first()? {
        b'-' => (-1i128, &text[1..]),
        b'+' => (1, &text[1..]),
        _ => (1, text),
    };
    let (radix, digits) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(octal) = digits.strip_prefix("0o") {
        (8, octal)
    } else {
        (10, digits)
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    match i128::from_str_radix(digits, radix).ok().map(|n| n * sign) {
        Some(n) if i64::try_from(n).is_ok() => Some(Value::Number(Number::from(n as i64))),
        Some(n) if u64::try_from(n).is_ok() => Some(Value::Number(Number::from(n as u64))),
        // Beyond 64 bits: keep the magnitude as a float, as JSON readers do
        // (only decimal text parses as one; hex and octal stay text).
        _ => text
            .parse::<f64>()
            .ok()
            .and_then(Number::from_f64)
            .map(Value::Number),
    }
}

/// A float as Rust reads one, which is YAML's core float but for `inf` and
/// `nan` (in any case), which JSON has no number for: they stay text.
fn float(text: &str) -> Option<Value> {
    text.parse::<f64>()
        .ok()
        .and_then(Number::from_f64)
        .map(Value::Number)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_keep_their_sign_and_all_64_bits() {
        let value = to_value(
            "a: +12\nb: 18446744073709551615\nc: -9223372036854775808\nd: 18446744073709551616\n",
        )
        .unwrap();
        let expected =
            serde_json::json!({"a": 12, "b": u64::MAX, "c": i64::MIN, "d": 18446744073709551616.0});
        assert_eq!(value, expected);
        // Equal as numbers is not enough: an integer stays one.
        assert!(value["a"].is_i64() && value["b"].is_u64() && value["d"].is_f64());
    }

    #[test]
    fn floats_are_what_rust_reads_and_infinities_stay_text() {
        let value = to_value("a: .5\nb: -1.\nc: 2e3\nd: inf\ne: NaN\nf: infinity\ng: 1e\nh: 1_0\n")
            .unwrap();
        let expected = serde_json::json!({"a": 0.5, "b": -1.0, "c": 2000.0, "d": "inf", "e": "NaN", "f": "infinity", "g": "1e", "h": "1_0"});
        assert_eq!(value, expected);
    }

    #[test]
    fn yaml_1_1_booleans_stay_strings_as_keys_and_values() {
        let value = to_value("y: n\non: off\nyes: no\nY: N\n").unwrap();
        let expected = serde_json::json!({"y": "n", "on": "off", "yes": "no", "Y": "N"});
        assert_eq!(value, expected);
    }

    #[test]
    fn core_schema_scalars() {
        let value =
            to_value("a: true\nb: ~\nc: 12\nd: -1.5e3\ne: '12'\nf: 0x1F\ng: 1.0\n").unwrap();
        let expected = serde_json::json!({"a": true, "b": null, "c": 12, "d": -1500.0, "e": "12", "f": 31, "g": 1.0});
        assert_eq!(value, expected);
    }

    #[test]
    fn integers_beyond_64_bits_become_floats() {
        let value =
            to_value("minimum: -9223372036854776000\nmaximum: 99999999999999999999\n").unwrap();
        assert_eq!(value["minimum"].as_f64(), Some(-9223372036854776000.0));
        assert_eq!(value["maximum"].as_f64(), Some(1e20));
    }

    #[test]
    fn tags_and_radixes_are_read_as_yaml_1_2_says() {
        let value = to_value(
            "a: !!int '7'\nb: !!bool 'true'\nc: !!int 'seven'\nd: !!str 7\ne: 0x1_0\nf: 0o17\n\
             g: 0x1FFFFFFFFFFFFFFFFFFFF\nh: !!null ''\ni: !<tag:yaml.org,2002:str> 8\n\
             j: !local 9\nl: !!null none\n",
        )
        .unwrap();
        assert_eq!(value["h"], serde_json::Value::Null);
        assert_eq!(value["l"], serde_json::json!("none"), "not a null: text");
        assert_eq!(
            value["i"],
            serde_json::json!("8"),
            "the long form of a core tag"
        );
        assert_eq!(
            value["j"],
            serde_json::json!(9),
            "another tag: read plainly"
        );
        let directive = to_value("%TAG !c! tag:yaml.org,2002:\n---\nk: !c!str 10\n").unwrap();
        assert_eq!(
            directive["k"],
            serde_json::json!("10"),
            "a handle named for the core"
        );
        assert_eq!(value["a"], serde_json::json!(7), "a tagged quoted int");
        assert_eq!(value["b"], serde_json::json!(true));
        assert_eq!(
            value["c"],
            serde_json::json!("seven"),
            "not an int: kept as text"
        );
        assert_eq!(value["d"], serde_json::json!("7"));
        assert_eq!(value["e"], serde_json::json!("0x1_0"));
        assert_eq!(value["f"], serde_json::json!(15));
        // Beyond 64 bits only decimal integers become floats; a hex one stays text.
        assert_eq!(value["g"], serde_json::json!("0x1FFFFFFFFFFFFFFFFFFFF"));
    }

    #[test]
    fn aliases_of_scalars_may_be_keys_but_not_of_collections() {
        let value = to_value("a: &k 5\nb: {*k : x}\nc: &n name\nd: {*n : y}\n").unwrap();
        assert_eq!(value["b"]["5"], serde_json::json!("x"));
        assert_eq!(
            value["d"],
            serde_json::json!({"name": "y"}),
            "text, not quoted"
        );
        let error = to_value("a: &k [1]\nb: {*k : x}\n").unwrap_err();
        assert!(
            error.message.contains("mapping keys must be plain values"),
            "{}",
            error.message
        );
    }

    #[test]
    fn numeric_keys_stay_strings() {
        let value = to_value("responses:\n  200: {description: ok}\n").unwrap();
        assert!(value["responses"]["200"].is_object());
    }

    #[test]
    fn duplicate_keys_are_refused_with_a_position() {
        let error = to_value("a: 1\nb: 2\na: 3\n").unwrap_err();
        assert!(
            error.message.contains("duplicate key `a`"),
            "{}",
            error.message
        );
        assert_eq!(error.position, Some(Position { line: 3, column: 1 }));
    }

    #[test]
    fn alias_bombs_are_refused() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..10 {
            let prev = (b'a' + i - 1) as char;
            let name = (b'a' + i) as char;
            text.push_str(&format!("{name}: &{name} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
        }
        let error = to_value(&text).unwrap_err();
        assert!(error.message.contains("alias"), "{}", error.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let error = to_value(&text).unwrap_err();
        let refused =
            error.message.contains("nesting deeper") || error.message.contains("recursion limit");
        assert!(refused, "{}", error.message);
        let text = format!(
            "{}1{}",
            "[".repeat(MAX_DEPTH + 5),
            "]".repeat(MAX_DEPTH + 5)
        );
        let error = to_value(&text).unwrap_err();
        assert!(
            error.message.contains("nesting deeper"),
            "{}",
            error.message
        );
    }

    #[test]
    fn mappings_nest_as_deep_as_sequences_and_the_limit_is_exact() {
        let nested = |open: &str, close: &str, levels: usize| {
            format!("{}1{}", open.repeat(levels), close.repeat(levels))
        };
        assert!(to_value(&nested("[", "]", MAX_DEPTH)).is_ok());
        assert!(to_value(&nested("{a: ", "}", MAX_DEPTH)).is_ok());
        for (open, close) in [("[", "]"), ("{a: ", "}")] {
            let error = to_value(&nested(open, close, MAX_DEPTH + 1)).unwrap_err();
            assert!(
                error.message.contains("nesting deeper than 128"),
                "{open}: {}",
                error.message
            );
        }
    }

    #[test]
    fn an_alias_costs_every_node_of_what_it_repeats() {
        // The top mapping, the anchored list and its two items: 4 nodes
        // (keys are not counted); the alias is one more, and repeats 3.
        let list = "{a: &l [1, 2], b: *l}";
        assert!(to_value_within(list, 8).is_ok());
        assert!(to_value_within(list, 7).is_err());
        // The list, the anchored mapping and its value: 3; each alias 1 + 2.
        let map = "[&m {x: 1}, *m, *m]";
        assert!(to_value_within(map, 9).is_ok());
        let error = to_value_within(map, 8).unwrap_err();
        assert!(
            error.message.contains("too many nodes"),
            "{}",
            error.message
        );
    }

    #[test]
    fn several_documents_in_one_file_are_refused() {
        let error = to_value("a: 1\n---\nb: 2\n").unwrap_err();
        assert!(
            error.message.contains("several YAML documents"),
            "{}",
            error.message
        );
        assert_eq!(error.position.map(|p| p.line), Some(2));
    }

    #[test]
    fn only_lines_that_close_a_flow_are_read_leniently_and_only_so_many() {
        // A key out of line is a mistake, not a closing brace: moving it
        // would silently put it in another map.
        let astray = "a:\n  e: {\n    \"m\": \"j\"\n  x\n  }\n";
        let error = to_value_lenient(astray).unwrap_err();
        assert_eq!(error.position.map(|p| p.line), Some(4), "{}", error.message);
        assert!(
            error.message.contains("invalid indentation"),
            "{}",
            error.message
        );
        let closing = "x:\n  a: {\n    \"b\": \"1\"\n  }\n  c: {\n    \"d\": \"2\"\n  }\n  e: {\n    \"f\": \"3\"\n  }\n";
        let (value, mended) = to_value_lenient_within(closing, 3).unwrap();
        assert_eq!(mended, [4, 7, 10]);
        assert_eq!(value["x"]["e"]["f"], "3");
        assert!(to_value_lenient_within(closing, 2).is_err());
    }

    #[test]
    fn merge_keys_do_not_override() {
        let value = to_value("base: &b {x: 1, y: 2}\nd:\n  <<: *b\n  y: 3\n").unwrap();
        assert_eq!(value["d"], serde_json::json!({"x": 1, "y": 3}));
    }
}
