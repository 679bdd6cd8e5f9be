//! `length` and `confidence`: units whose length ratio is far from the document's own,
//! and units the aligner scored low.
//!
//! For each version, the log ratio of its length to the reference's in every complete
//! unit is compared with the document's median, in robust standard deviations
//! (`CheckConfig::length_deviation`). A complete unit scored below
//! `CheckConfig::min_confidence` that is not a `length` finding already is a `confidence`
//! one: a warning when every version has one sentence there.

use std::collections::BTreeSet;

use super::{chars, median, Check, Context};
use crate::qa::{Finding, Kind, Severity};

/// The family of `length` and `confidence`.
pub(super) struct Lengths;

impl Check for Lengths {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Length, Kind::Confidence]
    }

    /// The lengths are measured even when `length` is ignored: a unit far out is not a
    /// `confidence` finding.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let flagged = lengths(ctx, out);
        if ctx.wants(Kind::Confidence) {
            confidence(ctx, &flagged, out);
        }
    }
}

/// Whether every version has text in unit `u`.
fn complete(ctx: &Context, u: usize) -> bool {
    ctx.report.alignment.units[u]
        .groups
        .iter()
        .all(|g| !g.is_empty())
}

/// `length`: the units whose length ratio is far from the document's own; returns them.
fn lengths(ctx: &Context, out: &mut Vec<Finding>) -> BTreeSet<usize> {
    let r = ctx.reference();
    let units = &ctx.report.alignment.units;
    let mut flagged = BTreeSet::new();
    for v in (0..ctx.versions()).filter(|&v| v != r) {
        let ratios: Vec<(usize, f64, f64, f64)> = (0..units.len())
            .filter(|&u| complete(ctx, u))
            .map(|u| {
                let (a, b) = (chars(&ctx.texts[u][r]), chars(&ctx.texts[u][v]));
                (u, a, b, ((b + 1.0) / (a + 1.0)).ln())
            })
            .collect();
        if ratios.len() < 6 {
            continue;
        }
        let mut xs: Vec<f64> = ratios.iter().map(|x| x.3).collect();
        let med = median(&mut xs);
        let mut dev: Vec<f64> = xs.iter().map(|x| (x - med).abs()).collect();
        let sigma = (1.4826 * median(&mut dev)).max(0.08);
        for &(u, a, b, x) in &ratios {
            let z = (x - med) / sigma;
            // Far out in the document's own terms, and by at least 30 characters: terse
            // headlines are not suspicious.
            let expected = (a + 1.0) * med.exp() - 1.0;
            if z.abs() <= ctx.config.length_deviation
                || (x - med).abs() < 0.5
                || (b - expected).abs() < 30.0
            {
                continue;
            }
            flagged.insert(u);
            if !ctx.wants(Kind::Length) {
                continue;
            }
            let (short, long) = if x < med { (v, r) } else { (r, v) };
            let message = format!(
                "{} is {:.1}× shorter than {} here ({} {} and {} {} characters; the document's median {}/{} ratio is {:.2})",
                ctx.lang(short),
                ((x - med).abs()).exp(),
                ctx.lang(long),
                ctx.lang(r),
                a,
                ctx.lang(v),
                b,
                ctx.lang(v),
                ctx.lang(r),
                med.exp()
            );
            out.push(ctx.finding(
                Kind::Length,
                Severity::Warning,
                vec![ctx.lang(v)],
                u..u + 1,
                message,
            ));
        }
    }
    flagged
}

/// `confidence`: complete units not `flagged` for their length that the aligner scored
/// below `min_confidence`.
fn confidence(ctx: &Context, flagged: &BTreeSet<usize>, out: &mut Vec<Finding>) {
    let units = &ctx.report.alignment.units;
    for (u, unit) in units.iter().enumerate() {
        if complete(ctx, u) && !flagged.contains(&u) && unit.score < ctx.config.min_confidence {
            // One sentence in every version that the aligner still doubts: the versions
            // probably say different things. Splits and merges score lower by nature.
            let single = unit.groups.iter().all(|g| g.len() == 1);
            let message = format!(
                "the aligner is unsure of this unit (score {:.2}): check that the versions match here",
                unit.score
            );
            let severity = if single {
                Severity::Warning
            } else {
                Severity::Info
            };
            let langs = ctx.report.versions.iter().map(|v| v.lang).collect();
            out.push(ctx.finding(Kind::Confidence, severity, langs, u..u + 1, message));
        }
    }
}
