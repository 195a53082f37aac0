//! The generated client of every valid fixture, one module each (see
//! build.rs): that they compile here, side by side and inside modules, is
//! the test. The snapshots in `generator/tests/snapshots/` pin the same code.

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));

/// The user's own type that `tests/fixtures/custom/oas-gen.toml` puts in
/// place of the spec's `Money` schema.
pub mod money {
    /// An amount in minor units, read from the wire's `"12.50"`.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
    pub struct Money {
        /// The amount, as the wire writes it.
        pub amount: String,
        /// ISO 4217 code.
        pub currency: String,
    }

    impl Money {
        /// The amount in cents.
        pub fn cents(&self) -> Option<u64> {
            let (units, cents) = self.amount.split_once('.')?;
            Some(units.parse::<u64>().ok()? * 100 + cents.parse::<u64>().ok()?)
        }
    }
}

/// The example tests of the customized fixture: they round-trip through the
/// user's `Money`.
#[cfg(test)]
mod custom_examples {
    include!(concat!(env!("OUT_DIR"), "/custom_examples.rs"));
}

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

    #[test]
    fn constructors_send_what_their_names_say() {
        use super::fastapi_client::types::{Invoice, Payment};
        let json = |invoice: Invoice| serde_json::to_value(Payment::Invoice(invoice));
        let absent = Invoice::default();
        assert_eq!(
            json(absent).unwrap(),
            serde_json::json!({"method": "invoice"})
        );
        let null = Invoice::default().with_due_days_null();
        assert_eq!(
            json(null).unwrap(),
            serde_json::json!({"method": "invoice", "due_days": null})
        );
        let set = Invoice::default().with_due_days(30);
        assert_eq!(
            json(set).unwrap(),
            serde_json::json!({"method": "invoice", "due_days": 30})
        );
    }

    #[test]
    fn a_union_variant_states_its_tag_once() {
        use super::fastapi_client::types::{Card, Payment};
        let card = Payment::Card(Card::new("4242"));
        let wire = serde_json::json!({"method": "card", "last4": "4242"});
        assert_eq!(serde_json::to_value(&card).unwrap(), wire);
        let read: Payment = serde_json::from_value(wire).unwrap();
        assert_eq!(read, card);
    }

    #[test]
    fn a_variant_that_keeps_its_tag_field_still_sends_the_variants_tag() {
        use super::unions_client::types::{Cat, Pet};
        // `Cat` is used outside `Pet` too, so it keeps `kind`; inside `Pet`
        // the variant decides what is sent.
        let cat = Pet::Cat(Cat::new("lion", "Tom"));
        assert_eq!(
            serde_json::to_value(&cat).unwrap(),
            serde_json::json!({"kind": "cat", "name": "Tom"})
        );
    }

    #[test]
    fn parameter_structs_have_the_same_constructors() {
        use super::operations_client::operations::{GetItemsItemIdParams, SearchParams};
        let search = SearchParams::new(vec![1, 2]).with_tags(vec!["a".to_owned()]);
        assert_eq!(
            (search.ids, search.tags),
            (vec![1, 2], Some(vec!["a".to_owned()]))
        );
        let all_optional = GetItemsItemIdParams::default().with_limit(5);
        assert_eq!((all_optional.limit, all_optional.fields), (Some(5), None));
    }

    #[test]
    fn settings_keep_one_tag_replace_a_type_and_derive_traits() {
        use super::custom_client::types::{Invoice, Line};
        use std::collections::HashSet;
        let invoice: Invoice = serde_json::from_value(serde_json::json!({
            "id": "inv_1",
            "total": {"amount": "12.50", "currency": "EUR"},
            "lines": [{"sku": "A-1", "price": {"amount": "12.50", "currency": "EUR"}}],
            "status": "open"
        }))
        .unwrap();
        // The user's type, with its own methods.
        let total: &super::money::Money = &invoice.total;
        assert_eq!(total.cents(), Some(1250));
        // `Eq` and `Hash` on Invoice, and on Line, which it holds.
        let set: HashSet<Invoice> = [invoice.clone(), invoice.clone()].into_iter().collect();
        assert_eq!(set.len(), 1);
        let lines: HashSet<Line> = invoice.lines.iter().cloned().collect();
        assert_eq!(lines.len(), 1);
        // Renamed: the field (its wire name kept) and the enum variant.
        use super::custom_client::types::InvoiceStatus;
        assert_eq!(invoice.state, InvoiceStatus::Unpaid);
        let wire = serde_json::to_value(&invoice).unwrap();
        assert_eq!(wire["status"], "open");
        // The admin tag's operation and its type are not generated; the
        // method is renamed, its error enum with it.
        let _: Option<super::custom_client::operations::InvoiceError> = None;
        let client = include_str!(concat!(env!("OUT_DIR"), "/custom_client.rs"));
        assert!(client.contains("fn invoice ") && !client.contains("get_invoice"));
        assert!(!client.contains("audit_log") && !client.contains("AuditEntry"));
    }

    #[test]
    fn structs_whose_fields_are_all_optional_have_a_default() {
        fn default<T: Default>() -> T {
            T::default()
        }
        let empty: super::refs_client::types::OrderPatch = default();
        assert_eq!(serde_json::to_value(empty).unwrap(), serde_json::json!({}));
    }
}
