//! The catalogue of spec changes `oas-gen diff` classifies: each case edits
//! `tests/diff/base.yaml` (every edit must match exactly once) and lists
//! the changes expected, as `rule subject rust old-client new-client`:
//! rust is breaking / additive / none; the wire columns are the old client
//! against the new server and the new client against the old server
//! (compatible / may-fail / fails). The whole catalogue's Markdown is
//! snapshotted, so the wording is reviewed too.

use oas_gen::changes::{self, Change, Format, RustImpact, Side, WireImpact};
use oas_gen::Source;

#[path = "diff/cases.rs"]
mod cases;

use cases::{edited, BASE, CASES};

/// The repository root (the tests read its fixtures and specs).
fn repo() -> &'static std::path::Path {
    std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

fn line(c: &Change) -> String {
    let rust = match c.rust {
        RustImpact::Breaking => "breaking",
        RustImpact::Additive => "additive",
        RustImpact::None => "none",
    };
    let wire = |w| match w {
        WireImpact::Compatible => "compatible",
        WireImpact::MayFail => "may-fail",
        WireImpact::Fails => "fails",
    };
    format!(
        "{} {} {rust} {} {}",
        c.rule,
        c.subject,
        wire(c.old_client),
        wire(c.new_client)
    )
}

fn report(old: &str, new: &str) -> changes::Report {
    let (old_source, new_source) = (Source::new(old), Source::new(new));
    let old_api = oas_gen::analyze(&old_source)
        .expect("the old spec lowers")
        .api;
    let new_api = oas_gen::analyze(&new_source)
        .expect("the new spec lowers")
        .api;
    changes::compare(
        Side {
            name: "old.yaml",
            api: &old_api,
            source: &old_source,
        },
        Side {
            name: "new.yaml",
            api: &new_api,
            source: &new_source,
        },
    )
}

#[test]
fn every_case_of_the_catalogue_is_classified_as_expected() {
    let mut failures = Vec::new();
    let mut markdown = String::new();
    for case in CASES {
        let report = report(BASE, &edited(case));
        let mut found: Vec<String> = report.changes.iter().map(line).collect();
        let mut expected: Vec<String> = case.expect.iter().map(|s| s.to_string()).collect();
        found.sort();
        expected.sort();
        if found != expected {
            failures.push(format!(
                "{}:\n  expected {expected:#?}\n  found {found:#?}",
                case.name
            ));
        }
        markdown.push_str(&format!(
            "## {}\n\n{}\n",
            case.name,
            changes::render(&report, Format::Markdown)
        ));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(CASES.len() >= 40, "the catalogue has {} cases", CASES.len());
    insta::assert_snapshot!("catalogue", markdown);
}

#[test]
fn every_change_names_where_it_is_in_the_spec() {
    let case = CASES
        .iter()
        .find(|c| c.name == "required field added to a request body");
    let report = report(BASE, &edited(case.unwrap()));
    let new = report.changes[0]
        .new
        .as_ref()
        .expect("a place in the new spec");
    assert_eq!(
        new.pointer,
        "/components/schemas/CallCreate/properties/agent_ref"
    );
    let text = edited(case.unwrap());
    let line = text
        .lines()
        .position(|l| l.trim_start().starts_with("agent_ref:"))
        .unwrap();
    assert_eq!(new.line, Some(line + 1));
}

/// The seed spec against the full public SLNG spec, from `../shared`.
#[test]
#[ignore = "needs ../shared/specs; CI runs it with --ignored"]
fn the_seed_spec_against_the_full_slng_spec() {
    let root = repo();
    let seed = std::fs::read_to_string(root.join("spec/agents.oas.yaml")).unwrap();
    let full = std::fs::read_to_string(root.join("../shared/specs/slng-agents.oas.yaml")).unwrap();
    let (old, new) = (Source::new(seed), Source::new(full));
    let (old_api, new_api) = (
        oas_gen::analyze(&old).unwrap().api,
        oas_gen::analyze(&new).unwrap().api,
    );
    let report = changes::compare(
        Side {
            name: "spec/agents.oas.yaml",
            api: &old_api,
            source: &old,
        },
        Side {
            name: "slng-agents.oas.yaml",
            api: &new_api,
            source: &new,
        },
    );
    insta::assert_snapshot!("seed_to_full", changes::render(&report, Format::Markdown));
}

/// What an addition reads as backwards: its removal.
#[test]
fn an_addition_read_backwards_is_a_removal() {
    let backwards = |name: &str| -> Vec<String> {
        let case = CASES.iter().find(|c| c.name == name).unwrap();
        let report = report(&edited(case), BASE);
        report.changes.iter().map(line).collect()
    };
    assert_eq!(
        backwards("event stream added beside JSON"),
        ["stream-method-removed Client::get_call_stream breaking fails compatible"]
    );
    // Its inline response type goes with it, unreported.
    assert_eq!(
        backwards("operation added"),
        ["operation-removed Client::health breaking fails compatible"]
    );
    assert_eq!(
        backwards("read-only added"),
        ["field-no-longer-read-only Call.agent_name none may-fail compatible"]
    );
    assert_eq!(
        backwards("write-only added"),
        ["field-no-longer-write-only CallCreate.caller_id none may-fail compatible"]
    );
}

/// A union has `Unknown` when it is tagged and has no default variant:
/// the diff says when it comes or goes, whichever way the spec changed.
#[test]
fn unknown_comes_and_goes_with_the_tag_and_the_default() {
    let spec = |name: &str| match name {
        "base" => BASE.to_owned(),
        _ => edited(CASES.iter().find(|c| c.name == name).unwrap()),
    };
    let union_changes = |old: &str, new: &str| -> Vec<(String, String)> {
        let report = report(&spec(old), &spec(new));
        let unions = report
            .changes
            .iter()
            .filter(|c| c.rule.starts_with("union-"));
        unions.map(|c| (line(c), c.message.clone())).collect()
    };
    // The default mapping removed: unlisted tags go to `Unknown` again.
    let found = union_changes("union default mapping added", "base");
    assert_eq!(
        found[0].0,
        "union-default-changed Tool additive may-fail may-fail"
    );
    assert!(
        found[0].1.ends_with("; `Unknown` is new."),
        "{}",
        found[0].1
    );
    // A tag given to an untagged union brings `Unknown`.
    let found = union_changes("union made untagged", "base");
    assert_eq!(found[0].0, "union-tag-changed Tool additive fails fails");
    assert!(
        found[0].1.ends_with("; `Unknown` is new."),
        "{}",
        found[0].1
    );
    // A new tag, and the default gone: the default's change says it.
    let found = union_changes("union tag property changed, with a default", "base");
    assert_eq!(
        found.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(),
        [
            "union-tag-changed Tool none fails fails",
            "union-default-changed Tool additive may-fail may-fail"
        ]
    );
    // Tagged with a default to untagged: neither has `Unknown`, and an
    // untagged union has no default to compare.
    let found = union_changes("union default mapping added", "union made untagged");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "union-tag-changed Tool none fails fails");
    assert!(
        found[0].1.ends_with("though the Rust type is the same."),
        "{}",
        found[0].1
    );
    let found = union_changes("union made untagged", "union default mapping added");
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "union-tag-changed Tool none fails fails");
}
