//! The grammar of the data files and the patterns built from them, in std
//! alone: the engine includes it as `lexicon::grammar`, and `build.rs`
//! includes the same file to build the largest gates ahead of time (see
//! `lexicon::prebuilt`), so both read the data the same way and build the
//! same pattern strings. A prebuilt automaton is used only for a pattern
//! identical to the one the engine builds, so any difference between the
//! two falls back to compiling at run time.

/// Non-empty, non-comment lines of a data file.
pub fn entries(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// The name of the list a `[name]` line opens: lowercase letters, digits
/// and `-`, so that a pattern such as `[a-z]+s` is an entry.
pub fn list_name(line: &str) -> Option<&str> {
    let name = line.strip_prefix('[')?.strip_suffix(']')?;
    let ok = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    ok.then_some(name)
}

/// Every entry of a data file with the list it belongs to (`[name]`), in
/// file order; entries before the first `[name]` belong to no list and are
/// skipped.
pub fn list_entries(data: &str) -> impl Iterator<Item = (&str, &str)> {
    let mut current = None;
    entries(data).filter_map(move |line| match list_name(line) {
        Some(name) => {
            current = Some(name);
            None
        }
        None => current.map(|list| (list, line)),
    })
}

/// The fields of an entry: split at every `|` with white space (or the
/// line's edge) on both sides, each trimmed. A bar inside a field (`a|b`)
/// stays in it, so a regular expression is one field.
pub fn fields(entry: &str) -> Vec<&str> {
    let bytes = entry.as_bytes();
    let space = |i: Option<&u8>| i.is_none_or(|b| b.is_ascii_whitespace());
    let mut out = Vec::new();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'|'
            && space(i.checked_sub(1).and_then(|j| bytes.get(j)))
            && space(bytes.get(i + 1))
        {
            out.push(entry[start..i].trim());
            start = i + 1;
        }
    }
    out.push(entry[start..].trim());
    out
}

/// A list of regular expressions (its entries' first fields) as one
/// alternation, matched case-insensitively on word boundaries: the pattern
/// of `lexicon::patterns`.
pub fn list_pattern<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let body: Vec<String> = words.into_iter().map(|l| format!("(?:{l})")).collect();
    format!(r"(?i)\b(?:{})\b", body.join("|"))
}

/// The anonymous-source frames as one pattern (`rules::source::ANONYMOUS`):
/// each of `frames` ([anonymous-sources]) with `{noun}`, `{role}` and
/// `{unnamed}` filled from `nouns` ([anonymous-nouns], a noun and its
/// kind each). Here so that `build.rs` builds the identical pattern's
/// gate ahead of time.
pub fn anonymous_pattern<'a, S: AsRef<[&'a str]>>(frames: &[&str], nouns: &[S]) -> String {
    let alternation = |keep: &dyn Fn(Option<&str>) -> bool| {
        let mut words: Vec<&str> = nouns
            .iter()
            .map(AsRef::as_ref)
            .filter(|f| keep(f.get(1).copied()))
            .map(|f| f[0])
            .collect();
        words.sort_by_key(|n| std::cmp::Reverse(n.len()));
        // ASCII case folding: the nouns are ASCII, and Unicode's (`ſ` for
        // `s`, the Kelvin sign for `k`) made the compiled pattern several
        // times larger for letters no draft uses in these words.
        format!("(?-u:{})", words.join("|"))
    };
    let frames: Vec<String> = frames
        .iter()
        .map(|f| {
            f.replace("{noun}", &alternation(&|kind| kind != Some("pronoun")))
                .replace(
                    "{role}",
                    &alternation(&|kind| !matches!(kind, Some("pronoun" | "generic"))),
                )
                .replace("{unnamed}", &alternation(&|kind| kind == Some("unnamed")))
        })
        .map(|f| format!("(?:{f})"))
        .collect();
    format!(r"(?i)\b(?:{})\b", frames.join("|"))
}

/// The gate of a pattern (used by `lexicon::Gated`, and by `Prefiltered` for
/// a pattern with no literal to search for): a pattern that matches wherever `pattern` does
/// and compiles to a small DFA. Word-boundary assertions (`\b`, `\B`,
/// `\b{…}`) are removed, and counted repetitions become open ones (`{0,70}`
/// becomes `*`, `{1,3}` becomes `+`), since counters multiply DFA states.
/// Other escapes (`\\b` is a backslash and a `b`, `\p{L}`) and character
/// classes are kept whole.
pub fn gate_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let mut chars = pattern.char_indices().peekable();
    let mut class_depth = 0u32;
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => {
                let Some((_, e)) = chars.next() else {
                    out.push(c);
                    break;
                };
                let braced = chars.peek().is_some_and(|&(_, n)| n == '{')
                    && matches!(e, 'b' | 'p' | 'P' | 'x' | 'u' | 'U');
                let mut escape = String::from(c);
                escape.push(e);
                if braced {
                    for (_, n) in chars.by_ref() {
                        escape.push(n);
                        if n == '}' {
                            break;
                        }
                    }
                }
                if class_depth > 0 || !matches!(e, 'b' | 'B') {
                    out.push_str(&escape);
                }
            }
            '[' => {
                class_depth += 1;
                out.push(c);
                // A `]` or `^]` right after the opening bracket is literal.
                if chars.peek().is_some_and(|&(_, n)| n == '^') {
                    out.push('^');
                    chars.next();
                }
                if chars.peek().is_some_and(|&(_, n)| n == ']') {
                    out.push(']');
                    chars.next();
                }
            }
            ']' if class_depth > 0 => {
                class_depth -= 1;
                out.push(c);
            }
            '{' if class_depth == 0 => {
                let rest = &pattern[i + 1..];
                let counted = rest.find('}').filter(|&j| {
                    let body = &rest[..j];
                    !body.is_empty()
                        && body.chars().all(|d| d.is_ascii_digit() || d == ',')
                        && body.starts_with(|d: char| d.is_ascii_digit())
                });
                match counted {
                    Some(j) => {
                        let min = rest[..j].split(',').next().unwrap_or("0");
                        out.push(if min.bytes().all(|d| d == b'0') {
                            '*'
                        } else {
                            '+'
                        });
                        for _ in 0..rest[..=j].chars().count() {
                            chars.next();
                        }
                    }
                    None => out.push(c),
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// A promo list's phrase with each space outside a class made `space` and
/// each straight apostrophe matching a curly one too: the one place the
/// promo lists' phrase syntax is read, by the engine (its regex fragments
/// and prefilter pieces, `rules::promo::lexicon`) and by `build.rs` (the
/// pieces' literals, read ahead of time).
pub fn spaced_phrase(entry: &str, space: &str) -> String {
    let mut out = String::with_capacity(entry.len() + 8);
    let mut in_class = false;
    for c in entry.chars() {
        match c {
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            ' ' if !in_class => out.push_str(space),
            '\'' if !in_class => out.push_str("['’]"),
            '\'' => out.push_str("'’"),
            _ => out.push(c),
        }
    }
    out
}
