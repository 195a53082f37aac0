//! The report as text (a terminal), Markdown (a pull-request comment) or
//! JSON (tools). Breaking changes first, then additions, then the rest,
//! each group in the order found.

use serde_json::json;

use super::{Change, Place, Report, RustImpact, WireImpact};

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text.
    Text,
    /// Markdown.
    Markdown,
    /// JSON.
    Json,
}

/// The report in `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Text => text(report),
        Format::Markdown => markdown(report),
        Format::Json => json_text(report),
    }
}

/// Changes grouped: breaking, additive, then the others.
fn ordered(report: &Report) -> Vec<&Change> {
    let mut changes: Vec<&Change> = report.changes.iter().collect();
    changes.sort_by_key(|c| std::cmp::Reverse(c.rust));
    changes
}

/// [`ordered`], for people: new types, which come with the change that
/// uses them (an operation, a field), are listed once together.
fn for_people(report: &Report) -> Vec<Change> {
    let ordered = ordered(report);
    let added: Vec<&str> = ordered
        .iter()
        .filter(|c| c.rule == "type-added")
        .map(|c| c.subject.as_str())
        .collect();
    let mut out = Vec::new();
    for change in ordered {
        if change.rule != "type-added" || added.len() < 2 {
            out.push(change.clone());
        } else if change.subject == added[0] {
            let names: Vec<String> = added.iter().map(|n| format!("`{n}`")).collect();
            out.push(Change {
                subject: format!("{} types", added.len()),
                message: format!("{} new types: {}.", added.len(), names.join(", ")),
                old: None,
                new: None,
                ..change.clone()
            });
        }
    }
    out
}

fn counts(report: &Report) -> String {
    let count = |impact| report.changes.iter().filter(|c| c.rust == impact).count();
    format!(
        "{} breaking, {} additive, {} other",
        count(RustImpact::Breaking),
        count(RustImpact::Additive),
        count(RustImpact::None)
    )
}

fn rust_word(impact: RustImpact) -> &'static str {
    match impact {
        RustImpact::Breaking => "breaking",
        RustImpact::Additive => "additive",
        RustImpact::None => "none",
    }
}

fn wire_word(impact: WireImpact) -> &'static str {
    match impact {
        WireImpact::Compatible => "compatible",
        WireImpact::MayFail => "may fail",
        WireImpact::Fails => "fails",
    }
}

fn place_text(name: &str, place: &Place) -> String {
    match place.line {
        Some(line) => format!("{name}:{line} (#{})", place.pointer),
        None => format!("{name} (#{})", place.pointer),
    }
}

fn text(report: &Report) -> String {
    let mut out = format!(
        "{} -> {}: {} change{} ({}); semver bump: {}\n",
        report.old_name,
        report.new_name,
        report.changes.len(),
        if report.changes.len() == 1 { "" } else { "s" },
        counts(report),
        report.bump().describe()
    );
    for c in &for_people(report) {
        out.push_str(&format!(
            "\n{:<9} {}  {}\n    {}\n    wire: old client -> new server {}; new client -> old server {}\n",
            rust_word(c.rust),
            c.rule,
            c.subject,
            c.message,
            wire_word(c.old_client),
            wire_word(c.new_client)
        ));
        if let Some(old) = &c.old {
            out.push_str(&format!("    old: {}\n", place_text(&report.old_name, old)));
        }
        if let Some(new) = &c.new {
            out.push_str(&format!("    new: {}\n", place_text(&report.new_name, new)));
        }
    }
    out
}

fn markdown(report: &Report) -> String {
    let mut out = format!(
        "### Generated Rust API: {}\n\n`{}` → `{}`: {} change{} ({}).\n",
        report.bump().describe(),
        report.old_name,
        report.new_name,
        report.changes.len(),
        if report.changes.len() == 1 { "" } else { "s" },
        counts(report),
    );
    if report.changes.is_empty() {
        return out;
    }
    out.push_str(
        "\n| Rust | Change | Old client → new server | New client → old server | Where |\n\
         |---|---|---|---|---|\n",
    );
    for c in &for_people(report) {
        let lines: Vec<String> = [("old", &c.old), ("new", &c.new)]
            .into_iter()
            .filter_map(|(side, place)| {
                let line = place.as_ref()?.line?;
                Some(format!("{side} L{line}"))
            })
            .collect();
        out.push_str(&format!(
            "| {} | `{}`: {} | {} | {} | {} |\n",
            rust_word(c.rust),
            c.rule,
            cell(&c.message),
            wire_word(c.old_client),
            wire_word(c.new_client),
            lines.join(", ")
        ));
    }
    out
}

/// Text safe inside a table cell.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn json_text(report: &Report) -> String {
    let place = |p: &Option<Place>| {
        p.as_ref()
            .map(|p| json!({"pointer": p.pointer, "line": p.line}))
    };
    let changes: Vec<serde_json::Value> = ordered(report)
        .into_iter()
        .map(|c| {
            json!({
                "rule": c.rule,
                "subject": c.subject,
                "rust": rust_word(c.rust),
                "old_client_new_server": wire_word(c.old_client),
                "new_client_old_server": wire_word(c.new_client),
                "message": c.message,
                "old": place(&c.old),
                "new": place(&c.new),
            })
        })
        .collect();
    let value = json!({
        "old": report.old_name,
        "new": report.new_name,
        "bump": report.bump().word(),
        "changes": changes,
    });
    let mut text = serde_json::to_string_pretty(&value).unwrap_or_default();
    text.push('\n');
    text
}
