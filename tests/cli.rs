//! Integration tests of the `polyalign` command line: the real binary, run in temp dirs.
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::{dir_with, no_panic, polyalign, temp_dir};

use predicates::prelude::*;
use predicates::str::contains;

/// A Russian news fixture: a headline without a period, then (in the same block) a body
/// paragraph with an abbreviation `т. е.`, a number abbreviation `84 тыс.` and initials
/// `Н. Букеле`, then a blank line and a second paragraph.
const RU_TEXT: &str = "Сальвадор расширяет тюрьму\n\
Президент Н. Букеле заявил, что тюрьма, т. е. CECOT, вмещает 84 тыс. заключённых. \
Это крупнейшая тюрьма в Америке.\n\
\n\
Второй абзац. Ещё одно предложение!\n";

const RU_EXPECTED: &str = "Сальвадор расширяет тюрьму\n\
\n\
Президент Н. Букеле заявил, что тюрьма, т. е. CECOT, вмещает 84 тыс. заключённых.\n\
Это крупнейшая тюрьма в Америке.\n\
\n\
Второй абзац.\n\
Ещё одно предложение!\n";

const UK_TEXT: &str = "Привіт, світе. Як справи?\n";
const UK_EXPECTED: &str = "Привіт, світе.\nЯк справи?\n";

// ---------------------------------------------------------------------------------------
// segment: text output and languages
// ---------------------------------------------------------------------------------------

#[test]
fn segment_russian_one_sentence_per_line_and_blank_line_between_paragraphs() {
    let dir = dir_with(&[("news.txt", RU_TEXT.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "news.txt", "--lang", "ru"])
        .assert()
        .success()
        .stdout(RU_EXPECTED)
        .stderr("");
}

#[test]
fn segment_short_lang_flag() {
    let dir = dir_with(&[("news.txt", RU_TEXT.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "news.txt", "-l", "ru"])
        .assert()
        .success()
        .stdout(RU_EXPECTED);
}

#[test]
fn segment_hard_wrapped_sentence_is_printed_on_one_line() {
    // CRLF line ends; "Two\r\nlines here." is hard-wrapped (lowercase continuation).
    let dir = dir_with(&[(
        "wrapped.en.txt",
        "Title\r\nOne sentence. Two\r\nlines here.\r\n".as_bytes(),
    )]);
    polyalign(dir.path())
        .args(["segment", "wrapped.en.txt"])
        .assert()
        .success()
        .stdout("Title\n\nOne sentence.\nTwo lines here.\n")
        .stderr("");
}

#[test]
fn segment_language_from_file_name() {
    let dir = dir_with(&[("x.uk.txt", UK_TEXT.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "x.uk.txt"])
        .assert()
        .success()
        .stdout(UK_EXPECTED)
        .stderr("");
}

#[test]
fn segment_lang_ua_is_accepted_as_ukrainian() {
    let dir = dir_with(&[("article.txt", UK_TEXT.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "article.txt", "--lang", "ua"])
        .assert()
        .success()
        .stdout(UK_EXPECTED)
        // Ukrainian has dedicated rules: no note about generic rules.
        .stderr("");
}

#[test]
fn segment_generic_language_works_with_a_note_on_stderr() {
    let dir = dir_with(&[("artikel.txt", "Guten Tag. Wie geht es dir?\n".as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "artikel.txt", "--lang", "de"])
        .assert()
        .success()
        .stdout("Guten Tag.\nWie geht es dir?\n")
        .stderr(
            contains("note")
                .and(contains("de (German)"))
                .and(contains("generic rules")),
        );
}

#[test]
fn segment_unknown_language_fails_listing_supported_ones() {
    let dir = dir_with(&[("news.txt", RU_TEXT.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "news.txt", "--lang", "klingon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("\"klingon\"")
                .and(contains("en (English)"))
                .and(contains("ru (Russian)"))
                .and(contains("uk (Ukrainian"))
                .and(no_panic()),
        );
}

#[test]
fn segment_without_any_language_fails_asking_for_lang() {
    let dir = dir_with(&[("news.txt", RU_TEXT.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "news.txt"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(
            contains("cannot tell the language of news.txt")
                .and(contains("--lang"))
                .and(no_panic()),
        );
}

// ---------------------------------------------------------------------------------------
// segment: JSON output and pipeline mode
// ---------------------------------------------------------------------------------------

#[test]
fn segment_format_jsonl_offsets_slice_the_input() {
    let dir = dir_with(&[("news.txt", RU_TEXT.as_bytes())]);
    let out = polyalign(dir.path())
        .args(["segment", "news.txt", "--lang", "ru", "--format", "jsonl"])
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).expect("UTF-8 output");
    let input = RU_TEXT.as_bytes();
    let mut records = Vec::new();
    for line in out.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON record per line");
        let obj = v.as_object().expect("a JSON object");
        let mut keys: Vec<&str> = obj.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(keys, ["end", "paragraph", "start", "text"], "{line}");
        let start = v["start"].as_u64().unwrap() as usize;
        let end = v["end"].as_u64().unwrap() as usize;
        let text = v["text"].as_str().unwrap();
        assert_eq!(
            std::str::from_utf8(&input[start..end]).unwrap(),
            text,
            "offsets of {line}"
        );
        records.push((v["paragraph"].as_u64().unwrap(), text.to_string()));
    }
    let want: Vec<(u64, String)> = [
        (0, "Сальвадор расширяет тюрьму"),
        (
            1,
            "Президент Н. Букеле заявил, что тюрьма, т. е. CECOT, вмещает 84 тыс. заключённых.",
        ),
        (1, "Это крупнейшая тюрьма в Америке."),
        (2, "Второй абзац."),
        (2, "Ещё одно предложение!"),
    ]
    .into_iter()
    .map(|(p, t)| (p, t.to_string()))
    .collect();
    assert_eq!(records, want);
}

#[test]
fn segment_jsonl_mode_gives_one_array_per_input_line() {
    let input = "{\"text\": \"Mr. Smith arrived. He left.\"}\n\
                 \n\
                 {\"text\": \"Headline\\nBody text here.\", \"id\": 7}\n\
                 {\"text\": \"\"}\n";
    let dir = dir_with(&[("rows.jsonl", input.as_bytes())]);
    let out = polyalign(dir.path())
        .args(["segment", "rows.jsonl", "--jsonl", "--lang", "en"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let rows: Vec<Vec<String>> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON array of strings"))
        .collect();
    assert_eq!(
        rows,
        [
            vec!["Mr. Smith arrived.".to_string(), "He left.".to_string()],
            vec!["Headline".to_string(), "Body text here.".to_string()],
            vec![],
        ]
    );
}

#[test]
fn segment_jsonl_mode_malformed_line_fails_naming_the_line() {
    let input = "{\"text\": \"One. Two.\"}\n{\"text\": \"Three.\"}\nnot json\n";
    let dir = dir_with(&[("rows.jsonl", input.as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "rows.jsonl", "--jsonl", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(
            contains("rows.jsonl: line 3")
                .and(contains("{\"text\": \"...\"}"))
                .and(no_panic()),
        );
}

#[test]
fn segment_jsonl_mode_line_without_text_field_fails() {
    let dir = dir_with(&[("rows.jsonl", "{\"body\": \"One.\"}\n".as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "rows.jsonl", "--jsonl", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("rows.jsonl: line 1").and(no_panic()));
}

// ---------------------------------------------------------------------------------------
// segment: bad input
// ---------------------------------------------------------------------------------------

#[test]
fn segment_invalid_utf8_fails_naming_file_and_offset() {
    // "ok ééééé\n" is 14 bytes, "bad " 4 more: the bad byte 0xFF is at byte 18, line 2
    // (the "é"s make it UTF-8 with a bad byte, not a single-byte text).
    let dir = dir_with(&[(
        "bad.txt",
        b"ok \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\nbad \xff here\n",
    )]);
    polyalign(dir.path())
        .args(["segment", "bad.txt", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(
            contains("bad.txt")
                .and(contains("invalid UTF-8 at byte 18"))
                .and(contains("line 2"))
                .and(no_panic()),
        );
}

#[test]
fn segment_invalid_utf8_in_first_char_is_at_byte_zero() {
    let dir = dir_with(&[(
        "bad.txt",
        b"\xc3(abc \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n",
    )]);
    polyalign(dir.path())
        .args(["segment", "bad.txt", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("bad.txt: invalid UTF-8 at byte 0 (line 1)").and(no_panic()));
}

#[test]
fn segment_nul_byte_fails_as_binary() {
    // "ok\n" is 3 bytes, "nul " 4 more: the NUL is at byte 7, line 2.
    let dir = dir_with(&[("nul.txt", b"ok\nnul \0 here\n")]);
    polyalign(dir.path())
        .args(["segment", "nul.txt", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(
            contains("nul.txt")
                .and(contains("binary"))
                .and(contains("byte 7"))
                .and(no_panic()),
        );
}

#[test]
fn segment_empty_file_prints_nothing() {
    let dir = dir_with(&[("empty.txt", "".as_bytes())]);
    polyalign(dir.path())
        .args(["segment", "empty.txt", "--lang", "en"])
        .assert()
        .success()
        .stdout("")
        .stderr("");
}

#[test]
fn segment_white_space_only_file_prints_nothing() {
    let dir = dir_with(&[("blank.txt", "  \n\n \t\r\n\u{feff}\n".as_bytes())]);
    for format in ["text", "jsonl"] {
        polyalign(dir.path())
            .args(["segment", "blank.txt", "--lang", "en", "--format", format])
            .assert()
            .success()
            .stdout("")
            .stderr("");
    }
}

#[test]
fn segment_missing_file_fails_clearly() {
    let dir = temp_dir();
    polyalign(dir.path())
        .args(["segment", "missing.txt", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("polyalign: error: cannot open missing.txt").and(no_panic()));
}

#[test]
fn segment_directory_fails() {
    let dir = temp_dir();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    polyalign(dir.path())
        .args(["segment", "sub", "--lang", "en"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("sub is a directory").and(no_panic()));
}

// ---------------------------------------------------------------------------------------
// segment: standard input
// ---------------------------------------------------------------------------------------

#[test]
fn segment_reads_standard_input_with_dash() {
    let dir = temp_dir();
    polyalign(dir.path())
        .args(["segment", "-", "--lang", "ru"])
        .write_stdin(RU_TEXT)
        .assert()
        .success()
        .stdout(RU_EXPECTED)
        .stderr("");
}

#[test]
fn segment_reads_standard_input_by_default() {
    let dir = temp_dir();
    polyalign(dir.path())
        .args(["segment", "--lang", "en"])
        .write_stdin("Hello there. Good bye.")
        .assert()
        .success()
        .stdout("Hello there.\nGood bye.\n");
}

#[test]
fn segment_invalid_utf8_on_standard_input_fails() {
    let dir = temp_dir();
    polyalign(dir.path())
        .args(["segment", "-", "--lang", "en"])
        .write_stdin(&b"abc\xffdef \xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\xc3\xa9\n"[..])
        .assert()
        .code(2)
        .stderr(contains("-: invalid UTF-8 at byte 3 (line 1)").and(no_panic()));
}

// ---------------------------------------------------------------------------------------
// eval
// ---------------------------------------------------------------------------------------

#[test]
fn eval_segment_prints_a_table_with_perfect_f1() {
    let gold = "{\"id\": \"a\", \"text\": \"Mr. Smith went to Washington. He arrived on Monday.\", \
                \"sentences\": [\"Mr. Smith went to Washington.\", \"He arrived on Monday.\"]}\n\
                {\"text\": \"It rained. Then it stopped!\", \"sentences\": [\"It rained.\", \"Then it stopped!\"]}\n";
    let dir = dir_with(&[("gold.jsonl", gold.as_bytes())]);
    let out = polyalign(dir.path())
        .args(["eval", "segment", "--gold", "gold.jsonl", "--lang", "en"])
        .assert()
        .success()
        .stderr("")
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let lines: Vec<Vec<&str>> = out
        .lines()
        .map(|l| l.split_whitespace().collect())
        .collect();
    assert_eq!(
        lines,
        [
            vec!["file", "lang", "rows", "P", "R", "F1", "exact"],
            vec!["gold", "en", "2", "1.0000", "1.0000", "1.0000", "1.0000"],
        ],
        "{out}"
    );
}

#[test]
fn eval_segment_malformed_gold_fails_naming_the_line() {
    let dir = dir_with(&[(
        "gold.jsonl",
        "{\"text\": \"A.\", \"sentences\": [\"A.\"]}\n{oops\n".as_bytes(),
    )]);
    polyalign(dir.path())
        .args(["eval", "segment", "--gold", "gold.jsonl", "--lang", "en"])
        .assert()
        .code(2)
        .stderr(contains("gold.jsonl: line 2").and(no_panic()));
}

// ---------------------------------------------------------------------------------------
// general
// ---------------------------------------------------------------------------------------

#[test]
fn version_exits_zero() {
    let dir = temp_dir();
    polyalign(dir.path())
        .arg("--version")
        .assert()
        .success()
        .stdout(predicates::str::starts_with("polyalign "));
}

#[test]
fn unknown_subcommand_is_a_usage_error() {
    let dir = temp_dir();
    polyalign(dir.path())
        .arg("frobnicate")
        .assert()
        .code(2)
        .stdout("")
        .stderr(no_panic());
}
