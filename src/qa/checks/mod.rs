//! The checks over an aligned [`Report`], one family of kinds per file behind one trait.
//!
//! A family ([`Check`]) looks at the translation units and reports findings of the kinds
//! it [covers](Check::kinds); [`FAMILIES`] lists them in report order. [`run`] gives every
//! family the same [`Context`] (the report, the settings, the text of each version in each
//! unit) and runs only the families that can report a kind the settings do not ignore;
//! inside a family, the work of an ignored kind is skipped where it does not decide the
//! findings of another kind (a missing passage is still looked for when only `extra` and
//! `moved` are wanted, as pairing it with an extra one turns both into `moved`).
//!
//! | family | file | kinds |
//! |---|---|---|
//! | content with no counterpart | `missing.rs` | `missing`, `extra`, `moved` |
//! | numbers | `numbers.rs` | `number` |
//! | names | `names.rs` | `name` |
//! | language | `language.rs` | `untranslated`, `language` |
//! | lengths | `length.rs` | `length`, `confidence` |
//! | structure | `structure.rs` | `structure` |
//!
//! What several families need is computed once, here: the joined text of every unit, the
//! unit of every sentence, positions and texts of a finding, and the units whose text is
//! in the wrong language (found by the language family, left out by the name and identity
//! checks), computed on first use.

mod language;
mod length;
mod missing;
mod names;
mod numbers;
mod spread;
mod structure;

use std::borrow::Cow;
use std::sync::OnceLock;

use rayon::prelude::*;
use std::collections::BTreeSet;
use std::ops::Range;

use super::{CheckConfig, Finding, Kind, Passage, Report, Severity};
use crate::lang::Lang;

#[cfg(test)]
pub(super) use numbers::spelled_numbers;
#[cfg(test)]
pub(super) use structure::unbalanced;

/// A family of checks: the kinds it reports, and how it finds them.
pub(super) trait Check: Sync {
    /// The kinds of the findings it may report.
    fn kinds(&self) -> &'static [Kind];

    /// Appends its findings to `out`. It may skip the work of a kind that `ctx` does not
    /// [want](Context::wants), or report it anyway: [`run`] drops those.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>);
}

/// The families, in report order.
const FAMILIES: [&dyn Check; 6] = [
    &missing::Missing,
    &numbers::Numbers,
    &names::Names,
    &language::Language,
    &length::Lengths,
    &structure::Structure,
];

/// Runs every family that can report a kind not in `config.ignore`; returns the findings
/// of the kinds not ignored.
pub(super) fn run(report: &Report, config: &CheckConfig) -> Vec<Finding> {
    let ctx = Context::new(report, config);
    // The families read the context only: they run in parallel, and their findings come
    // out in the families' order, whatever the number of threads.
    let found: Vec<Vec<Finding>> = FAMILIES
        .par_iter()
        .map(|family| {
            let mut out = Vec::new();
            if family.kinds().iter().any(|&k| ctx.wants(k)) {
                family.run(&ctx, &mut out);
            }
            out
        })
        .collect();
    let mut out = merge_alike(found.concat());
    out.retain(|f| ctx.wants(f.kind));
    out
}

/// One finding per fault: findings of the same kind, severity, units and message (the
/// same sentences missing in two versions) become one that names every version it
/// concerns, in the place of the first.
fn merge_alike(findings: Vec<Finding>) -> Vec<Finding> {
    use std::collections::HashMap;
    let mut first: HashMap<(Kind, Severity, usize, usize, String), usize> = HashMap::new();
    let mut out: Vec<Finding> = Vec::with_capacity(findings.len());
    for f in findings {
        let key = (
            f.kind,
            f.severity,
            f.units.start,
            f.units.end,
            f.message.clone(),
        );
        match first.get(&key) {
            Some(&k) => {
                for lang in f.langs {
                    if !out[k].langs.contains(&lang) {
                        out[k].langs.push(lang);
                    }
                }
            }
            None => {
                first.insert(key, out.len());
                out.push(f);
            }
        }
    }
    out
}

/// The report with per-unit texts precomputed, and the settings.
pub(super) struct Context<'r> {
    report: &'r Report<'r>,
    config: &'r CheckConfig,
    /// `texts[u][v]`: the text of version `v` in unit `u` (empty when it has none;
    /// borrowed from the document for one sentence).
    texts: Vec<Vec<Cow<'r, str>>>,
    /// `unit_of[v][s]`: the unit of sentence `s` of version `v`.
    unit_of: Vec<Vec<usize>>,
    /// The sentences in the wrong language, computed on first use.
    wrong_language: OnceLock<language::WrongLanguage>,
    /// The length statistics, computed on first use.
    spread: OnceLock<spread::Spread>,
}

impl<'r> Context<'r> {
    fn new(report: &'r Report<'r>, config: &'r CheckConfig) -> Self {
        let units = &report.alignment.units;
        let texts = units
            .iter()
            .map(|u| {
                u.groups
                    .iter()
                    .enumerate()
                    .map(|(v, g)| report.text(v, g))
                    .collect()
            })
            .collect();
        let unit_of = (0..report.versions.len())
            .map(|v| {
                let mut of = vec![0; report.versions[v].sentences];
                for (i, u) in units.iter().enumerate() {
                    for s in u.groups[v].clone() {
                        of[s] = i;
                    }
                }
                of
            })
            .collect();
        Context {
            report,
            config,
            texts,
            unit_of,
            wrong_language: OnceLock::new(),
            spread: OnceLock::new(),
        }
    }

    /// Whether findings of `kind` are reported (not in `config.ignore`).
    fn wants(&self, kind: Kind) -> bool {
        !self.config.ignore.contains(&kind)
    }

    fn versions(&self) -> usize {
        self.report.versions.len()
    }

    fn lang(&self, v: usize) -> Lang {
        self.report.versions[v].lang
    }

    fn reference(&self) -> usize {
        self.report.reference
    }

    /// The sentences of version `v` in units `units`.
    fn span(&self, v: usize, units: &Range<usize>) -> Range<usize> {
        let all = &self.report.alignment.units;
        let start = all[units.start].groups[v].start;
        let end = all[units.end - 1].groups[v].end;
        start..end.max(start)
    }

    /// The sentences in the wrong language or left untranslated, per version.
    fn wrong_language(&self) -> &language::WrongLanguage {
        self.wrong_language
            .get_or_init(|| language::WrongLanguage::new(self))
    }

    /// The length statistics of the versions.
    fn spread(&self) -> &spread::Spread {
        self.spread.get_or_init(|| spread::Spread::new(self))
    }

    /// The units where version `v`'s text is in the wrong language: the name and identity
    /// checks leave them out.
    fn flagged(&self, v: usize) -> &BTreeSet<usize> {
        &self.wrong_language().flagged[v]
    }

    /// A finding over `units`, with the positions and texts of every version.
    fn finding(
        &self,
        kind: Kind,
        severity: Severity,
        langs: Vec<Lang>,
        units: Range<usize>,
        message: String,
    ) -> Finding {
        let mut positions = Vec::new();
        let mut texts = Vec::new();
        if !units.is_empty() {
            for v in 0..self.versions() {
                let span = self.span(v, &units);
                positions.push(self.report.position(v, &span));
                texts.push(Passage {
                    lang: self.lang(v),
                    text: self.report.text(v, &span).into_owned(),
                });
            }
        }
        Finding {
            kind,
            severity,
            langs,
            units,
            message,
            positions,
            texts,
        }
    }
}

/// `"1 sentence"`, `"2 sentences"`.
fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The length of a text in characters other than spaces.
fn chars(text: &str) -> f64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as f64
}

/// The median of `xs` (sorts them).
fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

#[cfg(test)]
mod tests;
