//! Property tests of `polyalign::qa::Checker` on arbitrary trios of texts: it never
//! panics, and every finding points inside the report.
//!
//! - each finding's units lie inside the alignment, and a document-level finding (no
//!   units) has no positions;
//! - a finding has one position and one text per version, in version order; a position's
//!   sentence range lies inside its version (an empty range may sit at its end), with
//!   paragraphs and lines counted from 1;
//! - a position's text is its sentences joined by a space;
//! - findings are sorted by their first unit;
//! - with `--ignore` of every kind, nothing is reported.
//!
//! Texts are built from words in Latin and Cyrillic letters (Russian and Ukrainian ones),
//! numbers in several spellings, names, quotes, brackets, sentence ends and paragraph
//! breaks, so that every check has something to look at.

mod common;
use common::proptest_config;

use polyalign::lang::Lang;
use polyalign::qa::{CheckConfig, Checker, Kind, Report, Version};
use proptest::prelude::*;

const PIECES: &[&str] = &[
    "the",
    "bridge",
    "opened",
    "Noem",
    "CECOT",
    "NBC",
    "News",
    "said",
    "in",
    "March",
    "26",
    "84,000",
    "1798",
    "$2.3",
    "million",
    "4",
    "p.m.",
    "мост",
    "открыли",
    "Ноэм",
    "посетила",
    "тыс.",
    "марта",
    "г.",
    "что",
    "это",
    "был",
    "міст",
    "відкрили",
    "Ноем",
    "відвідала",
    "тис.",
    "березня",
    "р.",
    "що",
    "це",
    "був",
    "і",
    "ї",
    "є",
    "ы",
    "«",
    "»",
    "\"",
    "(",
    ")",
    ",",
    ":",
    ".",
    "!",
    "?",
    "...",
    "—",
    "Read also:",
    "Читайте также:",
    "\n",
    "\n\n",
    "US",
    "США",
    "%",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            8 => prop::sample::select(PIECES).prop_map(str::to_string),
            1 => "[a-zA-Zа-яА-ЯіїєґІЇЄҐ0-9 .,!?«»()\n]{0,12}",
        ],
        0..60,
    )
    .prop_map(|v| v.join(" "))
}

fn check_invariants(report: &Report) -> Result<(), TestCaseError> {
    let units = report.alignment.units.len();
    let mut last = 0;
    for f in &report.findings {
        prop_assert!(f.units.end <= units, "{f:?}");
        prop_assert!(f.units.start >= last, "findings out of order");
        last = f.units.start;
        if f.units.is_empty() {
            prop_assert!(f.positions.is_empty());
            continue;
        }
        prop_assert_eq!(f.positions.len(), report.versions.len());
        prop_assert_eq!(f.texts.len(), report.versions.len());
        for (v, (pos, passage)) in f.positions.iter().zip(&f.texts).enumerate() {
            let info = &report.versions[v];
            prop_assert_eq!(pos.lang, info.lang);
            prop_assert_eq!(passage.lang, info.lang);
            let start = pos.sentence - 1;
            prop_assert!(
                start + pos.sentences <= info.sentences.max(start),
                "{pos:?}"
            );
            prop_assert!(pos.paragraph >= 1 && pos.line >= 1);
            if pos.sentences > 0 {
                let joined = report.documents[v].group_text(&(start..start + pos.sentences));
                prop_assert_eq!(passage.text.as_str(), joined.as_ref());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(proptest_config(96))]

    #[test]
    fn findings_point_inside_the_report(en in text(), ru in text(), uk in text()) {
        let versions = [
            Version::new(Lang::EN, "en", &en),
            Version::new(Lang::RU, "ru", &ru),
            Version::new(Lang::UK, "uk", &uk),
        ];
        let report = Checker::default().check(&versions).unwrap();
        check_invariants(&report)?;
        let mut ignore_all = CheckConfig::default();
        ignore_all.ignore = Kind::ALL.to_vec();
        let quiet = Checker::new(ignore_all).check(&versions).unwrap();
        prop_assert!(quiet.findings.is_empty());
    }

    #[test]
    fn two_versions_and_a_swapped_reference_hold_too(en in text(), uk in text()) {
        let versions = [Version::new(Lang::UK, "uk", &uk), Version::new(Lang::EN, "en", &en)];
        let report = Checker::default().check(&versions).unwrap();
        check_invariants(&report)?;
    }
}
