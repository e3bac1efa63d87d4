//! The promo prefilter's pieces written in code rather than in a list:
//! the code rule's two patterns and the start of a bare URL. Kept in this
//! file of constants so that `build.rs` includes it and reads their
//! literals into the prefilter's prebuilt automaton with the lists' (see
//! `lexicon::automaton`); a piece written anywhere else would still work,
//! through the automaton built at run time, and a test would say so.

/// `[lead] [qualifier] code[:] TOKEN`. The lead and qualifier words are few
/// and grammatical, so they live here rather than in a list.
pub const CODE_PATTERN: &str = concat!(
    r"(?i)(?P<lead>\b(?P<verb>use|using|enter|apply|redeem|with|type|add|plug in|mention)\s+(?:the\s+|our\s+|my\s+|this\s+|a\s+)?)?",
    r"(?P<code>(?:\b(?:promo(?:tional)?|coupon|discount|voucher|offer|referral|gift|savings|checkout|bonus|sale)\s+)?\bcode|\bcoupon|\bvoucher)\b",
    r"\s*[:：]?\s*[“”‘’'\x22]?(?P<tok>[A-Za-z0-9][A-Za-z0-9_-]*)",
);

/// A code with no `code` word: `Enter HOLIDAY25 at checkout`.
pub const AT_CHECKOUT_PATTERN: &str = concat!(
    r"(?i)\b(?P<verb>use|enter|apply|redeem|type)\s+[“”‘’'\x22]?",
    r"(?P<tok>[A-Za-z0-9][A-Za-z0-9_-]*)[“”‘’'\x22]?\s+(?:at|during|when\s+you)\s+check(?:ing)?\s*out\b",
);

/// `www.`, one of the two ways a bare URL can start; the other ways all
/// hold a `/`.
pub const WWW: &str = r"www\.";

/// A plug label as the plug rule reads it: curly apostrophes straight,
/// whitespace runs single spaces, lower case. Each label is a piece as
/// `regex::escape` writes it so normalized; here for `build.rs` to read
/// the labels' literals the same way.
pub fn normalize_label(label: &str) -> String {
    label
        .replace('’', "'")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Every piece above, for `build.rs`.
#[allow(dead_code)]
pub const PROMO_PIECES: &[&str] = &[CODE_PATTERN, AT_CHECKOUT_PATTERN, WWW];
