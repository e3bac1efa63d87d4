//! What `build.rs` reads from the data ahead of time: the compiled-in
//! prefilters' literals (see [`literals`]), and gates determinized as a
//! dense DFA per list,
//! included in the binary and loaded with `DFA::from_bytes`, which checks
//! the bytes before any search (no `unsafe`). Loading one costs a pass over
//! its bytes; compiling the same gate and filling its lazy DFA over a
//! 10,000-word draft cost tens of millions of instructions.
//!
//! The table is keyed by the gate pattern itself, so a DFA is used only for
//! the identical pattern; anything else (a list built differently, a
//! big-endian target the little-endian bytes do not load on) compiles at
//! run time as before.

use regex_automata::dfa::dense;

use super::automaton::Automaton;

/// The included bytes, aligned as `from_bytes` needs (to a `u32`).
#[repr(C)]
pub(super) struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

include!(concat!(env!("OUT_DIR"), "/prebuilt.rs"));

/// A DFA loaded from the included bytes.
pub(super) type Dfa = dense::DFA<&'static [u32]>;

/// The prebuilt DFAs of this gate pattern, one per part of its list (the
/// gate matches where any part does; see `PART_LIMIT` in `build.rs`), if
/// `build.rs` built them and every one loads.
pub(super) fn gate(pattern: &str) -> Option<Vec<dense::DFA<&'static [u32]>>> {
    let (_, parts) = GATES.iter().find(|(p, _)| *p == pattern)?;
    parts
        .iter()
        .map(|aligned| {
            dense::DFA::from_bytes(&aligned.bytes)
                .ok()
                .map(|(dfa, _)| dfa)
        })
        .collect()
}

/// The prebuilt DFAs of a claim signal's ASCII-word-boundary form (see
/// `decider_table` in `build.rs`), if `build.rs` built them for this
/// identical pattern: the forward DFA, loaded, and the reverse DFA's
/// bytes if there is one, loaded by [`load`] the first time a match is
/// placed (most signals never match in a draft).
pub(super) fn decider(pattern: &str) -> Option<(Dfa, Option<&'static Aligned<[u8]>>)> {
    let i = DECIDERS
        .binary_search_by(|(p, _, _)| (*p).cmp(pattern))
        .ok()?;
    let (_, forward, reverse) = DECIDERS[i];
    Some((load(forward)?, reverse))
}

/// Whether `build.rs` built a decider for this identical pattern (nothing
/// is loaded).
pub(super) fn has_decider(pattern: &str) -> bool {
    DECIDERS
        .binary_search_by(|(p, _, _)| (*p).cmp(pattern))
        .is_ok()
}

/// A prebuilt DFA, if its bytes load.
pub(super) fn load(aligned: &'static Aligned<[u8]>) -> Option<Dfa> {
    dense::DFA::from_bytes(&aligned.bytes)
        .ok()
        .map(|(dfa, _)| dfa)
}

/// The patterns that have a prebuilt decider, and its bytes (for the
/// tests).
#[cfg(test)]
pub(super) fn deciders() -> impl Iterator<Item = (&'static str, usize)> {
    DECIDERS
        .iter()
        .map(|(p, a, r)| (*p, a.bytes.len() + r.map_or(0, |r| r.bytes.len())))
}

/// The patterns that have a prebuilt gate (for the tests).
#[cfg(test)]
pub(super) fn patterns() -> impl Iterator<Item = &'static str> {
    GATES.iter().map(|(p, _)| *p)
}

/// A compiled-in pattern's literals as `build.rs` read them
/// ([`super::literals::of_pattern`], same file, same answer), if it read
/// this identical pattern.
pub(super) fn literals(pattern: &str) -> Option<(bool, Option<super::literals::Set>)> {
    let i = LITERALS
        .binary_search_by(|(p, _, _)| (*p).cmp(pattern))
        .ok()?;
    let (_, whole, set) = LITERALS[i];
    Some((whole, set.map(|s| s.iter().map(|l| l.to_vec()).collect())))
}

/// The automaton `build.rs` built of every compiled-in literal a prefilter
/// may be given, read as `caseless` (ASCII letters in either case: the
/// claim signals') or not (the promo pieces', lowered), and the number it
/// reports each of `literals` as; `None` when it lacks one of them (a
/// pattern `build.rs` did not read).
pub(super) fn literal_set(
    caseless: bool,
    literals: &[Vec<u8>],
) -> Option<(&'static Automaton<'static>, Vec<u32>)> {
    let automaton = (if caseless { &CASELESS } else { &EXACT }).as_ref()?;
    let ids = literals
        .iter()
        .map(|l| automaton.find(l))
        .collect::<Option<Vec<u32>>>()?;
    Some((automaton, ids))
}

/// The bytes of every prebuilt DFA (for the tests).
#[cfg(test)]
pub(super) fn bytes() -> usize {
    GATES
        .iter()
        .flat_map(|(_, parts)| parts.iter())
        .map(|aligned| aligned.bytes.len())
        .sum()
}
