//! `polyalign align -o FILE`: TSV, JSONL and TMX files written whole and never over an
//! input, and the TMX options (`--min-score`, `--skip-identical`, `--pairs`, `--srclang`).
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::align::trio;
use common::{load_tmx, no_panic, polyalign, validate_with_xmllint, write};

use predicates::str::contains;

#[test]
fn output_files_in_tsv_and_jsonl_are_written_whole_and_never_over_an_input() {
    let dir = trio();
    let run = |args: &[&str]| polyalign(dir.path()).args(args).assert();
    run(&["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "-o", "out.tsv"]).success();
    let tsv = std::fs::read_to_string(dir.path().join("out.tsv")).expect("tsv written");
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("en\tru\tuk\tscore"));
    assert!(lines.all(|l| l.split('\t').count() == 4), "{tsv}");

    run(&["align", "a.en.txt", "a.ru.txt", "-o", "out.jsonl"]).success();
    let jsonl = std::fs::read_to_string(dir.path().join("out.jsonl")).expect("jsonl written");
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        assert!(v["en"]["ids"].is_array() && v["ru"]["text"].is_string() && v["score"].is_number());
    }

    let before = std::fs::read(dir.path().join("a.ru.txt")).expect("input");
    run(&["align", "a.en.txt", "a.ru.txt", "-o", "a.ru.txt"])
        .code(2)
        .stderr(contains("is an input"));
    assert_eq!(
        std::fs::read(dir.path().join("a.ru.txt")).expect("input"),
        before
    );
    run(&["align", "a.en.txt", "a.ru.txt", "-o", "out.xyz"])
        .code(2)
        .stderr(contains("cannot tell the format"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn tmx_output_holds_one_unit_per_translation_unit() {
    let dir = trio();
    polyalign(dir.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "-o", "a.tmx"])
        .assert()
        .success()
        .stderr(no_panic());
    let path = dir.path().join("a.tmx");
    let tmx = load_tmx(&path);
    assert_eq!(tmx.header.srclang, "en");
    assert_eq!(tmx.header.creationdate.as_deref(), Some("20231114T221320Z"));
    let holm = tmx
        .units
        .iter()
        .find(|u| u.text("en").is_some_and(|t| t.contains("Margit Holm")))
        .expect("the Holm unit");
    assert!(holm.text("ru").is_some_and(|t| t.contains("Хольм")));
    assert_eq!(
        holm.text("uk"),
        None,
        "the sentence uk leaves out has no uk variant"
    );
    let kinds: Vec<&str> = tmx
        .units
        .iter()
        .flat_map(|u| u.props.iter().filter(|p| p.kind == "x-link-type"))
        .map(|p| p.value.as_str())
        .collect();
    assert!(kinds.contains(&"1-1-0"), "{kinds:?}");
    let ids: Vec<Option<&str>> = tmx.units.iter().map(|u| u.tuid.as_deref()).collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "tuids are unique");
    validate_with_xmllint(&[&path]);
}

#[test]
fn tmx_options_filter_units_and_write_bilingual_files() {
    let dir = trio();
    let run = |args: &[&str]| polyalign(dir.path()).args(args).assert();
    let count = |name: &str| load_tmx(dir.path().join(name)).units.len();
    run(&["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "-o", "all.tmx"]).success();
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "a.uk.txt",
        "-o",
        "sure.tmx",
        "--min-score",
        "0.5",
    ])
    .success();
    // A unit whose uk sentence is missing keeps the score of its en-ru link (it used to
    // score the 0.05 of its 1-0 links and be filtered out).
    let sure = load_tmx(dir.path().join("sure.tmx"));
    assert_eq!(sure.units.len(), count("all.tmx"));
    let holm = sure
        .units
        .iter()
        .find(|u| u.text("en").is_some_and(|t| t.contains("Margit Holm")))
        .expect("the unit without uk is kept at --min-score 0.5");
    let prop = |kind: &str| {
        holm.props
            .iter()
            .find(|p| p.kind == kind)
            .map(|p| p.value.parse::<f64>().unwrap())
    };
    assert!(prop("x-score").unwrap() > 0.9, "{:?}", holm.props);
    assert!(prop("x-score-en-ru").unwrap() > 0.9, "{:?}", holm.props);
    assert!(prop("x-score-en-uk").is_some(), "{:?}", holm.props);
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "a.uk.txt",
        "-o",
        "surest.tmx",
        "--min-score",
        "0.999",
    ])
    .success()
    .stderr(contains("scoring below 0.999"));
    assert!(count("surest.tmx") < count("all.tmx"));
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "a.uk.txt",
        "-o",
        "p.tmx",
        "--pairs",
        "--srclang",
        "ru",
    ])
    .success();
    for pair in ["en-ru", "en-uk", "ru-uk"] {
        let tmx = load_tmx(dir.path().join(format!("p.{pair}.tmx")));
        assert!(tmx.units.iter().all(|u| u.variants.len() <= 2), "{pair}");
    }
    run(&["align", "a.en.txt", "a.ru.txt", "--pairs"])
        .code(2)
        .stderr(contains("give -o FILE.tmx"));
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "-o",
        "x.tmx",
        "--srclang",
        "de",
    ])
    .code(2)
    .stderr(contains("not one of the languages"));
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "-o",
        "x.tmx",
        "--min-score",
        "2",
    ])
    .code(2);
    let same = "Nordhaven\n\nThe bridge opened on 14 May.\n";
    write(dir.path(), "s.en.txt", same);
    write(
        dir.path(),
        "s.ru.txt",
        "Nordhaven\n\nМост открылся 14 мая.\n",
    );
    run(&[
        "align",
        "s.en.txt",
        "s.ru.txt",
        "-o",
        "s.tmx",
        "--skip-identical",
    ])
    .success()
    .stderr(contains("identical in every language"));
    assert_eq!(count("s.tmx"), 1);
}
