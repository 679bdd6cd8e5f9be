//! Unit tests of the memory: lookups, ranking, errors.

use super::*;
use crate::tmx::Prop;

fn tu(en: &str, ru: &str) -> Tu {
    Tu::new().with_variant("en", en).with_variant("ru", ru)
}

fn memory() -> TranslationMemory {
    let mut tm = TranslationMemory::new();
    for (en, ru) in [
        (
            "Noem visited a prison in El Salvador.",
            "Ноэм посетила тюрьму в Сальвадоре.",
        ),
        (
            "Noem visited a prison in Honduras.",
            "Ноэм посетила тюрьму в Гондурасе.",
        ),
        (
            "noem visited a prison in el salvador",
            "ноэм посетила тюрьму в сальвадоре",
        ),
        ("The bridge opened on 14 May.", "Мост открылся 14 мая."),
        (
            "Completely unrelated text about the weather today.",
            "Погода.",
        ),
    ] {
        tm.add(&tu(en, ru), "m.tmx");
    }
    tm
}

#[test]
fn ranks_by_score_then_characters_then_order() {
    let tm = memory();
    let cfg = LookupConfig { min: 50, max: 10 };
    let m = tm
        .lookup(
            "Noem visited a prison in El Salvador.",
            Lang::EN,
            Lang::RU,
            &cfg,
        )
        .unwrap();
    let got: Vec<(u8, usize)> = m.iter().map(|m| (m.score, m.unit)).collect();
    // Identical: 100; the same after normalisation: 99; 2 words of 7 changed: 71.
    assert_eq!(got, [(100, 0), (99, 2), (71, 1)]);
    assert_eq!(m[0].target, "Ноэм посетила тюрьму в Сальвадоре.");
}

#[test]
fn max_and_min_limit_the_matches() {
    let tm = memory();
    let q = "Noem visited a prison in El Salvador.";
    let m = tm
        .lookup(q, Lang::EN, Lang::RU, &LookupConfig { min: 50, max: 1 })
        .unwrap();
    assert_eq!(m.len(), 1);
    let m = tm
        .lookup(q, Lang::EN, Lang::RU, &LookupConfig { min: 100, max: 5 })
        .unwrap();
    assert_eq!(m.len(), 1);
    let m = tm
        .lookup(
            "Nothing like it at all",
            Lang::EN,
            Lang::RU,
            &LookupConfig::default(),
        )
        .unwrap();
    assert!(m.is_empty());
}

#[test]
fn origin_names_file_tuid_and_document() {
    let mut tm = TranslationMemory::new();
    let mut unit = tu("Hello there.", "Привет.");
    unit.tuid = Some("42".into());
    unit.props.push(Prop::new("x-document", "cecot"));
    tm.add(&unit, "a.tmx");
    let m = tm
        .lookup("Hello there!", Lang::EN, Lang::RU, &LookupConfig::default())
        .unwrap();
    assert_eq!(
        m[0].origin,
        Origin {
            file: "a.tmx".into(),
            tuid: Some("42".into()),
            document: Some("cecot".into())
        }
    );
    assert_eq!(m[0].score, 99);
}

#[test]
fn bad_lookups_are_errors() {
    let empty = TranslationMemory::new();
    let cfg = LookupConfig::default();
    let e = empty.lookup("x", Lang::EN, Lang::RU, &cfg).unwrap_err();
    assert!(matches!(e, TmError::Empty { .. }), "{e}");
    let tm = memory();
    let e = tm.lookup("x", Lang::EN, Lang::UK, &cfg).unwrap_err();
    assert_eq!(
        e.to_string(),
        "m.tmx: no Ukrainian (uk) text; the memory has en (5 texts), ru (5 texts)"
    );
    let e = tm.lookup("  \t", Lang::EN, Lang::RU, &cfg).unwrap_err();
    assert!(matches!(e, TmError::EmptyQuery), "{e}");
    let e = tm
        .lookup("x", Lang::EN, Lang::RU, &LookupConfig { min: 0, max: 5 })
        .unwrap_err();
    assert!(matches!(e, TmError::Config(_)), "{e}");
    let mut split = TranslationMemory::new();
    split.add(
        &Tu::new().with_variant("en", "a").with_variant("ru", "б"),
        "s.tmx",
    );
    split.add(&Tu::new().with_variant("uk", "в"), "s.tmx");
    let e = split.lookup("a", Lang::RU, Lang::UK, &cfg).unwrap_err();
    assert!(matches!(e, TmError::NoPair { .. }), "{e}");
    assert!(e.to_string().contains("no unit has both ru and uk"), "{e}");
}

#[test]
fn indexed_lookup_equals_exhaustive_on_a_small_memory() {
    let tm = memory();
    for q in [
        "Noem visited a prison",
        "the bridge opened on 15 May.",
        "in in in in",
        "El Salvador",
        "Noem visited a prison in El Salvador today.",
    ] {
        for min in [1u8, 30, 50, 70, 90, 99, 100] {
            let cfg = LookupConfig { min, max: 10 };
            assert_eq!(
                tm.lookup(q, Lang::EN, Lang::RU, &cfg).unwrap(),
                tm.lookup_exhaustive(q, Lang::EN, Lang::RU, &cfg).unwrap(),
                "{q:?} {min}"
            );
        }
    }
}

#[test]
fn reverse_direction_and_extend() {
    let tm = memory();
    let m = tm
        .lookup(
            "Мост открылся 15 мая.",
            Lang::RU,
            Lang::EN,
            &LookupConfig::default(),
        )
        .unwrap();
    assert_eq!(m[0].target, "The bridge opened on 14 May.");
    assert_eq!(m[0].score, 75);
    let mut both = TranslationMemory::new();
    both.extend(&tm);
    both.extend(&tm);
    assert_eq!(both.len(), 10);
    assert_eq!(both.pair_count(Lang::EN, Lang::RU), 10);
}
