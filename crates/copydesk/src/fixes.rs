//! Quick fixes for findings, as byte-span edits on the source text.
//!
//! IO-free like the rest of the engine: the server turns these edits into
//! LSP `TextEdit`s in the negotiated encoding at its edge. Each fix is a
//! list of non-overlapping edits against the text the finding came from.
//!
//! A finding's content fix is its rule's own, named in the rule's
//! declaration ([`crate::rules::fix`]); this module adds what every rule
//! offers in Markdown and HTML: "ignore on this line" and "disable in this
//! file", written as the suppression comments the engine reads.

use crate::finding::Finding;
use crate::rules::fix::Site;
use crate::Format;

pub use crate::rules::fix::{apply, front_matter_end, Edit, Fix, DISCLOSURE, SOURCE, WHO};

/// The fixes for one finding. Use [`Fixer`] for several findings of the same text.
pub fn fixes(text: &str, format: Format, finding: &Finding) -> Vec<Fix> {
    Fixer::new(text, format).fixes(finding)
}

/// The analysis of one text, kept to compute fixes for several findings.
pub struct Fixer<'a> {
    site: Site<'a>,
}

impl<'a> Fixer<'a> {
    /// Fixes under the default configuration.
    pub fn new(text: &'a str, format: Format) -> Fixer<'a> {
        Fixer::with_config(text, format, &crate::Config::default())
    }

    /// Fixes under the draft's configuration (its extra reporting verbs
    /// decide what attributes a quotation).
    pub fn with_config(text: &'a str, format: Format, config: &crate::Config) -> Fixer<'a> {
        Fixer {
            site: Site::new(text, format, config),
        }
    }

    /// Content fixes first (the first one preferred), then the suppressions.
    pub fn fixes(&self, finding: &Finding) -> Vec<Fix> {
        let mut out: Vec<Fix> = Vec::new();
        let rule = finding.rule.as_ref();
        let content = crate::rules::quick_fix(rule).and_then(|build| build(&self.site, finding));
        if let Some(mut fix) = content.filter(|f| !f.edits.is_empty()) {
            fix.preferred = true;
            out.push(fix);
        }
        if matches!(self.site.format, Format::Markdown | Format::Html) {
            out.push(self.ignore_line(finding));
            out.push(self.disable_file(rule));
        }
        out
    }

    /// ` <!-- copydesk-disable-line RULE -->` at the end of the finding's first line.
    fn ignore_line(&self, finding: &Finding) -> Fix {
        let text = self.site.text;
        let start = finding.span.start.min(text.len());
        let mut end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if text[..end].ends_with('\r') {
            end -= 1;
        }
        Fix {
            title: format!("Ignore {} on this line", finding.rule),
            edits: vec![Edit::insert(
                end,
                format!(" <!-- copydesk-disable-line {} -->", finding.rule),
            )],
            preferred: false,
        }
    }

    /// `<!-- copydesk-disable-file RULE -->` as the first line (after front matter).
    fn disable_file(&self, rule: &str) -> Fix {
        let at = front_matter_end(self.site.text, self.site.format);
        Fix {
            title: format!("Disable {rule} in this file"),
            edits: vec![Edit::insert(
                at,
                format!("<!-- copydesk-disable-file {rule} -->\n"),
            )],
            preferred: false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Span;
    use crate::{check, Config};

    /// The first finding of `rule` in `input`, its preferred fix applied.
    fn fixed(input: &str, format: Format, rule: &str) -> String {
        let findings = check(input, format, &Config::default());
        let finding = findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("{rule} does not fire on {input:?}: {findings:?}"));
        let fixes = fixes(input, format, finding);
        let fix = fixes
            .iter()
            .find(|f| f.preferred)
            .unwrap_or_else(|| panic!("no preferred fix for {rule} on {input:?}"));
        apply(input, &fix.edits)
    }

    /// Each case: the draft, the rule, the draft after its preferred fix.
    /// After the fix the rule must no longer fire at all.
    fn check_cases(format: Format, cases: &[(&str, &str, &str)]) {
        let mut wrong = Vec::new();
        for &(input, rule, want) in cases {
            let got = fixed(input, format, rule);
            if got != want {
                wrong.push(format!(
                    "{rule} on {input:?}\n  want {want:?}\n  got  {got:?}"
                ));
                continue;
            }
            let left: Vec<_> = check(&got, format, &Config::default())
                .into_iter()
                .filter(|f| f.rule == rule)
                .collect();
            if !left.is_empty() {
                wrong.push(format!(
                    "{rule} still fires after the fix: {got:?}: {left:?}"
                ));
            }
        }
        assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
    }

    #[test]
    fn quote_fixes_name_a_speaker_shaped_to_the_punctuation() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "The vote was close. “We will win this fight in the end.”",
                    "quote.unsourced",
                    "The vote was close. “We will win this fight in the end,” [WHO] said.",
                ),
                (
                    "“We will win this fight in the end,” and the room went quiet.",
                    "quote.unsourced",
                    "“We will win this fight in the end,” [WHO] said, and the room went quiet.",
                ),
                (
                    "The hall was full. “Why would anyone vote for this?”",
                    "quote.unsourced",
                    "The hall was full. “Why would anyone vote for this?” [WHO] said.",
                ),
                (
                    "The hall was full. “We will win this fight in the end!” Then it rained.",
                    "quote.unsourced",
                    "The hall was full. “We will win this fight in the end!” [WHO] said. Then it rained.",
                ),
                (
                    "The hall was full. \"We will win this fight in the end\".",
                    "quote.unsourced",
                    "The hall was full. \"We will win this fight in the end,\" [WHO] said.",
                ),
                (
                    "The hall was full. ‘We will win this fight in the end.’\n",
                    "quote.unsourced",
                    "The hall was full. ‘We will win this fight in the end,’ [WHO] said.\n",
                ),
            ],
        );
    }

    #[test]
    fn no_speaker_fix_where_a_tag_would_attribute_nothing() {
        // (`readers`, not `you`: the reader's own wondering is imagined
        // speech, not flagged at all.)
        let text = "If readers have been wondering “Who are the most famous criminals to be murdered in prison?” this list holds the answers.";
        let findings = check(text, Format::Markdown, &Config::default());
        let f = findings
            .iter()
            .find(|f| f.rule == "quote.unsourced")
            .expect("the quote is flagged");
        let fixes = fixes(text, Format::Markdown, f);
        assert!(fixes.iter().all(|f| !f.preferred), "{fixes:?}");
        assert_eq!(fixes.len(), 2, "only the suppressions: {fixes:?}");
    }

    #[test]
    fn html_quote_fixes_go_after_entities_and_end_tags() {
        check_cases(
            Format::Html,
            &[
                (
                    "<p>The hall was full. &ldquo;We will win this fight in the end.&rdquo;</p>",
                    "quote.unsourced",
                    "<p>The hall was full. &ldquo;We will win this fight in the end,&rdquo; [WHO] said.</p>",
                ),
                (
                    "<p>The hall was full. <q>We will win this fight in the end.</q></p>",
                    "quote.unsourced",
                    "<p>The hall was full. <q>We will win this fight in the end,</q> [WHO] said.</p>",
                ),
            ],
        );
    }

    #[test]
    fn claim_fixes_append_a_source() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "Crime has doubled since the new mayor took office.",
                    "claim.unattributed",
                    "Crime has doubled since the new mayor took office, according to [SOURCE].",
                ),
                (
                    "Crime has doubled since the new mayor took office!\n\nMore later.",
                    "claim.unattributed",
                    "Crime has doubled since the new mayor took office, according to [SOURCE]!\n\nMore later.",
                ),
                (
                    "**Crime has doubled since the new mayor took office.**",
                    "claim.unattributed",
                    "**Crime has doubled since the new mayor took office, according to [SOURCE].**",
                ),
                (
                    "Studies show that rents rose faster than wages.",
                    "claim.vague-source",
                    "Studies show that rents rose faster than wages, according to [SOURCE].",
                ),
            ],
        );
    }

    #[test]
    fn link_fixes_clean_the_destination_not_the_text() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "We may earn a commission.\n\nOur [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\nOur [top pick](https://www.amazon.com/dp/B0C7) is cheap.",
                ),
                (
                    "We may earn a commission.\n\n[https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20)",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\n[https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20](https://www.amazon.com/dp/B0C7)",
                ),
                (
                    "We may earn a commission.\n\nSee <https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20> today.",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\nSee <https://www.amazon.com/dp/B0C7> today.",
                ),
                (
                    "We may earn a commission.\n\nBare: https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20 today.",
                    "promo.affiliate-link",
                    "We may earn a commission.\n\nBare: https://www.amazon.com/dp/B0C7 today.",
                ),
            ],
        );
        check_cases(
            Format::Html,
            &[(
                "<p>We may earn a commission.</p><p>Our <a href=\"https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20&amp;ref=x\">https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20</a> pick.</p>",
                "promo.affiliate-link",
                "<p>We may earn a commission.</p><p>Our <a href=\"https://www.amazon.com/dp/B0C7?ref=x\">https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20</a> pick.</p>",
            )],
        );
    }

    #[test]
    fn promotion_fixes_delete_the_sentence_or_the_paragraph() {
        check_cases(
            Format::Markdown,
            &[
                (
                    "The shop reopened on Monday. Readers can use code SAVE20 at checkout for 20% off. The owner was pleased.",
                    "promo.code",
                    "The shop reopened on Monday. The owner was pleased.",
                ),
                (
                    "The shop reopened on Monday. Readers can use code SAVE20 at checkout for 20% off.\n",
                    "promo.code",
                    "The shop reopened on Monday.\n",
                ),
                (
                    "The storm hit at dawn.\n\nREAD MORE: Ten gadgets you need this summer\n\nCrews worked through the night.\n",
                    "promo.plug",
                    "The storm hit at dawn.\n\nCrews worked through the night.\n",
                ),
                (
                    "The storm hit at dawn.\n\nOrder now and save big with this limited-time offer!\n",
                    "promo.sales-pitch",
                    "The storm hit at dawn.\n",
                ),
            ],
        );
    }

    #[test]
    fn html_promotions_go_with_their_element() {
        check_cases(
            Format::Html,
            &[(
                "<p>The storm hit at dawn.</p>\n<p class=\"promo\">Order now and save big with this limited-time offer!</p>\n<p>Crews worked on.</p>",
                "promo.sales-pitch",
                "<p>The storm hit at dawn.</p>\n<p>Crews worked on.</p>",
            )],
        );
    }

    #[test]
    fn disclosure_goes_after_the_title_and_front_matter() {
        let link = "Our [top pick](https://www.amazon.com/dp/B0C7?tag=kitchenpicks-20) is cheap.\n";
        check_cases(
            Format::Markdown,
            &[
                (
                    &format!("# Best fryers\n\n{link}"),
                    "promo.undisclosed",
                    &format!("# Best fryers\n\n{DISCLOSURE}\n\n{link}"),
                ),
                (
                    &format!("---\ntitle: Fryers\n---\n{link}"),
                    "promo.undisclosed",
                    &format!("---\ntitle: Fryers\n---\n{DISCLOSURE}\n\n{link}"),
                ),
                (
                    link,
                    "promo.undisclosed",
                    &format!("{DISCLOSURE}\n\n{link}"),
                ),
            ],
        );
    }

    #[test]
    fn suppression_fixes_write_the_contract_comments() {
        let input = "---\ntitle: x\n---\nIntro.\n\nCrime has doubled since 🎉 the mayor took office.\r\nMore.\n";
        let findings = check(input, Format::Markdown, &Config::default());
        let f = findings
            .iter()
            .find(|f| f.rule == "claim.unattributed")
            .expect("claim fires");
        let fixes = fixes(input, Format::Markdown, f);
        let titles: Vec<&str> = fixes.iter().map(|f| f.title.as_str()).collect();
        assert_eq!(
            titles[1..],
            [
                "Ignore claim.unattributed on this line",
                "Disable claim.unattributed in this file"
            ]
        );
        assert_eq!(
            apply(input, &fixes[1].edits),
            "---\ntitle: x\n---\nIntro.\n\nCrime has doubled since 🎉 the mayor took office. <!-- copydesk-disable-line claim.unattributed -->\r\nMore.\n"
        );
        assert_eq!(
            apply(input, &fixes[2].edits),
            "---\ntitle: x\n---\n<!-- copydesk-disable-file claim.unattributed -->\nIntro.\n\nCrime has doubled since 🎉 the mayor took office.\r\nMore.\n"
        );
        // The engine reads what the fixes wrote.
        for fix in &fixes[1..] {
            let fixed = apply(input, &fix.edits);
            let left = check(&fixed, Format::Markdown, &Config::default());
            assert!(
                !left.iter().any(|f| f.rule == "claim.unattributed"),
                "{}: {left:?}",
                fix.title
            );
        }
        // Plain text has no comments to write.
        let plain = fixes_for_plain("Crime has doubled since the new mayor took office.");
        assert_eq!(plain.len(), 1);
    }

    fn fixes_for_plain(input: &str) -> Vec<Fix> {
        let findings = check(input, Format::Plain, &Config::default());
        fixes(input, Format::Plain, &findings[0])
    }

    #[test]
    fn front_matter_and_doctype_are_skipped() {
        assert_eq!(
            front_matter_end("---\na: 1\n---\nText", Format::Markdown),
            13
        );
        assert_eq!(
            front_matter_end("+++\na = 1\n+++\nText", Format::Markdown),
            14
        );
        assert_eq!(front_matter_end("---\nno end", Format::Markdown), 0);
        assert_eq!(
            front_matter_end("<!DOCTYPE html>\n<p>x</p>", Format::Html),
            16
        );
        // Multibyte text where a doctype would be: no panic, no doctype.
        assert_eq!(front_matter_end("> — Greg Tolliver", Format::Html), 0);
    }

    #[test]
    fn house_rules_with_a_replacement_offer_it() {
        let config = Config::from_toml(
            "[[house-rules]]\nid = \"utilize\"\nwords = [\"utilize\"]\nreplacement = \"use\"\n\n[[house-rules]]\nid = \"amid\"\nwords = [\"amidst\"]\n",
        )
        .expect("valid config");
        let text = "Utilize the tools amidst the noise, and utilize them well.\n";
        let findings = check(text, Format::Markdown, &config);
        let fixer = Fixer::with_config(text, Format::Markdown, &config);
        let mut fixed = Vec::new();
        for f in findings.iter().filter(|f| f.rule.starts_with("house.")) {
            let fixes = fixer.fixes(f);
            match fixes.iter().find(|x| x.preferred) {
                Some(fix) => fixed.push((fix.title.clone(), apply(text, &fix.edits))),
                // No replacement configured: only the suppressions.
                None => assert_eq!((f.rule.as_ref(), fixes.len()), ("house.amid", 2)),
            }
        }
        assert_eq!(
            fixed,
            vec![
                (
                    "Replace with \"Use\"".to_string(),
                    "Use the tools amidst the noise, and utilize them well.\n".to_string()
                ),
                (
                    "Replace with \"use\"".to_string(),
                    "Utilize the tools amidst the noise, and use them well.\n".to_string()
                ),
            ]
        );
    }

    #[test]
    fn apply_skips_overlapping_and_out_of_range_edits() {
        let edits = [
            Edit::replace(Span::new(0, 3), "x"),
            Edit::replace(Span::new(2, 4), "y"),
            Edit::insert(99, "z"),
        ];
        assert_eq!(apply("abcdef", &edits), "xdef");
    }
}
