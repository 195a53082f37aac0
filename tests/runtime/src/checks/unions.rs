//! The pieces generated unions and uploads are made of.

use serde_json::json;

use crate::runtime::union::{serialize_tagged, tag, variant};
use crate::runtime::upload::Upload;

#[test]
fn a_tag_is_read_only_when_it_is_text() {
    let value = json!({"type": "call", "n": 1});
    assert_eq!(tag(&value, "type"), Some("call"));
    assert_eq!(tag(&value, "n"), None, "a number is no tag");
    assert_eq!(tag(&value, "kind"), None);
    assert_eq!(tag(&json!(["type"]), "type"), None);
}

#[test]
fn a_variant_decodes_from_the_whole_object_and_is_written_with_its_tag() {
    #[derive(Debug, PartialEq, serde::Serialize, serde::Deserialize)]
    struct Call {
        n: u32,
    }
    let call: Call =
        variant::<_, serde_json::Error>(json!({"type": "call", "n": 2})).expect("decodes");
    assert_eq!(call, Call { n: 2 });
    let written =
        serialize_tagged(serde_json::value::Serializer, "type", "call", &call).expect("encodes");
    assert_eq!(written, json!({"type": "call", "n": 2}));
}

#[test]
fn an_upload_says_whether_it_is_a_stream_and_shows_no_bytes() {
    let bytes = Upload::from(b"secret".to_vec());
    assert!(!bytes.is_stream());
    assert_eq!(format!("{bytes:?}"), "Upload(6 bytes)");
    let chunks = futures_util::stream::iter(vec![Ok::<_, std::io::Error>(
        bytes::Bytes::from_static(b"x"),
    )]);
    let stream = Upload::stream(chunks);
    assert!(stream.is_stream());
    assert_eq!(format!("{stream:?}"), "Upload(stream)");
}
