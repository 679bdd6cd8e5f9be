//! `language` and `untranslated`: text in another language than its version's.
//!
//! Each sentence of enough letters is read for its script, and Cyrillic ones for the
//! marks of Russian and Ukrainian: a sentence in the wrong script that is the reference's
//! text is left untranslated (or, the same in every version, a quotation or a title); one
//! that is not is in the wrong language, as is a Ukrainian sentence with Russian marks and
//! the reverse. Consecutive such sentences make one finding, and their units are left out
//! by the name check and by the identity check, which reports a sentence two versions
//! share word for word (Russian in the Ukrainian version, when the letters tell which).

use std::collections::BTreeSet;
use std::ops::Range;

use super::{Check, Context};
use crate::lang::{script_letters, Lang};
use crate::qa::script::russian_ukrainian_marks;
use crate::qa::{Finding, Kind, Severity};

/// The family of `untranslated` and `language`.
pub(super) struct Language;

impl Check for Language {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Untranslated, Kind::Language]
    }

    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        for (v, runs) in ctx.wrong_language().runs.iter().enumerate() {
            for run in runs.iter().filter(|run| ctx.wants(run.kind)) {
                out.push(ctx.finding(
                    run.kind,
                    run.severity,
                    vec![ctx.lang(v)],
                    run.units.clone(),
                    run.message.clone(),
                ));
            }
        }
        identical(ctx, out);
    }
}

/// Consecutive sentences of one version found in the wrong language, or untranslated.
struct Run {
    /// The units they are in.
    units: Range<usize>,
    /// `language` or `untranslated`.
    kind: Kind,
    /// The severity of the finding.
    severity: Severity,
    /// The message of the finding: the first sentence's, with how many more there are.
    message: String,
}

/// The sentences in the wrong language or left untranslated, per version.
pub(super) struct WrongLanguage {
    /// `runs[v]`: the runs of version `v`, in order.
    runs: Vec<Vec<Run>>,
    /// `flagged[v]`: the units of the runs of version `v`.
    pub(super) flagged: Vec<BTreeSet<usize>>,
}

impl WrongLanguage {
    /// Reads every sentence of every version: a sentence in the wrong script, Russian in
    /// the Ukrainian version and the reverse.
    pub(super) fn new(ctx: &Context) -> Self {
        let mut runs = Vec::with_capacity(ctx.versions());
        let mut flagged = Vec::with_capacity(ctx.versions());
        for v in 0..ctx.versions() {
            let hits = hits(ctx, v);
            let (mut runs_v, mut flagged_v) = (Vec::new(), BTreeSet::new());
            let mut i = 0;
            while i < hits.len() {
                let (u0, kind, severity, ref message) = hits[i];
                let mut j = i + 1;
                let mut end = u0 + 1;
                while j < hits.len()
                    && hits[j].1 == kind
                    && hits[j].2 == severity
                    && hits[j].0 <= end
                {
                    end = hits[j].0 + 1;
                    j += 1;
                }
                let message = if j - i > 1 {
                    format!("{} (and {} more sentences)", message, j - i - 1)
                } else {
                    message.clone()
                };
                flagged_v.extend(u0..end);
                runs_v.push(Run {
                    units: u0..end,
                    kind,
                    severity,
                    message,
                });
                i = j;
            }
            runs.push(runs_v);
            flagged.push(flagged_v);
        }
        WrongLanguage { runs, flagged }
    }
}

/// `(unit, kind, severity, message)` per sentence of version `v` in the wrong language or
/// left untranslated.
fn hits(ctx: &Context, v: usize) -> Vec<(usize, Kind, Severity, String)> {
    let r = ctx.reference();
    let lang = ctx.lang(v);
    let doc = &ctx.report.documents[v];
    let mut hits: Vec<(usize, Kind, Severity, String)> = Vec::new();
    for (s, text) in doc.sentences().enumerate() {
        let letters = script_letters(text);
        if letters.letters < ctx.config.min_letters {
            continue;
        }
        let u = ctx.unit_of[v][s];
        let cyrillic = lang.is_cyrillic();
        if letters.foreign(lang) {
            let script = if cyrillic { "Latin" } else { "Cyrillic" };
            // The reference's text there, whole or one of its sentences, in this unit
            // or a neighbour (a sentence left untranslated may be aligned off by one).
            let units = &ctx.report.alignment.units;
            let near = units[u.saturating_sub(1)].groups[r].start
                ..units[(u + 1).min(units.len() - 1)].groups[r].end;
            let same_as_ref = v != r
                && (similar(text, &ctx.texts[u][r])
                    || near
                        .clone()
                        .any(|t| similar(text, ctx.report.sentence(r, t))));
            // The same text in every version is most often deliberate: a quotation
            // in a third language, a title.
            let everywhere = same_as_ref
                && (0..ctx.versions()).all(|w| similar(&ctx.texts[u][w], &ctx.texts[u][r]));
            if everywhere {
                hits.push((
                    u,
                    Kind::Untranslated,
                    Severity::Warning,
                    format!(
                        "{lang} sentence {} is the same in every version: a quotation or a title?",
                        s + 1
                    ),
                ));
            } else if same_as_ref {
                hits.push((
                    u,
                    Kind::Untranslated,
                    Severity::Error,
                    format!(
                        "{lang} sentence {} is left in {} (untranslated)",
                        s + 1,
                        ctx.lang(r).name()
                    ),
                ));
            } else {
                hits.push((
                    u,
                    Kind::Language,
                    Severity::Error,
                    format!(
                        "{lang} sentence {} is in {script} script, not {}",
                        s + 1,
                        lang.name()
                    ),
                ));
            }
            continue;
        }
        if lang != Lang::UK && lang != Lang::RU {
            continue;
        }
        let (ru, uk) = russian_ukrainian_marks(text);
        let (own, foreign, other) = if lang == Lang::UK {
            (uk, ru, Lang::RU)
        } else {
            (ru, uk, Lang::UK)
        };
        let severity = if foreign >= 3 && own == 0 {
            Severity::Error
        } else if foreign >= 5 && foreign >= 3 * own {
            Severity::Warning
        } else {
            continue;
        };
        hits.push((
            u,
            Kind::Language,
            severity,
            format!(
                "{lang} sentence {} reads as {}, not {}{}",
                s + 1,
                other.name(),
                lang.name(),
                match (0..ctx.versions()).find(|&w| ctx.lang(w) == other) {
                    Some(w) if ctx.texts[u][w].contains(text) => {
                        format!(" (the same as the {other} version)")
                    }
                    _ => String::new(),
                }
            ),
        ));
    }
    hits
}

/// A text with its spaces collapsed and its letters in lower case.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether two texts are the same after folding case and spaces, or nearly so.
fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || strsim::normalized_levenshtein(&a, &b) >= 0.8
}

/// `untranslated`: a unit whose text is identical in two versions (not only names and
/// numbers); `language` when the versions are Russian and Ukrainian and the letters say
/// which one holds the other's text. Units either version has in the wrong language
/// ([`Context::flagged`]) are left out.
fn identical(ctx: &Context, out: &mut Vec<Finding>) {
    let units = &ctx.report.alignment.units;
    let substantial = |t: &str| {
        let words = t
            .split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_lowercase()).count() >= 3)
            .count();
        words >= 3
            && t.chars().filter(|&c| crate::lang::is_letter(c)).count() >= ctx.config.min_letters
    };
    for (u, unit) in units.iter().enumerate() {
        for a in 0..ctx.versions() {
            for b in a + 1..ctx.versions() {
                let (la, lb) = (ctx.lang(a), ctx.lang(b));
                // Russian and Ukrainian never share a whole sentence: the letters and words
                // say which language it is, and so which version holds the other's text.
                let pair = [la, lb];
                let ru_uk = pair.contains(&Lang::RU) && pair.contains(&Lang::UK);
                // Any other pair can only be `untranslated`.
                if !ru_uk && !ctx.wants(Kind::Untranslated) {
                    continue;
                }
                if ctx.flagged(a).contains(&u) || ctx.flagged(b).contains(&u) {
                    continue;
                }
                // A sentence of one version that is a sentence of the other, word for word.
                let (da, db) = (&ctx.report.documents[a], &ctx.report.documents[b]);
                let Some(same) = unit.groups[a].clone().map(|x| da.sentence(x)).find(|x| {
                    substantial(x)
                        && unit.groups[b]
                            .clone()
                            .any(|y| fold(x) == fold(db.sentence(y)))
                }) else {
                    continue;
                };
                let guilty = if ru_uk {
                    let (ru, uk) = russian_ukrainian_marks(same);
                    let in_uk = if la == Lang::UK { a } else { b };
                    let in_ru = if la == Lang::RU { a } else { b };
                    let letters = same.chars().filter(|&c| crate::lang::is_letter(c)).count();
                    match ru.cmp(&uk) {
                        std::cmp::Ordering::Greater => Some(in_uk),
                        std::cmp::Ordering::Less => Some(in_ru),
                        // Neither language's marks: `і` is about one Ukrainian letter in
                        // twenty, so 30 letters without `і ї є ґ` are Russian far more often.
                        std::cmp::Ordering::Equal if letters >= 30 => Some(in_uk),
                        std::cmp::Ordering::Equal => None,
                    }
                } else {
                    None
                };
                let (kind, severity, langs, message) = match guilty {
                    Some(g) => {
                        let other = if g == a { b } else { a };
                        (
                            Kind::Language,
                            Severity::Error,
                            vec![ctx.lang(g)],
                            format!(
                                "a {} sentence is the {} version's, word for word: {} text in the {} version",
                                ctx.lang(g),
                                ctx.lang(other),
                                ctx.lang(other).name(),
                                ctx.lang(g).name()
                            ),
                        )
                    }
                    None => (
                        Kind::Untranslated,
                        Severity::Warning,
                        vec![la, lb],
                        format!(
                            "the {la} and {lb} texts are identical: is one of them untranslated?"
                        ),
                    ),
                };
                if ctx.wants(kind) {
                    out.push(ctx.finding(kind, severity, langs, u..u + 1, message));
                }
            }
        }
    }
}
