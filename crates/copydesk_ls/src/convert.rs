//! The wire edge of the server: LSP positions ⇄ byte offsets in the
//! negotiated encoding, and engine `Finding`s → LSP `Diagnostic`s.
//!
//! All column arithmetic goes through `copydesk::line_index`, which clamps
//! instead of panicking; nothing here may trust a position from the client.

use std::borrow::Cow;

use copydesk::line_index::{Encoding, LineCol, LineIndex};
use copydesk::{rules, Finding, Severity, Span};
use serde::Serialize;
use tower_lsp_server::ls_types::notification::{
    Notification as LspNotification, PublishDiagnostics,
};
use tower_lsp_server::ls_types::{
    ClientCapabilities, CodeDescription, Diagnostic, DiagnosticSeverity, NumberOrString, Position,
    PositionEncodingKind, Range, Uri,
};

/// What every diagnostic says it came from.
pub const SOURCE: &str = "copydesk";

/// Where `docs/rules.md` is published unless the client says otherwise
/// (`initializationOptions.docsUrl`): the repository in Cargo.toml.
pub const DOCS_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/blob/HEAD/docs/rules.md");

/// The link to a rule's section in the rules document, if the rule is one of
/// ours and the URL parses.
pub fn rule_href(docs_url: &str, rule: &str) -> Option<Uri> {
    let info = rules::info(rule)?;
    format!("{docs_url}#{}", info.anchor()).parse().ok()
}

/// The position encoding to use with this client: UTF-8 when it offers it
/// (no transcoding on either side), else UTF-16, which every client supports.
pub fn negotiate_encoding(caps: &ClientCapabilities) -> Encoding {
    let offers_utf8 = caps
        .general
        .as_ref()
        .and_then(|g| g.position_encodings.as_ref())
        .is_some_and(|kinds| kinds.contains(&PositionEncodingKind::UTF8));
    if offers_utf8 {
        Encoding::Utf8
    } else {
        Encoding::Utf16
    }
}

/// The name of an encoding on the wire.
pub fn encoding_kind(encoding: Encoding) -> PositionEncodingKind {
    match encoding {
        Encoding::Utf8 => PositionEncodingKind::UTF8,
        Encoding::Utf16 => PositionEncodingKind::UTF16,
        Encoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// The byte offset of a client position, clamped into `text`.
pub fn offset(text: &str, index: &LineIndex, pos: Position, encoding: Encoding) -> usize {
    let lc = LineCol {
        line: pos.line,
        col: pos.character,
    };
    index.offset(text, lc, encoding)
}

/// The byte span of a client range, each end clamped into `text`; `None`
/// when the range runs backwards, which no clamping can make sense of.
pub fn span(text: &str, index: &LineIndex, range: Range, encoding: Encoding) -> Option<Span> {
    let start = offset(text, index, range.start, encoding);
    let end = offset(text, index, range.end, encoding);
    (start <= end).then_some(Span::new(start, end))
}

/// The client position of a byte offset. (Checks convert in bulk with
/// `diagnostics`; this is the one-off form, for tests and the fuzz target.)
#[allow(dead_code)]
pub fn position(text: &str, index: &LineIndex, offset: usize, encoding: Encoding) -> Position {
    let lc = index.line_col(text, offset, encoding);
    Position::new(lc.line, lc.col)
}

/// The client range of a byte span.
#[allow(dead_code)]
pub fn range(text: &str, index: &LineIndex, span: Span, encoding: Encoding) -> Range {
    Range::new(
        position(text, index, span.start, encoding),
        position(text, index, span.end, encoding),
    )
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A finding as the editor shows it: the rule id is the diagnostic's code,
/// so code actions and hover can find the rule again later, and the code
/// links to the rule's section of the rules document.
pub fn diagnostic(
    text: &str,
    index: &LineIndex,
    finding: &Finding,
    encoding: Encoding,
    docs_url: &str,
) -> Diagnostic {
    Diagnostic {
        range: range(text, index, finding.span, encoding),
        ..diagnostic_without_range(finding, docs_url)
    }
}

/// The diagnostics of a check's findings. Positions are counted with
/// cursors that move forward (findings come sorted by start), so a long
/// line with many findings is not re-read from its start for each; each
/// rule's link is parsed once, not once per finding (a draft has a few
/// rules and many findings, and parsing URLs was most of the cost).
pub fn diagnostics(
    text: &str,
    index: &LineIndex,
    findings: &[Finding],
    encoding: Encoding,
    docs_url: &str,
) -> Vec<Diagnostic> {
    let mut ranges = Ranges::new(text, index, encoding);
    let mut links = Links::new(docs_url);
    findings
        .iter()
        .map(|finding| made(ranges.of(finding), finding, &mut links))
        .collect()
}

/// The ranges of findings sorted by start, counted with forward cursors.
struct Ranges<'t> {
    starts: copydesk::line_index::Cursor<'t>,
    ends: copydesk::line_index::Cursor<'t>,
}

impl<'t> Ranges<'t> {
    fn new(text: &'t str, index: &'t LineIndex, encoding: Encoding) -> Self {
        Ranges {
            starts: index.cursor(text, encoding),
            ends: index.cursor(text, encoding),
        }
    }

    fn of(&mut self, finding: &Finding) -> Range {
        let position = |lc: LineCol| Position::new(lc.line, lc.col);
        Range::new(
            position(self.starts.line_col(finding.span.start)),
            position(self.ends.line_col(finding.span.end)),
        )
    }
}

/// Each rule's link, parsed once.
struct Links<'a> {
    docs_url: &'a str,
    parsed: Vec<(&'a str, Option<CodeDescription>)>,
}

impl<'a> Links<'a> {
    fn new(docs_url: &'a str) -> Self {
        Links {
            docs_url,
            parsed: Vec::new(),
        }
    }

    fn of(&mut self, rule: &'a str) -> Option<CodeDescription> {
        match self.parsed.iter().find(|(r, _)| *r == rule) {
            Some((_, link)) => link.clone(),
            None => {
                let link = code_description(self.docs_url, rule);
                self.parsed.push((rule, link.clone()));
                link
            }
        }
    }
}

/// A finding's diagnostic at `range`.
fn made<'a>(range: Range, finding: &'a Finding, links: &mut Links<'a>) -> Diagnostic {
    Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: links.of(&finding.rule),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

/// A `textDocument/publishDiagnostics` notification, serialized as the
/// body of one message (`None` only if serialization failed, which these
/// types cannot make it do). Serialized directly rather than through a
/// `serde_json::Value` tree as the fork's client handle does: the same JSON, a
/// fraction of the allocations.
pub fn publish_notification(
    uri: &str,
    diagnostics: &[Diagnostic],
    version: Option<i32>,
) -> Option<Vec<u8>> {
    #[derive(Serialize)]
    struct Params<'a> {
        uri: &'a str,
        diagnostics: &'a [Diagnostic],
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<i32>,
    }
    #[derive(Serialize)]
    struct Notification<'a> {
        jsonrpc: &'static str,
        method: &'static str,
        params: Params<'a>,
    }
    serde_json::to_vec(&Notification {
        jsonrpc: "2.0",
        method: <PublishDiagnostics as LspNotification>::METHOD,
        params: Params {
            uri,
            diagnostics,
            version,
        },
    })
    .ok()
}

/// A document's last published diagnostics, each as the JSON sent and
/// what it was made from, so that the next publish serializes only the
/// findings that changed. After a keystroke most are the same as before
/// (same rule, message and range): for those no `Diagnostic` is built,
/// nothing is allocated and nothing escaped again; a keystroke's publish
/// of a long draft's 150 findings used to build, compare and drop 150
/// diagnostics, each with four strings of its own.
#[derive(Debug, Default)]
pub struct Serialized {
    /// The rules document the JSON links to.
    docs_url: String,
    last: Vec<(Source, Box<[u8]>)>,
}

/// What one diagnostic's JSON is a function of.
#[derive(Debug)]
struct Source {
    range: Range,
    severity: Severity,
    rule: Cow<'static, str>,
    message: String,
}

impl Source {
    fn is(&self, range: &Range, finding: &Finding) -> bool {
        self.range == *range
            && self.severity == finding.severity
            && self.rule == finding.rule
            && self.message == finding.message
    }
}

/// How far ahead in the last publish a diagnostic is looked for: an edit
/// adds or removes a few findings, and the rest keep their order.
const REUSE_WINDOW: usize = 8;

/// [`publish_notification`] of [`diagnostics`], the same bytes, reusing
/// the JSON of the diagnostics `cache` holds from the document's last
/// publish; `cache` then holds this one's.
#[allow(clippy::too_many_arguments)]
pub fn publish_findings(
    uri: &str,
    text: &str,
    index: &LineIndex,
    findings: &[Finding],
    encoding: Encoding,
    docs_url: &str,
    version: Option<i32>,
    cache: &mut Serialized,
) -> Option<Vec<u8>> {
    if cache.docs_url != docs_url {
        cache.last.clear();
        docs_url.clone_into(&mut cache.docs_url);
    }
    let mut ranges = Ranges::new(text, index, encoding);
    let mut links = Links::new(docs_url);
    let mut last = std::mem::take(&mut cache.last).into_iter().peekable();
    let mut window: std::collections::VecDeque<(Source, Box<[u8]>)> =
        std::collections::VecDeque::new();
    let mut now = Vec::with_capacity(findings.len());
    for finding in findings {
        let range = ranges.of(finding);
        while window.len() < REUSE_WINDOW {
            match last.next() {
                Some(entry) => window.push_back(entry),
                None => break,
            }
        }
        let kept = match window.iter().position(|(old, _)| old.is(&range, finding)) {
            Some(i) => {
                // Older entries before the match are gone from this publish.
                window.drain(..i);
                window.pop_front()
            }
            None => None,
        };
        let entry = match kept {
            Some(entry) => entry,
            None => {
                let json = serde_json::to_vec(&made(range, finding, &mut links)).ok()?;
                let source = Source {
                    range,
                    severity: finding.severity,
                    rule: finding.rule.clone(),
                    message: finding.message.clone(),
                };
                (source, json.into_boxed_slice())
            }
        };
        now.push(entry);
    }
    let mut body = Vec::with_capacity(now.iter().map(|(_, j)| j.len() + 1).sum::<usize>() + 160);
    body.extend_from_slice(br#"{"jsonrpc":"2.0","method":""#);
    body.extend_from_slice(<PublishDiagnostics as LspNotification>::METHOD.as_bytes());
    body.extend_from_slice(br#"","params":{"uri":"#);
    serde_json::to_writer(&mut body, uri).ok()?;
    body.extend_from_slice(br#","diagnostics":["#);
    for (i, (_, json)) in now.iter().enumerate() {
        if i > 0 {
            body.push(b',');
        }
        body.extend_from_slice(json);
    }
    body.push(b']');
    if let Some(version) = version {
        body.extend_from_slice(br#","version":"#);
        body.extend_from_slice(version.to_string().as_bytes());
    }
    body.extend_from_slice(b"}}");
    cache.last = now;
    Some(body)
}

fn code_description(docs_url: &str, rule: &str) -> Option<CodeDescription> {
    rule_href(docs_url, rule).map(|href| CodeDescription { href })
}

fn diagnostic_without_range(finding: &Finding, docs_url: &str) -> Diagnostic {
    Diagnostic {
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: code_description(docs_url, &finding.rule),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::ls_types::GeneralClientCapabilities;

    fn caps(encodings: Option<&[&'static str]>) -> ClientCapabilities {
        ClientCapabilities {
            general: Some(GeneralClientCapabilities {
                position_encodings: encodings
                    .map(|e| e.iter().map(|&k| PositionEncodingKind::from(k)).collect()),
                ..GeneralClientCapabilities::default()
            }),
            ..ClientCapabilities::default()
        }
    }

    #[test]
    fn utf8_only_when_offered() {
        assert_eq!(
            negotiate_encoding(&ClientCapabilities::default()),
            Encoding::Utf16
        );
        assert_eq!(negotiate_encoding(&caps(None)), Encoding::Utf16);
        assert_eq!(
            negotiate_encoding(&caps(Some(&["utf-16"]))),
            Encoding::Utf16
        );
        assert_eq!(
            negotiate_encoding(&caps(Some(&["utf-32"]))),
            Encoding::Utf16
        );
        assert_eq!(
            negotiate_encoding(&caps(Some(&["utf-16", "utf-8"]))),
            Encoding::Utf8
        );
        assert_eq!(negotiate_encoding(&caps(Some(&["utf-8"]))), Encoding::Utf8);
    }

    #[test]
    fn diagnostic_ranges_follow_the_encoding() {
        let text = "intro\nBig news 🎉🎉 — use code SAVE20 now\n";
        let index = LineIndex::new(text);
        let start = text.find("code").unwrap();
        let finding = Finding::new(
            "promo.code",
            Severity::Warning,
            Span::new(start, start + "code SAVE20".len()),
            "Promo code in the story.",
        );
        let prefix = "Big news 🎉🎉 — use ";
        let utf16 = prefix.encode_utf16().count() as u32;
        let d = diagnostic(
            text,
            &index,
            &finding,
            Encoding::Utf16,
            "https://docs.test/rules.md",
        );
        assert_eq!(
            d.range,
            Range::new(Position::new(1, utf16), Position::new(1, utf16 + 11))
        );
        assert_eq!(d.code, Some(NumberOrString::String("promo.code".into())));
        assert_eq!(d.source.as_deref(), Some("copydesk"));
        assert_eq!(d.severity, Some(DiagnosticSeverity::WARNING));
        assert_eq!(d.message, "Promo code in the story.");
        assert_eq!(
            d.code_description.map(|c| c.href.to_string()),
            Some("https://docs.test/rules.md#promocode".to_string())
        );

        let utf8 = prefix.len() as u32;
        let d = diagnostic(text, &index, &finding, Encoding::Utf8, DOCS_URL);
        assert_eq!(
            d.range,
            Range::new(Position::new(1, utf8), Position::new(1, utf8 + 11))
        );
    }

    #[test]
    fn diagnostics_in_bulk_match_one_by_one() {
        let text = "intro 😀\nBig news 🎉🎉 — use code SAVE20 now, code SAVE30 too\r\nend";
        let index = LineIndex::new(text);
        let finding = |rule: &'static str, start: usize, end: usize| {
            Finding::new(rule, Severity::Warning, Span::new(start, end), "m")
        };
        let a = text.find("code SAVE20").unwrap();
        let b = text.find("code SAVE30").unwrap();
        // Sorted by start, one nested, one running over a line break; rules
        // repeat (their links are reused) and one has no entry (no link).
        let findings = vec![
            finding("claim.unattributed", 0, 3),
            finding("promo.code", a - 4, b + 11),
            finding("house.no-such-rule", a, a + 11),
            finding("promo.code", a, a + 11),
            finding("claim.unattributed", b, text.len()),
        ];
        for encoding in [Encoding::Utf8, Encoding::Utf16] {
            let one_by_one: Vec<Diagnostic> = findings
                .iter()
                .map(|f| diagnostic(text, &index, f, encoding, DOCS_URL))
                .collect();
            assert_eq!(
                diagnostics(text, &index, &findings, encoding, DOCS_URL),
                one_by_one
            );
        }
    }

    #[test]
    fn a_serialized_publish_is_what_the_client_handle_would_send() {
        let text = "Big news 🎉 — use code SAVE20 now\n";
        let index = LineIndex::new(text);
        let start = text.find("code").unwrap();
        let findings = vec![
            Finding::new(
                "promo.code",
                Severity::Warning,
                Span::new(start, start + 11),
                "Promo \"code\".",
            ),
            Finding::new("house.own", Severity::Hint, Span::new(0, 3), "ünïcode"),
        ];
        let diagnostics = diagnostics(text, &index, &findings, Encoding::Utf16, DOCS_URL);
        let uri = "file:///drafts/a%20b.md".parse::<Uri>().unwrap();
        for version in [Some(7), None] {
            let body =
                publish_notification(uri.as_str(), &diagnostics, version).expect("serializes");
            let sent: serde_json::Value = serde_json::from_slice(&body).unwrap();
            // The fork's `Client::publish_diagnostics`, as a JSON value.
            let params = tower_lsp_server::ls_types::PublishDiagnosticsParams::new(
                uri.clone(),
                diagnostics.clone(),
                version,
            );
            let expected = serde_json::json!({
                "jsonrpc": "2.0",
                "method": "textDocument/publishDiagnostics",
                "params": serde_json::to_value(params).unwrap(),
            });
            assert_eq!(sent, expected);
        }
    }

    #[test]
    fn reused_json_is_byte_for_byte_a_fresh_serialization() {
        let text = "Big news 🎉 — use code SAVE20 now\nand \"more\" here\n";
        let index = LineIndex::new(text);
        let finding = |rule: &'static str, start: usize, message: &str| {
            Finding::new(
                rule,
                Severity::Warning,
                Span::new(start, start + 3),
                message,
            )
        };
        // Publishes of one document as it is edited: findings dropped,
        // added, moved, their messages changed; then none, then some again.
        let publishes = [
            vec![
                finding("promo.code", 20, "Promo \"code\"."),
                finding("house.own", 0, "ünïcode"),
                finding("claim.unattributed", 40, "Who says?\n\tTab"),
            ],
            vec![
                finding("promo.code", 21, "Promo \"code\"."),
                finding("house.own", 0, "ünïcode"),
                finding("claim.unattributed", 40, "Who says?\n\tTab"),
            ],
            vec![
                finding("house.own", 0, "ünïcode"),
                finding("house.new", 5, "new"),
                finding("claim.unattributed", 40, "Who says?\n\tTab"),
            ],
            vec![
                finding("claim.unattributed", 40, "Who says?\n\tTab"),
                finding("house.own", 0, "ünïcode"),
            ],
            vec![],
            vec![finding("house.own", 0, "ünïcode")],
        ];
        let uri = "file:///drafts/a%20b.md";
        let mut cache = Serialized::default();
        // The same publishes again under another encoding and another
        // rules document: nothing of the first's JSON may be reused.
        let settings = [
            (Encoding::Utf16, DOCS_URL),
            (Encoding::Utf8, "https://example.com/rules.md"),
        ];
        for (encoding, docs_url) in settings {
            for (i, findings) in publishes.iter().enumerate() {
                let diagnostics = diagnostics(text, &index, findings, encoding, docs_url);
                let version = (i % 2 == 0).then_some(i as i32);
                let fresh = publish_notification(uri, &diagnostics, version).unwrap();
                let reused = publish_findings(
                    uri, text, &index, findings, encoding, docs_url, version, &mut cache,
                )
                .unwrap();
                assert_eq!(
                    String::from_utf8(reused).unwrap(),
                    String::from_utf8(fresh).unwrap(),
                    "publish {i} in {encoding:?} to {docs_url}"
                );
            }
        }
    }

    #[test]
    fn backwards_ranges_are_refused_and_wild_ones_clamped() {
        let text = "one\ntwo";
        let index = LineIndex::new(text);
        let back = Range::new(Position::new(1, 2), Position::new(0, 1));
        assert_eq!(span(text, &index, back, Encoding::Utf16), None);
        let wild = Range::new(Position::new(0, 99), Position::new(99, 99));
        assert_eq!(
            span(text, &index, wild, Encoding::Utf16),
            Some(Span::new(3, text.len()))
        );
    }

    #[test]
    fn severities_map_one_to_one() {
        assert_eq!(severity(Severity::Error), DiagnosticSeverity::ERROR);
        assert_eq!(severity(Severity::Warning), DiagnosticSeverity::WARNING);
        assert_eq!(severity(Severity::Info), DiagnosticSeverity::INFORMATION);
        assert_eq!(severity(Severity::Hint), DiagnosticSeverity::HINT);
    }
}
