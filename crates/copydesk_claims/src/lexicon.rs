//! The word lists the features read (`data/*.txt`), compiled in and turned
//! into matchers once. Adding a word needs no Rust: edit the list and retrain.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::LazyLock;

/// FNV-1a: the keys are short words, where SipHash's setup dominates.
#[derive(Default)]
struct Fnv(u64);

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        let mut h = if self.0 == 0 {
            0xcbf2_9ce4_8422_2325
        } else {
            self.0
        };
        for &b in bytes {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        self.0 = h;
    }
}

/// Entries indexed by their first word, so a sentence is scanned once per
/// list with one hash lookup per word.
#[derive(Debug, Default)]
pub struct WordList {
    by_first: HashMap<String, Vec<Vec<String>>, BuildHasherDefault<Fnv>>,
    /// A quick no: the [`shape`] of every first word. Most words of a
    /// sentence start no entry of a list, and ten lists are scanned per
    /// sentence; this answers most of them without hashing the word.
    shapes: Shapes,
}

/// A set of [`shape`]s, one bit each.
#[derive(Debug)]
struct Shapes([u64; 64]);

impl Default for Shapes {
    fn default() -> Shapes {
        Shapes([0; 64])
    }
}

impl Shapes {
    fn insert(&mut self, word: &str) {
        let k = shape(word);
        self.0[k / 64] |= 1 << (k % 64);
    }

    fn may_contain(&self, word: &str) -> bool {
        self.has(shape(word))
    }

    #[inline]
    fn has(&self, k: usize) -> bool {
        self.0[k / 64] & (1 << (k % 64)) != 0
    }
}

/// A word's length, first and last byte, folded into 12 bits: equal words
/// have equal shapes.
#[inline]
pub fn shape(word: &str) -> usize {
    let b = word.as_bytes();
    let first = usize::from(b.first().copied().unwrap_or(0));
    let last = usize::from(b.last().copied().unwrap_or(0));
    ((b.len() * 7) ^ (first * 31) ^ last) & 0xfff
}

impl WordList {
    /// Reads a list: one entry a line, `#` comments and blank lines skipped.
    /// With `verbs`, a single-word entry also matches its regular inflections
    /// (`cause` → causes, caused, causing).
    fn parse(data: &str, verbs: bool) -> WordList {
        let mut list = WordList::default();
        for line in data.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let words: Vec<String> = line.split_whitespace().map(str::to_owned).collect();
            if verbs && words.len() == 1 {
                for form in inflections(&words[0]) {
                    list.add(vec![form]);
                }
            } else {
                list.add(words);
            }
        }
        list
    }

    fn add(&mut self, words: Vec<String>) {
        self.shapes.insert(&words[0]);
        let alts = self.by_first.entry(words[0].clone()).or_default();
        if !alts.contains(&words) {
            alts.push(words);
        }
    }

    /// The length (in words) of the longest entry starting at `words[i]`, if any.
    pub fn match_at(&self, words: &[&str], i: usize) -> Option<usize> {
        let word = *words.get(i)?;
        if !self.shapes.may_contain(word) {
            return None;
        }
        self.longest_at(words, i)
    }

    /// [`WordList::match_at`] given the [`shape`] of `words[i]`, for a
    /// caller that asks several lists of every word: the quick no is then a
    /// bit test, inlined, instead of a call that computes the shape again
    /// (ten lists asked of every word of every sentence cost 189 M
    /// instructions over the 645 articles, mostly the calls).
    #[inline]
    pub fn match_at_shaped(&self, words: &[&str], i: usize, shape: usize) -> Option<usize> {
        if !self.shapes.has(shape) {
            return None;
        }
        self.longest_at(words, i)
    }

    fn longest_at(&self, words: &[&str], i: usize) -> Option<usize> {
        let alts = self.by_first.get(*words.get(i)?)?;
        alts.iter()
            .filter(|e| {
                words.len() >= i + e.len() && e.iter().zip(&words[i..]).all(|(a, b)| a == b)
            })
            .map(Vec::len)
            .max()
    }

    /// Whether any entry occurs in the words.
    pub fn any(&self, words: &[&str]) -> bool {
        (0..words.len()).any(|i| self.match_at(words, i).is_some())
    }
}

/// A verb's regular forms: base, -s, -es, -ed, -d, -ing, and the spelling
/// changes for a final `e`, `y` or a doubled consonant. Over-generation is
/// harmless: a non-word never occurs.
fn inflections(base: &str) -> Vec<String> {
    let mut v = vec![
        base.to_owned(),
        format!("{base}s"),
        format!("{base}es"),
        format!("{base}ed"),
        format!("{base}d"),
        format!("{base}ing"),
    ];
    if let Some(stem) = base.strip_suffix('e') {
        v.push(format!("{stem}ing"));
    }
    if let Some(stem) = base.strip_suffix('y') {
        v.push(format!("{stem}ies"));
        v.push(format!("{stem}ied"));
    }
    if let Some(last) = base.chars().last() {
        if !"aeiouwyx".contains(last) && base.len() <= 5 {
            v.push(format!("{base}{last}ed"));
            v.push(format!("{base}{last}ing"));
        }
    }
    v
}

pub struct Lexicon {
    pub causative: WordList,
    pub conduct: WordList,
    pub evidential: WordList,
    pub hedges: WordList,
    pub prediction: WordList,
    pub trend: WordList,
    pub quantity: WordList,
    pub groups: WordList,
    pub sweeping: WordList,
    pub superlative: WordList,
    pub evaluative: WordList,
    pub irrealis: WordList,
    pub subordinators: WordList,
    pub conditions: WordList,
    pub second_person: WordList,
    pub speculative_modals: WordList,
    pub stance_hedges: WordList,
    pub obligation: WordList,
    pub claim_adjectives: WordList,
    pub impressions: WordList,
    pub time_anchors: WordList,
}

pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    causative: WordList::parse(include_str!("../data/causative.txt"), true),
    conduct: WordList::parse(include_str!("../data/conduct.txt"), true),
    evidential: WordList::parse(include_str!("../data/evidential.txt"), true),
    hedges: WordList::parse(include_str!("../data/hedges.txt"), false),
    prediction: WordList::parse(include_str!("../data/prediction.txt"), false),
    trend: WordList::parse(include_str!("../data/trend.txt"), true),
    quantity: WordList::parse(include_str!("../data/quantity_nouns.txt"), false),
    groups: WordList::parse(include_str!("../data/group_nouns.txt"), false),
    sweeping: WordList::parse(include_str!("../data/sweeping.txt"), false),
    superlative: WordList::parse(include_str!("../data/superlative.txt"), false),
    evaluative: WordList::parse(include_str!("../data/evaluative.txt"), false),
    irrealis: WordList::parse(include_str!("../data/irrealis.txt"), false),
    subordinators: WordList::parse(include_str!("../data/subordinators.txt"), false),
    conditions: WordList::parse(include_str!("../data/conditions.txt"), false),
    second_person: WordList::parse(include_str!("../data/second_person.txt"), false),
    speculative_modals: WordList::parse(include_str!("../data/speculative_modals.txt"), false),
    stance_hedges: WordList::parse(include_str!("../data/stance_hedges.txt"), false),
    obligation: WordList::parse(include_str!("../data/obligation.txt"), false),
    claim_adjectives: WordList::parse(include_str!("../data/claim_adjectives.txt"), false),
    impressions: WordList::parse(include_str!("../data/impressions.txt"), false),
    time_anchors: WordList::parse(include_str!("../data/time_anchors.txt"), false),
});

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verbs_match_their_forms_and_phrases_match_whole() {
        let l = &*LEXICON;
        let w = ["floods", "weakened", "the", "levee", "due", "to", "rain"];
        assert_eq!(l.causative.match_at(&w, 1), Some(1));
        assert_eq!(l.causative.match_at(&w, 4), Some(2));
        assert_eq!(l.causative.match_at(&w, 3), None);
        assert!(l.trend.any(&["prices", "doubled"]));
        assert!(!l.trend.any(&["prices", "stayed"]));
    }

    /// The quick no never refuses a word that starts an entry, and does
    /// refuse most others.
    #[test]
    fn shapes_admit_every_first_word() {
        let l = &*LEXICON;
        let lists = [
            &l.causative,
            &l.conduct,
            &l.evidential,
            &l.hedges,
            &l.prediction,
            &l.trend,
            &l.quantity,
            &l.groups,
            &l.sweeping,
            &l.superlative,
            &l.evaluative,
            &l.irrealis,
            &l.subordinators,
            &l.conditions,
            &l.second_person,
            &l.impressions,
            &l.time_anchors,
        ];
        for list in lists {
            for first in list.by_first.keys() {
                assert!(list.shapes.may_contain(first), "{first}");
                let alone = list.by_first[first].iter().any(|e| e.len() == 1);
                assert_eq!(list.match_at(&[first], 0).is_some(), alone, "{first}");
            }
            // Given the word's shape, the list answers as `match_at` does,
            // on every entry in running text and on words beside them.
            for entry in list.by_first.values().flatten() {
                let mut words = vec!["the", "mayor’s"];
                words.extend(entry.iter().map(String::as_str));
                words.extend(["café", "n’t", "—", ""]);
                for i in 0..words.len() {
                    assert_eq!(
                        list.match_at_shaped(&words, i, shape(words[i])),
                        list.match_at(&words, i),
                        "{words:?} at {i}"
                    );
                }
            }
        }
        let prose = "the mayor told reporters on tuesday that a budget vote would wait";
        let refused = prose
            .split(' ')
            .filter(|w| !l.hedges.shapes.may_contain(w))
            .count();
        assert!(refused >= 8, "only {refused} of 12 words refused");
    }
}
