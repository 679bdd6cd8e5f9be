//! The cost of a link: Gale-Church length cost, type prior, anchors and paragraphs.

use super::features::{evidence, Feat};
use super::AlignConfig;

/// Prior probability of a link type (a sentences of the first side, b of the second),
/// after Gale and Church (1993), with room for 2-2 and 1-3.
fn prior(a: usize, b: usize) -> f64 {
    match (a, b) {
        (1, 1) => 0.89,
        (1, 0) | (0, 1) => 0.0099,
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

/// The cost model of one document pair.
#[derive(Debug, Clone)]
pub(crate) struct CostModel {
    /// Expected characters of the second side per character of the first.
    pub ratio: f64,
    /// Variance of the length difference per character.
    pub variance: f64,
    anchor_weight: f64,
    paragraph_penalty: f64,
    /// -ln prior, indexed [a][b].
    prior_cost: [[f64; 5]; 5],
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
            paragraph_penalty: config.paragraph_penalty,
            prior_cost,
        }
    }

    /// Re-estimates the variance from the 1-1 links of a first alignment.
    pub(crate) fn refine(&mut self, pairs: impl Iterator<Item = (f64, f64)>) {
        let (mut sum, mut n) = (0.0, 0usize);
        for (l1, l2) in pairs {
            let mean = (l1 + l2 / self.ratio) / 2.0;
            if mean > 0.0 {
                let d = l2 - self.ratio * l1;
                sum += d * d / mean;
                n += 1;
            }
        }
        if n >= 5 {
            self.variance = (sum / n as f64).clamp(2.0, 60.0);
        }
    }

    /// The Gale-Church length cost of lengths `l1` and `l2`.
    pub(crate) fn length_cost(&self, l1: f64, l2: f64) -> f64 {
        if l1 == 0.0 && l2 == 0.0 {
            return 0.0;
        }
        let mean = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        let delta = (l2 - self.ratio * l1) / (self.variance * mean).sqrt();
        let p = erfc(delta.abs() / std::f64::consts::SQRT_2);
        -(p.max(1e-12)).ln()
    }

    /// The cost of linking sentences `a` of the first side with `b` of the second.
    pub(crate) fn link_cost(&self, a: &[Feat], b: &[Feat]) -> f64 {
        let l1: f64 = a.iter().map(|f| f.len).sum();
        let l2: f64 = b.iter().map(|f| f.len).sum();
        let prior = self.prior_cost[a.len().min(4)][b.len().min(4)];
        if a.is_empty() || b.is_empty() {
            // A sentence with no counterpart: a flat cost (Gale-Church's length cost would
            // make long omissions nearly impossible), less for asides (`Read also: ...`).
            let asides = a.iter().chain(b).filter(|f| f.aside).count();
            return prior - 3.0 * asides as f64;
        }
        let mut cost = prior + self.length_cost(l1, l2);
        // An aside (`Read also: ...`) linked with ordinary text.
        let asides_a = a.iter().filter(|f| f.aside).count();
        let asides_b = b.iter().filter(|f| f.aside).count();
        if asides_a != asides_b {
            cost += 8.0;
        }
        // A group that runs over a paragraph start of its side.
        let crossings = a.iter().skip(1).filter(|f| f.para_start).count()
            + b.iter().skip(1).filter(|f| f.para_start).count();
        cost += self.paragraph_penalty * crossings as f64;
        if let (Some(fa), Some(fb)) = (a.first(), b.first()) {
            if fa.para_start != fb.para_start {
                cost += self.paragraph_penalty * 0.5;
            }
            if self.anchor_weight > 0.0 {
                cost -= self.anchor_weight * self.anchor_bonus(a, b);
            }
        }
        cost
    }

    /// The anchor evidence of a link, in cost units.
    fn anchor_bonus(&self, a: &[Feat], b: &[Feat]) -> f64 {
        let ev = evidence(a, b);
        1.5 * ev.nums as f64
            + 1.2 * ev.names.min(6) as f64
            + 0.5 * ev.words.min(8) as f64
            + 0.3 * f64::from(ev.punct)
            - 0.6 * ev.nums_unmatched.min(4) as f64
    }
}

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
