//! Inputs that are not UTF-8 text: other encodings, Word and OpenDocument files, and
//! formats that are named and refused. Runs the real binary.

use assert_cmd::Command;

fn polyalign() -> Command {
    Command::cargo_bin("polyalign").unwrap()
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/input");

#[test]
fn word_and_opendocument_files_give_the_article_text() {
    let expected = std::fs::read_to_string(format!("{FIXTURES}/article.expected.txt")).unwrap();
    // The expected text, segmented, is what both documents give.
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("article.uk.txt");
    std::fs::write(&text, &expected).unwrap();
    let want = polyalign()
        .args(["segment", "--lang", "uk"])
        .arg(&text)
        .output()
        .unwrap();
    assert!(want.status.success());
    for (file, says) in [
        ("article.docx", "read as a Word document (.docx)"),
        ("article.odt", "read as an OpenDocument text (.odt)"),
    ] {
        let got = polyalign()
            .args(["segment", "--lang", "uk"])
            .arg(format!("{FIXTURES}/{file}"))
            .output()
            .unwrap();
        assert!(
            got.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&got.stderr)
        );
        assert_eq!(
            String::from_utf8_lossy(&got.stdout),
            String::from_utf8_lossy(&want.stdout),
            "{file}"
        );
        assert!(
            String::from_utf8_lossy(&got.stderr).contains(says),
            "{file}"
        );
    }
}

#[test]
fn other_formats_are_named_with_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 3] = [
        (
            "old.doc",
            b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1\0\0\0\0",
            "Word 97-2003 document (.doc)",
        ),
        ("paper.pdf", b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n", "pdftotext"),
        ("notes.rtf", b"{\\rtf1\\ansi Hello}", "RTF"),
    ];
    for (name, bytes, says) in cases {
        let path = dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        let out = polyalign()
            .args(["segment", "--lang", "en"])
            .arg(&path)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(says) && err.contains(name), "{name}: {err}");
    }
    let out = polyalign()
        .args(["segment", "--lang", "en"])
        .arg(format!("{FIXTURES}/sheet.xlsx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("Excel workbook"));
}

#[test]
fn legacy_encodings_are_detected_said_and_aligned_like_utf8() {
    let samples = concat!(env!("CARGO_MANIFEST_DIR"), "/samples");
    let en = std::fs::read_to_string(format!("{samples}/harbour-bridge.en.txt")).unwrap();
    let ru = std::fs::read_to_string(format!("{samples}/harbour-bridge.ru.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (encoding_rs::WINDOWS_1251, "windows-1251"),
        (encoding_rs::KOI8_R, "KOI8-R"),
        (encoding_rs::IBM866, "IBM866"),
        (encoding_rs::ISO_8859_5, "ISO-8859-5"),
    ];
    let utf8 = polyalign()
        .args([
            "segment",
            "--lang",
            "ru",
            &format!("{samples}/harbour-bridge.ru.txt"),
        ])
        .output()
        .unwrap();
    for (encoding, name) in cases {
        // Characters the code page lacks (dashes, quotes) written as the code page can.
        let text: String = ru
            .chars()
            .map(|c| match c {
                '–' | '—' => '-',
                '«' | '»' | '„' | '“' | '”' => '"',
                '’' => '\'',
                '№' if encoding != encoding_rs::WINDOWS_1251 => 'N',
                c => c,
            })
            .collect();
        let (bytes, _, unmappable) = encoding.encode(&text);
        assert!(!unmappable, "{name}");
        let path = dir.path().join(format!("ru.{name}.txt"));
        std::fs::write(&path, &bytes).unwrap();
        let out = polyalign()
            .args(["segment", "--lang", "ru"])
            .arg(&path)
            .output()
            .unwrap();
        assert!(out.status.success(), "{name}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains(&format!("read as {name} (detected")),
            "{name}: {err}"
        );
        let got = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            got.lines().count(),
            String::from_utf8_lossy(&utf8.stdout).lines().count(),
            "{name}"
        );
        assert!(got.contains("Нордхавене"), "{name}");
    }
    // UTF-16 with a byte order mark, in `align`, which writes the same units as UTF-8.
    let mut en16 = vec![0xFF, 0xFE];
    en16.extend(en.encode_utf16().flat_map(u16::to_le_bytes));
    let en_path = dir.path().join("bridge.en.txt");
    std::fs::write(&en_path, en16).unwrap();
    let tmx = dir.path().join("out.tmx");
    let out = polyalign()
        .arg("align")
        .arg(&en_path)
        .arg(format!("{samples}/harbour-bridge.ru.txt"))
        .arg("-o")
        .arg(&tmx)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("read as UTF-16LE (byte order mark)"));
    assert!(std::fs::read_to_string(&tmx)
        .unwrap()
        .contains("The Harbour Bridge in Nordhaven"));
    // An unknown encoding name is a usage error.
    let out = polyalign()
        .args(["segment", "--lang", "ru", "--encoding", "klingon"])
        .arg(&en_path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--encoding klingon"));
}
