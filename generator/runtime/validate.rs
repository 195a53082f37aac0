//! Checks of schema constraints (lengths, counts, bounds) made before a
//! request is sent, so that a request the API would refuse is never sent.

use std::collections::BTreeMap;

use super::error::{ValidationError, Violation};

/// A value whose schema has constraints to check before sending.
pub trait Validate {
    /// Appends every broken constraint to `out`; `path` names the value.
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>);

    /// Checks every constraint, naming the value `path` in messages.
    fn validate(&self, path: &str) -> Result<(), ValidationError> {
        let mut violations = Vec::new();
        self.validate_into(path, &mut violations);
        if violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError { violations })
        }
    }
}

impl<T: Validate> Validate for Option<T> {
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        if let Some(value) = self {
            value.validate_into(path, out);
        }
    }
}

impl<T: Validate> Validate for Box<T> {
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        (**self).validate_into(path, out);
    }
}

impl<T: Validate> Validate for Vec<T> {
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        for (i, item) in self.iter().enumerate() {
            item.validate_into(&format!("{path}[{i}]"), out);
        }
    }
}

impl<T: Validate> Validate for BTreeMap<String, T> {
    fn validate_into(&self, path: &str, out: &mut Vec<Violation>) {
        for (key, value) in self {
            value.validate_into(&format!("{path}[{key:?}]"), out);
        }
    }
}

fn push(out: &mut Vec<Violation>, path: &str, message: String) {
    out.push(Violation {
        path: path.to_owned(),
        message,
    });
}

/// At least one alternative of properties is set in full (`anyOf` of
/// `required` lists): each alternative is its names and whether they are.
pub fn one_alternative_set(alternatives: &[(&[&str], bool)], path: &str, out: &mut Vec<Violation>) {
    if alternatives.iter().any(|(_, set)| *set) {
        return;
    }
    let wanted: Vec<String> = alternatives
        .iter()
        .map(|(names, _)| {
            let names: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
            names.join(" and ")
        })
        .collect();
    push(out, path, format!("set {}", wanted.join(", or ")));
}

/// At most `max` characters.
pub fn max_length(value: &str, max: u64, path: &str, out: &mut Vec<Violation>) {
    let length = value.chars().count() as u64;
    if length > max {
        push(
            out,
            path,
            format!("at most {max} characters allowed, found {length}"),
        );
    }
}

/// At least `min` characters.
pub fn min_length(value: &str, min: u64, path: &str, out: &mut Vec<Violation>) {
    let length = value.chars().count() as u64;
    if length < min {
        push(
            out,
            path,
            format!("at least {min} characters required, found {length}"),
        );
    }
}

/// At most `max` items or properties.
pub fn max_count(count: usize, max: u64, what: &str, path: &str, out: &mut Vec<Violation>) {
    if count as u64 > max {
        push(
            out,
            path,
            format!("at most {max} {what} allowed, found {count}"),
        );
    }
}

/// At least `min` items or properties.
pub fn min_count(count: usize, min: u64, what: &str, path: &str, out: &mut Vec<Violation>) {
    if (count as u64) < min {
        push(
            out,
            path,
            format!("at least {min} {what} required, found {count}"),
        );
    }
}

/// A lower bound, inclusive unless `exclusive`.
pub fn minimum(value: f64, min: f64, exclusive: bool, path: &str, out: &mut Vec<Violation>) {
    if value < min || (exclusive && value == min) {
        let relation = if exclusive {
            "greater than"
        } else {
            "at least"
        };
        push(
            out,
            path,
            format!("must be {relation} {min}, found {value}"),
        );
    }
}

/// One of the values of an `enum` of numbers.
pub fn one_of(value: f64, allowed: &[f64], path: &str, out: &mut Vec<Violation>) {
    if !allowed.contains(&value) {
        let allowed: Vec<String> = allowed.iter().map(f64::to_string).collect();
        push(
            out,
            path,
            format!("must be one of {}, found {value}", allowed.join(", ")),
        );
    }
}

/// An upper bound, inclusive unless `exclusive`.
pub fn maximum(value: f64, max: f64, exclusive: bool, path: &str, out: &mut Vec<Violation>) {
    if value > max || (exclusive && value == max) {
        let relation = if exclusive { "less than" } else { "at most" };
        push(
            out,
            path,
            format!("must be {relation} {max}, found {value}"),
        );
    }
}
