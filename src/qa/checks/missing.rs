//! `missing`, `extra` and `moved`: content of one version with no counterpart in another.
//!
//! A run of units where the same versions have nothing is `missing` in those versions
//! when the reference has text there, else `extra` in the versions that have some; a
//! cross-reference (`Read also: ...`) only one side has is information. A missing and an
//! extra passage of one version with the same numbers and names are one passage `moved`.
//! A version that merges two reference sentences into one far shorter than they predict
//! probably lacks one of them: a `missing` warning.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::{chars, median, plural, Check, Context};
use crate::anchors::asides::is_aside;
use crate::anchors::numbers::number_tokens;
use crate::anchors::translit::{skeleton, to_latin};
use crate::lang::Lang;
use crate::qa::{Finding, Kind, Severity};

/// The family of `missing`, `extra` and `moved`.
pub(super) struct Missing;

impl Check for Missing {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Missing, Kind::Extra, Kind::Moved]
    }

    /// Missing and extra passages are all looked for, whatever is ignored: pairing them
    /// decides which are `moved`. Only the merged omissions, all `missing`, are skipped
    /// when `missing` is ignored.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let mut found = absent(ctx);
        pair_moved(ctx, &mut found);
        if ctx.wants(Kind::Missing) {
            merged_omissions(ctx, &mut found);
        }
        out.extend(found.into_iter().map(|(f, _)| f));
    }
}

fn lang_list(langs: &[Lang]) -> String {
    langs
        .iter()
        .map(|l| l.code())
        .collect::<Vec<_>>()
        .join(", ")
}

/// `"2 sentences of en (paragraph 4, line 7) have no counterpart in ru, uk"`: what version
/// `v` has in `units` and the others lack.
fn no_counterpart(
    ctx: &Context,
    v: usize,
    units: &Range<usize>,
    what: &str,
    others: &str,
) -> String {
    let span = ctx.span(v, units);
    let pos = ctx.report.position(v, &span);
    format!(
        "{} of {} (paragraph {}, line {}) {} no counterpart in {others}",
        plural(span.len(), what, &format!("{what}s")),
        ctx.lang(v),
        pos.paragraph,
        pos.line,
        if span.len() == 1 { "has" } else { "have" },
    )
}

/// `missing` and `extra`: units where some version has nothing, each finding with the
/// version it concerns.
fn absent(ctx: &Context) -> Vec<(Finding, usize)> {
    let units = &ctx.report.alignment.units;
    let r = ctx.reference();
    let absent_of = |u: usize| -> Vec<usize> {
        (0..ctx.versions())
            .filter(|&v| units[u].groups[v].is_empty())
            .collect()
    };
    let mut found: Vec<(Finding, usize)> = Vec::new(); // with the version it concerns
    let mut i = 0;
    while i < units.len() {
        let absent = absent_of(i);
        if absent.is_empty() {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < units.len() && absent_of(j) == absent {
            j += 1;
        }
        let range = i..j;
        let present: Vec<usize> = (0..ctx.versions())
            .filter(|v| !absent.contains(v))
            .collect();
        let aside = range
            .clone()
            .flat_map(|u| present.iter().map(move |&v| (u, v)))
            .all(|(u, v)| {
                let g = &units[u].groups[v];
                g.clone().all(|s| is_aside(ctx.report.sentence(v, s)))
            });
        let severity = if aside {
            Severity::Info
        } else {
            Severity::Error
        };
        let langs_of = |vs: &[usize]| vs.iter().map(|&v| ctx.lang(v)).collect::<Vec<_>>();
        let what = if aside { "cross-reference" } else { "sentence" };
        if !absent.contains(&r) {
            let message = no_counterpart(ctx, r, &range, what, &lang_list(&langs_of(&absent)));
            for &v in &absent {
                let f = ctx.finding(
                    Kind::Missing,
                    severity,
                    vec![ctx.lang(v)],
                    range.clone(),
                    message.clone(),
                );
                found.push((f, v));
            }
        } else {
            for &v in &present {
                let message = no_counterpart(ctx, v, &range, what, ctx.lang(r).code());
                let f = ctx.finding(
                    Kind::Extra,
                    severity,
                    vec![ctx.lang(v)],
                    range.clone(),
                    message,
                );
                found.push((f, v));
            }
        }
        i = j;
    }
    found
}

/// The median ratio of the lengths of version `v` to the reference's, over the units
/// that both fill with one sentence (1.0 when there are fewer than 5 such units).
fn median_ratio(ctx: &Context, v: usize) -> f64 {
    let r = ctx.reference();
    let units = &ctx.report.alignment.units;
    let mut xs: Vec<f64> = units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.groups[r].len() == 1 && u.groups[v].len() == 1)
        .map(|(i, _)| (chars(&ctx.texts[i][v]) + 1.0) / (chars(&ctx.texts[i][r]) + 1.0))
        .collect();
    if xs.len() < 5 {
        return 1.0;
    }
    median(&mut xs)
}

/// A sentence left out next to another one is often aligned as a merge (2-1): a version
/// with fewer sentences than the reference in a unit, and far shorter than their length
/// predicts, probably lacks one of them. The reference sentence whose length best
/// explains the gap is reported as missing, as a warning.
fn merged_omissions(ctx: &Context, found: &mut Vec<(Finding, usize)>) {
    let r = ctx.reference();
    let units = &ctx.report.alignment.units;
    for v in (0..ctx.versions()).filter(|&v| v != r) {
        let ratio = median_ratio(ctx, v);
        for (u, unit) in units.iter().enumerate() {
            let (gr, gv) = (&unit.groups[r], &unit.groups[v]);
            if gv.is_empty() || gv.len() >= gr.len() {
                continue;
            }
            let lens: Vec<f64> = gr
                .clone()
                .map(|s| chars(ctx.report.sentence(r, s)))
                .collect();
            let expected = lens.iter().sum::<f64>() * ratio;
            let got = chars(&ctx.texts[u][v]);
            let gap = expected - got;
            if got > 0.75 * expected || gap < 30.0 {
                continue;
            }
            // The sentence whose expected length is closest to the gap.
            let Some((i, _)) = lens
                .iter()
                .enumerate()
                .map(|(i, l)| (i, (l * ratio - gap).abs()))
                .min_by(|a, b| a.1.total_cmp(&b.1))
            else {
                continue;
            };
            let s = gr.start + i;
            let mut f = ctx.finding(
                Kind::Missing,
                Severity::Warning,
                vec![ctx.lang(v)],
                u..u + 1,
                String::new(),
            );
            let span = s..s + 1;
            let pos = ctx.report.position(r, &span);
            f.message = format!(
                "{} has {} sentence{} where {} has {}, and {:.0}% of the expected length: sentence {} of {} (paragraph {}, line {}) may have no counterpart",
                ctx.lang(v),
                gv.len(),
                if gv.len() == 1 { "" } else { "s" },
                ctx.lang(r),
                gr.len(),
                100.0 * got / expected,
                s + 1,
                ctx.lang(r),
                pos.paragraph,
                pos.line
            );
            f.positions[r] = pos;
            f.texts[r].text = ctx.report.sentence(r, s).to_string();
            found.push((f, v));
        }
    }
}

/// Numbers and name keys of a text, the anchors that say two passages are one content.
fn anchors(text: &str, lang: Lang) -> BTreeSet<String> {
    let mut set: BTreeSet<String> = number_tokens(text, lang)
        .into_iter()
        .filter(|t| t.len() >= 2 && !t.starts_with('m'))
        .collect();
    for w in text.split(|c: char| !c.is_alphanumeric()) {
        if w.chars().count() >= 3 && w.chars().next().is_some_and(char::is_uppercase) {
            let latin = to_latin(w, lang).to_lowercase();
            set.insert(format!("n:{}", skeleton(&latin)));
        }
    }
    set
}

/// A passage missing in version `v` at one place and extra in `v` at another, with the
/// same numbers and names, is moved content: both findings become `moved`.
///
/// The anchors of each extra passage are read once, and an index from anchor to passages
/// finds the candidates of each missing one, so that a long document's thousands of
/// findings are not compared two by two.
fn pair_moved(ctx: &Context, found: &mut [(Finding, usize)]) {
    let r = ctx.reference();
    let mut extras: Vec<Option<(BTreeSet<String>, Range<usize>)>> = vec![None; found.len()];
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    for (b, (f, v)) in found.iter().enumerate() {
        if f.kind != Kind::Extra {
            continue;
        }
        let span_v = ctx.span(*v, &f.units);
        let va = anchors(&ctx.report.text(*v, &span_v), ctx.lang(*v));
        for k in &va {
            index.entry(k.clone()).or_default().push(b);
        }
        extras[b] = Some((va, span_v));
    }
    for a in 0..found.len() {
        if found[a].0.kind != Kind::Missing || found[a].0.severity != Severity::Error {
            continue;
        }
        let v = found[a].1;
        let span_r = ctx.span(r, &found[a].0.units);
        let ra = anchors(&ctx.report.text(r, &span_r), ctx.lang(r));
        if ra.len() < 2 {
            continue;
        }
        // Shared anchors per extra passage of `v` still extra (a passage pairs once).
        let mut shared_with: HashMap<usize, usize> = HashMap::new();
        for k in &ra {
            for &b in index.get(k).map(Vec::as_slice).unwrap_or_default() {
                if found[b].1 == v && found[b].0.kind == Kind::Extra {
                    *shared_with.entry(b).or_default() += 1;
                }
            }
        }
        let best = shared_with
            .into_iter()
            .max_by_key(|&(b, n)| (n, std::cmp::Reverse(b)));
        let Some((b, shared)) = best else {
            continue;
        };
        let span_v = extras[b].as_ref().map(|e| e.1.clone()).unwrap_or_default();
        if shared * 2 < ra.len() {
            continue;
        }
        let pr = ctx.report.position(r, &span_r);
        let pv = ctx.report.position(v, &span_v);
        let message = format!(
            "paragraph {} of {} (line {}) is at paragraph {} of {} (line {}): moved, out of order",
            pr.paragraph,
            ctx.lang(r),
            pr.line,
            pv.paragraph,
            ctx.lang(v),
            pv.line
        );
        for i in [a, b] {
            found[i].0.kind = Kind::Moved;
            found[i].0.message = message.clone();
        }
    }
}
