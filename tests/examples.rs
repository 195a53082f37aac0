//! Every request and response example of `spec/agents.oas.yaml` decodes into
//! its generated type and encodes back to equal JSON. The tests are the ones
//! build.rs generated beside the client.

include!(concat!(env!("OUT_DIR"), "/examples.rs"));
