//! The spec's examples decode into the generated types and encode back.

include!(concat!(env!("OUT_DIR"), "/todo_examples.rs"));
