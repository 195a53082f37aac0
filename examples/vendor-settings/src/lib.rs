//! A client of one tag of a vendor's spec, generated at build time with
//! settings (`spec/oas-gen.toml`): only the `calls` operations and the types
//! they reach, the vendor's `Money` replaced by ours, `Eq` and `Hash`
//! derived, a wrong type mended by an overlay.

/// Our own money type, used wherever the vendor's spec says `Money`.
pub mod money {
    /// An amount as the vendor writes it, with its currency.
    #[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
    pub struct Money {
        /// Decimal text (`"0.12"`).
        pub amount: String,
        /// ISO 4217 code.
        pub currency: String,
    }

    impl Money {
        /// The amount in cents, when it is a plain two-decimal amount.
        pub fn cents(&self) -> Option<u64> {
            let (units, cents) = self.amount.split_once('.')?;
            Some(units.parse::<u64>().ok()? * 100 + cents.parse::<u64>().ok()?)
        }
    }
}

/// The generated client.
pub mod vendor {
    include!(concat!(env!("OUT_DIR"), "/vendor.rs"));
}
