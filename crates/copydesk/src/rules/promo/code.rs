//! `promo.code`: a promo, coupon or discount code pasted into the story
//! ("Use code CRISPY15 at checkout", "promo code FedUp", "coupon code: X").
//!
//! A code needs a cue that it is one — a qualifier (`promo`, `coupon`,
//! `discount` …), an imperative (`use`, `enter`, `apply`), or what follows
//! (`at checkout`, `to save`, `for 15% off`) — and a token that looks like a
//! code: four or more letters and digits with a digit or two capitals, so
//! `ZIP code 60614`, `coupon codes that did not work` and `no code needed`
//! stay quiet. Reporting about a code (an attributed sentence) is news unless
//! the sentence itself tells the reader to use it. A code with no `code`
//! word and a verb of `data/promo/deals.txt` ("Quote SKIP5 for £5 off")
//! needs a digit in the token and a deal in the sentence.

use std::sync::LazyLock;

use super::filter::{Builder, Family};
use super::lexicon::{build, Regex, CLAUSE_START};
use super::BlockScan;
use crate::lexicon::section as kind;
use crate::span::Span;

pub(super) use super::pieces::{AT_CHECKOUT_PATTERN, CODE_PATTERN};

/// Build the code rule's fixed matchers (see [`super::compile_matchers`]).
pub(super) fn compile_matchers() {
    for re in [
        &CODE,
        &AT_CHECKOUT,
        &TAIL,
        &OFFER,
        &GIVEAWAY,
        &MONEY,
        &IMPERATIVE_HEAD,
    ] {
        LazyLock::force(re);
    }
}

static CODE: LazyLock<Regex> = LazyLock::new(|| build(CODE_PATTERN));

static AT_CHECKOUT: LazyLock<Regex> = LazyLock::new(|| build(AT_CHECKOUT_PATTERN));

/// The two code patterns as pieces of the promo prefilter: a block with
/// neither's literals (`code`, `coupon`, `voucher`; `check`) runs neither.
pub(super) struct Lists {
    pub(super) code: usize,
    pub(super) at_checkout: usize,
    /// A code with no `code` word and a verb of `deals.txt`'s `[code-verb]`
    /// list: `Quote SKIP5 for £5 off`.
    pub(super) code_verb: Family,
}

pub(super) fn lists(b: &mut Builder) -> Lists {
    Lists {
        code: b.piece(CODE_PATTERN),
        at_checkout: b.piece(AT_CHECKOUT_PATTERN),
        code_verb: b.family(
            vec![kind(super::pitch::DEALS, "code-verb")
                .map(str::to_owned)
                .collect()],
            |s| {
                format!(
                    r"(?i)\b(?P<verb>{})\s+[“”‘’'\x22]?(?P<tok>[A-Za-z0-9][A-Za-z0-9_-]*)",
                    s[0]
                )
            },
        ),
    }
}

/// What may follow a bare `code X` to make it a discount code; among them
/// the shop's address (`code CRISPKIT at crisplane.com`), since a code
/// handed over with where to spend it is a code whatever the verb.
static TAIL: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)^[“”‘’'\x22]?\s*(?:at\s+checkout|to\s+(?:save|get|take)|for\s+(?:an?\s+)?(?:extra\s+|additional\s+)?(?:\d+\s?%|\$\s?\d+|half|free)|and\s+save|(?:gets|saves|takes)\s+you|(?:\()?\d+\s?%\s+off|at\s+\[?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|co|net|org|shop|store|example)\b)",
    )
});

/// An offer in the sentence, for weak leads (`with code X`, `mention code X`).
static OFFER: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)\d\s?%\s*off|\$\s?\d+\s+off|\bsave\b|\bdiscount|\bcheckout\b|\bfree shipping\b|\boff\s+(?:your|the|all|everything|sitewide)\b|\bhalf\s+off\b|\bbonus\b",
    )
});

/// A giveaway a code unlocks, for weak leads whose code closes its
/// sentence (`… is waiving shipping on first orders with code MOVINGRX.`):
/// `free`, a fee or shipping waived, a first order, a purchase over an
/// amount. Words common in news, so the code must come last, as the object
/// the reader is handed; a code with more after it (`filed with code
/// ARCHIVE in the library`) needs an `OFFER`.
static GIVEAWAY: LazyLock<Regex> = LazyLock::new(|| {
    build(
        r"(?i)\bfree\b|\bwaiv(?:e|es|ed|ing)\b|\bfirst\s+(?:orders?|purchases?|visits?|month|box|ride)\b|\bpurchase\s+(?:over|of)\b",
    )
});

/// Whether what follows a token ends its sentence or its clause.
fn closes(tail: &str) -> bool {
    tail.is_empty() || tail.starts_with(['.', '!', '?', ';', ')', '—', '–', '*', '_', '”', '"'])
}

/// An amount of money written with its currency sign (any of them: $ £ €
/// ¥ ₹ ₩ ₽), or in cents with the cent sign ("99¢"): with a weak lead, a
/// cue for a code that is a word and a number ("a $250 first-bet match
/// with code DRILL250"); in `plug`, a price or a bonus in a pitch.
pub(super) static MONEY: LazyLock<Regex> = LazyLock::new(|| build(r"[$£€¥₹₩₽]\s?\d|\b\d{1,2}¢"));

/// A token that is a word and a number: three or more letters and a digit
/// (`DRILL250`), not a bill's or a form's number (`HB2024`, `W2`).
fn worded(tok: &str) -> bool {
    tok.chars().filter(char::is_ascii_alphabetic).count() >= 3
        && tok.chars().any(|c| c.is_ascii_digit())
}

/// An imperative at the start of a clause: `Use code …`, `…: enter code …`.
/// The definition `Imperatives` answers for, kept as its test's reference.
#[cfg(test)]
static IMPERATIVE: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i){CLAUSE_START}(?:(?:just|simply|and|then)\s+)?(?:use|enter|apply|redeem|plug\s+in)\b[^.?!:;]*$"
    ))
});

/// `IMPERATIVE` without its tail: where imperative verbs opening a clause end.
static IMPERATIVE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    build(&format!(
        r"(?i){CLAUSE_START}(?:(?:just|simply|and|then)\s+)?(?:use|enter|apply|redeem|plug\s+in)\b"
    ))
});

/// Answers `IMPERATIVE.is_match(&text[..at])` for many `at` in one block in
/// log time each. The regex reads back over the whole clause every time, so
/// a megabyte-long line of `use code X` took minutes. The prefix matches
/// exactly when an imperative head ends before `at` with no clause break
/// (`.?!:;`) between its end and `at`; the last head before `at` is the one
/// to test, since a break after it is after every earlier one too. (Codes
/// and tokens start after a non-word character, so a head's closing `\b`
/// reads the same in the block as at the end of the prefix.)
struct Imperatives {
    head_ends: Vec<usize>,
    breaks: Vec<usize>,
}

impl Imperatives {
    fn new(text: &str) -> Self {
        Imperatives {
            head_ends: IMPERATIVE_HEAD.find_iter(text).map(|m| m.end()).collect(),
            breaks: text
                .match_indices(['.', '?', '!', ':', ';'])
                .map(|(i, _)| i)
                .collect(),
        }
    }

    fn before(&self, at: usize) -> bool {
        let heads = self.head_ends.partition_point(|&e| e <= at);
        let Some(&end) = heads.checked_sub(1).map(|i| &self.head_ends[i]) else {
            return false;
        };
        let next_break = self.breaks.partition_point(|&b| b < end);
        self.breaks.get(next_break).is_none_or(|&b| b >= at)
    }
}

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

/// Whether a token looks like a code given how strongly the text says it
/// is one: with a qualifier or an imperative (`promo code save20`) lower
/// case is fine if there is a digit; otherwise no lower case at all
/// (`with code COZY10`, not `with code GitHub`).
fn token_fits(tok: &str, strong: bool) -> bool {
    let lower = tok.chars().any(|c| c.is_ascii_lowercase());
    let digit = tok.chars().any(|c| c.is_ascii_digit());
    if strong {
        looks_like_code(tok) || (lower && digit && looks_like_code(&tok.to_ascii_uppercase()))
    } else {
        looks_like_code(tok) && !lower
    }
}

pub(super) fn find(scan: &BlockScan<'_>) -> Vec<CodeHit> {
    let text = scan.text;
    let lists = &super::FILTERS.code;
    let mut hits = Hits::default();
    // Built only when a code asks, which few blocks do.
    let mut imperatives: Option<Imperatives> = None;
    let mut imperative_before = |at: usize| {
        imperatives
            .get_or_insert_with(|| Imperatives::new(text))
            .before(at)
    };
    let codes = scan.may_match(lists.code).then(|| CODE.captures_iter(text));
    for c in codes.into_iter().flatten() {
        let (Some(code), Some(tok)) = (c.name("code"), c.name("tok")) else {
            continue;
        };
        let qualified = !code.as_str().eq_ignore_ascii_case("code");
        let verb = c.name("verb").map(|v| v.as_str().to_ascii_lowercase());
        let strong_verb = matches!(
            verb.as_deref(),
            Some("use" | "enter" | "apply" | "redeem" | "plug in")
        );
        if !token_fits(tok.as_str(), qualified || strong_verb) {
            continue;
        }
        let sentence = scan.sentence_at(scan.base + code.start());
        let sentence_text = sentence.map_or(text, |s| scan.slice(s.span));
        let tail = text.get(tok.end()..).unwrap_or("").trim_start();
        let cued = qualified
            || strong_verb
            || TAIL.is_match(tail)
            || (verb.is_some() && OFFER.is_match(sentence_text))
            || (verb.is_some() && closes(tail) && GIVEAWAY.is_match(sentence_text))
            || (verb.is_some() && worded(tok.as_str()) && MONEY.is_match(sentence_text));
        if cued {
            let imperative = strong_verb && imperative_before(code.start());
            push(
                scan,
                &mut hits,
                code.start(),
                tok.as_str(),
                tok.end(),
                imperative,
            );
        }
    }
    let at_checkout = scan
        .may_match(lists.at_checkout)
        .then(|| AT_CHECKOUT.captures_iter(text));
    for c in at_checkout.into_iter().flatten() {
        let (Some(verb), Some(tok)) = (c.name("verb"), c.name("tok")) else {
            continue;
        };
        if token_fits(tok.as_str(), true) {
            let imperative = imperative_before(tok.start());
            push(
                scan,
                &mut hits,
                verb.start(),
                tok.as_str(),
                tok.end(),
                imperative,
            );
        }
    }
    // A code with an unlisted verb, no `code` word and no checkout: the
    // token must look like a code with a digit in it, and the sentence must
    // hold a deal ("Quote SKIP5 for £5 off", "use GALA2FOR1 … two for the
    // price of one").
    let verbed = scan.regex(&lists.code_verb);
    let deal = scan.regex(&super::FILTERS.pitch.deal);
    if let (Some(verbed), Some(deal)) = (verbed, deal) {
        for c in verbed.captures_iter(text) {
            let (Some(verb), Some(tok)) = (c.name("verb"), c.name("tok")) else {
                continue;
            };
            let t = tok.as_str();
            if !t.chars().any(|c| c.is_ascii_digit()) || !token_fits(t, false) {
                continue;
            }
            let sentence = scan.sentence_at(scan.base + verb.start());
            let sentence_text = sentence.map_or(text, |s| scan.slice(s.span));
            if deal.is_match(sentence_text) {
                let imperative = imperative_before(verb.start()) || {
                    let lead = &text[..verb.start()];
                    lead.trim_end().is_empty()
                        || lead
                            .trim_end()
                            .ends_with(['.', '!', '?', ':', ';', '—', '–'])
                };
                push(scan, &mut hits, verb.start(), t, tok.end(), imperative);
            }
        }
    }
    hits.found
}

/// The codes found so far, and their spans by start for the overlap test:
/// they never overlap each other, so only the last one starting before a
/// new span can overlap it.
#[derive(Default)]
struct Hits {
    found: Vec<CodeHit>,
    by_start: std::collections::BTreeMap<usize, usize>,
}

impl Hits {
    fn overlaps(&self, span: Span) -> bool {
        self.by_start
            .range(..span.end)
            .next_back()
            .is_some_and(|(&start, &end)| Span::new(start, end).overlaps(span))
    }
}

/// Keep a code found at `start..end` (block offsets) unless it is quoted,
/// reported without an imperative, or already found.
fn push(
    scan: &BlockScan<'_>,
    hits: &mut Hits,
    start: usize,
    token: &str,
    end: usize,
    imperative: bool,
) {
    let span = Span::new(scan.base + start, scan.base + end);
    if scan.in_quote(span.end.saturating_sub(1)) || hits.overlaps(span) {
        return;
    }
    // Reporting about a code is news unless the sentence itself tells the
    // reader to use it: a listed verb ("Use code …"), or any verb the
    // tagger reads as an imperative opening a clause before the code
    // ("Protect your player this season: KidGuard headbands, clinically
    // shown to cut impacts, are 25% off with code MYSA25"), whose
    // cue is a claim for the product, not a report.
    if !imperative
        && scan.sentence_at(span.start).is_some_and(|s| {
            scan.reported(s) && !super::pitch::imperative_before(scan, s, span.start)
        })
    {
        return;
    }
    hits.by_start.insert(span.start, span.end);
    hits.found.push(CodeHit {
        span,
        token: token.to_owned(),
    });
}

#[cfg(test)]
mod tests {
    use super::looks_like_code;
    use super::{Imperatives, IMPERATIVE};

    #[test]
    fn imperatives_agree_with_the_regex_at_every_word_edge() {
        let texts = [
            "Use code SAVE20 at checkout. Then enter code X2; or just apply COUPON9 — and use it.",
            "(use code A1) [redeem B2] - plug in C3: Simply USE code D4? No. He will use code E5",
            "use code SAVE20 use code SAVE20. user code; reuse code, enter\tcode X, ‘use’ “enter” code",
            "Shoppers could use code X. The site said: “Use code Y at checkout” — apply",
        ];
        for text in texts {
            let imperatives = Imperatives::new(text);
            let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
            for at in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
                // Where codes and tokens start: after a non-word character.
                // Also before one, where a head can end right at `at`.
                if word(text[..at].chars().next_back()) && word(text[at..].chars().next()) {
                    continue;
                }
                assert_eq!(
                    imperatives.before(at),
                    IMPERATIVE.is_match(&text[..at]),
                    "{:?}",
                    &text[..at]
                );
            }
        }
    }

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
