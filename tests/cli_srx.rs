//! `--srx FILE`: segmentation with the rules of an SRX 2.0 file, through the real binary.

mod common;
use common::{dir_with, fixture, no_panic, polyalign, stdout_of};

use predicates::str::contains;

#[test]
fn segment_with_srx_rules() {
    let dir = dir_with(&[
        (
            "a.en.txt",
            "Headline\nMr. Smith met J. Doe. They left! Ok?\n\nNext one.\n".as_bytes(),
        ),
        (
            "a.ru.txt",
            "В 2023 г. Н. Букеле открыл CECOT, т. е. тюрьму. Там 84 тыс. мест.\n".as_bytes(),
        ),
    ]);
    let srx = fixture("srx/news.srx");
    let out = polyalign(dir.path())
        .arg("--srx")
        .arg(&srx)
        .args(["segment", "a.en.txt"])
        .assert()
        .success()
        .stderr(no_panic());
    assert_eq!(
        stdout_of(&out),
        "Headline\n\nMr. Smith met J. Doe.\nThey left!\nOk?\n\nNext one.\n"
    );
    let out = polyalign(dir.path())
        .args(["segment", "a.ru.txt", "--srx"])
        .arg(&srx)
        .assert()
        .success();
    assert_eq!(
        stdout_of(&out),
        "В 2023 г. Н. Букеле открыл CECOT, т. е. тюрьму.\nТам 84 тыс. мест.\n"
    );
}

#[test]
fn malformed_srx_exits_2_with_the_line() {
    let dir = dir_with(&[
        ("a.en.txt", b"One. Two.\n"),
        (
            "bad.srx",
            b"<srx version=\"2.0\">\n<body>\n<languagerules>\n<languagerule>\n</languagerule>\n</languagerules></body></srx>\n",
        ),
        ("cut.srx", b"<srx version=\"2.0\">\n<body>\n<languagerules>\n"),
    ]);
    polyalign(dir.path())
        .args(["--srx", "bad.srx", "segment", "a.en.txt"])
        .assert()
        .code(2)
        .stderr(contains("bad.srx:4: malformed SRX"))
        .stderr(no_panic());
    polyalign(dir.path())
        .args(["--srx", "cut.srx", "segment", "a.en.txt"])
        .assert()
        .code(2)
        .stderr(contains("cut.srx:"))
        .stderr(no_panic());
    polyalign(dir.path())
        .args(["--srx", "missing.srx", "segment", "a.en.txt"])
        .assert()
        .code(2)
        .stderr(contains("missing.srx"));
}

#[test]
fn unknown_language_falls_back_to_the_built_in_rules() {
    let dir = dir_with(&[("a.de.txt", b"Das ist gut. Wirklich.\n")]);
    let out = polyalign(dir.path())
        .arg("--srx")
        .arg(fixture("srx/news.srx"))
        .args(["segment", "a.de.txt"])
        .assert()
        .success()
        .stderr(contains("no languagemap matches \"de\""))
        .stderr(contains("built-in rules"));
    assert_eq!(stdout_of(&out), "Das ist gut.\nWirklich.\n");
}

#[test]
fn untranslatable_rule_is_skipped_with_one_warning() {
    let srx = std::fs::read_to_string(fixture("srx/news.srx"))
        .unwrap()
        .replace(r"\b\p{Lu}\.", r"(\p{Lu})\1\.");
    let dir = dir_with(&[
        ("a.en.txt", b"One. Two.\n"),
        ("b.en.txt", b"Three. Four.\n"),
        ("x.srx", srx.as_bytes()),
    ]);
    let out = polyalign(dir.path())
        .args(["--srx", "x.srx", "align", "a.en.txt", "b.en.txt"])
        .assert()
        .stderr(no_panic());
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err.matches("x.srx:28: no-break rule").count(), 1, "{err}");
}
