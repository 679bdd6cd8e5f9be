//! The JSON report of `polyalign check`, as a serialisable type.
//!
//! Its fields are stable: `versions`, `reference`, `summary` (`units`, counts per
//! severity, `by_kind`, the `severity` shown and how many findings are `shown`) and
//! `findings` (each with `kind`, `severity`, `langs`, `units`, `message`, `positions` and
//! `texts[].{lang,text}`).
//!
//! ```
//! use polyalign::formats::report::JsonReport;
//! use polyalign::lang::Lang;
//! use polyalign::qa::{Checker, Severity, Version};
//!
//! let report = Checker::default().check(&[
//!     Version::new(Lang::EN, "en.txt", "The prison holds 40,000 inmates."),
//!     Version::new(Lang::RU, "ru.txt", "В тюрьме содержится 14 тыс. заключенных."),
//! ])?;
//! let json = JsonReport::new(&report, Severity::Warning).to_json();
//! assert_eq!(json["summary"]["error"], 1);
//! assert_eq!(json["findings"][0]["kind"], "number");
//! assert_eq!(json["versions"][1]["name"], "ru.txt");
//! # Ok::<(), polyalign::qa::CheckError>(())
//! ```

use std::collections::BTreeMap;

use serde::Serialize;

use crate::qa::{Finding, Report, Severity, VersionInfo};

/// Counts of findings per severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Errors.
    pub error: usize,
    /// Information.
    pub info: usize,
    /// Warnings.
    pub warning: usize,
}

impl Counts {
    fn new([info, warning, error]: [usize; 3]) -> Self {
        Counts {
            error,
            warning,
            info,
        }
    }
}

/// The summary of a report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Summary {
    /// Counts per kind that has any finding.
    pub by_kind: BTreeMap<&'static str, Counts>,
    /// Errors found (shown or not).
    pub error: usize,
    /// Information found.
    pub info: usize,
    /// The lowest severity shown.
    pub severity: Severity,
    /// How many findings are shown (at or above `severity`).
    pub shown: usize,
    /// Translation units of the alignment.
    pub units: usize,
    /// Warnings found.
    pub warning: usize,
}

/// The JSON report: the versions, a summary and the findings at or above a severity.
#[derive(Debug, Clone, Serialize)]
///
/// Fields are written in alphabetical order, as they always were.
pub struct JsonReport<'r> {
    /// The findings shown.
    pub findings: Vec<&'r Finding>,
    /// The record id, in JSONL pipeline mode.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<serde_json::Value>,
    /// The index of the reference version.
    pub reference: usize,
    /// Counts.
    pub summary: Summary,
    /// The versions, in the order given.
    pub versions: &'r [VersionInfo],
}

impl<'r> JsonReport<'r> {
    /// The report of `report`, showing findings at or above `min`.
    pub fn new(report: &'r Report<'_>, min: Severity) -> Self {
        let findings: Vec<&Finding> = report.at_least(min).collect();
        let c = Counts::new(report.counts());
        JsonReport {
            versions: &report.versions,
            reference: report.reference,
            summary: Summary {
                units: report.alignment.units.len(),
                error: c.error,
                warning: c.warning,
                info: c.info,
                by_kind: report
                    .counts_by_kind()
                    .into_iter()
                    .map(|(k, n)| (k.as_str(), Counts::new(n)))
                    .collect(),
                severity: min,
                shown: findings.len(),
            },
            findings,
            id: None,
        }
    }

    /// The report as a JSON value, every object's keys in alphabetical order (the order
    /// `check --format json` writes).
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::to_value(self).unwrap_or(serde_json::Value::Null)
    }

    /// The same report with a record id (JSONL pipeline mode).
    pub fn with_id(mut self, id: serde_json::Value) -> Self {
        self.id = Some(id);
        self
    }
}
