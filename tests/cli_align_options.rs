//! `polyalign align --format ladder`, `--pivot` and `--link-types`.
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::align::*;
use common::{no_panic, polyalign, stdout_of};

use predicates::prelude::*;
use predicates::str::contains;

#[test]
fn ladder_format_has_a_header_per_pair_and_vecalign_lines() {
    let dir = trio();
    let assert = polyalign(dir.path())
        .args([
            "align", "a.en.txt", "a.ru.txt", "a.uk.txt", "--format", "ladder",
        ])
        .assert()
        .success()
        .stderr(no_panic());
    let out = stdout_of(&assert);
    assert!(out.starts_with("# en-ru\n"), "{out}");
    let pairs = parse_ladder(&out);
    let names: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(names, ["en-ru", "en-uk", "ru-uk"]);
    assert_ladder_covers(&pairs[0].1, 6, 6);
    assert_ladder_covers(&pairs[1].1, 6, 5);
    assert_ladder_covers(&pairs[2].1, 6, 5);
    // en-ru is 1-1 throughout; the Holm sentence is unlinked in ru-uk.
    assert!(
        pairs[0]
            .1
            .iter()
            .all(|(s, t, _)| s.len() == 1 && t.len() == 1),
        "{out}"
    );
    assert!(
        pairs[2].1.iter().any(|(s, t, _)| s == &[4] && t.is_empty()),
        "{out}"
    );
}

#[test]
fn pivot_among_languages_works() {
    let dir = trio();
    for pivot in ["ru", "uk", "ua", "en"] {
        let assert = polyalign(dir.path())
            .args([
                "align", "a.en.txt", "a.ru.txt", "a.uk.txt", "--pivot", pivot,
            ])
            .assert()
            .success()
            .stderr(no_panic());
        let units = parse_units(&stdout_of(&assert));
        assert_ids_cover(&units, "en", 6);
        assert_ids_cover(&units, "ru", 6);
        assert_ids_cover(&units, "uk", 5);
        let holm = unit_with(&units, "ru", "Маргит Хольм");
        assert_eq!(row(holm, "uk").ids, "-", "pivot {pivot}");
    }
}

#[test]
fn pivot_not_among_languages_is_an_error() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "--pivot", "de"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("pivot").and(contains("de")).and(no_panic()));
    polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "--pivot", "klingon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(no_panic());
}

#[test]
fn link_types_restrict_the_links() {
    let dir = trio();
    let assert = polyalign(dir.path())
        .args([
            "align",
            "a.en.txt",
            "a.ru.txt",
            "a.uk.txt",
            "--link-types",
            "1-1,1-0,0-1",
            "--format",
            "ladder",
        ])
        .assert()
        .success()
        .stderr(no_panic());
    let out = stdout_of(&assert);
    let pairs = parse_ladder(&out);
    assert_eq!(pairs.len(), 3);
    for (_, links) in &pairs {
        for (s, t, _) in links {
            assert!(
                matches!((s.len(), t.len()), (1, 1) | (1, 0) | (0, 1)),
                "{s:?}:{t:?} in {out}"
            );
        }
    }
    assert_ladder_covers(&pairs[1].1, 6, 5);
}

#[test]
fn bad_link_types_are_errors() {
    let dir = trio();
    for types in ["9-x", "1-1,9-x", "", "1", "1-0,0-1", "1-1,0-0", "1-1,5-1"] {
        polyalign(dir.path())
            .args(["align", "a.en.txt", "a.ru.txt", "--link-types", types])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("link types").and(no_panic()));
    }
}

#[test]
fn dict_is_read_and_a_bad_line_is_an_error_with_its_line() {
    let dir = trio();
    std::fs::write(
        dir.path().join("good.dict"),
        "мост @ bridge\n# comment\n\nпаром @ ferry\n",
    )
    .unwrap();
    polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "--dict", "good.dict"])
        .assert()
        .success()
        .stderr(no_panic());
    std::fs::write(dir.path().join("bad.dict"), "мост @ bridge\nпаром ferry\n").unwrap();
    for command in ["align", "check"] {
        polyalign(dir.path())
            .args([command, "a.en.txt", "a.ru.txt", "--dict", "bad.dict"])
            .assert()
            .code(2)
            .stderr(contains("bad.dict:2: not `target @ source`").and(no_panic()));
    }
}
