//! Several versions at once: every pair aligned directly, the links merged into units.

use serde::Serialize;

use super::dp::align_features;
use super::features::{features, Feat};
use super::{AlignConfig, Document, Link, Unit};
use crate::lang::Lang;
use rayon::prelude::*;

/// The alignment of several versions of a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Alignment {
    /// The language of each version, in the order given.
    pub langs: Vec<Lang>,
    /// Translation units, in document order; together they hold every sentence of every
    /// version exactly once, in order.
    pub units: Vec<Unit>,
    /// The links of every pair of versions `(a, b)` with `a < b`, consistent with the
    /// units (no link crosses a unit boundary).
    pub pairs: Vec<PairLinks>,
}

/// The links between two versions.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PairLinks {
    /// Index of the first version.
    pub a: usize,
    /// Index of the second version.
    pub b: usize,
    /// The links, `src` in version `a` and `tgt` in version `b`.
    pub links: Vec<Link>,
}

impl Alignment {
    /// The links between versions `a` and `b` (in either order).
    pub fn links(&self, a: usize, b: usize) -> Option<Vec<Link>> {
        if let Some(p) = self.pairs.iter().find(|p| p.a == a && p.b == b) {
            return Some(p.links.clone());
        }
        let p = self.pairs.iter().find(|p| p.a == b && p.b == a)?;
        Some(
            p.links
                .iter()
                .map(|l| Link {
                    src: l.tgt.clone(),
                    tgt: l.src.clone(),
                    score: l.score,
                })
                .collect(),
        )
    }
}

pub(crate) fn align_all(docs: &[Document<'_>], config: &AlignConfig) -> Alignment {
    let feats: Vec<Vec<Feat>> = docs.par_iter().map(features).collect();
    // Every pair directly: close languages (ru, uk) help each other through their own
    // alignment rather than through the pivot. The pairs are independent and aligned in
    // parallel; they come out in the order (0, 1), (0, 2), ..., (1, 2), ...
    let order: Vec<(usize, usize)> = (0..docs.len())
        .flat_map(|a| (a + 1..docs.len()).map(move |b| (a, b)))
        .collect();
    let pairs: Vec<PairLinks> = order
        .into_par_iter()
        .map(|(a, b)| PairLinks {
            a,
            b,
            links: align_features(&feats[a], &feats[b], config),
        })
        .collect();
    let lens: Vec<usize> = docs.iter().map(Document::len).collect();
    let units = build_units(&lens, &pairs, config.pivot);
    Alignment {
        langs: docs.iter().map(|d| d.lang).collect(),
        units,
        pairs,
    }
}

/// Union-find over the sentences of all versions.
struct Sets {
    parent: Vec<usize>,
}

impl Sets {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }

    fn union(&mut self, x: usize, y: usize) -> bool {
        let (rx, ry) = (self.find(x), self.find(y));
        if rx != ry {
            self.parent[rx.max(ry)] = rx.min(ry);
        }
        rx != ry
    }
}

/// Units consistent with every pairwise alignment: the sentences a link joins belong to
/// one unit, and units are merged until each holds consecutive sentences of every version
/// and all versions order them alike. Near-linear in the number of sentences.
fn build_units(lens: &[usize], pairs: &[PairLinks], pivot: usize) -> Vec<Unit> {
    let count = lens.len();
    let mut base = Vec::with_capacity(count);
    let mut total = 0;
    for &n in lens {
        base.push(total);
        total += n;
    }
    let mut sets = Sets {
        parent: (0..total).collect(),
    };
    let mut score = vec![1.0f64; total];
    for p in pairs {
        for l in &p.links {
            let members: Vec<usize> = l
                .src
                .clone()
                .map(|x| base[p.a] + x)
                .chain(l.tgt.clone().map(|y| base[p.b] + y))
                .collect();
            for w in members.windows(2) {
                sets.union(w[0], w[1]);
            }
            for &m in &members {
                score[m] = score[m].min(l.score);
            }
        }
    }
    loop {
        while make_consistent(&mut sets, lens, &base) {}
        match order_units(&mut sets, lens, &base, pivot) {
            Ok(order) => return collect_units(&mut sets, lens, &base, &score, &order),
            // The versions order some units in a cycle (X < Y in one, Y < Z in another,
            // Z < X in a third): merge the units at the head of every version, retry.
            Err(heads) => {
                for w in heads.windows(2) {
                    sets.union(w[0], w[1]);
                }
            }
        }
    }
}

/// The units of version `k` in order, as roots, without repeats of neighbours.
fn sequence(sets: &mut Sets, k: usize, lens: &[usize], base: &[usize]) -> Vec<usize> {
    let mut seq: Vec<usize> = Vec::new();
    for x in 0..lens[k] {
        let r = sets.find(base[k] + x);
        if seq.last() != Some(&r) {
            seq.push(r);
        }
    }
    seq
}

/// One round of merging: a unit that comes back after another unit in some version absorbs
/// everything in between, and two versions that order their shared units differently
/// merge the units that disagree. Returns whether anything changed.
fn make_consistent(sets: &mut Sets, lens: &[usize], base: &[usize]) -> bool {
    let total = sets.parent.len();
    let mut changed = false;
    let mut on_stack = vec![false; total];
    for k in 0..lens.len() {
        // Contiguity with a stack of the units seen since each one last occurred.
        let mut stack: Vec<usize> = Vec::new();
        for x in 0..lens[k] {
            let r = sets.find(base[k] + x);
            if stack.last().is_some_and(|&t| sets.find(t) == r) {
                continue;
            }
            if on_stack[r] {
                while let Some(t) = stack.pop() {
                    on_stack[t] = false;
                    let rt = sets.find(t);
                    if rt == sets.find(r) {
                        break;
                    }
                    changed |= sets.union(r, t);
                }
            }
            let r = sets.find(r);
            on_stack[r] = true;
            stack.push(r);
        }
        for t in stack {
            on_stack[t] = false;
        }
    }
    // Order: compare each pair of versions on the units they share.
    let seqs: Vec<Vec<usize>> = (0..lens.len())
        .map(|k| sequence(sets, k, lens, base))
        .collect();
    let mut mark = vec![usize::MAX; total];
    for a in 0..seqs.len() {
        for &r in &seqs[a] {
            mark[r] = a;
        }
        for b in a + 1..seqs.len() {
            let mut in_b = vec![false; 0];
            in_b.resize(total, false);
            for &r in &seqs[b] {
                in_b[r] = true;
            }
            let shared_a: Vec<usize> = seqs[a].iter().copied().filter(|&r| in_b[r]).collect();
            let shared_b: Vec<usize> = seqs[b].iter().copied().filter(|&r| mark[r] == a).collect();
            for (x, y) in shared_a.iter().zip(&shared_b) {
                if x != y {
                    changed |= sets.union(*x, *y);
                }
            }
        }
    }
    changed
}

/// A global order of the units: repeatedly the unit that is next in every version it
/// occurs in, preferring units without a pivot sentence (insertions come before the pivot
/// sentence that follows them). Fails with the units at the heads when none is ready.
fn order_units(
    sets: &mut Sets,
    lens: &[usize],
    base: &[usize],
    pivot: usize,
) -> Result<Vec<usize>, Vec<usize>> {
    let count = lens.len();
    let seqs: Vec<Vec<usize>> = (0..count).map(|k| sequence(sets, k, lens, base)).collect();
    let total = sets.parent.len();
    // How many versions hold each unit, and how many have it at their head.
    let mut holders = vec![0u8; total];
    for seq in &seqs {
        for &r in seq {
            holders[r] += 1;
        }
    }
    let mut at_head = vec![0u8; total];
    let mut pos = vec![0usize; count];
    for seq in &seqs {
        if let Some(&r) = seq.first() {
            at_head[r] += 1;
        }
    }
    let mut order = Vec::new();
    loop {
        let heads: Vec<usize> = (0..count)
            .filter_map(|k| seqs[k].get(pos[k]).copied())
            .collect();
        if heads.is_empty() {
            return Ok(order);
        }
        let ready: Vec<usize> = heads
            .iter()
            .copied()
            .filter(|&r| at_head[r] == holders[r])
            .collect();
        let Some(&pick) = ready
            .iter()
            .find(|&&r| seqs[pivot].get(pos[pivot]) != Some(&r))
            .or(ready.first())
        else {
            return Err(heads);
        };
        order.push(pick);
        for k in 0..count {
            if seqs[k].get(pos[k]) == Some(&pick) {
                pos[k] += 1;
                if let Some(&next) = seqs[k].get(pos[k]) {
                    at_head[next] += 1;
                }
            }
        }
    }
}

/// The units in the given order, with their ranges and scores.
fn collect_units(
    sets: &mut Sets,
    lens: &[usize],
    base: &[usize],
    score: &[f64],
    order: &[usize],
) -> Vec<Unit> {
    let count = lens.len();
    let total = sets.parent.len();
    let mut ranges: Vec<Vec<Option<(usize, usize)>>> = Vec::new();
    let mut slot = vec![usize::MAX; total];
    let mut unit_score = Vec::new();
    for (n, &r) in order.iter().enumerate() {
        slot[r] = n;
        ranges.push(vec![None; count]);
        unit_score.push(1.0f64);
    }
    for k in 0..count {
        for x in 0..lens[k] {
            let r = sets.find(base[k] + x);
            let n = slot[r];
            ranges[n][k] = Some(match ranges[n][k] {
                None => (x, x + 1),
                Some((s, _)) => (s, x + 1),
            });
            unit_score[n] = unit_score[n].min(score[base[k] + x]);
        }
    }
    let mut cursor = vec![0usize; count];
    ranges
        .into_iter()
        .zip(unit_score)
        .map(|(rs, sc)| {
            let groups = rs
                .iter()
                .enumerate()
                .map(|(k, g)| match g {
                    Some((s, e)) => {
                        cursor[k] = *e;
                        *s..*e
                    }
                    None => cursor[k]..cursor[k],
                })
                .collect();
            Unit { groups, score: sc }
        })
        .collect()
}
