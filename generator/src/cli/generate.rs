//! `oas-gen generate`: write the crate, atomically, unless it is already there.

use std::process::ExitCode;

use oas_gen::drift::compare;
use oas_gen::write::write_crate;
use oas_gen::GeneratedCrate;

use super::output::Output;
use super::SpecArgs;

pub fn run(args: &SpecArgs, output: &Output, generated: &GeneratedCrate) -> ExitCode {
    // Already up to date: touch nothing, so modification times (and every
    // build that depends on them) stay as they are.
    if compare(&args.out, &generated.files).is_ok_and(|drift| drift.is_empty()) {
        output.done(&format!(
            "unchanged: {} already matches {}",
            args.out.display(),
            args.spec.display()
        ));
        return ExitCode::SUCCESS;
    }
    match write_crate(&args.out, &generated.files) {
        Ok(()) => {
            output.done(&format!(
                "wrote {} files to {}",
                generated.files.len(),
                args.out.display()
            ));
            ExitCode::SUCCESS
        }
        Err(e) => {
            output.error(&e.to_string());
            ExitCode::from(2)
        }
    }
}
