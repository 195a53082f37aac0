//! What the settings made of the vendor's spec.

use std::collections::HashSet;

use example_vendor_settings::vendor::types::Call;

#[test]
fn the_client_has_what_the_settings_ask_for() {
    let call: Call = serde_json::from_str(
        r#"{"id":"c1","to":"+14155550100","duration":42,"cost":{"amount":"0.12","currency":"USD"}}"#,
    )
    .unwrap();
    // The overlay's type: a number of seconds.
    assert_eq!(call.duration, Some(42));
    // Our Money type.
    assert_eq!(call.cost.as_ref().and_then(|m| m.cents()), Some(12));
    // The derives.
    let calls: HashSet<Call> = [call.clone(), call].into_iter().collect();
    assert_eq!(calls.len(), 1);
    // Only the calls tag.
    let client = include_str!(concat!(env!("OUT_DIR"), "/vendor.rs"));
    assert!(client.contains("fn list_calls") && !client.contains("list_invoices"));
}

mod examples {
    include!(concat!(env!("OUT_DIR"), "/vendor_examples.rs"));
}
