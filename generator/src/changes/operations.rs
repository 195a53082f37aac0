//! Operations compared by method name: added, removed, renamed (same HTTP
//! method and path), moved; their parameters, bodies and responses; and the
//! API's servers and security schemes.

use super::types::unwrap_nullable;
use super::{narrowing, when, Comparison, Direction, Found, RustImpact, WireImpact};
use crate::ir::{
    Api, Media, Operation, Param, ParamLocation, RequestBody, Response, SchemeKind, StatusMatch,
};

use RustImpact::{Additive, Breaking};
use WireImpact::{Compatible, Fails, MayFail};

const SENT: Direction = Direction {
    sent: true,
    received: false,
};

impl Comparison<'_> {
    /// The base URL and the security schemes.
    pub(crate) fn servers_and_security(&mut self) {
        let (old, new) = (self.old.api, self.new.api);
        if old.base_url != new.base_url {
            let found = Found::new("base-url-changed", "base URL")
                .old_client(MayFail)
                .says(format!(
                    "The default base URL changed from {} to {}: old clients keep calling the \
                     old one unless given `base_url`.",
                    shown(old.base_url.as_deref()),
                    shown(new.base_url.as_deref())
                ));
            self.record(found, Some("/servers"), Some("/servers"));
        }
        for scheme in &new.security.schemes {
            let at = scheme_pointer(&scheme.name);
            match old.security.schemes.iter().find(|o| o.name == scheme.name) {
                None => {
                    let found = Found::new("security-scheme-added", &scheme.name)
                        .rust(Additive)
                        .says(format!(
                            "New security scheme `{}`, set with `ClientBuilder::{}`.",
                            scheme.name, scheme.method
                        ));
                    self.record(found, None, Some(&at));
                }
                Some(o) if o.kind != scheme.kind || o.method != scheme.method => {
                    let rust = if o.method != scheme.method {
                        Breaking
                    } else {
                        RustImpact::None
                    };
                    let found = Found::new("security-scheme-changed", &scheme.name)
                        .rust(rust)
                        .old_client(Fails)
                        .new_client(Fails)
                        .says(format!(
                            "Security scheme `{}` is now sent as {} (was {}).",
                            scheme.name,
                            kind_words(&scheme.kind),
                            kind_words(&o.kind)
                        ));
                    self.record(found, Some(&at), Some(&at));
                }
                Some(_) => {}
            }
        }
        for o in &old.security.schemes {
            if !new.security.schemes.iter().any(|s| s.name == o.name) {
                let found = Found::new("security-scheme-removed", &o.name)
                    .rust(Breaking)
                    .says(format!(
                        "Security scheme `{}` is gone, and `ClientBuilder::{}` with it.",
                        o.name, o.method
                    ));
                self.record(found, Some(&scheme_pointer(&o.name)), None);
            }
        }
    }

    /// Every operation change.
    pub(crate) fn operations(&mut self) {
        let (old_api, new_api) = (self.old.api, self.new.api);
        for op in &new_api.operations {
            match old_api.operations.iter().find(|o| o.name == op.name) {
                Some(o) => self.same_operation(o, op),
                None => match renamed_from(old_api, new_api, op) {
                    Some(o) => {
                        let found = Found::new("operation-renamed", format!("Client::{}", o.name))
                            .rust(Breaking)
                            .says(format!(
                                "`Client::{}` is now `Client::{}` (operationId changed; same {} {}).",
                                o.name, op.name, op.method, op.path
                            ));
                        self.record(found, Some(&o.source), Some(&op.source));
                    }
                    None => {
                        let found = Found::new("operation-added", format!("Client::{}", op.name))
                            .rust(Additive)
                            .new_client(Fails)
                            .says(format!(
                                "New operation `Client::{}` ({} {}); the old server does not have it.",
                                op.name, op.method, op.path
                            ));
                        self.record(found, None, Some(&op.source));
                    }
                },
            }
        }
        for o in &old_api.operations {
            let kept = new_api.operations.iter().any(|n| n.name == o.name);
            if !kept && renamed_to(old_api, new_api, o).is_none() {
                let found = Found::new("operation-removed", format!("Client::{}", o.name))
                    .rust(Breaking)
                    .old_client(Fails)
                    .says(format!(
                        "`Client::{}` ({} {}) is gone: code calling it stops compiling, and old \
                         clients calling it fail.",
                        o.name, o.method, o.path
                    ));
                self.record(found, Some(&o.source), None);
            }
        }
    }

    fn same_operation(&mut self, o: &Operation, op: &Operation) {
        let subject = format!("Client::{}", op.name);
        let at = (o.source.as_str(), op.source.as_str());
        if o.method != op.method || path_shape(&o.path) != path_shape(&op.path) {
            let found = Found::new("operation-moved", &subject)
                .old_client(Fails)
                .new_client(Fails)
                .says(format!(
                    "`{subject}` moved from {} {} to {} {}: the Rust call is the same; clients \
                     and servers of different versions miss each other.",
                    o.method, o.path, op.method, op.path
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        self.parameters(&subject, o, op, at);
        self.request_body(&subject, o.body.as_ref(), op.body.as_ref(), at);
        self.success(&subject, &o.success, &op.success, at);
        self.stream_method(o, op, at);
        self.errors(&subject, o, op, at);
        if self.requirement(self.old.api, o) != self.requirement(self.new.api, op) {
            let found = Found::new("operation-security-changed", &subject)
                .old_client(MayFail)
                .new_client(MayFail)
                .says(format!(
                    "`{subject}` requires other credentials: {} (was {}).",
                    self.requirement(self.new.api, op),
                    self.requirement(self.old.api, o)
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
    }

    /// An operation's security requirement, in scheme names.
    fn requirement(&self, api: &Api, op: &Operation) -> String {
        let alternatives = op.security.as_ref().unwrap_or(&api.security.default);
        if alternatives.is_empty() {
            return "none".to_owned();
        }
        let words: Vec<String> = alternatives
            .iter()
            .map(|set| {
                let names: Vec<&str> = set
                    .iter()
                    .map(|&i| api.security.schemes[i].name.as_str())
                    .collect();
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(" + ")
                }
            })
            .collect();
        words.join(" or ")
    }

    fn parameters(&mut self, subject: &str, o: &Operation, op: &Operation, at: (&str, &str)) {
        let added: Vec<&Param> = op
            .params
            .iter()
            .filter(|p| !o.params.iter().any(|q| q.wire == p.wire))
            .collect();
        let removed: Vec<&Param> = o
            .params
            .iter()
            .filter(|q| !op.params.iter().any(|p| p.wire == q.wire))
            .collect();
        for p in &op.params {
            if let Some(q) = o.params.iter().find(|q| q.wire == p.wire) {
                self.same_parameter(subject, q, p, at);
            }
        }
        let mut renamed = Vec::new();
        for q in &removed {
            let same = added.iter().find(|p| {
                p.location == q.location
                    && p.required == q.required
                    && self.type_text(self.new.api, &p.ty, false)
                        == self.type_text(self.old.api, &q.ty, true)
            });
            match same {
                // One parameter in place of another, alike: a rename.
                Some(p) if removed.len() == 1 && added.len() == 1 => {
                    renamed.push(p.wire.clone());
                    self.parameter_renamed(subject, q, p, at);
                }
                _ => self.parameter_removed(subject, q, at),
            }
        }
        for p in added.into_iter().filter(|p| !renamed.contains(&p.wire)) {
            self.parameter_added(subject, op, p, at);
        }
    }

    fn parameter_renamed(&mut self, subject: &str, q: &Param, p: &Param, at: (&str, &str)) {
        let path = p.location == ParamLocation::Path;
        let found = Found::new("parameter-renamed", format!("{subject}({})", q.name))
            .rust(if path { RustImpact::None } else { Breaking })
            .old_client(if path { Compatible } else { Fails })
            .new_client(if path { Compatible } else { Fails })
            .says(if path {
                format!(
                    "Path parameter `{}` is now `{}`: a positional argument, so callers are \
                     unaffected, and the URL is the same.",
                    q.wire, p.wire
                )
            } else {
                format!(
                    "Parameter `{}` is now `{}`: the field of the parameters struct is renamed, \
                     and servers of one version ignore the other's.",
                    q.wire, p.wire
                )
            });
        self.record(found, Some(at.0), Some(at.1));
    }

    fn parameter_removed(&mut self, subject: &str, q: &Param, at: (&str, &str)) {
        let found = Found::new("parameter-removed", format!("{subject}({})", q.name))
            .rust(Breaking)
            .new_client(when(q.required, Fails))
            .says(format!(
                "{} parameter `{}` is gone: code passing it stops compiling.",
                location_word(q.location),
                q.wire
            ));
        self.record(found, Some(at.0), Some(at.1));
    }

    fn parameter_added(&mut self, subject: &str, op: &Operation, p: &Param, at: (&str, &str)) {
        let place = location_word(p.location);
        let found = if p.required {
            let how = if p.location == ParamLocation::Path {
                "a new argument".to_owned()
            } else {
                format!("a new argument of `{}::new`", op.params_name)
            };
            Found::new("parameter-added-required", format!("{subject}({})", p.name))
                .rust(Breaking)
                .old_client(Fails)
                .says(format!(
                    "{place} parameter `{}` is new and required: {how}; old clients do not send it.",
                    p.wire
                ))
        } else {
            Found::new("parameter-added-optional", format!("{subject}({})", p.name))
                .rust(Additive)
                .says(format!(
                    "{place} parameter `{}` is new and optional (`{}::with_{}`; a struct literal \
                     without `..Default::default()` must add it).",
                    p.wire, op.params_name, p.name
                ))
        };
        self.record(found, Some(at.0), Some(at.1));
    }

    fn same_parameter(&mut self, subject: &str, q: &Param, p: &Param, at: (&str, &str)) {
        let subject = format!("{subject}({})", p.name);
        if q.location != p.location {
            let path_involved =
                (q.location == ParamLocation::Path) != (p.location == ParamLocation::Path);
            let found = Found::new("parameter-moved", &subject)
                .rust(if path_involved {
                    Breaking
                } else {
                    RustImpact::None
                })
                .old_client(Fails)
                .new_client(Fails)
                .says(format!(
                    "Parameter `{}` moved from the {} to the {}.",
                    p.wire,
                    location_word(q.location).to_lowercase(),
                    location_word(p.location).to_lowercase()
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        let (_, a) = unwrap_nullable(&q.ty);
        let (_, b) = unwrap_nullable(&p.ty);
        let (a, b) = (
            self.type_text(self.old.api, a, true),
            self.type_text(self.new.api, b, false),
        );
        if a != b {
            let (old_client, new_client) = narrowing(&a, &b);
            let found = Found::new("parameter-type-changed", &subject)
                .rust(Breaking)
                .old_client(old_client)
                .new_client(new_client)
                .says(format!(
                    "Parameter `{}` was `{a}` and is now `{b}`.",
                    p.wire
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        if q.required != p.required {
            let found = if p.required {
                Found::new("parameter-now-required", &subject)
                    .rust(Breaking)
                    .old_client(MayFail)
                    .says(format!(
                        "Parameter `{}` is now required: it loses its `Option`; old clients that \
                         leave it out are refused.",
                        p.wire
                    ))
            } else {
                Found::new("parameter-now-optional", &subject)
                    .rust(Breaking)
                    .new_client(MayFail)
                    .says(format!(
                        "Parameter `{}` is now optional: it gains an `Option`.",
                        p.wire
                    ))
            };
            self.record(found, Some(at.0), Some(at.1));
        }
        self.constraints(&subject, &q.constraints, &p.constraints, SENT, at);
    }

    fn request_body(
        &mut self,
        subject: &str,
        old: Option<&RequestBody>,
        new: Option<&RequestBody>,
        at: (&str, &str),
    ) {
        let found = match (old, new) {
            (None, None) => return,
            (None, Some(b)) => Found::new("request-body-added", subject)
                .rust(Breaking)
                .old_client(when(b.required, Fails))
                .says(format!(
                    "`{subject}` takes a {} request body now: a new argument.",
                    if b.required { "required" } else { "optional" }
                )),
            (Some(_), None) => Found::new("request-body-removed", subject)
                .rust(Breaking)
                .new_client(MayFail)
                .says(format!(
                    "`{subject}` takes no request body now: an argument less."
                )),
            (Some(a), Some(b)) => {
                self.same_body(subject, a, b, at);
                return;
            }
        };
        self.record(found, Some(at.0), Some(at.1));
    }

    fn same_body(&mut self, subject: &str, a: &RequestBody, b: &RequestBody, at: (&str, &str)) {
        let (x, y) = (
            self.type_text(self.old.api, &a.ty, true),
            self.type_text(self.new.api, &b.ty, false),
        );
        if x != y {
            let found = Found::new("request-body-type-changed", subject)
                .rust(Breaking)
                .old_client(Fails)
                .new_client(Fails)
                .says(format!(
                    "The request body of `{subject}` was `{x}` and is now `{y}`."
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        if a.required != b.required {
            let found = Found::new("request-body-required-changed", subject)
                .rust(Breaking)
                .old_client(when(b.required, MayFail))
                .new_client(if b.required { Compatible } else { MayFail })
                .says(format!(
                    "The request body of `{subject}` is now {}: the argument {} an `Option`.",
                    if b.required { "required" } else { "optional" },
                    if b.required { "loses" } else { "gains" }
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
        if a.content_type != b.content_type {
            let found = Found::new("request-content-type-changed", subject)
                .rust(if same_argument(a.media, b.media) {
                    RustImpact::None
                } else {
                    Breaking
                })
                .old_client(Fails)
                .new_client(Fails)
                .says(format!(
                    "`{subject}` sends `{}` instead of `{}`.",
                    b.content_type, a.content_type
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
    }

    fn success(&mut self, subject: &str, a: &Response, b: &Response, at: (&str, &str)) {
        let text = |c: &Self, api, ty: &Option<crate::ir::TypeRef>, old| match ty {
            Some(ty) => c.type_text(api, ty, old),
            None => "()".to_owned(),
        };
        let (x, y) = (
            text(self, self.old.api, &a.ty, true),
            text(self, self.new.api, &b.ty, false),
        );
        if x != y || a.media != b.media {
            let found = Found::new("success-body-changed", subject)
                .rust(Breaking)
                .old_client(Fails)
                .new_client(Fails)
                .says(format!("`{subject}` returns `{y}` instead of `{x}`."));
            self.record(found, Some(at.0), Some(at.1));
        }
        if a.statuses != b.statuses {
            let gained = b.statuses.iter().any(|s| !a.statuses.contains(s));
            let lost = a.statuses.iter().any(|s| !b.statuses.contains(s));
            let found = Found::new("success-status-changed", subject)
                .old_client(if gained { MayFail } else { Compatible })
                .new_client(if lost { MayFail } else { Compatible })
                .says(format!(
                    "`{subject}` succeeds with {} instead of {}: a client of the other version \
                     reads a status it does not know as `Error::UnexpectedStatus`.",
                    statuses(&b.statuses),
                    statuses(&a.statuses)
                ));
            self.record(found, Some(at.0), Some(at.1));
        }
    }

    /// A second method that streams the success body (beside the whole
    /// one) came or went.
    fn stream_method(&mut self, o: &Operation, op: &Operation, at: (&str, &str)) {
        let second = |op: &Operation| {
            op.stream
                .as_ref()
                .filter(|s| !s.only)
                .map(|s| format!("Client::{}", s.method))
        };
        match (second(o), second(op)) {
            (None, Some(added)) => {
                let found = Found::new("stream-method-added", &added)
                    .rust(Additive)
                    .new_client(Fails)
                    .says(format!(
                        "New method `{added}` reads the success body as a stream; the old \
                         server does not stream it."
                    ));
                self.record(found, None, Some(at.1));
            }
            (Some(gone), None) => {
                let found = Found::new("stream-method-removed", &gone)
                    .rust(Breaking)
                    .old_client(Fails)
                    .says(format!(
                        "`{gone}` is gone: the success body is no longer streamed."
                    ));
                self.record(found, Some(at.0), None);
            }
            _ => {}
        }
    }

    fn errors(&mut self, subject: &str, o: &Operation, op: &Operation, at: (&str, &str)) {
        for e in &op.errors {
            let variant = format!("{}::{}", op.error_name, e.name);
            match o.errors.iter().find(|x| x.statuses == e.statuses) {
                None => {
                    let found = Found::new("error-status-added", &variant)
                        .rust(Additive)
                        .says(format!(
                            "`{subject}` documents {}: a new variant `{variant}` \
                             (the error enum is `#[non_exhaustive]`; old clients see \
                             `Error::UnexpectedStatus`).",
                            statuses(&e.statuses)
                        ));
                    self.record(found, Some(at.0), Some(at.1));
                }
                Some(x) => {
                    let (a, b) = (
                        x.ty.as_ref().map(|t| self.type_text(self.old.api, t, true)),
                        e.ty.as_ref()
                            .map(|t| self.type_text(self.new.api, t, false)),
                    );
                    if a != b {
                        let found = Found::new("error-body-changed", &variant)
                            .rust(Breaking)
                            .says(format!(
                                "The body of `{variant}` is `{}` instead of `{}`.",
                                b.unwrap_or_else(|| "()".into()),
                                a.unwrap_or_else(|| "()".into())
                            ));
                        self.record(found, Some(at.0), Some(at.1));
                    }
                }
            }
        }
        for x in &o.errors {
            if !op.errors.iter().any(|e| e.statuses == x.statuses) {
                let variant = format!("{}::{}", o.error_name, x.name);
                let found = Found::new("error-status-removed", &variant)
                    .rust(Breaking)
                    .says(format!(
                        "`{subject}` no longer documents {}: `{variant}` is gone, and code \
                         matching it stops compiling.",
                        statuses(&x.statuses)
                    ));
                self.record(found, Some(at.0), Some(at.1));
            }
        }
    }
}

/// The old operation a new one replaces under another name: same HTTP
/// method and path, and no new operation keeps the old name.
fn renamed_from<'a>(old: &'a Api, new: &Api, op: &Operation) -> Option<&'a Operation> {
    old.operations.iter().find(|o| {
        o.method == op.method
            && o.path == op.path
            && !new.operations.iter().any(|n| n.name == o.name)
    })
}

/// The new operation an old one became under another name.
fn renamed_to<'a>(old: &Api, new: &'a Api, o: &Operation) -> Option<&'a Operation> {
    new.operations.iter().find(|op| {
        op.method == o.method
            && op.path == o.path
            && !old.operations.iter().any(|x| x.name == op.name)
    })
}

/// A path template with its parameter names left out: renaming a path
/// parameter keeps the URLs.
fn path_shape(path: &str) -> String {
    let mut shape = String::new();
    let mut in_name = false;
    for c in path.chars() {
        match c {
            '{' => {
                in_name = true;
                shape.push('{');
            }
            '}' => {
                in_name = false;
                shape.push('}');
            }
            _ if in_name => {}
            _ => shape.push(c),
        }
    }
    shape
}

/// Whether two encodings take the same Rust argument (JSON, form and
/// multipart bodies all take the typed value; a field that becomes a file
/// is a change of that field).
fn same_argument(a: Media, b: Media) -> bool {
    let typed = |m| matches!(m, Media::Json | Media::Form | Media::Multipart);
    a == b || (typed(a) && typed(b))
}

fn scheme_pointer(name: &str) -> String {
    format!(
        "/components/securitySchemes/{}",
        crate::source::escape_pointer(name)
    )
}

fn kind_words(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::Bearer => "an `Authorization: Bearer` token".to_owned(),
        SchemeKind::Basic => "HTTP basic credentials".to_owned(),
        SchemeKind::Header(h) => format!("header `{h}`"),
        SchemeKind::Query(q) => format!("query parameter `{q}`"),
        SchemeKind::Cookie(c) => format!("cookie `{c}`"),
    }
}

fn location_word(location: ParamLocation) -> &'static str {
    match location {
        ParamLocation::Path => "Path",
        ParamLocation::Query => "Query",
        ParamLocation::Header => "Header",
        ParamLocation::Cookie => "Cookie",
    }
}

fn statuses(list: &[StatusMatch]) -> String {
    let words: Vec<String> = list
        .iter()
        .map(|s| match s {
            StatusMatch::Code(c) => c.to_string(),
            StatusMatch::Range(d) => format!("{d}XX"),
            StatusMatch::Default => "default".to_owned(),
        })
        .collect();
    words.join(", ")
}

fn shown(url: Option<&str>) -> String {
    match url {
        Some(u) => format!("`{u}`"),
        None => "none".to_owned(),
    }
}
