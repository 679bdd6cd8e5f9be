//! `polyalign tmx stats|merge|convert` on the real binary.

mod common;
use common::{load_tmx, no_panic, polyalign, temp_dir, write};

use predicates::str::contains;

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="1"><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="uk-UA"><seg>Привіт.</seg></tuv></tu>
    <tu tuid="2"><tuv xml:lang="en"><seg>Bye.</seg></tuv><tuv xml:lang="ru"><seg>Пока.</seg></tuv></tu>
    <tu tuid="3"><tuv xml:lang="en"><seg>Hello.</seg></tuv><tuv xml:lang="uk-UA"><seg>Привіт.</seg></tuv></tu>
  </body>
</tmx>
"#;

#[test]
fn stats_counts_units_languages_pairs_and_duplicates() {
    let dir = temp_dir();
    write(dir.path(), "m.tmx", TMX);
    polyalign(dir.path())
        .args(["tmx", "stats", "m.tmx"])
        .assert()
        .success()
        .stdout(contains("units       3"))
        .stdout(contains("languages   en 3, ru 1, uk-UA 2"))
        .stdout(contains("duplicates  1"));
    let out = polyalign(dir.path())
        .args(["tmx", "stats", "--json", "m.tmx"])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["units"], 3);
    assert_eq!(v["pairs"]["en-uk-UA"], 2);
}

#[test]
fn merge_keeps_identical_units_once() {
    let dir = temp_dir();
    write(dir.path(), "a.tmx", TMX);
    write(dir.path(), "b.tmx", TMX);
    polyalign(dir.path())
        .args(["tmx", "merge", "a.tmx", "b.tmx", "-o", "c.tmx"])
        .assert()
        .success()
        .stderr(contains("(2 units, 4 duplicates left out)"));
    let merged = load_tmx(dir.path().join("c.tmx"));
    assert_eq!(merged.units.len(), 2);
}

#[test]
fn convert_round_trips_through_tsv_and_jsonl() {
    let dir = temp_dir();
    write(dir.path(), "m.tmx", TMX);
    for (from, to) in [
        ("m.tmx", "m.tsv"),
        ("m.tsv", "t.tmx"),
        ("t.tmx", "m.jsonl"),
        ("m.jsonl", "j.tmx"),
    ] {
        polyalign(dir.path())
            .args(["tmx", "convert", from, "-o", to])
            .assert()
            .success();
    }
    let tsv = std::fs::read_to_string(dir.path().join("m.tsv")).expect("tsv");
    assert_eq!(tsv.lines().next(), Some("en\tuk-UA\tru"));
    let back = load_tmx(dir.path().join("j.tmx"));
    assert_eq!(back.units.len(), 3);
    assert_eq!(back.units[1].text("ru"), Some("Пока."));
    assert_eq!(back.units[0].text("uk"), Some("Привіт."));
}

#[test]
fn bad_memories_are_clear_errors() {
    let dir = temp_dir();
    write(
        dir.path(),
        "bad.tmx",
        "<tmx version=\"1.4\"><body><tu>\n<tuv></tu>",
    );
    write(dir.path(), "m.tmx", TMX);
    polyalign(dir.path())
        .args(["tmx", "stats", "bad.tmx"])
        .assert()
        .code(2)
        .stderr(contains("bad.tmx"))
        .stderr(contains("line 1, column 20"))
        .stderr(no_panic());
    polyalign(dir.path())
        .args(["tmx", "convert", "m.tmx", "-o", "m.tmx"])
        .assert()
        .code(2)
        .stderr(contains("is an input"));
    polyalign(dir.path())
        .args(["tmx", "convert", "m.tmx", "-o", "m.xyz"])
        .assert()
        .code(2)
        .stderr(contains(".tmx, .tsv or .jsonl"));
}
