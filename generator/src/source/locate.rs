//! JSON pointer → line and column, by walking the YAML events of the source
//! again, or for a JSON document its bytes (`json_positions`, faster; the
//! YAML reading finds the same places, since JSON is YAML's flow style,
//! except past a surrogate-pair escape such as `\ud83d\ude00`, which YAML's
//! `\u` does not take).
//! Only done for diagnostics, so loading itself pays nothing for positions.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, Span, StrInput};

use super::Position;

/// Where the node at `pointer` starts; for a mapping entry, where its key is.
pub fn position_of(text: &str, pointer: &str) -> Option<Position> {
    positions_of(text, &[pointer]).pop().flatten()
}

/// Where the nodes at `pointers` start (for a mapping entry, where its key
/// is), in one pass over the text: a spec with many warnings is parsed once,
/// not once per warning. Only the branches some pointer goes through are
/// looked into; the first of duplicate keys is the one found.
pub fn positions_of(text: &str, pointers: &[&str]) -> Vec<Option<Position>> {
    if pointers.is_empty() {
        return Vec::new();
    }
    let wanted = Wanted::of(pointers);
    let mut found = vec![None; pointers.len()];
    if text.trim_start().starts_with(['{', '[']) {
        if super::json_positions::walk_document(text, &wanted, &mut found).is_some() {
            return found;
        }
        // YAML flow style that is not JSON: read as YAML below.
        found.fill(None);
    }
    by_yaml_events(text, &wanted, &mut found);
    found
}

fn by_yaml_events(text: &str, wanted: &Wanted, found: &mut [Option<Position>]) {
    let mut events = Parser::new_from_str(text);
    while let Some(Ok((event, span))) = events.next() {
        match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => {}
            Event::StreamEnd => break,
            event => {
                wanted.found_at(position(&span), found);
                walk(&mut events, event, wanted, found);
                break;
            }
        }
    }
}

/// The pointers that go through one node: those that end here (by index),
/// and the branches they continue into.
#[derive(Default)]
pub(super) struct Wanted {
    here: Vec<usize>,
    pub(super) children: HashMap<String, Wanted>,
}

impl Wanted {
    /// The trie of `pointers`, each known by its index.
    fn of(pointers: &[&str]) -> Self {
        let mut wanted = Wanted::default();
        for (index, pointer) in pointers.iter().enumerate() {
            let mut node = &mut wanted;
            for segment in pointer.split('/').skip(1) {
                node = node.children.entry(unescape(segment)).or_default();
            }
            node.here.push(index);
        }
        wanted
    }

    pub(super) fn found_at(&self, at: Position, found: &mut [Option<Position>]) {
        for &index in &self.here {
            found[index] = Some(at);
        }
    }
}

fn unescape(segment: &str) -> String {
    segment.replace("~1", "/").replace("~0", "~")
}

fn position(span: &Span) -> Position {
    Position {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

type Events<'a> = Parser<'a, StrInput<'a>>;

/// Reads the rest of the node whose first event was `event`, noting where
/// the wanted nodes below it start.
fn walk(
    events: &mut Events<'_>,
    event: Event<'_>,
    wanted: &Wanted,
    found: &mut [Option<Position>],
) -> Option<()> {
    if wanted.children.is_empty() {
        return skip(events, event);
    }
    match event {
        Event::MappingStart(..) => walk_mapping(events, wanted, found),
        Event::SequenceStart(..) => walk_sequence(events, wanted, found),
        _ => Some(()),
    }
}

fn walk_mapping(
    events: &mut Events<'_>,
    wanted: &Wanted,
    found: &mut [Option<Position>],
) -> Option<()> {
    let mut seen = HashSet::new();
    loop {
        let (key, key_span) = events.next()?.ok()?;
        let child = match &key {
            Event::MappingEnd => return Some(()),
            Event::Scalar(text, ..) if seen.insert(text.to_string()) => {
                wanted.children.get(text.as_ref())
            }
            _ => None,
        };
        if child.is_none() {
            skip(events, key)?;
        }
        let (value, _) = events.next()?.ok()?;
        match child {
            Some(child) => {
                child.found_at(position(&key_span), found);
                walk(events, value, child, found)?;
            }
            None => skip(events, value)?,
        }
    }
}

fn walk_sequence(
    events: &mut Events<'_>,
    wanted: &Wanted,
    found: &mut [Option<Position>],
) -> Option<()> {
    for index in 0usize.. {
        let (item, span) = events.next()?.ok()?;
        if matches!(item, Event::SequenceEnd) {
            break;
        }
        match wanted.children.get(&index.to_string()) {
            Some(child) => {
                child.found_at(position(&span), found);
                walk(events, item, child, found)?;
            }
            None => skip(events, item)?,
        }
    }
    Some(())
}

/// Skips the rest of a node whose first event was `event`.
fn skip(events: &mut Events<'_>, event: Event<'_>) -> Option<()> {
    let mut depth = match event {
        Event::MappingStart(..) | Event::SequenceStart(..) => 1usize,
        _ => return Some(()),
    };
    while depth > 0 {
        match events.next()?.ok()?.0 {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            _ => {}
        }
    }
    Some(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "openapi: 3.0.3\npaths:\n  /a/{id}:\n    get:\n      tags: [x, y]\n";

    #[test]
    fn finds_keys_and_items() {
        assert_eq!(
            position_of(TEXT, "/openapi"),
            Some(Position { line: 1, column: 1 })
        );
        assert_eq!(
            position_of(TEXT, "/paths/~1a~1{id}/get"),
            Some(Position { line: 4, column: 5 })
        );
        assert_eq!(
            position_of(TEXT, "/paths/~1a~1{id}/get/tags/1"),
            Some(Position {
                line: 5,
                column: 17
            })
        );
        assert_eq!(position_of(TEXT, "/nothing"), None);
    }

    #[test]
    fn finds_many_places_in_one_pass_as_one_at_a_time() {
        let pointers = [
            "/paths/~1a~1{id}/get/tags/1",
            "/openapi",
            "/paths/~1a~1{id}/get",
            "/nothing",
            "",
            "/paths/~1a~1{id}/get/tags/7",
            "/openapi",
        ];
        let batch = positions_of(TEXT, &pointers);
        let one_by_one: Vec<_> = pointers.iter().map(|p| position_of(TEXT, p)).collect();
        assert_eq!(batch, one_by_one);
        assert_eq!(
            batch[0],
            Some(Position {
                line: 5,
                column: 17
            })
        );
        assert_eq!(batch[4], Some(Position { line: 1, column: 1 }));
        assert_eq!(batch[3], None);
        assert_eq!(batch[5], None);
    }

    #[test]
    fn the_first_of_duplicate_keys_is_found() {
        let text = "a:\n  b: 1\na:\n  c: 2\n";
        assert_eq!(
            position_of(text, "/a"),
            Some(Position { line: 1, column: 1 })
        );
        assert_eq!(position_of(text, "/a/c"), None);
    }

    /// Every pointer into `value`, and a few that lead nowhere.
    fn pointers(value: &serde_json::Value, at: String, out: &mut Vec<String>) {
        out.push(at.clone());
        out.push(format!("{at}/missing"));
        let escape = |k: &str| k.replace('~', "~0").replace('/', "~1");
        match value {
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    pointers(item, format!("{at}/{}", escape(key)), out);
                }
            }
            serde_json::Value::Array(items) => {
                for (index, item) in items.iter().enumerate() {
                    pointers(item, format!("{at}/{index}"), out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn json_is_located_as_the_yaml_events_locate_it() {
        let text = concat!(
            "{\"openapi\": \"3.1.0\", \"été\": {\"ünï\": [1, -2.5e3, true, null, {}, []]},\n",
            "  \"a/b\": {\"q\\\"uote\": \"x\\\\y\", \"\\u00e9t\\u00e9 \\/\": [\"[\", \"{\", \"}\"]},\n",
            "  \"tilde~\" :\t{ \"deep\" : [ [ { \"k\": 1 } ] , \"s\" ] },\r\n",
            "  \"dup\": {\"first\": 1}, \"dup\": {\"second\": 2}\n}\n"
        );
        let value: serde_json::Value = serde_json::from_str(text).unwrap();
        let mut all = Vec::new();
        pointers(&value, String::new(), &mut all);
        all.extend(["/dup/first".to_owned(), "/dup/second".to_owned()]);
        let all: Vec<&str> = all.iter().map(String::as_str).collect();
        let json = positions_of(text, &all);
        let mut yaml = vec![None; all.len()];
        by_yaml_events(text, &Wanted::of(&all), &mut yaml);
        for (pointer, (json, yaml)) in all.iter().zip(json.iter().zip(&yaml)) {
            assert_eq!(json, yaml, "{pointer}");
        }
        assert!(json.iter().filter(|p| p.is_some()).count() > 20);
        assert_eq!(
            positions_of(text, &["/a~1b/\u{e9}t\u{e9} ~1/2"]),
            vec![Some(Position {
                line: 2,
                column: 61
            })]
        );
    }

    #[test]
    fn json_keys_with_surrogate_pairs_are_read_whole() {
        let text = "{\"\\ud83d\\ude00\": {\"x\": 1}}";
        assert_eq!(
            positions_of(text, &["/\u{1F600}/x"]),
            vec![Some(Position {
                line: 1,
                column: 19
            })]
        );
    }

    #[test]
    fn yaml_flow_style_that_is_not_json_is_read_as_yaml() {
        let text = "{a: {b: 1}, c: [x, y]}";
        assert_eq!(
            positions_of(text, &["/a/b", "/c/1"]),
            vec![
                Some(Position { line: 1, column: 6 }),
                Some(Position {
                    line: 1,
                    column: 20
                })
            ]
        );
    }

    #[test]
    fn finds_places_in_json() {
        let json = "{\n  \"a\": {\n    \"b\": [1, 2]\n  }\n}";
        assert_eq!(
            position_of(json, "/a/b"),
            Some(Position { line: 3, column: 5 })
        );
    }

    /// The JSON scan on its own (a failure would fall back to the YAML
    /// reading and hide): it reads all of a document, skipping what no
    /// pointer wants, and finds what the YAML reading finds.
    #[test]
    fn the_json_scan_reads_what_it_skips_and_agrees_with_the_yaml_reading() {
        let json = r#"{
  "skip": {"s": "a \"quoted\" } ] string\\", "n": [1, [2, {"x": "]}\"]"}], null, -1.5e3], "e": {}},
  "list": [
    "first" ,
    {"k": "v", "deep": {"z": false}},
    [10, 20, 30]
  ],
  "caf\u00e9 \"é\"": {"ü": 1},
  "dup": 1,
  "dup": {"late": 2},
  "after": "end",
  "esc \" \\ \/ \b \f \n \r \t": 0
}"#;
        let pointers = [
            "/list/1/deep/z",
            "/list/2/2",
            "/list/0",
            "/café \"é\"/ü",
            "/after",
            "/dup",
            "/dup/late",
            "/skip/n",
            "/missing",
            "/esc \" \\ ~1 \u{8} \u{c} \n \r \t",
        ];
        let wanted = Wanted::of(&pointers);
        let mut scanned = vec![None; pointers.len()];
        assert_eq!(
            super::super::json_positions::walk_document(json, &wanted, &mut scanned),
            Some(())
        );
        let mut read = vec![None; pointers.len()];
        by_yaml_events(json, &wanted, &mut read);
        assert_eq!(scanned, read);
        let at = |line, column| Some(Position { line, column });
        assert_eq!(
            scanned[..5],
            [at(5, 25), at(6, 14), at(4, 5), at(8, 23), at(11, 3)]
        );
        assert_eq!(scanned[5..], [at(9, 3), None, at(2, 46), None, at(12, 3)]);
    }

    /// A surrogate pair (which YAML's `\u` does not take) is one character,
    /// as is a character of four bytes.
    #[test]
    fn the_json_scan_decodes_surrogate_pairs_and_counts_characters() {
        let json = r#"{"smile \ud83d\ude00\u00FF": {"😀": 1, "y": 2}}"#;
        let wanted = Wanted::of(&["/smile 😀ÿ/y"]);
        let mut found = vec![None];
        let result = super::super::json_positions::walk_document(json, &wanted, &mut found);
        assert_eq!(result, Some(()));
        assert_eq!(
            found,
            [Some(Position {
                line: 1,
                column: 39
            })]
        );
    }

    /// What is not JSON is left to the YAML reading.
    #[test]
    fn the_json_scan_refuses_what_is_not_json() {
        let wanted = Wanted::of(&["/a"]);
        for text in [
            "{\"a\": }",
            "{a: 1}",
            "{\"a\": 1} x",
            "[1, 2",
            "{\"a\": \"b}",
            r#"{"\x": 1}"#,
            r#"{"\ud83d": 1}"#,
            r#"{"\ud83d\u0041": 1}"#,
            r#"{"\u00G0": 1}"#,
        ] {
            let mut found = vec![None];
            let result = super::super::json_positions::walk_document(text, &wanted, &mut found);
            assert_eq!(result, None, "{text}");
        }
    }
}
