//! A string that matches a regular expression, for the common shapes of
//! `pattern` (literals, classes, escapes, groups, alternation, quantifiers);
//! `None` for what needs a real engine (lookaround, back-references,
//! Unicode classes), where the caller falls back to an example.

/// A string `pattern` matches, made by taking each construct's first or
/// smallest non-empty choice.
pub fn matching(pattern: &str) -> Option<String> {
    let chars: Vec<char> = pattern.chars().collect();
    let mut at = 0;
    let text = alternatives(&chars, &mut at)?;
    (at == chars.len()).then_some(text)
}

/// The first of `a|b|c`, up to the end or an unmatched `)`.
fn alternatives(chars: &[char], at: &mut usize) -> Option<String> {
    let first = sequence(chars, at)?;
    while *at < chars.len() && chars[*at] == '|' {
        *at += 1;
        sequence(chars, at)?;
    }
    Some(first)
}

fn sequence(chars: &[char], at: &mut usize) -> Option<String> {
    let mut out = String::new();
    while *at < chars.len() && !matches!(chars[*at], '|' | ')') {
        let piece = atom(chars, at)?;
        let times = quantifier(chars, at)?;
        for _ in 0..times {
            out.push_str(&piece);
        }
    }
    Some(out)
}

fn atom(chars: &[char], at: &mut usize) -> Option<String> {
    let c = chars[*at];
    *at += 1;
    Some(match c {
        '^' | '$' => String::new(),
        '.' => "a".to_owned(),
        '\\' => escape(*chars.get(*at)?, at)?.to_string(),
        '[' => class(chars, at)?.to_string(),
        '(' => {
            if chars.get(*at) == Some(&'?') {
                // Only a non-capturing group; lookaround needs an engine.
                if chars.get(*at + 1) != Some(&':') {
                    return None;
                }
                *at += 2;
            }
            let inner = alternatives(chars, at)?;
            if chars.get(*at) != Some(&')') {
                return None;
            }
            *at += 1;
            inner
        }
        '*' | '+' | '?' | '{' | ')' | ']' => return None,
        literal => literal.to_string(),
    })
}

/// One character for `\x` (the escape at `*at`).
fn escape(c: char, at: &mut usize) -> Option<char> {
    *at += 1;
    match c {
        'd' => Some('0'),
        'w' | 'D' | 'S' => Some('a'),
        's' => Some(' '),
        'W' => Some('-'),
        'n' => Some('\n'),
        't' => Some('\t'),
        c if c.is_ascii_alphanumeric() => None,
        c => Some(c),
    }
}

/// A character of `[...]` (after the `[`).
fn class(chars: &[char], at: &mut usize) -> Option<char> {
    let negated = chars.get(*at) == Some(&'^');
    if negated {
        *at += 1;
    }
    let mut members: Vec<(char, char)> = Vec::new();
    let mut first = true;
    loop {
        let c = *chars.get(*at)?;
        *at += 1;
        if c == ']' && !first {
            break;
        }
        first = false;
        let low = if c == '\\' {
            escape(*chars.get(*at)?, at)?
        } else {
            c
        };
        let high = if chars.get(*at) == Some(&'-') && chars.get(*at + 1).is_some_and(|&n| n != ']')
        {
            *at += 1;
            let c = *chars.get(*at)?;
            *at += 1;
            if c == '\\' {
                escape(*chars.get(*at)?, at)?
            } else {
                c
            }
        } else {
            low
        };
        members.push((low, high));
    }
    if negated {
        let inside = |c: char| members.iter().any(|&(lo, hi)| lo <= c && c <= hi);
        return "aA0x_-".chars().find(|&c| !inside(c));
    }
    members.first().map(|&(low, _)| low)
}

/// How many times to repeat the atom before it: the fewest the quantifier
/// allows, but at least once where it allows that.
fn quantifier(chars: &[char], at: &mut usize) -> Option<usize> {
    let times = match chars.get(*at) {
        Some('?' | '*' | '+') => {
            *at += 1;
            1
        }
        Some('{') => {
            let end = chars[*at..].iter().position(|&c| c == '}')? + *at;
            let inside: String = chars[*at + 1..end].iter().collect();
            *at = end + 1;
            let (low, high) = match inside.split_once(',') {
                Some((low, high)) => (
                    low.trim().parse::<usize>().ok()?,
                    high.trim().parse::<usize>().ok(),
                ),
                None => {
                    let n = inside.trim().parse::<usize>().ok()?;
                    (n, Some(n))
                }
            };
            if low == 0 && high != Some(0) {
                1
            } else {
                low
            }
        }
        _ => return Some(1),
    };
    // A lazy or possessive marker changes nothing here.
    if matches!(chars.get(*at), Some('?' | '+')) {
        *at += 1;
    }
    Some(times.min(64))
}

#[cfg(test)]
mod tests {
    use super::matching;

    #[test]
    fn common_patterns_get_a_matching_string() {
        let cases = [
            ("^[a-z0-9-]+$", "a"),
            ("^([0-9]+([.][0-9]+)?(ns|us|µs|ms|s|m|h))+$", "0.0ns"),
            (r"^\d{3}-\d{4}$", "000-0000"),
            (r"^[A-Z]{2}\d{2}[A-Z0-9]{1,30}$", "AA00A"),
            ("^(?:draft|live)$", "draft"),
            ("(?:ab|cd)x", "abx"),
            // Classes: a `]` first is a member, a `-` last is one, ranges.
            ("[^]a]x", "Ax"),
            ("[a-]x", "ax"),
            ("[^a-z]", "A"),
            ("[^A-Za-z0-9]", "_"),
            // After a range, a `-` is a member, not the start of another.
            ("[^aA0c-e-z]", "x"),
            // Quantifiers: the fewest allowed, at least one where allowed,
            // lazy markers skipped.
            ("ab*c", "abc"),
            ("xa{0}y", "xy"),
            ("xa{0,}y", "xay"),
            ("a+?b", "ab"),
            ("a{2,3}?b", "aab"),
            (r"^\+?[1-9]\d{1,14}$", "+10"),
            ("^[^@]+@[^@]+$", "a@a"),
            ("abc", "abc"),
            (r"^v\d+\.\d+$", "v0.0"),
        ];
        for (pattern, expected) in cases {
            assert_eq!(matching(pattern).as_deref(), Some(expected), "{pattern}");
        }
    }

    #[test]
    fn what_needs_an_engine_is_left_alone() {
        for pattern in ["^(?=a)b", r"(a)\1", r"\p{L}+", "a{2", "(ab", "*a"] {
            assert_eq!(matching(pattern), None, "{pattern}");
        }
    }
}
