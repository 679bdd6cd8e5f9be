//! What `polyalign align` accepts: languages from `--langs` or the file names, and the
//! errors for bad input (too few files, unknown languages, invalid UTF-8, binary or missing
//! files, text in the wrong script).
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::align::*;
use common::{dir_with, no_panic, polyalign, stdout_of};

use predicates::prelude::*;
use predicates::str::contains;

// ---------------------------------------------------------------------------------------
// align: languages
// ---------------------------------------------------------------------------------------

#[test]
fn langs_flag_accepts_ua() {
    let dir = trio();
    let assert = polyalign(dir.path())
        .args([
            "align",
            "first.txt",
            "second.txt",
            "third.txt",
            "--langs",
            "en,ru,ua",
        ])
        .assert()
        .success()
        .stderr(no_panic());
    let units = parse_units(&stdout_of(&assert));
    assert_ids_cover(&units, "uk", 5);
    let holm = unit_with(&units, "en", "Margit Holm");
    assert_eq!(row(holm, "uk").ids, "-");
}

#[test]
fn langs_from_file_names_including_ua() {
    let dir = dir_with(&[
        ("news_en.txt", EN.as_bytes()),
        ("news-ua.txt", UK.as_bytes()),
    ]);
    let assert = polyalign(dir.path())
        .args(["align", "news_en.txt", "news-ua.txt"])
        .assert()
        .success()
        .stderr(no_panic());
    let units = parse_units(&stdout_of(&assert));
    assert_ids_cover(&units, "en", 6);
    assert_ids_cover(&units, "uk", 5);
}

#[test]
fn unknown_language_asks_for_langs() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "first.txt", "second.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("--langs")
                .and(contains("first.txt"))
                .and(no_panic()),
        );
    // One file named, the other not.
    polyalign(dir.path())
        .args(["align", "a.en.txt", "second.txt"])
        .assert()
        .code(2)
        .stderr(
            contains("--langs")
                .and(contains("second.txt"))
                .and(no_panic()),
        );
}

#[test]
fn langs_count_mismatch_is_an_error() {
    let dir = trio();
    for langs in ["en", "en,ru,uk"] {
        polyalign(dir.path())
            .args(["align", "first.txt", "second.txt", "--langs", langs])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("--langs").and(no_panic()));
    }
}

#[test]
fn bad_language_code_is_an_error() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "first.txt", "second.txt", "--langs", "en,klingon"])
        .assert()
        .code(2)
        .stderr(contains("klingon").and(no_panic()));
}

#[test]
fn fewer_than_two_files_is_an_error() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "a.en.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("two files").and(no_panic()));
    polyalign(dir.path())
        .args(["align"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(no_panic());
}

// ---------------------------------------------------------------------------------------
// align: bad input
// ---------------------------------------------------------------------------------------

#[test]
fn invalid_utf8_names_the_file_and_byte() {
    let mut bad = b"\xd0\x9f\xd1\x80\xd0\xb8\xd0\xb2\xd0\xb5\xd1\x82.\n".to_vec(); // `Привет.`
    bad.extend_from_slice(b"\xff\xfe broken.\n");
    let dir = dir_with(&[("a.en.txt", EN.as_bytes()), ("bad.ru.txt", &bad)]);
    polyalign(dir.path())
        .args(["align", "a.en.txt", "bad.ru.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("bad.ru.txt")
                .and(contains("UTF-8"))
                .and(contains("byte 14"))
                .and(no_panic()),
        );
}

#[test]
fn binary_file_is_an_error() {
    let dir = dir_with(&[
        ("a.en.txt", EN.as_bytes()),
        ("blob.ru.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
    ]);
    polyalign(dir.path())
        .args(["align", "a.en.txt", "blob.ru.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("blob.ru.txt")
                .and(contains("NUL"))
                .and(contains("byte 8"))
                .and(no_panic()),
        );
}

#[test]
fn missing_file_is_an_error() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "a.en.txt", "nowhere.ru.txt"])
        .assert()
        .code(2)
        .stderr(contains("nowhere.ru.txt").and(no_panic()));
}

#[test]
fn text_in_the_wrong_script_gets_a_warning_and_still_aligns() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "--langs", "ru,en", "a.en.txt", "a.ru.txt"])
        .assert()
        .success()
        .stderr(contains("a.en.txt: only 0% of its letters are Cyrillic"))
        .stderr(contains("is the language right?"))
        .stderr(no_panic());
}
