//! `oas-gen`: generate a Rust client crate from an OpenAPI 3.0 or 3.1 spec,
//! check that a committed one still matches its spec, or run the conformance
//! check over many specs.
//!
//! Exit status: 0 success, 1 spec refused or drift found, 2 usage or I/O error.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(error) => {
            // `--help` and `--version` are not errors.
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    cli::run(args)
}
