//! `examples/newsroom/copydesk.toml` loads, and each setting does what its comment
//! says, on a draft written to trip every one of them.

use copydesk::{check, Config, Format, Severity};

fn example() -> Config {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/newsroom/copydesk.toml"
    );
    let text = std::fs::read_to_string(path).expect("the example exists");
    Config::from_toml(&text).unwrap_or_else(|errors| {
        let lines: Vec<String> = errors.iter().map(ToString::to_string).collect();
        panic!(
            "examples/newsroom/copydesk.toml does not load:\n{}",
            lines.join("\n")
        )
    })
}

/// `(rule, severity, flagged text)` of every finding.
fn findings(text: &str, config: &Config) -> Vec<(String, Severity, String)> {
    check(text, Format::Markdown, config)
        .into_iter()
        .map(|f| {
            (
                f.rule.to_string(),
                f.severity,
                f.span.slice(text).to_owned(),
            )
        })
        .collect()
}

fn has(found: &[(String, Severity, String)], rule: &str) -> Option<Severity> {
    found.iter().find(|(r, _, _)| r == rule).map(|(_, s, _)| *s)
}

#[test]
fn every_setting_in_the_example_takes_effect() {
    let config = example();
    let defaults = Config::default();

    // [rules]: promo.code off, claim at info, source.anonymous at hint.
    let draft = "Use code SAVE20 at checkout.\n\n\
                 Rents have soared because investors bought the homes.\n\n\
                 The plan will fail, a person familiar with the talks said.\n";
    let (on, off) = (findings(draft, &config), findings(draft, &defaults));
    assert_eq!(has(&off, "promo.code"), Some(Severity::Warning));
    assert_eq!(has(&on, "promo.code"), None);
    assert_eq!(has(&on, "claim.unattributed"), Some(Severity::Info));
    assert_eq!(has(&off, "source.anonymous"), Some(Severity::Info));
    assert_eq!(has(&on, "source.anonymous"), Some(Severity::Hint));

    // [attribution] reporting-verbs: "opined" attributes the quotation.
    let quote = "\"Nobody is coming. We are on our own here,\" the mayor opined.\n";
    assert_eq!(
        has(&findings(quote, &defaults), "quote.unsourced"),
        Some(Severity::Warning)
    );
    assert_eq!(has(&findings(quote, &config), "quote.unsourced"), None);

    // [promo] own-domains: a campaign-tagged link to our own site is quiet.
    let own = "Read [our story](https://www.example-news.com/a?utm_campaign=spring).\n";
    assert!(has(&findings(own, &defaults), "promo.affiliate-link").is_some());
    assert!(has(&findings(own, &config), "promo.affiliate-link").is_none());

    // affiliate-domains and affiliate-params flag links; the disclosure
    // phrase keeps promo.undisclosed quiet.
    let links = "Buy [it](https://go.partner-network.example/x1) or [here](https://shop.example/p?xnref=9).\n";
    let on = findings(links, &config);
    let flagged: Vec<&str> = on
        .iter()
        .filter(|(r, _, _)| r == "promo.affiliate-link")
        .map(|(_, _, t)| t.as_str())
        .collect();
    assert_eq!(
        flagged,
        vec![
            "[it](https://go.partner-network.example/x1)",
            "[here](https://shop.example/p?xnref=9)"
        ]
    );
    assert!(findings(links, &defaults).is_empty());
    assert_eq!(has(&on, "promo.undisclosed"), Some(Severity::Warning));
    let disclosed = format!("{links}\nExample News earns a fee from partner links.\n");
    assert_eq!(
        has(&findings(&disclosed, &config), "promo.undisclosed"),
        None
    );

    // [[house-rules]]: utilize at info with its message and replacement;
    // percent at error (from [rules]).
    let house = "The county will utilize 12% of the grant.\n";
    let on = findings(house, &config);
    assert_eq!(has(&on, "house.utilize"), Some(Severity::Info));
    assert_eq!(has(&on, "house.percent"), Some(Severity::Error));
    let utilize = check(house, Format::Markdown, &config)
        .into_iter()
        .find(|f| f.rule == "house.utilize")
        .expect("flagged");
    assert_eq!(
        utilize.message,
        "House style: say \"use\", not \"utilize\"."
    );
    assert_eq!(
        config
            .house_rule("house.utilize")
            .and_then(|r| r.replacement.as_deref()),
        Some("use")
    );
}

#[test]
fn the_readme_configuration_block_loads() {
    let readme = include_str!("../README.md");
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("README has a Configuration section");
    let block = section
        .split("```toml\n")
        .nth(1)
        .and_then(|b| b.split("```").next())
        .expect("a toml block in it");
    let config = Config::from_toml(block).unwrap_or_else(|e| panic!("{e:?}"));
    assert_eq!(config.severity("promo.code", Severity::Warning), None);
    assert!(config.house_rule("house.utilize").is_some());
}
