//! Integration tests of `polyalign align` and `polyalign eval align`: the real binary, each
//! test in its own temp dir.
//!
//! Exit codes (see `src/main.rs`): 0 success, 1 findings, 2 error.

mod common;
use common::validate_with_xmllint;

use std::path::Path;

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;
use tempfile::TempDir;

/// The English version: a headline, then one paragraph of five sentences.
const EN: &str = "Harbour Bridge Opens in Nordhaven\n\
\n\
The Harbour Bridge in Nordhaven opened to traffic on 14 May after six years of construction. \
Mayor Anna Kowalski said the project cost $2.3 million more than planned. \
The crossing is expected to carry about 84,000 vehicles a day. \
Margit Holm, 71, has lived on Harbour Street all her life. \
\"We waited so long,\" she said.\n";

const RU: &str = "В Нордхавене открылся Портовый мост\n\
\n\
Портовый мост в Нордхавене открылся для движения 14 мая после шести лет строительства. \
Мэр Анна Ковальски заявила, что проект обошелся на 2,3 млн долларов дороже, чем планировалось. \
Ожидается, что переправа будет пропускать около 84 тыс. автомобилей в сутки. \
71-летняя Маргит Хольм всю жизнь живет на Портовой улице. \
«Мы так долго ждали», – сказала она.\n";

/// The Ukrainian version drops the sentence about Margit Holm.
const UK: &str = "У Нордгавені відкрився Портовий міст\n\
\n\
Портовий міст у Нордгавені відкрили для руху 14 травня після шести років будівництва. \
Міська голова Анна Ковальскі заявила, що проєкт коштував на 2,3 млн доларів більше, ніж планувалося. \
Очікується, що переправа пропускатиме близько 84 тис. автомобілів на добу. \
«Ми так довго чекали», – сказала вона.\n";

/// A Ukrainian version that drops the sentence about the cost instead (see
/// `dropped_sentence_with_unmatched_anchors_is_left_out`).
const UK_NO_COST: &str = "У Нордгавені відкрився Портовий міст\n\
\n\
Портовий міст у Нордгавені відкрили для руху 14 травня після шести років будівництва. \
Очікується, що переправа пропускатиме близько 84 тис. автомобілів на добу. \
71-річна Маргіт Гольм усе життя живе на Портовій вулиці. \
«Ми так довго чекали», – сказала вона.\n";

/// The command, run in `dir`.
fn polyalign(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("polyalign").expect("binary `polyalign` is built");
    cmd.current_dir(dir);
    cmd
}

/// A temp dir holding the given files.
fn dir_with(files: &[(&str, &[u8])]) -> TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).expect("write fixture");
    }
    dir
}

/// The trio `a.en.txt`, `a.ru.txt`, `a.uk.txt`, plus copies without language in the name.
fn trio() -> TempDir {
    dir_with(&[
        ("a.en.txt", EN.as_bytes()),
        ("a.ru.txt", RU.as_bytes()),
        ("a.uk.txt", UK.as_bytes()),
        ("first.txt", EN.as_bytes()),
        ("second.txt", RU.as_bytes()),
        ("third.txt", UK.as_bytes()),
    ])
}

fn no_panic() -> impl Predicate<str> {
    contains("panicked").not()
}

fn stdout_of(assert: &assert_cmd::assert::Assert) -> String {
    String::from_utf8(assert.get_output().stdout.clone()).expect("stdout is UTF-8")
}

/// One line of a unit block in the text format: language, ids (`0-1` or `-`), text.
#[derive(Debug, Clone, PartialEq)]
struct Row {
    lang: String,
    ids: String,
    text: String,
}

/// The units of the text format: blocks `#1 1-1-1 score 0.99` then `  en [0-0] text`.
fn parse_units(out: &str) -> Vec<Vec<Row>> {
    let mut units: Vec<Vec<Row>> = Vec::new();
    for line in out.lines() {
        if line.starts_with('#') {
            let head: Vec<&str> = line.split_whitespace().collect();
            assert_eq!(head.len(), 4, "unit header {line:?}");
            assert_eq!(head[2], "score", "unit header {line:?}");
            let score: f64 = head[3].parse().expect("score is a number");
            assert!((0.0..=1.0).contains(&score), "unit header {line:?}");
            units.push(Vec::new());
        } else if let Some(rest) = line.strip_prefix("  ") {
            let (lang, rest) = rest.split_once(" [").expect("`  xx [ids] text`");
            let (ids, text) = rest.split_once(']').expect("`  xx [ids] text`");
            units
                .last_mut()
                .expect("a row belongs to a unit")
                .push(Row {
                    lang: lang.to_string(),
                    ids: ids.to_string(),
                    text: text.trim().to_string(),
                });
        } else {
            assert!(line.is_empty(), "unexpected line {line:?}");
        }
    }
    units
}

/// The unit whose row of `lang` contains `needle`.
fn unit_with<'u>(units: &'u [Vec<Row>], lang: &str, needle: &str) -> &'u [Row] {
    units
        .iter()
        .find(|u| u.iter().any(|r| r.lang == lang && r.text.contains(needle)))
        .unwrap_or_else(|| panic!("no unit with {lang} {needle:?} in {units:#?}"))
}

fn row<'u>(unit: &'u [Row], lang: &str) -> &'u Row {
    unit.iter()
        .find(|r| r.lang == lang)
        .unwrap_or_else(|| panic!("no {lang} row in {unit:?}"))
}

/// Every sentence id of `lang` appears once, in order, over the units (`0-1`, `-`).
fn assert_ids_cover(units: &[Vec<Row>], lang: &str, count: usize) {
    let mut next = 0;
    for u in units {
        let r = row(u, lang);
        if r.ids == "-" {
            assert!(r.text.is_empty(), "{r:?}");
            continue;
        }
        let (a, b) = r.ids.split_once('-').expect("ids `a-b`");
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert_eq!(a, next, "{lang}: units out of order at {r:?}");
        assert!(b >= a);
        next = b + 1;
    }
    assert_eq!(
        next, count,
        "{lang}: the units hold {next} of {count} sentences"
    );
}

// ---------------------------------------------------------------------------------------
// align: text output
// ---------------------------------------------------------------------------------------

#[test]
fn trio_units_hold_translations_together_and_show_the_dropped_sentence() {
    let dir = trio();
    let assert = polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "a.uk.txt"])
        .assert()
        .success()
        .stderr(no_panic());
    let units = parse_units(&stdout_of(&assert));
    for u in &units {
        let langs: Vec<&str> = u.iter().map(|r| r.lang.as_str()).collect();
        assert_eq!(langs, ["en", "ru", "uk"], "{u:?}");
    }
    assert_ids_cover(&units, "en", 6);
    assert_ids_cover(&units, "ru", 6);
    assert_ids_cover(&units, "uk", 5);

    let head = unit_with(&units, "en", "Harbour Bridge Opens");
    assert!(
        row(head, "ru").text.contains("В Нордхавене открылся"),
        "{head:?}"
    );
    assert!(
        row(head, "uk").text.contains("У Нордгавені відкрився"),
        "{head:?}"
    );

    let mayor = unit_with(&units, "en", "Kowalski");
    assert!(row(mayor, "ru").text.contains("Ковальски"), "{mayor:?}");
    assert!(row(mayor, "uk").text.contains("Ковальскі"), "{mayor:?}");
    assert!(!row(mayor, "en").text.contains("84,000"), "{mayor:?}");

    let traffic = unit_with(&units, "en", "84,000");
    assert!(row(traffic, "ru").text.contains("84 тыс."), "{traffic:?}");
    assert!(row(traffic, "uk").text.contains("84 тис."), "{traffic:?}");

    // The sentence missing in Ukrainian: a unit of its own, `uk [-]`.
    let holm = unit_with(&units, "en", "Margit Holm");
    assert_eq!(row(holm, "en").ids, "4-4", "{holm:?}");
    assert!(row(holm, "ru").text.contains("Маргит Хольм"), "{holm:?}");
    assert_eq!(row(holm, "ru").ids, "4-4", "{holm:?}");
    assert_eq!(row(holm, "uk").ids, "-", "{holm:?}");
    assert!(row(holm, "uk").text.is_empty(), "{holm:?}");
    assert!(stdout_of(&assert).contains("uk [-]"));

    let quote = unit_with(&units, "en", "We waited so long");
    assert!(
        row(quote, "ru").text.contains("Мы так долго ждали"),
        "{quote:?}"
    );
    assert!(
        row(quote, "uk").text.contains("Ми так довго чекали"),
        "{quote:?}"
    );
}

/// The same trio with the cost sentence (a `$2.3 million` amount and two names that
/// Ukrainian then lacks) dropped in Ukrainian instead. en-ru and ru-uk are right (ru-uk
/// has the 1-0), but en-uk links `[2, 3]:[2]` (2-1), because a 1-0 costs -ln 0.0099 = 4.6
/// while the 2-1 only pays its prior, a length cost and 0.6 for the unmatched number; the
/// units take the union of all pairs, so the unit comes out 2-2-1 with no `uk [-]`.
#[test]
fn dropped_sentence_with_unmatched_anchors_is_left_out() {
    let dir = dir_with(&[
        ("a.en.txt", EN.as_bytes()),
        ("a.ru.txt", RU.as_bytes()),
        ("a.uk.txt", UK_NO_COST.as_bytes()),
    ]);
    let assert = polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "a.uk.txt"])
        .assert()
        .success()
        .stderr(no_panic());
    let units = parse_units(&stdout_of(&assert));
    let cost = unit_with(&units, "en", "$2.3 million");
    assert_eq!(row(cost, "en").ids, "2-2", "{cost:?}");
    assert_eq!(row(cost, "ru").ids, "2-2", "{cost:?}");
    assert_eq!(row(cost, "uk").ids, "-", "{cost:?}");
    let traffic = unit_with(&units, "en", "84,000");
    assert_eq!(row(traffic, "en").ids, "3-3", "{traffic:?}");
    assert_eq!(row(traffic, "uk").ids, "2-2", "{traffic:?}");
}

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
// align: ladder, pivot, link types
// ---------------------------------------------------------------------------------------

/// A ladder link: source ids, target ids, score.
type LadderLink = (Vec<usize>, Vec<usize>, f64);

/// The pairs of a ladder output: header `# en-ru`, then `[0]:[0, 1]:0.930` lines.
fn parse_ladder(out: &str) -> Vec<(String, Vec<LadderLink>)> {
    let line_re = predicates::str::is_match(r"^\[[0-9, ]*\]:\[[0-9, ]*\]:[01]\.[0-9]{3}$")
        .expect("valid regex");
    let ids = |s: &str| -> Vec<usize> {
        s.split(", ")
            .filter(|x| !x.is_empty())
            .map(|x| x.parse().expect("id"))
            .collect()
    };
    let mut pairs: Vec<(String, Vec<LadderLink>)> = Vec::new();
    for line in out.lines() {
        if let Some(pair) = line.strip_prefix("# ") {
            pairs.push((pair.to_string(), Vec::new()));
            continue;
        }
        assert!(line_re.eval(line), "ladder line {line:?}");
        let parts: Vec<&str> = line.split(':').collect();
        assert_eq!(parts.len(), 3, "{line:?}");
        let src = ids(parts[0].trim_start_matches('[').trim_end_matches(']'));
        let tgt = ids(parts[1].trim_start_matches('[').trim_end_matches(']'));
        let score: f64 = parts[2].parse().expect("score");
        assert!((0.0..=1.0).contains(&score), "{line:?}");
        pairs
            .last_mut()
            .expect("a link line follows a header")
            .1
            .push((src, tgt, score));
    }
    pairs
}

/// The links of a pair cover `n` and `m` sentences in order.
fn assert_ladder_covers(links: &[LadderLink], n: usize, m: usize) {
    let (mut i, mut j) = (0, 0);
    for (src, tgt, _) in links {
        assert!(!(src.is_empty() && tgt.is_empty()), "{links:?}");
        for &x in src {
            assert_eq!(x, i, "{links:?}");
            i += 1;
        }
        for &y in tgt {
            assert_eq!(y, j, "{links:?}");
            j += 1;
        }
    }
    assert_eq!((i, j), (n, m), "{links:?}");
}

#[test]
fn ladder_format_has_a_header_per_pair_and_vecalign_lines() {
    let dir = trio();
    let assert = polyalign(dir.path())
        .args([
            "align", "a.en.txt", "a.ru.txt", "a.uk.txt", "--format", "ladder",
        ])
        .assert()
        .success()
        .stderr(no_panic());
    let out = stdout_of(&assert);
    assert!(out.starts_with("# en-ru\n"), "{out}");
    let pairs = parse_ladder(&out);
    let names: Vec<&str> = pairs.iter().map(|p| p.0.as_str()).collect();
    assert_eq!(names, ["en-ru", "en-uk", "ru-uk"]);
    assert_ladder_covers(&pairs[0].1, 6, 6);
    assert_ladder_covers(&pairs[1].1, 6, 5);
    assert_ladder_covers(&pairs[2].1, 6, 5);
    // en-ru is 1-1 throughout; the Holm sentence is unlinked in ru-uk.
    assert!(
        pairs[0]
            .1
            .iter()
            .all(|(s, t, _)| s.len() == 1 && t.len() == 1),
        "{out}"
    );
    assert!(
        pairs[2].1.iter().any(|(s, t, _)| s == &[4] && t.is_empty()),
        "{out}"
    );
}

#[test]
fn pivot_among_languages_works() {
    let dir = trio();
    for pivot in ["ru", "uk", "ua", "en"] {
        let assert = polyalign(dir.path())
            .args([
                "align", "a.en.txt", "a.ru.txt", "a.uk.txt", "--pivot", pivot,
            ])
            .assert()
            .success()
            .stderr(no_panic());
        let units = parse_units(&stdout_of(&assert));
        assert_ids_cover(&units, "en", 6);
        assert_ids_cover(&units, "ru", 6);
        assert_ids_cover(&units, "uk", 5);
        let holm = unit_with(&units, "ru", "Маргит Хольм");
        assert_eq!(row(holm, "uk").ids, "-", "pivot {pivot}");
    }
}

#[test]
fn pivot_not_among_languages_is_an_error() {
    let dir = trio();
    polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "--pivot", "de"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains("pivot").and(contains("de")).and(no_panic()));
    polyalign(dir.path())
        .args(["align", "a.en.txt", "a.ru.txt", "--pivot", "klingon"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(no_panic());
}

#[test]
fn link_types_restrict_the_links() {
    let dir = trio();
    let assert = polyalign(dir.path())
        .args([
            "align",
            "a.en.txt",
            "a.ru.txt",
            "a.uk.txt",
            "--link-types",
            "1-1,1-0,0-1",
            "--format",
            "ladder",
        ])
        .assert()
        .success()
        .stderr(no_panic());
    let out = stdout_of(&assert);
    let pairs = parse_ladder(&out);
    assert_eq!(pairs.len(), 3);
    for (_, links) in &pairs {
        for (s, t, _) in links {
            assert!(
                matches!((s.len(), t.len()), (1, 1) | (1, 0) | (0, 1)),
                "{s:?}:{t:?} in {out}"
            );
        }
    }
    assert_ladder_covers(&pairs[1].1, 6, 5);
}

#[test]
fn bad_link_types_are_errors() {
    let dir = trio();
    for types in ["9-x", "1-1,9-x", "", "1", "1-0,0-1", "1-1,0-0", "1-1,5-1"] {
        polyalign(dir.path())
            .args(["align", "a.en.txt", "a.ru.txt", "--link-types", types])
            .assert()
            .code(2)
            .stdout("")
            .stderr(contains("link types").and(no_panic()));
    }
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
fn empty_file_leaves_the_other_side_unlinked() {
    let dir = dir_with(&[
        ("a.en.txt", EN.as_bytes()),
        ("empty.ru.txt", b""),
        ("blank.uk.txt", b"\n \n\t\n"),
    ]);
    let assert = polyalign(dir.path())
        .args(["align", "a.en.txt", "empty.ru.txt"])
        .assert()
        .success()
        .stderr(no_panic());
    let units = parse_units(&stdout_of(&assert));
    assert_eq!(units.len(), 6);
    assert_ids_cover(&units, "en", 6);
    for u in &units {
        assert_eq!(row(u, "ru").ids, "-", "{u:?}");
        assert_eq!(row(u, "en").ids.split('-').count(), 2, "{u:?}");
    }
    // Empty side first, ladder: every link `[]:[k]`.
    let assert = polyalign(dir.path())
        .args(["align", "blank.uk.txt", "a.en.txt", "--format", "ladder"])
        .assert()
        .success()
        .stderr(no_panic());
    let pairs = parse_ladder(&stdout_of(&assert));
    assert_eq!(pairs.len(), 1);
    assert_eq!(pairs[0].0, "uk-en");
    let expected: Vec<(Vec<usize>, Vec<usize>)> = (0..6).map(|k| (vec![], vec![k])).collect();
    let got: Vec<(Vec<usize>, Vec<usize>)> = pairs[0]
        .1
        .iter()
        .map(|(s, t, _)| (s.clone(), t.clone()))
        .collect();
    assert_eq!(got, expected);
    // Both empty: nothing to align, nothing printed.
    polyalign(dir.path())
        .args(["align", "empty.ru.txt", "blank.uk.txt"])
        .assert()
        .success()
        .stdout("")
        .stderr(no_panic());
}

// ---------------------------------------------------------------------------------------
// align --jsonl
// ---------------------------------------------------------------------------------------

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
    let dir = tempfile::tempdir().unwrap();
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

// ---------------------------------------------------------------------------------------
// eval align
// ---------------------------------------------------------------------------------------

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
        .stderr(no_panic());
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

#[test]
fn text_in_the_wrong_script_gets_a_warning_and_still_aligns() {
    let dir = trio();
    Command::cargo_bin("polyalign")
        .expect("binary")
        .current_dir(dir.path())
        .args(["align", "--langs", "ru,en", "a.en.txt", "a.ru.txt"])
        .assert()
        .success()
        .stderr(contains("a.en.txt: only 0% of its letters are Cyrillic"))
        .stderr(contains("is the language right?"))
        .stderr(contains("panicked").not());
}

#[test]
fn output_files_in_tsv_and_jsonl_are_written_whole_and_never_over_an_input() {
    let dir = trio();
    let run = |args: &[&str]| {
        Command::cargo_bin("polyalign")
            .expect("binary")
            .current_dir(dir.path())
            .args(args)
            .assert()
    };
    run(&["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "-o", "out.tsv"]).success();
    let tsv = std::fs::read_to_string(dir.path().join("out.tsv")).expect("tsv written");
    let mut lines = tsv.lines();
    assert_eq!(lines.next(), Some("en\tru\tuk\tscore"));
    assert!(lines.all(|l| l.split('\t').count() == 4), "{tsv}");

    run(&["align", "a.en.txt", "a.ru.txt", "-o", "out.jsonl"]).success();
    let jsonl = std::fs::read_to_string(dir.path().join("out.jsonl")).expect("jsonl written");
    for line in jsonl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("one JSON object per line");
        assert!(v["en"]["ids"].is_array() && v["ru"]["text"].is_string() && v["score"].is_number());
    }

    let before = std::fs::read(dir.path().join("a.ru.txt")).expect("input");
    run(&["align", "a.en.txt", "a.ru.txt", "-o", "a.ru.txt"])
        .code(2)
        .stderr(contains("is an input"));
    assert_eq!(
        std::fs::read(dir.path().join("a.ru.txt")).expect("input"),
        before
    );
    run(&["align", "a.en.txt", "a.ru.txt", "-o", "out.xyz"])
        .code(2)
        .stderr(contains("cannot tell the format"));
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

#[test]
fn tmx_output_holds_one_unit_per_translation_unit() {
    let dir = trio();
    Command::cargo_bin("polyalign")
        .expect("binary")
        .current_dir(dir.path())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .args(["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "-o", "a.tmx"])
        .assert()
        .success()
        .stderr(contains("panicked").not());
    let path = dir.path().join("a.tmx");
    let tmx = polyalign::tmx::read_tmx_file(&path).expect("our TMX reads back");
    assert_eq!(tmx.header.srclang, "en");
    assert_eq!(tmx.header.creationdate.as_deref(), Some("20231114T221320Z"));
    let holm = tmx
        .units
        .iter()
        .find(|u| u.text("en").is_some_and(|t| t.contains("Margit Holm")))
        .expect("the Holm unit");
    assert!(holm.text("ru").is_some_and(|t| t.contains("Хольм")));
    assert_eq!(
        holm.text("uk"),
        None,
        "the sentence uk leaves out has no uk variant"
    );
    let kinds: Vec<&str> = tmx
        .units
        .iter()
        .flat_map(|u| u.props.iter().filter(|p| p.kind == "x-link-type"))
        .map(|p| p.value.as_str())
        .collect();
    assert!(kinds.contains(&"1-1-0"), "{kinds:?}");
    let ids: Vec<Option<&str>> = tmx.units.iter().map(|u| u.tuid.as_deref()).collect();
    let unique: std::collections::HashSet<_> = ids.iter().collect();
    assert_eq!(unique.len(), ids.len(), "tuids are unique");
    validate_with_xmllint(&[&path]);
}

#[test]
fn tmx_options_filter_units_and_write_bilingual_files() {
    let dir = trio();
    let run = |args: &[&str]| {
        Command::cargo_bin("polyalign")
            .expect("binary")
            .current_dir(dir.path())
            .args(args)
            .assert()
    };
    let count = |name: &str| {
        polyalign::tmx::read_tmx_file(dir.path().join(name))
            .expect("TMX reads back")
            .units
            .len()
    };
    run(&["align", "a.en.txt", "a.ru.txt", "a.uk.txt", "-o", "all.tmx"]).success();
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "a.uk.txt",
        "-o",
        "sure.tmx",
        "--min-score",
        "0.5",
    ])
    .success()
    .stderr(contains("scoring below 0.5"));
    assert!(
        count("sure.tmx") < count("all.tmx"),
        "the unit without uk scores low"
    );
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "a.uk.txt",
        "-o",
        "p.tmx",
        "--pairs",
        "--srclang",
        "ru",
    ])
    .success();
    for pair in ["en-ru", "en-uk", "ru-uk"] {
        let tmx = polyalign::tmx::read_tmx_file(dir.path().join(format!("p.{pair}.tmx")))
            .expect("bilingual file");
        assert!(tmx.units.iter().all(|u| u.variants.len() <= 2), "{pair}");
    }
    run(&["align", "a.en.txt", "a.ru.txt", "--pairs"])
        .code(2)
        .stderr(contains("give -o FILE.tmx"));
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "-o",
        "x.tmx",
        "--srclang",
        "de",
    ])
    .code(2)
    .stderr(contains("not one of the languages"));
    run(&[
        "align",
        "a.en.txt",
        "a.ru.txt",
        "-o",
        "x.tmx",
        "--min-score",
        "2",
    ])
    .code(2);
    let same = "Nordhaven\n\nThe bridge opened on 14 May.\n";
    std::fs::write(dir.path().join("s.en.txt"), same).expect("fixture");
    std::fs::write(
        dir.path().join("s.ru.txt"),
        "Nordhaven\n\nМост открылся 14 мая.\n",
    )
    .expect("fixture");
    run(&[
        "align",
        "s.en.txt",
        "s.ru.txt",
        "-o",
        "s.tmx",
        "--skip-identical",
    ])
    .success()
    .stderr(contains("identical in every language"));
    assert_eq!(count("s.tmx"), 1);
}
