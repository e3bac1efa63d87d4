//! End-to-end tests of the editor features through the real `copydesk lsp`:
//! quick fixes (applied here with UTF-16 offsets on lines with emoji),
//! hover, rule documentation links, pull diagnostics and the outline.

#[allow(dead_code)] // The shared client has more than this file needs.
#[path = "common/lsp_client.rs"]
mod lsp_client;

use copydesk::{rules, Config, Format};
use lsp_client::LspClient;
use serde_json::{json, Value};

/// One finding of each fixable kind, each on a line with emoji.
const DRAFT: &str = "# Fryers 🍟\n\n\
Our [top pick 🎉](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.\n\n\
The vote was close 🎉. “We will win this fight in the end.”\n\n\
Crime has doubled 🎉 since the new mayor took office.\n\n\
The shop 🎉 reopened on Monday. Readers can use code SAVE20 at checkout for 20% off. The owner was pleased.\n";

const URI: &str = "file:///drafts/fryers.md";

/// The byte offset of a UTF-16 LSP position, counted here from scratch.
fn offset16(text: &str, pos: &Value) -> usize {
    let line = pos["line"].as_u64().expect("line") as usize;
    let character = pos["character"].as_u64().expect("character") as usize;
    let line_start = text
        .split_inclusive('\n')
        .take(line)
        .map(str::len)
        .sum::<usize>();
    let mut units = 0;
    for (i, c) in text[line_start..].char_indices() {
        if units >= character || c == '\n' {
            return line_start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The UTF-16 position of a byte offset.
fn pos16(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({
        "line": before.matches('\n').count(),
        "character": before[line_start..].encode_utf16().count(),
    })
}

/// Apply LSP `TextEdit`s (UTF-16 ranges against `text`) the way an editor does.
fn apply_edits(text: &str, edits: &Value) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .as_array()
        .expect("edits")
        .iter()
        .map(|e| {
            (
                offset16(text, &e["range"]["start"]),
                offset16(text, &e["range"]["end"]),
                e["newText"].as_str().expect("newText").to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

fn open(client: &mut LspClient, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": 1, "text": text
        }}),
    );
}

fn replace_all(client: &mut LspClient, uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": [{ "text": text }],
        }),
    );
}

/// The next `publishDiagnostics` for `uri`.
fn published(client: &mut LspClient, uri: &str) -> Value {
    let message = client.recv();
    assert_eq!(
        message["method"], "textDocument/publishDiagnostics",
        "{message}"
    );
    assert_eq!(message["params"]["uri"], uri, "{message}");
    message["params"]["diagnostics"].clone()
}

fn utf16_client() -> LspClient {
    let (client, result) = LspClient::initialized(Some(&["utf-16"]));
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-16");
    client
}

fn rule_diagnostic<'a>(diagnostics: &'a Value, rule: &str) -> &'a Value {
    diagnostics
        .as_array()
        .expect("diagnostics")
        .iter()
        .find(|d| d["code"] == rule)
        .unwrap_or_else(|| panic!("no {rule} in {diagnostics}"))
}

fn code_actions(client: &mut LspClient, uri: &str, diagnostic: &Value) -> Vec<Value> {
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": uri },
            "range": diagnostic["range"],
            "context": { "diagnostics": [diagnostic] },
        }),
    );
    response["result"]
        .as_array()
        .unwrap_or_else(|| panic!("no actions: {response}"))
        .clone()
}

/// The engine's preferred fix for `rule` applied to `text`: what the
/// server's edits must produce.
fn engine_fixed(text: &str, rule: &str) -> String {
    let findings = copydesk::check(text, Format::Markdown, &Config::default());
    let f = findings.iter().find(|f| f.rule == rule).expect("finding");
    let fixes = copydesk::fixes::fixes(text, Format::Markdown, f);
    copydesk::fixes::apply(text, &fixes[0].edits)
}

#[test]
fn quick_fixes_apply_with_utf16_offsets_and_clear_the_finding() {
    let mut client = utf16_client();
    open(&mut client, URI, DRAFT);
    let diagnostics = published(&mut client, URI);
    let mut version = 1;
    for rule in [
        "quote.unsourced",
        "claim.unattributed",
        "promo.affiliate-link",
        "promo.code",
        "promo.undisclosed",
    ] {
        let d = rule_diagnostic(&diagnostics, rule);
        // Findings that share the range (an affiliate link is also where
        // the missing disclosure is reported) bring their own actions.
        let actions: Vec<Value> = code_actions(&mut client, URI, d)
            .into_iter()
            .filter(|a| a["diagnostics"][0]["code"] == rule)
            .collect();
        let preferred: Vec<&Value> = actions
            .iter()
            .filter(|a| a["isPreferred"] == true)
            .collect();
        assert_eq!(preferred.len(), 1, "{rule}: {actions:?}");
        let fix = preferred[0];
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["diagnostics"], json!([d]), "{rule}");
        let fixed = apply_edits(DRAFT, &fix["edit"]["changes"][URI]);
        assert_eq!(fixed, engine_fixed(DRAFT, rule), "{rule}");
        if rule == "quote.unsourced" {
            assert!(
                fixed.contains(
                    "The vote was close 🎉. “We will win this fight in the end,” [WHO] said.\n"
                ),
                "{fixed}"
            );
        }
        // Every rule can be ignored on its line or disabled in the file.
        let titles: Vec<&str> = actions.iter().filter_map(|a| a["title"].as_str()).collect();
        assert!(
            titles.contains(&format!("Ignore {rule} on this line").as_str()),
            "{titles:?}"
        );
        assert!(
            titles.contains(&format!("Disable {rule} in this file").as_str()),
            "{titles:?}"
        );

        // The editor applies the fix; the finding is gone on the re-check.
        version += 1;
        replace_all(&mut client, URI, version, &fixed);
        let after = published(&mut client, URI);
        assert!(
            !after
                .as_array()
                .expect("array")
                .iter()
                .any(|d| d["code"] == rule),
            "{rule} still reported after its fix: {after}"
        );
        version += 1;
        replace_all(&mut client, URI, version, DRAFT);
        published(&mut client, URI);
    }
    client.shutdown_and_exit();
}

#[test]
fn ignore_on_this_line_appends_the_comment_after_emoji() {
    let mut client = utf16_client();
    open(&mut client, URI, DRAFT);
    let diagnostics = published(&mut client, URI);
    let d = rule_diagnostic(&diagnostics, "claim.unattributed");
    let actions = code_actions(&mut client, URI, d);
    let ignore = actions
        .iter()
        .find(|a| a["title"] == "Ignore claim.unattributed on this line")
        .expect("ignore action");
    let fixed = apply_edits(DRAFT, &ignore["edit"]["changes"][URI]);
    assert_eq!(
        fixed,
        DRAFT.replace(
            "Crime has doubled 🎉 since the new mayor took office.",
            "Crime has doubled 🎉 since the new mayor took office. <!-- copydesk-disable-line claim.unattributed -->"
        )
    );
    // The engine reads the comment: the finding is gone, the others stay.
    let still = |client: &mut LspClient, version: i64, text: &str| {
        replace_all(client, URI, version, text);
        let after = published(client, URI);
        let codes: Vec<String> = after
            .as_array()
            .expect("array")
            .iter()
            .map(|d| d["code"].as_str().unwrap_or("").to_string())
            .collect();
        codes
    };
    let codes = still(&mut client, 2, &fixed);
    assert!(
        !codes.iter().any(|c| c == "claim.unattributed"),
        "{codes:?}"
    );
    assert!(codes.iter().any(|c| c == "quote.unsourced"), "{codes:?}");

    let disable = actions
        .iter()
        .find(|a| a["title"] == "Disable claim.unattributed in this file")
        .expect("disable action");
    let fixed = apply_edits(DRAFT, &disable["edit"]["changes"][URI]);
    assert_eq!(
        fixed,
        format!("<!-- copydesk-disable-file claim.unattributed -->\n{DRAFT}")
    );
    let codes = still(&mut client, 3, &fixed);
    assert!(
        !codes.iter().any(|c| c == "claim.unattributed"),
        "{codes:?}"
    );
    assert!(codes.iter().any(|c| c == "promo.code"), "{codes:?}");
    // Nowhere near a finding: nothing to offer.
    let response = client.request(
        "textDocument/codeAction",
        json!({
            "textDocument": { "uri": URI },
            "range": { "start": { "line": 0, "character": 0 }, "end": { "line": 0, "character": 2 } },
            "context": { "diagnostics": [] },
        }),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    client.shutdown_and_exit();
}

#[test]
fn hover_explains_the_finding_under_the_cursor() {
    let mut client = utf16_client();
    open(&mut client, URI, DRAFT);
    let diagnostics = published(&mut client, URI);
    let d = rule_diagnostic(&diagnostics, "quote.unsourced");
    let inside = DRAFT.find("fight").expect("needle");
    let response = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": pos16(DRAFT, inside) }),
    );
    let hover = &response["result"];
    assert_eq!(hover["contents"]["kind"], "markdown", "{response}");
    assert_eq!(hover["range"], d["range"]);
    let text = hover["contents"]["value"].as_str().expect("markdown");
    let info = rules::info("quote.unsourced").expect("rule");
    for part in [
        d["message"].as_str().expect("message"),
        info.why,
        info.fix,
        "identify sources clearly",
        d["codeDescription"]["href"].as_str().expect("href"),
    ] {
        assert!(text.contains(part), "hover lacks {part:?}:\n{text}");
    }
    // A promotion's hover cites the FTC.
    let inside = DRAFT.find("SAVE20").expect("needle");
    let response = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": pos16(DRAFT, inside) }),
    );
    let text = response["result"]["contents"]["value"]
        .as_str()
        .unwrap_or("");
    assert!(
        text.contains("promo.code") && text.contains("Endorsement Guides"),
        "{text}"
    );
    // Clean text: no hover.
    let response = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 3 } }),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    // Right after an edit that sources the quotation, before its check is
    // published, hover already reads the new text.
    let sourced = DRAFT.replace("in the end.”", "in the end,” said Ana Ruiz.");
    replace_all(&mut client, URI, 2, &sourced);
    let inside = sourced.find("fight").expect("needle");
    let response = client.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": URI }, "position": pos16(&sourced, inside) }),
    );
    assert_eq!(response["result"], Value::Null, "{response}");
    published(&mut client, URI);
    client.shutdown_and_exit();
}

#[test]
fn diagnostics_link_the_rules_document_and_the_link_can_be_moved() {
    let mut client = utf16_client();
    open(&mut client, URI, DRAFT);
    for d in published(&mut client, URI).as_array().expect("array") {
        let rule = d["code"].as_str().expect("code");
        let anchor = rules::info(rule).expect("known rule").anchor();
        assert_eq!(
            d["codeDescription"]["href"],
            format!(
                "{}/blob/HEAD/docs/rules.md#{anchor}",
                env!("CARGO_PKG_REPOSITORY")
            )
        );
        // The anchor is a heading of the committed rules document.
        let doc = include_str!("../docs/rules.md");
        assert!(doc.contains(&format!("\n## `{rule}`\n")), "{rule}");
    }
    client.shutdown_and_exit();

    let (mut client, _) = LspClient::initialized_with(
        json!({}),
        Some(json!({ "docsUrl": "https://news.example/desk/rules.html" })),
    );
    open(&mut client, URI, DRAFT);
    let diagnostics = published(&mut client, URI);
    assert_eq!(
        rule_diagnostic(&diagnostics, "quote.unsourced")["codeDescription"]["href"],
        "https://news.example/desk/rules.html#quoteunsourced"
    );
    client.shutdown_and_exit();
}

#[test]
fn pull_diagnostics_match_push_and_nothing_is_pushed() {
    // What a push client receives…
    let mut push = utf16_client();
    open(&mut push, URI, DRAFT);
    let pushed = published(&mut push, URI);
    push.shutdown_and_exit();
    assert!(pushed.as_array().is_some_and(|a| a.len() >= 5), "{pushed}");

    // …a pull client asks for, and gets only when it asks.
    let (mut pull, result) = LspClient::initialized_with(
        json!({ "textDocument": { "diagnostic": { "dynamicRegistration": false } } }),
        None,
    );
    assert_eq!(
        result["capabilities"]["diagnosticProvider"],
        json!({ "identifier": "copydesk", "interFileDependencies": false, "workspaceDiagnostics": false })
    );
    open(&mut pull, URI, DRAFT);
    let report = pull.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": URI } }),
    );
    assert_eq!(report["result"]["kind"], "full", "{report}");
    assert_eq!(report["result"]["items"], pushed);

    let edited = DRAFT.replace("SAVE20", "nothing");
    replace_all(&mut pull, URI, 2, &edited);
    let report = pull.request(
        "textDocument/diagnostic",
        json!({ "textDocument": { "uri": URI } }),
    );
    let items = report["result"]["items"].as_array().expect("items");
    assert_eq!(items.len(), pushed.as_array().expect("array").len() - 1);
    assert!(!items.iter().any(|d| d["code"] == "promo.code"));
    pull.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": URI } }),
    );
    // `shutdown_and_exit` fails on any message left unread: no push came.
    pull.shutdown_and_exit();

    // A push client is not offered pull.
    let (client, result) = LspClient::initialized(None);
    assert!(result["capabilities"].get("diagnosticProvider").is_none());
    client.shutdown_and_exit();
}

#[test]
fn a_settings_change_asks_a_pull_client_to_pull_again() {
    let (mut client, _) = LspClient::initialized_with(
        json!({
            "textDocument": { "diagnostic": {} },
            // The spec's spelling, which VS Code sends (lsp-types reads
            // `diagnostic`, so the server must not depend on it).
            "workspace": { "diagnostics": { "refreshSupport": true } }
        }),
        None,
    );
    open(&mut client, URI, DRAFT);
    let pull = |client: &mut LspClient| {
        let report = client.request(
            "textDocument/diagnostic",
            json!({ "textDocument": { "uri": URI } }),
        );
        report["result"]["items"].clone()
    };
    let before = pull(&mut client);
    assert!(before
        .as_array()
        .expect("items")
        .iter()
        .any(|d| d["code"] == "promo.code"));
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "rules": { "promo.code": "off" } } } }),
    );
    let request = client.recv();
    assert_eq!(
        request["method"], "workspace/diagnostic/refresh",
        "{request}"
    );
    client.send(&json!({ "jsonrpc": "2.0", "id": request["id"], "result": null }));
    let after = pull(&mut client);
    let after = after.as_array().expect("items");
    assert_eq!(after.len(), before.as_array().expect("items").len() - 1);
    assert!(!after.iter().any(|d| d["code"] == "promo.code"));
    client.shutdown_and_exit();
}

#[test]
fn a_house_rule_replacement_is_a_quick_fix() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(
        dir.path().join("copydesk.toml"),
        "[[house-rules]]\nid = \"utilize\"\nwords = [\"utilize\"]\nreplacement = \"use\"\n",
    )
    .expect("write config");
    let uri = format!("file://{}", dir.path().join("story.md").display());
    let text = "The county 🎉 will Utilize the grant.\n";
    let mut client = utf16_client();
    open(&mut client, &uri, text);
    let diagnostics = published(&mut client, &uri);
    let d = rule_diagnostic(&diagnostics, "house.utilize");
    let actions = code_actions(&mut client, &uri, d);
    let fix = actions
        .iter()
        .find(|a| a["isPreferred"] == true)
        .unwrap_or_else(|| panic!("no preferred fix: {actions:?}"));
    assert_eq!(fix["title"], "Replace with \"Use\"");
    assert_eq!(
        apply_edits(text, &fix["edit"]["changes"][&uri]),
        "The county 🎉 will Use the grant.\n"
    );
    client.shutdown_and_exit();
}

const HEARING: &str = include_str!("fixtures/sources/hearing.md");

#[test]
fn outline_groups_quotes_by_speaker() {
    let (mut client, _) = LspClient::initialized_with(
        json!({ "textDocument": { "documentSymbol": { "hierarchicalDocumentSymbolSupport": true } } }),
        None,
    );
    let uri = "file:///drafts/hearing.md";
    open(&mut client, uri, HEARING);
    published(&mut client, uri);
    let response = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let symbols = response["result"].as_array().expect("symbols").clone();
    let outline: Vec<(String, String, Vec<String>)> = symbols
        .iter()
        .map(|s| {
            let children = s["children"]
                .as_array()
                .expect("children")
                .iter()
                .map(|c| c["name"].as_str().unwrap_or("").to_string())
                .collect();
            (
                s["name"].as_str().unwrap_or("").to_string(),
                s["detail"].as_str().unwrap_or("").to_string(),
                children,
            )
        })
        .collect();
    let line = |needle: &str| {
        HEARING[..HEARING.find(needle).expect("needle")]
            .matches('\n')
            .count()
            + 1
    };
    assert_eq!(
        outline,
        vec![
            (
                "Mayor Maria Lopez".to_string(),
                "named · 2 quotations".to_string(),
                vec![
                    format!(
                        "“We will not let this bridge fall…” (line {})",
                        line("“We will not")
                    ),
                    format!(
                        "“The money is there and the plans…” (line {})",
                        line("“The money")
                    ),
                ]
            ),
            (
                "Tom Reyes".to_string(),
                "named · 1 quotation".to_string(),
                vec![format!(
                    "“Nobody asked the neighborhood before the vote…” (line {})",
                    line("“Nobody")
                )]
            ),
            (
                "a person familiar with the negotiations (anonymous)".to_string(),
                "anonymous · 1 quotation".to_string(),
                vec![format!(
                    "“The talks over the contract are going…” (line {})",
                    line("“The talks")
                )]
            ),
            (
                "no source".to_string(),
                "no source · 1 quotation".to_string(),
                vec![format!(
                    "“We are on our own here, all…” (line {})",
                    line("“We are on")
                )]
            ),
        ]
    );
    // A child's range is its quotation, in UTF-16, inside its parent's range.
    let money = &symbols[0]["children"][1];
    let start = HEARING.find("“The money").expect("needle");
    assert_eq!(money["range"]["start"], pos16(HEARING, start));
    assert_eq!(
        symbols[0]["range"]["end"], money["range"]["end"],
        "{}",
        symbols[0]
    );
    client.shutdown_and_exit();

    // Without hierarchical support: flat symbols, the speaker as container.
    let (mut client, _) = LspClient::initialized(None);
    open(&mut client, uri, HEARING);
    published(&mut client, uri);
    let response = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": uri } }),
    );
    let flat = response["result"].as_array().expect("symbols");
    assert_eq!(flat.len(), 5);
    assert_eq!(flat[1]["containerName"], "Mayor Maria Lopez");
    assert_eq!(flat[1]["location"]["uri"], uri);
    client.shutdown_and_exit();
}
