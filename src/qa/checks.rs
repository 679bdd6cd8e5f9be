//! The checks, one function each, over an aligned [`Report`].

use std::borrow::Cow;
use std::collections::BTreeSet;
use std::ops::Range;

use super::names::{missing_names, NameTable};
use super::script::russian_ukrainian_marks;
use super::{CheckConfig, Finding, Kind, Passage, Report, Severity};
use crate::align::features::is_aside;
use crate::align::numbers::number_tokens;
use crate::lang::{script_letters, Lang};

/// Runs every check.
pub(super) fn run(report: &Report, config: &CheckConfig) -> Vec<Finding> {
    let mut out = Vec::new();
    let ctx = Ctx::new(report);
    missing(&ctx, &mut out);
    numbers(&ctx, &mut out);
    let flagged = language(&ctx, config, &mut out);
    names(&ctx, &flagged, &mut out);
    identical(&ctx, config, &flagged, &mut out);
    lengths(&ctx, config, &mut out);
    structure(&ctx, &mut out);
    out
}

/// The report with per-unit texts precomputed.
struct Ctx<'r> {
    report: &'r Report<'r>,
    /// `texts[u][v]`: the text of version `v` in unit `u` (empty when it has none;
    /// borrowed from the document for one sentence).
    texts: Vec<Vec<Cow<'r, str>>>,
    /// `unit_of[v][s]`: the unit of sentence `s` of version `v`.
    unit_of: Vec<Vec<usize>>,
}

impl<'r> Ctx<'r> {
    fn new(report: &'r Report<'r>) -> Self {
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
        Ctx {
            report,
            texts,
            unit_of,
        }
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

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
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
fn no_counterpart(ctx: &Ctx, v: usize, units: &Range<usize>, what: &str, others: &str) -> String {
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

/// `missing`, `extra` and `moved`: units where some version has nothing.
fn missing(ctx: &Ctx, out: &mut Vec<Finding>) {
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
    pair_moved(ctx, &mut found);
    merged_omissions(ctx, &mut found);
    out.extend(found.into_iter().map(|(f, _)| f));
}

/// The median ratio of the lengths of version `v` to the reference's, over the units
/// that both fill with one sentence (1.0 when there are fewer than 5 such units).
fn median_ratio(ctx: &Ctx, v: usize) -> f64 {
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

fn chars(text: &str) -> f64 {
    text.chars().filter(|c| !c.is_whitespace()).count() as f64
}

/// A sentence left out next to another one is often aligned as a merge (2-1): a version
/// with fewer sentences than the reference in a unit, and far shorter than their length
/// predicts, probably lacks one of them. The reference sentence whose length best
/// explains the gap is reported as missing, as a warning.
fn merged_omissions(ctx: &Ctx, found: &mut Vec<(Finding, usize)>) {
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
            let latin = crate::align::translit::to_latin(w, lang).to_lowercase();
            set.insert(format!("n:{}", crate::align::translit::skeleton(&latin)));
        }
    }
    set
}

/// A passage missing in version `v` at one place and extra in `v` at another, with the
/// same numbers and names, is moved content: both findings become `moved`.
fn pair_moved(ctx: &Ctx, found: &mut [(Finding, usize)]) {
    let r = ctx.reference();
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
        let best = (0..found.len())
            .filter(|&b| found[b].0.kind == Kind::Extra && found[b].1 == v)
            .map(|b| {
                let span_v = ctx.span(v, &found[b].0.units);
                let va = anchors(&ctx.report.text(v, &span_v), ctx.lang(v));
                (ra.intersection(&va).count(), b, span_v)
            })
            .max_by_key(|&(n, b, _)| (n, std::cmp::Reverse(b)));
        let Some((shared, b, span_v)) = best else {
            continue;
        };
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

/// A data file of lines `VALUE word word ...` (`#` starts a comment line) as
/// `(value, word)` pairs.
fn value_table(data: &'static str) -> Vec<(u64, &'static str)> {
    data.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let value: u64 = parts.next()?.parse().ok()?;
            Some(parts.map(move |w| (value, w)))
        })
        .flatten()
        .collect()
}

/// Month tokens (`m11`) of the words derived from month names in `text`
/// (`ноябрьских`, `листопадових`), from `data/month-words.txt`.
fn month_words(text: &str) -> Vec<String> {
    static STEMS: std::sync::OnceLock<Vec<(u64, &'static str)>> = std::sync::OnceLock::new();
    let stems = STEMS.get_or_init(|| value_table(include_str!("data/month-words.txt")));
    let mut out = Vec::new();
    let mut at = 0;
    for word in text.split(|c: char| !c.is_alphabetic()) {
        let start = at;
        at += word.len()
            + text[start + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if word.chars().count() < 3 {
            continue;
        }
        let lower = word.to_lowercase();
        let dotted = text[start + word.len()..].starts_with('.');
        let hit = stems.iter().find(|(_, s)| match s.strip_suffix('.') {
            Some(abbr) => dotted && lower == abbr,
            None => lower.starts_with(s) && lower.chars().count() >= 4,
        });
        if let Some((m, _)) = hit {
            out.push(format!("m{m}"));
        }
    }
    out
}

/// The numbers a text writes as words (`forty-eight`, `сорока восьми`, `тысячи`), from
/// `data/number-words.txt`: each run of number words gives its value, and each word alone
/// its own (`тысячи` = 1000).
pub(super) fn spelled_numbers(text: &str) -> BTreeSet<String> {
    static WORDS: std::sync::OnceLock<Vec<(u64, &'static str)>> = std::sync::OnceLock::new();
    let words = WORDS.get_or_init(|| value_table(include_str!("data/number-words.txt")));
    let value_of = |w: &str| -> Option<u64> {
        words.iter().find_map(|&(v, form)| {
            let hit = match form.strip_suffix('*') {
                Some(stem) => w.starts_with(stem),
                None => w == form,
            };
            hit.then_some(v)
        })
    };
    let mut out = BTreeSet::new();
    let (mut total, mut group, mut run) = (0u64, 0u64, false);
    let flush = |out: &mut BTreeSet<String>, total: &mut u64, group: &mut u64, run: &mut bool| {
        if *run {
            out.insert((*total + *group).to_string());
        }
        (*total, *group, *run) = (0, 0, false);
    };
    for word in text.split(|c: char| !(c.is_alphabetic() || c == '\'' || c == '’')) {
        let lower = word.to_lowercase();
        // `forty-eight` splits on the hyphen into two words of one run.
        match value_of(&lower) {
            Some(v) => {
                out.insert(v.to_string());
                if v >= 1000 {
                    total += group.max(1) * v;
                    group = 0;
                } else if v == 100 {
                    group = group.max(1) * 100;
                } else {
                    group += v;
                }
                run = true;
            }
            None if lower.is_empty() || lower == "and" => {}
            None => flush(&mut out, &mut total, &mut group, &mut run),
        }
    }
    flush(&mut out, &mut total, &mut group, &mut run);
    out
}

/// Numbers that are small enough to be written as words.
fn is_small(token: &str) -> bool {
    let hour = token.strip_suffix(":00").unwrap_or(token);
    hour.parse::<u32>().is_ok_and(|n| n <= 12)
}

/// Factors between imperial and metric units news translations convert: inch–cm,
/// mile–km (and mph–km/h), foot–m, yard–m, pound–kg, ounce–g, gallon–l, acre–ha
/// (and degrees Fahrenheit–Celsius, in [`converted`]).
const UNIT_FACTORS: [f64; 8] = [
    2.54, 1.609_344, 0.3048, 0.9144, 0.453_592, 28.349_5, 3.785_41, 0.404_686,
];

/// Whether one quantity is the other converted between units, within rounding (5%, or one
/// unit of the rounded value).
fn converted(a: &str, b: &str) -> bool {
    let (Ok(x), Ok(y)) = (a.parse::<f64>(), b.parse::<f64>()) else {
        return false;
    };
    if x <= 0.0 || y <= 0.0 {
        return false;
    }
    let close = |c: f64, v: f64| (c - v).abs() <= (0.05 * c.abs()).max(1.0);
    if close((x - 32.0) * 5.0 / 9.0, y) || close((y - 32.0) * 5.0 / 9.0, x) {
        return x >= 40.0 || y >= 40.0; // `80s` = `27 градусов`; not small numbers
    }
    UNIT_FACTORS.iter().any(|&f| {
        [(x * f, y), (y * f, x)]
            .iter()
            .any(|&(c, v)| (c - v).abs() <= (0.05 * c).max(if v >= 5.0 { 1.0 } else { 0.0 }))
    })
}

/// Removes each lost number that `same` pairs with an added one, and that added one.
fn cancel(lost: &mut Vec<&String>, added: &mut Vec<&String>, same: fn(&str, &str) -> bool) {
    lost.retain(|l| match added.iter().position(|a| same(l, a)) {
        Some(i) => {
            added.remove(i);
            false
        }
        None => true,
    });
}

/// A clock time and its hour: `19:00` = `19` = `7`.
fn same_time(a: &str, b: &str) -> bool {
    let hour = |t: &str| t.strip_suffix(":00").and_then(|h| h.parse::<u32>().ok());
    let n = |t: &str| t.parse::<u32>().ok();
    match (hour(a), hour(b)) {
        (Some(h), None) => n(b).is_some_and(|x| x == h || x + 12 == h),
        (None, Some(h)) => n(a).is_some_and(|x| x == h || x + 12 == h),
        _ => false,
    }
}

/// Whether one number may have been changed into the other: two months, or numbers with
/// the same count of digits (at least two).
fn comparable(a: &str, b: &str) -> bool {
    let month = |t: &str| t.starts_with('m');
    if month(a) || month(b) {
        return month(a) && month(b);
    }
    let digits = |t: &str| t.bytes().filter(u8::is_ascii_digit).count();
    digits(a) == digits(b) && digits(a) >= 2
}

/// A number token for people: `m3` → `month 3`, `412,000,000` → `412,000,000`.
fn show_number(token: &str) -> String {
    if let Some(m) = token.strip_prefix('m') {
        return format!("month {m}");
    }
    let (int, rest) = token.split_at(token.find(['.', ':']).unwrap_or(token.len()));
    if int.len() <= 4 || !int.bytes().all(|b| b.is_ascii_digit()) {
        return token.to_string();
    }
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + rest
}

/// `number`: numbers, dates and amounts that differ between the reference and a version.
fn numbers(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = ctx.reference();
    for (u, texts) in ctx.texts.iter().enumerate() {
        if texts[r].is_empty() {
            continue;
        }
        let tokens = |v: usize| -> BTreeSet<String> {
            let mut set: BTreeSet<String> =
                number_tokens(&texts[v], ctx.lang(v)).into_iter().collect();
            set.extend(month_words(&texts[v]));
            set
        };
        let ref_tokens = tokens(r);
        for v in (0..ctx.versions()).filter(|&v| v != r && !texts[v].is_empty()) {
            let other = tokens(v);
            let mut lost: Vec<&String> = ref_tokens.difference(&other).collect();
            let mut added: Vec<&String> = other.difference(&ref_tokens).collect();
            // A clock time on one side and its hour on the other (`7 p.m.` = `19 годину`).
            cancel(&mut lost, &mut added, same_time);
            // A number one side writes as words (`48` = `сорока восьми`).
            if !lost.is_empty() {
                let spelled_v = spelled_numbers(&texts[v]);
                lost.retain(|l| !spelled_v.contains(l.as_str()));
            }
            if !added.is_empty() {
                let spelled_r = spelled_numbers(&texts[r]);
                added.retain(|a| !spelled_r.contains(a.as_str()));
            }
            // A quantity converted between units (`10 inches` = `25.4 cm`, `385 miles` =
            // `620 km`, `20 feet` = `6 метров`).
            cancel(&mut lost, &mut added, converted);
            if lost.is_empty() && added.is_empty() {
                continue;
            }
            let show = |ts: &[&String]| {
                ts.iter()
                    .map(|t| show_number(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let (severity, message) = if !lost.is_empty() && !added.is_empty() {
                // A changed number (`412` → `421`, `1798` → `1789`, March → April) is an
                // error; several numbers against others of other sizes are most often
                // converted units (`3 to 6 inches` = `7–15 cm`): a warning.
                let changed = lost.len() == added.len()
                    && lost.len() <= 2
                    && lost.iter().all(|l| added.iter().any(|a| comparable(l, a)));
                (
                    if changed {
                        Severity::Error
                    } else {
                        Severity::Warning
                    },
                    format!(
                        "numbers differ: {} has {}, {} has {}",
                        ctx.lang(r),
                        show(&lost),
                        ctx.lang(v),
                        show(&added)
                    ),
                )
            } else {
                let (side, ts) = if lost.is_empty() {
                    (v, &added)
                } else {
                    (r, &lost)
                };
                let other_side = if side == r { v } else { r };
                let small = ts.iter().all(|t| is_small(t) || t.as_str() == "%");
                (
                    if small {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    format!(
                        "{} has {} that {} does not",
                        ctx.lang(side),
                        show(ts),
                        ctx.lang(other_side)
                    ),
                )
            };
            out.push(ctx.finding(Kind::Number, severity, vec![ctx.lang(v)], u..u + 1, message));
        }
    }
}

/// `name`: names and Latin-script tokens present in some versions and not in another.
/// Versions whose text is in the wrong language there (`flagged`) are left out.
fn names(ctx: &Ctx, flagged: &[BTreeSet<usize>], out: &mut Vec<Finding>) {
    let table = NameTable::builtin();
    for (u, texts) in ctx.texts.iter().enumerate() {
        let present: Vec<(Lang, &str)> = (0..ctx.versions())
            .filter(|&v| !texts[v].is_empty() && !flagged[v].contains(&u))
            .map(|v| (ctx.lang(v), texts[v].as_ref()))
            .collect();
        if present.len() < 2 {
            continue;
        }
        for (lang, lacking) in missing_names(&present, table) {
            for (sure, alone) in [(true, false), (true, true), (false, false), (false, true)] {
                let list: Vec<String> = lacking
                    .iter()
                    .filter(|n| n.sure == sure && n.alone == alone)
                    .map(|n| {
                        if alone {
                            n.name.clone()
                        } else {
                            format!("{} ({})", n.name, n.have)
                        }
                    })
                    .collect();
                if list.is_empty() {
                    continue;
                }
                let mut message = if alone {
                    format!("only {lang} has {}", list.join(", "))
                } else {
                    format!("{lang} lacks {}", list.join(", "))
                };
                if !sure {
                    message.push_str(" (spelled out or translated?)");
                }
                let severity = if sure {
                    Severity::Warning
                } else {
                    Severity::Info
                };
                out.push(ctx.finding(Kind::Name, severity, vec![lang], u..u + 1, message));
            }
        }
    }
}

/// `language` and `untranslated` per sentence: a sentence in the wrong script, Russian in
/// the Ukrainian version and the reverse. Returns the units flagged, per version.
fn language(ctx: &Ctx, config: &CheckConfig, out: &mut Vec<Finding>) -> Vec<BTreeSet<usize>> {
    let r = ctx.reference();
    let mut flagged = vec![BTreeSet::new(); ctx.versions()];
    for (v, flagged_v) in flagged.iter_mut().enumerate() {
        let lang = ctx.lang(v);
        let doc = &ctx.report.documents[v];
        // (unit, kind, severity, message) per flagged sentence; consecutive units merge.
        let mut hits: Vec<(usize, Kind, Severity, String)> = Vec::new();
        for (s, text) in doc.sentences().enumerate() {
            let letters = script_letters(text);
            if letters.letters < config.min_letters {
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
        let mut i = 0;
        while i < hits.len() {
            let (u0, kind, severity, ref message) = hits[i];
            let mut j = i + 1;
            let mut end = u0 + 1;
            while j < hits.len() && hits[j].1 == kind && hits[j].2 == severity && hits[j].0 <= end {
                end = hits[j].0 + 1;
                j += 1;
            }
            let message = if j - i > 1 {
                format!("{} (and {} more sentences)", message, j - i - 1)
            } else {
                message.clone()
            };
            flagged_v.extend(u0..end);
            out.push(ctx.finding(kind, severity, vec![lang], u0..end, message));
            i = j;
        }
    }
    flagged
}

/// Whether two texts are the same after folding case and spaces, or nearly so.
/// A text with its spaces collapsed and its letters in lower case.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn similar(a: &str, b: &str) -> bool {
    let (a, b) = (fold(a), fold(b));
    if a.is_empty() || b.is_empty() {
        return false;
    }
    a == b || strsim::normalized_levenshtein(&a, &b) >= 0.8
}

/// `untranslated`: a unit whose text is identical in two versions (not only names and
/// numbers).
fn identical(ctx: &Ctx, config: &CheckConfig, flagged: &[BTreeSet<usize>], out: &mut Vec<Finding>) {
    let units = &ctx.report.alignment.units;
    let substantial = |t: &str| {
        let words = t
            .split_whitespace()
            .filter(|w| w.chars().filter(|c| c.is_lowercase()).count() >= 3)
            .count();
        words >= 3 && t.chars().filter(|c| c.is_alphabetic()).count() >= config.min_letters
    };
    for (u, unit) in units.iter().enumerate() {
        for a in 0..ctx.versions() {
            for b in a + 1..ctx.versions() {
                if flagged[a].contains(&u) || flagged[b].contains(&u) {
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
                let (la, lb) = (ctx.lang(a), ctx.lang(b));
                // Russian and Ukrainian never share a whole sentence: the letters and words
                // say which language it is, and so which version holds the other's text.
                let pair = [la, lb];
                let guilty = if pair.contains(&Lang::RU) && pair.contains(&Lang::UK) {
                    let (ru, uk) = russian_ukrainian_marks(same);
                    let in_uk = if la == Lang::UK { a } else { b };
                    let in_ru = if la == Lang::RU { a } else { b };
                    let letters = same.chars().filter(|c| c.is_alphabetic()).count();
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
                out.push(ctx.finding(kind, severity, langs, u..u + 1, message));
            }
        }
    }
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    if n % 2 == 1 {
        xs[n / 2]
    } else {
        (xs[n / 2 - 1] + xs[n / 2]) / 2.0
    }
}

/// `length` and `confidence`: units whose length ratio is far from the document's own,
/// and units the aligner scored low.
fn lengths(ctx: &Ctx, config: &CheckConfig, out: &mut Vec<Finding>) {
    let r = ctx.reference();
    let units = &ctx.report.alignment.units;
    let complete = |u: usize| units[u].groups.iter().all(|g| !g.is_empty());
    let mut flagged = BTreeSet::new();
    for v in (0..ctx.versions()).filter(|&v| v != r) {
        let ratios: Vec<(usize, f64, f64, f64)> = (0..units.len())
            .filter(|&u| complete(u))
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
            if z.abs() <= config.length_deviation
                || (x - med).abs() < 0.5
                || (b - expected).abs() < 30.0
            {
                continue;
            }
            flagged.insert(u);
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
    for (u, unit) in units.iter().enumerate() {
        if complete(u) && !flagged.contains(&u) && unit.score < config.min_confidence {
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

/// Unbalanced pairs in a text: `None` when every bracket and guillemet is closed and
/// quotation marks come in pairs.
pub(super) fn unbalanced(text: &str) -> Option<String> {
    let count = |cs: &[char]| text.chars().filter(|c| cs.contains(c)).count();
    let pairs = [('(', ')'), ('[', ']'), ('«', '»')];
    for (open, close) in pairs {
        let (o, c) = (count(&[open]), count(&[close]));
        if o != c {
            return Some(format!("{o} `{open}` and {c} `{close}`"));
        }
    }
    let quotes = count(&['"', '“', '”', '„']);
    if quotes % 2 == 1 {
        return Some(format!("an odd number of quotation marks ({quotes})"));
    }
    None
}

/// `structure`: paragraph counts that differ, and paragraphs with unbalanced quotes or
/// brackets where the reference has them balanced.
fn structure(ctx: &Ctx, out: &mut Vec<Finding>) {
    let r = ctx.reference();
    let versions = &ctx.report.versions;
    let rp = versions[r].paragraphs;
    let differ: Vec<String> = versions
        .iter()
        .filter(|v| v.paragraphs != rp)
        .map(|v| {
            format!(
                "{} {}",
                v.lang,
                plural(v.paragraphs, "paragraph", "paragraphs")
            )
        })
        .collect();
    if !differ.is_empty() {
        let counts: Vec<String> = versions
            .iter()
            .map(|v| format!("{} {}/{}", v.lang, v.paragraphs, v.sentences))
            .collect();
        let message = format!(
            "paragraph counts differ: {} {} against {} (paragraphs/sentences: {})",
            versions[r].lang,
            rp,
            differ.join(", "),
            counts.join(", ")
        );
        let langs = versions
            .iter()
            .filter(|v| v.paragraphs != rp)
            .map(|v| v.lang)
            .collect();
        out.push(ctx.finding(Kind::Structure, Severity::Info, langs, 0..0, message));
    }
    for (v, info) in versions.iter().enumerate() {
        let mut s = 0;
        while s < info.sentences {
            let doc = &ctx.report.documents[v];
            let p = doc.paragraph(s);
            let mut e = s + 1;
            while e < info.sentences && doc.paragraph(e) == p {
                e += 1;
            }
            let text = doc.group_text(&(s..e));
            if let Some(problem) = unbalanced(&text) {
                let units = ctx.unit_of[v][s]..ctx.unit_of[v][e - 1] + 1;
                let others_fine = (0..versions.len()).filter(|&w| w != v).any(|w| {
                    let span = ctx.span(w, &units);
                    !span.is_empty() && unbalanced(&ctx.report.text(w, &span)).is_none()
                });
                if others_fine {
                    // Quotation marks are often left open on purpose (a quotation that runs
                    // on into the next paragraph; `«...«...»` with the inner closing mark
                    // dropped): information. Brackets are not.
                    let severity = if problem.contains("`(`") || problem.contains("`[`") {
                        Severity::Warning
                    } else {
                        Severity::Info
                    };
                    let message = format!(
                        "paragraph {} of {} (line {}) has {problem}; the other versions are balanced there",
                        p + 1,
                        info.lang,
                        ctx.report.line(v, s)
                    );
                    out.push(ctx.finding(
                        Kind::Structure,
                        severity,
                        vec![info.lang],
                        units,
                        message,
                    ));
                }
            }
            s = e;
        }
    }
}
