//! Anchors: the dictionary-free evidence that two passages in different languages say the
//! same thing, shared by the stages above it.
//!
//! The layer sits below [`align`](crate::align), [`tm`](crate::tm) and [`qa`](crate::qa),
//! which use it, and above [`lang`](crate::lang), the only module it imports (it does not
//! need [`segment`](crate::segment)). Its parts are internals of the crate:
//! - `anchors::numbers`: the one reader of figures (digits, thousands groups with `,` `.`
//!   or a normal, no-break, thin or narrow no-break space, decimals) and the
//!   language-neutral number tokens built on it (amounts with scale words, percentages,
//!   ranges, dates, clock times, month names). The aligner's number anchors and the
//!   checks' number comparison read the tokens; the memory's number adaptation and its
//!   match tokens read the figures.
//! - `anchors::lexicon`: the anchor words of each language, one data file per language
//!   under `src/anchors/data/` (`en.txt`, `ru.txt`, `uk.txt`): month names and
//!   abbreviations, month words, number words, the openings of asides.
//! - `anchors::translit`: transliteration to Latin and consonant skeletons, so that names
//!   match across scripts (`Trump`/`Трамп`); used by the aligner's name anchors and by the
//!   checks of names and moved content.
//! - `anchors::asides`: cross-references (`Read also: ...`, `Читайте также: ...`) that one
//!   version adds or drops on its own; the aligner lets them go unmatched, the checks do
//!   not report them as missing.
//!
//! Which characters are letters, and which are Cyrillic, is defined once, in
//! [`lang`](crate::lang), for this layer and every stage.

pub(crate) mod asides;
pub(crate) mod lexicon;
pub(crate) mod numbers;
pub(crate) mod translit;
