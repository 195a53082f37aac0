//! JSON pointer → line and column, by walking the YAML events of the source
//! again (JSON is read the same way: it is YAML's flow style). Only done for
//! diagnostics, so loading itself pays nothing for positions.

use saphyr_parser::{Event, Parser, Span, StrInput};

use super::Position;

/// Where the node at `pointer` starts; for a mapping entry, where its key is.
pub fn position_of(text: &str, pointer: &str) -> Option<Position> {
    let segments: Vec<String> = pointer.split('/').skip(1).map(unescape).collect();
    let mut events = Parser::new_from_str(text);
    loop {
        let (event, span) = events.next()?.ok()?;
        match event {
            Event::StreamStart | Event::DocumentStart(_) | Event::Nothing => {}
            Event::StreamEnd => return None,
            event => return find(&mut events, event, span, &segments),
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

fn find(
    events: &mut Events<'_>,
    event: Event<'_>,
    span: Span,
    segments: &[String],
) -> Option<Position> {
    let Some((first, rest)) = segments.split_first() else {
        return Some(position(&span));
    };
    match event {
        Event::MappingStart(..) => find_in_mapping(events, first, rest),
        Event::SequenceStart(..) => find_in_sequence(events, first.parse().ok()?, rest),
        _ => None,
    }
}

fn find_in_mapping(events: &mut Events<'_>, key: &str, rest: &[String]) -> Option<Position> {
    loop {
        let (event, key_span) = events.next()?.ok()?;
        let matches = match &event {
            Event::MappingEnd => return None,
            Event::Scalar(text, ..) => text == key,
            _ => false,
        };
        if !matches {
            skip(events, event)?;
        }
        let (value, value_span) = events.next()?.ok()?;
        if !matches {
            skip(events, value)?;
        } else if rest.is_empty() {
            return Some(position(&key_span));
        } else {
            return find(events, value, value_span, rest);
        }
    }
}

fn find_in_sequence(events: &mut Events<'_>, index: usize, rest: &[String]) -> Option<Position> {
    for i in 0.. {
        let (event, span) = events.next()?.ok()?;
        if matches!(event, Event::SequenceEnd) {
            return None;
        }
        if i == index {
            return find(events, event, span, rest);
        }
        skip(events, event)?;
    }
    None
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
    fn finds_places_in_json() {
        let json = "{\n  \"a\": {\n    \"b\": [1, 2]\n  }\n}";
        assert_eq!(
            position_of(json, "/a/b"),
            Some(Position { line: 3, column: 5 })
        );
    }
}
