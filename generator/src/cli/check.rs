//! `oas-gen check`: is DIR exactly what `generate` would write?

use std::process::ExitCode;

use oas_gen::drift::{compare, item_changes, unified_diff};
use oas_gen::GeneratedCrate;

use super::output::Output;
use super::SpecArgs;

pub fn run(args: &SpecArgs, output: &Output, generated: &GeneratedCrate) -> ExitCode {
    let drifts = match compare(&args.out, &generated.files) {
        Ok(drifts) => drifts,
        Err(e) => {
            output.error(&e.to_string());
            return ExitCode::from(2);
        }
    };
    if drifts.is_empty() {
        output.done(&format!(
            "{} matches {}",
            args.out.display(),
            args.spec.display()
        ));
        return ExitCode::SUCCESS;
    }
    let mut report = String::new();
    for drift in &drifts {
        let path = args.out.join(&drift.path);
        let what = match (&drift.actual, &drift.expected) {
            (None, _) => "missing",
            (_, None) => "not generated (extra)",
            _ => "changed",
        };
        report.push_str(&format!("{what}: {}\n", path.display()));
        for change in item_changes(drift) {
            report.push_str(&format!("  {change}\n"));
        }
    }
    report.push('\n');
    for drift in &drifts {
        report.push_str(&unified_diff(&args.out, drift));
    }
    output.report(&report);
    output.error(&format!(
        "{} differs from what {} generates ({} file(s)); run `oas-gen generate {} --out {}`",
        args.out.display(),
        args.spec.display(),
        drifts.len(),
        args.spec.display(),
        args.out.display()
    ));
    ExitCode::from(1)
}
