//! What the engine reports: a rule id, a severity, a span and a message.
//!
//! These are engine types, not wire types: the server converts them to LSP
//! diagnostics by hand, and `Serialize` exists only for the CLI's JSON.

use std::borrow::Cow;

use serde::Serialize;

use crate::span::Span;

/// How loudly a finding is shown. Ordered from most to least severe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
    Info,
    Hint,
}

impl Severity {
    pub const fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
            Severity::Hint => "hint",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        match s.trim().to_ascii_lowercase().as_str() {
            "error" => Some(Severity::Error),
            "warning" | "warn" => Some(Severity::Warning),
            "info" | "information" => Some(Severity::Info),
            "hint" => Some(Severity::Hint),
            _ => None,
        }
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One thing a copy editor would send back.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Finding {
    /// Stable rule id, `family.name` (`quote.unsourced`, `promo.code`).
    pub rule: Cow<'static, str>,
    pub severity: Severity,
    /// UTF-8 byte range in the checked text.
    pub span: Span,
    pub message: String,
}

impl Finding {
    pub fn new(
        rule: &'static str,
        severity: Severity,
        span: Span,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule: Cow::Borrowed(rule),
            severity,
            span,
            message: message.into(),
        }
    }

    /// The family before the first dot: `claim`, `quote`, `promo`, `source`, …
    pub fn family(&self) -> &str {
        family_of(&self.rule)
    }
}

/// The family part of a rule id (`"promo.code"` → `"promo"`).
pub fn family_of(rule: &str) -> &str {
    rule.split('.').next().unwrap_or(rule)
}
