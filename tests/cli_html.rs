//! `copydesk check` on HTML: the real binary on a CMS export under
//! `tests/fixtures/html/`, checking that it is read as HTML by its extension
//! and that every position points into the HTML source — at the character
//! references and tags a reader sees in the file, not at stripped text.
//!
//! Expected positions are worked out here from the fixture text, never
//! copied from the program's output.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use serde_json::Value;

const FIXTURE: &str = "cms-export.html";

/// The unsourced quotation, written with `&ldquo;`/`&rdquo;`.
const UNSOURCED: &str =
    "&ldquo;Nobody asked us. They just put a sign on the gate and walked away.&rdquo;";
/// The unattributed claim.
const CLAIM: &str =
    "Drowning deaths among children in the county have nearly doubled over the past decade.";
/// The affiliate link, whole: its `href` carries the Amazon tag.
const AFFILIATE: &str = "<a href=\"https://www.amazon.com/dp/B07GOGGLE1?th=1&amp;tag=valleyledger-20&amp;linkCode=ll1\">Splashline Junior goggles</a>";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/html")
}

fn fixture_text() -> String {
    fs::read_to_string(fixtures().join(FIXTURE)).expect("fixture")
}

fn copydesk_in(dir: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_copydesk"));
    cmd.current_dir(dir);
    cmd
}

/// Run `copydesk check --format json` on `path` in `dir`: exit code and findings.
fn check_json(dir: &Path, path: &str) -> (i32, Vec<Value>) {
    let out = copydesk_in(dir)
        .args(["check", "--format", "json", path])
        .output()
        .expect("run copydesk");
    let code = out.status.code().expect("exit code, not a signal");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    match serde_json::from_str(&stdout) {
        Ok(Value::Array(findings)) => (code, findings),
        other => panic!("expected one JSON array, got {other:?} from {stdout:?}"),
    }
}

/// 1-based line and character column of byte `offset` in `text`.
fn line_col(text: &str, offset: usize) -> (u64, u64) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u64, column as u64)
}

fn span_of(text: &str, needle: &str) -> (usize, usize) {
    let start = text
        .find(needle)
        .unwrap_or_else(|| panic!("{needle:?} not in the fixture"));
    assert_eq!(text.matches(needle).count(), 1, "{needle:?} is not unique");
    (start, start + needle.len())
}

/// The findings as (rule, start offset, end offset), checking on the way that
/// each finding's line and column agree with its offset in the HTML.
fn spans(text: &str, findings: &[Value]) -> Vec<(String, usize, usize)> {
    findings
        .iter()
        .map(|f| {
            let offset = |p: &Value| p["offset"].as_u64().expect("offset") as usize;
            let (start, end) = (offset(&f["start"]), offset(&f["end"]));
            for (p, at) in [(&f["start"], start), (&f["end"], end)] {
                let (line, column) = line_col(text, at);
                assert_eq!(
                    (p["line"].as_u64(), p["column"].as_u64()),
                    (Some(line), Some(column)),
                    "{f}"
                );
            }
            (f["rule"].as_str().expect("rule").to_owned(), start, end)
        })
        .collect()
}

#[test]
fn a_cms_export_is_checked_as_html_with_positions_in_the_html() {
    let text = fixture_text();
    let (code, findings) = check_json(&fixtures(), FIXTURE);
    assert_eq!(code, 1, "findings exit 1");
    let got = spans(&text, &findings);

    let (q0, q1) = span_of(&text, UNSOURCED);
    let (c0, c1) = span_of(&text, CLAIM);
    let (a0, a1) = span_of(&text, AFFILIATE);
    // Exactly these, in document order: the attributed quotation (written
    // with references too), the head, scripts, alt text, code, navigation and
    // footer stay quiet.
    let rules: Vec<&str> = got.iter().map(|(r, _, _)| r.as_str()).collect();
    assert_eq!(
        rules,
        vec![
            "quote.unsourced",
            "claim.unattributed",
            "promo.affiliate-link",
            "promo.undisclosed"
        ],
        "{got:?}"
    );
    // The quotation runs from the `&` of `&ldquo;` to the `;` of `&rdquo;`.
    assert_eq!((got[0].1, got[0].2), (q0, q1));
    assert!(
        got[1].1 <= c0 && c1 <= got[1].2,
        "{:?}",
        &text[got[1].1..got[1].2]
    );
    // Link findings cover the whole `<a href=…>…</a>`.
    assert_eq!((got[2].1, got[2].2), (a0, a1));
    assert_eq!((got[3].1, got[3].2), (a0, a1));
}

#[test]
fn human_output_points_at_the_html_line_and_column() {
    let text = fixture_text();
    let (line, column) = line_col(&text, span_of(&text, UNSOURCED).0);
    let out = copydesk_in(&fixtures())
        .args(["check", FIXTURE])
        .output()
        .expect("run copydesk");
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
    let head = format!("{FIXTURE}:{line}:{column}: warning[quote.unsourced]");
    assert!(stdout.contains(&head), "no {head:?} in:\n{stdout}");
    // The source line is shown as it is in the file, references and all.
    assert!(stdout.contains("<p>&ldquo;Nobody asked us."), "{stdout}");
    // The summary goes to stderr, keeping stdout to the findings.
    let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
    assert!(stderr.contains("4 findings"), "{stderr}");
    assert!(!stdout.contains("4 findings"), "{stdout}");
}

#[test]
fn the_extension_picks_the_reader() {
    let dir = tempfile::tempdir().expect("temp dir");
    let text = fixture_text();
    for name in ["story.htm", "STORY.HTML"] {
        fs::write(dir.path().join(name), &text).expect("write");
        let (_, findings) = check_json(dir.path(), name);
        assert_eq!(spans(&text, &findings).len(), 4, "{name}: {findings:?}");
    }
    // The same bytes as Markdown are one HTML block: the story's quotation is
    // not read as prose at all.
    fs::write(dir.path().join("story.md"), &text).expect("write");
    let (_, findings) = check_json(dir.path(), "story.md");
    assert!(
        !findings.iter().any(|f| f["rule"] == "quote.unsourced"),
        "{findings:?}"
    );
}

#[test]
fn text_that_is_not_html_is_still_checked() {
    let dir = tempfile::tempdir().expect("temp dir");
    let cases = [
        (
            "plain.html",
            "\"Nobody is coming. We are on our own here.\"\n",
            1,
        ),
        (
            "markdown.html",
            "# Title\n\n> quoted *words* & <b>more\n\n- item [link](x)\n",
            0,
        ),
        (
            "broken.html",
            "<p class=\"x\n<<<&&&;;;</a></p></div><blockquote><q>",
            0,
        ),
        ("empty.html", "", 0),
    ];
    for (name, text, status) in cases {
        fs::write(dir.path().join(name), text).expect("write");
        let (code, _) = check_json(dir.path(), name);
        assert_eq!(code, status, "{name}");
    }
}
