//! Editor settings → the engine's `Config`, at the protocol edge.
//!
//! Editors send `{"copydesk": {"rules": {"promo.code": "off", "claim": "info"},
//! "claim": {"sensitivity": "high"}}}` through
//! `workspace/didChangeConfiguration` (or answer the server's
//! `workspace/configuration` request with the `copydesk` section), and VS
//! Code also sends `{"rules": {…}, "claim": {…}}` as `initializationOptions`.
//! Rule keys are rule ids or families; values are `off | hint | info |
//! warning | error`. `claim.sensitivity` is `low | medium | high`, or null
//! for the `copydesk.toml`'s. A bad entry is reported and skipped; the good
//! entries still apply.

use copydesk::{rules, Config, Level, Sensitivity};
use serde_json::Value;

/// The configuration the settings describe, and one line per entry that was
/// skipped. `None` when the settings say nothing about rules or the claim
/// sensitivity (keep what is in force).
pub fn config_from(settings: &Value) -> Option<(Config, Vec<String>)> {
    let section = settings.get("copydesk").unwrap_or(settings);
    let rules_value = section.get("rules");
    let claim_value = section.get("claim");
    if rules_value.is_none() && claim_value.is_none() {
        return None;
    }
    let mut config = Config::default();
    let mut problems = Vec::new();
    if let Some(claim) = claim_value {
        config.editor_claim_sensitivity = sensitivity(claim, &mut problems);
    }
    let Some(rules_value) = rules_value else {
        return Some((config, problems));
    };
    let Some(map) = rules_value.as_object() else {
        problems.push(format!(
            "copydesk.rules should be an object of rule levels, not {rules_value}"
        ));
        return Some((config, problems));
    };
    for (key, value) in map {
        // House rules are defined in copydesk.toml, so any `house.NAME` may be set.
        if !rules::is_rule_key(key) {
            problems.push(format!("copydesk.rules: unknown rule or family {key:?}"));
            continue;
        }
        match value.as_str().and_then(Level::parse) {
            Some(level) => {
                config.levels.insert(key.clone(), level);
            }
            None => problems.push(format!(
                "copydesk.rules.{key}: {value} is not one of off, hint, info, warning, error"
            )),
        }
    }
    Some((config, problems))
}

/// `copydesk.claim.sensitivity`: `low | medium | high`; null, an empty
/// string or no key leave the `copydesk.toml`'s in force.
fn sensitivity(claim: &Value, problems: &mut Vec<String>) -> Option<Sensitivity> {
    let value = claim.get("sensitivity").unwrap_or(&Value::Null);
    match value {
        Value::Null => None,
        Value::String(s) if s.trim().is_empty() => None,
        Value::String(s) => {
            let parsed = Sensitivity::parse(s.trim());
            if parsed.is_none() {
                problems.push(format!(
                    "copydesk.claim.sensitivity: {value} is not one of low, medium, high"
                ));
            }
            parsed
        }
        _ => {
            problems.push(format!(
                "copydesk.claim.sensitivity: {value} is not one of low, medium, high"
            ));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk::Severity;
    use serde_json::json;

    #[test]
    fn reads_rule_and_family_levels_in_both_shapes() {
        for settings in [
            json!({"copydesk": {"rules": {"promo.code": "off", "claim": "info"}}}),
            json!({"path": "copydesk", "rules": {"promo.code": "off", "claim": "info"}}),
        ] {
            let (config, problems) = config_from(&settings).expect("rules present");
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(config.severity("promo.code", Severity::Warning), None);
            assert_eq!(
                config.severity("claim.unattributed", Severity::Warning),
                Some(Severity::Info)
            );
            assert_eq!(
                config.severity("quote.unsourced", Severity::Warning),
                Some(Severity::Warning)
            );
        }
    }

    #[test]
    fn bad_entries_are_reported_and_the_rest_apply() {
        let settings = json!({"copydesk": {"rules": {"promo": "loud", "nonsense.rule": "off", "quote": "error"}}});
        let (config, problems) = config_from(&settings).expect("rules present");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(
            config.severity("quote.unsourced", Severity::Warning),
            Some(Severity::Error)
        );
        assert_eq!(
            config.severity("promo.code", Severity::Warning),
            Some(Severity::Warning)
        );
    }

    #[test]
    fn house_rules_are_set_by_family_or_id() {
        let settings = json!({"copydesk": {"rules": {"house": "info", "house.utilize": "off", "house.": "off"}}});
        let (config, problems) = config_from(&settings).expect("rules present");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(config.severity("house.utilize", Severity::Warning), None);
        assert_eq!(
            config.severity("house.percent", Severity::Warning),
            Some(Severity::Info)
        );
    }

    #[test]
    fn settings_without_rules_keep_the_configuration() {
        assert!(config_from(&json!({"copydesk": {"trace": {"server": "off"}}})).is_none());
        assert!(config_from(&Value::Null).is_none());
    }

    #[test]
    fn reads_the_claim_sensitivity() {
        let (config, problems) =
            config_from(&json!({"copydesk": {"claim": {"sensitivity": "high"}}})).expect("claim");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.claim_sensitivity(), Sensitivity::High);
        assert!(config.levels.is_empty());
        // Null leaves the file's; a bad value is reported.
        let (config, problems) =
            config_from(&json!({"claim": {"sensitivity": null}, "rules": {}})).expect("claim");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.editor_claim_sensitivity, None);
        let (config, problems) =
            config_from(&json!({"claim": {"sensitivity": "loud"}})).expect("claim");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(config.editor_claim_sensitivity, None);
    }
}
