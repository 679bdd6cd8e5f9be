//! `missing`, `extra` and `moved`: content of one version with no counterpart in another.
//!
//! A run of units where the same versions have nothing is `missing` in those versions
//! when the reference has text there, else `extra` in the versions that have some; a
//! cross-reference (`Read also: ...`) only one side has is information. A missing and an
//! extra passage of one version with the same numbers and names are one passage `moved`.
//! A version with fewer sentences than another in a unit and far shorter than the others
//! predict (a merge that hides an omission) lacks one: `missing`; with more sentences and
//! far longer, it has one of its own: `extra`. A sentence a version repeats within a few
//! sentences, where the others do not, is `extra`.

use std::ops::Range;

use rayon::prelude::*;

use super::spread::{Bar, Class, Found};
use super::{chars, plural, Check, Context};
use crate::align::features::{hash, shared};
use crate::anchors::asides::is_aside;
use crate::anchors::numbers::number_tokens;
use crate::anchors::translit::{skeleton_into, to_latin};
use crate::lang::Lang;
use crate::qa::{Finding, Kind, Severity};

/// The family of `missing`, `extra` and `moved`.
pub(super) struct Missing;

impl Check for Missing {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Missing, Kind::Extra, Kind::Moved]
    }

    /// Missing and extra passages are all looked for, whatever is ignored: pairing them
    /// decides which are `moved`; [`run`](super::run) drops the kinds not wanted.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let mut found = absent(ctx);
        pair_moved(ctx, &mut found);
        out_of_line(ctx, &mut found);
        repeated(ctx, &mut found);
        crossed(ctx, &mut found);
        out.extend(merge_extra(ctx, found));
    }
}

/// One finding per fault: the passages of several versions that the reference lacks in
/// the same units (`ru` and `uk` both add a sentence) become one `extra` finding naming
/// every version.
fn merge_extra(ctx: &Context, found: Vec<(Finding, usize)>) -> Vec<Finding> {
    let suffix = format!(" no counterpart in {}", ctx.lang(ctx.reference()));
    let mut out: Vec<Finding> = Vec::with_capacity(found.len());
    for (f, _) in found {
        let mergeable = |g: &Finding| {
            g.kind == Kind::Extra
                && g.message.ends_with(&suffix)
                && g.message.starts_with(|c: char| c.is_ascii_digit())
        };
        if mergeable(&f) {
            if let Some(prev) = out
                .iter_mut()
                .rev()
                .take(ctx.versions())
                .find(|g| mergeable(g) && g.units == f.units && g.severity == f.severity)
            {
                // `2 sentences of ru (paragraph 6, line 11)` and `1 sentence of uk (...)`.
                let cut = |m: &str| {
                    m.trim_end_matches(&suffix)
                        .trim_end_matches(" have")
                        .trim_end_matches(" has")
                        .to_string()
                };
                prev.message = format!(
                    "{} and {} have{suffix}",
                    cut(&prev.message),
                    cut(&f.message)
                );
                prev.langs.extend(f.langs);
                continue;
            }
        }
        out.push(f);
    }
    out
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

/// A unit where a version has fewer or more sentences than another is out of line at a
/// quarter shorter (or a third longer) than predicted, by two robust deviations when two
/// versions predict it.
const ALONE: Bar = Bar { z: 0.0, log: 0.287 };
const AGREED: Bar = Bar { z: 2.0, log: 0.287 };

/// A sentence left out or added next to another one is often aligned as a merge (2-1) or a
/// split (1-2): a version with fewer sentences than another in a unit, and far shorter
/// than the others predict ([`Spread::out_of_line`](super::spread::Spread::out_of_line)), probably lacks one of them; with
/// more sentences and far longer, it has one of its own. The sentence whose length best
/// explains the gap is named: an error when two versions agree on the prediction, a
/// warning when only the reference makes it.
fn out_of_line(ctx: &Context, found: &mut Vec<(Finding, usize)>) {
    let r = ctx.reference();
    let spread = ctx.spread();
    let units = &ctx.report.alignment.units;
    for Found {
        u,
        v,
        o,
        class,
        others,
    } in spread.out_of_line_units(ctx, ALONE, AGREED)
    {
        let unit = &units[u];
        let count = |w: usize| unit.groups[w].len();
        // An error when two versions agree and the reference is on their side: it has
        // fewer sentences than version `v` there (or more, when `v` lacks one). Against
        // the third version alone, with as many sentences as the reference, a part of
        // the reference's sentence is left out: a warning.
        let severity = |agrees: bool| {
            if o.voters >= 2 && agrees {
                Severity::Error
            } else {
                Severity::Warning
            }
        };
        let percent = 100.0 * o.got / o.expected.max(1.0);
        if class == Class::More {
            // Version `v` has a sentence of its own: the one whose length is closest
            // to the surplus.
            let surplus = o.got - o.expected;
            let g = unit.groups[v].clone();
            let Some(s) = g.min_by(|&a, &b| {
                let d = |s: usize| (chars(ctx.report.sentence(v, s)) - surplus).abs();
                d(a).total_cmp(&d(b))
            }) else {
                continue;
            };
            let lacking: Vec<usize> = others
                .iter()
                .copied()
                .filter(|&w| count(w) < count(v))
                .collect();
            let span = s..s + 1;
            let pos = ctx.report.position(v, &span);
            let message = format!(
                    "{} has {} where {} {}, and {percent:.0}% of the expected length: sentence {} of {} (paragraph {}, line {}) may have no counterpart in {}",
                    ctx.lang(v),
                    plural(count(v), "sentence", "sentences"),
                    lang_list(&others.iter().map(|&w| ctx.lang(w)).collect::<Vec<_>>()),
                    others
                        .iter()
                        .map(|&w| count(w).to_string())
                        .collect::<Vec<_>>()
                        .join(", "),
                    s + 1,
                    ctx.lang(v),
                    pos.paragraph,
                    pos.line,
                    lang_list(&lacking.iter().map(|&w| ctx.lang(w)).collect::<Vec<_>>()),
                );
            let severity = severity(v == r || count(r) < count(v));
            if v == r {
                // The reference's own sentence: missing in the versions that lack it.
                let mut f = ctx.finding(
                    Kind::Missing,
                    severity,
                    lacking.iter().map(|&w| ctx.lang(w)).collect(),
                    u..u + 1,
                    message,
                );
                f.positions[v] = pos;
                f.texts[v].text = ctx.report.sentence(v, s).to_string();
                for &w in &lacking {
                    found.push((f.clone(), w));
                }
            } else {
                let mut f =
                    ctx.finding(Kind::Extra, severity, vec![ctx.lang(v)], u..u + 1, message);
                f.positions[v] = pos;
                f.texts[v].text = ctx.report.sentence(v, s).to_string();
                found.push((f, v));
            }
        } else if class == Class::Fewer {
            // Version `v` lacks a sentence of the reference: the one whose length is
            // closest to the gap. (Short where the reference has as many sentences, a
            // part of a sentence is left out: a `length` finding.)
            let src = r;
            let ratio = spread.ratio(src, v);
            let gap = o.expected - o.got;
            let Some(s) = unit.groups[src].clone().min_by(|&a, &b| {
                let d = |s: usize| (chars(ctx.report.sentence(src, s)) * ratio - gap).abs();
                d(a).total_cmp(&d(b))
            }) else {
                continue;
            };
            let span = s..s + 1;
            let pos = ctx.report.position(src, &span);
            let mut f = ctx.finding(
                    Kind::Missing,
                    severity(true),
                    vec![ctx.lang(v)],
                    u..u + 1,
                    format!(
                        "{} has {} where {} has {}, and {percent:.0}% of the expected length: sentence {} of {} (paragraph {}, line {}) may have no counterpart",
                        ctx.lang(v),
                        plural(count(v), "sentence", "sentences"),
                        ctx.lang(src),
                        count(src),
                        s + 1,
                        ctx.lang(src),
                        pos.paragraph,
                        pos.line
                    ),
                );
            f.positions[src] = pos;
            f.texts[src].text = ctx.report.sentence(src, s).to_string();
            found.push((f, v));
        } else if class == Class::Glued {
            // As many sentences as the others, and far longer (a passage glued into a
            // sentence): a warning; less far off (or short: a sentence cut, a clause
            // left out, often a paraphrase), the `length` family reports it.
            let (kind, what) = (Kind::Extra, "may have a passage the others lack");
            let message = format!(
                    "{} has {percent:.0}% of the length {} predict here ({} characters where {:.0} are expected): it {what}",
                    ctx.lang(v),
                    lang_list(&others.iter().map(|&w| ctx.lang(w)).collect::<Vec<_>>()),
                    o.got,
                    o.expected
                );
            let f = ctx.finding(
                kind,
                Severity::Warning,
                vec![ctx.lang(v)],
                u..u + 1,
                message,
            );
            found.push((f, v));
        }
    }
}

/// How much better (in summed log length ratios) two pieces fit another version's two in
/// crossed order than in their own for them to be out of order.
const CROSSED_MARGIN: f64 = 0.6;

/// The most a crossed pairing may be off (summed log length ratios) to count.
const CROSSED_FIT: f64 = 0.5;

/// A piece of text compared crosswise: its length and keys.
struct Piece {
    len: f64,
    keys: Keys,
}

impl Piece {
    /// The piece of `text` of version `w`, compared with version `v` (word keys when the
    /// two are close languages).
    fn new(ctx: &Context, text: &str, w: usize, v: usize) -> Piece {
        let words = ctx.lang(w).is_cyrillic() == ctx.lang(v).is_cyrillic();
        Piece {
            len: chars(text),
            keys: anchors(text, ctx.lang(w), words),
        }
    }
}

/// Two pieces of version `v` (`b`) against the same two of version `w` (`a`): whether they
/// pair crosswise. The lengths (predicted through the versions' median ratio) must fit
/// crosswise, and better than straight; the numbers, names and (between close languages)
/// word skeletons the pieces share must not say otherwise, and must say so when the
/// lengths fit both ways alike (`keys_only`: pieces the aligner paired by length, where
/// only the keys can tell, and the lengths need only not fit far better straight; `None`
/// when the keys say neither, and the other versions decide).
fn crosswise(ratio: f64, a: [&Piece; 2], b: [&Piece; 2], keys_only: bool) -> Option<bool> {
    let off = |x: &Piece, y: &Piece| ((y.len + 1.0) / (x.len * ratio + 1.0)).ln().abs();
    let straight = off(a[0], b[0]) + off(a[1], b[1]);
    let cross = off(a[0], b[1]) + off(a[1], b[0]);
    let shared = |x: &Piece, y: &Piece| shared(&x.keys, &y.keys);
    let straight_keys = shared(a[0], b[0]) + shared(a[1], b[1]);
    let cross_keys = shared(a[0], b[1]) + shared(a[1], b[0]);
    if keys_only {
        return if cross_keys >= straight_keys + CROSSED_KEYS && cross <= straight + CROSSED_MARGIN {
            Some(true)
        } else if straight_keys > cross_keys {
            Some(false)
        } else {
            None
        };
    }
    Some(
        cross_keys >= straight_keys
            && (cross_keys > straight_keys || straight - cross >= CROSSED_MARGIN)
            && cross <= CROSSED_FIT
            && straight - cross >= CROSSED_MARGIN / 2.0,
    )
}

/// Paragraphs after one within which the one it may have changed places with is looked
/// for.
const CROSSED_PARAGRAPHS: usize = 12;

/// How many more keys two pieces must share crosswise than straight when only the keys
/// can tell.
const CROSSED_KEYS: usize = 2;

/// Two paragraphs in the other order than in every other version, that the aligner paired
/// anyway: as one unit of two sentences (a 2-2 link), or in units of their own, each
/// paired with the other's counterpart ([`crosswise`]), next to each other or up to
/// [`CROSSED_PARAGRAPHS`] apart. `moved`, an error.
fn crossed(ctx: &Context, found: &mut Vec<(Finding, usize)>) {
    let r = ctx.reference();
    let units = &ctx.report.alignment.units;
    let mut push = |v: usize, span: Range<usize>, others: &[usize], units: Range<usize>| {
        // A move already found there (by its two ends, or crosswise) is not found again.
        if found.iter().any(|(f, w)| {
            *w == v
                && f.kind == Kind::Moved
                && f.units.start < units.end
                && units.start < f.units.end
        }) {
            return;
        }
        let lang = ctx.lang(v);
        let pos = ctx.report.position(v, &span);
        let message = format!(
            "sentences {} to {} of {} (paragraph {}, line {}) are in the other order than in {}: moved, out of order",
            span.start + 1,
            span.end,
            lang,
            pos.paragraph,
            pos.line,
            lang_list(&others.iter().map(|&w| ctx.lang(w)).collect::<Vec<_>>()),
        );
        let f = ctx.finding(Kind::Moved, Severity::Error, vec![lang], units, message);
        found.push((f, v));
    };
    for (u, unit) in units.iter().enumerate() {
        for v in (0..ctx.versions()).filter(|&v| v != r) {
            let doc = &ctx.report.documents[v];
            let gv = unit.groups[v].clone();
            // Paragraphs swapped, not sentences a translator put the other way round
            // inside one: the two are in two paragraphs.
            if gv.len() == 2 && doc.paragraph(gv.start) != doc.paragraph(gv.start + 1) {
                let others: Vec<usize> = (0..ctx.versions())
                    .filter(|&w| w != v && unit.groups[w].len() == 2)
                    .collect();
                let pair = |w: usize| {
                    let g = &unit.groups[w];
                    [0, 1].map(|k| Piece::new(ctx, ctx.report.sentence(w, g.start + k), w, v))
                };
                if !others.contains(&r) {
                    continue;
                }
                let pv = pair(v);
                if others.iter().all(|&w| {
                    let pw = pair(w);
                    let ratio = ctx.spread().ratio(w, v);
                    crosswise(ratio, [&pw[0], &pw[1]], [&pv[0], &pv[1]], false) == Some(true)
                }) {
                    push(v, gv.clone(), &others, u..u + 1);
                }
            }
        }
    }
    // Two paragraphs of `v` up to CROSSED_PARAGRAPHS apart, in units of their own: the
    // other versions' text in the units of each.
    for v in (0..ctx.versions()).filter(|&v| v != r) {
        let doc = &ctx.report.documents[v];
        let mut paragraphs: Vec<Range<usize>> = Vec::new();
        for s in 0..doc.len() {
            match paragraphs.last_mut() {
                Some(p) if doc.paragraph(p.start) == doc.paragraph(s) => p.end = s + 1,
                _ => paragraphs.push(s..s + 1),
            }
        }
        let units_of = |p: &Range<usize>| ctx.unit_of[v][p.start]..ctx.unit_of[v][p.end - 1] + 1;
        let spans: Vec<Range<usize>> = paragraphs.iter().map(units_of).collect();
        let others: Vec<usize> = (0..ctx.versions()).filter(|&w| w != v).collect();
        // pieces[k][i]: the text of version `others[k]` (or `v` itself, last) in the units
        // of `v`'s paragraph `i`.
        let pieces: Vec<Vec<Piece>> = others
            .iter()
            .chain(std::iter::once(&v))
            .map(|&w| {
                spans
                    .par_iter()
                    .map(|units| Piece::new(ctx, &ctx.report.text(w, &ctx.span(w, units)), w, v))
                    .collect()
            })
            .collect();
        let own = &pieces[others.len()];
        for i in 0..paragraphs.len() {
            for j in i + 1..(i + 1 + CROSSED_PARAGRAPHS).min(paragraphs.len()) {
                if spans[i].end > spans[j].start {
                    continue;
                }
                // Crosswise by one version's keys, and straight by none.
                let verdicts: Vec<Option<bool>> = others
                    .iter()
                    .enumerate()
                    .map(|(k, &w)| {
                        let (a0, a1) = (&pieces[k][i], &pieces[k][j]);
                        if a0.len == 0.0 || a1.len == 0.0 {
                            return Some(false);
                        }
                        crosswise(ctx.spread().ratio(w, v), [a0, a1], [&own[i], &own[j]], true)
                    })
                    .collect();
                if verdicts.contains(&Some(true)) && !verdicts.contains(&Some(false)) {
                    push(
                        v,
                        paragraphs[i].start..paragraphs[j].end,
                        &others,
                        spans[i].start..spans[j].end,
                    );
                }
            }
        }
    }
}

/// Sentences back over which a repeated sentence is looked for.
const REPEAT_WINDOW: usize = 3;

/// Letters a sentence needs for its repetition to count (`Фото:` lines repeat).
const REPEAT_LETTERS: usize = 20;

/// A sentence that a version repeats within a few sentences, where no other version
/// repeats one there, was pasted twice: `extra`, an error. A repetition the aligner left
/// without counterpart is already an `extra` passage, and not reported twice.
fn repeated(ctx: &Context, found: &mut Vec<(Finding, usize)>) {
    let r = ctx.reference();
    let units = &ctx.report.alignment.units;
    let key = |v: usize, s: usize| -> Option<String> {
        let text = ctx.report.sentence(v, s);
        (text.chars().filter(|&c| crate::lang::is_letter(c)).count() >= REPEAT_LETTERS)
            .then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    // Whether version `w` repeats a sentence within sentences `span`.
    let repeats_in = |w: usize, span: std::ops::Range<usize>| -> bool {
        let keys: Vec<Option<String>> = span.map(|s| key(w, s)).collect();
        keys.iter()
            .enumerate()
            .any(|(i, k)| k.is_some() && keys[..i].contains(k))
    };
    for v in (0..ctx.versions()).filter(|&v| v != r) {
        let keys: Vec<Option<String>> = (0..ctx.report.versions[v].sentences)
            .map(|s| key(v, s))
            .collect();
        for s in 1..keys.len() {
            if keys[s].is_none() {
                continue;
            }
            let Some(first) = (s.saturating_sub(REPEAT_WINDOW)..s).find(|&t| keys[t] == keys[s])
            else {
                continue;
            };
            let (ua, ub) = (ctx.unit_of[v][first], ctx.unit_of[v][s]);
            if units[ub].groups[r].is_empty() {
                continue;
            }
            let others_repeat = (0..ctx.versions()).filter(|&w| w != v).any(|w| {
                let span = ctx.span(w, &(ua..ub + 1));
                repeats_in(w, span)
            });
            if others_repeat {
                continue;
            }
            let span = s..s + 1;
            let pos = ctx.report.position(v, &span);
            let message = format!(
                "sentence {} of {} (paragraph {}, line {}) repeats its sentence {}: pasted twice?",
                s + 1,
                ctx.lang(v),
                pos.paragraph,
                pos.line,
                first + 1
            );
            let mut f = ctx.finding(
                Kind::Extra,
                Severity::Error,
                vec![ctx.lang(v)],
                ub..ub + 1,
                message,
            );
            f.positions[v] = pos;
            f.texts[v].text = ctx.report.sentence(v, s).to_string();
            found.push((f, v));
        }
    }
}

/// Hashed keys of a passage, sorted ([`anchors`]).
type Keys = Vec<u64>;

/// Letters a word needs to give a word key: Russian and Ukrainian share most word
/// skeletons (`реклама`, `реклами`; `коров`, `корів`).
const WORD_KEY: usize = 5;

/// Units on either side of a missing passage where the extra passage it moved to is
/// looked for.
const MOVE_WINDOW: usize = 400;

/// The keys that say two passages are one content, hashed and sorted: numbers and names (a
/// transliteration's skeleton) in every language, and with `words`, the skeleton of every
/// longer word, which two close languages share.
fn anchors(text: &str, lang: Lang, words: bool) -> Keys {
    let mut keys: Keys = number_tokens(text, lang)
        .into_iter()
        .filter(|t| t.len() >= 2 && !t.starts_with('m'))
        .map(|t| hash(0, &t))
        .collect();
    let mut key = String::new();
    for w in text.split(|c: char| !crate::lang::is_alphanumeric(c)) {
        let letters = w.chars().count();
        if letters >= 3 && w.chars().next().is_some_and(char::is_uppercase) {
            let latin = crate::lang::to_lower(&to_latin(w, lang));
            skeleton_into(&latin, &mut key);
            keys.push(hash(1, &key));
        }
        if words && letters >= WORD_KEY {
            // The consonant skeleton of the word as written (Cyrillic read with one table,
            // so that Ukrainian `г`, `и`, `і` fall with Russian `г`, `и`, `и`).
            skeleton_into(&crate::lang::to_lower(w), &mut key);
            if key.len() >= 3 {
                keys.push(hash(2, &key));
            }
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// Units apart within which a missing and an extra passage of like length that share a
/// key are one passage moved: paragraphs swapped with their neighbours.
const MOVE_NEAR: usize = 6;

/// How far the log ratio of an extra passage's length to the length the missing one
/// predicts may be for the two to be alike.
const MOVE_LENGTH: f64 = 0.3;

/// Whether the keys of a passage (`a`) and of another (`b`) say they are one content: at
/// least two shared, and half of the smaller set's with word keys (close languages), else
/// half of `a`'s.
fn same_content(a: &Keys, b: &Keys, words: bool) -> bool {
    let shared = shared(a, b);
    let base = if words { a.len().min(b.len()) } else { a.len() };
    shared >= 2 && shared * 2 >= base
}

/// A passage missing in version `v` at one place and extra in `v` at another, with the
/// same content, is moved: the two findings become one `moved` finding over the units from
/// one end to the other, with the reference's passage and `v`'s. The missing passage is compared
/// with the extra one through every other version that has it: the reference by numbers
/// and names, and a version in a script close to `v`'s (Russian for Ukrainian) also by
/// word beginnings, which find a moved paragraph without numbers or names.
///
/// The extra passages of each version are sorted by unit, and a missing passage is
/// compared only with those within [`MOVE_WINDOW`] units, so that a long document's
/// thousands of findings are not compared two by two.
fn pair_moved(ctx: &Context, found: &mut Vec<(Finding, usize)>) {
    /// An extra passage, a candidate for the other end of a move.
    struct Extra {
        /// Its first unit.
        unit: usize,
        /// Its finding.
        finding: usize,
        /// The version that has it, and its sentences there.
        v: usize,
        span: Range<usize>,
        /// Its keys with word keys and without.
        with_words: Keys,
        without: Keys,
        /// Its length in characters.
        len: f64,
    }
    /// What another version has where a passage is missing.
    struct Source {
        keys: Keys,
        /// Whether `keys` has word keys (a language close to the version's).
        words: bool,
        /// The length the passage would have in the version that lacks it.
        predicted: f64,
    }
    let units = &ctx.report.alignment.units;
    let spread = ctx.spread();
    let mut extras: Vec<Extra> = Vec::new();
    for (b, (f, v)) in found.iter().enumerate() {
        if f.kind != Kind::Extra || f.severity != Severity::Error {
            continue;
        }
        let span = ctx.span(*v, &f.units);
        let text = ctx.report.text(*v, &span);
        let lang = ctx.lang(*v);
        extras.push(Extra {
            unit: f.units.start,
            finding: b,
            v: *v,
            span,
            with_words: anchors(&text, lang, true),
            without: anchors(&text, lang, false),
            len: chars(&text),
        });
    }
    extras.sort_by_key(|e| (e.unit, e.finding));
    // The extra passages paired with a missing one: their findings are gone, merged into it.
    let mut gone = vec![false; found.len()];
    for a in 0..found.len() {
        if found[a].0.kind != Kind::Missing || found[a].0.severity != Severity::Error {
            continue;
        }
        let v = found[a].1;
        let range = found[a].0.units.clone();
        // The missing content as the other versions that have it give it.
        let sources: Vec<Source> = (0..ctx.versions())
            .filter(|&w| w != v && range.clone().any(|u| !units[u].groups[w].is_empty()))
            .map(|w| {
                let words = ctx.lang(w).is_cyrillic() == ctx.lang(v).is_cyrillic();
                let span = ctx.span(w, &range);
                let text = ctx.report.text(w, &span);
                Source {
                    keys: anchors(&text, ctx.lang(w), words),
                    words,
                    predicted: chars(&text) * spread.ratio(w, v),
                }
            })
            .collect();
        let lo = extras.partition_point(|e| e.unit + MOVE_WINDOW < range.start);
        let best = extras[lo..]
            .iter()
            .take_while(|e| e.unit <= range.end + MOVE_WINDOW)
            .filter(|e| e.v == v && !gone[e.finding])
            .filter(|e| {
                let near = e.unit.abs_diff(range.start) <= MOVE_NEAR;
                sources.iter().any(|src| {
                    let theirs = if src.words { &e.with_words } else { &e.without };
                    let alike = ((e.len + 1.0) / (src.predicted + 1.0)).ln().abs() <= MOVE_LENGTH;
                    same_content(&src.keys, theirs, src.words)
                        || (near && alike && shared(&src.keys, theirs) > 0)
                })
            })
            .min_by_key(|e| e.unit.abs_diff(range.start));
        let Some(e) = best else {
            continue;
        };
        let b = e.finding;
        let r = ctx.reference();
        let span_r = ctx.span(r, &range);
        let pr = ctx.report.position(r, &span_r);
        let pv = ctx.report.position(v, &e.span);
        let message = format!(
            "paragraph {} of {} (line {}) is at paragraph {} of {} (line {}): moved, out of order",
            pr.paragraph,
            ctx.lang(r),
            pr.line,
            pv.paragraph,
            ctx.lang(v),
            pv.line
        );
        // One finding for the move, over the units from one end to the other: where the
        // reference has the passage, and where version `v` has it now.
        let units_of_b = found[b].0.units.clone();
        let all = range.start.min(units_of_b.start)..range.end.max(units_of_b.end);
        let mut f = ctx.finding(
            Kind::Moved,
            Severity::Error,
            vec![ctx.lang(v)],
            all,
            message,
        );
        f.positions[r] = pr;
        f.texts[r].text = ctx.report.text(r, &span_r).into_owned();
        f.positions[v] = pv;
        f.texts[v].text = ctx.report.text(v, &e.span).into_owned();
        found[a].0 = f;
        gone[b] = true;
    }
    let mut k = 0;
    found.retain(|_| {
        k += 1;
        !gone[k - 1]
    });
}

#[cfg(test)]
mod tests {
    use super::super::tests::{check, clean_uk_with};
    use crate::lang::Lang;
    use crate::qa::{Finding, Kind, Severity};

    /// The findings of the clean trio with the Ukrainian version changed as `replacements`
    /// say, and those of `kind` about the Ukrainian version alone.
    fn in_uk(replacements: &[(&str, &str)], kind: Kind) -> (Vec<Finding>, Vec<Finding>) {
        let uk = clean_uk_with(replacements);
        let found = check(&[EN.to_string(), RU.to_string(), uk], Vec::new());
        let of_kind = found
            .iter()
            .filter(|f| f.kind == kind && f.langs == [Lang::UK])
            .cloned()
            .collect();
        (found, of_kind)
    }

    const EN: &str = include_str!("../../../tests/fixtures/check/clean.en.txt");
    const RU: &str = include_str!("../../../tests/fixtures/check/clean.ru.txt");

    const LONG: &str = "Міст має чотири смуги для автомобілів, а також окрему велодоріжку й пішохідний тротуар з кожного боку.";

    #[test]
    fn a_sentence_pasted_twice_is_extra() {
        let uk = clean_uk_with(&[(LONG, &format!("{LONG} {LONG}"))]);
        let found = check(&[EN.to_string(), RU.to_string(), uk], Vec::new());
        let extra: Vec<_> = found
            .iter()
            .filter(|f| f.kind == Kind::Extra && f.severity == Severity::Error)
            .collect();
        assert_eq!(extra.len(), 1, "{found:#?}");
        assert_eq!(extra[0].langs, [Lang::UK]);
        assert_eq!(extra[0].texts[2].text, LONG);
    }

    #[test]
    fn a_sentence_cut_in_half_is_out_of_line_with_both_other_versions() {
        // The aligner merges what is left with the next sentence: a third shorter than
        // both other versions predict there.
        let whole = "Близько 60% коштів надав Європейський Союз, а решту покрили міський бюджет і кредит консорціуму скандинавських банків.";
        let half = "Близько 60% коштів надав Європейський Союз.";
        let (found, short) = in_uk(&[(whole, half)], Kind::Length);
        assert_eq!(short.len(), 1, "{found:#?}");
        assert!(
            short[0].message.contains("shorter than en and ru"),
            "{}",
            short[0].message
        );
        assert!(
            short[0].texts[2].text.contains(half),
            "{:?}",
            short[0].texts[2]
        );
    }

    #[test]
    fn a_sentence_cut_short_is_missing() {
        // What is left is no counterpart of the English sentence: `missing`.
        let whole = "Церемонію в прямому ефірі транслювало місцеве телебачення, її також показували на сайті міськради.";
        let (found, short) = in_uk(&[(whole, "Було весело.")], Kind::Missing);
        assert_eq!(short.len(), 1, "{found:#?}");
        assert!(
            short[0].texts[0].text.contains("broadcast"),
            "{:?}",
            short[0].texts[0]
        );
    }

    #[test]
    fn a_sentence_left_out_of_a_merge_is_missing() {
        // The Ukrainian version drops the first half of a sentence pair the others keep:
        // the aligner merges what is left with its neighbour, far shorter than both
        // other versions predict.
        let (found, missing) = in_uk(&[(
            "Близько 60% коштів надав Європейський Союз, а решту покрили міський бюджет і кредит консорціуму скандинавських банків. ",
            "",
        )], Kind::Missing);
        assert_eq!(missing.len(), 1, "{found:#?}");
        assert_eq!(missing[0].severity, Severity::Error);
        assert!(
            missing[0].texts[0].text.contains("60%"),
            "{:?}",
            missing[0].texts[0]
        );
    }
}
