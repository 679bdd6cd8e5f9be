//! The dynamic programme over link types, full or restricted to a band that a coarser
//! alignment found (coarse to fine), so that long documents align in linear time.

use super::cost::{confidence, CostModel};
use super::cost::{Group, Prefix};
use super::features::{
    features, group_evidence, merge, pair_evidence, single_evidence, Evidence, Feat, PairEvidence,
};
use super::lexicon::{shared_translations, Lexicon, MAX_TRAIN_COST};
use super::priors::PairPrior;
use super::{AlignConfig, Document, Link};
use rayon::prelude::*;

/// A raw link: first-side start and count, second-side start and count, and its cost.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Step {
    pub i: usize,
    pub a: usize,
    pub j: usize,
    pub b: usize,
    pub cost: f64,
}

/// For each first-side boundary `i` (0..=n), the allowed second-side boundaries lo..=hi.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Window {
    lo: Vec<usize>,
    hi: Vec<usize>,
}

impl Window {
    /// Every cell: the full dynamic programme.
    pub(crate) fn full(n: usize, m: usize) -> Self {
        Window {
            lo: vec![0; n + 1],
            hi: vec![m; n + 1],
        }
    }

    fn cells(&self) -> usize {
        self.lo.iter().zip(&self.hi).map(|(l, h)| h + 1 - l).sum()
    }
}

/// Aligns two documents.
pub(crate) fn align_pair(a: &Document<'_>, b: &Document<'_>, config: &AlignConfig) -> Vec<Link> {
    let fa = features(a);
    let fb = features(b);
    align_features(
        &fa,
        &fb,
        config,
        config.priors.as_deref().and_then(|p| p.get(a.lang, b.lang)),
    )
}

/// Documents up to this many cells estimate the variance on a sentence-level first pass;
/// larger ones on two-sentence blocks.
const FIRST_PASS_FULL_CELLS: usize = 40_000;

/// Aligns two feature sequences: estimate, align, re-estimate the variance, align again.
pub(crate) fn align_features(
    fa: &[Feat],
    fb: &[Feat],
    config: &AlignConfig,
    prior: Option<&PairPrior>,
) -> Vec<Link> {
    align_features_model(fa, fb, config, prior).0
}

/// [`align_features`], with the cost model the links were found with (several versions
/// price the links their units imply with it).
pub(crate) fn align_features_model(
    fa: &[Feat],
    fb: &[Feat],
    config: &AlignConfig,
    prior: Option<&PairPrior>,
) -> (Vec<Link>, CostModel) {
    let mut model = CostModel::estimate(fa, fb, config);
    let toward = prior.map(|p| p.ratio);
    let (n, m) = (fa.len(), fb.len());
    // Fixed, not `config.full_dp_cells`: the model must not depend on how the search is
    // bounded, so that a banded search finds what the full one finds.
    let small = n.saturating_mul(m) <= FIRST_PASS_FULL_CELLS;
    // The variance is estimated on the 1-1 links of a first alignment: of the whole
    // document when it is small, of its two-sentence blocks otherwise (block lengths vary
    // the same way per character, and that pass costs a quarter of the fine one).
    let (steps, window) = if small {
        let first = search(fa, fb, &model, config);
        model.refine(
            first
                .iter()
                .filter(|s| s.a == 1 && s.b == 1)
                .map(|s| (fa[s.i].len, fb[s.j].len)),
            toward,
        );
        (search(fa, fb, &model, config), None)
    } else {
        // The coarse path serves twice: its 1-1 links estimate the variance, and it bounds
        // the fine search.
        let (ca, cb) = (blocks(fa), blocks(fb));
        let coarse = search(&ca, &cb, &model, config);
        model.refine(
            coarse
                .iter()
                .filter(|s| s.a == 1 && s.b == 1)
                .map(|s| (ca[s.i].len, cb[s.j].len)),
            toward,
        );
        if n.saturating_mul(m) <= config.full_dp_cells.max(1) {
            (search(fa, fb, &model, config), None)
        } else {
            let window = project(&coarse, n, m, config.band_radius);
            let cut = cuts(&coarse, 2, n, m, &window);
            if cut.len() > SAMPLE_PIECES + 1 {
                let steps = sampled_passes(fa, fb, config, model.clone(), &window, &cut, prior);
                return (links_of(steps), model);
            }
            (
                run_cut(fa, fb, &model, &config.link_types, &window, &cut),
                Some(window),
            )
        }
    };
    let steps = second_pass(fa, fb, config, model.clone(), steps, window, prior);
    (links_of(steps), model)
}

/// The links of a path, scored.
fn links_of(steps: Vec<Step>) -> Vec<Link> {
    steps
        .into_iter()
        .map(|s| Link {
            src: s.i..s.i + s.a,
            tgt: s.j..s.j + s.b,
            score: confidence(s.cost),
        })
        .collect()
}

/// Pieces of a long search whose first pass trains the lexicon, at most.
const SAMPLE_PIECES: usize = 3;

/// The lexicon of a pair of documents: learned from the `links` (when the learned
/// lexicon is on: `lexicon_weight` and `anchor_weight` above 0) with the prior's entries,
/// and the dictionary's (when `dictionary_weight` is above 0). `None` when there is no
/// lexical evidence.
fn lexicon_of(
    fa: &[Feat],
    fb: &[Feat],
    links: &[(usize, usize)],
    config: &AlignConfig,
    prior: Option<&PairPrior>,
) -> Option<Lexicon> {
    let dictionary = config
        .dictionary
        .as_deref()
        .filter(|_| config.dictionary_weight > 0.0);
    let table = prior.map(|p| &p.table);
    Lexicon::build(fa, fb, links, learns(config), dictionary, table)
}

/// Whether the lexicon is learned from a first pass's links.
fn learns(config: &AlignConfig) -> bool {
    config.lexicon_weight > 0.0 && config.anchor_weight > 0.0
}

/// The confident 1-1 links of a path, which train the lexicon.
fn confident_links(steps: &[Step]) -> Vec<(usize, usize)> {
    steps
        .iter()
        .filter(|s| s.a == 1 && s.b == 1 && s.cost <= MAX_TRAIN_COST)
        .map(|s| (s.i, s.j))
        .collect()
}

/// The two passes of a document of more than [`SAMPLE_PIECES`] pieces: the first pass
/// runs on that many pieces spread evenly over the document (about 12,000 rows: a lexicon
/// learns from a few thousand links, [`super::lexicon::MAX_TRAIN_LINKS`], and more pieces
/// would be searched only to be searched again), and the second pass, with the lexicon,
/// on the whole band of the coarse path. Without lexical evidence, one pass over the band.
fn sampled_passes(
    fa: &[Feat],
    fb: &[Feat],
    config: &AlignConfig,
    mut model: CostModel,
    window: &Window,
    cut: &[(usize, usize)],
    prior: Option<&PairPrior>,
) -> Vec<Step> {
    let types = &config.link_types;
    let links = if learns(config) {
        let pieces = cut.len() - 1;
        let sample: Vec<Piece> = (0..SAMPLE_PIECES)
            .map(|k| k * pieces / SAMPLE_PIECES)
            .map(|p| (cut[p], cut[p + 1]))
            .collect();
        confident_links(&run_pieces(fa, fb, &model, types, window, &sample))
    } else {
        Vec::new()
    };
    model.lexicon = lexicon_of(fa, fb, &links, config, prior);
    run_cut(fa, fb, &model, types, window, cut)
}

/// The lexical second pass: the confident 1-1 links of `steps` train the lexicon, the
/// dictionary adds its entries, and the fine search runs again with that evidence: on
/// every cell of a small document, within [`SECOND_PASS_RADIUS`] of the first path on a
/// long one (`window` is the band of the first pass there). Returns `steps` when there
/// is no lexical evidence.
fn second_pass(
    fa: &[Feat],
    fb: &[Feat],
    config: &AlignConfig,
    mut model: CostModel,
    steps: Vec<Step>,
    window: Option<Window>,
    prior: Option<&PairPrior>,
) -> Vec<Step> {
    let Some(lexicon) = lexicon_of(fa, fb, &confident_links(&steps), config, prior) else {
        return steps;
    };
    model.lexicon = Some(lexicon);
    let (n, m) = (fa.len(), fb.len());
    match window {
        Some(_) => {
            let window = band(&steps, 1, n, m, SECOND_PASS_RADIUS, Some(SECOND_PASS_DRIFT));
            let cut = cuts(&steps, 1, n, m, &window);
            run_cut(fa, fb, &model, &config.link_types, &window, &cut)
        }
        None => run(fa, fb, &model, &config.link_types, &Window::full(n, m)),
    }
}

/// Rows of a long document's search one piece covers, about: the pieces between cut
/// points of the coarser path are searched in parallel.
const PIECE_ROWS: usize = 4096;

/// Cut points of a long search: nodes of `path` (item k stands for fine items
/// `scale·k`) about every [`PIECE_ROWS`] rows, each between two 1-1 links of the path (so
/// that the finer path, which is forced through it, almost surely passes there anyway),
/// with the two corners `(0, 0)` and `(n, m)`. The cuts depend on the path only, never on
/// the number of threads, so the result does not either.
fn cuts(path: &[Step], scale: usize, n: usize, m: usize, window: &Window) -> Vec<(usize, usize)> {
    let mut out = vec![(0, 0)];
    let mut last = 0;
    // Not where the window was widened around a drift: the path may have to leave the
    // coarse one there.
    let usual = 2 * window.cells() / (n + 1) + 1;
    let narrow = |i: usize| window.hi[i] - window.lo[i] <= usual;
    for w in path.windows(2) {
        let (s, t) = (&w[0], &w[1]);
        let (i, j) = (scale * t.i, scale * t.j);
        if s.a == 1
            && s.b == 1
            && t.a == 1
            && t.b == 1
            && i >= last + PIECE_ROWS
            && i < n
            && j < m
            && narrow(i)
        {
            out.push((i, j));
            last = i;
        }
    }
    // A last piece much shorter than the others joins the one before.
    if out.len() > 1 && n - last < PIECE_ROWS / 4 {
        out.pop();
    }
    out.push((n, m));
    out
}

/// [`run`] over the pieces between `cuts` (see [`cuts`]), in parallel; the path goes
/// through every cut. `window` must hold every cut.
pub(crate) fn run_cut(
    fa: &[Feat],
    fb: &[Feat],
    model: &CostModel,
    types: &[(usize, usize)],
    window: &Window,
    cuts: &[(usize, usize)],
) -> Vec<Step> {
    if cuts.len() <= 2 {
        return run_in(fa, fb, rows_lexicon(model, fa.len()), model, types, window);
    }
    let pieces: Vec<_> = cuts.windows(2).map(|w| (w[0], w[1])).collect();
    run_pieces(fa, fb, model, types, window, &pieces)
}

/// A piece of a long search: the path goes from its first corner to its second.
type Piece = ((usize, usize), (usize, usize));

/// The paths of the pieces `(from, to)` of a search, in parallel, one after the other.
fn run_pieces(
    fa: &[Feat],
    fb: &[Feat],
    model: &CostModel,
    types: &[(usize, usize)],
    window: &Window,
    pieces: &[Piece],
) -> Vec<Step> {
    let lexicon = rows_lexicon(model, fa.len());
    let pieces: Vec<Vec<Step>> = pieces
        .par_iter()
        .map(|&((i0, j0), (i1, j1))| {
            let piece = Window {
                lo: (i0..=i1).map(|i| window.lo[i].clamp(j0, j1) - j0).collect(),
                hi: (i0..=i1).map(|i| window.hi[i].clamp(j0, j1) - j0).collect(),
            };
            let lex = lexicon.map(|l| LexRows {
                learned: &l.learned[i0..i1],
                dict: &l.dict[i0..i1],
            });
            let mut steps = run_in(&fa[i0..i1], &fb[j0..j1], lex, model, types, &piece);
            for s in &mut steps {
                s.i += i0;
                s.j += j0;
            }
            steps
        })
        .collect();
    pieces.concat()
}

/// The lexicon's rows of a search, when it describes this level's `n` sentences.
fn rows_lexicon(model: &CostModel, n: usize) -> Option<LexRows<'_>> {
    model
        .lexicon
        .as_ref()
        .filter(|l| l.learned.len() == n && l.dict.len() == n)
        .map(|l| LexRows {
            learned: &l.learned,
            dict: &l.dict,
        })
}

/// The lexicon's translations of the first side's sentences of one search (or piece).
#[derive(Clone, Copy)]
struct LexRows<'a> {
    learned: &'a [Vec<u64>],
    dict: &'a [Vec<u64>],
}

/// The best path: full DP when small, coarse to fine otherwise.
pub(crate) fn search(
    fa: &[Feat],
    fb: &[Feat],
    model: &CostModel,
    config: &AlignConfig,
) -> Vec<Step> {
    let (n, m) = (fa.len(), fb.len());
    if n == 0 || m == 0 || n.saturating_mul(m) <= config.full_dp_cells.max(1) {
        return run(fa, fb, model, &config.link_types, &Window::full(n, m));
    }
    // Coarse level: blocks of two sentences.
    let (ca, cb) = (blocks(fa), blocks(fb));
    let coarse = search(&ca, &cb, model, config);
    let window = project(&coarse, n, m, config.band_radius);
    run_cut(
        fa,
        fb,
        model,
        &config.link_types,
        &window,
        &cuts(&coarse, 2, n, m, &window),
    )
}

/// The blocks of two items of the next coarser level, merged in parallel.
fn blocks(items: &[Feat]) -> Vec<Feat> {
    items
        .par_chunks(2)
        .with_min_len(BLOCKS_MIN_LEN)
        .map(merge)
        .collect()
}

/// Blocks one thread merges at least.
const BLOCKS_MIN_LEN: usize = 4096;

/// The fine window around a coarse path (coarse item k = fine items 2k, 2k+1).
fn project(coarse: &[Step], n: usize, m: usize, radius: usize) -> Window {
    band(coarse, 2, n, m, radius, Some(DRIFT_SPAN * radius))
}

/// The window of `radius` sentences around a path of the same level: the second pass of
/// a long document re-examines the neighbourhood of the first pass's path only.
const SECOND_PASS_RADIUS: usize = 3;

/// The second pass's band is widened where the first path drifts by more than this many
/// sentences.
const SECOND_PASS_DRIFT: usize = 16;

/// The window around a path whose item k stands for fine items `scale·k ..`; with
/// `drifts`, widened where the path drifts by more than that ([`widen_drifts`]).
fn band(
    path: &[Step],
    scale: usize,
    n: usize,
    m: usize,
    radius: usize,
    drifts: Option<usize>,
) -> Window {
    let coarse = path;
    let mut lo = vec![usize::MAX; n + 1];
    let mut hi = vec![0usize; n + 1];
    let fine_a = |k: usize| (scale * k).min(n);
    let fine_b = |k: usize| (scale * k).min(m);
    let mut cover = |r0: usize, r1: usize, c0: usize, c1: usize| {
        for i in r0..=r1 {
            lo[i] = lo[i].min(c0);
            hi[i] = hi[i].max(c1);
        }
    };
    cover(0, 0, 0, 0);
    for s in coarse {
        cover(
            fine_a(s.i),
            fine_a(s.i + s.a),
            fine_b(s.j),
            fine_b(s.j + s.b),
        );
    }
    cover(n, n, m, m);
    if let Some(limit) = drifts {
        widen_drifts(&mut lo, &mut hi, n, m, limit);
    }
    // Widen by the radius in both directions.
    let mut wlo = vec![0usize; n + 1];
    let mut whi = vec![0usize; n + 1];
    for i in 0..=n {
        let (r0, r1) = (i.saturating_sub(radius), (i + radius).min(n));
        let l = (r0..=r1).map(|k| lo[k]).min().unwrap_or(0);
        let h = (r0..=r1).map(|k| hi[k]).max().unwrap_or(m);
        wlo[i] = l.saturating_sub(radius);
        whi[i] = (h + radius).min(m);
    }
    // Monotone: lo never decreases going down, hi never decreases going up.
    for i in (0..n).rev() {
        wlo[i] = wlo[i].min(wlo[i + 1]);
    }
    for i in 1..=n {
        whi[i] = whi[i].max(whi[i - 1]);
    }
    wlo[0] = 0;
    whi[n] = m;
    Window { lo: wlo, hi: whi }
}

/// A coarse path is widened ([`widen_drifts`]) where it drifts by more than this many
/// radii.
const DRIFT_SPAN: usize = 4;

/// Rows on each side of a row whose path offsets [`widen_drifts`] looks at.
const DRIFT_ROWS: usize = 256;

/// Widens the path's cover (`lo[i]..=hi[i]` per row) where the path drifts. A coarse
/// level can spread a long one-sided insertion (or omission) over many links that each
/// take a sentence or two more on one side, where the true path takes one long run of
/// 1-0 or 0-1 links: the true path then lies up to the whole insertion away from the
/// coarse one, far outside any fixed radius. So where the path's offset from the diagonal
/// (`column − row·m/n`) varies by more than `limit` within [`DRIFT_ROWS`] rows, the row
/// covers every offset the path takes there: the band then holds both the spread path
/// and the step one, and the finer search chooses. Elsewhere the cover is unchanged.
fn widen_drifts(lo: &mut [usize], hi: &mut [usize], n: usize, m: usize, limit: usize) {
    if n == 0 {
        return;
    }
    let slope = m as f64 / n as f64;
    let diag = |i: usize| i as f64 * slope;
    let low: Vec<f64> = (0..=n).map(|i| lo[i] as f64 - diag(i)).collect();
    let high: Vec<f64> = (0..=n).map(|i| hi[i] as f64 - diag(i)).collect();
    let min_low = sliding(&low, DRIFT_ROWS, |a, b| a <= b);
    let max_high = sliding(&high, DRIFT_ROWS, |a, b| a >= b);
    for i in 0..=n {
        if max_high[i] - min_low[i] > (limit as f64) + (high[i] - low[i]) {
            let l = (diag(i) + min_low[i]).floor().clamp(0.0, m as f64) as usize;
            let h = (diag(i) + max_high[i]).ceil().clamp(0.0, m as f64) as usize;
            lo[i] = lo[i].min(l);
            hi[i] = hi[i].max(h);
        }
    }
}

/// For each position, the extreme of `v` within `w` positions on either side (`better(a,
/// b)`: whether `a` is at least as extreme as `b`), in linear time (a monotone deque).
fn sliding(v: &[f64], w: usize, better: impl Fn(f64, f64) -> bool) -> Vec<f64> {
    let mut out = vec![0.0; v.len()];
    let mut deque: std::collections::VecDeque<usize> = std::collections::VecDeque::new();
    let mut next = 0;
    for (i, slot) in out.iter_mut().enumerate() {
        let end = (i + w).min(v.len() - 1);
        while next <= end {
            while deque.back().is_some_and(|&k| better(v[next], v[k])) {
                deque.pop_back();
            }
            deque.push_back(next);
            next += 1;
        }
        while deque.front().is_some_and(|&k| k + w < i) {
            deque.pop_front();
        }
        *slot = v[deque[0]];
    }
    out
}

/// Rows of the pair cache one thread fills at least.
const PAIR_CACHE_MIN_ROWS: usize = 512;

/// The anchors shared by each pair of sentences that a link inside the window can join,
/// computed once: row `r` (sentence `r` of the first side) holds columns `lo[r]..=hi[r]`.
struct PairCache {
    lo: Vec<usize>,
    offset: Vec<usize>,
    width: Vec<usize>,
    cells: Vec<PairEvidence>,
}

impl PairCache {
    fn new(
        fa: &[Feat],
        fb: &[Feat],
        window: &Window,
        types: &[(usize, usize)],
        lexicon: Option<LexRows<'_>>,
    ) -> Self {
        let (n, m) = (fa.len(), fb.len());
        let amax = types.iter().map(|t| t.0).max().unwrap_or(1).max(1);
        let bmax = types.iter().map(|t| t.1).max().unwrap_or(1).max(1);
        let mut lo = Vec::with_capacity(n);
        let mut offset = Vec::with_capacity(n + 1);
        let mut width = Vec::with_capacity(n);
        let mut total = 0;
        for r in 0..n {
            let rows = r + 1..=(r + amax).min(n);
            let l = rows
                .clone()
                .map(|i| window.lo[i])
                .min()
                .unwrap_or(0)
                .saturating_sub(bmax);
            let h = rows.map(|i| window.hi[i]).max().unwrap_or(0).min(m);
            lo.push(l);
            offset.push(total);
            let w = h.saturating_sub(l);
            width.push(w);
            total += w;
        }
        // The rows are independent: filled in parallel, each in its own slice.
        let mut cells = vec![PairEvidence::default(); total];
        let mut rows: Vec<(usize, &mut [PairEvidence])> = Vec::with_capacity(n);
        let mut rest = cells.as_mut_slice();
        for (r, &w) in width.iter().enumerate() {
            let (row, tail) = rest.split_at_mut(w);
            rows.push((r, row));
            rest = tail;
        }
        rows.into_par_iter()
            .with_min_len(PAIR_CACHE_MIN_ROWS)
            .for_each(|(r, row)| {
                let fr = &fa[r];
                for (cell, fc) in row.iter_mut().zip(&fb[lo[r]..]) {
                    let mut p = pair_evidence(fr, fc);
                    if let Some(lex) = lexicon {
                        let clamp = |n: u32| n.min(u32::from(u8::MAX)) as u8;
                        let one = std::slice::from_ref(fc);
                        p.lex = clamp(shared_translations(lex.learned, r..r + 1, one));
                        p.dict = clamp(shared_translations(lex.dict, r..r + 1, one));
                    }
                    *cell = p;
                }
            });
        PairCache {
            lo,
            offset,
            width,
            cells,
        }
    }

    fn get(&self, r: usize, c: usize) -> PairEvidence {
        match c.checked_sub(self.lo[r]) {
            Some(k) if k < self.width[r] => self.cells[self.offset[r] + k],
            _ => PairEvidence::default(),
        }
    }
}

/// The dynamic programme inside a window.
pub(crate) fn run(
    fa: &[Feat],
    fb: &[Feat],
    model: &CostModel,
    types: &[(usize, usize)],
    window: &Window,
) -> Vec<Step> {
    run_in(fa, fb, rows_lexicon(model, fa.len()), model, types, window)
}

/// [`run`] with the lexicon's rows of these sentences.
fn run_in(
    fa: &[Feat],
    fb: &[Feat],
    lexicon: Option<LexRows<'_>>,
    model: &CostModel,
    types: &[(usize, usize)],
    window: &Window,
) -> Vec<Step> {
    let n = fa.len();
    let mut offset = Vec::with_capacity(n + 2);
    let mut total = 0;
    for i in 0..=n {
        offset.push(total);
        total += window.hi[i] + 1 - window.lo[i];
    }
    debug_assert_eq!(total, window.cells());
    let cache = PairCache::new(fa, fb, window, types, lexicon);
    let (pa, pb) = (Prefix::new(fa), Prefix::new(fb));
    let mut cost = vec![f64::INFINITY; total];
    let mut back = vec![u8::MAX; total];
    let index = |i: usize, j: usize| -> Option<usize> {
        (j >= window.lo[i] && j <= window.hi[i]).then(|| offset[i] + j - window.lo[i])
    };
    cost[0] = 0.0;
    // The groups a link type takes, computed once: the first side's per row (below), the
    // second side's per column and group size here.
    let bmax = types.iter().map(|t| t.1).max().unwrap_or(0);
    let col_groups: Vec<Vec<Group>> = (0..=bmax)
        .map(|b| {
            (0..=fb.len())
                .map(|j| {
                    if j >= b {
                        pb.group(j - b, j)
                    } else {
                        Group::default()
                    }
                })
                .collect()
        })
        .collect();
    let mut row_groups: Vec<Group> = vec![Group::default(); types.len()];
    for i in 0..=n {
        for (g, &(a, _)) in row_groups.iter_mut().zip(types) {
            *g = if a <= i {
                pa.group(i - a, i)
            } else {
                Group::default()
            };
        }
        for j in window.lo[i]..=window.hi[i] {
            if i == 0 && j == 0 {
                continue;
            }
            let here = offset[i] + j - window.lo[i];
            let mut best = f64::INFINITY;
            let mut best_t = u8::MAX;
            for (t, &(a, b)) in types.iter().enumerate() {
                if a > i || b > j {
                    continue;
                }
                let Some(prev) = index(i - a, j - b) else {
                    continue;
                };
                let base = cost[prev];
                if !base.is_finite() {
                    continue;
                }
                let (sa, sb) = (row_groups[t], col_groups[b][j]);
                let c = if a == 1 && b == 1 {
                    let ev = single_evidence(&fa[i - 1], &fb[j - 1], cache.get(i - 1, j - 1));
                    let bound = || ev;
                    base + model.link_cost_below(sa, sb, best - base, bound, || ev)
                } else {
                    let bound = || {
                        let mut sum = Evidence::default();
                        for x in i - a..i {
                            for y in j - b..j {
                                let p = cache.get(x, y);
                                sum.nums += u32::from(p.nums);
                                sum.names += u32::from(p.names);
                                sum.words += u32::from(p.words);
                                sum.cognates += u32::from(p.cognates);
                                sum.lex += u32::from(p.lex);
                                sum.dict += u32::from(p.dict);
                            }
                        }
                        sum
                    };
                    // Blocks of a coarse level: their keys are disjoint enough that the
                    // pairwise counts serve as the shared keys.
                    let coarse = sa.is_block() || sb.is_block();
                    let exact = || {
                        if coarse {
                            let mut ev = bound();
                            ev.nums_a = fa[i - a..i].iter().map(|f| f.nums.len() as u32).sum();
                            ev.nums_b = fb[j - b..j].iter().map(|f| f.nums.len() as u32).sum();
                            return ev;
                        }
                        let mut ev = group_evidence(&fa[i - a..i], &fb[j - b..j]);
                        if let Some(lex) = lexicon {
                            ev.lex = shared_translations(lex.learned, i - a..i, &fb[j - b..j]);
                            ev.dict = shared_translations(lex.dict, i - a..i, &fb[j - b..j]);
                        }
                        ev
                    };
                    base + model.link_cost_below(sa, sb, best - base, bound, exact)
                };
                if c < best {
                    best = c;
                    best_t = t as u8;
                }
            }
            cost[here] = best;
            back[here] = best_t;
        }
    }
    // Trace back from (n, m).
    let m = fb.len();
    let mut steps = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let Some(here) = index(i, j) else { break };
        let t = back[here];
        if t == u8::MAX {
            break;
        }
        let (a, b) = types[t as usize];
        let prev = index(i - a, j - b).unwrap_or(0);
        steps.push(Step {
            i: i - a,
            a,
            j: j - b,
            b,
            cost: cost[here] - cost[prev],
        });
        i -= a;
        j -= b;
    }
    steps.reverse();
    if i > 0 || j > 0 || steps.is_empty() && (n > 0 || m > 0) {
        // No path inside the window (cannot happen with 1-0 and 0-1 allowed): fall back
        // to the full programme.
        if window.cells() < (n + 1) * (m + 1) {
            return run_in(fa, fb, lexicon, model, types, &Window::full(n, m));
        }
        return fallback(n, m);
    }
    steps
}

/// Links that cover everything when no path exists (link types without 1-0 and 0-1
/// on documents of very different lengths): 1-1 as far as both go, then skips.
fn fallback(n: usize, m: usize) -> Vec<Step> {
    let mut steps = Vec::new();
    let k = n.min(m);
    for x in 0..k {
        steps.push(Step {
            i: x,
            a: 1,
            j: x,
            b: 1,
            cost: 30.0,
        });
    }
    for x in k..n {
        steps.push(Step {
            i: x,
            a: 1,
            j: m,
            b: 0,
            cost: 30.0,
        });
    }
    for x in k..m {
        steps.push(Step {
            i: n,
            a: 0,
            j: x,
            b: 1,
            cost: 30.0,
        });
    }
    steps
}
