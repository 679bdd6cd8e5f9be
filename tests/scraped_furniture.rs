//! Scraped article texts: the page furniture a scraper saves with the article (language
//! switcher, photo credits, share lines, a headline repeated in front of its caption) is
//! left out of the units and listed on stderr; `--keep-boilerplate` keeps it. Runs the
//! real binary on the fixtures in `tests/fixtures/scraped/`.

use assert_cmd::Command;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/scraped");

fn align(extra: &[&str]) -> (String, String) {
    let out = Command::cargo_bin("polyalign")
        .unwrap()
        .args(extra)
        .arg("align")
        .args(["en", "ru", "uk"].map(|l| format!("{FIXTURES}/bridge.{l}.txt")))
        .args(["--format", "tsv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn furniture_is_left_out_of_the_units_and_listed() {
    let (tsv, stderr) = align(&[]);
    for furniture in [
        "UA | RU | EN",
        "Photo:",
        "Фото:",
        "Share this",
        "Поделиться",
        "Facebook",
        "Telegram-канал",
    ] {
        assert!(!tsv.contains(furniture), "{furniture} in\n{tsv}");
    }
    let rows: Vec<&str> = tsv.lines().skip(1).collect();
    // The headline once, the caption on its own, and the four sentences of the body.
    assert_eq!(rows.len(), 6, "{tsv}");
    assert!(rows[0].starts_with("Harbour Bridge opens in Nordhaven after six years\t"));
    let caption: Vec<&str> = rows[1].split('\t').collect();
    assert_eq!(
        &caption[..3],
        [
            "Mayor Anna Kowalski cuts the ribbon on 14 May",
            "Мэр Анна Ковальски перерезает ленту 14 мая",
            "Міська голова Анна Ковальскі перерізає стрічку 14 травня",
        ]
    );
    for said in [
        "bridge.en.txt: left out 5 pieces of page furniture (--keep-boilerplate keeps them):",
        "  line 1: language switcher: UA | RU | EN",
        "  line 5: repeated headline: Harbour Bridge opens in Nordhaven after six years",
        "  line 5: photo credit: (Photo: City Hall Press Office)",
        "  line 9: share line: Share this article",
        "  line 13: share line: Facebook Twitter Telegram",
        "  line 13: share line: Подписывайтесь на наш Telegram-канал",
    ] {
        assert!(stderr.contains(said), "{said} not in\n{stderr}");
    }
}

#[test]
fn keep_boilerplate_keeps_every_line() {
    let (tsv, stderr) = align(&["--keep-boilerplate"]);
    assert!(!stderr.contains("page furniture"), "{stderr}");
    for furniture in [
        "UA | RU | EN",
        "(Photo: City Hall Press Office)",
        "Share this article",
        "Facebook Twitter Telegram",
    ] {
        assert!(tsv.contains(furniture), "{furniture} not in\n{tsv}");
    }
}

#[test]
fn check_does_not_report_furniture_one_version_lacks() {
    // The English version alone has a share line: no finding for it.
    let dir = tempfile::tempdir().unwrap();
    let en = std::fs::read_to_string(format!("{FIXTURES}/bridge.en.txt")).unwrap();
    let path = dir.path().join("bridge.en.txt");
    std::fs::write(
        &path,
        en.replace(
            "Share this article",
            "Share this article\n\nFollow us on Twitter",
        ),
    )
    .unwrap();
    let out = Command::cargo_bin("polyalign")
        .unwrap()
        .arg("check")
        .arg(&path)
        .args(["ru", "uk"].map(|l| format!("{FIXTURES}/bridge.{l}.txt")))
        .args(["--severity", "info"])
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(!report.contains("Follow us"), "{report}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("share line: Follow us on Twitter"));
}

#[test]
fn a_long_run_of_furniture_lists_twenty_pieces_and_counts_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for (lang, sentence) in [
        ("en", "The bridge over the river opened on Monday."),
        ("ru", "Мост через реку открыли в понедельник."),
        ("uk", "Міст через річку відкрили в понеділок."),
    ] {
        let mut text = String::new();
        for _ in 0..50 {
            text.push_str("UA | RU | EN\n\n");
        }
        text.push_str(sentence);
        text.push('\n');
        let path = dir.path().join(format!("{lang}.txt"));
        std::fs::write(&path, text).unwrap();
        texts.push(path);
    }
    let out = Command::cargo_bin("polyalign")
        .unwrap()
        .arg("align")
        .args(&texts)
        .args(["--format", "tsv"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    for lang in ["en", "ru", "uk"] {
        let file = format!("{lang}.txt: left out 50 pieces of page furniture");
        assert!(stderr.contains(&file), "{stderr}");
    }
    assert_eq!(
        stderr.matches("language switcher: UA | RU | EN").count(),
        60,
        "{stderr}"
    );
    assert_eq!(stderr.matches("  and 30 more").count(), 3, "{stderr}");
    let tsv = String::from_utf8(out.stdout).unwrap();
    assert!(!tsv.contains("UA | RU"), "{tsv}");
    assert!(
        tsv.contains("The bridge over the river opened on Monday."),
        "{tsv}"
    );
}
