//! The cost of a link: Gale-Church length cost, type prior, anchors and paragraphs.

use super::features::{Evidence, Feat};
use super::lexicon::Lexicon;
use super::priors::PRIOR_LINKS;
use super::AlignConfig;

/// Prior probability of a link type (a sentences of the first side, b of the second),
/// after Gale and Church (1993), with room for 2-2 and 1-3.
fn prior(a: usize, b: usize) -> f64 {
    match (a, b) {
        (1, 1) => 0.89,
        (1, 0) | (0, 1) => 0.02,
        (1, 2) | (2, 1) => 0.0445,
        (2, 2) => 0.011,
        (1, 3) | (3, 1) => 0.003,
        _ => 0.0005,
    }
}

/// Complementary error function (Abramowitz and Stegun 7.1.26, |error| < 1.5e-7).
fn erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.327_591_1 * z);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736
                + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    let r = poly * (-z * z).exp();
    if x >= 0.0 {
        r
    } else {
        2.0 - r
    }
}

const TAIL_STEPS: usize = 12 * 64;

/// The table of [`tail_cost`]: steps of 1/64 up to 12.
fn tail_table() -> &'static [f64] {
    static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=TAIL_STEPS)
            .map(|k| -(erfc(k as f64 / 64.0 / std::f64::consts::SQRT_2).max(1e-300)).ln())
            .collect()
    })
}

/// `-ln(2 (1 - Φ(x)))` for x ≥ 0, the Gale-Church cost of a standardised length
/// difference, interpolated in a table (beyond 12, the asymptote).
#[cfg(test)]
fn tail_cost(x: f64) -> f64 {
    tail_cost_in(tail_table(), x)
}

#[inline]
fn tail_cost_in(table: &[f64], x: f64) -> f64 {
    let pos = x * 64.0;
    if pos >= TAIL_STEPS as f64 {
        // -ln(erfc(x/√2)) ≈ x²/2 + ln(x √(π/2)) for large x.
        return x * x / 2.0 + (x * (std::f64::consts::PI / 2.0).sqrt()).ln();
    }
    let k = pos as usize;
    let frac = pos - k as f64;
    table[k] + (table[k + 1] - table[k]) * frac
}

/// The cost model of one document pair.
#[derive(Debug, Clone)]
pub(crate) struct CostModel {
    /// Expected characters of the second side per character of the first.
    pub ratio: f64,
    /// Variance of the length difference per character.
    pub variance: f64,
    anchor_weight: f64,
    cognate_weight: f64,
    lexicon_weight: f64,
    dictionary_weight: f64,
    paragraph_penalty: f64,
    /// -ln prior, indexed [a][b].
    prior_cost: [[f64; 5]; 5],
    /// The tabulated tail cost.
    tail: &'static [f64],
    /// The lexical evidence of the second pass (fine level only), when there is any.
    pub lexicon: Option<Lexicon>,
}

impl CostModel {
    /// A model whose length ratio is estimated from the two documents.
    pub(crate) fn estimate(a: &[Feat], b: &[Feat], config: &AlignConfig) -> Self {
        let la: f64 = a.iter().map(|f| f.len).sum();
        let lb: f64 = b.iter().map(|f| f.len).sum();
        let ratio = if la > 0.0 && lb > 0.0 {
            (lb / la).clamp(0.2, 5.0)
        } else {
            1.0
        };
        let mut prior_cost = [[0.0; 5]; 5];
        for (x, row) in prior_cost.iter_mut().enumerate() {
            for (y, cell) in row.iter_mut().enumerate() {
                *cell = -prior(x, y).ln();
            }
        }
        CostModel {
            ratio,
            variance: 6.8,
            anchor_weight: config.anchor_weight,
            cognate_weight: config.cognate_weight,
            lexicon_weight: config.lexicon_weight,
            dictionary_weight: config.dictionary_weight,
            paragraph_penalty: config.paragraph_penalty,
            prior_cost,
            tail: tail_table(),
            lexicon: None,
        }
    }

    /// Re-estimates the ratio and the variance from the lengths of the 1-1 links of a
    /// first alignment: the ratio shrunk towards `toward` (the ratio other documents of the
    /// same languages gave, [`super::priors`]) when there is one, the variance towards Gale
    /// and Church's 6.8.
    pub(crate) fn refine(&mut self, pairs: impl Iterator<Item = (f64, f64)>, toward: Option<f64>) {
        let pairs: Vec<(f64, f64)> = pairs.filter(|&(l1, l2)| l1 > 0.0 && l2 > 0.0).collect();
        // The ratio of the 1-1 links: the totals are biased when one version leaves
        // sentences out.
        let (s1, s2): (f64, f64) = pairs
            .iter()
            .fold((0.0, 0.0), |(a, b), p| (a + p.0, b + p.1));
        let k = pairs.len() as f64;
        match toward {
            Some(ratio) if s1 > 0.0 => {
                self.ratio =
                    ((k * s2 / s1 + PRIOR_LINKS * ratio) / (k + PRIOR_LINKS)).clamp(0.2, 5.0);
            }
            Some(ratio) => self.ratio = ratio,
            None if pairs.len() >= 3 && s1 > 0.0 => self.ratio = (s2 / s1).clamp(0.2, 5.0),
            None => {}
        }
        let mut sum = 0.0;
        for &(l1, l2) in &pairs {
            let mean = (l1 + l2 / self.ratio) / 2.0;
            let d = l2 - self.ratio * l1;
            sum += d * d / mean;
        }
        // Shrunk towards 6.8 by PRIOR_LINKS pseudo-links: a short document's few links say
        // little about its variance. (Not towards the variance of other documents' 1-1
        // links: those were chosen for fitting lengths, and their variance, about 4 on the
        // NTREX dev set, makes the search too strict.)
        let estimate = (PRIOR_LINKS * 6.8 + sum) / (PRIOR_LINKS + k);
        self.variance = estimate.clamp(2.0, 60.0);
    }

    /// The Gale-Church length cost of lengths `l1` and `l2`.
    pub(crate) fn length_cost(&self, l1: f64, l2: f64) -> f64 {
        if l1 == 0.0 && l2 == 0.0 {
            return 0.0;
        }
        let mean = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        let delta = (l2 - self.ratio * l1) / (self.variance * mean).sqrt();
        tail_cost_in(self.tail, delta.abs())
    }

    /// The cost of a link, or any value not below `limit` when the link cannot cost less
    /// than `limit` (its anchors are then not compared: the search prunes with it).
    pub(crate) fn link_cost_below(
        &self,
        a: Group,
        b: Group,
        limit: f64,
        bound: impl FnOnce() -> Evidence,
        evidence: impl FnOnce() -> Evidence,
    ) -> f64 {
        let prior = self.prior_cost[a.size.min(4)][b.size.min(4)];
        if a.size == 0 || b.size == 0 {
            // A sentence with no counterpart: a flat cost (Gale-Church's length cost would
            // make long omissions nearly impossible), less for asides (`Read also: ...`).
            // A block of a coarse level costs what its sentences would cost one by one.
            let sentences = a.sentences + b.sentences;
            return prior * f64::from(sentences.max(1)) - 3.0 * f64::from(a.asides + b.asides);
        }
        let mut cost = prior + self.length_cost(a.len, b.len);
        // An aside (`Read also: ...`) linked with ordinary text.
        if a.asides != b.asides {
            cost += 8.0;
        }
        // A group that runs over a paragraph start of its side.
        cost += self.paragraph_penalty * f64::from(a.crossings + b.crossings);
        if a.opens_paragraph != b.opens_paragraph {
            cost += self.paragraph_penalty * 0.5;
        }
        if self.anchor_weight > 0.0 && (a.is_block() || b.is_block()) {
            // Blocks of a coarse level: the share of their numbers and names (in `nums`,
            // see `features::merge`) the two groups have in common.
            if cost - self.anchor_weight * COARSE_WEIGHT >= limit {
                return cost;
            }
            let ev = evidence();
            let keys = ev.nums_a + ev.nums_b;
            if keys > 0 {
                cost -=
                    self.anchor_weight * COARSE_WEIGHT * f64::from(2 * ev.nums) / f64::from(keys);
            }
            return cost;
        }
        if self.anchor_weight > 0.0 {
            if cost - self.anchor_weight * self.bonus_bound(&bound()) >= limit {
                return cost;
            }
            cost -= self.anchor_weight * self.anchor_bonus(&evidence());
        }
        cost
    }
}

/// What the cost needs to know of a group of consecutive sentences of one side.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub(crate) struct Group {
    /// Items in the group (sentences, or blocks at coarse levels).
    pub size: usize,
    /// Non-space chars.
    pub len: f64,
    /// Sentences the items stand for.
    pub sentences: u32,
    /// Asides among them.
    pub asides: u32,
    /// Paragraph starts after the first item.
    pub crossings: u32,
    /// Whether the first item opens a paragraph.
    pub opens_paragraph: bool,
}

impl Group {
    /// Whether the group holds blocks of a coarse level (items of several sentences).
    pub(crate) fn is_block(&self) -> bool {
        self.sentences as usize > self.size
    }
}

/// Prefix sums over one side, so that any group's [`Group`] takes constant time.
pub(crate) struct Prefix {
    len: Vec<f64>,
    sentences: Vec<u32>,
    asides: Vec<u32>,
    starts: Vec<u32>,
    opens: Vec<bool>,
}

impl Prefix {
    pub(crate) fn new(items: &[Feat]) -> Self {
        let n = items.len();
        let mut p = Prefix {
            len: Vec::with_capacity(n + 1),
            sentences: Vec::with_capacity(n + 1),
            asides: Vec::with_capacity(n + 1),
            starts: Vec::with_capacity(n + 1),
            opens: items.iter().map(|f| f.para_start).collect(),
        };
        let (mut l, mut s, mut a, mut st) = (0.0, 0u32, 0u32, 0u32);
        p.len.push(l);
        p.sentences.push(s);
        p.asides.push(a);
        p.starts.push(st);
        for f in items {
            l += f.len;
            s += f.count;
            a += u32::from(f.aside);
            st += u32::from(f.para_start);
            p.len.push(l);
            p.sentences.push(s);
            p.asides.push(a);
            p.starts.push(st);
        }
        p
    }

    /// The group of items `start..end`.
    #[inline]
    pub(crate) fn group(&self, start: usize, end: usize) -> Group {
        if start >= end {
            return Group::default();
        }
        Group {
            size: end - start,
            len: self.len[end] - self.len[start],
            sentences: self.sentences[end] - self.sentences[start],
            asides: self.asides[end] - self.asides[start],
            crossings: self.starts[end] - self.starts[start + 1],
            opens_paragraph: self.opens[start],
        }
    }
}

impl CostModel {
    /// The anchor evidence of a link, in cost units.
    fn anchor_bonus(&self, ev: &Evidence) -> f64 {
        let unmatched = (ev.nums_a - ev.nums) + (ev.nums_b - ev.nums);
        NUM_WEIGHT * f64::from(ev.nums)
            + NAME_WEIGHT * f64::from(ev.names.min(MAX_NAMES))
            + WORD_WEIGHT * f64::from(ev.words.min(MAX_WORDS))
            + self.lexical_bonus(ev)
            + PUNCT_WEIGHT * f64::from(ev.punct)
            - MISS_WEIGHT * f64::from(unmatched.min(4))
    }

    /// The cognate, learned-lexicon and dictionary part of the bonus.
    fn lexical_bonus(&self, ev: &Evidence) -> f64 {
        COGNATE_WEIGHT * self.cognate_weight * f64::from(ev.cognates.min(MAX_WORDS))
            + LEX_WEIGHT * self.lexicon_weight * f64::from(ev.lex.min(MAX_LEX))
            + LEX_WEIGHT * self.dictionary_weight * f64::from(ev.dict.min(MAX_LEX))
    }

    /// An upper bound of [`Self::anchor_bonus`] from pairwise counts summed over a group
    /// (each key two groups share is shared by at least one pair of their sentences).
    pub(crate) fn bonus_bound(&self, ev: &Evidence) -> f64 {
        NUM_WEIGHT * f64::from(ev.nums)
            + NAME_WEIGHT * f64::from(ev.names.min(MAX_NAMES))
            + WORD_WEIGHT * f64::from(ev.words.min(MAX_WORDS))
            + self.lexical_bonus(ev)
            + PUNCT_WEIGHT * 5.0
    }
}

/// The bonus of two coarse blocks whose numbers and names are all shared.
const COARSE_WEIGHT: f64 = 3.0;
const NUM_WEIGHT: f64 = 1.5;
const NAME_WEIGHT: f64 = 1.2;
const WORD_WEIGHT: f64 = 0.5;
const PUNCT_WEIGHT: f64 = 0.3;
const MISS_WEIGHT: f64 = 0.6;
const MAX_NAMES: u32 = 6;
const MAX_WORDS: u32 = 8;
/// A shared cognate (before `AlignConfig::cognate_weight`).
const COGNATE_WEIGHT: f64 = 0.6;
/// A word whose translation the other side has (before `AlignConfig::lexicon_weight` or
/// `AlignConfig::dictionary_weight`).
const LEX_WEIGHT: f64 = 0.4;
const MAX_LEX: u32 = 10;

/// A confidence in [0, 1] from a link's cost.
pub(crate) fn confidence(cost: f64) -> f64 {
    1.0 / (1.0 + (1.5 * (cost - 2.0)).exp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_matches_known_values() {
        assert!((erfc(0.0) - 1.0).abs() < 1e-6);
        assert!((erfc(1.0) - 0.157_299_2).abs() < 1e-6);
        assert!((erfc(-1.0) - 1.842_700_8).abs() < 1e-6);
    }

    #[test]
    fn tail_cost_matches_the_normal_tail() {
        // 2 (1 - Φ(1.96)) = 0.05.
        assert!((tail_cost(1.96) - (-(0.05f64).ln())).abs() < 1e-3);
        assert!(tail_cost(0.0).abs() < 1e-6);
        assert!(tail_cost(20.0) > tail_cost(11.9));
    }

    #[test]
    fn refine_shrinks_the_ratio_towards_the_prior() {
        let f = |len: f64| Feat {
            len,
            ..Feat::default()
        };
        let (a, b) = (vec![f(100.0)], vec![f(100.0)]);
        // Ten links of ratio 2.0, alone and against a prior of 1.0 (20 pseudo-links).
        let links = || std::iter::repeat_n((10.0, 20.0), 10);
        let mut alone = CostModel::estimate(&a, &b, &AlignConfig::default());
        alone.refine(links(), None);
        assert!((alone.ratio - 2.0).abs() < 1e-9);
        let mut shrunk = CostModel::estimate(&a, &b, &AlignConfig::default());
        shrunk.refine(links(), Some(1.0));
        assert!(
            (shrunk.ratio - (10.0 * 2.0 + 20.0) / 30.0).abs() < 1e-9,
            "{}",
            shrunk.ratio
        );
        // No links: the prior.
        let mut none = CostModel::estimate(&a, &b, &AlignConfig::default());
        none.refine(std::iter::empty(), Some(1.3));
        assert!((none.ratio - 1.3).abs() < 1e-9);
    }

    #[test]
    fn length_cost_prefers_proportional_lengths() {
        let a = vec![Feat {
            len: 100.0,
            ..Feat::default()
        }];
        let b = vec![Feat {
            len: 110.0,
            ..Feat::default()
        }];
        let m = CostModel::estimate(&a, &b, &AlignConfig::default());
        assert!(m.length_cost(100.0, 110.0) < 0.01);
        assert!(m.length_cost(100.0, 40.0) > m.length_cost(100.0, 90.0));
    }
}
