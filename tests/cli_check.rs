//! `polyalign check` run as a binary on trios with injected faults
//! (tests/fixtures/check, described in tests/fixtures/check/README.md).

mod common;
use common::{check_trio, fixture, polyalign, temp_dir};

use std::fs;
use std::path::PathBuf;

use predicates::prelude::*;
use serde_json::Value;

/// The JSON report of a trio at `--severity error`.
fn errors(files: &[PathBuf]) -> Vec<Value> {
    let out = polyalign(&fixture("check"))
        .arg("check")
        .args(files)
        .args([
            "--langs",
            "en,ru,uk",
            "--severity",
            "error",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let findings = report["findings"].as_array().unwrap().clone();
    assert_eq!(
        out.status.code(),
        Some(if findings.is_empty() { 0 } else { 1 }),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    findings
}

fn kinds(findings: &[Value]) -> Vec<(String, String)> {
    findings
        .iter()
        .map(|f| {
            (
                f["kind"].as_str().unwrap().to_string(),
                f["langs"][0].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_clean_trio_passes_with_exit_0() {
    polyalign(&fixture("check"))
        .arg("check")
        .args(check_trio("clean.uk.txt"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("0 errors, 0 warnings"))
        .stdout(predicate::str::contains("no findings at warning or above"));
}

#[test]
fn a_changed_number_is_found() {
    let f = errors(&check_trio("number.uk.txt"));
    assert_eq!(kinds(&f), [("number".into(), "uk".into())]);
    assert_eq!(
        f[0]["message"],
        "numbers differ: en has 412,000,000, uk has 421,000,000"
    );
    let uk = &f[0]["positions"][2];
    assert_eq!(
        (uk["paragraph"].as_u64(), uk["line"].as_u64()),
        (Some(5), Some(9))
    );
}

#[test]
fn a_dropped_sentence_is_found() {
    let f = errors(&check_trio("dropped.ru.txt"));
    assert_eq!(kinds(&f), [("missing".into(), "ru".into())]);
    assert!(f[0]["texts"][0]["text"]
        .as_str()
        .unwrap()
        .starts_with("Its 37 employees"));
    assert_eq!(f[0]["texts"][1]["text"], "");
}

#[test]
fn an_untranslated_sentence_is_found() {
    let f = errors(&check_trio("untranslated.uk.txt"));
    assert_eq!(kinds(&f), [("untranslated".into(), "uk".into())]);
}

#[test]
fn swapped_paragraphs_are_found_as_moved() {
    // One finding for the move, with the reference's passage and where uk has it now.
    let f = errors(&check_trio("swapped.uk.txt"));
    assert_eq!(kinds(&f), [("moved".into(), "uk".into())]);
    assert!(f[0]["message"]
        .as_str()
        .unwrap()
        .contains("moved, out of order"));
    assert_ne!(f[0]["texts"][0]["text"], "");
    assert_ne!(f[0]["texts"][2]["text"], "");
}

#[test]
fn russian_text_in_the_ukrainian_version_is_found() {
    let f = errors(&check_trio("russian.uk.txt"));
    assert_eq!(kinds(&f), [("language".into(), "uk".into())]);
    assert!(f[0]["message"]
        .as_str()
        .unwrap()
        .contains("reads as Russian"));
}

#[test]
fn the_text_report_has_counts_then_findings_with_positions() {
    polyalign(&fixture("check"))
        .arg("check")
        .args(check_trio("dropped.ru.txt"))
        .args(["--langs", "en,ru,uk"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "kind           error warning  info",
        ))
        .stdout(predicate::str::contains(
            "missing            1       0     0",
        ))
        .stdout(predicate::str::contains(
            "1 sentence of en (paragraph 11, line 21) has no counterpart in ru",
        ))
        .stdout(predicate::str::contains("    ru  —"));
}

#[test]
fn ignore_and_set_tune_the_exit_code() {
    let files = check_trio("number.uk.txt");
    polyalign(&fixture("check"))
        .arg("check")
        .args(&files)
        .args(["--langs", "en,ru,uk", "--ignore", "number"])
        .assert()
        .code(0);
    polyalign(&fixture("check"))
        .arg("check")
        .args(&files)
        .args(["--langs", "en,ru,uk", "--set", "number=info"])
        .assert()
        .code(0);
    polyalign(&fixture("check"))
        .arg("check")
        .args(&files)
        .args([
            "--langs",
            "en,ru,uk",
            "--set",
            "number=info",
            "--severity",
            "info",
        ])
        .assert()
        .code(1);
}

#[test]
fn the_html_report_is_one_self_contained_page() {
    let dir = temp_dir();
    let page = dir.path().join("report.html");
    polyalign(&fixture("check"))
        .arg("check")
        .args(check_trio("number.uk.txt"))
        .args(["--langs", "en,ru,uk", "--html"])
        .arg(&page)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("wrote"));
    let html = fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    for external in ["src=\"http", "href=\"http", "<link", "@import", "url("] {
        assert!(!html.contains(external), "{external}");
    }
    assert!(html.contains(r#"class="error" data-kinds="number""#));
    assert!(html.contains("numbers differ: en has 412,000,000, uk has 421,000,000"));
    assert!(html.contains(r##"<a href="#kind=number">number (1)</a>"##));
    assert_eq!(html.matches("<tr id=\"u").count(), 39);
}

#[test]
fn jsonl_mode_checks_one_document_a_line() {
    let doc = serde_json::json!({
        "id": "d1",
        "langs": ["en", "uk"],
        "text": {
            "en": "The bridge cost 412 million euros. It opened in 2025.",
            "uk": "Міст коштував 421 млн євро. Його відкрили у 2025 р."
        }
    });
    let out = polyalign(&fixture("check"))
        .args(["check", "--jsonl", "--severity", "error"])
        .write_stdin(format!("{doc}\n"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let line: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(line["id"], "d1");
    assert_eq!(line["findings"][0]["kind"], "number");
    assert_eq!(line["summary"]["error"], 1);
}

#[test]
fn bad_input_is_an_error_with_exit_2() {
    let dir = temp_dir();
    let bad = dir.path().join("bad.uk.txt");
    fs::write(&bad, b"\xd0\x9f\xd1\x80\xff\n").unwrap();
    let en = fixture("check/clean.en.txt");
    polyalign(&fixture("check"))
        .arg("check")
        .arg(&en)
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid UTF-8 at byte 4"));
    polyalign(&fixture("check"))
        .arg("check")
        .arg(&en)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("at least two files"));
    polyalign(&fixture("check"))
        .arg("check")
        .args(check_trio("clean.uk.txt"))
        .args(["--ignore", "numbers"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown kind \"numbers\""));
    polyalign(&fixture("check"))
        .arg("check")
        .args(check_trio("clean.uk.txt"))
        .args(["--severity", "fatal"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown severity"));
    polyalign(&fixture("check"))
        .arg("check")
        .arg(&en)
        .arg(&en)
        .args(["--langs", "en,ua"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains(
            "is in Latin script, not Ukrainian",
        ));
    polyalign(&fixture("check"))
        .arg("check")
        .arg(&en)
        .arg(&en)
        .args(["--langs", "ua,uk"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("two files are in uk"));
    polyalign(&fixture("check"))
        .arg("check")
        .args(check_trio("clean.uk.txt"))
        .args(["--langs", "en,ru,xx"])
        .assert()
        .code(2);
}

#[test]
fn reports_never_overwrite_an_input() {
    let dir = temp_dir();
    let files: Vec<PathBuf> = check_trio("number.uk.txt")
        .iter()
        .map(|f| {
            let to = dir.path().join(f.file_name().unwrap());
            fs::copy(f, &to).unwrap();
            to
        })
        .collect();
    let before = fs::read(&files[2]).unwrap();
    for flag in ["--html", "-o"] {
        polyalign(&fixture("check"))
            .arg("check")
            .args(&files)
            .args(["--langs", "en,ru,uk", flag])
            .arg(&files[2])
            .assert()
            .code(2);
        assert_eq!(fs::read(&files[2]).unwrap(), before);
    }
}

/// Text, JSON and HTML give the same counts per severity: every finding is counted, also
/// those below `--severity` that a report does not list.
#[test]
fn text_json_and_html_count_the_same_findings() {
    let dir = temp_dir();
    for faulty in ["number.uk.txt", "dropped.ru.txt", "swapped.uk.txt"] {
        let files = check_trio(faulty);
        let run = |extra: &[&str]| {
            polyalign(&fixture("check"))
                .arg("check")
                .args(&files)
                .args(["--langs", "en,ru,uk"])
                .args(extra)
                .output()
                .unwrap()
        };
        let json: Value = serde_json::from_slice(&run(&["--format", "json"]).stdout).unwrap();
        let summary = &json["summary"];
        let counts: Vec<u64> = ["error", "warning", "info"]
            .iter()
            .map(|s| summary[*s].as_u64().unwrap())
            .collect();
        let text = String::from_utf8(run(&[]).stdout).unwrap();
        let plural = |n: u64, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        let header = format!(
            "{}, {}, {} info",
            plural(counts[0], "error"),
            plural(counts[1], "warning"),
            counts[2]
        );
        assert!(
            text.contains(&header),
            "{faulty}: `{header}` not in\n{text}"
        );
        let page = dir.path().join(format!("{faulty}.html"));
        run(&["--html", page.to_str().unwrap()]);
        let html = fs::read_to_string(&page).unwrap();
        let badges = format!(
            r#"<span class="badge error">{}</span><span class="badge warning">{}</span><span class="badge info">{} info</span>"#,
            plural(counts[0], "error"),
            plural(counts[1], "warning"),
            counts[2]
        );
        assert!(
            html.contains(&badges),
            "{faulty}: `{badges}` not in the page"
        );
    }
}

/// The same sentences missing in two versions are one finding that names both.
#[test]
fn content_missing_in_two_versions_is_one_finding() {
    let dir = temp_dir();
    let clean =
        |lang: &str| fs::read_to_string(fixture(&format!("check/clean.{lang}.txt"))).unwrap();
    let drop_second_paragraph = |text: String| {
        let mut paragraphs: Vec<&str> = text.split("\n\n").collect();
        paragraphs.remove(1);
        paragraphs.join("\n\n")
    };
    let files: Vec<PathBuf> = ["en", "ru", "uk"]
        .iter()
        .map(|lang| {
            let text = match *lang {
                "en" => clean(lang),
                _ => drop_second_paragraph(clean(lang)),
            };
            let path = dir.path().join(format!("trio.{lang}.txt"));
            fs::write(&path, text).unwrap();
            path
        })
        .collect();
    let out = polyalign(dir.path())
        .arg("check")
        .args(&files)
        .args(["--langs", "en,ru,uk", "--format", "json"])
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let missing: Vec<&Value> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["kind"] == "missing")
        .collect();
    assert_eq!(missing.len(), 1, "{missing:#?}");
    assert_eq!(missing[0]["langs"], serde_json::json!(["ru", "uk"]));
}
