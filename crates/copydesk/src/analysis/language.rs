//! Whether a stretch of prose is confidently not English: a foreign-language
//! passage, or a quotation left in the original. The rules skip such text
//! rather than flag it (a claim or a quote in Spanish is not the English
//! draft's to source).
//!
//! Detection is `whatlang`'s trigram identifier, trusted only on text with
//! enough letters and words and only when it calls its own answer reliable,
//! so short English quotes, names and slogans are never skipped. It costs a
//! pass over the text, so the analysis runs it only where a rule would
//! otherwise flag: on unsourced utterances ([`super::Quote::foreign`]) and,
//! on demand, on a block a claim or promotion finding falls in
//! ([`super::Analysis::is_foreign_block`]).

use std::collections::HashSet;
use std::sync::LazyLock;

use whatlang::Lang;

/// Fewer letters than this and no language call is trusted.
const MIN_LETTERS: usize = 25;
/// Nor with fewer words than this.
const MIN_WORDS: usize = 5;
/// whatlang's confidence (0–1) must reach this as well as `is_reliable()`.
const MIN_CONFIDENCE: f64 = 0.5;

/// At least this share of the words are English function words (`the`,
/// `and`, `of` …): plainly English, no identifier needed.
const ENGLISH_SHARE: f64 = 0.12;

/// English function words, the `english-function-words` list.
static FUNCTION_WORDS: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    crate::lexicon::words("english-function-words")
        .iter()
        .copied()
        .collect()
});

/// The text is long enough to judge and confidently in a language other
/// than English.
///
/// The identifier scores every one of its ~70 profiles, dear on the hot
/// path, so it is asked only when a cheap first test leaves doubt: text
/// of which one word in eight or more is an English function word
/// (English prose runs at 30–50%, a headline or a product line at 10–20%,
/// a German or Malay passage near 0) is English without asking. That test can only keep text English; what it
/// lets through is judged as before.
pub fn is_foreign(text: &str) -> bool {
    let (mut words, mut english) = (0usize, 0usize);
    let mut buf = [0u8; 8];
    for w in text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
    {
        words += 1;
        if w.len() <= buf.len() && w.is_ascii() {
            let lw = &mut buf[..w.len()];
            lw.copy_from_slice(w.as_bytes());
            lw.make_ascii_lowercase();
            english +=
                usize::from(std::str::from_utf8(lw).is_ok_and(|lw| FUNCTION_WORDS.contains(lw)));
        }
    }
    if words < MIN_WORDS || english as f64 >= ENGLISH_SHARE * words as f64 {
        return false;
    }
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters < MIN_LETTERS || text.split_whitespace().count() < MIN_WORDS {
        return false;
    }
    // Close languages split the confidence (a Spanish quote scores Spanish
    // and Portuguese alike) and go unjudged: asking "English or the best
    // guess?" instead also took English quotes for foreign ones.
    whatlang::detect(text).is_some_and(|info| {
        info.lang() != Lang::Eng && info.is_reliable() && info.confidence() >= MIN_CONFIDENCE
    })
}

#[cfg(test)]
mod tests {
    use super::is_foreign;

    #[test]
    fn long_foreign_text_is_foreign() {
        for text in [
            "Wir werden das nicht hinnehmen, denn die Menschen in dieser Stadt verdienen mehr.",
            "Le conseil municipal a voté mardi soir une hausse des impôts locaux de cinq pour cent.",
        ] {
            assert!(is_foreign(text), "{text}");
        }
    }

    #[test]
    fn the_first_test_leaves_foreign_text_to_the_identifier() {
        // Plain ASCII Malay, German and French: few English function words.
        for text in [
            "Tetapi, Insya Allah hari tersebut hampir tiba dan kita akan secara rasminya membuka kedutaan kita di sana,",
            "Wir werden das nicht hinnehmen, denn die Menschen in dieser Stadt verdienen mehr.",
            "Le conseil municipal a voté mardi soir une hausse des impôts locaux.",
        ] {
            assert!(is_foreign(text), "{text}");
        }
    }

    #[test]
    fn english_names_and_short_text_are_not() {
        for text in [
            "We will not let this stand, and José García knows it.",
            "The city tells you to stay inside. Inside where?",
            "Vive la France!",
            "It was, as they say, a fait accompli by the time the council met.",
            "José García will not let this stand.",
            "Short-term rentals have swallowed nearly a third of the city's year-round housing since 2019.",
            "",
        ] {
            assert!(!is_foreign(text), "{text}");
        }
    }
}
