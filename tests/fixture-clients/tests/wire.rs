//! What a request says beyond its parameters (tests/fixtures/wire.yaml), as
//! a loopback server receives it: `Accept` names the media types the client
//! reads, and a body shared by reference is one type named after its
//! component, whichever operation it arrives through.

#[path = "../../support/server.rs"]
mod server;

use fixture_clients::wire_client::operations::{FollowArtistsError, GetTrackError};
use fixture_clients::wire_client::types::{ForbiddenBody, IdsBody};
use fixture_clients::wire_client::{Client, Error};
use serde_json::json;
use server::{Reply, TestServer};

async fn client(reply: Reply) -> (Client, TestServer) {
    let server = TestServer::start(move |_| reply.clone()).await;
    let client = Client::builder().base_url(&server.url).build().unwrap();
    (client, server)
}

#[tokio::test]
async fn accept_names_what_the_responses_declare_json_first() {
    let (client, server) = client(Reply::json(200, json!({"id": "a"}))).await;
    client.get_an_album("a").await.unwrap();
    client.get_track("t").await.unwrap();
    let seen = server.requests();
    // XML is declared too, but the client decodes JSON only.
    assert_eq!(seen[0].header("accept"), Some("application/json"));
    // The 404's plain text after the success's JSON.
    assert_eq!(
        seen[1].header("accept"),
        Some("application/json, text/plain")
    );
}

#[tokio::test]
async fn a_byte_body_accepts_every_type_it_is_declared_in() {
    let (client, server) = client(Reply::text(200, "image/jpeg", "\u{1}jpeg")).await;
    let cover = client.get_cover("a").await.unwrap();
    assert_eq!(cover.body().as_ref(), b"\x01jpeg");
    let seen = server.requests();
    assert_eq!(seen[0].header("accept"), Some("image/png, image/jpeg"));
}

#[tokio::test]
async fn an_operation_without_response_bodies_states_no_preference() {
    let (client, server) = client(Reply::text(204, "text/plain", "")).await;
    let ids = IdsBody::new(vec!["x".to_owned()]);
    client.save_episodes(&ids).await.unwrap();
    let accept = server.requests()[0].header("accept").map(str::to_owned);
    assert!(
        accept.is_none() || accept.as_deref() == Some("*/*"),
        "{accept:?}"
    );
}

#[tokio::test]
async fn a_shared_error_body_is_typed_after_its_component_in_every_operation() {
    let forbidden = json!({"status": 403, "message": "no"});
    let (client, _server) = client(Reply::json(403, forbidden)).await;
    let from_track: ForbiddenBody = match client.get_track("t").await {
        Err(Error::Status(GetTrackError::Forbidden(response))) => response.body().unwrap().clone(),
        other => panic!("{other:?}"),
    };
    let ids = IdsBody::new(vec!["x".to_owned()]);
    let from_follow: ForbiddenBody = match client.follow_artists(&ids).await {
        Err(Error::Status(FollowArtistsError::Forbidden(response))) => {
            response.body().unwrap().clone()
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(from_track, from_follow);
    assert_eq!(from_track.message, "no");
}

/// One part of a multipart body: its headers (lowercased names) and bytes.
type Part = (Vec<(String, String)>, Vec<u8>);

/// A multipart body read back, split at the boundary the `Content-Type`
/// names.
fn multipart_parts(content_type: &str, body: &[u8]) -> Vec<Part> {
    let boundary = content_type
        .strip_prefix("multipart/form-data; boundary=")
        .expect("a boundary");
    let delimiter = format!("\r\n--{boundary}");
    let mut body = [b"\r\n".as_slice(), body].concat();
    let mut parts = Vec::new();
    loop {
        let at = body
            .windows(delimiter.len())
            .position(|w| w == delimiter.as_bytes())
            .expect("a delimiter");
        body.drain(..at + delimiter.len());
        if body.starts_with(b"--") {
            return parts;
        }
        let head_end = body.windows(4).position(|w| w == b"\r\n\r\n").unwrap();
        let head = String::from_utf8(body[2..head_end].to_vec()).unwrap();
        let headers = head
            .split("\r\n")
            .map(|line| {
                let (name, value) = line.split_once(": ").unwrap();
                (name.to_ascii_lowercase(), value.to_owned())
            })
            .collect();
        body.drain(..head_end + 2);
        let end = body
            .windows(delimiter.len())
            .position(|w| w == delimiter.as_bytes())
            .unwrap();
        parts.push((headers, body[2..end].to_vec()));
    }
}

#[tokio::test]
async fn a_multipart_body_sends_each_field_as_its_part() {
    use fixture_clients::wire_client::runtime::multipart::File;
    use fixture_clients::wire_client::types::{Position, UploadImageBody};
    let (client, server) = client(Reply::json(201, json!({"id": "a"}))).await;
    let image = File::new(b"\x89PNG\r\n--x".to_vec()).with_file_name("cover.png");
    let body = UploadImageBody::new(image)
        .with_thumbnails(vec![File::new(b"t1".to_vec()), File::new(b"t2".to_vec())])
        .with_caption("a \"big\" cover")
        .with_tags(vec!["x".to_owned(), "y".to_owned()])
        .with_position(Position::new(1, 2));
    client.upload_image("a", &body).await.unwrap();
    let request = &server.requests()[0];
    let content_type = request.header("content-type").unwrap();
    let parts = multipart_parts(content_type, &request.body);
    let summary: Vec<(String, Option<String>, Vec<u8>)> = parts
        .into_iter()
        .map(|(headers, bytes)| {
            let header = |name: &str| {
                headers
                    .iter()
                    .find(|(n, _)| n == name)
                    .map(|(_, v)| v.clone())
            };
            (
                header("content-disposition").unwrap(),
                header("content-type"),
                bytes,
            )
        })
        .collect();
    let part = |disposition: &str, content_type: Option<&str>, bytes: &[u8]| {
        (
            format!("form-data; {disposition}"),
            content_type.map(str::to_owned),
            bytes.to_vec(),
        )
    };
    assert_eq!(
        summary,
        [
            // The encoding's first type when the file gives none.
            part(
                r#"name="image"; filename="cover.png""#,
                Some("image/png"),
                b"\x89PNG\r\n--x"
            ),
            part(
                r#"name="thumbnails"; filename="thumbnails""#,
                Some("application/octet-stream"),
                b"t1"
            ),
            part(
                r#"name="thumbnails"; filename="thumbnails""#,
                Some("application/octet-stream"),
                b"t2"
            ),
            part(r#"name="caption""#, None, b"a \"big\" cover"),
            part(r#"name="tags""#, None, b"x"),
            part(r#"name="tags""#, None, b"y"),
            part(
                r#"name="position""#,
                Some("application/json"),
                br#"{"x":1,"y":2}"#
            ),
        ]
    );
}

#[tokio::test]
async fn a_multipart_field_s_constraints_are_checked_before_sending() {
    use fixture_clients::wire_client::runtime::multipart::File;
    use fixture_clients::wire_client::types::UploadImageBody;
    let (client, server) = client(Reply::json(201, json!({"id": "a"}))).await;
    let body = UploadImageBody::new(File::new(b"x".to_vec())).with_caption("c".repeat(101));
    let error = client.upload_image("a", &body).await.unwrap_err();
    assert!(matches!(error, Error::InvalidRequest(_)), "{error:?}");
    assert!(server.requests().is_empty());
}
