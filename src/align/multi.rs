//! Several versions at once: pairwise alignments to a pivot, merged into units.

use serde::Serialize;

use super::dp::align_features;
use super::features::{features, Feat};
use super::{AlignConfig, Document, Link, Unit};
use crate::lang::Lang;

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

pub(crate) fn align_all(docs: &[Document], config: &AlignConfig) -> Alignment {
    let feats: Vec<Vec<Feat>> = docs
        .iter()
        .map(|d| features(d.lang, &d.sentences, &d.paragraphs))
        .collect();
    // Every pair directly: close languages (ru, uk) help each other through their own
    // alignment rather than through the pivot.
    let mut pairs = Vec::new();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let links = align_features(&feats[a], &feats[b], config);
            pairs.push(PairLinks { a, b, links });
        }
    }
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
/// and all versions order them alike.
fn build_units(lens: &[usize], pairs: &[PairLinks], pivot: usize) -> Vec<Unit> {
    let count = lens.len();
    let base: Vec<usize> = lens
        .iter()
        .scan(0, |acc, &n| {
            let b = *acc;
            *acc += n;
            Some(b)
        })
        .collect();
    let total: usize = lens.iter().sum();
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
    // Merge until every version holds each unit's sentences contiguously, in the same
    // order as the other versions.
    loop {
        let mut changed = false;
        for k in 0..count {
            // Consecutive sentences of version k: units must not interleave.
            let mut open: Vec<usize> = Vec::new();
            for x in 0..lens[k] {
                let r = sets.find(base[k] + x);
                if let Some(&last) = open.last() {
                    if last != r && open.contains(&r) {
                        // `r` reappears after another unit: merge everything since.
                        let pos = open.iter().position(|&o| o == r).unwrap_or(0);
                        let tail: Vec<usize> = open.drain(pos + 1..).collect();
                        for t in tail {
                            changed |= sets.union(r, t);
                        }
                    }
                }
                let r = sets.find(base[k] + x);
                open.retain(|&o| sets.find(o) != r);
                open.push(r);
            }
        }
        // The same order in every pair of versions.
        let order: Vec<Vec<usize>> = (0..count)
            .map(|k| {
                let mut seq: Vec<usize> = Vec::new();
                for x in 0..lens[k] {
                    let r = sets.find(base[k] + x);
                    if seq.last() != Some(&r) {
                        seq.push(r);
                    }
                }
                seq
            })
            .collect();
        for a in 0..count {
            for b in a + 1..count {
                let in_b: Vec<usize> = order[a]
                    .iter()
                    .copied()
                    .filter(|r| order[b].contains(r))
                    .collect();
                let in_a: Vec<usize> = order[b]
                    .iter()
                    .copied()
                    .filter(|r| order[a].contains(r))
                    .collect();
                for (x, y) in in_b.iter().zip(&in_a) {
                    if x != y {
                        changed |= sets.union(*x, *y);
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Each unit's range per version.
    let mut ranges: std::collections::BTreeMap<usize, Vec<Option<(usize, usize)>>> =
        std::collections::BTreeMap::new();
    let mut unit_score: std::collections::BTreeMap<usize, f64> = std::collections::BTreeMap::new();
    for k in 0..count {
        for x in 0..lens[k] {
            let r = sets.find(base[k] + x);
            let entry = ranges.entry(r).or_insert_with(|| vec![None; count]);
            entry[k] = Some(match entry[k] {
                None => (x, x + 1),
                Some((s, _)) => (s, x + 1),
            });
            let sc = unit_score.entry(r).or_insert(1.0);
            *sc = sc.min(score[base[k] + x]);
        }
    }
    // A global order: repeatedly take a unit that is first in every version it occurs in,
    // preferring the pivot's.
    let mut cursor = vec![0usize; count];
    let mut out = Vec::new();
    let mut remaining: Vec<usize> = ranges.keys().copied().collect();
    while !remaining.is_empty() {
        let ready = |r: &usize| {
            ranges[r]
                .iter()
                .enumerate()
                .all(|(k, g)| g.is_none_or(|(s, _)| s == cursor[k]))
        };
        let pick = remaining
            .iter()
            .copied()
            .filter(|r| ready(r))
            .min_by_key(|r| {
                (
                    ranges[r][pivot].is_some(),
                    ranges[r].iter().flatten().map(|g| g.0).min(),
                )
            })
            .unwrap_or(remaining[0]);
        remaining.retain(|&r| r != pick);
        let groups: Vec<std::ops::Range<usize>> = ranges[&pick]
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
        out.push(Unit {
            groups,
            score: unit_score[&pick],
        });
    }
    out
}
