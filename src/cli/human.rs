//! `--format human`: compiler-style findings a person reads in a terminal.
//!
//! ```text
//! story.md:4:24: warning[promo.code]: Promo code in the story.
//! 4 | Café owners 😀 say: use code SAVE20 at checkout.
//!   |                         ^~~~~~~~~~~
//! ```
//!
//! The underline is laid out in terminal cells, not bytes or characters: tabs
//! are expanded, wide characters (CJK, emoji) take two cells, control
//! characters are shown as `�`, and a long line (a Markdown paragraph is often
//! one) is cut to a window around the span so the terminal does not wrap it.
//!
//! With colour (`--color`, see `cli::use_color`) the header and the marks are
//! styled with anstyle; the text is the same either way. The summary line
//! (`summary`) is printed on stderr by the caller.

use std::io::{self, Write};

use anstyle::{AnsiColor, Style};
use copydesk::line_index::floor_char_boundary;
use copydesk::rules;
use copydesk::{Finding, Severity};

use super::draft::Draft;
use super::{Reporter, Tally};

/// Most cells of source shown per line, and how many before the span on a cut line.
const MAX_CELLS: usize = 100;
const LEAD_CELLS: usize = 30;
const TAB_STOP: usize = 4;

pub struct Human {
    palette: Palette,
}

impl Human {
    pub fn new(color: bool) -> Human {
        Human {
            palette: if color {
                Palette::COLOR
            } else {
                Palette::PLAIN
            },
        }
    }
}

impl Reporter for Human {
    fn draft(
        &mut self,
        out: &mut dyn Write,
        draft: &Draft,
        findings: &[Finding],
    ) -> io::Result<()> {
        for finding in findings {
            write_finding(out, draft, finding, &self.palette)?;
        }
        Ok(())
    }
}

/// The styles of each part of a finding; all plain when colour is off.
struct Palette {
    location: Style,
    error: Style,
    warning: Style,
    info: Style,
    hint: Style,
    rule: Style,
    gutter: Style,
}

impl Palette {
    const PLAIN: Palette = Palette {
        location: Style::new(),
        error: Style::new(),
        warning: Style::new(),
        info: Style::new(),
        hint: Style::new(),
        rule: Style::new(),
        gutter: Style::new(),
    };
    const COLOR: Palette = Palette {
        location: Style::new().bold(),
        error: AnsiColor::Red.on_default().bold(),
        warning: AnsiColor::Yellow.on_default().bold(),
        info: AnsiColor::Cyan.on_default().bold(),
        hint: AnsiColor::Green.on_default().bold(),
        rule: Style::new().dimmed(),
        gutter: AnsiColor::Blue.on_default().bold(),
    };

    fn severity(&self, severity: Severity) -> Style {
        match severity {
            Severity::Error => self.error,
            Severity::Warning => self.warning,
            Severity::Info => self.info,
            Severity::Hint => self.hint,
        }
    }
}

fn write_finding(
    out: &mut dyn Write,
    draft: &Draft,
    finding: &Finding,
    palette: &Palette,
) -> io::Result<()> {
    let start = draft.position(finding.span.start);
    let (loc, sev, rule, gutter) = (
        palette.location,
        palette.severity(finding.severity),
        palette.rule,
        palette.gutter,
    );
    writeln!(
        out,
        "{loc}{}:{}:{}:{loc:#} {sev}{}{sev:#}{rule}[{}]{rule:#}: {}",
        draft.name(),
        start.line,
        start.column,
        finding.severity,
        finding.rule,
        finding.message
    )?;
    // A span over several lines is underlined to the end of its first line.
    let line = draft.line_range(start.line);
    let text = &draft.text()[line.clone()];
    let from = finding.span.start.saturating_sub(line.start);
    let to = finding.span.end.clamp(line.start, line.end) - line.start;
    let excerpt = Excerpt::new(text, from, to);
    let number = start.line.to_string();
    writeln!(out, "{gutter}{number} |{gutter:#} {}", excerpt.source)?;
    writeln!(
        out,
        "{gutter}{:w$} |{gutter:#} {sev}{}{sev:#}",
        "",
        excerpt.marks,
        w = number.len()
    )?;
    writeln!(out)
}

/// One source line as shown, and the `^~~~` marks to print beneath it.
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    source: String,
    marks: String,
}

impl Excerpt {
    /// `line` is one line without its break; `from..to` are byte offsets into
    /// it, clamped onto the line and onto character boundaries.
    fn new(line: &str, from: usize, to: usize) -> Excerpt {
        let from = floor_char_boundary(line, from);
        let to = floor_char_boundary(line, to).max(from);
        let chars: Vec<(usize, char)> = line.char_indices().collect();
        let first = chars.partition_point(|&(i, _)| i < from);
        let past = chars.partition_point(|&(i, _)| i < to);
        let (lo, hi) = window(&chars, first);

        let mut source = String::with_capacity(line.len());
        let mut marks = String::new();
        let mut cell = 0;
        if lo > 0 {
            source.push('…');
            marks.push(' ');
            cell += 1;
        }
        let mut marked = false;
        for (k, &(_, ch)) in chars.iter().enumerate().take(hi).skip(lo) {
            let width = if ch == '\t' {
                TAB_STOP - cell % TAB_STOP
            } else {
                cells(ch)
            };
            match ch {
                '\t' => source.extend(std::iter::repeat_n(' ', width)),
                // Never let the draft drive the terminal (escapes, a lone `\r`).
                c if c.is_control() => source.push('\u{fffd}'),
                c => source.push(c),
            }
            cell += width;
            if k < first {
                marks.extend(std::iter::repeat_n(' ', width));
            } else if k < past {
                for _ in 0..width {
                    marks.push(if marked { '~' } else { '^' });
                    marked = true;
                }
            }
        }
        if hi < chars.len() {
            source.push('…');
        }
        // An empty span (or one of zero-width characters) still gets a caret.
        if !marked {
            marks.push('^');
        }
        Excerpt { source, marks }
    }
}

/// The characters `lo..hi` of a line to show: all of it when it fits, else
/// a window that starts a little before character `first`.
fn window(chars: &[(usize, char)], first: usize) -> (usize, usize) {
    let approx = |ch: char| if ch == '\t' { TAB_STOP } else { cells(ch) };
    let total: usize = chars.iter().map(|&(_, ch)| approx(ch)).sum();
    if total <= MAX_CELLS {
        return (0, chars.len());
    }
    let mut lo = first.min(chars.len());
    let mut lead = 0;
    while lo > 0 && lead + approx(chars[lo - 1].1) <= LEAD_CELLS {
        lo -= 1;
        lead += approx(chars[lo].1);
    }
    let mut hi = lo;
    let mut used = 0;
    while hi < chars.len() && used + approx(chars[hi].1) <= MAX_CELLS {
        used += approx(chars[hi].1);
        hi += 1;
    }
    (lo, hi)
}

/// Terminal cells a character takes: 0 for combining marks, joiners and
/// variation selectors, 2 for East Asian wide characters and emoji, else 1.
/// A short table rather than a dependency: it follows UAX #11 for the
/// characters drafts carry (accents, CJK, emoji), not for every code point.
fn cells(ch: char) -> usize {
    match u32::from(ch) {
        0x0300..=0x036F
        | 0x0483..=0x0489
        | 0x0591..=0x05BD
        | 0x0610..=0x061A
        | 0x064B..=0x065F
        | 0x200B..=0x200F
        | 0x2060..=0x2064
        | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F
        | 0x1F3FB..=0x1F3FF
        | 0xE0100..=0xE01EF => 0,
        0x1100..=0x115F
        | 0x231A..=0x231B
        | 0x2329..=0x232A
        | 0x23E9..=0x23EC
        | 0x23F0
        | 0x23F3
        | 0x25FD..=0x25FE
        | 0x2614..=0x2615
        | 0x2648..=0x2653
        | 0x267F
        | 0x2693
        | 0x26A1
        | 0x26AA..=0x26AB
        | 0x26BD..=0x26BE
        | 0x26C4..=0x26C5
        | 0x26CE
        | 0x26D4
        | 0x26EA
        | 0x26F2..=0x26F3
        | 0x26F5
        | 0x26FA
        | 0x26FD
        | 0x2705
        | 0x270A..=0x270B
        | 0x2728
        | 0x274C
        | 0x274E
        | 0x2753..=0x2755
        | 0x2757
        | 0x2795..=0x2797
        | 0x27B0
        | 0x27BF
        | 0x2B1B..=0x2B1C
        | 0x2B50
        | 0x2B55
        | 0x2E80..=0x303E
        | 0x3041..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE10..=0xFE19
        | 0xFE30..=0xFE6F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F004
        | 0x1F0CF
        | 0x1F18E
        | 0x1F191..=0x1F19A
        | 0x1F200..=0x1F251
        | 0x1F300..=0x1F3FA
        | 0x1F400..=0x1F64F
        | 0x1F680..=0x1F6FF
        | 0x1F7E0..=0x1F7EB
        | 0x1F900..=0x1F9FF
        | 0x1FA70..=0x1FAFF
        | 0x20000..=0x3FFFD => 2,
        _ => 1,
    }
}

/// `3 findings (1 claim, 1 quote, 1 promo) in 2 of 5 files`.
pub fn summary(tally: &Tally) -> String {
    let mut line = if tally.findings == 0 {
        format!("no findings in {}", plural(tally.checked, "file"))
    } else {
        // Families in rule-registry order; any the registry does not know last.
        let rank = |fam: &str| {
            rules::ALL
                .iter()
                .position(|r| r.family() == fam)
                .unwrap_or(usize::MAX)
        };
        let mut families: Vec<&(String, usize)> = tally.families.iter().collect();
        families.sort_by_key(|(fam, _)| rank(fam));
        let families: Vec<String> = families
            .iter()
            .map(|(fam, n)| format!("{n} {fam}"))
            .collect();
        let files = if tally.flagged == tally.checked {
            plural(tally.checked, "file")
        } else {
            format!("{} of {}", tally.flagged, plural(tally.checked, "file"))
        };
        format!(
            "{} ({}) in {files}",
            plural(tally.findings, "finding"),
            families.join(", ")
        )
    };
    if tally.failed > 0 {
        let verb = if tally.failed == 1 { "was" } else { "were" };
        line += &format!("; {} {verb} not checked", plural(tally.failed, "file"));
    }
    line
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Underline the first occurrence of `needle` in `line`; the result is the
    /// two printed rows.
    fn mark(line: &str, needle: &str) -> (String, String) {
        let from = line.find(needle).expect("needle in line");
        let e = Excerpt::new(line, from, from + needle.len());
        (e.source, e.marks)
    }

    /// `pad` blanks, then a caret and tildes `cells` wide in all.
    fn underline(pad: usize, cells: usize) -> String {
        format!("{}^{}", " ".repeat(pad), "~".repeat(cells - 1))
    }

    #[test]
    fn ascii_span_is_underlined_in_place() {
        let (source, marks) = mark("Use code SAVE20 at checkout.", "code SAVE20");
        assert_eq!(source, "Use code SAVE20 at checkout.");
        assert_eq!(marks, underline(4, 11));
    }

    #[test]
    fn accents_count_one_cell_and_emoji_two() {
        let (source, marks) = mark("Café owners 😀 say: use code SAVE20.", "code SAVE20");
        assert_eq!(source, "Café owners 😀 say: use code SAVE20.");
        // 23 characters before the span, one of them an emoji two cells wide.
        assert_eq!(marks, underline(24, 11));
    }

    #[test]
    fn wide_characters_inside_the_span_are_underlined_twice() {
        let (_, marks) = mark("a 東京 b", "東京");
        assert_eq!(marks, underline(2, 4));
    }

    #[test]
    fn combining_marks_take_no_cell() {
        // "e" + U+0301 COMBINING ACUTE ACCENT.
        let (_, marks) = mark("Cafe\u{301} code X", "code X");
        assert_eq!(marks, underline(5, 6));
    }

    #[test]
    fn tabs_expand_to_the_same_stops_in_both_rows() {
        let (source, marks) = mark("a\tb\tcode X", "code X");
        assert_eq!(source, "a   b   code X");
        assert_eq!(marks, underline(8, 6));
    }

    #[test]
    fn control_characters_are_neutralised() {
        let (source, marks) = mark("a\u{1b}[2Jb\rcode X", "code X");
        assert_eq!(source, "a\u{fffd}[2Jb\u{fffd}code X");
        assert_eq!(marks, underline(7, 6));
    }

    #[test]
    fn an_empty_span_gets_one_caret_even_at_the_end() {
        assert_eq!(Excerpt::new("abc", 1, 1).marks, " ^");
        assert_eq!(Excerpt::new("abc", 3, 3).marks, "   ^");
        assert_eq!(Excerpt::new("", 0, 0).marks, "^");
    }

    #[test]
    fn out_of_range_and_mid_character_offsets_clamp() {
        // Offset 2 is inside "é" (bytes 1..3): it falls back to its start.
        assert_eq!(Excerpt::new("aéb", 2, 4).marks, " ^~");
        assert_eq!(Excerpt::new("abc", 2, 99).marks, "  ^");
        assert_eq!(Excerpt::new("abc", 99, 99).marks, "   ^");
        assert_eq!(Excerpt::new("abc", 2, 1).marks, "  ^");
    }

    #[test]
    fn a_long_line_is_cut_to_a_window_around_the_span() {
        let line = format!("{} code X {}", "word ".repeat(40), "more ".repeat(40));
        let (source, marks) = mark(&line, "code X");
        assert!(source.starts_with('…') && source.ends_with('…'), "{source}");
        assert!(source.chars().count() <= MAX_CELLS + 2, "{source}");
        let caret = marks.find('^').unwrap();
        assert_eq!(
            &source.chars().skip(caret).collect::<String>()[..6],
            "code X"
        );
        assert_eq!(marks, underline(caret, 6));
    }

    #[test]
    fn a_span_longer_than_the_window_is_underlined_to_its_edge() {
        let line = "x".repeat(300);
        let e = Excerpt::new(&line, 10, 300);
        assert!(e.source.starts_with("xxx") && e.source.ends_with('…'));
        assert_eq!(e.marks.len(), e.source.chars().count() - 1);
    }

    fn render(color: bool) -> String {
        let draft = Draft::from_bytes(
            "a.md".into(),
            copydesk::Format::Markdown,
            b"Use code SAVE20 now.\n".to_vec(),
        )
        .unwrap();
        let f = Finding::new(
            "promo.code",
            Severity::Warning,
            copydesk::Span::new(4, 15),
            "Promo.",
        );
        let mut out = Vec::new();
        Human::new(color).draft(&mut out, &draft, &[f]).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn colour_styles_the_same_text() {
        let plain = render(false);
        assert_eq!(
            plain,
            "a.md:1:5: warning[promo.code]: Promo.\n1 | Use code SAVE20 now.\n  |     ^~~~~~~~~~~\n\n"
        );
        let colored = render(true);
        assert!(!plain.contains('\x1b'));
        // Yellow bold for a warning, on the severity and on the marks.
        let warning = AnsiColor::Yellow.on_default().bold();
        assert!(
            colored.contains(&format!("{warning}warning{warning:#}")),
            "{colored:?}"
        );
        assert!(colored.contains(&format!("{warning}    ^~~~~~~~~~~{warning:#}")));
        assert_eq!(strip_ansi(&colored), plain);
    }

    /// The text with SGR escapes (`ESC [ … m`) removed.
    fn strip_ansi(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for c in chars.by_ref() {
                    if c == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn summary_counts_families_in_registry_order() {
        let mut tally = Tally {
            checked: 5,
            flagged: 2,
            findings: 3,
            ..Tally::default()
        };
        tally.families = vec![
            ("promo".into(), 1),
            ("quote".into(), 1),
            ("claim".into(), 1),
        ];
        assert_eq!(
            summary(&tally),
            "3 findings (1 claim, 1 quote, 1 promo) in 2 of 5 files"
        );
        tally.checked = 2;
        tally.failed = 1;
        assert_eq!(
            summary(&tally),
            "3 findings (1 claim, 1 quote, 1 promo) in 2 files; 1 file was not checked"
        );
        let clean = Tally {
            checked: 1,
            ..Tally::default()
        };
        assert_eq!(summary(&clean), "no findings in 1 file");
    }
}
