//! The learned promotion detector (issue 17; `docs/promo-model.md`): scores
//! one sentence or list line for "the outlet or an advertiser selling to
//! the reader" (the `promo` family of the labelling guide).
//!
//! The word lists of the promo rules name the pitches someone has seen; a
//! new writer's pitch ("Golden Pleat is offering readers a free order …",
//! "please rate and review us") is in words no list had. This model reads
//! the words and the shapes a pitch has whatever its wording: a web
//! address, a price or a share off, a short code, the reader addressed, an
//! imperative opening, an exclamation, a list line, a bold label.
//!
//! Same machinery as the claim model ([`crate::model`], the hashing of
//! [`crate::features`]): logistic regression over hashed features, the
//! weights compiled in (`model/promo.bin`, trained by `train-promo`).

use std::sync::LazyLock;

use copydesk_tagger::{Token, Upos, VerbForm};

use crate::features::{feature_hash, finish, fnv, normalise, Feature, FNV_OFFSET};
use crate::model::{Model, ModelError, PROMO_MAGIC};

/// The compiled-in promo model.
pub static PROMO_MODEL_BYTES: &[u8] = include_bytes!("../model/promo.bin");

/// What the engine knows about the sentence's place and marks. Every field
/// defaults to "nothing found".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Place {
    /// The block is a list item.
    pub list_item: bool,
    /// The block opens with a bold run (a label such as `**Sponsored:**`).
    pub bold_lead: bool,
    /// The sentence's index in its block.
    pub sentence_in_block: u32,
    /// How many sentences the block has.
    pub sentences_in_block: u32,
    /// A link overlaps the sentence.
    pub link: bool,
    /// The link's visible text is most of the sentence.
    pub link_is_sentence: bool,
    /// The sentence carries a source cue that is not a link (`she said`):
    /// reporting, not the outlet's voice.
    pub reported: bool,
    /// Most of the sentence lies inside quotation marks.
    pub quoted: bool,
    /// A promo rule reported the sentence before it in the block.
    pub rule_before: bool,
    /// A promo rule reported the sentence after it in the block.
    pub rule_after: bool,
}

/// A sentence's score.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PromoScore {
    pub probability: f32,
    /// It speaks to the reader (see `extract`).
    pub to_reader: bool,
}

/// A loaded promo model.
#[derive(Debug)]
pub struct PromoDetector {
    model: Model<'static>,
}

static EMBEDDED: LazyLock<PromoDetector> = LazyLock::new(|| {
    // The embedded bytes are checked by a test; a failure here is a build
    // that shipped a broken model file, not bad input.
    PromoDetector::from_bytes(PROMO_MODEL_BYTES).expect("the embedded promo model is valid")
});

impl PromoDetector {
    /// The detector over the compiled-in model, loaded on first use.
    pub fn embedded() -> &'static PromoDetector {
        &EMBEDDED
    }

    /// Reads a model in place.
    pub fn from_bytes(bytes: &'static [u8]) -> Result<PromoDetector, ModelError> {
        Ok(PromoDetector {
            model: Model::parse_tagged(bytes, PROMO_MAGIC)?,
        })
    }

    /// The model's header: provenance, hyper-parameters and figures.
    pub fn header(&self) -> &str {
        self.model.header
    }

    /// The probability at or above which the engine reports a sentence no
    /// rule reported (chosen by leaving sessions out, docs/promo-model.md):
    /// lower for one beside a sentence a rule reported (`beside`, the
    /// lead-in or the tail of a flagged pitch) than for one alone. Infinite
    /// where no threshold was precise enough out of session: the model is
    /// then never asked alone.
    pub fn threshold(&self, beside: bool) -> f32 {
        self.model.thresholds[usize::from(beside)]
    }

    /// The probability that the sentence is a promotion, and whether it
    /// speaks to the reader. `tokens` are the tagger's tokens of `text`
    /// (spans into `text`).
    pub fn score(&self, text: &str, tokens: &[Token], place: &Place) -> PromoScore {
        let mut feats = Vec::with_capacity(96);
        let to_reader = extract(text, tokens, place, self.model.mask(), &mut feats);
        let logit = self.model.bias
            + feats
                .iter()
                .map(|f| self.model.weight(f.index) * f.value)
                .sum::<f32>();
        PromoScore {
            probability: crate::sigmoid(logit),
            to_reader,
        }
    }

    /// Whether the engine reports a sentence no rule reported: beside a
    /// rule's finding, one that speaks to the reader at or above the
    /// threshold beside; alone, at or above the threshold alone.
    pub fn fires(&self, score: &PromoScore, place: &Place) -> bool {
        let beside = place.rule_before || place.rule_after;
        (!beside || score.to_reader) && score.probability >= self.threshold(beside)
    }
}

/// The features of one sentence, as the trainer needs them, and whether
/// it speaks to the reader.
#[doc(hidden)]
pub fn promo_features_of(
    text: &str,
    tokens: &[Token],
    place: &Place,
    bits: u32,
) -> (Vec<Feature>, bool) {
    let mut out = Vec::new();
    let to_reader = extract(text, tokens, place, (1u32 << bits) - 1, &mut out);
    (out, to_reader)
}

struct Out<'o> {
    mask: u32,
    out: &'o mut Vec<Feature>,
}

impl Out<'_> {
    fn emit(&mut self, template: &str, payload: &[&[u8]], value: f32) {
        // Its own namespace, so a promo feature never shares a claim one's
        // hash by construction (the tables are separate anyway).
        let seed = fnv(FNV_OFFSET, b"promo\x1d");
        self.out.push(Feature {
            index: finish(feature_hash(seed, template, payload)) & self.mask,
            value,
            reason: None,
        });
    }
    fn flag(&mut self, template: &str) {
        self.emit(template, &[], 1.0);
    }
    fn word(&mut self, template: &str, word: &str, value: f32) {
        self.emit(template, &[word.as_bytes()], value);
    }
}

const YOU: &[&str] = &[
    "you", "your", "yours", "yourself", "you're", "you'll", "you've", "you'd", "y'all",
];
const WE: &[&str] = &["we", "our", "us", "ours", "we're", "we've", "we'll"];

/// A word as the model reads it: lower case, a number as its shape.
fn word_class(w: &str) -> Option<String> {
    let w = normalise(w);
    if w.chars().any(|c| c.is_alphabetic()) {
        Some(w)
    } else if w.chars().any(|c| c.is_ascii_digit()) {
        Some(if w.len() >= 5 && w.chars().all(|c| c.is_ascii_digit()) {
            "#long".to_owned()
        } else {
            "#num".to_owned()
        })
    } else if w == "$" || w == "£" || w == "€" || w == "%" || w == "!" || w == "@" {
        Some(w)
    } else {
        None
    }
}

fn is_domain(w: &str) -> bool {
    let w = w.trim_matches(|c: char| !c.is_alphanumeric());
    if w.contains("://") || w.starts_with("www.") {
        return true;
    }
    let host = w.split('/').next().unwrap_or("");
    let mut parts = host.split('.');
    let (Some(first), Some(_)) = (parts.next(), parts.clone().next()) else {
        return false;
    };
    let tld = host.rsplit('.').next().unwrap_or("");
    !first.is_empty()
        && first.chars().any(|c| c.is_ascii_alphabetic())
        && (2..=6).contains(&tld.len())
        && tld.chars().all(|c| c.is_ascii_lowercase())
        && host
            .split('.')
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
}

fn bucket(n: usize, edges: &[usize]) -> u8 {
    edges.iter().take_while(|&&e| n >= e).count() as u8
}

/// Writes the sentence's features to `out`, and says whether it speaks to
/// the reader: a question, a command, an exclamation, `you`, or a price, a
/// share off, a code, a web or mail address or a phone number. Beside a
/// rule's finding, the engine asks the model only about such a sentence:
/// the lead-in or tail of a pitch speaks to the reader, and the story's own
/// sentence beside it ("The interview runs 40 minutes.") does not.
fn extract(text: &str, tokens: &[Token], place: &Place, mask: u32, out: &mut Vec<Feature>) -> bool {
    let mut e = Out { mask, out };
    e.flag("bias2");
    let raw: Vec<&str> = tokens
        .iter()
        .map(|t| {
            text.get(t.span.start as usize..t.span.end as usize)
                .unwrap_or("")
        })
        .collect();
    let words: Vec<Option<String>> = raw.iter().map(|w| word_class(w)).collect();
    let real: Vec<&str> = words.iter().flatten().map(String::as_str).collect();
    let n = real.len().max(1);
    let scale = 1.0 / (n as f32).sqrt();
    for w in &real {
        e.word("w", w, scale);
    }
    for pair in real.windows(2) {
        e.emit("b", &[pair[0].as_bytes(), pair[1].as_bytes()], scale);
    }
    // The opening: first word, first two, and whether it is a command.
    let mut to_reader = false;
    let first = tokens
        .iter()
        .zip(&words)
        .position(|(t, w)| w.is_some() && t.upos != Upos::Punct && t.upos != Upos::Sym);
    if let Some(i) = first {
        let w = words[i].as_deref().unwrap_or("");
        e.word("first", w, 1.0);
        if let Some(Some(next)) = words.get(i + 1) {
            e.emit("first2", &[w.as_bytes(), next.as_bytes()], 1.0);
        }
        let t = &tokens[i];
        let imperative = (t.upos == Upos::Verb || t.upos == Upos::Aux)
            && (t.feats.verb_form == Some(VerbForm::Inf)
                || (t.feats.verb_form == Some(VerbForm::Fin) && t.feats.tense.is_none())
                || t.feats.tense == Some(copydesk_tagger::Tense::Pres)
                    && !matches!(w, "is" | "are" | "was" | "has" | "does"));
        if imperative || w == "please" {
            to_reader = true;
            e.flag("imperative");
            if place.link {
                e.flag("imperative+link");
            }
        }
    }
    // A command anywhere: a bare verb opening a clause (after a dash, a
    // comma, a semicolon or "and"), as in "… is hiring now — explore open
    // roles and apply today".
    let mut commands = 0;
    for (k, t) in tokens.iter().enumerate() {
        if k == 0 || t.upos != Upos::Verb || t.feats.verb_form != Some(VerbForm::Inf) {
            continue;
        }
        let before = raw[k - 1];
        let opens = tokens[k - 1].upos == Upos::Punct && before != "\u{201c}" && before != "\""
            || before.eq_ignore_ascii_case("and")
            || before.eq_ignore_ascii_case("or")
            || before.eq_ignore_ascii_case("please")
            || before.eq_ignore_ascii_case("just");
        if opens {
            commands += 1;
            if let Some(w) = &words[k] {
                e.word("command", w, 1.0);
            }
        }
    }
    if commands > 0 {
        to_reader = true;
        e.flag("command-clause");
    }
    if let Some(last) = real
        .iter()
        .rev()
        .find(|w| w.chars().any(char::is_alphabetic))
    {
        e.word("last", last, 1.0);
    }
    // Shapes.
    let lower = text.to_lowercase();
    let mut shapes = [false; 12];
    const DOMAIN: usize = 0;
    const CODE: usize = 1;
    const CAPS: usize = 2;
    const PRICE: usize = 3;
    const PERCENT: usize = 4;
    const OFF: usize = 5;
    const PHONE: usize = 6;
    const YOU_: usize = 7;
    const WE_: usize = 8;
    const BANG: usize = 9;
    const EMAIL: usize = 10;
    const SHORT: usize = 11;
    let mut other_words = 0usize;
    for w in text.split_whitespace() {
        if w.contains('@') && w.contains('.') && !w.starts_with('@') {
            shapes[EMAIL] = true;
        } else if is_domain(w) {
            shapes[DOMAIN] = true;
            // The site itself: an embedded post's host (a social network)
            // is no pitch, a shop's may be.
            let host = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .split("://")
                .last()
                .unwrap_or("")
                .split('/')
                .next()
                .unwrap_or("")
                .to_ascii_lowercase();
            let host = host.strip_prefix("www.").unwrap_or(&host);
            e.word("host", host, 1.0);
            if w.contains("/status/") {
                e.flag("post-address");
            } else if w
                .trim_end_matches(|c: char| !c.is_alphanumeric())
                .contains('/')
            {
                e.flag("address-path");
            }
        } else {
            other_words += 1;
        }
        let core = w.trim_matches(|c: char| !c.is_alphanumeric());
        let letters = core.chars().filter(char::is_ascii_uppercase).count();
        let digits = core.chars().filter(char::is_ascii_digit).count();
        let clean = core
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
        if clean && letters >= 2 && digits >= 1 && core.len() >= 4 {
            shapes[CODE] = true;
        } else if clean && letters >= 4 && digits == 0 {
            shapes[CAPS] = true;
        }
    }
    let bytes = lower.as_bytes();
    for (i, c) in lower.char_indices() {
        let next_digit = lower[i + c.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|d| d.is_ascii_digit());
        match c {
            '$' | '£' | '€' if next_digit => shapes[PRICE] = true,
            '%' => shapes[PERCENT] = true,
            '!' => shapes[BANG] = true,
            _ => {}
        }
        // A phone number: 3 digits, a separator, 3, a separator, 4.
        if c.is_ascii_digit() && (i == 0 || !bytes[i - 1].is_ascii_digit()) {
            let run: Vec<u8> = bytes[i..]
                .iter()
                .take(14)
                .copied()
                .take_while(|b| b.is_ascii_digit() || b" -.()".contains(b))
                .collect();
            let digits = run.iter().filter(|b| b.is_ascii_digit()).count();
            if digits >= 10 && run.len() >= 12 {
                shapes[PHONE] = true;
            }
        }
    }
    if lower.contains(" percent") {
        shapes[PERCENT] = true;
    }
    for (i, w) in real.iter().enumerate() {
        if YOU.contains(w) {
            shapes[YOU_] = true;
        }
        if WE.contains(w) {
            shapes[WE_] = true;
        }
        if *w == "off" && (shapes[PRICE] || shapes[PERCENT]) {
            shapes[OFF] = true;
        }
        if *w == "#long" && i > 0 && real[i - 1] == "to" {
            shapes[SHORT] = true;
        }
    }
    const NAMES: [&str; 12] = [
        "domain",
        "code",
        "caps",
        "price",
        "percent",
        "off",
        "phone",
        "you",
        "we",
        "bang",
        "email",
        "short-code",
    ];
    for (k, &on) in shapes.iter().enumerate() {
        if on {
            e.word("shape", NAMES[k], 1.0);
            if place.list_item {
                e.word("shape+list", NAMES[k], 1.0);
            }
            if place.reported {
                e.word("shape+reported", NAMES[k], 1.0);
            }
        }
    }
    if shapes[BANG] && (shapes[YOU_] || commands > 0) {
        e.flag("bang+call");
    }
    if !place.reported && !place.quoted && (shapes[DOMAIN] || shapes[EMAIL] || shapes[PHONE]) {
        e.flag("own-voice-address");
    }
    if shapes[DOMAIN] && other_words == 0 {
        e.flag("address-only");
    }
    if shapes[YOU_] && shapes[PRICE] {
        e.flag("you+price");
    }
    if shapes[YOU_] && (shapes[DOMAIN] || place.link) {
        e.flag("you+address");
    }
    // Length and place.
    e.emit("len", &[&[bucket(n, &[3, 6, 10, 16, 25, 40])]], 1.0);
    if place.list_item {
        e.flag("list");
        e.emit("list-len", &[&[bucket(n, &[4, 8, 14])]], 1.0);
    }
    if place.bold_lead {
        e.flag("bold");
    }
    e.emit("sentence", &[&[place.sentence_in_block.min(3) as u8]], 1.0);
    e.emit(
        "sentences",
        &[&[bucket(place.sentences_in_block as usize, &[2, 3, 5])]],
        1.0,
    );
    if place.link {
        e.flag("link");
    }
    if place.link_is_sentence {
        e.flag("link-is-sentence");
    }
    if place.reported {
        e.flag("reported");
    }
    if place.quoted {
        e.flag("quoted");
    }
    if place.rule_before {
        e.flag("rule-before");
    }
    if place.rule_after {
        e.flag("rule-after");
    }
    if text.trim_end().ends_with('?') {
        to_reader = true;
        e.flag("question");
    }
    if text.trim_end().ends_with(':') {
        e.flag("colon");
    }
    to_reader
        || [
            DOMAIN, CODE, PRICE, PERCENT, PHONE, YOU_, BANG, EMAIL, SHORT,
        ]
        .iter()
        .any(|&k| shapes[k])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_loads_and_scores_probabilities() {
        let d = PromoDetector::embedded();
        assert!(d.header().contains("train-promo"));
        let (alone, beside) = (d.threshold(false), d.threshold(true));
        assert!(beside > 0.0 && beside <= 1.0, "{beside}");
        assert!(alone >= beside, "{alone} {beside}");
        let mut tokens = Vec::new();
        for text in [
            "",
            "!!!",
            "Text DEALS to 55123 and save 20% on your first order at shop.example!",
            "The council voted 7-2 on Tuesday to close the library.",
        ] {
            copydesk_tagger::Tagger::embedded().tag(text, &mut tokens);
            let p = d.score(text, &tokens, &Place::default()).probability;
            assert!((0.0..=1.0).contains(&p), "{text}");
        }
    }

    #[test]
    fn shapes_are_read() {
        assert!(is_domain("riversideea.org"));
        assert!(is_domain("https://x.example/a"));
        assert!(!is_domain("U.S."));
        assert!(!is_domain("3.5"));
        assert!(!is_domain("end.Then"));
    }
}
