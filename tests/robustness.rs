//! The engine must never panic and must only report spans inside the text on
//! character boundaries, whatever it is given. Deterministic splices of the
//! drafts in this repository (cut at random character boundaries, joined in
//! random order, with stray marks inserted), checked as Markdown, plain text
//! and HTML. Debug builds also catch arithmetic overflow here.

use copydesk::{check, Config, Format};

/// A small deterministic generator (xorshift64*), so failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const STRAYS: &[&str] = &[
    "“", "”", "‘", "’", "\"", "'", "\n\n", "> ", "[", "](", ")", "`", "*", "<!--", "-->", ":", "—",
    "😀", "&ldquo;", "<p>", "</a>", "\r\n",
];

fn drafts() -> Vec<String> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in [
        "examples",
        "tests/fixtures/drafts",
        "tests/corpus/heldout",
        "tests/fixtures/html",
    ] {
        let Ok(entries) = std::fs::read_dir(root.join(dir)) else {
            continue;
        };
        for e in entries.flatten() {
            if let Ok(text) = std::fs::read_to_string(e.path()) {
                out.push(text);
            }
        }
    }
    assert!(out.len() >= 3, "expected drafts to splice");
    out
}

fn boundary(text: &str, rng: &mut Rng) -> usize {
    let mut i = rng.below(text.len() + 1);
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[test]
fn spliced_drafts_never_panic_and_spans_stay_in_bounds() {
    let drafts = drafts();
    let mut rng = Rng(0x00C0_FFEE_D00D_F00D);
    let config = Config::default();
    for round in 0..200 {
        let mut text = String::new();
        for _ in 0..1 + rng.below(4) {
            let d = &drafts[rng.below(drafts.len())];
            let (a, b) = (boundary(d, &mut rng), boundary(d, &mut rng));
            text.push_str(&d[a.min(b)..a.max(b)]);
            text.push_str(STRAYS[rng.below(STRAYS.len())]);
        }
        for format in [Format::Markdown, Format::Plain, Format::Html] {
            for f in check(&text, format, &config) {
                assert!(
                    f.span.start <= f.span.end
                        && f.span.end <= text.len()
                        && text.is_char_boundary(f.span.start)
                        && text.is_char_boundary(f.span.end),
                    "round {round} {format:?}: {} at {:?} in {text:?}",
                    f.rule,
                    f.span
                );
            }
        }
    }
}

#[test]
fn checking_is_deterministic() {
    for d in drafts() {
        assert_eq!(
            check(&d, Format::Markdown, &Config::default()),
            check(&d, Format::Markdown, &Config::default())
        );
    }
}

/// Quick fixes and the source ledger on the same spliced drafts: no panic,
/// every edit and every quotation span inside the text on character
/// boundaries, a fix's edits disjoint.
#[test]
fn fixes_and_sources_on_spliced_drafts_stay_in_bounds() {
    let drafts = drafts();
    let mut rng = Rng(0x005E_ED0F_F1C5);
    let config = Config::default();
    let in_bounds = |text: &str, s: copydesk::Span| {
        s.start <= s.end
            && s.end <= text.len()
            && text.is_char_boundary(s.start)
            && text.is_char_boundary(s.end)
    };
    for round in 0..80 {
        let mut text = String::new();
        for _ in 0..1 + rng.below(4) {
            let d = &drafts[rng.below(drafts.len())];
            let (a, b) = (boundary(d, &mut rng), boundary(d, &mut rng));
            text.push_str(&d[a.min(b)..a.max(b)]);
            text.push_str(STRAYS[rng.below(STRAYS.len())]);
        }
        for format in [Format::Markdown, Format::Plain, Format::Html] {
            let fixer = copydesk::fixes::Fixer::new(&text, format);
            for f in check(&text, format, &config) {
                for fix in fixer.fixes(&f) {
                    let mut spans: Vec<_> = fix.edits.iter().map(|e| e.span).collect();
                    spans.sort();
                    assert!(
                        spans.iter().all(|&s| in_bounds(&text, s))
                            && spans.windows(2).all(|w| w[0].end <= w[1].start),
                        "round {round} {format:?}: {} for {} at {:?}: {spans:?} in {text:?}",
                        fix.title,
                        f.rule,
                        f.span
                    );
                }
            }
            for speaker in copydesk::sources::ledger(&text, format) {
                assert!(!speaker.quotes.is_empty());
                for q in speaker.quotes {
                    assert!(
                        in_bounds(&text, q.span),
                        "round {round} {format:?}: quote {:?} in {text:?}",
                        q.span
                    );
                }
            }
        }
    }
}
