//! Evaluation against gold data: segmentation boundaries ([`segment`]) and alignment
//! links, for the alignment task and end to end ([`align`]).
//!
//! Gold documents are [`crate::doc::Record`]s (`sentences`, `paragraph_of`, `text` and
//! `links` per language and pair); `scripts/eval` runs every evaluation over the data in
//! `../shared` and prints the tables.

pub mod align;
pub mod calibrate;
pub mod segment;

/// Precision, recall and F1 from counts.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize)]
pub struct Prf {
    /// Correct predictions.
    pub correct: usize,
    /// All predictions.
    pub predicted: usize,
    /// All gold items.
    pub gold: usize,
}

impl Prf {
    /// Precision: correct / predicted (1 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }

    /// Recall: correct / gold (1 when there is no gold item).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall.
    ///
    /// ```
    /// let prf = polyalign::eval::Prf { correct: 8, predicted: 10, gold: 8 };
    /// assert!((prf.f1() - 0.8888).abs() < 1e-3);
    /// ```
    pub fn f1(&self) -> f64 {
        harmonic_mean(self.precision(), self.recall())
    }

    /// Adds another count.
    pub fn add(&mut self, other: Prf) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }
}

/// The harmonic mean of precision and recall (0 when both are 0).
pub(crate) fn harmonic_mean(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}
