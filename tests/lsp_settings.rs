//! Editor settings reach the real server and change what it reports:
//! `initializationOptions` at start, `workspace/didChangeConfiguration`
//! later (diagnostics republished without a restart), and a bad entry is
//! shown to the user while the good ones apply.

// This test uses only part of the shared client.
#[allow(dead_code)]
#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::LspClient;
use serde_json::{json, Value};

const DRAFT: &str =
    "Rents have soared because investors bought the homes.\n\nUse code STORM25 at checkout.\n";
const URI: &str = "file:///drafts/settings.md";

fn start(options: Value) -> LspClient {
    let mut client = LspClient::start(&[]);
    let response = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {}, "initializationOptions": options }),
    );
    assert!(
        response.get("result").is_some(),
        "initialize failed: {response}"
    );
    client.notify("initialized", json!({}));
    client
}

fn open(client: &mut LspClient) {
    open_text(client, DRAFT);
}

fn open_text(client: &mut LspClient, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": URI, "languageId": "markdown", "version": 1, "text": text } }),
    );
}

/// The next `publishDiagnostics`, as (code, severity) pairs; other
/// notifications (showMessage) are returned separately.
fn next_publish(client: &mut LspClient, others: &mut Vec<Value>) -> Vec<(String, u64)> {
    loop {
        let m = client.recv();
        if m["method"] == "textDocument/publishDiagnostics" {
            assert_eq!(m["params"]["uri"], URI);
            return m["params"]["diagnostics"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|d| {
                    (
                        d["code"].as_str().unwrap_or("").to_owned(),
                        d["severity"].as_u64().unwrap_or(0),
                    )
                })
                .collect();
        }
        others.push(m);
    }
}

fn codes(diagnostics: &[(String, u64)]) -> Vec<&str> {
    diagnostics.iter().map(|(c, _)| c.as_str()).collect()
}

#[test]
fn did_change_configuration_switches_rules_without_a_restart() {
    let mut client = start(Value::Null);
    let mut others = Vec::new();
    open(&mut client);
    let before = next_publish(&mut client, &mut others);
    assert!(codes(&before).contains(&"promo.code"), "{before:?}");
    assert!(codes(&before).contains(&"claim.unattributed"), "{before:?}");

    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "rules": { "promo": "off", "claim.unattributed": "error" } } } }),
    );
    let after = next_publish(&mut client, &mut others);
    assert!(
        !codes(&after).contains(&"promo.code"),
        "promo still reported: {after:?}"
    );
    assert!(
        after
            .iter()
            .any(|(c, s)| c == "claim.unattributed" && *s == 1),
        "claim not raised to error: {after:?}"
    );
    assert!(others.is_empty(), "unexpected messages: {others:?}");
    client.shutdown_and_exit();
}

#[test]
fn initialization_options_apply_and_bad_entries_are_shown() {
    let mut client =
        start(json!({ "path": "copydesk", "rules": { "claim": "off", "promo.code": "loud" } }));
    let mut others = Vec::new();
    open(&mut client);
    let diagnostics = next_publish(&mut client, &mut others);
    assert!(
        !codes(&diagnostics).iter().any(|c| c.starts_with("claim.")),
        "{diagnostics:?}"
    );
    assert!(
        codes(&diagnostics).contains(&"promo.code"),
        "a bad level must leave the default: {diagnostics:?}"
    );
    let shown: Vec<&Value> = others
        .iter()
        .filter(|m| m["method"] == "window/showMessage")
        .collect();
    assert_eq!(shown.len(), 1, "{others:?}");
    assert!(
        shown[0]["params"]["message"]
            .as_str()
            .unwrap_or("")
            .contains("promo.code"),
        "{shown:?}"
    );
    client.shutdown_and_exit();
}

/// A generic statement the claim model is unsure of: below the default
/// (medium) threshold, above the high one, and no phrase-list signal.
const UNSURE: &str = "The town’s largest employers are split.\n\nThe council met on Tuesday.\n";

fn claims(diagnostics: &[(String, u64)]) -> Vec<u64> {
    diagnostics
        .iter()
        .filter(|(c, _)| c == "claim.unattributed")
        .map(|&(_, s)| s)
        .collect()
}

#[test]
fn the_claim_sensitivity_setting_takes_effect() {
    // VS Code's initializationOptions shape.
    let mut client = start(json!({ "path": "", "rules": {}, "claim": { "sensitivity": "high" } }));
    let mut others = Vec::new();
    open_text(&mut client, UNSURE);
    // High: the unsure sentence is reported, as information (3).
    assert_eq!(claims(&next_publish(&mut client, &mut others)), vec![3]);

    // Null hands the choice back to copydesk.toml (none here: medium).
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "rules": {}, "claim": { "sensitivity": null } } } }),
    );
    assert_eq!(
        claims(&next_publish(&mut client, &mut others)),
        Vec::<u64>::new()
    );

    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "claim": { "sensitivity": "high" } } } }),
    );
    assert_eq!(claims(&next_publish(&mut client, &mut others)), vec![3]);
    assert!(
        !others.iter().any(|m| m["method"] == "window/showMessage"),
        "{others:?}"
    );
    client.shutdown_and_exit();
}

/// Answer the server's next `workspace/configuration` request with
/// `section`, collecting anything else that arrives first.
fn answer_configuration(client: &mut LspClient, section: Value, others: &mut Vec<Value>) {
    loop {
        let m = client.recv();
        if m["method"] == "workspace/configuration" {
            assert_eq!(m["params"]["items"][0]["section"], "copydesk", "{m}");
            client.send(&json!({ "jsonrpc": "2.0", "id": m["id"], "result": [section] }));
            return;
        }
        others.push(m);
    }
}

#[test]
fn settings_are_pulled_from_a_client_that_answers_workspace_configuration() {
    let (mut client, _) =
        LspClient::initialized_with(json!({ "workspace": { "configuration": true } }), None);
    let mut others = Vec::new();
    // Asked for at `initialized`.
    answer_configuration(
        &mut client,
        json!({ "rules": { "promo.code": "off" } }),
        &mut others,
    );
    open(&mut client);
    // The first check may have started before the answer was applied; the
    // pulled levels then arrive with a re-check.
    let mut diagnostics = next_publish(&mut client, &mut others);
    for _ in 0..3 {
        if !codes(&diagnostics).contains(&"promo.code") {
            break;
        }
        diagnostics = next_publish(&mut client, &mut others);
    }
    assert!(
        !codes(&diagnostics).contains(&"promo.code"),
        "{diagnostics:?}"
    );
    assert!(
        codes(&diagnostics).contains(&"claim.unattributed"),
        "{diagnostics:?}"
    );

    // The pull model's "settings changed": no settings, so ask again.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": null }),
    );
    answer_configuration(
        &mut client,
        json!({ "rules": { "claim": "off" } }),
        &mut others,
    );
    let after = next_publish(&mut client, &mut others);
    assert!(codes(&after).contains(&"promo.code"), "{after:?}");
    assert!(!codes(&after).contains(&"claim.unattributed"), "{after:?}");
    client.shutdown_and_exit();
}
