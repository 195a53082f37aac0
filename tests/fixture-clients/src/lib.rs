//! The generated client of every valid fixture, one module each (see
//! build.rs): that they compile here, side by side and inside modules, is
//! the test. The snapshots in `tests/snapshots/` pin the same code.

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

#[cfg(test)]
mod tests {
    #[test]
    fn every_fixture_is_a_module() {
        let declared = include_str!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
        for name in [
            "auth",
            "enums",
            "openapi31",
            "real_world",
            "unions",
            "split",
        ] {
            let name = format!("{name}_client");
            assert!(declared.contains(&format!("pub mod {name} ")), "{name}");
        }
    }

    #[test]
    fn a_fixture_client_is_usable_from_its_module() {
        let client = super::operations_client::Client::builder()
            .base_url("http://127.0.0.1:9")
            .api_key("key")
            .build()
            .unwrap();
        assert_eq!(client.base_url(), "http://127.0.0.1:9");
    }
}
