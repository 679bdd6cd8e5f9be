//! Several versions at once: every pair aligned directly, the links merged into units.

use serde::Serialize;

use std::collections::HashMap;
use std::ops::Range;

use super::cost::{confidence, CostModel, Prefix};
use super::dp::{align_features_model, run, Step, Window};
use super::features::{features, group_evidence, Feat};
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
    let aligned: Vec<(PairLinks, CostModel)> = order
        .into_par_iter()
        .map(|(a, b)| {
            let prior = config
                .priors
                .as_deref()
                .and_then(|p| p.get(docs[a].lang, docs[b].lang));
            let (links, model) = align_features_model(&feats[a], &feats[b], config, prior);
            (PairLinks { a, b, links }, model)
        })
        .collect();
    let (pairs, models): (Vec<PairLinks>, Vec<CostModel>) = aligned.into_iter().unzip();
    let prefixes: Vec<Prefix> = feats.iter().map(|f| Prefix::new(f)).collect();
    let pricer = Pricer {
        feats: &feats,
        prefixes: &prefixes,
        models: &models,
        types: &config.link_types,
    };
    let lens: Vec<usize> = docs.iter().map(Document::len).collect();
    let groups = build_units(&lens, &pairs, config.pivot, &pricer);
    let (units, pairs) = finish(groups, &pairs, &pricer);
    // Freeing the features of a long document (millions of small sets) takes a tenth of a
    // second per 100,000 sentences: another thread does it while the caller goes on.
    let garbage = (feats, prefixes, models);
    if lens.iter().sum::<usize>() >= BACKGROUND_DROP_SENTENCES {
        rayon::spawn(move || drop(garbage));
    }
    Alignment {
        langs: docs.iter().map(|d| d.lang).collect(),
        units,
        pairs,
    }
}

/// Sentences (of all versions) from which [`align_all`] frees its features on another
/// thread.
const BACKGROUND_DROP_SENTENCES: usize = 20_000;

/// The sentence groups of one unit, one range per version.
type Groups = Vec<Range<usize>>;

/// The largest window (cells) a pair is re-aligned in.
const REALIGN_CELLS: usize = 40_000;

/// Prices a link between any groups of two versions with the cost model of their pair.
struct Pricer<'p> {
    feats: &'p [Vec<Feat>],
    prefixes: &'p [Prefix],
    /// One model per pair, in the order of the pairs (`(0, 1), (0, 2), .., (1, 2), ..`).
    models: &'p [CostModel],
    types: &'p [(usize, usize)],
}

impl Pricer<'_> {
    /// The cost of linking `ra` of version `a` with `rb` of version `b` (`a < b`), the
    /// pair's `p`-th in order.
    fn cost(&self, p: usize, a: usize, b: usize, ra: Range<usize>, rb: Range<usize>) -> f64 {
        let (fa, fb) = (&self.feats[a], &self.feats[b]);
        let (ga, gb) = (
            self.prefixes[a].group(ra.start, ra.end),
            self.prefixes[b].group(rb.start, rb.end),
        );
        // No limit: the bound is never used to cut the cost short.
        let ev = group_evidence(&fa[ra], &fb[rb]);
        self.models[p].link_cost_below(ga, gb, f64::INFINITY, || ev, || ev)
    }

    /// The pair's best links between `ra` and `rb` alone (the full dynamic programme over
    /// the window, whose two sides a unit fixed), as steps in document positions.
    fn realign(
        &self,
        p: usize,
        a: usize,
        b: usize,
        ra: Range<usize>,
        rb: Range<usize>,
    ) -> Vec<Step> {
        let (fa, fb) = (&self.feats[a][ra.clone()], &self.feats[b][rb.clone()]);
        if fa.len().saturating_mul(fb.len()) > REALIGN_CELLS {
            // Only a path that stopped short leaves such a unit: one link for it.
            let cost = self.cost(p, a, b, ra.clone(), rb.clone());
            return vec![Step {
                i: ra.start,
                a: ra.len(),
                j: rb.start,
                b: rb.len(),
                cost,
            }];
        }
        let window = Window::full(fa.len(), fb.len());
        let mut steps = run(fa, fb, &self.models[p], self.types, &window);
        for s in &mut steps {
            s.i += ra.start;
            s.j += rb.start;
        }
        steps
    }
}

/// The links of every pair oriented from version `c`: for each other version `k`, the
/// pair's links as (`c` range, `k` range).
fn oriented(c: usize, k: usize, pairs: &[PairLinks]) -> Vec<(Range<usize>, Range<usize>)> {
    let Some(p) = pairs.iter().find(|p| (p.a, p.b) == (c.min(k), c.max(k))) else {
        return Vec::new();
    };
    p.links
        .iter()
        .map(|l| {
            if p.a == c {
                (l.src.clone(), l.tgt.clone())
            } else {
                (l.tgt.clone(), l.src.clone())
            }
        })
        .collect()
}

/// The units that the links of version `c` with every other version imply (a star of
/// pairs, which cannot disagree with itself): a unit ends at every boundary of `c` where
/// every pair of `c` has a link boundary; the sentences that a pair of `c` links to no
/// sentence of `c` at such a boundary are units of their own. A unit is therefore never
/// longer than a chain of links of `c` that overlap one another in `c`.
fn star_units(c: usize, pivot: usize, lens: &[usize], pairs: &[PairLinks]) -> Vec<Groups> {
    let count = lens.len();
    let n = lens[c];
    // For each other version: at each boundary x of `c` on its path, the first and the
    // last position of the other version (several when the other version adds sentences
    // there); usize::MAX off the path.
    let mut lo = vec![Vec::new(); count];
    let mut hi = vec![Vec::new(); count];
    for k in (0..count).filter(|&k| k != c) {
        let mut l = vec![usize::MAX; n + 1];
        let mut h = vec![0usize; n + 1];
        let (mut x, mut y) = (0usize, 0usize);
        l[0] = 0;
        for (rc, rk) in oriented(c, k, pairs) {
            x = (x + rc.len()).min(n);
            y = (y + rk.len()).min(lens[k]);
            if l[x] == usize::MAX {
                l[x] = y;
            }
            h[x] = y;
        }
        // A path that stops short (it cannot, but be safe): end at the corner.
        if l[n] == usize::MAX {
            l[n] = lens[k];
        }
        h[n] = lens[k];
        lo[k] = l;
        hi[k] = h;
    }
    let mut units = Vec::new();
    let mut cur = vec![0usize; count];
    let mut prev = 0usize;
    for x in 0..=n {
        if (0..count).any(|k| k != c && lo[k][x] == usize::MAX) {
            continue;
        }
        // A unit of `c` alone, when `c` is the pivot, goes after the other versions'
        // sentences at the same place (a unit without a pivot sentence comes before the
        // pivot sentence that follows it).
        let mut alone = None;
        if x > prev {
            let groups: Groups = (0..count)
                .map(|k| if k == c { prev..x } else { cur[k]..lo[k][x] })
                .collect();
            if c == pivot && (0..count).all(|k| k == c || groups[k].is_empty()) {
                alone = Some(units.len());
            }
            units.push(groups);
            for k in (0..count).filter(|&k| k != c) {
                cur[k] = lo[k][x];
            }
        }
        cur[c] = x;
        // Sentences of other versions with no sentence of `c`, one unit each; those of the
        // pivot last, so that a unit without a pivot sentence comes before the pivot
        // sentence that follows it.
        let order = (0..count)
            .filter(|&k| k != c && k != pivot)
            .chain((pivot != c).then_some(pivot));
        for k in order {
            for y in cur[k]..hi[k][x] {
                let groups = (0..count)
                    .map(|v| if v == k { y..y + 1 } else { cur[v]..cur[v] })
                    .collect();
                units.push(groups);
            }
            cur[k] = cur[k].max(hi[k][x]);
        }
        if let Some(at) = alone.filter(|&at| units.len() > at + 1) {
            let mut unit = units.remove(at);
            for u in &mut units[at..] {
                u[c] = prev..prev;
            }
            for k in (0..count).filter(|&k| k != c) {
                unit[k] = cur[k]..cur[k];
            }
            units.push(unit);
        }
        prev = x;
    }
    // Whatever no boundary closed (only when a path is incomplete).
    if (0..count).any(|k| cur[k] < lens[k]) {
        units.push((0..count).map(|k| cur[k]..lens[k]).collect());
    }
    units
}

/// Units consistent with every pairwise alignment, built without merging across the
/// document. Each version `c` proposes the units its own pairs imply ([`star_units`]);
/// where the proposals agree they are taken; between two points where all proposals
/// have a boundary, a disagreement is settled by the cost of every pair's links that
/// each proposal implies there: the third version decides between two pairs that
/// disagree. A unit is thus one of the proposals' units, never a merge of several.
fn build_units(
    lens: &[usize],
    pairs: &[PairLinks],
    pivot: usize,
    pricer: &Pricer<'_>,
) -> Vec<Groups> {
    let count = lens.len();
    let proposals: Vec<Vec<Groups>> = if count == 2 {
        vec![star_units(pivot, pivot, lens, pairs)]
    } else {
        (0..count)
            .map(|c| star_units(c, pivot, lens, pairs))
            .collect()
    };
    if proposals.len() == 1 {
        return proposals.into_iter().next().unwrap_or_default();
    }
    // The boundaries of each proposal (the positions in every version after each unit);
    // those of the first proposal that all the others share split the document.
    let ends = |units: &[Groups]| -> Vec<Vec<usize>> {
        units
            .iter()
            .map(|g| g.iter().map(|r| r.end).collect())
            .collect()
    };
    let all_ends: Vec<Vec<Vec<usize>>> = proposals.iter().map(|p| ends(p)).collect();
    let index: Vec<HashMap<&[usize], usize>> = all_ends
        .iter()
        .map(|e| {
            e.iter()
                .enumerate()
                .map(|(i, t)| (t.as_slice(), i))
                .collect()
        })
        .collect();
    let mut out = Vec::new();
    // The unit index where the current stretch starts, per proposal.
    let mut start = vec![0usize; proposals.len()];
    for t in &all_ends[0] {
        let at: Option<Vec<usize>> = index.iter().map(|m| m.get(t.as_slice()).copied()).collect();
        let Some(at) = at else { continue };
        // The stretch start[p]..=at[p] of every proposal covers the same sentences.
        let slices: Vec<&[Groups]> = (0..proposals.len())
            .map(|p| &proposals[p][start[p]..=at[p]])
            .collect();
        if slices.iter().all(|s| *s == slices[0]) {
            out.extend(slices[0].iter().cloned());
        } else {
            out.extend(best_path(&slices, pairs, pricer));
        }
        for p in 0..proposals.len() {
            start[p] = at[p] + 1;
        }
    }
    // The last boundary (every version's end) is shared by all, so nothing is left over
    // unless a version is empty at the end of every proposal.
    if out.is_empty() && lens.iter().any(|&n| n > 0) {
        return proposals.into_iter().next().unwrap_or_default();
    }
    out
}

/// The cheapest sequence of units through a stretch where the proposals disagree: a
/// shortest path whose steps are the proposals' units, switching from one proposal to
/// another wherever both have a boundary; a unit costs what every pair's links in it cost.
fn best_path(slices: &[&[Groups]], pairs: &[PairLinks], pricer: &Pricer<'_>) -> Vec<Groups> {
    let Some(first) = slices.first().and_then(|s| s.first()) else {
        return Vec::new();
    };
    let origin: Vec<usize> = first.iter().map(|r| r.start).collect();
    // The nodes: the boundaries of every proposal; the edges: their units.
    let mut id: HashMap<Vec<usize>, usize> = HashMap::new();
    let mut nodes: Vec<Vec<usize>> = Vec::new();
    let mut node = |t: Vec<usize>, id: &mut HashMap<Vec<usize>, usize>| -> usize {
        *id.entry(t.clone()).or_insert_with(|| {
            nodes.push(t);
            nodes.len() - 1
        })
    };
    let start = node(origin, &mut id);
    let mut edges: HashMap<(usize, usize), &Groups> = HashMap::new();
    for slice in slices {
        for g in slice.iter() {
            let from = node(g.iter().map(|r| r.start).collect(), &mut id);
            let to = node(g.iter().map(|r| r.end).collect(), &mut id);
            edges.entry((from, to)).or_insert(g);
        }
    }
    // Edges go forward in the sum of positions: relax in that order.
    let weight: Vec<usize> = nodes.iter().map(|t| t.iter().sum()).collect();
    let mut out_edges: Vec<Vec<(usize, &Groups)>> = vec![Vec::new(); nodes.len()];
    for (&(from, to), &g) in &edges {
        out_edges[from].push((to, g));
    }
    let mut order: Vec<usize> = (0..nodes.len()).collect();
    order.sort_by_key(|&n| weight[n]);
    let mut dist = vec![f64::INFINITY; nodes.len()];
    let mut back: Vec<Option<(usize, &Groups)>> = vec![None; nodes.len()];
    dist[start] = 0.0;
    for &n in &order {
        if !dist[n].is_finite() {
            continue;
        }
        // A deterministic order of the edges (the map's is not).
        out_edges[n].sort_by_key(|(to, _)| nodes[*to].clone());
        for &(to, g) in &out_edges[n] {
            let d = dist[n] + stretch_cost(std::slice::from_ref(g), pairs, pricer);
            if d < dist[to] {
                dist[to] = d;
                back[to] = Some((n, g));
            }
        }
    }
    let end: Vec<usize> = slices[0]
        .last()
        .map(|g| g.iter().map(|r| r.end).collect())
        .unwrap_or_default();
    let mut path = Vec::new();
    let mut at = id.get(&end).copied();
    while let Some(n) = at {
        match back[n] {
            Some((prev, g)) => {
                path.push(g.clone());
                at = Some(prev);
            }
            None => break,
        }
    }
    path.reverse();
    if path.is_empty() {
        return slices[0].to_vec();
    }
    path
}

/// Whether a link starts before sentence `x` of the first side or `y` of the second.
fn starts_before(l: &Link, x: usize, y: usize) -> bool {
    l.src.start < x || l.tgt.start < y
}

/// The pair's links that tile the unit's groups `ra` × `rb` exactly, as a range of
/// `links`: `at` first moves past the links that start before the unit, then, when the
/// links from there tile it, past them too. `None` (and `at` left at the unit's first link)
/// when a link crosses the unit's edge or they leave part of it uncovered.
fn fitting(
    links: &[Link],
    at: &mut usize,
    ra: &Range<usize>,
    rb: &Range<usize>,
) -> Option<Range<usize>> {
    while *at < links.len() && starts_before(&links[*at], ra.start, rb.start) {
        *at += 1;
    }
    let mut k = *at;
    let (mut x, mut y) = (ra.start, rb.start);
    while k < links.len() && (x, y) != (ra.end, rb.end) {
        let l = &links[k];
        if (l.src.start, l.tgt.start) != (x, y) || l.src.end > ra.end || l.tgt.end > rb.end {
            break;
        }
        (x, y) = (l.src.end, l.tgt.end);
        k += 1;
    }
    if (x, y) != (ra.end, rb.end) {
        return None;
    }
    let own = *at..k;
    *at = k;
    Some(own)
}

/// What a stretch of units costs over all pairs: for each unit and pair, the pair's own
/// links when they fit inside the unit, else one link of the unit's two groups.
fn stretch_cost(units: &[Groups], pairs: &[PairLinks], pricer: &Pricer<'_>) -> f64 {
    let mut total = 0.0;
    for (p, pair) in pairs.iter().enumerate() {
        let (a, b) = (pair.a, pair.b);
        let first_a = units.first().map_or(0, |g| g[a].start);
        let first_b = units.first().map_or(0, |g| g[b].start);
        // The pair's links that start inside the stretch (starts never decrease).
        let mut li = pair
            .links
            .partition_point(|l| starts_before(l, first_a, first_b));
        for g in units {
            let (ra, rb) = (g[a].clone(), g[b].clone());
            if ra.is_empty() && rb.is_empty() {
                continue;
            }
            if let Some(own) = fitting(&pair.links, &mut li, &ra, &rb) {
                total += pair.links[own]
                    .iter()
                    .map(|l| pricer.cost(p, a, b, l.src.clone(), l.tgt.clone()))
                    .sum::<f64>();
            } else {
                total += pricer
                    .realign(p, a, b, ra, rb)
                    .iter()
                    .map(|s| s.cost)
                    .sum::<f64>();
            }
        }
    }
    total
}

/// The units with their scores, and every pair's links made consistent with them: a
/// pair's own links where they fit inside a unit, else one link of the unit's groups,
/// scored by its cost. A unit's score is the lowest of its links.
fn finish(
    groups: Vec<Groups>,
    pairs: &[PairLinks],
    pricer: &Pricer<'_>,
) -> (Vec<Unit>, Vec<PairLinks>) {
    let mut scores = vec![1.0f64; groups.len()];
    let mut out = Vec::with_capacity(pairs.len());
    for (p, pair) in pairs.iter().enumerate() {
        let (a, b) = (pair.a, pair.b);
        let mut links = Vec::with_capacity(pair.links.len());
        let mut li = 0;
        for (u, g) in groups.iter().enumerate() {
            let (ra, rb) = (g[a].clone(), g[b].clone());
            if ra.is_empty() && rb.is_empty() {
                continue;
            }
            if let Some(own) = fitting(&pair.links, &mut li, &ra, &rb) {
                for l in &pair.links[own] {
                    scores[u] = scores[u].min(l.score);
                    links.push(l.clone());
                }
            } else {
                // The pair's links do not fit the unit: re-align the pair inside it.
                for s in pricer.realign(p, a, b, ra, rb) {
                    let score = confidence(s.cost);
                    scores[u] = scores[u].min(score);
                    links.push(Link {
                        src: s.i..s.i + s.a,
                        tgt: s.j..s.j + s.b,
                        score,
                    });
                }
            }
        }
        out.push(PairLinks { a, b, links });
    }
    let units = groups
        .into_iter()
        .zip(scores)
        .map(|(groups, score)| Unit { groups, score })
        .collect();
    (units, out)
}
