//! The VS Code extension in a real VS Code host. `editors/vscode/e2e/run.sh`
//! packages the `.vsix`, installs it into code-server, opens the draft in
//! the workbench in headless Chromium and waits until the diagnostics VS
//! Code holds equal `copydesk check`; here it runs against the server cargo
//! just built, and its JSON output is checked once more.
//!
//! Needs code-server (with Node 24), Chromium, Node and `npm ci` in
//! `editors/vscode`; skipped with the reason when they are missing, unless
//! `COPYDESK_EDITOR_TESTS=required` (set by `.ci/run`, which installs them).

mod editor_support;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;
use std::time::Duration;

use editor_support::{
    check_json, copydesk_bin, draft, find_program, on_path, repo, rules, run, skip,
};
use serde_json::Value;

/// One workbench at a time: two code-servers and two Chromiums at once
/// would only slow each other down on a small machine.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

const LIMIT: Duration = Duration::from_secs(10 * 60);

struct Tools {
    code_server: PathBuf,
    chromium: PathBuf,
}

fn extension_dir() -> PathBuf {
    repo().join("editors/vscode")
}

/// What the e2e script needs, or `None` after saying which is missing.
fn tools(test: &str) -> Option<Tools> {
    let Some(code_server) = find_program("COPYDESK_CODE_SERVER", "code-server") else {
        skip(
            test,
            "code-server is not installed (not on PATH, COPYDESK_CODE_SERVER unset)",
        );
        return None;
    };
    let chromium = find_program("COPYDESK_CHROMIUM", "chromium")
        .or_else(|| Some(PathBuf::from("/usr/bin/chromium")).filter(|p| p.exists()));
    let Some(chromium) = chromium else {
        skip(
            test,
            "Chromium is not installed (not on PATH, COPYDESK_CHROMIUM unset)",
        );
        return None;
    };
    if on_path("node").is_none() || on_path("npm").is_none() {
        skip(test, "node and npm are not on PATH");
        return None;
    }
    if !extension_dir().join("node_modules").is_dir() {
        skip(
            test,
            "editors/vscode/node_modules is missing (run `npm ci` in editors/vscode)",
        );
        return None;
    }
    Some(Tools {
        code_server,
        chromium,
    })
}

fn e2e(tools: &Tools, args: &[&str], screenshot: Option<&Path>) -> editor_support::Run {
    e2e_with(tools, args, screenshot, None)
}

fn e2e_with(
    tools: &Tools,
    args: &[&str],
    screenshot: Option<&Path>,
    vsix: Option<&Path>,
) -> editor_support::Run {
    let mut command = Command::new("bash");
    command
        .arg(extension_dir().join("e2e/run.sh"))
        .args(args)
        .arg(draft())
        .env("COPYDESK_BIN", copydesk_bin())
        .env("COPYDESK_CODE_SERVER", &tools.code_server)
        .env("COPYDESK_CHROMIUM", &tools.chromium);
    if let Some(png) = screenshot {
        command.env("COPYDESK_E2E_SCREENSHOT", png);
    }
    if let Some(vsix) = vsix {
        command.env("COPYDESK_E2E_VSIX", vsix);
    }
    run(command, LIMIT)
}

/// The script exits 2 when something it needs is missing: a skip, with its
/// own words as the reason.
fn missing_tool(test: &str, run: &editor_support::Run) -> bool {
    if run.code != Some(2) {
        return false;
    }
    let reason = run.stderr.lines().last().unwrap_or("run.sh could not run");
    skip(test, reason);
    true
}

#[test]
fn vscode_shows_the_findings_of_copydesk_check_as_diagnostics() {
    const TEST: &str = "editor_vscode::diagnostics";
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(tools) = tools(TEST) else { return };
    // A look at the workbench when it goes wrong (or right).
    let screenshot = Path::new(env!("CARGO_TARGET_TMPDIR")).join("vscode-workbench.png");
    let result = e2e(&tools, &[], Some(&screenshot));
    if missing_tool(TEST, &result) {
        return;
    }
    assert!(
        result.succeeded(),
        "the VS Code e2e test failed (screenshot: {})\n{}",
        screenshot.display(),
        result.transcript()
    );

    // The script compared everything; check its report against check once
    // more, independently of its own comparison.
    let seen: Vec<Value> = serde_json::from_str(&result.stdout).unwrap_or_else(|e| {
        panic!(
            "run.sh printed no JSON array ({e})\n{}",
            result.transcript()
        )
    });
    let expected = check_json(&draft());
    assert!(!expected.is_empty(), "the example draft has findings");
    let mut codes: Vec<String> = seen
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("?").to_string())
        .collect();
    codes.sort();
    assert_eq!(codes, rules(&expected), "{}", result.transcript());
    for d in &seen {
        assert_eq!(d["source"], "copydesk", "{d}");
        assert!(d["range"]["start"]["line"].is_u64(), "{d}");
        assert!(d["range"]["end"]["character"].is_u64(), "{d}");
        assert!(!d["message"].as_str().unwrap_or("").is_empty(), "{d}");
    }
    // The first finding, at the position check gives, in VS Code's terms
    // (0-based; the draft is ASCII up to it).
    let first = expected
        .iter()
        .min_by_key(|f| f["start"]["offset"].as_u64())
        .expect("a finding");
    assert!(
        seen.iter().any(|d| d["code"] == first["rule"]
            && d["range"]["start"]["line"].as_u64()
                == first["start"]["line"].as_u64().map(|l| l - 1)
            && d["range"]["start"]["character"].as_u64()
                == first["start"]["column"].as_u64().map(|c| c - 1)),
        "no diagnostic at {first}\n{}",
        result.transcript()
    );
}

/// What a user installs: the .vsix `.ci/dist.sh` builds, with the server
/// bundled (here the binary cargo just built, stripped as dist strips it),
/// in a VS Code with no `copydesk.path` set; the script checks that the
/// extension started the bundled server, not one on PATH.
#[test]
fn vscode_runs_the_server_bundled_in_the_dist_vsix() {
    const TEST: &str = "editor_vscode::bundled";
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(tools) = tools(TEST) else { return };
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("dist");
    let dist = run(
        {
            let mut command = Command::new("bash");
            command
                .arg(repo().join(".ci/dist.sh"))
                .arg(&out)
                .env("COPYDESK_BIN", copydesk_bin())
                .env("DIST_ONLY", "vsix");
            command
        },
        LIMIT,
    );
    assert!(
        dist.succeeded(),
        ".ci/dist.sh failed\n{}",
        dist.transcript()
    );
    let vsix = out.join("copydesk-linux-x64.vsix");
    let result = e2e_with(&tools, &[], None, Some(&vsix));
    if missing_tool(TEST, &result) {
        return;
    }
    assert!(
        result.succeeded() && result.stderr.contains("started its bundled server"),
        "the VS Code e2e test on the dist .vsix failed\n{}",
        result.transcript()
    );
}

#[test]
fn vscode_says_so_when_there_is_no_server_to_run() {
    const TEST: &str = "editor_vscode::missing_server";
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let Some(tools) = tools(TEST) else { return };
    let result = e2e(&tools, &["--missing-server"], None);
    if missing_tool(TEST, &result) {
        return;
    }
    assert!(
        result.succeeded(),
        "VS Code did not report the missing server\n{}",
        result.transcript()
    );
    assert!(
        result.stderr.contains("not an executable file"),
        "{}",
        result.transcript()
    );
}

#[test]
fn vscode_server_lookup_unit_tests() {
    const TEST: &str = "editor_vscode::unit";
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    if on_path("npm").is_none() {
        skip(TEST, "npm is not on PATH");
        return;
    }
    if !extension_dir().join("node_modules").is_dir() {
        skip(
            TEST,
            "editors/vscode/node_modules is missing (run `npm ci` in editors/vscode)",
        );
        return;
    }
    let mut command = Command::new("npm");
    command
        .args(["test", "--silent"])
        .current_dir(extension_dir());
    let result = run(command, LIMIT);
    assert!(
        result.succeeded(),
        "npm test failed\n{}",
        result.transcript()
    );
}

/// The settings schema in the extension's package.json offers exactly the
/// engine's rule ids and families as `copydesk.rules` keys, in registry
/// order (families first), and the registry's pattern for house rule ids,
/// so the editor's completion never offers a rule the server does not know,
/// nor misses one. Needs no editor.
///
/// The key list and the README's list of rules are generated from the
/// registry: after adding a rule, `UPDATE_DOCS=1 cargo test --test
/// editor_vscode the_vscode_settings` rewrites them (as `--test rules_doc`
/// does `docs/rules.md`).
#[test]
fn the_vscode_settings_schema_names_exactly_the_engines_rules() {
    let package = extension_dir().join("package.json");
    let readme_path = extension_dir().join("README.md");
    let committed = std::fs::read_to_string(&package).expect("package.json");
    let committed_readme = std::fs::read_to_string(&readme_path).expect("README.md");
    if std::env::var_os("UPDATE_DOCS").is_some() {
        std::fs::write(&package, with_rule_keys(&committed)).expect("write package.json");
        std::fs::write(&readme_path, with_rule_list(&committed_readme)).expect("write README.md");
    }
    let text = std::fs::read_to_string(&package).expect("package.json");
    assert!(
        text == with_rule_keys(&text),
        "editors/vscode/package.json's copydesk.rules keys are out of date with the \
         registry; regenerate them with `UPDATE_DOCS=1 cargo test --test editor_vscode \
         the_vscode_settings`"
    );
    let manifest: Value = serde_json::from_str(&text).expect("package.json is JSON");
    let rules = &manifest["contributes"]["configuration"]["properties"]["copydesk.rules"];
    let names = rules["propertyNames"]["anyOf"]
        .as_array()
        .expect("copydesk.rules.propertyNames.anyOf");
    let keys: Vec<&str> = names[0]["enum"]
        .as_array()
        .expect("copydesk.rules.propertyNames.anyOf[0].enum")
        .iter()
        .map(|v| v.as_str().expect("a string"))
        .collect();
    // `house.NAME` keys are described by pattern, the registry's own, both
    // as allowed names and with the levels their values take.
    let patterns: Vec<&str> = names[1..]
        .iter()
        .map(|n| n["pattern"].as_str().expect("a pattern"))
        .collect();
    let described: Vec<&str> = rules["patternProperties"]
        .as_object()
        .expect("copydesk.rules.patternProperties")
        .keys()
        .map(String::as_str)
        .collect();
    let want_patterns = copydesk::rules::configured_id_patterns();
    assert_eq!(
        patterns, want_patterns,
        "copydesk.rules propertyNames patterns"
    );
    assert_eq!(described, want_patterns, "copydesk.rules patternProperties");
    for pattern in &want_patterns {
        assert_eq!(
            rules["patternProperties"][pattern]["enum"], rules["additionalProperties"]["enum"],
            "{pattern}: the same levels as every other key"
        );
    }
    // Every family is a key, `house` too (its rules come from copydesk.toml).
    assert_eq!(
        keys,
        rule_keys(),
        "editors/vscode/package.json copydesk.rules keys"
    );
    // The README's list of rules says the same.
    let readme = std::fs::read_to_string(readme_path).expect("README.md");
    assert!(
        readme == with_rule_list(&readme),
        "editors/vscode/README.md's list of rules is out of date with the registry; \
         regenerate it with `UPDATE_DOCS=1 cargo test --test editor_vscode the_vscode_settings`"
    );
    for rule in copydesk::rules::ALL {
        assert!(
            readme.contains(&format!("`{}`", rule.id)),
            "editors/vscode/README.md does not list {}",
            rule.id
        );
    }
}

/// The keys `copydesk.rules` offers: every family, then every rule id, in
/// registry order.
fn rule_keys() -> Vec<&'static str> {
    let mut keys: Vec<&str> = copydesk::rules::FAMILIES.iter().map(|f| f.name).collect();
    keys.extend(copydesk::rules::ALL.iter().map(|r| r.id));
    keys
}

/// `package.json` with the `enum` of `copydesk.rules`' property names
/// rewritten from the registry, the rest of the text as it was.
fn with_rule_keys(package: &str) -> String {
    let rules = package
        .find("\"copydesk.rules\": {")
        .expect("package.json has copydesk.rules");
    let open = rules
        + package[rules..]
            .find("\"enum\": [")
            .expect("copydesk.rules has a propertyNames enum")
        + "\"enum\": [".len();
    let close = open + package[open..].find(']').expect("the enum closes");
    // The entries' indentation is the `"enum"` line's plus two spaces.
    let line_start = package[..open].rfind('\n').map_or(0, |i| i + 1);
    let indent = package[line_start..]
        .chars()
        .take_while(|c| *c == ' ')
        .count();
    let entries: Vec<String> = rule_keys()
        .iter()
        .map(|k| format!("{}\"{k}\"", " ".repeat(indent + 2)))
        .collect();
    format!(
        "{}\n{}\n{}{}",
        &package[..open],
        entries.join(",\n"),
        " ".repeat(indent),
        &package[close..]
    )
}

/// The README with its `Rules: …` paragraph rewritten from the registry.
fn with_rule_list(readme: &str) -> String {
    const HEAD: &str = "\nRules: ";
    const TAIL: &str = "and a newsroom's own `house.NAME` rules";
    let start = readme
        .find(HEAD)
        .expect("README.md has a `Rules:` paragraph")
        + 1;
    // The tail as the wrapping below may break it over lines.
    let tail_at = |text: &str| -> Option<(usize, usize)> {
        let first = "and a newsroom's";
        let from = text.find(first)?;
        let mut end = from;
        for word in TAIL.split(' ') {
            let rest = &text[end..];
            let skip = rest.len() - rest.trim_start().len();
            if !rest[skip..].starts_with(word) {
                return None;
            }
            end += skip + word.len();
        }
        Some((from, end))
    };
    let (_, tail_end) = tail_at(&readme[start..])
        .map(|(a, b)| (start + a, start + b))
        .expect("the paragraph names house rules");
    let mut words: Vec<String> = vec!["Rules:".into()];
    words.extend(copydesk::rules::ALL.iter().map(|r| format!("`{}`,", r.id)));
    words.extend(TAIL.split(' ').map(String::from));
    let mut text = String::new();
    let mut line = 0;
    for w in &words {
        if line > 0 && line + 1 + w.len() > 76 {
            text.push('\n');
            line = 0;
        } else if line > 0 {
            text.push(' ');
            line += 1;
        }
        text.push_str(w);
        line += w.len();
    }
    format!("{}{}{}", &readme[..start], text, &readme[tail_end..])
}
