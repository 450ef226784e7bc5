//! Matching: every alias of every entity, folded and cut into pieces
//! (words and single punctuation chars, see [`crate::tokenize::pieces`]),
//! in one trie over piece ids. A text is cut into pieces once; each piece
//! is looked up once in the vocabulary of pieces that occur in some alias,
//! and a walk down the trie starts only at a piece that begins an alias.
//! Text outside the vocabulary costs one hash lookup per word, whatever
//! the number of names.
//!
//! A match therefore starts and ends on piece boundaries by construction
//! (an alias ending before an enclitic, `Rusia|nya`, goes through the
//! piece's stem). Every match is reported, overlapping or not; then the
//! alias's case policy and `!` context gate decide.
//!
//! ASCII text is scanned as it is: lower-casing happens inside the
//! vocabulary lookup and blank runs only set a piece's `spaced` flag, so the
//! common case makes no folded copy. Other text is folded first
//! ([`Normalized`]) and offsets are mapped back.

use edges::Edges;
use vocab::Vocab;

use crate::normalize::Normalized;
use crate::tokenize::{pieces, Piece};
use crate::types::{Candidate, Case};

mod build;
pub(crate) use build::{MatcherBuilder, TooLarge};
mod edges;
#[cfg(test)]
mod tests;
mod verify;
mod vocab;
mod wire;

/// An alias as the matcher needs it.
#[derive(Clone, Copy, Debug)]
struct AliasInfo {
    /// Index of the entity in the extractor's table; lower wins ties.
    entity: u32,
    /// The alias folded with case kept, `Matcher::cased[cased.0..cased.1]`,
    /// for the smart-case check; empty when the check is skipped.
    cased: (u32, u32),
    /// The next alias that ends at the same trie node, in load order
    /// ([`NONE`] at the end of the chain).
    next: u32,
    /// `!` aliases need one of `Matcher::contexts[context]` nearby;
    /// [`NONE`] for other aliases.
    context: u32,
    /// Aliases under `@not-after` do not match right after one of
    /// `Matcher::contexts[not_after]`; [`NONE`] for other aliases.
    not_after: u32,
    /// `?` aliases need an earlier open mention of their entity.
    linked: bool,
}

impl AliasInfo {
    fn case_sensitive(&self) -> bool {
        self.cased.0 != self.cased.1
    }
}

/// A trie node.
#[derive(Clone, Copy, Debug)]
struct Node {
    /// The first alias that ends here (its chain continues through
    /// [`AliasInfo::next`]), [`NONE`] if none does.
    first: u32,
    /// Some longer pattern continues from here.
    inner: bool,
}

/// A match in the trie: pieces `first..=last`, from byte `start` to byte
/// `end` of the scanned text (the last piece's end, or its stem's), at trie
/// node `node`.
#[derive(Clone, Copy, Debug)]
struct Found {
    first: usize,
    last: usize,
    start: usize,
    end: usize,
    node: u32,
}

/// Records a match of the node `node` refers to (pieces `first..=last`,
/// bytes `start..end`) if some alias ends there.
#[inline]
fn found_at(
    node: u32,
    (first, start): (usize, usize),
    last: usize,
    end: usize,
    found: &mut Vec<Found>,
) {
    if node & FINAL != 0 {
        found.push(Found {
            first,
            last,
            start,
            end,
            node: node & INDEX,
        });
    }
}

/// A `!` alias's context phrases, each as a sequence of `(piece id, spaced)`.
type Phrases = Vec<Vec<(u32, bool)>>;

/// The vocabulary, the trie and, for each trie node, the aliases folded to it.
#[derive(Debug)]
pub(crate) struct Matcher {
    vocab: Vocab,
    /// The node for a pattern's first piece, by piece id ([`NO_NODE`] if no
    /// pattern starts with it). Once built, a node reference: see [`FINAL`].
    roots: Vec<u32>,
    /// Transitions below the roots, keyed by [`edge_key`] (of a node index,
    /// without flags); once built, their values are node references.
    edges: Edges,
    nodes: Vec<Node>,
    aliases: Vec<AliasInfo>,
    /// The case-kept folded forms of case-sensitive aliases, end to end.
    cased: String,
    /// The distinct phrase lists of `@context` (for `!` aliases) and
    /// `@not-after`.
    contexts: Vec<Phrases>,
    /// The piece id of `#`, which stands for a number in `@not-after`
    /// phrases ([`NONE`] if no alias or phrase has one). Derived.
    number: u32,
    patterns: usize,
    case: Case,
}

const NO_NODE: u32 = u32::MAX;
/// In a node reference (`roots` and `edges` of a built matcher): some alias
/// ends at the node. The flags spare the scan a read of `nodes` (out of
/// cache with a large gazetteer) for each step of a walk.
const FINAL: u32 = 1 << 31;
/// In a node reference: some pattern continues below the node.
const INNER: u32 = 1 << 30;
/// The node index in a node reference; also one more than the largest.
const INDEX: u32 = INNER - 1;
/// No alias, no context.
const NONE: u32 = u32::MAX;

/// Per-thread buffers reused from text to text: a text's pieces and trie
/// matches. Allocating them per call costs little on a fresh heap but a lot
/// on one fragmented by building a large gazetteer.
#[derive(Default)]
struct Scratch {
    scanned: Vec<Piece>,
    found: Vec<Found>,
    /// Trie walks under way: (first piece, its start byte, node).
    active: Vec<(usize, usize, u32)>,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

/// The key of the transition from `node` over piece `id`, with or without
/// a blank before it.
#[inline]
fn edge_key(node: u32, id: u32, spaced: bool) -> u64 {
    (u64::from(node) << 32) | (u64::from(id) << 1) | u64::from(spaced)
}

impl Matcher {
    /// Whether `word` (ASCII, any case) is a piece of some alias.
    pub(crate) fn knows(&self, word: &str) -> bool {
        let mut buf = [0u8; 32];
        let Some(lower) = buf.get_mut(..word.len()) else {
            return false;
        };
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        self.vocab.get(lower) != Piece::NONE
    }

    /// Number of distinct folded patterns.
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// The case mode this matcher was built with.
    pub(crate) fn case(&self) -> Case {
        self.case
    }

    /// The same matcher under another case mode that compiles alike
    /// ([`Case::Smart`] and [`Case::Auto`]: the snapshot's matcher).
    pub(crate) fn with_case(mut self, case: Case) -> Matcher {
        if (self.case == Case::Insensitive) == (case == Case::Insensitive) {
            self.case = case;
        }
        self
    }

    /// All token-aligned, case-accepted matches in `text`, in original
    /// byte offsets.
    #[cfg(test)]
    pub(crate) fn find(&self, text: &str) -> Vec<Candidate> {
        self.find_in(text, text.is_ascii())
    }

    /// [`find`](Self::find) in a text whose caller knows whether it is
    /// ASCII (`ascii`), saving a pass over it.
    pub(crate) fn find_in(&self, text: &str, ascii: bool) -> Vec<Candidate> {
        // The per-thread buffers; fresh ones if they are taken (a
        // re-entrant call) or gone (a call while the thread shuts down).
        SCRATCH
            .try_with(|cell| match cell.try_borrow_mut() {
                Ok(mut scratch) => self.find_with(text, ascii, &mut scratch),
                Err(_) => self.find_with(text, ascii, &mut Scratch::default()),
            })
            .unwrap_or_else(|_| self.find_with(text, ascii, &mut Scratch::default()))
    }

    fn find_with(&self, text: &str, ascii: bool, scratch: &mut Scratch) -> Vec<Candidate> {
        let mut out = Vec::new();
        let Scratch {
            scanned,
            found,
            active,
        } = scratch;
        scanned.clear();
        found.clear();
        if ascii {
            self.scan(text, scanned, found, active);
            self.verify(text, None, scanned, found, &mut out);
        } else {
            let norm = Normalized::for_matching(text);
            self.scan(&norm.text, scanned, found, active);
            self.verify(text, Some(&norm), scanned, found, &mut out);
        }
        // Keep the buffers for the next text unless one was huge.
        if scanned.capacity() > 1 << 20 {
            *scanned = Vec::new();
        }
        if found.capacity() > 1 << 20 {
            *found = Vec::new();
        }
        out
    }

    /// Cuts `text` (folded or ASCII) into pieces, and lists every trie
    /// match as (first piece, last piece, end byte, node), in one pass: each
    /// piece advances the walks under way and may start one.
    ///
    /// A piece gets its id only where it can matter: while a walk is under
    /// way, or when it may start a pattern or belong to a context phrase
    /// ([`Vocab::lookup`]); other pieces keep [`Piece::NONE`].
    fn scan(
        &self,
        text: &str,
        scanned: &mut Vec<Piece>,
        found: &mut Vec<Found>,
        active: &mut Vec<(usize, usize, u32)>,
    ) {
        let bytes = text.as_bytes();
        active.clear();
        // Pieces are kept for the phrase gates (`!` context, `@not-after`)
        // only: without phrases, none is.
        let keep = !self.contexts.is_empty();
        let mut i = 0;
        pieces(text, |mut p| {
            let walking = !active.is_empty();
            p.id = self.vocab.lookup(bytes, p.start, p.end, walking);
            if p.clitic != 0 {
                p.stem_id = self.vocab.lookup(bytes, p.start, p.stem(), walking);
            }
            if keep {
                scanned.push(p);
            }
            if walking {
                let mut kept = 0;
                for k in 0..active.len() {
                    let Some(&(first, start, node)) = active.get(k) else {
                        break;
                    };
                    let index = node & INDEX;
                    if p.stem_id != Piece::NONE {
                        if let Some(end) = self.edges.get(edge_key(index, p.stem_id, p.spaced)) {
                            found_at(end, (first, start), i, p.stem(), found);
                        }
                    }
                    if p.id == Piece::NONE {
                        continue;
                    }
                    if let Some(next) = self.edges.get(edge_key(index, p.id, p.spaced)) {
                        found_at(next, (first, start), i, p.end, found);
                        if next & INNER != 0 {
                            if let Some(slot) = active.get_mut(kept) {
                                *slot = (first, start, next);
                            }
                            kept += 1;
                        }
                    }
                }
                active.truncate(kept);
            }
            if let Some(&root) = self.roots.get(p.stem_id as usize) {
                if root != NO_NODE {
                    found_at(root, (i, p.start), i, p.stem(), found);
                }
            }
            if let Some(&root) = self.roots.get(p.id as usize) {
                if root != NO_NODE {
                    found_at(root, (i, p.start), i, p.end, found);
                    if root & INNER != 0 {
                        active.push((i, p.start, root));
                    }
                }
            }
            i += 1;
        });
        // In order of first piece, then length, as the rest expects.
        found.sort_unstable_by_key(|f| (f.first, f.last, f.end));
    }

    /// The phrase list `index` of `contexts` (none if out of range).
    fn phrases(&self, index: u32) -> &[Vec<(u32, bool)>] {
        self.contexts.get(index as usize).map_or(&[], |p| &p[..])
    }
}
