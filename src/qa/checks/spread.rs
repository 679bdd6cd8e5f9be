//! How far a version's length in a unit is from what the other versions predict.
//!
//! For every pair of versions, the log ratio of their lengths over the units both fill is
//! summarised by its median and a robust spread (1.4826 × the median absolute deviation).
//! A version is out of line in a unit when every other version there predicts a length
//! far from its own, all in the same direction: with three versions, the two others
//! agree that this one is short (a sentence dropped or cut) or long (a sentence added or
//! repeated). Russian and Ukrainian, being close, predict each other's lengths tightly,
//! so the third version catches what the reference alone would let pass; with only the
//! reference to compare to, the test is stricter ([`CheckConfig::length_deviation`]).
//!
//! [`CheckConfig::length_deviation`]: crate::qa::CheckConfig::length_deviation

use super::{chars, median, Context};

/// The least difference in characters from every prediction: short lines (headlines,
/// bylines) vary freely.
const MIN_CHARS: f64 = 25.0;

/// The least spread assumed, whatever the document's own: a few units alike in length are
/// no reason to flag every small difference.
const MIN_SIGMA: f64 = 0.08;

/// Units two versions both fill below which their ratio is not estimated.
const MIN_UNITS: usize = 6;

/// The length statistics of a document's versions.
pub(super) struct Spread {
    /// `len[u][v]`: characters other than spaces of version `v` in unit `u`.
    len: Vec<Vec<f64>>,
    /// `pair[a][b]`: median and spread of `ln((len_b + 1) / (len_a + 1))`, when the two
    /// versions fill enough units together.
    pair: Vec<Vec<Option<(f64, f64)>>>,
}

/// How many times longer than predicted a version with as many sentences as the others
/// must be for a passage of its own (else a `length` finding).
const FAR_OFF: f64 = 1.6;

/// How a version out of line in a unit is reported, by its sentence count against the
/// others' there: the `missing` family reports all but [`Class::Length`], the `length`
/// family that one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    /// Longer, with more sentences than another version: a sentence of its own (`extra`;
    /// for the reference, `missing` in the versions with fewer).
    More,
    /// Shorter, with fewer sentences than the reference: a sentence left out (`missing`).
    Fewer,
    /// [`FAR_OFF`] longer with as many sentences, two versions predicting it: a passage
    /// glued into a sentence (an `extra` warning).
    Glued,
    /// Otherwise (short with no fewer sentences than the reference, or the reference
    /// short): `length`.
    Length,
}

/// A version out of line in a unit, with how it is reported.
pub(super) struct Found {
    pub u: usize,
    pub v: usize,
    pub o: OutOfLine,
    pub class: Class,
    /// The other versions with text in the unit.
    pub others: Vec<usize>,
}

/// How far off a prediction must be: robust deviations and log-ratio distance.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bar {
    /// Robust deviations from the pair's median.
    pub z: f64,
    /// Distance of the log ratio from the pair's median (0.29: a quarter shorter).
    pub log: f64,
}

/// A version out of line with the others in one unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct OutOfLine {
    /// Longer than predicted (else shorter).
    pub long: bool,
    /// Its length in characters.
    pub got: f64,
    /// The length the others predict (their mean prediction).
    pub expected: f64,
    /// How many versions predicted it: one means the reference alone.
    pub voters: usize,
}

impl Spread {
    pub(super) fn new(ctx: &Context) -> Spread {
        let n = ctx.versions();
        let len: Vec<Vec<f64>> = ctx
            .texts
            .iter()
            .map(|texts| texts.iter().map(|t| chars(t)).collect())
            .collect();
        let mut pair = vec![vec![None; n]; n];
        for a in 0..n {
            for b in 0..n {
                if a == b {
                    continue;
                }
                let mut xs: Vec<f64> = len
                    .iter()
                    .filter(|l| l[a] > 0.0 && l[b] > 0.0)
                    .map(|l| ((l[b] + 1.0) / (l[a] + 1.0)).ln())
                    .collect();
                if xs.len() < MIN_UNITS {
                    continue;
                }
                let med = median(&mut xs);
                let mut dev: Vec<f64> = xs.iter().map(|x| (x - med).abs()).collect();
                let sigma = (1.4826 * median(&mut dev)).max(MIN_SIGMA);
                pair[a][b] = Some((med, sigma));
            }
        }
        Spread { len, pair }
    }

    /// The median ratio of version `b`'s lengths to version `a`'s (1 when unknown).
    pub(super) fn ratio(&self, a: usize, b: usize) -> f64 {
        self.pair[a][b].map_or(1.0, |(m, _)| m.exp())
    }

    /// Whether version `v` is out of line in unit `u` with every other version that has
    /// text there, each prediction off by more than the robust deviations and at least the
    /// log-ratio distance of `alone` when only one version predicts it, of `agreed` when
    /// several do.
    pub(super) fn out_of_line(
        &self,
        u: usize,
        v: usize,
        alone: Bar,
        agreed: Bar,
    ) -> Option<OutOfLine> {
        let got = self.len[u][v];
        if got == 0.0 {
            return None;
        }
        let mut sign = 0.0;
        let mut predictions = Vec::new();
        for w in 0..self.len[u].len() {
            let other = self.len[u][w];
            if w == v || other == 0.0 {
                continue;
            }
            let (med, sigma) = self.pair[w][v]?;
            let dx = ((got + 1.0) / (other + 1.0)).ln() - med;
            let predicted = (other + 1.0) * med.exp() - 1.0;
            if sign != 0.0 && dx.signum() != sign {
                return None;
            }
            sign = dx.signum();
            predictions.push((dx, dx / sigma, predicted));
        }
        let Bar {
            z: z_min,
            log: log_min,
        } = match predictions.len() {
            0 => return None,
            1 => alone,
            _ => agreed,
        };
        let far = predictions.iter().all(|&(dx, z, predicted)| {
            z.abs() > z_min && dx.abs() >= log_min && (got - predicted).abs() >= MIN_CHARS
        });
        far.then(|| OutOfLine {
            long: sign > 0.0,
            got,
            expected: predictions.iter().map(|p| p.2).sum::<f64>() / predictions.len() as f64,
            voters: predictions.len(),
        })
    }

    /// Every version out of line in every unit ([`Spread::out_of_line`] with `alone` and
    /// `agreed`), classed. The reference against one other version alone is left to that
    /// version.
    pub(super) fn out_of_line_units(&self, ctx: &Context, alone: Bar, agreed: Bar) -> Vec<Found> {
        let r = ctx.reference();
        let mut out = Vec::new();
        for (u, unit) in ctx.report.alignment.units.iter().enumerate() {
            for v in 0..ctx.versions() {
                let Some(o) = self.out_of_line(u, v, alone, agreed) else {
                    continue;
                };
                if v == r && o.voters < 2 {
                    continue;
                }
                let count = |w: usize| unit.groups[w].len();
                let others: Vec<usize> = (0..ctx.versions())
                    .filter(|&w| w != v && count(w) > 0)
                    .collect();
                let (a, b) = (o.got + 1.0, o.expected + 1.0);
                let class = if o.long && others.iter().any(|&w| count(w) < count(v)) {
                    Class::More
                } else if !o.long && v != r && count(r) > count(v) {
                    Class::Fewer
                } else if o.long && v != r && o.voters >= 2 && a / b >= FAR_OFF {
                    Class::Glued
                } else {
                    Class::Length
                };
                out.push(Found {
                    u,
                    v,
                    o,
                    class,
                    others,
                });
            }
        }
        out
    }
}
