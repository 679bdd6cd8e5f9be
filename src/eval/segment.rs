//! Scoring sentence segmentation: boundary precision, recall and F1, and exact match.
//!
//! A boundary is the number of non-white-space chars before a sentence end; the end of the
//! text is not a boundary, so white space and line breaks never change a score.
//!
//! ```
//! use polyalign::eval::segment::{boundaries, score_row};
//! let gold = ["Hello.", "World."];
//! assert_eq!(boundaries(gold.iter().copied()), vec![6]);
//! let s = score_row(&["Hello. World."], &gold);
//! assert_eq!((s.prf.correct, s.prf.predicted, s.prf.gold, s.exact), (0, 0, 1, false));
//! ```

use serde::Deserialize;

use super::Prf;
use crate::segment::is_space;

/// One gold row: a text and its sentences.
#[derive(Debug, Clone, Deserialize)]
pub struct GoldRow {
    /// Row id (`id` or `doc` in the file), if any.
    #[serde(default, alias = "doc")]
    pub id: Option<String>,
    /// The raw text.
    pub text: String,
    /// The gold sentences, in order.
    pub sentences: Vec<String>,
}

/// The score of one row.
#[derive(Debug, Clone, PartialEq)]
pub struct RowScore {
    /// Boundary counts.
    pub prf: Prf,
    /// Whether the predicted boundary set equals the gold one.
    pub exact: bool,
}

/// Boundary positions (non-space chars before each sentence end, except the last).
pub fn boundaries<'a>(sentences: impl IntoIterator<Item = &'a str>) -> Vec<usize> {
    let mut out = Vec::new();
    let mut count = 0;
    for s in sentences {
        count += s.chars().filter(|&c| !is_space(c)).count();
        out.push(count);
    }
    out.pop();
    // Empty sentences give repeated positions: keep each boundary once.
    out.dedup();
    out
}

/// Scores predicted sentences against gold ones.
pub fn score_row(predicted: &[&str], gold: &[&str]) -> RowScore {
    let p = boundaries(predicted.iter().copied());
    let g = boundaries(gold.iter().copied());
    let correct = p.iter().filter(|b| g.binary_search(b).is_ok()).count();
    RowScore {
        prf: Prf {
            correct,
            predicted: p.len(),
            gold: g.len(),
        },
        exact: p == g,
    }
}

/// The score of a whole file.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
pub struct FileScore {
    /// Rows scored.
    pub rows: usize,
    /// Rows whose boundaries match exactly.
    pub exact_rows: usize,
    /// Micro-averaged boundary counts.
    pub prf: Prf,
}

impl FileScore {
    /// Adds a row.
    pub fn add(&mut self, row: &RowScore) {
        self.rows += 1;
        self.exact_rows += usize::from(row.exact);
        self.prf.add(row.prf);
    }

    /// Share of rows with exactly the gold boundaries.
    pub fn exact_rate(&self) -> f64 {
        if self.rows == 0 {
            1.0
        } else {
            self.exact_rows as f64 / self.rows as f64
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_does_not_matter() {
        let s = score_row(&["a b.", "c\nd."], &["a  b.", "c d."]);
        assert!(s.exact);
        assert_eq!(
            s.prf,
            Prf {
                correct: 1,
                predicted: 1,
                gold: 1
            }
        );
    }

    #[test]
    fn extra_and_missing_boundaries() {
        let s = score_row(&["A.", "B.", "C. D."], &["A. B.", "C.", "D."]);
        assert_eq!(
            s.prf,
            Prf {
                correct: 1,
                predicted: 2,
                gold: 2
            }
        );
        assert!(!s.exact);
    }
}
