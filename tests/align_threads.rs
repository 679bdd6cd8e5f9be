//! The aligner gives the same result whatever the number of threads: `polyalign align`
//! writes byte-identical TMX (but for the header's creation date) and JSON lines with `RAYON_NUM_THREADS=1` and `2`, on the
//! samples and on a long trio (thousands of sentences, so that features, the pairs of
//! versions and the banded search's cache are split between threads), and
//! `Aligner::align` returns equal alignments in pools of one and two threads.

mod common;
use common::{dir_with, no_panic, polyalign, repo_path};

use polyalign::align::{Aligner, Document};
use polyalign::lang::Lang;

/// A sample version repeated `times` times; when `drop_every` is set, the first paragraph
/// of every such repetition is left out (an omission the other versions do not share).
fn repeated(lang: &str, times: usize, drop_every: Option<usize>) -> String {
    let text = std::fs::read_to_string(repo_path(&format!("samples/harbour-bridge.{lang}.txt")))
        .expect("sample");
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    let mut out = String::new();
    for k in 0..times {
        let skip = drop_every.is_some_and(|d| k % d == d - 1);
        for (p, para) in paragraphs.iter().enumerate() {
            if skip && p == 0 {
                continue;
            }
            out.push_str(para.trim());
            out.push_str("\n\n");
        }
    }
    out
}

/// The output of `polyalign align ARGS` with `threads` threads.
fn run(dir: &std::path::Path, threads: &str, args: &[&str]) -> Vec<u8> {
    let assert = polyalign(dir)
        .env("RAYON_NUM_THREADS", threads)
        .args(args)
        .assert()
        .success()
        .stderr(no_panic());
    assert.get_output().stdout.clone()
}

fn tmx_of(dir: &std::path::Path, threads: &str, files: &[&str]) -> Vec<u8> {
    let out = format!("out{threads}.tmx");
    let mut args = vec!["align"];
    args.extend_from_slice(files);
    args.extend_from_slice(&["-o", &out]);
    run(dir, threads, &args);
    let tmx = std::fs::read_to_string(dir.join(&out)).expect("TMX written");
    without_creation_date(&tmx).into_bytes()
}

/// The TMX with the header's creation date (the clock, not the alignment) blanked.
fn without_creation_date(tmx: &str) -> String {
    let key = "creationdate=\"";
    let Some(at) = tmx.find(key).map(|k| k + key.len()) else {
        return tmx.to_string();
    };
    let end = at + tmx[at..].find('"').expect("attribute closed");
    format!("{}{}", &tmx[..at], &tmx[end..])
}

#[test]
fn samples_tmx_is_identical_with_one_and_two_threads() {
    let en = std::fs::read(repo_path("samples/harbour-bridge.en.txt")).unwrap();
    let ru = std::fs::read(repo_path("samples/harbour-bridge.ru.txt")).unwrap();
    let uk = std::fs::read(repo_path("samples/harbour-bridge.uk.txt")).unwrap();
    let dir = dir_with(&[("a.en.txt", &en), ("a.ru.txt", &ru), ("a.uk.txt", &uk)]);
    let files = ["a.en.txt", "a.ru.txt", "a.uk.txt"];
    let one = tmx_of(dir.path(), "1", &files);
    assert!(!one.is_empty());
    assert_eq!(one, tmx_of(dir.path(), "2", &files));
}

#[test]
fn long_trio_tmx_and_jsonl_are_identical_with_one_and_two_threads() {
    let (en, ru, uk) = (
        repeated("en", 150, None),
        repeated("ru", 150, Some(7)),
        repeated("uk", 150, Some(5)),
    );
    let record = serde_json::json!({"id": "long", "text": {"en": &en, "ru": &ru, "uk": &uk}});
    let dir = dir_with(&[
        ("a.en.txt", en.as_bytes()),
        ("a.ru.txt", ru.as_bytes()),
        ("a.uk.txt", uk.as_bytes()),
        ("doc.jsonl", format!("{record}\n").as_bytes()),
    ]);
    let files = ["a.en.txt", "a.ru.txt", "a.uk.txt"];
    let one = tmx_of(dir.path(), "1", &files);
    assert!(one.len() > 100_000, "the long trio gives a long TMX");
    assert!(one == tmx_of(dir.path(), "2", &files), "TMX differs");
    let jsonl = ["align", "--jsonl", "doc.jsonl"];
    let one = run(dir.path(), "1", &jsonl);
    assert!(one == run(dir.path(), "2", &jsonl), "JSON lines differ");
}

#[test]
fn aligner_is_deterministic_across_thread_pools() {
    let texts = [
        repeated("en", 120, Some(9)),
        repeated("ru", 120, None),
        repeated("uk", 120, Some(4)),
    ];
    let docs: Vec<Document> = texts
        .iter()
        .zip([Lang::EN, Lang::RU, Lang::UK])
        .map(|(t, lang)| Document::new(lang, lang.code(), t))
        .collect();
    let align_with = |threads: usize| {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool")
            .install(|| Aligner::default().align(&docs).expect("aligned"))
    };
    let one = align_with(1);
    assert!(one.units.len() > 1000, "{} units", one.units.len());
    assert!(one == align_with(2), "alignments differ");
    assert!(one == align_with(3), "alignments differ");
}
