//! End-to-end tests of `copydesk lsp`: the real binary over stdio.
//!
//! Expected diagnostics are built from the engine's own findings for the
//! text the test knows the editor holds, with positions converted here,
//! independently of the server's line index, in the negotiated encoding.
//! So these tests pin the edge — sync, encoding, ordering, framing — and
//! keep passing as the engine's rules grow.

#[path = "common/lsp_client.rs"]
mod lsp_client;

use copydesk::{Config, Format, Severity};
use lsp_client::LspClient;
use serde_json::{json, Value};

/// A draft with the finding after two emoji (surrogate pairs in UTF-16) and
/// CJK on the next line.
const DRAFT: &str =
    "# Market day\n\nBig news 🎉🎉 — use code SAVE20 at checkout.\n東京 stalls opened early.\n";

#[derive(Debug, Clone, Copy, PartialEq)]
enum Enc {
    Utf8,
    Utf16,
}

impl Enc {
    const BOTH: [Enc; 2] = [Enc::Utf16, Enc::Utf8];

    /// What the client offers in `general.positionEncodings`.
    fn offer(self) -> &'static [&'static str] {
        match self {
            Enc::Utf8 => &["utf-8", "utf-16"],
            Enc::Utf16 => &["utf-16"],
        }
    }
}

/// The LSP position of byte `offset` in `text`, counted here from scratch.
fn pos(text: &str, offset: usize, enc: Enc) -> Value {
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = match enc {
        Enc::Utf8 => offset - line_start,
        Enc::Utf16 => before[line_start..].encode_utf16().count(),
    };
    json!({ "line": line, "character": column })
}

fn range(text: &str, start: usize, end: usize, enc: Enc) -> Value {
    json!({ "start": pos(text, start, enc), "end": pos(text, end, enc) })
}

/// The byte span of the first `needle` in `text`.
fn find(text: &str, needle: &str) -> (usize, usize) {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in {text:?}"));
    (start, start + needle.len())
}

/// Where the server links a rule's documentation by default: `docs/rules.md`
/// in the repository Cargo.toml names.
fn rule_href(rule: &str) -> String {
    let anchor: String = rule.chars().filter(|&c| c != '.').collect();
    format!(
        "{}/blob/HEAD/docs/rules.md#{anchor}",
        env!("CARGO_PKG_REPOSITORY")
    )
}

/// What the server should publish for `text`: the engine's findings, as
/// diagnostics in `enc`.
fn expected_diagnostics(text: &str, enc: Enc) -> Value {
    let findings = copydesk::check(text, Format::Markdown, &Config::default());
    let diagnostics: Vec<Value> = findings
        .iter()
        .map(|f| {
            let severity = match f.severity {
                Severity::Error => 1,
                Severity::Warning => 2,
                Severity::Info => 3,
                Severity::Hint => 4,
            };
            json!({
                "range": range(text, f.span.start, f.span.end, enc),
                "severity": severity,
                "code": f.rule,
                "codeDescription": { "href": rule_href(&f.rule) },
                "source": "copydesk",
                "message": f.message,
            })
        })
        .collect();
    Value::Array(diagnostics)
}

fn publish(uri: &str, version: Option<i64>, diagnostics: Value) -> Value {
    let mut params = json!({ "uri": uri, "diagnostics": diagnostics });
    if let Some(version) = version {
        params["version"] = json!(version);
    }
    json!({ "jsonrpc": "2.0", "method": "textDocument/publishDiagnostics", "params": params })
}

/// Whether `diagnostics` has a `rule` diagnostic whose range covers `needle`
/// in `text` — what a reader of the draft would check by eye.
fn flags(diagnostics: &Value, rule: &str, text: &str, needle: &str, enc: Enc) -> bool {
    let (start, end) = find(text, needle);
    let key = |p: &Value| (p["line"].as_u64(), p["character"].as_u64());
    let (want_start, want_end) = (key(&pos(text, start, enc)), key(&pos(text, end, enc)));
    diagnostics.as_array().into_iter().flatten().any(|d| {
        d["code"] == rule
            && key(&d["range"]["start"]) <= want_start
            && key(&d["range"]["end"]) >= want_end
    })
}

fn open(client: &mut LspClient, uri: &str, version: i64, text: &str) {
    client.notify(
        "textDocument/didOpen",
        json!({ "textDocument": {
            "uri": uri, "languageId": "markdown", "version": version, "text": text
        }}),
    );
}

/// One edit: replace bytes `start..end` of `text` (the text before the edit)
/// with `new`, as an LSP content change in `enc`.
fn change(text: &str, start: usize, end: usize, new: &str, enc: Enc) -> Value {
    json!({ "range": range(text, start, end, enc), "text": new })
}

fn did_change(client: &mut LspClient, uri: &str, version: i64, changes: Vec<Value>) {
    client.notify(
        "textDocument/didChange",
        json!({
            "textDocument": { "uri": uri, "version": version },
            "contentChanges": changes,
        }),
    );
}

fn splice(text: &str, start: usize, end: usize, new: &str) -> String {
    format!("{}{new}{}", &text[..start], &text[end..])
}

#[test]
fn initialize_negotiates_incremental_sync_and_the_position_encoding() {
    for (offer, chosen) in [
        (None, "utf-16"),
        (Some(&["utf-16"][..]), "utf-16"),
        (Some(&["utf-8", "utf-16"][..]), "utf-8"),
    ] {
        let (client, result) = LspClient::initialized(offer);
        assert_eq!(
            result,
            json!({
                "capabilities": {
                    "positionEncoding": chosen,
                    "textDocumentSync": {
                        "openClose": true,
                        "change": 2,
                        "save": { "includeText": false }
                    },
                    "hoverProvider": true,
                    "codeActionProvider": { "codeActionKinds": ["quickfix"] },
                    "documentSymbolProvider": true
                },
                "serverInfo": { "name": "copydesk", "version": env!("CARGO_PKG_VERSION") }
            }),
            "client offering {offer:?}"
        );
        client.shutdown_and_exit();
    }
}

#[test]
fn diagnostics_on_open_are_in_the_negotiated_encoding() {
    let uri = "file:///drafts/market.md";
    // The fixture must make the encodings disagree, or this test proves nothing.
    assert_ne!(
        pos(DRAFT, find(DRAFT, "SAVE20").0, Enc::Utf8),
        pos(DRAFT, find(DRAFT, "SAVE20").0, Enc::Utf16)
    );
    for enc in Enc::BOTH {
        let (mut client, _) = LspClient::initialized(Some(enc.offer()));
        open(&mut client, uri, 1, DRAFT);
        let message = client.recv();
        let expected = expected_diagnostics(DRAFT, enc);
        assert_eq!(message, publish(uri, Some(1), expected.clone()), "{enc:?}");
        assert!(
            flags(&expected, "promo.code", DRAFT, "SAVE20", enc),
            "{enc:?}: no promo.code over SAVE20 in {expected:#}"
        );
        client.shutdown_and_exit();
    }
}

#[test]
fn incremental_edits_update_the_diagnostics() {
    let uri = "file:///drafts/market.md";
    for enc in Enc::BOTH {
        let (mut client, _) = LspClient::initialized(Some(enc.offer()));
        open(&mut client, uri, 1, DRAFT);
        assert_eq!(
            client.recv(),
            publish(uri, Some(1), expected_diagnostics(DRAFT, enc))
        );

        // Version 2 cuts the promotion: nothing left to flag.
        let (start, end) = find(DRAFT, "use code SAVE20 at checkout");
        let v2 = splice(DRAFT, start, end, "a crowd gathered");
        did_change(
            &mut client,
            uri,
            2,
            vec![change(DRAFT, start, end, "a crowd gathered", enc)],
        );
        assert_eq!(client.recv(), publish(uri, Some(2), json!([])), "{enc:?}");

        // Version 3: two edits in one notification, the second addressed to the
        // text the first one produced (a new line shifts the emoji line down).
        let (at, _) = find(&v2, "\nBig news");
        let step = splice(&v2, at, at, "\nUpdated 🕘 9:40.");
        let (start, end) = find(&step, "a crowd gathered");
        let v3 = splice(&step, start, end, "enter code WIN2024 today");
        did_change(
            &mut client,
            uri,
            3,
            vec![
                change(&v2, at, at, "\nUpdated 🕘 9:40.", enc),
                change(&step, start, end, "enter code WIN2024 today", enc),
            ],
        );
        let expected = expected_diagnostics(&v3, enc);
        assert_eq!(
            client.recv(),
            publish(uri, Some(3), expected.clone()),
            "{enc:?}"
        );
        assert!(flags(&expected, "promo.code", &v3, "WIN2024", enc));

        client.shutdown_and_exit();
    }
}

/// A small deterministic generator, so a failing burst can be replayed.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// The text as the editor holds it during the burst: each character, and
/// whether the burst typed it (and so must delete it again).
struct Model(Vec<(char, bool)>);

impl Model {
    fn text(&self) -> String {
        self.0.iter().map(|&(c, _)| c).collect()
    }

    /// Byte offset of character `i` in `text()`.
    fn byte(&self, i: usize) -> usize {
        self.0[..i].iter().map(|&(c, _)| c.len_utf8()).sum()
    }
}

/// Hundreds of single-character edits sent without waiting: the last
/// diagnostics published are those of the final text, for the final version.
#[test]
fn a_burst_of_edits_ends_on_the_final_text() {
    const SUFFIX: &str = "Also: promo code WIN2024 — 😀 today.";
    let uri = "file:///drafts/burst.md";
    let fresh = "file:///drafts/fresh.md";
    for enc in Enc::BOTH {
        let (mut client, _) = LspClient::initialized(Some(enc.offer()));
        open(&mut client, uri, 1, DRAFT);
        let mut version = 1;
        let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
        let mut model = Model(DRAFT.chars().map(|c| (c, false)).collect());
        let emoji = DRAFT.chars().position(|c| c == '🎉').unwrap();
        let mut send =
            |client: &mut LspClient, model: &Model, start: usize, end: usize, new: &str| {
                let text = model.text();
                let (start, end) = (model.byte(start), model.byte(end));
                version += 1;
                did_change(
                    client,
                    uri,
                    version,
                    vec![change(&text, start, end, new, enc)],
                );
            };

        // Type and delete at random, half the time around the emoji.
        const MIXED: usize = 300;
        for step in 0.. {
            let typed: Vec<usize> = (0..model.0.len()).filter(|&i| model.0[i].1).collect();
            if step >= MIXED && typed.is_empty() {
                break;
            }
            if step < MIXED && (typed.is_empty() || rng.below(5) < 3) {
                let at = if rng.below(2) == 0 {
                    // Positions between, before and after the two emoji,
                    // wherever earlier inserts have pushed them.
                    let anchor = model
                        .0
                        .iter()
                        .position(|&(c, t)| c == '🎉' && !t)
                        .unwrap_or(emoji);
                    (anchor + rng.below(5)).saturating_sub(1).min(model.0.len())
                } else {
                    rng.below(model.0.len() + 1)
                };
                let ch = ['x', 'é', '東', '🎉', ' ', '\n'][rng.below(6)];
                send(&mut client, &model, at, at, &ch.to_string());
                model.0.insert(at, (ch, true));
            } else {
                let i = typed[rng.below(typed.len())];
                send(&mut client, &model, i, i + 1, "");
                model.0.remove(i);
            }
        }
        // Then type a new last line, a character at a time.
        for ch in SUFFIX.chars() {
            let end = model.0.len();
            send(&mut client, &model, end, end, &ch.to_string());
            model.0.push((ch, false));
        }
        let final_text = model.text();
        assert_eq!(final_text, format!("{DRAFT}{SUFFIX}"));
        assert!(version > 350, "only {version} versions");

        // Diagnostics arrive for some versions, in order, ending at the last.
        let mut last = 0;
        let final_message = loop {
            let message = client.recv();
            assert_eq!(
                message["method"], "textDocument/publishDiagnostics",
                "{message}"
            );
            assert_eq!(message["params"]["uri"], uri, "{message}");
            let v = message["params"]["version"].as_i64().unwrap();
            assert!(v > last && v <= version, "version {v} after {last}");
            last = v;
            if v == version {
                break message;
            }
        };
        let expected = expected_diagnostics(&final_text, enc);
        assert_eq!(
            final_message,
            publish(uri, Some(version), expected.clone()),
            "{enc:?}"
        );
        assert!(flags(&expected, "promo.code", &final_text, "SAVE20", enc));
        assert!(flags(&expected, "promo.code", &final_text, "WIN2024", enc));

        // A fresh document with the final text gets the same diagnostics.
        open(&mut client, fresh, 1, &final_text);
        let fresh_message = client.recv();
        assert_eq!(fresh_message["params"]["uri"], fresh);
        assert_eq!(
            fresh_message["params"]["diagnostics"],
            final_message["params"]["diagnostics"]
        );

        // No stale result may follow the final one.
        client.shutdown_and_exit();
    }
}

#[test]
fn save_rechecks_and_close_clears() {
    let uri = "file:///drafts/market.md";
    let (mut client, _) = LspClient::initialized(None);
    open(&mut client, uri, 1, DRAFT);
    let opened = client.recv();
    assert_eq!(
        opened,
        publish(uri, Some(1), expected_diagnostics(DRAFT, Enc::Utf16))
    );

    client.notify(
        "textDocument/didSave",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(client.recv(), opened);

    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri } }),
    );
    assert_eq!(client.recv(), publish(uri, None, json!([])));
    client.shutdown_and_exit();
}

#[test]
fn bad_client_input_is_logged_and_survived() {
    let uri = "file:///drafts/market.md";
    let enc = Enc::Utf16;
    let (mut client, _) = LspClient::initialized(None);
    open(&mut client, uri, 1, DRAFT);
    assert_eq!(
        client.recv(),
        publish(uri, Some(1), expected_diagnostics(DRAFT, enc))
    );

    // Edits to a document that is not open, and malformed notifications.
    did_change(
        &mut client,
        "file:///drafts/never-opened.md",
        7,
        vec![json!({ "text": "use code NOPE99" })],
    );
    client.notify(
        "textDocument/didChange",
        json!({ "textDocument": { "uri": uri } }),
    );
    client.notify("textDocument/didOpen", json!({ "textDocument": 42 }));
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": "file:///x.md" } }),
    );
    // The spurious close still clears that URI; nothing else is published for it.
    assert_eq!(client.recv(), publish("file:///x.md", None, json!([])));

    // A backwards range is skipped; the version still moves on.
    let backwards = json!({
        "range": { "start": { "line": 2, "character": 9 }, "end": { "line": 2, "character": 1 } },
        "text": "X"
    });
    did_change(&mut client, uri, 2, vec![backwards]);
    assert_eq!(
        client.recv(),
        publish(uri, Some(2), expected_diagnostics(DRAFT, enc))
    );

    // A range past the end of the text clamps to the end.
    let beyond = json!({
        "range": { "start": { "line": 99, "character": 3 }, "end": { "line": 120, "character": 0 } },
        "text": "Late: use code LATE99 now."
    });
    did_change(&mut client, uri, 3, vec![beyond]);
    let v3 = format!("{DRAFT}Late: use code LATE99 now.");
    let expected = expected_diagnostics(&v3, enc);
    assert_eq!(client.recv(), publish(uri, Some(3), expected.clone()));
    assert!(flags(&expected, "promo.code", &v3, "LATE99", enc));

    // An unknown request gets an error response, not silence.
    let response = client.request("copydesk/nonsense", json!({}));
    assert_eq!(response["error"]["code"], -32601, "{response}");

    client.shutdown_and_exit();
}

#[test]
fn closing_stdin_stops_the_server() {
    // After `shutdown`, the editor going away is a clean end…
    let (mut client, _) = LspClient::initialized(None);
    let response = client.request("shutdown", Value::Null);
    assert_eq!(response["result"], Value::Null, "{response}");
    assert_eq!(client.close_stdin_and_wait().code(), Some(0));

    // …without it, the server still stops, but reports the abrupt end.
    let (client, _) = LspClient::initialized(None);
    assert_eq!(client.close_stdin_and_wait().code(), Some(1));
}

#[test]
fn the_stdio_flag_is_accepted() {
    let mut client = LspClient::start(&["--stdio"]);
    let response = client.request(
        "initialize",
        json!({ "processId": null, "rootUri": null, "capabilities": {} }),
    );
    assert_eq!(
        response["result"]["capabilities"]["positionEncoding"],
        "utf-16"
    );
    client.notify("initialized", json!({}));
    client.shutdown_and_exit();
}

/// Several rules through the server at once: an unsourced quote after emoji,
/// a claim and a promotion, each with its rule id and its UTF-16 range.
#[test]
fn diagnostics_carry_each_rules_id_and_range() {
    let uri = "file:///drafts/storm.md";
    let draft = "# Storm\n\nRoofs 🏚️🌪️ came off on Elm Street. \"Nobody warned us. Nobody came.\"\n\nRents have soared because investors bought the homes.\n\nUse code STORM25 at checkout.\n";
    let (mut client, _) = LspClient::initialized(Some(Enc::Utf16.offer()));
    open(&mut client, uri, 1, draft);
    let expected = expected_diagnostics(draft, Enc::Utf16);
    assert_eq!(client.recv(), publish(uri, Some(1), expected.clone()));
    for (rule, needle) in [
        ("quote.unsourced", "Nobody warned us"),
        ("claim.unattributed", "Rents have soared"),
        ("promo.code", "STORM25"),
    ] {
        assert!(
            flags(&expected, rule, draft, needle, Enc::Utf16),
            "no {rule} over {needle:?} in {expected:#}"
        );
    }
    client.shutdown_and_exit();
}
