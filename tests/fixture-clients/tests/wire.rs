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
