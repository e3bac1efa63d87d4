//! `copydesk.toml` through the real server: levels from the file, editor
//! settings over them, a file edited on disk picked up through
//! `didChangeWatchedFiles`, a broken file shown (and the last good one kept),
//! an open `copydesk.toml` diagnosed, suppression comments and house rules.

// This test uses only part of the shared client.
#[allow(dead_code)]
#[path = "common/lsp_client.rs"]
mod lsp_client;

use std::fs;
use std::path::Path;

use lsp_client::LspClient;
use serde_json::{json, Value};

/// A claim, a promo code, a house-rule word, and a quote silenced by a
/// suppression comment.
const DRAFT: &str = "Rents have soared because investors bought the homes.\n\n\
Use code STORM25 at checkout.\n\n\
The county will utilize the grant.\n\n\
\"Nobody is coming. We are on our own here.\" <!-- copydesk-disable-line quote -->\n";

const CONFIG: &str = r#"[rules]
"promo.code" = "off"
claim = "info"

[[house-rules]]
id = "utilize"
words = ["utilize"]
replacement = "use"
"#;

fn uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// Start with a client that watches files when asked; answers the server's
/// `client/registerCapability` and returns what it registered.
fn start() -> (LspClient, Value) {
    let mut client = LspClient::start(&[]);
    let capabilities = json!({
        "workspace": { "didChangeWatchedFiles": { "dynamicRegistration": true } },
        "textDocument": { "publishDiagnostics": { "versionSupport": true } }
    });
    let response = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
    );
    assert!(response.get("result").is_some(), "{response}");
    client.notify("initialized", json!({}));
    let request = client.recv();
    if request["method"] != "client/registerCapability" {
        client.fail(&format!("expected a registration, got {request}"));
    }
    client.send(&json!({ "jsonrpc": "2.0", "id": request["id"], "result": null }));
    (client, request["params"].clone())
}

fn open(client: &mut LspClient, uri: &str, language: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": uri, "languageId": language, "version": 1, "text": text } }),
    );
}

/// Messages until `want` has a publish for each of `uris` (the latest one
/// per URI is kept) and, if `message` is set, a showMessage; returns the
/// publishes' diagnostics by URI and the messages shown.
fn collect(
    client: &mut LspClient,
    uris: &[&str],
    want_message: bool,
) -> (Vec<(String, Vec<Value>)>, Vec<Value>) {
    let mut published: Vec<(String, Vec<Value>)> = Vec::new();
    let mut shown = Vec::new();
    while uris.iter().any(|u| !published.iter().any(|(p, _)| p == u))
        || want_message && shown.is_empty()
    {
        let m = client.recv();
        match m["method"].as_str() {
            Some("textDocument/publishDiagnostics") => {
                let uri = m["params"]["uri"].as_str().unwrap_or_default().to_owned();
                let diags = m["params"]["diagnostics"]
                    .as_array()
                    .cloned()
                    .unwrap_or_default();
                published.retain(|(p, _)| *p != uri);
                published.push((uri, diags));
            }
            Some("window/showMessage") => shown.push(m["params"].clone()),
            _ => client.fail(&format!("unexpected message {m}")),
        }
    }
    (published, shown)
}

fn diags_of<'a>(published: &'a [(String, Vec<Value>)], uri: &str) -> &'a [Value] {
    published
        .iter()
        .find(|(p, _)| p == uri)
        .map(|(_, d)| d.as_slice())
        .unwrap_or(&[])
}

/// `code:severity` of each diagnostic.
fn levels(diags: &[Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| format!("{}:{}", d["code"].as_str().unwrap_or("-"), d["severity"]))
        .collect()
}

#[test]
fn the_file_sets_levels_and_house_rules_and_the_editor_overrides_it() {
    let root = tempfile::tempdir().expect("temp dir");
    fs::write(root.path().join("copydesk.toml"), CONFIG).expect("write");
    fs::create_dir_all(root.path().join("metro")).expect("dir");
    let draft = uri(&root.path().join("metro/rents.md"));
    let (mut client, registration) = start();
    assert_eq!(
        registration["registrations"][0]["method"],
        "workspace/didChangeWatchedFiles"
    );
    assert_eq!(
        registration["registrations"][0]["registerOptions"]["watchers"][0]["globPattern"],
        "**/copydesk.toml"
    );

    open(&mut client, &draft, "markdown", DRAFT);
    let (published, _) = collect(&mut client, &[&draft], false);
    let diags = diags_of(&published, &draft);
    // claim at info (3); promo.code off; the house rule at its default
    // warning (2) with its message; the quote silenced by its comment.
    assert_eq!(
        levels(diags),
        vec!["claim.unattributed:3", "house.utilize:2"]
    );
    let house = &diags[1];
    assert_eq!(
        house["range"]["start"],
        json!({ "line": 4, "character": 16 })
    );
    assert_eq!(
        house["message"],
        "House style: \"utilize\" should be \"use\"."
    );

    // Editor settings win over the file, family over the file's rule id too.
    client.notify(
        "workspace/didChangeConfiguration",
        json!({ "settings": { "copydesk": { "rules": { "claim": "error", "promo": "hint" } } } }),
    );
    let (published, _) = collect(&mut client, &[&draft], false);
    assert_eq!(
        levels(diags_of(&published, &draft)),
        vec!["claim.unattributed:1", "promo.code:4", "house.utilize:2"]
    );
    client.shutdown_and_exit();
}

#[test]
fn an_edited_file_is_picked_up_and_a_broken_one_reported_while_the_last_good_stays() {
    let root = tempfile::tempdir().expect("temp dir");
    let config_path = root.path().join("copydesk.toml");
    fs::write(&config_path, CONFIG).expect("write");
    let draft = uri(&root.path().join("rents.md"));
    let config_uri = uri(&config_path);
    let (mut client, _) = start();
    open(&mut client, &draft, "markdown", DRAFT);
    let (published, _) = collect(&mut client, &[&draft], false);
    assert_eq!(
        levels(diags_of(&published, &draft)),
        vec!["claim.unattributed:3", "house.utilize:2"]
    );

    // Edited on disk, announced by the client's watcher: re-checked.
    let edited = CONFIG.replace("claim = \"info\"", "claim = \"error\"\nhouse = \"off\"");
    fs::write(&config_path, &edited).expect("write");
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let (published, _) = collect(&mut client, &[&draft], false);
    assert_eq!(
        levels(diags_of(&published, &draft)),
        vec!["claim.unattributed:1"]
    );

    // Broken, and open in the editor: a diagnostic on the file at the
    // problem, a message once, and the drafts keep the last good levels.
    let broken = edited.replace("claim = \"error\"", "claim = \"loud\"");
    fs::write(&config_path, &broken).expect("write");
    open(&mut client, &config_uri, "toml", &broken);
    let (published, _) = collect(&mut client, &[&config_uri], false);
    let on_file = diags_of(&published, &config_uri);
    assert_eq!(on_file.len(), 1, "{on_file:?}");
    assert_eq!(
        on_file[0]["range"]["start"],
        json!({ "line": 2, "character": 8 })
    );
    assert_eq!(on_file[0]["severity"], 1);
    assert!(
        on_file[0]["message"]
            .as_str()
            .unwrap_or_default()
            .contains("\"loud\" is not a level"),
        "{on_file:?}"
    );
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({ "changes": [{ "uri": config_uri, "type": 2 }] }),
    );
    let (published, shown) = collect(&mut client, &[&draft, &config_uri], true);
    assert_eq!(
        levels(diags_of(&published, &draft)),
        vec!["claim.unattributed:1"]
    );
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert_eq!(shown[0]["type"], 1);
    let text = shown[0]["message"].as_str().unwrap_or_default();
    assert!(
        text.contains(&format!("{}:3:9:", config_path.display())),
        "{text}"
    );

    // Fixed in the editor and saved: the file's diagnostics clear and the
    // new levels apply.
    let fixed = broken.replace("claim = \"loud\"", "claim = \"hint\"");
    fs::write(&config_path, &fixed).expect("write");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": config_uri, "version": 2 },
                "contentChanges": [{ "text": fixed }] }),
    );
    let (published, _) = collect(&mut client, &[&config_uri], false);
    assert!(diags_of(&published, &config_uri).is_empty());
    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": config_uri } }),
    );
    let (published, shown) = collect(&mut client, &[&draft, &config_uri], false);
    assert!(shown.is_empty(), "{shown:?}");
    assert_eq!(
        levels(diags_of(&published, &draft)),
        vec!["claim.unattributed:4"]
    );
    client.shutdown_and_exit();
}

#[test]
fn without_a_watcher_a_changed_file_is_seen_on_the_next_check() {
    let root = tempfile::tempdir().expect("temp dir");
    let config_path = root.path().join("copydesk.toml");
    fs::write(&config_path, "[rules]\nclaim = \"info\"\n").expect("write");
    let draft = uri(&root.path().join("rents.md"));
    // A client that cannot register watchers gets no registration request.
    let (mut client, _) = LspClient::initialized(None);
    open(&mut client, &draft, "markdown", DRAFT);
    let (published, _) = collect(&mut client, &[&draft], false);
    assert!(levels(diags_of(&published, &draft)).contains(&"claim.unattributed:3".to_owned()));
    fs::write(
        &config_path,
        "[rules]\nclaim = \"error\"\npromo = \"off\"\n",
    )
    .expect("write");
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": draft, "version": 2 },
                "contentChanges": [{ "text": DRAFT }] }),
    );
    // The edit's own check sees the new file (and re-checks the other open
    // drafts, of which there are none here).
    let (published, _) = collect(&mut client, &[&draft], false);
    assert_eq!(
        levels(diags_of(&published, &draft)),
        vec!["claim.unattributed:1"]
    );
    client.shutdown_and_exit();
}
