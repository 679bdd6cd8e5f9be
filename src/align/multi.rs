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
    let p = config.pivot;
    let others: Vec<usize> = (0..docs.len()).filter(|&k| k != p).collect();
    let pivot_links: Vec<Vec<Link>> = others
        .iter()
        .map(|&k| align_features(&feats[p], &feats[k], config))
        .collect();
    let units = merge_units(docs.len(), p, docs[p].len(), &others, &pivot_links);

    let mut pairs = Vec::new();
    for a in 0..docs.len() {
        for b in a + 1..docs.len() {
            let links = if a == p || b == p {
                let k = if a == p { b } else { a };
                let pos = others.iter().position(|&o| o == k).unwrap_or(0);
                let direct = pivot_links[pos].clone();
                if a == p {
                    direct
                } else {
                    direct
                        .into_iter()
                        .map(|l| Link {
                            src: l.tgt,
                            tgt: l.src,
                            score: l.score,
                        })
                        .collect()
                }
            } else {
                within_units(&units, a, b, &feats[a], &feats[b], config)
            };
            pairs.push(PairLinks { a, b, links });
        }
    }
    Alignment {
        langs: docs.iter().map(|d| d.lang).collect(),
        units,
        pairs,
    }
}

/// Merges the links of each version with the pivot into units: the coarsest partition in
/// which every pairwise link lies inside one unit. Sentences that no pivot sentence
/// matches sit in units of their own between the pivot units.
fn merge_units(
    count: usize,
    pivot: usize,
    pivot_len: usize,
    others: &[usize],
    links: &[Vec<Link>],
) -> Vec<Unit> {
    // Cuts: pivot positions where every version has a link boundary.
    let mut is_cut = vec![true; pivot_len + 1];
    for ls in links {
        let mut boundary = vec![false; pivot_len + 1];
        boundary[0] = true;
        boundary[pivot_len] = true;
        for l in ls {
            boundary[l.src.start] = true;
            boundary[l.src.end] = true;
        }
        for (c, b) in is_cut.iter_mut().zip(&boundary) {
            *c &= *b;
        }
    }
    let cuts: Vec<usize> = (0..=pivot_len).filter(|&x| is_cut[x]).collect();
    // Units: for each cut x, an insertion unit (versions' sentences with no pivot
    // sentence at x), then the pivot unit x..next cut.
    let empty = |n: usize| vec![0..0; n];
    let mut out: Vec<Unit> = Vec::new();
    let mut cursor = vec![0usize; links.len()];
    for (ci, &x) in cuts.iter().enumerate() {
        let next = cuts.get(ci + 1).copied();
        // Insertions at x.
        let mut ins = Unit {
            groups: empty(count),
            score: 1.0,
        };
        let mut any = false;
        for (li, ls) in links.iter().enumerate() {
            let k = others[li];
            while let Some(l) = ls.get(cursor[li]) {
                if l.src.is_empty() && l.src.start == x {
                    extend(&mut ins.groups[k], &l.tgt);
                    ins.score = ins.score.min(l.score);
                    any = true;
                    cursor[li] += 1;
                } else {
                    break;
                }
            }
        }
        if any {
            for g in &mut ins.groups {
                if is_empty(g) {
                    *g = 0..0;
                }
            }
            out.push(ins);
        }
        let Some(y) = next else { break };
        let mut unit = Unit {
            groups: empty(count),
            score: 1.0,
        };
        unit.groups[pivot] = x..y;
        for (li, ls) in links.iter().enumerate() {
            let k = others[li];
            while let Some(l) = ls.get(cursor[li]) {
                // Links inside the unit, including insertions strictly inside it.
                let inside =
                    l.src.start >= x && l.src.end <= y && !(l.src.is_empty() && l.src.start == y);
                if !inside {
                    break;
                }
                extend(&mut unit.groups[k], &l.tgt);
                unit.score = unit.score.min(l.score);
                cursor[li] += 1;
            }
        }
        out.push(unit);
    }
    // Empty groups get the position where they sit, so that units stay in order.
    let mut pos = vec![0usize; count];
    for unit in &mut out {
        for (k, g) in unit.groups.iter_mut().enumerate() {
            if is_empty(g) {
                *g = pos[k]..pos[k];
            } else {
                pos[k] = g.end;
            }
        }
    }
    out
}

fn is_empty(r: &std::ops::Range<usize>) -> bool {
    r.start >= r.end
}

fn extend(group: &mut std::ops::Range<usize>, add: &std::ops::Range<usize>) {
    if is_empty(add) {
        return;
    }
    if is_empty(group) {
        *group = add.clone();
    } else {
        group.end = group.end.max(add.end);
        group.start = group.start.min(add.start);
    }
}

/// Links between two non-pivot versions, aligned inside each unit.
fn within_units(
    units: &[Unit],
    a: usize,
    b: usize,
    fa: &[Feat],
    fb: &[Feat],
    config: &AlignConfig,
) -> Vec<Link> {
    let mut links = Vec::new();
    for u in units {
        let (ra, rb) = (u.groups[a].clone(), u.groups[b].clone());
        if ra.is_empty() && rb.is_empty() {
            continue;
        }
        if ra.is_empty() || rb.is_empty() {
            for x in ra.clone() {
                links.push(Link {
                    src: x..x + 1,
                    tgt: rb.start..rb.start,
                    score: u.score,
                });
            }
            for y in rb.clone() {
                links.push(Link {
                    src: ra.start..ra.start,
                    tgt: y..y + 1,
                    score: u.score,
                });
            }
            continue;
        }
        for l in align_features(&fa[ra.clone()], &fb[rb.clone()], config) {
            links.push(Link {
                src: l.src.start + ra.start..l.src.end + ra.start,
                tgt: l.tgt.start + rb.start..l.tgt.end + rb.start,
                score: l.score.min(u.score.max(l.score * 0.5)),
            });
        }
    }
    links
}
