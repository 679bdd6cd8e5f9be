//! `polyalign align --jsonl`: one document a line, pre-segmented or raw, from a file or
//! standard input, and the errors that name the line.
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::{dir_with, no_panic, polyalign, stdout_of, temp_dir};

use predicates::prelude::*;
use predicates::str::contains;

const JSONL: &str = concat!(
    r#"{"id": "d1", "sentences": {"en": ["The bridge opened on 14 May.", "It cost $2.3 million.", "Anna Kowalski spoke.", "Read also: the old ferry."], "ru": ["Мост открылся 14 мая.", "Он обошелся в 2,3 млн долларов.", "Выступила Анна Ковальски."]}}"#,
    "\n",
    r#"{"id": "d2", "text": {"en": "About 84,000 cars a day will cross. Margit Holm, 71, was there.", "ru": "Около 84 тыс. машин в сутки. Там была 71-летняя Маргит Хольм."}}"#,
    "\n"
);

fn check_jsonl_record(v: &serde_json::Value, id: &str, en: usize, ru: usize) {
    assert_eq!(v["id"], id, "{v}");
    let sentences = &v["sentences"];
    assert_eq!(
        sentences["en"].as_array().expect("en sentences").len(),
        en,
        "{v}"
    );
    assert_eq!(
        sentences["ru"].as_array().expect("ru sentences").len(),
        ru,
        "{v}"
    );
    let units = v["units"].as_array().expect("units");
    assert!(!units.is_empty());
    let (mut next_en, mut next_ru) = (0, 0);
    for u in units {
        let ids = |k: &str| -> Vec<u64> {
            u[k].as_array()
                .unwrap_or_else(|| panic!("unit without {k}: {u}"))
                .iter()
                .map(|x| x.as_u64().expect("id"))
                .collect()
        };
        for x in ids("en") {
            assert_eq!(x, next_en, "{v}");
            next_en += 1;
        }
        for y in ids("ru") {
            assert_eq!(y, next_ru, "{v}");
            next_ru += 1;
        }
        let score = u["score"].as_f64().expect("score");
        assert!((0.0..=1.0).contains(&score), "{u}");
    }
    assert_eq!((next_en, next_ru), (en as u64, ru as u64), "{v}");
    let links = v["links"].as_object().expect("links");
    assert_eq!(links.keys().collect::<Vec<_>>(), ["en-ru"], "{v}");
    let (mut i, mut j) = (0, 0);
    for l in links["en-ru"].as_array().expect("en-ru links") {
        let l = l.as_array().expect("link [src, tgt, score]");
        assert_eq!(l.len(), 3, "{v}");
        for x in l[0].as_array().expect("src") {
            assert_eq!(x.as_u64(), Some(i), "{v}");
            i += 1;
        }
        for y in l[1].as_array().expect("tgt") {
            assert_eq!(y.as_u64(), Some(j), "{v}");
            j += 1;
        }
        assert!((0.0..=1.0).contains(&l[2].as_f64().expect("score")), "{v}");
    }
    assert_eq!((i, j), (en as u64, ru as u64), "{v}");
}

fn check_jsonl_output(out: &str) {
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 2, "{out}");
    let d1: serde_json::Value = serde_json::from_str(lines[0]).expect("JSON line");
    let d2: serde_json::Value = serde_json::from_str(lines[1]).expect("JSON line");
    check_jsonl_record(&d1, "d1", 4, 3);
    check_jsonl_record(&d2, "d2", 2, 2);
    // Pre-segmented sentences are kept as given; raw text is segmented.
    assert_eq!(d1["sentences"]["en"][3], "Read also: the old ferry.");
    assert_eq!(d2["sentences"]["ru"][0], "Около 84 тыс. машин в сутки.");
    // The anchors hold: the Kowalski sentences together, the aside alone.
    let units = d1["units"].as_array().unwrap();
    assert!(
        units
            .iter()
            .any(|u| u["en"] == serde_json::json!([2]) && u["ru"] == serde_json::json!([2])),
        "{d1}"
    );
    assert!(
        units
            .iter()
            .any(|u| u["en"] == serde_json::json!([3]) && u["ru"] == serde_json::json!([])),
        "{d1}"
    );
}

#[test]
fn jsonl_presegmented_and_raw_documents() {
    let dir = dir_with(&[("docs.jsonl", JSONL.as_bytes())]);
    let assert = polyalign(dir.path())
        .args(["align", "--jsonl", "docs.jsonl"])
        .assert()
        .success()
        .stderr(no_panic());
    check_jsonl_output(&stdout_of(&assert));
}

#[test]
fn jsonl_from_standard_input() {
    let dir = temp_dir();
    let assert = polyalign(dir.path())
        .args(["align", "--jsonl"])
        .write_stdin(JSONL)
        .assert()
        .success()
        .stderr(no_panic());
    check_jsonl_output(&stdout_of(&assert));
}

#[test]
fn jsonl_malformed_line_names_the_line() {
    let input = format!(
        "{}\n{{\"id\": \"d3\", \"text\": {{\"en\": \n",
        JSONL.lines().next().unwrap()
    );
    let dir = dir_with(&[("docs.jsonl", input.as_bytes())]);
    polyalign(dir.path())
        .args(["align", "--jsonl", "docs.jsonl"])
        .assert()
        .code(2)
        .stderr(
            contains("docs.jsonl")
                .and(contains("line 2"))
                .and(no_panic()),
        );
    // Valid JSON that is not a document, and an unknown language.
    for bad in [
        r#"{"id": "x"}"#,
        r#"{"id": "x", "text": {"en": "A.", "zz": "B."}}"#,
        "[1, 2]",
    ] {
        let dir = dir_with(&[("docs.jsonl", format!("\n{bad}\n").as_bytes())]);
        polyalign(dir.path())
            .args(["align", "--jsonl", "docs.jsonl"])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("line 2").and(no_panic()));
    }
}

/// Forty articles of English sentences and their Russian word-for-word translations (a
/// made-up vocabulary, no cognates), then one article whose Russian version leaves out its
/// second sentence, which is about as long as its third.
fn corpus_with_an_omission() -> String {
    let vocab = [
        ("harbour", "гавань"),
        ("ferry", "паром"),
        ("winter", "зима"),
        ("council", "совет"),
        ("market", "рынок"),
        ("school", "школа"),
        ("teacher", "учитель"),
        ("doctor", "врач"),
        ("garden", "сад"),
        ("station", "вокзал"),
        ("bakery", "пекарня"),
        ("storm", "буря"),
        ("island", "остров"),
        ("forest", "лес"),
        ("village", "деревня"),
        ("library", "библиотека"),
        ("museum", "музей"),
        ("bridge", "мост"),
    ];
    let mut seed: u64 = 7;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
        (seed >> 33) as usize % n
    };
    let sentence = |words: &[(&str, &str)]| {
        let cap = |s: String| {
            let mut c = s.chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
                + "."
        };
        (
            cap(words.iter().map(|w| w.0).collect::<Vec<_>>().join(" ")),
            cap(words.iter().map(|w| w.1).collect::<Vec<_>>().join(" ")),
        )
    };
    let mut out = String::new();
    for k in 0..40 {
        let (mut en, mut ru) = (Vec::new(), Vec::new());
        for _ in 0..3 {
            let len = 4 + next(4);
            let words: Vec<(&str, &str)> = (0..len).map(|_| vocab[next(vocab.len())]).collect();
            let (e, r) = sentence(&words);
            en.push(e);
            ru.push(r);
        }
        let rec = serde_json::json!({"id": format!("a{k}"), "sentences": {"en": en, "ru": ru}});
        out.push_str(&format!("{rec}\n"));
    }
    let first = sentence(&vocab[..5]);
    let third = sentence(&vocab[15..18]);
    let rec = serde_json::json!({"id": "test", "sentences": {
        "en": [first.0, "Nothing of the kind was said.", third.0],
        "ru": [first.1, third.1],
    }});
    out.push_str(&format!("{rec}\n"));
    out
}

/// The links of the last record of `align --jsonl` output.
fn last_links(out: &str) -> serde_json::Value {
    let last = out.lines().last().expect("a record");
    let v: serde_json::Value = serde_json::from_str(last).expect("JSON");
    assert_eq!(v["id"], "test", "{v}");
    let links: Vec<serde_json::Value> = v["links"]["en-ru"]
        .as_array()
        .expect("en-ru links")
        .iter()
        .map(|l| serde_json::json!([l[0], l[1]]))
        .collect();
    serde_json::Value::Array(links)
}

#[test]
fn jsonl_articles_teach_each_other_the_words() {
    let dir = dir_with(&[("c.jsonl", corpus_with_an_omission().as_bytes())]);
    let links = |extra: &[&str]| {
        let assert = polyalign(dir.path())
            .args(["align", "--jsonl", "c.jsonl", "--quiet"])
            .args(extra)
            .assert()
            .success()
            .stderr(no_panic());
        last_links(&stdout_of(&assert))
    };
    let right = serde_json::json!([[[0], [0]], [[1], []], [[2], [1]]]);
    // With what the other articles teach (their words' translations), the omitted sentence
    // is the one left alone.
    assert_eq!(links(&[]), right);
    // On its own, lengths cannot tell the second sentence from the third.
    assert_ne!(links(&["--no-priors"]), right);
}
