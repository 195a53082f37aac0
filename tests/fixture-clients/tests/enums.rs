//! Enums of numbers (tests/fixtures/enums.yaml) on the wire: a value the
//! enum does not list is refused before anything is sent; one it lists
//! goes out as it is.

#[path = "../../support/server.rs"]
mod server;

use fixture_clients::enums_client::operations::GetRegionParams;
use fixture_clients::enums_client::types::Region;
use fixture_clients::enums_client::{Client, Error};
use serde_json::json;
use server::{Reply, TestServer};

#[tokio::test]
async fn a_number_outside_its_enum_is_refused_and_one_inside_is_sent() {
    let info = json!({"region": "us-east"});
    let server = TestServer::start(move |_| Reply::json(200, info.clone())).await;
    let client = Client::builder().base_url(&server.url).build().unwrap();
    let refused = GetRegionParams::new(4).with_scale(1.0);
    match client.get_region(&Region::UsEast, &refused).await {
        Err(Error::InvalidRequest(invalid)) => {
            let text = invalid.to_string();
            assert!(
                text.contains("params.tier: must be one of 3, 7, found 4"),
                "{text}"
            );
            assert!(
                text.contains("params.scale: must be one of 0.5, 2, found 1"),
                "{text}"
            );
        }
        other => panic!("sent a tier of 4: {other:?}"),
    }
    assert!(server.requests().is_empty());
    let listed = GetRegionParams::new(7).with_scale(0.5);
    client.get_region(&Region::UsEast, &listed).await.unwrap();
    let sent = server.requests();
    assert_eq!(sent.len(), 1);
    assert!(
        sent[0].target.contains("tier=7") && sent[0].target.contains("scale=0.5"),
        "{}",
        sent[0].target
    );
}
