//! `name`: names and Latin-script tokens present in some versions and not in another.
//!
//! The names of each unit are compared through [`missing_names`]: a Latin-script token or
//! an acronym that versions have and another lacks is a warning, a capitalised name
//! (perhaps spelled out or translated) information. Versions whose text is in the wrong
//! language there are left out, as the language family reports them.

use rayon::prelude::*;

use super::{Check, Context};
use crate::lang::Lang;
use crate::qa::names::{names_of, text_has, NameTable, Prepared};
use crate::qa::{Finding, Kind, Severity};
use std::cell::OnceCell;

/// The family of `name`.
pub(super) struct Names;

impl Check for Names {
    fn kinds(&self) -> &'static [Kind] {
        &[Kind::Name]
    }

    /// Compares the names of the versions, unit by unit; versions whose text is in the
    /// wrong language there ([`Context::flagged`]) are left out.
    fn run(&self, ctx: &Context, out: &mut Vec<Finding>) {
        let table = NameTable::builtin();
        // Unit by unit, in parallel; the findings come out in unit order.
        let per_unit: Vec<Vec<Finding>> = ctx
            .texts
            .par_iter()
            .enumerate()
            .with_min_len(UNITS_PER_TASK)
            .map(|(u, texts)| {
                let mut out = Vec::new();
                unit_names(ctx, table, u, texts, &mut out);
                out
            })
            .collect();
        out.extend(per_unit.into_iter().flatten());
    }
}

/// Whether two words start alike, whatever their scripts and endings (`Депфорді`,
/// `Дептфорда`, `Deptford`).
fn alike(a: &str, b: &str) -> bool {
    let (a, b) = (a.to_lowercase(), b.to_lowercase());
    let k = a.chars().count().min(b.chars().count()).max(3);
    let start = |w: &str| w.chars().take(k).collect::<String>();
    crate::anchors::translit::name_similarity(&start(&a), &start(&b)) >= 0.7
}

/// A Latin acronym: two to six capitals (digits allowed after the first).
fn is_latin_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n)
        && w.starts_with(|c: char| c.is_ascii_uppercase())
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// A Cyrillic acronym: two to six Cyrillic capitals.
fn is_cyrillic_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n)
        && w.chars()
            .all(|c| crate::lang::is_cyrillic_letter(c) && c.is_uppercase())
}

/// Units on either side where a version must name what it lacks in a unit for a
/// capitalised word of its own there to be a changed name.
const NEARBY: usize = 8;

/// Units one thread checks at least.
const UNITS_PER_TASK: usize = 256;

/// The name findings of unit `u`, whose texts per version are `texts`.
fn unit_names(
    ctx: &Context,
    table: &NameTable,
    u: usize,
    texts: &[std::borrow::Cow<'_, str>],
    out: &mut Vec<Finding>,
) {
    let shown: Vec<usize> = (0..ctx.versions())
        .filter(|&v| !texts[v].is_empty() && !ctx.flagged(v).contains(&u))
        .collect();
    let present: Vec<(Lang, &str)> = shown
        .iter()
        .map(|&v| (ctx.lang(v), texts[v].as_ref()))
        .collect();
    if present.len() < 2 {
        return;
    }
    // The units nearby, each version's text there made ready on first use.
    let window = u.saturating_sub(NEARBY)..(u + NEARBY + 1).min(ctx.texts.len());
    let prepared: Vec<Vec<OnceCell<Prepared>>> = (0..ctx.versions())
        .map(|_| window.clone().map(|_| OnceCell::new()).collect())
        .collect();
    for (names, &v) in names_of(&present, table).into_iter().zip(&shown) {
        let lang = names.lang;
        let mut lacking = names.lacking;
        // A name every other version has, missing here where this version has a
        // capitalised word none of the others has: the name was changed (`Вільяторо` →
        // `Мендоса`), a warning whatever the name's script.
        if present.len() >= 3 && !names.unmatched.is_empty() {
            let everyone = |n: &crate::qa::names::Lacking| {
                !n.alone && n.have.split(", ").count() == present.len() - 1
            };
            // The version names it in a unit nearby: it knows the name, and wrote
            // another one here (an exonym or a translated title is written the same way
            // throughout, never beside the name it replaces).
            let nearby = |name: &str| {
                window.clone().filter(|&k| k != u).any(|k| {
                    let text = prepared[v][k - window.start]
                        .get_or_init(|| Prepared::new(&ctx.texts[k][v]));
                    text_has(name, text, lang, table)
                })
            };
            let changed: Vec<&crate::qa::names::Lacking> = lacking
                .iter()
                .filter(|n| everyone(n) && nearby(&n.name))
                .collect();
            let names_changed: Vec<String> = changed.iter().map(|n| n.name.clone()).collect();
            // The word of its own is new here (a name written throughout, `Німеччини`
            // for `Germany`, is a translation), and not another spelling of the name
            // (`Депфорді` for `Дептфорда`).
            let own: Vec<&String> = names
                .unmatched
                .iter()
                .filter(|w| {
                    // (Nothing to look for nearby when no name was changed.)
                    !changed.is_empty() && changed.iter().all(|n| !alike(w, &n.name)) && !nearby(w)
                })
                .collect();
            let changed: Vec<String> = if own.is_empty() {
                Vec::new()
            } else {
                changed
                    .iter()
                    .map(|n| format!("{} ({})", n.name, n.have))
                    .collect()
            };
            if !changed.is_empty() {
                lacking.retain(|n| !names_changed.contains(&n.name));
                let message = format!(
                    "{lang} has {} where the others have {}: a changed name?",
                    own.iter()
                        .map(|w| w.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                    changed.join(", ")
                );
                out.push(ctx.finding(Kind::Name, Severity::Warning, vec![lang], u..u + 1, message));
            }
        }
        if lacking.is_empty() {
            continue;
        }
        // An acronym this version lacks where it has a Cyrillic acronym of its own (`TV` =
        // `ТБ`, `SCIS` = `ШРНШ`) was translated: information, not a warning.
        let own_acronym = {
            let others: Vec<&str> = present
                .iter()
                .filter(|(l, _)| *l != lang)
                .map(|(_, t)| *t)
                .collect();
            texts[v]
                .split(|c: char| !crate::lang::is_alphanumeric(c))
                .any(|w| is_cyrillic_acronym(w) && others.iter().all(|t| !t.contains(w)))
        };
        if own_acronym {
            for n in &mut lacking {
                if !n.alone && is_latin_acronym(&n.name) {
                    n.sure = false;
                }
            }
        }
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

#[cfg(test)]
mod tests {
    use super::super::tests::{check, clean_uk_with, WRONG_LANGUAGE};
    use crate::qa::{Kind, Severity};

    const UK: &str = include_str!("../../../tests/fixtures/check/clean.uk.txt");

    #[test]
    fn a_changed_name_is_a_warning_and_the_clean_trio_has_none() {
        let changed = check(
            &[
                EN.to_string(),
                RU.to_string(),
                clean_uk_with(&[("– запитав Ліндквіст.", "– запитав Мендоса.")]),
            ],
            Vec::new(),
        );
        let names: Vec<_> = changed
            .iter()
            .filter(|f| f.kind == Kind::Name && f.severity == Severity::Warning)
            .collect();
        assert_eq!(names.len(), 1, "{changed:#?}");
        assert!(names[0].message.contains("Мендоса"), "{}", names[0].message);
        assert!(
            names[0].message.contains("Линдквист (en, ru)"),
            "{}",
            names[0].message
        );
        assert_eq!(names[0].langs, [crate::lang::Lang::UK]);
        // The versions as written: no changed name.
        let clean = check(
            &[EN.to_string(), RU.to_string(), UK.to_string()],
            Vec::new(),
        );
        assert!(
            clean.iter().all(|f| !f.message.contains("changed name")),
            "{clean:#?}"
        );
    }

    const EN: &str = include_str!("../../../tests/fixtures/check/clean.en.txt");
    const RU: &str = include_str!("../../../tests/fixtures/check/clean.ru.txt");

    #[test]
    fn a_version_in_the_wrong_language_is_left_out_of_the_names_there() {
        // The Ukrainian version has an English sentence there, with names of its own
        // (`Brussels`) and without the others' (`Scandinavian`): one `language` error,
        // and no `name` finding about it.
        let texts = [
            EN.to_string(),
            RU.to_string(),
            clean_uk_with(WRONG_LANGUAGE),
        ];
        let all = check(&texts, Vec::new());
        let language: Vec<_> = all.iter().filter(|f| f.kind == Kind::Language).collect();
        assert_eq!(language.len(), 1, "{all:#?}");
        assert_eq!(language[0].severity, Severity::Error);
        assert!(all.iter().all(|f| f.kind != Kind::Name), "{all:#?}");
        // The name check still knows where the text is in the wrong language when
        // `language` and `untranslated` findings are not wanted.
        let names = check(&texts, vec![Kind::Language, Kind::Untranslated]);
        assert!(names.iter().all(|f| f.kind != Kind::Name), "{names:#?}");
    }
}
