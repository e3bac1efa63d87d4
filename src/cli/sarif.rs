//! `--format sarif`: one SARIF 2.1.0 log for the whole run, as GitHub code
//! scanning (`github/codeql-action/upload-sarif`) and SARIF viewers read it.
//!
//! The log has one run. `tool.driver.rules` lists every rule in the registry
//! (in registry order, so `ruleIndex` is stable between runs), with its summary,
//! explanation and default level, and then any rule the engine reported that
//! the registry does not know (house rules). Each result points at its draft by
//! a relative URI with forward slashes and at its span by a region whose
//! columns count UTF-16 code units, SARIF's default `columnKind`, which the
//! run also states outright.
//!
//! Help links need an absolute URI: they are built from the package's
//! `repository` (Cargo.toml) and left out while it has none; the help text
//! names the section of docs/rules.md either way.

use std::io::{self, Write};
use std::path::{Component, Path};

use copydesk::line_index::Encoding;
use copydesk::rules::{self, RuleInfo};
use copydesk::{Finding, Severity};
use serde_json::{json, Value};

use super::draft::{Draft, STDIN_NAME};
use super::{Reporter, Tally};

const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
/// Where the rules are documented, relative to the repository root.
const RULES_DOC: &str = "docs/rules.md";

#[derive(Debug, Default)]
pub struct Sarif {
    results: Vec<Value>,
    /// Rules reported that the registry does not list, in order first seen.
    extra_rules: Vec<String>,
}

impl Reporter for Sarif {
    fn draft(&mut self, _: &mut dyn Write, draft: &Draft, findings: &[Finding]) -> io::Result<()> {
        let uri = artifact_uri(draft.name());
        for finding in findings {
            let index = match rules::ALL.iter().position(|r| r.id == finding.rule) {
                Some(i) => i,
                None => {
                    let known = self.extra_rules.iter().position(|r| *r == finding.rule);
                    let extra = known.unwrap_or_else(|| {
                        self.extra_rules.push(finding.rule.to_string());
                        self.extra_rules.len() - 1
                    });
                    rules::ALL.len() + extra
                }
            };
            let (start_line, start_column) = draft.line_col(finding.span.start, Encoding::Utf16);
            let (end_line, end_column) = draft.line_col(finding.span.end, Encoding::Utf16);
            self.results.push(json!({
                "ruleId": finding.rule,
                "ruleIndex": index,
                "level": level(finding.severity),
                "message": { "text": finding.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri },
                        "region": {
                            "startLine": start_line,
                            "startColumn": start_column,
                            "endLine": end_line,
                            "endColumn": end_column,
                        }
                    }
                }],
            }));
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        let repository = option_env!("CARGO_PKG_REPOSITORY").filter(|r| !r.is_empty());
        let log = log(
            std::mem::take(&mut self.results),
            &self.extra_rules,
            repository,
        );
        serde_json::to_writer_pretty(&mut *out, &log)?;
        writeln!(out)
    }
}

/// The whole log. `repository` is the project's home page, for help links.
fn log(results: Vec<Value>, extra_rules: &[String], repository: Option<&str>) -> Value {
    let mut rules: Vec<Value> = rules::ALL
        .iter()
        .map(|r| rule_descriptor(r, repository))
        .collect();
    rules.extend(extra_rules.iter().map(|id| {
        json!({
            "id": id,
            "name": rule_name(id),
            "shortDescription": { "text": format!("Rule {id} (defined in the configuration).") },
        })
    }));
    let mut driver = json!({
        "name": "copydesk",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if let Some(home) = repository {
        driver["informationUri"] = json!(home);
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": driver },
            "columnKind": "utf16CodeUnits",
            "results": results,
        }],
    })
}

fn rule_descriptor(rule: &RuleInfo, repository: Option<&str>) -> Value {
    let anchor = rules::anchor(rule.id);
    let mut descriptor = json!({
        "id": rule.id,
        "name": rule_name(rule.id),
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": rule.explanation },
        "help": {
            "text": format!("{}\n\nSee {RULES_DOC}#{anchor}.", rule.explanation),
            "markdown": format!("{}\n\nSee [{}]({RULES_DOC}#{anchor}).", rule.explanation, rule.id),
        },
        "defaultConfiguration": { "level": level(rule.default_severity) },
        "properties": { "tags": [rule.family()] },
    });
    if let Some(uri) = repository.map(|home| help_uri(home, rule.id)) {
        descriptor["helpUri"] = json!(uri);
        descriptor["help"]["markdown"] =
            json!(format!("{}\n\nSee [{}]({uri}).", rule.explanation, rule.id));
    }
    descriptor
}

/// `https://…/blob/HEAD/docs/rules.md#claimunattributed`.
fn help_uri(repository: &str, rule: &str) -> String {
    format!(
        "{}/blob/HEAD/{RULES_DOC}#{}",
        repository.trim_end_matches('/'),
        rules::anchor(rule)
    )
}

/// A reader's name for a rule: `claim.vague-source` → `ClaimVagueSource`.
fn rule_name(rule: &str) -> String {
    rule.split(['.', '-', '_'])
        .map(|word| {
            let mut chars = word.chars();
            chars
                .next()
                .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                .unwrap_or_default()
        })
        .collect()
}

/// SARIF has no `info` or `hint`: both are `note`.
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// A draft's name as a URI reference: relative with forward slashes for a
/// relative path (`./` dropped), relative to the working directory for an
/// absolute path under it, else a `file:` URI. Characters a URI may not hold
/// (spaces, `<stdin>`'s brackets, non-ASCII) are percent-encoded.
pub fn artifact_uri(name: &str) -> String {
    if name == STDIN_NAME {
        return encode("stdin");
    }
    let path = Path::new(name);
    if path.is_absolute() {
        let cwd = std::env::current_dir().ok();
        if let Some(rel) = cwd.as_deref().and_then(|cwd| path.strip_prefix(cwd).ok()) {
            return encode(&slashes(rel));
        }
        let abs = slashes(path);
        let abs = if abs.starts_with('/') {
            abs
        } else {
            format!("/{abs}") // `C:/…` on Windows
        };
        return format!("file://{}", encode(&abs));
    }
    encode(&slashes(path))
}

/// A path's components joined with `/`, without `.` components.
fn slashes(path: &Path) -> String {
    let mut parts = Vec::new();
    let mut rooted = false;
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::RootDir => rooted = true,
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".to_owned()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    let joined = parts.join("/");
    if rooted
        && !joined.starts_with('/')
        && !path.components().any(|c| matches!(c, Component::Prefix(_)))
    {
        format!("/{joined}")
    } else {
        joined
    }
}

/// Percent-encode every byte that is not unreserved or a path delimiter.
fn encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for &b in path.as_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(char::from(b))
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_with_forward_slashes_and_encoded() {
        assert_eq!(artifact_uri("./drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(artifact_uri("drafts/café.md"), "drafts/caf%C3%A9.md");
        assert_eq!(artifact_uri("<stdin>"), "stdin");
        assert_eq!(artifact_uri("../up/x.md"), "../up/x.md");
        let cwd = std::env::current_dir().unwrap();
        let inside = cwd.join("sub").join("x.md");
        assert_eq!(artifact_uri(&inside.display().to_string()), "sub/x.md");
        #[cfg(unix)]
        assert_eq!(
            artifact_uri("/nowhere-near/x y.md"),
            "file:///nowhere-near/x%20y.md"
        );
    }

    #[test]
    fn rule_names_anchors_and_help_links() {
        assert_eq!(rule_name("claim.vague-source"), "ClaimVagueSource");
        assert_eq!(rules::anchor("claim.unattributed"), "claimunattributed");
        assert_eq!(rules::anchor("claim.vague-source"), "claimvague-source");
        assert_eq!(
            help_uri("https://example.org/copydesk/", "promo.affiliate-link"),
            "https://example.org/copydesk/blob/HEAD/docs/rules.md#promoaffiliate-link"
        );
    }

    #[test]
    fn help_links_appear_only_with_a_repository() {
        let with = log(vec![], &[], Some("https://example.org/cd"));
        let rule = &with["runs"][0]["tool"]["driver"]["rules"][0];
        assert_eq!(
            rule["helpUri"],
            "https://example.org/cd/blob/HEAD/docs/rules.md#claimunattributed"
        );
        assert_eq!(
            with["runs"][0]["tool"]["driver"]["informationUri"],
            "https://example.org/cd"
        );
        let without = log(vec![], &[], None);
        let rule = &without["runs"][0]["tool"]["driver"]["rules"][0];
        assert!(rule.get("helpUri").is_none());
        assert!(rule["help"]["text"]
            .as_str()
            .unwrap()
            .ends_with("See docs/rules.md#claimunattributed."));
    }

    #[test]
    fn unknown_rules_are_appended_after_the_registry() {
        let draft =
            Draft::from_bytes("a.md".into(), copydesk::Format::Markdown, b"x y".to_vec()).unwrap();
        let f =
            |rule: &'static str| Finding::new(rule, Severity::Info, copydesk::Span::new(0, 1), "m");
        let mut sarif = Sarif::default();
        let mut out = Vec::new();
        sarif
            .draft(
                &mut out,
                &draft,
                &[f("house.style"), f("promo.code"), f("house.style")],
            )
            .unwrap();
        sarif.finish(&mut out, &Tally::default()).unwrap();
        let log: Value = serde_json::from_slice(&out).unwrap();
        let run = &log["runs"][0];
        let n = rules::ALL.len();
        assert_eq!(run["results"][0]["ruleIndex"], n);
        assert_eq!(run["results"][2]["ruleIndex"], n);
        assert_eq!(run["tool"]["driver"]["rules"][n]["id"], "house.style");
        let promo = run["results"][1]["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(run["tool"]["driver"]["rules"][promo]["id"], "promo.code");
        assert_eq!(run["results"][1]["level"], "note");
    }
}
