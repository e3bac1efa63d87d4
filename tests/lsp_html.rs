//! `copydesk lsp` on HTML: a document opened with `languageId: "html"` is
//! read as HTML, and its diagnostics' ranges are ranges of the HTML the
//! editor holds — a quotation written with `&ldquo;`/`&rdquo;` is underlined
//! from the `&` to the `;`.

#[allow(dead_code)] // The shared client has more than this file needs.
#[path = "common/lsp_client.rs"]
mod lsp_client;

use lsp_client::LspClient;
use serde_json::{json, Value};

const PAGE: &str = "<!DOCTYPE html>\n<html><head><title>&ldquo;Not a quote&rdquo;</title></head>\n<body>\n<p>Caf&eacute; owners met on Tuesday. &ldquo;We were never asked,&rdquo; said Mayor Dana Ruiz.</p>\n<p>The council meets again in July.</p>\n<p>&ldquo;Nobody is coming. We are on our own here.&rdquo;</p>\n</body></html>\n";

const UNSOURCED: &str = "&ldquo;Nobody is coming. We are on our own here.&rdquo;";

/// The UTF-16 LSP position of byte `offset` in `text`.
fn pos(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    json!({ "line": line, "character": before[line_start..].encode_utf16().count() })
}

fn open_and_publish(language_id: &str) -> Value {
    let uri = "file:///drafts/page.html";
    let (mut client, _) = LspClient::initialized(Some(&["utf-16"]));
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": language_id, "version": 1, "text": PAGE
        }}),
    );
    let message = client.recv();
    client.shutdown_and_exit();
    assert_eq!(
        message["method"], "textDocument/publishDiagnostics",
        "{message}"
    );
    assert_eq!(message["params"]["uri"], uri);
    message["params"]["diagnostics"].clone()
}

#[test]
fn language_id_html_reads_the_document_as_html() {
    let diagnostics = open_and_publish("html");
    let start = PAGE.find(UNSOURCED).expect("in the page");
    let end = start + UNSOURCED.len();
    let found: Vec<(&Value, &Value)> = diagnostics
        .as_array()
        .expect("an array")
        .iter()
        .map(|d| (&d["code"], &d["range"]))
        .collect();
    // Only the unsourced quotation: not the title, not the attributed one.
    assert_eq!(
        found,
        vec![(
            &json!("quote.unsourced"),
            &json!({ "start": pos(PAGE, start), "end": pos(PAGE, end) })
        )],
        "{diagnostics:#}"
    );
}

#[test]
fn the_same_text_as_markdown_is_not_read_as_html() {
    // Markdown takes the page for HTML blocks, which are not prose: the
    // language id, not the content, decides.
    let diagnostics = open_and_publish("markdown");
    assert_eq!(diagnostics, json!([]), "{diagnostics:#}");
}
