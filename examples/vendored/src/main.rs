//! The README's usage example, as a program: dispatches one call with the
//! key from `SLNG_API_KEY`.

use slng_agents_client::operations::DispatchCallError;
use slng_agents_client::types::AgentCallCreate;
use slng_agents_client::{Client, Error};

async fn call_customer() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::from_env()?; // SLNG_API_KEY; or Client::new(key), or Client::builder()
    let agent_id = "550e8400-e29b-41d4-a716-446655440000".parse()?;
    let call = AgentCallCreate::new("+14155550100");
    match client.dispatch_call(agent_id, &call).await {
        Ok(dispatched) => println!("call {} (HTTP {})", dispatched.call_id, dispatched.status()),
        Err(Error::Status(DispatchCallError::PaymentRequired(response))) => {
            eprintln!("out of credits: {:?}", response.message());
        }
        Err(Error::Status(other)) => eprintln!("refused: {other:?}"),
        Err(Error::InvalidRequest(invalid)) => eprintln!("not sent: {invalid}"),
        Err(Error::OutcomeUnknown { .. }) => eprintln!("may have been placed: check the call list"),
        Err(other) => eprintln!("failed: {other}"),
    }
    Ok(())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    call_customer().await
}
