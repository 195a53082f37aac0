//! Parameters on the wire in every style OpenAPI defines
//! (tests/fixtures/styles.yaml), as a loopback server receives them: the
//! request line, the headers and the cookie, byte for byte as the examples
//! table of the OpenAPI Specification writes them.

#[path = "../../support/server.rs"]
mod server;

use fixture_clients::styles_client::operations::GetColorsParams;
use fixture_clients::styles_client::runtime::datetime::DateTime;
use fixture_clients::styles_client::types::Rgb;
use fixture_clients::styles_client::{Client, Error};
use server::{Recorded, Reply, TestServer};

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| (*s).to_owned()).collect()
}

async fn sent(params: &GetColorsParams, simple: &[&str]) -> Result<Recorded, Error<()>> {
    let server = TestServer::start(|_| Reply::text(204, "text/plain", "")).await;
    let client = Client::builder().base_url(&server.url).build().unwrap();
    let rgb = Rgb::new(100, 200, 150);
    let label = strings(&["blue", "black"]);
    match client
        .get_colors(&strings(simple), &label, &rgb, params)
        .await
    {
        Ok(_) => Ok(server.requests().remove(0)),
        Err(Error::InvalidRequest(e)) => Err(Error::InvalidRequest(e)),
        Err(other) => panic!("{other}"),
    }
}

#[tokio::test]
async fn path_styles_are_simple_label_and_matrix() {
    let request = sent(&GetColorsParams::default(), &["blue", "a/b"])
        .await
        .unwrap();
    assert_eq!(
        request.target,
        "/colors/blue,a%2Fb/.blue.black/;matrix=R,100,G,200,B,150"
    );
}

#[tokio::test]
async fn query_styles_keep_their_delimiters_and_encode_the_values() {
    let params = GetColorsParams::default()
        .with_type(strings(&["album", "track"]))
        .with_ids(vec![1, 2])
        .with_spaced(strings(&["a", "b"]))
        .with_piped(strings(&["a", "b|c"]))
        .with_filter(Rgb::new(1, 2, 3))
        .with_redirect("https://x.test/a?b=c&d")
        .with_q("a b&c=d")
        .with_since("2024-05-01T10:00:00+02:00".parse::<DateTime>().unwrap());
    let request = sent(&params, &["x"]).await.unwrap();
    let query = request.target.split_once('?').unwrap().1;
    assert_eq!(
        query.split('&').collect::<Vec<_>>(),
        [
            "type=album,track",
            "ids=1",
            "ids=2",
            "spaced=a%20b",
            "piped=a|b%7Cc",
            "filter%5BR%5D=1",
            "filter%5BG%5D=2",
            "filter%5BB%5D=3",
            "redirect=https://x.test/a?b%3Dc%26d",
            "q=a%20b%26c%3Dd",
            "since=2024-05-01T10%3A00%3A00%2B02%3A00",
        ]
    );
}

#[tokio::test]
async fn headers_are_simple_and_cookies_share_one_header() {
    let params = GetColorsParams::default()
        .with_x_ids(vec![3, 4])
        .with_x_rgb(Rgb::new(1, 2, 3))
        .with_session("a;b")
        .with_prefs(strings(&["dark", "wide"]));
    let request = sent(&params, &["x"]).await.unwrap();
    assert_eq!(request.header("x-ids"), Some("3,4"));
    assert_eq!(request.header("x-rgb"), Some("R=1,G=2,B=3"));
    assert_eq!(
        request.header("cookie"),
        Some("session=a%3Bb; prefs=dark,wide")
    );
    assert!(!request.target.contains('?'), "{}", request.target);
}

#[tokio::test]
async fn an_empty_path_parameter_is_refused_before_sending() {
    let Err(Error::InvalidRequest(error)) = sent(&GetColorsParams::default(), &[]).await else {
        panic!("an empty path parameter was sent");
    };
    assert_eq!(error.violations[0].path, "simple");
}
