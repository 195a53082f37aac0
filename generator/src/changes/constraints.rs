//! Constraints tightened or loosened (`maxLength`, `minItems`, `maximum`,
//! `pattern`...). None changes a Rust type: the generated client checks
//! them before sending, so what changes is which values go out.

use super::{when, Comparison, Direction, Found, WireImpact};
use crate::ir::Constraints;

use WireImpact::MayFail;

/// One bound, as the spec names it, with its old and new values.
struct Bound {
    keyword: &'static str,
    old: Option<f64>,
    new: Option<f64>,
    /// A larger value allows more (`max*`), or less (`min*`).
    upper: bool,
}

impl Comparison<'_> {
    fn bound_changed(
        &mut self,
        subject: &str,
        keyword: &str,
        (from, to): (&str, &str),
        tighter: bool,
        d: Direction,
        at: (&str, &str),
    ) {
        let found = if tighter {
            Found::new("constraint-tightened", subject)
                .old_client(when(d.sent, MayFail))
                .says(format!(
                    "`{subject}`: `{keyword}` {from} → {to}, tighter: values old clients send \
                     may be refused (the new client checks it before sending)."
                ))
        } else {
            Found::new("constraint-loosened", subject)
                .new_client(when(d.sent, MayFail))
                .says(format!(
                    "`{subject}`: `{keyword}` {from} → {to}, looser: the new client may send \
                     values the old server refuses."
                ))
        };
        self.record(found, Some(at.0), Some(at.1));
    }

    pub(crate) fn constraints(
        &mut self,
        subject: &str,
        old: &Constraints,
        new: &Constraints,
        d: Direction,
        at: (&str, &str),
    ) {
        for bound in bounds(old, new) {
            if let Some(tighter) = tightened(&bound) {
                let (from, to) = (number(bound.old), number(bound.new));
                self.bound_changed(subject, bound.keyword, (&from, &to), tighter, d, at);
            }
        }
        // The same bound made exclusive tightens it; made inclusive, loosens.
        for (keyword, o, n) in [
            ("exclusiveMinimum", old.minimum, new.minimum),
            ("exclusiveMaximum", old.maximum, new.maximum),
        ] {
            if let (Some((a, was)), Some((b, is))) = (o, n) {
                if a == b && was != is {
                    let (from, to) = (was.to_string(), is.to_string());
                    self.bound_changed(subject, keyword, (&from, &to), is, d, at);
                }
            }
        }
        self.allowed_changed(subject, &old.allowed, &new.allowed, d, at);
        if old.pattern != new.pattern {
            let found = Found::new("pattern-changed", subject)
                .old_client(when(d.sent, MayFail))
                .new_client(when(d.sent, MayFail))
                .says(format!(
                    "`{subject}`: `pattern` {} → {} (not checked by the client; the server may \
                     refuse values the other version allowed).",
                    quoted(old.pattern.as_deref()),
                    quoted(new.pattern.as_deref())
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        let (old_inner, new_inner) = (
            old.inner.as_deref().cloned().unwrap_or_default(),
            new.inner.as_deref().cloned().unwrap_or_default(),
        );
        if old_inner != new_inner {
            self.constraints(&format!("{subject}[..]"), &old_inner, &new_inner, d, at);
        }
    }
}

impl Comparison<'_> {
    /// An `enum` of numbers: values taken away tighten it, values added
    /// loosen it (both may happen at once); no `enum` allows any number.
    fn allowed_changed(
        &mut self,
        subject: &str,
        old: &[f64],
        new: &[f64],
        d: Direction,
        at: (&str, &str),
    ) {
        let (from, to) = (listed(old), listed(new));
        let missing = |of: &[f64], from: &[f64]| of.iter().any(|v| !from.contains(v));
        let any = |values: &[f64]| values.is_empty();
        let tighter = !any(new) && (any(old) || missing(old, new));
        let looser = !any(old) && (any(new) || missing(new, old));
        for (changed, tighter) in [(tighter, true), (looser, false)] {
            if changed {
                self.bound_changed(subject, "enum", (&from, &to), tighter, d, at);
            }
        }
    }
}

/// The values of an `enum` of numbers as the spec lists them.
fn listed(values: &[f64]) -> String {
    if values.is_empty() {
        return "none".to_owned();
    }
    let values: Vec<String> = values.iter().map(f64::to_string).collect();
    format!("[{}]", values.join(", "))
}

fn bounds(old: &Constraints, new: &Constraints) -> Vec<Bound> {
    let count = |n: Option<u64>| n.map(|n| n as f64);
    let value = |b: Option<(f64, bool)>| b.map(|(v, _)| v);
    vec![
        Bound {
            keyword: "minLength",
            old: count(old.min_length),
            new: count(new.min_length),
            upper: false,
        },
        Bound {
            keyword: "maxLength",
            old: count(old.max_length),
            new: count(new.max_length),
            upper: true,
        },
        Bound {
            keyword: "minItems",
            old: count(old.min_count),
            new: count(new.min_count),
            upper: false,
        },
        Bound {
            keyword: "maxItems",
            old: count(old.max_count),
            new: count(new.max_count),
            upper: true,
        },
        Bound {
            keyword: "minimum",
            old: value(old.minimum),
            new: value(new.minimum),
            upper: false,
        },
        Bound {
            keyword: "maximum",
            old: value(old.maximum),
            new: value(new.maximum),
            upper: true,
        },
    ]
}

/// `Some(true)` when the bound allows fewer values than before, `Some(false)`
/// when more, `None` when unchanged.
fn tightened(bound: &Bound) -> Option<bool> {
    match (bound.old, bound.new) {
        (a, b) if a == b => None,
        (None, Some(_)) => Some(true),
        (Some(_), None) => Some(false),
        (Some(a), Some(b)) => Some((b < a) == bound.upper),
        (None, None) => None,
    }
}

/// A bound as the spec writes it (`f64`'s `Display` already prints `10`,
/// not `10.0`).
fn number(value: Option<f64>) -> String {
    value.map_or_else(|| "none".to_owned(), |v| v.to_string())
}

fn quoted(pattern: Option<&str>) -> String {
    match pattern {
        Some(p) => format!("`{}`", p.replace('`', "'")),
        None => "none".to_owned(),
    }
}
