//! Alignment: the sentences of two or more language versions of one document, linked
//! into translation units.
//!
//! # Model
//! Pairs of versions are aligned by dynamic programming over link types (1-1, 1-0, 0-1,
//! 1-2, 2-1, 2-2, 1-3, 3-1 by default). A link's cost adds:
//! - a Gale-Church length cost, with the length ratio and variance estimated from the
//!   document pair itself;
//! - the prior cost of its type;
//! - dictionary-free anchors ([`crate::anchors`]): numbers normalised across languages,
//!   names and international words matched through transliteration, Latin-script tokens
//!   inside Cyrillic text, punctuation, asides;
//! - cognates: longer words whose normalised transliterations begin alike (Russian and
//!   Ukrainian share most word shapes);
//! - lexical evidence learned from the documents themselves: IBM Model 1 over the
//!   confident 1-1 links of a first pass gives a translation lexicon of word stems, and a
//!   second pass rewards words whose translation the other side has; a user
//!   [`Dictionary`] (hunalign's format) adds its entries to the same evidence;
//! - paragraph structure: a link that crosses a paragraph boundary on one side only costs
//!   more, so versions stay in step paragraph by paragraph.
//!
//! Long documents are aligned coarse to fine: the path found on merged blocks of
//! sentences bounds the search at the next finer level, so time and memory grow linearly.
//! Small documents get the full dynamic programme.
//!
//! With several versions, every pair is aligned directly (Russian and Ukrainian, being close,
//! align better with each other than through English); the pairwise links are merged into
//! [`Unit`]s that partition every version's sentences in order. The pivot (the first
//! version by default) only decides where a unit without one of its sentences is placed.
//!
//! Scores are probabilities ([`calibrate`]): a link's that it is right, a unit's that its
//! links between the versions it holds are right.
//!
//! ```
//! use polyalign::align::{Aligner, Document};
//! use polyalign::lang::Lang;
//!
//! let en = Document::from_text(Lang::EN, "Noem visited CECOT on March 26. She met 30 lawyers.");
//! let ru = Document::from_text(Lang::RU, "26 марта Ноэм посетила CECOT. Она встретилась с 30 адвокатами.");
//! let alignment = Aligner::default().align(&[en, ru]).unwrap();
//! assert_eq!(alignment.units.len(), 2);
//! assert_eq!(alignment.units[0].groups, vec![0..1, 0..1]);
//! assert!(alignment.units[1].score > 0.5);
//! ```

pub mod calibrate;
mod cost;
mod dp;
pub(crate) mod features;
mod lexicon;
mod multi;
mod priors;

use std::ops::Range;

use serde::Serialize;

pub use crate::doc::Document;
pub use calibrate::{Calibration, CalibrationError, LinkClass, Platt};
pub use lexicon::Dictionary;
pub use multi::Alignment;
pub use priors::Priors;

/// A link between two versions: consecutive sentences of each side (either may be empty)
/// and a confidence score in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Link {
    /// Sentence indices of the first version.
    pub src: Range<usize>,
    /// Sentence indices of the second version.
    pub tgt: Range<usize>,
    /// The probability that the link is right (strictly: these sentences and no others),
    /// calibrated ([`calibrate`]); for a link empty on one side, the probability that its
    /// sentences truly have no counterpart.
    pub score: f64,
}

impl Link {
    /// The link type as `"2-1"`.
    pub fn kind(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// A translation unit: one group of consecutive sentences per version (possibly empty),
/// with a confidence score in [0, 1].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unit {
    /// One sentence range per version, in the order of the documents given.
    pub groups: Vec<Range<usize>>,
    /// The probability that the unit's present links (those with sentences on both
    /// sides) are all right, calibrated ([`calibrate`]).
    pub score: f64,
}

/// Settings of the [`Aligner`].
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct AlignConfig {
    /// Link types allowed, as (sentences of the first side, of the second side).
    /// Default: 1-1, 1-0, 0-1, 1-2, 2-1, 2-2, 1-3, 3-1.
    pub link_types: Vec<(usize, usize)>,
    /// Weight of the anchor evidence (numbers, names, shared words) against the length
    /// cost. 0 gives plain Gale-Church. Default: 1.0.
    pub anchor_weight: f64,
    /// Weight of cognates: longer words whose normalised transliterations begin alike
    /// (`історія`/`история`, `президент`/`president`), against the other anchors. 0 turns
    /// them off. Default: 1.0.
    pub cognate_weight: f64,
    /// Weight of the translation lexicon learned from the documents themselves (IBM
    /// Model 1 over the confident 1-1 links of a first pass, then a second pass with that
    /// evidence; see the module documentation). 0 skips the second pass. Default: 1.0.
    pub lexicon_weight: f64,
    /// A user dictionary (`--dict FILE`), read into the same evidence as the learned
    /// lexicon. Default: none.
    pub dictionary: Option<std::sync::Arc<Dictionary>>,
    /// Weight of the dictionary's entries. Default: 1.0.
    pub dictionary_weight: f64,
    /// Cost added when a link crosses a paragraph boundary of one side but not of the
    /// other. Default: 2.0.
    pub paragraph_penalty: f64,
    /// The index of the pivot document: units without one of its sentences are placed
    /// before the pivot sentence that follows them, and `qa` compares the other versions
    /// to it (the reference). Every pair of documents is aligned directly. Default: 0.
    pub pivot: usize,
    /// Documents whose product of sentence counts is at most this are aligned with the full
    /// dynamic programme; larger ones coarse to fine. Default: 40,000 (200 × 200).
    pub full_dp_cells: usize,
    /// How far, in sentences, the fine search may leave the path found at the coarser
    /// level. Default: 6.
    pub band_radius: usize,
    /// Whether link and unit scores are probabilities ([`Calibration::builtin`]); `false`
    /// leaves links the cost model's raw confidence (what `polyalign eval calibrate`
    /// fits) and units the product of their present links' raw scores. Default: `true`.
    pub calibrated: bool,
    /// What other documents of the same languages taught ([`Priors::learn`]): the length
    /// ratio a document's own estimate is shrunk towards, and lexicon entries for its
    /// second pass. Default: none (each document on its own).
    pub priors: Option<std::sync::Arc<Priors>>,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            link_types: vec![
                (1, 1),
                (1, 0),
                (0, 1),
                (1, 2),
                (2, 1),
                (2, 2),
                (1, 3),
                (3, 1),
            ],
            anchor_weight: 1.0,
            cognate_weight: 1.0,
            lexicon_weight: 1.0,
            dictionary: None,
            dictionary_weight: 1.0,
            paragraph_penalty: 2.0,
            pivot: 0,
            full_dp_cells: 40_000,
            band_radius: 6,
            calibrated: true,
            priors: None,
        }
    }
}

/// An error from the aligner.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum AlignError {
    /// Fewer than two documents were given.
    #[error("alignment needs at least two documents, got {0}")]
    TooFewDocuments(usize),
    /// The pivot index is out of range.
    #[error("pivot {pivot} is out of range for {count} documents")]
    BadPivot {
        /// The pivot index.
        pivot: usize,
        /// The number of documents.
        count: usize,
    },
    /// A link type is not allowed (it must have at least one sentence and at most 4 per
    /// side, and 1-1 must be allowed).
    #[error("invalid link types: {0}")]
    BadLinkTypes(String),
    /// A dictionary line (or file) that could not be read.
    #[error("{file}:{line}: {message}")]
    BadDictionary {
        /// The file (or name) the dictionary was read from.
        file: String,
        /// The line, from 1 (0 when the file itself could not be read).
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Aligns documents; see the [module documentation](self).
#[derive(Debug, Clone, Default)]
pub struct Aligner {
    config: AlignConfig,
}

impl Aligner {
    /// An aligner with explicit settings.
    pub fn new(config: AlignConfig) -> Self {
        Aligner { config }
    }

    /// The settings.
    pub fn config(&self) -> &AlignConfig {
        &self.config
    }

    /// Aligns two documents: the links cover every sentence of both exactly once, in order.
    pub fn align_pair(&self, a: &Document<'_>, b: &Document<'_>) -> Result<Vec<Link>, AlignError> {
        self.check_types()?;
        let mut links = dp::align_pair(a, b, &self.config);
        if self.config.calibrated {
            let cal = Calibration::builtin();
            for l in &mut links {
                l.score = cal.link_probability(l.src.len(), l.tgt.len(), l.score);
            }
        }
        Ok(links)
    }

    /// Aligns two or more documents into translation units.
    pub fn align(&self, docs: &[Document<'_>]) -> Result<Alignment, AlignError> {
        if docs.len() < 2 {
            return Err(AlignError::TooFewDocuments(docs.len()));
        }
        if self.config.pivot >= docs.len() {
            return Err(AlignError::BadPivot {
                pivot: self.config.pivot,
                count: docs.len(),
            });
        }
        self.check_types()?;
        let mut al = multi::align_all(docs, &self.config);
        if self.config.calibrated {
            Calibration::builtin().apply(&mut al);
        } else {
            Calibration::identity().score_units(&mut al);
        }
        Ok(al)
    }

    fn check_types(&self) -> Result<(), AlignError> {
        let types = &self.config.link_types;
        if !types.contains(&(1, 1)) {
            return Err(AlignError::BadLinkTypes("1-1 must be allowed".into()));
        }
        if let Some(&(a, b)) = types.iter().find(|&&(a, b)| a + b == 0 || a > 4 || b > 4) {
            return Err(AlignError::BadLinkTypes(format!(
                "{a}-{b} is not a link type"
            )));
        }
        Ok(())
    }
}

/// Parses link types written as `1-1,1-0,2-1`.
///
/// ```
/// assert_eq!(polyalign::align::parse_link_types("1-1,2-1").unwrap(), vec![(1, 1), (2, 1)]);
/// assert!(polyalign::align::parse_link_types("1-x").is_err());
/// ```
pub fn parse_link_types(s: &str) -> Result<Vec<(usize, usize)>, AlignError> {
    s.split(',')
        .map(|t| {
            let (a, b) = t
                .trim()
                .split_once('-')
                .ok_or_else(|| AlignError::BadLinkTypes(t.into()))?;
            let a = a.parse().map_err(|_| AlignError::BadLinkTypes(t.into()))?;
            let b = b.parse().map_err(|_| AlignError::BadLinkTypes(t.into()))?;
            Ok((a, b))
        })
        .collect()
}
