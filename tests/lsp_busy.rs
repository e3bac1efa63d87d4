//! A huge draft being checked must not hold up anything else: another
//! document's diagnostics, a request, `shutdown` and `exit`. Checks run off
//! the message loop, one worker per document, and a newer revision makes the
//! running check of an older one stop.
//!
//! No wall-clock bounds: the client's hang detector (a generous timeout per
//! message) is what fails a test that blocks.

#[allow(dead_code)] // The shared client has more than this file needs.
#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::LspClient;
use serde_json::{json, Value};

const HUGE: &str = "file:///drafts/huge.md";
const SMALL: &str = "file:///drafts/small.md";

/// About 3 MB of real draft: seconds to check in a debug build, so it is
/// still being checked while the rest of the test runs.
fn huge_draft() -> String {
    let draft = include_str!("../examples/draft.md");
    let mut text = String::with_capacity(3_200_000);
    while text.len() < 3_000_000 {
        text.push_str(draft);
        text.push_str("\n\n");
    }
    text
}

fn open(client: &mut LspClient, uri: &str, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "markdown", "version": 1, "text": text}}),
    );
}

/// The next `publishDiagnostics` for `uri`, passing over the huge draft's.
fn diagnostics_of(client: &mut LspClient, uri: &str) -> Value {
    loop {
        let message = client.recv();
        if message["method"] != "textDocument/publishDiagnostics" {
            client.fail(&format!("unexpected message: {message}"));
        }
        if message["params"]["uri"] == uri {
            return message;
        }
        if message["params"]["uri"] != HUGE {
            client.fail(&format!("diagnostics for an unknown document: {message}"));
        }
    }
}

#[test]
fn a_huge_draft_holds_up_neither_other_documents_nor_shutdown() {
    let (mut client, _) = LspClient::initialized(None);
    let huge = huge_draft();
    open(&mut client, HUGE, &huge);
    // Typing in the huge draft: each edit supersedes the check under way.
    for version in 2..6 {
        client.notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": HUGE, "version": version},
                "contentChanges": [{
                    "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
                    "text": "x",
                }],
            }),
        );
    }
    open(&mut client, SMALL, "Use code SAVE20 at checkout.\n");
    let published = diagnostics_of(&mut client, SMALL);
    assert_eq!(published["params"]["version"], 1);
    let rules: Vec<&Value> = published["params"]["diagnostics"]
        .as_array()
        .expect("diagnostics")
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(rules, vec!["promo.code"], "{published}");

    // An edit of the small draft while the huge one is still being checked.
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": {"uri": SMALL, "version": 2},
            "contentChanges": [{"text": "The council met.\n"}],
        }),
    );
    let published = diagnostics_of(&mut client, SMALL);
    assert_eq!(published["params"]["version"], 2);
    assert_eq!(published["params"]["diagnostics"], json!([]));

    // `shutdown` is answered and `exit` ends the process with status 0, the
    // huge draft's check notwithstanding.
    client.shutdown_and_exit();
}
