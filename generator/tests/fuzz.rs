//! A mutation fuzzer on stable Rust: specs from our fixtures and the shared
//! specs are mutated (bytes flipped, lines dropped, duplicated and swapped,
//! hostile text spliced in) and fed through load → generate. Nothing may
//! panic, and whatever generates must be valid Rust (`generate` parses its
//! output with syn; an "internal error" diagnostic means it was not).
//!
//! `cargo test -p oas-gen --test fuzz` runs a short, deterministic pass;
//! `FUZZ_SECONDS=600 cargo test --release -p oas-gen --test fuzz -- --nocapture`
//! runs longer and prints the executions.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use oas_gen::{generate, Settings, Source};

/// Hostile fragments spliced into specs.
const SPLICES: &[&str] = &[
    "$ref: '#/components/schemas/Missing'",
    "$ref: '#/'",
    "$ref: '#/components/schemas/A/properties/b/oneOf/0'",
    "nullable: true",
    "type: object",
    "type: array",
    "additionalProperties: false",
    "enum: [null, '', 'x\"); abort(); (\"', 1, true]",
    "discriminator: {propertyName: type}",
    "allOf: [{$ref: '#/components/schemas/A'}]",
    "oneOf: []",
    "- {}",
    "&a [*a]",
    "*undefined",
    "<<: {x: 1}",
    "'': ''",
    "\"\\u0000\": 1",
    "minimum: -9223372036854776000",
    "format: uuid",
    "required: [a, a, a]",
    "{",
    "]",
    "\t",
    "operationId: new",
    "in: path",
];

/// xorshift64*: deterministic, good enough to pick mutations.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn corpus() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in [
        "tests/fixtures",
        "tests/fixtures/invalid",
        "spec",
        "../shared/specs",
    ] {
        if let Ok(entries) = std::fs::read_dir(root.join(dir)) {
            files.extend(
                entries
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| {
                        matches!(
                            p.extension().and_then(|e| e.to_str()),
                            Some("yaml" | "json")
                        )
                    }),
            );
        }
    }
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .map(|b| String::from_utf8_lossy(&b).into_owned())
        .filter(|text| text.len() < 200_000)
        .collect()
}

fn mutate(rng: &mut Rng, corpus: &[String]) -> String {
    let base = &corpus[rng.below(corpus.len())];
    let mut lines: Vec<String> = base.lines().map(str::to_owned).collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(lines.len());
        match rng.below(7) {
            0 if !lines.is_empty() => {
                lines.remove(at);
            }
            1 if !lines.is_empty() => {
                let line = lines[at].clone();
                lines.insert(at, line);
            }
            2 if lines.len() > 1 => {
                let other = rng.below(lines.len());
                lines.swap(at, other);
            }
            3 if !lines.is_empty() => {
                let indent: String = lines[at].chars().take_while(|c| *c == ' ').collect();
                lines.insert(at, format!("{indent}{}", SPLICES[rng.below(SPLICES.len())]));
            }
            4 if !lines.is_empty() => {
                let mut bytes = lines[at].clone().into_bytes();
                if !bytes.is_empty() {
                    let i = rng.below(bytes.len());
                    const BYTES: &[u8] = b" :-{}[]'\"#&*!|>%@`,?0aZ~/\\";
                    bytes[i] = BYTES[rng.below(BYTES.len())];
                }
                lines[at] = String::from_utf8_lossy(&bytes).into_owned();
            }
            5 => {
                let donor = &corpus[rng.below(corpus.len())];
                let donor_lines: Vec<&str> = donor.lines().collect();
                if !donor_lines.is_empty() {
                    let start = rng.below(donor_lines.len());
                    let end = (start + 1 + rng.below(20)).min(donor_lines.len());
                    for (k, line) in donor_lines[start..end].iter().enumerate() {
                        lines.insert((at + k).min(lines.len()), (*line).to_owned());
                    }
                }
            }
            _ => lines.truncate(at.max(1)),
        }
    }
    lines.join("\n")
}

fn run_one(text: String, iteration: u64) -> Result<(), String> {
    let settings = Settings::new("fuzzed", "fuzzed.yaml");
    let outcome = catch_unwind(AssertUnwindSafe(|| {
        generate(&Source::new(text.clone()), &settings)
    }));
    match outcome {
        Err(_) => Err(format!(
            "iteration {iteration}: generate panicked on:\n{text}"
        )),
        Ok(Err(diagnostics))
            if diagnostics
                .items
                .iter()
                .any(|d| d.message.contains("internal error")) =>
        {
            Err(format!(
                "iteration {iteration}: {}\non:\n{text}",
                diagnostics.render("fuzzed.yaml")
            ))
        }
        Ok(_) => Ok(()),
    }
}

#[test]
fn mutated_specs_never_panic_and_always_give_valid_rust() {
    let corpus = corpus();
    assert!(corpus.len() >= 10, "the corpus needs the fixtures");
    let budget = std::env::var("FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .map(Duration::from_secs);
    let minimum = 300;
    let started = Instant::now();
    let mut rng = Rng(0x005E_ED0A_56E4);
    let mut executions = 0u64;
    // Generated code is checked quietly; panics print through the hook.
    loop {
        let done = match budget {
            Some(budget) => started.elapsed() >= budget,
            None => executions >= minimum,
        };
        if done {
            break;
        }
        let text = mutate(&mut rng, &corpus);
        if let Err(report) = run_one(text, executions) {
            panic!("{report}");
        }
        executions += 1;
    }
    println!(
        "fuzz: {executions} executions in {:.1} s, no panic",
        started.elapsed().as_secs_f64()
    );
}
