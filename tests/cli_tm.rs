//! `polyalign lookup`, `pretranslate` and `tm build` on the real binary.

mod common;
use common::{fixture, no_panic, polyalign, repo_path, temp_dir, write};

use std::path::Path;

use predicates::str::contains;

const TMX: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4">
  <header creationtool="t" creationtoolversion="1" segtype="sentence" o-tmf="t" adminlang="en" srclang="en" datatype="plaintext"/>
  <body>
    <tu tuid="11"><prop type="x-document">cecot</prop>
      <tuv xml:lang="en"><seg>Homeland Security Secretary Noem visited a prison in El Salvador.</seg></tuv>
      <tuv xml:lang="ru"><seg>Министр внутренней безопасности Ноэм посетила тюрьму в Сальвадоре.</seg></tuv>
      <tuv xml:lang="uk"><seg>Міністерка внутрішньої безпеки Ноем відвідала в'язницю в Сальвадорі.</seg></tuv></tu>
    <tu tuid="12"><prop type="x-document">cecot</prop>
      <tuv xml:lang="en"><seg>The prison holds 40,000 inmates.</seg></tuv>
      <tuv xml:lang="ru"><seg>В тюрьме содержатся 40 000 заключённых.</seg></tuv>
      <tuv xml:lang="uk"><seg>У в'язниці утримують 40 000 ув'язнених.</seg></tuv></tu>
    <tu tuid="13">
      <tuv xml:lang="en"><seg>The weather was fine.</seg></tuv>
      <tuv xml:lang="ru"><seg>Погода была хорошей.</seg></tuv></tu>
  </body>
</tmx>
"#;

/// A temp dir holding `memory.tmx`.
fn setup() -> tempfile::TempDir {
    let dir = temp_dir();
    write(dir.path(), "memory.tmx", TMX);
    dir
}

#[test]
fn lookup_prints_ranked_matches_with_their_origin() {
    let dir = setup();
    polyalign(dir.path())
        .args(["lookup", "--tm", "memory.tmx", "--from", "en", "--to", "ru"])
        .arg("Homeland Security Secretary Noem visited a prison")
        .assert()
        .success()
        .stdout(contains(
            "  1.  70%  Homeland Security Secretary Noem visited a prison in El Salvador.",
        ))
        .stdout(contains(
            "Министр внутренней безопасности Ноэм посетила тюрьму в Сальвадоре.",
        ))
        .stdout(contains("(memory.tmx, tuid 11, document cecot)"));
}

#[test]
fn lookup_json_and_queries_from_stdin() {
    let dir = setup();
    let out = polyalign(dir.path())
        .args(["lookup", "--tm", "memory.tmx", "--from", "en", "--to", "uk", "--format", "json"])
        .write_stdin("The prison holds 40,000 inmates.\n\nnothing like it\nThe prison holds 50,000 inmates!\n")
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let lines: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    assert_eq!(lines.len(), 3, "a blank line is skipped");
    assert_eq!(lines[0]["matches"][0]["score"], 100);
    assert_eq!(lines[0]["matches"][0]["origin"]["tuid"], "12");
    assert_eq!(lines[1]["matches"].as_array().unwrap().len(), 0);
    assert_eq!(lines[2]["matches"][0]["score"], 80);
    assert_eq!(
        lines[2]["matches"][0]["target"],
        "У в'язниці утримують 40 000 ув'язнених."
    );
}

#[test]
fn lookup_min_and_max() {
    let dir = setup();
    let q = "The prison holds many inmates.";
    polyalign(dir.path())
        .args([
            "lookup",
            "--tm",
            "memory.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "--min",
            "90",
            q,
        ])
        .assert()
        .code(1)
        .stdout(contains("no match at 90% or more"));
    let out = polyalign(dir.path())
        .args([
            "lookup",
            "--tm",
            "memory.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "--min",
            "1",
        ])
        .args(["--max", "1", "--format", "json", q])
        .output()
        .expect("run");
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(v["matches"].as_array().unwrap().len(), 1);
}

#[test]
fn tm_build_writes_an_index_that_gives_the_same_matches() {
    let dir = setup();
    polyalign(dir.path())
        .args(["tm", "build", "memory.tmx", "-o", "memory.ptm"])
        .assert()
        .success()
        .stderr(contains("wrote memory.ptm (3 units: en 3, ru 3, uk 2"));
    // Told apart by its first bytes, whatever its name.
    std::fs::copy(dir.path().join("memory.ptm"), dir.path().join("index.tmx")).unwrap();
    let run = |tm: &str| {
        polyalign(dir.path())
            .args([
                "lookup", "--tm", tm, "--from", "en", "--to", "ru", "--format", "json",
            ])
            .write_stdin("The prison holds 40,001 inmates.\nNoem visited a prison in El Salvador\n")
            .output()
            .expect("run")
            .stdout
    };
    let from_tmx = run("memory.tmx");
    assert_eq!(run("memory.ptm"), from_tmx);
    assert_eq!(run("index.tmx"), from_tmx);
    assert!(!from_tmx.is_empty());
}

#[test]
fn own_alignments_are_memories() {
    let dir = temp_dir();
    let samples = repo_path("samples");
    for ext in ["tmx", "jsonl"] {
        polyalign(dir.path())
            .arg("align")
            .arg(samples.join("harbour-bridge.en.txt"))
            .arg(samples.join("harbour-bridge.uk.txt"))
            .args(["-o", &format!("hb.{ext}")])
            .assert()
            .success();
        polyalign(dir.path())
            .args([
                "lookup",
                "--tm",
                &format!("hb.{ext}"),
                "--from",
                "en",
                "--to",
                "ua",
            ])
            // The caption's photo credit is left out of the units (page furniture).
            .arg("Mayor Anna Kowalski at the opening of the bridge on 15 May")
            .assert()
            .success()
            .stdout(contains("91%"))
            .stdout(contains("Анна Ковальскі"));
    }
}

#[test]
fn pretranslate_writes_drafts_and_a_report() {
    let dir = setup();
    write(dir.path(), "new.en.txt", "Noem in El Salvador\n\nHomeland Security Secretary Noem visited a prison in El Salvador. The prison holds 39,500 inmates. Nobody knows why.\n");
    polyalign(dir.path())
        .args([
            "pretranslate",
            "new.en.txt",
            "--tm",
            "memory.tmx",
            "--to",
            "ru,uk",
            "-o",
            "draft",
        ])
        .assert()
        .success()
        .stdout(contains(
            "new.en.txt: 4 sentences, 22 words, from en into ru, uk; threshold 75%",
        ))
        .stdout(contains("100%               1      10         1      10"))
        .stdout(contains("adapted            1                 1\n"));
    let ru = std::fs::read_to_string(dir.path().join("draft.ru.txt")).unwrap();
    assert_eq!(
        ru,
        "Noem in El Salvador\n\nМинистр внутренней безопасности Ноэм посетила тюрьму в Сальвадоре. В тюрьме содержатся 39 500 заключённых. Nobody knows why.\n"
    );
    let uk = std::fs::read_to_string(dir.path().join("draft.uk.txt")).unwrap();
    assert!(
        uk.contains("У в'язниці утримують 39 500 ув'язнених."),
        "{uk}"
    );
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("draft.report.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(report["sentences"], 4);
    assert_eq!(report["summary"]["ru"]["bands"]["100"]["sentences"], 1);
    assert_eq!(report["summary"]["ru"]["bands"]["75-84"]["sentences"], 1);
    assert_eq!(report["summary"]["ru"]["bands"]["no match"]["sentences"], 2);
    assert_eq!(report["summary"]["uk"]["adapted"], 1);
    assert_eq!(report["segments"][2]["fills"][0]["adapted"], true);
    assert_eq!(report["segments"][2]["fills"][0]["origin"]["tuid"], "12");
}

#[test]
fn pretranslate_never_writes_over_an_input() {
    let dir = setup();
    write(dir.path(), "new.en.txt", "The weather was fine.\n");
    write(dir.path(), "x.ru.txt", "keep");
    polyalign(dir.path())
        .args([
            "pretranslate",
            "new.en.txt",
            "--tm",
            "x.ru.txt",
            "--to",
            "ru",
            "-o",
            "x",
        ])
        .assert()
        .code(2);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("x.ru.txt")).unwrap(),
        "keep"
    );
}

// Bad input: clear messages, exit code 2, never a panic.

fn fails_with(dir: &Path, args: &[&str], message: &str) {
    polyalign(dir)
        .args(args)
        .assert()
        .code(2)
        .stderr(contains(message))
        .stderr(no_panic());
}

#[test]
fn empty_memory() {
    let dir = setup();
    write(
        dir.path(),
        "empty.tmx",
        r#"<tmx version="1.4"><header srclang="en"/><body></body></tmx>"#,
    );
    let look = [
        "lookup",
        "--tm",
        "empty.tmx",
        "--from",
        "en",
        "--to",
        "ru",
        "Hello",
    ];
    fails_with(
        dir.path(),
        &look,
        "polyalign: error: empty.tmx: no translation units",
    );
    let build = ["tm", "build", "empty.tmx", "-o", "e.ptm"];
    fails_with(dir.path(), &build, "empty.tmx: no translation units");
    assert!(!dir.path().join("e.ptm").exists());
}

#[test]
fn memory_without_the_language_pair() {
    let dir = setup();
    let args = [
        "lookup",
        "--tm",
        "memory.tmx",
        "--from",
        "en",
        "--to",
        "de",
        "Hello",
    ];
    fails_with(
        dir.path(),
        &args,
        "memory.tmx: no German (de) text; the memory has en (3 texts), ru (3 texts), uk (2 texts)",
    );
    let args = [
        "pretranslate",
        "memory.tmx",
        "--from",
        "en",
        "--tm",
        "memory.tmx",
        "--to",
        "pl",
        "-o",
        "d",
    ];
    fails_with(dir.path(), &args, "no Polish (pl) text");
}

#[test]
fn query_in_the_wrong_language_is_an_error_with_a_suggestion() {
    let dir = setup();
    fails_with(
        dir.path(),
        &[
            "lookup",
            "--tm",
            "memory.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "Міністр внутрішньої безпеки відвідала в'язницю",
        ],
        "the query is written in Cyrillic letters, not in English (en): did you mean --from uk?",
    );
    fails_with(
        dir.path(),
        &[
            "lookup",
            "--tm",
            "memory.tmx",
            "--from",
            "ru",
            "--to",
            "en",
            "Noem visited",
        ],
        "did you mean --from en?",
    );
}

#[test]
fn queries_in_the_wrong_language_on_stdin_are_warnings() {
    let dir = setup();
    polyalign(dir.path())
        .args(["lookup", "--tm", "memory.tmx", "--from", "en", "--to", "ru"])
        .write_stdin("Министр внутренней безопасности посетила тюрьму\n")
        .assert()
        .code(1)
        .stderr(contains(
            "warning: query 1: only 0% of its letters are Latin",
        ));
}

#[test]
fn empty_queries() {
    let dir = setup();
    fails_with(
        dir.path(),
        &[
            "lookup",
            "--tm",
            "memory.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "  ",
        ],
        "empty query",
    );
    fails_with(
        dir.path(),
        &[
            "lookup",
            "--tm",
            "memory.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "?!",
        ],
        "empty query: no word to look up",
    );
    // From standard input, a query without words is skipped with a warning.
    polyalign(dir.path())
        .args(["lookup", "--tm", "memory.tmx", "--from", "en", "--to", "ru"])
        .write_stdin("...\n")
        .assert()
        .code(1)
        .stderr(contains("query 1: no word to look up"));
}

#[test]
fn malformed_tmx_says_where() {
    let dir = setup();
    std::fs::copy(
        fixture("tmx/malformed-unclosed-tuv.tmx"),
        dir.path().join("bad.tmx"),
    )
    .unwrap();
    fails_with(
        dir.path(),
        &[
            "lookup", "--tm", "bad.tmx", "--from", "en", "--to", "ru", "Hello",
        ],
        "bad.tmx: malformed TMX at line",
    );
    fails_with(
        dir.path(),
        &[
            "lookup",
            "--tm",
            "missing.tmx",
            "--from",
            "en",
            "--to",
            "ru",
            "Hello",
        ],
        "missing.tmx",
    );
}

#[test]
fn damaged_index_files() {
    let dir = setup();
    polyalign(dir.path())
        .args(["tm", "build", "memory.tmx", "-o", "m.ptm"])
        .assert()
        .success();
    let bytes = std::fs::read(dir.path().join("m.ptm")).unwrap();
    write(dir.path(), "cut.ptm", &bytes[..bytes.len() / 2]);
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x40;
    write(dir.path(), "flip.ptm", &flipped);
    let mut v9 = bytes.clone();
    v9[8] = 9;
    write(dir.path(), "v9.ptm", &v9);
    for (file, message) in [
        ("cut.ptm", "cut.ptm: truncated .ptm file"),
        ("flip.ptm", "flip.ptm: damaged .ptm file: checksum mismatch"),
        (
            "v9.ptm",
            ".ptm format version 9; this polyalign reads version 2",
        ),
    ] {
        fails_with(
            dir.path(),
            &[
                "lookup", "--tm", file, "--from", "en", "--to", "ru", "Hello",
            ],
            message,
        );
    }
    // A file named .ptm that is not one is read as TMX, whose reader says what it is.
    write(dir.path(), "text.ptm", "just text");
    fails_with(
        dir.path(),
        &[
            "lookup", "--tm", "text.ptm", "--from", "en", "--to", "ru", "Hello",
        ],
        "text.ptm: not a TMX file",
    );
}
