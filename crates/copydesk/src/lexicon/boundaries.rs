//! Unicode word boundaries made ASCII in a syntax tree (see
//! [`super::Matcher`]): std and `regex-syntax` only, so that `build.rs`
//! includes this same file to determinize the ASCII form of the claim
//! signals ahead of time (see `lexicon::prebuilt`), and the DFA it builds
//! is the one the engine would compile.

use regex_syntax::hir::{Hir, HirKind, Look};

/// `hir` with each Unicode word-boundary assertion (`\b`, `\B`, `\<`,
/// `\>`, `\b{start-half}`, `\b{end-half}`) replaced by its ASCII form.
///
/// Only the nodes above such an assertion are built again: a word list's
/// alternation under `(?i)\b(?:…)\b` is moved as it is (rebuilding every
/// node, each case-folded letter a class, was a tenth of compiling the
/// claim signals).
pub fn ascii_word_boundaries(hir: Hir) -> Hir {
    rebuild_word_boundaries(hir, false)
}

/// [`ascii_word_boundaries`], or with `every_node`, every node rebuilt
/// (what it did before; the tests compare the two).
pub fn rebuild_word_boundaries(hir: Hir, every_node: bool) -> Hir {
    if !every_node && !hir.properties().look_set().contains_word_unicode() {
        return hir;
    }
    let again = |h: Hir| rebuild_word_boundaries(h, every_node);
    match hir.into_kind() {
        HirKind::Look(look) => Hir::look(match look {
            Look::WordUnicode => Look::WordAscii,
            Look::WordUnicodeNegate => Look::WordAsciiNegate,
            Look::WordStartUnicode => Look::WordStartAscii,
            Look::WordEndUnicode => Look::WordEndAscii,
            Look::WordStartHalfUnicode => Look::WordStartHalfAscii,
            Look::WordEndHalfUnicode => Look::WordEndHalfAscii,
            other => other,
        }),
        kind => rebuild(kind, again),
    }
}

/// [`ascii_word_boundaries`], and each Unicode class without the word
/// characters beyond ASCII (`\w` becomes `[0-9A-Za-z_]`, a case-folded
/// `k` loses the Kelvin sign). The ASCII form searches only texts none of
/// whose characters beyond ASCII is a word character (see
/// `lexicon::ascii_words_only`), so a class member that is one never
/// matches there, and this tree matches exactly where that form does on
/// every such text. `build.rs` determinizes the claim signals in this
/// form: a Unicode `\w` made their dense DFAs up to 0.9 MB each.
#[cfg_attr(not(test), allow(dead_code))]
pub fn ascii_words_narrowed(hir: Hir) -> Hir {
    let mut keep =
        regex_syntax::hir::ClassUnicode::new([regex_syntax::hir::ClassUnicodeRange::new(
            '\0', '\x7f',
        )]);
    let word = match regex_syntax::parse(r"\w").map(Hir::into_kind) {
        Ok(HirKind::Class(regex_syntax::hir::Class::Unicode(word))) => word,
        _ => unreachable!(r"\w is a Unicode class"),
    };
    let mut not_word = word;
    not_word.negate();
    keep.union(&not_word);
    narrow(ascii_word_boundaries(hir), &keep)
}

#[cfg_attr(not(test), allow(dead_code))]
fn narrow(hir: Hir, keep: &regex_syntax::hir::ClassUnicode) -> Hir {
    use regex_syntax::hir::Class;
    let again = |h: Hir| narrow(h, keep);
    match hir.into_kind() {
        HirKind::Class(Class::Unicode(mut class)) => {
            class.intersect(keep);
            Hir::class(Class::Unicode(class))
        }
        kind => rebuild(kind, again),
    }
}

/// A node of `kind` built again, each child passed through `again`.
fn rebuild(kind: HirKind, again: impl Fn(Hir) -> Hir) -> Hir {
    match kind {
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(literal) => Hir::literal(literal.0),
        HirKind::Class(class) => Hir::class(class),
        HirKind::Look(look) => Hir::look(look),
        HirKind::Repetition(mut rep) => {
            rep.sub = Box::new(again(*rep.sub));
            Hir::repetition(rep)
        }
        HirKind::Capture(mut cap) => {
            cap.sub = Box::new(again(*cap.sub));
            Hir::capture(cap)
        }
        HirKind::Concat(subs) => Hir::concat(subs.into_iter().map(again).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.into_iter().map(again).collect()),
    }
}
