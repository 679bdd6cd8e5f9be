//! An ignored kind is left out, and nothing else changes: for every kind `K`, checking
//! with `ignore = [K]` gives the findings of a check that ignores nothing, less those of
//! kind `K`; and ignoring every kind but `K` gives only those.

use crate::lang::Lang;
use crate::qa::{CheckConfig, Checker, Finding, Kind, Version};

const SAMPLE_EN: &str = include_str!("../../../samples/harbour-bridge.en.txt");
const SAMPLE_RU: &str = include_str!("../../../samples/harbour-bridge.ru.txt");
const SAMPLE_UK: &str = include_str!("../../../samples/harbour-bridge.uk.txt");
const CLEAN_EN: &str = include_str!("../../../tests/fixtures/check/clean.en.txt");
const CLEAN_RU: &str = include_str!("../../../tests/fixtures/check/clean.ru.txt");
const CLEAN_UK: &str = include_str!("../../../tests/fixtures/check/clean.uk.txt");
const DROPPED_RU: &str = include_str!("../../../tests/fixtures/check/dropped.ru.txt");
const NUMBER_UK: &str = include_str!("../../../tests/fixtures/check/number.uk.txt");
const RUSSIAN_UK: &str = include_str!("../../../tests/fixtures/check/russian.uk.txt");
const SWAPPED_UK: &str = include_str!("../../../tests/fixtures/check/swapped.uk.txt");
const UNTRANSLATED_UK: &str = include_str!("../../../tests/fixtures/check/untranslated.uk.txt");

/// The sample trio, the clean trio and each fixture with the two other clean versions.
const TRIOS: [(&str, [&str; 3]); 7] = [
    ("samples", [SAMPLE_EN, SAMPLE_RU, SAMPLE_UK]),
    ("clean", [CLEAN_EN, CLEAN_RU, CLEAN_UK]),
    ("dropped.ru", [CLEAN_EN, DROPPED_RU, CLEAN_UK]),
    ("number.uk", [CLEAN_EN, CLEAN_RU, NUMBER_UK]),
    ("russian.uk", [CLEAN_EN, CLEAN_RU, RUSSIAN_UK]),
    ("swapped.uk", [CLEAN_EN, CLEAN_RU, SWAPPED_UK]),
    ("untranslated.uk", [CLEAN_EN, CLEAN_RU, UNTRANSLATED_UK]),
];

/// A sentence of the Ukrainian version replaced by an English one with names of its own:
/// a `language` finding whose unit the name check leaves out.
pub(super) const WRONG_LANGUAGE: &[(&str, &str)] = &[(
    "Близько 60% коштів надав Європейський Союз, а решту покрили міський бюджет і кредит консорціуму скандинавських банків.",
    "About 60% came from Brussels, the rest from Nordea and Handelsbanken loans.",
)];

/// Three sentences of the Ukrainian version cut short: units far out in length that the
/// aligner also doubts, `missing` warnings (a part left out) and not `confidence` ones.
const SHORTENED: &[(&str, &str)] = &[
    (
        "Церемонію в прямому ефірі транслювало місцеве телебачення, її також показували на сайті міськради.",
        "Було весело.",
    ),
    (
        "Генеральний підрядник – нідерландська компанія Van der Berg Infra – спочатку обіцяв завершити роботи до кінця 2022 р.",
        "Підрядник запізнився.",
    ),
    (
        "Близько 60% коштів надав Європейський Союз, а решту покрили міський бюджет і кредит консорціуму скандинавських банків.",
        "Гроші дали.",
    ),
];

/// A sentence of the Ukrainian version cut in half, which the aligner merges with the
/// next: a unit a third shorter than the others predict, a `length` finding.
const TRIMMED: &[(&str, &str)] = &[(
    "Близько 60% коштів надав Європейський Союз, а решту покрили міський бюджет і кредит консорціуму скандинавських банків.",
    "Близько 60% коштів надав Європейський Союз.",
)];

/// A sentence of the Ukrainian version replaced by an unrelated one of its length: a
/// `confidence` finding.
const UNRELATED: &[(&str, &str)] = &[(
    "Міст має чотири смуги для автомобілів, а також окрему велодоріжку й пішохідний тротуар з кожного боку.",
    "Минулого тижня в місцевому зоопарку народилося двоє левенят, і відвідувачі вже можуть їх побачити.",
)];

/// The clean Ukrainian version with the `(old, new)` replacements made.
pub(super) fn clean_uk_with(replacements: &[(&str, &str)]) -> String {
    let mut uk = CLEAN_UK.to_string();
    for (old, new) in replacements {
        assert!(uk.contains(old), "{old}");
        uk = uk.replace(old, new);
    }
    uk
}

/// Every trio to compare checks on: [`TRIOS`], and the clean trio with the Ukrainian
/// version changed as [`WRONG_LANGUAGE`], [`SHORTENED`], [`TRIMMED`] and [`UNRELATED`] say.
fn trios() -> Vec<(&'static str, [String; 3])> {
    let mut trios: Vec<(&str, [String; 3])> = TRIOS
        .iter()
        .map(|(name, texts)| (*name, texts.map(String::from)))
        .collect();
    for (name, replacements) in [
        ("wrong language", WRONG_LANGUAGE),
        ("shortened", SHORTENED),
        ("trimmed", TRIMMED),
        ("unrelated", UNRELATED),
    ] {
        let uk = clean_uk_with(replacements);
        trios.push((name, [CLEAN_EN.to_string(), CLEAN_RU.to_string(), uk]));
    }
    trios
}

/// The findings on an English, a Russian and a Ukrainian text.
pub(super) fn check(texts: &[String; 3], ignore: Vec<Kind>) -> Vec<Finding> {
    let versions: Vec<Version> = [Lang::EN, Lang::RU, Lang::UK]
        .into_iter()
        .zip(texts)
        .map(|(lang, text)| Version::new(lang, lang.code(), text))
        .collect();
    let config = CheckConfig {
        ignore,
        ..CheckConfig::default()
    };
    Checker::new(config).check(&versions).unwrap().findings
}

#[test]
fn an_ignored_kind_is_left_out_and_nothing_else_changes() {
    for (name, texts) in &trios() {
        let all = check(texts, Vec::new());
        for kind in Kind::ALL {
            let without: Vec<Finding> = all.iter().filter(|f| f.kind != kind).cloned().collect();
            assert_eq!(
                check(texts, vec![kind]),
                without,
                "{name}: ignoring {kind} changed other findings"
            );
            let only: Vec<Finding> = all.iter().filter(|f| f.kind == kind).cloned().collect();
            let others = Kind::ALL.into_iter().filter(|&k| k != kind).collect();
            assert_eq!(
                check(texts, others),
                only,
                "{name}: ignoring every kind but {kind} changed its findings"
            );
        }
        assert_eq!(check(texts, Kind::ALL.to_vec()), [], "{name}");
    }
}

#[test]
fn the_trios_have_findings_of_most_kinds() {
    // The test above means little on findings of few kinds.
    let mut kinds: Vec<Kind> = trios()
        .iter()
        .flat_map(|(_, texts)| check(texts, Vec::new()))
        .map(|f| f.kind)
        .collect();
    kinds.sort();
    kinds.dedup();
    assert_eq!(kinds, Kind::ALL, "{kinds:?}");
}
