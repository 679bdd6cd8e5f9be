//! The per-language index: texts, their token sequences, and an inverted index from
//! token to the texts that contain it, searched with a length filter and a prefix filter.

use std::collections::HashMap;

use super::normalize::{for_each_token, TokenKind};
use super::score::max_distance;
use crate::lang::Lang;

/// The sentinel for "no entry".
pub(crate) const NONE: u32 = u32::MAX;

/// A posting list: the entries containing a token, ascending, as variable-length
/// deltas (7 bits a byte, high bit set on every byte but the last of a number).
#[derive(Debug, Clone, Default)]
pub(crate) struct Posting {
    pub bytes: Vec<u8>,
    /// The last entry pushed (to encode the next delta), valid when `len > 0`.
    pub last: u32,
    /// How many entries.
    pub len: u32,
}

impl Posting {
    pub fn push(&mut self, entry: u32) {
        let delta = if self.len == 0 {
            entry
        } else {
            entry - self.last
        };
        put_varint(&mut self.bytes, u64::from(delta));
        self.last = entry;
        self.len += 1;
    }

    /// Calls `f` with each entry. Stops at a truncated number (never happens for lists
    /// built by `push` or checked on load).
    pub fn for_each(&self, mut f: impl FnMut(u32)) {
        let (mut pos, mut entry) = (0, 0u32);
        for k in 0..self.len {
            let Some((delta, next)) = get_varint(&self.bytes, pos) else {
                return;
            };
            pos = next;
            entry = if k == 0 {
                delta as u32
            } else {
                entry.wrapping_add(delta as u32)
            };
            f(entry);
        }
    }
}

/// Appends `v` as a variable-length number (LEB128).
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Reads a variable-length number at `pos`: the number and the position after it.
pub(crate) fn get_varint(bytes: &[u8], mut pos: usize) -> Option<(u64, usize)> {
    let mut v = 0u64;
    let mut shift = 0;
    loop {
        let b = *bytes.get(pos)?;
        pos += 1;
        if shift >= 64 {
            return None;
        }
        v |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return Some((v, pos));
        }
        shift += 7;
    }
}

/// The texts of one language in a memory: one entry per unit that has the language.
#[derive(Debug, Clone)]
pub(crate) struct LangIndex {
    pub lang: Lang,
    /// Token → id.
    pub vocab: HashMap<Box<str>, u32>,
    /// Id → token.
    pub words: Vec<Box<str>>,
    /// Entry → unit.
    pub units: Vec<u32>,
    /// Entry → its tokens, `tokens[tok_off[e]..tok_off[e + 1]]`.
    pub tok_off: Vec<usize>,
    pub tokens: Vec<u32>,
    /// Entry → its text, `texts[text_off[e]..text_off[e + 1]]`.
    pub text_off: Vec<usize>,
    pub texts: String,
    /// Token id → the entries that contain it.
    pub postings: Vec<Posting>,
    /// Unit → entry, or [`NONE`].
    pub entry_of: Vec<u32>,
}

/// A query made ready for one language's index.
pub(crate) struct Query {
    /// Token ids; tokens the index does not know get ids past its vocabulary.
    pub ids: Vec<u32>,
    /// The distinct ids with their counts, sorted by id.
    pub counts: Vec<(u32, u16)>,
}

impl LangIndex {
    pub fn new(lang: Lang) -> Self {
        LangIndex {
            lang,
            vocab: HashMap::new(),
            words: Vec::new(),
            units: Vec::new(),
            tok_off: vec![0],
            tokens: Vec::new(),
            text_off: vec![0],
            texts: String::new(),
            postings: Vec::new(),
            entry_of: Vec::new(),
        }
    }

    /// How many entries (texts).
    pub fn len(&self) -> usize {
        self.units.len()
    }

    pub fn text(&self, entry: usize) -> &str {
        &self.texts[self.text_off[entry]..self.text_off[entry + 1]]
    }

    pub fn token_ids(&self, entry: usize) -> &[u32] {
        &self.tokens[self.tok_off[entry]..self.tok_off[entry + 1]]
    }

    /// The entry of `unit`, if the unit has a text in this language.
    pub fn entry(&self, unit: usize) -> Option<usize> {
        match self.entry_of.get(unit) {
            Some(&e) if e != NONE => Some(e as usize),
            _ => None,
        }
    }

    /// Adds the text of `unit` (units are added in increasing order).
    pub fn add(&mut self, unit: u32, text: &str) {
        let entry = self.units.len() as u32;
        let start = self.tokens.len();
        let (vocab, words, tokens) = (&mut self.vocab, &mut self.words, &mut self.tokens);
        for_each_token(text, |t, kind, _| {
            if kind == TokenKind::Punct {
                return;
            }
            let id = match vocab.get(t) {
                Some(&id) => id,
                None => {
                    let id = words.len() as u32;
                    vocab.insert(t.into(), id);
                    words.push(t.into());
                    id
                }
            };
            tokens.push(id);
        });
        self.postings
            .resize_with(self.words.len(), Posting::default);
        for &id in &self.tokens[start..] {
            let p = &mut self.postings[id as usize];
            if p.len == 0 || p.last != entry {
                p.push(entry);
            }
        }
        self.units.push(unit);
        self.tok_off.push(self.tokens.len());
        self.texts.push_str(text);
        self.text_off.push(self.texts.len());
        if self.entry_of.len() <= unit as usize {
            self.entry_of.resize(unit as usize + 1, NONE);
        }
        self.entry_of[unit as usize] = entry;
    }

    /// Tokenises a query against this index's vocabulary.
    pub fn query(&self, text: &str) -> Query {
        let mut unknown: HashMap<String, u32> = HashMap::new();
        let mut ids = Vec::new();
        let base = self.words.len() as u32;
        for_each_token(text, |t, kind, _| {
            if kind == TokenKind::Punct {
                return;
            }
            let id = match self.vocab.get(t) {
                Some(&id) => id,
                None => {
                    let next = base + unknown.len() as u32;
                    *unknown.entry(t.to_string()).or_insert(next)
                }
            };
            ids.push(id);
        });
        let mut sorted = ids.clone();
        sorted.sort_unstable();
        let mut counts: Vec<(u32, u16)> = Vec::new();
        for id in sorted {
            match counts.last_mut() {
                Some((last, n)) if *last == id => *n = n.saturating_add(1),
                _ => counts.push((id, 1)),
            }
        }
        Query { ids, counts }
    }

    /// How many entries contain token `id` (0 for an unknown token).
    fn frequency(&self, id: u32) -> u32 {
        self.postings.get(id as usize).map_or(0, |p| p.len)
    }

    /// The entries that may score at least `min` against the query: every entry that
    /// does is among them (see the module documentation), ascending.
    ///
    /// A text of `c` tokens against a query of `n` can only reach `min` when its length
    /// is within the distance bound, and when it shares at least `n − ⌊(100 − min)·n/100⌋`
    /// tokens with the query; so it contains one of the query's `⌊(100 − min)·n/100⌋ + 1`
    /// rarest tokens (by occurrence), and only their posting lists are read.
    pub fn candidates(&self, q: &Query, min: u8) -> Vec<u32> {
        let n = q.ids.len();
        if n == 0 {
            return Vec::new();
        }
        let (lo, hi) = length_range(n, min);
        let mut order: Vec<u32> = q.ids.clone();
        order.sort_by_key(|&id| (self.frequency(id), id));
        let prefix = (max_distance(n, min) + 1).min(n);
        let mut probe: Vec<u32> = order[..prefix].to_vec();
        probe.dedup();
        let mut out = Vec::new();
        for id in probe {
            if let Some(p) = self.postings.get(id as usize) {
                p.for_each(|e| {
                    let c = self.tok_off[e as usize + 1] - self.tok_off[e as usize];
                    if (lo..=hi).contains(&c) {
                        out.push(e);
                    }
                });
            }
        }
        out.sort_unstable();
        out.dedup();
        out
    }

    /// Whether entry `e` shares enough tokens with the query to reach `min`: a
    /// multiset overlap of at least `m − max_distance(m, min)`, `m` the longer length.
    pub fn may_reach(&self, q: &Query, e: usize, min: u8) -> bool {
        let toks = self.token_ids(e);
        let m = toks.len().max(q.ids.len());
        let need = m - max_distance(m, min);
        let mut left: Vec<(u32, u16)> = Vec::new();
        let mut overlap = 0;
        for &t in toks {
            if let Ok(k) = q.counts.binary_search_by_key(&t, |&(id, _)| id) {
                let used = match left.iter_mut().find(|(id, _)| *id == t) {
                    Some((_, u)) => u,
                    None => {
                        left.push((t, 0));
                        &mut left.last_mut().expect("just pushed").1
                    }
                };
                if *used < q.counts[k].1 {
                    *used += 1;
                    overlap += 1;
                    if overlap >= need {
                        return true;
                    }
                }
            }
        }
        overlap >= need
    }
}

/// The token lengths `c` a text may have to score at least `min` against a query of `n`
/// tokens: `|n − c| ≤ ⌊(100 − min) · max(n, c) / 100⌋`.
pub(crate) fn length_range(n: usize, min: u8) -> (usize, usize) {
    let lo = n - max_distance(n, min);
    let min = usize::from(min.max(1));
    (lo, 100 * n / min)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tm::score::{distance, percent};

    #[test]
    fn varints_round_trip() {
        let mut p = Posting::default();
        let ids = [0u32, 1, 5, 200, 201, 70_000, 4_000_000_000];
        for id in ids {
            p.push(id);
        }
        let mut back = Vec::new();
        p.for_each(|e| back.push(e));
        assert_eq!(back, ids);
        assert_eq!(get_varint(&[0x80, 0x80], 0), None);
    }

    #[test]
    fn length_range_is_exact() {
        for n in 1..50 {
            for min in [1u8, 30, 50, 70, 75, 85, 95, 99, 100] {
                let (lo, hi) = length_range(n, min);
                for c in 1..200 {
                    let m = n.max(c);
                    // Best case: the shorter text is all inside the longer one.
                    let reachable =
                        percent(m, n.abs_diff(c), || false) >= min || (n == c && min == 100);
                    assert_eq!((lo..=hi).contains(&c), reachable, "n {n} c {c} min {min}");
                }
            }
        }
    }

    #[test]
    fn candidates_hold_every_match() {
        let mut idx = LangIndex::new(Lang::EN);
        let texts = [
            "the cat sat on the mat",
            "the cat sat on a mat",
            "a dog sat on the mat",
            "the the the the the the",
            "completely different words here now",
            "the cat",
        ];
        for (i, t) in texts.iter().enumerate() {
            idx.add(i as u32, t);
        }
        for query in [
            "the cat sat on the mat",
            "the cat sat",
            "the dog",
            "the the",
        ] {
            let q = idx.query(query);
            for min in [30u8, 50, 70, 90, 100] {
                let cands = idx.candidates(&q, min);
                for e in 0..idx.len() {
                    let toks = idx.token_ids(e);
                    let m = toks.len().max(q.ids.len());
                    let d = distance(&q.ids, toks, m).unwrap_or(m);
                    if percent(m, d, || false) >= min {
                        assert!(cands.contains(&(e as u32)), "{query:?} {e} {min}");
                        assert!(idx.may_reach(&q, e, min), "{query:?} {e} {min}");
                    }
                }
            }
        }
    }
}
