//! # polyalign
//!
//! Sentence segmentation, multilingual sentence alignment and translation memories for
//! news articles published in several languages (English, Russian and Ukrainian first;
//! any language with generic rules).
//!
//! The library is a pipeline of stages, one module each, with one document type
//! ([`doc::Document`]: a language version's text and its sentences as byte spans) carried
//! from segmentation to every output:
//!
//! 1. [`lang`]: language codes, normalised to BCP 47 (`ua` → `uk`, `en-US` → `en`).
//! 2. [`segment`]: text → paragraphs → sentences, as byte spans of the original text;
//!    [`doc`] wraps a text and its spans as a [`doc::Document`].
//! 3. [`anchors`]: the dictionary-free evidence the stages share: numbers, month and
//!    number words, transliteration skeletons of names, asides (`Read also`).
//! 4. [`align`]: sentence alignment of two or more documents into translation units.
//! 5. [`tmx`]: translation memories in TMX 1.4b, written and read (streaming).
//! 6. [`formats`]: alignments and reports written out (TMX, `--pairs`, ladder, TSV, JSONL,
//!    the JSON report of a check) and memories in TSV and JSONL; [`output`] writes every
//!    file atomically.
//! 7. [`tm`]: translation memory lookups: fuzzy matches ranked as CAT tools rank them,
//!    from an n-gram index that stays fast on millions of units, and pre-translation.
//! 8. [`qa`]: checks that the language versions of an article match (missing content,
//!    numbers, names, untranslated text), with text, JSON and HTML reports.
//! 9. [`eval`]: scoring against gold data (segmentation boundaries, alignment links).
//! 10. [`corpus`]: a site's archive in one run: articles found by name, processed on all
//!     cores in input order, failures isolated, the output resumable.
//!
//! `docs/architecture.md` follows one sentence through these stages.
//!
//! Below `align`, `tm` and `qa`, the [`anchors`] layer holds the dictionary-free evidence
//! they share: numbers, month and number words, transliteration skeletons, asides.
//!
//! ```
//! use polyalign::align::Aligner;
//! use polyalign::doc::Document;
//! use polyalign::formats::alignment::write_tmx;
//! use polyalign::lang::Lang;
//!
//! let en = "Noem visits prison\nOn March 26, Kristi Noem visited CECOT. Mr. Bukele opened it in 2023.";
//! let ru = "Ноэм посетила тюрьму\n26 марта Кристи Ноэм посетила CECOT. Н. Букеле открыл ее в 2023 г.";
//! // 1. Segment: each version with its own language's rules, into spans of its text.
//! let docs = [Document::new(Lang::EN, "article.en.txt", en), Document::new("ru-RU".parse()?, "article.ru.txt", ru)];
//! assert_eq!(
//!     docs[0].sentences().collect::<Vec<_>>(),
//!     ["Noem visits prison", "On March 26, Kristi Noem visited CECOT.", "Mr. Bukele opened it in 2023."]
//! );
//! assert_eq!(docs[1].sentence(2), "Н. Букеле открыл ее в 2023 г.");
//! // 2. Align.
//! let alignment = Aligner::default().align(&docs)?;
//! let pairs: Vec<_> = alignment.units.iter().map(|u| (u.groups[0].clone(), u.groups[1].clone())).collect();
//! assert_eq!(pairs, [(0..1, 0..1), (1..2, 1..2), (2..3, 2..3)]);
//! // 3. Write TMX: one `tu` per unit, the sentences borrowed from the documents.
//! let mut tmx = Vec::new();
//! let written = write_tmx(&mut tmx, &docs, &alignment, "article", "en")?;
//! assert_eq!(written.units, 3);
//! let tmx = String::from_utf8(tmx).unwrap();
//! assert!(tmx.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE tmx SYSTEM \"tmx14.dtd\">"));
//! assert!(tmx.contains("<tu tuid=\"3\">"));
//! assert!(tmx.contains("<prop type=\"x-document\">article</prop>"));
//! assert!(tmx.contains("<tuv xml:lang=\"ru\"><seg>Н. Букеле открыл ее в 2023 г.</seg></tuv>"));
//! # Ok::<(), polyalign::Error>(())
//! ```

#![forbid(unsafe_code)]
#![deny(missing_docs)]

pub mod align;
pub mod anchors;
pub mod corpus;
pub mod doc;
pub mod eval;
pub mod formats;
pub mod input;
pub mod lang;
pub mod output;
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
    /// A memory in TSV or JSON lines could not be read.
    #[error(transparent)]
    Format(#[from] formats::FormatError),
    /// An output file could not be written.
    #[error(transparent)]
    Output(#[from] output::OutputError),
}

/// The crate's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
