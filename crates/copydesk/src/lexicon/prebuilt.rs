//! Gates determinized ahead of time by `build.rs`: a dense DFA per list,
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

/// The included bytes, aligned as `from_bytes` needs (to a `u32`).
#[repr(C)]
pub(super) struct Aligned<B: ?Sized> {
    _align: [u32; 0],
    bytes: B,
}

include!(concat!(env!("OUT_DIR"), "/prebuilt.rs"));

/// The prebuilt DFA of this gate pattern, if `build.rs` built one and it
/// loads.
pub(super) fn gate(pattern: &str) -> Option<dense::DFA<&'static [u32]>> {
    let (_, aligned) = GATES.iter().find(|(p, _)| *p == pattern)?;
    dense::DFA::from_bytes(&aligned.bytes)
        .ok()
        .map(|(dfa, _)| dfa)
}

/// The patterns that have a prebuilt gate (for the tests).
#[cfg(test)]
pub(super) fn patterns() -> impl Iterator<Item = &'static str> {
    GATES.iter().map(|(p, _)| *p)
}
