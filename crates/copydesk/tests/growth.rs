//! Growth checks (issue 14, case 5): twice the input must cost less than
//! three times the work. Work is compared as a ratio within one run (the
//! better of two timings of each size), never against a wall-clock bound.

use std::time::{Duration, Instant};

use copydesk::{check, Config, Format};

fn time(text: &str) -> Duration {
    let start = Instant::now();
    let findings = check(text, Format::Markdown, &Config::default());
    assert!(!findings.is_empty());
    start.elapsed()
}

/// One paragraph, `sentence` repeated to about `n` bytes and to twice that:
/// the better of two timings of each, taken in turn after a warm-up (the
/// word lists compile on first use).
fn ratio(sentence: &str, n: usize) -> f64 {
    let small = sentence.repeat(n / sentence.len());
    let large = sentence.repeat(2 * n / sentence.len());
    time(sentence);
    let (mut a, mut b) = (Duration::MAX, Duration::MAX);
    for _ in 0..2 {
        a = a.min(time(&small));
        b = b.min(time(&large));
    }
    eprintln!(
        "{sentence:?}: {a:?} at {} bytes, {b:?} at {}",
        small.len(),
        large.len()
    );
    b.as_secs_f64() / a.as_secs_f64()
}

#[test]
fn one_long_paragraph_costs_in_proportion_to_its_length() {
    for sentence in [
        "Use promo code SAVE20 now. ",
        "“Use promo code SAVE20 now,” she said. Studies show the offer ends soon. Buy now at Amazon. ",
    ] {
        let r = ratio(sentence, 150_000);
        assert!(
            r < 3.0,
            "{sentence:?}: twice the paragraph cost {r:.2} times as much"
        );
    }
}
