//! File formats, each read and written in one place (TMX itself has its own module,
//! [`crate::tmx`], with the streaming [`crate::tmx::TmxWriter`]).
//!
//! - [`alignment`]: an alignment as TMX (streaming, through [`crate::tmx::TmxWriter`]),
//!   the bilingual `--pairs` projection, unit filtering, vecalign's ladder (written and
//!   read), TSV, JSONL and a text view.
//! - [`report`]: the JSON report of a check, as a serialisable type.
//! - [`tsv`]: translation memories as tab-separated values, a header row of language
//!   codes and one unit per row; and the escaping of a TSV cell ([`tsv::cell`]).
//! - [`jsonl`]: translation memories as JSON lines, one object per unit, with one key
//!   convention (described there) for everything polyalign reads as a memory.
//!
//! Readers take any [`std::io::BufRead`] and return units in the TMX data model
//! ([`crate::tmx::Tu`], [`crate::tmx::Tmx`]); writers take any [`std::io::Write`]. Errors
//! ([`FormatError`]) say which line; the caller knows the file and names it.

pub mod alignment;
pub mod jsonl;
pub mod report;
pub mod tsv;

/// An error reading a file in one of the formats.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FormatError {
    /// Reading failed, or the line is not UTF-8.
    #[error("line {line}")]
    Io {
        /// The line, from 1.
        line: usize,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A line is not a record of the format (for JSON lines: not JSON, or not an object).
    #[error("line {line}: {message}")]
    Record {
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// The input is empty, and the format needs a header (TSV: the language codes).
    #[error("empty")]
    Empty,
}

impl FormatError {
    /// The line the error is on, from 1 (`None` for [`FormatError::Empty`]).
    pub fn line(&self) -> Option<usize> {
        match self {
            FormatError::Io { line, .. } | FormatError::Record { line, .. } => Some(*line),
            FormatError::Empty => None,
        }
    }
}
