//! `promo.code`: a promo, coupon or discount code pasted into the story
//! ("Use code CRISPY15 at checkout", "promo code FedUp", "coupon code: X").
//!
//! A code needs a cue that it is one — a qualifier (`promo`, `coupon`,
//! `discount` …), an imperative (`use`, `enter`, `apply`), or what follows
//! (`at checkout`, `to save`, `for 15% off`) — and a token that looks like a
//! code: four or more letters and digits with a digit or two capitals, so
//! `ZIP code 60614`, `coupon codes that did not work` and `no code needed`
//! stay quiet. Reporting about a code (an attributed sentence) is news unless
//! the sentence itself tells the reader to use it.

use std::sync::LazyLock;

use regex::Regex;

use super::lexicon::{build, CLAUSE_START};
use super::BlockScan;
use crate::span::Span;

/// `[lead] [qualifier] code[:] TOKEN`. The lead and qualifier words are few
/// and grammatical, so they live here rather than in a list.
static CODE: LazyLock<Regex> = LazyLock::new(|| {
    build(concat!(
        r"(?i)(?P<lead>\b(?P<verb>use|using|enter|apply|redeem|with|type|add|plug in)\s+(?:the\s+|our\s+|my\s+|this\s+|a\s+)?)?",
        r"(?P<code>(?:\b(?:promo(?:tional)?|coupon|discount|voucher|offer|referral|gift|savings|checkout|bonus|sale)\s+)?\bcode)\b",
        r"\s*[:：]?\s*[“”‘’'\x22]?(?P<tok>[A-Za-z0-9][A-Za-z0-9_-]*)",
    ))
});

/// What may follow a bare `code X` to make it a discount code.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)^[“”‘’'\x22]?\s*(?:at\s+checkout|to\s+(?:save|get|take)|for\s+(?:an?\s+)?(?:extra\s+|additional\s+)?(?:\d+\s?%|\$\s?\d+|half|free)|and\s+save|(?:\()?\d+\s?%\s+off)",
    )
});

/// An offer in the sentence, for weak leads (`with code X`).
static OFFER: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)\d\s?%\s*off|\$\s?\d+\s+off|\bsave\b|\bdiscount|\bcheckout\b|\bfree shipping\b|\boff\s+(?:your|the|all|everything|sitewide)\b|\bhalf\s+off\b|\bbonus\b",
    )
});

/// An imperative at the start of a clause: `Use code …`, `…: enter code …`.
static IMPERATIVE: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i){CLAUSE_START}(?:(?:just|simply|and|then)\s+)?(?:use|enter|apply|redeem|plug\s+in)\b[^.?!:;]*$"
    ))
});

/// A code found in a block.
pub(super) struct CodeHit {
    /// From the qualifier or `code` to the end of the token.
    pub span: Span,
    pub token: String,
}

/// Whether a token looks like a code: 4–24 letters and digits (with `-`/`_`
/// inside), not all lower case, with a digit or at least two capitals.
fn looks_like_code(tok: &str) -> bool {
    let len = tok.chars().count();
    let digits = tok.chars().filter(char::is_ascii_digit).count();
    let upper = tok.chars().filter(char::is_ascii_uppercase).count();
    let letters = tok.chars().filter(char::is_ascii_alphabetic).count();
    (4..=24).contains(&len)
        && !tok.ends_with(['-', '_'])
        && (digits > 0 || upper >= 2)
        // A phone number or a year is not a code.
        && (letters > 0 || len >= 5 && !tok.contains('-'))
        && !(letters > 0 && upper == 0)
}

pub(super) fn find(scan: &BlockScan<'_>) -> Vec<CodeHit> {
    let text = scan.text;
    let mut hits = Vec::new();
    for c in CODE.captures_iter(text) {
        let (Some(code), Some(tok)) = (c.name("code"), c.name("tok")) else {
            continue;
        };
        if !looks_like_code(tok.as_str()) || scan.in_quote(scan.base + tok.start()) {
            continue;
        }
        let qualified = code.as_str().len() > "code".len();
        let verb = c.name("verb").map(|v| v.as_str().to_ascii_lowercase());
        let strong_verb = matches!(
            verb.as_deref(),
            Some("use" | "enter" | "apply" | "redeem" | "plug in")
        );
        let sentence = scan.sentence_at(scan.base + code.start());
        let sentence_text = sentence.map_or(text, |s| scan.slice(s.span));
        let tail = text.get(tok.end()..).unwrap_or("").trim_start();
        let cued = qualified
            || strong_verb
            || TAIL.is_match(tail)
            || (verb.is_some() && OFFER.is_match(sentence_text));
        if !cued {
            continue;
        }
        // Weak cues (no qualifier, no imperative) need a capital-letter or
        // digit token: `with code COZY10`, not `with code GitHub`.
        if !qualified && !strong_verb && tok.as_str().chars().any(|ch| ch.is_ascii_lowercase()) {
            continue;
        }
        let imperative = strong_verb && IMPERATIVE.is_match(text.get(..code.start()).unwrap_or(""));
        if !imperative && sentence.is_some_and(|s| scan.reported(s)) {
            continue;
        }
        hits.push(CodeHit {
            span: Span::new(scan.base + code.start(), scan.base + tok.end()),
            token: tok.as_str().to_owned(),
        });
    }
    hits
}

#[cfg(test)]
mod tests {
    use super::looks_like_code;

    #[test]
    fn code_shapes() {
        for t in [
            "SAVE20", "FedUp", "COZY10", "FLYAWAY", "HAWKS200", "LAUNCH50", "X7Q9",
        ] {
            assert!(looks_like_code(t), "{t}");
        }
        for t in [
            "that", "needed", "Red", "Welcome", "404", "promises", "SAVE-", "2024", "1-800",
        ] {
            assert!(!looks_like_code(t), "{t}");
        }
    }
}
