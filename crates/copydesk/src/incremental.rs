//! Incremental checking: after an edit, re-run the analysis and the rules
//! only over the blocks the edit touched and the blocks that depend on them,
//! and reuse the findings of the rest. The result is identical to
//! [`crate::check`] on the same text (a property test holds it to that).
//!
//! A Markdown draft's parse is kept, and an edit re-parses only the
//! top-level blocks it touched ([`crate::markup::Parsed`]; the cases where
//! structure is not local — fences, HTML blocks, definitions, metadata
//! blocks, a line that could continue a list — parse the whole draft, as
//! HTML and plain text always do). What is reused after the parse is kept
//! per *unit*: a run of consecutive blocks with no dependency on the
//! blocks around it. The engine's dependencies across blocks, and how units
//! respect them:
//!
//! - A quotation left open at the end of a block runs on into the next one
//!   (`Quote::runs_on`/`continues`; the quote rule carries whether it was
//!   sourced): no cut after a block whose last quotation runs on.
//! - A quotation in a block's first sentence may be sourced by the previous
//!   block's last sentence (a name label, a colon introduction, a speaker):
//!   no cut before such a block.
//! - A quotation in a list item may be sourced by the list's introduction
//!   (the block before its first item): no cut before an item when it or a
//!   later item of the list opens with a quotation.
//! - A block quote is sourced by an attribution line (`— Name`) anywhere in
//!   it: no cut between two blocks that are both inside block quotes.
//! - A block that ends with an introduction naming a source (`On April 3,
//!   he tweeted:`) makes the next block that source's words for the claim
//!   rules (`analysis::claim::introduces`): no cut after such a block.
//! - A bare line (one short line with no sentence punctuation at its end:
//!   `analysis::claim::bare_line`) in a row of them is a list of
//!   headlines for the claim rules: no cut between two bare lines.
//! - A credit line signs the block before it (`— Name (@handle)`, or a name
//!   line over a date line: `analysis::claim::credit_line`): no cut before a
//!   tweet's credit or a name line, nor between a name line and a date line.
//! - A link belongs to every block it overlaps, and a block's prose can
//!   start after its link's `[`: a block's extent is the block with its
//!   links and footnote references, and there is no cut where extents meet
//!   or overlap.
//! - A quotation in a heading with no label or speech verb of its own is
//!   sourced when the story quotes its words anywhere: a draft with one
//!   is checked whole.
//! - `promo.undisclosed` reads the whole draft (its first affiliate link, a
//!   disclosure anywhere), as do ordering and the widening of spans over
//!   character references: they run every time, in the same code as
//!   [`crate::check`] (`finish`). The disclosure alone is found another
//!   way: the checker keeps where the last draft's was, and after an edit
//!   looks only around the bytes the edit replaced, up to the nearest
//!   characters no disclosure holds (`rules::promo::disclosure_after`).
//!
//! - The page's register (`analysis::register`) decides whether the claim
//!   findings a unit recorded as `register_vetoable` stand: each block's
//!   counts are kept with its entry, summed over the draft, and the
//!   decision is made in `finish`, as a full check makes it.
//!
//! Each unit is checked as a document of its own — its prose, blocks and
//! links shifted to start at 0 — so its findings are a function of that
//! content alone, and are cached by it. The caches keep what the latest
//! check used, so memory stays proportional to the draft.
//!
//! No IO here; cancellation is a callback the caller supplies.

use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, BuildHasherDefault, Hash, Hasher};

use std::cell::RefCell;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, PoisonError};

use twox_hash::XxHash3_128;

use crate::analysis::claim::CreditLine;
use crate::analysis::tokens::KeptTags;
use crate::analysis::Analysis;
use crate::config::Config;
use crate::finding::Finding;
use crate::markup::{Block, BlockKind, ChangedBlocks, Document, Link, Parsed, Reparsed};
use crate::rules::{self, Local};
use crate::span::Span;
use crate::Format;

/// A draft's checker that remembers what it found, for the next check of
/// the same draft after an edit.
#[derive(Debug)]
pub struct Checker {
    format: Format,
    /// The configuration the cached findings were made under.
    config: Option<Config>,
    /// The random seed that keys every
    /// fingerprint of this checker.
    key: Key,
    /// What a fingerprint hashes, gathered here and hashed in one call.
    scratch: Scratch,
    blocks: HashMap<Fingerprint, BlockEntry, ByFingerprint>,
    units: HashMap<Fingerprint, UnitEntry, ByFingerprint>,
    generation: u32,
    /// The latest Markdown draft and its parse.
    parsed: Option<Parsed>,
    /// The fingerprint of each block of the last draft placed, for the
    /// blocks an edit left as they were (see [`Checker::place_blocks`]).
    fingerprints: Vec<Fingerprint>,
    /// How many blocks the last check hashed (the others kept their
    /// fingerprints), for the tests.
    hashed: usize,
    /// Where the last draft's prose holds a built-in disclosure
    /// (`Some(None)`: nowhere), when the last check looked for one
    /// (`promo.undisclosed`, see [`rules::promo::disclosure_after`]).
    disclosure: Option<Option<Span>>,
    /// The tagger's tokens of the sentences the last checks tagged.
    tags: KeptTags,
    /// Check every long draft's units on two threads when cold, not only
    /// the process's first (see [`units_in_parallel`]); for the tests.
    always_parallel: bool,
}

/// A 128-bit keyed hash (XXH3-128) of everything a block's or a unit's
/// findings depend on. Storing it instead of the content keeps a checker to
/// a few tens of kilobytes per 10,000-word draft; rustc's incremental
/// compilation identifies query inputs the same way. XXH3, because every
/// block is hashed again after each edit (docs/performance.md has the
/// figures). Two different contents share one
/// with a probability of about 2^-128 per pair; the key is random per
/// checker, so no ordinary draft collides by construction (XXH3 is not a
/// cryptographic hash: a collision crafted on purpose would only give its
/// author stale findings in their own draft).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Fingerprint(u128);

/// A random seed (XXH3 derives its secret from it).
struct Key(u64);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(..)")
    }
}

impl Key {
    fn random() -> Key {
        Key(RandomState::new().hash_one(0x636f_7079_6465_736b_u64))
    }
}

/// The buffer fingerprints are gathered in, kept from one to the next.
#[derive(Default)]
struct Scratch(RefCell<Vec<u8>>);

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch(..)")
    }
}

/// Gathers everything `Hash` writes, to be hashed at once: XXH3's one-shot
/// function on the whole content costs a fraction of its streaming hasher
/// fed field by field (a 10,000-word draft's blocks: 0.35 M instructions
/// per keystroke streamed).
struct Fingerprinter<'b>(&'b mut Vec<u8>);

impl Hasher for Fingerprinter<'_> {
    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }

    fn finish(&self) -> u64 {
        XxHash3_128::oneshot(self.0) as u64
    }
}

/// The cache tables' own hash of a fingerprint: its low 64 bits (it is
/// already a random keyed hash; hashing it again with SipHash cost time
/// for nothing).
#[derive(Default)]
struct FingerprintBits(u64);

impl Hasher for FingerprintBits {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u128` is expected; anything else is folded in.
        for chunk in bytes.chunks(8) {
            let mut word = [0; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.0 = self.0.rotate_left(5) ^ u64::from_le_bytes(word);
        }
    }

    fn write_u128(&mut self, value: u128) {
        self.0 ^= value as u64;
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

type ByFingerprint = BuildHasherDefault<FingerprintBits>;

/// What the checker remembers of a block (kept small: one per block of
/// every open draft).
#[derive(Debug, Clone, Copy)]
struct BlockEntry {
    /// Its last quotation runs on into the next block.
    runs_on: bool,
    /// A quotation starts in its first sentence.
    quote_opens: bool,
    /// What it may be in an interview layout (a Q/A label, a bold
    /// question, a name label the tagger reads as proper nouns): a layout
    /// is judged over the whole document.
    turn: crate::analysis::speakers::TurnHint,
    /// A heading holds a quotation with no label or speech verb, which the
    /// story may source anywhere else: judged over the whole document.
    heading_quote: bool,
    /// It ends with an introduction that names a source (`he tweeted:`),
    /// which makes the next block the source's words for the claim rules.
    introduces: bool,
    /// What it is as a possible signature under the block before it
    /// (`— Name (@handle)`, a name line, a date line under a name line).
    credit: CreditLine,
    /// It is one short line with no sentence punctuation at its end: in a
    /// row of them, a list of headlines for the claim rules.
    bare_line: bool,
    /// What the story's tail pass reads of it alone
    /// (`rules::promo::TailBlock`): a keystroke reads only the changed
    /// blocks' again.
    tail: rules::promo::TailBlock,
    /// Its counts for the page's register
    /// (`analysis::register::BlockRegister`): a keystroke counts only the
    /// changed blocks again.
    register: crate::analysis::register::BlockRegister,
    generation: u32,
}

#[derive(Debug, Clone)]
struct UnitEntry {
    /// Findings relative to the unit's start; `None` when it has none and
    /// no affiliate link (most units), so that costs no allocation.
    local: Option<Box<Local>>,
    generation: u32,
}

/// A cold check of a draft this long or longer checks its units on two
/// threads ([`Checker::units_in_parallel`]); a shorter one is done before a
/// second thread would have started (about 2,000 words).
const PARALLEL_UNITS_MIN_BYTES: usize = 12_000;

/// Whether the process has not yet checked a draft's units on two threads.
static FIRST_PARALLEL: AtomicBool = AtomicBool::new(true);

/// Whether a cold check of `doc` checks its units on two threads: a long
/// draft, with a second core, and the process's first such check (or
/// `always`, for the tests).
///
/// Only the first: each thread keeps a search cache per regex, which the
/// regex's pool keeps after the thread ends, in one of eight stacks chosen
/// by the thread's number. A fresh helper thread for every cold check
/// grew the server with 100 long drafts open from 97.7 to 130.6 MB; one
/// helper in the process's life costs one cache set (about 3 MB). The
/// first check is the one a fresh server's user waits on, with every
/// lazy DFA empty; a later cold check starts with the checking thread's
/// caches warm.
fn units_in_parallel(doc: &Document, always: bool) -> bool {
    doc.prose.len() >= PARALLEL_UNITS_MIN_BYTES
        && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1)
        && (always || FIRST_PARALLEL.swap(false, Ordering::Relaxed))
}

/// Why a unit was not checked.
enum Stop {
    /// The caller's `cancelled` said so.
    Cancelled,
    /// Its extent does not fall on character boundaries of the prose.
    Unsliceable,
}

/// A block of the current draft, with its extent and link indices.
struct Placed {
    extent: Span,
    links: std::ops::Range<usize>,
    fingerprint: Fingerprint,
    entry: BlockEntry,
    /// The block as a document of its own and its analysis, when this
    /// check analysed it (`place_blocks`): a unit of this block alone
    /// reuses them rather than analysing the block again.
    analysed: Option<(Document, Vec<crate::analysis::BlockAnalysis>)>,
}

/// The draft's units: runs of blocks with no cut between them.
fn unit_ranges(doc: &Document, placed: &[Placed]) -> Vec<std::ops::Range<usize>> {
    // A list item whose quotation falls back to the list's
    // introduction (`analysis::speakers`): whether a quotation opens
    // in this item or a later one of the same list, in one pass back.
    let mut list_quote_ahead = vec![false; placed.len()];
    for i in (0..placed.len()).rev() {
        list_quote_ahead[i] = doc.blocks[i].kind == BlockKind::ListItem
            && (placed[i].entry.quote_opens
                || list_quote_ahead.get(i + 1).copied().unwrap_or(false));
    }
    let mut ranges = Vec::new();
    let mut start = 0;
    while start < placed.len() {
        let mut end = start + 1;
        let mut reach = placed[start].extent.end;
        while end < placed.len() && (list_quote_ahead[end] || !cut_between(doc, placed, end, reach))
        {
            reach = reach.max(placed[end].extent.end);
            end += 1;
        }
        ranges.push(start..end);
        start = end;
    }
    ranges
}

/// Hash a span relative to `base`.
fn hash_span(span: Span, base: usize, h: &mut impl Hasher) {
    span.start.saturating_sub(base).hash(h);
    span.end.saturating_sub(base).hash(h);
}

/// Hash links relative to `base`: spans, visible text and destination.
fn hash_links(links: &[Link], base: usize, h: &mut impl Hasher) {
    links.len().hash(h);
    for l in links {
        hash_span(l.span, base, h);
        hash_span(l.text, base, h);
        l.dest.hash(h);
    }
}

impl Checker {
    pub fn new(format: Format) -> Self {
        Checker {
            format,
            config: None,
            key: Key::random(),
            scratch: Scratch::default(),
            blocks: HashMap::default(),
            units: HashMap::default(),
            generation: 0,
            parsed: None,
            fingerprints: Vec::new(),
            hashed: 0,
            disclosure: None,
            tags: KeptTags::default(),
            always_parallel: false,
        }
    }

    /// Check the units of every long draft on two threads when nothing is
    /// cached, not only in the process's first such check (see
    /// [`Checker::units_in_parallel`]): for the tests, which hold the two
    /// ways to the same findings.
    #[doc(hidden)]
    pub fn always_parallel(mut self) -> Self {
        self.always_parallel = true;
        self
    }

    pub fn format(&self) -> Format {
        self.format
    }

    fn fingerprint(&self, content: impl FnOnce(&mut dyn Hasher)) -> Fingerprint {
        let mut fresh = Vec::new();
        let mut kept = self.scratch.0.try_borrow_mut();
        let bytes = match &mut kept {
            Ok(kept) => &mut **kept,
            Err(_) => &mut fresh,
        };
        bytes.clear();
        content(&mut Fingerprinter(bytes));
        Fingerprint(XxHash3_128::oneshot_with_seed(self.key.0, bytes))
    }

    /// Check `text`, the draft's latest state: the same findings as
    /// [`crate::check`].
    pub fn check(&mut self, text: &str, config: &Config) -> Vec<Finding> {
        self.check_unless(text, config, &|| false)
            .unwrap_or_else(|| crate::check(text, self.format, config))
    }

    /// Check `text`, giving up (`None`, and only then) as soon as
    /// `cancelled` says so; it is asked between units. What was finished
    /// stays cached.
    pub fn check_unless(
        &mut self,
        text: &str,
        config: &Config,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Finding>> {
        // The sentences this draft's checks tagged, for the next: an edit
        // re-analyses whole units, most of whose sentences it left as
        // they were (`analysis::tokens::KeptTags`).
        let mut tags = std::mem::take(&mut self.tags);
        let found = tags.lend(|| self.check_tagged(text, config, cancelled));
        tags.check_done();
        self.tags = tags;
        found
    }

    /// [`Checker::check_unless`], with the kept tags lent.
    fn check_tagged(
        &mut self,
        text: &str,
        config: &Config,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Finding>> {
        if self.config.as_ref() != Some(config) {
            // The analysis reads the configuration's reporting verbs, the
            // rules its levels and house rules.
            self.blocks.clear();
            self.units.clear();
            self.config = Some(config.clone());
        }
        self.generation = self.generation.wrapping_add(1);
        if self.format != Format::Markdown {
            let doc = Document::parse(text, self.format);
            return self.check_document(text, &doc, None, None, config, cancelled);
        }
        // A Markdown draft's parse is kept, and an edit re-parses only the
        // blocks it touched (`markup::Parsed`); the prose outside them is
        // the last draft's, moved.
        let (parsed, replaced) = match self.parsed.take() {
            Some(mut parsed) => {
                let old_len = parsed.document().prose.len();
                let replaced = match parsed.update(text) {
                    Reparsed::Nothing => Some(rules::promo::Replaced {
                        start: 0,
                        old_end: 0,
                        new_end: 0,
                    }),
                    Reparsed::Part(region) => Some(rules::promo::Replaced {
                        start: region.start,
                        old_end: region.end + old_len - text.len(),
                        new_end: region.end,
                    }),
                    Reparsed::Whole => None,
                };
                (parsed, replaced)
            }
            None => (Parsed::new(text), None),
        };
        let found = self.check_document(
            text,
            parsed.document(),
            parsed.changed_blocks(),
            replaced,
            config,
            cancelled,
        );
        self.parsed = Some(parsed);
        found
    }

    /// [`Checker::check_unless`] on `doc`, the parse of `text`; `changed`
    /// says which of its blocks are new since the last draft's, when known.
    fn check_document(
        &mut self,
        text: &str,
        doc: &Document,
        changed: Option<&ChangedBlocks>,
        replaced: Option<rules::promo::Replaced>,
        config: &Config,
        cancelled: &dyn Fn() -> bool,
    ) -> Option<Vec<Finding>> {
        // Known only from the last draft's check to this one's.
        let disclosure = self.disclosure.take();
        let cold = self.units.is_empty();
        let parallel = cold && units_in_parallel(doc, self.always_parallel);
        let mut placed = if cold {
            // Nothing cached: every unit is about to be checked, so the
            // promo lists are compiled for the whole draft first
            // (`promo::prepare`). That reads only the parse, so it runs
            // on a thread of its own beside the blocks' analysis, which
            // needs none of the lists.
            self.place_blocks_and_prepare(doc, changed, config, parallel)
        } else {
            self.place_blocks(doc, changed, config)
        };
        // An interview layout (two turns or more) is judged over the whole
        // document (`analysis::speakers`): no unit can be checked apart.
        // So is a heading's quotation with no speaker of its own, which
        // the story may quote again anywhere.
        if crate::analysis::speakers::makes_layout(placed.iter().map(|p| p.entry.turn))
            || placed.iter().any(|p| p.entry.heading_quote)
        {
            return Some(crate::check(text, self.format, config));
        }

        let mut local = Local::default();
        let ranges = unit_ranges(doc, &placed);
        if parallel && ranges.len() > 1 {
            match self.units_in_parallel(
                text,
                doc,
                &mut placed,
                &ranges,
                config,
                cancelled,
                &mut local,
            ) {
                Ok(()) => {}
                Err(Stop::Cancelled) => return None,
                Err(Stop::Unsliceable) => return Some(crate::check(text, self.format, config)),
            }
        } else {
            for range in ranges {
                // A unit of one block just analysed (`place_blocks`) is that
                // analysis: the same sub-document, so the same result.
                let analysed = match range.len() {
                    1 => placed[range.start].analysed.take(),
                    _ => None,
                };
                match self.unit(
                    text, doc, &placed, range, analysed, config, cancelled, &mut local,
                ) {
                    Ok(()) => {}
                    Err(Stop::Cancelled) => return None,
                    // Never expected (units start and end on characters); the
                    // full check is always right.
                    Err(Stop::Unsliceable) => return Some(crate::check(text, self.format, config)),
                }
            }
        }
        let generation = self.generation;
        self.blocks.retain(|_, e| e.generation == generation);
        self.units.retain(|_, e| e.generation == generation);
        if local.first_affiliate.is_some() {
            // Looked for where the full check would look, and only there.
            let found = rules::promo::disclosure_after(&doc.prose, disclosure, replaced);
            local.disclosed = Some(found.is_some());
            self.disclosure = Some(found);
        }
        local.tail_blocks = Some(placed.iter().map(|p| p.entry.tail).collect());
        local.register_blocks = Some(placed.iter().map(|p| p.entry.register).collect());
        Some(crate::finish(text, doc, local, config))
    }

    /// [`Checker::place_blocks`] on a cold cache, with the promo lists
    /// compiled for the whole of `doc` (`promo::prepare`) on a second
    /// thread meanwhile; both are done when this returns.
    ///
    /// In a fresh process that compiling is the largest single step before
    /// the first findings (about a third of the checking thread's
    /// instructions on a 10,000-word draft), and it needs nothing from the
    /// analysis: so the analysis and the compiling share the cores instead
    /// of queueing on one. `prepare` only compiles, so the findings are
    /// the same; and it is joined before any rule runs, so each list is
    /// compiled once, for the whole draft, as before. Should the thread
    /// not start, this thread prepares; should `prepare` panic, the rules
    /// compile what they need as they go, as a warm check does.
    fn place_blocks_and_prepare(
        &mut self,
        doc: &Document,
        changed: Option<&ChangedBlocks>,
        config: &Config,
        parallel: bool,
    ) -> Vec<Placed> {
        std::thread::scope(|s| {
            let helper = std::thread::Builder::new()
                .name("copydesk-prepare".into())
                .spawn_scoped(s, || crate::rules::promo::prepare(doc));
            let placed = self.place_blocks(doc, changed, config);
            match helper {
                Ok(helper) => {
                    // A panic there was printed by the hook (see above).
                    let _ = helper.join();
                }
                Err(_) => crate::rules::promo::prepare(doc),
            }
            // The rules run on this thread from here; with a core to
            // spare, the lists' reverse automata are built on it
            // meanwhile (`promo::build_reverses`). Not waited for: a rule
            // that needs one first builds it itself, or waits for it. A
            // draft whose units are checked on two threads has no core to
            // spare: there the rules build the reverse automata they need,
            // and none is built for a list that matches nowhere (about
            // half of the 10,000-word draft's, 16 M instructions).
            if !parallel && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1) {
                let _ = std::thread::Builder::new()
                    .name("copydesk-reverse".into())
                    .spawn(crate::rules::promo::build_reverses);
            }
            placed
        })
    }

    /// Each block's extent and cache entry, analysing blocks not seen before.
    ///
    /// A block an edit left as it was (`changed`) keeps its fingerprint
    /// from the last draft: everything it hashes is relative to where the
    /// block's extent starts, which moving the block does not change. So
    /// only the new blocks are hashed, not the whole draft (debug builds
    /// hash every block and compare).
    fn place_blocks(
        &mut self,
        doc: &Document,
        changed: Option<&ChangedBlocks>,
        config: &Config,
    ) -> Vec<Placed> {
        let old = std::mem::take(&mut self.fingerprints);
        let changed = changed.filter(|c| old.len() + c.new.len() == doc.blocks.len() + c.old_len);
        // The last draft's fingerprint of block `i`, when the edit kept it.
        let kept = |i: usize| -> Option<Fingerprint> {
            let c = changed?;
            if i < c.new.start {
                old.get(i).copied()
            } else if i >= c.new.end {
                old.get(i - c.new.end + c.new.start + c.old_len).copied()
            } else {
                None
            }
        };
        let mut placed = Vec::with_capacity(doc.blocks.len());
        let mut fingerprints = Vec::with_capacity(doc.blocks.len());
        self.hashed = 0;
        for (i, block) in doc.blocks.iter().enumerate() {
            let links = link_range(doc, block);
            let extent = extent(doc, block, links.clone());
            let fingerprint = match kept(i) {
                Some(kept) => {
                    debug_assert_eq!(
                        kept,
                        self.block_fingerprint(doc, block, extent, links.clone()),
                        "block {i} kept its fingerprint"
                    );
                    kept
                }
                None => {
                    self.hashed += 1;
                    self.block_fingerprint(doc, block, extent, links.clone())
                }
            };
            fingerprints.push(fingerprint);
            let generation = self.generation;
            let mut analysed = None;
            let entry = match self.blocks.get_mut(&fingerprint) {
                Some(entry) => {
                    entry.generation = generation;
                    *entry
                }
                None => {
                    let sub = sub_document(
                        doc,
                        std::slice::from_ref(block),
                        extent,
                        links.clone(),
                        |id| id.map(|_| 0),
                    );
                    let analysis = crate::analysis::analyze_blocks(&sub, config.verbs());
                    let quotes = analysis.first().map_or(&[][..], |a| &a.quotes[..]);
                    let entry = BlockEntry {
                        runs_on: quotes.last().is_some_and(|q| q.runs_on),
                        quote_opens: quotes.iter().any(|q| q.sentence == 0),
                        turn: analysis.first().map_or(Default::default(), |ba| {
                            crate::analysis::speakers::turn_hint(&sub, &sub.blocks[0], ba)
                        }),
                        introduces: analysis.first().is_some_and(|ba| {
                            crate::analysis::claim::introduces(&sub, &sub.blocks[0], ba)
                        }),
                        credit: analysis.first().map_or(CreditLine::No, |ba| {
                            crate::analysis::claim::credit_line(&sub, &sub.blocks[0], ba)
                        }),
                        bare_line: crate::analysis::claim::bare_line(&sub, &sub.blocks[0]),
                        tail: rules::promo::TailBlock::of(&sub, &sub.blocks[0]),
                        register: crate::analysis::register::BlockRegister::of(
                            &sub,
                            &sub.blocks[0],
                        ),
                        heading_quote: analysis.first().is_some_and(|ba| {
                            ba.quotes.iter().any(|q| {
                                crate::analysis::speakers::heading_quote_unlabelled(
                                    &sub,
                                    &sub.blocks[0],
                                    ba,
                                    q,
                                )
                            })
                        }),
                        generation,
                    };
                    self.blocks.insert(fingerprint, entry);
                    analysed = Some((sub, analysis));
                    entry
                }
            };
            placed.push(Placed {
                extent,
                links,
                fingerprint,
                entry,
                analysed,
            });
        }
        self.fingerprints = fingerprints;
        placed
    }

    /// Everything the analysis of `block` reads, relative to its extent.
    fn block_fingerprint(
        &self,
        doc: &Document,
        block: &Block,
        extent: Span,
        links: std::ops::Range<usize>,
    ) -> Fingerprint {
        let base = extent.start;
        self.fingerprint(|mut h| {
            block.kind.hash(&mut h);
            block.quote_depth.hash(&mut h);
            block.block_quote.is_some().hash(&mut h);
            block.in_footnote.hash(&mut h);
            hash_span(block.span, base, &mut h);
            hash_links(&doc.links[links.clone()], base, &mut h);
            if block.links.is_empty() {
                (0, 0).hash(&mut h);
            } else {
                (
                    block.links.start - links.start,
                    block.links.end - links.start,
                )
                    .hash(&mut h);
            }
            block.strong_lead.map(|b| relative(b, base)).hash(&mut h);
            block.emphasis_lead.map(|b| relative(b, base)).hash(&mut h);
            block.footnote_refs.len().hash(&mut h);
            for f in &block.footnote_refs {
                hash_span(*f, base, &mut h);
            }
            extent.slice(&doc.prose).hash(&mut h);
        })
    }

    /// The findings of the blocks `range`, relative to the first one's
    /// extent: from the cache, or by checking them as a document of their own.
    /// They are added to `out`, moved to where the unit starts.
    #[allow(clippy::too_many_arguments)]
    fn unit(
        &mut self,
        text: &str,
        doc: &Document,
        placed: &[Placed],
        range: std::ops::Range<usize>,
        analysed: Option<(Document, Vec<crate::analysis::BlockAnalysis>)>,
        config: &Config,
        cancelled: &dyn Fn() -> bool,
        out: &mut Local,
    ) -> Result<(), Stop> {
        let key = self.unit_key(doc, placed, range.clone())?;
        if self.reuse_unit(&key, out) {
            return Ok(());
        }
        if cancelled() {
            return Err(Stop::Cancelled);
        }
        let local = check_unit(text, doc, range, &key, analysed, config)?;
        self.keep_unit(&key, local, out);
        Ok(())
    }

    /// A unit's extent, links and fingerprint: its blocks (by fingerprint,
    /// where their extents start, which block quote they belong to), the
    /// prose between them, its links.
    fn unit_key(
        &self,
        doc: &Document,
        placed: &[Placed],
        range: std::ops::Range<usize>,
    ) -> Result<UnitKey, Stop> {
        let blocks = &placed[range.clone()];
        let base = blocks.first().ok_or(Stop::Unsliceable)?.extent.start;
        let end = blocks.iter().map(|p| p.extent.end).max().unwrap_or(base);
        let links = blocks.iter().map(|p| p.links.start).min().unwrap_or(0)
            ..blocks.iter().map(|p| p.links.end).max().unwrap_or(0);
        let links = links.start..links.end.max(links.start);
        let fingerprint = self.fingerprint(|mut h| {
            let mut quote_ids = Vec::new();
            blocks.len().hash(&mut h);
            for (i, p) in range.clone().zip(blocks) {
                p.fingerprint.hash(&mut h);
                (p.extent.start - base).hash(&mut h);
                renumber(doc.blocks[i].block_quote, &mut quote_ids).hash(&mut h);
            }
            for w in blocks.windows(2) {
                Span::new(w[0].extent.end, w[1].extent.start)
                    .slice(&doc.prose)
                    .hash(&mut h);
            }
            hash_links(&doc.links[links.clone()], base, &mut h);
        });
        Ok(UnitKey {
            fingerprint,
            base,
            end,
            links,
        })
    }

    /// Add a cached unit's findings, if the cache has the unit.
    fn reuse_unit(&mut self, key: &UnitKey, out: &mut Local) -> bool {
        let generation = self.generation;
        let Some(entry) = self.units.get_mut(&key.fingerprint) else {
            return false;
        };
        entry.generation = generation;
        if let Some(local) = &entry.local {
            add(out, local, key.base);
        }
        true
    }

    /// Add a unit's findings, just checked, and cache them.
    fn keep_unit(&mut self, key: &UnitKey, mut local: Local, out: &mut Local) {
        add(out, &local, key.base);
        let local = if local.findings.is_empty() && local.first_affiliate.is_none() {
            None
        } else {
            local.findings.shrink_to_fit();
            Some(Box::new(local))
        };
        self.units.insert(
            key.fingerprint,
            UnitEntry {
                local,
                generation: self.generation,
            },
        );
    }

    /// Every unit of a draft none of whose units is cached (a cold check),
    /// on this thread and one more at once: the same findings, added in
    /// the same order, as [`Checker::unit`] over `ranges` in turn.
    ///
    /// On a fresh server's first check of a long draft, the rules over the
    /// units ran on this thread alone after the analysis, while the other
    /// core had only the lists' reverse automata to build (session 25: the
    /// checking thread's `run_blocks`, 82.9 M instructions of the 10,000-word
    /// draft's 360.5 M, with 33.2 M beside it). A unit is checked as a
    /// document of its own and reads nothing of the others, so two threads
    /// take the units in turn, this one from the front and the helper from
    /// the back, until they meet; the findings are kept per
    /// unit and added here in the units' order afterwards. A unit with the
    /// fingerprint of an earlier one in the draft is not checked, as
    /// [`Checker::unit`] would find it cached. Each thread builds its own
    /// lazy-DFA states (a regex's search caches are per thread), so the
    /// two together do a little more work than one.
    #[allow(clippy::too_many_arguments)]
    fn units_in_parallel(
        &mut self,
        text: &str,
        doc: &Document,
        placed: &mut [Placed],
        ranges: &[std::ops::Range<usize>],
        config: &Config,
        cancelled: &dyn Fn() -> bool,
        out: &mut Local,
    ) -> Result<(), Stop> {
        let mut keys = Vec::with_capacity(ranges.len());
        for range in ranges {
            keys.push(self.unit_key(doc, placed, range.clone())?);
        }
        // Only a unit's first occurrence is checked.
        let mut seen = std::collections::HashSet::with_capacity(keys.len());
        let fresh: Vec<bool> = keys
            .iter()
            .map(|k| seen.insert(k.fingerprint) && !self.units.contains_key(&k.fingerprint))
            .collect();
        // A unit of one block just analysed (`place_blocks`) is that
        // analysis: the same sub-document, so the same result.
        let analysed: Vec<Mutex<Option<_>>> = ranges
            .iter()
            .map(|range| {
                Mutex::new(match range.len() {
                    1 => placed[range.start].analysed.take(),
                    _ => None,
                })
            })
            .collect();
        let results: Vec<Mutex<Option<Result<Local, Stop>>>> =
            ranges.iter().map(|_| Mutex::new(None)).collect();
        // The units not yet taken: this thread takes them from the front,
        // the helper from the back, so each reads one part of the draft
        // and its lazy DFAs build the states of that part only.
        let left = Mutex::new(0..ranges.len());
        let stop = AtomicBool::new(false);
        let work = |from_back: bool, cancelled: &dyn Fn() -> bool| loop {
            let taken = {
                let mut left = left.lock().unwrap_or_else(PoisonError::into_inner);
                if from_back {
                    left.next_back()
                } else {
                    left.next()
                }
            };
            let Some(i) = taken else {
                return;
            };
            if stop.load(Ordering::Relaxed) {
                return;
            }
            if !fresh[i] {
                continue;
            }
            if cancelled() {
                stop.store(true, Ordering::Relaxed);
                return;
            }
            let analysed = analysed[i]
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            let found = check_unit(text, doc, ranges[i].clone(), &keys[i], analysed, config);
            *results[i].lock().unwrap_or_else(PoisonError::into_inner) = Some(found);
        };
        std::thread::scope(|s| {
            let helper = std::thread::Builder::new()
                .name("copydesk-units".into())
                .spawn_scoped(s, || work(true, &|| false));
            work(false, cancelled);
            if let Ok(helper) = helper {
                // A panic there was printed by the hook; its unit is
                // checked again below.
                let _ = helper.join();
            }
        });
        if stop.load(Ordering::Relaxed) {
            return Err(Stop::Cancelled);
        }
        for (i, key) in keys.iter().enumerate() {
            if self.reuse_unit(key, out) {
                continue;
            }
            let found = results[i]
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take();
            let local = match found {
                Some(found) => found?,
                // Its thread stopped (a panic outside the rules' guards).
                None => {
                    let analysed = analysed[i]
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .take();
                    check_unit(text, doc, ranges[i].clone(), key, analysed, config)?
                }
            };
            self.keep_unit(key, local, out);
        }
        Ok(())
    }
}

/// Where a unit lies in the draft, and its cache key ([`Checker::unit_key`]).
struct UnitKey {
    fingerprint: Fingerprint,
    base: usize,
    end: usize,
    links: std::ops::Range<usize>,
}

/// A block quote's number within a unit, in order of appearance.
fn renumber(id: Option<u32>, quote_ids: &mut Vec<u32>) -> Option<u32> {
    id.map(|id| match quote_ids.iter().position(|&q| q == id) {
        Some(i) => i as u32,
        None => {
            quote_ids.push(id);
            quote_ids.len() as u32 - 1
        }
    })
}

/// The block rules' findings in the unit of `doc`'s blocks `range`, as a
/// document of its own (see the module documentation); `analysed` is its
/// analysis when the unit is one block `place_blocks` just analysed.
fn check_unit(
    text: &str,
    doc: &Document,
    range: std::ops::Range<usize>,
    key: &UnitKey,
    analysed: Option<(Document, Vec<crate::analysis::BlockAnalysis>)>,
    config: &Config,
) -> Result<Local, Stop> {
    let (base, end) = (key.base, key.end);
    doc.prose.get(base..end).ok_or(Stop::Unsliceable)?;
    // Block quotes numbered within the unit, in order of appearance.
    let mut quote_ids: Vec<u32> = Vec::new();
    let sub = sub_document(
        doc,
        &doc.blocks[range],
        Span::new(base, end),
        key.links.clone(),
        |id| renumber(id, &mut quote_ids),
    );
    let (sub, blocks) = match analysed {
        Some((analysed_doc, blocks)) => {
            debug_assert_eq!(analysed_doc, sub, "a unit of one block is that block");
            (analysed_doc, blocks)
        }
        None => {
            let blocks = crate::analysis::analyze_blocks(&sub, config.verbs());
            (sub, blocks)
        }
    };
    let analysis = Analysis {
        source: text.get(base..end).unwrap_or(""),
        blocks,
        doc: sub,
        spoken: Default::default(),
    };
    Ok(rules::run_blocks(&analysis, config))
}

/// Add a unit's findings, relative to `base`, to the draft's.
fn add(out: &mut Local, unit: &Local, base: usize) {
    out.findings.extend(unit.findings.iter().map(|f| Finding {
        span: f.span.offset(base),
        ..f.clone()
    }));
    if out.first_affiliate.is_none() {
        out.first_affiliate = unit.first_affiliate.map(|s| s.offset(base));
    }
    out.register_vetoable
        .extend(unit.register_vetoable.iter().map(|s| s.offset(base)));
}

/// `blocks` of `doc` as a document of their own: the prose under `extent`,
/// and the blocks and the links `links` shifted to start at 0, block quotes
/// renamed by `block_quote`.
fn sub_document(
    doc: &Document,
    blocks: &[Block],
    extent: Span,
    links: std::ops::Range<usize>,
    mut block_quote: impl FnMut(Option<u32>) -> Option<u32>,
) -> Document {
    let base = extent.start;
    Document {
        prose: extent.slice(&doc.prose).to_owned(),
        blocks: blocks
            .iter()
            .map(|b| Block {
                kind: b.kind,
                span: relative(b.span, base),
                quote_depth: b.quote_depth,
                block_quote: block_quote(b.block_quote),
                in_footnote: b.in_footnote,
                links: if b.links.is_empty() {
                    0..0
                } else {
                    b.links.start - links.start..b.links.end - links.start
                },
                footnote_refs: b.footnote_refs.iter().map(|f| relative(*f, base)).collect(),
                strong_lead: b.strong_lead.map(|s| relative(s, base)),
                emphasis_lead: b.emphasis_lead.map(|s| relative(s, base)),
            })
            .collect(),
        links: doc.links[links]
            .iter()
            .map(|l| Link {
                span: relative(l.span, base),
                text: relative(l.text, base),
                dest: l.dest.clone(),
            })
            .collect(),
        comments: Vec::new(),
        decoded: Vec::new(),
    }
}

/// Whether the blocks before `i` (whose extents reach `reach`) and from `i`
/// on can be checked apart (see the module's documentation for why each
/// condition is needed).
fn cut_between(doc: &Document, placed: &[Placed], i: usize, reach: usize) -> bool {
    let (prev, next) = (&placed[i - 1], &placed[i]);
    let (prev_block, next_block) = (&doc.blocks[i - 1], &doc.blocks[i]);
    let extents_meet = reach >= next.extent.start;
    let both_in_block_quotes = prev_block.quote_depth > 0 && next_block.quote_depth > 0;
    !(extents_meet
        || prev.entry.runs_on
        || next.entry.quote_opens
        || prev.entry.introduces
        || signs_before(prev.entry.credit, next.entry.credit)
        || (prev.entry.bare_line && next.entry.bare_line)
        || both_in_block_quotes)
}

/// Whether the claim rules' reading of a signature keeps two adjacent
/// blocks together: a tweet's credit or a name line may sign the block before
/// it, and a date line under a name line makes it a signature.
fn signs_before(prev: CreditLine, next: CreditLine) -> bool {
    matches!(next, CreditLine::Handle | CreditLine::Name)
        || prev == CreditLine::Name && next == CreditLine::Date
}

/// The links a block overlaps or lists, as a range of `Document::links`.
fn link_range(doc: &Document, block: &Block) -> std::ops::Range<usize> {
    let links = &doc.links;
    let lo = links.partition_point(|l| l.span.end <= block.span.start);
    let hi = links.partition_point(|l| l.span.start < block.span.end);
    let (mut lo, mut hi) = (lo, hi.max(lo));
    if !block.links.is_empty() {
        lo = lo.min(block.links.start);
        hi = hi.max(block.links.end).min(links.len());
    }
    lo..hi.max(lo)
}

/// A block with its links and footnote references.
fn extent(doc: &Document, block: &Block, links: std::ops::Range<usize>) -> Span {
    let mut extent = block.span;
    let spans = doc.links[links]
        .iter()
        .map(|l| l.span)
        .chain(block.footnote_refs.iter().copied());
    for s in spans {
        extent.start = extent.start.min(s.start);
        extent.end = extent.end.max(s.end);
    }
    extent
}

fn relative(span: Span, base: usize) -> Span {
    Span::new(
        span.start.saturating_sub(base),
        span.end.saturating_sub(base),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const DRAFT: &str = "The council voted 7-2 on Tuesday.\n\n\
        \"We will not back down,\" Mayor Ruth Okafor said.\n\n\
        \"This is the part I cannot get past.\n\n\
        \"Nobody told us,\" she said.\n\n\
        > They'll say anything to get a needle in your arm.\n>\n> — Dr. Ana Ruiz\n\n\
        Studies show that rents rose 40% last year.\n\n\
        [A fryer](https://amzn.to/3xQk9Lp) we liked.\n";

    #[test]
    fn a_list_stays_with_its_introduction() {
        // The second item's quotation is sourced by the introduction, past
        // a first item with no quotation of its own.
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        let mut text = "Mayor Ana Ruiz listed her promises on Tuesday:\n\n\
            - Fares stay where they are for another year.\n\
            - \"We will hire forty new drivers by June.\"\n"
            .to_string();
        for insert in ["", "x", "\n\nThe council met.\n\n"] {
            text.insert_str(0, insert);
            assert_eq!(
                checker.check(&text, &config),
                crate::check(&text, Format::Markdown, &config),
                "after inserting {insert:?}"
            );
        }
    }

    #[test]
    fn same_findings_as_a_full_check_after_edits() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        let mut text = DRAFT.to_string();
        assert_eq!(
            checker.check(&text, &config),
            crate::check(&text, Format::Markdown, &config)
        );
        for (at, insert) in [(0, "\""), (40, "\n\n"), (5, "said "), (text.len(), "x")] {
            let at = at.min(text.len());
            text.insert_str(at, insert);
            assert_eq!(
                checker.check(&text, &config),
                crate::check(&text, Format::Markdown, &config),
                "after inserting {insert:?} at {at}"
            );
        }
    }

    /// A claim's verdict reads its neighbours (an introduction before it,
    /// a signature after it): editing only the neighbour re-checks it. Each
    /// step changes one block next to the claim, and the claim's finding
    /// comes and goes with it.
    #[test]
    fn an_edit_to_a_neighbour_rechecks_the_claim() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        let claim = "Crime has doubled because of the new bail law.";
        let steps = [
            (format!("The reasons are obvious:\n\n{claim}\n\nEnd."), 1),
            (format!("The governor tweeted:\n\n{claim}\n\nEnd."), 0),
            (format!("The reasons are obvious:\n\n{claim}\n\nEnd."), 1),
            (format!("Intro.\n\n{claim}\n\n— Ana Ruiz (@AnaRuiz)"), 0),
            (format!("Intro.\n\n{claim}\n\n— Ana Ruiz"), 1),
            (format!("Intro.\n\n{claim}\n\nAna Ruiz\n\n2017.7.25"), 0),
            (format!("Intro.\n\n{claim}\n\nAna Ruiz\n\nEnd."), 1),
        ];
        for (text, claims) in &steps {
            let full = crate::check(text, Format::Markdown, &config);
            let found = full.iter().filter(|f| f.rule.starts_with("claim.")).count();
            assert_eq!(found, *claims, "{text:?}");
            assert_eq!(checker.check(text, &config), full, "{text:?}");
        }
    }

    /// The page's register (`analysis::register`) is counted per block and
    /// decided over the whole page: an edit to one block that turns the
    /// page into an opinion piece, or back, drops or restores a
    /// phrase-list finding with little model support in another block the
    /// edit left alone, as a full check does; opinion words inside
    /// quotation marks do not count.
    #[test]
    fn the_register_follows_edits_as_a_full_check_does() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        let story = "# The levy vote\n\n\
            The school board met on Tuesday night to count the ballots from the spring levy vote.\n\n\
            Turnout was higher than in the last two elections, the county clerk said on Wednesday.\n\n\
            The levy will pay for new roofs at three schools and a bus garage, the board's minutes show.\n\n";
        // A sweeping phrase the model gives little support (0.29).
        let sweep = "All those who voted for him are being fooled.";
        let column = "What a pathetic, shameful sham, and what a vile joke of a board.\n\n";
        let quoted = "\"What a pathetic, shameful sham, and what a vile joke of a board.\"\n\n";
        let flagged = |found: &[Finding], text: &str| {
            found.iter().any(|f| {
                f.rule == crate::rules::claim::CLAIM_UNATTRIBUTED.id && f.span.slice(text) == sweep
            })
        };
        let steps: Vec<(String, bool)> = vec![
            (format!("{story}{sweep}\n"), true),
            // Invective in a block of its own: an opinion page.
            (format!("{story}{column}{sweep}\n"), false),
            // The same words quoted are someone else's.
            (format!("{story}{quoted}{sweep}\n"), true),
            (format!("{story}{column}{sweep}\n"), false),
            // Deleted again.
            (format!("{story}{sweep}\n"), true),
            // Diluted by plain prose: under three per 1,000 words.
            (format!("{}{column}{sweep}\n", story.repeat(40)), true),
            (format!("{story}{column}{sweep}\n"), false),
        ];
        for (text, stands) in &steps {
            let full = crate::check(text, Format::Markdown, &config);
            assert_eq!(flagged(&full, text), *stands, "{text:?}\n{full:#?}");
            assert_eq!(checker.check(text, &config), full, "{text:?}");
        }
    }

    /// The story's tail and the page's furniture are read over the whole
    /// page from each block's kept facts: edits that move a block into or
    /// out of the tail, change the furniture (a kicker that comes back, a
    /// title a row of links names, a widget's label, a card's date) or
    /// delete the last block give a full check's findings, and the tail's
    /// findings come and go with them.
    #[test]
    fn the_tail_follows_edits_as_a_full_check_does() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        let story = "# Council passes the budget\n\n\
            The council voted 7-2 on Tuesday to pass the city's budget after a long debate.\n\n\
            Members argued for hours over the library's hours and the parks department's staff.\n\n";
        let list =
            "- [Mayor signs the transit plan into law](https://example.com/mayor-signs-plan)\n\
            - [Schools brace for a hot summer](https://example.com/schools-brace-summer)\n";
        let prose =
            "The budget takes effect on July 1, the clerk said in a statement afterwards.\n";
        let kicker = "TRANSIT WOES: Riders wait longer for the late buses downtown\n\n";
        let row = "Home | Local news | Budget and taxes | Weather radar | Obituaries\n\n";
        let follow = "Follow us on Facebook, Twitter and Instagram\n\n";
        let related = "Related stories:\n\n";
        let card = "Thu, March 2, 2017\n\nGina Miller has won the case to block the vote on Article 50\n\n";
        // Each draft, and how many findings the tail pass makes in it.
        let steps: Vec<(String, usize)> = vec![
            (format!("{story}{prose}"), 0),
            // A follow call and a list of links at the end: the tail.
            (format!("{story}{prose}\n{follow}{list}"), 2),
            // Prose after them: the story goes on.
            (format!("{story}{prose}\n{follow}{list}\n{prose}"), 0),
            // The last block deleted: the tail again.
            (format!("{story}{prose}\n{follow}{list}"), 2),
            // A recirculation label's list, at the end or not.
            (format!("{story}{prose}\n{related}{list}"), 2),
            (format!("{story}{prose}\n{related}{list}\n{prose}"), 2),
            (format!("{story}{prose}\nThe stories:\n\n{list}"), 0),
            // A kicker over another story's headline, once: furniture.
            (format!("{story}{kicker}{prose}"), 1),
            // The same kicker twice heads sections: none.
            (format!("{story}{kicker}{prose}\n{kicker}{prose}"), 0),
            (format!("{story}{kicker}{prose}\n{prose}"), 1),
            // A row of links; then a title one of its items names.
            (format!("{story}{row}{prose}"), 1),
            (
                format!("{story}{row}{prose}").replace("the budget\n", "budget and taxes\n"),
                0,
            ),
            (format!("{story}{row}{prose}"), 1),
            // A card's date over its summary; then the summary a sentence.
            (format!("{story}{card}{prose}"), 1),
            (
                format!("{story}{card}{prose}").replace("Article 50\n", "Article 50.\n"),
                0,
            ),
            // The whole draft deleted, then back.
            (String::new(), 0),
            (format!("{story}{prose}\n{follow}{list}"), 2),
        ];
        // The tail pass's messages.
        let tail_pass = [
            "Promotion after the story's end",
            "Another story's",
            "Row of links",
            "Item of a sponsored",
        ];
        for (text, tail) in &steps {
            let full = crate::check(text, Format::Markdown, &config);
            let found = full
                .iter()
                .filter(|f| tail_pass.iter().any(|m| f.message.starts_with(m)))
                .count();
            assert_eq!(found, *tail, "{text:?}\n{full:#?}");
            assert_eq!(checker.check(text, &config), full, "{text:?}");
            assert_tail_facts_kept(&checker, text);
        }
    }

    /// The tail facts `checker` kept for its last draft, `text`, are those
    /// its blocks give.
    fn assert_tail_facts_kept(checker: &Checker, text: &str) {
        let doc = Document::parse(text, Format::Markdown);
        let kept: Vec<_> = checker
            .fingerprints
            .iter()
            .map(|f| checker.blocks[f].tail)
            .collect();
        let fresh: Vec<_> = doc
            .blocks
            .iter()
            .map(|b| rules::promo::TailBlock::of(&doc, b))
            .collect();
        assert_eq!(kept, fresh, "{text:?}");
    }

    #[test]
    fn empty_and_blank_drafts() {
        let config = Config::default();
        for format in [Format::Markdown, Format::Plain, Format::Html] {
            let mut checker = Checker::new(format);
            for text in [DRAFT, "", "\n\n  \n", DRAFT] {
                assert_eq!(
                    checker.check(text, &config),
                    crate::check(text, format, &config),
                    "{format:?} {text:?}"
                );
            }
        }
    }

    #[test]
    fn an_edit_reuses_the_other_units() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        checker.check(DRAFT, &config);
        let before: Vec<Fingerprint> = checker.blocks.keys().copied().collect();
        let edited = DRAFT.replace("rents rose", "rents climbed");
        checker.check(&edited, &config);
        let fresh = checker
            .blocks
            .keys()
            .filter(|f| !before.contains(f))
            .count();
        assert_eq!(fresh, 1, "only the edited block is analysed again");
    }

    /// Edits made one after the other to `draft`: after each, the number
    /// of units checked again (none when the draft was checked whole),
    /// with the findings asserted equal to a full check's.
    fn fresh_units_per_edit(draft: &str, edits: &[(&str, &str)]) -> Vec<usize> {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        checker.check(draft, &config);
        let mut text = draft.to_string();
        let mut fresh = Vec::new();
        for (from, to) in edits {
            let before: Vec<Fingerprint> = checker.units.keys().copied().collect();
            text = text.replacen(from, to, 1);
            let found = checker.check(&text, &config);
            assert_eq!(found, crate::check(&text, Format::Markdown, &config));
            fresh.push(checker.units.keys().filter(|f| !before.contains(f)).count());
        }
        fresh
    }

    /// A keystroke hashes the blocks it changed, not the whole draft's:
    /// the others keep their fingerprints (debug builds check each against
    /// a fresh hash), and the findings are a full check's.
    #[test]
    fn a_keystroke_hashes_only_the_blocks_it_changed() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        let mut text = include_str!("../../../benches/data/draft-10k.md").to_string();
        checker.check(&text, &config);
        let blocks = checker.fingerprints.len();
        assert_eq!(checker.hashed, blocks);
        let mut hashed = Vec::new();
        for at in [text.len() / 3, text.len() / 2, text.len() * 3 / 4] {
            let at = (0..=at).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            text.insert(at, 'x');
            assert_eq!(
                checker.check(&text, &config),
                crate::check(&text, Format::Markdown, &config)
            );
            hashed.push(checker.hashed);
        }
        assert!(blocks > 100, "{blocks} blocks");
        assert!(
            hashed.iter().all(|&h| h <= 3),
            "{hashed:?} of {blocks} blocks hashed"
        );
    }

    /// A keystroke tags only the sentence it changed: the unit around it is
    /// analysed again, but its other sentences' tags are the ones the last
    /// checks kept (`KeptTags`), and the findings are a full check's. Past
    /// its limit the checker drops what it kept and tags afresh, with the
    /// same findings.
    #[test]
    #[allow(clippy::print_stderr)] // The figures, shown with `--nocapture`.
    fn a_keystroke_tags_only_the_sentence_it_changed() {
        let config = Config::default();
        let draft = include_str!("../../../benches/data/draft-10k.md");
        let mut checker = Checker::new(Format::Markdown);
        let before = crate::meter::sentences_tagged();
        assert_eq!(
            checker.check(draft, &config),
            crate::check(draft, Format::Markdown, &config)
        );
        let cold = crate::meter::sentences_tagged() - before;
        let kept = checker.tags.len();
        assert!(kept > 100 && kept <= cold, "{kept} kept of {cold} tagged");
        let mut text = draft.to_string();
        let mut per_edit = Vec::new();
        for k in 1..=24 {
            let near = text.len() * k / 25;
            let near = (near..).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let at = text[near..]
                .find(|c: char| c.is_ascii_lowercase())
                .map_or(near, |i| near + i);
            text.insert(at, 'x');
            let before = crate::meter::sentences_tagged();
            let found = checker.check(&text, &config);
            per_edit.push(crate::meter::sentences_tagged() - before);
            assert_eq!(
                found,
                crate::check(&text, Format::Markdown, &config),
                "edit {k}"
            );
            assert_tail_facts_kept(&checker, &text);
        }
        eprintln!(
            "tagged: cold {cold}, keystrokes {per_edit:?}, {} kept tags read",
            checker.tags.hits()
        );
        assert!(checker.tags.hits() > 0);
        assert!(
            per_edit.iter().all(|&n| n <= 2),
            "sentences tagged per keystroke: {per_edit:?}"
        );
        // Past the limit, everything kept goes, and the findings stay.
        let limit = checker.tags.limit;
        for k in 0..=limit {
            let at = text.len() * (k % 25 + 1) / 27;
            let at = (at..).find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let at = text[at..]
                .find(|c: char| c.is_ascii_lowercase())
                .map_or(at, |i| at + i);
            text.insert(at, 'q');
            checker.check(&text, &config);
            if checker.tags.len() < kept {
                break;
            }
        }
        assert!(checker.tags.len() < kept, "{} kept", checker.tags.len());
        assert_eq!(
            checker.check(&text, &config),
            crate::check(&text, Format::Markdown, &config)
        );
    }

    /// A cold check analyses each block once: its own analysis (for the
    /// cache entry that decides where units are cut) is the analysis of a
    /// unit of that one block, so only a unit of several blocks, whose
    /// quotations and speakers read across them, is analysed again.
    #[test]
    #[allow(clippy::print_stderr)] // The figures, shown with `--nocapture`.
    fn a_cold_check_analyses_each_block_once() {
        let config = Config::default();
        let draft = include_str!("../../../benches/data/draft-10k.md");
        let doc = Document::parse(draft, Format::Markdown);
        let mut checker = Checker::new(Format::Markdown);
        let before = crate::meter::blocks_analysed();
        let found = checker.check(draft, &config);
        let analysed = crate::meter::blocks_analysed() - before;
        let placed = checker.place_blocks(&doc, None, &config);
        let units = unit_ranges(&doc, &placed);
        let in_shared_units: usize = units.iter().map(|r| r.len()).filter(|&n| n > 1).sum();
        let units = units.len();
        eprintln!(
            "{} blocks, {units} units ({in_shared_units} blocks in units of several), {analysed} blocks analysed",
            doc.blocks.len()
        );
        assert_eq!(found, crate::check(draft, Format::Markdown, &config));
        // A block repeated word for word is analysed once in all (the
        // cache), hence at most.
        assert!(
            analysed <= doc.blocks.len() + in_shared_units,
            "{analysed} blocks analysed for {} blocks, {in_shared_units} in units of several",
            doc.blocks.len()
        );
    }

    /// What a one-character edit asks of the word lists' matchers, next to
    /// what a full check of the same draft does: a keystroke re-checks the
    /// unit it touched, and nothing else may search the whole draft again.
    /// A pass over every block added to the keystroke's path (as the tail's
    /// stray-headline pass once was, tripling its instructions) or a regex
    /// over the whole prose shows here as a share of the full check.
    #[test]
    #[allow(clippy::print_stderr)] // The figures, shown with `--nocapture`.
    fn a_keystroke_searches_a_small_share_of_what_a_full_check_does() {
        let config = Config::default();
        let draft = include_str!("../../../benches/data/draft-10k.md");
        let before = crate::meter::total();
        let full = crate::check(draft, Format::Markdown, &config);
        let full_bytes = crate::meter::total() - before;
        let mut checker = Checker::new(Format::Markdown);
        assert_eq!(checker.check(draft, &config), full);
        let mut text = draft.to_string();
        let mut per_edit = Vec::new();
        for k in 1..=12 {
            // Into a word of the prose, spread over the draft.
            let near = text.len() * k / 13;
            let at = text[near..]
                .find(|c: char| c.is_ascii_lowercase())
                .map_or(near, |i| near + i);
            text.insert(at, 'x');
            let before = crate::meter::total();
            checker.check(&text, &config);
            per_edit.push(crate::meter::total() - before);
        }
        per_edit.sort_unstable();
        let median = per_edit[per_edit.len() / 2];
        eprintln!("searched: full check {full_bytes} bytes, keystrokes {per_edit:?}");
        // The full check searches each block with the lists its prefilter
        // lets through: about five times the draft.
        assert!(
            full_bytes > 3 * draft.len(),
            "a full check searched {full_bytes} bytes"
        );
        // A keystroke's own unit and the sentence around the edit, where
        // `promo.undisclosed` looks for a disclosure the edit made (the
        // draft has an affiliate link and no disclosure), are a few
        // thousand bytes, under 2% of the full check's. One pass over every
        // block, or over the prose (a fifth of the full check, as the
        // disclosure's search was until session 13), takes it past this
        // bound.
        assert!(
            median * 20 <= full_bytes,
            "a keystroke searched {median} bytes (median; {per_edit:?}), a full check {full_bytes}: \
             more than 5% of it ({:.1}%)",
            100.0 * median as f64 / full_bytes as f64
        );
    }

    #[test]
    fn bold_leads_that_ask_nothing_keep_the_unit_check() {
        // Bold labels and updates are not interview turns: an edit checks
        // its own unit again, not the whole draft.
        let draft = "**UPDATE 2:15 p.m.:** Crews reopened the road.\n\n\
            Studies show that rents rose 40% last year.\n\n\
            **By the numbers**\n\n\
            \"We will not back down,\" Mayor Ruth Okafor said.\n\n\
            The council meets again in May.\n";
        let fresh = fresh_units_per_edit(draft, &[("rents rose", "rents climbed")]);
        assert_eq!(fresh, [1]);
    }

    #[test]
    fn an_interview_is_judged_whole_and_matches_a_full_check() {
        let draft = "Ana Ruiz has run the shelter for ten years.\n\n\
            **Why did you open it?**\n\n\
            \"Nobody else would,\" and the county had no beds at all.\n\n\
            **What comes next?**\n\n\
            \"A second site, if the grant comes through.\"\n\n\
            Studies show that rents rose 40% last year.\n";
        // The answers' quotations are the interviewee's, however an edit
        // splits or joins the layout's blocks.
        let fresh = fresh_units_per_edit(
            draft,
            &[
                ("rents rose", "rents climbed"),
                ("**What comes next?**", "What comes next."),
                ("What comes next.", "**What comes next?**"),
            ],
        );
        // Checked whole while the layout stands (two questions); with one
        // question left there is no layout, and units are checked apart.
        assert_eq!(fresh[0], 0);
        assert!(fresh[1] > 0);
        assert_eq!(fresh[2], 0);
    }

    #[test]
    fn a_cancelled_check_gives_up_and_the_next_one_completes() {
        let config = Config::default();
        let mut checker = Checker::new(Format::Markdown);
        assert_eq!(checker.check_unless(DRAFT, &config, &|| true), None);
        assert_eq!(
            checker.check_unless(DRAFT, &config, &|| false),
            Some(crate::check(DRAFT, Format::Markdown, &config))
        );
    }

    /// The same on a draft long enough for its units to be checked on two
    /// threads, cancelled at once or after some units: the helper thread
    /// stops too, and nothing half-checked is kept.
    #[test]
    fn a_cancelled_check_on_two_threads_gives_up_and_the_next_one_completes() {
        let config = Config::default();
        let draft = include_str!("../../../benches/data/draft-10k.md");
        let full = crate::check(draft, Format::Markdown, &config);
        for after in [0, 1, 40] {
            let mut checker = Checker::new(Format::Markdown).always_parallel();
            let asked = std::cell::Cell::new(0);
            let cancelled = || {
                asked.set(asked.get() + 1);
                asked.get() > after
            };
            assert_eq!(checker.check_unless(draft, &config, &cancelled), None);
            assert_eq!(
                checker.check_unless(draft, &config, &|| false),
                Some(full.clone()),
                "cancelled after {after}"
            );
        }
    }

    #[test]
    fn a_new_configuration_is_applied() {
        let mut checker = Checker::new(Format::Markdown);
        checker.check(DRAFT, &Config::default());
        let mut quiet = Config::default();
        quiet.levels.insert("claim".into(), crate::Level::Off);
        let findings = checker.check(DRAFT, &quiet);
        assert_eq!(findings, crate::check(DRAFT, Format::Markdown, &quiet));
        assert!(findings.iter().all(|f| !f.rule.starts_with("claim.")));
    }
}
