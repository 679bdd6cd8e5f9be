//! Quality checks: do the language versions of an article say the same thing?
//!
//! [`Checker::check`] segments every version, aligns them (see [`crate::align`]) and
//! looks at each translation unit for what editors and QA look for before publishing:
//!
//! | kind | what | default severity |
//! |---|---|---|
//! | `missing` | content of the reference version with no counterpart in another | error |
//! | `extra` | content of a version with no counterpart in the reference | error |
//! | `moved` | a missing and an extra passage that are the same content, out of order | error |
//! | `number` | a number changed into another (error), present on one side or several differing (warning), small (info) | error / warning / info |
//! | `name` | a Latin-script token or acronym (warning) or a capitalised name (info) some versions have and another lacks | warning / info |
//! | `untranslated` | a sentence left in the reference's language (error), a text identical in two or all versions (warning) | error / warning |
//! | `language` | text in the wrong language: Russian in the Ukrainian version, English in a Cyrillic one | error / warning |
//! | `length` | a version far shorter or longer in a unit than every other version predicts (from the document's own length ratios) | warning |
//! | `confidence` | a unit the aligner is unsure of (warning for one-sentence units, else info) | warning / info |
//! | `structure` | unbalanced brackets (warning); unbalanced quotes, paragraph counts (info) | warning / info |
//!
//! Cross-references that versions add or drop on their own (`Read also: ...`,
//! `Читайте также: ...`) are reported as `info`, not as missing content. Every finding
//! carries its kind, severity, languages, positions (paragraph, sentence and line, all
//! counted from 1) and the texts involved. [`CheckConfig`] lets a team ignore kinds and
//! change their severity.
//!
//! ```
//! use polyalign::lang::Lang;
//! use polyalign::qa::{Checker, Kind, Severity, Version};
//!
//! let en = "On March 26, Kristi Noem visited CECOT.\n\nThe prison holds 40,000 inmates.";
//! let ru = "26 марта Кристи Ноэм посетила CECOT.\n\nВ тюрьме содержится 14 тыс. заключенных.";
//! let report = Checker::default().check(&[
//!     Version::new(Lang::EN, "en.txt", en),
//!     Version::new(Lang::RU, "ru.txt", ru),
//! ])?;
//! let f = &report.findings[0];
//! assert_eq!((f.kind, f.severity), (Kind::Number, Severity::Error));
//! assert!(f.message.contains("40,000"));
//! # Ok::<(), polyalign::qa::CheckError>(())
//! ```

mod checks;
pub mod html;
mod names;
mod script;
pub mod text;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::align::{AlignConfig, AlignError, Aligner, Alignment, Document};
use crate::lang::Lang;

pub use script::russian_ukrainian_marks;

/// What a finding is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Kind {
    /// Content of the reference version with no counterpart in another version.
    Missing,
    /// Content of a version with no counterpart in the reference version.
    Extra,
    /// A passage that is missing in one place and extra in another: moved content.
    Moved,
    /// A number, date, year, percentage or amount that differs.
    Number,
    /// A name or Latin-script token that appears in some versions and not in another.
    Name,
    /// A sentence left untranslated, or identical in two languages.
    Untranslated,
    /// Text in another language than its version's.
    Language,
    /// A length ratio far outside the document's own distribution.
    Length,
    /// A unit the aligner is unsure of.
    Confidence,
    /// Unbalanced quotes or brackets, paragraph counts that differ.
    Structure,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 10] = [
        Kind::Missing,
        Kind::Extra,
        Kind::Moved,
        Kind::Number,
        Kind::Name,
        Kind::Untranslated,
        Kind::Language,
        Kind::Length,
        Kind::Confidence,
        Kind::Structure,
    ];

    /// The kind's name as written on the command line and in reports (`"missing"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Missing => "missing",
            Kind::Extra => "extra",
            Kind::Moved => "moved",
            Kind::Number => "number",
            Kind::Name => "name",
            Kind::Untranslated => "untranslated",
            Kind::Language => "language",
            Kind::Length => "length",
            Kind::Confidence => "confidence",
            Kind::Structure => "structure",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = CheckError;

    /// ```
    /// use polyalign::qa::Kind;
    /// assert_eq!("number".parse::<Kind>().unwrap(), Kind::Number);
    /// assert!("numbers".parse::<Kind>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Kind, CheckError> {
        let s = s.trim().to_ascii_lowercase();
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or(CheckError::UnknownKind(s))
    }
}

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing, usually fine (an aside one version dropped, counts that differ).
    Info,
    /// Probably a problem; a person should look.
    Warning,
    /// A problem to fix before publishing.
    Error,
}

impl Severity {
    /// The severity's name (`"error"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Severity {
    type Err = CheckError;

    fn from_str(s: &str) -> Result<Severity, CheckError> {
        match s.trim().to_ascii_lowercase().as_str() {
            "info" => Ok(Severity::Info),
            "warning" | "warn" => Ok(Severity::Warning),
            "error" => Ok(Severity::Error),
            other => Err(CheckError::UnknownSeverity(other.to_string())),
        }
    }
}

/// Errors of the checker.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    /// Fewer than two versions were given.
    #[error("give at least two versions to compare")]
    TooFewVersions,
    /// The alignment failed.
    #[error(transparent)]
    Align(#[from] AlignError),
    /// A kind name that is not one of [`Kind::ALL`].
    #[error("unknown kind {0:?}: use one of missing, extra, moved, number, name, untranslated, language, length, confidence, structure")]
    UnknownKind(String),
    /// A severity that is not `info`, `warning` or `error`.
    #[error("unknown severity {0:?}: use info, warning or error")]
    UnknownSeverity(String),
    /// The reference index is not one of the versions.
    #[error("the reference version {0} is not one of the versions")]
    BadReference(usize),
}

/// One language version of an article, as given to the checker: the pipeline's one
/// document type ([`Document`]), built from raw text with [`Document::new`] (segmented
/// with the language's rules) or from sentences with [`Document::from_sentences`] (named
/// with [`Document::with_name`]).
pub type Version<'t> = Document<'t>;

/// Settings of the [`Checker`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CheckConfig {
    /// The alignment settings. Default: [`AlignConfig::default`]; its `pivot` (default 0,
    /// the first version) is also the reference version that others are compared to.
    pub align: AlignConfig,
    /// Kinds not to report. Default: none.
    pub ignore: Vec<Kind>,
    /// Severities to use instead of the defaults, per kind (every finding of that kind
    /// gets it). Default: none.
    pub severity_of: Vec<(Kind, Severity)>,
    /// With only the reference to compare to, a unit whose log length ratio is more than
    /// this many robust standard deviations from the document's median is a `length`
    /// finding (with a third version, both others must predict it far off, by 3). Default:
    /// 4.5.
    pub length_deviation: f64,
    /// A unit whose calibrated score (the probability that it is right, see
    /// [`crate::align::calibrate`]) is below this is a `confidence` finding: about one
    /// chance in three that the versions do not match there. Default: 0.65.
    pub min_confidence: f64,
    /// Sentences with fewer letters than this are not checked for their language (names,
    /// bylines, short captions). Default: 16.
    pub min_letters: usize,
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig {
            align: AlignConfig::default(),
            ignore: Vec::new(),
            severity_of: Vec::new(),
            length_deviation: 4.5,
            min_confidence: 0.65,
            min_letters: 16,
        }
    }
}

/// Where a passage is in its version. Every number counts from 1.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Position {
    /// The version's language.
    pub lang: Lang,
    /// Paragraph of the first sentence.
    pub paragraph: usize,
    /// First sentence.
    pub sentence: usize,
    /// Number of sentences (0 when the version has nothing there).
    pub sentences: usize,
    /// Line of the first sentence in the version's text.
    pub line: usize,
}

/// The text of one version in a finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Passage {
    /// The version's language.
    pub lang: Lang,
    /// The sentences, joined by a space (empty when the version has nothing there).
    pub text: String,
}

/// One thing the checker found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    /// What it is about.
    pub kind: Kind,
    /// How serious it is.
    pub severity: Severity,
    /// The languages it concerns (for `missing`, the versions that lack the content).
    pub langs: Vec<Lang>,
    /// The units it concerns (indices into the units of [`Report::alignment`]; empty for the whole document), first to last.
    pub units: std::ops::Range<usize>,
    /// A one-line explanation.
    pub message: String,
    /// Where, in each version that has text there (and where it would be in the others).
    pub positions: Vec<Position>,
    /// The texts involved, one per version.
    pub texts: Vec<Passage>,
}

/// What the checker knows of one version, for reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VersionInfo {
    /// The language.
    pub lang: Lang,
    /// Where the text came from.
    pub name: String,
    /// Number of paragraphs.
    pub paragraphs: usize,
    /// Number of sentences.
    pub sentences: usize,
}

/// The result of a check: the versions, their alignment and the findings.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'t> {
    /// The versions, in the order given.
    pub versions: Vec<VersionInfo>,
    /// The index of the reference version.
    pub reference: usize,
    /// The translation units (sentence ranges per version, with scores).
    #[serde(skip)]
    pub alignment: Alignment,
    /// The findings, in document order (by first unit), errors first within a unit.
    pub findings: Vec<Finding>,
    /// The documents checked (their texts borrowed, not copied).
    #[serde(skip)]
    pub documents: Vec<Document<'t>>,
    /// The line (from 1) of each sentence of each version.
    #[serde(skip)]
    line_of: Vec<Vec<usize>>,
}

impl<'t> Report<'t> {
    /// The findings at or above a severity.
    pub fn at_least(&self, severity: Severity) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(move |f| f.severity >= severity)
    }

    /// How many findings there are per severity: `[info, warning, error]`.
    pub fn counts(&self) -> [usize; 3] {
        let mut n = [0; 3];
        for f in &self.findings {
            n[f.severity as usize] += 1;
        }
        n
    }

    /// How many findings there are of each kind and severity, for kinds that have any.
    pub fn counts_by_kind(&self) -> Vec<(Kind, [usize; 3])> {
        Kind::ALL
            .into_iter()
            .filter_map(|k| {
                let mut n = [0; 3];
                for f in self.findings.iter().filter(|f| f.kind == k) {
                    n[f.severity as usize] += 1;
                }
                (n.iter().sum::<usize>() > 0).then_some((k, n))
            })
            .collect()
    }

    /// The position of sentence `s` of version `v` (or of where it would be, when `s` is
    /// the version's length).
    pub(crate) fn position(&self, v: usize, range: &std::ops::Range<usize>) -> Position {
        let doc = &self.documents[v];
        let s = range.start.min(doc.len().saturating_sub(1));
        Position {
            lang: doc.lang,
            paragraph: if s < doc.len() {
                doc.paragraph(s) + 1
            } else {
                1
            },
            sentence: range.start + 1,
            sentences: range.len(),
            line: self.line_of[v].get(s).copied().unwrap_or(1),
        }
    }

    /// The text of a range of sentences of version `v`, joined by spaces (borrowed for
    /// one sentence).
    pub(crate) fn text(
        &self,
        v: usize,
        range: &std::ops::Range<usize>,
    ) -> std::borrow::Cow<'_, str> {
        self.documents[v].group_text(range)
    }

    /// Sentence `s` of version `v`.
    pub(crate) fn sentence(&self, v: usize, s: usize) -> &str {
        self.documents[v].sentence(s)
    }

    /// The line (from 1) of sentence `s` of version `v`.
    pub(crate) fn line(&self, v: usize, s: usize) -> usize {
        self.line_of[v][s]
    }
}

/// Checks the versions of an article against each other.
#[derive(Debug, Clone, Default)]
pub struct Checker {
    config: CheckConfig,
}

impl Checker {
    /// A checker with these settings.
    pub fn new(config: CheckConfig) -> Self {
        Checker { config }
    }

    /// The settings.
    pub fn config(&self) -> &CheckConfig {
        &self.config
    }

    /// Segments, aligns and checks the versions; the first (or `align.pivot`) is the
    /// reference.
    pub fn check<'t>(&self, versions: &[Version<'t>]) -> Result<Report<'t>, CheckError> {
        if versions.len() < 2 {
            return Err(CheckError::TooFewVersions);
        }
        let reference = self.config.align.pivot;
        if reference >= versions.len() {
            return Err(CheckError::BadReference(reference));
        }
        let alignment = Aligner::new(self.config.align.clone()).align(versions)?;
        let mut report = Report {
            versions: versions
                .iter()
                .map(|d| VersionInfo {
                    lang: d.lang,
                    name: d.name().to_string(),
                    paragraphs: d.paragraph_count(),
                    sentences: d.len(),
                })
                .collect(),
            reference,
            alignment,
            findings: Vec::new(),
            documents: versions.to_vec(),
            line_of: versions.iter().map(Document::lines).collect(),
        };
        // The kinds in `ignore` are left out, and not looked for where nothing else needs them.
        let mut findings = checks::run(&report, &self.config);
        for f in &mut findings {
            if let Some(&(_, s)) = self.config.severity_of.iter().find(|(k, _)| *k == f.kind) {
                f.severity = s;
            }
        }
        findings.sort_by(|a, b| {
            (a.units.start, std::cmp::Reverse(a.severity), a.kind).cmp(&(
                b.units.start,
                std::cmp::Reverse(b.severity),
                b.kind,
            ))
        });
        report.findings = findings;
        Ok(report)
    }
}

#[cfg(test)]
mod tests;
