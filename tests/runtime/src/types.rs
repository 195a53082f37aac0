//! Structs written the way the generator writes them (`record!` in a
//! sibling of `runtime`), for the record tests.

/// Every kind of field: required, optional, required nullable, optional
/// nullable; wire names that are not the field names.
#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub id: String,
    pub note: Option<String>,
    pub ended: Option<String>,
    pub hint: Option<Option<u32>>,
}

super::runtime::record::record!(
    Call { 0 id required "call-id", 1 note optional "note", 2 ended nullable "ended_at", 3 hint optional "hint" }
);

/// A struct that keeps the keys it does not name.
#[derive(Debug, Clone, PartialEq)]
pub struct Open {
    pub name: Option<String>,
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

super::runtime::record::record!(Open { 0 name optional "name" } ..extra);
