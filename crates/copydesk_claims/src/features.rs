//! Turns one sentence (its text, its tagger tokens and the engine's signals)
//! into hashed, weighted features. Shared by the runtime and the trainer, so
//! both read a sentence the same way.
//!
//! Every feature that could explain a claim carries a [`Reason`]; it is also
//! emitted a second time joined with the sentence's source state (no source /
//! a cue in the sentence / a source earlier in the paragraph), which is how a
//! linear model learns that "a number" matters only when nothing sources it.

use copydesk_tagger::{Number, Tense, Token, Upos, VerbForm};

use crate::lexicon::{self, WordList, LEXICON};
use crate::{Cue, Reason, Signals};

/// One active feature: a slot in the weight table, its value, and the reason
/// it stands for when it pushes the score up.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Feature {
    pub index: u32,
    pub value: f32,
    pub reason: Option<Reason>,
}

/// Whether, and how, the sentence has a source.
#[derive(Clone, Copy)]
enum SourceState {
    None = 0,
    InSentence = 1,
    Carried = 2,
}

struct Emitter<'o> {
    mask: u32,
    src: SourceState,
    out: &'o mut Vec<Feature>,
}

pub(crate) const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

pub(crate) fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

/// Final mix so nearby hashes spread over the whole table.
pub(crate) fn finish(mut h: u64) -> u32 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (h & 0xffff_ffff) as u32
}

/// A feature's hash before the final mix ([`finish`]): its template, then
/// each payload piece after a unit separator, hashed on from `seed`. The
/// claim model seeds with [`FNV_OFFSET`] (and hashes on for a feature's
/// source-state cross); the promo model with its own namespace, so the two
/// never share a feature by construction.
pub(crate) fn feature_hash(seed: u64, template: &str, payload: &[&[u8]]) -> u64 {
    let mut h = fnv(seed, template.as_bytes());
    for p in payload {
        h = fnv(h, &[0x1f]);
        h = fnv(h, p);
    }
    h
}

impl Emitter<'_> {
    fn emit(&mut self, template: &str, payload: &[&[u8]], value: f32, reason: Option<Reason>) {
        let h = feature_hash(FNV_OFFSET, template, payload);
        self.out.push(Feature {
            index: finish(h) & self.mask,
            value,
            reason,
        });
        if reason.is_some() {
            let h = fnv(h, &[0x1e, self.src as u8]);
            self.out.push(Feature {
                index: finish(h) & self.mask,
                value,
                reason,
            });
        }
    }

    fn flag(&mut self, template: &str, payload: &str, reason: Option<Reason>) {
        self.emit(template, &[payload.as_bytes()], 1.0, reason);
    }
}

const START: u8 = 17;
const END: u8 = 18;

fn upos_code(t: Option<&Token>, end: bool) -> u8 {
    match t {
        Some(t) => t.upos as u8,
        None if end => END,
        None => START,
    }
}

/// A sentence's words, each [`normalise`]d, in one buffer rather than a
/// `String` apiece: every scored sentence is read this way twice (its
/// features and its stance), and the allocations showed in profiles.
pub(crate) struct Lowered {
    buf: String,
    ends: Vec<usize>,
}

impl Lowered {
    pub(crate) fn new(text: &str, tokens: &[Token]) -> Lowered {
        let mut buf = String::with_capacity(text.len());
        let mut ends = Vec::with_capacity(tokens.len());
        for t in tokens {
            let word = text.get(t.span.range()).unwrap_or("");
            if word.is_ascii() {
                let start = buf.len();
                buf.push_str(word);
                buf[start..].make_ascii_lowercase();
            } else {
                buf.push_str(&normalise(word));
            }
            ends.push(buf.len());
        }
        Lowered { buf, ends }
    }

    /// The words, one per token, in order.
    pub(crate) fn words(&self) -> Vec<&str> {
        let mut start = 0;
        self.ends
            .iter()
            .map(|&end| {
                let word = &self.buf[start..end];
                start = end;
                word
            })
            .collect()
    }
}

/// Lower case, curly apostrophes made straight, so the lists match both.
pub(crate) fn normalise(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars()
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c => c,
        })
        .collect::<String>()
        .to_lowercase()
}

const FIRST_PERSON: &[&str] = &["i", "we", "me", "us", "my", "our", "i'm", "we're"];
const DEFINITE: &[&str] = &[
    "the", "this", "that", "these", "those", "his", "her", "their", "its", "our", "my", "your",
];
const QUANTIFIER: &[&str] = &[
    "all", "most", "many", "every", "some", "few", "no", "each", "any", "more", "fewer",
];
const BE: &[&str] = &[
    "is", "are", "was", "were", "be", "been", "being", "'s", "'re", "am", "get", "got",
];
const HAVE: &[&str] = &["have", "has", "had", "'ve", "having"];
const NOT_SUPERLATIVE: &[&str] = &[
    "interest",
    "honest",
    "west",
    "rest",
    "test",
    "best-selling",
    "guest",
    "forest",
    "protest",
    "request",
    "contest",
    "latest",
    "modest",
    "arrest",
    "chest",
    "harvest",
    "suggest",
    "invest",
    "nest",
    "pest",
    "quest",
    "vest",
    "crest",
    "digest",
    "manifest",
    "earnest",
    "unrest",
];

/// The sentence's mood and stance, features that speak against a claim
/// (session 9, from the 645 articles' false alarms): a condition with an
/// irrealis modal or a modal perfect (the writer imagines a case), a
/// fragment that opens with a subordinator and has no main clause (the
/// writer's answer to the sentence before), the reader addressed, and a
/// reason clause about the writer or the reader (`because my sister …`).
fn mood(words: &[&str], tokens: &[Token], e: &mut Emitter<'_>) {
    let lx = &*LEXICON;
    let n = words.len();
    let modal = (0..n).find(|&i| lx.irrealis.match_at(words, i).is_some());
    if let Some(m) = modal {
        if lx.conditions.any(words) {
            e.flag("mood", "conditional", None);
        }
        let next = (m + 1..n).find(|&j| !matches!(tokens[j].upos, Upos::Adv | Upos::Part));
        if next.is_some_and(|j| HAVE.contains(&words[j])) {
            e.flag("mood", "modal_perfect", None);
        }
    }
    if let Some(len) = lx.subordinators.match_at(words, 0) {
        if !words.contains(&",") {
            e.flag("fragment", &words[..len].join(" "), None);
        }
    }
    if lx.second_person.any(words) {
        e.flag("second_person", "", None);
    }
    for i in 0..n.saturating_sub(1) {
        if lx.subordinators.match_at(words, i).is_some()
            && (FIRST_PERSON.contains(&words[i + 1])
                || lx.second_person.match_at(words, i + 1).is_some())
        {
            e.flag("reason_person", words[i], None);
        }
    }
}

fn bin(n: usize, edges: &[usize]) -> u8 {
    edges.iter().take_while(|&&e| n >= e).count() as u8
}

/// Appends the features of one sentence to `out` (cleared first). `mask` is
/// the weight table's size minus one (a power of two).
// Token positions index `tokens`, `words` and their neighbours together, so
// the loops run over indices.
#[allow(clippy::needless_range_loop)]
pub fn extract(text: &str, tokens: &[Token], signals: &Signals, mask: u32, out: &mut Vec<Feature>) {
    out.clear();
    let lower = Lowered::new(text, tokens);
    let words = lower.words();
    let src = if signals.attribution.is_some() {
        SourceState::InSentence
    } else if signals.attribution_earlier_in_paragraph {
        SourceState::Carried
    } else {
        SourceState::None
    };
    let mut e = Emitter { mask, src, out };
    let n = tokens.len();
    let scale = 1.0 / (n.max(1) as f32).sqrt();

    // Part-of-speech n-grams, and the words that are not names or numbers.
    for i in 0..=n {
        let c = upos_code(tokens.get(i), true);
        let b = if i >= 1 {
            upos_code(tokens.get(i - 1), false)
        } else {
            START
        };
        let a = if i >= 2 {
            upos_code(tokens.get(i - 2), false)
        } else {
            START
        };
        if i < n {
            e.emit("p1", &[&[c]], scale, None);
        }
        e.emit("p2", &[&[b, c]], scale, None);
        e.emit("p3", &[&[a, b, c]], scale, None);
        if i < n && !matches!(tokens[i].upos, Upos::Propn | Upos::Num | Upos::Punct) {
            e.emit("w", &[words[i].as_bytes()], scale, None);
            if i + 1 < n && !matches!(tokens[i + 1].upos, Upos::Propn | Upos::Num | Upos::Punct) {
                e.emit(
                    "w2",
                    &[words[i].as_bytes(), words[i + 1].as_bytes()],
                    scale,
                    None,
                );
            }
        }
    }
    if let Some(w) = words.first() {
        e.flag("first", w, None);
    }

    // Tense and aspect.
    let finite = tokens
        .iter()
        .position(|t| matches!(t.upos, Upos::Verb | Upos::Aux) && t.feats.is_finite());
    let main_tense = match finite.and_then(|i| tokens[i].feats.tense) {
        Some(Tense::Past) => "past",
        Some(Tense::Pres) => "pres",
        None if finite.is_some() => "fin",
        None => "none",
    };
    e.flag("tense", main_tense, None);
    for i in 0..n {
        let next = (i + 1..n.min(i + 4))
            .find(|&j| !matches!(tokens[j].upos, Upos::Adv | Upos::Part))
            .map(|j| tokens[j]);
        let Some(next) = next else { continue };
        if next.upos != Upos::Verb {
            continue;
        }
        if HAVE.contains(&words[i]) && next.feats.verb_form == Some(VerbForm::Part) {
            e.flag("aspect", "perfect", None);
        } else if BE.contains(&words[i]) && next.feats.verb_form == Some(VerbForm::Part) {
            e.flag("aspect", "passive", None);
        } else if BE.contains(&words[i]) && next.feats.verb_form == Some(VerbForm::Ger) {
            e.flag("aspect", "progressive", None);
        }
    }

    // The kind of subject: the words before the first finite verb, after any
    // fronted clause set off by a comma.
    let subject = match finite {
        None => "nofinite",
        Some(fv) => {
            let from = (0..fv)
                .rev()
                .find(|&j| words[j] == ",")
                .map_or(0, |j| j + 1);
            let region = from..fv;
            let head = region.clone().rev().find(|&j| {
                matches!(
                    tokens[j].upos,
                    Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num
                )
            });
            if LEXICON.groups.any(&words[region.clone()]) {
                e.flag("subj_group", "", Some(Reason::Group));
            }
            match head {
                None => "none",
                Some(h) if words[h] == "there" => "there",
                Some(h) => match tokens[h].upos {
                    Upos::Pron if FIRST_PERSON.contains(&words[h]) => "first",
                    Upos::Pron if matches!(words[h], "it" | "this" | "that") => "it",
                    Upos::Pron => "pron",
                    Upos::Propn => "named",
                    Upos::Num => "number",
                    _ => {
                        let det = region.clone().find(|&j| {
                            DEFINITE.contains(&words[j]) || QUANTIFIER.contains(&words[j])
                        });
                        let plural = tokens[h].feats.number == Some(Number::Plur);
                        let named = region.clone().any(|j| tokens[j].upos == Upos::Propn);
                        match det {
                            Some(d) if QUANTIFIER.contains(&words[d]) => "quantified",
                            Some(_) if named => "named",
                            Some(_) => "definite",
                            None if named => "named",
                            None if plural => "generic_plural",
                            None => "bare",
                        }
                    }
                },
            }
        }
    };
    let subject_reason = match subject {
        "generic_plural" | "quantified" => Some(Reason::Group),
        _ => None,
    };
    e.flag("subj", subject, subject_reason);
    e.emit(
        "subj_tense",
        &[subject.as_bytes(), main_tense.as_bytes()],
        1.0,
        subject_reason,
    );

    // A day or an occasion named (`time_anchors.txt`): with the tense and the
    // subject it tells one event or a status of the moment ("most fans left
    // on Saturday") from a pattern ("most fans have left"). No reason: it
    // only lowers a score.
    if LEXICON.time_anchors.any(&words) {
        e.flag("anchor", main_tense, None);
        e.emit(
            "anchor_subj",
            &[subject.as_bytes(), main_tense.as_bytes()],
            1.0,
            None,
        );
    }

    // Numbers and what they count.
    let mut any_number = false;
    for i in 0..n {
        let w = words[i];
        let digits = w.bytes().any(|b| b.is_ascii_digit());
        if tokens[i].upos != Upos::Num && !digits {
            continue;
        }
        let next = words.get(i + 1).copied().unwrap_or("");
        let next2 = words.get(i + 2).copied().unwrap_or("");
        let prev = if i > 0 { words[i - 1] } else { "" };
        let kind = if w.len() == 4 && w.parse::<u32>().is_ok_and(|y| (1800..2100).contains(&y)) {
            "year"
        } else if next == "%" || next == "percent" || w.ends_with('%') {
            "percent"
        } else if matches!(prev, "$" | "£" | "€" | "us$")
            || w.starts_with(['$', '£', '€'])
            || matches!(next, "dollars" | "pounds" | "euros")
        {
            "money"
        } else if matches!(next, "a.m." | "p.m." | "am" | "pm" | "o'clock") {
            "time"
        } else if w.contains('-') && digits {
            "score"
        } else if LEXICON.quantity.match_at(&words, i + 1).is_some()
            || (i + 2 < n && LEXICON.quantity.match_at(&words, i + 2).is_some())
        {
            "quantity"
        } else {
            "other"
        };
        let reason = match kind {
            "year" | "time" | "score" => None,
            _ => Some(Reason::Number),
        };
        any_number |= reason.is_some();
        e.flag("num", kind, reason);
        if reason.is_some() {
            e.flag("num_next", next, None);
            e.flag("num_next2", next2, None);
        }
    }
    for i in 0..n {
        let number_word = matches!(
            words[i],
            "half" | "quarter" | "third" | "majority" | "minority"
        ) || words[i].ends_with('s');
        if number_word
            && tokens[i].upos != Upos::Num
            && LEXICON.quantity.match_at(&words, i).is_some()
        {
            e.flag("qword", "", Some(Reason::Number));
            any_number = true;
        }
    }
    e.flag("has_number", if any_number { "y" } else { "n" }, None);

    // Word lists: causes, findings, hedges, predictions, trends, sweeping
    // words, superlatives, taste. Vague sources and reporting verbs are the
    // engine's verdicts (`Signals::vague_source`, `Signals::attribution`).
    let lists: [(&str, &WordList, Option<Reason>); 10] = [
        ("conduct", &LEXICON.conduct, Some(Reason::Conduct)),
        ("cause", &LEXICON.causative, Some(Reason::Cause)),
        ("evid", &LEXICON.evidential, Some(Reason::Finding)),
        ("hedge", &LEXICON.hedges, None),
        ("predict", &LEXICON.prediction, Some(Reason::Prediction)),
        ("trend", &LEXICON.trend, Some(Reason::Trend)),
        ("sweep", &LEXICON.sweeping, Some(Reason::Sweeping)),
        ("super", &LEXICON.superlative, Some(Reason::Superlative)),
        ("eval", &LEXICON.evaluative, None),
        ("group", &LEXICON.groups, Some(Reason::Group)),
    ];
    // Each word's shape once, for the ten lists' quick no.
    let shapes: Vec<usize> = words.iter().map(|w| lexicon::shape(w)).collect();
    for (name, list, reason) in lists {
        let mut i = 0;
        let mut hit = false;
        while i < n {
            if let Some(len) = list.match_at_shaped(&words, i, shapes[i]) {
                let phrase: Vec<&[u8]> = words[i..i + len].iter().map(|w| w.as_bytes()).collect();
                e.emit(name, &phrase, 1.0, reason);
                hit = true;
                i += len;
            } else {
                i += 1;
            }
        }
        if hit {
            e.flag(name, "", reason);
            // Who it is said of and when: "fans have abandoned" is a pattern,
            // "fans left" an event; "he lied" a charge, "I lied" a confession.
            e.emit(
                "list_subj",
                &[name.as_bytes(), subject.as_bytes()],
                1.0,
                reason,
            );
            e.emit(
                "list_tense",
                &[name.as_bytes(), main_tense.as_bytes()],
                1.0,
                reason,
            );
        }
    }
    for i in 0..n {
        let w = words[i];
        let est = matches!(tokens[i].upos, Upos::Adj | Upos::Adv)
            && w.len() > 4
            && w.ends_with("est")
            && !NOT_SUPERLATIVE.contains(&w);
        let most =
            matches!(w, "most" | "least") && tokens.get(i + 1).is_some_and(|t| t.upos == Upos::Adj);
        if est || most {
            e.flag("superlative", "", Some(Reason::Superlative));
        }
        if w == "than" && i > 0 && matches!(tokens[i - 1].upos, Upos::Adj | Upos::Adv) {
            e.flag("compare", "", None);
        }
        if FIRST_PERSON.contains(&w) {
            e.flag("first_person", "", None);
        }
    }

    mood(&words, tokens, &mut e);

    // Shape: where the sentence sits, how long it is, quotation marks.
    let sent_pos = bin(signals.sentence_in_paragraph as usize, &[1, 2, 3]);
    e.emit("sent_pos", &[&[sent_pos]], 1.0, None);
    e.emit("len", &[&[bin(n, &[6, 10, 16, 25, 40])]], 1.0, None);
    let trimmed = text.trim_start_matches([' ', '*', '_', '-', '>']);
    if trimmed.starts_with(['"', '\u{201c}']) {
        e.flag("quote", "starts", None);
    }
    let mut inside = 0usize;
    let mut open = false;
    for c in text.chars() {
        match c {
            '\u{201c}' => open = true,
            '\u{201d}' => open = false,
            '"' => open = !open,
            _ if open => inside += c.len_utf8(),
            _ => {}
        }
    }
    if inside > 0 {
        let share = (inside * 4 / text.len().max(1)) as u8;
        e.emit("quote_share", &[&[share]], 1.0, None);
    }
    if let Some(last) = text.trim_end().chars().last() {
        let end = match last {
            '?' => "?",
            '!' => "!",
            ':' => ":",
            '.' => ".",
            '"' | '\u{201d}' | '\'' | '\u{2019}' => "q",
            _ => "other",
        };
        e.flag("end", end, None);
    }

    // The engine's signals.
    if signals.phrase_claim {
        e.flag("sig_phrase", "", Some(Reason::KnownPhrase));
    }
    if signals.vague_source {
        e.flag("sig_vague", "", Some(Reason::VagueSource));
    }
    let cue = match signals.attribution {
        None => "none",
        Some(Cue::Named) => "named",
        Some(Cue::Pronoun) => "pronoun",
        Some(Cue::Anonymous) => "anonymous",
        Some(Cue::Document) => "document",
    };
    e.flag("sig_cue", cue, None);
    if signals.attribution_earlier_in_paragraph {
        e.flag("sig_carried", "", None);
    }
    if signals.link {
        e.flag("sig_link", "", None);
    }
    if signals.list_item {
        e.flag("sig_list", "", None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The slot one flag feature lands in (source state aside: these carry
    /// no reason, so they are emitted once).
    fn slot(template: &str, payload: &str) -> u32 {
        let mut out = Vec::new();
        let mut e = Emitter {
            mask: 0xffff,
            src: SourceState::None,
            out: &mut out,
        };
        e.flag(template, payload, None);
        out[0].index
    }

    fn has(text: &str, template: &str, payload: &str) -> bool {
        let mut tokens = Vec::new();
        copydesk_tagger::Tagger::embedded().tag(text, &mut tokens);
        let mut out = Vec::new();
        extract(text, &tokens, &Signals::default(), 0xffff, &mut out);
        let want = slot(template, payload);
        out.iter().any(|f| f.index == want && f.reason.is_none())
    }

    #[test]
    fn a_named_day_or_occasion_is_an_anchor_with_its_tense() {
        // (sentence, tense payload, present)
        let cases = [
            (
                "Most fans left before the whistle on Saturday.",
                "past",
                true,
            ),
            (
                "The ride is closed today because of fallen branches.",
                "pres",
                true,
            ),
            (
                "The council met last night to vote on the budget.",
                "past",
                true,
            ),
            ("Most fans have left the club for good.", "pres", false),
            ("Gas heaters double a household's bills.", "pres", false),
        ];
        for (text, tense, want) in cases {
            assert_eq!(has(text, "anchor", tense), want, "{text}");
        }
    }

    #[test]
    fn mood_features_mark_imagined_cases_fragments_and_the_reader() {
        // (sentence, feature, payload, present)
        let cases = [
            (
                "If he had tried to keep a lid on it, the impact would be far bigger.",
                "mood",
                "conditional",
                true,
            ),
            (
                "The impact was far bigger than the council expected.",
                "mood",
                "conditional",
                false,
            ),
            (
                "Stocks would have ended the session higher.",
                "mood",
                "modal_perfect",
                true,
            ),
            (
                "Stocks have ended the session higher.",
                "mood",
                "modal_perfect",
                false,
            ),
            (
                "Because they are real people who lost loved ones.",
                "fragment",
                "because",
                true,
            ),
            // A subordinate clause set off by a comma has a main clause after it.
            (
                "Because the plant closed, 300 people lost their jobs.",
                "fragment",
                "because",
                false,
            ),
            (
                "If you ask yourself, you will find the answer.",
                "second_person",
                "",
                true,
            ),
            ("Rural bookshops are dying.", "second_person", "", false),
            (
                "I am accused of racism because my sister is an officer.",
                "reason_person",
                "because",
                true,
            ),
            (
                "Prices rose because the tariffs took effect.",
                "reason_person",
                "because",
                false,
            ),
        ];
        for (text, template, payload, present) in cases {
            assert_eq!(
                has(text, template, payload),
                present,
                "{template} {payload}: {text}"
            );
        }
    }
}
