//! `polyalign eval align`: the table of scores against gold links, the confidence line,
//! predicted links from a file, and bad gold or predictions.
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::{dir_with, no_panic, polyalign, stdout_of};

use predicates::prelude::*;
use predicates::str::contains;

/// Two gold documents: en-ru with a 1-2 and a 1-0 in the first; en-ru and en-uk in the
/// second.
const GOLD: &str = concat!(
    r#"{"id": "g1", "sentences": {"en": ["The Harbour Bridge in Nordhaven opened on 14 May after six years of construction.", "Mayor Anna Kowalski said it cost $2.3 million more than planned, and the crossing will carry about 84,000 vehicles a day.", "Read also: the history of the old ferry."], "ru": ["Портовый мост в Нордхавене открылся 14 мая после шести лет строительства.", "Мэр Анна Ковальски заявила, что он обошелся на 2,3 млн долларов дороже, чем планировалось.", "Переправа будет пропускать около 84 тыс. автомобилей в сутки."]}, "links": {"en-ru": [[[0], [0]], [[1], [1, 2]], [[2], []]]}}"#,
    "\n",
    r#"{"id": "g2", "sentences": {"en": ["Margit Holm, 71, has lived on Harbour Street all her life.", "\"We waited so long,\" she said."], "ru": ["71-летняя Маргит Хольм всю жизнь живет на Портовой улице.", "«Мы так долго ждали», – сказала она."], "uk": ["71-річна Маргіт Гольм усе життя живе на Портовій вулиці.", "«Ми так довго чекали», – сказала вона."]}, "links": {"en-ru": [[[0], [0]], [[1], [1]]], "en-uk": [[[0], [0]], [[1], [1]]]}}"#,
    "\n"
);

const PREDICTED: &str = concat!(
    r#"{"id": "g1", "links": {"en-ru": [[[0], [0]], [[1], [1, 2]], [[2], []]]}}"#,
    "\n",
    r#"{"id": "g2", "links": {"en-ru": [[[0], [0]], [[1], [1]]], "en-uk": [[[0], [0]], [[1], [1]]]}}"#,
    "\n"
);

/// Table rows: (task, pair, six scores).
fn parse_table(out: &str) -> Vec<(String, String, Vec<f64>)> {
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().expect("header").split_whitespace().collect();
    assert_eq!(
        header,
        [
            "set", "system", "task", "pair", "strictP", "strictR", "strictF", "laxP", "laxR",
            "laxF"
        ]
    );
    lines
        .map(|l| {
            let f: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(f.len(), 10, "row {l:?}");
            assert_eq!(f[0], "G", "row {l:?}");
            let scores: Vec<f64> = f[4..].iter().map(|x| x.parse().expect("score")).collect();
            assert!(scores.iter().all(|s| (0.0..=1.0).contains(s)), "row {l:?}");
            (f[2].to_string(), f[3].to_string(), scores)
        })
        .collect()
}

#[test]
fn eval_align_prints_a_row_per_pair() {
    let dir = dir_with(&[("G.jsonl", GOLD.as_bytes())]);
    let assert = polyalign(dir.path())
        .args(["eval", "align", "--gold", "G.jsonl", "--task", "align"])
        .assert()
        .success()
        .stderr(no_panic());
    let rows = parse_table(&stdout_of(&assert));
    let keys: Vec<(&str, &str)> = rows.iter().map(|r| (r.0.as_str(), r.1.as_str())).collect();
    assert_eq!(keys, [("align", "en-ru"), ("align", "en-uk")]);
}

#[test]
fn eval_align_confidence_line() {
    let dir = dir_with(&[("G.jsonl", GOLD.as_bytes())]);
    polyalign(dir.path())
        .args([
            "eval",
            "align",
            "--gold",
            "G.jsonl",
            "--task",
            "align",
            "--confidence",
        ])
        .assert()
        .success()
        .stdout(contains("G: strict precision of the top 90%"))
        .stdout(contains(
            "G: expected calibration error (10 bins) of link scores",
        ))
        .stdout(contains(
            "G: expected calibration error (10 bins) of unit scores",
        ))
        .stderr(no_panic());
}

/// `--reliability` writes the bins of links and units; `eval calibrate --write` writes a
/// calibration file that the library reads back, monotone in every class.
#[test]
fn eval_calibrate_writes_a_calibration_that_parses() {
    let dir = dir_with(&[("G.jsonl", GOLD.as_bytes())]);
    polyalign(dir.path())
        .args([
            "eval",
            "align",
            "--gold",
            "G.jsonl",
            "--task",
            "align",
            "--reliability",
            "rel.json",
        ])
        .assert()
        .success();
    let rel: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("rel.json")).unwrap())
            .unwrap();
    assert_eq!(rel[0]["links"]["bins"].as_array().unwrap().len(), 10);
    assert_eq!(rel[0]["units"]["bins"].as_array().unwrap().len(), 10);
    polyalign(dir.path())
        .args([
            "eval",
            "calibrate",
            "--gold",
            "G.jsonl",
            "--write",
            "cal.txt",
        ])
        .assert()
        .success()
        .stdout(contains("(ECE raw"))
        .stderr(no_panic());
    let text = std::fs::read_to_string(dir.path().join("cal.txt")).unwrap();
    assert!(text.contains("do not edit"), "{text}");
    let cal = polyalign::align::Calibration::parse(&text).unwrap();
    for (a, b) in [(1, 1), (1, 0), (1, 2)] {
        assert!(cal.link_probability(a, b, 0.9) >= cal.link_probability(a, b, 0.1));
    }
}

#[test]
fn eval_align_predicted_gold_links_score_one() {
    let dir = dir_with(&[
        ("G.jsonl", GOLD.as_bytes()),
        ("P.jsonl", PREDICTED.as_bytes()),
    ]);
    let assert = polyalign(dir.path())
        .args([
            "eval",
            "align",
            "--gold",
            "G.jsonl",
            "--task",
            "align",
            "--predicted",
            "P.jsonl",
        ])
        .assert()
        .success()
        .stderr(no_panic());
    let rows = parse_table(&stdout_of(&assert));
    assert_eq!(rows.len(), 2);
    for (task, pair, scores) in &rows {
        assert_eq!(task, "align");
        assert_eq!(scores, &vec![1.0; 6], "{pair}");
    }
    assert!(stdout_of(&assert).contains("1.0000"));
}

#[test]
fn eval_align_predicted_missing_a_document_is_an_error() {
    let first = PREDICTED.lines().next().unwrap();
    let dir = dir_with(&[("G.jsonl", GOLD.as_bytes()), ("P.jsonl", first.as_bytes())]);
    polyalign(dir.path())
        .args([
            "eval",
            "align",
            "--gold",
            "G.jsonl",
            "--predicted",
            "P.jsonl",
        ])
        .assert()
        .code(2)
        .stderr(contains("g2").and(no_panic()));
}

#[test]
fn eval_align_bad_gold_is_an_error() {
    let dir = dir_with(&[("G.jsonl", b"{\"id\": \"g1\", \"sentences\": \n")]);
    polyalign(dir.path())
        .args(["eval", "align", "--gold", "G.jsonl", "--task", "align"])
        .assert()
        .code(2)
        .stderr(
            contains("G.jsonl")
                .and(contains("document 1"))
                .and(no_panic()),
        );
}
