//! Claim shapes: forms of a sentence that make a checkable claim with no
//! phrase signal in them, read from the linguistic layer (part of speech,
//! tense, the kind of subject) rather than from lists of phrases (issue 16's
//! recall classes):
//!
//! - a present-tense statement about a whole class, its subject a bare
//!   plural ("Short-term rentals have swallowed nearly a third of the
//!   housing", "Towns that have passed similar caps have seen rents fall"),
//!   a bare mass noun ("Funding has collapsed") or a quantified phrase
//!   ("Every dollar spent on a library returns…");
//! - a prediction stated as fact: `will` and a verb of effect or change
//!   ("Food prices will keep rising", "The verdict will make companies think
//!   twice");
//! - a ranking stated as fact: a present copula, `the` and a superlative
//!   with its scope ("This is the worst ice storm to hit the region in
//!   fifty years", "the best folk album released this year");
//! - a charge stated as fact: a verb of wrongdoing for the main verb
//!   ("Hurst has pocketed…", "The campaign is bankrolled by…");
//! - a comparison stated as fact: a comparative and `than`, a multiplier or
//!   a compared likelihood in a main clause in the present ("The law has
//!   done more damage to the market than any hurricane", "are far less
//!   likely to quit");
//! - a habit stated as a rule: an adverb that sweeps over every case
//!   (`always`, `never`, `routinely`) with a present verb ("The Knights
//!   always collapse on the road");
//! - a motive stated as fact: a purpose clause of gain or harm after an
//!   act ("Lindqvist pushed the ordinance through to protect the inn his
//!   brother-in-law owns");
//! - a change over a span of time: a present perfect of a verb of change
//!   and a span (`since`, `in the past two decades`, `for years`):
//!   "Bat populations have fallen by more than half in the past two
//!   decades".
//!
//! The claim assessment ([`super::claim`]) asks for a shape only when
//! nothing else decides the sentence: no cue in it or earlier in its
//! paragraph, no vague source, no day, no first or second person, no phrase
//! signal. Each shape names the model probability it needs
//! ([`Shape::gate`]): the form says what kind of claim it would be, the
//! model (reading the whole sentence) whether it is one.
//!
//! Must not: change what the model reads (its `Signals` are filled before a
//! shape is asked) or read beyond the one sentence.

use std::borrow::Cow;
use std::sync::LazyLock;

use super::claim::MONTHS;
use super::cues::{ANONYMOUS, BE, FIRST_PERSON, MODALS, RELATIVES};
use super::speakers::NEGATIONS;
use super::tokens::{Number, Tense, Token, Upos, VerbForm};
use super::Analysis;
use crate::lexicon::{lower, VerbUse, REPORTING_VERBS};

/// A form of claim that no phrase signal covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// A present-tense statement whose subject is a bare plural, a whole
    /// class rather than the people of the story.
    Generic,
    /// `will` and a verb of effect or change: a prediction stated as fact.
    Prediction,
    /// A present perfect that counts ("has cut its budget in half since
    /// 2020", "have gone to companies in…"): a change or tally stated as
    /// fact.
    Count,
    /// `is the best… in`, `are the largest… since`: a ranking with its
    /// scope, stated as fact.
    Superlative,
    /// A verb of wrongdoing for the main clause ("Hurst has pocketed…",
    /// "The campaign is bankrolled by…"): a charge stated as fact.
    Charge,
    /// A comparative and `than` (not a number: "more than 200"), a
    /// multiplier ("twice as hot as") or a compared likelihood ("far less
    /// likely to quit") in a main clause in the present: a comparison
    /// stated as fact.
    Comparison,
    /// `always`, `never`, `routinely` with a present verb and a subject that
    /// is not a pronoun ("The Knights always collapse on the road"): a
    /// habit stated as a rule.
    Habitual,
    /// A present perfect of a verb of change with a span of time ("have
    /// fallen by half in the past two decades", "has been losing market
    /// share for years", "have lost a quarter of their trade since the lot
    /// closed"): a change over time stated as fact.
    Change,
    /// An act in the past with a purpose clause of gain or harm after its
    /// object ("pushed the ordinance through to protect the inn", "used
    /// charity money to pay off debts"): a motive stated as fact.
    Motive,
    /// `there is`/`there are` with a sweeping quantity and its scope
    /// ("There is no other public space in America that does so much",
    /// "There are hundreds of dams one flood away from failing"): a sweep
    /// over a whole set stated as fact.
    Existence,
}

impl Shape {
    /// The finding's message.
    pub fn message(self) -> &'static str {
        match self {
            Shape::Generic => "General statement about a whole group, with no source.",
            Shape::Prediction => "Prediction stated as fact, with no source.",
            Shape::Count => {
                "Change or count stated as fact, with no source: where does the figure come from?"
            }
            Shape::Superlative => "Ranking stated as fact, with no source: by whose measure?",
            Shape::Charge => "Charge of wrongdoing stated as fact, with no source.",
            Shape::Comparison => {
                "Comparison stated as fact, with no source: compared by whose measure?"
            }
            Shape::Habitual => {
                "Sweeping statement of what always or never happens, with no source."
            }
            Shape::Motive => "Motive stated as fact, with no source: who says this was the aim?",
            Shape::Change => {
                "Change over time stated as fact, with no source: where does the figure come from?"
            }
            Shape::Existence => {
                "Sweeping statement of what exists or does not, with no source: who counted?"
            }
        }
    }
}

/// The model's probability below which a shape does not flag a sentence.
/// A bare plural subject is common in plain reporting of what a group is
/// doing ("Crews are clearing the road"), so the generic shape needs the
/// model's support, less of it when the sentence counts or compares
/// ("have saved hundreds of lives", "kill more people than…"); a
/// prediction of effect is rarer outside claims and needs little. Chosen
/// on the tuning drafts and the 645 real articles (docs/claim-shapes.md).
const GENERIC_GATE: f32 = 0.45;
const GENERIC_COUNTING_GATE: f32 = 0.2;
const PREDICTION_GATE: f32 = 0.1;
/// A subject opened by a quantifier over the whole class (`every`, `no`,
/// `most`) is itself the sweep of a general claim ("No team in the league
/// comes back…"), which the model, with no feature for it, scores low.
/// Session 25: 0.12 with the averaged λ 3e-4 model (0.15 → 0.12 changes
/// nothing on the tuning sets; the model scores "Every teacher at a school
/// like this spends…" .13; docs/claims.md §6zd).
const QUANTIFIED_GATE: f32 = 0.12;
/// An adverb of certainty in a general statement's verb group (`simply`,
/// `universally`: "Small counties simply cannot afford…") is the writer
/// vouching for the sweep; the model, with no feature for it, scores such
/// sentences 0.1–0.2, so the form decides and the gate asks a trace.
const VOUCHED_GATE: f32 = 0.05;
/// A present perfect with a number is also how a story states its own
/// record ("The President has endorsed three candidates"): the count shape
/// needs more of the model. 0.5 was chosen under the session-7 model; the
/// model retrained in session 9 scores such sentences lower, and 0.4 keeps
/// what 0.5 caught then (docs/claim-shapes.md).
const COUNT_GATE: f32 = 0.4;
/// A ranking with its scope is rarely anything but a claim; the model, which
/// has no feature for superlatives, still has to give it a little support.
const SUPERLATIVE_GATE: f32 = 0.1;
/// A charge of wrongdoing is a claim whatever the model makes of it, which
/// reads "is bankrolled by" as plain reporting; it still needs a little
/// support, as for a ranking.
const CHARGE_GATE: f32 = 0.1;
/// A comparison in the present with something other than a number after
/// `than` is a claim about two things; plain reporting compares mostly in
/// the past ("scored more goals than Leeds on Saturday") or against a
/// plan ("faster than expected"), both left out by the form. The model
/// scores many such sentences low (no feature reads a comparison without
/// a signal word), so the gate asks only a little of it.
const COMPARISON_GATE: f32 = 0.1;
/// A sweeping adverb of frequency with a present verb is also how a
/// profile describes one person's habits ("She never misses a home
/// game"); a pronoun subject is left out by the form, and the model's
/// support decides the rest.
const HABITUAL_GATE: f32 = 0.15;
/// A present perfect of a verb of change measured over a span of years is
/// a trend stated as fact whatever the model makes of it (it has no
/// feature for the span); the form carries the evidence, and the gate asks
/// only a little, as for a ranking.
const CHANGE_GATE: f32 = 0.1;
/// A motive of gain or harm after an act is a claim about what someone
/// meant, which no reporter sees; the model reads such a sentence as plain
/// narrative (0.05 on the tuning drafts' motives), so the form alone
/// decides.
const MOTIVE_GATE: f32 = 0.0;
/// An existential sweep with its scope ("There is no other public space
/// in America that…") is a claim about a whole set; the model, which has
/// no feature for `there is` or its quantity, scores such sentences
/// 0.1–0.4, and plain reporting rarely takes the form (a scene is told in
/// the past, service copy has no scope past its place), so the form
/// decides and the gate asks only a trace of support.
const EXISTENCE_GATE: f32 = 0.05;
/// `the only` with a sole means is also how a story gives directions or a
/// fact of record ("The ferry is the only way to reach the island in
/// winter", 0.21); a sole means claimed for a cause or a product scores
/// higher (0.29–0.51 on the tuning drafts' misses), so this ranking needs
/// more of the model than a superlative.
const ONLY_GATE: f32 = 0.28;

/// A record stated in the past (`was the first woman to lead…`, `was
/// the last living link to…`, [`records`]) is an obituary's or a
/// history's claim of a first; the model has no feature for an ordinal
/// with its scope and reads the sentence as past narration (.04–.36 on
/// the fresh drafts' records, session 27), so the form decides, as for a
/// motive.
const RECORD_GATE: f32 = 0.0;

/// Labels of an interviewer's turn (`[claim-interviewer-labels]`: `Q`).
static INTERVIEWER_LABELS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-interviewer-labels"));

static NOT_CLASSES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-class-nouns"));
static QUANTIFIERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-class-quantifiers"));
static BOUNDED_QUANTIFIERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-bounded-quantifiers"));
static CERTAINTY: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-certainty-adverbs"));
static CHARGE_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-charge-verbs"));
static COVERT: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-covert-adverbs"));
static HEDGES: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-shape-hedges"));
static EFFECT_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-effect-verbs"));
static QUANTITIES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-quantity-words"));
static SMALL_COUNTS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-small-counts"));
static SHARE_WORDS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-share-words"));
static SUPERLATIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-superlatives"));
static NOT_SUPERLATIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-superlatives"));
static EVALUATIVE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-evaluative-superlatives"));
static CONTEMPT: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-contempt-words"));
static NOT_RANKED: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-ranked-nouns"));
static COMPARATIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-comparatives"));
static NOT_COMPARED: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-compared"));
static COMPARED_PRONOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-compared-pronouns"));
static LIKENESS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-likeness-pointers"));
static MULTIPLIERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-multipliers"));
static LIKELIHOOD: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-compared-likelihood"));
static HABITUAL: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-habitual-adverbs"));
static SWEEPING_PRONOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-sweeping-pronouns"));
static PARTITIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-partitive-quantifiers"));
static CHANGE_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-change-verbs"));
static MOTIVE_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-motive-verbs"));
static SPAN_UNITS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-span-units"));
static TERMS_PARTICIPLES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-terms-participles"));
static TERMS_ADJECTIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-terms-adjectives"));
static TERMS_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-terms-verbs"));
static TIME_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-time-nouns"));
static SCHEDULE_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-schedule-verbs"));
static SCHEDULE_ANCHORS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-schedule-anchors"));
static SCHEDULE_PERIODS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-schedule-periods"));

/// The furthest a relative word stands into the subject of a statement of
/// terms, in tokens ("passengers whose…", "Items that are…").
const MAX_TERMS_SUBJECT: usize = 4;

/// Whether a sentence's main clause states terms: an institution's rule,
/// a benefit's or a product's, which a copy desk does not send back
/// (service information). After a fronted phrase ("Under EU rules,") and
/// past the subject's own relative clause, the main clause's verb group is
/// not in the past and is a passive of a verb that applies a rule
/// (`[claim-terms-participles]`: "will be charged", "will be considered
/// lost", "are generally entitled to"), `be` and an adjective of terms
/// (`[claim-terms-adjectives]`: "is free for", "are eligible for"), or a
/// present verb with which a benefit gives (`[claim-terms-verbs]`: "covers
/// 30% of the cost", "unlocks additional courses"). A passive of an act on
/// the world ("will be banned in most states") is a prediction, and stays
/// a claim.
pub fn states_terms(a: &Analysis<'_>, tokens: &[Token]) -> bool {
    let words: Vec<Cow<'_, str>> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    let start = fronted(tokens, &words, 0).map_or(0, |(after, _)| after);
    // The subject's relative clause has its own verb ("passengers whose
    // flights are cancelled … are entitled"); a relative word further on
    // belongs to an object ("controls a company that has…").
    let relative = words[start..]
        .iter()
        .take(MAX_TERMS_SUBJECT)
        .take_while(|w| w.as_ref() != ",")
        .position(|w| RELATIVES.contains(&w.as_ref()) || w == "whose");
    let first = (start..tokens.len()).find(|&k| tokens[k].is_finite_verb());
    // The tagger reads a verb of giving after a name as a noun ("…
    // Credit covers 30% of the cost", "Plus unlocks additional courses"):
    // one before any finite verb, with an object after it, is the verb.
    if (start..first.unwrap_or(tokens.len())).any(|k| {
        TERMS_VERBS.contains(&words[k].as_ref())
            && tokens
                .get(k + 1)
                .is_some_and(|n| matches!(n.upos, Upos::Num | Upos::Adj | Upos::Det))
    }) {
        return true;
    }
    let Some(mut v) = first else {
        return false;
    };
    if relative.is_some_and(|r| start + r < v) {
        // Past the relative clause's verb group to the next finite verb.
        let Some(next) = (v + 1..tokens.len()).find(|&k| {
            tokens[k].is_finite_verb()
                && !is(&tokens[k - 1], Upos::Aux)
                && !is(&tokens[k - 1], Upos::Verb)
        }) else {
            return false;
        };
        v = next;
    }
    if schedules(tokens, &words, v) || rule_text(tokens, &words, v) {
        return true;
    }
    // A past verb reports; `there is` sweeps over what exists ("There is
    // now less free speech…").
    if tokens[v].feats.tense == Some(Tense::Past) || v > 0 && words[v - 1] == "there" {
        return false;
    }
    if TERMS_VERBS.contains(&words[v].as_ref()) {
        return true;
    }
    // The verb group: auxiliaries, adverbs and `not` from the finite verb.
    let mut k = v;
    let mut be = false;
    while let Some(t) = tokens.get(k) {
        let w = words[k].as_ref();
        if BE.contains(&w) {
            be = true;
        } else if !(matches!(t.upos, Upos::Aux | Upos::Adv | Upos::Part))
            || COMPARATIVES.contains(&w)
        {
            // A degree compares ("is less free than…"): not a term.
            break;
        }
        k += 1;
    }
    be && words.get(k).is_some_and(|w| {
        TERMS_PARTICIPLES.contains(&w.as_ref()) || TERMS_ADJECTIVES.contains(&w.as_ref())
    })
}

/// Nouns for a rule's text (`[claim-rule-nouns]`: `law`, `bylaw`,
/// `contract`) and the present verbs with which it lays down, permits or
/// bars (`[claim-rule-verbs]`: `requires`, `allows`, `bans`).
static RULE_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-rule-nouns"));
static RULE_VERBS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-rule-verbs"));

/// Whether the main clause's finite verb at `v` tells what a rule's text
/// says (session 27): a present verb of `[claim-rule-verbs]` whose
/// subject ends, past adverbs (`also`), on a noun of `[claim-rule-nouns]`
/// ("State law requires counties to reassess…", "The bylaw also requires
/// every operator to…"). The content of a law or a contract is a fact of
/// record read from the text, service information a copy desk does not
/// send back; what a law does to the world ("The law has driven rents
/// up") has another verb.
fn rule_text(tokens: &[Token], words: &[Cow<'_, str>], v: usize) -> bool {
    tokens[v].feats.tense == Some(Tense::Pres)
        && RULE_VERBS.contains(&words[v].as_ref())
        && word_before_adverbs(tokens, v)
            .is_some_and(|k| is(&tokens[k], Upos::Noun) && RULE_NOUNS.contains(&words[k].as_ref()))
}

/// Whether the main clause's finite verb at `v` states a plan's schedule:
/// `will`, adverbs, a verb of a scheduled act (`[claim-schedule-verbs]`:
/// "will pay", "will continue", "will decide") that no `to`, gerund or
/// comparative follows (`will continue to rise`, `will pay more` are
/// forecasts), and after it a time that anchors the act: a word of
/// `[claim-schedule-anchors]` (`starting in January`, `next week`), a
/// weekday or month, or a rate's period (`a month`, `per day`,
/// `[claim-schedule-periods]`).
fn schedules(tokens: &[Token], words: &[Cow<'_, str>], v: usize) -> bool {
    if !["will", "'ll", "’ll"].contains(&words[v].as_ref()) {
        return false;
    }
    let k = past_adverbs(tokens, v + 1);
    if !words
        .get(k)
        .is_some_and(|w| SCHEDULE_VERBS.contains(&w.as_ref()))
    {
        return false;
    }
    let forecast = words[k + 1..].iter().take(3).enumerate().any(|(j, w)| {
        COMPARATIVES.contains(&w.as_ref())
            || j == 0
                && (w == "to"
                    || tokens[k + 1].feats.verb_form == Some(VerbForm::Ger)
                        && is(&tokens[k + 1], Upos::Verb))
    });
    !forecast
        && (k + 1..words.len()).any(|j| {
            let w = words[j].as_ref();
            SCHEDULE_ANCHORS.contains(&w)
                || is(&tokens[j], Upos::Propn)
                    && (super::tokens::is_date_word(w)
                        || MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w)))
                || ["a", "an", "per", "each", "every"].contains(&w)
                    && words
                        .get(j + 1)
                        .is_some_and(|n| SCHEDULE_PERIODS.contains(&n.as_ref()))
        })
}

static REASON_MARKERS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-reason-markers"));
static OUTCOME_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-outcome-verbs"));

/// Whether a sentence's reason clause explains a change in the world: the
/// main clause before the clause's first word (`[claim-reason-markers]`:
/// `because`, `due to`, `thanks to`) has for its first finite verb one of
/// change or occurrence (`[claim-outcome-verbs]`: "fell", "happened"; or
/// a perfect's participle of `[claim-change-verbs]`: "has fallen"), its
/// subject a common noun right before it, past adverbs ("Crime fell last
/// year mainly because…", "The shift happened because…", "Attendance at
/// the fair rose sharply…, largely because of the cow"). Such a reason
/// is a causal claim on its own; a reason for a person's act ("She left
/// because…", "Police did not release their names because…") is the
/// story's narrative, and waits for the model.
pub fn explains_change(a: &Analysis<'_>, tokens: &[Token]) -> bool {
    let words: Vec<Cow<'_, str>> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    let Some(marker) = words
        .iter()
        .position(|w| REASON_MARKERS.contains(&w.as_ref()))
    else {
        return false;
    };
    // The tagger reads some pasts as nouns ("the fair rose sharply"): a
    // verb of the list before an adverb or a preposition is one.
    let Some(v) = (0..marker).find(|&k| {
        tokens[k].is_finite_verb()
            || OUTCOME_VERBS.contains(&words[k].as_ref())
                && tokens
                    .get(k + 1)
                    .is_some_and(|n| matches!(n.upos, Upos::Adv | Upos::Adp))
    }) else {
        return false;
    };
    let lexical = if is(&tokens[v], Upos::Aux) {
        let p = past_adverbs(tokens, v + 1);
        (p < marker && CHANGE_VERBS.contains(&words[p].as_ref())).then_some(p)
    } else {
        OUTCOME_VERBS.contains(&words[v].as_ref()).then_some(v)
    };
    // The subject's last word: a common noun, or its modifier where the
    // tagger took the noun for an adjective ("the fair").
    lexical.is_some()
        && word_before_adverbs(tokens, v)
            .is_some_and(|k| matches!(tokens[k].upos, Upos::Noun | Upos::Adj))
}

/// The shape of a sentence, given its tokens and the model's probability
/// that it is a claim. `None` when it has none of them, or the model gives
/// it less than the shape needs.
pub fn read(a: &Analysis<'_>, tokens: &[Token], probability: f32) -> Option<Shape> {
    // An interviewer's turn label ("Q:" set in bold before the question
    // or the claim put to the guest) is no part of the sentence's
    // subject: the forms are read after it (session 27).
    let tokens = match tokens {
        [label, colon, rest @ ..]
            if a.text(colon.span) == ":"
                && INTERVIEWER_LABELS.contains(&lower(a.text(label.span)).as_ref()) =>
        {
            rest
        }
        _ => tokens,
    };
    let words: Vec<Cow<'_, str>> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    // Second person addresses the reader (service copy, advice); first
    // person is the writer's own account.
    // A hedge ("seem", "reportedly") makes it the writer's impression or
    // someone else's report; `likely` after `more` or `less` compares
    // rather than hedges ("far less likely to quit").
    // Second person after the main clause's first finite verb is mostly
    // the generic `you` of a statement about a class, in a subordinate or
    // relative clause or a prepositional phrase ("… safer than anything
    // you can buy", "… better for your back than trainers", "… will agree
    // if you ask"). The reader is addressed where `you` or `your` comes
    // before that verb ("You can save…", "Your bill will…", "If you ask,
    // …"), where `you` is a verb's object ("will save you a lot of
    // frustration") or the subject of a joined clause ("…, but you get the
    // dime back", "…, so you never need…").
    let main = tokens
        .iter()
        .position(Token::is_finite_verb)
        .unwrap_or(tokens.len());
    let addressed = |i: usize| {
        i < main
            || words[i] == "you"
                && i > 0
                && (matches!(tokens[i - 1].upos, Upos::Verb | Upos::Aux)
                    || ["and", "but", "so", "or", ";", ",", ":"].contains(&words[i - 1].as_ref()))
    };
    if words.iter().enumerate().any(|(i, w)| {
        let second = w == "you" || w == "your";
        FIRST_PERSON.contains(&w.as_ref()) && !second
            || second && addressed(i)
            || HEDGES.contains(&w.as_ref())
                && !(i > 0 && COMPARATIVES.contains(&words[i - 1].as_ref()))
    }) {
        return None;
    }
    if let Some((verb, subject, vouched)) = generic(tokens, &words) {
        let gate = if vouched {
            VOUCHED_GATE
        } else if subject == Subject::Quantified {
            QUANTIFIED_GATE
        } else if subject == Subject::Mass && !words.iter().any(|w| w == "than") {
            // A number with a mass noun is as often service copy
            // ("Admission is free for children under 12").
            GENERIC_GATE
        } else if counts(tokens, &words, verb) {
            GENERIC_COUNTING_GATE
        } else {
            GENERIC_GATE
        };
        if probability >= gate {
            return Some(Shape::Generic);
        }
    }
    if probability >= PREDICTION_GATE && (predicts(tokens, &words) || forecasts(tokens, &words)) {
        Some(Shape::Prediction)
    } else if probability >= EXISTENCE_GATE && sweeps_existence(tokens, &words) {
        Some(Shape::Existence)
    } else if probability >= CHANGE_GATE && changes_over_span(tokens, &words) {
        Some(Shape::Change)
    } else if probability >= MOTIVE_GATE && motive(tokens, &words) {
        Some(Shape::Motive)
    } else if probability >= COUNT_GATE && perfect_count(tokens, &words) {
        Some(Shape::Count)
    } else if probability >= SUPERLATIVE_GATE && ranks(tokens, &words)
        || probability >= ONLY_GATE && sole(tokens, &words)
        || probability >= RECORD_GATE && records(tokens, &words)
    {
        Some(Shape::Superlative)
    } else if probability >= CHARGE_GATE
        && (charges(tokens, &words) || charged_as(tokens, &words) || covert(tokens, &words))
    {
        Some(Shape::Charge)
    } else if probability >= COMPARISON_GATE && compares(tokens, &words) {
        Some(Shape::Comparison)
    } else {
        (probability >= HABITUAL_GATE && habitual(tokens, &words)).then_some(Shape::Habitual)
    }
}

/// The main clause's verb is in the present (`is`, `has done`, `spend`,
/// `will`), not a modal of possibility or a reporting verb, and after it
/// the sentence compares: a comparative (`more`, `fewer`, an -er
/// adjective or adverb) before `than` with something other than a number,
/// a quantity or a plan after it ("more than 200", "less than a year",
/// "faster than expected" are measures, not comparisons); a multiplier
/// (`twice as hot as`, `three times the rate`); or a compared likelihood
/// (`far less likely to quit`). A comparison in the past is mostly an
/// event's result ("scored more goals than Leeds").
fn compares(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(v) = clause_verb(tokens, words) else {
        return false;
    };
    let w = words[v].as_ref();
    let present = tokens[v].feats.tense == Some(Tense::Pres) || w == "will";
    // A pronoun for the subject ("it costs less than most competitors",
    // "He is far closer to Britain than to Brussels") is the thing the
    // piece is about, weighed by the writer: a review's or a column's
    // judgement. Existential `there` is no subject.
    let subject = word_before_adverbs(tokens, v)
        .filter(|&s| is(&tokens[s], Upos::Pron) && words[s] != "there");
    // `do` with no verb after it is the main verb ("does more business
    // than any shop"), not do-support (session 26).
    let lexical_do = ["do", "does"].contains(&w)
        && !tokens.get(past_adverbs(tokens, v + 1)).is_some_and(|t| {
            matches!(t.upos, Upos::Verb | Upos::Aux) || words[past_adverbs(tokens, v + 1)] == "n't"
        });
    if !present
        || subject.is_some()
        || MODALS.contains(&w) && w != "will" && !lexical_do
        || REPORTING_VERBS.use_of(w).is_some()
        || words.last().is_some_and(|w| w == "?")
    {
        return false;
    }
    // A rhetorical degree (`no greater absurdity than`, `nothing more
    // than`) ranks nothing.
    let comparative = |k: usize| {
        let degree = COMPARATIVES.contains(&words[k].as_ref())
            || matches!(tokens[k].upos, Upos::Adj | Upos::Adv)
                && words[k].len() > 4
                && words[k].ends_with("er");
        degree
            && !(k > 0
                && (NEGATIONS.contains(&words[k - 1].as_ref())
                    || ["no", "nothing"].contains(&words[k - 1].as_ref())))
    };
    // The main clause ends where a subordinate or relative clause, or a
    // second main clause, begins ("The truth is that…", "…, but for $39
    // it crisped wings better than…").
    let end = (v + 1..tokens.len())
        .find(|&k| {
            let w = words[k].as_ref();
            w != "than" && w != "as" && (is(&tokens[k], Upos::Sconj) || RELATIVES.contains(&w))
                || [";", ":"].contains(&w)
                || w == "," && tokens.get(k + 1).is_some_and(|t| is(t, Upos::Cconj))
        })
        .unwrap_or(tokens.len());
    (v + 1..end).any(|j| match words[j].as_ref() {
        "than" => {
            (v + 1..j).any(comparative)
                && !["rather", "other"].contains(&words[j - 1].as_ref())
                && compared(tokens, words, j + 1)
        }
        m if MULTIPLIERS.contains(&m) => {
            // A number before `times`; `half` only as `half as…`.
            let counted = m != "times" || j > 0 && is(&tokens[j - 1], Upos::Num);
            let next = words.get(j + 1).map_or("", AsRef::as_ref);
            counted
                && (next == "as"
                    || m != "half" && (next == "the" || j + 1 < tokens.len() && comparative(j + 1)))
        }
        "more" | "less" => words
            .get(j + 1)
            .is_some_and(|n| LIKELIHOOD.contains(&n.as_ref())),
        _ => false,
    })
}

/// What follows `than` at `at` is a thing compared, not a measure: no
/// number, symbol (`$40`), quantity word, `a`/`an` (`less than a year`)
/// or plan (`than expected`) after any adverbs (`roughly`); no adjective
/// (`less than thrilled`, an idiom); a pronoun only as the possessive of a
/// thing (`its neighbours`, `their rivals`; the tagger cannot tell `her`
/// from `her raccoon eye makeup`) or the subject of a copula or `did`, the
/// same thing at another time ("smaller than it was four years ago"), not
/// "more questions than it answers".
fn compared(tokens: &[Token], words: &[Cow<'_, str>], at: usize) -> bool {
    let k = past_adverbs(tokens, at);
    tokens.get(k).is_some_and(|t| {
        let w = words[k].as_ref();
        let then = words
            .get(k + 1)
            .is_some_and(|n| BE.contains(&n.as_ref()) || n == "did");
        // A pronoun for the whole class (`anything else`) or a
        // demonstrative with its phrase (`those at any other shop`) is
        // the thing compared.
        let class = COMPARED_PRONOUNS.contains(&w)
            && (!["those", "that"].contains(&w)
                || tokens.get(k + 1).is_some_and(|n| is(n, Upos::Adp)));
        let pronoun = is(t, Upos::Pron) && !then && !class && !["its", "their"].contains(&w);
        let measure = matches!(t.upos, Upos::Num | Upos::Sym | Upos::Punct | Upos::Adj)
            || ["a", "an"].contains(&w)
            || QUANTITIES.contains(&w)
            || NOT_COMPARED.contains(&w);
        !(pronoun || measure)
    })
}

/// The main clause's finite verb: the first one past a fronted
/// subordinate clause ("When you add it all up, taxpayers spend…") and a
/// relative clause's own verb ("Teachers in districts that switched…
/// are").
fn clause_verb(tokens: &[Token], words: &[Cow<'_, str>]) -> Option<usize> {
    let mut k = 0;
    if tokens
        .first()
        .is_some_and(|t| matches!(t.upos, Upos::Sconj | Upos::Adv))
    {
        if let Some(comma) = words.iter().position(|w| w == ",") {
            if tokens[..comma].iter().any(Token::is_finite_verb) {
                k = comma + 1;
            }
        }
    }
    let mut relative = false;
    while let Some(t) = tokens.get(k) {
        if RELATIVES.contains(&words[k].as_ref()) {
            relative = true;
        } else if t.is_finite_verb() {
            if !relative {
                return Some(k);
            }
            relative = false;
            while tokens
                .get(k + 1)
                .is_some_and(|t| matches!(t.upos, Upos::Verb | Upos::Aux | Upos::Adv | Upos::Part))
            {
                k += 1;
            }
        }
        k += 1;
    }
    None
}

/// An adverb that sweeps over every case (`[claim-habitual-adverbs]`:
/// `always`, `never`, `routinely`) right before a lexical verb in the
/// present, in the main clause (no relative pronoun still open before
/// it), its subject a noun phrase rather than a pronoun, with no modal
/// before it ("The Knights always collapse on the road", "Districts that
/// switch almost never switch back"). A past verb ("never disclosed") is
/// an event; a copula and participle ("is always closed on Mondays") is
/// service copy.
fn habitual(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(adv) = words.iter().position(|w| HABITUAL.contains(&w.as_ref())) else {
        return false;
    };
    let verb = past_adverbs(tokens, adv + 1);
    let lexical = tokens.get(verb).is_some_and(|t| {
        is(t, Upos::Verb) && t.is_finite_verb() && t.feats.tense == Some(Tense::Pres)
    });
    // The subject: the words before the adverb (and its own adverbs,
    // `almost never`).
    let subject_end = adverbs_before(tokens, adv);
    // A name only in the plural (a team, `The Knights`): one person's
    // habits are a profile's description ("Director Callum Reyes almost
    // never uses a jump scare").
    let noun = |k: usize| {
        is(&tokens[k], Upos::Noun) || is(&tokens[k], Upos::Propn) && tokens[k].is_plural()
    };
    // A relative clause closed before the adverb ("Districts that switch
    // almost never…") leaves its noun the subject; one still open makes
    // the adverb its own.
    let subject = match words[..subject_end]
        .iter()
        .rposition(|w| RELATIVES.contains(&w.as_ref()))
    {
        Some(r) => {
            r > 0 && noun(r - 1) && tokens[r + 1..subject_end].iter().any(Token::is_finite_verb)
        }
        None => {
            // A likeness after the noun ("An attack like this one
            // always…") widens it to its class.
            let end = likened(words, subject_end);
            end > 0 && noun(end - 1)
        }
    };
    lexical
        && subject
        && !words[..verb].iter().any(|w| MODALS.contains(&w.as_ref()))
        && REPORTING_VERBS.use_of(&words[verb]).is_none()
}

/// Where a likeness ending right before `k` begins: `like` and a
/// demonstrative (`[claim-likeness-pointers]`), with `one` or `ones` after
/// it ("a plant like this", "measures like this one"). After a noun it
/// makes the noun a class, things of the kind the story is about, not a
/// pronoun subject of a clause of its own. `k` where there is none.
fn likened(words: &[Cow<'_, str>], k: usize) -> usize {
    let mut at = k;
    if at > 0 && ["one", "ones"].contains(&words[at - 1].as_ref()) {
        at -= 1;
    }
    if at > 1 && LIKENESS.contains(&words[at - 1].as_ref()) && words[at - 2] == "like" {
        at - 2
    } else {
        k
    }
}

/// The main clause's verb is one of wrongdoing (`[claim-charge-verbs]`),
/// in any tense or voice ("pocketed", "has rigged", "is bankrolled by",
/// "are funneling"), not negated and not under a modal ("would still be
/// hidden"): the sentence charges its subject as fact. A charge reported
/// ("was charged with embezzling", "was accused of rigging") has another
/// verb for its main one.
fn charges(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(first) = asserted_verb(tokens, words) else {
        return false;
    };
    // The verb group: the finite verb, then auxiliaries, adverbs and
    // particles up to the lexical verb.
    let mut k = first;
    while tokens
        .get(k)
        .is_some_and(|t| matches!(t.upos, Upos::Aux | Upos::Adv | Upos::Part))
        && !CHARGE_VERBS.contains(&words[k].as_ref())
    {
        if NEGATIONS.contains(&words[k].as_ref()) {
            return false;
        }
        k += 1;
    }
    words
        .get(k)
        .is_some_and(|w| CHARGE_VERBS.contains(&w.as_ref()))
}

/// Where the run of adverbs ending just before token `at` starts (`at`
/// itself when none precedes it): `almost never`, `secretly`.
fn adverbs_before(tokens: &[Token], at: usize) -> usize {
    at - tokens[..at]
        .iter()
        .rev()
        .take_while(|t| is(t, Upos::Adv))
        .count()
}

/// The sentence's first finite verb, when it asserts: not a modal, not in
/// a relative clause (`charges`, `covert`).
fn asserted_verb(tokens: &[Token], words: &[Cow<'_, str>]) -> Option<usize> {
    let first = tokens.iter().position(Token::is_finite_verb)?;
    let relative = words[..first]
        .iter()
        .any(|w| RELATIVES.contains(&w.as_ref()));
    (!MODALS.contains(&words[first].as_ref()) && !relative).then_some(first)
}

/// The main clause's act is done in secret: an adverb of
/// `[claim-covert-adverbs]` (`secretly`, `quietly`) right before its first
/// finite verb or inside its verb group, before the lexical verb
/// ("Beverage companies secretly funded…", "The province has been quietly
/// trimming…", "The state government is quietly preparing…"). A hidden
/// act is one no reporter saw: stated as fact, it is a charge to source.
/// Not after a pronoun subject ("he quietly left the stage" is a scene),
/// in a relative clause, negated or under a modal.
fn covert(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(first) = asserted_verb(tokens, words) else {
        return false;
    };
    let start = adverbs_before(tokens, first);
    if start == 0 || is(&tokens[start - 1], Upos::Pron) {
        return false;
    }
    let mut secret = false;
    for (k, t) in tokens.iter().enumerate().skip(start) {
        if COVERT.contains(&words[k].as_ref()) {
            secret = true;
        } else if NEGATIONS.contains(&words[k].as_ref()) {
            return false;
        } else if k >= first && is(t, Upos::Verb) {
            return secret;
        } else if !matches!(t.upos, Upos::Aux | Upos::Adv | Upos::Part) {
            return false;
        }
    }
    false
}

/// Whether a superlative at `k` grades an adjective of judgement (`the
/// most courageous`, `its most divisive`, `the bravest`): the writer's
/// taste, not a ranking anyone could check ([`judges_in_superlative`]).
fn evaluative_superlative(words: &[Cow<'_, str>], k: usize) -> bool {
    let w = words[k].as_ref();
    let graded = ["most", "least"].contains(&w)
        && words
            .get(k + 1)
            .is_some_and(|n| EVALUATIVE.contains(&n.as_ref()));
    graded || w.ends_with("est") && EVALUATIVE.contains(&w)
}

/// The sentence ranks by an adjective of judgement after `the` or a
/// possessive ("one of the most courageous sports stars in the world",
/// "the most divisive player to have ever played"): an opinion, so
/// neither the phrase list's superlative nor the model alone flags it
/// (docs/claims.md §6x). A ranking by a quantity ("the oldest president",
/// "the highest rate since 1990") is not one.
pub fn judges_in_superlative(a: &Analysis<'_>, tokens: &[Token]) -> bool {
    let words: Vec<Cow<'_, str>> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    (1..words.len()).any(|k| {
        ["the", "its", "his", "her", "their", "our"].contains(&words[k - 1].as_ref())
            && evaluative_superlative(&words, k)
    })
}

/// The sentence scorns: a word of contempt among its tokens ("a
/// ridiculous partisan hack", "piles of hogwash"), and no amount of money
/// or percentage. Name-calling is the writer's abuse, not a fact anyone
/// could check, so no claim finding comes of it (docs/claims.md §6z); a
/// sum or a share beside the scorn still reads as a claim ("the spineless
/// council handed $2 million to …").
pub fn scorns(a: &Analysis<'_>, tokens: &[Token]) -> bool {
    let words: Vec<Cow<'_, str>> = tokens.iter().map(|t| lower(a.text(t.span))).collect();
    words.iter().any(|w| CONTEMPT.contains(&w.as_ref()))
        && !words
            .iter()
            .any(|w| w.starts_with(['$', '£', '€']) || w.contains('%') || w == "percent")
}

/// The sentence's first finite verb is a present copula (`is`, `are`, not
/// in a relative or reported clause, not negated), then `the`, a
/// superlative (`worst`, `freshest`, `most dangerous`) and the scope it
/// ranks within: a preposition (`in the league`, `on the coast`, `since
/// 1990`), a participle or infinitive (`released this year`, `to hit the
/// region`) or `ever`. Without a scope a superlative is usually the
/// writer's taste ("the best part is…").
fn ranks(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(be) = ranking_copula(tokens, words) else {
        return false;
    };
    let mut k = be + 1;
    loop {
        match tokens.get(k) {
            Some(t) if matches!(t.upos, Upos::Adv | Upos::Part) => {
                if NEGATIONS.contains(&words[k].as_ref()) {
                    return false;
                }
                k += 1;
            }
            // A parenthesis set off by commas ("is, without question,
            // the best…"), or a rank among others ("is among the worst…").
            Some(_) if words[k] == "," => {
                match words[k + 1..].iter().take(5).position(|w| w == ",") {
                    Some(close) => k += close + 2,
                    None => return false,
                }
            }
            Some(_) if words[k] == "among" => k += 1,
            _ => break,
        }
    }
    let Some(after) = ranking_determiner(tokens, words, k) else {
        return false;
    };
    k = after;
    let Some(w) = words.get(k).map(AsRef::as_ref) else {
        return false;
    };
    if w == "only" || evaluative_superlative(words, k) {
        return false;
    }
    // `most dangerous`, and `most visited` (a participle).
    let graded = ["most", "least"].contains(&w)
        && tokens.get(k + 1).is_some_and(|t| {
            is(t, Upos::Adj) || is(t, Upos::Verb) && t.feats.verb_form == Some(VerbForm::Part)
        });
    // A compound whose first part grades (`least-visited`, `most-streamed`,
    // `fastest-growing`, `highest-rated`) ranks as its parts would
    // (session 26).
    let head = w.split_once('-').map_or(w, |(head, _)| head);
    let compound = head != w
        && is(&tokens[k], Upos::Adj)
        && (["most", "least"].contains(&head)
            || SUPERLATIVES.contains(&head)
            || head.len() > 4 && head.ends_with("est") && !NOT_SUPERLATIVES.contains(&head));
    let superlative = graded
        || compound
        || SUPERLATIVES.contains(&w)
        || is(&tokens[k], Upos::Adj) && w.ends_with("est") && !NOT_SUPERLATIVES.contains(&w);
    if !superlative {
        return false;
    }
    k += 1 + usize::from(graded);
    // The ranked noun phrase (`folk album`, `ice storm`): without one the
    // ranking is usually within the piece itself (`the most apolitical in
    // this list`).
    let noun = k;
    while tokens
        .get(k)
        .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Noun))
    {
        k += 1;
    }
    // With no ranked noun, only a scope as wide as a place or every case
    // makes it a ranking in the world (`the lowest in every market`, `the
    // freshest on the East Coast`), not within the piece.
    if k == noun {
        return wide_scope(tokens, words, k);
    }
    // `the worst kind of…`, `the best sort of…` characterise rather than rank.
    !NOT_RANKED.contains(&words[k - 1].as_ref())
        && tokens.get(k).is_some_and(|t| {
            is(t, Upos::Adp)
                || is(t, Upos::Verb) && t.feats.verb_form == Some(VerbForm::Part)
                || is(t, Upos::Part) && words[k] == "to"
                || words[k] == "ever"
                || words[k] == "since"
        })
}

/// A scope at `k` that reaches past the piece: `ever`, `anywhere`, or a
/// preposition opening a name (`on the East Coast`, `in Europe`) or a
/// quantified phrase (`in every market`, `in any city`).
fn wide_scope(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> bool {
    if words.get(k).is_some_and(|w| w == "ever" || w == "anywhere") {
        return true;
    }
    if !tokens.get(k).is_some_and(|t| is(t, Upos::Adp)) {
        return false;
    }
    let m = k + 1 + usize::from(words.get(k + 1).is_some_and(|w| w == "the"));
    tokens.get(m).is_some_and(|t| {
        is(t, Upos::Propn) || words[m] == "any" || QUANTIFIERS.contains(&words[m].as_ref())
    })
}

/// The sentence's first finite verb is an active present perfect (`has
/// cut`, `have quietly settled`; not `has been…`, not inside a relative
/// clause) and the sentence has a number or a quantity word.
fn perfect_count(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(have) = main_clause_verb(tokens, words, &["have", "has"]) else {
        return false;
    };
    let verb = past_adverbs(tokens, have + 1);
    let participle = tokens.get(verb).is_some_and(|t| {
        is(t, Upos::Verb) && t.feats.verb_form == Some(VerbForm::Part) && words[verb] != "been"
    });
    let numbered = |range: std::ops::Range<usize>| {
        range.clone().any(|i| tallies(tokens, words, i))
            || words[range]
                .iter()
                .any(|w| QUANTITIES.contains(&w.as_ref()))
    };
    // A number that only counts the subject's own actors ("Three officials
    // have resigned") reports an event; a share of a whole ("Nine out of
    // ten grants", "Three months of protests") or a number after the verb
    // counts what changed.
    participle
        && (numbered(verb..tokens.len())
            || numbered(0..have) && !counts_actors(tokens, words, have))
}

/// Whether the number at `tokens[i]` tallies something for the count
/// shape: not a year (`since 1986`: it dates), and not a small count of
/// acts or occasions (`[claim-small-counts]`: "has endorsed three
/// candidates", "has renewed this levy four times", "one of two ways"),
/// which is a record of the story's actors, unless a share follows it
/// (`[claim-share-words]`: "Nine out of ten grants", "one in five").
fn tallies(tokens: &[Token], words: &[Cow<'_, str>], i: usize) -> bool {
    if !is(&tokens[i], Upos::Num) {
        return false;
    }
    let w = words[i].as_ref();
    let digits = !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit());
    let year = digits
        && w.len() == 4
        && (w.starts_with("18") || w.starts_with("19") || w.starts_with("20"));
    let small = SMALL_COUNTS.contains(&w) || digits && w.parse::<u32>().is_ok_and(|n| n <= 10);
    let share = words
        .get(i + 1)
        .is_some_and(|n| SHARE_WORDS.contains(&n.as_ref()));
    !year && (!small || share)
}

/// The subject before `have` at `have` is a number and the plural noun it
/// counts, with nothing between (`Three officials have`, `Two new players
/// have`): a count of the story's actors, not a share.
fn counts_actors(tokens: &[Token], words: &[Cow<'_, str>], have: usize) -> bool {
    let start = words[..have]
        .iter()
        .rposition(|w| w == ",")
        .map_or(0, |c| c + 1);
    let subject = &tokens[start..have];
    subject.first().is_some_and(|t| is(t, Upos::Num))
        && subject.len() > 1
        && subject[1..]
            .iter()
            .all(|t| matches!(t.upos, Upos::Adj | Upos::Noun))
        && subject.last().is_some_and(Token::is_plural)
}

/// The sentence's first finite verb is a present perfect of a verb of
/// change (`[claim-change-verbs]`: `have fallen`, `has been losing`, `has
/// been ruined`, `have lost`), in the main clause, its subject not a
/// pronoun, and the change is measured over a span of time after the verb:
/// `since` (`since 2019`, `since the lot closed`) or a preposition opening
/// a span of `[claim-span-units]` (`in the past two decades`, `over the
/// last five years`, `for years`, `in recent years`). An act of the
/// story's actors (`has approved`, `has won`) with a span is a record, and
/// a pronoun's change (`It has grown since…`) is the story's own subject
/// retold.
fn changes_over_span(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(have) = main_clause_verb(tokens, words, &["have", "has"]) else {
        return false;
    };
    if word_before_adverbs(tokens, have).is_none_or(|s| is(&tokens[s], Upos::Pron)) {
        return false;
    }
    // `have fallen`, `has been losing`, `has been ruined`.
    let mut verb = past_adverbs(tokens, have + 1);
    if words.get(verb).is_some_and(|w| w == "been") {
        verb = past_adverbs(tokens, verb + 1);
    }
    let change = tokens.get(verb).is_some_and(|t| {
        matches!(t.upos, Upos::Verb | Upos::Adj) && CHANGE_VERBS.contains(&words[verb].as_ref())
    });
    change && (verb + 1..tokens.len()).any(|k| opens_span(tokens, words, k))
}

/// The main clause's verb is an active past of a lexical verb (`pushed`,
/// `used`, `chose`; not a reporting verb), its subject not a pronoun, and
/// a purpose clause after its object gives a motive of gain or harm: `to`
/// and a verb of `[claim-motive-verbs]` (`to protect the inn`, `to pay off
/// debts`). `to` right after a verb (`voted to protect`, `chose not to
/// help`) opens its complement, the decision itself, not its purpose.
fn motive(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(v) = clause_verb(tokens, words) else {
        return false;
    };
    let t = &tokens[v];
    let subject = word_before_adverbs(tokens, v).is_some_and(|s| !is(&tokens[s], Upos::Pron));
    if !(is(t, Upos::Verb) && t.feats.tense == Some(Tense::Past) && subject)
        || REPORTING_VERBS.use_of(&words[v]).is_some()
    {
        return false;
    }
    (v + 2..tokens.len().saturating_sub(1)).any(|j| {
        let after_object = !matches!(tokens[j - 1].upos, Upos::Verb | Upos::Aux | Upos::Part);
        words[j] == "to" && after_object && MOTIVE_VERBS.iter().any(|m| motive_at(words, j + 1, m))
    })
}

/// Whether the words from `k` on are the motive `m`, one word or two
/// (`pay off`).
fn motive_at(words: &[Cow<'_, str>], k: usize, m: &str) -> bool {
    m.split(' ')
        .enumerate()
        .all(|(i, part)| words.get(k + i).is_some_and(|w| w == part))
}

/// A span of time opens at `k`: `since` with something after it, or a
/// preposition, up to four determiners, adjectives and numbers (`the past
/// two`, `recent`, `the last 150`) and a unit of `[claim-span-units]`.
fn opens_span(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> bool {
    if words[k] == "since" {
        return k + 1 < tokens.len() && !is(&tokens[k + 1], Upos::Punct);
    }
    if !is(&tokens[k], Upos::Adp) {
        return false;
    }
    let unit = k
        + 1
        + tokens[k + 1..]
            .iter()
            .take(4)
            .take_while(|t| matches!(t.upos, Upos::Det | Upos::Adj | Upos::Num))
            .count();
    words
        .get(unit)
        .is_some_and(|w| SPAN_UNITS.contains(&w.as_ref()))
}

/// Whether the sentence compares (`than`) or counts (a number, a quantity
/// word such as `hundreds` or `half`) with an auxiliary for its verb: a
/// perfect, a progressive, a copula or `will` ("have saved hundreds of
/// lives"), or with a verb the tagger read as a noun. A simple verb with a number is as often a past event the tagger
/// reads as present ("Shares fell 4 percent").
fn counts(tokens: &[Token], words: &[Cow<'_, str>], verb: usize) -> bool {
    // A verb the tagger read as a noun (`values drop by 40 percent`,
    // [`verb_read_as_noun`]) has no auxiliary to show its tense, but it
    // was only taken for a verb before its object or measure.
    words.iter().any(|w| w == "than")
        || grows_comparative(tokens, words, verb)
        || matches!(tokens[verb].upos, Upos::Aux | Upos::Noun)
            && (tokens
                .iter()
                .enumerate()
                .any(|(k, t)| is(t, Upos::Num) && !discount(words, k))
                || words.iter().any(|w| QUANTITIES.contains(&w.as_ref())))
}

/// Whether the number at `k` is a price cut (`30% off`, `20 percent off`),
/// the term of an offer a story reports, not a figure it measures.
fn discount(words: &[Cow<'_, str>], k: usize) -> bool {
    let mut next = k + 1;
    if words.get(next).is_some_and(|w| w == "%" || w == "percent") {
        next += 1;
    }
    words.get(next).is_some_and(|w| w == "off")
}

/// The sentence's first finite verb, when it is one of `forms` and no
/// relative pronoun (`who`, `that`) comes before it: the main clause's own.
fn main_clause_verb(tokens: &[Token], words: &[Cow<'_, str>], forms: &[&str]) -> Option<usize> {
    let verb = (0..tokens.len())
        .find(|&k| tokens[k].is_finite_verb() && !compound_modifier(tokens, words, k))?;
    (forms.contains(&words[verb].as_ref())
        && !words[..verb]
            .iter()
            .any(|w| RELATIVES.contains(&w.as_ref())))
    .then_some(verb)
}

/// A hyphenated word the tagger read as a finite verb before a noun is a
/// compound modifier (`Silver-haired bat populations`, `Tax-funded
/// stadiums`), not the clause's verb.
fn compound_modifier(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> bool {
    words[k].contains('-')
        && tokens
            .get(k + 1)
            .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Adj))
}

/// The word before the verb at `v` and the adverbs before it (`Prices
/// have quietly…` → `Prices`): the end of the verb's subject.
fn word_before_adverbs(tokens: &[Token], v: usize) -> Option<usize> {
    (v - tokens[..v]
        .iter()
        .rev()
        .take_while(|t| is(t, Upos::Adv))
        .count())
    .checked_sub(1)
}

/// The first index from `k` on that is not an adverb (`have quietly
/// settled`, `always collapse`, `than roughly…`).
fn past_adverbs(tokens: &[Token], k: usize) -> usize {
    k + tokens.get(k..).map_or(0, |rest| {
        rest.iter().take_while(|t| is(t, Upos::Adv)).count()
    })
}

/// The first index from `k` on whose tag is not one of `tags` (a noun
/// phrase's words, `past_tags(tokens, k, NOMINAL)`; with `Det`, a phrase of
/// place's object).
fn past_tags(tokens: &[Token], k: usize, tags: &[Upos]) -> usize {
    k + tokens.get(k..).map_or(0, |rest| {
        rest.iter().take_while(|t| tags.contains(&t.upos)).count()
    })
}

/// A noun phrase's words, as the shapes walk them.
const NOMINAL: &[Upos] = &[Upos::Adj, Upos::Noun, Upos::Propn];
/// The same with determiners: a phrase of place's object (`in the state`).
const PLACE_OBJECT: &[Upos] = &[Upos::Det, Upos::Adj, Upos::Noun, Upos::Propn];

fn is(t: &Token, upos: Upos) -> bool {
    t.upos == upos
}

/// The kind of a class subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Subject {
    /// A bare plural: "Rural clinics are losing nurses".
    Plural,
    /// A bare mass noun: "Funding has collapsed".
    Mass,
    /// Opened by a quantifier over the class: "Every dollar spent…".
    Quantified,
}

/// A class subject and a main verb in the present that agrees with it:
/// the verb's index and whether a quantifier opens the subject. The
/// subject is a bare plural (no determiner, number or name heading it; not
/// the story's actors), a bare mass noun ("Raw milk is…", "Funding has
/// collapsed"), or a noun phrase opened by a quantifier over the whole
/// class (`every`, `no`, `most`: "Every dollar spent on a library
/// returns…", "No team in the league comes back…").
fn generic(tokens: &[Token], words: &[Cow<'_, str>]) -> Option<(usize, Subject, bool)> {
    let mut start = usize::from(tokens.first().is_some_and(|t| is(t, Upos::Cconj)));
    // A fronted phrase and its comma ("Without the threat of a fine, most
    // people…"): the subject comes after it. One that quantifies over the
    // class ("In most attacks of this kind, the criminals copy…") makes
    // the statement a sweep even with `the` before its subject.
    let mut framed = false;
    if let Some((after, quantified)) = fronted(tokens, words, start) {
        start = after;
        framed = quantified;
        start += usize::from(quantified && words.get(start).is_some_and(|w| w == "the"));
    }
    let mut counted = false;
    let (end, plural, quantified) = match sweeping_subject(tokens, words, start) {
        Some((end, plural)) => (end, plural, true),
        None => {
            let at = quantifier_at(tokens, words, start);
            let quantified = at.is_some();
            counted = quantified;
            start = at.map_or(start, |q| q + 1);
            let (end, plural) = bare_noun_phrase(tokens, words, start, quantified)?;
            // Under a quantified frame, `the` and a plural are the class
            // the frame counts ("the criminals"); a singular is one thing
            // ("For most families, the free tier is enough").
            if framed && !quantified && !plural {
                return None;
            }
            (end, plural, quantified || framed)
        }
    };
    let head = words[end - 1].as_ref();
    // A month dates the sentence to an event ("Shares fell 40% in
    // March"; the tagger reads some irregular pasts as present).
    // A quantifier makes even an anonymous noun a class: "most people
    // simply stop…" sweeps where "People are…" is a vague crowd.
    if NOT_CLASSES.contains(&head)
        || ANONYMOUS.contains(&head) && !counted
        || tokens
            .iter()
            .zip(words)
            .any(|(t, w)| is(t, Upos::Propn) && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(w)))
    {
        return None;
    }
    let (verb, plural, read_as_noun) = match main_verb(tokens, words, end, plural) {
        Some(verb) => (verb, plural, false),
        None => {
            let (verb, plural) = verb_read_as_noun(tokens, words, start, end)?;
            (verb, plural, true)
        }
    };
    let w = words[verb].as_ref();
    let feats = tokens[verb].feats;
    // The present (or `will`): a past verb reports an event ("Shares fell
    // 4 percent"), and the tagger leaves some past forms without a tense.
    let cannot = w == "can"
        && words
            .get(verb + 1)
            .is_some_and(|n| NEGATIONS.contains(&n.as_ref()));
    let bare = plural && bare_present(tokens, words, verb);
    let present = read_as_noun || bare || feats.tense == Some(Tense::Pres) || w == "will" || cannot;
    // A verb that does not agree with the head is not its verb: the phrase
    // is not the subject ("weakening unions is…") or the "plural" is a name
    // ("Cummins employs…").
    let agrees = read_as_noun
        || bare
        || feats.number != Some(if plural { Number::Sing } else { Number::Plur });
    // `may`, `can`, `should`: a possibility or a rule, not an assertion;
    // `cannot` denies the class a capacity ("Small counties simply cannot
    // afford…"), a sweep of its own.
    let asserts = !MODALS.contains(&w) || ["will", "do", "does"].contains(&w) || cannot;
    // A reporting verb, or one after its auxiliary ("Mainstream media is
    // claiming…"): what the class says, a vague source, not a claim.
    let group = verb
        + 1
        + tokens[verb + 1..]
            .iter()
            .take_while(|t| matches!(t.upos, Upos::Adv | Upos::Part))
            .count();
    let reports = [verb, group].iter().any(|&k| {
        words.get(k).is_some_and(|w| {
            REPORTING_VERBS
                .use_of(w)
                .is_some_and(|u| u != VerbUse::NextToQuote)
        })
    });
    // A finite past verb later in the sentence makes it a narrative of
    // events ("Tickets sold out within an hour, and fans … said …"), even
    // where the tagger read an irregular past as present.
    let narrates = tokens[verb + 1..]
        .iter()
        .any(|t| t.is_finite_verb() && t.feats.tense == Some(Tense::Past));
    // An adverb of certainty between the subject and the verb's own word
    // ("simply cannot afford", "have almost universally been satisfied");
    // after a negation it restricts instead ("aren't simply economic
    // actors").
    let vouched = (end..(group + 2).min(words.len())).any(|k| {
        CERTAINTY.contains(&words[k].as_ref())
            && !(k > 0 && NEGATIONS.contains(&words[k - 1].as_ref()))
    });
    (present && agrees && asserts && !reports && !narrates && !passive(tokens, words, verb))
        .then_some((
            verb,
            if quantified {
                Subject::Quantified
            } else if plural {
                Subject::Plural
            } else {
                Subject::Mass
            },
            vouched,
        ))
}

/// The longest a fronted phrase runs before its comma, in tokens.
const MAX_FRONTED_TOKENS: usize = 10;

/// A phrase fronted before the subject at `start`: a prepositional phrase
/// with no verb in it, or a subordinate clause, closed by a comma within
/// [`MAX_FRONTED_TOKENS`], with no quotation in it ("Without the threat of
/// a fine,", "In most attacks of this kind,", "When prices rise,"). A
/// lone adverb ("However,", "Indeed,") is a discourse marker that leaves
/// an argument's sentence what it was, and a preposition with a verb
/// after it ("For that to happen,") a purpose. The index after its comma
/// and whether a preposition in it takes a quantified object (`in most
/// attacks`, `in nearly every case`).
fn fronted(tokens: &[Token], words: &[Cow<'_, str>], start: usize) -> Option<(usize, bool)> {
    let first = tokens.get(start)?;
    let clause = is(first, Upos::Sconj);
    if !(clause || is(first, Upos::Adp)) {
        return None;
    }
    let stop = tokens.len().min(start + MAX_FRONTED_TOKENS);
    let comma = (start + 1..stop).find(|&k| words[k] == ",")?;
    if words[start..comma]
        .iter()
        .any(|w| w.chars().any(|c| matches!(c, '"' | '“' | '”')))
        || !clause
            && tokens[start..comma]
                .iter()
                .any(|t| matches!(t.upos, Upos::Verb | Upos::Aux))
    {
        return None;
    }
    let quantified = (start..comma)
        .any(|k| is(&tokens[k], Upos::Adp) && quantifier_at(tokens, words, k + 1).is_some());
    Some((comma + 1, quantified))
}

/// The index of a quantifier over a whole class at `k`, after adverbs that
/// bound it: `[claim-class-quantifiers]` (`every`, `most`, `almost every`)
/// or, only after such an adverb, `[claim-bounded-quantifiers]` (`nearly
/// all`).
fn quantifier_at(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> Option<usize> {
    let at = past_adverbs(tokens, k);
    let w = words.get(at)?.as_ref();
    (QUANTIFIERS.contains(&w) || at > k && BOUNDED_QUANTIFIERS.contains(&w)).then_some(at)
}

/// A subject at `start` that sweeps over a whole class or none of it,
/// after adverbs that bound the sweep (`nearly`, `almost`): a sweeping
/// pronoun (`[claim-sweeping-pronouns]`: `nobody`, `everyone`; `no one`)
/// or a partitive (`[claim-partitive-quantifiers]` + `of`: `most of that
/// money`, `all of the units`) with its noun phrase. Its end and whether
/// its head is plural (a partitive agrees with its noun: `most of the
/// units are`, `most of that money has`).
fn sweeping_subject(
    tokens: &[Token],
    words: &[Cow<'_, str>],
    start: usize,
) -> Option<(usize, bool)> {
    let at = past_adverbs(tokens, start);
    let w = words.get(at)?.as_ref();
    if SWEEPING_PRONOUNS.contains(&w) {
        return Some((at + 1, false));
    }
    if w == "no" && words.get(at + 1).is_some_and(|n| n == "one") {
        return Some((at + 2, false));
    }
    if !(PARTITIVES.contains(&w) && words.get(at + 1).is_some_and(|n| n == "of")) {
        return None;
    }
    // The noun phrase after `of`: determiners, possessives, numbers,
    // adjectives and nouns (`that money`, `the world's topsoil`, `the new
    // units`); its head is its last noun.
    let mut end = at + 2;
    let mut head = None;
    while let Some(t) = tokens.get(end) {
        let possessive = ["'s", "’s", "'", "’"].contains(&words[end].as_ref());
        if !(possessive
            || matches!(
                t.upos,
                Upos::Det | Upos::Num | Upos::Adj | Upos::Noun | Upos::Propn
            ))
        {
            break;
        }
        if is(t, Upos::Noun) {
            head = Some(t.is_plural());
        }
        end += 1;
    }
    head.map(|plural| (end, plural))
}

/// The end of a bare noun phrase opening at `start` and whether its head
/// (its last word) is plural: adjectives, nouns, gerunds and a capitalised
/// first modifier (`Short-term rentals`, `Naloxone vending machines`),
/// joined by a conjunction (`Trees and power lines`). A name inside it
/// (`Sports Illustrated's…`, `Crime Watch Daily`) or a gerund opening it
/// (`weakening unions is…`, a clause) is no class. A singular head is a
/// mass noun (`Raw milk`, `Funding`) only with no name at all in the
/// phrase, since a capitalised word alone may be one; after a quantifier
/// (`every dollar`) it is a count noun.
fn bare_noun_phrase(
    tokens: &[Token],
    words: &[Cow<'_, str>],
    start: usize,
    quantified: bool,
) -> Option<(usize, bool)> {
    let mut end = start;
    let mut head = None;
    let mut named = false;
    // The tagger reads a sentence's first word as an imperative verb where
    // it is the subject's noun ("Ridership/VERB on the Crane Island run has
    // fallen…"): one that is no gerund and has a preposition after it is
    // read as a singular head (an imperative takes an object first:
    // "Protect your player", "Visit the museum").
    if start == 0
        && tokens
            .first()
            .is_some_and(|t| is(t, Upos::Verb) && t.feats.verb_form != Some(VerbForm::Ger))
        && tokens.get(1).is_some_and(|n| is(n, Upos::Adp))
        && !quantified
        && !words[0].ends_with('s')
    {
        return Some((1, false));
    }
    while let Some(t) = tokens.get(end) {
        let gerund = is(t, Upos::Verb) && t.feats.verb_form == Some(VerbForm::Ger);
        // A possessive (the tagger may read `’s` as a noun) determines the
        // phrase: "Today's story is…" is about one story, not a class.
        let possessive = ["'s", "’s", "'", "’"].contains(&words[end].as_ref());
        if gerund && end == start || is(t, Upos::Propn) && end > start || possessive {
            return None;
        }
        // A noun of time after the head dates the class and ends the
        // phrase ("Audiences today have…"); the tagger reads it as the
        // phrase's new head.
        if end > start && TIME_NOUNS.contains(&words[end].as_ref()) {
            break;
        }
        let modifier = matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Propn) || gerund;
        let joins = is(t, Upos::Cconj)
            && tokens
                .get(end + 1)
                .is_some_and(|n| matches!(n.upos, Upos::Adj | Upos::Noun));
        if !(modifier || joins) {
            break;
        }
        named |= is(t, Upos::Propn);
        head = is(t, Upos::Noun).then(|| (end, t.is_plural()));
        end += 1;
    }
    let (at, plural) = head?;
    (at + 1 == end && (plural || quantified || !named && is_mass(&tokens[at])))
        .then_some((end, plural))
}

/// A singular common noun: the head of a bare mass-noun subject.
fn is_mass(t: &Token) -> bool {
    t.feats.number == Some(Number::Sing)
}

/// The subject's finite verb: the first after the noun phrase, past a
/// relative clause's own (`Towns that have passed caps have seen…`). A
/// comma or semicolon first ends the search: the clause is not simple.
fn main_verb(
    tokens: &[Token],
    words: &[Cow<'_, str>],
    np_end: usize,
    plural: bool,
) -> Option<usize> {
    let reduced = reduced_relative(tokens, np_end);
    let mut relative = words
        .get(np_end)
        .is_some_and(|w| RELATIVES.contains(&w.as_ref()))
        || reduced;
    let mut k = np_end;
    // Where the last relative clause's verb group ended: a pronoun right
    // there is that verb's object ("Nearly every rider who has won it has
    // gone on…"), not the next verb's subject.
    let mut relative_end = None;
    while let Some(t) = tokens.get(k) {
        if t.is_finite_verb() || plural && !relative && bare_present(tokens, words, k) {
            // A pronoun right before the verb is its subject: the verb is
            // another clause's ("No need to list the officials he's fired").
            // A likeness closing the subject ("Every job at a plant like
            // this supports…") is no subject of its own.
            if k > 0
                && is(&tokens[k - 1], Upos::Pron)
                && likened(words, k) == k
                && !RELATIVES.contains(&words[k - 1].as_ref())
                && k != np_end + 1
                && relative_end != Some(k - 1)
            {
                return None;
            }
            if !relative {
                return Some(k);
            }
            relative = false;
            k += 1;
            // A reduced relative's participle has no verb group, and a
            // relative's lexical verb ends its group: the next finite verb
            // is the subject's ("gear sold online is unsafe", "Homeowners
            // … who switched have almost universally been satisfied").
            while tokens.get(k).is_some_and(|t| {
                matches!(t.upos, Upos::Verb | Upos::Aux | Upos::Adv | Upos::Part)
                    && !((reduced || is(&tokens[k - 1], Upos::Verb)) && t.is_finite_verb())
            }) {
                k += 1;
            }
            relative_end = Some(k);
            continue;
        }
        if is(t, Upos::Punct) && [",", ";", ":"].contains(&words[k].as_ref()) {
            return None;
        }
        // A relative clause after the subject's prepositional phrase
        // ("Homeowners in Maine who switched have…") has its own verb.
        relative |= k > np_end && RELATIVES.contains(&words[k].as_ref());
        k += 1;
    }
    None
}

/// A plural subject's present verb whose features the tagger got wrong: a
/// bare form (no `-s`, `-ed` or `-ing`) read as an infinitive with no verb
/// group before it ("Beer drinkers now overwhelmingly prefer/Inf local
/// brands") or as a singular present ("Jails that bring medical care
/// in-house spend/Sing less"). A bare form after `to`, a modal or an
/// auxiliary is that group's infinitive; one read as a past ("cut", "put")
/// stays a past, since the form alone cannot tell.
fn bare_present(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> bool {
    let t = &tokens[k];
    let w = words[k].as_ref();
    let form = match t.feats.verb_form {
        Some(VerbForm::Inf) => true,
        Some(VerbForm::Fin) => {
            t.feats.tense == Some(Tense::Pres) && t.feats.number == Some(Number::Sing)
        }
        _ => false,
    };
    is(t, Upos::Verb)
        && form
        && w.chars().all(|c| c.is_ascii_lowercase())
        && !(w.ends_with('s') || w.ends_with("ed") || w.ends_with("ing"))
        && k > 0
        && !(matches!(tokens[k - 1].upos, Upos::Aux | Upos::Part)
            || words[k - 1] == "to"
            || MODALS.contains(&words[k - 1].as_ref()))
        && !(k > 1
            && is(&tokens[k - 1], Upos::Adv)
            && (matches!(tokens[k - 2].upos, Upos::Aux | Upos::Part)
                || MODALS.contains(&words[k - 2].as_ref())))
}

/// The main verb of a sentence the tagger left with no finite verb, having
/// read a present verb as a noun (`Cold weather cuts every battery's
/// range…`, `Property values within two miles of a turbine drop by 40
/// percent`): a noun after the subject's head (inside the bare noun phrase
/// `start..end` or after it), agreeing with that head as a verb would (an
/// -s form after a singular, a bare form after a plural), and followed by
/// a determiner or `by` and a measure, as a verb's object or change is.
/// Its index and whether its subject is plural.
fn verb_read_as_noun(
    tokens: &[Token],
    words: &[Cow<'_, str>],
    start: usize,
    end: usize,
) -> Option<(usize, bool)> {
    if tokens.iter().any(Token::is_finite_verb) {
        return None;
    }
    (start + 1..tokens.len()).find_map(|k| {
        let head = if k < end { k - 1 } else { end - 1 };
        let subject = &tokens[head];
        if !(is(&tokens[k], Upos::Noun) && is(subject, Upos::Noun)) {
            return None;
        }
        let plural = subject.is_plural();
        let form = words[k].ends_with('s') != plural;
        // Adverbs between the subject's head and the noun ("Authors
        // overwhelmingly side with…"): a noun cannot follow its phrase's
        // head past an adverb, so it is the verb whatever follows.
        let adverbs = k > end && tokens[end..k].iter().all(|t| is(t, Upos::Adv));
        // A comparative quantity after it is its object ("Fall cleanup
        // kills more pollinators than…", "A campus this size draws as much
        // electricity as…").
        let compared = words
            .get(k + 1)
            .is_some_and(|w| ["more", "fewer", "less"].contains(&w.as_ref()))
            || words.get(k + 1).is_some_and(|w| w == "as")
                && words
                    .get(k + 2)
                    .is_some_and(|w| ["much", "many"].contains(&w.as_ref()));
        let object = adverbs && tokens.get(k + 1).is_some_and(|n| !is(n, Upos::Punct))
            || compared
            || tokens.get(k + 1).is_some_and(|n| {
                is(n, Upos::Det)
                    || words[k + 1] == "by"
                        && tokens
                            .get(k + 2)
                            .is_some_and(|m| matches!(m.upos, Upos::Num | Upos::Adv | Upos::Det))
            });
        (form && object).then_some((k, plural))
    })
}

/// A past form right after the noun phrase and before a preposition opens
/// a reduced relative clause ("Every dollar spent on a library returns…"),
/// which the tagger reads as a finite past; it is skipped like a relative
/// clause's own verb only when a present verb follows with no conjunction
/// or comma before it (not "Rents rose in June and remain high").
fn reduced_relative(tokens: &[Token], at: usize) -> bool {
    let Some(t) = tokens.get(at) else {
        return false;
    };
    let past = is(t, Upos::Verb) && t.is_finite_verb() && t.feats.tense == Some(Tense::Past);
    if !(past
        && tokens
            .get(at + 1)
            .is_some_and(|n| is(n, Upos::Adp) || is(n, Upos::Adv)))
    {
        return false;
    }
    tokens[at + 1..]
        .iter()
        .take_while(|n| !matches!(n.upos, Upos::Cconj | Upos::Punct))
        .find(|n| n.is_finite_verb())
        .is_some_and(|n| n.feats.tense == Some(Tense::Pres))
}

/// A passive verb group (`have been ordered`, `are limited to`, `will be
/// halted`, `are being turned into`): something done to the subject, an
/// event, a rule or an announcement reported, not a claim about what the
/// class does.
fn passive(tokens: &[Token], words: &[Cow<'_, str>], verb: usize) -> bool {
    let mut k = verb;
    let mut be = false;
    while let Some(t) = tokens.get(k) {
        if BE.contains(&words[k].as_ref()) {
            be = true;
        } else if !(k == verb || matches!(t.upos, Upos::Adv | Upos::Aux | Upos::Part)) {
            break;
        }
        k += 1;
    }
    be && tokens.get(k).is_some_and(|t| {
        is(t, Upos::Verb)
            && t.feats.verb_form == Some(VerbForm::Part)
            && t.feats.tense == Some(Tense::Past)
    })
}

/// `will` (or `'ll`) and a verb of effect or change as the sentence's
/// first finite verb: not inside a clause that reports what someone said
/// or thinks (`declared that he will…`), a relative clause (`systems
/// that will replace…`) or a condition (`tough to say if it will…`).
fn predicts(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(first) = tokens.iter().position(Token::is_finite_verb) else {
        return false;
    };
    let will = first;
    if !(is(&tokens[will], Upos::Aux) && ["will", "'ll", "’ll"].contains(&words[will].as_ref()))
        || words[..will].iter().any(|w| w == "that")
    {
        return false;
    }
    // Adverbs and particles between `will` and its verb; a negation among
    // them ("will not pass until…") denies rather than predicts.
    let skipped = tokens[will + 1..]
        .iter()
        .take_while(|t| matches!(t.upos, Upos::Adv | Upos::Part))
        .count();
    let verb = will + 1 + skipped;
    !words[will + 1..verb]
        .iter()
        .any(|w| NEGATIONS.contains(&w.as_ref()))
        && words
            .get(verb)
            .is_some_and(|w| EFFECT_VERBS.contains(&w.as_ref()))
}

/// Ordinals that state a record (`[claim-record-ordinals]`: `first`,
/// `last`).
static RECORD_ORDINALS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-record-ordinals"));
/// Nouns after an ordinal that count one story's occasions, not a record
/// in the world (`[claim-not-record-nouns]`: "It was the first time…").
static NOT_RECORD_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-record-nouns"));
/// Prepositions that name a maker or a part rather than the scope of a
/// record (`[claim-not-scope-prepositions]`: "the first game from
/// Quillmoor Studio", "the first of his career").
static NOT_SCOPE: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-scope-prepositions"));

/// A record stated in the past (session 27): the main clause's first
/// finite verb is `was` or `were` (not in a relative clause: "who in 1974
/// became the first…" is the obituary's aside), then `the` or a
/// possessive, an ordinal of record (`first`, `last`), a noun phrase, and
/// a scope that reaches past the story: `ever` ("the first woman ever to
/// carve…"), `anywhere`, or within the noun's own clause a preposition
/// opening a name or a quantified phrase ("the first union contract for
/// hotel housekeepers in the South", "the last living link to the Kansas
/// City style"), not inside an infinitive's (below). Without a
/// noun ("the first of his career") or a scope ("was the first
/// speaker") it tells the story's own order of events. A present record
/// is left to [`ranks`]: "It is the first game from…" is a product's
/// fact of record.
fn records(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(be) = main_clause_verb(tokens, words, &["was", "were"]) else {
        return false;
    };
    let Some(k) = ranking_determiner(tokens, words, past_adverbs(tokens, be + 1)) else {
        return false;
    };
    if !words
        .get(k)
        .is_some_and(|w| RECORD_ORDINALS.contains(&w.as_ref()))
    {
        return false;
    }
    // The noun phrase: adjectives, nouns, names and participles
    // (`successful`, `living`, `textile`), ending on a common noun.
    let mut j = k + 1;
    while tokens.get(j).is_some_and(|t| {
        matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Propn)
            || is(t, Upos::Verb)
                && matches!(t.feats.verb_form, Some(VerbForm::Ger | VerbForm::Part))
                && tokens
                    .get(j + 1)
                    .is_some_and(|n| matches!(n.upos, Upos::Adj | Upos::Noun))
    }) {
        j += 1;
    }
    if j == k + 1
        || !is(&tokens[j - 1], Upos::Noun)
        || NOT_RANKED.contains(&words[j - 1].as_ref())
        || NOT_RECORD_NOUNS.contains(&words[j - 1].as_ref())
    {
        return false;
    }
    if words.get(j).is_some_and(|w| w == "ever") {
        return true;
    }
    // The rest of the clause: up to a comma, a subordinate or relative
    // clause, or an infinitive. "The first person to teach a Chicana
    // history class at San Diego State", "the first NFL player to sit
    // during the anthem", "the first Category 4 storm to make landfall in
    // Texas": a first act told with its doer is a fact of record in news
    // (the labelling guide's), and on the labelled real pages all three
    // such findings were false; `ever` before the infinitive still makes
    // it a sweep over all time ("the first woman ever to carve…").
    let end = (j..tokens.len())
        .find(|&m| {
            let w = words[m].as_ref();
            [",", ";", ":"].contains(&w)
                || is(&tokens[m], Upos::Sconj)
                || RELATIVES.contains(&w)
                || w == "to"
                    && tokens
                        .get(past_adverbs(tokens, m + 1))
                        .is_some_and(|t| is(t, Upos::Verb) || is(t, Upos::Aux))
        })
        .unwrap_or(tokens.len());
    (j..end).any(|m| {
        words[m] == "anywhere"
            || !NOT_SCOPE.contains(&words[m].as_ref()) && wide_scope(tokens, words, m)
    })
}

/// The copula a ranking is stated with: the main clause's first finite
/// verb, `is`, `are` or a contracted `'s` ("It's the most important record
/// since…"), or a present perfect `has been`/`have been` ("has been the
/// league's most overworked goalie since…": a ranking that still holds).
/// Its index, the last word of the verb group (`been` for a perfect).
fn ranking_copula(tokens: &[Token], words: &[Cow<'_, str>]) -> Option<usize> {
    let be = main_clause_verb(tokens, words, &["is", "are", "'s", "’s", "has", "have"])?;
    if !["has", "have"].contains(&words[be].as_ref()) {
        return Some(be);
    }
    let been = past_adverbs(tokens, be + 1);
    words.get(been).is_some_and(|w| w == "been").then_some(been)
}

/// What determines a ranked phrase at `k`: `the`, a possessive name (`the
/// league's`, `Britain's`) or both. The index after it.
fn ranking_determiner(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> Option<usize> {
    let possessive = |at: usize| {
        words
            .get(at)
            .is_some_and(|w| ["'s", "’s"].contains(&w.as_ref()))
    };
    let named = |at: usize| {
        tokens
            .get(at)
            .is_some_and(|t| matches!(t.upos, Upos::Noun | Upos::Propn))
            && possessive(at + 1)
    };
    if words.get(k).is_some_and(|w| w == "the") {
        Some(if named(k + 1) { k + 3 } else { k + 1 })
    } else {
        (tokens.get(k).is_some_and(|t| is(t, Upos::Propn)) && named(k)).then_some(k + 2)
    }
}

/// Nouns that, after `the only`, name a sole means or cause (`way`,
/// `reason`, `cure`): with an infinitive after them the ranking is a claim
/// ("the only realistic way to stop the exodus"), where `the only player
/// to score twice` is a record.
static ONLY_NOUNS: LazyLock<&[&str]> = LazyLock::new(|| crate::lexicon::words("claim-only-nouns"));

/// A ranking by `the only`: the ranking copula ([`ranking_copula`]), a
/// determiner ([`ranking_determiner`]), `only`, and the scope
/// [`only_one`] reads.
fn sole(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(be) = ranking_copula(tokens, words) else {
        return false;
    };
    let Some(k) = ranking_determiner(tokens, words, past_adverbs(tokens, be + 1)) else {
        return false;
    };
    words.get(k).is_some_and(|w| w == "only") && only_one(tokens, words, k + 1)
}

/// After `the only` (at `k`, the word after `only`): a noun phrase and what
/// makes it sole in the world rather than in the story. A clause in the
/// present about it, with a relative pronoun or none ("the only news
/// outlet in the state that isn't bought", "the only Dutch oven
/// professional bakers trust", "the only reason they concede so few
/// goals"), past one phrase of place; or `to` and a verb after an
/// evaluated noun or a sole means (`the only realistic way to stop`). A
/// clause in the past or perfect tells a record ("the only player who has
/// won both", "the only woman to serve on the council").
fn only_one(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> bool {
    // A pronoun subject ("This is the only way to get that information")
    // points at something in the story, a step or a thing just named.
    if tokens.first().is_none_or(|t| is(t, Upos::Pron)) {
        return false;
    }
    let mut m = k;
    let mut evaluated = false;
    while tokens
        .get(m)
        .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Propn))
    {
        evaluated |= is(&tokens[m], Upos::Adj) && words[m] != "other";
        m += 1;
    }
    if m == k || !tokens[m - 1].is_nominal() {
        return false;
    }
    let head = words[m - 1].as_ref();
    if words.get(m).is_some_and(|w| w == "to")
        && tokens.get(m + 1).is_some_and(|t| is(t, Upos::Verb))
    {
        return evaluated || ONLY_NOUNS.contains(&head);
    }
    // A sole answer to a problem (`the only cure for`, `the only answer to
    // the housing crisis`).
    if ONLY_NOUNS.contains(&head) && words.get(m).is_some_and(|w| w == "for" || w == "to") {
        return true;
    }
    // One phrase of place or scope (`in the state`, `on the market`).
    if tokens.get(m).is_some_and(|t| is(t, Upos::Adp)) {
        m = past_tags(tokens, m + 1, PLACE_OBJECT);
    }
    if words
        .get(m)
        .is_some_and(|w| RELATIVES.contains(&w.as_ref()))
    {
        m += 1;
    }
    // The clause's subject (a pronoun, a short noun phrase) and its verb.
    let verb = tokens[m..]
        .iter()
        .take(4)
        .position(|t| t.is_finite_verb() || is(t, Upos::Punct) || is(t, Upos::Adp))
        .map(|v| m + v);
    verb.is_some_and(|v| {
        let t = &tokens[v];
        t.is_finite_verb()
            && t.feats.tense == Some(Tense::Pres)
            && !["has", "have"].contains(&words[v].as_ref())
            && !MODALS.contains(&words[v].as_ref())
    })
}

/// Quantities that make an existential sentence a sweep: `no` (`no other`),
/// `few` (not `a few`), `hundreds`, `thousands`, `millions` (`of`).
static EXISTENTIAL_SWEEPS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-existential-sweeps"));

/// An existential sentence in the present that sweeps: `there is`/`there
/// are` as the main clause (nothing before `there` but a conjunction or
/// adverb), then a sweeping quantity (`[claim-existential-sweeps]`: `no`,
/// `few`, `hundreds of`; `not a single`), its noun phrase and a scope that
/// says what holds of the whole set: a clause in the present about it
/// ("There is no other public space in America that does so much for so
/// little"), a preposition opening a name or a quantifier (`in America`,
/// `in any state`), `that` and a clause after a noun such as `evidence`,
/// `where` and a clause after a place, or a measure ("hundreds of dams one flood away from failing"). "There is no
/// parking at the venue" (service: no scope past the place) and "There
/// were hundreds of people in line" (the past: a scene) stay quiet.
fn sweeps_existence(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(there) = words.iter().position(|w| w == "there") else {
        return false;
    };
    if !tokens[..there]
        .iter()
        .all(|t| matches!(t.upos, Upos::Cconj | Upos::Adv))
    {
        return false;
    }
    let be = there + 1;
    if !words
        .get(be)
        .is_some_and(|w| ["is", "are", "'s", "’s"].contains(&w.as_ref()))
    {
        return false;
    }
    let mut k = past_adverbs(tokens, be + 1);
    // `not a single`, `not one`: a denial that sweeps like `no`.
    let denies = words
        .get(k)
        .is_some_and(|w| NEGATIONS.contains(&w.as_ref()));
    if denies {
        let single = words.get(k + 1).is_some_and(|w| w == "one")
            || words.get(k + 1).is_some_and(|w| w == "a")
                && words.get(k + 2).is_some_and(|w| w == "single");
        if !single {
            return false;
        }
        k += if words[k + 1] == "one" { 2 } else { 3 };
    } else {
        let Some(w) = words.get(k) else {
            return false;
        };
        if !EXISTENTIAL_SWEEPS.contains(&w.as_ref()) {
            return false;
        }
        k += 1;
        if words.get(k).is_some_and(|w| w == "of") {
            k += 1;
        }
    }
    let np = k;
    k = past_tags(tokens, k, NOMINAL);
    if k == np || !tokens[k - 1].is_nominal() {
        return false;
    }
    if tokens.get(k).is_some_and(|t| is(t, Upos::Num)) {
        return true;
    }
    if wide_scope(tokens, words, k) {
        return true;
    }
    // Past one phrase of place (`in America`, `on the river`) to the clause
    // that says what holds of the set.
    if tokens.get(k).is_some_and(|t| is(t, Upos::Adp)) {
        k = past_tags(tokens, k + 1, PLACE_OBJECT);
    }
    if tokens.get(k).is_some_and(|t| is(t, Upos::Num)) {
        return true;
    }
    if !words
        .get(k)
        .is_some_and(|w| RELATIVES.contains(&w.as_ref()) || w == "that" || w == "where")
    {
        return false;
    }
    tokens[k + 1..]
        .iter()
        .take(4)
        .find(|t| t.is_finite_verb())
        .is_some_and(|t| t.feats.tense != Some(Tense::Past))
}

/// A trend under way with a comparative: the verb at `verb` is a
/// progressive of a verb of becoming or change (`are becoming`, `is
/// getting`, `are growing`) and a comparative follows (`more frequent`,
/// `worse`, `harder`): "Ice storms like this one are becoming more frequent
/// as winters get warmer". Like a count, it measures the class against
/// its past, so the generic shape asks less of the model.
fn grows_comparative(tokens: &[Token], words: &[Cow<'_, str>], verb: usize) -> bool {
    if !BE.contains(&words[verb].as_ref()) {
        return false;
    }
    let v = past_adverbs(tokens, verb + 1);
    let becoming = tokens.get(v).is_some_and(|t| {
        is(t, Upos::Verb)
            && (TREND_VERBS.contains(&words[v].as_ref())
                || CHANGE_VERBS.contains(&words[v].as_ref()) && words[v].ends_with("ing"))
    });
    becoming && comparative_after(tokens, words, v + 1)
}

/// A comparative at `k` or after adverbs that grade it (`even lower`,
/// `far more frequent`): [`comparative_at`], where an adverb that is
/// itself a comparative (`more`, `longer`) is not skipped.
fn comparative_after(tokens: &[Token], words: &[Cow<'_, str>], mut k: usize) -> bool {
    while !comparative_at(tokens, words, k) {
        if !tokens.get(k).is_some_and(|t| is(t, Upos::Adv)) {
            return false;
        }
        k += 1;
    }
    true
}

/// Progressives that carry a comparative (`becoming more frequent`,
/// `getting worse`).
static TREND_VERBS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-trend-verbs"));

/// -er words that are not comparatives (`forever`, `over`, `bitter`).
static NOT_COMPARATIVES: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-not-comparatives"));

/// A comparative at `k`: `[claim-comparatives]` (`more`, `worse`) or an
/// -er adjective or adverb (`harder`, `cheaper`; not
/// `[claim-not-comparatives]`: `forever`, `over`). With no `than` after it
/// nothing else shows the degree, so the -er word is checked against that
/// list.
fn comparative_at(tokens: &[Token], words: &[Cow<'_, str>], k: usize) -> bool {
    tokens.get(k).is_some_and(|t| {
        let w = words[k].as_ref();
        COMPARATIVES.contains(&w)
            || matches!(t.upos, Upos::Adj | Upos::Adv)
                && w.len() > 4
                && w.ends_with("er")
                && !NOT_COMPARATIVES.contains(&w)
    })
}

/// A prediction stated as fact the first-verb reading ([`predicts`]) does
/// not see: in a main clause after `, and`, `, but` or `;` ("…are losing
/// the price war, and their stocks will keep sliding"), `will be` with a
/// comparative ("Turnout this time will be even lower"), or `is going to`,
/// `is set to` or `is poised to` with a verb of effect ("Holiday spending is
/// going to break records", "Demand is set to triple by 2030").
/// Not in a clause of condition, time or report (`if`, `when`, `that`
/// before the verb), not negated.
fn forecasts(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let starts = std::iter::once(0).chain((0..words.len()).filter_map(|i| {
        if words[i] == ";" {
            Some(i + 1)
        } else {
            (words[i] == ","
                && words
                    .get(i + 1)
                    .is_some_and(|w| ["and", "but"].contains(&w.as_ref())))
            .then_some(i + 2)
        }
    }));
    starts.into_iter().any(|s| forecasts_from(tokens, words, s))
}

/// [`forecasts`] for the clause opening at `s`.
fn forecasts_from(tokens: &[Token], words: &[Cow<'_, str>], s: usize) -> bool {
    let Some(f) = (s..tokens.len()).find(|&k| tokens[k].is_finite_verb()) else {
        return false;
    };
    if tokens[s..f].iter().zip(&words[s..f]).any(|(t, w)| {
        is(t, Upos::Sconj) || is(t, Upos::Punct) || w == "that" || RELATIVES.contains(&w.as_ref())
    }) || word_before_adverbs(tokens, f).is_none_or(|b| b < s)
    {
        return false;
    }
    let after = |k: usize| past_adverbs(tokens, k);
    let negated = |from: usize, to: usize| {
        words[from..to.min(words.len())]
            .iter()
            .any(|w| NEGATIONS.contains(&w.as_ref()))
    };
    let w = words[f].as_ref();
    if ["will", "'ll", "’ll"].contains(&w) {
        let v = after(f + 1);
        if negated(f + 1, v) {
            return false;
        }
        let effect = s > 0
            && words
                .get(v)
                .is_some_and(|w| EFFECT_VERBS.contains(&w.as_ref()));
        let grows =
            words.get(v).is_some_and(|w| w == "be") && comparative_after(tokens, words, v + 1);
        return effect || grows;
    }
    // `is going to break`, `are going to cost`; `is set to triple`, `are
    // poised to double` (a forecast stated as the writer's own).
    BE.contains(&w)
        && words
            .get(f + 1)
            .is_some_and(|w| ["going", "set", "poised"].contains(&w.as_ref()))
        && words.get(f + 2).is_some_and(|w| w == "to")
        && words
            .get(f + 3)
            .is_some_and(|w| EFFECT_VERBS.contains(&w.as_ref()))
}

/// Nouns that name a wrong (`scam`, `scheme`, `hoax`, `front`).
static CHARGE_NOUNS: LazyLock<&[&str]> =
    LazyLock::new(|| crate::lexicon::words("claim-charge-nouns"));

/// A charge made by naming the thing a wrong: the main clause's first
/// finite verb a present copula (`is`, `are`; not negated, not in a
/// relative clause), its subject not a pronoun, then `a`/`an`/`the`, any
/// adjectives and a noun of `[claim-charge-nouns]` ("The movement is a
/// scam run by coastal elites", "The grant program is nothing but a
/// giveaway to donors"). A pronoun subject ("It's a scam", "This is a con") is as
/// often a reader's warning or a review's quip.
fn charged_as(tokens: &[Token], words: &[Cow<'_, str>]) -> bool {
    let Some(be) = main_clause_verb(tokens, words, &["is", "are"]) else {
        return false;
    };
    if word_before_adverbs(tokens, be).is_none_or(|s| is(&tokens[s], Upos::Pron)) {
        return false;
    }
    let mut k = be + 1;
    while tokens.get(k).is_some_and(|t| is(t, Upos::Adv)) {
        if NEGATIONS.contains(&words[k].as_ref()) {
            return false;
        }
        k += 1;
    }
    if !words
        .get(k)
        .is_some_and(|w| ["a", "an", "the", "nothing"].contains(&w.as_ref()))
    {
        return false;
    }
    k += 1;
    if words.get(k).is_some_and(|w| w == "but" || w == "more") {
        k += 1;
        if words.get(k).is_some_and(|w| w == "than") {
            k += 1;
        }
        if words
            .get(k)
            .is_some_and(|w| ["a", "an"].contains(&w.as_ref()))
        {
            k += 1;
        }
    }
    while tokens
        .get(k)
        .is_some_and(|t| matches!(t.upos, Upos::Adj | Upos::Noun | Upos::Propn))
    {
        if CHARGE_NOUNS.contains(&words[k].as_ref()) {
            return true;
        }
        k += 1;
    }
    false
}
