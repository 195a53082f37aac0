//! Side-by-side benchmarks, in one run, reported as ratios.
//!
//! `cargo run --release -p oas-gen-bench [SPEC|DIR]...` (default: `spec/` and
//! `../shared/specs/`) prints, per spec: the time to read it into the
//! document model (the floor), oas-gen's generation time, progenitor's (where
//! it accepts the spec), their ratios, peak memory and generated lines; then
//! the per-request cost of the generated client against a hand-written
//! reqwest call on loopback. Every figure is a median of several runs, each
//! in a fresh process (for whole-process time and peak memory).

mod events;
mod generation;
mod requests;

use std::path::PathBuf;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(rest) = args.strip_prefix(&["--measure".to_owned()]) {
        generation::measure_in_child(rest);
        return;
    }
    if let Some(rest) = args.strip_prefix(&["--emit-progenitor".to_owned()]) {
        generation::emit_progenitor(rest);
        return;
    }
    if args == ["--streams"] {
        events::report();
        return;
    }
    let mut inputs: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    if inputs.is_empty() {
        inputs.push(PathBuf::from("spec"));
        inputs.push(PathBuf::from("../shared/specs"));
    }
    generation::report(&inputs);
    requests::report();
    events::report();
}
