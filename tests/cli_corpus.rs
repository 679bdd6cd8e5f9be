//! Corpus mode, through the real binary: `align --corpus DIR`, `align --jsonl FILE -o`,
//! `check --corpus DIR --html REPORT` and `tm build --corpus DIR` over many articles in
//! one run (the bundled `samples/corpus`, and corpora written here), with failures
//! isolated, a manifest of every article, output in input order whatever the threads,
//! and `--resume` after `kill -9`.
//!
//! Exit codes: 0 every article done, 1 findings (check), 2 an article failed.

mod common;
use common::{
    load_tmx, no_panic, polyalign, repo_path, stdout_of, temp_dir, validate_with_xmllint, write,
};

use std::collections::BTreeSet;
use std::path::Path;
use std::time::{Duration, Instant};

use predicates::str::contains;
use serde_json::Value;

/// The ids of the bundled mini-corpus, in the order corpus mode reads them (by name).
const SAMPLE_IDS: [&str; 6] = [
    "abcnews.306758",
    "abcnews.306764",
    "cnn.304404",
    "euronews-en.153835",
    "reuters.218882",
    "reuters.218911",
];

fn samples() -> std::path::PathBuf {
    repo_path("samples/corpus")
}

/// The JSON lines of a file.
fn json_lines(path: &Path) -> Vec<Value> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// The `x-document` of each unit of a TMX file, in order.
fn documents_of(path: &Path) -> Vec<String> {
    load_tmx(path)
        .units
        .iter()
        .map(|tu| {
            tu.props
                .iter()
                .find(|p| p.kind == "x-document")
                .map(|p| p.value.clone())
                .expect("every unit names its article in x-document")
        })
        .collect()
}

/// Article ids in order of first appearance.
fn first_seen(ids: &[String]) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids.iter()
        .filter(|id| seen.insert(id.to_string()))
        .cloned()
        .collect()
}

/// A corpus of `copies` × the six sample articles, renamed `c{copy}-{id}` so that names
/// sort copy by copy.
fn repeated_samples(dir: &Path, copies: usize) {
    std::fs::create_dir_all(dir).unwrap();
    for copy in 0..copies {
        for id in SAMPLE_IDS {
            for lang in ["en", "ru", "uk"] {
                let text = std::fs::read(samples().join(format!("{id}.{lang}.txt"))).unwrap();
                write(dir, &format!("c{copy:03}-{id}.{lang}.txt"), text);
            }
        }
    }
}

#[test]
fn align_corpus_writes_one_valid_tmx_naming_each_article_in_input_order() {
    let dir = temp_dir();
    let out = dir.path().join("memory.tmx");
    polyalign(dir.path())
        .args(["align", "--corpus"])
        .arg(samples())
        .args(["-o", "memory.tmx"])
        .assert()
        .success()
        .stderr(contains("6 articles: 6 done, 0 skipped, 0 failed"))
        .stderr(no_panic());
    validate_with_xmllint(&[&out]);
    let docs = documents_of(&out);
    assert!(docs.len() > 30, "{} units", docs.len());
    assert_eq!(first_seen(&docs), SAMPLE_IDS);
    // One article's units together: no article comes back after another began.
    let runs = docs.windows(2).filter(|w| w[0] != w[1]).count() + 1;
    assert_eq!(runs, SAMPLE_IDS.len());
    let tmx = load_tmx(&out);
    let trios = tmx.units.iter().filter(|tu| tu.variants.len() == 3).count();
    assert!(
        trios * 10 > tmx.units.len() * 8,
        "{trios} of {} units in three languages",
        tmx.units.len()
    );

    // The manifest beside the TMX: every article, its fate and its units.
    let manifest = json_lines(&dir.path().join("memory.manifest.jsonl"));
    let ids: Vec<_> = manifest.iter().map(|e| e["id"].as_str().unwrap()).collect();
    assert_eq!(ids, SAMPLE_IDS);
    assert!(
        manifest.iter().all(|e| e["status"] == "done"),
        "{manifest:?}"
    );
    let units: u64 = manifest.iter().map(|e| e["units"].as_u64().unwrap()).sum();
    assert_eq!(units as usize, docs.len());
}

#[test]
fn the_output_is_the_same_bytes_on_one_thread_and_on_four() {
    let dir = temp_dir();
    let d = dir.path();
    repeated_samples(&d.join("corpus"), 3);
    for jobs in ["1", "4"] {
        for ext in ["tmx", "tsv"] {
            polyalign(d)
                .env("SOURCE_DATE_EPOCH", "0")
                .args(["align", "--corpus", "corpus", "--quiet", "--jobs", jobs])
                .args(["-o", &format!("out-{jobs}.{ext}")])
                .assert()
                .success();
        }
    }
    let read = |name: &str| std::fs::read(d.join(name)).unwrap();
    let (tmx1, tmx4) = (read("out-1.tmx"), read("out-4.tmx"));
    assert!(tmx1.len() > 1000);
    assert!(
        tmx1 == tmx4,
        "the TMX differs between --jobs 1 and --jobs 4"
    );
    assert_eq!(read("out-1.tsv"), read("out-4.tsv"), "the TSV differs");
    assert_eq!(
        read("out-1.manifest.jsonl"),
        read("out-4.manifest.jsonl"),
        "the manifest differs"
    );
    let tsv = String::from_utf8(read("out-1.tsv")).unwrap();
    let header: Vec<_> = tsv.lines().next().unwrap().split('\t').collect();
    assert!(
        header.contains(&"document") && header.contains(&"score"),
        "{header:?}"
    );
    let docs = first_seen(&documents_of(&d.join("out-1.tmx")));
    assert_eq!(docs.len(), 18);
    assert!(
        docs.windows(2).all(|w| w[0] < w[1]),
        "not in name order: {docs:?}"
    );
}

#[test]
fn a_failing_article_is_reported_and_skipped_and_the_others_are_written() {
    let dir = temp_dir();
    let d = dir.path();
    write(
        d,
        "a.en.txt",
        "The mayor opened the bridge. It cost 12 million.\n",
    );
    write(d, "a.ru.txt", "Мэр открыл мост. Он стоил 12 миллионов.\n");
    // Invalid UTF-8 in the middle of the Russian version.
    write(d, "b.en.txt", "A second article.\n");
    write(
        d,
        "b.ru.txt",
        b"\xd0\x92\xd1\x82\xff\xfe oops.\n".as_slice(),
    );
    // An empty version.
    write(d, "c.en.txt", "A third article.\n");
    write(d, "c.ru.txt", "");
    // One version only: nothing to align it with.
    write(d, "d.en.txt", "Only in English.\n");
    // Two of three versions: aligned with what there is, reported.
    write(d, "e.en.txt", "Fifth article. With 7 sentences? No, two.\n");
    write(
        d,
        "e.ru.txt",
        "Пятая статья. С 7 предложениями? Нет, два.\n",
    );
    write(d, "e.uk.txt", "П'ята стаття. Із 7 реченнями? Ні, два.\n");
    write(d, "f.en.txt", "Sixth article. It has 3 words.\n");
    write(d, "f.uk.txt", "Шоста стаття. У ній 3 слова.\n");

    let out = d.join("out/memory.tmx");
    std::fs::create_dir(d.join("out")).unwrap();
    polyalign(d)
        .args(["align", "--corpus", ".", "-o", "out/memory.tmx"])
        .assert()
        .code(2)
        .stderr(contains(
            "article b failed: ./b.ru.txt: invalid UTF-8 at byte 4",
        ))
        .stderr(contains("article c failed: ./c.ru.txt: no text"))
        .stderr(contains("6 articles: 3 done (2 missing a version)"))
        .stderr(contains("1 skipped, 2 failed"))
        .stderr(no_panic());
    validate_with_xmllint(&[&out]);
    let docs = first_seen(&documents_of(&out));
    assert_eq!(docs, ["a", "e", "f"]);

    let manifest = json_lines(&d.join("out/memory.manifest.jsonl"));
    let fate: Vec<_> = manifest
        .iter()
        .map(|e| (e["id"].as_str().unwrap(), e["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        fate,
        [
            ("a", "done"),
            ("b", "failed"),
            ("c", "failed"),
            ("d", "skipped"),
            ("e", "done"),
            ("f", "done")
        ]
    );
    let b = &manifest[1];
    assert!(b["reason"].as_str().unwrap().contains("byte"), "{b}");
    let c = &manifest[2];
    assert!(!c["reason"].as_str().unwrap().is_empty(), "{c}");
    // a and f lack a version of the corpus (uk, ru): the manifest says which.
    assert!(manifest[0].to_string().contains("uk"), "{}", manifest[0]);
    assert!(manifest[5].to_string().contains("ru"), "{}", manifest[5]);
}

#[test]
fn versions_are_found_in_language_folders_and_by_a_pattern_given() {
    let dir = temp_dir();
    let d = dir.path();
    for (lang, text) in [
        ("en", "The bridge opened. It cost 12 million."),
        ("uk", "Міст відкрили. Він коштував 12 мільйонів."),
    ] {
        // `ua` for Ukrainian, and the id spans the archive's date folders.
        let folder = d
            .join("folders")
            .join(if lang == "uk" { "ua" } else { lang })
            .join("2024");
        std::fs::create_dir_all(&folder).unwrap();
        write(&folder, "bridge.txt", text);
        std::fs::create_dir_all(d.join("custom")).unwrap();
        write(&d.join("custom"), &format!("{lang}-bridge.md"), text);
    }
    polyalign(d)
        .args(["align", "--corpus", "folders", "-o", "folders.jsonl"])
        .assert()
        .success();
    let units = json_lines(&d.join("folders.jsonl"));
    assert_eq!(units.len(), 2);
    assert!(
        units.iter().all(|u| u["document"] == "2024/bridge"),
        "{units:?}"
    );
    assert!(
        units.iter().all(|u| u["uk"]["text"].is_string()),
        "{units:?}"
    );

    // The defaults do not find `en-bridge.md`: nothing to align is an error, not a
    // silent empty memory.
    polyalign(d)
        .args(["align", "--corpus", "custom", "-o", "custom.tmx"])
        .assert()
        .code(2)
        .stderr(no_panic());
    assert!(!d.join("custom.tmx").exists());
    polyalign(d)
        .args([
            "align",
            "--corpus",
            "custom",
            "--pattern",
            "{lang}-{id}.md",
            "-o",
            "custom.tmx",
        ])
        .assert()
        .success();
    assert_eq!(first_seen(&documents_of(&d.join("custom.tmx"))), ["bridge"]);
}

#[test]
fn jsonl_input_with_an_output_file_writes_that_file_in_its_format() {
    let dir = temp_dir();
    let d = dir.path();
    let articles = concat!(
        r#"{"id": "a1", "text": {"en": "One bridge. Two roads.", "uk": "Один міст. Дві дороги."}}"#,
        "\n",
        r#"{"id": "a2", "text": {"en": "Three towers.", "ru": "Три башни.", "uk": "Три вежі."}}"#,
        "\n",
    );
    write(d, "articles.jsonl", articles);
    polyalign(d)
        .args(["align", "--jsonl", "articles.jsonl", "-o", "memory.tmx"])
        .assert()
        .success()
        .stdout("");
    validate_with_xmllint(&[d.join("memory.tmx")]);
    assert_eq!(documents_of(&d.join("memory.tmx")), ["a1", "a1", "a2"]);
    let manifest = json_lines(&d.join("memory.manifest.jsonl"));
    assert_eq!(manifest.len(), 2);

    // From standard input to standard output: unit lines naming their article.
    let assert = polyalign(d)
        .args(["align", "--jsonl", "-", "--format", "jsonl", "--quiet"])
        .write_stdin(articles)
        .assert()
        .success();
    let lines: Vec<Value> = stdout_of(&assert)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let tuids: Vec<_> = lines.iter().map(|u| u["tuid"].as_str().unwrap()).collect();
    assert_eq!(tuids, ["a1:1", "a1:2", "a2:1"]);

    // A combination that cannot make sense is an error that names it.
    polyalign(d)
        .args(["align", "--jsonl", "articles.jsonl", "--html", "report"])
        .assert()
        .code(2)
        .stderr(contains("--html"));
}

#[test]
fn check_corpus_writes_an_index_page_a_page_per_article_and_a_summary() {
    let dir = temp_dir();
    let d = dir.path();
    let assert = polyalign(d)
        .args(["check", "--corpus"])
        .arg(samples())
        .args(["--html", "report"])
        .assert()
        .stderr(no_panic());
    let code = assert.get_output().status.code();
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("report/summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["articles"], 6, "{summary}");
    let with_findings = summary["articles_with_findings"].as_u64().unwrap();
    assert_eq!(
        summary["with_findings"].as_array().unwrap().len() as u64,
        with_findings
    );
    assert_eq!(
        code,
        Some(if with_findings > 0 { 1 } else { 0 }),
        "{summary}"
    );
    let index = std::fs::read_to_string(d.join("report/index.html")).unwrap();
    for id in SAMPLE_IDS {
        assert!(
            d.join(format!("report/{id}.html")).exists(),
            "no page for {id}"
        );
        assert!(
            index.contains(&format!("href=\"{id}.html\"")),
            "index lacks {id}"
        );
    }
    assert_eq!(json_lines(&d.join("report/manifest.jsonl")).len(), 6);

    // A clean article passes; beside it, the same article with a year changed in its
    // Ukrainian version closes the gate, and only that one has findings.
    let clean = "reuters.218882";
    std::fs::create_dir_all(d.join("clean")).unwrap();
    std::fs::create_dir_all(d.join("faulty")).unwrap();
    for lang in ["en", "ru", "uk"] {
        let text = std::fs::read_to_string(samples().join(format!("{clean}.{lang}.txt"))).unwrap();
        write(d, &format!("clean/{clean}.{lang}.txt"), &text);
        write(d, &format!("faulty/{clean}.{lang}.txt"), &text);
        let changed = if lang == "uk" {
            assert!(text.contains("вересня 2018"), "{text}");
            text.replace("вересня 2018", "вересня 2016")
        } else {
            text
        };
        write(d, &format!("faulty/{clean}-changed.{lang}.txt"), changed);
    }
    polyalign(d)
        .args(["check", "--corpus", "clean", "--html", "clean-report"])
        .assert()
        .code(0);
    polyalign(d)
        .args(["check", "--corpus", "faulty", "--html", "faulty-report"])
        .assert()
        .code(1)
        .stderr(contains("1 with findings"));
    let summary: Value = serde_json::from_str(
        &std::fs::read_to_string(d.join("faulty-report/summary.json")).unwrap(),
    )
    .unwrap();
    let changed = format!("{clean}-changed");
    assert_eq!(
        summary["with_findings"],
        serde_json::json!([changed]),
        "{summary}"
    );
    let page = std::fs::read_to_string(d.join(format!("faulty-report/{changed}.html"))).unwrap();
    assert!(
        page.contains("2016"),
        "the changed number is not on the article's page"
    );
}

/// Runs `polyalign tm build --corpus samples -o OUT` (with `extra` arguments) in `d`,
/// then looks up one of the corpus's English sentences in Ukrainian; returns the lookup's
/// output.
fn build_and_look_up(d: &Path, extra: &[&str], out: &str) -> String {
    polyalign(d)
        .args(["tm", "build"])
        .args(extra)
        .arg("--corpus")
        .arg(samples())
        .args(["-o", out])
        .assert()
        .success()
        .stderr(no_panic());
    let assert = polyalign(d)
        .args(["lookup", "--tm", out, "--from", "en", "--to", "uk"])
        .arg("Thieves take $26,750 during ATM refill at Newport on the Levee")
        .assert()
        .success();
    stdout_of(&assert)
}

#[test]
fn tm_build_over_a_corpus_makes_an_index_that_lookups_use() {
    let dir = temp_dir();
    let out = build_and_look_up(dir.path(), &[], "news.ptm");
    assert!(
        out.contains("26"),
        "no match for a sentence of the corpus:\n{out}"
    );
}

#[test]
fn tm_build_over_a_corpus_without_priors_still_indexes_it() {
    let dir = temp_dir();
    let d = dir.path();
    let out = build_and_look_up(d, &["--no-priors"], "alone.ptm");
    assert!(out.contains("26"), "no match without priors:\n{out}");
    // The option is for a corpus only: memories given as files are not aligned.
    std::fs::write(d.join("m.tmx"), "").unwrap();
    polyalign(d)
        .args(["tm", "build", "--no-priors", "m.tmx", "-o", "m.ptm"])
        .assert()
        .code(2)
        .stderr(contains("--corpus"));
}

/// Runs `polyalign align --corpus corpus -o OUT --jobs 1` in `d` until its journal holds
/// `articles` articles, then kills it with SIGKILL (`extra`: more arguments). Returns whether it was killed (false:
/// it ended first).
fn kill_9_after(d: &Path, out: &str, extra: &[&str], articles: usize) -> bool {
    let journal = d.join(format!(".{out}.journal"));
    let mut child = corpus_run(d, out)
        .arg("--quiet")
        .args(extra)
        .spawn()
        .unwrap();
    let start = Instant::now();
    let mut killed = false;
    while start.elapsed() < Duration::from_secs(300) {
        let lines = std::fs::read_to_string(&journal)
            .map(|j| j.lines().count())
            .unwrap_or(0);
        // The journal's first line is its header.
        if lines > articles {
            child.kill().unwrap(); // SIGKILL on Unix
            killed = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    child.wait().unwrap();
    killed
}

fn corpus_run(d: &Path, out: &str) -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("polyalign"));
    cmd.current_dir(d)
        .env("SOURCE_DATE_EPOCH", "0")
        .args(["align", "--corpus", "corpus", "--jobs", "1", "-o", out]);
    cmd
}

/// `kill -9` in the middle of a corpus run, then `--resume`: the output is byte for byte
/// the uninterrupted run's, and the articles done before the kill are not done again.
#[test]
fn resume_after_kill_9_ends_with_the_uninterrupted_output() {
    let dir = temp_dir();
    let d = dir.path();
    repeated_samples(&d.join("corpus"), 40); // 240 articles
    assert!(corpus_run(d, "whole.tmx")
        .arg("--quiet")
        .status()
        .unwrap()
        .success());
    let whole = std::fs::read(d.join("whole.tmx")).unwrap();

    assert!(
        kill_9_after(d, "resumed.tmx", &[], 20),
        "the run ended before it could be killed: make the corpus larger"
    );
    assert!(
        !d.join("resumed.tmx").exists(),
        "a killed run left an output"
    );
    assert!(d.join(".resumed.tmx.partial").exists());
    let out = corpus_run(d, "resumed.tmx")
        .arg("--resume")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("from the interrupted run"), "{stderr}");
    assert!(
        std::fs::read(d.join("resumed.tmx")).unwrap() == whole,
        "the resumed TMX differs from the uninterrupted one"
    );
    assert!(!d.join(".resumed.tmx.journal").exists());
    assert!(!d.join(".resumed.tmx.partial").exists());
    let manifest = json_lines(&d.join("resumed.manifest.jsonl"));
    assert_eq!(manifest.len(), 240);
    assert_eq!(manifest, json_lines(&d.join("whole.manifest.jsonl")));

    // Killed twice, resumed twice: the same bytes again.
    assert!(kill_9_after(d, "twice.tmx", &[], 10));
    assert!(kill_9_after(d, "twice.tmx", &["--resume"], 40));
    let out = corpus_run(d, "twice.tmx")
        .args(["--resume", "--quiet"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(std::fs::read(d.join("twice.tmx")).unwrap() == whole);

    // Without --resume, an interrupted run is started over, and says so.
    assert!(kill_9_after(d, "over.tmx", &[], 5));
    let out = corpus_run(d, "over.tmx").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("started over"), "{stderr}");
    assert!(std::fs::read(d.join("over.tmx")).unwrap() == whole);
}

#[test]
fn an_output_the_corpus_would_read_as_a_version_is_refused() {
    let dir = temp_dir();
    let d = dir.path();
    write(d, "a.en.txt", "One bridge. Two roads.\n");
    write(d, "a.uk.txt", "Один міст. Дві дороги.\n");
    for out in ["a.uk.txt", "b.en.txt", "en/c.txt"] {
        polyalign(d)
            .args(["align", "--corpus", ".", "--format", "tsv", "-o", out])
            .assert()
            .code(2)
            .stderr(contains("read as an article's version"))
            .stderr(no_panic());
    }
    assert_eq!(
        std::fs::read_to_string(d.join("a.uk.txt")).unwrap(),
        "Один міст. Дві дороги.\n"
    );
    assert!(!d.join("b.en.txt").exists() && !d.join("en").exists());
    polyalign(d)
        .args(["align", "--corpus", ".", "-o", "memory.tmx"])
        .assert()
        .success();
}
