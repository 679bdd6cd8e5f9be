//! # polyalign
//!
//! Sentence segmentation, multilingual sentence alignment and translation memories for
//! news articles published in several languages (English, Russian and Ukrainian first;
//! any language with generic rules).
//!
//! The library is a pipeline of stages, one module each:
//!
//! 1. [`lang`]: language codes, normalised to BCP 47 (`ua` → `uk`, `en-US` → `en`).
//! 2. [`segment`]: text → paragraphs → sentences, as byte spans of the original text.
//! 3. [`align`]: sentence alignment of two or more versions into translation units.
//! 4. [`tmx`]: translation memories in TMX 1.4b, written and read (streaming).
//! 5. [`tm`]: translation memory lookups: fuzzy matches ranked as CAT tools rank them,
//!    from an n-gram index that stays fast on millions of units, and pre-translation.
//! 6. [`qa`]: checks that the language versions of an article match (missing content,
//!    numbers, names, untranslated text), with text, JSON and HTML reports.
//! 7. [`eval`]: scoring against gold data (segmentation boundaries, alignment links).
//!
//! Below `align`, `tm` and `qa`, the [`anchors`] layer holds the dictionary-free evidence
//! they share: numbers, month and number words, transliteration skeletons, asides.
//!
//! ```
//! use polyalign::align::{Aligner, Document};
//! use polyalign::lang::Lang;
//! use polyalign::segment::Segmenter;
//!
//! let en = "Noem visits prison\nOn March 26, Kristi Noem visited CECOT. Mr. Bukele opened it in 2023.";
//! let ru = "Ноэм посетила тюрьму\n26 марта Кристи Ноэм посетила CECOT. Н. Букеле открыл ее в 2023 г.";
//! // 1. Segment.
//! let seg = Segmenter::new("en".parse::<Lang>()?);
//! assert_eq!(
//!     seg.split(en),
//!     [
//!         "Noem visits prison",
//!         "On March 26, Kristi Noem visited CECOT.",
//!         "Mr. Bukele opened it in 2023."
//!     ]
//! );
//! // 2. Align (segmenting each version with its own rules).
//! let docs = [Document::from_text(Lang::EN, en), Document::from_text("ru-RU".parse()?, ru)];
//! let alignment = Aligner::default().align(&docs)?;
//! let pairs: Vec<_> = alignment.units.iter().map(|u| (u.groups[0].clone(), u.groups[1].clone())).collect();
//! assert_eq!(pairs, [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
//! # Ok::<(), polyalign::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod align;
pub mod anchors;
pub mod eval;
pub mod lang;
pub mod qa;
pub mod segment;
pub mod tm;
pub mod tmx;

/// Any error of the library.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A language code could not be parsed.
    #[error(transparent)]
    Lang(#[from] lang::LangError),
    /// Text could not be read for segmentation.
    #[error(transparent)]
    Read(#[from] segment::ReadError),
    /// Alignment was asked for with bad settings.
    #[error(transparent)]
    Align(#[from] align::AlignError),
    /// A TMX file could not be read or written.
    #[error(transparent)]
    Tmx(#[from] tmx::TmxError),
    /// A translation memory could not be read, written or searched.
    #[error(transparent)]
    Tm(#[from] tm::TmError),
    /// A check of language versions failed.
    #[error(transparent)]
    Check(#[from] qa::CheckError),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
