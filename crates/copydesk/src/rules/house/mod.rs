//! House rules from `copydesk.toml` (`house.NAME`): a newsroom's own
//! patterns and word lists, matched on each block's prose, so code spans,
//! link destinations and markup never match.

use super::Context;

pub mod pattern;
pub use pattern::HouseRule;

/// Run every configured house rule over every block.
pub fn check(cx: &mut Context<'_>) {
    let config = cx.config;
    let a = cx.analysis;
    for rule in config.house_rules() {
        if config.severity(&rule.id, rule.severity).is_none() {
            continue;
        }
        for (_, block, _) in a.iter() {
            let text = a.text(block.span);
            for m in rule.find_iter(text) {
                let span = m.offset(block.span.start);
                let message = rule.message_for(m.slice(text));
                cx.report_house(rule, span, message);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{check, Config, Format};

    fn house(toml: &str, text: &str) -> Vec<(String, String)> {
        let config = Config::from_toml(toml).expect("valid config");
        check(text, Format::Markdown, &config)
            .into_iter()
            .filter(|f| f.family() == "house")
            .map(|f| (f.span.slice(text).to_owned(), f.message))
            .collect()
    }

    #[test]
    fn words_match_prose_but_not_code_or_link_destinations() {
        let toml = r#"
[[house-rules]]
id = "utilize"
words = ["utilize"]
message = "Say \"use\", not \"{match}\"."
"#;
        let text =
            "We Utilize it. `utilize()` and [a link](https://x.example/utilize) stay quiet.\n";
        assert_eq!(
            house(toml, text),
            vec![(
                "Utilize".to_owned(),
                "Say \"use\", not \"Utilize\".".to_owned()
            )]
        );
    }

    #[test]
    fn patterns_and_levels() {
        let toml = r#"
[rules]
"house.percent" = "error"
[[house-rules]]
id = "percent"
pattern = '\d+ ?%'
replacement = "percent"
"#;
        let config = Config::from_toml(toml).expect("valid");
        let text = "Turnout rose 12% this year.\n";
        let findings = check(text, Format::Markdown, &config);
        let f = findings
            .iter()
            .find(|f| f.rule == "house.percent")
            .expect("fires");
        assert_eq!(f.span.slice(text), "12%");
        assert_eq!(f.severity, crate::Severity::Error);
        assert_eq!(f.message, "House style: \"12%\" should be \"percent\".");
        let off = Config::from_toml(&toml.replace("\"error\"", "\"off\"")).expect("valid");
        assert!(check(text, Format::Markdown, &off)
            .iter()
            .all(|f| f.family() != "house"));
    }
}
