//! `docs/rules.md`, generated from the rules' own metadata so the document
//! cannot drift from the code: `tests/rules_doc.rs` fails when the committed
//! file differs (regenerate with `UPDATE_DOCS=1 cargo test --test rules_doc`)
//! and checks every example against the engine.

use std::fmt::Write;

use super::{RuleInfo, ALL};

/// The whole of `docs/rules.md`.
pub fn markdown() -> String {
    let mut out = String::new();
    out.push_str(
        "# copydesk rules\n\n\
         <!-- Generated from the rule registry (src/rules/registry.rs); do not edit.\n     \
         Regenerate with: UPDATE_DOCS=1 cargo test --test rules_doc -->\n\n\
         Every rule has a stable id, `family.name`. Set a rule's level, or a whole\n\
         family's, to `off`, `hint`, `info`, `warning` or `error` in the editor's\n\
         settings (`{\"copydesk\": {\"rules\": {\"promo.code\": \"off\", \"claim\": \"info\"}}}`).\n\
         In a Markdown or HTML draft, `<!-- copydesk-disable-line RULE -->` at the end\n\
         of a line silences RULE on that line, and `<!-- copydesk-disable-file RULE -->`\n\
         in the whole file; the editor's quick fixes write both.\n\n\
         The examples below are checked by `cargo test --test rules_doc`: each one\n\
         under \"Fires on\" must raise the rule and each one under \"Stays quiet on\"\n\
         must not.\n\n\
         | Rule | Default | What it finds |\n\
         |---|---|---|\n",
    );
    for r in ALL {
        let _ = writeln!(
            out,
            "| [`{}`](#{}) | {} | {} |",
            r.id,
            r.anchor(),
            r.default_severity,
            r.summary.replace('|', "\\|")
        );
    }
    for r in ALL {
        section(&mut out, r);
    }
    out
}

fn section(out: &mut String, r: &RuleInfo) {
    let _ = write!(
        out,
        "\n## `{}`\n\n**Default severity:** {}. {}\n\n### Why it matters\n\n{}\n\n### How to fix it\n\n{}\n",
        r.id, r.default_severity, r.summary, r.why, r.fix
    );
    examples(out, "Fires on", r.fires);
    examples(out, "Stays quiet on", r.quiet);
}

fn examples(out: &mut String, title: &str, drafts: &[&str]) {
    let _ = write!(out, "\n### {title}\n");
    for d in drafts {
        let _ = write!(out, "\n```markdown\n{d}\n```\n");
    }
}
