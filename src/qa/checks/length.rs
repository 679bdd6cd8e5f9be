//! `length` and `confidence`: units whose length ratio is far from the document's own,
//! and units the aligner scored low.
//!
//! A version far shorter or longer in a unit than every other version there predicts
//! (see `spread.rs`: with three versions, two others must agree; with the reference alone,
//! `CheckConfig::length_deviation` robust deviations) is a `length` finding, unless it also
//! has fewer or more sentences there, which the `missing` family reports. A complete unit scored below
//! `CheckConfig::min_confidence` that is not a `length` finding already is a `confidence`
//! one: a warning when every version has one sentence there.

use std::collections::BTreeSet;

use super::spread::{Bar, Class, Found};
use super::{Check, Context};

/// Two versions that predict a length agree that it is far off: three robust deviations
/// and a third shorter or longer.
const AGREED: Bar = Bar { z: 2.5, log: 0.3 };
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

/// `length`: the units where a version is out of line with the others
/// ([`Spread::out_of_line_units`](super::spread::Spread::out_of_line_units)) and the
/// `missing` family does not report it ([`Class::Length`]); returns them.
fn lengths(ctx: &Context, out: &mut Vec<Finding>) -> BTreeSet<usize> {
    let spread = ctx.spread();
    let mut flagged = BTreeSet::new();
    let alone = Bar {
        z: ctx.config.length_deviation,
        log: 0.5,
    };
    for Found {
        u,
        v,
        o,
        class,
        others,
    } in spread.out_of_line_units(ctx, alone, AGREED)
    {
        if class != Class::Length {
            continue;
        }
        flagged.insert(u);
        if !ctx.wants(Kind::Length) {
            continue;
        }
        let factor = if o.long {
            (o.got + 1.0) / (o.expected + 1.0)
        } else {
            (o.expected + 1.0) / (o.got + 1.0)
        };
        let message = format!(
            "{} is {factor:.1}× {} than {} predict{} here ({} characters where {:.0} are expected)",
            ctx.lang(v),
            if o.long { "longer" } else { "shorter" },
            others
                .iter()
                .map(|&w| ctx.lang(w).to_string())
                .collect::<Vec<_>>()
                .join(" and "),
            if others.len() == 1 { "s" } else { "" },
            o.got,
            o.expected
        );
        out.push(ctx.finding(
            Kind::Length,
            Severity::Warning,
            vec![ctx.lang(v)],
            u..u + 1,
            message,
        ));
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
