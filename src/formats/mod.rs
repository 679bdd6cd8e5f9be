//! Output formats, each written (and, where it is read back, read) in one place.
//!
//! - [`alignment`]: an alignment as TMX (streaming, through [`crate::tmx::TmxWriter`]),
//!   the bilingual `--pairs` projection, unit filtering, vecalign's ladder (written and
//!   read), TSV, JSONL and a text view.
//! - [`report`]: the JSON report of a check.

pub mod alignment;
pub mod report;
