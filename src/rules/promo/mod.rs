//! Embedded promotions: affiliate and tracking links, promo codes, plugs and
//! sales pitches. (first slice: promo codes)

use std::sync::LazyLock;

use regex::Regex;

use super::{Context, PROMO_CODE};

static CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:promo |coupon |discount )?code\s+[A-Z0-9]{4,}\b").expect("static regex")
});

pub fn check(cx: &mut Context<'_>) {
    let a = cx.analysis;
    for (_, block, _) in a.iter() {
        let text = a.text(block.span);
        for m in CODE.find_iter(text) {
            let span = crate::Span::from(m.range()).offset(block.span.start);
            cx.report(&PROMO_CODE, span, "Promo code in the story.");
        }
    }
}
