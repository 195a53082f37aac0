//! The crate docs' index of operations: every method, under its tag, with
//! its summary, so a reader finds the call they need from the front page.

use super::docs::{sanitize, summary};
use crate::ir::{Api, OperationGroup};

/// The `# Operations` section, or nothing for an API without operations.
pub fn operations_index(api: &Api) -> String {
    let mut text = String::new();
    let titled = api.groups.iter().any(|g| g.tag.is_some());
    for group in &api.groups {
        let lines = group_lines(api, group);
        if lines.is_empty() {
            continue;
        }
        if titled {
            text.push_str(&group_heading(group));
        }
        text.push_str(&lines.join("\n"));
        text.push_str("\n\n");
    }
    if text.is_empty() {
        return text;
    }
    format!("# Operations\n\n{}", text.trim_end())
}

fn group_heading(group: &OperationGroup) -> String {
    let name = group.tag.as_deref().unwrap_or("Other operations");
    let mut heading = format!("**{}**", sanitize(name).replace('\n', " "));
    let description = group.description.as_deref().map(|d| crate::ir::Docs {
        description: Some(d.to_owned()),
        ..crate::ir::Docs::default()
    });
    if let Some(line) = description.as_ref().and_then(summary) {
        heading.push_str(&format!(": {}", sanitize(&line)));
    }
    heading.push_str("\n\n");
    heading
}

/// One list item per visible method of the group.
fn group_lines(api: &Api, group: &OperationGroup) -> Vec<String> {
    group
        .operations
        .iter()
        .map(|&i| &api.operations[i])
        .filter(|op| !op.hidden)
        .map(|op| {
            let mut line = format!("- [`Client::{}`]", op.name);
            if let Some(pages) = &op.pagination {
                line.push_str(&format!(" (every item: [`Client::{}`])", pages.method));
            }
            if let Some(stream) = op.stream.as_ref().filter(|s| !s.only) {
                line.push_str(&format!(" (as a stream: [`Client::{}`])", stream.method));
            }
            // A dash, not a colon: `[link]: text` would read as a link definition.
            if let Some(summary) = summary(&op.docs) {
                line.push_str(&format!(" — {}", sanitize(&summary)));
            }
            line
        })
        .collect()
}
