//! How well scores are calibrated (expected calibration error, reliability bins), and the
//! fit of a [`Calibration`] on gold alignments.
//!
//! ```
//! use polyalign::eval::calibrate::{calibration_error, reliability};
//! // Scores of 0.9, right 9 times in 10: calibrated.
//! let scored: Vec<(f64, bool)> = (0..10).map(|k| (0.9, k != 0)).collect();
//! assert!(calibration_error(&scored, 10) < 1e-9);
//! let bins = reliability(&scored, 10);
//! assert_eq!((bins[9].count, bins[9].accuracy), (10, 0.9));
//! ```

use crate::align::{AlignConfig, Aligner, Alignment, Calibration, LinkClass, Platt};
use crate::doc::Record;

use super::align::{align_gold, judge_links, judge_units, EvalError};

/// `(score, right)` samples.
pub type Scored = Vec<(f64, bool)>;

/// One bin of a reliability diagram.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Bin {
    /// The lowest score of the bin.
    pub lo: f64,
    /// The highest (the last bin includes 1).
    pub hi: f64,
    /// Scores in the bin.
    pub count: usize,
    /// Their mean.
    pub mean_score: f64,
    /// The share of them that are right.
    pub accuracy: f64,
}

/// `bins` equal-width bins over [0, 1] of `(score, right)` samples.
pub fn reliability(scored: &[(f64, bool)], bins: usize) -> Vec<Bin> {
    let bins = bins.max(1);
    let mut out: Vec<Bin> = (0..bins)
        .map(|k| Bin {
            lo: k as f64 / bins as f64,
            hi: (k + 1) as f64 / bins as f64,
            ..Bin::default()
        })
        .collect();
    let mut right = vec![0usize; bins];
    for &(score, ok) in scored {
        let k = ((score.clamp(0.0, 1.0) * bins as f64) as usize).min(bins - 1);
        out[k].count += 1;
        out[k].mean_score += score;
        right[k] += usize::from(ok);
    }
    for (b, r) in out.iter_mut().zip(right) {
        if b.count > 0 {
            b.mean_score /= b.count as f64;
            b.accuracy = r as f64 / b.count as f64;
        }
    }
    out
}

/// The expected calibration error over `bins` equal-width bins: the mean, weighted by
/// the samples in each bin, of |share right − mean score|. 0 for no samples.
pub fn calibration_error(scored: &[(f64, bool)], bins: usize) -> f64 {
    if scored.is_empty() {
        return 0.0;
    }
    reliability(scored, bins)
        .iter()
        .map(|b| b.count as f64 * (b.accuracy - b.mean_score).abs())
        .sum::<f64>()
        / scored.len() as f64
}

/// A gold record aligned with raw scores, and the gold's verdict on each link.
struct Judged {
    al: Alignment,
    links: Vec<Vec<Option<bool>>>,
}

/// The raw-score alignments of gold records, to fit and test calibrations on.
pub struct CalibrationData {
    docs: Vec<Judged>,
}

/// Held-out figures of a fit: link and unit ECE of each fold's calibration on the other.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct HeldOut {
    /// Expected calibration error of links, 10 bins, fitted on the other fold.
    pub links: f64,
    /// The same for units.
    pub units: f64,
}

impl CalibrationData {
    /// Aligns the gold sentences of every record with raw scores (`config` with
    /// [`AlignConfig::calibrated`] set to `false`) and judges every link.
    pub fn new(golds: &[Record], config: &AlignConfig) -> Result<CalibrationData, EvalError> {
        let mut config = config.clone();
        config.calibrated = false;
        let aligner = Aligner::new(config);
        let mut docs = Vec::with_capacity(golds.len());
        for gold in golds {
            let (codes, al) = align_gold(gold, &aligner)?;
            let links = judge_links(&al, &codes, gold);
            docs.push(Judged { al, links });
        }
        Ok(CalibrationData { docs })
    }

    /// Documents held.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether there is no document.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Fits a calibration on the documents `keep` selects (by index): each link class on
    /// the links' raw scores, then the unit class on the product of the calibrated
    /// present links of each unit.
    pub fn fit_where(&self, keep: impl Fn(usize) -> bool) -> Calibration {
        let classes = [LinkClass::One, LinkClass::Null, LinkClass::Many];
        let mut samples: Vec<Vec<(f64, bool)>> = vec![Vec::new(); classes.len()];
        for (_, d) in self.docs.iter().enumerate().filter(|(n, _)| keep(*n)) {
            for (p, verdicts) in d.al.pairs.iter().zip(&d.links) {
                for (l, v) in p.links.iter().zip(verdicts) {
                    if let Some(right) = v {
                        let class = LinkClass::of(l.src.len(), l.tgt.len());
                        let k = classes.iter().position(|c| *c == class).unwrap_or(0);
                        samples[k].push((l.score, *right));
                    }
                }
            }
        }
        let fitted: Vec<Platt> = samples.iter().map(|s| Platt::fit(s)).collect();
        let links_only = Calibration::new(fitted[0], fitted[1], fitted[2], Platt::IDENTITY);
        let mut units = Vec::new();
        for (_, d) in self.docs.iter().enumerate().filter(|(n, _)| keep(*n)) {
            units.extend(unit_samples(d, &links_only));
        }
        Calibration::new(fitted[0], fitted[1], fitted[2], Platt::fit(&units))
    }

    /// Fits a calibration on every document.
    pub fn fit(&self) -> Calibration {
        self.fit_where(|_| true)
    }

    /// `(score, right)` of the links and of the units of the documents `keep` selects,
    /// scored with `cal`.
    pub fn scored_where(
        &self,
        cal: &Calibration,
        keep: impl Fn(usize) -> bool,
    ) -> (Scored, Scored) {
        let (mut links, mut units) = (Vec::new(), Vec::new());
        for (_, d) in self.docs.iter().enumerate().filter(|(n, _)| keep(*n)) {
            for (p, verdicts) in d.al.pairs.iter().zip(&d.links) {
                for (l, v) in p.links.iter().zip(verdicts) {
                    if let Some(right) = v {
                        let score = cal.link_probability(l.src.len(), l.tgt.len(), l.score);
                        links.push((score, *right));
                    }
                }
            }
            units.extend(unit_samples(d, cal));
        }
        (links, units)
    }

    /// Two-fold cross-validation: fit on the even documents, test on the odd, and the
    /// reverse; the mean ECE of links and of units over the two held-out folds.
    pub fn held_out(&self) -> HeldOut {
        let mut out = HeldOut::default();
        for fold in 0..2 {
            let cal = self.fit_where(|n| n % 2 == fold);
            let (links, units) = self.scored_where(&cal, |n| n % 2 != fold);
            out.links += calibration_error(&links, 10) / 2.0;
            out.units += calibration_error(&units, 10) / 2.0;
        }
        out
    }
}

/// `(unit score, right)` of a document's judged units, links and units scored with `cal`.
fn unit_samples(d: &Judged, cal: &Calibration) -> Vec<(f64, bool)> {
    let mut al = d.al.clone();
    cal.apply(&mut al);
    al.units
        .iter()
        .zip(judge_units(&al, &d.links))
        .filter_map(|(u, right)| right.map(|r| (u.score, r)))
        .collect()
}
