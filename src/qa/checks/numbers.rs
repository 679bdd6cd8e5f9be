//! `number`: numbers, dates and amounts that differ between the reference and a version.
//!
//! The numbers of a unit's text (digits, with months as `m3`, and words derived from month
//! names) are compared between the reference and each version. A clock time and its hour,
//! a number written as words on one side, and a quantity converted between units are the
//! same number. A changed number is an error; numbers one side has and the other lacks
//! are a warning (information when small enough to be written as words).

use std::collections::BTreeSet;

use super::{Check, Context};
use crate::anchors::lexicon;
use crate::anchors::numbers::number_tokens;
use crate::qa::{Finding, Kind, Severity};

/// The family of `number`.
pub(super) struct Numbers;

impl Check for Numbers {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Number]
    }

    /// Compares the numbers of the reference and of each other version, unit by unit.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let r = ctx.reference();
        for (u, texts) in ctx.texts.iter().enumerate() {
            if texts[r].is_empty() {
                continue;
            }
            let tokens = |v: usize| -> BTreeSet<String> {
                let mut set: BTreeSet<String> =
                    number_tokens(&texts[v], ctx.lang(v)).into_iter().collect();
                set.extend(month_words(&texts[v], ctx.lang(v)));
                set
            };
            let all: Vec<BTreeSet<String>> = (0..ctx.versions()).map(tokens).collect();
            let ref_tokens = &all[r];
            let ref_measures = measures(&texts[r]);
            for v in (0..ctx.versions()).filter(|&v| v != r && !texts[v].is_empty()) {
                let other = &all[v];
                let mut lost: Vec<&String> = ref_tokens.difference(other).collect();
                let mut added: Vec<&String> = other.difference(ref_tokens).collect();
                // A clock time on one side and its hour on the other (`7 p.m.` = `19 годину`).
                cancel(&mut lost, &mut added, same_time);
                // A clock time written with a period on one side (`11:15` = `об 11.15`).
                cancel(&mut lost, &mut added, same_clock);
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
                // Only where a side names a unit that is converted: a changed `84,000`
                // must not pass for `46,600` degrees Celsius, nor `30` for `50` km.
                let units = ref_measures | measures(&texts[v]);
                let converts = units != 0;
                if converts {
                    cancel(&mut lost, &mut added, |a, b| converted(a, b, units));
                }
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
                    // A number ten times the other (`30` → `300`) is a change too, and
                    // without converted units, a digit changed into another (`5` → `6`).
                    let loose = !converts;
                    let changed = lost.len() == added.len()
                        && lost.len() <= 2
                        && lost
                            .iter()
                            .all(|l| added.iter().any(|a| comparable(l, a, loose)));
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
                    // Small numbers are often written as words; but when a third version
                    // has in digits what the reference has and this one lacks, it lacks it.
                    // (Plain numbers only: a clock time read out, `о шостій ранку`, is not
                    // one of the spelled numbers.)
                    let backed = side == r
                        && ts.iter().all(|t| t.bytes().all(|b| b.is_ascii_digit()))
                        && (0..ctx.versions()).any(|w| {
                            w != r && w != v && ts.iter().all(|t| all[w].contains(t.as_str()))
                        });
                    let small = ts.iter().all(|t| is_small(t) || t.as_str() == "%");
                    (
                        if small && !backed {
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
}

/// Month tokens (`m11`) of the words derived from month names in `text`
/// (`ноябрьских`, `листопадових`), from the `[month-words]` of the anchors' data files.
fn month_words(text: &str, lang: crate::lang::Lang) -> Vec<String> {
    let mut out = Vec::new();
    let mut at = 0;
    for word in text.split(|c: char| !crate::lang::is_letter(c)) {
        let start = at;
        at += word.len()
            + text[start + word.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        if word.chars().count() < 3 {
            continue;
        }
        let lower = crate::lang::to_lower(word);
        let dotted = text[start + word.len()..].starts_with('.');
        let hit = lexicon::month_words(lang).find(|(_, s)| match s.strip_suffix('.') {
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
/// the `[number-words]` of the anchors' data files: each run of number words gives its
/// value, and each word alone its own (`тысячи` = 1000).
pub(in crate::qa) fn spelled_numbers(text: &str) -> BTreeSet<String> {
    let words = lexicon::number_words();
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
    for word in text.split(|c: char| !(crate::lang::is_letter(c) || c == '\'' || c == '’')) {
        let lower = crate::lang::to_lower(word);
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

/// The units news translations convert, as word starts in English, Russian and
/// Ukrainian, each with its factor to the metric unit (inch–cm, mile–km and mph–km/h,
/// foot–m, yard–m, pound–kg, ounce–g, gallon–l, acre–ha); degrees Fahrenheit–Celsius have
/// no factor (see [`converted`]). A conversion is only read between numbers of a unit one
/// of the texts names: `130` and `310` are not acres in hectares in a text of miles.
const CONVERTED_UNITS: [(&[&str], Option<f64>); 9] = [
    (&["inch", "дюйм"], Some(2.54)),
    (&["mile", "mph", "мил"], Some(1.609_344)),
    (&["foot", "feet", "ft", "фут"], Some(0.3048)),
    (&["yard", "ярд"], Some(0.9144)),
    (&["pound", "lb", "фунт"], Some(0.453_592)),
    (&["ounce", "oz", "унци", "унці"], Some(28.349_5)),
    (&["gallon", "галлон", "галон"], Some(3.785_41)),
    (&["acre", "акр"], Some(0.404_686)),
    (&["fahrenheit", "degree", "°", "фаренгейт", "градус"], None),
];

/// Square and cubic measures: every length unit.
const SQUARE: [&str; 2] = ["sq", "cubic"];

/// The units of [`CONVERTED_UNITS`] a text names, one bit each (0: none, nothing is
/// converted).
fn measures(text: &str) -> u16 {
    let lower = crate::lang::to_lower(text);
    let mut units = 0;
    for w in lower
        .split(|c: char| !(crate::lang::is_alphanumeric(c) || c == '°'))
        .filter(|w| !w.is_empty())
    {
        let w = w.trim_start_matches(|c: char| c.is_ascii_digit());
        for (k, (starts, _)) in CONVERTED_UNITS.iter().enumerate() {
            if starts.iter().any(|u| w.starts_with(u)) {
                units |= 1 << k;
            }
        }
        if SQUARE.iter().any(|u| w.starts_with(u)) {
            units |= 0b1111; // inch, mile, foot, yard
        }
    }
    units
}

/// Whether one quantity is the other converted between the `units` (a mask of
/// [`measures`]), within rounding (5%, or one unit of the rounded value).
fn converted(a: &str, b: &str, units: u16) -> bool {
    let (Ok(x), Ok(y)) = (a.parse::<f64>(), b.parse::<f64>()) else {
        return false;
    };
    if x <= 0.0 || y <= 0.0 {
        return false;
    }
    let close = |c: f64, v: f64| (c - v).abs() <= (0.05 * c.abs()).max(1.0);
    let named = |k: usize| units & (1 << k) != 0;
    for (k, (_, factor)) in CONVERTED_UNITS.iter().enumerate() {
        if !named(k) {
            continue;
        }
        let Some(f) = factor else {
            // `80s` = `27 градусов`; not small numbers.
            if (close((x - 32.0) * 5.0 / 9.0, y) || close((y - 32.0) * 5.0 / 9.0, x))
                && (x >= 40.0 || y >= 40.0)
            {
                return true;
            }
            continue;
        };
        if [(x * f, y), (y * f, x)]
            .iter()
            .any(|&(c, v)| (c - v).abs() <= (0.05 * c).max(if v >= 5.0 { 1.0 } else { 0.0 }))
        {
            return true;
        }
    }
    false
}

/// Removes each lost number that `same` pairs with an added one, and that added one.
fn cancel(lost: &mut Vec<&String>, added: &mut Vec<&String>, same: impl Fn(&str, &str) -> bool) {
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

/// A clock time and the same digits with a period for a colon: `11:15` = `11.15`.
fn same_clock(a: &str, b: &str) -> bool {
    let (clock, other) = if a.contains(':') { (a, b) } else { (b, a) };
    clock.len() == other.len() && clock.contains(':') && clock.replace(':', ".") == other
}

/// Whether one number may have been changed into the other: two months, or numbers with
/// the same count of digits (at least two), a number and ten (a hundred, ...) times it
/// (`30` and `300` or `3`); and, when `loose`, also two one-digit numbers.
fn comparable(a: &str, b: &str, loose: bool) -> bool {
    let month = |t: &str| t.starts_with('m');
    if month(a) || month(b) {
        return month(a) && month(b);
    }
    let digits = |t: &str| t.bytes().filter(u8::is_ascii_digit).count();
    if digits(a) == digits(b) && digits(a) >= 2 {
        return true;
    }
    let (Ok(x), Ok(y)) = (a.parse::<f64>(), b.parse::<f64>()) else {
        return false;
    };
    // Ten, a hundred... times the other: no unit converts so (those that do, `cm` and
    // `mm`, are on both sides), whatever units the texts name.
    let tenfold = |x: f64, y: f64| {
        let r = x / y;
        r >= 10.0 && (r.log10() - r.log10().round()).abs() < 1e-9
    };
    if x > 0.0 && y > 0.0 && (tenfold(x, y) || tenfold(y, x)) {
        return true;
    }
    loose && digits(a) == 1 && digits(b) == 1
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
