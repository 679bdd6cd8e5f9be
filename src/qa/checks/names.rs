//! `name`: names and Latin-script tokens present in some versions and not in another.
//!
//! The names of each unit are compared through [`missing_names`]: a Latin-script token or
//! an acronym that versions have and another lacks is a warning, a capitalised name
//! (perhaps spelled out or translated) information. Versions whose text is in the wrong
//! language there are left out, as the language family reports them.

use rayon::prelude::*;

use super::{Check, Context};
use crate::lang::Lang;
use crate::qa::names::{missing_names, NameTable};
use crate::qa::{Finding, Kind, Severity};

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
    let present: Vec<(Lang, &str)> = (0..ctx.versions())
        .filter(|&v| !texts[v].is_empty() && !ctx.flagged(v).contains(&u))
        .map(|v| (ctx.lang(v), texts[v].as_ref()))
        .collect();
    if present.len() < 2 {
        return;
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

#[cfg(test)]
mod tests {
    use super::super::tests::{check, clean_uk_with, WRONG_LANGUAGE};
    use crate::qa::{Kind, Severity};

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
