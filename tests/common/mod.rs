//! The harness of the integration tests, one module that every file in `tests/` includes
//! with `mod common;`:
//!
//! - the binary: [`polyalign`] runs it in a directory (a [`temp_dir`], or one made by
//!   [`dir_with`] holding the given files); [`no_panic`] and [`stdout_of`] read what it did;
//! - the repository's files: [`repo_path`], [`fixture`] (under `tests/fixtures`, described
//!   in their README files) and [`check_trio`] (the fault-injected trios of `check`);
//! - what the binary writes, checked from outside: [`load_tmx`], and
//!   [`validate_with_xmllint`] against the TMX 1.4b DTD;
//! - tools the tests use but do not build (`xmllint`, Chromium): [`tool_missing`] skips a
//!   check with a note, or fails it under `CI=true`;
//! - property tests: [`cases`] and [`proptest_config`];
//! - [`align`]: the Nordhaven article in three languages and readers of `align`'s outputs.
//!
//! Each test file uses part of it, hence `dead_code` is allowed here.

#![allow(dead_code)]

pub mod align;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use polyalign::lang::Lang;
use polyalign::tmx::Tmx;
use predicates::prelude::*;
use predicates::str::contains;
use proptest::test_runner::Config as ProptestConfig;
use tempfile::TempDir;

/// The `polyalign` binary, run in `dir`.
pub fn polyalign(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("polyalign").expect("binary `polyalign` is built");
    cmd.current_dir(dir);
    cmd
}

/// An empty temporary directory, removed when dropped.
pub fn temp_dir() -> TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// A temporary directory holding the given files (name, content).
pub fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = temp_dir();
    for (name, content) in files {
        write(dir.path(), name, content);
    }
    dir
}

/// Writes `content` to the file `name` in `dir`; returns its path.
pub fn write(dir: &Path, name: &str, content: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap_or_else(|e| panic!("write {}: {e}", path.display()));
    path
}

/// Standard error that shows no panic of the binary.
pub fn no_panic() -> impl Predicate<str> {
    contains("panicked").not()
}

/// The standard output of a run, as text.
pub fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("stdout is UTF-8")
}

/// A path inside the repository (`samples/harbour-bridge.en.txt`).
pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// A file under `tests/fixtures` (`check/clean.en.txt`, `tmx/tmx14.dtd`).
pub fn fixture(relative: &str) -> PathBuf {
    repo_path("tests/fixtures").join(relative)
}

/// The clean trio of `tests/fixtures/check` (en, ru, uk) with one version replaced by a
/// faulty one: `check_trio("number.uk.txt")` is `clean.en.txt`, `clean.ru.txt`,
/// `number.uk.txt`.
pub fn check_trio(faulty: &str) -> Vec<PathBuf> {
    let lang = faulty
        .split('.')
        .nth(1)
        .expect("faulty file is NAME.LANG.txt");
    ["en", "ru", "uk"]
        .iter()
        .map(|&l| {
            if l == lang {
                fixture(&format!("check/{faulty}"))
            } else {
                fixture(&format!("check/clean.{l}.txt"))
            }
        })
        .collect()
}

/// A TMX file read back with the library's reader; fails the test if it does not read.
pub fn load_tmx(path: impl AsRef<Path>) -> Tmx {
    let path = path.as_ref();
    polyalign::tmx::read_tmx_file(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Whether the tests run in continuous integration: `CI=true` (or `CI=1`) in the
/// environment, as CI services and `.ci/run` set it.
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true") || v == "1")
}

/// A tool a test needs is not installed: under `CI=true` the test fails with a message
/// that says how to install it; elsewhere it prints a note and the caller skips the check.
#[track_caller]
pub fn tool_missing(tool: &str, what: &str, install: &str) {
    assert!(
        !in_ci(),
        "{tool} is not installed, and CI=true requires it: {what} must run in CI ({install})"
    );
    println!("note: {tool} is not installed: {what} skipped ({install})");
}

/// Validates TMX files against the TMX 1.4b DTD (`tests/fixtures/tmx/tmx14.dtd`) with
/// `xmllint`, in batches of 100. Without `xmllint`, see [`tool_missing`].
#[track_caller]
pub fn validate_with_xmllint<P: AsRef<Path>>(files: &[P]) {
    use std::process::Command;
    if Command::new("xmllint").arg("--version").output().is_err() {
        tool_missing(
            "xmllint",
            "DTD validation of TMX files",
            "apt-get install libxml2-utils",
        );
        return;
    }
    let dtd = fixture("tmx/tmx14.dtd");
    for chunk in files.chunks(100) {
        let out = Command::new("xmllint")
            .args(["--noout", "--nonet", "--dtdvalid"])
            .arg(&dtd)
            .args(chunk.iter().map(AsRef::as_ref))
            .output()
            .expect("xmllint runs");
        assert!(
            out.status.success(),
            "xmllint: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// Cases per property: `default`, or `PROPTEST_CASES` from the environment for longer
/// hunts.
pub fn cases(default: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// A proptest configuration with `cases` cases and no failure persistence (the tests
/// write no files into the repository).
pub fn proptest_config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A language without rules of its own (German): the generic rules.
pub fn generic_lang() -> Lang {
    "de".parse().expect("de is an ISO 639-1 code")
}
