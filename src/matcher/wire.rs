//! The matcher's bytes in the compiled snapshot: [`Matcher::write`] and
//! [`Matcher::read`], little-endian arrays through the snapshot's byte reader.

use super::edges::Edges;
use super::vocab::Vocab;
use super::Matcher;
use super::Node;
use super::NONE;
use super::{AliasInfo, Phrases};
#[cfg(test)]
use super::{INDEX, NO_NODE};
use crate::types::Case;
use crate::types::Reader;
#[cfg(test)]
use crate::types::Writer;

impl Matcher {
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
            Case::Auto => 2,
        });
    }

    /// Reads what [`Matcher::write`] wrote; `None` if it does not fit.
    pub(crate) fn read(r: &mut Reader) -> Option<Matcher> {
        let vocab = read_vocab(r)?;
        let roots = r.u32s()?;
        let (nodes, edges) = read_trie(r)?;
        let (aliases, cased) = read_aliases(r)?;
        let contexts = read_contexts(r)?;
        let patterns = r.len()?;
        let case = match r.u32()? {
            0 => Case::Smart,
            1 => Case::Insensitive,
            2 => Case::Auto,
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
}

/// The vocabulary: its arena and word ends, rehashed.
fn read_vocab(r: &mut Reader) -> Option<Vocab> {
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
    Some(vocab)
}

/// The trie: node references and transitions.
fn read_trie(r: &mut Reader) -> Option<(Vec<Node>, Edges)> {
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
    Some((nodes, edges))
}

/// The aliases, their cased forms in one string.
fn read_aliases(r: &mut Reader) -> Option<(Vec<AliasInfo>, String)> {
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
    Some((aliases, cased))
}

/// The `!` context phrase lists.
fn read_contexts(r: &mut Reader) -> Option<Vec<Phrases>> {
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
    Some(contexts)
}
