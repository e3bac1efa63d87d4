//! `--format json`: one JSON array of findings over all drafts, for scripts
//! and the scorer (`shared/eval/score.py`).
//!
//! Each finding is written as it is found, one per line, so the array is both
//! valid JSON and easy to `grep`. The wire shape is this module's own struct,
//! not the engine's `Finding`.

use std::io::{self, Write};

use copydesk::Finding;
use serde::Serialize;

use super::draft::{Draft, Position};
use super::{Reporter, Tally};

/// A finding on the wire. `end` is exclusive.
#[derive(Debug, Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    rule: &'a str,
    severity: &'static str,
    message: &'a str,
    start: Position,
    end: Position,
}

impl<'a> JsonFinding<'a> {
    fn new(draft: &'a Draft, finding: &'a Finding) -> Self {
        JsonFinding {
            path: draft.name(),
            rule: &finding.rule,
            severity: finding.severity.as_str(),
            message: &finding.message,
            start: draft.position(finding.span.start),
            end: draft.position(finding.span.end),
        }
    }
}

#[derive(Debug, Default)]
pub struct Json {
    written: usize,
}

impl Reporter for Json {
    fn draft(
        &mut self,
        out: &mut dyn Write,
        draft: &Draft,
        findings: &[Finding],
    ) -> io::Result<()> {
        for finding in findings {
            out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
            serde_json::to_writer(&mut *out, &JsonFinding::new(draft, finding))?;
            self.written += 1;
        }
        Ok(())
    }

    fn finish(&mut self, out: &mut dyn Write, _: &Tally) -> io::Result<()> {
        out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::{Format, Severity, Span};

    #[test]
    fn findings_make_one_array_with_one_finding_per_line() {
        let draft = Draft::from_bytes("a.md".into(), Format::Markdown, b"x code A1B2".to_vec())
            .expect("utf-8");
        let f = Finding::new("promo.code", Severity::Warning, Span::new(2, 11), "Promo.");
        let mut json = Json::default();
        let mut out = Vec::new();
        json.draft(&mut out, &draft, &[f.clone(), f]).unwrap();
        json.finish(&mut out, &Tally::default()).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().count(), 4, "{text}");
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            value[1],
            serde_json::json!({
                "path": "a.md", "rule": "promo.code", "severity": "warning", "message": "Promo.",
                "start": {"line": 1, "column": 3, "offset": 2},
                "end": {"line": 1, "column": 12, "offset": 11},
            })
        );
    }

    #[test]
    fn no_findings_is_an_empty_array() {
        let mut out = Vec::new();
        Json::default().finish(&mut out, &Tally::default()).unwrap();
        assert_eq!(out, b"[]\n");
    }
}
