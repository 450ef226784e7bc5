//! Building the matcher: aliases interned into the vocabulary and inserted
//! as paths of `(piece id, blank before)` steps into the trie.

use super::edge_key;
use super::edges::Edges;
use super::vocab::Vocab;
use super::AliasInfo;
use super::Matcher;
use super::Node;
use super::FINAL;
use super::INDEX;
use super::INNER;
use super::NONE;
use super::NO_NODE;
use crate::gazetteer::AliasCase;
use crate::gazetteer::Gate;
use crate::normalize::fold_into;
use crate::tokenize::pieces;
use crate::tokenize::Piece;
use crate::types::Case;
use std::sync::Arc;

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
        if alias_case == AliasCase::Smart && m.case != Case::Insensitive {
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
    pub(super) fn finish(mut self) -> Matcher {
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
        for (id, &root) in (0u32..).zip(self.roots.iter()) {
            if root != NO_NODE {
                self.vocab.want(id);
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
}
