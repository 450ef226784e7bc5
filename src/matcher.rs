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

use crate::common_words;
use crate::gazetteer::{AliasCase, Gate, CONTEXT_WORDS};
use crate::normalize::{fold_cased, fold_into, Normalized};
use crate::tokenize::{pieces, Piece};
#[cfg(test)]
use crate::types::Writer;
use crate::types::{Candidate, Case, Reader};
use std::sync::Arc;

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

/// Why a matcher could not be built.
#[derive(Debug)]
pub(crate) struct TooLarge;

impl std::fmt::Display for TooLarge {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("more than 2^30 trie nodes or 2^32 distinct words in the gazetteers")
    }
}

/// Builds a [`Matcher`] one alias at a time.
#[derive(Debug)]
pub(crate) struct MatcherBuilder {
    m: Matcher,
    context_lists: Vec<Arc<[String]>>,
    /// The last alias of each node's chain.
    tails: Vec<u32>,
    pieces: Vec<Piece>,
    path: Vec<(u32, bool)>,
    folded: String,
}

impl MatcherBuilder {
    pub(crate) fn new(case: Case) -> Self {
        MatcherBuilder {
            m: Matcher {
                vocab: Vocab::default(),
                roots: Vec::new(),
                edges: Edges::default(),
                nodes: Vec::new(),
                aliases: Vec::new(),
                cased: String::new(),
                contexts: Vec::new(),
                number: NONE,
                patterns: 0,
                case,
            },
            context_lists: Vec::new(),
            tails: Vec::new(),
            pieces: Vec::new(),
            path: Vec::new(),
            folded: String::new(),
        }
    }

    /// Adds an alias of entity `entity`; aliases added earlier win ties.
    pub(crate) fn add(
        &mut self,
        entity: u32,
        text: &str,
        alias_case: AliasCase,
        gate: &Gate,
        not_after: Option<&Arc<[String]>>,
    ) -> Result<(), TooLarge> {
        let context = match gate {
            Gate::Context(phrases) => self.context(phrases)?,
            _ => NONE,
        };
        let not_after = match not_after {
            Some(phrases) => self.context(phrases)?,
            None => NONE,
        };
        self.folded.clear();
        fold_into(text, true, &mut self.folded);
        self.m
            .intern_all(&self.folded, &mut self.pieces, &mut self.path)?;
        let Some(node) = self.m.insert(&self.path)? else {
            return Ok(()); // folds to nothing: the parser rejects these
        };
        let m = &mut self.m;
        let start = u32::try_from(m.cased.len()).map_err(|_| TooLarge)?;
        if alias_case == AliasCase::Smart && m.case == Case::Smart {
            fold_into(text, false, &mut m.cased);
            let added = m.cased.get(start as usize..).unwrap_or_default();
            if !added.chars().any(char::is_uppercase) {
                m.cased.truncate(start as usize);
            }
        }
        let end = u32::try_from(m.cased.len()).map_err(|_| TooLarge)?;
        let index = u32::try_from(m.aliases.len())
            .ok()
            .filter(|&i| i < NONE)
            .ok_or(TooLarge)?;
        m.aliases.push(AliasInfo {
            entity,
            cased: (start, end),
            next: NONE,
            context,
            not_after,
            linked: *gate == Gate::Linked,
        });
        if self.tails.len() <= node as usize {
            self.tails.resize(node as usize + 1, NONE);
        }
        let tail = self.tails.get_mut(node as usize);
        match tail {
            Some(tail) if *tail != NONE => {
                if let Some(last) = m.aliases.get_mut(*tail as usize) {
                    last.next = index;
                }
                *tail = index;
            }
            Some(tail) => {
                *tail = index;
                if let Some(n) = m.nodes.get_mut(node as usize) {
                    n.first = index;
                }
                m.patterns += 1;
            }
            None => {}
        }
        Ok(())
    }

    /// The index of a `@context` or `@not-after` phrase list, tokenized on
    /// first sight.
    fn context(&mut self, phrases: &Arc<[String]>) -> Result<u32, TooLarge> {
        let i = match self
            .context_lists
            .iter()
            .position(|c| Arc::ptr_eq(c, phrases))
        {
            Some(i) => i,
            None => {
                let mut tokenized = Vec::new();
                for p in phrases.iter() {
                    self.m.intern_all(p, &mut self.pieces, &mut self.path)?;
                    tokenized.push(self.path.clone());
                }
                self.m.contexts.push(tokenized);
                self.context_lists.push(Arc::clone(phrases));
                self.context_lists.len() - 1
            }
        };
        u32::try_from(i).map_err(|_| TooLarge)
    }

    pub(crate) fn build(self) -> Matcher {
        let mut m = self.m;
        m.roots.resize(m.vocab.len(), NO_NODE);
        m.roots.shrink_to_fit();
        m.nodes.shrink_to_fit();
        m.aliases.shrink_to_fit();
        m.cased.shrink_to_fit();
        m.finish()
    }
}

impl Matcher {
    /// Derives what is not stored: the vocabulary's `wanted` words and the
    /// flags of node references.
    fn finish(mut self) -> Matcher {
        let nodes = &self.nodes;
        let reference = |node: u32| {
            let index = node & INDEX;
            match nodes.get(index as usize) {
                Some(n) => {
                    index
                        | if n.first != NONE { FINAL } else { 0 }
                        | if n.inner { INNER } else { 0 }
                }
                None => NO_NODE,
            }
        };
        for root in &mut self.roots {
            if *root != NO_NODE {
                *root = reference(*root);
            }
        }
        for value in self.edges.values_mut() {
            *value = reference(*value);
        }
        self.vocab.wanted = Vec::new();
        for (id, &root) in self.roots.iter().enumerate() {
            if root != NO_NODE {
                self.vocab.want(id as u32);
            }
        }
        for phrases in &self.contexts {
            for phrase in phrases {
                for &(id, _) in phrase {
                    self.vocab.want(id);
                }
            }
        }
        self.number = self.vocab.get(b"#");
        // At least one word is marked, so that `wanted` is used.
        if self.vocab.wanted.is_empty() {
            self.vocab.wanted = vec![0; self.vocab.filter.len()];
        }
        self
    }

    /// Builds the matcher from `(entity index, alias text, case, gate)`.
    #[cfg(test)]
    pub(crate) fn new<'a>(
        aliases: impl IntoIterator<Item = (u32, &'a str, AliasCase, &'a Gate)>,
        case: Case,
    ) -> Result<Matcher, TooLarge> {
        let mut b = MatcherBuilder::new(case);
        for (entity, text, alias_case, gate) in aliases {
            b.add(entity, text, alias_case, gate, None)?;
        }
        Ok(b.build())
    }

    /// The `(piece id, spaced)` sequence of folded text into `path`,
    /// adding new pieces to the vocabulary.
    fn intern_all(
        &mut self,
        folded: &str,
        buf: &mut Vec<Piece>,
        path: &mut Vec<(u32, bool)>,
    ) -> Result<(), TooLarge> {
        buf.clear();
        path.clear();
        pieces(folded, |p| buf.push(p));
        for p in buf.iter() {
            let word = folded.get(p.start..p.end).unwrap_or_default();
            path.push((self.vocab.intern(word)?, p.spaced));
        }
        Ok(())
    }

    /// The node at the end of `path`, created as needed; `None` for an
    /// empty path.
    fn insert(&mut self, path: &[(u32, bool)]) -> Result<Option<u32>, TooLarge> {
        let Some((&(first, _), rest)) = path.split_first() else {
            return Ok(None);
        };
        if self.roots.len() <= first as usize {
            self.roots.resize(first as usize + 1, NO_NODE);
        }
        let mut node = match self.roots.get(first as usize).copied() {
            Some(n) if n != NO_NODE => n,
            _ => {
                let n = self.new_node()?;
                if let Some(r) = self.roots.get_mut(first as usize) {
                    *r = n;
                }
                n
            }
        };
        for &(id, spaced) in rest {
            if let Some(n) = self.nodes.get_mut(node as usize) {
                n.inner = true;
            }
            let key = edge_key(node, id, spaced);
            node = match self.edges.get(key) {
                Some(next) => next,
                None => {
                    let next = self.new_node()?;
                    self.edges.insert(key, next);
                    next
                }
            };
        }
        Ok(Some(node))
    }

    fn new_node(&mut self) -> Result<u32, TooLarge> {
        let n = u32::try_from(self.nodes.len())
            .ok()
            .filter(|&n| n < INDEX)
            .ok_or(TooLarge)?;
        self.nodes.push(Node {
            first: NONE,
            inner: false,
        });
        Ok(n)
    }

    /// Writes the matcher for [`crate::snapshot`].
    #[cfg(test)]
    pub(crate) fn write(&self, w: &mut Writer) {
        w.str(&self.vocab.arena);
        w.u32s(self.vocab.words.iter().map(|&(_, end)| end));
        let index = |node: u32| if node == NO_NODE { node } else { node & INDEX };
        w.u32s(self.roots.iter().map(|&r| index(r)));
        w.u32s(self.nodes.iter().map(|n| n.first));
        w.flags(self.nodes.iter().map(|n| n.inner));
        let edges: Vec<(u64, u32)> = self.edges.iter().collect();
        w.u32s(edges.iter().map(|&(k, _)| (k >> 32) as u32));
        w.u32s(edges.iter().map(|&(k, _)| k as u32));
        w.u32s(edges.iter().map(|&(_, v)| index(v)));
        w.u32s(self.aliases.iter().map(|a| a.entity));
        w.u32s(self.aliases.iter().map(|a| a.cased.1));
        w.u32s(self.aliases.iter().map(|a| a.next));
        w.u32s(self.aliases.iter().map(|a| a.context));
        w.u32s(self.aliases.iter().map(|a| a.not_after));
        w.flags(self.aliases.iter().map(|a| a.linked));
        w.str(&self.cased);
        w.len(self.contexts.len());
        for phrases in &self.contexts {
            w.len(phrases.len());
            for phrase in phrases {
                w.u32s(
                    phrase
                        .iter()
                        .map(|&(id, spaced)| (id << 1) | u32::from(spaced)),
                );
            }
        }
        w.len(self.patterns);
        w.u32(match self.case {
            Case::Smart => 0,
            Case::Insensitive => 1,
        });
    }

    /// Reads what [`Matcher::write`] wrote; `None` if it does not fit.
    pub(crate) fn read(r: &mut Reader) -> Option<Matcher> {
        let arena = r.str()?.to_string();
        let ends = r.u32s()?;
        let mut start = 0;
        let mut words = Vec::with_capacity(ends.len());
        for end in ends {
            arena.get(start as usize..end as usize)?;
            words.push((start, end));
            start = end;
        }
        let mut vocab = Vocab {
            arena,
            words,
            slots: Vec::new(),
            filter: Vec::new(),
            single: Vec::new(),
            wanted: Vec::new(),
        };
        vocab.rehash();
        for id in 0..vocab.words.len() {
            let (s, e) = vocab.words.get(id).copied().unwrap_or_default();
            let word = vocab
                .arena
                .as_bytes()
                .get(s as usize..e as usize)
                .unwrap_or_default();
            if let [b] = word {
                let b = [*b];
                vocab.note_single(&b, u32::try_from(id).ok()?);
            }
        }
        let roots = r.u32s()?;
        let firsts = r.u32s()?;
        let inner = r.flags()?;
        if firsts.len() != inner.len() {
            return None;
        }
        let nodes = firsts
            .into_iter()
            .zip(inner)
            .map(|(first, inner)| Node { first, inner })
            .collect();
        let (high, low, values) = (r.u32s()?, r.u32s()?, r.u32s()?);
        if high.len() != low.len() || low.len() != values.len() {
            return None;
        }
        let mut edges = Edges::default();
        edges.reserve(values.len());
        for ((h, l), v) in high.into_iter().zip(low).zip(values) {
            edges.insert((u64::from(h) << 32) | u64::from(l), v);
        }
        let (entity, cased_end, next, context, not_after, linked) = (
            r.u32s()?,
            r.u32s()?,
            r.u32s()?,
            r.u32s()?,
            r.u32s()?,
            r.flags()?,
        );
        let n = entity.len();
        if [
            cased_end.len(),
            next.len(),
            context.len(),
            not_after.len(),
            linked.len(),
        ] != [n; 5]
        {
            return None;
        }
        let cased = r.str()?.to_string();
        let mut aliases = Vec::with_capacity(n);
        let mut start = 0;
        for i in 0..n {
            let end = *cased_end.get(i)?;
            cased.get(start as usize..end as usize)?;
            aliases.push(AliasInfo {
                entity: *entity.get(i)?,
                cased: (start, end),
                next: *next.get(i)?,
                context: *context.get(i)?,
                not_after: *not_after.get(i)?,
                linked: *linked.get(i)?,
            });
            start = end;
        }
        let mut contexts = Vec::new();
        for _ in 0..r.len()? {
            let mut phrases = Vec::new();
            for _ in 0..r.len()? {
                phrases.push(
                    r.u32s()?
                        .into_iter()
                        .map(|x| (x >> 1, x & 1 == 1))
                        .collect(),
                );
            }
            contexts.push(phrases);
        }
        let patterns = r.len()?;
        let case = match r.u32()? {
            0 => Case::Smart,
            1 => Case::Insensitive,
            _ => return None,
        };
        Some(
            Matcher {
                vocab,
                roots,
                edges,
                nodes,
                aliases,
                cased,
                contexts,
                number: NONE,
                patterns,
                case,
            }
            .finish(),
        )
    }

    /// Number of distinct folded patterns.
    pub(crate) fn pattern_count(&self) -> usize {
        self.patterns
    }

    /// The case mode this matcher was built with.
    pub(crate) fn case(&self) -> Case {
        self.case
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

    /// Maps each trie match back to the original text and keeps the aliases
    /// whose case policy and context gate accept it.
    ///
    /// `norm` is the folded text that was scanned, `None` when `text` itself
    /// (ASCII) was.
    fn verify(
        &self,
        text: &str,
        norm: Option<&Normalized>,
        scanned: &[Piece],
        found: &[Found],
        out: &mut Vec<Candidate>,
    ) {
        let scanned_text = norm.map_or(text, |n| &n.text).as_bytes();
        let orig_start = |at| norm.map_or(Some(at), |n| n.orig_start(at));
        let orig_end = |at| norm.map_or(Some(at), |n| n.orig_end(at));
        for &Found {
            first,
            last,
            start,
            end,
            node,
        } in found
        {
            let Some(n) = self.nodes.get(node as usize) else {
                continue;
            };
            let (Some(byte_start), Some(byte_end)) = (orig_start(start), orig_end(end)) else {
                continue;
            };
            let Some(original) = text.get(byte_start..byte_end) else {
                continue;
            };
            let mut folded: Option<String> = None;
            let mut next = n.first;
            while let Some(alias) = self.aliases.get(next as usize) {
                next = alias.next;
                if alias.case_sensitive() {
                    let cased = self
                        .cased
                        .get(alias.cased.0 as usize..alias.cased.1 as usize)
                        .unwrap_or_default();
                    if !case_matches(original, cased, &mut folded)
                        && !caseless_match(text, byte_start, byte_end, cased)
                    {
                        continue;
                    }
                }
                if alias.context != NONE
                    && !has_context(scanned, first, last, self.phrases(alias.context))
                {
                    continue;
                }
                if alias.not_after != NONE
                    && ends_before(
                        scanned,
                        scanned_text,
                        first,
                        self.phrases(alias.not_after),
                        self.number,
                    )
                {
                    continue;
                }
                out.push(Candidate {
                    byte_start,
                    byte_end,
                    entity: alias.entity,
                    linked: alias.linked,
                    rule: None,
                });
            }
        }
    }
}

/// Smart case: the original text, folded with case kept, is the alias as
/// written (`cased`) or its all-caps form. ASCII text is compared without
/// allocating; other text is folded once per match into `folded`.
fn case_matches(original: &str, cased: &str, folded: &mut Option<String>) -> bool {
    if original.is_ascii() && cased.is_ascii() {
        let all_caps = !original.bytes().any(|b| b.is_ascii_lowercase());
        return ascii_folds_to(original, cased, false)
            || (all_caps && ascii_folds_to(original, cased, true));
    }
    let seen = folded.get_or_insert_with(|| fold_cased(original));
    let all_caps = !seen.chars().any(char::is_lowercase);
    *seen == *cased || (all_caps && *seen == cased.to_uppercase())
}

/// Smart case in a line written without capitals: the alias matches in
/// lower case there, unless it is a common word (`barat`, `dia`), which
/// in such a line is the word far more often than the name.
fn caseless_match(text: &str, start: usize, end: usize, cased: &str) -> bool {
    let lower = cased.to_lowercase();
    lower.chars().count() >= 2
        && !common_words::is_common(&lower)
        && common_words::in_caseless_line(text, start, end)
}

/// Whether ASCII `original`, folded like [`fold_cased`] (blanks and hyphens
/// to one space, case kept), equals `target` (in upper case if `upper`).
fn ascii_folds_to(original: &str, target: &str, upper: bool) -> bool {
    let mut target = target.bytes();
    let mut in_space = false;
    for b in original.bytes() {
        let b = if char::from(b).is_whitespace() || b == b'-' {
            if in_space {
                continue;
            }
            in_space = true;
            b' '
        } else {
            in_space = false;
            b
        };
        let t = target
            .next()
            .map(|t| if upper { t.to_ascii_uppercase() } else { t });
        if t != Some(b) {
            return false;
        }
    }
    target.next().is_none()
}

/// Whether one of `phrases` occurs, as whole pieces, within
/// [`CONTEXT_WORDS`] words (blank-separated) before piece `first` or after
/// piece `last`.
fn has_context(scanned: &[Piece], first: usize, last: usize, phrases: &[Vec<(u32, bool)>]) -> bool {
    let spaced = |k: usize| scanned.get(k).is_some_and(|p| p.spaced);
    let mut from = first;
    let mut spaces = 0;
    for k in (0..first).rev() {
        spaces += usize::from(spaced(k + 1));
        if spaces > CONTEXT_WORDS {
            break;
        }
        from = k;
    }
    let mut to = last + 1;
    spaces = 0;
    for k in last + 1..scanned.len() {
        spaces += usize::from(spaced(k));
        if spaces > CONTEXT_WORDS {
            break;
        }
        to = k + 1;
    }
    [(from, first), (last + 1, to)].into_iter().any(|(lo, hi)| {
        let window = scanned.get(lo..hi).unwrap_or_default();
        phrases
            .iter()
            .any(|phrase| (0..window.len()).any(|s| phrase_at(window, s, phrase)))
    })
}

/// Whether one of `phrases` ends right before piece `first` (a phrase piece
/// `number` stands for a number: digits, or a Roman numeral up to 8 letters).
fn ends_before(
    scanned: &[Piece],
    text: &[u8],
    first: usize,
    phrases: &[Vec<(u32, bool)>],
    number: u32,
) -> bool {
    let is_number = |p: &Piece| {
        let word = text.get(p.start..p.end).unwrap_or_default();
        !word.is_empty()
            && (word.iter().all(u8::is_ascii_digit)
                || word.len() <= 8
                    && word
                        .iter()
                        .all(|b| matches!(b.to_ascii_lowercase(), b'i' | b'v' | b'x' | b'l')))
    };
    phrases.iter().any(|phrase| {
        let Some(from) = first.checked_sub(phrase.len()) else {
            return false;
        };
        !phrase.is_empty()
            && scanned
                .get(from..first)
                .unwrap_or_default()
                .iter()
                .zip(phrase)
                .enumerate()
                .all(|(k, (p, &(id, spaced)))| {
                    (k == 0 || p.spaced == spaced)
                        && if id == number {
                            is_number(p)
                        } else {
                            p.id == id
                        }
                })
    })
}

/// Whether `phrase` matches the pieces of `window` from `s` on (its last
/// piece may be a piece's stem: `rudal` in `rudalnya`).
fn phrase_at(window: &[Piece], s: usize, phrase: &[(u32, bool)]) -> bool {
    let Some(pieces) = window.get(s..s + phrase.len()) else {
        return false;
    };
    let n = phrase.len();
    n > 0
        && pieces
            .iter()
            .zip(phrase)
            .enumerate()
            .all(|(k, (p, &(id, spaced)))| {
                (k == 0 || p.spaced == spaced) && (p.id == id || (k + 1 == n && p.stem_id == id))
            })
}

/// Interned pieces: folded strings in one arena, looked up by an
/// open-addressing table. Lookups fold ASCII case on the fly, so ASCII text
/// is looked up without a lower-cased copy.
#[derive(Debug, Default)]
struct Vocab {
    arena: String,
    /// `(start, end)` in `arena`, by id.
    words: Vec<(u32, u32)>,
    /// The words by hash, open addressing; length a power of two, at most
    /// half full.
    slots: Vec<Slot>,
    /// One bit per hash value (modulo its length, a power of two): set for
    /// the words present. Small enough to stay in cache, it answers most
    /// misses (most words of a text are in no alias) without touching
    /// `slots`.
    filter: Vec<u64>,
    /// Ids of one-byte words by byte (both cases of a letter), for the
    /// commonest pieces: punctuation. Empty until the first is added.
    single: Vec<u32>,
    /// Like `filter`, for the words that start a pattern or belong to a
    /// context phrase: the only ones whose id matters when no trie walk
    /// is under way. Set by [`Matcher::finish`].
    wanted: Vec<u64>,
}

impl Vocab {
    fn len(&self) -> usize {
        self.words.len()
    }

    /// The id of `word` (bytes of folded text, or ASCII in any case).
    #[inline]
    fn get(&self, word: &[u8]) -> u32 {
        self.lookup(word, 0, word.len(), true)
    }

    /// The id of the word `bytes[start..end]`, [`Piece::NONE`] if it has
    /// none; unless `all`, only for the words marked `wanted` (others get
    /// [`Piece::NONE`] too). The bytes around the word are read as well
    /// (and ignored), which makes hashing a short word cheap.
    #[inline(always)]
    fn lookup(&self, bytes: &[u8], start: usize, end: usize, all: bool) -> u32 {
        // The `wanted` filter first, for one-byte words too: most pieces
        // stop there, whatever their length, after one predictable branch.
        if !all && !self.wanted.is_empty() {
            let (index, bits) = self.wanted_bits(quick_hash(bytes, start, end));
            if self.wanted.get(index).is_some_and(|w| w & bits != bits) {
                return Piece::NONE;
            }
        }
        let word = bytes.get(start..end).unwrap_or_default();
        if let [b] = word {
            if *b < 128 {
                return self
                    .single
                    .get(usize::from(*b))
                    .copied()
                    .unwrap_or(Piece::NONE);
            }
        }
        if self.slots.is_empty() {
            return Piece::NONE;
        }
        let hash = hash_span(bytes, start, end);
        let bit = (hash >> 40) as usize & (self.filter.len() * 64 - 1);
        if self
            .filter
            .get(bit / 64)
            .is_some_and(|w| w & (1 << (bit % 64)) == 0)
        {
            return Piece::NONE;
        }
        let len = word.len() as u32;
        let head = lower8(load8(bytes, start, word.len().min(8)));
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        loop {
            match self.slots.get(i) {
                Some(slot) if slot.id1 != 0 => {
                    if slot.head == head
                        && slot.len == len
                        && (len <= 8 || self.tail_is((slot.id1 - 1) as usize, word))
                    {
                        return slot.id1 - 1;
                    }
                }
                _ => return Piece::NONE,
            }
            i = (i + 1) & mask;
        }
    }

    /// Marks word `id` as wanted (see `wanted`).
    fn want(&mut self, id: u32) {
        if self.wanted.len() != self.filter.len() {
            self.wanted = vec![0; self.filter.len()];
        }
        let Some(&(s, e)) = self.words.get(id as usize) else {
            return;
        };
        let word = self
            .arena
            .as_bytes()
            .get(s as usize..e as usize)
            .unwrap_or_default();
        let (index, bits) = self.wanted_bits(quick_hash(word, 0, word.len()));
        if let Some(w) = self.wanted.get_mut(index) {
            *w |= bits;
        }
    }

    /// Where a word of [`quick_hash`] `hash` is marked in `wanted`: two bits
    /// of one 64-bit word (so a word not wanted passes half as often as
    /// with one bit, for the same single memory read).
    #[inline]
    fn wanted_bits(&self, hash: u64) -> (usize, u64) {
        let index = (hash >> 40) as usize & (self.wanted.len() - 1);
        let bits = 1 << ((hash >> 34) & 63) | 1 << ((hash >> 28) & 63);
        (index, bits)
    }

    /// Whether `word` (of word `id`'s length, its first 8 bytes already
    /// compared in the slot) folds to word `id` after its first 8 bytes.
    fn tail_is(&self, id: usize, word: &[u8]) -> bool {
        let Some(&(s, e)) = self.words.get(id) else {
            return false;
        };
        let stored = self
            .arena
            .as_bytes()
            .get(s as usize + 8..e as usize)
            .unwrap_or_default();
        let tail = word.get(8..).unwrap_or_default();
        stored.len() == tail.len()
            && stored
                .iter()
                .zip(tail)
                .all(|(a, b)| *a == b.to_ascii_lowercase())
    }

    /// The id of folded `word`, added if new.
    fn intern(&mut self, word: &str) -> Result<u32, TooLarge> {
        let id = self.get(word.as_bytes());
        if id != Piece::NONE {
            return Ok(id);
        }
        let id = u32::try_from(self.words.len())
            .ok()
            .filter(|&id| id < Piece::NONE - 1)
            .ok_or(TooLarge)?;
        let start = u32::try_from(self.arena.len()).map_err(|_| TooLarge)?;
        self.arena.push_str(word);
        let end = u32::try_from(self.arena.len()).map_err(|_| TooLarge)?;
        self.words.push((start, end));
        self.note_single(word.as_bytes(), id);
        if (self.words.len()) * 2 > self.slots.len() {
            self.rehash();
        } else {
            self.place(id);
        }
        Ok(id)
    }

    /// Records `id` in `single` if `word` is one ASCII byte.
    fn note_single(&mut self, word: &[u8], id: u32) {
        if let [b] = word {
            if *b < 128 {
                if self.single.is_empty() {
                    self.single = vec![Piece::NONE; 128];
                }
                for c in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
                    if let Some(slot) = self.single.get_mut(usize::from(c)) {
                        *slot = id;
                    }
                }
            }
        }
    }

    fn rehash(&mut self) {
        let size = (self.words.len() * 2).next_power_of_two().max(64);
        self.slots = vec![Slot::default(); size];
        self.filter = vec![0; (size * 4 / 64).max(1024)];
        for id in 0..self.words.len() {
            self.place(id as u32);
        }
    }

    /// Puts word `id` in `filter` and `slots`.
    fn place(&mut self, id: u32) {
        let (s, e) = self.words.get(id as usize).copied().unwrap_or_default();
        let word = self
            .arena
            .as_bytes()
            .get(s as usize..e as usize)
            .unwrap_or_default();
        let hash = hash_folded(word);
        let new = Slot {
            head: lower8(load8(word, 0, word.len().min(8))),
            id1: id + 1,
            len: word.len() as u32,
        };
        let bit = (hash >> 40) as usize & (self.filter.len() * 64 - 1);
        if let Some(w) = self.filter.get_mut(bit / 64) {
            *w |= 1 << (bit % 64);
        }
        let mask = self.slots.len() - 1;
        let mut i = (hash as usize) & mask;
        while let Some(slot) = self.slots.get_mut(i) {
            if slot.id1 == 0 {
                *slot = new;
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

/// A word in [`Vocab::slots`]: its first 8 bytes (ASCII case folded, zero
/// after its end) and its length, which decide most lookups without reading
/// the arena, and its id + 1 (`0` marks an empty slot).
#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    head: u64,
    id1: u32,
    len: u32,
}

/// A fast hash of `word`, the same for every ASCII case of it (FxHash-style,
/// one multiply per 8 bytes, then a final mix).
#[inline]
fn hash_folded(word: &[u8]) -> u64 {
    hash_span(word, 0, word.len())
}

/// [`hash_folded`] of `bytes[start..end]`, read in place: 8 bytes at a time,
/// the last few loaded with the bytes after them and masked off, so that a
/// short word costs one load instead of a byte-by-byte copy.
#[inline]
fn hash_span(bytes: &[u8], start: usize, end: usize) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let len = end.saturating_sub(start);
    let mut h: u64 = len as u64;
    let mut at = start;
    while at < end {
        let x = load8(bytes, at, (end - at).min(8));
        h = (h.rotate_left(5) ^ caseless8(x)).wrapping_mul(K);
        at += 8;
    }
    h ^= h >> 29;
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 32)
}

/// A cheaper hash than [`hash_span`] for the `wanted` filter: the first 8
/// bytes (ASCII case ignored) and the length, one multiply.
#[inline]
fn quick_hash(bytes: &[u8], start: usize, end: usize) -> u64 {
    let len = end.saturating_sub(start);
    let x = caseless8(load8(bytes, start, len.min(8))) ^ ((len as u64) << 59);
    x.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Masks of the low `n` bytes of a word, by `n` (a load is cheaper than a
/// shift by a variable amount).
// Evaluated at compile time: an out-of-bounds index would fail the build.
#[allow(clippy::indexing_slicing)]
const LOW_BYTES: [u64; 9] = {
    let mut masks = [u64::MAX; 9];
    let mut n = 0;
    while n < 8 {
        masks[n] = (1u64 << (8 * n)) - 1;
        n += 1;
    }
    masks
};

/// `bytes[at..at + len]` (`len` <= 8) as a little-endian word, zero-padded.
#[inline]
fn load8(bytes: &[u8], at: usize, len: usize) -> u64 {
    if let Some(window) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(<[u8; 8]>::try_from(window).unwrap_or_default());
        x & LOW_BYTES.get(len).copied().unwrap_or(u64::MAX)
    } else {
        let mut b = [0u8; 8];
        for (d, s) in b
            .iter_mut()
            .zip(bytes.get(at..at + len).unwrap_or_default())
        {
            *d = *s;
        }
        u64::from_le_bytes(b)
    }
}

/// The 8 bytes packed in `x` with bit 5 set in each: the same for a byte and
/// its ASCII lower case, which is all a hash needs (it turns more than
/// `A`-`Z` into other bytes, but consistently, so equal words still hash
/// alike; in ASCII words, of letters and digits only, it is the lower
/// case). One instruction instead of [`lower8`]'s eight.
#[inline]
fn caseless8(x: u64) -> u64 {
    x | 0x2020_2020_2020_2020
}

/// ASCII-lower-cases the 8 bytes packed in `x` (bytes >= 0x80 unchanged).
#[inline]
fn lower8(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // High bit of each byte set where the byte is in b'A'..=b'Z'.
    let ascii = !x & HIGH;
    let ge_a = (x & !HIGH).wrapping_add(ONES * (0x80 - u64::from(b'A')));
    let gt_z = (x & !HIGH).wrapping_add(ONES * (0x80 - u64::from(b'Z') - 1));
    let upper = ascii & ge_a & !gt_z & HIGH;
    x | (upper >> 2)
}

/// Trie transitions: `edge_key` → node, open addressing.
#[derive(Debug, Default)]
struct Edges {
    keys: Vec<u64>,
    values: Vec<u32>,
    len: usize,
}

impl Edges {
    const EMPTY: u64 = u64::MAX;

    /// The `(key, node)` pairs, in table order.
    fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys
            .iter()
            .zip(&self.values)
            .filter(|(k, _)| **k != Self::EMPTY)
            .map(|(k, v)| (*k, *v))
    }

    /// The values, to change in place.
    fn values_mut(&mut self) -> impl Iterator<Item = &mut u32> + '_ {
        self.keys
            .iter()
            .zip(&mut self.values)
            .filter(|(k, _)| **k != Self::EMPTY)
            .map(|(_, v)| v)
    }

    /// Room for `n` keys without growing.
    fn reserve(&mut self, n: usize) {
        if n * 2 > self.keys.len() {
            let size = (n * 2).next_power_of_two().max(64);
            let old: Vec<(u64, u32)> = self.iter().collect();
            self.keys = vec![Self::EMPTY; size];
            self.values = vec![0; size];
            self.len = 0;
            for (k, v) in old {
                self.put(k, v);
            }
        }
    }

    #[inline]
    fn slot(key: u64, mask: usize) -> usize {
        (key.wrapping_mul(0x9e37_79b9_7f4a_7c15) >> 32) as usize & mask
    }

    #[inline]
    fn get(&self, key: u64) -> Option<u32> {
        if self.keys.is_empty() {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = Self::slot(key, mask);
        loop {
            match self.keys.get(i) {
                Some(&k) if k == key => return self.values.get(i).copied(),
                Some(&k) if k != Self::EMPTY => i = (i + 1) & mask,
                _ => return None,
            }
        }
    }

    fn insert(&mut self, key: u64, value: u32) {
        self.reserve(self.len + 1);
        self.put(key, value);
    }

    fn put(&mut self, key: u64, value: u32) {
        let mask = self.keys.len() - 1;
        let mut i = Self::slot(key, mask);
        while let Some(k) = self.keys.get_mut(i) {
            if *k == Self::EMPTY || *k == key {
                if *k == Self::EMPTY {
                    self.len += 1;
                }
                *k = key;
                if let Some(v) = self.values.get_mut(i) {
                    *v = value;
                }
                return;
            }
            i = (i + 1) & mask;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A matcher of open aliases, entity `i` for `aliases[i]`.
    fn matcher(aliases: &[(&str, AliasCase)], case: Case) -> Matcher {
        Matcher::new(
            aliases
                .iter()
                .enumerate()
                .map(|(i, (a, c))| (i as u32, *a, *c, &Gate::Open)),
            case,
        )
        .unwrap()
    }

    fn find(aliases: &[(&str, AliasCase)], case: Case, text: &str) -> Vec<&'static str> {
        matcher(aliases, case)
            .find(text)
            .into_iter()
            .map(|c| &*text[c.byte_start..c.byte_end].to_string().leak())
            .collect()
    }

    const S: AliasCase = AliasCase::Smart;

    #[test]
    fn smart_case() {
        let a = [("Kongres", S), ("AS", S), ("rudal", S)];
        assert_eq!(
            find(&a, Case::Smart, "Kongres KONGRES kongres"),
            ["Kongres", "KONGRES"]
        );
        assert_eq!(find(&a, Case::Smart, "AS as As"), ["AS"]);
        assert_eq!(
            find(&a, Case::Smart, "Rudal RUDAL rudal"),
            ["Rudal", "RUDAL", "rudal"]
        );
        assert_eq!(
            find(&[("Kongres", AliasCase::Any)], Case::Smart, "kongres"),
            ["kongres"]
        );
        assert_eq!(find(&a, Case::Insensitive, "kongres as"), ["kongres", "as"]);
    }

    #[test]
    fn smart_case_in_a_line_without_capitals() {
        let a = [("Kongres", S), ("Rusia", S), ("Barat", S), ("AS", S)];
        // A line with capitals keeps smart case; one without lets a name
        // match in lower case, but not a common word (`barat`; `kongres`
        // is written in lower case as a common noun too).
        assert_eq!(find(&a, Case::Smart, "Kongres dan rusia"), ["Kongres"]);
        assert_eq!(
            find(&a, Case::Smart, "Kongres AS.\nkongres dan rusia di barat"),
            ["Kongres", "AS", "rusia"]
        );
        assert_eq!(find(&a, Case::Smart, "as rusia"), ["as", "rusia"]);
    }

    #[test]
    fn lookups_compare_exactly_what_the_hashes_blur() {
        let i = Case::Insensitive;
        // `ā` (C4 81) and `ġ` (C4 A1) differ in bit 5 of one byte only:
        // the same hashes, different words.
        let a = [("Māori", S), ("ġa", S)];
        assert_eq!(find(&a, i, "Māori MĀORI"), ["Māori", "MĀORI"]);
        assert!(find(&a, i, "Mġori āa").is_empty());
        // Words of more than 8 bytes with the same first 8.
        let a = [("internasional", S), ("internasionalisasi", S)];
        assert_eq!(
            find(&a, i, "INTERNASIONAL internasionalis Internasionalisasi"),
            ["INTERNASIONAL", "Internasionalisasi"]
        );
        // Digits and letters, the only ASCII in words, keep apart.
        let a = [("F16", S), ("S400", S)];
        assert_eq!(find(&a, i, "f16 s400 F-16 S400"), ["f16", "s400", "S400"]);
    }

    #[test]
    fn ascii_case_fold() {
        assert!(ascii_folds_to(
            "Amerika  \n Serikat",
            "Amerika Serikat",
            false
        ));
        assert!(ascii_folds_to("Soekarno-Hatta", "Soekarno Hatta", false));
        assert!(!ascii_folds_to("Amerika Serika", "Amerika Serikat", false));
        assert!(!ascii_folds_to("amerika serikat", "Amerika Serikat", false));
        assert!(ascii_folds_to("AMERIKA-SERIKAT", "Amerika Serikat", true));
    }

    #[test]
    fn context_window() {
        let phrases: Arc<[String]> =
            ["rudal".to_string(), "sistem pertahanan udara".to_string()].into();
        let gate = Gate::Context(phrases);
        let m = Matcher::new([(0, "Patriot", AliasCase::Smart, &gate)], Case::Smart).unwrap();
        let hits = |t: &str| m.find(t).len();
        assert_eq!(
            hits("Sistem Pertahanan-Udara buatan AS, Patriot, dikirim"),
            1
        );
        assert_eq!(hits("rudal a b c d e Patriot"), 1);
        assert_eq!(hits("rudal a b c d e f Patriot"), 0);
        assert_eq!(hits("Patriot x y z a b rudal"), 1);
        assert_eq!(hits("Patriot x y z a b c rudal"), 0);
        assert_eq!(hits("Patriot x y z a b rudalnya"), 1);
        assert_eq!(hits("Patriot prudalx"), 0);
        assert_eq!(hits("Patriot sistem pertahanan"), 0);
        assert_eq!(hits("Patriot"), 0);
    }

    /// The trie against the definition it replaces: every occurrence of a
    /// folded alias in the folded text that starts and ends on a token
    /// boundary ([`starts_token`], [`ends_token`]), mapped back, case
    /// checked.
    fn brute_force(
        aliases: &[(&str, AliasCase)],
        case: Case,
        text: &str,
    ) -> Vec<(usize, usize, u32)> {
        use crate::tokenize::{ends_token, starts_token};
        let norm = Normalized::new(text);
        let mut out = Vec::new();
        for (i, &(alias, alias_case)) in aliases.iter().enumerate() {
            let pattern = crate::normalize::fold_lower(alias);
            if pattern.is_empty() {
                continue;
            }
            let m = Matcher::new([(i as u32, alias, alias_case, &Gate::Open)], case).unwrap();
            let info = m.aliases[0];
            let cased = &m.cased[info.cased.0 as usize..info.cased.1 as usize];
            for (at, _) in norm.text.char_indices() {
                let end = at + pattern.len();
                if !norm.text[at..].starts_with(&pattern)
                    || !starts_token(&norm.text, at)
                    || !ends_token(&norm.text, end)
                {
                    continue;
                }
                let (Some(s), Some(e)) = (norm.orig_start(at), norm.orig_end(end)) else {
                    continue;
                };
                if info.case_sensitive()
                    && !case_matches(&text[s..e], cased, &mut None)
                    && !caseless_match(text, s, e, cased)
                {
                    continue;
                }
                out.push((s, e, i as u32));
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn trie_equals_brute_force() {
        let aliases = [
            ("Rusia", S),
            ("PBB", S),
            ("Amerika Serikat", S),
            ("Serikat", S),
            ("Jl. Sudirman", S),
            ("Jl.", S),
            ("S-400", S),
            ("S400", S),
            ("ina jakarta", S),
            ("Jakarta", S),
            ("Erdoğan", S),
            ("fi", AliasCase::Any),
            ("kah", S),
            ("punya", S),
            ("a.b", S),
            ("Co.", S),
            ("İstanbul", S),
            ("Indo", S),
        ];
        let words = [
            "Rusia",
            "rusianya",
            "RUSIA",
            "PBB-nya",
            "Amerika",
            "serikat",
            "Serikat",
            "jl",
            ".",
            "Jl.",
            "Sudirman",
            "S",
            "400",
            "S-400",
            "S400",
            "kartina",
            "Jakarta",
            "jakartalah",
            "Erdogan",
            "Erdoğan",
            "ERDOĞAN",
            "ﬁ",
            "ﬁx",
            "kah",
            "punya",
            "punyanya",
            "a.b",
            "a",
            "b",
            "co.uk",
            "Co.",
            "İstanbul",
            "istanbul",
            "-",
            "—",
            ",",
            "\n",
            "\u{a0}",
            "  ",
            "Rusia-Ukraina",
            "x2",
            "é",
            "e\u{301}",
            "💫",
            "𝘐𝘯𝘥𝘰",
            "ＩＮＤＯ",
            "Indo",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..3000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let n = (seed % 9) as usize;
            for k in 0..n {
                let w = words[((seed >> (k * 6)) % words.len() as u64) as usize];
                text.push_str(w);
                if (seed >> (k + 40)) & 1 == 1 {
                    text.push(' ');
                }
            }
            for case in [Case::Smart, Case::Insensitive] {
                let mut got: Vec<_> = matcher(&aliases, case)
                    .find(&text)
                    .into_iter()
                    .map(|c| (c.byte_start, c.byte_end, c.entity))
                    .collect();
                got.sort_unstable();
                assert_eq!(got, brute_force(&aliases, case, &text), "text {text:?}");
            }
        }
    }

    #[test]
    fn hidden_match_inside_a_rejected_one() {
        let a = [("ina jakarta", S), ("jakarta", S)];
        assert_eq!(find(&a, Case::Smart, "kartina jakarta"), ["jakarta"]);
    }

    #[test]
    fn token_boundaries() {
        let a = [
            ("Rusia", S),
            ("PBB", S),
            ("CNN", S),
            ("IRGC", S),
            ("Iran", S),
        ];
        let text = "Rusianya PBB-nya ke-PBB-an CNN.com IRGC's anti-Iran Iran-lah Rusiawi ASEAN";
        assert_eq!(
            find(&a, Case::Smart, text),
            ["Rusia", "PBB", "PBB", "CNN", "IRGC", "Iran", "Iran"]
        );
    }
}
