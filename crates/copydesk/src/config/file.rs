//! `copydesk.toml` text → [`Config`], or every problem with its position.
//!
//! The TOML is parsed into a table whose keys and values keep their byte
//! spans (`toml::de::DeTable`), then walked by hand: an unknown section or
//! key, a wrong type or a bad value is reported where it is written, so a
//! typo never silently does nothing.

use std::collections::BTreeMap;
use std::ops::Range;
use std::sync::Arc;

use regex::RegexBuilder;
use toml::de::{DeArray, DeTable, DeValue};
use toml::Spanned;

use super::{Config, Custom, Level};
use crate::finding::{family_of, Severity};
use crate::rules;
use crate::rules::house::pattern::{HouseRule, Matcher};
use crate::span::Span;

/// A problem in a `copydesk.toml`, at a position in its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// Bytes of the file the problem is about.
    pub span: Span,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    pub message: String,
}

impl ConfigError {
    /// An error at byte `at` of `text`.
    pub(super) fn at(text: &str, at: usize, message: String) -> ConfigError {
        Self::spanning(text, at..at, message)
    }

    fn spanning(text: &str, range: Range<usize>, message: String) -> ConfigError {
        Self::spanning_in(text, &line_starts(text), range, message)
    }

    /// With the file's line starts computed once: counting lines from the
    /// top for every error made 40,000 unknown keys quadratic.
    fn spanning_in(
        text: &str,
        line_starts: &[usize],
        range: Range<usize>,
        message: String,
    ) -> ConfigError {
        let start = floor_char_boundary(text, range.start.min(text.len()));
        let end = floor_char_boundary(text, range.end.clamp(start, text.len()));
        // `line_starts` begins with 0, so `line` is at least 1.
        let line = line_starts.partition_point(|&s| s <= start);
        let line_start = line_starts[line - 1];
        let column = text[line_start..start].chars().count() + 1;
        ConfigError {
            span: Span::new(start, end),
            line,
            column,
            message,
        }
    }
}

impl std::fmt::Display for ConfigError {
    /// `line:column: message`, for a caller to prefix with the file's path.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// The byte offset where each line starts, 0 first.
fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Collects problems while the table is walked.
struct Walk<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
    errors: Vec<ConfigError>,
}

impl Walk<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>) {
        self.errors.push(ConfigError::spanning_in(
            self.text,
            &self.line_starts,
            span,
            message.into(),
        ));
    }

    /// A table's entries, or an error if the value is not a table.
    fn table<'v, 'i>(
        &mut self,
        what: &str,
        value: &'v Spanned<DeValue<'i>>,
    ) -> Option<&'v DeTable<'i>> {
        match value.get_ref() {
            DeValue::Table(t) => Some(t),
            other => {
                self.error(
                    value.span(),
                    format!("{what} should be a table, not {}", other.type_str()),
                );
                None
            }
        }
    }

    fn string(&mut self, what: &str, value: &Spanned<DeValue<'_>>) -> Option<String> {
        match value.get_ref() {
            DeValue::String(s) => Some(s.to_string()),
            other => {
                self.error(
                    value.span(),
                    format!("{what} should be a string, not {}", other.type_str()),
                );
                None
            }
        }
    }

    /// An array of strings, each with its span.
    fn strings(&mut self, what: &str, value: &Spanned<DeValue<'_>>) -> Vec<(String, Range<usize>)> {
        let DeValue::Array(items) = value.get_ref() else {
            self.error(
                value.span(),
                format!(
                    "{what} should be a list of strings, not {}",
                    value.get_ref().type_str()
                ),
            );
            return Vec::new();
        };
        self.string_items(what, items)
    }

    fn string_items(&mut self, what: &str, items: &DeArray<'_>) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        for item in items {
            if let Some(s) = self.string(&format!("each entry of {what}"), item) {
                out.push((s, item.span()));
            }
        }
        out
    }

    fn unknown(&mut self, section: &str, key: &Spanned<std::borrow::Cow<'_, str>>, known: &[&str]) {
        let name = key.get_ref();
        let hint = match known.iter().find(|k| close(k, name)) {
            Some(k) => format!(" (did you mean \"{k}\"?)"),
            None => format!(" (known: {})", known.join(", ")),
        };
        let place = if section.is_empty() {
            format!("unknown section or key \"{name}\"")
        } else {
            format!("unknown key \"{name}\" in [{section}]")
        };
        self.error(key.span(), format!("{place}{hint}"));
    }
}

/// Whether two names differ by a small edit: a typo's likely target.
fn close(a: &str, b: &str) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()] <= 2
}

const SECTIONS: &[&str] = &["rules", "attribution", "promo", "claim", "house-rules"];
const PROMO_KEYS: &[&str] = &[
    "own-domains",
    "affiliate-domains",
    "affiliate-params",
    "disclosures",
];
const HOUSE_KEYS: &[&str] = &[
    "id",
    "pattern",
    "words",
    "message",
    "severity",
    "replacement",
];

pub(super) fn parse(text: &str) -> Result<Config, Vec<ConfigError>> {
    let root = match DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().to_owned();
            return Err(vec![ConfigError::spanning(
                text,
                span,
                format!("invalid TOML: {message}"),
            )]);
        }
    };
    let mut w = Walk {
        text,
        line_starts: line_starts(text),
        errors: Vec::new(),
    };
    let mut custom = Custom {
        source: text.to_owned(),
        ..Custom::default()
    };
    // House rules first: `[rules]` may set their levels by id.
    let mut house_ids: Vec<String> = Vec::new();
    let root = root.get_ref();
    for (key, value) in root.iter() {
        if key.get_ref() == "house-rules" {
            house_rules(&mut w, value, &mut custom.house_rules);
            house_ids = custom.house_rules.iter().map(|r| r.id.clone()).collect();
        }
    }
    let mut levels = BTreeMap::new();
    for (key, value) in root.iter() {
        match key.get_ref().as_ref() {
            "rules" => rule_levels(&mut w, value, &house_ids, &mut levels),
            "attribution" => {
                let Some(t) = w.table("[attribution]", value) else {
                    continue;
                };
                for (k, v) in t.iter() {
                    if k.get_ref() != "reporting-verbs" {
                        w.unknown("attribution", k, &["reporting-verbs"]);
                        continue;
                    }
                    for (entry, span) in w.strings("reporting-verbs", v) {
                        // The verb's forms: the entry's first field.
                        let fields = crate::lexicon::fields(&entry);
                        let words = fields[0].trim_start_matches(['~', '@']);
                        let odd = words.split_whitespace().find(|word| {
                            !word
                                .chars()
                                .all(|c| c.is_alphabetic() || c == '\'' || c == '’' || c == '-')
                        });
                        if let Some(word) = odd {
                            w.error(
                                span,
                                format!("\"{word}\" is not a word: write a verb's forms separated by spaces (\"opine opined opines\")"),
                            );
                        } else if !custom.verbs.add_entry(&entry) {
                            w.error(span, "a reporting verb entry needs at least one word, and its kind, if any, is `next-to-quote` or `finding`");
                        }
                    }
                }
            }
            "promo" => promo(&mut w, value, &mut custom),
            "claim" => claim(&mut w, value, &mut custom),
            "house-rules" => {}
            _ => w.unknown("", key, SECTIONS),
        }
    }
    if w.errors.is_empty() {
        Ok(Config {
            levels,
            custom: Arc::new(custom),
            editor_claim_sensitivity: None,
        })
    } else {
        w.errors.sort_by_key(|e| e.span.start);
        Err(w.errors)
    }
}

fn rule_levels(
    w: &mut Walk<'_>,
    value: &Spanned<DeValue<'_>>,
    house_ids: &[String],
    levels: &mut BTreeMap<String, Level>,
) {
    let Some(t) = w.table("[rules]", value) else {
        return;
    };
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        let known = rules::info(key).is_some()
            || rules::family(key).is_some()
            || house_ids.iter().any(|id| id == key);
        if !known {
            let mut names: Vec<&str> = rules::ALL.iter().map(|r| r.id).collect();
            names.extend(house_ids.iter().map(String::as_str));
            let hint = match names
                .iter()
                .chain(rules::FAMILIES.iter().map(|f| &f.name))
                .find(|n| close(n, key))
            {
                Some(n) => format!(" (did you mean \"{n}\"?)"),
                None if family_of(key) == "house" => {
                    " (no [[house-rules]] entry has that id)".to_owned()
                }
                None => {
                    let families: Vec<&str> = rules::FAMILIES.iter().map(|f| f.name).collect();
                    format!(
                        " (rule ids look like \"promo.code\"; families are {})",
                        families.join(", ")
                    )
                }
            };
            w.error(k.span(), format!("unknown rule or family \"{key}\"{hint}"));
            continue;
        }
        let Some(s) = w.string(&format!("the level of \"{key}\""), v) else {
            continue;
        };
        match Level::parse(&s) {
            Some(level) => {
                levels.insert(key.to_owned(), level);
            }
            None => w.error(
                v.span(),
                format!("\"{s}\" is not a level: use off, hint, info, warning or error"),
            ),
        }
    }
}

fn promo(w: &mut Walk<'_>, value: &Spanned<DeValue<'_>>, custom: &mut Custom) {
    let Some(t) = w.table("[promo]", value) else {
        return;
    };
    for (k, v) in t.iter() {
        let key = k.get_ref().as_ref();
        if !PROMO_KEYS.contains(&key) {
            w.unknown("promo", k, PROMO_KEYS);
            continue;
        }
        let entries = w.strings(key, v);
        if key == "disclosures" {
            disclosures(w, &entries, custom);
            continue;
        }
        for (entry, span) in entries {
            let added = match key {
                "own-domains" => custom.links.add_own_domain(&entry),
                "affiliate-domains" => custom.links.add_affiliate_domain(&entry),
                _ => custom.links.add_affiliate_param(&entry),
            };
            if let Err(message) = added {
                w.error(span, message);
            }
        }
    }
}

/// `[claim] sensitivity = "low" | "medium" | "high"`: which of the claim
/// model's thresholds `claim.unattributed` fires at.
fn claim(w: &mut Walk<'_>, value: &Spanned<DeValue<'_>>, custom: &mut Custom) {
    let Some(t) = w.table("[claim]", value) else {
        return;
    };
    for (k, v) in t.iter() {
        if k.get_ref() != "sensitivity" {
            w.unknown("claim", k, &["sensitivity"]);
            continue;
        }
        let Some(s) = w.string("sensitivity", v) else {
            continue;
        };
        match copydesk_claims::Sensitivity::parse(&s) {
            Some(level) => custom.claim_sensitivity = level,
            None => w.error(
                v.span(),
                format!("\"{s}\" is not a sensitivity: use low, medium or high"),
            ),
        }
    }
}

/// Disclosure phrases, matched as written (not as patterns), any case, a
/// space matching any whitespace.
fn disclosures(w: &mut Walk<'_>, entries: &[(String, Range<usize>)], custom: &mut Custom) {
    let mut alts = Vec::new();
    for (phrase, span) in entries {
        let words: Vec<String> = phrase.split_whitespace().map(regex::escape).collect();
        if words.is_empty() {
            w.error(span.clone(), "a disclosure phrase cannot be empty");
            continue;
        }
        alts.push(words.join(r"\s+"));
    }
    if alts.is_empty() {
        return;
    }
    let pattern = format!("(?i)(?:{})", alts.join("|"));
    match RegexBuilder::new(&pattern).size_limit(1 << 22).build() {
        Ok(r) => custom.disclosures = Some(r),
        Err(_) => {
            let span = entries.first().map_or(0..0, |(_, s)| s.clone());
            w.error(span, "too many or too long disclosure phrases");
        }
    }
}

fn house_rules(w: &mut Walk<'_>, value: &Spanned<DeValue<'_>>, out: &mut Vec<HouseRule>) {
    let DeValue::Array(items) = value.get_ref() else {
        w.error(
            value.span(),
            "house rules are written as [[house-rules]] tables",
        );
        return;
    };
    for item in items {
        let Some(t) = w.table("each [[house-rules]] entry", item) else {
            continue;
        };
        if let Some(rule) = house_rule(w, item.span(), t, out) {
            out.push(rule);
        }
    }
}

fn house_rule(
    w: &mut Walk<'_>,
    at: Range<usize>,
    t: &DeTable<'_>,
    earlier: &[HouseRule],
) -> Option<HouseRule> {
    let mut ok = true;
    for (k, _) in t.iter() {
        if !HOUSE_KEYS.contains(&k.get_ref().as_ref()) {
            w.unknown("[house-rules]", k, HOUSE_KEYS);
            ok = false;
        }
    }
    let field = |name: &str| t.iter().find(|(k, _)| k.get_ref() == name).map(|(_, v)| v);
    let Some(id_value) = field("id") else {
        w.error(at, "a [[house-rules]] entry needs an id (id = \"NAME\")");
        return None;
    };
    let name = w.string("id", id_value)?;
    let bare = name.strip_prefix("house.").unwrap_or(&name);
    let valid = !bare.is_empty()
        && bare
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if !valid {
        w.error(
            id_value.span(),
            format!("house rule id \"{name}\": use lowercase letters, digits, - and _"),
        );
        return None;
    }
    let id = format!("house.{bare}");
    if earlier.iter().any(|r| r.id == id) {
        w.error(
            id_value.span(),
            format!("a house rule \"{id}\" is already defined"),
        );
        return None;
    }
    let pattern = field("pattern");
    let words = field("words");
    let (matcher_span, pattern, words) = match (pattern, words) {
        (Some(p), None) => (p.span(), Some(w.string("pattern", p)?), Vec::new()),
        (None, Some(v)) => {
            let list: Vec<String> = w.strings("words", v).into_iter().map(|(s, _)| s).collect();
            (v.span(), None, list)
        }
        _ => {
            w.error(
                at,
                format!("house rule \"{id}\" needs either pattern or words (one of them)"),
            );
            return None;
        }
    };
    let message = match field("message") {
        Some(v) => Some(w.string("message", v)?),
        None => None,
    };
    let replacement = match field("replacement") {
        Some(v) => Some(w.string("replacement", v)?),
        None => None,
    };
    let severity = match field("severity") {
        Some(v) => {
            let s = w.string("severity", v)?;
            match Severity::parse(&s) {
                Some(sev) => sev,
                None => {
                    w.error(
                        v.span(),
                        format!("\"{s}\" is not a severity: use hint, info, warning or error (switch a rule off in [rules])"),
                    );
                    return None;
                }
            }
        }
        None => Severity::Warning,
    };
    let matcher = match &pattern {
        Some(p) => Matcher::Pattern(p),
        None => Matcher::Words(&words),
    };
    match HouseRule::new(id.clone(), matcher, message, severity, replacement) {
        Ok(rule) if ok => Some(rule),
        Ok(_) => None,
        Err(e) => {
            w.error(matcher_span, format!("house rule \"{id}\": {e}"));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        match Config::from_toml(text) {
            Ok(_) => Vec::new(),
            Err(errors) => errors.iter().map(ToString::to_string).collect(),
        }
    }

    /// `(toml, expected error lines)`: each error as `line:col: message`
    /// must contain the expected text.
    const BAD: &[(&str, &[&str])] = &[
        ("[rulez]\nclaim = \"off\"\n", &["1:2: unknown section or key \"rulez\" (did you mean \"rules\"?)"]),
        ("[rules]\nclaim = \"loud\"\n", &["2:9: \"loud\" is not a level"]),
        ("[rules]\n\"promo.cod\" = \"off\"\n", &["2:1: unknown rule or family \"promo.cod\" (did you mean \"promo.code\"?)"]),
        ("[rules]\nclaim = 3\n", &["2:9: the level of \"claim\" should be a string, not integer"]),
        ("[claim]\nsensitivity = \"loud\"\n", &["2:15: \"loud\" is not a sensitivity: use low, medium or high"]),
        ("[claim]\nsensitivity = 3\n", &["2:15: sensitivity should be a string"]),
        ("[claim]\nsensitivty = \"low\"\n", &["2:1: unknown key \"sensitivty\" in [claim] (did you mean \"sensitivity\"?)"]),
        ("[promo]\nown-domain = [\"x.com\"]\n", &["2:1: unknown key \"own-domain\" in [promo] (did you mean \"own-domains\"?)"]),
        ("[promo]\nown-domains = \"x.com\"\n", &["2:15: own-domains should be a list of strings"]),
        ("[promo]\nown-domains = [\"not a domain\"]\n", &["2:16: \"not a domain\" is not a domain name"]),
        ("[attribution]\nreporting-verb = [\"opined\"]\n", &["2:1: unknown key \"reporting-verb\" in [attribution]"]),
        ("[attribution]\nreporting-verbs = [\"opined,\", \"\"]\n", &["2:20: \"opined,\" is not a word", "2:31: a reporting verb entry needs at least one word"]),
        ("[attribution]\nreporting-verbs = [\"opine opined | sometimes\"]\n", &["2:20: a reporting verb entry needs at least one word, and its kind, if any, is `next-to-quote` or `finding`"]),
        ("[rules\nclaim = \"off\"\n", &["1:7: invalid TOML"]),
        ("[[house-rules]]\nid = \"x\"\n", &["needs either pattern or words"]),
        ("[[house-rules]]\nid = \"x\"\npattern = \"a{1000}{1000}\"\n", &["3:11: house rule \"house.x\": pattern is too complex"]),
        ("[[house-rules]]\nid = \"x\"\npattern = \"(a\"\n", &["3:11: house rule \"house.x\": invalid pattern"]),
        ("[[house-rules]]\nid = \"x\"\nwords = [\"a\"]\nseverity = \"off\"\n", &["4:12: \"off\" is not a severity"]),
        ("[[house-rules]]\nid = \"x\"\nwords = [\"a\"]\nmesage = \"m\"\n", &["4:1: unknown key \"mesage\" in [[house-rules]] (did you mean \"message\"?)"]),
        ("[[house-rules]]\nid = \"Bad Id\"\nwords = [\"a\"]\n", &["2:6: house rule id \"Bad Id\""]),
        ("[[house-rules]]\nid = \"x\"\nwords = [\"a\"]\n[[house-rules]]\nid = \"x\"\nwords = [\"b\"]\n", &["5:6: a house rule \"house.x\" is already defined"]),
        ("[rules]\n\"house.nope\" = \"off\"\n", &["no [[house-rules]] entry has that id"]),
        ("[rules]\nclaim = \"loud\"\nquote = \"louder\"\n", &["2:9:", "3:9:"]),
    ];

    #[test]
    fn bad_files_are_reported_where_the_problem_is() {
        for (text, want) in BAD {
            let got = errors(text);
            assert_eq!(got.len(), want.len(), "{text:?}: {got:?}");
            for (g, w) in got.iter().zip(want.iter()) {
                assert!(g.contains(w), "{text:?}: got {g:?}, want {w:?}");
            }
        }
    }

    #[test]
    fn the_fixed_shape_loads() {
        let c = Config::from_toml(
            r#"
[rules]
"promo.code" = "off"      # off | hint | info | warning | error
claim = "info"            # a whole family
"house.utilize" = "error"

[attribution]
reporting-verbs = ["opined", "~retort retorted retorts retorting"]

[promo]
own-domains = ["example-news.com"]
affiliate-domains = ["go.partner.example", "*.clicks.example"]
affiliate-params = ["ref", "partner=acme*"]
disclosures = ["we may be paid by retailers"]

[claim]
sensitivity = "high"      # low | medium | high

[[house-rules]]
id = "utilize"
words = ["utilize", "utilise"]
replacement = "use"
"#,
        )
        .expect("valid");
        assert_eq!(c.severity("promo.code", Severity::Warning), None);
        assert_eq!(
            c.severity("claim.vague-source", Severity::Warning),
            Some(Severity::Info)
        );
        assert_eq!(
            c.severity("house.utilize", Severity::Warning),
            Some(Severity::Error)
        );
        assert!(c.custom.verbs.use_of("opined").is_some());
        assert!(c.has_extra_disclosure("Note: We may be paid\nby retailers."));
        let rule = c.house_rule("house.utilize").expect("defined");
        assert_eq!(rule.replacement.as_deref(), Some("use"));
        assert!(c.house_rule("house.other").is_none());
        assert_eq!(
            c.custom.claim_sensitivity,
            copydesk_claims::Sensitivity::High
        );
    }

    #[test]
    fn an_empty_file_is_the_default() {
        let c = Config::from_toml("# nothing yet\n").expect("valid");
        assert_eq!(c.levels, Config::default().levels);
        assert!(c.house_rules().is_empty());
        assert_eq!(
            c.custom.claim_sensitivity,
            copydesk_claims::Sensitivity::Medium
        );
    }
}
