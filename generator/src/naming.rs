//! Every Rust identifier the generator writes is made here.
//!
//! Names from the spec are cased with heck, stripped of characters Rust does
//! not allow, kept off keywords and the prelude, and made unique per scope.
//! The wire name is always kept beside (`#[serde(rename)]`), so renaming
//! never changes what is sent.

use std::collections::BTreeSet;

use heck::{ToSnakeCase, ToUpperCamelCase};

/// Every Rust keyword, strict and reserved, of every edition.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Type names the generated code uses unqualified; a schema may not take them.
const PRELUDE_TYPES: &[&str] = &[
    "Box",
    "Clone",
    "Copy",
    "Default",
    "Drop",
    "Eq",
    "Err",
    "Fn",
    "From",
    "Into",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "PartialEq",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToString",
    "Vec",
];

/// Whether `word` is a Rust keyword in some edition.
pub fn is_keyword(word: &str) -> bool {
    KEYWORDS.contains(&word)
}

/// Splits `raw` into words made only of ASCII letters and digits; symbols
/// that carry meaning (`[]`, `+`, a leading `-`) become words.
fn words(raw: &str) -> String {
    let raw = fold_accents(&raw.replace("[]", " array "));
    let mut out = String::with_capacity(raw.len());
    for (i, c) in raw.chars().enumerate() {
        match c {
            c if c.is_ascii_alphanumeric() => out.push(c),
            '+' => out.push_str(" plus "),
            '-' if i == 0 => out.push_str(" minus "),
            _ => out.push(' '),
        }
    }
    if out.trim().is_empty() {
        return symbol_words(&raw);
    }
    out
}

/// Latin letters with accents → their ASCII base letter (`café` → `cafe`);
/// other non-ASCII characters separate words.
fn fold_accents(raw: &str) -> String {
    raw.chars()
        .map(|c| match c {
            'à'..='å' => 'a',
            'À'..='Å' => 'A',
            'ç' => 'c',
            'Ç' => 'C',
            'è'..='ë' => 'e',
            'È'..='Ë' => 'E',
            'ì'..='ï' => 'i',
            'Ì'..='Ï' => 'I',
            'ñ' => 'n',
            'Ñ' => 'N',
            'ò'..='ö' | 'ø' => 'o',
            'Ò'..='Ö' | 'Ø' => 'O',
            'ù'..='ü' => 'u',
            'Ù'..='Ü' => 'U',
            'ý' | 'ÿ' => 'y',
            'Ý' => 'Y',
            other => other,
        })
        .collect()
}

/// Names for values made only of symbols, such as `>=` or `*`.
fn symbol_words(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let word = match c {
            '<' => "lt".to_owned(),
            '>' => "gt".to_owned(),
            '=' => "eq".to_owned(),
            '!' => "not".to_owned(),
            '*' => "star".to_owned(),
            '/' => "slash".to_owned(),
            '.' => "dot".to_owned(),
            '_' => "underscore".to_owned(),
            '-' => "minus".to_owned(),
            ' ' => "space".to_owned(),
            '@' => "at".to_owned(),
            '#' => "hash".to_owned(),
            '$' => "dollar".to_owned(),
            '%' => "percent".to_owned(),
            '&' => "and".to_owned(),
            '|' => "or".to_owned(),
            '?' => "question".to_owned(),
            other => format!("u{:x}", other as u32),
        };
        out.push(' ');
        out.push_str(&word);
    }
    out
}

/// `UpperCamelCase` for types and variants; `prefix` starts names that would
/// begin with a digit or be empty.
pub fn camel(raw: &str, prefix: &str) -> String {
    let name = words(raw).to_upper_camel_case();
    let name = if name.is_empty() {
        prefix.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}{name}")
    } else {
        name
    };
    if is_keyword(&name) || PRELUDE_TYPES.contains(&name.as_str()) {
        format!("{name}{prefix}")
    } else {
        name
    }
}

/// `snake_case` for fields, parameters and functions; keywords get a
/// trailing underscore (`type_`), names starting with a digit a prefix.
pub fn snake(raw: &str, prefix: &str) -> String {
    let name = words(raw).to_snake_case();
    let name = if name.is_empty() {
        prefix.to_owned()
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        format!("{prefix}_{name}")
    } else {
        name
    };
    if is_keyword(&name) {
        format!("{name}_")
    } else {
        name
    }
}

/// The longest type name made from a path (component names are the spec's
/// own and never shortened).
pub const NAME_LIMIT: usize = 48;

/// The longest a path-based name gets to avoid a number suffix.
pub const NAME_HARD_LIMIT: usize = 64;

/// Words that only say where a type sits (`Item` of a list, `Response` of
/// an operation), the first to go from a long name.
const FILLER_WORDS: [&str; 5] = ["Item", "Items", "Value", "Response", "Body"];

/// A CamelCase name of at most [`NAME_LIMIT`] characters, when it can be
/// cut at words: first the filler words inside it go, then the words after
/// the first two, from the middle, keeping the nearest context (the end).
/// `GetProjectEventResponseExceptionsItemFramesItemScrapingSourceFileStatus`
/// becomes `GetProjectEventExceptionsFramesScrapingSourceFileStatus`, then
/// `GetProjectFramesScrapingSourceFileStatus`. It depends on the name alone,
/// so a name never changes because another part of the spec did.
pub fn shorten(name: &str) -> String {
    shortenings(name).swap_remove(0)
}

/// The names [`shorten`] may give `name`, shortest first: when the
/// shortest is taken, a longer one beats a number suffix, up to
/// [`NAME_HARD_LIMIT`] characters (beyond it, the number is better).
pub fn shortenings(name: &str) -> Vec<String> {
    if name.len() <= NAME_LIMIT {
        return vec![name.to_owned()];
    }
    let words = camel_words(name);
    let last = words.len().saturating_sub(1);
    let kept: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(i, w)| i == 0 || i == last || !FILLER_WORDS.contains(w))
        .map(|(_, w)| *w)
        .collect();
    let without_fillers = kept.concat();
    let mut names = vec![name.to_owned()];
    if without_fillers != name {
        names.push(without_fillers.clone());
    }
    if without_fillers.len() > NAME_LIMIT && kept.len() > 3 {
        names.push(middle_cut(&kept));
    }
    names.reverse();
    let first = names.remove(0);
    names.retain(|n| n.len() <= NAME_HARD_LIMIT);
    names.insert(0, first);
    names
}

/// The first two words, then as many of the last ones as fit the limit.
fn middle_cut(words: &[&str]) -> String {
    let head = words[..2].concat();
    let mut tail: Vec<&str> = Vec::new();
    let mut length = head.len();
    for word in words[2..].iter().rev() {
        if length + word.len() > NAME_LIMIT && !tail.is_empty() {
            break;
        }
        length += word.len();
        tail.push(word);
    }
    tail.reverse();
    format!("{head}{}", tail.concat())
}

/// The words of a CamelCase name: each starts at an upper-case letter;
/// digits and lower-case letters stay with the word before them.
fn camel_words(name: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, c) in name.char_indices().skip(1) {
        if c.is_ascii_uppercase() {
            words.push(&name[start..i]);
            start = i;
        }
    }
    words.push(&name[start..]);
    words
}

/// Names already taken in one scope (a module, a struct, an enum).
#[derive(Debug, Default, Clone)]
pub struct Scope {
    taken: BTreeSet<String>,
}

impl Scope {
    /// A scope in which `reserved` are already taken.
    pub fn with_reserved(reserved: &[&str]) -> Self {
        Self {
            taken: reserved.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    /// Whether `name` is taken.
    pub fn is_taken(&self, name: &str) -> bool {
        self.taken.contains(name)
    }

    /// Takes `name`, or `name2`, `name3`… if it is taken.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let separator = if name.ends_with(|c: char| c.is_ascii_digit()) {
            "_"
        } else {
            ""
        };
        (2..)
            .map(|n| format!("{name}{separator}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .unwrap_or(name)
    }
}

/// A Rust path: `name`, `a::b::C`, `::a::B`, `crate::x::Y`; nothing else
/// (no generics, no spaces), so a setting never writes code of its own.
pub fn check_rust_path(path: &str) -> Result<(), String> {
    let body = path.strip_prefix("::").unwrap_or(path);
    let segments: Vec<&str> = body.split("::").collect();
    let ident = |s: &str| {
        let mut chars = s.chars();
        matches!(chars.next(), Some(c) if c == '_' || c.is_ascii_alphabetic())
            && chars.all(|c| c == '_' || c.is_ascii_alphanumeric())
            && s != "_"
    };
    let leading = ["crate", "super", "self"];
    let valid = segments
        .iter()
        .enumerate()
        .all(|(i, s)| ident(s) && (!is_keyword(s) || (i == 0 && leading.contains(s))));
    if valid && !leading.contains(segments.last().unwrap_or(&"")) {
        Ok(())
    } else {
        Err(format!(
            "`{path}` is not a Rust path (`name`, `module::Name`)"
        ))
    }
}

/// Whether a property's wire name says it holds a secret (a token,
/// password or key) that `Debug` output must not show.
pub fn looks_secret(wire: &str) -> bool {
    let lower = wire.to_ascii_lowercase();
    [
        "token",
        "secret",
        "password",
        "api_key",
        "apikey",
        "authorization",
        "credential",
        "private_key",
    ]
    .iter()
    .any(|word| lower.contains(word))
}

/// Names made from other names: what each generated item is called after
/// the operation, type or field it belongs to. Every suffix the generator
/// adds is here; the results are hints, made unique by a [`Scope`].
pub mod derived {
    use super::camel;
    use crate::ir::StatusMatch;

    /// The enum of an operation's documented errors (`DispatchCallError`).
    pub fn error_enum(op: &str) -> String {
        format!("{op}Error")
    }

    /// The struct of an operation's query, header and cookie parameters.
    pub fn params_struct(op: &str) -> String {
        format!("{op}Params")
    }

    /// An inline schema of a parameter.
    pub fn parameter(op: &str, wire: &str) -> String {
        format!("{op}{}", camel(wire, "Param"))
    }

    /// An inline request body.
    pub fn request_body(op: &str) -> String {
        format!("{op}Body")
    }

    /// An inline success body.
    pub fn success_body(op: &str) -> String {
        format!("{op}Response")
    }

    /// One item of a success body's streamed alternative (an event's data).
    pub fn stream_item(body: &str) -> String {
        format!("{body}Item")
    }

    /// The union of several success bodies, by status.
    pub fn success_union(op: &str) -> String {
        format!("{op}Success")
    }

    /// An inline error body (`GetUserNotFound`).
    pub fn error_body(op: &str, status: StatusMatch) -> String {
        format!("{op}{}", status_variant(status))
    }

    /// An inline body in `components/responses` or `components/requestBodies`.
    pub fn component_body(name: &str) -> String {
        format!("{name}Body")
    }

    /// A webhook's payload (OpenAPI 3.1).
    pub fn webhook(name: &str) -> String {
        format!("{}Webhook", camel(name, "Hook"))
    }

    /// An inline schema of a property.
    pub fn field(parent: &str, wire: &str) -> String {
        format!("{parent}{}", camel(wire, "Field"))
    }

    /// The items of an array.
    pub fn array_item(parent: &str) -> String {
        format!("{parent}Item")
    }

    /// The item at `index` of a tuple (`prefixItems`).
    pub fn tuple_item(parent: &str, index: usize) -> String {
        format!("{parent}Item{index}")
    }

    /// The values of a map (`additionalProperties`).
    pub fn map_value(parent: &str) -> String {
        format!("{parent}Value")
    }

    /// The method streaming every item of a paged operation.
    pub fn stream_method(op: &str) -> String {
        format!("{op}_stream")
    }

    /// The chainable setter of an optional field (`with_phone_number`).
    pub fn setter(field: &str) -> String {
        format!("with_{}", field.trim_end_matches('_'))
    }

    /// The setter that sends an optional, nullable field as `null`.
    pub fn null_setter(field: &str) -> String {
        format!("with_{}_null", field.trim_end_matches('_'))
    }

    /// The builder method taking a callback for a bearer scheme's token.
    pub fn token_callback(method: &str) -> String {
        format!("{method}_callback")
    }

    /// The struct of a polymorphic base's own fields (its children merge it).
    pub fn base_fields(base: &str) -> String {
        format!("{base}Fields")
    }

    /// The `allOf` part at `index` (counted from 0, named from 1).
    pub fn all_of_part(parent: &str, index: usize) -> String {
        format!("{parent}Part{}", index + 1)
    }

    /// A variant name for an error status.
    pub fn status_variant(status: StatusMatch) -> String {
        let name = match status {
            StatusMatch::Code(code) => match code {
                200 => "Ok",
                201 => "Created",
                202 => "Accepted",
                203 => "NonAuthoritativeInformation",
                206 => "PartialContent",
                207 => "MultiStatus",
                300 => "MultipleChoices",
                301 => "MovedPermanently",
                302 => "Found",
                303 => "SeeOther",
                304 => "NotModified",
                307 => "TemporaryRedirect",
                308 => "PermanentRedirect",
                400 => "BadRequest",
                401 => "Unauthorized",
                402 => "PaymentRequired",
                403 => "Forbidden",
                404 => "NotFound",
                405 => "MethodNotAllowed",
                406 => "NotAcceptable",
                408 => "RequestTimeout",
                409 => "Conflict",
                410 => "Gone",
                411 => "LengthRequired",
                412 => "PreconditionFailed",
                413 => "PayloadTooLarge",
                414 => "UriTooLong",
                415 => "UnsupportedMediaType",
                416 => "RangeNotSatisfiable",
                417 => "ExpectationFailed",
                418 => "ImATeapot",
                421 => "MisdirectedRequest",
                422 => "UnprocessableEntity",
                423 => "Locked",
                424 => "FailedDependency",
                425 => "TooEarly",
                426 => "UpgradeRequired",
                428 => "PreconditionRequired",
                429 => "TooManyRequests",
                431 => "RequestHeaderFieldsTooLarge",
                451 => "UnavailableForLegalReasons",
                500 => "InternalServerError",
                501 => "NotImplemented",
                502 => "BadGateway",
                503 => "ServiceUnavailable",
                504 => "GatewayTimeout",
                505 => "HttpVersionNotSupported",
                507 => "InsufficientStorage",
                508 => "LoopDetected",
                511 => "NetworkAuthenticationRequired",
                other => return format!("Status{other}"),
            },
            StatusMatch::Range(1) => "Informational",
            StatusMatch::Range(2) => "Success",
            StatusMatch::Range(3) => "Redirection",
            StatusMatch::Range(4) => "ClientError",
            StatusMatch::Range(5) => "ServerError",
            StatusMatch::Range(other) => return format!("Status{other}xx"),
            StatusMatch::Default => "Default",
        };
        name.to_owned()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_rust_paths_pass() {
        for ok in [
            "Hash",
            "rust_decimal::Decimal",
            "::uuid::Uuid",
            "crate::money::Money",
        ] {
            assert_eq!(check_rust_path(ok), Ok(()), "{ok}");
        }
        for bad in [
            "",
            "Vec<u8>",
            "a b",
            "x::",
            "fn",
            "a::crate",
            "crate",
            "Decimal; fn evil() {}",
            "9lives",
        ] {
            assert!(check_rust_path(bad).is_err(), "{bad}");
        }
    }

    use super::*;

    #[test]
    fn every_keyword_becomes_a_plain_identifier() {
        for keyword in KEYWORDS {
            let field = snake(keyword, "field");
            assert!(!is_keyword(&field), "{keyword} -> {field}");
            let ty = camel(keyword, "Type");
            assert!(!is_keyword(&ty), "{keyword} -> {ty}");
        }
        assert_eq!(snake("type", "field"), "type_");
        assert_eq!(snake("self", "field"), "self_");
        assert_eq!(camel("Self", "Type"), "SelfType");
    }

    #[test]
    fn enum_values_get_readable_names() {
        assert_eq!(camel("us-east", "Value"), "UsEast");
        assert_eq!(camel("string[]", "Value"), "StringArray");
        assert_eq!(
            camel("bedrock-mantle/nvidia.nemotron-super-3-120b", "Value"),
            "BedrockMantleNvidiaNemotronSuper3120b"
        );
        assert_eq!(camel("POST", "Value"), "Post");
        assert_eq!(camel("200", "Value"), "Value200");
        assert_eq!(camel("-1", "Value"), "Minus1");
        assert_eq!(camel(">=", "Value"), "GtEq");
        assert_eq!(camel("", "Value"), "Value");
        assert_eq!(camel("Option", "Type"), "OptionType");
    }

    #[test]
    fn odd_names_become_identifiers() {
        assert_eq!(snake("2fa-enabled", "field"), "field_2fa_enabled");
        assert_eq!(
            snake("x\"); std::process::abort(); (\"", "field"),
            "x_std_process_abort"
        );
        assert_eq!(snake("café", "field"), "cafe");
        assert_eq!(snake("日本", "field"), "u65e5_u672c");
        assert_eq!(snake("***", "field"), "star_star_star");
    }

    #[test]
    fn long_names_lose_filler_words_then_their_middle() {
        let short = "GetUserResponseItem";
        assert_eq!(shorten(short), short);
        assert_eq!(
            shorten("GetProjectEventResponseExceptionsItemFramesItemScrapingSourceFileStatus"),
            "GetProjectFramesScrapingSourceFileStatus"
        );
        let no_filler =
            "GetOrganizationPreprodArtifactSizeAnalysisComparisonsInsightDiffGroupDiffs";
        let cut = shorten(no_filler);
        assert!(cut.len() <= NAME_LIMIT, "{cut}");
        assert!(
            cut.starts_with("GetOrganization") && cut.ends_with("InsightDiffGroupDiffs"),
            "{cut}"
        );
        // Dropping the fillers is enough here.
        assert_eq!(
            shorten("ListWidgetsResponseDataItemAttributesItemsValueSettingsTheme"),
            "ListWidgetsDataAttributesSettingsTheme"
        );
        assert_eq!(
            shortenings(&format!("{no_filler}Extra")),
            ["GetOrganizationInsightDiffGroupDiffsExtra"],
            "beyond the hard limit, only the shortest"
        );
        assert_eq!(
            shortenings("ListWidgetsResponseDataItemAttributesItemsValueSettingsTheme"),
            [
                "ListWidgetsDataAttributesSettingsTheme",
                "ListWidgetsResponseDataItemAttributesItemsValueSettingsTheme"
            ]
        );
        // One endless word cannot be cut.
        let word = format!("A{}", "b".repeat(60));
        assert_eq!(shorten(&word), word);
    }

    /// The first and last words stay even when they are fillers; a name
    /// that fits once its fillers are gone is not cut further; three words
    /// have no middle to cut.
    #[test]
    fn shortening_keeps_the_ends_and_stops_as_soon_as_a_name_fits() {
        assert_eq!(
            shorten("ResponseOrganizationsItemMembershipsItemPermissionsItem"),
            "ResponseOrganizationsMembershipsPermissionsItem"
        );
        // Exactly the limit without `Item`.
        let fits = "ListOrganizationsMembershipsPermissionsAuditLogs";
        assert_eq!(fits.len(), NAME_LIMIT);
        let name = "ListOrganizationsItemMembershipsPermissionsAuditLogs";
        assert_eq!(shortenings(name), [fits, name]);
        let three = format!("A{}B{}C{}", "a".repeat(19), "b".repeat(19), "c".repeat(19));
        assert_eq!(shortenings(&three), [three]);
    }

    #[test]
    fn camel_words_split_at_capitals() {
        assert_eq!(camel_words("GetV2UserID"), ["Get", "V2", "User", "I", "D"]);
    }

    #[test]
    fn scopes_keep_names_unique() {
        let mut scope = Scope::default();
        let names: Vec<String> = ["foo_bar", "FooBar", "foo-bar"]
            .iter()
            .map(|n| scope.claim(snake(n, "f")))
            .collect();
        assert_eq!(names, ["foo_bar", "foo_bar2", "foo_bar3"]);
        assert_eq!(scope.claim("v1".to_owned()), "v1");
        assert_eq!(scope.claim("v1".to_owned()), "v1_2");
    }
}
