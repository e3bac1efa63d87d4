//! The writer's stance in a sentence's main clause: a guess about what may
//! happen, or what ought to. The labelling guide makes both "not a claim"
//! (docs/claim-labelling.md §3: hedged predictions by the writer are N,
//! recommendations are N; a confident forecast stays a claim, and so does a
//! hedged claim about the past, "the plant likely caused the fish kill").
//!
//! Read from the tagger's tokens and the word lists `speculative_modals`,
//! `stance_hedges`, `obligation`, `irrealis` and `conditions`: the main
//! clause is what follows a fronted subordinate clause set off by a comma
//! ("If Democrats take the Senate, they would …"), and its stance is that of
//! its first verb.

use copydesk_tagger::{Token, Upos};

use crate::features::Lowered;
use crate::lexicon::LEXICON;

/// Why a sentence's main clause asserts nothing checkable.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    /// A possibility or a hedged forecast: "The deal could collapse",
    /// "Prices will likely fall", "If they win, they would …", "One of his
    /// first battles is likely to be over the wall".
    Speculation,
    /// What ought to happen: "Democrats should not hesitate", "We need
    /// leaders who …".
    Recommendation,
    /// The writer's judgement: `it`, `this` or `that` as subject, a form of
    /// `be` or `seem`, and an adjective ("This is unsettling because …",
    /// "That seems disingenuous, because …", "It's impossible to …", "It is
    /// unfortunate that …"). What was said before, or the clause after,
    /// is rated, not reported; a `because` gives the writer's reason for
    /// the rating. Not an adjective that states something checkable
    /// (`claim_adjectives.txt`: "It is common for …", "It is clear that
    /// …"), nor a comparison ("It is cheaper than …", "more dangerous").
    Evaluation,
}

const BE: &[&str] = &["is", "are", "was", "were", "be", "'s", "'re", "been"];
const WOULD: &[&str] = &["would", "'d", "wouldn't"];
const WILL: &[&str] = &["will", "'ll", "won't", "can", "can't", "cannot"];
const RELATIVE: &[&str] = &["who", "which", "that", "whose", "whom"];
const COMPARATIVE: &[&str] = &["more", "less", "most", "least", "as", "twice"];
const NEGATION: &[&str] = &["not", "n't", "never"];
/// "Residents should expect to be out for a week": a forecast, not advice.
const FORECAST: &[&str] = &["expect", "anticipate"];
const FIRST_PERSON: &[&str] = &["we", "i"];
/// Subjects that point back to what was said, or forward to an
/// extraposed clause.
const POINTING: &[&str] = &["it", "this", "that"];
const SEEM: &[&str] = &["seem", "seems", "seemed", "been", "be"];
const DEGREE: &[&str] = &["more", "most", "less", "least", "than"];

/// The stance of the sentence's main clause, if it is not an assertion.
pub fn stance(text: &str, tokens: &[Token]) -> Option<Stance> {
    let lower = Lowered::new(text, tokens);
    let words = lower.words();
    let lx = &*LEXICON;
    let n = words.len();
    // A fronted subordinate clause ends at its comma; with no comma the
    // sentence is a fragment, and its stance is not read.
    let fronted = lx.conditions.match_at(&words, 0).is_some()
        || lx.subordinators.match_at(&words, 0).is_some()
        || tokens.first().is_some_and(|t| t.upos == Upos::Sconj);
    let from = if fronted {
        words.iter().position(|w| *w == ",")? + 1
    } else {
        0
    };
    // Before the verb: the tagger may read "Sure sounds like …" as a noun.
    if impression(tokens, &words, from) {
        return Some(Stance::Speculation);
    }
    let first = (from..n).find(|&i| matches!(tokens[i].upos, Upos::Aux | Upos::Verb))?;
    // "Those who could afford it left": the first verb is the subject's own
    // relative clause; the main clause's is the next finite verb past it.
    let v = if words[from..first].iter().any(|w| RELATIVE.contains(w)) {
        main_after_relative(tokens, first)?
    } else {
        first
    };
    let next = (v + 1..n).find(|&j| !matches!(tokens[j].upos, Upos::Adv | Upos::Part));
    let next_word = next.map_or("", |j| words[j]);
    // Adverbs around the verb: "will likely", "likely will", "can potentially".
    let around = v.saturating_sub(1)..next.unwrap_or(n);
    let hedged = around
        .clone()
        .any(|i| lx.stance_hedges.match_at(&words, i).is_some());
    let w = words[v];
    let negated = words[v + 1..next.unwrap_or(n)]
        .iter()
        .any(|w| NEGATION.contains(w))
        || w.ends_with("n't");
    if lx.speculative_modals.match_at(&words, v).is_some() {
        // "may have caused": a hedged claim about the past stays a claim;
        // "could not confirm", "could not be clearer": no possibility.
        return (next_word != "have" && !negated).then_some(Stance::Speculation);
    }
    if WOULD.contains(&w) {
        // A bare "would" is a forecast like "will"; with a condition or a
        // hedge it is an imagined case.
        return (hedged || lx.conditions.any(&words)).then_some(Stance::Speculation);
    }
    if WILL.contains(&w) {
        return hedged.then_some(Stance::Speculation);
    }
    if BE.contains(&w) && matches!(next_word, "likely" | "unlikely") {
        let compared = words[v + 1..next.unwrap_or(n)]
            .iter()
            .any(|w| COMPARATIVE.contains(w));
        let ahead = &words[next.unwrap_or(n)..];
        // "If …, it's likely that … would": an imagined case. "He is likely
        // to get the maximum" forecasts the story's outcome, and "it's
        // likely that he knew" hedges a claim about the past: both claims.
        let forecast = ahead.iter().any(|w| WOULD.contains(w) || WILL.contains(w));
        return (!compared && forecast && lx.conditions.any(&words)).then_some(Stance::Speculation);
    }
    if evaluates(tokens, &words, from, v) {
        return Some(Stance::Evaluation);
    }
    if lx.obligation.match_at(&words, v).is_some() {
        // "must have known" infers a fact. "have to", "needs to" after a
        // noun may sit in its relative clause ("the things Republicans have
        // to tell themselves"); only a pronoun subject is sure.
        let modal = tokens[v].upos == Upos::Aux;
        let pronoun = v > from && tokens[v - 1].upos == Upos::Pron;
        let infers = w == "must" && next_word == "have";
        return (!infers && !FORECAST.contains(&next_word) && (modal || pronoun))
            .then_some(Stance::Recommendation);
    }
    if w == "need" && words[from..v].iter().any(|w| FIRST_PERSON.contains(w)) {
        return Some(Stance::Recommendation);
    }
    None
}

/// Whether the main clause, which opens at `from`, reports the writer's
/// impression (`impressions.txt`: "it seems that …", "it kind of looks like
/// …", "Sure sounds like …"): a phrase where the clause opens, past
/// connectives and adverbs, or one that starts with `it` before the clause's
/// first verb ("For many in the valley, it seems that …").
fn impression(tokens: &[Token], words: &[&str], from: usize) -> bool {
    let n = words.len();
    let Some(opens) = (from..n).find(|&i| {
        !matches!(
            tokens[i].upos,
            Upos::Adv | Upos::Cconj | Upos::Intj | Upos::Punct
        )
    }) else {
        return false;
    };
    let impressions = &LEXICON.impressions;
    impressions.match_at(words, opens).is_some()
        || (opens..n)
            .take_while(|&p| !matches!(tokens[p].upos, Upos::Aux | Upos::Verb))
            .any(|p| words[p] == "it" && impressions.match_at(words, p).is_some())
}

/// The main clause's verb when the first verb, at `v`, is a relative
/// clause's on the subject ("Those activists who led the campaign should
/// be ashamed", "A storm that does form and heads our way will likely be
/// stronger"): past the relative clause's verb group (auxiliaries up to its
/// verb), the first finite verb that does not continue it after `and` or
/// `or` is the main one. None when there is none.
fn main_after_relative(tokens: &[Token], v: usize) -> Option<usize> {
    let mut end = v;
    while tokens[end].upos != Upos::Verb
        && tokens
            .get(end + 1)
            .is_some_and(|t| matches!(t.upos, Upos::Aux | Upos::Verb | Upos::Adv | Upos::Part))
    {
        end += 1;
    }
    (end + 1..tokens.len()).find(|&k| {
        matches!(tokens[k].upos, Upos::Aux | Upos::Verb)
            && tokens[k].feats.is_finite()
            && tokens[k - 1].upos != Upos::Cconj
    })
}

/// Whether the main clause, whose first verb is `words[v]` and which
/// opens at `from`, rates something: a pointing pronoun just before a form
/// of `be` (or `seem`), then, past adverbs and `been`, an adjective that is
/// not compared and not one of `claim_adjectives` ([`Stance::Evaluation`]).
fn evaluates(tokens: &[Token], words: &[&str], from: usize, v: usize) -> bool {
    let pointing = v > from
        && POINTING.contains(&words[v - 1])
        && tokens[v - 1].upos == Upos::Pron
        // Only connectives and adverbs before it: "But this is …",
        // "Perhaps that's …"; not "The fact that this is …".
        && tokens[from..v - 1]
            .iter()
            .all(|t| matches!(t.upos, Upos::Adv | Upos::Cconj | Upos::Intj | Upos::Punct));
    if !pointing || !(BE.contains(&words[v]) || SEEM.contains(&words[v])) {
        return false;
    }
    let Some(a) = (v + 1..words.len())
        .find(|&j| !(matches!(tokens[j].upos, Upos::Adv | Upos::Part) || SEEM.contains(&words[j])))
    else {
        return false;
    };
    let compared = words[v + 1..a].iter().any(|w| DEGREE.contains(w))
        || words[a + 1..].iter().take(6).any(|w| DEGREE.contains(w));
    tokens[a].upos == Upos::Adj
        && !compared
        && LEXICON.claim_adjectives.match_at(words, a).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;
    use copydesk_tagger::Tagger;

    fn of(text: &str) -> Option<Stance> {
        let mut tokens = Vec::new();
        Tagger::embedded().tag(text, &mut tokens);
        stance(text, &tokens)
    }

    #[test]
    fn speculation_recommendation_and_assertion() {
        use Stance::*;
        // (sentence, stance)
        let cases = [
            ("If Democrats take the Senate, they would have an obvious fallback plan.", Some(Speculation)),
            // The writer's impression (session 15): hedged wording.
            ("For many in the valley, it seems that politicians are always subverting rural interests.", Some(Speculation)),
            ("In fact, it kind of looks like they're throwing the fight on the levy.", Some(Speculation)),
            ("Sure sounds like a fully automatic weapon, one of the most tightly controlled in the country.", Some(Speculation)),
            ("The mayor now looks like a man who has given up on the levy.", None),
            ("Tests show the tags look like new ones.", None),
            ("If ordinary people were as selfish as the Left claims, then our world would be far more horrible.", Some(Speculation)),
            ("Since this story involves Russia too, it can potentially create a fog.", Some(Speculation)),
            ("A Hillary win would likely take us back to the status quo.", Some(Speculation)),
            ("If they would clean up the water, it's likely that pollution would decline.", Some(Speculation)),
            ("The deal could collapse before the winter.", Some(Speculation)),
            ("Democrats should not hesitate to use that option.", Some(Recommendation)),
            ("Thus, we need leaders who are capable of calculated measures.", Some(Recommendation)),
            ("We need to be clear that there is no going back.", Some(Recommendation)),
            // Claims: a confident forecast, a bare would, a hedged claim
            // about the past, a comparison, an inference.
            ("Rents will double by 2030.", None),
            ("The tax would cost 40,000 jobs.", None),
            ("The plant may have caused the fish kill.", None),
            ("Students are less likely to receive financial aid.", None),
            ("Women in care deserts are twice as likely to die in childbirth.", None),
            ("He is likely to get the maximum.", None),
            ("Residents should expect to be out of their homes for a week.", None),
            ("The issue could not be more clear.", None),
            ("The things Republicans have to tell themselves take gymnastics.", None),
            ("Everyone needs to pay attention.", Some(Recommendation)),
            ("He must have known about the payments.", None),
            ("Those who could afford it left the city.", None),
            // The main clause past a relative clause on the subject.
            ("Those activists who led to his resignation should be ashamed.", Some(Recommendation)),
            ("But a hurricane that does form and heads our way will likely be stronger.", Some(Speculation)),
            ("The report that emerged shows the plant will likely close.", None),
            ("Towns that lost their mill have never recovered.", None),
            ("Gas heaters double a household's bills.", None),
            ("Because the plant closed, 300 people lost their jobs.", None),
            // The writer rating what was said, or an extraposed clause.
            ("This is unsettling because our natural response to fear is to escape.", Some(Evaluation)),
            ("It's impossible to keep things out of criminals' hands because they are stolen.", Some(Evaluation)),
            ("But it is unfortunate that the desire has resulted in silence.", Some(Evaluation)),
            // Still claims: a ranking, a checkable adjective, a comparison,
            // a noun subject, a cause of its own.
            ("It is the worst ice storm to hit the region since 1994.", None),
            ("This is already the worst flooding in the state's history.", None),
            ("It is common for landlords to raise rents after a sale.", None),
            ("It is clear that the levee failed because contractors cut corners.", None),
            ("It is cheaper to rent than to buy in most of the county.", None),
            ("This is more dangerous than any other crossing in the state.", None),
            ("Sourdough is safe for people with celiac disease because fermentation breaks down gluten.", None),
            ("This is especially troubling for the county because many of its bridges are old.", Some(Evaluation)),
            ("This is because many owners did not like how he knelt.", None),
        ];
        for (text, want) in cases {
            assert_eq!(of(text), want, "{text}");
        }
    }
}
